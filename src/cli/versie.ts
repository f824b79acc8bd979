/**
 * Which Opgave this is and which data it carries (`opgave --versie`; also the add-in version a fill writes on its
 * Bron sheet): the version of package.json, two folders up from both src/cli and dist-cli/cli.
 */
import fs from "fs";
import path from "path";
import { berichten } from "../domain/berichten";
import { engine } from "../data/store";

/** The version in package.json; "onbekend" where it cannot be read. */
export function eigenVersie(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")) as {
      version?: unknown;
    };
    return typeof pkg.version === "string" ? pkg.version : "onbekend";
  } catch {
    return "onbekend";
  }
}

/** The line `opgave --versie` prints: Opgave's version and the embedded dataset (id, version, date). */
export function versieRegel(): string {
  const d = engine().dataset;
  return berichten.versie(eigenVersie(), d.id, d.versie, d.datum);
}
