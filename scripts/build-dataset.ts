/**
 * npm run dataset — builds src/data/embedded/dataset.json from data/bronnen/*.csv.
 * Only file I/O here; the transformation is src/data/bronnen/buildDataset.ts.
 */
import { mkdirSync, writeFileSync } from "fs";
import { dirname, join, relative } from "path";
import { buildDataset } from "../src/data/bronnen/buildDataset";
import { readBronnen } from "../src/data/bronnen/readBronnen";
import { serializeDataset } from "../src/data/bronnen/serialize";

const root = join(__dirname, "..");
const bronDir = join(root, "data", "bronnen");
const uit = join(root, "src", "data", "embedded", "dataset.json");

const dataset = buildDataset(readBronnen(bronDir));
mkdirSync(dirname(uit), { recursive: true });
writeFileSync(uit, serializeDataset(dataset), "utf8");
console.log(
  `${relative(root, uit)}: ${dataset.gemeenten.length} gemeenten, ${dataset.herindelingen.length} herindelingen, ` +
    `${dataset.landelijkeTaakstelling.length} perioden, ${dataset.opvangBesluiten.length} opvangbesluiten, ` +
    `${dataset.kostenNormen.length} kostennormen, ${dataset.prikkels.length} prikkels, ` +
    `${dataset.oekraineKerncijfers?.length ?? 0} kerncijfers Oekraïne, ${dataset.bronnen.length} bronnen`,
);
