/**
 * `opgave consolideer`: many municipal Opgave workbooks → one checked provincial overview (.xlsx), for batch use
 * by provincial coordinators (the task pane does the same with the files the coordinator selects).
 *
 *   opgave consolideer gemeenten/*.xlsx --uit overzicht.xlsx
 *   opgave consolideer map-met-werkboeken --uit overzicht.xlsx --provincie Utrecht
 *
 * Every file is read on its own: a broken one never stops the others. The input files are only read. The
 * overview is written atomically; an existing overview is refilled in place (the coordinator's notes, own columns
 * and own sheets stay). Exit code 0 when written (also with findings), 1 when no file could be used or writing
 * failed, 2 for a usage error.
 */
import { promises as fs } from "fs";
import path from "path";
import { engine } from "../data/store";
import { consolideer, controleRegels, samenvattingRegels } from "../domain/consolideren";
import { OpgaveFout } from "../domain/fouten";
import { CONSOLIDATIE_BLADEN, planConsolidatie } from "../workbook/consolidatiePlan";
import { leesAanlevering, onleesbareAanlevering, type Aanlevering } from "../workbook/lezen";
import { ArgumentFout, leesOpdracht, ontleed } from "./argumenten";
import type { Uitvoer } from "./main";
import { bronVanIngebouwd, rapportRegels, schrijfPlanNaarBestand } from "./vul";

export const CONSOLIDEER_HULP = `opgave consolideer — één gecontroleerd provincie-overzicht uit de werkboeken van gemeenten

Gebruik:
  opgave consolideer BESTAND.xlsx... --uit OVERZICHT.xlsx [--provincie NAAM] [--bevestig-verlies]
  opgave consolideer MAP --uit OVERZICHT.xlsx          (alle .xlsx-bestanden in MAP)

Leest de Opgave-werkboeken die gemeenten hebben ingevuld, rekent per gemeente achterstand, voorsprong,
opvangtekort, geplande locaties en kosten opnieuw uit en schrijft één overzicht met totalen, een grafiek, een
blad Controle (niet-Opgave-bestanden, dubbele of ontbrekende gemeenten, andere datasetversies, gemeenten buiten
de provincie, gewijzigde tabellen, ongeldige invoer, uitkomsten die niet kloppen) en blad Bron.
Zonder --provincie: de provincie van de meeste aangeleverde gemeenten. Bestaat OVERZICHT al, dan wordt het
bijgewerkt: uw notities (Notities, Afgehandeld, eigen kolommen en bladen) blijven staan.
Exitcode 0 als het overzicht is geschreven (ook met bevindingen), 1 als geen enkel bestand bruikbaar was of
schrijven mislukte, 2 bij een verkeerde aanroep.`;

const CONSOLIDEER_OPTIES = {
  uit: { type: "string" },
  provincie: { type: "string" },
  "bevestig-verlies": { type: "boolean" },
} as const;

interface Args {
  invoer: string[];
  uit?: string;
  provincie?: string;
  bevestigVerlies: boolean;
}

function leesArgs(argv: readonly string[]): Args {
  const { values, positionals } = ontleed(argv, CONSOLIDEER_OPTIES);
  const { "bevestig-verlies": bevestigVerlies, ...rest } = values;
  const a: Args = { ...rest, invoer: positionals, bevestigVerlies: bevestigVerlies === true };
  if (a.invoer.length === 0)
    throw new ArgumentFout("Geef de werkboeken van de gemeenten op (bestanden of een map).");
  if (!a.uit) throw new ArgumentFout("Geef met --uit het .xlsx-bestand voor het overzicht op.");
  if (!/\.xlsx$/i.test(a.uit)) throw new ArgumentFout(`--uit moet een .xlsx-bestand zijn (niet "${a.uit}").`);
  return a;
}

/** Files to read: each argument as given; a directory gives its .xlsx files (not Excel's ~$ lock files). */
async function bestandenVan(invoer: readonly string[], uit: string): Promise<string[]> {
  const lijst: string[] = [];
  for (const x of invoer) {
    const p = path.resolve(x);
    let map = false;
    try {
      map = (await fs.stat(p)).isDirectory();
    } catch {
      map = false; // reported when it is read
    }
    if (map) {
      const namen = (await fs.readdir(p))
        .filter((n) => /\.xlsx$/i.test(n) && !n.startsWith("~$") && !n.startsWith("."))
        .sort((x, y) => x.localeCompare(y, "nl"));
      lijst.push(...namen.map((n) => path.join(p, n)));
    } else {
      lijst.push(p);
    }
  }
  // The overview itself is never an input (it may sit in the same folder); each file once.
  return [...new Set(lijst)].filter((p) => p !== uit);
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

  const paden = await bestandenVan(args.invoer, doel);
  if (paden.length === 0) {
    uit.err("Geen .xlsx-bestanden gevonden in wat u opgaf.");
    return 1;
  }
  const namen = weergaveNamen(paden);
  const bron = await bronVanIngebouwd(gemaakt);
  const aanleveringen: Aanlevering[] = [];
  for (const p of paden) {
    const naam = namen.get(p) ?? path.basename(p);
    let data: Uint8Array;
    try {
      data = new Uint8Array(await fs.readFile(p));
    } catch (fout) {
      const f = fout as NodeJS.ErrnoException;
      aanleveringen.push(
        onleesbareAanlevering(
          naam,
          f.code === "ENOENT" ? "bestand niet gevonden" : f.code === "EISDIR" ? "een map" : f.message,
        ),
      );
      continue;
    }
    aanleveringen.push(await leesAanlevering(naam, data));
  }

  const c = consolideer(e, aanleveringen, args.provincie !== undefined ? { provincie: args.provincie } : {});
  uit.out("Bestanden:");
  for (const r of controleRegels(c)) uit.out(`  ${r}`);
  uit.out("");
  for (const r of samenvattingRegels(c)) uit.out(r);

  if (!c.provincie || c.totaal.aangeleverd === 0) {
    uit.err(
      `Geen enkel bestand is een bruikbaar gemeentewerkboek${c.provincie ? ` van ${c.provincie.naam}` : ""}; ${doel} is niet geschreven.`,
    );
    return 1;
  }

  const plan = planConsolidatie(c, bron);
  const geschreven = await schrijfPlanNaarBestand(plan, doel, uit, args.bevestigVerlies);
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
  return 0;
}
