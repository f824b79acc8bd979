/**
 * The provincial overview as a workbook plan (./plan): pure code, applied by the existing writers —
 * `schrijfXlsx(plan, bestaand)` for an .xlsx file (CLI `opgave consolideer`), the Office.js writer in the pane.
 *
 * Sheets (stable names, so a re-run refills in place and keeps what the coordinator added):
 * - "Overzicht <provincie>": title and explanation, the key figures (delivered, the province's opvang target, the
 *   period(s) Achterstand and Voorsprong stand at), table Opgave_Consolidatie at A9 (key: gemeente code; one row
 *   per gemeente of the province, delivered or not; the recomputed figures; "Notities" is an input column, and any
 *   column the coordinator adds to the table is kept by the refill merge; last "Achtereen achter", the consecutive
 *   half-years ending with an achterstand, not summed), a totals row of SUM formulas below it
 *   (blank, not 0, where no gemeente has a figure), and a column chart of achterstand and opvang tekort per
 *   gemeente;
 * - "Veiligheidsregio's" (only when the province has more than one): table Opgave_ConsolidatieRegio, sums per
 *   region (blank where none of its gemeenten has the figure), with a totals row;
 * - "Controle": table Opgave_Controle (key: the finding's stable id; "Afgehandeld" is an input column for the
 *   coordinator; a finding that disappears but was marked keeps its row at the end, as the refill does);
 * - "Bron": the dataset the recomputation used, the add-in version, when it was made and the "Onderwerp" (the
 *   CLI refuses to refill an overview of another province), and table Opgave_Aanleveringen: every file read.
 */
import {
  eindperiodeTeksten,
  type Consolidatie,
  type GemeenteRegel,
  type Totalen,
} from "../domain/consolideren";
import { consolidatieBerichten as b } from "../domain/berichten";
import { excelSerie } from "../domain/tijdstip";
import { kolomLetters, type Positie } from "./a1";
import { bronBlokken, type BronInfo } from "./bouwPlan";
import {
  CONSOLIDATIE_BLADEN,
  CONSOLIDATIE_KOLOMMEN,
  CONSOLIDATIE_PLEKKEN,
  CONSOLIDATIE_TABELLEN,
  NOTATIE,
  ONDERWERP,
  overzichtBladNaam,
  GRAFIEK_TITELS,
} from "./indeling";
import type { BladPlan, BlokPlan, Cel, Kolom, TabelPlan, WerkboekPlan } from "./plan";

export { CONSOLIDATIE_BLADEN, CONSOLIDATIE_TABELLEN, overzichtBladNaam } from "./indeling";

/** The Bron "Onderwerp" of an overview (the CLI compares it before a refill). */
export function consolidatieOnderwerp(c: Consolidatie): string {
  return ONDERWERP.consolidatie(c.provincie);
}

const P = CONSOLIDATIE_PLEKKEN;
const G = NOTATIE.geheel;
const T = NOTATIE.tekst;

/** Columns of the overview table; headers are stable (the refill matches columns by header). */
export function overzichtKolommen(): Kolom[] {
  return [...CONSOLIDATIE_KOLOMMEN.overzicht];
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
    r.achtereenAchter,
  ];
}

/** A totals row of SUM formulas (of the columns `sommen`) under a table of `n` data rows. */
function totaalRij(
  kolommen: readonly Kolom[],
  start: Positie,
  n: number,
  labelKolom: string,
  sommen: readonly string[] = SOMMEN,
): Cel[] {
  const r1 = start.rij + 1;
  const r2 = start.rij + Math.max(n, 1);
  return kolommen.map((kol, i) => {
    if (kol.sleutel === labelKolom) return "Totaal";
    if (!sommen.includes(kol.sleutel)) return null;
    const l = kolomLetters(start.kolom + i);
    // Blank, not 0, when no gemeente has a figure in the column.
    return { formule: `=IF(COUNT(${l}${r1}:${l}${r2})=0,"",SUM(${l}${r1}:${l}${r2}))` };
  });
}

function overzichtBlad(c: Consolidatie, bron: BronInfo): BladPlan {
  const kolommen = CONSOLIDATIE_KOLOMMEN.overzicht;
  const start = P.overzicht.tabel;
  const rijen = c.gemeenten.map(overzichtRij);
  const fouten = c.controles.filter((x) => x.ernst === "fout").length;
  const tabel: TabelPlan = {
    naam: CONSOLIDATIE_TABELLEN.overzicht,
    start,
    kolommen,
    sleutelKolom: "code",
    rijen,
    totaal: totaalRij(kolommen, start, rijen.length, "gemeente"),
  };
  const naam = c.provincie?.naam ?? "";
  const blokken: BlokPlan[] = [
    {
      start: P.overzicht.titel,
      cellen: [
        [`Consolidatie taakstelling en opvang — provincie ${naam}`.trim()],
        [
          "Per gemeente herberekend door Opgave uit de invoer in het werkboek van de gemeente (Gehuisvest, Eerste " +
            "periode, Beginsaldo, eigen taakstelling, bestaande plaatsen, kostenaannames) met de gegevens van Opgave; " +
            "opgeslagen formule-uitkomsten in de werkboeken worden alleen gecontroleerd. Taakstelling en Gehuisvest: " +
            "opgeteld van Vanaf t/m T/m; Achterstand en Voorsprong aan het eind van T/m. " +
            b.achtereenToelichting(c.toezichtDrempel),
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
      start: P.overzicht.gegevens,
      cellen: [
        ["Aangeleverd", `${c.totaal.aangeleverd} van ${c.totaal.gemeenten} gemeenten`],
        [
          "Opvangdoel provincie",
          c.opvangDoelProvincie,
          c.opvangBesluitProvincie
            ? `besluit ${c.opvangBesluitProvincie}; per gemeente het laatste besluit met een cijfer voor die gemeente (kolom Besluit opvang)`
            : null,
        ],
        // The periods the totals of Achterstand and Voorsprong stand at (they may differ per gemeente).
        [b.standLabel, b.standTekst(eindperiodeTeksten(c))],
      ],
      notaties: [T, G, T],
    },
    {
      start: P.overzicht.bron,
      cellen: [
        ["Gegevens", `${bron.datasetId} ${bron.versie} (${bron.datum})`],
        // A real date: the Dutch wall-clock time, shown d-m-yyyy hh:mm:ss.
        ["Gemaakt", excelSerie(bron.gemaakt) ?? bron.gemaakt],
      ],
      notaties: [T, T],
      celNotaties: [[], [undefined, NOTATIE.tijdstip]],
    },
  ];
  return {
    naam: overzichtBladNaam(c.provincie?.naam),
    blokken,
    invoercellen: [],
    tabellen: [tabel],
    grafieken: [
      {
        titel: `${GRAFIEK_TITELS.consolidatie}${naam ? ` — ${naam}` : ""}`,
        soort: "kolom",
        tabel: CONSOLIDATIE_TABELLEN.overzicht,
        categorieKolom: "gemeente",
        reeksKolommen: ["achterstand", "tekort"],
        positie: { rij: start.rij + Math.max(rijen.length, 1) + 4, kolom: P.overzicht.grafiekKolom },
      },
    ],
    breedtes: { 1: 14 },
    bevries: { rijen: start.rij, kolommen: start.kolom + 1 },
  };
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
  const kolommen = CONSOLIDATIE_KOLOMMEN.regios;
  const start = P.regios.tabel;
  const rijen = c.regios.map((r) => regioRij(r.code, r.naam, r.totaal));
  return {
    naam: CONSOLIDATIE_BLADEN.regios,
    blokken: [
      {
        start: P.regios.titel,
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
        start,
        kolommen,
        sleutelKolom: "code",
        rijen,
        totaal: totaalRij(kolommen, start, rijen.length, "naam", ["gemeenten", "aangeleverd", ...SOMMEN]),
      },
    ],
    grafieken: [],
    bevries: { rijen: start.rij, kolommen: start.kolom + 1 },
  };
}

function controleBlad(c: Consolidatie): BladPlan {
  const fouten = c.controles.filter((x) => x.ernst === "fout").length;
  return {
    naam: CONSOLIDATIE_BLADEN.controle,
    blokken: [
      {
        start: P.controle.titel,
        cellen: [
          [`Controle van de aangeleverde werkboeken — provincie ${c.provincie?.naam ?? ""}`.trim()],
          [
            `${fouten} ${fouten === 1 ? "fout" : "fouten"} (bestand of cel niet gebruikt), ` +
              `${c.controles.length - fouten} ${c.controles.length - fouten === 1 ? "waarschuwing" : "waarschuwingen"}` +
              " (gebruikt, maar controleer). Noteer in Afgehandeld wat u ermee deed: opnieuw consolideren laat het staan; " +
              "een bevinding die dan niet meer voorkomt, blijft met uw notitie onderaan staan als vervallen.",
          ],
        ],
        kop: true,
      },
    ],
    invoercellen: [],
    tabellen: [
      {
        naam: CONSOLIDATIE_TABELLEN.controle,
        start: P.controle.tabel,
        kolommen: CONSOLIDATIE_KOLOMMEN.controle,
        sleutelKolom: "id",
        // A finding that no longer occurs stays for its Afgehandeld, no longer as an error or warning.
        wees: { kolom: "ernst", waarde: "vervallen", naam: ["soort", "gemeente", "bestand", "plek"] },
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
    bevries: { rijen: P.controle.tabel.rij, kolommen: 0 },
  };
}

function bronBlad(c: Consolidatie, bron: BronInfo, bladen: readonly string[]): BladPlan {
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
        start: P.bron.tabel,
        kolommen: CONSOLIDATIE_KOLOMMEN.aanleveringen,
        sleutelKolom: "bestand",
        rijen: c.bestanden.map((x) => [
          x.bestand,
          x.gemeente?.code ?? null,
          x.gemeente?.naam ?? null,
          x.datasetId,
          x.versie,
          // A real date: the Dutch wall-clock time, as in the messages (the file holds an ISO moment).
          x.gevuldOp === null ? null : (excelSerie(x.gevuldOp) ?? x.gevuldOp),
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
