/**
 * What a refill through Office.js (`schrijfNaarExcel` into the open workbook) keeps, on the real gemeente plan and
 * the fake Excel (tests/helpers/fakeExcel.ts), and what its report says:
 * 1. a column the user inserted inside an Opgave table (`table.columns.add`) stays where it is, and so does every
 *    A1 reference to the table: Opgave's columns are written where they stand now, their formulas (and Opgave's
 *    cells that refer to them by address, Overzicht B8:B10) reading them there; where the column stands left of
 *    other cells of Opgave's on the sheet, the table is skipped with a Dutch message and nothing in it changes;
 * 2. notes, also on empty cells, survive (the writer issues no command that could remove one);
 * 3. number formats and fills the user set — named input cells, input and formula cells in a table, plan blocks,
 *    their own cells — are kept; Opgave sets a format only where the content needs it or the cell has none;
 * 4. the report never counts as kept what was not.
 * The decisions themselves (column moves, references) are also tested without the fake.
 */
import { planGemeente, planProvincie } from "../../src/workbook/bouwPlan";
import { kolomVerschuiving } from "../../src/workbook/officeBeslissing";
import { geraakteTabel } from "../../src/workbook/samenvoegen";
import {
  uitgestrekt,
  verplaatsFormule,
  volgRijen,
  verwijzingenIn,
  type Verplaatsing,
} from "../../src/workbook/kolomVerplaatsing";
import { hervulNotatie } from "../../src/workbook/samenvoegen";
import {
  schrijfNaarExcel,
  VolgordeBevestiging,
  type OfficeSchrijfOpties,
  type OfficeVulRapport,
} from "../../src/workbook/officeWriter";
import type { Cel, Kolom, TabelPlan, WerkboekPlan } from "../../src/workbook/plan";
import { adres, kolomLetters } from "../../src/workbook/a1";
import { MAX_VALIDATIESTUKKEN } from "../../src/workbook/officeFormules";
import { engine } from "../domain/helpers";
import { FakeExcel, FakeWerkmap, type FakeWaarde } from "../helpers/fakeExcel";
import { TEST_BRON, zonderRij } from "./werkboekHulp";
import { planConsolidatie } from "../../src/workbook/consolidatiePlan";
import { consolidatieBerichten } from "../../src/domain/berichten";
import { consolideer } from "../../src/domain/consolideren";
import { OpgaveFout } from "../../src/domain/fouten";

/** What the fake logs for a request that only reads (loads, a cell's properties, a series' source). */
const LEZEN = new Set(["load", "getCellProperties", "series.getDimensionDataSourceString"]);

const utrecht = planGemeente(engine, "Utrecht", TEST_BRON);

/** A workbook after the first fill of `plan` (plus an empty "Blad1"). */
export async function eersteVulling(plan: WerkboekPlan = utrecht): Promise<FakeWerkmap> {
  const wm = new FakeWerkmap();
  await schrijfNaarExcel(new FakeExcel(wm).context, plan);
  return wm;
}

/** A refill of `wm` with `plan`: the fake (its log) and the report. */
export async function hervul(
  wm: FakeWerkmap,
  plan: WerkboekPlan = utrecht,
  opties: OfficeSchrijfOpties = {},
): Promise<{ fx: FakeExcel; rapport: OfficeVulRapport }> {
  const fx = new FakeExcel(wm);
  const rapport = await schrijfNaarExcel(fx.context, plan, opties);
  return { fx, rapport };
}

/** The user inserts a table column through Office.js, as Excel's "Insert table column to the left" does. */
async function voegKolomIn(
  wm: FakeWerkmap,
  tabel: string,
  index: number | null,
  waarden: FakeWaarde[][],
): Promise<void> {
  const fx = new FakeExcel(wm);
  fx.context.workbook.tables.getItem(tabel).columns.add(index ?? undefined, waarden);
  await fx.context.sync();
}

/** Every cell of a sheet (value, formula, format, bold, fill) and its notes, to compare before and after. */
function cellen(wm: FakeWerkmap, blad: string): string[] {
  const b = wm.blad(blad);
  return [
    ...[...b.cellen].map(([a, c]) => JSON.stringify([a, c.waarde, c.formule, c.notatie, c.vet, c.vulling])),
    ...[...b.notities].map(([a, n]) => JSON.stringify([a, "notitie", n])),
  ].sort();
}

/** Commands other than reads (`LEZEN`) whose target lies on `blad` in rows `van`..`tot`. */
function schrijftIn(fx: FakeExcel, blad: string, van: number, tot: number): string[] {
  return fx.log
    .filter((r) => !LEZEN.has(r.actie) && r.doel.startsWith(`${blad}!`))
    .filter((r) => {
      const rijen = [...r.doel.slice(blad.length + 1).matchAll(/[A-Z]+(\d+)/g)].map((m) => Number(m[1]));
      const [boven = 0, onder = boven] = rijen;
      return onder >= van && boven <= tot;
    })
    .map((r) => `${r.actie} ${r.doel}`);
}

const TAAKSTELLING_RIJEN = 20; // Utrecht: 2016-II … 2026-I (rows 8–27 of Taakstelling, header in row 7)

describe("Office.js refill: a column the user inserted inside an Opgave table", () => {
  test("the fake inserts a table column as Excel does: cells and references to the right move one column", async () => {
    const wm = await eersteVulling();
    wm.voegBladToe("Mijn");
    wm.zet("Mijn", "A1", { formule: "=Taakstelling!I10" }); // Achterstand 2017-II
    wm.zet("Mijn", "A2", { formule: '=Taakstelling!H10&"I10"' }); // left of the insert; a literal
    wm.voegNaamToe("MijnCel", { blad: "Taakstelling", adres: "K9" });
    wm.blad("Taakstelling").notities.set("I9", "nakijken");
    const achterstand = wm.formule("Taakstelling", "I9") ?? "";
    expect(achterstand).toMatch(/H9.*G9|G9.*H9/); // refers only to columns left of the insert
    await voegKolomIn(wm, "Opgave_Taakstelling", 8, [
      ["Notitie"],
      ...Array.from({ length: TAAKSTELLING_RIJEN }, (_, i) => [i === 0 ? "=[@Gehuisvest]*2" : ""]),
    ]);
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A7:Q27");
    expect(wm.formules("Taakstelling", "H7:J7")).toEqual([["Gecorrigeerd", "Notitie", "Achterstand"]]);
    expect(wm.formule("Taakstelling", "I8")).toBe("=[@Gehuisvest]*2");
    expect(wm.formule("Taakstelling", "J9")).toBe(achterstand);
    expect(wm.formule("Mijn", "A1")).toBe("=Taakstelling!J10");
    expect(wm.formule("Mijn", "A2")).toBe('=Taakstelling!H10&"I10"');
    expect(wm.formule("Overzicht", "B8")).toContain("Taakstelling!$J$8:$J$27");
    expect(wm.naam("MijnCel")).toMatchObject({ rij: 9, kolom: 12 });
    expect([...wm.blad("Taakstelling").notities]).toEqual([["J9", "nakijken"]]);
    // Outside the table's rows nothing moves.
    expect(wm.waarde("Taakstelling", "A1")).toMatch(/^Taakstelling huisvesting/);
  });

  test("is kept where the user put it, the table written around it: every reference reads what it read", async () => {
    const wm = await eersteVulling();
    const vers = wm.formules("Taakstelling", "A7:P27");
    wm.zet("Taakstelling", "G9", 300); // Gehuisvest 2017-I, typed by the user
    await voegKolomIn(wm, "Opgave_Taakstelling", 8, [
      ["Notitie"],
      ...Array.from({ length: TAAKSTELLING_RIJEN }, (_, i) => [i === 1 ? "=G9*2" : i === 2 ? "=J10+1" : ""]),
    ]);
    wm.voegBladToe("Mijn");
    wm.zet("Mijn", "A1", { formule: "=Taakstelling!J10" }); // Achterstand 2017-II, after the insert
    const overzicht = wm.formules("Overzicht", "A8:B11");
    const opmaak = JSON.stringify(wm.blad("Taakstelling").opmaak);

    // Before: the table was skipped ("zet uw kolom rechts van …"), with the Overzicht cells and the chart on it.
    const { rapport } = await hervul(wm);

    expect(rapport.overgeslagen).toEqual([]);
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A7:Q27");
    expect(wm.formules("Taakstelling", "H7:J7")).toEqual([["Gecorrigeerd", "Notitie", "Achterstand"]]);
    expect(wm.formules("Taakstelling", "I9:I10")).toEqual([["=G9*2"], ["=J10+1"]]);
    expect(wm.formule("Mijn", "A1")).toBe("=Taakstelling!J10");
    expect(wm.waarde("Taakstelling", "G9")).toBe(300);
    expect(rapport.invoerBehouden).toBeGreaterThanOrEqual(1);
    // Opgave's columns: a first fill's, those right of the user's column one column on, their formulas reading the
    // columns where they stand now (moved back here to compare).
    const terug: Verplaatsing[] = [
      {
        blad: "Taakstelling",
        vanafRij: 7,
        kolommen: new Map([...Array(8).keys()].map((i) => [10 + i, 9 + i])),
      },
    ];
    const nu = wm
      .formules("Taakstelling", "A7:Q27")
      .map((rij) =>
        [...rij.slice(0, 8), ...rij.slice(9)].map((c) =>
          typeof c === "string" && c.startsWith("=") ? verplaatsFormule(c, "Taakstelling", terug) : c,
        ),
      );
    expect(nu).toEqual(vers.map((rij, i) => (i === 2 ? rij.map((c, k) => (k === 6 ? 300 : c)) : rij)));
    // Opgave's key figures and conditional formats read the moved columns, as the insert left them: nothing doubled.
    expect(wm.formules("Overzicht", "A8:B11")).toEqual(overzicht);
    expect(overzicht[0]?.[1]).toContain("Taakstelling!$J$8:$J$27");
    expect(JSON.stringify(wm.blad("Taakstelling").opmaak)).toBe(opmaak);
    // Opgave's moved columns wrap where they stand (Peildatum inwoners, now Q), as in a first fill at P.
    expect([wm.cel("Taakstelling", "P9")?.terugloop, wm.cel("Taakstelling", "Q9")?.terugloop]).toEqual([
      true,
      true,
    ]);
  });

  test("inserted where other cells of Opgave's stand right of it (column B): skipped, saying from where a column can stay", async () => {
    const wm = await eersteVulling();
    // A table column: Excel moves only the table's rows; the named inputs above (B4, B5) stay. Opgave cannot tell
    // it from a sheet column, which would have moved them: the same refusal.
    await voegKolomIn(wm, "Opgave_Taakstelling", 1, [
      ["Nr"],
      ...Array.from({ length: TAAKSTELLING_RIJEN }, (_, i) => [i + 1]),
    ]);
    const taakstelling = cellen(wm, "Taakstelling");
    const { fx, rapport } = await hervul(wm);
    expect(rapport.overgeslagen[0]).toBe(
      'tabel Opgave_Taakstelling heeft een eigen kolom "Nr" (kolom B) tussen de kolommen "Periode" en ' +
        `"${String(taakstelling.length > 0 ? wm.waarde("Taakstelling", "C7") : "")}" van Opgave; bijwerken zou de ` +
        "kolommen erna verschuiven, zodat verwijzingen ernaar iets anders lezen (in deze tabel blijft een eigen kolom " +
        "staan vanaf kolom D: links daarvan staan ook andere cellen van Opgave op het blad). Niet bijgewerkt; zet " +
        'uw kolom rechts van "Peildatum inwoners" om de tabel weer te laten bijwerken',
    );
    expect(schrijftIn(fx, "Taakstelling", 7, 1000)).toEqual([]);
    expect(cellen(wm, "Taakstelling")).toEqual(taakstelling);
  });

  test("text typed where a number belongs: kept, and the report names it (Opgave's formulas pass it over)", async () => {
    const wm = await eersteVulling();
    const rij = [...Array(40).keys()]
      .map((i) => 8 + i)
      .find((r) => wm.waarde("Taakstelling", `A${r}`) === "2019-I");
    expect(wm.waarde("Taakstelling", "G7")).toBe("Gehuisvest");
    wm.zet("Taakstelling", `G${rij ?? 0}`, "ca. 350");
    // An error value (=1/0 in Dutch Excel: #DEEL/0!), as Office.js reads it in `values`: its English code.
    wm.zet("Taakstelling", `G${(rij ?? 0) + 1}`, "#DIV/0!");
    wm.zet("Kosten", "B5", "onbekend");
    const { rapport } = await hervul(wm);
    expect(rapport.tekstInGetal).toEqual([
      'Opgave_Taakstelling 2019-I: Gehuisvest: "ca. 350"',
      "Opgave_Taakstelling 2019-II: Gehuisvest: #DEEL/0! (een foutwaarde; een som over de cel toont die fout ook)",
      'Kosten per plaats per jaar (€) op Kosten!B5: "onbekend"',
    ]);
    expect(wm.waarde("Taakstelling", `G${rij ?? 0}`)).toBe("ca. 350");
  });

  test("a number outside its cell's rule: kept, and the report names it with the rule it breaks (as the .xlsx writer)", async () => {
    const wm = await eersteVulling();
    const rij = (p: string) =>
      [...Array(40).keys()].map((i) => 8 + i).find((r) => wm.waarde("Taakstelling", `A${r}`) === p) ?? 0;
    wm.zet("Taakstelling", `G${rij("2019-I")}`, -40);
    wm.zet("Taakstelling", `G${rij("2020-I")}`, 40);
    wm.zet("Kosten", "B5", -35000);
    const { rapport } = await hervul(wm);
    expect(rapport.buitenRegel).toEqual([
      "Opgave_Taakstelling 2019-I: Gehuisvest: -40 (kleiner dan 0, het minimum van de cel)",
      "Kosten per plaats per jaar (€) op Kosten!B5: -35.000 (kleiner dan 0, het minimum van de cel)",
    ]);
    expect(wm.waarde("Taakstelling", `G${rij("2019-I")}`)).toBe(-40);
  });

  test("a column added at the end of the table stays there and the table is written", async () => {
    const wm = await eersteVulling();
    await voegKolomIn(wm, "Opgave_Taakstelling", null, [
      ["Notitie"],
      ...Array.from({ length: TAAKSTELLING_RIJEN }, (_, i) => [i === 0 ? "eigen tekst" : ""]),
    ]);
    const { rapport } = await hervul(wm);
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.invoerBehouden).toBe(1);
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A7:Q27");
    // The user's column stays after Opgave's last column ("Peildatum inwoners", P).
    expect(wm.formules("Taakstelling", "P7:Q7")).toEqual([["Peildatum inwoners", "Notitie"]]);
    expect(wm.waarde("Taakstelling", "Q8")).toBe("eigen tekst");
    expect(wm.waarde("Taakstelling", "K8")).toMatch(/^Utrecht 2016-II/);
  });
});

describe("kolomVerschuiving and references (pure)", () => {
  const kolom = (kop: string, soort: Kolom["soort"] = "gegeven"): Kolom => ({ sleutel: kop, kop, soort });
  const tp: TabelPlan = {
    naam: "Opgave_T",
    start: { rij: 3, kolom: 2 },
    kolommen: [
      kolom("Periode"),
      kolom("Taakstelling"),
      kolom("Gehuisvest", "invoer"),
      kolom("Saldo", "formule"),
    ],
    sleutelKolom: "Periode",
    rijen: [],
  };
  const nieuw = (...extra: string[]): Kolom[] => [...tp.kolommen, ...extra.map((k) => kolom(k, "invoer"))];

  test("no move: the plan's order, user columns at the end", () => {
    expect(
      kolomVerschuiving(tp, ["Periode", "Taakstelling", "Gehuisvest", "Saldo"], nieuw()),
    ).toBeUndefined();
    expect(
      kolomVerschuiving(tp, ["Periode", "Taakstelling", "Gehuisvest", "Saldo", "Mijn"], nieuw("Mijn")),
    ).toBeUndefined();
  });

  test("a user column inside, Opgave's columns reordered, or one of them deleted: named, with the column letter", () => {
    expect(
      kolomVerschuiving(tp, ["Periode", "Mijn", "Taakstelling", "Gehuisvest", "Saldo"], nieuw("Mijn")),
    ).toMatch(
      /^tabel Opgave_T heeft een eigen kolom "Mijn" \(kolom C\) tussen de kolommen "Periode" en "Taakstelling"/,
    );
    expect(kolomVerschuiving(tp, ["Periode", "Gehuisvest", "Taakstelling", "Saldo"], nieuw())).toBe(
      'tabel Opgave_T: kolom "Gehuisvest" staat in kolom C, Opgave zet hem in kolom D; bijwerken zou de kolommen ' +
        "erna verschuiven, zodat verwijzingen ernaar iets anders lezen. Niet bijgewerkt",
    );
    expect(kolomVerschuiving(tp, ["Periode", "Gehuisvest", "Saldo"], nieuw())).toBe(
      'tabel Opgave_T: kolom "Taakstelling" van Opgave staat niet in de tabel; terugzetten zou kolom "Gehuisvest" ' +
        "van C naar D verschuiven. Niet bijgewerkt",
    );
  });

  test("A1 references: sheets (quoted or not), ranges; not in strings, names, structured references, functions", () => {
    expect(
      verwijzingenIn(
        `=SUM(Taakstelling!$I$8:$I$27)+'Mijn ''blad'''!B2+C3&"D4"+LOG10(2)+Opgave_Beginsaldo+T[@Gehuisvest]`,
        "Overzicht",
      ),
    ).toEqual([
      { blad: "Taakstelling", rechthoek: { rij: 8, kolom: 9, rijen: 20, kolommen: 1 } },
      { blad: "Mijn 'blad'", rechthoek: { rij: 2, kolom: 2, rijen: 1, kolommen: 1 } },
      { blad: "Overzicht", rechthoek: { rij: 3, kolom: 3, rijen: 1, kolommen: 1 } },
    ]);
    const gebied = {
      naam: "Opgave_T",
      blad: "taakstelling",
      rechthoeken: [{ rij: 7, kolom: 1, rijen: 22, kolommen: 11 }],
    };
    expect(geraakteTabel("=Taakstelling!K10", "Overzicht", [gebied])).toBe(gebied);
    expect(geraakteTabel("=Taakstelling!L10+K10", "Overzicht", [gebied])).toBeUndefined();
    expect(geraakteTabel("=K10", "Taakstelling", [gebied])).toBe(gebied);
  });

  test("uitgestrekt: a rule over a block reads what its relative references sweep, absolute ones stay", () => {
    expect(uitgestrekt("Provincie!F8>0", "Mijn", 4, 1)).toBe("Provincie!F8:F11>0");
    expect(uitgestrekt("Provincie!$F$10>0", "Mijn", 4, 3)).toBe("Provincie!F10:F10>0");
    expect(uitgestrekt("Provincie!$F8+F$8", "Mijn", 3, 2)).toBe("Provincie!F8:F10+F8:G8");
    // A range: each end sweeps; a relative start past an absolute end still counts.
    expect(uitgestrekt("SUM('Mijn blad'!A1:$B$2)", "X", 5, 1)).toBe("SUM('Mijn blad'!A1:B5)");
    // String literals are left alone; one cell, or Excel's last row and column: as it is, and within the grid.
    expect(uitgestrekt(`"F8"&F8`, "Mijn", 2, 1)).toBe(`"F8"&F8:F9`);
    expect(uitgestrekt("F8", "Mijn", 1, 1)).toBe("F8");
    expect(uitgestrekt("XFD1048576", "Mijn", 3, 3)).toBe("XFD1048576:XFD1048576");
    // What it reads, as the check reads it: references into Provincie's rows 8 to 11.
    expect(verwijzingenIn(uitgestrekt("=Provincie!F8>0", "Mijn", 4, 1), "Mijn")).toEqual([
      { blad: "Provincie", rechthoek: { rij: 8, kolom: 6, rijen: 4, kolommen: 1 } },
    ]);
  });

  test("volgRijen: references into the table's rows follow their row; beside or outside the table, other sheets: not", () => {
    // Rows 8–26 as they stood; a row came back at 12: rows 12–26 are now 13–27.
    // Columns A–R are the table's.
    const naar = (rij: number, kolom: number) =>
      kolom <= 18 && rij >= 8 && rij <= 26 ? (rij >= 12 ? rij + 1 : rij) : undefined;
    expect(volgRijen("G12+1", "Taakstelling", naar)).toBe("G13+1");
    expect(volgRijen("R11+G12+Q$8+$B3+B3", "Taakstelling", naar)).toBe("R11+G13+Q$8+$B3+B3");
    expect(volgRijen("SUM(G$8:G14)/Taakstelling!G12", "Taakstelling", naar)).toBe(
      "SUM(G$8:G15)/Taakstelling!G13",
    );
    expect(volgRijen("'Mijn blad'!G12+\"G12\"&G30+T12", "Taakstelling", naar)).toBe(
      "'Mijn blad'!G12+\"G12\"&G30+T12",
    );
  });

  test("volgRijen: a row that goes (null): an end of a range on it moves to the nearest row that stays, as Excel shrinks the range; one on it alone stays and is told", () => {
    // Rows 8–26 as they stood; row 12 went: rows 13–26 are now 12–25.
    const naar = (rij: number) =>
      rij >= 8 && rij <= 26 ? (rij === 12 ? null : rij > 12 ? rij - 1 : rij) : undefined;
    const weg: number[] = [];
    const volg = (f: string) => volgRijen(f, "Taakstelling", naar, (rij) => weg.push(rij));
    expect(volg("SUM(G10:G12)+SUM(G12:G14)+SUM(P9:P26)")).toBe("SUM(G10:G11)+SUM(G12:G13)+SUM(P9:P25)");
    expect(weg).toEqual([]);
    expect(volg("N(G12)-G11+SUM(G12:G12)")).toBe("N(G12)-G11+SUM(G12:G12)");
    expect(weg).toEqual([12, 12, 12]);
  });

  test("hervulNotatie: the cell's format stays unless the content needs another or there is none", () => {
    expect(hervulNotatie("0.00", "#,##0")).toBe("0.00");
    expect(hervulNotatie("General", "#,##0")).toBe("#,##0");
    expect(hervulNotatie(undefined, "#,##0")).toBe("#,##0");
    expect(hervulNotatie("@", "#,##0")).toBe("#,##0"); // a number or formula in a text cell would stay text
    expect(hervulNotatie("0.00", "@")).toBe("@"); // a text constant must be stored as text
  });
});

/** `plan` with the last `n` periods of the Taakstelling table gone (their rows are emptied by the refill). */
function zonderLaatstePerioden(plan: WerkboekPlan, n: number): WerkboekPlan {
  return {
    ...plan,
    bladen: plan.bladen.map((b) => ({
      ...b,
      tabellen: b.tabellen.map((t) =>
        t.naam === "Opgave_Taakstelling" ? { ...t, rijen: t.rijen.slice(0, t.rijen.length - n) } : t,
      ),
    })),
  };
}

describe("Office.js refill: notes", () => {
  test("notes on Opgave sheets survive, also on empty cells and on cells the refill empties", async () => {
    const wm = await eersteVulling();
    const notities: [string, string, string][] = [
      ["Taakstelling", "M3", "leeg, naast de tabel"],
      ["Taakstelling", "A1", "titel"],
      ["Taakstelling", "B5", "benoemde invoercel, leeg"],
      ["Taakstelling", "A7", "kop"],
      ["Taakstelling", "G9", "invoer in de tabel"],
      ["Taakstelling", "I9", "formule in de tabel"],
      ["Taakstelling", "A27", "rij die verdwijnt"],
      ["Taakstelling", "G26", "lege cel in een rij die verdwijnt"],
      ["Overzicht", "B8", "kerngetal"],
      ["Kosten", "B5", "benoemde invoercel"],
    ];
    for (const [blad, cel, tekst] of notities) wm.blad(blad).notities.set(cel, tekst);
    wm.zet("Taakstelling", "G9", 300);

    // Notes on rows that go would sit on empty rows: asked first (nothing written), then confirmed.
    const kleiner = zonderLaatstePerioden(utrecht, 2);
    const vraag: unknown = await schrijfNaarExcel(new FakeExcel(wm).context, kleiner).catch(
      (e: unknown) => e,
    );
    expect((vraag as VolgordeBevestiging).gelezen.map((g) => g.replace(/ in tabel.*/, ""))).toEqual([
      "notitie op Taakstelling!A27",
      "notitie op Taakstelling!G26",
    ]);
    const { fx, rapport } = await hervul(wm, kleiner, { volgordeToestaan: true });

    expect(rapport.overgeslagen).toEqual([]);
    for (const [blad, cel, tekst] of notities) expect(wm.blad(blad).notities.get(cel)).toBe(tekst);
    // The rows of the periods that went are emptied (Contents only) and the table shrank.
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A7:P25");
    expect(
      wm
        .formules("Taakstelling", "A26:P27")
        .flat()
        .every((v) => v === ""),
    ).toBe(true);
    // What the writer did that could touch a note: only clear("Contents"), never more; nothing deleted but its chart
    // and its own conditional formats (both re-added).
    expect(fx.acties("clear").map((r) => r.details)).toEqual(["Contents"]);
    const verwijderd = fx.log.filter((r) => /delete|worksheets\.add|tables\.add/.test(r.actie));
    const opmaak = utrecht.bladen.flatMap((b) => b.tabellen).flatMap((t) => t.opmaak ?? []);
    expect(opmaak.length).toBeGreaterThan(0);
    expect(verwijderd.map((r) => r.actie).sort()).toEqual([
      "chart.delete",
      ...opmaak.map(() => "conditionalFormat.delete"),
    ]);
    expect(fx.acties("conditionalFormats.add")).toHaveLength(opmaak.length);
  });
});

describe("Office.js refill: formulas in a column of the user's at the end of a table (as the .xlsx writer)", () => {
  test("go with their rows: where rows move (a period back in its place), each reads the rows it read; the new row gets the column's formula", async () => {
    const zonder = zonderRij(utrecht, "Opgave_Taakstelling", "2018-II");
    const wm = await eersteVulling(zonder);
    const rijen = TAAKSTELLING_RIJEN - 1;
    const formules = [...Array(rijen).keys()].map((i) => [`=G${8 + i}+1+N(Q${7 + i})*0+N($B$3)*0`]);
    await voegKolomIn(wm, "Opgave_Taakstelling", null, [["Eigen"], ...formules]);
    for (let r = 8; r < 8 + rijen; r++) wm.zet("Taakstelling", `G${r}`, r * 10);
    const voor = new Map(
      [...Array(rijen).keys()].map((i) => [wm.waarde("Taakstelling", `A${8 + i}`), 8 + i] as const),
    );
    const erboven = new Map(
      [...Array(rijen).keys()].map((i) => [
        wm.waarde("Taakstelling", `A${8 + i}`),
        wm.waarde("Taakstelling", `A${7 + i}`),
      ]),
    );
    const { rapport } = await hervul(wm, utrecht, { volgordeToestaan: true });
    const rijVan = new Map<unknown, number>();
    for (let r = 8; r <= 8 + rijen; r++) rijVan.set(wm.waarde("Taakstelling", `A${r}`), r);
    for (let r = 8; r <= 8 + rijen; r++) {
      const periode = wm.waarde("Taakstelling", `A${r}`);
      const formule = wm.formule("Taakstelling", `Q${r}`) ?? "";
      if (periode === "2018-II") {
        // Every row held one formula (a calculated column): the new row gets it, as Excel fills a row inserted
        // into a table; named in the report. Before: left empty, without a word.
        const berekend = `=G${r}+1+N(Q${r - 1})*0+N($B$3)*0`;
        expect(formule).toBe(berekend);
        expect(rapport.wijzigingen).toContainEqual({
          plek: `Opgave_Taakstelling: formule van uw kolom "Eigen" doorgetrokken naar 2018-II (Q${r})`,
          oud: null,
          nieuw: berekend,
        });
        continue;
      }
      // The row it read above it: the same period as before (right below 2018-II that is two rows up now).
      const boven = rijVan.get(erboven.get(periode)) ?? 7;
      expect([periode, formule]).toEqual([periode, `=G${r}+1+N(Q${boven})*0+N($B$3)*0`]);
      expect([periode, wm.waarde("Taakstelling", `G${r}`)]).toEqual([periode, (voor.get(periode) ?? 0) * 10]);
    }
  });
});

describe("Office.js refill: a value typed over one of Opgave's formulas (as the .xlsx writer)", () => {
  test("asked first, nothing written; confirmed, the formula back and the report lists what was not kept", async () => {
    const wm = await eersteVulling();
    const formule = wm.formule("Taakstelling", "I8");
    expect(formule).toMatch(/^=/);
    wm.zet("Taakstelling", "I8", 999);
    const voor = wm.momentopname();
    const fout: unknown = await schrijfNaarExcel(new FakeExcel(wm).context, utrecht).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(VolgordeBevestiging);
    const wat =
      "getal 999 van u in Taakstelling!I8 (tabel Opgave_Taakstelling, 2016-II, kolom Achterstand) staat op een " +
      "formule van Opgave; bij opnieuw vullen komt die formule terug";
    expect((fout as VolgordeBevestiging).getypt).toEqual([wat]);
    expect((fout as Error).message).toContain(
      `Waar u zelf iets over een formule van Opgave typte, zet Opgave die formule terug: ${wat}.`,
    );
    expect(wm.momentopname()).toBe(voor);
    const { rapport } = await hervul(wm, utrecht, { volgordeToestaan: true });
    expect(rapport.verloren).toEqual([wat]);
    expect(wm.formule("Taakstelling", "I8")).toBe(formule);
    expect((await hervul(wm, utrecht)).rapport.verloren).toEqual([]);
  });
});

describe("Office.js refill: a value typed over one of Opgave's formulas outside a table (as the .xlsx writer)", () => {
  test("asked first, nothing written; confirmed, the formula back and listed", async () => {
    const wm = await eersteVulling();
    const formule = wm.formule("Kosten", "B10");
    expect(formule).toMatch(/^=/);
    wm.zet("Kosten", "B10", 60000000);
    const voor = wm.momentopname();
    const fout: unknown = await schrijfNaarExcel(new FakeExcel(wm).context, utrecht).catch((e: unknown) => e);
    const wat =
      "getal 60.000.000 van u in Kosten!B10 (Jaarkosten opvang (€)) staat op een formule van Opgave; bij opnieuw " +
      "vullen komt die formule terug";
    // Before: written over without a question.
    expect((fout as VolgordeBevestiging).getypt).toEqual([wat]);
    expect(wm.momentopname()).toBe(voor);
    const { rapport } = await hervul(wm, utrecht, { volgordeToestaan: true });
    expect(rapport.verloren).toEqual([wat]);
    expect(wm.formule("Kosten", "B10")).toBe(formule);
  });
});

describe("Office.js refill: a totals row the user turned on (as the .xlsx writer)", () => {
  test("asked first, nothing written; confirmed, the table without it and the report lists it", async () => {
    const wm = await eersteVulling();
    const fx = new FakeExcel(wm);
    fx.context.workbook.tables.getItem("Opgave_Taakstelling").showTotals = true;
    await fx.context.sync();
    const voor = wm.momentopname();
    const fout: unknown = await schrijfNaarExcel(new FakeExcel(wm).context, utrecht).catch((e: unknown) => e);
    const wat =
      "totaalrij van tabel Opgave_Taakstelling (die u aanzette; Opgave schrijft de tabel zonder, zet hem daarna " +
      "weer aan)";
    // Before: turned off without a question (in Excel that clears what stood in it).
    expect((fout as VolgordeBevestiging).totaalUit).toEqual([wat]);
    expect((fout as Error).message).toContain(
      `Opgave schrijft zijn tabellen zonder totaalrij; uit gaat, met wat erin staat: ${wat}.`,
    );
    expect(wm.momentopname()).toBe(voor);
    const { rapport } = await hervul(wm, utrecht, { volgordeToestaan: true });
    expect(rapport.verloren).toEqual([wat]);
    expect((await hervul(wm, utrecht)).rapport.verloren).toEqual([]);
  });
});

describe("Office.js refill: a table left alone (it would grow over the user's cell below it)", () => {
  test("Opgave's key figures and the list of Eerste periode that read it stay as they were, named (as the .xlsx writer)", async () => {
    const wm = await eersteVulling(zonderLaatstePerioden(utrecht, 1));
    const laatste = Number(/(\d+)$/.exec(wm.tabelAdres("Opgave_Taakstelling") ?? "")?.[1]);
    wm.zet("Taakstelling", `A${laatste + 1}`, "van mij");
    const kerncijfers = ["B8", "B9", "B10", "B11"];
    const formules = kerncijfers.map((a) => wm.formule("Overzicht", a));
    expect(formules.every((f) => f?.includes("Taakstelling!"))).toBe(true);
    const lijst = wm.blad("Taakstelling").validaties.get("B4");
    expect(lijst).toBeDefined();
    const { rapport } = await hervul(wm, utrecht);
    expect(rapport.overgeslagen).toEqual(
      expect.arrayContaining([
        "cellen Overzicht!B8, B9, B10, B11 verwijzen naar tabel Opgave_Taakstelling, die niet is bijgewerkt; niet bijgewerkt",
        "keuzelijst van cel Taakstelling!B4 verwijst naar tabel Opgave_Taakstelling, die niet is bijgewerkt; niet bijgewerkt",
      ]),
    );
    expect(kerncijfers.map((a) => wm.formule("Overzicht", a))).toEqual(formules);
    expect(wm.blad("Taakstelling").validaties.get("B4")).toEqual(lijst);
  });
});

describe("Office.js refill: a formula over all of a table's rows, when new half-years come below them", () => {
  test("asked first, nothing written, with the advice to read the table's column; confirmed, filled", async () => {
    const kleiner = zonderLaatstePerioden(utrecht, 2);
    const wm = await eersteVulling(kleiner);
    const koppen = wm.waarden("Taakstelling", "A7:P7")[0] ?? [];
    const g = kolomLetters(koppen.indexOf("Gehuisvest") + 1);
    const plan = utrecht.bladen.find((b) => b.naam === "Taakstelling")?.tabellen[0];
    const sleutel = plan?.kolommen.findIndex((k) => k.sleutel === plan.sleutelKolom) ?? -1;
    const nieuw = String(plan?.rijen.at(-2)?.[sleutel]);
    wm.voegBladToe("Mijn blad");
    wm.zet("Mijn blad", "A1", { formule: `=SUM(Taakstelling!${g}8:${g}25)` });
    wm.zet("Mijn blad", "A2", { formule: "=SUM(Opgave_Taakstelling[Gehuisvest])" });
    const voor = wm.momentopname();
    const fout: unknown = await schrijfNaarExcel(new FakeExcel(wm).context, utrecht).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(VolgordeBevestiging);
    expect((fout as VolgordeBevestiging).gelezen).toEqual([
      `formule 'Mijn blad'!A1 leest alle rijen van tabel Opgave_Taakstelling (Taakstelling!${g}8:${g}25); ` +
        `na opnieuw vullen heeft de tabel 2 rijen meer, tot en met Taakstelling!${g}27, die zij niet meeneemt`,
    ]);
    expect((fout as Error).message).toMatch(
      /^Na opnieuw vullen komen rijen bij in een tabel waarvan een formule van u alle rijen leest: .*Er is nog niets gewijzigd\. Kies "Toch vullen" om het werkboek zo te vullen, of laat een formule over alle rijen van een tabel de tabel bij haar naam lezen \(Opgave_Taakstelling\[Gehuisvest\] voor een kolom, Opgave_Taakstelling voor de hele tabel\): die groeit mee met de tabel\.$/,
    );
    expect(wm.momentopname()).toEqual(voor);
    await hervul(wm, utrecht, { volgordeToestaan: true });
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A7:P27");
    expect(wm.waarde("Taakstelling", "A26")).toBe(nieuw);
  });
});

describe("Office.js refill: a row the user inserted among Opgave's cells outside the tables", () => {
  test("those cells stay as they are, said in the report (as the .xlsx writer)", async () => {
    const wm = await eersteVulling();
    expect(wm.waarde("Overzicht", "A6")).toMatch(/^Taakstelling 20\d\d-I+ \(laatst bekend\)$/);
    wm.voegRijIn(wm.blad("Overzicht"), 6, 1, 10);
    wm.zet("Overzicht", "A6", "Mijn regel");
    wm.zet("Overzicht", "B6", 42);
    const voor = cellen(wm, "Overzicht");
    const { rapport } = await hervul(wm);
    expect(rapport.overgeslagen).toEqual([
      "de cellen van Opgave op Overzicht staan vanaf rij 6 1 rij lager dan waar Opgave ze zette (rijen ingevoegd " +
        "of verwijderd?): die vanaf rij 2 zijn niet bijgewerkt, zodat uw regels blijven staan. Zet de rijen terug " +
        "(of verplaats uw regels naar onder de cellen van Opgave) en vul opnieuw",
    ]);
    expect(rapport.wijzigingen).toEqual([]);
    expect(cellen(wm, "Overzicht")).toEqual(voor);
  });
});

describe("Office.js refill: a row the user inserted among the named input cells (Kosten)", () => {
  test("their labels, values and names stay, and the user's row (as the .xlsx writer)", async () => {
    const wm = await eersteVulling();
    expect(wm.waarde("Kosten", "A4")).toBe("Opvangplaatsen");
    wm.voegRijIn(wm.blad("Kosten"), 4, 1, 30);
    wm.zet("Kosten", "A4", "Mijn regel");
    wm.zet("Kosten", "B4", 99);
    wm.zet("Kosten", "B6", 31000); // Kosten per plaats, typed by the user (now in row 6)
    const voor = cellen(wm, "Kosten");
    const { rapport } = await hervul(wm);
    expect(rapport.overgeslagen).toContain(
      "de cellen van Opgave op Kosten staan vanaf rij 4 1 rij lager dan waar Opgave ze zette (rijen ingevoegd of " +
        "verwijderd?): die vanaf rij 4 zijn niet bijgewerkt, zodat uw regels blijven staan. Zet de rijen terug (of " +
        "verplaats uw regels naar onder de cellen van Opgave) en vul opnieuw",
    );
    const na = cellen(wm, "Kosten");
    for (const adres of ["A4", "B4", "A5", "B5", "A6", "B6", "C6"]) {
      const regel = (lijst: string[]) => lijst.find((r) => r.startsWith(`["${adres}",`));
      expect(regel(na)).toBe(regel(voor));
    }
  });
});

describe("Office.js refill: a table the user sorted (as the .xlsx writer)", () => {
  /** The plain cells (not formulas: each reads its own row) of rows `van`..`tot` reversed, as Excel's sort. */
  function keerOm(wm: FakeWerkmap, blad: string, van: number, tot: number, kolommen: number): void {
    const b = wm.blad(blad);
    const rijen = [];
    for (let r = van; r <= tot; r++) {
      const rij: (FakeWaarde | undefined)[] = [];
      for (let k = 1; k <= kolommen; k++) {
        const c = b.cellen.get(`${kolomLetters(k)}${r}`);
        rij.push(c?.formule === undefined ? (c?.waarde ?? "") : undefined);
      }
      rijen.push(rij);
    }
    rijen.reverse().forEach((rij, i) =>
      rij.forEach((v, k) => {
        if (v !== undefined) wm.zet(blad, `${kolomLetters(k + 1)}${van + i}`, v);
      }),
    );
  }

  test("the province's rows keep the user's order: inputs stay with their gemeente, each formula reads its own row", async () => {
    const gelderland = planProvincie(engine, "Gelderland", "2024-I", TEST_BRON);
    const wm = await eersteVulling(gelderland);
    const koppen = wm.waarden("Provincie", "A8:O8")[0] ?? [];
    const letter = (kop: string) => kolomLetters(koppen.indexOf(kop) + 1);
    for (let r = 9; r <= 59; r++) wm.zet("Provincie", `${letter("Gehuisvest")}${r}`, r);
    keerOm(wm, "Provincie", 9, 59, koppen.length);
    const voor = [wm.waarde("Provincie", "A12"), wm.waarde("Provincie", `${letter("Gehuisvest")}12`)];
    const { rapport } = await hervul(wm, planProvincie(engine, "Gelderland", "2024-I", TEST_BRON));
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.wijzigingen.filter((w) => w.plek.includes("volgorde"))).toEqual([]);
    expect([wm.waarde("Provincie", "A12"), wm.waarde("Provincie", `${letter("Gehuisvest")}12`)]).toEqual(
      voor,
    );
    expect(voor[1]).toBe(56);
    const formule = wm.formule("Provincie", `${letter("Achterstand")}12`) ?? "";
    expect(formule.match(/\b[A-Z]+\d+\b/g)?.every((ref) => ref.endsWith("12"))).toBe(true);
  });

  test("a sorted Taakstelling: asked first, nothing written; confirmed, it goes back to the plan's order, and the report says so", async () => {
    const wm = await eersteVulling();
    keerOm(wm, "Taakstelling", 8, 27, 16);
    const voor = wm.momentopname();
    const fx = new FakeExcel(wm);
    const vraag = schrijfNaarExcel(fx.context, utrecht);
    await expect(vraag).rejects.toThrow(VolgordeBevestiging);
    await expect(vraag).rejects.toThrow(
      /De rijen van tabel Opgave_Taakstelling staan in een eigen volgorde .*Er is nog niets gewijzigd\. Kies "Toch vullen"/,
    );
    expect(fx.log.filter((r) => !LEZEN.has(r.actie))).toEqual([]);
    expect(wm.momentopname()).toBe(voor);
    const { rapport } = await hervul(wm, utrecht, { volgordeToestaan: true });
    expect(rapport.wijzigingen).toContainEqual({
      plek: "Opgave_Taakstelling: volgorde van de rijen",
      oud: "eigen volgorde",
      nieuw: "volgorde van Opgave",
    });
    expect(wm.waarde("Taakstelling", "A8")).toBe(utrecht.bladen[1]?.tabellen[0]?.rijen[0]?.[0]);
  });
});

describe("Office.js refill: a gemeente new or gone in the middle of the province table (as the .xlsx writer)", () => {
  const gelderland = planProvincie(engine, "Gelderland", "2024-I", TEST_BRON);
  const tabel = gelderland.bladen[0]?.tabellen[0];
  const codes = (tabel?.rijen ?? []).map((r) => String(r[0]));
  const derde = codes[2] ?? "";
  /** Row i of the plan table as the messages name it: "Doesburg (GM0221)". */
  const gemeente = (i: number) => {
    const naam = tabel?.kolommen.findIndex((k) => k.sleutel === "gemeente") ?? -1;
    return `${String(tabel?.rijen[i]?.[naam])} (${codes[i]})`;
  };

  /** A cell's validation in the fake with `regel` (and Excel's default messages); a list from `bron`. */
  const validatieMet = (regel: Excel.DataValidationRule) => ({
    regel,
    negeerLeeg: true,
    prompt: { showPrompt: false, title: "", message: "" },
    foutmelding: { showAlert: true, style: "Stop" as const, title: "", message: "" },
  });
  const lijst = (bron: string) => validatieMet({ list: { inCellDropDown: true, source: bron } });

  /** What a refill with the third gemeente gone asks about before writing (it must ask). */
  const gevraagd = async (
    fx: FakeExcel,
    opties?: { maxCellenPerSync: number },
  ): Promise<readonly string[]> => {
    const kleiner = zonderRij(gelderland, tabel?.naam ?? "", derde);
    const fout: unknown = await schrijfNaarExcel(fx.context, kleiner, opties).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(VolgordeBevestiging);
    return (fout as VolgordeBevestiging).gelezen;
  };

  test("a new gemeente goes to the end: every existing row and its input stay where they were", async () => {
    const wm = await eersteVulling(zonderRij(gelderland, tabel?.naam ?? "", derde));
    const koppen = wm.waarden("Provincie", "A8:O8")[0] ?? [];
    const letter = (kop: string) => kolomLetters(koppen.indexOf(kop) + 1);
    for (let r = 9; r <= 58; r++) wm.zet("Provincie", `${letter("Gehuisvest")}${r}`, r);
    const voor = [wm.waarde("Provincie", "A20"), wm.waarde("Provincie", `${letter("Gehuisvest")}20`)];
    const { rapport } = await hervul(wm, gelderland);
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.wijzigingen.filter((w) => /plaats|volgorde/.test(w.plek))).toEqual([]);
    expect(rapport.wijzigingen).toContainEqual({
      plek: `${tabel?.naam} ${derde}: nieuwe rij`,
      oud: null,
      nieuw: derde,
    });
    expect([wm.waarde("Provincie", "A20"), wm.waarde("Provincie", `${letter("Gehuisvest")}20`)]).toEqual(
      voor,
    );
    expect(voor[1]).toBe(20);
    expect(wm.waarde("Provincie", "A59")).toBe(derde);
    const formule = wm.formule("Provincie", `${letter("Achterstand")}59`) ?? "";
    expect(formule.match(/\b[A-Z]+\d+\b/g)?.every((ref) => ref.endsWith("59"))).toBe(true);
  });

  test("a gemeente gone without input: the rows below it move up, and the report names them first", async () => {
    const wm = await eersteVulling(gelderland);
    const { rapport } = await hervul(wm, zonderRij(gelderland, tabel?.naam ?? "", derde));
    expect(rapport.wijzigingen[0]).toEqual({
      plek: `${tabel?.naam}: plaats van de rijen`,
      oud: `${codes.slice(3, 6).join(", ")} en ${codes.length - 6} andere`,
      nieuw: "een andere rij van de tabel",
    });
    expect(wm.waarde("Provincie", "A11")).toBe(codes[3]);
  });

  test("a formula of the user's that would read another row: asked first, nothing written (.xlsx: VerliesFout)", async () => {
    const kleiner = zonderRij(gelderland, tabel?.naam ?? "", derde);
    const wm = await eersteVulling(gelderland);
    wm.voegBladToe("Mijn blad");
    wm.zet("Mijn blad", "A1", { formule: "=Provincie!A20" });
    wm.zet("Mijn blad", "A2", { formule: `=SUM(Provincie!F9:F${9 + codes.length})` });
    wm.zet("Mijn blad", "A3", { formule: "=Provincie!F10" });
    wm.zet("Provincie", "Q20", { formule: "=F20*2" });
    wm.voegNaamToe("MijnGemeente", { blad: "Provincie", adres: "F30" });
    wm.voegNaamToe("MijnRij", { blad: "Provincie", adres: "F35" }, "Mijn blad");
    // Excel's own names, as Name Manager shows them (without "_xlnm."): not the user's.
    wm.voegNaamToe("Print_Titles", { blad: "Provincie", adres: "A25" }, "Provincie");
    wm.blad("Mijn blad").grafieken.push({
      naam: "Mijn grafiek",
      soort: "ColumnClustered",
      titel: "Eén gemeente",
      reeksen: [{ naam: "Gehuisvest", waarden: "Provincie!F45", categorieen: "Provincie!A45" }],
    });
    // And one of the user's on Opgave's own sheet (Excel keeps it there; Opgave's own chart is not asked about).
    wm.blad("Provincie").grafieken.push({
      naam: "Grafiek 2",
      soort: "ColumnClustered",
      titel: "Nog een gemeente",
      reeksen: [{ naam: "Gehuisvest", waarden: "Provincie!F46", categorieen: "Provincie!A46" }],
    });
    wm.blad("Mijn blad").opmaak.push({
      rechthoek: { rij: 1, kolom: 2, rijen: 1, kolommen: 1 },
      soort: "Custom",
      formule: "=Provincie!$F$40>0",
    });
    // A hyperlink to a place in the workbook (C1) goes to a row that moves: named; one to a web page (C2): not.
    wm.zet("Mijn blad", "C1", "naar de gemeente");
    wm.blad("Mijn blad").hyperlinks.set("C1", {
      documentReference: "Provincie!B25",
      textToDisplay: "naar de gemeente",
    });
    wm.zet("Mijn blad", "C2", "site");
    wm.blad("Mijn blad").hyperlinks.set("C2", { address: "https://example.org/" });
    const voor = wm.momentopname();
    const fx = new FakeExcel(wm);
    const fout: unknown = await schrijfNaarExcel(fx.context, kleiner).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(VolgordeBevestiging);
    const rij = (n: number) =>
      `nu de rij van ${gemeente(n - 9)}, na opnieuw vullen de rij van ${gemeente(n - 8)}`;
    expect((fout as VolgordeBevestiging).gelezen).toEqual([
      `formule Provincie!Q20 leest Provincie!F20 in tabel ${tabel?.naam}: ${rij(20)}`,
      `formule 'Mijn blad'!A1 leest Provincie!A20 in tabel ${tabel?.naam}: ${rij(20)}`,
      `hyperlink op 'Mijn blad'!C1 gaat naar Provincie!B25 in tabel ${tabel?.naam}: ${rij(25)}`,
      `formule van naam MijnGemeente leest Provincie!F30 in tabel ${tabel?.naam}: ${rij(30)}`,
      `formule van naam 'Mijn blad'!MijnRij leest Provincie!F35 in tabel ${tabel?.naam}: ${rij(35)}`,
      `formule van een grafiek op blad Provincie leest Provincie!F46 in tabel ${tabel?.naam}: ${rij(46)}`,
      `formule van een grafiek op blad 'Mijn blad' leest Provincie!F45 in tabel ${tabel?.naam}: ${rij(45)}`,
      `formule in de opmaak van blad 'Mijn blad' leest Provincie!F40 in tabel ${tabel?.naam}: ${rij(40)}`,
    ]);
    expect((fout as Error).message).toMatch(
      /^Na opnieuw vullen staat iets anders in een rij die een formule van u leest: .*Er is nog niets gewijzigd\. Kies "Toch vullen" .*, of laat zo'n formule haar rij opzoeken op de gemeente of periode/,
    );
    // Only read: loads, the cells' links and the sources of the chart's series.
    expect(fx.log.filter((r) => !LEZEN.has(r.actie))).toEqual([]);
    expect(wm.momentopname()).toBe(voor);
    await hervul(wm, kleiner, { volgordeToestaan: true });
    expect(wm.waarde("Provincie", "A20")).toBe(codes[12]);
  });

  test("a sum over all of the table's old rows, when a gemeente goes: asked first, as reading the totals row too", async () => {
    const wm = await eersteVulling(gelderland);
    const n = codes.length;
    wm.voegBladToe("Mijn blad");
    wm.zet("Mijn blad", "A1", { formule: `=SUM(Provincie!F9:F${8 + n})` });
    const gelezen = await gevraagd(new FakeExcel(wm));
    expect(gelezen).toEqual([
      `formule 'Mijn blad'!A1 leest alle rijen van tabel ${tabel?.naam} (Provincie!F9:F${8 + n}); na opnieuw ` +
        `vullen heeft de tabel een rij minder, tot en met Provincie!F${7 + n}, en leest zij ook ` +
        `Provincie!F${8 + n}: de totaalrij`,
    ]);
    const fout: unknown = await schrijfNaarExcel(
      new FakeExcel(wm).context,
      zonderRij(gelderland, tabel?.naam ?? "", derde),
    ).catch((e: unknown) => e);
    expect((fout as Error).message).toMatch(
      /^Na opnieuw vullen gaan rijen uit een tabel waarvan een formule van u alle rijen leest: /,
    );
  });

  test("a formula reading the empty cell below the table, where the grown table's totals row comes: asked first (as the .xlsx writer)", async () => {
    const wm = await eersteVulling(zonderRij(gelderland, tabel?.naam ?? "", derde));
    // The smaller table's totals row is row 8 + codes.length; the one below it is empty.
    const onder = 9 + codes.length;
    expect([wm.waarde("Provincie", `B${onder - 1}`), wm.waarde("Provincie", `F${onder}`)]).toEqual([
      "Totaal",
      "",
    ]);
    wm.voegBladToe("Mijn blad");
    wm.zet("Mijn blad", "A1", { formule: `=Provincie!F${onder}` });
    const voor = wm.momentopname();
    const fout: unknown = await schrijfNaarExcel(new FakeExcel(wm).context, gelderland).catch(
      (e: unknown) => e,
    );
    expect(fout).toBeInstanceOf(VolgordeBevestiging);
    expect((fout as VolgordeBevestiging).gelezen).toEqual([
      `formule 'Mijn blad'!A1 leest Provincie!F${onder} in tabel ${tabel?.naam}: nu een lege rij onder de tabel, na opnieuw vullen de totaalrij`,
    ]);
    expect(wm.momentopname()).toBe(voor);
    await hervul(wm, gelderland, { volgordeToestaan: true });
    expect(wm.waarde("Provincie", `B${onder}`)).toBe("Totaal");
  });

  test("a note, comment, link or format on a row that would hold another gemeente: asked first (in Excel it stays on its cell)", async () => {
    const wm = await eersteVulling(gelderland);
    wm.blad("Provincie").hyperlinks.set("B35", { address: "https://example.org/gemeente" });
    wm.blad("Provincie").hyperlinks.set("B10", { address: "https://example.org/blijft" });
    // A conditional format of the user's on one gemeente's cell (Opgave's own, over whole columns, are not asked).
    wm.blad("Provincie").opmaak.push({
      rechthoek: { rij: 45, kolom: 6, rijen: 1, kolommen: 1 },
      soort: "Custom",
      formule: "=F45>100",
    });
    wm.blad("Provincie").notities.set("F30", "nakijken bij deze gemeente");
    wm.blad("Provincie").notities.set("F8", "kop: blijft staan");
    wm.blad("Provincie").notities.set("F10", "rij blijft bij dezelfde gemeente");
    wm.blad("Provincie").opmerkingen.set("G40", "klopt dit beginsaldo?");
    const voor = wm.momentopname();
    const fx = new FakeExcel(wm);
    const kleiner = zonderRij(gelderland, tabel?.naam ?? "", derde);
    const fout: unknown = await schrijfNaarExcel(fx.context, kleiner).catch((e: unknown) => e);
    expect((fout as VolgordeBevestiging).gelezen).toEqual([
      `hyperlink op Provincie!B35 in tabel ${tabel?.naam}: nu bij de rij van ${gemeente(26)}, na opnieuw vullen ` +
        `bij de rij van ${gemeente(27)} (een hyperlink blijft op haar cel staan)`,
      `notitie op Provincie!F30 in tabel ${tabel?.naam}: nu bij de rij van ${gemeente(21)}, na opnieuw vullen ` +
        `bij de rij van ${gemeente(22)} (een notitie blijft op haar cel staan)`,
      `opmerking op Provincie!G40 in tabel ${tabel?.naam}: nu bij de rij van ${gemeente(31)}, na opnieuw vullen ` +
        `bij de rij van ${gemeente(32)} (een opmerking blijft op haar cel staan)`,
      `voorwaardelijke opmaak van u op Provincie!F45 in tabel ${tabel?.naam}: nu bij de rij van ${gemeente(36)}, ` +
        `na opnieuw vullen bij de rij van ${gemeente(37)} (die blijft op haar cellen staan)`,
    ]);
    expect((fout as Error).message).toMatch(
      /^Na opnieuw vullen staat iets anders in een rij die een notitie, opmerking, hyperlink, opmaak of validatie van u heeft: .*Kies "Toch vullen" om het werkboek zo te vullen\. Een notitie, opmerking, hyperlink, opmaak of validatie zet u daarna zelf bij haar gemeente\.$/,
    );
    expect(wm.momentopname()).toBe(voor);
    await hervul(wm, kleiner, { volgordeToestaan: true });
    expect(wm.blad("Provincie").notities.get("F30")).toBe("nakijken bij deze gemeente");
    expect(wm.blad("Provincie").opmerkingen.get("G40")).toBe("klopt dit beginsaldo?");
    expect(wm.blad("Provincie").hyperlinks.get("B35")).toEqual({ address: "https://example.org/gemeente" });
  });

  test("a hidden row or a page break on a row that would hold another gemeente: asked first (in Excel it stays on its row number; the .xlsx writer moves it); on a row that keeps its gemeente not", async () => {
    const wm = await eersteVulling(gelderland);
    const blad = wm.blad("Provincie");
    for (const rij of [10, 30]) blad.verborgenRijen.add(rij);
    // A page starting at row 41: the break is below row 40. One below row 9 stays with its gemeente.
    blad.paginaEinden.push(41, 10);
    const voor = wm.momentopname();
    const fx = new FakeExcel(wm);
    const kleiner = zonderRij(gelderland, tabel?.naam ?? "", derde);
    const fout: unknown = await schrijfNaarExcel(fx.context, kleiner).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(VolgordeBevestiging);
    expect((fout as VolgordeBevestiging).gelezen).toEqual([
      `rij 30 op blad Provincie is verborgen, in tabel ${tabel?.naam}: nu de rij van ${gemeente(21)}, na opnieuw ` +
        `vullen de rij van ${gemeente(22)} (een verborgen rij blijft op haar plaats verborgen)`,
      `pagina-einde onder rij 40 op blad Provincie, in tabel ${tabel?.naam}: nu onder de rij van ${gemeente(31)}, ` +
        `na opnieuw vullen onder de rij van ${gemeente(32)} (een pagina-einde blijft op zijn plaats)`,
    ]);
    expect((fout as Error).message).toMatch(
      /^Na opnieuw vullen staat iets anders in een rij die verborgen is of een pagina-einde heeft: .*Kies "Toch vullen" om het werkboek zo te vullen\. Een verborgen rij of pagina-einde zet u daarna zelf bij haar gemeente\.$/,
    );
    expect(wm.momentopname()).toBe(voor);
    await hervul(wm, kleiner, { volgordeToestaan: true });
    expect([...blad.verborgenRijen].sort()).toEqual([10, 30]);
    expect(blad.paginaEinden).toEqual([41, 10]);
  });

  test("hidden rows: read in one request where none of the rows that change is hidden, row by row only where some are", async () => {
    const kleiner = zonderRij(gelderland, tabel?.naam ?? "", derde);
    /** How many times rowHidden is read by a refill of a new workbook with `verborgen` hidden, and its question. */
    const rijVragen = async (verborgen: number[]) => {
      const wm = await eersteVulling(gelderland);
      for (const rij of verborgen) wm.blad("Provincie").verborgenRijen.add(rij);
      const fx = new FakeExcel(wm);
      const fout: unknown = await schrijfNaarExcel(fx.context, kleiner).catch((e: unknown) => e);
      const gelezen = fout instanceof VolgordeBevestiging ? fout.gelezen : [];
      return {
        keer: fx.log.filter((r) => r.actie === "load" && /rowHidden/.test(JSON.stringify(r))).length,
        gelezen,
      };
    };
    expect(await rijVragen([])).toEqual({ keer: 1, gelezen: [] });
    // Rows 12 and 13 hidden, the others not: the 50 rows that change (11–58, 59 becomes the totals row, 60 empty)
    // are read one by one.
    const enkele = await rijVragen([12, 13]);
    expect(enkele.keer).toBe(1 + 50);
    expect(enkele.gelezen.map((g) => g.split(",")[0])).toEqual([
      "rij 12 op blad Provincie is verborgen",
      "rij 13 op blad Provincie is verborgen",
    ]);
  });

  test("a value or note of the user's beside a row that would hold another gemeente: asked first (as the .xlsx writer); beside a row that keeps its gemeente not", async () => {
    const wm = await eersteVulling(gelderland);
    const rechts = kolomLetters((tabel?.kolommen.length ?? 0) + 3);
    wm.zet("Provincie", `${rechts}20`, `naast ${gemeente(11)}`);
    wm.blad("Provincie").notities.set(`${rechts}21`, "bellen");
    wm.zet("Provincie", `${rechts}10`, `naast ${gemeente(1)}`);
    const voor = wm.momentopname();
    const fx = new FakeExcel(wm);
    const kleiner = zonderRij(gelderland, tabel?.naam ?? "", derde);
    const fout: unknown = await schrijfNaarExcel(fx.context, kleiner).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(VolgordeBevestiging);
    const naast = "(wat naast een tabel staat, blijft op zijn rij staan)";
    expect((fout as VolgordeBevestiging).gelezen).toEqual([
      `cel Provincie!${rechts}20 van u staat naast tabel ${tabel?.naam}: nu naast de rij van ${gemeente(11)}, ` +
        `na opnieuw vullen naast de rij van ${gemeente(12)} ${naast}`,
      `notitie op Provincie!${rechts}21 staat naast tabel ${tabel?.naam}: nu naast de rij van ${gemeente(12)}, ` +
        `na opnieuw vullen naast de rij van ${gemeente(13)} ${naast}`,
    ]);
    expect((fout as Error).message).toMatch(
      /^Na opnieuw vullen staat iets anders in een rij die iets van u naast zich heeft: .*Kies "Toch vullen" om het werkboek zo te vullen\. Wat naast een tabel staat, zet u daarna zelf naast haar gemeente\.$/,
    );
    expect(wm.momentopname()).toBe(voor);
    await hervul(wm, kleiner, { volgordeToestaan: true });
    expect(wm.waarden("Provincie", `${rechts}20`)).toEqual([[`naast ${gemeente(11)}`]]);
    expect(wm.blad("Provincie").notities.get(`${rechts}21`)).toBe("bellen");
  });

  test("a validation of the user's, or a format over several ranges, on a row that would hold another gemeente: asked first; Opgave's own validations not", async () => {
    const wm = await eersteVulling(gelderland);
    const provincie = wm.blad("Provincie");
    // Opgave's own validations: its input columns over the table's rows (also the row of the gemeente that goes).
    expect([...provincie.validaties.keys()]).toEqual(expect.arrayContaining(["F9", "F11", "G59"]));
    // The user's: next to Opgave's column G (one area with it, as the fake groups them), on another column, on a
    // row that keeps its gemeente (row 10), and one over a whole column of the table next to Opgave's column M
    // (every row: reads the same after, though the fake lists it row by row, with M).
    provincie.validaties.set("H20", lijst("ja,nee"));
    provincie.validaties.set("D50", lijst("A,B,C"));
    provincie.validaties.set("D10", lijst("A,B,C"));
    for (let rij = 1; rij <= 70; rij++) provincie.validaties.set(`N${rij}`, lijst("x"));
    // A format of the user's over two ranges: one on a row that keeps its gemeente, one on a row that moves.
    provincie.opmaak.push({
      rechthoek: { rij: 10, kolom: 6, rijen: 1, kolommen: 1 },
      overig: [{ rij: 52, kolom: 6, rijen: 1, kolommen: 2 }],
      soort: "Custom",
      formule: "=F10>100",
    });
    const voor = wm.momentopname();
    const kleiner = zonderRij(gelderland, tabel?.naam ?? "", derde);
    const fout: unknown = await schrijfNaarExcel(new FakeExcel(wm).context, kleiner).catch((e: unknown) => e);
    const bij = (rij: number) =>
      `nu bij de rij van ${gemeente(rij - 9)}, na opnieuw vullen bij de rij van ${gemeente(rij - 8)} (die blijft op haar cellen staan)`;
    expect((fout as VolgordeBevestiging).gelezen).toEqual([
      `gegevensvalidatie van u op Provincie!D50 in tabel ${tabel?.naam}: ${bij(50)}`,
      `gegevensvalidatie van u op Provincie!H20 in tabel ${tabel?.naam}: ${bij(20)}`,
      `voorwaardelijke opmaak van u op Provincie!F52:G52 in tabel ${tabel?.naam}: ${bij(52)}`,
    ]);
    expect((fout as Error).message).toMatch(
      /een notitie, opmerking, hyperlink, opmaak of validatie van u heeft/,
    );
    expect(wm.momentopname()).toBe(voor);

    // A host without ExcelApi 1.9 (below the manifest's minimum, 1.12, but guarded all the same): a format's one
    // range is still read (1.6); a format over several ranges and the validated cells cannot be: not asked about.
    provincie.opmaak.push({
      rechthoek: { rij: 45, kolom: 6, rijen: 1, kolommen: 1 },
      soort: "Custom",
      formule: "=F45>100",
    });
    const g = globalThis as { Office?: unknown };
    g.Office = { context: { requirements: { isSetSupported: (_: string, v: string) => Number(v) < 1.9 } } };
    try {
      const oud: unknown = await schrijfNaarExcel(new FakeExcel(wm).context, kleiner).catch(
        (e: unknown) => e,
      );
      expect((oud as VolgordeBevestiging).gelezen).toEqual([
        `voorwaardelijke opmaak van u op Provincie!F45 in tabel ${tabel?.naam}: ${bij(45)}`,
      ]);
    } finally {
      delete g.Office;
    }
  });

  test("a validation on the user's own sheet whose rule reads a row that would hold another gemeente: asked first", async () => {
    const wm = await eersteVulling(gelderland);
    wm.voegBladToe("Mijn blad");
    const mijn = wm.blad("Mijn blad");
    const over = (cellen: readonly string[], regel: Excel.DataValidationRule) => {
      for (const c of cellen) mijn.validaties.set(c, validatieMet(regel));
    };
    // A list from one gemeente's row (row 20 moves): asked. A list from the whole table, or of its own: not.
    over(["B3"], { list: { inCellDropDown: true, source: "=Provincie!$F$20:$H$20" } });
    over(["B5", "B6"], {
      list: { inCellDropDown: true, source: `=Provincie!$A$9:$A$${9 + codes.length}` },
    });
    over(["B8"], { list: { inCellDropDown: true, source: "ja,nee" } });
    // A custom rule set on four cells, written for the first: relative, it reads F8 (the header) on D1 to F11
    // (moves) on D4; absolute, row 10 only (keeps its gemeente) on each.
    const zetter = new FakeExcel(wm).context;
    const ws = zetter.workbook.worksheets.getItem("Mijn blad");
    ws.getRange("D1:D4").dataValidation.rule = { custom: { formula: "=Provincie!F8>0" } };
    ws.getRange("E1:E3").dataValidation.rule = { custom: { formula: "=Provincie!$F$10>0" } };
    await zetter.sync();
    // Bounds from a cell of a row that moves; next to a cell with another rule, in one area (as the fake groups
    // them: runs along a row): "Inconsistent", halved and asked again.
    over(["G1"], { list: { inCellDropDown: true, source: "a,b" } });
    over(["H1"], {
      wholeNumber: { formula1: "0", formula2: "=Provincie!$F$30", operator: "Between" },
    });
    const fx = new FakeExcel(wm);
    const rij = (n: number) =>
      `nu de rij van ${gemeente(n - 9)}, na opnieuw vullen de rij van ${gemeente(n - 8)}`;
    expect(await gevraagd(fx)).toEqual([
      `formule in de gegevensvalidatie op 'Mijn blad'!B3 leest Provincie!F20 in tabel ${tabel?.naam}: ${rij(20)}`,
      `formule in de gegevensvalidatie op 'Mijn blad'!D4 leest Provincie!F11 in tabel ${tabel?.naam}: ${rij(11)}`,
      `formule in de gegevensvalidatie op 'Mijn blad'!H1 leest Provincie!F30 in tabel ${tabel?.naam}: ${rij(30)}`,
    ]);

    // A host without ExcelApi 1.9 cannot tell which cells have a validation: not read (as on Opgave's sheets).
    const g = globalThis as { Office?: unknown };
    g.Office = { context: { requirements: { isSetSupported: (_: string, v: string) => Number(v) < 1.9 } } };
    try {
      const kleiner = zonderRij(gelderland, tabel?.naam ?? "", derde);
      const rapport = await schrijfNaarExcel(new FakeExcel(wm).context, kleiner);
      expect(wm.waarde("Provincie", "A20")).toBe(codes[12]);
      expect(rapport.wijzigingen.length).toBeGreaterThan(0);
    } finally {
      delete g.Office;
    }
  });

  test("a format with a formula over several cells of the user's sheet: read as its relative references sweep them", async () => {
    const wm = await eersteVulling(gelderland);
    wm.voegBladToe("Mijn blad");
    // Written for J1, over J1:J4: reads F8 (the header) to F11 (moves); absolute, over K1:K4: row 10 (keeps).
    wm.blad("Mijn blad").opmaak.push(
      {
        rechthoek: { rij: 1, kolom: 10, rijen: 4, kolommen: 1 },
        soort: "Custom",
        formule: "=Provincie!F8>0",
      },
      {
        rechthoek: { rij: 1, kolom: 11, rijen: 4, kolommen: 1 },
        soort: "Custom",
        formule: "=Provincie!$F$10>0",
      },
    );
    const verwacht = [
      `formule in de opmaak van blad 'Mijn blad' leest Provincie!F11 in tabel ${tabel?.naam}: ` +
        `nu de rij van ${gemeente(2)}, na opnieuw vullen de rij van ${gemeente(3)}`,
    ];
    expect(await gevraagd(new FakeExcel(wm))).toEqual(verwacht);
    // Without ExcelApi 1.9: the format's one range (1.6), the same.
    const g = globalThis as { Office?: unknown };
    g.Office = { context: { requirements: { isSetSupported: (_: string, v: string) => Number(v) < 1.9 } } };
    try {
      expect(await gevraagd(new FakeExcel(wm))).toEqual(verwacht);
    } finally {
      delete g.Office;
    }
  });

  test("a format or validation of the user's beside Opgave's cells on its sheet, reading a row that moves: asked first", async () => {
    const wm = await eersteVulling(gelderland);
    // A warning light far beside the table (T3) on one gemeente's figure; a list beside it (T4) from three names.
    wm.blad("Provincie").opmaak.push({
      rechthoek: { rij: 3, kolom: 20, rijen: 1, kolommen: 1 },
      soort: "Custom",
      formule: "=$F$20>100",
    });
    wm.blad("Provincie").validaties.set("T4", lijst("=$A$30:$A$32"));
    const rij = (n: number) =>
      `nu de rij van ${gemeente(n - 9)}, na opnieuw vullen de rij van ${gemeente(n - 8)}`;
    expect(await gevraagd(new FakeExcel(wm))).toEqual([
      `formule in de gegevensvalidatie op Provincie!T4 leest Provincie!A30 in tabel ${tabel?.naam}: ${rij(30)}`,
      `formule in de opmaak van blad Provincie leest Provincie!F20 in tabel ${tabel?.naam}: ${rij(20)}`,
    ]);
  });

  test("validations on the user's sheet with a rule in every cell: read piece by piece up to a limit, then left", async () => {
    const wm = await eersteVulling(gelderland);
    wm.voegBladToe("Mijn blad");
    const mijn = wm.blad("Mijn blad");
    // One row of cells, each with a rule of its own (one area, as the fake groups them): more pieces than are
    // read. The first cell's rule reads a row that moves: found (the first pieces first); reading stops at the limit.
    const n = MAX_VALIDATIESTUKKEN + 100;
    for (let k = 1; k <= n; k++) mijn.validaties.set(adres({ rij: 1, kolom: k }), lijst(`x${k}`));
    mijn.validaties.set("A1", lijst("=Provincie!$F$20"));
    const fx = new FakeExcel(wm);
    expect(await gevraagd(fx)).toEqual([
      `formule in de gegevensvalidatie op 'Mijn blad'!A1 leest Provincie!F20 in tabel ${tabel?.naam}: ` +
        `nu de rij van ${gemeente(11)}, na opnieuw vullen de rij van ${gemeente(12)}`,
    ]);
    const regels = fx.log.filter(
      (r) => r.actie === "load" && JSON.stringify(r.details) === '["type","rule"]',
    );
    expect(regels).toHaveLength(MAX_VALIDATIESTUKKEN);
  });

  test("a chart whose series' source Excel will not tell: the charts are left unread, the rest is still asked", async () => {
    const wm = await eersteVulling(gelderland);
    wm.voegBladToe("Mijn blad");
    wm.zet("Mijn blad", "A1", { formule: "=Provincie!A20" });
    wm.blad("Mijn blad").grafieken.push({
      naam: "Mijn grafiek",
      soort: "ColumnClustered",
      titel: "Eén gemeente",
      reeksen: [{ naam: "Gehuisvest", waarden: "Provincie!F45" }],
    });
    const fx = new FakeExcel(wm);
    fx.faalBij("series.getDimensionDataSourceString", "InvalidArgument");
    expect(await gevraagd(fx)).toEqual([
      `formule 'Mijn blad'!A1 leest Provincie!A20 in tabel ${tabel?.naam}: nu de rij van ${gemeente(11)}, ` +
        `na opnieuw vullen de rij van ${gemeente(12)}`,
    ]);
  });

  test("the user's formulas are read in pieces of at most the cells of one request", async () => {
    const wm = await eersteVulling(gelderland);
    wm.voegBladToe("Mijn blad");
    for (let r = 1; r <= 300; r++) wm.zet("Mijn blad", `C${r}`, { formule: `=Provincie!B${r}` });
    const fx = new FakeExcel(wm);
    expect(await gevraagd(fx, { maxCellenPerSync: 100 })).toHaveLength(60 - 11 + 1);
    expect(Math.max(...fx.cellenPerSync)).toBeLessThanOrEqual(100);
  });

  test("long texts beside them: a response Excel finds too large is read again in smaller pieces", async () => {
    const wm = await eersteVulling(gelderland);
    wm.voegBladToe("Mijn blad");
    for (let r = 1; r <= 400; r++) wm.zet("Mijn blad", `A${r}`, `${r} ${"toelichting ".repeat(200)}`);
    wm.zet("Mijn blad", "B400", { formule: "=Provincie!B20" });
    const fx = new FakeExcel(wm);
    fx.payloadGrens = 400_000;
    expect(await gevraagd(fx)).toEqual([
      `formule 'Mijn blad'!B400 leest Provincie!B20 in tabel ${tabel?.naam}: nu de rij van ${gemeente(11)}, ` +
        `na opnieuw vullen de rij van ${gemeente(12)}`,
    ]);
  });
});

describe("Office.js refill: formats the user set", () => {
  test("number formats and fills on input cells, table cells, key figures and their own cells are kept", async () => {
    const wm = await eersteVulling();
    const vul = (blad: string, cel: string): void => {
      const c = wm.cel(blad, cel) ?? {};
      c.vulling = "FFFF00";
      wm.blad(blad).cellen.set(cel, c);
    };
    wm.zet("Taakstelling", "B5", null, "0.0"); // Opgave_Beginsaldo, left empty
    vul("Taakstelling", "B5");
    wm.zet("Kosten", "B5", 12500, "€ #,##0.00"); // Opgave_KostenPerPlaats, typed
    vul("Kosten", "B5");
    wm.zet("Taakstelling", "G9", 300, "0.0"); // Gehuisvest 2017-I
    vul("Taakstelling", "G9");
    wm.zet("Taakstelling", "I9", { formule: wm.formule("Taakstelling", "I9") ?? "" }, "0.00"); // Achterstand
    wm.zet("Taakstelling", "I10", { formule: wm.formule("Taakstelling", "I10") ?? "" }, "@"); // would break it
    wm.zet("Taakstelling", "D8", 455, '#,##0" pers."'); // Taakstelling, an Opgave value
    wm.zet("Overzicht", "B8", { formule: wm.formule("Overzicht", "B8") ?? "" }, "0.0");
    vul("Overzicht", "B8");
    wm.zet("Taakstelling", "M3", "van mij", "@");
    vul("Taakstelling", "M3");

    const { rapport } = await hervul(wm);

    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.wijzigingen).toEqual([]);
    expect(rapport.invoerBehouden).toBe(2); // Kosten!B5 and Taakstelling!G9
    expect(wm.cel("Taakstelling", "B5")).toEqual({ notatie: "0.0", vulling: "FFFF00" });
    expect(wm.cel("Kosten", "B5")).toEqual({ waarde: 12500, notatie: "€ #,##0.00", vulling: "FFFF00" });
    // (Wrapped and aligned to the top as the first fill left the table body: Opgave's print layout.)
    expect(wm.cel("Taakstelling", "G9")).toEqual({
      waarde: 300,
      notatie: "0.0",
      vulling: "FFFF00",
      terugloop: true,
      uitlijning: "Top",
    });
    expect(wm.notatie("Taakstelling", "I9")).toBe("0.00");
    expect(wm.notatie("Taakstelling", "D8")).toBe('#,##0" pers."');
    expect(wm.cel("Overzicht", "B8")).toMatchObject({ notatie: "0.0", vulling: "FFFF00" });
    expect(wm.cel("Taakstelling", "M3")).toEqual({ waarde: "van mij", notatie: "@", vulling: "FFFF00" });
    // A formula cell the user set to text gets Opgave's format back: in a text cell the formula would stay text.
    expect(wm.notatie("Taakstelling", "I10")).toBe("#,##0");
    // Cells the user did not format keep Opgave's formats.
    expect(wm.notatie("Taakstelling", "G10")).toBe("#,##0");
    expect(wm.notatie("Taakstelling", "A9")).toBe("@");
  });

  test("a new row gets Opgave's formats; a refill without user changes changes nothing", async () => {
    const wm = await eersteVulling(zonderLaatstePerioden(utrecht, 1));
    await hervul(wm, zonderLaatstePerioden(utrecht, 1));
    const voor = wm.momentopname();
    await hervul(wm, zonderLaatstePerioden(utrecht, 1));
    expect(wm.momentopname()).toBe(voor);
    await hervul(wm);
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A7:P27");
    expect(wm.formules("Taakstelling", "A27:A27")).toEqual([["2026-I"]]);
    expect(["A27", "D27", "G27", "I27"].map((c) => wm.notatie("Taakstelling", c))).toEqual([
      "@",
      "#,##0",
      "#,##0",
      "#,##0",
    ]);
  });
});

describe("whose workbook it is: decided before anything is written", () => {
  const amersfoort = planGemeente(engine, "Amersfoort", TEST_BRON);

  test("Opgave's workbook of another gemeente is not filled: its inputs (by period) would become Amersfoort's", async () => {
    const wm = await eersteVulling();
    wm.zet("Taakstelling", "G20", 123);
    const voor = wm.momentopname();
    const fx = new FakeExcel(wm);
    await expect(schrijfNaarExcel(fx.context, amersfoort)).rejects.toThrow(
      "Dit werkboek is het Opgave-werkboek van gemeente Utrecht (GM0344), niet dat van gemeente Amersfoort " +
        "(GM0307): de invoer daarin hoort daar niet bij. Vul in een nieuw, leeg werkboek of kies gemeente " +
        "Utrecht (GM0344) in het paneel; er is niets gewijzigd.",
    );
    expect(wm.momentopname()).toBe(voor);
    expect(fx.log.filter((r) => !LEZEN.has(r.actie))).toEqual([]);
    // A province workbook into it: a subject of another kind, so no gemeente to choose instead.
    await expect(
      schrijfNaarExcel(new FakeExcel(wm).context, planProvincie(engine, "Utrecht", "2024-I", TEST_BRON)),
    ).rejects.toThrow(
      /^Dit werkboek is het Opgave-werkboek van gemeente Utrecht \(GM0344\), niet dat van provincie Utrecht voor 2024-I: de invoer daarin hoort daar niet bij\. Vul in een nieuw, leeg werkboek; er is niets gewijzigd\.$/,
    );
    expect(wm.momentopname()).toBe(voor);
    // The same gemeente again is a refill as always.
    await hervul(wm);
    expect(wm.cel("Taakstelling", "G20")?.waarde).toBe(123);
  });

  test("a sheet of Opgave's the user renamed is not filled: a new one beside it would leave theirs stale", async () => {
    const wm = await eersteVulling();
    // As Excel renames a sheet (its tables go with it; the fake does not rename formulas, which nothing reads here).
    wm.blad("Taakstelling").naam = "Mijn taakstelling";
    const voor = wm.momentopname();
    const fx = new FakeExcel(wm);
    await expect(schrijfNaarExcel(fx.context, utrecht)).rejects.toThrow(
      'Dit werkboek heeft een blad van Opgave onder een andere naam: "Taakstelling" heet nu "Mijn taakstelling" ' +
        "(met tabel Opgave_Taakstelling). Opnieuw vullen zou een nieuw blad onder de oude naam maken, terwijl uw " +
        "formules en de namen van Opgave naar het hernoemde blad wijzen. Geef het blad zijn oude naam terug en " +
        "probeer het dan opnieuw. Er is niets gewijzigd.",
    );
    expect(wm.momentopname()).toBe(voor);
    expect(fx.log.filter((r) => !LEZEN.has(r.actie))).toEqual([]);
  });

  test("a workbook of the user's with a sheet named as one of Opgave's (in other capitals) is not filled", async () => {
    const wm = new FakeWerkmap(["Begroting", "taakstelling"]);
    wm.zet("taakstelling", "A1", "mijn eigen blad met deze naam");
    const voor = wm.momentopname();
    const fx = new FakeExcel(wm);
    await expect(schrijfNaarExcel(fx.context, utrecht)).rejects.toThrow(
      'Dit werkboek is niet door Opgave gevuld en heeft al een blad "taakstelling" van u, dat Opgave zou ' +
        "overschrijven: geef dat blad een andere naam. Vul in een nieuw, leeg werkboek; er is niets gewijzigd.",
    );
    expect(wm.momentopname()).toBe(voor);
    // Without such a sheet Opgave's sheets are added beside the user's.
    const eigen = new FakeWerkmap(["Begroting"]);
    eigen.zet("Begroting", "A1", "post");
    await schrijfNaarExcel(new FakeExcel(eigen).context, utrecht);
    expect(eigen.cel("Begroting", "A1")?.waarde).toBe("post");
    expect(eigen.zoekBlad("Taakstelling")).toBeDefined();
  });
});

describe("Office.js refill: row heights of Opgave's wrapped rows (as the .xlsx writer)", () => {
  const tabel = (p: WerkboekPlan) => p.bladen.find((b) => b.naam === "Taakstelling")?.tabellen[0];
  /** The first text column of the Taakstelling body other than its key (it wraps). */
  const tekstKolom = (tabel(utrecht)?.rijen[4] ?? []).findIndex((c, j) => j > 0 && typeof c === "string");
  const gepast = (fx: FakeExcel) => fx.acties("autofitRows").map((r) => r.doel);

  test("a first fill fits every wrapped row; a refill with the same texts fits none (a height the user set stays)", async () => {
    const wm = new FakeWerkmap();
    const eerst = new FakeExcel(wm);
    await schrijfNaarExcel(eerst.context, utrecht);
    expect(gepast(eerst)).toContain("Taakstelling!A7:P7");
    expect(gepast(eerst).length).toBeGreaterThan(3);
    const { fx } = await hervul(
      wm,
      planGemeente(engine, "Utrecht", { ...TEST_BRON, gemaakt: "2027-01-05T09:30:00Z" }),
    );
    expect(gepast(fx)).toEqual([]);
    // Wrapping is set again all the same (a row the user unwrapped wraps again: Opgave's format).
    expect(fx.acties("wrapText").length).toBeGreaterThan(0);
  });

  test("a refill where one row's wrapping text changes fits that row only", async () => {
    expect(tekstKolom).toBeGreaterThan(0);
    const wm = await eersteVulling();
    const anders = structuredClone(utrecht);
    const rij = tabel(anders)?.rijen[4] as Cel[] | undefined;
    if (!rij) throw new Error("Taakstelling heeft geen vijfde rij");
    rij[tekstKolom] =
      `${String(rij[tekstKolom])} (bijgewerkt door een nieuwere bron, met een langere toelichting)`;
    const { fx } = await hervul(wm, anders);
    const start = tabel(utrecht)?.start;
    expect(gepast(fx)).toHaveLength(1);
    expect(gepast(fx)[0]).toMatch(
      new RegExp(`^Taakstelling!A${(start?.rij ?? 0) + 5}:[A-Z]+${(start?.rij ?? 0) + 5}$`),
    );
  });
});

describe("Office.js refill: a formula in a row that stays (as the .xlsx writer)", () => {
  test("follows a row it reads that moves, as in Excel", async () => {
    const zonder = zonderRij(utrecht, "Opgave_Taakstelling", "2018-II");
    const wm = await eersteVulling(zonder);
    const rijen = TAAKSTELLING_RIJEN - 1;
    const formules = [...Array(rijen).keys()].map((i) => [i < rijen - 1 ? `=N(G${9 + i})-G${8 + i}` : ""]);
    await voegKolomIn(wm, "Opgave_Taakstelling", null, [["Volgende"], ...formules]);
    expect(wm.waarde("Taakstelling", "A11")).toBe("2018-I");
    await hervul(wm, utrecht, { volgordeToestaan: true });
    // 2018-II came back in row 12, 2019-I went to row 13: before, 2018-I went on reading row 12 (now 2018-II).
    expect([wm.waarde("Taakstelling", "A11"), wm.formule("Taakstelling", "Q11")]).toEqual([
      "2018-I",
      "=N(G13)-G11",
    ]);
    expect([wm.waarde("Taakstelling", "A10"), wm.formule("Taakstelling", "Q10")]).toEqual([
      "2017-II",
      "=N(G11)-G10",
    ]);
  });
});

describe("Office.js refill: a formula of the user's in a table that reads a row that goes (as the .xlsx writer)", () => {
  test("alone: asked first, nothing written; over a range: the range shrinks, as in Excel", async () => {
    const wm = await eersteVulling(utrecht);
    await voegKolomIn(wm, "Opgave_Taakstelling", null, [
      ["Eigen"],
      ...[...Array(TAAKSTELLING_RIJEN).keys()].map(() => [""]),
    ]);
    expect(wm.waarde("Taakstelling", "A12")).toBe("2018-II");
    wm.zet("Taakstelling", "Q10", { formule: "=SUM(G10:G12)" });
    wm.zet("Taakstelling", "Q11", { formule: "=N(G12)-G11" });
    const kleiner = zonderRij(utrecht, "Opgave_Taakstelling", "2018-II");
    const voor = wm.momentopname();
    const vraag = await hervul(wm, kleiner).catch((e: unknown) => e);
    expect((vraag as VolgordeBevestiging).gelezen).toEqual([
      "formule Taakstelling!Q11 leest Taakstelling!G12 in tabel Opgave_Taakstelling: de rij van 2018-II, die bij opnieuw vullen vervalt",
    ]);
    expect(wm.momentopname()).toBe(voor);
    await hervul(wm, kleiner, { volgordeToestaan: true });
    // Before: SUM(G10:G12) went on to read 2019-I, now in row 12, without a word.
    expect([wm.formule("Taakstelling", "Q10"), wm.formule("Taakstelling", "Q11")]).toEqual([
      "=SUM(G10:G11)",
      "=N(G12)-G11",
    ]);
  });
});

describe("Office.js refill: the user's cells on the totals row below a table (as the .xlsx writer)", () => {
  test("go with the totals row when a gemeente comes back; a total of theirs over all rows is asked first", async () => {
    const p = planProvincie(engine, "Utrecht", "2025-II", TEST_BRON);
    const zonder = zonderRij(p, "Opgave_Provincie", "GM0307");
    const n = zonder.bladen[0]?.tabellen[0]?.rijen.length ?? 0;
    const wm = await eersteVulling(zonder);
    const [laatste, totaal] = [8 + n, 9 + n];
    await voegKolomIn(wm, "Opgave_Provincie", null, [
      ["Dubbel"],
      ...[...Array(n).keys()].map((i) => [`=F${9 + i}*2`]),
    ]);
    await voegKolomIn(wm, "Opgave_Provincie", null, [["Notitie"], ...[...Array(n).keys()].map(() => [""])]);
    expect(wm.waarde("Provincie", `B${totaal}`)).toBe("Totaal");
    wm.zet("Provincie", `P${totaal}`, { formule: `=SUM(P9:P${laatste})`, waarde: 0 });
    wm.zet("Provincie", `Q${totaal}`, "mijn totaal");
    const voor = wm.momentopname();
    // The sum would leave the row of GM0307 out: asked first, nothing written.
    const vraag = await hervul(wm, p).catch((e: unknown) => e);
    expect(vraag).toBeInstanceOf(VolgordeBevestiging);
    expect((vraag as VolgordeBevestiging).gelezen).toEqual([
      `formule Provincie!P${totaal} leest alle rijen van tabel Opgave_Provincie (Provincie!P9:P${laatste}); na opnieuw vullen heeft de tabel een rij meer, tot en met Provincie!P${totaal}, die zij niet meeneemt`,
    ]);
    expect(wm.momentopname()).toBe(voor);
    // Confirmed: both on the totals row, one row down. Before: the new gemeente's row was written over them.
    await hervul(wm, p, { volgordeToestaan: true });
    expect(wm.waarde("Provincie", `B${totaal + 1}`)).toBe("Totaal");
    expect([wm.formule("Provincie", `P${totaal + 1}`), wm.waarde("Provincie", `Q${totaal + 1}`)]).toEqual([
      `=SUM(P9:P${laatste})`,
      "mijn totaal",
    ]);
    expect(wm.waarde("Provincie", `A${totaal}`)).toBe("GM0307");
    expect([wm.formule("Provincie", `P${totaal}`), wm.waarde("Provincie", `Q${totaal}`)]).toEqual([
      `=F${totaal}*2`,
      "",
    ]);
  });
});

describe("Office.js: a consolidation overview re-run that could not update its table (as opgave consolideer)", () => {
  test("nothing written, said why; without `alles` (a gemeente workbook) the rest is written and the table named", async () => {
    const overzicht = planConsolidatie(consolideer(engine, [], { provincie: "Utrecht" }), TEST_BRON);
    const wm = new FakeWerkmap(["Blad1"]);
    await schrijfNaarExcel(new FakeExcel(wm).context, overzicht);
    const blad = overzicht.bladen[0]?.naam ?? "";
    const tabel = overzicht.bladen[0]?.tabellen[0];
    const j = tabel?.kolommen.findIndex((k) => k.kop === "Notities") ?? -1;
    expect(j).toBeGreaterThan(0);
    const kop = adres({ rij: tabel?.start.rij ?? 0, kolom: (tabel?.start.kolom ?? 0) + j });
    wm.zet(blad, kop, "Opmerkingen");
    const voor = wm.momentopname();
    const fout: unknown = await schrijfNaarExcel(new FakeExcel(wm).context, overzicht, { alles: true }).catch(
      (e: unknown) => e,
    );
    expect(fout).toBeInstanceOf(OpgaveFout);
    expect((fout as Error).message).toMatch(
      /^Het overzicht zou deels oud blijven, want Opgave kan niet alles bijwerken: tabel Opgave_Consolidatie .*Zet terug wat u aan de tabellen of cellen van Opgave veranderde, of vul een nieuw, leeg werkboek; er is niets gewijzigd\.$/,
    );
    expect(wm.momentopname()).toBe(voor);
    const { rapport } = await hervul(wm, overzicht);
    expect(rapport.overgeslagen.some((o) => o.startsWith("tabel Opgave_Consolidatie "))).toBe(true);
  });

  test("a finding that no longer occurs: its row stays for its Afgehandeld, marked vervallen (as opgave consolideer)", async () => {
    const c = consolideer(engine, [], { provincie: "Utrecht" });
    const weg = c.controles[0];
    expect(weg).toBeDefined();
    const wm = new FakeWerkmap(["Blad1"]);
    await schrijfNaarExcel(new FakeExcel(wm).context, planConsolidatie(c, TEST_BRON));
    const plan = planConsolidatie(c, TEST_BRON).bladen.flatMap((b) => b.tabellen.map((t) => ({ b, t })));
    const { b, t } = plan.find((x) => x.t.sleutelKolom === "id") ?? plan[0]!;
    const kolom = (kop: string) => t.start.kolom + t.kolommen.findIndex((k) => k.kop === kop);
    const rij = t.start.rij + 1 + c.controles.indexOf(weg!);
    wm.zet(b.naam, adres({ rij, kolom: kolom("Afgehandeld") }), "nagevraagd");
    const zonder = { ...c, controles: c.controles.filter((x) => x !== weg) };
    const { rapport } = await hervul(wm, planConsolidatie(zonder, TEST_BRON));
    // Named as the row shows it, not by its hidden Id.
    expect(weg?.id).toMatch(/\|/);
    expect(rapport.verweesd).toEqual([
      {
        tabel: t.naam,
        sleutel: [consolidatieBerichten.soortLabel[weg!.soort], weg?.gemeente?.naam, weg?.bestand, weg?.plek]
          .filter(Boolean)
          .join(", "),
      },
    ]);
    const laatste = t.start.rij + zonder.controles.length + 1;
    const waarde = (kop: string) => wm.waarde(b.naam, adres({ rij: laatste, kolom: kolom(kop) }));
    expect([waarde("Ernst"), waarde("Afgehandeld"), waarde("Id")]).toEqual([
      "vervallen",
      "nagevraagd",
      weg?.id,
    ]);
  });
});
