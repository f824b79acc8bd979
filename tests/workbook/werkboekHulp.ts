/** Small exceljs helpers shared by the workbook tests (reading back what the writers made). */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { BronInfo } from "../../src/workbook/bouwPlan";
import { kolomNummer } from "../../src/workbook/a1";
import { verplaatsFormule, verplaatsRij, type Verplaatsing } from "../../src/workbook/kolomVerplaatsing";
import { isFormule, type TabelPlan, type WerkboekPlan } from "../../src/workbook/plan";

/** A fixed Bron block for workbooks written in tests (fixed timestamp, no feed). */
export const TEST_BRON: BronInfo = {
  datasetId: "opgave-standaard",
  versie: "2026.12.01",
  datum: "2026-12-01",
  hash: "abc123",
  addinVersie: "0.1.0",
  gemaakt: "2026-12-01T10:00:00Z",
};

export async function leesXlsx(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

export async function bewaarXlsx(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export function blad(wb: ExcelJS.Workbook, naam: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(naam);
  if (!ws) throw new Error(`blad ${naam} ontbreekt`);
  return ws;
}

/** Sheet row of a period in the Taakstelling table (A8…). */
export function rijVan(ws: ExcelJS.Worksheet, periode: string): number {
  for (let r = 8; r < 60; r++) if (ws.getCell(r, 1).value === periode) return r;
  throw new Error(`periode ${periode} niet gevonden`);
}

/** "A7:K27" of an Excel table, as exceljs read it. */
export function tabelRef(ws: ExcelJS.Worksheet, naam: string): string | undefined {
  const t = (ws as unknown as { tables: Record<string, { table: { tableRef?: string } }> }).tables[naam];
  return t?.table.tableRef;
}

/**
 * `plan` as a dataset without one row of table `tabel` would make it (a herindeling between two datasets): the row
 * of key `sleutel` left out, each later row's formulas one row up (as the plan writes them for its own row).
 */
export function zonderRij(plan: WerkboekPlan, tabel: string, sleutel: string): WerkboekPlan {
  return {
    ...plan,
    bladen: plan.bladen.map((b) => ({
      ...b,
      tabellen: b.tabellen.map((t) => {
        if (t.naam !== tabel) return t;
        const weg = t.rijen.findIndex((r) => r.includes(sleutel));
        if (weg < 0) throw new Error(`${sleutel} staat niet in ${tabel}`);
        const eerste = t.start.rij + 1;
        const rijen = t.rijen
          .filter((_, i) => i !== weg)
          .map((r, i) =>
            i < weg
              ? r
              : r.map((c) =>
                  isFormule(c) ? { formule: verplaatsRij(c.formule, b.naam, eerste + i + 1, eerste + i) } : c,
                ),
          );
        return { ...t, rijen };
      }),
    })),
  };
}

/**
 * A small keyed table of gemeenten (GM000n) for the merge's tests: header in row 8 (A–D: Code, Taakstelling,
 * Gehuisvest, Achterstand), data from row 9, each row's formula on its own row; with `totaal` a totals row.
 */
export function gemeentenTabel(nummers: readonly number[], totaal = false): TabelPlan {
  return {
    naam: "Opgave_Gemeenten",
    start: { rij: 8, kolom: 1 },
    sleutelKolom: "code",
    kolommen: [
      { sleutel: "code", kop: "Code", soort: "gegeven" },
      { sleutel: "taakstelling", kop: "Taakstelling", soort: "gegeven" },
      { sleutel: "gehuisvest", kop: "Gehuisvest", soort: "invoer" },
      { sleutel: "achterstand", kop: "Achterstand", soort: "formule" },
    ],
    rijen: nummers.map((n, i) => [`GM000${n}`, 10 * n, null, { formule: `=MAX(B${9 + i}-C${9 + i},0)` }]),
    ...(totaal ? { totaal: ["Totaal", { formule: "=SUM(B9:B12)" }, null, null] } : {}),
  };
}

interface TabelModel {
  tableRef: string;
  autoFilterRef?: string;
  columns: { name: string }[];
}

/**
 * Inserts an empty sheet column at `kolom` (1-based) of sheet `naam`, as Excel's Insert > Sheet Columns does (and
 * LibreOffice's): every cell from that column on moves one to the right, with its format and note, and so do the
 * column widths, the defined names (exceljs), the sheet's tables (one the column falls inside gets it as a column
 * headed `kop`), conditional formats and validations (ranges and formulas); every A1 reference in any sheet's
 * formulas to a cell that moved follows it (`=Taakstelling!I10` → `=Taakstelling!J10`; a range across the column
 * grows). exceljs does the cells and names only; without the rest a test would refill a file no Excel writes.
 */
export function voegBladKolomIn(wb: ExcelJS.Workbook, naam: string, kolom: number, kop: string): void {
  const ws = blad(wb, naam);
  const kolommen = new Map<number, number>();
  for (let k = kolom; k <= Math.max(kolom, ws.columnCount) + 1; k++) kolommen.set(k, k + 1);
  const v: Verplaatsing[] = [{ blad: ws.name, vanafRij: 1, kolommen }];
  const schuif = (f: string, op: string) => verplaatsFormule(f, op, v);
  const schuifRef = (ref: string) => ref.replace(/\$?[A-Z]{1,3}\$?\d+/g, (c) => schuif(c, ws.name));
  ws.spliceColumns(kolom, 0, []);
  for (const w of wb.worksheets) {
    w.eachRow((rij) =>
      rij.eachCell((cel) => {
        const waarde = cel.value as ExcelJS.CellFormulaValue | null;
        if (waarde && typeof waarde === "object" && "sharedFormula" in waarde)
          throw new Error(`gedeelde formule in ${w.name}!${cel.address}: niet nagebootst`);
        if (waarde && typeof waarde === "object" && typeof waarde.formula === "string")
          cel.value = { ...waarde, formula: schuif(waarde.formula, w.name) };
      }),
    );
  }
  for (const t of Object.values(
    (ws as unknown as { tables: Record<string, { table: TabelModel }> }).tables,
  )) {
    const [, l1 = "", r1 = "", l2 = ""] = /^([A-Z]+)(\d+):([A-Z]+)\d+$/.exec(t.table.tableRef) ?? [];
    const [eerste, laatste] = [kolomNummer(l1), kolomNummer(l2)];
    if (kolom > laatste) continue;
    if (kolom > eerste) {
      t.table.columns.splice(kolom - eerste, 0, { name: kop });
      ws.getCell(Number(r1), kolom).value = kop;
    }
    t.table.tableRef = schuifRef(t.table.tableRef);
    if (t.table.autoFilterRef) t.table.autoFilterRef = schuifRef(t.table.autoFilterRef);
  }
  const cf = (
    ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }
  ).conditionalFormattings;
  for (const c of cf) {
    c.ref = schuifRef(c.ref);
    for (const r of c.rules) if (r.formulae) r.formulae = r.formulae.map((f) => schuif(f, ws.name));
  }
  const dv = (ws as unknown as { dataValidations: { model: Record<string, { formulae?: unknown[] }> } })
    .dataValidations;
  dv.model = Object.fromEntries(
    Object.entries(dv.model).map(([adres, regel]) => [
      schuifRef(adres),
      {
        ...regel,
        ...(regel.formulae
          ? { formulae: regel.formulae.map((f) => (typeof f === "string" ? schuif(f, ws.name) : f)) }
          : {}),
      },
    ]),
  );
}

/** The children of `<worksheet>` in the order CT_Worksheet gives them (ECMA-376 part 1, 18.3.1.99). */
const WERKBLAD_VOLGORDE = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** The elements under a sheet's root, in their order (the cells left out). */
function werkbladKinderen(xml: string): string[] {
  const binnen = xml.replace(/<sheetData\b[\s\S]*?<\/sheetData>/, "<sheetData/>");
  const kinderen: string[] = [];
  let diepte = 0;
  for (const m of binnen.matchAll(/<(\/?)(?:[\w.-]+:)?([\w.-]+)\b[^<>]*?(\/?)>/g)) {
    if (m[1] === "/") diepte--;
    else if (diepte++ === 1) kinderen.push(m[2] ?? "");
    if (m[3] === "/") diepte--;
  }
  return kinderen;
}

/**
 * The elements of the sheets `bladen` (by name; all sheets without it) stand in CT_Worksheet's order: Excel repairs
 * a file otherwise, or empties the sheet (LibreOffice reads it either way).
 */
export async function verwachtWerkbladVolgorde(data: Uint8Array, bladen?: readonly string[]): Promise<void> {
  const zip = await JSZip.loadAsync(data);
  const tekst = async (naam: string) => (await zip.file(naam)?.async("string")) ?? "";
  const rels = await tekst("xl/_rels/workbook.xml.rels");
  for (const m of (await tekst("xl/workbook.xml")).matchAll(/<sheet\b[^>]*>/g)) {
    const naam = /\sname="([^"]*)"/.exec(m[0])?.[1] ?? "";
    if (bladen && !bladen.includes(naam)) continue;
    const rid = /\sr:id="([^"]*)"/.exec(m[0])?.[1] ?? "";
    const doel = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels);
    const pad = (doel?.[1] ?? doel?.[2] ?? "").replace(/^\/?(xl\/)?/, "xl/");
    const kinderen = werkbladKinderen(await tekst(pad));
    const plaatsen = kinderen.map((k) => WERKBLAD_VOLGORDE.indexOf(k));
    const fout = plaatsen.findIndex((p, i) => p < 0 || (i > 0 && p < (plaatsen[i - 1] ?? 0)));
    expect([naam, fout < 0 ? "op volgorde" : kinderen.slice(Math.max(0, fout - 1), fout + 1)]).toEqual([
      naam,
      "op volgorde",
    ]);
  }
}
