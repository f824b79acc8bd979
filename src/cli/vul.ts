/**
 * `opgave vul`: write the Opgave workbook for a gemeente or a province to an .xlsx file — the same plan the task
 * pane writes into Excel. When the file exists it is refilled: Opgave's figures are updated, everything the user
 * entered (input cells, own columns, own sheets) is kept, and the report says what changed.
 *
 *   opgave vul --gemeente Utrecht --uit utrecht.xlsx
 *   opgave vul --provincie Utrecht --periode 2024-I --uit utrecht-provincie.xlsx
 *
 * The file is written safely (./veiligSchrijven: temporary file, fsync, rename; mode and symlinks kept).
 */
import { promises as fs } from "fs";
import path from "path";
import { bundelHash, bundelTekst, ingebouwdeBundel } from "../data/bundel";
import { engine } from "../data/store";
import { eigenVersie } from "./versie";
import { OpgaveFout } from "../domain/fouten";
import { planGemeente, planProvincie, type BronInfo } from "../workbook/bouwPlan";
import { alleBladenNieuw, gewijzigdeCijfers, type Waarde, type WerkboekPlan } from "../workbook/plan";
import { bibliotheekFoutTekst } from "../workbook/bibliotheekFouten";
import { pakketReden, type LeesOpties, type PakketReden } from "../workbook/lezen";
import { controleerPakket } from "../workbook/pakketControle";
import { onthoudDelen } from "../workbook/zip";
import {
  EigenKolomFout,
  schrijfXlsx,
  VerliesFout,
  WerkboekWeigering,
  type XlsxRapport,
} from "../workbook/xlsxWriter";
import { weigeringTekst } from "../workbook/samenvoegen";
import { ArgumentFout, geenExtra, leesOpdracht, ontleed, xlsxUit } from "./argumenten";
import { LEES_GRENS_OPTIES, LEES_GRENZEN_REGELS, leesOptiesUit } from "./leesGrenzen";
import type { Uitvoer } from "./main";
import { SchrijfFout, schrijfVeilig, waaromNietSchrijfbaar } from "./veiligSchrijven";

export const VUL_HULP = `opgave vul — schrijf het Opgave-werkboek naar een .xlsx-bestand

Gebruik:
  opgave vul --gemeente NAAM --uit BESTAND.xlsx
  opgave vul --provincie NAAM --periode 2024-I --uit BESTAND.xlsx

Bestaat BESTAND al, dan wordt het opnieuw gevuld: de cijfers van Opgave worden bijgewerkt; uw invoer (gele
cellen, eigen kolommen in en naast de tabellen), uw eigen cellen, notities, opmaak, grafieken, afbeeldingen en
vormen, en uw eigen bladen met hun draaitabellen en koppelingen blijven staan. Een eigen kolom tussen de kolommen
van een Opgave-tabel blijft waar u hem zette; staat hij links van andere cellen van Opgave op het blad (zoals de
invoercellen boven de tabel), dan stopt Opgave en zegt vanaf welke kolom hij kan staan. Bevat het werkboek iets
dat Opgave niet kan bewaren (zoals sparklines of een draaitabel op een blad van Opgave), dan stopt Opgave en
noemt het; met --bevestig-verlies gaat dat verloren en staat het in
het verslag.

Grenzen bij het lezen van een bestaand BESTAND (is het groter of vreemd, dan stopt Opgave en noemt de reden):
${LEES_GRENZEN_REGELS}`;

const VUL_OPTIES = {
  gemeente: { type: "string" },
  provincie: { type: "string" },
  periode: { type: "string" },
  uit: { type: "string" },
  "bevestig-verlies": { type: "boolean" },
  ...LEES_GRENS_OPTIES,
} as const;

interface VulArgs {
  gemeente?: string;
  provincie?: string;
  periode?: string;
  uit?: string;
  bevestigVerlies: boolean;
  lees: LeesOpties;
}

function leesArgs(argv: readonly string[]): VulArgs {
  const { values, positionals } = ontleed(argv, VUL_OPTIES);
  geenExtra(positionals, 0);
  const { gemeente, provincie, periode, uit } = values;
  const a: VulArgs = {
    gemeente,
    provincie,
    periode,
    uit,
    bevestigVerlies: values["bevestig-verlies"] === true,
    lees: leesOptiesUit(values),
  };
  if (a.gemeente !== undefined && a.provincie !== undefined)
    throw new ArgumentFout("Kies --gemeente of --provincie, niet beide.");
  if (a.gemeente === undefined && a.provincie === undefined)
    throw new ArgumentFout("Geef --gemeente of --provincie op.");
  if (a.provincie !== undefined && a.periode === undefined)
    throw new ArgumentFout("Geef bij --provincie ook --periode op (bijv. 2024-I).");
  if (a.gemeente !== undefined && a.periode !== undefined)
    throw new ArgumentFout("--periode hoort bij --provincie.");
  if (!a.uit) throw new ArgumentFout("Geef met --uit het .xlsx-bestand op.");
  xlsxUit(a.uit);
  return a;
}

/** Provenance of the embedded dataset, as the task pane shows it for the built-in bundle. */
export async function bronVanIngebouwd(gemaakt = new Date().toISOString()): Promise<BronInfo> {
  const d = engine().dataset;
  return {
    datasetId: d.id,
    versie: d.versie,
    datum: d.datum,
    hash: await bundelHash(bundelTekst(ingebouwdeBundel(d))),
    bronUrl: "ingebouwd (src/data/embedded/dataset.json)",
    addinVersie: eigenVersie(),
    gemaakt,
  };
}

function tekst(w: Waarde): string {
  if (w === null || (typeof w === "string" && w.trim() === "")) return "(leeg)";
  return typeof w === "string" ? `"${w}"` : String(w);
}

/** The figures that changed (the first 20 listed), when Opgave filled it, and the inputs kept. */
function cijferRegels(rapport: XlsxRapport): string[] {
  const r: string[] = [];
  // When Opgave filled it (Bron's "Gevuld op") changes every time: named apart, not counted as a figure.
  const cijfers = gewijzigdeCijfers(rapport);
  const n = cijfers.length;
  r.push(n === 0 ? "Geen wijzigingen in de cijfers." : `${n} wijziging${n === 1 ? "" : "en"}:`);
  for (const w of cijfers.slice(0, 20)) r.push(`  ${w.plek}: ${tekst(w.oud)} → ${tekst(w.nieuw)}`);
  if (n > 20) r.push(`  … en nog ${n - 20}.`);
  const moment = rapport.wijzigingen.find((w) => w.moment);
  if (moment) r.push(`Gevuld op (${moment.plek}): ${tekst(moment.oud)} → ${tekst(moment.nieuw)}.`);
  r.push(`${rapport.invoerBehouden} invoercel${rapport.invoerBehouden === 1 ? "" : "len"} behouden.`);
  return r;
}

/**
 * The report in Dutch, one line per fact. `toegevoegd`: Opgave's sheets went into a workbook of the user's that held
 * none of them (no figures to compare, no inputs to keep; what else the report names it names).
 */
export function rapportRegels(rapport: XlsxRapport, nieuw: boolean, toegevoegd = false): string[] {
  const r: string[] = [];
  if (nieuw) {
    r.push(`Nieuw werkboek met de bladen ${rapport.nieuweBladen.join(", ")}.`);
    return r;
  }
  if (rapport.nieuweBladen.length > 0) r.push(`Nieuwe bladen: ${rapport.nieuweBladen.join(", ")}.`);
  if (!toegevoegd) r.push(...cijferRegels(rapport));
  else if (rapport.verloren.length + rapport.andereRij.length === 0)
    r.push("Uw eigen bladen en wat erop staat bleven zoals ze waren.");
  if (rapport.tekstInGetal.length > 0) {
    // Kept, but Opgave's formulas pass text over where a number belongs: said here, not only in the workbook.
    const n = rapport.tekstInGetal.length;
    r.push(
      `Invoer die geen getal is waar een getal hoort (${n}; blijft staan, maar de formules van Opgave rekenen er niet mee):`,
    );
    for (const t of rapport.tekstInGetal) r.push(`  ${t}`);
  }
  if (rapport.buitenRegel.length > 0) {
    // Kept, and counted by Opgave's formulas as it is: a pasted -40 makes the achterstand 40 larger.
    const n = rapport.buitenRegel.length;
    r.push(
      `Invoer buiten de regel van de cel (${n}; blijft staan en telt zo mee in de formules van Opgave, controleer ${n === 1 ? "haar" : "ze"}):`,
    );
    for (const t of rapport.buitenRegel) r.push(`  ${t}`);
  }
  if (rapport.verweesd.length > 0) {
    r.push(
      `Rijen met uw invoer die niet meer bij de gegevens horen (onderaan hun tabel bewaard): ${rapport.verweesd
        .map((v) => `${v.tabel}: ${v.sleutel}`)
        .join("; ")}.`,
    );
  }
  if (rapport.verloren.length > 0) {
    const n = rapport.verloren.length;
    r.push(`${n} onderde${n === 1 ? "el" : "len"} niet behouden (bevestigd met --bevestig-verlies):`);
    for (const v of rapport.verloren) r.push(`  ${v}`);
  }
  if (rapport.andereRij.length > 0) {
    // Formulas that read another row or leave a new one out, notes and formats that stay by another row, cells and
    // notes beside a table's row that will hold another gemeente.
    const n = rapport.andereRij.length;
    r.push(
      `Formules, cellen, notities en opmaak van u die na opnieuw vullen andere rijen treffen (${n}; bevestigd met --bevestig-verlies):`,
    );
    for (const v of rapport.andereRij) r.push(`  ${v}`);
  }
  if (rapport.overgeslagen.length > 0) {
    // Tables, cells of Opgave's that moved, charts: what stood there stays as it was (the user's inputs too).
    const n = rapport.overgeslagen.length;
    r.push(`Niet bijgewerkt (${n}; wat daar stond, ook uw invoer, staat er nog zoals het was):`);
    for (const o of rapport.overgeslagen) r.push(`  ${o}`);
  }
  return r;
}

/** Why an existing file is not refilled, when the package check refuses it (Dutch, with what to do). */
function nietTeVullen(doel: string, { soort, reden }: PakketReden): string {
  switch (soort) {
    case "geenXlsx":
      return `${doel} is geen leesbaar Excel-werkboek (.xlsx): ${reden}.`;
    case "wachtwoord":
      return (
        `${doel} is met een wachtwoord beveiligd, dus Opgave kan het niet lezen: sla het op zonder wachtwoord ` +
        "of kies een ander bestand (--uit)."
      );
    case "ouderFormaat":
      return (
        `${doel} is geen .xlsx-bestand maar een ouder Excel-bestand (.xls) of een ander Office-bestand: ` +
        "kies een .xlsx-bestand (--uit)."
      );
    case "opendocument":
      return (
        `${doel} is geen .xlsx-bestand maar een OpenDocument-rekenblad (.ods, LibreOffice): kies een .xlsx-bestand ` +
        "(--uit), of sla het in LibreOffice op als Excel 2007-365 (.xlsx)."
      );
    case "teGroot":
      return `${doel} is te groot om veilig te lezen: ${reden}.`;
    case "verdacht":
      return `${doel} wordt niet gelezen: ${reden}; zo'n bestand maakt Excel niet.`;
  }
}

async function bestaat(bestand: string): Promise<boolean> {
  try {
    await fs.access(bestand);
    return true;
  } catch {
    return false;
  }
}

/**
 * Write (or refill) `plan` into the workbook file `doel`, safely: an existing file is read and merged (user input
 * kept), never refilled with another subject's plan, never rewritten when that would lose user parts without
 * `verliesToestaan`, and written atomically. On failure a Dutch message goes to `uit.err` and the file is untouched.
 * @returns the report, or undefined when nothing was written.
 */
export async function schrijfPlanNaarBestand(
  plan: WerkboekPlan,
  doel: string,
  uit: Uitvoer,
  verliesToestaan: boolean,
  lees: LeesOpties = {},
  weigering?: (rapport: XlsxRapport) => string | undefined,
): Promise<{ nieuw: boolean; rapport: XlsxRapport } | undefined> {
  const nietSchrijfbaar = await waaromNietSchrijfbaar(doel);
  if (nietSchrijfbaar) {
    uit.err(`${nietSchrijfbaar} Het bestand is niet gewijzigd.`);
    return undefined;
  }
  const nieuw = !(await bestaat(doel));
  let bestaand: Uint8Array | undefined;
  try {
    bestaand = nieuw ? undefined : new Uint8Array(await fs.readFile(doel));
  } catch (e) {
    uit.err(`Kan ${doel} niet lezen: ${(e as Error).message}`);
    return undefined;
  }
  // A file that is no workbook, or one too large or strange to read safely (a zip bomb): refused before any
  // step reads it, with the reason and the option that raises a limit (../workbook/pakketControle).
  const pakket = bestaand ? controleerPakket(bestaand, lees.grenzen, { delen: true }) : undefined;
  if (pakket && !pakket.ok) {
    uit.err(`${nietTeVullen(doel, pakketReden(pakket.bezwaar, lees))} Het bestand is niet gewijzigd.`);
    return undefined;
  }
  // The parts the check inflated are the refill's: nothing is inflated twice (../workbook/zip).
  if (bestaand && pakket?.delen) onthoudDelen(bestaand, pakket.delen);
  let uitkomst: Awaited<ReturnType<typeof schrijfXlsx>>;
  try {
    // Never the inputs of one gemeente, period or province in the workbook of another, nor over a sheet of the
    // user's under one of Opgave's names (WerkboekWeigering, ../workbook/samenvoegen `weigeringVoorWerkboek`).
    uitkomst = await schrijfXlsx(plan, bestaand, { verliesToestaan });
  } catch (e) {
    if (e instanceof WerkboekWeigering) {
      const slot =
        e.weigering.soort === "hernoemd"
          ? "Het bestand is niet gewijzigd."
          : "Kies een ander bestand (--uit); het bestand is niet gewijzigd.";
      uit.err(`${weigeringTekst(e.weigering, doel)} ${slot}`);
      return undefined;
    }
    if (e instanceof EigenKolomFout) {
      uit.err(`${e.message} ${doel} is niet gewijzigd.`);
      return undefined;
    }
    if (e instanceof VerliesFout) {
      uit.err(`${e.message} Bevestigen doet u met --bevestig-verlies; ${doel} is niet gewijzigd.`);
      return undefined;
    }
    if (bestaand && !(e instanceof OpgaveFout)) {
      const engels = (e as Error).message;
      uit.err(
        `${doel} is geen leesbaar Excel-werkboek (.xlsx): ${bibliotheekFoutTekst(engels)}; ` +
          "het bestand is niet gewijzigd.",
      );
      return undefined;
    }
    throw e;
  }
  // What the caller will not write (`weigering`: a consolidation whose overview would stay partly old).
  const bezwaar = weigering?.(uitkomst.rapport);
  if (bezwaar) {
    uit.err(`${bezwaar} ${doel} is niet gewijzigd.`);
    return undefined;
  }
  try {
    await schrijfVeilig(doel, uitkomst.data);
  } catch (e) {
    uit.err(
      e instanceof SchrijfFout
        ? `${e.message} Het bestand is niet gewijzigd.`
        : `Kan ${doel} niet schrijven: ${(e as Error).message}; het bestand is niet gewijzigd.`,
    );
    return undefined;
  }
  return { nieuw, rapport: uitkomst.rapport };
}

/** `opgave vul …`: exit code 0 when written, 1 on an error (Dutch message), 2 on a usage error. */
export async function vul(argv: readonly string[], uit: Uitvoer, gemaakt?: string): Promise<number> {
  const args = leesOpdracht(argv, uit, VUL_HULP, leesArgs);
  if (typeof args === "number") return args;
  const bestand = path.resolve(args.uit ?? "");
  try {
    const bron = await bronVanIngebouwd(gemaakt);
    const plan: WerkboekPlan =
      args.provincie !== undefined
        ? planProvincie(engine(), args.provincie, args.periode ?? "", bron)
        : planGemeente(engine(), args.gemeente ?? "", bron);
    const geschreven = await schrijfPlanNaarBestand(plan, bestand, uit, args.bevestigVerlies, args.lees);
    if (!geschreven) return 1;
    const { nieuw, rapport } = geschreven;
    // Every sheet of Opgave's new in a file that was there: Opgave's sheets added to a workbook of the user's.
    const toegevoegd = !nieuw && alleBladenNieuw(rapport, plan);
    const kop = nieuw ? "Geschreven" : toegevoegd ? "Toegevoegd aan uw werkboek" : "Opnieuw gevuld";
    uit.out(`${kop}: ${bestand} (${plan.onderwerp.naam})`);
    if (plan.onderwerp.melding) uit.out(`Let op: ${plan.onderwerp.melding}`);
    for (const regel of rapportRegels(rapport, nieuw, toegevoegd)) uit.out(regel);
    return 0;
  } catch (e) {
    if (e instanceof OpgaveFout) {
      uit.err(e.message);
      return 1;
    }
    const fout = e as NodeJS.ErrnoException;
    if (fout && typeof fout.code === "string") {
      uit.err(`Kan ${bestand} niet schrijven: ${fout.message}`);
      return 1;
    }
    throw e;
  }
}
