import { OpgaveFout } from "../../src/domain/fouten";
import {
  dagUitExcelSerieel,
  parsePeriode,
  periodeCode,
  periodeIndex,
  periodeUitIndex,
  peiljaarInwoners,
  volgendePeriode,
  vorigePeriode,
} from "../../src/domain/periode";
import fc from "fast-check";

describe("parsePeriode: every form named in the domain brief", () => {
  const gevallen: Array<[string | number, string]> = [
    ["2024-I", "2024-I"],
    ["2024-II", "2024-II"],
    ["2024-i", "2024-I"],
    ["2024 II", "2024-II"],
    ["eerste helft 2024", "2024-I"],
    ["Eerste helft 2024", "2024-I"],
    ["tweede helft 2024", "2024-II"],
    ["1e helft 2024", "2024-I"],
    ["2e helft 2024", "2024-II"],
    ["2de halfjaar 2024", "2024-II"],
    ["2024-1", "2024-I"],
    ["2024-2", "2024-II"],
    ["2024 - 1", "2024-I"],
    ["2024/2", "2024-II"],
    ["H1 2024", "2024-I"],
    ["h2 2024", "2024-II"],
    ["H2-2024", "2024-II"],
    ["2024H1", "2024-I"],
    ["I-2024", "2024-I"],
    ["  2023-II  ", "2023-II"],
    // A month: the half-year it lies in (before: "niet herkend").
    ["juli 2024", "2024-II"],
    ["Jul. 2024", "2024-II"],
    ["jan 2024", "2024-I"],
    ["mei 2024", "2024-I"],
    ["juni-2024", "2024-I"],
    ["Sept 2023", "2023-II"],
    ["december 2023", "2023-II"],
    // An en dash or minus sign, pasted from a document (before: "niet herkend").
    ["2024–II", "2024-II"],
    ["2024 − 1", "2024-I"],
    ["15–3–2024", "2024-I"],
    // dates → the half-year containing them
    ["2024-03-15", "2024-I"],
    ["2024-07-01", "2024-II"],
    ["30-6-2024", "2024-I"],
    ["1-7-2024", "2024-II"],
    ["31/12/2022", "2022-II"],
    // Excel serial numbers: 45292 = 1-1-2024, 45473 = 30-6-2024, 45474 = 1-7-2024
    [45292, "2024-I"],
    [45473, "2024-I"],
    [45474, "2024-II"],
    [45474.75, "2024-II"],
  ];
  test.each(gevallen)("%p → %s", (invoer, verwacht) => {
    expect(periodeCode(parsePeriode(invoer))).toBe(verwacht);
  });

  const fout: Array<string | number> = [
    "",
    "  ",
    "2024",
    "2024-III",
    "2024-3",
    "derde helft 2024",
    "Q1 2024",
    // A month by number beside 2024-2 (the second half-year) misleads: refused.
    "2024-07",
    "foo 2024",
    "juli 1800",
    "2024-13-01",
    "31-2-2024",
    "banaan",
    2024,
    0,
    -5,
    60,
  ];
  test.each(fout)("%p is refused with a clear Dutch message (#VALUE!)", (invoer) => {
    let gevangen: unknown;
    try {
      parsePeriode(invoer);
    } catch (e) {
      gevangen = e;
    }
    expect(gevangen).toBeInstanceOf(OpgaveFout);
    expect((gevangen as OpgaveFout).soort).toBe("ongeldig");
    expect((gevangen as OpgaveFout).message).toMatch(/periode|jaartal|datum/i);
  });

  test("a bare year says which two half-years are meant", () => {
    expect(() => parsePeriode(2024)).toThrow("Gebruik 2024-I of 2024-II");
  });

  test("a year with a decimal (2024,2 typed in Dutch Excel is a number) is no day in 1905 but a half-year not given", () => {
    // Before: read as the Excel date 16-7-1905, "Periode 1905-II valt buiten de dataset".
    expect(() => parsePeriode(2024.2)).toThrow(
      "2024,2 is geen halfjaar (als datum is het 16-7-1905). Gebruik 2024-I of 2024-II.",
    );
    expect(() => parsePeriode(2024.2)).toThrow(OpgaveFout);
    // A real serial with a time of day is still its day.
    expect(periodeCode(parsePeriode(45474.5))).toBe("2024-II");
  });
});

describe("Excel serial numbers", () => {
  test("known serials, including Excel's fictitious 29-2-1900", () => {
    expect(dagUitExcelSerieel(1)).toEqual({ jaar: 1900, maand: 1, dag: 1 });
    expect(dagUitExcelSerieel(59)).toEqual({ jaar: 1900, maand: 2, dag: 28 });
    expect(dagUitExcelSerieel(60)).toBeNull();
    expect(dagUitExcelSerieel(61)).toEqual({ jaar: 1900, maand: 3, dag: 1 });
    expect(dagUitExcelSerieel(44644)).toEqual({ jaar: 2022, maand: 3, dag: 24 });
  });
});

describe("period arithmetic", () => {
  test("next/previous and the art. 29 reference year", () => {
    expect(periodeCode(volgendePeriode({ jaar: 2023, helft: 2 }))).toBe("2024-I");
    expect(periodeCode(vorigePeriode({ jaar: 2024, helft: 1 }))).toBe("2023-II");
    expect(peiljaarInwoners({ jaar: 2024, helft: 1 })).toBe(2023);
    expect(peiljaarInwoners({ jaar: 2024, helft: 2 })).toBe(2023);
    expect(peiljaarInwoners({ jaar: 2025, helft: 1 })).toBe(2024);
  });
  test("index round-trips and canonical codes parse back", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900 * 2, max: 2200 * 2 + 1 }), (i) => {
        const p = periodeUitIndex(i);
        expect(periodeIndex(p)).toBe(i);
        expect(parsePeriode(periodeCode(p))).toEqual(p);
      }),
    );
  });
});
