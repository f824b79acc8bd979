/**
 * The one module of Dutch user-facing messages of this layer (the task pane). Formatting helpers come from
 * the domain's messages (src/domain/berichten.ts); feed and bundle messages from src/data/berichten.ts.
 */
import { getal } from "../domain/berichten";

/** Messages of the task pane. */
export const paneelBerichten = {
  bronIngebouwd: "ingebouwde gegevens van de invoegtoepassing",
  bronCache: "laatst opgehaalde bundel (bewaard)",
  bronFeed: "opgehaald",
  verouderd: (datum: string) =>
    `Let op: deze gegevens zijn van ${datum} en mogelijk verouderd. Haal het laatste besluit op.`,
  bedoeldeU: (namen: readonly string[]) => `Niet gevonden. Bedoelde u: ${namen.join(", ")}?`,
  gevuld: (nieuweBladen: number, wijzigingen: number, behouden: number) =>
    `Werkboek gevuld: ${nieuweBladen} nieuwe bladen, ${wijzigingen} gewijzigde waarden, ${behouden} eigen invoercellen behouden.`,
  enMeer: (n: number) => `• … en nog ${n} wijzigingen`,
  verweesd: (tabel: string, sleutel: string) =>
    `• ${tabel}: rij "${sleutel}" hoort niet meer bij de gegevens maar bevat uw invoer; onderaan de tabel bewaard.`,
  bezig: "Bezig met vullen…",
  voorbeeldKlaar: (naam: string) =>
    `Voorbeeld van het werkboek voor ${naam} hieronder. Download het als .xlsx of open het paneel in Excel om te vullen.`,
  downloadKlaar: "Het .xlsx-bestand is gemaakt.",
  ophalen: "Laatste besluit ophalen…",
  overnemen: "Nieuwe gegevens in gebruik nemen…",
  terugBezig: "Terug naar de ingebouwde gegevens…",
  sleutelIngebouwd: "ingebouwd in de invoegtoepassing",
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
  onverwacht: (detail: string) => `Er ging iets mis: ${detail}. Uw werkboek is niet gewijzigd.`,
  voorbeeldModus:
    "Voorbeeldweergave buiten Excel: het werkboek wordt als tabellen getoond en kan als .xlsx worden gedownload.",
  knopVul: "Vul werkboek",
  knopVoorbeeld: "Toon voorbeeld",
  instellingOpgeslagen: "Instelling opgeslagen.",
  excelTeOud: (versie: string) =>
    `Deze Excel-versie kan het werkboek niet vullen (ExcelApi ${versie} nodig: Office 2021 of nieuwer, Microsoft 365 ` +
    'of Excel op het web). Gebruik "Download .xlsx" in de voorbeeldweergave of opgave vul.',
  consGeenBestanden: "Nog geen bestanden gekozen.",
  consGekozen: (n: number, genegeerd: number) =>
    `${n} werkboek${n === 1 ? "" : "en"} gekozen` +
    (genegeerd > 0 ? `; ${genegeerd} bestand${genegeerd === 1 ? "" : "en"} overgeslagen (geen .xlsx).` : "."),
  consGeenBevindingen: "Geen bevindingen: alle werkboeken zijn in orde.",
  consSamenvatting: (
    provincie: string,
    aangeleverd: number,
    totaal: number,
    fouten: number,
    waarschuwingen: number,
  ) =>
    `Overzicht ${provincie}: ${aangeleverd} van ${totaal} gemeenten aangeleverd; ${fouten} fouten en ${waarschuwingen} waarschuwingen (zie Controle).`,
} as const;
