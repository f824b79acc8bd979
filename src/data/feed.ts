/**
 * Fetching a decision bundle from a feed URL. Host-independent (only `fetch`, streams, AbortController and
 * WebCrypto, which browsers and Node 20 share) and it never throws: every failure comes back as
 * `{ soort: "fout", reden, bericht }` with a Dutch message saying what happened and what the user can do.
 *
 * - timeout: one AbortController covers the request, the headers and the whole body;
 * - size cap: Content-Length is checked first, then the bytes are counted while the body streams in (a server
 *   that omits Content-Length or sends a compressed body that inflates beyond the cap is stopped too);
 * - `If-None-Match` with the known ETag; 304, or the same dataset id + versie + datum → "ongewijzigd";
 * - validation: JSON, format and format version, zod schema, cross-checks (see ./bundel `leesBundel`);
 * - no silent downgrade: a bundle older than the dataset in use is refused ("ouder").
 */
import { feedBerichten } from "../domain/berichten";
import { bundelHash, isOuder, leesBundel, zelfdeVersie, type Bundel } from "./bundel";
import type { Dataset } from "./schema";

/** Default feed: the add-in's own copy, published next to taskpane.html by the build (same origin, no CORS). */
export const STANDAARD_FEED_URL = "bundel.json";
export const STANDAARD_TIMEOUT_MS = 15_000;
export const STANDAARD_MAX_BYTES = 10 * 1024 * 1024;

export type FoutReden = "netwerk" | "http" | "timeout" | "json" | "schema" | "ouder" | "te-groot" | "formaat";

export type FeedUitkomst =
  | {
      soort: "nieuw";
      bundel: Bundel;
      /** The body exactly as received (UTF-8 decoded). */
      tekst: string;
      /** SHA-256 hex of the received bytes. */
      hash: string;
      etag?: string;
      /** ISO date-time of the fetch. */
      opgehaald: string;
    }
  | {
      soort: "ongewijzigd";
      opgehaald: string;
      /** The server's (possibly new) ETag for the same data, to send next time. */
      etag?: string;
      /** Present when a body was received (200 with the same dataset version): it can be cached as is. */
      tekst?: string;
      hash?: string;
    }
  | { soort: "fout"; reden: FoutReden; bericht: string; details?: string[] };

export interface HaalOpties {
  url: string;
  /** The dataset in use (for "ongewijzigd" and the downgrade check) and the ETag it was fetched with. */
  huidig?: { dataset: Dataset; etag?: string };
  timeoutMs?: number;
  maxBytes?: number;
  fetch?: typeof fetch;
  nu?: () => Date;
}

type Fout = Extract<FeedUitkomst, { soort: "fout" }>;

const fout = (reden: FoutReden, bericht: string, details?: string[]): Fout =>
  details && details.length > 0
    ? { soort: "fout", reden, bericht, details }
    : { soort: "fout", reden, bericht };

/** Thrown inside the reader when the cap is passed; never leaves this module. */
class TeGroot extends Error {}

export async function haalBundel(opties: HaalOpties): Promise<FeedUitkomst> {
  const timeoutMs = opties.timeoutMs ?? STANDAARD_TIMEOUT_MS;
  const maxBytes = opties.maxBytes ?? STANDAARD_MAX_BYTES;
  const nu = opties.nu ?? (() => new Date());
  const doeFetch = opties.fetch ?? globalThis.fetch;
  const { url, huidig } = opties;

  if (!geldigAdres(url)) return fout("netwerk", feedBerichten.adresOngeldig(url));

  const controller = new AbortController();
  let verlopen = false;
  const timer = setTimeout(() => {
    verlopen = true;
    controller.abort();
  }, timeoutMs);

  try {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (huidig?.etag) headers["If-None-Match"] = huidig.etag;

    let res: Response;
    try {
      // no-store: the browser cache must not answer for the feed; revalidation is done here with the ETag.
      res = await doeFetch(url, {
        signal: controller.signal,
        headers,
        cache: "no-store",
        redirect: "follow",
      });
    } catch (e) {
      if (verlopen) return fout("timeout", feedBerichten.timeout(url, timeoutMs));
      return fout("netwerk", feedBerichten.netwerk(url), [foutTekst(e)]);
    }

    if (res.status === 304) {
      await stop(res);
      if (!huidig) return fout("http", feedBerichten.http(url, 304));
      return { soort: "ongewijzigd", opgehaald: nu().toISOString(), ...etagVan(res) };
    }
    if (!res.ok) {
      await stop(res);
      return fout("http", feedBerichten.http(url, res.status), [
        `HTTP ${res.status} ${res.statusText}`.trim(),
      ]);
    }

    const lengte = Number(res.headers.get("content-length") ?? NaN);
    if (Number.isFinite(lengte) && lengte > maxBytes) {
      await stop(res);
      return fout("te-groot", feedBerichten.teGroot(maxBytes), [`Content-Length: ${lengte} bytes`]);
    }

    let bytes: Uint8Array;
    try {
      bytes = await leesBegrensd(res, maxBytes);
    } catch (e) {
      if (e instanceof TeGroot) {
        controller.abort();
        return fout("te-groot", feedBerichten.teGroot(maxBytes), [`meer dan ${maxBytes} bytes ontvangen`]);
      }
      if (verlopen) return fout("timeout", feedBerichten.timeout(url, timeoutMs));
      return fout("netwerk", feedBerichten.netwerk(url), [foutTekst(e)]);
    }
    clearTimeout(timer);

    let tekst: string;
    try {
      // ignoreBOM: keep a byte-order mark in the text, so the text re-encodes to exactly the bytes received
      // (the cache checks the hash against the text); leesBundel skips it before parsing.
      tekst = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return fout("json", feedBerichten.json("geen geldige UTF-8-tekst"));
    }

    const gelezen = leesBundel(tekst);
    if (!gelezen.ok) return fout(gelezen.reden, gelezen.bericht, gelezen.details);
    const { bundel } = gelezen;
    const hash = await bundelHash(bytes);
    const opgehaald = nu().toISOString();

    if (huidig && zelfdeVersie(bundel.dataset, huidig.dataset))
      return { soort: "ongewijzigd", opgehaald, tekst, hash, ...etagVan(res) };
    if (huidig && isOuder(bundel.dataset, huidig.dataset))
      return fout(
        "ouder",
        feedBerichten.ouder(bundel.dataset.datum, bundel.dataset.versie, huidig.dataset.versie),
        [
          `bundel: ${bundel.dataset.id} ${bundel.dataset.versie} (${bundel.dataset.datum}); ` +
            `in gebruik: ${huidig.dataset.id} ${huidig.dataset.versie} (${huidig.dataset.datum})`,
        ],
      );
    return { soort: "nieuw", bundel, tekst, hash, opgehaald, ...etagVan(res) };
  } catch (e) {
    // Not expected (every step above handles its own failures); still: never throw, never change anything.
    if (verlopen) return fout("timeout", feedBerichten.timeout(url, timeoutMs));
    return fout("netwerk", feedBerichten.netwerk(url), [foutTekst(e)]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads the body, counting bytes; throws TeGroot (after cancelling the stream) as soon as the cap is passed. */
async function leesBegrensd(res: Response, maxBytes: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const delen: Uint8Array[] = [];
  let totaal = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    totaal += value.byteLength;
    if (totaal > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TeGroot();
    }
    delen.push(value);
  }
  const bytes = new Uint8Array(totaal);
  let plek = 0;
  for (const deel of delen) {
    bytes.set(deel, plek);
    plek += deel.byteLength;
  }
  return bytes;
}

/** Free the connection without reading a body we will not use. */
async function stop(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

function etagVan(res: Response): { etag?: string } {
  const etag = res.headers.get("etag");
  return etag ? { etag } : {};
}

/** An absolute http(s) URL, or a relative one where there is a page to resolve it against (the pane). */
function geldigAdres(url: string): boolean {
  if (url.trim() === "") return false;
  const basis = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    const u = new URL(url, basis);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

function foutTekst(e: unknown): string {
  // Duck-typed: errors from fetch may come from another realm (instanceof Error is not reliable there).
  if (typeof e !== "object" || e === null || !("message" in e)) return String(e);
  const { name, message, cause } = e as { name?: unknown; message?: unknown; cause?: unknown };
  const code = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return `${String(name ?? "Error")}: ${String(message)}${typeof code === "string" ? ` (${code})` : ""}`;
}
