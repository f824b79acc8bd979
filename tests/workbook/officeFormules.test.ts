/**
 * The pure parts of ./officeFormules: an area's address as Office.js gives it (read by ./a1 `rechthoekVanAdres`), and an area without Opgave's own
 * cells (the validated cells Excel lists, less Opgave's input columns). The reading itself is tested on the fake
 * Excel in officeHerbevulling.test.ts.
 */
import { blokVanaf, rechthoekVanAdres } from "../../src/workbook/a1";
import { zonderEigenCellen } from "../../src/workbook/officeFormules";

describe("an area's address (Range.address, RangeAreas.areas)", () => {
  test("a cell, a range, whole columns and rows, with or without a (quoted) sheet and $", () => {
    expect(rechthoekVanAdres("Provincie!F20")).toEqual({ rij: 20, kolom: 6, rijen: 1, kolommen: 1 });
    expect(rechthoekVanAdres("'Mijn ''blad'''!$B$3:$D$9")).toEqual({
      rij: 3,
      kolom: 2,
      rijen: 7,
      kolommen: 3,
    });
    expect(rechthoekVanAdres("'A!B'!F9:F59")).toEqual({ rij: 9, kolom: 6, rijen: 51, kolommen: 1 });
    expect(rechthoekVanAdres("Provincie!K:L")).toEqual({ rij: 1, kolom: 11, rijen: 1_048_576, kolommen: 2 });
    expect(rechthoekVanAdres("Provincie!20:20")).toEqual({ rij: 20, kolom: 1, rijen: 1, kolommen: 16_384 });
  });

  test("anything else: undefined", () => {
    for (const fout of [
      "",
      "Provincie!",
      "Provincie!F",
      "Provincie!F20:G",
      "Provincie!A0",
      "Provincie!XFE1",
      "Blad!#REF!",
    ])
      expect(rechthoekVanAdres(fout)).toBeUndefined();
  });
});

test("blokVanaf: from the first range's first cell to the last row and column of any; one cell for none", () => {
  const r = (rij: number, kolom: number, rijen = 1, kolommen = 1) => ({ rij, kolom, rijen, kolommen });
  expect(blokVanaf([])).toEqual({ rijen: 1, kolommen: 1 });
  expect(blokVanaf([r(1, 10, 4)])).toEqual({ rijen: 4, kolommen: 1 });
  expect(blokVanaf([r(45, 6), r(50, 8, 2)])).toEqual({ rijen: 7, kolommen: 3 });
  // Many ranges (a hostile file): no stack overflow.
  expect(blokVanaf(Array.from({ length: 300_000 }, (_, i) => r(2 * i + 1, 1)))).toEqual({
    rijen: 599_999,
    kolommen: 1,
  });
});

describe("areas without Opgave's own cells", () => {
  // Opgave's own: rows 9–59 of columns E–G (5–7), rows 9–20 of column M (13).
  const eigen = (kolom: number): [number, number][] =>
    kolom >= 5 && kolom <= 7 ? [[9, 59]] : kolom === 13 ? [[9, 20]] : [];

  test("an area all Opgave's: nothing; none of it: itself", () => {
    expect(zonderEigenCellen([{ rij: 20, kolom: 5, rijen: 1, kolommen: 3 }], eigen)).toEqual([]);
    expect(zonderEigenCellen([{ rij: 20, kolom: 8, rijen: 3, kolommen: 2 }], eigen)).toEqual([
      { rij: 20, kolom: 8, rijen: 3, kolommen: 2 },
    ]);
  });

  test("an area across Opgave's column and the user's: only the user's cells, neighbouring columns together", () => {
    expect(zonderEigenCellen([{ rij: 20, kolom: 6, rijen: 1, kolommen: 4 }], eigen)).toEqual([
      { rij: 20, kolom: 8, rijen: 1, kolommen: 2 },
    ]);
    // Rows 1–70 of D–N: above and below Opgave's rows of E–G, all of D and H–L, the rows of M after 20, all of N.
    expect(zonderEigenCellen([{ rij: 1, kolom: 4, rijen: 70, kolommen: 11 }], eigen)).toEqual([
      { rij: 1, kolom: 4, rijen: 70, kolommen: 1 },
      { rij: 1, kolom: 5, rijen: 8, kolommen: 3 },
      { rij: 60, kolom: 5, rijen: 11, kolommen: 3 },
      { rij: 1, kolom: 8, rijen: 70, kolommen: 5 },
      { rij: 1, kolom: 13, rijen: 8, kolommen: 1 },
      { rij: 21, kolom: 13, rijen: 50, kolommen: 1 },
      { rij: 1, kolom: 14, rijen: 70, kolommen: 1 },
    ]);
  });

  test("the same cells however Excel groups them into areas: one form (row by row, with Opgave's column, or in one)", () => {
    // The user's validation over K1:K70 and Opgave's over M9:M20, listed row by row (K and M apart, L between).
    const perRij = Array.from({ length: 70 }, (_, i) => [
      { rij: i + 1, kolom: 11, rijen: 1, kolommen: 1 },
      ...(i + 1 >= 9 && i + 1 <= 20 ? [{ rij: i + 1, kolom: 13, rijen: 1, kolommen: 1 }] : []),
    ]).flat();
    const inEen = [
      { rij: 1, kolom: 11, rijen: 70, kolommen: 1 },
      { rij: 9, kolom: 13, rijen: 12, kolommen: 1 },
    ];
    const verwacht = [{ rij: 1, kolom: 11, rijen: 70, kolommen: 1 }];
    expect(zonderEigenCellen(perRij, eigen)).toEqual(verwacht);
    expect(zonderEigenCellen(inEen, eigen)).toEqual(verwacht);
    // Row by row across Opgave's columns E–G and the user's H (H9:H59 and G-H as one area each row).
    const samen = Array.from({ length: 51 }, (_, i) => ({ rij: i + 9, kolom: 5, rijen: 1, kolommen: 4 }));
    expect(zonderEigenCellen(samen, eigen)).toEqual([{ rij: 9, kolom: 8, rijen: 51, kolommen: 1 }]);
  });

  test("overlapping and unsorted intervals of Opgave's own", () => {
    const rommelig = (): [number, number][] => [
      [30, 40],
      [5, 12],
      [10, 20],
    ];
    expect(zonderEigenCellen([{ rij: 1, kolom: 1, rijen: 50, kolommen: 1 }], rommelig)).toEqual([
      { rij: 1, kolom: 1, rijen: 4, kolommen: 1 },
      { rij: 21, kolom: 1, rijen: 9, kolommen: 1 },
      { rij: 41, kolom: 1, rijen: 10, kolommen: 1 },
    ]);
  });
});
