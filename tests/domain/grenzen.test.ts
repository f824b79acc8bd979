import fs from "fs";
import path from "path";
import { aanhaling, bereik, bronStatus, getalInvoer } from "../../src/domain/berichten";
import { invoerNoot } from "../../src/domain/gemeenten";
import { binnen, binnenGrenzen, GRENZEN, type Grootheid } from "../../src/domain/grenzen";
import { kleinschaligeOpties } from "../../src/domain/kleinschalig";
import { opvangKosten } from "../../src/domain/kosten";
import { suggesties } from "../../src/domain/namen";
import { standaardDataset } from "../../src/data/embedded";
import { engine, fout } from "./helpers";

describe("GRENZEN: one table of ranges, documented in docs/grenzen.md", () => {
  test("the table in docs/grenzen.md equals GRENZEN, row for row", () => {
    const tekst = fs.readFileSync(path.resolve(__dirname, "../../docs/grenzen.md"), "utf8");
    const rijen = tekst
      .split("\n")
      .filter((r) => /^\| `/.test(r))
      .map((r) =>
        r
          .split("|")
          .slice(1, 5)
          .map((c) => c.trim()),
      );
    const verwacht = Object.entries(GRENZEN).map(([naam, g]: [string, Grootheid]) => [
      `\`${naam}\``,
      g.omschrijving,
      bereik(g),
      g.geheel ? "ja" : "nee",
    ]);
    expect(rijen).toEqual(verwacht);
  });

  test("bounds are inclusive; NaN, ±Infinity, and fractions of a count are outside", () => {
    const g = GRENZEN.plaatsen;
    expect([0, 1, 200_000].map((n) => binnenGrenzen(g, n))).toEqual([true, true, true]);
    for (const n of [-1, 200_001, 0.5, NaN, Infinity, -Infinity, 1e308, -1e308])
      expect(binnenGrenzen(g, n)).toBe(false);
    expect(binnenGrenzen(GRENZEN.vasteKosten, 1234.56)).toBe(true);
    expect(binnenGrenzen(GRENZEN.vasteKosten, -0.01)).toBe(false);
    expect(binnenGrenzen(GRENZEN.beginsaldo, -100_000)).toBe(true);
  });

  test("every range is finite and ordered; counts have whole bounds", () => {
    for (const g of Object.values(GRENZEN) as Grootheid[]) {
      expect(Number.isFinite(g.min) && Number.isFinite(g.max) && g.min < g.max).toBe(true);
      if (g.geheel) expect(Number.isInteger(g.min) && Number.isInteger(g.max)).toBe(true);
    }
  });

  test("a value outside: #VALUE! (ongeldig) naming the argument, the value and the range", () => {
    const e = fout(() => binnen("plaatsen", 1e308, GRENZEN.plaatsen), "ongeldig");
    expect(e.message).toBe(
      "plaatsen: 1E+308 is niet toegestaan; gebruik een geheel getal van 0 t/m 200.000 (aantal opvangplaatsen of personen).",
    );
    expect(fout(() => binnen("vastekosten", -5, GRENZEN.vasteKosten)).message).toContain(
      "€ 0 t/m € 100.000.000",
    );
    expect(fout(() => binnen("jaar", 2023.5, GRENZEN.jaar)).message).toContain("1900 t/m 2200");
  });
});

describe("the domain's own checks use the same ranges", () => {
  const basis = {
    plaatsen: 300,
    minimum: 50,
    maximum: 200,
    maxLocaties: undefined,
    vasteKostenPerLocatie: 200_000,
    duurzaam: true,
    kostenPerPlaats: 30_400,
    bonusDuurzaam: 5_000,
    bonusNietDuurzaam: 2_500,
  };
  test("KLEINSCHALIG: a negative or absurd fixed cost, absurd sizes are refused", () => {
    expect(fout(() => kleinschaligeOpties({ ...basis, vasteKostenPerLocatie: -1 })).message).toContain(
      "Vaste kosten per locatie",
    );
    fout(() => kleinschaligeOpties({ ...basis, vasteKostenPerLocatie: 1e308 }), "ongeldig");
    fout(() => kleinschaligeOpties({ ...basis, maximum: 1e308 }), "ongeldig");
    fout(() => kleinschaligeOpties({ ...basis, maxLocaties: Infinity }), "ongeldig");
    expect(kleinschaligeOpties({ ...basis, vasteKostenPerLocatie: 0 }).length).toBeGreaterThan(0);
  });

  test("costs: an own amount of 1e306 is refused (it used to reach BigInt(Infinity))", () => {
    const normen = standaardDataset().kostenNormen;
    const e = fout(() => opvangKosten(normen, 100, 2023, "regulier", 1e306), "ongeldig");
    expect(e.message).toContain("€ 0 t/m € 1.000.000");
    expect(opvangKosten(normen, 200_000, 2023, "regulier", 1_000_000).bedrag).toBe(200_000_000_000);
  });

  test("ledger and scenario", () => {
    fout(() => engine.verloop("Utrecht", "2024-I", [1e308]), "ongeldig");
    fout(() => engine.verloop("Utrecht", "2024-I", [1], -1e308), "ongeldig");
    fout(() => engine.opvangScenario("Utrecht", 1e308), "ongeldig");
    expect(engine.opvangScenario("Utrecht", 1_000_000).aantal).toBeGreaterThan(0);
  });
});

describe("messages: source markers, empty text, what the user typed", () => {
  test("source status markers become Dutch sentences", () => {
    expect(bronStatus("NIET GEVONDEN")).toBe("niet gevonden in de beschikbare bronnen");
    expect(bronStatus("NIET GEVONDEN (prognose 8.000)")).toBe(
      "niet gevonden in de beschikbare bronnen; genoemd: prognose 8.000",
    );
    expect(bronStatus("ONZEKER: 'beoogde 152 plekken'")).toBe(
      "onzeker volgens de bron; genoemd: 'beoogde 152 plekken'",
    );
    expect(bronStatus("STRIJDIG")).toBe("de bronnen spreken elkaar tegen");
    expect(bronStatus("gerealiseerd AFGELEID")).toBe("afgeleid, niet zelf gepubliceerd");
    expect(bronStatus("vastgesteld (minimaal)")).toBe("vastgesteld (minimaal)");
  });

  test("no message about a period without a national number shows a raw marker", () => {
    const onbekend = standaardDataset().landelijkeTaakstelling.filter((l) => l.aantal === null);
    expect(onbekend.some((l) => l.statusTekst.startsWith("NIET GEVONDEN"))).toBe(true);
    for (const l of onbekend) {
      const e = fout(() => engine.landelijk(l.periode), "nietBeschikbaar");
      expect(e.message).not.toMatch(/NIET GEVONDEN|[A-Z]{5,}/);
      expect(e.message).toMatch(/^De landelijke taakstelling voor \d{4}-I{1,2} is niet bekend \(/);
    }
  });

  test("what the user typed, quoted sensibly", () => {
    expect(aanhaling('""')).toBe("(lege tekst)");
    expect(aanhaling("  ")).toBe("(lege tekst)");
    expect(aanhaling("Utrech")).toBe('"Utrech"');
    expect(aanhaling('zeg "hoi"')).toBe('‘zeg "hoi"’');
    expect(aanhaling("x".repeat(100_000))).toBe(`"${"x".repeat(39)}…"`);
    expect(aanhaling(1e308)).toBe("1E+308");
    expect(aanhaling(2.5)).toBe("2,5");
    expect(aanhaling(true)).toBe("WAAR");
    expect(getalInvoer(-200_000)).toBe("-200.000");
    // Before: "0" for 1e-300 (ten decimals), and "1.5E+308" with a point.
    expect([1e-300, 1.5e-12, 0.0004, 1.5e308, 0].map(getalInvoer)).toEqual([
      "1E-300",
      "1,5E-12",
      "0,0004",
      "1,5E+308",
      "0",
    ]);
    expect(fout(() => engine.gemeente('""')).message).toBe(
      "Gemeente (lege tekst) niet gevonden. Controleer de naam of gebruik de CBS-code.",
    );
  });

  test("input the lookup ignored is named; ordinary names and codes are not", () => {
    const naam = () => "Utrecht";
    for (const gewoon of [
      "Utrecht",
      "'s-Hertogenbosch",
      "Bergen (NH.)",
      "Súdwest-Fryslân",
      "GM0344",
      " Zeist ",
    ])
      expect(invoerNoot(gewoon, naam)).toBe("");
    expect(invoerNoot(344, naam)).toBe("");
    for (const vreemd of ["=Utrecht", "@Utrecht", "+Utrecht", "-Utrecht", '"Utrecht"', "Utrecht;"])
      expect(invoerNoot(vreemd, naam)).toBe(`; invoer ${aanhaling(vreemd)} gelezen als Utrecht`);
  });

  test("suggestions skip names whose length alone rules them out (a pasted page costs no full comparisons)", () => {
    const kandidaten = [{ sleutel: "utrecht", waarde: "Utrecht" }];
    expect(suggesties("x".repeat(100_000), kandidaten)).toEqual([]);
    expect(suggesties("utreht", kandidaten)).toEqual(["Utrecht"]);
  });
});
