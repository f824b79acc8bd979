/**
 * exceljs's faults, mended by src/workbook/exceljsReparaties.ts (imported by the writer): the order of <sheetPr>'s
 * children as written; booleans as LibreOffice writes them ("true"/"false") in <sheetPr>, the print options, page
 * setup, sheet view, cell protection, table style options, date system and icon sets; and `editAs` on an image
 * anchored by one cell; which number formats are dates, remembered. Fails when an update
 * of exceljs changes the xforms it mends.
 */
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { planGemeente } from "../../src/workbook/bouwPlan";
import { schrijfXlsx } from "../../src/workbook/xlsxWriter";
import { leesAanlevering } from "../../src/workbook/lezen";
import { bladPaden } from "../../src/workbook/xlsxOnderdelen";
import Zip from "../../src/workbook/zip";
import { engine } from "../domain/helpers";
import { TEST_BRON } from "./werkboekHulp";
import ProtectionXform from "exceljs/lib/xlsx/xform/style/protection-xform";
import TableStyleInfoXform from "exceljs/lib/xlsx/xform/table/table-style-info-xform";
import WorkbookPropertiesXform from "exceljs/lib/xlsx/xform/book/workbook-properties-xform";
import BaseXform from "exceljs/lib/xlsx/xform/base-xform";

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

test("print options, page setup and the sheet's view written as LibreOffice writes them (true/false) are read, and kept", async () => {
  const data = (await schrijfXlsx(utrecht)).data;
  const pad = (await bladPaden(await Zip.loadAsync(data))).get("Taakstelling") ?? "";
  const zip = await JSZip.loadAsync(data);
  const xml = (await zip.file(pad)?.async("string")) ?? "";
  expect(xml).toMatch(/<sheetView\b/);
  expect(xml).toMatch(/<pageMargins\b/);
  expect(xml).toMatch(/<pageSetup\b/);
  zip.file(
    pad,
    xml
      .replace(/<sheetView\b/, '<sheetView showGridLines="false" showRowColHeaders="false"')
      .replace(
        /<pageMargins\b/,
        '<printOptions headings="true" gridLines="true" horizontalCentered="true"/><pageMargins',
      )
      .replace(
        /<pageSetup\b/,
        '<pageSetup useFirstPageNumber="true" firstPageNumber="3" blackAndWhite="false"',
      ),
  );
  const lo = await zip.generateAsync({ type: "uint8array" });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(lo as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Taakstelling");
  expect(ws?.views[0]).toMatchObject({ showGridLines: false, showRowColHeaders: false });
  expect(ws?.pageSetup).toMatchObject({
    showGridLines: true,
    showRowColHeaders: true,
    horizontalCentered: true,
    useFirstPageNumber: true,
    firstPageNumber: 3,
    blackAndWhite: false,
  });
  // Before: a refill dropped them all (read as false), and turned the hidden gridlines back on (read as shown).
  const na =
    (await (await JSZip.loadAsync((await schrijfXlsx(later, lo)).data)).file(pad)?.async("string")) ?? "";
  expect(/<sheetView\b[^>]*>/.exec(na)?.[0]).toMatch(/showGridLines="0"/);
  expect(/<sheetView\b[^>]*>/.exec(na)?.[0]).toMatch(/showRowColHeaders="0"/);
  expect(/<printOptions\b[^>]*>/.exec(na)?.[0]).toBe(
    '<printOptions headings="1" gridLines="1" horizontalCentered="1"/>',
  );
  expect(/<pageSetup\b[^>]*>/.exec(na)?.[0]).toMatch(/useFirstPageNumber="1"/);
});

test("a cell style's protection, a table's style options, the date system and icon sets: true/false read as such", () => {
  const lees = <T>(
    x: { parseOpen(n: unknown): unknown; model?: unknown },
    name: string,
    attributes: Record<string, string>,
  ) => {
    x.parseOpen({ name, attributes });
    return x.model as T;
  };
  // Before: an unlocked cell came back locked (a protected sheet then refused the user's input), stripes went.
  expect(lees(new ProtectionXform(), "protection", { locked: "false", hidden: "true" })).toEqual({
    locked: false,
    hidden: true,
  });
  expect(
    lees(new TableStyleInfoXform(), "tableStyleInfo", {
      name: "TableStyleMedium2",
      showRowStripes: "true",
      showColumnStripes: "false",
      showFirstColumn: "true",
      showLastColumn: "false",
    }),
  ).toMatchObject({
    showRowStripes: true,
    showColumnStripes: false,
    showFirstColumn: true,
    showLastColumn: false,
  });
  expect(lees(new WorkbookPropertiesXform(), "workbookPr", { date1904: "true" })).toMatchObject({
    date1904: true,
  });
  expect([
    BaseXform.toBoolValue("true"),
    BaseXform.toBoolValue("0"),
    BaseXform.toBoolValue(undefined, true),
  ]).toEqual([true, false, true]);
});

describe("a table filtered in Excel with what exceljs does not model", () => {
  /** The first fill with Taakstelling's table filtered by Above Average, Top 10 and colour, sorted inside its filter. */
  async function gefilterd(): Promise<{ data: Uint8Array; pad: string; filters: string[] }> {
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    const filters = [
      '<filterColumn colId="1" hiddenButton="0"><dynamicFilter type="aboveAverage" val="300"/></filterColumn>',
      '<filterColumn colId="2" hiddenButton="0"><top10 val="5" filterVal="400"/></filterColumn>',
      '<filterColumn colId="3" hiddenButton="0"><colorFilter dxfId="0"/></filterColumn>',
    ];
    const sortering = '<sortState ref="A8:P27"><sortCondition descending="1" ref="B8:B27"/></sortState>';
    for (const pad of Object.keys(zip.files).filter((n) => /^xl\/tables\/[^/]+\.xml$/.test(n))) {
      const xml = (await zip.file(pad)?.async("string")) ?? "";
      if (!xml.includes('name="Opgave_Taakstelling"')) continue;
      let uit = xml;
      for (const [i, f] of filters.entries())
        uit = uit.replace(`<filterColumn colId="${i + 1}" hiddenButton="0"/>`, f);
      uit = uit.replace("</autoFilter>", `${sortering}</autoFilter>`);
      expect(filters.every((f) => uit.includes(f)) && uit.includes(sortering)).toBe(true);
      zip.file(pad, uit);
      return { data: await zip.generateAsync({ type: "uint8array" }), pad, filters: [...filters, sortering] };
    }
    throw new Error("tabel Opgave_Taakstelling niet gevonden");
  }

  test("a refill reads past them, and the filter stays as it was", async () => {
    const { data, pad, filters } = await gefilterd();
    // Before: "Unexpected xml node in parseOpen: {"name":"dynamicFilter",…}": the file was refused.
    const { data: na } = await schrijfXlsx(later, data);
    const tabel = (await (await JSZip.loadAsync(na)).file(pad)?.async("string")) ?? "";
    // The conditions; not the sort state (its range is the old table's: Excel sets it again when the user sorts).
    for (const f of filters.filter((x) => x.startsWith("<filterColumn"))) expect(tabel).toContain(f);
  });

  test("the consolidation reads the workbook (it was refused as no valid .xlsx, in English)", async () => {
    const { data } = await gefilterd();
    const a = await leesAanlevering("utrecht.xlsx", data);
    expect(a.bruikbaar).toBe(true);
    expect(a.onderwerp?.naam).toBe("Utrecht");
  });
});

test("a number is read as a date by its format, the same every time the format comes back", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Blad1");
  const notaties = ["d-m-yyyy", "#,##0", "[$-413]d mmmm yyyy", '0.00 "dagen"', "d-m-yyyy", "#,##0"];
  notaties.forEach((notatie, i) => {
    const cel = ws.getCell(i + 1, 1);
    cel.value = 45658;
    cel.numFmt = notatie;
  });
  const data = (await wb.xlsx.writeBuffer()) as ArrayBuffer;
  for (let keer = 0; keer < 2; keer++) {
    const terug = new ExcelJS.Workbook();
    await terug.xlsx.load(data);
    const waarden = notaties.map((_, i) => terug.getWorksheet("Blad1")?.getCell(i + 1, 1).value);
    // 45658 is 1 January 2025; a format with "d" only inside quotes is no date's.
    expect(waarden).toEqual([
      new Date(Date.UTC(2025, 0, 1)),
      45658,
      new Date(Date.UTC(2025, 0, 1)),
      45658,
      new Date(Date.UTC(2025, 0, 1)),
      45658,
    ]);
  }
});

test("a sheet protected with the password Excel 2007 and LibreOffice write keeps it through a refill (graft and full rewrite)", async () => {
  const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
  const pad = (await bladPaden(await Zip.loadAsync(await zip.generateAsync({ type: "uint8array" })))).get(
    "Taakstelling",
  );
  const xml = (await zip.file(pad ?? "")?.async("string")) ?? "";
  const bescherming = '<sheetProtection password="CC1A" sheet="1" objects="1" scenarios="1"/>';
  // In its place in CT_Worksheet: after sheetData (and sheetCalcPr), before autoFilter and the rest.
  zip.file(pad ?? "", xml.replace("</sheetData>", `</sheetData>${bescherming}`));
  const beschermd = await zip.generateAsync({ type: "uint8array" });
  for (const enten of [true, false]) {
    const { data } = await schrijfXlsx(later, beschermd, { enten, verliesToestaan: true });
    const na = (await (await JSZip.loadAsync(data)).file(pad ?? "")?.async("string")) ?? "";
    // Before: <sheetProtection sheet="1" objects="1" scenarios="1"/>: still protected, but anyone could lift it.
    expect([enten, /<sheetProtection\b[^>]*\bpassword="CC1A"/.test(na)]).toEqual([enten, true]);
  }
});

test("a conditional format's 'stop if true' goes through a refill (graft and full rewrite)", async () => {
  const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
  const pad = (await bladPaden(await Zip.loadAsync(await zip.generateAsync({ type: "uint8array" })))).get(
    "Taakstelling",
  );
  const xml = (await zip.file(pad ?? "")?.async("string")) ?? "";
  const regel = `<conditionalFormatting sqref="R8:R27"><cfRule type="cellIs" dxfId="0" priority="9" stopIfTrue="1" operator="equal"><formula>0</formula></cfRule></conditionalFormatting>`;
  zip.file(
    pad ?? "",
    xml.replace(/<conditionalFormatting\b/, (m) => `${regel}${m}`),
  );
  const met = await zip.generateAsync({ type: "uint8array" });
  for (const enten of [true, false]) {
    const { data } = await schrijfXlsx(later, met, { enten, verliesToestaan: true });
    const na = (await (await JSZip.loadAsync(data)).file(pad ?? "")?.async("string")) ?? "";
    // Before: <cfRule type="cellIs" dxfId="0" priority="…" operator="equal">: Excel went on to the next rules.
    expect([enten, /<conditionalFormatting sqref="R8:R27"><cfRule\b[^>]*\bstopIfTrue="1"/.test(na)]).toEqual([
      enten,
      true,
    ]);
  }
});

test("a folded group's marker stays on its summary row and column (graft and full rewrite); a column with only the marker stays", async () => {
  const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
  const pad = (await bladPaden(await Zip.loadAsync(await zip.generateAsync({ type: "uint8array" })))).get(
    "Taakstelling",
  );
  let xml = (await zip.file(pad ?? "")?.async("string")) ?? "";
  // Rows 12–15 grouped and folded under row 16; columns N:P under Q (which holds nothing but the marker).
  for (const r of [12, 13, 14, 15])
    xml = xml.replace(`<row r="${r}"`, `<row r="${r}" hidden="1" outlineLevel="1"`);
  xml = xml
    .replace('<row r="16"', '<row r="16" collapsed="1"')
    .replace(/outlineLevelRow="0"/, 'outlineLevelRow="1"')
    .replace(/<col min="14" max="14"([^>]*?)\/>/, '<col min="14" max="14"$1 hidden="1" outlineLevel="1"/>')
    .replace("</cols>", '<col min="17" max="17" width="9" collapsed="1"/></cols>');
  expect(xml).toContain('<row r="16" collapsed="1"');
  zip.file(pad ?? "", xml);
  const met = await zip.generateAsync({ type: "uint8array" });
  for (const enten of [true, false]) {
    const { data } = await schrijfXlsx(later, met, { enten, verliesToestaan: true });
    const na = (await (await JSZip.loadAsync(data)).file(pad ?? "")?.async("string")) ?? "";
    const rijen = [...na.matchAll(/<row r="(\d+)"[^>]*\bcollapsed="1"/g)].map((m) => m[1]);
    const kolommen = [...na.matchAll(/<col min="(\d+)"[^>]*\bcollapsed="1"/g)].map((m) => m[1]);
    // Before: on rows 12–15 and column N (exceljs's own reading), none on row 16, and column Q gone.
    expect({ enten, rijen, kolommen }).toEqual({ enten, rijen: ["16"], kolommen: ["17"] });
  }
});

test("the sheet tab the user selected stays selected through a refill (graft and full rewrite)", async () => {
  const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
  const paden = await bladPaden(await Zip.loadAsync(await zip.generateAsync({ type: "uint8array" })));
  const pad = paden.get("Opvang") ?? "";
  const xml = (await zip.file(pad)?.async("string")) ?? "";
  const weergave = '<sheetViews><sheetView tabSelected="1" zoomScale="130" workbookViewId="0"/></sheetViews>';
  zip.file(
    pad,
    /<sheetViews>/.test(xml)
      ? xml.replace(/<sheetViews>.*?<\/sheetViews>/, weergave)
      : xml.replace(/<sheetFormatPr\b/, (m) => `${weergave}${m}`),
  );
  const met = await zip.generateAsync({ type: "uint8array" });
  for (const enten of [true, false]) {
    const { data } = await schrijfXlsx(later, met, { enten, verliesToestaan: true });
    const na = await JSZip.loadAsync(data);
    const geselecteerd: string[] = [];
    for (const [blad, p] of paden)
      if (/<sheetView\b[^>]*\stabSelected="1"/.test((await na.file(p)?.async("string")) ?? ""))
        geselecteerd.push(blad);
    // Before: none (exceljs reads tabSelected and leaves it out of the view it makes).
    expect({ enten, geselecteerd }).toEqual({ enten, geselecteerd: ["Opvang"] });
  }
});
