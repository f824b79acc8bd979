/**
 * Node-only helper (scripts/build-dataset.ts, `opgave bundel maak`, tests): reads every *.csv in a directory
 * (data/bronnen/) into { "file.csv": text }. Not for the add-in bundle.
 */
import { readdirSync, readFileSync } from "fs";
import { join } from "path";

export function readBronnen(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const naam of readdirSync(dir).sort()) {
    if (naam.endsWith(".csv")) files[naam] = readFileSync(join(dir, naam), "utf8");
  }
  return files;
}
