/**
 * Fetching a decision bundle from a feed URL. Host-independent (only `fetch`, streams, AbortController and
 * WebCrypto, which browsers and Node 20 share) and it never throws: every failure comes back as
 * `{ soort: "fout", reden, bericht }` with a Dutch message saying what happened and what the user can do.
 *
 * - address: https only (http only for localhost / 127.0.0.1 / [::1]); a redirect to another origin is refused;
 * - timeout: one AbortController covers both requests (bundle and signature), their headers and bodies;
 * - size cap: Content-Length is checked first, then the bytes are counted while the body streams in (a server
 *   that omits Content-Length or sends a compressed body that inflates beyond the cap is stopped too);
 * - `If-None-Match` with the known ETag; 304 → "ongewijzigd";
 * - trust (./vertrouwen): the detached signature `<url>.sig` by a trusted key, the format, real dates not in the
 *   future, then against the data in use: same version + same content → "ongewijzigd"; same version with other
 *   content, or older → refused. Only a bundle that passes everything comes back as "nieuw".
 */
import { feedBerichten } from "./berichten";
import { bundelHash, type Bundel } from "./bundel";
import { handtekeningUrl, MAX_HANDTEKENING_BYTES, type PubliekeSleutel } from "./handtekening";
import { beoordeel, controleerOntvangen, type InGebruikVersie, type WeigerReden } from "./vertrouwen";

/** Default feed: the add-in's own copy, published next to taskpane.html by the build (same origin, no CORS). */
export const STANDAARD_FEED_URL = "bundel.json";
export const STANDAARD_TIMEOUT_MS = 15_000;
export const STANDAARD_MAX_BYTES = 10 * 1024 * 1024;

export type FoutReden = "netwerk" | "http" | "timeout" | "te-groot" | "omleiding" | "adres" | WeigerReden;

export type FeedUitkomst =
  | {
      soort: "nieuw";
      bundel: Bundel;
      /** The body exactly as received (UTF-8 decoded). */
      tekst: string;
      /** SHA-256 hex of the received bytes. */
      hash: string;
      /** The signature file as received, and the trusted key that made it. */
      handtekening: string;
      sleutel: PubliekeSleutel;
      etag?: string;
      /** ISO date-time of the fetch. */
      opgehaald: string;
    }
  | {
      soort: "ongewijzigd";
      opgehaald: string;
      /** The server's (possibly new) ETag for the same data, to send next time. */
      etag?: string;
      /** Present when a body was received (200, same version and content, signature checked). */
      tekst?: string;
      hash?: string;
      handtekening?: string;
      sleutel?: PubliekeSleutel;
    }
  | { soort: "fout"; reden: FoutReden; bericht: string; details?: string[] };

export interface HaalOpties {
  url: string;
  /** The publisher keys this build trusts (at least one, or every bundle is refused). */
  vertrouwd: readonly PubliekeSleutel[];
  /** The data in use (for "ongewijzigd", same-version and downgrade checks) and the ETag it was fetched with. */
  huidig: InGebruikVersie & { etag?: string };
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

/** One request as this module makes them: the response, or a ready failure. */
type Antwoord = { ok: true; res: Response } | { ok: false; fout: Fout };

interface Verzoek {
  url: string;
  doeFetch: typeof fetch;
  signal: AbortSignal;
  verlopen: () => boolean;
  timeoutMs: number;
}

async function vraag(v: Verzoek, headers: Record<string, string>): Promise<Antwoord> {
  let res: Response;
  try {
    // no-store: the browser cache must not answer for the feed; revalidation is done here with the ETag.
    res = await v.doeFetch(v.url, { signal: v.signal, headers, cache: "no-store", redirect: "follow" });
  } catch (e) {
    if (v.verlopen()) return { ok: false, fout: fout("timeout", feedBerichten.timeout(v.url, v.timeoutMs)) };
    return { ok: false, fout: fout("netwerk", feedBerichten.netwerk(v.url), [foutTekst(e)]) };
  }
  const naar = res.url ? new URL(res.url) : undefined;
  if (naar && naar.origin !== new URL(v.url).origin) {
    await stop(res);
    return { ok: false, fout: fout("omleiding", feedBerichten.omleiding(v.url, naar.origin), [naar.href]) };
  }
  return { ok: true, res };
}

async function lichaam(v: Verzoek, res: Response, maxBytes: number): Promise<Uint8Array | Fout> {
  const lengte = Number(res.headers.get("content-length") ?? NaN);
  if (Number.isFinite(lengte) && lengte > maxBytes) {
    await stop(res);
    return fout("te-groot", feedBerichten.teGroot(maxBytes), [`Content-Length: ${lengte} bytes`]);
  }
  try {
    return await leesBegrensd(res, maxBytes);
  } catch (e) {
    if (e instanceof TeGroot)
      return fout("te-groot", feedBerichten.teGroot(maxBytes), [`meer dan ${maxBytes} bytes ontvangen`]);
    if (v.verlopen()) return fout("timeout", feedBerichten.timeout(v.url, v.timeoutMs));
    return fout("netwerk", feedBerichten.netwerk(v.url), [foutTekst(e)]);
  }
}

/** The detached signature next to the bundle; undefined when the server has none (404/410). */
async function haalHandtekening(v: Verzoek): Promise<string | undefined | Fout> {
  const sig: Verzoek = { ...v, url: handtekeningUrl(v.url) };
  const a = await vraag(sig, { Accept: "application/json" });
  if (!a.ok) return a.fout;
  if (a.res.status === 404 || a.res.status === 410) {
    await stop(a.res);
    return undefined;
  }
  if (!a.res.ok) {
    await stop(a.res);
    return fout("http", feedBerichten.http(sig.url, a.res.status));
  }
  const bytes = await lichaam(sig, a.res, MAX_HANDTEKENING_BYTES);
  if (!(bytes instanceof Uint8Array)) return bytes;
  return new TextDecoder().decode(bytes);
}

export async function haalBundel(opties: HaalOpties): Promise<FeedUitkomst> {
  const timeoutMs = opties.timeoutMs ?? STANDAARD_TIMEOUT_MS;
  const maxBytes = opties.maxBytes ?? STANDAARD_MAX_BYTES;
  const nu = opties.nu ?? (() => new Date());
  const { huidig } = opties;

  const adres = feedAdres(opties.url);
  if (!adres.ok) return adres.fout;
  const controller = new AbortController();
  let verlopen = false;
  const timer = setTimeout(() => {
    verlopen = true;
    controller.abort();
  }, timeoutMs);
  const v: Verzoek = {
    url: adres.url,
    // Called through a wrapper: a browser's fetch detached from globalThis throws "Illegal invocation".
    doeFetch: opties.fetch ?? ((invoer, init) => globalThis.fetch(invoer, init)),
    signal: controller.signal,
    verlopen: () => verlopen,
    timeoutMs,
  };

  try {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (huidig.etag) headers["If-None-Match"] = huidig.etag;
    const a = await vraag(v, headers);
    if (!a.ok) return a.fout;
    const { res } = a;
    if (res.status === 304) {
      await stop(res);
      if (!huidig.etag) return fout("http", feedBerichten.http(v.url, 304));
      return { soort: "ongewijzigd", opgehaald: nu().toISOString(), ...etagVan(res) };
    }
    if (!res.ok) {
      await stop(res);
      return fout("http", feedBerichten.http(v.url, res.status), [
        `HTTP ${res.status} ${res.statusText}`.trim(),
      ]);
    }
    const bytes = await lichaam(v, res, maxBytes);
    if (!(bytes instanceof Uint8Array)) return bytes;
    const handtekening = await haalHandtekening(v);
    if (typeof handtekening === "object") return handtekening;
    clearTimeout(timer);
    return await beslis(bytes, handtekening, opties, nu(), etagVan(res));
  } catch (e) {
    // Not expected (every step above handles its own failures); still: never throw, never change anything.
    if (verlopen) return fout("timeout", feedBerichten.timeout(v.url, timeoutMs));
    return fout("netwerk", feedBerichten.netwerk(v.url), [foutTekst(e)]);
  } finally {
    clearTimeout(timer);
  }
}

/** Trust the bytes or not; then new, unchanged or refused against the data in use. */
async function beslis(
  bytes: Uint8Array,
  handtekening: string | undefined,
  opties: HaalOpties,
  nu: Date,
  etag: { etag?: string },
): Promise<FeedUitkomst> {
  const ontvangen = await controleerOntvangen({ bytes, handtekening, vertrouwd: opties.vertrouwd, nu });
  if (!ontvangen.ok) return fout(ontvangen.reden, ontvangen.bericht, ontvangen.details);
  const { bundel, tekst, sleutel } = ontvangen;
  const oordeel = beoordeel(bundel, opties.huidig);
  if ("ok" in oordeel) return fout(oordeel.reden, oordeel.bericht, oordeel.details);
  const hash = await bundelHash(bytes);
  const opgehaald = nu.toISOString();
  const ondertekend = { tekst, hash, handtekening: handtekening ?? "", sleutel };
  if (oordeel.soort === "ongewijzigd") return { soort: "ongewijzigd", opgehaald, ...ondertekend, ...etag };
  return { soort: "nieuw", bundel, opgehaald, ...ondertekend, ...etag };
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

const LOKAAL = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The absolute feed address, or why it cannot be used: https, or http on the local machine only (development,
 * tests). A relative URL is resolved against the page (the pane's own `bundel.json`).
 */
export function feedAdres(url: string): { ok: true; url: string } | { ok: false; fout: Fout } {
  if (url.trim() === "") return { ok: false, fout: fout("adres", feedBerichten.adresOngeldig(url)) };
  const basis = (globalThis as { location?: { href?: string } }).location?.href;
  let u: URL;
  try {
    u = new URL(url, basis);
  } catch {
    return { ok: false, fout: fout("adres", feedBerichten.adresOngeldig(url)) };
  }
  if (u.protocol === "https:" || (u.protocol === "http:" && LOKAAL.has(u.hostname)))
    return { ok: true, url: u.href };
  if (u.protocol === "http:") return { ok: false, fout: fout("adres", feedBerichten.onveiligAdres(url)) };
  return { ok: false, fout: fout("adres", feedBerichten.adresOngeldig(url)) };
}

function foutTekst(e: unknown): string {
  // Duck-typed: errors from fetch may come from another realm (instanceof Error is not reliable there).
  if (typeof e !== "object" || e === null || !("message" in e)) return String(e);
  const { name, message, cause } = e as { name?: unknown; message?: unknown; cause?: unknown };
  const code = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return `${String(name ?? "Error")}: ${String(message)}${typeof code === "string" ? ` (${code})` : ""}`;
}
