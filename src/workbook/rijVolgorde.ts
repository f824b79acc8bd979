/**
 * The order of a table's rows on a refill. A user who sorts a table in Excel (the province's gemeenten by
 * achterstand) moves its rows, and a formula of theirs that reads a row (`=Provincie!F12`) means the gemeente now
 * there. A refill that wrote the rows back in the plan's order would give that formula another gemeente's number,
 * silently; so would one that put a gemeente new to the table (a herindeling) in the middle. So ./samenvoegen keeps
 * the order the rows have, new rows at the end, where the plan's formulas allow it: when every
 * reference into the table's rows is to a formula's own row or to the whole column (the rows can be sorted as
 * Excel sorts them, each formula moving with its row: ./kolomVerplaatsing `verplaatsRij`). A table whose formulas
 * read other rows (Taakstelling: each half-year continues from the one above) is written in the plan's order, and
 * the refill says so. Pure: no exceljs, no host.
 */
import { verwijzingenIn, type A1Verwijzing } from "./kolomVerplaatsing";
import { isFormule, type Cel, type TabelPlan, type WerkboekPlan } from "./plan";

/** A formula of the plan: its sheet, and the table row it stands in (when it is one). */
interface PlanFormule {
  readonly blad: string;
  readonly formule: string;
  readonly tabel?: string;
  readonly rij?: number;
}

function formulesVan(cellen: readonly (Cel | undefined)[]): string[] {
  return cellen.flatMap((c) => (c !== undefined && isFormule(c) ? [c.formule] : []));
}

/** Every formula of the plan's blocks, table rows and totals rows. */
function planFormules(plan: WerkboekPlan): PlanFormule[] {
  return plan.bladen.flatMap((b) => [
    ...b.blokken.flatMap((k) => formulesVan(k.cellen.flat()).map((formule) => ({ blad: b.naam, formule }))),
    ...b.tabellen.flatMap((t) => [
      ...t.rijen.flatMap((r, i) =>
        formulesVan(r).map((formule) => ({ blad: b.naam, formule, tabel: t.naam, rij: t.start.rij + 1 + i })),
      ),
      ...formulesVan(t.totaal ?? []).map((formule) => ({ blad: b.naam, formule })),
    ]),
  ]);
}

/** Whether reference `ref` of formula `f` leaves table `t` (on sheet `blad`) free to be sorted. */
function laatVrij(ref: A1Verwijzing, f: PlanFormule, blad: string, t: TabelPlan): boolean {
  const v = ref.rechthoek;
  const [r1, r2] = [t.start.rij + 1, t.start.rij + t.rijen.length];
  const [k1, k2] = [t.start.kolom, t.start.kolom + t.kolommen.length - 1];
  const [v1, v2] = [v.rij, v.rij + v.rijen - 1];
  const raakt = v2 >= r1 && v1 <= r2 && v.kolom + v.kolommen - 1 >= k1 && v.kolom <= k2;
  if (ref.blad.toLowerCase() !== blad.toLowerCase() || !raakt) return true;
  if (v1 <= r1 && v2 >= r2) return true;
  return f.tabel === t.naam && v1 === f.rij && v2 === f.rij;
}

/**
 * The tables of `plan` whose rows may stay in the order the user gave them: every reference of every plan formula
 * into their rows is to the formula's own row (in the table) or spans all of them.
 */
export function vrijeRijvolgorde(plan: WerkboekPlan): ReadonlySet<string> {
  const formules = planFormules(plan).map((f) => ({ f, verwijzingen: verwijzingenIn(f.formule, f.blad) }));
  const vrij = new Set<string>();
  for (const b of plan.bladen)
    for (const t of b.tabellen)
      if (formules.every(({ f, verwijzingen }) => verwijzingen.every((v) => laatVrij(v, f, b.naam, t))))
        vrij.add(t.naam);
  return vrij;
}

/** `vrijeRijvolgorde` asked per table, worked out once and only when asked (only when a row would move: rare). */
export function rijvolgordeVrij(plan: WerkboekPlan): (tabel: string) => boolean {
  let vrij: ReadonlySet<string> | undefined;
  return (tabel) => (vrij ??= vrijeRijvolgorde(plan)).has(tabel);
}
