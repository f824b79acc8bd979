/**
 * CSV parsing for the source files in data/bronnen/ (papaparse; fields may contain quoted commas such as
 * "Nuenen, Gerwen en Nederwetten"). Pure: takes text, returns rows.
 */
import Papa from "papaparse";

export type CsvRij = Record<string, string>;

/**
 * Parses a CSV text with a header row into one object per row (all values as strings, not trimmed).
 * Throws on parse errors or when a required column is missing, naming the file.
 */
export function parseCsv(
  tekst: string,
  bestand: string,
  verplichteKolommen: readonly string[] = [],
): CsvRij[] {
  const resultaat = Papa.parse<CsvRij>(tekst.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: true,
    dynamicTyping: false,
  });
  if (resultaat.errors.length > 0) {
    const fout = resultaat.errors[0]!;
    throw new Error(`${bestand}: CSV-fout op rij ${fout.row ?? "?"}: ${fout.message}`);
  }
  const kolommen = resultaat.meta.fields ?? [];
  for (const kolom of verplichteKolommen) {
    if (!kolommen.includes(kolom)) {
      throw new Error(`${bestand}: kolom '${kolom}' ontbreekt (gevonden: ${kolommen.join(", ")})`);
    }
  }
  return resultaat.data;
}

/** The value of a column in a row; throws when the column is absent (a typo in code, not in data). */
export function veld(rij: CsvRij, kolom: string, bestand: string): string {
  const waarde = rij[kolom];
  if (waarde === undefined)
    throw new Error(`${bestand}: kolom '${kolom}' ontbreekt in rij ${JSON.stringify(rij)}`);
  return waarde;
}

/** The text of a source file; throws naming the file when it is absent. */
export function vereisBestand(files: Record<string, string>, naam: string): string {
  const tekst = files[naam];
  if (tekst === undefined) throw new Error(`bronbestand ontbreekt: data/bronnen/${naam}`);
  return tekst;
}

/** A whole number as written in a cell (optionally negative, no separators); throws otherwise. */
export function geheelGetal(tekst: string, waar: string): number {
  if (!/^-?\d+$/.test(tekst.trim())) throw new Error(`${waar}: '${tekst}' is geen geheel getal`);
  return Number(tekst.trim());
}

/** The URLs in a `bron_url` cell (several separated by " ; "); other text ("idem", notes) is dropped. */
export function urlsUit(tekst: string): string[] {
  return tekst
    .split(" ; ")
    .map((s) => s.trim())
    .filter((s) => /^https?:\/\//.test(s));
}
