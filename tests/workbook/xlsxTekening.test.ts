import { XMLValidator } from "fast-xml-parser";
import { metGrafiekAnker, zonderAnkers } from "../../src/workbook/xlsxTekening";
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
  const oud = {
    xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<wsDr xmlns="${XDR}" xmlns:a="${A}">${oudAnker}${afbeelding}${tekstvak}</wsDr>`,
    rels: rels(["rId1", "image", "../media/image1.png"], ["rId2", "chart", "../charts/chart1.xml"]),
  };

  test("Opgave's old chart out, with its relationship; the user's objects exactly as they were", () => {
    const zonder = zonderAnkers(oud, [anker(oudAnker, "rId2")]);
    expect(zonder.xml).toBe(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<wsDr xmlns="${XDR}" xmlns:a="${A}">${afbeelding}${tekstvak}</wsDr>`,
    );
    expect(relaties(zonder.rels).map((r) => r.id)).toEqual(["rId1"]);
    expect(zonderAnkers(oud, [])).toBe(oud);
  });

  test("a relationship another object still uses stays", () => {
    const gedeeld = { ...oud, xml: oud.xml.replace('r:embed="rId1"', 'r:embed="rId2"') };
    expect(relaties(zonderAnkers(gedeeld, [anker(oudAnker, "rId2")]).rels).map((r) => r.id)).toEqual([
      "rId1",
      "rId2",
    ]);
  });

  test("the new chart after the user's objects, under a free id and relationship, its prefixes declared where the root lacks them", () => {
    const zonder = zonderAnkers(oud, [anker(oudAnker, "rId2")]);
    const nieuw = opgaveAnker(2, "rId1");
    const met = metGrafiekAnker(zonder, anker(nieuw, "rId1"), "../charts/chart3.xml");
    expect(XMLValidator.validate(met.xml)).toBe(true);
    expect(met.xml.startsWith(zonder.xml.slice(0, zonder.xml.lastIndexOf("</")))).toBe(true);
    const toegevoegd = met.xml.slice(zonder.xml.lastIndexOf("</"), met.xml.lastIndexOf("</"));
    expect(toegevoegd).toMatch(new RegExp(`^<xdr:twoCellAnchor editAs="oneCell" xmlns:xdr="${XDR}">`));
    // Ids 3 and 12 are the user's: the chart takes 13; rId1 is the picture's: the chart takes rId2.
    expect(toegevoegd).toContain('<xdr:cNvPr id="13" name="Opgave_Grafiek_1"/>');
    expect(toegevoegd).toContain('r:id="rId2"/>');
    expect(relaties(met.rels)).toEqual([
      { id: "rId1", type: `${NS_REL}/image`, target: "../media/image1.png", extern: false },
      { id: "rId2", type: `${NS_REL}/chart`, target: "../charts/chart3.xml", extern: false },
    ]);
  });

  test("a drawing without an end tag is left as it is", () => {
    const leeg = { xml: `<xdr:wsDr xmlns:xdr="${XDR}"/>`, rels: rels() };
    expect(metGrafiekAnker(leeg, anker(opgaveAnker(2, "rId1"), "rId1"), "../charts/chart1.xml")).toBe(leeg);
  });
});
