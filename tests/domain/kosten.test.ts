import fc from "fast-check";
import type { KostenNorm, Prikkel } from "../../src/data/schema";
import { kostenBerichten } from "../../src/domain/berichten";
import { OpgaveFout, type FoutSoort } from "../../src/domain/fouten";
import {
  oekraineVergoeding,
  opvangKosten,
  parseFase,
  parseJaNee,
  parseSoortOekraine,
  parseSoortOpvang,
  prikkelBedrag,
} from "../../src/domain/kosten";
import type { Dag } from "../../src/domain/periode";

// Fixtures mirroring data/bronnen/kosten_normbedragen.csv and spreidingswet_financiele_prikkel.csv
// (independent of the generated dataset.json).
function norm(
  soort: KostenNorm["soort"],
  vanaf: string,
  tot: string | null,
  bedrag: number,
  eenheid: KostenNorm["eenheid"],
  status = "vastgesteld",
): KostenNorm {
  return { soort, vanaf, tot, bedrag, eenheid, status, toelichting: "", bron: `https://bron.test/${soort}` };
}

const NORMEN: KostenNorm[] = [
  norm("coa-regulier", "2022-01-01", "2022-12-31", 27100, "jaar"),
  norm("coa-regulier", "2023-01-01", "2023-12-31", 30400, "jaar"),
  norm("coa-nood", "2022-01-01", "2022-12-31", 53400, "jaar"),
  norm("coa-nood", "2023-01-01", "2023-12-31", 69400, "jaar"),
  norm("oekraine-goo", "2022-03-01", "2022-10-14", 100, "dag"),
  norm("oekraine-goo", "2022-10-15", "2023-12-31", 83, "dag"),
  norm("oekraine-goo", "2024-01-01", "2024-12-31", 61, "dag"),
  norm("oekraine-goo", "2025-01-01", null, 44, "dag", "aangekondigd"),
  norm("oekraine-poo", "2022-03-01", "2023-12-31", 210, "maand"),
  norm("oekraine-poo", "2024-01-01", "2024-12-31", 92, "maand"),
  norm("oekraine-poo", "2025-01-01", null, 48, "maand", "eenheid onzeker"),
];

function prikkel(fase: Prikkel["fase"], duurzaam: boolean | null, bedrag: number): Prikkel {
  return {
    fase,
    duurzaam,
    bedrag,
    omschrijving: `${fase} ${String(duurzaam)}`,
    status: "nieuwsbericht",
    bron: "x",
  };
}

const PRIKKELS: Prikkel[] = [
  prikkel("landelijk", true, 5000),
  prikkel("landelijk", false, 2500),
  prikkel("provinciaal", true, 4000),
  prikkel("provinciaal", false, 1500),
  prikkel("aanwijzing", null, 1500),
];

const d = (dag: number, maand: number, jaar: number): Dag => ({ jaar, maand, dag });

function fout(f: () => unknown, soort: FoutSoort): OpgaveFout {
  try {
    f();
  } catch (e) {
    if (!(e instanceof OpgaveFout)) throw e;
    expect(e.soort).toBe(soort);
    return e;
  }
  throw new Error("verwachtte een OpgaveFout");
}

describe("opvangKosten (COA per bewoner per jaar)", () => {
  test("100 regular places in 2023 = 100 × 30,400 = 3,040,000", () => {
    const r = opvangKosten(NORMEN, 100, 2023, "regulier");
    expect(r.bedrag).toBe(3_040_000);
    expect(r.tariefPerJaar).toBe(30400);
    expect(r.herkomst).toBe(
      "COA reguliere opvang 2023: € 30.400 per bewoner per jaar (bron https://bron.test/coa-regulier)",
    );
    expect(r.bron).toBe("https://bron.test/coa-regulier");
    expect(r.waarschuwingen).toEqual([]);
  });

  test("noodopvang 2022: 25 × 53,400 = 1,335,000", () => {
    const r = opvangKosten(NORMEN, 25, 2022, "nood");
    expect(r.bedrag).toBe(1_335_000);
    expect(r.herkomst).toContain("COA noodopvang 2022: € 53.400 per bewoner per jaar");
  });

  test("a year without a figure lists the known years", () => {
    const e = fout(() => opvangKosten(NORMEN, 10, 2024, "regulier"), "nietBeschikbaar");
    expect(e.message).toBe(
      "Geen COA-bedrag voor 2024 (reguliere opvang); bekend: 2022, 2023. Geef zelf een bedrag op.",
    );
  });

  test("own amount: 12 × 32,500.50 = 390,006; used and labelled, also when the year is known", () => {
    const r = opvangKosten(NORMEN, 12, 2025, "regulier", 32500.5);
    expect(r.bedrag).toBe(390_006);
    expect(r.herkomst).toBe("eigen bedrag (opgegeven): € 32.500,50 per bewoner per jaar");
    expect(opvangKosten(NORMEN, 1, 2023, "regulier", 1000).bedrag).toBe(1000);
  });

  test("0 places cost 0; invalid input is #VALUE!", () => {
    expect(opvangKosten(NORMEN, 0, 2023, "nood").bedrag).toBe(0);
    fout(() => opvangKosten(NORMEN, -1, 2023, "regulier"), "ongeldig");
    fout(() => opvangKosten(NORMEN, 2.5, 2023, "regulier"), "ongeldig");
    fout(() => opvangKosten(NORMEN, NaN, 2023, "regulier"), "ongeldig");
    fout(() => opvangKosten(NORMEN, 10, 2023.5, "regulier"), "ongeldig");
    fout(() => opvangKosten(NORMEN, 10, 2024, "regulier", -1), "ongeldig");
  });

  test("an open-ended yearly norm counts only for the year it starts in", () => {
    const normen = [...NORMEN, norm("coa-regulier", "2024-01-01", null, 33000, "jaar", "aangekondigd")];
    expect(opvangKosten(normen, 2, 2024, "regulier").bedrag).toBe(66_000);
    expect(opvangKosten(normen, 2, 2024, "regulier").waarschuwingen[0]).toContain("aangekondigd");
    const e = fout(() => opvangKosten(normen, 2, 2025, "regulier"), "nietBeschikbaar");
    expect(e.message).toContain("bekend: 2022, 2023, 2024.");
  });

  test("a rate no number can hold (data that bypassed the bundle's bounds): the engine's error, not BigInt's", () => {
    const normen = [norm("coa-regulier", "2023-01-01", "2023-12-31", 1e308, "jaar")];
    const e = fout(() => opvangKosten(normen, 100, 2023, "regulier"), "ongeldig");
    expect(e.message).toBe(
      "De uitkomst is te groot om te berekenen; controleer de ingevoerde getallen (zie docs/grenzen.md).",
    );
    fout(() => prikkelBedrag([prikkel("landelijk", true, Infinity)], 10, "landelijk", true), "ongeldig");
  });

  test("parseSoortOpvang", () => {
    expect(parseSoortOpvang("regulier")).toBe("regulier");
    expect(parseSoortOpvang(" Nood ")).toBe("nood");
    expect(parseSoortOpvang("noodopvang")).toBe("nood");
    expect(parseSoortOpvang("Crisisnoodopvang")).toBe("nood");
    fout(() => parseSoortOpvang("hotel"), "ongeldig");
  });
});

describe("prikkelBedrag (Spreidingswet, eenmalig per plaats)", () => {
  test("150 places, landelijk, duurzaam = 150 × 5,000 = 750,000", () => {
    const r = prikkelBedrag(PRIKKELS, 150, "landelijk", true);
    expect(r).toMatchObject({ bedrag: 750_000, perPlaats: 5000, status: "nieuwsbericht", bron: "x" });
  });

  test("provinciaal niet duurzaam: 40 × 1,500 = 60,000", () => {
    expect(prikkelBedrag(PRIKKELS, 40, "provinciaal", false).bedrag).toBe(60_000);
  });

  test("aanwijzing ignores duurzaam: 80 × 1,500 = 120,000 either way", () => {
    expect(prikkelBedrag(PRIKKELS, 80, "aanwijzing", true).bedrag).toBe(120_000);
    expect(prikkelBedrag(PRIKKELS, 80, "aanwijzing", false).bedrag).toBe(120_000);
  });

  test("no matching row → #N/A; bad plaatsen → #VALUE!", () => {
    fout(() => prikkelBedrag([], 10, "landelijk", true), "nietBeschikbaar");
    fout(() => prikkelBedrag(PRIKKELS, -5, "landelijk", true), "ongeldig");
  });

  test("parseFase", () => {
    expect(parseFase("landelijk")).toBe("landelijk");
    expect(parseFase("Landelijke fase")).toBe("landelijk");
    expect(parseFase("PROVINCIAAL")).toBe("provinciaal");
    expect(parseFase("provinciale  fase")).toBe("provinciaal");
    expect(parseFase("Aanwijzing")).toBe("aanwijzing");
    const e = fout(() => parseFase("gemeentelijk"), "ongeldig");
    expect(e.message).toContain('"landelijk", "provinciaal" of "aanwijzing"');
  });

  test("parseJaNee", () => {
    for (const v of ["ja", "JA", "waar", "true", "1", "duurzaam", 1, true] as const)
      expect(parseJaNee(v)).toBe(true);
    for (const v of ["nee", "onwaar", "FALSE", "0", "niet duurzaam", "Niet-duurzaam", 0, false] as const) {
      expect(parseJaNee(v)).toBe(false);
    }
    fout(() => parseJaNee("misschien"), "ongeldig");
    fout(() => parseJaNee(2), "ongeldig");
  });
});

describe("oekraineVergoeding (BooO)", () => {
  test("GOO 10 places 1-10-2022..31-10-2022: (14 × 100 + 17 × 83) × 10 = 28,110", () => {
    // Oct 1–14 = 14 days at € 100 → 1,400; Oct 15–31 = 17 days at € 83 → 1,411; 2,811 per place × 10.
    const r = oekraineVergoeding(NORMEN, 10, d(1, 10, 2022), d(31, 10, 2022), "GOO");
    expect(r.bedrag).toBe(28_110);
    expect(r.delen).toEqual([
      expect.objectContaining({
        vanaf: d(1, 10, 2022),
        tot: d(14, 10, 2022),
        tarief: 100,
        eenheid: "dag",
        aantal: 14,
        bedrag: 14_000,
      }),
      expect.objectContaining({
        vanaf: d(15, 10, 2022),
        tot: d(31, 10, 2022),
        tarief: 83,
        eenheid: "dag",
        aantal: 17,
        bedrag: 14_110,
      }),
    ]);
    expect(r.waarschuwingen).toEqual([]);
    expect(r.conventie).toBe(kostenBerichten.conventieOekraine);
  });

  test("GOO 3 places 20-12-2023..10-1-2024 across the 2023→2024 change", () => {
    // Dec 20–31 2023 = 12 days × 83 = 996; Jan 1–10 2024 = 10 days × 61 = 610; (996 + 610) × 3 = 4,818.
    const r = oekraineVergoeding(NORMEN, 3, d(20, 12, 2023), d(10, 1, 2024), "GOO");
    expect(r.bedrag).toBe(4818);
    expect(r.delen.map((x) => [x.aantal, x.tarief, x.bedrag])).toEqual([
      [12, 83, 2988],
      [10, 61, 1830],
    ]);
  });

  test("GOO a single day counts as 1 day", () => {
    expect(oekraineVergoeding(NORMEN, 7, d(14, 10, 2022), d(14, 10, 2022), "GOO").bedrag).toBe(700);
  });

  test("POO 5 persons 15-2-2024..15-3-2024: partial months pro rata", () => {
    // Feb 2024 has 29 days: 15–29 Feb = 15 days → 15/29; March 1–15 = 15 days of 31 → 15/31.
    // 15/29 + 15/31 = (465 + 435)/899 = 900/899 month; 5 × 92 × 900/899 = 414,000/899 = 460.5116… → 460.51.
    const r = oekraineVergoeding(NORMEN, 5, d(15, 2, 2024), d(15, 3, 2024), "POO");
    expect(r.bedrag).toBe(460.51);
    expect(r.delen).toHaveLength(1);
    expect(r.delen[0]?.eenheid).toBe("maand");
    expect(r.delen[0]?.aantal).toBeCloseTo(900 / 899, 12);
  });

  test("POO across 31-12-2023/1-1-2024", () => {
    // 2 persons 1-12-2023..31-1-2024: December full = 1 month × 210, January full = 1 month × 92 → 302 × 2 = 604.
    const vol = oekraineVergoeding(NORMEN, 2, d(1, 12, 2023), d(31, 1, 2024), "POO");
    expect(vol.bedrag).toBe(604);
    expect(vol.delen.map((x) => [x.aantal, x.tarief, x.bedrag])).toEqual([
      [1, 210, 420],
      [1, 92, 184],
    ]);
    // 1 person 17-12-2023..16-1-2024: Dec 17–31 = 15/31 × 210 = 3150/31; Jan 1–16 = 16/31 × 92 = 1472/31;
    // (3150 + 1472)/31 = 4622/31 = 149.0967… → 149.10.
    const deels = oekraineVergoeding(NORMEN, 1, d(17, 12, 2023), d(16, 1, 2024), "POO");
    expect(deels.bedrag).toBe(149.1);
    expect(deels.delen.map((x) => x.bedrag)).toEqual([101.61, 47.48]); // 3150/31 = 101.6129…, 1472/31 = 47.4838…
  });

  test("POO whole year 2024 = 12 months × 92 = 1,104 per person", () => {
    expect(oekraineVergoeding(NORMEN, 1, d(1, 1, 2024), d(31, 12, 2024), "POO").bedrag).toBe(1104);
  });

  test("a range starting before the first rate names 1-3-2022", () => {
    for (const soort of ["GOO", "POO"] as const) {
      const e = fout(
        () => oekraineVergoeding(NORMEN, 1, d(1, 2, 2022), d(31, 3, 2022), soort),
        "nietBeschikbaar",
      );
      expect(e.message).toContain("Geen normbedrag vóór 1-3-2022");
    }
  });

  test("a range ending after 2025 names 31-12-2025 (open end applied up to the end of its year)", () => {
    const e = fout(
      () => oekraineVergoeding(NORMEN, 1, d(1, 12, 2025), d(1, 1, 2026), "GOO"),
      "nietBeschikbaar",
    );
    expect(e.message).toContain("Na 31-12-2025 is geen normbedrag bekend");
    // With 0 places too: never a silent zero.
    fout(() => oekraineVergoeding(NORMEN, 0, d(1, 1, 2026), d(2, 1, 2026), "POO"), "nietBeschikbaar");
  });

  test("2025 rates carry their status as a warning", () => {
    // GOO: 31 days of Dec 2025 × 44 × 2 = 2,728.
    const goo = oekraineVergoeding(NORMEN, 2, d(1, 12, 2025), d(31, 12, 2025), "GOO");
    expect(goo.bedrag).toBe(2728);
    expect(goo.waarschuwingen.some((w) => w.includes("aangekondigd"))).toBe(true);
    expect(goo.waarschuwingen.some((w) => w.includes("31-12-2025"))).toBe(true);
    const poo = oekraineVergoeding(NORMEN, 1, d(1, 12, 2024), d(31, 1, 2025), "POO");
    expect(poo.bedrag).toBe(140); // 92 + 48
    expect(poo.waarschuwingen.some((w) => w.includes("eenheid onzeker"))).toBe(true);
    // A range wholly before 2025 has no warning.
    expect(oekraineVergoeding(NORMEN, 1, d(1, 1, 2024), d(31, 12, 2024), "GOO").waarschuwingen).toEqual([]);
  });

  test("a gap between norms is #N/A, not zero", () => {
    const metGat = NORMEN.filter((n) => !(n.soort === "oekraine-goo" && n.vanaf === "2024-01-01"));
    const e = fout(
      () => oekraineVergoeding(metGat, 1, d(1, 12, 2023), d(1, 2, 2025), "GOO"),
      "nietBeschikbaar",
    );
    expect(e.message).toBe("Geen normbedrag bekend van 1-1-2024 t/m 31-12-2024.");
  });

  test("invalid input is #VALUE!", () => {
    fout(() => oekraineVergoeding(NORMEN, 1, d(2, 10, 2022), d(1, 10, 2022), "GOO"), "ongeldig");
    fout(() => oekraineVergoeding(NORMEN, 1, d(30, 2, 2024), d(1, 3, 2024), "GOO"), "ongeldig");
    fout(() => oekraineVergoeding(NORMEN, 1.5, d(1, 10, 2022), d(2, 10, 2022), "GOO"), "ongeldig");
    fout(() => oekraineVergoeding(NORMEN, -1, d(1, 10, 2022), d(2, 10, 2022), "POO"), "ongeldig");
  });

  test("parseSoortOekraine", () => {
    expect(parseSoortOekraine("GOO")).toBe("GOO");
    expect(parseSoortOekraine("gemeentelijk")).toBe("GOO");
    expect(parseSoortOekraine("poo")).toBe("POO");
    expect(parseSoortOekraine("Particulier")).toBe("POO");
    fout(() => parseSoortOekraine("hotel"), "ongeldig");
  });
});

describe("money formatting", () => {
  test("euro()", () => {
    expect(kostenBerichten.euro(30400)).toBe("€ 30.400");
    expect(kostenBerichten.euro(1234.5)).toBe("€ 1.234,50");
    expect(kostenBerichten.euro(0.1 + 0.2)).toBe("€ 0,30");
  });
});

// ------------------------------------------------------------------------------------------------------------
// Properties

const MS = 86400000;
const dagNr = (x: Dag) => Date.UTC(x.jaar, x.maand - 1, x.dag) / MS;
const uitNr = (n: number): Dag => {
  const t = new Date(n * MS);
  return { jaar: t.getUTCFullYear(), maand: t.getUTCMonth() + 1, dag: t.getUTCDate() };
};
const EERSTE = dagNr(d(1, 3, 2022));
const LAATSTE = dagNr(d(31, 12, 2025));

/** van ≤ splits < tot, all within the known rates. */
const bereikMetSplitsing = fc
  .tuple(
    fc.integer({ min: EERSTE, max: LAATSTE }),
    fc.integer({ min: EERSTE, max: LAATSTE }),
    fc.integer({ min: EERSTE, max: LAATSTE }),
  )
  .map((xs) => xs.sort((a, b) => a - b))
  .filter(([, s, t]) => s !== undefined && t !== undefined && s < t)
  .map(([v, s, t]) => ({
    van: uitNr(v ?? 0),
    splits: uitNr(s ?? 0),
    naSplits: uitNr((s ?? 0) + 1),
    tot: uitNr(t ?? 0),
  }));

describe("properties", () => {
  test("splitting a range at any day gives the same total (within 1 cent), GOO and POO", () => {
    fc.assert(
      fc.property(
        bereikMetSplitsing,
        fc.integer({ min: 0, max: 5000 }),
        fc.constantFrom("GOO" as const, "POO" as const),
        ({ van, splits, naSplits, tot }, plaatsen, soort) => {
          const heel = oekraineVergoeding(NORMEN, plaatsen, van, tot, soort).bedrag;
          const a = oekraineVergoeding(NORMEN, plaatsen, van, splits, soort).bedrag;
          const b = oekraineVergoeding(NORMEN, plaatsen, naSplits, tot, soort).bedrag;
          // Compare in whole cents (the amounts are rounded to cents; float sums of euros are not exact).
          const c = (x: number) => Math.round(x * 100);
          expect(Math.abs(c(heel) - c(a) - c(b))).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("the total is monotone in plaatsen", () => {
    fc.assert(
      fc.property(
        bereikMetSplitsing,
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.constantFrom("GOO" as const, "POO" as const),
        ({ van, tot }, p, q, soort) => {
          const [klein, groot] = p <= q ? [p, q] : [q, p];
          const a = oekraineVergoeding(NORMEN, klein, van, tot, soort).bedrag;
          const b = oekraineVergoeding(NORMEN, groot, van, tot, soort).bedrag;
          expect(a).toBeLessThanOrEqual(b);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("per-day total = Σ over the days of the rate of that day × plaatsen", () => {
    const tariefOp = (x: Dag): number => {
      const iso = `${x.jaar}-${String(x.maand).padStart(2, "0")}-${String(x.dag).padStart(2, "0")}`;
      if (iso <= "2022-10-14") return 100;
      if (iso <= "2023-12-31") return 83;
      if (iso <= "2024-12-31") return 61;
      return 44;
    };
    fc.assert(
      fc.property(bereikMetSplitsing, fc.integer({ min: 0, max: 5000 }), ({ van, tot }, plaatsen) => {
        let som = 0;
        for (let n = dagNr(van); n <= dagNr(tot); n++) som += tariefOp(uitNr(n));
        const r = oekraineVergoeding(NORMEN, plaatsen, van, tot, "GOO");
        expect(r.bedrag).toBe(som * plaatsen);
        expect(r.delen.reduce((s, x) => s + x.aantal, 0)).toBe(dagNr(tot) - dagNr(van) + 1);
      }),
      { numRuns: 200 },
    );
  });

  test("POO over whole calendar months = number of months × rate", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2022 * 12 + 2, max: 2025 * 12 + 11 }),
        fc.integer({ min: 2022 * 12 + 2, max: 2025 * 12 + 11 }),
        fc.integer({ min: 0, max: 1000 }),
        (m1, m2, plaatsen) => {
          const [a, b] = m1 <= m2 ? [m1, m2] : [m2, m1];
          const van = d(1, (a % 12) + 1, Math.floor(a / 12));
          const tot = uitNr(dagNr(d(1, ((b + 1) % 12) + 1, Math.floor((b + 1) / 12))) - 1);
          let som = 0;
          for (let m = a; m <= b; m++) {
            const jaar = Math.floor(m / 12);
            som += jaar <= 2023 ? 210 : jaar === 2024 ? 92 : 48;
          }
          expect(oekraineVergoeding(NORMEN, plaatsen, van, tot, "POO").bedrag).toBe(som * plaatsen);
        },
      ),
      { numRuns: 200 },
    );
  });
});
