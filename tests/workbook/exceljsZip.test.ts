/**
 * exceljs on src/workbook/exceljsZip.ts — what the browser build runs (webpack.config.js resolves exceljs's
 * `require("jszip")` there): a workbook with text, numbers, a formula, a note and an embedded image (exceljs
 * passes images as base64) is written and read back, and the package is a valid zip that exceljs's own JSZip
 * reads the same.
 */
import JSZip from "jszip";

jest.mock("jszip", () => jest.requireActual("../../src/workbook/exceljsZip"));

// Loaded after the mock: exceljs's require("jszip") gets the adapter.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ExcelJS = require("exceljs") as typeof import("exceljs");

type Adapter = typeof import("../../src/workbook/exceljsZip");
const adapter = jest.requireMock<Adapter>("jszip");
const geschreven = jest.spyOn(adapter.prototype, "generateAsync");
const gelezen = jest.spyOn(adapter, "loadAsync");

/** A 1×1 PNG. */
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

async function schrijf(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Taakstelling");
  ws.getCell("A1").value = "Utrecht";
  ws.getCell("B1").value = 388;
  ws.getCell("C1").value = { formula: "B1*2", result: 776 };
  ws.getCell("A2").value = "één — ü";
  ws.getCell("A2").note = "eigen notitie";
  const plaatje = wb.addImage({ base64: PNG, extension: "png" });
  ws.addImage(plaatje, "E1:F3");
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** exceljs picks its browser code paths (text as bytes, TextDecoder) by `process.browser`, as in the pane's build. */
const paden = [
  ["Node's", false],
  ["the browser's", true],
] as const;

test.each(paden)(
  "exceljs (%s code paths) writes through the adapter and reads its own file back",
  async (_, browser) => {
    const proces = process as { browser?: boolean };
    proces.browser = browser;
    let data: Uint8Array;
    const wb = new ExcelJS.Workbook();
    try {
      data = await schrijf();
      await wb.xlsx.load(data as unknown as ArrayBuffer);
    } finally {
      delete proces.browser;
    }
    // Both ways through the adapter, not exceljs's own JSZip.
    expect(geschreven).toHaveBeenCalledWith(expect.objectContaining({ type: "nodebuffer" }));
    expect(gelezen).toHaveBeenCalled();
    const ws = wb.getWorksheet("Taakstelling")!;
    expect(ws.getCell("A1").value).toBe("Utrecht");
    expect(ws.getCell("B1").value).toBe(388);
    expect(ws.getCell("C1").value).toEqual({ formula: "B1*2", result: 776 });
    expect(ws.getCell("A2").value).toBe("één — ü");
    expect(ws.getCell("A2").note).toBe("eigen notitie");
    const [beeld] = wb.model.media;
    expect(beeld?.extension).toBe("png");
    expect(Buffer.from(beeld!.buffer as unknown as Uint8Array).toString("base64")).toBe(PNG);
  },
);

test("the package is a zip that JSZip itself reads: the same parts, the image bytes intact", async () => {
  const echt = jest.requireActual<typeof JSZip>("jszip");
  const zip = await echt.loadAsync(await schrijf());
  const namen = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  expect(namen).toEqual(
    expect.arrayContaining(["[Content_Types].xml", "xl/workbook.xml", "xl/media/image1.png"]),
  );
  const png = await zip.file("xl/media/image1.png")!.async("uint8array");
  expect(Buffer.from(png).toString("base64")).toBe(PNG);
  expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).toContain("<f>B1*2</f>");
});

test("STORE when asked (as the writer asks for a file it reads again at once)", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("A").getCell("A1").value = "x".repeat(10_000);
  const opgeslagen = new Uint8Array(await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } } as never));
  const ingepakt = new Uint8Array(await wb.xlsx.writeBuffer());
  expect(opgeslagen.byteLength).toBeGreaterThan(ingepakt.byteLength + 5_000);
});
