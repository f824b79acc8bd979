/** Small exceljs helpers shared by the workbook tests (reading back what the writers made). */
import ExcelJS from "exceljs";
import type { BronInfo } from "../../src/workbook/bouwPlan";
import { verplaatsRij } from "../../src/workbook/kolomVerplaatsing";
import { isFormule, type TabelPlan, type WerkboekPlan } from "../../src/workbook/plan";

/** A fixed Bron block for workbooks written in tests (fixed timestamp, no feed). */
export const TEST_BRON: BronInfo = {
  datasetId: "opgave-standaard",
  versie: "2026.12.01",
  datum: "2026-12-01",
  hash: "abc123",
  addinVersie: "0.1.0",
  gemaakt: "2026-12-01T10:00:00Z",
};

export async function leesXlsx(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

export async function bewaarXlsx(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export function blad(wb: ExcelJS.Workbook, naam: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(naam);
  if (!ws) throw new Error(`blad ${naam} ontbreekt`);
  return ws;
}

/** Sheet row of a period in the Taakstelling table (A8…). */
export function rijVan(ws: ExcelJS.Worksheet, periode: string): number {
  for (let r = 8; r < 60; r++) if (ws.getCell(r, 1).value === periode) return r;
  throw new Error(`periode ${periode} niet gevonden`);
}

/** "A7:K27" of an Excel table, as exceljs read it. */
export function tabelRef(ws: ExcelJS.Worksheet, naam: string): string | undefined {
  const t = (ws as unknown as { tables: Record<string, { table: { tableRef?: string } }> }).tables[naam];
  return t?.table.tableRef;
}

/**
 * `plan` as a dataset without one row of table `tabel` would make it (a herindeling between two datasets): the row
 * of key `sleutel` left out, each later row's formulas one row up (as the plan writes them for its own row).
 */
export function zonderRij(plan: WerkboekPlan, tabel: string, sleutel: string): WerkboekPlan {
  return {
    ...plan,
    bladen: plan.bladen.map((b) => ({
      ...b,
      tabellen: b.tabellen.map((t) => {
        if (t.naam !== tabel) return t;
        const weg = t.rijen.findIndex((r) => r.includes(sleutel));
        if (weg < 0) throw new Error(`${sleutel} staat niet in ${tabel}`);
        const eerste = t.start.rij + 1;
        const rijen = t.rijen
          .filter((_, i) => i !== weg)
          .map((r, i) =>
            i < weg
              ? r
              : r.map((c) =>
                  isFormule(c) ? { formule: verplaatsRij(c.formule, b.naam, eerste + i + 1, eerste + i) } : c,
                ),
          );
        return { ...t, rijen };
      }),
    })),
  };
}

/**
 * A small keyed table of gemeenten (GM000n) for the merge's tests: header in row 8 (A–D: Code, Taakstelling,
 * Gehuisvest, Achterstand), data from row 9, each row's formula on its own row; with `totaal` a totals row.
 */
export function gemeentenTabel(nummers: readonly number[], totaal = false): TabelPlan {
  return {
    naam: "Opgave_Gemeenten",
    start: { rij: 8, kolom: 1 },
    sleutelKolom: "code",
    kolommen: [
      { sleutel: "code", kop: "Code", soort: "gegeven" },
      { sleutel: "taakstelling", kop: "Taakstelling", soort: "gegeven" },
      { sleutel: "gehuisvest", kop: "Gehuisvest", soort: "invoer" },
      { sleutel: "achterstand", kop: "Achterstand", soort: "formule" },
    ],
    rijen: nummers.map((n, i) => [`GM000${n}`, 10 * n, null, { formule: `=MAX(B${9 + i}-C${9 + i},0)` }]),
    ...(totaal ? { totaal: ["Totaal", { formule: "=SUM(B9:B12)" }, null, null] } : {}),
  };
}
