/**
 * Cached formula results in an exceljs workbook: every formula cell gets the value ./rekenen computes (what Excel
 * and LibreOffice compute), so viewers that do not recalculate (mail and Teams previews, phones, scripts) show it;
 * `fullCalcOnLoad` stays set by the writer as the safety net. A formula the evaluator cannot decide exactly loses
 * any result it had (it could be stale after a refill): no value rather than a wrong one.
 * The thin exceljs side of ./rekenen; browser-safe (no Node APIs).
 */
import ExcelJS from "exceljs";
import { decodeerBereik } from "./a1";
import { fout, isFoutCode, ONBEKEND, Rekenaar, type CelInhoud, type Gebied, type RekenBron } from "./rekenen";

/** Days between Excel's day 0 (1899-12-30, counting the 1900 leap-year bug) and 1970-01-01. */
const EXCEL_EPOCHE = 25569;

/** An exceljs cell value as the evaluator reads it. */
function inhoudVan(cel: ExcelJS.Cell, datum1904: boolean): CelInhoud {
  // The other cells of a merged range are empty in the file (exceljs shows the master's value there).
  if (cel.isMerged && cel.master !== cel) return null;
  const v = cel.value;
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return datum1904 ? ONBEKEND : v.getTime() / 86_400_000 + EXCEL_EPOCHE;
  if (typeof v !== "object") return ONBEKEND;
  if ("formula" in v || "sharedFormula" in v) {
    // An array formula computes over arrays: not this evaluator's language.
    if ((v as { shareType?: string }).shareType === "array") return ONBEKEND;
    const f = cel.formula;
    return typeof f === "string" && f !== "" ? { formule: f } : ONBEKEND;
  }
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("error" in v) return isFoutCode(String(v.error)) ? fout(v.error) : ONBEKEND;
  if ("hyperlink" in v) return typeof v.text === "string" ? v.text : ONBEKEND;
  return ONBEKEND;
}

/** "'Blad naam'!$A$1:$B$2" → sheet and rectangle; undefined for anything else. */
function leesBereik(tekst: string): Gebied | undefined {
  const i = tekst.lastIndexOf("!");
  if (i < 0) return undefined;
  let blad = tekst.slice(0, i);
  if (blad.startsWith("'") && blad.endsWith("'")) blad = blad.slice(1, -1).replace(/''/g, "'");
  const g = decodeerBereik(tekst.slice(i + 1));
  return g ? { blad, ...g } : undefined;
}

/** The evaluator's view of an exceljs workbook. */
export function bronUitWerkboek(wb: ExcelJS.Workbook): RekenBron {
  const bladen = new Map(wb.worksheets.map((ws) => [ws.name.toLowerCase(), ws]));
  const namen = new Map<string, Gebied | undefined>();
  for (const n of wb.definedNames.model as { name: string; ranges: string[] }[]) {
    const sleutel = n.name.toLowerCase();
    // A name given twice (sheet-local names exceljs merges) or with several ranges is not one place.
    const g = n.ranges.length === 1 && !namen.has(sleutel) ? leesBereik(n.ranges[0] ?? "") : undefined;
    namen.set(sleutel, g);
  }
  const datum1904 = !!(wb.properties as { date1904?: boolean } | undefined)?.date1904;
  return {
    bladNaam: (naam) => bladen.get(naam.toLowerCase())?.name,
    naam: (naam) => namen.get(naam.toLowerCase()),
    cel: (blad, rij, kolom) => {
      // By row and column (`findCell` builds and parses an address for every read).
      const c = bladen.get(blad.toLowerCase())?.findRow(rij)?.findCell(kolom);
      return c ? inhoudVan(c, datum1904) : null;
    },
  };
}

/**
 * Stores the computed result in every formula cell of the workbook (the formula text, shared or not, stays as it
 * is); a formula without a certain result keeps none. With `bladen`, only the formula cells of those sheets (a
 * refill that grafts writes no other); formulas still read every sheet. Returns how many cells got a result and how
 * many did not.
 */
export function zetResultaten(
  wb: ExcelJS.Workbook,
  bladen?: readonly string[],
): { metResultaat: number; zonderResultaat: number } {
  const rekenaar = new Rekenaar(bronUitWerkboek(wb));
  let metResultaat = 0;
  let zonderResultaat = 0;
  for (const ws of wb.worksheets) {
    if (bladen && !bladen.includes(ws.name)) continue;
    ws.eachRow({ includeEmpty: false }, (rij) =>
      rij.eachCell({ includeEmpty: false }, (cel) => {
        const v = cel.value;
        if (!v || typeof v !== "object" || !("formula" in v || "sharedFormula" in v)) return;
        if (cel.isMerged && cel.master !== cel) return;
        const u = rekenaar.uitkomst(ws.name, Number(cel.row), Number(cel.col));
        if (u === undefined) zonderResultaat++;
        else metResultaat++;
        const result = u === undefined ? undefined : typeof u === "object" ? { error: u.fout } : u;
        // Through the model: setting `value` drops a result of 0, "" or FALSE (exceljs keeps only truthy ones).
        cel.model = { ...cel.model, result } as ExcelJS.CellModel;
      }),
    );
  }
  return { metResultaat, zonderResultaat };
}
