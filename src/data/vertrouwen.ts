/**
 * Whether a received bundle may be used: the one implementation behind the pane, `opgave bundel haal` and
 * `opgave bundel controleer`. Two steps, both pure apart from WebCrypto:
 *
 * 1. `controleerOntvangen` — on the bytes alone: the publisher's signature by a trusted key, then the bundle
 *    format (schema, real calendar dates, cross-checks), then no date more than two days in the future;
 * 2. `beoordeel` — against the data in use: the same version with the same content is "ongewijzigd"; the same
 *    version with other content, or an older version, dataset date or publication date, is refused (no silent
 *    swap, no downgrade). Only what passes both is offered as new.
 *
 * Never throws; a refusal carries a reason and a Dutch message (the data in use is never touched here).
 */
import { feedBerichten } from "./berichten";
import { leesBundel, vergelijkVersieTekst, type Bundel } from "./bundel";
import { controleerHandtekening, type PubliekeSleutel } from "./handtekening";
import type { Dataset } from "./schema";

export type WeigerReden =
  "json" | "formaat" | "schema" | "handtekening" | "datum" | "ouder" | "zelfde-versie";

export interface Weigering {
  ok: false;
  reden: WeigerReden;
  bericht: string;
  details?: string[];
}

export interface Goedgekeurd {
  ok: true;
  bundel: Bundel;
  /** The key that signed it. */
  sleutel: PubliekeSleutel;
  /** The bytes as text (UTF-8, byte-order mark kept so it re-encodes to the same bytes). */
  tekst: string;
}

/** How far a date may lie in the future (clock differences, time zones). */
export const MAX_TOEKOMST_MS = 2 * 24 * 60 * 60 * 1000;

const weiger = (reden: WeigerReden, bericht: string, details?: string[]): Weigering =>
  details && details.length > 0 ? { ok: false, reden, bericht, details } : { ok: false, reden, bericht };

export async function controleerOntvangen(opties: {
  bytes: Uint8Array;
  handtekening: string | undefined;
  vertrouwd: readonly PubliekeSleutel[];
  nu: Date;
}): Promise<Goedgekeurd | Weigering> {
  const { bytes, vertrouwd, nu } = opties;
  if (vertrouwd.length === 0) return weiger("handtekening", feedBerichten.geenVertrouwdeSleutels);
  const h = await controleerHandtekening(bytes, opties.handtekening, vertrouwd);
  if (!h.ok) return weiger("handtekening", feedBerichten.handtekening(h.detail), [h.detail]);

  let tekst: string;
  try {
    tekst = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return weiger("json", feedBerichten.json("geen geldige UTF-8-tekst"));
  }
  const gelezen = leesBundel(tekst);
  if (!gelezen.ok) return weiger(gelezen.reden, gelezen.bericht, gelezen.details);
  const toekomst = datumInToekomst(gelezen.bundel, nu);
  if (toekomst) return weiger("datum", feedBerichten.datumToekomst(toekomst.veld, toekomst.waarde));
  return { ok: true, bundel: gelezen.bundel, sleutel: h.sleutel, tekst };
}

function datumInToekomst(b: Bundel, nu: Date): { veld: string; waarde: string } | undefined {
  const grens = nu.getTime() + MAX_TOEKOMST_MS;
  if (Date.parse(b.gepubliceerd) > grens) return { veld: "publicatiedatum", waarde: b.gepubliceerd };
  if (Date.parse(`${b.dataset.datum}T00:00:00Z`) > grens) return { veld: "datum", waarde: b.dataset.datum };
  return undefined;
}

/** The data in use, as far as the comparison needs it. */
export interface InGebruikVersie {
  dataset: Dataset;
  /** Publication date-time of the bundle in use (the embedded data: its `datum` at 00:00Z). */
  gepubliceerd: string;
}

/** The content a version number stands for: the dataset, serialised with sorted keys (key order is no content). */
function inhoud(d: Dataset): string {
  return JSON.stringify(d, (_sleutel, waarde: unknown) =>
    waarde !== null && typeof waarde === "object" && !Array.isArray(waarde)
      ? Object.fromEntries(Object.entries(waarde).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : waarde,
  );
}

export function beoordeel(
  kandidaat: Bundel,
  huidig: InGebruikVersie,
): { soort: "nieuw" } | { soort: "ongewijzigd" } | Weigering {
  const k = kandidaat.dataset;
  const h = huidig.dataset;
  const versieDetail = `bundel: ${k.id} ${k.versie} (${k.datum}, gepubliceerd ${kandidaat.gepubliceerd}); in gebruik: ${h.id} ${h.versie} (${h.datum}, gepubliceerd ${huidig.gepubliceerd})`;
  if (k.id === h.id && k.versie === h.versie) {
    if (inhoud(k) === inhoud(h)) return { soort: "ongewijzigd" };
    return weiger("zelfde-versie", feedBerichten.zelfdeVersieAndereInhoud(k.versie), [versieDetail]);
  }
  if (vergelijkVersieTekst(k.versie, h.versie) < 0 || k.datum < h.datum)
    return weiger("ouder", feedBerichten.ouder(k.datum, k.versie, h.versie), [versieDetail]);
  if (Date.parse(kandidaat.gepubliceerd) < Date.parse(huidig.gepubliceerd))
    return weiger("ouder", feedBerichten.ouderGepubliceerd(kandidaat.gepubliceerd, huidig.gepubliceerd), [
      versieDetail,
    ]);
  return { soort: "nieuw" };
}
