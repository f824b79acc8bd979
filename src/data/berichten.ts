/**
 * The one module of Dutch user-facing messages of this layer (the data layer: the decision feed, fetching,
 * validating, trusting and caching a bundle, and its status as shown in the pane and by the CLI).
 * Formatting helpers come from the domain's messages (src/domain/berichten.ts).
 */
import { bereik, datumNl, getal, tijdstipNl } from "../domain/berichten";
import type { Grootheid } from "../domain/grenzen";

const fmtMb = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });
const BLIJFT = "De gegevens in gebruik blijven ongewijzigd.";

/** Messages of the decision feed (fetching, validating and caching a bundle) and its status in the pane. */
export const feedBerichten = {
  datumNl,
  tijdstipNl,

  // Fetching
  adresOngeldig: (url: string) =>
    `Het feed-adres "${url}" is geen geldig webadres. Pas het aan onder Instellingen. ${BLIJFT}`,
  netwerk: (url: string) =>
    `Opgave kon de feed niet bereiken (${url}). Controleer de internetverbinding en het feed-adres onder ` +
    `Instellingen (een server op een ander domein moet CORS toestaan). ${BLIJFT}`,
  timeout: (url: string, ms: number) =>
    `De feed (${url}) antwoordde niet binnen ${fmtMb.format(ms / 1000)} seconden. Probeer het later opnieuw of ` +
    `controleer het feed-adres onder Instellingen. ${BLIJFT}`,
  http: (url: string, status: number) => {
    if (status === 404 || status === 410)
      return `Er staat geen bundel op het feed-adres (${url}, HTTP ${status}). Controleer het adres onder Instellingen. ${BLIJFT}`;
    if (status === 401 || status === 403)
      return `Geen toegang tot de feed (${url}, HTTP ${status}). Vraag de beheerder van de feed om toegang of controleer het adres onder Instellingen. ${BLIJFT}`;
    if (status >= 500)
      return `De server van de feed gaf een fout (${url}, HTTP ${status}). Probeer het later opnieuw; blijft het misgaan, meld het dan bij de uitgever. ${BLIJFT}`;
    return `De feed gaf een onverwacht antwoord (${url}, HTTP ${status}). Controleer het feed-adres onder Instellingen. ${BLIJFT}`;
  },
  teGroot: (maxBytes: number) =>
    `De bundel is groter dan ${fmtMb.format(maxBytes / (1024 * 1024))} MB en is niet geladen (bescherming tegen ` +
    `te grote bestanden). Controleer het feed-adres onder Instellingen of meld het bij de uitgever. ${BLIJFT}`,

  // Reading and validating
  json: (detail: string) =>
    `De feed leverde geen geldige JSON (${detail}). Controleer het feed-adres onder Instellingen of meld het bij ` +
    `de uitgever. ${BLIJFT}`,
  geenBundel: (formaat: unknown) =>
    `Het bestand op het feed-adres is geen Opgave-bundel (formaat ` +
    `${formaat === undefined ? "ontbreekt" : `"${String(formaat)}"`}, verwacht "opgave-bundel"). Controleer het ` +
    `feed-adres onder Instellingen. ${BLIJFT}`,
  nieuwereIndeling: (versie: number, ondersteund: number) =>
    `De bundel heeft een nieuwere indeling (formaatversie ${versie}; deze Opgave leest versie ${ondersteund}): ` +
    `werk Opgave bij om hem te gebruiken. ${BLIJFT}`,
  schema: (aantal: number, eerste: readonly string[]) =>
    `De bundel voldoet niet aan het bundelformaat (${aantal} ${aantal === 1 ? "probleem" : "problemen"}: ` +
    `${eerste.join("; ")}). Meld dit bij de uitgever van de feed. ${BLIJFT}`,
  inconsistent: (aantal: number, eerste: readonly string[]) =>
    `De bundel is niet consistent (${aantal} ${aantal === 1 ? "probleem" : "problemen"}: ${eerste.join("; ")}). ` +
    `Meld dit bij de uitgever van de feed. ${BLIJFT}`,
  /** A number of the bundle above its quantity's range (docs/grenzen.md); after the path, as zod's messages. */
  getalTeGroot: (g: Grootheid) => `te groot; verwacht ${bereik(g)} (${g.omschrijving}, zie docs/grenzen.md)`,
  getalTeKlein: (g: Grootheid) => `te klein; verwacht ${bereik(g)} (${g.omschrijving}, zie docs/grenzen.md)`,
  inwonersTellenNietOp: (pad: string, wat: string, inwoners: number, gemeenten: number) =>
    `${pad}: ${wat} ${getal(inwoners)} inwoners, de gemeenten samen ${getal(gemeenten)} ` +
    `(verschil ${getal(gemeenten - inwoners)})`,
  ouder: (datum: string, versie: string, versieInGebruik: string) =>
    `De bundel van ${datumNl(datum)} (versie ${versie}) is ouder dan de gegevens in gebruik (versie ` +
    `${versieInGebruik}); Opgave gebruikt hem niet. Controleer het feed-adres of vraag de uitgever om de nieuwste bundel.`,

  // Trust: signature, dates, versions, addresses (no silent swap, no frozen updates)
  handtekening: (detail: string) =>
    `De bundel is niet aangenomen: de handtekening van de uitgever ontbreekt of klopt niet (${detail}). ` +
    "Alleen bundels die zijn ondertekend met een vertrouwde sleutel worden gebruikt. Meld dit bij de uitgever " +
    `of uw IT-afdeling. ${BLIJFT}`,
  datumToekomst: (veld: string, waarde: string) =>
    `De bundel is niet aangenomen: de ${veld} (${waarde}) ligt meer dan twee dagen in de toekomst. Een bundel ` +
    `kan niet later gepubliceerd zijn dan vandaag; meld dit bij de uitgever. ${BLIJFT}`,
  zelfdeVersieAndereInhoud: (versie: string) =>
    `De bundel is niet aangenomen: hij heeft hetzelfde versienummer (${versie}) als de gegevens in gebruik, maar ` +
    "andere inhoud. Een uitgever geeft gewijzigde gegevens altijd een nieuw versienummer; meld dit bij de " +
    `uitgever. ${BLIJFT}`,
  ouderGepubliceerd: (gepubliceerd: string, inGebruik: string) =>
    `De bundel is niet aangenomen: hij is gepubliceerd op ${tijdstipNl(gepubliceerd)}, vóór de gegevens in ` +
    `gebruik (${tijdstipNl(inGebruik)}). Opgave gaat nooit terug naar oudere gegevens. ${BLIJFT}`,
  omleiding: (van: string, naar: string) =>
    `De bundel is niet aangenomen: het feed-adres (${van}) stuurde door naar een ander domein (${naar}). ` +
    `Stel het adres van de bundel zelf in onder Instellingen. ${BLIJFT}`,
  onveiligAdres: (url: string) =>
    `Het feed-adres "${url}" gebruikt geen https. Opgave haalt gegevens alleen via https op (http alleen ` +
    `voor localhost, bij ontwikkeling). Pas het adres aan onder Instellingen. ${BLIJFT}`,
  geenVertrouwdeSleutels:
    "In deze versie van Opgave is geen vertrouwde sleutel ingesteld, dus kan geen enkele bundel worden " +
    `aangenomen. Vraag uw IT-afdeling om de publieke sleutel van de uitgever in te stellen. ${BLIJFT}`,

  // Outcome
  kandidaat: (versie: string, datum: string) =>
    `Nieuwe gegevens beschikbaar: versie ${versie} van ${datumNl(datum)}, ondertekend door een vertrouwde ` +
    "uitgever. Ze zijn nog niet in gebruik: bekijk wat er verandert en kies Gebruik deze gegevens.",
  nietOvergenomen: (detail: string) =>
    `De nieuwe gegevens zijn niet in gebruik genomen: ze konden niet worden bewaard (${detail}). ${BLIJFT} ` +
    "Maak ruimte (andere invoegtoepassingen van dezelfde website) of vraag uw IT-afdeling om hulp.",
  inGebruik: (
    versie: string,
    datum: string,
    bron: "ingebouwd" | "cache" | "feed",
    sleutel?: string,
    id?: string,
  ) =>
    `In gebruik: versie ${versie} van ${datumNl(datum)} (${feedBerichten.bronNaam(bron)}` +
    (sleutel ? `, ondertekend door ${sleutel} [${id ?? ""}])` : ")"),
  kandidaatKop: (versie: string, uitgever: string, sleutel: string, id: string) =>
    `Nieuwe bundel: versie ${versie} van ${uitgever}, ondertekend door ${sleutel} [${id}].`,
  kandidaatAantallen: (
    aantal: number,
    gewijzigd: number,
    perioden: readonly string[],
    besluiten: readonly string[],
  ) =>
    aantal === 0
      ? "Geen enkel cijfer verandert."
      : `${getal(aantal)} ${aantal === 1 ? "cijfer verandert" : "cijfers veranderen"}` +
        (gewijzigd > 0 ? `, waarvan ${getal(gewijzigd)} al in gebruik` : "") +
        (perioden.length > 0 ? `; perioden: ${perioden.join(", ")}` : "") +
        (besluiten.length > 0 ? `; opvangbesluiten: ${besluiten.join(", ")}` : "") +
        ". Grootste wijzigingen:",
  terugNaarIngebouwd: (versie: string) =>
    `De ingebouwde gegevens (versie ${versie}) zijn weer in gebruik; de bewaarde bundel is verwijderd.`,
  ongewijzigd: (versie: string) =>
    `De feed heeft geen nieuwere gegevens; versie ${versie} blijft in gebruik.`,
  nieuw: (versie: string, datum: string) =>
    `Nieuwe gegevens in gebruik: versie ${versie} van ${datumNl(datum)}.`,
  herberekend: "De werkmap is opnieuw berekend met de nieuwe gegevens.",
  nietHerberekend:
    "De werkmap kon niet automatisch opnieuw worden berekend: kies Formules → Nu berekenen (of Ctrl+Alt+F9) " +
    "om de OPGAVE-functies de nieuwe gegevens te laten gebruiken.",

  // Cache
  cacheOnleesbaar: (detail: string) =>
    `De bewaarde bundel kon niet worden gelezen (${detail}); Opgave gebruikt de ingebouwde gegevens. Haal de ` +
    "feed opnieuw op.",
  cacheBeschadigd: (detail: string) =>
    `De bewaarde bundel is beschadigd en wordt genegeerd (${detail}); Opgave gebruikt de ingebouwde gegevens. ` +
    "Haal de feed opnieuw op.",
  cacheOuder: (versieCache: string, versieIngebouwd: string) =>
    `De bewaarde bundel (versie ${versieCache}) is ouder dan de gegevens die in deze versie van Opgave zijn ` +
    `ingebouwd (versie ${versieIngebouwd}); Opgave gebruikt de ingebouwde gegevens.`,
  cacheNietBewaard: (detail: string) =>
    `De nieuwe gegevens zijn in gebruik, maar konden niet worden bewaard (${detail}); na opnieuw starten ` +
    "gebruikt Opgave de vorige gegevens tot u de feed opnieuw ophaalt.",

  // Status in the pane
  bronNaam: (bron: "ingebouwd" | "cache" | "feed") =>
    bron === "ingebouwd" ? "ingebouwd in Opgave" : bron === "cache" ? "bewaarde kopie van de feed" : "feed",
  verouderd: (dagen: number) =>
    `Let op: de gegevens zijn al ${dagen} dagen niet bijgewerkt. Haal de feed op of controleer het feed-adres ` +
    "onder Instellingen.",
  statusRegels: (s: {
    datasetId: string;
    versie: string;
    datum: string;
    bron: "ingebouwd" | "cache" | "feed";
    bronUrl?: string;
    opgehaald?: string;
    uitgever?: string;
    verouderd: boolean;
    dagenOud?: number;
  }): string[] => [
    `Gegevens: ${s.datasetId} versie ${s.versie} van ${datumNl(s.datum)}`,
    `Bron: ${feedBerichten.bronNaam(s.bron)}${s.bronUrl ? ` (${s.bronUrl})` : ""}` +
      (s.uitgever ? `, uitgever ${s.uitgever}` : ""),
    s.opgehaald === undefined
      ? "Opgehaald: nog niet (ingebouwde gegevens)"
      : s.bron === "ingebouwd"
        ? `Gecontroleerd bij de feed: ${tijdstipNl(s.opgehaald)} (geen nieuwere gegevens)`
        : `Opgehaald: ${tijdstipNl(s.opgehaald)}`,
    ...(s.verouderd ? [feedBerichten.verouderd(s.dagenOud ?? 0)] : []),
  ],
} as const;
