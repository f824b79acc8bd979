/**
 * The provincial overview as a workbook plan (./plan): pure code, applied by the existing writers —
 * `schrijfXlsx(plan, bestaand)` for an .xlsx file (CLI `opgave consolideer`), the Office.js writer in the pane.
 *
 * Sheets (stable names, so a re-run refills in place and keeps what the coordinator added):
 * - "Overzicht <provincie>": title and explanation, table Opgave_Consolidatie at A9 (key: gemeente code; one row
 *   per gemeente of the province, delivered or not; the recomputed figures; "Notities" is an input column, and any
 *   column the coordinator adds to the table is kept by the refill merge), a totals row of SUM formulas below it,
 *   and a column chart of achterstand and opvang tekort per gemeente;
 * - "Veiligheidsregio's" (only when the province has more than one): table Opgave_ConsolidatieRegio, sums per
 *   region, with a totals row;
 * - "Controle": table Opgave_Controle (key: the finding's stable id; "Afgehandeld" is an input column for the
 *   coordinator; a finding that disappears but was marked keeps its row at the end, as the refill does);
 * - "Bron": the dataset the recomputation used, the add-in version, when it was made and the "Onderwerp" (the
 *   CLI refuses to refill an overview of another province), and table Opgave_Aanleveringen: every file read.
 */
import type { Consolidatie, GemeenteRegel, Totalen } from "../domain/consolideren";
import { consolidatieBerichten as b } from "../domain/berichten";
import { BLADEN, bronBlokken, NOTATIE, type BronInfo } from "./bouwPlan";
import {
  kolomLetters,
  type BladPlan,
  type BlokPlan,
  type Cel,
  type Kolom,
  type Positie,
  type TabelPlan,
  type WerkboekPlan,
} from "./plan";

export const CONSOLIDATIE_TABELLEN = {
  overzicht: "Opgave_Consolidatie",
  regios: "Opgave_ConsolidatieRegio",
  controle: "Opgave_Controle",
  aanleveringen: "Opgave_Aanleveringen",
} as const;

export const CONSOLIDATIE_BLADEN = {
  regios: "Veiligheidsregio's",
  controle: "Controle",
  bron: BLADEN.bron,
} as const;

/** "Overzicht Noord-Brabant" (at most 31 characters, the Excel limit). */
export function overzichtBladNaam(provincie: string | undefined): string {
  return (provincie ? `Overzicht ${provincie}` : "Overzicht").slice(0, 31);
}

/** The Bron "Onderwerp" of an overview (the CLI compares it before a refill). */
export function consolidatieOnderwerp(c: Consolidatie): string {
  return c.provincie ? `consolidatie provincie ${c.provincie.code} (${c.provincie.naam})` : "consolidatie";
}

const OVERZICHT_START: Positie = { rij: 9, kolom: 1 };
const REGIO_START: Positie = { rij: 3, kolom: 1 };
const CONTROLE_START: Positie = { rij: 4, kolom: 1 };
const AANLEVERINGEN_START: Positie = { rij: 13, kolom: 1 };

function k(sleutel: string, kop: string, soort: Kolom["soort"], notatie?: string, breedte?: number): Kolom {
  return { sleutel, kop, soort, ...(notatie ? { notatie } : {}), ...(breedte ? { breedte } : {}) };
}

const G = NOTATIE.geheel;
const E = NOTATIE.euro;
const T = NOTATIE.tekst;

/** Columns of the overview table; headers are stable (the refill matches columns by header). */
export function overzichtKolommen(): Kolom[] {
  return [
    k("code", "Code", "gegeven", T, 9),
    k("gemeente", "Gemeente", "gegeven", T, 24),
    k("veiligheidsregio", "Veiligheidsregio", "gegeven", T, 20),
    k("status", "Status", "gegeven", T, 22),
    k("bestand", "Bestand", "gegeven", T, 24),
    k("vanaf", "Vanaf", "gegeven", T, 9),
    k("tm", "T/m", "gegeven", T, 9),
    k("taakstelling", "Taakstelling", "gegeven", G, 12),
    k("gehuisvest", "Gehuisvest", "gegeven", G, 11),
    k("beginsaldo", "Beginsaldo", "gegeven", G, 11),
    k("achterstand", "Achterstand", "gegeven", G, 12),
    k("voorsprong", "Voorsprong", "gegeven", G, 11),
    k("opvang", "Opvangdoel", "gegeven", G, 11),
    k("amv", "waarvan amv", "gegeven", G, 10),
    k("besluit", "Besluit opvang", "gegeven", T, 20),
    k("bestaand", "Bestaande plaatsen", "gegeven", G, 12),
    k("tekort", "Tekort opvang", "gegeven", G, 11),
    k("locaties", "Geplande locaties", "gegeven", G, 11),
    k("locatiesHerkomst", "Herkomst locaties", "gegeven", T, 14),
    k("jaarkosten", "Jaarkosten (€)", "gegeven", E, 15),
    k("bonus", "Eenmalige bonus (€)", "gegeven", E, 14),
    k("notities", "Notities", "invoer", T, 40),
  ];
}

/** Columns summed in the totals row (overview and regions). */
const SOMMEN: readonly string[] = [
  "taakstelling",
  "gehuisvest",
  "beginsaldo",
  "achterstand",
  "voorsprong",
  "opvang",
  "amv",
  "bestaand",
  "tekort",
  "locaties",
  "jaarkosten",
  "bonus",
];

function statusTekst(r: GemeenteRegel): string {
  return r.statusTekst;
}

function overzichtRij(r: GemeenteRegel): Cel[] {
  return [
    r.code,
    r.naam,
    r.veiligheidsregio?.naam ?? null,
    statusTekst(r),
    r.bestand,
    r.vanaf,
    r.tm,
    r.taakstelling,
    r.gehuisvest,
    r.beginsaldo,
    r.achterstand,
    r.voorsprong,
    r.opvang.doel,
    r.opvang.amv,
    r.opvang.besluit,
    r.opvang.bestaandePlaatsen,
    r.opvang.tekort,
    r.locaties.aantal,
    r.locaties.herkomst === "invoer"
      ? "eigen invoer"
      : r.locaties.herkomst === "standaard"
        ? "standaard"
        : null,
    r.kosten?.jaarkostenTotaal ?? null,
    r.kosten?.bonus ?? null,
    null,
  ];
}

/** A totals row of SUM formulas under a table of `n` data rows. */
function totaalRij(kolommen: readonly Kolom[], start: Positie, n: number, labelKolom: string): Cel[] {
  const r1 = start.rij + 1;
  const r2 = start.rij + Math.max(n, 1);
  return kolommen.map((kol, i) => {
    if (kol.sleutel === labelKolom) return "Totaal";
    if (!SOMMEN.includes(kol.sleutel)) return null;
    const l = kolomLetters(start.kolom + i);
    return { formule: `=SUM(${l}${r1}:${l}${r2})` };
  });
}

function overzichtBlad(c: Consolidatie, bron: BronInfo): BladPlan {
  const kolommen = overzichtKolommen();
  const rijen = c.gemeenten.map(overzichtRij);
  const fouten = c.controles.filter((x) => x.ernst === "fout").length;
  const tabel: TabelPlan = {
    naam: CONSOLIDATIE_TABELLEN.overzicht,
    start: OVERZICHT_START,
    kolommen,
    sleutelKolom: "code",
    rijen,
    totaal: totaalRij(kolommen, OVERZICHT_START, rijen.length, "gemeente"),
  };
  const naam = c.provincie?.naam ?? "";
  const blokken: BlokPlan[] = [
    {
      start: { rij: 1, kolom: 1 },
      cellen: [
        [`Consolidatie taakstelling en opvang — provincie ${naam}`.trim()],
        [
          "Per gemeente herberekend door Opgave uit de invoer in het werkboek van de gemeente (Gehuisvest, Eerste " +
            "periode, Beginsaldo, eigen taakstelling, bestaande plaatsen, kostenaannames) met de gegevens van Opgave; " +
            "opgeslagen formule-uitkomsten in de werkboeken worden alleen gecontroleerd. Taakstelling en Gehuisvest: " +
            "opgeteld van Vanaf t/m T/m; Achterstand en Voorsprong aan het eind van T/m.",
        ],
        [b.locatiesToelichting],
        [
          `Bevindingen: ${fouten} ${fouten === 1 ? "fout" : "fouten"}, ${c.controles.length - fouten} ` +
            `${c.controles.length - fouten === 1 ? "waarschuwing" : "waarschuwingen"} — zie blad ${CONSOLIDATIE_BLADEN.controle}. ` +
            `Gemeenten buiten de provincie tellen niet mee. Vul uw eigen notities in kolom Notities (of in een eigen ` +
            "kolom naast de tabel): opnieuw consolideren laat ze staan.",
        ],
      ],
      kop: true,
    },
    {
      start: { rij: 6, kolom: 1 },
      cellen: [
        ["Aangeleverd", `${c.totaal.aangeleverd} van ${c.totaal.gemeenten} gemeenten`],
        [
          "Opvangdoel provincie",
          c.opvangDoelProvincie,
          c.opvangBesluitProvincie
            ? `besluit ${c.opvangBesluitProvincie}; per gemeente het laatste besluit met een cijfer voor die gemeente (kolom Besluit opvang)`
            : null,
        ],
      ],
      notaties: [T, G, T],
    },
    {
      start: { rij: 6, kolom: 5 },
      cellen: [
        ["Gegevens", `${bron.datasetId} ${bron.versie} (${bron.datum})`],
        ["Gemaakt", bron.gemaakt],
      ],
      notaties: [T, T],
    },
  ];
  return {
    naam: overzichtBladNaam(c.provincie?.naam),
    blokken,
    invoercellen: [],
    tabellen: [tabel],
    grafieken: [
      {
        titel: `Achterstand en tekort opvang per gemeente${naam ? ` — ${naam}` : ""}`,
        soort: "kolom",
        tabel: CONSOLIDATIE_TABELLEN.overzicht,
        categorieKolom: "gemeente",
        reeksKolommen: ["achterstand", "tekort"],
        positie: { rij: OVERZICHT_START.rij + Math.max(rijen.length, 1) + 4, kolom: 2 },
      },
    ],
    breedtes: { 1: 14 },
  };
}

function regioKolommen(): Kolom[] {
  return [
    k("code", "Code", "gegeven", T, 8),
    k("naam", "Veiligheidsregio", "gegeven", T, 26),
    k("gemeenten", "Gemeenten", "gegeven", G, 10),
    k("aangeleverd", "Aangeleverd", "gegeven", G, 11),
    k("taakstelling", "Taakstelling", "gegeven", G, 12),
    k("gehuisvest", "Gehuisvest", "gegeven", G, 11),
    k("beginsaldo", "Beginsaldo", "gegeven", G, 11),
    k("achterstand", "Achterstand", "gegeven", G, 12),
    k("voorsprong", "Voorsprong", "gegeven", G, 11),
    k("opvang", "Opvangdoel", "gegeven", G, 11),
    k("amv", "waarvan amv", "gegeven", G, 10),
    k("bestaand", "Bestaande plaatsen", "gegeven", G, 12),
    k("tekort", "Tekort opvang", "gegeven", G, 11),
    k("locaties", "Geplande locaties", "gegeven", G, 11),
    k("jaarkosten", "Jaarkosten (€)", "gegeven", E, 15),
    k("bonus", "Eenmalige bonus (€)", "gegeven", E, 14),
    k("notities", "Notities", "invoer", T, 40),
  ];
}

function regioRij(code: string, naam: string, t: Totalen): Cel[] {
  return [
    code,
    naam,
    t.gemeenten,
    t.aangeleverd,
    t.taakstelling,
    t.gehuisvest,
    t.beginsaldo,
    t.achterstand,
    t.voorsprong,
    t.opvang,
    t.amv,
    t.bestaandePlaatsen,
    t.tekort,
    t.locaties,
    t.jaarkostenTotaal,
    t.bonus,
    null,
  ];
}

function regioBlad(c: Consolidatie): BladPlan {
  const kolommen = regioKolommen();
  const rijen = c.regios.map((r) => regioRij(r.code, r.naam, r.totaal));
  return {
    naam: CONSOLIDATIE_BLADEN.regios,
    blokken: [
      {
        start: { rij: 1, kolom: 1 },
        cellen: [
          [`Per veiligheidsregio — provincie ${c.provincie?.naam ?? ""}`.trim()],
          [
            "Sommen van de gemeenten van de provincie in elke veiligheidsregio (zelfde cijfers als het overzicht; " +
              "gemeenten zonder bestand tellen alleen mee met hun opvangdoel).",
          ],
        ],
        kop: true,
      },
    ],
    invoercellen: [],
    tabellen: [
      {
        naam: CONSOLIDATIE_TABELLEN.regios,
        start: REGIO_START,
        kolommen,
        sleutelKolom: "code",
        rijen,
        totaal: totaalRij(kolommen, REGIO_START, rijen.length, "naam").map((cel, i) =>
          kolommen[i]?.sleutel === "gemeenten" || kolommen[i]?.sleutel === "aangeleverd"
            ? {
                formule: `=SUM(${kolomLetters(REGIO_START.kolom + i)}${REGIO_START.rij + 1}:${kolomLetters(
                  REGIO_START.kolom + i,
                )}${REGIO_START.rij + Math.max(rijen.length, 1)})`,
              }
            : cel,
        ),
      },
    ],
    grafieken: [],
  };
}

function controleBlad(c: Consolidatie): BladPlan {
  const kolommen: Kolom[] = [
    k("ernst", "Ernst", "gegeven", T, 13),
    k("soort", "Controle", "gegeven", T, 22),
    k("bestand", "Bestand", "gegeven", T, 26),
    k("code", "Code", "gegeven", T, 9),
    k("gemeente", "Gemeente", "gegeven", T, 22),
    k("plek", "Cel", "gegeven", T, 16),
    k("melding", "Melding", "gegeven", T, 90),
    k("afgehandeld", "Afgehandeld", "invoer", T, 24),
    k("id", "Id", "gegeven", T, 30),
  ];
  const fouten = c.controles.filter((x) => x.ernst === "fout").length;
  return {
    naam: CONSOLIDATIE_BLADEN.controle,
    blokken: [
      {
        start: { rij: 1, kolom: 1 },
        cellen: [
          [`Controle van de aangeleverde werkboeken — provincie ${c.provincie?.naam ?? ""}`.trim()],
          [
            `${fouten} ${fouten === 1 ? "fout" : "fouten"} (bestand of cel niet gebruikt), ` +
              `${c.controles.length - fouten} ${c.controles.length - fouten === 1 ? "waarschuwing" : "waarschuwingen"}` +
              " (gebruikt, maar controleer). Noteer in Afgehandeld wat u ermee deed: opnieuw consolideren laat het staan.",
          ],
        ],
        kop: true,
      },
    ],
    invoercellen: [],
    tabellen: [
      {
        naam: CONSOLIDATIE_TABELLEN.controle,
        start: CONTROLE_START,
        kolommen,
        sleutelKolom: "id",
        rijen: c.controles.map((x) => [
          x.ernst,
          b.soortLabel[x.soort] ?? x.soort,
          x.bestand,
          x.gemeente?.code ?? null,
          x.gemeente?.naam ?? null,
          x.plek,
          x.melding,
          null,
          x.id,
        ]),
      },
    ],
    grafieken: [],
    breedtes: {},
  };
}

function bronBlad(c: Consolidatie, bron: BronInfo, bladen: readonly string[]): BladPlan {
  const kolommen: Kolom[] = [
    k("bestand", "Bestand", "gegeven", T, 30),
    k("code", "Code", "gegeven", T, 9),
    k("gemeente", "Gemeente", "gegeven", T, 24),
    k("dataset", "Dataset", "gegeven", T, 18),
    k("versie", "Versie", "gegeven", T, 12),
    k("gevuldOp", "Gevuld op", "gegeven", T, 22),
    k("addinVersie", "Versie invoegtoepassing", "gegeven", T, 12),
    k("gebruikt", "Gebruikt", "gegeven", T, 9),
    k("toelichting", "Toelichting", "gegeven", T, 80),
  ];
  return {
    naam: CONSOLIDATIE_BLADEN.bron,
    blokken: [
      ...bronBlokken(
        bron,
        consolidatieOnderwerp(c),
        `Opgave beheert de bladen ${bladen.join(", ")}. Opnieuw consolideren werkt de cijfers en de controle bij ` +
          "en behoudt uw notities (Notities, Afgehandeld, eigen kolommen in de tabellen) en al uw eigen bladen.",
        "Gelezen bestanden:",
        T,
      ),
    ],
    invoercellen: [],
    tabellen: [
      {
        naam: CONSOLIDATIE_TABELLEN.aanleveringen,
        start: AANLEVERINGEN_START,
        kolommen,
        sleutelKolom: "bestand",
        rijen: c.bestanden.map((x) => [
          x.bestand,
          x.gemeente?.code ?? null,
          x.gemeente?.naam ?? null,
          x.datasetId,
          x.versie,
          x.gevuldOp,
          x.addinVersie,
          x.gebruikt ? "ja" : "nee",
          x.toelichting,
        ]),
      },
    ],
    grafieken: [],
    breedtes: { 1: 26, 2: 60 },
  };
}

/** The overview workbook for a consolidation (`bron`: the dataset the engine used, the add-in, the time). */
export function planConsolidatie(c: Consolidatie, bron: BronInfo): WerkboekPlan {
  const bladen: BladPlan[] = [overzichtBlad(c, bron)];
  if (c.regios.length > 1) bladen.push(regioBlad(c));
  bladen.push(controleBlad(c));
  bladen.push(bronBlad(c, bron, [...bladen.map((x) => x.naam), CONSOLIDATIE_BLADEN.bron]));
  return {
    formaat: "opgave-werkboek",
    formaatVersie: 1,
    onderwerp: { soort: "provincie", code: c.provincie?.code ?? "", naam: c.provincie?.naam ?? "" },
    bladen,
  };
}
