/**
 * The host-independent workbook plan: what Opgave writes into a workbook, built by pure code from the engine
 * (./bouwPlan) and applied by writers (./xlsxWriter for .xlsx files, ./officeWriter for Office.js).
 *
 * Ownership rules (refill is safe):
 * - sheets, tables (by stable name), blocks and named input cells in the plan are owned by Opgave;
 * - columns of kind "invoer" and named input cells hold what the user enters: a refill keeps every non-empty
 *   user value (matched by the table's key column / the cell's defined name) and never overwrites it;
 * - anything else in the workbook (other sheets, cells outside the plan) is never touched;
 * - strings are always written as text, never as formulas; formulas exist only as `Formule` objects made by
 *   the plan builder (en-US syntax, A1 references, "," separators — how .xlsx files and Office.js store them).
 * Names, headers and fixed places of Opgave's own workbooks: ./indeling; A1 addresses: ./a1.
 */
import type { Positie } from "./a1";

export { adres, bereik, decodeerBereik, kolomLetters, type Positie } from "./a1";

export interface Formule {
  /** en-US formula with leading "=", e.g. "=D6+H5". */
  readonly formule: string;
}

export type Waarde = string | number | boolean | null;
export type Cel = Waarde | Formule;

export function isFormule(c: Cel): c is Formule {
  return typeof c === "object" && c !== null && "formule" in c;
}

export type KolomSoort = "gegeven" | "invoer" | "formule";

export interface Kolom {
  /** Stable key (never shown), e.g. "gehuisvest". */
  readonly sleutel: string;
  /** Dutch header shown in the sheet (may change between versions; matching uses the key's position). */
  readonly kop: string;
  readonly soort: KolomSoort;
  /** Excel number format, e.g. "#,##0", "€ #,##0", "@" (text). */
  readonly notatie?: string;
  /** Column width in characters. */
  readonly breedte?: number;
  /** Data validation of the column's data cells (input columns): what may be typed, with a Dutch prompt. */
  readonly validatie?: Validatie;
  /** Hide the column (a technical key the refill needs but the user does not read). */
  readonly verborgen?: boolean;
}

/**
 * A data validation rule ("stop" style: Excel refuses a typed value that breaks it), with a Dutch input message
 * (shown when the cell is selected) and error message. Blank is always allowed (an empty input means "not known").
 */
export interface Validatie {
  /** Whole number, decimal number (amounts), or one of a list. */
  readonly soort: "geheel" | "decimaal" | "lijst";
  /** geheel/decimaal: lower bound (inclusive), and an optional upper bound. */
  readonly min?: number;
  readonly max?: number;
  /** lijst: the allowed values as an absolute en-US A1 range with "=", e.g. "=$A$8:$A$25". */
  readonly lijst?: string;
  /** Title of the prompt and of the error (Excel: at most 32 characters). */
  readonly titel: string;
  /** Input message (Excel: at most 255 characters). */
  readonly invoer: string;
  /** Error message (Excel: at most 255 characters). */
  readonly fout: string;
}

/** How a conditional format marks a cell: a backlog (red), a surplus (green), a missing input (amber). */
export type OpmaakStijl = "achterstand" | "voorsprong" | "ontbreekt";

/**
 * A conditional format over a table's data rows, columns `van` … `tot` (keys). `formule` is en-US for the first data
 * row and the first of those columns (relative references move along, as in Excel: "=AND(ISNUMBER(I8),I8>0)").
 * A writer replaces its own rules (same formula at the same top-left cell) and leaves the user's.
 */
export interface OpmaakRegel {
  readonly van: string;
  readonly tot: string;
  readonly formule: string;
  readonly stijl: OpmaakStijl;
  /** The rule's formulas in earlier versions of Opgave: a refill recognises (and replaces) those as its own too. */
  readonly eerder?: readonly string[];
}

export interface TabelPlan {
  /** Stable Excel table name (letters, digits, underscores), e.g. "Opgave_Taakstelling". */
  readonly naam: string;
  /** Top-left cell of the header row. */
  readonly start: Positie;
  readonly kolommen: readonly Kolom[];
  /** Key column: identifies a row across refills (e.g. "periode", "code"). Must be a "gegeven" column. */
  readonly sleutelKolom: string;
  /** Data rows in `kolommen` order; an "invoer" cell holds its default (null = empty). */
  readonly rijen: readonly (readonly Cel[])[];
  /** Optional totals written in the row directly below the table (plain cells, usually SUM formulas). */
  readonly totaal?: readonly Cel[];
  /** Conditional formats over the data rows (also orphan rows kept at the end). */
  readonly opmaak?: readonly OpmaakRegel[];
  /**
   * The first sheet column where a column of the user's own may stand between Opgave's columns of this table and
   * stay there on a refill: every other cell of Opgave's on the sheet lies left of it, so inserting a whole sheet
   * column there moved nothing of Opgave's but this table's columns (./samenvoegen `metRuimteVoorEigenKolommen`,
   * set by the writers). Absent: only at the end of the table.
   */
  readonly eigenKolomVanaf?: number;
  /**
   * Orphan rows (their key no longer in the plan, kept at the end for the user's input: ./samenvoegen `weesRijen`)
   * get this value in this column of Opgave's instead of what it held: in Controle Ernst "vervallen", a finding
   * that no longer occurs, kept for its Afgehandeld, is no longer shown as an error. `naam`: the columns whose values
   * name such a row in the report, where its key does not (Controle's Id: "nietNumeriek||GM0310|Taakstelling!G22").
   */
  readonly wees?: { readonly kolom: string; readonly waarde: Waarde; readonly naam?: readonly string[] };
}

/** A rectangle of plan-owned cells (titles, labels, key figures, provenance). */
export interface BlokPlan {
  readonly start: Positie;
  readonly cellen: readonly (readonly Cel[])[];
  /** Optional number format per column of the block. */
  readonly notaties?: readonly (string | undefined)[];
  /** Optional number format per cell (row, column), over `notaties` (e.g. a date in a label/value block). */
  readonly celNotaties?: readonly (readonly (string | undefined)[])[];
  /** Render the first row bold (a title). */
  readonly kop?: boolean;
}

/** The number format of a block's cell (row i, column j). */
export function blokNotatie(b: BlokPlan, i: number, j: number): string | undefined {
  return b.celNotaties?.[i]?.[j] ?? b.notaties?.[j];
}

/** A single user-owned input cell with a workbook-level defined name (e.g. assumptions on the costs sheet). */
export interface InvoerCel {
  /** Defined name, e.g. "Opgave_KostenPerPlaats". */
  readonly naam: string;
  readonly positie: Positie;
  readonly standaard: Waarde;
  readonly notatie?: string;
  /** Dutch label written (plan-owned) in the cell to the left. */
  readonly label: string;
  readonly validatie?: Validatie;
}

export interface GrafiekPlan {
  readonly titel: string;
  readonly soort: "kolom" | "lijn";
  /** Table whose columns are plotted; categories from `categorieKolom`, one series per `reeksKolommen`. */
  readonly tabel: string;
  readonly categorieKolom: string;
  readonly reeksKolommen: readonly string[];
  /** Top-left corner of the chart. */
  readonly positie: Positie;
}

export interface BladPlan {
  /** Sheet name (≤ 31 characters). */
  readonly naam: string;
  readonly blokken: readonly BlokPlan[];
  readonly invoercellen: readonly InvoerCel[];
  readonly tabellen: readonly TabelPlan[];
  readonly grafieken: readonly GrafiekPlan[];
  /** Column widths in characters by 1-based column, for columns not covered by a table. */
  readonly breedtes?: Readonly<Record<number, number>>;
  /**
   * Frozen panes: the rows above `rijen`+1 and the columns left of `kolommen`+1 stay in view (a table's header row
   * and first column). A writer sets it only where the sheet has no frozen panes yet (the user's choice stays).
   */
  readonly bevries?: { readonly rijen: number; readonly kolommen: number };
}

export interface WerkboekPlan {
  readonly formaat: "opgave-werkboek";
  readonly formaatVersie: 1;
  readonly onderwerp: {
    readonly soort: "gemeente" | "provincie";
    readonly code: string;
    readonly naam: string;
    /** Said with every fill: a gemeente that no longer exists (since when, and what to use instead). */
    readonly melding?: string;
  };
  readonly bladen: readonly BladPlan[];
}

/** What a writer did, for the user: what changed, what was kept, what could not be placed. */
export interface VulRapport {
  readonly nieuweBladen: readonly string[];
  /**
   * Plan-owned values that differ from what was in the workbook before; `moment`: the Bron sheet's "Gevuld op",
   * which every refill changes (not a figure: the reports name it apart).
   */
  readonly wijzigingen: readonly {
    readonly plek: string;
    readonly oud: Waarde;
    readonly nieuw: Waarde;
    readonly moment?: true;
  }[];
  /** Number of user input cells kept as they were. */
  readonly invoerBehouden: number;
  /**
   * Kept inputs that are text or an error value where Opgave asks a number (./samenvoegen `isTekstInGetal`: its
   * formulas pass them over), in Dutch: `Opgave_Taakstelling 2018-II: Gehuisvest: "12a"`, `…: #DEEL/0! (een
   * foutwaarde; …)`.
   */
  readonly tekstInGetal: readonly string[];
  /**
   * Kept inputs that are numbers outside their cell's rule (./samenvoegen `buitenRegel`: Opgave's formulas count
   * them as they are), in Dutch: `Opgave_Taakstelling 2018-II: Gehuisvest: -40 (kleiner dan 0, het minimum van de cel)`.
   */
  readonly buitenRegel: readonly string[];
  /**
   * Table rows with user input whose key no longer exists in the plan: kept at the end of the table. `sleutel`: the
   * row's key, or what names it where the key does not (./samenvoegen `weesNaam`).
   */
  readonly verweesd: readonly { readonly tabel: string; readonly sleutel: string }[];
}

/** The changes of a report that are figures: all but when Opgave filled the workbook (`moment`). */
export function gewijzigdeCijfers(r: Pick<VulRapport, "wijzigingen">): VulRapport["wijzigingen"] {
  return r.wijzigingen.filter((w) => !w.moment);
}

/**
 * Whether every sheet of the plan was new to the workbook: Opgave's first fill of it (a new file, or a workbook of
 * the user's that held none of Opgave's sheets), with no figures to compare and no inputs to keep.
 */
export function alleBladenNieuw(
  r: Pick<VulRapport, "nieuweBladen">,
  plan: Pick<WerkboekPlan, "bladen">,
): boolean {
  return r.nieuweBladen.length === plan.bladen.length;
}
