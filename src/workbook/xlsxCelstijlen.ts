/**
 * Named cell styles ("Goed", "Invoer", or a style of the user's own such as "Beleid": `cellStyles` and
 * `cellStyleXfs` in styles.xml) on the cells of Opgave's sheets. exceljs models what a cell looks like, not the
 * style it is based on: every format it writes is based on "Normal". So a refill kept the look of such a cell but
 * cut its link to the style (change "Beleid" later, and that cell no longer follows), and said nothing.
 *
 * - `metCelstijlen`: the graft (./xlsxEnten) gives each cell whose look Opgave left as it was its original format
 *   back, link and all;
 * - `cellenMetCelstijl`: the cells of a sheet that are based on a named style, for the loss check
 *   (./xlsxOnderdelen), which names a cell that lost its style all the same.
 *
 * Only where the workbook has a format based on another style than "Normal" is any sheet read (a file Opgave or
 * exceljs wrote has none). Browser-safe, no I/O.
 */

interface Knoop {
  readonly naam: string;
  readonly attributen: string[];
  readonly kinderen: Knoop[];
}

const TAG = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUUT = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributenVan(tekst: string): string[] {
  return [...tekst.matchAll(ATTRIBUUT)].map((m) => `${m[1] ?? ""}="${m[2] ?? m[3] ?? ""}"`);
}

/** Deeper than any style element nests (a fill's gradient stop's colour is four levels down). */
const MAX_DIEPTE = 16;

/**
 * The elements of `xml` as a tree (text between tags is left out: a style element holds none that counts). Elements
 * nested deeper than `MAX_DIEPTE` count as one leaf with their depth: a damaged or hostile styles.xml cannot make
 * `knoopTekst` recurse without end.
 */
function boom(xml: string): Knoop[] {
  const wortel: Knoop = { naam: "", attributen: [], kinderen: [] };
  const stapel: Knoop[] = [wortel];
  let dieper = 0;
  for (const m of xml.matchAll(TAG)) {
    const boven = stapel[stapel.length - 1] ?? wortel;
    if (m[1] === "/") {
      if (dieper > 0) dieper--;
      else if (stapel.length > 1) stapel.pop();
      continue;
    }
    if (stapel.length > MAX_DIEPTE) {
      boven.attributen.push(`diep="${m[0]}"`);
      if (m[4] !== "/") dieper++;
      continue;
    }
    const knoop: Knoop = { naam: m[2] ?? "", attributen: attributenVan(m[3] ?? ""), kinderen: [] };
    boven.kinderen.push(knoop);
    if (m[4] !== "/") stapel.push(knoop);
  }
  return wortel.kinderen;
}

function knoopTekst(k: Knoop, weglaten: (attribuut: string) => boolean = () => false): string {
  const attributen = k.attributen.filter((a) => !weglaten(a)).sort();
  const kinderen = k.kinderen.map((c) => knoopTekst(c)).sort();
  return `<${k.naam}${attributen.map((a) => ` ${a}`).join("")}>${kinderen.join("")}</${k.naam}>`;
}

/**
 * An element with its attributes and its children in sorted order: the same font, fill or border as two writers
 * order it ("<i/><sz …/><color …/>" and "<i/><color …/><sz …/>") gives the same text.
 */
export function canoniek(xml: string): string {
  return boom(xml)
    .map((k) => knoopTekst(k))
    .join("");
}

/** A list of styles.xml ("fonts", "cellXfs") with its items ("font", "xf"); also the graft's (./xlsxEnten). */
export interface StijlLijst {
  /** The list element as it is in the file (undefined: the file has none). */
  readonly heel?: string;
  /** Its start tag, without the self-closing slash. */
  readonly open: string;
  readonly items: string[];
}

export function stijlLijst(xml: string, lijst: string, item: string): StijlLijst {
  const m = new RegExp(`<${lijst}\\b[^<>]*?(?:/>|>[\\s\\S]*?</${lijst}>)`).exec(xml);
  if (!m) return { open: `<${lijst} count="0">`, items: [] };
  const items = [
    ...m[0].matchAll(new RegExp(`<${item}\\b[^<>]*?/>|<${item}\\b[^<>]*>[\\s\\S]*?</${item}>`, "g")),
  ];
  const open = (/^<[^<>]*>/.exec(m[0])?.[0] ?? `<${lijst}>`).replace(/\s*\/>$/, ">");
  return { heel: m[0], open, items: items.map((i) => i[0]) };
}

function waarde(tag: string, naam: string): string | undefined {
  for (const m of (/^<[^<>]*>/.exec(tag)?.[0] ?? "").matchAll(ATTRIBUUT))
    if (m[1] === naam) return m[2] ?? m[3];
  return undefined;
}

/** The attributes of a cell format that say which parts it uses, or only whether to apply them (not its look). */
const GEEN_OPMAAK = /^(?:xfId|numFmtId|fontId|fillId|borderId|apply[A-Za-z]*)=/;

/** A workbook's cell formats (`cellXfs`) as far as named styles are concerned. */
export class Celstijlen {
  /** Cell format index → the name of the style it is based on, for every format based on another than "Normal". */
  readonly naamVan = new Map<number, string>();
  private readonly xfs: string[];
  private readonly onderdelen: Record<"fonts" | "fills" | "borders", string[]>;
  private readonly notaties = new Map<string, string>();
  private readonly opmaken = new Map<number, string | undefined>();

  /** The styles of a workbook (styles.xml); undefined when no cell format is based on a named style. */
  static van(stijlXml: string): Celstijlen | undefined {
    const xfs = stijlLijst(stijlXml, "cellXfs", "xf").items;
    if (!xfs.some((xf) => /^<xf\b[^<>]*\sxfId="(?!0")[^"]*"/.test(xf))) return undefined;
    const stijlen = new Celstijlen(stijlXml, xfs);
    return stijlen.naamVan.size > 0 ? stijlen : undefined;
  }

  /** `xfs`: the cell formats of `stijlXml`, where read already. */
  constructor(stijlXml: string, xfs = stijlLijst(stijlXml, "cellXfs", "xf").items) {
    this.xfs = xfs;
    this.onderdelen = {
      fonts: stijlLijst(stijlXml, "fonts", "font").items,
      fills: stijlLijst(stijlXml, "fills", "fill").items,
      borders: stijlLijst(stijlXml, "borders", "border").items,
    };
    for (const n of stijlLijst(stijlXml, "numFmts", "numFmt").items)
      this.notaties.set(waarde(n, "numFmtId") ?? "", waarde(n, "formatCode") ?? "");
    const namen = new Map<string, string>();
    let normaal: string | undefined;
    for (const s of stijlLijst(stijlXml, "cellStyles", "cellStyle").items) {
      const xfId = waarde(s, "xfId") ?? "";
      namen.set(xfId, waarde(s, "name") ?? "");
      if (waarde(s, "builtinId") === "0") normaal = xfId;
    }
    this.xfs.forEach((xf, i) => {
      const xfId = waarde(xf, "xfId") ?? "0";
      if (xfId === "0" || xfId === normaal || !/^\d+$/.test(xfId)) return;
      this.naamVan.set(i, namen.get(xfId) || `celstijl ${xfId}`);
    });
  }

  /**
   * What cell format `i` looks like: its number format (by code), font, fill and border (each `canoniek`), and the
   * rest of its own, without the style it is based on or its apply flags; undefined for no such format.
   */
  opmaak(i: number): string | undefined {
    if (this.opmaken.has(i)) return this.opmaken.get(i);
    const xf = this.xfs[i];
    let uit: string | undefined;
    if (xf !== undefined) {
      const deel = (lijstNaam: "fonts" | "fills" | "borders", attribuut: string) => {
        const item = this.onderdelen[lijstNaam][Number(waarde(xf, attribuut) ?? "0")];
        return item === undefined ? "" : canoniek(item);
      };
      const notatie = waarde(xf, "numFmtId") ?? "0";
      const eigen = boom(xf)[0];
      uit = [
        this.notaties.get(notatie) ?? `#${notatie}`,
        deel("fonts", "fontId"),
        deel("fills", "fillId"),
        deel("borders", "borderId"),
        eigen ? knoopTekst(eigen, (a) => GEEN_OPMAAK.test(a)) : "",
      ].join("\n");
    }
    this.opmaken.set(i, uit);
    return uit;
  }
}

const CEL = /<c(?=[\s/>])[^<>]*>/g;

/** Each cell of a sheet's XML with a style index: its address and the index. */
function* celStijlen(blad: string): Generator<readonly [string, number]> {
  for (const m of blad.matchAll(CEL)) {
    const r = waarde(m[0], "r");
    const s = waarde(m[0], "s");
    if (r !== undefined && s !== undefined && /^\d+$/.test(s)) yield [r, Number(s)];
  }
}

/** The cells of a sheet that are based on a named style: address → the style's name. */
export function cellenMetCelstijl(blad: string, stijlen: Celstijlen): Map<string, string> {
  const uit = new Map<string, string>();
  for (const [r, s] of celStijlen(blad)) {
    const naam = stijlen.naamVan.get(s);
    if (naam !== undefined) uit.set(r, naam);
  }
  return uit;
}

/**
 * Opgave's new sheet XML (`blad`, its style indexes the original's: ./xlsxEnten) with, on each cell that in the old
 * sheet (`oudBlad`) was based on a named style and looks the same now, the old cell format: the look is the same,
 * the link to the style is back. `oud`: the original's styles, `nu`: the styles as the graft leaves them (the
 * original's with what it appended); `naar`: where an old cell stands now (a table's row can move in a refill;
 * undefined: its row went), by default where it was.
 */
export function metCelstijlen(
  blad: string,
  oudBlad: string,
  oud: Celstijlen,
  nu: () => Celstijlen,
  naar: (ref: string) => string | undefined = (ref) => ref,
): string {
  const oudeCellen = new Map<string, number>();
  for (const [r, s] of celStijlen(oudBlad)) {
    const nieuw = oud.naamVan.has(s) ? naar(r) : undefined;
    if (nieuw !== undefined) oudeCellen.set(nieuw, s);
  }
  if (oudeCellen.size === 0) return blad;
  let huidig: Celstijlen | undefined;
  return blad.replace(CEL, (tag) => {
    const r = waarde(tag, "r");
    const oudS = r === undefined ? undefined : oudeCellen.get(r);
    // No index: the default format, 0.
    const s = waarde(tag, "s") ?? "0";
    if (oudS === undefined || s === String(oudS)) return tag;
    huidig ??= nu();
    if (huidig.opmaak(Number(s)) !== oud.opmaak(oudS)) return tag;
    return /\ss="/.test(tag)
      ? tag.replace(/(\ss=")[^"]*"/, (_, voor: string) => `${voor}${oudS}"`)
      : tag.replace(/^<c\b[^<>]*?\sr="[^"]*"/, (voor) => `${voor} s="${oudS}"`);
  });
}
