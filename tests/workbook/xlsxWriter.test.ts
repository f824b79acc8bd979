import ExcelJS from "exceljs";
import JSZip from "jszip";
import { unzipSync, zipSync } from "fflate";
import { planGemeente, planProvincie, type BronInfo } from "../../src/workbook/bouwPlan";
import type { BladPlan, Cel, TabelPlan, WerkboekPlan } from "../../src/workbook/plan";
import { celWaarde, schrijfXlsx, VerliesFout } from "../../src/workbook/xlsxWriter";
import { main, mainAsync, type Uitvoer } from "../../src/cli/main";
import { existsSync, promises as fs } from "fs";
import os from "os";
import path from "path";
import { bladPaden, GRAFIEK_PREFIX } from "../../src/workbook/xlsxOnderdelen";
import Zip from "../../src/workbook/zip";
import { GRAFIEK_TITELS } from "../../src/workbook/indeling";
import { decodeerBereik, kolomLetters } from "../../src/workbook/a1";
import { engine } from "../domain/helpers";
import { consolideer } from "../../src/domain/consolideren";
import { leesAanlevering } from "../../src/workbook/lezen";
import { planConsolidatie } from "../../src/workbook/consolidatiePlan";
import {
  bewaarXlsx as bewaar,
  blad,
  leesXlsx as lees,
  rijVan,
  tabelRef,
  TEST_BRON,
  verwachtWerkbladVolgorde,
} from "./werkboekHulp";

const bron: BronInfo = TEST_BRON;

const utrecht = planGemeente(engine, "Utrecht", bron);

function w(ws: ExcelJS.Worksheet, adres: string) {
  return celWaarde(ws.getCell(adres));
}

/** A small hand-made plan: one sheet, one table keyed by "code" with an input column. */
function kleinPlan(rijen: [string, number | null][], extra: Partial<TabelPlan> = {}): WerkboekPlan {
  return {
    formaat: "opgave-werkboek",
    formaatVersie: 1,
    onderwerp: { soort: "gemeente", code: "GM0000", naam: "Proef" },
    bladen: [
      {
        naam: "Proef",
        blokken: [{ start: { rij: 1, kolom: 1 }, cellen: [["Proef"]], kop: true }],
        invoercellen: [],
        tabellen: [
          {
            naam: "Opgave_Proef",
            start: { rij: 3, kolom: 1 },
            kolommen: [
              { sleutel: "code", kop: "Code", soort: "gegeven", notatie: "@" },
              { sleutel: "aantal", kop: "Aantal", soort: "gegeven" },
              { sleutel: "invoer", kop: "Invoer", soort: "invoer" },
              { sleutel: "som", kop: "Som", soort: "formule" },
            ],
            sleutelKolom: "code",
            rijen: rijen.map(([code, aantal], i): Cel[] => [
              code,
              aantal,
              null,
              { formule: `=B${4 + i}+C${4 + i}` },
            ]),
            ...extra,
          },
        ],
        grafieken: [],
      },
    ],
  };
}

describe("schrijfXlsx: a new workbook", () => {
  let wb: ExcelJS.Workbook;
  let data: Uint8Array;
  beforeAll(async () => {
    const uit = await schrijfXlsx(utrecht);
    data = uit.data;
    expect(uit.rapport).toEqual({
      nieuweBladen: ["Overzicht", "Taakstelling", "Opvang", "Kleinschalig", "Kosten", "Bron"],
      wijzigingen: [],
      invoerBehouden: 0,
      tekstInGetal: [],
      buitenRegel: [],
      verweesd: [],
      overgeslagen: [],
      verloren: [],
      andereRij: [],
    });
    wb = await lees(data);
  });

  test("every sheet's elements in CT_Worksheet's order (gemeente, province, consolidation)", async () => {
    await verwachtWerkbladVolgorde(data);
    await verwachtWerkbladVolgorde(
      (await schrijfXlsx(planProvincie(engine, "Gelderland", "2024-I", TEST_BRON))).data,
    );
    const c = consolideer(engine, [], { provincie: "Utrecht" });
    await verwachtWerkbladVolgorde((await schrijfXlsx(planConsolidatie(c, TEST_BRON))).data);
  });

  test("sheets in plan order, Excel tables with their exact names and places", () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(utrecht.bladen.map((b) => b.naam));
    expect(tabelRef(blad(wb, "Taakstelling"), "Opgave_Taakstelling")).toBe("A7:P27");
    expect(tabelRef(blad(wb, "Opvang"), "Opgave_Opvang")).toBe("A14:J16");
    expect(tabelRef(blad(wb, "Kleinschalig"), "Opgave_Kleinschalig")).toBe("A7:H27");
    expect(tabelRef(blad(wb, "Kosten"), "Opgave_Kosten")).toBe("A16:H32");
    expect(tabelRef(blad(wb, "Bron"), "Opgave_Bronnen")).toBe(`A13:E${13 + engine.dataset.bronnen.length}`);
  });

  test("values, formulas, number formats and input marking", () => {
    const t = blad(wb, "Taakstelling");
    expect(t.getCell("A7").value).toBe("Periode");
    expect(t.getCell("G7").value).toBe("Gehuisvest");
    expect(t.getCell("A8").value).toBe("2016-II");
    expect(t.getCell("D8").value).toBe(455);
    expect(t.getCell("D12").value).toBeNull(); // 2018-II: unknown, not guessed
    expect(t.getCell("G8").value).toBeNull();
    expect(t.getCell("I8").value).toMatchObject({
      formula: 'IF(AND(ISNUMBER(H8),ISNUMBER(G8)),MAX(H8-G8,0),"")',
    });
    expect(t.getCell("D8").numFmt).toBe("#,##0");
    expect(t.getCell("A8").numFmt).toBe("@");
    expect(t.getCell("G8").fill).toMatchObject({ type: "pattern", fgColor: { argb: "FFFFF2CC" } });
    expect(t.getCell("A4").value).toBe("Eerste periode");
    const k = blad(wb, "Kleinschalig");
    expect(k.getCell("F8").numFmt).toBe("€ #,##0");
    expect(blad(wb, "Overzicht").getCell("B2").value).toBe("Utrecht");
    expect(blad(wb, "Overzicht").getColumn(1).width).toBe(40);
  });

  test("named input cells are workbook defined names", () => {
    const namen = Object.fromEntries(
      (wb.definedNames.model as { name: string; ranges: string[] }[]).map((n) => [n.name, n.ranges]),
    );
    expect(namen).toEqual({
      Opgave_Startperiode: ["Taakstelling!$B$4"],
      Opgave_Beginsaldo: ["Taakstelling!$B$5"],
      Opgave_BestaandePlaatsen: ["Opvang!$B$11"],
      Opgave_Plaatsen: ["Kosten!$B$4"],
      Opgave_KostenPerPlaats: ["Kosten!$B$5"],
      Opgave_Locaties: ["Kosten!$B$6"],
      Opgave_VasteKostenPerLocatie: ["Kosten!$B$7"],
      Opgave_BonusPerPlaats: ["Kosten!$B$8"],
    });
  });

  test("no formula uses OPGAVE.*; the workbook recalculates on open", async () => {
    const zip = await JSZip.loadAsync(data);
    for (const naam of Object.keys(zip.files).filter((n) => n.startsWith("xl/worksheets/sheet"))) {
      const xml = (await zip.file(naam)?.async("string")) ?? "";
      expect(xml.toUpperCase()).not.toContain("OPGAVE.");
    }
    expect(await zip.file("xl/workbook.xml")?.async("string")).toContain('fullCalcOnLoad="1"');
  });

  test("a native column chart on Overzicht plots the table's ranges", async () => {
    const zip = await JSZip.loadAsync(data);
    const chart = (await zip.file("xl/charts/chart1.xml")?.async("string")) ?? "";
    expect(chart).toContain('<c:barDir val="col"/>');
    expect(chart).toContain("<c:f>Taakstelling!$A$8:$A$27</c:f>");
    // The taakstelling used (own input, else the dataset's), so the user's own figure gets a bar too.
    expect(chart).toContain("<c:f>Taakstelling!$L$8:$L$27</c:f>");
    expect(chart).toContain("<c:f>Taakstelling!$G$8:$G$27</c:f>");
    expect(chart).toContain("Taakstelling en gehuisvest per periode");
    // The series carry their values (the stored results), so a viewer that does not recalculate draws the bars.
    const caches = [...chart.matchAll(/<c:numCache>(.*?)<\/c:numCache>/g)].map((m) =>
      [...(m[1] ?? "").matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((v) => Number(v[1])),
    );
    expect(caches[0]).toContain(388); // the taakstelling used, 2024-I: a formula column's stored result
    expect(caches[0]?.length).toBeGreaterThan(10);
    const drawing = (await zip.file("xl/drawings/drawing1.xml")?.async("string")) ?? "";
    expect(drawing).toContain(`name="${GRAFIEK_PREFIX}1"`);
    const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
    expect(types).toContain('PartName="/xl/charts/chart1.xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml"');
    const sheet1 = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    expect(sheet1).toMatch(
      /<drawing r:id="rId\d+"\/><\/worksheet>|<drawing r:id="rId\d+"\/><(tableParts|extLst)/,
    );
  });

  test("the province workbook: totals row below the table", async () => {
    const p = await lees((await schrijfXlsx(planProvincie(engine, "Utrecht", "2024-I", bron))).data);
    const ws = blad(p, "Provincie");
    expect(tabelRef(ws, "Opgave_Provincie")).toBe("A8:O34");
    expect(ws.getCell("B35").value).toBe("Totaal");
    expect(ws.getCell("D35").value).toMatchObject({ formula: 'IF(COUNT(D9:D34)=0,"",SUM(D9:D34))' });
    expect(ws.getCell("A35").value).toBeNull();
  });
});

describe("schrijfXlsx: strings are written as text", () => {
  test('a feed string "=HYPERLINK(…)" stays text, in a block and in a table', async () => {
    const link = '=HYPERLINK("http://x")';
    const plan = planGemeente(engine, "Utrecht", { ...bron, bronUrl: link });
    const klein = kleinPlan([[link, 1]]);
    for (const [p, blad_, adres] of [
      [plan, "Bron", "B6"],
      [klein, "Proef", "A4"],
    ] as const) {
      const { data } = await schrijfXlsx(p);
      const wb = await lees(data);
      const cel = blad(wb, blad_).getCell(adres);
      expect(cel.value).toBe(link);
      expect(cel.type).toBe(ExcelJS.ValueType.String);
      const zip = await JSZip.loadAsync(data);
      const alle = await Promise.all(
        Object.keys(zip.files)
          .filter((n) => n.startsWith("xl/worksheets/sheet"))
          .map((n) => zip.file(n)?.async("string")),
      );
      expect(alle.join("")).not.toContain("HYPERLINK");
      expect(await zip.file("xl/sharedStrings.xml")?.async("string")).toContain(
        "=HYPERLINK(&quot;http://x&quot;)",
      );
    }
  });
});

describe("schrijfXlsx: refill keeps what the user made", () => {
  let eerste: Uint8Array;
  let ingevuld: Uint8Array;
  let rTaak: (p: string) => number;

  beforeAll(async () => {
    eerste = (await schrijfXlsx(utrecht)).data;
    const wb = await lees(eerste);
    const t = blad(wb, "Taakstelling");
    rTaak = (p) => rijVan(t, p);
    // Housed per period (one as the user's own formula), start period and start balance.
    t.getCell(`G${rTaak("2022-I")}`).value = 100;
    t.getCell(`G${rTaak("2022-II")}`).value = 150;
    t.getCell(`G${rTaak("2023-I")}`).value = { formula: "120+80" } as ExcelJS.CellFormulaValue;
    t.getCell(`G${rTaak("2023-II")}`).value = 250;
    t.getCell(`F${rTaak("2024-II")}`).value = 300; // taakstelling from the circular
    t.getCell("B4").value = "2022-I";
    t.getCell("B5").value = 10;
    // A note column the user added to the table (Excel widens the table when you type next to it).
    const tabel = (t as unknown as { tables: Record<string, { table: Record<string, unknown> }> }).tables
      .Opgave_Taakstelling!.table;
    (tabel.columns as { name: string }[]).push({ name: "Notitie" });
    tabel.tableRef = "A7:Q27";
    tabel.autoFilterRef = "A7:Q27";
    t.getCell("Q7").value = "Notitie";
    t.getCell(`Q${rTaak("2023-I")}`).value = "inclusief gezinshereniging";
    // A cell typed outside the plan, on a plan sheet.
    t.getCell("Q2").value = "mijn opmerking";
    blad(wb, "Overzicht").getCell("F3").value = 42;
    // Named cells on other sheets.
    blad(wb, "Kosten").getCell("B5").value = 31000;
    blad(wb, "Opvang").getCell("B11").value = 1200;
    // An extra sheet of the user's own, with a formula on Opgave's cells.
    const eigen = wb.addWorksheet("Mijn blad");
    eigen.getCell("A1").value = "Eigen berekening";
    eigen.getCell("B2").value = { formula: "Taakstelling!D23*2" } as ExcelJS.CellFormulaValue;
    eigen.addTable({
      name: "MijnTabel",
      ref: "D1",
      columns: [{ name: "X" }, { name: "Y" }],
      rows: [
        [1, 2],
        [3, 4],
      ],
    });
    ingevuld = await bewaar(wb);
  });

  test("inputs, the note column, own cells and own sheets survive a refill; the report counts them", async () => {
    const { data, rapport } = await schrijfXlsx(utrecht, ingevuld);
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.nieuweBladen).toEqual([]);
    expect(rapport.wijzigingen).toEqual([]);
    expect(rapport.verweesd).toEqual([]);
    // 4 housed + 1 own taakstelling + 1 note + Startperiode + Beginsaldo + KostenPerPlaats + BestaandePlaatsen
    expect(rapport.invoerBehouden).toBe(10);

    const wb = await lees(data);
    const t = blad(wb, "Taakstelling");
    expect(w(t, `G${rTaak("2022-I")}`)).toBe(100);
    expect(w(t, `G${rTaak("2023-II")}`)).toBe(250);
    expect(t.getCell(`G${rTaak("2023-I")}`).value).toMatchObject({ formula: "120+80" });
    expect(w(t, `F${rTaak("2024-II")}`)).toBe(300);
    expect(w(t, "B4")).toBe("2022-I");
    expect(w(t, "B5")).toBe(10);
    expect(tabelRef(t, "Opgave_Taakstelling")).toBe("A7:Q27");
    expect(w(t, "Q7")).toBe("Notitie");
    expect(w(t, `Q${rTaak("2023-I")}`)).toBe("inclusief gezinshereniging");
    expect(w(t, "Q2")).toBe("mijn opmerking");
    expect(w(blad(wb, "Overzicht"), "F3")).toBe(42);
    expect(w(blad(wb, "Kosten"), "B5")).toBe(31000);
    expect(w(blad(wb, "Opvang"), "B11")).toBe(1200);
    const eigen = blad(wb, "Mijn blad");
    expect(w(eigen, "A1")).toBe("Eigen berekening");
    expect(eigen.getCell("B2").value).toMatchObject({ formula: "Taakstelling!D23*2" });
    expect(tabelRef(eigen, "MijnTabel")).toBe("D1:E3");
    expect(wb.worksheets.map((s) => s.name)).toEqual([...utrecht.bladen.map((b) => b.naam), "Mijn blad"]);
    // The plan's formulas are rewritten, the chart is added again (exceljs dropped it on load).
    expect(t.getCell(`I${rTaak("2022-I")}`).value).toMatchObject({
      formula: expect.stringContaining("MAX("),
    });
    const zip = await JSZip.loadAsync(data);
    expect(Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(1);
    await verwachtWerkbladVolgorde(
      data,
      utrecht.bladen.map((b) => b.naam),
    );
  });

  test("an input that is a formula on the user's own sheet: Opgave's results go through it, as with the value typed", async () => {
    // A graft writes results on Opgave's sheets only; their formulas still read the user's sheets.
    const herbevuld = async (invoer: ExcelJS.CellValue) => {
      const wb = await lees(eerste);
      const eigen = wb.addWorksheet("Mijn invoer");
      eigen.getCell("A1").value = 70;
      eigen.getCell("B1").value = { formula: "A1+30" } as ExcelJS.CellFormulaValue;
      blad(wb, "Taakstelling").getCell(`G${rTaak("2022-I")}`).value = invoer;
      return blad(await lees((await schrijfXlsx(utrecht, await bewaar(wb))).data), "Taakstelling");
    };
    const resultaten = (ws: ExcelJS.Worksheet) => {
      const uit = new Map<string, unknown>();
      ws.eachRow((rij) =>
        rij.eachCell((cel) => {
          if (cel.type === ExcelJS.ValueType.Formula) uit.set(cel.address, cel.result);
        }),
      );
      return uit;
    };
    const [viaFormule, getypt] = [await herbevuld({ formula: "'Mijn invoer'!B1" }), await herbevuld(100)];
    const invoer = `G${rTaak("2022-I")}`;
    expect(viaFormule.getCell(invoer).value).toEqual({ formula: "'Mijn invoer'!B1", result: 100 });
    const metFormule = resultaten(viaFormule);
    metFormule.delete(invoer);
    expect(metFormule.size).toBeGreaterThan(50);
    expect(metFormule).toEqual(resultaten(getypt));
  });

  test('an input cell an older fill left as text ("@") gets its own number format back; values and other formats stay', async () => {
    const wb = await lees(eerste);
    const t = blad(wb, "Taakstelling");
    const [gevuld, leeg, tekst, eigen] = ["2022-I", "2022-II", "2023-I", "2023-II"].map(
      (p) => `G${rTaak(p)}`,
    );
    t.getCell(gevuld!).value = 100;
    t.getCell(tekst!).value = "ca. 350";
    // exceljs shares a style between the cells of a loaded file: each cell gets its own.
    const notatie = (a: string, numFmt: string) => {
      const c = t.getCell(a);
      c.style = { ...c.style, numFmt };
    };
    for (const a of [gevuld!, leeg!, tekst!]) notatie(a, "@");
    notatie(eigen!, "0.0"); // the user's own number format stays
    notatie("B5", "@"); // Opgave_Beginsaldo, a named input cell
    const na = blad(await lees((await schrijfXlsx(utrecht, await bewaar(wb))).data), "Taakstelling");
    expect([gevuld, leeg, tekst].map((a) => na.getCell(a!).numFmt)).toEqual(["#,##0", "#,##0", "#,##0"]);
    expect(na.getCell(gevuld!).value).toBe(100);
    expect(na.getCell(tekst!).value).toBe("ca. 350"); // still the text typed: the chain names it
    expect(na.getCell(eigen!).numFmt).toBe("0.0");
    expect(na.getCell("B5").numFmt).not.toBe("@");
  });

  test("input cells that share a style (as exceljs loads them) keep it each, with values of every kind", async () => {
    const wb = await lees(eerste);
    const t = blad(wb, "Taakstelling");
    const [getal, tekst, formule, datum] = ["2022-I", "2022-II", "2023-I", "2023-II"].map(
      (p) => `G${rTaak(p)}`,
    );
    const eigen = { ...t.getCell(getal!).style, numFmt: "0.0", font: { bold: true } };
    const alsDatum = { ...eigen, numFmt: "d-m-yyyy" };
    t.getCell(getal!).value = 100;
    t.getCell(tekst!).value = "ca. 350";
    t.getCell(formule!).value = { formula: "120+80", result: 200 } as ExcelJS.CellFormulaValue;
    t.getCell(datum!).value = new Date(Date.UTC(2023, 6, 1));
    for (const a of [getal!, tekst!, formule!]) t.getCell(a).style = eigen;
    t.getCell(datum!).style = alsDatum;
    const een = await schrijfXlsx(utrecht, await bewaar(wb));
    const na = blad(await lees(een.data), "Taakstelling");
    for (const a of [getal!, tekst!, formule!]) {
      expect(na.getCell(a).numFmt).toBe("0.0");
      expect(na.getCell(a).font?.bold).toBe(true);
    }
    expect(na.getCell(datum!).numFmt).toBe("d-m-yyyy");
    expect(na.getCell(getal!).value).toBe(100);
    expect(na.getCell(tekst!).value).toBe("ca. 350");
    expect(na.getCell(formule!).formula).toBe("120+80");
    expect(na.getCell(datum!).value).toEqual(new Date(Date.UTC(2023, 6, 1)));
    // A second refill reads the same back.
    const twee = await schrijfXlsx(utrecht, een.data);
    expect(twee.rapport).toEqual(een.rapport);
  });

  test("refilling twice is stable", async () => {
    const een = await schrijfXlsx(utrecht, ingevuld);
    const twee = await schrijfXlsx(utrecht, een.data);
    expect(twee.rapport).toEqual(een.rapport);
    const t = blad(await lees(twee.data), "Taakstelling");
    expect(w(t, `Q${rTaak("2023-I")}`)).toBe("inclusief gezinshereniging");
  });

  test("a plan change (another dataset version) is reported as a change", async () => {
    const nieuw = planGemeente(engine, "Utrecht", { ...bron, versie: "2027.01.15" });
    const { rapport, data } = await schrijfXlsx(nieuw, ingevuld);
    expect(rapport.wijzigingen).toContainEqual({ plek: "Bron!B3", oud: "2026.12.01", nieuw: "2027.01.15" });
    expect(rapport.invoerBehouden).toBe(10);
    expect(w(blad(await lees(data), "Bron"), "B3")).toBe("2027.01.15");
  });

  test("a workbook from before the 'Ondertekend door' row (list caption in A12) is refilled in place", async () => {
    const oud = await lees(ingevuld);
    const b = blad(oud, "Bron");
    b.getCell("A12").value = "Bronnen in de dataset:";
    b.getCell("B12").value = null;
    const { rapport, data } = await schrijfXlsx(utrecht, await bewaar(oud));
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.wijzigingen).toContainEqual({
      plek: "Bron!A12",
      oud: "Bronnen in de dataset:",
      nieuw: "Ondertekend door",
    });
    const nieuw = blad(await lees(data), "Bron");
    expect(w(nieuw, "B12")).toBe("ingebouwd in de invoegtoepassing (geen feed)");
    expect(tabelRef(nieuw, "Opgave_Bronnen")).toBe(`A13:E${13 + engine.dataset.bronnen.length}`);
  });

  test("a changed figure in a table is reported with its key", async () => {
    const plan = structuredClone(utrecht) as WerkboekPlan;
    const taak = plan.bladen[1]!.tabellen[0]!;
    const i = taak.rijen.findIndex((r) => r[0] === "2024-I");
    (taak.rijen[i] as Cel[])[3] = 400;
    const { rapport } = await schrijfXlsx(plan, ingevuld);
    expect(rapport.wijzigingen).toEqual([
      { plek: "Opgave_Taakstelling 2024-I: Taakstelling", oud: 388, nieuw: 400 },
    ]);
  });

  test("a table whose formulas read a skipped one, on a sheet before it, is skipped too; Opgave's cells reading either stay", async () => {
    const proef = kleinPlan([
      ["A", 1],
      ["B", 2],
    ]);
    const voor: BladPlan = {
      naam: "Voor",
      blokken: [{ start: { rij: 1, kolom: 1 }, cellen: [["Totaal", { formule: "=SUM(Proef!B4:B5)" }]] }],
      invoercellen: [],
      tabellen: [
        {
          naam: "Opgave_Afgeleid",
          start: { rij: 3, kolom: 1 },
          kolommen: [
            { sleutel: "code", kop: "Code", soort: "gegeven", notatie: "@" },
            { sleutel: "dubbel", kop: "Dubbel", soort: "formule" },
          ],
          sleutelKolom: "code",
          rijen: [["A", { formule: "=Proef!B4*2" }]],
        },
      ],
      grafieken: [],
    };
    const plan: WerkboekPlan = { ...proef, bladen: [voor, ...proef.bladen] };
    const wb = await lees((await schrijfXlsx(plan)).data);
    const t = blad(wb, "Proef");
    t.getCell("C3").value = "Mijn invoer";
    const tabel = (t as unknown as { tables: Record<string, { table: { columns: { name: string }[] } }> })
      .tables.Opgave_Proef!.table;
    tabel.columns[2]!.name = "Mijn invoer";
    blad(wb, "Voor").getCell("B4").value = { formula: "Proef!B4*3" } as ExcelJS.CellFormulaValue;
    const { rapport, data } = await schrijfXlsx(plan, await bewaar(wb));
    expect(rapport.overgeslagen).toEqual([
      "tabel Opgave_Afgeleid verwijst naar tabel Opgave_Proef, die niet is bijgewerkt; niet bijgewerkt",
      "cel Voor!B1 verwijst naar tabel Opgave_Proef, die niet is bijgewerkt; niet bijgewerkt",
      'tabel Opgave_Proef is handmatig gewijzigd (kolom "Invoer" ontbreekt); niet bijgewerkt',
    ]);
    // The derived table as it was (a formula the user changed in it too).
    expect(blad(await lees(data), "Voor").getCell("B4").formula).toBe("Proef!B4*3");
  });

  test("a table edited out of shape (input column renamed) is skipped and reported, not overwritten", async () => {
    const wb = await lees(ingevuld);
    const t = blad(wb, "Taakstelling");
    t.getCell("G7").value = "Gehuisvest (aantal)";
    const tabel = (t as unknown as { tables: Record<string, { table: { columns: { name: string }[] } }> })
      .tables.Opgave_Taakstelling!.table;
    tabel.columns[6]!.name = "Gehuisvest (aantal)";
    const { rapport, data } = await schrijfXlsx(utrecht, await bewaar(wb));
    // Opgave's key figures that read the table stay as they were too (as the Office.js writer).
    expect(rapport.overgeslagen).toEqual([
      "cellen Overzicht!B8, B9, B10, B11 verwijzen naar tabel Opgave_Taakstelling, die niet is bijgewerkt; niet bijgewerkt",
      'tabel Opgave_Taakstelling is handmatig gewijzigd (kolom "Gehuisvest" ontbreekt); niet bijgewerkt',
      "keuzelijst van cel Taakstelling!B4 verwijst naar tabel Opgave_Taakstelling, die niet is bijgewerkt; niet bijgewerkt",
    ]);
    const na = blad(await lees(data), "Taakstelling");
    expect(w(na, "G7")).toBe("Gehuisvest (aantal)");
    expect(w(na, `G${rTaak("2022-I")}`)).toBe(100);
    expect(tabelRef(na, "Opgave_Taakstelling")).toBe("A7:Q27");
    // The rest of the workbook is still filled.
    expect(w(na, "B5")).toBe(10);
    expect(rapport.invoerBehouden).toBe(4);
  });

  test("a file saved without table parts: the table is found by its header row", async () => {
    const wb = await lees(ingevuld);
    blad(wb, "Taakstelling").removeTable("Opgave_Taakstelling");
    const { rapport, data } = await schrijfXlsx(utrecht, await bewaar(wb));
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.invoerBehouden).toBe(10);
    const t = blad(await lees(data), "Taakstelling");
    expect(tabelRef(t, "Opgave_Taakstelling")).toBe("A7:Q27");
    expect(w(t, `G${rTaak("2022-II")}`)).toBe(150);
  });
});

describe("schrijfXlsx: rows, growth and parts exceljs cannot keep", () => {
  test("a row whose key disappeared keeps the user's input at the end and is reported", async () => {
    const eerst = await schrijfXlsx(
      kleinPlan([
        ["A", 1],
        ["B", 2],
      ]),
    );
    const wb = await lees(eerst.data);
    blad(wb, "Proef").getCell("C4").value = 7; // input for A
    blad(wb, "Proef").getCell("C5").value = 8; // input for B
    const { rapport, data } = await schrijfXlsx(
      kleinPlan([
        ["B", 2],
        ["C", 3],
      ]),
      await bewaar(wb),
    );
    expect(rapport.verweesd).toEqual([{ tabel: "Opgave_Proef", sleutel: "A" }]);
    // B moves up into A's row, A (kept) to the end: the report says so first.
    expect(rapport.wijzigingen).toEqual([
      { plek: "Opgave_Proef: plaats van de rijen", oud: "A, B", nieuw: "een andere rij van de tabel" },
      { plek: "Opgave_Proef C: nieuwe rij", oud: null, nieuw: "C" },
    ]);
    expect(rapport.invoerBehouden).toBe(2);
    const ws = blad(await lees(data), "Proef");
    expect([w(ws, "A4"), w(ws, "C4"), w(ws, "A5"), w(ws, "C5"), w(ws, "A6"), w(ws, "C6")]).toEqual([
      "B",
      8,
      "C",
      null,
      "A",
      7,
    ]);
    expect(ws.getCell("D6").value).toBeNull(); // no formula for an orphan row
    expect(tabelRef(ws, "Opgave_Proef")).toBe("A3:D6");
  });

  test("a table that would grow over the user's cells is skipped and reported", async () => {
    const eerst = await schrijfXlsx(kleinPlan([["A", 1]]));
    const wb = await lees(eerst.data);
    blad(wb, "Proef").getCell("B6").value = "van mij";
    const { rapport, data } = await schrijfXlsx(
      kleinPlan([
        ["A", 1],
        ["B", 2],
        ["C", 3],
      ]),
      await bewaar(wb),
    );
    expect(rapport.overgeslagen).toEqual([
      "tabel Opgave_Proef zou cel Proef!B6 overschrijven (daar staat iets van u); niet bijgewerkt",
    ]);
    expect(w(blad(await lees(data), "Proef"), "B6")).toBe("van mij");
  });

  test("a table that shrinks clears its old rows and moves its totals row", async () => {
    const totaal: Cel[] = [null, { formule: "=SUM(B4:B5)" }, null, null];
    const eerst = await schrijfXlsx(
      kleinPlan(
        [
          ["A", 1],
          ["B", 2],
        ],
        { totaal },
      ),
    );
    const ws0 = blad(await lees(eerst.data), "Proef");
    // With its cached result (./xlsxResultaten): viewers that do not recalculate show it.
    expect(ws0.getCell("B6").value).toEqual({ formula: "SUM(B4:B5)", result: 3 });
    const { data, rapport } = await schrijfXlsx(
      kleinPlan([["A", 1]], { totaal: [null, { formule: "=SUM(B4:B4)" }, null, null] }),
      eerst.data,
    );
    expect(rapport.wijzigingen).toEqual([{ plek: "Opgave_Proef B: rij vervalt", oud: "B", nieuw: null }]);
    const ws = blad(await lees(data), "Proef");
    expect(ws.getCell("B5").value).toEqual({ formula: "SUM(B4:B4)", result: 1 });
    expect(ws.getCell("B6").value).toBeNull();
    expect(tabelRef(ws, "Opgave_Proef")).toBe("A3:D4");
  });

  test("duplicate keys in the existing table: skipped, not merged", async () => {
    const eerst = await schrijfXlsx(
      kleinPlan([
        ["A", 1],
        ["B", 2],
      ]),
    );
    const wb = await lees(eerst.data);
    blad(wb, "Proef").getCell("A5").value = "A";
    const { rapport } = await schrijfXlsx(
      kleinPlan([
        ["A", 1],
        ["B", 2],
      ]),
      await bewaar(wb),
    );
    expect(rapport.overgeslagen).toEqual([
      'tabel Opgave_Proef bevat de sleutel "A" meer dan eens; niet bijgewerkt',
    ]);
  });

  test("a chart the user made: kept beside Opgave's; written whole by exceljs it would be lost: refused unless confirmed", async () => {
    const eigen = await schrijfXlsx(utrecht);
    // Our own chart: a refill works.
    await expect(schrijfXlsx(utrecht, eigen.data)).resolves.toBeDefined();
    // Rename and retitle it so it looks like the user's own chart (by name or by title it is Opgave's).
    const zip = await JSZip.loadAsync(eigen.data);
    const d = (await zip.file("xl/drawings/drawing1.xml")?.async("string")) ?? "";
    zip.file("xl/drawings/drawing1.xml", d.replace(`${GRAFIEK_PREFIX}1`, "Grafiek 1"));
    const c = (await zip.file("xl/charts/chart1.xml")?.async("string")) ?? "";
    zip.file("xl/charts/chart1.xml", c.replace(GRAFIEK_TITELS.gemeente, "Mijn grafiek"));
    const metEigen = await zip.generateAsync({ type: "uint8array" });
    // The graft keeps the drawing, with Opgave's chart drawn anew beside the user's (before: refused).
    const geent = await schrijfXlsx(utrecht, metEigen);
    expect(geent.rapport.verloren).toEqual([]);
    const tekening =
      (await (await JSZip.loadAsync(geent.data)).file("xl/drawings/drawing1.xml")?.async("string")) ?? "";
    expect([tekening.includes('name="Grafiek 1"'), tekening.includes(`name="${GRAFIEK_PREFIX}1"`)]).toEqual([
      true,
      true,
    ]);
    const zonderEnt = { enten: false } as const;
    await expect(schrijfXlsx(utrecht, metEigen, zonderEnt)).rejects.toThrow(VerliesFout);
    await expect(schrijfXlsx(utrecht, metEigen, zonderEnt)).rejects.toThrow(/1 eigen grafiek/);
    const bevestigd = await schrijfXlsx(utrecht, metEigen, { ...zonderEnt, verliesToestaan: true });
    expect(bevestigd.rapport.overgeslagen).toEqual([]);
  });
});

describe("opgave vul (mainAsync, the code path of the bin)", () => {
  let map: string;
  beforeAll(async () => {
    map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-vul-"));
  });
  afterAll(async () => {
    await fs.rm(map, { recursive: true, force: true });
  });

  function opvang(): Uitvoer & { uit: string[]; fout: string[] } {
    const uit: string[] = [];
    const fout: string[] = [];
    return { uit, fout, out: (t) => uit.push(t), err: (t) => fout.push(t) };
  }

  test("into a workbook of the user's without Opgave's sheets: 'Toegevoegd aan uw werkboek', their sheet as it was", async () => {
    const bestand = path.join(map, "begroting.xlsx");
    const eigen = new ExcelJS.Workbook();
    const ws = eigen.addWorksheet("Begroting");
    ws.getCell("A1").value = "Huur";
    ws.getCell("B1").value = 1200;
    await fs.writeFile(bestand, await bewaar(eigen));
    const voor = unzipSync(new Uint8Array(await fs.readFile(bestand)));
    const a = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Zeist", "--uit", bestand], a)).toBe(0);
    // Before: "Opnieuw gevuld", "Geen wijzigingen in de cijfers." and "0 invoercellen behouden." of a file Opgave
    // had never filled.
    expect(a.uit).toEqual([
      `Toegevoegd aan uw werkboek: ${bestand} (Zeist)`,
      "Nieuwe bladen: Overzicht, Taakstelling, Opvang, Kleinschalig, Kosten, Bron.",
      "Uw eigen bladen en wat erop staat bleven zoals ze waren.",
    ]);
    const na = unzipSync(new Uint8Array(await fs.readFile(bestand)));
    expect(na["xl/worksheets/sheet1.xml"]).toEqual(voor["xl/worksheets/sheet1.xml"]);
    // Filled again: now it is a refill.
    const b = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Zeist", "--uit", bestand], b)).toBe(0);
    expect(b.uit[0]).toBe(`Opnieuw gevuld: ${bestand} (Zeist)`);
    expect(b.uit).toContain("Geen wijzigingen in de cijfers.");
  });

  test("writes a new workbook, then refills it and reports in Dutch", async () => {
    const bestand = path.join(map, "utrecht.xlsx");
    const a = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand], a)).toBe(0);
    expect(a.uit[0]).toBe(`Geschreven: ${bestand} (Utrecht)`);
    expect(a.uit[1]).toBe(
      "Nieuw werkboek met de bladen Overzicht, Taakstelling, Opvang, Kleinschalig, Kosten, Bron.",
    );
    const wb = await lees(new Uint8Array(await fs.readFile(bestand)));
    blad(wb, "Taakstelling").getCell("G20").value = 123;
    blad(wb, "Taakstelling").getCell("B5").value = -5;
    await fs.writeFile(bestand, await bewaar(wb));
    const b = opvang();
    expect(await mainAsync(["vul", "--gemeente", "GM0344", "--uit", bestand], b)).toBe(0);
    expect(b.uit[0]).toBe(`Opnieuw gevuld: ${bestand} (Utrecht)`);
    expect(b.uit).toContain("2 invoercellen behouden.");
    // Only when Opgave filled it changed (the inputs are the user's): no figure changed.
    expect(b.uit.join("\n")).toMatch(
      /\nGeen wijzigingen in de cijfers\.\nGevuld op \(Bron!B9\): "[^"]+" → "[^"]+"\.\n2 invoercellen behouden\./,
    );
    const na = await lees(new Uint8Array(await fs.readFile(bestand)));
    expect(w(blad(na, "Taakstelling"), "G20")).toBe(123);
    expect(w(blad(na, "Taakstelling"), "B5")).toBe(-5);
    expect((await fs.readdir(map)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  test("a gemeente that no longer exists (Haaren): written, and said so with what to use instead, each fill", async () => {
    const bestand = path.join(map, "haaren.xlsx");
    const melding =
      "Let op: Haaren bestaat niet meer: per 1-1-2021 opgegaan in Boxtel, Oisterwijk, Tilburg en Vught. " +
      "Voor 2021-I en later: gebruik Boxtel, Oisterwijk, Tilburg en Vught.";
    for (const kop of ["Geschreven", "Opnieuw gevuld"]) {
      const o = opvang();
      expect(await mainAsync(["vul", "--gemeente", "Haaren", "--uit", bestand], o)).toBe(0);
      // Before: only "Geschreven: … (Haaren)", as for a gemeente that exists.
      expect(o.uit.slice(0, 2)).toEqual([`${kop}: ${bestand} (Haaren)`, melding]);
    }
    const u = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", path.join(map, "u.xlsx")], u)).toBe(0);
    expect(u.uit.join("\n")).not.toContain("Let op");
    expect(utrecht.onderwerp.melding).toBeUndefined();
  });

  test("a province workbook; refilling it for another period or gemeente is refused, the file unchanged", async () => {
    const bestand = path.join(map, "provincie.xlsx");
    expect(
      await mainAsync(["vul", "--provincie", "Utrecht", "--periode", "2024-I", "--uit", bestand], opvang()),
    ).toBe(0);
    const voor = await fs.readFile(bestand);
    const a = opvang();
    expect(
      await mainAsync(["vul", "--provincie", "Utrecht", "--periode", "2023-II", "--uit", bestand], a),
    ).toBe(1);
    expect(a.fout.join("")).toContain(
      "is het Opgave-werkboek van provincie Utrecht voor 2024-I, niet dat van provincie Utrecht voor 2023-II",
    );
    const b = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Zeist", "--uit", bestand], b)).toBe(1);
    expect(b.fout.join("")).toContain("niet dat van gemeente Zeist (GM0355)");
    expect(Buffer.compare(await fs.readFile(bestand), voor)).toBe(0);
  });

  test("errors: Dutch message and exit 1; usage errors exit 2", async () => {
    const a = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrech", "--uit", path.join(map, "x.xlsx")], a)).toBe(1);
    expect(a.fout).toEqual(['Gemeente "Utrech" niet gevonden. Bedoelde u: Utrecht, Utrechtse Heuvelrug?']);
    expect(existsSync(path.join(map, "x.xlsx"))).toBe(false);
    const b = opvang();
    expect(
      await mainAsync(
        ["vul", "--provincie", "Utrecht", "--periode", "2024-II", "--uit", path.join(map, "y.xlsx")],
        b,
      ),
    ).toBe(1);
    expect(b.fout[0]).toMatch(/^De landelijke taakstelling voor 2024-II is niet bekend/);
    const c = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrecht"], c)).toBe(2);
    expect(c.fout[0]).toMatch(/^Geef met --uit het .xlsx-bestand op./);
    expect(
      await mainAsync(
        ["vul", "--gemeente", "Utrecht", "--provincie", "Utrecht", "--uit", "z.xlsx"],
        opvang(),
      ),
    ).toBe(2);
    // Not a workbook: refused, left as it was.
    const kapot = path.join(map, "kapot.xlsx");
    await fs.writeFile(kapot, "geen zip");
    const d = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", kapot], d)).toBe(1);
    expect(d.fout[0]).toBe(
      `${kapot} is geen leesbaar Excel-werkboek (.xlsx): geen zip-archief, wat elk .xlsx-bestand is. ` +
        "Het bestand is niet gewijzigd.",
    );
    expect(await fs.readFile(kapot, "utf8")).toBe("geen zip");
    // A workbook part that is no well-formed XML (a stray closing tag): in Dutch, not the XML parser's English.
    const vervormd = path.join(map, "vervormd.xlsx");
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", vervormd], opvang())).toBe(0);
    const delen = unzipSync(new Uint8Array(await fs.readFile(vervormd)));
    const wbXml = new TextDecoder().decode(delen["xl/workbook.xml"]);
    expect(wbXml).toContain("</definedNames>");
    delen["xl/workbook.xml"] = new TextEncoder().encode(
      wbXml.replace("</definedNames>", "</definedName></definedNames>"),
    );
    await fs.writeFile(vervormd, zipSync(delen));
    const voorVervormd = await fs.readFile(vervormd);
    const e = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", vervormd], e)).toBe(1);
    // Before: "…: 2:2565: unmatched closing tag: workbook.; het bestand is niet gewijzigd."
    expect(e.fout[0]).toBe(
      `${vervormd} is geen leesbaar Excel-werkboek (.xlsx): een onderdeel van het werkboek is geen geldige XML ` +
        "(het bestand is beschadigd); het bestand is niet gewijzigd.",
    );
    expect(await fs.readFile(vervormd)).toEqual(voorVervormd);
    // The consolidation's reader says the same.
    const gelezen = await leesAanlevering("vervormd.xlsx", new Uint8Array(voorVervormd));
    expect(gelezen.problemen.map((p) => p.melding).join("\n")).toContain(
      "een onderdeel van het werkboek is geen geldige XML",
    );
    // The synchronous entry point points to mainAsync.
    expect(main(["vul"], opvang())).toBe(2);
  });

  test("an existing file the package check refuses (a zip bomb, too many cells) is not read; a limit can be raised", async () => {
    const bestand = path.join(map, "grenzen.xlsx");
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand], opvang())).toBe(0);
    const delen = unzipSync(new Uint8Array(await fs.readFile(bestand)));
    // A zip bomb posing as the workbook: 4 MB of zeros that pack into a few kB (the ratio counts from 1 MB on).
    const bom = path.join(map, "bom.xlsx");
    await fs.writeFile(bom, zipSync({ ...delen, "xl/media/bom.bin": new Uint8Array(4 * 1024 * 1024) }));
    const voorBom = await fs.readFile(bom);
    const a = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bom], a)).toBe(1);
    expect(a.fout[0]).toMatch(
      /^.*bom\.xlsx wordt niet gelezen: onderdeel xl\/media\/bom\.bin pakt uit tot .* keer zijn ingepakte grootte \(grens 200 keer; aan te passen met --max-verhouding\).*Het bestand is niet gewijzigd\.$/,
    );
    expect(Buffer.compare(await fs.readFile(bom), voorBom)).toBe(0);
    // A legitimate workbook beyond a limit: refused with the option that raises it; refilled once it is raised.
    const voor = await fs.readFile(bestand);
    const b = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand, "--max-cellen", "50"], b)).toBe(
      1,
    );
    expect(b.fout[0]).toContain(`${bestand} is te groot om veilig te lezen: `);
    expect(b.fout[0]).toContain("aan te passen met --max-cellen");
    expect(Buffer.compare(await fs.readFile(bestand), voor)).toBe(0);
    const c = opvang();
    expect(
      await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand, "--max-cellen", "5.000"], c),
    ).toBe(0);
    expect(c.uit[0]).toBe(`Opnieuw gevuld: ${bestand} (Utrecht)`);
    const d = opvang();
    expect(
      await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand, "--max-cellen", "nul"], d),
    ).toBe(2);
  });

  const SPARKLINES =
    '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>Taakstelling!D9:D12</xm:f><xm:sqref>N9</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>';

  test("parts exceljs cannot keep: refused with a hint, written with --bevestig-verlies", async () => {
    const bestand = path.join(map, "sparklines.xlsx");
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    // Sparklines on Opgave's sheet Taakstelling (exceljs writes no extLst of a sheet it rewrites).
    const blad = (await zip.file("xl/worksheets/sheet2.xml")?.async("string")) ?? "";
    zip.file("xl/worksheets/sheet2.xml", blad.replace("</worksheet>", `${SPARKLINES}</worksheet>`));
    await fs.writeFile(bestand, await zip.generateAsync({ type: "uint8array" }));
    const a = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand], a)).toBe(1);
    expect(a.fout[0]).toContain("sparklines");
    expect(a.fout[0]).toContain("--bevestig-verlies");
    expect(
      await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand, "--bevestig-verlies"], opvang()),
    ).toBe(0);
  });
});

describe("schrijfXlsx: guard rails on input", () => {
  let data: Uint8Array;
  const sheetXml = async (d: Uint8Array, naam: string): Promise<string> => {
    const zip = await JSZip.loadAsync(d);
    const wbXml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
    const rid = new RegExp(`<sheet [^>]*name="${naam}"[^>]*r:id="(rId\\d+)"`).exec(wbXml)?.[1] ?? "";
    const doel = new RegExp(`Id="${rid}"[^>]*Target="/?(?:xl/)?([^"]+)"`).exec(rels)?.[1] ?? "";
    return (await zip.file(`xl/${doel}`)?.async("string")) ?? "";
  };

  beforeAll(async () => {
    data = (await schrijfXlsx(utrecht)).data;
  });

  test("every input cell has a data validation with a Dutch prompt and error, style stop", async () => {
    const xml = await sheetXml(data, "Taakstelling");
    const validaties = [...xml.matchAll(/<dataValidation [^>]*>[\s\S]*?<\/dataValidation>/g)].map(
      (m) => m[0],
    );
    const op = (ref: string) => validaties.find((v) => v.includes(`sqref="${ref}"`)) ?? "";
    // Gehuisvest and the own taakstelling: whole numbers ≥ 0.
    expect(op("G8:G27")).toMatch(/type="whole"[^>]*operator="greaterThanOrEqual"/);
    expect(op("G8:G27")).toContain("<formula1>0</formula1>");
    expect(op("G8:G27")).toContain('errorStyle="stop"');
    expect(op("G8:G27")).toContain('promptTitle="Gehuisvest"');
    expect(op("G8:G27")).toMatch(/error="Gehuisvest: vul een geheel getal van 0 of meer in/);
    expect(op("F8:F27")).toContain('type="whole"');
    // The start period from the list of the sheet's periods; Beginsaldo a whole number, negative allowed.
    expect(op("B4")).toContain('type="list"');
    expect(op("B4")).toContain("<formula1>$A$8:$A$27</formula1>");
    expect(op("B5")).toContain("<formula1>-1000000</formula1>");
    expect(op("B5")).toContain("voorsprong negatief");
    const kosten = await sheetXml(data, "Kosten");
    expect(kosten).toMatch(/<dataValidation [^>]*type="decimal"[^>]*sqref="B5"/);
    expect(kosten).toMatch(/<dataValidation [^>]*type="whole"[^>]*sqref="B6"/);
    expect(await sheetXml(data, "Opvang")).toMatch(/<dataValidation [^>]*type="whole"[^>]*sqref="B11"/);
  });

  /** Each sheet's validated cells, counted: a cell under two validations is counted twice. */
  const gevalideerdeCellen = async (werkboek: Uint8Array): Promise<Map<string, number>> => {
    const zip = await JSZip.loadAsync(werkboek);
    const tellingen = new Map<string, number>();
    for (const naam of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
      const xml = (await zip.file(naam)?.async("string")) ?? "";
      for (const m of xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)) {
        for (const ref of (m[1] ?? "").split(" ")) {
          const d = decodeerBereik(ref);
          if (!d) throw new Error(`sqref ${ref}`);
          for (let r = d.rij1; r <= d.rij2; r++)
            for (let k = d.kol1; k <= d.kol2; k++) {
              const cel = `${naam}!${kolomLetters(k)}${r}`;
              tellingen.set(cel, (tellingen.get(cel) ?? 0) + 1);
            }
        }
      }
    }
    return tellingen;
  };
  const dubbel = (tellingen: Map<string, number>) => [...tellingen].filter(([, n]) => n > 1).map(([c]) => c);

  test("no cell is under two validations (exceljs wrote E9:E59 as E10:E59 and E9:E59), also after a refill", async () => {
    const provincie = (await schrijfXlsx(planProvincie(engine, "Gelderland", "2024-I", bron))).data;
    const wb = await lees(data);
    const eigen = wb.addWorksheet("Eigen lijst");
    for (let r = 8; r <= 12; r++)
      eigen.getCell(`A${r}`).dataValidation = { type: "list", allowBlank: true, formulae: ['"ja,nee"'] };
    const ingevuld = await bewaar(wb);
    const herschreven = await schrijfXlsx(utrecht, ingevuld, { enten: false });
    expect(herschreven.rapport.verloren).toEqual([]);
    for (const werkboek of [data, provincie, herschreven.data]) {
      const tellingen = await gevalideerdeCellen(werkboek);
      expect(tellingen.size).toBeGreaterThan(0);
      expect(dubbel(tellingen)).toEqual([]);
    }
    // The user's own validation is still on its five cells, once.
    expect(await sheetXml(herschreven.data, "Eigen lijst")).toMatch(/<dataValidation [^>]*sqref="A8:A12"/);
    const gelderland = await sheetXml(provincie, "Provincie");
    expect(gelderland.match(/<dataValidation /g)).toHaveLength(4);
  });

  test("a workbook an earlier version wrote (each validation twice, E10:E59 and E9:E59) is refilled with each once, nothing reported lost", async () => {
    const delen = unzipSync(data);
    let verdubbeld = 0;
    for (const naam of Object.keys(delen).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
      const xml = new TextDecoder().decode(delen[naam]);
      const oud = xml.replace(
        /<dataValidation ([^>]*)sqref="([A-Z]+)([89]):([A-Z]+)(\d\d)"([^>]*)>([\s\S]*?)<\/dataValidation>/g,
        (
          alles,
          voor: string,
          k1: string,
          _r1: string,
          k2: string,
          r2: string,
          na: string,
          binnen: string,
        ) => {
          verdubbeld++;
          return `<dataValidation ${voor}sqref="${k1}10:${k2}${r2}"${na}>${binnen}</dataValidation>${alles}`;
        },
      );
      delen[naam] = new TextEncoder().encode(oud);
    }
    expect(verdubbeld).toBeGreaterThan(2);
    const oudBestand = zipSync(delen);
    expect(dubbel(await gevalideerdeCellen(oudBestand)).length).toBeGreaterThan(0);
    const { rapport, data: hervuld } = await schrijfXlsx(utrecht, oudBestand);
    expect(rapport.verloren).toEqual([]);
    const tellingen = await gevalideerdeCellen(hervuld);
    expect(dubbel(tellingen)).toEqual([]);
    expect([...tellingen.keys()].sort()).toEqual([...(await gevalideerdeCellen(data)).keys()].sort());
  });

  test("conditional formats: backlog red, surplus green, a missing taakstelling amber; frozen header", async () => {
    const xml = await sheetXml(data, "Taakstelling");
    expect(xml).toContain('<conditionalFormatting sqref="I8:I27">');
    expect(xml).toContain("<formula>AND(ISNUMBER(I8),I8&gt;0)</formula>");
    expect(xml).toContain('<conditionalFormatting sqref="J8:J27">');
    expect(xml).toContain('<conditionalFormatting sqref="F8:F27">');
    expect(xml).toContain(
      '<pane xSplit="1" ySplit="7" topLeftCell="B8" activePane="bottomRight" state="frozen"/>',
    );
    const zip = await JSZip.loadAsync(data);
    const stijlen = (await zip.file("xl/styles.xml")?.async("string")) ?? "";
    expect(stijlen).toContain("FFFFC7CE");
    expect(stijlen).toContain("FFC6EFCE");
    expect(stijlen).toContain("FFFFEB9C");
    // The table's (unused) totals label is Dutch.
    const tabel = Object.keys(zip.files).filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n));
    const tabellen = await Promise.all(tabel.map((n) => zip.file(n)?.async("string")));
    expect(tabellen.join("")).not.toContain('totalsRowLabel="Total"');
    expect(tabellen.join("")).toContain('totalsRowLabel="Totaal"');
  });

  test("the province: validations, formats, frozen code and name; blank totals over empty inputs", async () => {
    const p = (await schrijfXlsx(planProvincie(engine, "Utrecht", "2024-I", bron))).data;
    const xml = await sheetXml(p, "Provincie");
    expect(xml).toMatch(/<dataValidation [^>]*type="whole"[^>]*sqref="F9:F34"/);
    expect(xml).toContain('<conditionalFormatting sqref="H9:H34">');
    expect(xml).toContain('state="frozen"');
    const ws = blad(await lees(p), "Provincie");
    expect(ws.getCell("F35").value).toMatchObject({ formula: 'IF(COUNT(F9:F34)=0,"",SUM(F9:F34))' });
  });

  test("a refill replaces Opgave's own formats (no duplicates), keeps the user's, and loses nothing", async () => {
    const wb = await lees(data);
    const t = blad(wb, "Taakstelling");
    t.getCell(`G${rijVan(t, "2022-I")}`).value = 100;
    t.addConditionalFormatting({
      ref: "D8:D27",
      rules: [{ type: "expression", formulae: ["D8>1000"], style: { font: { bold: true } } } as never],
    });
    const ingevuld = await bewaar(wb);
    const een = await schrijfXlsx(utrecht, ingevuld);
    const twee = await schrijfXlsx(utrecht, een.data);
    expect(twee.rapport.verloren).toEqual([]);
    const xml = await sheetXml(twee.data, "Taakstelling");
    expect(xml.match(/<conditionalFormatting sqref="I8:I27">/g)).toHaveLength(1);
    expect(xml.match(/<conditionalFormatting /g)).toHaveLength(4);
    expect(xml).toContain("<formula>D8&gt;1000</formula>");
    expect(xml.match(/<pane /g)).toHaveLength(1);
  });

  test("frozen panes the user removed stay removed; a first fill freezes the header", async () => {
    const eerste = (await schrijfXlsx(utrecht)).data;
    expect(await sheetXml(eerste, "Taakstelling")).toMatch(/<pane [^>]*state="frozen"/);
    const wb = await lees(eerste);
    blad(wb, "Taakstelling").views = [{ state: "normal" }];
    const na = await schrijfXlsx(utrecht, await bewaar(wb));
    // Before: frozen again at every refill, as if the user had not chosen.
    expect(await sheetXml(na.data, "Taakstelling")).not.toContain("<pane ");
    expect(na.rapport.verloren).toEqual([]);
  });

  test("a refill of a table that grew: the old (smaller) formats and validations are not reported as lost", async () => {
    const plan = structuredClone(utrecht) as WerkboekPlan;
    const taak = plan.bladen[1]!.tabellen[0] as TabelPlan & { rijen: Cel[][] };
    taak.rijen.pop();
    const kort = (await schrijfXlsx(plan)).data;
    const { rapport, data: lang } = await schrijfXlsx(utrecht, kort);
    expect(rapport.verloren).toEqual([]);
    expect(await sheetXml(lang, "Taakstelling")).toContain('<conditionalFormatting sqref="I8:I27">');
  });
});

describe("a name of Opgave's local to a sheet of the user's (a copy of Taakstelling has its own)", () => {
  /** Utrecht's workbook, Beginsaldo 7, with sheet "Kopie" holding 999 in B5 under a local Opgave_Beginsaldo. */
  async function metKopie(): Promise<Uint8Array> {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    blad(wb, "Taakstelling").getCell("B5").value = 7;
    wb.addWorksheet("Kopie").getCell("B5").value = 999;
    const zip = await JSZip.loadAsync(await bewaar(wb));
    const xml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    const plaats = [...xml.matchAll(/<sheet\b[^>]*name="([^"]*)"/g)].findIndex((m) => m[1] === "Kopie");
    expect(plaats).toBeGreaterThan(0);
    const lokaal = `<definedName name="Opgave_Beginsaldo" localSheetId="${plaats}">Kopie!$B$5</definedName>`;
    zip.file("xl/workbook.xml", xml.replace("</definedNames>", `${lokaal}</definedNames>`));
    return zip.generateAsync({ type: "uint8array" });
  }
  /** Opgave_Beginsaldo's definitions: "lokaal …" or "werkboek …". */
  const namen = async (data: Uint8Array) => {
    const xml = (await (await JSZip.loadAsync(data)).file("xl/workbook.xml")?.async("string")) ?? "";
    return [...xml.matchAll(/<definedName\b([^>]*)>([^<]*)</g)]
      .filter((m) => m[1]?.includes('name="Opgave_Beginsaldo"'))
      .map((m) => `${/localSheetId="\d+"/.test(m[1] ?? "") ? "lokaal" : "werkboek"} ${m[2]}`);
  };

  test("a refill keeps it local and the workbook's own on Taakstelling; the reader reads Taakstelling's", async () => {
    const data = await metKopie();
    const { data: na, rapport } = await schrijfXlsx(utrecht, data);
    // Before: "Opgave_Beginsaldo" for the whole workbook read "Kopie!$B$5,Taakstelling!$B$5", and every formula
    // reading it showed #VALUE!, while the report said nothing had changed.
    expect((await namen(na)).sort()).toEqual(["lokaal Kopie!$B$5", "werkboek Taakstelling!$B$5"]);
    expect(rapport.verloren).toEqual([]);
    // The consolidation reads the beginsaldo of Taakstelling, not the copy's 999.
    expect((await leesAanlevering("utrecht.xlsx", data)).beginsaldo).toBe(7);
  });

  test("a full rewrite (exceljs cannot write a local name) names it and stops", async () => {
    const fout = await schrijfXlsx(utrecht, await metKopie(), { enten: false }).catch((e: unknown) => e);
    // Before: dropped without a word (and, before the names were read apart, written for the whole workbook).
    expect((fout as VerliesFout).onderdelen).toEqual(['naam "Opgave_Beginsaldo" van blad Kopie']);
  });
});

describe("a totals row the user turned on in one of Opgave's tables (Excel: Tabelontwerp > Totaalrij)", () => {
  async function metTotaalrij(): Promise<Uint8Array> {
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    for (const n of Object.keys(zip.files).filter((x) => /^xl\/tables\/[^/]+\.xml$/.test(x))) {
      const xml = (await zip.file(n)?.async("string")) ?? "";
      if (!xml.includes('name="Opgave_Taakstelling"')) continue;
      expect(xml).toContain('ref="A7:P27"');
      zip.file(
        n,
        xml.replace('ref="A7:P27"', 'ref="A7:P28" totalsRowCount="1"').replace(/ totalsRowShown="1"/, ""),
      );
    }
    const blad = (await bladPaden(await Zip.loadAsync(await zip.generateAsync({ type: "uint8array" })))).get(
      "Taakstelling",
    );
    const xml = (await zip.file(blad ?? "")?.async("string")) ?? "";
    const rij =
      '<row r="28"><c r="A28" t="inlineStr"><is><t>Totaal</t></is></c>' +
      '<c r="G28"><f>SUBTOTAL(109,Opgave_Taakstelling[Gehuisvest])</f><v>0</v></c></row>';
    zip.file(blad ?? "", xml.replace("</sheetData>", `${rij}</sheetData>`));
    return zip.generateAsync({ type: "uint8array" });
  }

  test("named before the refill (also Excel turns it off); confirmed: the table without it, its formula below", async () => {
    const data = await metTotaalrij();
    const fout = await schrijfXlsx(utrecht, data).catch((e: unknown) => e);
    // Before: "Opgave_Taakstelling Totaal" kept as an orphan row of user input, its formulas partly gone.
    expect((fout as VerliesFout).onderdelen).toEqual([
      "totaalrij van tabel Opgave_Taakstelling (die u aanzette; Opgave schrijft de tabel zonder, zet hem daarna weer aan)",
    ]);
    // The add-in in Excel turns it off too: no advice to use it instead.
    expect((fout as Error).message).not.toContain("invoegtoepassing");
    const { data: na, rapport } = await schrijfXlsx(utrecht, data, { verliesToestaan: true });
    expect(rapport.verweesd).toEqual([]);
    const ws = blad(await lees(na), "Taakstelling");
    expect(w(ws, "A28")).toBe("Totaal");
    expect(ws.getCell("G28").formula).toBe("SUBTOTAL(109,Opgave_Taakstelling[Gehuisvest])");
    const tabellen = await Promise.all(
      (await JSZip.loadAsync(na)).file(/^xl\/tables\/.*\.xml$/).map((f) => f.async("string")),
    );
    expect(tabellen.find((t) => t.includes('name="Opgave_Taakstelling"'))).toMatch(/ref="A7:P27"/);
  });
});
