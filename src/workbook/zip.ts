/**
 * Reading and writing the parts of an .xlsx (a zip) for ./xlsxOnderdelen.ts, with the small part of JSZip's
 * interface it uses (`loadAsync`, `files`, `file`, `generateAsync`), on fflate. exceljs's browser build carries
 * its own JSZip inside, which it does not expose; this keeps a second JSZip (about 96 KB) out of the add-in.
 * Browser-safe: no Node APIs.
 *
 * As with JSZip: entries keep the order of the archive (new names at the end, a replaced part keeps its place),
 * adding a part first adds an entry for each of its folders that has none, text is UTF-8 both ways and a byte
 * order mark is kept as it is.
 *
 * An archive written here is remembered with its parts, so reading it again (a refill's loss check reads its output
 * at once) inflates nothing. A part that goes unchanged from an archive read here into a compressed one keeps its
 * compressed bytes (a refill recompresses only what it changed, not the user's own sheets).
 */
import {
  gzipSync,
  unzipSync,
  Zip as ZipStroom,
  ZipPassThrough,
  zipSync,
  type ZipInputFile,
  type Zippable,
} from "fflate";
import { aaneen, ruweGegevens, zipInhoud, ZipLezer, type ZipItem } from "./zipInhoud";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The text of each part read as text or written from text, by the very bytes object: a refill reads the same
 * parts as text in several steps (the checks, the graft, the check after writing), and decoding was a good part
 * of their cost. Weakly keyed, as `gelezen`; parts are never changed in place.
 */
const teksten = new WeakMap<Uint8Array, string>();

/** Whether `tekst` has no lone surrogate (ES2024's `isWellFormed`; where a runtime lacks it: not known, false). */
function welGevormd(tekst: string): boolean {
  return (tekst as { isWellFormed?: () => boolean }).isWellFormed?.() ?? false;
}

/** `bytes` as UTF-8 text (a byte order mark kept), decoded once per bytes object. */
export function tekstVan(bytes: Uint8Array): string {
  let tekst = teksten.get(bytes);
  if (tekst === undefined) {
    tekst = decoder.decode(bytes);
    teksten.set(bytes, tekst);
  }
  return tekst;
}

/**
 * The inflated parts of archives read before, by the very bytes object: a refill reads the same file in several
 * checks (what would be lost, notes, the graft), and inflating is most of their cost. Each `loadAsync` still gets
 * its own `Zip` (adding or replacing a part never changes another's), sharing the inflated parts, which nothing
 * writes into; `generateAsync` puts what it wrote here too. Weakly keyed: forgotten with the bytes. Assumes bytes
 * given to `loadAsync` or returned by `generateAsync` are not changed after.
 */
const gelezen = new WeakMap<Uint8Array | ArrayBuffer, ReadonlyArray<readonly [string, Uint8Array]>>();
const encoder = new TextEncoder();

/**
 * The archive and entry each inflated part came from (by the very content object, which a copy passes on as it
 * is): such a part can go into a new archive with its compressed bytes, without deflating it again. As with
 * `gelezen`, parts are never changed in place (readers share them).
 */
const herkomst = new WeakMap<Uint8Array, { readonly archief: Uint8Array; readonly naam: string }>();
/** The central directory of each archive read, by name (null: not readable by ./zipInhoud). */
const inhoudsopgaven = new WeakMap<Uint8Array, ReadonlyMap<string, ZipItem> | null>();

/**
 * Remembers the parts someone else inflated from `data` (the package check's, ./pakketControle: every entry but
 * the empty folders, in the archive's order), so that `Zip.loadAsync(data)` inflates nothing again and a part kept
 * as it was is still copied compressed. Only when they are exactly the archive's entries (names in order, sizes as
 * the directory says); else nothing is remembered and `loadAsync` inflates as before.
 */
export function onthoudDelen(
  data: Uint8Array | ArrayBuffer,
  delen: ReadonlyArray<readonly [string, Uint8Array]>,
): void {
  if (gelezen.has(data)) return;
  const archief = data instanceof Uint8Array ? data : new Uint8Array(data);
  let items: ZipItem[];
  try {
    items = zipInhoud(new ZipLezer(archief));
  } catch {
    return;
  }
  const uit: [string, Uint8Array][] = [];
  let i = 0;
  for (const it of items) {
    const deel = delen[i];
    if (deel && deel[0] === it.naam && deel[1].length === it.uitgepakt) {
      uit.push([it.naam, deel[1]]);
      i++;
    } else if (it.naam.endsWith("/") && it.uitgepakt === 0) {
      uit.push([it.naam, new Uint8Array(0)]);
    } else {
      return;
    }
  }
  if (i !== delen.length || new Set(uit.map(([naam]) => naam)).size !== uit.length) return;
  for (const [naam, inhoud] of uit) herkomst.set(inhoud, { archief, naam });
  gelezen.set(data, uit);
}

/**
 * Forgets what reading or writing these archives left above: their parts, the parts' text and origin, their
 * directory. A refill calls it when it is done with the file and what it wrote on the way. The maps are weak, but
 * measured, what a refill left in them (the old file's texts, most of all) was still copied at the next refill's
 * first collection of young objects, and then moved to the old generation, about 0.4 MB a refill: a refill after
 * a refill took longer. A part that another archive still holds is only read or decoded again when asked.
 */
export function vergeet(...archieven: ReadonlyArray<Uint8Array | ArrayBuffer | undefined>): void {
  for (const archief of new Set(archieven)) {
    if (archief === undefined || !gelezen.has(archief)) continue;
    for (const [, inhoud] of gelezen.get(archief) ?? []) {
      teksten.delete(inhoud);
      herkomst.delete(inhoud);
    }
    gelezen.delete(archief);
    if (archief instanceof Uint8Array) inhoudsopgaven.delete(archief);
  }
}

/** The compressed entry `inhoud` was inflated from, when it is deflated and its directory entry agrees with it. */
function ruwDeel(inhoud: Uint8Array): { item: ZipItem; gegevens: Uint8Array } | undefined {
  const bron = herkomst.get(inhoud);
  if (bron === undefined || inhoud.length === 0) return undefined;
  let opgave = inhoudsopgaven.get(bron.archief);
  if (opgave === undefined) {
    try {
      opgave = new Map(zipInhoud(new ZipLezer(bron.archief)).map((it) => [it.naam, it]));
    } catch {
      opgave = null;
    }
    inhoudsopgaven.set(bron.archief, opgave);
  }
  const item = opgave?.get(bron.naam);
  if (
    item === undefined ||
    item.methode !== 8 ||
    (item.vlaggen & 1) === 1 ||
    item.uitgepakt !== inhoud.length
  )
    return undefined;
  try {
    return { item, gegevens: ruweGegevens(new ZipLezer(bron.archief), item) };
  } catch {
    return undefined;
  }
}

/**
 * `inhoud` deflated in one go into the streaming writer (which deflates a part of its own in pieces, a fifth
 * slower): gzip's member is the deflated data between a 10-byte header (no name) and the CRC-32 and size.
 */
function voegIngepaktToe(zip: ZipStroom, naam: string, inhoud: Uint8Array): void {
  const gz = gzipSync(inhoud, { level: 6 });
  const staart = gz.length - 8;
  const crc =
    ((gz[staart] ?? 0) |
      ((gz[staart + 1] ?? 0) << 8) |
      ((gz[staart + 2] ?? 0) << 16) |
      ((gz[staart + 3] ?? 0) << 24)) >>>
    0;
  const deel: ZipInputFile = { filename: naam, size: inhoud.length, crc, compression: 8 };
  zip.add(deel);
  deel.ondata?.(null, gz.subarray(10, staart) as Uint8Array<ArrayBuffer>, true);
}

/** One part of the archive. */
export class ZipDeel {
  /** A folder entry (its name ends in "/"). */
  readonly dir: boolean;

  constructor(
    readonly name: string,
    private readonly inhoud: Uint8Array,
  ) {
    this.dir = name.endsWith("/");
  }

  async(type: "string"): Promise<string>;
  async(type: "uint8array"): Promise<Uint8Array>;
  async(type: "string" | "uint8array"): Promise<string | Uint8Array> {
    return Promise.resolve(type === "string" ? tekstVan(this.inhoud) : this.inhoud);
  }
}

export default class Zip {
  /** Name → part, in the order of the archive. */
  readonly files: Record<string, ZipDeel> = Object.create(null) as Record<string, ZipDeel>;
  private readonly inhoud = new Map<string, Uint8Array>();

  /** Reads an archive (every part is inflated at once: an .xlsx is small). */
  static loadAsync(data: Uint8Array | ArrayBuffer): Promise<Zip> {
    try {
      let delen = gelezen.get(data);
      if (delen === undefined) {
        const archief = data instanceof Uint8Array ? data : new Uint8Array(data);
        delen = Object.entries(unzipSync(archief));
        for (const [naam, inhoud] of delen) herkomst.set(inhoud, { archief, naam });
        gelezen.set(data, delen);
      }
      const zip = new Zip();
      for (const [naam, inhoud] of delen) zip.zet(naam, inhoud);
      return Promise.resolve(zip);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /**
   * The file with this exact name, or null (also for a folder entry); with `inhoud`, adds or replaces it (text
   * is written as UTF-8).
   */
  file(name: string): ZipDeel | null;
  file(name: string, inhoud: string | Uint8Array): this;
  file(name: string, inhoud?: string | Uint8Array): ZipDeel | null | this {
    if (inhoud === undefined) {
      const gevonden = this.files[name];
      return gevonden && !gevonden.dir ? gevonden : null;
    }
    this.maakMappen(name);
    if (typeof inhoud === "string") {
      const bytes = encoder.encode(inhoud);
      // Text with a lone surrogate is not what its UTF-8 reads back as (U+FFFD): not remembered.
      if (welGevormd(inhoud)) teksten.set(bytes, inhoud);
      this.zet(name, bytes);
    } else {
      this.zet(name, inhoud);
    }
    return this;
  }

  /**
   * The archive as bytes; DEFLATE (the default) or STORE. Compressed, a part read unchanged from a deflated
   * archive keeps its compressed bytes.
   */
  generateAsync(opties: { type: "uint8array"; compression?: "DEFLATE" | "STORE" }): Promise<Uint8Array> {
    try {
      const opslaan = opties.compression === "STORE";
      const ruw = opslaan ? [] : [...this.inhoud.values()].map(ruwDeel);
      const data = ruw.some((r) => r !== undefined) ? this.metRuweDelen(ruw) : this.zip(opslaan ? 0 : 6);
      gelezen.set(data, [...this.inhoud]);
      if (!opslaan) for (const [naam, inhoud] of this.inhoud) herkomst.set(inhoud, { archief: data, naam });
      return Promise.resolve(data);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private zip(niveau: 0 | 6): Uint8Array {
    const delen: Zippable = {};
    for (const [naam, inhoud] of this.inhoud) delen[naam] = [inhoud, { level: niveau }];
    return zipSync(delen);
  }

  /**
   * Deflated, with the parts in `ruw` (by position) as their compressed bytes. fflate's streaming writer takes
   * such an entry with its CRC and size; it writes each entry's sizes after its data (a data descriptor).
   */
  private metRuweDelen(ruw: ReadonlyArray<ReturnType<typeof ruwDeel>>): Uint8Array {
    const stukken: Uint8Array[] = [];
    let fout: Error | null = null;
    const zip = new ZipStroom((e, stuk) => {
      if (e) fout ??= e;
      else stukken.push(stuk);
    });
    let i = 0;
    for (const [naam, inhoud] of this.inhoud) {
      const r = ruw[i++];
      if (r) {
        const deel: ZipInputFile = {
          filename: naam,
          size: r.item.uitgepakt,
          crc: r.item.crc,
          compression: 8,
        };
        zip.add(deel);
        // The archive's bytes: an ordinary ArrayBuffer (a file or a download), never a shared one.
        deel.ondata?.(null, r.gegevens as Uint8Array<ArrayBuffer>, true);
      } else if (inhoud.length === 0) {
        // An empty part (a folder) stored: a deflater's set-up costs more than the whole copy of a part.
        const deel = new ZipPassThrough(naam);
        zip.add(deel);
        deel.push(inhoud, true);
      } else {
        voegIngepaktToe(zip, naam, inhoud);
      }
    }
    zip.end();
    if (fout) throw fout;
    return aaneen(stukken);
  }

  /** Folder entries for the folders of `name` that have none, outermost first ("xl/", "xl/charts/"). */
  private maakMappen(name: string): void {
    const delen = name.replace(/\/$/, "").split("/").slice(0, -1);
    for (let i = 1; i <= delen.length; i++) {
      const map = `${delen.slice(0, i).join("/")}/`;
      if (map !== "/" && this.files[map] === undefined) this.zet(map, new Uint8Array(0));
    }
  }

  private zet(name: string, inhoud: Uint8Array): void {
    this.inhoud.set(name, inhoud);
    this.files[name] = new ZipDeel(name, inhoud);
  }
}
