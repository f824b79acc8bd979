/**
 * Validation of the Opgave dataset: zod schemas for the document the engine answers from.
 * Validated whenever it crosses a boundary (embedded file in tests, feed, cache); inside the program it is
 * trusted. The types belong to the domain (src/domain/model.ts, where the fields are documented); the schemas
 * here produce exactly those types, which the compile-time check at the end of this file proves.
 */
import { z } from "zod";
import { GRENZEN, type Grootheid } from "../domain/grenzen";
import type * as model from "../domain/model";
import { feedBerichten } from "./berichten";

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
/**
 * A number of the data held to the range of the same quantity a user may give (./domain/grenzen, docs/grenzen.md),
 * from `min` (0 or 1, as the field allows, or "grootheid": the quantity's own minimum) up to the quantity's maximum:
 * a bundle with digits too many, or a value no result can hold (a rate of 1E+308 made the costs Infinity), is
 * refused at the boundary, signed or not.
 */
function begrensd(g: Grootheid, min: 0 | 1 | "grootheid"): z.ZodNumber {
  const n = g.geheel ? z.number().int() : z.number();
  const vanaf =
    min === "grootheid"
      ? n.min(g.min, feedBerichten.getalTeKlein(g))
      : min === 0
        ? n.nonnegative()
        : n.positive();
  return vanaf.max(g.max, feedBerichten.getalTeGroot(g));
}
/** Year as a string key ("2023") → number of inhabitants on 1 January of that year. */
const inwonersPerJaar = z.record(z.string().regex(/^\d{4}$/), z.number().int().nonnegative());

export const BronSchema = z.object({
  id: z.string().min(1),
  titel: z.string().min(1),
  urls: z.array(z.string()),
  peildatum: z.string().optional(),
  bestand: z.string().optional(),
});

export const ProvincieSchema = z.object({
  code: pvCode,
  naam: z.string().min(1),
  inwoners: inwonersPerJaar,
});

export const LandSchema = z.object({ inwoners: inwonersPerJaar });

export const VeiligheidsregioSchema = z.object({ code: vrCode, naam: z.string().min(1) });

export const GemeenteSchema = z.object({
  code: gmCode,
  naam: z.string().min(1),
  provincie: pvCode.nullable(),
  veiligheidsregio: vrCode.nullable(),
  vanaf: isoDate.nullable(),
  tot: isoDate.nullable(),
  inwoners: inwonersPerJaar,
  inwonersHerberekend: inwonersPerJaar.optional(),
  aliassen: z.array(z.string()),
});

export const HerindelingSchema = z.object({
  datum: isoDate,
  soort: z.enum(["samenvoeging", "splitsing", "naamswijziging"]),
  oud: z.array(gmCode).min(1),
  nieuw: z.array(gmCode).min(1),
  deelsNaar: z.array(gmCode).optional(),
  toelichting: z.string().optional(),
  bron: z.string(),
});

export const LandelijkeTaakstellingSchema = z.object({
  periode: periodeCode,
  aantal: begrensd(GRENZEN.landelijkTaakstelling, 1).nullable(),
  status: z.enum(["vastgesteld", "bijgesteld", "onbekend"]),
  eerdereAantallen: z.array(begrensd(GRENZEN.landelijkTaakstelling, 1)),
  statusTekst: z.string(),
  peildatumInwoners: isoDate,
  toelichting: z.string(),
  bron: z.string(),
});

export const OfficieleTaakstellingSchema = z.object({
  periode: periodeCode,
  gemeente: gmCode,
  // A gemeente's share of the country's number, never more than it.
  aantal: begrensd(GRENZEN.landelijkTaakstelling, 0),
  bron: z.string(),
});

export const AchterstandLandelijkSchema = z.object({
  peildatum: z.string(),
  omschrijving: z.string(),
  // Persons still to house at a date, or a lead (negative: "ca. 2.000 meer gehuisvest", 2017).
  aantal: begrensd(GRENZEN.beginsaldo, "grootheid").nullable(),
  waardeTekst: z.string(),
  bron: z.string(),
});

export const AlternatiefSchema = z.object({
  waarde: z.string().min(1),
  bron: z.string(),
  reden: z.string().min(1),
});

export const OpvangGemeenteSchema = z.object({
  gemeente: gmCode,
  totaal: begrensd(GRENZEN.plaatsen, 0),
  amv: begrensd(GRENZEN.plaatsen, 0).nullable(),
  bron: z.string(),
  toelichting: z.string().optional(),
  alternatieven: z.array(AlternatiefSchema),
});

export const OpvangProvincieSchema = z.object({
  provincie: pvCode,
  totaal: begrensd(GRENZEN.plaatsen, 0).nullable(),
  amv: begrensd(GRENZEN.plaatsen, 0).nullable(),
  amvToelichting: z.string().optional(),
  bron: z.string(),
  toelichting: z.string().optional(),
});

export const OpvangBesluitSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  naam: z.string().min(1),
  aliassen: z.array(z.string()),
  datum: isoDate,
  peildatum: isoDate,
  landelijkTotaal: begrensd(GRENZEN.landelijk, 1).nullable(),
  landelijkAmv: begrensd(GRENZEN.landelijk, 0).nullable(),
  schattingToegestaan: z.boolean(),
  status: z.string(),
  bron: z.string(),
  provincies: z.array(OpvangProvincieSchema),
  gemeenten: z.array(OpvangGemeenteSchema),
  opmerkingen: z.array(z.string()),
});

export const KostenNormSchema = z.object({
  soort: z.enum(["coa-regulier", "coa-nood", "oekraine-goo", "oekraine-poo"]),
  vanaf: isoDate,
  tot: isoDate.nullable(),
  // Per year, month or day (`eenheid`): per year the largest, and the range of a user's own amount.
  bedrag: begrensd(GRENZEN.bedragPerPlaats, 1),
  eenheid: z.enum(["jaar", "maand", "dag"]),
  status: z.string(),
  toelichting: z.string(),
  bron: z.string(),
});

export const PrikkelSchema = z.object({
  fase: z.enum(["landelijk", "provinciaal", "aanwijzing"]),
  duurzaam: z.boolean().nullable(),
  bedrag: begrensd(GRENZEN.bedragPerPlaats, 1).int(),
  omschrijving: z.string(),
  status: z.string(),
  bron: z.string(),
});

/** A day (2022-03-07) or a month (2023-11), as the source dates a key figure. */
const dagOfMaand = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/, "datum als JJJJ-MM-DD of JJJJ-MM")
  .refine((t) => !/^\d{4}-\d{2}$/.test(t) || isEchteDatum(`${t}-01`), "geen bestaande maand")
  .refine((t) => !/^\d{4}-\d{2}-\d{2}$/.test(t) || isEchteDatum(t), "geen bestaande kalenderdatum");

export const OekraineKerncijferSchema = z.object({
  datum: dagOfMaand,
  indicator: z.string().min(1),
  // Persons or places in the whole country.
  aantal: begrensd(GRENZEN.landelijk, 0).nullable(),
  waardeTekst: z.string().min(1),
  toelichting: z.string(),
  bron: z.string(),
});

export const DatasetSchema = z.object({
  id: z.string().min(1),
  versie: z.string().min(1),
  datum: isoDate,
  bronnen: z.array(BronSchema),
  land: LandSchema,
  provincies: z.array(ProvincieSchema),
  veiligheidsregios: z.array(VeiligheidsregioSchema),
  gemeenten: z.array(GemeenteSchema),
  herindelingen: z.array(HerindelingSchema),
  landelijkeTaakstelling: z.array(LandelijkeTaakstellingSchema),
  officieleTaakstelling: z.array(OfficieleTaakstellingSchema),
  achterstandLandelijk: z.array(AchterstandLandelijkSchema),
  opvangBesluiten: z.array(OpvangBesluitSchema),
  kostenNormen: z.array(KostenNormSchema),
  prikkels: z.array(PrikkelSchema),
  oekraineKerncijfers: z.array(OekraineKerncijferSchema).optional(),
});

export type {
  AchterstandLandelijk,
  Alternatief,
  Bron,
  Dataset,
  Gemeente,
  Herindeling,
  KostenNorm,
  Land,
  LandelijkeTaakstelling,
  OekraineKerncijfer,
  OfficieleTaakstelling,
  OpvangBesluit,
  OpvangGemeente,
  OpvangProvincie,
  Prikkel,
  Provincie,
  Veiligheidsregio,
} from "../domain/model";

/**
 * true when A and B are the same type: each assignable to the other and with the same keys (an optional field
 * present on one side only would otherwise still pass both ways).
 */
type Gelijk<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;
type Waar<T extends true> = T;

/**
 * Compile-time check, no run-time code: a schema that drifts from src/domain/model.ts (a field added, removed,
 * made optional or given another type on either side) makes `tsc` fail on this line.
 */
export type SchemasPassenBijModel = [
  Waar<Gelijk<z.infer<typeof BronSchema>, model.Bron>>,
  Waar<Gelijk<z.infer<typeof ProvincieSchema>, model.Provincie>>,
  Waar<Gelijk<z.infer<typeof LandSchema>, model.Land>>,
  Waar<Gelijk<z.infer<typeof VeiligheidsregioSchema>, model.Veiligheidsregio>>,
  Waar<Gelijk<z.infer<typeof GemeenteSchema>, model.Gemeente>>,
  Waar<Gelijk<z.infer<typeof HerindelingSchema>, model.Herindeling>>,
  Waar<Gelijk<z.infer<typeof LandelijkeTaakstellingSchema>, model.LandelijkeTaakstelling>>,
  Waar<Gelijk<z.infer<typeof OfficieleTaakstellingSchema>, model.OfficieleTaakstelling>>,
  Waar<Gelijk<z.infer<typeof AchterstandLandelijkSchema>, model.AchterstandLandelijk>>,
  Waar<Gelijk<z.infer<typeof AlternatiefSchema>, model.Alternatief>>,
  Waar<Gelijk<z.infer<typeof OpvangGemeenteSchema>, model.OpvangGemeente>>,
  Waar<Gelijk<z.infer<typeof OpvangProvincieSchema>, model.OpvangProvincie>>,
  Waar<Gelijk<z.infer<typeof OpvangBesluitSchema>, model.OpvangBesluit>>,
  Waar<Gelijk<z.infer<typeof KostenNormSchema>, model.KostenNorm>>,
  Waar<Gelijk<z.infer<typeof PrikkelSchema>, model.Prikkel>>,
  Waar<Gelijk<z.infer<typeof OekraineKerncijferSchema>, model.OekraineKerncijfer>>,
  Waar<Gelijk<z.infer<typeof DatasetSchema>, model.Dataset>>,
];
