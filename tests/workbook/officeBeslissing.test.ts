/**
 * The Office.js writer's pure decide step (src/workbook/officeBeslissing.ts): plan + what was read from the
 * workbook → write tasks and report, without Excel or the fake. The end-to-end behaviour (syncs, what Excel ends up
 * with) is tested in officeWriter.test.ts.
 */
import { adres, rechthoekZonder } from "../../src/workbook/a1";
import {
  isEigenRegel,
  beslis,
  planSleutel,
  type ExcelTabelStaat,
  type GelezenBereik,
  type SchrijfTaak,
  type WerkmapStaat,
} from "../../src/workbook/officeBeslissing";
import type { BladPlan, TabelPlan, Validatie, WerkboekPlan } from "../../src/workbook/plan";
import { afdrukVoor, breedteInPunten } from "../../src/workbook/afdruk";

const TABEL: TabelPlan = {
  naam: "Opgave_T",
  start: { rij: 3, kolom: 1 },
  kolommen: [
    { sleutel: "periode", kop: "Periode", soort: "gegeven", notatie: "@", breedte: 10 },
    { sleutel: "taakstelling", kop: "Taakstelling", soort: "gegeven", notatie: "#,##0" },
    { sleutel: "gehuisvest", kop: "Gehuisvest", soort: "invoer", notatie: "#,##0" },
    { sleutel: "saldo", kop: "Saldo", soort: "formule", notatie: "#,##0" },
  ],
  sleutelKolom: "periode",
  rijen: [
    ["2024-I", 10, null, { formule: "=B4-C4" }],
    ["2024-II", 12, null, { formule: "=B5-C5" }],
  ],
  totaal: ["Totaal", { formule: "=SUM(B4:B5)" }],
};

const BLAD: BladPlan = {
  naam: "Taakstelling",
  blokken: [{ start: { rij: 1, kolom: 1 }, cellen: [["Taakstelling"]], kop: true }],
  invoercellen: [
    { naam: "Opgave_Start", positie: { rij: 1, kolom: 3 }, standaard: null, notatie: "@", label: "Start" },
  ],
  tabellen: [TABEL],
  grafieken: [
    {
      titel: "Per periode",
      soort: "kolom",
      tabel: "Opgave_T",
      categorieKolom: "periode",
      reeksKolommen: ["taakstelling", "gehuisvest"],
      positie: { rij: 3, kolom: 8 },
    },
  ],
  breedtes: { 2: 20 },
};

const PLAN: WerkboekPlan = {
  formaat: "opgave-werkboek",
  formaatVersie: 1,
  onderwerp: { soort: "gemeente", code: "GM0344", naam: "Utrecht" },
  bladen: [BLAD],
};

function staat(deel: Partial<WerkmapStaat> = {}): WerkmapStaat {
  return {
    bladen: [],
    namen: [],
    tabellen: [],
    gebieden: new Map(),
    naamCellen: new Map(),
    planCellen: new Map(),
    blokken: new Map(),
    grafieken: new Set(),
    ...deel,
  };
}

/** Values of A1:J12 of a sheet ("" where nothing is), as Office.js loads a range. */
function raster(cellen: Record<string, unknown>): GelezenBereik {
  const waarden = Array.from({ length: 12 }, (_, i) =>
    Array.from({ length: 10 }, (_, j) => cellen[adres({ rij: i + 1, kolom: j + 1 })] ?? ""),
  );
  return { rijIndex: 0, kolomIndex: 0, waarden };
}

/** The table as the first fill left it, with what the user did since: `koppen` and body rows (values, formulas). */
function bestaandeTabel(
  koppen: string[],
  rijen: unknown[][],
  formules: unknown[][] = rijen,
  notaties: unknown[][] = rijen.map((r) => r.map(() => "General")),
  buiten: Record<string, unknown> = {},
): ExcelTabelStaat {
  const cellen: Record<string, unknown> = { ...buiten };
  [koppen, ...rijen].forEach((r, i) =>
    r.forEach((w, j) => (cellen[adres({ rij: 3 + i, kolom: 1 + j })] = w)),
  );
  return {
    naam: "Opgave_T",
    blad: "Taakstelling",
    rechthoek: { rij: 3, kolom: 1, rijen: 1 + rijen.length, kolommen: koppen.length },
    showTotals: false,
    inhoud: { koppen, lijf: { waarden: rijen, formules, notaties }, omgeving: raster(cellen) },
  };
}

function taken<S extends SchrijfTaak["soort"]>(t: readonly SchrijfTaak[], soort: S) {
  return t.filter((x): x is Extract<SchrijfTaak, { soort: S }> => x.soort === soort);
}

describe("beslis: first fill", () => {
  const { taken: t, rapport } = beslis(PLAN, staat({ bladen: ["Blad1"] }), 20_000);

  test("tasks in write order: sheet, table, input cell, body, totals, block, chart, widths, print", () => {
    expect(t.map((x) => x.soort)).toEqual([
      "blad",
      "tabel",
      "invoercel",
      "cellen",
      "totaal",
      "cellen",
      "grafiek",
      "breedtes",
      "afdruk",
    ]);
    expect(rapport).toEqual({
      nieuweBladen: ["Taakstelling"],
      wijzigingen: [],
      invoerBehouden: 0,
      tekstInGetal: [],
      buitenRegel: [],
      verweesd: [],
      overgeslagen: [],
      verloren: [],
    });
  });

  test("a new table with its header; the body as text where text, formulas as formulas", () => {
    const [tabel] = taken(t, "tabel");
    expect(tabel).toMatchObject({
      blad: "Taakstelling",
      naam: "Opgave_T",
      rechthoek: { rij: 3, kolom: 1, rijen: 3, kolommen: 4 },
      wis: [],
      kop: { invoer: [["Periode", "Taakstelling", "Gehuisvest", "Saldo"]] },
    });
    expect(tabel?.bestaand).toBeUndefined();
    const [lijf, blok] = taken(t, "cellen");
    const [totaal] = taken(t, "totaal");
    expect(lijf).toMatchObject({
      adres: "A4:D5",
      cellen: 8,
      matrix: {
        notaties: [
          ["@", "#,##0", "#,##0", "#,##0"],
          ["@", "#,##0", "#,##0", "#,##0"],
        ],
        invoer: [
          ["2024-I", 10, "", "=B4-C4"],
          ["2024-II", 12, "", "=B5-C5"],
        ],
      },
    });
    // Directly below the table; then the table's own range again (AutoExpand guard), nothing to empty.
    expect(totaal).toMatchObject({
      adres: "A6:B6",
      matrix: { invoer: [["Totaal", "=SUM(B4:B5)"]] },
      tabel: "Opgave_T",
      tabelBereik: "A3:D5",
      leeg: [],
    });
    expect(blok).toMatchObject({ adres: "A1:A1", vet: "A1:A1", matrix: { invoer: [["Taakstelling"]] } });
  });

  test("the named input cell gets its label, the default and a new name", () => {
    expect(taken(t, "invoercel")).toEqual([
      {
        soort: "invoercel",
        cellen: 2,
        blad: "Taakstelling",
        label: { adres: "B1", matrix: { notaties: [["@"]], invoer: [["Start"]] } },
        adres: "C1",
        schrijf: { notaties: [["@"]], invoer: [[""]] },
        naam: { soort: "toevoegen", naam: "Opgave_Start" },
      },
    ]);
  });

  test("the chart plots the plan's rows; widths in points", () => {
    expect(taken(t, "grafiek")).toEqual([
      {
        soort: "grafiek",
        cellen: 0,
        blad: "Taakstelling",
        bronBlad: "Taakstelling",
        naam: "Opgave_T_Grafiek1",
        titel: "Per periode",
        type: "ColumnClustered",
        reeksen: [
          { naam: "Taakstelling", bereik: "B4:B5" },
          { naam: "Gehuisvest", bereik: "C4:C5" },
        ],
        categorieen: "A4:A5",
        positie: "H3",
      },
    ]);
    // A: the plan's 10 characters, widened by the print layout to a text column (./afdruk: the title in A1 has no
    // room, the input label sits in B1); B: the sheet's 20.
    expect(afdrukVoor(BLAD).breedtes).toEqual([{ kolom: 1, breedte: 60, planBreedte: 10 }]);
    expect(taken(t, "breedtes")[0]?.breedtes).toEqual([
      ["A", breedteInPunten(60)],
      ["B", 108.75],
    ]);
  });

  test("a small cap cuts the body into row chunks", () => {
    const klein = beslis(PLAN, staat({ bladen: ["Blad1"] }), 4);
    expect(
      taken(klein.taken, "cellen")
        .filter((x) => x.vet === undefined)
        .map((x) => [x.adres, x.cellen]),
    ).toEqual([
      ["A4:D4", 4],
      ["A5:D5", 4],
    ]);
  });
});

describe("beslis: refill", () => {
  const bestaand = staat({
    bladen: ["Taakstelling"],
    namen: ["Opgave_Start"],
    naamCellen: new Map([
      [
        "Opgave_Start",
        {
          bestaat: true as const,
          adres: "Taakstelling!C1",
          rijen: 1,
          kolommen: 1,
          waarde: "2024-II",
          formule: "2024-II",
          notatie: "@",
        },
      ],
    ]),
    planCellen: new Map([["Opgave_Start", "2024-II"]]),
    blokken: new Map([[planSleutel("Taakstelling", 0), [["Oude titel"]]]]),
    grafieken: new Set([planSleutel("Taakstelling", 0)]),
  });

  test("typed inputs are kept: values and formulas in the input column, the named input cell untouched", () => {
    const tabel = bestaandeTabel(
      ["Periode", "Taakstelling", "Gehuisvest", "Saldo"],
      [
        ["2024-I", 10, 7, 3],
        ["2024-II", 11, 15, -4],
      ],
      [
        ["2024-I", 10, 7, "=B4-C4"],
        ["2024-II", 11, "=10+5", "=B5-C5"],
      ],
    );
    const { taken: t, rapport } = beslis(PLAN, { ...bestaand, tabellen: [tabel] }, 20_000);
    expect(rapport).toEqual({
      nieuweBladen: [],
      wijzigingen: [
        { plek: "Opgave_T 2024-II: Taakstelling", oud: 11, nieuw: 12 },
        { plek: "Taakstelling!A1", oud: "Oude titel", nieuw: "Taakstelling" },
      ],
      invoerBehouden: 3,
      tekstInGetal: [],
      buitenRegel: [],
      verweesd: [],
      overgeslagen: [],
      verloren: [],
    });
    expect(taken(t, "blad")).toEqual([]);
    const [structuur] = taken(t, "tabel");
    expect(structuur?.bestaand).toEqual({ naam: "Opgave_T", totalenUit: false, resize: false });
    // What the user typed stays in its cell: null leaves it (value or formula, and format) as it is.
    expect(taken(t, "cellen")[0]?.matrix.invoer).toEqual([
      ["2024-I", 10, null, "=B4-C4"],
      ["2024-II", 12, null, "=B5-C5"],
    ]);
    expect(taken(t, "cellen")[0]?.matrix.notaties.map((r) => r[2])).toEqual([null, null]);
    // The user's value is in the plan's cell and the name points there: only the label is written.
    const [invoer] = taken(t, "invoercel");
    expect(invoer?.schrijf).toBeUndefined();
    expect(invoer?.naam).toBeUndefined();
    expect(invoer?.cellen).toBe(1);
    // The Opgave chart is replaced.
    expect(taken(t, "grafiek")[0]?.vervang).toBe(planSleutel("Taakstelling", 0));
  });

  test("a column the user added inside the table is kept, with its values and number format", () => {
    const tabel = bestaandeTabel(
      ["Periode", "Taakstelling", "Gehuisvest", "Saldo", "Notitie"],
      [
        ["2024-I", 10, 7, 3, 0.5],
        ["2024-II", 12, "", 12, ""],
      ],
      [
        ["2024-I", 10, 7, "=B4-C4", "=1/2"],
        ["2024-II", 12, "", "=B5-C5", ""],
      ],
      [
        ["@", "#,##0", "#,##0", "#,##0", "0.0"],
        ["@", "#,##0", "#,##0", "#,##0", "0.0"],
      ],
    );
    const { taken: t, rapport } = beslis(PLAN, { ...bestaand, tabellen: [tabel] }, 20_000);
    expect(rapport.overgeslagen).toEqual([]);
    const [structuur] = taken(t, "tabel");
    expect(structuur?.kop.invoer).toEqual([["Periode", "Taakstelling", "Gehuisvest", "Saldo", "Notitie"]]);
    expect(structuur?.rechthoek).toEqual({ rij: 3, kolom: 1, rijen: 3, kolommen: 5 });
    const lijf = taken(t, "cellen")[0];
    expect(lijf?.adres).toBe("A4:E5");
    expect(lijf?.matrix.invoer).toEqual([
      ["2024-I", 10, null, "=B4-C4", null],
      ["2024-II", 12, "", "=B5-C5", ""],
    ]);
    expect(lijf?.matrix.notaties.map((r) => r[4])).toEqual([null, "0.0"]);
    // Column widths cover the plan's columns only.
    expect(taken(t, "breedtes")[0]?.breedtes.map(([l]) => l)).toEqual(["A", "B"]);
  });

  test("a table reshaped by the user (input column gone) is skipped and not touched; so is its chart", () => {
    const tabel = bestaandeTabel(
      ["Periode", "Taakstelling", "Saldo"],
      [
        ["2024-I", 10, 3],
        ["2024-II", 12, 12],
      ],
    );
    const { taken: t, rapport } = beslis(PLAN, { ...bestaand, tabellen: [tabel] }, 20_000);
    expect(rapport.overgeslagen).toEqual([
      'tabel Opgave_T is handmatig gewijzigd (kolom "Gehuisvest" ontbreekt); niet bijgewerkt',
      'grafiek "Per periode": tabel Opgave_T is niet bijgewerkt; grafiek niet bijgewerkt',
    ]);
    expect(taken(t, "tabel")).toEqual([]);
    expect(taken(t, "grafiek")).toEqual([]);
    expect(taken(t, "cellen").map((x) => x.adres)).toEqual(["A1:A1"]);
  });

  test("a table that would grow over a cell the user filled is skipped", () => {
    const tabel = bestaandeTabel(
      ["Periode", "Taakstelling", "Gehuisvest", "Saldo"],
      [["2024-I", 10, "", 10]],
      undefined,
      undefined,
      { A6: "van mij" },
    );
    const { taken: t, rapport } = beslis(PLAN, { ...bestaand, tabellen: [tabel] }, 20_000);
    expect(rapport.overgeslagen[0]).toBe(
      "tabel Opgave_T zou cel Taakstelling!A6 overschrijven (daar staat iets van u); niet bijgewerkt",
    );
    expect(taken(t, "tabel")).toEqual([]);
  });

  test("a table moved elsewhere is skipped; a duplicated key too", () => {
    const verplaatst = {
      ...bestaandeTabel(["Periode"], []),
      rechthoek: { rij: 10, kolom: 2, rijen: 2, kolommen: 1 },
    };
    expect(beslis(PLAN, { ...bestaand, tabellen: [verplaatst] }, 20_000).rapport.overgeslagen[0]).toBe(
      "tabel Opgave_T staat niet meer op Taakstelling!A3 (maar op Taakstelling!B10); niet bijgewerkt",
    );
    const dubbel = bestaandeTabel(
      ["Periode", "Taakstelling", "Gehuisvest", "Saldo"],
      [
        ["2024-I", 10, 1, 9],
        ["2024-I", 10, 2, 8],
      ],
    );
    expect(beslis(PLAN, { ...bestaand, tabellen: [dubbel] }, 20_000).rapport.overgeslagen[0]).toBe(
      'tabel Opgave_T bevat de sleutel "2024-I" meer dan eens; niet bijgewerkt',
    );
  });

  test("a named input kept elsewhere is brought to the plan's cell (formula and format) and the name follows", () => {
    const elders = staat({
      bladen: ["Taakstelling"],
      namen: ["Opgave_Start"],
      naamCellen: new Map([
        [
          "Opgave_Start",
          {
            bestaat: true as const,
            adres: "'Mijn blad'!F9",
            rijen: 1,
            kolommen: 1,
            waarde: "2024-I",
            formule: '="2024-I"',
            notatie: "General",
          },
        ],
      ]),
      planCellen: new Map([["Opgave_Start", ""]]),
    });
    const { taken: t, rapport } = beslis(PLAN, elders, 20_000);
    expect(rapport.invoerBehouden).toBe(1);
    const [invoer] = taken(t, "invoercel");
    expect(invoer?.schrijf).toEqual({ notaties: [["General"]], invoer: [['="2024-I"']] });
    expect(invoer?.naam).toEqual({
      soort: "verwijzen",
      naam: "Opgave_Start",
      formule: "='Taakstelling'!$C$1",
    });
  });
});

describe("the user's validations on Opgave's cells (Excel)", () => {
  const gehuisvest: Validatie = { soort: "geheel", min: 0, titel: "Gehuisvest", invoer: "…", fout: "…" };
  const saldo: Validatie = { soort: "geheel", min: -5, max: 5, titel: "Beginsaldo", invoer: "…", fout: "…" };
  const lijst: Validatie = {
    soort: "lijst",
    lijst: "=$A$8:$A$27",
    titel: "Eerste periode",
    invoer: "…",
    fout: "…",
  };
  const eigen = [gehuisvest, saldo, lijst];
  const titels = (t: string) => ({ prompt: { title: t }, errorAlert: { title: t } });

  test("Opgave's by its title and its kind of rule (Excel gives bounds as text, with or without =)", () => {
    const groter = { operator: "GreaterThanOrEqualTo", formula1: "=0" };
    expect(isEigenRegel({ rule: { wholeNumber: groter }, ...titels("Gehuisvest") }, eigen)).toBe(true);
    const tussen = { operator: "Between", formula1: "-5", formula2: 5 };
    expect(isEigenRegel({ rule: { wholeNumber: tussen }, ...titels("Beginsaldo") }, eigen)).toBe(true);
    // A list's source grows with its table: a list under Opgave's title is Opgave's.
    expect(
      isEigenRegel({ rule: { list: { source: "=$A$8:$A$28" } }, ...titels("Eerste periode") }, eigen),
    ).toBe(true);
  });

  test("the user's: another title, or Opgave's title over another rule (Excel's dialog keeps the titles)", () => {
    const groter = { operator: "GreaterThanOrEqualTo", formula1: "0" };
    expect(isEigenRegel({ rule: { wholeNumber: groter }, ...titels("Mijn regel") }, eigen)).toBe(false);
    expect(isEigenRegel({ rule: { list: { source: "10,20" } }, ...titels("Gehuisvest") }, eigen)).toBe(false);
    const anders = { operator: "Between", formula1: "0", formula2: "500" };
    expect(isEigenRegel({ rule: { wholeNumber: anders }, ...titels("Gehuisvest") }, eigen)).toBe(false);
    expect(isEigenRegel({ rule: { decimal: groter }, ...titels("Gehuisvest") }, eigen)).toBe(false);
  });

  test("rechthoekZonder: the cells left, per column in runs of rows", () => {
    const r = { rij: 9, kolom: 7, rijen: 5, kolommen: 2 };
    expect(rechthoekZonder(r, [])).toEqual([r]);
    expect(rechthoekZonder(r, [{ rij: 11, kolom: 7, rijen: 1, kolommen: 1 }])).toEqual([
      { rij: 9, kolom: 7, rijen: 2, kolommen: 1 },
      { rij: 12, kolom: 7, rijen: 2, kolommen: 1 },
      { rij: 9, kolom: 8, rijen: 5, kolommen: 1 },
    ]);
    expect(rechthoekZonder(r, [{ rij: 1, kolom: 1, rijen: 100, kolommen: 100 }])).toEqual([]);
  });
});
