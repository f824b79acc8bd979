/**
 * Issue 14: a national number of the user's own (TAAKSTELLING's `landelijk`, the ledger's per-period rule) and
 * the scenario for a coming half-year (TAAKSTELLINGSCENARIO).
 */
import { Engine } from "../../src/domain/engine";
import { berekenTaakstellingEigen, herkomstTekst } from "../../src/domain/taakstelling";
import { parsePeriode, periodeStart } from "../../src/domain/periode";
import { OpgaveFout } from "../../src/domain/fouten";
import { standaardDataset } from "../../src/data/embedded";
import { engine, fout } from "./helpers";

// Typed over from the sources (data/bronnen/cbs_bevolking_1jan_regio_2012_2024.csv).
const NL = { 2023: 17_811_291, 2024: 17_942_942 };
const UTRECHT = { 2023: 367_947, 2024: 374_238 };
const ceil = (vg: number, iG: number, iN: number) => Math.ceil((vg * iG) / iN);

describe("art. 29 with the user's own national number", () => {
  test("Utrecht 2024-II with 40,000 = ⌈40,000 × 367,947 / 17,811,291⌉ = 827, labelled eigen invoer", () => {
    const t = engine.taakstellingEigen("Utrecht", "2024-II", 40_000);
    expect(t.aantal).toBe(ceil(40_000, UTRECHT[2023], NL[2023]));
    expect(t.aantal).toBe(827);
    expect(t.herkomst).toMatchObject({
      soort: "eigen",
      vg: 40_000,
      iG: UTRECHT[2023],
      peildatum: "2023-01-01",
    });
    expect(t.herkomst.label).toContain("landelijk getal eigen invoer");
    const tekst = herkomstTekst(engine.register, t);
    expect(tekst).toContain(
      "landelijk 2024-II: 40.000 (landelijk getal eigen invoer; in de dataset voor 2024-II: geen getal)",
    );
    expect(tekst).toContain("inwoners per 1-1-2023");
    expect(engine.bronMet("Utrecht", "2024-I", 20_000)).toContain(
      "in de dataset voor 2024-I: 18.750 (vastgesteld)",
    );
  });

  test("with the dataset's own number it equals the computed taakstelling, for every gemeente of 2024-I", () => {
    const p = parsePeriode("2024-I");
    for (const g of engine.register.gemeentenOp(periodeStart(p))) {
      expect([g.naam, berekenTaakstellingEigen(engine.register, g, p, 18_750).aantal]).toEqual([
        g.naam,
        engine.taakstellingVan(g, p).aantal,
      ]);
    }
  });

  test("art. 30 applies as well: Voorne aan Zee 2023-I with 21,200 = 89", () => {
    const t = engine.taakstellingEigen("Voorne aan Zee", "2023-I", 21_200);
    expect(t.aantal).toBe(engine.taakstelling("Voorne aan Zee", "2023-I").aantal);
    expect(t.herkomst.delen).toHaveLength(3);
    expect(t.herkomst.label).toContain("art. 29 en 30");
  });

  test("an official figure does not apply to an own national number", () => {
    const metOfficieel = new Engine({
      ...standaardDataset(),
      officieleTaakstelling: [{ periode: "2024-I", gemeente: "GM0344", aantal: 401, bron: "Bijlage A" }],
    });
    expect(metOfficieel.taakstelling("Utrecht", "2024-I").aantal).toBe(401);
    expect(metOfficieel.taakstellingEigen("Utrecht", "2024-I", 18_750)).toMatchObject({
      aantal: 388,
      herkomst: { soort: "eigen" },
    });
  });

  test("the period's population date outside the data: #N/A that says so and points to the scenario", () => {
    const e = fout(() => engine.taakstellingEigen("Utrecht", "2027-I", 20_000), "nietBeschikbaar");
    expect(e.message).toBe(
      "Voor 2027-I zijn de inwoners op 1-1-2026 nodig (art. 29 Hvw 2014); die staan niet in de dataset " +
        "(2015–2024). Voor een schatting met de laatst bekende inwoners: TAAKSTELLINGSCENARIO.",
    );
    expect(
      fout(() => engine.taakstellingEigen("Utrecht", "2015-I", 20_000), "nietBeschikbaar").message,
    ).toContain("1-1-2014");
  });

  test("the number is a count of persons within its range", () => {
    for (const n of [0, -5, 200_001, 1.5, 1e308, NaN]) {
      expect(fout(() => engine.taakstellingEigen("Utrecht", "2024-I", n), "ongeldig").message).toContain(
        "1 t/m 200.000",
      );
    }
    expect(engine.taakstellingEigen("Utrecht", "2024-I", 200_000).aantal).toBe(
      ceil(200_000, UTRECHT[2023], NL[2023]),
    );
  });

  test("the ledger uses it per half-year where given (an empty place: the dataset's number)", () => {
    const rijen = engine.verloopTabel("Utrecht", "2025-I", [300, 350, 200, 150], 0, [
      undefined,
      undefined,
      20_000,
      undefined,
    ]);
    expect(rijen.map((r) => (r.taakstelling instanceof OpgaveFout ? null : r.taakstelling.aantal))).toEqual([
      engine.taakstelling("Utrecht", "2023-II").aantal,
      388,
      ceil(20_000, UTRECHT[2023], NL[2023]),
      engine.taakstelling("Utrecht", "2025-I").aantal,
    ]);
    expect(rijen.every((r) => r.regel !== null)).toBe(true);
    expect(
      fout(() => engine.verloopTabel("Utrecht", "2025-I", [1, 2], 0, [20_000]), "ongeldig").message,
    ).toContain("2 cellen");
  });
});

describe("TAAKSTELLINGSCENARIO: planning ahead", () => {
  test("a half-year beyond the data: the latest known inhabitants (1-1-2024), labelled scenario", () => {
    const s = engine.taakstellingScenario("Utrecht", 20_000, "2027-I");
    expect(s.aantal).toBe(ceil(20_000, UTRECHT[2024], NL[2024]));
    expect(s).toMatchObject({ peildatum: "2024-01-01", peildatumVanPeriode: false, iN: NL[2024] });
    expect(s.label).toMatch(/^scenario \(geen officieel of berekend cijfer\)/);
    expect(s.label).toContain("inwoners per 1-1-2024 (laatst bekend; de peildatum van 2027-I is 1-1-2026)");
  });

  test("a half-year whose reference date is in the data: those inhabitants (equal to art. 29)", () => {
    const s = engine.taakstellingScenario("Utrecht", 18_750, "2024-I");
    expect(s.aantal).toBe(388);
    expect(s.peildatumVanPeriode).toBe(true);
    expect(s.label).toContain("inwoners per 1-1-2023 (peildatum van 2024-I)");
    expect(engine.taakstellingScenario("Voorne aan Zee", 21_200, "2023-I").aantal).toBe(89);
  });

  test("without a half-year: the latest inhabitants, today's gemeenten only", () => {
    const s = engine.taakstellingScenario("Utrecht", 20_000);
    expect(s.aantal).toBe(ceil(20_000, UTRECHT[2024], NL[2024]));
    expect(s.label).toContain("inwoners per 1-1-2024 (laatst bekend)");
    expect(fout(() => engine.taakstellingScenario("Weesp", 20_000), "nietBeschikbaar").message).toContain(
      "Amsterdam",
    );
  });

  test("before the data: #N/A (a scenario is for a coming half-year); the range is guarded", () => {
    expect(
      fout(() => engine.taakstellingScenario("Utrecht", 20_000, "2014-I"), "nietBeschikbaar").message,
    ).toContain("1-1-2015");
    fout(() => engine.taakstellingScenario("Utrecht", 0, "2027-I"), "ongeldig");
  });

  test("the scenarios of all gemeenten sum to at least the national number and less than it plus their count", () => {
    const gemeenten = engine.register.gemeentenOp(periodeStart(parsePeriode("2027-I")));
    const som = gemeenten.reduce(
      (a, g) => a + engine.taakstellingScenario(g.code, 20_000, "2027-I").aantal,
      0,
    );
    expect(som).toBeGreaterThanOrEqual(20_000);
    expect(som).toBeLessThan(20_000 + gemeenten.length);
  });
});
