/** Name comparison used by the dataset build and its checks. */

/** Comparison form of a name: no diacritics, no apostrophes, lower case, single spaces. */
export function normaliseerNaam(naam: string): string {
  return naam
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’`]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}
