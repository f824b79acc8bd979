/**
 * Deterministic, diff-friendly JSON for the embedded dataset: top-level keys in schema order, one array element
 * (one gemeente, one herindeling, …) per line, object keys in schema order (as produced by DatasetSchema.parse),
 * year keys ascending. Running the build twice gives identical bytes.
 */
import { DatasetSchema, type Dataset } from "../schema";

export function serializeDataset(dataset: Dataset): string {
  // Parse again so key order follows the schema regardless of how the object was built.
  const d = DatasetSchema.parse(dataset) as Record<string, unknown>;
  const regels: string[] = [];
  // An optional part the dataset does not have (oekraineKerncijfers in an older one) is left out.
  const sleutels = Object.keys(DatasetSchema.shape).filter((s) => d[s] !== undefined);
  sleutels.forEach((sleutel, i) => {
    const waarde = d[sleutel];
    const komma = i < sleutels.length - 1 ? "," : "";
    if (Array.isArray(waarde) && waarde.length > 0) {
      regels.push(`  ${JSON.stringify(sleutel)}: [`);
      waarde.forEach((el, j) => regels.push(`    ${JSON.stringify(el)}${j < waarde.length - 1 ? "," : ""}`));
      regels.push(`  ]${komma}`);
    } else {
      regels.push(`  ${JSON.stringify(sleutel)}: ${JSON.stringify(waarde)}${komma}`);
    }
  });
  return `{\n${regels.join("\n")}\n}\n`;
}
