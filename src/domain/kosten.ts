/**
 * Costs for finance officers (domain brief §5): COA reception costs per year, the Spreidingswet financial
 * incentive, and the Oekraïne (BooO) reimbursements over a date range.
 *
 * Pure functions: the norm rows are passed in, nothing is read here.
 *
 * Money: every rate is taken to the cent and all arithmetic is exact (integer cents in BigInt; month fractions
 * are kept as whole multiples of 1/377580 month, the least common multiple of 28, 29, 30 and 31 days). Amounts
 * are returned in euros, rounded to 2 decimals (half up) once, at the very end. The total of a range is rounded
 * from the exact sum, so it can differ by a cent from the sum of the rounded parts.
 */
import type { KostenNorm, Prikkel } from "./model";
import { berichten, kostenBerichten as kb } from "./berichten";
import { nietBeschikbaar, ongeldig } from "./fouten";
import { binnen, GRENZEN } from "./grenzen";
import { dagTekst, dagUitCode, vergelijkDag, type Dag } from "./periode";

export type SoortOpvang = "regulier" | "nood";
export type SoortOekraine = "GOO" | "POO";
export type Fase = Prikkel["fase"];

// ---------------------------------------------------------------------------------------------------------
// Exact money helpers

/**
 * A rate in euros → whole cents (rates are taken to the cent). One no number can hold (the data's are bounded at
 * the boundary, src/data/schema.ts) is the engine's error, not BigInt's RangeError.
 */
function centen(euro: number): bigint {
  const c = Math.round(Number((euro * 100).toPrecision(15)));
  if (!Number.isFinite(c)) throw ongeldig(berichten.uitkomstNietEindig());
  return BigInt(c);
}

/** Exact amount `teller / noemer` cents (both ≥ 0) → euros, rounded half up to whole cents. */
function naarEuro(teller: bigint, noemer: bigint): number {
  const c = (2n * teller + noemer) / (2n * noemer);
  return Number(c) / 100;
}

function tekstVan(v: unknown): string {
  return String(v);
}

/** Places (or persons): a whole number within GRENZEN.plaatsen, so no amount can overflow. */
function controleerPlaatsen(plaatsen: number): void {
  binnen("Aantal plaatsen", plaatsen, GRENZEN.plaatsen);
}

function normaliseer(tekst: string): string {
  return String(tekst)
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
}

// ---------------------------------------------------------------------------------------------------------
// Calendar days

const MS_PER_DAG = 86400000;

function dagNummer(d: Dag): number {
  return Date.UTC(d.jaar, d.maand - 1, d.dag) / MS_PER_DAG;
}

function dagUitNummer(n: number): Dag {
  const d = new Date(n * MS_PER_DAG);
  return { jaar: d.getUTCFullYear(), maand: d.getUTCMonth() + 1, dag: d.getUTCDate() };
}

function dagenInMaand(jaar: number, maand: number): number {
  return new Date(Date.UTC(jaar, maand, 0)).getUTCDate();
}

function isGeldigeDag(d: Dag): boolean {
  return (
    d !== null &&
    typeof d === "object" &&
    Number.isInteger(d.jaar) &&
    Number.isInteger(d.maand) &&
    Number.isInteger(d.dag) &&
    d.jaar >= 1 &&
    d.jaar <= 9999 &&
    d.maand >= 1 &&
    d.maand <= 12 &&
    d.dag >= 1 &&
    d.dag <= dagenInMaand(d.jaar, d.maand)
  );
}

function laatsteDagVanJaar(jaar: number): Dag {
  return { jaar, maand: 12, dag: 31 };
}

function maxDag(a: Dag, b: Dag): Dag {
  return vergelijkDag(a, b) >= 0 ? a : b;
}

function minDag(a: Dag, b: Dag): Dag {
  return vergelijkDag(a, b) <= 0 ? a : b;
}

/** A norm is open-ended (`tot: null`) in the source, but normbedragen are set per calendar year. */
function effectiefEinde(n: KostenNorm, vanaf: Dag): Dag {
  return n.tot === null ? laatsteDagVanJaar(vanaf.jaar) : dagUitCode(n.tot);
}

function waarschuwingVoor(n: KostenNorm, wat: string): string | null {
  const status = n.status.trim();
  if (status === "" || status.toLowerCase() === "vastgesteld") return null;
  return kb.waarschuwingStatus(wat, n.bedrag, n.eenheid, dagTekst(dagUitCode(n.vanaf)), status);
}

// ---------------------------------------------------------------------------------------------------------
// 1. COA reception costs per calendar year

export interface OpvangKosten {
  /** plaatsen × tariefPerJaar, euros rounded to 2 decimals. */
  readonly bedrag: number;
  readonly tariefPerJaar: number;
  readonly plaatsen: number;
  readonly jaar: number;
  readonly soort: SoortOpvang;
  /** Dutch provenance: "COA reguliere opvang 2023: € 30.400 per bewoner per jaar (bron …)" or "eigen bedrag (opgegeven): …". */
  readonly herkomst: string;
  /** Source URL(s) of the norm, or "eigen opgave". */
  readonly bron: string;
  /** Status of the norm used ("vastgesteld" …) or "eigen opgave". */
  readonly status: string;
  /** Dutch warnings when the norm used is not "vastgesteld". */
  readonly waarschuwingen: readonly string[];
}

/** Does the norm (a yearly rate) cover 1 January – 31 December of `jaar`? */
function dektJaar(n: KostenNorm, jaar: number): boolean {
  const vanaf = dagUitCode(n.vanaf);
  const eind = effectiefEinde(n, vanaf);
  return (
    vergelijkDag(vanaf, { jaar, maand: 1, dag: 1 }) <= 0 && vergelijkDag(eind, laatsteDagVanJaar(jaar)) >= 0
  );
}

/**
 * COA cost of `plaatsen` residents during calendar year `jaar`: plaatsen × the yearly rate ("per bewoner per
 * jaar") of the norm whose vanaf..tot covers the whole year (an open-ended norm counts only for the year it starts
 * in). With `eigenBedragPerJaar` given, that amount is used instead (also for years the data knows) and labelled
 * "eigen bedrag (opgegeven)".
 *
 * @throws ongeldig when plaatsen, jaar or the own amount is outside its range (src/domain/grenzen.ts; an own
 *   amount is never negative).
 * @throws nietBeschikbaar when the data has no figure for that year (the message lists the known years).
 */
export function opvangKosten(
  normen: readonly KostenNorm[],
  plaatsen: number,
  jaar: number,
  soort: SoortOpvang,
  eigenBedragPerJaar?: number,
): OpvangKosten {
  controleerPlaatsen(plaatsen);
  binnen("Jaar", jaar, GRENZEN.jaar);
  if (soort !== "regulier" && soort !== "nood") throw ongeldig(kb.soortOpvangOngeldig(tekstVan(soort)));
  if (eigenBedragPerJaar !== undefined) {
    binnen("Eigen bedrag per plaats per jaar", eigenBedragPerJaar, GRENZEN.bedragPerPlaats);
    return {
      bedrag: naarEuro(BigInt(plaatsen) * centen(eigenBedragPerJaar), 1n),
      tariefPerJaar: eigenBedragPerJaar,
      plaatsen,
      jaar,
      soort,
      herkomst: kb.herkomstEigen(eigenBedragPerJaar),
      bron: kb.bronEigen,
      status: kb.bronEigen,
      waarschuwingen: [],
    };
  }

  const normSoort = soort === "regulier" ? "coa-regulier" : "coa-nood";
  const kandidaten = normen.filter((n) => n.soort === normSoort && n.eenheid === "jaar");
  const passend = kandidaten
    .filter((n) => dektJaar(n, jaar))
    .sort((a, b) => vergelijkDag(dagUitCode(b.vanaf), dagUitCode(a.vanaf)))[0];
  if (passend === undefined) {
    const bekend = new Set<number>();
    for (const n of kandidaten) {
      const vanaf = dagUitCode(n.vanaf);
      const eind = effectiefEinde(n, vanaf);
      for (let j = vanaf.jaar; j <= eind.jaar; j++) if (dektJaar(n, j)) bekend.add(j);
    }
    throw nietBeschikbaar(
      kb.coaOnbekend(
        jaar,
        soort,
        [...bekend].sort((a, b) => a - b),
      ),
    );
  }
  const waarschuwing = waarschuwingVoor(passend, kb.soortOpvangNaam(soort));
  return {
    bedrag: naarEuro(BigInt(plaatsen) * centen(passend.bedrag), 1n),
    tariefPerJaar: passend.bedrag,
    plaatsen,
    jaar,
    soort,
    herkomst: kb.herkomstCoa(soort, jaar, passend.bedrag, passend.bron),
    bron: passend.bron,
    status: passend.status,
    waarschuwingen: waarschuwing === null ? [] : [waarschuwing],
  };
}

/** "regulier", "reguliere opvang" → regulier; "nood", "noodopvang", "crisisnoodopvang" → nood (case-insensitive). */
export function parseSoortOpvang(tekst: string): SoortOpvang {
  switch (normaliseer(tekst)) {
    case "regulier":
    case "reguliere opvang":
    case "coa regulier":
      return "regulier";
    case "nood":
    case "noodopvang":
    case "crisisnoodopvang":
    case "crisis noodopvang":
    case "coa nood":
      return "nood";
    default:
      throw ongeldig(kb.soortOpvangOngeldig(String(tekst)));
  }
}

// ---------------------------------------------------------------------------------------------------------
// 2. Spreidingswet financial incentive

export interface PrikkelBedrag {
  /** plaatsen × perPlaats (one-off), euros. */
  readonly bedrag: number;
  readonly perPlaats: number;
  readonly plaatsen: number;
  readonly fase: Fase;
  /** As asked; an incentive row with `duurzaam: null` (aanwijzing) applies to both. */
  readonly duurzaam: boolean;
  readonly omschrijving: string;
  readonly bron: string;
  readonly status: string;
}

/**
 * One-off incentive for `plaatsen` places realised in `fase`: plaatsen × euro per place. A row with the exact
 * `duurzaam` value wins over a row with `duurzaam: null` (applies to both, as after an aanwijzing).
 *
 * @throws ongeldig when plaatsen is not a whole number within GRENZEN.plaatsen.
 * @throws nietBeschikbaar when no incentive row matches.
 */
export function prikkelBedrag(
  prikkels: readonly Prikkel[],
  plaatsen: number,
  fase: Fase,
  duurzaam: boolean,
): PrikkelBedrag {
  controleerPlaatsen(plaatsen);
  if (fase !== "landelijk" && fase !== "provinciaal" && fase !== "aanwijzing") {
    throw ongeldig(kb.faseOngeldig(tekstVan(fase)));
  }
  const vanFase = prikkels.filter((p) => p.fase === fase);
  const p = vanFase.find((x) => x.duurzaam === duurzaam) ?? vanFase.find((x) => x.duurzaam === null);
  if (p === undefined) throw nietBeschikbaar(kb.prikkelOnbekend(fase, duurzaam));
  return {
    bedrag: naarEuro(BigInt(plaatsen) * centen(p.bedrag), 1n),
    perPlaats: p.bedrag,
    plaatsen,
    fase,
    duurzaam,
    omschrijving: p.omschrijving,
    bron: p.bron,
    status: p.status,
  };
}

/** "landelijk", "landelijke fase", "provinciaal", "provinciale fase", "aanwijzing" (case-insensitive). */
export function parseFase(tekst: string): Fase {
  switch (normaliseer(tekst)) {
    case "landelijk":
    case "landelijke fase":
    case "landelijke inbrengfase":
      return "landelijk";
    case "provinciaal":
    case "provinciale fase":
      return "provinciaal";
    case "aanwijzing":
    case "na aanwijzing":
      return "aanwijzing";
    default:
      throw ongeldig(kb.faseOngeldig(String(tekst)));
  }
}

/**
 * Yes/no as users type it: ja/nee, waar/onwaar, true/false, 1/0, duurzaam/"niet duurzaam" (case-insensitive),
 * an Excel boolean, or the numbers 1 and 0. `wat` names the argument in the error message.
 */
export function parseJaNee(v: string | number | boolean, wat = "Duurzaam"): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") {
    if (v === 1) return true;
    if (v === 0) return false;
    throw ongeldig(kb.jaNeeOngeldig(wat, v));
  }
  switch (normaliseer(v)) {
    case "ja":
    case "waar":
    case "true":
    case "1":
    case "duurzaam":
      return true;
    case "nee":
    case "onwaar":
    case "false":
    case "0":
    case "niet duurzaam":
      return false;
    default:
      throw ongeldig(kb.jaNeeOngeldig(wat, v));
  }
}

// ---------------------------------------------------------------------------------------------------------
// 3. Oekraïne (BooO): GOO per place per day, POO per person per month

/** Least common multiple of 28, 29, 30 and 31: month fractions are exact multiples of 1/MAAND_NOEMER. */
const MAAND_NOEMER = 377580n;

export interface OekraineDeel {
  /** First and last day of this part (inclusive). */
  readonly vanaf: Dag;
  readonly tot: Dag;
  /** Rate in euros per `eenheid` (per place / per person). */
  readonly tarief: number;
  readonly eenheid: "dag" | "maand";
  /** Calendar days (inclusive), or months as a fraction (see `conventie`). */
  readonly aantal: number;
  /** plaatsen × tarief × aantal, euros rounded to 2 decimals. */
  readonly bedrag: number;
  readonly status: string;
  readonly bron: string;
}

export interface OekraineVergoeding {
  /** Total in euros, rounded to 2 decimals from the exact sum of the parts. */
  readonly bedrag: number;
  readonly plaatsen: number;
  readonly soort: SoortOekraine;
  /** One part per rate, split exactly at each rate change, in date order. */
  readonly delen: readonly OekraineDeel[];
  /** Dutch text of the counting convention. */
  readonly conventie: string;
  /** Dutch warnings: a norm used that is not "vastgesteld" (aangekondigd, eenheid onzeker …), an open end applied. */
  readonly waarschuwingen: readonly string[];
}

interface Tijdvak {
  readonly norm: KostenNorm;
  readonly vanaf: Dag;
  readonly eind: Dag;
}

/**
 * The norms of one kind as disjoint periods, in date order. An open-ended norm (`tot: null`) applies only up to
 * 31-12 of the year it starts in (normbedragen are set per calendar year). Where norms overlap, the one that
 * starts later wins from its start date.
 */
function tijdlijn(normen: readonly KostenNorm[], soort: KostenNorm["soort"]): Tijdvak[] {
  const lijst = normen
    .filter((n) => n.soort === soort)
    .map((norm) => {
      const vanaf = dagUitCode(norm.vanaf);
      return { norm, vanaf, eind: effectiefEinde(norm, vanaf) };
    })
    .sort((a, b) => vergelijkDag(a.vanaf, b.vanaf));
  const uit: Tijdvak[] = [];
  lijst.forEach((x, i) => {
    const volgende = lijst[i + 1];
    let eind = x.eind;
    if (volgende !== undefined && vergelijkDag(volgende.vanaf, eind) <= 0) {
      eind = dagUitNummer(dagNummer(volgende.vanaf) - 1);
    }
    if (vergelijkDag(eind, x.vanaf) >= 0) uit.push({ norm: x.norm, vanaf: x.vanaf, eind });
  });
  return uit;
}

/** Months covered by [a, b] in units of 1/MAAND_NOEMER month: full month = MAAND_NOEMER, else pro rata by days. */
function maandEenheden(a: Dag, b: Dag): bigint {
  let som = 0n;
  let jaar = a.jaar;
  let maand = a.maand;
  for (;;) {
    const lengte = dagenInMaand(jaar, maand);
    const begin = maxDag(a, { jaar, maand, dag: 1 });
    const einde = minDag(b, { jaar, maand, dag: lengte });
    const gedekt = dagNummer(einde) - dagNummer(begin) + 1;
    som += (BigInt(gedekt) * MAAND_NOEMER) / BigInt(lengte);
    if (jaar === b.jaar && maand === b.maand) return som;
    maand++;
    if (maand > 12) {
      maand = 1;
      jaar++;
    }
  }
}

/**
 * Oekraïne reimbursement for `plaatsen` places (GOO, per place per day) or persons (POO, per person per month)
 * from `van` to `tot`, both inclusive, split exactly at every rate change.
 *
 * Convention:
 * - per-day rates: calendar days are counted, first and last day included;
 * - per-month rates: a calendar month counts as 1 month when fully covered, and pro rata (days covered / days
 *   in that month) when partly covered; the fractions are summed and multiplied by the rate;
 * - an open-ended norm (`tot: null` in the source) applies only up to 31-12 of the year it starts in;
 * - amounts are exact until the end and returned in euros rounded to 2 decimals.
 *
 * @throws ongeldig when plaatsen is not a whole number within GRENZEN.plaatsen, a date is not a calendar day, or
 *   `van` is after `tot`.
 * @throws nietBeschikbaar when part of the range has no rate (before the first, after the last, or a gap) —
 *   never a silent zero.
 */
export function oekraineVergoeding(
  normen: readonly KostenNorm[],
  plaatsen: number,
  van: Dag,
  tot: Dag,
  soort: SoortOekraine,
): OekraineVergoeding {
  controleerPlaatsen(plaatsen);
  if (soort !== "GOO" && soort !== "POO") throw ongeldig(kb.soortOekraineOngeldig(tekstVan(soort)));
  if (!isGeldigeDag(van)) throw ongeldig(kb.datumOngeldig("Begindatum", JSON.stringify(van)));
  if (!isGeldigeDag(tot)) throw ongeldig(kb.datumOngeldig("Einddatum", JSON.stringify(tot)));
  if (vergelijkDag(van, tot) > 0) throw ongeldig(kb.vanNaTot(dagTekst(van), dagTekst(tot)));

  const vakken = tijdlijn(normen, soort === "GOO" ? "oekraine-goo" : "oekraine-poo");
  const eerste = vakken[0];
  const laatste = vakken[vakken.length - 1];
  if (eerste === undefined || laatste === undefined) throw nietBeschikbaar(kb.oekraineGeenNormen(soort));
  if (vergelijkDag(van, eerste.vanaf) < 0)
    throw nietBeschikbaar(kb.oekraineVoorEerste(dagTekst(eerste.vanaf)));
  if (vergelijkDag(tot, laatste.eind) > 0)
    throw nietBeschikbaar(kb.oekraineNaLaatste(dagTekst(laatste.eind)));

  const p = BigInt(plaatsen);
  const delen: OekraineDeel[] = [];
  const waarschuwingen: string[] = [];
  let totaal = 0n; // cents × MAAND_NOEMER
  let cursor = van;
  for (const vak of vakken) {
    if (vergelijkDag(vak.eind, cursor) < 0) continue;
    if (vergelijkDag(vak.vanaf, cursor) > 0) {
      const gatEinde = minDag(tot, dagUitNummer(dagNummer(vak.vanaf) - 1));
      throw nietBeschikbaar(kb.oekraineGat(dagTekst(cursor), dagTekst(gatEinde)));
    }
    const eind = minDag(tot, vak.eind);
    const { norm } = vak;
    const tarief = centen(norm.bedrag);
    let aantal: number;
    let teller: bigint; // cents × MAAND_NOEMER
    if (norm.eenheid === "dag") {
      const dagen = dagNummer(eind) - dagNummer(cursor) + 1;
      aantal = dagen;
      teller = p * tarief * BigInt(dagen) * MAAND_NOEMER;
    } else if (norm.eenheid === "maand") {
      const eenheden = maandEenheden(cursor, eind);
      aantal = Number(eenheden) / Number(MAAND_NOEMER);
      teller = p * tarief * eenheden;
    } else {
      throw nietBeschikbaar(kb.eenheidNietOndersteund(soort, norm.eenheid, dagTekst(vak.vanaf)));
    }
    totaal += teller;
    delen.push({
      vanaf: cursor,
      tot: eind,
      tarief: norm.bedrag,
      eenheid: norm.eenheid,
      aantal,
      bedrag: naarEuro(teller, MAAND_NOEMER),
      status: norm.status,
      bron: norm.bron,
    });
    const w = waarschuwingVoor(norm, soort);
    if (w !== null && !waarschuwingen.includes(w)) waarschuwingen.push(w);
    if (norm.tot === null)
      waarschuwingen.push(kb.waarschuwingOpenEinde(soort, dagTekst(vak.vanaf), dagTekst(vak.eind)));
    if (vergelijkDag(eind, tot) >= 0) break;
    cursor = dagUitNummer(dagNummer(eind) + 1);
  }

  return {
    bedrag: naarEuro(totaal, MAAND_NOEMER),
    plaatsen,
    soort,
    delen,
    conventie: kb.conventieOekraine,
    waarschuwingen,
  };
}

/** "GOO", "gemeentelijk(e opvang)" → GOO; "POO", "particulier(e opvang)" → POO (case-insensitive). */
export function parseSoortOekraine(tekst: string): SoortOekraine {
  switch (normaliseer(tekst)) {
    case "goo":
    case "gemeentelijk":
    case "gemeentelijke opvang":
      return "GOO";
    case "poo":
    case "particulier":
    case "particuliere opvang":
      return "POO";
    default:
      throw ongeldig(kb.soortOekraineOngeldig(String(tekst)));
  }
}
