/**
 * The formulas of a package that are not Opgave's (src/workbook/xlsxFormules.ts), read from the XML: what a refill
 * checks before rows of Opgave's tables hold something else (tests/workbook/herbevulling.test.ts covers the refill).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { formulesVanGebruiker } from "../../src/workbook/xlsxFormules";
import { bewaarXlsx } from "./werkboekHulp";

/** A workbook with a sheet of Opgave's ("Provincie") and one of the user's, as exceljs writes it. */
async function werkboek(): Promise<{ data: Uint8Array; zip: JSZip }> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Provincie").getCell("B2").value = { formula: "A2*2" } as ExcelJS.CellFormulaValue;
  const eigen = wb.addWorksheet("Mijn blad");
  eigen.getCell("A1").value = { formula: 'Provincie!F20&"<c"' } as ExcelJS.CellFormulaValue;
  eigen.getCell("A2").value = "tekst";
  wb.definedNames.add("Provincie!$F$30", "MijnNaam");
  const data = await bewaarXlsx(wb);
  return { data, zip: await JSZip.loadAsync(data) };
}

const eigen = (blad: string) =>
  blad === "Provincie" ? [{ rij: 1, kolom: 1, rijen: 10, kolommen: 10 }] : undefined;

test("cell formulas outside Opgave's cells (entities decoded) and the defined names", async () => {
  const { data } = await werkboek();
  expect(await formulesVanGebruiker(data, eigen)).toEqual([
    { plek: "'Mijn blad'!A1", blad: "Mijn blad", formule: 'Provincie!F20&"<c"' },
    { plek: "van naam MijnNaam", blad: "", formule: "Provincie!$F$30" },
  ]);
});

test("a name scoped to a sheet is named with its sheet, as Excel shows it", async () => {
  const { zip } = await werkboek();
  const xml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const lokaal = '<definedName name="MijnRij" localSheetId="1">Provincie!$F$35</definedName>';
  expect(xml).toContain("</definedNames>");
  zip.file("xl/workbook.xml", xml.replace("</definedNames>", `${lokaal}</definedNames>`));
  const formules = await formulesVanGebruiker(await zip.generateAsync({ type: "uint8array" }), eigen);
  expect(formules).toContainEqual({
    plek: "van naam 'Mijn blad'!MijnRij",
    blad: "Mijn blad",
    formule: "Provincie!$F$35",
  });
});

// With a regular expression per element (the first version) this part took minutes: each unclosed tag was
// searched to the end of the part again.
test("a hostile part (tags never closed, over and over) is read in one pass: what is complete is found", async () => {
  const { zip } = await werkboek();
  const pad = "xl/worksheets/sheet2.xml";
  const xml = (await zip.file(pad)?.async("string")) ?? "";
  const vuil = `${'<c r="A9" '.repeat(100_000)}${'<c r="A9"><f>'.repeat(100_000)}${"<formula>".repeat(100_000)}`;
  zip.file(pad, xml.replace("</sheetData>", `</sheetData>${vuil}`));
  const formules = await formulesVanGebruiker(await zip.generateAsync({ type: "uint8array" }), eigen);
  expect(formules.map((f) => f.plek)).toEqual(["'Mijn blad'!A1", "van naam MijnNaam"]);
});

test("the series of a chart on the user's sheet, with the chart namespace prefixed (Excel) or as the default (openpyxl)", async () => {
  const NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const rels = (type: string, doel: string) =>
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="${REL}/${type}" Target="${doel}"/></Relationships>`;
  const metGrafiek = async (chart: string) => {
    const { zip } = await werkboek();
    zip.file("xl/worksheets/_rels/sheet2.xml.rels", rels("drawing", "../drawings/drawing1.xml"));
    zip.file("xl/drawings/drawing1.xml", "<wsDr/>");
    zip.file("xl/drawings/_rels/drawing1.xml.rels", rels("chart", "../charts/chart1.xml"));
    zip.file("xl/charts/chart1.xml", chart);
    const formules = await formulesVanGebruiker(await zip.generateAsync({ type: "uint8array" }), eigen);
    return formules.filter((f) => f.plek.startsWith("van een grafiek"));
  };
  const verwacht = [
    { plek: "van een grafiek op blad 'Mijn blad'", blad: "", formule: "Provincie!$F$9:$F$20" },
  ];
  expect(
    await metGrafiek(
      `<c:chartSpace xmlns:c="${NS}"><c:chart><c:val><c:f>Provincie!$F$9:$F$20</c:f></c:val></c:chart></c:chartSpace>`,
    ),
  ).toEqual(verwacht);
  // Before: openpyxl's chart was not read, and a refill that adds rows below its range said nothing.
  expect(
    await metGrafiek(
      `<chartSpace xmlns="${NS}"><chart><val><f>Provincie!$F$9:$F$20</f></val></chart></chartSpace>`,
    ),
  ).toEqual(verwacht);
});
