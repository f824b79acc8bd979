/**
 * All Dutch user-facing messages of the engine, in one place.
 * Keep them short (Excel shows them in a tooltip) and say what the user can do.
 */
const fmt = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 });

/** 18750 → "18.750" */
export function getal(n: number): string {
  return fmt.format(n);
}

function opsomming(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} en ${items[items.length - 1]}`;
}

export const berichten = {
  // Periods
  periodeLeeg: () => "Geef een periode op, bijvoorbeeld 2024-I of 2024-II.",
  periodeOnbekendFormaat: (tekst: string) =>
    `Periode "${tekst}" niet herkend. Gebruik bijvoorbeeld 2024-I, 2024-II, "eerste helft 2024" of een datum.`,
  periodeAlleenJaar: (jaar: number) =>
    `${jaar} is een jaartal, geen halfjaar. Gebruik ${jaar}-I of ${jaar}-II.`,
  periodeGetalOngeldig: (n: number) => `Het getal ${n} is geen geldige datum of periode.`,
  periodeReeksTeLang: (max: number) => `Te veel perioden: maximaal ${max} opeenvolgende halfjaren.`,

  // Reference dates / years
  peildatumOngeldig: (tekst: string) =>
    `Peildatum "${tekst}" niet herkend. Gebruik een jaartal (2023) of een datum (1-1-2023).`,
  inwonersOnbekend: (naam: string, jaar: number, jaren: readonly number[]) =>
    `Geen inwonertal van ${naam} op 1-1-${jaar} in de dataset` +
    (jaren.length > 0 ? ` (beschikbaar: ${jaren[0]}–${jaren[jaren.length - 1]}).` : "."),
  landInwonersOnbekend: (jaar: number) => `Inwonertal van Nederland op 1-1-${jaar} ontbreekt in de dataset.`,

  // Gemeenten
  gemeenteLeeg: () => "Geef een gemeente op: naam of CBS-code (bijvoorbeeld Utrecht of GM0344).",
  gemeenteOnbekend: (invoer: string, suggesties: readonly string[]) =>
    `Gemeente "${invoer}" niet gevonden.` +
    (suggesties.length > 0
      ? ` Bedoelde u: ${suggesties.join(", ")}?`
      : " Controleer de naam of gebruik de CBS-code."),
  gemeenteCodeOnbekend: (code: string) => `Gemeentecode ${code} bestaat niet in de dataset (2015–heden).`,
  gemeenteDubbelzinnig: (invoer: string, kandidaten: readonly string[]) =>
    `"${invoer}" is niet eenduidig: bedoelt u ${kandidaten.join(" of ")}?`,
  gemeenteOpgeheven: (naam: string, datum: string, opvolgers: readonly string[], vanafPeriode: string) =>
    `${naam} bestaat niet meer: per ${datum} opgegaan in ${opsomming(opvolgers)}. ` +
    `Voor ${vanafPeriode} en later: gebruik ${opsomming(opvolgers)}.`,
  gemeenteNogNiet: (naam: string, datum: string, voorgangers: readonly string[]) =>
    `${naam} bestaat pas vanaf ${datum}` +
    (voorgangers.length > 0 ? ` (voorheen ${opsomming(voorgangers)}).` : "."),
  gemeenteCodeOngeldig: (invoer: string) =>
    `"${invoer}" is geen geldige gemeentecode. Gebruik bijvoorbeeld GM0344, 0344 of 344.`,
  provincieOnbekend: (invoer: string, suggesties: readonly string[]) =>
    `Provincie "${invoer}" niet gevonden.` +
    (suggesties.length > 0 ? ` Bedoelde u: ${suggesties.join(", ")}?` : ""),

  // Taakstelling
  landelijkOnbekend: (periode: string, statusTekst: string) =>
    `De landelijke taakstelling voor ${periode} is niet bekend (${statusTekst}); Opgave schat hem niet.`,
  periodeBuitenDataset: (periode: string, eerste: string, laatste: string) =>
    `Periode ${periode} valt buiten de dataset (${eerste} t/m ${laatste}).`,
  grenzenGewijzigd: (naam: string, periode: string, wijziging: string) =>
    `Taakstelling ${naam} ${periode} niet exact te berekenen: het grondgebied veranderde door ${wijziging}; ` +
    `inwoners op de nieuwe grenzen ontbreken.`,

  // Ledger
  gehuisvestOngeldig: (waarde: string) =>
    `Aantal gehuisvest "${waarde}" is geen geldig aantal: gebruik een geheel getal ≥ 0.`,
  gehuisvestLeeg: () =>
    "Geef het aantal gehuisveste vergunninghouders op (een getal of een kolom met getallen).",
  gehuisvestGeenKolom: () => "Gehuisvest moet één getal of één kolom (of rij) met getallen zijn.",
  beginsaldoOngeldig: (waarde: string) =>
    `Beginsaldo "${waarde}" is geen geheel getal (achterstand positief, voorsprong negatief).`,

  // Generic argument errors
  eenCelVerwacht: (wat: string) => `${wat}: verwacht één waarde, niet een bereik met meerdere cellen.`,
  waardeOngeldig: (wat: string, waarde: string) => `${wat}: "${waarde}" is geen geldige waarde.`,
  datumOngeldig: (wat: string, waarde: string) =>
    `${wat}: "${waarde}" is geen datum. Gebruik een Excel-datum of tekst als 15-3-2024.`,
  gehuisvestLegeCel: (positie: number) =>
    `Gehuisvest bevat een lege cel (positie ${positie}); vul 0 in als er in die periode niemand is gehuisvest.`,
  interneFout: (detail: string) => `Onverwachte fout in Opgave: ${detail}. Meld dit aan de beheerder.`,
  functieOnbekend: (naam: string, bekend: readonly string[]) =>
    `Onbekende functie ${naam}. Beschikbaar: ${bekend.join(", ")}.`,

  // Provenance
  herkomstOfficieel: "officieel",
  herkomstBerekend: "berekend (art. 29 Hvw 2014)",
  herkomstBerekendSamengevoegd: "berekend (art. 29 en 30 Hvw 2014, som van de delen)",
} as const;

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
  ongewijzigd: "Er is geen nieuwere bundel: de gegevens in gebruik zijn actueel.",
  nieuweBundel: (versie: string, inExcel: boolean) =>
    `Nieuwe gegevens (versie ${versie}) in gebruik.` +
    (inExcel ? " Alle OPGAVE-formules zijn opnieuw berekend." : " De functies rekenen er nu mee."),
  onverwacht: (detail: string) => `Er ging iets mis: ${detail}. Uw werkboek is niet gewijzigd.`,
  voorbeeldModus:
    "Voorbeeldweergave buiten Excel: het werkboek wordt als tabellen getoond en kan als .xlsx worden gedownload.",
  knopVul: "Vul werkboek",
  knopVoorbeeld: "Toon voorbeeld",
  instellingOpgeslagen: "Instelling opgeslagen.",
  urlOngeldig: (url: string) => `"${url}" is geen geldig http(s)-adres.`,
} as const;

/** Messages about reception decisions (Spreidingswet), scenarios and small-scale locations. */
export const opvangBerichten = {
  besluitOnbekend: (invoer: string, bekend: readonly string[]) =>
    `Besluit "${invoer}" niet gevonden. Bekend: ${bekend.join("; ")}.`,
  soortOngeldig: (invoer: string) => `Soort "${invoer}" niet herkend: gebruik "totaal" of "amv".`,
  geenCijferGemeente: (gemeente: string, besluit: string) =>
    `Voor ${gemeente} is in "${besluit}" geen cijfer gepubliceerd; Opgave schat het voor dit besluit niet.`,
  geenCijferProvincie: (provincie: string, besluit: string) =>
    `Voor provincie ${provincie} is in "${besluit}" geen cijfer bekend.`,
  geenAmv: (wie: string, besluit: string) =>
    `Het amv-deel voor ${wie} is in "${besluit}" niet gepubliceerd en niet af te leiden.`,
  geenOpvangCijfer: (gemeente: string) =>
    `Voor ${gemeente} is in geen enkel opvangbesluit een cijfer bekend.`,
  gemeenteNietInIndeling: (gemeente: string) =>
    `${gemeente} bestaat niet in de gemeentelijke indeling van dit besluit (2023/2024).`,
  schattingNegatief: (provincie: string) =>
    `De gepubliceerde gemeentecijfers in ${provincie} zijn samen groter dan de provinciale opgave; geen schatting mogelijk.`,
  scenarioOngeldig: (invoer: string) =>
    `Landelijk totaal "${invoer}" moet een geheel getal groter dan 0 zijn.`,
  labelGepubliceerd: "gepubliceerd",
  labelSchatting: "indicatief, berekend zonder SES-WOA (aanname Opgave)",
  labelAmvVerhouding: (amv: number, totaal: number) =>
    `amv = afgerond totaal × ${getal(amv)} / ${getal(totaal)}`,
  labelScenario: (n: number) => `scenario: eigen aandeel toegepast op een landelijk totaal van ${getal(n)}`,

  // Small-scale locations
  plaatsenOngeldig: (invoer: string) =>
    `Aantal plaatsen "${invoer}" moet een geheel getal groter dan 0 zijn.`,
  grootteOngeldig: (wat: string, invoer: string) =>
    `${wat} "${invoer}" moet een geheel getal groter dan 0 zijn.`,
  minGroterDanMax: (min: number, max: number) =>
    `De minimale locatiegrootte (${getal(min)}) is groter dan de maximale (${getal(max)}).`,
  onhaalbaar: (plaatsen: number, locaties: number, max: number) =>
    `${getal(plaatsen)} plaatsen zijn niet te halen met maximaal ${getal(locaties)} locaties van hoogstens ${getal(max)} plaatsen.`,
  kostenOntbreken: () =>
    "De dataset bevat geen COA-kostennorm of Spreidingswet-prikkel; kosten niet te berekenen.",
  kleinschaligAannames: (a: {
    minimum: number;
    maximum: number;
    kostenPerPlaats: number;
    jaar: string;
    vasteKostenPerLocatie: number;
    vasteKostenIsStandaard: boolean;
    duurzaam: boolean;
    bonusDuurzaam: number;
    bonusNietDuurzaam: number;
  }) => [
    `Locatiegrootte ${getal(a.minimum)}–${getal(a.maximum)} plaatsen; gesorteerd op jaarkosten (laagste eerst).`,
    `Jaarkosten indicatief = plaatsen × € ${getal(a.kostenPerPlaats)} (COA reguliere opvang ${a.jaar}) + locaties × € ${getal(a.vasteKostenPerLocatie)} vaste kosten per locatie` +
      (a.vasteKostenIsStandaard
        ? " (aanname Opgave, geen gepubliceerd cijfer; pas aan met parameter vastekosten)."
        : " (eigen aanname)."),
    `Bonus eenmalig, landelijke fase: € ${getal(a.bonusDuurzaam)} per duurzame plaats (≥ 5 jaar, > 100 plaatsen per locatie), anders € ${getal(a.bonusNietDuurzaam)}` +
      (a.duurzaam ? "." : "; locaties niet duurzaam bedoeld."),
  ],
} as const;

const fmtCenten = new Intl.NumberFormat("nl-NL", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 30400 → "€ 30.400"; 1234.5 → "€ 1.234,50" (whole euros without decimals, otherwise to the cent). */
function euro(n: number): string {
  const afgerond = Math.round(n * 100) / 100;
  return `€ ${Number.isInteger(afgerond) ? getal(afgerond) : fmtCenten.format(afgerond)}`;
}

/** Messages about costs: COA reception, Spreidingswet incentive, Oekraïne (BooO) reimbursements. */
export const kostenBerichten = {
  euro,
  plaatsenOngeldig: (invoer: string) =>
    `Aantal plaatsen "${invoer}" is geen geldig aantal: gebruik een geheel getal ≥ 0.`,
  jaarOngeldig: (invoer: string) => `Jaar "${invoer}" is geen geldig jaartal (bijvoorbeeld 2023).`,
  eigenBedragOngeldig: (invoer: string) =>
    `Eigen bedrag "${invoer}" is ongeldig: gebruik een bedrag in euro's per bewoner per jaar, 0 of hoger.`,
  soortOpvangOngeldig: (invoer: string) =>
    `Soort opvang "${invoer}" niet herkend: gebruik "regulier" of "nood" (noodopvang, crisisnoodopvang).`,
  soortOpvangNaam: (soort: "regulier" | "nood") => (soort === "regulier" ? "reguliere opvang" : "noodopvang"),
  coaOnbekend: (jaar: number, soort: "regulier" | "nood", bekend: readonly number[]) =>
    `Geen COA-bedrag voor ${jaar} (${soort === "regulier" ? "reguliere opvang" : "noodopvang"}); ` +
    `bekend: ${bekend.length > 0 ? bekend.join(", ") : "geen"}. Geef zelf een bedrag op.`,
  herkomstCoa: (soort: "regulier" | "nood", jaar: number, tarief: number, bron: string) =>
    `COA ${soort === "regulier" ? "reguliere opvang" : "noodopvang"} ${jaar}: ${euro(tarief)} per bewoner per jaar` +
    (bron.trim() !== "" ? ` (bron ${bron})` : ""),
  herkomstEigen: (tarief: number) => `eigen bedrag (opgegeven): ${euro(tarief)} per bewoner per jaar`,
  bronEigen: "eigen opgave",

  faseOngeldig: (invoer: string) =>
    `Fase "${invoer}" niet herkend: gebruik "landelijk", "provinciaal" of "aanwijzing".`,
  jaNeeOngeldig: (wat: string, invoer: string) =>
    `${wat}: "${invoer}" niet herkend; gebruik ja of nee (ook: waar/onwaar, 1/0, duurzaam/niet duurzaam).`,
  prikkelOnbekend: (fase: string, duurzaam: boolean) =>
    `Geen financiële prikkel bekend voor de fase "${fase}" (${duurzaam ? "duurzaam" : "niet duurzaam"}).`,

  soortOekraineOngeldig: (invoer: string) =>
    `Soort opvang "${invoer}" niet herkend: gebruik "GOO" (gemeentelijk) of "POO" (particulier).`,
  datumOngeldig: (wat: string, invoer: string) => `${wat} ${invoer} is geen geldige datum.`,
  vanNaTot: (van: string, tot: string) => `De begindatum ${van} ligt na de einddatum ${tot}.`,
  oekraineGeenNormen: (soort: string) => `Er staan geen normbedragen voor ${soort} in de dataset.`,
  oekraineVoorEerste: (eerste: string) =>
    `Geen normbedrag vóór ${eerste}. Kies een begindatum op of na ${eerste}.`,
  oekraineNaLaatste: (laatste: string) =>
    `Na ${laatste} is geen normbedrag bekend. Kies een einddatum op of vóór ${laatste}.`,
  oekraineGat: (van: string, tot: string) => `Geen normbedrag bekend van ${van} t/m ${tot}.`,
  eenheidNietOndersteund: (soort: string, eenheid: string, vanaf: string) =>
    `Het normbedrag ${soort} vanaf ${vanaf} heeft eenheid "${eenheid}"; Opgave rekent alleen per dag of per maand.`,
  waarschuwingStatus: (wat: string, tarief: number, eenheid: string, vanaf: string, status: string) =>
    `Let op: het normbedrag ${wat} van ${euro(tarief)} per ${eenheid} (vanaf ${vanaf}) is "${status}".`,
  waarschuwingOpenEinde: (soort: string, vanaf: string, tot: string) =>
    `Het normbedrag ${soort} vanaf ${vanaf} heeft in de bron geen einddatum; ` +
    `Opgave past het alleen toe t/m ${tot} (normbedragen gelden per kalenderjaar).`,
  conventieOekraine:
    "Gesplitst op elke tariefwijziging. Per dag: kalenderdagen geteld, begin- en einddatum inbegrepen. " +
    "Per maand: een volledig gedekte kalendermaand telt als 1 maand, een deels gedekte maand naar rato " +
    "(gedekte dagen / dagen in die maand). Exact gerekend, pas aan het eind afgerond op centen.",
} as const;

/** "2026-11-28" → "28-11-2026"; anything else is returned as it is. */
function datumNl(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])}-${Number(m[2])}-${m[1]}` : iso;
}

/** ISO date-time → "28-11-2026 14:05" in the user's time zone. */
function tijdstipNl(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const twee = (n: number) => String(n).padStart(2, "0");
  return `${t.getDate()}-${t.getMonth() + 1}-${t.getFullYear()} ${twee(t.getHours())}:${twee(t.getMinutes())}`;
}

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
  ouder: (datum: string, versie: string, versieInGebruik: string) =>
    `De bundel van ${datumNl(datum)} (versie ${versie}) is ouder dan de gegevens in gebruik (versie ` +
    `${versieInGebruik}); Opgave gebruikt hem niet. Controleer het feed-adres of vraag de uitgever om de nieuwste bundel.`,

  // Outcome
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
