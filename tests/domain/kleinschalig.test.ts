import fc from "fast-check";
import { kleinschaligeOpties, MAX_OPTIES, type KleinschaligVraag } from "../../src/domain/kleinschalig";
import { OpgaveFout } from "../../src/domain/fouten";

const basis: KleinschaligVraag = {
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

test("300 places, 50–200 per location: hand-checked options", () => {
  const opties = kleinschaligeOpties(basis);
  // n = 2 … 6 locations: sizes 150, 100, 75, 60, 50 — all exactly 300 places.
  expect(opties.map((o) => [o.locaties, o.grootte, o.totaal, o.overschot])).toEqual([
    [2, 150, 300, 0],
    [3, 100, 300, 0],
    [4, 75, 300, 0],
    [5, 60, 300, 0],
    [6, 50, 300, 0],
  ]);
  const [twee, drie] = opties;
  // 2 × 150: durable bonus (> 100 per location): 300 × 5,000; yearly 300 × 30,400 + 2 × 200,000.
  expect(twee).toMatchObject({
    duurzaamBonus: true,
    bonus: 1_500_000,
    jaarkosten: 9_520_000,
    vasteKosten: 400_000,
  });
  // 3 × 100: not > 100 → non-durable rate.
  expect(drie).toMatchObject({ duurzaamBonus: false, bonus: 750_000, jaarkosten: 9_720_000 });
});

test("a request below the minimum gives one location of the minimum size, with its surplus", () => {
  expect(kleinschaligeOpties({ ...basis, plaatsen: 30 })).toEqual([
    expect.objectContaining({ locaties: 1, grootte: 50, totaal: 50, overschot: 20 }),
  ]);
});

test("uneven division rounds the size up and shows the surplus", () => {
  const o = kleinschaligeOpties({ ...basis, plaatsen: 301 }).find((x) => x.locaties === 4)!;
  expect(o).toMatchObject({ grootte: 76, totaal: 304, overschot: 3 });
});

test("impossible or invalid requests are refused clearly", () => {
  const fout = (v: Partial<KleinschaligVraag>) => {
    try {
      kleinschaligeOpties({ ...basis, ...v });
    } catch (e) {
      expect(e).toBeInstanceOf(OpgaveFout);
      return (e as OpgaveFout).message;
    }
    throw new Error("geen fout");
  };
  expect(fout({ plaatsen: 1000, maxLocaties: 3 })).toContain("niet te halen");
  expect(fout({ minimum: 300 })).toContain("groter dan de maximale");
  expect(fout({ plaatsen: 0 })).toContain("1 t/m 200.000");
  expect(fout({ plaatsen: 12.5 })).toContain("geheel getal");
  expect(fout({ minimum: 0 })).toContain("Minimum");
});

test("properties: every option covers the request, sizes within bounds, bounded length, sorted by cost", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 20_000 }),
      fc.integer({ min: 1, max: 150 }),
      fc.integer({ min: 0, max: 400 }),
      fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
      fc.integer({ min: 0, max: 1_000_000 }),
      (plaatsen, minimum, extra, maxLocaties, vast) => {
        const v = {
          ...basis,
          plaatsen,
          minimum,
          maximum: minimum + extra,
          maxLocaties,
          vasteKostenPerLocatie: vast,
        };
        let opties;
        try {
          opties = kleinschaligeOpties(v);
        } catch (e) {
          expect((e as OpgaveFout).message).toContain("niet te halen");
          expect((maxLocaties ?? Infinity) * v.maximum).toBeLessThan(plaatsen);
          return;
        }
        expect(opties.length).toBeGreaterThan(0);
        expect(opties.length).toBeLessThanOrEqual(MAX_OPTIES);
        for (const o of opties) {
          expect(o.totaal).toBeGreaterThanOrEqual(plaatsen);
          expect(o.totaal).toBe(o.locaties * o.grootte);
          expect(o.grootte).toBeGreaterThanOrEqual(minimum);
          expect(o.grootte).toBeLessThanOrEqual(v.maximum);
          expect(o.grootte).toBeGreaterThan(0);
          if (maxLocaties !== undefined) expect(o.locaties).toBeLessThanOrEqual(maxLocaties);
        }
        for (let i = 1; i < opties.length; i++)
          expect(opties[i]!.jaarkosten).toBeGreaterThanOrEqual(opties[i - 1]!.jaarkosten);
      },
    ),
  );
});
