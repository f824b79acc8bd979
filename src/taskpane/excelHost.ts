/**
 * The task pane's only contact with Excel: is Excel there, write a plan, recalculate.
 * Outside Office (browser preview) `Excel` is undefined and the pane offers a download instead.
 */
import { paneelBerichten } from "../domain/berichten";
import { OpgaveFout } from "../domain/fouten";
import type { WerkboekPlan } from "../workbook/plan";
import { schrijfNaarExcel } from "../workbook/officeWriter";

export function inExcel(): boolean {
  return typeof Excel !== "undefined" && typeof Excel.run === "function";
}

/** The writer resizes tables (Table.resize): ExcelApi 1.13 — Office 2021 and later, Microsoft 365, the web. */
const MINIMALE_EXCEL_API = "1.13";

export async function vulWerkboek(plan: WerkboekPlan, voortgang: (fractie: number, tekst: string) => void) {
  const vereisten = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  if (vereisten && !vereisten.isSetSupported("ExcelApi", MINIMALE_EXCEL_API)) {
    throw new OpgaveFout("nietBeschikbaar", paneelBerichten.excelTeOud(MINIMALE_EXCEL_API));
  }
  return Excel.run((context) => schrijfNaarExcel(context, plan, { voortgang }));
}

/**
 * After a new dataset is installed the custom functions answer from it, but Excel only re-evaluates cells when
 * asked: a full recalculation makes every OPGAVE.* cell ask again.
 */
export async function herberekenAlles(): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.application.calculate(Excel.CalculationType.full);
    await context.sync();
  });
}
