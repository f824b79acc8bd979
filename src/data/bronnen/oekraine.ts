/**
 * National key figures of the Ukrainian reception (`oekraineKerncijfers`) from
 * data/bronnen/oekraine_opvang_kerncijfers.csv (verbatim copy of 2026-11-28; source URL per row).
 *
 * Pure. Every figure is a cell of the source file: a row that gives two figures at once
 * ("gevraagd / gerealiseerd", "90000 / 78000") becomes one figure per indicator, with the row as published quoted
 * in `toelichting`; nothing is derived, summed or distributed. The build throws when a row cannot be read that way
 * (a date in another shape, a different number of names and values), so a changed source fails loudly.
 */
import type { OekraineKerncijfer } from "../schema";
import { parseCsv, vereisBestand, veld, type CsvRij } from "./csv";

export const OEKRAINE_BESTAND = "oekraine_opvang_kerncijfers.csv";

export const OEKRAINE_BRON_METADATA: Record<
  string,
  { titel: string; urls: string[]; peildatum?: string; urlKolom?: string }
> = {
  [OEKRAINE_BESTAND]: {
    titel:
      "Opvang ontheemden uit Oekraïne: landelijke kerncijfers (opdracht Veiligheidsberaad, doelstelling, " +
      "gevraagde, beschikbare en gebruikte plekken) per datum",
    urls: [],
    peildatum: "2022–2025",
    urlKolom: "bron_url",
  },
};

const SCHEIDING = " / ";

/** The rows of the file, parsed once with their required columns. */
export function leesOekraineRijen(files: Record<string, string>): CsvRij[] {
  return parseCsv(vereisBestand(files, OEKRAINE_BESTAND), OEKRAINE_BESTAND, [
    "datum",
    "indicator",
    "waarde",
    "toelichting",
    "bron_url",
  ]);
}

/** One row → one figure, or one per indicator for a combined row. */
function uitRij(rij: CsvRij, nummer: number): OekraineKerncijfer[] {
  const b = OEKRAINE_BESTAND;
  const waar = `${b}, rij ${nummer}`;
  const datum = veld(rij, "datum", b).trim();
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(datum))
    throw new Error(`${waar}: datum '${datum}' is geen JJJJ-MM(-DD)`);
  const indicator = veld(rij, "indicator", b).trim();
  const waarde = veld(rij, "waarde", b).trim();
  const toelichting = veld(rij, "toelichting", b).trim();
  const bron = veld(rij, "bron_url", b).trim();
  const namen = indicator.split(SCHEIDING).map((s) => s.trim());
  const waarden = waarde.split(SCHEIDING).map((s) => s.trim());
  if (namen.length !== waarden.length || namen.some((n) => n === "") || waarden.some((w) => w === "")) {
    throw new Error(`${waar}: '${indicator}' en '${waarde}' zijn niet even veel namen als waarden`);
  }
  const gesplitst = namen.length > 1;
  return namen.map((naam, i) => {
    const waardeTekst = waarden[i]!;
    const bronRegel = gesplitst ? `gepubliceerd als "${indicator}: ${waarde}"` : "";
    return {
      datum,
      indicator: naam,
      aantal: /^\d+$/.test(waardeTekst) ? Number(waardeTekst) : null,
      waardeTekst,
      toelichting: [bronRegel, toelichting].filter((t) => t !== "").join("; "),
      bron,
    };
  });
}

/** The key figures in source order (the file is ordered by date; the build checks that). */
export function bouwOekraineKerncijfers(rijen: readonly CsvRij[]): OekraineKerncijfer[] {
  const cijfers = rijen.flatMap((r, i) => uitRij(r, i + 2));
  for (let i = 1; i < cijfers.length; i++) {
    const vorige = cijfers[i - 1]!.datum.slice(0, 7);
    if (cijfers[i]!.datum.slice(0, 7) < vorige) {
      throw new Error(`${OEKRAINE_BESTAND}: rijen niet op datum (${cijfers[i]!.datum} na ${vorige})`);
    }
  }
  return cijfers;
}
