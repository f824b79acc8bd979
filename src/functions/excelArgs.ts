/**
 * Unwrapping what Excel passes to a custom function into the plain values the engine takes.
 * Excel passes `null` (or nothing) for an omitted optional argument, an empty cell as "" (or 0 in some hosts),
 * a single-cell range as a 1×1 2-D array, and a number where text is expected when a cell holds a code.
 */
import { berichten } from "../domain/berichten";
import { ongeldig } from "../domain/fouten";
import type { Invoer } from "../domain/engine";
import { parseJaNee } from "../domain/kosten";
import { dagUitExcelSerieel, dagUitTekst, type Dag } from "../domain/periode";

function isLeeg(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** A 1×1 array → its cell; a larger array → error; anything else unchanged. */
function enkeleCel(v: unknown, wat: string): unknown {
  if (!Array.isArray(v)) return v;
  const cellen = (v as unknown[]).flat();
  if (cellen.length !== 1) throw ongeldig(berichten.eenCelVerwacht(wat));
  return cellen[0];
}

/** Required text-or-number argument (gemeente, periode, provincie). Empty stays "" so the engine can say so. */
export function verplicht(v: unknown, wat: string): Invoer {
  const cel = enkeleCel(v, wat);
  if (isLeeg(cel)) return "";
  if (typeof cel === "string" || typeof cel === "number") return cel;
  throw ongeldig(berichten.waardeOngeldig(wat, String(cel)));
}

/** Optional text-or-number argument: omitted, null or an empty cell → undefined. */
export function optioneel(v: unknown, wat: string): Invoer | undefined {
  const cel = enkeleCel(v, wat);
  if (isLeeg(cel)) return undefined;
  if (typeof cel === "string" || typeof cel === "number") return cel;
  throw ongeldig(berichten.waardeOngeldig(wat, String(cel)));
}

/** Optional whole number (beginsaldo): omitted/empty → the default. Numeric text ("10", "-3") is accepted. */
export function optioneelGeheelGetal(
  v: unknown,
  standaard: number,
  fout: (waarde: string) => string,
): number {
  const cel = enkeleCel(v, "beginsaldo");
  if (isLeeg(cel)) return standaard;
  const n =
    typeof cel === "number" ? cel : typeof cel === "string" ? Number(cel.trim().replace(",", ".")) : NaN;
  if (!Number.isInteger(n)) throw ongeldig(fout(String(cel)));
  return n;
}

/**
 * The housed numbers: one number, or one column (or row) of numbers, one per consecutive period.
 * Empty cells are refused (a forgotten cell must not silently count as 0).
 */
export function aantallen(v: unknown): number[] {
  if (isLeeg(v)) throw ongeldig(berichten.gehuisvestLeeg());
  const rijen: unknown[][] = Array.isArray(v)
    ? (v as unknown[]).map((r) => (Array.isArray(r) ? r : [r]))
    : [[v]];
  const breedte = Math.max(...rijen.map((r) => r.length));
  if (rijen.length > 1 && breedte > 1) throw ongeldig(berichten.gehuisvestGeenKolom());
  const cellen = rijen.flat();
  return cellen.map((c, i) => {
    if (isLeeg(c)) throw ongeldig(berichten.gehuisvestLegeCel(i + 1));
    const n = typeof c === "number" ? c : typeof c === "string" ? Number(c.trim()) : NaN;
    if (!Number.isInteger(n) || n < 0) throw ongeldig(berichten.gehuisvestOngeldig(String(c)));
    return n;
  });
}

/** Optional text (soort, besluit, fase): a number is taken as its text ("96000"). */
export function optioneleTekst(v: unknown, wat: string): string | undefined {
  const w = optioneel(v, wat);
  return w === undefined ? undefined : String(w);
}

/** Numeric text as Dutch users type it: "96000", "96.000" (thousands), "1,5" (decimal comma), "1.5". */
function tekstNaarGetal(tekst: string): number {
  const t = tekst.trim().replace(/\s/g, "");
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return Number(t.replace(/\./g, "").replace(",", "."));
  if (/^-?\d+(,\d+)?$/.test(t)) return Number(t.replace(",", "."));
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return NaN;
}

/** Required number; numeric text in Dutch or plain notation is accepted ("96.000", "1,5"). */
export function verplichtGetal(v: unknown, wat: string): number {
  const w = verplicht(v, wat);
  const n = typeof w === "number" ? w : tekstNaarGetal(w);
  if (w === "" || !Number.isFinite(n)) throw ongeldig(berichten.waardeOngeldig(wat, String(w)));
  return n;
}

/** Optional number: omitted/empty → undefined. */
export function optioneelGetal(v: unknown, wat: string): number | undefined {
  return optioneel(v, wat) === undefined ? undefined : verplichtGetal(v, wat);
}

/** Optional yes/no: WAAR/ONWAAR (boolean), 1/0, "ja"/"nee", "duurzaam"/"niet duurzaam"; omitted → undefined. */
export function optioneleJaNee(v: unknown, wat: string): boolean | undefined {
  const cel = enkeleCel(v, wat);
  if (isLeeg(cel)) return undefined;
  if (typeof cel === "boolean" || typeof cel === "number" || typeof cel === "string")
    return parseJaNee(cel, wat);
  throw ongeldig(berichten.waardeOngeldig(wat, String(cel)));
}

/** A date: an Excel date serial, or text "15-3-2024" / "2024-03-15". */
export function datum(v: unknown, wat: string): Dag {
  const w = verplicht(v, wat);
  const dag = typeof w === "number" ? dagUitExcelSerieel(w) : dagUitTekst(w);
  if (dag === null) throw ongeldig(berichten.datumOngeldig(wat, String(w)));
  return dag;
}
