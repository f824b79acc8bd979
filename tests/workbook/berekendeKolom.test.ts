/**
 * A calculated column of the user's (every row one formula) filled into the rows a refill adds, as Excel fills a
 * row inserted into a table (src/workbook/berekendeKolom.ts); and `gekopieerd`, the copy of a formula it uses.
 */
import { metBerekendeKolommen, type OudeFormules } from "../../src/workbook/berekendeKolom";
import { gekopieerd } from "../../src/workbook/kolomVerplaatsing";
import type { TabelPlan, Waarde } from "../../src/workbook/plan";
import { samenvoegenTabel, type SamengevoegdeTabel } from "../../src/workbook/samenvoegen";
import { gemeentenTabel } from "./werkboekHulp";

/** The old table: Code, Taakstelling, Gehuisvest, Achterstand and the user's "Eigen" (E), data from row 9. */
const koppen = ["Code", "Taakstelling", "Gehuisvest", "Achterstand", "Eigen"];

/** The old table's rows (`nummers`: GM000n), with `eigen(i)` (row 9 + i) as the formula in the user's column. */
function oud(nummers: readonly number[], eigen: (i: number) => string | undefined): OudeFormules {
  return {
    blad: "Provincie",
    eersteRij: 9,
    sleutels: nummers.map((n) => `GM000${n}`),
    kolom: (kop) => (koppen.includes(kop) ? koppen.indexOf(kop) + 1 : undefined),
    formule: (i, kop) =>
      kop === "Eigen" ? eigen(i) : kop === "Achterstand" ? `MAX(B${9 + i}-C${9 + i},0)` : undefined,
  };
}

function samengevoegd(plan: TabelPlan, nummers: readonly number[]): SamengevoegdeTabel {
  const rijen: Waarde[][] = nummers.map((n) => [`GM000${n}`, 10 * n, null, null, 1]);
  // In the plan's order (a row that comes back stands in its place, not at the end).
  const r = samenvoegenTabel(plan, { koppen, rijen }, { blad: "Provincie", vrij: () => false });
  if (r.soort !== "samengevoegd") throw new Error(r.reden);
  // The merge gives the user's cells as values; the writers write their formulas: here, empty for clarity.
  return { ...r, rijen: r.rijen.map((rij) => rij.map((c, j) => (j === 4 ? null : c))) };
}

/** The user's column (E) of each merged row. */
const eigen = (res: SamengevoegdeTabel) => res.rijen.map((r) => r[4] ?? null);

describe("metBerekendeKolommen", () => {
  test("a column whose rows hold one formula: a row that comes back gets it, copied to its row, and is reported", () => {
    const plan = gemeentenTabel([1, 2, 3, 4]);
    const res = metBerekendeKolommen(
      plan,
      samengevoegd(plan, [1, 3, 4]),
      oud([1, 3, 4], (i) => `C${9 + i}*2+$B$1`),
    );
    expect(eigen(res)).toEqual([null, { formule: "=C10*2+$B$1" }, null, null]);
    expect(res.wijzigingen).toContainEqual({
      plek: 'Opgave_Gemeenten: formule van uw kolom "Eigen" doorgetrokken naar GM0002 (E10)',
      oud: null,
      nieuw: "=C10*2+$B$1",
    });
  });

  test("a running sum over the row above: the new row reads the row above it", () => {
    const plan = gemeentenTabel([1, 2, 3, 4, 5]);
    const res = metBerekendeKolommen(
      plan,
      samengevoegd(plan, [1, 2, 3]),
      oud([1, 2, 3], (i) => `SUM(C$9:C${9 + i})`),
    );
    expect(eigen(res).slice(3)).toEqual([{ formule: "=SUM(C$9:C12)" }, { formule: "=SUM(C$9:C13)" }]);
    // One change for the column (a report shows its first lines only), with its first formula.
    expect(res.wijzigingen.filter((w) => w.plek.includes("doorgetrokken"))).toEqual([
      {
        plek: 'Opgave_Gemeenten: formule van uw kolom "Eigen" doorgetrokken naar GM0004 (E12) en GM0005 (E13)',
        oud: null,
        nieuw: "=SUM(C$9:C12)",
      },
    ]);
  });

  test("not a calculated column: rows that differ, a first row of its own, a value, one row only; Opgave's columns never", () => {
    const plan = gemeentenTabel([1, 2, 3]);
    const zonder = (f: (i: number) => string | undefined, nummers = [1, 3]) =>
      eigen(metBerekendeKolommen(plan, samengevoegd(plan, nummers), oud(nummers, f)));
    expect(zonder((i) => (i === 0 ? "C9*2" : `C${9 + i}*3`))).toEqual([null, null, null]);
    expect(zonder((i) => (i === 0 ? "C9" : `E${8 + i}+C${9 + i}`))).toEqual([null, null, null]);
    expect(zonder((i) => (i === 0 ? undefined : `C${9 + i}*2`))).toEqual([null, null, null]);
    expect(zonder(() => "C9*2", [1])).toEqual([null, null, null]);
    // The plan's own formula column (Achterstand) is the plan's: its new row has the plan's formula, untouched.
    const res = metBerekendeKolommen(
      plan,
      samengevoegd(plan, [1, 3]),
      oud([1, 3], () => undefined),
    );
    expect(res.rijen[1]?.[3]).toEqual({ formule: "=MAX(B10-C10,0)" });
    expect(res.wijzigingen.some((w) => w.plek.includes("Achterstand"))).toBe(false);
  });

  test("a column the table part marks as calculated: a cell typed over is passed over, the rows with the formula decide", () => {
    const plan = gemeentenTabel([1, 2, 3, 4]);
    const metUitzondering = (i: number) => (i === 1 ? undefined : `C${9 + i}*2`);
    const gemarkeerd = (f: (i: number) => string | undefined, nummers = [1, 3, 4]) =>
      eigen(
        metBerekendeKolommen(plan, samengevoegd(plan, nummers), {
          ...oud(nummers, f),
          berekend: (kop) => kop === "Eigen",
        }),
      );
    // GM0003 typed over (a value): GM0002 comes back with the column's formula, as Excel fills it.
    expect(gemarkeerd(metUitzondering)).toEqual([null, { formule: "=C10*2" }, null, null]);
    // Not marked: the rows differ, so it is no calculated column (as before).
    expect(
      eigen(metBerekendeKolommen(plan, samengevoegd(plan, [1, 3, 4]), oud([1, 3, 4], metUitzondering))),
    ).toEqual([null, null, null, null]);
    // Marked, but two formulas that differ, or one row with the formula only: nothing to fill.
    expect(gemarkeerd((i) => (i === 0 ? "C9*2" : `C${9 + i}*3`))).toEqual([null, null, null, null]);
    expect(gemarkeerd((i) => (i === 0 ? "C9*2" : undefined))).toEqual([null, null, null, null]);
  });

  test("a copy that would leave the grid (Excel's #REF!) is not written", () => {
    const plan = gemeentenTabel([1, 2, 3]);
    // The old table stood lower (from row 20), each row reading 19 rows up: in new row 10 that is above row 1.
    const hoog = { ...oud([1, 3], (i) => `C${1 + i}*2`), eersteRij: 20 };
    expect(eigen(metBerekendeKolommen(plan, samengevoegd(plan, [1, 3]), hoog))).toEqual([null, null, null]);
  });
});

describe("gekopieerd", () => {
  test("relative rows and columns move, absolute ones stay, on any sheet; strings are left alone", () => {
    expect(gekopieerd("G8*2+$B$3+B$3+$B3", "Blad", 2, 1)).toBe("H10*2+$B$3+C$3+$B5");
    expect(gekopieerd("SUM(G$8:G8)+'Mijn blad'!A1&\"G8\"", "Blad", 4, 0)).toBe(
      "SUM(G$8:G12)+'Mijn blad'!A5&\"G8\"",
    );
    expect(gekopieerd("G8", "Blad", 0, 0)).toBe("G8");
  });

  test("undefined when a reference would leave the grid", () => {
    expect(gekopieerd("G8", "Blad", -8, 0)).toBeUndefined();
    expect(gekopieerd("A8", "Blad", 0, -1)).toBeUndefined();
    expect(gekopieerd("$A$1+G8", "Blad", -7, -6)).toBe("$A$1+A1");
  });
});
