/**
 * The functions of issue 14, called as Excel calls them: TAAKSTELLING / BRON with an own national number, the
 * ledger across herindelingen and with a column of own national numbers, VERLOOP, TAAKSTELLINGSCENARIO and
 * OEKRAINECIJFERS.
 */
import * as f from "../../src/functions/functions";
import { ExcelFout } from "../../src/functions/excelFout";
import { excelFout } from "../helpers/excelFout";

const NL2023 = 17_811_291;
const UTRECHT2023 = 367_947;

describe("TAAKSTELLING and BRON with [landelijk]", () => {
  test("an own national number: art. 29 with the period's reference inhabitants", () => {
    expect(f.taakstelling("Utrecht", "2024-II", 40_000)).toBe(Math.ceil((40_000 * UTRECHT2023) / NL2023));
    expect(f.taakstelling("Utrecht", "2024-II", 40_000)).toBe(827);
    expect(f.taakstelling("Utrecht", "2024-II", [[40_000]])).toBe(827);
    expect(f.taakstelling("Utrecht", "2024-II", "40.000")).toBe(827);
    expect(f.taakstelling("Utrecht", "2024-I", 18_750)).toBe(388);
  });

  test("omitted or an empty cell: the dataset's number, as before", () => {
    expect(f.taakstelling("Utrecht", "2024-I", null)).toBe(388);
    expect(f.taakstelling("Utrecht", "2024-I", "")).toBe(388);
    expect(excelFout(() => f.taakstelling("Utrecht", "2024-II", "")).code).toBe("#N/A");
  });

  test("outside its range #VALUE!; a population date outside the data #N/A with that reason", () => {
    expect(excelFout(() => f.taakstelling("Utrecht", "2024-II", 0)).message).toBe(
      "landelijk: 0 is niet toegestaan; gebruik een geheel getal van 1 t/m 200.000 " +
        "(landelijk aantal te huisvesten vergunninghouders in een halfjaar).",
    );
    const e = excelFout(() => f.taakstelling("Utrecht", "2027-I", 20_000));
    expect(e.code).toBe("#N/A");
    expect(e.message).toContain("1-1-2026");
  });

  test("BRON says 'landelijk getal eigen invoer' and what the dataset has", () => {
    const tekst = f.bron("Utrecht", "2024-II", 40_000);
    expect(tekst).toMatch(
      /^Utrecht 2024-II: 827, berekend \(art\. 29 Hvw 2014\), landelijk getal eigen invoer: /,
    );
    expect(tekst).toContain("in de dataset voor 2024-II: geen getal");
    expect(f.bron("=Utrecht", "2024-II", 40_000)).toMatch(/; invoer "=Utrecht" gelezen als Utrecht$/);
  });

  test("BRON before the herindeling that formed the gemeente: the territory, labelled as such", () => {
    expect(f.bron("Voorne aan Zee", "2022-II", null)).toContain(
      "som van Brielle 14 + Hellevoetsluis 32 + Westvoorne 12 (samengevoegd per 1-1-2023)",
    );
    expect(excelFout(() => f.taakstelling("Voorne aan Zee", "2022-II")).code).toBe("#N/A");
  });
});

describe("ACHTERSTAND / VOORSPRONG / GECORRIGEERD across a merger and with own national numbers", () => {
  test('ACHTERSTAND("Voorne aan Zee";"2023-I";{50;80}) counts 2022-II as 14 + 32 + 12 = 58', () => {
    expect(f.achterstand("Voorne aan Zee", "2023-I", [[50], [80]])).toBe(58 + 89 - 130);
    expect(f.gecorrigeerd("Voorne aan Zee", "2023-I", [[50], [80]])).toBe(89 + 8);
    expect(f.voorsprong("Voorne aan Zee", "2023-I", [[100], [80]], -5)).toBe(5 + 100 + 80 - 58 - 89);
  });

  test("a split on the way stays #N/A with its reason", () => {
    const e = excelFout(() => f.achterstand("Het Hogeland", "2019-II", [[1], [2], [3]]));
    expect(e.code).toBe("#N/A");
    expect(e.message).toContain("gesplitst of deels overgedragen");
  });

  test("a column of own national numbers fills the unknown 2024-II (an empty cell: the dataset's)", () => {
    const gehuisvest = [[300], [350], [200], [150]];
    expect(excelFout(() => f.achterstand("Utrecht", "2025-I", gehuisvest)).code).toBe("#N/A");
    const landelijk = [[""], [null], [20_000], [""]];
    const t = [
      f.taakstelling("Utrecht", "2023-II"),
      388,
      Math.ceil((20_000 * UTRECHT2023) / NL2023),
      f.taakstelling("Utrecht", "2025-I"),
    ];
    const som = t.reduce((a, b) => a + b, 0);
    expect(f.achterstand("Utrecht", "2025-I", gehuisvest, null, landelijk)).toBe(som - 1000);
    expect(f.gecorrigeerd("Utrecht", "2025-I", gehuisvest, null, landelijk)).toBe(som - 850);
    // A row works as well; all cells empty = none given.
    expect(f.achterstand("Utrecht", "2025-I", gehuisvest, null, [["", "", 20_000, ""]])).toBe(som - 1000);
    expect(f.achterstand("Utrecht", "2024-I", [[300]], null, [[""]])).toBe(88);
  });

  test("a wrong shape or count of own national numbers is #VALUE!", () => {
    const e = excelFout(() => f.achterstand("Utrecht", "2025-I", [[1], [2]], null, [[20_000]]));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("2 cellen");
    expect(
      excelFout(() =>
        f.achterstand("Utrecht", "2025-I", [[1], [2]], null, [
          [1, 2],
          [3, 4],
        ]),
      ).message,
    ).toContain("kolom");
    expect(excelFout(() => f.achterstand("Utrecht", "2024-I", [[1]], null, [["veel"]])).message).toContain(
      'landelijk: "veel" is geen getal',
    );
  });
});

describe("VERLOOP", () => {
  test("a header row and one row per half-year, with where each taakstelling came from", () => {
    const t = f.verloop("Voorne aan Zee", "2023-II", [[50], [80], [40]], 5);
    expect(t[0]).toEqual([
      "Periode",
      "Taakstelling",
      "Herkomst",
      "Beginsaldo",
      "Gecorrigeerd",
      "Gehuisvest",
      "Achterstand",
      "Voorsprong",
      "Achtereen achter",
    ]);
    expect(t[1]).toEqual([
      "2022-II",
      58,
      "som van Brielle 14 + Hellevoetsluis 32 + Westvoorne 12 (samengevoegd per 1-1-2023)",
      5,
      63,
      50,
      13,
      0,
      1,
    ]);
    expect(t[2]!.slice(0, 2)).toEqual(["2023-I", 89]);
    expect(t[3]![0]).toBe("2023-II");
    expect(t).toHaveLength(4);
    // The last row agrees with ACHTERSTAND / VOORSPRONG / GECORRIGEERD.
    const kolom = [[50], [80], [40]];
    expect(t[3]![6]).toBe(f.achterstand("Voorne aan Zee", "2023-II", kolom, 5));
    expect(t[3]![4]).toBe(f.gecorrigeerd("Voorne aan Zee", "2023-II", kolom, 5));
    expect(t[3]![8]).toBe(3);
  });

  test("a half-year without a taakstelling: its reason in Herkomst, #N/A from there on, never a guess", () => {
    const t = f.verloop("Utrecht", "2025-I", [[300], [350], [200], [150]]);
    expect(t[2]).toEqual(["2024-I", 388, "berekend (art. 29 Hvw 2014)", 62, 450, 350, 100, 0, 2]);
    const onbekend = t[3]!;
    expect(onbekend[0]).toBe("2024-II");
    expect(onbekend[1]).toBeInstanceOf(ExcelFout);
    expect((onbekend[1] as ExcelFout).code).toBe("#N/A");
    expect(onbekend[2]).toMatch(/^onbekend: De landelijke taakstelling voor 2024-II is niet bekend/);
    expect(onbekend[5]).toBe(200);
    const daarna = t[4]!;
    expect(typeof daarna[1]).toBe("number"); // 2025-I's own taakstelling is known …
    expect((daarna[6] as ExcelFout).message).toContain("stopt bij 2024-II"); // … its balance is not
  });

  test("with an own national number for 2024-II the run completes and says so", () => {
    const t = f.verloop("Utrecht", "2025-I", [[300], [350], [200], [150]], null, [
      [""],
      [""],
      [20_000],
      [""],
    ]);
    expect(t[3]![2]).toBe("berekend (art. 29 Hvw 2014), landelijk getal eigen invoer");
    expect(t.slice(1).every((r) => r.every((c) => !(c instanceof ExcelFout)))).toBe(true);
    expect(t[4]![8]).toBe(4);
  });

  test("the same input errors as ACHTERSTAND", () => {
    expect(excelFout(() => f.verloop("Utrech", "2024-I", [[1]])).code).toBe("#VALUE!");
    expect(excelFout(() => f.verloop("Utrecht", "2024-I", [[""]])).message).toContain("lege cel");
    expect(excelFout(() => f.verloop("Weesp", "2023-I", [[1]])).code).toBe("#N/A");
  });
});

describe("TAAKSTELLINGSCENARIO", () => {
  test("with and without a half-year", () => {
    const laatst = Math.ceil((20_000 * 374_238) / 17_942_942);
    expect(f.taakstellingscenario("Utrecht", 20_000, "2027-I")).toBe(laatst);
    expect(f.taakstellingscenario("Utrecht", 20_000, null)).toBe(laatst);
    expect(f.taakstellingscenario("Utrecht", 18_750, "2024-I")).toBe(388);
    expect(excelFout(() => f.taakstellingscenario("Utrecht", 0, null)).code).toBe("#VALUE!");
    expect(excelFout(() => f.taakstellingscenario("Utrecht", "", null)).message).toContain("landelijk");
    expect(excelFout(() => f.taakstellingscenario("Weesp", 20_000, null)).code).toBe("#N/A");
  });
});

describe("TAAKSTELLINGSCENARIOBRON: the scenario's label, never mixed with official or computed figures", () => {
  test("names the scenario, the computation and the population date used", () => {
    const tekst = f.taakstellingscenariobron("Utrecht", 20_000, "2027-I");
    expect(tekst).toMatch(/^Utrecht 2027-I: 418, scenario \(geen officieel of berekend cijfer\): /);
    expect(tekst).toContain("⌈20.000 × 374.238 / 17.942.942⌉");
    expect(tekst).toContain("inwoners per 1-1-2024 (laatst bekend; de peildatum van 2027-I is 1-1-2026)");
    expect(tekst).toMatch(/dataset \S+ \S+$/);
    // Its number is TAAKSTELLINGSCENARIO's, for the same arguments.
    expect(tekst).toContain(`: ${f.taakstellingscenario("Utrecht", 20_000, "2027-I")}, `);
  });

  test("the half-year's own reference date when the data has it; the latest without a half-year", () => {
    expect(f.taakstellingscenariobron("Utrecht", 18_750, "2024-I")).toContain(
      "388, scenario (geen officieel of berekend cijfer): ⌈18.750 × 367.947 / 17.811.291⌉; inwoners per 1-1-2023 (peildatum van 2024-I)",
    );
    expect(f.taakstellingscenariobron("GM0344", 20_000, null)).toContain(
      "inwoners per 1-1-2024 (laatst bekend)",
    );
    expect(f.taakstellingscenariobron("GM0344", 20_000, null)).not.toContain("officieel;");
  });

  test("the same errors as TAAKSTELLINGSCENARIO", () => {
    expect(excelFout(() => f.taakstellingscenariobron("Weesp", 20_000, null)).code).toBe("#N/A");
    expect(excelFout(() => f.taakstellingscenariobron("Utrecht", 0, null)).code).toBe("#VALUE!");
    expect(excelFout(() => f.taakstellingscenariobron("Utrech", 20_000, null)).code).toBe("#VALUE!");
  });
});

describe("OEKRAINECIJFERS", () => {
  test("without arguments: a table of every indicator's latest figure, each with its date and source", () => {
    const t = f.oekrainecijfers(null, null);
    expect(t[0]).toEqual(["Indicator", "Waarde", "Datum", "Bron", "Toelichting"]);
    expect(t).toHaveLength(11);
    expect(t.find((r) => r[0] === "benodigde plekken")).toEqual([
      "benodigde plekken",
      109_000,
      "juli 2025",
      "https://www.welingelichtekringen.nl/samenleving/faber-halverwege-2025-minder-opvangplekken-oekrainers-nodig",
      "",
    ]);
    expect(t.find((r) => r[0] === "Oekraiense ontheemden in gemeentelijke opvang (VNG)")?.[1]).toBe("83000+");
    // A source text that starts like a formula is quoted.
    expect(t.find((r) => r[0] === "landelijke doelstelling")?.[4]).toBe(
      "“+25.000 bovenop 50.000; verdeling niet evenredig per regio”",
    );
    for (const r of t) for (const c of r) if (typeof c === "string") expect(c).not.toMatch(/^[=+\-@]/);
  });

  test("a date (text or Excel serial) and an indicator: one value", () => {
    expect(f.oekrainecijfers("1-3-2025", "benodigde plekken")).toEqual([[120_000]]);
    expect(f.oekrainecijfers(45_717, "benodigde plekken")).toEqual([[120_000]]); // 1-3-2025
    expect(f.oekrainecijfers(null, "Landelijke doelstelling")).toEqual([[75_000]]);
    expect(f.oekrainecijfers("", "in gebruik")).toEqual([[90_600]]);
    expect(f.oekrainecijfers("1-3-2024", null).map((r) => r[0])).not.toContain("benodigde plekken");
  });

  test("#N/A before a figure exists, #VALUE! for an unknown indicator or date", () => {
    expect(excelFout(() => f.oekrainecijfers("1-1-2022", null)).code).toBe("#N/A");
    expect(excelFout(() => f.oekrainecijfers("1-1-2024", "benodigde plekken")).message).toContain(
      "januari 2025",
    );
    expect(excelFout(() => f.oekrainecijfers(null, "plekken per gemeente")).code).toBe("#VALUE!");
    expect(excelFout(() => f.oekrainecijfers("31-2-2024", null)).code).toBe("#VALUE!");
  });
});
