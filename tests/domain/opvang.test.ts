import fc from "fast-check";
import { verdeelNaarRato } from "../../src/domain/opvang";
import { engine, fout } from "./helpers";

const ds = engine.dataset;
const besluit96 = ds.opvangBesluiten.find((b) => b.id === "spreidingswet-96000")!;
const huidige = ds.gemeenten.filter((g) => g.tot === null);
const opvang96 = (code: string, soort?: string) => engine.opvangGemeente(code, soort, "96000");

describe("the 96,000 decision: published numbers and the documented estimate", () => {
  test("per province the gemeente targets sum exactly to the published provincial target", () => {
    expect(besluit96.provincies).toHaveLength(12);
    for (const p of besluit96.provincies) {
      const som = huidige
        .filter((g) => g.provincie === p.provincie)
        .reduce((a, g) => a + opvang96(g.code).aantal, 0);
      expect([p.provincie, som]).toEqual([p.provincie, p.totaal]);
    }
    expect(huidige.reduce((a, g) => a + opvang96(g.code).aantal, 0)).toBe(96_002);
  });

  test("published municipal numbers are returned unchanged and labelled", () => {
    expect(besluit96.gemeenten).toHaveLength(45);
    for (const pub of besluit96.gemeenten) {
      const c = opvang96(pub.gemeente);
      expect(c.aantal).toBe(pub.totaal);
      expect(c.herkomst).toBe("gepubliceerd");
    }
    expect(opvang96("Amsterdam").aantal).toBe(4479);
    expect(opvang96("Bloemendaal").toelichting.join(" ")).toContain("172");
  });

  test("other gemeenten get the estimate, labelled as such", () => {
    const zeist = opvang96("Zeist");
    expect(zeist.herkomst).toBe("schatting");
    expect(zeist.toelichting[0]).toContain("zonder SES-WOA");
    // Fryslân: 3391 − the 15 published = 571 for Tytsjerksteradiel, Waadhoeke and Weststellingwerf together.
    const drie = ["Tytsjerksteradiel", "Waadhoeke", "Weststellingwerf"].map((n) => opvang96(n).aantal);
    expect(drie.reduce((a, x) => a + x, 0)).toBe(571);
  });

  test("amv = round(total × 8,140 / 96,000), matching the three published pairs", () => {
    for (const [naam, totaal, amv] of [
      ["Den Haag", 2513, 213],
      ["Utrecht", 1988, 169],
      ["Bloemendaal", 169, 14],
    ] as const) {
      expect(opvang96(naam).aantal).toBe(totaal);
      expect(opvang96(naam, "amv").aantal).toBe(amv);
      expect(Math.round((totaal * 8140) / 96000)).toBe(amv);
    }
    const zeist = opvang96("Zeist");
    expect(opvang96("Zeist", "amv").aantal).toBe(Math.round((zeist.aantal * 8140) / 96000));
    expect(opvang96("Zeist", "amv").toelichting.join(" ")).toContain("8.140 / 96.000");
  });
});

describe("later decisions and the default", () => {
  test("the latest decision with a figure for the gemeente is the default, and it names that decision", () => {
    expect(engine.opvangGemeente("Wassenaar").aantal).toBe(930);
    expect(engine.opvangGemeente("Wassenaar").besluit.id).toBe("verdeelbesluit-2024-12");
    expect(engine.opvangGemeente("Den Haag").aantal).toBe(2189);
    expect(engine.opvangGemeente("Den Haag", "amv").aantal).toBe(348);
    expect(engine.opvangGemeente("Alphen aan den Rijn").aantal).toBe(628);
    expect(engine.opvangGemeente("Alphen aan den Rijn").besluit.id).toBe("raming-88000");
    expect(engine.opvangGemeente("Zeist").besluit.id).toBe("spreidingswet-96000");
  });

  test("no estimate for partial decisions; no amv where none is published", () => {
    expect(
      fout(() => engine.opvangGemeente("Zeist", "totaal", "88000"), "nietBeschikbaar").message,
    ).toContain("geen cijfer");
    expect(
      fout(() => engine.opvangGemeente("Wassenaar", "amv", "verdeelbesluit"), "nietBeschikbaar").message,
    ).toContain("amv");
  });

  test("provinces: default latest, a named decision, amv published or derived, history", () => {
    expect(engine.opvangProvincie("Zuid-Holland").aantal).toBe(18_175);
    expect(engine.opvangProvincie("Zuid-Holland", "totaal", "96000").aantal).toBe(19_776);
    expect(engine.opvangProvincie("Gelderland", "amv").aantal).toBe(992);
    const utrechtAmv = engine.opvangProvincie("Utrecht", "amv", "96000");
    expect(utrechtAmv.aantal).toBe(Math.round((8207 * 8140) / 96000));
    expect(utrechtAmv.herkomst).toBe("schatting");
    expect(engine.opvangProvincie("Drenthe", "totaal", "coa-2024-a").aantal).toBe(3553);
    expect(engine.opvangProvincie("Friesland", "amv", "coa-2024-b").aantal).toBe(189);
  });

  test("scenario: the gemeente's share of its decision applied to N, labelled a scenario", () => {
    const s = engine.opvangScenario("Zeist", 88_000);
    const basis = engine.opvangGemeente("Zeist").aantal;
    expect(s.aantal).toBe(Math.round((basis * 88_000) / 96_000));
    expect(s.herkomst).toBe("scenario");
    expect(s.toelichting[0]).toContain("scenario");
    expect(engine.opvangScenario("Zeist", 96_000).aantal).toBe(basis);
    fout(() => engine.opvangScenario("Zeist", 0), "ongeldig");
  });

  test("input errors: unknown decision lists the known ones; bad soort; former gemeente", () => {
    expect(fout(() => engine.opvangGemeente("Zeist", "totaal", "1999"), "ongeldig").message).toContain(
      "spreidingswet-96000",
    );
    expect(fout(() => engine.opvangGemeente("Zeist", "kinderen"), "ongeldig").message).toContain("amv");
    fout(() => engine.opvangGemeente("Weesp"), "nietBeschikbaar");
  });
});

describe("verdeelNaarRato (largest remainder) invariants", () => {
  test("non-negative, exact sum, monotone in weight", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 0, max: 30_000 }),
        (gewichten, totaal) => {
          const a = verdeelNaarRato(totaal, gewichten);
          expect(a.reduce((x, y) => x + y, 0)).toBe(totaal);
          for (const x of a) expect(x).toBeGreaterThanOrEqual(0);
          for (let i = 0; i < gewichten.length; i++)
            for (let j = 0; j < gewichten.length; j++)
              if (gewichten[i]! > gewichten[j]!) expect(a[i]!).toBeGreaterThanOrEqual(a[j]!);
          const som = gewichten.reduce((x, y) => x + y, 0);
          a.forEach((x, i) => expect(Math.abs(x - (totaal * gewichten[i]!) / som)).toBeLessThan(1));
        },
      ),
    );
  });

  test("on the real data: estimates are non-negative and rise with population within a province", () => {
    const gepubliceerd = new Set(besluit96.gemeenten.map((g) => g.gemeente));
    for (const p of besluit96.provincies) {
      const geschat = huidige.filter((g) => g.provincie === p.provincie && !gepubliceerd.has(g.code));
      for (const g of geschat) {
        for (const h of geschat) {
          if ((g.inwoners["2023"] ?? 0) > (h.inwoners["2023"] ?? 0)) {
            expect(opvang96(g.code).aantal).toBeGreaterThanOrEqual(opvang96(h.code).aantal);
          }
        }
        expect(opvang96(g.code).aantal).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
