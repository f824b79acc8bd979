/**
 * Hyperlinks through a refill (.xlsx): exceljs drops a link to a place in the workbook, turns a linked number into
 * text, and lost the link on a cell Opgave writes; ./xlsxHyperlinks takes them apart and puts them back where their
 * cells go. The links are written into the package by hand (as Excel stores them), not by the module under test.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { planProvincie } from "../../src/workbook/bouwPlan";
import { celWaarde, schrijfXlsx, VerliesFout } from "../../src/workbook/xlsxWriter";
import {
  hyperlinksUit,
  hyperlinksVerloren,
  metHyperlinks,
  nieuweRef,
  zonderHyperlinks,
} from "../../src/workbook/xlsxHyperlinks";
import { engine } from "../domain/helpers";
import { bewaarXlsx as bewaar, blad, leesXlsx as lees, TEST_BRON as bron, zonderRij } from "./werkboekHulp";

const REL_LINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

/** A link as Excel writes it: to a URL (through a relationship) or to a place (`location`). */
type Link = { ref: string; url?: string; location?: string; tooltip?: string };

/** `data` with `links` on sheet part `deel` (which has none), written into its XML and relationships by hand. */
async function metLinks(data: Uint8Array, deel: string, links: readonly Link[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(data);
  let xml = (await zip.file(deel)?.async("string")) ?? "";
  const relsPart = deel.replace(/([^/]+)$/, "_rels/$1.rels");
  let rels =
    (await zip.file(relsPart)?.async("string")) ??
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  const elementen = links.map((l, i) => {
    const id = `rIdLink${i}`;
    if (l.url)
      rels = rels.replace(
        "</Relationships>",
        `<Relationship Id="${id}" Type="${REL_LINK}" Target="${l.url}" TargetMode="External"/></Relationships>`,
      );
    const attrs = [
      `ref="${l.ref}"`,
      l.url ? `r:id="${id}"` : "",
      l.location ? `location="${l.location.replace(/'/g, "&apos;")}"` : "",
      l.tooltip ? `tooltip="${l.tooltip}"` : "",
    ].filter((a) => a !== "");
    return `<hyperlink ${attrs.join(" ")}/>`;
  });
  if (!xml.includes('xmlns:r="')) {
    xml = xml.replace(
      "<worksheet",
      '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
    );
  }
  xml = xml.replace("<pageMargins", `<hyperlinks>${elementen.join("")}</hyperlinks><pageMargins`);
  zip.file(deel, xml);
  zip.file(relsPart, rels);
  return new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
}

/** The links of sheet part `deel` in `data`: "ref → target or #location (tooltip)". */
async function linksIn(data: Uint8Array, deel: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(data);
  const xml = (await zip.file(deel)?.async("string")) ?? "";
  const rels = (await zip.file(deel.replace(/([^/]+)$/, "_rels/$1.rels"))?.async("string")) ?? "";
  const attribuut = (h: { attributen: string }, naam: string) =>
    (new RegExp(`${naam}="([^"]*)"`).exec(h.attributen)?.[1] ?? "").replace(/&apos;/g, "'");
  return hyperlinksUit(xml, rels).map(
    (h) =>
      `${h.ref} → ${h.doel?.target ?? ""}${attribuut(h, "location")}` +
      attribuut(h, "tooltip").replace(/^(.+)$/, " ($1)"),
  );
}

describe("reading and writing a sheet's links (./xlsxHyperlinks)", () => {
  const rels =
    '<Relationships xmlns="x"><Relationship Id="rId3" Type="' +
    REL_LINK +
    '" Target="https://www.doesburg.nl" TargetMode="External"/></Relationships>';
  const blad1 =
    '<worksheet xmlns="m"><sheetData/><hyperlinks><hyperlink ref="B20" r:id="rId3" tooltip="site" xr:uid="{1}"/>' +
    '<hyperlink ref="A1:C1" location="\'Mijn blad\'!A1" display="terug"/></hyperlinks>' +
    '<pageMargins left="0.7"/><tableParts count="0"/></worksheet>';

  test("read: the target through its relationship, the other attributes as written", () => {
    expect(hyperlinksUit(blad1, rels)).toEqual([
      {
        ref: "B20",
        attributen: ' tooltip="site"',
        doel: { target: "https://www.doesburg.nl", extern: true },
      },
      { ref: "A1:C1", attributen: ' location="\'Mijn blad\'!A1" display="terug"' },
    ]);
    expect(hyperlinksUit("<worksheet><sheetData/><hyperlinksX/></worksheet>", "")).toEqual([]);
  });

  test("read: the relationship id under whatever prefix the sheet binds to its namespace, the nearest binding first", () => {
    const NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const doel = { target: "https://www.doesburg.nl", extern: true };
    const opWortel =
      `<?xml version="1.0"?><!-- x --><worksheet xmlns="m" xmlns:rel="${NS}" xmlns:r="urn:iets-anders">` +
      '<sheetData/><hyperlinks><hyperlink ref="B20" rel:id="rId3"/><hyperlink ref="B21" r:id="rId3"/></hyperlinks></worksheet>';
    expect(hyperlinksUit(opWortel, rels)).toEqual([
      { ref: "B20", attributen: "", doel },
      { ref: "B21", attributen: "" },
    ]);
    const opLink =
      `<worksheet xmlns="m"><sheetData/><hyperlinks xmlns:a="${NS}">` +
      `<hyperlink ref="B20" a:id="rId3"/><hyperlink xmlns:b="${NS}" ref="B21" b:id="rId3"/></hyperlinks></worksheet>`;
    expect(hyperlinksUit(opLink, rels)).toEqual([
      { ref: "B20", attributen: "", doel },
      { ref: "B21", attributen: "", doel },
    ]);
  });

  test("written back before pageMargins, with a relationship of their own; the sheet reads back the same", () => {
    const links = hyperlinksUit(blad1, rels);
    const kaal = zonderHyperlinks(blad1);
    expect(kaal).not.toContain("hyperlink");
    const { xml, rels: uitRels } = metHyperlinks(kaal, '<Relationships xmlns="x"></Relationships>', links);
    expect(xml).toMatch(/<sheetData\/><hyperlinks>.*<\/hyperlinks><pageMargins/);
    expect(xml).toContain('xmlns:r="');
    expect(hyperlinksUit(xml, uitRels)).toEqual(links);
  });

  test("a range keeps its shape or has no new place", () => {
    const omlaag = (rij: number, kolom: number) => ({ rij: rij - 1, kolom });
    expect(nieuweRef("B20", omlaag)).toBe("B19");
    expect(nieuweRef("A20:C21", omlaag)).toBe("A19:C20");
    expect(nieuweRef("A20:C21", (r, k) => (r === 21 ? { rij: 30, kolom: k } : { rij: r, kolom: k }))).toBe(
      undefined,
    );
    expect(nieuweRef("B20", () => undefined)).toBe(undefined);
  });
});

describe("a refill keeps the user's links (.xlsx)", () => {
  const gelderland = planProvincie(engine, "Gelderland", "2024-I", bron);
  const tabel = gelderland.bladen[0]!.tabellen[0]!;
  const codes = tabel.rijen.map((r) => String(r[0]));
  /** Row i of the plan table as the messages name it: "Doesburg (GM0221)". */
  const gemeente = (i: number) => `${String(tabel.rijen[i]?.[1])} (${codes[i]})`;
  const later = planProvincie(engine, "Gelderland", "2024-I", { ...bron, gemaakt: "2027-01-05T09:30:00Z" });
  const PROVINCIE = "xl/worksheets/sheet1.xml";

  /**
   * A filled-in province workbook with a sheet of the user's, and links: on Opgave's gemeente name (B20, to a URL),
   * on a filled-in number (F20, to the user's sheet), on the row of the third gemeente (A11), on the title (A1:B1);
   * on the user's sheet one back to the table (a formula cell).
   */
  const metGebruikersLinks = async () => {
    const wb = await lees((await schrijfXlsx(gelderland)).data);
    const p = blad(wb, "Provincie");
    const kol = new Map<unknown, number>();
    p.getRow(8).eachCell((c, k) => kol.set(celWaarde(c), k));
    expect(kol.get("Gehuisvest")).toBe(6);
    p.getCell("F20").value = 77;
    const eigen = wb.addWorksheet("Mijn blad");
    eigen.getCell("A1").value = { formula: "Provincie!F20*2" } as ExcelJS.CellFormulaValue;
    let data = await bewaar(wb);
    data = await metLinks(data, PROVINCIE, [
      { ref: "B20", url: "https://www.doesburg.nl/", tooltip: "Gemeente" },
      { ref: "F20", location: "'Mijn blad'!A1" },
      { ref: "A11", url: "https://example.org/fusie" },
      { ref: "A1:B1", location: "Bron!A1" },
    ]);
    return metLinks(data, "xl/worksheets/sheet3.xml", [{ ref: "A1", location: "Provincie!F20" }]);
  };

  test("a refill with the same gemeenten: every link where it was, the linked number still a number", async () => {
    const oud = await metGebruikersLinks();
    expect(await linksIn(oud, PROVINCIE)).toHaveLength(4);
    const { data, rapport } = await schrijfXlsx(later, oud);
    expect(rapport.verloren).toEqual([]);
    expect(await linksIn(data, PROVINCIE)).toEqual(await linksIn(oud, PROVINCIE));
    expect(await linksIn(data, "xl/worksheets/sheet3.xml")).toEqual(["A1 → Provincie!F20"]);
    const na = blad(await lees(data), "Provincie");
    expect(celWaarde(na.getCell("B20"))).toBe("Doesburg");
    // A number, not the text "77" (exceljs makes a linked cell's value its text).
    const zip = await JSZip.loadAsync(data);
    const f20 = /<c r="F20"[^>]*>(?:(?!<\/c>).)*<\/c>/.exec(
      (await zip.file(PROVINCIE)?.async("string")) ?? "",
    );
    expect(f20?.[0]).toMatch(/<v>77<\/v>/);
    expect(f20?.[0]).not.toMatch(/t="s"/);
  });

  test("a sheet that binds the relationships namespace to another prefix than r: its link keeps its target", async () => {
    const wb = await lees((await schrijfXlsx(gelderland)).data);
    const zip = await JSZip.loadAsync(await bewaar(wb));
    const xml = (await zip.file(PROVINCIE)?.async("string")) ?? "";
    zip.file(
      PROVINCIE,
      xml.replace(
        "<worksheet",
        '<worksheet xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
      ),
    );
    const anders = new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
    const oud = await metLinks(anders, PROVINCIE, [{ ref: "B20", url: "https://www.doesburg.nl/" }]);
    const metRel = await JSZip.loadAsync(oud);
    const bladXml = (await metRel.file(PROVINCIE)?.async("string")) ?? "";
    metRel.file(PROVINCIE, bladXml.replace('<hyperlink ref="B20" r:id=', '<hyperlink ref="B20" rel:id='));
    const bestand = new Uint8Array(await metRel.generateAsync({ type: "uint8array" }));
    const gelezen = await JSZip.loadAsync(bestand);
    expect(await gelezen.file(PROVINCIE)?.async("string")).toMatch(
      /<hyperlink ref="B20" rel:id="rIdLink0"\/>/,
    );
    for (const enten of [true, false]) {
      const { data, rapport } = await schrijfXlsx(later, bestand, { enten });
      expect(rapport.verloren).toEqual([]);
      expect(await linksIn(data, PROVINCIE)).toEqual(["B20 → https://www.doesburg.nl/"]);
    }
  });

  test("the same without the graft (every sheet through exceljs): the user's sheet keeps its link too", async () => {
    const oud = await metGebruikersLinks();
    const { data, rapport } = await schrijfXlsx(later, oud, { enten: false });
    expect(rapport.verloren).toEqual([]);
    const paden = await (async () => {
      const zip = await JSZip.loadAsync(data);
      const wb = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
      return /<sheet [^>]*name="Mijn blad"/.test(wb);
    })();
    expect(paden).toBe(true);
    const na = await lees(data);
    expect(blad(na, "Provincie").getCell("B20").hyperlink).toBe("https://www.doesburg.nl/");
    expect(blad(na, "Mijn blad").getCell("A1").formula).toBe("Provincie!F20*2");
  });

  test("a gemeente gone: the links on its row are named and the refill stops; confirmed, the others moved with their row", async () => {
    const oud = await metGebruikersLinks();
    const kleiner = zonderRij(later, tabel.naam, codes[2] ?? "");
    const fout = await schrijfXlsx(kleiner, oud).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(VerliesFout);
    expect((fout as VerliesFout).onderdelen).toContain(
      `hyperlink op Provincie!A11 naar https://example.org/fusie (de rij van ${codes[2]} vervalt bij opnieuw vullen)`,
    );
    // The link on the user's sheet goes to F20, a row that will hold the next gemeente: named as a formula would be.
    expect((fout as VerliesFout).onderdelen).toContain(
      `hyperlink op 'Mijn blad'!A1 gaat naar Provincie!F20 in tabel ${tabel.naam}: nu de rij van ${gemeente(11)}, ` +
        `na opnieuw vullen de rij van ${gemeente(12)}`,
    );
    const { data, rapport } = await schrijfXlsx(kleiner, oud, { verliesToestaan: true });
    expect(rapport.verloren).toContain(
      `hyperlink op Provincie!A11 naar https://example.org/fusie (de rij van ${codes[2]} vervalt bij opnieuw vullen)`,
    );
    expect((await linksIn(data, PROVINCIE)).sort()).toEqual(
      ["A1:B1 → Bron!A1", "B19 → https://www.doesburg.nl/ (Gemeente)", "F19 → 'Mijn blad'!A1"].sort(),
    );
    const na = blad(await lees(data), "Provincie");
    expect([celWaarde(na.getCell("B19")), celWaarde(na.getCell("F19"))]).toEqual(["Doesburg", 77]);
  });

  test("the check after writing names a link the new file lacks, and one that is elsewhere", async () => {
    const oud = await metGebruikersLinks();
    const zonder = (await schrijfXlsx(later, await bewaar(await lees(oud)), { verliesToestaan: true })).data;
    // exceljs's own round trip dropped the links to places and a tooltip: the check names them.
    expect(await hyperlinksVerloren(oud, zonder, new Map())).toEqual([
      "hyperlink op Provincie!B20 naar https://www.doesburg.nl/",
      "hyperlink op Provincie!F20 naar 'Mijn blad'!A1",
      "hyperlink op Provincie!A1:B1 naar Bron!A1",
      "hyperlink op Mijn blad!A1 naar Provincie!F20",
    ]);
    // Against a copy: sheets with the very same bytes in both files are not read (kept as they were).
    expect(await hyperlinksVerloren(oud, oud, new Map([["Provincie!B20", "Provincie!B21"]]))).toEqual([]);
    const verplaatst = new Map([["Provincie!B20", "Provincie!B21"]]);
    expect(await hyperlinksVerloren(oud, oud.slice(), verplaatst)).toEqual([
      "hyperlink op Provincie!B20 naar https://www.doesburg.nl/ (naar Provincie!B21)",
    ]);
  });
});
