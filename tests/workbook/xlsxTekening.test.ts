import { XMLValidator } from "fast-xml-parser";
import { metGrafiekAnker, metGrafiekDoel, zonderAnkers } from "../../src/workbook/xlsxTekening";
import { relaties, type Anker } from "../../src/workbook/xlsxOnderdelen";

const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const rels = (...r: [string, string, string][]) =>
  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${r
    .map(([id, type, doel]) => `<Relationship Id="${id}" Type="${NS_REL}/${type}" Target="${doel}"/>`)
    .join("")}</Relationships>`;

/** A chart anchor as ./xlsxOnderdelen `anker` writes it (prefixes declared on the root it was written in). */
const opgaveAnker = (id: number, rid: string, naam = "Opgave_Grafiek_1") =>
  `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>17</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>37</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${naam}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS_REL}" r:id="${rid}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
const anker = (xml: string, rid: string): Anker => ({ soort: "grafiek", naam: "Opgave_Grafiek_1", rid, xml });

/** A text box, as openpyxl writes a drawing: the default namespace, no prefix. */
const tekstvak = `<twoCellAnchor><from><col>1</col><colOff>0</colOff><row>40</row><rowOff>0</rowOff></from><to><col>5</col><colOff>0</colOff><row>44</row><rowOff>0</rowOff></to><sp macro="" textlink=""><nvSpPr><cNvPr id="12" name="Tekstvak 1"/><cNvSpPr txBox="1"/></nvSpPr><spPr/></sp><clientData/></twoCellAnchor>`;
const afbeelding = `<twoCellAnchor><from><col>8</col><colOff>0</colOff><row>1</row><rowOff>0</rowOff></from><to><col>9</col><colOff>0</colOff><row>2</row><rowOff>0</rowOff></to><pic><nvPicPr><cNvPr id="3" name="Logo"/><cNvPicPr/></nvPicPr><blipFill><a:blip xmlns:r="${NS_REL}" r:embed="rId1"/></blipFill><spPr/></pic><clientData/></twoCellAnchor>`;

describe("the user's drawing with Opgave's charts swapped", () => {
  const oudAnker = opgaveAnker(2, "rId2").replace(/<(\/?)xdr:/g, "<$1");
  const begin = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<wsDr xmlns="${XDR}" xmlns:a="${A}">`;
  const oud = {
    xml: `${begin}${oudAnker}${afbeelding}${tekstvak}</wsDr>`,
    rels: rels(["rId1", "image", "../media/image1.png"], ["rId2", "chart", "../charts/chart1.xml"]),
  };

  test("Opgave's old chart out, with its relationship; the user's objects exactly as they were; its place kept", () => {
    const zonder = zonderAnkers(oud, [anker(oudAnker, "rId2")]);
    expect(zonder).toEqual({
      xml: `${begin}${afbeelding}${tekstvak}</wsDr>`,
      rels: rels(["rId1", "image", "../media/image1.png"]),
      plek: begin.length,
    });
    // Without a chart of Opgave's: the place is behind every object.
    expect(zonderAnkers({ ...oud, xml: `${begin}${afbeelding}</wsDr>` }, []).plek).toBe(begin.length);
  });

  test("a relationship another object still uses stays; the same text in a text box does not count", () => {
    const gedeeld = { ...oud, xml: oud.xml.replace('r:embed="rId1"', 'r:embed="rId2"') };
    expect(relaties(zonderAnkers(gedeeld, [anker(oudAnker, "rId2")]).rels).map((r) => r.id)).toEqual([
      "rId1",
      "rId2",
    ]);
    const tekst = {
      ...oud,
      xml: oud.xml.replace("</sp>", '<txBody><a:p><a:r><a:t>zie "rId2"</a:t></a:r></a:p></txBody></sp>'),
    };
    expect(relaties(zonderAnkers(tekst, [anker(oudAnker, "rId2")]).rels).map((r) => r.id)).toEqual(["rId1"]);
  });

  test("the new chart where the old one stood, under a free id and relationship, its prefixes declared where the root lacks them", () => {
    const zonder = zonderAnkers(oud, [anker(oudAnker, "rId2")]);
    const met = metGrafiekAnker(zonder, anker(opgaveAnker(2, "rId1"), "rId1"), "../charts/chart3.xml");
    expect(XMLValidator.validate(met.xml)).toBe(true);
    const nieuw = met.xml.slice(begin.length, met.xml.indexOf(afbeelding));
    expect(met.xml).toBe(`${begin}${nieuw}${afbeelding}${tekstvak}</wsDr>`);
    expect(nieuw).toMatch(new RegExp(`^<xdr:twoCellAnchor editAs="oneCell" xmlns:xdr="${XDR}">`));
    // Ids 3 and 12 are the user's: the chart takes 1; rId1 is the picture's: the chart takes rId2.
    expect(nieuw).toContain('<xdr:cNvPr id="1" name="Opgave_Grafiek_1"/>');
    expect(nieuw).toContain('r:id="rId2"/>');
    expect(relaties(met.rels)).toEqual([
      { id: "rId1", type: `${NS_REL}/image`, target: "../media/image1.png", extern: false },
      { id: "rId2", type: `${NS_REL}/chart`, target: "../charts/chart3.xml", extern: false },
    ]);
    // A second chart goes after the first.
    const twee = metGrafiekAnker(
      met,
      anker(opgaveAnker(3, "rId2", "Opgave_Grafiek_2"), "rId2"),
      "../charts/chart4.xml",
    );
    expect(twee.xml.indexOf("Opgave_Grafiek_2")).toBeGreaterThan(twee.xml.indexOf("Opgave_Grafiek_1"));
    expect(twee.xml.indexOf("Opgave_Grafiek_2")).toBeLessThan(twee.xml.indexOf(afbeelding));
  });

  test("the chart in a group of the user's: only its relationship points elsewhere", () => {
    const naar = metGrafiekDoel(oud, "rId2", "../charts/chart7.xml");
    expect(naar.xml).toBe(oud.xml);
    expect(relaties(naar.rels).map((r) => [r.id, r.target])).toEqual([
      ["rId1", "../media/image1.png"],
      ["rId2", "../charts/chart7.xml"],
    ]);
  });

  test("a drawing without content is left as it is", () => {
    const leeg = zonderAnkers({ xml: `<xdr:wsDr xmlns:xdr="${XDR}"/>`, rels: rels() }, []);
    expect(leeg.plek).toBeUndefined();
    expect(metGrafiekAnker(leeg, anker(opgaveAnker(2, "rId1"), "rId1"), "../charts/chart1.xml")).toBe(leeg);
  });
});
