/**
 * The Opgave dataset: one JSON document with everything the engine answers from.
 * Validated with zod whenever it crosses a boundary (embedded file in tests, feed, cache).
 * Inside the program the inferred types are trusted.
 */
import { z } from "zod";

/** A real calendar date as JJJJ-MM-DD (2026-02-30 and 2026-99-99 are refused, not only odd shapes). */
export function isEchteDatum(tekst: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(tekst);
  if (!m) return false;
  const [j, mnd, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const datum = new Date(Date.UTC(j, mnd - 1, d));
  return datum.getUTCFullYear() === j && datum.getUTCMonth() === mnd - 1 && datum.getUTCDate() === d;
}
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "datum als JJJJ-MM-DD")
  // Only where the shape is right: a wrong shape is already reported once by the regex.
  .refine((t) => !/^\d{4}-\d{2}-\d{2}$/.test(t) || isEchteDatum(t), "geen bestaande kalenderdatum");
const gmCode = z.string().regex(/^GM\d{4}$/, "gemeentecode als GM0000");
const pvCode = z.string().regex(/^PV\d{2}$/, "provinciecode als PV00");
const vrCode = z.string().regex(/^VR\d{2}$/, "veiligheidsregiocode als VR00");
const periodeCode = z.string().regex(/^\d{4}-(I|II)$/, "periode als JJJJ-I of JJJJ-II");
/** Year as a string key ("2023") → number of inhabitants on 1 January of that year. */
const inwonersPerJaar = z.record(z.string().regex(/^\d{4}$/), z.number().int().nonnegative());

export const BronSchema = z.object({
  id: z.string().min(1),
  titel: z.string().min(1),
  /** Where it was published; several separated by " ; " in the originals are split here. */
  urls: z.array(z.string()),
  /** Date or period the figures refer to, free text as published ("1-1-2023", "2024-01/02"). */
  peildatum: z.string().optional(),
  /** File in data/bronnen/ this came from. */
  bestand: z.string().optional(),
});

export const ProvincieSchema = z.object({
  code: pvCode,
  naam: z.string().min(1),
  inwoners: inwonersPerJaar,
});

export const GemeenteSchema = z.object({
  code: gmCode,
  /** Dutch official name (CBS), e.g. "'s-Gravenhage", "Bergen (NH.)". */
  naam: z.string().min(1),
  /** Province; for a gemeente that no longer exists: the province it was in, or null when unknown. */
  provincie: pvCode.nullable(),
  veiligheidsregio: vrCode.nullable(),
  /** First day it existed, or null when it existed before the dataset's coverage (1-1-2015). */
  vanaf: isoDate.nullable(),
  /** First day it no longer existed (exclusive end), or null when it still exists. */
  tot: isoDate.nullable(),
  /** Population on 1 January of year Y, in the municipal classification of year Y (CBS). */
  inwoners: inwonersPerJaar,
  /**
   * Population on 1 January of year Y on the boundaries of a later classification, where CBS publishes it
   * (e.g. 1-1-2022 on 2023 boundaries). Key = year.
   */
  inwonersHerberekend: inwonersPerJaar.optional(),
  /** Extra names users type for it (colloquial, CBS English label, older spelling). */
  aliassen: z.array(z.string()),
});

export const HerindelingSchema = z.object({
  /** Date it took effect. */
  datum: isoDate,
  /**
   * samenvoeging: all `oud` together become `nieuw` (one code; it may be one of the old codes);
   * splitsing: one `oud` is divided over several `nieuw`;
   * naamswijziging: one `oud` continues under a new code/name.
   */
  soort: z.enum(["samenvoeging", "splitsing", "naamswijziging"]),
  oud: z.array(gmCode).min(1),
  nieuw: z.array(gmCode).min(1),
  /** Codes that received only part of an `oud` code's territory (e.g. Winsum's Ezinge went to Westerkwartier). */
  deelsNaar: z.array(gmCode).optional(),
  toelichting: z.string().optional(),
  bron: z.string(),
});

export const LandelijkeTaakstellingSchema = z.object({
  periode: periodeCode,
  /** The national number in force (latest version), or null when not known. */
  aantal: z.number().int().positive().nullable(),
  status: z.enum(["vastgesteld", "bijgesteld", "onbekend"]),
  /** Earlier numbers for this period, oldest first (history of a decision that was changed). */
  eerdereAantallen: z.array(z.number().int().positive()),
  /** Status text as published. */
  statusTekst: z.string(),
  /** Reference date of the population figures under art. 29 Hvw 2014 (1 January of the previous year). */
  peildatumInwoners: isoDate,
  toelichting: z.string(),
  bron: z.string(),
});

export const OfficieleTaakstellingSchema = z.object({
  periode: periodeCode,
  gemeente: gmCode,
  aantal: z.number().int().nonnegative(),
  bron: z.string(),
});

export const AchterstandLandelijkSchema = z.object({
  /** Date as published: ISO date, or free text such as "2023-12 (begin)". */
  peildatum: z.string(),
  omschrijving: z.string(),
  /** Numeric value where the source gives one exact number (negative = voorsprong), else null. */
  aantal: z.number().int().nullable(),
  /** The value as published ("5100 (bijna)", "283 gemeenten"). */
  waardeTekst: z.string(),
  bron: z.string(),
});

/** A figure that was published elsewhere but not used, kept visible in provenance with the reason. */
export const AlternatiefSchema = z.object({
  waarde: z.string().min(1),
  bron: z.string(),
  reden: z.string().min(1),
});

export const OpvangGemeenteSchema = z.object({
  gemeente: gmCode,
  /** Published number of reception places (incl. amv). */
  totaal: z.number().int().nonnegative(),
  /** Published amv part, or null when not published. */
  amv: z.number().int().nonnegative().nullable(),
  bron: z.string(),
  toelichting: z.string().optional(),
  /** Conflicting or uncertain figures from other sources, not used (why not: `reden`). */
  alternatieven: z.array(AlternatiefSchema),
});

export const OpvangProvincieSchema = z.object({
  provincie: pvCode,
  /** Target for the province (incl. amv), or null when this decision's provincial figure is not known. */
  totaal: z.number().int().nonnegative().nullable(),
  amv: z.number().int().nonnegative().nullable(),
  /** Where the amv figure comes from ("gepubliceerd", "afgeleid: …"). */
  amvToelichting: z.string().optional(),
  bron: z.string(),
  toelichting: z.string().optional(),
});

/**
 * A capacity/distribution decision under the Spreidingswet (or an earlier COA distribution). Decisions are
 * dated; a gemeente's figure always names the decision it comes from.
 */
export const OpvangBesluitSchema = z.object({
  /** Stable id, e.g. "spreidingswet-96000", "verdeelbesluit-2024-12", "raming-88000". */
  id: z.string().regex(/^[a-z0-9-]+$/),
  naam: z.string().min(1),
  /** Short words users may type to pick it ("96000", "2024", "verdeelbesluit"). Matched case-insensitively. */
  aliassen: z.array(z.string()),
  /** Date of the decision or publication. */
  datum: isoDate,
  /** Date the places must be available. */
  peildatum: isoDate,
  landelijkTotaal: z.number().int().positive().nullable(),
  landelijkAmv: z.number().int().nonnegative().nullable(),
  /**
   * For gemeenten without a published number, may the documented estimate be used (domain brief §3)?
   * Only for a decision whose provincial targets are complete.
   */
  schattingToegestaan: z.boolean(),
  /** "definitief", "indicatief", "gedeeltelijk gepubliceerd", "historisch" … as the sources say. */
  status: z.string(),
  bron: z.string(),
  provincies: z.array(OpvangProvincieSchema),
  gemeenten: z.array(OpvangGemeenteSchema),
  opmerkingen: z.array(z.string()),
});

export const KostenNormSchema = z.object({
  soort: z.enum(["coa-regulier", "coa-nood", "oekraine-goo", "oekraine-poo"]),
  vanaf: isoDate,
  /** Last day it applies (inclusive), or null when open-ended in the source. */
  tot: isoDate.nullable(),
  bedrag: z.number().positive(),
  eenheid: z.enum(["jaar", "maand", "dag"]),
  /** "vastgesteld", "aangekondigd", "eenheid onzeker" … */
  status: z.string(),
  toelichting: z.string(),
  bron: z.string(),
});

export const PrikkelSchema = z.object({
  fase: z.enum(["landelijk", "provinciaal", "aanwijzing"]),
  /** true = durable (≥ 5 years, > 100 places), false = not durable, null = applies to both. */
  duurzaam: z.boolean().nullable(),
  bedrag: z.number().int().positive(),
  omschrijving: z.string(),
  status: z.string(),
  bron: z.string(),
});

export const DatasetSchema = z.object({
  /** Stable identity of the dataset line, e.g. "opgave-standaard". */
  id: z.string().min(1),
  /** Version, e.g. "2026.11.28"; later versions compare greater as strings of equal shape. */
  versie: z.string().min(1),
  /** Date the dataset was compiled. */
  datum: isoDate,
  bronnen: z.array(BronSchema),
  land: z.object({ inwoners: inwonersPerJaar }),
  provincies: z.array(ProvincieSchema),
  veiligheidsregios: z.array(z.object({ code: vrCode, naam: z.string().min(1) })),
  gemeenten: z.array(GemeenteSchema),
  herindelingen: z.array(HerindelingSchema),
  landelijkeTaakstelling: z.array(LandelijkeTaakstellingSchema),
  officieleTaakstelling: z.array(OfficieleTaakstellingSchema),
  achterstandLandelijk: z.array(AchterstandLandelijkSchema),
  /** Reception decisions, oldest first (Spreidingswet and the older COA provincial distributions). */
  opvangBesluiten: z.array(OpvangBesluitSchema),
  kostenNormen: z.array(KostenNormSchema),
  /** Spreidingswet financial incentive (final regulation as reported; drafts are not included). */
  prikkels: z.array(PrikkelSchema),
});

export type Bron = z.infer<typeof BronSchema>;
export type Provincie = z.infer<typeof ProvincieSchema>;
export type Gemeente = z.infer<typeof GemeenteSchema>;
export type Herindeling = z.infer<typeof HerindelingSchema>;
export type LandelijkeTaakstelling = z.infer<typeof LandelijkeTaakstellingSchema>;
export type OfficieleTaakstelling = z.infer<typeof OfficieleTaakstellingSchema>;
export type AchterstandLandelijk = z.infer<typeof AchterstandLandelijkSchema>;
export type OpvangGemeente = z.infer<typeof OpvangGemeenteSchema>;
export type OpvangProvincie = z.infer<typeof OpvangProvincieSchema>;
export type OpvangBesluit = z.infer<typeof OpvangBesluitSchema>;
export type KostenNorm = z.infer<typeof KostenNormSchema>;
export type Prikkel = z.infer<typeof PrikkelSchema>;
export type Dataset = z.infer<typeof DatasetSchema>;
