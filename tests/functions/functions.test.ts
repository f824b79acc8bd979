import * as f from "../../src/functions/functions";
import { ExcelFout } from "../../src/functions/excelFout";
import { excelFout } from "../helpers/excelFout";

describe("TAAKSTELLING with what Excel really passes", () => {
  test("text, numbers (codes), 1×1 ranges and Excel date serials", () => {
    expect(f.taakstelling("Utrecht", "2024-I")).toBe(388);
    expect(f.taakstelling(344, "2024-I")).toBe(388);
    expect(f.taakstelling([["Utrecht"]], [["2024-I"]])).toBe(388);
    expect(f.taakstelling("Utrecht", 45383)).toBe(388); // 1-4-2024
  });

  test("empty cells and wrong shapes give #VALUE! with a Dutch message", () => {
    expect(excelFout(() => f.taakstelling("", "2024-I"))).toMatchObject({ code: "#VALUE!" });
    expect(excelFout(() => f.taakstelling(null, "2024-I")).message).toContain("Geef een gemeente op");
    expect(excelFout(() => f.taakstelling("Utrecht", 0)).code).toBe("#VALUE!");
    expect(excelFout(() => f.taakstelling("Utrecht", "")).message).toContain("periode");
    expect(excelFout(() => f.taakstelling([["Utrecht", "Zeist"]], "2024-I")).message).toContain("één waarde");
    expect(excelFout(() => f.taakstelling(true, "2024-I")).code).toBe("#VALUE!");
  });

  test("data that cannot answer gives #N/A", () => {
    const e = excelFout(() => f.taakstelling("Utrecht", "2024-II"));
    expect(e.code).toBe("#N/A");
    expect(e.message).toContain("niet bekend");
  });
});

describe("ACHTERSTAND / VOORSPRONG / GECORRIGEERD", () => {
  const t24 = f.taakstelling("Utrecht", "2024-I"); // 388
  const t23b = f.taakstelling("Utrecht", "2023-II");
  const t23a = f.taakstelling("Utrecht", "2023-I");

  test("one period: a number, with and without beginsaldo (null = omitted)", () => {
    expect(f.achterstand("Utrecht", "2024-I", [[300]], null)).toBe(t24 - 300);
    expect(f.achterstand("Utrecht", "2024-I", [[300]], [[10]])).toBe(t24 - 290);
    expect(f.voorsprong("Utrecht", "2024-I", [[400]], null)).toBe(400 - t24);
    expect(f.achterstand("Utrecht", "2024-I", [[400]], null)).toBe(0);
    expect(f.gecorrigeerd("Utrecht", "2024-I", [[0]], -5)).toBe(t24 - 5);
    expect(f.achterstand("Utrecht", "2024-I", [[300]], "")).toBe(t24 - 300);
  });

  test("a column of consecutive periods ending in `periode` carries the balance over", () => {
    const kolom = [[100], [200], [300]];
    const saldo = t23a + t23b + t24 - 600;
    expect(f.achterstand("Utrecht", "2024-I", kolom)).toBe(Math.max(saldo, 0));
    expect(f.voorsprong("Utrecht", "2024-I", kolom)).toBe(Math.max(-saldo, 0));
    expect(f.gecorrigeerd("Utrecht", "2024-I", kolom)).toBe(t24 + t23a + t23b - 300);
    // A row works the same as a column.
    expect(f.achterstand("Utrecht", "2024-I", [[100, 200, 300]])).toBe(Math.max(saldo, 0));
  });

  test("bad housed input: empty cell, negative, text, 2-D block", () => {
    expect(excelFout(() => f.achterstand("Utrecht", "2024-I", [[100], [""], [300]])).message).toContain(
      "lege cel (positie 2)",
    );
    expect(excelFout(() => f.achterstand("Utrecht", "2024-I", [[-1]])).code).toBe("#VALUE!");
    expect(excelFout(() => f.achterstand("Utrecht", "2024-I", [["veel"]])).code).toBe("#VALUE!");
    expect(
      excelFout(() =>
        f.achterstand("Utrecht", "2024-I", [
          [1, 2],
          [3, 4],
        ]),
      ).message,
    ).toContain("kolom");
    expect(excelFout(() => f.achterstand("Utrecht", "2024-I", [[1]], "tien")).message).toContain(
      "beginsaldo",
    );
  });

  test("a range that reaches into a period with an unknown national number is #N/A", () => {
    // 2024-II is unknown, so a ledger 2024-I … 2025-I cannot be computed.
    expect(excelFout(() => f.achterstand("Utrecht", "2025-I", [[1], [2], [3]])).code).toBe("#N/A");
  });
});

describe("the other functions", () => {
  test("INWONERS, GEMEENTECODE, GEMEENTENAAM, PROVINCIE, LANDELIJK, BRON, DATASET", () => {
    expect(f.inwoners("Utrecht", 2023)).toBe(367_947);
    expect(f.inwoners("Utrecht", "1-1-2023")).toBe(367_947);
    expect(f.inwoners("Utrecht", null)).toBe(374_238);
    expect(f.inwoners("Weesp", null)).toBe(20_766);
    expect(excelFout(() => f.inwoners("Weesp", 2023)).code).toBe("#N/A");
    expect(excelFout(() => f.inwoners("Utrecht", 2011)).code).toBe("#N/A");
    expect(f.gemeentecode("Den Bosch", null)).toBe("GM0796");
    expect(f.gemeentecode("Weesp", "2022-I")).toBe("GM0457");
    expect(excelFout(() => f.gemeentecode("Weesp", "2023-I")).code).toBe("#N/A");
    expect(f.gemeentenaam(518)).toBe("'s-Gravenhage");
    expect(f.gemeentenaam("GM1900")).toBe("Súdwest-Fryslân");
    expect(f.provincie("Utrecht")).toBe("Utrecht");
    expect(f.provincie("Sudwest-Fryslan")).toBe("Fryslân");
    expect(f.landelijk("2023-II")).toBe(17_600);
    expect(excelFout(() => f.landelijk("2024-II")).code).toBe("#N/A");
    expect(f.bron("Utrecht", "2024-I")).toMatch(
      /berekend \(art\. 29 Hvw 2014\).*18\.750.*367\.947.*1-1-2023/,
    );
    expect(f.dataset()).toMatch(/^opgave-standaard \d{4}\.\d{2}\.\d{2} \(\d{4}-\d{2}-\d{2}\)$/);
  });

  test("GEMEENTEN spills a header plus one row per gemeente; a province filters", () => {
    const alles = f.gemeenten("2024-I", null);
    expect(alles[0]).toEqual(["Code", "Gemeente", "Provincie", "Inwoners 1-1-2023", "Taakstelling 2024-I"]);
    expect(alles).toHaveLength(343);
    const utrecht = f.gemeenten("2024-I", "Utrecht");
    expect(utrecht.length - 1).toBe(26);
    expect(utrecht.find((r) => r[0] === "GM0344")).toEqual(["GM0344", "Utrecht", "Utrecht", 367_947, 388]);
    expect(f.gemeenten("2024-I", "Friesland").length - 1).toBe(18);
    expect(excelFout(() => f.gemeenten("2024-I", "Vriesland"))).toMatchObject({ code: "#VALUE!" });
    expect(excelFout(() => f.gemeenten("2024-II", null)).code).toBe("#N/A");
  });

  test("GEMEENTEN puts an error in just the cells that cannot be computed", () => {
    const t = f.gemeenten("2019-I", "Groningen");
    const hogeland = t.find((r) => r[1] === "Het Hogeland");
    expect(hogeland?.[4]).toBeInstanceOf(ExcelFout);
    expect((hogeland?.[4] as ExcelFout).code).toBe("#N/A");
    expect(typeof t.find((r) => r[1] === "Groningen")?.[4]).toBe("number");
  });
});

describe("inside Excel the adapter throws CustomFunctions.Error", () => {
  class FakeError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  beforeAll(() => {
    (globalThis as Record<string, unknown>).CustomFunctions = {
      Error: FakeError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
    };
  });
  afterAll(() => {
    delete (globalThis as Record<string, unknown>).CustomFunctions;
  });

  test("#N/A and #VALUE! with the Dutch message", () => {
    let gevangen: unknown;
    try {
      f.taakstelling("Utrecht", "2024-II");
    } catch (e) {
      gevangen = e;
    }
    expect(gevangen).toBeInstanceOf(FakeError);
    expect(gevangen).toMatchObject({ code: "#N/A" });
    try {
      f.taakstelling("Bergen", "2024-I");
    } catch (e) {
      gevangen = e;
    }
    expect(gevangen).toMatchObject({ code: "#VALUE!" });
    expect((gevangen as FakeError).message).toContain("niet eenduidig");
  });
});
