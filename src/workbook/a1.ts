/**
 * A1 addresses, rectangles and sheet references: the one copy of this address code, used by the plan builders, both
 * writers, the reader and the fake Excel of the tests. No imports (the browser tests load it on its own).
 */

/** 1-based row and column. */
export interface Positie {
  readonly rij: number;
  readonly kolom: number;
}

/** 1-based rectangle. */
export interface Rechthoek {
  readonly rij: number;
  readonly kolom: number;
  readonly rijen: number;
  readonly kolommen: number;
}

/** Column letters of a 1-based column: 1 → "A", 27 → "AA". */
export function kolomLetters(kolom: number): string {
  let k = kolom;
  let letters = "";
  while (k > 0) {
    const r = (k - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    k = Math.floor((k - 1) / 26);
  }
  return letters;
}

/** 1-based column of column letters (either case): "A" → 1, "aa" → 27. */
export function kolomNummer(letters: string): number {
  let k = 0;
  for (const c of letters.toUpperCase()) k = k * 26 + (c.charCodeAt(0) - 64);
  return k;
}

/** "A1" address from a position. */
export function adres(p: Positie): string {
  return `${kolomLetters(p.kolom)}${p.rij}`;
}

/** "A1:C5" for a rectangle. */
export function bereik(start: Positie, rijen: number, kolommen: number): string {
  return `${adres(start)}:${adres({ rij: start.rij + rijen - 1, kolom: start.kolom + kolommen - 1 })}`;
}

/** "A1:C5" for a rectangle given as one object. */
export function rechthoekBereik(r: Rechthoek): string {
  return bereik({ rij: r.rij, kolom: r.kolom }, r.rijen, r.kolommen);
}

/** Excel's last row and column. */
export const MAX_RIJ = 1_048_576;
export const MAX_KOLOM = 16_384;

/**
 * The rectangle of an address as Excel and Office.js give it ("F20", "F9:F59", whole columns "K:L", whole rows
 * "20:20"; with or without $, after a sheet: "Provincie!…", "'Mijn blad'!…"); undefined for anything else.
 */
export function rechthoekVanAdres(adresTekst: string): Rechthoek | undefined {
  const ref = adresTekst
    .slice(adresTekst.lastIndexOf("!") + 1)
    .replace(/\$/g, "")
    .trim();
  const [van = "", tot = van] = ref.split(":");
  const cel = /^([A-Za-z]{1,3})?(\d{1,7})?$/;
  const [a, b] = [cel.exec(van), cel.exec(tot)];
  if (!a || !b || van === "" || tot === "" || !a[1] !== !b[1] || !a[2] !== !b[2]) return undefined;
  // Whole columns or rows only as a range ("K:K", "20:20"), as Excel writes them.
  if ((!a[1] || !a[2]) && !ref.includes(":")) return undefined;
  const [k1, k2] = a[1] && b[1] ? [kolomNummer(a[1]), kolomNummer(b[1])] : [1, MAX_KOLOM];
  const [r1, r2] = a[2] && b[2] ? [Number(a[2]), Number(b[2])] : [1, MAX_RIJ];
  if (Math.min(k1, k2, r1, r2) < 1 || Math.max(k1, k2) > MAX_KOLOM || Math.max(r1, r2) > MAX_RIJ)
    return undefined;
  return rechthoekTussen(r1, k1, r2, k2);
}

/** "B3" or "$B$3:$D$9" → 1-based corners (a single cell gives the same corner twice); undefined if not an A1 ref. */
export function decodeerBereik(
  ref: string,
): { rij1: number; kol1: number; rij2: number; kol2: number } | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref.trim());
  if (!m) return undefined;
  const k1 = kolomNummer(m[1] ?? "A");
  const r1 = Number(m[2]);
  return { rij1: r1, kol1: k1, rij2: m[4] ? Number(m[4]) : r1, kol2: m[3] ? kolomNummer(m[3]) : k1 };
}

/** The rectangle between two corners, in any order (rows and columns 1-based). */
export function rechthoekTussen(rij1: number, kol1: number, rij2: number, kol2: number): Rechthoek {
  return {
    rij: Math.min(rij1, rij2),
    kolom: Math.min(kol1, kol2),
    rijen: Math.abs(rij2 - rij1) + 1,
    kolommen: Math.abs(kol2 - kol1) + 1,
  };
}

/** Whether cell (`rij`, `kolom`) lies in rectangle `r`. */
export function bevat(r: Rechthoek, rij: number, kolom: number): boolean {
  return rij >= r.rij && rij < r.rij + r.rijen && kolom >= r.kolom && kolom < r.kolom + r.kolommen;
}

/** Whether cell (`rij`, `kolom`) lies in one of the rectangles `r`. */
export function bevatEen(r: readonly Rechthoek[], rij: number, kolom: number): boolean {
  return r.some((g) => bevat(g, rij, kolom));
}

/**
 * The block from the first cell of the first of `bereiken` to the last row and column of any, in rows and columns
 * (one cell when there are none): what a format's or validation's formula, written for that first cell, covers.
 */
export function blokVanaf(bereiken: readonly Rechthoek[]): { rijen: number; kolommen: number } {
  const [eerste] = bereiken;
  // A loop, not Math.max(...): a hostile file can hold more ranges than a call takes arguments.
  return bereiken.reduce(
    (m, b) => ({
      rijen: Math.max(m.rijen, b.rij + b.rijen - (eerste?.rij ?? b.rij)),
      kolommen: Math.max(m.kolommen, b.kolom + b.kolommen - (eerste?.kolom ?? b.kolom)),
    }),
    { rijen: 1, kolommen: 1 },
  );
}

/**
 * The cells of `r` outside every rectangle of `weg`, as rectangles: per column the runs of rows left (in column
 * order, top to bottom); `r` itself when nothing is taken from it.
 */
export function rechthoekZonder(r: Rechthoek, weg: readonly Rechthoek[]): Rechthoek[] {
  const raakt = weg.filter((w) => overlapt(w, r));
  if (raakt.length === 0) return [r];
  const uit: Rechthoek[] = [];
  for (let kolom = r.kolom; kolom < r.kolom + r.kolommen; kolom++) {
    let begin: number | undefined;
    for (let rij = r.rij; rij <= r.rij + r.rijen; rij++) {
      const vrij = rij < r.rij + r.rijen && !bevatEen(raakt, rij, kolom);
      if (vrij && begin === undefined) begin = rij;
      if (!vrij && begin !== undefined) {
        uit.push({ rij: begin, kolom, rijen: rij - begin, kolommen: 1 });
        begin = undefined;
      }
    }
  }
  return uit;
}

/** Whether two rectangles share a cell. */
export function overlapt(a: Rechthoek, b: Rechthoek): boolean {
  return (
    a.rij < b.rij + b.rijen &&
    b.rij < a.rij + a.rijen &&
    a.kolom < b.kolom + b.kolommen &&
    b.kolom < a.kolom + a.kolommen
  );
}

/** A sheet name in quotes, quotes inside doubled: "Mijn 'blad'" → "'Mijn ''blad'''". */
export function bladTussenQuotes(blad: string): string {
  return `'${blad.replace(/'/g, "''")}'`;
}

/** A sheet name as a formula or defined name refers to it: plain when it is a simple name, else quoted. */
export function bladVerwijzing(blad: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(blad) ? blad : bladTussenQuotes(blad);
}

/** "Kosten!$C$3" (the sheet quoted when needed): an absolute reference to one cell. */
export function absoluteVerwijzing(blad: string, p: Positie): string {
  return `${bladVerwijzing(blad)}!$${kolomLetters(p.kolom)}$${p.rij}`;
}

/**
 * Sheet and cell ("C10") of a single-cell reference as Office.js and .xlsx files write it ("Kosten!C10",
 * "'Mijn ''blad'''!$C$10"); undefined for anything else (a range, a constant, no sheet).
 */
export function leesCelVerwijzing(a: string): { blad: string; cel: string } | undefined {
  const i = a.lastIndexOf("!");
  if (i < 0) return undefined;
  let blad = a.slice(0, i);
  if (blad.startsWith("'") && blad.endsWith("'")) blad = blad.slice(1, -1).replace(/''/g, "'");
  const cel = a.slice(i + 1).replace(/\$/g, "");
  return /^[A-Z]+\d+$/.test(cel) ? { blad, cel } : undefined;
}
