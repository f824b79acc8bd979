/**
 * The limits of reading workbooks (../workbook/pakketControle `LeesGrenzen`) as command-line options, for
 * `opgave consolideer` (the workbooks it reads) and `opgave vul` (the file it refills): the parseArgs spec (spread
 * it into the command's options), the conversion of what parseArgs returns into `LeesOpties` (throws
 * `ArgumentFout` for a value that is no positive number) and the help text lines.
 *
 *   const OPTIES = { uit: { type: "string" }, ...LEES_GRENS_OPTIES } as const;
 *   const { values } = ontleed(argv, OPTIES);
 *   await leesAanlevering(naam, data, leesOptiesUit(values));
 */
import { STANDAARD_LEESGRENZEN, type LeesGrenzen } from "../workbook/pakketControle";
import type { LeesOpties } from "../workbook/lezen";
import { getal } from "../domain/berichten";
import { ArgumentFout } from "./argumenten";

/** Option name (without "--") per limit. */
export const GRENS_OPTIE_NAMEN = {
  cellenPerBlad: "max-cellen",
  cellenTotaal: "max-cellen-totaal",
  megabytes: "max-mb",
  onderdelen: "max-onderdelen",
  verhouding: "max-verhouding",
} as const satisfies Record<keyof LeesGrenzen, string>;

/** The parseArgs options of the limits (all strings: the number is checked by `grenzenUit`). */
export const LEES_GRENS_OPTIES = {
  "max-cellen": { type: "string" },
  "max-cellen-totaal": { type: "string" },
  "max-mb": { type: "string" },
  "max-onderdelen": { type: "string" },
  "max-verhouding": { type: "string" },
} as const;

/** "--max-cellen" per limit: named in the finding of a file that passes it (`LeesOpties.grensOpties`). */
export const GRENS_OPTIES: Readonly<Record<keyof LeesGrenzen, string>> = Object.fromEntries(
  Object.entries(GRENS_OPTIE_NAMEN).map(([k, v]) => [k, `--${v}`]),
) as Record<keyof LeesGrenzen, string>;

type GrensWaarden = Partial<
  Record<(typeof GRENS_OPTIE_NAMEN)[keyof LeesGrenzen], string | boolean | undefined>
>;

/** A limit as typed: a positive number; "200000", "200.000", "200_000" and "1,5" (MB) are understood. */
function grensGetal(optie: string, tekst: string, geheel: boolean): number {
  const t = tekst
    .trim()
    .replace(/[._\s](?=\d{3}(?:\D|$))/g, "")
    .replace(",", ".");
  const n = /^\d+(?:\.\d+)?$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(n) || n <= 0 || (geheel && !Number.isInteger(n)))
    throw new ArgumentFout(
      `--${optie} verwacht ${geheel ? "een positief geheel getal" : "een positief getal"} (niet "${tekst}").`,
    );
  return n;
}

/** The limits given on the command line (only those given). */
export function grenzenUit(values: GrensWaarden): Partial<LeesGrenzen> {
  const uit: { -readonly [K in keyof LeesGrenzen]?: number } = {};
  for (const [sleutel, optie] of Object.entries(GRENS_OPTIE_NAMEN) as [keyof LeesGrenzen, string][]) {
    const v = values[optie as keyof GrensWaarden];
    if (v === undefined) continue;
    if (typeof v !== "string") throw new ArgumentFout(`--${optie} verwacht een getal.`);
    uit[sleutel] = grensGetal(optie, v, sleutel !== "megabytes");
  }
  return uit;
}

/** `LeesOpties` for `leesAanlevering`: the limits given, and the options named in a finding. */
export function leesOptiesUit(values: GrensWaarden): Pick<LeesOpties, "grenzen" | "grensOpties"> {
  return { grenzen: grenzenUit(values), grensOpties: GRENS_OPTIES };
}

const S = STANDAARD_LEESGRENZEN;

/** The options' lines for a command's help text (Dutch), with the defaults. */
export const LEES_GRENZEN_REGELS = `  --max-cellen N          cellen per blad (standaard ${getal(S.cellenPerBlad)})
  --max-cellen-totaal N   cellen in alle bladen samen (standaard ${getal(S.cellenTotaal)})
  --max-mb N              uitgepakte grootte in MB, per onderdeel en samen (standaard ${getal(S.megabytes)})
  --max-onderdelen N      onderdelen in het .xlsx-pakket (standaard ${getal(S.onderdelen)})
  --max-verhouding N      hoeveel keer een onderdeel groter mag uitpakken dan ingepakt (standaard ${getal(S.verhouding)})`;

/** The help text of the limits for `opgave consolideer` (Dutch). */
export const LEES_GRENZEN_HULP = `Grenzen bij het lezen (een groter of vreemd bestand wordt overgeslagen, met de reden):
${LEES_GRENZEN_REGELS}`;
