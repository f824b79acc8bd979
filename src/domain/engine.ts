/**
 * The engine: one dataset, indexed once, answering every question the custom functions, the task pane and the
 * CLI ask. Inputs are plain scalars (already unwrapped from Excel's shapes); parsing and all rules live here.
 */
import type { Dataset, Gemeente, LandelijkeTaakstelling, OekraineKerncijfer, Provincie } from "./model";
import { berichten, opvangBerichten, taakstellingBerichten } from "./berichten";
import { OpgaveFout, ongeldig, nietBeschikbaar } from "./fouten";
import { binnen, GRENZEN } from "./grenzen";
import { vang } from "./vang";
import { bestaatNiet, normaliseerCode, opgehevenOp, zoekGemeente, zoekProvincie } from "./gemeenten";
import {
  dagUitCode,
  dagUitExcelSerieel,
  dagUitTekst,
  parsePeriode,
  periodeIndex,
  periodeStart,
  periodeUitIndex,
  vergelijkDag,
  type Dag,
  type Periode,
} from "./periode";
import {
  DEFAULT_MAXIMUM,
  DEFAULT_MINIMUM,
  DEFAULT_VASTE_KOSTEN,
  kleinschaligeOpties,
  type KleinschaligOptie,
} from "./kleinschalig";
import { Opvang, parseSoort, type OpvangCijfer } from "./opvang";
import { Register } from "./register";
import { achtereenAchter, verloop, type Regel } from "./saldo";
import {
  berekenTaakstelling,
  berekenTaakstellingEigen,
  herkomstTekst,
  berekenTaakstellingUitkomst,
  berekenAantalUitkomst,
  landelijkeTaakstelling,
  type Taakstelling,
} from "./taakstelling";
import { gebiedTaakstelling, gebiedTekst, type GebiedTaakstelling } from "./grondgebied";
import { scenarioBronTekst, taakstellingScenario, type TaakstellingScenario } from "./taakstellingScenario";
import { kerncijfer, kerncijfersOp } from "./oekraineCijfers";

export type Invoer = string | number;

/** At most this many consecutive periods in one ledger (2015-I … 2065-II is already absurd). */
export const MAX_PERIODEN = GRENZEN.perioden.max;
const MAX_CACHE = 200_000;

export interface Inwoners {
  readonly gemeente: Gemeente;
  readonly jaar: number;
  readonly aantal: number;
}

/** One half-year of a ledger (VERLOOP): its taakstelling, or why it is unknown, and the balance. */
export interface VerloopRij {
  readonly periode: Periode;
  readonly gehuisvest: number;
  /** The taakstelling of the gemeente's territory (after a herindeling: the sum of the parts), or the reason. */
  readonly taakstelling: GebiedTaakstelling | OpgaveFout;
  /** The balance of this half-year; null from the first half-year without a taakstelling on (never guessed). */
  readonly regel: Regel | null;
  /** Consecutive half-years ending with an achterstand, this one included; null where the balance is unknown. */
  readonly achtereenAchter: number | null;
}

export interface TabelRegel {
  readonly gemeente: Gemeente;
  readonly provincie: Provincie | undefined;
  /** Inhabitants on the reference date (sum of the parts after a herindeling), if known. */
  readonly inwoners: number | null;
  /** The taakstelling, or why it cannot be given for this one gemeente. */
  readonly taakstelling: Taakstelling | OpgaveFout;
}

export class Engine {
  readonly register: Register;
  readonly opvang: Opvang;
  /** One instance per distinct error (kind + message): a repeated error is the same object every time. */
  private readonly fouten: Fouten = { perBericht: new Map(), instanties: new WeakSet() };
  private readonly taakCache = new Geheugen<Taakstelling>(this.fouten);
  /** TAAKSTELLING's numbers alone (a workbook that opens asks thousands at once; see `taakstellingAantal`). */
  private readonly aantalCache = new Geheugen<number>(this.fouten);
  private readonly gemeenteCache = new Geheugen<Gemeente>(this.fouten);
  private readonly opvangCache = new Geheugen<OpvangCijfer>(this.fouten);
  private readonly periodeCache = new Geheugen<Periode>(this.fouten);
  /** Input → the gemeente it names as a code, or null when it is no code (or an unknown one). */
  private readonly codeGemeente = new Map<Invoer, Gemeente | null>();
  /** "Does not exist (yet / any more)" per gemeente code and whether it had ended: one error, built once. */
  private readonly bestaatNietFout = new Map<string, OpgaveFout>();
  /** BRON texts of memoised taakstellingen (kept as long as the taakstelling is). */
  private readonly bronTekst = new WeakMap<Taakstelling, string>();

  /** A taakstelling not asked before (one function for every call: no closure per question). */
  private readonly nieuweTaakstelling = (gemeenteInvoer: Sleutel, periodeInvoer: Sleutel) =>
    this.metGemeenteInPeriode(gemeenteInvoer, periodeInvoer, berekenTaakstellingUitkomst);

  /** A number of `taakstellingAantal` not asked before. */
  private readonly nieuwAantal = (gemeenteInvoer: Sleutel, periodeInvoer: Sleutel) =>
    this.metGemeenteInPeriode(gemeenteInvoer, periodeInvoer, berekenAantalUitkomst);

  /**
   * `bereken` for the gemeente and period the inputs name. The errors met most (no national number, a gemeente
   * that no longer exists) come back as values: a throw costs more than a first answer.
   */
  private metGemeenteInPeriode<T>(
    gemeenteInvoer: Sleutel,
    periodeInvoer: Sleutel,
    bereken: (reg: Register, g: Gemeente, p: Periode) => T | OpgaveFout,
  ): T | OpgaveFout {
    const p = this.periodeCache.uitkomst(periodeInvoer, undefined, parsePeriodeInvoer);
    if (p instanceof OpgaveFout) return p;
    // The gemeente not through the gemeente memory: this answer is remembered itself.
    const g = this.gemeenteOp(gemeenteInvoer as Invoer, periodeStart(p));
    return g instanceof OpgaveFout ? g : bereken(this.register, g, p);
  }

  constructor(readonly dataset: Dataset) {
    this.register = new Register(dataset);
    this.opvang = new Opvang(this.register);
  }

  /**
   * Small-scale options for `plaatsen` places, costed with the latest COA regular rate and the national-phase
   * Spreidingswet bonus from the dataset; returns the options and the assumptions used (to show with them).
   */
  kleinschalig(vraag: {
    plaatsen: number;
    minimum?: number;
    maximum?: number;
    maxLocaties?: number;
    vasteKostenPerLocatie?: number;
    duurzaam?: boolean;
  }): { opties: KleinschaligOptie[]; aannames: string[] } {
    const norm = [...this.dataset.kostenNormen]
      .filter((n) => n.soort === "coa-regulier")
      .sort((a, b) => b.vanaf.localeCompare(a.vanaf))[0];
    const prikkel = (duurzaam: boolean) =>
      this.dataset.prikkels.find((p) => p.fase === "landelijk" && p.duurzaam === duurzaam)?.bedrag;
    const bonusDuurzaam = prikkel(true);
    const bonusNietDuurzaam = prikkel(false);
    if (!norm || bonusDuurzaam === undefined || bonusNietDuurzaam === undefined) {
      throw nietBeschikbaar(opvangBerichten.kostenOntbreken());
    }
    const v = {
      plaatsen: vraag.plaatsen,
      minimum: vraag.minimum ?? DEFAULT_MINIMUM,
      maximum: vraag.maximum ?? DEFAULT_MAXIMUM,
      maxLocaties: vraag.maxLocaties,
      vasteKostenPerLocatie: vraag.vasteKostenPerLocatie ?? DEFAULT_VASTE_KOSTEN,
      duurzaam: vraag.duurzaam ?? true,
      kostenPerPlaats: norm.bedrag,
      bonusDuurzaam,
      bonusNietDuurzaam,
    };
    return {
      opties: kleinschaligeOpties(v),
      aannames: opvangBerichten.kleinschaligAannames({
        ...v,
        jaar: norm.vanaf.slice(0, 4),
        vasteKostenIsStandaard: vraag.vasteKostenPerLocatie === undefined,
      }),
    };
  }

  /** Reception target of a gemeente (default: the latest decision that has a figure for it). */
  opvangGemeente(gemeenteInvoer: Invoer, soort?: string, besluit?: string): OpvangCijfer {
    return zonderFout(this.opvangGemeenteUitkomst(gemeenteInvoer, soort, besluit));
  }

  /** As `opvangGemeente`, with the error returned instead of thrown. Memoised, errors included. */
  opvangGemeenteUitkomst(
    gemeenteInvoer: Invoer,
    soort?: string,
    besluit?: string,
  ): OpvangCijfer | OpgaveFout {
    return this.opvangCache.uitkomst3(gemeenteInvoer, soort, besluit, () =>
      this.opvang.gemeente(
        this.gemeente(gemeenteInvoer),
        parseSoort(soort),
        besluit === undefined ? undefined : this.opvang.besluit(besluit),
      ),
    );
  }

  opvangProvincie(provincieInvoer: Invoer, soort?: string, besluit?: string): OpvangCijfer {
    return this.opvang.provincie(
      this.provincie(provincieInvoer),
      parseSoort(soort),
      besluit === undefined ? undefined : this.opvang.besluit(besluit),
    );
  }

  opvangScenario(gemeenteInvoer: Invoer, landelijk: number, soort?: string, besluit?: string): OpvangCijfer {
    return this.opvang.scenario(
      this.gemeente(gemeenteInvoer),
      landelijk,
      parseSoort(soort),
      besluit === undefined ? undefined : this.opvang.besluit(besluit),
    );
  }

  periode(invoer: Invoer): Periode {
    return parsePeriode(invoer);
  }

  /** The gemeente as meant by the user; with a period it must exist on the period's first day. Memoised. */
  gemeente(invoer: Invoer, periode?: Periode): Gemeente {
    return zonderFout(this.gemeenteUitkomst(invoer, periode));
  }

  private gemeenteUitkomst(invoer: Invoer, periode?: Periode): Gemeente | OpgaveFout {
    return this.gemeenteCache.uitkomst(invoer, periode ? periodeIndex(periode) : undefined, () =>
      zoekGemeente(this.register, invoer, periode ? periodeStart(periode) : undefined),
    );
  }

  /**
   * `zoekGemeente` on a day, with a shortcut for a code (GM0344, 344, …): a code names the same gemeente on any
   * day, so it is looked up once; on each day only whether it existed is checked (if not, the remembered error
   * is returned). Anything else (a name) goes through `zoekGemeente`, which gives the answer or throws.
   */
  private gemeenteOp(invoer: Invoer, dag: Dag): Gemeente | OpgaveFout {
    let g = this.codeGemeente.get(invoer);
    if (g === undefined) {
      const code = normaliseerCode(typeof invoer === "number" ? invoer : invoer.trim());
      g = (code === null ? undefined : this.register.gemeenten.get(code)) ?? null;
      if (this.codeGemeente.size >= MAX_CACHE) this.codeGemeente.clear();
      this.codeGemeente.set(invoer, g);
    }
    if (g === null) return zoekGemeente(this.register, invoer, dag);
    return this.register.bestaatOp(g, dag) ? g : this.nietOp(g, dag);
  }

  /**
   * For a gemeente that no longer exists: since when, into which gemeenten, from which period on to use them (as
   * TAAKSTELLING says it for a later period); undefined for one that exists.
   */
  opheffing(g: Gemeente): string | undefined {
    return g.tot === null ? undefined : this.nietOp(g, dagUitCode(g.tot)).message;
  }

  /** The error for a gemeente that did not exist on `dag`, built once per gemeente and kind. */
  private nietOp(g: Gemeente, dag: Dag): OpgaveFout {
    const sleutel = opgehevenOp(g, dag) ? `${g.code}>` : `${g.code}<`;
    let fout = this.bestaatNietFout.get(sleutel);
    if (fout === undefined) {
      fout = interneer(this.fouten, bestaatNiet(this.register, g, dag));
      this.bestaatNietFout.set(sleutel, fout);
    }
    return fout;
  }

  provincie(invoer: Invoer): Provincie {
    return zoekProvincie(this.register, invoer);
  }

  provincieVan(g: Gemeente): Provincie | undefined {
    return g.provincie === null ? undefined : this.register.provincies.get(g.provincie);
  }

  landelijk(periodeInvoer: Invoer): LandelijkeTaakstelling & { aantal: number } {
    return landelijkeTaakstelling(this.register, parsePeriode(periodeInvoer));
  }

  /** Memoised: the same (gemeente, periode) input answers from memory, errors included. */
  taakstelling(gemeenteInvoer: Invoer, periodeInvoer: Invoer): Taakstelling {
    return zonderFout(this.taakstellingUitkomst(gemeenteInvoer, periodeInvoer));
  }

  /**
   * As `taakstelling`, with the error returned instead of thrown: a repeated question that has no answer costs
   * no throw (the custom functions throw once, their own Excel error).
   */
  taakstellingUitkomst(gemeenteInvoer: Invoer, periodeInvoer: Invoer): Taakstelling | OpgaveFout {
    return this.taakCache.uitkomst(gemeenteInvoer, periodeInvoer, this.nieuweTaakstelling);
  }

  /**
   * The number of `taakstelling` (the same number, the same error), without its provenance: TAAKSTELLING's answer.
   * Remembered apart from the taakstellingen, as a number: a workbook that opens asks thousands of them at once.
   */
  taakstellingAantal(gemeenteInvoer: Invoer, periodeInvoer: Invoer): number | OpgaveFout {
    return this.aantalCache.uitkomst(gemeenteInvoer, periodeInvoer, this.nieuwAantal);
  }

  taakstellingVan(g: Gemeente, p: Periode): Taakstelling {
    return berekenTaakstelling(this.register, g, p);
  }

  /** Where the taakstelling comes from, in one line of Dutch (BRON); made on first request, then remembered. */
  bron(gemeenteInvoer: Invoer, periodeInvoer: Invoer): string {
    return zonderFout(this.bronUitkomst(gemeenteInvoer, periodeInvoer));
  }

  bronUitkomst(gemeenteInvoer: Invoer, periodeInvoer: Invoer): string | OpgaveFout {
    const t = this.taakstellingUitkomst(gemeenteInvoer, periodeInvoer);
    if (t instanceof OpgaveFout) return t;
    let tekst = this.bronTekst.get(t);
    if (tekst === undefined) {
      tekst = herkomstTekst(this.register, t);
      this.bronTekst.set(t, tekst);
    }
    return tekst;
  }

  /**
   * Ledger over consecutive periods ending in `periode`: `gehuisvest[i]` is the number housed in the i-th of
   * them (the last one being `periode`); `landelijk[i]`, when given, the national number of that half-year (the
   * user's own, see `taakstellingEigen`). The ledger follows the gemeente's territory: a half-year before the
   * herindeling that formed or enlarged it counts the sum of the parts (`gebiedTaakstelling`). Throws the reason
   * of the first half-year without a taakstelling.
   */
  verloop(
    gemeenteInvoer: Invoer,
    periodeInvoer: Invoer,
    gehuisvest: readonly number[],
    beginsaldo = 0,
    landelijk: readonly (number | undefined)[] = [],
  ): Regel[] {
    return this.verloopTabel(gemeenteInvoer, periodeInvoer, gehuisvest, beginsaldo, landelijk).map((r) => {
      if (r.taakstelling instanceof OpgaveFout) throw r.taakstelling;
      return r.regel!;
    });
  }

  /**
   * As `verloop`, one row per half-year with where its taakstelling comes from; a half-year without one does not
   * stop the table: it and the rows after it have no balance (`regel` null) and say why.
   */
  verloopTabel(
    gemeenteInvoer: Invoer,
    periodeInvoer: Invoer,
    gehuisvest: readonly number[],
    beginsaldo = 0,
    landelijk: readonly (number | undefined)[] = [],
  ): VerloopRij[] {
    if (gehuisvest.length === 0) throw ongeldig(berichten.gehuisvestLeeg());
    if (gehuisvest.length > MAX_PERIODEN) throw ongeldig(berichten.periodeReeksTeLang(MAX_PERIODEN));
    for (const n of gehuisvest) binnen("Gehuisvest", n, GRENZEN.gehuisvest);
    binnen("Beginsaldo", beginsaldo, GRENZEN.beginsaldo);
    if (landelijk.length > 0 && landelijk.length !== gehuisvest.length) {
      throw ongeldig(taakstellingBerichten.landelijkAantalCellen(landelijk.length, gehuisvest.length));
    }
    for (const n of landelijk) if (n !== undefined) binnen("landelijk", n, GRENZEN.landelijkTaakstelling);
    const laatste = parsePeriode(periodeInvoer);
    // The gemeente as it is in the last half-year; earlier half-years count its territory of then.
    const g = this.gemeente(gemeenteInvoer, laatste);
    const opDag = periodeStart(laatste);
    const eerste = periodeIndex(laatste) - gehuisvest.length + 1;
    const taak = gehuisvest.map((_, i) =>
      vang(() => gebiedTaakstelling(this.register, g, periodeUitIndex(eerste + i), opDag, landelijk[i])),
    );
    const bekend = taak.findIndex((t) => t instanceof OpgaveFout);
    const tot = bekend === -1 ? taak.length : bekend;
    const regels = verloop(
      taak.slice(0, tot).map((t, i) => ({
        periode: periodeUitIndex(eerste + i),
        taakstelling: (t as GebiedTaakstelling).aantal,
        gehuisvest: gehuisvest[i]!,
      })),
      beginsaldo,
    );
    const reeks = achtereenAchter(regels);
    return taak.map((t, i) => ({
      periode: periodeUitIndex(eerste + i),
      gehuisvest: gehuisvest[i]!,
      taakstelling: t,
      regel: regels[i] ?? null,
      achtereenAchter: reeks[i] ?? null,
    }));
  }

  /**
   * Art. 29 (and 30) with the user's own national number for the half-year (TAAKSTELLING's `landelijk`): the
   * inhabitants of its reference date; #N/A when the dataset does not have them.
   */
  taakstellingEigen(gemeenteInvoer: Invoer, periodeInvoer: Invoer, landelijk: number): Taakstelling {
    binnen("landelijk", landelijk, GRENZEN.landelijkTaakstelling);
    const p = parsePeriode(periodeInvoer);
    return berekenTaakstellingEigen(this.register, this.gemeente(gemeenteInvoer, p), p, landelijk);
  }

  /**
   * BRON, optionally with the user's own national number. For a half-year before the herindeling that formed the
   * gemeente (Voorne aan Zee 2022-II) it has no taakstelling of its own, but its territory has one (what a ledger
   * counts): that text, labelled as such. Otherwise the reason.
   */
  bronMet(gemeenteInvoer: Invoer, periodeInvoer: Invoer, landelijk?: number): string | OpgaveFout {
    const gewoon =
      landelijk === undefined
        ? this.bronUitkomst(gemeenteInvoer, periodeInvoer)
        : vang(() =>
            herkomstTekst(this.register, this.taakstellingEigen(gemeenteInvoer, periodeInvoer, landelijk)),
          );
    if (!(gewoon instanceof OpgaveFout) || gewoon.soort !== "nietBeschikbaar") return gewoon;
    const gebied = vang(() => this.gebiedVoorOntstaan(gemeenteInvoer, periodeInvoer, landelijk));
    return gebied ?? gewoon;
  }

  /** The territory's taakstelling text when the gemeente was formed after the half-year; else null. */
  private gebiedVoorOntstaan(
    gemeenteInvoer: Invoer,
    periodeInvoer: Invoer,
    landelijk?: number,
  ): string | null {
    const p = parsePeriode(periodeInvoer);
    const start = periodeStart(p);
    const g = zoekGemeente(this.register, gemeenteInvoer);
    if (g.vanaf === null || this.register.bestaatOp(g, start)) return null;
    const vanaf = dagUitCode(g.vanaf);
    if (vergelijkDag(start, vanaf) >= 0) return null;
    return gebiedTekst(this.register, gebiedTaakstelling(this.register, g, p, vanaf, landelijk));
  }

  /**
   * A gemeente's share of national number `landelijk` for a coming half-year (TAAKSTELLINGSCENARIO): always a
   * scenario, with the period's reference inhabitants when known, else the latest (`taakstellingScenario`).
   */
  taakstellingScenario(
    gemeenteInvoer: Invoer,
    landelijk: number,
    periodeInvoer?: Invoer,
  ): TaakstellingScenario {
    binnen("landelijk", landelijk, GRENZEN.landelijkTaakstelling);
    if (periodeInvoer === undefined) {
      const g = zoekGemeente(this.register, gemeenteInvoer);
      if (g.tot !== null) throw bestaatNiet(this.register, g, dagUitCode(g.tot));
      return taakstellingScenario(this.register, g, landelijk);
    }
    const p = parsePeriode(periodeInvoer);
    return taakstellingScenario(this.register, this.gemeente(gemeenteInvoer, p), landelijk, p);
  }

  /** TAAKSTELLINGSCENARIOBRON: the scenario's number with its label and the dataset (`scenarioBronTekst`). */
  taakstellingScenarioBron(gemeenteInvoer: Invoer, landelijk: number, periodeInvoer?: Invoer): string {
    return scenarioBronTekst(
      this.register,
      this.taakstellingScenario(gemeenteInvoer, landelijk, periodeInvoer),
    );
  }

  /**
   * The Ukrainian reception key figures in force on `dag` (default: the latest), one per indicator; or, with
   * `indicator`, that one figure.
   */
  oekraineKerncijfers(dag?: Dag, indicator?: string): OekraineKerncijfer[] {
    const cijfers = this.dataset.oekraineKerncijfers;
    const naam = `${this.dataset.id} ${this.dataset.versie}`;
    return indicator === undefined
      ? kerncijfersOp(cijfers, naam, dag)
      : [kerncijfer(cijfers, naam, indicator, dag)];
  }

  /** Inhabitants on 1 January of a year (default: the latest year the dataset has for this gemeente). */
  inwoners(gemeenteInvoer: Invoer, peildatum?: Invoer): Inwoners {
    if (peildatum === undefined) {
      const g = this.gemeente(gemeenteInvoer);
      const jaren = Object.keys(g.inwoners).map(Number);
      const jaar = Math.max(...jaren);
      const aantal = g.inwoners[String(jaar)];
      if (aantal === undefined) throw nietBeschikbaar(berichten.inwonersOnbekend(g.naam, jaar, []));
      return { gemeente: g, jaar, aantal };
    }
    const jaar = peiljaar(peildatum);
    const g = zoekGemeente(this.register, gemeenteInvoer, { jaar, maand: 1, dag: 1 });
    const aantal = g.inwoners[String(jaar)];
    if (aantal === undefined) {
      const jaren = Object.keys(g.inwoners)
        .map(Number)
        .sort((a, b) => a - b);
      throw nietBeschikbaar(berichten.inwonersOnbekend(g.naam, jaar, jaren));
    }
    return { gemeente: g, jaar, aantal };
  }

  /** Every gemeente that exists at the start of `periode` (optionally one province), sorted by name. */
  tabel(periodeInvoer: Invoer, provincieInvoer?: Invoer): TabelRegel[] {
    const p = parsePeriode(periodeInvoer);
    landelijkeTaakstelling(this.register, p); // fail once, clearly, when the national number is unknown
    const provincie = provincieInvoer === undefined ? undefined : this.provincie(provincieInvoer);
    return this.register
      .gemeentenOp(periodeStart(p))
      .filter((g) => provincie === undefined || g.provincie === provincie.code)
      .sort((a, b) => a.naam.localeCompare(b.naam, "nl"))
      .map((g) => {
        const t = vang(() => this.taakstellingVan(g, p));
        const inwoners = t instanceof OpgaveFout ? (g.inwoners[String(p.jaar - 1)] ?? null) : t.herkomst.iG;
        return { gemeente: g, provincie: this.provincieVan(g), inwoners, taakstelling: t };
      });
  }
}

/** A year (2023), an Excel date serial, or a date text → the year whose 1 January applies. */
function peiljaar(invoer: Invoer): number {
  if (typeof invoer === "number") {
    if (Number.isInteger(invoer) && invoer >= GRENZEN.jaar.min && invoer <= GRENZEN.jaar.max) return invoer;
    const dag = dagUitExcelSerieel(invoer);
    if (dag) return dag.jaar;
    throw ongeldig(berichten.peildatumOngeldig(invoer));
  }
  const tekst = invoer.trim();
  if (/^\d{4}$/.test(tekst)) return Number(tekst);
  const dag = dagUitTekst(tekst);
  if (dag) return dag.jaar;
  throw ongeldig(berichten.peildatumOngeldig(tekst));
}

type Sleutel = Invoer | undefined;

/** The interned errors of one engine: by kind and message, and the set of those instances. */
interface Fouten {
  readonly perBericht: Map<string, OpgaveFout>;
  instanties: WeakSet<OpgaveFout>;
}
type Uitkomst<T> = T | OpgaveFout;
type Kaart<V> = Map<Sleutel, V>;

/**
 * Answers from memory, keyed by two or three inputs (one arity per instance): the same inputs give the same
 * result or the same error (instance), computed once. Nested maps on the raw values keep the types apart (the
 * number 344 and the text "344" are different keys) without building a key string per call. Errors are interned
 * per engine by kind and message, so inputs that fail for the same reason share one error object (and one Excel
 * error, see src/functions/excelFout.ts). Bounded: cleared when full.
 */
class Geheugen<T> {
  private readonly kaart: Kaart<Kaart<unknown>> = new Map();
  private grootte = 0;

  constructor(private readonly fouten: Fouten) {}

  /**
   * The remembered result or error of (a, b); `f(a, b)` computes it the first time (it may return or throw an
   * OpgaveFout). Never throws an OpgaveFout.
   */
  uitkomst(a: Sleutel, b: Sleutel, f: (a: Sleutel, b: Sleutel) => Uitkomst<T>): Uitkomst<T> {
    let perA = this.kaart.get(a) as Kaart<Uitkomst<T>> | undefined;
    const eerder = perA?.get(b);
    if (eerder !== undefined) return eerder;
    const uitkomst = this.reken(f, a, b, undefined);
    perA = this.tak(a) as Kaart<Uitkomst<T>>;
    perA.set(b, uitkomst);
    return uitkomst;
  }

  /** As `uitkomst`, keyed by three inputs. */
  uitkomst3(
    a: Sleutel,
    b: Sleutel,
    c: Sleutel,
    f: (a: Sleutel, b: Sleutel, c: Sleutel) => Uitkomst<T>,
  ): Uitkomst<T> {
    const perB = (this.kaart.get(a) as Kaart<Kaart<Uitkomst<T>>> | undefined)?.get(b);
    const eerder = perB?.get(c);
    if (eerder !== undefined) return eerder;
    const uitkomst = this.reken(f, a, b, c);
    const perA = this.tak(a) as Kaart<Kaart<Uitkomst<T>>>;
    let tak = perA.get(b);
    if (tak === undefined) perA.set(b, (tak = new Map()));
    tak.set(c, uitkomst);
    return uitkomst;
  }

  private reken(
    f: (a: Sleutel, b: Sleutel, c: Sleutel) => Uitkomst<T>,
    a: Sleutel,
    b: Sleutel,
    c: Sleutel,
  ): Uitkomst<T> {
    const uitkomst = zonderStapel(f, a, b, c);
    return uitkomst instanceof OpgaveFout ? interneer(this.fouten, uitkomst) : uitkomst;
  }

  /** The map under `a` for one more entry (everything is forgotten when the memory is full). */
  private tak(a: Sleutel): Kaart<unknown> {
    if (this.grootte >= MAX_CACHE) {
      this.kaart.clear();
      this.grootte = 0;
    }
    this.grootte++;
    let perA = this.kaart.get(a);
    if (perA === undefined) this.kaart.set(a, (perA = new Map()));
    return perA;
  }
}

/**
 * `f()`, or the OpgaveFout it threw, computed without stack traces: an OpgaveFout is an answer (#N/A, #VALUE!
 * with a Dutch message), not a bug, and capturing its stack is most of the cost of a first answer that is an
 * error. Any other error is a bug: `f` (a pure computation on immutable data) runs again with stack traces on,
 * so that error is thrown with its stack.
 */
function zonderStapel<T>(
  f: (a: Sleutel, b: Sleutel, c: Sleutel) => T | OpgaveFout,
  a: Sleutel,
  b: Sleutel,
  c: Sleutel,
): T | OpgaveFout {
  const limiet = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return f(a, b, c);
  } catch (e) {
    if (e instanceof OpgaveFout) return e;
  } finally {
    Error.stackTraceLimit = limiet;
  }
  return f(a, b, c);
}

/** `parsePeriode` for a memory key (always an input: a key is never undefined here). */
function parsePeriodeInvoer(invoer: Sleutel): Periode {
  return parsePeriode(invoer as Invoer);
}

/** The value, or its error thrown. */
function zonderFout<T>(uitkomst: T | OpgaveFout): T {
  if (uitkomst instanceof OpgaveFout) throw uitkomst;
  return uitkomst;
}

/** The engine's one instance of this error (same kind, same message). */
function interneer(fouten: Fouten, fout: OpgaveFout): OpgaveFout {
  if (fouten.instanties.has(fout)) return fout; // already the one (a memoised error met again)
  const sleutel = `${fout.soort}|${fout.message}`;
  const eerder = fouten.perBericht.get(sleutel);
  if (eerder !== undefined) return eerder;
  if (fouten.perBericht.size >= MAX_CACHE) {
    fouten.perBericht.clear();
    fouten.instanties = new WeakSet();
  }
  fouten.perBericht.set(sleutel, fout);
  fouten.instanties.add(fout);
  return fout;
}
