import {
  blokkenOpHunPlaats,
  blokVerschuiving,
  samenvoegenInvoer,
  samenvoegenTabel,
} from "../../src/workbook/samenvoegen";
import type { BlokPlan, TabelPlan, Waarde } from "../../src/workbook/plan";

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
  expect(r.wijzigingen).toEqual([{ plek: "Opgave_Test 2024-I: Taakstelling", oud: 380, nieuw: 388 }]);
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

describe("blocks whose rows the user moved", () => {
  const blok: BlokPlan = {
    start: { rij: 2, kolom: 1 },
    cellen: [
      ["Gemeente", "Utrecht"],
      ["CBS-code", "GM0344"],
      ["Inwoners", 374238],
      ["Taakstelling", 272],
      ["Achterstand", { formule: "=Taakstelling!I9" }],
    ],
  };
  /** The workbook's cells in the block's range: the plan's rows, `rijen` moved (inserted: null rows). */
  const werkboek =
    (rijen: readonly (readonly Waarde[])[]) =>
    (i: number, j: number): Waarde =>
      rijen[i]?.[j] ?? null;
  const alsPlan = blok.cellen.map((r) => r.map((c) => (typeof c === "object" && c !== null ? 0 : c)));

  test("in place, also with figures and a label that changed with the data: 0", () => {
    expect(blokVerschuiving(blok, werkboek(alsPlan))).toBe(0);
    const anders = alsPlan.map((r, i) => (i === 3 ? ["Taakstelling 2025-II", 300] : r));
    expect(blokVerschuiving(blok, werkboek(anders))).toBe(0);
  });

  test("a row inserted inside or above the block: 1; one deleted: -1", () => {
    const ingevoegd = [alsPlan[0] ?? [], ["Mijn regel", 42], ...alsPlan.slice(1, -1)];
    expect(blokVerschuiving(blok, werkboek(ingevoegd))).toBe(1);
    expect(blokVerschuiving(blok, werkboek([[null, null], ...alsPlan.slice(0, -1)]))).toBe(1);
    expect(blokVerschuiving(blok, werkboek([...alsPlan.slice(0, 1), ...alsPlan.slice(2), [null]]))).toBe(-1);
  });

  test("a single text that matches elsewhere is no evidence; a one-row block never moves", () => {
    const een = [
      [null, null],
      ["Gemeente", "x"],
      [null, null],
      [null, null],
      [null, null],
    ];
    expect(blokVerschuiving(blok, werkboek(een))).toBe(0);
    const titel: BlokPlan = { start: { rij: 1, kolom: 1 }, cellen: [["Opgave — Utrecht"]], kop: true };
    expect(blokVerschuiving(titel, () => "iets anders")).toBe(0);
  });

  test("blokkenOpHunPlaats: the first moved block and every block below it stay, with one Dutch line", () => {
    const titel: BlokPlan = { start: { rij: 1, kolom: 1 }, cellen: [["Opgave — Utrecht"]], kop: true };
    const noot: BlokPlan = { start: { rij: 9, kolom: 1 }, cellen: [["Achterstand rekent met uw invoer."]] };
    const ingevoegd = [alsPlan[0] ?? [], ["Mijn regel", 42], ...alsPlan.slice(1, -1)];
    const was = (b: BlokPlan, i: number, j: number): Waarde =>
      b === blok ? werkboek(ingevoegd)(i, j) : b === titel ? "Opgave — Utrecht" : "iets van u";
    const uit = blokkenOpHunPlaats("Overzicht", [titel, blok, noot], was);
    expect(uit.blokken).toEqual([titel]);
    expect(uit.reden).toBe(
      "de cellen van Opgave vanaf Overzicht!A2 staan 1 rij lager dan waar Opgave ze zette (rijen ingevoegd of " +
        "verwijderd?): zij en die eronder zijn niet bijgewerkt, zodat uw regels blijven staan. Zet de rijen terug " +
        "(of verplaats uw regels naar onder de cellen van Opgave) en vul opnieuw",
    );
    const opZijnPlaats = (b: BlokPlan, i: number, j: number): Waarde => {
      const c = b.cellen[i]?.[j] ?? null;
      return typeof c === "object" && c !== null ? 0 : c;
    };
    expect(blokkenOpHunPlaats("Overzicht", [titel, blok, noot], opZijnPlaats)).toEqual({
      blokken: [titel, blok, noot],
    });
  });
});
