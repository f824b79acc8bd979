/**
 * Unwrapping what Excel passes to a custom function into the plain values the engine takes.
 * Excel passes `null` (or nothing) for an omitted optional argument, an empty cell as "" (or 0 in some hosts),
 * a single-cell range as a 1×1 2-D array, and a number where text is expected when a cell holds a code.
 * A cell holding a data type (a formatted number, an entity, a linked data type such as Geography "Utrecht")
 * arrives as an object, since functions.json allows custom data for `any` parameters
 * (`allowCustomDataForDataTypeAny`, emitted by the metadata generator): `basisWaarde` unwraps it to what the cell
 * shows as a plain value, for every cell of every argument.
 *
 * The numeric guard: every number argument is read by `verplichtGetal`, `optioneelGetal`, `optioneelGeheelGetal`
 * or `aantallen`, each with its quantity from src/domain/grenzen.ts; a value that is no number, not finite,
 * outside the quantity's range or (for a count) not whole is #VALUE! naming the argument and the range.
 */
import { berichten } from "../domain/berichten";
import { ongeldig } from "../domain/fouten";
import { binnenGrenzen, buitenGrenzen, GRENZEN, type Grootheid } from "../domain/grenzen";
import type { Invoer } from "../domain/engine";
import { parseJaNee } from "../domain/kosten";
import { dagUitExcelSerieel, dagUitTekst, type Dag } from "../domain/periode";

function isLeeg(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/**
 * A data-type cell value (Excel.CellValue: `{ type, basicValue, … }`) as a plain value: its `basicValue` (a
 * formatted number's number, a string's text, an error's "#N/A"); for an entity or linked entity, whose basicValue
 * is "#VALUE!", the text the cell shows ("Utrecht"). Anything else is returned as it is.
 */
export function basisWaarde(v: unknown): unknown {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
  const w = v as { type?: unknown; basicValue?: unknown; basicType?: unknown; text?: unknown };
  if (typeof w.type !== "string") return v;
  if (w.basicType === "Error" && typeof w.text === "string") return w.text;
  const b = w.basicValue;
  if (typeof b === "string" || typeof b === "number" || typeof b === "boolean") return b;
  if (typeof w.text === "string") return w.text;
  return b === null ? "" : v;
}

/** A 1×1 array → its cell; a larger array → error (without copying it: it may be a whole column); else v. */
function enkeleCel(v: unknown, wat: string): unknown {
  if (!Array.isArray(v)) return basisWaarde(v);
  if (v.length !== 1) throw ongeldig(berichten.eenCelVerwacht(wat));
  const rij: unknown = v[0];
  if (!Array.isArray(rij)) return basisWaarde(rij);
  if (rij.length !== 1) throw ongeldig(berichten.eenCelVerwacht(wat));
  return basisWaarde(rij[0]);
}

/** Text, or a finite number (NaN and ±Infinity never come from a cell); anything else is #VALUE!. */
function tekstOfGetal(cel: unknown, wat: string): Invoer {
  if (typeof cel === "string" || (typeof cel === "number" && Number.isFinite(cel))) return cel;
  throw ongeldig(berichten.waardeOngeldig(wat, cel));
}

/** Required text-or-number argument (gemeente, periode, provincie). Empty stays "" so the engine can say so. */
export function verplicht(v: unknown, wat: string): Invoer {
  const cel = enkeleCel(v, wat);
  return isLeeg(cel) ? "" : tekstOfGetal(cel, wat);
}

/** Optional text-or-number argument: omitted, null or an empty cell → undefined. */
export function optioneel(v: unknown, wat: string): Invoer | undefined {
  const cel = enkeleCel(v, wat);
  return isLeeg(cel) ? undefined : tekstOfGetal(cel, wat);
}

/** A cell as a number: a number as it is, numeric text as Dutch users type it, anything else NaN. */
function getalVan(cel: unknown): number {
  return typeof cel === "number" ? cel : typeof cel === "string" ? tekstNaarGetal(cel) : NaN;
}

/** `n` (read from `cel`) when within `g`; else #VALUE! naming `wat`, what was given and the range. */
function binnen(n: number, cel: unknown, wat: string, g: Grootheid): number {
  if (binnenGrenzen(g, n)) return n;
  throw buitenGrenzen(wat, cel, g, n);
}

/** Optional whole number (beginsaldo): omitted/empty → the default. Numeric text ("10", "-3") is accepted. */
export function optioneelGeheelGetal(v: unknown, wat: string, g: Grootheid, standaard: number): number {
  const cel = enkeleCel(v, wat);
  if (isLeeg(cel)) return standaard;
  return binnen(getalVan(cel), cel, wat, g);
}

/**
 * The housed numbers: one number, or one column (or row) of numbers, one per consecutive period (at most
 * GRENZEN.perioden.max of them). Empty cells are refused (a forgotten cell must not silently count as 0).
 */
export function aantallen(v: unknown): number[] {
  if (isLeeg(basisWaarde(v))) throw ongeldig(berichten.gehuisvestLeeg());
  if (!Array.isArray(v)) return [aantal(v, 0)];
  return kolomCellen(v, berichten.gehuisvestGeenKolom()).map(aantal);
}

/**
 * The cells of one column or one row, one per half-year (a column given as rows of one cell each, [[1],[2]], is
 * unwrapped); anything wider is refused with `geenKolom`. A whole column (a million rows) may arrive here: the
 * shape and the length are checked before anything is copied.
 */
export function kolomCellen(v: readonly unknown[], geenKolom: string): unknown[] {
  const eerste: unknown = v[0];
  const breedte = Array.isArray(eerste) ? eerste.length : 1;
  if (v.length > 1 && breedte > 1) throw ongeldig(geenKolom);
  const cellen: readonly unknown[] = v.length === 1 && Array.isArray(eerste) ? eerste : v;
  if (cellen.length > GRENZEN.perioden.max)
    throw ongeldig(berichten.periodeReeksTeLang(GRENZEN.perioden.max));
  return cellen.map((c) => {
    if (!Array.isArray(c)) return c;
    if (c.length !== 1) throw ongeldig(geenKolom);
    return c[0];
  });
}

/** One housed number (position `i` in the column). */
function aantal(waarde: unknown, i: number): number {
  const cel = basisWaarde(waarde);
  if (isLeeg(cel)) throw ongeldig(berichten.gehuisvestLegeCel(i + 1));
  return binnen(getalVan(cel), cel, "gehuisvest", GRENZEN.gehuisvest);
}

/** Optional text (soort, besluit, fase): a number is taken as its text ("96000"). */
export function optioneleTekst(v: unknown, wat: string): string | undefined {
  const w = optioneel(v, wat);
  return w === undefined ? undefined : String(w);
}

/**
 * Numeric text as Dutch users type it: "96000", "96.000" (thousands), "1,5" (decimal comma), "1.5", "1e6" (as
 * Excel shows a large number). Anything else is NaN.
 */
function tekstNaarGetal(tekst: string): number {
  const t = tekst.trim().replace(/\s/g, "");
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return Number(t.replace(/\./g, "").replace(",", "."));
  if (/^-?\d+(,\d+)?$/.test(t)) return Number(t.replace(",", "."));
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(t)) return Number(t);
  return NaN;
}

/**
 * Required number of quantity `g`; numeric text in Dutch or plain notation is accepted ("96.000", "1,5").
 * Empty, text that is no number, or a number outside `g` → #VALUE! naming `wat` and the range.
 */
export function verplichtGetal(v: unknown, wat: string, g: Grootheid): number {
  const cel = enkeleCel(v, wat);
  return isLeeg(cel) ? binnen(NaN, "", wat, g) : binnen(getalVan(cel), cel, wat, g);
}

/** Optional number of quantity `g`: omitted/empty → undefined. */
export function optioneelGetal(v: unknown, wat: string, g: Grootheid): number | undefined {
  const cel = enkeleCel(v, wat);
  return isLeeg(cel) ? undefined : binnen(getalVan(cel), cel, wat, g);
}

/** Optional yes/no: WAAR/ONWAAR (boolean), 1/0, "ja"/"nee", "duurzaam"/"niet duurzaam"; omitted → undefined. */
export function optioneleJaNee(v: unknown, wat: string): boolean | undefined {
  const cel = enkeleCel(v, wat);
  if (isLeeg(cel)) return undefined;
  if (typeof cel === "boolean" || typeof cel === "number" || typeof cel === "string")
    return parseJaNee(cel, wat);
  throw ongeldig(berichten.waardeOngeldig(wat, cel));
}

/** A date: an Excel date serial, or text "15-3-2024" / "2024-03-15". */
export function datum(v: unknown, wat: string): Dag {
  const w = verplicht(v, wat);
  const dag = typeof w === "number" ? dagUitExcelSerieel(w) : dagUitTekst(w);
  if (dag === null) throw ongeldig(berichten.datumOngeldig(wat, w));
  return dag;
}
