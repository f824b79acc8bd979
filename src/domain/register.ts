/**
 * In-memory index of one dataset: built once, then every lookup is a Map.get.
 */
import type {
  Dataset,
  Gemeente,
  Herindeling,
  LandelijkeTaakstelling,
  OfficieleTaakstelling,
  Provincie,
} from "./model";
import { naamSleutel, naamZonderToevoeging, type Kandidaat } from "./namen";
import { dagUitCode, vergelijkDag, type Dag } from "./periode";

export class Register {
  readonly gemeenten: ReadonlyMap<string, Gemeente>;
  readonly provincies: ReadonlyMap<string, Provincie>;
  /** name key → gemeenten with that name or alias (any time). */
  readonly naamIndex: ReadonlyMap<string, readonly Gemeente[]>;
  /** name key without the bracketed distinction ("bergen") → gemeenten; used to detect ambiguity. */
  readonly basisNaamIndex: ReadonlyMap<string, readonly Gemeente[]>;
  readonly naamKandidaten: readonly Kandidaat<Gemeente>[];
  readonly provincieIndex: ReadonlyMap<string, Provincie>;
  readonly landelijk: ReadonlyMap<string, LandelijkeTaakstelling>;
  readonly officieel: ReadonlyMap<string, OfficieleTaakstelling>;
  /** Herindelingen sorted by date, newest first. */
  readonly herindelingenAflopend: readonly Herindeling[];
  /** code → the herindeling that ended it. */
  readonly einde: ReadonlyMap<string, Herindeling>;
  /** code → the herindeling that created it. */
  readonly begin: ReadonlyMap<string, Herindeling>;
  readonly periodenBereik: { readonly eerste: string; readonly laatste: string };

  constructor(readonly dataset: Dataset) {
    this.gemeenten = new Map(dataset.gemeenten.map((g) => [g.code, g]));
    this.provincies = new Map(dataset.provincies.map((p) => [p.code, p]));

    const naamIndex = new Map<string, Gemeente[]>();
    const basis = new Map<string, Gemeente[]>();
    const kandidaten: Kandidaat<Gemeente>[] = [];
    const voegToe = (index: Map<string, Gemeente[]>, sleutel: string, g: Gemeente) => {
      const lijst = index.get(sleutel) ?? [];
      if (!lijst.includes(g)) lijst.push(g);
      index.set(sleutel, lijst);
    };
    for (const g of dataset.gemeenten) {
      for (const naam of [g.naam, ...g.aliassen]) {
        const sleutel = naamSleutel(naam);
        voegToe(naamIndex, sleutel, g);
        kandidaten.push({ sleutel, waarde: g });
        const zonder = naamZonderToevoeging(naam);
        if (zonder) voegToe(basis, naamSleutel(zonder), g);
      }
    }
    this.naamIndex = naamIndex;
    this.basisNaamIndex = basis;
    this.naamKandidaten = kandidaten;

    const provincieIndex = new Map<string, Provincie>();
    for (const p of dataset.provincies) {
      provincieIndex.set(naamSleutel(p.naam), p);
      provincieIndex.set(naamSleutel(p.code), p);
    }
    // Common spellings besides the official Fryslân.
    const fryslan = dataset.provincies.find((p) => p.code === "PV21");
    if (fryslan) provincieIndex.set("friesland", fryslan);
    this.provincieIndex = provincieIndex;

    this.landelijk = new Map(dataset.landelijkeTaakstelling.map((l) => [l.periode, l]));
    this.officieel = new Map(dataset.officieleTaakstelling.map((o) => [`${o.periode}|${o.gemeente}`, o]));
    this.herindelingenAflopend = [...dataset.herindelingen].sort((a, b) => b.datum.localeCompare(a.datum));
    const einde = new Map<string, Herindeling>();
    const begin = new Map<string, Herindeling>();
    for (const h of dataset.herindelingen) {
      for (const c of h.oud) if (!h.nieuw.includes(c)) einde.set(c, h);
      for (const c of h.nieuw) {
        const g = this.gemeenten.get(c);
        if (g && g.vanaf === h.datum) begin.set(c, h);
      }
    }
    this.einde = einde;
    this.begin = begin;
    const perioden = dataset.landelijkeTaakstelling.map((l) => l.periode).sort(vergelijkPeriodeCode);
    this.periodenBereik = { eerste: perioden[0] ?? "", laatste: perioden[perioden.length - 1] ?? "" };
  }

  bestaatOp(g: Gemeente, dag: Dag): boolean {
    if (g.vanaf !== null && vergelijkDag(dagUitCode(g.vanaf), dag) > 0) return false;
    if (g.tot !== null && vergelijkDag(dagUitCode(g.tot), dag) <= 0) return false;
    return true;
  }

  gemeentenOp(dag: Dag): Gemeente[] {
    return this.dataset.gemeenten.filter((g) => this.bestaatOp(g, dag));
  }
}

function vergelijkPeriodeCode(a: string, b: string): number {
  return a.localeCompare(b, "en");
}
