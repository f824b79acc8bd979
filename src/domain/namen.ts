/**
 * Name keys for matching what users type: case, diacritics, apostrophes, dots, brackets, hyphens
 * and spaces do not matter ("'s-Hertogenbosch" = "s Hertogenbosch" = "shertogenbosch").
 */
import { distance } from "fastest-levenshtein";

export function naamSleutel(naam: string): string {
  return naam
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** A name and its bracketed distinction at the end: "Bergen (NH.)" → "Bergen" and "NH.". */
const MET_TOEVOEGING = /^(.*?)\s*\(([^)]*)\)\s*$/;

/** "Bergen (NH.)" → "Bergen": the name without the official bracketed distinction. */
export function naamZonderToevoeging(naam: string): string | null {
  const m = MET_TOEVOEGING.exec(naam);
  return m && m[1] ? m[1] : null;
}

/** "Bergen (NH.)" → "NH.": the bracketed distinction itself; null when the name has none. */
export function toevoeging(naam: string): string | null {
  return MET_TOEVOEGING.exec(naam)?.[2] ?? null;
}

export interface Kandidaat<T> {
  readonly sleutel: string;
  readonly waarde: T;
}

/**
 * Up to `max` closest candidates: prefix matches first, then by edit distance within a tolerance that grows
 * with the length of what was typed. Returns distinct values.
 */
export function suggesties<T>(invoer: string, kandidaten: Iterable<Kandidaat<T>>, max = 3): T[] {
  const sleutel = naamSleutel(invoer);
  if (sleutel.length === 0) return [];
  const tolerantie = Math.max(2, Math.floor(sleutel.length / 3));
  const scores = new Map<T, number>();
  for (const k of kandidaten) {
    let score: number;
    if (sleutel.length >= 3 && k.sleutel.startsWith(sleutel)) score = 0.5;
    // The edit distance is at least the difference in length: skip without computing it (a pasted page of
    // text must not cost a full comparison with every name).
    else if (Math.abs(sleutel.length - k.sleutel.length) > tolerantie) continue;
    else {
      const d = distance(sleutel, k.sleutel);
      if (d > tolerantie) continue;
      score = d;
    }
    const eerder = scores.get(k.waarde);
    if (eerder === undefined || score < eerder) scores.set(k.waarde, score);
  }
  return [...scores.entries()]
    .sort((a, b) => a[1] - b[1])
    .slice(0, max)
    .map(([w]) => w);
}
