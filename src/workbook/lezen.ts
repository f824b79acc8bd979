/**
 * Reads one municipal Opgave workbook (.xlsx, as `opgave vul` / the task pane wrote it and the gemeente filled
 * it in) into the plain `Aanlevering` structure the consolidation (../domain/consolideren) works on.
 * Browser-safe: exceljs only, no Node APIs (the pane reads the files the coordinator selects).
 *
 * Never throws for a bad file: an unreadable file, a workbook Opgave did not make, a layout this version cannot
 * read, a table edited out of shape or an invalid input becomes a `Probleem` (with the sheet!cell address), and
 * the rest of the file is still read where possible.
 *
 * What is read (layout of ./bouwPlan): Bron (dataset id/version/hash, add-in version, "Gevuld op",
 * "Onderwerp"); the Taakstelling table Opgave_Taakstelling (found by name, else by its header row at A7) with
 * Periode, Taakstelling, Taakstelling (eigen invoer), Gehuisvest and the stored results of Gecorrigeerd,
 * Achterstand, Voorsprong; the named input cells (Opgave_Startperiode, Opgave_Beginsaldo,
 * Opgave_BestaandePlaatsen, the Kosten assumptions — by defined name, else at the plan position when its label
 * is there); the Opvang figures shown; the Kosten standards, values used and results; the Overzicht key figures.
 * Stored formula results are read only to be compared with the recomputation, never used as figures.
 *
 * Before exceljs sees the bytes, ./pakketControle checks the package (zip or not, password, entries, sizes,
 * compression ratio, cells per sheet, entity declarations) against `LeesOpties.grenzen`, streaming and stopping
 * early: a hostile or absurd file becomes an unusable Aanlevering with the reason in Dutch, at about the cost of a
 * good file.
 */
import ExcelJS from "exceljs";
// Mends faults of exceljs for every read (./exceljsReparaties): also where nothing here writes (the pane's worker).
import "./exceljsReparaties";
import { bibliotheekFoutTekst } from "./bibliotheekFouten";
import { consolidatieBerichten as b, datumNl, getalInvoer } from "../domain/berichten";
import { isoUitExcel } from "../domain/tijdstip";
import { binnenGrenzen, type Grootheid } from "../domain/grenzen";
import {
  BEREIK,
  KOSTEN_BEREIK,
  onbruikbareAanlevering,
  type Aanlevering,
  type AanleveringDeel,
  type AanleveringRij,
  type BronGegevens,
  type KostenInvoer,
  type Onderwerp,
  type Opgeslagen,
  type Probleem,
} from "../domain/consolideren";
import {
  BLADEN,
  BRON_LABELS,
  GEMEENTE_PLEKKEN,
  INVOERCELLEN,
  KOSTEN_UITKOMSTEN,
  NAMEN,
  OPVANG_LABELS,
  OVERZICHT_LABELS,
  TABELLEN,
  TAAKSTELLING_KOLOMMEN,
  kop,
  leesOnderwerpTekst,
  onderwerpZin,
  type InvoerNaam,
} from "./indeling";
import { excelTabel, isFormuleWaarde, naamCel, tabelBereik, waardeVan } from "./xlsxCel";
import { controleerPakket, leesGrenzen, type LeesGrenzen, type PakketBezwaar } from "./pakketControle";
import { laadDelen } from "./exceljsLaden";

export type { Aanlevering } from "../domain/consolideren";
export type { LeesGrenzen } from "./pakketControle";

/**
 * Highest major version of the add-in whose gemeente workbooks this reader understands. Raise it when a newer
 * layout is read correctly (the layout itself is checked too: the Bron labels must be the known ones).
 */
export const LEESBARE_HOOFDVERSIE = 1;

export interface LeesOpties {
  /** Highest readable add-in major version (default LEESBARE_HOOFDVERSIE). */
  readonly hoofdversie?: number;
  /** Limits of the package check before parsing, over STANDAARD_LEESGRENZEN (./pakketControle). */
  readonly grenzen?: Partial<LeesGrenzen>;
  /**
   * How the user can change each limit, named in the finding when a file passes it ("--max-cellen" on the
   * command line: see src/cli/leesGrenzen.ts); without it the finding names only the limit.
   */
  readonly grensOpties?: Partial<Record<keyof LeesGrenzen, string>>;
}

/** Bron labels every readable workbook has (in the order a missing one is reported). */
const VEREISTE_BRON_LABELS = [
  BRON_LABELS.dataset,
  BRON_LABELS.versie,
  BRON_LABELS.datum,
  BRON_LABELS.hash,
  BRON_LABELS.bronUrl,
  BRON_LABELS.addinVersie,
  BRON_LABELS.gevuldOp,
];

/** Headers of the Taakstelling table that are read. */
const KOLOMMEN = {
  periode: kop(TAAKSTELLING_KOLOMMEN, "periode"),
  taakstelling: kop(TAAKSTELLING_KOLOMMEN, "taakstelling"),
  eigen: kop(TAAKSTELLING_KOLOMMEN, "taakstellingEigen"),
  gehuisvest: kop(TAAKSTELLING_KOLOMMEN, "gehuisvest"),
  gecorrigeerd: kop(TAAKSTELLING_KOLOMMEN, "gecorrigeerd"),
  achterstand: kop(TAAKSTELLING_KOLOMMEN, "achterstand"),
  voorsprong: kop(TAAKSTELLING_KOLOMMEN, "voorsprong"),
  /** Not in older workbooks. */
  landelijk: kop(TAAKSTELLING_KOLOMMEN, "landelijkEigen"),
};
const VERPLICHT = [KOLOMMEN.periode, KOLOMMEN.taakstelling, KOLOMMEN.eigen, KOLOMMEN.gehuisvest];

const KOSTEN_NAMEN: Record<keyof KostenInvoer, InvoerNaam> = {
  plaatsen: NAMEN.plaatsen,
  kostenPerPlaats: NAMEN.kostenPerPlaats,
  locaties: NAMEN.locaties,
  vasteKostenPerLocatie: NAMEN.vasteKosten,
  bonusPerPlaats: NAMEN.bonusPerPlaats,
};

/** The part of the gemeente workbook a sheet is (a rejected input there keeps that part's results unchecked). */
const DELEN: Readonly<Record<string, AanleveringDeel>> = {
  [BLADEN.taakstelling]: "taakstelling",
  [BLADEN.opvang]: "opvang",
  [BLADEN.kosten]: "kosten",
};

// ---------------------------------------------------------------------------------------------------------
// Cells

type Inhoud =
  | { readonly soort: "leeg" }
  | { readonly soort: "getal"; readonly waarde: number }
  | { readonly soort: "tekst"; readonly waarde: string }
  /** A formula without a stored result (exceljs/`opgave vul` wrote it; never calculated). */
  | { readonly soort: "formule" };

/** What a cell holds: a formula's stored result (from `cell.result`: exceljs's `value` drops a 0). */
function inhoud(cel: ExcelJS.Cell): Inhoud {
  const v = cel.value;
  let w: ReturnType<typeof waardeVan>;
  if (isFormuleWaarde(v)) {
    const r = cel.result as ExcelJS.CellValue | undefined;
    if (r === undefined) return { soort: "formule" };
    w = waardeVan(r);
  } else {
    w = waardeVan(v);
  }
  if (w === null || (typeof w === "string" && w.trim() === "")) return { soort: "leeg" };
  if (typeof w === "number") return { soort: "getal", waarde: w };
  return { soort: "tekst", waarde: String(w) };
}

function plekVan(cel: ExcelJS.Cell): string {
  return `${cel.worksheet.name}!${cel.address}`;
}

/** Where a problem about one cell is: "Blad!A1", and the part of the workbook when the sheet is one of its parts. */
function bijCel(cel: ExcelJS.Cell): { plek: string; deel?: AanleveringDeel } {
  const deel = DELEN[cel.worksheet.name];
  return { plek: plekVan(cel), ...(deel ? { deel } : {}) };
}

/** The stored value of a cell Opgave filled with a formula; undefined when the formula has no stored result. */
function opgeslagen(cel: ExcelJS.Cell | undefined): Opgeslagen | undefined {
  if (!cel) return undefined;
  const i = inhoud(cel);
  if (i.soort === "formule") return undefined;
  return {
    plek: plekVan(cel),
    waarde: i.soort === "leeg" ? null : i.waarde,
  };
}

/** The date a cell shows ("5-1-2024"), when it holds one (a number with a date format, or a formula's such result). */
function datumIn(cel: ExcelJS.Cell): string | undefined {
  const v = isFormuleWaarde(cel.value) ? (cel.result as unknown) : cel.value;
  if (!(v instanceof Date) || !Number.isFinite(v.getTime())) return undefined;
  // exceljs gives the serial's day at midnight UTC.
  return datumNl(v.toISOString().slice(0, 10));
}

interface GetalRegels {
  readonly geheel?: boolean;
  readonly negatiefToegestaan?: boolean;
  /**
   * Its plausible range (./consolideren `BEREIK`): outside it, a finding on this cell, which then counts as empty.
   * Checked here, where the cell is known: a finding without one was told from another alike by the order found, so
   * a coordinator's note on it moved to another finding when the first was mended.
   */
  readonly grens?: Grootheid;
}

/** A validated number from an input cell; problems are added (with the cell address) and the cell then counts as empty. */
function invoerGetal(
  cel: ExcelJS.Cell,
  label: string,
  regels: GetalRegels,
  problemen: Probleem[],
): number | null {
  const i = inhoud(cel);
  const waar = bijCel(cel);
  const { plek } = waar;
  const meld = (soort: Probleem["soort"], ernst: Probleem["ernst"], melding: string) =>
    problemen.push({ soort, ernst, ...waar, melding });
  if (i.soort === "leeg") return null;
  if (i.soort === "formule") {
    meld("nietNumeriek", "fout", b.formuleZonderWaarde(label, plek));
    return null;
  }
  if (i.soort === "tekst") {
    // Text is not a number for Excel's formulas (the workbook's chain stops there): the same here, also for "12".
    const t = i.waarde.trim();
    meld(
      "nietNumeriek",
      "fout",
      /^-?\d+(?:[.,]\d+)?$/.test(t) ? b.tekstGetal(label, plek, t) : b.nietNumeriek(label, plek, t),
    );
    return null;
  }
  const n = i.waarde;
  const datum = datumIn(cel);
  if (datum) {
    // Excel makes "5-1" typed in a cell the date 5 January: a count of some 45,000 that nobody meant.
    meld("ongeldigeInvoer", "fout", b.datumAlsAantal(label, plek, datum, b.getal(n)));
    return null;
  }
  if (!Number.isFinite(n)) {
    meld("nietNumeriek", "fout", b.nietNumeriek(label, plek, String(n)));
    return null;
  }
  if (n < 0 && !regels.negatiefToegestaan) {
    meld("negatief", "fout", b.negatief(label, plek, b.getal(n)));
    return null;
  }
  if (regels.geheel && !Number.isInteger(n)) {
    meld("ongeldigeInvoer", "fout", b.geenGeheelGetal(label, plek, String(n).replace(".", ",")));
    return null;
  }
  if (regels.grens && !binnenGrenzen(regels.grens, n)) {
    meld("ongeldigeInvoer", "fout", b.buitenBereik(label, plek, n, regels.grens));
    return null;
  }
  return n;
}

/** A given (plan-written) number: anything else is read as empty. */
function gegevenGetal(cel: ExcelJS.Cell | undefined): number | null {
  if (!cel) return null;
  const i = inhoud(cel);
  return i.soort === "getal" ? i.waarde : null;
}

function gegevenTekst(cel: ExcelJS.Cell | undefined): string | null {
  if (!cel) return null;
  const i = inhoud(cel);
  return i.soort === "tekst" ? i.waarde : i.soort === "getal" ? String(i.waarde) : null;
}

/** Label (column A) → the cell to its right, for the first `tot` rows of a sheet. */
function labelCellen(ws: ExcelJS.Worksheet, tot = 60, kolom = 2): Map<string, ExcelJS.Cell> {
  const m = new Map<string, ExcelJS.Cell>();
  for (let r = 1; r <= Math.min(tot, Math.max(ws.rowCount, 1)); r++) {
    const label = ws.getCell(r, 1).value;
    if (typeof label === "string" && !m.has(label.trim())) m.set(label.trim(), ws.getCell(r, kolom));
  }
  return m;
}

// ---------------------------------------------------------------------------------------------------------
// Tables and names

interface Gebied {
  readonly ws: ExcelJS.Worksheet;
  readonly rij1: number;
  readonly kol1: number;
  readonly rij2: number;
  readonly kol2: number;
}

function bereikTekst(g: Gebied): string {
  const a = g.ws.getCell(g.rij1, g.kol1).address;
  const z = g.ws.getCell(g.rij2, g.kol2).address;
  return `${g.ws.name}!${a}:${z}`;
}

/** The Taakstelling table: by Excel table name anywhere, else by its header row at the plan position. */
function zoekTaakstelling(wb: ExcelJS.Workbook): Gebied | undefined {
  for (const ws of wb.worksheets) {
    const t = excelTabel(ws, TABELLEN.taakstelling);
    const d = t ? tabelBereik(t) : undefined;
    if (d) return { ws, ...d };
  }
  const ws = wb.getWorksheet(BLADEN.taakstelling);
  if (!ws) return undefined;
  const { rij, kolom } = GEMEENTE_PLEKKEN.taakstelling.tabel;
  if (inhoud(ws.getCell(rij, kolom)).soort !== "tekst") return undefined;
  let kol2 = kolom;
  while (inhoud(ws.getCell(rij, kol2 + 1)).soort !== "leeg" && kol2 < kolom + 60) kol2++;
  let rij2 = rij;
  while (inhoud(ws.getCell(rij2 + 1, kolom)).soort !== "leeg" && rij2 < rij + 400) rij2++;
  return { ws, rij1: rij, kol1: kolom, rij2, kol2 };
}

/**
 * The inputs of one row of the Taakstelling table (`cel`: its cell under a header), each checked (`invoerGetal`);
 * an input refused rather than empty is marked with its cell (`AanleveringRij.gehuisvestAfgewezen`, …): where the
 * ledger stops there, it says so, not "leeg" or "vul … in".
 */
function rijInvoer(
  cel: (kop: string) => ExcelJS.Cell | undefined,
  periode: string,
  problemen: Probleem[],
): Pick<
  AanleveringRij,
  "eigen" | "landelijk" | "gehuisvest" | "eigenAfgewezen" | "landelijkAfgewezen" | "gehuisvestAfgewezen"
> {
  const getal = (kop: string, label: string, grens: Grootheid) => {
    const c = cel(kop);
    const gemeld = problemen.length;
    const waarde = c ? invoerGetal(c, `${label} ${periode}`, { geheel: true, grens }, problemen) : null;
    // Not empty but refused: each such case is a finding on the cell.
    return { waarde, afgewezen: c && problemen.length > gemeld ? plekVan(c) : undefined };
  };
  const eigen = getal(KOLOMMEN.eigen, "Taakstelling (eigen invoer)", BEREIK.taakstelling);
  const landelijk = getal(KOLOMMEN.landelijk, "Landelijk getal (eigen invoer)", BEREIK.landelijk);
  const gehuisvest = getal(KOLOMMEN.gehuisvest, "Gehuisvest", BEREIK.gehuisvest);
  return {
    eigen: eigen.waarde,
    landelijk: landelijk.waarde,
    gehuisvest: gehuisvest.waarde,
    ...(eigen.afgewezen ? { eigenAfgewezen: eigen.afgewezen } : {}),
    ...(landelijk.afgewezen ? { landelijkAfgewezen: landelijk.afgewezen } : {}),
    ...(gehuisvest.afgewezen ? { gehuisvestAfgewezen: gehuisvest.afgewezen } : {}),
  };
}

/** The cell of a named input: by defined name, else at the plan position when its label is there. */
function invoerCel(wb: ExcelJS.Workbook, naam: InvoerNaam): ExcelJS.Cell | undefined {
  const doel = (() => {
    try {
      return naamCel(wb, naam);
    } catch {
      return undefined;
    }
  })();
  if (doel) {
    const ws = wb.getWorksheet(doel.blad);
    if (ws) return ws.getCell(doel.cel);
  }
  const plan = INVOERCELLEN[naam];
  const ws = wb.getWorksheet(plan.blad);
  if (!ws) return undefined;
  const cel = ws.getCell(plan.positie.rij, plan.positie.kolom);
  const label = ws.getCell(plan.positie.rij, plan.positie.kolom - 1).value;
  return typeof label === "string" && label.trim() === plan.label ? cel : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Parts of the workbook

function leesOnderwerp(tekst: string): Onderwerp | undefined {
  const o = leesOnderwerpTekst(tekst);
  return o ? { ...o, tekst } : undefined;
}

function hoofdversie(versie: string | null): number | undefined {
  const m = /^v?(\d+)(?:\.|$)/.exec((versie ?? "").trim());
  return m ? Number(m[1]) : undefined;
}

function leesTaakstelling(wb: ExcelJS.Workbook, problemen: Probleem[]): Aanlevering["taakstelling"] {
  const gebied = zoekTaakstelling(wb);
  if (!gebied) {
    problemen.push(
      wb.getWorksheet(BLADEN.taakstelling)
        ? {
            soort: "tabelVervormd",
            ernst: "fout",
            melding: b.tabelOntbreekt(TABELLEN.taakstelling, BLADEN.taakstelling),
          }
        : {
            soort: "tabelVervormd",
            ernst: "fout",
            melding: b.bladOntbreekt(BLADEN.taakstelling, b.gevolgTaakstelling),
          },
    );
    return undefined;
  }
  const { ws, rij1, kol1, rij2, kol2 } = gebied;
  const koppen = new Map<string, number>();
  for (let k = kol1; k <= kol2; k++) {
    const i = inhoud(ws.getCell(rij1, k));
    if (i.soort === "tekst" && !koppen.has(i.waarde.trim())) koppen.set(i.waarde.trim(), k);
  }
  const ontbrekend = VERPLICHT.filter((k) => !koppen.has(k));
  const bereik = bereikTekst(gebied);
  if (ontbrekend.length > 0) {
    problemen.push({
      soort: "tabelVervormd",
      ernst: "fout",
      melding: b.kolommenOntbreken(TABELLEN.taakstelling, bereik, ontbrekend),
    });
    return undefined;
  }
  const k = (kop: string) => koppen.get(kop);
  const rijen: AanleveringRij[] = [];
  const gezien = new Set<string>();
  for (let r = rij1 + 1; r <= rij2; r++) {
    const periodeCel = ws.getCell(r, k(KOLOMMEN.periode) ?? kol1);
    const p = inhoud(periodeCel);
    if (p.soort === "leeg") continue;
    const periode = p.soort === "getal" || p.soort === "tekst" ? String(p.waarde).trim() : "";
    if (!/^\d{4}-(I|II)$/.test(periode)) {
      problemen.push({
        soort: "tabelVervormd",
        ernst: "waarschuwing",
        ...bijCel(periodeCel),
        melding: b.periodeOngeldig(plekVan(periodeCel), periode || "(formule)"),
      });
      continue;
    }
    if (gezien.has(periode)) {
      problemen.push({
        soort: "tabelVervormd",
        ernst: "fout",
        melding: b.dubbelePeriode(TABELLEN.taakstelling, periode),
      });
      return undefined;
    }
    gezien.add(periode);
    const cel = (kop: string) => {
      const kolom = k(kop);
      return kolom === undefined ? undefined : ws.getCell(r, kolom);
    };
    rijen.push({
      periode,
      rij: r,
      taakstelling: gegevenGetal(cel(KOLOMMEN.taakstelling)),
      ...rijInvoer(cel, periode, problemen),
      opgeslagen: {
        gecorrigeerd: opgeslagen(cel(KOLOMMEN.gecorrigeerd)),
        achterstand: opgeslagen(cel(KOLOMMEN.achterstand)),
        voorsprong: opgeslagen(cel(KOLOMMEN.voorsprong)),
      },
    });
  }
  return { blad: ws.name, bereik, rijen };
}

function leesStartperiode(
  wb: ExcelJS.Workbook,
  rijen: readonly AanleveringRij[] | undefined,
  problemen: Probleem[],
): string | null {
  const cel = invoerCel(wb, NAMEN.startperiode);
  if (!cel) {
    if (wb.getWorksheet(BLADEN.taakstelling))
      problemen.push({
        soort: "tabelVervormd",
        ernst: "fout",
        melding: b.invoercelOntbreekt(NAMEN.startperiode, INVOERCELLEN[NAMEN.startperiode].label),
      });
    return null;
  }
  const i = inhoud(cel);
  if (i.soort === "leeg") return null;
  const waar = bijCel(cel);
  const tekst = i.soort === "formule" ? "(formule)" : String(i.waarde).trim();
  const gevonden =
    i.soort === "tekst" && rijen?.some((r) => r.periode.toLowerCase() === i.waarde.toLowerCase());
  if (!gevonden) {
    if (rijen) {
      problemen.push({
        soort: "ongeldigeInvoer",
        ernst: "fout",
        ...waar,
        melding: b.startperiodeOngeldig(waar.plek, tekst),
      });
    }
    // Kept as typed: the workbook then computes no ledger, and neither does the consolidation.
    return i.soort === "formule" ? "(formule)" : String(i.waarde);
  }
  return String(i.waarde);
}

function leesNaam(
  wb: ExcelJS.Workbook,
  naam: InvoerNaam,
  regels: GetalRegels,
  problemen: Probleem[],
): { waarde: number | null; cel?: ExcelJS.Cell } {
  const cel = invoerCel(wb, naam);
  const plan = INVOERCELLEN[naam];
  if (!cel) {
    // A missing sheet is reported once, by its caller.
    if (wb.getWorksheet(plan.blad))
      problemen.push({
        soort: "tabelVervormd",
        ernst: "fout",
        melding: b.invoercelOntbreekt(naam, plan.label),
      });
    return { waarde: null };
  }
  return { waarde: invoerGetal(cel, plan.label, regels, problemen), cel };
}

function leesKosten(
  wb: ExcelJS.Workbook,
  problemen: Probleem[],
): { kosten: Aanlevering["kosten"]; kleinschalig: Aanlevering["kleinschalig"] } {
  const ws = wb.getWorksheet(BLADEN.kosten);
  if (!ws)
    problemen.push({
      soort: "tabelVervormd",
      ernst: "fout",
      melding: b.bladOntbreekt(BLADEN.kosten, b.gevolgKosten),
    });
  const eigen: Record<string, number | null> = {};
  const standaard: Record<string, number | null> = {};
  const gebruikt: Partial<Record<keyof KostenInvoer, Opgeslagen>> = {};
  let locatieCel: ExcelJS.Cell | undefined;
  // Standard and value used sit next to the input on the Kosten sheet.
  const K = GEMEENTE_PLEKKEN.kosten.kolommen;
  for (const [sleutel, naam] of Object.entries(KOSTEN_NAMEN) as [keyof KostenInvoer, InvoerNaam][]) {
    const geheel = sleutel === "plaatsen" || sleutel === "locaties";
    const { waarde, cel } = leesNaam(wb, naam, { geheel, grens: KOSTEN_BEREIK[sleutel].g }, problemen);
    eigen[sleutel] = waarde;
    if (sleutel === "locaties") locatieCel = cel;
    if (cel && cel.worksheet.name === BLADEN.kosten) {
      const r = Number(cel.row);
      const c = Number(cel.col);
      standaard[sleutel] = gegevenGetal(cel.worksheet.getCell(r, c + K.standaard - K.eigen));
      const o = opgeslagen(cel.worksheet.getCell(r, c + K.gebruikt - K.eigen));
      if (o) gebruikt[sleutel] = o;
    } else {
      standaard[sleutel] = null;
    }
  }
  const uitkomsten: Partial<Record<keyof typeof KOSTEN_UITKOMSTEN, Opgeslagen>> = {};
  if (ws) {
    const labels = labelCellen(ws, 40);
    for (const [sleutel, label] of Object.entries(KOSTEN_UITKOMSTEN) as [
      keyof typeof KOSTEN_UITKOMSTEN,
      string,
    ][]) {
      const o = opgeslagen(labels.get(label));
      if (o) uitkomsten[sleutel] = o;
    }
  }
  const alsInvoer = (r: Record<string, number | null>): KostenInvoer => ({
    plaatsen: r.plaatsen ?? null,
    kostenPerPlaats: r.kostenPerPlaats ?? null,
    locaties: r.locaties ?? null,
    vasteKostenPerLocatie: r.vasteKostenPerLocatie ?? null,
    bonusPerPlaats: r.bonusPerPlaats ?? null,
  });
  const e = alsInvoer(eigen);
  const s = alsInvoer(standaard);
  const plek = locatieCel ? plekVan(locatieCel) : null;
  return {
    kosten: { eigen: e, standaard: s, gebruikt, ...uitkomsten },
    kleinschalig:
      e.locaties !== null
        ? { locaties: e.locaties, herkomst: "invoer", plek }
        : s.locaties !== null
          ? { locaties: s.locaties, herkomst: "standaard", plek }
          : { locaties: null, herkomst: "geen", plek },
  };
}

function leesOpvang(wb: ExcelJS.Workbook, problemen: Probleem[]): Aanlevering["opvang"] {
  const ws = wb.getWorksheet(BLADEN.opvang);
  if (!ws) {
    problemen.push({
      soort: "tabelVervormd",
      ernst: "fout",
      melding: b.bladOntbreekt(BLADEN.opvang, b.gevolgOpvang),
    });
    return { besluit: null, doel: null, amv: null, bestaandePlaatsen: null };
  }
  // The labels above the table (its first header is "Besluit" too).
  const labels = labelCellen(ws, GEMEENTE_PLEKKEN.opvang.tabel.rij - 1);
  const { waarde } = leesNaam(
    wb,
    NAMEN.bestaandePlaatsen,
    { geheel: true, grens: BEREIK.plaatsen },
    problemen,
  );
  const tekort = opgeslagen(labels.get(OPVANG_LABELS.tekort));
  return {
    besluit: gegevenTekst(labels.get(OPVANG_LABELS.besluit)),
    doel: gegevenGetal(labels.get(OPVANG_LABELS.doel)),
    amv: gegevenGetal(labels.get(OPVANG_LABELS.amv)),
    bestaandePlaatsen: waarde,
    ...(tekort ? { tekort } : {}),
  };
}

function leesOverzicht(wb: ExcelJS.Workbook): Aanlevering["overzicht"] {
  const ws = wb.getWorksheet(BLADEN.overzicht);
  if (!ws) return {};
  const labels = labelCellen(ws, 20);
  const o = {
    achterstand: opgeslagen(labels.get(OVERZICHT_LABELS.achterstand)),
    voorsprong: opgeslagen(labels.get(OVERZICHT_LABELS.voorsprong)),
    periode: opgeslagen(labels.get(OVERZICHT_LABELS.periode)),
  };
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------------------------------------------------
// Entry points

const MB = 1024 * 1024;

/** What kind of file the check refused (for the advice that goes with it) and why, in Dutch. */
export interface PakketReden {
  readonly soort: "geenXlsx" | "wachtwoord" | "ouderFormaat" | "opendocument" | "teGroot" | "verdacht";
  /** The reason with the numbers and the limit (empty for a password or another format: the kind says it). */
  readonly reden: string;
}

/** Why the check refused a package, in Dutch with the numbers and the limit (and the option that raises it). */
export function pakketReden(bezwaar: PakketBezwaar, opties: LeesOpties = {}): PakketReden {
  const g = leesGrenzen(opties.grenzen);
  const grens = (sleutel: keyof LeesGrenzen, tekst: string) => b.grens(tekst, opties.grensOpties?.[sleutel]);
  const uit = (soort: PakketReden["soort"], reden = ""): PakketReden => ({ soort, reden });
  switch (bezwaar.soort) {
    case "geenZip":
      return uit("geenXlsx", b.pakketGeenZip);
    case "onvolledig":
      return uit("geenXlsx", b.pakketOnvolledig);
    case "beschadigd":
      return uit("geenXlsx", b.pakketBeschadigd(bezwaar.onderdeel));
    case "wachtwoord":
      return uit("wachtwoord");
    case "ouderFormaat":
      return uit("ouderFormaat");
    case "opendocument":
      return uit("opendocument");
    case "onderdelen": {
      const aantal =
        bezwaar.aantal > g.onderdelen + 1 ? b.getal(bezwaar.aantal) : `meer dan ${b.getal(g.onderdelen)}`;
      return uit("teGroot", b.pakketOnderdelen(aantal, grens("onderdelen", b.getal(g.onderdelen))));
    }
    case "omvang": {
      const mb = bezwaar.bytes / MB;
      const tekst =
        mb >= bezwaar.grens + 1 ? b.getal(Math.ceil(mb)) : `meer dan ${getalInvoer(bezwaar.grens)}`;
      const wat = bezwaar.onderdeel ? b.pakketOnderdeel(bezwaar.onderdeel) : b.pakketGeheel;
      return uit("teGroot", b.pakketOmvang(wat, tekst, grens("megabytes", `${getalInvoer(g.megabytes)} MB`)));
    }
    case "cellenBlad":
      return uit(
        "teGroot",
        b.pakketCellenBlad(bezwaar.blad, bezwaar.grens, grens("cellenPerBlad", b.getal(bezwaar.grens))),
      );
    case "cellenTotaal":
      return uit(
        "teGroot",
        b.pakketCellenTotaal(bezwaar.grens, grens("cellenTotaal", b.getal(bezwaar.grens))),
      );
    case "verhouding":
      return uit(
        "verdacht",
        b.pakketVerhouding(
          bezwaar.onderdeel,
          Math.floor(bezwaar.verhouding),
          grens("verhouding", `${b.getal(bezwaar.grens)} keer`),
        ),
      );
    case "groterDanOpgegeven":
      return uit("verdacht", b.pakketGroterDanOpgegeven(bezwaar.onderdeel, bezwaar.opgegeven));
    case "entiteiten":
      return uit("verdacht", b.pakketEntiteiten(bezwaar.onderdeel));
  }
}

/** The finding for a delivery the check refuses, in Dutch with the numbers and the limit. */
export function pakketProbleem(bezwaar: PakketBezwaar, opties: LeesOpties = {}): Probleem {
  const { soort, reden } = pakketReden(bezwaar, opties);
  const fout = (s: Probleem["soort"], melding: string): Probleem => ({ soort: s, ernst: "fout", melding });
  switch (soort) {
    case "geenXlsx":
      return fout("geenXlsx", b.geenXlsx(reden));
    case "wachtwoord":
      return fout("geenXlsx", b.wachtwoord);
    case "ouderFormaat":
      return fout("geenXlsx", b.ouderFormaat);
    case "opendocument":
      return fout("geenXlsx", b.opendocument);
    case "teGroot":
      return fout("onleesbaar", b.teGroot(reden));
    case "verdacht":
      return fout("geenXlsx", b.verdacht(reden));
  }
}

/** An Aanlevering for a file that could not even be opened (the CLI: not found, no permission, …). */
export function onleesbareAanlevering(naam: string, reden: string): Aanlevering {
  return onbruikbareAanlevering(naam, [{ soort: "onleesbaar", ernst: "fout", melding: b.onleesbaar(reden) }]);
}

/**
 * The workbook in `data`, loaded by exceljs after the package check, or the finding that refuses it. The check
 * inflated every part: exceljs's parsers get them as they are (./exceljsLaden), none inflated twice.
 */
async function geladen(
  data: Uint8Array | ArrayBuffer,
  opties: LeesOpties,
): Promise<{ wb: ExcelJS.Workbook } | { probleem: Probleem }> {
  const pakket = controleerPakket(data, opties.grenzen, { delen: true });
  if (!pakket.ok) return { probleem: pakketProbleem(pakket.bezwaar, opties) };
  const wb = new ExcelJS.Workbook();
  try {
    if (pakket.delen) await laadDelen(wb, pakket.delen);
    else await wb.xlsx.load(data as ArrayBuffer);
    return { wb };
  } catch (e) {
    const engels = e instanceof Error ? e.message.split("\n")[0] || e.name : String(e);
    const detail = bibliotheekFoutTekst(engels);
    return { probleem: { soort: "geenXlsx", ernst: "fout", melding: b.geenXlsx(detail) } };
  }
}

/**
 * What an Opgave workbook is for (its Bron "Onderwerp"), read alone: the consolidation looks at its target before
 * it reads 10–60 files (a gemeente's workbook never becomes an overview). Undefined for a file that is no readable
 * Opgave workbook: the writer says why, when it gets there.
 */
export async function leesOnderwerpVan(
  data: Uint8Array,
  opties: LeesOpties = {},
): Promise<Onderwerp | undefined> {
  const l = await geladen(data, opties);
  if ("probleem" in l) return undefined;
  try {
    return leesBron(l.wb, opties).onderwerp;
  } catch {
    return undefined;
  }
}

/** Reads one gemeente workbook. Never throws for a bad file: see `problemen`. */
export async function leesAanlevering(
  naam: string,
  data: Uint8Array | ArrayBuffer,
  opties: LeesOpties = {},
): Promise<Aanlevering> {
  const l = await geladen(data, opties);
  if ("probleem" in l) return onbruikbareAanlevering(naam, [l.probleem]);
  try {
    return leesWerkboek(naam, l.wb, opties);
  } catch (e) {
    // A workbook shaped so oddly that reading it fails: still a finding, never a crash.
    const detail = e instanceof Error ? e.message : String(e);
    return onbruikbareAanlevering(naam, [
      { soort: "onbekendeVersie", ernst: "fout", melding: b.onbekendeVersie(detail) },
    ]);
  }
}

/**
 * A moment in Bron ("Gevuld op") as an ISO UTC string: a date cell (exceljs gives a Date of the Dutch wall-clock
 * time, its fields as UTC), a date serial (a cell without a date format) or, in files from before dates, the ISO
 * text itself.
 */
function tijdstipVan(cel: ExcelJS.Cell | undefined): string | null {
  if (!cel) return null;
  const v = isFormuleWaarde(cel.value) ? (cel.result as ExcelJS.CellValue | undefined) : cel.value;
  if (v instanceof Date || typeof v === "number") return isoUitExcel(v) ?? null;
  const tekst = gegevenTekst(cel);
  return tekst === null ? null : tekst.trim();
}

/**
 * Bron: is this an Opgave workbook, of which layout, for whom? The subject and provenance of a gemeente workbook
 * this version reads, else the problem that makes the file unusable (with what could be read).
 */
function leesBron(
  wb: ExcelJS.Workbook,
  opties: LeesOpties,
):
  | { readonly onderwerp: Onderwerp; readonly bron: BronGegevens }
  | { readonly probleem: Probleem; readonly onderwerp?: Onderwerp; readonly bron?: BronGegevens } {
  const bronBlad = wb.getWorksheet(BLADEN.bron);
  if (!bronBlad) {
    return {
      probleem: { soort: "geenOpgave", ernst: "fout", melding: b.geenOpgave(`geen blad "${BLADEN.bron}"`) },
    };
  }
  const L = BRON_LABELS;
  const labels = labelCellen(bronBlad, 40);
  const onderwerpTekst = gegevenTekst(labels.get(L.onderwerp));
  if (onderwerpTekst === null || !labels.has(L.dataset)) {
    return {
      probleem: {
        soort: "geenOpgave",
        ernst: "fout",
        melding: b.geenOpgave(`blad "${BLADEN.bron}" zonder "${L.onderwerp}"`),
      },
    };
  }
  const tekst = (l: string) => gegevenTekst(labels.get(l));
  const bron: BronGegevens = {
    datasetId: tekst(L.dataset),
    versie: tekst(L.versie),
    datum: tekst(L.datum),
    hash: tekst(L.hash),
    bronUrl: tekst(L.bronUrl),
    addinVersie: tekst(L.addinVersie),
    gevuldOp: tijdstipVan(labels.get(L.gevuldOp)),
  };
  const ontbrekendeLabels = VEREISTE_BRON_LABELS.filter((l) => !labels.has(l));
  const onderwerp = leesOnderwerp(onderwerpTekst);
  if (!onderwerp || ontbrekendeLabels.length > 0) {
    const detail = !onderwerp
      ? `onderwerp "${onderwerpTekst}" niet herkend`
      : `blad ${BLADEN.bron} mist ${ontbrekendeLabels.map((l) => `"${l}"`).join(", ")}`;
    return {
      probleem: { soort: "onbekendeVersie", ernst: "fout", melding: b.onbekendeVersie(detail) },
      bron,
    };
  }
  const hoofd = hoofdversie(bron.addinVersie);
  const max = opties.hoofdversie ?? LEESBARE_HOOFDVERSIE;
  // A version without a number ("dev", "onbekend": a development build) is read; the layout check above decides.
  if (hoofd !== undefined && hoofd > max) {
    const detail = `gemaakt met Opgave ${bron.addinVersie ?? "(versie onbekend)"}; deze versie leest tot en met ${max}.x`;
    return {
      probleem: { soort: "onbekendeVersie", ernst: "fout", melding: b.onbekendeVersie(detail) },
      onderwerp,
      bron,
    };
  }
  if (onderwerp.soort !== "gemeente") {
    const melding = b.geenGemeentewerkboek(onderwerpZin(onderwerp.tekst));
    return { probleem: { soort: "geenGemeentewerkboek", ernst: "fout", melding }, onderwerp, bron };
  }
  return { onderwerp, bron };
}

function leesWerkboek(naam: string, wb: ExcelJS.Workbook, opties: LeesOpties): Aanlevering {
  const kop = leesBron(wb, opties);
  if ("probleem" in kop) {
    const { probleem, ...extra } = kop;
    return onbruikbareAanlevering(naam, [probleem], extra);
  }
  const problemen: Probleem[] = [];
  const taakstelling = leesTaakstelling(wb, problemen);
  const startperiode = leesStartperiode(wb, taakstelling?.rijen, problemen);
  const gemeld = problemen.length;
  const beginsaldo = leesNaam(
    wb,
    NAMEN.beginsaldo,
    { geheel: true, negatiefToegestaan: true, grens: BEREIK.beginsaldo },
    problemen,
  ).waarde;
  // Not empty but no usable number (each such case is a finding): the ledger has no start.
  const beginsaldoOnbekend = beginsaldo === null && problemen.length > gemeld;
  const opvang = leesOpvang(wb, problemen);
  const { kosten, kleinschalig } = leesKosten(wb, problemen);
  return {
    bestand: naam,
    bruikbaar: true,
    onderwerp: kop.onderwerp,
    bron: kop.bron,
    ...(taakstelling ? { taakstelling } : {}),
    startperiode,
    beginsaldo,
    ...(beginsaldoOnbekend ? { beginsaldoOnbekend: true as const } : {}),
    opvang,
    kosten,
    kleinschalig,
    overzicht: leesOverzicht(wb),
    problemen,
  };
}
