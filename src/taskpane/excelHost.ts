/**
 * The task pane's only contact with Excel: is Excel there, write a plan, recalculate.
 * Outside Office (browser preview) `Excel` is undefined and the pane offers a download instead.
 */
import type { WerkboekPlan } from "../workbook/plan";
import { schrijfNaarExcel } from "../workbook/officeWriter";

export function inExcel(): boolean {
  return typeof Excel !== "undefined" && typeof Excel.run === "function";
}

export async function vulWerkboek(plan: WerkboekPlan, voortgang: (fractie: number, tekst: string) => void) {
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
