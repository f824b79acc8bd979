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
