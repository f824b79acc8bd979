/**
 * Builds the workbook plan (./plan) from the engine: pure code, no I/O, no host. The same plan is applied by the
 * .xlsx writer (./xlsxWriter, CLI `opgave vul`) and the Office.js writer (./officeWriter).
 *
 * Formulas are native Excel formulas only (never OPGAVE.*), so the workbook keeps working where the add-in is not
 * loaded. They are en-US with "," separators and A1 references (how .xlsx files store them).
 *
 * Taakstelling chain (sheet "Taakstelling", table Opgave_Taakstelling, one row per half-year 2016-II … the last
 * period of the dataset). Per row r (previous row p):
 *   T(r)  = the own input "Taakstelling (eigen invoer)" when filled, else art. 29 with the own national number
 *           (below) when filled, else the dataset's taakstelling
 *   S(r)  = start balance: N(Opgave_Beginsaldo) in the start row (named cell Opgave_Startperiode; empty = the first
 *           row), Achterstand(p) − Voorsprong(p) in later rows, "" before the start row
 *   Gecorrigeerd(r) = T(r) + S(r)                           ("" when T or S is "")
 *   Achterstand(r)  = MAX(Gecorrigeerd(r) − Gehuisvest(r), 0)   ("" when Gecorrigeerd or Gehuisvest is empty)
 *   Voorsprong(r)   = MAX(Gehuisvest(r) − Gecorrigeerd(r), 0)   (idem)
 * An empty required input (taakstelling unknown and not entered, gehuisvest not entered) makes the rest of the
 * chain "" — never a silent 0. Only the start balance counts an empty cell as 0 (as OPGAVE.ACHTERSTAND does).
 * The ledger follows the gemeente's territory (as ACHTERSTAND and VERLOOP do; ../domain/consolideren
 * `ketenTaakstelling`): a row before a herindeling that formed or enlarged the gemeente has the taakstelling of the
 * territory, the sum of the parts' (Voorne aan Zee 2022-II = Brielle 14 + Hellevoetsluis 32 + Westvoorne 12 = 58),
 * labelled "som van …" in "Herkomst". A taakstelling the data cannot give (national number unknown, a split or
 * partial transfer on the way, gemeente ended) is left empty with the reason in "Herkomst"; the user fills it from
 * the official circular in the own-input column.
 * A national number of the user's own (column "Landelijk getal (eigen invoer)", L; issue 14, the rule of
 * OPGAVE.TAAKSTELLING(gemeente; periode; landelijk)): the row's taakstelling becomes art. 29 with it,
 *   T(r) = ⌈L × Inwoners / Inwoners Nederland⌉  (ROUNDUP, the inhabitants on the row's "Peildatum inwoners", CBS)
 * — for a territory before a herindeling the sum of the parts, each ⌈L × iG(deel) / iN⌉ (the parts' inhabitants
 * are in "Toelichting") — when the data has the period's national number too, and also over an official figure (the
 * user who types L asks for art. 29 with it, as the function does). Precedence: own taakstelling > own national
 * number > the dataset's taakstelling. Without the reference date's inhabitants in the data the cells are empty
 * and T stays "" with the reason in "Verloop" (never a guess); "Verloop" names a used L ("landelijk getal eigen
 * invoer").
 *
 * Layout (gemeente): Overzicht (key figures A2:B14, current backlog/surplus/period as INDEX/MATCH formulas on the
 * Taakstelling sheet, chart at A18) · Taakstelling (B4 Opgave_Startperiode, B5 Opgave_Beginsaldo, table at A7) ·
 * Opvang (default decision A2:B9, B11 Opgave_BestaandePlaatsen, B12 gap, table of all decisions at A14) ·
 * Kleinschalig (assumption lines, options table) · Kosten (rows 4–8: B own value = named input cell, C the plan's
 * standard, D the value used = own value else standard; rows 10–13 yearly cost, fixed cost, total, one-off bonus;
 * table of the dataset's norms) · Bron (dataset block, "Onderwerp", table of sources at A13).
 * Layout (province): Provincie (table Opgave_Provincie at A8, totals row of SUMs below it) · Bron.
 * Named input cells start empty, so a refill can tell what the user entered from a default; where a default
 * helps (Kosten) it is a plan-owned "Standaard" cell next to the input, used while the input is empty.
 */
import { ketenDag, ketenTaakstelling, laatsteCoaNorm } from "../domain/consolideren";
import { getal } from "../domain/berichten";
import { GRENZEN } from "../domain/grenzen";
import { gebiedLabel, gebiedTekst, type GebiedTaakstelling } from "../domain/grondgebied";
import type { Engine, Invoer } from "../domain/engine";
import { OpgaveFout } from "../domain/fouten";
import { excelSerie } from "../domain/tijdstip";
import { vang } from "../domain/vang";
import { opvangBronTekst, type OpvangCijfer } from "../domain/opvang";
import { DEFAULT_VASTE_KOSTEN, optieRij } from "../domain/kleinschalig";
import {
  dagTekst,
  EERSTE_TABELPERIODE,
  dagUitCode,
  parsePeriode,
  periodeCode,
  periodeIndex,
  periodeUitIndex,
  peiljaarInwoners,
} from "../domain/periode";
import type { Gemeente } from "../data/schema";
import { adres, bladVerwijzing, kolomLetters, type Positie } from "./a1";
import {
  BLADEN,
  BRON_KOLOMMEN,
  BRON_LABELS,
  BRON_PLEKKEN,
  GEMEENTE_PLEKKEN,
  INVOERCELLEN,
  KLEINSCHALIG_KOLOMMEN,
  KOSTEN_KOLOMMEN,
  KOSTEN_UITKOMSTEN,
  NAMEN,
  NOTATIE,
  OPVANG_KOLOMMEN,
  OPVANG_LABELS,
  ONDERWERP,
  OVERZICHT_LABELS,
  PROVINCIE_PLEKKEN,
  TABELLEN,
  TAAKSTELLING_KOLOMMEN,
  GRAFIEK_TITELS,
  INVOER_VALIDATIES,
  provincieKolommen,
  startperiodeValidatie,
  type InvoerNaam,
} from "./indeling";
import type {
  BladPlan,
  BlokPlan,
  Cel,
  Formule,
  InvoerCel,
  Kolom,
  OpmaakRegel,
  TabelPlan,
  WerkboekPlan,
} from "./plan";

export { BLADEN, NAMEN, NOTATIE, ONDERTEKEND_LABEL, ONDERWERP_LABEL, TABELLEN } from "./indeling";

/** Where the data came from and who made the workbook; `gemaakt` is passed in so the plan is deterministic. */
export interface BronInfo {
  readonly datasetId: string;
  readonly versie: string;
  readonly datum: string;
  readonly hash?: string;
  readonly bronUrl?: string;
  readonly opgehaald?: string;
  /** The trusted key that signed the bundle in use; absent for the data embedded in the add-in. */
  readonly sleutel?: { readonly naam: string; readonly id: string };
  readonly addinVersie: string;
  /** ISO timestamp. */
  readonly gemaakt: string;
}

/** First half-year of the taakstelling sheet (../domain/periode `EERSTE_TABELPERIODE`). */
export const EERSTE_PERIODE = EERSTE_TABELPERIODE;

// ---------------------------------------------------------------------------------------------------------
// Small helpers

function f(formule: string): Formule {
  return { formule: formule.startsWith("=") ? formule : `=${formule}` };
}

/** Column letter of a table column by key, and the A1 address of that column in a data row. */
class TabelAdres {
  constructor(
    private readonly start: Positie,
    private readonly kolommen: readonly Kolom[],
  ) {}

  letter(sleutel: string): string {
    const i = this.kolommen.findIndex((k) => k.sleutel === sleutel);
    if (i < 0) throw new Error(`kolom ${sleutel} bestaat niet`);
    return kolomLetters(this.start.kolom + i);
  }

  /** Sheet row of data row i (0-based). */
  rij(i: number): number {
    return this.start.rij + 1 + i;
  }

  cel(sleutel: string, i: number): string {
    return `${this.letter(sleutel)}${this.rij(i)}`;
  }

  /** Absolute range of a column over `n` data rows, optionally sheet-qualified. */
  kolomBereik(sleutel: string, n: number, blad?: string): string {
    const l = this.letter(sleutel);
    const r = `$${l}$${this.rij(0)}:$${l}$${this.rij(Math.max(n, 1) - 1)}`;
    return blad ? `${bladVerwijzing(blad)}!${r}` : r;
  }
}

function rij(rijNr: number, kolomNr = 1): Positie {
  return { rij: rijNr, kolom: kolomNr };
}

/** A label/value pair, with the value's own number format where it differs from the block's (a date). */
type Paar = readonly [string, Cel, string?];

/** A label/value block: one row per pair. */
function paren(start: Positie, regels: readonly Paar[], notatie?: string): BlokPlan {
  const eigen = regels.some((r) => r[2] !== undefined);
  return {
    start,
    cellen: regels.map(([label, waarde]) => [label, waarde]),
    notaties: [NOTATIE.tekst, notatie],
    ...(eigen ? { celNotaties: regels.map((r) => [undefined, r[2]]) } : {}),
  };
}

/** A date as a real date cell (an Excel serial shown d-m-yyyy); text that is no ISO date stays text. */
function datumCel(iso: string | null | undefined): Cel {
  if (iso === null || iso === undefined) return null;
  return (/^\d{4}-\d{2}-\d{2}$/.test(iso) && excelSerie(iso)) || iso;
}

/** A moment as a real date cell (Dutch wall-clock time, shown d-m-yyyy hh:mm:ss); other text stays text. */
function tijdstipCel(iso: string | null | undefined): Cel {
  if (iso === null || iso === undefined) return null;
  return excelSerie(iso) ?? iso;
}

function titel(start: Positie, tekst: string, ...toelichting: string[]): BlokPlan {
  return { start, cellen: [[tekst], ...toelichting.map((t) => [t])], kop: true };
}

function datumTekst(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dagTekst(dagUitCode(iso)) : iso;
}

// ---------------------------------------------------------------------------------------------------------
// Taakstelling per period

export interface PeriodeRegel {
  readonly periode: string;
  readonly landelijk: number | null;
  /** iG: the inhabitants of the territory on the period's reference date (art. 29/30; summed over parts). */
  readonly inwoners: number | null;
  /** The taakstelling the ledger counts (of the territory: `ketenTaakstelling`), or why there is none. */
  readonly taakstelling: GebiedTaakstelling | OpgaveFout;
  /**
   * Art. 29 with a national number of the user's own (TAAKSTELLING's `landelijk`, the rule "Toelichting" gives): the
   * parts and their inhabitants — worked out with the smallest valid national number, only the inhabitants are
   * used — or why it cannot be computed (the population date outside the data, a split on the way).
   */
  readonly eigen: GebiedTaakstelling | OpgaveFout;
  /** iN: the inhabitants of the Netherlands on the period's reference date (null when the data has none). */
  readonly inwonersNederland: number | null;
  /** The period's reference date of the inhabitants (ISO, 1 January of the year before the half-year). */
  readonly peildatum: string;
}

/** The sum of the parts' inhabitants (iG), null when one is not known. */
function inwonersVan(t: GebiedTaakstelling | OpgaveFout): number | null {
  if (t instanceof OpgaveFout) return null;
  let som = 0;
  for (const d of t.delen) {
    if (d.herkomst.iG === null) return null;
    som += d.herkomst.iG;
  }
  return som;
}

/**
 * Every half-year from 2016-II to the last period of the dataset, with what the engine can say about it. The
 * ledger follows the territory the gemeente has in the last of them (`ketenDag`; one that ended: its last).
 */
export function periodeRegels(engine: Engine, g: Gemeente): PeriodeRegel[] {
  const perioden = engine.dataset.landelijkeTaakstelling.map((l) => periodeIndex(parsePeriode(l.periode)));
  const eerste = periodeIndex(parsePeriode(EERSTE_PERIODE));
  const laatste = Math.max(eerste, ...perioden);
  const alle = Array.from({ length: laatste - eerste + 1 }, (_, i) => periodeUitIndex(eerste + i));
  const opDag = ketenDag(engine, g, alle);
  return alle.map((p) => {
    const code = periodeCode(p);
    const landelijk = vang(() => engine.landelijk(code).aantal);
    const eigen = ketenTaakstelling(engine, g, p, opDag, GRENZEN.landelijkTaakstelling.min);
    return {
      periode: code,
      landelijk: landelijk instanceof OpgaveFout ? null : landelijk,
      inwoners: inwonersVan(eigen),
      taakstelling: ketenTaakstelling(engine, g, p, opDag),
      eigen,
      inwonersNederland: eigen instanceof OpgaveFout ? null : (eigen.delen[0]?.herkomst.iN ?? null),
      peildatum: `${peiljaarInwoners(p)}-01-01`,
    };
  });
}

const ONBEKEND_HINT = "Vul het getal uit de circulaire in bij Taakstelling (eigen invoer).";
const ONBEKEND_HINT_LANDELIJK =
  "Vul het getal uit de circulaire in bij Taakstelling (eigen invoer), of het landelijk getal bij Landelijk getal (eigen invoer).";
const LANDELIJK_KOP = "Landelijk getal (eigen invoer)";

const TAAKSTELLING_TABEL_START = GEMEENTE_PLEKKEN.taakstelling.tabel;

/** A named input cell at its place in ./indeling (empty by default: a refill tells the user's value from it). */
function invoerCel(naam: InvoerNaam, notatie: string, validatie = INVOER_VALIDATIES[naam]): InvoerCel {
  const { positie, label } = INVOERCELLEN[naam];
  return { naam, positie, standaard: null, notatie, label, ...(validatie ? { validatie } : {}) };
}

const OPMAAK = { achterstand: "achterstand", voorsprong: "voorsprong", ontbreekt: "ontbreekt" } as const;

/**
 * Conditional formats of a table with Achterstand/Voorsprong columns: a backlog red, a surplus green, and an own
 * taakstelling that is needed (the dataset has none, none entered, and — `landelijk`: the table has the column — no
 * own national number that gives it; `nodig`: an extra condition) amber.
 */
function ketenOpmaak(a: TabelAdres, opties: { nodig?: string; landelijk?: boolean } = {}): OpmaakRegel[] {
  const cel = (sleutel: string) => a.cel(sleutel, 0);
  const positief = (sleutel: string) => `AND(ISNUMBER(${cel(sleutel)}),${cel(sleutel)}>0)`;
  const metNodig = (leeg: string) => f(opties.nodig ? `AND(${leeg},${opties.nodig})` : leeg).formule;
  const zonderL = `AND(${cel("taakstelling")}="",${cel("taakstellingEigen")}="")`;
  const leeg = opties.landelijk
    ? `AND(${cel("taakstelling")}="",${cel("taakstellingEigen")}="",${cel("landelijkEigen")}="")`
    : zonderL;
  return [
    {
      van: "achterstand",
      tot: "achterstand",
      formule: f(positief("achterstand")).formule,
      stijl: OPMAAK.achterstand,
    },
    {
      van: "voorsprong",
      tot: "voorsprong",
      formule: f(positief("voorsprong")).formule,
      stijl: OPMAAK.voorsprong,
    },
    {
      van: "taakstellingEigen",
      tot: "taakstellingEigen",
      formule: metNodig(leeg),
      stijl: OPMAAK.ontbreekt,
      // Before "Landelijk getal (eigen invoer)" the rule did not know L: recognised as Opgave's, and replaced.
      ...(opties.landelijk ? { eerder: [metNodig(zonderL)] } : {}),
    },
  ];
}

/** Prefix of the note in the "Verloop" column where the chain stops (the Overzicht line quotes the rest). */
export const VERLOOP_STOPT = "Verloop stopt: ";

/** Cell references of one row of the Taakstelling table, for its formulas. */
interface TaakRij {
  readonly periode: string;
  readonly d: string;
  readonly e: string;
  readonly tg: string;
  readonly h: string;
  readonly gh: string;
  /** This row's Achterstand. */
  readonly ach: string;
  readonly vorige?: { readonly ach: string; readonly voor: string };
  /** The own national number L, and art. 29 with it (or why there is none) — see `landelijkFormule`. */
  readonly landelijk: LandelijkFormule;
}

/**
 * A text as string literals of an Excel formula ("" inside doubled), joined with & in pieces of at most 250
 * characters (Excel refuses a string constant of more than 255 in a formula).
 */
function tekstLiteraal(t: string): string {
  const delen = t.match(/[\s\S]{1,250}/g) ?? [""];
  return delen.map((d) => `"${d.replace(/"/g, '""')}"`).join("&");
}

/** The own national number L of a row and what the row makes of it. */
interface LandelijkFormule {
  /** The cell of L. */
  readonly l: string;
  /** art. 29 with L as a formula expression over the row's inhabitants ("" when one is not a number). */
  readonly art29?: string;
  /** Why art. 29 with L cannot be computed for this row (the engine's message), when it cannot. */
  readonly reden?: string;
  /** The reference date of the inhabitants (ISO). */
  readonly peildatum: string;
}

/**
 * art. 29 with the own national number in `l` for row `r` (as OPGAVE.TAAKSTELLING(gemeente; periode; L) and the
 * ledger functions with `landelijk` compute it): ⌈L × Inwoners / Inwoners Nederland⌉ over the row's cells; for a
 * territory before a herindeling the sum of the parts' ⌈L × iG / iN⌉ (the parts' inhabitants as numbers, listed in
 * "Toelichting"; iN from the cell). Or the reason when the data cannot give it.
 */
function landelijkFormule(r: PeriodeRegel, l: string, iG: string, iN: string): LandelijkFormule {
  const e = r.eigen;
  const peildatum = r.peildatum;
  if (e instanceof OpgaveFout) return { l, reden: e.message, peildatum };
  const term = (inwoners: string) => `ROUNDUP(${l}*${inwoners}/${iN},0)`;
  if (e.delen.length === 1) {
    return { l, art29: `IF(AND(ISNUMBER(${iG}),ISNUMBER(${iN})),${term(iG)},"")`, peildatum };
  }
  const som = e.delen.map((d) => term(String(d.herkomst.iG ?? 0))).join("+");
  return { l, art29: `IF(ISNUMBER(${iN}),${som},"")`, peildatum };
}

/**
 * The formulas of one row of the chain. Robust to text typed in an input ("ca. 350", "35.000" in an English
 * locale): a value that is not a number stops the chain there (blank, with the reason in "Verloop"), never #VALUE!.
 */
function ketenFormules(r: TaakRij, eersteRij: boolean): Formule[] {
  const { periode, d, e, tg, h, gh, vorige } = r;
  const { l } = r.landelijk;
  const start = NAMEN.startperiode;
  const begin = NAMEN.beginsaldo;
  const beginFout = `ISTEXT(${begin})`;
  const isStart = eersteRij ? `OR(${start}="",${periode}=${start})` : `${periode}=${start}`;
  const { min, max } = GRENZEN.landelijkTaakstelling;
  // A whole L within TAAKSTELLING's range (ROUNDUP(L,0)=L: whole); otherwise no taakstelling, with the reason.
  const geldig = `AND(${l}>=${min},${l}<=${max},ROUNDUP(${l},0)=${l})`;
  const metLandelijk = r.landelijk.art29 ? `IF(${geldig},${r.landelijk.art29},"")` : `""`;
  const gebruikt =
    `IF(ISNUMBER(${e}),${e},IF(${e}<>"","",IF(ISNUMBER(${l}),${metLandelijk},` +
    `IF(AND(${l}="",ISNUMBER(${d})),${d},""))))`;
  const metBegin = `IF(${beginFout},"",${tg}+N(${begin}))`;
  const gecorrigeerd = vorige
    ? `IF(NOT(ISNUMBER(${tg})),"",IF(${periode}=${start},${metBegin},IF(ISNUMBER(${vorige.ach}),${tg}+${vorige.ach}-${vorige.voor},"")))`
    : `IF(OR(NOT(ISNUMBER(${tg})),NOT(${isStart})),"",${metBegin})`;
  const beide = `AND(ISNUMBER(${h}),ISNUMBER(${gh}))`;
  const ach = `IF(${beide},MAX(${h}-${gh},0),"")`;
  const voor = `IF(${beide},MAX(${gh}-${h},0),"")`;
  const gestart = vorige ? `OR(${periode}=${start},ISNUMBER(${vorige.ach}))` : isStart;
  // About L, in this row whatever the chain does: why it gives no taakstelling, or that it gave the one used.
  const lGeenGetal = `"${LANDELIJK_KOP} "&${periode}&" is geen getal; vul een geheel getal in om verder te rekenen."`;
  const lReden = r.landelijk.reden
    ? `"${LANDELIJK_KOP} "&${periode}&": "&${tekstLiteraal(r.landelijk.reden)}`
    : `"${LANDELIJK_KOP} "&${periode}&" moet een geheel getal van ${getal(min)} tot en met ${getal(max)} zijn; pas het aan om verder te rekenen."`;
  const lNoot =
    `"Taakstelling (gebruikt) "&${periode}&" = "&${tg}&": art. 29 Hvw 2014 met landelijk getal eigen invoer "&${l}&` +
    `" en de inwoners per "&${tekstLiteraal(datumTekst(r.landelijk.peildatum))}&" (CBS; kolommen Inwoners en Inwoners Nederland)."`;
  const overL = `IF(OR(${e}<>"",${l}=""),"",IF(NOT(ISNUMBER(${l})),${lGeenGetal},IF(ISNUMBER(${tg}),${lNoot},${lReden})))`;
  const reden =
    `IF(AND(${e}<>"",NOT(ISNUMBER(${e}))),"Taakstelling (eigen invoer) "&${periode}&" is geen getal; vul een geheel getal in om verder te rekenen.",` +
    `IF(AND(${e}="",${l}<>"",NOT(ISNUMBER(${tg}))),${overL},` +
    `IF(NOT(ISNUMBER(${tg})),"vul de taakstelling "&${periode}&" in bij Taakstelling (eigen invoer) om verder te rekenen.",` +
    `IF(AND(${isStart},${beginFout}),"Beginsaldo is geen getal; vul een geheel getal in (leeg = 0) om te rekenen.",` +
    `IF(${gh}="","vul Gehuisvest "&${periode}&" in om verder te rekenen.",` +
    `"Gehuisvest "&${periode}&" is geen getal; vul een geheel getal in om verder te rekenen.")))))`;
  // The stop note only in the row where the chain stops (rows after it have not started: their previous row is
  // blank); what L did, in every row that has one (after the stop note when both).
  const stopt = `AND(${gestart},NOT(ISNUMBER(${r.ach})))`;
  const verloop = `IF(${stopt},"${VERLOOP_STOPT}"&${reden}&IF(AND(${e}="",ISNUMBER(${l}),ISNUMBER(${tg}))," "&${lNoot},""),${overL})`;
  return [f(gecorrigeerd), f(ach), f(voor), f(gebruikt), f(verloop)];
}

/**
 * How art. 29 gives the taakstelling from a national number L (the circular's, typed in "Landelijk getal (eigen
 * invoer)"), with the period's reference inhabitants (per part and summed for a territory), as
 * OPGAVE.TAAKSTELLING(gemeente; periode; L) does; or why that cannot be computed. Empty when that reason is the
 * row's own (`reden`, already said).
 */
function landelijkRegel(r: PeriodeRegel, reden?: OpgaveFout): string {
  const e = r.eigen;
  if (e instanceof OpgaveFout)
    return e.message === reden?.message ? "" : ` Met een eigen landelijk getal: ${e.message}`;
  if (!reden) return "";
  const eerste = e.delen[0]?.herkomst;
  if (!eerste) return "";
  const iN = getal(eerste.iN ?? 0);
  const deel = (iG: number | null) => `⌈L × ${getal(iG ?? 0)} / ${iN}⌉`;
  const regel =
    e.delen.length === 1
      ? deel(eerste.iG)
      : e.delen.map((d) => `${d.gemeente.naam} ${deel(d.herkomst.iG)}`).join(" + ");
  return (
    ` Met het landelijk getal L uit de circulaire (art. 29 Hvw 2014, inwoners per ` +
    `${dagTekst(dagUitCode(eerste.peildatum))}, CBS): ${regel}, wat ` +
    `OPGAVE.TAAKSTELLING("${e.gemeente.naam}";"${r.periode}";L) geeft; vul L in bij ${LANDELIJK_KOP} ` +
    `(Taakstelling (gebruikt) rekent het dan uit) of de uitkomst bij Taakstelling (eigen invoer).`
  );
}

/**
 * Column Toelichting: where the taakstelling comes from, or why there is none and how to fill it in; and why a
 * national number of the user's own would give none either.
 */
function toelichting(engine: Engine, r: PeriodeRegel): string {
  const t = r.taakstelling;
  return t instanceof OpgaveFout
    ? `${t.message}${landelijkRegel(r, t)}`
    : `${gebiedTekst(engine.register, t)}${landelijkRegel(r)}`;
}

/** One row of the Taakstelling table (the columns of TAAKSTELLING_KOLOMMEN, in order). */
function taakstellingRij(engine: Engine, a: TabelAdres, r: PeriodeRegel, i: number): Cel[] {
  const t = r.taakstelling;
  const bekend = !(t instanceof OpgaveFout);
  const cel = (sleutel: string) => a.cel(sleutel, i);
  const [gecorrigeerd, ach, voor, gebruikt, verloop] = ketenFormules(
    {
      periode: cel("periode"),
      d: cel("taakstelling"),
      e: cel("taakstellingEigen"),
      tg: cel("taakstellingGebruikt"),
      h: cel("gecorrigeerd"),
      gh: cel("gehuisvest"),
      ach: cel("achterstand"),
      ...(i > 0 ? { vorige: { ach: a.cel("achterstand", i - 1), voor: a.cel("voorsprong", i - 1) } } : {}),
      landelijk: landelijkFormule(r, cel("landelijkEigen"), cel("inwoners"), cel("inwonersNederland")),
    },
    i === 0,
  );
  const hint = r.eigen instanceof OpgaveFout ? ONBEKEND_HINT : ONBEKEND_HINT_LANDELIJK;
  return [
    r.periode,
    r.landelijk,
    r.inwoners,
    bekend ? t.aantal : null,
    bekend ? gebiedLabel(t) : `onbekend: ${t.message} ${hint}`,
    null,
    null,
    gecorrigeerd ?? null,
    ach ?? null,
    voor ?? null,
    toelichting(engine, r),
    gebruikt ?? null,
    verloop ?? null,
    null,
    r.inwonersNederland,
    datumCel(r.peildatum),
  ];
}

function taakstellingBlad(engine: Engine, g: Gemeente, regels: readonly PeriodeRegel[]): BladPlan {
  const kolommen = TAAKSTELLING_KOLOMMEN;
  const a = new TabelAdres(TAAKSTELLING_TABEL_START, kolommen);
  const start = NAMEN.startperiode;
  const begin = NAMEN.beginsaldo;
  const rijen: Cel[][] = regels.map((r, i) => taakstellingRij(engine, a, r, i));
  const eerste = regels[0]?.periode ?? EERSTE_PERIODE;
  return {
    naam: BLADEN.taakstelling,
    blokken: [
      titel(
        rij(1),
        `Taakstelling huisvesting vergunninghouders — ${g.naam} (${g.code})`,
        "Vul per periode Gehuisvest in; Gecorrigeerd, Achterstand en Voorsprong rekenen zichzelf uit (gewone Excel-formules). Kolom Verloop zegt waar en waarom het verloop stopt. Vóór een herindeling die de gemeente vormde of vergrootte telt het grondgebied: de som van de delen (kolom Herkomst).",
        "Taakstelling leeg = onbekend (landelijk getal niet bekend, grondgebied gesplitst, gemeente opgeheven): vul het getal uit de circulaire in bij Taakstelling (eigen invoer), of het landelijk getal bij Landelijk getal (eigen invoer): dan rekent art. 29 (een eigen taakstelling gaat voor). Een lege verplichte cel laat de rest van het verloop leeg (nooit stil 0).",
      ),
      {
        start: GEMEENTE_PLEKKEN.taakstelling.toelichting,
        cellen: [
          [`leeg = vanaf ${eerste}; bijv. 2022-I als u vanaf dan bijhoudt (precies zoals in kolom Periode)`],
          ["achterstand (+) of voorsprong (−) aan het begin van de eerste periode; leeg = 0"],
        ],
      },
    ],
    invoercellen: [
      invoerCel(start, NOTATIE.tekst, startperiodeValidatie(`=${a.kolomBereik("periode", regels.length)}`)),
      invoerCel(begin, NOTATIE.geheel),
    ],
    tabellen: [
      {
        naam: TABELLEN.taakstelling,
        start: TAAKSTELLING_TABEL_START,
        kolommen,
        sleutelKolom: "periode",
        rijen,
        // Amber only from the start period on: before it the chain does not need the figure.
        opmaak: ketenOpmaak(a, {
          nodig: `OR(${start}="",${a.cel("periode", 0)}>=${start})`,
          landelijk: true,
        }),
      },
    ],
    grafieken: [],
    bevries: { rijen: TAAKSTELLING_TABEL_START.rij, kolommen: TAAKSTELLING_TABEL_START.kolom },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Gemeente plan

function opvangCijfers(
  engine: Engine,
  g: Gemeente,
  besluit?: string,
): { totaal: OpvangCijfer; amv: OpvangCijfer | OpgaveFout } | OpgaveFout {
  const totaal = vang(() => engine.opvangGemeente(g.code, "totaal", besluit));
  if (totaal instanceof OpgaveFout) return totaal;
  const amv = vang(() => engine.opvangGemeente(g.code, "amv", totaal.besluit.id));
  return { totaal, amv };
}

type OpvangStandaard = ReturnType<typeof opvangCijfers>;

/** The default decision's figures, label and value per row (the Overzicht sheet repeats some of them). */
function opvangGegevens(g: Gemeente, standaard: OpvangStandaard): Paar[] {
  const L = OPVANG_LABELS;
  const bekend = !(standaard instanceof OpgaveFout);
  const besl = bekend ? standaard.totaal.besluit : undefined;
  return [
    [L.besluit, besl ? besl.naam : `geen cijfer: ${(standaard as OpgaveFout).message}`],
    [L.datum, besl ? datumCel(besl.datum) : null, NOTATIE.datum],
    [L.peildatum, besl ? datumCel(besl.peildatum) : null, NOTATIE.datum],
    [L.status, besl ? besl.status : null],
    [L.doel, bekend ? standaard.totaal.aantal : null],
    [L.amv, bekend && !(standaard.amv instanceof OpgaveFout) ? standaard.amv.aantal : null],
    [L.herkomst, bekend ? opvangBronTekst(g.naam, standaard.totaal) : null],
    [
      L.herkomstAmv,
      bekend
        ? standaard.amv instanceof OpgaveFout
          ? standaard.amv.message
          : opvangBronTekst(g.naam, standaard.amv)
        : null,
    ],
  ];
}

/** Every decision with a figure for the gemeente, with the gap against the existing places. */
function opvangTabel(engine: Engine, g: Gemeente, standaard: OpvangStandaard): TabelPlan {
  const besl = standaard instanceof OpgaveFout ? undefined : standaard.totaal.besluit;
  const bestaand = NAMEN.bestaandePlaatsen;
  const start = GEMEENTE_PLEKKEN.opvang.tabel;
  const kolommen = OPVANG_KOLOMMEN;
  const a = new TabelAdres(start, kolommen);
  const rijen: Cel[][] = [];
  for (const b of engine.opvang.alleBesluiten()) {
    const c = opvangCijfers(engine, g, b.id);
    if (c instanceof OpgaveFout) continue;
    const i = rijen.length;
    const tot = a.cel("totaal", i);
    rijen.push([
      b.id,
      b.naam,
      datumCel(b.datum),
      datumCel(b.peildatum),
      b.status,
      c.totaal.aantal,
      c.amv instanceof OpgaveFout ? null : c.amv.aantal,
      c.totaal.herkomst,
      besl?.id === b.id ? "ja" : "nee",
      f(`IF(AND(ISNUMBER(${tot}),ISNUMBER(${bestaand})),${tot}-${bestaand},"")`),
    ]);
  }
  return { naam: TABELLEN.opvang, start, kolommen, sleutelKolom: "besluit", rijen };
}

function opvangBlad(engine: Engine, g: Gemeente): { blad: BladPlan; doel: number | null; gegevens: Paar[] } {
  const standaard = opvangCijfers(engine, g);
  const doel = standaard instanceof OpgaveFout ? null : standaard.totaal.aantal;
  const P = GEMEENTE_PLEKKEN.opvang;
  const regels = opvangGegevens(g, standaard);
  const doelCel = adres({
    rij: P.gegevens.rij + regels.findIndex(([l]) => l === OPVANG_LABELS.doel),
    kolom: 2,
  });
  const bestaand = NAMEN.bestaandePlaatsen;
  return {
    doel,
    gegevens: regels,
    blad: {
      naam: BLADEN.opvang,
      blokken: [
        titel(rij(1), `Asielopvang (Spreidingswet) — ${g.naam}`),
        paren(P.gegevens, regels, NOTATIE.geheel),
        {
          start: P.tekort,
          cellen: [
            [
              OPVANG_LABELS.tekort,
              f(`IF(AND(ISNUMBER(${doelCel}),ISNUMBER(${bestaand})),${doelCel}-${bestaand},"")`),
              "doel min bestaande plaatsen",
            ],
          ],
          notaties: [NOTATIE.tekst, NOTATIE.geheel, NOTATIE.tekst],
        },
        {
          start: P.bijschrift,
          cellen: [["Alle besluiten met een cijfer voor deze gemeente (Standaard = het besluit hierboven):"]],
        },
      ],
      invoercellen: [invoerCel(bestaand, NOTATIE.geheel)],
      tabellen: [opvangTabel(engine, g, standaard)],
      grafieken: [],
      breedtes: { 1: 26, 2: 50 },
    },
  };
}

function kleinschaligBlad(
  engine: Engine,
  g: Gemeente,
  doel: number | null,
): { blad: BladPlan; cheapest?: { locaties: number; duurzaam: boolean } } {
  const uitkomst = doel !== null && doel > 0 ? vang(() => engine.kleinschalig({ plaatsen: doel })) : null;
  const opties = uitkomst && !(uitkomst instanceof OpgaveFout) ? uitkomst.opties : [];
  const aannames =
    uitkomst && !(uitkomst instanceof OpgaveFout)
      ? uitkomst.aannames.map((x) => `Aanname: ${x}`)
      : [
          uitkomst instanceof OpgaveFout
            ? `Geen opties: ${uitkomst.message}`
            : "Geen opties: er is geen opvangdoel voor deze gemeente.",
        ];
  const aannamesStart = GEMEENTE_PLEKKEN.kleinschalig.aannames;
  const start = rij(aannamesStart.rij + aannames.length + 1);
  const eerste = opties[0];
  return {
    ...(eerste ? { cheapest: { locaties: eerste.locaties, duurzaam: eerste.duurzaamBonus } } : {}),
    blad: {
      naam: BLADEN.kleinschalig,
      blokken: [
        titel(
          rij(1),
          `Kleinschalige opvang — ${g.naam}`,
          doel !== null
            ? `Opties voor ${doel} plaatsen (het opvangdoel op blad Opvang), gesorteerd op indicatieve jaarkosten. Reken met eigen aannames op blad Kosten.`
            : "Geen opvangdoel bekend voor deze gemeente.",
        ),
        { start: aannamesStart, cellen: aannames.map((x) => [x]) },
      ],
      invoercellen: [],
      tabellen: [
        {
          naam: TABELLEN.kleinschalig,
          start,
          kolommen: KLEINSCHALIG_KOLOMMEN,
          sleutelKolom: "locaties",
          rijen: opties.map(optieRij),
        },
      ],
      grafieken: [],
    },
  };
}

interface Aanname {
  readonly naam: InvoerNaam;
  readonly standaard: number | null;
  readonly notatie: string;
  /** Where the standard comes from. */
  readonly toelichting: string;
}

/** The assumptions of the Kosten sheet with the plan's standard values, in the order of their rows. */
function kostenAannames(
  engine: Engine,
  doel: number | null,
  cheapest: { locaties: number; duurzaam: boolean } | undefined,
): Aanname[] {
  const norm = laatsteCoaNorm(engine);
  const duurzaam = cheapest?.duurzaam ?? false;
  const bonus = engine.dataset.prikkels.find((p) => p.fase === "landelijk" && p.duurzaam === duurzaam);
  return [
    {
      naam: NAMEN.plaatsen,
      standaard: doel,
      notatie: NOTATIE.geheel,
      toelichting: doel !== null ? "het opvangdoel (blad Opvang)" : "geen opvangdoel bekend: vul zelf in",
    },
    {
      naam: NAMEN.kostenPerPlaats,
      standaard: norm?.bedrag ?? null,
      notatie: NOTATIE.euro,
      toelichting: norm
        ? `COA reguliere opvang ${norm.vanaf.slice(0, 4)} (${norm.status}); bron: ${norm.bron}`
        : "geen COA-norm in de dataset: vul zelf in",
    },
    {
      naam: NAMEN.locaties,
      standaard: cheapest?.locaties ?? null,
      notatie: NOTATIE.geheel,
      toelichting: cheapest ? "de goedkoopste optie op blad Kleinschalig" : "geen optie bekend: vul zelf in",
    },
    {
      naam: NAMEN.vasteKosten,
      standaard: DEFAULT_VASTE_KOSTEN,
      notatie: NOTATIE.euro,
      toelichting: "aanname van Opgave (geen gepubliceerd cijfer): personeel en beveiliging per locatie",
    },
    {
      naam: NAMEN.bonusPerPlaats,
      standaard: bonus?.bedrag ?? null,
      notatie: NOTATIE.euro,
      toelichting: bonus
        ? `${bonus.omschrijving} (${bonus.status}); bron: ${bonus.bron}`
        : "geen bedrag in de dataset: vul zelf in",
    },
  ];
}

/** The dataset's cost norms and incentives, one row each. */
function kostenNormRijen(engine: Engine): Cel[][] {
  return [
    ...engine.dataset.kostenNormen.map((k) => [
      `${k.soort} ${k.vanaf}`,
      k.soort,
      datumCel(k.vanaf),
      datumCel(k.tot),
      k.bedrag,
      k.eenheid === "jaar"
        ? "per plaats per jaar"
        : k.eenheid === "maand"
          ? "per persoon per maand"
          : "per plaats per dag",
      k.status,
      k.bron,
    ]),
    ...engine.dataset.prikkels.map((p) => [
      `prikkel ${p.fase}${p.duurzaam === null ? "" : p.duurzaam ? " duurzaam" : " niet duurzaam"}`,
      "prikkel",
      null,
      null,
      p.bedrag,
      `per plaats, eenmalig: ${p.omschrijving}`,
      p.status,
      p.bron,
    ]),
  ];
}

const KOSTEN_LETTERS = {
  eigen: kolomLetters(GEMEENTE_PLEKKEN.kosten.kolommen.eigen),
  standaard: kolomLetters(GEMEENTE_PLEKKEN.kosten.kolommen.standaard),
  gebruikt: kolomLetters(GEMEENTE_PLEKKEN.kosten.kolommen.gebruikt),
};

/**
 * One row per assumption: own value (named input cell, empty by default), the plan's standard value, the value
 * used (own value, else the standard; "" when both are empty) and where the standard comes from. An empty input
 * means "use the standard", so a refill can update the standards without touching user values.
 */
function aannameBlok(x: Aanname): BlokPlan {
  const r = INVOERCELLEN[x.naam].positie.rij;
  const { eigen: e, standaard: s } = KOSTEN_LETTERS;
  return {
    start: { rij: r, kolom: GEMEENTE_PLEKKEN.kosten.kolommen.standaard },
    cellen: [[x.standaard, f(`IF(${e}${r}<>"",${e}${r},IF(${s}${r}<>"",${s}${r},""))`), x.toelichting]],
    notaties: [x.notatie, x.notatie, NOTATIE.tekst],
  };
}

/** The results: yearly cost, fixed cost, total, one-off bonus ("" while a value they need is empty). */
function kostenUitkomstBlok(): BlokPlan {
  const start = GEMEENTE_PLEKKEN.kosten.uitkomsten;
  const gebruikt = (naam: InvoerNaam) => `${KOSTEN_LETTERS.gebruikt}${INVOERCELLEN[naam].positie.rij}`;
  const als = (cellen: string[], uitdrukking: string) =>
    f(`IF(AND(${cellen.map((c) => `ISNUMBER(${c})`).join(",")}),${uitdrukking},"")`);
  const plaatsen = gebruikt(NAMEN.plaatsen);
  const kpp = gebruikt(NAMEN.kostenPerPlaats);
  const loc = gebruikt(NAMEN.locaties);
  const vast = gebruikt(NAMEN.vasteKosten);
  const bon = gebruikt(NAMEN.bonusPerPlaats);
  // The values stand right of their labels.
  const jaar = adres({ rij: start.rij, kolom: start.kolom + 1 });
  const vastTotaal = adres({ rij: start.rij + 1, kolom: start.kolom + 1 });
  const U = KOSTEN_UITKOMSTEN;
  return {
    start,
    cellen: [
      [U.jaarkostenOpvang, als([plaatsen, kpp], `${plaatsen}*${kpp}`)],
      [U.vasteKosten, als([loc, vast], `${loc}*${vast}`)],
      [U.jaarkostenTotaal, als([jaar, vastTotaal], `${jaar}+${vastTotaal}`)],
      [U.bonus, als([plaatsen, bon], `${plaatsen}*${bon}`)],
    ],
    notaties: [NOTATIE.tekst, NOTATIE.euro],
  };
}

function kostenBlad(
  engine: Engine,
  g: Gemeente,
  doel: number | null,
  cheapest: { locaties: number; duurzaam: boolean } | undefined,
): BladPlan {
  const aannames = kostenAannames(engine, doel, cheapest);
  const P = GEMEENTE_PLEKKEN.kosten;
  return {
    naam: BLADEN.kosten,
    blokken: [
      titel(
        rij(1),
        `Kosten asielopvang — ${g.naam} (indicatief)`,
        "Vul een eigen waarde in om de standaard te vervangen (leeg = standaard); de uitkomsten zijn gewone Excel-formules en blijven leeg zolang een waarde ontbreekt.",
      ),
      {
        start: P.kop,
        cellen: [["Aanname", "Eigen waarde", "Standaard", "Gebruikt", "Toelichting standaard"]],
        kop: true,
      },
      ...aannames.map(aannameBlok),
      kostenUitkomstBlok(),
      { start: P.bijschrift, cellen: [["Normen en bedragen in de dataset:"]] },
    ],
    invoercellen: aannames.map((x) => invoerCel(x.naam, x.notatie)),
    tabellen: [
      {
        naam: TABELLEN.kosten,
        start: P.tabel,
        kolommen: KOSTEN_KOLOMMEN,
        sleutelKolom: "id",
        rijen: kostenNormRijen(engine),
      },
    ],
    grafieken: [],
    breedtes: { 1: 34, 2: 14, 3: 14, 4: 14, 5: 60 },
  };
}

/** The value of the "Ondertekend door" row. */
export function ondertekendDoor(bron: BronInfo): string {
  return bron.sleutel
    ? `${bron.sleutel.naam} (${bron.sleutel.id})`
    : "ingebouwd in de invoegtoepassing (geen feed)";
}

/**
 * The provenance blocks of every Bron sheet Opgave writes (gemeente, province and consolidation workbooks): the
 * labels are what lezen.ts reads back, so they live in one place. Rows 1–12; the list below starts at row 13 in
 * every layout (earlier workbooks have their table there, and a refill finds it only at the same place), so the
 * caption of that list ends the "Beheer" text instead of taking a row of its own.
 */
export function bronBlokken(
  bron: BronInfo,
  onderwerp: string,
  beheer: string,
  lijstTitel: string,
  notatie?: string,
): BlokPlan[] {
  const L = BRON_LABELS;
  return [
    titel(BRON_PLEKKEN.titel, "Bron en herkomst"),
    paren(
      BRON_PLEKKEN.gegevens,
      [
        [L.dataset, bron.datasetId],
        [L.versie, bron.versie],
        [L.datum, datumCel(bron.datum), NOTATIE.datum],
        [L.hash, bron.hash ?? null],
        [L.bronUrl, bron.bronUrl ?? null],
        [L.opgehaald, tijdstipCel(bron.opgehaald), NOTATIE.tijdstip],
        [L.addinVersie, bron.addinVersie],
        [L.gevuldOp, tijdstipCel(bron.gemaakt), NOTATIE.tijdstip],
        [L.onderwerp, onderwerp],
        [L.beheer, `${beheer} ${lijstTitel.replace(/:\s*$/, "")}: zie de tabel hieronder.`],
        [L.ondertekend, ondertekendDoor(bron)],
      ],
      notatie,
    ),
  ];
}

function bronBlad(engine: Engine, bron: BronInfo, bladen: readonly string[], onderwerp: string): BladPlan {
  return {
    naam: BLADEN.bron,
    blokken: [
      ...bronBlokken(
        bron,
        onderwerp,
        `Opgave beheert de bladen ${bladen.join(", ")}. Opnieuw vullen werkt de cijfers bij en behoudt uw invoer (lichtgele cellen, eigen kolommen in de tabellen) en al uw eigen bladen.`,
        "Bronnen in de dataset:",
      ),
    ],
    invoercellen: [],
    tabellen: [
      {
        naam: TABELLEN.bronnen,
        start: BRON_PLEKKEN.tabel,
        kolommen: BRON_KOLOMMEN,
        sleutelKolom: "id",
        rijen: engine.dataset.bronnen.map((b) => [
          b.id,
          b.titel,
          b.urls.join(" ; "),
          datumCel(b.peildatum),
          b.bestand ?? null,
        ]),
      },
    ],
    grafieken: [],
    breedtes: { 1: 26, 2: 60 },
  };
}

/**
 * The Overzicht line that says up to which period the chain runs and why it stops ("Verloop tot en met 2024-I; vul
 * de taakstelling 2024-II in …"): the note of the row after the last computed one, from the Verloop column.
 */
function verloopRegel(a: TabelAdres, n: number): Formule {
  const blad = BLADEN.taakstelling;
  const per = a.kolomBereik("periode", n, blad);
  const ach = a.kolomBereik("achterstand", n, blad);
  const ver = a.kolomBereik("verloop", n, blad);
  const s = NAMEN.startperiode;
  const eerste = `IF(${s}="",1,MATCH(${s},${per},0))`;
  const laatste = `${eerste}+COUNT(${ach})-1`;
  const reden = (i: string) => `MID(INDEX(${ver},${i}),${VERLOOP_STOPT.length + 1},999)`;
  const volgende = `IF(${laatste}>=${n},"; dit is de laatste periode.",IF(INDEX(${ver},${laatste}+1)="","","; "&${reden(`${laatste}+1`)}))`;
  return f(
    `IF(AND(${s}<>"",ISNA(MATCH(${s},${per},0))),"Eerste periode "&${s}&" staat niet in kolom Periode (blad ${blad}); kies een periode uit de lijst.",` +
      `IF(COUNT(${ach})=0,IF(INDEX(${ver},${eerste})="","Nog geen verloop.","Nog geen verloop: "&${reden(eerste)}),` +
      `"Verloop tot en met "&INDEX(${per},${laatste})&${volgende}))`,
  );
}

function overzichtBlad(
  engine: Engine,
  g: Gemeente,
  regels: readonly PeriodeRegel[],
  opvang: readonly Paar[],
  bron: BronInfo,
): BladPlan {
  const P = GEMEENTE_PLEKKEN.overzicht;
  const provincie = engine.provincieVan(g);
  const inwoners = vang(() => engine.inwoners(g.code));
  const bekend = [...regels].reverse().find((r) => !(r.taakstelling instanceof OpgaveFout));
  const laatste = bekend?.taakstelling instanceof OpgaveFout ? undefined : bekend?.taakstelling;
  const a = new TabelAdres(TAAKSTELLING_TABEL_START, TAAKSTELLING_KOLOMMEN);
  const n = regels.length;
  const blad = BLADEN.taakstelling;
  const ach = a.kolomBereik("achterstand", n, blad);
  const voor = a.kolomBereik("voorsprong", n, blad);
  const per = a.kolomBereik("periode", n, blad);
  const s = NAMEN.startperiode;
  const index = `IF(${s}="",1,MATCH(${s},${per},0))+COUNT(${ach})-1`;
  const laatsteWaarde = (bereik: string) => f(`IF(COUNT(${ach})=0,"",INDEX(${bereik},${index}))`);
  const verloop = verloopRegel(a, n);
  const opvangWaarde = (label: string): Cel => opvang.find(([l]) => l === label)?.[1] ?? null;
  const O = OPVANG_LABELS;
  const regelsOverzicht: [string, Cel][] = [
    ["Gemeente", g.naam],
    ["CBS-code", g.code],
    ["Provincie", provincie?.naam ?? null],
    [
      inwoners instanceof OpgaveFout ? "Inwoners" : `Inwoners 1-1-${inwoners.jaar}`,
      inwoners instanceof OpgaveFout ? null : inwoners.aantal,
    ],
    [
      laatste ? `Taakstelling ${periodeCode(laatste.periode)} (laatst bekend)` : "Taakstelling",
      laatste ? laatste.aantal : null,
    ],
    ["Herkomst taakstelling", laatste ? gebiedTekst(engine.register, laatste) : null],
    [OVERZICHT_LABELS.achterstand, laatsteWaarde(ach)],
    [OVERZICHT_LABELS.voorsprong, laatsteWaarde(voor)],
    [OVERZICHT_LABELS.periode, laatsteWaarde(per)],
    [OVERZICHT_LABELS.verloop, verloop],
    [O.doel, opvangWaarde(O.doel)],
    [O.amv, opvangWaarde(O.amv)],
    ["Herkomst opvang", opvangWaarde(O.herkomst) ?? opvangWaarde(O.besluit)],
    ["Dataset", `${bron.datasetId} ${bron.versie} (${bron.datum})`],
  ];
  return {
    naam: BLADEN.overzicht,
    blokken: [
      titel(rij(1), `Opgave — ${g.naam}`),
      paren(P.gegevens, regelsOverzicht, NOTATIE.geheel),
      {
        start: P.toelichting,
        cellen: [
          [
            "Achterstand en voorsprong rekenen met de invoer op blad Taakstelling (Gehuisvest, Eerste periode, Beginsaldo).",
          ],
        ],
      },
    ],
    invoercellen: [],
    tabellen: [],
    grafieken: [
      {
        titel: GRAFIEK_TITELS.gemeente,
        soort: "kolom",
        tabel: TABELLEN.taakstelling,
        categorieKolom: "periode",
        reeksKolommen: ["taakstellingGebruikt", "gehuisvest"],
        positie: P.grafiek,
      },
    ],
    breedtes: { 1: 40, 2: 16 },
  };
}

/** The plan's notice for a gemeente that no longer exists (`Engine.opheffing`), or nothing. */
function opheffingMelding(engine: Engine, g: Gemeente): { melding?: string } {
  const melding = engine.opheffing(g);
  return melding ? { melding } : {};
}

/** The workbook for one gemeente. */
export function planGemeente(engine: Engine, gemeenteInvoer: Invoer, bron: BronInfo): WerkboekPlan {
  const g = engine.gemeente(gemeenteInvoer);
  const regels = periodeRegels(engine, g);
  const taak = taakstellingBlad(engine, g, regels);
  const { blad: opvang, doel, gegevens } = opvangBlad(engine, g);
  const { blad: klein, cheapest } = kleinschaligBlad(engine, g, doel);
  const kosten = kostenBlad(engine, g, doel, cheapest);
  const namen = [
    BLADEN.overzicht,
    BLADEN.taakstelling,
    BLADEN.opvang,
    BLADEN.kleinschalig,
    BLADEN.kosten,
    BLADEN.bron,
  ];
  const overzicht = overzichtBlad(engine, g, regels, gegevens, bron);
  return {
    formaat: "opgave-werkboek",
    formaatVersie: 1,
    onderwerp: { soort: "gemeente", code: g.code, naam: g.naam, ...opheffingMelding(engine, g) },
    bladen: [
      overzicht,
      taak,
      opvang,
      klein,
      kosten,
      bronBlad(engine, bron, namen, ONDERWERP.gemeente(g.code, g.naam)),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Province plan

/** The province table: one row per gemeente, its inputs and formulas, and a totals row of SUMs. */
function provincieTabel(
  engine: Engine,
  regels: ReturnType<Engine["tabel"]>,
  kolommen: readonly Kolom[],
  besluit: { readonly id: string } | undefined,
): TabelPlan {
  const start = PROVINCIE_PLEKKEN.tabel;
  const a = new TabelAdres(start, kolommen);
  const rijen: Cel[][] = regels.map((r, i) => {
    const d = a.cel("taakstelling", i);
    const e = a.cel("taakstellingEigen", i);
    const gh = a.cel("gehuisvest", i);
    const b = a.cel("beginsaldo", i);
    // Text typed in an input ("ca. 350") leaves the result blank instead of #VALUE!, as on the Taakstelling sheet.
    const t = `IF(ISNUMBER(${e}),${e},IF(AND(${e}="",ISNUMBER(${d})),${d},""))`;
    const leeg = `OR(NOT(ISNUMBER(${t})),NOT(ISNUMBER(${gh})),ISTEXT(${b}))`;
    const o = a.cel("opvang", i);
    const m = a.cel("bestaand", i);
    const c = besluit ? opvangCijfers(engine, r.gemeente, besluit.id) : undefined;
    const opvang = c && !(c instanceof OpgaveFout) ? c : undefined;
    const taak = r.taakstelling;
    return [
      r.gemeente.code,
      r.gemeente.naam,
      r.inwoners,
      taak instanceof OpgaveFout ? null : taak.aantal,
      null,
      null,
      null,
      f(`IF(${leeg},"",MAX(${t}+N(${b})-${gh},0))`),
      f(`IF(${leeg},"",MAX(${gh}-${t}-N(${b}),0))`),
      opvang ? opvang.totaal.aantal : null,
      opvang && !(opvang.amv instanceof OpgaveFout) ? opvang.amv.aantal : null,
      opvang ? opvang.totaal.herkomst : c instanceof OpgaveFout ? `geen cijfer: ${c.message}` : null,
      null,
      f(`IF(AND(ISNUMBER(${o}),ISNUMBER(${m})),${o}-${m},"")`),
      taak instanceof OpgaveFout ? `onbekend: ${taak.message} ${ONBEKEND_HINT}` : taak.herkomst.label,
    ];
  });
  const n = Math.max(regels.length, 1);
  // Blank, not 0, over a column nobody filled in yet (an empty Gehuisvest column is "not known", not "none").
  const som = (sleutel: string) => {
    const r = `${a.letter(sleutel)}${a.rij(0)}:${a.letter(sleutel)}${a.rij(n - 1)}`;
    return f(`IF(COUNT(${r})=0,"",SUM(${r}))`);
  };
  const totaal: Cel[] = kolommen.map((k) => {
    if (k.sleutel === "gemeente") return "Totaal";
    if (k.sleutel === "code" || k.sleutel === "opvangHerkomst" || k.sleutel === "herkomst") return null;
    if (k.sleutel === "taakstellingEigen") return null;
    return som(k.sleutel);
  });
  return {
    naam: TABELLEN.provincie,
    start,
    kolommen,
    sleutelKolom: "code",
    rijen,
    totaal,
    opmaak: ketenOpmaak(a),
  };
}

/** The workbook for one province: every gemeente in one table, for one half-year. */
export function planProvincie(
  engine: Engine,
  provincieInvoer: Invoer,
  periodeInvoer: Invoer,
  bron: BronInfo,
): WerkboekPlan {
  const provincie = engine.provincie(provincieInvoer);
  const p = engine.periode(periodeInvoer);
  const code = periodeCode(p);
  const landelijk = engine.landelijk(code);
  const regels = engine.tabel(code, provincie.code);
  const opvangProv = vang(() => engine.opvangProvincie(provincie.code));
  const besluit = opvangProv instanceof OpgaveFout ? undefined : opvangProv.besluit;
  const tabel = provincieTabel(engine, regels, provincieKolommen(code, peiljaarInwoners(p)), besluit);
  const opvangTekst =
    opvangProv instanceof OpgaveFout
      ? `Opvang: geen cijfer voor ${provincie.naam} (${opvangProv.message})`
      : `Opvang: ${opvangProv.besluit.naam} (besluit ${datumTekst(opvangProv.besluit.datum)}, peildatum ${datumTekst(opvangProv.besluit.peildatum)}, ${opvangProv.besluit.status}); per gemeente gepubliceerd of geschat (kolom Herkomst opvang), samen het doel van de provincie.`;
  return {
    formaat: "opgave-werkboek",
    formaatVersie: 1,
    onderwerp: { soort: "provincie", code: provincie.code, naam: provincie.naam },
    bladen: [
      {
        naam: BLADEN.provincie,
        blokken: [
          titel(
            PROVINCIE_PLEKKEN.titel,
            `Taakstelling en opvang — provincie ${provincie.naam}, ${code}`,
            `Taakstelling ${code}: landelijk ${getal(landelijk.aantal)} (${landelijk.status}); inwoners per 1-1-${peiljaarInwoners(p)} (CBS); ⌈landelijk × inwoners gemeente / inwoners Nederland⌉ (art. 29 Hvw 2014).`,
            opvangTekst,
            "Vul Gehuisvest, Beginsaldo (achterstand +, voorsprong −; leeg = 0) en Bestaande plaatsen in; Achterstand, Voorsprong en Tekort rekenen zichzelf uit (gewone Excel-formules). Een lege verplichte cel laat de uitkomst leeg.",
          ),
          paren(
            PROVINCIE_PLEKKEN.gegevens,
            [["Opvangdoel provincie", opvangProv instanceof OpgaveFout ? null : opvangProv.aantal]],
            NOTATIE.geheel,
          ),
        ],
        invoercellen: [],
        tabellen: [tabel],
        grafieken: [],
        // Header row and the code and name of the gemeente stay in view.
        bevries: { rijen: PROVINCIE_PLEKKEN.tabel.rij, kolommen: PROVINCIE_PLEKKEN.tabel.kolom + 1 },
      },
      bronBlad(
        engine,
        bron,
        [BLADEN.provincie, BLADEN.bron],
        ONDERWERP.provincie(provincie.code, provincie.naam, code),
      ),
    ],
  };
}
