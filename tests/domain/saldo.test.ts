import fc from "fast-check";
import { achtereenAchter, verloop } from "../../src/domain/saldo";
import { periodeUitIndex } from "../../src/domain/periode";

describe("carry-over ledger (domain brief §2)", () => {
  test("the synthetic example of the domain brief", () => {
    const [eerste, tweede] = verloop(
      [
        { periode: { jaar: 2024, helft: 1 }, taakstelling: 40, gehuisvest: 53 },
        { periode: { jaar: 2024, helft: 2 }, taakstelling: 60, gehuisvest: 0 },
      ],
      10,
    );
    expect(eerste).toMatchObject({
      beginsaldo: 10,
      gecorrigeerd: 50,
      saldo: -3,
      achterstand: 0,
      voorsprong: 3,
    });
    expect(tweede).toMatchObject({
      beginsaldo: -3,
      gecorrigeerd: 57,
      saldo: 57,
      achterstand: 57,
      voorsprong: 0,
    });
  });

  test("achterstand and voorsprong are never both positive; the final saldo conserves", () => {
    const stap = fc.record({
      taakstelling: fc.integer({ min: 0, max: 5000 }),
      gehuisvest: fc.integer({ min: 0, max: 5000 }),
    });
    fc.assert(
      fc.property(
        fc.array(stap, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: -2000, max: 2000 }),
        (stappen, begin) => {
          const regels = verloop(
            stappen.map((s, i) => ({ ...s, periode: periodeUitIndex(4048 + i) })),
            begin,
          );
          const som = (f: (s: { taakstelling: number; gehuisvest: number }) => number) =>
            stappen.reduce((a, s) => a + f(s), 0);
          const laatste = regels[regels.length - 1]!;
          expect(laatste.saldo).toBe(begin + som((s) => s.taakstelling) - som((s) => s.gehuisvest));
          for (const [i, r] of regels.entries()) {
            expect(r.achterstand * r.voorsprong).toBe(0);
            expect(r.achterstand - r.voorsprong).toBe(r.saldo);
            expect(r.beginsaldo).toBe(i === 0 ? begin : regels[i - 1]!.saldo);
          }
        },
      ),
    );
  });
});

describe("consecutive half-years ending with an achterstand (issue 14, VERLOOP)", () => {
  test("counts up while there is an achterstand and restarts at 0", () => {
    const regels = verloop(
      [40, 40, 40, 40, 40, 40].map((taakstelling, i) => ({
        periode: periodeUitIndex(4048 + i),
        taakstelling,
        gehuisvest: [30, 30, 60, 10, 10, 10][i]!,
      })),
      5,
    );
    expect(regels.map((r) => r.achterstand)).toEqual([15, 25, 5, 35, 65, 95]);
    expect(achtereenAchter(regels)).toEqual([1, 2, 3, 4, 5, 6]);
    const metVoorsprong = verloop(
      [10, 10, 10].map((taakstelling, i) => ({
        periode: periodeUitIndex(4048 + i),
        taakstelling,
        gehuisvest: [20, 0, 0][i]!,
      })),
    );
    expect(metVoorsprong.map((r) => r.saldo)).toEqual([-10, 0, 10]);
    expect(achtereenAchter(metVoorsprong)).toEqual([0, 0, 1]);
    expect(achtereenAchter([])).toEqual([]);
  });
});
