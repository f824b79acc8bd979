/**
 * Asylum reception decisions (`opvangBesluiten`), cost norms (`kostenNormen`) and the Spreidingswet incentive
 * (`prikkels`) of the embedded dataset, from the CSV files in data/bronnen/.
 *
 * Pure: takes the CSV texts keyed by file name plus the already built provinces and gemeenten. Every figure comes
 * from a cell of a source file; the few judgement calls on conflicting or uncertain figures are listed explicitly
 * below (BESLISSINGEN_*), each with its reason, and the build throws when a source row no longer says what such a
 * decision assumes — so a changed source file fails the build instead of silently changing a decision.
 */
import type {
  Gemeente,
  KostenNorm,
  OpvangBesluit,
  OpvangGemeente,
  OpvangProvincie,
  Prikkel,
  Provincie,
} from "../schema";
import { geheelGetal, parseCsv, urlsUit, vereisBestand, veld, type CsvRij } from "./csv";
import { normaliseerNaam } from "./naam";

type Alternatief = OpvangGemeente["alternatieven"][number];

export const OPVANG_BESTANDEN = {
  coa2024: "coa_provinciale_opgave_1jan2024.csv",
  provincies96000: "spreidingswet_provinciale_opgave_96000.csv",
  provinciesAmv96000: "extra_spreidingswet_provinciale_amv_opgave.csv",
  gemeenten96000: "spreidingswet_indicatief_gemeenten_deels.csv",
  gemeenten96000Aanvulling: "extra_spreidingswet_indicatief_aanvulling.csv",
  verdeelbesluit2024: "extra_spreidingswet_verdeelbesluit_dec2024_deels.csv",
  raming2026: "extra_spreidingswet_raming2026_deels.csv",
  kosten: "kosten_normbedragen.csv",
  prikkel: "spreidingswet_financiele_prikkel.csv",
} as const;

const B = OPVANG_BESTANDEN;

/** The COA page with both published versions of the provincial distribution for 1-1-2024 (no URL column). */
const COA_VERDELING_URL = "https://www.coa.nl/nl/provincale-verdeling-van-opvangplekken";

/** Source metadata per file, merged into the dataset's `bronnen` (same shape as in buildDataset.ts). */
export const OPVANG_BRON_METADATA: Record<
  string,
  { titel: string; urls: string[]; peildatum?: string; urlKolom?: string }
> = {
  [B.coa2024]: {
    titel:
      "COA: provinciale opgave opvangplekken per 1-1-2024 (vóór de Spreidingswet), twee gepubliceerde versies " +
      "(A: brief 24-5-2023, 77.100 / amv 3.660; B: 75.500 / amv 5.088)",
    urls: [COA_VERDELING_URL],
    peildatum: "1-1-2024",
  },
  [B.provincies96000]: {
    titel:
      "Spreidingswet, capaciteitsraming 96.000 (Stcrt. 2024, 3320): provinciale opgave incl. amv en stand " +
      "provinciale verslagen (nov 2024)",
    urls: [],
    peildatum: "31-1-2024 / nov 2024",
    urlKolom: "bron_url",
  },
  [B.provinciesAmv96000]: {
    titel:
      "Spreidingswet 96.000: amv-deel van de provinciale opgave waar gevonden, en gerealiseerde amv-plekken",
    urls: [],
    peildatum: "nov 2024",
    urlKolom: "bron_url",
  },
  [B.gemeenten96000]: {
    titel:
      "Spreidingswet 96.000: indicatieve gemeentelijke opgave, gedeeltelijk (grote steden, Fryslân, enkele andere)",
    urls: [],
    peildatum: "31-1-2024",
    urlKolom: "bron_url",
  },
  [B.gemeenten96000Aanvulling]: {
    titel:
      "Spreidingswet 96.000: aanvullende indicatieve gemeentelijke aantallen, tweede bronnen en gemarkeerde " +
      "strijdige/onzekere waarden",
    urls: [],
    peildatum: "2024",
    urlKolom: "bron_url",
  },
  [B.verdeelbesluit2024]: {
    titel: "Spreidingswet: verdeelbesluit december 2024, gemeentelijke aantallen voor zover gemeld",
    urls: [],
    peildatum: "dec 2024 – 2025 (gedeeltelijk)",
    urlKolom: "bron_url",
  },
  [B.raming2026]: {
    titel: "Spreidingswet, tweede cyclus: capaciteitsraming 88.000 (27-2-2026), gedeeltelijke aantallen",
    urls: [],
    peildatum: "feb–mrt 2026 (gedeeltelijk)",
    urlKolom: "bron_url",
  },
  [B.kosten]: {
    titel:
      "Kosten asielopvang (COA per bewoner per jaar) en normbedragen opvang ontheemden Oekraïne (GOO/POO) per " +
      "periode",
    urls: [],
    peildatum: "2021–2025",
    urlKolom: "bron_url",
  },
  [B.prikkel]: {
    titel:
      "Spreidingswet, financiële prikkel per opvangplaats (definitieve regeling volgens nieuwsberichten; de " +
      "ontwerpbedragen uit de concept-AMvB 2023 en het wetsvoorstel 2022 in dit bestand zijn niet opgenomen)",
    urls: [],
    peildatum: "2022–2024",
    urlKolom: "bron_url",
  },
};

export interface OpvangContext {
  provincies: Provincie[];
  gemeenten: Gemeente[];
}

/** The first Spreidingswet cycle (Stcrt. 2024, 3320). */
const LANDELIJK_96000 = 96_000;
const LANDELIJK_AMV_96000 = 8_140;

/** amv share of a gemeente's number in the 96,000 cycle (domain rule; matches every published pair). */
export function amvVan96000(totaal: number): number {
  return Math.round((totaal * LANDELIJK_AMV_96000) / LANDELIJK_96000);
}

/**
 * Published figures of the 96,000 cycle that conflict between sources: which one is used and why. The build
 * checks that the sources still give exactly these two figures.
 */
const BESLISSINGEN_96000: Record<
  string,
  { gebruikt: number; alternatief: number; redenAlternatief: string; toelichting: string }
> = {
  GM0377: {
    // Bloemendaal: 172 in spreidingswet_indicatief_gemeenten_deels.csv, 169 (amv 14) in the aanvulling.
    gebruikt: 169,
    alternatief: 172,
    redenAlternatief:
      "Eén bron (Binnenlands Bestuur via welingelichtekringen) en niet in overeenstemming met het gepubliceerde " +
      "amv-aantal 14: round(172 × 8140/96000) = 15, round(169 × 8140/96000) = 14.",
    toelichting:
      "169 in twee bronnen (NH Nieuws; RTL 'eerste berekening'), met gepubliceerd amv-aantal 14 = " +
      "round(169 × 8140/96000); 172 (één bron) staat bij de alternatieven.",
  },
};

/** "163 (of 157)": the first number is the source's figure, the second an alternative reading in the same source. */
const REDEN_OF_WAARDE =
  "De bron zelf noemt het eerste getal als het aantal en dit getal als alternatieve lezing.";

/** Verdeelbesluit figures marked STRIJDIG: why the row's own figure is used and the other one is not. */
const REDENEN_STRIJDIG_VERDEELBESLUIT: Record<string, string> = {
  GM0344:
    "Later artikel (DUIC, juni 2025) dat 1.943 noemt; 1946 is het aantal dat bij het verdeelbesluit zelf is " +
    "gemeld (DUIC, december 2024).",
};

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

function uniekeUrls(...teksten: string[]): string {
  const urls: string[] = [];
  for (const t of teksten) for (const u of urlsUit(t)) if (!urls.includes(u)) urls.push(u);
  return urls.join(" ; ");
}

function metPunt(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

class Verwijzingen {
  private readonly provincieOpNaam = new Map<string, string>();
  private readonly provincieCodes: Set<string>;
  private readonly huidig = new Map<string, Gemeente>();

  constructor(ctx: OpvangContext) {
    for (const p of ctx.provincies) this.provincieOpNaam.set(normaliseerNaam(p.naam), p.code);
    // COA writes "Friesland" for Fryslân.
    const fryslan = this.provincieOpNaam.get(normaliseerNaam("Fryslân"));
    if (fryslan) this.provincieOpNaam.set("friesland", fryslan);
    this.provincieCodes = new Set(ctx.provincies.map((p) => p.code));
    for (const g of ctx.gemeenten) if (g.tot === null) this.huidig.set(g.code, g);
  }

  provincie(naam: string, waar: string): string {
    const code = this.provincieOpNaam.get(normaliseerNaam(naam));
    if (!code) throw new Error(`${waar}: onbekende provincie '${naam}'`);
    return code;
  }

  provincieCode(code: string, waar: string): string {
    if (!this.provincieCodes.has(code)) throw new Error(`${waar}: onbekende provinciecode '${code}'`);
    return code;
  }

  /**
   * A current gemeente by code. When the row carries a name, it must be the CBS name or an alias of that code
   * (a bracketed addition such as "'s-Gravenhage (Den Haag)" may be either); names are only checked, never used.
   */
  gemeente(code: string, naam: string | undefined, waar: string): Gemeente {
    const g = this.huidig.get(code.trim());
    if (!g) throw new Error(`${waar}: ${code} is geen huidige gemeente`);
    if (naam !== undefined) {
      const bekend = new Set([g.naam, ...g.aliassen].map(normaliseerNaam));
      const m = /^(.*?)\s*\((.*)\)$/.exec(naam.trim());
      const varianten = m ? [naam, m[1]!, m[2]!] : [naam];
      if (!varianten.some((v) => bekend.has(normaliseerNaam(v)))) {
        throw new Error(`${waar}: naam '${naam}' hoort niet bij ${code} (${g.naam})`);
      }
    }
    return g;
  }
}

function sorteerGemeenten(gs: OpvangGemeente[]): OpvangGemeente[] {
  return [...gs].sort((a, b) => (a.gemeente < b.gemeente ? -1 : a.gemeente > b.gemeente ? 1 : 0));
}

function sorteerProvincies(ps: OpvangProvincie[]): OpvangProvincie[] {
  return [...ps].sort((a, b) => (a.provincie < b.provincie ? -1 : a.provincie > b.provincie ? 1 : 0));
}

function geenDubbeleGemeenten(gs: OpvangGemeente[], waar: string): void {
  const gezien = new Set<string>();
  for (const g of gs) {
    if (gezien.has(g.gemeente)) throw new Error(`${waar}: ${g.gemeente} dubbel`);
    gezien.add(g.gemeente);
  }
}

/** Published gemeente numbers in a province may not exceed that province's target (where it is known). */
function controleerProvincieSommen(besluit: OpvangBesluit, ctx: OpvangContext): void {
  const provincieVan = new Map(ctx.gemeenten.map((g) => [g.code, g.provincie]));
  for (const p of besluit.provincies) {
    if (p.totaal === null) continue;
    const som = besluit.gemeenten
      .filter((g) => provincieVan.get(g.gemeente) === p.provincie)
      .reduce((s, g) => s + g.totaal, 0);
    if (som > p.totaal) {
      throw new Error(
        `${besluit.id}: gemeenten in ${p.provincie} samen ${som} > provinciale opgave ${p.totaal}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// COA 2024 (before the Spreidingswet)
// ---------------------------------------------------------------------------------------------------------------

function bouwCoa2024(files: Record<string, string>, ref: Verwijzingen): OpvangBesluit[] {
  const b = B.coa2024;
  const rijen = parseCsv(vereisBestand(files, b), b, [
    "provincie",
    "versie_A_totaal_incl_amv",
    "versie_A_amv",
    "versie_B_totaal_incl_amv",
    "versie_B_amv",
  ]);
  const totaalRijen = rijen.filter((r) => veld(r, "provincie", b).trim() === "Totaal");
  if (totaalRijen.length !== 1) throw new Error(`${b}: verwacht één rij 'Totaal'`);
  const totaalRij = totaalRijen[0]!;
  const provRijen = rijen.filter((r) => r !== totaalRij);
  if (provRijen.length !== 12) throw new Error(`${b}: verwacht 12 provincies, gevonden ${provRijen.length}`);

  const versie = (
    v: "A" | "B",
    id: string,
    naam: string,
    aliassen: string[],
    extraOpmerkingen: string[],
  ): OpvangBesluit => {
    const kTotaal = `versie_${v}_totaal_incl_amv`;
    const kAmv = `versie_${v}_amv`;
    const provincies: OpvangProvincie[] = provRijen.map((r) => {
      const naamP = veld(r, "provincie", b);
      return {
        provincie: ref.provincie(naamP, `${b} ${naamP}`),
        totaal: geheelGetal(veld(r, kTotaal, b), `${b} ${naamP} ${kTotaal}`),
        amv: geheelGetal(veld(r, kAmv, b), `${b} ${naamP} ${kAmv}`),
        amvToelichting: "gepubliceerd",
        bron: COA_VERDELING_URL,
      };
    });
    if (new Set(provincies.map((p) => p.provincie)).size !== 12) throw new Error(`${b}: provincie dubbel`);
    const landelijkTotaal = geheelGetal(veld(totaalRij, kTotaal, b), `${b} Totaal ${kTotaal}`);
    const landelijkAmv = geheelGetal(veld(totaalRij, kAmv, b), `${b} Totaal ${kAmv}`);
    const somTotaal = provincies.reduce((s, p) => s + p.totaal!, 0);
    const somAmv = provincies.reduce((s, p) => s + p.amv!, 0);
    const opmerkingen = [
      "Verdeling vóór de Spreidingswet, alleen per provincie (geen gemeentelijke aantallen).",
      ...extraOpmerkingen,
    ];
    if (somTotaal !== landelijkTotaal || somAmv !== landelijkAmv) {
      opmerkingen.push(
        `De provinciale aantallen tellen op tot ${metPunt(somTotaal)} (amv ${metPunt(somAmv)}), het ` +
          `gepubliceerde totaal is ${metPunt(landelijkTotaal)} (amv ${metPunt(landelijkAmv)}). Zo gepubliceerd ` +
          `door het COA; beide ongewijzigd overgenomen, het verschil is niet verklaard in de bronnen.`,
      );
    }
    return {
      id,
      naam,
      aliassen,
      datum: "2023-05-24",
      peildatum: "2024-01-01",
      landelijkTotaal,
      landelijkAmv,
      schattingToegestaan: false,
      status: "historisch (voor de Spreidingswet)",
      bron: COA_VERDELING_URL,
      provincies: sorteerProvincies(provincies),
      gemeenten: [],
      opmerkingen,
    };
  };

  return [
    versie(
      "A",
      "coa-2024-a",
      "COA-verdeling opvangplekken per provincie per 1-1-2024, versie A (brief 24-5-2023; 77.100)",
      ["coa-a", "77100", "77.100"],
      ["Datum: de brief van 24-5-2023 waarmee deze verdeling is gecommuniceerd."],
    ),
    versie(
      "B",
      "coa-2024-b",
      "COA-verdeling opvangplekken per provincie per 1-1-2024, versie B (latere versie; 75.500)",
      ["coa-b", "75500", "75.500"],
      [
        "De exacte datum van versie B staat niet in de bronnen (alleen dat het een latere versie van de " +
          "COA-pagina is); daarom dezelfde datum als versie A (24-5-2023).",
      ],
    ),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Spreidingswet, first cycle: 96,000
// ---------------------------------------------------------------------------------------------------------------

function bouwProvincies96000(
  files: Record<string, string>,
  ref: Verwijzingen,
): { provincies: OpvangProvincie[]; bron: string; opmerkingen: string[] } {
  const b = B.provincies96000;
  const rijen = parseCsv(vereisBestand(files, b), b, [
    "provincie",
    "opgave_opvangplaatsen_incl_amv",
    "waarvan_amv",
    "stand_provinciaal_verslag_nov2024",
    "toelichting",
    "bron_url",
  ]);
  const isTotaal = (r: CsvRij) => /^TOTAAL/.test(veld(r, "provincie", b).trim());
  const totaalRijen = rijen.filter(isTotaal);
  if (totaalRijen.length !== 1) throw new Error(`${b}: verwacht één TOTAAL-rij`);
  const totaalRij = totaalRijen[0]!;
  const provRijen = rijen.filter((r) => !isTotaal(r));

  const ba = B.provinciesAmv96000;
  const amvRijen = parseCsv(vereisBestand(files, ba), ba, [
    "provincie",
    "opgave_totaal_96000",
    "amv_opgave",
    "amv_gerealiseerd_nov2024",
    "status",
    "bron_url",
    "opmerking",
  ]);
  const isTotaalAmv = (r: CsvRij) => /^TOTAAL/.test(veld(r, "provincie", ba).trim());
  const amvTotaalRijen = amvRijen.filter(isTotaalAmv);
  if (amvTotaalRijen.length !== 1) throw new Error(`${ba}: verwacht één TOTAAL-rij`);
  const amvPerCode = new Map<string, CsvRij>();
  for (const r of amvRijen) {
    if (isTotaalAmv(r)) continue;
    const code = ref.provincie(veld(r, "provincie", ba), ba);
    if (amvPerCode.has(code)) throw new Error(`${ba}: ${code} dubbel`);
    amvPerCode.set(code, r);
  }

  const provincies: OpvangProvincie[] = provRijen.map((r) => {
    const naam = veld(r, "provincie", b);
    const waar = `${b} ${naam}`;
    const code = ref.provincie(naam, waar);
    const totaal = geheelGetal(veld(r, "opgave_opvangplaatsen_incl_amv", b), waar);
    const amvHier = veld(r, "waarvan_amv", b).trim();
    const a = amvPerCode.get(code);
    let amv: number | null = amvHier === "" ? null : geheelGetal(amvHier, `${waar} waarvan_amv`);
    let amvToelichting: string | undefined = amv === null ? undefined : "gepubliceerd";
    const toelichting: string[] = [];
    const stand = veld(r, "stand_provinciaal_verslag_nov2024", b).trim();
    // Column "stand_provinciaal_verslag_nov2024"; some cells quote later reports (e.g. Utrecht, June 2025).
    if (stand !== "")
      toelichting.push(`Stand realisatie (provinciaal verslag nov 2024 of later bericht): ${stand}`);
    const eigen = veld(r, "toelichting", b).trim();
    if (eigen !== "") toelichting.push(eigen);
    const bronnen = [veld(r, "bron_url", b)];
    if (a) {
      const wa = `${ba} ${naam}`;
      if (geheelGetal(veld(a, "opgave_totaal_96000", ba), wa) !== totaal)
        throw new Error(`${wa}: opgave_totaal_96000 ≠ ${totaal} in ${b}`);
      const amvTekst = veld(a, "amv_opgave", ba).trim();
      const status = veld(a, "status", ba).trim();
      const opmerking = veld(a, "opmerking", ba).trim();
      if (amvTekst !== "") {
        const amvDaar = geheelGetal(amvTekst, `${wa} amv_opgave`);
        if (amv !== null && amv !== amvDaar) throw new Error(`${wa}: amv ${amvDaar} ≠ ${amv} in ${b}`);
        if (amv === null && status === "AFGELEID") {
          // "1247 = 1264 gerealiseerd - 17 (...)": the derivation must hold.
          const m = /^(\d+) = ((\d+) gerealiseerd - (\d+).*)$/.exec(opmerking);
          if (!m || Number(m[1]) !== amvDaar || Number(m[3]) - Number(m[4]) !== amvDaar)
            throw new Error(`${wa}: afleiding van amv ${amvDaar} niet te controleren ('${opmerking}')`);
          amvToelichting = `afgeleid: ${m[2]!.replace(" - ", " − ")} (ANP)`;
        } else {
          amvToelichting = "gepubliceerd";
        }
        amv = amvDaar;
      }
      const gerealiseerd = veld(a, "amv_gerealiseerd_nov2024", ba).trim();
      if (gerealiseerd !== "" && !toelichting.includes(gerealiseerd))
        toelichting.push(`amv gerealiseerd (nov 2024): ${gerealiseerd}`);
      if (opmerking !== "" && status !== "AFGELEID") toelichting.push(opmerking);
      if (amvTekst !== "" || gerealiseerd !== "" || opmerking !== "") bronnen.push(veld(a, "bron_url", ba));
    }
    return {
      provincie: code,
      totaal,
      amv,
      ...(amvToelichting ? { amvToelichting } : {}),
      bron: uniekeUrls(...bronnen),
      ...(toelichting.length > 0 ? { toelichting: toelichting.join("; ") } : {}),
    };
  });
  if (provincies.length !== 12 || new Set(provincies.map((p) => p.provincie)).size !== 12)
    throw new Error(`${b}: verwacht 12 verschillende provincies`);

  const som = provincies.reduce((s, p) => s + p.totaal!, 0);
  const somTekst = geheelGetal(veld(totaalRij, "opgave_opvangplaatsen_incl_amv", b), `${b} TOTAAL`);
  if (som !== somTekst) throw new Error(`${b}: som provincies ${som} ≠ TOTAAL ${somTekst}`);
  const amvLandelijk = /^(\d+) \(landelijk\)$/.exec(veld(totaalRij, "waarvan_amv", b).trim());
  if (!amvLandelijk || Number(amvLandelijk[1]) !== LANDELIJK_AMV_96000)
    throw new Error(`${b}: TOTAAL waarvan_amv is niet '${LANDELIJK_AMV_96000} (landelijk)'`);
  const totaalToelichting = veld(totaalRij, "toelichting", b);
  if (
    !totaalToelichting.includes(metPunt(LANDELIJK_96000)) ||
    !totaalToelichting.includes(metPunt(LANDELIJK_AMV_96000))
  )
    throw new Error(`${b}: TOTAAL-toelichting noemt niet ${LANDELIJK_96000} / ${LANDELIJK_AMV_96000}`);

  const amvTotaal = amvTotaalRijen[0]!;
  const amvGevonden = provincies.filter((p) => p.amv !== null).length;
  const opmerkingen = [
    `De 12 provinciale opgaven tellen op tot ${metPunt(som)}, niet ${metPunt(LANDELIJK_96000)}: de provinciale ` +
      `opgave is de som van de afgeronde gemeentelijke indicaties.`,
    `amv-deel per provincie gevonden voor ${amvGevonden} van de 12 provincies; volgens ANP tellen de ` +
      `provinciale amv-opgaven op tot ${veld(amvTotaal, "amv_opgave", ba).trim()} (landelijk ` +
      `${metPunt(LANDELIJK_AMV_96000)}), wat ook op afronding per gemeente wijst.`,
  ];
  return { provincies: sorteerProvincies(provincies), bron: veld(totaalRij, "bron_url", b), opmerkingen };
}

/** A figure in the 96.000 file for several gemeenten together (derived, not published; see `verklaarAfgeleid96000`). */
interface Afgeleid96000 {
  codes: string[];
  naam: string;
  waarde: string;
  bron: string;
}

/** The published indicative figures per gemeente (file gemeenten96000): by code, plus the derived combined rows. */
function leesGemeenten96000(
  files: Record<string, string>,
  ref: Verwijzingen,
): { perCode: Map<string, OpvangGemeente>; afgeleid: Afgeleid96000[] } {
  const b = B.gemeenten96000;
  const rijen = parseCsv(vereisBestand(files, b), b, [
    "gm_code",
    "gemeente",
    "indicatieve_opgave_96000",
    "bron_url",
  ]);
  const perCode = new Map<string, OpvangGemeente>();
  const afgeleid: Afgeleid96000[] = [];
  let vorigeBron = "";
  for (const r of rijen) {
    const code = veld(r, "gm_code", b).trim();
    const naam = veld(r, "gemeente", b);
    const waar = `${b} ${code} ${naam}`;
    let bron = veld(r, "bron_url", b).trim();
    if (bron === "idem") {
      if (vorigeBron === "") throw new Error(`${waar}: 'idem' zonder vorige bron`);
      bron = vorigeBron;
    }
    vorigeBron = bron;
    const waarde = veld(r, "indicatieve_opgave_96000", b).trim();
    if (code.includes("+")) {
      // A derived figure for several gemeenten together: not a published number (checked below).
      afgeleid.push({ codes: code.split("+").map((c) => c.trim()), naam, waarde, bron });
      continue;
    }
    ref.gemeente(code, naam, waar);
    if (perCode.has(code)) throw new Error(`${waar}: dubbel`);
    const alternatieven: Alternatief[] = [];
    let totaal: number;
    const of = /^(\d+) \(of (\d+)\)$/.exec(waarde);
    if (of) {
      totaal = Number(of[1]);
      alternatieven.push({ waarde: of[2]!, bron, reden: REDEN_OF_WAARDE });
    } else {
      totaal = geheelGetal(waarde, waar);
    }
    perCode.set(code, { gemeente: code, totaal, amv: null, bron, alternatieven });
  }
  return { perCode, afgeleid };
}

/** A STRIJDIG row: two sources disagree; BESLISSINGEN_96000 says which figure is used and why. */
function beslisStrijdig96000(
  waar: string,
  code: string,
  bestaand: OpvangGemeente | undefined,
  rij: { totaal: number; amv: number | null; bron: string },
): OpvangGemeente {
  const beslissing = BESLISSINGEN_96000[code];
  if (!beslissing) throw new Error(`${waar}: STRIJDIG zonder beslissing in BESLISSINGEN_96000`);
  if (!bestaand) throw new Error(`${waar}: STRIJDIG maar niet in ${B.gemeenten96000}`);
  const { totaal, amv, bron } = rij;
  const paar = [bestaand.totaal, totaal].sort((x, y) => x - y);
  const verwacht = [beslissing.gebruikt, beslissing.alternatief].sort((x, y) => x - y);
  if (paar[0] !== verwacht[0] || paar[1] !== verwacht[1])
    throw new Error(
      `${waar}: bronnen geven ${paar.join("/")}, beslissing gaat uit van ${verwacht.join("/")}`,
    );
  const [gebruiktBron, alternatiefBron] =
    totaal === beslissing.gebruikt ? [bron, bestaand.bron] : [bestaand.bron, bron];
  return {
    gemeente: code,
    totaal: beslissing.gebruikt,
    amv: totaal === beslissing.gebruikt ? amv : null,
    bron: gebruiktBron,
    toelichting: beslissing.toelichting,
    alternatieven: [
      ...bestaand.alternatieven,
      {
        waarde: String(beslissing.alternatief),
        bron: alternatiefBron,
        reden: beslissing.redenAlternatief,
      },
    ],
  };
}

/**
 * The supplement (file gemeenten96000Aanvulling), applied to `perCode`: ONZEKER rows become remarks, STRIJDIG
 * rows are decided (BESLISSINGEN_96000, every decision must be used), confirmed rows add a source or a figure.
 */
function verwerkAanvulling96000(
  files: Record<string, string>,
  ref: Verwijzingen,
  perCode: Map<string, OpvangGemeente>,
  opmerkingen: string[],
): void {
  const b = B.gemeenten96000;
  const ba = B.gemeenten96000Aanvulling;
  const aanvulling = parseCsv(vereisBestand(files, ba), ba, [
    "gm_code",
    "gemeente",
    "provincie",
    "indicatieve_opgave_96000",
    "waarvan_amv",
    "status",
    "bron_url",
    "opmerking",
  ]);
  const beslist = new Set<string>();
  for (const r of aanvulling) {
    const code = veld(r, "gm_code", ba).trim();
    const naam = veld(r, "gemeente", ba);
    const waar = `${ba} ${code} ${naam}`;
    const g = ref.gemeente(code, naam, waar);
    if (ref.provincie(veld(r, "provincie", ba), waar) !== g.provincie)
      throw new Error(`${waar}: provincie wijkt af van ${g.provincie}`);
    const status = veld(r, "status", ba).trim();
    const waarde = veld(r, "indicatieve_opgave_96000", ba).trim();
    const bron = veld(r, "bron_url", ba).trim();
    const amvTekst = veld(r, "waarvan_amv", ba).trim();
    const bestaand = perCode.get(code);

    if (status === "ONZEKER") {
      if (bestaand) throw new Error(`${waar}: ONZEKER maar al gepubliceerd aantal ${bestaand.totaal}`);
      opmerkingen.push(
        `Niet opgenomen (in de bron gemarkeerd als ONZEKER, geen gepubliceerd indicatief aantal): ${g.naam} ` +
          `(${code}) '${waarde}' — ${veld(r, "opmerking", ba).trim().replace(/\.?$/, ".")} Bron: ${bron}`,
      );
      continue;
    }
    const totaal = geheelGetal(waarde, waar);
    const amv = amvTekst === "" ? null : geheelGetal(amvTekst, `${waar} waarvan_amv`);
    if (status === "STRIJDIG") {
      perCode.set(code, beslisStrijdig96000(waar, code, bestaand, { totaal, amv, bron }));
      beslist.add(code);
      continue;
    }
    if (!/^bevestigd/.test(status)) throw new Error(`${waar}: onbekende status '${status}'`);
    if (/2e bron/.test(status) && !bestaand) throw new Error(`${waar}: tweede bron, maar niet in ${b}`);
    if (bestaand) {
      // A second source for a figure already published: same number, adds its URL and a published amv.
      if (bestaand.totaal !== totaal)
        throw new Error(`${waar}: bevestigt ${totaal}, maar ${b} geeft ${bestaand.totaal}`);
      if (amv !== null && bestaand.amv !== null && amv !== bestaand.amv)
        throw new Error(`${waar}: amv wijkt af`);
      bestaand.bron = uniekeUrls(bestaand.bron, bron);
      bestaand.amv = amv ?? bestaand.amv;
      bestaand.toelichting =
        "Bevestigd door een tweede bron" + (amv !== null ? ", die ook het amv-aantal noemt." : ".");
      continue;
    }
    perCode.set(code, { gemeente: code, totaal, amv, bron, alternatieven: [] });
  }
  for (const code of Object.keys(BESLISSINGEN_96000)) {
    if (!beslist.has(code)) throw new Error(`BESLISSINGEN_96000: ${code} komt niet (meer) als STRIJDIG voor`);
  }
}

/** The derived combined figures: each is checked and explained (first in `opmerkingen`) as not used. */
function verklaarAfgeleid96000(
  afgeleid: Afgeleid96000[],
  ref: Verwijzingen,
  provincies: OpvangProvincie[],
  gemeenten: OpvangGemeente[],
  opmerkingen: string[],
): void {
  const b = B.gemeenten96000;
  const gepubliceerd = new Set(gemeenten.map((g) => g.gemeente));
  for (const a of afgeleid) {
    const gs = a.codes.map((c) => ref.gemeente(c, undefined, `${b} ${a.codes.join("+")}`));
    const provincie = gs[0]!.provincie;
    if (gs.some((g) => g.provincie !== provincie || gepubliceerd.has(g.code)))
      throw new Error(`${b} ${a.codes.join("+")}: codes niet in één provincie of al gepubliceerd`);
    const m = /^(\d+) \(= (\d+) - som overige (\d+); afgeleid\)$/.exec(a.waarde);
    const prov = provincies.find((p) => p.provincie === provincie);
    const overige = gemeenten.filter((g) => ref.gemeente(g.gemeente, undefined, b).provincie === provincie);
    const somOverige = overige.reduce((s, g) => s + g.totaal, 0);
    if (
      !m ||
      !prov ||
      Number(m[2]) !== prov.totaal ||
      Number(m[3]) !== overige.length ||
      Number(m[1]) !== prov.totaal - somOverige
    ) {
      throw new Error(`${b} ${a.codes.join("+")}: afgeleide waarde '${a.waarde}' klopt niet`);
    }
    opmerkingen.unshift(
      `Niet opgenomen als gemeentelijke aantallen: ${gs.map((g) => `${g.naam} (${g.code})`).join(", ")} samen ` +
        `${m[1]} — afgeleid (provinciale opgave ${m[2]} min de ${m[3]} gepubliceerde aantallen in de provincie), ` +
        `geen gepubliceerd aantal per gemeente.`,
    );
  }
}

/** The gemeenten of the 96.000 decision: published figures, supplement and decisions applied, amv checked. */
function bouwGemeenten96000(
  files: Record<string, string>,
  ref: Verwijzingen,
  provincies: OpvangProvincie[],
): { gemeenten: OpvangGemeente[]; opmerkingen: string[] } {
  const opmerkingen: string[] = [];
  const { perCode, afgeleid } = leesGemeenten96000(files, ref);
  verwerkAanvulling96000(files, ref, perCode, opmerkingen);
  const gemeenten = sorteerGemeenten([...perCode.values()]);
  for (const g of gemeenten) {
    if (g.amv !== null && g.amv !== amvVan96000(g.totaal))
      throw new Error(`${g.gemeente}: amv ${g.amv} ≠ round(${g.totaal} × 8140/96000)`);
  }
  verklaarAfgeleid96000(afgeleid, ref, provincies, gemeenten, opmerkingen);
  return { gemeenten, opmerkingen };
}

function bouwSpreidingswet96000(
  files: Record<string, string>,
  ref: Verwijzingen,
  ctx: OpvangContext,
): OpvangBesluit {
  const p = bouwProvincies96000(files, ref);
  const g = bouwGemeenten96000(files, ref, p.provincies);
  const besluit: OpvangBesluit = {
    id: "spreidingswet-96000",
    naam: "Capaciteitsraming 96.000 opvangplekken per 1-1-2025 (Stcrt. 2024, 3320)",
    aliassen: ["96000", "96.000", "2025", "spreidingswet"],
    datum: "2024-01-31",
    peildatum: "2025-01-01",
    landelijkTotaal: LANDELIJK_96000,
    landelijkAmv: LANDELIJK_AMV_96000,
    schattingToegestaan: true,
    status: "indicatief (Spreidingswet, eerste cyclus)",
    bron: p.bron,
    provincies: p.provincies,
    gemeenten: g.gemeenten,
    opmerkingen: [
      ...p.opmerkingen,
      `Gepubliceerde indicatieve aantallen gevonden voor ${g.gemeenten.length} gemeenten; voor de overige ` +
        `gemeenten is geen officieel aantal gevonden.`,
      ...g.opmerkingen,
    ],
  };
  controleerProvincieSommen(besluit, ctx);
  return besluit;
}

// ---------------------------------------------------------------------------------------------------------------
// Verdeelbesluit December 2024
// ---------------------------------------------------------------------------------------------------------------

function bouwVerdeelbesluit2024(
  files: Record<string, string>,
  ref: Verwijzingen,
  ctx: OpvangContext,
  indicatief: OpvangBesluit,
): OpvangBesluit {
  const b = B.verdeelbesluit2024;
  const rijen = parseCsv(vereisBestand(files, b), b, [
    "gm_code",
    "gemeente",
    "provincie",
    "verdeelbesluit_opgave",
    "verdeelbesluit_amv",
    "eerder_indicatief_totaal_amv",
    "bron_url",
    "bron_datum",
    "opmerking",
  ]);
  const gemeenten: OpvangGemeente[] = [];
  const opmerkingen: string[] = [
    "De exacte datum van het verdeelbesluit staat niet in de bronnen; de maand (december 2024) volgt uit de " +
      "berichtgeving, daarom 1-12-2024.",
    "Peildatum 1-7-2025: de datum waarop de taakstelling volgens de berichtgeving over de gemeente Utrecht (DUIC, " +
      "juni 2025: 'niet voor 1 juli') en Baarn ('taakstelling vanuit het Rijk per 1-7-2025') gerealiseerd moet zijn.",
    `Landelijk totaal ${metPunt(LANDELIJK_96000)}: het verdeelbesluit verdeelt dezelfde capaciteitsraming als ` +
      `'spreidingswet-96000'; een landelijk amv-aantal bij het besluit staat niet in de bronnen.`,
    "Alleen de aantallen van enkele gemeenten zijn gemeld; geen provinciale aantallen. De gemelde amv-aantallen " +
      "in het verdeelbesluit volgen niet de regel round(totaal × 8140/96000) van de indicatieve verdeling.",
  ];
  for (const r of rijen) {
    const code = veld(r, "gm_code", b).trim();
    const naam = veld(r, "gemeente", b);
    const waar = `${b} ${code} ${naam}`;
    const waarde = veld(r, "verdeelbesluit_opgave", b).trim();
    const opmerking = veld(r, "opmerking", b).trim();
    const bron = veld(r, "bron_url", b).trim();
    if (/^PV\d{2}$/.test(code)) {
      ref.provincieCode(code, waar);
      opmerkingen.push(
        `${naam}: ${waarde} plekken (${veld(r, "bron_datum", b).trim()}); ${opmerking}. Geen aantallen per ` +
          `gemeente, daarom niet opgenomen. Bron: ${bron}`,
      );
      continue;
    }
    const g = ref.gemeente(code, naam, waar);
    if (ref.provincie(veld(r, "provincie", b), waar) !== g.provincie)
      throw new Error(`${waar}: provincie wijkt af van ${g.provincie}`);
    if (/^ONZEKER/.test(opmerking)) {
      opmerkingen.push(
        `Niet opgenomen (in de bron gemarkeerd als ONZEKER): ${g.naam} (${code}) '${waarde}' — ` +
          `${opmerking.replace(/^ONZEKER:\s*/, "")}. Bron: ${bron}`,
      );
      continue;
    }
    const totaal = geheelGetal(waarde, waar);
    const amvTekst = veld(r, "verdeelbesluit_amv", b).trim();
    const amv = amvTekst === "" ? null : geheelGetal(amvTekst, `${waar} verdeelbesluit_amv`);
    const toelichting: string[] = [];
    const alternatieven: Alternatief[] = [];
    if (/^STRIJDIG/.test(opmerking)) {
      const m = /noemt ([\d.]+) \((https?:\/\/[^)\s]+)\)/.exec(opmerking);
      const reden = REDENEN_STRIJDIG_VERDEELBESLUIT[code];
      if (!m || !reden) throw new Error(`${waar}: STRIJDIG zonder herkenbaar alternatief of reden`);
      alternatieven.push({ waarde: m[1]!.replace(/\./g, ""), bron: m[2]!, reden });
    } else if (opmerking !== "") {
      toelichting.push(opmerking.replace(/^\d+ = /, "= "));
    }
    // The earlier indicative figure ("2513 / 213" or "250") must be the one in spreidingswet-96000.
    const eerder = veld(r, "eerder_indicatief_totaal_amv", b).trim();
    if (eerder !== "") {
      const m = /^(\d+)(?: \/ (\d+))?$/.exec(eerder);
      const ind = indicatief.gemeenten.find((x) => x.gemeente === code);
      if (!m || !ind || ind.totaal !== Number(m[1]) || (m[2] !== undefined && ind.amv !== Number(m[2])))
        throw new Error(`${waar}: eerder indicatief '${eerder}' ≠ spreidingswet-96000`);
      toelichting.push(
        `eerder indicatief (96.000): ${m[1]}` + (m[2] !== undefined ? `, waarvan amv ${m[2]}` : ""),
      );
    }
    gemeenten.push({
      gemeente: code,
      totaal,
      amv,
      bron,
      ...(toelichting.length > 0 ? { toelichting: toelichting.join("; ") } : {}),
      alternatieven,
    });
  }
  for (const g of gemeenten) {
    if (g.amv !== null && g.amv === amvVan96000(g.totaal))
      throw new Error(
        `${b} ${g.gemeente}: amv volgt nu wél round(totaal × 8140/96000); pas de opmerking aan`,
      );
  }
  for (const code of Object.keys(REDENEN_STRIJDIG_VERDEELBESLUIT)) {
    if (!gemeenten.some((g) => g.gemeente === code && g.alternatieven.length > 0))
      throw new Error(`REDENEN_STRIJDIG_VERDEELBESLUIT: ${code} komt niet (meer) als STRIJDIG voor`);
  }
  const besluit: OpvangBesluit = {
    id: "verdeelbesluit-2024-12",
    naam: "Verdeelbesluit december 2024 (gedeeltelijk bekend)",
    aliassen: ["verdeelbesluit", "dec2024", "2024-12"],
    datum: "2024-12-01",
    peildatum: "2025-07-01",
    landelijkTotaal: LANDELIJK_96000,
    landelijkAmv: null,
    schattingToegestaan: false,
    status: "bindend, gedeeltelijk gepubliceerd",
    bron: uniekeUrls(...rijen.map((r) => veld(r, "bron_url", b))),
    provincies: [],
    gemeenten: sorteerGemeenten(gemeenten),
    opmerkingen,
  };
  geenDubbeleGemeenten(besluit.gemeenten, b);
  controleerProvincieSommen(besluit, ctx);
  return besluit;
}

// ---------------------------------------------------------------------------------------------------------------
// Second cycle: 88,000
// ---------------------------------------------------------------------------------------------------------------

function bouwRaming88000(
  files: Record<string, string>,
  ref: Verwijzingen,
  ctx: OpvangContext,
): OpvangBesluit {
  const b = B.raming2026;
  const rijen = parseCsv(vereisBestand(files, b), b, [
    "code",
    "regio",
    "provincie",
    "indicatieve_opgave_88000",
    "toelichting_aantal",
    "bron_url",
    "bron_datum",
    "opmerking",
  ]);
  const nl = rijen.filter((r) => veld(r, "code", b).trim() === "NL");
  if (nl.length !== 1) throw new Error(`${b}: verwacht één rij NL`);
  const nlRij = nl[0]!;
  const landelijkTotaal = geheelGetal(veld(nlRij, "indicatieve_opgave_88000", b), `${b} NL`);
  const datum = veld(nlRij, "bron_datum", b).trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(datum)) throw new Error(`${b} NL: bron_datum '${datum}'`);
  const nlOpmerking = veld(nlRij, "opmerking", b).trim();
  if (!/medio 2027/.test(nlOpmerking)) throw new Error(`${b} NL: 'medio 2027' niet meer in de opmerking`);

  const provincies: OpvangProvincie[] = [];
  const gemeenten: OpvangGemeente[] = [];
  const opmerkingen: string[] = [
    `Volgens de bron: ${nlOpmerking}.`,
    "Peildatum 1-7-2027: de bron noemt 'realisatie medio 2027'; 1 juli 2027 is gekozen als midden van het jaar.",
    "Alleen de provinciale opgave van Zuid-Holland is exact bekend; daarom geen schatting voor gemeenten zonder " +
      "gepubliceerd aantal.",
  ];
  for (const r of rijen) {
    if (r === nlRij) continue;
    const code = veld(r, "code", b).trim();
    const regio = veld(r, "regio", b);
    const waar = `${b} ${code} ${regio}`;
    const waarde = veld(r, "indicatieve_opgave_88000", b).trim();
    const toelichtingAantal = veld(r, "toelichting_aantal", b).trim();
    const bron = veld(r, "bron_url", b).trim();
    if (/^PV/.test(code)) {
      const codes = code.split("/").map((c) => ref.provincieCode(c.trim(), waar));
      if (codes.length === 1 && /^\d+$/.test(waarde)) {
        provincies.push({
          provincie: codes[0]!,
          totaal: Number(waarde),
          amv: null,
          bron,
          ...(toelichtingAantal !== "" ? { toelichting: toelichtingAantal } : {}),
        });
      } else {
        const delen = [
          waarde !== "" ? `opgave ${waarde}` : "totaal niet gevonden",
          ...(toelichtingAantal !== "" ? [toelichtingAantal] : []),
        ];
        opmerkingen.push(`${regio}: ${delen.join("; ")} (geen exact provinciaal aantal). Bron: ${bron}`);
      }
      continue;
    }
    ref.gemeente(code, regio, waar);
    gemeenten.push({
      gemeente: code,
      totaal: geheelGetal(waarde, waar),
      amv: null,
      bron,
      ...(toelichtingAantal !== "" ? { toelichting: toelichtingAantal } : {}),
      alternatieven: [],
    });
  }
  const besluit: OpvangBesluit = {
    id: "raming-88000",
    naam: "Capaciteitsraming 88.000 opvangplekken (tweede cyclus, feb 2026; gedeeltelijk bekend)",
    aliassen: ["88000", "88.000", "2026", "2027", "raming 2026"],
    datum,
    peildatum: "2027-07-01",
    landelijkTotaal,
    landelijkAmv: null,
    schattingToegestaan: false,
    status: "indicatief, gedeeltelijk gepubliceerd",
    bron: uniekeUrls(veld(nlRij, "bron_url", b)),
    provincies: sorteerProvincies(provincies),
    gemeenten: sorteerGemeenten(gemeenten),
    opmerkingen,
  };
  geenDubbeleGemeenten(besluit.gemeenten, b);
  controleerProvincieSommen(besluit, ctx);
  return besluit;
}

/** All reception decisions, oldest first (stable within a date). */
export function bouwOpvangBesluiten(files: Record<string, string>, ctx: OpvangContext): OpvangBesluit[] {
  const ref = new Verwijzingen(ctx);
  const indicatief = bouwSpreidingswet96000(files, ref, ctx);
  const besluiten = [
    ...bouwCoa2024(files, ref),
    indicatief,
    bouwVerdeelbesluit2024(files, ref, ctx, indicatief),
    bouwRaming88000(files, ref, ctx),
  ];
  besluiten.sort((a, b) => (a.datum < b.datum ? -1 : a.datum > b.datum ? 1 : 0));
  const ids = new Set<string>();
  const aliassen = new Map<string, string>();
  for (const besluit of besluiten) {
    if (ids.has(besluit.id)) throw new Error(`opvangbesluit ${besluit.id} dubbel`);
    ids.add(besluit.id);
    for (const alias of [besluit.id, ...besluit.aliassen]) {
      const k = alias.toLowerCase();
      const al = aliassen.get(k);
      if (al !== undefined && al !== besluit.id)
        throw new Error(`alias '${alias}' van ${besluit.id} is ook van ${al}`);
      aliassen.set(k, besluit.id);
    }
  }
  return besluiten;
}

// ---------------------------------------------------------------------------------------------------------------
// Kosten
// ---------------------------------------------------------------------------------------------------------------

const KOSTEN_SOORTEN: ReadonlyArray<readonly [onderwerp: RegExp, soort: KostenNorm["soort"] | null]> = [
  [/^COA reguliere opvang(plek)?$/, "coa-regulier"],
  [/^COA (\(crisis\))?noodopvang$/, "coa-nood"],
  [/^Oekraine GOO normbedrag$/, "oekraine-goo"],
  [/^Oekraine POO normbedrag$/, "oekraine-poo"],
  // Not a per-unit amount: national totals, and a pointer to spreidingswet_financiele_prikkel.csv.
  [/^COA totale kosten asielopvang$/, null],
  [/^Spreidingswet financiele prikkel$/, null],
];
const SOORT_VOLGORDE: KostenNorm["soort"][] = ["coa-regulier", "coa-nood", "oekraine-goo", "oekraine-poo"];

export function bouwKostenNormen(files: Record<string, string>): KostenNorm[] {
  const b = B.kosten;
  const rijen = parseCsv(vereisBestand(files, b), b, [
    "onderwerp",
    "geldig_vanaf",
    "geldig_tot",
    "bedrag_eur",
    "eenheid",
    "toelichting",
    "bron_url",
  ]);
  const normen: KostenNorm[] = [];
  for (const r of rijen) {
    const onderwerp = veld(r, "onderwerp", b).trim();
    const regel = KOSTEN_SOORTEN.find(([re]) => re.test(onderwerp));
    if (!regel) throw new Error(`${b}: onbekend onderwerp '${onderwerp}'`);
    const soort = regel[1];
    if (soort === null) continue;
    const vanaf = veld(r, "geldig_vanaf", b).trim();
    const totTekst = veld(r, "geldig_tot", b).trim();
    const waar = `${b} ${onderwerp} ${vanaf}`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(vanaf)) throw new Error(`${waar}: geldig_vanaf '${vanaf}'`);
    if (totTekst !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(totTekst))
      throw new Error(`${waar}: geldig_tot '${totTekst}'`);
    const tot = totTekst === "" ? null : totTekst;
    if (tot !== null && tot < vanaf) throw new Error(`${waar}: geldig_tot vóór geldig_vanaf`);
    const eenheidTekst = veld(r, "eenheid", b).trim();
    const toelichtingBron = veld(r, "toelichting", b).trim();

    let eenheid: KostenNorm["eenheid"];
    let status: string;
    const onzeker = /eenheid in bron niet vermeld; vermoedelijk (per (jaar|maand|dag))/.exec(eenheidTekst);
    if (onzeker) {
      eenheid = onzeker[2] as KostenNorm["eenheid"];
      status = `eenheid onzeker (vermoedelijk ${onzeker[1]})`;
    } else {
      const m = /per (jaar|maand|dag)\b/.exec(eenheidTekst);
      if (!m) throw new Error(`${waar}: eenheid '${eenheidTekst}' niet herkend`);
      eenheid = m[1] as KostenNorm["eenheid"];
      if (soort === "coa-regulier" || soort === "coa-nood") status = "gerealiseerd (COA, kosten per bewoner)";
      else if (/aankondiging|voorstel/i.test(toelichtingBron)) status = "aangekondigd";
      else if (/\(minimaal\)/.test(eenheidTekst)) status = "vastgesteld (minimaal)";
      else status = "vastgesteld";
    }
    normen.push({
      soort,
      vanaf,
      tot,
      bedrag: geheelGetal(veld(r, "bedrag_eur", b), `${waar} bedrag_eur`),
      eenheid,
      status,
      toelichting: [eenheidTekst, toelichtingBron].filter((t) => t !== "").join("; "),
      bron: veld(r, "bron_url", b).trim(),
    });
  }
  normen.sort(
    (a, c) =>
      SOORT_VOLGORDE.indexOf(a.soort) - SOORT_VOLGORDE.indexOf(c.soort) ||
      (a.vanaf < c.vanaf ? -1 : a.vanaf > c.vanaf ? 1 : 0),
  );
  // Per soort: periods in order, not overlapping; only the last may be open-ended.
  for (let i = 1; i < normen.length; i++) {
    const vorige = normen[i - 1]!;
    const n = normen[i]!;
    if (vorige.soort !== n.soort) continue;
    if (vorige.tot === null || vorige.tot >= n.vanaf)
      throw new Error(`${b}: ${n.soort} perioden overlappen (${vorige.vanaf}…${vorige.tot} en ${n.vanaf}…)`);
  }
  return normen;
}

// ---------------------------------------------------------------------------------------------------------------
// Financiële prikkel
// ---------------------------------------------------------------------------------------------------------------

/**
 * Only the final regulation as reported (Jan 2024). The draft amounts in the same file — concept AMvB May 2023
 * (2,500 / 1,500) and the bill of Nov 2022 (2,500), status "ontwerp/voorstel, vervangen" — are not included.
 */
export function bouwPrikkels(files: Record<string, string>): Prikkel[] {
  const b = B.prikkel;
  const rijen = parseCsv(vereisBestand(files, b), b, [
    "fase",
    "type_opvangplaats",
    "bedrag_eur_per_plaats",
    "status_bron",
    "bron_url",
  ]);
  const prikkels: Prikkel[] = [];
  let vorigeStatus = "";
  for (const r of rijen) {
    const faseTekst = veld(r, "fase", b).trim();
    const type = veld(r, "type_opvangplaats", b).trim();
    let status = veld(r, "status_bron", b).trim();
    if (status === "idem") {
      if (vorigeStatus === "") throw new Error(`${b} ${faseTekst}: 'idem' zonder vorige status`);
      status = vorigeStatus;
    }
    vorigeStatus = status;
    const waar = `${b} ${faseTekst} / ${type}`;
    if (/vervangen/.test(status)) {
      if (!/^\(/.test(faseTekst)) throw new Error(`${waar}: vervangen, maar geen ontwerp-/voorstelrij`);
      continue; // draft: not included
    }
    let fase: Prikkel["fase"];
    if (/^landelijke/.test(faseTekst)) fase = "landelijk";
    else if (/^provinciale/.test(faseTekst)) fase = "provinciaal";
    else if (/^aanwijzing/.test(faseTekst)) fase = "aanwijzing";
    else throw new Error(`${waar}: onbekende fase`);
    let duurzaam: boolean | null;
    if (/^duurzaam/.test(type)) duurzaam = true;
    else if (/^niet duurzaam/.test(type)) duurzaam = false;
    else if (type === "alle") duurzaam = null;
    else throw new Error(`${waar}: onbekend type`);
    prikkels.push({
      fase,
      duurzaam,
      bedrag: geheelGetal(veld(r, "bedrag_eur_per_plaats", b), waar),
      omschrijving: `${faseTekst}: ${type}`,
      status,
      bron: veld(r, "bron_url", b).trim(),
    });
  }
  return prikkels;
}
