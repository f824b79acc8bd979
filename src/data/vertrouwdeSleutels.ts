/**
 * The publisher keys this build trusts. They are part of the build configuration
 * (manifest/vertrouwde-sleutels.json, one list per profile: more than one key = key rotation): webpack injects
 * the chosen profile's list as OPGAVE_VERTROUWDE_SLEUTELS; the CLI reads the file (src/cli/bundel.ts).
 * A key marked `ontwikkeling` (the repository's own development key) is never trusted by the production profile:
 * `sleutelsVoorProfiel` refuses such a configuration, and the build fails on it.
 */
import { z } from "zod";
import { PubliekeSleutelSchema, type PubliekeSleutel } from "./handtekening";

export const PROFIELEN = ["development", "production"] as const;
export type Profiel = (typeof PROFIELEN)[number];

export const SleutelConfigSchema = z.object({
  uitleg: z.string().optional(),
  profielen: z.object({
    development: z.array(PubliekeSleutelSchema),
    production: z.array(PubliekeSleutelSchema),
  }),
});
export type SleutelConfig = z.infer<typeof SleutelConfigSchema>;

/** The keys of one profile; throws (Dutch) on a development key in production. */
export function sleutelsVoorProfiel(config: unknown, profiel: Profiel): PubliekeSleutel[] {
  const r = SleutelConfigSchema.safeParse(config);
  if (!r.success) throw new Error("manifest/vertrouwde-sleutels.json heeft niet de verwachte indeling");
  const sleutels = r.data.profielen[profiel];
  const ontwikkel = sleutels.filter((s) => s.ontwikkeling === true);
  if (profiel === "production" && ontwikkel.length > 0)
    throw new Error(
      `het productieprofiel vertrouwt een ontwikkelsleutel (${ontwikkel.map((s) => s.id).join(", ")}); ` +
        "haal die uit profielen.production in manifest/vertrouwde-sleutels.json",
    );
  return sleutels;
}

declare const OPGAVE_VERTROUWDE_SLEUTELS: readonly PubliekeSleutel[] | undefined;

/** The keys compiled into this add-in build (none outside webpack, e.g. in Node: pass keys explicitly there). */
export function ingebouwdeSleutels(): readonly PubliekeSleutel[] {
  return typeof OPGAVE_VERTROUWDE_SLEUTELS === "undefined" ? [] : OPGAVE_VERTROUWDE_SLEUTELS;
}
