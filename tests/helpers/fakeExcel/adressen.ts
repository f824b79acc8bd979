/**
 * Addresses as Office.js takes and gives them, on top of the project's own A1 code (src/workbook/a1.ts, which reads
 * them: `rechthoekVanAdres`); only what a1.ts does not cover is here: the sheet named in an address, a bare column
 * ("C"), and the sheet quoting Office.js uses in `Range.address` (dots stay unquoted, unlike a1.ts's bladVerwijzing).
 */
import {
  adres,
  bladTussenQuotes,
  MAX_KOLOM,
  MAX_RIJ,
  rechthoekBereik,
  rechthoekVanAdres,
} from "../../../src/workbook/a1";
import { FakeExcelFout } from "./fouten";
import type { FakeRechthoek } from "./model";

export const MAX_RIJEN = MAX_RIJ;
export const MAX_KOLOMMEN = MAX_KOLOM;

export function a1(rij: number, kolom: number): string {
  return adres({ rij, kolom });
}

/** "A1", "A1:C5", "C:C", "C:E", "C", "7:9" (optionally "Blad!…", "'Mijn blad'!…", with or without $). */
export function parseerBereik(adres: string): { blad?: string; rechthoek: FakeRechthoek } {
  let rest = adres.replace(/\$/g, "");
  let blad: string | undefined;
  const i = rest.lastIndexOf("!");
  if (i >= 0) {
    blad = rest.slice(0, i);
    if (blad.startsWith("'") && blad.endsWith("'")) blad = blad.slice(1, -1).replace(/''/g, "'");
    rest = rest.slice(i + 1);
  }
  // A bare column ("C") is that whole column, as "C:C".
  const rechthoek = rechthoekVanAdres(/^[A-Za-z]+$/.test(rest) ? `${rest}:${rest}` : rest);
  if (!rechthoek) throw new FakeExcelFout("InvalidArgument", `ongeldig adres ${adres}`);
  return { blad, rechthoek: { ...rechthoek } };
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
