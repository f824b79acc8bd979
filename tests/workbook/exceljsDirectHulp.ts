/**
 * Checks of src/workbook/exceljsDirect.ts against exceljs's own parsers (the references), shared by its unit test
 * and the LibreOffice suite.
 */
import SharedStringsXform from "exceljs/lib/xlsx/xform/strings/shared-strings-xform";
import WorksheetXform from "exceljs/lib/xlsx/xform/sheet/worksheet-xform";
import { bladZonderRijen, gedeeldeTekstenModel } from "../../src/workbook/exceljsDirect";

/** exceljs's model of the sheet, or "fout" where exceljs fails on it (or gives none, as for some damage). */
async function vanExceljs(xml: string): Promise<Record<string, unknown> | "fout"> {
  try {
    return (await new WorksheetXform({}).parseStream([xml])) ?? "fout";
  } catch {
    return "fout";
  }
}

/**
 * Where the rows are read here, the model equals exceljs's (or both fail, on damage outside the rows); whether they
 * were read here.
 */
export async function verwachtZoalsExceljs(xml: string): Promise<boolean> {
  const snel = bladZonderRijen(xml);
  if (!snel) return false;
  const model = await vanExceljs(snel.zonder);
  if (model !== "fout") model.rows = snel.rijen;
  expect(model).toEqual(await vanExceljs(xml));
  return model !== "fout";
}

/** exceljs's model of the shared strings, or "fout" where exceljs fails on them. */
async function vanExceljsTeksten(xml: string): Promise<unknown> {
  try {
    return (await new SharedStringsXform().parseStream([xml])) ?? "fout";
  } catch {
    return "fout";
  }
}

/** Where they are read here, the model equals exceljs's; whether they were read here. */
export async function tekstenZoalsExceljs(xml: string): Promise<boolean> {
  const direct = gedeeldeTekstenModel(xml);
  if (!direct) return false;
  expect(direct).toEqual(await vanExceljsTeksten(xml));
  return true;
}
