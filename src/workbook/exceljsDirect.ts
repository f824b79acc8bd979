/**
 * Parts of a workbook read straight from their XML into the model exceljs's own parsers build, where they hold
 * only what spreadsheet programs commonly write; exceljs reads the rest. A refill reads Opgave's old sheets through
 * exceljs (./exceljsLaden), and saxes (exceljs's XML reader) makes objects for every tag and event that the xforms
 * then pass down three levels: for the bench's province workbook most of the load's time, and of what a refill
 * allocates beyond a first fill (which the garbage collector pays for while the loaded model is alive).
 *
 * - `bladZonderRijen`: a worksheet's rows and cells (`sheetData`: cells with a value `<v>`, a formula `<f>` or an
 *   inline text `<is><t>`), as its `RowXform`s and `CellXform`s build them before `reconcile`; exceljs parses the
 *   rest of the sheet, given with an empty `sheetData`.
 * - `gedeeldeTekstenModel`: the shared strings (`<si><t>` each), as `SharedStringsXform` builds them.
 *
 * Anything else — rich text, phonetic runs, an extension, a comment, CDATA, a processing instruction, a carriage
 * return (saxes normalises line ends), a control character, an unknown entity, a bare "&", a tab or line break
 * inside an attribute value, tags that do not nest — and the function returns undefined: the caller gives the part
 * to exceljs, as before. So a malformed part still fails as exceljs fails on it. What is read here is what
 * exceljs's parsers build, to the last quirk (a "str" value decoded twice, an empty cell without a style a "merge"
 * cell, `_x000D_` in a shared string a character): tests/workbook/exceljsDirect.test.ts compares the two on whole
 * workbooks, edge cases and parts damaged at random. Browser-safe.
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

/** More attributes on one element than a row, cell, formula or text has (the schema gives a row 13, a formula 12). */
const MAX_ATTRIBUTEN = 32;

/**
 * A scanner over the XML of one part: names, white space, text and attribute values. The attributes of the last
 * opening tag are kept in arrays it reuses, their names as places in the XML (a sheet has thousands of tags: an
 * object or a string for each was most of exceljs's cost).
 */
class Scanner {
  /** The attributes of the last opening tag read: where each name begins and ends, its value; `aantal` of them. */
  private readonly naamBegin: number[] = [];
  private readonly naamEind: number[] = [];
  private readonly waarden: string[] = [];
  private aantal = 0;
  /** Where the next "&" stands at or after the last text asked for (the text's length: none). */
  private amp = -1;

  constructor(readonly xml: string) {}

  soort(i: number): number {
    const c = this.xml.charCodeAt(i);
    return c < 128 ? (SOORT[c] ?? 0) : 0;
  }

  /** Where the name at `i` ends (`i` itself: no name there). */
  naamTot(i: number): number {
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

  /** Whether the XML from `van` to `tot` is `naam`. */
  is(van: number, tot: number, naam: string): boolean {
    return tot - van === naam.length && this.xml.startsWith(naam, van);
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
    for (let k = 0; k < this.aantal; k++)
      if (this.is(this.naamBegin[k] ?? 0, this.naamEind[k] ?? 0, naam)) return this.waarden[k];
    return undefined;
  }

  /** Whether the last opening tag read has an attribute named as the XML from `van` to `tot`. */
  private heeft(van: number, tot: number): boolean {
    for (let k = 0; k < this.aantal; k++) {
      const b = this.naamBegin[k] ?? 0;
      if ((this.naamEind[k] ?? 0) - b !== tot - van) continue;
      let i = 0;
      while (i < tot - van && this.xml.charCodeAt(b + i) === this.xml.charCodeAt(van + i)) i++;
      if (i === tot - van) return true;
    }
    return false;
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
      const naamTot = this.naamTot(j);
      if (j === i || naamTot === j) return 0;
      const is = this.naWit(naamTot);
      if (this.xml.charCodeAt(is) !== 0x3d) return 0;
      const q = this.naWit(is + 1);
      const aanhaling = this.xml.charCodeAt(q);
      if (aanhaling !== 0x22 && aanhaling !== 0x27) return 0;
      const sluit = this.waardeEind(q + 1, aanhaling);
      const waarde = sluit < 0 ? undefined : this.tekst(q + 1, sluit);
      // Twice the same name (saxes fails on it), or more attributes than any writer puts on these elements (a
      // hostile file: each is compared with the others): left to saxes.
      if (
        waarde === undefined ||
        this.aantal >= MAX_ATTRIBUTEN ||
        (this.aantal > 0 && this.heeft(j, naamTot))
      )
        return 0;
      this.naamBegin[this.aantal] = j;
      this.naamEind[this.aantal] = naamTot;
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

/**
 * The elements a reader knows in a part and what it does with them. Each element is known by name, with the element
 * it may stand in (the reader starts in `wortel`, which is not read here); text counts only inside `tekstIn`,
 * elsewhere it may be white space only.
 */
interface Boom {
  readonly wortel: string;
  readonly binnen: ReadonlyMap<string, string>;
  readonly tekstIn: ReadonlySet<string>;
  /** An element opened (its attributes are the scanner's). */
  open(naam: string): void;
  /** Text inside an element of `tekstIn`. */
  tekst(plek: string, tekst: string): void;
  /** An element closed. */
  sluit(naam: string): void;
}

/** The one of `namen` that the XML from `van` to `tot` spells; undefined for none. */
function bekendeNaam(s: Scanner, namen: readonly string[], van: number, tot: number): string | undefined {
  for (const naam of namen) if (s.is(van, tot, naam)) return naam;
  return undefined;
}

/** Reads the XML from `van` to `tot` (the inside of `boom.wortel`) into `boom`; false: left to exceljs. */
function lees(s: Scanner, van: number, tot: number, boom: Boom): boolean {
  const xml = s.xml;
  const namen = [...boom.binnen.keys()];
  const open: string[] = [];
  let plek = boom.wortel;
  let i = van;
  while (i < tot) {
    const lt = xml.indexOf("<", i);
    const eind = lt < 0 || lt > tot ? tot : lt;
    if (eind > i) {
      const tekst = s.tekst(i, eind);
      if (tekst === undefined) return false;
      if (boom.tekstIn.has(plek)) boom.tekst(plek, tekst);
      else if (!ALLEEN_WIT.test(tekst)) return false;
    }
    if (eind === tot) break;
    if (xml.charCodeAt(lt + 1) === 0x2f) {
      const naamTot = s.naamTot(lt + 2);
      const gt = s.naWit(naamTot);
      const ouder = open.pop();
      if (xml.charCodeAt(gt) !== 0x3e || ouder === undefined || !s.is(lt + 2, naamTot, plek)) return false;
      boom.sluit(plek);
      plek = ouder;
      i = gt + 1;
      continue;
    }
    const naamTot = s.naamTot(lt + 1);
    const naam = bekendeNaam(s, namen, lt + 1, naamTot);
    const na = naam !== undefined && boom.binnen.get(naam) === plek ? s.attributen(naamTot) : 0;
    if (na === 0 || naam === undefined) return false;
    boom.open(naam);
    if (na < 0) boom.sluit(naam);
    else {
      open.push(plek);
      plek = naam;
    }
    i = Math.abs(na);
  }
  return open.length === 0;
}

/** What a sheet's `sheetData` holds: each element as exceljs's row and cell parsers know it, in what it stands. */
const RIJEN_BINNEN: ReadonlyMap<string, string> = new Map([
  ["row", "sheetData"],
  ["c", "row"],
  ["f", "c"],
  ["v", "c"],
  ["is", "c"],
  ["t", "is"],
]);
const CEL_TEKST: ReadonlySet<string> = new Set(["f", "v", "t"]);

/** The rows from `van` to `tot` (the inside of `sheetData`); undefined: left to exceljs. */
function leesRijen(s: Scanner, van: number, tot: number): RijModel[] | undefined {
  const rijen: RijModel[] = [];
  let rij: RijModel | undefined;
  let cel: CelModel = { address: undefined };
  let t: string | undefined;
  const boom: Boom = {
    wortel: "sheetData",
    binnen: RIJEN_BINNEN,
    tekstIn: CEL_TEKST,
    open(naam) {
      if (naam === "row") rij = nieuweRij(s);
      else if (naam === "c") {
        cel = { address: s.attribuut("r") };
        t = s.attribuut("t");
        const stijl = s.attribuut("s");
        if (stijl) cel.styleId = parseInt(stijl, 10);
      } else if (naam === "f")
        [cel.si, cel.shareType, cel.ref] = [s.attribuut("si"), s.attribuut("t"), s.attribuut("ref")];
    },
    tekst(plek, tekst) {
      if (plek === "f") cel.formula = cel.formula ? cel.formula + tekst : tekst;
      else cel.value = cel.value ? (cel.value as string) + tekst : tekst;
    },
    sluit(naam) {
      if (naam === "row" && rij) rijen.push(rij);
      else if (naam === "c" && rij) {
        sluitCel(cel, t);
        rij.cells.push(cel);
      }
    },
  };
  return lees(s, van, tot, boom) ? rijen : undefined;
}

/** Whether `xml` has what could hide a tag this reader looks for: a comment, CDATA, a processing instruction. */
function verborgen(xml: string): boolean {
  return xml.includes("<!") || xml.indexOf("<?", 2) >= 0;
}

/** Whether the XML from `van` to `tot` has a character or sequence saxes reads otherwise (see the module comment). */
function buitenGewoon(xml: string, van: number, tot: number): boolean {
  const binnen = xml.slice(van, tot);
  return TEKEN_BUITEN.test(binnen) || binnen.includes("\r") || binnen.includes("]]>");
}

/**
 * A worksheet's XML with an empty `sheetData`, and its rows as exceljs's parser builds them; undefined where this
 * reader leaves the sheet to exceljs (see the module comment).
 */
export function bladZonderRijen(xml: string): { zonder: string; rijen: unknown[] } | undefined {
  const begin = xml.indexOf("<sheetData>");
  const slot = xml.indexOf("</sheetData>");
  if (begin < 0 || slot < begin || verborgen(xml) || xml.indexOf("<sheetData", begin + 1) >= 0)
    return undefined;
  const van = begin + "<sheetData>".length;
  if (buitenGewoon(xml, van, slot)) return undefined;
  const rijen = leesRijen(new Scanner(xml), van, slot);
  if (!rijen) return undefined;
  return { zonder: `${xml.slice(0, begin)}<sheetData/>${xml.slice(slot + "</sheetData>".length)}`, rijen };
}

/** What the shared strings hold: each string an `si` with one `t`. */
const TEKSTEN_BINNEN: ReadonlyMap<string, string> = new Map([
  ["si", "sst"],
  ["t", "si"],
]);
const SI_TEKST: ReadonlySet<string> = new Set(["t"]);

/** What may stand before the root: a byte order mark, an XML declaration as saxes reads it, white space. */
const PROLOOG =
  /^\uFEFF?(?:<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(?:"1\.0"|'1\.0')(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(?:"[A-Za-z][\w.-]*"|'[A-Za-z][\w.-]*'))?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>)?[ \t\n]*$/;

/** exceljs's `TextXform` makes `_xHHHH_` (an escape of Excel's) the character. */
const EXCEL_ESCAPE = /_x([0-9A-F]{4})_/g;

/**
 * The shared strings as exceljs's `SharedStringsXform` reads them (its model: the strings in order, and how many);
 * undefined where this reader leaves the part to exceljs (see the module comment).
 */
export function gedeeldeTekstenModel(xml: string): { values: string[]; count: number } | undefined {
  const s = new Scanner(xml);
  const begin = xml.indexOf("<sst");
  const open = begin < 0 ? 0 : s.attributen(s.naamTot(begin + 1));
  const slot = xml.lastIndexOf("</sst>");
  if (begin < 0 || open <= 0 || slot < open || verborgen(xml) || buitenGewoon(xml, open, slot))
    return undefined;
  const [voor, na] = [xml.slice(0, begin), xml.slice(slot + "</sst>".length)];
  if (!s.is(begin + 1, s.naamTot(begin + 1), "sst") || !PROLOOG.test(voor) || !ALLEEN_WIT.test(na))
    return undefined;
  const values: string[] = [];
  let stukken: string[] | undefined;
  let enkel = true;
  const boom: Boom = {
    wortel: "sst",
    binnen: TEKSTEN_BINNEN,
    tekstIn: SI_TEKST,
    open(naam) {
      // A second t in one si: left to exceljs (it keeps the last).
      if (naam === "t") [enkel, stukken] = [enkel && stukken === undefined, []];
      else stukken = undefined;
    },
    tekst(_plek, tekst) {
      stukken?.push(tekst);
    },
    sluit(naam) {
      if (naam === "si" && stukken)
        values.push(
          stukken.join("").replace(EXCEL_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        );
      // An si without a t: left to exceljs.
      else if (naam === "si") enkel = false;
    },
  };
  return lees(s, open, slot, boom) && enkel ? { values, count: values.length } : undefined;
}
