/**
 * Taakstelling huisvesting vergunninghouders per gemeente per half-year (Huisvestingswet 2014):
 * - art. 29 lid 1: ⌈ vg × iG / iN ⌉ with inhabitants on 1 January of the year before the half-year;
 * - art. 30: a gemeente whose territory grew by a herindeling after that reference date gets the sum of its
 *   parts on the reference date;
 * - an official per-gemeente figure, when the dataset has one, wins ("officieel").
 */
import type { Gemeente, LandelijkeTaakstelling } from "../data/schema";
import { berichten, getal } from "./berichten";
import { nietBeschikbaar } from "./fouten";
import {
  dagCode,
  dagTekst,
  dagUitCode,
  peiljaarInwoners,
  periodeCode,
  periodeStart,
  vergelijkDag,
  type Dag,
  type Periode,
} from "./periode";
import type { Register } from "./register";

export interface Herkomst {
  readonly soort: "officieel" | "berekend";
  /** Short Dutch label: "officieel" / "berekend (art. 29 Hvw 2014)". */
  readonly label: string;
  readonly vg: number;
  readonly iG: number | null;
  readonly iN: number | null;
  /** Reference date of the inhabitants (ISO). */
  readonly peildatum: string;
  /** Codes whose inhabitants were summed (art. 30), or just the gemeente itself. */
  readonly delen: readonly string[];
  readonly landelijk: LandelijkeTaakstelling;
  readonly bron: string;
  readonly datasetId: string;
  readonly datasetVersie: string;
}

export interface Taakstelling {
  readonly gemeente: Gemeente;
  readonly periode: Periode;
  readonly aantal: number;
  readonly herkomst: Herkomst;
}

/** art. 29 lid 1: rounded up to a whole person. Integer arithmetic where possible to avoid float edge cases. */
export function art29(vg: number, iG: number, iN: number): number {
  const teller = BigInt(vg) * BigInt(iG);
  const noemer = BigInt(iN);
  const q = teller / noemer;
  return Number(teller % noemer === 0n ? q : q + 1n);
}

export function landelijkeTaakstelling(
  reg: Register,
  p: Periode,
): LandelijkeTaakstelling & { aantal: number } {
  const code = periodeCode(p);
  const l = reg.landelijk.get(code);
  if (!l)
    throw nietBeschikbaar(
      berichten.periodeBuitenDataset(code, reg.periodenBereik.eerste, reg.periodenBereik.laatste),
    );
  if (l.aantal === null) throw nietBeschikbaar(berichten.landelijkOnbekend(code, l.statusTekst));
  return { ...l, aantal: l.aantal };
}

/**
 * The codes (in the classification of 1 January of `peiljaar`) that together form gemeente `g`'s territory on
 * `opDag`. Walks the herindelingen between the two dates backwards. Splits and partial transfers cannot be
 * expressed in whole gemeenten: those throw a clear #N/A.
 */
export function delenOpPeildatum(
  reg: Register,
  g: Gemeente,
  peiljaar: number,
  opDag: Dag,
  periode: string,
): string[] {
  const peil: Dag = { jaar: peiljaar, maand: 1, dag: 1 };
  const delen = new Set([g.code]);
  for (const h of reg.herindelingenAflopend) {
    const datum = dagUitCode(h.datum);
    if (vergelijkDag(datum, opDag) > 0) continue;
    if (vergelijkDag(datum, peil) <= 0) break;
    const raakt = h.nieuw.some((c) => delen.has(c)) || (h.deelsNaar ?? []).some((c) => delen.has(c));
    if (!raakt) continue;
    // A split, or a merger where part of an old gemeente went elsewhere: not expressible in whole gemeenten.
    if (h.soort === "splitsing" || (h.deelsNaar ?? []).length > 0) {
      const namen = h.oud.map((c) => reg.gemeenten.get(c)?.naam ?? c).join(", ");
      throw nietBeschikbaar(
        berichten.grenzenGewijzigd(g.naam, periode, `de herindeling van ${namen} per ${dagTekst(datum)}`),
      );
    }
    for (const c of h.nieuw) {
      const nieuw = reg.gemeenten.get(c);
      // A code created by this herindeling did not exist before it; a continuing code keeps its own territory.
      if (delen.has(c) && nieuw && nieuw.vanaf === h.datum) delen.delete(c);
    }
    for (const c of h.oud) delen.add(c);
  }
  return [...delen].sort();
}

export function berekenTaakstelling(reg: Register, g: Gemeente, p: Periode): Taakstelling {
  const code = periodeCode(p);
  const landelijk = landelijkeTaakstelling(reg, p);
  const peiljaar = peiljaarInwoners(p);
  const peildatum = dagCode({ jaar: peiljaar, maand: 1, dag: 1 });
  const basis = {
    vg: landelijk.aantal,
    peildatum,
    landelijk,
    datasetId: reg.dataset.id,
    datasetVersie: reg.dataset.versie,
  };
  const officieel = reg.officieel.get(`${code}|${g.code}`);
  if (officieel) {
    return {
      gemeente: g,
      periode: p,
      aantal: officieel.aantal,
      herkomst: {
        ...basis,
        soort: "officieel",
        label: berichten.herkomstOfficieel,
        iG: null,
        iN: null,
        delen: [g.code],
        bron: officieel.bron,
      },
    };
  }
  const delen = delenOpPeildatum(reg, g, peiljaar, periodeStart(p), code);
  let iG = 0;
  for (const c of delen) {
    const deel = reg.gemeenten.get(c);
    const n = deel?.inwoners[String(peiljaar)];
    if (n === undefined) {
      const jaren = Object.keys(deel?.inwoners ?? {})
        .map(Number)
        .sort((a, b) => a - b);
      throw nietBeschikbaar(berichten.inwonersOnbekend(deel?.naam ?? c, peiljaar, jaren));
    }
    iG += n;
  }
  const iN = reg.dataset.land.inwoners[String(peiljaar)];
  if (iN === undefined) throw nietBeschikbaar(berichten.landInwonersOnbekend(peiljaar));
  return {
    gemeente: g,
    periode: p,
    aantal: art29(landelijk.aantal, iG, iN),
    herkomst: {
      ...basis,
      soort: "berekend",
      label: delen.length > 1 ? berichten.herkomstBerekendSamengevoegd : berichten.herkomstBerekend,
      iG,
      iN,
      delen,
      bron: landelijk.bron,
    },
  };
}

/** One line of Dutch text that says where a taakstelling comes from. */
export function herkomstTekst(reg: Register, t: Taakstelling): string {
  const h = t.herkomst;
  const l = h.landelijk;
  const periode = periodeCode(t.periode);
  const status =
    l.status === "bijgesteld" && l.eerdereAantallen.length > 0
      ? `bijgesteld van ${l.eerdereAantallen.map(getal).join(" → ")} naar ${getal(h.vg)}`
      : l.status;
  const landelijk = `landelijk ${periode}: ${getal(h.vg)} (${status})`;
  const dataset = `dataset ${h.datasetId} ${h.datasetVersie}`;
  if (h.soort === "officieel") {
    return `${t.gemeente.naam} ${periode}: ${getal(t.aantal)}, ${h.label}; bron: ${h.bron}; ${landelijk}; ${dataset}`;
  }
  const delen =
    h.delen.length > 1 ? ` (som van ${h.delen.map((c) => reg.gemeenten.get(c)?.naam ?? c).join(" + ")})` : "";
  return (
    `${t.gemeente.naam} ${periode}: ${getal(t.aantal)}, ${h.label}: ⌈${getal(h.vg)} × ${getal(h.iG ?? 0)} / ${getal(h.iN ?? 0)}⌉; ` +
    `inwoners per ${dagTekst(dagUitCode(h.peildatum))}${delen} (CBS 37259ENG); ${landelijk}; bron: ${h.bron}; ${dataset}`
  );
}
