/**
 * Office.js writer: applies a WerkboekPlan to the workbook that is open in Excel (desktop, Mac, web), in three steps:
 * - read (./officeLezen): what the workbook holds that the plan cares about, in two round trips (`context.sync()`)
 *   independent of the number of gemeenten/rows; the second is skipped when there is nothing to read (first fill),
 *   a third is added only when a defined name of an input cell points away from its plan cell. Every read is
 *   bounded (a name on a whole column, a large region next to a table): Excel on the web refuses a response over
 *   5 MB, and a larger table is reported and left alone;
 * - decide (./officeBeslissing, pure): positions, shape checks and the merge of ./samenvoegen (as in ./xlsxWriter)
 *   → the list of write tasks and the report;
 * - ask, when needed, before anything is written (`VolgordeBevestiging`): a table the user sorted would go back to
 *   Opgave's order, or a formula of the user's would read another row — then the user's formulas are read first
 *   (./officeFormules: two round trips more, more for a large workbook; only when a row will hold something else);
 * - execute (./officeUitvoering): one write batch and the final sync. Chunking: a write batch holds at most
 *   `maxCellenPerSync` written cells and `maxBytesPerSync` bytes of request (values, formulas AND number formats,
 *   as JSON). Larger table bodies are cut into row chunks and the batch is synced before a piece that would exceed
 *   a cap, so the number of syncs grows only with the SIZE of the data beyond the caps, never per gemeente for
 *   normal sizes.
 *
 * Text versus formulas: every non-empty string constant goes into a cell whose number format is set to text ("@")
 * earlier in the same batch, so Excel stores it as typed text — never as a formula ("=", "+", "-", "@"), number
 * ("2024"), date or boolean. Formulas come only from `Formule` objects (en-US, via `Range.formulas`), into cells
 * whose number format (the plan's, else "General") is set first, so a cell that was text before gets a formula.
 * An empty cell is written as ""; `null` in a written matrix leaves that cell unchanged (Office.js), which the
 * refill uses for the user's cells that stay where they are. Input cells never get "@" (./officeBeslissing).
 * What a refill keeps, skips and reports: see ./officeBeslissing. Charts plot the plan's rows (not orphan rows) and
 * get a stable name; a refill deletes and re-adds that chart. Sheets not in the plan and cells outside the plan are
 * never written; nothing is deleted but that chart, and nothing cleared but the contents of plan cells a table no
 * longer covers, so notes stay; fills are never set, bold only on Opgave's titles and totals rows, number formats
 * only where the content needs one (./officeBeslissing `hervulNotatie`).
 */
import { OpgaveFout } from "../domain/fouten";
import { bevat, decodeerBereik, type Rechthoek } from "./a1";
import { BLADEN, onderwerpInWoorden } from "./indeling";
import type { BladPlan, Waarde, WerkboekPlan } from "./plan";
import {
  beslis,
  planSleutel,
  STANDAARD_MAX_BYTES_PER_SYNC,
  type Matrix,
  type OfficeVulRapport,
  type SchrijfTaak,
  type WerkmapStaat,
} from "./officeBeslissing";
import { eigenOpmaakFormules, formuleSleutel } from "./invoercontrole";
import {
  isLeeg,
  overzichtDeelsOud,
  onderwerpIn,
  weigeringTekst,
  weigeringVoorWerkboek,
  type BestaandWerkboek,
  type Weigering,
} from "./samenvoegen";
import type { OfficeFase } from "./officeFouten";
import { leesWerkmap } from "./officeLezen";
import { voerUit } from "./officeUitvoering";
import { leesFormulesVanGebruiker, vraagRijStaat, type EigenControle } from "./officeFormules";
import {
  gelezenRijenAdvies,
  gelezenRijTekst,
  gelezenVerschovenRijen,
  isRijAantekening,
  type FormuleVanGebruiker,
  type GelezenRij,
} from "./rijBetekenis";

export { leesCelVerwijzing as leesAdres } from "./a1";
export { grafiekNaam } from "./indeling";
export {
  breedteInPunten,
  celMatrix,
  matrixBytes,
  STANDAARD_MAX_BYTES_PER_SYNC,
  type OfficeVulRapport,
} from "./officeBeslissing";
export { zetCellen } from "./officeUitvoering";

/**
 * Default cap on cells written per `context.sync()`. Excel on the web rejects a request payload above 5 MB
 * ("RequestPayloadSizeLimitExceeded"). Each written cell costs its value or formula (typically 5–80 characters of
 * JSON) plus its number format (about 10) plus array punctuation, so roughly 20–120 bytes: 20 000 cells stay around
 * 0.5–2.5 MB, leaving room for long strings and for the formatting, table and chart commands of the same batch.
 * A whole-country plan (about 350 gemeenten × 15 columns ≈ 5 000 cells per table) still fits in a single batch.
 */
export const STANDAARD_MAX_CELLEN_PER_SYNC = 20_000;

export interface OfficeSchrijfOpties {
  /** Cap on the cells written in one batch (see STANDAARD_MAX_CELLEN_PER_SYNC). */
  readonly maxCellenPerSync?: number;
  /**
   * Cap on the bytes of request in one batch (STANDAARD_MAX_BYTES_PER_SYNC, 2.5 MB: half of Excel on the web's
   * 5 MB, the rest for what the estimate leaves out).
   */
  readonly maxBytesPerSync?: number;
  /** Told when the writer starts reading and when it starts writing (what an error means for the workbook). */
  readonly bijFase?: (fase: OfficeFase) => void;
  /** Progress, 0..1, with a short Dutch description. */
  readonly voortgang?: (fractie: number, tekst: string) => void;
  /**
   * The user confirmed what `VolgordeBevestiging` asked — the rows of a table they sorted go back to the plan's
   * order, a formula of theirs reads another row — as `opgave vul --bevestig-verlies` does for the .xlsx writer.
   */
  readonly volgordeToestaan?: boolean;
  /**
   * Write only when everything of Opgave's can be updated (a consolidation overview: a table left alone would
   * disagree with its checks and totals); else nothing is written and an OpgaveFout says why, before any write.
   */
  readonly alles?: boolean;
}

/**
 * A refill would put the rows of a table the user sorted back in the plan's order (Taakstelling: each half-year
 * continues from the one above, so no other order is right), or would make a formula of the user's read another row
 * (`gelezen`: a gemeente gone or new, the totals row moving; ./rijBetekenis) or leave out the rows a table gets below
 * the ones it reads, which Excel's undo cannot take back.
 * Thrown after reading and deciding, before anything is written: the pane asks, and fills again with
 * `volgordeToestaan`.
 */
export class VolgordeBevestiging extends OpgaveFout {
  /** Formulas of the user's that would read another row, notes, comments and links on one (./rijBetekenis `gelezenRijTekst`). */
  readonly gelezen: readonly string[];

  /**
   * `getypt`: values the user typed over Opgave's formulas, which the fill replaces (./berekendeKolom); `totaalUit`:
   * totals rows the user turned on, which it turns off (./samenvoegen `totaalrijVerlies`).
   */
  constructor(
    readonly tabellen: readonly string[],
    gevonden: readonly GelezenRij[] = [],
    readonly getypt: readonly string[] = [],
    readonly totaalUit: readonly string[] = [],
  ) {
    super("ongeldig", bevestigingTekst(tabellen, gevonden, getypt, totaalUit));
    this.name = "VolgordeBevestiging";
    this.gelezen = gevonden.map(gelezenRijTekst);
  }
}

/** How many of the formulas that would read another row the question names (the rest counted). */
const GENOEMDE_FORMULES = 5;

/**
 * What of the user's a row has that will hold something else (Dutch): formulas that read it, notes and the like on it,
 * values or notes beside it (./rijBetekenis `GelezenRij.naast`), by how many of each.
 */
function wieDeRijHeeft(formules: number, notities: number, naast: number, rijen: number): string {
  return [
    ...(formules > 0 ? ["een formule van u leest"] : []),
    ...(notities > 0 ? ["een notitie, opmerking, hyperlink, opmaak of validatie van u heeft"] : []),
    ...(naast > 0 ? ["iets van u naast zich heeft"] : []),
    ...(rijen > 0 ? ["verborgen is of een pagina-einde heeft"] : []),
  ].join(" of ");
}

function bevestigingTekst(
  tabellen: readonly string[],
  gevonden: readonly GelezenRij[],
  getypt: readonly string[],
  totaalUit: readonly string[],
): string {
  const gelezen = gevonden.map(gelezenRijTekst);
  const notities = gevonden.filter((g) => g.op !== undefined && !g.naast && !isRijAantekening(g.op)).length;
  const naast = gevonden.filter((g) => g.naast).length;
  // Hidden rows and page breaks (./officeFormules `vraagRijStaat`): they stay on their row number in Excel.
  const rijen = gevonden.filter((g) => isRijAantekening(g.op)).length;
  const delen: string[] = [];
  if (tabellen.length > 0)
    delen.push(
      `De rijen van tabel ${tabellen.join(" en ")} staan in een eigen volgorde (gesorteerd). Opgave zet ze terug in ` +
        "de volgorde van Opgave, want de formules rekenen van rij tot rij; een formule van u die naar zo'n rij " +
        "verwijst, leest daarna een andere rij.",
    );
  if (gelezen.length > 0) {
    const rest = gelezen.length - GENOEMDE_FORMULES;
    const wat = gevonden.every((g) => (g.alleRijen?.erbij ?? 0) > 0)
      ? "komen rijen bij in een tabel waarvan een formule van u alle rijen leest"
      : gevonden.every((g) => (g.alleRijen?.erbij ?? 0) < 0)
        ? "gaan rijen uit een tabel waarvan een formule van u alle rijen leest"
        : `staat iets anders in een rij die ${wieDeRijHeeft(gelezen.length - notities - naast - rijen, notities, naast, rijen)}`;
    delen.push(
      `Na opnieuw vullen ${wat}: ` +
        `${gelezen.slice(0, GENOEMDE_FORMULES).join("; ")}${rest > 0 ? `; en ${rest} andere` : ""}.`,
    );
  }
  if (getypt.length > 0) {
    const rest = getypt.length - GENOEMDE_FORMULES;
    delen.push(
      `Waar u zelf iets over een formule van Opgave typte, zet Opgave die formule terug: ` +
        `${getypt.slice(0, GENOEMDE_FORMULES).join("; ")}${rest > 0 ? `; en ${rest} andere` : ""}.`,
    );
  }
  if (totaalUit.length > 0)
    delen.push(
      `Opgave schrijft zijn tabellen zonder totaalrij; uit gaat, met wat erin staat: ${totaalUit.join("; ")}.`,
    );
  const zelf = [
    ...(tabellen.length > 0 ? ["zet de rijen eerst zelf terug"] : []),
    ...gelezenRijenAdvies(gevonden),
  ];
  const anders = zelf.length > 0 ? `, of ${zelf.join(", of ")}` : "";
  const notitie = [
    ...(notities > 0
      ? [" Een notitie, opmerking, hyperlink, opmaak of validatie zet u daarna zelf bij haar gemeente."]
      : []),
    ...(naast > 0 ? [" Wat naast een tabel staat, zet u daarna zelf naast haar gemeente."] : []),
    ...(rijen > 0 ? [" Een verborgen rij of pagina-einde zet u daarna zelf bij haar gemeente."] : []),
  ].join("");
  return `${delen.join(" ")} Er is nog niets gewijzigd. Kies "Toch vullen" om het werkboek zo te vullen${anders}.${notitie}`;
}

/**
 * Opgave's own guard rails on its sheets, from those the refill writes (`taken`): a conditional format whose formula
 * they write, or wrote in an earlier layout; a validation in a column they validate, from its first row down to the
 * last row of the table as it is now or will be (`eigenGebied`: a gemeente gone leaves its row's validation).
 */
function eigenControleVan(
  taken: readonly SchrijfTaak[],
  eigenGebied: (blad: string) => readonly Rechthoek[] | undefined,
): EigenControle {
  const controles = taken.flatMap((t) => (t.soort === "controle" ? [t] : []));
  const opmaak = new Set(
    controles.flatMap((t) =>
      t.opmaak.flatMap(eigenOpmaakFormules).map((f) => `${t.blad.toLowerCase()}\n${f}`),
    ),
  );
  // Each validated range with the rows that are Opgave's in its columns (worked out once: Excel may list many areas).
  const validaties = controles.flatMap((t) =>
    t.validaties.flatMap((v) => {
      const g = decodeerBereik(v.bereik);
      if (!g) return [];
      const tabel = (eigenGebied(t.blad) ?? []).filter((r) => bevat(r, g.rij1, g.kol1));
      const tot = Math.max(g.rij2, ...tabel.map((r) => r.rij + r.rijen - 1));
      return [{ blad: t.blad.toLowerCase(), kol1: g.kol1, kol2: g.kol2, rijen: [g.rij1, tot] as const }];
    }),
  );
  return {
    opmaak: (blad, formule) => opmaak.has(`${blad.toLowerCase()}\n${formuleSleutel(formule)}`),
    validatie: (blad, kolom) =>
      validaties
        .filter((v) => v.blad === blad.toLowerCase() && kolom >= v.kol1 && kolom <= v.kol2)
        .map((v) => v.rijen),
  };
}

/** What `weigeringVoorWerkboek` needs, from what was read: Bron's "Onderwerp", the sheets, Opgave's parts. */
function bestaandWerkboek(plan: WerkboekPlan, staat: WerkmapStaat): BestaandWerkboek {
  const iets = (m: Matrix | undefined) => !!m?.some((r) => r.some((v) => !isLeeg(v as Waarde)));
  // What was read where the plan writes (./samenvoegen `planRechthoeken`): its blocks, input cells and the region
  // at each table's start (read for a sheet without that table object).
  const bezet = (blad: BladPlan) =>
    blad.blokken.some((_, i) => iets(staat.blokken.get(planSleutel(blad.naam, i)))) ||
    blad.invoercellen.some((c) => !isLeeg(staat.planCellen.get(c.naam) as Waarde)) ||
    blad.tabellen.some((t) => iets(staat.gebieden.get(t.naam)?.regio.waarden));
  const bestaat = (blad: BladPlan) => staat.bladen.find((b) => b.toLowerCase() === blad.naam.toLowerCase());
  return {
    onderwerp: onderwerpIn(plan, (blok, i, j) => staat.blokken.get(planSleutel(BLADEN.bron, blok))?.[i]?.[j]),
    bezetteBladen: () =>
      plan.bladen.flatMap((blad) => {
        const naam = bestaat(blad);
        return naam !== undefined && bezet(blad) ? [naam] : [];
      }),
    bladen: staat.bladen,
    tabellen: staat.tabellen.map((t) => ({ naam: t.naam, blad: t.blad })),
    namen: staat.namen,
  };
}

/**
 * What the pane's user can do about a refusal: a new workbook, or (another gemeente, or the same province in
 * another period: a subject of the same kind) choose the workbook's own subject in the pane.
 */
function watNu(w: Weigering): string {
  if (w.soort === "hernoemd") return "Er is niets gewijzigd.";
  const soort = (onderwerp: string) => onderwerp.split(" ")[0];
  if (w.soort !== "anderOnderwerp" || soort(w.was) !== soort(w.wordt))
    return "Vul in een nieuw, leeg werkboek; er is niets gewijzigd.";
  // "gemeente Utrecht (GM0344)", "provincie Utrecht voor 2024-I": what to choose, in the words of the refusal.
  const keuze = onderwerpInWoorden(w.was).van.replace(/^van /, "");
  return `Vul in een nieuw, leeg werkboek of kies ${keuze} in het paneel; er is niets gewijzigd.`;
}

/** Read → decide → write: the plan into the open workbook, keeping what the user entered. */
export async function schrijfNaarExcel(
  context: Excel.RequestContext,
  plan: WerkboekPlan,
  opties: OfficeSchrijfOpties = {},
): Promise<OfficeVulRapport> {
  const max = Math.max(1, Math.floor(opties.maxCellenPerSync ?? STANDAARD_MAX_CELLEN_PER_SYNC));
  const maxBytes = Math.max(1, Math.floor(opties.maxBytesPerSync ?? STANDAARD_MAX_BYTES_PER_SYNC));
  const meld = (fractie: number, tekst: string): void => opties.voortgang?.(fractie, tekst);
  opties.bijFase?.("lezen");
  const { staat, objecten } = await leesWerkmap(context, plan, meld);
  // Whose workbook it is, before anything is written (as ./xlsxWriter): never another subject's inputs, never
  // over a sheet of the user's under one of Opgave's names.
  const weigering = weigeringVoorWerkboek(plan, bestaandWerkboek(plan, staat));
  if (weigering) {
    throw new OpgaveFout("ongeldig", `${weigeringTekst(weigering, "Dit werkboek")} ${watNu(weigering)}`);
  }
  const { taken, rapport, teruggezet, rijenAnders, inTabellenGelezen, eigenGebied, getypt, totaalUit } =
    beslis(plan, staat, max, maxBytes);
  if (opties.alles && rapport.overgeslagen.length > 0) {
    throw new OpgaveFout(
      "ongeldig",
      `${overzichtDeelsOud(rapport.overgeslagen)}, of vul een nieuw, leeg werkboek; er is niets gewijzigd.`,
    );
  }
  if (!opties.volgordeToestaan) {
    // The user's formulas are read only when a row will hold something else (a herindeling, a sort, a new row);
    // hidden rows and page breaks on such rows with them (they stay on their row numbers: ./officeFormules).
    let formules: FormuleVanGebruiker[] = [];
    if (rijenAnders.length > 0) {
      const rijStaat = vraagRijStaat(context, rijenAnders);
      formules = [
        ...(await leesFormulesVanGebruiker(
          context,
          staat.bladen,
          eigenGebied,
          max,
          eigenControleVan(taken, eigenGebied),
        )),
        ...(await rijStaat.lees()),
      ];
    }
    const gelezen = [...gelezenVerschovenRijen(rijenAnders, formules), ...inTabellenGelezen];
    if (teruggezet.length + gelezen.length + getypt.length + totaalUit.length > 0)
      throw new VolgordeBevestiging(teruggezet, gelezen, getypt, totaalUit);
  }
  opties.bijFase?.("schrijven");
  await voerUit(context, taken, objecten, { cellen: max, bytes: maxBytes }, meld);
  return rapport;
}
