/**
 * exceljs's faults in a sheet's <sheetPr>, mended by src/workbook/exceljsReparaties.ts (imported by the writer):
 * the order of its children as written, and its booleans as LibreOffice writes them ("true"); and `editAs` on an
 * image anchored by one cell. Fails when an update
 * of exceljs changes the xforms it mends.
 */
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { planGemeente } from "../../src/workbook/bouwPlan";
import { schrijfXlsx } from "../../src/workbook/xlsxWriter";
import { bladPaden } from "../../src/workbook/xlsxOnderdelen";
import Zip from "../../src/workbook/zip";
import { engine } from "../domain/helpers";
import { TEST_BRON } from "./werkboekHulp";

const utrecht = planGemeente(engine, "Utrecht", TEST_BRON);
const later = planGemeente(engine, "Utrecht", { ...TEST_BRON, gemaakt: "2027-01-05T09:30:00Z" });

/** The first fill with Taakstelling's <sheetPr> changed by `wijzig`, and the path of that sheet. */
async function metSheetPr(wijzig: (sheetPr: string) => string): Promise<{ data: Uint8Array; pad: string }> {
  const data = (await schrijfXlsx(utrecht)).data;
  const pad = (await bladPaden(await Zip.loadAsync(data))).get("Taakstelling") ?? "";
  const zip = await JSZip.loadAsync(data);
  const xml = (await zip.file(pad)?.async("string")) ?? "";
  expect(xml).toMatch(/<sheetPr>.*?<\/sheetPr>/);
  zip.file(
    pad,
    xml.replace(/<sheetPr>.*?<\/sheetPr>/, (m) => wijzig(m)),
  );
  return { data: await zip.generateAsync({ type: "uint8array" }), pad };
}

async function sheetPrNa(data: Uint8Array, pad: string): Promise<string> {
  const xml = (await (await JSZip.loadAsync(data)).file(pad)?.async("string")) ?? "";
  return /<sheetPr\b[^>]*\/>|<sheetPr\b[^>]*>.*?<\/sheetPr>/.exec(xml)?.[0] ?? "";
}

test("a refill of a sheet with outline settings writes <sheetPr>'s children in the schema's order", async () => {
  // As openpyxl saves every sheet, and Excel with "summary rows above detail".
  const { data, pad } = await metSheetPr((p) =>
    p.replace("<sheetPr>", '<sheetPr><outlinePr summaryBelow="0"/>'),
  );
  const na = await sheetPrNa((await schrijfXlsx(later, data)).data, pad);
  // Before: <pageSetUpPr> first, which Excel reports as damaged content (exceljs issue #1348).
  expect(na).toBe('<sheetPr><outlinePr summaryBelow="0"/><pageSetUpPr fitToPage="1"/></sheetPr>');
});

test("fit to page and outline settings written as LibreOffice writes them (true/false) are read, and kept", async () => {
  const { data, pad } = await metSheetPr(
    () =>
      '<sheetPr filterMode="false"><outlinePr summaryBelow="true" summaryRight="false"/><pageSetUpPr fitToPage="true"/></sheetPr>',
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Taakstelling");
  expect(ws?.pageSetup.fitToPage).toBe(true);
  expect(ws?.properties.outlineProperties).toEqual({ summaryBelow: true, summaryRight: false });
  // Before: a refill dropped fit-to-width from the sheet (read as false).
  const na = await sheetPrNa((await schrijfXlsx(later, data)).data, pad);
  expect(na).toContain('<pageSetUpPr fitToPage="1"/>');
  expect(na).toContain('<outlinePr summaryBelow="1" summaryRight="0"/>');
});

test("a refill with an image of the user's anchored by one cell on an Opgave sheet writes the anchor without editAs", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await schrijfXlsx(utrecht)).data as unknown as ArrayBuffer);
  const png =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
  const id = wb.addImage({ base64: png, extension: "png" });
  // tl + ext, no br: a one-cell anchor, as openpyxl anchors every image.
  wb.getWorksheet("Overzicht")?.addImage(id, { tl: { col: 4, row: 1 }, ext: { width: 40, height: 40 } });
  const bestand = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const { data } = await schrijfXlsx(later, bestand, { verliesToestaan: true });
  const zip = await JSZip.loadAsync(data);
  const tekeningen = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /^xl\/drawings\/[^/]+\.xml$/.test(n))
      .map(async (n) => (await zip.file(n)?.async("string")) ?? ""),
  );
  const ankers = tekeningen.flatMap((x) => [...x.matchAll(/<xdr:oneCellAnchor\b[^>]*>/g)].map((m) => m[0]));
  // Before: <xdr:oneCellAnchor editAs="oneCell">, which the schema does not allow.
  expect(ankers).toEqual(["<xdr:oneCellAnchor>"]);
});
