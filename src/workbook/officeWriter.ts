/**
 * Office.js writer: applies a WerkboekPlan to the workbook that is open in Excel (desktop, Mac, web).
 * Only Office.js plumbing lives here; what a refill keeps is decided by ./samenvoegen (as in ./xlsxWriter).
 *
 * Round trips (`context.sync()`), independent of the number of gemeenten/rows:
 *  1. load the names of the worksheets, tables and workbook-scoped defined names;
 *  2. load what a refill needs, all in one batch: every table's sheet and position (overlap check); for existing
 *     plan tables the header, the body's values/formulas/number formats and the cells around them (never grow
 *     over user cells); for plan tables without a table object on an existing sheet the region at the plan's start
 *     (a table converted to a range is found by its header row); the cells behind named input cells; the plan's
 *     block ranges (change report); existing Opgave charts. Skipped when there is nothing to read (first fill);
 *  3. one write batch — add missing sheets, create/resize tables and write their headers, named input cells, table
 *     bodies, totals rows, blocks, charts, column widths — and the final sync.
 * Chunking: a write batch holds at most `maxCellenPerSync` written cells. Larger table bodies are cut into row chunks
 * and the batch is synced before a piece that would exceed the cap, so the number of syncs grows only with the
 * SIZE of the data beyond the cap (about cells / cap extra round trips), never per gemeente for normal sizes.
 *
 * Text versus formulas: every non-empty string constant goes into a cell whose number format is set to text ("@")
 * earlier in the same batch, so Excel stores it as typed text — never as a formula ("=", "+", "-", "@"), number
 * ("2024"), date or boolean. Formulas come only from `Formule` objects (en-US, via `Range.formulas`), into cells
 * whose number format (the plan's, else "General") is set first, so a cell that was text before gets a formula.
 * An empty cell is written as "" (null in a written matrix would leave the cell unchanged).
 *
 * Refill of a table (found by its table name, else by its header row at the plan's start):
 * - skipped and reported in `overgeslagen`, not touched, when: edited out of shape (`samenvoegenTabel`), moved to
 *   another position or sheet, a key occurs twice (the merge would drop a row), the new size would overlap another
 *   table, or it would grow over a cell the user filled (outside the old table, its totals row and plan blocks);
 * - else the table object is kept — name, style, filters and every structured reference to it stay valid — and
 *   `Table.resize`d to the merged size only when that differs (ExcelApi 1.13); header and body are rewritten with
 *   the merged rows. Cells of the old range outside the new one and the old totals row are emptied. User-owned
 *   cells (input columns, the user's own columns) that held a formula get the formula back, and the user's own
 *   columns keep their number format.
 * Named input cells: the value is read where the defined name points (else from the plan's cell on an existing
 * sheet); a non-empty value stays (`samenvoegenInvoer`): untouched when it is in the plan's cell, otherwise copied
 * there. The name is added, or pointed at the plan's cell when it pointed elsewhere.
 * Charts plot the plan's rows (not orphan rows) and get a stable name; a refill deletes and re-adds that chart.
 * Sheets not in the plan and cells outside the plan are never written.
 */
import { adres, bereik, isFormule, kolomLetters } from "./plan";
import type { BladPlan, Cel, GrafiekPlan, TabelPlan, VulRapport, Waarde, WerkboekPlan } from "./plan";
import { isLeeg, samenvoegenInvoer, samenvoegenTabel } from "./samenvoegen";
import type { SamengevoegdeTabel, Wijziging } from "./samenvoegen";

/**
 * Default cap on cells written per `context.sync()`. Excel on the web rejects a request payload above 5 MB
 * ("RequestPayloadSizeLimitExceeded"). Each written cell costs its value or formula (typically 5–80 characters of
 * JSON) plus its number format (about 10) plus array punctuation, so roughly 20–120 bytes: 20 000 cells stay around
 * 0.5–2.5 MB, leaving room for long strings and for the formatting, table and chart commands of the same batch.
 * A whole-country plan (about 350 gemeenten × 15 columns ≈ 5 000 cells per table) still fits in a single batch.
 */
export const STANDAARD_MAX_CELLEN_PER_SYNC = 20_000;

export interface OfficeSchrijfOpties {
  /** Cap on the cells written in one batch (see STANDAARD_MAX_CELLEN_PER_SYNC). */
  readonly maxCellenPerSync?: number;
  /** Progress, 0..1, with a short Dutch description. */
  readonly voortgang?: (fractie: number, tekst: string) => void;
}

export type OfficeVulRapport = VulRapport & { overgeslagen: string[] };

const TEKST = "@";
const ALGEMEEN = "General";

type Invoer = string | number | boolean;

/** 1-based rectangle. */
interface Rechthoek {
  readonly rij: number;
  readonly kolom: number;
  readonly rijen: number;
  readonly kolommen: number;
}

function rechthoekAdres(r: Rechthoek): string {
  return bereik({ rij: r.rij, kolom: r.kolom }, r.rijen, r.kolommen);
}

function overlapt(a: Rechthoek, b: Rechthoek): boolean {
  return (
    a.rij < b.rij + b.rijen &&
    b.rij < a.rij + a.rijen &&
    a.kolom < b.kolom + b.kolommen &&
    b.kolom < a.kolom + a.kolommen
  );
}

function sleutel(naam: string): string {
  return naam.toLocaleLowerCase("en-US");
}

/** What a cell gets: a formula from a Formule, "" for empty (null would leave the cell unchanged), else the constant. */
function invoer(c: Cel): Invoer {
  if (isFormule(c)) return c.formule;
  return c === null ? "" : c;
}

/** Number format for a cell: text for every non-empty string constant, else the plan's format or General. */
function notatieVoor(c: Cel, notatie: string | undefined): string {
  return typeof c === "string" && c !== "" ? TEKST : (notatie ?? ALGEMEEN);
}

function alsWaarde(v: unknown): Waarde {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
}

function gelijk(a: Waarde, b: Waarde): boolean {
  if (isLeeg(a) && isLeeg(b)) return true;
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9;
  return a === b;
}

/** Key of a row as text, as the merge matches it. */
function sleutelTekst(w: Waarde | undefined): string {
  return w === null || w === undefined ? "" : String(w).trim();
}

/**
 * Excel column width in points for a width in characters (Calibri 11 at 96 dpi: 7 px per character plus 5 px
 * padding; 0.75 pt per px), e.g. 8.43 characters → 48 pt, Excel's default.
 */
export function breedteInPunten(tekens: number): number {
  return Math.round((tekens * 7 + 5) * 0.75 * 100) / 100;
}

/** Stable name of the i-th (0-based) chart on a sheet, so a refill replaces it. */
export function grafiekNaam(g: GrafiekPlan, index: number): string {
  return `${g.tabel}_Grafiek${index + 1}`;
}

/** Matrices for one rectangle of plan cells: number formats (to set first) and formulas/values. */
export function celMatrix(
  cellen: readonly (readonly Cel[])[],
  kolommen: number,
  notaties?: readonly (string | undefined)[],
): { notaties: string[][]; invoer: Invoer[][] } {
  const rijen = cellen.map((rij) => Array.from({ length: kolommen }, (_, j) => rij[j] ?? null));
  return {
    notaties: rijen.map((rij) => rij.map((c, j) => notatieVoor(c, notaties?.[j]))),
    invoer: rijen.map((rij) => rij.map(invoer)),
  };
}

/** Queue the writes of a rectangle: number formats first (so text stays text), then formulas/values. */
export function zetCellen(range: Excel.Range, m: { notaties: string[][]; invoer: Invoer[][] }): void {
  range.numberFormat = m.notaties;
  range.formulas = m.invoer;
}

/** An existing table object as loaded in sync 2. */
interface GeladenTabel {
  readonly naam: string;
  readonly tabel: Excel.Table;
  readonly werkblad: Excel.Worksheet;
  readonly bereik: Excel.Range;
  readonly kop?: Excel.Range;
  readonly lijf?: Excel.Range;
  /** Values around the table, for the "never grow over user cells" check. */
  readonly omgeving?: Excel.Range;
}

/** What sync 2 loaded for a plan table without a table object on an existing sheet. */
interface GeladenGebied {
  /** The surrounding region of the plan's start cell (a table converted to a range is found here). */
  readonly regio: Excel.Range;
  readonly omgeving: Excel.Range;
}

/** The table as it is in the workbook now. */
interface OudeTabel {
  /** Undefined when found by its header row at the plan's start without a table object. */
  readonly tabel?: Excel.Table;
  /** Header + body (+ Excel's own totals row when shown). */
  readonly rechthoek: Rechthoek;
  readonly showTotals: boolean;
  readonly koppen: string[];
  readonly waarden: Waarde[][];
  readonly formules: unknown[][];
  readonly notaties: unknown[][];
}

interface TabelTaak {
  readonly blad: BladPlan;
  readonly plan: TabelPlan;
  readonly res: SamengevoegdeTabel;
  /** New table range: header + body. */
  readonly rechthoek: Rechthoek;
  readonly oud?: OudeTabel;
}

function matrix(m: unknown): unknown[][] {
  return Array.isArray(m) ? (m as unknown[][]) : [];
}

/** Cells a plan table may grow over: the plan's blocks and input cells (with their labels) on the same sheet. */
function planGebieden(blad: BladPlan): Rechthoek[] {
  return [
    ...blad.blokken.map((b) => ({
      rij: b.start.rij,
      kolom: b.start.kolom,
      rijen: b.cellen.length,
      kolommen: Math.max(1, ...b.cellen.map((r) => r.length)),
    })),
    ...blad.invoercellen.map((i) => ({
      rij: i.positie.rij,
      kolom: Math.max(1, i.positie.kolom - 1),
      rijen: 1,
      kolommen: i.positie.kolom > 1 ? 2 : 1,
    })),
  ];
}

function binnen(r: Rechthoek | undefined, rij: number, kolom: number): boolean {
  return !!r && rij >= r.rij && rij < r.rij + r.rijen && kolom >= r.kolom && kolom < r.kolom + r.kolommen;
}

/** The first cell of `gebied` (outside `vrij`) that holds something in the loaded `omgeving`; unknown counts as filled. */
function eersteGevuld(
  omgeving: Excel.Range,
  gebied: Rechthoek,
  vrij: readonly (Rechthoek | undefined)[],
): string | undefined {
  const waarden = matrix(omgeving.values);
  for (let r = gebied.rij; r < gebied.rij + gebied.rijen; r++) {
    for (let k = gebied.kolom; k < gebied.kolom + gebied.kolommen; k++) {
      if (vrij.some((v) => binnen(v, r, k))) continue;
      const i = r - 1 - omgeving.rowIndex;
      const j = k - 1 - omgeving.columnIndex;
      const rij = waarden[i];
      if (i < 0 || j < 0 || !rij || j >= rij.length || !isLeeg(alsWaarde(rij[j])))
        return adres({ rij: r, kolom: k });
    }
  }
  return undefined;
}

/** A plan table saved without a table object (e.g. converted to a range): its header row at the plan's start. */
function zoekZonderTabel(regio: Excel.Range, tp: TabelPlan): OudeTabel | undefined {
  const waarden = matrix(regio.values);
  const formules = matrix(regio.formulas);
  const notaties = matrix(regio.numberFormat);
  const i0 = tp.start.rij - 1 - regio.rowIndex;
  const j0 = tp.start.kolom - 1 - regio.columnIndex;
  const kopRij = waarden[i0] ?? [];
  const koppen: string[] = [];
  for (let j = j0; j < kopRij.length && !isLeeg(alsWaarde(kopRij[j])); j++)
    koppen.push(String(kopRij[j]).trim());
  const sleutelKop = tp.kolommen.find((k) => k.sleutel === tp.sleutelKolom)?.kop ?? "";
  const si = koppen.indexOf(sleutelKop);
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

/** The first key that occurs more than once (the merge would keep only the first row). */
function dubbeleSleutel(tp: TabelPlan, oud: OudeTabel): string | undefined {
  const kop = tp.kolommen.find((k) => k.sleutel === tp.sleutelKolom)?.kop ?? "";
  const si = oud.koppen.findIndex((k) => k.trim() === kop);
  if (si < 0) return undefined;
  const gezien = new Set<string>();
  for (const r of oud.waarden) {
    const s = sleutelTekst(r[si]);
    if (s === "") continue;
    if (gezien.has(s)) return s;
    gezien.add(s);
  }
  return undefined;
}

/** Body matrices of a merged table; user-owned cells that held a formula get it (and their format) back. */
function lijfMatrix(taak: TabelTaak): { notaties: string[][]; invoer: Invoer[][] } {
  const { plan, res, oud } = taak;
  const kolommen = res.kolommen;
  const sleutelIndex = plan.kolommen.findIndex((k) => k.sleutel === plan.sleutelKolom);
  const oudeKolom = new Map<string, number>();
  oud?.koppen.forEach((k, i) => {
    if (!oudeKolom.has(k.trim())) oudeKolom.set(k.trim(), i);
  });
  const oudeSleutel = oudeKolom.get(plan.kolommen[sleutelIndex]?.kop ?? "");
  const oudeRij = new Map<string, number>();
  if (oud && oudeSleutel !== undefined) {
    oud.waarden.forEach((r, i) => {
      const s = sleutelTekst(r[oudeSleutel]);
      if (s !== "" && !oudeRij.has(s)) oudeRij.set(s, i);
    });
  }
  const rijen: (readonly Cel[])[] = res.rijen.length > 0 ? [...res.rijen] : [kolommen.map(() => null)];
  const notaties: string[][] = [];
  const cellen: Invoer[][] = [];
  for (const rij of rijen) {
    const i = oudeRij.get(sleutelTekst(rij[sleutelIndex] as Waarde | undefined));
    const nRij: string[] = [];
    const cRij: Invoer[] = [];
    kolommen.forEach((k, j) => {
      const c = rij[j] ?? null;
      let notatie = notatieVoor(c, k.notatie);
      let waarde = invoer(c);
      const jOud = oudeKolom.get(k.kop);
      if (k.soort === "invoer" && oud && i !== undefined && jOud !== undefined) {
        // The user's own columns keep their number format; a kept formula comes back as a formula.
        const eigen = plan.kolommen.every((p) => p.kop !== k.kop);
        const oudeNotatie = oud.notaties[i]?.[jOud];
        if (eigen && typeof oudeNotatie === "string" && notatie !== TEKST) notatie = oudeNotatie;
        const f = oud.formules[i]?.[jOud];
        const w = oud.waarden[i]?.[jOud] ?? null;
        if (
          typeof f === "string" &&
          f.startsWith("=") &&
          !isFormule(c) &&
          (c === w || (isLeeg(c) && isLeeg(w)))
        ) {
          waarde = f;
          notatie = typeof oudeNotatie === "string" ? oudeNotatie : (k.notatie ?? ALGEMEEN);
        }
      }
      nRij.push(notatie);
      cRij.push(waarde);
    });
    notaties.push(nRij);
    cellen.push(cRij);
  }
  return { notaties, invoer: cellen };
}

/** "'Blad'!$C$3" — an absolute reference for a defined name. */
function naamVerwijzing(blad: string, p: { rij: number; kolom: number }): string {
  return `='${blad.replace(/'/g, "''")}'!$${kolomLetters(p.kolom)}$${p.rij}`;
}

interface Taak {
  readonly cellen: number;
  readonly doe: () => void;
}

export async function schrijfNaarExcel(
  context: Excel.RequestContext,
  plan: WerkboekPlan,
  opties: OfficeSchrijfOpties = {},
): Promise<OfficeVulRapport> {
  const max = Math.max(1, Math.floor(opties.maxCellenPerSync ?? STANDAARD_MAX_CELLEN_PER_SYNC));
  const meld = (fractie: number, tekst: string): void => opties.voortgang?.(fractie, tekst);
  const wb = context.workbook;

  // ---- Sync 1: what exists.
  meld(0, "Werkmap lezen");
  const bladenCol = wb.worksheets.load("items/name");
  const tabellenCol = wb.tables.load("items/name");
  const namenCol = wb.names.load("items/name");
  await context.sync();
  const bladNamen = new Map(bladenCol.items.map((b) => [sleutel(b.name), b.name]));
  const tabelNamen = new Map(tabellenCol.items.map((t) => [sleutel(t.name), t.name]));
  const definedNames = new Map(namenCol.items.map((n) => [sleutel(n.name), n.name]));

  const werkbladen = new Map<string, Excel.Worksheet>();
  const werkblad = (naam: string): Excel.Worksheet => {
    const s = sleutel(naam);
    let w = werkbladen.get(s);
    if (!w) {
      w = wb.worksheets.getItem(bladNamen.get(s) ?? naam);
      werkbladen.set(s, w);
    }
    return w;
  };
  const bestaatBlad = (naam: string): boolean => bladNamen.has(sleutel(naam));
  const planTabellen = new Map(
    plan.bladen.flatMap((b) => b.tabellen.map((t) => [sleutel(t.naam), t] as const)),
  );

  // ---- Sync 2: what a refill needs (all loads queued, one round trip).
  meld(0.1, "Bestaande tabellen en invoer lezen");
  let teLezen = 0;
  const geladenTabellen: GeladenTabel[] = tabellenCol.items.map((t) => {
    const werkbladT = t.worksheet;
    werkbladT.load("name");
    t.load("name,showTotals");
    const r = t.getRange().load("rowIndex,columnIndex,rowCount,columnCount");
    teLezen++;
    const tp = planTabellen.get(sleutel(t.name));
    if (!tp) return { naam: t.name, tabel: t, werkblad: werkbladT, bereik: r };
    const kop = t.getHeaderRowRange().load("values");
    const lijf = t.getDataBodyRange().load("values,formulas,numberFormat");
    // Merged size ≤ old size + plan rows (+ totals row), old width + plan columns: load that much around it.
    const omgeving = t
      .getRange()
      .getResizedRange(tp.rijen.length + 2, tp.kolommen.length)
      .load("values,rowIndex,columnIndex");
    return { naam: t.name, tabel: t, werkblad: werkbladT, bereik: r, kop, lijf, omgeving };
  });

  const gebieden = new Map<string, GeladenGebied>();
  const naamBereiken = new Map<string, Excel.Range>();
  const planCellen = new Map<string, Excel.Range>();
  const blokBereiken = new Map<string, Excel.Range>();
  const oudeGrafieken = new Map<string, Excel.Chart>();
  for (const blad of plan.bladen) {
    for (const ic of blad.invoercellen) {
      const bestaand = definedNames.get(sleutel(ic.naam));
      if (bestaand !== undefined) {
        const r = wb.names.getItem(bestaand).getRangeOrNullObject();
        r.load("address,values,formulas,numberFormat,rowCount,columnCount");
        naamBereiken.set(sleutel(ic.naam), r);
        teLezen++;
      }
      if (bestaatBlad(blad.naam)) {
        planCellen.set(sleutel(ic.naam), werkblad(blad.naam).getRange(adres(ic.positie)).load("values"));
        teLezen++;
      }
    }
    if (!bestaatBlad(blad.naam)) continue;
    for (const tp of blad.tabellen) {
      if (tabelNamen.has(sleutel(tp.naam))) continue;
      const regio = werkblad(blad.naam)
        .getRange(adres(tp.start))
        .getSurroundingRegion()
        .load("values,formulas,numberFormat,rowIndex,columnIndex,rowCount,columnCount");
      const omgeving = regio
        .getResizedRange(tp.rijen.length + 2, tp.kolommen.length)
        .load("values,rowIndex,columnIndex");
      gebieden.set(sleutel(tp.naam), { regio, omgeving });
      teLezen++;
    }
    blad.blokken.forEach((blok, b) => {
      const kolommen = Math.max(0, ...blok.cellen.map((r) => r.length));
      if (blok.cellen.length === 0 || kolommen === 0) return;
      const r = werkblad(blad.naam)
        .getRange(bereik(blok.start, blok.cellen.length, kolommen))
        .load("values");
      blokBereiken.set(`${sleutel(blad.naam)}#${b}`, r);
      teLezen++;
    });
    blad.grafieken.forEach((g, i) => {
      const c = werkblad(blad.naam).charts.getItemOrNullObject(grafiekNaam(g, i));
      c.load("name");
      oudeGrafieken.set(`${sleutel(blad.naam)}#${i}`, c);
      teLezen++;
    });
  }
  if (teLezen > 0) await context.sync();

  // ---- Decide: positions, shape checks, and the merge from samenvoegen.
  const overgeslagen: string[] = [];
  const wijzigingen: Wijziging[] = [];
  const verweesd: { tabel: string; sleutel: string }[] = [];
  let invoerBehouden = 0;

  const tabelRechthoeken = geladenTabellen.map((g) => ({
    naam: g.naam,
    blad: sleutel(g.werkblad.name),
    rechthoek: {
      rij: g.bereik.rowIndex + 1,
      kolom: g.bereik.columnIndex + 1,
      rijen: g.bereik.rowCount,
      kolommen: g.bereik.columnCount,
    },
  }));

  const taken: TabelTaak[] = [];
  for (const blad of plan.bladen) {
    for (const tp of blad.tabellen) {
      const geladen = geladenTabellen.find((g) => sleutel(g.naam) === sleutel(tp.naam));
      const gebied = gebieden.get(sleutel(tp.naam));
      let oud: OudeTabel | undefined;
      let omgeving: Excel.Range | undefined;
      if (geladen) {
        const op = tabelRechthoeken.find((t) => t.naam === geladen.naam);
        if (
          !op ||
          op.blad !== sleutel(blad.naam) ||
          op.rechthoek.rij !== tp.start.rij ||
          op.rechthoek.kolom !== tp.start.kolom
        ) {
          const waar = op ? `${geladen.werkblad.name}!${adres(op.rechthoek)}` : "elders";
          overgeslagen.push(
            `tabel ${tp.naam} staat niet meer op ${blad.naam}!${adres(tp.start)} (maar op ${waar}); niet bijgewerkt`,
          );
          continue;
        }
        oud = {
          tabel: geladen.tabel,
          rechthoek: op.rechthoek,
          showTotals: geladen.tabel.showTotals === true,
          koppen: (matrix(geladen.kop?.values)[0] ?? []).map((k) => String(k ?? "")),
          waarden: matrix(geladen.lijf?.values).map((rij) => rij.map(alsWaarde)),
          formules: matrix(geladen.lijf?.formulas),
          notaties: matrix(geladen.lijf?.numberFormat),
        };
        omgeving = geladen.omgeving;
      } else if (definedNames.has(sleutel(tp.naam))) {
        overgeslagen.push(`tabel ${tp.naam}: de naam is al in gebruik in deze werkmap; niet bijgewerkt`);
        continue;
      } else if (gebied) {
        oud = zoekZonderTabel(gebied.regio, tp);
        omgeving = gebied.omgeving;
      }
      const dubbel = oud ? dubbeleSleutel(tp, oud) : undefined;
      if (dubbel !== undefined) {
        overgeslagen.push(`tabel ${tp.naam} bevat de sleutel "${dubbel}" meer dan eens; niet bijgewerkt`);
        continue;
      }
      const res = samenvoegenTabel(tp, oud ? { koppen: oud.koppen, rijen: oud.waarden } : undefined);
      if (res.soort === "overgeslagen") {
        overgeslagen.push(res.reden);
        continue;
      }
      const rechthoek: Rechthoek = {
        rij: tp.start.rij,
        kolom: tp.start.kolom,
        rijen: 1 + Math.max(1, res.rijen.length),
        kolommen: res.kolommen.length,
      };
      const botsing = tabelRechthoeken.find(
        (t) => t.naam !== geladen?.naam && t.blad === sleutel(blad.naam) && overlapt(t.rechthoek, rechthoek),
      );
      if (botsing) {
        overgeslagen.push(
          `tabel ${tp.naam} zou tabel ${botsing.naam} overlappen (${blad.naam}!${rechthoekAdres(rechthoek)}); niet bijgewerkt`,
        );
        continue;
      }
      // Never grow over cells the user filled next to the table.
      if (omgeving) {
        const metTotaal = (r: Rechthoek): Rechthoek => ({ ...r, rijen: r.rijen + (tp.totaal ? 1 : 0) });
        const cel = eersteGevuld(omgeving, metTotaal(rechthoek), [
          oud ? metTotaal(oud.rechthoek) : undefined,
          ...planGebieden(blad),
        ]);
        if (cel !== undefined) {
          overgeslagen.push(
            `tabel ${tp.naam} zou cel ${blad.naam}!${cel} overschrijven (daar staat iets van u); niet bijgewerkt`,
          );
          continue;
        }
      }
      taken.push({ blad, plan: tp, res, rechthoek, oud });
      wijzigingen.push(...res.wijzigingen);
      invoerBehouden += res.invoerBehouden;
      verweesd.push(...res.verweesd.map((s) => ({ tabel: tp.naam, sleutel: s })));
    }
  }

  // ---- Write phase: a list of jobs with their cell counts, run in as few batches as the cap allows.
  const jobs: Taak[] = [];
  const job = (cellen: number, doe: () => void): void => {
    jobs.push({ cellen, doe });
  };

  const nieuweBladen = plan.bladen.filter((b) => !bestaatBlad(b.naam)).map((b) => b.naam);
  for (const naam of nieuweBladen) {
    job(0, () => {
      werkbladen.set(sleutel(naam), wb.worksheets.add(naam));
    });
  }

  // Tables first (structure and headers), so every formula written later can refer to any plan table.
  for (const taak of taken) {
    const { plan: tp, rechthoek, oud, res } = taak;
    const blad = taak.blad.naam;
    job(rechthoek.kolommen, () => {
      const ws = werkblad(blad);
      const wis = (r: Rechthoek): void => {
        if (r.rijen > 0 && r.kolommen > 0) ws.getRange(rechthoekAdres(r)).clear("Contents");
      };
      const o = oud?.rechthoek;
      const onderNieuw = rechthoek.rij + rechthoek.rijen;
      if (oud?.tabel && o) {
        const t = oud.tabel;
        if (oud.showTotals) t.showTotals = false;
        const tabelRijen = o.rijen - (oud.showTotals ? 1 : 0);
        if (tabelRijen !== rechthoek.rijen || o.kolommen !== rechthoek.kolommen) {
          t.resize(ws.getRange(rechthoekAdres(rechthoek)));
        }
      } else {
        const t = ws.tables.add(ws.getRange(rechthoekAdres(rechthoek)), true);
        t.name = tp.naam;
      }
      if (o) {
        // Cells of the old range outside the new one, and the old totals row (plan-owned), are emptied.
        if (o.rij + o.rijen > onderNieuw) {
          wis({ rij: onderNieuw, kolom: o.kolom, rijen: o.rij + o.rijen - onderNieuw, kolommen: o.kolommen });
        }
        const rechts = rechthoek.kolom + rechthoek.kolommen;
        if (o.kolom + o.kolommen > rechts) {
          wis({
            rij: o.rij,
            kolom: rechts,
            rijen: Math.min(o.rijen, rechthoek.rijen),
            kolommen: o.kolom + o.kolommen - rechts,
          });
        }
        const oudTotaal = o.rij + o.rijen;
        if (tp.totaal && oudTotaal > onderNieuw) {
          wis({ rij: oudTotaal, kolom: o.kolom, rijen: 1, kolommen: Math.max(o.kolommen, tp.totaal.length) });
        }
      }
      zetCellen(
        ws.getRange(rechthoekAdres({ ...rechthoek, rijen: 1 })),
        celMatrix([res.kolommen.map((k) => k.kop)], rechthoek.kolommen),
      );
    });
  }

  // Named input cells: a non-empty value the user entered stays; the name points at the plan's cell.
  for (const blad of plan.bladen) {
    for (const ic of blad.invoercellen) {
      const s = sleutel(ic.naam);
      const bestaandeNaam = definedNames.get(s);
      const doel = adres(ic.positie);
      const r = naamBereiken.get(s);
      const bron = r && !r.isNullObject && r.rowCount === 1 && r.columnCount === 1 ? r : undefined;
      const bronAdres = bron ? leesAdres(bron.address) : undefined;
      const naamOpPlanCel =
        !!bronAdres && sleutel(bronAdres.blad) === sleutel(blad.naam) && bronAdres.cel === doel;
      let oud: Waarde | undefined;
      let oudeFormule: unknown;
      let oudeNotatie: unknown;
      let bronIsPlanCel = false;
      if (bron && bronAdres) {
        oud = alsWaarde(matrix(bron.values)[0]?.[0]);
        oudeFormule = matrix(bron.formulas)[0]?.[0];
        oudeNotatie = matrix(bron.numberFormat)[0]?.[0];
        bronIsPlanCel = naamOpPlanCel;
      } else {
        const pc = planCellen.get(s);
        if (pc) {
          oud = alsWaarde(matrix(pc.values)[0]?.[0]);
          bronIsPlanCel = true;
        }
      }
      const v = samenvoegenInvoer(ic.standaard, oud);
      if (v.behouden) invoerBehouden++;
      let schrijf: { notaties: string[][]; invoer: Invoer[][] } | undefined;
      if (!v.behouden) {
        schrijf = celMatrix([[v.waarde]], 1, [ic.notatie]);
      } else if (!bronIsPlanCel) {
        // The user's value lives where the name pointed: bring it (formula and format too) to the plan's cell.
        const formule =
          typeof oudeFormule === "string" && oudeFormule.startsWith("=") ? oudeFormule : undefined;
        schrijf = formule
          ? {
              notaties: [[typeof oudeNotatie === "string" ? oudeNotatie : (ic.notatie ?? ALGEMEEN)]],
              invoer: [[formule]],
            }
          : celMatrix([[v.waarde]], 1, [
              ic.notatie ?? (typeof oudeNotatie === "string" ? oudeNotatie : undefined),
            ]);
      }
      job(1 + (schrijf ? 1 : 0), () => {
        const ws = werkblad(blad.naam);
        if (ic.positie.kolom > 1) {
          zetCellen(
            ws.getRange(adres({ rij: ic.positie.rij, kolom: ic.positie.kolom - 1 })),
            celMatrix([[ic.label]], 1),
          );
        }
        const cel = ws.getRange(doel);
        if (schrijf) zetCellen(cel, schrijf);
        if (bestaandeNaam === undefined) wb.names.add(ic.naam, cel);
        else if (!naamOpPlanCel)
          wb.names.getItem(bestaandeNaam).formula = naamVerwijzing(blad.naam, ic.positie);
      });
    }
  }

  // Table bodies, in row chunks when a body alone is larger than the cap; then the totals row.
  for (const taak of taken) {
    const { rechthoek, plan: tp } = taak;
    const blad = taak.blad.naam;
    const m = lijfMatrix(taak);
    const perStuk = Math.max(1, Math.floor(max / Math.max(1, rechthoek.kolommen)));
    for (let van = 0; van < m.invoer.length; van += perStuk) {
      const stuk = {
        notaties: m.notaties.slice(van, van + perStuk),
        invoer: m.invoer.slice(van, van + perStuk),
      };
      const rij = rechthoek.rij + 1 + van;
      job(stuk.invoer.length * rechthoek.kolommen, () => {
        const r = { rij, kolom: rechthoek.kolom, rijen: stuk.invoer.length, kolommen: rechthoek.kolommen };
        zetCellen(werkblad(blad).getRange(rechthoekAdres(r)), stuk);
      });
    }
    const totaal = tp.totaal;
    if (totaal && totaal.length > 0) {
      job(totaal.length, () => {
        const r = {
          rij: rechthoek.rij + rechthoek.rijen,
          kolom: rechthoek.kolom,
          rijen: 1,
          kolommen: totaal.length,
        };
        const range = werkblad(blad).getRange(rechthoekAdres(r));
        zetCellen(
          range,
          celMatrix(
            [totaal],
            totaal.length,
            tp.kolommen.map((k) => k.notatie),
          ),
        );
        range.format.font.bold = true;
      });
    }
  }

  // Blocks (plan-owned cells) and the change report for sheets that existed.
  for (const blad of plan.bladen) {
    blad.blokken.forEach((blok, b) => {
      const kolommen = Math.max(0, ...blok.cellen.map((r) => r.length));
      if (blok.cellen.length === 0 || kolommen === 0) return;
      const oud = blokBereiken.get(`${sleutel(blad.naam)}#${b}`);
      if (oud) {
        const oudeWaarden = matrix(oud.values);
        blok.cellen.forEach((rij, i) =>
          rij.forEach((c, j) => {
            if (isFormule(c)) return;
            const was = alsWaarde(oudeWaarden[i]?.[j]);
            if (!gelijk(was, c)) {
              wijzigingen.push({
                plek: `${blad.naam}!${adres({ rij: blok.start.rij + i, kolom: blok.start.kolom + j })}`,
                oud: isLeeg(was) ? null : was,
                nieuw: c,
              });
            }
          }),
        );
      }
      job(blok.cellen.length * kolommen, () => {
        const ws = werkblad(blad.naam);
        zetCellen(
          ws.getRange(bereik(blok.start, blok.cellen.length, kolommen)),
          celMatrix(blok.cellen, kolommen, blok.notaties),
        );
        if (blok.kop) ws.getRange(bereik(blok.start, 1, kolommen)).format.font.bold = true;
      });
    });
  }

  // Charts over the plan's rows (not the orphans); an existing Opgave chart with the same name is replaced.
  for (const blad of plan.bladen) {
    blad.grafieken.forEach((g, i) => {
      const taak = taken.find((t) => sleutel(t.plan.naam) === sleutel(g.tabel));
      if (!taak) {
        overgeslagen.push(
          `grafiek "${g.titel}": tabel ${g.tabel} is niet bijgewerkt; grafiek niet bijgewerkt`,
        );
        return;
      }
      const kolom = (s: string): number => taak.res.kolommen.findIndex((k) => k.sleutel === s);
      const categorie = kolom(g.categorieKolom);
      const [eerste, ...overige] = g.reeksKolommen.map(kolom);
      if (categorie < 0 || eerste === undefined || eerste < 0 || overige.some((r) => r < 0)) {
        overgeslagen.push(`grafiek "${g.titel}": kolom ontbreekt in tabel ${g.tabel}; niet bijgewerkt`);
        return;
      }
      const oud = oudeGrafieken.get(`${sleutel(blad.naam)}#${i}`);
      job(0, () => {
        const bron = werkblad(taak.blad.naam);
        const rijen = Math.max(1, taak.plan.rijen.length);
        const kolomBereik = (j: number): Excel.Range =>
          bron.getRange(bereik({ rij: taak.rechthoek.rij + 1, kolom: taak.rechthoek.kolom + j }, rijen, 1));
        if (oud && !oud.isNullObject) oud.delete();
        const grafiek = werkblad(blad.naam).charts.add(
          g.soort === "lijn" ? "Line" : "ColumnClustered",
          kolomBereik(eerste),
          "Columns",
        );
        grafiek.name = grafiekNaam(g, i);
        grafiek.title.text = g.titel;
        const categorieen = kolomBereik(categorie);
        const s0 = grafiek.series.getItemAt(0);
        s0.name = taak.res.kolommen[eerste]?.kop ?? "";
        s0.setXAxisValues(categorieen);
        for (const j of overige) {
          const s = grafiek.series.add(taak.res.kolommen[j]?.kop ?? "");
          s.setValues(kolomBereik(j));
          s.setXAxisValues(categorieen);
        }
        grafiek.setPosition(adres(g.positie));
      });
    });
  }

  // Column widths: table columns with a width, then the sheet's own widths.
  for (const blad of plan.bladen) {
    const breedtes = new Map<number, number>();
    for (const taak of taken.filter((t) => t.blad === blad)) {
      taak.plan.kolommen.forEach((k, j) => {
        if (k.breedte !== undefined) breedtes.set(taak.rechthoek.kolom + j, k.breedte);
      });
    }
    for (const [k, b] of Object.entries(blad.breedtes ?? {})) breedtes.set(Number(k), b);
    if (breedtes.size === 0) continue;
    job(0, () => {
      const ws = werkblad(blad.naam);
      for (const [k, b] of breedtes) {
        const l = kolomLetters(k);
        ws.getRange(`${l}:${l}`).format.columnWidth = breedteInPunten(b);
      }
    });
  }

  // ---- Run the jobs: sync before a job that would push the batch over the cap.
  const totaal = jobs.reduce((n, j) => n + j.cellen, 0);
  let inBatch = 0;
  let geschreven = 0;
  meld(0.2, "Schrijven");
  for (const j of jobs) {
    if (inBatch > 0 && inBatch + j.cellen > max) {
      await context.sync();
      inBatch = 0;
      meld(0.2 + (0.75 * geschreven) / Math.max(1, totaal), `Schrijven (${geschreven} van ${totaal} cellen)`);
    }
    j.doe();
    inBatch += j.cellen;
    geschreven += j.cellen;
  }
  meld(0.95, "Opslaan");
  await context.sync();
  meld(1, "Klaar");

  return { nieuweBladen, wijzigingen, invoerBehouden, verweesd, overgeslagen };
}

/** Sheet and cell ("C10") of a single-cell address as Range.address returns it ("Kosten!C10", "'Mijn blad'!$C$10"). */
export function leesAdres(a: string): { blad: string; cel: string } | undefined {
  const i = a.lastIndexOf("!");
  if (i < 0) return undefined;
  let blad = a.slice(0, i);
  if (blad.startsWith("'") && blad.endsWith("'")) blad = blad.slice(1, -1).replace(/''/g, "'");
  const cel = a.slice(i + 1).replace(/\$/g, "");
  return /^[A-Z]+\d+$/.test(cel) ? { blad, cel } : undefined;
}
