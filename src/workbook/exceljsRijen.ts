/**
 * The rows of a worksheet as exceljs's parser builds them (its `sheetData` list of `RowXform`s and `CellXform`s,
 * before `reconcile`), read straight from the XML. A refill reads Opgave's old sheets through exceljs
 * (./exceljsLaden), and their cells were most of that: saxes (exceljs's XML reader) makes an object per tag and
 * per event, and the xforms pass each event down three levels. For the bench's province sheet (62 KB, 801 cells)
 * that was about 1.8 of the load's 5 ms.
 *
 * Only the cells as spreadsheet programs write them are read here: rows of cells with a value (`<v>`), a formula
 * (`<f>`) or an inline text (`<is><t>`). Anything else in `sheetData` — rich text, phonetic runs, an extension, a
 * comment, CDATA, a carriage return (saxes normalises line ends), a control character, an unknown entity, a bare
 * "&", a tab or line break inside an attribute value, tags that do not nest — and `bladZonderRijen` returns
 * undefined: the caller gives the whole sheet to exceljs, as before. So a malformed sheet still fails as exceljs
 * fails on it. What is read here is what exceljs's parser builds, to the last quirk (a "str" value decoded twice,
 * an empty cell without a style a "merge" cell): tests/workbook/exceljsRijen.test.ts compares the two on whole
 * workbooks, edge cases and sheets damaged at random. Browser-safe.
 */
import { ValueType } from "exceljs";
import utils from "exceljs/lib/utils/utils";

/** A cell as exceljs's `CellXform` parses it (its own loose shape). */
interface CelModel {
  address: string | undefined;
  styleId?: number;
  type?: ValueType;
  value?: unknown;
  formula?: string;
  si?: string;
  shareType?: string;
  ref?: string;
  result?: unknown;
}

/** A row as exceljs's `RowXform` parses it. */
interface RijModel {
  number: number;
  min: number | undefined;
  max: number | undefined;
  cells: CelModel[];
  styleId?: number;
  hidden?: boolean;
  bestFit?: boolean;
  height?: number;
  outlineLevel?: number;
  collapsed?: boolean;
}

/** What this reader leaves to exceljs in `sheetData` (see the module comment): characters XML does not allow. */
// eslint-disable-next-line no-control-regex -- finding control characters is what it is for
const TEKEN_BUITEN = /[\0-\x08\x0B-\x1F\uFFFE\uFFFF]/;
const ALLEEN_WIT = /^[ \t\n]*$/;
const BENOEMD: ReadonlyMap<string, string> = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
  ["apos", "'"],
]);

/** Per ASCII code: 1 may begin a name here ([A-Za-z_]), 2 may follow ([A-Za-z0-9_.:-]), 4 white space. */
const SOORT = (() => {
  const soort = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const t = String.fromCharCode(c);
    if (/[A-Za-z_]/.test(t)) soort[c] = 1 | 2;
    else if (/[0-9.:-]/.test(t)) soort[c] = 2;
    else if (/[ \t\n]/.test(t)) soort[c] = 4;
  }
  return soort;
})();

/** Whether `code` is a character XML 1.0 allows (a character reference to any other is an error for saxes). */
function xmlTeken(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** The character of the reference that starts at `amp` in `ruw` and ends at `puntkomma`; undefined for none. */
function verwijzing(ruw: string, amp: number, puntkomma: number): string | undefined {
  const naam = ruw.slice(amp + 1, puntkomma);
  const benoemd = BENOEMD.get(naam);
  if (benoemd !== undefined) return benoemd;
  const code = /^#[0-9]+$/.test(naam)
    ? Number(naam.slice(1))
    : /^#x[0-9A-Fa-f]+$/.test(naam)
      ? parseInt(naam.slice(2), 16)
      : Number.NaN;
  return xmlTeken(code) ? String.fromCodePoint(code) : undefined;
}

/** `ruw` with its references resolved; undefined for an "&" that begins none. */
function ontsnapt(ruw: string): string | undefined {
  let uit = "";
  let vanaf = 0;
  for (let amp = ruw.indexOf("&"); amp >= 0; amp = ruw.indexOf("&", vanaf)) {
    const puntkomma = ruw.indexOf(";", amp);
    const teken = puntkomma < 0 ? undefined : verwijzing(ruw, amp, puntkomma);
    if (teken === undefined) return undefined;
    uit += ruw.slice(vanaf, amp) + teken;
    vanaf = puntkomma + 1;
  }
  return uit + ruw.slice(vanaf);
}

/**
 * A scanner over the XML of one sheet: names, white space, text and attribute values, with the attributes of the
 * last opening tag kept in two arrays it reuses (a sheet has thousands of tags; an object for each was most of
 * the time).
 */
class Scanner {
  /** The attributes of the last opening tag read: names and values, `aantal` of them. */
  readonly namen: string[] = [];
  readonly waarden: string[] = [];
  aantal = 0;
  /** Where the next "&" stands at or after the last text asked for (the text's length: none). */
  private amp = -1;

  constructor(readonly xml: string) {}

  soort(i: number): number {
    const c = this.xml.charCodeAt(i);
    return c < 128 ? (SOORT[c] ?? 0) : 0;
  }

  /** Where the name at `i` ends (`i` itself: no name there). */
  naamEind(i: number): number {
    if (!(this.soort(i) & 1)) return i;
    let j = i + 1;
    while (this.soort(j) & 2) j++;
    return j;
  }

  /** Past the white space at `i`. */
  naWit(i: number): number {
    while (this.soort(i) & 4) i++;
    return i;
  }

  /** The text from `van` to `tot` with its references resolved; undefined for one saxes would read otherwise. */
  tekst(van: number, tot: number): string | undefined {
    if (this.amp < van) {
      this.amp = this.xml.indexOf("&", van);
      if (this.amp < 0) this.amp = this.xml.length;
    }
    const ruw = this.xml.slice(van, tot);
    return this.amp >= tot ? ruw : ontsnapt(ruw);
  }

  /** The value of the attribute `naam` of the last opening tag read. */
  attribuut(naam: string): string | undefined {
    for (let k = 0; k < this.aantal; k++) if (this.namen[k] === naam) return this.waarden[k];
    return undefined;
  }

  /**
   * Reads the attributes of the opening tag whose name ends at `i`: where the tag ends, negated when it closes
   * itself; 0 for a tag saxes would read otherwise, or not at all.
   */
  attributen(i: number): number {
    this.aantal = 0;
    for (;;) {
      const j = this.naWit(i);
      const c = this.xml.charCodeAt(j);
      if (c === 0x3e) return j + 1;
      if (c === 0x2f) return this.xml.charCodeAt(j + 1) === 0x3e ? -(j + 2) : 0;
      // An attribute: white space before it, a name, "=", a quoted value.
      const naamTot = this.naamEind(j);
      if (j === i || naamTot === j) return 0;
      const is = this.naWit(naamTot);
      if (this.xml.charCodeAt(is) !== 0x3d) return 0;
      const q = this.naWit(is + 1);
      const aanhaling = this.xml.charCodeAt(q);
      if (aanhaling !== 0x22 && aanhaling !== 0x27) return 0;
      const sluit = this.waardeEind(q + 1, aanhaling);
      const waarde = sluit < 0 ? undefined : this.tekst(q + 1, sluit);
      const naam = this.xml.slice(j, naamTot);
      // Twice the same name: left to saxes (which fails on it).
      if (waarde === undefined || this.attribuut(naam) !== undefined) return 0;
      this.namen[this.aantal] = naam;
      this.waarden[this.aantal++] = waarde;
      i = sluit + 1;
    }
  }

  /**
   * Where the attribute value from `i` ends (at its closing quote); -1 for none, or for a "<", a tab or a line
   * break in it (an XML reader makes the last two a space): left to saxes.
   */
  private waardeEind(i: number, aanhaling: number): number {
    for (let c = this.xml.charCodeAt(i); c !== aanhaling; c = this.xml.charCodeAt(++i))
      if (c === 0x3c || c === 0x09 || c === 0x0a || Number.isNaN(c)) return -1;
    return i;
  }
}

/** exceljs's `parseBoolean`. */
function waar(waarde: string | undefined): boolean {
  return waarde === "true" || waarde === "1";
}

/** A row as `RowXform.parseOpen` makes it, from the attributes `s` has just read. */
function nieuweRij(s: Scanner): RijModel {
  const spans = s.attribuut("spans");
  const [min, max] = spans ? spans.split(":").map((d) => parseInt(d, 10)) : [undefined, undefined];
  const rij: RijModel = { number: parseInt(s.attribuut("r") ?? "", 10), min, max, cells: [] };
  const [stijl, ht, niveau] = [s.attribuut("s"), s.attribuut("ht"), s.attribuut("outlineLevel")];
  if (stijl) rij.styleId = parseInt(stijl, 10);
  if (waar(s.attribuut("hidden"))) rij.hidden = true;
  if (waar(s.attribuut("bestFit"))) rij.bestFit = true;
  if (ht) rij.height = parseFloat(ht);
  if (niveau) rij.outlineLevel = parseInt(niveau, 10);
  if (waar(s.attribuut("collapsed"))) rij.collapsed = true;
  return rij;
}

/** A cell's type and value as `CellXform.parseClose("c")` sets them (`t`: the cell's t attribute). */
function sluitCel(cel: CelModel, t: string | undefined): void {
  const waarde = cel.value as string | undefined;
  if (cel.formula || cel.shareType) {
    cel.type = ValueType.Formula;
    if (waarde) {
      if (t === "str") cel.result = utils.xmlDecode(waarde);
      else if (t === "b") cel.result = parseInt(waarde, 10) !== 0;
      else if (t === "e") cel.result = { error: waarde };
      else cel.result = parseFloat(waarde);
      cel.value = undefined;
    }
  } else if (waarde !== undefined) {
    if (t === "s") [cel.type, cel.value] = [ValueType.String, parseInt(waarde, 10)];
    else if (t === "str") [cel.type, cel.value] = [ValueType.String, utils.xmlDecode(waarde)];
    else if (t === "inlineStr") cel.type = ValueType.String;
    else if (t === "b") [cel.type, cel.value] = [ValueType.Boolean, parseInt(waarde, 10) !== 0];
    else if (t === "e") [cel.type, cel.value] = [ValueType.Error, { error: waarde }];
    else [cel.type, cel.value] = [ValueType.Number, parseFloat(waarde)];
  } else {
    cel.type = cel.styleId ? ValueType.Null : ValueType.Merge;
  }
}

/** Where the reader stands: in `sheetData`, a row, a cell, or one of a cell's parts. */
type Plek = "blad" | "row" | "c" | "f" | "v" | "is" | "t";

/** Each element this reader knows: where it may open, and where it leads. */
const KIND: ReadonlyMap<string, readonly [Plek, Plek]> = new Map([
  ["row", ["blad", "row"]],
  ["c", ["row", "c"]],
  ["f", ["c", "f"]],
  ["v", ["c", "v"]],
  ["is", ["c", "is"]],
  ["t", ["is", "t"]],
]);
const OUDER: Readonly<Record<Plek, Plek>> = {
  blad: "blad",
  row: "blad",
  c: "row",
  f: "c",
  v: "c",
  is: "c",
  t: "is",
};

/** The rows in the scanner's XML from `van` to `tot` (the inside of `sheetData`); undefined: left to exceljs. */
function leesRijen(s: Scanner, van: number, tot: number): RijModel[] | undefined {
  const xml = s.xml;
  const rijen: RijModel[] = [];
  let rij: RijModel | undefined;
  let cel: CelModel | undefined;
  let t: string | undefined;
  let plek: Plek = "blad";
  const open = (naam: string): void => {
    if (naam === "row") rij = nieuweRij(s);
    else if (naam === "c") {
      cel = { address: s.attribuut("r") };
      t = s.attribuut("t");
      const stijl = s.attribuut("s");
      if (stijl) cel.styleId = parseInt(stijl, 10);
    } else if (naam === "f" && cel)
      [cel.si, cel.shareType, cel.ref] = [s.attribuut("si"), s.attribuut("t"), s.attribuut("ref")];
  };
  const sluit = (naam: string): void => {
    if (naam === "row" && rij) rijen.push(rij);
    else if (naam === "c" && cel && rij) {
      sluitCel(cel, t);
      rij.cells.push(cel);
    }
  };
  let i = van;
  while (i < tot) {
    const lt = xml.indexOf("<", i);
    const eind = lt < 0 || lt > tot ? tot : lt;
    if (eind > i) {
      const tekst = s.tekst(i, eind);
      if (tekst === undefined) return undefined;
      if ((plek === "f" || plek === "v" || plek === "t") && cel) {
        if (plek === "f") cel.formula = cel.formula ? cel.formula + tekst : tekst;
        else cel.value = cel.value ? (cel.value as string) + tekst : tekst;
      } else if (!ALLEEN_WIT.test(tekst)) return undefined;
    }
    if (eind === tot) break;
    if (xml.charCodeAt(lt + 1) === 0x2f) {
      const naamTot = s.naamEind(lt + 2);
      const gt = s.naWit(naamTot);
      if (xml.charCodeAt(gt) !== 0x3e || plek === "blad" || xml.slice(lt + 2, naamTot) !== plek)
        return undefined;
      sluit(plek);
      plek = OUDER[plek];
      i = gt + 1;
      continue;
    }
    const naamTot = s.naamEind(lt + 1);
    const naam = xml.slice(lt + 1, naamTot);
    const kind = KIND.get(naam);
    const na = kind && kind[0] === plek ? s.attributen(naamTot) : 0;
    if (na === 0 || !kind) return undefined;
    open(naam);
    if (na < 0) sluit(naam);
    else plek = kind[1];
    i = Math.abs(na);
  }
  return plek === "blad" ? rijen : undefined;
}

/**
 * A worksheet's XML with an empty `sheetData`, and its rows as exceljs's parser builds them; undefined where this
 * reader leaves the sheet to exceljs (see the module comment).
 */
export function bladZonderRijen(xml: string): { zonder: string; rijen: unknown[] } | undefined {
  const begin = xml.indexOf("<sheetData>");
  const slot = xml.indexOf("</sheetData>");
  // A comment, CDATA or processing instruction anywhere before the end could hide either tag: left to exceljs.
  const verborgen = xml.includes("<!") || xml.indexOf("<?", 2) >= 0;
  if (begin < 0 || slot < begin || verborgen || xml.indexOf("<sheetData", begin + 1) >= 0) return undefined;
  const binnen = xml.slice(begin + "<sheetData>".length, slot);
  if (TEKEN_BUITEN.test(binnen) || binnen.includes("\r") || binnen.includes("]]>")) return undefined;
  const rijen = leesRijen(new Scanner(xml), begin + "<sheetData>".length, slot);
  if (!rijen) return undefined;
  return { zonder: `${xml.slice(0, begin)}<sheetData/>${xml.slice(slot + "</sheetData>".length)}`, rijen };
}
