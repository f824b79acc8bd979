/**
 * The taakstelling of a gemeente's territory in a half-year, also before the herindeling that formed or enlarged
 * it (issue 14: a ledger across mergers). In practice the backlog or surplus of merging gemeenten carries into the
 * new gemeente, so a ledger follows the territory: for a half-year before the herindeling its taakstelling is the
 * sum of the parts' taakstellingen, each by art. 29 (and 30) for that half-year — Voorne aan Zee 2022-II =
 * Brielle 14 + Hellevoetsluis 32 + Westvoorne 12 = 58. A split or a partial transfer on the way cannot be expressed
 * in whole gemeenten: #N/A with the reason.
 *
 * With a national number of the user's own (`landelijk`) every part is computed with it (`berekenTaakstellingEigen`).
 */
import type { Gemeente, Herindeling } from "./model";
import { getal, taakstellingBerichten as tb } from "./berichten";
import { nietBeschikbaar } from "./fouten";
import { dagTekst, dagUitCode, periodeCode, periodeStart, type Dag, type Periode } from "./periode";
import type { Register } from "./register";
import {
  berekenTaakstelling,
  berekenTaakstellingEigen,
  delenOpDag,
  herkomstTekst,
  landelijkTekst,
  type Taakstelling,
} from "./taakstelling";

export interface GebiedTaakstelling {
  /** The gemeente whose territory it is, as it is on the day the ledger is for. */
  readonly gemeente: Gemeente;
  readonly periode: Periode;
  readonly aantal: number;
  /** The taakstelling of the gemeente itself (one), or of each part of its territory then (sorted by name). */
  readonly delen: readonly Taakstelling[];
  /** The herindelingen between the half-year and that day that formed or enlarged the territory (oldest first). */
  readonly herindelingen: readonly Herindeling[];
  /** The user's own national number, when given. */
  readonly landelijk: number | undefined;
}

/**
 * The taakstelling in half-year `p` of the territory gemeente `g` has on `opDag` (for a ledger: the first day of
 * its last half-year). Throws an OpgaveFout (#N/A) when a part has no taakstelling (no national number, unknown
 * inhabitants) or when the territory cannot be traced back to `p` in whole gemeenten.
 */
export function gebiedTaakstelling(
  reg: Register,
  g: Gemeente,
  p: Periode,
  opDag: Dag,
  landelijk?: number,
): GebiedTaakstelling {
  const start = periodeStart(p);
  const code = periodeCode(p);
  const { delen, herindelingen } = delenOpDag(reg, g, start, opDag, (wijziging) =>
    nietBeschikbaar(tb.verloopGrenzen(g.naam, code, wijziging)),
  );
  const taakstellingen = delen.map((c) => {
    const deel = reg.gemeenten.get(c);
    // By construction every part existed on the first day of p; say so plainly should the data disagree.
    if (!deel || !reg.bestaatOp(deel, start)) throw nietBeschikbaar(tb.deelOntbreekt(g.naam, code));
    return landelijk === undefined
      ? berekenTaakstelling(reg, deel, p)
      : berekenTaakstellingEigen(reg, deel, p, landelijk);
  });
  taakstellingen.sort((a, b) => a.gemeente.naam.localeCompare(b.gemeente.naam, "nl"));
  return {
    gemeente: g,
    periode: p,
    aantal: taakstellingen.reduce((som, t) => som + t.aantal, 0),
    delen: taakstellingen,
    herindelingen,
    landelijk,
  };
}

/** Whether the territory's taakstelling is the gemeente's own (not a sum of parts or a predecessor's). */
export function isEigenGebied(t: GebiedTaakstelling): boolean {
  return (
    t.herindelingen.length === 0 && t.delen.length === 1 && t.delen[0]?.gemeente.code === t.gemeente.code
  );
}

/** "samengevoegd per 1-1-2023", "samengevoegd per 1-1-2019 en 1-1-2022; naamswijziging per 1-1-2016". */
export function herindelingenTekst(herindelingen: readonly Herindeling[]): string {
  const datums = (soort: Herindeling["soort"]) => [
    ...new Set(herindelingen.filter((h) => h.soort === soort).map((h) => dagTekst(dagUitCode(h.datum)))),
  ];
  const samen = datums("samenvoeging");
  const naam = datums("naamswijziging");
  return [
    ...(samen.length > 0 ? [tb.samengevoegdPer(samen)] : []),
    ...(naam.length > 0 ? [tb.naamswijzigingPer(naam)] : []),
  ].join("; ");
}

/** "Brielle 14" (with "officieel" when that part's figure is official). */
function deelTekst(t: Taakstelling): string {
  return `${t.gemeente.naam} ${getal(t.aantal)}${t.herkomst.soort === "officieel" ? " (officieel)" : ""}`;
}

/**
 * The short provenance of a row of the ledger (VERLOOP's Herkomst): the gemeente's own label, or
 * "som van Brielle 14 + Hellevoetsluis 32 + Westvoorne 12 (samengevoegd per 1-1-2023)"; with the user's national
 * number also "landelijk getal eigen invoer".
 */
export function gebiedLabel(t: GebiedTaakstelling): string {
  const eerste = t.delen[0];
  if (isEigenGebied(t) && eerste) return eerste.herkomst.label;
  const wijziging = herindelingenTekst(t.herindelingen);
  const basis =
    t.delen.length === 1 && eerste
      ? tb.gebiedVoorganger(deelTekst(eerste), wijziging)
      : tb.gebiedSom(t.delen.map(deelTekst), wijziging);
  return t.landelijk === undefined ? basis : `${basis}; ${tb.eigenInvoer}`;
}

/**
 * BRON for a territory: the gemeente's own text, or for a half-year before the herindeling the sum, what it means
 * and each part's formula ("Voorne aan Zee 2022-II: 58 voor het grondgebied, som van Brielle 14 + …; Voorne aan Zee
 * bestond in 2022-II nog niet: …; Brielle ⌈13.500 × 17.439 / 17.475.415⌉ = 14, …, elk berekend (art. 29 Hvw 2014)
 * met inwoners per 1-1-2021 (CBS 37259ENG); landelijk 2022-II: 13.500 (vastgesteld); bron: …; dataset …").
 */
export function gebiedTekst(reg: Register, t: GebiedTaakstelling): string {
  const eerste = t.delen[0];
  if (isEigenGebied(t) || !eerste) return eerste ? herkomstTekst(reg, eerste) : "";
  const periode = periodeCode(t.periode);
  const labels = new Set(t.delen.map((d) => d.herkomst.label));
  const eenLabel = labels.size === 1;
  const delen = t.delen.map((d) => deelFormule(reg, d, !eenLabel)).join(", ");
  const h = eerste.herkomst;
  const bron = h.soort === "berekend" ? `; bron: ${h.bron}` : "";
  return (
    `${t.gemeente.naam} ${periode}: ${getal(t.aantal)} voor het grondgebied, ${gebiedLabel(t)}; ` +
    `${
      reg.bestaatOp(t.gemeente, periodeStart(t.periode))
        ? tb.gebiedBronKleiner(t.gemeente.naam, periode)
        : tb.gebiedBron(t.gemeente.naam, periode)
    }; ${delen}${eenLabel ? `, elk ${h.label}` : ""} met inwoners per ${dagTekst(dagUitCode(h.peildatum))} ` +
    `(CBS 37259ENG); ${landelijkTekst(reg, eerste)}${bron}; dataset ${h.datasetId} ${h.datasetVersie}`
  );
}

/** "Brielle ⌈13.500 × 17.439 / 17.475.415⌉ = 14" (an official part: "Brielle 14 officieel (bron …)"). */
function deelFormule(reg: Register, t: Taakstelling, metLabel: boolean): string {
  const h = t.herkomst;
  if (h.soort === "officieel") return `${t.gemeente.naam} ${getal(t.aantal)} ${h.label} (bron: ${h.bron})`;
  const som =
    h.delen.length > 1 ? ` (som van ${h.delen.map((c) => reg.gemeenten.get(c)?.naam ?? c).join(" + ")})` : "";
  return (
    `${t.gemeente.naam} ⌈${getal(h.vg)} × ${getal(h.iG ?? 0)} / ${getal(h.iN ?? 0)}⌉ = ${getal(t.aantal)}` +
    `${som}${metLabel ? ` (${h.label})` : ""}`
  );
}
