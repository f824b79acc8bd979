/**
 * exceljs cells, tables and defined names as plain values: shared by the .xlsx writer (./xlsxWriter) and the reader
 * (./lezen), so the reader does not depend on the writer. Browser-safe (exceljs types only, no Node APIs).
 */
import type ExcelJS from "exceljs";
import { serieUitDatum } from "../domain/tijdstip";
import { decodeerBereik, leesCelVerwijzing } from "./a1";
import type { Waarde } from "./plan";

/** Whether an exceljs cell value is a formula (plain or shared). */
export function isFormuleWaarde(
  v: ExcelJS.CellValue | undefined,
): v is ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue {
  return !!v && typeof v === "object" && ("formula" in v || "sharedFormula" in v);
}

/** An exceljs cell value as a plain value (formulas as their cached result). */
export function waardeVan(v: ExcelJS.CellValue | undefined): Waarde {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  // A date cell is a number in the file (a serial); exceljs hands it over as a Date.
  if (v instanceof Date) return serieUitDatum(v);
  if (typeof v === "object") {
    if (isFormuleWaarde(v)) {
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
  if (isFormuleWaarde(v)) return waardeVan({ ...v, result: cel.result } as ExcelJS.CellValue);
  return waardeVan(v);
}

/** The Excel table `naam` on a sheet (exceljs keeps them by name). */
export function excelTabel(ws: ExcelJS.Worksheet, naam: string): ExcelJS.Table | undefined {
  return (ws as unknown as { tables?: Record<string, ExcelJS.Table> }).tables?.[naam];
}

/**
 * The corners of an Excel table's header and data rows, from its model; undefined when it has none. A totals row
 * the user turned on (Excel's Totaalrij) is no data row: its formulas stay below the table as cells of the user's
 * (./xlsxOnderdelen names the totals row itself as lost: Opgave writes its tables without one).
 */
export function tabelBereik(
  t: ExcelJS.Table,
): { rij1: number; kol1: number; rij2: number; kol2: number } | undefined {
  const model =
    (t as unknown as { table?: { tableRef?: string; ref?: string; totalsRow?: boolean } }).table ?? {};
  const ref = model.tableRef ?? model.ref;
  const bereik = ref ? decodeerBereik(ref) : undefined;
  return bereik && model.totalsRow && bereik.rij2 > bereik.rij1 + 1
    ? { ...bereik, rij2: bereik.rij2 - 1 }
    : bereik;
}

/** Sheet and cell ("C3") a workbook-level defined name points at, when it is exactly one cell. */
export function naamCel(wb: ExcelJS.Workbook, naam: string): { blad: string; cel: string } | undefined {
  const bereiken = wb.definedNames.getRanges(naam)?.ranges ?? [];
  return bereiken.length === 1 ? leesCelVerwijzing(bereiken[0] ?? "") : undefined;
}
