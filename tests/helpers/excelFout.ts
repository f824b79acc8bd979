import { ExcelFout } from "../../src/functions/excelFout";

/** Call a custom function and return the ExcelFout it throws (outside Excel the adapter throws ExcelFout). */
export function excelFout(call: () => unknown): ExcelFout {
  try {
    call();
  } catch (e) {
    if (e instanceof ExcelFout) return e;
    throw e;
  }
  throw new Error("verwachtte een Excel-fout");
}
