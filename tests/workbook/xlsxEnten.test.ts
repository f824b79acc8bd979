/**
 * A refill grafts Opgave's freshly written sheets into the original package (src/workbook/xlsxEnten.ts): every
 * part Opgave does not own stays byte for byte — also what exceljs cannot write (external links, x14 validations,
 * connections, customXml, custom document properties, pivot tables, the user's charts on their own sheets) — and
 * Opgave's sheets are updated with the user's input, notes and charts kept.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { unzipSync, zipSync } from "fflate";
import { XMLValidator } from "fast-xml-parser";
import { isoUitExcel } from "../../src/domain/tijdstip";
import { planGemeente, planProvincie } from "../../src/workbook/bouwPlan";
import { BLADEN, GRAFIEK_TITELS } from "../../src/workbook/indeling";
import { celWaarde, schrijfXlsx, VerliesFout } from "../../src/workbook/xlsxWriter";
import * as entenModule from "../../src/workbook/xlsxEnten";
import { entInOrigineel, kanEnten, tekstSleutel } from "../../src/workbook/xlsxEnten";
import {
  bladPaden,
  getekendOp,
  GRAFIEK_PREFIX,
  grafiekXml,
  leesNotities,
  metFilters,
  relaties,
  tabelFilters,
  tabelNaam,
  tabelStijl,
  verliesBijHerschrijven,
  verliesNaSchrijven,
} from "../../src/workbook/xlsxOnderdelen";
import Zip from "../../src/workbook/zip";
import { ruweGegevens, zipInhoud, ZipLezer } from "../../src/workbook/zipInhoud";
import { engine } from "../domain/helpers";
import {
  bewaarXlsx as bewaar,
  blad,
  leesXlsx as lees,
  rijVan,
  TEST_BRON,
  verwachtWerkbladVolgorde,
  zonderRij,
} from "./werkboekHulp";

const utrecht = planGemeente(engine, "Utrecht", TEST_BRON);
/** The same workbook a month later: Bron!B9 ("Gevuld op") differs. */
const LATER = "2027-01-05T09:30:00Z";
const later = planGemeente(engine, "Utrecht", { ...TEST_BRON, gemaakt: LATER });
const EIGEN_BLADEN = utrecht.bladen.map((b) => b.naam);
const EIGEN = "xl/worksheets/sheet7.xml";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

async function tekst(zip: JSZip, naam: string): Promise<string> {
  const t = await zip.file(naam)?.async("string");
  if (t === undefined) throw new Error(`${naam} ontbreekt`);
  return t;
}

async function wijzig(zip: JSZip, naam: string, f: (xml: string) => string): Promise<void> {
  zip.file(naam, f(await tekst(zip, naam)));
}

const rel = (id: string, type: string, doel: string) =>
  `<Relationship Id="${id}" Type="${type}" Target="${doel}"/></Relationships>`;
const override = (part: string, type: string) =>
  `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-officedocument.${type}"/></Types>`;

/** Every part (not folder entries) with its bytes. */
async function delen(data: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(data);
  const uit = new Map<string, Uint8Array>();
  for (const [naam, f] of Object.entries(zip.files)) if (!f.dir) uit.set(naam, await f.async("uint8array"));
  return uit;
}

/**
 * The parts Opgave owns or changes in a refill: its sheets and what hangs off them, the workbook, its
 * relationships, content types, styles and calcChain. Read from the file with JSZip (not with the module's helpers).
 */
async function opgaveDelen(data: Uint8Array): Promise<Set<string>> {
  const zip = await JSZip.loadAsync(data);
  const eigen = new Set([
    "[Content_Types].xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
    "xl/calcChain.xml",
  ]);
  const wb = await tekst(zip, "xl/workbook.xml");
  const wbRels = await tekst(zip, "xl/_rels/workbook.xml.rels");
  const volg = async (part: string): Promise<void> => {
    eigen.add(part);
    const relsPad = part.replace(/([^/]+)$/, "_rels/$1.rels");
    const rels = await zip.file(relsPad)?.async("string");
    if (rels === undefined) return;
    eigen.add(relsPad);
    for (const m of rels.matchAll(/Target="([^"]+)"(?! TargetMode="External")/g)) {
      const doel = path(part, m[1] ?? "");
      if (!eigen.has(doel)) await volg(doel);
    }
  };
  for (const naam of EIGEN_BLADEN) {
    const rid = new RegExp(`<sheet [^>]*name="${naam}"[^>]*r:id="([^"]+)"`).exec(wb)?.[1];
    const doel = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(wbRels)?.[1];
    if (doel) await volg(`xl/${doel}`);
  }
  return eigen;
}

function path(basis: string, doel: string): string {
  const delen = basis.split("/").slice(0, -1);
  for (const d of doel.split("/"))
    if (d === "..") delen.pop();
    else delen.push(d);
  return delen.join("/");
}

/** Every part of `oud` Opgave does not own is in `nieuw`, byte for byte; returns the names compared. */
async function verwachtOngewijzigd(oud: Uint8Array, nieuw: Uint8Array): Promise<string[]> {
  const [a, b, eigen] = [await delen(oud), await delen(nieuw), await opgaveDelen(oud)];
  const vergeleken: string[] = [];
  for (const [naam, bytes] of a) {
    if (eigen.has(naam)) continue;
    expect([naam, Buffer.from(b.get(naam) ?? []).equals(Buffer.from(bytes))]).toEqual([naam, true]);
    vergeleken.push(naam);
  }
  return vergeleken;
}

/** The shared strings of a package, as the `<si>` elements in its sharedStrings.xml. */
async function gedeeldeTeksten(zip: JSZip): Promise<string[]> {
  const xml = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
  return [...xml.matchAll(/<si\b[^>]*?(?:\/>|>[\s\S]*?<\/si>)/g)].map((m) => m[0]);
}

/** Every shared-string cell of every sheet refers to a string the package has. */
async function verwachtGeldigeVerwijzingen(data: Uint8Array): Promise<void> {
  const zip = await JSZip.loadAsync(data);
  const aantal = (await gedeeldeTeksten(zip)).length;
  for (const naam of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    for (const m of (await tekst(zip, naam)).matchAll(/<c\b[^>]*\st="s"[^>]*>\s*<v>(\d+)<\/v>/g)) {
      expect([naam, Number(m[1]) < aantal]).toEqual([naam, true]);
    }
  }
}

/**
 * Every XML part parses, and the elements of each of Opgave's sheets stand in CT_Worksheet's order (Excel repairs a
 * file otherwise; the user's sheets are the user's, here often written by exceljs, which breaks the order itself).
 */
async function welgevormd(data: Uint8Array): Promise<void> {
  const zip = await JSZip.loadAsync(data);
  for (const naam of Object.keys(zip.files).filter((n) => /\.(xml|rels|vml)$/.test(n))) {
    expect([naam, XMLValidator.validate(await tekst(zip, naam))]).toEqual([naam, true]);
  }
  await verwachtWerkbladVolgorde(data, EIGEN_BLADEN);
}

/** The user's things exceljs can write: input, notes, an own sheet with a table, a styled cell, protection. */
async function metExceljs(): Promise<Uint8Array> {
  const wb = await lees((await schrijfXlsx(utrecht)).data);
  const t = blad(wb, "Taakstelling");
  t.getCell(rijVan(t, "2024-I"), 7).value = 123;
  t.getCell("F9").note = "notitie in de tabel";
  t.getCell("N20").note = { texts: [{ text: "Jan: ", font: { bold: true } }, { text: "leeg" }] };
  t.getCell("B5").style = {
    ...t.getCell("B5").style,
    numFmt: "0.000;[Red]-0.000",
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } },
  };
  const eigen = wb.addWorksheet("Mijn blad");
  eigen.getCell("A1").value = 1;
  eigen.getCell("C3").note = "op mijn eigen blad";
  eigen.addTable({
    name: "MijnTabel",
    ref: "A5",
    headerRow: true,
    columns: [{ name: "Wat" }, { name: "Hoeveel" }],
    rows: [["appels", 3]],
  } as ExcelJS.TableProperties);
  await eigen.protect("", {});
  // exceljs dropped Opgave's chart on load; a refill puts it back, as in a file the user has.
  return (await schrijfXlsx(utrecht, await bewaar(wb))).data;
}

/** A drawing with a chart of the user's own (not named Opgave_Grafiek_…). */
function eigenGrafiek(zip: JSZip): void {
  zip.file(
    "xl/drawings/drawing9.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>12</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Mijn grafiek"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS_REL}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`,
  );
  zip.file(
    "xl/drawings/_rels/drawing9.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel("rId1", `${NS_REL}/chart`, "../charts/chart9.xml")}`,
  );
  zip.file(
    "xl/charts/chart9.xml",
    grafiekXml({
      blad: "Mijn blad",
      titel: "Appels",
      soort: "kolom",
      rij: 1,
      kolom: 5,
      breedteKolommen: 5,
      hoogteRijen: 12,
      categorieRef: "'Mijn blad'!$A$6",
      categorieen: ["appels"],
      reeksen: [{ naamRef: "'Mijn blad'!$B$5", naam: "Hoeveel", ref: "'Mijn blad'!$B$6", waarden: [3] }],
    }),
  );
}

/** The user's sheet: an external link formula, a drawing with a chart, a pivot table, an x14 list validation. */
async function eigenBladDelen(zip: JSZip): Promise<void> {
  eigenGrafiek(zip);
  zip.file(
    "xl/pivotTables/pivotTable1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotTableDefinition xmlns="${MAIN}" name="Draaitabel1" cacheId="1" dataCaption="Waarden"><location ref="E20:F22" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/></pivotTableDefinition>`,
  );
  zip.file(
    "xl/pivotTables/_rels/pivotTable1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel("rId1", `${NS_REL}/pivotCacheDefinition`, "../pivotCache/pivotCacheDefinition1.xml")}`,
  );
  zip.file(
    "xl/pivotCache/pivotCacheDefinition1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="${MAIN}" recordCount="0"><cacheSource type="worksheet"><worksheetSource ref="A5:B6" sheet="Mijn blad"/></cacheSource><cacheFields count="0"/></pivotCacheDefinition>`,
  );
  await wijzig(zip, "xl/worksheets/_rels/sheet7.xml.rels", (x) =>
    x
      .replace("</Relationships>", rel("rIdDr9", `${NS_REL}/drawing`, "../drawings/drawing9.xml"))
      .replace("</Relationships>", rel("rIdPt1", `${NS_REL}/pivotTable`, "../pivotTables/pivotTable1.xml")),
  );
  await wijzig(zip, EIGEN, (x) =>
    x
      .replace(/<c r="A1"[^>]*>[\s\S]*?<\/c>/, '<c r="A1"><f>[1]Blad1!$A$1</f><v>7</v></c>')
      .replace("<legacyDrawing ", '<drawing r:id="rIdDr9"/><legacyDrawing ')
      .replace(
        "</worksheet>",
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Taakstelling!$A$8:$A$27</xm:f></x14:formula1><xm:sqref>B1:B3</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>',
      ),
  );
}

/** Workbook-level parts exceljs does not write: external link, connections, customXml, custom properties, … */
async function werkboekDelen(zip: JSZip): Promise<void> {
  zip.file(
    "xl/externalLinks/externalLink1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="${MAIN}" xmlns:r="${NS_REL}"><externalBook r:id="rId1"><sheetNames><sheetName val="Blad1"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>7</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
  );
  zip.file(
    "xl/externalLinks/_rels/externalLink1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_REL}/externalLinkPath" Target="Blad1.xlsx" TargetMode="External"/></Relationships>`,
  );
  zip.file(
    "xl/connections.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<connections xmlns="${MAIN}"><connection id="1" name="Bron" type="5" refreshedVersion="6"><dbPr connection="Provider=x" command="t"/></connection></connections>`,
  );
  zip.file("customXml/item1.xml", '<?xml version="1.0" encoding="UTF-8"?><root xmlns="urn:opgave:proef"/>');
  zip.file(
    "docProps/custom.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Afdeling"><vt:lpwstr>Wonen</vt:lpwstr></property></Properties>`,
  );
  zip.file(
    "xl/calcChain.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="${MAIN}"><c r="H8" i="2"/></calcChain>`,
  );
  await wijzig(zip, "_rels/.rels", (x) =>
    x.replace("</Relationships>", rel("rIdCp", `${NS_REL}/custom-properties`, "docProps/custom.xml")),
  );
  await wijzig(zip, "xl/_rels/workbook.xml.rels", (x) =>
    [
      rel("rIdExt1", `${NS_REL}/externalLink`, "externalLinks/externalLink1.xml"),
      rel("rIdCon", `${NS_REL}/connections`, "connections.xml"),
      rel("rIdCx", `${NS_REL}/customXml`, "../customXml/item1.xml"),
      rel("rIdPc1", `${NS_REL}/pivotCacheDefinition`, "pivotCache/pivotCacheDefinition1.xml"),
      rel("rIdCc", `${NS_REL}/calcChain`, "calcChain.xml"),
    ].reduce((xml, r) => xml.replace("</Relationships>", r), x),
  );
  await wijzig(zip, "xl/workbook.xml", (x) =>
    x
      .replace(
        "</sheets>",
        '</sheets><externalReferences><externalReference r:id="rIdExt1"/></externalReferences>',
      )
      .replace(
        "</definedNames>",
        `<definedName name="MijnNaam">'Mijn blad'!$A$1</definedName><definedName name="_xlnm.Print_Area" localSheetId="6">'Mijn blad'!$A$1:$C$3</definedName></definedNames>`,
      )
      .replace(
        "</workbook>",
        '<pivotCaches><pivotCache cacheId="1" r:id="rIdPc1"/></pivotCaches></workbook>',
      ),
  );
  await wijzig(zip, "[Content_Types].xml", (x) =>
    [
      override("/xl/externalLinks/externalLink1.xml", "spreadsheetml.externalLink+xml"),
      override("/xl/connections.xml", "spreadsheetml.connections+xml"),
      override("/docProps/custom.xml", "custom-properties+xml"),
      override("/xl/calcChain.xml", "spreadsheetml.calcChain+xml"),
      override("/xl/drawings/drawing9.xml", "drawing+xml"),
      override("/xl/charts/chart9.xml", "drawingml.chart+xml"),
      override("/xl/pivotTables/pivotTable1.xml", "spreadsheetml.pivotTable+xml"),
      override("/xl/pivotCache/pivotCacheDefinition1.xml", "spreadsheetml.pivotCacheDefinition+xml"),
    ].reduce((xml, o) => xml.replace("</Types>", o), x),
  );
}

/** A workbook with everything of the user's that exceljs alone would drop. */
async function bouwOrigineel(): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await metExceljs());
  await eigenBladDelen(zip);
  await werkboekDelen(zip);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

describe("a refill grafts Opgave's sheets into the original file", () => {
  let origineel: Uint8Array;
  let eerste: { data: Uint8Array; rapport: { verloren: string[] } };
  beforeAll(async () => {
    origineel = await bouwOrigineel();
    eerste = await schrijfXlsx(later, origineel);
  });

  test("the original holds what exceljs alone would drop (the test is about something)", async () => {
    expect(await verliesBijHerschrijven(origineel)).toEqual(["1 eigen grafiek", "draaitabellen"]);
    expect(await verliesBijHerschrijven(origineel, EIGEN_BLADEN)).toEqual([]);
    expect(await kanEnten(origineel, EIGEN_BLADEN)).toBe(true);
  });

  test("nothing is lost or refused; every part Opgave does not own is byte-identical", async () => {
    expect(eerste.rapport.verloren).toEqual([]);
    const vergeleken = await verwachtOngewijzigd(origineel, eerste.data);
    expect(vergeleken).toEqual(
      expect.arrayContaining([
        EIGEN,
        "xl/worksheets/_rels/sheet7.xml.rels",
        "xl/sharedStrings.xml",
        "xl/externalLinks/externalLink1.xml",
        "xl/externalLinks/_rels/externalLink1.xml.rels",
        "xl/connections.xml",
        "customXml/item1.xml",
        "docProps/custom.xml",
        "docProps/app.xml",
        "xl/pivotTables/pivotTable1.xml",
        "xl/pivotCache/pivotCacheDefinition1.xml",
        "xl/drawings/drawing9.xml",
        "xl/charts/chart9.xml",
        "xl/theme/theme1.xml",
      ]),
    );
  });

  test("Opgave's sheets are updated; the user's input, notes, formats and Opgave's chart are there", async () => {
    const wb = await lees(eerste.data);
    expect(isoUitExcel(celWaarde(blad(wb, "Bron").getCell("B9")) as number)).toBe(
      new Date(LATER).toISOString(),
    );
    const t = blad(wb, "Taakstelling");
    expect(celWaarde(t.getCell(rijVan(t, "2024-I"), 7))).toBe(123);
    expect(t.getCell("B5").numFmt).toBe("0.000;[Red]-0.000");
    expect(t.getCell("B5").fill).toEqual({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFFF0000" },
    });
    expect(celWaarde(t.getCell("A7"))).toBe("Periode");
    expect(await leesNotities(eerste.data)).toEqual(await leesNotities(origineel));
    const zip = await JSZip.loadAsync(eerste.data);
    const grafieken = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(grafieken.sort()).toEqual(["xl/charts/chart1.xml", "xl/charts/chart9.xml"]);
    const tekening = await tekst(zip, "xl/drawings/drawing1.xml");
    expect(tekening).toContain(`name="${GRAFIEK_PREFIX}1"`);
    // Texts the original's shared strings hold are referred to there (that part stays byte for byte, above).
    expect(await tekst(zip, "xl/worksheets/sheet2.xml")).toMatch(/t="s"/);
    await verwachtGeldigeVerwijzingen(eerste.data);
  });

  test("exceljs writes Opgave's sheets only for the graft: the user's sheet is not written to be thrown away", async () => {
    const ent = jest.spyOn(entenModule, "entInOrigineel");
    try {
      await schrijfXlsx(later, origineel);
      const nieuw = ent.mock.calls[0]?.[1];
      if (!nieuw) throw new Error("geen ent");
      const bladen = [
        ...(await tekst(await JSZip.loadAsync(nieuw), "xl/workbook.xml")).matchAll(
          /<sheet\b[^>]*\bname="([^"]*)"/g,
        ),
      ];
      expect(bladen.map((m) => m[1])).toEqual(EIGEN_BLADEN);
    } finally {
      ent.mockRestore();
    }
  });

  test("a package the graft turns down after all: the full rewrite from the start, with its own loss check", async () => {
    const ent = jest.spyOn(entenModule, "entInOrigineel").mockResolvedValue(undefined);
    try {
      await expect(schrijfXlsx(later, origineel)).rejects.toMatchObject({
        onderdelen: expect.arrayContaining(["1 eigen grafiek", "draaitabellen"]) as unknown,
      });
      const { data, rapport } = await schrijfXlsx(later, origineel, { verliesToestaan: true });
      expect(rapport.verloren).toEqual(expect.arrayContaining(["1 eigen grafiek", "draaitabellen"]));
      const wb = await lees(data);
      // The user's sheet is in the full rewrite too (its external link formula, as the original holds it).
      expect(celWaarde(blad(wb, "Mijn blad").getCell("A1"))).toBe("=[1]Blad1!$A$1");
      const t = blad(wb, "Taakstelling");
      expect(celWaarde(t.getCell(rijVan(t, "2024-I"), 7))).toBe(123);
      expect(ent).toHaveBeenCalledTimes(2);
    } finally {
      ent.mockRestore();
    }
  });

  test("the workbook: user names verbatim, Opgave's names once, full recalculation, no calcChain", async () => {
    const zip = await JSZip.loadAsync(eerste.data);
    const wb = await tekst(zip, "xl/workbook.xml");
    expect(wb).toContain(`<definedName name="MijnNaam">'Mijn blad'!$A$1</definedName>`);
    expect(wb).toContain(
      `<definedName name="_xlnm.Print_Area" localSheetId="6">'Mijn blad'!$A$1:$C$3</definedName>`,
    );
    expect(wb.match(/name="Opgave_Startperiode"/g)).toHaveLength(1);
    expect(wb).toContain('<externalReference r:id="rIdExt1"/>');
    expect(wb).toContain('<pivotCache cacheId="1" r:id="rIdPc1"/>');
    expect(wb).toMatch(/<calcPr\b[^>]*fullCalcOnLoad="1"/);
    expect(zip.file("xl/calcChain.xml")).toBeNull();
    expect(await tekst(zip, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(await tekst(zip, "[Content_Types].xml")).not.toContain("calcChain");
    // Table ids and names stay unique over the workbook (the user's table kept its own).
    const tabellen = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^xl\/tables\/[^/]+\.xml$/.test(n))
        .map(async (n) => /<table [^>]*>/.exec(await tekst(zip, n))?.[0] ?? ""),
    );
    const ids = tabellen.map((t) => /\sid="(\d+)"/.exec(t)?.[1]);
    const namen = tabellen.map((t) => /\sname="([^"]+)"/.exec(t)?.[1]);
    expect(new Set(ids).size).toBe(tabellen.length);
    expect(new Set(namen).size).toBe(tabellen.length);
    expect(namen).toContain("MijnTabel");
  });

  test("the result opens in exceljs and every XML part is well-formed", async () => {
    await welgevormd(eerste.data);
    const wb = await lees(eerste.data);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...EIGEN_BLADEN, "Mijn blad"]);
  });

  test("a part written anew with the content it had keeps its compressed bytes (not deflated again)", async () => {
    const ruw = (data: Uint8Array) => {
      const l = new ZipLezer(data);
      return new Map(zipInhoud(l).map((it) => [it.naam, Buffer.from(ruweGegevens(l, it)).toString("hex")]));
    };
    // The original compressed otherwise than the refill would (level 1): kept bytes are told from deflated ones.
    const snel = zipSync(unzipSync(origineel), { level: 1 });
    const { data } = await schrijfXlsx(later, snel);
    const [voor, na, ruwVoor, ruwNa] = [await delen(snel), await delen(data), ruw(snel), ruw(data)];
    const opgave = await opgaveDelen(data);
    // Opgave's parts that the refill writes with the same content (its tables, its sheets' relationships) keep the
    // original's compressed bytes, as every part of the user's does; a changed one (its sheet) is deflated anew.
    const zelfde = [...na.keys()].filter(
      (naam) =>
        na.get(naam)?.length && Buffer.from(na.get(naam) ?? []).equals(Buffer.from(voor.get(naam) ?? [])),
    );
    expect(zelfde).toEqual(
      expect.arrayContaining(["xl/tables/table1.xml", "xl/worksheets/_rels/sheet1.xml.rels"]),
    );
    expect(zelfde.filter((naam) => opgave.has(naam)).length).toBeGreaterThan(1);
    for (const naam of zelfde) expect([naam, ruwNa.get(naam)]).toEqual([naam, ruwVoor.get(naam)]);
    const veranderd = [...opgave].filter((naam) => voor.has(naam) && na.has(naam) && !zelfde.includes(naam));
    expect(veranderd.length).toBeGreaterThan(0);
    for (const naam of veranderd) expect([naam, ruwNa.get(naam)]).not.toEqual([naam, ruwVoor.get(naam)]);
  });

  test("the content types: kept as they were (bytes too) where the refill declares the same; else the graft's, declaring every part", async () => {
    const ruw = (data: Uint8Array) => {
      const l = new ZipLezer(data);
      const it = zipInhoud(l).find((i) => i.naam === "[Content_Types].xml");
      return it ? Buffer.from(ruweGegevens(l, it)).toString("hex") : undefined;
    };
    const typen = async (data: Uint8Array) =>
      (await delen(data)).get("[Content_Types].xml") ?? new Uint8Array();
    // A province workbook saved again by exceljs (as a user's program might): a refill writes the same parts with
    // the same types, but exceljs put the overrides of the tables elsewhere in the list than the graft would.
    const provincie = planProvincie(engine, "Gelderland", "2024-I", TEST_BRON);
    const bewaard = await bewaar(await lees((await schrijfXlsx(provincie)).data));
    const tweede = (await schrijfXlsx(provincie, bewaard)).data;
    expect(Buffer.from(await typen(tweede)).toString()).toBe(Buffer.from(await typen(bewaard)).toString());
    expect(ruw(tweede)).toBe(ruw(bewaard));
    const wb = await lees(origineel);
    wb.removeWorksheet(wb.getWorksheet(BLADEN.bron)?.id ?? -1);
    const zonderBron = await bewaar(wb);
    // A sheet of Opgave's new in the file: other types, written by the graft; every part declared.
    const data = (await schrijfXlsx(later, zonderBron)).data;
    const xml = Buffer.from(await typen(data)).toString();
    expect(xml).not.toBe(Buffer.from(await typen(zonderBron)).toString());
    const overrides = new Set([...xml.matchAll(/PartName="([^"]+)"/g)].map((m) => m[1]));
    const standaard = new Set([...xml.matchAll(/Extension="([^"]+)"/g)].map((m) => m[1]?.toLowerCase()));
    const onverklaard = [...(await delen(data)).keys()].filter(
      (naam) =>
        !naam.endsWith("/") &&
        naam !== "[Content_Types].xml" &&
        !overrides.has(`/${naam}`) &&
        !standaard.has(naam.split(".").pop()?.toLowerCase()),
    );
    expect(onverklaard).toEqual([]);
    expect([...overrides].filter((o) => o?.includes("worksheets/")).length).toBe(EIGEN_BLADEN.length + 1);
  });

  test("a second refill: styles.xml does not grow, the package keeps its parts, still byte-identical", async () => {
    const tweede = await schrijfXlsx(utrecht, eerste.data);
    expect(tweede.rapport.verloren).toEqual([]);
    const [a, b] = [await delen(eerste.data), await delen(tweede.data)];
    expect(Buffer.from(b.get("xl/styles.xml") ?? []).equals(Buffer.from(a.get("xl/styles.xml") ?? []))).toBe(
      true,
    );
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    await verwachtOngewijzigd(origineel, tweede.data);
    await welgevormd(tweede.data);
    const gevuldOp = celWaarde(blad(await lees(tweede.data), "Bron").getCell("B9")) as number;
    expect(isoUitExcel(gevuldOp)).toBe(new Date(TEST_BRON.gemaakt).toISOString());
  });
});

describe("a filter and a style the user set on an Opgave table", () => {
  const PERIODE =
    '<filterColumn colId="0"><filters><filter val="2024-I"/><filter val="2024-II"/></filters></filterColumn>';

  /** The Taakstelling table part of a package, by its name. */
  async function taakTabel(zip: JSZip): Promise<string> {
    for (const naam of Object.keys(zip.files).filter((n) => /^xl\/tables\/[^/]+\.xml$/.test(n))) {
      const xml = await tekst(zip, naam);
      if (tabelNaam(xml) === "Opgave_Taakstelling") return naam;
    }
    throw new Error("geen tabel Opgave_Taakstelling");
  }

  test("stays after a refill, under the column with the same header; without it the check after writing names it", async () => {
    const eerste = (await schrijfXlsx(utrecht)).data;
    const zip = await JSZip.loadAsync(eerste);
    const pad = await taakTabel(zip);
    await wijzig(zip, pad, (xml) =>
      xml.replace(/(<autoFilter\b[^>]*?)(?:\/>|>[\s\S]*?<\/autoFilter>)/, `$1>${PERIODE}</autoFilter>`),
    );
    const oud = await zip.generateAsync({ type: "uint8array" });
    expect(tabelFilters(await tekst(zip, pad))).toEqual(new Map([["Periode", PERIODE]]));

    const { data, rapport } = await schrijfXlsx(later, oud);
    expect(rapport.verloren).toEqual([]);
    const na = await JSZip.loadAsync(data);
    expect(tabelFilters(await tekst(na, await taakTabel(na)))).toEqual(new Map([["Periode", PERIODE]]));
    expect(XMLValidator.validate(await tekst(na, await taakTabel(na)))).toBe(true);
    expect(await verliesNaSchrijven(oud, data)).toEqual([]);
    // A file without it (a fresh fill): the filter is named as lost.
    expect(await verliesNaSchrijven(oud, eerste)).toEqual([
      'filter op tabel Opgave_Taakstelling, kolom "Periode"',
    ]);
  });

  test("the table's style the user chose stays after a refill; without it the check after writing names it", async () => {
    const eerste = (await schrijfXlsx(utrecht)).data;
    const zip = await JSZip.loadAsync(eerste);
    const pad = await taakTabel(zip);
    const eigen =
      '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="1" showLastColumn="0" showRowStripes="0" showColumnStripes="1"/>';
    expect(tabelStijl(await tekst(zip, pad))).toMatch(/name="TableStyleLight9"/);
    await wijzig(zip, pad, (xml) => xml.replace(/<tableStyleInfo\b[^>]*>/, eigen));
    const oud = await zip.generateAsync({ type: "uint8array" });
    const { data, rapport } = await schrijfXlsx(later, oud);
    expect(rapport.verloren).toEqual([]);
    const na = await JSZip.loadAsync(data);
    expect(tabelStijl(await tekst(na, await taakTabel(na)))).toBe(eigen);
    expect(await verliesNaSchrijven(oud, eerste)).toEqual(["tabelstijl van tabel Opgave_Taakstelling"]);
    // The same style with its flags written otherwise (true/false, as LibreOffice might): not a loss.
    await wijzig(zip, pad, (xml) =>
      xml.replace(eigen, eigen.replace(/="1"/g, '="true"').replace(/="0"/g, '="false"')),
    );
    expect(await verliesNaSchrijven(await zip.generateAsync({ type: "uint8array" }), data)).toEqual([]);
  });

  test("metFilters: by header, not by place; a header the table lost takes its condition with it", () => {
    const tabel = (koppen: string[], filter: string) =>
      `<table xmlns="${MAIN}" id="1" name="T" displayName="T" ref="A1:C9"><autoFilter ref="A1:C9">${filter}</autoFilter>` +
      `<tableColumns count="${koppen.length}">${koppen.map((k, i) => `<tableColumn id="${i + 1}" name="${k}"/>`).join("")}</tableColumns></table>`;
    const oud = tabel(
      ["Periode", "Gehuisvest", "Oud"],
      `${PERIODE}<filterColumn colId="2"><customFilters><customFilter operator="greaterThan" val="5"/></customFilters></filterColumn>`,
    );
    const filters = tabelFilters(oud);
    expect([...filters.keys()]).toEqual(["Periode", "Oud"]);
    const nieuw = tabel(["Nr", "Periode", "Gehuisvest"], '<filterColumn colId="2" hiddenButton="1"/>');
    expect(metFilters(nieuw, filters)).toContain(
      '<autoFilter ref="A1:C9"><filterColumn colId="1"><filters><filter val="2024-I"/><filter val="2024-II"/></filters></filterColumn><filterColumn colId="2" hiddenButton="1"/></autoFilter>',
    );
    expect(metFilters(nieuw, new Map())).toBe(nieuw);
  });
});

describe("the user's drawing on an Opgave sheet: kept as it was", () => {
  const PNG = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  );
  const XDR = `xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_REL}"`;
  const plek = (kolom: number, rij: number) =>
    `<xdr:from><xdr:col>${kolom}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${rij}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>${kolom + 3}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${rij + 4}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>`;
  const xfrm = '<a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>';
  /** Opgave's first fill with, on Taakstelling, a chart of the user's, a text box and a picture (as Excel writes them). */
  async function metTekening(): Promise<Uint8Array> {
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    eigenGrafiek(zip);
    await wijzig(zip, "xl/charts/chart9.xml", (x) => x.replaceAll("'Mijn blad'!", "Taakstelling!"));
    const grafiek =
      (await tekst(zip, "xl/drawings/drawing9.xml")).match(
        /<xdr:twoCellAnchor>[\s\S]*<\/xdr:twoCellAnchor>/,
      )?.[0] ?? "";
    const tekstvak = `<xdr:twoCellAnchor>${plek(18, 9)}<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="3" name="Tekstvak 1"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr>${xfrm}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>Let op: 2017-II nagaan</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>`;
    const afbeelding = `<xdr:twoCellAnchor editAs="oneCell">${plek(18, 1)}<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="4" name="Logo"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr>${xfrm}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:twoCellAnchor>`;
    zip.file(
      "xl/drawings/drawing9.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr ${XDR}>${grafiek}${tekstvak}${afbeelding}</xdr:wsDr>`,
    );
    await wijzig(zip, "xl/drawings/_rels/drawing9.xml.rels", (x) =>
      x.replace("</Relationships>", rel("rId2", `${NS_REL}/image`, "../media/image9.png")),
    );
    zip.file("xl/media/image9.png", PNG);
    await wijzig(zip, `xl/worksheets/_rels/sheet2.xml.rels`, (x) =>
      x.replace("</Relationships>", rel("rId9", `${NS_REL}/drawing`, "../drawings/drawing9.xml")),
    );
    await wijzig(zip, TAAKSTELLING, (x) => x.replace("<tableParts", `<drawing r:id="rId9"/><tableParts`));
    await wijzig(zip, "[Content_Types].xml", (x) =>
      x
        .replace("</Types>", override("/xl/drawings/drawing9.xml", "drawing+xml"))
        .replace("</Types>", override("/xl/charts/chart9.xml", "drawingml.chart+xml"))
        .replace("<Default ", '<Default Extension="png" ContentType="image/png"/><Default '),
    );
    return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }
  const DELEN = [
    "xl/drawings/drawing9.xml",
    "xl/drawings/_rels/drawing9.xml.rels",
    "xl/charts/chart9.xml",
    "xl/media/image9.png",
  ];

  test("chart, text box and picture: the drawing stays on its sheet byte for byte, refill after refill; nothing said lost", async () => {
    const oud = await metTekening();
    expect(await tekst(await JSZip.loadAsync(oud), TAAKSTELLING)).toContain('<drawing r:id="rId9"/>');
    let data = oud;
    for (const ronde of [1, 2]) {
      // Before: refused ("1 eigen grafiek"); confirmed, the chart and, without a word, the text box were gone.
      const uit = await schrijfXlsx(later, data);
      expect([ronde, uit.rapport.verloren]).toEqual([ronde, []]);
      data = uit.data;
      const zip = await JSZip.loadAsync(data);
      const [a, b] = [await delen(oud), await delen(data)];
      for (const d of DELEN)
        expect([ronde, d, Buffer.from(b.get(d) ?? []).equals(Buffer.from(a.get(d) ?? [1]))]).toEqual([
          ronde,
          d,
          true,
        ]);
      const rels = relaties(await tekst(zip, "xl/worksheets/_rels/sheet2.xml.rels"));
      const tekening = rels.find((r) => r.type === `${NS_REL}/drawing`);
      expect([ronde, tekening?.target]).toEqual([ronde, "../drawings/drawing9.xml"]);
      expect(await tekst(zip, TAAKSTELLING)).toContain(`<drawing r:id="${tekening?.id ?? ""}"/><tableParts`);
      // exceljs's own copy of the picture did not come along: one drawing on the sheet, no stray parts.
      expect(
        Object.keys(zip.files)
          .filter((n) => /^xl\/(drawings|media)\/[^/]+$/.test(n))
          .sort(),
      ).toEqual(["xl/drawings/drawing1.xml", "xl/drawings/drawing9.xml", "xl/media/image9.png"]);
      await welgevormd(data);
    }
    // Opgave's cells were still written.
    expect(celWaarde(blad(await lees(data), BLADEN.bron).getCell("B9"))).not.toBe(
      celWaarde(blad(await lees(oud), BLADEN.bron).getCell("B9")),
    );
  });

  test("where it is not kept, each object is named: without the graft before writing, and by the check after writing", async () => {
    const oud = await metTekening();
    // exceljs writes the picture again, not the chart or the text box.
    await expect(schrijfXlsx(later, oud, { enten: false })).rejects.toMatchObject({
      onderdelen: ["1 eigen grafiek", "1 eigen vorm of tekstvak"],
    });
    // Compared with a file without them (what a graft that dropped the drawing would write): each by name.
    expect(await verliesNaSchrijven(oud, (await schrijfXlsx(later)).data)).toEqual([
      'grafiek "Mijn grafiek" op blad Taakstelling',
      'tekstvak "Tekstvak 1" op blad Taakstelling',
      'afbeelding "Logo" op blad Taakstelling',
    ]);
  });

  /** The drawing part a sheet part shows (its drawing relationship). */
  async function tekeningVanBlad(zip: JSZip, blad: string): Promise<string> {
    const rels = relaties(await tekst(zip, blad.replace(/([^/]+)$/, "_rels/$1.rels")));
    const r = rels.find((x) => x.type === `${NS_REL}/drawing`);
    if (!r) throw new Error(`${blad} toont geen tekening`);
    return path(blad, r.target);
  }

  /**
   * Opgave's first fill with, beside Opgave's chart on Overzicht (whose title is made "Oud", so a refill that
   * kept the old chart shows), a chart of the user's, a text box and a picture, as Excel writes them.
   */
  async function naastOpgaveGrafiek(): Promise<{ data: Uint8Array; ankers: string[] }> {
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    eigenGrafiek(zip);
    await wijzig(zip, "xl/charts/chart9.xml", (x) => x.replaceAll("'Mijn blad'!", "Taakstelling!"));
    const grafiek = (
      (await tekst(zip, "xl/drawings/drawing9.xml")).match(
        /<xdr:twoCellAnchor>[\s\S]*<\/xdr:twoCellAnchor>/,
      )?.[0] ?? ""
    ).replace('r:id="rId1"', 'r:id="rId7"');
    zip.remove("xl/drawings/drawing9.xml");
    zip.remove("xl/drawings/_rels/drawing9.xml.rels");
    const tekstvak = `<xdr:twoCellAnchor>${plek(18, 9)}<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="3" name="Tekstvak 1"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr>${xfrm}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>Let op: 2017-II nagaan</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>`;
    const afbeelding = `<xdr:twoCellAnchor editAs="oneCell">${plek(18, 1)}<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="4" name="Logo"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip xmlns:r="${NS_REL}" r:embed="rId8"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr>${xfrm}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:twoCellAnchor>`;
    const tekening = await tekeningVanBlad(zip, OVERZICHT);
    const opgave = relaties(await tekst(zip, tekening.replace(/([^/]+)$/, "_rels/$1.rels")));
    await wijzig(zip, tekening, (x) =>
      x.replace("</xdr:wsDr>", `${grafiek}${tekstvak}${afbeelding}</xdr:wsDr>`),
    );
    await wijzig(zip, tekening.replace(/([^/]+)$/, "_rels/$1.rels"), (x) =>
      x
        .replace("</Relationships>", rel("rId7", `${NS_REL}/chart`, "../charts/chart9.xml"))
        .replace("</Relationships>", rel("rId8", `${NS_REL}/image`, "../media/image9.png")),
    );
    await wijzig(zip, path(tekening, opgave[0]?.target ?? ""), (x) =>
      x.replace(GRAFIEK_TITELS.gemeente, "Oud"),
    );
    zip.file("xl/media/image9.png", PNG);
    await wijzig(zip, "[Content_Types].xml", (x) =>
      x
        .replace("</Types>", override("/xl/charts/chart9.xml", "drawingml.chart+xml"))
        .replace("<Default ", '<Default Extension="png" ContentType="image/png"/><Default '),
    );
    return {
      data: await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }),
      ankers: [grafiek, tekstvak, afbeelding],
    };
  }

  test("beside Opgave's chart: the user's chart, text box and picture stay as they were, Opgave's chart is drawn anew; refill after refill", async () => {
    const { data: oud, ankers } = await naastOpgaveGrafiek();
    let data = oud;
    for (const ronde of [1, 2]) {
      // Before: refused ("1 eigen grafiek", "1 eigen vorm of tekstvak"); confirmed, both were gone.
      const uit = await schrijfXlsx(later, data);
      expect([ronde, uit.rapport.verloren, uit.rapport.andereRij]).toEqual([ronde, [], []]);
      data = uit.data;
      const zip = await JSZip.loadAsync(data);
      const tekening = await tekeningVanBlad(zip, OVERZICHT);
      const xml = await tekst(zip, tekening);
      for (const a of ankers) expect([ronde, xml.includes(a)]).toEqual([ronde, true]);
      // Every object of the drawing under an id of its own; every relationship it uses is there.
      const ids = [...xml.matchAll(/<xdr:cNvPr id="(\d+)" name="([^"]*)"/g)].map((m) => [m[1], m[2]]);
      // Opgave's chart where the old one stood, under the user's objects (they were put over it).
      expect([ronde, ids.map(([, naam]) => naam)]).toEqual([
        ronde,
        [`${GRAFIEK_PREFIX}1`, "Mijn grafiek", "Tekstvak 1", "Logo"],
      ]);
      expect(new Set(ids.map(([id]) => id)).size).toBe(ids.length);
      const rels = relaties(await tekst(zip, tekening.replace(/([^/]+)$/, "_rels/$1.rels")));
      const doel = (id: string) => path(tekening, rels.find((r) => r.id === id)?.target ?? "?");
      const gebruikt = [...xml.matchAll(/r:(?:id|embed)="([^"]+)"/g)].map((m) => m[1] ?? "");
      expect([ronde, gebruikt.length, rels.length]).toEqual([ronde, 3, 3]);
      const [a, b] = [await delen(oud), await delen(data)];
      expect(
        Buffer.from(b.get(doel("rId7")) ?? []).equals(Buffer.from(a.get("xl/charts/chart9.xml") ?? [1])),
      ).toBe(true);
      expect(Buffer.from(b.get(doel("rId8")) ?? []).equals(PNG)).toBe(true);
      // Opgave's chart: drawn anew from the plan (not the old one, titled "Oud"), the old chart part gone.
      const opgaveRid = new RegExp(`name="${GRAFIEK_PREFIX}1"[\\s\\S]*?r:id="([^"]+)"`).exec(xml)?.[1] ?? "";
      expect(await tekst(zip, doel(opgaveRid))).toContain(GRAFIEK_TITELS.gemeente);
      const grafieken = Object.keys(zip.files).filter((n) => /^xl\/charts\/[^/]+$/.test(n));
      expect([ronde, grafieken.length]).toEqual([ronde, 2]);
      for (const g of grafieken) expect(await tekst(zip, g)).not.toContain(">Oud<");
      expect(Object.keys(zip.files).filter((n) => /^xl\/media\/[^/]+$/.test(n))).toEqual([
        "xl/media/image9.png",
      ]);
      await welgevormd(data);
    }
  });

  /**
   * Opgave's first fill with its chart on Overzicht (titled "Oud", as in `naastOpgaveGrafiek`) changed by `anker`
   * (its anchor's XML → the drawing's objects in its place), and if given a copy of its chart part as first written
   * (`extra`, with Opgave's title), shown under relationship `extra.rid`.
   */
  async function metOpgaveAnker(
    anker: (xml: string) => string,
    extra?: { naam: string; rid: string },
  ): Promise<{ data: Uint8Array; tekening: string }> {
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    const tekening = await tekeningVanBlad(zip, OVERZICHT);
    const relsPad = tekening.replace(/([^/]+)$/, "_rels/$1.rels");
    const grafiek = path(tekening, relaties(await tekst(zip, relsPad))[0]?.target ?? "");
    // A copy of Opgave's chart part as it was (its title too).
    if (extra) zip.file(extra.naam, await tekst(zip, grafiek));
    await wijzig(zip, grafiek, (x) => x.replace(GRAFIEK_TITELS.gemeente, "Oud"));
    await wijzig(zip, tekening, (x) =>
      x.replace(/<xdr:twoCellAnchor[\s\S]*<\/xdr:twoCellAnchor>/, (a) => anker(a)),
    );
    if (extra) {
      await wijzig(zip, relsPad, (x) =>
        x.replace("</Relationships>", rel(extra.rid, `${NS_REL}/chart`, extra.naam.replace(/^xl\//, "../"))),
      );
      await wijzig(zip, "[Content_Types].xml", (x) =>
        x.replace("</Types>", override(`/${extra.naam}`, "drawingml.chart+xml")),
      );
    }
    return { data: await zip.generateAsync({ type: "uint8array" }), tekening };
  }

  test("Opgave's chart the user grouped with a shape of their own: the group stays, its chart is drawn anew; no second chart", async () => {
    let groep = "";
    const { data: oud, tekening } = await metOpgaveAnker((a) => {
      const kader = /<xdr:graphicFrame[\s\S]*<\/xdr:graphicFrame>/.exec(a)?.[0] ?? "";
      const vorm = `<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="21" name="Pijl 1"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr>${xfrm}<a:prstGeom prst="rightArrow"><a:avLst/></a:prstGeom></xdr:spPr></xdr:sp>`;
      groep = `<xdr:twoCellAnchor>${plek(0, 17)}<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="20" name="Groep 1"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr><xdr:grpSpPr/>${kader}${vorm}</xdr:grpSp><xdr:clientData/></xdr:twoCellAnchor>`;
      return groep;
    });
    let data = oud;
    for (const ronde of [1, 2]) {
      // Before: the group stayed with the old chart in it and a second Opgave_Grafiek_1 was added beside it.
      const uit = await schrijfXlsx(later, data);
      expect([ronde, uit.rapport.verloren]).toEqual([ronde, []]);
      data = uit.data;
      const zip = await JSZip.loadAsync(data);
      const xml = await tekst(zip, tekening);
      expect([ronde, xml.includes(groep), xml.split(`name="${GRAFIEK_PREFIX}1"`).length]).toEqual([
        ronde,
        true,
        2,
      ]);
      const rid = /<c:chart [^>]*r:id="([^"]+)"/.exec(groep)?.[1] ?? "";
      const rels = relaties(await tekst(zip, tekening.replace(/([^/]+)$/, "_rels/$1.rels")));
      expect(rels.map((r) => r.id)).toEqual([rid]);
      expect(await tekst(zip, path(tekening, rels[0]?.target ?? ""))).toContain(GRAFIEK_TITELS.gemeente);
      expect(Object.keys(zip.files).filter((n) => /^xl\/charts\/[^/]+$/.test(n))).toHaveLength(1);
      await welgevormd(data);
    }
  });

  test("a copy the user made of Opgave's chart, with its title: the user's, kept as it was", async () => {
    let kopie = "";
    const { data: oud, tekening } = await metOpgaveAnker(
      (a) => {
        kopie = a
          .replace(`name="${GRAFIEK_PREFIX}1"`, 'name="Grafiek 2"')
          .replace(/r:id="[^"]+"/, 'r:id="rId5"');
        return `${a}${kopie}`;
      },
      { naam: "xl/charts/chart5.xml", rid: "rId5" },
    );
    // Before: taken for Opgave's by its title and removed without a word.
    const { data, rapport } = await schrijfXlsx(later, oud);
    expect(rapport.verloren).toEqual([]);
    const zip = await JSZip.loadAsync(data);
    const xml = await tekst(zip, tekening);
    expect([xml.includes(kopie), xml.split(`name="${GRAFIEK_PREFIX}1"`).length]).toEqual([true, 2]);
    const [a, b] = [await delen(oud), await delen(data)];
    expect(
      Buffer.from(b.get("xl/charts/chart5.xml") ?? []).equals(
        Buffer.from(a.get("xl/charts/chart5.xml") ?? [1]),
      ),
    ).toBe(true);
  });

  test("beside Opgave's chart, written whole by exceljs: the chart and text box are named before writing", async () => {
    const { data } = await naastOpgaveGrafiek();
    await expect(schrijfXlsx(later, data, { enten: false })).rejects.toMatchObject({
      onderdelen: ["1 eigen grafiek", "1 eigen vorm of tekstvak"],
    });
  });
});

describe("the cells the user's drawing objects lie over (for the check of rows that will hold another gemeente)", () => {
  test("two corners, one corner, a corner at a cell's very edge; an object anchored to the page lies over none", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const beeld = wb.addImage({
      base64:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      extension: "png",
    });
    const ws = blad(wb, "Taakstelling");
    // To the edge of G23 (offset 0): over D20:F22. Into F32: over D30:F32. One corner: H40. Then on Bron.
    ws.addImage(beeld, "D20:F22");
    ws.addImage(beeld, { tl: { col: 3.5, row: 29.5 }, br: { col: 5.5, row: 31.5 } } as never);
    ws.addImage(beeld, { tl: { col: 7.5, row: 39.5 }, ext: { width: 20, height: 20 } } as never);
    blad(wb, "Bron").addImage(beeld, "A1:B2");
    const data = await bewaar(wb);
    expect((await getekendOp(data, ["Taakstelling"])).map((o) => [o.blad, o.bereik])).toEqual([
      ["Taakstelling", "D20:F22"],
      ["Taakstelling", "D30:F32"],
      ["Taakstelling", "H40"],
    ]);
    const alle = await getekendOp(data, ["taakstelling", "Bron"]);
    expect(alle.map((o) => o.bereik)).toEqual(["D20:F22", "D30:F32", "H40", "A1:B2"]);
    expect(alle.every((o) => /^afbeelding "[^"]+"$/.test(o.wat))).toBe(true);

    // The first anchored to the page (absoluteAnchor): no cells.
    const zip = await JSZip.loadAsync(data);
    for (const naam of Object.keys(zip.files).filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n)))
      await wijzig(zip, naam, (x) =>
        x.replace(
          /<xdr:twoCellAnchor\b[^<>]*>\s*<xdr:from>[\s\S]*?<\/xdr:to>([\s\S]*?)<\/xdr:twoCellAnchor>/,
          (m, binnen: string) =>
            m.includes("<xdr:row>19</xdr:row>")
              ? `<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="9525" cy="9525"/>${binnen}</xdr:absoluteAnchor>`
              : m,
        ),
      );
    const absoluut = await getekendOp(await zip.generateAsync({ type: "uint8array" }), ["Taakstelling"]);
    expect(absoluut.map((o) => o.bereik)).toEqual(["D30:F32", "H40"]);
  });
});

describe("notes as Excel reads them: their shapes in the sheet's order, each drawing its own ids", () => {
  /** Every VML drawing of the file: its blocks of shape ids and its shapes' ids. */
  async function vormen(data: Uint8Array): Promise<{ naam: string; blokken: number[]; ids: number[] }[]> {
    const zip = await JSZip.loadAsync(data);
    const namen = Object.keys(zip.files).filter((n) => n.endsWith(".vml"));
    return Promise.all(
      namen.map(async (naam) => {
        const xml = await tekst(zip, naam);
        const data = /<o:idmap\b[^>]*\sdata="([^"]*)"/.exec(xml)?.[1] ?? "";
        return {
          naam,
          blokken: data.split(",").map(Number),
          ids: [...xml.matchAll(/<v:shape\b[^>]*\sid="_x0000_s(\d+)"/g)].map((m) => Number(m[1])),
        };
      }),
    );
  }

  test.each([true, false])(
    "a note on a sheet with a table and notes on three sheets (graft %s): no part Excel repairs, refill after refill",
    async (enten) => {
      const wb = await lees(await metExceljs());
      blad(wb, "Kosten").getCell("H3").note = "nog navragen";
      // (exceljs dropped the note on the empty C3 of the user's sheet when it read the file: one on A1.)
      blad(wb, "Mijn blad").getCell("A1").note = "op mijn eigen blad";
      let data = await bewaar(wb);
      for (const ronde of [1, 2]) {
        const uit = await schrijfXlsx(later, data, { enten });
        expect([ronde, uit.rapport.verloren]).toEqual([ronde, []]);
        data = uit.data;
        const zip = await JSZip.loadAsync(data);
        // Before: <legacyDrawing> after <tableParts> (exceljs writes it last): Excel empties such a sheet.
        const taak = await tekst(zip, TAAKSTELLING);
        expect([ronde, taak.indexOf("<legacyDrawing") < taak.indexOf("<tableParts")]).toEqual([ronde, true]);
        expect(taak.indexOf("<legacyDrawing")).toBeGreaterThan(0);
        // Before: every one of Opgave's notes drawings reserved block 1, as the user's did: Excel repairs that.
        const v = await vormen(data);
        expect(v.length).toBe(3);
        const blokken = v.flatMap((x) => x.blokken);
        expect([ronde, new Set(blokken).size]).toEqual([ronde, blokken.length]);
        for (const x of v)
          for (const id of x.ids)
            expect([x.naam, x.blokken.includes(Math.floor(id / 1024))]).toEqual([x.naam, true]);
        await welgevormd(data);
      }
      expect((await leesNotities(data)).get("Kosten")?.get("H3")?.[0]?.tekst).toBe("nog navragen");
    },
  );
});

describe("page breaks: Opgave's own and the user's", () => {
  const RIJ = '<rowBreaks count="1" manualBreakCount="1"><brk id="30" max="16383" man="1"/></rowBreaks>';
  const KOLOM = '<colBreaks count="1" manualBreakCount="1"><brk id="8" max="1048575" man="1"/></colBreaks>';
  const rijEinden = (xml: string) => /<rowBreaks\b[\s\S]*?<\/rowBreaks>/.exec(xml)?.[0];

  async function metEinden(): Promise<{ data: Uint8Array; overzicht: string | undefined }> {
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    await wijzig(zip, TAAKSTELLING, (x) =>
      x.replace(/<(?=(?:drawing|legacyDrawing|tableParts)\b)/, `${RIJ}${KOLOM}<`),
    );
    return {
      data: await zip.generateAsync({ type: "uint8array" }),
      overzicht: rijEinden(await tekst(zip, OVERZICHT)),
    };
  }

  test("kept where they were, refill after refill (before: every one lost without a word)", async () => {
    const { data: oud, overzicht } = await metEinden();
    // Opgave's own, below its chart on Overzicht.
    expect(overzicht).toMatch(/<brk id="\d+"/);
    let data = oud;
    for (const ronde of [1, 2]) {
      const uit = await schrijfXlsx(later, data);
      expect([ronde, uit.rapport.verloren]).toEqual([ronde, []]);
      data = uit.data;
      const zip = await JSZip.loadAsync(data);
      const taak = await tekst(zip, TAAKSTELLING);
      expect([ronde, taak.includes('<brk id="30" max="16383" man="1"/>'), taak.includes(KOLOM)]).toEqual([
        ronde,
        true,
        true,
      ]);
      expect([ronde, rijEinden(await tekst(zip, OVERZICHT))]).toEqual([ronde, overzicht]);
      await welgevormd(data);
    }
    expect(await verliesNaSchrijven(oud, (await schrijfXlsx(later)).data)).toEqual(
      expect.arrayContaining([
        "pagina-einde onder rij 30 op blad Taakstelling",
        "pagina-einde rechts van kolom H op blad Taakstelling",
      ]),
    );
  });

  test("a break written with single quotes or room around '=' (as XML allows) is read too", async () => {
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    const rij = `<rowBreaks count="1" manualBreakCount="1"><brk id = '30' max='16383' man="1"/></rowBreaks>`;
    await wijzig(zip, TAAKSTELLING, (x) =>
      x.replace(/<(?=(?:drawing|legacyDrawing|tableParts)\b)/, `${rij}<`),
    );
    const { data, rapport } = await schrijfXlsx(later, await zip.generateAsync({ type: "uint8array" }));
    expect(rapport.verloren).toEqual([]);
    expect(await tekst(await JSZip.loadAsync(data), TAAKSTELLING)).toContain(
      '<brk id="30" max="16383" man="1"/>',
    );
  });

  test("written whole by exceljs: the row breaks stay, a column break (exceljs writes none) is named", async () => {
    const { data } = await metEinden();
    await expect(schrijfXlsx(later, data, { enten: false })).rejects.toMatchObject({
      onderdelen: ["pagina-einde rechts van kolom H op blad Taakstelling"],
    });
  });
});

describe("what the graft still cannot keep is named and refused", () => {
  test("an x14 validation on an Opgave sheet: refused; confirmed: listed; a chart of the user's beside Opgave's stays", async () => {
    const zip = await JSZip.loadAsync(await bouwOrigineel());
    await wijzig(zip, "xl/drawings/drawing1.xml", (x) => x.replace(`${GRAFIEK_PREFIX}1`, "Grafiek van mij"));
    await wijzig(zip, "xl/charts/chart1.xml", (x) => x.replace(GRAFIEK_TITELS.gemeente, "Grafiek van mij"));
    await wijzig(zip, "xl/worksheets/sheet2.xml", (x) =>
      x.replace(
        "</worksheet>",
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>\'Mijn blad\'!$A$6:$A$6</xm:f></x14:formula1><xm:sqref>L8:L9</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>',
      ),
    );
    const met = await zip.generateAsync({ type: "uint8array" });
    const fout = await schrijfXlsx(later, met).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(VerliesFout);
    // Before: also "1 eigen grafiek", lost when confirmed.
    expect((fout as VerliesFout).onderdelen).toEqual([
      "gegevensvalidatie (Excel 2010 en later) op Taakstelling!L8:L9",
    ]);
    const { data, rapport } = await schrijfXlsx(later, met, { verliesToestaan: true });
    expect(rapport.verloren).toEqual(["gegevensvalidatie (Excel 2010 en later) op Taakstelling!L8:L9"]);
    const tekening = await tekst(await JSZip.loadAsync(data), "xl/drawings/drawing1.xml");
    expect(tekening).toContain('name="Grafiek van mij"');
    expect(tekening).toContain(`name="${GRAFIEK_PREFIX}1"`);
    // The rest of the user's work is still kept byte for byte.
    await verwachtOngewijzigd(met, data);
    await welgevormd(data);
  });

  test("errors the user told Excel to ignore and the page layout zoom on an Opgave sheet stay (exceljs drops both)", async () => {
    const zip = await JSZip.loadAsync(await bouwOrigineel());
    const negeren = '<ignoredErrors><ignoredError sqref="C8:C27" numberStoredAsText="1"/></ignoredErrors>';
    await wijzig(zip, TAAKSTELLING, (x) =>
      x
        .replace(/<(drawing|legacyDrawing|tableParts)\b/, (m) => `${negeren}${m}`)
        .replace("<sheetView ", '<sheetView zoomScalePageLayoutView="85" '),
    );
    const met = await zip.generateAsync({ type: "uint8array" });
    expect(await tekst(await JSZip.loadAsync(met), TAAKSTELLING)).toContain(negeren);
    const { data, rapport } = await schrijfXlsx(later, met);
    expect(rapport.verloren).toEqual([]);
    // Before: both gone without a word.
    const xml = await tekst(await JSZip.loadAsync(data), TAAKSTELLING);
    expect(xml).toContain(negeren);
    expect(xml).toMatch(/<sheetView\b[^<>]*\szoomScalePageLayoutView="85"/);
    await welgevormd(data);
    // In its place in the sheet's order: after the page setup, before the table parts.
    expect(xml.indexOf("<ignoredErrors")).toBeGreaterThan(xml.indexOf("<pageMargins"));
    expect(xml.indexOf("<ignoredErrors")).toBeLessThan(xml.indexOf("<tableParts"));
  });

  test("a data bar on the sheet of Opgave's chart (an extLst inside its rule): the chart stays; the bar as it was", async () => {
    const zip = await JSZip.loadAsync(await bouwOrigineel());
    const id = "{11111111-2222-3333-4444-555555555555}";
    const databalk = `<conditionalFormatting sqref="B5:B6"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar><extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:id>${id}</x14:id></ext></extLst></cfRule></conditionalFormatting>`;
    // As Excel writes a data bar: its Excel 2010 part in the sheet's extLst ("autoMin", which exceljs reads as "min").
    const balk = `<x14:dataBar minLength="0" maxLength="100" gradient="0"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar>`;
    const uitbreiding = `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" id="${id}">${balk}</x14:cfRule><xm:sqref>B5:B6</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>`;
    await wijzig(zip, OVERZICHT, (x) =>
      x
        .replace(/<(printOptions|pageMargins)\b/, (m) => `${databalk}${m}`)
        .replace("</worksheet>", `${uitbreiding}</worksheet>`),
    );
    const met = await zip.generateAsync({ type: "uint8array" });
    expect(await tekst(await JSZip.loadAsync(met), OVERZICHT)).toContain(databalk);
    const { data, rapport } = await schrijfXlsx(later, met);
    // Before: named as lost ("voorwaardelijke opmaak (x14) op Overzicht!B5:B6"), written with "min" and "max".
    expect(rapport.verloren).toEqual([]);
    const xml = await tekst(await JSZip.loadAsync(data), OVERZICHT);
    // Before: `<drawing r:id="…"/>` between `</dataBar>` and the rule's `<extLst>`: no valid sheet, and LibreOffice
    // showed no chart.
    expect(xml).toMatch(
      /<\/conditionalFormatting>(?:(?!<conditionalFormatting)[\s\S])*<drawing r:id="[^"]+"\/>/,
    );
    expect(xml).not.toMatch(/<cfRule\b(?:(?!<\/cfRule>)[\s\S])*<drawing\b/);
    const nieuwId = /<x14:id>([^<]*)<\/x14:id>/.exec(xml)?.[1];
    expect(xml).toContain(`<x14:cfRule type="dataBar" id="${nieuwId ?? "?"}">${balk}</x14:cfRule>`);
    await welgevormd(data);
    expect(await tekst(await JSZip.loadAsync(data), "xl/drawings/drawing1.xml")).toContain(
      `name="${GRAFIEK_PREFIX}1"`,
    );
  });
});

/** Style, value and formula of every cell of Opgave's sheets, as exceljs reads them. */
function cellen(wb: ExcelJS.Workbook): Map<string, unknown> {
  const uit = new Map<string, unknown>();
  for (const naam of EIGEN_BLADEN) {
    blad(wb, naam).eachRow({ includeEmpty: true }, (rij) =>
      rij.eachCell({ includeEmpty: true }, (c) => {
        const { numFmt, font, fill, border, alignment } = c.style;
        uit.set(`${naam}!${c.address}`, { waarde: c.value, numFmt, font, fill, border, alignment });
      }),
    );
  }
  return uit;
}

describe("charts: the user's and Opgave's, also as another program saved them", () => {
  /** Opgave's first fill with its chart's drawing and chart part changed by `drawing` and `chart`. */
  const metGrafiek = async (drawing: (x: string) => string, chart: (x: string) => string) => {
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    const naam = (patroon: RegExp) => Object.keys(zip.files).find((n) => patroon.test(n)) ?? "";
    await wijzig(zip, naam(/^xl\/drawings\/[^/]+\.xml$/), drawing);
    await wijzig(zip, naam(/^xl\/charts\/[^/]+\.xml$/), chart);
    return zip.generateAsync({ type: "uint8array" });
  };
  /** As openpyxl writes a drawing: the default namespace, no prefix, every chart named "Chart n". */
  const zoalsOpenpyxl = (x: string) =>
    x
      .replace(/(<\/?)xdr:/g, "$1")
      .replace("xmlns:xdr=", "xmlns=")
      .replace(/name="Opgave_Grafiek_\d+"/, 'name="Chart 1"');

  test("Opgave's chart renamed by openpyxl is still Opgave's (by its title); a chart of another title is the user's", async () => {
    const hernoemd = await metGrafiek(zoalsOpenpyxl, (x) => x);
    expect(await verliesBijHerschrijven(hernoemd)).toEqual([]);
    const ander = await metGrafiek(zoalsOpenpyxl, (x) =>
      x.replace(/Taakstelling en gehuisvest per periode/, "Mijn eigen grafiek"),
    );
    // Before: a drawing without the xdr: prefix was not looked into, and such a chart went without a word.
    expect(await verliesBijHerschrijven(ander)).toEqual(["1 eigen grafiek"]);
    expect(
      await verliesBijHerschrijven(
        await metGrafiek(
          (x) => x.replace(/Opgave_Grafiek_1/, "Grafiek 1"),
          (x) => x,
        ),
      ),
    ).toEqual([]);
  });
});

describe("styles and strings are mapped into the original's styles.xml", () => {
  test("grafted into a workbook of the user's own with other fonts, fills and number formats: every cell looks the same", async () => {
    const eigen = new ExcelJS.Workbook();
    const ws = eigen.addWorksheet("Mijn blad");
    ws.getCell("A1").value = 0.25;
    ws.getCell("A1").numFmt = "0.0%"; // custom format 164 in this file, "€ #,##0" in Opgave's
    ws.getCell("A2").value = "schuin";
    ws.getCell("A2").font = { italic: true, color: { argb: "FF0070C0" } };
    ws.getCell("A3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF92D050" } };
    ws.getCell("A3").border = { bottom: { style: "double" } };
    const origineel = await bewaar(eigen);
    const vers = (await schrijfXlsx(utrecht)).data;

    const geent = await entInOrigineel(origineel, vers, EIGEN_BLADEN);
    if (!geent) throw new Error("niet geënt");
    expect(cellen(await lees(geent))).toEqual(cellen(await lees(vers)));
    const mijn = blad(await lees(geent), "Mijn blad");
    expect(mijn.getCell("A1").numFmt).toBe("0.0%");
    expect(mijn.getCell("A2").font).toMatchObject({ italic: true });
    await verwachtOngewijzigd(origineel, geent);
    await welgevormd(geent);

    // Once more: every style Opgave needs is in styles.xml already, which stays byte for byte.
    const nogmaals = await entInOrigineel(geent, vers, EIGEN_BLADEN);
    if (!nogmaals) throw new Error("niet geënt");
    const stijl = async (d: Uint8Array) => tekst(await JSZip.loadAsync(d), "xl/styles.xml");
    expect(await stijl(nogmaals)).toBe(await stijl(geent));
    expect(cellen(await lees(nogmaals))).toEqual(cellen(await lees(vers)));
  });
});

/**
 * `data` with a named cell style "Beleid" (an italic purple font; its `cellStyleXfs` entry and `cellStyles` name)
 * applied to `cellen` of Taakstelling (or of the sheet part `deel`) as Excel applies a style that includes only the
 * font: each cell's own format with the style's font, based on the style. The font's children in another order
 * than exceljs writes them.
 */
async function metCelstijl(
  data: Uint8Array,
  cellen: readonly string[],
  deel = TAAKSTELLING,
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(data);
  let stijlen = await tekst(zip, "xl/styles.xml");
  const font = Number(/<fonts count="(\d+)"/.exec(stijlen)?.[1]);
  stijlen = stijlen
    .replace(/<fonts count="\d+"/, `<fonts count="${font + 1}"`)
    .replace(
      "</fonts>",
      '<font><i/><sz val="11"/><color rgb="FF7030A0"/><name val="Calibri"/><family val="2"/></font></fonts>',
    )
    .replace(
      /<cellStyleXfs count="1">(.*?)<\/cellStyleXfs>/,
      `<cellStyleXfs count="2">$1<xf numFmtId="0" fontId="${font}" fillId="0" borderId="0" applyFont="1"/></cellStyleXfs>`,
    )
    .replace(
      /<cellStyles count="1">(.*?)<\/cellStyles>/,
      '<cellStyles count="2"><cellStyle name="Beleid" xfId="1" customBuiltin="1"/>$1</cellStyles>',
    );
  const xfs = [
    ...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(stijlen)?.[1] ?? "").matchAll(/<xf\b[^>]*?(?:\/>|>.*?<\/xf>)/g),
  ].map((m) => m[0]);
  await wijzig(zip, deel, (xml) => {
    for (const cel of cellen) {
      const tag = new RegExp(`<c r="${cel}"[^>]*?/?>`).exec(xml)?.[0];
      if (!tag) throw new Error(`${cel} ontbreekt`);
      const oud = xfs[Number(/\ss="(\d+)"/.exec(tag)?.[1] ?? "0")] ?? "";
      xfs.push(oud.replace(/fontId="\d+"/, `fontId="${font}"`).replace(/xfId="\d+"/, 'xfId="1"'));
      const s = ` s="${xfs.length - 1}"`;
      xml = xml.replace(
        tag,
        /\ss="/.test(tag) ? tag.replace(/\ss="\d+"/, s) : tag.replace(`<c r="${cel}"`, `<c r="${cel}"${s}`),
      );
    }
    return xml;
  });
  zip.file(
    "xl/styles.xml",
    stijlen.replace(
      /<cellXfs count="\d+">.*?<\/cellXfs>/,
      `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>`,
    ),
  );
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/**
 * The named style each of `cellen` of Taakstelling (or of the sheet part `deel`) is based on (its format's xfId →
 * cellStyles), and its font.
 */
async function celstijlVan(
  data: Uint8Array,
  cellen: readonly string[],
  deel = TAAKSTELLING,
): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(data);
  const stijlen = await tekst(zip, "xl/styles.xml");
  const xml = await tekst(zip, deel);
  const xfs = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(stijlen)?.[1] ?? "").matchAll(/<xf\b[^>]*>/g)].map(
    (m) => m[0],
  );
  const namen = new Map(
    [...stijlen.matchAll(/<cellStyle\b[^>]*>/g)].map((m) => [
      /xfId="(\d+)"/.exec(m[0])?.[1],
      /name="([^"]*)"/.exec(m[0])?.[1],
    ]),
  );
  const fonts = [
    ...(/<fonts[^>]*>(.*?)<\/fonts>/.exec(stijlen)?.[1] ?? "").matchAll(/<font\b[^>]*>.*?<\/font>/g),
  ].map((m) => m[0]);
  return Object.fromEntries(
    cellen.map((cel) => {
      const xf =
        xfs[Number(/\ss="(\d+)"/.exec(new RegExp(`<c r="${cel}"[^>]*>`).exec(xml)?.[0] ?? "")?.[1] ?? "0")] ??
        "";
      const font = fonts[Number(/fontId="(\d+)"/.exec(xf)?.[1] ?? "0")] ?? "";
      const schuin = /<i\/>/.test(font) && /7030A0/.test(font) ? "schuin paars" : "anders";
      return [cel, `${namen.get(/xfId="(\d+)"/.exec(xf)?.[1] ?? "0") ?? "?"}, ${schuin}`];
    }),
  );
}

describe("named cell styles on Opgave's sheets (exceljs writes every format based on Normal)", () => {
  // A cell of the user's own beside the table, a figure of Opgave's, an empty input cell, the one the user filled in
  // (2024-I's Gehuisvest: `metExceljs`).
  const CELLEN = ["R4", "C8", "G8", "G23"];

  test("a cell whose look the refill leaves as it was keeps its style; nothing is named", async () => {
    const origineel = await bouwOrigineel();
    const zip = await JSZip.loadAsync(origineel);
    await wijzig(zip, TAAKSTELLING, (x) =>
      x.replace(/(<row r="4"[^>]*>)/, '$1<c r="R4" t="inlineStr"><is><t>eigen</t></is></c>'),
    );
    const met = await metCelstijl(await zip.generateAsync({ type: "uint8array" }), CELLEN);
    const voor = await celstijlVan(met, CELLEN);
    expect(voor).toEqual(Object.fromEntries(CELLEN.map((c) => [c, "Beleid, schuin paars"])));
    const { data, rapport } = await schrijfXlsx(later, met);
    // Before: each "Normal, schuin paars" without a word; an empty input cell (G8) lost its font too.
    expect(await celstijlVan(data, CELLEN)).toEqual(voor);
    expect(rapport.verloren).toEqual([]);
    await welgevormd(data);
    // Once more: as it was.
    expect(await celstijlVan((await schrijfXlsx(later, data)).data, CELLEN)).toEqual(voor);
  });

  test("a cell whose look Opgave sets (the title) loses the style: named, and the refill stops unless confirmed", async () => {
    const met = await metCelstijl(await bouwOrigineel(), ["A1", "C8"]);
    const fout = await schrijfXlsx(later, met).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(VerliesFout);
    expect((fout as VerliesFout).onderdelen).toEqual(['celstijl "Beleid" op Taakstelling!A1']);
    const { data, rapport } = await schrijfXlsx(later, met, { verliesToestaan: true });
    expect(rapport.verloren).toEqual(['celstijl "Beleid" op Taakstelling!A1']);
    expect(await celstijlVan(data, ["C8"])).toEqual({ C8: "Beleid, schuin paars" });
  });

  describe("on a province table whose rows move (a gemeente gone from the data, without input)", () => {
    const gelderland = planProvincie(engine, "Gelderland", "2024-I", TEST_BRON);
    const tabel = gelderland.bladen[0]?.tabellen[0];
    const derde = String(tabel?.rijen[2]?.[0]);
    const zonderDerde = zonderRij(
      planProvincie(engine, "Gelderland", "2024-I", { ...TEST_BRON, gemaakt: LATER }),
      tabel?.naam ?? "",
      derde,
    );
    const PROVINCIE = "xl/worksheets/sheet1.xml";
    /** The column letter of a header of the province table (row 8). */
    const kolom = async (data: Uint8Array, kop: string) => {
      const ws = blad(await lees(data), BLADEN.provincie);
      let letter = "";
      ws.getRow(8).eachCell((c) => {
        if (celWaarde(c) === kop) letter = c.address.replace(/\d+$/, "");
      });
      return letter;
    };

    test("a cell keeps its style where its row goes (row 20 to 19, 30 to 29), one that stays too; nothing is named", async () => {
      const vers = (await schrijfXlsx(gelderland)).data;
      const [g, k] = [await kolom(vers, "Gehuisvest"), await kolom(vers, "Achterstand")];
      const met = await metCelstijl(vers, [`${g}10`, `${g}20`, `${k}30`], PROVINCIE);
      const { data, rapport } = await schrijfXlsx(zonderDerde, met);
      // Before: named as lost at G20 and K30 (compared where the cells were), and the refill stopped.
      expect(rapport.verloren).toEqual([]);
      const na = await celstijlVan(data, [`${g}10`, `${g}19`, `${k}29`], PROVINCIE);
      expect(Object.values(na)).toEqual(Array<string>(3).fill("Beleid, schuin paars"));
      expect(celWaarde(blad(await lees(data), BLADEN.provincie).getCell("A19"))).toBe(tabel?.rijen[11]?.[0]);
      await welgevormd(data);
    });

    test("a cell on the row of the gemeente that goes: named, and the refill stops unless confirmed", async () => {
      const vers = (await schrijfXlsx(gelderland)).data;
      const g = await kolom(vers, "Gehuisvest");
      const met = await metCelstijl(vers, [`${g}11`, `${g}20`], PROVINCIE);
      const fout = await schrijfXlsx(zonderDerde, met).catch((e: unknown) => e);
      expect(fout).toBeInstanceOf(VerliesFout);
      expect((fout as VerliesFout).onderdelen).toEqual([
        `celstijl "Beleid" op Provincie!${g}11 (de rij of kolom vervalt bij opnieuw vullen)`,
      ]);
      const { data } = await schrijfXlsx(zonderDerde, met, { verliesToestaan: true });
      expect(await celstijlVan(data, [`${g}19`], PROVINCIE)).toEqual({ [`${g}19`]: "Beleid, schuin paars" });
    });
  });

  test("a full rewrite (a package the graft does not take) names every cell that loses its style", async () => {
    const met = await metCelstijl(await bouwOrigineel(), ["C8", "G8"]);
    const fout = await schrijfXlsx(later, met, { enten: false }).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(VerliesFout);
    expect((fout as VerliesFout).onderdelen).toEqual(
      expect.arrayContaining([
        'celstijl "Beleid" op Taakstelling!C8',
        'celstijl "Beleid" op Taakstelling!G8',
      ]),
    );
  });
});

describe("texts beyond Latin-1 on Opgave's sheets", () => {
  test("an em dash, the euro sign, an emoji and rich text read back the same after a refill", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    const teksten = ["kosten — € 1.250 per plek", "Ünïcødé 😀 𝔘", "één"];
    teksten.forEach((x, i) => (t.getCell(`P${3 + i}`).value = x));
    t.getCell("P6").value = { richText: [{ text: "vet — ", font: { bold: true } }, { text: "€ 5" }] };
    const geent = await schrijfXlsx(later, await bewaar(wb));
    const terug = blad(await lees(geent.data), "Taakstelling");
    expect(teksten.map((_, i) => terug.getCell(`P${3 + i}`).value)).toEqual(teksten);
    expect(terug.getCell("P6").value).toMatchObject({
      richText: [{ text: "vet — ", font: { bold: true } }, { text: "€ 5" }],
    });
    // The original's shared strings hold these texts: the grafted sheet refers to them there.
    await verwachtGeldigeVerwijzingen(geent.data);
    await welgevormd(geent.data);
  });

  test("a text the original's shared strings lack goes inline, as character references, and reads back the same", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    blad(wb, "Taakstelling").getCell("P3").value = "kosten — € 1.250 per plek 😀";
    const zip = await JSZip.loadAsync(await bewaar(wb));
    // The original keeps this text inline in its sheet, and its shared strings lack it (as a file of another
    // program may have it): exceljs, loading the original, writes it as a shared string of its own.
    const sst = "xl/sharedStrings.xml";
    const si = (await gedeeldeTeksten(zip)).find((x) => x.includes("kosten"));
    if (si === undefined) throw new Error("de tekst staat niet in de gedeelde teksten");
    const index = (await gedeeldeTeksten(zip)).indexOf(si);
    await wijzig(zip, sst, (x) => x.replace(si, "<si><t>ongebruikt</t></si>"));
    await wijzig(zip, "xl/worksheets/sheet2.xml", (x) =>
      x.replace(
        new RegExp(`(<c r="P3"[^>]*?) t="s"([^>]*)><v>${index}</v></c>`),
        `$1 t="inlineStr"$2><is><t>kosten — € 1.250 per plek 😀</t></is></c>`,
      ),
    );
    const origineel = await zip.generateAsync({ type: "uint8array" });
    expect(celWaarde(blad(await lees(origineel), "Taakstelling").getCell("P3"))).toBe(
      "kosten — € 1.250 per plek 😀",
    );

    const geent = await schrijfXlsx(later, origineel);
    expect(celWaarde(blad(await lees(geent.data), "Taakstelling").getCell("P3"))).toBe(
      "kosten — € 1.250 per plek 😀",
    );
    // As character references in the grafted sheet: the same XML, one byte per character while it is built.
    const xml = await tekst(await JSZip.loadAsync(geent.data), "xl/worksheets/sheet2.xml");
    expect(xml).toMatch(
      /<c r="P3"[^>]*t="inlineStr"[^>]*><is><t>kosten &#8212; &#8364; 1.250 per plek &#128512;<\/t><\/is><\/c>/,
    );
    expect(await verwachtOngewijzigd(origineel, geent.data)).toContain(sst);
    await verwachtGeldigeVerwijzingen(geent.data);
    await welgevormd(geent.data);
  });
});

describe("the original's shared strings, referred to only where they can be counted", () => {
  test('texts kept with xml:space="preserve" (as LibreOffice writes every text) are still found there', async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    blad(wb, "Taakstelling").getCell("P3").value = " met spatie vooraf";
    blad(wb, "Taakstelling").getCell("P4").value = "regel 1\nregel 2";
    const zip = await JSZip.loadAsync(await bewaar(wb));
    await wijzig(zip, "xl/sharedStrings.xml", (x) => x.replace(/<t>/g, '<t xml:space="preserve">'));
    const origineel = await zip.generateAsync({ type: "uint8array" });
    const geent = await schrijfXlsx(later, origineel);
    const taakstelling = await tekst(await JSZip.loadAsync(geent.data), "xl/worksheets/sheet2.xml");
    // The sheet's fixed texts (headers, periods) refer to the original's shared strings; none goes inline.
    expect(taakstelling).toMatch(/<c r="A7"[^>]*t="s"/);
    expect(taakstelling).not.toMatch(/inlineStr/);
    const t = blad(await lees(geent.data), "Taakstelling");
    expect(celWaarde(t.getCell("A7"))).toBe("Periode");
    expect(celWaarde(t.getCell("P3"))).toBe(" met spatie vooraf");
    expect(celWaarde(t.getCell("P4"))).toBe("regel 1\nregel 2");
    await verwachtGeldigeVerwijzingen(geent.data);
    await verwachtOngewijzigd(origineel, geent.data);
  });

  test('xml:space="preserve" is dropped from the comparison only where it changes nothing', () => {
    const bewaard = (t: string) => `<t xml:space="preserve">${t}</t>`;
    expect(tekstSleutel(bewaard("Periode"))).toBe("<t>Periode</t>");
    expect(tekstSleutel(`<r><rPr><b/></rPr>${bewaard("vet en")}</r><r>${bewaard("gewoon")}</r>`)).toBe(
      "<r><rPr><b/></rPr><t>vet en</t></r><r><t>gewoon</t></r>",
    );
    for (const t of [
      " vooraf",
      "achteraf ",
      "twee  spaties",
      "regel\nregel",
      "tab\there",
      "a&#10;b",
      "a&#x20;",
    ]) {
      expect(tekstSleutel(bewaard(t))).toBe(bewaard(t));
    }
  });

  test("a comment in the original's shared strings: every text of Opgave's sheets goes inline, and reads back the same", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    blad(wb, "Taakstelling").getCell("P3").value = "van mij";
    const zip = await JSZip.loadAsync(await bewaar(wb));
    // A comment holding an <si> would shift every index counted by <si> in the text.
    await wijzig(zip, "xl/sharedStrings.xml", (x) =>
      x.replace(/(<sst\b[^>]*>)/, "$1<!-- <si><t>oud</t></si> -->"),
    );
    const origineel = await zip.generateAsync({ type: "uint8array" });
    const geent = await schrijfXlsx(later, origineel);
    const na = await JSZip.loadAsync(geent.data);
    for (const naam of Object.keys(na.files).filter((n) => /^xl\/worksheets\/sheet[1-6]\.xml$/.test(n))) {
      expect([naam, /t="s"/.test(await tekst(na, naam))]).toEqual([naam, false]);
    }
    const t = blad(await lees(geent.data), "Taakstelling");
    expect(celWaarde(t.getCell("P3"))).toBe("van mij");
    expect(celWaarde(t.getCell("A7"))).toBe("Periode");
    await verwachtOngewijzigd(origineel, geent.data);
  });
});

/** What the graft is given in a refill of `origineel`: the original, exceljs's file of Opgave's sheets, their names. */
async function entInvoer(origineel: Uint8Array): Promise<Parameters<typeof entInOrigineel>> {
  const ent = jest.spyOn(entenModule, "entInOrigineel");
  try {
    await schrijfXlsx(later, origineel, { verliesToestaan: true });
    const invoer = ent.mock.calls[0];
    if (!invoer) throw new Error("geen ent");
    return invoer;
  } finally {
    ent.mockRestore();
  }
}

/**
 * The graft of a refill of `origineel` made both ways — passing over what needs no mapping, and every cell through
 * the mapping — is the same, part for part. Returns exceljs's file and the graft.
 */
async function verwachtBeideWegenGelijk(
  origineel: Uint8Array,
): Promise<{ nieuw: Uint8Array; geent: Uint8Array }> {
  const [oud, nieuw, bladen] = await entInvoer(origineel);
  const [snel, elk] = [
    await entInOrigineel(oud, nieuw, bladen),
    await entInOrigineel(oud, nieuw, bladen, { elkeCel: true }),
  ];
  if (!snel || !elk) throw new Error("niet geënt");
  const [a, b] = [await delen(snel), await delen(elk)];
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [naam, bytes] of a) {
    verwachtGelijk(Buffer.from(bytes).toString(), Buffer.from(b.get(naam) ?? []).toString(), naam);
  }
  return { nieuw: new Uint8Array(nieuw), geent: snel };
}

const TAAKSTELLING = "xl/worksheets/sheet2.xml";
const OVERZICHT = "xl/worksheets/sheet1.xml";

/** XML with every character beyond Latin-1 as a character reference (as the graft writes Opgave's sheets). */
const alsVerwijzingen = (xml: string) =>
  xml.replace(/[\u{100}-\u{10FFFF}]/gu, (c) => `&#${c.codePointAt(0) ?? 0};`);

/** Whether two long XML texts are equal (a failure shows where they part, not both texts). */
function verwachtGelijk(a: string, b: string, naam = ""): void {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const van = Math.max(0, i - 80);
  expect({ naam, lengte: a.length, tot: a.slice(van, i + 80) }).toEqual({
    naam,
    lengte: b.length,
    tot: b.slice(van, i + 80),
  });
}

describe("a sheet needs no pass over its cells when no style index or text moves", () => {
  async function ingevuld(): Promise<Uint8Array> {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    t.getCell(rijVan(t, "2024-I"), 7).value = 123;
    t.getCell("P3").value = "van mij — €";
    return bewaar(wb);
  }

  test("a refill of a file Opgave wrote: its sheets go in as exceljs wrote them, the same as through every cell", async () => {
    const { nieuw, geent } = await verwachtBeideWegenGelijk(await ingevuld());
    const [uit, vers] = [await JSZip.loadAsync(geent), await JSZip.loadAsync(nieuw)];
    // Character for character as exceljs wrote it (an en dash in a formula as a reference).
    verwachtGelijk(await tekst(uit, TAAKSTELLING), alsVerwijzingen(await tekst(vers, TAAKSTELLING)));
    const t = blad(await lees(geent), "Taakstelling");
    expect(celWaarde(t.getCell(rijVan(t, "2024-I"), 7))).toBe(123);
    expect(celWaarde(t.getCell("P3"))).toBe("van mij — €");
  });

  test("the original's shared strings one place further on: only the text cells change, the same as through every cell", async () => {
    const zip = await JSZip.loadAsync(await ingevuld());
    await wijzig(zip, "xl/sharedStrings.xml", (x) => x.replace(/(<sst\b[^>]*>)/, "$1<si><t>eerst</t></si>"));
    for (const naam of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
      await wijzig(zip, naam, (x) =>
        x.replace(
          /(<c\b[^>]*\st="s"[^>]*><v>)(\d+)<\/v>/g,
          (_, c: string, i: string) => `${c}${Number(i) + 1}</v>`,
        ),
      );
    }
    const origineel = await zip.generateAsync({ type: "uint8array" });
    const { nieuw, geent } = await verwachtBeideWegenGelijk(origineel);
    const [uit, vers] = [
      await tekst(await JSZip.loadAsync(geent), TAAKSTELLING),
      await tekst(await JSZip.loadAsync(nieuw), TAAKSTELLING),
    ];
    // Every text cell refers one further on; every other character as exceljs wrote it.
    const zonderTekstCellen = (x: string) => x.replace(/(<c\b[^>]*\st="s"[^>]*><v>)\d+<\/v>/g, "$1</v>");
    expect(uit).not.toBe(alsVerwijzingen(vers));
    verwachtGelijk(zonderTekstCellen(uit), zonderTekstCellen(alsVerwijzingen(vers)));
    const t = blad(await lees(geent), "Taakstelling");
    expect(celWaarde(t.getCell("A7"))).toBe("Periode");
    expect(celWaarde(t.getCell("P3"))).toBe("van mij — €");
    await verwachtGeldigeVerwijzingen(geent);
    await verwachtOngewijzigd(origineel, geent);
  });

  test("styles of the user's own in the original (indexes move): the same as through every cell", async () => {
    const eigen = new ExcelJS.Workbook();
    const ws = eigen.addWorksheet("Mijn blad");
    ws.getCell("A1").value = 0.25;
    ws.getCell("A1").numFmt = "0.0%";
    ws.getCell("A2").font = { italic: true };
    const wb = await lees(await bewaar(eigen));
    const opgave = await lees((await schrijfXlsx(utrecht)).data);
    // Opgave's sheets after the user's own, in a file whose styles.xml began with the user's formats.
    const origineel = await entInOrigineel(await bewaar(wb), await bewaar(opgave), EIGEN_BLADEN);
    if (!origineel) throw new Error("niet geënt");
    const { nieuw, geent } = await verwachtBeideWegenGelijk(origineel);
    // The test is about something: the grafted sheet's style indexes are not exceljs's.
    const stijlIndexen = async (d: Uint8Array) => {
      const pad = (await bladPaden(await Zip.loadAsync(d))).get("Taakstelling") ?? "";
      return [...(await tekst(await JSZip.loadAsync(d), pad)).matchAll(/\ss="(\d+)"/g)].map((m) => m[1]);
    };
    expect(await stijlIndexen(geent)).not.toEqual(await stijlIndexen(nieuw));
    expect(cellen(await lees(geent))).toEqual(cellen(await lees(nieuw)));
  });

  test("the workbook of the first refill tests (notes, links, pivot table, charts): the same as through every cell", async () => {
    await verwachtBeideWegenGelijk(await bouwOrigineel());
  });
});

describe("sheets the original lacks, and files the graft does not handle", () => {
  test("an Opgave sheet the user deleted comes back, appended with its names; the rest stays", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    wb.removeWorksheet(blad(wb, "Kosten").id);
    wb.addWorksheet("Mijn blad").getCell("A1").value = "van mij";
    const zonder = await bewaar(wb);
    const { data, rapport } = await schrijfXlsx(later, zonder);
    expect(rapport.verloren).toEqual([]);
    expect(rapport.nieuweBladen).toEqual(["Kosten"]);
    const na = await lees(data);
    expect(na.worksheets.map((w) => w.name)).toEqual([
      "Overzicht",
      "Taakstelling",
      "Opvang",
      "Kleinschalig",
      "Bron",
      "Mijn blad",
      "Kosten",
    ]);
    expect(celWaarde(blad(na, "Mijn blad").getCell("A1"))).toBe("van mij");
    expect(celWaarde(blad(na, "Kosten").getCell("A4"))).not.toBeNull();
    const werkboek = await tekst(await JSZip.loadAsync(data), "xl/workbook.xml");
    expect(werkboek).toMatch(/<definedName name="Opgave_Plaatsen">Kosten!\$B\$4<\/definedName>/);
    await verwachtOngewijzigd(zonder, data);
    await welgevormd(data);
  });

  test("the relationships namespace declared on each <sheet> (as openpyxl writes workbook.xml): grafted, an appended sheet declares it too", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    wb.removeWorksheet(blad(wb, "Kosten").id);
    wb.addWorksheet("Mijn blad").getCell("A1").value = "van mij";
    const zip = await JSZip.loadAsync(await bewaar(wb));
    const r = `xmlns:r="${NS_REL}"`;
    await wijzig(zip, "xl/workbook.xml", (x) => x.replace(` ${r}`, "").replace(/<sheet /g, `<sheet ${r} `));
    const perBlad = await zip.generateAsync({ type: "uint8array" });
    const werkboekVoor = await tekst(zip, "xl/workbook.xml");
    expect(werkboekVoor).not.toMatch(/<workbook\b[^>]*xmlns:r=/);
    // Before: no graft ("relaties niet als r: gedeclareerd"), the whole file rewritten by exceljs.
    expect(await kanEnten(perBlad, EIGEN_BLADEN)).toBe(true);
    const { data, rapport } = await schrijfXlsx(later, perBlad);
    expect([rapport.verloren, rapport.nieuweBladen]).toEqual([[], ["Kosten"]]);
    await verwachtOngewijzigd(perBlad, data);
    await welgevormd(data);
    const werkboek = (await tekst(await JSZip.loadAsync(data), "xl/workbook.xml")) ?? "";
    expect(werkboek).toMatch(new RegExp(`<sheet ${r} name="Kosten" sheetId="\\d+" r:id="rId\\d+"/>`));
    expect(celWaarde(blad(await lees(data), "Kosten").getCell("A4"))).not.toBeNull();
    // The relationships under another prefix, r: declared nowhere: no graft (as before).
    const ns1 = (await tekst(zip, "xl/workbook.xml"))
      .replace(/ xmlns:r="[^"]*"/g, "")
      .replace("<workbook ", `<workbook xmlns:ns1="${NS_REL}" `)
      .replace(/ r:id=/g, " ns1:id=");
    const anderVoorvoegsel = await JSZip.loadAsync(perBlad);
    anderVoorvoegsel.file("xl/workbook.xml", ns1);
    expect(await kanEnten(await anderVoorvoegsel.generateAsync({ type: "uint8array" }), EIGEN_BLADEN)).toBe(
      false,
    );
    // Another namespace under r: anywhere: no graft.
    await wijzig(zip, "xl/workbook.xml", (x) => x.replace(`<sheet ${r} `, '<sheet xmlns:r="urn:ander" '));
    expect(await kanEnten(await zip.generateAsync({ type: "uint8array" }), EIGEN_BLADEN)).toBe(false);
  });

  test("a prefixed main namespace: no graft (the writer falls back to exceljs and lists what it drops)", async () => {
    const eerst = (await schrijfXlsx(utrecht)).data;
    const zip = await JSZip.loadAsync(eerst);
    await wijzig(zip, "xl/workbook.xml", (x) =>
      x
        .replace(`<workbook xmlns="${MAIN}"`, `<x:workbook xmlns:x="${MAIN}"`)
        .replace("</workbook>", "</x:workbook>")
        .replace(/<(\/?)(fileVersion|workbookPr|sheets|sheet|definedNames|definedName|calcPr)\b/g, "<$1x:$2"),
    );
    const voorvoegsel = await zip.generateAsync({ type: "uint8array" });
    expect(await kanEnten(voorvoegsel, EIGEN_BLADEN)).toBe(false);
    expect(await entInOrigineel(voorvoegsel, eerst, EIGEN_BLADEN)).toBeUndefined();
  });
});
