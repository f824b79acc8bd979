import { GRENZEN, type GrootheidNaam } from "../../src/domain/grenzen";

/**
 * Every numeric parameter of the custom functions, with its quantity in GRENZEN and a valid call to vary it in
 * (`args`: all arguments, in order). Used by tests/functions/grenzen.test.ts (the guard at both bounds) and
 * tests/functions/metadata.test.ts (the JSDoc names the range).
 */
export interface GrensParameter {
  readonly functie: string;
  readonly parameter: string;
  readonly grootheid: GrootheidNaam;
  readonly args: readonly unknown[];
}

const verloop = ["Utrecht", "2024-I", [[100]], null, null];
const oekraine = [10, "1-10-2022", "31-10-2022", null];

export const GRENS_PARAMETERS: readonly GrensParameter[] = [
  ...["ACHTERSTAND", "VOORSPRONG", "GECORRIGEERD", "VERLOOP"].flatMap((functie) => [
    { functie, parameter: "gehuisvest", grootheid: "gehuisvest" as const, args: verloop },
    { functie, parameter: "beginsaldo", grootheid: "beginsaldo" as const, args: verloop },
    { functie, parameter: "landelijk", grootheid: "landelijkTaakstelling" as const, args: verloop },
  ]),
  ...["TAAKSTELLING", "BRON"].map((functie) => ({
    functie,
    parameter: "landelijk",
    grootheid: "landelijkTaakstelling" as const,
    args: ["Utrecht", "2024-II", null],
  })),
  ...["TAAKSTELLINGSCENARIO", "TAAKSTELLINGSCENARIOBRON"].map((functie) => ({
    functie,
    parameter: "landelijk",
    grootheid: "landelijkTaakstelling" as const,
    args: ["Utrecht", 20_000, "2027-I"],
  })),
  {
    functie: "OPVANGSCENARIO",
    parameter: "landelijk",
    grootheid: "landelijk",
    args: ["Utrecht", 88_000, null, null],
  },
  ...(
    [
      ["plaatsen", "tePlaatsen"],
      ["minimum", "locatiegrootte"],
      ["maximum", "locatiegrootte"],
      ["maxlocaties", "locaties"],
      ["vastekosten", "vasteKosten"],
    ] as const
  ).map(([parameter, grootheid]) => ({
    functie: "KLEINSCHALIG",
    parameter,
    grootheid,
    args: [300, null, null, null, null, null],
  })),
  { functie: "KOSTENOPVANG", parameter: "plaatsen", grootheid: "plaatsen", args: [100, 2023, null, null] },
  { functie: "KOSTENOPVANG", parameter: "jaar", grootheid: "jaar", args: [100, 2023, null, null] },
  {
    functie: "KOSTENOPVANG",
    parameter: "bedragperjaar",
    grootheid: "bedragPerPlaats",
    args: [100, 2023, null, null],
  },
  { functie: "PRIKKEL", parameter: "plaatsen", grootheid: "plaatsen", args: [100, null, null] },
  { functie: "OEKRAINE", parameter: "plaatsen", grootheid: "plaatsen", args: oekraine },
  { functie: "OEKRAINEDELEN", parameter: "plaatsen", grootheid: "plaatsen", args: oekraine },
];

export { GRENZEN };
