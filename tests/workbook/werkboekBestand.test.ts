/**
 * Which files the consolidation reads (a folder on the command line, files chosen or dropped in the pane): .xlsx
 * and the types a gemeente may have saved its workbook as, so none is passed over without a word.
 */
import { readFileSync } from "fs";
import path from "path";
import { isWerkboekBestand, WERKBOEK_EXTENSIES } from "../../src/workbook/werkboekBestand";

test.each([
  ["Zeist.xlsx", true],
  ["BUNNIK.XLSM", true],
  ["Houten.xls", true],
  ["Baarn.xlsb", true],
  ["De Bilt.ods", true],
  ["notities.txt", false],
  ["gegevens.csv", false],
  ["Zeist.xlsx.pdf", false],
])("%p is a workbook: %p", (naam, verwacht) => expect(isWerkboekBestand(naam)).toBe(verwacht));

test("the pane's file chooser lists the same types (taskpane.html `accept`)", () => {
  const html = readFileSync(path.join(__dirname, "../../src/taskpane/taskpane.html"), "utf8");
  const accept = /<input id="bestanden" type="file" accept="([^"]*)"/.exec(html)?.[1];
  expect(accept?.split(",")).toEqual([...WERKBOEK_EXTENSIES]);
});
