import {
  bladVerschuiving,
  eigenKolommenBinnen,
  eigenKolomRuimte,
  invoerCelAfwijking,
  kolomVolgorde,
  metRuimteVoorEigenKolommen,
  opHunPlaats,
  planRechthoeken,
  samenvoegenInvoer,
  samenvoegenTabel,
  weigeringTekst,
  weigeringVoorWerkboek,
  type BestaandWerkboek,
} from "../../src/workbook/samenvoegen";
import type { BladPlan, InvoerCel, TabelPlan, Waarde } from "../../src/workbook/plan";
import { planGemeente } from "../../src/workbook/bouwPlan";
import { engine } from "../domain/helpers";
import { gemeentenTabel, TEST_BRON } from "./werkboekHulp";
import { kolomLetters } from "../../src/workbook/a1";

const plan: TabelPlan = {
  naam: "Opgave_Test",
  start: { rij: 3, kolom: 1 },
  sleutelKolom: "periode",
  kolommen: [
    { sleutel: "periode", kop: "Periode", soort: "gegeven" },
    { sleutel: "taakstelling", kop: "Taakstelling", soort: "gegeven" },
    { sleutel: "gehuisvest", kop: "Gehuisvest", soort: "invoer" },
    { sleutel: "achterstand", kop: "Achterstand", soort: "formule" },
  ],
  rijen: [
    ["2024-I", 388, null, { formule: "=B4-C4" }],
    ["2025-I", 135, null, { formule: "=B5-C5" }],
  ],
};

test("no existing table: the plan as is", () => {
  const r = samenvoegenTabel(plan);
  expect(r).toMatchObject({ soort: "samengevoegd", rijen: plan.rijen, invoerBehouden: 0 });
});

test("user inputs, extra columns and orphan rows survive; plan-owned changes are reported", () => {
  const r = samenvoegenTabel(plan, {
    koppen: ["Periode", "Taakstelling", "Gehuisvest", "Achterstand", "Notitie"],
    rijen: [
      ["2024-I", 380, 300, 80, "afspraak met corporatie"],
      ["2025-I", 135, "", 135, null],
      ["2023-II", 210, 200, 10, null], // key gone from the plan, holds input → kept at the end
      ["2016-I", 5, null, 5, null], // key gone, no input → dropped (plan-owned only)
    ],
  });
  if (r.soort !== "samengevoegd") throw new Error(r.reden);
  expect(r.kolommen.map((k) => k.kop)).toEqual([
    "Periode",
    "Taakstelling",
    "Gehuisvest",
    "Achterstand",
    "Notitie",
  ]);
  expect(r.rijen[0]).toEqual(["2024-I", 388, 300, { formule: "=B4-C4" }, "afspraak met corporatie"]);
  expect(r.rijen[1]).toEqual(["2025-I", 135, null, { formule: "=B5-C5" }, null]);
  expect(r.rijen[2]).toEqual(["2023-II", 210, 200, null, null]);
  expect(r.rijen).toHaveLength(3);
  expect(r.verweesd).toEqual(["2023-II"]);
  expect(r.invoerBehouden).toBe(3);
  expect(r.wijzigingen).toEqual([
    { plek: "Opgave_Test 2024-I: Taakstelling", oud: 380, nieuw: 388 },
    { plek: "Opgave_Test 2016-I: rij vervalt", oud: "2016-I", nieuw: null },
  ]);
});

describe("a column of the user's between Opgave's columns", () => {
  const koppen = ["Periode", "Taakstelling", "Mijn", "Gehuisvest", "Achterstand"];

  test("stays where it stands from the table's `eigenKolomVanaf` on; before it, or without one, only at the end", () => {
    // Sheet column C (the third of a table from A): allowed from C on, not from D on.
    expect(kolomVolgorde({ ...plan, eigenKolomVanaf: 3 }, koppen)).toEqual([0, 1, 4, 2, 3]);
    expect(eigenKolommenBinnen({ ...plan, eigenKolomVanaf: 3 }, { koppen, rijen: [] })).toEqual([]);
    for (const p of [plan, { ...plan, eigenKolomVanaf: 4 }]) {
      expect(kolomVolgorde(p, koppen)).toEqual([0, 1, 2, 3, 4]);
      expect(eigenKolommenBinnen(p, { koppen, rijen: [] })).toEqual([
        {
          kop: "Mijn",
          plaats: 3,
          na: "Taakstelling",
          voor: "Gehuisvest",
          reden:
            p.eigenKolomVanaf === undefined
              ? "een eigen kolom blijft alleen aan het eind van de tabel staan"
              : "in deze tabel blijft een eigen kolom staan vanaf kolom D: links daarvan staan ook andere cellen van Opgave op het blad",
        },
      ]);
    }
    // Merged: the user's column and its values where they were, Opgave's after it.
    const r = samenvoegenTabel(
      { ...plan, eigenKolomVanaf: 2 },
      { koppen, rijen: [["2024-I", 380, "eigen", 300, 80]] },
    );
    if (r.soort !== "samengevoegd") throw new Error(r.reden);
    expect(r.kolommen.map((k) => k.kop)).toEqual(koppen);
    expect(r.rijen[0]).toEqual(["2024-I", 388, "eigen", 300, { formule: "=B4-C4" }]);
    // Opgave's columns out of their order: never kept as they are (the writers refuse or skip the table).
    const andersom = ["Periode", "Gehuisvest", "Mijn", "Taakstelling", "Achterstand"];
    expect(eigenKolommenBinnen({ ...plan, eigenKolomVanaf: 2 }, { koppen: andersom, rijen: [] })).toEqual([
      {
        kop: "Mijn",
        plaats: 3,
        na: "Gehuisvest",
        voor: "Taakstelling",
        reden: "de kolommen van Opgave staan niet meer in hun volgorde",
      },
    ]);
    // A header Excel takes for one of Opgave's (LibreOffice renamed Opgave's "Achterstand" to "Achterstand2"): the
    // written table would hold "achterstand" and "Achterstand", which Excel repairs away. Also at the end.
    for (const k of [
      ["Periode", "Taakstelling", "achterstand", "Gehuisvest", "Achterstand2"],
      ["Periode", "Taakstelling", "Gehuisvest", "achterstand", "Achterstand2"],
    ])
      expect(
        eigenKolommenBinnen({ ...plan, eigenKolomVanaf: 2 }, { koppen: k, rijen: [] }).map((b) => [
          b.kop,
          b.reden,
        ]),
      ).toEqual([
        [
          "achterstand",
          'de kop "achterstand" staat al in de tabel, twee keer of met andere hoofdletters: Excel houdt ze niet uit elkaar',
        ],
      ]);
    // One of Opgave's headers twice (the user typed it over their own column; LibreOffice renamed only the table
    // part's): the later one named. Two columns of the user's, one where it cannot stay: the other says so.
    expect(
      eigenKolommenBinnen(
        { ...plan, eigenKolomVanaf: 2 },
        { koppen: ["Periode", "Taakstelling", "Achterstand", "Gehuisvest", "Achterstand"], rijen: [] },
      ).map((b) => [b.plaats, b.reden]),
    ).toEqual([
      [
        5,
        'de kop "Achterstand" staat al in de tabel, twee keer of met andere hoofdletters: Excel houdt ze niet uit elkaar',
      ],
    ]);
    expect(
      eigenKolommenBinnen(
        { ...plan, eigenKolomVanaf: 3 },
        { koppen: ["Periode", "Links", "Taakstelling", "Rechts", "Gehuisvest", "Achterstand"], rijen: [] },
      ).map((b) => [b.kop, b.reden]),
    ).toEqual([
      [
        "Links",
        "in deze tabel blijft een eigen kolom staan vanaf kolom C: links daarvan staan ook andere cellen van Opgave op het blad",
      ],
      ["Rechts", 'hij kan blijven staan zodra uw kolom "Links" verplaatst is'],
    ]);
    expect(
      eigenKolommenBinnen(
        { ...plan, eigenKolomVanaf: 2 },
        { koppen: ["Periode", "", "Taakstelling", "Gehuisvest", "Achterstand"], rijen: [] },
      ).map((b) => b.reden),
    ).toEqual(["de kolom heeft geen kop"]);
  });

  test("`eigenKolomVanaf` of Opgave's own sheets: right of every other cell of Opgave's on the sheet", () => {
    const gemeente = metRuimteVoorEigenKolommen(planGemeente(engine, "Utrecht", TEST_BRON));
    const vanaf = gemeente.bladen.flatMap((b) =>
      b.tabellen.map((t) => `${b.naam} ${t.naam}: ${kolomLetters(t.eigenKolomVanaf ?? 0)}`),
    );
    // Taakstelling: the named inputs B4, B5 and their hints in C; Kosten: the assumption rows A–E above the table.
    expect(vanaf).toEqual([
      "Taakstelling Opgave_Taakstelling: D",
      "Opvang Opgave_Opvang: D",
      "Kleinschalig Opgave_Kleinschalig: B",
      "Kosten Opgave_Kosten: F",
      "Bron Opgave_Bronnen: C",
    ]);
    const taak = gemeente.bladen[1]?.tabellen[0];
    expect(taak && eigenKolomRuimte(taak)).toBe(
      "in deze tabel blijft een eigen kolom staan vanaf kolom D: links daarvan staan ook andere cellen van Opgave op het blad",
    );
    expect(eigenKolomRuimte({ ...plan, eigenKolomVanaf: 2 })).toBeUndefined();
    expect(eigenKolomRuimte({ ...plan, eigenKolomVanaf: 5 })).toBe(
      "in deze tabel blijft een eigen kolom alleen aan het eind staan: ernaast staan ook andere cellen van Opgave op het blad",
    );
  });
});

describe("rows the user sorted (./rijVolgorde)", () => {
  const gemeenten = gemeentenTabel([1, 2, 3, 4]);
  const koppen = ["Code", "Taakstelling", "Gehuisvest", "Achterstand", "Notitie"];
  // Sorted by achterstand, largest first; GM0004 is new to the table (a herindeling).
  const gesorteerd: Waarde[][] = [
    ["GM0003", 30, 1, 29, "bellen"],
    ["GM0001", 10, 2, 8, null],
    ["GM0002", 20, 15, 5, null],
  ];
  const opties = (vrij: boolean) => ({ blad: "Provincie", vrij: () => vrij });

  test("a table free to be sorted keeps the user's order, new rows at the end, each formula with its row", () => {
    const r = samenvoegenTabel(gemeenten, { koppen, rijen: gesorteerd }, opties(true));
    if (r.soort !== "samengevoegd") throw new Error(r.reden);
    expect(r.rijen).toEqual([
      ["GM0003", 30, 1, { formule: "=MAX(B9-C9,0)" }, "bellen"],
      ["GM0001", 10, 2, { formule: "=MAX(B10-C10,0)" }, null],
      ["GM0002", 20, 15, { formule: "=MAX(B11-C11,0)" }, null],
      ["GM0004", 40, null, { formule: "=MAX(B12-C12,0)" }, null],
    ]);
    expect(r.volgordeTeruggezet).toBe(false);
    expect(r.wijzigingen).toEqual([
      { plek: "Opgave_Gemeenten GM0004: nieuwe rij", oud: null, nieuw: "GM0004" },
    ]);
    expect(r.invoerBehouden).toBe(4);
  });

  test("a table whose formulas read other rows goes back to the plan's order, and says so", () => {
    const r = samenvoegenTabel(gemeenten, { koppen, rijen: gesorteerd }, opties(false));
    if (r.soort !== "samengevoegd") throw new Error(r.reden);
    expect(r.rijen.map((x) => x[0])).toEqual(["GM0001", "GM0002", "GM0003", "GM0004"]);
    expect(r.rijen[2]).toEqual(["GM0003", 30, 1, { formule: "=MAX(B11-C11,0)" }, "bellen"]);
    expect(r.volgordeTeruggezet).toBe(true);
    expect(r.wijzigingen).toEqual([
      {
        plek: "Opgave_Gemeenten: volgorde van de rijen",
        oud: "eigen volgorde",
        nieuw: "volgorde van Opgave",
      },
      { plek: "Opgave_Gemeenten GM0004: nieuwe rij", oud: null, nieuw: "GM0004" },
    ]);
  });

  test("rows new at the end: the plan's order, nothing moves, and the question is not asked", () => {
    const vrij = jest.fn(() => true);
    const r = samenvoegenTabel(
      gemeenten,
      {
        koppen,
        rijen: [
          ["GM0001", 10, 2, 8, null],
          ["GM0002", 20, 1, 19, null],
        ],
      },
      { blad: "Provincie", vrij },
    );
    if (r.soort !== "samengevoegd") throw new Error(r.reden);
    expect(r.rijen.map((x) => x[0])).toEqual(["GM0001", "GM0002", "GM0003", "GM0004"]);
    expect(r.verschoven).toEqual([]);
    expect(vrij).not.toHaveBeenCalled();
  });
});

describe("rows new or gone in the middle of a table (a herindeling): no existing row moves where it can stay", () => {
  const gemeenten = gemeentenTabel([1, 2, 4, 5]);
  const koppen = ["Code", "Taakstelling", "Gehuisvest", "Achterstand"];
  const opties = (vrij: boolean) => ({ blad: "Provincie", vrij: () => vrij });
  const samen = (rijen: Waarde[][], vrij: boolean) => {
    const r = samenvoegenTabel(gemeenten, { koppen, rijen }, opties(vrij));
    if (r.soort !== "samengevoegd") throw new Error(r.reden);
    return r;
  };

  test("a new row in the middle goes to the end, each formula with its row; nothing moves", () => {
    const r = samen(
      [
        ["GM0001", 10, 2, 8],
        ["GM0004", 40, 3, 37],
        ["GM0005", 50, null, 50],
      ],
      true,
    );
    expect(r.rijen).toEqual([
      ["GM0001", 10, 2, { formule: "=MAX(B9-C9,0)" }],
      ["GM0004", 40, 3, { formule: "=MAX(B10-C10,0)" }],
      ["GM0005", 50, null, { formule: "=MAX(B11-C11,0)" }],
      ["GM0002", 20, null, { formule: "=MAX(B12-C12,0)" }],
    ]);
    expect(r.verschoven).toEqual([]);
    expect(r.wijzigingen).toEqual([
      { plek: "Opgave_Gemeenten GM0002: nieuwe rij", oud: null, nieuw: "GM0002" },
    ]);
  });

  test("a row gone with the user's input is kept at the end (formulas empty): the rows below it move up, named first", () => {
    const r = samen(
      [
        ["GM0001", 10, 2, 8],
        ["GM0003", 30, 7, 23],
        ["GM0004", 40, 3, 37],
      ],
      true,
    );
    expect(r.rijen.map((x) => x[0])).toEqual(["GM0001", "GM0004", "GM0002", "GM0005", "GM0003"]);
    expect(r.rijen[1]).toEqual(["GM0004", 40, 3, { formule: "=MAX(B10-C10,0)" }]);
    expect(r.rijen[4]).toEqual(["GM0003", 30, 7, null]);
    expect(r.verweesd).toEqual(["GM0003"]);
    expect(r.verschoven).toEqual(["GM0003", "GM0004"]);
    expect(r.wijzigingen[0]).toEqual({
      plek: "Opgave_Gemeenten: plaats van de rijen",
      oud: "GM0003, GM0004",
      nieuw: "een andere rij van de tabel",
    });
  });

  test("a new row in the place of one gone without input: nothing moves", () => {
    const r = samen(
      [
        ["GM0001", 10, 2, 8],
        ["GM0003", 30, null, 30],
        ["GM0004", 40, 3, 37],
        ["GM0005", 50, 1, 49],
      ],
      true,
    );
    expect(r.rijen.map((x) => x[0])).toEqual(["GM0001", "GM0002", "GM0004", "GM0005"]);
    expect(r.verschoven).toEqual([]);
  });

  test("a row gone without input: the rows below it move up, named in the report", () => {
    const r = samen(
      [
        ["GM0000", 5, null, 5],
        ["GM0001", 10, 2, 8],
        ["GM0002", 20, null, 20],
        ["GM0004", 40, 3, 37],
        ["GM0005", 50, 1, 49],
      ],
      true,
    );
    expect(r.rijen.map((x) => x[0])).toEqual(["GM0001", "GM0002", "GM0004", "GM0005"]);
    expect(r.rijen[0]).toEqual(["GM0001", 10, 2, { formule: "=MAX(B9-C9,0)" }]);
    expect(r.verschoven).toEqual(["GM0001", "GM0002", "GM0004", "GM0005"]);
    expect(r.wijzigingen).toEqual([
      {
        plek: "Opgave_Gemeenten: plaats van de rijen",
        oud: "GM0001, GM0002, GM0004 en 1 andere",
        nieuw: "een andere rij van de tabel",
      },
      { plek: "Opgave_Gemeenten GM0000: rij vervalt", oud: "GM0000", nieuw: null },
    ]);
  });

  test("a table whose formulas read other rows keeps the plan's order: the rows that move are named", () => {
    const r = samen(
      [
        ["GM0001", 10, 2, 8],
        ["GM0004", 40, 3, 37],
        ["GM0005", 50, null, 50],
      ],
      false,
    );
    expect(r.rijen.map((x) => x[0])).toEqual(["GM0001", "GM0002", "GM0004", "GM0005"]);
    expect(r.volgordeTeruggezet).toBe(false);
    expect(r.verschoven).toEqual(["GM0004", "GM0005"]);
  });
});

test("a table edited out of shape is skipped, not overwritten", () => {
  const r = samenvoegenTabel(plan, {
    koppen: ["Periode", "Taakstelling", "Gehuisvest (aangepast)", "Achterstand"],
    rijen: [],
  });
  expect(r.soort).toBe("overgeslagen");
  if (r.soort === "overgeslagen") expect(r.reden).toContain('"Gehuisvest"');
});

test("named input cells: a non-empty user value wins", () => {
  expect(samenvoegenInvoer(30400, 35000)).toEqual({ waarde: 35000, behouden: true });
  expect(samenvoegenInvoer(30400, "")).toEqual({ waarde: 30400, behouden: false });
  expect(samenvoegenInvoer(30400, undefined)).toEqual({ waarde: 30400, behouden: false });
  expect(samenvoegenInvoer(30400, 0)).toEqual({ waarde: 0, behouden: true });
});

describe("Opgave's cells outside the tables, moved by rows the user inserted or deleted", () => {
  const blad: BladPlan = {
    naam: "Overzicht",
    blokken: [
      { start: { rij: 1, kolom: 1 }, cellen: [["Opgave — Utrecht"]], kop: true },
      {
        start: { rij: 2, kolom: 1 },
        cellen: [
          ["Gemeente", "Utrecht"],
          ["CBS-code", "GM0344"],
          ["Inwoners", 374238],
          ["Taakstelling", 272],
          ["Achterstand", { formule: "=Taakstelling!I9" }],
        ],
      },
      { start: { rij: 8, kolom: 3 }, cellen: [["toelichting bij de kosten"]] },
    ],
    invoercellen: [
      { naam: "Opgave_Kosten", positie: { rij: 8, kolom: 2 }, label: "Kosten per plaats", standaard: 0 },
    ],
    tabellen: [],
    grafieken: [],
  } as unknown as BladPlan;
  /** The sheet as a fill leaves it, with `rijen` (1-based) inserted as empty rows or deleted. */
  const zoalsGevuld = (): Map<string, Waarde> => {
    const m = new Map<string, Waarde>();
    for (const b of blad.blokken)
      b.cellen.forEach((r, i) =>
        r.forEach((c, j) =>
          m.set(`${b.start.rij + i},${b.start.kolom + j}`, typeof c === "object" && c ? 0 : c),
        ),
      );
    m.set("8,1", "Kosten per plaats");
    return m;
  };
  const verschoven = (m: Map<string, Waarde>, vanaf: number, d: number): Map<string, Waarde> =>
    new Map(
      [...m].flatMap(([k, w]) => {
        const [r = 0, c = 0] = k.split(",").map(Number);
        if (r < vanaf) return [[k, w] as const];
        if (d < 0 && r < vanaf - d) return [];
        return [[`${r + d},${c}`, w] as const];
      }),
    );
  const was = (m: Map<string, Waarde>) => (rij: number, kolom: number) => m.get(`${rij},${kolom}`) ?? null;

  test("in place, also with figures and a label that changed with the data: nothing moved", () => {
    const m = zoalsGevuld();
    expect(bladVerschuiving(blad, was(m))).toBeUndefined();
    m.set("5,1", "Taakstelling 2025-II");
    m.set("5,2", 300);
    expect(bladVerschuiving(blad, was(m))).toBeUndefined();
  });

  test("a row inserted among them or deleted: from that row on, found one row lower or higher", () => {
    const ingevoegd = verschoven(zoalsGevuld(), 4, 1);
    ingevoegd.set("4,1", "Mijn regel");
    expect(bladVerschuiving(blad, was(ingevoegd))).toEqual({ vanaf: 4, verschuiving: 1 });
    expect(bladVerschuiving(blad, was(verschoven(zoalsGevuld(), 1, 2)))).toEqual({
      vanaf: 1,
      verschuiving: 2,
    });
    expect(bladVerschuiving(blad, was(verschoven(zoalsGevuld(), 4, -1)))).toEqual({
      vanaf: 5,
      verschuiving: -1,
    });
  });

  test("a sheet column inserted before them: every text found one column to the right; nothing of theirs written", () => {
    const rechts = new Map(
      [...zoalsGevuld()].map(([k, w]) => {
        const [r = 0, c = 0] = k.split(",").map(Number);
        return [`${r},${c + 1}`, w] as const;
      }),
    );
    const v = bladVerschuiving(blad, was(rechts));
    expect(v).toEqual({ kolommen: 1 });
    expect(opHunPlaats(blad, v)).toMatchObject({ blokken: [], invoercellen: [] });
    // One text beside itself (the user typed it again one column on): not a move.
    const m = zoalsGevuld();
    m.set("2,2", "Gemeente");
    expect(bladVerschuiving(blad, was(m))).toBeUndefined();
  });

  test("the last text alone found one row lower (a row inserted above the province sheet's one label): moved", () => {
    // As the province sheet: heading texts, then one labelled figure.
    const provincie = {
      ...blad,
      naam: "Provincie",
      blokken: [
        { start: { rij: 1, kolom: 1 }, cellen: [["Provincie Gelderland"], ["Vul in"]] },
        { start: { rij: 6, kolom: 1 }, cellen: [["Opvangdoel provincie", 11704]] },
      ],
      invoercellen: [],
    } as unknown as BladPlan;
    const m = new Map<string, Waarde>([
      ["1,1", "Provincie Gelderland"],
      ["2,1", "Vul in"],
      ["6,1", "Opvangdoel provincie"],
      ["6,2", 11704],
    ]);
    expect(bladVerschuiving(provincie, was(m))).toBeUndefined();
    const ingevoegd = verschoven(m, 6, 1);
    ingevoegd.set("6,1", "Mijn regel");
    // Before, two texts had to be found: Opgave wrote its label and figure over the user's new row.
    expect(bladVerschuiving(provincie, was(ingevoegd))).toEqual({ vanaf: 6, verschuiving: 1 });
  });

  test("one text found elsewhere, with texts below it still in place, is no evidence", () => {
    const m = zoalsGevuld();
    m.set("3,1", null);
    m.set("4,1", "CBS-code");
    m.set("3,2", null);
    expect(bladVerschuiving(blad, was(m))).toBeUndefined();
  });

  test("opHunPlaats: from the first moved row nothing is written (a block reaching it whole), with one Dutch line", () => {
    const uit = opHunPlaats(blad, { vanaf: 4, verschuiving: 1 });
    expect(uit.blokken).toEqual([blad.blokken[0]]);
    expect(uit.invoercellen).toEqual([]);
    expect(uit.reden).toBe(
      "de cellen van Opgave op Overzicht staan vanaf rij 4 1 rij lager dan waar Opgave ze zette (rijen ingevoegd " +
        "of verwijderd?): die vanaf rij 2 zijn niet bijgewerkt, zodat uw regels blijven staan. Zet de rijen terug " +
        "(of verplaats uw regels naar onder de cellen van Opgave) en vul opnieuw",
    );
    expect(opHunPlaats(blad, { vanaf: 8, verschuiving: 1 }).blokken).toEqual(blad.blokken.slice(0, 2));
    expect(opHunPlaats(blad, undefined)).toEqual({ blokken: blad.blokken, invoercellen: blad.invoercellen });
  });
});

describe("weigeringVoorWerkboek: whose workbook it is", () => {
  const utrecht = planGemeente(engine, "Utrecht", TEST_BRON);
  const werkboek = (w: Partial<BestaandWerkboek> & { bezet?: string[] }): BestaandWerkboek => ({
    onderwerp: undefined,
    bladen: [],
    tabellen: [],
    namen: [],
    ...w,
    bezetteBladen: () => w.bezet ?? [],
  });

  test("the same subject, or a workbook with something of Opgave's: filled", () => {
    expect(
      weigeringVoorWerkboek(utrecht, werkboek({ onderwerp: "gemeente GM0344 (Utrecht)" })),
    ).toBeUndefined();
    // Bron gone, but Opgave's table or input name is there: Opgave's sheets, whatever they hold.
    const opgave = { naam: "Opgave_Taakstelling", blad: "Taakstelling" };
    for (const w of [{ tabellen: [opgave], bladen: ["Taakstelling"] }, { namen: ["opgave_kostenperplaats"] }])
      expect(weigeringVoorWerkboek(utrecht, werkboek({ ...w, bezet: ["Taakstelling"] }))).toBeUndefined();
    // Nothing of Opgave's and no sheet of the user's where Opgave writes (none, or an empty one): filled.
    expect(
      weigeringVoorWerkboek(
        utrecht,
        werkboek({ tabellen: [{ naam: "Tabel1", blad: "Blad1" }], namen: ["Mijn_naam"] }),
      ),
    ).toBeUndefined();
  });

  test("another subject, or a sheet of the user's with values where Opgave writes: refused, said in Dutch", () => {
    const ander = weigeringVoorWerkboek(utrecht, werkboek({ onderwerp: "gemeente GM0307 (Amersfoort)" }));
    expect(ander).toEqual({
      soort: "anderOnderwerp",
      was: "gemeente GM0307 (Amersfoort)",
      wordt: "gemeente GM0344 (Utrecht)",
    });
    const eigen = weigeringVoorWerkboek(
      utrecht,
      werkboek({ tabellen: [{ naam: "Tabel1", blad: "Blad1" }], bezet: ["bron", "Kosten"] }),
    );
    expect(eigen && weigeringTekst(eigen, "x.xlsx")).toBe(
      'x.xlsx is niet door Opgave gevuld en heeft al de bladen "bron", "Kosten" van u, die Opgave zou overschrijven: ' +
        "geef die bladen een andere naam.",
    );
  });

  test("a sheet of Opgave's the user renamed (its table on a sheet of another name): refused, said in Dutch", () => {
    const bladen = utrecht.bladen.map((b) => b.naam).filter((n) => n !== "Taakstelling");
    const tabellen = [
      { naam: "Opgave_Taakstelling", blad: "Mijn taakstelling" },
      { naam: "Opgave_Kosten", blad: "Kosten" },
    ];
    const w = werkboek({
      onderwerp: "gemeente GM0344 (Utrecht)",
      bladen: [...bladen, "Mijn taakstelling"],
      tabellen,
    });
    const hernoemd = weigeringVoorWerkboek(utrecht, w);
    expect(hernoemd).toEqual({
      soort: "hernoemd",
      bladen: [{ was: "Taakstelling", nu: "Mijn taakstelling", tabel: "Opgave_Taakstelling" }],
    });
    expect(hernoemd && weigeringTekst(hernoemd, "x.xlsx")).toBe(
      'x.xlsx heeft een blad van Opgave onder een andere naam: "Taakstelling" heet nu "Mijn taakstelling" (met ' +
        "tabel Opgave_Taakstelling). Opnieuw vullen zou een nieuw blad onder de oude naam maken, terwijl uw " +
        "formules en de namen van Opgave naar het hernoemde blad wijzen. Geef het blad zijn oude naam terug en " +
        "probeer het dan opnieuw.",
    );
    // Another subject's workbook says so first; the name in other capitals is the same sheet (as Excel compares).
    expect(weigeringVoorWerkboek(utrecht, { ...w, onderwerp: "gemeente GM0307 (Amersfoort)" })?.soort).toBe(
      "anderOnderwerp",
    );
    const klein = {
      ...w,
      bladen: [...bladen, "taakstelling"],
      tabellen: [{ ...tabellen[0]!, blad: "taakstelling" }],
    };
    expect(weigeringVoorWerkboek(utrecht, klein)).toBeUndefined();
    // A sheet deleted with its table: nothing renamed (the fill makes it anew).
    expect(weigeringVoorWerkboek(utrecht, { ...w, bladen, tabellen: tabellen.slice(1) })).toBeUndefined();
  });

  test("where a sheet is looked at: blocks, input cells with their labels, tables with header and totals", () => {
    const kosten = utrecht.bladen.find((b) => b.naam === "Kosten")!;
    const r = planRechthoeken(kosten);
    expect(r.length).toBe(kosten.blokken.length + kosten.invoercellen.length + kosten.tabellen.length);
    const t = kosten.tabellen[0]!;
    expect(r.at(-1)).toEqual({ ...t.start, rijen: t.rijen.length + 2, kolommen: t.kolommen.length });
  });
});

test("a kept input outside its cell's rule is named as Excel shows the number: never 'Infinity'", () => {
  const ic: InvoerCel = {
    naam: "Opgave_KostenPerPlaats",
    label: "Kosten per plaats",
    positie: { rij: 5, kolom: 2 },
    standaard: null,
    validatie: { soort: "decimaal", min: 0, titel: "Kosten", invoer: "Een bedrag.", fout: "Geen bedrag." },
  };
  // Before: "Kosten per plaats op Kosten!B5: Infinity (geen eindig getal)" (a number a broken file can hold).
  expect(invoerCelAfwijking("Kosten", ic, Infinity)).toEqual({
    buitenRegel: "Kosten per plaats op Kosten!B5: oneindig (geen eindig getal)",
  });
  expect(invoerCelAfwijking("Kosten", ic, -12.5)).toEqual({
    buitenRegel: "Kosten per plaats op Kosten!B5: -12,5 (kleiner dan 0, het minimum van de cel)",
  });
});
