/**
 * The Opgave dataset as the domain sees it: one document with everything the engine answers from.
 * Plain TypeScript, owned by the domain. The data layer (src/data/schema.ts) validates input against zod
 * schemas that produce exactly these types (checked at compile time there); inside the program they are trusted.
 *
 * Dates are ISO strings (JJJJ-MM-DD), gemeente codes GM0000, provincie codes PV00, veiligheidsregio codes
 * VR00, periods JJJJ-I or JJJJ-II.
 */

/** Year as a string key ("2023") → number of inhabitants on 1 January of that year. */
export type InwonersPerJaar = Record<string, number>;

export interface Bron {
  id: string;
  titel: string;
  /** Where it was published; several separated by " ; " in the originals are split here. */
  urls: string[];
  /** Date or period the figures refer to, free text as published ("1-1-2023", "2024-01/02"). */
  peildatum?: string | undefined;
  /** File in data/bronnen/ this came from. */
  bestand?: string | undefined;
}

export interface Provincie {
  code: string;
  naam: string;
  inwoners: InwonersPerJaar;
}

/** The whole country. */
export interface Land {
  inwoners: InwonersPerJaar;
}

export interface Veiligheidsregio {
  code: string;
  naam: string;
}

export interface Gemeente {
  code: string;
  /** Dutch official name (CBS), e.g. "'s-Gravenhage", "Bergen (NH.)". */
  naam: string;
  /** Province; for a gemeente that no longer exists: the province it was in, or null when unknown. */
  provincie: string | null;
  veiligheidsregio: string | null;
  /** First day it existed, or null when it existed before the dataset's coverage (1-1-2015). */
  vanaf: string | null;
  /** First day it no longer existed (exclusive end), or null when it still exists. */
  tot: string | null;
  /** Population on 1 January of year Y, in the municipal classification of year Y (CBS). */
  inwoners: InwonersPerJaar;
  /**
   * Population on 1 January of year Y on the boundaries of a later classification, where CBS publishes it
   * (e.g. 1-1-2022 on 2023 boundaries). Key = year.
   */
  inwonersHerberekend?: InwonersPerJaar | undefined;
  /** Extra names users type for it (colloquial, CBS English label, older spelling). */
  aliassen: string[];
}

export interface Herindeling {
  /** Date it took effect. */
  datum: string;
  /**
   * samenvoeging: all `oud` together become `nieuw` (one code; it may be one of the old codes);
   * splitsing: one `oud` is divided over several `nieuw`;
   * naamswijziging: one `oud` continues under a new code/name.
   */
  soort: "samenvoeging" | "splitsing" | "naamswijziging";
  /** At least one code. */
  oud: string[];
  /** At least one code. */
  nieuw: string[];
  /** Codes that received only part of an `oud` code's territory (e.g. Winsum's Ezinge went to Westerkwartier). */
  deelsNaar?: string[] | undefined;
  toelichting?: string | undefined;
  bron: string;
}

export interface LandelijkeTaakstelling {
  periode: string;
  /** The national number in force (latest version), or null when not known. */
  aantal: number | null;
  status: "vastgesteld" | "bijgesteld" | "onbekend";
  /** Earlier numbers for this period, oldest first (history of a decision that was changed). */
  eerdereAantallen: number[];
  /** Status text as published. */
  statusTekst: string;
  /** Reference date of the population figures under art. 29 Hvw 2014 (1 January of the previous year). */
  peildatumInwoners: string;
  toelichting: string;
  bron: string;
}

export interface OfficieleTaakstelling {
  periode: string;
  gemeente: string;
  aantal: number;
  bron: string;
}

export interface AchterstandLandelijk {
  /** Date as published: ISO date, or free text such as "2023-12 (begin)". */
  peildatum: string;
  omschrijving: string;
  /** Numeric value where the source gives one exact number (negative = voorsprong), else null. */
  aantal: number | null;
  /** The value as published ("5100 (bijna)", "283 gemeenten"). */
  waardeTekst: string;
  bron: string;
}

/** A figure that was published elsewhere but not used, kept visible in provenance with the reason. */
export interface Alternatief {
  waarde: string;
  bron: string;
  reden: string;
}

export interface OpvangGemeente {
  gemeente: string;
  /** Published number of reception places (incl. amv). */
  totaal: number;
  /** Published amv part, or null when not published. */
  amv: number | null;
  bron: string;
  toelichting?: string | undefined;
  /** Conflicting or uncertain figures from other sources, not used (why not: `reden`). */
  alternatieven: Alternatief[];
}

export interface OpvangProvincie {
  provincie: string;
  /** Target for the province (incl. amv), or null when this decision's provincial figure is not known. */
  totaal: number | null;
  amv: number | null;
  /** Where the amv figure comes from ("gepubliceerd", "afgeleid: …"). */
  amvToelichting?: string | undefined;
  bron: string;
  toelichting?: string | undefined;
}

/**
 * A capacity/distribution decision under the Spreidingswet (or an earlier COA distribution). Decisions are
 * dated; a gemeente's figure always names the decision it comes from.
 */
export interface OpvangBesluit {
  /** Stable id, e.g. "spreidingswet-96000", "verdeelbesluit-2024-12", "raming-88000". */
  id: string;
  naam: string;
  /** Short words users may type to pick it ("96000", "2024", "verdeelbesluit"). Matched case-insensitively. */
  aliassen: string[];
  /** Date of the decision or publication. */
  datum: string;
  /** Date the places must be available. */
  peildatum: string;
  landelijkTotaal: number | null;
  landelijkAmv: number | null;
  /**
   * For gemeenten without a published number, may the documented estimate be used (domain brief §3)?
   * Only for a decision whose provincial targets are complete.
   */
  schattingToegestaan: boolean;
  /** "definitief", "indicatief", "gedeeltelijk gepubliceerd", "historisch" … as the sources say. */
  status: string;
  bron: string;
  provincies: OpvangProvincie[];
  gemeenten: OpvangGemeente[];
  opmerkingen: string[];
}

export interface KostenNorm {
  soort: "coa-regulier" | "coa-nood" | "oekraine-goo" | "oekraine-poo";
  vanaf: string;
  /** Last day it applies (inclusive), or null when open-ended in the source. */
  tot: string | null;
  bedrag: number;
  eenheid: "jaar" | "maand" | "dag";
  /** "vastgesteld", "aangekondigd", "eenheid onzeker" … */
  status: string;
  toelichting: string;
  bron: string;
}

export interface Prikkel {
  fase: "landelijk" | "provinciaal" | "aanwijzing";
  /** true = durable (≥ 5 years, > 100 places), false = not durable, null = applies to both. */
  duurzaam: boolean | null;
  bedrag: number;
  omschrijving: string;
  status: string;
  bron: string;
}

/**
 * A national key figure of the reception of displaced persons from Ukraine, as published (Veiligheidsberaad, VNG,
 * ministry; via news items). A source row that gives two figures at once ("gevraagd / gerealiseerd",
 * "90000 / 78000") is split into one figure per indicator; nothing is derived, summed or distributed.
 */
export interface OekraineKerncijfer {
  /** Date as published: a day (2022-03-07) or a month (2023-11). */
  datum: string;
  /** Indicator name as in the source ("landelijke doelstelling", "gevraagd", "in gebruik", …). */
  indicator: string;
  /** The number when the source gives one exact whole number, else null (e.g. "83000+"). */
  aantal: number | null;
  /** The value as published ("90760", "83000+"). */
  waardeTekst: string;
  /** The source row's explanation; for a split row it also quotes the row as published. */
  toelichting: string;
  /** URL(s) separated by " ; ", or a publication named in words. */
  bron: string;
}

export interface Dataset {
  /** Stable identity of the dataset line, e.g. "opgave-standaard". */
  id: string;
  /** Version, e.g. "2026.11.28"; later versions compare greater as strings of equal shape. */
  versie: string;
  /** Date the dataset was compiled. */
  datum: string;
  bronnen: Bron[];
  land: Land;
  provincies: Provincie[];
  veiligheidsregios: Veiligheidsregio[];
  gemeenten: Gemeente[];
  herindelingen: Herindeling[];
  landelijkeTaakstelling: LandelijkeTaakstelling[];
  officieleTaakstelling: OfficieleTaakstelling[];
  achterstandLandelijk: AchterstandLandelijk[];
  /** Reception decisions, oldest first (Spreidingswet and the older COA provincial distributions). */
  opvangBesluiten: OpvangBesluit[];
  kostenNormen: KostenNorm[];
  /** Spreidingswet financial incentive (final regulation as reported; drafts are not included). */
  prikkels: Prikkel[];
  /**
   * National key figures of the Ukrainian reception, in source order (by date). Optional: a bundle made before
   * they were added to the format has none (OEKRAINECIJFERS then says so).
   */
  oekraineKerncijfers?: OekraineKerncijfer[] | undefined;
}
