/**
 * A refill that keeps every part of the file Opgave does not own byte for byte: Opgave's sheets, freshly written
 * by exceljs into `nieuw`, are grafted into the ORIGINAL package. Browser-safe: no Node APIs, zip via ./zip.
 *
 * Why: exceljs loads a whole workbook into its model and writes all of it again, and drops or rewrites what it
 * does not model (external links, x14 validations, connections, customXml, custom document properties, pivot
 * tables, the user's charts, …). Only Opgave's sheets need rewriting; everything else can stay as it was.
 *
 * What the graft does, per sheet of the plan (`eigenBladen`):
 * - the sheet part takes the place of the original sheet of that name (same part name), or is appended (new
 *   `<sheet>` in workbook.xml, relationship, content type) when the original has no such sheet;
 * - strings: the sheet refers to the shared strings of `nieuw`; its `t="s"` cells refer to the same text in the
 *   original's shared strings where it has it (the same `<si>` content), else become inline strings (the
 *   `<si>` content verbatim), so the original sharedStrings.xml (used by the user's sheets) stays as it is;
 * - styles: every style index (`s` on cells and rows, `style` on columns, `dxfId` of conditional formats and
 *   tables) is mapped into the original styles.xml, appending what it lacks (fonts, fills, borders, custom number
 *   formats, cellXfs, dxfs) and reusing an entry with the same XML text, so repeated refills do not grow it; a
 *   cell based on a named style whose look Opgave left as it was gets its old format back (./xlsxCelstijlen);
 * - the parts hanging off the sheet (tables, drawing with charts and images, comments with their VML) are copied
 *   under free part names; table ids are renumbered to ids the workbook does not use, and a table gets back the
 *   filter conditions and style its old part had (./xlsxOnderdelen `metFilters`, `metStijl`: exceljs keeps no
 *   condition, and Opgave's writer sets its own style); the parts that hung off
 *   the old sheet and nothing else (its tables, drawing, comments, …) are removed — but a drawing with the user's
 *   objects on it stays as it was (`bewaardeTekeningen`), in place of exceljs's copy, with only Opgave's own charts
 *   on it swapped (./xlsxTekening); the old sheet's column breaks go into the new one (exceljs writes none);
 * - workbook.xml: Opgave's defined names come from `nieuw`, every other name stays verbatim; the workbook is
 *   marked for a full recalculation and calcChain.xml goes (the formulas of Opgave's sheets changed).
 * Every other part of the original (other sheets and their parts, external links, connections, customXml,
 * docProps, pivot caches, printer settings, …) is written back unchanged.
 *
 * `entInOrigineel` returns undefined for a package it does not handle (no xl/workbook.xml, strict OOXML, a
 * prefixed main namespace, an Opgave sheet that is not a worksheet); the writer then keeps the full exceljs
 * rewrite with its list of losses.
 */
import Zip, { type ZipDeel } from "./zip";
import {
  attribuut,
  bereikbaar,
  wortel,
  bladPaden,
  LEGE_RELS,
  metFilters,
  metStijl,
  NA_DRAWING,
  NA_KOLOMEINDEN,
  pad,
  voegInVoor,
  paginaEinden,
  relatieGraaf,
  relaties,
  relsPad,
  kolomFormules,
  metKolomFormules,
  tabelFilters,
  tabelNaam,
  tabelStijl,
  tekeningVan,
  tekeningVanGebruiker,
  type Anker,
  voegOverrideToe,
  voegRelToe,
  werkboekDeel,
  vrijeRid,
  xmlTekst,
} from "./xlsxOnderdelen";
import { metGrafiekAnker, metGrafiekDoel, zonderAnkers, type TekeningDeel } from "./xlsxTekening";
import { Celstijlen, metCelstijlen, stijlLijst, type StijlLijst } from "./xlsxCelstijlen";

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_WORKSHEET = `${NS_REL}/worksheet`;
const REL_TEKENING = `${NS_REL}/drawing`;
const CT_TABEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

async function tekst(zip: Zip, naam: string): Promise<string | undefined> {
  return zip.file(naam)?.async("string");
}

/** Sets (or adds) an attribute on a start tag. */
function zetAttribuut(tag: string, naam: string, waarde: string): string {
  // As replacing /(\s<naam>=")[^"]*"/, without building a regular expression per call (one per format and sheet).
  const zoek = `${naam}="`;
  for (let i = tag.indexOf(zoek, 1); i >= 0; i = tag.indexOf(zoek, i + 1)) {
    if (!/\s/.test(tag.charAt(i - 1))) continue;
    const begin = i + zoek.length;
    const einde = tag.indexOf('"', begin);
    if (einde < 0) break;
    return `${tag.slice(0, begin)}${xmlTekst(waarde)}${tag.slice(einde)}`;
  }
  return tag.replace(/\s*(\/?>)$/, (_, einde: string) => ` ${naam}="${xmlTekst(waarde)}"${einde}`);
}

/** `tag` with its numeric attribute `naam` mapped through `map` (unchanged when it has none). */
function hernummerTag(tag: string, naam: string, map: (n: number) => number): string {
  const oud = attribuut(tag, naam);
  return oud === undefined || !/^\d+$/.test(oud) ? tag : zetAttribuut(tag, naam, String(map(Number(oud))));
}

/** A root element `naam` in the transitional main namespace as default namespace (not `<x:worksheet>`). */
function gewoneWortel(xml: string | undefined, naam: string): boolean {
  const w = wortel(xml ?? "");
  return w.startsWith(`<${naam} `) && attribuut(w, "xmlns") === NS_MAIN;
}

/**
 * Whether workbook.xml binds the prefix r to the relationships namespace wherever it declares it, on the root or,
 * without one there, on the elements that use it (openpyxl declares it on each `<sheet>`).
 */
function relatiesAlsR(wb: string): boolean {
  const opWortel = attribuut(wortel(wb), "xmlns:r");
  if (opWortel !== undefined) return opWortel === NS_REL;
  // Declared nowhere (the relationships bound to another prefix): bladPaden would find no sheet.
  const verklaard = [...wb.matchAll(/\sxmlns:r="([^"]*)"/g)].map((m) => m[1]);
  return verklaard.length > 0 && verklaard.every((ns) => ns === NS_REL);
}

/** Why the graft cannot handle this package; undefined when it can. */
async function structuurFout(zip: Zip, eigenBladen: readonly string[]): Promise<string | undefined> {
  const pakket = relaties((await tekst(zip, "_rels/.rels")) ?? "").find((r) =>
    r.type.endsWith("/officeDocument"),
  );
  if (!pakket || pad("", pakket.target) !== "xl/workbook.xml") return "geen xl/workbook.xml";
  const wb = await tekst(zip, "xl/workbook.xml");
  if (!gewoneWortel(wb, "workbook")) return "werkboek niet in de gewone naamruimte";
  // bladPaden and the new <sheet> elements use the prefix r for relationships: declared on the root, or (as openpyxl
  // writes it) on each element that uses it; never for another namespace.
  if (!relatiesAlsR(wb ?? "")) return "relaties niet als r: gedeclareerd";
  const stijlen = await werkboekDeel(zip, "styles");
  const stijlXml = stijlen ? await tekst(zip, stijlen) : undefined;
  if (!gewoneWortel(stijlXml, "styleSheet")) return "geen bruikbare styles.xml";
  for (const lijst of ["fonts", "fills", "borders", "cellXfs"]) {
    if (!new RegExp(`<${lijst}\\b`).test(stijlXml ?? "")) return `styles.xml zonder ${lijst}`;
  }
  const paden = await bladPaden(zip);
  for (const naam of eigenBladen) {
    const p = paden.get(naam);
    if (p !== undefined && !gewoneWortel(await tekst(zip, p), "worksheet")) return `${naam} is geen werkblad`;
  }
  return undefined;
}

/**
 * `structuurFout` per original (by the very bytes) and Opgave's sheets: a refill asks before its work
 * (`kanEnten`) and the graft again.
 */
const structuurFouten = new WeakMap<Uint8Array | ArrayBuffer, Map<string, string | undefined>>();

async function structuurFoutVan(
  origineel: Uint8Array | ArrayBuffer,
  zip: Zip,
  eigenBladen: readonly string[],
): Promise<string | undefined> {
  const sleutel = eigenBladen.join("\n");
  let perBladen = structuurFouten.get(origineel);
  if (perBladen?.has(sleutel)) return perBladen.get(sleutel);
  const fout = await structuurFout(zip, eigenBladen);
  if (!perBladen) structuurFouten.set(origineel, (perBladen = new Map()));
  perBladen.set(sleutel, fout);
  return fout;
}

/** Whether `entInOrigineel` can graft Opgave's sheets into this file. */
export async function kanEnten(
  origineel: Uint8Array | ArrayBuffer,
  eigenBladen: readonly string[],
): Promise<boolean> {
  return (await structuurFoutVan(origineel, await Zip.loadAsync(origineel), eigenBladen)) === undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Strings

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * XML as exceljs writes it (no CDATA) with every character beyond Latin-1 as a character reference — the same
 * XML — in a string of one byte per character. V8 stores a string with one such character ("—", "€") at two
 * bytes per character, and so every string built from it: with the shared strings put inline, the pass over a
 * sheet's cells and every later one took up to five times as long.
 */
function eenBytePerTeken(xml: string): string {
  if (!/[\u0100-\uFFFF]/.test(xml)) return xml;
  const verwezen = xml.replace(/[\u{100}-\u{10FFFF}]/gu, (c) => `&#${c.codePointAt(0) ?? 0xfffd};`);
  // Decoding builds a one-byte string where every character fits; a replace keeps its subject's two bytes.
  return decoder.decode(encoder.encode(verwezen));
}

/** The content of each `<si>` of a shared strings part (exceljs's; also ./xlsxFormules). */
export function gedeeldeTeksten(xml: string): string[] {
  const uit: string[] = [];
  const si = /<si\b[^<>]*?(?:\/>|>([\s\S]*?)<\/si>)/g;
  for (let m = si.exec(xml); m !== null; m = si.exec(xml)) uit.push(m[1] ?? "");
  return uit;
}

const CEL_T = /(\st=")([^"]*)"/;
const CEL_S = /(\ss=")([^"]*)"/;

/** `tekst` with the attribute value matched by `m` (`(\sname=")(value)"`) replaced by `waarde`. */
function vervangWaarde(tekst: string, m: RegExpExecArray, waarde: string): string {
  const begin = m.index + (m[1] ?? "").length;
  return `${tekst.slice(0, begin)}${waarde}${tekst.slice(begin + (m[2] ?? "").length)}`;
}

/**
 * The shared strings of `nieuw` as the grafted sheets refer to them: each by its index in the original's shared
 * strings when the original has the same `<si>` content (`tekstSleutel`; that part stays as it is, and a refill's
 * sheets mostly hold the texts they held before), else inline (`<is>` takes the same content as `<si>`).
 */
class Teksten {
  /** For each text of `nieuw`, its index in the original's shared strings, as text; undefined: not there. */
  readonly oud: readonly (string | undefined)[];
  /** Whether some text of `nieuw` has another index in the original or is not there (a cell must change). */
  readonly verschoven: boolean;
  /** The content of each `<si>` of `nieuw` (`gedeeldeTeksten`). */
  private readonly inhoud: readonly string[];
  private readonly eenByte: (string | undefined)[] = [];

  constructor(nieuwXml: string, oudXml: string | undefined) {
    this.inhoud = gedeeldeTeksten(nieuwXml);
    const oudeIndex = new Map<string, number>();
    // Counted by `<si>` in the text: not where a comment or CDATA section could hold one (all inline then).
    const telbaar = oudXml !== undefined && !/<!--|<!\[CDATA\[/.test(oudXml);
    for (const [i, si] of (telbaar ? gedeeldeTeksten(oudXml) : []).entries()) {
      const sleutel = tekstSleutel(si);
      if (!oudeIndex.has(sleutel)) oudeIndex.set(sleutel, i);
    }
    this.oud = this.inhoud.map((si) => oudeIndex.get(tekstSleutel(si))?.toString());
    this.verschoven = this.oud.some((o, i) => o !== String(i));
  }

  /** The content of text `i` of `nieuw` to put inline (`eenBytePerTeken`); undefined: no such text. */
  inline(i: number): string | undefined {
    const si = this.inhoud[i];
    if (si === undefined) return undefined;
    return (this.eenByte[i] ??= eenBytePerTeken(si));
  }
}

/** Whitespace `xml:space="preserve"` could keep: at either end, a tab or line break, two in a row, or as a reference. */
const BEWAARBARE_WITRUIMTE = /^\s|\s$|\s\s|[\t\n\r]|&#(?:x0*(?:9|a|d|20)|0*(?:9|10|13|32));/i;

/**
 * An `<si>` content as compared between the two files: `xml:space="preserve"` dropped from a `<t>` whose text has
 * no whitespace it could keep. LibreOffice writes it on every text, exceljs and Excel only where it matters: the
 * same text either way.
 */
export function tekstSleutel(si: string): string {
  if (!si.includes("xml:space")) return si;
  return si.replace(/<t xml:space="preserve">([^<]*)<\/t>/g, (heel, tekst: string) =>
    BEWAARBARE_WITRUIMTE.test(tekst) ? heel : `<t>${tekst}</t>`,
  );
}

/**
 * One cell (`heel`; `kop` its attributes, `inhoud` its content): the style index `s` mapped through `stijl`, and
 * a shared string referring to the original's shared strings or made inline (`Teksten`).
 */
function celVoorOrigineel(
  heel: string,
  kop: string,
  inhoud: string | undefined,
  teksten: Teksten,
  stijl: (k: number) => number,
): string {
  const s = CEL_S.exec(kop);
  const attributen = s && /^\d+$/.test(s[2] ?? "") ? vervangWaarde(kop, s, String(stijl(Number(s[2])))) : kop;
  const t = inhoud === undefined ? null : CEL_T.exec(attributen);
  const v = t?.[2] === "s" ? /<v>\s*(\d+)\s*<\/v>/.exec(inhoud ?? "") : null;
  const i = Number(v?.[1]);
  const si = teksten.inline(i);
  if (t && v && si !== undefined) {
    const oud = teksten.oud[i];
    if (oud === undefined) return `<c${vervangWaarde(attributen, t, "inlineStr")}><is>${si}</is></c>`;
    const rest = inhoud ?? "";
    return `<c${attributen}>${rest.slice(0, v.index)}<v>${oud}</v>${rest.slice(v.index + v[0].length)}</c>`;
  }
  return attributen === kop ? heel : `<c${attributen}${heel.slice(2 + kop.length)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Styles

/** The lists of styles.xml the graft maps into, with their item element. */
const STIJL_LIJSTEN = {
  numFmts: "numFmt",
  fonts: "font",
  fills: "fill",
  borders: "border",
  cellXfs: "xf",
  dxfs: "dxf",
} as const;
type LijstNaam = keyof typeof STIJL_LIJSTEN;
/** CT_Stylesheet's order: where a missing list (numFmts, dxfs) goes. */
const STIJL_VOLGORDE = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];
/** The first custom number format id (lower ids are built in). */
const EERSTE_EIGEN_NOTATIE = 164;

/** Maps the style indexes of `nieuw`'s styles.xml into the original's, appending what the original lacks. */
class Stijlen {
  private readonly oud: Record<LijstNaam, StijlLijst>;
  private readonly nieuw: Record<LijstNaam, StijlLijst>;
  private readonly gewijzigd = new Set<LijstNaam>();
  private readonly xfs = new Map<number, number>();
  private readonly dxfs = new Map<number, number>();
  /** While set, a lookup appends nothing: what the original lacks is -1 (`zelfdeXf`). */
  private alleenZoeken = false;

  constructor(
    private readonly oudXml: string,
    nieuwXml: string,
  ) {
    const lees = (xml: string) =>
      Object.fromEntries(
        (Object.keys(STIJL_LIJSTEN) as LijstNaam[]).map((l) => [l, stijlLijst(xml, l, STIJL_LIJSTEN[l])]),
      ) as Record<LijstNaam, StijlLijst>;
    this.oud = lees(oudXml);
    this.nieuw = lees(nieuwXml);
  }

  /** Index of a cell format (`s="k"`) of `nieuw` in the original. */
  xf(k: number): number {
    const bekend = this.xfs.get(k);
    if (bekend !== undefined) return bekend;
    const uit = this.zoekXf(k);
    this.xfs.set(k, uit);
    return uit;
  }

  /** Whether cell format k of `nieuw` is format k of the original, as it is: `xf(k)` would change nothing. */
  zelfdeXf(k: number): boolean {
    const bekend = this.xfs.get(k);
    if (bekend !== undefined) return bekend === k;
    this.alleenZoeken = true;
    try {
      return this.zoekXf(k) === k;
    } finally {
      this.alleenZoeken = false;
    }
  }

  /** Whether differential format k of `nieuw` is format k of the original: `dxf(k)` would change nothing. */
  zelfdeDxf(k: number): boolean {
    const item = this.nieuw.dxfs.items[k];
    return item === undefined || this.oud.dxfs.items.indexOf(item) === k;
  }

  private zoekXf(k: number): number {
    // Format 0 is the workbook's default in both files: the default of the original stays the default.
    if (k === 0) return 0;
    const item = this.nieuw.cellXfs.items[k];
    let uit = 0;
    if (item !== undefined) {
      const open = /^<xf\b[^<>]*>/.exec(item)?.[0] ?? "<xf>";
      let tag = open;
      const id = (naam: string, map: (n: number) => number) => {
        const w = attribuut(tag, naam);
        if (w !== undefined) tag = zetAttribuut(tag, naam, String(map(Number(w))));
      };
      id("numFmtId", (n) => this.notatie(n));
      // Font 0, fills 0 and 1 (none, gray125) and border 0 are the defaults every styles.xml starts with.
      id("fontId", (n) => this.onderdeel("fonts", n, 1));
      id("fillId", (n) => this.onderdeel("fills", n, 2));
      id("borderId", (n) => this.onderdeel("borders", n, 1));
      // The named cell style (cellStyleXfs) is not carried over: every grafted format is based on "Normal".
      id("xfId", () => 0);
      uit = this.zoekOfVoegToe("cellXfs", tag + item.slice(open.length));
    }
    return uit;
  }

  /** Index of a differential format (`dxfId="k"`: conditional formats, tables) of `nieuw` in the original. */
  dxf(k: number): number {
    const bekend = this.dxfs.get(k);
    if (bekend !== undefined) return bekend;
    const item = this.nieuw.dxfs.items[k];
    const uit = item === undefined ? k : this.zoekOfVoegToe("dxfs", item);
    this.dxfs.set(k, uit);
    return uit;
  }

  /** The original styles.xml with what was appended; undefined when nothing was. */
  xml(): string | undefined {
    if (this.gewijzigd.size === 0) return undefined;
    let xml = this.oudXml;
    for (const lijst of this.gewijzigd) {
      const { heel, open, items } = this.oud[lijst];
      const nieuw = `${zetAttribuut(open, "count", String(items.length))}${items.join("")}</${lijst}>`;
      if (heel !== undefined) {
        xml = xml.replace(heel, () => nieuw);
        continue;
      }
      // A list the original lacks goes before the first list that follows it in the schema's order.
      const na = STIJL_VOLGORDE.slice(STIJL_VOLGORDE.indexOf(lijst) + 1)
        .map((n) => xml.search(new RegExp(`<${n}\\b`)))
        .filter((i) => i >= 0);
      const plek = na.length > 0 ? Math.min(...na) : xml.lastIndexOf("</styleSheet>");
      xml = `${xml.slice(0, plek)}${nieuw}${xml.slice(plek)}`;
    }
    return xml;
  }

  private zoekOfVoegToe(lijst: LijstNaam, item: string): number {
    const items = this.oud[lijst].items;
    const i = items.indexOf(item);
    if (i >= 0 || this.alleenZoeken) return i;
    items.push(item);
    this.gewijzigd.add(lijst);
    return items.length - 1;
  }

  private onderdeel(lijst: "fonts" | "fills" | "borders", k: number, vast: number): number {
    if (k < vast) return k;
    const item = this.nieuw[lijst].items[k];
    return item === undefined ? 0 : this.zoekOfVoegToe(lijst, item);
  }

  /** A custom number format by its format code: the original's id for that code, else appended with a free id. */
  private notatie(k: number): number {
    if (k < EERSTE_EIGEN_NOTATIE) return k;
    const item = this.nieuw.numFmts.items.find((n) => attribuut(n, "numFmtId") === String(k));
    if (item === undefined) return 0;
    const code = attribuut(item, "formatCode");
    const oud = this.oud.numFmts.items;
    const gelijk = oud.find((n) => attribuut(n, "formatCode") === code);
    if (gelijk !== undefined) return Number(attribuut(gelijk, "numFmtId"));
    if (this.alleenZoeken) return -1;
    const vrij =
      Math.max(EERSTE_EIGEN_NOTATIE - 1, ...oud.map((n) => Number(attribuut(n, "numFmtId") ?? 0))) + 1;
    this.zoekOfVoegToe("numFmts", zetAttribuut(item, "numFmtId", String(vrij)));
    return vrij;
  }
}

/**
 * The start tags whose style index the graft maps (a row's `s`, a column's `style`, a conditional format's
 * `dxfId`) and every cell with its content. A name ends at a space, "/" or ">": `<c` matches neither `<cols>`
 * nor a prefixed `<c:…>`.
 */
const STIJL_OF_CEL = /<(row|col|cfRule)(?=[\s/>])[^<>]*>|<c(?=[\s/>])([^<>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

/**
 * Opgave's sheet XML of `nieuw`, made to fit the original: its strings, the original's style indexes. One pass
 * over the sheet (most of the graft's text); none when every style index stays and no text moved (a refill of a
 * file Opgave wrote: `alleenVerschovenTeksten`).
 */
function bladVoorOrigineel(
  xml: string,
  teksten: Teksten,
  stijlen: Stijlen,
  nieuwBlad: boolean,
  elkeCel: boolean,
): string {
  const blad = eenBytePerTeken(xml);
  const uit =
    !elkeCel && zelfdeStijlen(blad, stijlen)
      ? alleenVerschovenTeksten(blad, teksten, stijlen)
      : elkeCelVoorOrigineel(blad, teksten, stijlen);
  // A sheet the original did not have must not be selected too: two selected tabs group the sheets in Excel.
  return nieuwBlad ? uit.replace(/\stabSelected="(1|true)"/g, "") : uit;
}

function elkeCelVoorOrigineel(xml: string, teksten: Teksten, stijlen: Stijlen): string {
  const xf = (k: number) => stijlen.xf(k);
  return xml.replace(
    STIJL_OF_CEL,
    (heel: string, element: string | undefined, kop: string | undefined, inhoud: string | undefined) => {
      if (element === "row") return hernummerTag(heel, "s", xf);
      if (element === "col") return hernummerTag(heel, "style", xf);
      if (element === "cfRule") return hernummerTag(heel, "dxfId", (k) => stijlen.dxf(k));
      return celVoorOrigineel(heel, kop ?? "", inhoud, teksten, xf);
    },
  );
}

/**
 * Every value of the attribute that `zoek` (global, ending at the opening quote) finds, as a number; NaN for one
 * that is not digits. Found with `test` (no match objects: a sheet has thousands).
 */
function* getallenNa(xml: string, zoek: RegExp): Generator<number> {
  zoek.lastIndex = 0;
  while (zoek.test(xml)) {
    const begin = zoek.lastIndex;
    let n = 0;
    let i = begin;
    for (let c = xml.charCodeAt(i); c >= 48 && c <= 57; c = xml.charCodeAt(++i)) n = n * 10 + c - 48;
    yield i > begin && xml.charCodeAt(i) === 34 ? n : NaN;
  }
}

/**
 * Whether every style index in the sheet (a cell's or row's `s`, a column's `style`, a conditional format's
 * `dxfId`, wherever such an attribute stands) is the same format in the original: `elkeCelVoorOrigineel` would
 * map none. Appends nothing to the original's styles.
 */
function zelfdeStijlen(xml: string, stijlen: Stijlen): boolean {
  const gezien = new Set<number>();
  const zelfde = (zoek: RegExp, zelfdeIndex: (k: number) => boolean) => {
    gezien.clear();
    for (const k of getallenNa(xml, zoek)) {
      if (gezien.has(k)) continue;
      if (Number.isNaN(k) || !zelfdeIndex(k)) return false;
      gezien.add(k);
    }
    return true;
  };
  return (
    zelfde(/\ss="/g, (k) => stijlen.zelfdeXf(k)) &&
    zelfde(/\sstyle="/g, (k) => stijlen.zelfdeXf(k)) &&
    zelfde(/\sdxfId="/g, (k) => stijlen.zelfdeDxf(k))
  );
}

/** One cell from its start: attributes, content (undefined: an empty element). */
const CEL_HIER = /<c(?=[\s/>])([^<>]*?)(?:\/>|>([\s\S]*?)<\/c>)/y;

/**
 * The sheet as `elkeCelVoorOrigineel` makes it when every style index stays (`zelfdeStijlen`): only a cell holding
 * a shared string that has another index in the original, or none there, changes. Those cells are found from their
 * `t="s"`; the sheet is returned as it is when no text moved.
 */
function alleenVerschovenTeksten(xml: string, teksten: Teksten, stijlen: Stijlen): string {
  if (!teksten.verschoven) return xml;
  const xf = (k: number) => stijlen.xf(k);
  const stukken: string[] = [];
  let klaar = 0;
  const zoek = /\st="s"/g;
  while (zoek.test(xml)) {
    const begin = xml.lastIndexOf("<", zoek.lastIndex);
    CEL_HIER.lastIndex = begin;
    const m = CEL_HIER.exec(xml);
    // Only a cell's own attribute (not one in a later element the lazy match could reach).
    if (!m || begin + 2 + (m[1] ?? "").length < zoek.lastIndex) continue;
    const cel = celVoorOrigineel(m[0], m[1] ?? "", m[2], teksten, xf);
    if (cel === m[0]) continue;
    stukken.push(xml.slice(klaar, begin), cel);
    klaar = begin + m[0].length;
    zoek.lastIndex = klaar;
  }
  if (stukken.length === 0) return xml;
  stukken.push(xml.slice(klaar));
  return stukken.join("");
}

// ---------------------------------------------------------------------------------------------------------
// workbook.xml

/** Elements of CT_Workbook that follow definedNames and calcPr (where a missing one goes). */
const NA_NAMEN = [
  "<calcPr",
  "<oleSize",
  "<customWorkbookViews",
  "<pivotCaches",
  "<smartTagPr",
  "<smartTagTypes",
  "<webPublishing",
  "<fileRecoveryPr",
  "<webPublishObjects",
  "<extLst",
  "</workbook>",
];

/** A worksheet's XML and relationships without its drawing (exceljs's, of the pictures it kept). */
function zonderTekening(xml: string, rels: string | undefined): { xml: string; rels: string | undefined } {
  const element = /<drawing\b[^<>]*\/>/.exec(xml)?.[0];
  if (element === undefined || rels === undefined) return { xml, rels };
  const rid = attribuut(element, "r:id");
  return {
    xml: xml.replace(element, ""),
    rels: rels.replace(/<Relationship\b[^<>]*>/g, (r) => (attribuut(r, "Id") === rid ? "" : r)),
  };
}

/** A drawing of the user's on an Opgave sheet that the graft keeps (`bewaardeTekeningen`). */
interface BewaardeTekening {
  /** Its part in the original. */
  readonly deel: string;
  /** Opgave's charts on it: they go. */
  readonly weg: readonly Anker[];
  /** Opgave's charts on the sheet as `nieuw` has it (each with its chart part there): they come in. */
  readonly erbij: readonly Anker[];
  /**
   * Opgave's charts the user grouped with objects of their own: the group stays, its chart's relationship (`rid`)
   * points at the chart of that name in `nieuw` (`anker`, not in `erbij`).
   */
  readonly herwezen: readonly { readonly rid: string; readonly anker: Anker }[];
}

/**
 * The drawings of the user's on Opgave's sheets that the graft keeps (by the old sheet's part): every drawing with
 * an object of the user's on it (a chart, picture, shape, text box). exceljs keeps only the pictures, and makes them
 * anew; the original's drawing replaces that, with Opgave's charts swapped for the ones drawn now (./xlsxTekening).
 * A drawing with Opgave's charts only is `nieuw`'s.
 */
async function bewaardeTekeningen(
  oud: Zip,
  nieuw: Zip,
  paden: ReadonlyMap<string, { oud?: string; nieuw?: string }>,
): Promise<Map<string, BewaardeTekening>> {
  const uit = new Map<string, BewaardeTekening>();
  if (!Object.keys(oud.files).some((n) => n.startsWith("xl/drawings/"))) return uit;
  for (const p of paden.values()) {
    const deel = p.oud ? await tekeningVan(oud, p.oud) : undefined;
    if (!p.oud || !p.nieuw || deel === undefined) continue;
    const { eigen, opgave, gegroepeerd } = await tekeningVanGebruiker(oud, deel);
    if (eigen.length === 0) continue;
    const nieuwe = await tekeningVan(nieuw, p.nieuw);
    const getekend = nieuwe ? (await tekeningVanGebruiker(nieuw, nieuwe)).opgave : [];
    const herwezen = gegroepeerd.flatMap((g) => {
      const anker = getekend.find((a) => a.naam === g.naam);
      return anker ? [{ rid: g.rid, anker }] : [];
    });
    const erbij = getekend.filter((a) => !herwezen.some((h) => h.anker === a));
    uit.set(p.oud, { deel, weg: opgave, erbij, herwezen });
  }
  return uit;
}

/**
 * A sheet as exceljs wrote it with the column breaks of the sheet it replaces (`einden`: its `<colBreaks>` element,
 * ./xlsxOnderdelen `paginaEinden`): exceljs writes none. Row breaks it writes itself (./xlsxWriter gives them back).
 */
function metKolomEinden(xml: string, einden: string): string {
  return einden === "" || xml.includes("<colBreaks") ? xml : voegInVoor(xml, NA_KOLOMEINDEN, einden);
}

/** Elements of CT_Worksheet that follow `<ignoredErrors>`. */
const NA_NEGEERFOUTEN = NA_KOLOMEINDEN.slice(NA_KOLOMEINDEN.indexOf("<ignoredErrors") + 1);

/** Attributes of `<sheetView>` exceljs does not write (the zoom of the page layout view). */
const WEERGAVE_ATTRIBUTEN = ["zoomScalePageLayoutView", "zoomScaleSheetLayoutView"] as const;

/**
 * A sheet as exceljs wrote it with what it does not write of the sheet it replaces: the error checks the user told
 * Excel to ignore (`<ignoredErrors>`, "getal opgeslagen als tekst") and the zoom of the page layout view.
 */
function metOudeBladInstellingen(xml: string, oud: string): string {
  let uit = xml;
  const negeren = /<ignoredErrors\b[^<>]*?(?:\/>|>[\s\S]*?<\/ignoredErrors>)/.exec(oud)?.[0];
  if (negeren !== undefined && !uit.includes("<ignoredErrors"))
    uit = voegInVoor(uit, NA_NEGEERFOUTEN, negeren);
  const [oudeWeergave, weergave] = [
    /<sheetView\b[^<>]*>/.exec(oud)?.[0],
    /<sheetView\b[^<>]*>/.exec(uit)?.[0],
  ];
  if (oudeWeergave === undefined || weergave === undefined) return uit;
  let nieuw = weergave;
  for (const naam of WEERGAVE_ATTRIBUTEN) {
    const waarde = attribuut(oudeWeergave, naam);
    if (waarde !== undefined && attribuut(nieuw, naam) === undefined)
      nieuw = zetAttribuut(nieuw, naam, waarde);
  }
  return nieuw === weergave ? uit : uit.replace(weergave, () => nieuw);
}

/** The x14 rules (`<x14:cfRule>`: a data bar, an icon set) of a sheet's extLst, by range, in order. */
function x14Regels(xml: string): Map<string, { kop: string; inhoud: string }[]> {
  const uit = new Map<string, { kop: string; inhoud: string }[]>();
  for (const m of xml.matchAll(/<x14:conditionalFormatting\b[\s\S]*?<\/x14:conditionalFormatting>/g)) {
    const sqref = /<xm:sqref>([^<]*)<\/xm:sqref>/.exec(m[0])?.[1] ?? "";
    const regels = [...m[0].matchAll(/<x14:cfRule\b([^<>]*)>([\s\S]*?)<\/x14:cfRule>/g)];
    uit.set(sqref, [
      ...(uit.get(sqref) ?? []),
      ...regels.map((r) => ({ kop: r[1] ?? "", inhoud: r[2] ?? "" })),
    ]);
  }
  return uit;
}

/**
 * A sheet as exceljs wrote it with the x14 conditional formats (data bars, icon sets) of the sheet it replaces,
 * where exceljs wrote its own reading of them on the same range: it models them in part (a data bar's "autoMin"
 * became "min"). Each rule keeps the id exceljs gave it (its rule in the sheet's own list refers to it); a range
 * whose rules differ in number or kind stays as exceljs wrote it (the check after writing names it).
 */
function metOudeX14Opmaak(xml: string, oud: string): string {
  if (!oud.includes("<x14:conditionalFormatting")) return xml;
  const oude = x14Regels(oud);
  return xml.replace(/<x14:conditionalFormatting\b[\s\S]*?<\/x14:conditionalFormatting>/g, (item) => {
    const sqref = /<xm:sqref>([^<]*)<\/xm:sqref>/.exec(item)?.[1] ?? "";
    const was = oude.get(sqref) ?? [];
    const nu = x14Regels(item).get(sqref) ?? [];
    const soort = (kop: string) => attribuut(`<r${kop}>`, "type");
    if (was.length !== nu.length || was.some((w, i) => soort(w.kop) !== soort(nu[i]?.kop ?? ""))) return item;
    let i = 0;
    return item.replace(
      /(<x14:cfRule\b[^<>]*>)[\s\S]*?(<\/x14:cfRule>)/g,
      (_, open: string, sluit: string) => `${open}${was[i++]?.inhoud ?? ""}${sluit}`,
    );
  });
}

/** A worksheet's XML showing the drawing of relationship `rid` (in its place in CT_Worksheet's order). */
function metTekening(xml: string, rid: string): string {
  const r = attribuut(wortel(xml), "xmlns:r") === NS_REL ? "" : ` xmlns:r="${NS_REL}"`;
  return voegInVoor(xml, NA_DRAWING, `<drawing${r} r:id="${rid}"/>`);
}

/** Sheet names in the order of `<sheets>`. */
function bladVolgorde(wb: string): string[] {
  return [...wb.matchAll(/<sheet\b[^<>]*>/g)].map((m) => attribuut(m[0], "name") ?? "");
}

const NAAM = /<definedName\b([^<>]*)>([^<]*)<\/definedName>/g;

/**
 * A defined name is Opgave's when it is called Opgave_… or is a built-in _xlnm.… name, and is either
 * workbook-wide (Opgave_… only) or local to one of Opgave's sheets.
 */
function isEigenNaam(kop: string, volgorde: readonly string[], eigen: ReadonlySet<string>): boolean {
  const naam = attribuut(kop, "name") ?? "";
  const lokaal = attribuut(kop, "localSheetId");
  if (lokaal === undefined) return naam.startsWith("Opgave_");
  return (
    (naam.startsWith("Opgave_") || naam.startsWith("_xlnm.")) && eigen.has(volgorde[Number(lokaal)] ?? "")
  );
}

/** The original's definedNames without Opgave's, plus Opgave's from `nieuw` (localSheetId mapped). */
function namenInWerkboek(wb: string, nieuwWb: string, eigen: ReadonlySet<string>): string {
  const volgorde = bladVolgorde(wb);
  const nieuweVolgorde = bladVolgorde(nieuwWb);
  const nieuweNamen = [...nieuwWb.matchAll(NAAM)]
    .filter((m) => isEigenNaam(m[1] ?? "", nieuweVolgorde, eigen))
    .map((m) => {
      const lokaal = attribuut(m[1] ?? "", "localSheetId");
      if (lokaal === undefined) return m[0];
      const i = volgorde.indexOf(nieuweVolgorde[Number(lokaal)] ?? "");
      return i < 0
        ? ""
        : zetAttribuut(`<definedName${m[1] ?? ""}>`, "localSheetId", String(i)) +
            m[0].slice(m[0].indexOf(">") + 1);
    });
  const lijst = /<definedNames\b[^<>]*?(?:\/>|>([\s\S]*?)<\/definedNames>)/.exec(wb);
  const behouden = (lijst?.[1] ?? "").replace(NAAM, (heel, kop: string) =>
    isEigenNaam(kop, volgorde, eigen) ? "" : heel,
  );
  const inhoud = behouden + nieuweNamen.join("");
  const element = /<definedName\b/.test(inhoud) ? `<definedNames>${inhoud}</definedNames>` : "";
  if (lijst) return wb.replace(lijst[0], () => element);
  return element === "" ? wb : voegInVoor(wb, NA_NAMEN, element);
}

/** `fullCalcOnLoad="1"` on calcPr (added when the workbook has none): Opgave's formulas have no cached values. */
function volledigHerberekenen(wb: string): string {
  const calc = /<calcPr\b[^<>]*>/.exec(wb);
  if (calc) return wb.replace(calc[0], () => zetAttribuut(calc[0], "fullCalcOnLoad", "1"));
  return voegInVoor(wb, NA_NAMEN.slice(1), `<calcPr fullCalcOnLoad="1"/>`);
}

// ---------------------------------------------------------------------------------------------------------
// Parts

/** "xl/worksheets/sheet2.xml" → "../tables/table1.xml" for "xl/tables/table1.xml". */
function relatief(van: string, naar: string): string {
  const a = van.split("/").slice(0, -1);
  const b = naar.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

function verwijderOverride(types: string, deel: string): string {
  const naam = `/${deel}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return types.replace(new RegExp(`<Override\\b[^<>]*\\sPartName="${naam}"[^<>]*/>`, "i"), "");
}

/** Each override's content type by its part name ("/xl/…", lower case; the first counts): `typeVan`. */
function overrideTypen(types: string): Map<string, string> {
  const typen = new Map<string, string>();
  for (const m of types.matchAll(/<Override\b[^<>]*>/g)) {
    const [deel, type] = [attribuut(m[0], "PartName"), attribuut(m[0], "ContentType")];
    const sleutel = deel?.toLowerCase();
    if (sleutel !== undefined && type !== undefined && !typen.has(sleutel)) typen.set(sleutel, type);
  }
  return typen;
}

/** The override content type of part `deel` ("xl/…") in `typen` (`overrideTypen`). */
function typeVan(typen: ReadonlyMap<string, string>, deel: string): string | undefined {
  return typen.get(`/${deel}`.toLowerCase());
}

/**
 * What `types` declares, in one form: each default (extension) and override (part name) with its content type, in
 * any order (a package's content types are a set: OPC), names in lower case as the package reads them.
 */
function typenSet(types: string): string {
  const regels = [...types.matchAll(/<(Default|Override)\b[^<>]*>/g)].map((m) => {
    const sleutel = attribuut(m[0], m[1] === "Default" ? "Extension" : "PartName")?.toLowerCase();
    return `${m[1] ?? ""} ${sleutel ?? ""} ${attribuut(m[0], "ContentType") ?? ""}`;
  });
  return regels.sort().join("\n");
}

function standaardType(types: string, extensie: string): string | undefined {
  return [...types.matchAll(/<Default\b[^<>]*>/g)].find(
    (m) => attribuut(m[0], "Extension")?.toLowerCase() === extensie.toLowerCase(),
  )?.[0];
}

/**
 * The parts that hung off the old Opgave sheets and off nothing else that stays: its tables, drawing (with
 * charts and images), comments, … A part another part still points at (a pivot cache the workbook lists, an
 * image a user's drawing shows) stays.
 */
function oudeDelen(
  graaf: ReadonlyMap<string, readonly string[]>,
  eigenPaden: readonly string[],
): Set<string> {
  const weg = bereikbaar(graaf, eigenPaden);
  for (const p of eigenPaden) weg.delete(p);
  for (let veranderd = true; veranderd;) {
    veranderd = false;
    for (const [bron, doelen] of graaf) {
      if (weg.has(bron) || eigenPaden.includes(bron)) continue;
      for (const d of doelen) if (weg.delete(d)) veranderd = true;
    }
  }
  return weg;
}

/** One graft: the original package, what replaces or extends it, and what goes. */
class Ent {
  /** Part name → new content (replaced or added); wins over `weg`. */
  private readonly uit = new Map<string, string | Uint8Array>();
  private readonly weg = new Set<string>();
  /** Part names (lower case: part names are case-insensitive) the output holds. */
  private readonly bezet = new Set<string>();
  /** Part of `nieuw` → its name in the output. */
  private readonly gekopieerd = new Map<string, string>();
  private readonly tabelIds = new Set<number>();
  /** The user's drawings that stay, by the old sheet's part name (`bewaardeTekeningen`). */
  private readonly tekeningen = new Map<string, string>();
  /** The filter conditions and style of the old Opgave sheets' tables, by table name (`tabelFilters`, `tabelStijl`). */
  private readonly oudeTabellen = new Map<
    string,
    { filters: Map<string, string>; stijl?: string; formules: Map<string, string> }
  >();
  types = "";
  private nieuweTypes = "";
  private nieuweTypen: ReadonlyMap<string, string> = new Map();

  constructor(
    private readonly oud: Zip,
    private readonly nieuw: Zip,
    private readonly stijlen: Stijlen,
  ) {}

  /**
   * Marks the old Opgave sheets' own parts (and calcChain) for removal — not the drawing of the user's on such a
   * sheet (`tekeningen`, by old sheet part), nor what its objects show —; collects taken names and table ids; swaps
   * Opgave's charts on the drawings that stay (`wisselGrafieken`).
   */
  async bereid(
    eigenPaden: readonly string[],
    tekeningen: ReadonlyMap<string, BewaardeTekening>,
  ): Promise<void> {
    this.types = (await tekst(this.oud, "[Content_Types].xml")) ?? "";
    // The original's content types, before the old sheets' parts are taken out of them.
    const typen = overrideTypen(this.types);
    this.nieuweTypes = (await tekst(this.nieuw, "[Content_Types].xml")) ?? "";
    const calcChain = await werkboekDeel(this.oud, "calcChain");
    const graaf = await relatieGraaf(this.oud);
    // What a kept drawing's objects show stays; Opgave's old charts on it go.
    const blijft = new Set<string>();
    const zonderOpgave = new Map<BewaardeTekening, TekeningDeel>();
    for (const [blad, t] of tekeningen) {
      this.tekeningen.set(blad, t.deel);
      const deel = zonderAnkers(
        {
          xml: (await tekst(this.oud, t.deel)) ?? "",
          rels: (await tekst(this.oud, relsPad(t.deel))) ?? LEGE_RELS,
        },
        t.weg,
      );
      zonderOpgave.set(t, deel);
      const getoond = relaties(deel.rels)
        .filter((r) => !r.extern && !t.herwezen.some((h) => h.rid === r.id))
        .map((r) => pad(t.deel, r.target));
      for (const d of [t.deel, ...getoond, ...bereikbaar(graaf, getoond)]) blijft.add(d);
    }
    const weg = [
      ...[...oudeDelen(graaf, eigenPaden)].filter((d) => !blijft.has(d)),
      ...(calcChain ? [calcChain] : []),
    ];
    for (const d of weg) {
      this.weg.add(d);
      this.weg.add(relsPad(d));
      this.types = verwijderOverride(this.types, d);
    }
    this.nieuweTypen = overrideTypen(this.nieuweTypes);
    for (const naam of Object.keys(this.oud.files)) {
      if (!this.weg.has(naam)) this.bezet.add(naam.toLowerCase());
      if (typeVan(typen, naam) !== CT_TABEL) continue;
      const xml = (await tekst(this.oud, naam)) ?? "";
      if (this.weg.has(naam)) {
        const tabel = tabelNaam(xml);
        const stijl = tabelStijl(xml);
        if (tabel !== undefined)
          this.oudeTabellen.set(tabel, {
            filters: tabelFilters(xml),
            ...(stijl ? { stijl } : {}),
            formules: kolomFormules(xml),
          });
        continue;
      }
      const id = attribuut(wortel(xml), "id");
      if (id !== undefined) this.tabelIds.add(Number(id));
    }
    for (const [t, deel] of zonderOpgave) await this.wisselGrafieken(t, deel);
  }

  /**
   * A kept drawing (`zonder`: without Opgave's old charts) with Opgave's charts of `nieuw` in their place, and a
   * chart of Opgave's in a group of the user's showing its new part (`herwezen`), each chart part copied; as it was
   * where Opgave has no chart on it, before or now.
   */
  private async wisselGrafieken(t: BewaardeTekening, zonder: TekeningDeel): Promise<void> {
    if (t.weg.length + t.erbij.length + t.herwezen.length === 0) return;
    let deel = zonder;
    const doel = async (a: Anker) => a.grafiekDeel && relatief(t.deel, await this.kopieer(a.grafiekDeel));
    for (const anker of t.erbij) {
      const naar = await doel(anker);
      if (naar) deel = metGrafiekAnker(deel, anker, naar);
    }
    for (const { rid, anker } of t.herwezen) {
      const naar = await doel(anker);
      if (naar) deel = metGrafiekDoel(deel, rid, naar);
    }
    this.zet(t.deel, deel.xml);
    this.zet(relsPad(t.deel), deel.rels);
  }

  /** A part name like `voorbeeld` ("xl/tables/table3.xml") that the output does not hold yet. */
  vrijeNaam(voorbeeld: string): string {
    const m = /^(.*?)(\d*)(\.[^./]*)?$/.exec(voorbeeld);
    const [basis, extensie] = [m?.[1] ?? voorbeeld, m?.[3] ?? ""];
    let n = 1;
    while (this.bezet.has(`${basis}${n}${extensie}`.toLowerCase())) n++;
    return `${basis}${n}${extensie}`;
  }

  zet(naam: string, inhoud: string | Uint8Array): void {
    this.uit.set(naam, inhoud);
    this.bezet.add(naam.toLowerCase());
  }

  /**
   * Copies a part of `nieuw` (and, through its relationships, every part it needs) into the output, under
   * `naar` or a free name; returns the name. `vorm` reshapes its XML (the sheet).
   */
  async kopieer(vanPad: string, naar?: string, vorm?: (xml: string) => string): Promise<string> {
    const al = this.gekopieerd.get(vanPad);
    if (al !== undefined) return al;
    const doel = naar ?? this.vrijeNaam(vanPad);
    this.gekopieerd.set(vanPad, doel);
    this.bezet.add(doel.toLowerCase());
    const deel = this.nieuw.file(vanPad);
    if (!deel) return doel;
    const type = typeVan(this.nieuweTypen, vanPad);
    let rels = await tekst(this.nieuw, relsPad(vanPad));
    let tekening: { rid: string; deel: string } | undefined;
    if (vorm) {
      const xml = await deel.async("string");
      let uit = vorm(xml);
      const oud = this.tekeningen.get(doel);
      if (oud !== undefined) {
        // The user's own drawing as it was, instead of exceljs's copy of its pictures (and nothing else).
        ({ xml: uit, rels } = zonderTekening(uit, rels));
        tekening = { rid: vrijeRid(relaties(rels ?? LEGE_RELS)), deel: oud };
        uit = metTekening(uit, tekening.rid);
      }
      // Unchanged (a sheet that needed no pass over its cells): its bytes as they are, not encoded again.
      this.zet(doel, uit === xml ? await deel.async("uint8array") : uit);
    } else if (type === CT_TABEL) this.zet(doel, this.tabel(await deel.async("string")));
    else this.zet(doel, await deel.async("uint8array"));
    this.zetType(vanPad, doel, type);
    if (rels === undefined && tekening === undefined) {
      // The old part of that name (the old sheet) may have had relationships: they go with it.
      this.weg.add(relsPad(doel));
      return doel;
    }
    let uitRels = rels ?? LEGE_RELS;
    for (const m of uitRels.matchAll(/<Relationship\b[^<>]*>/g)) {
      if (attribuut(m[0], "TargetMode") === "External") continue;
      const doelDeel = await this.kopieer(pad(vanPad, attribuut(m[0], "Target") ?? ""));
      uitRels = uitRels.replace(m[0], () => zetAttribuut(m[0], "Target", relatief(doel, doelDeel)));
    }
    // The user's drawing, where it was in the original (not a part of `nieuw`: not copied).
    if (tekening) uitRels = voegRelToe(uitRels, tekening.rid, REL_TEKENING, relatief(doel, tekening.deel));
    this.zet(relsPad(doel), uitRels);
    return doel;
  }

  /**
   * A table of `nieuw` with an id the workbook does not use, its dxf indexes mapped, and the filter conditions and
   * style the old table of that name had (exceljs does not keep the one, Opgave's writer sets its own other).
   */
  private tabel(xml: string): string {
    let id = 1;
    while (this.tabelIds.has(id)) id++;
    this.tabelIds.add(id);
    const oud = this.oudeTabellen.get(tabelNaam(xml) ?? "");
    let uit = xml.replace(wortel(xml), (w) => zetAttribuut(w, "id", String(id)));
    if (oud)
      uit = metKolomFormules(
        metFilters(oud.stijl ? metStijl(uit, oud.stijl) : uit, oud.filters),
        oud.formules,
      );
    return uit.replace(
      /\s(dataDxfId|headerRowDxfId|totalsRowDxfId|headerRowBorderDxfId|tableBorderDxfId|totalsRowBorderDxfId)="(\d+)"/g,
      (_, naam: string, k: string) => ` ${naam}="${this.stijlen.dxf(Number(k))}"`,
    );
  }

  /** The copied part's content type: its override, or the default for its extension when the original lacks one. */
  private zetType(vanPad: string, doel: string, type: string | undefined): void {
    if (type !== undefined) {
      this.types = voegOverrideToe(this.types, `/${doel}`, type);
      return;
    }
    const extensie = /\.([^./]+)$/.exec(doel)?.[1] ?? "";
    const standaard = standaardType(this.nieuweTypes, extensie);
    if (standaard && !standaardType(this.types, extensie)) {
      this.types = this.types.replace("</Types>", () => `${standaard}</Types>`);
    }
  }

  /**
   * The output package: the original's parts in their order (replaced, kept or removed), then the added ones. A part
   * written anew with the very content it had keeps the original's bytes, so its compressed form is copied, not
   * deflated again (the relationships and tables of Opgave's sheets, mostly: about a millisecond a refill).
   */
  async schrijf(): Promise<Uint8Array> {
    const zip = new Zip();
    for (const [naam, deel] of Object.entries(this.oud.files)) {
      const nieuw = this.uit.get(naam);
      if (nieuw === undefined && this.weg.has(naam)) continue;
      const oud = await deel.async("uint8array");
      zip.file(naam, nieuw === undefined || (await zelfdeInhoud(nieuw, deel, oud)) ? oud : nieuw);
    }
    for (const [naam, inhoud] of this.uit) if (!this.oud.files[naam]) zip.file(naam, inhoud);
    return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }
}

/** Whether `nieuw` (text or bytes) is exactly the content of `deel` (its bytes: `oud`). */
async function zelfdeInhoud(nieuw: string | Uint8Array, deel: ZipDeel, oud: Uint8Array): Promise<boolean> {
  if (typeof nieuw === "string") return nieuw.length <= oud.length && nieuw === (await deel.async("string"));
  return nieuw.length === oud.length && nieuw.every((b, i) => b === oud[i]);
}

/** Where each Opgave sheet goes in the output. */
interface Plaats {
  readonly naam: string;
  readonly van: string;
  readonly naar: string;
  /** The original had this sheet (same part name); else it is appended. */
  readonly bestond: boolean;
}

/** workbook.xml and its relationships: appended sheets, Opgave's names, full recalculation, no calcChain. */
async function werkboek(ent: Ent, oud: Zip, nieuw: Zip, plaatsen: readonly Plaats[]): Promise<void> {
  let wb = (await tekst(oud, "xl/workbook.xml")) ?? "";
  let rels = (await tekst(oud, "xl/_rels/workbook.xml.rels")) ?? LEGE_RELS;
  rels = rels.replace(/<Relationship\b[^<>]*\sType="[^"]*\/calcChain"[^<>]*\/>/g, "");
  const ids = [...wb.matchAll(/<sheet\b[^<>]*>/g)].map((m) => Number(attribuut(m[0], "sheetId") ?? 0));
  let sheetId = Math.max(0, ...ids);
  // The relationships' prefix declared on the element where the root does not (as openpyxl writes workbook.xml).
  const r = attribuut(wortel(wb), "xmlns:r") === NS_REL ? "" : ` xmlns:r="${NS_REL}"`;
  for (const p of plaatsen.filter((x) => !x.bestond)) {
    const rid = vrijeRid(relaties(rels));
    rels = voegRelToe(rels, rid, REL_WORKSHEET, relatief("xl/workbook.xml", p.naar));
    const sheet = `<sheet${r} name="${xmlTekst(p.naam)}" sheetId="${++sheetId}" r:id="${rid}"/>`;
    wb = /<sheets\s*\/>/.test(wb)
      ? wb.replace(/<sheets\s*\/>/, () => `<sheets>${sheet}</sheets>`)
      : wb.replace("</sheets>", () => `${sheet}</sheets>`);
  }
  const eigen = new Set(plaatsen.map((p) => p.naam));
  wb = volledigHerberekenen(namenInWerkboek(wb, (await tekst(nieuw, "xl/workbook.xml")) ?? "", eigen));
  ent.zet("xl/workbook.xml", wb);
  ent.zet("xl/_rels/workbook.xml.rels", rels);
}

/**
 * The original package with Opgave's sheets (`eigenBladen`, the plan's sheet names) taken from `nieuw` (the same
 * workbook as exceljs wrote it after the merge); every other part byte-identical. Undefined when the original's
 * structure is one the graft does not handle: the caller then uses `nieuw` as it is. `elkeCel`: every cell of
 * Opgave's sheets through the mapping, also where nothing needs it (the tests compare both ways). `celNaar`: where a
 * cell of the original ("Provincie!G20") stands in `nieuw` (./xlsxWriter `Schrijver.celNaar`: a table's rows can
 * move), for the cells based on a named style (./xlsxCelstijlen); by default where it was.
 */
export async function entInOrigineel(
  origineel: Uint8Array | ArrayBuffer,
  nieuw: Uint8Array | ArrayBuffer,
  eigenBladen: readonly string[],
  {
    elkeCel = false,
    celNaar = (plek) => plek,
  }: { readonly elkeCel?: boolean; readonly celNaar?: (plek: string) => string | undefined } = {},
): Promise<Uint8Array | undefined> {
  const [oud, nw] = [await Zip.loadAsync(origineel), await Zip.loadAsync(nieuw)];
  if ((await structuurFoutVan(origineel, oud, eigenBladen)) !== undefined) return undefined;
  const oudePaden = await bladPaden(oud);
  const nieuwePaden = await bladPaden(nw);
  const [oudeStijlen, nieuweStijlen] = [await werkboekDeel(oud, "styles"), await werkboekDeel(nw, "styles")];
  const stijlXml = oudeStijlen ? await tekst(oud, oudeStijlen) : undefined;
  if (!oudeStijlen || stijlXml === undefined || !nieuweStijlen) return undefined;
  if (eigenBladen.some((b) => !nieuwePaden.has(b))) return undefined;

  const stijlen = new Stijlen(stijlXml, (await tekst(nw, nieuweStijlen)) ?? "");
  // Cells based on a named style keep it where Opgave left their look as it was (./xlsxCelstijlen).
  const celstijlen = Celstijlen.van(stijlXml);
  const [sst, oudeSst] = [await werkboekDeel(nw, "sharedStrings"), await werkboekDeel(oud, "sharedStrings")];
  const strings = new Teksten(
    (sst ? await tekst(nw, sst) : undefined) ?? "",
    oudeSst ? await tekst(oud, oudeSst) : undefined,
  );
  const ent = new Ent(oud, nw, stijlen);
  const bestaande = eigenBladen.map((b) => oudePaden.get(b)).filter((p) => p !== undefined);
  const paden = new Map(eigenBladen.map((b) => [b, { oud: oudePaden.get(b), nieuw: nieuwePaden.get(b) }]));
  await ent.bereid(bestaande, await bewaardeTekeningen(oud, nw, paden));

  const plaatsen: Plaats[] = [];
  for (const naam of eigenBladen) {
    const van = nieuwePaden.get(naam) ?? "";
    const bestaand = oudePaden.get(naam);
    const naar = bestaand ?? ent.vrijeNaam("xl/worksheets/sheet1.xml");
    // The copy takes the worksheet content type from `nieuw` (an appended sheet needs its override).
    const nieuwBlad = bestaand === undefined;
    const oudBlad = bestaand ? ((await tekst(oud, bestaand)) ?? "") : "";
    const kolomEinden = paginaEinden(oudBlad).kolommenXml;
    await ent.kopieer(van, naar, (xml) => {
      const blad = metOudeBladInstellingen(
        metOudeX14Opmaak(
          metKolomEinden(bladVoorOrigineel(xml, strings, stijlen, nieuwBlad, elkeCel), kolomEinden),
          oudBlad,
        ),
        oudBlad,
      );
      // A cell of a table whose row moved is compared where it went (`celNaar`, within the sheet).
      const plekNu = (ref: string) => celNaar(`${naam}!${ref}`)?.slice(naam.length + 1);
      return celstijlen
        ? metCelstijlen(blad, oudBlad, celstijlen, () => new Celstijlen(stijlen.xml() ?? stijlXml), plekNu)
        : blad;
    });
    plaatsen.push({ naam, van, naar, bestond: bestaand !== undefined });
  }
  await werkboek(ent, oud, nw, plaatsen);
  const nieuweStijlXml = stijlen.xml();
  if (nieuweStijlXml !== undefined) ent.zet(oudeStijlen, nieuweStijlXml);
  // The original's own text where the graft declares the same types (it takes overrides out and puts them back at
  // the end): the part then goes in as it was.
  const origineleTypen = (await tekst(oud, "[Content_Types].xml")) ?? "";
  const zelfde = typenSet(ent.types) === typenSet(origineleTypen);
  ent.zet("[Content_Types].xml", zelfde ? origineleTypen : ent.types);
  return ent.schrijf();
}
