/**
 * Guard rails and print settings through Office.js (`schrijfNaarExcel` on the fake Excel, tests/helpers/fakeExcel.ts),
 * on the real gemeente plan: the first fill applies data validations, conditional formats, frozen panes and the
 * print settings of ./afdruk; a refill replaces only Opgave's own rules (never doubled) and keeps the user's
 * validations, conditional formats, frozen panes and page setup; a host without ExcelApi 1.9 gets no page layout and
 * no error; the number of syncs does not change.
 */
import { afdrukVoor } from "../../src/workbook/afdruk";
import { planGemeente } from "../../src/workbook/bouwPlan";
import { OPMAAK_KLEUREN } from "../../src/workbook/invoercontrole";
import { isEigenAfdrukGebied } from "../../src/workbook/afdruk";
import { kopDeel } from "../../src/workbook/officeAfdruk";
import { schrijfNaarExcel } from "../../src/workbook/officeWriter";
import type { WerkboekPlan } from "../../src/workbook/plan";
import { engine } from "../domain/helpers";
import { FakeExcel, FakeWerkmap, rechthoekAdres } from "../helpers/fakeExcel";
import { TEST_BRON } from "./werkboekHulp";

const utrecht = planGemeente(engine, "Utrecht", TEST_BRON);

async function vul(wm: FakeWerkmap, plan: WerkboekPlan = utrecht): Promise<FakeExcel> {
  const fx = new FakeExcel(wm);
  await schrijfNaarExcel(fx.context, plan);
  return fx;
}

/** The user's own edits, through Office.js as a user's macro or Excel's UI would make them. */
async function alsGebruiker(wm: FakeWerkmap, f: (ctx: Excel.RequestContext) => void): Promise<void> {
  const fx = new FakeExcel(wm);
  f(fx.context);
  await fx.context.sync();
}

const taakstelling = utrecht.bladen.find((b) => b.naam === "Taakstelling");
const tabel = taakstelling?.tabellen.find((t) => t.naam === "Opgave_Taakstelling");
const RIJEN = tabel?.rijen.length ?? 0;
/** Column letter of a Taakstelling column (the table starts in A). */
const letter = (sleutel: string): string =>
  String.fromCharCode(65 + (tabel?.kolommen.findIndex((k) => k.sleutel === sleutel) ?? -1));

describe("Office.js: guard rails on the first fill", () => {
  test("every input column and named input cell gets its validation, with Dutch prompt and stop alert", async () => {
    const wm = new FakeWerkmap();
    await vul(wm);
    const invoer = tabel?.kolommen.filter((k) => k.validatie) ?? [];
    expect(invoer.map((k) => k.sleutel)).toEqual(["taakstellingEigen", "gehuisvest", "landelijkEigen"]);
    for (const k of invoer) {
      const l = letter(k.sleutel);
      for (let r = 8; r < 8 + RIJEN; r++) {
        const v = wm.blad("Taakstelling").validaties.get(`${l}${r}`);
        expect(v?.prompt).toEqual({
          showPrompt: true,
          title: k.validatie?.titel,
          message: k.validatie?.invoer,
        });
        expect(v?.foutmelding).toEqual({
          showAlert: true,
          style: "Stop",
          title: k.validatie?.titel,
          message: k.validatie?.fout,
        });
        expect(v?.negeerLeeg).toBe(true);
      }
      // The header and the row below the table are not validated.
      expect(wm.blad("Taakstelling").validaties.has(`${l}7`)).toBe(false);
      expect(wm.blad("Taakstelling").validaties.has(`${l}${8 + RIJEN}`)).toBe(false);
    }
    expect(wm.blad("Taakstelling").validaties.get(`${letter("gehuisvest")}8`)?.regel).toEqual({
      wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" },
    });
    for (const blad of utrecht.bladen) {
      for (const ic of blad.invoercellen.filter((i) => i.validatie)) {
        const cel = `${String.fromCharCode(64 + ic.positie.kolom)}${ic.positie.rij}`;
        expect([ic.naam, wm.blad(blad.naam).validaties.get(cel)?.prompt.title]).toEqual([
          ic.naam,
          ic.validatie?.titel,
        ]);
      }
    }
  });

  test("conditional formats over the data rows with Excel's colours, frozen header row and first column", async () => {
    const wm = new FakeWerkmap();
    await vul(wm);
    const b = wm.blad("Taakstelling");
    const verwacht = (tabel?.opmaak ?? []).map((o) => ({
      rechthoek: `${letter(o.van)}8:${letter(o.tot)}${7 + RIJEN}`,
      formule: o.formule,
      vulling: `#${OPMAAK_KLEUREN[o.stijl].vulling}`,
      tekstKleur: `#${OPMAAK_KLEUREN[o.stijl].tekst}`,
    }));
    expect(verwacht).toHaveLength(3);
    const gezien = b.opmaak.map((o) => ({
      rechthoek: rechthoekAdres(o.rechthoek),
      formule: o.formule,
      vulling: o.vulling,
      tekstKleur: o.tekstKleur,
    }));
    expect(gezien).toEqual(expect.arrayContaining(verwacht));
    expect(gezien).toHaveLength(verwacht.length);
    expect(b.bevroren).toEqual(taakstelling?.bevries);
    expect(b.bevroren).toEqual({ rijen: 7, kolommen: 1 });
    // Sheets without guard rails in the plan get none.
    expect(wm.blad("Bron").opmaak).toEqual([]);
    expect(wm.blad("Bron").bevroren).toBeUndefined();
  });

  test("print settings of every sheet: A4, orientation, one page wide, area, title rows, margins, header, footer", async () => {
    const wm = new FakeWerkmap();
    await vul(wm);
    for (const blad of utrecht.bladen) {
      const a = afdrukVoor(blad);
      const f = wm.blad(blad.naam).afdruk;
      expect([blad.naam, f.papier, f.richting]).toEqual([
        blad.naam,
        "A4",
        a.richting === "liggend" ? "Landscape" : "Portrait",
      ]);
      expect(f.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
      expect(f.centreerHorizontaal).toBe(true);
      expect(f.gebied?.map(rechthoekAdres)).toEqual([rechthoekAdres(a.bereik)]);
      expect(f.titelRijen).toEqual(a.titelRijen);
      expect(f.marges.links).toBeCloseTo(a.marges.links * 72);
      expect(f.marges.boven).toBeCloseTo(a.marges.boven * 72);
      expect(f.kop).toEqual({
        links: kopDeel(a.koptekst, "L"),
        midden: "",
        rechts: kopDeel(a.koptekst, "R"),
      });
      expect(f.voet).toEqual({ links: "", midden: kopDeel(a.voettekst, "C"), rechts: "" });
      expect(wm.blad(blad.naam).paginaEinden).toEqual(a.paginaEinden);
    }
    expect(wm.blad("Taakstelling").afdruk.kop.links).toBe('&"Calibri,Regular"&9&A');
    expect(wm.blad("Overzicht").paginaEinden.length).toBeGreaterThan(0);
    // Long text wraps, aligned to the top.
    const a = afdrukVoor(taakstelling ?? utrecht.bladen[0]!);
    const eerste = a.terugloop[0];
    expect(eerste).toBeDefined();
    expect(wm.cel("Taakstelling", `A${eerste?.rij ?? 0}`)).toMatchObject({
      terugloop: true,
      uitlijning: "Top",
    });
    // Sheets that are not Opgave's keep Excel's defaults.
    expect(wm.blad("Blad1").afdruk.papier).toBe("Letter");
  });

  test("two syncs for a first fill, four for a refill, with everything above", async () => {
    const wm = new FakeWerkmap();
    expect((await vul(wm)).syncs).toBe(2);
    // A refill reads, writes, and in between asks the rules of the validated cells (one column a piece).
    expect((await vul(wm)).syncs).toBe(4);
  });
});

describe("Office.js refill: the user's guard rails and print settings stay, Opgave's are not doubled", () => {
  test("the user's own conditional format and validation on other ranges survive; Opgave's are replaced", async () => {
    const wm = new FakeWerkmap();
    await vul(wm);
    const eigenOpmaak = [...wm.blad("Taakstelling").opmaak];
    await alsGebruiker(wm, (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Taakstelling");
      const cf = ws.getRange("O8:O30").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=O8>100";
      cf.custom.format.fill.color = "#0000FF";
      // Also one over Opgave's own column (the user's formula): it is the user's.
      const cf2 = ws
        .getRange(`${letter("gehuisvest")}8:${letter("gehuisvest")}12`)
        .conditionalFormats.add("Custom");
      cf2.custom.rule.formula = `=${letter("gehuisvest")}8>1000`;
      const dv = ws.getRange("O8:O30").dataValidation;
      dv.rule = { list: { inCellDropDown: true, source: "ja,nee" } };
      dv.prompt = { showPrompt: true, title: "Mijn keuze", message: "ja of nee" };
    });
    const gebruiker = wm.blad("Taakstelling").opmaak.filter((o) => !eigenOpmaak.includes(o));
    expect(gebruiker).toHaveLength(2);
    const voorValidaties = JSON.stringify([...wm.blad("Taakstelling").validaties].sort());

    const fx = await vul(wm);
    await vul(wm);

    const b = wm.blad("Taakstelling");
    expect(b.opmaak).toEqual(expect.arrayContaining(gebruiker));
    expect(b.opmaak).toHaveLength(eigenOpmaak.length + 2);
    // Opgave's formats once each, as after the first fill.
    expect(b.opmaak.filter((o) => !gebruiker.includes(o))).toEqual(
      expect.arrayContaining(eigenOpmaak.map((o) => ({ ...o }))),
    );
    expect(b.validaties.get("O8")?.regel).toEqual({ list: { inCellDropDown: true, source: "ja,nee" } });
    expect(b.validaties.get("O30")?.prompt.title).toBe("Mijn keuze");
    expect(JSON.stringify([...b.validaties].sort())).toBe(voorValidaties);
    expect(fx.syncs).toBe(4);
    expect(fx.acties("conditionalFormat.delete")).toHaveLength(eigenOpmaak.length);
  });

  test("the user's conditional formats keep their precedence: first, in their order; Opgave's after them (as in .xlsx)", async () => {
    const wm = new FakeWerkmap();
    await vul(wm);
    const opgave = (tabel?.opmaak ?? []).map((o) => o.formule);
    expect(opgave).toHaveLength(3);
    // A first fill: Opgave's in the plan's order (Excel puts each new format first).
    expect(wm.blad("Taakstelling").opmaak.map((o) => o.formule)).toEqual(opgave);
    const g = letter("gehuisvest");
    await alsGebruiker(wm, (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Taakstelling");
      // On Opgave's own column, over the cells Opgave's rules colour: which wins depends on the order.
      ws.getRange(`${g}8:${g}${7 + RIJEN}`).conditionalFormats.add("Custom").custom.rule.formula =
        `=${g}8>1000`;
      ws.getRange("O8:O30").conditionalFormats.add("Custom").custom.rule.formula = "=O8>100";
    });
    const gebruiker = ["=O8>100", `=${g}8>1000`];
    expect(wm.blad("Taakstelling").opmaak.map((o) => o.formule)).toEqual([...gebruiker, ...opgave]);

    const fx = await vul(wm);
    // Before: Opgave's came first, in reverse order ([...opgave].reverse(), then the user's).
    expect(wm.blad("Taakstelling").opmaak.map((o) => o.formule)).toEqual([...gebruiker, ...opgave]);
    expect(fx.acties("conditionalFormat.priority")).toHaveLength(opgave.length);
    await vul(wm);
    expect(wm.blad("Taakstelling").opmaak.map((o) => o.formule)).toEqual([...gebruiker, ...opgave]);
  });

  test("a format the user put below Opgave's stays below them, one above stays above (as in .xlsx)", async () => {
    const wm = new FakeWerkmap();
    await vul(wm);
    const opgave = (tabel?.opmaak ?? []).map((o) => o.formule);
    const g = letter("gehuisvest");
    await alsGebruiker(wm, (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Taakstelling");
      ws.getRange("O8:O30").conditionalFormats.add("Custom").custom.rule.formula = "=O8>100";
      // Moved down in Excel's "Regels beheren": below Opgave's, so Opgave's colours win on those cells.
      const onder = ws.getRange(`${g}8:${g}${7 + RIJEN}`).conditionalFormats.add("Custom");
      onder.custom.rule.formula = `=${g}8>1000`;
      onder.priority = 99;
    });
    const verwacht = ["=O8>100", ...opgave, `=${g}8>1000`];
    expect(wm.blad("Taakstelling").opmaak.map((o) => o.formule)).toEqual(verwacht);
    for (const ronde of [1, 2]) {
      await vul(wm);
      // Before: Opgave's after both of the user's formats, the one below now over Opgave's.
      expect([ronde, wm.blad("Taakstelling").opmaak.map((o) => o.formule)]).toEqual([ronde, verwacht]);
    }
  });

  test("a rule the user put on an input cell, or changed there in Excel's dialog (titles kept), stays", async () => {
    const wm = new FakeWerkmap();
    await vul(wm);
    const k = letter("gehuisvest");
    const opgave = JSON.stringify(wm.blad("Taakstelling").validaties.get(`${k}10`));
    expect(opgave).toContain('"title":"Gehuisvest"');
    await alsGebruiker(wm, (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Taakstelling");
      // Excel's dialog changes the rule and keeps the input message and error alert.
      ws.getRange(`${k}10`).dataValidation.rule = { list: { inCellDropDown: true, source: "10,20" } };
      const eigen = ws.getRange(`${k}11`).dataValidation;
      eigen.clear();
      eigen.rule = { wholeNumber: { operator: "Between", formula1: 0, formula2: 500 } };
      eigen.prompt = { showPrompt: true, title: "Mijn grens", message: "0 tot 500" };
    });
    const voor = wm.blad("Taakstelling").validaties;
    const [tien, elf] = [voor.get(`${k}10`), voor.get(`${k}11`)].map((v) => JSON.stringify(v));
    await vul(wm);
    const na = wm.blad("Taakstelling").validaties;
    // Before: both replaced by Opgave's (a validation was written over the whole input column).
    expect([JSON.stringify(na.get(`${k}10`)), JSON.stringify(na.get(`${k}11`))]).toEqual([tien, elf]);
    // The other input cells: Opgave's, as before.
    expect(JSON.stringify(na.get(`${k}12`))).toBe(opgave);
    expect(JSON.stringify(na.get(`${k}9`))).toBe(opgave);
  });

  test("frozen panes the user chose stay, also none; a sheet the fill makes gets Opgave's", async () => {
    const wm = new FakeWerkmap();
    await vul(wm);
    await alsGebruiker(wm, (ctx) => {
      const panes = ctx.workbook.worksheets.getItem("Taakstelling").freezePanes;
      panes.unfreeze();
      panes.freezeRows(2);
    });
    await vul(wm);
    expect(wm.blad("Taakstelling").bevroren).toEqual({ rijen: 2, kolommen: 0 });
    await alsGebruiker(wm, (ctx) => ctx.workbook.worksheets.getItem("Taakstelling").freezePanes.unfreeze());
    await vul(wm);
    // Before: frozen again at every refill, as if the user had not chosen.
    expect(wm.blad("Taakstelling").bevroren).toBeUndefined();
    const nieuw = new FakeWerkmap();
    await vul(nieuw);
    expect(nieuw.blad("Taakstelling").bevroren).toEqual({ rijen: 7, kolommen: 1 });
  });

  test("page setup the user changed stays; Opgave's print area follows the table; the user's own area stays", async () => {
    const korter: WerkboekPlan = {
      ...utrecht,
      bladen: utrecht.bladen.map((b) => ({
        ...b,
        tabellen: b.tabellen.map((t) => (t === tabel ? { ...t, rijen: t.rijen.slice(0, -1) } : t)),
      })),
    };
    const wm = new FakeWerkmap();
    await vul(wm, korter);
    expect(wm.blad("Taakstelling").afdruk.gebied?.map(rechthoekAdres)).toEqual([`A1:P${6 + RIJEN}`]);
    await alsGebruiker(wm, (ctx) => {
      const p = ctx.workbook.worksheets.getItem("Taakstelling").pageLayout;
      p.orientation = "Portrait";
      p.headersFooters.defaultForAllPages.centerHeader = "Concept";
      p.setPrintTitleRows("$1:$7");
      const k = ctx.workbook.worksheets.getItem("Kosten").pageLayout;
      k.setPrintArea("C3:F10");
      k.paperSize = "A3";
    });
    const fx = await vul(wm);
    const t = wm.blad("Taakstelling").afdruk;
    expect(t.richting).toBe("Portrait");
    expect(t.kop.midden).toBe("Concept");
    expect(t.gebied?.map(rechthoekAdres)).toEqual([`A1:P${7 + RIJEN}`]);
    // The user's widened title rows stay (before: Opgave's row 7 again).
    expect(t.titelRijen).toEqual({ van: 1, tot: 7 });
    const k = wm.blad("Kosten").afdruk;
    expect(k.gebied?.map(rechthoekAdres)).toEqual(["C3:F10"]);
    expect(k.papier).toBe("A3");
    // One from A1 but smaller than the sheet's page both ways is the user's too (before: replaced by Opgave's).
    await alsGebruiker(wm, (ctx) => {
      const o = ctx.workbook.worksheets.getItem("Opvang").pageLayout;
      o.setPrintArea("A1:C5");
      o.paperSize = "A3";
    });
    await vul(wm);
    const o = wm.blad("Opvang").afdruk;
    expect([o.gebied?.map(rechthoekAdres), o.papier]).toEqual([["A1:C5"], "A3"]);
    // No page setup on a refill at all; page breaks are not added twice.
    expect(fx.acties("pageLayout.orientation")).toEqual([]);
    expect(fx.acties("horizontalPageBreaks.add")).toEqual([]);
  });

  test("a table skipped on a refill (a user column inside it, left of Opgave's named inputs) keeps Opgave's formats and gets no writes", async () => {
    const wm = new FakeWerkmap();
    await vul(wm);
    const tabelValidaties = (fx: FakeExcel) =>
      fx.log.filter((r) => /^dataValidation/.test(r.actie) && /^Taakstelling![A-Z]+8:/.test(r.doel));
    // A normal refill does write them (so the check below can fail).
    const gewoon = await vul(wm);
    expect(tabelValidaties(gewoon).length).toBeGreaterThan(0);
    expect(gewoon.acties("conditionalFormat.delete").length).toBeGreaterThan(0);
    await alsGebruiker(wm, (ctx) => {
      ctx.workbook.tables
        .getItem("Opgave_Taakstelling")
        .columns.add(1, [["Notitie"], ...Array.from({ length: RIJEN }, () => [""])]);
    });
    const voor = JSON.stringify(wm.blad("Taakstelling").opmaak);
    const fx = await vul(wm);
    expect(JSON.stringify(wm.blad("Taakstelling").opmaak)).toBe(voor);
    expect(fx.acties("conditionalFormat.delete")).toEqual([]);
    expect(tabelValidaties(fx)).toEqual([]);
  });
});

describe("Office.js: hosts and what Excel refuses", () => {
  test("without ExcelApi 1.9 the page layout is skipped without an error; the rest is written", async () => {
    const g = globalThis as { Office?: unknown };
    g.Office = { context: { requirements: { isSetSupported: (_: string, v: string) => Number(v) < 1.9 } } };
    try {
      const wm = new FakeWerkmap();
      const fx = await vul(wm);
      expect(fx.log.filter((r) => /^pageLayout|horizontalPageBreaks/.test(r.actie))).toEqual([]);
      expect(wm.blad("Taakstelling").afdruk.papier).toBe("Letter");
      expect(wm.blad("Taakstelling").opmaak.length).toBeGreaterThan(0);
      expect(wm.blad("Taakstelling").validaties.size).toBeGreaterThan(0);
      expect(fx.syncs).toBe(2);
      expect((await vul(wm)).syncs).toBe(3);
    } finally {
      delete g.Office;
    }
  });

  test("the fake refuses what Excel refuses: long validation titles, title rows that are not whole rows", async () => {
    const fx = new FakeExcel(new FakeWerkmap());
    const ws = fx.context.workbook.worksheets.getItem("Blad1");
    expect(() => {
      ws.getRange("A1").dataValidation.prompt = { showPrompt: true, title: "x".repeat(33), message: "" };
    }).toThrow(/InvalidArgument/);
    expect(() => {
      ws.getRange("A1").dataValidation.rule = { wholeNumber: { formula1: 0, operator: "Between" } };
    }).toThrow(/formula2/);
    ws.pageLayout.setPrintTitleRows("A7:C7");
    await expect(fx.context.sync()).rejects.toThrow(/hele rijen/);
    ws.freezePanes.freezeAt("B2:C3");
    await expect(fx.context.sync()).rejects.toThrow(/A1/);
    const cf = ws.getRange("A1:A3").conditionalFormats.add("Custom");
    cf.custom.rule.formula = "=A1>0";
    expect(() => {
      cf.custom.format.fill.color = "rood!";
    }).toThrow(/kleur/);
    await fx.context.sync();
    expect(fx.werkmap.blad("Blad1").opmaak).toEqual([
      { rechthoek: { rij: 1, kolom: 1, rijen: 3, kolommen: 1 }, soort: "Custom", formule: "=A1>0" },
    ]);
  });

  test("isEigenAfdrukGebied: one rectangle from A1 is Opgave's print area", () => {
    expect(isEigenAfdrukGebied("Taakstelling!$A$1:$M$27")).toBe(true);
    expect(isEigenAfdrukGebied("'Mijn blad'!$A$1:$C$3")).toBe(true);
    expect(isEigenAfdrukGebied("Taakstelling!$C$3:$F$10")).toBe(false);
    expect(isEigenAfdrukGebied("Taakstelling!$A$1:$C$3,Taakstelling!$E$1:$F$3")).toBe(false);
    // Smaller than the sheet's page both ways: the user's (before: Opgave's, and replaced without a word).
    const pagina = { rij: 1, kolom: 1, rijen: 32, kolommen: 8 };
    expect(isEigenAfdrukGebied("'Kosten'!$A$1:$D$12", pagina)).toBe(false);
    // Narrower only (an earlier layout had fewer columns) or shorter only (fewer rows then): still Opgave's.
    expect(isEigenAfdrukGebied("'Kosten'!$A1:$E32", pagina)).toBe(true);
    expect(isEigenAfdrukGebied("'Kosten'!$A1:$H20", pagina)).toBe(true);
    expect(isEigenAfdrukGebied("'Kosten'!$A1:$H40", pagina)).toBe(true);
  });
});
