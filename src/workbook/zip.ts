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
 * at once) inflates nothing.
 */
import { unzipSync, zipSync, type Zippable } from "fflate";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The inflated parts of archives read before, by the very bytes object: a refill reads the same file in several
 * checks (what would be lost, notes, the graft), and inflating is most of their cost. Each `loadAsync` still gets
 * its own `Zip` (adding or replacing a part never changes another's), sharing the inflated parts, which nothing
 * writes into; `generateAsync` puts what it wrote here too. Weakly keyed: forgotten with the bytes. Assumes bytes
 * given to `loadAsync` or returned by `generateAsync` are not changed after.
 */
const gelezen = new WeakMap<Uint8Array | ArrayBuffer, ReadonlyArray<readonly [string, Uint8Array]>>();
const encoder = new TextEncoder();

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
    return Promise.resolve(type === "string" ? decoder.decode(this.inhoud) : this.inhoud);
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
        delen = Object.entries(unzipSync(data instanceof Uint8Array ? data : new Uint8Array(data)));
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
    this.zet(name, typeof inhoud === "string" ? encoder.encode(inhoud) : inhoud);
    return this;
  }

  /** The archive as bytes; DEFLATE (the default) or STORE. */
  generateAsync(opties: { type: "uint8array"; compression?: "DEFLATE" | "STORE" }): Promise<Uint8Array> {
    const niveau = opties.compression === "STORE" ? 0 : 6;
    const delen: Zippable = {};
    for (const [naam, inhoud] of this.inhoud) delen[naam] = [inhoud, { level: niveau }];
    const data = zipSync(delen);
    gelezen.set(data, [...this.inhoud]);
    return Promise.resolve(data);
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

/**
 * The archive `data` with every part stored, not compressed: for a reader that would inflate it all again
 * (exceljs loading a file this module has read already), the inflating is done once.
 */
export async function opgeslagen(data: Uint8Array | ArrayBuffer): Promise<Uint8Array> {
  return (await Zip.loadAsync(data)).generateAsync({ type: "uint8array", compression: "STORE" });
}
