/**
 * National key figures of the reception of displaced persons from Ukraine (issue 14, OEKRAINECIJFERS): per
 * indicator the figure in force on a day — the latest one dated on or before it — with its date and source. Only
 * figures from the data; never a share per gemeente or veiligheidsregio (no published key exists). The cost side
 * (normbedragen GOO/POO) is in ./kosten.
 *
 * A figure the source dates by month ("2023-11") counts from the first day of that month.
 */
import type { OekraineKerncijfer } from "./model";
import { datumOfMaandNl, taakstellingBerichten as tb } from "./berichten";
import { nietBeschikbaar, ongeldig } from "./fouten";
import { naamSleutel, suggesties } from "./namen";
import { dagTekst, dagUitCode, vergelijkDag, type Dag } from "./periode";

/** The first day a figure counts: its date, or the first of its month. */
export function kerncijferVanaf(c: OekraineKerncijfer): Dag {
  return dagUitCode(/^\d{4}-\d{2}$/.test(c.datum) ? `${c.datum}-01` : c.datum);
}

/** The indicator names in the data, in order of first appearance. */
export function oekraineIndicatoren(cijfers: readonly OekraineKerncijfer[]): string[] {
  return [...new Set(cijfers.map((c) => c.indicator))];
}

/**
 * Per indicator the figure in force on `dag` (default: the latest), in the order of the data. `datasetNaam` is
 * named when the data has no key figures at all (a bundle made before they were added).
 */
export function kerncijfersOp(
  cijfers: readonly OekraineKerncijfer[] | undefined,
  datasetNaam: string,
  dag?: Dag,
): OekraineKerncijfer[] {
  if (cijfers === undefined || cijfers.length === 0)
    throw nietBeschikbaar(tb.oekraineGeenCijfers(datasetNaam));
  const geldig =
    dag === undefined ? cijfers : cijfers.filter((c) => vergelijkDag(kerncijferVanaf(c), dag) <= 0);
  if (geldig.length === 0) {
    throw nietBeschikbaar(tb.oekraineVoorEerste(dag ? dagTekst(dag) : "", eersteDatum(cijfers)));
  }
  const laatste = new Map<string, OekraineKerncijfer>();
  for (const c of geldig) {
    const eerder = laatste.get(c.indicator);
    if (eerder === undefined || vergelijkDag(kerncijferVanaf(c), kerncijferVanaf(eerder)) >= 0) {
      laatste.set(c.indicator, c);
    }
  }
  return geldig.filter((c) => laatste.get(c.indicator) === c);
}

/** The figure of one indicator (typed in any case or spacing) in force on `dag` (default: the latest). */
export function kerncijfer(
  cijfers: readonly OekraineKerncijfer[] | undefined,
  datasetNaam: string,
  indicatorInvoer: string,
  dag?: Dag,
): OekraineKerncijfer {
  if (cijfers === undefined || cijfers.length === 0)
    throw nietBeschikbaar(tb.oekraineGeenCijfers(datasetNaam));
  const namen = oekraineIndicatoren(cijfers);
  const sleutel = naamSleutel(indicatorInvoer);
  const naam = sleutel === "" ? undefined : namen.find((n) => naamSleutel(n) === sleutel);
  if (naam === undefined) {
    const voorstel = suggesties(
      indicatorInvoer,
      namen.map((n) => ({ sleutel: naamSleutel(n), waarde: n })),
    );
    throw ongeldig(tb.oekraineIndicatorOnbekend(indicatorInvoer, voorstel, namen));
  }
  const vanDeze = cijfers.filter((c) => c.indicator === naam);
  const geldig =
    dag === undefined ? vanDeze : vanDeze.filter((c) => vergelijkDag(kerncijferVanaf(c), dag) <= 0);
  // The latest; of two with the same date, the later in the data.
  let gekozen: OekraineKerncijfer | undefined;
  for (const c of geldig) {
    if (gekozen === undefined || vergelijkDag(kerncijferVanaf(c), kerncijferVanaf(gekozen)) >= 0) gekozen = c;
  }
  if (gekozen === undefined) {
    throw nietBeschikbaar(tb.oekraineNogNiet(naam, dag ? dagTekst(dag) : "", eersteDatum(vanDeze)));
  }
  return gekozen;
}

/** The date of the earliest figure, in Dutch ("7-3-2022", "januari 2025"). */
function eersteDatum(cijfers: readonly OekraineKerncijfer[]): string {
  const eerste = [...cijfers].sort((a, b) => vergelijkDag(kerncijferVanaf(a), kerncijferVanaf(b)))[0];
  return eerste ? datumTekst(eerste) : "";
}

/** The date as the source gives it, in Dutch: "7-3-2022", "november 2023". */
export function datumTekst(c: OekraineKerncijfer): string {
  return datumOfMaandNl(c.datum);
}
