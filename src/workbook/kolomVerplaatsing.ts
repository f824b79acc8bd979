/**
 * Plan columns that a refill writes in another sheet column than the plan has them (./samenvoegen `kolomVolgorde`:
 * a column Opgave added in a later version comes after the user's own columns at the end of a table), and the plan
 * rewritten for it: every A1 reference of a plan formula (blocks, table rows and totals, conditional formats,
 * validation lists) into a moved column points at the column where it is written. Pure: no exceljs, no host.
 *
 * References are found in the formula text outside string literals: an optional sheet prefix (Blad!, 'Blad naam'!),
 * a cell, and an optional second cell of a range (which belongs to the same sheet). Defined names and function
 * names are left alone (a name cannot look like a cell followed by no "(").
 */
import { kolomLetters, kolomNummer } from "./a1";
import {
  isFormule,
  type BladPlan,
  type Cel,
  type TabelPlan,
  type Validatie,
  type WerkboekPlan,
} from "./plan";

/** Sheet columns of `blad` that move, from row `vanafRij` on (a table's header row and below). */
export interface Verplaatsing {
  readonly blad: string;
  readonly vanafRij: number;
  /** 1-based sheet column in the plan → 1-based sheet column where it is written. */
  readonly kolommen: ReadonlyMap<number, number>;
}

/**
 * The move of table `plan` on sheet `blad` when its columns are written at `plaatsen` (per plan column, the index
 * it is written at: ./samenvoegen `planKolomPlaatsen`).
 */
export function tabelVerplaatsing(blad: string, plan: TabelPlan, plaatsen: readonly number[]): Verplaatsing {
  const kolommen = new Map<number, number>();
  plaatsen.forEach((p, j) => {
    if (p !== j) kolommen.set(plan.start.kolom + j, plan.start.kolom + p);
  });
  return { blad, vanafRij: plan.start.rij, kolommen };
}

const CEL = String.raw`(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})`;
const BLAD = String.raw`(?:'((?:[^']|'')+)'|([A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*))!`;
/** prefix? cell (":" cell)?, not inside a word and not a function name. */
const VERWIJZING = new RegExp(
  String.raw`(?<![A-Za-z0-9_.$'!\u00C0-\uFFFF])(?:${BLAD})?${CEL}(?::${CEL})?(?![A-Za-z0-9_(!\u00C0-\uFFFF])`,
  "g",
);

function verplaatsCel(
  d1: string,
  letters: string,
  d2: string,
  rij: string,
  v: Verplaatsing | undefined,
): string {
  const naar = v && Number(rij) >= v.vanafRij ? v.kolommen.get(kolomNummer(letters)) : undefined;
  return `${d1}${naar === undefined ? letters : kolomLetters(naar)}${d2}${rij}`;
}

/** The formula text of a cell on `eigenBlad` with its references into moved columns rewritten. */
export function verplaatsFormule(
  formule: string,
  eigenBlad: string,
  verplaatsingen: readonly Verplaatsing[],
): string {
  const zoek = (blad: string) => verplaatsingen.find((v) => v.blad.toLowerCase() === blad.toLowerCase());
  // Odd parts are string literals ("…", quotes inside doubled): left as they are.
  return formule
    .split(/("(?:[^"]|"")*")/)
    .map((deel, i) =>
      i % 2 === 1
        ? deel
        : deel.replace(VERWIJZING, (...m: string[]) => {
            const [, quoted, plain, a1, a2, a3, a4, b1, b2, b3, b4] = m;
            const bladNaam = quoted !== undefined ? quoted.replace(/''/g, "'") : (plain ?? eigenBlad);
            const v = zoek(bladNaam);
            const prefix = quoted !== undefined ? `'${quoted}'!` : plain !== undefined ? `${plain}!` : "";
            const eerste = verplaatsCel(a1 ?? "", a2 ?? "", a3 ?? "", a4 ?? "", v);
            const tweede = b2 !== undefined ? `:${verplaatsCel(b1 ?? "", b2, b3 ?? "", b4 ?? "", v)}` : "";
            return `${prefix}${eerste}${tweede}`;
          }),
    )
    .join("");
}

/** The plan with every formula's references into moved columns rewritten (the plan itself is not changed). */
export function verplaatsPlan(plan: WerkboekPlan, verplaatsingen: readonly Verplaatsing[]): WerkboekPlan {
  if (verplaatsingen.length === 0) return plan;
  return { ...plan, bladen: plan.bladen.map((b) => verplaatsBlad(b, verplaatsingen)) };
}

function verplaatsBlad(blad: BladPlan, v: readonly Verplaatsing[]): BladPlan {
  const f = (tekst: string) => verplaatsFormule(tekst, blad.naam, v);
  const cel = (c: Cel): Cel => (isFormule(c) ? { formule: f(c.formule) } : c);
  const validatie = (x: Validatie | undefined) =>
    x?.lijst ? { validatie: { ...x, lijst: f(x.lijst) } } : {};
  return {
    ...blad,
    blokken: blad.blokken.map((b) => ({ ...b, cellen: b.cellen.map((r) => r.map(cel)) })),
    invoercellen: blad.invoercellen.map((i) => ({ ...i, ...validatie(i.validatie) })),
    tabellen: blad.tabellen.map((t) => ({
      ...t,
      kolommen: t.kolommen.map((k) => ({ ...k, ...validatie(k.validatie) })),
      rijen: t.rijen.map((r) => r.map(cel)),
      ...(t.totaal ? { totaal: t.totaal.map(cel) } : {}),
      ...(t.opmaak
        ? {
            opmaak: t.opmaak.map((o) => ({
              ...o,
              formule: f(o.formule),
              ...(o.eerder ? { eerder: o.eerder.map(f) } : {}),
            })),
          }
        : {}),
    })),
  };
}
