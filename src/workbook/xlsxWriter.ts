/**
 * Applies a workbook plan (./plan) to an .xlsx file with exceljs. Runs in Node (CLI `opgave vul`) and in the
 * browser (task pane download): no Node-only APIs here.
 *
 * Refill (`bestaand` given): the existing workbook is loaded and only what the plan owns is rewritten.
 * - A plan table is found by its Excel table name (anywhere in the workbook); when the file has no such table
 *   (e.g. a spreadsheet program saved it as a plain range) it is found by its header row at the plan's start
 *   cell (the key column's header must be there). Its rows are merged with `samenvoegenTabel`: user input (input
 *   columns, the user's own extra columns, rows whose key disappeared) is kept exactly as it was — the original
 *   cell, so a formula or date the user typed stays a formula or date; one that goes to another row with its row
 *   keeps reading the rows it read (`metRij`) — and plan values and formulas are rewritten.
 * - A table edited out of shape (key or input column renamed or removed, duplicate keys, or the new size would
 *   overwrite cells the user filled next to it) is skipped and reported, never overwritten.
 * - Named input cells (workbook defined names) keep a non-empty user value (`samenvoegenInvoer`).
 * - Sheets not in the plan and cells outside the plan are not touched. Plan blocks are rewritten; a changed plan
 *   value is reported as a change, and so is a table row that appears or goes (rows with user input whose key
 *   disappeared are kept at the end of the table and reported as orphans).
 * - Column widths are set only where the sheet has none yet.
 * - Strings are always written as text (a feed string "=HYPERLINK(…)" stays text); formulas only come from
 *   `Formule` objects. The workbook is marked for a full recalculation on open.
 * - A column of the user's own between Opgave's columns of a table (matched by header) stays where the user put it:
 *   Opgave's columns after it are written where they stand and the plan's formulas follow them (./kolomVerplaatsing).
 *   Where it stands left of other cells of Opgave's on the sheet (`TabelPlan.eigenKolomVanaf`: inserting a sheet
 *   column there moved those too), or Opgave's columns are out of their order, it would move and shift Opgave's
 *   columns under the user's formulas: the writer refuses (EigenKolomFout), nothing is written. A
 *   column after Opgave's last column stays at the end.
 * - What exceljs drops on load is kept where it can be: notes on empty cells (read from the comments parts and put
 *   back); hyperlinks (./xlsxHyperlinks: taken off before exceljs reads a sheet, put back after it wrote); row breaks
 *   (`zetRijEinden`; the graft puts back column breaks); number format and fill of named input cells and of empty
 *   input cells in tables stay as they were.
 * - A note or hyperlink on a cell of an Opgave table goes with its row (by key) and column (by header); a
 *   conditional format or validation of the user's over a table column's data rows follows the table; one on some
 *   of its rows stays on its cells and is named where such a row will hold another gemeente.
 * - Opgave's sheets, as exceljs wrote them, are grafted into the original package (./xlsxEnten): every other part
 *   of the file stays byte for byte (the user's sheets, external links, connections, pivot tables, …). A package
 *   the graft does not handle is written whole by exceljs, as before.
 * - Whatever still would be lost — parts exceljs does not understand on Opgave's sheets (or anywhere, without the
 *   graft: charts the user made, pivot tables, …), and, compared part by part with the written file, notes, data
 *   validations, conditional formats, extLst extensions, protection, page breaks, the user's charts, pictures and
 *   shapes, external links (./xlsxOnderdelen) — is named,
 *   and the writer refuses (VerliesFout) unless `verliesToestaan` is set; then the report lists exactly those
 *   (`verloren`). Nothing is lost without the user confirming.
 * Charts of the plan are injected after exceljs has written the file (./xlsxOnderdelen), before the graft; one whose
 * table the refill skips is not drawn, and where the file had it, it is named with the losses (`grafiekenWeg`).
 */
import ExcelJS from "exceljs";
// Mends faults of exceljs (a sheet's <sheetPr>, a one-cell anchor, a folded group's marker) for every read and write
// (./exceljsReparaties).
import { ingeklapt } from "./exceljsReparaties";
import {
  afdrukBereik,
  afdrukVoor,
  gelatenGebieden,
  gevondenHoogtes,
  metVerplaatsteKolommen,
  zetAfdrukXlsx,
  zonderOvergeslagen,
} from "./afdruk";
import { rijvolgordeVrij } from "./rijVolgorde";
import {
  absoluteVerwijzing,
  adres,
  bevatEen,
  bladVerwijzing,
  decodeerBereik,
  kolomLetters,
  rechthoekTussen,
  type Positie,
  type Rechthoek,
} from "./a1";
import { BLADEN, NOTATIE } from "./indeling";
import {
  blokNotatie,
  isFormule,
  type BladPlan,
  type Cel,
  type Kolom,
  type TabelPlan,
  type VulRapport,
  type Waarde,
  type WerkboekPlan,
} from "./plan";
import {
  bladVerschuiving,
  blokWijzigingen,
  cellenNaarOvergeslagen,
  controleerSleutels,
  eigenKolommenBinnen,
  geraakteTabel,
  planGebied,
  tabelVerwijstNaar,
  tussenTekst,
  verwijstNaarOvergeslagen,
  metRuimteVoorEigenKolommen,
  hervulNotatie,
  blokEnInvoerRechthoeken,
  isEigenKolom,
  isTotaalrijVerlies,
  isLeeg,
  invoerCelAfwijking,
  onderwerpIn,
  opHunPlaats,
  planRechthoeken,
  samenvoegenInvoer,
  samenvoegenTabel,
  sleutelIndex,
  planKolomPlaatsen,
  sleutelKop,
  sleutelTekst,
  tabelEldersReden,
  weigeringTekst,
  weigeringVoorWerkboek,
  type BestaandeTabel,
  type BestaandWerkboek,
  type SamengevoegdeTabel,
  type TabelGebied,
  type Weigering,
  type Wijziging,
} from "./samenvoegen";
import { celWaarde, excelTabel, isFormuleWaarde, naamCel, tabelBereik, waardeVan } from "./xlsxCel";
import { entInOrigineel, kanEnten as kanWordenGeent } from "./xlsxEnten";
import { delenVoorSamenvoegen } from "./xlsxInlezen";
import { laadDelen } from "./exceljsLaden";
import {
  hyperlinkNaam,
  hyperlinksApart,
  hyperlinksVerloren,
  nieuweRef,
  zetHyperlinks,
  type Hyperlink,
  type HyperlinksPerBlad,
} from "./xlsxHyperlinks";
import { tabelVerplaatsing, verplaatsPlan, volgRijen, type Verplaatsing } from "./kolomVerplaatsing";
import {
  getypteBlokwaarden,
  getypteWaarden,
  metBerekendeKolommen,
  type OudeFormules,
} from "./berekendeKolom";
import { zetResultaten } from "./xlsxResultaten";
import {
  gelezenRijenAdvies,
  gelezenRijTekst,
  gelezenVerschovenRijen,
  rijenNaar,
  vervallenRij,
  tabelRijen,
  type Aantekening,
  type FormuleVanGebruiker,
  type GelezenRij,
  type TabelRijen,
} from "./rijBetekenis";
import { formulesVanGebruiker } from "./xlsxFormules";
import { invoercontrole, type GeschrevenVorm, type Invoercontrole } from "./invoercontrole";
import {
  isEigenVerlies,
  nieuweEigenOnderdelen,
  pasInvoercontroleToe,
  validatiesPerBereik,
  validatiesVanGebruiker,
  volgValidaties,
} from "./xlsxInvoercontrole";
import Zip, { vergeet } from "./zip";
import {
  berekendeKolommen,
  bladenMetOpgaveGrafiek,
  getekendOp,
  leesNotities,
  paginaEindeNaam,
  paginaEindenPerBlad,
  type PaginaEinde,
  zetNotitiesTerug,
  verliesBijHerschrijven,
  verliesNaSchrijven,
  voegGrafiekenToe,
  type GrafiekSpec,
} from "./xlsxOnderdelen";

export { celWaarde, waardeVan } from "./xlsxCel";

export interface XlsxRapport extends VulRapport {
  /** Dutch reasons for tables that were not updated. */
  readonly overgeslagen: string[];
  /** What the old workbook held and the new one does not (only with `verliesToestaan`), by name, in Dutch. */
  readonly verloren: string[];
  /**
   * Formulas of the user's that read another row after this refill (only with `verliesToestaan`: ./rijBetekenis),
   * in Dutch.
   */
  readonly andereRij: string[];
}

export interface SchrijfOpties {
  /** The user confirmed that parts exceljs cannot keep (their own charts, pivot tables, …) may be lost. */
  readonly verliesToestaan?: boolean;
  /** false: the full exceljs rewrite, no graft (the writer's own fallback when a graft cannot be made). */
  readonly enten?: boolean;
}

/**
 * The existing workbook has parts a rewrite would drop; the user must confirm first. `inExcel`: the add-in in Excel
 * would keep them (not so for the order of a sorted table, which it puts back too).
 */
export class VerliesFout extends Error {
  /** What would be lost, then `andereRijen`. */
  readonly onderdelen: readonly string[];

  /**
   * `verloren`: what would be lost; `andereRijen` (./rijBetekenis `gelezenRijTekst`): formulas, cells, notes and
   * formats of the user's that would meet other rows (nothing of them is lost, their meaning changes).
   */
  constructor(
    verloren: readonly string[],
    inExcel = true,
    advies?: string,
    andereRijen: readonly string[] = [],
  ) {
    const bevestig =
      verloren.length === 0
        ? "Bevestig dat dat mag."
        : inExcel
          ? "Vul het werkboek opnieuw met de invoegtoepassing in Excel, of bevestig dat deze onderdelen verloren mogen gaan."
          : "Bevestig dat dit verloren mag gaan.";
    super(
      [
        ...(verloren.length > 0
          ? [
              `Het werkboek bevat onderdelen die Opgave bij opnieuw vullen niet kan bewaren: ${verloren.join(", ")}.`,
            ]
          : []),
        ...(andereRijen.length > 0
          ? [
              `Na opnieuw vullen treffen formules, cellen, notities of opmaak van u andere rijen: ${andereRijen.join("; ")}.`,
            ]
          : []),
        bevestig,
        ...(advies ? [`Of ${advies}.`] : []),
      ].join(" "),
    );
    this.name = "VerliesFout";
    this.onderdelen = [...verloren, ...andereRijen];
  }
}

/**
 * A table holds a column of the user's own between Opgave's columns where it cannot stay (left of other cells of
 * Opgave's on the sheet, or Opgave's columns out of their order). The writer would move it to the end and so shift
 * Opgave's columns under the user's formulas; it refuses instead (nothing is written), whatever the user confirmed:
 * the user moves the column first.
 */
export class EigenKolomFout extends Error {
  constructor(readonly kolommen: readonly string[]) {
    super(
      `Opgave kan het werkboek niet opnieuw vullen: ${kolommen.join("; ")}. ` +
        "Opnieuw vullen zou de kolommen van Opgave verschuiven, zodat formules die naar die kolommen verwijzen " +
        "ongemerkt een andere kolom lezen. Verplaats uw kolom naar het eind van de tabel (na de laatste kolom van " +
        "Opgave), naar een plek in de tabel waar hij kan blijven staan, of buiten de tabel, en probeer het dan opnieuw.",
    );
    this.name = "EigenKolomFout";
  }
}

/**
 * The existing workbook is not this plan's to fill (./samenvoegen `weigeringVoorWerkboek`): Opgave's workbook of
 * another subject, or one with a sheet of the user's under the name of one of Opgave's. Nothing is written.
 */
export class WerkboekWeigering extends Error {
  constructor(readonly weigering: Weigering) {
    super(weigeringTekst(weigering, "Het werkboek"));
    this.name = "WerkboekWeigering";
  }
}

/** A table the user sorted, written back in the plan's order: rows move, so it is named with the losses. */
function volgordeVerlies(tabel: string): string {
  return `de volgorde van de rijen van tabel ${tabel} (u sorteerde ze; Opgave zet ze terug, want de formules rekenen van rij tot rij)`;
}

/** Fill colour of cells the user may fill in. */
const INVOER_KLEUR = "FFFFF2CC";
const TABEL_STIJL = "TableStyleLight9";

type RauweCel = { value: ExcelJS.CellValue; style: Partial<ExcelJS.Style> };

interface Gebied {
  readonly blad: string;
  readonly rij1: number;
  readonly kol1: number;
  readonly rij2: number;
  readonly kol2: number;
}

function binnen(g: Gebied | undefined, blad: string, rij: number, kol: number): boolean {
  return !!g && g.blad === blad && rij >= g.rij1 && rij <= g.rij2 && kol >= g.kol1 && kol <= g.kol2;
}

// ---------------------------------------------------------------------------------------------------------
// Values between exceljs and the plan

function celNaarExcel(c: Cel): ExcelJS.CellValue {
  if (isFormule(c)) return { formula: c.formule.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
  // A string is a string: exceljs writes it as a shared string, never as a formula.
  return c;
}

/**
 * The original cell, with a shared formula made into a plain one (its master may move). `stijlen`: copies of the
 * styles read so far, by exceljs's style object (the cells of a table share a few): one copy per style, so a
 * style kept from it must be copied again when given to a cell (`kopie`).
 */
function rauw(cel: ExcelJS.Cell, stijlen?: Map<Partial<ExcelJS.Style>, Partial<ExcelJS.Style>>): RauweCel {
  let value = cel.value;
  if (isFormuleWaarde(value)) {
    value = { formula: cel.formula, result: cel.result } as ExcelJS.CellFormulaValue;
  }
  return { value, style: stijlKopie(cel, stijlen) };
}

/** A copy of the cell's style, one per style object read so far (see `rauw`). */
function stijlKopie(
  cel: ExcelJS.Cell,
  stijlen?: Map<Partial<ExcelJS.Style>, Partial<ExcelJS.Style>>,
): Partial<ExcelJS.Style> {
  const stijl = cel.style ?? {};
  let eigen = stijlen?.get(stijl);
  if (eigen === undefined) {
    eigen = kopie(stijl);
    stijlen?.set(stijl, eigen);
  }
  return eigen;
}

/**
 * A deep copy of a style (plain objects, arrays, strings, numbers): exceljs shares one style object between the
 * cells of a style and changes it in place (`cel.numFmt = …`), so a kept style must be a copy of its own.
 */
function kopie<T>(w: T): T {
  if (typeof w !== "object" || w === null) return w;
  if (Array.isArray(w)) return w.map(kopie) as T;
  const uit: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(w)) if (v !== undefined) uit[k] = kopie(v);
  return uit as T;
}

// ---------------------------------------------------------------------------------------------------------
// Reading an existing table

/** The notes of a workbook as ./xlsxOnderdelen `leesNotities` reads them: sheet → cell → text runs. */
type OudeNotities = Awaited<ReturnType<typeof leesNotities>>;

interface GelezenTabel {
  readonly gebied: Gebied;
  readonly bestaand: BestaandeTabel;
  /**
   * Original cells by data row index and header (cells of one style share its copy: `kopie` before use); in a
   * column `leesGebied` does not read, only the style (the value null).
   */
  readonly rauw: readonly Map<string, RauweCel>[];
  /** The style of each header cell that has one, by header: the user's (Opgave styles its headers by table style). */
  readonly kopStijlen: ReadonlyMap<string, Partial<ExcelJS.Style>>;
  readonly excelTabel: boolean;
  /** By data row index and header: a value the user typed in a column `leesGebied` does not read (over a formula). */
  readonly getypt: readonly ReadonlyMap<string, Waarde>[];
}

/**
 * The table in `g` as it is: headers, values and original cells. The values of columns under a header in
 * `ongelezen` (Opgave's formula columns: rewritten, and their old values used nowhere) are not read (null); their
 * cells' styles are (the user's formatting on them stays), and a value typed there over the formula (`getypt`: the
 * refill names it before it writes the formula again, ./berekendeKolom `getypteWaarden`).
 */
function leesGebied(
  ws: ExcelJS.Worksheet,
  g: Gebied,
  excelTabel: boolean,
  ongelezen: ReadonlySet<string>,
): GelezenTabel {
  const koppen = koppenIn(ws, g.rij1, g.kol1, g.kol2);
  const lezen = koppen.map((k) => !ongelezen.has(k));
  const rijen: Waarde[][] = [];
  const rauwe: Map<string, RauweCel>[] = [];
  const getypt: Map<string, Waarde>[] = [];
  const stijlen = new Map<Partial<ExcelJS.Style>, Partial<ExcelJS.Style>>();
  for (let r = g.rij1 + 1; r <= g.rij2; r++) {
    const rij: Waarde[] = [];
    const m = new Map<string, RauweCel>();
    const overFormule = new Map<string, Waarde>();
    // By row, then column: `ws.getCell(r, k)` builds an A1 address for every cell.
    const excelRij = ws.getRow(r);
    for (let k = g.kol1; k <= g.kol2; k++) {
      const cel = excelRij.getCell(k);
      const kop = koppen[k - g.kol1] ?? "";
      if (!lezen[k - g.kol1]) {
        rij.push(null);
        if (!m.has(kop)) m.set(kop, { value: null, style: stijlKopie(cel, stijlen) });
        if (!GEEN_GETYPTE.has(cel.type) && !overFormule.has(kop)) overFormule.set(kop, celWaarde(cel));
        continue;
      }
      rij.push(celWaarde(cel));
      if (!m.has(kop)) m.set(kop, rauw(cel, stijlen));
    }
    rijen.push(rij);
    rauwe.push(m);
    getypt.push(overFormule);
  }
  const kopStijlen = new Map<string, Partial<ExcelJS.Style>>();
  const kopRij = ws.getRow(g.rij1);
  koppen.forEach((kop, j) => {
    const stijl = kopRij.getCell(g.kol1 + j).style;
    if (kop !== "" && stijl && Object.keys(stijl).length > 0)
      kopStijlen.set(kop, stijlKopie(kopRij.getCell(g.kol1 + j), stijlen));
  });
  return { gebied: g, bestaand: { koppen, rijen }, rauw: rauwe, kopStijlen, excelTabel, getypt };
}

/** What a cell holds that is no value typed by the user: nothing, a formula, the rest of a merged range. */
const GEEN_GETYPTE: ReadonlySet<ExcelJS.ValueType> = new Set([
  ExcelJS.ValueType.Null,
  ExcelJS.ValueType.Formula,
  ExcelJS.ValueType.Merge,
]);

/**
 * Where the plan table is: by Excel table name, else by its header row at the plan's start (a file saved without
 * table parts); `elders` when its Excel table is on another sheet. Reads only the header row.
 */
function zoekGebied(
  wb: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet | undefined,
  plan: TabelPlan,
): { gebied?: Gebied; excelTabel?: boolean; elders?: string } {
  for (const blad of wb.worksheets) {
    const t = excelTabel(blad, plan.naam);
    if (!t) continue;
    const d = tabelBereik(t);
    // On another sheet, or moved on its own (rows or columns inserted above or before it): where it is now.
    const waar = `${blad.name}!${d ? adres({ rij: d.rij1, kolom: d.kol1 }) : "?"}`;
    if (!ws || blad.name !== ws.name) return { elders: waar };
    if (d && (d.rij1 !== plan.start.rij || d.kol1 !== plan.start.kolom)) return { elders: waar };
    if (d) return { gebied: { blad: ws.name, ...d }, excelTabel: true };
  }
  if (!ws) return {};
  const { rij, kolom } = plan.start;
  let kol2 = kolom - 1;
  while (!isLeeg(celWaarde(ws.getCell(rij, kol2 + 1)))) kol2++;
  const si = koppenIn(ws, rij, kolom, kol2).indexOf(sleutelKop(plan));
  if (si < 0) return {};
  let rij2 = rij;
  while (!isLeeg(celWaarde(ws.getCell(rij2 + 1, kolom + si)))) rij2++;
  return { gebied: { blad: ws.name, rij1: rij, kol1: kolom, rij2, kol2 }, excelTabel: false };
}

/** The headers of row `rij` from column `kol1` to `kol2`, trimmed. */
function koppenIn(ws: ExcelJS.Worksheet, rij: number, kol1: number, kol2: number): string[] {
  const koppen: string[] = [];
  for (let k = kol1; k <= kol2; k++) koppen.push(String(celWaarde(ws.getCell(rij, k)) ?? "").trim());
  return koppen;
}

/** Find the plan table (`zoekGebied`) and read it. */
function zoekTabel(
  wb: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet | undefined,
  plan: TabelPlan,
): { gevonden?: GelezenTabel; elders?: string } {
  const { gebied, excelTabel: alsTabel, elders } = zoekGebied(wb, ws, plan);
  if (elders !== undefined) return { elders };
  const formules = new Set(plan.kolommen.filter((k) => k.soort === "formule").map((k) => k.kop));
  return ws && gebied ? { gevonden: leesGebied(ws, gebied, alsTabel === true, formules) } : {};
}

// ---------------------------------------------------------------------------------------------------------
// Writing

function zetNotatie(cel: ExcelJS.Cell, notatie: string | undefined): void {
  if (notatie) cel.numFmt = notatie;
}

/**
 * The number format an input cell keeps on a refill: the one it had (the user's, or Opgave's of an earlier fill),
 * except text ("@") where its own format is not text — an older fill left that, and Excel would store every number
 * typed there as text, which stops the chain. (As the Office.js writer: ./officeBeslissing.)
 */
function invoerNotatie(had: string | undefined, eigen: string | undefined): string | undefined {
  return had === NOTATIE.tekst && eigen !== NOTATIE.tekst ? (eigen ?? NOTATIE.algemeen) : had;
}

/** A block cell's number format on a refill (`hervulNotatie`); undefined: leave it as it is. */
function hervulBlokNotatie(had: string | undefined, eigen: string | undefined): string | undefined {
  const notatie = hervulNotatie(had, eigen ?? NOTATIE.algemeen);
  return notatie === NOTATIE.algemeen && eigen === undefined ? undefined : notatie;
}

/** A heading's font: bold, a sheet's title 14 pt; on a refill over the font it has (a size or colour the user chose). */
function kopLetter(had: Partial<ExcelJS.Font> | undefined, titel: boolean): Partial<ExcelJS.Font> {
  return { ...had, bold: true, ...(titel && had?.size === undefined ? { size: 14 } : {}) };
}

const INVOER_VULLING: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: INVOER_KLEUR } };

function markeerInvoer(cel: ExcelJS.Cell): void {
  cel.fill = { ...INVOER_VULLING };
}

/**
 * Whether a cell lies hidden in a range the user merged (not its first cell): exceljs writes a value given to it into
 * the first cell, over what that shows (merging two of Opgave's text lines showed the second's text after a refill).
 */
function onderSamenvoeging(cel: ExcelJS.Cell): boolean {
  return cel.isMerged && cel.master !== cel;
}

function leegCel(cel: ExcelJS.Cell): void {
  cel.value = null;
  cel.style = {};
}

function planGebieden(blad: BladPlan): Gebied[] {
  const g: Gebied[] = [];
  for (const b of blad.blokken) {
    const breedte = Math.max(1, ...b.cellen.map((r) => r.length));
    g.push({
      blad: blad.naam,
      rij1: b.start.rij,
      kol1: b.start.kolom,
      rij2: b.start.rij + b.cellen.length - 1,
      kol2: b.start.kolom + breedte - 1,
    });
  }
  for (const i of blad.invoercellen) {
    g.push({
      blad: blad.naam,
      rij1: i.positie.rij,
      kol1: Math.max(1, i.positie.kolom - 1),
      rij2: i.positie.rij,
      kol2: i.positie.kolom,
    });
  }
  return g;
}

interface GeschrevenTabel {
  readonly blad: string;
  readonly start: Positie;
  readonly kolommen: readonly Kolom[];
  readonly rijen: readonly Cel[][];
  readonly aantalRijen: number;
}

/** A plan table read and merged, ready to be written. */
interface TabelWerk {
  readonly plan: TabelPlan;
  readonly uitkomst: SamengevoegdeTabel;
  /** The merged rows (one empty row for an empty table). */
  readonly rijen: Cel[][];
  readonly gevonden?: GelezenTabel;
  /** The old table with its totals row. */
  readonly oud?: Gebied;
  /** Index of each old data row by key. */
  readonly oudeIndex: ReadonlyMap<string, number>;
  /** The user's cells on the old totals row, in their own columns, by header: they go with the totals row. */
  readonly totaalVanGebruiker: ReadonlyMap<string, RauweCel>;
  /** Formulas of the user's in the table that read a row alone that goes (`vervalt`), found while writing. */
  readonly vervallen: GelezenRij[];
  /** Values the user typed over Opgave's formulas, which the formulas replace (./berekendeKolom `getypteWaarden`). */
  readonly getypt: readonly string[];
}

/** A table as `Schrijver.bereid` decided it before anything is written: merged (what `neemOp` writes), or skipped. */
type TabelBesluit =
  | { readonly werk: Pick<TabelWerk, "plan" | "uitkomst" | "rijen" | "gevonden" | "oud" | "getypt"> }
  | { readonly reden: string; readonly plan: TabelPlan; readonly gevonden?: GelezenTabel };

/** The old table's rectangle including its totals row (when the plan has one). */
function oudGebied(plan: TabelPlan, gevonden: GelezenTabel | undefined): Gebied | undefined {
  return gevonden ? { ...gevonden.gebied, rij2: gevonden.gebied.rij2 + (plan.totaal ? 1 : 0) } : undefined;
}

/** The first cell the new table (with totals row) would cover that the user filled; undefined when there is none. */
function eersteGebruikerscel(
  ws: ExcelJS.Worksheet,
  werk: Pick<TabelWerk, "plan" | "uitkomst" | "rijen" | "oud">,
  eigen: readonly Gebied[],
): ExcelJS.Cell | undefined {
  const { plan } = werk;
  const nieuw: Gebied = {
    blad: ws.name,
    rij1: plan.start.rij,
    kol1: plan.start.kolom,
    rij2: plan.start.rij + werk.rijen.length + (plan.totaal ? 1 : 0),
    kol2: plan.start.kolom + werk.uitkomst.kolommen.length - 1,
  };
  for (let r = nieuw.rij1; r <= nieuw.rij2; r++) {
    for (let k = nieuw.kol1; k <= nieuw.kol2; k++) {
      if (binnen(werk.oud, ws.name, r, k) || eigen.some((g) => binnen(g, ws.name, r, k))) continue;
      if (!isLeeg(celWaarde(ws.getCell(r, k)))) return ws.getCell(r, k);
    }
  }
  return undefined;
}

/**
 * The old table's keys and the formulas of its cells, for its calculated columns (./berekendeKolom); `berekend`: the
 * headers its table part marks as calculated.
 */
function oudeFormules(
  blad: string,
  plan: TabelPlan,
  gevonden: GelezenTabel,
  berekend: ReadonlySet<string> = new Set(),
): OudeFormules {
  const { koppen, rijen } = gevonden.bestaand;
  const si = koppen.indexOf(sleutelKop(plan));
  return {
    blad,
    eersteRij: gevonden.gebied.rij1 + 1,
    sleutels: rijen.map((r) => sleutelTekst(r[si])),
    kolom: (kop) => (koppen.includes(kop) ? gevonden.gebied.kol1 + koppen.indexOf(kop) : undefined),
    formule: (i, kop) => {
      const v = gevonden.rauw[i]?.get(kop)?.value;
      return isFormuleWaarde(v) ? (v as ExcelJS.CellFormulaValue).formula : undefined;
    },
    berekend: (kop) => berekend.has(kop),
    getypt: (i, kop) => gevonden.getypt[i]?.get(kop),
  };
}

/**
 * The cells the user filled on the old totals row below a table, in the user's own columns (a total of their own
 * column, a remark), by header: read before the table is emptied, written on the totals row where it comes to stand
 * (`schrijfTabel`). Before, they were emptied with the old table and not written again, without a word.
 */
function totaalVanGebruiker(
  ws: ExcelJS.Worksheet,
  plan: TabelPlan,
  uitkomst: SamengevoegdeTabel,
  gevonden: GelezenTabel | undefined,
): Map<string, RauweCel> {
  const uit = new Map<string, RauweCel>();
  if (!plan.totaal || !gevonden) return uit;
  const rij = gevonden.gebied.rij2 + 1;
  gevonden.bestaand.koppen.forEach((kop, i) => {
    if (!uitkomst.kolommen.some((k) => isEigenKolom(k) && k.kop === kop)) return;
    const cel = ws.getCell(rij, gevonden.gebied.kol1 + i);
    if (!isLeeg(waardeVan(cel.value))) uit.set(kop, rauw(cel));
  });
  return uit;
}

/** Index of each old data row by key (the first row of a key). */
function oudeRijIndex(plan: TabelPlan, gevonden: GelezenTabel | undefined): Map<string, number> {
  const oudeIndex = new Map<string, number>();
  if (gevonden) {
    const si = gevonden.bestaand.koppen.indexOf(sleutelKop(plan));
    gevonden.bestaand.rijen.forEach((r, i) => {
      const s = sleutelTekst(r[si]);
      if (s !== "" && !oudeIndex.has(s)) oudeIndex.set(s, i);
    });
  }
  return oudeIndex;
}

/** The old data row whose cells a new row takes: the first with its key; none for a row without a key. */
function oudeRijVan(werk: TabelWerk, rij: readonly Cel[]): number | undefined {
  const sleutel = rij[sleutelIndex(werk.plan)];
  return isLeeg(sleutel as Waarde) ? undefined : werk.oudeIndex.get(String(sleutel).trim());
}

/** A note on a cell of an old table, taken off before the table is emptied: it goes with its row and column. */
interface OudeNotitie {
  readonly rij: number;
  readonly kolom: number;
  readonly note: ExcelJS.Cell["note"];
}

/**
 * Empty the old table (its cells and, for an Excel table, the table part) before the new one is written; the notes
 * on its cells are taken off and returned (`notitiesTerug` puts them back where their row and column are then).
 */
function wisTabel(ws: ExcelJS.Worksheet, werk: TabelWerk): OudeNotitie[] {
  const { gevonden, oud } = werk;
  if (!gevonden || !oud) return [];
  if (gevonden.excelTabel) ws.removeTable(werk.plan.naam);
  const notities: OudeNotitie[] = [];
  for (let r = oud.rij1; r <= oud.rij2; r++) {
    const rij = ws.getRow(r);
    for (let k = oud.kol1; k <= oud.kol2; k++) {
      const cel = rij.getCell(k);
      if (cel.note !== undefined) {
        notities.push({ rij: r, kolom: k, note: cel.note });
        // exceljs has no way to take a note off a cell but its own field (setting `note` makes an empty one).
        (cel as unknown as { _comment?: unknown })._comment = undefined;
      }
      leegCel(cel);
    }
  }
  return notities;
}

/** Where a cell of an old table goes in the new one, or why it cannot ("de rij van GM0202", a column by header). */
type NieuwePlek = { readonly rij: number; readonly kolom: number } | { readonly wat: string };

/**
 * Where each row of the old table goes: the header row stays the header row, the totals row the totals row, a data
 * row goes to the first new row that takes its cells (by its key, `schrijfLijf`); a row that goes gives the reason.
 */
function nieuweRijIn(werk: TabelWerk): (rij: number) => { readonly rij: number } | { readonly wat: string } {
  const { plan, rijen, gevonden, oud } = werk;
  const naarNieuw = new Map<number, number>();
  rijen.forEach((r, i) => {
    const oudI = oudeRijVan(werk, r);
    if (oudI !== undefined && !naarNieuw.has(oudI)) naarNieuw.set(oudI, i);
  });
  const oudSi = (gevonden?.bestaand.koppen ?? []).indexOf(sleutelKop(plan));
  const [eerste, laatste] = [oud?.rij1 ?? 0, oud?.rij2 ?? 0];
  const totaalRij = plan.totaal ? laatste : undefined;
  return (rij) => {
    // The header row (-1 below the first data row), the totals row, else where its row went.
    const i = rij === eerste ? -1 : rij === totaalRij ? rijen.length : naarNieuw.get(rij - eerste - 1);
    if (i !== undefined) return { rij: plan.start.rij + 1 + i };
    const sleutel = sleutelTekst(gevonden?.bestaand.rijen[rij - eerste - 1]?.[oudSi] ?? null);
    return { wat: `de rij van ${sleutel || "?"}` };
  };
}

/**
 * Where each cell of the old table goes: on the cell of its row (`nieuweRijIn`) and column (by its header) in the
 * new one; a row or column that goes gives the reason instead.
 */
function nieuwePlekIn(werk: TabelWerk): (rij: number, kolom: number) => NieuwePlek {
  const { plan, gevonden, oud } = werk;
  const rijNaar = nieuweRijIn(werk);
  const koppen = gevonden?.bestaand.koppen ?? [];
  return (rij, kolom) => {
    const kop = koppen[kolom - (oud?.kol1 ?? 0)];
    const j = kop === undefined ? -1 : werk.uitkomst.kolommen.findIndex((k) => k.kop === kop);
    const r = rijNaar(rij);
    if ("wat" in r) return r;
    return j >= 0 ? { rij: r.rij, kolom: plan.start.kolom + j } : { wat: `kolom "${kop ?? ""}"` };
  };
}

/**
 * The notes of an old table back on the cell of their row and column in the new one (`nieuwePlekIn`): a row that
 * moves takes its notes along, as its input. Moves are put in `verplaatst` ("Blad!F20" → "Blad!F19", for the check
 * after writing); a note whose row or column is gone is not put back but named in `weg` (the refill stops unless
 * confirmed), as it would otherwise sit on another row.
 */
function notitiesTerug(
  ws: ExcelJS.Worksheet,
  werk: TabelWerk,
  notities: readonly OudeNotitie[],
  uit: { verplaatst: Map<string, string | undefined>; weg: string[] },
): void {
  if (!werk.gevonden || !werk.oud || notities.length === 0) return;
  const naar = nieuwePlekIn(werk);
  const plek = (rij: number, kolom: number) => `${ws.name}!${adres({ rij, kolom })}`;
  for (const n of notities) {
    const p = naar(n.rij, n.kolom);
    if ("wat" in p) {
      uit.weg.push(`notitie op ${plek(n.rij, n.kolom)} (${p.wat} vervalt bij opnieuw vullen)`);
      uit.verplaatst.set(plek(n.rij, n.kolom), undefined);
      continue;
    }
    ws.getCell(p.rij, p.kolom).note = n.note;
    if (p.rij !== n.rij || p.kolom !== n.kolom)
      uit.verplaatst.set(plek(n.rij, n.kolom), plek(p.rij, p.kolom));
  }
}

/**
 * The sheet's row breaks on the rows of its rewritten tables (the breaks it had: `zetRijEinden`) with their row, as
 * its notes (`notitiesTerug`): a break below a gemeente's row stays below that gemeente's row when rows come, go or
 * sort. One whose row goes is taken off and named in `weg` (the refill stops unless confirmed), as it would otherwise
 * cut the page below another gemeente. Moves go in `einden` by the loss check's names (./xlsxOnderdelen
 * `paginaEindeNaam`). Run before Opgave's own breaks are set (./afdruk `zetAfdrukXlsx`), which stand on plan rows.
 */
function eindenTerug(
  ws: ExcelJS.Worksheet,
  werk: readonly TabelWerk[],
  uit: { einden: Map<string, string | undefined>; weg: string[] },
): void {
  const blad = ws as unknown as { rowBreaks?: PaginaEinde[] };
  const einden = blad.rowBreaks ?? [];
  if (einden.length === 0 || werk.length === 0) return;
  const naar = werk.map((w) => ({ oud: w.oud, rij: nieuweRijIn(w) }));
  const gezet = new Map<number, PaginaEinde>();
  for (const b of einden) {
    const w = naar.find((x) => x.oud && b.id >= x.oud.rij1 && b.id <= x.oud.rij2);
    const nu = w ? w.rij(b.id) : { rij: b.id };
    const naam = paginaEindeNaam(b.id, ws.name);
    if ("wat" in nu) {
      uit.weg.push(`${naam} (${nu.wat} vervalt bij opnieuw vullen)`);
      uit.einden.set(naam, undefined);
      continue;
    }
    if (nu.rij !== b.id) uit.einden.set(naam, paginaEindeNaam(nu.rij, ws.name));
    if (!gezet.has(nu.rij)) gezet.set(nu.rij, { ...b, id: nu.rij });
  }
  blad.rowBreaks = [...gezet.values()].sort((a, b) => a.id - b.id);
}

/**
 * Rows of a table the user hid or grouped (by hand, or a filter hid them; a folded group's marker) go with their
 * row, as its notes and page breaks do: where a refill moves rows (a gemeente or half-year back, one gone), another
 * row would be hidden, or shown, in its place. A row that comes in (new) is shown; one that goes takes its state
 * with it.
 */
function rijStaatTerug(ws: ExcelJS.Worksheet, werk: readonly TabelWerk[]): void {
  for (const w of werk) {
    if (!w.oud) continue;
    const staat: { r: number; hidden: boolean; outlineLevel: number; collapsed: boolean }[] = [];
    // The data rows and the totals row (the header stays where it is).
    for (let r = w.oud.rij1 + 1; r <= w.oud.rij2; r++) {
      const { hidden, outlineLevel = 0, collapsed } = ws.getRow(r);
      if (hidden || outlineLevel > 0 || collapsed) staat.push({ r, hidden, outlineLevel, collapsed });
    }
    if (staat.length === 0) continue;
    const rijNaar = nieuweRijIn(w);
    const laatste = w.plan.start.rij + w.rijen.length + (w.plan.totaal ? 1 : 0);
    for (let r = w.oud.rij1 + 1; r <= Math.max(w.oud.rij2, laatste); r++) {
      const rij = ws.getRow(r);
      rij.hidden = false;
      rij.outlineLevel = 0;
      ingeklapt(rij, false);
    }
    for (const s of staat) {
      const naar = rijNaar(s.r);
      if ("wat" in naar) continue;
      const rij = ws.getRow(naar.rij);
      rij.hidden = s.hidden;
      rij.outlineLevel = s.outlineLevel;
      ingeklapt(rij, s.collapsed);
    }
  }
}

/**
 * A range of the user's (a conditional format's, a validation's) on the sheet `blad` after the refill: a part that
 * spans exactly the data rows of an old table (`werk`, rewritten) spans the new table's data rows, in the column
 * its header went to, as Excel resizes a format over a table's column; any other part stays as it is (and is
 * checked as a formula reading those rows would be).
 */
function volgTabellen(ref: string, blad: string, werk: readonly TabelWerk[]): string {
  return ref
    .split(/\s+/)
    .map((deel) => {
      const g = decodeerBereik(deel);
      const w = g && werk.find((x) => x.oud && binnen(x.oud, blad, g.rij1, g.kol1));
      if (!g || !w?.gevonden || !w.oud) return deel;
      const [eerste, laatste] = [w.oud.rij1 + 1, w.gevonden.gebied.rij2];
      if (g.rij1 !== eerste || g.rij2 !== laatste || !binnen(w.oud, blad, g.rij2, g.kol2)) return deel;
      const naar = nieuwePlekIn(w);
      const [a, b] = [naar(w.oud.rij1, g.kol1), naar(w.oud.rij1, g.kol2)];
      if ("wat" in a || "wat" in b || b.kolom - a.kolom !== g.kol2 - g.kol1) return deel;
      const rij1 = w.plan.start.rij + 1;
      return `${adres({ rij: rij1, kolom: a.kolom })}:${adres({ rij: rij1 + w.rijen.length - 1, kolom: b.kolom })}`;
    })
    .join(" ");
}

/**
 * Where a cell of sheet `blad` goes in a refill: a cell of an old table of `werk` (the sheet's tables read and written
 * again) on the cell of its row and column in the new one (`nieuwePlekIn`), any other where it is.
 */
function plekNaHerschrijven(
  blad: string,
  werk: readonly TabelWerk[],
): (rij: number, kolom: number) => NieuwePlek {
  const tabellen = werk.map((w) => ({ oud: w.oud, naar: nieuwePlekIn(w) }));
  return (rij, kolom) =>
    tabellen.find((t) => binnen(t.oud, blad, rij, kolom))?.naar(rij, kolom) ?? { rij, kolom };
}

/**
 * The links of a sheet where their cells are after the refill (`werk`: its tables that were rewritten): a link on a
 * cell of an old table goes with its row and column, as a note; any other stays where it is, as in Excel. One whose
 * row or column goes (or a range that would lose its shape) is named in `weg` instead; moves are put in `verplaatst`.
 */
function hyperlinksTerug(
  blad: string,
  links: readonly Hyperlink[],
  werk: readonly TabelWerk[],
  uit: { verplaatst: Map<string, string | undefined>; weg: string[] },
): Hyperlink[] {
  const naar = plekNaHerschrijven(blad, werk);
  const terug: Hyperlink[] = [];
  for (const h of links) {
    let reden: string | undefined;
    const ref = nieuweRef(h.ref, (rij, kolom) => {
      const p = naar(rij, kolom);
      if ("wat" in p) reden ??= p.wat;
      return "wat" in p ? undefined : p;
    });
    const plek = `${blad}!${h.ref}`;
    if (ref === undefined) {
      const waarom = reden
        ? `${reden} vervalt bij opnieuw vullen`
        : "haar cellen komen niet meer naast elkaar";
      uit.weg.push(`${hyperlinkNaam(plek, h)} (${waarom})`);
      uit.verplaatst.set(plek, undefined);
      continue;
    }
    terug.push({ ...h, ref });
    if (ref !== h.ref) uit.verplaatst.set(plek, `${blad}!${ref}`);
  }
  return terug;
}

/**
 * What of a cell's value exceljs's style writer tells apart (cell-xform.js `getEffectiveCellType`: a date, a number,
 * anything else; a formula by its cached result): a style shared between cells must be shared within one kind.
 */
function soortVoorStijl(value: ExcelJS.CellValue): "datum" | "getal" | "anders" {
  const v = isFormuleWaarde(value) ? (value as { result?: unknown }).result : value;
  if (v instanceof Date) return "datum";
  return typeof v === "number" ? "getal" : "anders";
}

/**
 * Formats of the body, and the user's own cells back as they were, by the row's key: a cell of a column of the
 * user's own whole (empty or not), an input cell (filled or empty) and an orphan row's cell with their formatting,
 * and a cell of Opgave's with the formatting the user gave it (a fill, a font, a border) and the number format it
 * had (`hervulNotatie`, as the Office.js writer, which leaves a cell's format where it is).
 */
function schrijfLijf(ws: ExcelJS.Worksheet, werk: TabelWerk): void {
  const { plan, rijen, gevonden } = werk;
  const stijl = gedeeldeStijlen();
  // Where each row as it stood goes: a formula of the user's that goes with its row keeps reading the rows it read
  // (worked out only for such a formula: most refills move no row).
  let rijNaar: ReturnType<typeof rijenNaar> | undefined;
  const naar = (rij: number, kolom: number) =>
    gevonden ? (rijNaar ??= rijenNaar(plan, gevonden.bestaand, werk.uitkomst))(rij, kolom) : undefined;
  // Where any row moves or goes, a formula of the user's in a row that stays follows the rows it reads too (as in
  // Excel).
  const oudeRijen = rijen.map((r) => oudeRijVan(werk, r));
  const beweegt =
    oudeRijen.some((o, i) => o !== undefined && o !== i) ||
    new Set(oudeRijen.filter((o) => o !== undefined)).size < werk.oudeIndex.size;
  rijen.forEach((rij, i) => {
    const oudI = oudeRijen[i];
    const wees = i >= plan.rijen.length;
    werk.uitkomst.kolommen.forEach((k, j) => {
      const cel = ws.getCell(plan.start.rij + 1 + i, plan.start.kolom + j);
      const gelezen = oudI === undefined ? undefined : gevonden?.rauw[oudI]?.get(k.kop);
      const plek = { rij: plan.start.rij + 1 + i, kolom: plan.start.kolom + j };
      const rauwe =
        gelezen && beweegt ? metRij(gelezen, ws.name, naar, vervalt(ws.name, werk, plek)) : gelezen;
      if (isEigenKolom(k)) {
        if (rauwe) herstelCel(cel, rauwe, stijl(j, rauwe));
        else if (isFormule(rij[j] ?? null)) berekend(cel, rij[j], buurCel(werk, i, k.kop), stijl, j);
        return;
      }
      if (!rauwe) {
        zetNotatie(cel, k.notatie);
        if (k.soort === "invoer") markeerInvoer(cel);
        return;
      }
      // An orphan row keeps what it held, but the column its plan marks (TabelPlan `wees`: Controle's "vervallen").
      const uitOud =
        k.soort === "invoer" || (wees && k.soort !== "formule" && k.sleutel !== plan.wees?.kolom);
      if (uitOud && !isLeeg(waardeVan(rauwe.value))) {
        herstelCel(
          cel,
          rauwe,
          stijl(j, rauwe, k.soort === "invoer" ? invoerNotatie(rauwe.style.numFmt, k.notatie) : undefined),
        );
      } else if (k.soort === "invoer") {
        // An empty input cell keeps the formatting it had (a font, a border, a cell style the user gave it), its
        // number format as `invoerNotatie`; marked as input where it has no fill.
        const oud = stijl(j, rauwe, invoerNotatie(rauwe.style.numFmt, k.notatie) ?? k.notatie);
        cel.style = oud.fill ? oud : { ...oud, fill: INVOER_VULLING };
      } else {
        const notatie = hervulNotatie(rauwe.style.numFmt, k.notatie ?? NOTATIE.algemeen);
        cel.style = stijl(j, rauwe, notatie === NOTATIE.algemeen ? undefined : notatie);
      }
    });
  });
}

/**
 * A cell of the user's that a refill writes in another row: a formula keeps reading the rows of the table it read
 * (`naar`: where each went; ./kolomVerplaatsing `volgRijen`), as Excel moves references when rows are inserted or
 * deleted; its cached result is computed again (./xlsxResultaten).
 */
function metRij(
  rauwe: RauweCel,
  blad: string,
  naar: (rij: number, kolom: number) => number | null | undefined,
  weg: (rij: number, kolom: number) => void,
): RauweCel {
  if (!isFormuleWaarde(rauwe.value)) return rauwe;
  const { formula } = rauwe.value as ExcelJS.CellFormulaValue;
  const verschoven = volgRijen(formula, blad, naar, weg);
  return verschoven === formula
    ? rauwe
    : { ...rauwe, value: { formula: verschoven } as ExcelJS.CellFormulaValue };
}

/**
 * `weg` of ./kolomVerplaatsing `volgRijen` for a cell of the user's in table `werk` written at `plek`: a row of the
 * old table it reads alone goes — named (./rijBetekenis `vervallenRij`: the refill stops unless confirmed).
 */
function vervalt(blad: string, werk: TabelWerk, plek: Positie): (rij: number, kolom: number) => void {
  return (rij, kolom) => {
    const { gevonden, plan } = werk;
    if (!gevonden) return;
    const si = gevonden.bestaand.koppen.indexOf(sleutelKop(plan));
    const sleutel = sleutelTekst(gevonden.bestaand.rijen[rij - gevonden.gebied.rij1 - 1]?.[si]);
    const g = vervallenRij(blad, plan.naam, plek, { rij, kolom }, sleutel);
    // One finding per place (`SUM(G12:G12)` reads the row twice).
    if (!werk.vervallen.some((x) => x.plek === g.plek)) werk.vervallen.push(g);
  };
}

/**
 * The old cell in column `kop` of the row nearest above new row `i` that was in the old table (else below it): the
 * format a row inserted into a table takes in Excel.
 */
function buurCel(werk: TabelWerk, i: number, kop: string): RauweCel | undefined {
  const oud = (j: number) => {
    const r = werk.rijen[j];
    return r ? oudeRijVan(werk, r) : undefined;
  };
  let j = i - 1;
  while (j >= 0 && oud(j) === undefined) j--;
  if (j < 0) for (j = i + 1; j < werk.rijen.length && oud(j) === undefined; j++);
  const o = oud(j);
  return o === undefined ? undefined : werk.gevonden?.rauw[o]?.get(kop);
}

/**
 * A cell of a calculated column of the user's in a row the refill adds (./berekendeKolom): its formula, formatted as
 * the same column in the row above it (`buurCel`).
 */
function berekend(
  cel: ExcelJS.Cell,
  c: Cel | undefined,
  buur: RauweCel | undefined,
  stijl: ReturnType<typeof gedeeldeStijlen>,
  j: number,
): void {
  cel.value = celNaarExcel(c ?? null);
  if (buur) cel.style = stijl(j, { ...buur, value: cel.value });
}

/** The user's cell as it was: value (or formula) and formatting. */
function herstelCel(cel: ExcelJS.Cell, rauwe: RauweCel, stijl: Partial<ExcelJS.Style>): void {
  cel.value = rauwe.value;
  cel.style = stijl;
}

/**
 * Styles for the body's cells from their old ones: one copy per column, old style, kind of value exceljs formats
 * apart and number format, as exceljs shares a style between the cells of a format when it loads them (its writer
 * renders a shared style once, a copy per cell again for every cell). Nothing changes these styles after (a wrap
 * makes a new one).
 */
function gedeeldeStijlen(): (j: number, oud: RauweCel, numFmt?: string) => Partial<ExcelJS.Style> {
  const gedeeld = new Map<string, Partial<ExcelJS.Style>>();
  const stijlen = new Map<Partial<ExcelJS.Style>, number>();
  return (j, oud, numFmt) => {
    let id = stijlen.get(oud.style);
    if (id === undefined) stijlen.set(oud.style, (id = stijlen.size));
    const sleutel = `${j}|${id}|${soortVoorStijl(oud.value)}|${numFmt ?? ""}`;
    let uit = gedeeld.get(sleutel);
    if (uit === undefined) {
      uit = kopie(oud.style);
      if (numFmt) uit.numFmt = numFmt;
      gedeeld.set(sleutel, uit);
    }
    return uit;
  };
}

/** The new table (an Excel table with the merged rows), the user's cells, and the totals row below it. */
function schrijfTabel(ws: ExcelJS.Worksheet, werk: TabelWerk): GeschrevenTabel {
  const { plan, rijen } = werk;
  const kolommen = werk.uitkomst.kolommen;
  ws.addTable({
    name: plan.naam,
    displayName: plan.naam,
    ref: `${kolomLetters(plan.start.kolom)}${plan.start.rij}`,
    headerRow: true,
    totalsRow: false,
    style: { theme: TABEL_STIJL, showRowStripes: true },
    // exceljs labels the (unused) totals row "Total" unless told otherwise.
    columns: kolommen.map((k, j) => ({
      name: k.kop,
      filterButton: true,
      ...(j === 0 ? { totalsRowLabel: "Totaal" } : {}),
    })),
    rows: rijen.map((r) => r.map(celNaarExcel)),
  } as ExcelJS.TableProperties);
  // The header cells' fonts, fills, borders the user gave them, by header (exceljs writes the headers bare).
  kolommen.forEach((k, j) => {
    const stijl = werk.gevonden?.kopStijlen.get(k.kop);
    if (stijl) ws.getCell(plan.start.rij, plan.start.kolom + j).style = kopie(stijl);
  });
  schrijfLijf(ws, werk);
  if (plan.totaal) {
    const r = plan.start.rij + 1 + rijen.length;
    plan.totaal.forEach((c, j) => {
      // Under its column as written (a refill may have moved it: ./samenvoegen `kolomVolgorde`).
      const plaats = kolommen.findIndex((k) => k.sleutel === plan.kolommen[j]?.sleutel);
      const cel = ws.getCell(r, plan.start.kolom + (plaats < 0 ? j : plaats));
      cel.value = celNaarExcel(c);
      zetNotatie(cel, plan.kolommen[j]?.notatie);
      cel.font = { bold: true };
      cel.border = { top: { style: "thin" } };
    });
    totaalTerug(ws, werk, r);
  }
  return { blad: ws.name, start: plan.start, kolommen, rijen, aantalRijen: rijen.length };
}

/**
 * The user's cells of the old totals row (`TabelWerk.totaalVanGebruiker`) on the totals row `rij`, under their
 * column; a formula keeps reading the rows it read (`metRij`), as one in a row of the table.
 */
function totaalTerug(ws: ExcelJS.Worksheet, werk: TabelWerk, rij: number): void {
  const { plan, gevonden } = werk;
  if (werk.totaalVanGebruiker.size === 0 || !gevonden) return;
  const naar = rijenNaar(plan, gevonden.bestaand, werk.uitkomst);
  werk.uitkomst.kolommen.forEach((k, j) => {
    const oud = werk.totaalVanGebruiker.get(k.kop);
    const plek = { rij, kolom: plan.start.kolom + j };
    if (oud)
      herstelCel(
        ws.getCell(plek.rij, plek.kolom),
        metRij(oud, ws.name, naar, vervalt(ws.name, werk, plek)),
        kopie(oud.style),
      );
  });
}

class Schrijver {
  readonly wijzigingen: Wijziging[] = [];
  readonly nieuweBladen: string[] = [];
  readonly overgeslagen: string[] = [];
  /** Plan tables this refill does not write, where they lie (./samenvoegen `TabelGebied`; `bereid`). */
  readonly nietBijgewerkt: TabelGebied[] = [];
  /** Per sheet, its tables as `bereid` decided them. */
  private readonly besluiten = new Map<string, TabelBesluit[]>();
  readonly verweesd: { tabel: string; sleutel: string }[] = [];
  /** Kept inputs that are text or an error value where a number belongs (./samenvoegen `isTekstInGetal`). */
  readonly tekstInGetal: string[] = [];
  readonly buitenRegel: string[] = [];
  /** User columns between Opgave's columns of a table that would be rewritten (Dutch, for EigenKolomFout). */
  readonly eigenKolommenBinnen: string[] = [];
  invoerBehouden = 0;
  readonly tabellen = new Map<string, GeschrevenTabel>();
  /** Opgave's own validations and conditional formats this fill replaced (not reported as lost). */
  readonly eigen = nieuweEigenOnderdelen();
  /** Tables the user sorted that are written back in the plan's order (./rijVolgorde): named as a loss. */
  readonly teruggezet: string[] = [];
  /**
   * Values the user typed over Opgave's formulas in the tables (`TabelWerk.getypt`) and blocks written: lost, so
   * named (./berekendeKolom `getypteBlokwaarden`).
   */
  readonly getypt: string[] = [];
  /** Tables whose rows will hold another gemeente or the totals row (./rijBetekenis), and where they stood. */
  readonly rijenAnders: TabelRijen[] = [];
  /**
   * Formulas of the user's in a table that read a row that goes (`vervalt`), or on its totals row all rows of a
   * table that grows (`totaalOverAlleRijen`).
   */
  readonly inTabellenGelezen: GelezenRij[] = [];
  readonly oudeGebieden: Gebied[] = [];
  /**
   * Notes and links on table cells that went with their row or column (`notitiesTerug`, `hyperlinksTerug`), and
   * those whose row or column went (with the row breaks whose row went: `eindenTerug`).
   */
  readonly opCellen = { verplaatst: new Map<string, string | undefined>(), weg: [] as string[] };
  /**
   * The user's conditional formats and validations on Opgave's sheets where rows will hold another gemeente: they
   * stay on their cells (./rijBetekenis checks them as it checks a formula reading a row).
   */
  readonly aantekeningen: FormuleVanGebruiker[] = [];
  /**
   * The user's conditional formats, validations and row breaks that went with a table's rows (for the check after
   * writing).
   */
  readonly opmaakVerplaatst = {
    opmaak: new Map<string, string>(),
    validatieCellen: new Map<string, string | undefined>(),
    einden: new Map<string, string | undefined>(),
  };
  /** The links of the sheets, where they go (./xlsxHyperlinks puts them into what exceljs writes). */
  readonly hyperlinks = new Map<string, Hyperlink[]>();
  /** The tables of each sheet that were read and written again (`celNaar`). */
  private readonly herschreven = new Map<string, readonly TabelWerk[]>();
  /** Where the old cells of each sheet go (`plekNaHerschrijven`), worked out when first asked. */
  private readonly plekken = new Map<string, ReturnType<typeof plekNaHerschrijven>>();

  constructor(
    private readonly wb: ExcelJS.Workbook,
    private readonly rijvolgordeVrij: (tabel: string) => boolean,
    oudeHyperlinks: HyperlinksPerBlad = new Map(),
    /** Plan columns a refill writes elsewhere (`kolomVerplaatsingen`): their wrapping goes with them. */
    private readonly verplaatsingen: readonly Verplaatsing[] = [],
    /** The old table parts' calculated columns (./xlsxOnderdelen `berekendeKolommen`), by table name. */
    private readonly berekend: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  ) {
    // A sheet the plan does not write keeps its links where they are.
    for (const [blad, links] of oudeHyperlinks) this.hyperlinks.set(blad, [...links]);
  }

  /**
   * Where a cell of the old file ("Provincie!G20") stands after the refill: a cell in the range of a table read and
   * written again on the cell of its row and column in the new one (`nieuwePlekIn`: "Provincie!G19"), undefined
   * where its row or column goes; any other cell where it was.
   */
  celNaar(plek: string): string | undefined {
    const uitroep = plek.lastIndexOf("!");
    const blad = plek.slice(0, uitroep);
    const g = decodeerBereik(plek.slice(uitroep + 1));
    const werk = this.herschreven.get(blad);
    if (!g || !werk) return plek;
    let naar = this.plekken.get(blad);
    if (!naar) this.plekken.set(blad, (naar = plekNaHerschrijven(blad, werk)));
    const p = naar(g.rij1, g.kol1);
    return "wat" in p ? undefined : `${blad}!${adres(p)}`;
  }

  /**
   * Every table of every sheet read and merged before any cell is written (`beslisTabel`), and which of them are not
   * written — also one whose formulas read a table that is not — so that Opgave's cells reading them, on any sheet,
   * are left as they are (`nietBijgewerkt`, as the Office.js writer). Sheets the file lacks are added here.
   */
  bereid(plan: WerkboekPlan): void {
    const alle = plan.bladen.map((blad) => {
      let ws = this.wb.getWorksheet(blad.naam);
      if (!ws) {
        ws = this.wb.addWorksheet(blad.naam);
        this.nieuweBladen.push(blad.naam);
      }
      const eigen = planGebieden(blad);
      return { blad: blad.naam, besluiten: blad.tabellen.map((t) => this.beslisTabel(ws, t, eigen)) };
    });
    const gebied = (blad: string, b: TabelBesluit) => {
      const { plan, gevonden } = "werk" in b ? b.werk : b;
      const nu = gevonden
        ? [
            rechthoekTussen(
              gevonden.gebied.rij1,
              gevonden.gebied.kol1,
              gevonden.gebied.rij2,
              gevonden.gebied.kol2,
            ),
          ]
        : [];
      this.nietBijgewerkt.push({ naam: plan.naam, blad, rechthoeken: [planGebied(plan), ...nu] });
    };
    for (const { blad, besluiten } of alle) for (const b of besluiten) if ("reden" in b) gebied(blad, b);
    for (let veranderd = true; veranderd;) {
      veranderd = false;
      for (const { blad, besluiten } of alle) {
        besluiten.forEach((b, i) => {
          const naar = "werk" in b ? tabelVerwijstNaar(b.werk.plan, blad, this.nietBijgewerkt) : undefined;
          if (!naar || !("werk" in b)) return;
          besluiten[i] = { reden: verwijstNaarOvergeslagen(b.werk.plan.naam, naar.naam), ...b.werk };
          gebied(blad, b);
          veranderd = true;
        });
      }
    }
    for (const { blad, besluiten } of alle) this.besluiten.set(blad, besluiten);
  }

  blad(plan: BladPlan): void {
    const ws = this.wb.getWorksheet(plan.naam);
    if (!ws) throw new Error(`blad ${plan.naam} ontbreekt: eerst bereid()`);
    const bestond = !this.nieuweBladen.includes(plan.naam);
    const afdruk = afdrukVoor(plan);
    // The heights rows have before anything is written: a height the user gave stays where the texts stay.
    const gevonden = bestond ? gevondenHoogtes(ws, afdruk) : undefined;

    // The tables as `bereid` read and merged them: what they bring to the report, in the plan's order.
    const tabelWerk = (this.besluiten.get(plan.naam) ?? []).map((b) => this.neemOp(ws, b));

    // Changed plan values in blocks, compared with the workbook as it was; Opgave's cells outside the tables that the
    // user moved (rows inserted or deleted among them) are left as they are.
    const { blokken, invoercellen } = bestond ? this.cellenOpHunPlaats(ws, plan) : plan;
    const notities = tabelWerk.map((werk) => (werk ? wisTabel(ws, werk) : []));

    for (const b of blokken) {
      const geraakt = new Map<string, string[]>();
      b.cellen.forEach((rij, i) =>
        rij.forEach((c, j) => {
          const cel = ws.getCell(b.start.rij + i, b.start.kolom + j);
          if (onderSamenvoeging(cel)) return;
          // A formula of Opgave's that reads a table that is not written: left as it is (it reads that table).
          const g = isFormule(c) ? geraakteTabel(c.formule, ws.name, this.nietBijgewerkt) : undefined;
          if (g) {
            geraakt.set(g.naam, [...(geraakt.get(g.naam) ?? []), cel.address]);
            return;
          }
          cel.value = celNaarExcel(c);
          // On a refill, as the Office.js writer: the number format and font the cell has stay.
          const notatie = blokNotatie(b, i, j);
          zetNotatie(cel, bestond ? hervulBlokNotatie(cel.numFmt, notatie) : notatie);
          if (b.kop && i === 0) cel.font = kopLetter(bestond ? cel.font : undefined, b.start.rij === 1);
        }),
      );
      for (const [naam, cellen] of geraakt)
        this.overgeslagen.push(cellenNaarOvergeslagen(ws.name, cellen, naam));
    }

    for (const inv of invoercellen) this.invoerCel(ws, inv);
    tabelWerk.forEach((werk, t) => {
      if (!werk) return;
      this.tabellen.set(werk.plan.naam, schrijfTabel(ws, werk));
      this.inTabellenGelezen.push(...werk.vervallen);
      notitiesTerug(ws, werk, notities[t] ?? [], this.opCellen);
    });
    // The tables read and written again: what of the user's stands on their cells goes with their rows.
    const herschreven = tabelWerk.filter((w): w is TabelWerk => !!w?.gevonden && !!w.oud);
    this.herschreven.set(ws.name, herschreven);
    eindenTerug(ws, herschreven, { einden: this.opmaakVerplaatst.einden, weg: this.opCellen.weg });
    rijStaatTerug(ws, herschreven);
    const links = this.hyperlinks.get(ws.name);
    if (links) this.hyperlinks.set(ws.name, hyperlinksTerug(ws.name, links, herschreven, this.opCellen));
    zetBreedtes(ws, plan, bestond, this.tabellen);
    const geschreven = [...this.tabellen.values()]
      .filter((g) => g.blad === ws.name)
      .map((g) => ({
        rij: g.start.rij,
        kolom: g.start.kolom,
        rijen: 1 + g.aantalRijen,
        kolommen: g.kolommen.length,
      }));
    // The tables this refill leaves alone: their cells and rows as they are, the print area over where they stand.
    const overgeslagen = this.nietBijgewerkt.filter((g) => g.blad === ws.name).flatMap((g) => g.rechthoeken);
    zetAfdrukXlsx(
      ws,
      zonderOvergeslagen(metVerplaatsteKolommen(afdruk, ws.name, this.verplaatsingen), overgeslagen),
      {
        nieuw: !bestond,
        bereik: afdrukBereik(plan, afdruk, [
          ...geschreven,
          ...gelatenGebieden(overgeslagen, ws.pageSetup.printArea ?? undefined),
        ]),
        ...(gevonden ? { gevonden } : {}),
        ...(bestond ? { vanOpgave: this.opgaveCellen(plan) } : {}),
      },
    );
    const vormen = new Map<string, GeschrevenVorm>();
    for (const t of plan.tabellen) {
      const g = this.tabellen.get(t.naam);
      if (g && g.blad === ws.name) vormen.set(t.naam, { ...g, rijen: g.aantalRijen });
    }
    const controle = invoercontrole(plan, vormen, this.nietBijgewerkt);
    this.overgeslagen.push(...(controle.blijven ?? []));
    this.controle(ws, controle, herschreven);
  }

  /**
   * The cells of sheet `plan` that Opgave writes: its blocks and input cells with their labels, and its tables as
   * written (header, rows and totals row) without the user's columns among them.
   */
  private opgaveCellen(plan: BladPlan): Rechthoek[] {
    const tabellen = plan.tabellen.flatMap((t) => {
      const g = this.tabellen.get(t.naam);
      return g ? [{ g, rijen: 1 + g.aantalRijen + (t.totaal ? 1 : 0) }] : [];
    });
    return [
      ...blokEnInvoerRechthoeken(plan),
      ...tabellen.flatMap(({ g, rijen }) =>
        g.kolommen.flatMap((k, j) =>
          isEigenKolom(k) ? [] : [{ rij: g.start.rij, kolom: g.start.kolom + j, rijen, kolommen: 1 }],
        ),
      ),
    ];
  }

  /**
   * The sheet's guard rails (`controle`), and the user's own conditional formats and validations there: one over a
   * table column's data rows follows the table (`volgTabellen`); where a row of a table here will hold another
   * gemeente, the others stay on their cells and are checked as formulas reading those rows (`aantekeningen`).
   */
  private controle(ws: ExcelJS.Worksheet, controle: Invoercontrole, herschreven: readonly TabelWerk[]): void {
    const blad = ws.name;
    const volg = (ref: string) => volgTabellen(ref, blad, herschreven);
    // Frozen panes on a sheet this fill makes; on one that was there, the user's choice stands (also none).
    const bevries = this.nieuweBladen.includes(blad) ? controle : { ...controle, bevries: undefined };
    const opmaak = pasInvoercontroleToe(ws, bevries, this.eigen, volg);
    const validaties = validatiesVanGebruiker(ws, controle, this.eigen);
    volgValidaties(ws, validaties, volg);
    this.onthoudGevolgd(blad, opmaak, validaties, herschreven);
    if (!this.rijenAnders.some((t) => t.blad === blad)) return;
    const op = (soort: Aantekening) => (ref: string) => ({
      plek: `${bladVerwijzing(blad)}!${ref}`,
      blad,
      formule: ref,
      op: soort,
    });
    // The parts that stay where they are (one that went with its table's rows means what it meant).
    const blijven = (refs: readonly string[]) =>
      refs.flatMap((r) => r.split(/\s+/)).filter((d) => d !== "" && volg(d) === d);
    this.aantekeningen.push(
      ...blijven(opmaak).map(op("voorwaardelijke opmaak")),
      ...blijven(validaties).map(op("gegevensvalidatie")),
    );
  }

  /**
   * Where the user's conditional formats (`opmaak`) and validations (`validaties`) that follow a table's rows went
   * (`volgTabellen`): a format by its range, a validation cell by cell, each cell with its row (`nieuwePlekIn`).
   */
  private onthoudGevolgd(
    blad: string,
    opmaak: readonly string[],
    validaties: readonly string[],
    werk: readonly TabelWerk[],
  ): void {
    for (const ref of opmaak) {
      const naar = volgTabellen(ref, blad, werk);
      if (naar !== ref) this.opmaakVerplaatst.opmaak.set(`${blad}!${ref}`, `${blad}!${naar}`);
    }
    for (const ref of validaties) {
      const g = decodeerBereik(ref);
      const w = g && werk.find((x) => binnen(x.oud, blad, g.rij1, g.kol1));
      if (!g || !w || volgTabellen(ref, blad, werk) === ref) continue;
      const naar = nieuwePlekIn(w);
      for (let r = g.rij1; r <= g.rij2; r++)
        for (let k = g.kol1; k <= g.kol2; k++) {
          const p = naar(r, k);
          const doel = "wat" in p ? undefined : `${blad}!${adres(p)}`;
          this.opmaakVerplaatst.validatieCellen.set(`${blad}!${adres({ rij: r, kolom: k })}`, doel);
        }
    }
  }

  /**
   * The blocks and input cells of an existing sheet that can be written in place (`bladVerschuiving`), the blocks'
   * changes reported; else the reason.
   */
  private cellenOpHunPlaats(ws: ExcelJS.Worksheet, plan: BladPlan): ReturnType<typeof opHunPlaats> {
    const was = (rij: number, kolom: number) => celWaarde(ws.getCell(rij, kolom));
    const uit = opHunPlaats(plan, bladVerschuiving(plan, was));
    if (uit.reden) this.overgeslagen.push(uit.reden);
    for (const b of uit.blokken) {
      const wijzigingen = blokWijzigingen(ws.name, b, (i, j) => was(b.start.rij + i, b.start.kolom + j));
      this.getypt.push(
        ...getypteBlokwaarden(ws.name, b, (i, j) => {
          const cel = ws.getCell(b.start.rij + i, b.start.kolom + j);
          return isFormuleWaarde(cel.value) || onderSamenvoeging(cel) ? undefined : waardeVan(cel.value);
        }),
      );
      // A cell hidden in a range the user merged is not written (`onderSamenvoeging`): no change there.
      this.wijzigingen.push(
        ...wijzigingen.filter(
          (w) => !onderSamenvoeging(ws.getCell(w.plek.slice(w.plek.lastIndexOf("!") + 1))),
        ),
      );
    }
    return uit;
  }

  private invoerCel(ws: ExcelJS.Worksheet, inv: BladPlan["invoercellen"][number]): void {
    // Where the defined name points now (the user may have kept it elsewhere), else the plan position.
    let bron: ExcelJS.Cell | undefined;
    const doel = naamCel(this.wb, inv.naam);
    if (doel) {
      const blad = this.wb.getWorksheet(doel.blad);
      if (blad) bron = blad.getCell(doel.cel);
    } else if (!this.nieuweBladen.includes(ws.name)) {
      bron = ws.getCell(inv.positie.rij, inv.positie.kolom);
    }
    const oud = bron ? rauw(bron) : undefined;
    const { waarde, behouden } = samenvoegenInvoer(inv.standaard, oud ? waardeVan(oud.value) : undefined);
    const label = ws.getCell(inv.positie.rij, inv.positie.kolom - 1);
    if (inv.positie.kolom > 1) label.value = inv.label;
    const cel = ws.getCell(inv.positie.rij, inv.positie.kolom);
    if (behouden && oud) {
      this.invoerBehouden++;
      const afwijking = invoerCelAfwijking(ws.name, inv, waardeVan(oud.value));
      if (afwijking.tekstInGetal !== undefined) this.tekstInGetal.push(afwijking.tekstInGetal);
      if (afwijking.buitenRegel !== undefined) this.buitenRegel.push(afwijking.buitenRegel);
      cel.value = oud.value;
      if (bron !== cel) cel.style = oud.style;
    } else {
      cel.value = waarde;
    }
    // A number format or fill the cell had (the user's, or Opgave's of an earlier fill) stays.
    zetNotatie(cel, invoerNotatie(oud?.style.numFmt, inv.notatie) ?? inv.notatie);
    if (oud?.style.fill) cel.fill = oud.style.fill;
    else markeerInvoer(cel);
    this.wb.definedNames.removeAllNames(inv.naam);
    this.wb.definedNames.add(absoluteVerwijzing(ws.name, inv.positie), inv.naam);
  }

  /** Reads and merges one table, before anything is written; or why it is skipped. Nothing is reported yet. */
  private beslisTabel(ws: ExcelJS.Worksheet, plan: TabelPlan, eigen: readonly Gebied[]): TabelBesluit {
    const { gevonden, elders } = zoekTabel(this.wb, ws, plan);
    if (elders !== undefined)
      return { reden: tabelEldersReden(plan.naam, ws.name, plan.start, elders), plan };
    const overslaan = (reden: string): TabelBesluit => ({ reden, plan, ...(gevonden ? { gevonden } : {}) });
    const dubbel = gevonden ? controleerSleutels(plan, gevonden.bestaand) : undefined;
    if (dubbel) return overslaan(dubbel.reden);
    const samengevoegd = samenvoegenTabel(plan, gevonden?.bestaand, {
      blad: ws.name,
      vrij: this.rijvolgordeVrij,
    });
    if (samengevoegd.soort === "overgeslagen") return overslaan(samengevoegd.reden);
    const formules = gevonden
      ? oudeFormules(ws.name, plan, gevonden, this.berekend.get(plan.naam.toLowerCase()))
      : undefined;
    const uitkomst = formules ? metBerekendeKolommen(plan, samengevoegd, formules) : samengevoegd;
    const rijen =
      uitkomst.rijen.length > 0 ? uitkomst.rijen.map((r) => [...r]) : [uitkomst.kolommen.map(() => null)];
    const werk = {
      plan,
      uitkomst,
      rijen,
      ...(gevonden ? { gevonden } : {}),
      oud: oudGebied(plan, gevonden),
      getypt: formules ? getypteWaarden(plan, formules) : [],
    };
    // Never grow over cells the user filled next to the table.
    const bezet = eersteGebruikerscel(ws, werk, eigen);
    if (bezet) {
      return overslaan(
        `tabel ${plan.naam} zou cel ${ws.name}!${bezet.address} overschrijven (daar staat iets van u); niet bijgewerkt`,
      );
    }
    return { werk };
  }

  /** A table as `beslisTabel` decided it, in the report; undefined (and reported) when it is skipped. */
  private neemOp(ws: ExcelJS.Worksheet, besluit: TabelBesluit): TabelWerk | undefined {
    if ("reden" in besluit) {
      this.overgeslagen.push(besluit.reden);
      return undefined;
    }
    const { plan, uitkomst, gevonden } = besluit.werk;
    if (uitkomst.volgordeTeruggezet) this.teruggezet.push(plan.naam);
    this.getypt.push(...besluit.werk.getypt);
    // Only for a table that is written (a skipped one keeps its rows, and what reads them means what it meant).
    const anders = tabelRijen(ws.name, plan, gevonden?.bestaand, uitkomst);
    if (anders) this.rijenAnders.push(anders);
    if (gevonden) this.eigenKolommenBinnen.push(...binnenKolommen(ws.name, plan, gevonden));
    this.wijzigingen.push(...uitkomst.wijzigingen);
    this.invoerBehouden += uitkomst.invoerBehouden;
    this.tekstInGetal.push(...uitkomst.tekstInGetal);
    this.buitenRegel.push(...uitkomst.buitenRegel);
    for (const s of uitkomst.verweesd) this.verweesd.push({ tabel: plan.naam, sleutel: s });
    if (besluit.werk.oud) this.oudeGebieden.push(besluit.werk.oud);
    const totaal = totaalVanGebruiker(ws, plan, uitkomst, gevonden);
    if (anders?.erbij && gevonden) this.totaalOverAlleRijen(ws.name, anders, gevonden, totaal);
    return {
      ...besluit.werk,
      oudeIndex: oudeRijIndex(plan, gevonden),
      totaalVanGebruiker: totaal,
      vervallen: [],
    };
  }

  /**
   * A formula of the user's on the totals row of a table that grows, over all of its old rows (`=SUM(P9:P33)`): it
   * goes with the totals row and keeps reading those rows, so it would leave the new ones out — named as such a
   * formula elsewhere is (./rijBetekenis; not for the rows it reads changing place: it follows them by key).
   */
  private totaalOverAlleRijen(
    blad: string,
    anders: TabelRijen,
    gevonden: GelezenTabel,
    totaal: ReadonlyMap<string, RauweCel>,
  ): void {
    const rij = gevonden.gebied.rij2 + 1;
    const formules = [...totaal].flatMap(([kop, cel]) =>
      isFormuleWaarde(cel.value)
        ? [
            {
              plek: `${bladVerwijzing(blad)}!${adres({ rij, kolom: gevonden.gebied.kol1 + gevonden.bestaand.koppen.indexOf(kop) })}`,
              blad,
              formule: (cel.value as ExcelJS.CellFormulaValue).formula,
            },
          ]
        : [],
    );
    this.inTabellenGelezen.push(...gelezenVerschovenRijen([{ ...anders, anders: new Map() }], formules));
  }
}

/**
 * The formulas of the user's that read a row of one of Opgave's tables that the refill fills with another gemeente
 * or the totals row (./rijBetekenis), in Dutch; none to look for when every row keeps what it holds. With them the
 * notes, formats and validations that stay on their cells (`Schrijver.aantekeningen`) and, where the graft keeps
 * the user's drawings on Opgave's sheets as they were (`geent`), each of their objects over those rows.
 */
async function gelezenRijen(
  bestaand: Uint8Array | ArrayBuffer,
  plan: WerkboekPlan,
  s: Schrijver,
  geent: boolean,
  oudeNotities: OudeNotities,
): Promise<GelezenRij[]> {
  if (s.rijenAnders.length === 0) return [];
  const eigen = (naam: string) => {
    const blad = plan.bladen.find((b) => b.naam.toLowerCase() === naam.toLowerCase());
    if (!blad) return undefined;
    const oud = s.oudeGebieden.filter((g) => g.blad.toLowerCase() === naam.toLowerCase());
    return [...planRechthoeken(blad), ...oud.map((g) => rechthoekTussen(g.rij1, g.kol1, g.rij2, g.kol2))];
  };
  const formules = await formulesVanGebruiker(bestaand, eigen);
  // Notes on Opgave's sheets outside its cells and tables (one in a table goes with its row): beside a table's row.
  const notities = [...oudeNotities].flatMap(([blad, perCel]) => {
    const opgave = eigen(blad);
    return opgave
      ? [...perCel.keys()]
          .filter((cel) => {
            const p = decodeerBereik(cel);
            return p !== undefined && !bevatEen(opgave, p.rij1, p.kol1);
          })
          .map((cel): FormuleVanGebruiker => ({
            plek: `${bladVerwijzing(blad)}!${cel}`,
            blad,
            formule: cel,
            op: "notitie",
          }))
      : [];
  });
  const getekend = geent
    ? await getekendOp(
        bestaand,
        plan.bladen.map((b) => b.naam),
      )
    : [];
  const objecten = getekend.map((t): FormuleVanGebruiker => ({
    plek: `${bladVerwijzing(t.blad)}!${t.bereik}`,
    blad: t.blad,
    formule: t.bereik,
    op: "tekening",
    naam: t.wat,
  }));
  return [
    ...gelezenVerschovenRijen(s.rijenAnders, [...formules, ...notities, ...s.aantekeningen, ...objecten]),
    ...s.inTabellenGelezen,
  ];
}

/**
 * Opgave's charts the file has and the refill does not draw again: a chart is drawn from its table as written, and
 * a table the refill skips (the user changed its header, moved it) has none — exceljs dropped the old chart on load.
 * Named with the reason, so the refill stops first (the chart would go without a word).
 */
async function grafiekenWeg(
  bestaand: Uint8Array | ArrayBuffer,
  plan: WerkboekPlan,
  s: Schrijver,
): Promise<string[]> {
  const weg = plan.bladen.flatMap((b) =>
    b.grafieken.filter((g) => !s.tabellen.has(g.tabel)).map((g) => ({ blad: b.naam, g })),
  );
  if (weg.length === 0) return [];
  const met = await bladenMetOpgaveGrafiek(bestaand);
  return weg
    .filter(({ blad }) => met.has(blad))
    .map(({ blad, g }) => {
      // The table's own reason (not that of Opgave's cells that read it).
      const reden =
        s.overgeslagen.find((o) => o.startsWith(`tabel ${g.tabel} `)) ??
        s.overgeslagen.find((o) => o.includes(g.tabel)) ??
        `tabel ${g.tabel} wordt niet bijgewerkt`;
      return `grafiek "${g.titel}" op blad ${bladVerwijzing(blad)} (Opgave tekent haar bij haar tabel, en ${reden})`;
    });
}

/** The user's columns between Opgave's columns of a table, in Dutch: table, header, place in the table and column. */
function binnenKolommen(blad: string, plan: TabelPlan, gevonden: GelezenTabel): string[] {
  return eigenKolommenBinnen(plan, gevonden.bestaand).map(
    (k) =>
      `tabel ${plan.naam} op blad ${blad} heeft een eigen kolom ${k.kop === "" ? "zonder kop" : `"${k.kop}"`} op ` +
      `plaats ${k.plaats} van de tabel (kolom ${kolomLetters(gevonden.gebied.kol1 + k.plaats - 1)}), ` +
      `${tussenTekst(k)} van Opgave (${k.reden})`,
  );
}

/**
 * Notes exceljs dropped on load (it keeps a note only on a cell that holds a value or a style) put back, with
 * their text and bold runs.
 */
function herstelNotities(wb: ExcelJS.Workbook, notities: OudeNotities): void {
  for (const [naam, perCel] of notities) {
    const ws = wb.getWorksheet(naam);
    if (!ws) continue;
    for (const [ref, delen] of perCel) {
      const cel = ws.getCell(ref);
      if (cel.note) continue;
      cel.note = {
        texts: delen.map((d) => ({ text: d.tekst, ...(d.vet ? { font: { bold: true } } : {}) })),
      } as ExcelJS.Comment;
    }
  }
}

/** Column widths: only where none is set yet (a width the user chose stays). */
function zetBreedtes(
  ws: ExcelJS.Worksheet,
  plan: BladPlan,
  bestond: boolean,
  geschreven: ReadonlyMap<string, GeschrevenTabel>,
): void {
  const breedtes = new Map<number, number>(
    Object.entries(plan.breedtes ?? {}).map(([k, v]) => [Number(k), v]),
  );
  for (const t of plan.tabellen) {
    // The columns as written (a refill may have moved one), else the plan's.
    const g = geschreven.get(t.naam);
    (g && g.blad === ws.name ? g.kolommen : t.kolommen).forEach((k, i) => {
      if (k.breedte && !breedtes.has(t.start.kolom + i)) breedtes.set(t.start.kolom + i, k.breedte);
    });
  }
  for (const [k, b] of breedtes) {
    const kolom = ws.getColumn(k);
    if (!bestond || kolom.width === undefined) kolom.width = b;
  }
}

/** A cell's number as the workbook holds it: a value, or a formula's stored result (./xlsxResultaten). */
function getalIn(ws: ExcelJS.Worksheet | undefined, rij: number, kolom: number): number | null {
  const v = ws?.getCell(rij, kolom).value;
  if (typeof v === "number") return v;
  const r = v && typeof v === "object" && "result" in v ? v.result : undefined;
  return typeof r === "number" && Number.isFinite(r) ? r : null;
}

/** The plan's charts with their series' cached values (after the results are stored: formula columns count). */
function grafiekSpecs(
  wb: ExcelJS.Workbook,
  plan: WerkboekPlan,
  tabellen: ReadonlyMap<string, GeschrevenTabel>,
): GrafiekSpec[] {
  const specs: GrafiekSpec[] = [];
  for (const blad of plan.bladen) {
    for (const g of blad.grafieken) {
      const t = tabellen.get(g.tabel);
      if (!t) continue;
      const planTabel = plan.bladen.flatMap((b) => b.tabellen).find((x) => x.naam === g.tabel);
      const n = planTabel ? Math.max(1, planTabel.rijen.length) : t.aantalRijen;
      const kolom = (sleutel: string) => t.kolommen.findIndex((k) => k.sleutel === sleutel);
      const ref = (j: number, r1: number, r2: number) => {
        const l = kolomLetters(t.start.kolom + j);
        return `${bladVerwijzing(t.blad)}!$${l}$${r1}${r2 > r1 ? `:$${l}$${r2}` : ""}`;
      };
      const eerste = t.start.rij + 1;
      const laatste = t.start.rij + n;
      const ws = wb.getWorksheet(t.blad);
      const ci = kolom(g.categorieKolom);
      if (ci < 0) continue;
      const reeksen = g.reeksKolommen
        .map((s) => kolom(s))
        .filter((j) => j >= 0)
        .map((j) => ({
          naamRef: ref(j, t.start.rij, t.start.rij),
          naam: t.kolommen[j]?.kop ?? "",
          ref: ref(j, eerste, laatste),
          waarden: Array.from({ length: n }, (_, i) => getalIn(ws, eerste + i, t.start.kolom + j)),
        }));
      specs.push({
        blad: blad.naam,
        titel: g.titel,
        soort: g.soort,
        rij: g.positie.rij,
        kolom: g.positie.kolom,
        breedteKolommen: 6,
        hoogteRijen: 20,
        categorieRef: ref(ci, eerste, laatste),
        categorieen: t.rijen.slice(0, n).map((r) => String(waardeVan(celNaarExcel(r[ci] ?? null)) ?? "")),
        reeksen,
      });
    }
  }
  return specs;
}

/** Removes every sheet but `namen` from the exceljs model (what a graft takes from exceljs's file). */
function alleenBladen(wb: ExcelJS.Workbook, namen: readonly string[]): void {
  const houden = new Set(namen);
  for (const ws of [...wb.worksheets]) if (!houden.has(ws.name)) wb.removeWorksheet(ws.id);
}

/** The plan columns of every table that the merge with the existing table writes in another sheet column. */
function kolomVerplaatsingen(wb: ExcelJS.Workbook, plan: WerkboekPlan): Verplaatsing[] {
  const uit: Verplaatsing[] = [];
  for (const blad of plan.bladen) {
    const ws = wb.getWorksheet(blad.naam);
    if (!ws) continue;
    for (const t of blad.tabellen) {
      // Only the header row: the merge reads the table's cells once, later.
      const { gebied } = zoekGebied(wb, ws, t);
      const plaatsen = gebied
        ? planKolomPlaatsen(t, koppenIn(ws, gebied.rij1, gebied.kol1, gebied.kol2))
        : undefined;
      if (plaatsen) uit.push(tabelVerplaatsing(blad.naam, t, plaatsen));
    }
  }
  return uit;
}

/** What `weigeringVoorWerkboek` needs of a loaded workbook: its Bron's "Onderwerp", its sheets, Opgave's parts. */
function bestaandWerkboek(wb: ExcelJS.Workbook, plan: WerkboekPlan): BestaandWerkboek {
  const bron = wb.getWorksheet(BLADEN.bron);
  const blokken = plan.bladen.find((b) => b.naam === BLADEN.bron)?.blokken ?? [];
  const onderwerp = onderwerpIn(plan, (blok, i, j) => {
    const b = blokken[blok];
    const cel = b ? bron?.findRow(b.start.rij + i)?.findCell(b.start.kolom + j) : undefined;
    return cel ? celWaarde(cel) : undefined;
  });
  const bezet = (blad: BladPlan, ws: ExcelJS.Worksheet) =>
    planRechthoeken(blad).some((g) => {
      for (let r = g.rij; r < g.rij + g.rijen; r++)
        for (let k = g.kolom; k < g.kolom + g.kolommen; k++) {
          // By row and cell, creating none (`getCell` would add empty cells to the model).
          const cel = ws.findRow(r)?.findCell(k);
          if (cel && !isLeeg(celWaarde(cel))) return true;
        }
      return false;
    });
  const bezetteBladen = () =>
    plan.bladen.flatMap((blad) => {
      const ws = wb.worksheets.find((w) => w.name.toLowerCase() === blad.naam.toLowerCase());
      return ws && bezet(blad, ws) ? [ws.name] : [];
    });
  return {
    onderwerp,
    bezetteBladen,
    bladen: wb.worksheets.map((ws) => ws.name),
    tabellen: wb.worksheets.flatMap((ws) =>
      Object.keys((ws as unknown as { tables?: Record<string, unknown> }).tables ?? {}).map((naam) => ({
        naam,
        blad: ws.name,
      })),
    ),
    namen: (wb.definedNames.model as { name: string }[]).map((n) => n.name),
  };
}

/**
 * The row breaks each sheet had (./xlsxOnderdelen `paginaEindenPerBlad`), given to exceljs, which reads none but
 * writes those it holds: Opgave's own (below its chart on Overzicht) and the user's stay where they were.
 */
function zetRijEinden(
  wb: ExcelJS.Workbook,
  einden: ReadonlyMap<string, { rijen: readonly PaginaEinde[] }>,
): void {
  for (const [blad, { rijen }] of einden) {
    const ws = wb.getWorksheet(blad);
    if (ws && rijen.length > 0)
      (ws as unknown as { rowBreaks: PaginaEinde[] }).rowBreaks = rijen.map((b) => ({ ...b }));
  }
}

/**
 * The existing file in `wb`, for a refill; `geent`: the sheets of Opgave when only those are written again (the
 * graft). Returns its links and notes, which exceljs drops or changes: put back after it wrote.
 * @throws WerkboekWeigering when the file is not the plan's to fill.
 */
async function laadBestaand(
  wb: ExcelJS.Workbook,
  plan: WerkboekPlan,
  bestaand: Uint8Array | ArrayBuffer,
  geent: readonly string[] | undefined,
): Promise<{ oudeHyperlinks: HyperlinksPerBlad; oudeNotities: OudeNotities }> {
  // The parts the loss checks inflated already (./zip keeps them), straight into exceljs's parsers (./exceljsLaden).
  // For a graft, the user's own sheets empty when Opgave's side does not read them. The links apart
  // (./xlsxHyperlinks: exceljs would drop or change them).
  const eigenBladen = plan.bladen.map((b) => b.naam);
  const apart = await hyperlinksApart(
    bestaand,
    await delenVoorSamenvoegen(bestaand, eigenBladen, geent !== undefined),
  );
  await laadDelen(wb, apart.delen);
  // Whose workbook it is comes before what a rewrite would lose: another subject's is never filled at all.
  const weigering = weigeringVoorWerkboek(plan, bestaandWerkboek(wb, plan));
  if (weigering) throw new WerkboekWeigering(weigering);
  // The old file's notes, read once: put back where exceljs dropped them, and checked beside a table's rows.
  const oudeNotities = await leesNotities(bestaand);
  herstelNotities(wb, oudeNotities);
  zetRijEinden(wb, await paginaEindenPerBlad(bestaand, geent));
  return { oudeHyperlinks: apart.hyperlinks, oudeNotities };
}

/**
 * Writes the plan into a new workbook, or refills `bestaand` (an .xlsx file) keeping every user input.
 * @throws EigenKolomFout when a table to rewrite holds a column of the user's own between Opgave's columns where it
 *   cannot stay (./samenvoegen `eigenKolommenBinnen`).
 * @throws VerliesFout when the refill would drop parts of `bestaand` and `opties.verliesToestaan` is not set.
 * @throws WerkboekWeigering when `bestaand` is not the plan's to fill (another subject's, or a sheet of the user's
 *   under one of Opgave's names).
 */
export async function schrijfXlsx(
  gevraagd: WerkboekPlan,
  bestaand?: Uint8Array | ArrayBuffer,
  opties: SchrijfOpties = {},
): Promise<{ data: Uint8Array; rapport: XlsxRapport }> {
  const onderweg: Uint8Array[] = [];
  try {
    return await vulWerkboek(gevraagd, bestaand, opties, onderweg);
  } finally {
    // Nothing of the file, nor of what was written on the way, stays in the zip module's caches (./zip `vergeet`).
    vergeet(bestaand, ...onderweg);
  }
}

/** `schrijfXlsx`; each archive it writes on the way is noted in `onderweg` (`noteer`), to be forgotten after. */
async function vulWerkboek(
  gevraagd: WerkboekPlan,
  bestaand: Uint8Array | ArrayBuffer | undefined,
  opties: SchrijfOpties,
  onderweg: Uint8Array[],
): Promise<{ data: Uint8Array; rapport: XlsxRapport }> {
  const noteer = (data: Uint8Array) => {
    onderweg.push(data);
    return data;
  };
  // Where a column of the user's may stand inside a table and stay there (./samenvoegen `volgordeBlijft`).
  let plan = metRuimteVoorEigenKolommen(gevraagd);
  const wb = new ExcelJS.Workbook();
  const eigenBladen = plan.bladen.map((b) => b.naam);
  // Only Opgave's sheets are rewritten when the graft can be made. What a rewrite would drop is named at the end,
  // with everything else the refill would lose or change the meaning of: one stop, one informed confirmation.
  const kanEnten = bestaand && opties.enten !== false ? await kanWordenGeent(bestaand, eigenBladen) : false;
  const vooraf = bestaand ? await verliesBijHerschrijven(bestaand, kanEnten ? eigenBladen : undefined) : [];
  const { oudeHyperlinks, oudeNotities } = bestaand
    ? await laadBestaand(wb, plan, bestaand, kanEnten ? eigenBladen : undefined)
    : { oudeHyperlinks: new Map() as HyperlinksPerBlad, oudeNotities: new Map() as OudeNotities };
  if (!bestaand) wb.creator = "Opgave";
  wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };

  // Plan columns a refill writes elsewhere (after the user's columns): the formulas follow them.
  const verplaatsingen = bestaand ? kolomVerplaatsingen(wb, plan) : [];
  plan = verplaatsPlan(plan, verplaatsingen);
  const schrijver = new Schrijver(
    wb,
    rijvolgordeVrij(plan),
    oudeHyperlinks,
    verplaatsingen,
    bestaand ? await berekendeKolommen(bestaand) : new Map(),
  );
  schrijver.bereid(plan);
  for (const blad of plan.bladen) schrijver.blad(blad);
  if (schrijver.eigenKolommenBinnen.length > 0) throw new EigenKolomFout(schrijver.eigenKolommenBinnen);

  // Cached results of every formula (after the merge, so the user's inputs count): viewers that do not recalculate.
  // A graft takes only Opgave's sheets from what exceljs writes: results on the others would be thrown away.
  zetResultaten(wb, kanEnten ? eigenBladen : undefined);
  // Nor does exceljs write the user's own sheets then (for a large sheet of their own, most of a refill's time).
  if (kanEnten) alleenBladen(wb, eigenBladen);
  let data = noteer(
    await zetHyperlinks(
      await geschrevenWerkboek(wb, plan, schrijver.tabellen, !!bestaand, noteer),
      schrijver.hyperlinks,
    ),
  );
  let verloren: string[] = [];
  let gelezen: GelezenRij[] = [];
  if (bestaand) {
    data = noteer(await zetNotitiesTerug(data, bestaand, schrijver.opCellen.verplaatst));
    // Where a cell of the old file stands now (a table's rows can move): for the cells based on a named style.
    const celNaar = (plek: string) => schrijver.celNaar(plek);
    if (kanEnten) {
      const geent = await entInOrigineel(bestaand, data, eigenBladen, { celNaar });
      // A package the graft turns down after all: the full rewrite, from the start (with its own loss check).
      if (!geent) return schrijfXlsx(gevraagd, bestaand, { ...opties, enten: false });
      data = noteer(geent);
    } else {
      // The whole file as exceljs wrote it, stored: compressed here, as a first fill's.
      data = noteer(await (await Zip.loadAsync(data)).generateAsync({ type: "uint8array" }));
    }
    // What the written file lacks, compared part by part with the old one (not by exceljs's model); a note, link,
    // format or validation that went with its row is looked for where it went (./xlsxHyperlinks for the links).
    const { verplaatst, weg } = schrijver.opCellen;
    const na = [
      ...(
        await verliesNaSchrijven(
          bestaand,
          data,
          verplaatst,
          { ...schrijver.opmaakVerplaatst, cellen: celNaar },
          { geent: kanEnten },
        )
      ).filter((n) => !isEigenVerlies(n, schrijver.eigen)),
      ...(await hyperlinksVerloren(bestaand, data, verplaatst)),
    ];
    gelezen = await gelezenRijen(bestaand, plan, schrijver, kanEnten, oudeNotities);
    const grafieken = await grafiekenWeg(bestaand, plan, schrijver);
    verloren = [
      ...vooraf,
      ...schrijver.teruggezet.map(volgordeVerlies),
      ...schrijver.getypt,
      ...weg,
      ...na,
      ...grafieken,
    ];
  }
  const gelezenTekst = gelezen.map(gelezenRijTekst);
  if (verloren.length + gelezen.length > 0 && !opties.verliesToestaan) {
    // The add-in in Excel keeps neither a sorted order, nor a note whose row goes, nor a value typed over one of
    // Opgave's formulas, nor a totals row the user turned on (it keeps the chart of a table it skips, as it stands:
    // ./officeBeslissing `grafiekTaken`).
    const inExcel =
      verloren.filter((v) => !isTotaalrijVerlies(v)).length >
      schrijver.teruggezet.length + schrijver.opCellen.weg.length + schrijver.getypt.length;
    const advies = gelezenRijenAdvies(gelezen).join(", of ");
    throw new VerliesFout(verloren, inExcel, advies, gelezenTekst);
  }
  return {
    data,
    rapport: {
      nieuweBladen: schrijver.nieuweBladen,
      wijzigingen: schrijver.wijzigingen,
      invoerBehouden: schrijver.invoerBehouden,
      tekstInGetal: schrijver.tekstInGetal,
      buitenRegel: schrijver.buitenRegel,
      verweesd: schrijver.verweesd,
      overgeslagen: schrijver.overgeslagen,
      verloren,
      andereRij: gelezenTekst,
    },
  };
}

/**
 * The workbook as exceljs writes it, with the plan's charts: for a refill stored, not compressed (the graft reads
 * it again at once and compresses its own output), for a first fill compressed.
 */
async function geschrevenWerkboek(
  wb: ExcelJS.Workbook,
  plan: WerkboekPlan,
  tabellen: ReadonlyMap<string, GeschrevenTabel>,
  herbevulling: boolean,
  noteer: (onderweg: Uint8Array) => Uint8Array,
): Promise<Uint8Array> {
  wb.eachSheet(validatiesPerBereik);
  // Stored, not compressed: this file is read again at once (charts); the last step compresses.
  const ruw = noteer(
    new Uint8Array((await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } })) as ArrayBuffer),
  );
  const data = noteer(
    await voegGrafiekenToe(ruw, grafiekSpecs(wb, plan, tabellen), herbevulling ? "STORE" : "DEFLATE"),
  );
  // Without charts the file is exceljs's own, stored: compress it here.
  if (!herbevulling && data === ruw)
    return noteer(await (await Zip.loadAsync(ruw)).generateAsync({ type: "uint8array" }));
  return data;
}
