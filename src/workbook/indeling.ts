/**
 * The layout of Opgave's own workbooks — the gemeente workbook, the province workbook and the consolidation
 * overview — in one place: sheet names, table names, defined names, the columns (headers) of every table, the
 * labels that are read back or referred to from elsewhere, and the fixed places (rows, cells). The plan builders
 * (./bouwPlan, ./consolidatiePlan), the reader (./lezen) and the writers use these; nothing else spells them.
 *
 * A name, header or place here is part of the file format: workbooks made by earlier versions are refilled (tables
 * are found by name, else by their header row at the same start cell; input cells by defined name, else at the same
 * cell next to the same label) and read by the consolidation. Change one only together with the reader.
 */
import { NOTATIE_DATUM, NOTATIE_TIJDSTIP } from "../domain/tijdstip";
import type { Positie } from "./a1";
import type { GrafiekPlan, Kolom, Validatie } from "./plan";

/** Excel number formats; dates and moments are real date serials (Dutch day-month-year in every locale). */
export const NOTATIE = {
  geheel: "#,##0",
  euro: "€ #,##0",
  tekst: "@",
  /** Excel's own format of a cell nobody formatted. */
  algemeen: "General",
  datum: NOTATIE_DATUM,
  tijdstip: NOTATIE_TIJDSTIP,
} as const;

/** A table column (see `Kolom` in ./plan). */
export function kolom(
  sleutel: string,
  kop: string,
  soort: Kolom["soort"],
  notatie?: string,
  breedte?: number,
): Kolom {
  return { sleutel, kop, soort, ...(notatie ? { notatie } : {}), ...(breedte ? { breedte } : {}) };
}

/** A column with a data validation on its data cells. */
function metValidatie(k: Kolom, validatie: Validatie): Kolom {
  return { ...k, validatie };
}

/** The header of a column by its key ("" when the key is not there). */
export function kop(kolommen: readonly Kolom[], sleutel: string): string {
  return kolommen.find((k) => k.sleutel === sleutel)?.kop ?? "";
}

function plek(rij: number, kolom = 1): Positie {
  return { rij, kolom };
}

// ---------------------------------------------------------------------------------------------------------
// Names

/** Sheets of the gemeente workbook (Overzicht … Bron) and of the province workbook (Provincie, Bron). */
export const BLADEN = {
  overzicht: "Overzicht",
  taakstelling: "Taakstelling",
  opvang: "Opvang",
  kleinschalig: "Kleinschalig",
  kosten: "Kosten",
  bron: "Bron",
  provincie: "Provincie",
} as const;

export const TABELLEN = {
  taakstelling: "Opgave_Taakstelling",
  opvang: "Opgave_Opvang",
  kleinschalig: "Opgave_Kleinschalig",
  kosten: "Opgave_Kosten",
  provincie: "Opgave_Provincie",
  bronnen: "Opgave_Bronnen",
} as const;

/** Defined names of the named input cells. */
export const NAMEN = {
  startperiode: "Opgave_Startperiode",
  beginsaldo: "Opgave_Beginsaldo",
  bestaandePlaatsen: "Opgave_BestaandePlaatsen",
  plaatsen: "Opgave_Plaatsen",
  kostenPerPlaats: "Opgave_KostenPerPlaats",
  locaties: "Opgave_Locaties",
  vasteKosten: "Opgave_VasteKostenPerLocatie",
  bonusPerPlaats: "Opgave_BonusPerPlaats",
} as const;

/** Sheets of the consolidation overview besides "Overzicht <provincie>" (see `overzichtBladNaam`). */
export const CONSOLIDATIE_BLADEN = {
  regios: "Veiligheidsregio's",
  controle: "Controle",
  bron: BLADEN.bron,
} as const;

export const CONSOLIDATIE_TABELLEN = {
  overzicht: "Opgave_Consolidatie",
  regios: "Opgave_ConsolidatieRegio",
  controle: "Opgave_Controle",
  aanleveringen: "Opgave_Aanleveringen",
} as const;

/** "Overzicht Noord-Brabant" (at most 31 characters, the Excel limit). */
export function overzichtBladNaam(provincie: string | undefined): string {
  return (provincie ? `Overzicht ${provincie}` : "Overzicht").slice(0, 31);
}

/** Prefix of the charts the .xlsx writer draws ("Opgave_Grafiek_1", …): a refill recognises them as its own. */
export const GRAFIEK_PREFIX = "Opgave_Grafiek_";

/**
 * The titles of Opgave's charts (the consolidation's followed by " — " and the province): a refill also knows its
 * chart by its title where a program that saved the file renamed it (openpyxl names every chart "Chart 1", …).
 */
export const GRAFIEK_TITELS = {
  gemeente: "Taakstelling en gehuisvest per periode",
  consolidatie: "Achterstand en tekort opvang per gemeente",
} as const;

/** Whether `titel` is the title of one of Opgave's charts (`GRAFIEK_TITELS`). */
export function isGrafiekTitel(titel: string): boolean {
  return Object.values(GRAFIEK_TITELS).some((t) => titel === t || titel.startsWith(`${t} — `));
}

/** Stable name of the i-th (0-based) chart of a sheet in Excel, so a refill replaces it. */
export function grafiekNaam(g: GrafiekPlan, index: number): string {
  return `${g.tabel}_Grafiek${index + 1}`;
}

/** Whether a chart of this name is one of Opgave's: as the pane names it (`grafiekNaam`) or the .xlsx writer. */
export function isOpgaveGrafiekNaam(naam: string): boolean {
  return naam.startsWith(GRAFIEK_PREFIX) || /^Opgave_\w+_Grafiek\d+$/.test(naam);
}

// ---------------------------------------------------------------------------------------------------------
// Labels that are read back (./lezen, the CLI) or referred to from another part of the plan

/** Bron sheet (every workbook): label in column A, value in column B. */
export const BRON_LABELS = {
  dataset: "Dataset",
  versie: "Versie",
  datum: "Datum dataset",
  hash: "Hash",
  bronUrl: "Bron-adres",
  opgehaald: "Opgehaald",
  addinVersie: "Versie invoegtoepassing",
  gevuldOp: "Gevuld op",
  onderwerp: "Onderwerp",
  beheer: "Beheer",
  ondertekend: "Ondertekend door",
} as const;

/** The Bron "Onderwerp" of each kind of workbook (the CLI compares it before a refill; ./lezen reads it back). */
export const ONDERWERP = {
  gemeente: (code: string, naam: string): string => `gemeente ${code} (${naam})`,
  provincie: (code: string, naam: string, periode: string): string =>
    `provincie ${code} (${naam}), ${periode}`,
  consolidatie: (provincie: { readonly code: string; readonly naam: string } | undefined): string =>
    provincie ? `consolidatie provincie ${provincie.code} (${provincie.naam})` : "consolidatie",
} as const;

/** Kind, code and name from an "Onderwerp" text; undefined when it is none of the above. */
export function leesOnderwerpTekst(
  tekst: string,
): { soort: "gemeente" | "provincie" | "consolidatie"; code: string; naam: string } | undefined {
  const g = /^gemeente (GM\d{4}) \((.*)\)$/.exec(tekst.trim());
  if (g) return { soort: "gemeente", code: g[1] ?? "", naam: g[2] ?? "" };
  const p = /^provincie (PV\d{2}) \(([^)]*)\)/.exec(tekst.trim());
  if (p) return { soort: "provincie", code: p[1] ?? "", naam: p[2] ?? "" };
  const c = /^consolidatie provincie (PV\d{2}) \(([^)]*)\)/.exec(tekst.trim());
  if (c) return { soort: "consolidatie", code: c[1] ?? "", naam: c[2] ?? "" };
  return undefined;
}

/**
 * An "Onderwerp" in words for a message: what kind of workbook (`wat`, with its article) and whose (`van`):
 * "het Opgave-werkboek" "van gemeente Zeist (GM0355)", "het provincie-overzicht" "van Utrecht". The stored text
 * ("consolidatie provincie PV26 (Utrecht)") is for reading back, not for the user.
 */
export function onderwerpInWoorden(tekst: string): { readonly wat: string; readonly van: string } {
  const o = leesOnderwerpTekst(tekst);
  if (o?.soort === "gemeente")
    return { wat: "het Opgave-werkboek", van: `van gemeente ${o.naam} (${o.code})` };
  if (o?.soort === "provincie") {
    const periode = /\),\s*(\S.*)$/.exec(tekst.trim())?.[1];
    return { wat: "het Opgave-werkboek", van: `van provincie ${o.naam}${periode ? ` voor ${periode}` : ""}` };
  }
  if (o?.soort === "consolidatie") return { wat: "het provincie-overzicht", van: `van ${o.naam}` };
  if (tekst.trim() === ONDERWERP.consolidatie(undefined)) return { wat: "een provincie-overzicht", van: "" };
  return { wat: "het Opgave-werkboek", van: `voor "${tekst.trim()}"` };
}

/** `onderwerpInWoorden` as one phrase: "het Opgave-werkboek van gemeente Zeist (GM0355)". */
export function onderwerpZin(tekst: string): string {
  const { wat, van } = onderwerpInWoorden(tekst);
  return van === "" ? wat : `${wat} ${van}`;
}

/** Label of the Bron row that says which gemeente / province (and period) the workbook is for. */
export const ONDERWERP_LABEL = BRON_LABELS.onderwerp;

/** Label of the Bron row that says which publisher key signed the data (the last row of the block). */
export const ONDERTEKEND_LABEL = BRON_LABELS.ondertekend;

/** Opvang sheet: the default decision's figures (label in A, value in B) and the gap below them. */
export const OPVANG_LABELS = {
  besluit: "Besluit",
  datum: "Datum besluit",
  peildatum: "Peildatum",
  status: "Status",
  doel: "Opvangplaatsen (doel)",
  amv: "waarvan amv",
  herkomst: "Herkomst",
  herkomstAmv: "Herkomst amv",
  tekort: "Tekort (+) / overschot (−)",
} as const;

/** Overzicht sheet of the gemeente workbook: the key figures computed from the Taakstelling sheet. */
export const OVERZICHT_LABELS = {
  achterstand: "Achterstand (laatst berekende periode)",
  voorsprong: "Voorsprong (laatst berekende periode)",
  periode: "Laatst berekende periode",
  /** Up to which period the chain runs and why it stops there. */
  verloop: "Verloop",
} as const;

/** Kosten sheet: the results (label in A, formula in B). */
export const KOSTEN_UITKOMSTEN = {
  jaarkostenOpvang: "Jaarkosten opvang (€)",
  vasteKosten: "Vaste kosten locaties per jaar (€)",
  jaarkostenTotaal: "Jaarkosten totaal (€)",
  bonus: "Eenmalige bonus (€)",
} as const;

// ---------------------------------------------------------------------------------------------------------
// Fixed places

/** Places in the gemeente workbook. */
export const GEMEENTE_PLEKKEN = {
  overzicht: { gegevens: plek(2), toelichting: plek(16), grafiek: plek(18) },
  /** The hints next to the named input cells B4 and B5, and the table. */
  taakstelling: { toelichting: plek(4, 3), tabel: plek(7) },
  /** The default decision's figures from A2, the gap in row 12, a caption in row 13 and the table. */
  opvang: { gegevens: plek(2), tekort: plek(12), bijschrift: plek(13), tabel: plek(14) },
  /** The assumption lines from row 3; the table follows them after an empty row. */
  kleinschalig: { aannames: plek(3) },
  /**
   * Header row 3; one row per assumption from row 4 (columns: label, own value = the named input cell, the plan's
   * standard, the value used, where the standard comes from); the results from row 10; the norms table.
   */
  kosten: {
    kop: plek(3),
    kolommen: { label: 1, eigen: 2, standaard: 3, gebruikt: 4, toelichting: 5 },
    uitkomsten: plek(10),
    bijschrift: plek(15),
    tabel: plek(16),
  },
} as const;

/** Places of the Bron sheet, the same in every workbook: title, provenance rows 2–12, the list at A13. */
export const BRON_PLEKKEN = { titel: plek(1), gegevens: plek(2), tabel: plek(13) } as const;

export const PROVINCIE_PLEKKEN = { titel: plek(1), gegevens: plek(6), tabel: plek(8) } as const;

export const CONSOLIDATIE_PLEKKEN = {
  overzicht: { titel: plek(1), gegevens: plek(6), bron: plek(6, 5), tabel: plek(9), grafiekKolom: 2 },
  regios: { titel: plek(1), tabel: plek(3) },
  controle: { titel: plek(1), tabel: plek(4) },
  bron: { tabel: BRON_PLEKKEN.tabel },
} as const;

// ---------------------------------------------------------------------------------------------------------
// Data validation of the input cells (Dutch prompt and error; an empty cell is always allowed: "not known")

/** A whole number of 0 or more (people, places, locations). */
function aantal(titel: string, leeg: string): Validatie {
  return {
    soort: "geheel",
    min: 0,
    titel,
    invoer: `Een geheel getal van 0 of meer, zonder punt, spatie of tekst (bijv. 350). Leeg = ${leeg}.`,
    fout: `${titel}: vul een geheel getal van 0 of meer in (bijv. 350), zonder punten, spaties of tekst zoals "ca.".`,
  };
}

/** An amount in euros of 0 or more (cents allowed). */
function bedrag(titel: string): Validatie {
  return {
    soort: "decimaal",
    min: 0,
    titel,
    invoer:
      "Een bedrag in euro's van 0 of meer, zonder €-teken, punt voor duizendtallen of tekst (bijv. 35000). Leeg = de standaard.",
    fout: `${titel}: vul een bedrag van 0 of meer in (bijv. 35000), zonder €-teken, punt voor duizendtallen of tekst.`,
  };
}

/** Beginsaldo: a whole number, negative for a surplus (a backlog or surplus carried in from before). */
const BEGINSALDO: Validatie = {
  soort: "geheel",
  min: -1_000_000,
  max: 1_000_000,
  titel: "Beginsaldo",
  invoer:
    "Een geheel getal: achterstand aan het begin positief (bijv. 12), voorsprong negatief (bijv. -5). Leeg = 0.",
  fout: "Beginsaldo: vul een geheel getal in, achterstand positief (bijv. 12) en voorsprong negatief (bijv. -5), zonder tekst.",
};

/** A national number of the user's own (art. 29 with it): 1 to 200,000, as TAAKSTELLING's `landelijk` accepts. */
const LANDELIJK_EIGEN: Validatie = {
  soort: "geheel",
  min: 1,
  max: 200_000,
  titel: "Landelijk getal (eigen invoer)",
  invoer:
    "Het landelijk aantal te huisvesten vergunninghouders voor deze periode uit de circulaire: een geheel getal van 1 tot en met 200000 (bijv. 19500). Leeg = het landelijk getal uit de dataset.",
  fout: "Landelijk getal (eigen invoer): vul een geheel getal van 1 tot en met 200000 in (bijv. 19500), zonder punten, spaties of tekst.",
};

/** The validations of the columns and named input cells (the start period's list is made with the plan). */
export const VALIDATIES = {
  taakstellingEigen: aantal("Taakstelling (eigen invoer)", "de taakstelling uit de dataset"),
  landelijkEigen: LANDELIJK_EIGEN,
  gehuisvest: aantal("Gehuisvest", "nog niet bekend (het verloop stopt daar)"),
  beginsaldo: BEGINSALDO,
  bestaand: aantal("Bestaande plaatsen", "niet bekend"),
  plaatsen: aantal("Opvangplaatsen", "de standaard"),
  locaties: aantal("Aantal locaties", "de standaard"),
  kostenPerPlaats: bedrag("Kosten per plaats per jaar"),
  vasteKosten: bedrag("Vaste kosten per locatie"),
  bonusPerPlaats: bedrag("Bonus per plaats"),
} as const satisfies Record<string, Validatie>;

/** The start period: one of the periods of the Taakstelling table (`lijst`: their absolute range, "=$A$8:$A$25"). */
export function startperiodeValidatie(lijst: string): Validatie {
  return {
    soort: "lijst",
    lijst,
    titel: "Eerste periode",
    invoer:
      "Kies de eerste periode die u bijhoudt uit de lijst (zoals in kolom Periode, bijv. 2022-I). Leeg = vanaf de eerste periode.",
    fout: "Eerste periode: kies een periode uit de lijst, precies zoals in kolom Periode (bijv. 2022-I).",
  };
}

/** Validation of each named input cell but the start period (see `startperiodeValidatie`). */
export const INVOER_VALIDATIES: Readonly<Record<string, Validatie>> = {
  [NAMEN.beginsaldo]: VALIDATIES.beginsaldo,
  [NAMEN.bestaandePlaatsen]: VALIDATIES.bestaand,
  [NAMEN.plaatsen]: VALIDATIES.plaatsen,
  [NAMEN.kostenPerPlaats]: VALIDATIES.kostenPerPlaats,
  [NAMEN.locaties]: VALIDATIES.locaties,
  [NAMEN.vasteKosten]: VALIDATIES.vasteKosten,
  [NAMEN.bonusPerPlaats]: VALIDATIES.bonusPerPlaats,
};

/** A named input cell: its sheet and cell in the plan, and the label (plan-owned) in the cell to its left. */
export interface InvoerPlek {
  readonly blad: string;
  readonly positie: Positie;
  readonly label: string;
}

const kostenAanname = (i: number, label: string): InvoerPlek => ({
  blad: BLADEN.kosten,
  positie: plek(GEMEENTE_PLEKKEN.kosten.kop.rij + 1 + i, GEMEENTE_PLEKKEN.kosten.kolommen.eigen),
  label,
});

/** Every named input cell of the gemeente workbook, by defined name (Kosten: in the order of the rows). */
export const INVOERCELLEN = {
  [NAMEN.startperiode]: { blad: BLADEN.taakstelling, positie: plek(4, 2), label: "Eerste periode" },
  [NAMEN.beginsaldo]: { blad: BLADEN.taakstelling, positie: plek(5, 2), label: "Beginsaldo" },
  [NAMEN.bestaandePlaatsen]: { blad: BLADEN.opvang, positie: plek(11, 2), label: "Bestaande plaatsen" },
  [NAMEN.plaatsen]: kostenAanname(0, "Opvangplaatsen"),
  [NAMEN.kostenPerPlaats]: kostenAanname(1, "Kosten per plaats per jaar (€)"),
  [NAMEN.locaties]: kostenAanname(2, "Aantal locaties"),
  [NAMEN.vasteKosten]: kostenAanname(3, "Vaste kosten per locatie per jaar (€)"),
  [NAMEN.bonusPerPlaats]: kostenAanname(4, "Eenmalige bonus per plaats (€)"),
} as const satisfies Record<string, InvoerPlek>;

export type InvoerNaam = keyof typeof INVOERCELLEN;

// ---------------------------------------------------------------------------------------------------------
// Columns of the gemeente and province workbooks

const G = NOTATIE.geheel;
const E = NOTATIE.euro;
const D = NOTATIE.datum;
const T = NOTATIE.tekst;
const V = VALIDATIES;

export const TAAKSTELLING_KOLOMMEN: readonly Kolom[] = [
  kolom("periode", "Periode", "gegeven", T, 14),
  kolom("landelijk", "Landelijk", "gegeven", G, 11),
  kolom("inwoners", "Inwoners", "gegeven", G, 12),
  kolom("taakstelling", "Taakstelling", "gegeven", G, 13),
  kolom("herkomst", "Herkomst", "gegeven", T, 30),
  metValidatie(
    kolom("taakstellingEigen", "Taakstelling (eigen invoer)", "invoer", G, 14),
    V.taakstellingEigen,
  ),
  metValidatie(kolom("gehuisvest", "Gehuisvest", "invoer", G, 12), V.gehuisvest),
  kolom("gecorrigeerd", "Gecorrigeerd", "formule", G, 13),
  kolom("achterstand", "Achterstand", "formule", G, 12),
  kolom("voorsprong", "Voorsprong", "formule", G, 12),
  kolom("toelichting", "Toelichting", "gegeven", T, 60),
  // Added at the end (a refill of an older table appends them there): the taakstelling the chain uses (own input,
  // else the dataset's; the chart plots it) and where and why the chain stops. No text format: they hold formulas.
  kolom("taakstellingGebruikt", "Taakstelling (gebruikt)", "formule", G, 13),
  kolom("verloop", "Verloop", "formule", undefined, 70),
  // Added at the end too (issue 14): a national number of the user's own for a period, and the figures art. 29
  // needs with it on the period's reference date (CBS), so "Taakstelling (gebruikt)" computes ⌈L × iG / iN⌉ itself.
  metValidatie(kolom("landelijkEigen", "Landelijk getal (eigen invoer)", "invoer", G, 14), V.landelijkEigen),
  kolom("inwonersNederland", "Inwoners Nederland", "gegeven", G, 13),
  kolom("peildatumInwoners", "Peildatum inwoners", "gegeven", D, 11),
];

export const OPVANG_KOLOMMEN: readonly Kolom[] = [
  kolom("besluit", "Besluit", "gegeven", T, 24),
  kolom("naam", "Naam", "gegeven", T, 50),
  kolom("datum", "Datum", "gegeven", D, 11),
  kolom("peildatum", "Peildatum", "gegeven", D, 11),
  kolom("status", "Status", "gegeven", T, 20),
  kolom("totaal", "Opvangplaatsen", "gegeven", G, 15),
  kolom("amv", "waarvan amv", "gegeven", G, 12),
  kolom("herkomst", "Herkomst", "gegeven", T, 14),
  kolom("standaard", "Standaard", "gegeven", T, 10),
  kolom("tekort", "Tekort t.o.v. bestaand", "formule", G, 14),
];

export const KLEINSCHALIG_KOLOMMEN: readonly Kolom[] = [
  kolom("locaties", "Locaties", "gegeven", G, 10),
  kolom("grootte", "Plaatsen per locatie", "gegeven", G, 12),
  kolom("totaal", "Totaal plaatsen", "gegeven", G, 12),
  kolom("overschot", "Overschot", "gegeven", G, 11),
  kolom("duurzaam", "Duurzaam-bonus", "gegeven", T, 10),
  kolom("jaarkosten", "Jaarkosten indicatief (€)", "gegeven", E, 16),
  kolom("vasteKosten", "waarvan vaste kosten (€)", "gegeven", E, 16),
  kolom("bonus", "Eenmalige bonus (€)", "gegeven", E, 16),
];

/** The dataset's norms and incentives on the Kosten sheet. */
export const KOSTEN_KOLOMMEN: readonly Kolom[] = [
  kolom("id", "Norm", "gegeven", T, 30),
  kolom("soort", "Soort", "gegeven", T, 14),
  kolom("vanaf", "Vanaf", "gegeven", D, 11),
  kolom("tot", "Tot en met", "gegeven", D, 11),
  kolom("bedrag", "Bedrag (€)", "gegeven", "€ #,##0.00", 12),
  kolom("eenheid", "Per", "gegeven", T, 22),
  kolom("status", "Status", "gegeven", T, 30),
  kolom("bron", "Bron", "gegeven", T, 60),
];

/** The dataset's sources on the Bron sheet of the gemeente and province workbooks. */
export const BRON_KOLOMMEN: readonly Kolom[] = [
  kolom("id", "Id", "gegeven", T, 30),
  kolom("titel", "Titel", "gegeven", T, 60),
  kolom("urls", "Adres(sen)", "gegeven", T, 60),
  kolom("peildatum", "Peildatum", "gegeven", D, 16),
  kolom("bestand", "Bestand", "gegeven", T, 30),
];

/** The province table; two headers name the half-year and its population reference year. */
export function provincieKolommen(periode: string, peiljaar: number): Kolom[] {
  return [
    kolom("code", "Code", "gegeven", T, 9),
    kolom("gemeente", "Gemeente", "gegeven", T, 26),
    kolom("inwoners", `Inwoners 1-1-${peiljaar}`, "gegeven", G, 13),
    kolom("taakstelling", `Taakstelling ${periode}`, "gegeven", G, 13),
    metValidatie(
      kolom("taakstellingEigen", "Taakstelling (eigen invoer)", "invoer", G, 14),
      V.taakstellingEigen,
    ),
    metValidatie(kolom("gehuisvest", "Gehuisvest", "invoer", G, 12), V.gehuisvest),
    metValidatie(kolom("beginsaldo", "Beginsaldo", "invoer", G, 12), V.beginsaldo),
    kolom("achterstand", "Achterstand", "formule", G, 12),
    kolom("voorsprong", "Voorsprong", "formule", G, 12),
    kolom("opvang", "Opvang", "gegeven", G, 10),
    kolom("amv", "amv", "gegeven", G, 8),
    kolom("opvangHerkomst", "Herkomst opvang", "gegeven", T, 14),
    metValidatie(kolom("bestaand", "Bestaande plaatsen", "invoer", G, 12), V.bestaand),
    kolom("tekort", "Tekort", "formule", G, 10),
    kolom("herkomst", "Herkomst taakstelling", "gegeven", T, 30),
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Columns of the consolidation overview (headers are stable: the refill matches columns by header)

/** Figures of the overview and of the regions, the same columns in both. */
const CIJFERS = {
  taakstelling: kolom("taakstelling", "Taakstelling", "gegeven", G, 12),
  gehuisvest: kolom("gehuisvest", "Gehuisvest", "gegeven", G, 11),
  beginsaldo: kolom("beginsaldo", "Beginsaldo", "gegeven", G, 11),
  achterstand: kolom("achterstand", "Achterstand", "gegeven", G, 12),
  voorsprong: kolom("voorsprong", "Voorsprong", "gegeven", G, 11),
  opvang: kolom("opvang", "Opvangdoel", "gegeven", G, 11),
  amv: kolom("amv", "waarvan amv", "gegeven", G, 10),
  bestaand: kolom("bestaand", "Bestaande plaatsen", "gegeven", G, 12),
  tekort: kolom("tekort", "Tekort opvang", "gegeven", G, 11),
  locaties: kolom("locaties", "Geplande locaties", "gegeven", G, 11),
  jaarkosten: kolom("jaarkosten", "Jaarkosten (€)", "gegeven", E, 15),
  bonus: kolom("bonus", "Eenmalige bonus (€)", "gegeven", E, 14),
  notities: kolom("notities", "Notities", "invoer", T, 40),
};
const C = CIJFERS;

export const CONSOLIDATIE_KOLOMMEN: {
  readonly overzicht: readonly Kolom[];
  readonly regios: readonly Kolom[];
  readonly controle: readonly Kolom[];
  readonly aanleveringen: readonly Kolom[];
} = {
  overzicht: [
    kolom("code", "Code", "gegeven", T, 9),
    kolom("gemeente", "Gemeente", "gegeven", T, 24),
    kolom("veiligheidsregio", "Veiligheidsregio", "gegeven", T, 20),
    kolom("status", "Status", "gegeven", T, 22),
    kolom("bestand", "Bestand", "gegeven", T, 24),
    kolom("vanaf", "Vanaf", "gegeven", T, 9),
    kolom("tm", "T/m", "gegeven", T, 9),
    ...[C.taakstelling, C.gehuisvest, C.beginsaldo, C.achterstand, C.voorsprong, C.opvang, C.amv],
    kolom("besluit", "Besluit opvang", "gegeven", T, 20),
    ...[C.bestaand, C.tekort, C.locaties],
    kolom("locatiesHerkomst", "Herkomst locaties", "gegeven", T, 14),
    ...[C.jaarkosten, C.bonus, C.notities],
    // Added at the end (a refill of an older overview appends it after the coordinator's own columns).
    kolom("achtereenAchter", "Achtereen achter", "gegeven", G, 10),
  ],
  regios: [
    kolom("code", "Code", "gegeven", T, 8),
    kolom("naam", "Veiligheidsregio", "gegeven", T, 26),
    kolom("gemeenten", "Gemeenten", "gegeven", G, 10),
    kolom("aangeleverd", "Aangeleverd", "gegeven", G, 11),
    ...[C.taakstelling, C.gehuisvest, C.beginsaldo, C.achterstand, C.voorsprong, C.opvang, C.amv],
    ...[C.bestaand, C.tekort, C.locaties, C.jaarkosten, C.bonus, C.notities],
  ],
  controle: [
    kolom("ernst", "Ernst", "gegeven", T, 13),
    kolom("soort", "Controle", "gegeven", T, 22),
    kolom("bestand", "Bestand", "gegeven", T, 26),
    kolom("code", "Code", "gegeven", T, 9),
    kolom("gemeente", "Gemeente", "gegeven", T, 22),
    kolom("plek", "Cel", "gegeven", T, 16),
    kolom("melding", "Melding", "gegeven", T, 90),
    kolom("afgehandeld", "Afgehandeld", "invoer", T, 24),
    // The refill matches rows by this key (keeps "Afgehandeld"): hidden, not removed.
    { ...kolom("id", "Id", "gegeven", T, 30), verborgen: true },
  ],
  aanleveringen: [
    kolom("bestand", "Bestand", "gegeven", T, 30),
    kolom("code", "Code", "gegeven", T, 9),
    kolom("gemeente", "Gemeente", "gegeven", T, 24),
    kolom("dataset", "Dataset", "gegeven", T, 18),
    kolom("versie", "Versie", "gegeven", T, 12),
    kolom("gevuldOp", BRON_LABELS.gevuldOp, "gegeven", NOTATIE.tijdstip, 19),
    kolom("addinVersie", BRON_LABELS.addinVersie, "gegeven", T, 12),
    kolom("gebruikt", "Gebruikt", "gegeven", T, 9),
    kolom("toelichting", "Toelichting", "gegeven", T, 80),
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Columns added by a later version

/**
 * The headers of the columns a later version of Opgave added at the end of a table, by table name. A refill of an
 * older table writes them after the user's own columns (./samenvoegen `kolomVolgorde`), so a refilled table may have
 * a user's column before them, and it stays there on every later refill, wherever it stands (a user's column
 * before any other of Opgave's columns stays only right of Opgave's other cells on the sheet: `eigenKolomVanaf`,
 * ./samenvoegen `eigenKolommenBinnen`). Only ever append to these lists.
 */
export const LATER_TOEGEVOEGD: Readonly<Record<string, readonly string[]>> = {
  [TABELLEN.taakstelling]: [
    "taakstellingGebruikt",
    "verloop",
    "landelijkEigen",
    "inwonersNederland",
    "peildatumInwoners",
  ].map((s) => kop(TAAKSTELLING_KOLOMMEN, s)),
  [CONSOLIDATIE_TABELLEN.overzicht]: [kop(CONSOLIDATIE_KOLOMMEN.overzicht, "achtereenAchter")],
};
