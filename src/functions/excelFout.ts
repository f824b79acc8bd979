/**
 * Adapter between the engine's error vocabulary and Excel's: the only place that knows `CustomFunctions.Error`.
 * Outside Excel (CLI, tests) the same codes and messages travel in an `ExcelFout`.
 */
import { berichten } from "../domain/berichten";
import { OpgaveFout, ongeldig } from "../domain/fouten";

export type ExcelFoutCode = "#VALUE!" | "#N/A";

/** Excel shows custom error messages in a tooltip; keep them within a sane length. */
const MAX_BERICHT = 250;

export class ExcelFout extends Error {
  constructor(
    readonly code: ExcelFoutCode,
    message: string,
  ) {
    super(message);
    this.name = "ExcelFout";
  }
}

function code(e: OpgaveFout): ExcelFoutCode {
  return e.soort === "nietBeschikbaar" ? "#N/A" : "#VALUE!";
}

function kort(bericht: string): string {
  return bericht.length <= MAX_BERICHT ? bericht : `${bericht.slice(0, MAX_BERICHT - 1)}…`;
}

/**
 * The Excel error of each engine error already converted. The engine answers a repeated question with the same
 * OpgaveFout instance, so a repeated error costs a lookup instead of a new Error (with its stack) every time.
 * Keyed weakly: an error no longer held by an engine cache is forgotten with it.
 */
const omgezet = new WeakMap<OpgaveFout, ExcelFout | CustomFunctions.Error>();

/** Excel's error class, when running inside Excel (the custom-functions runtime defines it). */
function excelKlasse(): typeof CustomFunctions.Error | undefined {
  return typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function"
    ? CustomFunctions.Error
    : undefined;
}

/** The Excel error for a code and message; without a stack trace (it is an answer, and would only point here). */
function maak(foutCode: ExcelFoutCode, bericht: string): ExcelFout | CustomFunctions.Error {
  const Klasse = excelKlasse();
  if (Klasse) {
    const excelCode =
      foutCode === "#N/A" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    return new Klasse(excelCode, kort(bericht));
  }
  const limiet = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new ExcelFout(foutCode, kort(bericht));
  } finally {
    Error.stackTraceLimit = limiet;
  }
}

/** Any thrown value → the error object Excel (or the CLI) understands. Never throws itself. */
export function naarExcelFout(e: unknown): ExcelFout | CustomFunctions.Error {
  if (!(e instanceof OpgaveFout)) {
    return maak("#VALUE!", berichten.interneFout(e instanceof Error ? e.message : String(e)));
  }
  const eerder = omgezet.get(e);
  // Reuse only an error of the kind the runtime expects now (tests switch between Excel and outside it).
  const Klasse = excelKlasse();
  if (eerder !== undefined && (Klasse ? eerder instanceof Klasse : eerder instanceof ExcelFout))
    return eerder;
  const fout = maak(code(e), e.message);
  omgezet.set(e, fout);
  return fout;
}

/**
 * Throws the Excel error of `e`. A throw is most of the cost of a memoised error answer; thrown from this small
 * function (which V8 keeps out of the optimised caller) it costs about half of a throw inside the caller.
 */
export function werpExcelFout(e: unknown): never {
  throw naarExcelFout(e);
}

/**
 * The output guard: no function returns a non-finite number. The input ranges (src/domain/grenzen.ts) keep every
 * result finite; should a computation overflow anyway, the answer is this #VALUE!, never Infinity or NaN.
 */
const NIET_EINDIG = ongeldig(berichten.uitkomstNietEindig());

/** `n` when finite; otherwise throws the engine's error (for use inside `alsExcel`). */
export function eindig(n: number): number {
  if (Number.isFinite(n)) return n;
  throw NIET_EINDIG;
}

/** Throws the Excel error of a non-finite result (for a body written out without `alsExcel`). */
export function werpNietEindig(): never {
  return werpExcelFout(NIET_EINDIG);
}

/** A spilled table with every number cell checked by `eindig` (tables are small: one pass, no copy). */
export function eindigeTabel<T extends readonly (readonly unknown[])[]>(tabel: T): T {
  for (const rij of tabel) for (const cel of rij) if (typeof cel === "number") eindig(cel);
  return tabel;
}

/** Run a function body; any error becomes a thrown Excel error (so every code path resolves). */
export function alsExcel<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    return werpExcelFout(e);
  }
}

/**
 * As `alsExcel`, for a body that returns the engine's error instead of throwing it (the memoised questions):
 * the error is thrown once, as the Excel error, instead of being thrown, caught and thrown again.
 */
export function alsExcelUitkomst<T>(f: () => T | OpgaveFout): T {
  let uitkomst: T | OpgaveFout;
  try {
    uitkomst = f();
  } catch (e) {
    return werpExcelFout(e);
  }
  return uitkomst instanceof OpgaveFout ? werpExcelFout(uitkomst) : uitkomst;
}
