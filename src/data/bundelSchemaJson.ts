/**
 * The JSON Schema of the bundle format for publishers, generated from the zod definition (./bundel) so the two
 * cannot drift. Committed as schema/opgave-bundel.schema.json and published next to bundel.json by the build
 * (scripts/export-bundel.ts); a test checks the committed file equals a fresh export.
 *
 * Note: the schema is stricter than Opgave's reader in one respect — it forbids properties the format does not
 * define (`additionalProperties: false`), so a publisher's typo is caught; Opgave itself ignores unknown ones.
 * Cross-references (a gemeente code used in a figure must exist in `gemeenten`, codes unique …) cannot be said
 * in JSON Schema; Opgave checks them when it reads a bundle (`kruiscontroles` in ./bundel).
 */
import { z } from "zod";
import { BundelSchema } from "./bundel";

export function bundelJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(BundelSchema) as Record<string, unknown>;
}
