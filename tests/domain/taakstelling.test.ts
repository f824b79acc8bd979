import fc from "fast-check";
import { Engine } from "../../src/domain/engine";
import { art29 } from "../../src/domain/taakstelling";
import { parsePeriode, periodeCode, periodeStart } from "../../src/domain/periode";
import { OpgaveFout } from "../../src/domain/fouten";
import { standaardDataset } from "../../src/data/embedded";
import { engine, fout } from "./helpers";

// Figures typed over from the sources (data/bronnen), so the test does not lean on the engine's own lookups.
const NL = { 2021: 17_475_415, 2022: 17_590_672, 2023: 17_811_291, 2024: 17_942_942 };
const ceil = (vg: number, iG: number, iN: number) => Math.ceil((vg * iG) / iN);

describe("art. 29: ⌈vg × iG / iN⌉ with inhabitants of 1 January of the previous year", () => {
  test("Utrecht 2024-I = ⌈18,750 × 367,947 / 17,811,291⌉", () => {
    const t = engine.taakstelling("Utrecht", "2024-I");
    expect(t.aantal).toBe(ceil(18_750, 367_947, NL[2023]));
    expect(t.aantal).toBe(388);
    expect(t.herkomst).toMatchObject({
      soort: "berekend",
      vg: 18_750,
      iG: 367_947,
      iN: NL[2023],
      peildatum: "2023-01-01",
    });
    expect(t.herkomst.label).toContain("art. 29");
  });

  test("2025 uses 1-1-2024 and the lowered national number (17,700 → 15,000)", () => {
    const t = engine.taakstelling("GM0344", "2025-I");
    expect(t.aantal).toBe(ceil(15_000, 374_238, NL[2024]));
    expect(t.herkomst.landelijk.eerdereAantallen).toEqual([17_700]);
    expect(engine.bron("Utrecht", "2025-I")).toContain("bijgesteld van 17.700 naar 15.000");
  });

  test("the same answer for every way of writing gemeente and period", () => {
    const a = engine.taakstelling("Utrecht", "2024-I").aantal;
    for (const [g, p] of [
      ["GM0344", "eerste helft 2024"],
      [344, "H1 2024"],
      ["utrecht", 45383],
      ["0344", "2024-1"],
    ] as const) {
      expect(engine.taakstelling(g, p).aantal).toBe(a);
    }
  });
});

describe("art. 30: mergers use the sum of the parts on the reference date", () => {
  test("Voorne aan Zee 2023-I = Brielle + Hellevoetsluis + Westvoorne on 1-1-2022", () => {
    const delen = 17_704 + 40_574 + 14_960;
    expect(delen).toBe(73_238); // CBS, 1-1-2022 on 2023 boundaries (gemeenten_2023_2024.csv)
    const t = engine.taakstelling("Voorne aan Zee", "2023-I");
    expect(t.aantal).toBe(ceil(21_200, delen, NL[2022]));
    expect(t.herkomst.delen).toEqual(["GM0501", "GM0530", "GM0614"]);
    expect(t.herkomst.label).toContain("art. 29 en 30");
    expect(engine.bron("Voorne aan Zee", "2023-I")).toContain("Brielle + Hellevoetsluis + Westvoorne");
  });

  test("Weesp before and after 24-3-2022", () => {
    expect(engine.taakstelling("Weesp", "2022-I").aantal).toBe(ceil(10_000, 20_445, NL[2021]));
    expect(engine.taakstelling("Amsterdam", "2022-I").aantal).toBe(ceil(10_000, 873_338, NL[2021]));
    // From 2022-II Amsterdam includes Weesp: sum of both on 1-1-2021.
    expect(engine.taakstelling("Amsterdam", "2022-II").aantal).toBe(ceil(13_500, 873_338 + 20_445, NL[2021]));
    expect(fout(() => engine.taakstelling("Weesp", "2022-II"), "nietBeschikbaar").message).toContain(
      "Amsterdam",
    );
    // 2023 uses 1-1-2022, when Weesp still existed: again the sum of both.
    expect(engine.taakstelling("Amsterdam", "2023-I").aantal).toBe(ceil(21_200, 882_633 + 20_766, NL[2022]));
  });

  test("Land van Cuijk 2022-I sums its five predecessors of 1-1-2021", () => {
    const t = engine.taakstelling("Land van Cuijk", "2022-I");
    expect(t.herkomst.delen).toHaveLength(5);
    const reg = engine.register;
    const som = t.herkomst.delen.reduce((a, c) => a + (reg.gemeenten.get(c)?.inwoners["2021"] ?? NaN), 0);
    expect(t.herkomst.iG).toBe(som);
    expect(t.aantal).toBe(ceil(10_000, som, NL[2021]));
  });

  test("a split or partial transfer cannot be expressed in whole gemeenten: clear #N/A", () => {
    expect(fout(() => engine.taakstelling("Het Hogeland", "2019-I"), "nietBeschikbaar").message).toMatch(
      /grondgebied/,
    );
    expect(fout(() => engine.taakstelling("Leeuwarden", "2018-I"), "nietBeschikbaar").message).toContain(
      "Littenseradiel",
    );
    // Once the reference date is after the change, it is an ordinary calculation again.
    expect(engine.taakstelling("Het Hogeland", "2020-II").aantal).toBeGreaterThan(0);
  });
});

describe("unknown national totals are never guessed", () => {
  test.each(["2016-I", "2018-II", "2020-I", "2021-I", "2021-II", "2024-II", "2026-I", "2015-I"])(
    "%s → #N/A",
    (p) => {
      const f = fout(() => engine.taakstelling("Utrecht", p), "nietBeschikbaar");
      expect(f.message).toContain("niet bekend");
      expect(f.message).toContain("schat");
    },
  );
  test("outside the dataset → #N/A naming the range", () => {
    expect(fout(() => engine.taakstelling("Utrecht", "2030-I"), "nietBeschikbaar").message).toMatch(
      /2015-I t\/m 2026-I/,
    );
  });
});

describe("official figures win over the calculation", () => {
  test("an official per-gemeente number is used and labelled officieel", () => {
    const ds = standaardDataset();
    const metOfficieel = new Engine({
      ...ds,
      officieleTaakstelling: [
        { periode: "2024-I", gemeente: "GM0344", aantal: 401, bron: "Bijlage A, Stcrt. test" },
      ],
    });
    const t = metOfficieel.taakstelling("Utrecht", "2024-I");
    expect(t.aantal).toBe(401);
    expect(t.herkomst.soort).toBe("officieel");
    expect(metOfficieel.bron("Utrecht", "2024-I")).toContain("officieel");
    expect(metOfficieel.bron("Utrecht", "2024-I")).toContain("Bijlage A");
    // Other gemeenten remain computed.
    expect(metOfficieel.taakstelling("Amersfoort", "2024-I").herkomst.soort).toBe("berekend");
  });
});

describe("invariants", () => {
  test("art29 equals the exact ceiling (BigInt) and bounds the share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 20_000_000 }),
        (vg, iG, extra) => {
          const iN = iG + extra;
          const t = art29(vg, iG, iN);
          const share = (vg * iG) / iN;
          expect(t).toBeGreaterThanOrEqual(share - 1e-9);
          expect(t).toBeLessThan(share + 1);
        },
      ),
    );
  });

  test("over a partition: Σ ≥ vg and Σ < vg + n; monotone in vg", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (inwoners, vg, meer) => {
          const iN = inwoners.reduce((a, b) => a + b, 0);
          const som = inwoners.reduce((a, iG) => a + art29(vg, iG, iN), 0);
          expect(som).toBeGreaterThanOrEqual(vg);
          expect(som).toBeLessThan(vg + inwoners.length);
          for (const iG of inwoners.slice(0, 20))
            expect(art29(vg + meer, iG, iN)).toBeGreaterThanOrEqual(art29(vg, iG, iN));
        },
      ),
    );
  });

  // On the real data: every period with a known national number, every gemeente that existed on its first day.
  const bekend = standaardDataset().landelijkeTaakstelling.filter((l) => l.aantal !== null);
  test.each(bekend.map((l) => [l.periode, l.aantal!]))(
    "%s: share ≤ t < share + 1 per gemeente; vg ≤ Σ < vg + n",
    (periode, vg) => {
      const p = parsePeriode(periode);
      const gemeenten = engine.register.gemeentenOp(periodeStart(p));
      let som = 0;
      let n = 0;
      let nietExact = 0;
      for (const g of gemeenten) {
        let t;
        try {
          t = engine.taakstellingVan(g, p);
        } catch (e) {
          expect(e).toBeInstanceOf(OpgaveFout); // only the documented split cases
          nietExact++;
          continue;
        }
        const share = (vg * t.herkomst.iG!) / t.herkomst.iN!;
        expect(t.aantal).toBeGreaterThanOrEqual(share - 1e-9);
        expect(t.aantal).toBeLessThan(share + 1);
        som += t.aantal;
        n++;
      }
      if (nietExact === 0) {
        expect(som).toBeGreaterThanOrEqual(vg);
        expect(som).toBeLessThan(vg + n);
      } else {
        // 2018 (Littenseradiel) and 2019 (Winsum): only the gemeenten whose territory changed partially.
        expect(["2018", "2019"]).toContain(periodeCode(p).slice(0, 4));
        expect(nietExact).toBeLessThanOrEqual(3);
      }
    },
  );

  test("2024-I: the municipal numbers sum to more than 18,750 (rounding up)", () => {
    const som = engine
      .tabel("2024-I")
      .reduce((a, r) => a + (r.taakstelling instanceof OpgaveFout ? NaN : r.taakstelling.aantal), 0);
    expect(som).toBeGreaterThan(18_750);
    expect(engine.tabel("2024-I")).toHaveLength(342);
  });
});

describe("TAAKSTELLING's number alone (taakstellingAantal): the taakstelling's number, the same error", () => {
  /** Every gemeente by code and by name × every period of the dataset, and inputs that fail in each way. */
  function vragen(e: Engine): Array<[string | number, string | number]> {
    const perioden = [
      ...e.dataset.landelijkeTaakstelling.map((l) => l.periode),
      "2014-II",
      "2024-i",
      "2024-III",
    ];
    const gemeenten: Array<string | number> = e.dataset.gemeenten.flatMap((g) => [g.code, g.naam]);
    gemeenten.push(344, "Utrecht (gemeente)", "Bergen", "Onbekendstad", "");
    return gemeenten.flatMap((g) => perioden.map((p): [string | number, string | number] => [g, p]));
  }

  function vergelijk(e: Engine, vraag: Array<[string | number, string | number]>) {
    let getallen = 0;
    let fouten = 0;
    for (const [g, p] of vraag) {
      const aantal = e.taakstellingAantal(g, p); // asked first: its own memory fills itself
      const volledig = e.taakstellingUitkomst(g, p);
      if (volledig instanceof OpgaveFout) {
        expect(aantal).toBe(volledig); // the same instance: one Excel error per reason
        fouten++;
      } else {
        expect(aantal).toBe(volledig.aantal);
        getallen++;
      }
      expect(e.taakstellingAantal(g, p)).toBe(aantal); // from memory
    }
    return { getallen, fouten };
  }

  // Some 20,000 questions: about 2 s alone, more beside the browser and LibreOffice suites (jest's 5 s is tight).
  test("over the whole dataset, by code and by name, with every kind of error", () => {
    const { getallen, fouten } = vergelijk(new Engine(standaardDataset()), vragen(engine));
    expect(getallen).toBeGreaterThan(10_000);
    expect(fouten).toBeGreaterThan(10_000);
  }, 30_000);

  test("an error the computation throws (a part without inhabitants) is answered as the same error", () => {
    const ds = standaardDataset();
    // Weesp (merged into Amsterdam on 24-3-2022) without inhabitants: Amsterdam's parts cannot be counted.
    const zonder = {
      ...ds,
      gemeenten: ds.gemeenten.map((g) => (g.code === "GM0457" ? { ...g, inwoners: {} } : g)),
    };
    const e = new Engine(zonder);
    const aantal = e.taakstellingAantal("Amsterdam", "2022-II");
    expect(aantal).toBeInstanceOf(OpgaveFout);
    expect((aantal as OpgaveFout).message).toContain("Weesp");
    expect(
      vergelijk(e, [
        ["Amsterdam", "2022-II"],
        ["GM0363", "2022-II"],
        ["GM0363", "2024-I"],
      ]).fouten,
    ).toBe(2);
  });
});
