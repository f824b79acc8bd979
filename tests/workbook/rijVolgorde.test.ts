import { planGemeente, planProvincie } from "../../src/workbook/bouwPlan";
import { verplaatsRij, verwijzingenIn } from "../../src/workbook/kolomVerplaatsing";
import type { BladPlan, TabelPlan, WerkboekPlan } from "../../src/workbook/plan";
import { rijvolgordeVrij, vrijeRijvolgorde } from "../../src/workbook/rijVolgorde";
import { engine } from "../domain/helpers";
import { TEST_BRON } from "./werkboekHulp";

describe("verplaatsRij: a formula moved with its row, as Excel sorts", () => {
  test("references on its own sheet to that row move; other rows, other sheets and text stay", () => {
    expect(verplaatsRij("=MAX(B9-C9,0)+$D$9+'Mijn blad'!B9+F10", "Provincie", 9, 12)).toBe(
      "=MAX(B12-C12,0)+$D$12+'Mijn blad'!B9+F10",
    );
    expect(verplaatsRij('=IF(E9="E9",Provincie!E9:G9,"")', "Provincie", 9, 3)).toBe(
      '=IF(E3="E9",Provincie!E3:G3,"")',
    );
    expect(verplaatsRij("=SUM(F9:F59)", "Provincie", 9, 12)).toBe("=SUM(F12:F59)");
    expect(verplaatsRij("=B9", "Provincie", 9, 9)).toBe("=B9");
  });

  test("verwijzingenIn: sheet, rows and columns of every reference", () => {
    expect(verwijzingenIn("=SUM(F59:F9)+'Eigen blad'!B3+Opgave_Beginsaldo", "Provincie")).toEqual([
      { blad: "Provincie", rechthoek: { rij: 9, kolom: 6, rijen: 51, kolommen: 1 } },
      { blad: "Eigen blad", rechthoek: { rij: 3, kolom: 2, rijen: 1, kolommen: 1 } },
    ]);
  });
});

describe("vrijeRijvolgorde: which tables may keep the order the user sorted them in", () => {
  test("the real plans: the Taakstelling chain reads the row above, the other tables only their own row", () => {
    expect([...vrijeRijvolgorde(planGemeente(engine, "Utrecht", TEST_BRON))].sort()).toEqual([
      "Opgave_Bronnen",
      "Opgave_Kleinschalig",
      "Opgave_Kosten",
      "Opgave_Opvang",
    ]);
    expect([...vrijeRijvolgorde(planProvincie(engine, "Gelderland", "2024-I", TEST_BRON))].sort()).toEqual([
      "Opgave_Bronnen",
      "Opgave_Provincie",
    ]);
  });

  const tabel: TabelPlan = {
    naam: "Opgave_T",
    start: { rij: 1, kolom: 1 },
    sleutelKolom: "code",
    kolommen: [
      { sleutel: "code", kop: "Code", soort: "gegeven" },
      { sleutel: "n", kop: "N", soort: "formule" },
    ],
    rijen: [
      ["a", { formule: "=LEN(A2)" }],
      ["b", { formule: "=LEN(A3)" }],
      ["c", { formule: "=LEN(A4)" }],
    ],
  };
  const metBlok = (formule: string): WerkboekPlan => {
    const blad: BladPlan = {
      naam: "Blad",
      blokken: [{ start: { rij: 10, kolom: 1 }, cellen: [[{ formule }]] }],
      invoercellen: [],
      tabellen: [tabel],
      grafieken: [],
    };
    const andere: BladPlan = { naam: "Ander", blokken: [], invoercellen: [], tabellen: [], grafieken: [] };
    return {
      formaat: "opgave-werkboek",
      formaatVersie: 1,
      onderwerp: { soort: "gemeente", code: "GM0000", naam: "Proef" },
      bladen: [blad, andere],
    } as unknown as WerkboekPlan;
  };

  test("a formula elsewhere that reads one row ties the order; one over all rows, or another sheet's cell, not", () => {
    expect(vrijeRijvolgorde(metBlok("=SUM(B2:B4)")).has("Opgave_T")).toBe(true);
    expect(vrijeRijvolgorde(metBlok("=Ander!B3+SUM(B1:B20)")).has("Opgave_T")).toBe(true);
    expect(vrijeRijvolgorde(metBlok("=B3")).has("Opgave_T")).toBe(false);
    expect(vrijeRijvolgorde(metBlok("=SUM(B2:B3)")).has("Opgave_T")).toBe(false);
    expect(vrijeRijvolgorde(metBlok("=Blad!A4")).has("Opgave_T")).toBe(false);
  });

  test("rijvolgordeVrij works it out once, when first asked", () => {
    const plan = metBlok("=1");
    const vraag = rijvolgordeVrij(plan);
    expect(vraag("Opgave_T")).toBe(true);
    expect(vraag("Opgave_X")).toBe(false);
  });
});
