/**
 * `opgave consolideer`: many municipal Opgave workbooks → one checked provincial overview (.xlsx), for batch use
 * by provincial coordinators (the task pane does the same with the files the coordinator selects).
 *
 *   opgave consolideer gemeenten/*.xlsx --uit overzicht.xlsx
 *   opgave consolideer map-met-werkboeken --uit overzicht.xlsx --provincie Utrecht
 *   opgave consolideer map-met-werkboeken --uit overzicht.xlsx --toezicht-drempel 3
 *
 * Every file is read on its own: a broken one never stops the others, an absurd one is refused before it is
 * parsed (the reading limits, --max-… from ./leesGrenzen). The input files are only read; their
 * modification time decides between two deliveries of one gemeente with the same "Gevuld op". The overview is
 * written atomically; an existing overview is refilled in place (the coordinator's notes, own columns and own
 * sheets stay).
 *
 * Exit codes: 0 the overview is written and every file was used; 3 the overview is written but one or more files
 * were not used (unreadable, not a gemeente workbook, outside the province, replaced by a newer delivery, …: the
 * list says why); 1 nothing usable, or the overview could not be written; 2 a wrong call, also when no
 * --provincie is given and the files' provinces tie (Opgave does not guess: "Kies met --provincie: …").
 */
import { promises as fs } from "fs";
import path from "path";
import { engine } from "../data/store";
import {
  consolideer,
  controleRegels,
  samenvattingRegels,
  TOEZICHT_DREMPEL,
  type ConsolideerOpties,
} from "../domain/consolideren";
import { OpgaveFout } from "../domain/fouten";
import { CONSOLIDATIE_BLADEN, planConsolidatie } from "../workbook/consolidatiePlan";
import { ONDERWERP } from "../workbook/indeling";
import { overzichtDeelsOud, weigeringTekst } from "../workbook/samenvoegen";
import { isWerkboekBestand } from "../workbook/werkboekBestand";
import {
  leesAanlevering,
  leesOnderwerpVan,
  onleesbareAanlevering,
  type Aanlevering,
  type LeesOpties,
} from "../workbook/lezen";
import type { XlsxRapport } from "../workbook/xlsxWriter";
import { ArgumentFout, leesOpdracht, ontleed, xlsxUit } from "./argumenten";
import { LEES_GRENS_OPTIES, LEES_GRENZEN_HULP, leesOptiesUit } from "./leesGrenzen";
import type { Uitvoer } from "./main";
import { GEEN_GEWOON_BESTAND, waaromNietSchrijfbaar } from "./veiligSchrijven";
import { bronVanIngebouwd, rapportRegels, schrijfPlanNaarBestand } from "./vul";

export const CONSOLIDEER_HULP = `opgave consolideer — één gecontroleerd provincie-overzicht uit de werkboeken van gemeenten

Gebruik:
  opgave consolideer BESTAND.xlsx... --uit OVERZICHT.xlsx [--provincie NAAM] [--bevestig-verlies]
                     [--toezicht-drempel N] [--max-cellen N] [--max-cellen-totaal N] [--max-mb N]
                     [--max-onderdelen N] [--max-verhouding N]
  opgave consolideer MAP --uit OVERZICHT.xlsx          (alle werkboeken in MAP: .xlsx, .xlsm, .xls, .xlsb, .ods)

Leest de Opgave-werkboeken die gemeenten hebben ingevuld, rekent per gemeente achterstand, voorsprong,
opvangtekort, geplande locaties en kosten opnieuw uit en schrijft één overzicht met totalen, een grafiek, een
blad Controle (niet-Opgave-bestanden, dubbele of ontbrekende gemeenten, andere datasetversies, gemeenten buiten
de provincie, gewijzigde tabellen, ongeldige invoer, uitkomsten die niet kloppen) en blad Bron.
Zonder --provincie: de provincie van de meeste aangeleverde gemeenten; liggen evenveel gemeenten in twee
provincies, dan kiest Opgave niet en vraagt om --provincie. Levert een gemeente meer dan eens aan, dan telt het
nieuwste bestand ("Gevuld op" op blad Bron, bij gelijke tijd de wijzigingsdatum van het bestand). Bestaat
OVERZICHT al, dan wordt het bijgewerkt: uw notities (Notities, Afgehandeld, eigen kolommen en bladen) blijven
staan.

Toezichtsignaal: kolom Achtereen achter telt per gemeente de halfjaren achtereen waarin het verloop met een
achterstand eindigt; vanaf de drempel staat de gemeente op blad Controle.
  --toezicht-drempel N    vanaf hoeveel halfjaren achtereen (standaard ${TOEZICHT_DREMPEL}; provinciale praktijk, geen
                          wettelijke regel: Zuid-Holland, januari 2025, na vier keer achterstand)

${LEES_GRENZEN_HULP}

Exitcodes:
  0  overzicht geschreven, alle bestanden gebruikt
  3  overzicht geschreven, maar een of meer bestanden niet gebruikt (de lijst zegt waarom)
  1  geen enkel bestand bruikbaar, of het overzicht kon niet worden geschreven
  2  verkeerde aanroep (ook: provincie niet te bepalen, kies met --provincie)`;

const CONSOLIDEER_OPTIES = {
  uit: { type: "string" },
  provincie: { type: "string" },
  "bevestig-verlies": { type: "boolean" },
  "toezicht-drempel": { type: "string" },
  ...LEES_GRENS_OPTIES,
} as const;

interface Args {
  invoer: string[];
  uit?: string;
  provincie?: string;
  bevestigVerlies: boolean;
  /** --toezicht-drempel: from how many consecutive half-years of achterstand a gemeente is listed. */
  toezichtDrempel?: number;
  /** The reading limits given (--max-…), for leesAanlevering. */
  lees: LeesOpties;
}

function leesArgs(argv: readonly string[]): Args {
  const { values, positionals } = ontleed(argv, CONSOLIDEER_OPTIES);
  const { uit, provincie } = values;
  const drempel = values["toezicht-drempel"];
  const a: Args = {
    ...(uit !== undefined ? { uit } : {}),
    ...(provincie !== undefined ? { provincie } : {}),
    ...(drempel !== undefined ? { toezichtDrempel: drempelUit(drempel) } : {}),
    invoer: positionals,
    bevestigVerlies: values["bevestig-verlies"] === true,
    lees: leesOptiesUit(values),
  };
  if (a.invoer.length === 0)
    throw new ArgumentFout("Geef de werkboeken van de gemeenten op (bestanden of een map).");
  if (!a.uit) throw new ArgumentFout("Geef met --uit het .xlsx-bestand voor het overzicht op.");
  xlsxUit(a.uit);
  return a;
}

/** --toezicht-drempel as typed: a whole number of at least 1. */
function drempelUit(tekst: string | boolean): number {
  const t = typeof tekst === "string" ? tekst.trim() : "";
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new ArgumentFout(
      `--toezicht-drempel verwacht een geheel getal van 1 of meer (niet "${String(tekst)}").`,
    );
  return n;
}

/**
 * Files to read: each argument as given; a directory gives its workbooks (../workbook/werkboekBestand: .xlsx and
 * the types a gemeente may have saved it as; not Excel's ~$ lock files). A directory that cannot be listed is kept
 * as an entry (with the reason) so the list names it.
 */
async function bestandenVan(
  invoer: readonly string[],
  uit: string,
  onleesbaar: Map<string, string>,
): Promise<string[]> {
  const lijst: string[] = [];
  for (const x of invoer) {
    const p = path.resolve(x);
    let map = false;
    try {
      map = (await fs.stat(p)).isDirectory();
    } catch {
      map = false; // reported when it is read
    }
    if (!map) {
      lijst.push(p);
      continue;
    }
    try {
      const namen = (await fs.readdir(p))
        .filter((n) => isWerkboekBestand(n) && !n.startsWith("~$") && !n.startsWith("."))
        .sort((x, y) => x.localeCompare(y, "nl"));
      lijst.push(...namen.map((n) => path.join(p, n)));
    } catch (fout) {
      onleesbaar.set(p, `map niet te lezen: ${redenVan(fout)}`);
      lijst.push(p);
    }
  }
  // The overview itself is never an input (it may sit in the same folder); each file once.
  return [...new Set(lijst)].filter((p) => p !== uit);
}

/** Why a file could not be read, in Dutch where the reason is common. */
function redenVan(fout: unknown): string {
  const f = fout as NodeJS.ErrnoException;
  switch (f.code) {
    case "ENOENT":
      return "bestand niet gevonden";
    case "EISDIR":
      return "een map";
    case "EACCES":
    case "EPERM":
      return "geen toegang";
    default:
      return f.message ?? String(fout);
  }
}

const VERGRENDELBESTAND =
  "een vergrendelbestand van Excel, geen werkboek: het werkboek zelf (zonder ~$) is geopend in Excel; geef dat op";

/** One file read (its modification time included: it decides between two deliveries with the same "Gevuld op"). */
async function leesBestand(p: string, naam: string, opties: LeesOpties): Promise<Aanlevering> {
  let data: Uint8Array;
  let gewijzigd: number;
  try {
    // A pipe, socket or device (a folder may hold one under an .xlsx name): opening it could wait for ever.
    const soort = await fs.stat(p);
    if (soort.isDirectory()) return onleesbareAanlevering(naam, "een map");
    // Excel's lock file beside a workbook that is open ("~$zeist.xlsx"): not the workbook itself.
    if (path.basename(p).startsWith("~$")) return onleesbareAanlevering(naam, VERGRENDELBESTAND);
    if (!soort.isFile()) return onleesbareAanlevering(naam, GEEN_GEWOON_BESTAND);
    const fh = await fs.open(p, "r");
    try {
      gewijzigd = (await fh.stat()).mtimeMs;
      data = new Uint8Array(await fh.readFile());
    } finally {
      await fh.close();
    }
  } catch (fout) {
    return onleesbareAanlevering(naam, redenVan(fout));
  }
  return { ...(await leesAanlevering(naam, data, opties)), gewijzigd };
}

/**
 * Why the target is the Opgave workbook of something else (a gemeente's, a provincie's, the overview of another
 * provincie when --provincie says which), said before 10–60 files are read; the writer checks it again (it also
 * knows the provincie the files decide). Undefined for a new file and for anything else the writer judges.
 */
async function anderWerkboekAlsDoel(
  doel: string,
  args: Args,
  e: ReturnType<typeof engine>,
): Promise<string | undefined> {
  const data = await fs.readFile(doel).catch(() => undefined);
  const was = data && (await leesOnderwerpVan(new Uint8Array(data), args.lees));
  if (!was) return undefined;
  const provincie = args.provincie === undefined ? undefined : e.provincie(args.provincie);
  if (was.soort === "consolidatie" && (!provincie || provincie.code === was.code)) return undefined;
  const wordt = ONDERWERP.consolidatie(provincie);
  return (
    `${weigeringTekst({ soort: "anderOnderwerp", was: was.tekst, wordt }, doel)} Kies een ander bestand ` +
    "(--uit); er is niets gelezen en het bestand is niet gewijzigd."
  );
}

/** Names shown and used in the finding ids: the file name, or the path when two files share a name. */
function weergaveNamen(paden: readonly string[]): Map<string, string> {
  const telling = new Map<string, number>();
  for (const p of paden) telling.set(path.basename(p), (telling.get(path.basename(p)) ?? 0) + 1);
  return new Map(
    paden.map((p) => [
      p,
      (telling.get(path.basename(p)) ?? 0) > 1 ? path.relative(process.cwd(), p) : path.basename(p),
    ]),
  );
}

/**
 * Why a re-run would leave the overview partly old (Dutch), or undefined: a table or cells of Opgave's that the
 * coordinator changed are not written (./vul `rapportRegels` "Niet bijgewerkt"), while the rest — the checks, the
 * header line, Bron — would be: an overview whose figures do not agree with each other. Not written at all instead.
 */
function deelsOud(rapport: XlsxRapport): string | undefined {
  if (rapport.overgeslagen.length === 0) return undefined;
  return `${overzichtDeelsOud(rapport.overgeslagen)}, of kies een nieuw bestand (--uit);`;
}

/** `opgave consolideer …` (see CONSOLIDEER_HULP); `gemaakt` fixes the timestamp (tests). */
export async function consolideerCli(
  argv: readonly string[],
  uit: Uitvoer,
  gemaakt?: string,
): Promise<number> {
  const args = leesOpdracht(argv, uit, CONSOLIDEER_HULP, leesArgs);
  if (typeof args === "number") return args;
  const doel = path.resolve(args.uit ?? "");
  const e = engine();
  if (args.provincie !== undefined) {
    try {
      e.provincie(args.provincie);
    } catch (fout) {
      if (fout instanceof OpgaveFout) {
        uit.err(`${fout.message}\n\n${CONSOLIDEER_HULP}`);
        return 2;
      }
      throw fout;
    }
  }

  // Before reading 10–60 workbooks: an overview that cannot be written is said at once.
  const nietSchrijfbaar = await waaromNietSchrijfbaar(doel);
  if (nietSchrijfbaar) {
    uit.err(`${nietSchrijfbaar} Er is niets gelezen; het bestand is niet gewijzigd.`);
    return 1;
  }
  const anderWerkboek = await anderWerkboekAlsDoel(doel, args, e);
  if (anderWerkboek) {
    uit.err(anderWerkboek);
    return 1;
  }

  const onleesbaar = new Map<string, string>();
  const paden = await bestandenVan(args.invoer, doel, onleesbaar);
  if (paden.length === 0) {
    uit.err("Geen .xlsx-bestanden gevonden in wat u opgaf.");
    return 1;
  }
  const namen = weergaveNamen(paden);
  const bron = await bronVanIngebouwd(gemaakt);
  const aanleveringen: Aanlevering[] = [];
  for (const p of paden) {
    const naam = namen.get(p) ?? path.basename(p);
    const reden = onleesbaar.get(p);
    aanleveringen.push(reden ? onleesbareAanlevering(naam, reden) : await leesBestand(p, naam, args.lees));
  }

  const opties: ConsolideerOpties = {
    ...(args.provincie !== undefined ? { provincie: args.provincie } : {}),
    ...(args.toezichtDrempel !== undefined ? { toezichtDrempel: args.toezichtDrempel } : {}),
  };
  const c = consolideer(e, aanleveringen, opties);
  uit.out("Bestanden:");
  for (const r of controleRegels(c)) uit.out(`  ${r}`);
  uit.out("");
  for (const r of samenvattingRegels(c)) uit.out(r);

  if (c.provincieKeuze) {
    uit.err(
      `Kies met --provincie: ${c.provincieKeuze.map((p) => p.naam).join(" of ")}. ${doel} is niet geschreven.`,
    );
    return 2;
  }
  if (!c.provincie || c.totaal.aangeleverd === 0) {
    // Usable files none of which is used (the same gemeente twice, neither the newest) are not "no usable file".
    const nietGebruikt = c.gemeenten.some((g) => g.status === "nietGebruikt");
    uit.err(
      nietGebruikt
        ? `Geen enkel bestand is gebruikt (zie de bevindingen hierboven); ${doel} is niet geschreven.`
        : `Geen enkel bestand is een bruikbaar gemeentewerkboek${c.provincie ? ` van ${c.provincie.naam}` : ""}; ${doel} is niet geschreven.`,
    );
    return 1;
  }

  const plan = planConsolidatie(c, bron);
  const geschreven = await schrijfPlanNaarBestand(plan, doel, uit, args.bevestigVerlies, args.lees, deelsOud);
  if (!geschreven) return 1;
  const { nieuw } = geschreven;
  uit.out("");
  uit.out(
    `${nieuw ? "Geschreven" : "Bijgewerkt"}: ${doel} (${plan.bladen
      .map((x) => x.naam)
      .filter((x) => x !== CONSOLIDATIE_BLADEN.bron)
      .join(", ")}, Bron)`,
  );
  if (!nieuw) {
    // The overview's own figures change on every run; say only what matters: kept notes and skipped tables.
    const r = geschreven.rapport;
    for (const regel of rapportRegels({ ...r, wijzigingen: [] }, false).filter(
      (x) => !x.startsWith("Geen wijzigingen"),
    ))
      uit.out(regel);
  }
  const nietGebruikt = c.bestanden.filter((x) => !x.gebruikt).length;
  if (nietGebruikt === 0) return 0;
  uit.out(
    `${nietGebruikt} van de ${c.bestanden.length} bestanden ${nietGebruikt === 1 ? "is" : "zijn"} niet gebruikt (zie hierboven).`,
  );
  return 3;
}
