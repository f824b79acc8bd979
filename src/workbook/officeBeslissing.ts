/**
 * The Office.js writer's decisions, pure: from the plan and what was read from the workbook (`WerkmapStaat`, plain
 * data loaded by ./officeLezen) to the list of write tasks (`SchrijfTaak`, run in batches by ./officeUitvoering)
 * and the report. No Office.js objects here, so every refill case can be tested without Excel.
 *
 * Refill of a table (found by its table name, else by its header row at the plan's start):
 * - a plan column the table lacks (one a later version added, an input column too) is added at the end of the
 *   table, after the user's own columns, empty where it is input, and named in the report; the plan's formulas move
 *   with it (./kolomVerplaatsing, as in ./xlsxWriter), so no column the table has moves;
 * - skipped and reported in `overgeslagen`, not touched, when: edited out of shape (no key column:
 *   `samenvoegenTabel`), moved to
 *   another position or sheet, a column would move (a column of the user's inside the table left of other cells of
 *   Opgave's on the sheet — one right of them stays where it is, Opgave's columns after it written where they
 *   stand —, Opgave's columns reordered or one deleted: `kolomVerschuiving`; A1 references to it would read
 *   another column), a key occurs
 *   twice (the merge would drop a row), the new size would overlap another table, it would grow over a cell the
 *   user filled (outside the old table, its totals row and plan blocks), or its formulas refer by address to a
 *   table that is skipped;
 * - else the table object is kept — name, style, filters and every structured reference to it stay valid — and
 *   resized to the merged size only when that differs; header and body are rewritten with the merged rows. Cells of
 *   the old range outside the new one and the old totals row are emptied (contents only: notes and formats stay).
 *   User-owned cells (input columns, the user's own columns) whose content stays in the same cell are left as they
 *   are (`null` in the written matrices: value, formula and format unchanged); when the merge moves such a cell to
 *   another row, a formula is written back as a formula and the user's own columns keep their format. A cell holds
 *   a formula only when its `formulas` differ from its `values`: for a constant Office.js returns the value as its
 *   formula, so text typed as "=abc" (text format) stays text.
 * Number formats on a refill: a body cell, block cell or empty named input cell keeps the format it has
 * (`hervulNotatie`) unless the content needs another; Opgave's format goes only where there is none. Plan block
 * cells whose formula refers by address to a skipped table are left as they are (reported).
 * Named input cells: the value is read where the defined name points (else from the plan's cell on an existing
 * sheet); a non-empty value stays (`samenvoegenInvoer`): untouched when it is in the plan's cell, otherwise copied
 * there. The name is added, or pointed at the plan's cell when it pointed elsewhere.
 * Text versus formulas: every non-empty string constant gets the text format ("@"), set before the value, so Excel
 * stores it as typed text; formulas come only from `Formule` objects; an empty cell is written as "". Except in
 * input cells (Opgave's input columns and named input cells whose format is not text): "@" there would turn a
 * number typed later into text that the totals ignore, so they keep their numeric format; a text Excel keeps as
 * text anyway ("ca. 350") is written in it, and "@" remains only for a text Excel would turn into something else
 * (`blijftTekst`) in a cell that moves. An input cell that has "@" gets its numeric format back.
 * Batches: every task says how many cells and how many bytes of request it adds (`cellen`, `bytes`); table bodies
 * are cut into row chunks within both caps (Excel on the web refuses a request over 5 MB).
 * Totals rows: written in the row directly below the table; since Excel's AutoCorrect (AutoExpand) may grow the
 * table over a row written there, the totals task re-asserts the table's range and empties the totals cells that
 * should be empty (a calculated column may have filled them).
 */
import {
  adres,
  bereik,
  bevat,
  bladTussenQuotes,
  bladVerwijzing,
  kolomLetters,
  leesCelVerwijzing,
  overlapt,
  rechthoekBereik,
  rechthoekVanAdres,
  rechthoekZonder,
  type Positie,
  type Rechthoek,
} from "./a1";
import { grafiekNaam, NOTATIE } from "./indeling";
import { afdrukVoor, gelatenGebieden } from "./afdruk";
import { afdrukTaak, type AfdrukTaak } from "./officeAfdruk";
import {
  eigenOpmaakFormules,
  formuleSleutel,
  invoercontrole,
  isEigenValidatie,
  type GelezenValidatie,
  type GeschrevenVorm,
  type OpmaakOpdracht,
  type ValidatieOpdracht,
} from "./invoercontrole";
import { tabelVerplaatsing, verplaatsPlan, volgRijen, type Verplaatsing } from "./kolomVerplaatsing";
import { blokNotatie, isFormule } from "./plan";
import type {
  BladPlan,
  BlokPlan,
  Cel,
  Kolom,
  TabelPlan,
  Validatie,
  VulRapport,
  Waarde,
  WerkboekPlan,
} from "./plan";
import {
  bladVerschuiving,
  blokEnInvoerRechthoeken,
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
  naamSleutel,
  hervulNotatie,
  isEigenKolom,
  isLeeg,
  invoerCelAfwijking,
  opHunPlaats,
  planKolomPlaatsen,
  planRechthoeken,
  samenvoegenInvoer,
  samenvoegenTabel,
  sleutelIndex,
  sleutelKop,
  sleutelTekst,
  tabelEldersReden,
  totaalrijVerlies,
  type SamengevoegdeTabel,
  type TabelGebied,
  type Wijziging,
} from "./samenvoegen";
import { rijvolgordeVrij } from "./rijVolgorde";
import {
  gelezenVerschovenRijen,
  rijenNaar,
  tabelRijen,
  vervallenRij,
  type GelezenRij,
  type TabelRijen,
} from "./rijBetekenis";
import {
  getypteBlokwaarden,
  getypteWaarden,
  metBerekendeKolommen,
  type OudeFormules,
} from "./berekendeKolom";

const TEKST = NOTATIE.tekst;
const ALGEMEEN = NOTATIE.algemeen;

/** What a cell gets through `Range.formulas`: a formula, a constant, or "" for empty. */
export type Invoer = string | number | boolean;

/**
 * Number formats (set first) and formulas/values of one rectangle. `null` leaves that cell's format or content as
 * it is (Office.js: "null input in a 2-D array" — used for the user's cells that stay where they are).
 */
export interface CelMatrix {
  readonly notaties: (string | null)[][];
  readonly invoer: (Invoer | null)[][];
}

/** Default cap on the bytes of request written per `context.sync()` (see ./officeWriter). */
export const STANDAARD_MAX_BYTES_PER_SYNC = 2_500_000;

/** What a write command costs in the request besides its data (object paths, action, property name). */
const BYTES_PER_OPDRACHT = 500;

/** UTF-8 length of a string (what it costs in the JSON request body). */
function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes of a value as JSON in a request (a matrix of values, formulas or number formats; a task). */
export function matrixBytes(m: unknown): number {
  return utf8Bytes(JSON.stringify(m) ?? "");
}

/** What a task adds to the request: its data as JSON plus the commands around it. */
export function taakBytes(t: SchrijfTaak): number {
  return matrixBytes(t) + BYTES_PER_OPDRACHT;
}

/**
 * The report of a fill in Excel; `verloren`: values the user typed over Opgave's formulas that the fill replaced
 * after the user confirmed (./berekendeKolom `getypteWaarden`).
 */
export type OfficeVulRapport = VulRapport & { overgeslagen: string[]; verloren: string[] };

// ---------------------------------------------------------------------------------------------------------
// What was read (input)

export type Matrix = readonly (readonly unknown[])[];

/** A loaded range: its values (formulas and number formats where loaded) and its 0-based top-left position. */
export interface GelezenBereik {
  readonly rijIndex: number;
  readonly kolomIndex: number;
  readonly waarden: Matrix;
  readonly formules?: Matrix;
  readonly notaties?: Matrix;
}

/** A table object in the workbook. */
export interface ExcelTabelStaat {
  readonly naam: string;
  /** Its sheet's name. */
  readonly blad: string;
  /** Header + body (+ Excel's own totals row when shown). */
  readonly rechthoek: Rechthoek;
  readonly showTotals: boolean;
  /**
   * A plan table larger than what is read in one request (./officeLezen `LEES_RIJEN_EXTRA`): its body was read in
   * part, so it is not written (a merge of part of it would lose rows).
   */
  readonly afgekapt?: boolean;
  /** For a table with a plan table's name: header, body, and the cells around it (as far as it may grow). */
  readonly inhoud?: {
    readonly koppen: readonly unknown[];
    readonly lijf: Omit<GelezenBereik, "rijIndex" | "kolomIndex">;
    readonly omgeving: GelezenBereik;
  };
}

/** The cell a plan input's defined name points at; `bestaat: false` when it is not a range (e.g. "=0.2"). */
export type NaamCelStaat =
  | { readonly bestaat: false }
  | {
      readonly bestaat: true;
      /** As Range.address gives it: "Kosten!C10", "'Mijn blad'!C10". */
      readonly adres: string;
      readonly rijen: number;
      readonly kolommen: number;
      readonly waarde: unknown;
      readonly formule: unknown;
      readonly notatie: unknown;
    };

/** Key of a plan block or chart in `WerkmapStaat`: the plan's sheet name and its index in the sheet. */
export function planSleutel(blad: string, index: number): string {
  return `${blad}#${index}`;
}

/**
 * The workbook as far as the plan is concerned, as plain data. Maps are keyed by the plan's own names: input cells
 * by defined name, plan tables by table name, blocks and charts by `planSleutel(sheet, index)`.
 */
export interface WerkmapStaat {
  readonly bladen: readonly string[];
  /** Workbook-scoped defined names. */
  readonly namen: readonly string[];
  /** Every table object. */
  readonly tabellen: readonly ExcelTabelStaat[];
  /**
   * Plan tables without a table object on an existing sheet: the region at the plan's start (from the start, at
   * most what one request reads; `afgekapt`: the region goes on beyond that), and the cells around it.
   */
  readonly gebieden: ReadonlyMap<
    string,
    { readonly regio: GelezenBereik; readonly omgeving: GelezenBereik; readonly afgekapt?: boolean }
  >;
  /** Plan input cells whose defined name exists. */
  readonly naamCellen: ReadonlyMap<string, NaamCelStaat>;
  /** Plan input cells on an existing sheet: the value in the plan's cell. */
  readonly planCellen: ReadonlyMap<string, unknown>;
  /** Plan input cells on an existing sheet: the number format of the plan's cell (absent: not read). */
  readonly planNotaties?: ReadonlyMap<string, unknown>;
  /** Plan blocks on an existing sheet: the values there now. */
  readonly blokken: ReadonlyMap<string, Matrix>;
  /** Plan blocks on an existing sheet: their number formats now (absent: not read). */
  readonly blokNotaties?: ReadonlyMap<string, Matrix>;
  /** Plan blocks on an existing sheet: their formulas now, a value where a cell holds no formula (absent: not read). */
  readonly blokFormules?: ReadonlyMap<string, Matrix>;
  /**
   * Existing plan sheets (by `sleutel(sheet)`): the values from A1 over `verschuivingGebied`, to tell whether the
   * user moved Opgave's cells (absent: not read).
   */
  readonly bladWaarden?: ReadonlyMap<string, Matrix>;
  /** Plan charts that exist (by their stable name) on an existing sheet. */
  readonly grafieken: ReadonlySet<string>;
  /**
   * Conditional formats on existing plan sheets (by `sleutel(sheet)`): their formula ("" when not a custom one), in
   * the order of the sheet's collection (absent: not read).
   */
  readonly opmaak?: ReadonlyMap<string, readonly string[]>;
  /** Existing plan sheets (by `sleutel(sheet)`) that have frozen panes already (absent: not read). */
  readonly bevroren?: ReadonlySet<string>;
  /**
   * Page layout (./officeAfdruk): whether the host can set it (ExcelApi 1.9; absent: it can) and the print area of
   * existing plan sheets that have one (by `sleutel(sheet)`, its address as read).
   */
  readonly afdruk?: {
    readonly kan: boolean;
    readonly gebieden: ReadonlyMap<string, string>;
    /** Per sheet its print title rows as read ("Taakstelling!$1:$7"). */
    readonly titels?: ReadonlyMap<string, string>;
  };
  /**
   * Per existing plan sheet (by key) the cells whose validation is the user's (./officeLezen
   * `leesRegelsVanGebruiker`): Opgave's validations are written around them.
   */
  readonly regelsVanGebruiker?: ReadonlyMap<string, readonly Rechthoek[]>;
}

// ---------------------------------------------------------------------------------------------------------
// What to write (output)

interface TaakBasis {
  /** Cells the task writes (for the cap per batch; its bytes: `taakBytes`). */
  readonly cellen: number;
}

/**
 * One write task. The executor runs them in this order, syncing before a task that would push the batch over the
 * cap. Sheet names are the plan's; the executor finds the sheet case-insensitively.
 */
export type SchrijfTaak = TaakBasis &
  (
    | { readonly soort: "blad"; readonly blad: string }
    | {
        readonly soort: "tabel";
        readonly blad: string;
        readonly naam: string;
        /** New range: header + body. */
        readonly rechthoek: Rechthoek;
        /** The table object that stays (by its name in the workbook); absent: a new table is added. */
        readonly bestaand?: { readonly naam: string; readonly totalenUit: boolean; readonly resize: boolean };
        /** Old cells to empty (outside the new range, the old totals row). */
        readonly wis: readonly Rechthoek[];
        readonly kop: CelMatrix;
      }
    | {
        readonly soort: "invoercel";
        readonly blad: string;
        readonly label?: { readonly adres: string; readonly matrix: CelMatrix };
        readonly adres: string;
        readonly schrijf?: CelMatrix;
        readonly naam?:
          | { readonly soort: "toevoegen"; readonly naam: string }
          | { readonly soort: "verwijzen"; readonly naam: string; readonly formule: string };
      }
    | {
        readonly soort: "cellen";
        readonly blad: string;
        readonly adres: string;
        readonly matrix: CelMatrix;
        /** Bold: the range written (true) or another range. */
        readonly vet?: true | string;
      }
    | {
        /** A totals row below a table, then the table's own range again (AutoExpand guard, see the header). */
        readonly soort: "totaal";
        readonly blad: string;
        readonly adres: string;
        readonly matrix: CelMatrix;
        /** The table object (its name in the workbook) and its range: header + body. */
        readonly tabel: string;
        readonly tabelBereik: string;
        /** Cells of the totals row that must stay empty. */
        readonly leeg: readonly string[];
      }
    | {
        readonly soort: "grafiek";
        readonly blad: string;
        /** Sheet of the table whose columns are plotted. */
        readonly bronBlad: string;
        readonly naam: string;
        readonly titel: string;
        readonly type: "Line" | "ColumnClustered";
        /** The existing chart to delete first (its `planSleutel`). */
        readonly vervang?: string;
        /** The first series makes the chart; the others are added. */
        readonly reeksen: readonly { readonly naam: string; readonly bereik: string }[];
        readonly categorieen: string;
        readonly positie: string;
      }
    | {
        readonly soort: "controle";
        readonly blad: string;
        /** Indexes (in the sheet's collection as read) of Opgave's own conditional formats to delete first. */
        readonly verwijder: readonly number[];
        readonly validaties: readonly ValidatieOpdracht[];
        readonly opmaak: readonly OpmaakOpdracht[];
        /** The priority (0 first) each of `opmaak` gets: `opmaakPlaatsen`. */
        readonly plaatsen: readonly number[];
        /** Column letters to hide. */
        readonly verborgen: readonly string[];
        readonly bevries?: { readonly rijen: number; readonly kolommen: number };
      }
    | {
        readonly soort: "breedtes";
        readonly blad: string;
        /** Column letters and width in points. */
        readonly breedtes: readonly (readonly [string, number])[];
      }
    | AfdrukTaak
  );

export interface Beslissing {
  readonly taken: readonly SchrijfTaak[];
  readonly rapport: OfficeVulRapport;
  /**
   * Tables whose rows the user sorted that the tasks put back in the plan's order (their formulas read other rows:
   * ./samenvoegen `volgordeTeruggezet`): the writer asks before it writes (./officeWriter `VolgordeBevestiging`).
   */
  readonly teruggezet: readonly string[];
  /**
   * Tables whose rows will hold another gemeente or the totals row (./rijBetekenis): the writer then reads the
   * user's formulas and asks before it writes when one reads such a row by its address.
   */
  readonly rijenAnders: readonly TabelRijen[];
  /**
   * Formulas of the user's in a table (their own column, the totals row below it) that read a row alone that goes,
   * or, on the totals row of a table that grows, all of its old rows (`=SUM(P9:P33)`: they go with the totals row
   * and leave the new rows out) — the writer asks first, as for such a formula elsewhere.
   */
  readonly inTabellenGelezen: readonly GelezenRij[];
  /** Values the user typed over Opgave's formulas that the tasks replace: the writer asks first (`TabelTaak.getypt`). */
  readonly getypt: readonly string[];
  /** Totals rows the user turned on that the tasks turn off (./samenvoegen `totaalrijVerlies`): asked first too. */
  readonly totaalUit: readonly string[];
  /** For one of Opgave's sheets, the rectangles of its cells and tables (before and after); else undefined. */
  readonly eigenGebied: (blad: string) => readonly Rechthoek[] | undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Cells

/** Names in Excel are case-insensitive (./samenvoegen `naamSleutel`). */
export const sleutel = naamSleutel;

/** What a cell gets: a formula from a Formule, "" for empty (null would leave the cell unchanged), else the constant. */
function invoer(c: Cel): Invoer {
  if (isFormule(c)) return c.formule;
  return c === null ? "" : c;
}

/** Number format for a cell: text for every non-empty string constant, else the plan's format or General. */
function notatieVoor(c: Cel, notatie: string | undefined): string {
  return typeof c === "string" && c !== "" ? TEKST : (notatie ?? ALGEMEEN);
}

/** A date written with a month name, as Excel reads one when it is typed ("5 mrt", "jan-24", "maart 2024"). */
const MAAND_DATUM =
  /^(\d{1,2}[\s\-/.]*)?(jan|feb|mrt|maa|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec)[a-z]*\.?([\s\-/.,]*\d{1,4})*$/i;

/**
 * Whether Excel keeps this text as text when it is typed into a cell that is not formatted as text: it does not
 * start a formula ("=", "+", "-", "@"), an error ("#N/A") or a quoted text ("'"), and is not a number, date, time,
 * percentage or boolean. Conservative: what might be read as something else is not "kept" (it then needs "@").
 */
export function blijftTekst(s: string): boolean {
  const t = s.trim();
  if (t === "" || /^[=+\-@#']/.test(t)) return false;
  if (!/\p{L}/u.test(t)) return false; // no letter: a number, date, time, percentage or amount
  if (/^[\d\s.,]*e[+-]?\d+$/i.test(t) || /\d:\d/.test(t)) return false; // 1e5, 1:30 PM
  if (/^(true|false|waar|onwaar)$/i.test(t)) return false;
  return !MAAND_DATUM.test(t);
}

/**
 * The number format of an input cell (an Opgave input column or named input cell whose own format `eigen` is not
 * text) for content `c`, given its format now (`oud`): never "@" for what is not text; a text that stays text
 * anyway goes into the numeric format too; only a text Excel would turn into something else gets "@".
 */
function invoerNotatie(c: Cel, oud: unknown, eigen: string | undefined): string {
  if (typeof c === "string" && c !== "" && !blijftTekst(c)) return TEKST;
  return hervulNotatie(oud, eigen ?? ALGEMEEN);
}

/** An input column or named input cell meant for numbers (its format is not text). */
function numeriekeInvoer(notatie: string | undefined): boolean {
  return notatie !== TEKST;
}

/** A cell read from the workbook holds a formula: `formulas` gives "=…" and differs from `values` (the result). */
export function isGelezenFormule(formule: unknown, waarde: unknown): formule is string {
  return typeof formule === "string" && formule.startsWith("=") && formule !== waarde;
}

function alsWaarde(v: unknown): Waarde {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
}

/** A loaded matrix property (values, formulas, numberFormat); [] when it is not one. */
export function matrix(m: unknown): unknown[][] {
  return Array.isArray(m) ? (m as unknown[][]) : [];
}

/** Matrices for one rectangle of plan cells: number formats (to set first) and formulas/values. */
export function celMatrix(
  cellen: readonly (readonly Cel[])[],
  kolommen: number,
  notaties?: readonly (string | undefined)[] | ((i: number, j: number) => string | undefined),
): { notaties: string[][]; invoer: Invoer[][] } {
  const rijen = cellen.map((rij) => Array.from({ length: kolommen }, (_, j) => rij[j] ?? null));
  const notatie = typeof notaties === "function" ? notaties : (_i: number, j: number) => notaties?.[j];
  return {
    notaties: rijen.map((rij, i) => rij.map((c, j) => notatieVoor(c, notatie(i, j)))),
    invoer: rijen.map((rij) => rij.map(invoer)),
  };
}

/**
 * Excel column width in points for a width in characters (Calibri 11 at 96 dpi: 7 px per character plus 5 px
 * padding; 0.75 pt per px), e.g. 8.43 characters → 48 pt, Excel's default.
 */
export function breedteInPunten(tekens: number): number {
  return Math.round((tekens * 7 + 5) * 0.75 * 100) / 100;
}

// ---------------------------------------------------------------------------------------------------------
// Tables

/** The table as it is in the workbook now. */
interface OudeTabel {
  /** The table object's name; absent when found by its header row at the plan's start without a table object. */
  readonly tabel?: string;
  /** Header + body (+ Excel's own totals row when shown). */
  readonly rechthoek: Rechthoek;
  readonly showTotals: boolean;
  readonly koppen: string[];
  readonly waarden: Waarde[][];
  readonly formules: unknown[][];
  readonly notaties: unknown[][];
}

/** A plan table that will be written. */
interface TabelTaak {
  readonly blad: BladPlan;
  readonly plan: TabelPlan;
  readonly res: SamengevoegdeTabel;
  /** New table range: header + body. */
  readonly rechthoek: Rechthoek;
  readonly oud?: OudeTabel;
  /** The user's cells on the old totals row, in their own columns (`totaalVanGebruiker`). */
  readonly totaal?: TotaalVanGebruiker;
  /** Values the user typed over Opgave's formulas, which the formulas replace (./berekendeKolom `getypteWaarden`). */
  readonly getypt?: readonly string[];
}

/** The user's cells on the totals row below an old table, in their own columns: what each held, by header. */
interface TotaalVanGebruiker {
  /** The old totals row (sheet row). */
  readonly rij: number;
  /** Header → the cell's formula ("=SUM(P9:P33)") or value, and its sheet column then. */
  readonly cellen: ReadonlyMap<
    string,
    { readonly invoer: string | number | boolean; readonly kolom: number }
  >;
}

/**
 * The cells the user filled on the old totals row below a table, in the user's own columns (a total of their own
 * column, a remark), from the cells read around the table (`omgeving`): they go with the totals row (`lijfTaken`).
 * Before, a table that grew wrote a row over them and the totals row below it without them, without a word.
 */
function totaalVanGebruiker(
  tp: TabelPlan,
  res: SamengevoegdeTabel,
  oud: OudeTabel,
  omgeving: GelezenBereik | undefined,
): TotaalVanGebruiker | undefined {
  if (!tp.totaal || !omgeving || oud.showTotals) return undefined;
  const rij = oud.rechthoek.rij + oud.rechthoek.rijen;
  const cellen = new Map<string, { invoer: string | number | boolean; kolom: number }>();
  oud.koppen.forEach((kop, j) => {
    if (!res.kolommen.some((k) => isEigenKolom(k) && k.kop === kop)) return;
    const kolom = oud.rechthoek.kolom + j;
    const [i, k] = [rij - 1 - omgeving.rijIndex, kolom - 1 - omgeving.kolomIndex];
    const f = omgeving.formules?.[i]?.[k];
    const w = alsWaarde(omgeving.waarden[i]?.[k]);
    const invoer = isGelezenFormule(f, w) ? f : w;
    if (invoer !== null && invoer !== "") cellen.set(kop, { invoer, kolom });
  });
  return cellen.size > 0 ? { rij, cellen } : undefined;
}

function binnen(r: Rechthoek | undefined, rij: number, kolom: number): boolean {
  return !!r && bevat(r, rij, kolom);
}

/** The first cell of `gebied` (outside `vrij`) that holds something in `omgeving`; unknown counts as filled. */
function eersteGevuld(
  omgeving: GelezenBereik,
  gebied: Rechthoek,
  vrij: readonly (Rechthoek | undefined)[],
): string | undefined {
  const waarden = omgeving.waarden;
  for (let r = gebied.rij; r < gebied.rij + gebied.rijen; r++) {
    for (let k = gebied.kolom; k < gebied.kolom + gebied.kolommen; k++) {
      if (vrij.some((v) => binnen(v, r, k))) continue;
      const i = r - 1 - omgeving.rijIndex;
      const j = k - 1 - omgeving.kolomIndex;
      const rij = waarden[i];
      if (i < 0 || j < 0 || !rij || j >= rij.length || !isLeeg(alsWaarde(rij[j])))
        return adres({ rij: r, kolom: k });
    }
  }
  return undefined;
}

/** A plan table saved without a table object (e.g. converted to a range): its header row at the plan's start. */
function zoekZonderTabel(regio: GelezenBereik, tp: TabelPlan): OudeTabel | undefined {
  const waarden = matrix(regio.waarden);
  const formules = matrix(regio.formules);
  const notaties = matrix(regio.notaties);
  const i0 = tp.start.rij - 1 - regio.rijIndex;
  const j0 = tp.start.kolom - 1 - regio.kolomIndex;
  const kopRij = waarden[i0] ?? [];
  const koppen: string[] = [];
  for (let j = j0; j < kopRij.length && !isLeeg(alsWaarde(kopRij[j])); j++)
    koppen.push(String(kopRij[j]).trim());
  const si = koppen.indexOf(sleutelKop(tp));
  if (si < 0) return undefined;
  const totaalLabel = tp.totaal?.[si];
  let n = 0;
  for (let i = i0 + 1; i < waarden.length; i++) {
    const s = sleutelTekst(alsWaarde(waarden[i]?.[j0 + si]));
    if (s === "" || (typeof totaalLabel === "string" && s === totaalLabel.trim())) break;
    n++;
  }
  const blok = (m: unknown[][]): unknown[][] =>
    m.slice(i0 + 1, i0 + 1 + n).map((r) => r.slice(j0, j0 + koppen.length));
  return {
    rechthoek: { rij: tp.start.rij, kolom: tp.start.kolom, rijen: 1 + n, kolommen: koppen.length },
    showTotals: false,
    koppen,
    waarden: blok(waarden).map((r) => r.map(alsWaarde)),
    formules: blok(formules),
    notaties: blok(notaties),
  };
}

/** A plan table's table object as it was read. */
function oudeExcelTabel(geladen: ExcelTabelStaat): OudeTabel {
  return {
    tabel: geladen.naam,
    rechthoek: geladen.rechthoek,
    showTotals: geladen.showTotals,
    koppen: (geladen.inhoud?.koppen ?? []).map((k) => String(k ?? "")),
    waarden: matrix(geladen.inhoud?.lijf.waarden).map((rij) => rij.map(alsWaarde)),
    formules: matrix(geladen.inhoud?.lijf.formules),
    notaties: matrix(geladen.inhoud?.lijf.notaties),
  };
}

/** The table as it is now, or why the plan table is not updated. */
function vindOudeTabel(
  staat: WerkmapStaat,
  blad: BladPlan,
  tp: TabelPlan,
): { oud?: OudeTabel; omgeving?: GelezenBereik } | { overgeslagen: string } {
  const geladen = staat.tabellen.find((g) => sleutel(g.naam) === sleutel(tp.naam));
  if (geladen) {
    const op = geladen.rechthoek;
    if (
      sleutel(geladen.blad) !== sleutel(blad.naam) ||
      op.rij !== tp.start.rij ||
      op.kolom !== tp.start.kolom
    ) {
      return { overgeslagen: tabelEldersReden(tp.naam, blad.naam, tp.start, `${geladen.blad}!${adres(op)}`) };
    }
    if (geladen.afgekapt) return { overgeslagen: teGroot(tp.naam, blad.naam, geladen.rechthoek) };
    return { oud: oudeExcelTabel(geladen), ...(geladen.inhoud ? { omgeving: geladen.inhoud.omgeving } : {}) };
  }
  if (staat.namen.some((n) => sleutel(n) === sleutel(tp.naam))) {
    return { overgeslagen: `tabel ${tp.naam}: de naam is al in gebruik in deze werkmap; niet bijgewerkt` };
  }
  const gebied = staat.gebieden.get(tp.naam);
  if (!gebied) return {};
  const oud = zoekZonderTabel(gebied.regio, tp);
  if (oud && gebied.afgekapt && reiktTotRand(oud.rechthoek, gebied.regio)) {
    return { overgeslagen: teGroot(tp.naam, blad.naam, oud.rechthoek) };
  }
  return { oud, omgeving: gebied.omgeving };
}

/** Why a plan table too large to read in one request is not written. */
function teGroot(naam: string, blad: string, r: Rechthoek): string {
  return (
    `tabel ${naam} (${blad}!${adres(r)}) is te groot om in één keer te lezen; niet bijgewerkt ` +
    "(haal rijen of kolommen die niet bij Opgave horen uit of naast de tabel weg)"
  );
}

/** Whether a table found in a region read in part reaches the last row or column read (it may go on beyond). */
function reiktTotRand(r: Rechthoek, regio: GelezenBereik): boolean {
  const rijen = regio.waarden.length;
  const kolommen = Math.max(0, ...regio.waarden.map((x) => x.length));
  return (
    r.rij + r.rijen - 1 >= regio.rijIndex + rijen || r.kolom + r.kolommen - 1 >= regio.kolomIndex + kolommen
  );
}

/**
 * Why writing the merged table (`nieuw`: the plan's columns, then the user's own) would move a column that is in the
 * table now (`koppen`), or undefined when every column keeps its place. Columns are matched by header, never by
 * place; but a moved column would make every A1 reference elsewhere to its cells (`=Taakstelling!K10`) silently
 * read another column, and Excel offers no way to move a table column in place. So such a table is not written.
 */
export function kolomVerschuiving(
  tp: TabelPlan,
  koppen: readonly string[],
  nieuw: readonly Kolom[],
): string | undefined {
  const letter = (i: number): string => kolomLetters(tp.start.kolom + i);
  const gevolg = "bijwerken zou de kolommen erna verschuiven, zodat verwijzingen ernaar iets anders lezen";
  const binnen = eigenKolommenBinnen(tp, { koppen, rijen: [] })[0];
  if (binnen) {
    const kop = binnen.kop === "" ? "zonder kop" : `"${binnen.kop}"`;
    const laatste = tp.kolommen[tp.kolommen.length - 1]?.kop ?? "";
    return (
      `tabel ${tp.naam} heeft een eigen kolom ${kop} (kolom ${letter(binnen.plaats - 1)}) ${tussenTekst(binnen)} ` +
      `van Opgave; ${gevolg} (${binnen.reden}). Niet bijgewerkt; zet uw kolom rechts van "${laatste}" om de ` +
      "tabel weer te laten bijwerken"
    );
  }
  const plaats = new Map(nieuw.map((k, i) => [k.kop, i]));
  const verschoven = koppen.findIndex((k, i) => (plaats.get(k.trim()) ?? i) !== i);
  if (verschoven < 0) return undefined;
  const kop = koppen[verschoven]?.trim() ?? "";
  const naar = plaats.get(kop) ?? verschoven;
  const bestaand = new Set(koppen.map((k) => k.trim()));
  const ontbreekt = tp.kolommen.slice(0, naar).find((k) => !bestaand.has(k.kop));
  const reden = ontbreekt
    ? `kolom "${ontbreekt.kop}" van Opgave staat niet in de tabel; terugzetten zou kolom "${kop}" van ${letter(verschoven)} naar ${letter(naar)} verschuiven`
    : `kolom "${kop}" staat in kolom ${letter(verschoven)}, Opgave zet hem in kolom ${letter(naar)}; ${gevolg}`;
  return `tabel ${tp.naam}: ${reden}. Niet bijgewerkt`;
}

/** The old table's keys and the formulas of its cells, for its calculated columns (./berekendeKolom). */
function oudeFormules(blad: string, tp: TabelPlan, oud: OudeTabel): OudeFormules {
  const si = oud.koppen.indexOf(sleutelKop(tp));
  return {
    blad,
    eersteRij: oud.rechthoek.rij + 1,
    sleutels: oud.waarden.map((r) => sleutelTekst(r[si])),
    kolom: (kop) => (oud.koppen.includes(kop) ? oud.rechthoek.kolom + oud.koppen.indexOf(kop) : undefined),
    formule: (i, kop) => {
      const j = oud.koppen.indexOf(kop);
      const f = oud.formules[i]?.[j];
      return isGelezenFormule(f, oud.waarden[i]?.[j]) ? f.slice(1) : undefined;
    },
    getypt: (i, kop) => {
      const j = oud.koppen.indexOf(kop);
      const w = oud.waarden[i]?.[j];
      return isGelezenFormule(oud.formules[i]?.[j], w) || w === undefined || w === null || w === ""
        ? undefined
        : w;
    },
  };
}

/** Whether the plan table is written (and how), or why not. */
function beslisTabel(
  staat: WerkmapStaat,
  blad: BladPlan,
  tp: TabelPlan,
  rijvolgordeVrij: (tabel: string) => boolean,
): TabelTaak | { overgeslagen: string } {
  const gevonden = vindOudeTabel(staat, blad, tp);
  if ("overgeslagen" in gevonden) return gevonden;
  const { oud, omgeving } = gevonden;
  const dubbel = oud ? controleerSleutels(tp, { koppen: oud.koppen, rijen: oud.waarden }) : undefined;
  if (dubbel) return { overgeslagen: dubbel.reden };
  const samengevoegd = samenvoegenTabel(tp, oud ? { koppen: oud.koppen, rijen: oud.waarden } : undefined, {
    blad: blad.naam,
    vrij: rijvolgordeVrij,
  });
  if (samengevoegd.soort === "overgeslagen") return { overgeslagen: samengevoegd.reden };
  const formules = oud ? oudeFormules(blad.naam, tp, oud) : undefined;
  const res = formules ? metBerekendeKolommen(tp, samengevoegd, formules) : samengevoegd;
  const getypt = formules ? getypteWaarden(tp, formules) : [];
  const verschuiving = oud ? kolomVerschuiving(tp, oud.koppen, res.kolommen) : undefined;
  if (verschuiving) return { overgeslagen: verschuiving };
  const rechthoek: Rechthoek = {
    rij: tp.start.rij,
    kolom: tp.start.kolom,
    rijen: 1 + Math.max(1, res.rijen.length),
    kolommen: res.kolommen.length,
  };
  const botsing = staat.tabellen.find(
    (t) =>
      t.naam !== oud?.tabel && sleutel(t.blad) === sleutel(blad.naam) && overlapt(t.rechthoek, rechthoek),
  );
  if (botsing) {
    return {
      overgeslagen: `tabel ${tp.naam} zou tabel ${botsing.naam} overlappen (${blad.naam}!${rechthoekBereik(rechthoek)}); niet bijgewerkt`,
    };
  }
  // Never grow over cells the user filled next to the table.
  if (omgeving) {
    const metTotaal = (r: Rechthoek): Rechthoek => ({ ...r, rijen: r.rijen + (tp.totaal ? 1 : 0) });
    const vrij = [oud ? metTotaal(oud.rechthoek) : undefined, ...blokEnInvoerRechthoeken(blad)];
    const cel = eersteGevuld(omgeving, metTotaal(rechthoek), vrij);
    if (cel !== undefined) {
      return {
        overgeslagen: `tabel ${tp.naam} zou cel ${blad.naam}!${cel} overschrijven (daar staat iets van u); niet bijgewerkt`,
      };
    }
  }
  const totaal = oud ? totaalVanGebruiker(tp, res, oud, omgeving) : undefined;
  return {
    blad,
    plan: tp,
    res,
    rechthoek,
    ...(oud ? { oud } : {}),
    ...(totaal ? { totaal } : {}),
    ...(getypt.length > 0 ? { getypt } : {}),
  };
}

/**
 * Body matrices of a merged table. A user-owned cell (input column, the user's own column) whose content stays in
 * the same cell is left as it is (`null`; only a text format on an Opgave input column is replaced); one that moves
 * to another row gets its formula back as a formula, or its value (see `cel`).
 */
export function lijfMatrix(
  taak: Pick<TabelTaak, "plan" | "res" | "oud" | "blad">,
  gelezen: GelezenRij[] = [],
): CelMatrix {
  const { plan, res, oud } = taak;
  const kolommen = res.kolommen;
  const si = sleutelIndex(plan);
  const oudeKolom = new Map<string, number>();
  oud?.koppen.forEach((k, i) => {
    if (!oudeKolom.has(k.trim())) oudeKolom.set(k.trim(), i);
  });
  const oudeSleutel = oudeKolom.get(sleutelKop(plan));
  const oudeRij = new Map<string, number>();
  if (oud && oudeSleutel !== undefined) {
    oud.waarden.forEach((r, i) => {
      const s = sleutelTekst(r[oudeSleutel]);
      if (s !== "" && !oudeRij.has(s)) oudeRij.set(s, i);
    });
  }
  const rijen: (readonly Cel[])[] = res.rijen.length > 0 ? [...res.rijen] : [kolommen.map(() => null)];
  const notaties: (string | null)[][] = [];
  const cellen: (Invoer | null)[][] = [];
  // Where each row as it stood goes: a formula of the user's that goes with its row keeps reading the rows it read
  // (worked out only for such a formula: most refills move no row).
  let rijNaar: ReturnType<typeof rijenNaar> | undefined;
  const naar = (rij: number, kolom: number) =>
    oud
      ? (rijNaar ??= rijenNaar(plan, { koppen: oud.koppen, rijen: oud.waarden }, res))(rij, kolom)
      : undefined;
  // Where any row moves or goes, a formula of the user's in a row that stays follows the rows it reads too (as in
  // Excel).
  const oudeRijen = rijen.map((rij) => oudeRij.get(sleutelTekst(rij[si] as Waarde | undefined)));
  const beweegt =
    oudeRijen.some((i, r) => i !== undefined && i !== r) ||
    new Set(oudeRijen.filter((i) => i !== undefined)).size < oudeRij.size;
  rijen.forEach((rij, r) => {
    const i = oudeRijen[r];
    const nRij: (string | null)[] = [];
    const cRij: (Invoer | null)[] = [];
    kolommen.forEach((k, j) => {
      const plek = { rij: plan.start.rij + 1 + r, kolom: plan.start.kolom + j };
      const weg = oud && beweegt ? vervalt(taak, oud, plek, gelezen) : undefined;
      const schuif = (f: string) =>
        i === undefined || !beweegt ? f : volgRijen(f, taak.blad.naam, naar, weg);
      const jOud = oudeKolom.get(k.kop);
      const vorig =
        oud && i !== undefined && jOud !== undefined
          ? { oud, i, jOud, zelfdeCel: i === r && jOud === j }
          : undefined;
      const [notatie, waarde] = lijfCel(plan, k, rij[j] ?? null, vorig, schuif);
      nRij.push(notatie);
      cRij.push(waarde);
    });
    notaties.push(nRij);
    cellen.push(cRij);
  });
  return { notaties, invoer: cellen };
}

/**
 * `weg` of ./kolomVerplaatsing `volgRijen` for a cell of the user's in the table of `taak` written at `plek`: a row
 * of the old table it reads alone goes — named in `gelezen` (./rijBetekenis `vervallenRij`: asked first).
 */
function vervalt(
  taak: Pick<TabelTaak, "plan" | "blad">,
  oud: OudeTabel,
  plek: Positie,
  gelezen: GelezenRij[],
): (rij: number, kolom: number) => void {
  return (rij, kolom) => {
    const si = oud.koppen.indexOf(sleutelKop(taak.plan));
    const sleutel = sleutelTekst(oud.waarden[rij - oud.rechthoek.rij - 1]?.[si]);
    const g = vervallenRij(taak.blad.naam, taak.plan.naam, plek, { rij, kolom }, sleutel);
    // One finding per place (`SUM(G12:G12)` reads the row twice).
    if (!gelezen.some((x) => x.plek === g.plek)) gelezen.push(g);
  };
}

/** The old cell a body cell comes from: its table, row and column as read, and whether it is the same cell. */
interface VorigeCel {
  readonly oud: OudeTabel;
  readonly i: number;
  readonly jOud: number;
  readonly zelfdeCel: boolean;
}

/**
 * Number format and content of one body cell (`c`: the merged value) in column `k`. `schuif`: a formula of the
 * user's kept from the old cell, as it reads in the row it is written in (`lijfMatrix`).
 */
function lijfCel(
  plan: TabelPlan,
  k: Kolom,
  c: Cel,
  vorig: VorigeCel | undefined,
  schuif: (formule: string) => string,
): [string | null, Invoer | null] {
  const oudeNotatie = vorig?.oud.notaties[vorig.i]?.[vorig.jOud];
  // The user's own columns keep their number format; Opgave's keep it unless the content needs another.
  const eigen = plan.kolommen.every((p) => p.kop !== k.kop);
  const invoerKolom = k.soort === "invoer" && !eigen && numeriekeInvoer(k.notatie);
  let notatie = notatieVoor(c, k.notatie);
  if (eigen && typeof oudeNotatie === "string" && notatie !== TEKST) notatie = oudeNotatie;
  else if (invoerKolom) notatie = invoerNotatie(c, oudeNotatie, k.notatie);
  else if (!eigen) notatie = hervulNotatie(oudeNotatie, notatie);
  if (eigen && isFormule(c) && vorig) return [notatie, schuif(c.formule)];
  if (k.soort !== "invoer" || !vorig || isFormule(c)) return [notatie, invoer(c)];
  const f = vorig.oud.formules[vorig.i]?.[vorig.jOud];
  const w = vorig.oud.waarden[vorig.i]?.[vorig.jOud] ?? null;
  const formule = isGelezenFormule(f, w);
  // The merge kept what the user had in this cell (a formula shows as its result).
  const behouden = c === w || (isLeeg(c) && isLeeg(w));
  if (!behouden || (isLeeg(w) && !formule)) return [notatie, invoer(c)];
  if (vorig.zelfdeCel) {
    // Left as it is (but a formula that follows a row that moves); an input column's text format makes way for its
    // own (numbers typed later stay numbers).
    const gevolgd = formule ? schuif(f) : undefined;
    return [
      invoerKolom && oudeNotatie === TEKST ? (k.notatie ?? ALGEMEEN) : null,
      gevolgd !== undefined && gevolgd !== f ? gevolgd : null,
    ];
  }
  if (!formule) return [notatie, invoer(c)];
  const oudeVorm = typeof oudeNotatie === "string" && oudeNotatie !== TEKST ? oudeNotatie : undefined;
  return [oudeVorm ?? (k.notatie !== undefined && k.notatie !== TEKST ? k.notatie : ALGEMEEN), schuif(f)];
}

/** The table's structure and header: keep (and resize) or add the table object, empty what it no longer covers. */
function tabelStructuur(taak: TabelTaak): SchrijfTaak {
  const { plan: tp, rechthoek, oud, res } = taak;
  const o = oud?.rechthoek;
  const onderNieuw = rechthoek.rij + rechthoek.rijen;
  const wis: Rechthoek[] = [];
  if (o) {
    // Cells of the old range outside the new one, and the old totals row (plan-owned), are emptied.
    if (o.rij + o.rijen > onderNieuw) {
      wis.push({
        rij: onderNieuw,
        kolom: o.kolom,
        rijen: o.rij + o.rijen - onderNieuw,
        kolommen: o.kolommen,
      });
    }
    const rechts = rechthoek.kolom + rechthoek.kolommen;
    if (o.kolom + o.kolommen > rechts) {
      const rijen = Math.min(o.rijen, rechthoek.rijen);
      wis.push({ rij: o.rij, kolom: rechts, rijen, kolommen: o.kolom + o.kolommen - rechts });
    }
    const oudTotaal = o.rij + o.rijen;
    if (tp.totaal && oudTotaal > onderNieuw) {
      wis.push({
        rij: oudTotaal,
        kolom: o.kolom,
        rijen: 1,
        kolommen: Math.max(o.kolommen, tp.totaal.length),
      });
    }
  }
  const tabelRijen = o ? o.rijen - (oud.showTotals ? 1 : 0) : 0;
  const bestaand =
    oud?.tabel !== undefined && o
      ? {
          naam: oud.tabel,
          totalenUit: oud.showTotals,
          resize: tabelRijen !== rechthoek.rijen || o.kolommen !== rechthoek.kolommen,
        }
      : undefined;
  return {
    soort: "tabel",
    cellen: rechthoek.kolommen,
    blad: taak.blad.naam,
    naam: tp.naam,
    rechthoek,
    ...(bestaand ? { bestaand } : {}),
    wis: wis.filter((r) => r.rijen > 0 && r.kolommen > 0),
    kop: celMatrix([res.kolommen.map((k) => k.kop)], rechthoek.kolommen),
  };
}

/** Caps on one batch: written cells and bytes of request. */
export interface Grenzen {
  readonly cellen: number;
  readonly bytes: number;
}

/** The body in row chunks of at most `grens.cellen` cells and `grens.bytes` bytes, then the totals row. */
function lijfTaken(taak: TabelTaak, grens: Grenzen, gelezen: GelezenRij[]): SchrijfTaak[] {
  const { rechthoek, plan: tp } = taak;
  const blad = taak.blad.naam;
  const m = lijfMatrix(taak, gelezen);
  const kolommen = Math.max(1, rechthoek.kolommen);
  const perStuk = Math.max(1, Math.floor(grens.cellen / kolommen));
  const rijBytes = m.invoer.map((r, i) => matrixBytes(r) + matrixBytes(m.notaties[i] ?? []));
  const budget = grens.bytes - BYTES_PER_OPDRACHT;
  const taken: SchrijfTaak[] = [];
  for (let van = 0; van < m.invoer.length;) {
    let tot = van + 1;
    let bytes = rijBytes[van] ?? 0;
    while (tot < m.invoer.length && tot - van < perStuk && bytes + (rijBytes[tot] ?? 0) <= budget) {
      bytes += rijBytes[tot] ?? 0;
      tot++;
    }
    const stuk = { notaties: m.notaties.slice(van, tot), invoer: m.invoer.slice(van, tot) };
    const r = {
      rij: rechthoek.rij + 1 + van,
      kolom: rechthoek.kolom,
      rijen: tot - van,
      kolommen: rechthoek.kolommen,
    };
    taken.push({
      soort: "cellen",
      cellen: stuk.invoer.length * rechthoek.kolommen,
      blad,
      adres: rechthoekBereik(r),
      matrix: stuk,
    });
    van = tot;
  }
  const totaal = tp.totaal;
  if (totaal && totaal.length > 0) {
    const rij = rechthoek.rij + rechthoek.rijen;
    const r = { rij, kolom: rechthoek.kolom, rijen: 1, kolommen: totaal.length };
    const notaties = tp.kolommen.map((k) => k.notatie);
    const leeg = totaal.flatMap((c, j) =>
      isLeeg(isFormule(c) ? "x" : c) ? [adres({ rij, kolom: r.kolom + j })] : [],
    );
    taken.push({
      soort: "totaal",
      cellen: totaal.length,
      blad,
      adres: rechthoekBereik(r),
      matrix: celMatrix([totaal], totaal.length, notaties),
      tabel: taak.oud?.tabel ?? tp.naam,
      tabelBereik: rechthoekBereik(rechthoek),
      leeg,
    });
    taken.push(...totaalTerug(taak, rij, gelezen));
  }
  return taken;
}

/**
 * The user's cells of the old totals row (`TabelTaak.totaal`) on the totals row `rij` where it moved, under their
 * column; a formula keeps reading the rows it read (`volgRijen`), as one in a row of the table.
 */
function totaalTerug(taak: TabelTaak, rij: number, gelezen: GelezenRij[]): SchrijfTaak[] {
  const { totaal, oud, plan, res, rechthoek } = taak;
  if (!totaal || !oud || totaal.rij === rij) return [];
  const naar = rijenNaar(plan, { koppen: oud.koppen, rijen: oud.waarden }, res);
  return res.kolommen.flatMap((k, j) => {
    const cel = totaal.cellen.get(k.kop);
    if (!cel) return [];
    const weg = vervalt(taak, oud, { rij, kolom: rechthoek.kolom + j }, gelezen);
    const invoer =
      typeof cel.invoer === "string" && cel.invoer.startsWith("=")
        ? volgRijen(cel.invoer, taak.blad.naam, naar, weg)
        : cel.invoer;
    return [
      {
        soort: "cellen" as const,
        cellen: 1,
        blad: taak.blad.naam,
        adres: adres({ rij, kolom: rechthoek.kolom + j }),
        matrix: { notaties: [[null]], invoer: [[invoer]] },
      },
    ];
  });
}

// ---------------------------------------------------------------------------------------------------------
// Plan cells that refer to a table that is not written

/** A skipped plan table's area: where the plan puts it (header, rows, totals) and where its table object is. */
function tabelGebied(staat: WerkmapStaat, blad: BladPlan, tp: TabelPlan): TabelGebied {
  const object = staat.tabellen.find(
    (t) => sleutel(t.naam) === sleutel(tp.naam) && sleutel(t.blad) === sleutel(blad.naam),
  );
  const plan = planGebied(tp);
  return { naam: tp.naam, blad: blad.naam, rechthoeken: object ? [plan, object.rechthoek] : [plan] };
}

// ---------------------------------------------------------------------------------------------------------
// Named input cells, blocks, charts, widths

/** "'Blad'!$C$3" — an absolute reference for a defined name. */
function naamVerwijzing(blad: string, p: { rij: number; kolom: number }): string {
  return `=${bladTussenQuotes(blad)}!$${kolomLetters(p.kolom)}$${p.rij}`;
}

/** A named input cell: a non-empty value the user entered stays; the name points at the plan's cell. */
function invoerTaak(
  staat: WerkmapStaat,
  blad: BladPlan,
  ic: BladPlan["invoercellen"][number],
): { taak: SchrijfTaak; behouden: boolean; tekstInGetal?: string; buitenRegel?: string } {
  const bestaandeNaam = staat.namen.find((n) => sleutel(n) === sleutel(ic.naam));
  const doel = adres(ic.positie);
  const r = staat.naamCellen.get(ic.naam);
  const bron = r?.bestaat && r.rijen === 1 && r.kolommen === 1 ? r : undefined;
  const bronAdres = bron ? leesCelVerwijzing(bron.adres) : undefined;
  const naamOpPlanCel =
    !!bronAdres && sleutel(bronAdres.blad) === sleutel(blad.naam) && bronAdres.cel === doel;
  let oud: Waarde | undefined;
  let oudeFormule: unknown;
  let oudeNotatie: unknown;
  let bronIsPlanCel = false;
  if (bron && bronAdres) {
    oud = alsWaarde(bron.waarde);
    oudeFormule = bron.formule;
    oudeNotatie = bron.notatie;
    bronIsPlanCel = naamOpPlanCel;
  } else if (staat.planCellen.has(ic.naam)) {
    oud = alsWaarde(staat.planCellen.get(ic.naam));
    bronIsPlanCel = true;
  }
  const v = samenvoegenInvoer(ic.standaard, oud);
  const numeriek = numeriekeInvoer(ic.notatie);
  let schrijf: CelMatrix | undefined;
  if (!v.behouden) {
    // An empty input cell gets the default, in the format the user gave the cell (if it suits the default).
    const oudeNotatie = naamOpPlanCel ? bron?.notatie : staat.planNotaties?.get(ic.naam);
    const m = celMatrix([[v.waarde]], 1, [ic.notatie]);
    schrijf = {
      notaties: numeriek
        ? [[invoerNotatie(v.waarde, oudeNotatie, ic.notatie)]]
        : m.notaties.map((r) => r.map((n) => (n === null ? n : hervulNotatie(oudeNotatie, n)))),
      invoer: m.invoer,
    };
  } else if (!bronIsPlanCel) {
    // The user's value lives where the name pointed: bring it (formula and format too) to the plan's cell.
    const formule = isGelezenFormule(oudeFormule, bron?.waarde) ? oudeFormule : undefined;
    const oudeVorm = typeof oudeNotatie === "string" && oudeNotatie !== TEKST ? oudeNotatie : undefined;
    if (formule) {
      const vorm = oudeVorm ?? (numeriek ? ic.notatie : undefined) ?? ALGEMEEN;
      schrijf = { notaties: [[vorm]], invoer: [[formule]] };
    } else if (numeriek) {
      schrijf = {
        notaties: [[invoerNotatie(v.waarde, undefined, ic.notatie ?? oudeVorm)]],
        invoer: [[invoer(v.waarde)]],
      };
    } else {
      schrijf = celMatrix([[v.waarde]], 1, [ic.notatie ?? oudeVorm]);
    }
  } else if (numeriek && (naamOpPlanCel ? bron?.notatie : staat.planNotaties?.get(ic.naam)) === TEKST) {
    // The user's value stays as it is; the text format makes way for the cell's own (numbers typed later count).
    schrijf = { notaties: [[ic.notatie ?? ALGEMEEN]], invoer: [[null]] };
  }
  const naam =
    bestaandeNaam === undefined
      ? { soort: "toevoegen" as const, naam: ic.naam }
      : !naamOpPlanCel
        ? { soort: "verwijzen" as const, naam: bestaandeNaam, formule: naamVerwijzing(blad.naam, ic.positie) }
        : undefined;
  const label =
    ic.positie.kolom > 1
      ? {
          adres: adres({ rij: ic.positie.rij, kolom: ic.positie.kolom - 1 }),
          matrix: celMatrix([[ic.label]], 1),
        }
      : undefined;
  return {
    taak: {
      soort: "invoercel",
      cellen: 1 + (schrijf ? 1 : 0),
      blad: blad.naam,
      ...(label ? { label } : {}),
      adres: doel,
      ...(schrijf ? { schrijf } : {}),
      ...(naam ? { naam } : {}),
    },
    behouden: v.behouden,
    ...(v.behouden ? invoerCelAfwijking(blad.naam, ic, oud) : {}),
  };
}

/** A block's cells written in runs per row, around the cells marked in `laatStaan` (left as they are). */
function blokStukken(blad: string, blok: BlokPlan, m: CelMatrix, laatStaan: boolean[][]): SchrijfTaak[] {
  const taken: SchrijfTaak[] = [];
  laatStaan.forEach((rij, i) => {
    for (let j = 0; j < rij.length;) {
      if (rij[j]) {
        j++;
        continue;
      }
      let eind = j;
      while (eind < rij.length && !rij[eind]) eind++;
      const start = { rij: blok.start.rij + i, kolom: blok.start.kolom + j };
      taken.push({
        soort: "cellen",
        cellen: eind - j,
        blad,
        adres: bereik(start, 1, eind - j),
        matrix: {
          notaties: [m.notaties[i]?.slice(j, eind) ?? []],
          invoer: [m.invoer[i]?.slice(j, eind) ?? []],
        },
        ...(blok.kop && i === 0 ? { vet: true as const } : {}),
      });
      j = eind;
    }
  });
  return taken;
}

/**
 * The blocks and input cells of a sheet a refill writes: all, unless the user moved Opgave's cells there (rows
 * inserted or deleted: `bladVerschuiving` on the values read over `verschuivingGebied`).
 */
function opHunPlaatsIn(staat: WerkmapStaat, blad: BladPlan): ReturnType<typeof opHunPlaats> {
  const waarden = staat.bladWaarden?.get(sleutel(blad.naam));
  const was = (rij: number, kolom: number): Waarde => {
    const w = alsWaarde(waarden?.[rij - 1]?.[kolom - 1]);
    return isLeeg(w) ? null : w;
  };
  return opHunPlaats(blad, waarden ? bladVerschuiving(blad, was) : undefined);
}

/**
 * Blocks (plan-owned cells), and the change report for sheets that existed. A cell keeps the number format it has
 * (hervulNotatie); a formula that refers to a table that is not written (`nietBijgewerkt`) is left as it is, since
 * that table may have another shape now, and reported.
 */
function blokTaken(
  staat: WerkmapStaat,
  blad: BladPlan,
  opPlaats: ReturnType<typeof opHunPlaats>,
  nietBijgewerkt: readonly TabelGebied[],
): { taken: SchrijfTaak[]; wijzigingen: Wijziging[]; overgeslagen: string[]; getypt: string[] } {
  const taken: SchrijfTaak[] = [];
  const wijzigingen: Wijziging[] = [];
  const overgeslagen: string[] = [];
  const getypt: string[] = [];
  if (opPlaats.reden) overgeslagen.push(opPlaats.reden);
  blad.blokken.forEach((blok, b) => {
    const kolommen = Math.max(0, ...blok.cellen.map((r) => r.length));
    if (blok.cellen.length === 0 || kolommen === 0 || !opPlaats.blokken.includes(blok)) return;
    const oud = staat.blokken.get(planSleutel(blad.naam, b));
    if (oud) {
      const was = (i: number, j: number): Waarde => {
        const w = alsWaarde(oud[i]?.[j]);
        return isLeeg(w) ? null : w;
      };
      wijzigingen.push(...blokWijzigingen(blad.naam, blok, was));
      const formules = staat.blokFormules?.get(planSleutel(blad.naam, b));
      if (formules)
        getypt.push(
          ...getypteBlokwaarden(blad.naam, blok, (i, j) => {
            const f = formules[i]?.[j];
            return typeof f === "string" && f.startsWith("=") ? undefined : was(i, j);
          }),
        );
    }
    const m = celMatrix(blok.cellen, kolommen, (i, j) => blokNotatie(blok, i, j));
    const oudeNotaties = staat.blokNotaties?.get(planSleutel(blad.naam, b));
    if (oudeNotaties)
      m.notaties = m.notaties.map((r, i) => r.map((n, j) => hervulNotatie(oudeNotaties[i]?.[j], n)));
    const geraakt = new Map<string, string[]>();
    const laatStaan = blok.cellen.map((rij, i) =>
      Array.from({ length: kolommen }, (_, j) => {
        const c = rij[j] ?? null;
        const g = isFormule(c) ? geraakteTabel(c.formule, blad.naam, nietBijgewerkt) : undefined;
        if (g) {
          const cel = adres({ rij: blok.start.rij + i, kolom: blok.start.kolom + j });
          geraakt.set(g.naam, [...(geraakt.get(g.naam) ?? []), cel]);
        }
        return g !== undefined;
      }),
    );
    for (const [naam, cellen] of geraakt) overgeslagen.push(cellenNaarOvergeslagen(blad.naam, cellen, naam));
    if (geraakt.size > 0) {
      taken.push(...blokStukken(blad.naam, blok, m, laatStaan));
      return;
    }
    taken.push({
      soort: "cellen",
      cellen: blok.cellen.length * kolommen,
      blad: blad.naam,
      adres: bereik(blok.start, blok.cellen.length, kolommen),
      matrix: m,
      ...(blok.kop ? { vet: bereik(blok.start, 1, kolommen) } : {}),
    });
  });
  return { taken, wijzigingen, overgeslagen, getypt };
}

/** Charts over the plan's rows (not the orphans); an existing Opgave chart with the same name is replaced. */
function grafiekTaken(
  staat: WerkmapStaat,
  blad: BladPlan,
  tabellen: readonly TabelTaak[],
): { taken: SchrijfTaak[]; overgeslagen: string[] } {
  const taken: SchrijfTaak[] = [];
  const overgeslagen: string[] = [];
  blad.grafieken.forEach((g, i) => {
    const taak = tabellen.find((t) => sleutel(t.plan.naam) === sleutel(g.tabel));
    if (!taak) {
      overgeslagen.push(`grafiek "${g.titel}": tabel ${g.tabel} is niet bijgewerkt; grafiek niet bijgewerkt`);
      return;
    }
    const kolom = (s: string): number => taak.res.kolommen.findIndex((k) => k.sleutel === s);
    const categorie = kolom(g.categorieKolom);
    const reeksen = g.reeksKolommen.map(kolom);
    if (categorie < 0 || reeksen.length === 0 || reeksen.some((r) => r < 0)) {
      overgeslagen.push(`grafiek "${g.titel}": kolom ontbreekt in tabel ${g.tabel}; niet bijgewerkt`);
      return;
    }
    const rijen = Math.max(1, taak.plan.rijen.length);
    const kolomBereik = (j: number): string =>
      bereik({ rij: taak.rechthoek.rij + 1, kolom: taak.rechthoek.kolom + j }, rijen, 1);
    const oud = planSleutel(blad.naam, i);
    taken.push({
      soort: "grafiek",
      cellen: 0,
      blad: blad.naam,
      bronBlad: taak.blad.naam,
      naam: grafiekNaam(g, i),
      titel: g.titel,
      type: g.soort === "lijn" ? "Line" : "ColumnClustered",
      ...(staat.grafieken.has(oud) ? { vervang: oud } : {}),
      reeksen: reeksen.map((j) => ({ naam: taak.res.kolommen[j]?.kop ?? "", bereik: kolomBereik(j) })),
      categorieen: kolomBereik(categorie),
      positie: adres(g.positie),
    });
  });
  return { taken, overgeslagen };
}

/**
 * Column widths: table columns with a width, then the sheet's own widths, then the print layout's (a narrow column
 * holding long text made a text column, ./afdruk). Hidden columns are hidden after this (the controle task).
 */
function breedteTaak(blad: BladPlan, tabellen: readonly TabelTaak[]): SchrijfTaak | undefined {
  const breedtes = new Map<number, number>();
  for (const taak of tabellen.filter((t) => t.blad === blad)) {
    taak.plan.kolommen.forEach((k, j) => {
      if (k.breedte !== undefined) breedtes.set(taak.rechthoek.kolom + j, k.breedte);
    });
  }
  for (const [k, b] of Object.entries(blad.breedtes ?? {})) breedtes.set(Number(k), b);
  for (const a of afdrukVoor(blad).breedtes) breedtes.set(a.kolom, a.breedte);
  if (breedtes.size === 0) return undefined;
  const lijst = [...breedtes].map(([k, b]) => [kolomLetters(k), breedteInPunten(b)] as const);
  return { soort: "breedtes", cellen: 0, blad: blad.naam, breedtes: lijst };
}

/**
 * The priority (0 first) of each of Opgave's conditional formats after a refill: where its predecessor stood among
 * the formats that stay (`oud`, the sheet's formulas in priority order; `verwijder`, Opgave's among them), so a format
 * the user put below Opgave's stays below; one without a predecessor after all (as ./xlsxInvoercontrole
 * `opmaakVolgorde`). Set in ascending order, each after it is added first, they end where they belong.
 */
export function opmaakPlaatsen(
  oud: readonly string[],
  opmaak: readonly OpmaakOpdracht[],
  verwijder: readonly number[],
): number[] {
  const weg = new Set(verwijder);
  const volgorde: unknown[] = [];
  const geplaatst = new Set<OpmaakOpdracht>();
  oud.forEach((f, i) => {
    if (!weg.has(i)) {
      volgorde.push(i);
      return;
    }
    const o = opmaak.find((x) => !geplaatst.has(x) && eigenOpmaakFormules(x).includes(formuleSleutel(f)));
    if (!o) return;
    volgorde.push(o);
    geplaatst.add(o);
  });
  for (const o of opmaak) if (!geplaatst.has(o)) volgorde.push(o);
  return opmaak.map((o) => volgorde.indexOf(o));
}

/**
 * The guard rails of a sheet (./invoercontrole) over its tables as written: validations, conditional formats (after
 * deleting Opgave's own from an earlier fill, so they are not doubled; the user's stay), hidden columns, frozen
 * panes (only where the sheet has none). A conditional format is Opgave's when it is a custom one whose formula is
 * one of the plan's for a table written now: the formula names the table's first data row and column ("I8"), so the
 * user's own formats — other formulas, or a copy moved elsewhere (Excel moves its references) — never match. (The
 * range of a format would need a round trip more; the formula alone suffices.) A skipped table keeps its formats,
 * and a named input cell whose list reads a table that is not written its validation (`blijven`, for the report).
 */
function controleTaak(
  staat: WerkmapStaat,
  blad: BladPlan,
  tabellen: readonly TabelTaak[],
  nietBijgewerkt: readonly TabelGebied[],
): { taak?: SchrijfTaak; blijven: readonly string[] } {
  const vormen = new Map<string, GeschrevenVorm>();
  for (const t of tabellen.filter((x) => x.blad === blad)) {
    vormen.set(t.plan.naam, {
      start: t.plan.start,
      kolommen: t.res.kolommen,
      rijen: t.rechthoek.rijen - 1,
    });
  }
  const c = invoercontrole(blad, vormen, nietBijgewerkt);
  const blijven = c.blijven ?? [];
  const eigen = new Set(c.opmaak.flatMap(eigenOpmaakFormules));
  const verwijder: number[] = [];
  const oud = staat.opmaak?.get(sleutel(blad.naam)) ?? [];
  oud.forEach((f, i) => {
    if (f !== "" && eigen.has(formuleSleutel(f))) verwijder.push(i);
  });
  // Frozen panes on a sheet this fill makes; on one that was there, the user's choice stands (also none).
  const bestond = staat.bladen.some((b) => sleutel(b) === sleutel(blad.naam));
  const bevries = c.bevries && !bestond && !staat.bevroren?.has(sleutel(blad.naam)) ? c.bevries : undefined;
  if (c.validaties.length + c.opmaak.length + c.verborgen.length === 0 && !bevries) return { blijven };
  const taak: SchrijfTaak = {
    soort: "controle",
    cellen: 0,
    blad: blad.naam,
    verwijder,
    plaatsen: opmaakPlaatsen(oud, c.opmaak, verwijder),
    validaties: rondRegelsVanGebruiker(c.validaties, staat.regelsVanGebruiker?.get(sleutel(blad.naam)) ?? []),
    opmaak: c.opmaak,
    verborgen: c.verborgen.map(kolomLetters),
    ...(bevries ? { bevries } : {}),
  };
  return { taak, blijven };
}

/** Opgave's validations without the cells whose rule is the user's (`WerkmapStaat.regelsVanGebruiker`). */
function rondRegelsVanGebruiker(
  validaties: readonly ValidatieOpdracht[],
  vanGebruiker: readonly Rechthoek[],
): ValidatieOpdracht[] {
  if (vanGebruiker.length === 0) return [...validaties];
  return validaties.flatMap((v) => {
    const r = rechthoekVanAdres(v.bereik);
    return r ? rechthoekZonder(r, vanGebruiker).map((d) => ({ ...v, bereik: rechthoekBereik(d) })) : [v];
  });
}

/** A validation as Excel gives it (Office.js DataValidation: rule, prompt, error alert), as far as it is compared. */
export interface GelezenRegel {
  readonly rule: {
    readonly list?: unknown;
    readonly wholeNumber?: GelezenGrenzen;
    readonly decimal?: GelezenGrenzen;
  };
  readonly prompt?: { readonly title?: string };
  readonly errorAlert?: { readonly title?: string };
}
interface GelezenGrenzen {
  readonly operator?: string;
  readonly formula1?: unknown;
  readonly formula2?: unknown;
}

/**
 * Whether a validation read in Excel is one of `eigen` (the plan's for its sheet), of this or an earlier fill
 * (./invoercontrole `isEigenValidatie`, as the .xlsx writer tells it).
 */
export function isEigenRegel(v: GelezenRegel, eigen: readonly Validatie[]): boolean {
  const { list, wholeNumber, decimal } = v.rule;
  const getal = wholeNumber ?? decimal;
  const operatoren: Record<string, GelezenValidatie["operator"]> = {
    GreaterThanOrEqualTo: "vanaf",
    Between: "tussen",
  };
  const gelezen: GelezenValidatie = {
    titels: [v.prompt?.title, v.errorAlert?.title],
    soort:
      list !== undefined && list !== null
        ? "lijst"
        : wholeNumber
          ? "geheel"
          : decimal
            ? "decimaal"
            : "anders",
    operator: getal ? (operatoren[getal.operator ?? ""] ?? "anders") : undefined,
    grenzen: getal ? [getal.formula1, getal.formula2] : [],
  };
  return eigen.some((e) => isEigenValidatie(gelezen, e));
}

// ---------------------------------------------------------------------------------------------------------
// The whole decision

/**
 * Every plan table: written (merged) or skipped, with what the merge reports. A plan table whose formulas refer (by
 * A1 address) to a table that is not written is not written either: that table may have another shape now.
 */
function beslisTabellen(staat: WerkmapStaat, plan: WerkboekPlan) {
  let taken: TabelTaak[] = [];
  const overgeslagen: string[] = [];
  const nietBijgewerkt: TabelGebied[] = [];
  const vrij = rijvolgordeVrij(plan);
  for (const blad of plan.bladen) {
    for (const tp of blad.tabellen) {
      const t = beslisTabel(staat, blad, tp, vrij);
      if ("overgeslagen" in t) {
        overgeslagen.push(t.overgeslagen);
        nietBijgewerkt.push(tabelGebied(staat, blad, tp));
      } else taken.push(t);
    }
  }
  for (let i = 0; i < taken.length;) {
    const t = taken[i];
    const g = t ? tabelVerwijstNaar(t.plan, t.blad.naam, nietBijgewerkt) : undefined;
    if (!t || !g) {
      i++;
      continue;
    }
    overgeslagen.push(verwijstNaarOvergeslagen(t.plan.naam, g.naam));
    nietBijgewerkt.push(tabelGebied(staat, t.blad, t.plan));
    taken = taken.filter((x) => x !== t);
    i = 0;
  }
  return {
    taken,
    overgeslagen,
    nietBijgewerkt,
    wijzigingen: taken.flatMap((t) => t.res.wijzigingen),
    verweesd: taken.flatMap((t) => t.res.verweesd.map((s) => ({ tabel: t.plan.naam, sleutel: s }))),
    invoerBehouden: taken.reduce((n, t) => n + t.res.invoerBehouden, 0),
    tekstInGetal: taken.flatMap((t) => t.res.tekstInGetal),
    buitenRegel: taken.flatMap((t) => t.res.buitenRegel),
  };
}

/**
 * The plan columns of every table that the merge with the table in the workbook writes in another sheet column
 * (./samenvoegen `kolomVolgorde`: a column new to the table comes after the user's own columns), as for the .xlsx
 * writer: the plan's formulas are moved with them (./kolomVerplaatsing).
 */
function kolomVerplaatsingen(staat: WerkmapStaat, plan: WerkboekPlan): Verplaatsing[] {
  const uit: Verplaatsing[] = [];
  for (const blad of plan.bladen) {
    for (const tp of blad.tabellen) {
      const gevonden = vindOudeTabel(staat, blad, tp);
      const oud = "overgeslagen" in gevonden ? undefined : gevonden.oud;
      const plaatsen = oud ? planKolomPlaatsen(tp, oud.koppen) : undefined;
      if (plaatsen) uit.push(tabelVerplaatsing(blad.naam, tp, plaatsen));
    }
  }
  return uit;
}

/**
 * The write tasks for `plan` on the workbook `staat`, in order — new sheets; tables (structure and header, so
 * every formula written later can refer to any plan table); named input cells; table bodies (in row chunks of at
 * most `max` cells and `maxBytes` bytes) and totals rows; blocks; charts; per sheet column widths, print settings (./officeAfdruk) and
 * guard rails (validations, conditional formats, hidden columns, frozen panes) — and the report.
 */
export function beslis(
  gevraagd: WerkboekPlan,
  staat: WerkmapStaat,
  max: number,
  maxBytes = STANDAARD_MAX_BYTES_PER_SYNC,
): Beslissing {
  // Where a column of the user's may stand inside a table and stay there (./samenvoegen `volgordeBlijft`).
  const planZoals = metRuimteVoorEigenKolommen(gevraagd);
  // Plan columns written elsewhere (after the user's columns, or right of a column the user inserted): the formulas
  // follow them, and so does their wrapping (`afdrukTaak`).
  const verplaatsingen = kolomVerplaatsingen(staat, planZoals);
  const plan = verplaatsPlan(planZoals, verplaatsingen);
  const grens: Grenzen = { cellen: max, bytes: maxBytes };
  const bestaatBlad = (naam: string) => staat.bladen.some((b) => sleutel(b) === sleutel(naam));
  const tabellen = beslisTabellen(staat, plan);
  const nieuweBladen = plan.bladen.filter((b) => !bestaatBlad(b.naam)).map((b) => b.naam);
  const taken: SchrijfTaak[] = nieuweBladen.map((blad) => ({ soort: "blad", cellen: 0, blad }));
  taken.push(...tabellen.taken.map(tabelStructuur));
  let invoerBehouden = tabellen.invoerBehouden;
  const tekstInGetal = [...tabellen.tekstInGetal];
  const buitenRegel = [...tabellen.buitenRegel];
  // Per sheet, once: the blocks and input cells that stand where Opgave put them.
  const opPlaats = new Map(plan.bladen.map((blad) => [blad, opHunPlaatsIn(staat, blad)]));
  for (const [blad, plaats] of opPlaats) {
    for (const ic of plaats.invoercellen) {
      const { taak, behouden, tekstInGetal: tekst, buitenRegel: buiten } = invoerTaak(staat, blad, ic);
      if (behouden) invoerBehouden++;
      if (tekst !== undefined) tekstInGetal.push(tekst);
      if (buiten !== undefined) buitenRegel.push(buiten);
      taken.push(taak);
    }
  }
  // Formulas of the user's in the tables that read a row alone that goes (`vervalt`), found while deciding.
  const inTabellen: GelezenRij[] = [];
  for (const taak of tabellen.taken) taken.push(...lijfTaken(taak, grens, inTabellen));
  const wijzigingen = [...tabellen.wijzigingen];
  const overgeslagen = [...tabellen.overgeslagen];
  const blokGetypt: string[] = [];
  for (const [blad, plaats] of opPlaats) {
    const blokken = blokTaken(staat, blad, plaats, tabellen.nietBijgewerkt);
    taken.push(...blokken.taken);
    wijzigingen.push(...blokken.wijzigingen);
    overgeslagen.push(...blokken.overgeslagen);
    blokGetypt.push(...blokken.getypt);
  }
  for (const blad of plan.bladen) {
    const grafieken = grafiekTaken(staat, blad, tabellen.taken);
    taken.push(...grafieken.taken);
    overgeslagen.push(...grafieken.overgeslagen);
  }
  for (const blad of plan.bladen) {
    const b = breedteTaak(blad, tabellen.taken);
    if (b) taken.push(b);
    // The tables this fill leaves alone, where they are in the plan and where they stand now (as the .xlsx writer).
    const gelaten = tabellen.nietBijgewerkt
      .filter((g) => sleutel(g.blad) === sleutel(blad.naam))
      .flatMap((g) => g.rechthoeken);
    taken.push(
      afdrukTaak(blad, {
        kan: staat.afdruk?.kan ?? true,
        gebied: staat.afdruk?.gebieden.get(sleutel(blad.naam)),
        titels: staat.afdruk?.titels?.get(sleutel(blad.naam)),
        tabellen: [
          ...tabellen.taken.filter((t) => t.blad === blad).map((t) => t.rechthoek),
          ...gelatenGebieden(gelaten, staat.afdruk?.gebieden.get(sleutel(blad.naam))),
        ],
        overgeslagen: gelaten,
        tekstBlijft: tekstBlijftOp(staat, blad, tabellen.taken, opPlaats.get(blad)),
        verplaatsingen,
      }),
    );
    const c = controleTaak(staat, blad, tabellen.taken, tabellen.nietBijgewerkt);
    overgeslagen.push(...c.blijven);
    if (c.taak) taken.push(c.taak);
  }
  const getypt = [...tabellen.taken.flatMap((t) => t.getypt ?? []), ...blokGetypt];
  // A totals row the user turned on goes off (the table is written without one; Excel clears its cells): asked.
  const totaalUit = tabellen.taken.flatMap((t) => (t.oud?.showTotals ? [totaalrijVerlies(t.plan.naam)] : []));
  const rijenAnders = tabellen.taken.flatMap((taak) => {
    const r = tabelRijen(
      taak.blad.naam,
      taak.plan,
      taak.oud ? { koppen: taak.oud.koppen, rijen: taak.oud.waarden } : undefined,
      taak.res,
    );
    return r ? [{ taak, rijen: r }] : [];
  });
  return {
    taken,
    rapport: {
      nieuweBladen,
      wijzigingen,
      invoerBehouden,
      tekstInGetal,
      buitenRegel,
      verweesd: tabellen.verweesd,
      overgeslagen,
      verloren: [...getypt, ...totaalUit],
    },
    teruggezet: tabellen.taken.filter((t) => t.res.volgordeTeruggezet).map((t) => t.plan.naam),
    getypt,
    totaalUit,
    rijenAnders: rijenAnders.map((r) => r.rijen),
    inTabellenGelezen: [...inTabellen, ...rijenAnders.flatMap((r) => totaalOverAlleRijen(r.taak, r.rijen))],
    eigenGebied: (naam) => eigenGebied(plan, tabellen.taken, naam),
  };
}

/**
 * The user's formulas on the totals row of a table that grows that read all of its old rows (./rijBetekenis; not for
 * rows that change place: they follow their rows by key).
 */
function totaalOverAlleRijen(taak: TabelTaak, rijen: TabelRijen): GelezenRij[] {
  if (!rijen.erbij || !taak.totaal) return [];
  const { rij, cellen } = taak.totaal;
  const blad = taak.blad.naam;
  const formules = [...cellen.values()].flatMap(({ invoer, kolom }) =>
    typeof invoer === "string" && invoer.startsWith("=")
      ? [{ plek: `${bladVerwijzing(blad)}!${adres({ rij, kolom })}`, blad, formule: invoer.slice(1) }]
      : [],
  );
  return gelezenVerschovenRijen([{ ...rijen, anders: new Map() }], formules);
}

/** A cell's text as wrapping sees it: a text constant; a number, a formula or nothing has none (""). */
function tekstVan(w: unknown, formule?: unknown): string {
  return typeof w === "string" && !(typeof formule === "string" && formule.startsWith("=")) ? w : "";
}

/** A matrix of texts (`tekstVan`) whose first cell is at `start`. */
interface Teksten {
  readonly start: Positie;
  readonly teksten: readonly (readonly string[])[];
}

function teksten(start: Positie, waarden: Matrix, formules?: Matrix): Teksten {
  return { start, teksten: waarden.map((r, i) => r.map((w, j) => tekstVan(w, formules?.[i]?.[j]))) };
}

/** The texts of plan cells as written (a formula has none). */
function planTeksten(start: Positie, cellen: readonly (readonly Cel[])[]): Teksten {
  return { start, teksten: cellen.map((r) => r.map((c) => (isFormule(c) ? "" : tekstVan(c)))) };
}

/** The text at (`rij`, `kolom`); undefined outside the matrix. */
function tekstOp(t: Teksten | undefined, rij: number, kolom: number): string | undefined {
  return t?.teksten[rij - t.start.rij]?.[kolom - t.start.kolom];
}

/**
 * Whether the text of a cell of sheet `blad` is known to stay the same on this fill: what was read there (a
 * table's header or body, a block at its place) is what is written. A row whose wrapping texts all stay keeps its
 * height (./officeAfdruk `passen`); anything not read counts as changed.
 */
function tekstBlijftOp(
  staat: WerkmapStaat,
  blad: BladPlan,
  taken: readonly TabelTaak[],
  plaats: ReturnType<typeof opHunPlaats> | undefined,
): (rij: number, kolom: number) => boolean {
  const paren: { oud?: Teksten; nieuw: Teksten }[] = [];
  for (const t of taken.filter((x) => x.blad === blad)) {
    const nieuw = planTeksten(t.rechthoek, [t.res.kolommen.map((k) => k.kop), ...t.res.rijen]);
    const o = t.oud;
    paren.push(
      o ? { nieuw, oud: teksten(o.rechthoek, [o.koppen, ...o.waarden], [[], ...o.formules]) } : { nieuw },
    );
  }
  if (plaats && !plaats.reden) {
    blad.blokken.forEach((b, i) => {
      const oud = staat.blokken.get(planSleutel(blad.naam, i));
      paren.push({ nieuw: planTeksten(b.start, b.cellen), ...(oud ? { oud: teksten(b.start, oud) } : {}) });
    });
    // An input cell's label: what was read from A1 over Opgave's texts (`verschuivingGebied`).
    const waarden = staat.bladWaarden?.get(sleutel(blad.naam));
    const vanA1 = waarden ? teksten({ rij: 1, kolom: 1 }, waarden) : undefined;
    for (const c of blad.invoercellen)
      if (c.positie.kolom > 1)
        paren.push({
          nieuw: planTeksten({ rij: c.positie.rij, kolom: c.positie.kolom - 1 }, [[c.label]]),
          ...(vanA1 ? { oud: vanA1 } : {}),
        });
  }
  return (rij, kolom) => {
    const p = paren.find((x) => tekstOp(x.nieuw, rij, kolom) !== undefined);
    const oud = tekstOp(p?.oud, rij, kolom);
    return p !== undefined && oud !== undefined && oud === tekstOp(p.nieuw, rij, kolom);
  };
}

/** Where Opgave writes on sheet `naam` (its cells, its tables as they stand and as written, totals rows too). */
function eigenGebied(plan: WerkboekPlan, taken: readonly TabelTaak[], naam: string): Rechthoek[] | undefined {
  const blad = plan.bladen.find((b) => sleutel(b.naam) === sleutel(naam));
  if (!blad) return undefined;
  const metTotaal = (t: TabelTaak, r: Rechthoek): Rechthoek => ({
    ...r,
    rijen: r.rijen + (t.plan.totaal ? 1 : 0),
  });
  return [
    ...planRechthoeken(blad),
    ...taken
      .filter((t) => t.blad === blad)
      .flatMap((t) => [metTotaal(t, t.rechthoek), ...(t.oud ? [metTotaal(t, t.oud.rechthoek)] : [])]),
  ];
}
