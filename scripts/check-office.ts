/**
 * Office.js API audit (npm run check:office).
 *
 *   npx tsx scripts/check-office.ts            → report per requirement set; exit 1 when an API above the manifest's
 *                                                minimum is used where nothing guards it
 *   npx tsx scripts/check-office.ts --alles    → also list every API of every version
 *
 * WHAT IT FINDS. A TypeScript program over tsconfig.json's files under src/ (same compiler options). Every property
 * access, call, `new` and object-literal property (typed by an Office interface, e.g. Excel.run options or
 * `findAllOrNullObject` criteria) whose symbol is declared in @types/office-js, @types/office-runtime or
 * @types/custom-functions-runtime is an Office.js API use. Not seen: what the types cannot tell — strings such as
 * `load("items/name")` and enum values passed as strings ("Full").
 *
 * WHICH SET. Read from the JSDoc of the declaration: `[Api set: ExcelApi 1.9]` (any spacing or case), or the common
 * API's `**Requirement set**: {@link … | SharedRuntime 1.1}` (a list under `**Requirement sets**` needs all of them).
 * The member's own tag counts; without one, its class's or interface's. Within one tag: the first version is the
 * API's; a later clause "1.2 for setting it" / "1.8 for set" applies when the code assigns the property; other
 * clauses ("1.7 for Array", "1.15 for adding `alwaysInsert`") are argument-dependent and not applied. Alternatives for
 * other hosts ("SharedRuntime 1.1, Mailbox 1.10") keep the Excel-side set. An API without any tag (Excel.run,
 * Office.onReady, context.sync, …) is counted under "zonder requirement set" and never fails.
 *
 * THE MINIMUM. manifest/manifest.config.json `requirements` (manifest/config.ts loadRequirements): the sets and
 * versions the manifest declares, so Excel offers the add-in only where they are. A use at or below its set's
 * minimum needs nothing. A use above it — or of a set the manifest does not declare — must be GUARDED:
 *
 * - an enclosing `if` / `? :` / `&&` / `||` whose condition, on the branch taken, implies
 *   `Office.context.requirements.isSetSupported(set, v)` with v ≥ the API's version (the arguments may be constants);
 * - an early exit before it in the same block: `if (!isSetSupported(…)) return | throw | continue | break;`;
 * - a GUARD HELPER: a function whose result is such a condition (`return <condition>` as its only return, or an
 *   arrow's expression), e.g. src/workbook/officeAfdruk.ts `kanAfdrukInstellen()` (ExcelApi 1.9) — found by what it
 *   returns, not by its name; a `const` holding a condition (`const kanZoeken = … isSetSupported(…)`) counts too;
 * - THE PROJECT'S CONVENTION outside Office: `!vereisten || vereisten.isSetSupported(…)` where `vereisten` is
 *   `Office.context?.requirements` — with no requirements object there is no Excel to call (the tests' fake Excel), so
 *   that branch counts as supported; likewise `typeof Office === "undefined"`;
 * - THE CALL GRAPH: a use inside a named function (declaration, method, `const f = () => …`) is guarded when EVERY
 *   reference to that function in src/ is (recursively). So the whole workbook writer (Table.resize, ExcelApi 1.13)
 *   is guarded by the one check in src/taskpane/excelHost.ts `vulWerkboek`. A callback (an anonymous function passed
 *   on, e.g. to Excel.run) belongs to the place where it is written. A function with no reference in src/ is an
 *   entry point (a custom function, a test-only export): nothing guards it.
 *
 * Not counted: a flag computed by a guard and passed on in a parameter or an object field (data flow is not
 * followed), a version given as a number (the deprecated overload: 1.10 would be 1.1), feature tests such as
 * `typeof CustomFunctions.Error === "function"`.
 */
import * as path from "path";
import * as ts from "typescript";
import { loadRequirements } from "../manifest/config";
import { compareVersions as vergelijkVersie } from "../manifest/validateManifest";

const REPO_ROOT = path.resolve(__dirname, "..");

/** The type packages whose declarations are Office.js APIs. */
const OFFICE_TYPES =
  /[\\/]node_modules[\\/]@types[\\/](office-js|office-runtime|custom-functions-runtime)[\\/]/;
/** Sets of other hosts: an alternative in a tag ("SharedRuntime 1.1, Mailbox 1.10") that Excel never has. */
const ANDERE_HOST = /^(Mailbox|Word|PowerPoint|OneNote|Outlook|Visio|Project)/i;

export interface Eis {
  set: string;
  /** "1.9"; "" for a set without versions (the common API's "Settings", "Selection", …). */
  versie: string;
}

/** What a place in the code is guaranteed: per set the version checked, and where that check is. */
type Dekking = "alles" | Map<string, { versie: string; waar: string }>;

export interface Gebruik {
  /** Repository-relative path with forward slashes. */
  bestand: string;
  regel: number;
  api: string;
  eisen: Eis[];
  /** Per set above the manifest's minimum: how it is guarded (undefined: not guarded). */
  bewaking: Array<{ eis: Eis; door?: string; pad?: string }>;
}

export interface Rapport {
  gebruiken: Gebruik[];
  minima: Record<string, string>;
  /** Per set the highest version used where nothing guards it: what the manifest's minimum must at least be. */
  onbewaakt: Record<string, { versie: string; api: string; plaats: string }>;
  /** The uses that are above the minimum and not guarded, one line each. */
  fouten: string[];
}

// ---------------------------------------------------------------------------------------------------------
// Requirement-set tags in the type definitions

/** The sets one JSDoc text names (see the header); undefined when it has no tag. `schrijf`: the code assigns. */
export function leesEisen(doc: string, schrijf: boolean): Eis[] | undefined {
  const tag = /\[\s*api set:\s*([^\]]*)\]/i.exec(doc);
  if (tag) return eisenUitApiSet(tag[1] ?? "", schrijf);
  const req = /\*\*Requirement sets?\*\*:([\s\S]*?)(?=\n\s*\*\s*@|\n\s*\*\s*\*\*|$)/.exec(doc);
  if (req) {
    const tekst = req[1] ?? "";
    const labels = [...tekst.matchAll(/\{@link\s+[^|}]*\|\s*([^}]+)\}/g)].map((m) => (m[1] ?? "").trim());
    const kaal = labels.length > 0 ? labels : [tekst.replace(/^[\s*]+|[\s*.]+$/g, "")];
    const eisen: Eis[] = [];
    for (const label of kaal) {
      const m = /^([A-Za-z][A-Za-z0-9]*)(?:\s+(\d+\.\d+))?/.exec(label);
      if (!m || /^Not\b/i.test(label) || ANDERE_HOST.test(m[1] ?? "")) continue;
      eisen.push({ set: m[1] ?? "", versie: m[2] ?? "" });
    }
    return eisen.length > 0 ? eisen : undefined;
  }
  return undefined;
}

function eisenUitApiSet(inhoud: string, schrijf: boolean): Eis[] | undefined {
  const delen = inhoud.split(/[;,]|\.\s/).map((d) => d.trim());
  const kandidaten: Eis[] = [];
  let basis: Eis | undefined;
  for (const deel of delen) {
    const m = /^([A-Za-z][A-Za-z0-9]*)?\s*(\d+\.\d+)\b(.*)$/.exec(deel);
    if (!m) continue;
    const set = m[1] ?? basis?.set;
    if (!set) continue;
    const versie = m[2] ?? "";
    const rest = m[3] ?? "";
    if (!basis) {
      basis = { set, versie };
      kandidaten.push(basis);
    } else if (set !== basis.set && !/\bfor\b/i.test(rest)) {
      kandidaten.push({ set, versie }); // an alternative set (another host)
    } else if (set === basis.set && schrijf && /\bset(ting)?\b/i.test(rest)) {
      basis.versie = versie;
    }
  }
  const excel = kandidaten.filter((k) => !ANDERE_HOST.test(k.set));
  return excel.length > 0 ? [excel[0] as Eis] : undefined;
}

function jsDocVan(decl: ts.Node): string {
  const sf = decl.getSourceFile();
  // `const storage: Storage;` — the comment belongs to the statement, not to the declaration.
  const drager =
    ts.isVariableDeclaration(decl) && ts.isVariableStatement(decl.parent.parent) ? decl.parent.parent : decl;
  const ranges = ts.getLeadingCommentRanges(sf.text, drager.getFullStart()) ?? [];
  return ranges.map((r) => sf.text.slice(r.pos, r.end)).join("\n");
}

/** The member's own tag, else that of the class, interface or enum that declares it. */
function eisenVanDeclaratie(decl: ts.Declaration, schrijf: boolean): Eis[] | undefined {
  const eigen = leesEisen(jsDocVan(decl), schrijf);
  if (eigen) return eigen;
  const ouder = decl.parent;
  if (
    ouder &&
    (ts.isClassDeclaration(ouder) || ts.isInterfaceDeclaration(ouder) || ts.isEnumDeclaration(ouder))
  ) {
    return leesEisen(jsDocVan(ouder), schrijf);
  }
  return undefined;
}

/** "Excel.Table.resize": the declaration's name with its enclosing classes and namespaces. */
function naamVan(decl: ts.Node): string {
  const delen: string[] = [];
  for (let n: ts.Node | undefined = decl; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isConstructorDeclaration(n) || ts.isConstructSignatureDeclaration(n)) delen.unshift("constructor");
    const naam = (n as { name?: ts.Node }).name;
    if (naam && (ts.isIdentifier(naam) || ts.isStringLiteral(naam))) delen.unshift(naam.text);
  }
  return delen.join(".");
}

// ---------------------------------------------------------------------------------------------------------
// The audit

interface Context {
  checker: ts.TypeChecker;
  basis: string;
  minima: Record<string, string>;
  /** Every identifier of the sources by the symbol it refers to (aliases resolved). */
  verwijzingen: Map<ts.Symbol, ts.Identifier[]>;
  /** Coverage of named functions, computed once. */
  functieDekking: Map<ts.Node, Dekking>;
  /** Functions being computed (recursion), and how often an unfinished one was assumed. */
  bezig: Set<ts.Node>;
  aannames: number;
}

function isOffice(decl: ts.Node): boolean {
  return OFFICE_TYPES.test(decl.getSourceFile().fileName);
}

function bestandEnRegel(ctx: Context, node: ts.Node): { bestand: string; regel: number } {
  const sf = node.getSourceFile();
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return { bestand: path.relative(ctx.basis, sf.fileName).split(path.sep).join("/"), regel: line + 1 };
}

/** "src/taskpane/excelHost.ts:29" */
function plaats(ctx: Context, node: ts.Node): string {
  const { bestand, regel } = bestandEnRegel(ctx, node);
  return `${bestand}:${regel}`;
}

function echtSymbool(checker: ts.TypeChecker, s: ts.Symbol | undefined): ts.Symbol | undefined {
  if (s && s.flags & ts.SymbolFlags.Alias) return checker.getAliasedSymbol(s);
  return s;
}

function isSchrijf(node: ts.Node): boolean {
  const p = node.parent;
  return (
    !!p &&
    ts.isBinaryExpression(p) &&
    p.left === node &&
    p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    p.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  );
}

interface Vondst {
  node: ts.Node;
  decl: ts.Declaration;
  schrijf: boolean;
}

/** The Office declarations one node refers to (property access, call/new signature, typed object-literal key). */
function vondstenBij(checker: ts.TypeChecker, node: ts.Node): Vondst[] {
  const uit: Vondst[] = [];
  const voeg = (n: ts.Node, decls: readonly ts.Declaration[] | undefined, schrijf: boolean): void => {
    const d = (decls ?? []).find(isOffice);
    if (d) uit.push({ node: n, decl: d, schrijf });
  };
  if (ts.isPropertyAccessExpression(node)) {
    const s = echtSymbool(checker, checker.getSymbolAtLocation(node.name));
    voeg(node.name, s?.declarations, isSchrijf(node));
  } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    const decl = checker.getResolvedSignature(node)?.declaration;
    const doel = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression;
    if (decl && !ts.isJSDocSignature(decl)) voeg(doel, [decl], false);
  } else if (ts.isObjectLiteralExpression(node)) {
    const type = checker.getContextualType(node);
    if (!type) return uit;
    const typen = type.isUnion() ? type.types : [type];
    for (const p of node.properties) {
      if (!(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) || !p.name) continue;
      if (!ts.isIdentifier(p.name) && !ts.isStringLiteral(p.name)) continue;
      const naam = p.name.text;
      const decls = typen.flatMap((t) => t.getProperty(naam)?.declarations ?? []);
      voeg(p.name, decls, true);
    }
  }
  return uit;
}

// --- Guards ----------------------------------------------------------------------------------------------

const NIETS: Dekking = new Map();

function vereniging(a: Dekking, b: Dekking): Dekking {
  if (a === "alles" || b === "alles") return "alles";
  const uit = new Map(a);
  for (const [set, v] of b) {
    const bestaand = uit.get(set);
    if (!bestaand || vergelijkVersie(v.versie, bestaand.versie) > 0) uit.set(set, v);
  }
  return uit;
}

function doorsnede(a: Dekking, b: Dekking): Dekking {
  if (a === "alles") return b;
  if (b === "alles") return a;
  const uit = new Map<string, { versie: string; waar: string }>();
  for (const [set, v] of a) {
    const w = b.get(set);
    if (w) uit.set(set, vergelijkVersie(v.versie, w.versie) <= 0 ? v : w);
  }
  return uit;
}

function tekstWaarde(checker: ts.TypeChecker, e: ts.Expression | undefined): string | undefined {
  if (!e) return undefined;
  if (ts.isStringLiteralLike(e)) return e.text;
  const t = checker.getTypeAtLocation(e);
  return t.isStringLiteral() ? t.value : undefined;
}

function isVereistenObject(checker: ts.TypeChecker, e: ts.Expression): boolean {
  const t = checker.getNonNullableType(checker.getTypeAtLocation(e));
  const s = t.getSymbol();
  return s?.getName() === "RequirementSetSupport" && (s.declarations ?? []).some(isOffice);
}

/** `typeof Office === "undefined"` (true: outside Office). */
function buitenOffice(e: ts.BinaryExpression): boolean | undefined {
  const op = e.operatorToken.kind;
  const gelijk = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  const ongelijk =
    op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  if (!gelijk && !ongelijk) return undefined;
  const [l, r] = [e.left, e.right];
  const typeofOffice = (x: ts.Expression): boolean =>
    ts.isTypeOfExpression(x) &&
    ts.isIdentifier(x.expression) &&
    ["Office", "Excel"].includes(x.expression.text);
  const isUndefined = (x: ts.Expression): boolean => ts.isStringLiteral(x) && x.text === "undefined";
  if ((typeofOffice(l) && isUndefined(r)) || (typeofOffice(r) && isUndefined(l))) return gelijk;
  return undefined;
}

/** The function body a guard helper returns: an arrow's expression, or the one `return` of a block. */
function terugkeerExpressie(f: ts.SignatureDeclaration): ts.Expression | undefined {
  const body = (f as { body?: ts.Node }).body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body as ts.Expression;
  const returns: ts.ReturnStatement[] = [];
  const zoek = (n: ts.Node): void => {
    if (ts.isReturnStatement(n)) returns.push(n);
    if (!ts.isFunctionLike(n)) ts.forEachChild(n, zoek);
  };
  ts.forEachChild(body, zoek);
  return returns.length === 1 ? returns[0]?.expression : undefined;
}

/** What `e` guarantees when it evaluates to `waar`. */
function impliceert(ctx: Context, e: ts.Expression, waar: boolean, diepte = 0): Dekking {
  if (diepte > 8) return NIETS;
  const c = ctx.checker;
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) {
    return impliceert(ctx, e.expression, waar, diepte + 1);
  }
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    return impliceert(ctx, e.operand, !waar, diepte + 1);
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const l = (w: boolean): Dekking => impliceert(ctx, e.left, w, diepte + 1);
    const r = (w: boolean): Dekking => impliceert(ctx, e.right, w, diepte + 1);
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
      return waar ? vereniging(l(true), r(true)) : doorsnede(l(false), r(false));
    }
    if (op === ts.SyntaxKind.BarBarToken) {
      return waar ? doorsnede(l(true), r(true)) : vereniging(l(false), r(false));
    }
    const buiten = buitenOffice(e);
    if (buiten !== undefined) return buiten === waar ? "alles" : NIETS;
    return NIETS;
  }
  if (!waar && isVereistenObject(c, e)) return "alles";
  if (ts.isCallExpression(e)) return impliceertAanroep(ctx, e, waar, diepte);
  if (ts.isIdentifier(e)) {
    const decl = echtSymbool(c, c.getSymbolAtLocation(e))?.valueDeclaration;
    if (
      decl &&
      ts.isVariableDeclaration(decl) &&
      decl.initializer &&
      ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const
    ) {
      return impliceert(ctx, decl.initializer, waar, diepte + 1);
    }
  }
  return NIETS;
}

function impliceertAanroep(ctx: Context, e: ts.CallExpression, waar: boolean, diepte: number): Dekking {
  const c = ctx.checker;
  const decl = c.getResolvedSignature(e)?.declaration;
  if (!decl || ts.isJSDocSignature(decl)) return NIETS;
  if (isOffice(decl) && naamVan(decl).endsWith("isSetSupported")) {
    const set = tekstWaarde(c, e.arguments[0]);
    const versie = e.arguments.length > 1 ? tekstWaarde(c, e.arguments[1]) : "1.1";
    if (!waar || !set || versie === undefined) return NIETS;
    return new Map([[set, { versie, waar: `isSetSupported("${set}", "${versie}") ${plaats(ctx, e)}` }]]);
  }
  // A guard helper: what its return expression guarantees.
  let f: ts.Node = decl;
  if (ts.isVariableDeclaration(f) && f.initializer) f = f.initializer;
  if (!ts.isFunctionLike(f) || isOffice(f)) return NIETS;
  const terug = terugkeerExpressie(f);
  if (!terug) return NIETS;
  const d = impliceert(ctx, terug, waar, diepte + 1);
  if (d === "alles") return d;
  const naam = ts.isIdentifier(e.expression) ? e.expression.text : e.expression.getText();
  return new Map([...d].map(([set, v]) => [set, { versie: v.versie, waar: `${naam}() ${plaats(ctx, e)}` }]));
}

function verlaatAltijd(s: ts.Statement): boolean {
  if (
    ts.isReturnStatement(s) ||
    ts.isThrowStatement(s) ||
    ts.isContinueStatement(s) ||
    ts.isBreakStatement(s)
  ) {
    return true;
  }
  if (ts.isBlock(s)) {
    const laatste = s.statements[s.statements.length - 1];
    return !!laatste && verlaatAltijd(laatste);
  }
  return false;
}

/** A function whose references carry the guard: declarations, methods, `const f = () => …`. */
function benoemdeFunctie(n: ts.Node): ts.Node | undefined {
  if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n)) return n;
  if (ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)) return n;
  if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && n.parent) {
    const p = n.parent;
    if (
      (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) &&
      p.initializer === n
    )
      return p;
  }
  return undefined;
}

/** Guards between `node` and its named function (or the module); `functie` is where the walk stopped. */
function lexicaleDekking(ctx: Context, node: ts.Node): { dekking: Dekking; functie?: ts.Node } {
  let dekking: Dekking = NIETS;
  let kind: ts.Node = node;
  for (let ouder = node.parent; ouder; kind = ouder, ouder = ouder.parent) {
    if (ts.isIfStatement(ouder) && kind !== ouder.expression) {
      dekking = vereniging(dekking, impliceert(ctx, ouder.expression, kind === ouder.thenStatement));
    } else if (ts.isConditionalExpression(ouder) && kind !== ouder.condition) {
      dekking = vereniging(dekking, impliceert(ctx, ouder.condition, kind === ouder.whenTrue));
    } else if (ts.isBinaryExpression(ouder) && kind === ouder.right) {
      const op = ouder.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken)
        dekking = vereniging(dekking, impliceert(ctx, ouder.left, true));
      if (op === ts.SyntaxKind.BarBarToken) dekking = vereniging(dekking, impliceert(ctx, ouder.left, false));
    } else if (
      ts.isBlock(ouder) ||
      ts.isSourceFile(ouder) ||
      ts.isCaseClause(ouder) ||
      ts.isModuleBlock(ouder)
    ) {
      for (const s of ouder.statements) {
        if (s === kind) break;
        if (ts.isIfStatement(s) && !s.elseStatement && verlaatAltijd(s.thenStatement)) {
          dekking = vereniging(dekking, impliceert(ctx, s.expression, false));
        }
      }
    }
    const f = benoemdeFunctie(ouder);
    if (f) return { dekking, functie: f };
  }
  return { dekking };
}

function naamKnoop(f: ts.Node): ts.Node | undefined {
  return (f as { name?: ts.Node }).name;
}

/**
 * The references to named function `f` in the sources: not its own declarations (overloads), imports and exports,
 * nor its calls to itself (they add no way in; a function only it calls is an entry point).
 */
function referenties(ctx: Context, f: ts.Node): ts.Identifier[] {
  const naam = naamKnoop(f);
  const symbool = naam ? echtSymbool(ctx.checker, ctx.checker.getSymbolAtLocation(naam)) : undefined;
  if (!symbool) return [];
  const namen = new Set((symbool.declarations ?? []).map(naamKnoop));
  return (ctx.verwijzingen.get(symbool) ?? []).filter(
    (r) =>
      !namen.has(r) &&
      // (Positions count within a file: a call in another file at the same offsets is still a way in.)
      !(r.getSourceFile() === f.getSourceFile() && r.pos >= f.pos && r.end <= f.end) &&
      !ts.isImportSpecifier(r.parent) &&
      !ts.isExportSpecifier(r.parent) &&
      !ts.isImportClause(r.parent),
  );
}

/** What every way into named function `f` guarantees: the meet over all its references in the sources. */
function dekkingVanFunctie(ctx: Context, f: ts.Node): Dekking {
  const klaar = ctx.functieDekking.get(f);
  if (klaar) return klaar;
  if (ctx.bezig.has(f)) {
    ctx.aannames++;
    return "alles"; // a recursive call adds no way in
  }
  const refs = referenties(ctx, f);
  const aannamesVoor = ctx.aannames;
  ctx.bezig.add(f);
  let dekking: Dekking = refs.length === 0 ? NIETS : "alles";
  for (const ref of refs) dekking = doorsnede(dekking, dekkingBij(ctx, ref));
  ctx.bezig.delete(f);
  // Only a result that did not lean on an unfinished function (recursion) is final.
  if (ctx.aannames === aannamesVoor || ctx.bezig.size === 0) ctx.functieDekking.set(f, dekking);
  return dekking;
}

function dekkingBij(ctx: Context, node: ts.Node): Dekking {
  const { dekking, functie } = lexicaleDekking(ctx, node);
  if (!functie) return dekking;
  return vereniging(dekking, dekkingVanFunctie(ctx, functie));
}

function versieIn(d: Dekking, set: string): string | undefined {
  return d === "alles" ? "999" : d.get(set)?.versie;
}

/** Why `node` is not guarded for `set`: the weakest way in, from the use outwards to an entry point or module code. */
function padNaarIngang(ctx: Context, node: ts.Node, set: string): string {
  const stappen: string[] = [];
  const gezien = new Set<ts.Node>();
  let huidig: ts.Node = node;
  while (stappen.length < 12) {
    const { functie } = lexicaleDekking(ctx, huidig);
    if (!functie) {
      stappen.push(`modulecode ${plaats(ctx, huidig)}`);
      break;
    }
    const naam = naamKnoop(functie)?.getText() ?? "(functie)";
    const refs = referenties(ctx, functie);
    if (refs.length === 0) {
      stappen.push(`${naam} (${plaats(ctx, functie)}; nergens in src/ aangeroepen: een ingang)`);
      break;
    }
    if (gezien.has(functie)) break;
    gezien.add(functie);
    let zwakste = refs[0] as ts.Identifier;
    for (const r of refs) {
      const v = versieIn(dekkingBij(ctx, r), set);
      const w = versieIn(dekkingBij(ctx, zwakste), set);
      if (v === undefined || (w !== undefined && vergelijkVersie(v, w) < 0)) zwakste = r;
    }
    stappen.push(`${naam} ← ${plaats(ctx, zwakste)}`);
    huidig = zwakste;
  }
  return stappen.join(" ← ");
}

// ---------------------------------------------------------------------------------------------------------

function bezoekAlles(sf: ts.SourceFile, f: (n: ts.Node) => void): void {
  const loop = (n: ts.Node): void => {
    f(n);
    ts.forEachChild(n, loop);
  };
  loop(sf);
}

/** Audits the given program's source files (those under `basis/src`, or all non-declaration files of the program). */
export function auditeer(
  program: ts.Program,
  opties: { minima: Record<string, string>; basis: string; bestanden?: readonly string[] },
): Rapport {
  const checker = program.getTypeChecker();
  const wil = opties.bestanden ? new Set(opties.bestanden.map((b) => path.resolve(b))) : undefined;
  const bronnen = program
    .getSourceFiles()
    .filter((sf) => !sf.isDeclarationFile && (!wil || wil.has(path.resolve(sf.fileName))));
  const ctx: Context = {
    checker,
    basis: opties.basis,
    minima: opties.minima,
    verwijzingen: new Map(),
    functieDekking: new Map(),
    bezig: new Set(),
    aannames: 0,
  };
  const verwijs = (s: ts.Symbol | undefined, n: ts.Identifier): void => {
    if (!s) return;
    const lijst = ctx.verwijzingen.get(s) ?? [];
    lijst.push(n);
    ctx.verwijzingen.set(s, lijst);
  };
  for (const sf of bronnen) {
    bezoekAlles(sf, (n) => {
      if (!ts.isIdentifier(n)) return;
      verwijs(echtSymbool(checker, checker.getSymbolAtLocation(n)), n);
      // `{ taakstelling }` refers to the function too, not only to the new property.
      if (ts.isShorthandPropertyAssignment(n.parent) && n.parent.name === n) {
        verwijs(echtSymbool(checker, checker.getShorthandAssignmentValueSymbol(n.parent)), n);
      }
    });
  }

  const gebruiken: Gebruik[] = [];
  const fouten: string[] = [];
  const onbewaakt: Rapport["onbewaakt"] = {};
  const gezien = new Set<string>();
  for (const sf of bronnen) {
    bezoekAlles(sf, (n) => {
      for (const v of vondstenBij(checker, n)) {
        const api = naamVan(v.decl);
        const sleutel = `${sf.fileName}:${v.node.getStart(sf)}:${api}`;
        if (gezien.has(sleutel)) continue;
        gezien.add(sleutel);
        const eisen = eisenVanDeclaratie(v.decl, v.schrijf) ?? [];
        const g: Gebruik = { ...bestandEnRegel(ctx, v.node), api, eisen, bewaking: [] };
        const d = eisen.some((e) => e.versie !== "") ? dekkingBij(ctx, v.node) : NIETS;
        for (const eis of eisen) {
          if (eis.versie === "") continue;
          const gedekt = d === "alles" ? { versie: eis.versie, waar: "buiten Office" } : d.get(eis.set);
          const isGedekt = !!gedekt && vergelijkVersie(gedekt.versie, eis.versie) >= 0;
          const hoogste = onbewaakt[eis.set];
          if (!isGedekt && (!hoogste || vergelijkVersie(eis.versie, hoogste.versie) > 0)) {
            onbewaakt[eis.set] = { versie: eis.versie, api, plaats: `${g.bestand}:${g.regel}` };
          }
          const min = opties.minima[eis.set];
          if (min !== undefined && vergelijkVersie(eis.versie, min) <= 0) continue;
          if (isGedekt) {
            g.bewaking.push({ eis, door: gedekt?.waar });
            continue;
          }
          const pad = padNaarIngang(ctx, v.node, eis.set);
          g.bewaking.push({ eis, pad });
          const minTekst = min === undefined ? "niet in het manifest" : `manifest-minimum ${min}`;
          fouten.push(
            `${g.bestand}:${g.regel} ${api} vereist ${eis.set} ${eis.versie} (${minTekst}) en is niet bewaakt` +
              (gedekt ? ` (alleen ${eis.set} ${gedekt.versie} gecontroleerd: ${gedekt.waar})` : "") +
              `; weg erheen: ${pad}`,
          );
        }
        gebruiken.push(g);
      }
    });
  }
  return { gebruiken, minima: opties.minima, onbewaakt, fouten };
}

/** A program over tsconfig.json's files under `<basis>/src`, with its compiler options. */
export function maakProgramma(basis: string = REPO_ROOT): ts.Program {
  const configPad = path.join(basis, "tsconfig.json");
  const gelezen = ts.readConfigFile(configPad, (p) => ts.sys.readFile(p));
  if (gelezen.error) throw new Error(ts.flattenDiagnosticMessageText(gelezen.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(gelezen.config, ts.sys, basis);
  const src = path.join(basis, "src") + path.sep;
  const bestanden = parsed.fileNames.filter((f) => path.resolve(f).startsWith(src));
  return ts.createProgram({ rootNames: bestanden, options: { ...parsed.options, noEmit: true } });
}

/** The project's audit: src/ against the minimums of manifest/manifest.config.json. */
export function auditeerProject(basis: string = REPO_ROOT): Rapport {
  const minima = Object.fromEntries(loadRequirements().map((r) => [r.name, r.minVersion]));
  const program = maakProgramma(basis);
  const src = path.join(basis, "src") + path.sep;
  const bestanden = program
    .getSourceFiles()
    .filter((sf) => !sf.isDeclarationFile && path.resolve(sf.fileName).startsWith(src))
    .map((sf) => sf.fileName);
  return auditeer(program, { minima, basis, bestanden });
}

// ---------------------------------------------------------------------------------------------------------
// The report

/** The per-set summary (README "Excel-versies"), then the guarded uses and the failures. */
export function formatteer(r: Rapport, opties: { alles?: boolean } = {}): string {
  const regels: string[] = [];
  const perSet = new Map<string, Map<string, Gebruik[]>>();
  let zonder = 0;
  const zonderApis = new Set<string>();
  for (const g of r.gebruiken) {
    if (g.eisen.length === 0) {
      zonder++;
      zonderApis.add(g.api);
    }
    for (const e of g.eisen) {
      const sets = perSet.get(e.set) ?? new Map<string, Gebruik[]>();
      const lijst = sets.get(e.versie) ?? [];
      lijst.push(g);
      sets.set(e.versie, lijst);
      perSet.set(e.set, sets);
    }
  }
  const apis = new Set(r.gebruiken.map((g) => g.api));
  regels.push(
    `Office.js in src/: ${r.gebruiken.length} gebruiken van ${apis.size} API's. Minimum in het manifest: ` +
      Object.entries(r.minima)
        .map(([s, v]) => `${s} ${v}`)
        .join(", ") +
      ".",
  );
  const setNamen = [...perSet.keys()].sort();
  for (const set of setNamen) {
    const versies = [...(perSet.get(set) ?? new Map<string, Gebruik[]>()).entries()].sort((a, b) =>
      vergelijkVersie(b[0], a[0]),
    );
    const hoogste = versies[0];
    if (!hoogste) continue;
    const min = r.minima[set];
    regels.push("");
    const zonder = r.onbewaakt[set];
    regels.push(
      `${set}: hoogste ${hoogste[0] || "(zonder versie)"}; zonder bewaking nodig: ` +
        (zonder ? `${zonder.versie} (${zonder.api}, ${zonder.plaats})` : "niets") +
        `; manifest ${min === undefined ? "declareert deze set niet" : `minimum ${min}`}`,
    );
    const toon = opties.alles ? versies : versies.slice(0, 4);
    for (const [versie, lijst] of toon) {
      const namen = [...new Set(lijst.map((g) => g.api))];
      const eerste = lijst[0] as Gebruik;
      const boven = min !== undefined && versie !== "" && vergelijkVersie(versie, min) > 0;
      const bewaakt = boven ? bewakingTekst(lijst, set) : "";
      const max = opties.alles ? namen.length : 3;
      regels.push(
        `  ${(versie || "-").padEnd(5)} ${namen.slice(0, max).join(", ")}${namen.length > max ? ` (+${namen.length - max})` : ""}` +
          ` — ${eerste.bestand}:${eerste.regel}${bewaakt}`,
      );
    }
    if (versies.length > toon.length) {
      regels.push(
        `  … en ${versies
          .slice(toon.length)
          .map((v) => v[0])
          .join(", ")}`,
      );
    }
  }
  regels.push("");
  regels.push(
    `Zonder requirement set in de typen: ${zonder} gebruiken van ${zonderApis.size} API's (o.a. ${[
      ...zonderApis,
    ]
      .slice(0, 4)
      .join(", ")}).`,
  );
  regels.push("");
  if (r.fouten.length === 0) {
    regels.push("check:office OK: elke API boven het minimum van het manifest is bewaakt.");
  } else {
    regels.push(`check:office FOUT: ${r.fouten.length} API-gebruik boven het minimum zonder bewaking:`);
    for (const f of r.fouten) regels.push(`  - ${f}`);
  }
  return regels.join("\n");
}

function bewakingTekst(lijst: Gebruik[], set: string): string {
  const door = new Set<string>();
  let onbewaakt = 0;
  for (const g of lijst) {
    for (const b of g.bewaking) {
      if (b.eis.set !== set) continue;
      if (b.door) door.add(b.door);
      else onbewaakt++;
    }
  }
  const delen = [...door];
  if (onbewaakt > 0) delen.push(`${onbewaakt}× NIET bewaakt`);
  return delen.length > 0 ? ` [bewaakt: ${delen.join("; ")}]` : "";
}

function main(): number {
  const args = process.argv.slice(2);
  const onbekend = args.filter((a) => a !== "--alles");
  if (onbekend.length > 0) {
    console.error(`check-office: onbekend argument "${onbekend[0]}" (alleen --alles)`);
    return 2;
  }
  const rapport = auditeerProject();
  const tekst = formatteer(rapport, { alles: args.includes("--alles") });
  if (rapport.fouten.length > 0) console.error(tekst);
  else console.log(tekst);
  return rapport.fouten.length > 0 ? 1 : 0;
}

if (require.main === module) process.exit(main());
