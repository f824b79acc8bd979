/**
 * Which dataset the runtime uses, and keeping it current from a feed. Host-independent (the task pane gives it
 * a storage adapter from ./opslag, the trusted keys of the build and the feed URL from its settings); the CLI
 * (`opgave bundel haal`) and the tests use it the same way.
 *
 * - `start()`: the cached bundle if it is intact (hash), signed by a trusted key, valid and not older than the
 *   embedded dataset; otherwise the embedded dataset, with a message saying why the cache was not used.
 * - `ververs(url)`: fetch and check (./feed, ./vertrouwen). A new bundle is NOT used yet: it comes back as a
 *   `Kandidaat` with an overview of what it changes across all gemeenten; `neemOver(kandidaat)` adopts it
 *   (one click in the pane; `opgave bundel haal` adopts at once). On any failure nothing changes.
 * - `neemOver`: the bundle is cached first; only when that succeeded does the engine switch, so the data in
 *   use after a restart is always the data in use now (one dataset at a time).
 * - `gebruikIngebouwd()`: forget the cache, back to the embedded data.
 */
import { feedBerichten } from "./berichten";
import { Engine } from "../domain/engine";
import {
  overzichtVerschillen,
  verschillen,
  type VerschilOverzicht,
  type Wijziging,
} from "../domain/verschillen";
import { bundelHash, type Bundel } from "./bundel";
import { haalBundel, type FeedUitkomst } from "./feed";
import type { PubliekeSleutel } from "./handtekening";
import { controleerOpgeslagen, type BundelOpslag, type OpgeslagenBundel } from "./opslag";
import type { Dataset } from "./schema";
import { engine, gebruikDataset } from "./store";
import { beoordeel, controleerOntvangen, type InGebruikVersie } from "./vertrouwen";

export type Bron = "ingebouwd" | "cache" | "feed";

export interface Status {
  datasetId: string;
  versie: string;
  datum: string;
  /** Where the dataset in use was loaded from. */
  bron: Bron;
  /** Feed URL of the bundle in use, or of the last successful check of the embedded data. */
  bronUrl?: string;
  /** ISO date-time of the last successful fetch or check ("the data was current then"). */
  opgehaald?: string;
  hash?: string;
  uitgever?: string;
  gepubliceerd?: string;
  /** The trusted key that signed the bundle in use (absent for the embedded data: it is part of the add-in). */
  sleutel?: { id: string; naam: string };
  /** `opgehaald` (for never-checked embedded data: the dataset's `datum`) is older than `verouderdNaDagen`. */
  verouderd: boolean;
  /** Whole days since `opgehaald` (or the dataset's `datum`). */
  dagenOud: number;
  /** The last event in Dutch: why the cache was not used, what the feed did, what went wrong. */
  melding?: string;
}

export interface BeheerOpties {
  opslag: BundelOpslag;
  ingebouwd: Dataset;
  /** The publisher keys this build trusts (./vertrouwdeSleutels). */
  vertrouwd: readonly PubliekeSleutel[];
  nu?: () => Date;
  fetch?: typeof fetch;
  verouderdNaDagen?: number;
  timeoutMs?: number;
  maxBytes?: number;
}

/** A checked, signed, newer bundle that is not in use yet. */
export interface Kandidaat {
  bundel: Bundel;
  record: OpgeslagenBundel;
  sleutel: PubliekeSleutel;
  /** What it changes across all gemeenten, against the data in use when it was fetched. */
  overzicht: VerschilOverzicht;
  /** For the gemeente selected in the pane, when one was given. */
  wijzigingen?: Wijziging[];
}

export interface VerversUitkomst {
  status: Status;
  uitkomst: FeedUitkomst;
  kandidaat?: Kandidaat;
}

interface InGebruik {
  dataset: Dataset;
  bron: Bron;
  /** The cached record that belongs to the dataset in use (its ETag, URL and fetch time). */
  record?: OpgeslagenBundel;
  bundel?: Bundel;
  sleutel?: PubliekeSleutel;
}

const DAG_MS = 24 * 60 * 60 * 1000;

export class BundelBeheer {
  private readonly o: BeheerOpties;
  private readonly nu: () => Date;
  private inGebruik: InGebruik;
  private melding: string | undefined;
  /** Refreshes and adoptions run one after another (a second click waits for the first). */
  private wachtrij: Promise<unknown> = Promise.resolve();

  constructor(opties: BeheerOpties) {
    this.o = opties;
    this.nu = opties.nu ?? (() => new Date());
    this.inGebruik = { dataset: opties.ingebouwd, bron: "ingebouwd" };
  }

  /** Load the cached bundle if it can be trusted, else the embedded dataset; install it in the engine. */
  async start(): Promise<Status> {
    let melding: string | undefined;
    let gekozen: InGebruik = { dataset: this.o.ingebouwd, bron: "ingebouwd" };
    let ruw: unknown;
    try {
      ruw = await this.o.opslag.lees();
    } catch (e) {
      melding = feedBerichten.cacheOnleesbaar(foutTekst(e));
    }
    if (ruw !== undefined) {
      const c = await this.controleerCache(ruw);
      if (!c.ok) melding = c.melding;
      else
        gekozen = {
          dataset: c.bundel.dataset,
          bron: "cache",
          record: c.record,
          bundel: c.bundel,
          sleutel: c.sleutel,
        };
    }
    if (gekozen.dataset !== engine().dataset) gebruikDataset(gekozen.dataset);
    this.inGebruik = gekozen;
    this.melding = melding;
    return this.status();
  }

  /**
   * Fetch and check `url`; never throws and never changes the data in use. `gemeenteCode`: the gemeente selected
   * in the pane, for its own list of changes.
   */
  ververs(url: string, gemeenteCode?: string): Promise<VerversUitkomst> {
    return this.naElkaar(() => this.doeVervers(url, gemeenteCode));
  }

  /** Adopt a candidate from `ververs`: cache it, then use it. Refused (nothing changes) when it no longer fits. */
  neemOver(kandidaat: Kandidaat): Promise<{ status: Status; ok: boolean }> {
    return this.naElkaar(() => this.doeNeemOver(kandidaat));
  }

  /** Forget the cached bundle and use the embedded dataset again (the user's way back). */
  gebruikIngebouwd(): Promise<Status> {
    return this.naElkaar(async () => {
      let melding: string | undefined = feedBerichten.terugNaarIngebouwd(this.o.ingebouwd.versie);
      try {
        await this.o.opslag.wis();
      } catch (e) {
        melding = feedBerichten.cacheOnleesbaar(foutTekst(e));
      }
      gebruikDataset(this.o.ingebouwd);
      this.inGebruik = { dataset: this.o.ingebouwd, bron: "ingebouwd" };
      this.melding = melding;
      return this.status();
    });
  }

  status(): Status {
    const { dataset, bron, record, bundel, sleutel } = this.inGebruik;
    const peil = record?.opgehaald ?? `${dataset.datum}T00:00:00Z`;
    const verstreken = this.nu().getTime() - new Date(peil).getTime();
    const dagenOud = Number.isFinite(verstreken) ? Math.max(0, Math.floor(verstreken / DAG_MS)) : 0;
    return {
      datasetId: dataset.id,
      versie: dataset.versie,
      datum: dataset.datum,
      bron,
      ...(record ? { bronUrl: record.bronUrl, opgehaald: record.opgehaald, hash: record.hash } : {}),
      ...(bundel ? { uitgever: bundel.uitgever, gepubliceerd: bundel.gepubliceerd } : {}),
      ...(sleutel ? { sleutel: { id: sleutel.id, naam: sleutel.naam } } : {}),
      verouderd: dagenOud > (this.o.verouderdNaDagen ?? 30),
      dagenOud,
      ...(this.melding !== undefined ? { melding: this.melding } : {}),
    };
  }

  private naElkaar<T>(werk: () => Promise<T>): Promise<T> {
    const taak = this.wachtrij.then(werk);
    this.wachtrij = taak.catch(() => undefined);
    return taak;
  }

  private versieInGebruik(): InGebruikVersie {
    const { dataset, bundel } = this.inGebruik;
    return { dataset, gepubliceerd: bundel?.gepubliceerd ?? `${dataset.datum}T00:00:00Z` };
  }

  private async doeVervers(url: string, gemeenteCode?: string): Promise<VerversUitkomst> {
    const h = this.inGebruik;
    // An ETag belongs to the URL it came from.
    const etag = h.record && h.record.bronUrl === url ? h.record.etag : undefined;
    const uitkomst = await haalBundel({
      url,
      vertrouwd: this.o.vertrouwd,
      huidig: { ...this.versieInGebruik(), ...(etag !== undefined ? { etag } : {}) },
      nu: this.nu,
      ...(this.o.fetch ? { fetch: this.o.fetch } : {}),
      ...(this.o.timeoutMs !== undefined ? { timeoutMs: this.o.timeoutMs } : {}),
      ...(this.o.maxBytes !== undefined ? { maxBytes: this.o.maxBytes } : {}),
    });
    if (uitkomst.soort === "fout") {
      this.melding = uitkomst.bericht;
      return { status: this.status(), uitkomst };
    }
    if (uitkomst.soort === "ongewijzigd") {
      await this.bevestig(url, uitkomst);
      return { status: this.status(), uitkomst };
    }
    const kandidaat = this.maakKandidaat(url, uitkomst, gemeenteCode);
    this.melding = feedBerichten.kandidaat(uitkomst.bundel.dataset.versie, uitkomst.bundel.dataset.datum);
    return { status: this.status(), uitkomst, kandidaat };
  }

  /** The data in use is confirmed current: remember when (and the server's ETag); the data stays as it is. */
  private async bevestig(url: string, u: Extract<FeedUitkomst, { soort: "ongewijzigd" }>): Promise<void> {
    const h = this.inGebruik;
    // Else, when a body came with it: same version and content as in use (checked), signed: safe to keep.
    const record: OpgeslagenBundel | undefined =
      h.record && h.record.bronUrl === url
        ? { ...h.record, opgehaald: u.opgehaald, ...(u.etag ? { etag: u.etag } : {}) }
        : bewaarbaar(url, u);
    let melding = feedBerichten.ongewijzigd(h.dataset.versie);
    if (record) {
      try {
        await this.o.opslag.schrijf(record);
      } catch (e) {
        melding += ` ${feedBerichten.cacheNietBewaard(foutTekst(e))}`;
      }
      this.inGebruik = { ...h, record, ...(u.sleutel && !h.sleutel ? { sleutel: u.sleutel } : {}) };
    }
    this.melding = melding;
  }

  private maakKandidaat(
    url: string,
    u: Extract<FeedUitkomst, { soort: "nieuw" }>,
    gemeenteCode: string | undefined,
  ): Kandidaat {
    // The engine answering so far (normally engine(); its memoised answers make the comparison cheaper).
    const oud = engine().dataset === this.inGebruik.dataset ? engine() : new Engine(this.inGebruik.dataset);
    const nieuw = new Engine(u.bundel.dataset);
    const record = bewaarbaar(url, u);
    let wijzigingen: Wijziging[] | undefined;
    if (gemeenteCode !== undefined && gemeenteCode.trim() !== "") {
      try {
        wijzigingen = verschillen(oud, nieuw, gemeenteCode);
      } catch {
        wijzigingen = undefined; // an unknown gemeente in the pane must not hide the candidate
      }
    }
    return {
      bundel: u.bundel,
      record,
      sleutel: u.sleutel,
      overzicht: overzichtVerschillen(oud, nieuw),
      ...(wijzigingen ? { wijzigingen } : {}),
    };
  }

  private async doeNeemOver(k: Kandidaat): Promise<{ status: Status; ok: boolean }> {
    const oordeel = beoordeel(k.bundel, this.versieInGebruik());
    if ("ok" in oordeel || oordeel.soort !== "nieuw") {
      // Another bundle was adopted in the meantime (or this one already is): nothing changes.
      this.melding = "ok" in oordeel ? oordeel.bericht : feedBerichten.ongewijzigd(k.bundel.dataset.versie);
      return { status: this.status(), ok: false };
    }
    try {
      await this.o.opslag.schrijf(k.record);
    } catch (e) {
      this.melding = feedBerichten.nietOvergenomen(foutTekst(e));
      return { status: this.status(), ok: false };
    }
    gebruikDataset(k.bundel.dataset);
    this.inGebruik = {
      dataset: k.bundel.dataset,
      bron: "feed",
      record: k.record,
      bundel: k.bundel,
      sleutel: k.sleutel,
    };
    this.melding = feedBerichten.nieuw(k.bundel.dataset.versie, k.bundel.dataset.datum);
    return { status: this.status(), ok: true };
  }

  /** A cached record: right shape, hash matches, signed by a trusted key, valid, not older than the embedded data. */
  private async controleerCache(
    ruw: unknown,
  ): Promise<
    | { ok: true; record: OpgeslagenBundel; bundel: Bundel; sleutel: PubliekeSleutel }
    | { ok: false; melding: string }
  > {
    const beschadigd = (detail: string) => ({
      ok: false as const,
      melding: feedBerichten.cacheBeschadigd(detail),
    });
    const record = controleerOpgeslagen(ruw);
    if (!record) return beschadigd("onbekende indeling of niet ondertekend");
    const bytes = new TextEncoder().encode(record.tekst);
    if ((await bundelHash(bytes)) !== record.hash) return beschadigd("controlegetal klopt niet");
    const c = await controleerOntvangen({
      bytes,
      handtekening: record.handtekening,
      vertrouwd: this.o.vertrouwd,
      nu: this.nu(),
    });
    if (!c.ok) return beschadigd(c.details?.[0] ?? c.bericht);
    const oordeel = beoordeel(c.bundel, {
      dataset: this.o.ingebouwd,
      gepubliceerd: `${this.o.ingebouwd.datum}T00:00:00Z`,
    });
    if ("ok" in oordeel)
      return {
        ok: false,
        melding: feedBerichten.cacheOuder(c.bundel.dataset.versie, this.o.ingebouwd.versie),
      };
    return { ok: true, record, bundel: c.bundel, sleutel: c.sleutel };
  }
}

function foutTekst(e: unknown): string {
  if (typeof e === "object" && e !== null && "message" in e)
    return String((e as { message: unknown }).message);
  return String(e);
}

/** What the feed returned about a bundle; the body, hash and signature only when a body was received. */
interface Ontvangen {
  tekst?: string;
  hash?: string;
  handtekening?: string;
  opgehaald: string;
  etag?: string;
}

/** The copy to keep in storage of a received, signed bundle; undefined when no body was received. */
function bewaarbaar(url: string, u: Required<Omit<Ontvangen, "etag">> & Ontvangen): OpgeslagenBundel;
function bewaarbaar(url: string, u: Ontvangen): OpgeslagenBundel | undefined;
function bewaarbaar(url: string, u: Ontvangen): OpgeslagenBundel | undefined {
  if (u.tekst === undefined || u.hash === undefined || u.handtekening === undefined) return undefined;
  return {
    tekst: u.tekst,
    hash: u.hash,
    handtekening: u.handtekening,
    bronUrl: url,
    opgehaald: u.opgehaald,
    ...(u.etag ? { etag: u.etag } : {}),
  };
}
