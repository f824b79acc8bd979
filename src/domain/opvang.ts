/**
 * Asielopvang under the Spreidingswet (domain brief §3): which decision a figure comes from, published figures,
 * the documented estimate for gemeenten without a published figure, the amv part and scenarios.
 *
 * Estimate (aanname, "indicatief, berekend zonder SES-WOA"): for a decision whose provincial targets are known,
 * a gemeente without a published number gets its share of (province target − published numbers in the province),
 * divided over the remaining gemeenten of the province by inhabitants on 1-1-2023, rounded with the largest
 * remainder method so that the province total is exact.
 */
import type { Gemeente, OpvangBesluit, OpvangGemeente, Provincie } from "./model";
import { getal, opvangBerichten as b } from "./berichten";
import { nietBeschikbaar, ongeldig } from "./fouten";
import { binnen, GRENZEN } from "./grenzen";
import { naamSleutel } from "./namen";
import type { Register } from "./register";

export type OpvangSoort = "totaal" | "amv";
export type OpvangHerkomst = "gepubliceerd" | "schatting" | "scenario";

export interface OpvangCijfer {
  readonly besluit: OpvangBesluit;
  readonly soort: OpvangSoort;
  readonly aantal: number;
  readonly herkomst: OpvangHerkomst;
  /** Dutch labels, most important first: how the number was obtained, conflicts, assumptions. */
  readonly toelichting: readonly string[];
  readonly bron: string;
}

/** The year whose 1 January population weighs the estimate (the classification of the 96,000 decision). */
export const SCHATTING_PEILJAAR = "2023";

export function parseSoort(invoer: string | undefined): OpvangSoort {
  if (invoer === undefined) return "totaal";
  const s = naamSleutel(invoer);
  if (s === "totaal" || s === "") return "totaal";
  if (s === "amv" || s === "alleenstaandeminderjarigevreemdelingen") return "amv";
  throw ongeldig(b.soortOngeldig(invoer));
}

/** Largest remainder: integers that sum exactly to `totaal`, proportional to the weights. */
export function verdeelNaarRato(totaal: number, gewichten: readonly number[]): number[] {
  const som = gewichten.reduce((a, w) => a + w, 0);
  if (gewichten.length === 0) return [];
  if (som <= 0) throw new Error("verdeelNaarRato: gewichten moeten samen > 0 zijn");
  const quota = gewichten.map((w) => (totaal * w) / som);
  const basis = quota.map(Math.floor);
  let rest = totaal - basis.reduce((a, x) => a + x, 0);
  const volgorde = quota
    .map((q, i) => ({ i, frac: q - Math.floor(q), w: gewichten[i] ?? 0 }))
    .sort((x, y) => y.frac - x.frac || y.w - x.w || x.i - y.i);
  for (const { i } of volgorde) {
    if (rest <= 0) break;
    basis[i] = (basis[i] ?? 0) + 1;
    rest--;
  }
  return basis;
}

export class Opvang {
  private readonly besluiten: readonly OpvangBesluit[];
  private readonly schattingCache = new Map<string, ReadonlyMap<string, number>>();
  /** decision id → gemeente code → published figure. */
  private readonly gepubliceerdIndex: ReadonlyMap<string, ReadonlyMap<string, OpvangGemeente>>;
  private readonly standaardCache = new Map<string, OpvangBesluit>();

  constructor(private readonly reg: Register) {
    // Newest first: the default is the latest decision that has a figure.
    this.besluiten = [...reg.dataset.opvangBesluiten].sort((x, y) => y.datum.localeCompare(x.datum));
    this.gepubliceerdIndex = new Map(
      this.besluiten.map((x) => [x.id, new Map(x.gemeenten.map((g) => [g.gemeente, g]))]),
    );
  }

  alleBesluiten(): readonly OpvangBesluit[] {
    return this.besluiten;
  }

  besluit(invoer: string): OpvangBesluit {
    const s = naamSleutel(invoer);
    const gevonden = this.besluiten.find(
      (x) =>
        naamSleutel(x.id) === s || x.aliassen.some((a) => naamSleutel(a) === s) || naamSleutel(x.naam) === s,
    );
    if (!gevonden)
      throw ongeldig(
        b.besluitOnbekend(
          invoer,
          this.besluiten.map((x) => `${x.id} (${x.naam})`),
        ),
      );
    return gevonden;
  }

  /** Estimates for every current gemeente without a published figure, per decision (computed once). */
  schattingen(besluit: OpvangBesluit): ReadonlyMap<string, number> {
    const klaar = this.schattingCache.get(besluit.id);
    if (klaar) return klaar;
    const uitkomst = new Map<string, number>();
    if (besluit.schattingToegestaan) {
      const gepubliceerd = new Map(besluit.gemeenten.map((g) => [g.gemeente, g.totaal]));
      const huidige = this.reg.dataset.gemeenten.filter((g) => g.tot === null);
      for (const p of besluit.provincies) {
        if (p.totaal === null) continue;
        const inProvincie = huidige.filter((g) => g.provincie === p.provincie);
        const al = inProvincie.reduce((a, g) => a + (gepubliceerd.get(g.code) ?? 0), 0);
        const rest = p.totaal - al;
        const over = inProvincie.filter((g) => !gepubliceerd.has(g.code));
        if (over.length === 0) continue;
        if (rest < 0)
          throw nietBeschikbaar(
            b.schattingNegatief(this.reg.provincies.get(p.provincie)?.naam ?? p.provincie),
          );
        const aantallen = verdeelNaarRato(
          rest,
          over.map((g) => g.inwoners[SCHATTING_PEILJAAR] ?? 0),
        );
        over.forEach((g, i) => uitkomst.set(g.code, aantallen[i] ?? 0));
      }
    }
    this.schattingCache.set(besluit.id, uitkomst);
    return uitkomst;
  }

  private gepubliceerd(besluit: OpvangBesluit, g: Gemeente): OpvangGemeente | undefined {
    return this.gepubliceerdIndex.get(besluit.id)?.get(g.code);
  }

  /** The default decision for a gemeente: the latest with a published figure, else the latest with an estimate. */
  standaardBesluit(g: Gemeente): OpvangBesluit {
    const klaar = this.standaardCache.get(g.code);
    if (klaar) return klaar;
    const gekozen =
      this.besluiten.find((x) => this.gepubliceerd(x, g) !== undefined) ??
      this.besluiten.find((x) => this.schattingen(x).has(g.code));
    if (!gekozen) throw nietBeschikbaar(b.geenOpvangCijfer(g.naam));
    this.standaardCache.set(g.code, gekozen);
    return gekozen;
  }

  gemeente(g: Gemeente, soort: OpvangSoort, besluit?: OpvangBesluit): OpvangCijfer {
    if (g.tot !== null) throw nietBeschikbaar(b.gemeenteNietInIndeling(g.naam));
    const besl = besluit ?? this.standaardBesluit(g);
    const pub = this.gepubliceerd(besl, g);
    const toelichting: string[] = [];
    let totaal: number;
    let herkomst: OpvangHerkomst;
    let bron: string;
    if (pub) {
      totaal = pub.totaal;
      herkomst = "gepubliceerd";
      bron = pub.bron;
      toelichting.push(b.labelGepubliceerd);
      if (pub.toelichting) toelichting.push(pub.toelichting);
      for (const a of pub.alternatieven)
        toelichting.push(`andere bron noemt ${a.waarde} (niet gebruikt: ${a.reden}; ${a.bron})`);
    } else {
      const schatting = this.schattingen(besl).get(g.code);
      if (schatting === undefined) throw nietBeschikbaar(b.geenCijferGemeente(g.naam, besl.naam));
      totaal = schatting;
      herkomst = "schatting";
      bron = besl.bron;
      toelichting.push(b.labelSchatting);
    }
    if (soort === "totaal") return { besluit: besl, soort, aantal: totaal, herkomst, toelichting, bron };
    if (pub && pub.amv !== null) {
      return { besluit: besl, soort, aantal: pub.amv, herkomst, toelichting, bron };
    }
    if (besl.landelijkAmv === null || besl.landelijkTotaal === null)
      throw nietBeschikbaar(b.geenAmv(g.naam, besl.naam));
    const amv = Math.round((totaal * besl.landelijkAmv) / besl.landelijkTotaal);
    return {
      besluit: besl,
      soort,
      aantal: amv,
      herkomst,
      toelichting: [...toelichting, b.labelAmvVerhouding(besl.landelijkAmv, besl.landelijkTotaal)],
      bron,
    };
  }

  provincie(p: Provincie, soort: OpvangSoort, besluit?: OpvangBesluit): OpvangCijfer {
    const besl =
      besluit ??
      this.besluiten.find((x) => x.provincies.some((q) => q.provincie === p.code && q.totaal !== null));
    if (!besl) throw nietBeschikbaar(b.geenCijferProvincie(p.naam, "alle besluiten"));
    const rij = besl.provincies.find((q) => q.provincie === p.code);
    if (!rij || rij.totaal === null) throw nietBeschikbaar(b.geenCijferProvincie(p.naam, besl.naam));
    const toelichting = [b.labelGepubliceerd, ...(rij.toelichting ? [rij.toelichting] : [])];
    if (soort === "totaal")
      return {
        besluit: besl,
        soort,
        aantal: rij.totaal,
        herkomst: "gepubliceerd",
        toelichting,
        bron: rij.bron,
      };
    if (rij.amv !== null) {
      return {
        besluit: besl,
        soort,
        aantal: rij.amv,
        herkomst: "gepubliceerd",
        toelichting: [rij.amvToelichting ?? b.labelGepubliceerd],
        bron: rij.bron,
      };
    }
    if (besl.landelijkAmv === null || besl.landelijkTotaal === null)
      throw nietBeschikbaar(b.geenAmv(p.naam, besl.naam));
    return {
      besluit: besl,
      soort,
      aantal: Math.round((rij.totaal * besl.landelijkAmv) / besl.landelijkTotaal),
      herkomst: "schatting",
      toelichting: [b.labelAmvVerhouding(besl.landelijkAmv, besl.landelijkTotaal)],
      bron: rij.bron,
    };
  }

  /** The gemeente's share of its decision applied to another national total, rounded. */
  scenario(g: Gemeente, landelijk: number, soort: OpvangSoort, besluit?: OpvangBesluit): OpvangCijfer {
    binnen("Landelijk totaal", landelijk, GRENZEN.landelijk);
    const basis = this.gemeente(g, soort, besluit);
    const noemer = basis.besluit.landelijkTotaal;
    if (noemer === null) throw nietBeschikbaar(b.geenCijferGemeente(g.naam, basis.besluit.naam));
    return {
      ...basis,
      aantal: Math.round((basis.aantal * landelijk) / noemer),
      herkomst: "scenario",
      toelichting: [
        b.labelScenario(landelijk),
        `basis: ${getal(basis.aantal)} van ${getal(noemer)} (${basis.toelichting.join("; ")})`,
      ],
    };
  }
}

/** One line of Dutch text: the figure, which decision (with dates), how it was obtained, the source. */
export function opvangBronTekst(wie: string, c: OpvangCijfer): string {
  const besl = c.besluit;
  return (
    `${wie}, ${c.soort === "amv" ? "amv" : "opvangplaatsen"}: ${getal(c.aantal)} — ${besl.naam} ` +
    `(besluit ${besl.datum}, peildatum ${besl.peildatum}, ${besl.status}); ${c.toelichting.join("; ")}; bron: ${c.bron}`
  );
}
