/**
 * The fake Excel itself (issue 13): documented Excel behaviours it models, each also listed in
 * tests/helpers/fakeExcel/BEVESTIGEN.md for the in-Excel run.
 */
import { titelRijenVanGebruiker } from "../../src/workbook/afdruk";
import { FakeExcel, FakeWerkmap } from "../helpers/fakeExcel";

async function schrijfWaarden(fx: FakeExcel, adres: string, waarden: unknown[][]): Promise<void> {
  const ws = fx.context.workbook.worksheets.getItem("Blad1");
  ws.getRange(adres).values = waarden as Excel.Range["values"];
  await fx.context.sync();
}

describe("[B21] ISO date text written as a value", () => {
  it("becomes a date serial with a date format", async () => {
    const fx = new FakeExcel(new FakeWerkmap());
    await schrijfWaarden(fx, "A1:D1", [["2024-01-31", "1900-01-01", "1900-03-01", "1899-12-31"]]);
    const wm = fx.werkmap;
    expect(wm.waarden("Blad1", "A1:D1")).toEqual([[45322, 1, 61, "1899-12-31"]]);
    expect(wm.notatie("Blad1", "A1")).toBe("m/d/yyyy");
    expect(wm.notatie("Blad1", "D1")).toBe("General");
  });

  it("stays text for impossible dates and other shapes", async () => {
    const fx = new FakeExcel(new FakeWerkmap());
    await schrijfWaarden(fx, "A1:C1", [["2024-02-30", "2024-1-31", "31-01-2024"]]);
    expect(fx.werkmap.waarden("Blad1", "A1:C1")).toEqual([["2024-02-30", "2024-1-31", "31-01-2024"]]);
  });

  it("stays text on a cell formatted as text, and keeps an existing number format", async () => {
    const wm = new FakeWerkmap();
    wm.zet("Blad1", "A1", null, "@");
    wm.zet("Blad1", "B1", null, "d-m-yyyy");
    const fx = new FakeExcel(wm);
    await schrijfWaarden(fx, "A1:B1", [["2024-01-31", "2024-01-31"]]);
    expect(wm.waarden("Blad1", "A1:B1")).toEqual([["2024-01-31", 45322]]);
    expect(wm.notatie("Blad1", "A1")).toBe("@");
    expect(wm.notatie("Blad1", "B1")).toBe("d-m-yyyy");
  });
});

describe("[B14] tables.add on a header-only range", () => {
  it("inserts one empty body row and pushes the cells below down (only in the table's columns)", async () => {
    const wm = new FakeWerkmap();
    wm.zetRijen("Blad1", "A1", [
      ["Naam", "Aantal", "Naast"],
      ["onder", 7, "blijft"],
    ]);
    wm.zet("Blad1", "A3", { formule: "=A2&B2", waarde: "onder7" });
    wm.zet("Blad1", "D1", { formule: "=SUM(B2:B3)", waarde: 7 });
    wm.voegNaamToe("Onder", { blad: "Blad1", adres: "A2" });
    const fx = new FakeExcel(wm);
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    const t = ws.tables.add(ws.getRange("A1:B1"), true);
    const body = t.getDataBodyRange().load("address");
    await fx.context.sync();

    expect(wm.tabelAdres("Table1")).toBe("Blad1!A1:B2");
    expect(body.address).toBe("Blad1!A2:B2");
    expect(wm.waarden("Blad1", "A1:C4")).toEqual([
      ["Naam", "Aantal", "Naast"],
      ["", "", "blijft"],
      ["onder", 7, ""],
      ["onder7", "", ""],
    ]);
    expect(wm.formule("Blad1", "A4")).toBe("=A3&B3");
    expect(wm.formule("Blad1", "D1")).toBe("=SUM(B3:B4)");
    expect(wm.naam("Onder")).toMatchObject({ rij: 3, kolom: 1 });
  });

  it("moves a table below along, and refuses to split one", async () => {
    const wm = new FakeWerkmap();
    wm.zetRijen("Blad1", "A1", [["Kop"]]);
    wm.voegTabelToe("Onder", "Blad1", "A3", ["X"], [[1]]);
    wm.voegTabelToe("Breed", "Blad1", "C3", ["P", "Q"], [[1, 2]]);
    wm.zetRijen("Blad1", "D1", [["Kop"]]);
    const fx = new FakeExcel(wm);
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    ws.tables.add(ws.getRange("A1"), true);
    await fx.context.sync();
    expect(wm.tabelAdres("Onder")).toBe("Blad1!A4:A5");

    ws.tables.add(ws.getRange("D1"), true);
    await expect(fx.context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    expect(wm.tabelAdres("Breed")).toBe("Blad1!C3:D4");
  });

  it("leaves a range with header and body as it is", async () => {
    const wm = new FakeWerkmap();
    wm.zetRijen("Blad1", "A1", [["Kop"], [1], ["daaronder"]]);
    const fx = new FakeExcel(wm);
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    ws.tables.add(ws.getRange("A1:A2"), true);
    await fx.context.sync();
    expect(wm.tabelAdres("Table1")).toBe("Blad1!A1:A2");
    expect(wm.waarden("Blad1", "A1:A3")).toEqual([["Kop"], [1], ["daaronder"]]);
  });
});

describe("[B19] table names", () => {
  async function hernoem(naam: string): Promise<unknown> {
    const wm = new FakeWerkmap();
    wm.voegTabelToe("Tabel", "Blad1", "A1", ["Kop"], [[1]]);
    const fx = new FakeExcel(wm);
    fx.context.workbook.tables.getItem("Tabel").name = naam;
    return fx.context.sync().then(
      () => wm.tabel(naam)?.naam,
      (e: unknown) => e,
    );
  }

  it.each(["TAB1", "A1", "a1", "XFD1048576", "R1C1", "RC", "R2", "C3", "r1c", "R", "c"])(
    "refuses %s (reads as a cell reference)",
    async (naam) => {
      expect(await hernoem(naam)).toMatchObject({
        name: "RichApi.Error",
        code: "InvalidArgument",
        debugInfo: { code: "InvalidArgument" },
      });
    },
  );

  it.each(["", "1Tabel", "Met spatie", "Min-teken", ".punt", "x".repeat(256)])(
    "refuses %j (invalid)",
    async (naam) => {
      expect(await hernoem(naam)).toMatchObject({ code: "InvalidArgument" });
    },
  );

  it.each(["Opgave_Taakstelling", "TABEL1", "XFE1", "A1048577", "_x", "\\pad", "R1C1x", "Tab.1", "Tabel1"])(
    "accepts %s",
    async (naam) => {
      expect(await hernoem(naam)).toBe(naam);
    },
  );
});

describe("[B22] the used range of a sheet", () => {
  it("spans every cell with a value or formula (valuesOnly), also formats without it; none: a null object", async () => {
    const wm = new FakeWerkmap(["Blad1", "Leeg"]);
    wm.zet("Blad1", "C3", 1);
    wm.zet("Blad1", "E7", { formule: "=C3*2" });
    wm.zet("Blad1", "H2", null, "0.0");
    const fx = new FakeExcel(wm);
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    const waarden = ws.getUsedRangeOrNullObject(true).load("address");
    const alles = ws.getUsedRangeOrNullObject().load("address");
    const leeg = fx.context.workbook.worksheets.getItem("Leeg").getUsedRangeOrNullObject(true);
    await fx.context.sync();
    expect([waarden.address, alles.address, leeg.isNullObject]).toEqual(["Blad1!C3:E7", "Blad1!C2:H7", true]);
  });
});

describe("[B23] names of the workbook and of a sheet", () => {
  it("workbook.names lists the workbook's, worksheet.names those scoped to that sheet", async () => {
    const wm = new FakeWerkmap(["Blad1", "Blad2"]);
    wm.voegNaamToe("Totaal", { blad: "Blad1", adres: "C3" });
    wm.voegNaamToe("Totaal", { blad: "Blad2", adres: "B2" }, "Blad2");
    wm.voegNaamToe("Rij", { blad: "Blad1", adres: "F30" }, "Blad1");
    const fx = new FakeExcel(wm);
    const lijst = (c: Excel.NamedItemCollection) => c.load("items/name,items/formula");
    const [boek, een, twee] = [
      lijst(fx.context.workbook.names),
      lijst(fx.context.workbook.worksheets.getItem("Blad1").names),
      lijst(fx.context.workbook.worksheets.getItem("Blad2").names),
    ];
    await fx.context.sync();
    const zo = (c: Excel.NamedItemCollection) => c.items.map((n) => [n.name, n.formula as string]);
    expect([zo(boek), zo(een), zo(twee)]).toEqual([
      [["Totaal", "=Blad1!$C$3"]],
      [["Rij", "=Blad1!$F$30"]],
      [["Totaal", "=Blad2!$B$2"]],
    ]);
    expect(() => wm.voegNaamToe("rij", { blad: "Blad2", adres: "A1" }, "Blad1")).toThrow(/bestaat al/);
  });
});

describe("[B24] the source of a chart series", () => {
  it("is a reference for Values, none for Categories it lacks, and known only after the sync", async () => {
    const wm = new FakeWerkmap(["Blad1"]);
    wm.blad("Blad1").grafieken.push({
      naam: "G",
      soort: "ColumnClustered",
      titel: "",
      reeksen: [{ naam: "R", waarden: "Blad1!F9:F20" }],
    });
    const fx = new FakeExcel(wm);
    const reeks = fx.context.workbook.worksheets.getItem("Blad1").charts.getItem("G").series.getItemAt(0);
    const [waarden, categorieen] = [
      reeks.getDimensionDataSourceString("Values"),
      reeks.getDimensionDataSourceString("Categories"),
    ];
    expect(() => waarden.value).toThrow(/PropertyNotLoaded|gesynchroniseerd/);
    await fx.context.sync();
    expect([waarden.value, categorieen.value]).toEqual(["=Blad1!$F$9:$F$20", ""]);
  });
});

describe("[B25] the notes and comments of a sheet", () => {
  it("worksheet.notes lists its notes, worksheet.comments its comments; getLocation() is the cell", async () => {
    const wm = new FakeWerkmap(["Blad1", "Blad2"]);
    wm.blad("Blad1").notities.set("F20", "nakijken");
    wm.blad("Blad1").opmerkingen.set("G21", "klopt dit?");
    wm.blad("Blad2").notities.set("A1", "elders");
    const fx = new FakeExcel(wm);
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    ws.comments.add("B2", "nieuw");
    const notities = ws.notes.load("items/content");
    const opmerkingen = ws.comments.load("items/content");
    await fx.context.sync();
    const a = notities.items.map((n) => n.getLocation().load("address"));
    const b = opmerkingen.items.map((n) => n.getLocation().load("address"));
    await fx.context.sync();
    expect(notities.items.map((n, i) => [n.content, a[i]?.address])).toEqual([["nakijken", "Blad1!F20"]]);
    expect(opmerkingen.items.map((n, i) => [n.content, b[i]?.address])).toEqual([
      ["klopt dit?", "Blad1!G21"],
      ["nieuw", "Blad1!B2"],
    ]);
  });
});

describe("[B26] hyperlinks on cells", () => {
  it("range.hyperlink links each cell; values written there keep it; getCellProperties tells it per cell", async () => {
    const wm = new FakeWerkmap(["Blad1"]);
    const fx = new FakeExcel(wm);
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    ws.getRange("B2:B3").hyperlink = { address: "https://example.org/", screenTip: "uitleg" };
    ws.getRange("B2").values = [["tekst"]];
    const eigenschappen = ws.getRange("A2:B3").getCellProperties({ hyperlink: true });
    await fx.context.sync();
    const link = { address: "https://example.org/", screenTip: "uitleg" };
    expect(eigenschappen.value.map((r) => r.map((c) => c.hyperlink ?? null))).toEqual([
      [null, link],
      [null, link],
    ]);
    expect(wm.waarde("Blad1", "B2")).toBe("tekst");
  });
});

describe("[B27] the range of a conditional format", () => {
  it("getRangeOrNullObject() of a format gives its range; of a format that is gone, a null object", async () => {
    const wm = new FakeWerkmap(["Blad1"]);
    const fx = new FakeExcel(wm);
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    const cf = ws.getRange("D27:E28").conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
    cf.custom.rule.formula = "=FALSE";
    const bereik = cf.getRangeOrNullObject().load("address");
    await fx.context.sync();
    expect(bereik.address).toBe("Blad1!D27:E28");
    cf.delete();
    const weg = cf.getRangeOrNullObject().load("address");
    await fx.context.sync();
    expect(weg.isNullObject).toBe(true);
  });
});

describe("[B35] the order of conditional formats", () => {
  it("add puts a format first; setting priority moves it to that place, the others along; past the end: the last", async () => {
    const wm = new FakeWerkmap(["Blad1"]);
    const fx = new FakeExcel(wm);
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    for (const f of ["=A1>1", "=A1>2", "=A1>3"])
      ws
        .getRange("A1:A9")
        .conditionalFormats.add("Custom" as Excel.ConditionalFormatType).custom.rule.formula = f;
    await fx.context.sync();
    expect(wm.blad("Blad1").opmaak.map((o) => o.formule)).toEqual(["=A1>3", "=A1>2", "=A1>1"]);
    const opmaak = ws.getRange("A1").conditionalFormats.load("items/priority");
    await fx.context.sync();
    expect(opmaak.items.map((o) => o.priority)).toEqual([0, 1, 2]);
    const [eerste] = opmaak.items;
    if (!eerste) throw new Error("geen opmaak");
    eerste.priority = 2;
    await fx.context.sync();
    expect(wm.blad("Blad1").opmaak.map((o) => o.formule)).toEqual(["=A1>2", "=A1>1", "=A1>3"]);
    // As documented: past the end is the last, a negative place counts from the back.
    const opnieuw = ws.getRange("A1").conditionalFormats.load("items/priority");
    await fx.context.sync();
    const [a, b] = opnieuw.items;
    if (!a || !b) throw new Error("geen opmaak");
    a.priority = 9;
    await fx.context.sync();
    expect(wm.blad("Blad1").opmaak.map((o) => o.formule)).toEqual(["=A1>1", "=A1>3", "=A1>2"]);
    b.priority = -1;
    await fx.context.sync();
    expect(wm.blad("Blad1").opmaak.map((o) => o.formule)).toEqual(["=A1>3", "=A1>2", "=A1>1"]);
  });
});

describe("[B28] every range of a conditional format", () => {
  it("a format added to several ranges: getRanges() gives each, getRangeOrNullObject() a null object", async () => {
    const fx = new FakeExcel(new FakeWerkmap(["Blad1"]));
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    const cf = ws.getRanges("F45, H50:H51").conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
    cf.custom.rule.formula = "=F45>0";
    await fx.context.sync();
    const opmaak = ws.getRange("H51").conditionalFormats.load("items");
    await fx.context.sync();
    const [gevonden] = opmaak.items;
    const bereiken = gevonden?.getRanges().load("areas/items/address");
    const een = gevonden?.getRangeOrNullObject().load("address");
    await fx.context.sync();
    expect(bereiken?.areas.items.map((a) => a.address)).toEqual(["Blad1!F45", "Blad1!H50:H51"]);
    expect(een?.isNullObject).toBe(true);
  });
});

describe("[B29] the cells with a validation", () => {
  it("getSpecialCellsOrNullObject('DataValidations') gives them as areas; none: a null object", async () => {
    const wm = new FakeWerkmap(["Blad1", "Leeg"]);
    const fx = new FakeExcel(wm);
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    ws.getRange("B2:B3").dataValidation.rule = { wholeNumber: { formula1: 0, operator: "GreaterThan" } };
    ws.getRange("C3").dataValidation.rule = { list: { inCellDropDown: true, source: "ja,nee" } };
    const cellen = ws.getRange().getSpecialCellsOrNullObject("DataValidations").load("areas/items/address");
    const geen = fx.context.workbook.worksheets
      .getItem("Leeg")
      .getRange()
      .getSpecialCellsOrNullObject("DataValidations");
    await fx.context.sync();
    expect(cellen.areas.items.map((a) => a.address)).toEqual(["Blad1!B2", "Blad1!B3:C3"]);
    expect(geen.isNullObject).toBe(true);
  });
});

describe("[B30] a validation's rule read on a range", () => {
  it("is written for the range's first cell; different rules: Inconsistent; some cells without: MixedCriteria", async () => {
    const fx = new FakeExcel(new FakeWerkmap(["Blad1"]));
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    ws.getRange("D1:D4").dataValidation.rule = { custom: { formula: '=AND(F8>0,$F$8>0,"F8"<>"")' } };
    ws.getRange("E1").dataValidation.rule = { list: { inCellDropDown: true, source: "ja,nee" } };
    const lees = (adres: string) => ws.getRange(adres).dataValidation.load("type,rule");
    const [heel, onder, cel, beide, deels] = ["D1:D4", "D3:D4", "D4", "D1:E1", "D4:D5"].map(lees);
    await fx.context.sync();
    expect([heel?.type, heel?.rule]).toEqual([
      "Custom",
      { custom: { formula: '=AND(F8>0,$F$8>0,"F8"<>"")' } },
    ]);
    expect(onder?.rule).toEqual({ custom: { formula: '=AND(F10>0,$F$8>0,"F8"<>"")' } });
    expect(cel?.rule).toEqual({ custom: { formula: '=AND(F11>0,$F$8>0,"F8"<>"")' } });
    expect(beide?.type).toBe("Inconsistent");
    expect(deels?.type).toBe("MixedCriteria");
  });
});

describe("[B32] a validation's messages", () => {
  it("read on a range are its first cell's; a rule set on a cell keeps the cell's messages", async () => {
    const fx = new FakeExcel(new FakeWerkmap(["Blad1"]));
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    const dv = ws.getRange("G1:G3").dataValidation;
    dv.rule = { wholeNumber: { operator: "GreaterThanOrEqualTo", formula1: 0 } };
    dv.prompt = { showPrompt: true, title: "Gehuisvest", message: "Een geheel getal" };
    dv.errorAlert = { showAlert: true, style: "Stop", title: "Gehuisvest", message: "Fout" };
    ws.getRange("G2").dataValidation.rule = { list: { inCellDropDown: true, source: "10,20" } };
    const [g2, heel] = ["G2", "G1:G3"].map((a) =>
      ws.getRange(a).dataValidation.load("type,rule,prompt,errorAlert"),
    );
    await fx.context.sync();
    expect([g2?.type, g2?.rule, g2?.prompt.title, g2?.errorAlert.title]).toEqual([
      "List",
      { list: { inCellDropDown: true, source: "10,20" } },
      "Gehuisvest",
      "Gehuisvest",
    ]);
    expect([heel?.type, heel?.prompt.title]).toEqual(["Inconsistent", "Gehuisvest"]);
  });
});

describe("[B33] hidden rows", () => {
  it("rowHidden of a range of rows: true when all are hidden, false when none, null when some; values written keep it", async () => {
    const wm = new FakeWerkmap(["Blad1"]);
    const fx = new FakeExcel(wm);
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    ws.getRange("3:4").rowHidden = true;
    await schrijfWaarden(fx, "A3:B4", [
      [1, 2],
      [3, 4],
    ]);
    const gelezen = ["3:4", "1:2", "2:3"].map((r) => ws.getRange(r).load("rowHidden"));
    await fx.context.sync();
    expect(gelezen.map((r) => r.rowHidden)).toEqual([true, false, null]);
    expect([...wm.blad("Blad1").verborgenRijen]).toEqual([3, 4]);
  });
});

describe("[B36] print title rows", () => {
  it("getPrintTitleRowsOrNullObject: the rows set, whole rows; a null object without title rows", async () => {
    const wm = new FakeWerkmap(["Blad1", "Blad2"]);
    const fx = new FakeExcel(wm);
    fx.context.workbook.worksheets.getItem("Blad1").pageLayout.setPrintTitleRows("$1:$7");
    await fx.context.sync();
    const [een, twee] = ["Blad1", "Blad2"].map((b) =>
      fx.context.workbook.worksheets.getItem(b).pageLayout.getPrintTitleRowsOrNullObject().load("address"),
    );
    await fx.context.sync();
    expect([een?.isNullObject, twee?.isNullObject]).toEqual([false, true]);
    expect(titelRijenVanGebruiker(een?.address, { van: 7, tot: 7 })).toBe(true);
    expect(titelRijenVanGebruiker(een?.address, { van: 1, tot: 7 })).toBe(false);
  });
});

describe("[B34] page breaks", () => {
  it("horizontalPageBreaks lists the sheet's breaks; getCellAfterBreak() is the first cell of the row a page starts at", async () => {
    const wm = new FakeWerkmap(["Blad1"]);
    const fx = new FakeExcel(wm);
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    ws.horizontalPageBreaks.add("C20");
    ws.horizontalPageBreaks.add("A5:B6");
    const einden = ws.horizontalPageBreaks.load("items");
    await fx.context.sync();
    const cellen = einden.items.map((e) => e.getCellAfterBreak().load("address,rowIndex"));
    await fx.context.sync();
    expect(cellen.map((c) => [c.address, c.rowIndex])).toEqual([
      ["Blad1!A5", 4],
      ["Blad1!A20", 19],
    ]);
  });
});
