/**
 * The decision bundle ("opgave-bundel"): the versioned JSON document in which a dataset is published — by the
 * build at the add-in's own origin (`bundel.json`) and by anyone who runs a feed. Defined once here in zod; the
 * JSON Schema for publishers is exported from it (./bundelSchemaJson, schema/opgave-bundel.schema.json).
 *
 * Reading a bundle from text (`leesBundel`) is the one pipeline for every boundary (feed and cache): JSON, then
 * the format and its version, then the zod schema, then the cross-checks zod cannot express. It never throws.
 */
import { z } from "zod";
import { nl } from "zod/locales";
import { feedBerichten } from "./berichten";
import { DatasetSchema, isEchteDatum, type Dataset } from "./schema";

export const BUNDEL_FORMAAT = "opgave-bundel";
/** The format version this Opgave reads. A higher one is refused ("nieuwere indeling, werk Opgave bij"). */
export const BUNDEL_FORMAAT_VERSIE = 1;

export const BundelSchema = z
  .object({
    formaat: z.literal(BUNDEL_FORMAAT),
    formaatVersie: z.literal(BUNDEL_FORMAAT_VERSIE),
    /** When the publisher published this bundle (ISO 8601 date-time with Z or an offset). */
    gepubliceerd: z.iso
      .datetime({ offset: true })
      .refine(
        (t) =>
          !/^\d{4}-\d{2}-\d{2}T/.test(t) || (isEchteDatum(t.slice(0, 10)) && !Number.isNaN(Date.parse(t))),
        "geen bestaand tijdstip",
      ),
    /** Who published it (organisation or feed name), shown in the task pane. */
    uitgever: z.string().min(1),
    dataset: DatasetSchema,
  })
  .meta({
    title: "Opgave-bundel",
    description:
      "Een beslissingsbundel voor Opgave: landelijke taakstelling, officiële cijfers per gemeente, " +
      "opvangbesluiten, kostennormen en inwonertallen, met versie en datum (dataset.versie, dataset.datum).",
  });

export type Bundel = z.infer<typeof BundelSchema>;

export function maakBundel(dataset: Dataset, opties: { gepubliceerd: string; uitgever: string }): Bundel {
  return {
    formaat: BUNDEL_FORMAAT,
    formaatVersie: BUNDEL_FORMAAT_VERSIE,
    gepubliceerd: opties.gepubliceerd,
    uitgever: opties.uitgever,
    dataset,
  };
}

/** The embedded dataset as the build publishes it: deterministic (published at its `datum`, 00:00:00Z). */
export function ingebouwdeBundel(dataset: Dataset): Bundel {
  return maakBundel(dataset, { gepubliceerd: `${dataset.datum}T00:00:00Z`, uitgever: "Opgave (ingebouwd)" });
}

/** The bundle as published: compact JSON, one trailing newline (deterministic for the same input). */
export function bundelTekst(bundel: Bundel): string {
  return `${JSON.stringify(bundel)}\n`;
}

/** SHA-256 (lower-case hex) of the exact bytes; a string is hashed as its UTF-8 encoding. */
export async function bundelHash(tekst: string | Uint8Array): Promise<string> {
  const bytes = typeof tekst === "string" ? new TextEncoder().encode(tekst) : tekst;
  // Copy into a fresh ArrayBuffer: works for views on shared or foreign buffers alike.
  const buffer = new Uint8Array(bytes.byteLength);
  buffer.set(bytes);
  const digest = await globalThis.crypto.subtle.digest("SHA-256", buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Dotted versions compared part by part, numbers numerically ("2026.2.1" < "2026.11.28", "1.9" < "1.10");
 * a version that is a prefix of another sorts first ("1.0" < "1.0.1").
 */
export function vergelijkVersieTekst(a: string, b: string): number {
  const x = a.split(".");
  const y = b.split(".");
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (/^\d+$/.test(p) && /^\d+$/.test(q)) {
      const d = BigInt(p) - BigInt(q);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else {
      const d = p.localeCompare(q, "en", { numeric: true });
      if (d !== 0) return d < 0 ? -1 : 1;
    }
  }
  return 0;
}

/** Order of two datasets: by `datum`, then by `versie`. Negative when a is older than b. */
export function vergelijkVersie(
  a: Pick<Dataset, "datum" | "versie">,
  b: Pick<Dataset, "datum" | "versie">,
): number {
  if (a.datum !== b.datum) return a.datum < b.datum ? -1 : 1;
  return vergelijkVersieTekst(a.versie, b.versie);
}

export function isOuder(
  kandidaat: Pick<Dataset, "datum" | "versie">,
  huidig: Pick<Dataset, "datum" | "versie">,
): boolean {
  return vergelijkVersie(kandidaat, huidig) < 0;
}

/** Same dataset line and the same version and date: nothing new to use. */
export function zelfdeVersie(
  a: Pick<Dataset, "id" | "datum" | "versie">,
  b: Pick<Dataset, "id" | "datum" | "versie">,
): boolean {
  return a.id === b.id && a.versie === b.versie && a.datum === b.datum;
}

/**
 * What zod cannot express: references between the parts of a dataset, and the sums of inhabitants
 * (`inwonerSommen`). Returns Dutch problem descriptions
 * ("pad: probleem"), at most `max`; empty when the dataset is consistent.
 */
export function kruiscontroles(d: Dataset, max = 20): string[] {
  const problemen: string[] = [];
  const meld = (p: string) => {
    if (problemen.length < max) problemen.push(p);
  };
  const uniek = (lijst: readonly string[], pad: string, wat: string) => {
    const gezien = new Set<string>();
    lijst.forEach((x, i) => {
      if (gezien.has(x)) meld(`${pad}.${i}: ${wat} ${x} komt meer dan eens voor`);
      gezien.add(x);
    });
    return gezien;
  };

  if (d.gemeenten.length === 0) meld("dataset.gemeenten: de dataset bevat geen gemeenten");
  if (d.landelijkeTaakstelling.length === 0)
    meld("dataset.landelijkeTaakstelling: de dataset bevat geen landelijke taakstelling");
  const gemeenten = uniek(
    d.gemeenten.map((g) => g.code),
    "dataset.gemeenten",
    "gemeentecode",
  );
  const provincies = uniek(
    d.provincies.map((p) => p.code),
    "dataset.provincies",
    "provinciecode",
  );
  const regios = uniek(
    d.veiligheidsregios.map((v) => v.code),
    "dataset.veiligheidsregios",
    "veiligheidsregiocode",
  );
  uniek(
    d.landelijkeTaakstelling.map((l) => l.periode),
    "dataset.landelijkeTaakstelling",
    "periode",
  );
  uniek(
    d.officieleTaakstelling.map((o) => `${o.periode}/${o.gemeente}`),
    "dataset.officieleTaakstelling",
    "periode/gemeente",
  );
  uniek(
    d.opvangBesluiten.map((b) => b.id),
    "dataset.opvangBesluiten",
    "besluit-id",
  );

  d.gemeenten.forEach((g, i) => {
    if (g.provincie !== null && !provincies.has(g.provincie))
      meld(
        `dataset.gemeenten.${i}.provincie: provincie ${g.provincie} van ${g.code} staat niet in provincies`,
      );
    if (g.veiligheidsregio !== null && !regios.has(g.veiligheidsregio))
      meld(
        `dataset.gemeenten.${i}.veiligheidsregio: veiligheidsregio ${g.veiligheidsregio} van ${g.code} ` +
          "staat niet in veiligheidsregios",
      );
  });
  for (const p of inwonerSommen(d)) meld(p);
  // The old codes of a herindeling may predate the dataset's coverage (1-1-2015 mergers); the new ones may not.
  d.herindelingen.forEach((h, i) => {
    for (const [veld, codes] of [
      ["nieuw", h.nieuw],
      ["deelsNaar", h.deelsNaar ?? []],
    ] as const) {
      for (const c of codes)
        if (!gemeenten.has(c))
          meld(`dataset.herindelingen.${i}.${veld}: gemeente ${c} staat niet in gemeenten`);
    }
  });
  d.officieleTaakstelling.forEach((o, i) => {
    if (!gemeenten.has(o.gemeente))
      meld(`dataset.officieleTaakstelling.${i}.gemeente: gemeente ${o.gemeente} staat niet in gemeenten`);
  });
  d.opvangBesluiten.forEach((b, i) => {
    b.provincies.forEach((p, j) => {
      if (!provincies.has(p.provincie))
        meld(
          `dataset.opvangBesluiten.${i}.provincies.${j}.provincie: provincie ${p.provincie} (besluit ${b.id}) ` +
            "staat niet in provincies",
        );
    });
    uniek(
      b.provincies.map((p) => p.provincie),
      `dataset.opvangBesluiten.${i}.provincies`,
      "provincie",
    );
    b.gemeenten.forEach((g, j) => {
      if (!gemeenten.has(g.gemeente))
        meld(
          `dataset.opvangBesluiten.${i}.gemeenten.${j}.gemeente: gemeente ${g.gemeente} (besluit ${b.id}) ` +
            "staat niet in gemeenten",
        );
    });
    uniek(
      b.gemeenten.map((g) => g.gemeente),
      `dataset.opvangBesluiten.${i}.gemeenten`,
      "gemeente",
    );
  });
  return problemen;
}

/**
 * The inhabitants of the gemeenten on 1 January of a year add up to the country's and to each province's (CBS
 * publishes them so; the embedded data do, to the person). A taakstelling is the country's number times a
 * gemeente's share: a population with a digit too many or too few would move every gemeente's figure, signed or
 * not. A year counts where some gemeente has a figure; for a province, the gemeenten that lie in it.
 */
function inwonerSommen(d: Dataset): string[] {
  // One pass: the gemeenten's sum per year ("2023") and per year and province ("2023|PV26").
  const sommen = new Map<string, number>();
  const tel = (sleutel: string, n: number) => sommen.set(sleutel, (sommen.get(sleutel) ?? 0) + n);
  for (const g of d.gemeenten)
    for (const [jaar, n] of Object.entries(g.inwoners)) {
      tel(jaar, n);
      if (g.provincie !== null) tel(`${jaar}|${g.provincie}`, n);
    }
  const verschil = (pad: string, wat: string, n: number, gemeenten: number | undefined) =>
    gemeenten === undefined || gemeenten === n
      ? []
      : [feedBerichten.inwonersTellenNietOp(pad, wat, n, gemeenten)];
  return [
    ...Object.entries(d.land.inwoners).flatMap(([jaar, n]) =>
      verschil(`dataset.land.inwoners.${jaar}`, "Nederland", n, sommen.get(jaar)),
    ),
    ...d.provincies.flatMap((p, i) =>
      Object.entries(p.inwoners).flatMap(([jaar, n]) =>
        verschil(`dataset.provincies.${i}.inwoners.${jaar}`, p.naam, n, sommen.get(`${jaar}|${p.code}`)),
      ),
    ),
  ];
}

export type LeesUitkomst =
  | { ok: true; bundel: Bundel }
  | { ok: false; reden: "json" | "formaat" | "schema"; bericht: string; details?: string[] };

/** Text → a bundle Opgave may use, or why not (Dutch). Never throws. */
export function leesBundel(tekst: string): LeesUitkomst {
  let json: unknown;
  try {
    json = JSON.parse(tekst.charCodeAt(0) === 0xfeff ? tekst.slice(1) : tekst);
  } catch (e) {
    return {
      ok: false,
      reden: "json",
      bericht: feedBerichten.json(e instanceof Error ? e.message : String(e)),
    };
  }
  const indeling = controleerIndeling(json);
  if (indeling) return indeling;

  const r = BundelSchema.safeParse(json, { error: nl().localeError });
  if (!r.success) {
    const details = r.error.issues
      .slice(0, 20)
      .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(bundel)"}: ${i.message}`);
    return {
      ok: false,
      reden: "schema",
      bericht: feedBerichten.schema(r.error.issues.length, details.slice(0, 3)),
      details,
    };
  }
  const problemen = kruiscontroles(r.data.dataset);
  if (problemen.length > 0) {
    return {
      ok: false,
      reden: "schema",
      bericht: feedBerichten.inconsistent(problemen.length, problemen.slice(0, 3)),
      details: problemen,
    };
  }
  return { ok: true, bundel: r.data };
}

/** Before the schema: is this a bundle at all, and one whose format version this Opgave can read? */
function controleerIndeling(json: unknown): Extract<LeesUitkomst, { ok: false }> | undefined {
  const obj =
    typeof json === "object" && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : {};
  if (obj.formaat !== BUNDEL_FORMAAT)
    return { ok: false, reden: "formaat", bericht: feedBerichten.geenBundel(obj.formaat) };
  const v = obj.formaatVersie;
  if (typeof v === "number" && Number.isInteger(v) && v > BUNDEL_FORMAAT_VERSIE)
    return { ok: false, reden: "formaat", bericht: feedBerichten.nieuwereIndeling(v, BUNDEL_FORMAAT_VERSIE) };
  return undefined;
}
