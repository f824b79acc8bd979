/**
 * The task pane's only contact with Excel: is Excel there, write a plan, bring the OPGAVE cells up to date.
 * Outside Office (browser preview) `Excel` is undefined and the pane offers a download instead.
 */
import { paneelBerichten } from "./berichten";
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

/** How the OPGAVE cells were brought up to date after the dataset changed. */
export interface Herberekening {
  /** "formules": each OPGAVE formula was re-entered; "volledig": only a full recalculation was possible. */
  methode: "formules" | "volledig";
  /** Cells whose formula was re-entered. */
  cellen: number;
}

/** Worksheet.findAllOrNullObject: ExcelApi 1.9. */
const ZOEK_API = "1.9";
const OPGAVE_FORMULE = /^=.*opgave\./is;

/** Is this formula an OPGAVE.* call (re-entering it makes Excel ask the custom function again)? */
export function isOpgaveFormule(f: unknown): f is string {
  return typeof f === "string" && OPGAVE_FORMULE.test(f);
}

/**
 * After the dataset in use changed the custom functions answer from the new data, but Excel only asks them again
 * when a cell is recalculated — and `application.calculate(full)` is known not to re-run custom-function cells
 * that show an error and to leave #BUSY! on the web (office-js issues 4502, 3234, 6545). So every cell whose
 * formula calls OPGAVE.* is re-entered with the same formula. Falls back to a full recalculation where
 * `findAllOrNullObject` is missing (before ExcelApi 1.9) or the re-entry fails.
 */
export async function herberekenOpgaveCellen(): Promise<Herberekening> {
  const vereisten = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  const kanZoeken = !vereisten || vereisten.isSetSupported("ExcelApi", ZOEK_API);
  if (kanZoeken) {
    try {
      return await Excel.run((context) => herzetOpgaveFormules(context));
    } catch {
      // e.g. a protected sheet or part of a legacy array formula: fall through to what always works
    }
  }
  await Excel.run((context) => volledigBerekenen(context));
  return { methode: "volledig", cellen: 0 };
}

async function volledigBerekenen(context: Excel.RequestContext): Promise<void> {
  context.workbook.application.calculate("Full");
  await context.sync();
}

/**
 * Re-enter every OPGAVE formula of the workbook in three syncs whatever the number of cells: list the sheets;
 * find the OPGAVE cells of all sheets; write them back (per area, `null` for every other cell: left unchanged).
 * Hidden sheets are not searched by findAll: when there are any, a full recalculation is added to the last batch.
 */
export async function herzetOpgaveFormules(context: Excel.RequestContext): Promise<Herberekening> {
  const bladen = context.workbook.worksheets;
  bladen.load("items/name,items/visibility");
  await context.sync();

  const zichtbaar = bladen.items.filter((b) => b.visibility === "Visible");
  const gevonden = zichtbaar.map((blad) => {
    const treffers = blad.findAllOrNullObject("OPGAVE.", { completeMatch: false, matchCase: false });
    treffers.load("areas/items/address,areas/items/formulas");
    return treffers;
  });
  await context.sync();

  let cellen = 0;
  for (const treffers of gevonden) {
    if (treffers.isNullObject) continue;
    for (const gebied of treffers.areas.items) {
      const herzet = herzetMatrix(gebied.formulas);
      if (herzet.aantal === 0) continue;
      gebied.formulas = herzet.matrix;
      cellen += herzet.aantal;
    }
  }
  const verborgen = zichtbaar.length < bladen.items.length;
  if (verborgen) context.workbook.application.calculate("Full");
  if (cellen > 0 || verborgen) await context.sync();
  return { methode: "formules", cellen };
}

/** The formulas to write back: the same OPGAVE formula, `null` (unchanged) for every other cell. */
function herzetMatrix(formules: unknown[][]): { matrix: (string | null)[][]; aantal: number } {
  let aantal = 0;
  const matrix = formules.map((rij) =>
    rij.map((f) => {
      if (!isOpgaveFormule(f)) return null;
      aantal++;
      return f;
    }),
  );
  return { matrix, aantal };
}
