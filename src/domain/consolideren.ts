/**
 * Provincial consolidation (pure, host-independent): many municipal Opgave workbooks, read into plain
 * `Aanlevering` structures (../workbook/lezen), become one checked overview per province.
 *
 * Figures are RECOMPUTED from the inputs in each workbook with the engine — cached formula values are never
 * trusted (a file written by `opgave vul` has none; a file saved by Excel/LibreOffice has them, and they are only
 * compared with the recomputation: "totals that do not add up").
 *
 * Per gemeente:
 * - taakstelling ledger exactly as the workbook's formulas define it (../workbook/bouwPlan): from the start
 *   period (Opgave_Startperiode; empty = the first row) with Opgave_Beginsaldo, per period T = own input
 *   ("Taakstelling (eigen invoer)") else the engine's taakstelling of the gemeente's territory
 *   (`ketenTaakstelling`: before a herindeling that formed or enlarged it the sum of the parts), then ./saldo `verloop` (the ledger
 *   `engine.verloop` uses). The chain stops at the first period without a taakstelling or without Gehuisvest,
 *   as in the workbook (never a silent 0); the consecutive half-years ending with an achterstand at its end
 *   (`achtereenAchter`) and, at or above `toezichtDrempel`, a supervision signal (provincial practice, not law);
 * - opvang: the engine's target (default decision) and amv, the file's existing places, the gap;
 * - planned locations: the gemeente workbook has no separate "planned locations" input, so the Kosten sheet's
 *   "Aantal locaties" (Opgave_Locaties) is used, else its standard (the cheapest option for the target);
 * - yearly costs: the file's own cost inputs, else the engine's norms (as the Kosten sheet does).
 *
 * Checks (`controles`, one entry per finding, stable id `${soort}|${bestand}|${gemeente}[|${plek}]`, without the
 * file's name for a finding about a gemeente from the file used for it: `stabieleIds`):
 * the reading problems of every file, a number outside its plausible range (./grenzen: counted as empty, never
 * summed), unknown gemeente, gemeente outside the province (excluded from the table and totals), a province tie
 * (no --provincie and as many files from two provinces: the user chooses, `provincieKeuze`; Opgave never
 * guesses), resubmissions (the newest file is used — Bron "Gevuld op" to the second, on a tie the file's
 * modification time `gewijzigd` — and the older one "vervangt eerdere aanlevering"; when neither decides, none is
 * used), gemeenten of the province without a file, another dataset version than the majority (or than the
 * engine), an opvang figure in the file that differs from the engine's, stored results that differ from the
 * recomputation, a ledger broken off while later periods have input, no input at all, ledgers that end at
 * different periods (the totals then add up balances of different periods: `eindperioden` says which), a
 * ledger ending with `toezichtDrempel` or more consecutive half-years of achterstand ("toezichtSignaal").
 * Severity: "fout" = (part of) the file could not be used or contradicts itself; "waarschuwing" = used, check it.
 *
 * Totals are sums of the known figures; a figure no gemeente has is null (blank, "onbekend"), never 0.
 */
import type { Engine } from "./engine";
import {
  consolidatieBerichten as b,
  getal,
  type Aanleveringsmoment,
  type EindperiodeTekst,
} from "./berichten";
import { binnenGrenzen, GRENZEN, type Grootheid } from "./grenzen";
import { DEFAULT_VASTE_KOSTEN } from "./kleinschalig";
import { OpgaveFout, ongeldig } from "./fouten";
import { gebiedTaakstelling, type GebiedTaakstelling } from "./grondgebied";
import {
  dagUitCode,
  EERSTE_TABELPERIODE,
  parsePeriode,
  periodeCode,
  periodeIndex,
  periodeStart,
  vergelijkDag,
  type Dag,
  type Periode,
} from "./periode";
import { achtereenAchter, verloop, type Regel } from "./saldo";
import { vang, vangStil } from "./vang";
import type { Gemeente } from "./model";

export type Ernst = "fout" | "waarschuwing";

/** Every kind of finding, in the order they are explained to the user. */
export const CONTROLE_SOORTEN = [
  "onleesbaar",
  "geenXlsx",
  "geenOpgave",
  "onbekendeVersie",
  "geenGemeentewerkboek",
  "tabelVervormd",
  "nietNumeriek",
  "negatief",
  "ongeldigeInvoer",
  "onbekendeGemeente",
  "buitenProvincie",
  "dubbel",
  "ontbreekt",
  "andereVersie",
  "opvangAfwijkt",
  "totaalWijktAf",
  "verloopOnderbroken",
  "geenInvoer",
  "eindperiodeVerschilt",
  "provincieKeuze",
  "toezichtSignaal",
] as const;
export type ControleSoort = (typeof CONTROLE_SOORTEN)[number];

// ---------------------------------------------------------------------------------------------------------
// What was read from one file (../workbook/lezen fills this; plain data, no exceljs)

/** The parts of a gemeente workbook whose stored results are compared with the recomputation. */
export type AanleveringDeel = "taakstelling" | "opvang" | "kosten";

/** A problem found while reading one file. */
export interface Probleem {
  readonly soort: ControleSoort;
  readonly ernst: Ernst;
  readonly melding: string;
  /** "Blad!A1" when it is about one cell. */
  readonly plek?: string;
  /**
   * The part of the workbook that cell belongs to, when it is one of them: a rejected input there means the stored
   * results of that part were computed with it, so they are not compared.
   */
  readonly deel?: AanleveringDeel;
}

/**
 * The value stored in the file for a cell Opgave filled with a formula: the cached result (Excel/LibreOffice
 * saved it) or a constant typed over the formula. Absent (`undefined`) when the formula has no stored result.
 */
export interface Opgeslagen {
  readonly plek: string;
  /** A number, text (an error such as "#VALUE!"), or null for an empty result. */
  readonly waarde: number | string | null;
}

export interface AanleveringRij {
  readonly periode: string;
  /** Sheet row. */
  readonly rij: number;
  /** The dataset's taakstelling as written in the file (information only: the engine's is used). */
  readonly taakstelling: number | null;
  readonly eigen: number | null;
  /**
   * "Landelijk getal (eigen invoer)": the user's own national number for the half-year (art. 29 with it, as
   * TAAKSTELLING(…; landelijk)); null when empty or not in the file (older workbooks).
   */
  readonly landelijk: number | null;
  readonly gehuisvest: number | null;
  /**
   * Taakstelling (eigen invoer), Landelijk getal (eigen invoer), Gehuisvest: holds something that is no usable
   * number (a finding on that cell, `plek`): null, but not empty.
   */
  readonly eigenAfgewezen?: string;
  readonly landelijkAfgewezen?: string;
  readonly gehuisvestAfgewezen?: string;
  readonly opgeslagen: {
    readonly gecorrigeerd?: Opgeslagen;
    readonly achterstand?: Opgeslagen;
    readonly voorsprong?: Opgeslagen;
  };
}

export interface KostenInvoer {
  readonly plaatsen: number | null;
  readonly kostenPerPlaats: number | null;
  readonly locaties: number | null;
  readonly vasteKostenPerLocatie: number | null;
  readonly bonusPerPlaats: number | null;
}

export const KOSTEN_SLEUTELS = [
  "plaatsen",
  "kostenPerPlaats",
  "locaties",
  "vasteKostenPerLocatie",
  "bonusPerPlaats",
] as const;

export interface BronGegevens {
  readonly datasetId: string | null;
  readonly versie: string | null;
  readonly datum: string | null;
  readonly hash: string | null;
  readonly bronUrl: string | null;
  readonly addinVersie: string | null;
  /** Bron "Gevuld op" (ISO timestamp of the last fill by Opgave). */
  readonly gevuldOp: string | null;
}

export interface Onderwerp {
  readonly soort: "gemeente" | "provincie" | "consolidatie";
  readonly code: string;
  readonly naam: string;
  /** The text as in the Bron sheet, e.g. "gemeente GM0307 (Amersfoort)". */
  readonly tekst: string;
}

/** One delivered file, as read. Inputs are validated (a rejected cell is null, with a problem). */
export interface Aanlevering {
  /** The file name as shown to the user (also part of the finding ids: keep it stable between runs). */
  readonly bestand: string;
  /** false: the file could not be used at all (see `problemen`). */
  readonly bruikbaar: boolean;
  readonly onderwerp?: Onderwerp;
  readonly bron?: BronGegevens;
  /** The Taakstelling table; absent when it could not be read (out of shape, missing). */
  readonly taakstelling?: {
    readonly blad: string;
    readonly bereik: string;
    readonly rijen: readonly AanleveringRij[];
  };
  /** Opgave_Startperiode as typed (text), null when empty or rejected. */
  readonly startperiode: string | null;
  /** Opgave_Beginsaldo; null when empty (the ledger then starts at 0, as the workbook's) or unusable (below). */
  readonly beginsaldo: number | null;
  /**
   * Opgave_Beginsaldo holds something that is no usable number (text, a formula without a value, a number out of
   * range, or the cell is gone): the ledger has no start — the workbook's own says "Beginsaldo is geen getal" — so
   * the overview shows none for this gemeente (unknown, never a ledger from 0).
   */
  readonly beginsaldoOnbekend?: true;
  readonly opvang: {
    /** Decision name and target as shown on the Opvang sheet (information: the engine's are used). */
    readonly besluit: string | null;
    readonly doel: number | null;
    readonly amv: number | null;
    readonly bestaandePlaatsen: number | null;
    readonly tekort?: Opgeslagen;
  };
  readonly kosten: {
    /** The user's own values (named input cells on the Kosten sheet). */
    readonly eigen: KostenInvoer;
    /** The file's "Standaard" column (information: the engine's norms are used). */
    readonly standaard: KostenInvoer;
    /** Stored "Gebruikt" values (column D). */
    readonly gebruikt: Partial<Record<keyof KostenInvoer, Opgeslagen>>;
    readonly jaarkostenOpvang?: Opgeslagen;
    readonly vasteKosten?: Opgeslagen;
    readonly jaarkostenTotaal?: Opgeslagen;
    readonly bonus?: Opgeslagen;
  };
  /**
   * Planned small locations. The gemeente workbook has no separate input for it: this is the Kosten sheet's
   * "Aantal locaties" (Opgave_Locaties) when filled ("invoer"), else the file's standard ("standaard").
   */
  readonly kleinschalig: {
    readonly locaties: number | null;
    readonly herkomst: "invoer" | "standaard" | "geen";
    readonly plek: string | null;
  };
  /** Stored key figures on the Overzicht sheet. */
  readonly overzicht: {
    readonly achterstand?: Opgeslagen;
    readonly voorsprong?: Opgeslagen;
    readonly periode?: Opgeslagen;
  };
  readonly problemen: readonly Probleem[];
  /**
   * When the file was last modified (ms since the epoch; the CLI: fs.stat's mtimeMs, the pane: File.lastModified).
   * Decides between two deliveries of one gemeente with the same Bron "Gevuld op" (a corrected resubmission).
   */
  readonly gewijzigd?: number;
}

const LEGE_KOSTEN: KostenInvoer = {
  plaatsen: null,
  kostenPerPlaats: null,
  locaties: null,
  vasteKostenPerLocatie: null,
  bonusPerPlaats: null,
};

/** An Aanlevering that could not be used at all (unreadable file, not an Opgave workbook, …). */
export function onbruikbareAanlevering(
  bestand: string,
  problemen: readonly Probleem[],
  extra: { onderwerp?: Onderwerp; bron?: BronGegevens } = {},
): Aanlevering {
  return {
    bestand,
    bruikbaar: false,
    ...extra,
    startperiode: null,
    beginsaldo: null,
    opvang: { besluit: null, doel: null, amv: null, bestaandePlaatsen: null },
    kosten: { eigen: LEGE_KOSTEN, standaard: LEGE_KOSTEN, gebruikt: {} },
    kleinschalig: { locaties: null, herkomst: "geen", plek: null },
    overzicht: {},
    problemen,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The result

export interface GemeenteRef {
  readonly code: string;
  readonly naam: string;
}

export interface Controle {
  /**
   * Stable id: `${soort}|${bestand}|${gemeente code}` (+ `|${plek}` for a finding about one cell); `bestand` empty
   * for a finding about a gemeente from the file used for it (`stabieleIds`).
   */
  readonly id: string;
  readonly soort: ControleSoort;
  readonly ernst: Ernst;
  readonly bestand: string | null;
  readonly gemeente: GemeenteRef | null;
  readonly plek: string | null;
  readonly melding: string;
}

export interface KostenUitkomst extends KostenInvoer {
  readonly jaarkostenOpvang: number | null;
  readonly vasteKosten: number | null;
  readonly jaarkostenTotaal: number | null;
  readonly bonus: number | null;
}

export type GemeenteStatus = "aangeleverd" | "ontbreekt" | "nietGebruikt";

export interface GemeenteRegel extends GemeenteRef {
  readonly veiligheidsregio: GemeenteRef | null;
  readonly status: GemeenteStatus;
  /** Dutch: "in orde", "2 waarschuwingen", "1 fout, 1 waarschuwing", "ontbreekt", "niet gebruikt (dubbel)". */
  readonly statusTekst: string;
  /** The file used (null: none). */
  readonly bestand: string | null;
  /** First and last period of the recomputed ledger (null: no ledger). */
  readonly vanaf: string | null;
  readonly tm: string | null;
  readonly verloop: readonly Regel[];
  /** Sums over the ledger's periods. */
  readonly taakstelling: number | null;
  readonly gehuisvest: number | null;
  readonly beginsaldo: number | null;
  /** At the end of the ledger. */
  readonly achterstand: number | null;
  readonly voorsprong: number | null;
  /**
   * Consecutive half-years ending with an achterstand at the end of the ledger (0: none at its end; null: no
   * ledger). Counted from the ledger's first half-year (./saldo `achtereenAchter`).
   */
  readonly achtereenAchter: number | null;
  readonly opvang: {
    readonly besluit: string | null;
    readonly besluitNaam: string | null;
    readonly doel: number | null;
    readonly amv: number | null;
    readonly bestaandePlaatsen: number | null;
    /** doel − bestaande plaatsen (negative: more places than the target). */
    readonly tekort: number | null;
  };
  readonly locaties: { readonly aantal: number | null; readonly herkomst: "invoer" | "standaard" | null };
  readonly kosten: KostenUitkomst | null;
  readonly fouten: number;
  readonly waarschuwingen: number;
}

/**
 * Sums over gemeente rows. A figure none of the gemeenten has is null (blank in the sheet, "onbekend" in text),
 * never 0: "tekort opvang 0" would say the province has no gap when nobody entered its places.
 */
export interface Totalen {
  readonly gemeenten: number;
  readonly aangeleverd: number;
  readonly taakstelling: number | null;
  readonly gehuisvest: number | null;
  readonly beginsaldo: number | null;
  readonly achterstand: number | null;
  readonly voorsprong: number | null;
  readonly opvang: number | null;
  readonly amv: number | null;
  readonly bestaandePlaatsen: number | null;
  readonly tekort: number | null;
  readonly locaties: number | null;
  readonly jaarkostenTotaal: number | null;
  readonly bonus: number | null;
}

/** The gemeenten whose ledger ends at one period (GemeenteRegel.tm). */
export interface Eindperiode {
  readonly periode: string;
  readonly gemeenten: readonly GemeenteRef[];
}

export interface RegioRegel extends GemeenteRef {
  readonly totaal: Totalen;
}

export interface BestandRegel {
  readonly bestand: string;
  readonly gemeente: GemeenteRef | null;
  readonly datasetId: string | null;
  readonly versie: string | null;
  readonly gevuldOp: string | null;
  readonly addinVersie: string | null;
  readonly gebruikt: boolean;
  /** Dutch: why (not) used. */
  readonly toelichting: string;
}

export interface Consolidatie {
  readonly provincie: GemeenteRef | undefined;
  readonly provincieHerkomst: "opgegeven" | "meerderheid" | "onbekend";
  /**
   * No province was given and the files' provinces tie for the majority: the tied provinces (sorted by name), for
   * the user to choose from (`provincie` is then undefined, herkomst "onbekend", with a "provincieKeuze" finding).
   * Opgave never guesses. null otherwise.
   */
  readonly provincieKeuze: readonly GemeenteRef[] | null;
  /** Gemeenten of the province are those existing on this date (the engine's dataset date). */
  readonly peildatum: string;
  /** The engine's dataset (the recomputation uses it). */
  readonly dataset: { readonly id: string; readonly versie: string; readonly datum: string };
  /** "id versie" most files were filled with. */
  readonly meerderheidVersie: string | null;
  /** The province's reception target under its default decision (and that decision's id). */
  readonly opvangDoelProvincie: number | null;
  readonly opvangBesluitProvincie: string | null;
  /** Every gemeente of the province (sorted by name), with or without a file. */
  readonly gemeenten: readonly GemeenteRegel[];
  readonly totaal: Totalen;
  /**
   * Where the ledgers of the gemeenten end: the totals of achterstand and voorsprong add up the balances at these
   * periods. Most gemeenten first (then the later period); empty when no ledger; more than one is a finding
   * ("eindperiodeVerschilt").
   */
  readonly eindperioden: readonly Eindperiode[];
  /** Per veiligheidsregio within the province (empty when the province has only one). */
  readonly regios: readonly RegioRegel[];
  readonly bestanden: readonly BestandRegel[];
  /** Sorted: fouten first, then by file, gemeente and kind. */
  readonly controles: readonly Controle[];
  /** The threshold of the supervision signal used (`ConsolideerOpties.toezichtDrempel`). */
  readonly toezichtDrempel: number;
}

export interface ConsolideerOpties {
  /** Province (name or code); default: the province of most delivered gemeenten. */
  readonly provincie?: string;
  /**
   * From how many consecutive half-years ending with an achterstand a gemeente is listed ("toezichtSignaal");
   * default TOEZICHT_DREMPEL. A whole number of at least 1.
   */
  readonly toezichtDrempel?: number;
}

/**
 * Default of `toezichtDrempel`: provincial practice, not law — Zuid-Holland, January 2025: after four consecutive
 * misses the province may intervene (rd.nl, "Zuid-Holland geeft acht gemeenten laatste waarschuwing").
 */
export const TOEZICHT_DREMPEL = 4;

// ---------------------------------------------------------------------------------------------------------
// Helpers

function som(xs: readonly (number | null | undefined)[]): number {
  let s = 0;
  for (const x of xs) if (typeof x === "number") s += x;
  return s;
}

/** The sum of the known figures; null when none is known (unknown is blank, never 0). */
function somBekend(xs: readonly (number | null | undefined)[]): number | null {
  return xs.some((x) => typeof x === "number") ? som(xs) : null;
}

function tijd(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

function versieSleutel(a: Aanlevering): string | null {
  if (!a.bron?.versie) return null;
  return `${a.bron.datasetId ?? "?"} ${a.bron.versie}`;
}

/** Equal within half a cent (amounts) / exactly for counts. */
function zelfde(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}

/**
 * The latest COA regular cost norm (per place per year): the standard of the gemeente workbook's Kosten sheet and
 * of the recomputation here (the kleinschalig options use it too).
 */
export function laatsteCoaNorm(engine: Engine): Engine["dataset"]["kostenNormen"][number] | undefined {
  return [...engine.dataset.kostenNormen]
    .filter((n) => n.soort === "coa-regulier")
    .sort((x, y) => y.vanaf.localeCompare(x.vanaf))[0];
}

/**
 * The day whose territory a gemeente workbook's ledger follows (issue 14): the first day of the last half-year of
 * its Taakstelling table on which the gemeente exists (for one that ended: its last half-year there); undefined
 * when it exists on none. The workbook (../workbook/bouwPlan) and the recomputation here use the same day, both
 * from the table's periods.
 */
export function ketenDag(engine: Engine, g: Gemeente, perioden: readonly Periode[]): Dag | undefined {
  let dag: Dag | undefined;
  for (const p of perioden) {
    const start = periodeStart(p);
    if (engine.register.bestaatOp(g, start) && (dag === undefined || vergelijkDag(start, dag) > 0))
      dag = start;
  }
  return dag;
}

/**
 * The taakstelling row `p` of a gemeente workbook's ledger counts (the rule of ACHTERSTAND and VERLOOP): that of
 * the territory the gemeente has on `opDag` (`ketenDag`) — before a herindeling that formed or enlarged it the
 * sum of the parts, each by art. 29 for that half-year; a split or partial transfer on the way is the reason —
 * with `landelijk`, the user's national number, when given. After the gemeente ended: its own reason.
 */
export function ketenTaakstelling(
  engine: Engine,
  g: Gemeente,
  p: Periode,
  opDag: Dag | undefined,
  landelijk?: number,
): GebiedTaakstelling | OpgaveFout {
  if (opDag === undefined || vergelijkDag(periodeStart(p), opDag) > 0) {
    const code = periodeCode(p);
    const t =
      landelijk === undefined
        ? engine.taakstellingUitkomst(g.code, code)
        : vang(() => engine.taakstellingEigen(g.code, code, landelijk));
    if (t instanceof OpgaveFout) return t;
    return { gemeente: g, periode: p, aantal: t.aantal, delen: [t], herindelingen: [], landelijk };
  }
  return vang(() => gebiedTaakstelling(engine.register, g, p, opDag, landelijk));
}

interface OpvangEngine {
  readonly besluit: string | null;
  readonly besluitNaam: string | null;
  readonly doel: number | null;
  readonly amv: number | null;
}

function opvangVan(engine: Engine, g: Gemeente): OpvangEngine {
  const totaal = vangStil(() => engine.opvangGemeente(g.code));
  if (!totaal) return { besluit: null, besluitNaam: null, doel: null, amv: null };
  const amv = vangStil(() => engine.opvangGemeente(g.code, "amv", totaal.besluit.id));
  return {
    besluit: totaal.besluit.id,
    besluitNaam: totaal.besluit.naam,
    doel: totaal.aantal,
    amv: amv?.aantal ?? null,
  };
}

/** The Kosten sheet's standards, recomputed with the engine (same rules as ../workbook/bouwPlan). */
function kostenStandaard(engine: Engine, doel: number | null): KostenInvoer {
  const opties =
    doel !== null && doel > 0 ? vangStil(() => engine.kleinschalig({ plaatsen: doel })) : undefined;
  const goedkoopste = opties?.opties[0];
  const duurzaam = goedkoopste?.duurzaamBonus ?? false;
  const bonus = engine.dataset.prikkels.find((p) => p.fase === "landelijk" && p.duurzaam === duurzaam);
  return {
    plaatsen: doel,
    kostenPerPlaats: laatsteCoaNorm(engine)?.bedrag ?? null,
    locaties: goedkoopste?.locaties ?? null,
    vasteKostenPerLocatie: DEFAULT_VASTE_KOSTEN,
    bonusPerPlaats: bonus?.bedrag ?? null,
  };
}

function kostenUitkomst(eigen: KostenInvoer, standaard: KostenInvoer): KostenUitkomst {
  const k = (s: keyof KostenInvoer) => eigen[s] ?? standaard[s];
  const plaatsen = k("plaatsen");
  const kpp = k("kostenPerPlaats");
  const locaties = k("locaties");
  const vast = k("vasteKostenPerLocatie");
  const bonusPP = k("bonusPerPlaats");
  const maal = (x: number | null, y: number | null) => (x === null || y === null ? null : x * y);
  const jaarkostenOpvang = maal(plaatsen, kpp);
  const vasteKosten = maal(locaties, vast);
  return {
    plaatsen,
    kostenPerPlaats: kpp,
    locaties,
    vasteKostenPerLocatie: vast,
    bonusPerPlaats: bonusPP,
    jaarkostenOpvang,
    vasteKosten,
    jaarkostenTotaal:
      jaarkostenOpvang === null || vasteKosten === null ? null : jaarkostenOpvang + vasteKosten,
    bonus: maal(plaatsen, bonusPP),
  };
}

interface Keten {
  readonly regels: readonly Regel[];
  /** Why the ledger stopped before the last row with input (for "verloopOnderbroken"). */
  readonly onderbroken?: {
    readonly na: string | null;
    readonly periode: string;
    readonly reden: string;
    readonly later: string[];
  };
  readonly geenInvoer: boolean;
  /** Recomputed per row: the stored values must equal these (empty outside the ledger). */
  readonly perRij: ReadonlyMap<
    string,
    { readonly gecorrigeerd: number; readonly achterstand: number | null; readonly voorsprong: number | null }
  >;
}

/** The periods of a Taakstelling table that parse (for `ketenDag`). */
function tabelPerioden(rijen: readonly AanleveringRij[]): Periode[] {
  return rijen.flatMap((r) => vangStil(() => parsePeriode(r.periode)) ?? []);
}

/**
 * The taakstelling of one row as the workbook's "Taakstelling (gebruikt)" takes it: own input; else with the user's
 * own national number, art. 29 for the territory (`ketenTaakstelling`, as the workbook's formula computes it from the
 * inhabitants it holds); else the engine's taakstelling of the territory or (`bestand`) the one written in the file;
 * null: none.
 */
function rijTaakstelling(
  engine: Engine,
  g: Gemeente,
  r: AanleveringRij,
  p: Periode,
  opDag: Dag | undefined,
  bron: "engine" | "bestand",
): number | null {
  if (r.eigen !== null) return r.eigen;
  if (r.landelijk === null && bron === "bestand") return r.taakstelling;
  const x = ketenTaakstelling(engine, g, p, opDag, r.landelijk ?? undefined);
  return x instanceof OpgaveFout ? null : x.aantal;
}

/** Why a row has no taakstelling: an own input refused (its cell), else none given. */
function taakstellingOnbekend(r: AanleveringRij): string {
  if (r.eigenAfgewezen)
    return b.redenEigenAfgewezen(r.periode, "Taakstelling (eigen invoer)", r.eigenAfgewezen);
  if (r.landelijkAfgewezen)
    return b.redenEigenAfgewezen(r.periode, "Landelijk getal (eigen invoer)", r.landelijkAfgewezen);
  return b.redenTaakstelling(r.periode);
}

/**
 * The ledger exactly as the workbook's formulas define it: with the engine's taakstelling (the overview), or
 * with the taakstelling written in the file (what the file's own formulas must show).
 */
function keten(engine: Engine, g: Gemeente, a: Aanlevering, bron: "engine" | "bestand"): Keten | undefined {
  const tabel = a.taakstelling;
  if (!tabel) return undefined;
  const rijen = tabel.rijen;
  const geenInvoer = rijen.every((r) => r.gehuisvest === null);
  if (a.beginsaldoOnbekend) return { regels: [], geenInvoer, perRij: new Map() };
  let start = 0;
  if (a.startperiode !== null) {
    start = rijen.findIndex((r) => r.periode.toLowerCase() === a.startperiode?.toLowerCase());
    if (start < 0) return { regels: [], geenInvoer, perRij: new Map() };
  }
  const opDag = ketenDag(engine, g, tabelPerioden(rijen));
  const stappen: { periode: Periode; taakstelling: number; gehuisvest: number }[] = [];
  let stop: { periode: string; reden: string; t?: number } | undefined;
  for (let i = start; i < rijen.length; i++) {
    const r = rijen[i];
    if (!r) break;
    const p = vangStil(() => parsePeriode(r.periode));
    // Consecutive half-years only (a deleted or shuffled row breaks the workbook's chain too).
    const vorige = stappen[stappen.length - 1];
    if (!p || (vorige && periodeIndex(p) !== periodeIndex(vorige.periode) + 1)) {
      stop = { periode: r.periode, reden: b.redenPeriode(r.periode) };
      break;
    }
    const t = rijTaakstelling(engine, g, r, p, opDag, bron);
    if (t === null) {
      stop = { periode: r.periode, reden: taakstellingOnbekend(r) };
      break;
    }
    if (r.gehuisvest === null) {
      const reden = r.gehuisvestAfgewezen
        ? b.redenGehuisvestAfgewezen(r.periode, r.gehuisvestAfgewezen)
        : b.redenGehuisvest(r.periode);
      stop = { periode: r.periode, reden, t };
      break;
    }
    stappen.push({ periode: p, taakstelling: t, gehuisvest: r.gehuisvest });
  }
  const regels = verloop(stappen, a.beginsaldo ?? 0);
  const perRij = new Map<
    string,
    { gecorrigeerd: number; achterstand: number | null; voorsprong: number | null }
  >(regels.map((r) => [periodeCode(r.periode), r]));
  // The row where the input ends still shows its Gecorrigeerd (taakstelling + balance at its start).
  if (stop?.t !== undefined) {
    const saldo = regels.length > 0 ? regels[regels.length - 1]!.saldo : (a.beginsaldo ?? 0);
    perRij.set(stop.periode, { gecorrigeerd: stop.t + saldo, achterstand: null, voorsprong: null });
  }
  let onderbroken: Keten["onderbroken"];
  if (stop) {
    const i = rijen.findIndex((r) => r.periode === stop?.periode);
    const later = rijen
      .slice(i)
      .filter((r) => r.gehuisvest !== null)
      .map((r) => r.periode);
    // Input simply ending is the normal end of the ledger; housed numbers after the break are not counted.
    if (later.length > 0) {
      const na = regels.length > 0 ? periodeCode(regels[regels.length - 1]!.periode) : null;
      onderbroken = { na, periode: stop.periode, reden: stop.reden, later };
    }
  }
  return { regels, geenInvoer, perRij, ...(onderbroken ? { onderbroken } : {}) };
}

function getalVan(o: Opgeslagen | undefined): number | null | undefined {
  if (!o) return undefined;
  if (o.waarde === null || (typeof o.waarde === "string" && o.waarde.trim() === "")) return null;
  return typeof o.waarde === "number" ? o.waarde : Number.NaN;
}

/** Stored values that differ from the recomputation: "plek: in werkboek x, herberekend y". */
function verschillen(
  paren: readonly { o: Opgeslagen | undefined; verwacht: number | string | null }[],
): { plek: string; inWerkboek: string; berekend: string }[] {
  const uit: { plek: string; inWerkboek: string; berekend: string }[] = [];
  for (const { o, verwacht } of paren) {
    if (!o) continue;
    const toon = (w: number | string | null) => (w === null ? "leeg" : typeof w === "number" ? getal(w) : w);
    if (typeof verwacht === "string") {
      const w = typeof o.waarde === "string" ? o.waarde.trim() : o.waarde;
      if (w !== verwacht) uit.push({ plek: o.plek, inWerkboek: toon(o.waarde), berekend: verwacht });
      continue;
    }
    const w = getalVan(o);
    const gelijk =
      w === null ? verwacht === null : verwacht !== null && w !== undefined && zelfde(w, verwacht);
    if (!gelijk) uit.push({ plek: o.plek, inWerkboek: toon(o.waarde), berekend: toon(verwacht) });
  }
  return uit;
}

/** Sums over gemeente rows: empty values do not count; a column without any value is null (not 0). */
export function totalenVan(rijen: readonly GemeenteRegel[]): Totalen {
  return {
    gemeenten: rijen.length,
    aangeleverd: rijen.filter((r) => r.status === "aangeleverd").length,
    taakstelling: somBekend(rijen.map((r) => r.taakstelling)),
    gehuisvest: somBekend(rijen.map((r) => r.gehuisvest)),
    beginsaldo: somBekend(rijen.map((r) => r.beginsaldo)),
    achterstand: somBekend(rijen.map((r) => r.achterstand)),
    voorsprong: somBekend(rijen.map((r) => r.voorsprong)),
    opvang: somBekend(rijen.map((r) => r.opvang.doel)),
    amv: somBekend(rijen.map((r) => r.opvang.amv)),
    bestaandePlaatsen: somBekend(rijen.map((r) => r.opvang.bestaandePlaatsen)),
    tekort: somBekend(rijen.map((r) => r.opvang.tekort)),
    locaties: somBekend(rijen.map((r) => r.locaties.aantal)),
    jaarkostenTotaal: somBekend(rijen.map((r) => r.kosten?.jaarkostenTotaal)),
    bonus: somBekend(rijen.map((r) => r.kosten?.bonus)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Consolidation, step by step

type GemeenteBestand = { readonly a: Aanlevering; readonly g: Gemeente };

/** The findings of one run (stable, unique ids in the order found) and, per file, whether and why (not) used. */
class Bevindingen {
  readonly controles: Controle[] = [];
  readonly gebruik = new Map<Aanlevering, { gebruikt: boolean; toelichting: string }>();

  voeg(
    soort: ControleSoort,
    ernst: Ernst,
    bestand: string | null,
    gemeente: GemeenteRef | null,
    melding: string,
    plek?: string,
  ): void {
    // The id is given once every file's use is known (`stabieleIds`).
    this.controles.push({ id: "", soort, ernst, bestand, gemeente, plek: plek ?? null, melding });
  }

  /**
   * 12b. Each finding's stable id, by which a re-run finds the row where the coordinator noted what was done
   * (Afgehandeld), in the order found (a second alike gets `|2`). Without the file's name for a finding about a
   * gemeente from the file used for it: a gemeente that sends its workbook again under another name
   * ("Zeist_v2.xlsx") keeps its findings, and their notes. With it where the file was not used (a resubmission
   * replaced or undecided, a file refused) or names no gemeente: that finding is about the file.
   */
  stabieleIds(): void {
    const gebruikt = new Set([...this.gebruik].filter(([, g]) => g.gebruikt).map(([a]) => a.bestand));
    const ids = new Set<string>();
    this.controles.forEach((c, i) => {
      const los =
        c.gemeente !== null && c.soort !== "dubbel" && (c.bestand === null || gebruikt.has(c.bestand));
      const basis = `${c.soort}|${los ? "" : (c.bestand ?? "")}|${c.gemeente?.code ?? ""}${c.plek ? `|${c.plek}` : ""}`;
      let id = basis;
      for (let n = 2; ids.has(id); n++) id = `${basis}|${n}`;
      ids.add(id);
      this.controles[i] = { ...c, id };
    });
  }

  zet(a: Aanlevering, gebruikt: boolean, toelichting: string): void {
    this.gebruik.set(a, { gebruikt, toelichting });
  }
}

/** What every step needs: the engine, its reference date, and where the findings go. */
interface Run {
  readonly engine: Engine;
  readonly peildatum: string;
  readonly peildag: ReturnType<typeof dagUitCode>;
  readonly bev: Bevindingen;
}

/** The gemeente a file says it is for (with the register's name), null for other files. */
function refVan(run: Run, a: Aanlevering): GemeenteRef | null {
  if (a.onderwerp?.soort !== "gemeente") return null;
  const g = run.engine.register.gemeenten.get(a.onderwerp.code);
  return { code: a.onderwerp.code, naam: g?.naam ?? a.onderwerp.naam };
}

/**
 * The plausible range of each number a gemeente workbook holds (./grenzen; a taakstelling is persons in a half-year
 * too). The reader checks the inputs against them where it knows the cell (./lezen: the finding names it, and the
 * cell is the finding's identity between runs); `begrens` checks everything once more, and what the reader did not
 * (the values Opgave wrote).
 */
export const BEREIK = {
  taakstelling: { ...GRENZEN.gehuisvest, omschrijving: "taakstelling van een gemeente in een halfjaar" },
  gehuisvest: GRENZEN.gehuisvest,
  landelijk: GRENZEN.landelijkTaakstelling,
  beginsaldo: GRENZEN.beginsaldo,
  plaatsen: GRENZEN.plaatsen,
  // No locations at all is a valid answer on the Kosten sheet.
  locaties: { ...GRENZEN.locaties, min: 0 },
  bedragPerPlaats: GRENZEN.bedragPerPlaats,
  vasteKosten: GRENZEN.vasteKosten,
} as const satisfies Record<string, Grootheid>;

export const KOSTEN_BEREIK: Record<keyof KostenInvoer, { g: Grootheid; label: string; naam: string }> = {
  plaatsen: { g: BEREIK.plaatsen, label: "Opvangplaatsen", naam: "Opgave_Plaatsen" },
  kostenPerPlaats: {
    g: BEREIK.bedragPerPlaats,
    label: "Kosten per plaats per jaar (€)",
    naam: "Opgave_KostenPerPlaats",
  },
  locaties: { g: BEREIK.locaties, label: "Aantal locaties", naam: "Opgave_Locaties" },
  vasteKostenPerLocatie: {
    g: BEREIK.vasteKosten,
    label: "Vaste kosten per locatie per jaar (€)",
    naam: "Opgave_VasteKostenPerLocatie",
  },
  bonusPerPlaats: {
    g: BEREIK.bedragPerPlaats,
    label: "Eenmalige bonus per plaats (€)",
    naam: "Opgave_BonusPerPlaats",
  },
};

/**
 * 1. Every number read from a file within its plausible range (./grenzen): a value outside it (Bestaande plaatsen
 * = 1e308) is a finding ("ongeldigeInvoer", with the part it belongs to, so that part's stored results are not
 * compared) and counts as empty — never a total of −1e308. Returns the file as used from here on.
 */
function begrens(a: Aanlevering): Aanlevering {
  if (!a.bruikbaar) return a;
  const extra: Probleem[] = [];
  const binnen = (
    n: number | null,
    g: Grootheid,
    label: string,
    waar: string,
    deel: AanleveringDeel,
  ): number | null => {
    if (n === null || binnenGrenzen(g, n)) return n;
    extra.push({ soort: "ongeldigeInvoer", ernst: "fout", deel, melding: b.buitenBereik(label, waar, n, g) });
    return null;
  };
  const tabel = a.taakstelling;
  const rijen = tabel?.rijen.map((r) => {
    const waar = `blad ${tabel.blad}, rij ${r.rij}`;
    const d = "taakstelling" as const;
    return {
      ...r,
      taakstelling: binnen(r.taakstelling, BEREIK.taakstelling, `Taakstelling ${r.periode}`, waar, d),
      eigen: binnen(r.eigen, BEREIK.taakstelling, `Taakstelling (eigen invoer) ${r.periode}`, waar, d),
      landelijk: binnen(
        r.landelijk,
        BEREIK.landelijk,
        `Landelijk getal (eigen invoer) ${r.periode}`,
        waar,
        d,
      ),
      gehuisvest: binnen(r.gehuisvest, BEREIK.gehuisvest, `Gehuisvest ${r.periode}`, waar, d),
    };
  });
  const beginsaldo = binnen(
    a.beginsaldo,
    BEREIK.beginsaldo,
    "Beginsaldo",
    "Opgave_Beginsaldo",
    "taakstelling",
  );
  const o = a.opvang;
  const opvang = {
    ...o,
    doel: binnen(o.doel, BEREIK.plaatsen, "Opvangdoel", "blad Opvang", "opvang"),
    amv: binnen(o.amv, BEREIK.plaatsen, "Opvangdoel amv", "blad Opvang", "opvang"),
    bestaandePlaatsen: binnen(
      o.bestaandePlaatsen,
      BEREIK.plaatsen,
      "Bestaande plaatsen",
      "Opgave_BestaandePlaatsen",
      "opvang",
    ),
  };
  const kostenVan = (k: KostenInvoer, standaard: boolean): KostenInvoer => {
    const uit: Record<keyof KostenInvoer, number | null> = { ...k };
    for (const s of KOSTEN_SLEUTELS) {
      const { g, label, naam } = KOSTEN_BEREIK[s];
      uit[s] = standaard
        ? binnen(k[s], g, `${label}, standaard`, "blad Kosten, kolom Standaard", "kosten")
        : binnen(k[s], g, label, naam, "kosten");
    }
    return uit;
  };
  const kosten = {
    ...a.kosten,
    eigen: kostenVan(a.kosten.eigen, false),
    standaard: kostenVan(a.kosten.standaard, true),
  };
  // A copy of "Aantal locaties" or its standard (checked above): out of range counts as empty, without a second finding.
  const ks = a.kleinschalig;
  const locaties = ks.locaties !== null && binnenGrenzen(BEREIK.locaties, ks.locaties) ? ks.locaties : null;
  if (extra.length === 0 && locaties === ks.locaties) return a;
  return {
    ...a,
    ...(tabel && rijen ? { taakstelling: { ...tabel, rijen } } : {}),
    beginsaldo,
    ...(a.beginsaldo !== null && beginsaldo === null ? { beginsaldoOnbekend: true as const } : {}),
    opvang,
    kosten,
    kleinschalig: { ...ks, locaties },
    problemen: [...a.problemen, ...extra],
  };
}

/** 2. What went wrong while reading; unusable files are not used. */
function meldLeesproblemen(run: Run, aanleveringen: readonly Aanlevering[]): void {
  for (const a of aanleveringen) {
    for (const p of a.problemen) run.bev.voeg(p.soort, p.ernst, a.bestand, refVan(run, a), p.melding, p.plek);
  }
  for (const a of aanleveringen) {
    if (!a.bruikbaar) run.bev.zet(a, false, a.problemen[0]?.melding ?? b.nietGebruikt);
  }
}

/** 3. Which gemeente each usable file is for (one that does not exist on the reference date is reported). */
function gemeenteBestanden(run: Run, aanleveringen: readonly Aanlevering[]): GemeenteBestand[] {
  const reg = run.engine.register;
  const uit: GemeenteBestand[] = [];
  for (const a of aanleveringen) {
    if (!a.bruikbaar || a.onderwerp?.soort !== "gemeente") continue;
    const g = reg.gemeenten.get(a.onderwerp.code);
    if (!g || !reg.bestaatOp(g, run.peildag)) {
      const m = b.onbekendeGemeente(a.onderwerp.code, a.onderwerp.naam, run.peildatum);
      run.bev.voeg("onbekendeGemeente", "fout", a.bestand, refVan(run, a), m);
      run.bev.zet(a, false, m);
      continue;
    }
    uit.push({ a, g });
  }
  return uit;
}

/** 4. The province: given, or the one most files belong to; on a tie the user chooses (never a guess). */
function kiesProvincie(
  run: Run,
  bestanden: readonly GemeenteBestand[],
  opties: ConsolideerOpties,
): Pick<Consolidatie, "provincie" | "provincieHerkomst" | "provincieKeuze"> {
  const { engine } = run;
  if (opties.provincie !== undefined) {
    const p = engine.provincie(opties.provincie);
    return {
      provincie: { code: p.code, naam: p.naam },
      provincieHerkomst: "opgegeven",
      provincieKeuze: null,
    };
  }
  const telling = new Map<string, number>();
  for (const { g } of bestanden) {
    if (g.provincie !== null) telling.set(g.provincie, (telling.get(g.provincie) ?? 0) + 1);
  }
  const meeste = Math.max(0, ...telling.values());
  const kandidaten = [...telling]
    .filter(([, n]) => n === meeste)
    .map(([code]) => {
      const p = engine.register.provincies.get(code);
      return { code, naam: p?.naam ?? code };
    })
    .sort((x, y) => x.naam.localeCompare(y.naam, "nl"));
  const [enige] = kandidaten;
  if (kandidaten.length === 1 && enige && engine.register.provincies.has(enige.code))
    return { provincie: enige, provincieHerkomst: "meerderheid", provincieKeuze: null };
  if (kandidaten.length > 1) {
    run.bev.voeg(
      "provincieKeuze",
      "fout",
      null,
      null,
      b.provincieKeuze(
        kandidaten.map((k) => k.naam),
        meeste,
      ),
    );
    for (const { a } of bestanden) run.bev.zet(a, false, b.nietGebruiktKeuze);
    return { provincie: undefined, provincieHerkomst: "onbekend", provincieKeuze: kandidaten };
  }
  return { provincie: undefined, provincieHerkomst: "onbekend", provincieKeuze: null };
}

/** 5. Files of gemeenten outside the province are reported and not counted. */
function binnenProvincie(
  run: Run,
  bestanden: readonly GemeenteBestand[],
  provincie: GemeenteRef | undefined,
): GemeenteBestand[] {
  const binnen: GemeenteBestand[] = [];
  for (const x of bestanden) {
    if (provincie && x.g.provincie !== provincie.code) {
      const reg = run.engine.register;
      const zijn = x.g.provincie ? (reg.provincies.get(x.g.provincie)?.naam ?? x.g.provincie) : "?";
      const m = b.buitenProvincie(x.g.naam, zijn, provincie.naam);
      run.bev.voeg("buitenProvincie", "waarschuwing", x.a.bestand, { code: x.g.code, naam: x.g.naam }, m);
      run.bev.zet(x.a, false, m);
    } else {
      binnen.push(x);
    }
  }
  return binnen;
}

/** 6. Dataset versions: the majority of the usable gemeente files; another one (or not the engine's) is reported. */
function controleerVersies(run: Run, bestanden: readonly GemeenteBestand[]): string | null {
  const { engine } = run;
  const versies = new Map<string, number>();
  for (const { a } of bestanden) {
    const v = versieSleutel(a);
    if (v) versies.set(v, (versies.get(v) ?? 0) + 1);
  }
  const engineVersie = `${engine.dataset.id} ${engine.dataset.versie}`;
  const meerderheidVersie =
    [...versies].sort(
      (x, y) =>
        y[1] - x[1] ||
        Number(y[0] === engineVersie) - Number(x[0] === engineVersie) ||
        y[0].localeCompare(x[0], "en", { numeric: true }),
    )[0]?.[0] ?? null;
  for (const { a, g } of bestanden) {
    const v = versieSleutel(a);
    if (v === null || (v === meerderheidVersie && v === engineVersie)) continue;
    const tov = {
      meerderheid: v !== meerderheidVersie && meerderheidVersie !== null ? meerderheidVersie : null,
      aantal: meerderheidVersie ? (versies.get(meerderheidVersie) ?? 0) : 0,
      totaal: som([...versies.values()]),
      engine: v !== engineVersie ? engineVersie : null,
    };
    const m = b.andereVersie(v, tov);
    run.bev.voeg("andereVersie", "waarschuwing", a.bestand, { code: g.code, naam: g.naam }, m);
  }
  return meerderheidVersie;
}

/** A delivery's moments as the messages show them. */
function momentVan(a: Aanlevering): Aanleveringsmoment {
  const gewijzigd =
    a.gewijzigd !== undefined && Number.isFinite(a.gewijzigd) ? new Date(a.gewijzigd).toISOString() : null;
  return { bestand: a.bestand, gevuldOp: a.bron?.gevuldOp ?? null, gewijzigd };
}

/**
 * Which of two deliveries of one gemeente is newer: `> 0` x, `< 0` y, 0 undecided; and what decided. Bron "Gevuld
 * op" to the second (as the messages show it) first; when that ties or is missing in either, the files'
 * modification times; a file with a "Gevuld op" is newer than one without only when the times do not decide.
 */
function nieuwer(
  x: Aanlevering,
  y: Aanlevering,
): { readonly teken: number; readonly door: "gevuldOp" | "gewijzigd" } {
  const sec = (a: Aanlevering) => {
    const t = tijd(a.bron?.gevuldOp);
    return t === undefined ? undefined : Math.floor(t / 1000);
  };
  const gx = sec(x);
  const gy = sec(y);
  if (gx !== undefined && gy !== undefined && gx !== gy)
    return { teken: Math.sign(gx - gy), door: "gevuldOp" };
  const mx = x.gewijzigd;
  const my = y.gewijzigd;
  if (mx !== undefined && my !== undefined && Number.isFinite(mx) && Number.isFinite(my) && mx !== my)
    return { teken: Math.sign(mx - my), door: "gewijzigd" };
  return { teken: Number(gx !== undefined) - Number(gy !== undefined), door: "gevuldOp" };
}

/** What a delivery holds, as one text: every figure read and "Gevuld op"; not its name or file time. */
function inhoudVan(a: Aanlevering): string {
  return JSON.stringify({ ...a, bestand: "", gewijzigd: 0 });
}

/**
 * The marks a copy's name gets where a file is saved or downloaded again: a browser's or Outlook's "Zeist (1)",
 * Windows Explorer's "Zeist - Kopie" / "Zeist - Copy (2)", macOS's "Zeist kopie 2" / "Zeist copy", one's own
 * "zeist-kopie", and "Kopie van Zeist" / "Copy of Zeist". Matched on the name without its folder and extension.
 */
const KOPIE_ACHTER = /(?:\s\(\d+\)|(?:\s-\s|[\s_-])(?:kopie|copy)(?:\s\(\d+\)|[\s_-]\d+)?)$/i;
const KOPIE_VOOR = /^(?:kopie van|copy of)\s/i;

/** Whether a file's name reads as a copy of another's ("Zeist (1).xlsx", "Zeist - Kopie.xlsx"). */
export function isKopieNaam(bestand: string): boolean {
  const naam = (bestand.split(/[\\/]/).pop() ?? bestand).replace(/\.[^.]*$/, "");
  return KOPIE_ACHTER.test(naam) || KOPIE_VOOR.test(naam);
}

/**
 * Which of two files of the same content stands for them: the one whose name is no copy's (a folder lists
 * "Zeist (1).xlsx" before "Zeist.xlsx", and a copy's file time is when it was copied or downloaded, not when it was
 * filled: "Gevuld op" is the same in both); else the newer where `nieuwer` decides; else the first.
 */
function staatVoor(u: GemeenteBestand, x: GemeenteBestand): GemeenteBestand {
  const [kopieU, kopieX] = [isKopieNaam(u.a.bestand), isKopieNaam(x.a.bestand)];
  if (kopieU !== kopieX) return kopieU ? x : u;
  return nieuwer(x.a, u.a).teken > 0 ? x : u;
}

/**
 * A gemeente's files with those of the same content (`inhoudVan`: the same file saved twice, "Zeist (1).xlsx")
 * taken together: which one stands for them (`staatVoor`) and the others, named as the same delivery. Two copies
 * would otherwise go to `nieuwer`, and with equal file times neither used.
 */
function zonderKopieen(run: Run, groep: readonly GemeenteBestand[], ref: GemeenteRef): GemeenteBestand[] {
  const perInhoud = new Map<string, GemeenteBestand[]>();
  for (const x of groep) {
    const inhoud = inhoudVan(x.a);
    perInhoud.set(inhoud, [...(perInhoud.get(inhoud) ?? []), x]);
  }
  return [...perInhoud.values()].map((zelfde) => {
    const blijft = zelfde.reduce(staatVoor);
    for (const kopie of zelfde) {
      if (kopie === blijft) continue;
      const m = b.zelfdeAanlevering(ref.naam, blijft.a.bestand, kopie.a.bestand);
      run.bev.voeg("dubbel", "waarschuwing", kopie.a.bestand, ref, m);
      run.bev.zet(kopie.a, false, m);
    }
    return blijft;
  });
}

/**
 * 7. Resubmissions: of several files of one gemeente the newest is used (`nieuwer`: "Gevuld op", then the file's
 * modification time) and each older one is reported as replaced by it; when no file is newer than all others,
 * none is used. Copies of one file (`zonderKopieen`) count once.
 */
function kiesBestandPerGemeente(
  run: Run,
  binnen: readonly GemeenteBestand[],
): { perGemeente: Map<string, Aanlevering>; nietBeslist: Set<string> } {
  const perGemeente = new Map<string, Aanlevering>();
  const groepen = new Map<string, GemeenteBestand[]>();
  for (const x of binnen) groepen.set(x.g.code, [...(groepen.get(x.g.code) ?? []), x]);
  const nietBeslist = new Set<string>();
  for (const [code, alle] of groepen) {
    const eerste = alle[0];
    if (!eerste) continue;
    const ref = { code: eerste.g.code, naam: eerste.g.naam };
    const groep = zonderKopieen(run, alle, ref);
    const winnaar = groep.find((x) => groep.every((y) => y === x || nieuwer(x.a, y.a).teken > 0));
    if (!winnaar) {
      nietBeslist.add(code);
      const m = b.dubbelOnbeslist(
        ref.naam,
        groep.map((x) => momentVan(x.a)),
      );
      for (const x of groep) {
        run.bev.voeg("dubbel", "fout", x.a.bestand, ref, m);
        run.bev.zet(x.a, false, m);
      }
      continue;
    }
    perGemeente.set(code, winnaar.a);
    for (const x of groep) {
      if (x === winnaar) continue;
      const m = b.vervangt(ref.naam, momentVan(winnaar.a), momentVan(x.a), nieuwer(winnaar.a, x.a).door);
      run.bev.voeg("dubbel", "waarschuwing", x.a.bestand, ref, m);
      run.bev.zet(x.a, false, m);
    }
  }
  return { perGemeente, nietBeslist };
}

/** What step 8 knows about the province. */
interface ProvincieGegevens {
  readonly provincie: GemeenteRef | undefined;
  readonly perGemeente: ReadonlyMap<string, Aanlevering>;
  readonly nietBeslist: ReadonlySet<string>;
  readonly vrNaam: ReadonlyMap<string, string>;
  /** The Kosten standards per opvang target (computed once per target). */
  readonly standaardVoor: (doel: number | null) => KostenInvoer;
}

type LegeRegel = Omit<GemeenteRegel, "status" | "statusTekst">;

/** A gemeente's row without a file. */
function legeRegel(p: ProvincieGegevens, g: Gemeente, ov: OpvangEngine): LegeRegel {
  const vr = g.veiligheidsregio
    ? { code: g.veiligheidsregio, naam: p.vrNaam.get(g.veiligheidsregio) ?? g.veiligheidsregio }
    : null;
  return {
    code: g.code,
    naam: g.naam,
    veiligheidsregio: vr,
    bestand: null,
    vanaf: null,
    tm: null,
    verloop: [],
    taakstelling: null,
    gehuisvest: null,
    beginsaldo: null,
    achterstand: null,
    voorsprong: null,
    achtereenAchter: null,
    opvang: { ...ov, bestaandePlaatsen: null, tekort: null },
    locaties: { aantal: null, herkomst: null },
    kosten: null,
    fouten: 0,
    waarschuwingen: 0,
  };
}

/** Opvang: the engine's target is used; the file's figure only checked against it. */
function controleerOpvang(run: Run, a: Aanlevering, ref: GemeenteRef, ov: OpvangEngine): void {
  if (a.opvang.doel === null && a.opvang.besluit === null) return;
  const anders =
    a.opvang.doel !== ov.doel ||
    (ov.besluitNaam !== null && a.opvang.besluit !== null && a.opvang.besluit !== ov.besluitNaam);
  if (anders) {
    const m = b.opvangAfwijkt(a.opvang.doel, a.opvang.besluit, ov.doel, ov.besluitNaam);
    run.bev.voeg("opvangAfwijkt", "waarschuwing", a.bestand, ref, m);
  }
}

/** The ledger with the engine's taakstelling; no input at all, or input after a break, is reported. */
function ketenMetMeldingen(run: Run, g: Gemeente, a: Aanlevering, ref: GemeenteRef): Keten | undefined {
  const k = keten(run.engine, g, a, "engine");
  // Every gemeente's table starts at the same half-year: without an Eerste periode a later first row means rows
  // were deleted, and the ledger counts without them (the workbook's own does too).
  const eerste = a.taakstelling?.rijen[0];
  if (a.startperiode === null && eerste && eerste.periode.toUpperCase() !== EERSTE_TABELPERIODE) {
    // On its own cell (the table's first row), so the id of a break in the ledger found below does not change.
    const plek = `${a.taakstelling?.blad ?? ""}!A${eerste.rij}`;
    const melding = b.eersteRijenWeg(EERSTE_TABELPERIODE, eerste.periode);
    run.bev.voeg("verloopOnderbroken", "waarschuwing", a.bestand, ref, melding, plek);
  }
  if (k?.geenInvoer) run.bev.voeg("geenInvoer", "waarschuwing", a.bestand, ref, b.geenInvoer);
  else if (k?.onderbroken) {
    const { na, reden, later } = k.onderbroken;
    run.bev.voeg(
      "verloopOnderbroken",
      "waarschuwing",
      a.bestand,
      ref,
      b.verloopOnderbroken(na, reden, later),
    );
  }
  return k;
}

type Paar = { o: Opgeslagen | undefined; verwacht: number | string | null };

/**
 * Stored results against the recomputation. Where an input was rejected the file's formulas computed with it (or
 * show #VALUE!): that is reported already, so the results of that part are not compared.
 */
function opgeslagenParen(run: Run, g: Gemeente, a: Aanlevering): Paar[] {
  const afgewezen = (deel: AanleveringDeel) =>
    a.problemen.some(
      (p) =>
        p.ernst === "fout" &&
        (p.soort === "nietNumeriek" || p.soort === "negatief" || p.soort === "ongeldigeInvoer") &&
        p.deel === deel,
    );
  const paren: Paar[] = [];
  // The file's formulas compute with the taakstelling written in it (its dataset version, reported above).
  const kb = keten(run.engine, g, a, "bestand");
  if (kb && a.taakstelling && !afgewezen("taakstelling")) {
    const laatsteB = kb.regels[kb.regels.length - 1];
    for (const r of a.taakstelling.rijen) {
      const x = kb.perRij.get(r.periode);
      paren.push({ o: r.opgeslagen.gecorrigeerd, verwacht: x?.gecorrigeerd ?? null });
      paren.push({ o: r.opgeslagen.achterstand, verwacht: x?.achterstand ?? null });
      paren.push({ o: r.opgeslagen.voorsprong, verwacht: x?.voorsprong ?? null });
    }
    paren.push({ o: a.overzicht.achterstand, verwacht: laatsteB?.achterstand ?? null });
    paren.push({ o: a.overzicht.voorsprong, verwacht: laatsteB?.voorsprong ?? null });
    paren.push({ o: a.overzicht.periode, verwacht: laatsteB ? periodeCode(laatsteB.periode) : null });
  }
  if (!afgewezen("opvang")) {
    const bestaand = a.opvang.bestaandePlaatsen;
    paren.push({
      o: a.opvang.tekort,
      verwacht: a.opvang.doel !== null && bestaand !== null ? a.opvang.doel - bestaand : null,
    });
  }
  // The file's own standards (its dataset) decide what its Kosten formulas show.
  if (!afgewezen("kosten")) {
    const kostenBestand = kostenUitkomst(a.kosten.eigen, a.kosten.standaard);
    for (const s of KOSTEN_SLEUTELS) paren.push({ o: a.kosten.gebruikt[s], verwacht: kostenBestand[s] });
    paren.push({ o: a.kosten.jaarkostenOpvang, verwacht: kostenBestand.jaarkostenOpvang });
    paren.push({ o: a.kosten.vasteKosten, verwacht: kostenBestand.vasteKosten });
    paren.push({ o: a.kosten.jaarkostenTotaal, verwacht: kostenBestand.jaarkostenTotaal });
    paren.push({ o: a.kosten.bonus, verwacht: kostenBestand.bonus });
  }
  return paren;
}

/** The row of a gemeente whose file is used: recomputed, checked. */
function aangeleverdeRegel(
  run: Run,
  p: ProvincieGegevens,
  g: Gemeente,
  a: Aanlevering,
  leeg: LegeRegel,
): GemeenteRegel {
  const ref = { code: g.code, naam: g.naam };
  run.bev.zet(a, true, b.gebruikt);
  const ov = leeg.opvang;
  controleerOpvang(run, a, ref, ov);
  const bestaand = a.opvang.bestaandePlaatsen;
  const tekort = ov.doel !== null && bestaand !== null ? ov.doel - bestaand : null;

  const k = ketenMetMeldingen(run, g, a, ref);
  const laatste = k?.regels[k.regels.length - 1];
  const eersteRegel = k?.regels[0];

  // Costs and planned locations.
  const standaard = p.standaardVoor(ov.doel);
  const kosten = kostenUitkomst(a.kosten.eigen, standaard);
  const locatieHerkomst =
    a.kosten.eigen.locaties !== null
      ? ("invoer" as const)
      : standaard.locaties !== null
        ? ("standaard" as const)
        : null;

  const anders = verschillen(opgeslagenParen(run, g, a));
  if (anders.length > 0) run.bev.voeg("totaalWijktAf", "fout", a.bestand, ref, b.totaalWijktAf(anders));

  const metRegels = k && k.regels.length > 0;
  return {
    ...leeg,
    status: "aangeleverd",
    statusTekst: "",
    bestand: a.bestand,
    vanaf: eersteRegel ? periodeCode(eersteRegel.periode) : null,
    tm: laatste ? periodeCode(laatste.periode) : null,
    verloop: k?.regels ?? [],
    taakstelling: metRegels ? som(k.regels.map((r) => r.taakstelling)) : null,
    gehuisvest: metRegels ? som(k.regels.map((r) => r.gehuisvest)) : null,
    beginsaldo: metRegels ? (a.beginsaldo ?? 0) : null,
    achterstand: laatste?.achterstand ?? null,
    voorsprong: laatste?.voorsprong ?? null,
    achtereenAchter: metRegels ? (achtereenAchter(k.regels).at(-1) ?? 0) : null,
    opvang: { ...ov, bestaandePlaatsen: bestaand, tekort },
    locaties: { aantal: kosten.locaties, herkomst: locatieHerkomst },
    kosten,
  };
}

/** 8. One row per gemeente of the province (sorted by name), recomputed where a file is used. */
function gemeenteRegels(run: Run, p: ProvincieGegevens): GemeenteRegel[] {
  const provincie = p.provincie;
  const provGemeenten = provincie
    ? run.engine.register
        .gemeentenOp(run.peildag)
        .filter((g) => g.provincie === provincie.code)
        .sort((x, y) => x.naam.localeCompare(y.naam, "nl"))
    : [];
  return provGemeenten.map((g): GemeenteRegel => {
    const leeg = legeRegel(p, g, opvangVan(run.engine, g));
    const a = p.perGemeente.get(g.code);
    if (a) return aangeleverdeRegel(run, p, g, a, leeg);
    if (p.nietBeslist.has(g.code))
      return { ...leeg, status: "nietGebruikt", statusTekst: b.statusNietGebruikt };
    run.bev.voeg(
      "ontbreekt",
      "waarschuwing",
      null,
      { code: g.code, naam: g.naam },
      b.ontbreekt(g.naam, provincie?.naam ?? ""),
    );
    return { ...leeg, status: "ontbreekt", statusTekst: b.statusOntbreekt };
  });
}

/**
 * 9. Where the ledgers end (GemeenteRegel.tm): the totals of achterstand and voorsprong add up balances at these
 * periods; when they differ, a finding says which gemeenten end where.
 */
function eindperiodenVan(run: Run, regels: readonly GemeenteRegel[]): Eindperiode[] {
  const per = new Map<string, GemeenteRef[]>();
  for (const r of regels) {
    if (r.status !== "aangeleverd" || r.tm === null) continue;
    per.set(r.tm, [...(per.get(r.tm) ?? []), { code: r.code, naam: r.naam }]);
  }
  // "2024-I" < "2024-II" < "2025-I" as text too.
  const eind = [...per]
    .map(([periode, gemeenten]) => ({ periode, gemeenten }))
    .sort((x, y) => y.gemeenten.length - x.gemeenten.length || (x.periode < y.periode ? 1 : -1));
  if (eind.length > 1) {
    const m = b.eindperiodeVerschilt(
      eind.map((e) => ({ periode: e.periode, gemeenten: e.gemeenten.map((g) => g.naam) })),
    );
    run.bev.voeg("eindperiodeVerschilt", "waarschuwing", null, null, m);
  }
  return eind;
}

/**
 * 9b. The supervision signal: a gemeente whose ledger ends with `drempel` or more consecutive half-years of
 * achterstand (provincial practice, not law), one finding per gemeente (on the file used).
 */
function meldToezicht(run: Run, regels: readonly GemeenteRegel[], drempel: number): void {
  for (const r of regels) {
    if (r.status !== "aangeleverd" || r.achtereenAchter === null || r.achtereenAchter < drempel) continue;
    const m = b.toezichtSignaal(r.naam, r.achtereenAchter, r.tm ?? "", drempel);
    run.bev.voeg("toezichtSignaal", "waarschuwing", r.bestand, { code: r.code, naam: r.naam }, m);
  }
}

/** 10. Findings per gemeente (the file used and the gemeente itself) → its status. */
function metStatus(regels: readonly GemeenteRegel[], controles: readonly Controle[]): GemeenteRegel[] {
  return regels.map((r) => {
    if (r.status !== "aangeleverd") return r;
    const eigen = controles.filter(
      (c) => c.gemeente?.code === r.code && (c.bestand === r.bestand || c.bestand === null),
    );
    const fouten = eigen.filter((c) => c.ernst === "fout").length;
    const waarschuwingen = eigen.length - fouten;
    return { ...r, fouten, waarschuwingen, statusTekst: b.status(fouten, waarschuwingen) };
  });
}

/** 11. Per veiligheidsregio, where the province has more than one. */
function regiosVan(gemeenten: readonly GemeenteRegel[], vrNaam: ReadonlyMap<string, string>): RegioRegel[] {
  const vrCodes = [...new Set(gemeenten.map((r) => r.veiligheidsregio?.code ?? ""))]
    .filter((c) => c !== "")
    .sort();
  return vrCodes.length > 1
    ? vrCodes.map((code) => ({
        code,
        naam: vrNaam.get(code) ?? code,
        totaal: totalenVan(gemeenten.filter((r) => r.veiligheidsregio?.code === code)),
      }))
    : [];
}

/** 12. Every file read: which gemeente, which data, used or why not. */
function bestandRegels(run: Run, aanleveringen: readonly Aanlevering[]): BestandRegel[] {
  return aanleveringen.map((a) => ({
    bestand: a.bestand,
    gemeente: refVan(run, a),
    datasetId: a.bron?.datasetId ?? null,
    versie: a.bron?.versie ?? null,
    gevuldOp: a.bron?.gevuldOp ?? null,
    addinVersie: a.bron?.addinVersie ?? null,
    gebruikt: run.bev.gebruik.get(a)?.gebruikt ?? false,
    toelichting: run.bev.gebruik.get(a)?.toelichting ?? b.nietGebruikt,
  }));
}

/** 13. Fouten first, then by file, gemeente and kind (ids are unique: a total order). */
function sorteerControles(controles: Controle[]): void {
  const volgorde = new Map(CONTROLE_SOORTEN.map((s, i) => [s, i]));
  controles.sort(
    (x, y) =>
      Number(x.ernst === "waarschuwing") - Number(y.ernst === "waarschuwing") ||
      Number(x.bestand === null) - Number(y.bestand === null) ||
      (x.bestand ?? "").localeCompare(y.bestand ?? "", "nl") ||
      (x.gemeente?.naam ?? "").localeCompare(y.gemeente?.naam ?? "", "nl") ||
      (volgorde.get(x.soort) ?? 0) - (volgorde.get(y.soort) ?? 0) ||
      x.id.localeCompare(y.id, "en", { numeric: true }),
  );
}

/**
 * One checked overview of the delivered files for one province. Never throws for bad files; throws an OpgaveFout
 * (ongeldig) for a `toezichtDrempel` that is not a whole number of at least 1.
 */
export function consolideer(
  engine: Engine,
  gelezen: readonly Aanlevering[],
  opties: ConsolideerOpties = {},
): Consolidatie {
  const toezichtDrempel = opties.toezichtDrempel ?? TOEZICHT_DREMPEL;
  if (!Number.isInteger(toezichtDrempel) || toezichtDrempel < 1)
    throw ongeldig(b.toezichtDrempelOngeldig(toezichtDrempel));
  const peildatum = engine.dataset.datum;
  const run: Run = { engine, peildatum, peildag: dagUitCode(peildatum), bev: new Bevindingen() };

  const aanleveringen = gelezen.map(begrens);
  meldLeesproblemen(run, aanleveringen);
  const bestanden = gemeenteBestanden(run, aanleveringen);
  const { provincie, provincieHerkomst, provincieKeuze } = kiesProvincie(run, bestanden, opties);
  const binnen = binnenProvincie(run, bestanden, provincie);
  const meerderheidVersie = controleerVersies(run, bestanden);
  const { perGemeente, nietBeslist } = kiesBestandPerGemeente(run, binnen);

  const vrNaam = new Map(engine.dataset.veiligheidsregios.map((v) => [v.code, v.naam]));
  const normen = new Map<number | null, KostenInvoer>();
  const standaardVoor = (doel: number | null) => {
    let s = normen.get(doel);
    if (!s) normen.set(doel, (s = kostenStandaard(engine, doel)));
    return s;
  };
  const regels = gemeenteRegels(run, { provincie, perGemeente, nietBeslist, vrNaam, standaardVoor });
  const eindperioden = eindperiodenVan(run, regels);
  meldToezicht(run, regels, toezichtDrempel);
  const gemeenten = metStatus(regels, run.bev.controles);
  const regios = regiosVan(gemeenten, vrNaam);
  const opvangProvincie = provincie ? vangStil(() => engine.opvangProvincie(provincie.code)) : undefined;
  const bestandenLijst = bestandRegels(run, aanleveringen);
  run.bev.stabieleIds();
  sorteerControles(run.bev.controles);

  return {
    provincie,
    provincieHerkomst,
    provincieKeuze,
    peildatum,
    dataset: { id: engine.dataset.id, versie: engine.dataset.versie, datum: engine.dataset.datum },
    meerderheidVersie,
    opvangDoelProvincie: opvangProvincie?.aantal ?? null,
    opvangBesluitProvincie: opvangProvincie?.besluit.id ?? null,
    gemeenten,
    totaal: totalenVan(gemeenten),
    eindperioden,
    regios,
    bestanden: bestandenLijst,
    controles: run.bev.controles,
    toezichtDrempel,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Text for the user (CLI and pane)

/** One listed finding: one line of `controleRegels` (the missing gemeenten share one line). */
interface GetoondeBevinding {
  readonly ernst: Ernst;
  readonly tekst: string;
  /** How many findings (Controle rows) the line stands for. */
  readonly aantal: number;
}

/** The findings as they are listed: per file (files in the order given), then the general ones. */
function getoond(c: Consolidatie): { bestand: BestandRegel | null; bevindingen: GetoondeBevinding[] }[] {
  const regel = (x: Controle): GetoondeBevinding => ({ ernst: x.ernst, tekst: x.melding, aantal: 1 });
  const groepen = c.bestanden.map((bestand) => ({
    bestand: bestand as BestandRegel | null,
    bevindingen: c.controles.filter((x) => x.bestand === bestand.bestand).map(regel),
  }));
  const algemeen = c.controles.filter((x) => x.bestand === null);
  const ontbreekt = algemeen.filter((x) => x.soort === "ontbreekt");
  const samen: GetoondeBevinding[] =
    ontbreekt.length > 0
      ? [
          {
            ernst: "waarschuwing",
            tekst: b.ontbrekenSamen(ontbreekt.map((x) => x.gemeente?.naam ?? "")),
            aantal: ontbreekt.length,
          },
        ]
      : [];
  const rest = algemeen.filter((y) => y.soort !== "ontbreekt").map(regel);
  if (samen.length + rest.length > 0) groepen.push({ bestand: null, bevindingen: [...samen, ...rest] });
  return groepen;
}

/** The findings as Dutch lines, grouped per file (files in the order given), then the general ones. */
export function controleRegels(c: Consolidatie): string[] {
  const regels: string[] = [];
  const label = (x: GetoondeBevinding) => (x.ernst === "fout" ? b.ernstFout : b.ernstWaarschuwing);
  for (const { bestand, bevindingen } of getoond(c)) {
    if (bestand === null) regels.push(b.algemeenKop);
    else {
      const wie = bestand.gemeente ? ` (${bestand.gemeente.naam})` : "";
      if (bevindingen.length === 0) {
        regels.push(`${bestand.bestand}${wie}: ${b.inOrde}`);
        continue;
      }
      regels.push(`${bestand.bestand}${wie}:`);
    }
    for (const x of bevindingen) regels.push(`  ${label(x)}: ${x.tekst}`);
  }
  return regels;
}

/**
 * Summary: province, delivered, findings (counted exactly as `controleRegels` lists them), the totals ("onbekend"
 * when no gemeente has the figure) and the periods achterstand and voorsprong stand at.
 */
export function samenvattingRegels(c: Consolidatie): string[] {
  const lijst = getoond(c).flatMap((g) => g.bevindingen);
  const fouten = lijst.filter((x) => x.ernst === "fout").length;
  return b.samenvatting({
    provincie: c.provincie?.naam ?? null,
    herkomst: c.provincieHerkomst,
    keuze: (c.provincieKeuze ?? []).map((p) => p.naam),
    bestanden: c.bestanden.length,
    gebruikt: c.bestanden.filter((x) => x.gebruikt).length,
    aangeleverd: c.totaal.aangeleverd,
    gemeenten: c.totaal.gemeenten,
    nietGebruikt: c.gemeenten.filter((g) => g.status === "nietGebruikt").map((g) => g.naam),
    fouten,
    waarschuwingen: lijst.length - fouten,
    samengevoegd: Math.max(0, ...lijst.map((x) => (x.aantal > 1 ? x.aantal : 0))),
    achterstand: c.totaal.achterstand,
    voorsprong: c.totaal.voorsprong,
    tekort: c.totaal.tekort,
    eindperioden: eindperiodeTeksten(c),
  });
}

/** Where the ledgers end, by gemeente name (for the summary and the overview's "stand" line). */
export function eindperiodeTeksten(c: Consolidatie): EindperiodeTekst[] {
  return c.eindperioden.map((e) => ({ periode: e.periode, gemeenten: e.gemeenten.map((g) => g.naam) }));
}
