/**
 * Planning ahead (issue 14, TAAKSTELLINGSCENARIO): a gemeente's share of a national number for a coming half-year,
 * before any circulaire — finance officers plan 2027 in 2026. The art. 29 formula ⌈vg × iG / iN⌉ with the
 * inhabitants of the half-year's reference date when the dataset has them, otherwise the latest known 1 January
 * (art. 30: a territory formed by a later herindeling is the sum of its parts on that date). Always labelled
 * "scenario" with the population date used: never an official or computed taakstelling (the counterpart of
 * OPVANGSCENARIO).
 */
import type { Gemeente } from "./model";
import { berichten, getal, taakstellingBerichten as tb } from "./berichten";
import { nietBeschikbaar } from "./fouten";
import { binnen, GRENZEN } from "./grenzen";
import { peiljaarInwoners, periodeCode, periodeStart, type Dag, type Periode } from "./periode";
import type { Register } from "./register";
import { art29, delenOpPeildatum } from "./taakstelling";

export interface TaakstellingScenario {
  readonly gemeente: Gemeente;
  /** The half-year asked for, or null (then the latest inhabitants, on today's boundaries). */
  readonly periode: Periode | null;
  readonly aantal: number;
  readonly vg: number;
  readonly iG: number;
  readonly iN: number;
  /** The 1 January whose inhabitants were used (ISO). */
  readonly peildatum: string;
  /** Whether that is the half-year's own reference date under art. 29 (else: the latest known). */
  readonly peildatumVanPeriode: boolean;
  /** Codes whose inhabitants were summed (art. 30), or the gemeente itself. */
  readonly delen: readonly string[];
  /** "scenario (geen officieel of berekend cijfer): ⌈…⌉; inwoners per 1-1-2024 (laatst bekend; …)". */
  readonly label: string;
}

/** Far enough ahead that every herindeling in the data has taken effect: today's boundaries. */
const NU: Dag = { jaar: 9999, maand: 12, dag: 31 };

/**
 * The scenario for gemeente `g` (existing in half-year `p`, or today when `p` is omitted) and national number `vg`.
 * A half-year before the dataset's first population year is refused (#N/A): a scenario is for a coming half-year.
 */
export function taakstellingScenario(
  reg: Register,
  g: Gemeente,
  vg: number,
  p?: Periode,
): TaakstellingScenario {
  binnen("landelijk", vg, GRENZEN.landelijkTaakstelling);
  const land = reg.dataset.land.inwoners;
  const jaren = Object.keys(land)
    .map(Number)
    .sort((a, b) => a - b);
  const eersteJaar = jaren[0];
  const laatsteJaar = jaren[jaren.length - 1];
  const gewenst = p === undefined ? null : peiljaarInwoners(p);
  if (eersteJaar === undefined || laatsteJaar === undefined) {
    throw nietBeschikbaar(berichten.landInwonersOnbekend(gewenst ?? 0));
  }
  const periode = p === undefined ? null : periodeCode(p);
  if (gewenst !== null && gewenst < eersteJaar) {
    throw nietBeschikbaar(tb.scenarioVoorData(periode ?? "", gewenst, eersteJaar));
  }
  const jaar = gewenst !== null && land[String(gewenst)] !== undefined ? gewenst : laatsteJaar;
  const delen = delenOpPeildatum(reg, g, jaar, p === undefined ? NU : periodeStart(p), periode ?? "");
  let iG = 0;
  for (const c of delen) {
    const deel = reg.gemeenten.get(c);
    const n = deel?.inwoners[String(jaar)];
    if (n === undefined) {
      const bekend = Object.keys(deel?.inwoners ?? {})
        .map(Number)
        .sort((a, b) => a - b);
      throw nietBeschikbaar(berichten.inwonersOnbekend(deel?.naam ?? c, jaar, bekend));
    }
    iG += n;
  }
  const iN = land[String(jaar)]!;
  return {
    gemeente: g,
    periode: p ?? null,
    aantal: art29(vg, iG, iN),
    vg,
    iG,
    iN,
    peildatum: `${jaar}-01-01`,
    peildatumVanPeriode: jaar === gewenst,
    delen,
    label: tb.scenarioLabel({
      vg,
      iG,
      iN,
      peiljaar: jaar,
      periode,
      gewenstJaar: gewenst,
      delen: delen.map((c) => reg.gemeenten.get(c)?.naam ?? c),
    }),
  };
}

/**
 * TAAKSTELLINGSCENARIOBRON: "Utrecht 2027-I: 418, scenario (geen officieel of berekend cijfer): ⌈…⌉; inwoners per
 * 1-1-2024 (…); dataset …" — the scenario's number with its label, as BRON gives a taakstelling's.
 */
export function scenarioBronTekst(reg: Register, s: TaakstellingScenario): string {
  const wanneer = s.periode === null ? "" : ` ${periodeCode(s.periode)}`;
  return (
    `${s.gemeente.naam}${wanneer}: ${getal(s.aantal)}, ${s.label}; ` +
    `dataset ${reg.dataset.id} ${reg.dataset.versie}`
  );
}
