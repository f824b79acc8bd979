import { samenvoegenInvoer, samenvoegenTabel } from "../../src/workbook/samenvoegen";
import type { TabelPlan } from "../../src/workbook/plan";

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
