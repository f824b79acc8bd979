/**
 * Command-line words → the values Excel would pass for the same input typed in a cell or formula:
 * - a plain number ("42", "-3", "45352.5", "1e308") → number (as Excel stores a numeric cell); a code with leading
 *   zeros ("0363") stays text, as in a formula `"0363"`, and so does a number too large for a cell ("1e309");
 * - a number with thousands points as Dutch users write it ("1.000", "96.000") stays text: the functions read
 *   numeric text the Dutch way (src/functions/excelArgs.ts `tekstNaarGetal`), as a cell in Dutch Excel does, so
 *   "1.000" is a thousand, never 1;
 * - "" → empty cell ("");
 * - for a range parameter: "10;20;30" or "{10;20;30}" (Dutch Excel array constant: a column) → [[10],[20],[30]],
 *   a single value v → [[v]].
 */
export type Cel = string | number;

/** "1.000", "-12.500": points between groups of three digits (Dutch thousands), no decimals. */
const DUIZENDTALLEN = /^-?\d{1,3}(\.\d{3})+$/;

export function celWaarde(woord: string): Cel {
  const t = woord.trim();
  if (!/^-?(0|[1-9]\d*)(\.\d+)?(e[+-]?\d+)?$/i.test(t) || DUIZENDTALLEN.test(t)) return woord;
  // "1e308" is a number, as in a cell; "1e309" is too large for a cell: Excel keeps it as text.
  const n = Number(t);
  return Number.isFinite(n) ? n : woord;
}

export function bereikWaarde(woord: string): Cel[][] {
  const binnen = woord.trim().replace(/^\{(.*)\}$/, "$1");
  return binnen.split(";").map((deel) => [celWaarde(deel.trim())]);
}
