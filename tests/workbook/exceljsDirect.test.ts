/**
 * src/workbook/exceljsDirect.ts: where it reads a worksheet's rows or the shared strings, the model is the one
 * exceljs's own parser builds from the whole XML (`WorksheetXform`, `SharedStringsXform`: the references); where it
 * cannot be sure, it reads nothing and exceljs reads the part. Checked on every sheet and the shared strings of real
 * workbooks, on edge cases, and on parts damaged at random: what is read here, exceljs reads to the same model (or
 * both fail).
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { unzipSync } from "fflate";
import { bladZonderRijen, gedeeldeTekstenModel } from "../../src/workbook/exceljsDirect";
import { tekstenZoalsExceljs, verwachtZoalsExceljs } from "./exceljsDirectHulp";
import { planGemeente, planProvincie } from "../../src/workbook/bouwPlan";
import { schrijfXlsx } from "../../src/workbook/xlsxWriter";
import { engine } from "../domain/helpers";
import { bewaarXlsx, blad, leesXlsx, TEST_BRON } from "./werkboekHulp";

async function provincie(): Promise<Uint8Array> {
  return (await schrijfXlsx(planProvincie(engine, "Gelderland", "2024-I", TEST_BRON))).data;
}

function werkbladen(data: Uint8Array): [string, string][] {
  return Object.entries(unzipSync(data))
    .filter(([naam]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(naam))
    .map(([naam, inhoud]) => [naam, new TextDecoder().decode(inhoud)]);
}

/** A worksheet around the given inside of `sheetData`. */
function werkblad(rijen: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">' +
    '<dimension ref="A1:C3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>' +
    `<sheetData>${rijen}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" ` +
    'header="0.3" footer="0.3"/></worksheet>'
  );
}

test("every sheet of Opgave's own workbooks, first filled and refilled: read here, to exceljs's model", async () => {
  const gemeente = (await schrijfXlsx(planGemeente(engine, "Utrecht", TEST_BRON))).data;
  const eerst = await provincie();
  const ingevuld = await leesXlsx(eerst);
  blad(ingevuld, "Provincie").getCell("D10").value = 12;
  const later = planProvincie(engine, "Gelderland", "2024-I", {
    ...TEST_BRON,
    gemaakt: "2026-12-02T10:00:00Z",
  });
  const opnieuw = (await schrijfXlsx(later, await bewaarXlsx(ingevuld))).data;
  for (const data of [gemeente, eerst, opnieuw]) {
    // All of Opgave's sheets are in what is read here: else a refill would not gain what this is for.
    for (const [naam, xml] of werkbladen(data))
      if (!(await verwachtZoalsExceljs(xml))) throw new Error(`${naam} niet gelezen`);
  }
});

test("a user's sheet of many kinds of cell (dates, formulas, a hyperlink, merged cells, errors): exceljs's model", async () => {
  const wb = await leesXlsx(await provincie());
  const eigen = wb.addWorksheet("Mijn blad");
  eigen.getCell("A1").value = new Date(Date.UTC(2024, 6, 1));
  eigen.getCell("A2").value = { text: "site", hyperlink: "https://example.org/?a=1&b='2'" };
  eigen.getCell("A3").value = {
    formula: 'IF(Provincie!B10>"x";"<&>";"")',
    result: "<&>",
  } as ExcelJS.CellFormulaValue;
  eigen.getCell("A4").value = "regel 1\nregel 2\ttab € \"x\" 'y'";
  eigen.getCell("A5").value = true;
  eigen.getCell("A6").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
  eigen.getCell("A7").value = 1.5e-7;
  eigen.getCell("B1").value = 1;
  eigen.getCell("B2").value = { formula: "B1*2", result: 2 } as ExcelJS.CellFormulaValue;
  eigen.getCell("B3").value = { sharedFormula: "B2", result: 4 } as ExcelJS.CellSharedFormulaValue;
  eigen.getCell("C1").style = { font: { bold: true } };
  eigen.getRow(9).height = 30;
  eigen.getRow(10).hidden = true;
  eigen.mergeCells("D1:E2");
  for (const [naam, xml] of werkbladen(await bewaarXlsx(wb)))
    if (!(await verwachtZoalsExceljs(xml))) throw new Error(`${naam} niet gelezen`);
});

describe("edge cases", () => {
  const gelezen: [string, string][] = [
    [
      "inline text with references",
      '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> a &amp; b &#x20AC; </t></is></c></row>',
    ],
    [
      "a str value, decoded twice as exceljs does",
      '<row r="1"><c r="A1" t="str"><v>&amp;lt;x&amp;gt;</v></c></row>',
    ],
    [
      "boolean, error, number, date type",
      '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#N/A</v></c><c r="C1"><v>-1.5E3</v></c><c r="D1" t="d"><v>2024-01-01</v></c></row>',
    ],
    [
      "formula results of each type",
      '<row r="1"><c r="A1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="B1" t="b"><f>TRUE()</f><v>1</v></c><c r="C1" t="e"><f>NA()</f><v>#N/A</v></c><c r="D1"><f>1&gt;0</f></c></row>',
    ],
    [
      "shared and array formulas",
      '<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1*2</f><v>4</v></c></row><row r="2"><c r="A2"><f t="shared" si="0"/><v>6</v></c><c r="B2"><f t="array" ref="B2">SUM(C1:C2)</f><v>0</v></c></row>',
    ],
    [
      "empty cells with and without a style",
      '<row r="1"><c r="A1" s="3"/><c r="B1"/><c r="C1" s="0"></c><c r="D1" s="2"><v></v></c></row>',
    ],
    [
      "every row attribute",
      '<row r="2" spans="1:3" s="4" customFormat="1" ht="30.5" customHeight="1" hidden="1" bestFit="true" outlineLevel="1" collapsed="true" x14ac:dyDescent="0.25"><c r="A2"><v>1</v></c></row><row r="3"/>',
    ],
    [
      "single quotes and white space everywhere",
      "\n  <row r='1' >\n    <c  r = 'A1'  t='s' >\n      <v>0</v>\n    </c >\n  </row>\n",
    ],
    ["no rows", ""],
    ["text in a formula and value joined", '<row r="1"><c r="A1"><f>1+</f><f>2</f><v>3</v></c></row>'],
  ];
  test.each(gelezen)("read here: %s", async (_, rijen) => {
    expect(await verwachtZoalsExceljs(werkblad(rijen))).toBe(true);
  });

  const gelaten: [string, string][] = [
    ["rich text", '<row r="1"><c r="A1" t="inlineStr"><is><r><t>x</t></r></is></c></row>'],
    [
      "a phonetic run",
      '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t><rPh sb="0" eb="1"><t>y</t></rPh></is></c></row>',
    ],
    ["an extension in a row", '<row r="1"><extLst/></row>'],
    ["a comment", '<row r="1"><!-- x --></row>'],
    ["CDATA", '<row r="1"><c r="A1"><v><![CDATA[1]]></v></c></row>'],
    ["a carriage return", '<row r="1">\r\n</row>'],
    ["an unknown entity", '<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>'],
    ["a bare ampersand", '<row r="1"><c r="A1" t="str"><v>a & b</v></c></row>'],
    ["a reference to no character", '<row r="1"><c r="A1" t="str"><v>&#0;</v></c></row>'],
    ["a name of Object's own as reference", '<row r="1"><c r="A1" t="str"><v>&constructor;</v></c></row>'],
    ["a control character", '<row r="1"><c r="A1" t="str"><v>\u0001</v></c></row>'],
    ["a duplicate attribute", '<row r="1" r="2"/>'],
    ["a tab in an attribute value", '<row r="1" spans="1:\t2"/>'],
    ["tags that do not nest", '<row r="1"><c r="A1"></row></c>'],
    ["a cell outside a row", '<c r="A1"/>'],
    ["an unclosed row", '<row r="1">'],
    ["text between cells", '<row r="1">x<c r="A1"/></row>'],
    ["a prefixed row", '<x:row r="1"/>'],
    ["a processing instruction", '<row r="1"><?pi x?></row>'],
    ["an unquoted attribute", "<row r=1/>"],
    ["a second sheetData", '</sheetData><sheetData><row r="1"/>'],
    [
      "more attributes than any writer writes (a hostile file)",
      `<row r="1">${"<c " + Array.from({ length: 40 }, (_, i) => `a${i}="1"`).join(" ") + "/>"}</row>`,
    ],
  ];
  test.each(gelaten)("left to exceljs: %s", (_, rijen) => {
    expect(bladZonderRijen(werkblad(rijen))).toBeUndefined();
  });

  test("a sheetData with attributes, or none: left to exceljs", () => {
    expect(bladZonderRijen(werkblad("").replace("<sheetData>", '<sheetData x="1">'))).toBeUndefined();
    expect(bladZonderRijen(werkblad("").replace("<sheetData></sheetData>", "<sheetData/>"))).toBeUndefined();
  });
});

/** Damage that breaks XML in the ways a reader must notice: markup, references, forbidden characters. */
const SCHADE = [
  "<",
  ">",
  "&",
  ";",
  '"',
  "'",
  "/",
  "=",
  " ",
  "\n",
  "\r",
  "!",
  "?",
  "]",
  "a",
  "1",
  "#",
  "&amp;",
  "\u0001",
  "é",
];

/**
 * `xml` damaged at random (up to three places, each a piece of `SCHADE` or of `eigen` put in, up to three characters
 * taken out), 200 times: `vergelijk` checks each and says whether it was read here. Some must be, and some not, for
 * the property to say something.
 */
async function bijSchade(
  xml: string,
  eigen: readonly string[],
  vergelijk: (beschadigd: string) => Promise<boolean>,
): Promise<void> {
  const stukje = fc.constantFrom(...SCHADE, ...eigen);
  let gelezen = 0;
  const schade = fc.array(fc.tuple(fc.nat({ max: xml.length }), fc.nat({ max: 3 }), stukje), {
    minLength: 1,
    maxLength: 3,
  });
  await fc.assert(
    fc.asyncProperty(schade, async (wijzigingen) => {
      let beschadigd = xml;
      for (const [plek, weg, erin] of wijzigingen)
        beschadigd = beschadigd.slice(0, plek) + erin + beschadigd.slice(plek + weg);
      if (await vergelijk(beschadigd)) gelezen++;
    }),
    { numRuns: 200, seed: 20261201 },
  );
  expect(gelezen).toBeGreaterThan(20);
  expect(gelezen).toBeLessThan(200);
}

test("a province sheet damaged at random: what is read here, exceljs reads without error to the same model", async () => {
  const xml = werkbladen(await provincie())[0]?.[1] ?? "";
  const eigen = ["</c>", "<v>", "</v>", "<f>", '<c r="Z1">', "</row>", "<is><t>", 't="str" ', 's="2" '];
  await bijSchade(xml, eigen, verwachtZoalsExceljs);
});

describe("shared strings", () => {
  const teksten = (data: Uint8Array) => new TextDecoder().decode(unzipSync(data)["xl/sharedStrings.xml"]);

  /** The shared strings part around the given `si`s. */
  const sst = (si: string) =>
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">${si}</sst>`;

  test("Opgave's workbooks, first filled, filled in by a user with texts of every kind, refilled: read here", async () => {
    const eerst = await provincie();
    const wb = await leesXlsx(eerst);
    const eigen = wb.addWorksheet("Mijn blad");
    const soorten = [
      " spatie voor",
      "na ",
      "regel 1\nregel 2",
      "tab\t",
      "a & b < c > d \"e\" 'f'",
      "€ één 😀",
      "_x000D_",
      "",
    ];
    soorten.forEach((t, i) => (eigen.getCell(i + 1, 1).value = t));
    const later = planProvincie(engine, "Gelderland", "2024-I", {
      ...TEST_BRON,
      gemaakt: "2026-12-02T10:00:00Z",
    });
    const opnieuw = (await schrijfXlsx(later, await bewaarXlsx(wb))).data;
    for (const data of [eerst, await bewaarXlsx(wb), opnieuw])
      if (!(await tekstenZoalsExceljs(teksten(data)))) throw new Error("niet gelezen");
  });

  const gelezen: [string, string][] = [
    ["Excel's escapes, upper case only", "<si><t>a_x000D_b_x0041__x000d_</t></si>"],
    [
      "an empty t, attributes, white space",
      '\n <si ><t xml:space="preserve">  x  </t></si>\n <si><t/></si> ',
    ],
    ["references", "<si><t>&lt;&amp;&gt;&#x20AC;&#233;&quot;&apos;</t></si>"],
    ["none", ""],
  ];
  test.each(gelezen)("read here: %s", async (_, si) => {
    expect(await tekstenZoalsExceljs(sst(si))).toBe(true);
  });

  const gelaten: [string, string][] = [
    ["rich text", "<si><r><t>a</t></r></si>"],
    ["a phonetic run", '<si><t>a</t><rPh sb="0" eb="1"><t>b</t></rPh></si>'],
    ["phonetic properties", '<si><t>a</t><phoneticPr fontId="1"/></si>'],
    ["two t in one si", "<si><t>a</t><t>b</t></si>"],
    ["an si without a t", "<si></si>"],
    ["an extension", "<si><t>a</t></si><extLst/>"],
    ["a comment", "<si><t>a</t></si><!-- x -->"],
    ["text outside a t", "<si>x<t>a</t></si>"],
    ["an unknown entity", "<si><t>&nbsp;</t></si>"],
  ];
  test.each(gelaten)("left to exceljs: %s", (_, si) => {
    expect(gedeeldeTekstenModel(sst(si))).toBeUndefined();
  });

  test("a root that is not sst, something around it, or a declaration saxes refuses: left to exceljs", () => {
    expect(gedeeldeTekstenModel("<sstx><si><t>a</t></si></sstx>")).toBeUndefined();
    expect(gedeeldeTekstenModel("<w><sst><si><t>a</t></si></sst></w>")).toBeUndefined();
    expect(gedeeldeTekstenModel("<sst><si><t>a</t></si></sst>x")).toBeUndefined();
    expect(gedeeldeTekstenModel('<?xml version="2.0"?><sst><si><t>a</t></si></sst>')).toBeUndefined();
    expect(gedeeldeTekstenModel("<sst/>")).toBeUndefined();
    expect(gedeeldeTekstenModel("\uFEFF<sst><si><t>a</t></si></sst>")).toEqual({ values: ["a"], count: 1 });
  });

  test("shared strings damaged at random: what is read here, exceljs reads to the same model", async () => {
    const wb = await leesXlsx(await provincie());
    blad(wb, "Provincie").getCell("Z1").value = "a & b < c _x000D_ é";
    const xml = teksten(await bewaarXlsx(wb));
    await bijSchade(xml, ["</si>", "<si>", "<t>", "</t>", "<r>", "_x0041_"], tekstenZoalsExceljs);
  });
});
