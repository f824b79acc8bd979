/**
 * The CBS long table (37259ENG) "cbs_bevolking_1jan_regio_2012_2024.csv": population on 1 January per region,
 * each year in the region classification of that year. Pure parsing and classification helpers.
 */
import { parseCsv, veld } from "./csv";

export const CBS_BEVOLKING_BESTAND = "cbs_bevolking_1jan_regio_2012_2024.csv";

export type CbsRegioType = "land" | "landsdeel" | "provincie" | "corop" | "gemeente";

export interface CbsRegioJaar {
  code: string;
  /** CBS English label as in the export (e.g. "The Hague", "Utrecht Municipality"). */
  naamEn: string;
  type: CbsRegioType;
  /** Year of the peildatum (1 January of this year). */
  jaar: number;
  inwoners: number;
}

export interface CbsBevolking {
  /** All peildatum years in the table, ascending. */
  jaren: number[];
  /** type → peildatum year → code → row. */
  perType: Map<CbsRegioType, Map<number, Map<string, CbsRegioJaar>>>;
}

const TYPES: readonly CbsRegioType[] = ["land", "landsdeel", "provincie", "corop", "gemeente"];

/**
 * Parses the long table. Rows are keyed by the year of `peildatum`: the 1-1-2024 figures are published as
 * "PopulationOn31December" of 2023 with indeling_jaar 2023, and are keyed here as 2024 (the classification
 * did not change on 1-1-2024). Any other mismatch between peildatum and indeling_jaar is an error.
 */
export function parseCbsBevolking(tekst: string): CbsBevolking {
  const bestand = CBS_BEVOLKING_BESTAND;
  const rijen = parseCsv(tekst, bestand, [
    "regio_code",
    "regio_naam_cbs_en",
    "regio_type",
    "peildatum",
    "indeling_jaar",
    "inwoners",
    "bron_veld",
  ]);
  const perType = new Map<CbsRegioType, Map<number, Map<string, CbsRegioJaar>>>();
  for (const t of TYPES) perType.set(t, new Map());
  const jaren = new Set<number>();
  for (const rij of rijen) {
    const get = (k: string) => veld(rij, k, bestand);
    const type = get("regio_type") as CbsRegioType;
    if (!TYPES.includes(type)) throw new Error(`${bestand}: onbekend regio_type '${type}'`);
    const peildatum = get("peildatum");
    const m = /^(\d{4})-01-01$/.exec(peildatum);
    if (!m) throw new Error(`${bestand}: peildatum '${peildatum}' is geen 1 januari`);
    const jaar = Number(m[1]);
    const indelingJaar = Number(get("indeling_jaar"));
    const eindeJaarVeld = get("bron_veld").startsWith("PopulationOn31December");
    if (!(indelingJaar === jaar || (eindeJaarVeld && indelingJaar === jaar - 1))) {
      throw new Error(
        `${bestand}: ${get("regio_code")} peildatum ${peildatum} past niet bij indeling ${indelingJaar}`,
      );
    }
    const inwonersTekst = get("inwoners");
    if (!/^\d+$/.test(inwonersTekst))
      throw new Error(`${bestand}: inwoners '${inwonersTekst}' is geen getal`);
    const code = get("regio_code");
    const perJaar = perType.get(type)!;
    let codes = perJaar.get(jaar);
    if (!codes) perJaar.set(jaar, (codes = new Map()));
    if (codes.has(code)) throw new Error(`${bestand}: ${code} komt twee keer voor op ${peildatum}`);
    codes.set(code, { code, naamEn: get("regio_naam_cbs_en"), type, jaar, inwoners: Number(inwonersTekst) });
    jaren.add(jaar);
  }
  return { jaren: [...jaren].sort((a, b) => a - b), perType };
}

/** Rows of one region type on 1 January of `jaar` (empty map when the year is not in the table). */
export function regios(cbs: CbsBevolking, type: CbsRegioType, jaar: number): Map<string, CbsRegioJaar> {
  return cbs.perType.get(type)?.get(jaar) ?? new Map();
}

/** The municipal classification in force on 1 January of `jaar`: the set of GM codes. */
export function gemeentecodes(cbs: CbsBevolking, jaar: number): Set<string> {
  return new Set(regios(cbs, "gemeente", jaar).keys());
}

function isEenJanuari(datum: string): boolean {
  return datum.endsWith("-01-01");
}

/**
 * Year whose 1 January classification is the one in force just before `datum`
 * (a change on 1-1-Y replaces the classification of Y-1; a change on 24-3-2022 replaces that of 2022).
 */
export function indelingsjaarVoor(datum: string): number {
  const jaar = Number(datum.slice(0, 4));
  return isEenJanuari(datum) ? jaar - 1 : jaar;
}

/** Year of the first 1 January classification that includes a change taking effect on `datum`. */
export function indelingsjaarNa(datum: string): number {
  const jaar = Number(datum.slice(0, 4));
  return isEenJanuari(datum) ? jaar : jaar + 1;
}
