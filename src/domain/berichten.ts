/**
 * The one module of Dutch user-facing messages of this layer (the domain: the engine, its functions and the
 * provincial consolidation), in one place. Keep them short (Excel shows them in a tooltip) and say what the
 * user can do. The shared formatting helpers (`getal`, `datumNl`, `tijdstipNl`) live here; the data layer's
 * messages are in src/data/berichten.ts, the task pane's in src/taskpane/berichten.ts.
 */
import type { Grootheid } from "./grenzen";
import { tijdstipNl as tijdstipAmsterdam } from "./tijdstip";

const fmt = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 });
const fmtExact = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 10 });

/** 18750 → "18.750" */
export function getal(n: number): string {
  return fmt.format(n);
}

/** A number the user gave, as Excel would show it: 2,5 · 200.000 · 1E+308 · 1,5E-12 · (geen getal). */
export function getalInvoer(n: number): string {
  if (Number.isNaN(n)) return "(geen getal)";
  if (!Number.isFinite(n)) return n > 0 ? "oneindig" : "min oneindig";
  // Too large for digits, or too small for ten decimals (shown so, 1E-300 would read "0"): in E notation.
  const wetenschappelijk = Math.abs(n) >= 1e15 || (n !== 0 && Math.abs(n) < 1e-10);
  return wetenschappelijk ? n.toExponential().toUpperCase().replace(".", ",") : fmtExact.format(n);
}

/** At most this many characters of what the user typed are repeated in a message. */
const MAX_AANHALING = 40;

/**
 * What the user typed, quoted for a message: `"Utrecht"`; text of only quotes or spaces (`""`) as "(lege tekst)";
 * text with a double quote in it between ‘ ’ (no `""""`); long text shortened; a number or WAAR/ONWAAR as Excel
 * shows it.
 */
export function aanhaling(invoer: unknown): string {
  if (typeof invoer === "number") return getalInvoer(invoer);
  if (typeof invoer === "boolean") return invoer ? "WAAR" : "ONWAAR";
  const tekst = String(invoer).trim();
  if (tekst.replace(/["'“”„‘’\s]/g, "") === "") return "(lege tekst)";
  const kort = tekst.length > MAX_AANHALING ? `${tekst.slice(0, MAX_AANHALING - 1)}…` : tekst;
  return kort.includes('"') ? `‘${kort}’` : `"${kort}"`;
}

/**
 * Excel's error values as Dutch Excel shows them. A cell holding one reads as its English code (exceljs, Office.js
 * `values`); typing "#DEEL/0!" in Dutch Excel makes the error itself, so a cell that reads as a code holds one.
 */
const FOUTWAARDEN_NL: ReadonlyMap<string, string> = new Map([
  ["#DIV/0!", "#DEEL/0!"],
  ["#N/A", "#N/B"],
  ["#VALUE!", "#WAARDE!"],
  ["#REF!", "#VERW!"],
  ["#NAME?", "#NAAM?"],
  ["#NUM!", "#GETAL!"],
  ["#NULL!", "#LEEG!"],
]);

/** An error value's code ("#DIV/0!") as Dutch Excel shows it ("#DEEL/0!"); undefined for anything else. */
export function foutwaardeNl(waarde: unknown): string | undefined {
  return typeof waarde === "string" ? FOUTWAARDEN_NL.get(waarde.trim().toUpperCase()) : undefined;
}

/** An error value named in a message: "de foutwaarde #DEEL/0!"; undefined for anything else. */
export function foutwaardeTekst(waarde: unknown): string | undefined {
  const nl = foutwaardeNl(waarde);
  return nl === undefined ? undefined : `de foutwaarde ${nl}`;
}

/**
 * A status marker of the source files (data/bronnen: "NIET GEVONDEN", "ONZEKER", "STRIJDIG", "AFGELEID") as a
 * Dutch phrase; any further text of the status follows it ("NIET GEVONDEN (prognose 8.000)" → "niet gevonden in
 * de beschikbare bronnen; genoemd: prognose 8.000"). Other status text is returned as it is.
 */
export function bronStatus(status: string): string {
  const tekst = status.trim();
  for (const [markering, zin] of BRON_MARKERINGEN) {
    const m = markering.exec(tekst);
    if (!m) continue;
    const rest = tekst
      .slice(m[0].length)
      .replace(/^[\s:;,(-]+|[\s)]+$/g, "")
      .trim();
    return rest === "" ? zin : `${zin}; genoemd: ${rest}`;
  }
  return tekst === "" ? "status onbekend" : tekst;
}

const BRON_MARKERINGEN: ReadonlyArray<readonly [RegExp, string]> = [
  [/^NIET GEVONDEN\b/, "niet gevonden in de beschikbare bronnen"],
  [/^ONZEKER\b/, "onzeker volgens de bron"],
  [/^STRIJDIG\b/, "de bronnen spreken elkaar tegen"],
  [/^(gerealiseerd )?AFGELEID\b/, "afgeleid, niet zelf gepubliceerd"],
];

/** "0 t/m 200.000", "€ 0 t/m € 1.000.000", "1900 t/m 2200". */
export function bereik(g: Grootheid): string {
  const r = (n: number) => (g.soort === "euro" ? `€ ${getal(n)}` : g.soort === "jaar" ? String(n) : getal(n));
  return `${r(g.min)} t/m ${r(g.max)}`;
}

/** " (Noord-Holland)" after what was typed, when that is not the official name as it is. */
function officieel(invoer: string, naam: string): string {
  return invoer.trim() === naam ? "" : ` (${naam})`;
}

function opsomming(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} en ${items[items.length - 1]}`;
}

export const berichten = {
  /** `opgave --versie`: Opgave's version and the embedded dataset it computes with. */
  versie: (opgave: string, datasetId: string, versie: string, datum: string) =>
    `opgave ${opgave}, ingebouwde gegevens ${datasetId} ${versie} (stand ${datum})`,
  // Periods
  periodeLeeg: () => "Geef een periode op, bijvoorbeeld 2024-I of 2024-II.",
  periodeOnbekendFormaat: (tekst: string) =>
    `Periode ${aanhaling(tekst)} niet herkend. Gebruik bijvoorbeeld 2024-I, 2024-II, "eerste helft 2024" of een datum.`,
  periodeAlleenJaar: (jaar: number) =>
    `${jaar} is een jaartal, geen halfjaar. Gebruik ${jaar}-I of ${jaar}-II.`,
  periodeJaarMetKomma: (n: number, jaar: number, alsDatum: string) =>
    `${String(n).replace(".", ",")} is geen halfjaar (als datum is het ${alsDatum}). Gebruik ${jaar}-I of ` +
    `${jaar}-II.`,
  periodeGetalOngeldig: (n: number) =>
    `Het getal ${getalInvoer(n)} is geen geldige datum of periode. Gebruik bijvoorbeeld 2024-I of een datum.`,
  periodeReeksTeLang: (max: number) => `Te veel perioden: maximaal ${max} opeenvolgende halfjaren.`,

  // Reference dates / years
  peildatumOngeldig: (invoer: string | number) =>
    `Peildatum ${aanhaling(invoer)} niet herkend. Gebruik een jaartal (2023) of een datum (1-1-2023).`,
  inwonersOnbekend: (naam: string, jaar: number, jaren: readonly number[]) =>
    `Geen inwonertal van ${naam} op 1-1-${jaar} in de dataset` +
    (jaren.length > 0 ? ` (beschikbaar: ${jaren[0]}–${jaren[jaren.length - 1]}).` : "."),
  landInwonersOnbekend: (jaar: number) => `Inwonertal van Nederland op 1-1-${jaar} ontbreekt in de dataset.`,

  // Gemeenten
  gemeenteLeeg: () => "Geef een gemeente op: naam of CBS-code (bijvoorbeeld Utrecht of GM0344).",
  gemeenteOnbekend: (invoer: string, suggesties: readonly string[]) =>
    `Gemeente ${aanhaling(invoer)} niet gevonden.` +
    (suggesties.length > 0
      ? ` Bedoelde u: ${suggesties.join(", ")}?`
      : " Controleer de naam of gebruik de CBS-code."),
  gemeenteCodeOnbekend: (code: string) => `Gemeentecode ${code} bestaat niet in de dataset (2015–heden).`,
  gemeenteDubbelzinnig: (invoer: string, kandidaten: readonly string[]) =>
    `${aanhaling(invoer)} is niet eenduidig: bedoelt u ${kandidaten.join(" of ")}?`,
  gemeenteOpgeheven: (naam: string, datum: string, opvolgers: readonly string[], vanafPeriode: string) =>
    `${naam} bestaat niet meer: per ${datum} opgegaan in ${opsomming(opvolgers)}. ` +
    `Voor ${vanafPeriode} en later: gebruik ${opsomming(opvolgers)}.`,
  gemeenteNogNiet: (naam: string, datum: string, voorgangers: readonly string[]) =>
    `${naam} bestaat pas vanaf ${datum}` +
    (voorgangers.length > 0 ? ` (voorheen ${opsomming(voorgangers)}).` : "."),
  gemeenteCodeOngeldig: (invoer: string | number) =>
    `${aanhaling(invoer)} is geen geldige gemeentecode. Gebruik bijvoorbeeld GM0344, 0344 of 344.`,
  provincieOnbekend: (invoer: string, suggesties: readonly string[]) =>
    `Provincie ${aanhaling(invoer)} niet gevonden.` +
    (suggesties.length > 0 ? ` Bedoelde u: ${suggesties.join(", ")}?` : ""),
  provincieAlsGemeente: (invoer: string, provincie: string) =>
    `${aanhaling(invoer)} is een provincie${officieel(invoer, provincie)}, geen gemeente. Geef een gemeente op: ` +
    "naam of CBS-code.",
  gemeenteAlsProvincie: (invoer: string, gemeente: string, provincie: string | undefined) =>
    `${aanhaling(invoer)} is een gemeente${officieel(invoer, gemeente)}, geen provincie.` +
    (provincie === undefined ? "" : ` Bedoelde u de provincie ${provincie}?`),

  // Taakstelling
  landelijkOnbekend: (periode: string, statusTekst: string) =>
    `De landelijke taakstelling voor ${periode} is niet bekend (${bronStatus(statusTekst)}); Opgave schat hem niet.`,
  periodeBuitenDataset: (periode: string, eerste: string, laatste: string) =>
    `Periode ${periode} valt buiten de dataset (${eerste} t/m ${laatste}).`,
  grenzenGewijzigd: (naam: string, periode: string, wijziging: string) =>
    `Taakstelling ${naam} ${periode} niet exact te berekenen: het grondgebied veranderde door ${wijziging}; ` +
    `inwoners op de nieuwe grenzen ontbreken.`,

  // Ledger
  gehuisvestLeeg: () =>
    "Geef het aantal gehuisveste vergunninghouders op (een getal of een kolom met getallen).",
  gehuisvestGeenKolom: () => "Gehuisvest moet één getal of één kolom (of rij) met getallen zijn.",

  // Generic argument errors
  eenCelVerwacht: (wat: string) => `${wat}: verwacht één waarde, niet een bereik met meerdere cellen.`,
  waardeOngeldig: (wat: string, waarde: unknown) => `${wat}: ${aanhaling(waarde)} is geen geldige waarde.`,
  buitenGrenzen: (wat: string, waarde: unknown, g: Grootheid, geenGetal: boolean) =>
    `${wat}: ${aanhaling(waarde)} ${geenGetal ? "is geen getal" : "is niet toegestaan"}; ` +
    `gebruik ${g.geheel ? "een geheel getal" : "een getal"} van ${bereik(g)} (${g.omschrijving}).`,
  uitkomstNietEindig: () =>
    "De uitkomst is te groot om te berekenen; controleer de ingevoerde getallen (zie docs/grenzen.md).",
  invoerGelezenAls: (invoer: string, naam: string) => `invoer ${aanhaling(invoer)} gelezen als ${naam}`,
  datumOngeldig: (wat: string, waarde: unknown) =>
    `${wat}: ${aanhaling(waarde)} is geen datum. Gebruik een Excel-datum of tekst als 15-3-2024.`,
  gehuisvestLegeCel: (positie: number) =>
    `Gehuisvest bevat een lege cel (positie ${positie}); vul 0 in als er in die periode niemand is gehuisvest.`,
  interneFout: (detail: string) => `Onverwachte fout in Opgave: ${detail}. Meld dit aan de beheerder.`,
  functieOntbreekt:
    "Geef de naam van een functie op: opgave fn NAAM [ARG...], bijvoorbeeld opgave fn TAAKSTELLING Utrecht " +
    "2024-I. Alle functies: opgave functies.",
  /** `parameters` as typed on the command line: "GEMEENTE", "[LANDELIJK]". */
  functieAanroep: (id: string, parameters: readonly string[]) =>
    `Aanroep: opgave fn ${id} ${parameters.join(" ")} (wat tussen [ ] staat, mag weg; "" is een lege cel). ` +
    "Meer: opgave --help.",
  functieOnbekend: (naam: string, bekend: readonly string[], voorstel: readonly string[] = []) =>
    `Onbekende functie ${naam}. ` +
    (voorstel.length > 0
      ? `Bedoelde u: ${voorstel.join(", ")}? Alle functies: opgave functies.`
      : `Beschikbaar: ${bekend.join(", ")}.`),
  opdrachtOnbekend: (opdracht: string, voorstel: readonly string[]) =>
    `Onbekende opdracht "${opdracht}".` +
    (voorstel.length > 0 ? ` Bedoelde u: ${voorstel.map((v) => `opgave ${v}`).join(", ")}?` : ""),

  // Provenance
  herkomstOfficieel: "officieel",
  herkomstBerekend: "berekend (art. 29 Hvw 2014)",
  herkomstBerekendSamengevoegd: "berekend (art. 29 en 30 Hvw 2014, som van de delen)",
} as const;

const MAANDEN = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
];

/** A date as a source gives it: "2022-03-07" → "7-3-2022", "2023-11" → "november 2023"; anything else as it is. */
export function datumOfMaandNl(tekst: string): string {
  const maand = /^(\d{4})-(\d{2})$/.exec(tekst);
  if (maand) return `${MAANDEN[Number(maand[2]) - 1] ?? maand[2]} ${maand[1]}`;
  return datumNl(tekst);
}

/**
 * Messages of issue 14: the taakstelling with the user's own national number, the scenario, the ledger across
 * herindelingen (VERLOOP) and the Ukrainian reception key figures.
 */
export const taakstellingBerichten = {
  // Own national number (TAAKSTELLING's `landelijk`)
  eigenInvoer: "landelijk getal eigen invoer",
  herkomstEigen: "berekend (art. 29 Hvw 2014), landelijk getal eigen invoer",
  herkomstEigenSamengevoegd:
    "berekend (art. 29 en 30 Hvw 2014, som van de delen), landelijk getal eigen invoer",
  landelijkInDataset: (periode: string, tekst: string) => `in de dataset voor ${periode}: ${tekst}`,
  peildatumBuitenData: (periode: string, peiljaar: number, jaren: readonly number[]) =>
    `Voor ${periode} zijn de inwoners op 1-1-${peiljaar} nodig (art. 29 Hvw 2014); die staan niet in de dataset` +
    (jaren.length > 0 ? ` (${jaren[0]}–${jaren[jaren.length - 1]})` : "") +
    ". Voor een schatting met de laatst bekende inwoners: TAAKSTELLINGSCENARIO.",
  landelijkGeenKolom: () => "landelijk moet één getal of één kolom (of rij) met getallen zijn.",
  landelijkAantalCellen: (gevonden: number, nodig: number) =>
    `landelijk: geef één getal per halfjaar, ${nodig} ${nodig === 1 ? "cel" : "cellen"} net als gehuisvest ` +
    `(gevonden: ${gevonden}); laat een cel leeg voor het getal uit de dataset.`,

  // Scenario (TAAKSTELLINGSCENARIO)
  scenarioLabel: (a: {
    vg: number;
    iG: number;
    iN: number;
    peiljaar: number;
    periode: string | null;
    gewenstJaar: number | null;
    delen: readonly string[];
  }) =>
    `scenario (geen officieel of berekend cijfer): ⌈${getal(a.vg)} × ${getal(a.iG)} / ${getal(a.iN)}⌉; ` +
    `inwoners per 1-1-${a.peiljaar}` +
    (a.gewenstJaar !== null && a.gewenstJaar !== a.peiljaar
      ? ` (laatst bekend; de peildatum van ${a.periode ?? "het halfjaar"} is 1-1-${a.gewenstJaar})`
      : a.periode === null
        ? " (laatst bekend)"
        : ` (peildatum van ${a.periode})`) +
    (a.delen.length > 1 ? `, som van ${a.delen.join(" + ")}` : ""),
  scenarioVoorData: (periode: string, peiljaar: number, eerste: number) =>
    `Voor ${periode} zijn de inwoners op 1-1-${peiljaar} nodig; de dataset begint bij 1-1-${eerste}. ` +
    "Een scenario is voor een komend halfjaar.",

  // The ledger across herindelingen (ACHTERSTAND, VOORSPRONG, GECORRIGEERD, VERLOOP)
  samengevoegdPer: (datums: readonly string[]) => `samengevoegd per ${opsomming(datums)}`,
  naamswijzigingPer: (datums: readonly string[]) => `naamswijziging per ${opsomming(datums)}`,
  gebiedSom: (delen: readonly string[], herindelingen: string) =>
    `som van ${delen.join(" + ")} (${herindelingen})`,
  gebiedVoorganger: (deel: string, herindelingen: string) => `voorganger ${deel} (${herindelingen})`,
  gebiedBron: (naam: string, periode: string) =>
    `${naam} bestond in ${periode} nog niet: geen eigen taakstelling; in een verloop (ACHTERSTAND, VERLOOP) ` +
    "telt dit als taakstelling van het grondgebied",
  gebiedBronKleiner: (naam: string, periode: string) =>
    `${naam} had in ${periode} een kleiner grondgebied; in een verloop (ACHTERSTAND, VERLOOP) telt de som van de delen`,
  verloopGrenzen: (naam: string, periode: string, wijziging: string) =>
    `Verloop van ${naam} niet terug te voeren tot ${periode}: bij ${wijziging} werd grondgebied gesplitst of ` +
    "deels overgedragen. Begin het verloop daarna en geef het saldo van toen als beginsaldo.",
  deelOntbreekt: (naam: string, periode: string) =>
    `Het grondgebied van ${naam} in ${periode} is niet in gemeenten van toen uit te drukken.`,
  verloopKop: [
    "Periode",
    "Taakstelling",
    "Herkomst",
    "Beginsaldo",
    "Gecorrigeerd",
    "Gehuisvest",
    "Achterstand",
    "Voorsprong",
    "Achtereen achter",
  ] as readonly string[],
  verloopOnbekend: (reden: string) => `onbekend: ${reden}`,
  verloopNaOnbekend: (periode: string) =>
    `saldo onbekend: het verloop stopt bij ${periode} (zie daar); vul daar het landelijke getal in (parameter landelijk)`,

  // Ukrainian reception key figures (OEKRAINECIJFERS)
  oekraineKop: ["Indicator", "Waarde", "Datum", "Bron", "Toelichting"] as readonly string[],
  oekraineGeenCijfers: (dataset: string) =>
    `De gegevens in gebruik (${dataset}) bevatten geen kerncijfers over de opvang van Oekraïners; haal de ` +
    "nieuwste gegevens op.",
  oekraineIndicatorOnbekend: (invoer: string, voorstel: readonly string[], bekend: readonly string[]) =>
    `Indicator ${aanhaling(invoer)} niet gevonden. ` +
    (voorstel.length > 0 ? `Bedoelde u: ${voorstel.join("; ")}?` : `Bekend: ${bekend.join("; ")}.`),
  oekraineVoorEerste: (datum: string, eerste: string) =>
    `Op ${datum} is nog geen kerncijfer over de opvang van Oekraïners bekend (het eerste: ${eerste}).`,
  oekraineNogNiet: (indicator: string, datum: string, eerste: string) =>
    `Op ${datum} is voor "${indicator}" nog geen cijfer bekend (het eerste: ${eerste}).`,
  oekraineMaandConventie:
    "Een cijfer dat de bron met een maand dateert (2023-11) geldt vanaf de eerste dag van die maand.",
} as const;

/** Messages about reception decisions (Spreidingswet), scenarios and small-scale locations. */
export const opvangBerichten = {
  besluitOnbekend: (invoer: string, bekend: readonly string[]) =>
    `Besluit ${aanhaling(invoer)} niet gevonden. Bekend: ${bekend.join("; ")}.`,
  soortOngeldig: (invoer: string) => `Soort ${aanhaling(invoer)} niet herkend: gebruik "totaal" of "amv".`,
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
  labelGepubliceerd: "gepubliceerd",
  labelSchatting: "indicatief, berekend zonder SES-WOA (aanname Opgave)",
  labelAmvVerhouding: (amv: number, totaal: number) =>
    `amv = afgerond totaal × ${getal(amv)} / ${getal(totaal)}`,
  labelScenario: (n: number) => `scenario: eigen aandeel toegepast op een landelijk totaal van ${getal(n)}`,

  // Small-scale locations
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
  soortOpvangOngeldig: (invoer: string) =>
    `Soort opvang ${aanhaling(invoer)} niet herkend: gebruik "regulier" of "nood" (noodopvang, crisisnoodopvang).`,
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
    `Fase ${aanhaling(invoer)} niet herkend: gebruik "landelijk", "provinciaal" of "aanwijzing".`,
  jaNeeOngeldig: (wat: string, invoer: unknown) =>
    `${wat}: ${aanhaling(invoer)} niet herkend; gebruik ja of nee (ook: waar/onwaar, 1/0, duurzaam/niet duurzaam).`,
  prikkelOnbekend: (fase: string, duurzaam: boolean) =>
    `Geen financiële prikkel bekend voor de fase "${fase}" (${duurzaam ? "duurzaam" : "niet duurzaam"}).`,

  soortOekraineOngeldig: (invoer: string) =>
    `Soort opvang ${aanhaling(invoer)} niet herkend: gebruik "GOO" (gemeentelijk) of "POO" (particulier).`,
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
    `Let op: het normbedrag ${wat} van ${euro(tarief)} per ${eenheid} (vanaf ${vanaf}) heeft de status: ${bronStatus(status)}.`,
  waarschuwingOpenEinde: (soort: string, vanaf: string, tot: string) =>
    `Het normbedrag ${soort} vanaf ${vanaf} heeft in de bron geen einddatum; ` +
    `Opgave past het alleen toe t/m ${tot} (normbedragen gelden per kalenderjaar).`,
  conventieOekraine:
    "Gesplitst op elke tariefwijziging. Per dag: kalenderdagen geteld, begin- en einddatum inbegrepen. " +
    "Per maand: een volledig gedekte kalendermaand telt als 1 maand, een deels gedekte maand naar rato " +
    "(gedekte dagen / dagen in die maand). Exact gerekend, pas aan het eind afgerond op centen.",
} as const;

/** "2026-11-28" → "28-11-2026"; anything else is returned as it is. */
export function datumNl(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])}-${Number(m[2])}-${m[1]}` : iso;
}

/** ISO date-time → "28-11-2026 14:05" in the user's time zone. */
export function tijdstipNl(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const twee = (n: number) => String(n).padStart(2, "0");
  return `${t.getDate()}-${t.getMonth() + 1}-${t.getFullYear()} ${twee(t.getHours())}:${twee(t.getMinutes())}`;
}

/** One delivered file and its moments, for the messages about resubmissions. */
export interface Aanleveringsmoment {
  readonly bestand: string;
  /** Bron "Gevuld op" (ISO moment), null when the file has none. */
  readonly gevuldOp: string | null;
  /** The file's modification time (ISO moment), null when unknown. */
  readonly gewijzigd: string | null;
}

/** "gevuld op 1-12-2026 11:00:00" (and ", bestand gewijzigd op …" when the modification time matters). */
function moment(x: Aanleveringsmoment, door: "gevuldOp" | "gewijzigd"): string {
  const gevuld = x.gevuldOp ? `gevuld op ${tijdstipAmsterdam(x.gevuldOp)}` : 'zonder "Gevuld op"';
  if (door === "gevuldOp") return gevuld;
  return `${gevuld}, bestand gewijzigd op ${x.gewijzigd ? tijdstipAmsterdam(x.gewijzigd) : "onbekend"}`;
}

/** A total or figure that may be unknown: "1.234" or "onbekend" (never 0 for "nothing entered"). */
function getalOfOnbekend(n: number | null): string {
  return n === null ? "onbekend" : getal(n);
}

/** Where the ledgers end: the period most gemeenten end at first. */
export interface EindperiodeTekst {
  readonly periode: string;
  readonly gemeenten: readonly string[];
}

/** "Houten", "Houten en Zeist", "12 gemeenten" (names up to `max`). */
function gemeentenKort(namen: readonly string[], max: number): string {
  return namen.length <= max ? opsomming(namen) : `${namen.length} gemeenten`;
}

/** "stand tot en met 2024-I (Houten tot en met 2025-I)"; "onbekend: …" when no gemeente has a ledger. */
function standTekst(eind: readonly EindperiodeTekst[]): string {
  const [hoofd, ...rest] = eind;
  if (!hoofd) return "onbekend: geen gemeente heeft een verloop";
  const anders = rest.map((e) => `${gemeentenKort(e.gemeenten, 5)} tot en met ${e.periode}`).join("; ");
  return `stand tot en met ${hoofd.periode}${anders ? ` (${anders})` : ""}`;
}

/**
 * Why a run of achterstanden is a signal (the supervision signal of the provincial overview): provincial practice,
 * not law.
 */
const TOEZICHT_PRAKTIJK =
  "provinciale praktijk, geen wettelijke regel (Zuid-Holland, januari 2025: na vier opeenvolgende keren " +
  "achterstand kan de provincie ingrijpen; bron: rd.nl, 'Zuid-Holland geeft acht gemeenten laatste waarschuwing')";

/** Messages of the provincial consolidation (reading municipal workbooks, the checks, the summary). */
export const consolidatieBerichten = {
  getal,
  // Reading one file
  onleesbaar: (detail: string) => `Het bestand kon niet worden gelezen (${detail}); overgeslagen.`,
  geenXlsx: (detail: string) =>
    `Geen geldig .xlsx-bestand (${detail}); overgeslagen. Bewaar het werkboek in Excel als .xlsx en lever het opnieuw aan.`,
  // The package check before parsing (../workbook/pakketControle): the findings, then their reasons.
  wachtwoord:
    "Het werkboek is met een wachtwoord beveiligd (versleuteld), dus Opgave kan het niet lezen; overgeslagen. " +
    "Sla het op zonder wachtwoord (Excel: Bestand > Info > Werkmap beveiligen > Versleutelen met wachtwoord, " +
    "wachtwoord leegmaken) en lever het opnieuw aan.",
  ouderFormaat:
    "Geen .xlsx-bestand maar een ouder Excel-bestand (.xls) of een ander Office-bestand; overgeslagen. Open het " +
    "in Excel, sla het op als Excel-werkmap (.xlsx) en lever het opnieuw aan.",
  opendocument:
    "Geen .xlsx-bestand maar een OpenDocument-rekenblad (.ods, de eigen opmaak van LibreOffice); overgeslagen. " +
    "Open het in LibreOffice, kies Bestand > Opslaan als > Excel 2007-365 (.xlsx) en lever het opnieuw aan.",
  teGroot: (reden: string) =>
    `Te groot om te lezen: ${reden}; overgeslagen. Een gemeentewerkboek van Opgave heeft een paar duizend ` +
    "cellen en is uitgepakt minder dan 1 MB: controleer of dit het goede bestand is.",
  verdacht: (reden: string) =>
    `Niet gelezen: ${reden}; overgeslagen. Zo'n bestand maakt Excel niet: laat de gemeente het werkboek in ` +
    "Excel openen, opnieuw opslaan en opnieuw aanleveren.",
  /** "(grens 200.000; aan te passen met --max-cellen)": the limit, and how to change it where that can be done. */
  grens: (grens: string, optie?: string) => `(grens ${grens}${optie ? `; aan te passen met ${optie}` : ""})`,
  pakketGeenZip: "geen zip-archief, wat elk .xlsx-bestand is",
  pakketOnvolledig:
    "onvolledig of beschadigd: het bestand is afgebroken, bijvoorbeeld bij het kopiëren of downloaden",
  pakketBeschadigd: (onderdeel: string) =>
    `onderdeel ${onderdeel} is beschadigd of op een onbekende manier ingepakt`,
  pakketOnderdelen: (aantal: string, grens: string) =>
    `het werkboek bestaat uit ${aantal} onderdelen ${grens}`,
  pakketOmvang: (wat: string, mb: string, grens: string) => `${wat} is uitgepakt ${mb} MB ${grens}`,
  pakketOnderdeel: (onderdeel: string) => `onderdeel ${onderdeel}`,
  pakketGeheel: "het werkboek",
  pakketCellenBlad: (blad: string, aantal: number, grens: string) =>
    `blad "${blad}" heeft meer dan ${getal(aantal)} cellen ${grens}`,
  pakketCellenTotaal: (aantal: number, grens: string) =>
    `de bladen hebben samen meer dan ${getal(aantal)} cellen ${grens}`,
  pakketVerhouding: (onderdeel: string, keer: number, grens: string) =>
    `onderdeel ${onderdeel} pakt uit tot ${getal(keer)} keer zijn ingepakte grootte ${grens}, het kenmerk van ` +
    "een zip-bom",
  pakketGroterDanOpgegeven: (onderdeel: string, opgegeven: number) =>
    `onderdeel ${onderdeel} pakt uit tot meer dan de ${getal(opgegeven)} bytes die het zelf opgeeft: het ` +
    "bestand is beschadigd of gemanipuleerd",
  pakketEntiteiten: (onderdeel: string) =>
    `onderdeel ${onderdeel} bevat een DOCTYPE- of ENTITY-declaratie, die bij het lezen kan uitdijen tot ` +
    'gigabytes ("entity expansion")',
  geenOpgave: (reden: string) =>
    `Geen werkboek van Opgave (${reden}); overgeslagen. Laat de gemeente het werkboek maken met Opgave ` +
    "(taakvenster: Vul werkboek, of opgave vul --gemeente).",
  onbekendeVersie: (detail: string) =>
    `Werkboek van een indeling die deze versie van Opgave niet kan lezen (${detail}); overgeslagen. Werk Opgave ` +
    "bij, of laat de gemeente het werkboek opnieuw vullen.",
  /** `werkboek`: which workbook it is, in words ("het provincie-overzicht van Utrecht"). */
  geenGemeentewerkboek: (werkboek: string) =>
    `Dit is ${werkboek}, geen werkboek van één gemeente; overgeslagen.`,
  bladOntbreekt: (blad: string, gevolg: string) => `Blad "${blad}" ontbreekt: ${gevolg}`,
  gevolgTaakstelling:
    "taakstelling, gehuisvest, achterstand en voorsprong van deze gemeente tellen niet mee.",
  gevolgOpvang: "de bestaande opvangplaatsen van deze gemeente tellen niet mee.",
  gevolgKosten: "de eigen kostenaannames van deze gemeente tellen niet mee (Opgave rekent met de standaard).",
  tabelOntbreekt: (tabel: string, blad: string) =>
    `Tabel ${tabel} niet gevonden op blad "${blad}" (verwijderd of verplaatst?): taakstelling, gehuisvest, ` +
    "achterstand en voorsprong van deze gemeente tellen niet mee. Laat de gemeente het werkboek opnieuw vullen.",
  kolommenOntbreken: (tabel: string, plek: string, kolommen: readonly string[]) =>
    `Tabel ${tabel} (${plek}) is handmatig gewijzigd: kolom ${kolommen.map((k) => `"${k}"`).join(", ")} ` +
    `ontbreekt (hernoemd of verwijderd). Taakstelling, gehuisvest, achterstand en voorsprong van deze gemeente ` +
    "tellen niet mee; zet de kolomnaam terug.",
  dubbelePeriode: (tabel: string, periode: string) =>
    `Tabel ${tabel} bevat periode ${periode} meer dan eens: de tabel is handmatig gewijzigd; taakstelling, ` +
    "gehuisvest, achterstand en voorsprong van deze gemeente tellen niet mee.",
  periodeOngeldig: (plek: string, waarde: string) =>
    `In ${plek} staat "${waarde}" in plaats van een periode (zoals 2024-I); deze rij telt niet mee.`,
  invoercelOntbreekt: (naam: string, label: string) =>
    `De invoercel "${label}" (${naam}) is niet te vinden (naam verwijderd en cel verplaatst?); die invoer telt ` +
    "niet mee.",
  nietNumeriek: (label: string, plek: string, waarde: string) =>
    `${label} in ${plek} is geen getal (${foutwaardeTekst(waarde) ?? `"${waarde}"`}); deze cel telt niet mee. ` +
    "Vul een getal in.",
  formuleZonderWaarde: (label: string, plek: string) =>
    `${label} in ${plek} is een formule zonder opgeslagen uitkomst; deze cel telt niet mee. Open het werkboek in ` +
    "Excel en bewaar het opnieuw, of vul een getal in.",
  tekstGetal: (label: string, plek: string, waarde: string) =>
    `${label} in ${plek} is als tekst ingevuld ("${waarde}"); Excel rekent niet met tekst, dus deze cel telt niet mee (net als in het werkboek zelf). Vul het als getal in.`,
  geenGeheelGetal: (label: string, plek: string, waarde: string) =>
    `${label} in ${plek} is geen geheel getal (${waarde}); deze cel telt niet mee.`,
  negatief: (label: string, plek: string, waarde: string) =>
    `${label} in ${plek} is negatief (${waarde}); deze cel telt niet mee.`,
  datumAlsAantal: (label: string, plek: string, datum: string, getal: string) =>
    `${label} in ${plek} is een datum (${datum}), geen aantal: Excel rekent ermee als ${getal}. Deze cel telt ` +
    "niet mee; vul een getal in (celopmaak Getal of Standaard).",
  startperiodeOngeldig: (plek: string, waarde: string) =>
    `Eerste periode in ${plek} ("${waarde}") staat niet in kolom Periode van de tabel, dus het werkboek rekent ` +
    "geen achterstand of voorsprong uit. Vul precies een periode uit de tabel in (bijv. 2022-I) of laat de cel leeg.",

  // Checks over the files
  onbekendeGemeente: (code: string, naam: string, datum: string) =>
    `Gemeente ${naam} (${code}) bestaat niet (meer) op ${datumNl(datum)} volgens de gegevens van Opgave; niet ` +
    "meegeteld. Laat de gemeente een nieuw werkboek maken.",
  buitenProvincie: (naam: string, zijnProvincie: string, provincie: string) =>
    `${naam} ligt in ${zijnProvincie}, niet in ${provincie}: niet meegeteld in het overzicht en de totalen.`,
  vervangt: (
    naam: string,
    nieuw: Aanleveringsmoment,
    oud: Aanleveringsmoment,
    door: "gevuldOp" | "gewijzigd",
  ) =>
    `${nieuw.bestand} (${moment(nieuw, door)}) vervangt eerdere aanlevering ${oud.bestand} (${moment(oud, door)}) ` +
    `van ${naam}` +
    (door === "gewijzigd"
      ? ': "Gevuld op" (blad Bron) beslist niet, de wijzigingsdatum van het bestand wel'
      : "") +
    `. Het overzicht gebruikt ${nieuw.bestand}, dit bestand niet.`,
  zelfdeAanlevering: (naam: string, gebruikt: string, kopie: string) =>
    `${kopie} heeft dezelfde inhoud als ${gebruikt} (alle invoer en "Gevuld op" gelijk): twee keer dezelfde ` +
    `aanlevering van ${naam}. Het overzicht gebruikt ${gebruikt}, dit bestand niet.`,
  dubbelOnbeslist: (naam: string, bestanden: readonly Aanleveringsmoment[]) =>
    `${naam} is meer dan eens aangeleverd (${opsomming(bestanden.map((x) => `${x.bestand}, ${moment(x, "gewijzigd")}`))}` +
    ') en "Gevuld op" (blad Bron) noch de wijzigingsdatum van de bestanden wijst een nieuwste aan. Opgave kiest ' +
    "niet: geen van deze bestanden is gebruikt. Lever er één aan.",
  ontbreekt: (naam: string, provincie: string) =>
    `Geen werkboek van ${naam} aangeleverd${provincie ? ` (gemeente in ${provincie})` : ""}.`,
  ontbrekenSamen: (namen: readonly string[]) =>
    `Geen werkboek aangeleverd van ${namen.length === 1 ? "1 gemeente" : `${namen.length} gemeenten`}: ` +
    `${opsomming(namen)}.`,
  andereVersie: (
    versie: string,
    tov: { meerderheid: string | null; aantal: number; totaal: number; engine: string | null },
  ) =>
    `Gevuld met dataset ${versie}` +
    (tov.meerderheid
      ? `; de meeste werkboeken (${tov.aantal} van ${tov.totaal}) met ${tov.meerderheid}`
      : "") +
    (tov.engine ? `; het overzicht rekent met ${tov.engine} (de gegevens van Opgave nu)` : "") +
    ". Cijfers uit de dataset (taakstelling, opvangdoel, normen) kunnen verschillen; laat de gemeente het " +
    "werkboek opnieuw vullen met het laatste besluit.",
  opvangAfwijkt: (
    doelBestand: number | null,
    besluitBestand: string | null,
    doel: number | null,
    besluit: string | null,
  ) =>
    `Het werkboek toont ${doelBestand === null ? "geen opvangdoel" : `opvangdoel ${getal(doelBestand)}`}` +
    (besluitBestand ? ` (${besluitBestand})` : "") +
    `; Opgave rekent nu met ${doel === null ? "geen opvangdoel" : getal(doel)}` +
    (besluit ? ` (${besluit})` : "") +
    ". Het overzicht gebruikt het cijfer van Opgave.",
  totaalWijktAf: (verschillen: readonly { plek: string; inWerkboek: string; berekend: string }[]) =>
    `Uitkomsten in het werkboek kloppen niet met de invoer: ${verschillen
      .slice(0, 5)
      .map((v) => `${v.plek} toont ${v.inWerkboek}, herberekend ${v.berekend}`)
      .join("; ")}${verschillen.length > 5 ? ` (en nog ${verschillen.length - 5})` : ""}. Het overzicht ` +
    "gebruikt de herberekening; laat de gemeente nagaan of een formule is overschreven.",
  redenTaakstelling: (periode: string) =>
    `in ${periode} is de taakstelling onbekend (vul Taakstelling (eigen invoer) in)`,
  redenEigenAfgewezen: (periode: string, kolom: string, plek: string) =>
    `in ${periode} is de taakstelling onbekend: ${kolom} is geen bruikbaar getal (${plek}, zie de melding bij die cel)`,
  redenGehuisvest: (periode: string) => `in ${periode} is Gehuisvest leeg`,
  redenGehuisvestAfgewezen: (periode: string, plek: string) =>
    `in ${periode} is Gehuisvest geen bruikbaar getal (${plek}, zie de melding bij die cel)`,
  redenPeriode: (periode: string) => `rij ${periode} sluit niet aan op de vorige periode`,
  verloopOnderbroken: (na: string | null, reden: string, later: readonly string[]) =>
    `Het verloop ${na ? `stopt na ${na}` : "begint niet"}: ${reden}. Gehuisvest in ${opsomming(
      later.length > 4 ? [...later.slice(0, 3), `nog ${later.length - 3} perioden`] : later,
    )} telt daardoor niet mee.`,
  geenInvoer: "Geen Gehuisvest ingevuld: achterstand en voorsprong zijn niet te berekenen.",
  eersteRijenWeg: (eerste: string, begin: string) =>
    `De tabel Taakstelling begint bij ${begin}, niet bij ${eerste}: rijen verwijderd? Zonder Eerste periode telt ` +
    `het verloop vanaf de eerste rij, dus zonder de halfjaren ervoor (een achterstand daar valt weg). Zet de rijen ` +
    `terug, of vul bij Eerste periode ${begin} in en het saldo van toen bij Beginsaldo.`,
  buitenBereik: (label: string, waar: string, waarde: number, g: Grootheid) =>
    `${label} (${waar}) is ${getalInvoer(waarde)}: dat kan niet kloppen; toegestaan is ` +
    `${g.geheel ? "een geheel getal" : "een getal"} van ${bereik(g)} (${g.omschrijving}). Deze waarde telt niet mee.`,
  provincieKeuze: (namen: readonly string[], aantal: number) =>
    `Evenveel aangeleverde gemeenten liggen ${opsomming(namen.map((n) => `in ${n}`))} ` +
    `(${aantal} elk). Opgave kiest niet: kies de provincie (${namen.join(" of ")}).`,
  nietGebruiktKeuze: "niet gebruikt: kies eerst de provincie",
  eindperiodeVerschilt: (eind: readonly EindperiodeTekst[]) =>
    `De verlopen eindigen niet in dezelfde periode: ${eind
      .map(
        (e, i) =>
          `${i === 0 ? gemeentenKort(e.gemeenten, 3) : gemeentenKort(e.gemeenten, 10)} tot en met ${e.periode}`,
      )
      .join(
        "; ",
      )}. Achterstand en voorsprong in de totalen tellen standen van verschillende perioden op; vraag ` +
    "de gemeenten Gehuisvest tot en met dezelfde periode in te vullen.",
  toezichtSignaal: (naam: string, aantal: number, tm: string, drempel: number) =>
    `${naam}: ${aantal} halfjaren achtereen geëindigd met een achterstand (tot en met ${tm}; drempel ` +
    `${drempel}). Signaal voor toezicht: ${TOEZICHT_PRAKTIJK}.`,
  toezichtPraktijk: TOEZICHT_PRAKTIJK,
  toezichtDrempelOngeldig: (drempel: number) =>
    `De drempel van het toezichtsignaal moet een geheel getal van 1 of meer zijn (niet ${getalInvoer(drempel)}).`,
  achtereenToelichting: (drempel: number) =>
    "Achtereen achter: het aantal halfjaren achtereen dat het verloop van de gemeente met een achterstand eindigt " +
    `(geteld vanaf Vanaf; een achterstand in het beginsaldo telt niet als halfjaar). Vanaf ${drempel} staat de ` +
    `gemeente op blad Controle als toezichtsignaal: ${TOEZICHT_PRAKTIJK}.`,
  standTekst,
  standLabel: "Achterstand en voorsprong",

  // Status and summary
  gebruikt: "gebruikt",
  nietGebruikt: "niet gebruikt",
  statusOntbreekt: "ontbreekt",
  statusNietGebruikt: "niet gebruikt (dubbel)",
  status: (fouten: number, waarschuwingen: number) =>
    fouten === 0 && waarschuwingen === 0
      ? "in orde"
      : [
          fouten > 0 ? `${fouten} ${fouten === 1 ? "fout" : "fouten"}` : "",
          waarschuwingen > 0
            ? `${waarschuwingen} ${waarschuwingen === 1 ? "waarschuwing" : "waarschuwingen"}`
            : "",
        ]
          .filter((x) => x !== "")
          .join(", "),
  ernstFout: "FOUT",
  ernstWaarschuwing: "let op",
  inOrde: "in orde",
  algemeenKop: "Gemeenten zonder (bruikbaar) bestand en algemene bevindingen:",
  locatiesToelichting:
    "Geplande locaties: het gemeentewerkboek heeft geen aparte invoer voor geplande locaties; Opgave gebruikt " +
    '"Aantal locaties" op blad Kosten (Opgave_Locaties) en, als die leeg is, de standaard (de goedkoopste optie ' +
    "voor het opvangdoel). Kolom Herkomst locaties zegt welke.",
  soortLabel: {
    onleesbaar: "onleesbaar bestand",
    geenXlsx: "geen .xlsx",
    geenOpgave: "geen Opgave-werkboek",
    onbekendeVersie: "onbekende indeling",
    geenGemeentewerkboek: "geen gemeentewerkboek",
    tabelVervormd: "tabel gewijzigd",
    nietNumeriek: "geen getal",
    negatief: "negatief getal",
    ongeldigeInvoer: "ongeldige invoer",
    onbekendeGemeente: "onbekende gemeente",
    buitenProvincie: "buiten de provincie",
    dubbel: "dubbel aangeleverd",
    ontbreekt: "ontbreekt",
    andereVersie: "andere datasetversie",
    opvangAfwijkt: "opvangdoel wijkt af",
    totaalWijktAf: "uitkomst klopt niet",
    verloopOnderbroken: "verloop onderbroken",
    eindperiodeVerschilt: "eindperioden verschillen",
    provincieKeuze: "kies de provincie",
    geenInvoer: "geen invoer",
    toezichtSignaal: "toezichtsignaal",
  } as Readonly<Record<string, string>>,
  samenvatting: (s: {
    provincie: string | null;
    herkomst: "opgegeven" | "meerderheid" | "onbekend";
    /** The tied provinces when none was chosen (empty otherwise). */
    keuze: readonly string[];
    bestanden: number;
    gebruikt: number;
    aangeleverd: number;
    gemeenten: number;
    /** Gemeenten that sent a workbook, none of which is used (twice with no newest, another dataset's, …). */
    nietGebruikt: readonly string[];
    /** Counted as listed (the missing gemeenten on one line count once, see `samengevoegd`). */
    fouten: number;
    waarschuwingen: number;
    /** The number of missing gemeenten listed together on one line (0 or 1: none). */
    samengevoegd: number;
    achterstand: number | null;
    voorsprong: number | null;
    tekort: number | null;
    eindperioden: readonly EindperiodeTekst[];
  }): string[] => [
    s.provincie !== null
      ? `Provincie ${s.provincie}${s.herkomst === "meerderheid" ? " (de provincie van de meeste aangeleverde gemeenten)" : ""}.`
      : s.keuze.length > 0
        ? `Geen provincie gekozen: evenveel aangeleverde gemeenten liggen ${opsomming(s.keuze.map((n) => `in ${n}`))}.`
        : "Geen provincie: geen enkel bestand is een bruikbaar gemeentewerkboek.",
    `${s.bestanden} ${s.bestanden === 1 ? "bestand" : "bestanden"} gelezen, ${s.gebruikt} gebruikt; ` +
      `${s.aangeleverd} van de ${s.gemeenten} gemeenten aangeleverd` +
      (s.nietGebruikt.length === 0
        ? "."
        : ` en gebruikt; van ${opsomming(
            s.nietGebruikt.length > 5
              ? [...s.nietGebruikt.slice(0, 4), `nog ${s.nietGebruikt.length - 4} gemeenten`]
              : s.nietGebruikt,
          )} ${s.nietGebruikt.length === 1 ? "is een werkboek" : "zijn werkboeken"} aangeleverd maar niet gebruikt (zie hierboven).`),
    `Controle: ${s.fouten} ${s.fouten === 1 ? "fout" : "fouten"}, ${s.waarschuwingen} ` +
      `${s.waarschuwingen === 1 ? "waarschuwing" : "waarschuwingen"}` +
      (s.samengevoegd > 1
        ? ` (zoals hierboven; 1 regel noemt ${s.samengevoegd} ontbrekende gemeenten samen).`
        : "."),
    `Samen (herberekend): achterstand ${getalOfOnbekend(s.achterstand)}, voorsprong ` +
      `${getalOfOnbekend(s.voorsprong)}, tekort opvang ${getalOfOnbekend(s.tekort)}.`,
    ...(s.eindperioden.length > 0 ? [`Achterstand en voorsprong: ${standTekst(s.eindperioden)}.`] : []),
  ],
} as const;
