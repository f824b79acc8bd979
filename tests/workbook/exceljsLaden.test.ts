/**
 * src/workbook/exceljsLaden.ts: exceljs's loader on parts inflated already builds the very model `wb.xlsx.load`
 * builds from the archive — on every kind of part Opgave's files hold (Opgave's sheets, tables, defined names,
 * validations, notes, a refill's grafted package) and the user's (an image, a drawing, a hyperlink, rich text,
 * merged cells, dates, a second theme name, a byte order mark). It reaches into exceljs's internals: this fails
 * when an exceljs update changes them.
 */
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { laadDelen, relatieveDoelen, tekstAlsLoop, xdrVoorvoegsel } from "../../src/workbook/exceljsLaden";
import { planGemeente, planProvincie } from "../../src/workbook/bouwPlan";
import { schrijfXlsx } from "../../src/workbook/xlsxWriter";
import { engine } from "../domain/helpers";
import { bewaarXlsx as bewaar, blad, leesXlsx as lees, rijVan, TEST_BRON } from "./werkboekHulp";

/** A 1×1 PNG. */
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/** The parts of an archive in its order, as ./zip gives them to the loader. */
function delen(data: Uint8Array): [string, Uint8Array][] {
  return Object.entries(unzipSync(data));
}

async function beide(data: Uint8Array): Promise<[ExcelJS.Workbook, ExcelJS.Workbook]> {
  const archief = new ExcelJS.Workbook();
  await archief.xlsx.load(data as unknown as ArrayBuffer);
  return [archief, await laadDelen(new ExcelJS.Workbook(), delen(data))];
}

async function verwachtZelfdeModel(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const [archief, direct] = await beide(data);
  expect(JSON.stringify(direct.model)).toBe(JSON.stringify(archief.model));
  return direct;
}

/** A gemeente workbook with a user's work on Opgave's sheets and a sheet of their own with all sorts of parts. */
async function vol(): Promise<Uint8Array> {
  const wb = await lees((await schrijfXlsx(planGemeente(engine, "Utrecht", TEST_BRON))).data);
  const t = blad(wb, "Taakstelling");
  t.getCell(rijVan(t, "2024-I"), 7).value = 123;
  t.getCell("P3").note = "notitie naast de tabel";
  const eigen = wb.addWorksheet("Mijn blad");
  eigen.getCell("A1").value = { richText: [{ text: "vet", font: { bold: true } }, { text: " en gewoon" }] };
  eigen.getCell("A2").value = new Date(Date.UTC(2024, 6, 1));
  eigen.getCell("A3").value = { text: "site", hyperlink: "https://example.org/" };
  eigen.getCell("A4").value = { formula: "Taakstelling!G10*2", result: 5 } as ExcelJS.CellFormulaValue;
  eigen.getCell("A5").value = "één — ü";
  eigen.mergeCells("B1:C2");
  eigen.addImage(wb.addImage({ base64: PNG, extension: "png" }), "E1:F3");
  return bewaar(wb);
}

test("Opgave's own first fill (gemeente and province): the same model as exceljs's load", async () => {
  await verwachtZelfdeModel((await schrijfXlsx(planGemeente(engine, "Utrecht", TEST_BRON))).data);
  await verwachtZelfdeModel((await schrijfXlsx(planProvincie(engine, "Utrecht", "2024-I", TEST_BRON))).data);
});

test("a user's work of every kind, and a refill's grafted package: the same model", async () => {
  const data = await vol();
  const wb = await verwachtZelfdeModel(data);
  expect(wb.getWorksheet("Mijn blad")?.getCell("A5").value).toBe("één — ü");
  expect(wb.model.media).toHaveLength(1);
  await verwachtZelfdeModel((await schrijfXlsx(planGemeente(engine, "Utrecht", TEST_BRON), data)).data);
});

test("a part with a byte order mark, a theme by another name, a medium without extension: read as exceljs reads them", async () => {
  const onderdelen = unzipSync(await vol());
  const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
  const metBom = (b: Uint8Array) => new Uint8Array([...bom, ...b]);
  const uit: Zippable = {};
  for (const [naam, inhoud] of Object.entries(onderdelen)) {
    if (naam === "xl/theme/theme1.xml") uit["xl/theme/themaB.xml"] = inhoud;
    else if (naam === "xl/styles.xml") uit[naam] = metBom(inhoud);
    else uit[naam] = inhoud;
  }
  uit["xl/media/zonder-punt"] = strToU8("geen plaatje");
  const data = zipSync(uit);
  const [archief, direct] = await beide(data);
  expect(JSON.stringify(direct.model)).toBe(JSON.stringify(archief.model));
});

test("what exceljs writes from the directly loaded model is what it writes from its own load", async () => {
  const [archief, direct] = await beide(await vol());
  const schrijf = async (wb: ExcelJS.Workbook) =>
    unzipSync(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  const [a, b] = [await schrijf(archief), await schrijf(direct)];
  expect(Object.keys(b)).toEqual(Object.keys(a));
  const tekst = new TextDecoder();
  for (const naam of Object.keys(a)) {
    // docProps/core.xml carries the time of writing.
    if (naam !== "docProps/core.xml")
      expect([naam, tekst.decode(b[naam])]).toEqual([naam, tekst.decode(a[naam])]);
  }
});

test("relatieveDoelen: absolute internal targets relative to the source part's folder; external ones as they are", () => {
  const rel = (doel: string, extern = false) =>
    `<Relationship Id="rId1" Type="t" Target="${doel}"${extern ? ' TargetMode="External"' : ""}/>`;
  expect(relatieveDoelen("xl/worksheets/_rels/sheet1.xml.rels", rel("/xl/tables/table1.xml"))).toBe(
    rel("../tables/table1.xml"),
  );
  expect(relatieveDoelen("xl/_rels/workbook.xml.rels", rel("/xl/worksheets/sheet1.xml"))).toBe(
    rel("worksheets/sheet1.xml"),
  );
  expect(relatieveDoelen("_rels/.rels", rel("/xl/workbook.xml"))).toBe(rel("xl/workbook.xml"));
  expect(relatieveDoelen("xl/_rels/workbook.xml.rels", rel("/map/x.xml", true))).toBe(
    rel("/map/x.xml", true),
  );
  expect(relatieveDoelen("xl/_rels/workbook.xml.rels", rel("styles.xml"))).toBe(rel("styles.xml"));
});

test("xdrVoorvoegsel: a drawing in the default namespace (openpyxl) gets exceljs's xdr: prefix; others as they are", () => {
  const NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
  const A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
  const kaal =
    `<?xml version="1.0"?><wsDr ${A} xmlns="${NS}"><twoCellAnchor editAs="oneCell"><from><col>0</col></from>` +
    `<graphicFrame><a:graphic><a:graphicData uri="u"/></a:graphic></graphicFrame><clientData/></twoCellAnchor></wsDr>`;
  expect(xdrVoorvoegsel(kaal)).toBe(
    `<?xml version="1.0"?><xdr:wsDr ${A} xmlns:xdr="${NS}"><xdr:twoCellAnchor editAs="oneCell"><xdr:from>` +
      `<xdr:col>0</xdr:col></xdr:from><xdr:graphicFrame><a:graphic><a:graphicData uri="u"/></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`,
  );
  // Both declared: the default one goes. As Excel writes it, or with a second default namespace inside: unchanged.
  expect(xdrVoorvoegsel(`<wsDr xmlns:xdr="${NS}" xmlns="${NS}"><from/></wsDr>`)).toBe(
    `<xdr:wsDr xmlns:xdr="${NS}"><xdr:from/></xdr:wsDr>`,
  );
  const excel = `<xdr:wsDr xmlns:xdr="${NS}"><xdr:from/></xdr:wsDr>`;
  expect(xdrVoorvoegsel(excel)).toBe(excel);
  const binnen = `<wsDr xmlns="${NS}"><from/><extLst><ext xmlns="urn:x"><y/></ext></extLst></wsDr>`;
  expect(xdrVoorvoegsel(binnen)).toBe(binnen);
  const anders = `<wsDr xmlns:xdr="urn:x" xmlns="${NS}"><from/></wsDr>`;
  expect(xdrVoorvoegsel(anders)).toBe(anders);
});

test("tekstAlsLoop: a note's plain text (openpyxl) as one run; notes in runs (Excel, exceljs) as they are", () => {
  expect(
    tekstAlsLoop(
      '<comment ref="A1"><text><t>een &amp; twee</t></text></comment><comment ref="B2"><text><t xml:space="preserve"> b </t></text></comment>',
    ),
  ).toBe(
    '<comment ref="A1"><text><r><t>een &amp; twee</t></r></text></comment><comment ref="B2"><text><r><t xml:space="preserve"> b </t></r></text></comment>',
  );
  const runs = '<comment ref="A1"><text><r><rPr><b/></rPr><t>vet</t></r><r><t>niet</t></r></text></comment>';
  expect(tekstAlsLoop(runs)).toBe(runs);
});
