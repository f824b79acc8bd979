/**
 * The embedded default dataset (built by `npm run dataset` from data/bronnen/, validated by tests/data).
 * It is trusted here: the test suite proves it passes the schema and matches its sources.
 */
import json from "./embedded/dataset.json";
import type { Dataset } from "./schema";

export function standaardDataset(): Dataset {
  return json as unknown as Dataset;
}
