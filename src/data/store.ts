/**
 * The one engine of this runtime (task pane and custom functions share it in the shared runtime).
 * Built lazily from the embedded default dataset on first use, so loading the page costs nothing until asked.
 */
import { Engine } from "../domain/engine";
import type { Dataset } from "./schema";
import { standaardDataset } from "./embedded";

let huidig: Engine | undefined;

export function engine(): Engine {
  huidig ??= new Engine(standaardDataset());
  return huidig;
}

/** Switch every later answer to another (already validated) dataset. */
export function gebruikDataset(dataset: Dataset): Engine {
  huidig = new Engine(dataset);
  return huidig;
}
