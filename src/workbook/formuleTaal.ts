/**
 * The formula language the evaluator (./rekenen) understands, parsed into a small tree: exactly the part of Excel's
 * en-US file syntax that Opgave's plans write (./bouwPlan, ./consolidatiePlan) and a little more for formulas users
 * type in the same style. Pure: no exceljs, no host.
 *
 * Understood: numbers, strings ("" inside doubled), TRUE/FALSE, error literals (#N/A, …), A1 references with `$`
 * and ranges (A1:B9), sheet-qualified references (Blad!A1, 'Blad naam'!A1:B2, quotes inside doubled), defined
 * names, function calls, unary + and -, the operators + - * / &, and the comparisons = <> < > <= >=.
 * Everything else (^, %, array constants {…}, whole columns A:A, 3-D and external references, structured table
 * references, the space (intersection) operator, R1C1, …) is refused: `parseFormule` returns undefined, and the
 * cell gets no cached result rather than a wrong one.
 */

export type FoutCode = "#NULL!" | "#DIV/0!" | "#VALUE!" | "#REF!" | "#NAME?" | "#NUM!" | "#N/A";

export const FOUT_CODES: readonly FoutCode[] = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
];

/** A rectangle of cells, 1-based; one cell has the same corner twice. `blad` undefined: the formula's own sheet. */
export interface Verwijzing {
  readonly blad?: string;
  readonly rij1: number;
  readonly kol1: number;
  readonly rij2: number;
  readonly kol2: number;
}

export type BinaireOperator = "+" | "-" | "*" | "/" | "&" | "=" | "<>" | "<" | ">" | "<=" | ">=";

export type Knoop =
  | { readonly soort: "getal"; readonly waarde: number }
  | { readonly soort: "tekst"; readonly waarde: string }
  | { readonly soort: "logisch"; readonly waarde: boolean }
  | { readonly soort: "fout"; readonly code: FoutCode }
  | { readonly soort: "verwijzing"; readonly ref: Verwijzing }
  | { readonly soort: "naam"; readonly naam: string }
  | { readonly soort: "functie"; readonly naam: string; readonly args: readonly Knoop[] }
  | { readonly soort: "unair"; readonly op: "+" | "-"; readonly arg: Knoop }
  | { readonly soort: "binair"; readonly op: BinaireOperator; readonly links: Knoop; readonly rechts: Knoop };

/** Thrown inside the parser for anything outside the language; `parseFormule` turns it into undefined. */
class Onbekend extends Error {}

type Token =
  | { readonly t: "getal"; readonly waarde: number }
  | { readonly t: "tekst"; readonly waarde: string }
  | { readonly t: "fout"; readonly code: FoutCode }
  | { readonly t: "verwijzing"; readonly ref: Verwijzing }
  | { readonly t: "naam"; readonly naam: string }
  | { readonly t: "functie"; readonly naam: string }
  | { readonly t: "op"; readonly op: string };

/** Excel's limits: columns A…XFD, rows 1…1048576. */
const MAX_KOLOM = 16384;
const MAX_RIJ = 1048576;

function kolomNummer(letters: string): number {
  let k = 0;
  for (const c of letters.toUpperCase()) k = k * 26 + (c.charCodeAt(0) - 64);
  return k;
}

const CEL = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;

/** "B7" / "$B$7" → row and column; undefined when it is not a cell inside Excel's grid. */
function cel(tekst: string): { rij: number; kol: number } | undefined {
  const m = CEL.exec(tekst);
  if (!m) return undefined;
  const kol = kolomNummer(m[1] ?? "");
  const rij = Number(m[2]);
  return kol >= 1 && kol <= MAX_KOLOM && rij >= 1 && rij <= MAX_RIJ ? { rij, kol } : undefined;
}

// An identifier: names, functions, cell addresses, unquoted sheet names (letters beyond ASCII included).
const WOORD = /^[A-Za-z_\\$\u00C0-\uFFFF][A-Za-z0-9_.$\u00C0-\uFFFF]*/;
const GETAL = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/;
const OPERATOREN = ["<>", "<=", ">=", "+", "-", "*", "/", "&", "=", "<", ">", "(", ")", ","];

/** A reference after an optional sheet prefix: "A1" or "A1:B9" (both corners plain cells). */
function leesVerwijzing(
  tekst: string,
  i: number,
  blad: string | undefined,
): { ref: Verwijzing; eind: number } {
  const m = /^(\$?[A-Za-z]{1,3}\$?[0-9]{1,7})(?::(\$?[A-Za-z]{1,3}\$?[0-9]{1,7}))?(?![A-Za-z0-9_.(!:$])/.exec(
    tekst.slice(i),
  );
  const a = m ? cel(m[1] ?? "") : undefined;
  const b = m?.[2] !== undefined ? cel(m[2]) : a;
  if (!m || !a || !b) throw new Onbekend();
  const ref = {
    ...(blad !== undefined ? { blad } : {}),
    rij1: Math.min(a.rij, b.rij),
    kol1: Math.min(a.kol, b.kol),
    rij2: Math.max(a.rij, b.rij),
    kol2: Math.max(a.kol, b.kol),
  };
  return { ref, eind: i + m[0].length };
}

/** The token at `i` (whitespace skipped before it) and where it ends. */
function volgendToken(tekst: string, i: number): { token: Token; eind: number } {
  const c = tekst[i] ?? "";
  const rest = tekst.slice(i);
  if (c === '"') {
    let j = i + 1;
    let s = "";
    for (;;) {
      const k = tekst.indexOf('"', j);
      if (k < 0) throw new Onbekend();
      s += tekst.slice(j, k);
      if (tekst[k + 1] === '"') {
        s += '"';
        j = k + 2;
      } else return { token: { t: "tekst", waarde: s }, eind: k + 1 };
    }
  }
  if (c === "#") {
    const code = FOUT_CODES.find((f) => rest.toUpperCase().startsWith(f));
    if (!code) throw new Onbekend();
    return { token: { t: "fout", code }, eind: i + code.length };
  }
  if (c === "'") {
    const m = /^'((?:[^']|'')+)'!/.exec(rest);
    if (!m) throw new Onbekend();
    return verwijzingToken(tekst, i + m[0].length, (m[1] ?? "").replace(/''/g, "'"));
  }
  const g = GETAL.exec(rest);
  if (g) return { token: { t: "getal", waarde: Number(g[0]) }, eind: i + g[0].length };
  const w = WOORD.exec(rest);
  if (w) return woordToken(tekst, i, w[0]);
  const op = OPERATOREN.find((o) => rest.startsWith(o));
  if (!op) throw new Onbekend();
  return { token: { t: "op", op }, eind: i + op.length };
}

function verwijzingToken(tekst: string, i: number, blad: string | undefined): { token: Token; eind: number } {
  const { ref, eind } = leesVerwijzing(tekst, i, blad);
  return { token: { t: "verwijzing", ref }, eind };
}

/** A word: a sheet prefix, a function, a cell or range, TRUE/FALSE (as names) or a defined name. */
function woordToken(tekst: string, i: number, woord: string): { token: Token; eind: number } {
  const na = tekst[i + woord.length];
  if (na === "!") {
    if (woord.includes("$")) throw new Onbekend();
    return verwijzingToken(tekst, i + woord.length + 1, woord);
  }
  if (na === "(") {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(woord)) throw new Onbekend(); // _xlfn.…, dotted names
    return { token: { t: "functie", naam: woord.toUpperCase() }, eind: i + woord.length + 1 };
  }
  if (cel(woord) || na === ":") {
    return verwijzingToken(tekst, i, undefined);
  }
  if (CEL.test(woord) || woord.includes("$") || woord.includes("\\")) throw new Onbekend();
  return { token: { t: "naam", naam: woord }, eind: i + woord.length };
}

function tokens(tekst: string): Token[] {
  const uit: Token[] = [];
  let i = 0;
  for (;;) {
    // Spaces are allowed around operators; between two operands they are Excel's intersection operator, which
    // the parser then refuses (it expects an operator there).
    while (i < tekst.length && /\s/.test(tekst[i] ?? "")) i++;
    if (i >= tekst.length) return uit;
    const { token, eind } = volgendToken(tekst, i);
    uit.push(token);
    i = eind;
  }
}

const NIVEAUS: readonly (readonly BinaireOperator[])[] = [
  ["=", "<>", "<", ">", "<=", ">="],
  ["&"],
  ["+", "-"],
  ["*", "/"],
];

class Parser {
  private i = 0;
  constructor(private readonly lijst: readonly Token[]) {}

  geheel(): Knoop {
    const k = this.uitdrukking(0);
    if (this.i !== this.lijst.length) throw new Onbekend();
    return k;
  }

  private kijk(): Token | undefined {
    return this.lijst[this.i];
  }

  private isOp(op: string): boolean {
    const t = this.kijk();
    return t?.t === "op" && t.op === op;
  }

  private verwacht(op: string): void {
    if (!this.isOp(op)) throw new Onbekend();
    this.i++;
  }

  /** Binary operators by precedence level (all left-associative, as in Excel). */
  private uitdrukking(niveau: number): Knoop {
    const ops = NIVEAUS[niveau];
    if (!ops) return this.unair();
    let links = this.uitdrukking(niveau + 1);
    for (;;) {
      const t = this.kijk();
      const op = t?.t === "op" ? ops.find((o) => o === t.op) : undefined;
      if (!op) return links;
      this.i++;
      links = { soort: "binair", op, links, rechts: this.uitdrukking(niveau + 1) };
    }
  }

  /** Unary minus binds tighter than every binary operator here (Excel: -2^2 = 4; ^ is not supported). */
  private unair(): Knoop {
    const t = this.kijk();
    if (t?.t === "op" && (t.op === "-" || t.op === "+")) {
      this.i++;
      return { soort: "unair", op: t.op, arg: this.unair() };
    }
    return this.primair();
  }

  private primair(): Knoop {
    const t = this.kijk();
    if (!t) throw new Onbekend();
    this.i++;
    switch (t.t) {
      case "getal":
        return { soort: "getal", waarde: t.waarde };
      case "tekst":
        return { soort: "tekst", waarde: t.waarde };
      case "fout":
        return { soort: "fout", code: t.code };
      case "verwijzing":
        return { soort: "verwijzing", ref: t.ref };
      case "naam": {
        const hoofd = t.naam.toUpperCase();
        if (hoofd === "TRUE" || hoofd === "FALSE") return { soort: "logisch", waarde: hoofd === "TRUE" };
        return { soort: "naam", naam: t.naam };
      }
      case "functie":
        return { soort: "functie", naam: t.naam, args: this.argumenten() };
      case "op":
        if (t.op !== "(") throw new Onbekend();
        {
          const k = this.uitdrukking(0);
          this.verwacht(")");
          return k;
        }
    }
  }

  /** The arguments after "(" up to ")"; an empty argument (F(a,,b)) is refused. */
  private argumenten(): Knoop[] {
    const args: Knoop[] = [];
    if (this.isOp(")")) {
      this.i++;
      return args;
    }
    for (;;) {
      args.push(this.uitdrukking(0));
      if (this.isOp(")")) {
        this.i++;
        return args;
      }
      this.verwacht(",");
    }
  }
}

/** The tree of a formula ("=A1+1" or "A1+1"), or undefined when it uses anything outside the language. */
export function parseFormule(formule: string): Knoop | undefined {
  const tekst = formule.trim().replace(/^=/, "");
  if (tekst.trim() === "") return undefined;
  try {
    return new Parser(tokens(tekst)).geheel();
  } catch (e) {
    if (e instanceof Onbekend) return undefined;
    throw e;
  }
}
