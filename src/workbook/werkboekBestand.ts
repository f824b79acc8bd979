/**
 * Which files are workbooks a gemeente may send: .xlsx, and what Excel or LibreOffice saves it as when the user
 * picks another type. The reader (./lezen) reads an .xlsm as it is and names the others with what to do; the CLI
 * (a folder) and the pane (files chosen or dropped) pass none of them over without a word: "Bunnik.xlsm" left out
 * read as "Geen werkboek aangeleverd van … Bunnik". Light (no exceljs): the pane's first bundle uses it.
 */

/** The extensions, as the pane's file chooser lists them (`accept` in taskpane.html). */
export const WERKBOEK_EXTENSIES = [".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"] as const;

/** Whether a file of this name is one of them. */
export function isWerkboekBestand(naam: string): boolean {
  const klein = naam.toLowerCase();
  return WERKBOEK_EXTENSIES.some((e) => klein.endsWith(e));
}
