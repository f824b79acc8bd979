/**
 * The plausible range of every number Opgave takes from a user: one table, used by the custom functions at their
 * boundary (src/functions/excelArgs.ts), by the domain's own checks (kosten, kleinschalig, opvang, the ledger) and
 * documented in docs/grenzen.md (tests/domain/grenzen.test.ts keeps that page equal to this table).
 *
 * A number outside its range is refused (#VALUE! with a Dutch message naming the argument and the range), never
 * computed with: a range is wide enough for every real question (a whole country, a generous margin) and narrow
 * enough that no result can overflow. Counts are whole numbers. Costs are never negative.
 */
import { berichten } from "./berichten";
import { ongeldig, type OpgaveFout } from "./fouten";

export interface Grootheid {
  /** Dutch description of the quantity, in messages and in docs/grenzen.md. */
  readonly omschrijving: string;
  readonly min: number;
  readonly max: number;
  /** A count (or a year): whole numbers only. */
  readonly geheel: boolean;
  /** How the bounds are shown: a count or number (200.000), euros (€ 200.000), a year (2200). */
  readonly soort: "aantal" | "getal" | "euro" | "jaar";
}

function grootheid(omschrijving: string, min: number, max: number, soort: Grootheid["soort"]): Grootheid {
  return { omschrijving, min, max, geheel: soort === "aantal" || soort === "jaar", soort };
}

/**
 * Every numeric quantity, with its range (inclusive). Rationale of the bounds:
 * - persons housed per gemeente per half-year: the national taakstelling never exceeded ~30,000;
 * - reception places / persons: the national capacity decision is 96,000 places;
 * - national scenario total: 10× the largest decision;
 * - euros: far above every published norm (COA ~€ 30,000–55,000 per resident per year).
 */
export const GRENZEN = {
  gehuisvest: grootheid("aantal gehuisveste vergunninghouders in een halfjaar", 0, 100_000, "aantal"),
  beginsaldo: grootheid("achterstand (+) of voorsprong (−) aan het begin", -100_000, 100_000, "aantal"),
  perioden: grootheid("aantal opeenvolgende halfjaren in één verloop", 1, 100, "aantal"),
  plaatsen: grootheid("aantal opvangplaatsen of personen", 0, 200_000, "aantal"),
  tePlaatsen: grootheid("aantal te realiseren opvangplaatsen", 1, 200_000, "aantal"),
  landelijk: grootheid("landelijk aantal opvangplaatsen in een scenario", 1, 1_000_000, "aantal"),
  // The national taakstelling never exceeded 27,300 per half-year (30,000 for the whole of 2015).
  landelijkTaakstelling: grootheid(
    "landelijk aantal te huisvesten vergunninghouders in een halfjaar",
    1,
    200_000,
    "aantal",
  ),
  locatiegrootte: grootheid("aantal plaatsen per locatie", 1, 10_000, "aantal"),
  locaties: grootheid("aantal locaties", 1, 10_000, "aantal"),
  vasteKosten: grootheid("vaste kosten per locatie per jaar", 0, 100_000_000, "euro"),
  bedragPerPlaats: grootheid("bedrag per plaats per jaar", 0, 1_000_000, "euro"),
  jaar: grootheid("jaartal", 1900, 2200, "jaar"),
  excelDatum: grootheid("Excel-datum (1-1-1900 t/m 31-12-9999)", 1, 2_958_465, "getal"),
} as const satisfies Record<string, Grootheid>;

export type GrootheidNaam = keyof typeof GRENZEN;

/** Is `n` a number within the range of `g` (and whole, for a count)? NaN and ±Infinity are not. */
export function binnenGrenzen(g: Grootheid, n: number): boolean {
  return n >= g.min && n <= g.max && (!g.geheel || Number.isInteger(n));
}

/**
 * The error for a value of argument `wat` outside `g`. `waarde` is what the user gave (a number, or text such
 * as "96.000"), `n` the number read from it (NaN when it is no number).
 */
export function buitenGrenzen(wat: string, waarde: unknown, g: Grootheid, n: number): OpgaveFout {
  return ongeldig(berichten.buitenGrenzen(wat, waarde, g, Number.isNaN(n)));
}

/** `n` when within `g`; otherwise throws #VALUE! naming `wat` and the range. */
export function binnen(wat: string, n: number, g: Grootheid): number {
  if (!binnenGrenzen(g, n)) throw buitenGrenzen(wat, n, g, n);
  return n;
}
