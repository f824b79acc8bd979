/**
 * Applies a workbook plan (./plan) to an .xlsx file with exceljs. Runs in Node (CLI `opgave vul`) and in the
 * browser (task pane download): no Node-only APIs here.
 *
 * Refill (`bestaand` given): the existing workbook is loaded and only what the plan owns is rewritten.
 * - A plan table is found by its Excel table name (anywhere in the workbook); when the file has no such table
 *   (e.g. a spreadsheet program saved it as a plain range) it is found by its header row at the plan's start
 *   cell (the key column's header must be there). Its rows are merged with `samenvoegenTabel`: user input (input
 *   columns, the user's own extra columns, rows whose key disappeared) is kept exactly as it was — the original
 *   cell, so a formula or date the user typed stays a formula or date — and plan values and formulas are rewritten.
 * - A table edited out of shape (key or input column renamed or removed, duplicate keys, or the new size would
 *   overwrite cells the user filled next to it) is skipped and reported, never overwritten.
 * - Named input cells (workbook defined names) keep a non-empty user value (`samenvoegenInvoer`).
 * - Sheets not in the plan and cells outside the plan are not touched. Plan blocks are rewritten; a changed plan
 *   value is reported as a change, and so is a table row that appears or goes (rows with user input whose key
 *   disappeared are kept at the end of the table and reported as orphans).
 * - Column widths are set only where the sheet has none yet.
 * - Strings are always written as text (a feed string "=HYPERLINK(…)" stays text); formulas only come from
 *   `Formule` objects. The workbook is marked for a full recalculation on open.
 * - exceljs drops parts it does not understand (charts the user made, pivot tables, …): when the existing file
 *   has any, the writer refuses (VerliesFout) unless `verliesToestaan` is set — nothing is lost without the user
 *   confirming.
 * Charts of the plan are injected after exceljs has written the file (./xlsxOnderdelen).
 */
import ExcelJS from "exceljs";
import {
  isFormule,
  kolomLetters,
  type BladPlan,
  type Cel,
  type Kolom,
  type Positie,
  type TabelPlan,
  type VulRapport,
  type Waarde,
  type WerkboekPlan,
  decodeerBereik,
} from "./plan";
import {
  isLeeg,
  samenvoegenInvoer,
  samenvoegenTabel,
  type BestaandeTabel,
  type Wijziging,
} from "./samenvoegen";
import { verliesBijHerschrijven, voegGrafiekenToe, type GrafiekSpec } from "./xlsxOnderdelen";

export interface XlsxRapport extends VulRapport {
  /** Dutch reasons for tables that were not updated. */
  readonly overgeslagen: string[];
}

export interface SchrijfOpties {
  /** The user confirmed that parts exceljs cannot keep (their own charts, pivot tables, …) may be lost. */
  readonly verliesToestaan?: boolean;
}

/** The existing workbook has parts a rewrite would drop; the user must confirm first. */
export class VerliesFout extends Error {
  constructor(readonly onderdelen: readonly string[]) {
    super(
      `Het werkboek bevat onderdelen die Opgave bij opnieuw vullen niet kan bewaren: ${onderdelen.join(", ")}. ` +
        "Vul het werkboek opnieuw met de invoegtoepassing in Excel, of bevestig dat deze onderdelen verloren mogen gaan.",
    );
    this.name = "VerliesFout";
  }
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

/** An exceljs cell value as a plain value (formulas as their cached result). */
export function waardeVan(v: ExcelJS.CellValue | undefined): Waarde {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as { result?: unknown }).result;
      if (r === undefined || r === null) {
        // A formula without a cached value still is something the user entered.
        return `=${"formula" in v ? v.formula : v.sharedFormula}`;
      }
      return waardeVan(r as ExcelJS.CellValue);
    }
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("hyperlink" in v) return String((v as { text?: unknown }).text ?? v.hyperlink);
    if ("error" in v) return String(v.error);
  }
  return String(v);
}

/**
 * The plain value of a cell. For a formula the cached result is read from `cell.result`: exceljs's
 * `cell.value` leaves out a result of 0.
 */
export function celWaarde(cel: ExcelJS.Cell): Waarde {
  const v = cel.value;
  if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
    return waardeVan({ ...v, result: cel.result } as ExcelJS.CellValue);
  }
  return waardeVan(v);
}

function celNaarExcel(c: Cel): ExcelJS.CellValue {
  if (isFormule(c)) return { formula: c.formule.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
  // A string is a string: exceljs writes it as a shared string, never as a formula.
  return c;
}

/** The original cell, with a shared formula made into a plain one (its master may move). */
function rauw(cel: ExcelJS.Cell): RauweCel {
  let value = cel.value;
  if (value && typeof value === "object" && ("sharedFormula" in value || "formula" in value)) {
    value = { formula: cel.formula, result: cel.result } as ExcelJS.CellFormulaValue;
  }
  return { value, style: JSON.parse(JSON.stringify(cel.style ?? {})) as Partial<ExcelJS.Style> };
}

// ---------------------------------------------------------------------------------------------------------
// Reading an existing table

interface GelezenTabel {
  readonly gebied: Gebied;
  readonly bestaand: BestaandeTabel;
  /** Original cells by data row index and header. */
  readonly rauw: readonly Map<string, RauweCel>[];
  readonly excelTabel: boolean;
}

function tabelRef(t: ExcelJS.Table): string | undefined {
  const model = ((t as unknown as { table?: { tableRef?: string; ref?: string } }).table ?? {}) as {
    tableRef?: string;
    ref?: string;
  };
  return model.tableRef ?? model.ref;
}

function tabellenVan(ws: ExcelJS.Worksheet): Record<string, ExcelJS.Table> {
  return (ws as unknown as { tables: Record<string, ExcelJS.Table> }).tables;
}

function leesGebied(ws: ExcelJS.Worksheet, g: Gebied, excelTabel: boolean): GelezenTabel {
  const koppen: string[] = [];
  for (let k = g.kol1; k <= g.kol2; k++) koppen.push(String(celWaarde(ws.getCell(g.rij1, k)) ?? "").trim());
  const rijen: Waarde[][] = [];
  const rauwe: Map<string, RauweCel>[] = [];
  for (let r = g.rij1 + 1; r <= g.rij2; r++) {
    const rij: Waarde[] = [];
    const m = new Map<string, RauweCel>();
    for (let k = g.kol1; k <= g.kol2; k++) {
      const cel = ws.getCell(r, k);
      rij.push(celWaarde(cel));
      const kop = koppen[k - g.kol1] ?? "";
      if (!m.has(kop)) m.set(kop, rauw(cel));
    }
    rijen.push(rij);
    rauwe.push(m);
  }
  return { gebied: g, bestaand: { koppen, rijen }, rauw: rauwe, excelTabel };
}

/** Find the plan table: by Excel table name, else by its header row at the plan's start. */
function zoekTabel(
  wb: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet | undefined,
  plan: TabelPlan,
): { gevonden?: GelezenTabel; elders?: string } {
  for (const blad of wb.worksheets) {
    const t = tabellenVan(blad)[plan.naam];
    if (!t) continue;
    if (!ws || blad.name !== ws.name) return { elders: blad.name };
    const ref = tabelRef(t);
    const d = ref ? decodeerBereik(ref) : undefined;
    if (d) return { gevonden: leesGebied(ws, { blad: ws.name, ...d }, true) };
  }
  if (!ws) return {};
  // Fallback: the header row at the plan's start position (a file saved without table parts).
  const { rij, kolom } = plan.start;
  const sleutelKop = plan.kolommen.find((k) => k.sleutel === plan.sleutelKolom)?.kop ?? "";
  let kol2 = kolom - 1;
  while (!isLeeg(celWaarde(ws.getCell(rij, kol2 + 1)))) kol2++;
  if (kol2 < kolom) return {};
  const koppen: string[] = [];
  for (let k = kolom; k <= kol2; k++) koppen.push(String(celWaarde(ws.getCell(rij, k))).trim());
  const sleutelIndex = koppen.indexOf(sleutelKop);
  if (sleutelIndex < 0) return {};
  let rij2 = rij;
  while (!isLeeg(celWaarde(ws.getCell(rij2 + 1, kolom + sleutelIndex)))) rij2++;
  return { gevonden: leesGebied(ws, { blad: ws.name, rij1: rij, kol1: kolom, rij2, kol2 }, false) };
}

// ---------------------------------------------------------------------------------------------------------
// Writing

function zetNotatie(cel: ExcelJS.Cell, notatie: string | undefined): void {
  if (notatie) cel.numFmt = notatie;
}

function markeerInvoer(cel: ExcelJS.Cell): void {
  cel.fill = { type: "pattern", pattern: "solid", fgColor: { argb: INVOER_KLEUR } };
}

function leegCel(cel: ExcelJS.Cell): void {
  cel.value = null;
  cel.style = {};
}

function gelijk(a: Waarde, b: Waarde): boolean {
  if (isLeeg(a) && isLeeg(b)) return true;
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9;
  return a === b;
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

class Schrijver {
  readonly wijzigingen: Wijziging[] = [];
  readonly nieuweBladen: string[] = [];
  readonly overgeslagen: string[] = [];
  readonly verweesd: { tabel: string; sleutel: string }[] = [];
  invoerBehouden = 0;
  readonly tabellen = new Map<string, GeschrevenTabel>();

  constructor(private readonly wb: ExcelJS.Workbook) {}

  blad(plan: BladPlan): void {
    let ws = this.wb.getWorksheet(plan.naam);
    const bestond = !!ws;
    if (!ws) {
      ws = this.wb.addWorksheet(plan.naam);
      this.nieuweBladen.push(plan.naam);
    }
    const eigen = planGebieden(plan);

    // Tables first: read and merge them before any plan cell is written.
    const tabelWerk = plan.tabellen.map((t) => this.bereidTabel(ws, t, eigen));

    // Changed plan values in blocks, compared with the workbook as it was.
    if (bestond) {
      for (const b of plan.blokken) {
        b.cellen.forEach((rij, i) =>
          rij.forEach((c, j) => {
            if (isFormule(c)) return;
            const cel = ws.getCell(b.start.rij + i, b.start.kolom + j);
            const oud = celWaarde(cel);
            if (!gelijk(oud, c))
              this.wijzigingen.push({ plek: `${plan.naam}!${cel.address}`, oud, nieuw: c });
          }),
        );
      }
    }
    for (const werk of tabelWerk) werk?.wis();

    for (const b of plan.blokken) {
      b.cellen.forEach((rij, i) =>
        rij.forEach((c, j) => {
          const cel = ws.getCell(b.start.rij + i, b.start.kolom + j);
          cel.value = celNaarExcel(c);
          zetNotatie(cel, b.notaties?.[j]);
          if (b.kop && i === 0) cel.font = b.start.rij === 1 ? { bold: true, size: 14 } : { bold: true };
        }),
      );
    }

    for (const inv of plan.invoercellen) this.invoerCel(ws, inv);
    for (const werk of tabelWerk) werk?.schrijf();

    // Column widths: only where none is set yet (a width the user chose stays).
    const breedtes = new Map<number, number>(
      Object.entries(plan.breedtes ?? {}).map(([k, v]) => [Number(k), v]),
    );
    for (const t of plan.tabellen) {
      t.kolommen.forEach((k, i) => {
        if (k.breedte && !breedtes.has(t.start.kolom + i)) breedtes.set(t.start.kolom + i, k.breedte);
      });
    }
    for (const [k, b] of breedtes) {
      const kolom = ws.getColumn(k);
      if (!bestond || kolom.width === undefined) kolom.width = b;
    }
  }

  private invoerCel(ws: ExcelJS.Worksheet, inv: BladPlan["invoercellen"][number]): void {
    // Where the defined name points now (the user may have kept it elsewhere), else the plan position.
    let bron: ExcelJS.Cell | undefined;
    const bereiken = this.wb.definedNames.getRanges(inv.naam)?.ranges ?? [];
    const m = bereiken.length === 1 ? /^'?(.+?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(bereiken[0] ?? "") : null;
    if (m) {
      const blad = this.wb.getWorksheet((m[1] ?? "").replace(/''/g, "'"));
      if (blad) bron = blad.getCell(`${m[2]}${m[3]}`);
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
      cel.value = oud.value;
      if (bron !== cel) cel.style = oud.style;
    } else {
      cel.value = waarde;
    }
    zetNotatie(cel, inv.notatie);
    markeerInvoer(cel);
    this.wb.definedNames.removeAllNames(inv.naam);
    this.wb.definedNames.add(
      `${bladNaamRef(ws.name)}!$${kolomLetters(inv.positie.kolom)}$${inv.positie.rij}`,
      inv.naam,
    );
  }

  /** Reads and merges one table; returns the steps that clear the old and write the new table, or undefined when the table is skipped. */
  private bereidTabel(
    ws: ExcelJS.Worksheet,
    plan: TabelPlan,
    eigen: readonly Gebied[],
  ): { wis: () => void; schrijf: () => void } | undefined {
    const { gevonden, elders } = zoekTabel(this.wb, ws, plan);
    if (elders !== undefined) {
      this.overgeslagen.push(
        `tabel ${plan.naam} staat op blad "${elders}" in plaats van "${ws.name}"; niet bijgewerkt`,
      );
      return undefined;
    }
    if (gevonden) {
      const sleutelKop = plan.kolommen.find((k) => k.sleutel === plan.sleutelKolom)?.kop ?? "";
      const si = gevonden.bestaand.koppen.indexOf(sleutelKop);
      if (si >= 0) {
        const gezien = new Set<string>();
        for (const r of gevonden.bestaand.rijen) {
          const s = isLeeg(r[si] ?? null) ? "" : String(r[si]).trim();
          if (s === "") continue;
          if (gezien.has(s)) {
            this.overgeslagen.push(
              `tabel ${plan.naam} bevat de sleutel "${s}" meer dan eens; niet bijgewerkt`,
            );
            return undefined;
          }
          gezien.add(s);
        }
      }
    }
    const uitkomst = samenvoegenTabel(plan, gevonden?.bestaand);
    if (uitkomst.soort === "overgeslagen") {
      this.overgeslagen.push(uitkomst.reden);
      return undefined;
    }
    const rijen =
      uitkomst.rijen.length > 0 ? uitkomst.rijen.map((r) => [...r]) : [uitkomst.kolommen.map(() => null)];
    const heeftTotaal = !!plan.totaal;
    const nieuw: Gebied = {
      blad: ws.name,
      rij1: plan.start.rij,
      kol1: plan.start.kolom,
      rij2: plan.start.rij + rijen.length + (heeftTotaal ? 1 : 0),
      kol2: plan.start.kolom + uitkomst.kolommen.length - 1,
    };
    const oud: Gebied | undefined = gevonden
      ? { ...gevonden.gebied, rij2: gevonden.gebied.rij2 + (heeftTotaal ? 1 : 0) }
      : undefined;
    // Never grow over cells the user filled next to the table.
    for (let r = nieuw.rij1; r <= nieuw.rij2; r++) {
      for (let k = nieuw.kol1; k <= nieuw.kol2; k++) {
        if (binnen(oud, ws.name, r, k) || eigen.some((g) => binnen(g, ws.name, r, k))) continue;
        if (!isLeeg(celWaarde(ws.getCell(r, k)))) {
          this.overgeslagen.push(
            `tabel ${plan.naam} zou cel ${ws.name}!${ws.getCell(r, k).address} overschrijven (daar staat iets van u); niet bijgewerkt`,
          );
          return undefined;
        }
      }
    }

    this.wijzigingen.push(...uitkomst.wijzigingen);
    // Rows that appear or go (without user input: those are kept as orphans) are changes too.
    if (gevonden) {
      const si = gevonden.bestaand.koppen.indexOf(sleutelKop(plan));
      const oudeSleutels = new Set(
        gevonden.bestaand.rijen.map((r) => sleutelTekst(r[si])).filter((s) => s !== ""),
      );
      const planSleutels = new Set(plan.rijen.map((r) => sleutelTekst(r[sleutelIndexVan(plan)] as Waarde)));
      for (const s of planSleutels) {
        if (!oudeSleutels.has(s))
          this.wijzigingen.push({ plek: `${plan.naam} ${s}: nieuwe rij`, oud: null, nieuw: s });
      }
      for (const s of oudeSleutels) {
        if (!planSleutels.has(s) && !uitkomst.verweesd.includes(s)) {
          this.wijzigingen.push({ plek: `${plan.naam} ${s}: rij vervalt`, oud: s, nieuw: null });
        }
      }
    }
    this.invoerBehouden += uitkomst.invoerBehouden;
    for (const s of uitkomst.verweesd) this.verweesd.push({ tabel: plan.naam, sleutel: s });

    // Original cells of the user input that the merge kept, by merged row.
    const sleutelIndex = plan.kolommen.findIndex((k) => k.sleutel === plan.sleutelKolom);
    const oudeIndex = new Map<string, number>();
    if (gevonden) {
      const si = gevonden.bestaand.koppen.indexOf(plan.kolommen[sleutelIndex]?.kop ?? "");
      gevonden.bestaand.rijen.forEach((r, i) => {
        const s = isLeeg(r[si] ?? null) ? "" : String(r[si]).trim();
        if (s !== "" && !oudeIndex.has(s)) oudeIndex.set(s, i);
      });
    }

    const wis = () => {
      if (!gevonden || !oud) return;
      if (gevonden.excelTabel) ws.removeTable(plan.naam);
      for (let r = oud.rij1; r <= oud.rij2; r++) {
        for (let k = oud.kol1; k <= oud.kol2; k++) leegCel(ws.getCell(r, k));
      }
    };
    const schrijf = () => {
      const kolommen = uitkomst.kolommen;
      ws.addTable({
        name: plan.naam,
        displayName: plan.naam,
        ref: `${kolomLetters(plan.start.kolom)}${plan.start.rij}`,
        headerRow: true,
        totalsRow: false,
        style: { theme: TABEL_STIJL, showRowStripes: true },
        columns: kolommen.map((k) => ({ name: k.kop, filterButton: true })),
        rows: rijen.map((r) => r.map(celNaarExcel)),
      } as ExcelJS.TableProperties);
      rijen.forEach((rij, i) => {
        const sleutel = rij[sleutelIndex];
        const oudI = isLeeg(sleutel as Waarde) ? undefined : oudeIndex.get(String(sleutel).trim());
        const wees = i >= plan.rijen.length;
        kolommen.forEach((k, j) => {
          const cel = ws.getCell(plan.start.rij + 1 + i, plan.start.kolom + j);
          zetNotatie(cel, k.notatie);
          if (k.soort === "invoer") markeerInvoer(cel);
          if (oudI === undefined || !gevonden) return;
          const rauwe = gevonden.rauw[oudI]?.get(k.kop);
          if (!rauwe) return;
          const uitOud = k.soort === "invoer" || (wees && k.soort !== "formule");
          if (uitOud && !isLeeg(waardeVan(rauwe.value))) {
            // The user's cell as it was: value (or formula) and formatting.
            cel.value = rauwe.value;
            cel.style = rauwe.style;
          }
        });
      });
      if (plan.totaal) {
        const r = plan.start.rij + 1 + rijen.length;
        plan.totaal.forEach((c, j) => {
          const cel = ws.getCell(r, plan.start.kolom + j);
          cel.value = celNaarExcel(c);
          zetNotatie(cel, plan.kolommen[j]?.notatie);
          cel.font = { bold: true };
          cel.border = { top: { style: "thin" } };
        });
      }
      this.tabellen.set(plan.naam, {
        blad: ws.name,
        start: plan.start,
        kolommen,
        rijen,
        aantalRijen: rijen.length,
      });
    };
    return { wis, schrijf };
  }
}

function sleutelTekst(w: Waarde | undefined): string {
  return w === null || w === undefined ? "" : String(w).trim();
}

function sleutelIndexVan(plan: TabelPlan): number {
  return plan.kolommen.findIndex((k) => k.sleutel === plan.sleutelKolom);
}

function sleutelKop(plan: TabelPlan): string {
  return plan.kolommen[sleutelIndexVan(plan)]?.kop ?? "";
}

function bladNaamRef(blad: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(blad) ? blad : `'${blad.replace(/'/g, "''")}'`;
}

function grafiekSpecs(plan: WerkboekPlan, tabellen: ReadonlyMap<string, GeschrevenTabel>): GrafiekSpec[] {
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
        return `${bladNaamRef(t.blad)}!$${l}$${r1}${r2 > r1 ? `:$${l}$${r2}` : ""}`;
      };
      const eerste = t.start.rij + 1;
      const laatste = t.start.rij + n;
      const ci = kolom(g.categorieKolom);
      if (ci < 0) continue;
      const reeksen = g.reeksKolommen
        .map((s) => kolom(s))
        .filter((j) => j >= 0)
        .map((j) => ({
          naamRef: ref(j, t.start.rij, t.start.rij),
          naam: t.kolommen[j]?.kop ?? "",
          ref: ref(j, eerste, laatste),
          waarden: t.rijen.slice(0, n).map((r) => {
            const w = r[j];
            return typeof w === "number" ? w : null;
          }),
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

/**
 * Writes the plan into a new workbook, or refills `bestaand` (an .xlsx file) keeping every user input.
 * @throws VerliesFout when `bestaand` holds parts exceljs cannot keep and `opties.verliesToestaan` is not set.
 */
export async function schrijfXlsx(
  plan: WerkboekPlan,
  bestaand?: Uint8Array | ArrayBuffer,
  opties: SchrijfOpties = {},
): Promise<{ data: Uint8Array; rapport: XlsxRapport }> {
  const wb = new ExcelJS.Workbook();
  if (bestaand) {
    const verlies = await verliesBijHerschrijven(bestaand);
    if (verlies.length > 0 && !opties.verliesToestaan) throw new VerliesFout(verlies);
    await wb.xlsx.load(bestaand as ArrayBuffer);
  } else {
    wb.creator = "Opgave";
  }
  wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };

  const schrijver = new Schrijver(wb);
  for (const blad of plan.bladen) schrijver.blad(blad);

  const ruw = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const data = await voegGrafiekenToe(ruw, grafiekSpecs(plan, schrijver.tabellen));
  return {
    data,
    rapport: {
      nieuweBladen: schrijver.nieuweBladen,
      wijzigingen: schrijver.wijzigingen,
      invoerBehouden: schrijver.invoerBehouden,
      verweesd: schrijver.verweesd,
      overgeslagen: schrijver.overgeslagen,
    },
  };
}
