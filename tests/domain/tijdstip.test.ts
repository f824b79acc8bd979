import { excelSerie, isoUitExcel, serieNl, tijdstipNl } from "../../src/domain/tijdstip";

/** The serial Excel stores for a Dutch wall-clock time (its fields, no time zone). */
function serie(jaar: number, maand: number, dag: number, uur = 0, minuut = 0, seconde = 0): number {
  return (Date.UTC(jaar, maand - 1, dag, uur, minuut, seconde) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

describe("serieNl: an Excel serial as Excel shows it", () => {
  it("shows a moment with NOTATIE_TIJDSTIP's fields and a date with NOTATIE_DATUM's", () => {
    expect(serieNl(serie(2026, 12, 1, 4, 10, 5))).toBe("1-12-2026 04:10:05");
    expect(serieNl(serie(2026, 12, 1, 4, 10, 5), true)).toBe("1-12-2026");
    expect(serieNl(serie(2024, 7, 15))).toBe("15-7-2024 00:00:00");
  });

  it("reads the same as the moment it was made of, winter and summer time", () => {
    for (const iso of ["2026-12-01T03:10:05.000Z", "2026-07-01T22:59:59.000Z", "2025-03-30T00:59:00.000Z"]) {
      const s = excelSerie(iso);
      expect(s).toBeDefined();
      expect(serieNl(s ?? Number.NaN)).toBe(tijdstipNl(iso));
      expect(serieNl(s ?? Number.NaN)).toBe(tijdstipNl(isoUitExcel(s ?? Number.NaN) ?? ""));
    }
  });

  it("shows the hour summer time skips as stored, as Excel does (no moment has it)", () => {
    // 29 March 2026: 02:00 became 03:00 in the Netherlands. A typed 02:30 is still 02:30 in the cell.
    const s = serie(2026, 3, 29, 2, 30);
    expect(serieNl(s)).toBe("29-3-2026 02:30:00");
    expect(tijdstipNl(isoUitExcel(s) ?? "")).toBe("29-3-2026 03:30:00");
  });

  it("gives nothing for a serial that is no date", () => {
    expect(serieNl(Number.NaN)).toBeUndefined();
    expect(serieNl(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(serieNl(1e12)).toBeUndefined();
  });
});
