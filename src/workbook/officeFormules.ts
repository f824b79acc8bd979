/**
 * The formulas of the open workbook that are not Opgave's (Office.js), for ./rijBetekenis: read only when a refill
 * would fill a row of one of Opgave's tables with another gemeente or the totals row. What is read: the cell
 * formulas of every sheet's used range outside Opgave's cells and tables, in pieces of at most `maxCellen` cells
 * per request (Excel refuses a response over 5 MB), and the workbook-scoped defined names: two round trips more,
 * or a few for a large workbook. Not read: names scoped to a sheet, conditional formats, validations and chart
 * series (Office.js offers no cheap way to list them before ExcelApi 1.15); the .xlsx writer reads those too
 * (./xlsxFormules).
 */
import { adres, bereik, bevat, bladVerwijzing, type Rechthoek } from "./a1";
import type { FormuleVanGebruiker } from "./rijBetekenis";

/** A piece of a sheet's used range, read in one request. */
interface Stuk {
  readonly blad: string;
  readonly rij: number;
  readonly kolom: number;
  readonly bereik: Excel.Range;
}

function binnen(r: readonly Rechthoek[], rij: number, kolom: number): boolean {
  return r.some((g) => bevat(g, rij, kolom));
}

/** The used range of each sheet in pieces of whole rows, each at most `maxCellen` cells (one row at the least). */
function stukken(
  gebruikt: readonly { naam: string; blad: Excel.Worksheet; bereik: Excel.Range }[],
  maxCellen: number,
): { naam: string; blad: Excel.Worksheet; rij: number; kolom: number; rijen: number; kolommen: number }[] {
  const uit = [];
  for (const { naam, blad, bereik: b } of gebruikt) {
    if (b.isNullObject) continue;
    const perStuk = Math.max(1, Math.floor(maxCellen / Math.max(1, b.columnCount)));
    for (let i = 0; i < b.rowCount; i += perStuk)
      uit.push({
        naam,
        blad,
        rij: b.rowIndex + 1 + i,
        kolom: b.columnIndex + 1,
        rijen: Math.min(perStuk, b.rowCount - i),
        kolommen: b.columnCount,
      });
  }
  return uit;
}

function celFormules(stuk: Stuk, eigen: readonly Rechthoek[]): FormuleVanGebruiker[] {
  const uit: FormuleVanGebruiker[] = [];
  stuk.bereik.formulas.forEach((rij, i) =>
    rij.forEach((f: unknown, j) => {
      const plaats = { rij: stuk.rij + i, kolom: stuk.kolom + j };
      if (typeof f !== "string" || !f.startsWith("=") || binnen(eigen, plaats.rij, plaats.kolom)) return;
      uit.push({
        plek: `${bladVerwijzing(stuk.blad)}!${adres(plaats)}`,
        blad: stuk.blad,
        formule: f.slice(1),
      });
    }),
  );
  return uit;
}

/**
 * The formulas of the workbook that are not Opgave's. `eigen`: for one of Opgave's sheets the rectangles of its
 * cells and tables (formulas there are Opgave's), undefined for a sheet of the user's.
 */
export async function leesFormulesVanGebruiker(
  context: Excel.RequestContext,
  bladen: readonly string[],
  eigen: (blad: string) => readonly Rechthoek[] | undefined,
  maxCellen: number,
): Promise<FormuleVanGebruiker[]> {
  const namen = context.workbook.names.load("items/name,items/formula");
  const gebruikt = bladen.map((naam) => {
    const blad = context.workbook.worksheets.getItem(naam);
    return {
      naam,
      blad,
      bereik: blad.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"),
    };
  });
  await context.sync();
  const uit: FormuleVanGebruiker[] = [];
  let wachtend: Stuk[] = [];
  let cellen = 0;
  const lees = async () => {
    await context.sync();
    for (const s of wachtend) uit.push(...celFormules(s, eigen(s.blad) ?? []));
    [wachtend, cellen] = [[], 0];
  };
  for (const s of stukken(gebruikt, maxCellen)) {
    if (cellen > 0 && cellen + s.rijen * s.kolommen > maxCellen) await lees();
    const r = s.blad.getRange(bereik({ rij: s.rij, kolom: s.kolom }, s.rijen, s.kolommen)).load("formulas");
    wachtend.push({ blad: s.naam, rij: s.rij, kolom: s.kolom, bereik: r });
    cellen += s.rijen * s.kolommen;
  }
  if (wachtend.length > 0) await lees();
  for (const n of namen.items)
    if (typeof n.formula === "string" && n.formula.startsWith("=") && !n.name.startsWith("_xlnm."))
      uit.push({ plek: `van naam ${n.name}`, blad: "", formule: n.formula.slice(1) });
  return uit;
}
