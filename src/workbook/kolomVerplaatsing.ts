/**
 * Plan columns that a refill writes in another sheet column than the plan has them (./samenvoegen `kolomVolgorde`:
 * a column Opgave added in a later version comes after the user's own columns at the end of a table), and the plan
 * rewritten for it: every A1 reference of a plan formula (blocks, table rows and totals, conditional formats,
 * validation lists) into a moved column points at the column where it is written. Pure: no exceljs, no host.
 *
 * The same reading of references moves a formula with its row (`verplaatsRij`, for a table the user sorted:
 * ./rijVolgorde) and lists what a formula reads (`verwijzingenIn`).
 *
 * References are found in the formula text outside string literals: an optional sheet prefix (Blad!, 'Blad naam'!),
 * a cell, and an optional second cell of a range (which belongs to the same sheet). Defined names and function
 * names are left alone (a name cannot look like a cell followed by no "(").
 */
import { adres, kolomLetters, kolomNummer, MAX_KOLOM, MAX_RIJ, rechthoekTussen, type Rechthoek } from "./a1";
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
  String.raw`(?<![A-Za-z0-9_.$'!\]\u00C0-\uFFFF])(?:${BLAD})?${CEL}(?::${CEL})?(?![A-Za-z0-9_(!.[\u00C0-\uFFFF])`,
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

/** One end of a reference as written: "$" or "", letters, "$" or "", row digits. */
type CelDelen = readonly [string, string, string, string];

/** A reference as written: its sheet (the formula's own when it has no prefix), its prefix, and one or two cells. */
interface Gevonden {
  readonly blad: string;
  readonly prefix: string;
  readonly eerste: CelDelen;
  readonly tweede?: CelDelen;
}

/** `formule` with every A1 reference outside string literals replaced by what `vervang` makes of it. */
function vervangVerwijzingen(formule: string, eigenBlad: string, vervang: (v: Gevonden) => string): string {
  // Odd parts are string literals ("…", quotes inside doubled): left as they are.
  return formule
    .split(/("(?:[^"]|"")*")/)
    .map((deel, i) =>
      i % 2 === 1
        ? deel
        : deel.replace(VERWIJZING, (...m: string[]) => {
            const [, quoted, plain, a1, a2, a3, a4, b1, b2, b3, b4] = m;
            return vervang({
              blad: quoted !== undefined ? quoted.replace(/''/g, "'") : (plain ?? eigenBlad),
              prefix: quoted !== undefined ? `'${quoted}'!` : plain !== undefined ? `${plain}!` : "",
              eerste: [a1 ?? "", a2 ?? "", a3 ?? "", a4 ?? ""],
              ...(b2 !== undefined ? { tweede: [b1 ?? "", b2, b3 ?? "", b4 ?? ""] as const } : {}),
            });
          }),
    )
    .join("");
}

/** The formula text of a cell on `eigenBlad` with its references into moved columns rewritten. */
export function verplaatsFormule(
  formule: string,
  eigenBlad: string,
  verplaatsingen: readonly Verplaatsing[],
): string {
  const zoek = (blad: string) => verplaatsingen.find((v) => v.blad.toLowerCase() === blad.toLowerCase());
  return vervangVerwijzingen(formule, eigenBlad, ({ blad, prefix, eerste, tweede }) => {
    const v = zoek(blad);
    const tekst = tweede ? `:${verplaatsCel(...tweede, v)}` : "";
    return `${prefix}${verplaatsCel(...eerste, v)}${tekst}`;
  });
}

/** An A1 reference of a formula: its sheet and the rectangle it spans. */
export interface A1Verwijzing {
  readonly blad: string;
  readonly rechthoek: Rechthoek;
}

/**
 * The A1 references of a formula (string literals left out), with their sheet: the named one, else `eigenBlad`.
 * Structured references, defined names and functions (`LOG10(`) are not A1 references.
 */
export function verwijzingenIn(formule: string, eigenBlad: string): A1Verwijzing[] {
  const uit: A1Verwijzing[] = [];
  vervangVerwijzingen(formule, eigenBlad, (v) => {
    const [, k1, , r1] = v.eerste;
    const [, k2, , r2] = v.tweede ?? v.eerste;
    uit.push({
      blad: v.blad,
      rechthoek: rechthoekTussen(Number(r1), kolomNummer(k1), Number(r2), kolomNummer(k2)),
    });
    return "";
  });
  return uit;
}

/**
 * `formule` as it reads over a block of `rijen` × `kolommen` cells from its own cell (a validation's rule or a
 * conditional format's formula over a range, written for its first cell): each reference as the rectangle it sweeps
 * over the block — a relative row or column moves along, an absolute one (`$`) does not (within Excel's grid).
 */
export function uitgestrekt(formule: string, eigenBlad: string, rijen: number, kolommen: number): string {
  if (rijen <= 1 && kolommen <= 1) return formule;
  const verder = (waarde: number, vast: string, met: number, max: number) =>
    vast === "$" ? waarde : Math.min(max, waarde + met - 1);
  return vervangVerwijzingen(formule, eigenBlad, ({ prefix, eerste, tweede }) => {
    const [k1, r1, k2, r2] = [eerste, tweede ?? eerste].flatMap(([d1, letters, d2, rij]) => [
      { van: kolomNummer(letters), tot: verder(kolomNummer(letters), d1, kolommen, MAX_KOLOM) },
      { van: Number(rij), tot: verder(Number(rij), d2, rijen, MAX_RIJ) },
    ]) as [Bereik, Bereik, Bereik, Bereik];
    const boven = { rij: Math.min(r1.van, r2.van), kolom: Math.min(k1.van, k2.van) };
    const onder = { rij: Math.max(r1.tot, r2.tot), kolom: Math.max(k1.tot, k2.tot) };
    return `${prefix}${adres(boven)}:${adres(onder)}`;
  });
}

/** Where one end of a reference is on one axis, at the block's first cell and at its last. */
interface Bereik {
  readonly van: number;
  readonly tot: number;
}

/**
 * The formula of a cell in row `van` of sheet `eigenBlad` as written in row `naar`: each cell reference on its own
 * sheet to row `van` (either end of a range) points at row `naar`, as Excel moves a formula with its row when it sorts.
 * Only for formulas whose references into the moved rows are all to their own row (./rijVolgorde).
 */
export function verplaatsRij(formule: string, eigenBlad: string, van: number, naar: number): string {
  if (van === naar) return formule;
  return volgRijen(formule, eigenBlad, (rij) => (rij === van ? naar : undefined));
}

/**
 * The formula of a cell of the user's that a refill writes in another row of its table (its row moved: a row came
 * back or went above it, a sorted table was put back): each reference on its own sheet to a row of the table as it
 * stood (`naar`: that row's new place, by its key) follows that row, as Excel moves references when rows are inserted
 * or deleted — `=G12+1` in row 12 reads its own row in row 13, `=R11+G12` still reads the period it read. Cells
 * outside the table (`naar` gives undefined), and other sheets, stay. A row that goes (`naar` gives null): an end of a
 * range on it moves to the nearest row of the range that stays, as Excel shrinks a range over deleted rows
 * (`SUM(P9:P34)` without row 34 reads `SUM(P9:P33)`); a reference to it alone stays as it is and is told to `weg`
 * (Excel would make it #VERW!: the caller names it).
 */
export function volgRijen(
  formule: string,
  eigenBlad: string,
  naar: (rij: number, kolom: number) => number | null | undefined,
  weg?: (rij: number, kolom: number) => void,
): string {
  const rij = ([d1, letters, d2]: CelDelen, nieuw: number) => `${d1}${letters}${d2}${nieuw}`;
  const enkel = (c: CelDelen) => {
    const [r, k] = [Number(c[3]), kolomNummer(c[1])];
    const n = naar(r, k);
    if (n === null) weg?.(r, k);
    return rij(c, n ?? r);
  };
  // An end of a range on a row that goes: the nearest row towards the other end that stays.
  const einde = (c: CelDelen, ander: number, stap: 1 | -1) => {
    const k = kolomNummer(c[1]);
    for (let r = Number(c[3]); stap === 1 ? r <= ander : r >= ander; r += stap) {
      const n = naar(r, k);
      if (n !== null) return rij(c, n ?? r);
    }
    return enkel(c);
  };
  return vervangVerwijzingen(formule, eigenBlad, ({ blad, prefix, eerste, tweede }) => {
    if (blad.toLowerCase() !== eigenBlad.toLowerCase())
      return `${prefix}${eerste.join("")}${tweede ? `:${tweede.join("")}` : ""}`;
    if (!tweede) return `${prefix}${enkel(eerste)}`;
    const [r1, r2] = [Number(eerste[3]), Number(tweede[3])];
    const [boven, onder] = r1 <= r2 ? ([1, -1] as const) : ([-1, 1] as const);
    return `${prefix}${einde(eerste, r2, boven)}:${einde(tweede, r1, onder)}`;
  });
}

/**
 * `formule` as Excel copies it `rijen` rows down and `kolommen` columns right (a table's calculated column filled
 * into a row): every relative row and column moves, an absolute one (`$`) stays, on any sheet. Undefined when a
 * reference would leave Excel's grid (Excel writes #REF! there).
 */
export function gekopieerd(
  formule: string,
  eigenBlad: string,
  rijen: number,
  kolommen: number,
): string | undefined {
  if (rijen === 0 && kolommen === 0) return formule;
  let buiten = false;
  const cel = ([d1, letters, d2, r]: CelDelen) => {
    const kolom = d1 === "$" ? kolomNummer(letters) : kolomNummer(letters) + kolommen;
    const rij = d2 === "$" ? Number(r) : Number(r) + rijen;
    if (kolom < 1 || kolom > MAX_KOLOM || rij < 1 || rij > MAX_RIJ) buiten = true;
    return `${d1}${kolomLetters(Math.max(1, kolom))}${d2}${rij}`;
  };
  const uit = vervangVerwijzingen(
    formule,
    eigenBlad,
    ({ prefix, eerste, tweede }) => `${prefix}${cel(eerste)}${tweede ? `:${cel(tweede)}` : ""}`,
  );
  return buiten ? undefined : uit;
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
