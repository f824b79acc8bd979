/**
 * Loading a dataset across a boundary (embedded file, feed, cache): zod-validated, with a Dutch summary of what
 * is wrong. Inside the program the result is trusted.
 */
import { DatasetSchema, type Dataset } from "./schema";

export class DatasetFout extends Error {
  constructor(
    message: string,
    readonly problemen: readonly string[],
  ) {
    super(message);
    this.name = "DatasetFout";
  }
}

export function valideerDataset(json: unknown): Dataset {
  const r = DatasetSchema.safeParse(json);
  if (r.success) return r.data;
  const problemen = r.error.issues
    .slice(0, 20)
    .map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`);
  throw new DatasetFout(
    `De dataset voldoet niet aan het schema (${r.error.issues.length} problemen): ${problemen.slice(0, 3).join("; ")}`,
    problemen,
  );
}
