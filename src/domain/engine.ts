/**
 * The engine: one dataset, indexed once, answering every question the custom functions, the task pane and the
 * CLI ask. Inputs are plain scalars (already unwrapped from Excel's shapes); parsing and all rules live here.
 */
import type { Dataset, Gemeente, LandelijkeTaakstelling, Provincie } from "../data/schema";
import { berichten, opvangBerichten } from "./berichten";
import { OpgaveFout, ongeldig, nietBeschikbaar } from "./fouten";
import { zoekGemeente, zoekProvincie } from "./gemeenten";
import {
  dagUitExcelSerieel,
  dagUitTekst,
  parsePeriode,
  periodeIndex,
  periodeStart,
  periodeUitIndex,
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
import { verloop, type Regel } from "./saldo";
import {
  berekenTaakstelling,
  herkomstTekst,
  landelijkeTaakstelling,
  type Taakstelling,
} from "./taakstelling";

export type Invoer = string | number;

/** At most this many consecutive periods in one ledger (2015-I … 2065-II is already absurd). */
export const MAX_PERIODEN = 100;
const MAX_CACHE = 200_000;

export interface Inwoners {
  readonly gemeente: Gemeente;
  readonly jaar: number;
  readonly aantal: number;
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
  private readonly taakCache = new Map<string, Taakstelling | OpgaveFout>();
  private readonly gemeenteCache = new Map<string, Gemeente | OpgaveFout>();
  private readonly opvangCache = new Map<string, OpvangCijfer | OpgaveFout>();

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
    return onthoud(this.opvangCache, [gemeenteInvoer, soort, besluit], () =>
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
    return onthoud(this.gemeenteCache, [invoer, periode ? periodeIndex(periode) : ""], () =>
      zoekGemeente(this.register, invoer, periode ? periodeStart(periode) : undefined),
    );
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
    return onthoud(this.taakCache, [gemeenteInvoer, periodeInvoer], () => {
      const p = parsePeriode(periodeInvoer);
      return this.taakstellingVan(this.gemeente(gemeenteInvoer, p), p);
    });
  }

  taakstellingVan(g: Gemeente, p: Periode): Taakstelling {
    return berekenTaakstelling(this.register, g, p);
  }

  bron(gemeenteInvoer: Invoer, periodeInvoer: Invoer): string {
    return herkomstTekst(this.register, this.taakstelling(gemeenteInvoer, periodeInvoer));
  }

  /**
   * Ledger over consecutive periods ending in `periode`: `gehuisvest[i]` is the number housed in the i-th of
   * them (the last one being `periode`).
   */
  verloop(
    gemeenteInvoer: Invoer,
    periodeInvoer: Invoer,
    gehuisvest: readonly number[],
    beginsaldo = 0,
  ): Regel[] {
    if (gehuisvest.length === 0) throw ongeldig(berichten.gehuisvestLeeg());
    if (gehuisvest.length > MAX_PERIODEN) throw ongeldig(berichten.periodeReeksTeLang(MAX_PERIODEN));
    const laatste = parsePeriode(periodeInvoer);
    const eerste = periodeIndex(laatste) - gehuisvest.length + 1;
    // The gemeente must exist in every period of the range.
    const stappen = gehuisvest.map((aantal, i) => {
      const p = periodeUitIndex(eerste + i);
      const g = this.gemeente(gemeenteInvoer, p);
      return { periode: p, taakstelling: this.taakstellingVan(g, p).aantal, gehuisvest: aantal };
    });
    return verloop(stappen, beginsaldo);
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
    if (Number.isInteger(invoer) && invoer >= 1900 && invoer <= 2200) return invoer;
    const dag = dagUitExcelSerieel(invoer);
    if (dag) return dag.jaar;
    throw ongeldig(berichten.peildatumOngeldig(String(invoer)));
  }
  const tekst = invoer.trim();
  if (/^\d{4}$/.test(tekst)) return Number(tekst);
  const dag = dagUitTekst(tekst);
  if (dag) return dag.jaar;
  throw ongeldig(berichten.peildatumOngeldig(tekst));
}

/**
 * Answer from memory: the same inputs give the same result or the same error, computed once. The key keeps the
 * types apart (the number 344 and the text "344" are different inputs). Bounded: cleared when full.
 */
function onthoud<T>(cache: Map<string, T | OpgaveFout>, invoer: readonly unknown[], f: () => T): T {
  const sleutel = invoer.map((x) => `${typeof x}:${String(x)}`).join("|");
  let uitkomst = cache.get(sleutel);
  if (uitkomst === undefined) {
    uitkomst = vang(f);
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(sleutel, uitkomst);
  }
  if (uitkomst instanceof OpgaveFout) throw uitkomst;
  return uitkomst;
}

function vang<T>(f: () => T): T | OpgaveFout {
  try {
    return f();
  } catch (e) {
    if (e instanceof OpgaveFout) return e;
    throw e;
  }
}
