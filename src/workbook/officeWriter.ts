/**
 * Office.js writer: applies a WerkboekPlan to the workbook that is open in Excel (desktop, Mac, web), in three steps:
 * - read (./officeLezen): what the workbook holds that the plan cares about, in two round trips (`context.sync()`)
 *   independent of the number of gemeenten/rows; the second is skipped when there is nothing to read (first fill);
 * - decide (./officeBeslissing, pure): positions, shape checks and the merge of ./samenvoegen (as in ./xlsxWriter)
 *   → the list of write tasks and the report;
 * - execute (./officeUitvoering): one write batch and the final sync. Chunking: a write batch holds at most
 *   `maxCellenPerSync` written cells. Larger table bodies are cut into row chunks and the batch is synced before a
 *   piece that would exceed the cap, so the number of syncs grows only with the SIZE of the data beyond the cap
 *   (about cells / cap extra round trips), never per gemeente for normal sizes.
 *
 * Text versus formulas: every non-empty string constant goes into a cell whose number format is set to text ("@")
 * earlier in the same batch, so Excel stores it as typed text — never as a formula ("=", "+", "-", "@"), number
 * ("2024"), date or boolean. Formulas come only from `Formule` objects (en-US, via `Range.formulas`), into cells
 * whose number format (the plan's, else "General") is set first, so a cell that was text before gets a formula.
 * An empty cell is written as "" (null in a written matrix would leave the cell unchanged).
 * What a refill keeps, skips and reports: see ./officeBeslissing. Charts plot the plan's rows (not orphan rows) and
 * get a stable name; a refill deletes and re-adds that chart. Sheets not in the plan and cells outside the plan are
 * never written; nothing is deleted but that chart, and nothing cleared but the contents of plan cells a table no
 * longer covers, so notes stay; fills are never set, bold only on Opgave's titles and totals rows, number formats
 * only where the content needs one (./officeBeslissing `hervulNotatie`).
 */
import type { WerkboekPlan } from "./plan";
import { beslis, type OfficeVulRapport } from "./officeBeslissing";
import { leesWerkmap } from "./officeLezen";
import { voerUit } from "./officeUitvoering";

export { leesCelVerwijzing as leesAdres } from "./a1";
export { grafiekNaam } from "./indeling";
export { breedteInPunten, celMatrix, type OfficeVulRapport } from "./officeBeslissing";
export { zetCellen } from "./officeUitvoering";

/**
 * Default cap on cells written per `context.sync()`. Excel on the web rejects a request payload above 5 MB
 * ("RequestPayloadSizeLimitExceeded"). Each written cell costs its value or formula (typically 5–80 characters of
 * JSON) plus its number format (about 10) plus array punctuation, so roughly 20–120 bytes: 20 000 cells stay around
 * 0.5–2.5 MB, leaving room for long strings and for the formatting, table and chart commands of the same batch.
 * A whole-country plan (about 350 gemeenten × 15 columns ≈ 5 000 cells per table) still fits in a single batch.
 */
export const STANDAARD_MAX_CELLEN_PER_SYNC = 20_000;

export interface OfficeSchrijfOpties {
  /** Cap on the cells written in one batch (see STANDAARD_MAX_CELLEN_PER_SYNC). */
  readonly maxCellenPerSync?: number;
  /** Progress, 0..1, with a short Dutch description. */
  readonly voortgang?: (fractie: number, tekst: string) => void;
}

/** Read → decide → write: the plan into the open workbook, keeping what the user entered. */
export async function schrijfNaarExcel(
  context: Excel.RequestContext,
  plan: WerkboekPlan,
  opties: OfficeSchrijfOpties = {},
): Promise<OfficeVulRapport> {
  const max = Math.max(1, Math.floor(opties.maxCellenPerSync ?? STANDAARD_MAX_CELLEN_PER_SYNC));
  const meld = (fractie: number, tekst: string): void => opties.voortgang?.(fractie, tekst);
  const { staat, objecten } = await leesWerkmap(context, plan, meld);
  const { taken, rapport } = beslis(plan, staat, max);
  await voerUit(context, taken, objecten, max, meld);
  return rapport;
}
