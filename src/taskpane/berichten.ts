/**
 * The one module of Dutch user-facing messages of this layer (the task pane). Formatting helpers come from
 * the domain's messages (src/domain/berichten.ts); feed and bundle messages from src/data/berichten.ts.
 */
import { getal } from "../domain/berichten";
import { OpgaveFout } from "../domain/fouten";
import { vertaalBibliotheekFout as vertaal } from "../workbook/bibliotheekFouten";

/** Said instead of an English technical message the pane does not know. */
const ONBEKEND = "een technische fout; de melding van het onderdeel is niet in het Nederlands beschikbaar";

/** A message that reads as English (an unknown library message): typical English words, none of Dutch. */
function isEngels(tekst: string): boolean {
  const engels = /\b(the|is|not|of|can'?t|cannot|undefined|invalid|error|unexpected|found|failed|reading)\b/i;
  const nederlands = /\b(het|de|een|niet|geen|kan|bestand|werkboek|fout)\b/i;
  return engels.test(tekst) && !nederlands.test(tekst);
}

/** Text between parentheses (one level of nesting inside), as Opgave's readers quote a library's message. */
const TUSSEN_HAAKJES = /\(((?:[^()]|\([^()]*\))*)\)/g;

/**
 * A text with the known library messages quoted in it (between parentheses, or the whole text when it is one)
 * in Dutch; everything else stays as it is (a cell value of the preview, say an English source title).
 */
function zonderEngels(tekst: string): string {
  const geheel = isEngels(tekst) ? vertaal(tekst) : undefined;
  if (geheel) return geheel;
  return tekst.replace(TUSSEN_HAAKJES, (heel, binnen: string) => {
    const nl = isEngels(binnen) ? vertaal(binnen) : undefined;
    return nl ? `(${nl})` : heel;
  });
}

/**
 * A finding or error message in Dutch: known library messages translated, and an unknown English message
 * (quoted between parentheses in a Dutch sentence, or the whole message) replaced by a Dutch placeholder.
 */
function meldingZonderEngels(tekst: string): string {
  if (isEngels(tekst)) return vertaal(tekst) ?? ONBEKEND;
  return tekst.replace(TUSSEN_HAAKJES, (heel, binnen: string) =>
    isEngels(binnen) ? `(${vertaal(binnen) ?? ONBEKEND})` : heel,
  );
}

/** "Gelderland en Utrecht", "A, B en C". */
function opsomming(namen: readonly string[]): string {
  return namen.length <= 1
    ? (namen[0] ?? "")
    : `${namen.slice(0, -1).join(", ")} en ${namen[namen.length - 1] ?? ""}`;
}

/** " Let op: …" after a message, or nothing. */
function paneelLetOp(melding: string | undefined): string {
  return melding ? ` Let op: ${melding}` : "";
}

function onverwacht(detail: string): string {
  return `Er ging iets mis: ${detail}. Uw werkboek is niet gewijzigd.`;
}

/** Messages of the task pane. */
export const paneelBerichten = {
  bronIngebouwd: "ingebouwde gegevens van de invoegtoepassing",
  bronCache: "laatst opgehaalde bundel (bewaard)",
  bronFeed: "opgehaald",
  verouderd: (datum: string) =>
    `Let op: deze gegevens zijn van ${datum} en mogelijk verouderd. Haal het laatste besluit op.`,
  gevuld: (nieuweBladen: number, wijzigingen: number, behouden: number) =>
    `Werkboek gevuld: ${nieuweBladen} ${nieuweBladen === 1 ? "nieuw blad" : "nieuwe bladen"}, ` +
    `${wijzigingen === 0 ? "geen gewijzigde cijfers" : `${wijzigingen} ${wijzigingen === 1 ? "gewijzigde waarde" : "gewijzigde waarden"}`}, ` +
    `${behouden} eigen ${behouden === 1 ? "invoercel" : "invoercellen"} behouden.`,
  /** A first fill: every sheet of Opgave's new (no figures to compare, no inputs to keep). */
  eersteVulling: (bladen: readonly string[]) =>
    `Werkboek gevuld: ${bladen.length} nieuwe ${bladen.length === 1 ? "blad" : "bladen"} (${bladen.join(", ")}); ` +
    "wat er al in het werkboek stond, bleef zoals het was.",
  enMeer: (n: number) => `• … en nog ${n} wijzigingen`,
  verweesd: (tabel: string, sleutel: string) =>
    `• ${tabel}: rij "${sleutel}" hoort niet meer bij de gegevens maar bevat uw invoer; onderaan de tabel bewaard.`,
  nietBehouden: (wat: string) => `• niet behouden (u koos Toch vullen): ${wat}`,
  tekstInGetal: (wat: string) =>
    `• ${wat}: geen getal waar een getal hoort; het blijft staan, maar de formules van Opgave rekenen er niet mee.`,
  buitenRegel: (wat: string) =>
    `• ${wat}: buiten de regel van de cel; het blijft staan en telt zo mee in de formules van Opgave, controleer het.`,
  bezig: "Bezig met vullen…",
  voorbeeldKlaar: (naam: string, melding?: string) =>
    `Voorbeeld van het werkboek voor ${naam} hieronder. Download het als .xlsx of open het paneel in Excel om te vullen.` +
    paneelLetOp(melding),
  /** After what a fill did: the plan's notice (a gemeente that no longer exists), when it has one. */
  letOp: paneelLetOp,
  invoerGewijzigd:
    "De invoer is gewijzigd: kies opnieuw Toon voorbeeld om het werkboek te zien en te downloaden.",
  downloadKlaar: (bestand: string) => `Het bestand ${bestand} is gemaakt.`,
  // The preview (./voorbeeld)
  inExcel: "in Excel",
  inExcelUitleg: "Excel berekent deze cel zodra het werkboek geopend is.",
  voorbeeldUitleg:
    "Per blad wat het werkboek bevat. Lichtgeel: hier vult u zelf in. “in Excel”: Excel berekent die cel zodra u het werkboek opent.",
  voorbeeldGegevens: (blad: string) => `${blad}: gegevens`,
  voorbeeldTabel: (blad: string, rijen: number) =>
    `${blad}: tabel met ${getal(rijen)} ${rijen === 1 ? "rij" : "rijen"}`,
  bladRijen: (rijen: number) => `(${getal(rijen)} ${rijen === 1 ? "rij" : "rijen"})`,
  toonAlleRijen: (rijen: number) => `Toon alle ${getal(rijen)} rijen`,
  invoerCel: (waarde: string) => (waarde === "" ? "eigen invoer, leeg" : `eigen invoer: ${waarde}`),
  ophalen: "Laatste besluit ophalen…",
  overnemen: "Nieuwe gegevens in gebruik nemen…",
  terugBezig: "Terug naar de ingebouwde gegevens…",
  sleutelIngebouwd: "ingebouwd in de invoegtoepassing",
  /** Bron sheet: "Bron-adres" of the embedded data, and what stands where the pane cannot know a value. */
  bronAdresIngebouwd: "ingebouwd in de invoegtoepassing (geen feed)",
  nietBeschikbaar: "niet beschikbaar in de browser",
  ondertekendDoor: (naam: string, id: string) => `Ondertekend door ${naam} (${id})`,
  kandidaatVersie: (versie: string, datum: string) => `${versie} van ${datum}`,
  kandidaatAantal: (aantal: number, toegevoegd: number) =>
    aantal === 0
      ? "Deze bundel wijzigt geen cijfers (alleen andere gegevens, zoals bronvermeldingen)."
      : `Deze bundel wijzigt ${getal(aantal)} ${aantal === 1 ? "cijfer" : "cijfers"} over alle gemeenten` +
        (toegevoegd > 0 ? `, waarvan ${getal(toegevoegd)} nieuw (er was nog geen cijfer).` : "."),
  letOpInGebruik: (n: number) =>
    n === 1
      ? "Let op: deze bundel wijzigt 1 cijfer dat al in gebruik is."
      : `Let op: deze bundel wijzigt ${getal(n)} cijfers die al in gebruik zijn.`,
  kandidaatPerioden: (perioden: readonly string[]) => `Perioden met wijzigingen: ${perioden.join(", ")}.`,
  kandidaatBesluiten: (besluiten: readonly string[]) =>
    `Opvangbesluiten met wijzigingen: ${besluiten.join("; ")}.`,
  wijzigingenVoor: (gemeente: string) => `Wat verandert voor ${gemeente}`,
  herberekend: (cellen: number) =>
    cellen === 0
      ? "Er staan geen OPGAVE-formules in de werkmap."
      : `${getal(cellen)} ${cellen === 1 ? "cel" : "cellen"} met OPGAVE-formules opnieuw berekend.`,
  onverwacht,
  /** Any error as Dutch text: an OpgaveFout's own message, a library's (jszip, exceljs, the browser) translated. */
  fout: (e: unknown): string => {
    if (e instanceof OpgaveFout) return e.message;
    const tekst = e instanceof Error ? e.message.split("\n")[0] || e.name : String(e);
    return onverwacht(meldingZonderEngels(tekst));
  },
  zonderEngels,
  meldingZonderEngels,
  voorbeeldModus:
    "Voorbeeldweergave buiten Excel: het werkboek wordt als tabellen getoond en kan als .xlsx worden gedownload.",
  knopVul: "Vul werkboek",
  knopVoorbeeld: "Toon voorbeeld",
  knopDownload: (bestand: string) => `Download ${bestand}`,
  instellingOpgeslagen: "Instelling opgeslagen.",
  excelTeOud: (versie: string) =>
    `Deze Excel-versie kan het werkboek niet vullen (ExcelApi ${versie} nodig: Office 2021 of nieuwer, Microsoft 365 ` +
    'of Excel op het web). Gebruik "Download .xlsx" in de voorbeeldweergave of opgave vul.',
  consGeenBestanden: "Nog geen bestanden gekozen.",
  consGekozen: (n: number, genegeerd: number) =>
    `${n} werkboek${n === 1 ? "" : "en"} gekozen` +
    (genegeerd > 0
      ? `; ${genegeerd} bestand${genegeerd === 1 ? "" : "en"} overgeslagen (geen werkboek).`
      : "."),
  consDownloadKlaar: (bestand: string) => `Het overzicht ${bestand} is gemaakt.`,
  kiesBestanden: "Kies bestanden…",
  consGeenBevindingen: "Geen bevindingen: alle werkboeken zijn in orde.",
  consSamenvatting: (
    provincie: string,
    aangeleverd: number,
    totaal: number,
    fouten: number,
    waarschuwingen: number,
  ) =>
    `Overzicht ${provincie}: ${aangeleverd} van ${totaal} gemeenten aangeleverd; ${fouten} ${fouten === 1 ? "fout" : "fouten"} en ${waarschuwingen} ${waarschuwingen === 1 ? "waarschuwing" : "waarschuwingen"} (zie Controle).`,
  // Reading the chosen files, one line per file (aria-live)
  consLezen: (nr: number, van: number, bestand: string) => `Bestand ${nr} van ${van}: ${bestand} lezen…`,
  consGelezen: (nr: number, van: number, bestand: string, gemeente: string | undefined) =>
    `Bestand ${nr} van ${van}: ${bestand} gelezen` + (gemeente ? ` (${gemeente}).` : "."),
  consGeweigerd: (nr: number, van: number, bestand: string, reden: string) =>
    `Bestand ${nr} van ${van}: ${bestand} geweigerd. ${reden}`,
  /** The worker stopped while reading a file and said nothing more (quoted in "kon niet worden gelezen (…)"). */
  consLezenAfgebroken: "het lezen werd onverwacht afgebroken",
  consLezenTeLang: (seconden: number) =>
    `het lezen duurde langer dan ${seconden} seconden en is afgebroken; een gemeentewerkboek van Opgave is in ` +
    "een paar seconden gelezen: open het in Excel, sla het opnieuw op en kies het nog eens",
  /** A province tie: the files do not decide which province the overview is for. */
  consKiesProvincie: (namen: readonly string[]) =>
    `De bestanden wijzen niet één provincie aan: evenveel gemeenten uit ${opsomming(namen)}. ` +
    'Kies de provincie van het overzicht en klik op "Maak overzicht".',
  /** Not one file could be used: no overview, and why per file. */
  consGeenBruikbaar: (bestanden: readonly { bestand: string; reden: string }[]) =>
    [
      bestanden.length === 1
        ? "Geen overzicht gemaakt: het gekozen bestand kon niet worden gebruikt."
        : `Geen overzicht gemaakt: geen van de ${bestanden.length} gekozen bestanden kon worden gebruikt.`,
      ...bestanden.map((x) => `• ${x.bestand}: ${x.reden}`),
      "Kies de werkboeken die de gemeenten met Opgave hebben gevuld (.xlsx).",
    ].join("\n"),
} as const;

/** The self-test (Instellingen → Zelftest uitvoeren, and the in-Excel run of `npm run test:excel`). */
export const zelftestBerichten = {
  knop: "Zelftest uitvoeren",
  bezig: "Zelftest loopt… (werkt alleen op tijdelijke bladen; uw eigen bladen blijven ongemoeid)",
  heeftExcelNodig:
    "De zelftest heeft Excel nodig: open Opgave in Excel (bureaublad, Mac of Excel op het web) en kies daar " +
    '"Zelftest uitvoeren". In deze voorbeeldweergave in de browser is geen werkboek om te testen.',
  gekopieerd: "Rapport gekopieerd.",
  nietGekopieerd: "Kopiëren lukte niet: selecteer het rapport en kopieer het zelf (Ctrl+C).",
  uitslag: { geslaagd: "geslaagd", mislukt: "MISLUKT", overgeslagen: "overgeslagen" } as const,
  samenvatting: (geslaagd: number, mislukt: number, overgeslagen: number) =>
    `${geslaagd} geslaagd, ${mislukt} mislukt, ${overgeslagen} overgeslagen`,
  heeftOpgaveBladen: (namen: readonly string[]) =>
    `het werkboek heeft al ${opsomming(namen.map((n) => `"${n}"`))}; voer de zelftest uit in een nieuw, ` +
    "leeg werkboek (Opgave vult en verwijdert dan zelf tijdelijke bladen)",
  heeftOpgaveFormules: (aantal: number) =>
    `het werkboek heeft ${aantal} eigen cel${aantal === 1 ? "" : "len"} met OPGAVE-formules, die niet even met ` +
    "testgegevens mogen rekenen; voer de zelftest uit in een nieuw, leeg werkboek",
  verborgenBladen: (namen: readonly string[]) =>
    `het werkboek heeft verborgen bladen (${namen.join(", ")}), die de zelftest niet kan doorzoeken op ` +
    "OPGAVE-formules; voer de zelftest uit in een nieuw, leeg werkboek",
  excelTeOud: (set: string, versie: string) =>
    `deze Excel-versie heeft ${set} ${versie} niet (Office 2021 of nieuwer, Microsoft 365 of Excel op het web)`,
  nepHost: "berekend door de nep-host van de tests via de functiemodule, niet door Excel",
  bezet: (seconden: number) => `Excel gaf na ${seconden} s nog #BUSY!: de functies rekenen niet`,
  opruimenMislukt: (tekst: string) => `opruimen mislukt: ${tekst}`,
  nietOpgeruimd: (namen: readonly string[]) => `niet opgeruimd: ${namen.join(", ")}`,
  gebruikersBladenGewijzigd: (voor: readonly string[], na: readonly string[]) =>
    `de bladen van het werkboek veranderden: voor ${voor.join(", ")}; na ${na.join(", ")}`,
} as const;
