/**
 * The task pane's only contact with Excel: is Excel there, write a plan, bring the OPGAVE cells up to date.
 * Outside Office (browser preview) `Excel` is undefined and the pane offers a download instead.
 *
 * Every batch runs with `delayForCellEdit: true` (Excel.RunOptions): while the user is editing a cell, Excel holds
 * the batch until the edit ends instead of failing it (without the option a fill could stop between two syncs).
 * The option has no requirement set of its own in the documentation or in @types/office-js; a host that does not
 * know it fails such a batch with InvalidOperationInCellEditMode, which the pane then explains in Dutch
 * (../workbook/officeFouten).
 */
import { paneelBerichten } from "./berichten";
import { OpgaveFout } from "../domain/fouten";
import type { WerkboekPlan } from "../workbook/plan";
import { matrixBytes, schrijfNaarExcel, STANDAARD_MAX_BYTES_PER_SYNC } from "../workbook/officeWriter";
import { vertaalOfficeFout, type OfficeFase } from "../workbook/officeFouten";

export { VolgordeBevestiging } from "../workbook/officeWriter";

/** Excel.run's options for every batch of the add-in. */
export const RUN_OPTIES: Excel.RunOptions = { delayForCellEdit: true };

export function inExcel(): boolean {
  return typeof Excel !== "undefined" && typeof Excel.run === "function";
}

/** The writer resizes tables (Table.resize): ExcelApi 1.13 — Office 2021 and later, Microsoft 365, the web. */
const MINIMALE_EXCEL_API = "1.13";

/**
 * Fills the open workbook with `plan`. `volgordeToestaan`: the user confirmed what Opgave asked (a table they sorted
 * goes back to Opgave's order, a formula of theirs reads another row); without it such a refill throws
 * `VolgordeBevestiging`, nothing written.
 */
export async function vulWerkboek(
  plan: WerkboekPlan,
  voortgang: (fractie: number, tekst: string) => void,
  volgordeToestaan = false,
  alles = false,
) {
  const vereisten = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  if (vereisten && !vereisten.isSetSupported("ExcelApi", MINIMALE_EXCEL_API)) {
    throw new OpgaveFout("nietBeschikbaar", paneelBerichten.excelTeOud(MINIMALE_EXCEL_API));
  }
  let fase: OfficeFase | undefined;
  try {
    return await Excel.run(RUN_OPTIES, (context) =>
      schrijfNaarExcel(context, plan, { voortgang, bijFase: (f) => (fase = f), volgordeToestaan, alles }),
    );
  } catch (e) {
    // An Office.js error in Dutch, with what it means for the workbook (nothing written yet, or written in part).
    throw vertaalOfficeFout(e, fase);
  }
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
 * `findAllOrNullObject` is missing (before ExcelApi 1.9) or the re-entry fails; when that fails too, its Office.js
 * error is thrown in Dutch (an OpgaveFout).
 */
export async function herberekenOpgaveCellen(): Promise<Herberekening> {
  const vereisten = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  const kanZoeken = !vereisten || vereisten.isSetSupported("ExcelApi", ZOEK_API);
  if (kanZoeken) {
    try {
      return await Excel.run(RUN_OPTIES, (context) => herzetOpgaveFormules(context));
    } catch {
      // e.g. a protected sheet or part of a legacy array formula: fall through to what always works
    }
  }
  try {
    await Excel.run(RUN_OPTIES, (context) => volledigBerekenen(context));
  } catch (e) {
    throw vertaalOfficeFout(e);
  }
  return { methode: "volledig", cellen: 0 };
}

async function volledigBerekenen(context: Excel.RequestContext): Promise<void> {
  context.workbook.application.calculate("Full");
  await context.sync();
}

/**
 * Re-enter every OPGAVE formula of the workbook in three syncs for a normal workbook: list the sheets; find the
 * OPGAVE cells of all sheets; write them back (per area, `null` for every other cell: left unchanged). The write
 * is split into more batches only when it would exceed Excel on the web's request budget (`maxBytes`, counted in
 * bytes of the formulas written). A cell counts as a formula only when its `formulas` differ from its `values`:
 * for a text cell ("=OPGAVE.X" typed as text) Office.js gives the text as its formula too, and re-entering it
 * would make it a live formula. Hidden sheets are not searched by findAll: when there are any, a full
 * recalculation is added to the last batch.
 */
export async function herzetOpgaveFormules(
  context: Excel.RequestContext,
  maxBytes = STANDAARD_MAX_BYTES_PER_SYNC,
): Promise<Herberekening> {
  const bladen = context.workbook.worksheets;
  bladen.load("items/name,items/visibility");
  await context.sync();

  const zichtbaar = bladen.items.filter((b) => b.visibility === "Visible");
  const gevonden = zichtbaar.map((blad) => {
    const treffers = blad.findAllOrNullObject("OPGAVE.", { completeMatch: false, matchCase: false });
    treffers.load("areas/items/address,areas/items/formulas,areas/items/values");
    return treffers;
  });
  await context.sync();

  let cellen = 0;
  let inBatch = 0;
  for (const treffers of gevonden) {
    if (treffers.isNullObject) continue;
    for (const gebied of treffers.areas.items) {
      const herzet = herzetMatrix(gebied.formulas, gebied.values);
      if (herzet.aantal === 0) continue;
      const bytes = matrixBytes(herzet.matrix);
      if (inBatch > 0 && inBatch + bytes > maxBytes) {
        await context.sync();
        inBatch = 0;
      }
      gebied.formulas = herzet.matrix;
      inBatch += bytes;
      cellen += herzet.aantal;
    }
  }
  const verborgen = zichtbaar.length < bladen.items.length;
  if (verborgen) context.workbook.application.calculate("Full");
  if (inBatch > 0 || verborgen) await context.sync();
  return { methode: "formules", cellen };
}

/** The formulas to write back: the same OPGAVE formula, `null` (unchanged) for every other cell. */
function herzetMatrix(
  formules: unknown[][],
  waarden: unknown[][],
): { matrix: (string | null)[][]; aantal: number } {
  let aantal = 0;
  const matrix = formules.map((rij, i) =>
    rij.map((f, j) => {
      if (!isOpgaveFormule(f) || f === waarden[i]?.[j]) return null;
      aantal++;
      return f;
    }),
  );
  return { matrix, aantal };
}
