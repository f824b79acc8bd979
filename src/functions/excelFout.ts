/**
 * Adapter between the engine's error vocabulary and Excel's: the only place that knows `CustomFunctions.Error`.
 * Outside Excel (CLI, tests) the same codes and messages travel in an `ExcelFout`.
 */
import { berichten } from "../domain/berichten";
import { OpgaveFout } from "../domain/fouten";

export type ExcelFoutCode = "#VALUE!" | "#N/A";

/** Excel shows custom error messages in a tooltip; keep them within a sane length. */
const MAX_BERICHT = 250;

export class ExcelFout extends Error {
  constructor(
    readonly code: ExcelFoutCode,
    message: string,
  ) {
    super(message);
    this.name = "ExcelFout";
  }
}

function code(e: OpgaveFout): ExcelFoutCode {
  return e.soort === "nietBeschikbaar" ? "#N/A" : "#VALUE!";
}

function kort(bericht: string): string {
  return bericht.length <= MAX_BERICHT ? bericht : `${bericht.slice(0, MAX_BERICHT - 1)}…`;
}

/** Any thrown value → the error object Excel (or the CLI) understands. Never throws itself. */
export function naarExcelFout(e: unknown): ExcelFout | CustomFunctions.Error {
  const fout =
    e instanceof OpgaveFout
      ? { code: code(e), bericht: e.message }
      : {
          code: "#VALUE!" as const,
          bericht: berichten.interneFout(e instanceof Error ? e.message : String(e)),
        };
  if (typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function") {
    const excelCode =
      fout.code === "#N/A" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    return new CustomFunctions.Error(excelCode, kort(fout.bericht));
  }
  return new ExcelFout(fout.code, kort(fout.bericht));
}

/** Run a function body; any error becomes a thrown Excel error (so every code path resolves). */
export function alsExcel<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw naarExcelFout(e);
  }
}
