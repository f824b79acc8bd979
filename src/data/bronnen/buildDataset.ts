/**
 * Builds the embedded default dataset ("opgave-standaard") from the CSV files in data/bronnen/.
 *
 * Pure: takes the CSV texts keyed by file name (e.g. "gemeenten_2023_2024.csv"), returns a `Dataset` that has
 * passed `DatasetSchema.parse`. Every cross-check below throws with a message naming the file and the row, so a
 * wrong or changed source file fails the build instead of producing a quietly wrong dataset.
 *
 * src/data/bronnen/ reads the publisher's CSV sources into a dataset. It runs in `npm run dataset`
 * (scripts/build-dataset.ts, which does the file I/O) and at run time in `opgave bundel maak` (src/cli/bundel.ts);
 * it is Node-side code and never part of the add-in bundle (eslint.config.mjs forbids importing it from
 * src/taskpane, src/functions and src/workbook).
 */
import {
  DatasetSchema,
  type AchterstandLandelijk,
  type Bron,
  type Dataset,
  type Gemeente,
  type Herindeling,
  type LandelijkeTaakstelling,
  type Provincie,
  type Veiligheidsregio,
} from "../schema";
import {
  CBS_BEVOLKING_BESTAND,
  gemeentecodes,
  indelingsjaarNa,
  indelingsjaarVoor,
  parseCbsBevolking,
  regios,
} from "./cbs";
import type { CbsBevolking } from "./cbs";
import { geheelGetal, parseCsv, urlsUit, vereisBestand, veld, type CsvRij } from "./csv";
import { normaliseerNaam } from "./naam";
import {
  bouwKostenNormen,
  bouwOpvangBesluiten,
  bouwPrikkels,
  OPVANG_BESTANDEN,
  OPVANG_BRON_METADATA,
} from "./opvang";
import {
  bouwOekraineKerncijfers,
  leesOekraineRijen,
  OEKRAINE_BESTAND,
  OEKRAINE_BRON_METADATA,
} from "./oekraine";

export { normaliseerNaam };

export const DATASET_ID = "opgave-standaard";
export const DATASET_VERSIE = "2026.12.01";
export const DATASET_DATUM = "2026-12-01";

/**
 * Population years in the dataset: 1-1-2015 … the last 1 January in the CBS table (2024 in the repository's
 * sources); a publisher adds a year by adding its rows to that table.
 */
export const EERSTE_JAAR = 2015;
/**
 * Half-years in `landelijkeTaakstelling`: 2015-I … the last period in taakstelling_landelijk.csv (2026-I in the
 * repository's sources); every half-year in between needs a row (or, for 2015, a whole-year row).
 */
export const EERSTE_PERIODE = "2015-I";

export const BESTANDEN = {
  cbsBevolking: CBS_BEVOLKING_BESTAND,
  cbsGemeenten2023: "cbs_gemeenten_alfabetisch_2023.csv",
  gemeenten: "gemeenten_2023_2024.csv",
  veiligheidsregios: "veiligheidsregios.csv",
  herindelingen2015: "herindelingen_2015_2020.csv",
  herindelingen2021: "gemeentelijke_herindelingen_2021_2026.csv",
  taakstelling: "taakstelling_landelijk.csv",
  achterstand: "achterstand_landelijk.csv",
  ...OPVANG_BESTANDEN,
  oekraine: OEKRAINE_BESTAND,
} as const;

const CBS_INDELINGEN_URL =
  "https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/overig/gemeentelijke-indelingen-per-jaar";
const CBS_37259ENG_URL = "https://opendata.cbs.nl/statline/#/CBS/en/dataset/37259ENG";
const GITHUB_VALENTEMENDEZ = "https://github.com/ValenteMendez/population-dynamics-netherlands";
const GITHUB_EDUGIS = "https://github.com/edugis-repo/cbsbuurtwijkgemeente";
const GITHUB_MINVWS = "https://github.com/minvws/nl-covid19-data-dashboard";

/**
 * Source metadata per file (see data/bronnen/README.md). For files that carry a URL per row (`urlKolom`), the
 * distinct URLs of all rows are added to `urls`.
 */
const BRON_METADATA: Record<
  string,
  { titel: string; urls: string[]; peildatum?: string; urlKolom?: string }
> = {
  [BESTANDEN.cbsBevolking]: {
    titel:
      "CBS StatLine 37259ENG: bevolking op 1 januari per regio (Nederland, provincies, gemeenten), 2012–2024, " +
      "in de gemeentelijke indeling van elk jaar (export ValenteMendez/population-dynamics-netherlands)",
    urls: [CBS_37259ENG_URL, GITHUB_VALENTEMENDEZ],
    peildatum: "1-1-2012 t/m 1-1-2024",
  },
  [BESTANDEN.cbsGemeenten2023]: {
    titel: "CBS Gemeenten alfabetisch 2023 (via edugis-repo/cbsbuurtwijkgemeente)",
    urls: [CBS_INDELINGEN_URL, GITHUB_EDUGIS],
    peildatum: "1-1-2023",
  },
  [BESTANDEN.gemeenten]: {
    titel:
      "Gemeenten 2023/2024: code, naam, provincie (CBS), veiligheidsregio (minvws), inwoners 1-1-2022 " +
      "(indeling 2023), 1-1-2023, 1-1-2024 (CBS 37259ENG)",
    urls: [GITHUB_EDUGIS, GITHUB_MINVWS, CBS_37259ENG_URL, GITHUB_VALENTEMENDEZ],
    peildatum: "1-1-2022 / 1-1-2023 / 1-1-2024",
  },
  [BESTANDEN.veiligheidsregios]: {
    titel: "Veiligheidsregio's VR01–VR25 (minvws/nl-covid19-data-dashboard, vr.ts)",
    urls: [GITHUB_MINVWS],
  },
  [BESTANDEN.herindelingen2015]: {
    titel:
      "Gemeentelijke herindelingen 2015–2020, samengesteld door Opgave uit de codewijzigingen in CBS 37259ENG " +
      "(niet gekopieerd uit een gepubliceerd bestand; gecontroleerd door tests)",
    urls: [CBS_INDELINGEN_URL],
    peildatum: "1-1-2015 t/m 1-1-2020",
  },
  [BESTANDEN.herindelingen2021]: {
    titel:
      "Gemeentelijke herindelingen 2021–2026 (CBS via nieuwsberichten; codes gecontroleerd tegen 37259ENG)",
    urls: [],
    peildatum: "2021–2026",
    urlKolom: "bron_url",
  },
  [BESTANDEN.taakstelling]: {
    titel: "Landelijke halfjaarlijkse taakstelling huisvesting vergunninghouders 2015–2026",
    urls: [],
    peildatum: "per halfjaar 2015–2026",
    urlKolom: "bron_url",
  },
  [BESTANDEN.achterstand]: {
    titel: "Landelijke achterstand/voorsprong huisvesting vergunninghouders",
    urls: [],
    peildatum: "per datum 2016–2025",
    urlKolom: "bron_url",
  },
  ...OPVANG_BRON_METADATA,
  ...OEKRAINE_BRON_METADATA,
};

/**
 * Colloquial names users type that are neither the Dutch CBS name nor the CBS English label (the English label is
 * added automatically when it differs from the Dutch name, e.g. "The Hague", "Utrecht Municipality",
 * "Hengelo (O.)"). Keep this minimal; every alias must be unambiguous (the build checks that).
 *
 * | alias                | code   | why                                               |
 * |----------------------|--------|---------------------------------------------------|
 * | Den Haag             | GM0518 | colloquial for 's-Gravenhage                      |
 * | Den Bosch            | GM0796 | colloquial for 's-Hertogenbosch                   |
 * | Hengelo (O.)         | GM0164 | official bracketed form (also the CBS EN label)   |
 * | Beek (L.)            | GM0888 | idem                                              |
 * | Laren (NH.)          | GM0417 | idem                                              |
 * | Middelburg (Z.)      | GM0687 | idem                                              |
 * | Rijswijk (ZH.)       | GM0603 | idem                                              |
 * | Stein (L.)           | GM0971 | idem                                              |
 * | Sudwest-Friesland    | GM1900 | Dutch spelling of Súdwest-Fryslân                 |
 * | Zuidwest-Friesland   | GM1900 | idem                                              |
 * | Noordoost-Friesland  | GM1970 | Dutch spelling of Noardeast-Fryslân               |
 * | Nuenen               | GM0820 | colloquial for Nuenen, Gerwen en Nederwetten      |
 * | Nuenen c.a.          | GM0820 | the short form the gemeente itself uses           |
 *
 * Deliberately NOT added: "s-Hertogenbosch"/"Hertogenbosch" without apostrophe (the name resolver ignores
 * apostrophes and diacritics), and "De Friese Meren" (a real former gemeente, GM1921, not an alias).
 */
const EXTRA_ALIASSEN: ReadonlyArray<readonly [code: string, alias: string]> = [
  ["GM0518", "Den Haag"],
  ["GM0796", "Den Bosch"],
  ["GM0164", "Hengelo (O.)"],
  ["GM0888", "Beek (L.)"],
  ["GM0417", "Laren (NH.)"],
  ["GM0687", "Middelburg (Z.)"],
  ["GM0603", "Rijswijk (ZH.)"],
  ["GM0971", "Stein (L.)"],
  ["GM1900", "Sudwest-Friesland"],
  ["GM1900", "Zuidwest-Friesland"],
  ["GM1970", "Noordoost-Friesland"],
  ["GM0820", "Nuenen"],
  ["GM0820", "Nuenen c.a."],
];

/**
 * Former gemeenten whose province is not that of their successor: Leerdam and Zederik were in Zuid-Holland until
 * they became part of Vijfheerenlanden (Utrecht) on 1-1-2019. (The provincial population sums check this.)
 */
const PROVINCIE_UITZONDERINGEN: Record<string, string> = { GM0545: "PV28", GM0707: "PV28" };

/** "2024-I" → 2024-01-01 … ; the art. 29 reference date is 1 January of the previous calendar year. */
export function peildatumInwonersVoorPeriode(periode: string): string {
  const jaar = Number(periode.slice(0, 4));
  return `${jaar - 1}-01-01`;
}

/** All half-years from `van` to `tot` inclusive, e.g. 2015-I, 2015-II, 2016-I, … */
export function periodenTussen(van: string, tot: string): string[] {
  const index = (p: string) => Number(p.slice(0, 4)) * 2 + (p.endsWith("-II") ? 1 : 0);
  const perioden: string[] = [];
  for (let i = index(van); i <= index(tot); i++)
    perioden.push(`${Math.floor(i / 2)}-${i % 2 === 0 ? "I" : "II"}`);
  return perioden;
}

/** 2015 … the last year in the CBS table. */
function jarenBereik(cbs: CbsBevolking): number[] {
  const laatste = Math.max(...cbs.jaren);
  const jaren: number[] = [];
  for (let j = EERSTE_JAAR; j <= laatste; j++) jaren.push(j);
  return jaren;
}

/** The last half-year in the national taakstelling file (a whole-year row "2015" counts as 2015-II). */
function laatstePeriode(rijen: CsvRij[]): string {
  const index = (p: string) => Number(p.slice(0, 4)) * 2 + (/^\d{4}(-II)?$/.test(p) ? 1 : 0);
  let laatste = EERSTE_PERIODE;
  for (const r of rijen) {
    const periode = veld(r, "periode", BESTANDEN.taakstelling);
    if (!/^\d{4}(-I|-II)?$/.test(periode))
      throw new Error(`${BESTANDEN.taakstelling}: periode '${periode}' is geen JJJJ, JJJJ-I of JJJJ-II`);
    if (index(periode) > index(laatste)) laatste = /-I{1,2}$/.test(periode) ? periode : `${periode}-II`;
  }
  return laatste;
}

function splitsLijst(tekst: string): string[] {
  return tekst
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

// ---------------------------------------------------------------------------------------------------------------
// Herindelingen
// ---------------------------------------------------------------------------------------------------------------

/** A parsed herindeling row, with the names as written in the CSV (for the toelichting). */
interface HerindelingRij {
  herindeling: Herindeling;
  oudeNamen: string[];
  nieuweNamen: string[];
}

/**
 * Parses a herindelingen file (both files share the columns of gemeentelijke_herindelingen_2021_2026.csv; the
 * 2015–2020 file adds `soort` and `deels_naar`). Rows without GM codes ("(geen gevonden)") are skipped.
 *
 * Convention for a merger into an EXISTING code (Weesp → Amsterdam, Beemster → Purmerend, Haren + Ten Boer →
 * Groningen): soort "samenvoeging", `oud` lists only the codes that disappear and `nieuw` = [the continuing code].
 * The domain treats `nieuw` as also containing its own earlier territory when that code existed before the date.
 * Without a `soort` column: one old code over several new codes is a splitsing (Haaren 2021), else samenvoeging.
 */
function parseHerindelingen(tekst: string, bestand: string): HerindelingRij[] {
  const rijen = parseCsv(tekst, bestand, [
    "datum_ingang",
    "oude_gm_codes",
    "oude_namen",
    "nieuwe_gm_code",
    "nieuwe_naam",
    "bron_url",
  ]);
  const resultaat: HerindelingRij[] = [];
  for (const rij of rijen) {
    const get = (k: string) => veld(rij, k, bestand);
    const oud = splitsLijst(get("oude_gm_codes"));
    if (oud.length === 0 || !oud.every((c) => /^GM\d{4}$/.test(c))) {
      if (oud.some((c) => /^GM\d{4}$/.test(c)))
        throw new Error(`${bestand}: onleesbare codes '${get("oude_gm_codes")}'`);
      continue; // "(geen gevonden)"
    }
    const nieuw = splitsLijst(get("nieuwe_gm_code"));
    const soortKolom = rij["soort"]?.trim() ?? "";
    const soort =
      soortKolom !== "" ? soortKolom : oud.length === 1 && nieuw.length > 1 ? "splitsing" : "samenvoeging";
    if (soort !== "samenvoeging" && soort !== "splitsing" && soort !== "naamswijziging") {
      throw new Error(`${bestand}: onbekende soort '${soort}'`);
    }
    if (soort === "splitsing" && !(oud.length === 1 && nieuw.length > 1)) {
      throw new Error(
        `${bestand}: splitsing moet één oude en meerdere nieuwe codes hebben (${oud} → ${nieuw})`,
      );
    }
    if (soort !== "splitsing" && nieuw.length !== 1) {
      throw new Error(`${bestand}: ${soort} moet precies één nieuwe code hebben (${oud} → ${nieuw})`);
    }
    if (soort === "naamswijziging" && oud.length !== 1) {
      throw new Error(`${bestand}: naamswijziging moet precies één oude code hebben (${oud})`);
    }
    const deelsNaar = splitsLijst(rij["deels_naar"] ?? "");
    const datum = get("datum_ingang");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(datum)) throw new Error(`${bestand}: datum '${datum}'`);
    const herindeling: Herindeling = {
      datum,
      soort,
      oud,
      nieuw,
      ...(deelsNaar.length > 0 ? { deelsNaar } : {}),
      bron: get("bron_url"),
    };
    resultaat.push({
      herindeling,
      oudeNamen: splitsLijst(get("oude_namen")),
      nieuweNamen: splitsLijst(get("nieuwe_naam")),
    });
  }
  return resultaat;
}

/** Checks every herindeling against the CBS classifications and that every code change in them is explained. */
function controleerHerindelingen(herindelingen: Herindeling[], cbs: CbsBevolking): void {
  for (const h of herindelingen) {
    const voor = gemeentecodes(cbs, indelingsjaarVoor(h.datum));
    const na = gemeentecodes(cbs, indelingsjaarNa(h.datum));
    const wat = `herindeling ${h.datum} ${h.oud.join("+")} → ${h.nieuw.join("+")}`;
    for (const c of h.oud) {
      if (!voor.has(c)) throw new Error(`${wat}: ${c} bestaat niet in de CBS-indeling vóór ${h.datum}`);
      if (na.has(c)) throw new Error(`${wat}: ${c} bestaat nog in de CBS-indeling na ${h.datum}`);
    }
    for (const c of [...h.nieuw, ...(h.deelsNaar ?? [])]) {
      if (!na.has(c)) throw new Error(`${wat}: ${c} bestaat niet in de CBS-indeling na ${h.datum}`);
    }
  }
  // Every code that disappears/appears between two consecutive classifications must be explained.
  for (const jaar of jarenBereik(cbs)) {
    const vorig = gemeentecodes(cbs, jaar - 1);
    const nu = gemeentecodes(cbs, jaar);
    if (vorig.size === 0 || nu.size === 0)
      throw new Error(`${CBS_BEVOLKING_BESTAND}: indeling ${jaar - 1}/${jaar} ontbreekt`);
    const inVenster = herindelingen.filter((h) => indelingsjaarNa(h.datum) === jaar);
    const opgeheven = new Set(inVenster.flatMap((h) => h.oud));
    const ontstaan = new Set(inVenster.flatMap((h) => h.nieuw));
    for (const c of vorig) {
      if (!nu.has(c) && !opgeheven.has(c)) {
        throw new Error(
          `code ${c} verdwijnt tussen de CBS-indelingen ${jaar - 1} en ${jaar} zonder herindeling`,
        );
      }
    }
    for (const c of nu) {
      if (!vorig.has(c) && !ontstaan.has(c)) {
        throw new Error(
          `code ${c} verschijnt tussen de CBS-indelingen ${jaar - 1} en ${jaar} zonder herindeling`,
        );
      }
    }
  }
}

function toelichtingHerindeling(rij: HerindelingRij, alle: HerindelingRij[], cbs: CbsBevolking): string {
  const h = rij.herindeling;
  const oud = rij.oudeNamen.join(", ").replace(/ \(opgesplitst\)$/, "");
  const nieuw = rij.nieuweNamen.join(", ");
  switch (h.soort) {
    case "splitsing":
      return `${oud} verdeeld over ${nieuw}`;
    case "naamswijziging":
      return `${oud} gaat verder als ${nieuw} (nieuwe naam en code)`;
    case "samenvoeging": {
      const bestond = gemeentecodes(cbs, indelingsjaarVoor(h.datum)).has(h.nieuw[0]!);
      let tekst = bestond
        ? `${oud} opgegaan in ${nieuw} (${h.nieuw[0]} bestond al en loopt door)`
        : `${oud} samengevoegd tot ${nieuw}`;
      for (const s of alle) {
        const sh = s.herindeling;
        if (sh.soort === "splitsing" && sh.datum === h.datum && sh.nieuw.includes(h.nieuw[0]!)) {
          tekst += `; plus een deel van ${s.oudeNamen.join(", ").replace(/ \(opgesplitst\)$/, "")} (splitsing)`;
        }
      }
      return tekst;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Gemeenten
// ---------------------------------------------------------------------------------------------------------------

/** Dutch name from a CBS English label of a former gemeente (they are Dutch apart from such suffixes). */
function naamUitCbsLabel(label: string): string {
  return label.replace(/\s+Municipality$/, "").trim();
}

/** The master file by code (each code once) and the CBS list 2023 by code. */
function indexeerGemeenteBestanden(
  master: CsvRij[],
  cbs2023: CsvRij[],
): { masterPerCode: Map<string, CsvRij>; cbsNaam: Map<string, CsvRij> } {
  const m = BESTANDEN.gemeenten;
  const cbsNaam = new Map<string, CsvRij>();
  for (const r of cbs2023) cbsNaam.set(veld(r, "GemeentecodeGM", BESTANDEN.cbsGemeenten2023), r);
  const masterPerCode = new Map<string, CsvRij>();
  for (const r of master) {
    const code = veld(r, "gm_code", m);
    if (masterPerCode.has(code)) throw new Error(`${m}: ${code} dubbel`);
    masterPerCode.set(code, r);
  }
  return { masterPerCode, cbsNaam };
}

/** Cross-checks of the master file against the CBS list 2023 and the CBS long table. */
function controleerMaster(
  cbs: CbsBevolking,
  masterPerCode: Map<string, CsvRij>,
  cbsNaam: Map<string, CsvRij>,
  vrCodes: Set<string>,
): void {
  const m = BESTANDEN.gemeenten;
  const c23 = BESTANDEN.cbsGemeenten2023;
  const codes2023 = gemeentecodes(cbs, 2023);
  const codes2024 = gemeentecodes(cbs, 2024);
  const zelfde = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
  const masterCodes = new Set(masterPerCode.keys());
  if (!zelfde(masterCodes, new Set(cbsNaam.keys())))
    throw new Error(`${m} en ${c23} hebben niet dezelfde codes`);
  if (!zelfde(masterCodes, codes2023) || !zelfde(masterCodes, codes2024)) {
    throw new Error(`${m}: codes wijken af van de CBS-indeling 2023/2024 in ${CBS_BEVOLKING_BESTAND}`);
  }
  for (const [code, r] of masterPerCode) {
    const lijst = cbsNaam.get(code)!;
    if (veld(r, "gemeentenaam", m) !== veld(lijst, "Gemeentenaam", c23))
      throw new Error(`${m}: naam ${code} ≠ ${c23}`);
    if (veld(r, "provincie_code", m) !== veld(lijst, "ProvinciecodePV", c23)) {
      throw new Error(`${m}: provincie ${code} ≠ ${c23}`);
    }
    if (!vrCodes.has(veld(r, "vr_code", m))) throw new Error(`${m}: onbekende veiligheidsregio bij ${code}`);
    for (const jaar of [2023, 2024]) {
      const kolom = `inwoners_${jaar}_01_01`;
      const waarde = geheelGetal(veld(r, kolom, m), `${m} ${code} ${kolom}`);
      const cbsWaarde = regios(cbs, "gemeente", jaar).get(code)?.inwoners;
      if (waarde !== cbsWaarde) {
        throw new Error(
          `${m}: ${code} ${kolom} = ${waarde}, maar ${CBS_BEVOLKING_BESTAND} geeft ${cbsWaarde}`,
        );
      }
    }
  }
}

/** vanaf / tot of every code from the herindelingen (a continuing code is not created by one). */
function levensduren(
  cbs: CbsBevolking,
  herindelingen: Herindeling[],
): { vanaf: Map<string, string>; tot: Map<string, string> } {
  const vanaf = new Map<string, string>();
  const tot = new Map<string, string>();
  for (const h of herindelingen) {
    const voor = gemeentecodes(cbs, indelingsjaarVoor(h.datum));
    for (const c of h.nieuw) {
      if (voor.has(c)) continue; // continuing code (Amsterdam, Groningen …): not created here
      // (Waadhoeke 2018 is created by a samenvoeging and also receives part of Littenseradiel: same date.)
      if (vanaf.has(c) && vanaf.get(c) !== h.datum)
        throw new Error(`${c} ontstaat twee keer (${vanaf.get(c)} en ${h.datum})`);
      vanaf.set(c, h.datum);
    }
    for (const c of h.oud) {
      if (tot.has(c)) throw new Error(`${c} wordt twee keer opgeheven (${tot.get(c)} en ${h.datum})`);
      tot.set(c, h.datum);
    }
  }
  return { vanaf, tot };
}

/** The province of a code: its own (master file), else that of its successor (first successor for a split). */
function provincieBepaler(
  masterPerCode: Map<string, CsvRij>,
  herindelingen: Herindeling[],
): (code: string) => string {
  const opvolger = new Map<string, string>();
  for (const h of herindelingen) for (const c of h.oud) opvolger.set(c, h.nieuw[0]!);
  return (code) => {
    const uitzondering = PROVINCIE_UITZONDERINGEN[code];
    if (uitzondering) return uitzondering;
    let c = code;
    for (let stap = 0; stap < 10; stap++) {
      const r = masterPerCode.get(c);
      if (r) return veld(r, "provincie_code", BESTANDEN.gemeenten);
      const volgende = opvolger.get(c);
      if (!volgende) break;
      c = volgende;
    }
    throw new Error(`geen provincie te bepalen voor ${code}`);
  };
}

/** Everything `bouwGemeente` needs about all codes. */
interface GemeenteBron {
  cbs: CbsBevolking;
  jaren: number[];
  masterPerCode: Map<string, CsvRij>;
  cbsNaam: Map<string, CsvRij>;
  vanaf: Map<string, string>;
  tot: Map<string, string>;
  bestond2015: Set<string>;
  provincieVan: (code: string) => string;
}

/** Checks that `vanaf`/`tot` of a code agree with its presence in the master file and in every CBS year. */
function controleerBestaan(
  bron: GemeenteBron,
  code: string,
  huidig: boolean,
  inwoners: Record<string, number>,
): void {
  const gemeenteVanaf = bron.vanaf.get(code) ?? null;
  if (gemeenteVanaf === null && !bron.bestond2015.has(code)) {
    throw new Error(`${code} bestond niet op 31-12-${EERSTE_JAAR - 1} en geen herindeling maakt de code aan`);
  }
  const gemeenteTot = bron.tot.get(code) ?? null;
  if ((gemeenteTot === null) !== huidig) {
    throw new Error(`${code}: 'tot' (${gemeenteTot}) past niet bij het bestaan in ${BESTANDEN.gemeenten}`);
  }
  for (const jaar of bron.jaren) {
    const dag = `${jaar}-01-01`;
    const bestaat =
      (gemeenteVanaf === null || gemeenteVanaf <= dag) && (gemeenteTot === null || dag < gemeenteTot);
    if (bestaat !== String(jaar) in inwoners) {
      throw new Error(
        `${code}: vanaf ${gemeenteVanaf} / tot ${gemeenteTot} klopt niet met de CBS-indeling ${jaar}`,
      );
    }
  }
}

/** One gemeente (without aliases): population per year, name, province, vanaf/tot, checked. */
function bouwGemeente(bron: GemeenteBron, code: string): Gemeente {
  const m = BESTANDEN.gemeenten;
  const huidig = bron.masterPerCode.get(code);
  const labels: string[] = [];
  const inwoners: Record<string, number> = {};
  for (const jaar of bron.jaren) {
    const r = regios(bron.cbs, "gemeente", jaar).get(code);
    if (!r) continue;
    inwoners[String(jaar)] = r.inwoners;
    if (!labels.includes(r.naamEn)) labels.push(r.naamEn);
  }
  const laatsteLabel = labels[labels.length - 1]!;
  const naam = huidig
    ? veld(bron.cbsNaam.get(code)!, "Gemeentenaam", BESTANDEN.cbsGemeenten2023)
    : naamUitCbsLabel(laatsteLabel);

  let inwonersHerberekend: Record<string, number> | undefined;
  if (huidig) {
    const herberekend = geheelGetal(
      veld(huidig, "inwoners_2022_01_01_indeling2023", m),
      `${m} ${code} inwoners_2022_01_01_indeling2023`,
    );
    if (inwoners["2022"] !== herberekend) inwonersHerberekend = { "2022": herberekend };
  }
  controleerBestaan(bron, code, huidig !== undefined, inwoners);
  return {
    code,
    naam,
    provincie: bron.provincieVan(code),
    veiligheidsregio: huidig ? veld(huidig, "vr_code", m) : null,
    vanaf: bron.vanaf.get(code) ?? null,
    tot: bron.tot.get(code) ?? null,
    inwoners,
    ...(inwonersHerberekend ? { inwonersHerberekend } : {}),
    aliassen: [],
  };
}

/** Aliases: CBS English label when it differs from the Dutch name, plus EXTRA_ALIASSEN; all unambiguous. */
function voegAliassenToe(gemeenten: Gemeente[], cbs: CbsBevolking, jaren: number[]): void {
  const perCode = new Map(gemeenten.map((g) => [g.code, g]));
  const kandidaten = new Map<string, string[]>();
  for (const g of gemeenten) {
    const labels = new Set<string>();
    for (const jaar of jaren) {
      const r = regios(cbs, "gemeente", jaar).get(g.code);
      if (r) labels.add(r.naamEn);
    }
    kandidaten.set(g.code, [...labels]);
  }
  for (const [code, alias] of EXTRA_ALIASSEN) {
    const lijst = kandidaten.get(code);
    if (!lijst) throw new Error(`alias '${alias}' verwijst naar onbekende code ${code}`);
    lijst.push(alias);
  }
  const eigenaar = new Map<string, string>(); // normalised name/alias → code
  for (const g of gemeenten) {
    const sleutel = normaliseerNaam(g.naam);
    if (eigenaar.has(sleutel))
      throw new Error(`naam '${g.naam}' dubbel (${eigenaar.get(sleutel)} en ${g.code})`);
    eigenaar.set(sleutel, g.code);
  }
  for (const [code, lijst] of kandidaten) {
    const g = perCode.get(code)!;
    for (const alias of lijst) {
      const sleutel = normaliseerNaam(alias);
      const al = eigenaar.get(sleutel);
      if (al === code) continue; // same as the name or an alias already added
      if (al !== undefined) throw new Error(`alias '${alias}' van ${code} is al de naam/alias van ${al}`);
      eigenaar.set(sleutel, code);
      g.aliassen.push(alias);
    }
  }
}

/** Every gemeente of any classification 2015 … the last CBS year, sorted by code, with its aliases. */
function bouwGemeenten(
  cbs: CbsBevolking,
  master: CsvRij[],
  cbs2023: CsvRij[],
  herindelingen: Herindeling[],
  vrCodes: Set<string>,
): Gemeente[] {
  const jaren = jarenBereik(cbs);
  const { masterPerCode, cbsNaam } = indexeerGemeenteBestanden(master, cbs2023);
  controleerMaster(cbs, masterPerCode, cbsNaam, vrCodes);

  const alleCodes = new Set<string>();
  for (const jaar of jaren) for (const c of gemeentecodes(cbs, jaar)) alleCodes.add(c);
  const bron: GemeenteBron = {
    cbs,
    jaren,
    masterPerCode,
    cbsNaam,
    ...levensduren(cbs, herindelingen),
    bestond2015: gemeentecodes(cbs, indelingsjaarVoor(`${EERSTE_JAAR}-01-01`)),
    provincieVan: provincieBepaler(masterPerCode, herindelingen),
  };
  const gemeenten = [...alleCodes].sort().map((code) => bouwGemeente(bron, code));
  voegAliassenToe(gemeenten, cbs, jaren);
  return gemeenten;
}

// ---------------------------------------------------------------------------------------------------------------
// Taakstelling en achterstand
// ---------------------------------------------------------------------------------------------------------------

function bouwLandelijkeTaakstelling(rijen: CsvRij[]): LandelijkeTaakstelling[] {
  const b = BESTANDEN.taakstelling;
  const perPeriode = new Map<string, CsvRij>();
  for (const r of rijen) {
    const periode = veld(r, "periode", b);
    if (perPeriode.has(periode)) throw new Error(`${b}: periode ${periode} dubbel`);
    perPeriode.set(periode, r);
  }
  const gebruikt = new Set<string>();
  const resultaat: LandelijkeTaakstelling[] = [];
  const laatste = laatstePeriode(rijen);
  for (const periode of periodenTussen(EERSTE_PERIODE, laatste)) {
    const peildatumInwoners = peildatumInwonersVoorPeriode(periode);
    const jaar = periode.slice(0, 4);
    const rij = perPeriode.get(periode);
    if (!rij) {
      // Only a whole-year figure (2015): not split over the half-years, kept as explanation.
      const jaarRij = perPeriode.get(jaar);
      if (!jaarRij) throw new Error(`${b}: geen rij voor ${periode} of ${jaar}`);
      gebruikt.add(jaar);
      const jaarAantal = veld(jaarRij, "landelijke_taakstelling", b);
      const toelichting = veld(jaarRij, "toelichting", b);
      resultaat.push({
        periode,
        aantal: null,
        status: "onbekend",
        eerdereAantallen: [],
        statusTekst: veld(jaarRij, "status", b),
        peildatumInwoners,
        toelichting:
          `Alleen een jaarcijfer bekend: ${jaarAantal} voor ${veld(jaarRij, "periode_label_nl", b)}; ` +
          `dat is bewust niet over de halfjaren verdeeld.` +
          (toelichting ? ` Bron: ${toelichting}` : ""),
        bron: veld(jaarRij, "bron_url", b),
      });
      continue;
    }
    gebruikt.add(periode);
    const statusTekst = veld(rij, "status", b);
    const aantalTekst = veld(rij, "landelijke_taakstelling", b).trim();
    const csvPeildatum = veld(rij, "peildatum_inwoners_art29", b).trim();
    if (csvPeildatum !== "" && csvPeildatum !== peildatumInwoners) {
      throw new Error(
        `${b}: ${periode} peildatum_inwoners_art29 ${csvPeildatum} ≠ berekend ${peildatumInwoners}`,
      );
    }
    let aantal: number | null;
    let status: LandelijkeTaakstelling["status"];
    let eerdereAantallen: number[] = [];
    if (/^NIET GEVONDEN/i.test(statusTekst)) {
      if (aantalTekst !== "")
        throw new Error(`${b}: ${periode} NIET GEVONDEN maar met aantal ${aantalTekst}`);
      aantal = null;
      status = "onbekend";
    } else {
      aantal = geheelGetal(aantalTekst, `${b} ${periode}`);
      if (/bijgesteld/i.test(statusTekst)) {
        status = "bijgesteld";
        const m = /bijgesteld van ([\d.]+) naar ([\d.]+)/i.exec(statusTekst);
        if (m) {
          const van = Number(m[1]!.replace(/\./g, ""));
          const naar = Number(m[2]!.replace(/\./g, ""));
          if (naar !== aantal)
            throw new Error(`${b}: ${periode} bijgesteld naar ${naar}, maar aantal is ${aantal}`);
          eerdereAantallen = [van];
        }
      } else {
        status = "vastgesteld";
      }
    }
    resultaat.push({
      periode,
      aantal,
      status,
      eerdereAantallen,
      statusTekst,
      peildatumInwoners,
      toelichting: veld(rij, "toelichting", b),
      bron: veld(rij, "bron_url", b),
    });
  }
  for (const p of perPeriode.keys()) {
    if (!gebruikt.has(p)) throw new Error(`${b}: rij ${p} valt buiten ${EERSTE_PERIODE}…${laatste}`);
  }
  return resultaat;
}

function bouwAchterstand(rijen: CsvRij[]): AchterstandLandelijk[] {
  const b = BESTANDEN.achterstand;
  return rijen.map((r) => {
    const waardeTekst = veld(r, "aantal", b).trim();
    return {
      peildatum: veld(r, "peildatum", b),
      omschrijving: veld(r, "omschrijving", b),
      aantal: /^-?\d+$/.test(waardeTekst) ? Number(waardeTekst) : null,
      waardeTekst,
      bron: veld(r, "bron_url", b),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Dataset
// ---------------------------------------------------------------------------------------------------------------

function bouwBronnen(files: Record<string, string>, geparsed: Map<string, CsvRij[]>): Bron[] {
  return Object.values(BESTANDEN)
    .slice()
    .sort()
    .map((bestand) => {
      const meta = BRON_METADATA[bestand];
      if (!meta) throw new Error(`geen bronmetadata voor ${bestand}`);
      vereisBestand(files, bestand);
      const urls = [...meta.urls];
      if (meta.urlKolom) {
        for (const r of geparsed.get(bestand) ?? parseCsv(files[bestand]!, bestand, [meta.urlKolom])) {
          for (const u of urlsUit(r[meta.urlKolom] ?? "")) if (!urls.includes(u)) urls.push(u);
        }
      }
      return {
        id: bestand.replace(/\.csv$/, ""),
        titel: meta.titel,
        urls,
        ...(meta.peildatum ? { peildatum: meta.peildatum } : {}),
        bestand,
      };
    });
}

/** The CSV rows every later step reads, each file parsed once with its required columns. */
function leesBronRijen(files: Record<string, string>) {
  const lees = (bestand: string, kolommen: string[]) =>
    parseCsv(vereisBestand(files, bestand), bestand, kolommen);
  return {
    cbs: parseCbsBevolking(vereisBestand(files, BESTANDEN.cbsBevolking)),
    cbs2023: lees(BESTANDEN.cbsGemeenten2023, [
      "GemeentecodeGM",
      "Gemeentenaam",
      "ProvinciecodePV",
      "Provincienaam",
    ]),
    master: lees(BESTANDEN.gemeenten, [
      "gm_code",
      "gemeentenaam",
      "provincie_code",
      "vr_code",
      "inwoners_2022_01_01_indeling2023",
      "inwoners_2023_01_01",
      "inwoners_2024_01_01",
    ]),
    vrRijen: lees(BESTANDEN.veiligheidsregios, ["vr_code", "vr_naam"]),
    taakRijen: lees(BESTANDEN.taakstelling, [
      "periode",
      "periode_label_nl",
      "landelijke_taakstelling",
      "status",
      "peildatum_inwoners_art29",
      "toelichting",
      "bron_url",
    ]),
    achterstandRijen: lees(BESTANDEN.achterstand, ["peildatum", "omschrijving", "aantal", "bron_url"]),
    oekraineRijen: leesOekraineRijen(files),
  };
}

/** Both herindelingen files, by date (file order within a date), with their toelichting, checked against CBS. */
function bouwHerindelingen(files: Record<string, string>, cbs: CbsBevolking): Herindeling[] {
  const herindelingTeksten = [BESTANDEN.herindelingen2015, BESTANDEN.herindelingen2021];
  const herindelingRijen = herindelingTeksten.flatMap((b) => parseHerindelingen(vereisBestand(files, b), b));
  // Stable sort: by date, file order within a date.
  herindelingRijen.sort((a, b) =>
    a.herindeling.datum < b.herindeling.datum ? -1 : a.herindeling.datum > b.herindeling.datum ? 1 : 0,
  );
  for (const rij of herindelingRijen) {
    rij.herindeling.toelichting = toelichtingHerindeling(rij, herindelingRijen, cbs);
  }
  const herindelingen: Herindeling[] = herindelingRijen.map(({ herindeling: h }) => ({
    datum: h.datum,
    soort: h.soort,
    oud: h.oud,
    nieuw: h.nieuw,
    ...(h.deelsNaar ? { deelsNaar: h.deelsNaar } : {}),
    ...(h.toelichting ? { toelichting: h.toelichting } : {}),
    bron: h.bron,
  }));
  controleerHerindelingen(herindelingen, cbs);
  return herindelingen;
}

function bouwVeiligheidsregios(vrRijen: CsvRij[]): Veiligheidsregio[] {
  return vrRijen
    .map((r) => ({
      code: veld(r, "vr_code", BESTANDEN.veiligheidsregios),
      naam: veld(r, "vr_naam", BESTANDEN.veiligheidsregios),
    }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** Population of the Netherlands per year; the gemeenten must add up to it exactly. */
function bouwLandInwoners(cbs: CbsBevolking, gemeenten: Gemeente[]): Record<string, number> {
  const landInwoners: Record<string, number> = {};
  for (const jaar of jarenBereik(cbs)) {
    const nl = regios(cbs, "land", jaar).get("NL01");
    if (!nl) throw new Error(`${CBS_BEVOLKING_BESTAND}: NL01 ontbreekt op 1-1-${jaar}`);
    landInwoners[String(jaar)] = nl.inwoners;
    const som = gemeenten.reduce((s, g) => s + (g.inwoners[String(jaar)] ?? 0), 0);
    if (som !== nl.inwoners) throw new Error(`som gemeenten 1-1-${jaar} = ${som} ≠ NL01 ${nl.inwoners}`);
  }
  return landInwoners;
}

/** The 12 provinces (names from the CBS list 2023) with their population per year. */
function bouwProvincies(cbs: CbsBevolking, cbs2023: CsvRij[]): Provincie[] {
  const provincieNamen = new Map<string, string>();
  for (const r of cbs2023) {
    provincieNamen.set(
      veld(r, "ProvinciecodePV", BESTANDEN.cbsGemeenten2023),
      veld(r, "Provincienaam", BESTANDEN.cbsGemeenten2023),
    );
  }
  const provincies: Provincie[] = [...provincieNamen.keys()].sort().map((code) => {
    const inwoners: Record<string, number> = {};
    for (const jaar of jarenBereik(cbs)) {
      const p = regios(cbs, "provincie", jaar).get(code);
      if (!p) throw new Error(`${CBS_BEVOLKING_BESTAND}: ${code} ontbreekt op 1-1-${jaar}`);
      inwoners[String(jaar)] = p.inwoners;
    }
    return { code, naam: provincieNamen.get(code)!, inwoners };
  });
  if (provincies.length !== 12) throw new Error(`verwacht 12 provincies, gevonden ${provincies.length}`);
  return provincies;
}

export function buildDataset(files: Record<string, string>): Dataset {
  const { cbs, cbs2023, master, vrRijen, taakRijen, achterstandRijen, oekraineRijen } = leesBronRijen(files);
  const herindelingen = bouwHerindelingen(files, cbs);
  const veiligheidsregios = bouwVeiligheidsregios(vrRijen);
  const vrCodes = new Set(veiligheidsregios.map((v) => v.code));
  const gemeenten = bouwGemeenten(cbs, master, cbs2023, herindelingen, vrCodes);
  const landInwoners = bouwLandInwoners(cbs, gemeenten);
  const provincies = bouwProvincies(cbs, cbs2023);

  const geparsed = new Map<string, CsvRij[]>([
    [BESTANDEN.taakstelling, taakRijen],
    [BESTANDEN.achterstand, achterstandRijen],
    [BESTANDEN.oekraine, oekraineRijen],
    [
      BESTANDEN.herindelingen2021,
      parseCsv(vereisBestand(files, BESTANDEN.herindelingen2021), BESTANDEN.herindelingen2021),
    ],
  ]);

  const dataset: Dataset = {
    id: DATASET_ID,
    versie: DATASET_VERSIE,
    datum: DATASET_DATUM,
    bronnen: bouwBronnen(files, geparsed),
    land: { inwoners: landInwoners },
    provincies,
    veiligheidsregios,
    gemeenten,
    herindelingen,
    landelijkeTaakstelling: bouwLandelijkeTaakstelling(taakRijen),
    officieleTaakstelling: [],
    achterstandLandelijk: bouwAchterstand(achterstandRijen),
    opvangBesluiten: bouwOpvangBesluiten(files, { provincies, gemeenten }),
    kostenNormen: bouwKostenNormen(files),
    prikkels: bouwPrikkels(files),
    oekraineKerncijfers: bouwOekraineKerncijfers(oekraineRijen),
  };
  return DatasetSchema.parse(dataset);
}
