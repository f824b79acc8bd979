import * as f from "../../src/functions/functions";
import { excelFout } from "../helpers/excelFout";

describe("OPVANG family with Excel-shaped arguments", () => {
  test("defaults (null = omitted), soort and besluit as text or number", () => {
    expect(f.opvang("Utrecht", null, null)).toBe(1946); // verdeelbesluit dec 2024, the latest with a figure
    expect(f.opvang("Utrecht", "amv", 96000)).toBe(169);
    expect(f.opvang("GM0344", "", "96.000")).toBe(1988);
    expect(f.opvang([["Amsterdam"]], [["totaal"]], [["spreidingswet"]])).toBe(4479);
    expect(f.opvangprovincie("Fryslân", null, null)).toBe(3391);
    expect(f.opvangprovincie("PV28", null, null)).toBe(18_175);
    expect(f.opvangscenario("Zeist", 88_000, null, null)).toBe(
      Math.round((f.opvang("Zeist", null, null) * 88_000) / 96_000),
    );
    expect(f.opvangscenario("Zeist", "88.000", null, null)).toBe(
      f.opvangscenario("Zeist", 88_000, null, null),
    );
  });

  test("OPVANGBRON names the decision, its dates, the label and the source", () => {
    const tekst = f.opvangbron("Zeist", null, null);
    expect(tekst).toContain("Capaciteitsraming 96.000");
    expect(tekst).toContain("peildatum 2025-01-01");
    expect(tekst).toContain("zonder SES-WOA");
    expect(f.opvangbron("Wassenaar", null, null)).toContain("Verdeelbesluit december 2024");
  });

  test("errors: unknown decision #VALUE!, no figure #N/A, Utrecht as gemeente vs province", () => {
    expect(excelFout(() => f.opvang("Zeist", null, "1999")).code).toBe("#VALUE!");
    expect(excelFout(() => f.opvang("Zeist", null, "88000")).code).toBe("#N/A");
    expect(excelFout(() => f.opvang("Zeist", "kinderen", null)).code).toBe("#VALUE!");
    expect(excelFout(() => f.opvangscenario("Zeist", -5, null, null)).code).toBe("#VALUE!");
    expect(f.opvangprovincie("Utrecht", null, null)).toBe(8207);
  });

  test("OPVANGBESLUITEN lists every decision, newest first", () => {
    const t = f.opvangbesluiten();
    expect(t[0]).toEqual([
      "Besluit",
      "Naam",
      "Datum",
      "Peildatum",
      "Landelijk totaal",
      "Waarvan amv",
      "Status",
    ]);
    expect(t.slice(1).map((r) => r[0])).toEqual([
      "raming-88000",
      "verdeelbesluit-2024-12",
      "spreidingswet-96000",
      "coa-2024-a",
      "coa-2024-b",
    ]);
  });
});

describe("KLEINSCHALIG", () => {
  test("a spilled table with header, options and the assumptions", () => {
    const t = f.kleinschalig(300, null, null, null, null, null);
    expect(t[0]).toHaveLength(8);
    expect(t[1]).toEqual([2, 150, 300, 0, "ja", 300 * 30_400 + 2 * 200_000, 400_000, 300 * 5_000]);
    const aannames = t.filter((r) => String(r[0]).startsWith("Aanname:"));
    expect(aannames.map((r) => r[0]).join(" ")).toMatch(/€ 30\.400.*€ 200\.000.*aanname Opgave/);
    for (const r of t) expect(r).toHaveLength(8);
  });
  test("own assumptions change the output and say so", () => {
    const t = f.kleinschalig(300, 60, 150, 4, 0, "nee");
    expect(
      t
        .slice(1)
        .filter((r) => typeof r[0] === "number")
        .map((r) => r[0]),
    ).toEqual([2, 3, 4]);
    expect(t.find((r) => String(r[0]).includes("eigen aanname"))).toBeDefined();
    expect(t.every((r) => r[4] !== "ja")).toBe(true);
  });
  test("impossible request → #VALUE!", () => {
    expect(excelFout(() => f.kleinschalig(1000, null, null, 3, null, null)).message).toContain(
      "niet te halen",
    );
    expect(excelFout(() => f.kleinschalig("", null, null, null, null, null)).code).toBe("#VALUE!");
    expect(excelFout(() => f.kleinschalig(300, null, null, null, null, "misschien")).code).toBe("#VALUE!");
  });
});

describe("costs", () => {
  test("KOSTENOPVANG: COA rate per year, own amount, unknown year", () => {
    expect(f.kostenopvang(100, 2023, null, null)).toBe(3_040_000);
    expect(f.kostenopvang(100, 2022, "nood", null)).toBe(5_340_000);
    expect(f.kostenopvang(100, 2025, null, 35_000)).toBe(3_500_000);
    const e = excelFout(() => f.kostenopvang(100, 2024, null, null));
    expect(e.code).toBe("#N/A");
    expect(e.message).toContain("2022, 2023");
  });
  test("PRIKKEL by phase and durability", () => {
    expect(f.prikkel(150, null, null)).toBe(150 * 2_500);
    expect(f.prikkel(150, "landelijk", "ja")).toBe(150 * 5_000);
    expect(f.prikkel(150, "provinciaal", true)).toBe(150 * 4_000);
    expect(f.prikkel(150, "aanwijzing", "ja")).toBe(150 * 1_500);
    expect(excelFout(() => f.prikkel(150, "morgen", null)).code).toBe("#VALUE!");
  });
  test("OEKRAINE with Excel dates and text dates, split at the rate change of 15-10-2022", () => {
    // 1–14 Oct: 14 days × €100; 15–31 Oct: 17 days × €83; × 10 places.
    expect(f.oekraine(10, "1-10-2022", "31-10-2022", null)).toBe(10 * (14 * 100 + 17 * 83));
    expect(f.oekraine(10, 44835, 44865, "GOO")).toBe(10 * (14 * 100 + 17 * 83)); // Excel serials of the same dates
    expect(excelFout(() => f.oekraine(10, "1-2-2022", "31-3-2022", null)).message).toContain("1-3-2022");
    expect(excelFout(() => f.oekraine(10, "1-12-2025", "15-1-2026", null)).message).toContain("31-12-2025");
    expect(excelFout(() => f.oekraine(10, "gisteren", "31-3-2022", null)).code).toBe("#VALUE!");
    const delen = f.oekrainedelen(10, "1-10-2022", "31-10-2022", "GOO");
    expect(delen[1]).toEqual([
      "1-10-2022",
      "14-10-2022",
      100,
      "per dag",
      14,
      14_000,
      "vastgesteld (minimaal)",
    ]);
    expect(delen[3]).toEqual(["Totaal", "", "", "", "", 28_110, ""]);
  });
});
