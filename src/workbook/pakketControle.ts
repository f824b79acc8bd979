/**
 * The package check before a workbook is parsed: ./lezen hands a file to exceljs only when this finds nothing
 * against it. exceljs (with JSZip inside) inflates every part of the package whole and builds every cell in
 * memory, so a 24 MB file of 10 million cells takes minutes and gigabytes; this check looks at the package first,
 * streaming and with early stops, so a hostile or absurd file costs about as much as a good one. Host-independent
 * (fflate only; Node and the browser, also in the pane's Web Worker). Pure: the bytes are only read.
 *
 * In this order:
 * 1. What kind of file: a zip (an .xlsx is a zip of XML parts), an OLE/CFB container (a password-protected Office
 *    file has the streams EncryptionInfo and EncryptedPackage in one; without them it is an older .xls or other
 *    Office file), or neither. A zip without its end record is incomplete (cut off while copying or downloading).
 * 2. The central directory, as JSZip reads it: the number of entries; per entry encryption, compression method,
 *    declared uncompressed size and compression ratio; the declared total.
 * 3. Every entry is inflated in small steps (fflate's streaming Inflate), kept only when the reader asks (then it
 *    need not inflate again; a refused package's parts are dropped): the actual bytes are
 *    counted (declared sizes can lie, so an entry that inflates to more than it declares is refused at that
 *    point, which also bounds the total by the declared total); the XML parts are scanned for a document type
 *    declaration (`<!DOCTYPE`, `<!ENTITY`: Excel never writes one; entity expansion) and the worksheets for cell
 *    starts (`<c …>`, with or without a namespace prefix), per sheet and in total. It stops at the first limit
 *    passed, so a sheet of 10 million cells is left after some 200,000.
 *
 * Limits (`LeesGrenzen`, defaults in STANDAARD_LEESGRENZEN, documented in docs/architectuur.md "Grenzen bij het
 * lezen"; `opgave consolideer --max-…`, see src/cli/leesGrenzen.ts). The defaults are generous for real files and
 * keep the worst file they accept within a 1 GB heap: a gemeente workbook has about 700 cells in 6 sheets and
 * 150 kB of XML, a province workbook a few thousand cells. Measured with exceljs 4.4 (Node 20): 1 million numeric
 * cells read in 5 s with 0.6 GB peak RSS; 1 million text cells with 115 MB of XML in 8 s with 0.8 GB.
 */
import { Inflate } from "fflate";
import { aaneen, ruweGegevens, TeVeelOnderdelen, zipInhoud, ZipLezer, type ZipItem } from "./zipInhoud";

export interface LeesGrenzen {
  /** Entries in the zip (parts and folders); a gemeente workbook has about 40. */
  readonly onderdelen: number;
  /** Uncompressed size of the package in MB (1 MB = 1,048,576 bytes), of each part and of all together. */
  readonly megabytes: number;
  /**
   * Compression ratio (uncompressed / compressed) of one part of at least VERHOUDING_VANAF bytes: real sheets
   * compress 5–20 times, a zip bomb about 1,000 times.
   */
  readonly verhouding: number;
  /** Cells of one worksheet (cells as the XML has them: also empty cells with only a format). */
  readonly cellenPerBlad: number;
  /** Cells of all worksheets together. */
  readonly cellenTotaal: number;
}

/** The default limits: 100 to 1,000 times what a real Opgave workbook needs (see the module comment). */
export const STANDAARD_LEESGRENZEN: LeesGrenzen = {
  onderdelen: 1_000,
  megabytes: 100,
  verhouding: 200,
  cellenPerBlad: 200_000,
  cellenTotaal: 1_000_000,
};

/** Parts smaller than this (bytes) are not held to the ratio: a small part of repeated text compresses very well. */
export const VERHOUDING_VANAF = 1024 * 1024;

/** What the check holds against a file (./lezen turns it into a Dutch finding). */
export type PakketBezwaar =
  /** Not a zip at all (nor an Office container). */
  | { readonly soort: "geenZip" }
  /** A zip that is cut off or whose directory does not add up. */
  | { readonly soort: "onvolledig" }
  /** A part that cannot be inflated, or is compressed in a way no spreadsheet program writes. */
  | { readonly soort: "beschadigd"; readonly onderdeel: string }
  /** Password-protected: an encrypted Office container, or encrypted zip entries. */
  | { readonly soort: "wachtwoord" }
  /** An OLE/CFB container that is not encrypted: an older .xls (or .doc, …). */
  | { readonly soort: "ouderFormaat" }
  /** An OpenDocument spreadsheet (.ods, LibreOffice's own format): a zip, but no Office Open XML. */
  | { readonly soort: "opendocument" }
  | { readonly soort: "onderdelen"; readonly aantal: number; readonly grens: number }
  /** Too large uncompressed: one part (`onderdeel`) or the whole package; `bytes` as declared. */
  | { readonly soort: "omvang"; readonly onderdeel?: string; readonly bytes: number; readonly grens: number }
  | {
      readonly soort: "verhouding";
      readonly onderdeel: string;
      readonly verhouding: number;
      readonly grens: number;
    }
  /** A part that inflates to more than its declared size (a lying header). */
  | { readonly soort: "groterDanOpgegeven"; readonly onderdeel: string; readonly opgegeven: number }
  | { readonly soort: "entiteiten"; readonly onderdeel: string }
  /** `blad` is the sheet's name from xl/workbook.xml, else its part name. */
  | { readonly soort: "cellenBlad"; readonly blad: string; readonly grens: number }
  | { readonly soort: "cellenTotaal"; readonly grens: number };

export type PakketUitkomst =
  | {
      readonly ok: true;
      readonly onderdelen: number;
      readonly bytes: number;
      readonly cellen: number;
      /** Asked for (`{ delen: true }`): every part as the check inflated it, in the archive's order. */
      readonly delen?: ReadonlyArray<readonly [string, Uint8Array]>;
    }
  | { readonly ok: false; readonly bezwaar: PakketBezwaar };

/** The limits in force: the defaults with `grenzen` over them (a missing or non-positive value keeps the default). */
export function leesGrenzen(grenzen: Partial<LeesGrenzen> = {}): LeesGrenzen {
  const g = { ...STANDAARD_LEESGRENZEN };
  for (const k of Object.keys(g) as (keyof LeesGrenzen)[]) {
    const v = grenzen[k];
    if (typeof v === "number" && v > 0 && !Number.isNaN(v)) g[k] = v;
  }
  return g;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the zip structure

/** Thrown inside the check to stop at once; never leaves this module. */
class Stop extends Error {
  constructor(readonly bezwaar: PakketBezwaar) {
    super(bezwaar.soort);
  }
}

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const namen = new TextDecoder("utf-8");

/** Whether `data` contains `tekst` as UTF-16LE (the names of streams in a CFB directory). */
function bevatUtf16(data: Uint8Array, tekst: string): boolean {
  const patroon = new Uint8Array(tekst.length * 2);
  for (let i = 0; i < tekst.length; i++) patroon[i * 2] = tekst.charCodeAt(i);
  const eerste = patroon[0] ?? 0;
  for (
    let i = data.indexOf(eerste);
    i >= 0 && i <= data.length - patroon.length;
    i = data.indexOf(eerste, i + 1)
  ) {
    let j = 1;
    while (j < patroon.length && data[i + j] === patroon[j]) j++;
    if (j === patroon.length) return true;
  }
  return false;
}

/** The kind of file, when it is no zip. */
function soortBestand(data: Uint8Array): PakketBezwaar | undefined {
  if (CFB.every((b, i) => data[i] === b)) {
    return bevatUtf16(data, "EncryptedPackage") || bevatUtf16(data, "EncryptionInfo")
      ? { soort: "wachtwoord" }
      : { soort: "ouderFormaat" };
  }
  // "PK\3\4" (a first entry) or "PK\5\6" (an empty archive).
  const pk = data[0] === 0x50 && data[1] === 0x4b;
  return pk && ((data[2] === 3 && data[3] === 4) || (data[2] === 5 && data[3] === 6))
    ? undefined
    : { soort: "geenZip" };
}

/** An OpenDocument package: its "mimetype" and "content.xml", and none of Office Open XML's "[Content_Types].xml". */
function isOpenDocument(items: readonly ZipItem[]): boolean {
  const namen = new Set(items.map((it) => it.naam));
  return namen.has("mimetype") && namen.has("content.xml") && !namen.has("[Content_Types].xml");
}

/** The central directory, at most `grens` entries. */
function inhoudBinnen(l: ZipLezer, grens: number): ZipItem[] {
  try {
    return zipInhoud(l, grens);
  } catch (e) {
    if (e instanceof TeVeelOnderdelen) throw new Stop({ soort: "onderdelen", aantal: e.aantal, grens });
    throw e;
  }
}

/** What the directory says, before anything is inflated. */
function controleerOpgave(items: readonly ZipItem[], g: LeesGrenzen): void {
  const maxBytes = g.megabytes * 1024 * 1024;
  let totaal = 0;
  for (const it of items) {
    // Bit 0: encrypted; method 99: AES (WinZip). Office never encrypts this way, but it is a password all the same.
    if ((it.vlaggen & 1) === 1 || it.methode === 99) throw new Stop({ soort: "wachtwoord" });
    if (it.methode !== 0 && it.methode !== 8) throw new Stop({ soort: "beschadigd", onderdeel: it.naam });
    if (it.methode === 0 && it.uitgepakt !== it.gecomprimeerd)
      throw new Stop({ soort: "groterDanOpgegeven", onderdeel: it.naam, opgegeven: it.uitgepakt });
    const verhouding = it.uitgepakt / Math.max(it.gecomprimeerd, 1);
    if (it.uitgepakt >= VERHOUDING_VANAF && verhouding > g.verhouding)
      throw new Stop({ soort: "verhouding", onderdeel: it.naam, verhouding, grens: g.verhouding });
    if (it.uitgepakt > maxBytes)
      throw new Stop({ soort: "omvang", onderdeel: it.naam, bytes: it.uitgepakt, grens: g.megabytes });
    totaal += it.uitgepakt;
  }
  if (totaal > maxBytes) throw new Stop({ soort: "omvang", bytes: totaal, grens: g.megabytes });
}

// ---------------------------------------------------------------------------------------------------------
// Inflating and scanning

/** Compressed bytes per step: at most ~1,000 times this comes out of one step (the worst a deflate stream does). */
const STAP = 8 * 1024;

/** Feeds the uncompressed content of an entry to `verwerk` in pieces; throws Stop for a bad stream. */
function inflateer(l: ZipLezer, it: ZipItem, verwerk: (stuk: Uint8Array) => void): void {
  const invoer = ruweGegevens(l, it);
  if (it.methode === 0) {
    for (let i = 0; i < invoer.length; i += STAP * 16) verwerk(invoer.subarray(i, i + STAP * 16));
    return;
  }
  const inf = new Inflate((stuk) => {
    if (stuk.length > 0) verwerk(stuk);
  });
  try {
    if (invoer.length === 0) inf.push(invoer, true);
    for (let i = 0; i < invoer.length; i += STAP)
      inf.push(invoer.subarray(i, i + STAP), i + STAP >= invoer.length);
  } catch (e) {
    if (e instanceof Stop) throw e;
    throw new Stop({ soort: "beschadigd", onderdeel: it.naam });
  }
}

/**
 * Scans XML bytes for element names, across piece boundaries: counts cell elements (`c`, or `x:c` with a prefix)
 * and notices a document type or entity declaration. Only the name after each "<" is looked at, byte by byte.
 */
class TagScanner {
  cellen = 0;
  dtd = false;
  private inNaam = false;
  private lengte = 0;
  private eerste = 0;
  private voorlaatste = 0;
  private laatste = 0;
  /** The name so far when it starts with "!" (at most 9 characters: "!DOCTYPE", "!ENTITY"). */
  private verklaring = "";

  voed(b: Uint8Array): void {
    let i = this.inNaam ? this.naamVerder(b, 0) : 0;
    while (i < b.length) {
      const lt = b.indexOf(0x3c /* < */, i);
      if (lt < 0) return;
      this.inNaam = true;
      this.lengte = 0;
      this.verklaring = "";
      i = this.naamVerder(b, lt + 1);
    }
  }

  /** Reads the name from `i` on; returns where it stopped (the end of `b` when the name goes on in the next piece). */
  private naamVerder(b: Uint8Array, i: number): number {
    for (; i < b.length; i++) {
      const c = b[i] ?? 0;
      // White space, ">", "[" and (after the first character) "/" end a name.
      if (c <= 0x20 || c === 0x3e || c === 0x5b || (c === 0x2f && this.lengte > 0)) {
        this.einde();
        return i;
      }
      if (this.lengte === 0 ? c === 0x21 /* ! */ : this.verklaring !== "") {
        if (this.verklaring.length < 9) this.verklaring += String.fromCharCode(c);
      }
      if (this.lengte === 0) this.eerste = c;
      this.lengte++;
      this.voorlaatste = this.laatste;
      this.laatste = c;
    }
    return i;
  }

  private einde(): void {
    this.inNaam = false;
    // "c" or "x:c"; not a closing tag ("</x:c>", first character "/"), nor "<!…" or "<?…".
    const prefix = this.lengte > 2 && this.voorlaatste === 0x3a; /* : */
    const naamTeken = this.eerste !== 0x2f && this.eerste !== 0x21 && this.eerste !== 0x3f;
    if (this.laatste === 0x63 /* c */ && (this.lengte === 1 || (prefix && naamTeken))) this.cellen++;
    else if (this.verklaring !== "" && /^!(?:DOCTYPE|ENTITY)$/i.test(this.verklaring)) this.dtd = true;
  }
}

const IS_XML = /\.(?:xml|rels|vml)$/i;
const IS_WERKBLAD = /^\/?xl\/worksheets\/[^/]+\.xml$/i;

/**
 * The sheet names by part name, from xl/workbook.xml and its relationships (only when a limit is passed, to name
 * the sheet). Small parts only; anything odd gives no name (the part name is shown instead).
 */
function bladNamen(l: ZipLezer, items: readonly ZipItem[]): Map<string, string> {
  const tekst = (naam: string): string | undefined => {
    const it = items.find((x) => x.naam.replace(/^\//, "") === naam);
    if (!it || it.uitgepakt > 8 * 1024 * 1024) return undefined;
    const stukken: Uint8Array[] = [];
    let n = 0;
    inflateer(l, it, (s) => {
      n += s.length;
      if (n > it.uitgepakt)
        throw new Stop({ soort: "groterDanOpgegeven", onderdeel: it.naam, opgegeven: it.uitgepakt });
      stukken.push(s.slice());
    });
    return stukken.map((s) => namen.decode(s, { stream: true })).join("") + namen.decode();
  };
  const uit = new Map<string, string>();
  try {
    const wb = tekst("xl/workbook.xml");
    const rels = tekst("xl/_rels/workbook.xml.rels");
    if (!wb || !rels) return uit;
    const attr = (tag: string, naam: string) =>
      new RegExp(`\\s(?:[\\w.-]+:)?${naam}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1];
    const doelen = new Map<string, string>();
    for (const [tag] of rels.matchAll(/<(?:[\w.-]+:)?Relationship\b[^<>]*>/g)) {
      const id = attr(tag, "Id");
      const doel = attr(tag, "Target");
      if (id && doel) doelen.set(id, doel.startsWith("/") ? doel.slice(1) : `xl/${doel}`);
    }
    for (const [tag] of wb.matchAll(/<(?:[\w.-]+:)?sheet\b[^<>]*>/g)) {
      const naam = attr(tag, "name");
      const doel = doelen.get(attr(tag, "id") ?? "");
      if (naam && doel) uit.set(doel, xmlTekstTerug(naam));
    }
  } catch {
    // No names: the part name is shown.
  }
  return uit;
}

/** XML text as it reads: character references and the five named entities decoded. */
export function xmlTekstTerug(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * Inflates every entry, counting bytes and cells; throws Stop at the first limit passed. Kept only when `delen`
 * is given: each part (folders left out), in the archive's order.
 */
function controleerInhoud(
  l: ZipLezer,
  items: readonly ZipItem[],
  g: LeesGrenzen,
  delen?: Array<readonly [string, Uint8Array]>,
): { bytes: number; cellen: number } {
  const maxBytes = g.megabytes * 1024 * 1024;
  let bytes = 0;
  let cellen = 0;
  for (const it of items) {
    if (it.naam.endsWith("/") && it.uitgepakt === 0) continue;
    const xml = IS_XML.test(it.naam);
    const werkblad = IS_WERKBLAD.test(it.naam);
    const scanner = xml ? new TagScanner() : undefined;
    const stukken: Uint8Array[] = [];
    let eigen = 0;
    const voorBlad = cellen;
    inflateer(l, it, (stuk) => {
      if (delen) stukken.push(stuk);
      eigen += stuk.length;
      bytes += stuk.length;
      if (eigen > it.uitgepakt)
        throw new Stop({ soort: "groterDanOpgegeven", onderdeel: it.naam, opgegeven: it.uitgepakt });
      if (bytes > maxBytes) throw new Stop({ soort: "omvang", bytes, grens: g.megabytes });
      if (!scanner) return;
      scanner.voed(stuk);
      if (scanner.dtd) throw new Stop({ soort: "entiteiten", onderdeel: it.naam });
      if (!werkblad) return;
      if (scanner.cellen > g.cellenPerBlad) {
        const naam = it.naam.replace(/^\//, "");
        throw new Stop({
          soort: "cellenBlad",
          blad: bladNamen(l, items).get(naam) ?? naam,
          grens: g.cellenPerBlad,
        });
      }
      if (voorBlad + scanner.cellen > g.cellenTotaal)
        throw new Stop({ soort: "cellenTotaal", grens: g.cellenTotaal });
    });
    if (werkblad && scanner) cellen += scanner.cellen;
    delen?.push([it.naam, aaneen(stukken)]);
  }
  return { bytes, cellen };
}

/**
 * Checks a workbook package before it is parsed (see the module comment). Never throws; the bytes are not
 * changed. With `{ delen: true }` an accepted package comes with its inflated parts, so the reader need not
 * inflate them again (they are within the limits: the check refuses at the first one passed).
 */
export function controleerPakket(
  data: Uint8Array | ArrayBuffer,
  grenzen: Partial<LeesGrenzen> = {},
  opties: { readonly delen?: boolean } = {},
): PakketUitkomst {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const g = leesGrenzen(grenzen);
  try {
    const soort = soortBestand(bytes);
    if (soort) return { ok: false, bezwaar: soort };
    const l = new ZipLezer(bytes);
    const items = inhoudBinnen(l, g.onderdelen);
    if (isOpenDocument(items)) return { ok: false, bezwaar: { soort: "opendocument" } };
    controleerOpgave(items, g);
    const delen = opties.delen ? [] : undefined;
    const inhoud = controleerInhoud(l, items, g, delen);
    return { ok: true, onderdelen: items.length, ...inhoud, ...(delen ? { delen } : {}) };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, bezwaar: e.bezwaar };
    // Whatever else goes wrong reading the structure: the package is damaged (exceljs would fail on it too).
    return { ok: false, bezwaar: { soort: "onvolledig" } };
  }
}
