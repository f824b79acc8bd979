/**
 * A column of the user's own in one of Opgave's tables whose rows all hold one formula — a calculated column, as
 * Excel makes one when a formula is typed into a table's column, or a formula filled down — gets that formula in the
 * rows a refill adds (a half-year, a gemeente back), as Excel fills a calculated column into a row inserted into its
 * table: `=G8*2` in every row reads `=G12*2` in a new row 12. Before, such a row was left empty there, without a word,
 * and a sum over the column missed it. Each column filled is reported as a change (its rows, its first formula). A
 * column whose rows differ (one overwritten by hand, a first row of its own) is not a calculated column: left as it
 * was — unless the table part says it is one (Excel's `calculatedColumnFormula`, `OudeFormules.berekend`): then a
 * cell typed over is Excel's exception to its column and the rows that hold the formula decide, as Excel fills the
 * column's formula into a row inserted into the table whatever one cell holds. Both writers. Pure.
 */
import { adres, bladVerwijzing } from "./a1";
import { gekopieerd } from "./kolomVerplaatsing";
import { isFormule, type BlokPlan, type Cel, type TabelPlan, type Waarde } from "./plan";
import {
  isEigenKolom,
  sleutelIndex,
  sleutelTekst,
  type SamengevoegdeTabel,
  type Wijziging,
} from "./samenvoegen";

/** The old table's cells as the writer read them: where its data rows started, and each row's key and formulas. */
export interface OudeFormules {
  /** The sheet: references without a sheet name are to it. */
  readonly blad: string;
  /** The sheet row of the old table's first data row. */
  readonly eersteRij: number;
  /** Each old data row's key (`sleutelTekst`), in the table's order. */
  readonly sleutels: readonly string[];
  /** The sheet column of the old table's column with this header, if it had one. */
  kolom(kop: string): number | undefined;
  /** The formula (without "=") of old data row `i` in the column with this header; undefined for anything else. */
  formule(i: number, kop: string): string | undefined;
  /**
   * Whether the table part marks the column with this header as calculated (Excel's `calculatedColumnFormula`; the
   * .xlsx writer reads it, Office.js cannot).
   */
  berekend?(kop: string): boolean;
  /**
   * What old data row `i` holds in the column with this header where that is not a formula (a value typed over one
   * of Opgave's formulas); undefined for a formula or an empty cell (`getypteWaarden`).
   */
  getypt?(i: number, kop: string): Waarde | undefined;
}

/** The rows a calculated column is made of at the least: one formula in one row says nothing about a column. */
const MINSTE_RIJEN = 2;

/**
 * The formula of a calculated column (as written in the old first data row), or undefined when the column's rows
 * do not all hold one formula (each copied back to the first row: the same text). In a column the table part marks
 * as calculated, a row without a formula (a value typed over it) is passed over; those with one decide.
 */
function kolomFormule(oud: OudeFormules, kop: string): string | undefined {
  const uitzondering = oud.berekend?.(kop) === true;
  let eerste: string | undefined;
  let rijen = 0;
  for (let i = 0; i < oud.sleutels.length; i++) {
    const f = oud.formule(i, kop);
    if (f === undefined && uitzondering) continue;
    const terug = f === undefined ? undefined : gekopieerd(f, oud.blad, -i, 0);
    if (terug === undefined || (eerste !== undefined && terug !== eerste)) return undefined;
    eerste = terug;
    rijen++;
  }
  return rijen < MINSTE_RIJEN ? undefined : eerste;
}

/**
 * `res` (the merge of `plan` with the old table) with the formula of each calculated column of the user's filled
 * into the rows it adds, and a change reported for each column filled.
 */
export function metBerekendeKolommen(
  plan: TabelPlan,
  res: SamengevoegdeTabel,
  oud: OudeFormules,
): SamengevoegdeTabel {
  const si = res.kolommen.findIndex((k) => !isEigenKolom(k) && k.sleutel === plan.sleutelKolom);
  const oudeSleutels = new Set(oud.sleutels);
  const nieuw = res.rijen.flatMap((r, i) => {
    const s = sleutelTekst(r[si] as Waarde | undefined);
    return s !== "" && !oudeSleutels.has(s) ? [{ i, s }] : [];
  });
  if (si < 0 || nieuw.length === 0) return res;
  const rijen: Cel[][] = res.rijen.map((r) => [...r]);
  const wijzigingen: Wijziging[] = [];
  res.kolommen.forEach((k, j) => {
    const kolom = oud.kolom(k.kop);
    const formule = isEigenKolom(k) && kolom !== undefined ? kolomFormule(oud, k.kop) : undefined;
    if (formule === undefined || kolom === undefined) return;
    const gevuld: { s: string; plek: string; formule: string }[] = [];
    for (const { i, s } of nieuw) {
      const plek = { rij: plan.start.rij + 1 + i, kolom: plan.start.kolom + j };
      const daar = gekopieerd(formule, oud.blad, plek.rij - oud.eersteRij, plek.kolom - kolom);
      const rij = rijen[i];
      if (daar === undefined || !rij || (rij[j] ?? null) !== null) continue;
      rij[j] = { formule: `=${daar}` };
      gevuld.push({ s, plek: adres(plek), formule: `=${daar}` });
    }
    // One change per column (a report shows its first lines only), with the first cell's formula.
    const naar = gevuld.map((g) => `${g.s} (${g.plek})`);
    const lijst =
      naar.length > 1 ? `${naar.slice(0, -1).join(", ")} en ${naar.at(-1) ?? ""}` : (naar[0] ?? "");
    if (gevuld[0])
      wijzigingen.push({
        plek: `${plan.naam}: formule van uw kolom "${k.kop}" doorgetrokken naar ${lijst}`,
        oud: null,
        nieuw: gevuld[0].formule,
      });
  });
  if (wijzigingen.length === 0) return res;
  return { ...res, rijen, wijzigingen: [...res.wijzigingen, ...wijzigingen] };
}

/** A value as a message names it: a number as Excel shows it in Dutch, a text between quotes. */
function getypteTekst(w: Waarde): string {
  if (typeof w === "number") return `getal ${w.toLocaleString("nl-NL", { maximumFractionDigits: 10 })}`;
  if (typeof w === "boolean") return `waarde ${w ? "WAAR" : "ONWAAR"}`;
  return `tekst "${String(w)}"`;
}

/**
 * The values the user typed over Opgave's formulas in a table (a figure "corrected" by hand): a refill writes the
 * plan's formula there again, so each is named, in Dutch, before anything is written (the .xlsx writer with what
 * would be lost, the Office.js writer asks) — "getal 999 van u in Taakstelling!I8 (tabel Opgave_Taakstelling,
 * 2016-II, kolom Achterstand) staat op een formule van Opgave; bij opnieuw vullen komt die formule terug". Only
 * rows whose key the plan still has, in columns where the plan writes a formula. Both writers.
 */
export function getypteWaarden(plan: TabelPlan, oud: OudeFormules): string[] {
  const getypt = oud.getypt;
  if (!getypt) return [];
  const si = sleutelIndex(plan);
  const planRijen = new Map(plan.rijen.map((r) => [sleutelTekst(r[si] as Waarde | undefined), r]));
  const uit: string[] = [];
  oud.sleutels.forEach((s, i) => {
    const rij = planRijen.get(s);
    if (s === "" || !rij) return;
    plan.kolommen.forEach((k, j) => {
      const kolom = oud.kolom(k.kop);
      const w = kolom === undefined || !isFormule(rij[j] ?? null) ? undefined : getypt(i, k.kop);
      if (w === undefined || kolom === undefined || w === null || w === "") return;
      const cel = adres({ rij: oud.eersteRij + i, kolom });
      uit.push(
        `${getypteTekst(w)} van u in ${bladVerwijzing(oud.blad)}!${cel} (tabel ${plan.naam}, ${s}, kolom ${k.kop}) staat op een ` +
          "formule van Opgave; bij opnieuw vullen komt die formule terug",
      );
    });
  });
  return uit;
}

/**
 * The values the user typed over Opgave's formulas in a block (a key figure on Overzicht, a result on Kosten): as
 * in a table (`getypteWaarden`), a refill writes the formula again, so each is named before anything is written —
 * "getal 60.000.000 van u in Kosten!B10 (Jaarkosten opvang (€)) staat op een formule van Opgave; …". `oud`: the
 * value in the block's cell `i`, `j` now, when it holds no formula (undefined for a formula, or not read). Both
 * writers.
 */
export function getypteBlokwaarden(
  blad: string,
  blok: BlokPlan,
  oud: (i: number, j: number) => Waarde | undefined,
): string[] {
  const uit: string[] = [];
  blok.cellen.forEach((rij, i) =>
    rij.forEach((c, j) => {
      const w = isFormule(c) ? oud(i, j) : undefined;
      if (w === undefined || w === null || w === "") return;
      const cel = adres({ rij: blok.start.rij + i, kolom: blok.start.kolom + j });
      const label = j > 0 && typeof rij[0] === "string" && rij[0] !== "" ? ` (${rij[0]})` : "";
      uit.push(
        `${getypteTekst(w)} van u in ${bladVerwijzing(blad)}!${cel}${label} staat op een formule van Opgave; bij ` +
          "opnieuw vullen komt die formule terug",
      );
    }),
  );
  return uit;
}
