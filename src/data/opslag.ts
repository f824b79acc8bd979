/**
 * The cache of the last good bundle, behind one small interface so the logic stays testable in Node:
 * - `officeRuntimeOpslag`: OfficeRuntime.storage inside Office (shared runtime; persists across sessions);
 * - `indexedDbOpslag`: IndexedDB in an ordinary browser (the preview);
 * - `geheugenOpslag`: memory only (tests; the CLI uses a folder, src/cli/bestandOpslag.ts).
 *
 * Whatever is read back is untrusted: `controleerOpgeslagen` checks the record's shape here, and BundelBeheer
 * checks the hash, the publisher's signature and the bundle text again before using it.
 */
import { z } from "zod";

export interface OpgeslagenBundel {
  /** The bundle exactly as received. */
  tekst: string;
  /** SHA-256 hex of `tekst` (UTF-8). */
  hash: string;
  etag?: string;
  /** The feed URL it came from (the ETag only applies to that URL). */
  bronUrl: string;
  /** ISO date-time of the last successful fetch or check of this bundle. */
  opgehaald: string;
  /** The publisher's detached signature over `tekst` (checked again on every start). */
  handtekening: string;
}

export interface BundelOpslag {
  /** For messages: "geheugen", "IndexedDB", "OfficeRuntime.storage". */
  readonly naam: string;
  lees(): Promise<OpgeslagenBundel | undefined>;
  schrijf(x: OpgeslagenBundel): Promise<void>;
  wis(): Promise<void>;
}

const OpgeslagenBundelSchema = z.object({
  tekst: z.string().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  etag: z.string().optional(),
  bronUrl: z.string(),
  opgehaald: z.iso.datetime({ offset: true }),
  handtekening: z.string().min(1),
});

/** The record as read from a cache, if it has the right shape (its content is checked by the caller). */
export function controleerOpgeslagen(x: unknown): OpgeslagenBundel | undefined {
  const r = OpgeslagenBundelSchema.safeParse(x);
  return r.success ? r.data : undefined;
}

export function geheugenOpslag(begin?: OpgeslagenBundel): BundelOpslag {
  let inhoud: OpgeslagenBundel | undefined = begin ? { ...begin } : undefined;
  return {
    naam: "geheugen",
    lees: async () => (inhoud ? { ...inhoud } : undefined),
    schrijf: async (x) => {
      inhoud = { ...x };
    },
    wis: async () => {
      inhoud = undefined;
    },
  };
}

/**
 * IndexedDB: database `dbNaam`, one object store "bundel", one key "laatste"; each write is one transaction
 * (atomic). Self-contained on purpose (no module-level references), so tests can run it in a real browser.
 */
export function indexedDbOpslag(dbNaam = "opgave"): BundelOpslag {
  const store = "bundel";
  const sleutel = "laatste";
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
      if (!factory) {
        reject(new Error("IndexedDB is niet beschikbaar"));
        return;
      }
      const req = factory.open(dbNaam, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error("IndexedDB kon niet worden geopend"));
      req.onblocked = () => reject(new Error("IndexedDB is geblokkeerd door een ander venster van Opgave"));
    });
  const transactie = async <T>(
    modus: IDBTransactionMode,
    werk: (s: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T> => {
    const db = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const tx = db.transaction(store, modus);
        const req = werk(tx.objectStore(store));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error ?? req.error ?? new Error("IndexedDB-fout"));
        tx.onabort = () => reject(tx.error ?? new Error("IndexedDB-transactie afgebroken"));
      });
    } finally {
      db.close();
    }
  };
  return {
    naam: "IndexedDB",
    lees: async () => {
      const x = await transactie("readonly", (s) => s.get(sleutel));
      return x === undefined || x === null ? undefined : (x as OpgeslagenBundel);
    },
    schrijf: async (x) => {
      await transactie("readwrite", (s) => s.put({ ...x }, sleutel));
    },
    wis: async () => {
      await transactie("readwrite", (s) => s.delete(sleutel));
    },
  };
}

interface OfficeStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

function officeStorage(): OfficeStorage {
  const s = (globalThis as { OfficeRuntime?: { storage?: OfficeStorage } }).OfficeRuntime?.storage;
  if (!s) throw new Error("OfficeRuntime.storage is niet beschikbaar");
  return s;
}

/**
 * What OfficeRuntime.storage can hold. In the shared runtime it is the page's `localStorage` on Excel on the web,
 * Windows and Mac (the shipped office.js keeps every item under an `_OfficeRuntime_Storage_` key): about 5 million
 * UTF-16 characters for the whole add-in origin, shared with the settings, and on the web a browser may partition
 * or clear it. During a write two generations of the bundle exist side by side, so one bundle may use at most
 * 2 million characters: 4 million at the peak, leaving room for the settings. A bundle over the budget is not
 * written at all (the write rejects with a Dutch reason; BundelBeheer then keeps the data in use and says so).
 */
export const OPSLAG_BUDGET_TEKENS = 2_000_000;

/**
 * OfficeRuntime.storage (SharedRuntime 1.1; localStorage underneath, see OPSLAG_BUDGET_TEKENS). The text is
 * stored in parts of `deelGrootte` characters under `<sleutel>.<generatie>.<i>`, and a small manifest under
 * `<sleutel>` is written last: a failed write leaves the previous bundle readable. When space runs out the
 * previous bundle is removed first and the write tried once more; if that fails too the write rejects.
 */
export function officeRuntimeOpslag(
  opties: { sleutel?: string; deelGrootte?: number; budget?: number } = {},
): BundelOpslag {
  const sleutel = opties.sleutel ?? "opgave.bundel";
  const deelGrootte = Math.max(1, opties.deelGrootte ?? 500_000);
  const budget = opties.budget ?? OPSLAG_BUDGET_TEKENS;
  interface Manifest {
    generatie: string;
    delen: number;
    hash: string;
    etag?: string;
    bronUrl: string;
    opgehaald: string;
    handtekening: string;
  }
  const deelSleutel = (generatie: string, i: number) => `${sleutel}.${generatie}.${i}`;
  const leesManifest = async (): Promise<Manifest | undefined> => {
    const tekst = await officeStorage().getItem(sleutel);
    if (tekst === null || tekst === undefined) return undefined;
    const m = JSON.parse(tekst) as Manifest;
    if (typeof m !== "object" || m === null || typeof m.generatie !== "string" || !Number.isInteger(m.delen))
      throw new Error("onbekende inhoud in OfficeRuntime.storage");
    return m;
  };
  const verwijderDelen = async (m: Manifest | undefined) => {
    if (!m) return;
    for (let i = 0; i < m.delen; i++) await officeStorage().removeItem(deelSleutel(m.generatie, i));
  };
  const schrijfDelen = async (x: OpgeslagenBundel): Promise<Manifest> => {
    const generatie = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const delen = Math.max(1, Math.ceil(x.tekst.length / deelGrootte));
    const m: Manifest = {
      generatie,
      delen,
      hash: x.hash,
      bronUrl: x.bronUrl,
      opgehaald: x.opgehaald,
      handtekening: x.handtekening,
      ...(x.etag !== undefined ? { etag: x.etag } : {}),
    };
    try {
      for (let i = 0; i < delen; i++)
        await officeStorage().setItem(
          deelSleutel(generatie, i),
          x.tekst.slice(i * deelGrootte, (i + 1) * deelGrootte),
        );
    } catch (e) {
      await verwijderDelen(m).catch(() => undefined);
      throw e;
    }
    return m;
  };
  return {
    naam: "OfficeRuntime.storage",
    lees: async () => {
      const m = await leesManifest();
      if (!m) return undefined;
      const delen: string[] = [];
      for (let i = 0; i < m.delen; i++) {
        const deel = await officeStorage().getItem(deelSleutel(m.generatie, i));
        if (deel === null || deel === undefined) throw new Error(`deel ${i + 1} van ${m.delen} ontbreekt`);
        delen.push(deel);
      }
      return {
        tekst: delen.join(""),
        hash: m.hash,
        bronUrl: m.bronUrl,
        opgehaald: m.opgehaald,
        handtekening: m.handtekening,
        ...(m.etag !== undefined ? { etag: m.etag } : {}),
      };
    },
    schrijf: async (x) => {
      if (x.tekst.length > budget)
        throw new Error(
          `de bundel (${x.tekst.length.toLocaleString("nl-NL")} tekens) past niet in de opslag van Office ` +
            `(hoogstens ${budget.toLocaleString("nl-NL")} tekens)`,
        );
      const vorige = await leesManifest().catch(() => undefined);
      const poging = async () => {
        const m = await schrijfDelen(x);
        try {
          await officeStorage().setItem(sleutel, JSON.stringify(m));
        } catch (e) {
          await verwijderDelen(m).catch(() => undefined);
          throw e;
        }
        return m;
      };
      try {
        const m = await poging();
        if (vorige && vorige.generatie !== m.generatie) await verwijderDelen(vorige).catch(() => undefined);
      } catch {
        // Probably out of space: make room by dropping the previous bundle, then try once more.
        await officeStorage()
          .removeItem(sleutel)
          .catch(() => undefined);
        await verwijderDelen(vorige).catch(() => undefined);
        await poging();
      }
    },
    wis: async () => {
      const m = await leesManifest().catch(() => undefined);
      await officeStorage().removeItem(sleutel);
      await verwijderDelen(m);
    },
  };
}

/** OfficeRuntime.storage inside Office, IndexedDB in an ordinary browser, memory otherwise (Node, CLI). */
export function kiesOpslag(): BundelOpslag {
  const g = globalThis as {
    OfficeRuntime?: { storage?: unknown };
    Office?: { context?: { host?: unknown } };
    indexedDB?: unknown;
  };
  if (g.OfficeRuntime?.storage && g.Office?.context?.host) return officeRuntimeOpslag();
  if (g.indexedDB) return indexedDbOpslag();
  return geheugenOpslag();
}
