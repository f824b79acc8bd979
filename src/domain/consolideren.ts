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
 *   ("Taakstelling (eigen invoer)") else the engine's taakstelling, then ./saldo `verloop` (the ledger
 *   `engine.verloop` uses). The chain stops at the first period without a taakstelling or without Gehuisvest,
 *   as in the workbook (never a silent 0);
 * - opvang: the engine's target (default decision) and amv, the file's existing places, the gap;
 * - planned locations: the gemeente workbook has no separate "planned locations" input, so the Kosten sheet's
 *   "Aantal locaties" (Opgave_Locaties) is used, else its standard (the cheapest option for the target);
 * - yearly costs: the file's own cost inputs, else the engine's norms (as the Kosten sheet does).
 *
 * Checks (`controles`, one entry per finding, stable id `${soort}|${bestand}|${gemeente}[|${plek}]`):
 * the reading problems of every file, unknown gemeente, gemeente outside the province (excluded from the
 * table and totals), duplicates (the most recently filled file — Bron "Gevuld op" — wins; when that does not
 * decide, none is used), gemeenten of the province without a file, another dataset version than the majority
 * (or than the engine), an opvang figure in the file that differs from the engine's, stored results that differ
 * from the recomputation, a ledger broken off while later periods have input, no input at all.
 * Severity: "fout" = (part of) the file could not be used or contradicts itself; "waarschuwing" = used, check it.
 */
import type { Engine } from "./engine";
import { consolidatieBerichten as b, getal } from "./berichten";
import { DEFAULT_VASTE_KOSTEN } from "./kleinschalig";
import { dagUitCode, parsePeriode, periodeCode, periodeIndex } from "./periode";
import { verloop, type Regel } from "./saldo";
import { vangStil } from "./vang";
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
  readonly gehuisvest: number | null;
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
  readonly beginsaldo: number | null;
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
  /** Stable id: `${soort}|${bestand}|${gemeente code}` (+ `|${plek}` for a finding about one cell). */
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

export interface Totalen {
  readonly gemeenten: number;
  readonly aangeleverd: number;
  readonly taakstelling: number;
  readonly gehuisvest: number;
  readonly beginsaldo: number;
  readonly achterstand: number;
  readonly voorsprong: number;
  readonly opvang: number;
  readonly amv: number;
  readonly bestaandePlaatsen: number;
  readonly tekort: number;
  readonly locaties: number;
  readonly jaarkostenTotaal: number;
  readonly bonus: number;
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
  /** Per veiligheidsregio within the province (empty when the province has only one). */
  readonly regios: readonly RegioRegel[];
  readonly bestanden: readonly BestandRegel[];
  /** Sorted: fouten first, then by file, gemeente and kind. */
  readonly controles: readonly Controle[];
}

export interface ConsolideerOpties {
  /** Province (name or code); default: the province of most delivered gemeenten. */
  readonly provincie?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

function som(xs: readonly (number | null | undefined)[]): number {
  let s = 0;
  for (const x of xs) if (typeof x === "number") s += x;
  return s;
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

/**
 * The ledger exactly as the workbook's formulas define it: with the engine's taakstelling (the overview), or
 * with the taakstelling written in the file (what the file's own formulas must show).
 */
function keten(engine: Engine, g: Gemeente, a: Aanlevering, bron: "engine" | "bestand"): Keten | undefined {
  const tabel = a.taakstelling;
  if (!tabel) return undefined;
  const rijen = tabel.rijen;
  const geenInvoer = rijen.every((r) => r.gehuisvest === null);
  let start = 0;
  if (a.startperiode !== null) {
    start = rijen.findIndex((r) => r.periode.toLowerCase() === a.startperiode?.toLowerCase());
    if (start < 0) return { regels: [], geenInvoer, perRij: new Map() };
  }
  const stappen: { periode: ReturnType<typeof parsePeriode>; taakstelling: number; gehuisvest: number }[] =
    [];
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
    const t =
      r.eigen ??
      (bron === "bestand" ? r.taakstelling : (vangStil(() => engine.taakstellingVan(g, p).aantal) ?? null));
    if (t === null) {
      stop = { periode: r.periode, reden: b.redenTaakstelling(r.periode) };
      break;
    }
    if (r.gehuisvest === null) {
      stop = { periode: r.periode, reden: b.redenGehuisvest(r.periode), t };
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

function legeTotalen(): Totalen {
  return {
    gemeenten: 0,
    aangeleverd: 0,
    taakstelling: 0,
    gehuisvest: 0,
    beginsaldo: 0,
    achterstand: 0,
    voorsprong: 0,
    opvang: 0,
    amv: 0,
    bestaandePlaatsen: 0,
    tekort: 0,
    locaties: 0,
    jaarkostenTotaal: 0,
    bonus: 0,
  };
}

/** Sums over gemeente rows (empty values do not count). */
export function totalenVan(rijen: readonly GemeenteRegel[]): Totalen {
  if (rijen.length === 0) return legeTotalen();
  return {
    gemeenten: rijen.length,
    aangeleverd: rijen.filter((r) => r.status === "aangeleverd").length,
    taakstelling: som(rijen.map((r) => r.taakstelling)),
    gehuisvest: som(rijen.map((r) => r.gehuisvest)),
    beginsaldo: som(rijen.map((r) => r.beginsaldo)),
    achterstand: som(rijen.map((r) => r.achterstand)),
    voorsprong: som(rijen.map((r) => r.voorsprong)),
    opvang: som(rijen.map((r) => r.opvang.doel)),
    amv: som(rijen.map((r) => r.opvang.amv)),
    bestaandePlaatsen: som(rijen.map((r) => r.opvang.bestaandePlaatsen)),
    tekort: som(rijen.map((r) => r.opvang.tekort)),
    locaties: som(rijen.map((r) => r.locaties.aantal)),
    jaarkostenTotaal: som(rijen.map((r) => r.kosten?.jaarkostenTotaal)),
    bonus: som(rijen.map((r) => r.kosten?.bonus)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Consolidation, step by step

type GemeenteBestand = { readonly a: Aanlevering; readonly g: Gemeente };

/** The findings of one run (stable, unique ids in the order found) and, per file, whether and why (not) used. */
class Bevindingen {
  readonly controles: Controle[] = [];
  readonly gebruik = new Map<Aanlevering, { gebruikt: boolean; toelichting: string }>();
  private readonly ids = new Set<string>();

  voeg(
    soort: ControleSoort,
    ernst: Ernst,
    bestand: string | null,
    gemeente: GemeenteRef | null,
    melding: string,
    plek?: string,
  ): void {
    const basis = `${soort}|${bestand ?? ""}|${gemeente?.code ?? ""}${plek ? `|${plek}` : ""}`;
    let id = basis;
    for (let n = 2; this.ids.has(id); n++) id = `${basis}|${n}`;
    this.ids.add(id);
    this.controles.push({ id, soort, ernst, bestand, gemeente, plek: plek ?? null, melding });
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

/** 1. What went wrong while reading; unusable files are not used. */
function meldLeesproblemen(run: Run, aanleveringen: readonly Aanlevering[]): void {
  for (const a of aanleveringen) {
    for (const p of a.problemen) run.bev.voeg(p.soort, p.ernst, a.bestand, refVan(run, a), p.melding, p.plek);
  }
  for (const a of aanleveringen) {
    if (!a.bruikbaar) run.bev.zet(a, false, a.problemen[0]?.melding ?? b.nietGebruikt);
  }
}

/** 2. Which gemeente each usable file is for (one that does not exist on the reference date is reported). */
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

/** 3. The province: given, or the one most files belong to. */
function kiesProvincie(
  engine: Engine,
  bestanden: readonly GemeenteBestand[],
  opties: ConsolideerOpties,
): Pick<Consolidatie, "provincie" | "provincieHerkomst"> {
  if (opties.provincie !== undefined) {
    const p = engine.provincie(opties.provincie);
    return { provincie: { code: p.code, naam: p.naam }, provincieHerkomst: "opgegeven" };
  }
  const telling = new Map<string, number>();
  for (const { g } of bestanden) {
    if (g.provincie !== null) telling.set(g.provincie, (telling.get(g.provincie) ?? 0) + 1);
  }
  const [code] = [...telling].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0] ?? [];
  const p = code ? engine.register.provincies.get(code) : undefined;
  return p
    ? { provincie: { code: p.code, naam: p.naam }, provincieHerkomst: "meerderheid" }
    : { provincie: undefined, provincieHerkomst: "onbekend" };
}

/** 4. Files of gemeenten outside the province are reported and not counted. */
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

/** 5. Dataset versions: the majority of the usable gemeente files; another one (or not the engine's) is reported. */
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

/** 6. Duplicates: the most recently filled file wins; when "Gevuld op" does not decide, none is used. */
function kiesBestandPerGemeente(
  run: Run,
  binnen: readonly GemeenteBestand[],
): { perGemeente: Map<string, Aanlevering>; nietBeslist: Set<string> } {
  const perGemeente = new Map<string, Aanlevering>();
  const groepen = new Map<string, GemeenteBestand[]>();
  for (const x of binnen) groepen.set(x.g.code, [...(groepen.get(x.g.code) ?? []), x]);
  const nietBeslist = new Set<string>();
  for (const [code, groep] of groepen) {
    const eerste = groep[0];
    if (!eerste) continue;
    if (groep.length === 1) {
      perGemeente.set(code, eerste.a);
      continue;
    }
    const gesorteerd = [...groep].sort(
      (x, y) => (tijd(y.a.bron?.gevuldOp) ?? -Infinity) - (tijd(x.a.bron?.gevuldOp) ?? -Infinity),
    );
    const winnaar = gesorteerd[0]!;
    const tweede = gesorteerd[1]!;
    const tw = tijd(winnaar.a.bron?.gevuldOp);
    const ref = { code: eerste.g.code, naam: eerste.g.naam };
    if (tw === undefined || tw === tijd(tweede.a.bron?.gevuldOp)) {
      nietBeslist.add(code);
      const bestanden = groep.map((x) => x.a.bestand);
      for (const x of groep) {
        const m = b.dubbelOnbeslist(ref.naam, bestanden);
        run.bev.voeg("dubbel", "fout", x.a.bestand, ref, m);
        run.bev.zet(x.a, false, m);
      }
      continue;
    }
    perGemeente.set(code, winnaar.a);
    for (const x of gesorteerd.slice(1)) {
      const m = b.dubbel(
        ref.naam,
        winnaar.a.bestand,
        winnaar.a.bron?.gevuldOp ?? null,
        x.a.bron?.gevuldOp ?? null,
      );
      run.bev.voeg("dubbel", "waarschuwing", x.a.bestand, ref, m);
      run.bev.zet(x.a, false, m);
    }
  }
  return { perGemeente, nietBeslist };
}

/** What step 7 knows about the province. */
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
    opvang: { ...ov, bestaandePlaatsen: bestaand, tekort },
    locaties: { aantal: kosten.locaties, herkomst: locatieHerkomst },
    kosten,
  };
}

/** 7. One row per gemeente of the province (sorted by name), recomputed where a file is used. */
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

/** 8. Findings per gemeente (the file used and the gemeente itself) → its status. */
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

/** 9. Per veiligheidsregio, where the province has more than one. */
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

/** 10. Every file read: which gemeente, which data, used or why not. */
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

/** 11. Fouten first, then by file, gemeente and kind (ids are unique: a total order). */
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

/** One checked overview of the delivered files for one province. Never throws for bad files. */
export function consolideer(
  engine: Engine,
  aanleveringen: readonly Aanlevering[],
  opties: ConsolideerOpties = {},
): Consolidatie {
  const peildatum = engine.dataset.datum;
  const run: Run = { engine, peildatum, peildag: dagUitCode(peildatum), bev: new Bevindingen() };

  meldLeesproblemen(run, aanleveringen);
  const bestanden = gemeenteBestanden(run, aanleveringen);
  const { provincie, provincieHerkomst } = kiesProvincie(engine, bestanden, opties);
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
  const gemeenten = metStatus(regels, run.bev.controles);
  const regios = regiosVan(gemeenten, vrNaam);
  const opvangProvincie = provincie ? vangStil(() => engine.opvangProvincie(provincie.code)) : undefined;
  const bestandenLijst = bestandRegels(run, aanleveringen);
  sorteerControles(run.bev.controles);

  return {
    provincie,
    provincieHerkomst,
    peildatum,
    dataset: { id: engine.dataset.id, versie: engine.dataset.versie, datum: engine.dataset.datum },
    meerderheidVersie,
    opvangDoelProvincie: opvangProvincie?.aantal ?? null,
    opvangBesluitProvincie: opvangProvincie?.besluit.id ?? null,
    gemeenten,
    totaal: totalenVan(gemeenten),
    regios,
    bestanden: bestandenLijst,
    controles: run.bev.controles,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Text for the user (CLI and pane)

/** The findings as Dutch lines, grouped per file (files in the order given), then the general ones. */
export function controleRegels(c: Consolidatie): string[] {
  const regels: string[] = [];
  const label = (x: Controle) => (x.ernst === "fout" ? b.ernstFout : b.ernstWaarschuwing);
  for (const bestand of c.bestanden) {
    const eigen = c.controles.filter((x) => x.bestand === bestand.bestand);
    const wie = bestand.gemeente ? ` (${bestand.gemeente.naam})` : "";
    if (eigen.length === 0) {
      regels.push(`${bestand.bestand}${wie}: ${b.inOrde}`);
      continue;
    }
    regels.push(`${bestand.bestand}${wie}:`);
    for (const x of eigen) regels.push(`  ${label(x)}: ${x.melding}`);
  }
  const algemeen = c.controles.filter((x) => x.bestand === null);
  if (algemeen.length > 0) {
    regels.push(b.algemeenKop);
    // Missing gemeenten on one line (the Controle sheet has one row each).
    const ontbreekt = algemeen.filter((x) => x.soort === "ontbreekt");
    if (ontbreekt.length > 0) {
      regels.push(
        `  ${b.ernstWaarschuwing}: ${b.ontbrekenSamen(ontbreekt.map((x) => x.gemeente?.naam ?? ""))}`,
      );
    }
    for (const x of algemeen.filter((y) => y.soort !== "ontbreekt"))
      regels.push(`  ${label(x)}: ${x.melding}`);
  }
  return regels;
}

/** Summary: province, delivered, findings. */
export function samenvattingRegels(c: Consolidatie): string[] {
  const fouten = c.controles.filter((x) => x.ernst === "fout").length;
  return b.samenvatting({
    provincie: c.provincie?.naam ?? null,
    herkomst: c.provincieHerkomst,
    bestanden: c.bestanden.length,
    gebruikt: c.bestanden.filter((x) => x.gebruikt).length,
    aangeleverd: c.totaal.aangeleverd,
    gemeenten: c.totaal.gemeenten,
    fouten,
    waarschuwingen: c.controles.length - fouten,
    achterstand: c.totaal.achterstand,
    voorsprong: c.totaal.voorsprong,
    tekort: c.totaal.tekort,
  });
}
