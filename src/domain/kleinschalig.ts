/**
 * Kleinschalige opvang (domain brief §4): how a number of places can be realised in small locations.
 *
 * Options: n locations of equal size s = ⌈plaatsen / n⌉ (at least the minimum size), for every n that keeps s
 * within [minimum, maximum] and n within the maximum number of locations. Sorted by indicative yearly cost
 * (lowest first), then by fewer locations. At most MAX_OPTIES rows.
 *
 * Assumptions (aannames, shown in the output and overridable):
 * - minimum location size 50 (COA/Red Cross guideline "from about 50 residents"), maximum 200;
 * - yearly cost = places × the COA cost per place per year + locations × a fixed cost per location (staffing,
 *   security): small locations cost relatively more per place; no published figure exists, so the fixed cost is
 *   an explicit assumption with default DEFAULT_VASTE_KOSTEN;
 * - one-off Spreidingswet bonus in the national phase; "durable" (≥ 5 years) locations count as durable only
 *   when a location has more than 100 places (the published condition "> 100 plekken", read per location).
 */
import { opvangBerichten as b } from "./berichten";
import { ongeldig } from "./fouten";
import { binnen, GRENZEN } from "./grenzen";

export const DEFAULT_MINIMUM = 50;
export const DEFAULT_MAXIMUM = 200;
export const DEFAULT_VASTE_KOSTEN = 200_000;
export const DUURZAAM_VANAF = 101;
export const MAX_OPTIES = 20;
/** Sanity bound on the request (the whole national capacity decision is 96,000 places). */
export const MAX_PLAATSEN = GRENZEN.tePlaatsen.max;

export interface KleinschaligVraag {
  readonly plaatsen: number;
  readonly minimum: number;
  readonly maximum: number;
  readonly maxLocaties: number | undefined;
  /** Fixed yearly cost per location (aanname). */
  readonly vasteKostenPerLocatie: number;
  /** Are the locations meant for ≥ 5 years? */
  readonly duurzaam: boolean;
  /** Yearly cost per place (COA) and the bonus per place (durable / not durable). */
  readonly kostenPerPlaats: number;
  readonly bonusDuurzaam: number;
  readonly bonusNietDuurzaam: number;
}

export interface KleinschaligOptie {
  readonly locaties: number;
  readonly grootte: number;
  readonly totaal: number;
  readonly overschot: number;
  readonly duurzaamBonus: boolean;
  readonly jaarkosten: number;
  readonly vasteKosten: number;
  readonly bonus: number;
}

/**
 * Every number within its range (src/domain/grenzen.ts; at least one place, a fixed cost is never negative):
 * then no cost can overflow and the loop below is bounded.
 */
function controleer(v: KleinschaligVraag): void {
  binnen("Aantal plaatsen", v.plaatsen, GRENZEN.tePlaatsen);
  binnen("Minimum", v.minimum, GRENZEN.locatiegrootte);
  binnen("Maximum", v.maximum, GRENZEN.locatiegrootte);
  if (v.maxLocaties !== undefined) binnen("Maximaal aantal locaties", v.maxLocaties, GRENZEN.locaties);
  binnen("Vaste kosten per locatie", v.vasteKostenPerLocatie, GRENZEN.vasteKosten);
  if (v.minimum > v.maximum) throw ongeldig(b.minGroterDanMax(v.minimum, v.maximum));
}

export function kleinschaligeOpties(v: KleinschaligVraag): KleinschaligOptie[] {
  controleer(v);

  const nMin = Math.ceil(v.plaatsen / v.maximum);
  // More than ⌊plaatsen / minimum⌋ locations only adds empty places, unless the bounds leave no other choice.
  const nMax = Math.min(Math.max(nMin, Math.floor(v.plaatsen / v.minimum)), v.maxLocaties ?? Infinity);
  if (nMin > nMax) throw ongeldig(b.onhaalbaar(v.plaatsen, v.maxLocaties ?? nMax, v.maximum));

  const opties: KleinschaligOptie[] = [];
  for (let n = nMin; n <= nMax; n++) {
    const grootte = Math.max(Math.ceil(v.plaatsen / n), v.minimum);
    const totaal = n * grootte;
    const duurzaamBonus = v.duurzaam && grootte >= DUURZAAM_VANAF;
    const vasteKosten = n * v.vasteKostenPerLocatie;
    opties.push({
      locaties: n,
      grootte,
      totaal,
      overschot: totaal - v.plaatsen,
      duurzaamBonus,
      vasteKosten,
      jaarkosten: totaal * v.kostenPerPlaats + vasteKosten,
      bonus: totaal * (duurzaamBonus ? v.bonusDuurzaam : v.bonusNietDuurzaam),
    });
  }
  return opties.sort((x, y) => x.jaarkosten - y.jaarkosten || x.locaties - y.locaties).slice(0, MAX_OPTIES);
}

/** One option as a table row, in the column order used by KLEINSCHALIG and the Kleinschalig sheet. */
export function optieRij(o: KleinschaligOptie): (number | string)[] {
  return [
    o.locaties,
    o.grootte,
    o.totaal,
    o.overschot,
    o.duurzaamBonus ? "ja" : "nee",
    o.jaarkosten,
    o.vasteKosten,
    o.bonus,
  ];
}
