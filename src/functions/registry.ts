/**
 * The released custom functions by id, with their parameter shapes: what the CLI (`opgave fn`) and the tests
 * use to call a function exactly as Excel does. tests/functions/metadata.test.ts proves this table equals the
 * functions.json generated from the JSDoc, so the two can never drift.
 */
import * as f from "./functions";

export interface Parameter {
  readonly naam: string;
  /** Excel passes a 2-D array (a range or a single value wrapped as [[v]]). */
  readonly matrix?: true;
  readonly optioneel?: true;
}

export interface FunctieDefinitie {
  readonly id: string;
  readonly fn: (...args: never[]) => unknown;
  readonly parameters: readonly Parameter[];
  /** Result spills as a table. */
  readonly tabel?: true;
}

const p = (naam: string, extra: Omit<Parameter, "naam"> = {}): Parameter => ({ naam, ...extra });
const soortBesluit = [p("soort", { optioneel: true }), p("besluit", { optioneel: true })];
const oekraineParams = [p("plaatsen"), p("van"), p("tot"), p("soort", { optioneel: true })];
const ledger = [
  p("gemeente"),
  p("periode"),
  p("gehuisvest", { matrix: true }),
  p("beginsaldo", { optioneel: true }),
  p("landelijk", { matrix: true, optioneel: true }),
];
const landelijkOptioneel = p("landelijk", { optioneel: true });

export const FUNCTIES: readonly FunctieDefinitie[] = [
  {
    id: "TAAKSTELLING",
    fn: f.taakstelling,
    parameters: [p("gemeente"), p("periode"), landelijkOptioneel],
  },
  {
    id: "TAAKSTELLINGSCENARIO",
    fn: f.taakstellingscenario,
    parameters: [p("gemeente"), p("landelijk"), p("periode", { optioneel: true })],
  },
  {
    id: "TAAKSTELLINGSCENARIOBRON",
    fn: f.taakstellingscenariobron,
    parameters: [p("gemeente"), p("landelijk"), p("periode", { optioneel: true })],
  },
  { id: "ACHTERSTAND", fn: f.achterstand, parameters: ledger },
  { id: "VOORSPRONG", fn: f.voorsprong, parameters: ledger },
  { id: "GECORRIGEERD", fn: f.gecorrigeerd, parameters: ledger },
  { id: "VERLOOP", fn: f.verloop, parameters: ledger, tabel: true },
  { id: "INWONERS", fn: f.inwoners, parameters: [p("gemeente"), p("peildatum", { optioneel: true })] },
  { id: "GEMEENTECODE", fn: f.gemeentecode, parameters: [p("gemeente"), p("periode", { optioneel: true })] },
  { id: "GEMEENTENAAM", fn: f.gemeentenaam, parameters: [p("gemeente")] },
  { id: "PROVINCIE", fn: f.provincie, parameters: [p("gemeente")] },
  { id: "LANDELIJK", fn: f.landelijk, parameters: [p("periode")] },
  { id: "BRON", fn: f.bron, parameters: [p("gemeente"), p("periode"), landelijkOptioneel] },
  { id: "DATASET", fn: f.dataset, parameters: [] },
  {
    id: "GEMEENTEN",
    fn: f.gemeenten,
    parameters: [p("periode"), p("provincie", { optioneel: true })],
    tabel: true,
  },
  { id: "OPVANG", fn: f.opvang, parameters: [p("gemeente"), ...soortBesluit] },
  { id: "OPVANGPROVINCIE", fn: f.opvangprovincie, parameters: [p("provincie"), ...soortBesluit] },
  {
    id: "OPVANGSCENARIO",
    fn: f.opvangscenario,
    parameters: [p("gemeente"), p("landelijk"), ...soortBesluit],
  },
  { id: "OPVANGBRON", fn: f.opvangbron, parameters: [p("gemeente"), ...soortBesluit] },
  { id: "OPVANGBESLUITEN", fn: f.opvangbesluiten, parameters: [], tabel: true },
  {
    id: "KLEINSCHALIG",
    fn: f.kleinschalig,
    parameters: [
      p("plaatsen"),
      ...["minimum", "maximum", "maxlocaties", "vastekosten", "duurzaam"].map((n) =>
        p(n, { optioneel: true }),
      ),
    ],
    tabel: true,
  },
  {
    id: "KOSTENOPVANG",
    fn: f.kostenopvang,
    parameters: [
      p("plaatsen"),
      p("jaar"),
      p("soort", { optioneel: true }),
      p("bedragperjaar", { optioneel: true }),
    ],
  },
  {
    id: "PRIKKEL",
    fn: f.prikkel,
    parameters: [p("plaatsen"), p("fase", { optioneel: true }), p("duurzaam", { optioneel: true })],
  },
  { id: "OEKRAINE", fn: f.oekraine, parameters: oekraineParams },
  { id: "OEKRAINEDELEN", fn: f.oekrainedelen, parameters: oekraineParams, tabel: true },
  {
    id: "OEKRAINECIJFERS",
    fn: f.oekrainecijfers,
    parameters: [p("datum", { optioneel: true }), p("indicator", { optioneel: true })],
    tabel: true,
  },
];

export function functie(id: string): FunctieDefinitie | undefined {
  const gezocht = id
    .trim()
    .toUpperCase()
    .replace(/^OPGAVE\./, "");
  return FUNCTIES.find((d) => d.id === gezocht);
}
