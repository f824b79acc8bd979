/**
 * Taakstelling huisvesting vergunninghouders per gemeente per half-year (Huisvestingswet 2014):
 * - art. 29 lid 1: ⌈ vg × iG / iN ⌉ with inhabitants on 1 January of the year before the half-year;
 * - art. 30: a gemeente whose territory grew by a herindeling after that reference date gets the sum of its
 *   parts on the reference date;
 * - an official per-gemeente figure, when the dataset has one, wins ("officieel").
 */
import type { Gemeente, Herindeling, LandelijkeTaakstelling, OfficieleTaakstelling } from "./model";
import { berichten, getal, taakstellingBerichten } from "./berichten";
import { OpgaveFout, nietBeschikbaar } from "./fouten";
import { binnen, GRENZEN } from "./grenzen";
import {
  dagCode,
  dagTekst,
  dagUitCode,
  peiljaarInwoners,
  periodeCode,
  periodeIndex,
  periodeStart,
  vergelijkDag,
  type Dag,
  type Periode,
} from "./periode";
import type { Register } from "./register";

export interface Herkomst {
  /**
   * officieel: the dataset's per-gemeente figure; berekend: art. 29 (and 30) with the dataset's national number;
   * eigen: art. 29 (and 30) with a national number the user gave (then `landelijk` holds that number, with status
   * "onbekend" and statusTekst "landelijk getal eigen invoer": it is no record of the dataset).
   */
  readonly soort: "officieel" | "berekend" | "eigen";
  /** Short Dutch label: "officieel" / "berekend (art. 29 Hvw 2014)" / "…, landelijk getal eigen invoer". */
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

/**
 * art. 29 lid 1: rounded up to a whole person, in exact integer arithmetic: plain numbers while the product is a
 * safe integer (every real case; remainder and the division of a multiple are exact there), BigInt beyond.
 */
export function art29(vg: number, iG: number, iN: number): number {
  const product = vg * iG;
  if (
    Number.isSafeInteger(vg) &&
    Number.isSafeInteger(iG) &&
    Number.isSafeInteger(iN) &&
    Number.isSafeInteger(product) &&
    iN !== 0
  ) {
    const rest = product % iN;
    const q = (product - rest) / iN; // truncated, like BigInt division; "+ 0" turns -0 into 0 as BigInt would
    return rest === 0 ? q + 0 : q + 1;
  }
  const teller = BigInt(vg) * BigInt(iG);
  const noemer = BigInt(iN);
  const q = teller / noemer;
  return Number(teller % noemer === 0n ? q : q + 1n);
}

type Landelijk = LandelijkeTaakstelling & { aantal: number };

/** What every taakstelling of one period shares. */
interface PeriodeFeiten {
  /** "2024-I". */
  readonly code: string;
  /** The national number, or the error that says why there is none (the same instance for every gemeente). */
  readonly landelijk: Landelijk | OpgaveFout;
  readonly peiljaar: number;
  /** `String(peiljaar)`: the key of the inhabitants. */
  readonly jaar: string;
  /** Reference date of the inhabitants (ISO). */
  readonly peildatum: string;
  readonly start: Dag;
  /** Official figures of this period by gemeente code. */
  readonly officieel: ReadonlyMap<string, OfficieleTaakstelling>;
  /** Codes a herindeling touched (see `Gedeeld`). */
  readonly geraakt: ReadonlySet<string>;
}

/**
 * What the taakstellingen of one dataset share, worked out once per register (a register and its dataset never
 * change): the facts of each period, the parsed dates of the herindelingen, and which codes a herindeling touched.
 */
interface Gedeeld {
  readonly perPeriode: Map<number, PeriodeFeiten>;
  readonly herindelingDagen: (Dag | undefined)[];
  /** Every code a herindeling created or moved territory to: only these can have more than one part. */
  readonly geraakt: ReadonlySet<string>;
  /** Official figures by period code, then gemeente code (as the register's `${periode}|${gemeente}` index). */
  readonly officieel: ReadonlyMap<string, ReadonlyMap<string, OfficieleTaakstelling>>;
}

const gedeeld = new WeakMap<Register, Gedeeld>();
const GEEN_OFFICIEEL: ReadonlyMap<string, OfficieleTaakstelling> = new Map();

function gedeeldVan(reg: Register): Gedeeld {
  let g = gedeeld.get(reg);
  if (g === undefined) {
    const officieel = new Map<string, Map<string, OfficieleTaakstelling>>();
    for (const o of reg.officieel.values()) {
      let perGemeente = officieel.get(o.periode);
      if (perGemeente === undefined) officieel.set(o.periode, (perGemeente = new Map()));
      perGemeente.set(o.gemeente, o);
    }
    g = {
      perPeriode: new Map(),
      herindelingDagen: [],
      geraakt: new Set(reg.herindelingenAflopend.flatMap((h) => [...h.nieuw, ...(h.deelsNaar ?? [])])),
      officieel,
    };
    gedeeld.set(reg, g);
  }
  return g;
}

function landelijkVan(reg: Register, code: string): Landelijk {
  const l = reg.landelijk.get(code);
  if (!l)
    throw nietBeschikbaar(
      berichten.periodeBuitenDataset(code, reg.periodenBereik.eerste, reg.periodenBereik.laatste),
    );
  if (l.aantal === null) throw nietBeschikbaar(berichten.landelijkOnbekend(code, l.statusTekst));
  return { ...l, aantal: l.aantal };
}

/** The facts of period `p` in this register, worked out on first use. */
function periodeFeiten(reg: Register, p: Periode): PeriodeFeiten {
  const g = gedeeldVan(reg);
  const index = periodeIndex(p);
  let feiten = g.perPeriode.get(index);
  if (feiten === undefined) {
    const code = periodeCode(p);
    let landelijk: Landelijk | OpgaveFout;
    try {
      landelijk = landelijkVan(reg, code);
    } catch (e) {
      if (!(e instanceof OpgaveFout)) throw e;
      landelijk = e;
    }
    const peiljaar = peiljaarInwoners(p);
    feiten = {
      code,
      landelijk,
      peiljaar,
      jaar: String(peiljaar),
      peildatum: dagCode({ jaar: peiljaar, maand: 1, dag: 1 }),
      start: periodeStart(p),
      officieel: g.officieel.get(code) ?? GEEN_OFFICIEEL,
      geraakt: g.geraakt,
    };
    g.perPeriode.set(index, feiten);
  }
  return feiten;
}

/** The national taakstelling of a period; throws #N/A when the dataset has no number for it. Memoised. */
export function landelijkeTaakstelling(reg: Register, p: Periode): Landelijk {
  const uitkomst = periodeFeiten(reg, p).landelijk;
  if (uitkomst instanceof OpgaveFout) throw uitkomst;
  return uitkomst;
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
  // A gemeente no herindeling created or enlarged is just itself, on any date.
  if (!gedeeldVan(reg).geraakt.has(g.code)) return [g.code];
  const peil: Dag = { jaar: peiljaar, maand: 1, dag: 1 };
  return loopTerug(reg, g, peil, opDag, (wijziging) =>
    nietBeschikbaar(berichten.grenzenGewijzigd(g.naam, periode, wijziging)),
  );
}

/**
 * The codes that together formed gemeente `g`'s territory (as it is on `opDag`) on day `vanaf`, and the
 * herindelingen in between that formed or enlarged it (oldest first). `fout` makes the error for a split or a
 * partial transfer on the way, from a description of that herindeling ("de herindeling van … per 1-1-2019").
 */
export function delenOpDag(
  reg: Register,
  g: Gemeente,
  vanaf: Dag,
  opDag: Dag,
  fout: (wijziging: string) => OpgaveFout,
): { delen: string[]; herindelingen: Herindeling[] } {
  if (!gedeeldVan(reg).geraakt.has(g.code)) return { delen: [g.code], herindelingen: [] };
  const herindelingen: Herindeling[] = [];
  const delen = loopTerug(reg, g, vanaf, opDag, fout, herindelingen);
  return { delen, herindelingen: herindelingen.reverse() };
}

/**
 * The walk of `delenOpPeildatum` and `delenOpDag`: herindelingen after `vanaf` up to and including `opDag`, newest
 * first; each one that touches the territory replaces the codes it created by its old codes. `toegepast`
 * collects the herindelingen that did.
 */
function loopTerug(
  reg: Register,
  g: Gemeente,
  vanaf: Dag,
  opDag: Dag,
  fout: (wijziging: string) => OpgaveFout,
  toegepast?: Herindeling[],
): string[] {
  const dagen = gedeeldVan(reg).herindelingDagen; // parsed once per register
  const delen = new Set([g.code]);
  const herindelingen = reg.herindelingenAflopend;
  for (let i = 0; i < herindelingen.length; i++) {
    const h = herindelingen[i]!;
    const datum = (dagen[i] ??= dagUitCode(h.datum));
    if (vergelijkDag(datum, opDag) > 0) continue;
    if (vergelijkDag(datum, vanaf) <= 0) break;
    const raakt = h.nieuw.some((c) => delen.has(c)) || (h.deelsNaar ?? []).some((c) => delen.has(c));
    if (!raakt) continue;
    // A split, or a merger where part of an old gemeente went elsewhere: not expressible in whole gemeenten.
    if (h.soort === "splitsing" || (h.deelsNaar ?? []).length > 0) {
      const namen = h.oud.map((c) => reg.gemeenten.get(c)?.naam ?? c).join(", ");
      throw fout(`de herindeling van ${namen} per ${dagTekst(datum)}`);
    }
    for (const c of h.nieuw) {
      const nieuw = reg.gemeenten.get(c);
      // A code created by this herindeling did not exist before it; a continuing code keeps its own territory.
      if (delen.has(c) && nieuw && nieuw.vanaf === h.datum) delen.delete(c);
    }
    for (const c of h.oud) delen.add(c);
    toegepast?.push(h);
  }
  return [...delen].sort();
}

/**
 * The number and the facts behind it (herkomst). The Dutch provenance text is made only when asked, by
 * `herkomstTekst` (BRON, the task pane, the workbook's Bron sheet).
 */
export function berekenTaakstelling(reg: Register, g: Gemeente, p: Periode): Taakstelling {
  const t = berekenTaakstellingUitkomst(reg, g, p);
  if (t instanceof OpgaveFout) throw t;
  return t;
}

/**
 * As `berekenTaakstelling`, with the period's error (no national number) returned instead of thrown: the same
 * instance for every gemeente, and no throw for each of them. Rarer errors (a split, unknown inhabitants) throw.
 */
export function berekenTaakstellingUitkomst(
  reg: Register,
  g: Gemeente,
  p: Periode,
): Taakstelling | OpgaveFout {
  const f = periodeFeiten(reg, p);
  const landelijk = f.landelijk;
  if (landelijk instanceof OpgaveFout) return landelijk;
  const officieel = f.officieel.get(g.code);
  if (officieel) {
    return {
      gemeente: g,
      periode: p,
      aantal: officieel.aantal,
      herkomst: {
        vg: landelijk.aantal,
        peildatum: f.peildatum,
        landelijk,
        datasetId: reg.dataset.id,
        datasetVersie: reg.dataset.versie,
        soort: "officieel",
        label: berichten.herkomstOfficieel,
        iG: null,
        iN: null,
        delen: [g.code],
        bron: officieel.bron,
      },
    };
  }
  return art29Taakstelling(reg, g, p, f, landelijk, false);
}

/**
 * art. 29 (and 30) with the user's own national number `vg` for period `p` (TAAKSTELLING's `landelijk`, the
 * workbook's eigen-invoer rule): the inhabitants of the period's reference date, never an official figure. When the
 * dataset has no inhabitants on that date: #N/A saying so (TAAKSTELLINGSCENARIO uses the latest known instead).
 */
export function berekenTaakstellingEigen(reg: Register, g: Gemeente, p: Periode, vg: number): Taakstelling {
  binnen("landelijk", vg, GRENZEN.landelijkTaakstelling);
  const f = periodeFeiten(reg, p);
  if (reg.dataset.land.inwoners[f.jaar] === undefined) {
    const jaren = Object.keys(reg.dataset.land.inwoners)
      .map(Number)
      .sort((a, b) => a - b);
    throw nietBeschikbaar(taakstellingBerichten.peildatumBuitenData(f.code, f.peiljaar, jaren));
  }
  const eigen = taakstellingBerichten.eigenInvoer;
  const landelijk: Landelijk = {
    periode: f.code,
    aantal: vg,
    status: "onbekend",
    eerdereAantallen: [],
    statusTekst: eigen,
    peildatumInwoners: f.peildatum,
    toelichting: eigen,
    bron: eigen,
  };
  return art29Taakstelling(reg, g, p, f, landelijk, true);
}

/**
 * The number of `berekenTaakstellingUitkomst` without its provenance (what TAAKSTELLING answers): the same number
 * and the same errors, with nothing to keep but the number.
 */
export function berekenAantalUitkomst(reg: Register, g: Gemeente, p: Periode): number | OpgaveFout {
  const f = periodeFeiten(reg, p);
  if (f.landelijk instanceof OpgaveFout) return f.landelijk;
  const officieel = f.officieel.get(g.code);
  if (officieel) return officieel.aantal;
  const delen = art30Delen(reg, g, f);
  return art29(f.landelijk.aantal, inwonersDelen(reg, delen, f), inwonersLand(reg, f));
}

/** The codes whose inhabitants count for `g` in the period (art. 30: after a herindeling, its parts). */
function art30Delen(reg: Register, g: Gemeente, f: PeriodeFeiten): string[] {
  return f.geraakt.has(g.code) ? delenOpPeildatum(reg, g, f.peiljaar, f.start, f.code) : [g.code];
}

/** The inhabitants of the parts on the reference date; #N/A naming the first part without a count. */
function inwonersDelen(reg: Register, delen: readonly string[], f: PeriodeFeiten): number {
  let iG = 0;
  for (const c of delen) {
    const deel = reg.gemeenten.get(c);
    const n = deel?.inwoners[f.jaar];
    if (n === undefined) {
      const jaren = Object.keys(deel?.inwoners ?? {})
        .map(Number)
        .sort((a, b) => a - b);
      throw nietBeschikbaar(berichten.inwonersOnbekend(deel?.naam ?? c, f.peiljaar, jaren));
    }
    iG += n;
  }
  return iG;
}

/** The inhabitants of the Netherlands on the reference date; #N/A when the dataset has none. */
function inwonersLand(reg: Register, f: PeriodeFeiten): number {
  const iN = reg.dataset.land.inwoners[f.jaar];
  if (iN === undefined) throw nietBeschikbaar(berichten.landInwonersOnbekend(f.peiljaar));
  return iN;
}

/** ⌈vg × iG / iN⌉ with the parts of art. 30; `eigen`: vg is the user's own national number. */
function art29Taakstelling(
  reg: Register,
  g: Gemeente,
  p: Periode,
  f: PeriodeFeiten,
  landelijk: Landelijk,
  eigen: boolean,
): Taakstelling {
  const delen = art30Delen(reg, g, f);
  const iG = inwonersDelen(reg, delen, f);
  const iN = inwonersLand(reg, f);
  const samengevoegd = delen.length > 1;
  return {
    gemeente: g,
    periode: p,
    aantal: art29(landelijk.aantal, iG, iN),
    herkomst: {
      vg: landelijk.aantal,
      peildatum: f.peildatum,
      landelijk,
      datasetId: reg.dataset.id,
      datasetVersie: reg.dataset.versie,
      soort: eigen ? "eigen" : "berekend",
      label: eigen
        ? samengevoegd
          ? taakstellingBerichten.herkomstEigenSamengevoegd
          : taakstellingBerichten.herkomstEigen
        : samengevoegd
          ? berichten.herkomstBerekendSamengevoegd
          : berichten.herkomstBerekend,
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
  const periode = periodeCode(t.periode);
  const landelijk = landelijkTekst(reg, t);
  const dataset = `dataset ${h.datasetId} ${h.datasetVersie}`;
  if (h.soort === "officieel") {
    return `${t.gemeente.naam} ${periode}: ${getal(t.aantal)}, ${h.label}; bron: ${h.bron}; ${landelijk}; ${dataset}`;
  }
  const delen =
    h.delen.length > 1 ? ` (som van ${h.delen.map((c) => reg.gemeenten.get(c)?.naam ?? c).join(" + ")})` : "";
  return (
    `${t.gemeente.naam} ${periode}: ${getal(t.aantal)}, ${h.label}: ⌈${getal(h.vg)} × ${getal(h.iG ?? 0)} / ${getal(h.iN ?? 0)}⌉; ` +
    `inwoners per ${dagTekst(dagUitCode(h.peildatum))}${delen} (CBS 37259ENG); ${landelijk}` +
    (h.soort === "eigen" ? "" : `; bron: ${h.bron}`) +
    `; ${dataset}`
  );
}

/** "landelijk 2023-II: 17.600 (bijgesteld van 27.300 naar 17.600)", or for an own number what the dataset has. */
export function landelijkTekst(reg: Register, t: Taakstelling): string {
  const h = t.herkomst;
  const l = h.landelijk;
  const periode = periodeCode(t.periode);
  if (h.soort === "eigen") {
    return `landelijk ${periode}: ${getal(h.vg)} (${l.statusTekst}; ${datasetLandelijk(reg, t.periode)})`;
  }
  const status =
    l.status === "bijgesteld" && l.eerdereAantallen.length > 0
      ? `bijgesteld van ${l.eerdereAantallen.map(getal).join(" → ")} naar ${getal(h.vg)}`
      : l.status;
  return `landelijk ${periode}: ${getal(h.vg)} (${status})`;
}

/** What the dataset says about the national number of `p`: "18.750 (vastgesteld)" or why there is none. */
function datasetLandelijk(reg: Register, p: Periode): string {
  const f = periodeFeiten(reg, p);
  const l = f.landelijk;
  const tekst = l instanceof OpgaveFout ? "geen getal" : `${getal(l.aantal)} (${l.status})`;
  return taakstellingBerichten.landelijkInDataset(f.code, tekst);
}
