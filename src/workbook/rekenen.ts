/**
 * A small, pure formula evaluator: the values Excel and LibreOffice compute for the formulas Opgave writes, so the
 * .xlsx writer can store them as cached results (previews, phones and scripts that do not recalculate show them;
 * `fullCalcOnLoad` stays the safety net) and the task pane can show values without Excel.
 *
 * API
 * - `new Rekenaar(bron).uitkomst(blad, rij, kolom)`: the result of the formula in that cell, or undefined when the
 *   cell holds no formula or the formula cannot be evaluated exactly (see below). `bron` (`RekenBron`) answers what a
 *   cell holds, which sheets exist and where a defined name points. Results are memoised per cell; cells are
 *   evaluated in dependency order (a cell's references first), a cycle leaves every cell on it without a result.
 * - `rekenPlan(plan, invoer?)`: every formula cell of a `WerkboekPlan` (as the writers lay it out), with the
 *   user's values from `invoer(blad, adres)` (undefined = the plan's default): blad → adres ("B8") → result.
 * - ./xlsxResultaten: the same over an exceljs workbook, storing the results in the cells.
 * A result is a number, a string ("" for the empty text Opgave's formulas return), a boolean or an error
 * `{ fout: "#N/A" }`.
 *
 * The language is ./formuleTaal's (references, ranges, sheet names, defined names, + - * / &, comparisons) with the
 * functions IF, AND, OR, NOT, IFERROR, N, SUM, MAX, MIN, ABS, ROUNDUP, COUNT, INDEX (one index), MATCH (exact,
 * match type 0), ISNUMBER, ISTEXT, ISLOGICAL, ISBLANK, ISERROR, ISNA, LEN, LEFT, RIGHT and MID, and Excel's rules:
 * an empty cell is 0 in arithmetic and equals "" (and 0, FALSE) in comparisons; text compares above numbers and
 * booleans above text, case-insensitively; N(text) = 0; COUNT counts numbers only; SUM/MAX over references skip
 * text, booleans and empty cells; errors propagate (#VALUE! for text in arithmetic, #DIV/0!, #N/A from MATCH,
 * #REF! from INDEX out of range). Only IF's chosen branch is evaluated; AND/OR evaluate every argument.
 *
 * Never a wrong value: whatever the evaluator cannot decide exactly the way both programs do leaves the cell (and
 * every cell depending on it) without a result — an unknown function or syntax, an unknown sheet or name, a range
 * where one value is expected, text in arithmetic that holds digits but is not a plain integer ("12,5" is a number
 * in a Dutch Excel and an error in an English one), text ordering beyond letters and digits, comparisons of text
 * that differ only beyond ASCII, numbers so close that the programs' rounding decides, MATCH wildcards, dates in a
 * 1904 workbook, cycles.
 */
import { adres } from "./a1";
import { FOUT_CODES, parseFormule, type FoutCode, type Knoop, type Verwijzing } from "./formuleTaal";
import type { Formule, Waarde, WerkboekPlan } from "./plan";

export type { FoutCode } from "./formuleTaal";

export interface Fout {
  readonly fout: FoutCode;
}

/** What a formula computes. */
export type Uitkomst = number | string | boolean | Fout;

/** A cell the evaluator cannot read (a value of a kind it does not know): formulas depending on it get no result. */
export const ONBEKEND: { readonly onbekend: true } = { onbekend: true };

/** What a cell holds for the evaluator: a value (null = empty), an error, a formula, or something unknown. */
export type CelInhoud = Waarde | Fout | Formule | typeof ONBEKEND;

/** A rectangle on a sheet (1-based corners). */
export interface Gebied {
  readonly blad: string;
  readonly rij1: number;
  readonly kol1: number;
  readonly rij2: number;
  readonly kol2: number;
}

/** The workbook as the evaluator sees it. */
export interface RekenBron {
  /** The sheet's name as the workbook spells it, for a name in a formula (case-insensitive); undefined: none. */
  bladNaam(naam: string): string | undefined;
  /** What a cell holds (`blad` as `bladNaam` returned it). */
  cel(blad: string, rij: number, kolom: number): CelInhoud;
  /** Where a workbook-level defined name points (case-insensitive); undefined when unknown or not one rectangle. */
  naam(naam: string): Gebied | undefined;
}

function isFormule(c: CelInhoud): c is Formule {
  return typeof c === "object" && c !== null && "formule" in c;
}

export function isFout(w: unknown): w is Fout {
  return typeof w === "object" && w !== null && "fout" in w;
}

export function fout(code: FoutCode): Fout {
  return { fout: code };
}

/** Whether an error text is one of Excel's error values ("#N/A", …). */
export function isFoutCode(s: string): s is FoutCode {
  return (FOUT_CODES as readonly string[]).includes(s);
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

/** The evaluation cannot be decided exactly: the cell gets no result. */
class NietOndersteund extends Error {}

/** Too many nested cell evaluations: restarted from `sleutel` (keeps the JavaScript stack small). */
class TeDiep extends Error {
  constructor(
    readonly blad: string,
    readonly rij: number,
    readonly kolom: number,
  ) {
    super("te diep");
  }
}

const MAX_DIEPTE = 150;

type Scalar = number | string | boolean | Fout;
/** A value in a formula: a scalar, or a reference (dereferenced where one value is needed). */
type W = Scalar | { readonly gebied: Gebied };

function isRef(w: W): w is { readonly gebied: Gebied } {
  return typeof w === "object" && "gebied" in w;
}

function nee(): never {
  throw new NietOndersteund();
}

/** Text as a number in arithmetic: a plain integer converts everywhere; text without digits is #VALUE!. */
function tekstNaarGetal(s: string): number | Fout {
  if (/^[0-9]{1,15}$/.test(s)) return Number(s);
  if (!/[0-9]/.test(s)) return fout("#VALUE!");
  return nee();
}

function alsGetal(v: Scalar | null): number | Fout {
  if (v === null) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") return tekstNaarGetal(v);
  return v;
}

function alsTekst(v: Scalar | null): string | Fout {
  if (v === null) return "";
  if (typeof v === "string" || isFout(v)) return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  const s = String(v === 0 ? 0 : v);
  // Excel shows at most 15 significant digits (general format): only plain short numbers are certain.
  if (/e/i.test(s) || s.replace(/^-/, "").replace(".", "").replace(/^0+/, "").length > 15) return nee();
  return s;
}

/**
 * ROUNDUP(x; n): away from zero to n decimals (n < 0: to tens, hundreds, …), as Excel and LibreOffice do. Where x
 * scaled is not a whole number but so close to one that either program's own rounding (Excel: 15 significant
 * digits) may treat it as whole, the result is theirs to decide: none.
 */
function omhoog(x: number, n: number): number {
  if (Math.abs(n) > 15) return nee();
  const schaal = 10 ** Math.abs(n);
  const y = n >= 0 ? x * schaal : x / schaal;
  const heel = Math.round(y);
  if (y !== heel && Math.abs(y - heel) <= 1e-13 * Math.abs(y)) return nee();
  if (!Number.isFinite(y)) return nee();
  const c = y === heel ? heel : Math.sign(y) * Math.ceil(Math.abs(y));
  const r = n >= 0 ? c / schaal : c * schaal;
  return r === 0 ? 0 : r;
}

/** Numbers the programs might round to equal (or snap to 0): the result is theirs to decide. */
function tooDichtBij(a: number, b: number): boolean {
  return a !== b && Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

function isAscii(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s);
}

/** -1, 0 or 1 for two texts as Excel compares them (case-insensitive), where that is certain. */
function vergelijkTekst(a: string, b: string, ordenen: boolean): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la === lb) return 0;
  // Unequal for certain: both plain ASCII, or one empty (no case folding makes a text empty).
  if (!ordenen) return (isAscii(a) && isAscii(b)) || a === "" || b === "" ? 1 : nee();
  // Collation beyond letters and digits (punctuation, accents) differs between programs.
  if (!/^[a-z0-9 ]*$/.test(la) || !/^[a-z0-9 ]*$/.test(lb)) return nee();
  return la < lb ? -1 : 1;
}

const RANG = { number: 0, string: 1, boolean: 2 } as const;

/** Comparison of two values (errors already handled): Excel's order number < text < boolean, empty as the other. */
function vergelijk(a: Scalar | null, b: Scalar | null, ordenen: boolean): number {
  const leegAls = (x: Scalar | null): Scalar =>
    typeof x === "string" ? "" : typeof x === "boolean" ? false : 0;
  const x = (a === null ? leegAls(b) : a) as number | string | boolean;
  const y = (b === null ? leegAls(a) : b) as number | string | boolean;
  const rx = RANG[typeof x as keyof typeof RANG];
  const ry = RANG[typeof y as keyof typeof RANG];
  if (rx !== ry) return rx < ry ? -1 : 1;
  if (typeof x === "string") return vergelijkTekst(x, y as string, ordenen);
  if (typeof x === "number" && tooDichtBij(x, y as number)) return nee();
  return x === y ? 0 : x < y ? -1 : 1;
}

function vergelijking(op: string, a: Scalar | null, b: Scalar | null): Scalar {
  if (isFout(a)) return a;
  if (isFout(b)) return b;
  const c = vergelijk(a, b, op !== "=" && op !== "<>");
  switch (op) {
    case "=":
      return c === 0;
    case "<>":
      return c !== 0;
    case "<":
      return c < 0;
    case ">":
      return c > 0;
    case "<=":
      return c <= 0;
    default:
      return c >= 0;
  }
}

function rekenkunde(op: string, a: Scalar | null, b: Scalar | null): Scalar {
  const x = alsGetal(a);
  const y = alsGetal(b);
  if (isFout(x)) return x;
  if (isFout(y)) return y;
  let r: number;
  if (op === "+" || op === "-") {
    r = op === "+" ? x + y : x - y;
    // Both programs snap a sum that is almost 0 relative to its terms to 0; which sums they snap is theirs.
    if (r !== 0 && Math.abs(r) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y))) return nee();
  } else if (op === "*") {
    r = x * y;
  } else {
    if (y === 0) return fout("#DIV/0!");
    r = x / y;
  }
  // Beyond the largest number (about 1.8E308) Excel and LibreOffice show #NUM!.
  return Number.isFinite(r) ? r : fout("#NUM!");
}

/** A condition (IF): empty is FALSE, a number is ≠ 0, text is #VALUE! (text "TRUE"/"FALSE": not decided here). */
function voorwaarde(v: Scalar | null): boolean | Fout {
  if (v === null) return false;
  if (typeof v === "boolean" || isFout(v)) return v;
  if (typeof v === "number") return v !== 0;
  return /^(true|false)$/i.test(v) ? nee() : fout("#VALUE!");
}

function sleutel(blad: string, rij: number, kolom: number): string {
  return `${blad}\u0000${rij}\u0000${kolom}`;
}

/** Each cell of a rectangle, row by row. */
function* cellenVan(g: Gebied): Generator<[number, number]> {
  for (let r = g.rij1; r <= g.rij2; r++) for (let k = g.kol1; k <= g.kol2; k++) yield [r, k];
}

/**
 * Neumaier's compensated sum: when it differs from the plain sum the programs' summation order decides; beyond the
 * largest number, #NUM! (as Excel and LibreOffice) where the order cannot matter.
 */
function som(getallen: readonly number[]): number | Fout {
  let s = 0;
  let c = 0;
  let plat = 0;
  for (const x of getallen) {
    plat += x;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  // Terms of one sign overflow whatever the order; of both, the order decides (not here).
  if (!Number.isFinite(plat))
    return getallen.every((x) => x >= 0) || getallen.every((x) => x <= 0) ? fout("#NUM!") : nee();
  const r = s + c;
  if (r !== plat || !Number.isFinite(r)) return nee();
  return r;
}

export class Rekenaar {
  private readonly uitkomsten = new Map<string, Uitkomst | typeof ONBEKEND>();
  private readonly bezig = new Set<string>();
  private readonly bomen = new Map<string, Knoop | undefined>();
  private diepte = 0;

  constructor(private readonly bron: RekenBron) {}

  /** The result of the formula in a cell; undefined when it holds no formula or cannot be evaluated exactly. */
  uitkomst(blad: string, rij: number, kolom: number): Uitkomst | undefined {
    const naam = this.bron.bladNaam(blad);
    if (naam === undefined || !isFormule(this.inhoud(naam, rij, kolom))) return undefined;
    // Deep chains are evaluated from their far end first (restarts), so the JavaScript stack stays small.
    const stapel: [string, number, number][] = [[naam, rij, kolom]];
    const gezien = new Set<string>();
    while (stapel.length > 0) {
      const [b, r, k] = stapel[stapel.length - 1]!;
      try {
        this.diepte = 0;
        this.formuleWaarde(b, r, k);
        stapel.pop();
      } catch (e) {
        if (e instanceof NietOndersteund) stapel.pop();
        else if (!(e instanceof TeDiep)) throw e;
        else if (gezien.has(sleutel(e.blad, e.rij, e.kolom))) {
          // A restart point seen before: a cycle longer than the depth limit.
          this.uitkomsten.set(sleutel(naam, rij, kolom), ONBEKEND);
          return undefined;
        } else {
          gezien.add(sleutel(e.blad, e.rij, e.kolom));
          stapel.push([e.blad, e.rij, e.kolom]);
        }
      }
    }
    const u = this.uitkomsten.get(sleutel(naam, rij, kolom));
    return u === undefined || u === ONBEKEND ? undefined : (u as Uitkomst);
  }

  private inhoud(blad: string, rij: number, kolom: number): CelInhoud {
    return this.bron.cel(blad, rij, kolom);
  }

  /** The value of a cell inside a formula: null for an empty cell. */
  private celWaarde(blad: string, rij: number, kolom: number): Scalar | null {
    const c = this.inhoud(blad, rij, kolom);
    if (c === null || typeof c === "string" || typeof c === "boolean") return c;
    if (typeof c === "number") return Number.isFinite(c) ? c : nee();
    if (isFout(c)) return c;
    if (isFormule(c)) return this.formuleWaarde(blad, rij, kolom);
    return nee();
  }

  /** A formula cell's result, memoised; throws NietOndersteund when it has none. */
  private formuleWaarde(blad: string, rij: number, kolom: number): Uitkomst {
    const s = sleutel(blad, rij, kolom);
    const bekend = this.uitkomsten.get(s);
    if (bekend !== undefined) return bekend === ONBEKEND ? nee() : (bekend as Uitkomst);
    if (this.bezig.has(s)) return nee(); // a cycle: every cell on it (and depending on it) gets no result
    if (this.diepte >= MAX_DIEPTE) throw new TeDiep(blad, rij, kolom);
    const c = this.inhoud(blad, rij, kolom);
    const formule = isFormule(c) ? c.formule : nee();
    this.bezig.add(s);
    this.diepte++;
    try {
      if (!this.bomen.has(formule)) this.bomen.set(formule, parseFormule(formule));
      const boom = this.bomen.get(formule) ?? nee();
      const v = this.scalar(this.reken(boom, blad));
      const u: Uitkomst = v === null ? 0 : v === 0 ? 0 : v; // =A1 of an empty A1 shows 0 (and never -0)
      this.uitkomsten.set(s, u);
      return u;
    } catch (e) {
      if (e instanceof NietOndersteund) this.uitkomsten.set(s, ONBEKEND);
      throw e;
    } finally {
      this.diepte--;
      this.bezig.delete(s);
    }
  }

  /** One value: a single-cell reference read, a larger range refused (implicit intersection is not decided). */
  private scalar(w: W): Scalar | null {
    if (!isRef(w)) return w;
    const g = w.gebied;
    if (g.rij1 !== g.rij2 || g.kol1 !== g.kol2) return nee();
    return this.celWaarde(g.blad, g.rij1, g.kol1);
  }

  private gebied(ref: Verwijzing, blad: string): Gebied {
    const b = ref.blad === undefined ? blad : (this.bron.bladNaam(ref.blad) ?? nee());
    return { blad: b, rij1: ref.rij1, kol1: ref.kol1, rij2: ref.rij2, kol2: ref.kol2 };
  }

  private reken(k: Knoop, blad: string): W {
    switch (k.soort) {
      case "getal":
      case "tekst":
      case "logisch":
        return k.waarde;
      case "fout":
        return fout(k.code);
      case "verwijzing":
        return { gebied: this.gebied(k.ref, blad) };
      case "naam": {
        const g = this.bron.naam(k.naam) ?? nee();
        return { gebied: { ...g, blad: this.bron.bladNaam(g.blad) ?? nee() } };
      }
      case "unair": {
        const v = this.scalar(this.reken(k.arg, blad));
        if (k.op === "+") return v === null ? 0 : v;
        const n = alsGetal(v);
        return isFout(n) ? n : n === 0 ? 0 : -n;
      }
      case "binair": {
        const a = this.scalar(this.reken(k.links, blad));
        const b = this.scalar(this.reken(k.rechts, blad));
        if (k.op === "&") {
          const x = alsTekst(a);
          const y = alsTekst(b);
          return isFout(x) ? x : isFout(y) ? y : x + y;
        }
        if (k.op === "+" || k.op === "-" || k.op === "*" || k.op === "/") return rekenkunde(k.op, a, b);
        return vergelijking(k.op, a, b);
      }
      case "functie":
        return this.functie(k.naam, k.args, blad);
    }
  }

  private functie(naam: string, args: readonly Knoop[], blad: string): W {
    switch (naam) {
      case "IF": {
        if (args.length < 2 || args.length > 3) return nee();
        const c = voorwaarde(this.scalar(this.reken(args[0]!, blad)));
        if (isFout(c)) return c;
        const tak = c ? args[1] : args[2];
        return tak ? this.reken(tak, blad) : false;
      }
      case "AND":
      case "OR":
        return this.logisch(naam, args, blad);
      case "N": {
        if (args.length !== 1) return nee();
        const v = this.scalar(this.reken(args[0]!, blad));
        return v === null || typeof v === "string" ? 0 : typeof v === "boolean" ? (v ? 1 : 0) : v;
      }
      case "SUM":
      case "MAX": {
        if (args.length === 0) return nee();
        const getallen = this.getallen(args, blad);
        if (isFout(getallen)) return getallen;
        if (naam === "SUM") return som(getallen);
        return getallen.length === 0 ? 0 : Math.max(...getallen);
      }
      case "COUNT":
        return args.length === 0 ? nee() : this.tel(args, blad);
      case "INDEX":
        return this.index(args, blad);
      case "MATCH":
        return this.vergelijkPositie(args, blad);
      default:
        return this.functie2(naam, args, blad);
    }
  }

  /** The information functions, NOT, IFERROR, MIN, ABS and the text functions. */
  private functie2(naam: string, args: readonly Knoop[], blad: string): W {
    const een = (): Scalar | null => (args.length === 1 ? this.scalar(this.reken(args[0]!, blad)) : nee());
    switch (naam) {
      case "ISNUMBER":
        return typeof een() === "number";
      case "ISTEXT":
        return typeof een() === "string";
      case "ISLOGICAL":
        return typeof een() === "boolean";
      case "ISBLANK":
        return een() === null;
      case "ISERROR":
        return isFout(een());
      case "ISNA": {
        const v = een();
        return isFout(v) && v.fout === "#N/A";
      }
      case "NOT": {
        const b = voorwaarde(een());
        return isFout(b) ? b : !b;
      }
      case "IFERROR": {
        if (args.length !== 2) return nee();
        const w = this.reken(args[0]!, blad);
        return isFout(this.scalar(w)) ? this.reken(args[1]!, blad) : w;
      }
      case "MIN": {
        if (args.length === 0) return nee();
        const getallen = this.getallen(args, blad);
        if (isFout(getallen)) return getallen;
        return getallen.length === 0 ? 0 : Math.min(...getallen);
      }
      case "ABS": {
        const n = alsGetal(een());
        return isFout(n) ? n : Math.abs(n);
      }
      case "ROUNDUP": {
        if (args.length !== 2) return nee();
        const x = alsGetal(this.scalar(this.reken(args[0]!, blad)));
        if (isFout(x)) return x;
        const n = alsGetal(this.scalar(this.reken(args[1]!, blad)));
        return isFout(n) ? n : omhoog(x, Math.trunc(n));
      }
      default:
        return this.tekstFunctie(naam, args, blad);
    }
  }

  /** LEN, LEFT, RIGHT, MID: on texts without characters outside the BMP (counted alike everywhere). */
  private tekstFunctie(naam: string, args: readonly Knoop[], blad: string): Scalar {
    if (!["LEN", "LEFT", "RIGHT", "MID"].includes(naam) || args.length === 0 || args.length > 3) return nee();
    const w = args.map((a) => this.scalar(this.reken(a, blad)));
    const t = alsTekst(w[0] ?? null);
    if (isFout(t)) return t;
    if (/[\uD800-\uDFFF]/.test(t)) return nee();
    const getallen: number[] = [];
    for (const v of w.slice(1)) {
      const n = alsGetal(v);
      if (isFout(n)) return n;
      getallen.push(Math.trunc(n));
    }
    const [a, b] = getallen;
    switch (naam) {
      case "LEN":
        return args.length === 1 ? t.length : nee();
      case "LEFT":
      case "RIGHT": {
        if (args.length > 2) return nee();
        const n = a ?? 1;
        if (n < 0) return fout("#VALUE!");
        return naam === "LEFT" ? t.slice(0, n) : n === 0 ? "" : t.slice(-n);
      }
      default: {
        if (a === undefined || b === undefined) return nee();
        if (a < 1 || b < 0) return fout("#VALUE!");
        return t.slice(a - 1, a - 1 + b);
      }
    }
  }

  /** The values of a function's arguments: each cell of a reference (`uitRef`), else the argument's value. */
  private *waarden(args: readonly Knoop[], blad: string): Generator<{ v: Scalar | null; uitRef: boolean }> {
    for (const a of args) {
      const w = this.reken(a, blad);
      if (!isRef(w)) {
        yield { v: w, uitRef: false };
        continue;
      }
      for (const [r, k] of cellenVan(w.gebied))
        yield { v: this.celWaarde(w.gebied.blad, r, k), uitRef: true };
    }
  }

  /** AND/OR: booleans and numbers count, text and empty cells in references are skipped; no values is #VALUE!. */
  private logisch(naam: "AND" | "OR", args: readonly Knoop[], blad: string): Scalar {
    if (args.length === 0) return nee();
    const gevonden: boolean[] = [];
    for (const { v, uitRef } of this.waarden(args, blad)) {
      if (isFout(v)) return v;
      if (typeof v === "boolean") gevonden.push(v);
      else if (typeof v === "number") gevonden.push(v !== 0);
      else if (!uitRef) return voorwaarde(v);
    }
    if (gevonden.length === 0) return fout("#VALUE!");
    return naam === "AND" ? gevonden.every((b) => b) : gevonden.some((b) => b);
  }

  /** SUM/MAX: numbers of references (errors propagate, the rest skipped); direct values converted. */
  private getallen(args: readonly Knoop[], blad: string): number[] | Fout {
    const uit: number[] = [];
    for (const { v, uitRef } of this.waarden(args, blad)) {
      if (isFout(v)) return v;
      if (typeof v === "number") uit.push(v);
      else if (!uitRef) {
        const n = alsGetal(v);
        if (isFout(n)) return n;
        uit.push(n);
      }
    }
    return uit;
  }

  /** COUNT: numbers (errors, text and empty cells are not counted; direct booleans and integer text are). */
  private tel(args: readonly Knoop[], blad: string): number {
    let n = 0;
    for (const { v, uitRef } of this.waarden(args, blad)) {
      if (typeof v === "number") n++;
      else if (!uitRef && typeof v === "boolean") n++;
      else if (!uitRef && typeof v === "string" && !isFout(tekstNaarGetal(v))) n++;
    }
    return n;
  }

  /** INDEX(range, n) on a single row or column: a reference to the n-th cell. */
  private index(args: readonly Knoop[], blad: string): W {
    if (args.length !== 2) return nee();
    const bereik = this.reken(args[0]!, blad);
    if (!isRef(bereik)) return nee();
    const n = alsGetal(this.scalar(this.reken(args[1]!, blad)));
    if (isFout(n)) return n;
    const g = bereik.gebied;
    const i = Math.trunc(n);
    const kolom = g.kol1 === g.kol2;
    if (!kolom && g.rij1 !== g.rij2) return nee();
    if (i === 0) return nee(); // the whole range: implicit intersection
    if (i < 0) return fout("#VALUE!");
    const lengte = kolom ? g.rij2 - g.rij1 + 1 : g.kol2 - g.kol1 + 1;
    if (i > lengte) return fout("#REF!");
    const r = kolom ? g.rij1 + i - 1 : g.rij1;
    const k = kolom ? g.kol1 : g.kol1 + i - 1;
    return { gebied: { blad: g.blad, rij1: r, kol1: k, rij2: r, kol2: k } };
  }

  /** MATCH(value, range, 0): the position of the first equal cell, else #N/A. */
  private vergelijkPositie(args: readonly Knoop[], blad: string): Scalar {
    if (args.length !== 3) return nee();
    const soort = this.scalar(this.reken(args[2]!, blad));
    if (soort !== 0) return nee();
    const zoek = this.scalar(this.reken(args[0]!, blad));
    if (isFout(zoek)) return zoek;
    if (typeof zoek === "string" && /[*?~]/.test(zoek)) return nee();
    const bereik = this.reken(args[1]!, blad);
    if (!isRef(bereik)) return nee();
    const g = bereik.gebied;
    if (g.rij1 !== g.rij2 && g.kol1 !== g.kol2) return fout("#N/A");
    let i = 0;
    for (const [r, k] of cellenVan(g)) {
      i++;
      const v = this.celWaarde(g.blad, r, k);
      // An empty lookup value: programs differ in what it matches (an empty cell, 0, ""): only "none" is certain.
      if (zoek === null) {
        if (v === null || v === 0 || v === "" || v === false) return nee();
        continue;
      }
      if (v === null || isFout(v) || typeof v !== typeof zoek) continue;
      if (vergelijk(zoek, v, false) === 0) return i;
    }
    return fout("#N/A");
  }
}

// ---------------------------------------------------------------------------------------------------------
// A plan as a workbook (for the task pane)

/**
 * The plan's cells where the writers put them: blocks, tables (header, rows — one empty row for an empty table —
 * and the totals row below), named input cells (label to the left) and their defined names. `invoer(blad, adres)`
 * gives a cell's value the user typed (undefined: the plan's content).
 */
export function bronUitPlan(
  plan: WerkboekPlan,
  invoer?: (blad: string, adres: string) => Waarde | undefined,
): RekenBron & { formulecellen: readonly { blad: string; rij: number; kolom: number }[] } {
  const cellen = new Map<string, CelInhoud>();
  const namen = new Map<string, Gebied>();
  const formulecellen: { blad: string; rij: number; kolom: number }[] = [];
  const zet = (blad: string, rij: number, kolom: number, c: CelInhoud) => {
    cellen.set(sleutel(blad, rij, kolom), c);
    if (isFormule(c)) formulecellen.push({ blad, rij, kolom });
  };
  for (const b of plan.bladen) {
    for (const blok of b.blokken) {
      blok.cellen.forEach((rij, i) =>
        rij.forEach((c, j) => zet(b.naam, blok.start.rij + i, blok.start.kolom + j, c)),
      );
    }
    for (const t of b.tabellen) {
      const { rij, kolom } = t.start;
      t.kolommen.forEach((k, j) => zet(b.naam, rij, kolom + j, k.kop));
      t.rijen.forEach((r, i) => r.forEach((c, j) => zet(b.naam, rij + 1 + i, kolom + j, c)));
      t.totaal?.forEach((c, j) => zet(b.naam, rij + 1 + Math.max(1, t.rijen.length), kolom + j, c));
    }
    for (const inv of b.invoercellen) {
      const { rij, kolom } = inv.positie;
      if (kolom > 1) zet(b.naam, rij, kolom - 1, inv.label);
      zet(b.naam, rij, kolom, inv.standaard);
      namen.set(inv.naam.toLowerCase(), { blad: b.naam, rij1: rij, kol1: kolom, rij2: rij, kol2: kolom });
    }
  }
  const bladen = new Map(plan.bladen.map((b) => [b.naam.toLowerCase(), b.naam]));
  return {
    formulecellen,
    bladNaam: (naam) => bladen.get(naam.toLowerCase()),
    naam: (naam) => namen.get(naam.toLowerCase()),
    cel: (blad, rij, kolom) => {
      const getypt = invoer?.(blad, adres({ rij, kolom }));
      if (getypt !== undefined) return getypt;
      return cellen.get(sleutel(blad, rij, kolom)) ?? null;
    },
  };
}

/**
 * The results of every formula cell of a plan, with the user's typed values: blad → adres ("B8") → result. A
 * formula that cannot be evaluated exactly is left out.
 */
export function rekenPlan(
  plan: WerkboekPlan,
  invoer?: (blad: string, adres: string) => Waarde | undefined,
): Map<string, Map<string, Uitkomst>> {
  const bron = bronUitPlan(plan, invoer);
  const rekenaar = new Rekenaar(bron);
  const uit = new Map<string, Map<string, Uitkomst>>();
  for (const { blad, rij, kolom } of bron.formulecellen) {
    const u = rekenaar.uitkomst(blad, rij, kolom);
    if (u === undefined) continue;
    const perBlad = uit.get(blad) ?? new Map<string, Uitkomst>();
    perBlad.set(adres({ rij, kolom }), u);
    uit.set(blad, perBlad);
  }
  return uit;
}
