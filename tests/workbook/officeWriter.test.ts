import type { BladPlan, Cel, Kolom, TabelPlan, WerkboekPlan } from "../../src/workbook/plan";
import {
  breedteInPunten,
  celMatrix,
  grafiekNaam,
  leesAdres,
  schrijfNaarExcel,
  zetCellen,
} from "../../src/workbook/officeWriter";
import { FakeExcel, FakeWerkmap } from "../helpers/fakeExcel";

// ---------------------------------------------------------------- synthetic plans (no plan builder involved)

const HYPERLINK = '=HYPERLINK("https://www.rijksoverheid.nl/taakstelling","bron")';

const PERIODEN = Array.from({ length: 20 }, (_, i) => `${2020 + Math.floor(i / 2)}-${(i % 2) + 1}`);

const TAAKSTELLING_KOLOMMEN: Kolom[] = [
  { sleutel: "periode", kop: "Periode", soort: "gegeven", notatie: "@", breedte: 10 },
  { sleutel: "taakstelling", kop: "Taakstelling", soort: "gegeven", notatie: "#,##0", breedte: 14 },
  { sleutel: "gehuisvest", kop: "Gehuisvest", soort: "invoer", notatie: "#,##0", breedte: 14 },
  { sleutel: "saldo", kop: "Saldo", soort: "formule", notatie: "#,##0" },
];

function taakstellingTabel(perioden: readonly string[], taak: (p: string, i: number) => number): TabelPlan {
  return {
    naam: "Opgave_Taakstelling",
    start: { rij: 3, kolom: 1 },
    kolommen: TAAKSTELLING_KOLOMMEN,
    sleutelKolom: "periode",
    rijen: perioden.map((p, i) => [p, taak(p, i), null, { formule: "=[@Taakstelling]-[@Gehuisvest]" }]),
    totaal: [
      "Totaal",
      { formule: "=SUBTOTAL(109,Opgave_Taakstelling[Taakstelling])" },
      { formule: "=SUBTOTAL(109,Opgave_Taakstelling[Gehuisvest])" },
      { formule: "=SUBTOTAL(109,Opgave_Taakstelling[Saldo])" },
    ],
  };
}

function gemeentePlan(tabel: TabelPlan = taakstellingTabel(PERIODEN, (_, i) => 100 + i)): WerkboekPlan {
  const overzicht: BladPlan = {
    naam: "Overzicht",
    blokken: [
      { start: { rij: 1, kolom: 1 }, cellen: [["Opgave Utrecht"]], kop: true },
      {
        start: { rij: 3, kolom: 1 },
        cellen: [
          ["Gemeente", "Utrecht"],
          ["Code", "GM0344"],
          ["Taakstelling", { formule: "=SUM(Opgave_Taakstelling[Taakstelling])" }],
          ["Bron", HYPERLINK],
          ["Periode", "2024-1"],
          ["Opmerking", "-5 is een tekst"],
          ["Leeg", null],
        ],
        notaties: [undefined, "#,##0"],
      },
    ],
    invoercellen: [],
    tabellen: [],
    grafieken: [],
    breedtes: { 1: 24, 2: 16 },
  };
  const taakstelling: BladPlan = {
    naam: "Taakstelling",
    blokken: [{ start: { rij: 1, kolom: 1 }, cellen: [["Taakstelling per periode"]], kop: true }],
    invoercellen: [],
    tabellen: [tabel],
    grafieken: [
      {
        titel: "Taakstelling en gehuisvest",
        soort: "kolom",
        tabel: "Opgave_Taakstelling",
        categorieKolom: "periode",
        reeksKolommen: ["taakstelling", "gehuisvest"],
        positie: { rij: 3, kolom: 7 },
      },
    ],
  };
  const kosten: BladPlan = {
    naam: "Kosten",
    blokken: [{ start: { rij: 1, kolom: 1 }, cellen: [["Kosten"]], kop: true }],
    invoercellen: [
      {
        naam: "Opgave_KostenPerPlaats",
        positie: { rij: 3, kolom: 3 },
        standaard: 12000,
        notatie: "€ #,##0",
        label: "Kosten per plaats",
      },
      {
        naam: "Opgave_Opslag",
        positie: { rij: 4, kolom: 3 },
        standaard: 0.1,
        notatie: "0%",
        label: "Opslag",
      },
    ],
    tabellen: [],
    grafieken: [],
  };
  return {
    formaat: "opgave-werkboek",
    formaatVersie: 1,
    onderwerp: { soort: "gemeente", code: "GM0344", naam: "Utrecht" },
    bladen: [overzicht, taakstelling, kosten],
  };
}

function provinciePlan(aantal: number): WerkboekPlan {
  const rijen: Cel[][] = Array.from({ length: aantal }, (_, i) => {
    const rij = 4 + i;
    return [
      `GM${String(i + 1).padStart(4, "0")}`,
      `Gemeente ${i + 1}`,
      10 * (i + 1),
      null,
      { formule: `=C${rij}-D${rij}` },
    ];
  });
  const tabel: TabelPlan = {
    naam: "Opgave_Gemeenten",
    start: { rij: 3, kolom: 1 },
    kolommen: [
      { sleutel: "code", kop: "Code", soort: "gegeven" },
      { sleutel: "naam", kop: "Gemeente", soort: "gegeven", breedte: 24 },
      { sleutel: "taakstelling", kop: "Taakstelling", soort: "gegeven", notatie: "#,##0" },
      { sleutel: "gehuisvest", kop: "Gehuisvest", soort: "invoer", notatie: "#,##0" },
      { sleutel: "saldo", kop: "Saldo", soort: "formule", notatie: "#,##0" },
    ],
    sleutelKolom: "code",
    rijen,
    totaal: ["Totaal", null, { formule: "=SUBTOTAL(109,Opgave_Gemeenten[Taakstelling])" }],
  };
  return {
    formaat: "opgave-werkboek",
    formaatVersie: 1,
    onderwerp: { soort: "provincie", code: "PV26", naam: "Utrecht" },
    bladen: [
      {
        naam: "Provincie",
        blokken: [{ start: { rij: 1, kolom: 1 }, cellen: [["Provincie Utrecht"]], kop: true }],
        invoercellen: [],
        tabellen: [tabel],
        grafieken: [
          {
            titel: "Taakstelling per gemeente",
            soort: "lijn",
            tabel: "Opgave_Gemeenten",
            categorieKolom: "naam",
            reeksKolommen: ["taakstelling"],
            positie: { rij: 3, kolom: 9 },
          },
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------- first fill

describe("schrijfNaarExcel — eerste vulling (gemeente)", () => {
  let fx: FakeExcel;
  let wm: FakeWerkmap;

  beforeAll(async () => {
    wm = new FakeWerkmap(["Blad1"]);
    wm.zet("Blad1", "A1", "van de gebruiker");
    fx = new FakeExcel(wm);
    const rapport = await schrijfNaarExcel(fx.context, gemeentePlan());
    expect(rapport).toEqual({
      nieuweBladen: ["Overzicht", "Taakstelling", "Kosten"],
      wijzigingen: [],
      invoerBehouden: 0,
      tekstInGetal: [],
      buitenRegel: [],
      verweesd: [],
      overgeslagen: [],
      verloren: [],
    });
  });

  test("two round trips: read names, write everything (nothing to read on a first fill)", () => {
    expect(fx.syncs).toBe(2);
    expect(fx.log.filter((r) => r.sync === 2 && r.actie === "load")).toEqual([]);
  });

  test("sheets are added, other sheets are left alone", () => {
    expect(wm.bladen.map((b) => b.naam)).toEqual(["Blad1", "Overzicht", "Taakstelling", "Kosten"]);
    expect(wm.waarde("Blad1", "A1")).toBe("van de gebruiker");
    expect(wm.blad("Blad1").cellen.size).toBe(1);
  });

  test("the table: name, range, header, body values and formulas, totals row, formats", () => {
    expect(wm.tabellen.map((t) => t.naam)).toEqual(["Opgave_Taakstelling"]);
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A3:D23");
    expect(wm.formules("Taakstelling", "A3:D3")).toEqual([
      ["Periode", "Taakstelling", "Gehuisvest", "Saldo"],
    ]);
    expect(wm.formules("Taakstelling", "A4:D5")).toEqual([
      ["2020-1", 100, "", "=[@Taakstelling]-[@Gehuisvest]"],
      ["2020-2", 101, "", "=[@Taakstelling]-[@Gehuisvest]"],
    ]);
    expect(wm.formules("Taakstelling", "A23:D23")).toEqual([
      ["2029-2", 119, "", "=[@Taakstelling]-[@Gehuisvest]"],
    ]);
    expect(wm.formules("Taakstelling", "A24:D24")).toEqual([
      [
        "Totaal",
        "=SUBTOTAL(109,Opgave_Taakstelling[Taakstelling])",
        "=SUBTOTAL(109,Opgave_Taakstelling[Gehuisvest])",
        "=SUBTOTAL(109,Opgave_Taakstelling[Saldo])",
      ],
    ]);
    // "2020-1" stays text (it would otherwise be a formula: 2020 minus 1).
    expect(wm.cel("Taakstelling", "A4")).toMatchObject({ waarde: "2020-1", notatie: "@" });
    expect(wm.formule("Taakstelling", "A4")).toBeUndefined();
    expect(wm.notatie("Taakstelling", "B4")).toBe("#,##0");
    expect(wm.notatie("Taakstelling", "C4")).toBe("#,##0");
    expect(wm.notatie("Taakstelling", "D4")).toBe("#,##0");
    // One write per rectangle, not per row.
    expect(fx.acties("formulas").map((r) => r.doel)).toContain("Taakstelling!A4:D23");
  });

  test("blocks: a '=HYPERLINK(...)' string is text (number format '@' set before the value), formulas are formulas", () => {
    expect(wm.cel("Overzicht", "B6")).toEqual({ waarde: HYPERLINK, notatie: "@" });
    expect(wm.formule("Overzicht", "B5")).toBe("=SUM(Opgave_Taakstelling[Taakstelling])");
    expect(wm.notatie("Overzicht", "B5")).toBe("#,##0");
    expect(wm.cel("Overzicht", "B7")).toEqual({ waarde: "2024-1", notatie: "@" });
    expect(wm.cel("Overzicht", "B8")).toEqual({ waarde: "-5 is een tekst", notatie: "@" });
    expect(wm.waarde("Overzicht", "B9")).toBe("");
    const blok = fx.log.filter((r) => r.doel === "Overzicht!A3:B9").map((r) => r.actie);
    expect(blok).toEqual(["numberFormat", "formulas"]);
    const formats = fx.acties("numberFormat").find((r) => r.doel === "Overzicht!A3:B9")?.details;
    expect(formats).toEqual([
      ["@", "@"],
      ["@", "@"],
      ["@", "#,##0"],
      ["@", "@"],
      ["@", "@"],
      ["@", "@"],
      ["@", "#,##0"],
    ]);
    expect(wm.cel("Overzicht", "A1")).toMatchObject({ waarde: "Opgave Utrecht", vet: true });
  });

  test("named input cells: defined names, default values with their format, labels", () => {
    expect(wm.namen.map((n) => [n.naam, n.blad?.naam, n.rij, n.kolom])).toEqual([
      ["Opgave_KostenPerPlaats", "Kosten", 3, 3],
      ["Opgave_Opslag", "Kosten", 4, 3],
    ]);
    expect(wm.cel("Kosten", "C3")).toEqual({ waarde: 12000, notatie: "€ #,##0" });
    expect(wm.cel("Kosten", "C4")).toEqual({ waarde: 0.1, notatie: "0%" });
    expect(wm.cel("Kosten", "B3")).toEqual({ waarde: "Kosten per plaats", notatie: "@" });
  });

  test("chart: stable name, type, title, position, category and series columns of the table", () => {
    const [g, ...meer] = wm.blad("Taakstelling").grafieken;
    expect(meer).toEqual([]);
    expect(g).toEqual({
      naam: "Opgave_Taakstelling_Grafiek1",
      soort: "ColumnClustered",
      titel: "Taakstelling en gehuisvest",
      positie: "G3",
      reeksen: [
        { naam: "Taakstelling", waarden: "Taakstelling!B4:B23", categorieen: "Taakstelling!A4:A23" },
        { naam: "Gehuisvest", waarden: "Taakstelling!C4:C23", categorieen: "Taakstelling!A4:A23" },
      ],
    });
  });

  test("column widths in points from characters", () => {
    expect(wm.blad("Overzicht").kolomBreedtes.get(1)).toBe(breedteInPunten(24));
    expect(wm.blad("Taakstelling").kolomBreedtes.get(2)).toBe(breedteInPunten(14));
    expect(breedteInPunten(8.43)).toBeCloseTo(48, 0);
  });
});

// ---------------------------------------------------------------- sync count: 1 vs 50 gemeenten, chunking

describe("schrijfNaarExcel — aantal syncs", () => {
  async function vul(aantal: number, opties?: { maxCellenPerSync?: number }, wm = new FakeWerkmap()) {
    const fx = new FakeExcel(wm);
    const rapport = await schrijfNaarExcel(fx.context, provinciePlan(aantal), opties);
    return { fx, wm, rapport };
  }

  test("the same number of syncs for 1 and 50 gemeenten, first fill and refill", async () => {
    const een = await vul(1);
    const vijftig = await vul(50);
    expect(een.fx.syncs).toBe(2);
    expect(vijftig.fx.syncs).toBe(een.fx.syncs);
    expect(een.wm.tabelAdres("Opgave_Gemeenten")).toBe("Provincie!A3:E4");
    expect(vijftig.wm.tabelAdres("Opgave_Gemeenten")).toBe("Provincie!A3:E53");
    expect(vijftig.wm.formules("Provincie", "A53:E54")).toEqual([
      ["GM0050", "Gemeente 50", 500, "", "=C53-D53"],
      ["Totaal", "", "=SUBTOTAL(109,Opgave_Gemeenten[Taakstelling])", "", ""],
    ]);
    // All cells of the 50-row table in the last batch.
    expect(vijftig.fx.cellenPerSync.at(-1)).toBeGreaterThanOrEqual(51 * 5);

    const hervulEen = await vul(1, undefined, een.wm);
    const hervulVijftig = await vul(50, undefined, vijftig.wm);
    expect(hervulEen.fx.syncs).toBe(3);
    expect(hervulVijftig.fx.syncs).toBe(3);
  });

  test("beyond maxCellenPerSync the body is written in row chunks; every batch stays under the cap", async () => {
    const gewoon = await vul(50);
    const gedeeld = await vul(50, { maxCellenPerSync: 60 });
    expect(gedeeld.fx.syncs).toBeGreaterThan(gewoon.fx.syncs);
    for (const n of gedeeld.fx.cellenPerSync) expect(n).toBeLessThanOrEqual(60);
    const stukken = gedeeld.fx
      .acties("formulas")
      .filter((r) => r.doel.startsWith("Provincie!A") && r.doel !== "Provincie!A3:E3");
    expect(stukken.map((r) => r.doel)).toContain("Provincie!A4:E15"); // 12 rows × 5 columns = 60 cells
    expect(gedeeld.wm.momentopname()).toBe(gewoon.wm.momentopname());
    // Sync count grows with size beyond the cap, not per gemeente below it.
    const groter = await vul(100, { maxCellenPerSync: 60 });
    expect(groter.fx.syncs).toBeGreaterThan(gedeeld.fx.syncs);
  });

  test("progress is reported from 0 to 1", async () => {
    const stappen: number[] = [];
    await schrijfNaarExcel(new FakeExcel().context, provinciePlan(50), {
      maxCellenPerSync: 100,
      voortgang: (f) => stappen.push(f),
    });
    expect(stappen[0]).toBe(0);
    expect(stappen.at(-1)).toBe(1);
    expect([...stappen].sort((a, b) => a - b)).toEqual(stappen);
  });
});

// ---------------------------------------------------------------- refill

describe("schrijfNaarExcel — hervullen", () => {
  test("keeps user input, the user's own column (with its formula) and orphan rows; resizes the same table", async () => {
    const wm = new FakeWerkmap(["Blad1"]);
    await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    const tabel = wm.tabel("Opgave_Taakstelling");

    // The user: inputs, a formula in an input cell, an extra column, a named input, content elsewhere.
    wm.zet("Taakstelling", "C4", 5); // 2020-1 (will be gone from the plan → orphan)
    wm.zet("Taakstelling", "C5", 7); // 2020-2
    wm.zet("Taakstelling", "C6", { formule: "=3+4", waarde: 7 }); // 2021-1
    wm.zetRijen("Taakstelling", "E3", [["Notitie"], ["let op"]]);
    wm.zet("Taakstelling", "E5", { formule: '=LEN("abc")', waarde: 3 }, "0.0");
    wm.zet("Taakstelling", "E6", "=geen formule", "@"); // text that looks like a formula
    tabel!.kolommen = 5;
    wm.zet("Taakstelling", "K1", "ook van de gebruiker");
    wm.zet("Kosten", "C3", 15000);

    // New version: 2020-1 (with input) and 2029-2 (without) disappear, 2020-2 changes.
    const perioden = PERIODEN.filter((p) => p !== "2020-1" && p !== "2029-2");
    const plan2 = gemeentePlan(
      taakstellingTabel(perioden, (p) => (p === "2020-2" ? 150 : 100 + PERIODEN.indexOf(p))),
    );
    const fx = new FakeExcel(wm);
    const rapport = await schrijfNaarExcel(fx.context, plan2);

    // Two more than a refill where every row keeps its period: the user's formulas, read because rows move.
    expect(fx.syncs).toBe(5);
    expect(rapport.nieuweBladen).toEqual([]);
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.verweesd).toEqual([{ tabel: "Opgave_Taakstelling", sleutel: "2020-1" }]);
    expect(rapport.wijzigingen).toEqual([
      {
        plek: "Opgave_Taakstelling: plaats van de rijen",
        oud: "2020-1, 2020-2, 2021-1 en 16 andere",
        nieuw: "een andere rij van de tabel",
      },
      { plek: "Opgave_Taakstelling 2020-2: Taakstelling", oud: 101, nieuw: 150 },
      { plek: "Opgave_Taakstelling 2029-2: rij vervalt", oud: "2029-2", nieuw: null },
    ]);
    // C5, C6, E5, E6 (kept rows), C4 + E4 (orphan row), Kosten!C3 and Kosten!C4 (a non-empty named input cell is
    // kept by samenvoegenInvoer, also when it still holds the default written by the first fill).
    expect(rapport.invoerBehouden).toBe(8);

    // Same table object, resized (18 plan rows + 1 orphan), not deleted and re-added.
    expect(wm.tabel("Opgave_Taakstelling")).toBe(tabel);
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A3:E22");
    expect(fx.acties("tables.add")).toEqual([]);
    // Resized once to the merged size; the second is the totals row's guard (the same range again, AutoExpand).
    expect(fx.acties("table.resize").map((r) => [r.sync, r.details])).toEqual([
      [5, undefined],
      [5, undefined],
    ]);

    expect(wm.formules("Taakstelling", "A3:E6")).toEqual([
      ["Periode", "Taakstelling", "Gehuisvest", "Saldo", "Notitie"],
      ["2020-2", 150, 7, "=[@Taakstelling]-[@Gehuisvest]", '=LEN("abc")'],
      ["2021-1", 102, "=3+4", "=[@Taakstelling]-[@Gehuisvest]", "=geen formule"],
      ["2021-2", 103, "", "=[@Taakstelling]-[@Gehuisvest]", ""],
    ]);
    expect(wm.notatie("Taakstelling", "E4")).toBe("0.0"); // the user's format comes along with the formula
    expect(wm.cel("Taakstelling", "E5")).toMatchObject({ waarde: "=geen formule", notatie: "@" });
    expect(wm.formule("Taakstelling", "E5")).toBeUndefined();
    // Orphan at the end, formula column empty.
    expect(wm.formules("Taakstelling", "A22:E22")).toEqual([["2020-1", 100, 5, "", "let op"]]);
    // Totals directly below, the old totals row (24) cleared.
    expect(wm.formules("Taakstelling", "A23:B23")).toEqual([
      ["Totaal", "=SUBTOTAL(109,Opgave_Taakstelling[Taakstelling])"],
    ]);
    expect(wm.formules("Taakstelling", "A24:E24")).toEqual([["", "", "", "", ""]]);

    // Named input with a user value: kept and not touched; outside the plan: untouched.
    expect(wm.waarde("Kosten", "C3")).toBe(15000);
    expect(fx.log.some((r) => r.doel === "Kosten!C3" && r.actie !== "load")).toBe(false);
    expect(wm.naam("Opgave_KostenPerPlaats")).toMatchObject({ rij: 3, kolom: 3 });
    expect(fx.acties("names.add")).toEqual([]);
    expect(wm.waarde("Taakstelling", "K1")).toBe("ook van de gebruiker");
    expect(wm.waarde("Blad1", "A1")).toBe("");

    // Chart replaced (same name), series follow the new size.
    const grafieken = wm.blad("Taakstelling").grafieken;
    expect(grafieken.map((g) => g.naam)).toEqual(["Opgave_Taakstelling_Grafiek1"]);
    expect(grafieken[0]?.reeksen[0]).toEqual({
      naam: "Taakstelling",
      waarden: "Taakstelling!B4:B21", // the plan's 18 rows, not the orphan
      categorieen: "Taakstelling!A4:A21",
    });
    expect(fx.acties("chart.delete")).toHaveLength(1);
  });

  test("refill without user changes changes nothing and reports nothing", async () => {
    const wm = new FakeWerkmap();
    await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    const voor = wm.momentopname();
    const rapport = await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    // The two named input cells hold the defaults of the first fill: non-empty, so kept (and not written).
    expect(rapport).toEqual({
      nieuweBladen: [],
      wijzigingen: [],
      invoerBehouden: 2,
      tekstInGetal: [],
      buitenRegel: [],
      verweesd: [],
      overgeslagen: [],
      verloren: [],
    });
    expect(wm.momentopname()).toBe(voor);
  });

  test("block changes are reported", async () => {
    const wm = new FakeWerkmap();
    await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    wm.zet("Overzicht", "B4", "GM9999");
    const rapport = await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    expect(rapport.wijzigingen).toEqual([{ plek: "Overzicht!B4", oud: "GM9999", nieuw: "GM0344" }]);
    expect(wm.waarde("Overzicht", "B4")).toBe("GM0344");
  });

  test("a table edited out of shape is skipped, reported and not touched; so is its chart", async () => {
    const wm = new FakeWerkmap(["Taakstelling"]);
    wm.voegTabelToe(
      "Opgave_Taakstelling",
      "Taakstelling",
      "A3",
      ["Periode", "Taakstelling", "Saldo"],
      [["2020-1", 1, 1]],
    );
    const voor = JSON.stringify([...wm.blad("Taakstelling").cellen].filter(([a]) => !["A1"].includes(a)));
    const fx = new FakeExcel(wm);
    const rapport = await schrijfNaarExcel(fx.context, gemeentePlan());
    expect(rapport.overgeslagen).toEqual([
      'tabel Opgave_Taakstelling is handmatig gewijzigd (kolom "Gehuisvest" ontbreekt); niet bijgewerkt',
      'grafiek "Taakstelling en gehuisvest": tabel Opgave_Taakstelling is niet bijgewerkt; grafiek niet bijgewerkt',
    ]);
    expect(JSON.stringify([...wm.blad("Taakstelling").cellen].filter(([a]) => !["A1"].includes(a)))).toBe(
      voor,
    );
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A3:C4");
    expect(wm.blad("Taakstelling").grafieken).toEqual([]);
    expect(fx.log.some((r) => r.doel.startsWith("Taakstelling!A3") && r.actie !== "load")).toBe(false);
    // The rest of the plan is written.
    expect(wm.waarde("Taakstelling", "A1")).toBe("Taakstelling per periode");
    expect(wm.waarde("Kosten", "C3")).toBe(12000);
  });

  test("a moved table, and a new table that would overlap a user table, are skipped without an error", async () => {
    const wm = new FakeWerkmap(["Taakstelling", "Provincie"]);
    wm.voegTabelToe(
      "Opgave_Taakstelling",
      "Taakstelling",
      "B10",
      ["Periode", "Taakstelling", "Gehuisvest", "Saldo"],
      [],
    );
    wm.voegTabelToe("MijnTabel", "Provincie", "B20", ["x"], [[1]]);
    const plan = gemeentePlan();
    const prov = provinciePlan(30);
    const fx = new FakeExcel(wm);
    const rapport = await schrijfNaarExcel(fx.context, { ...plan, bladen: [...plan.bladen, ...prov.bladen] });
    expect(rapport.overgeslagen).toEqual([
      "tabel Opgave_Taakstelling staat niet meer op Taakstelling!A3 (maar op Taakstelling!B10); niet bijgewerkt",
      "tabel Opgave_Gemeenten zou tabel MijnTabel overlappen (Provincie!A3:E33); niet bijgewerkt",
      'grafiek "Taakstelling en gehuisvest": tabel Opgave_Taakstelling is niet bijgewerkt; grafiek niet bijgewerkt',
      'grafiek "Taakstelling per gemeente": tabel Opgave_Gemeenten is niet bijgewerkt; grafiek niet bijgewerkt',
    ]);
    expect(wm.tabellen.map((t) => t.naam)).toEqual(["Opgave_Taakstelling", "MijnTabel"]);
    expect(wm.waarde("Provincie", "A1")).toBe("Provincie Utrecht");
  });

  test("named input cells: a user value where the name points is brought to the plan cell; the name follows", async () => {
    const wm = new FakeWerkmap(["Kosten"]);
    wm.zet("Kosten", "F9", 9999, "0.00");
    wm.voegNaamToe("Opgave_KostenPerPlaats", { blad: "Kosten", adres: "F9" });
    wm.voegNaamToe("Opgave_Opslag", { formule: "=0.2" });
    const fx = new FakeExcel(wm);
    const rapport = await schrijfNaarExcel(fx.context, gemeentePlan());
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.invoerBehouden).toBe(1);
    expect(wm.cel("Kosten", "C3")).toEqual({ waarde: 9999, notatie: "€ #,##0" });
    expect(wm.waarde("Kosten", "F9")).toBe(9999); // the user's own cell is left alone
    expect(wm.naam("Opgave_KostenPerPlaats")).toMatchObject({ rij: 3, kolom: 3 });
    // A name that is not a cell: the plan cell gets the default and the name points at it.
    expect(wm.cel("Kosten", "C4")).toEqual({ waarde: 0.1, notatie: "0%" });
    expect(wm.naam("Opgave_Opslag")).toMatchObject({ rij: 4, kolom: 3 });
    expect(wm.naam("Opgave_Opslag")?.formule).toBeUndefined();
    expect(fx.acties("names.formula").map((r) => r.details)).toEqual(["='Kosten'!$C$3", "='Kosten'!$C$4"]);
    expect(fx.acties("names.add")).toEqual([]);
  });

  test("named input cells: without the name, a value in the plan cell of an existing sheet is kept", async () => {
    // Opgave's workbook (filled before) whose name the user deleted. (A workbook with nothing of Opgave's and a
    // value there is the user's own: not filled at all, tests/workbook/officeHerbevulling.test.ts.)
    const wm = new FakeWerkmap();
    await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    wm.namen.splice(
      wm.namen.findIndex((n) => n.naam === "Opgave_KostenPerPlaats"),
      1,
    );
    wm.zet("Kosten", "C3", 8000);
    const rapport = await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    expect(rapport.invoerBehouden).toBeGreaterThanOrEqual(1);
    expect(wm.waarde("Kosten", "C3")).toBe(8000);
    expect(wm.naam("Opgave_KostenPerPlaats")).toMatchObject({ rij: 3, kolom: 3 });
  });

  test("a plan table converted to a range is found by its header row; input kept, totals row not taken for data", async () => {
    const wm = new FakeWerkmap();
    await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    wm.tabellen.splice(0, wm.tabellen.length); // "Convert to Range": the cells stay, the table object is gone
    wm.zet("Taakstelling", "C5", 42);
    const fx = new FakeExcel(wm);
    const rapport = await schrijfNaarExcel(fx.context, gemeentePlan());
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.verweesd).toEqual([]);
    expect(rapport.invoerBehouden).toBe(1 + 2);
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A3:D23");
    expect(wm.waarde("Taakstelling", "C5")).toBe(42);
    expect(wm.formules("Taakstelling", "A24:B24")).toEqual([
      ["Totaal", "=SUBTOTAL(109,Opgave_Taakstelling[Taakstelling])"],
    ]);
  });

  test("a table with a duplicated key is skipped (the merge would drop a row)", async () => {
    const wm = new FakeWerkmap();
    await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    wm.zet("Taakstelling", "A6", "2020-2", "@");
    wm.zet("Taakstelling", "C6", 3);
    const voor = wm.formules("Taakstelling", "A3:D24");
    const rapport = await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    expect(rapport.overgeslagen[0]).toBe(
      'tabel Opgave_Taakstelling bevat de sleutel "2020-2" meer dan eens; niet bijgewerkt',
    );
    expect(wm.formules("Taakstelling", "A3:D24")).toEqual(voor);
  });

  test("a table never grows over cells the user filled next to it", async () => {
    const wm = new FakeWerkmap();
    await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    wm.zet("Taakstelling", "B26", "van mij");
    const langer = [...PERIODEN, "2030-1", "2030-2"];
    const fx = new FakeExcel(wm);
    const rapport = await schrijfNaarExcel(
      fx.context,
      gemeentePlan(taakstellingTabel(langer, (_, i) => 100 + i)),
    );
    expect(rapport.overgeslagen[0]).toBe(
      "tabel Opgave_Taakstelling zou cel Taakstelling!B26 overschrijven (daar staat iets van u); niet bijgewerkt",
    );
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A3:D23");
    expect(fx.acties("table.resize")).toEqual([]);
    // Without the user's cell it grows, and the old totals row becomes a data row.
    wm.zet("Taakstelling", "B26", null);
    await schrijfNaarExcel(
      new FakeExcel(wm).context,
      gemeentePlan(taakstellingTabel(langer, (_, i) => 100 + i)),
    );
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A3:D25");
    expect(wm.formules("Taakstelling", "A24:B26")).toEqual([
      ["2030-1", 120],
      ["2030-2", 121],
      ["Totaal", "=SUBTOTAL(109,Opgave_Taakstelling[Taakstelling])"],
    ]);
  });

  test("an existing name on the plan cell with an empty value gets the default", async () => {
    const wm = new FakeWerkmap(["Kosten"]);
    wm.voegNaamToe("Opgave_KostenPerPlaats", { blad: "Kosten", adres: "C3" });
    const rapport = await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    expect(rapport.invoerBehouden).toBe(0);
    expect(wm.cel("Kosten", "C3")).toEqual({ waarde: 12000, notatie: "€ #,##0" });
    expect(wm.namen.map((n) => n.naam)).toEqual(["Opgave_KostenPerPlaats", "Opgave_Opslag"]);
  });

  test("a user's own chart on a plan sheet stays; the Opgave chart is replaced, not duplicated", async () => {
    const wm = new FakeWerkmap();
    await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    wm.blad("Taakstelling").grafieken.push({ naam: "Mijn grafiek", soort: "Pie", titel: "x", reeksen: [] });
    await schrijfNaarExcel(new FakeExcel(wm).context, gemeentePlan());
    expect(
      wm
        .blad("Taakstelling")
        .grafieken.map((g) => g.naam)
        .sort(),
    ).toEqual(["Mijn grafiek", "Opgave_Taakstelling_Grafiek1"]);
  });
});

// ---------------------------------------------------------------- text versus formulas

describe("text is written as text", () => {
  test("strings that Excel would turn into formulas, numbers or booleans stay text", async () => {
    const teksten = ["=1+1", "+31 30 123", "-5", "@naam", "2024", "TRUE", "0612345678", "12%"];
    const plan: WerkboekPlan = {
      ...gemeentePlan(),
      bladen: [
        {
          naam: "Tekst",
          blokken: [
            { start: { rij: 1, kolom: 1 }, cellen: [teksten, [1, true, { formule: "=A2+1" }, null]] },
          ],
          invoercellen: [],
          tabellen: [],
          grafieken: [],
        },
      ],
    };
    const wm = new FakeWerkmap();
    await schrijfNaarExcel(new FakeExcel(wm).context, plan);
    expect(wm.waarden("Tekst", "A1:H1")).toEqual([teksten]);
    expect(teksten.map((_, j) => wm.formule("Tekst", `${String.fromCharCode(65 + j)}1`))).toEqual(
      teksten.map(() => undefined),
    );
    expect(teksten.map((_, j) => wm.notatie("Tekst", `${String.fromCharCode(65 + j)}1`))).toEqual(
      teksten.map(() => "@"),
    );
    expect(wm.formules("Tekst", "A2:D2")).toEqual([[1, true, "=A2+1", ""]]);
    expect(wm.notatie("Tekst", "C2")).toBe("General");
  });

  test("the fake itself turns such strings into formulas without the text format (so the test above means something)", async () => {
    const fx = new FakeExcel(new FakeWerkmap(["B"]));
    const r = fx.context.workbook.worksheets.getItem("B").getRange("A1:C1");
    r.values = [["=1+1", "2024", "-x"]];
    await fx.context.sync();
    expect(fx.werkmap.formules("B", "A1:C1")).toEqual([["=1+1", 2024, "=-x"]]);
  });
});

// ---------------------------------------------------------------- small pieces

describe("helpers", () => {
  test("celMatrix: '@' for non-empty strings, the column format otherwise, '' for empty", () => {
    expect(celMatrix([[HYPERLINK, { formule: "=A1" }, 5, null, ""]], 6, ["0", "0", "0", "0", "0"])).toEqual({
      notaties: [["@", "0", "0", "0", "0", "General"]],
      invoer: [[HYPERLINK, "=A1", 5, "", "", ""]],
    });
  });

  test("zetCellen on a range: number format first, then formulas (a text format before the text arrives)", () => {
    const volgorde: string[] = [];
    const geschreven: Record<string, unknown> = {};
    const range = {};
    for (const eigenschap of ["numberFormat", "formulas"]) {
      Object.defineProperty(range, eigenschap, {
        set: (v: unknown) => {
          volgorde.push(`set ${eigenschap}`);
          geschreven[eigenschap] = v;
        },
      });
    }
    zetCellen(range as Excel.Range, celMatrix([[HYPERLINK]], 1));
    expect(volgorde).toEqual(["set numberFormat", "set formulas"]);
    expect(geschreven).toEqual({ numberFormat: [["@"]], formulas: [[HYPERLINK]] });
  });

  test("leesAdres and grafiekNaam", () => {
    expect(leesAdres("Kosten!C10")).toEqual({ blad: "Kosten", cel: "C10" });
    expect(leesAdres("'Mijn ''blad'''!$C$10")).toEqual({ blad: "Mijn 'blad'", cel: "C10" });
    expect(leesAdres("Kosten!C10:D11")).toBeUndefined();
    expect(
      grafiekNaam(
        {
          titel: "t",
          soort: "lijn",
          tabel: "Opgave_X",
          categorieKolom: "a",
          reeksKolommen: ["b"],
          positie: { rij: 1, kolom: 1 },
        },
        1,
      ),
    ).toBe("Opgave_X_Grafiek2");
  });
});
