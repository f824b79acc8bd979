/**
 * Addresses as Office.js takes and gives them, on top of the project's own A1 code (src/workbook/a1.ts); only what
 * a1.ts does not cover is here: whole rows ("7:7"), whole columns ("C:E"), lowercase letters, a sheet prefix, and
 * the sheet quoting Office.js uses in `Range.address` (dots stay unquoted, unlike a1.ts's bladVerwijzing).
 */
import {
  adres,
  bladTussenQuotes,
  decodeerBereik,
  kolomNummer,
  rechthoekBereik,
  rechthoekTussen,
} from "../../../src/workbook/a1";
import { FakeExcelFout } from "./fouten";
import type { FakeRechthoek } from "./model";

export const MAX_RIJEN = 1_048_576;
export const MAX_KOLOMMEN = 16_384;

export function a1(rij: number, kolom: number): string {
  return adres({ rij, kolom });
}

/** "A1", "A1:C5", "C:C", "C:E" (optionally "Blad!…", "'Mijn blad'!…", with or without $). */
export function parseerBereik(adres: string): { blad?: string; rechthoek: FakeRechthoek } {
  let rest = adres.replace(/\$/g, "");
  let blad: string | undefined;
  const i = rest.lastIndexOf("!");
  if (i >= 0) {
    blad = rest.slice(0, i);
    if (blad.startsWith("'") && blad.endsWith("'")) blad = blad.slice(1, -1).replace(/''/g, "'");
    rest = rest.slice(i + 1);
  }
  const [van, tot = van] = rest.split(":") as [string, string?];
  // Whole rows ("7:7", "$7:$9").
  if (/^\d+$/.test(van) && /^\d+$/.test(tot) && rest.includes(":")) {
    const [r1, r2] = [Number(van), Number(tot)];
    if (r1 < 1 || r2 < 1) throw new FakeExcelFout("InvalidArgument", `ongeldig adres ${adres}`);
    return {
      blad,
      rechthoek: { rij: Math.min(r1, r2), kolom: 1, rijen: Math.abs(r2 - r1) + 1, kolommen: MAX_KOLOMMEN },
    };
  }
  const cellen = decodeerBereik(rest.toUpperCase());
  if (cellen) {
    const { rij1, kol1, rij2, kol2 } = cellen;
    return { blad, rechthoek: rechthoekTussen(rij1, kol1, rij2, kol2) };
  }
  // Whole columns ("C:C", "C:E", "C"): not in a1.ts.
  const cel = /^([A-Za-z]+)(\d+)?$/;
  const a = cel.exec(van);
  const b = cel.exec(tot);
  if (!a || !b || !a[1] || !b[1]) throw new FakeExcelFout("InvalidArgument", `ongeldig adres ${adres}`);
  const heleKolom = a[2] === undefined || b[2] === undefined;
  const r1 = heleKolom ? 1 : Number(a[2]);
  const r2 = heleKolom ? MAX_RIJEN : Number(b[2]);
  const c1 = kolomNummer(a[1]);
  const c2 = kolomNummer(b[1]);
  return { blad, rechthoek: rechthoekTussen(r1, c1, r2, c2) };
}

export function rechthoekAdres(r: FakeRechthoek): string {
  return r.rijen === 1 && r.kolommen === 1 ? a1(r.rij, r.kolom) : rechthoekBereik(r);
}

/** How Excel writes a sheet in an address: plain for a simple name (dots allowed), else quoted. */
export function bladVoorvoegsel(naam: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(naam) ? naam : bladTussenQuotes(naam);
}

export function gelijkeNaam(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
