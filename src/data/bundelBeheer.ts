/**
 * Which dataset the runtime uses, and keeping it current from a feed. Host-independent (the task pane gives it
 * a storage adapter from ./opslag and the feed URL from its settings); the CLI and tests use it the same way.
 *
 * - `start()`: the cached bundle if it is intact (hash), valid (schema + cross-checks) and not older than the
 *   embedded dataset; otherwise the embedded dataset, with a message saying why the cache was not used.
 * - `ververs(url)`: fetch; on a new bundle cache it, switch the engine (`gebruikDataset`) and list what changed
 *   for the selected gemeente; on any failure nothing changes (data in use and cache untouched) and the
 *   status carries the Dutch message.
 */
import { feedBerichten } from "../domain/berichten";
import { Engine } from "../domain/engine";
import { verschillen, type Wijziging } from "../domain/verschillen";
import { bundelHash, isOuder, leesBundel, type Bundel } from "./bundel";
import { haalBundel, type FeedUitkomst } from "./feed";
import { controleerOpgeslagen, type BundelOpslag, type OpgeslagenBundel } from "./opslag";
import type { Dataset } from "./schema";
import { engine, gebruikDataset } from "./store";

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
  nu?: () => Date;
  fetch?: typeof fetch;
  verouderdNaDagen?: number;
  timeoutMs?: number;
  maxBytes?: number;
}

interface InGebruik {
  dataset: Dataset;
  bron: Bron;
  /** The cached record that belongs to the dataset in use (its ETag, URL and fetch time). */
  record?: OpgeslagenBundel;
  bundel?: Bundel;
}

const DAG_MS = 24 * 60 * 60 * 1000;

export class BundelBeheer {
  private readonly opslag: BundelOpslag;
  private readonly ingebouwd: Dataset;
  private readonly nu: () => Date;
  private readonly fetch?: typeof fetch;
  private readonly verouderdNaDagen: number;
  private readonly timeoutMs?: number;
  private readonly maxBytes?: number;
  private inGebruik: InGebruik;
  private melding: string | undefined;
  /** Refreshes run one after another (a second click waits for the first). */
  private wachtrij: Promise<unknown> = Promise.resolve();

  constructor(opties: BeheerOpties) {
    this.opslag = opties.opslag;
    this.ingebouwd = opties.ingebouwd;
    this.nu = opties.nu ?? (() => new Date());
    this.fetch = opties.fetch;
    this.verouderdNaDagen = opties.verouderdNaDagen ?? 30;
    this.timeoutMs = opties.timeoutMs;
    this.maxBytes = opties.maxBytes;
    this.inGebruik = { dataset: opties.ingebouwd, bron: "ingebouwd" };
  }

  /** Load the cached bundle if it can be trusted, else the embedded dataset; install it in the engine. */
  async start(): Promise<Status> {
    let melding: string | undefined;
    let gekozen: InGebruik = { dataset: this.ingebouwd, bron: "ingebouwd" };
    let ruw: unknown;
    try {
      ruw = await this.opslag.lees();
    } catch (e) {
      melding = feedBerichten.cacheOnleesbaar(foutTekst(e));
    }
    if (ruw !== undefined) {
      const c = await controleerCache(ruw);
      if (!c.ok) melding = feedBerichten.cacheBeschadigd(c.detail);
      else if (isOuder(c.bundel.dataset, this.ingebouwd))
        melding = feedBerichten.cacheOuder(c.bundel.dataset.versie, this.ingebouwd.versie);
      else gekozen = { dataset: c.bundel.dataset, bron: "cache", record: c.record, bundel: c.bundel };
    }
    gebruikDataset(gekozen.dataset);
    this.inGebruik = gekozen;
    this.melding = melding;
    return this.status();
  }

  /**
   * Fetch `url`. Never throws. `gemeenteCode`: the gemeente selected in the pane, for `wijzigingen` (old → new)
   * when a new bundle is accepted.
   */
  ververs(
    url: string,
    gemeenteCode?: string,
  ): Promise<{ status: Status; uitkomst: FeedUitkomst; wijzigingen?: Wijziging[] }> {
    const taak = this.wachtrij.then(() => this.doeVervers(url, gemeenteCode));
    this.wachtrij = taak.catch(() => undefined);
    return taak;
  }

  /** Forget the cached bundle and use the embedded dataset again (the user's way back). */
  async gebruikIngebouwd(): Promise<Status> {
    let melding: string | undefined;
    try {
      await this.opslag.wis();
    } catch (e) {
      melding = feedBerichten.cacheOnleesbaar(foutTekst(e));
    }
    gebruikDataset(this.ingebouwd);
    this.inGebruik = { dataset: this.ingebouwd, bron: "ingebouwd" };
    this.melding = melding;
    return this.status();
  }

  status(): Status {
    const { dataset, bron, record, bundel } = this.inGebruik;
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
      verouderd: dagenOud > this.verouderdNaDagen,
      dagenOud,
      ...(this.melding !== undefined ? { melding: this.melding } : {}),
    };
  }

  private async doeVervers(
    url: string,
    gemeenteCode?: string,
  ): Promise<{ status: Status; uitkomst: FeedUitkomst; wijzigingen?: Wijziging[] }> {
    const h = this.inGebruik;
    // An ETag belongs to the URL it came from.
    const etag = h.record && h.record.bronUrl === url ? h.record.etag : undefined;
    const uitkomst = await haalBundel({
      url,
      huidig: { dataset: h.dataset, ...(etag !== undefined ? { etag } : {}) },
      nu: this.nu,
      ...(this.fetch ? { fetch: this.fetch } : {}),
      ...(this.timeoutMs !== undefined ? { timeoutMs: this.timeoutMs } : {}),
      ...(this.maxBytes !== undefined ? { maxBytes: this.maxBytes } : {}),
    });

    if (uitkomst.soort === "fout") {
      this.melding = uitkomst.bericht;
      return { status: this.status(), uitkomst };
    }

    if (uitkomst.soort === "ongewijzigd") {
      // The data in use is confirmed current: remember when (and the server's ETag), keep the data.
      let record: OpgeslagenBundel | undefined;
      if (h.record && h.record.bronUrl === url)
        record = {
          ...h.record,
          opgehaald: uitkomst.opgehaald,
          ...(uitkomst.etag ? { etag: uitkomst.etag } : {}),
        };
      else if (uitkomst.tekst !== undefined && uitkomst.hash !== undefined)
        record = {
          tekst: uitkomst.tekst,
          hash: uitkomst.hash,
          bronUrl: url,
          opgehaald: uitkomst.opgehaald,
          ...(uitkomst.etag ? { etag: uitkomst.etag } : {}),
        };
      let melding = feedBerichten.ongewijzigd(h.dataset.versie);
      if (record) {
        try {
          await this.opslag.schrijf(record);
        } catch (e) {
          melding += ` ${feedBerichten.cacheNietBewaard(foutTekst(e))}`;
        }
        this.inGebruik = { ...h, record };
      }
      this.melding = melding;
      return { status: this.status(), uitkomst };
    }

    const { bundel } = uitkomst;
    const record: OpgeslagenBundel = {
      tekst: uitkomst.tekst,
      hash: uitkomst.hash,
      bronUrl: url,
      opgehaald: uitkomst.opgehaald,
      ...(uitkomst.etag ? { etag: uitkomst.etag } : {}),
    };
    let melding = feedBerichten.nieuw(bundel.dataset.versie, bundel.dataset.datum);
    try {
      await this.opslag.schrijf(record);
    } catch (e) {
      melding += ` ${feedBerichten.cacheNietBewaard(foutTekst(e))}`;
    }
    // The engine answering so far (normally engine(); its memoised answers make the comparison cheap).
    const oud = engine().dataset === h.dataset ? engine() : new Engine(h.dataset);
    const nieuw = gebruikDataset(bundel.dataset);
    this.inGebruik = { dataset: bundel.dataset, bron: "feed", record, bundel };
    this.melding = melding;
    let wijzigingen: Wijziging[] | undefined;
    if (gemeenteCode !== undefined && gemeenteCode.trim() !== "") {
      try {
        wijzigingen = verschillen(oud, nieuw, gemeenteCode);
      } catch {
        wijzigingen = undefined; // a comparison that fails must not undo an accepted bundle
      }
    }
    return { status: this.status(), uitkomst, ...(wijzigingen ? { wijzigingen } : {}) };
  }
}

/** A cached record: right shape, hash matches the text, and the text is a valid bundle. */
async function controleerCache(
  ruw: unknown,
): Promise<{ ok: true; record: OpgeslagenBundel; bundel: Bundel } | { ok: false; detail: string }> {
  const record = controleerOpgeslagen(ruw);
  if (!record) return { ok: false, detail: "onbekende indeling" };
  if ((await bundelHash(record.tekst)) !== record.hash)
    return { ok: false, detail: "controlegetal klopt niet" };
  const gelezen = leesBundel(record.tekst);
  if (!gelezen.ok) {
    const detail =
      gelezen.reden === "json"
        ? "geen geldige JSON"
        : gelezen.reden === "formaat"
          ? "geen bundel in een indeling die deze versie van Opgave kan lezen"
          : (gelezen.details?.[0] ?? "voldoet niet aan het bundelformaat");
    return { ok: false, detail };
  }
  return { ok: true, record, bundel: gelezen.bundel };
}

function foutTekst(e: unknown): string {
  if (typeof e === "object" && e !== null && "message" in e)
    return String((e as { message: unknown }).message);
  return String(e);
}
