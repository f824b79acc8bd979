/**
 * `opgave`: the engine on the command line.
 *   opgave fn NAME ARG...   evaluate a custom function exactly as Excel would (same code path, same errors)
 *   opgave functies         list the functions and their parameters
 *   opgave vul …            write the Opgave workbook (.xlsx) for a gemeente or province (./vul; async: mainAsync)
 *   opgave consolideer …    many municipal workbooks → one checked provincial overview (./consolideer; async)
 *   opgave bundel …         publish data as a signed bundle: key, build, sign, check (./bundel; async)
 *   opgave --versie         Opgave's version and the embedded dataset's (./versie)
 *
 * Output goes through `schrijfRegel`: a closed pipe (`opgave … | head -1`) ends the output quietly, never the run
 * (files are still written, the exit code stands). Errors are Dutch sentences; bin/opgave.js prints no stack trace
 * (OPGAVE_DEBUG=1 shows one for an unexpected error).
 */
import Papa from "papaparse";
import { berichten } from "../domain/berichten";
import { naamSleutel, suggesties } from "../domain/namen";
import { FUNCTIES, functie, type FunctieDefinitie } from "../functions/registry";
import { ExcelFout } from "../functions/excelFout";
import { ArgumentFout, ontleedVrij, teVeelArgumenten } from "./argumenten";
import { versieRegel } from "./versie";
import { bereikWaarde, celWaarde } from "./excelWaarden";

export interface Uitvoer {
  out: (tekst: string) => void;
  err: (tekst: string) => void;
}

/** Streams whose reader went away (`opgave … | head -1`): no more output there, the run goes on. */
const gesloten = new WeakSet<NodeJS.WriteStream>();
const bewaakt = new WeakSet<NodeJS.WriteStream>();

function bewaak(stroom: NodeJS.WriteStream): void {
  if (bewaakt.has(stroom)) return;
  bewaakt.add(stroom);
  stroom.on("error", () => gesloten.add(stroom));
}

/** From the start of a run (bin/opgave.js): a write error on stdout or stderr never becomes a crash. */
export function bewaakStandaardUitvoer(): void {
  bewaak(process.stdout);
  bewaak(process.stderr);
}

/**
 * Write a line to stdout or stderr without ever crashing on a closed pipe: EPIPE (the reader, e.g. `head`, has
 * exited) and any other write error end that stream's output quietly, and the command completes (its files are
 * still written, its exit code is still set). Node ignores SIGPIPE itself.
 */
export function schrijfRegel(stroom: NodeJS.WriteStream, tekst: string): void {
  bewaak(stroom);
  if (gesloten.has(stroom) || stroom.destroyed) return;
  try {
    stroom.write(`${tekst}\n`);
  } catch {
    gesloten.add(stroom);
  }
}

const standaardUitvoer: Uitvoer = {
  out: (t) => schrijfRegel(process.stdout, t),
  err: (t) => schrijfRegel(process.stderr, t),
};

const HULP = `opgave — taakstelling huisvesting vergunninghouders en asielopvang

Gebruik:
  opgave fn NAAM [ARG...]   reken een Excel-functie van Opgave uit, precies zoals Excel dat doet
                            (bijv. opgave fn TAAKSTELLING Utrecht 2024-I)
  opgave functies           toon alle functies en hun parameters
  opgave vul --gemeente NAAM --uit BESTAND.xlsx
  opgave vul --provincie NAAM --periode 2024-I --uit BESTAND.xlsx
                            schrijf het Opgave-werkboek (of vul het opnieuw; uw invoer blijft staan)
  opgave consolideer BESTAND.xlsx... --uit OVERZICHT.xlsx [--provincie NAAM]
                            één gecontroleerd provincie-overzicht uit de werkboeken van gemeenten
                            (ook een map: alle werkboeken erin; opnieuw draaien behoudt uw notities)
  opgave bundel sleutel --uit MAP
                            maak eenmalig het sleutelpaar van de uitgever van gegevens
  opgave bundel maak --uit MAP [--versie V] [--datum JJJJ-MM-DD]
                            bouw een bundel (bundel.json) uit de CSV-bronnen
  opgave bundel onderteken BUNDEL --sleutel SLEUTEL.key
                            onderteken de bundel (schrijft BUNDEL.sig)
  opgave bundel controleer BUNDEL [--publieke-sleutel PUB] [--profiel development|production]
                            controleer bundel en handtekening zoals Opgave dat doet
                            (meer: opgave bundel --help)
  opgave --versie           de versie van Opgave en van de ingebouwde gegevens
  opgave --help             deze hulp

Argumenten: een getal wordt een getal (zoals een cel met een getal; 1.000 is duizend en 1,5 anderhalf, zoals
in Nederlandse Excel), "" een lege cel; voor een bereik-parameter geeft "10;20;30" een kolom (zoals {10;20;30}
in Excel). Een tabel wordt als CSV afgedrukt (--scheiding ";" voor Excel met Nederlandse instellingen).
Meer argumenten dan de functie parameters heeft is een verkeerde aanroep (exitcode 2).
Uitvoer: de waarde, of "#N/A <melding>" / "#VALUE! <melding>" met exitcode 1 (ook voor een getal buiten het
toegestane bereik, zie docs/grenzen.md). Tekst die met = + - of @ begint, krijgt een ' ervoor, zodat een
spreadsheet haar nooit als formule leest.`;

/** Evaluate one function call the way Excel does: positional arguments, omitted optional ones as null. */
export function roepAan(def: FunctieDefinitie, woorden: readonly string[]): unknown {
  const args = def.parameters.map((param, i) => {
    const woord = woorden[i];
    if (woord === undefined) return null;
    return param.matrix ? bereikWaarde(woord) : celWaarde(woord);
  });
  return (def.fn as (...a: unknown[]) => unknown)(...args);
}

/** Text that a spreadsheet would take for a formula (=, +, -, @; also tab and carriage return, as Papa). */
const FORMULEACHTIG = /^[=+\-@\t\r]/;

/** A cell for the output: a number as it is, text safe from being read as a formula, an error as its code. */
export function celTekst(v: unknown): string | number {
  if (v instanceof ExcelFout) return v.code;
  if (typeof v === "number") return v;
  if (typeof v === "string") return FORMULEACHTIG.test(v) ? `'${v}` : v;
  return "";
}

/** "OPGAVE.ACHTERSTAND(gemeente; periode; gehuisvest; [beginsaldo])" */
function handtekening(d: FunctieDefinitie): string {
  return `OPGAVE.${d.id}(${d.parameters.map((p) => (p.optioneel ? `[${p.naam}]` : p.naam)).join("; ")})`;
}

/** Entry point of the `opgave` command: `vul`, `consolideer` and `bundel` are asynchronous; the rest is `main`. */
export async function mainAsync(argv: readonly string[], uit: Uitvoer = standaardUitvoer): Promise<number> {
  if (argv[0] === "vul") {
    // Loaded only when asked: exceljs is not needed for `opgave fn`.
    const { vul } = await import("./vul");
    return vul(argv.slice(1), uit);
  }
  if (argv[0] === "consolideer") {
    const { consolideerCli } = await import("./consolideer");
    return consolideerCli(argv.slice(1), uit);
  }
  if (argv[0] === "bundel") {
    const { bundelCli } = await import("./bundel");
    return bundelCli(argv.slice(1), uit);
  }
  return main(argv, uit);
}

/** The commands of `opgave`, for suggestions. */
const OPDRACHTEN = ["fn", "functies", "vul", "consolideer", "bundel", "versie"] as const;

/** What asks for help after a command (`opgave fn --help`, `opgave fn TAAKSTELLING -h`). */
const HULP_WOORDEN = new Set(["--help", "-h"]);

/**
 * `opgave fn … --help`: with a function's name, its parameters (as `opgave functies` lists them) and how to call
 * it; else the help. Exit 0, as `opgave vul --help`.
 */
function fnHulp(rest: readonly string[], uit: Uitvoer): number {
  const def = rest
    .filter((w) => !HULP_WOORDEN.has(w))
    .map((w) => functie(w))
    .find((d) => d !== undefined);
  if (!def) {
    uit.out(HULP);
    return 0;
  }
  uit.out(handtekening(def));
  uit.out(
    berichten.functieAanroep(
      def.id,
      def.parameters.map((p) => (p.optioneel ? `[${p.naam.toUpperCase()}]` : p.naam.toUpperCase())),
    ),
  );
  return 0;
}

/** What asks for the version: `opgave --versie`, and as other programs are asked. */
const VERSIE = new Set(["--versie", "versie", "--version", "-V"]);

/** The closest of `namen` to what was typed (case and punctuation do not matter). */
function lijktOp(invoer: string, namen: readonly string[]): string[] {
  return suggesties(
    invoer,
    namen.map((n) => ({ sleutel: naamSleutel(n), waarde: n })),
  );
}

/** A word as it would be typed in a shell: quoted when it is empty or holds a space or quote. */
function alsWoord(w: string): string {
  return /^[^\s"'$`\\;|&<>()]+$/.test(w) ? w : `"${w.replace(/(["$`\\])/g, "\\$1")}"`;
}

/**
 * An unknown command: a function's name (`opgave taakstelling Utrecht 2024-I`) gets the call with `fn`; a typo
 * of a command gets the command; anything else the help.
 */
function onbekendeOpdracht(opdracht: string, rest: readonly string[]): string {
  const def = functie(opdracht);
  // A call needs no help text: the suggestion is the whole answer.
  if (def) return berichten.opdrachtOnbekend(opdracht, [["fn", def.id, ...rest.map(alsWoord)].join(" ")]);
  return `${berichten.opdrachtOnbekend(opdracht, lijktOp(opdracht, OPDRACHTEN))}\n\n${HULP}`;
}

export function main(argv: readonly string[], uit: Uitvoer = standaardUitvoer): number {
  const [opdracht, ...rest] = argv;
  if (opdracht === undefined || opdracht === "--help" || opdracht === "-h" || opdracht === "help") {
    uit.out(HULP);
    return opdracht === undefined ? 2 : 0;
  }
  if (opdracht === "functies") {
    for (const d of FUNCTIES) uit.out(handtekening(d));
    return 0;
  }
  if (VERSIE.has(opdracht)) {
    uit.out(versieRegel());
    return 0;
  }
  if (opdracht === "vul" || opdracht === "consolideer" || opdracht === "bundel") {
    uit.err(`opgave ${opdracht} is asynchroon: gebruik mainAsync.`);
    return 2;
  }
  if (opdracht !== "fn") {
    uit.err(onbekendeOpdracht(opdracht, rest));
    return 2;
  }
  if (rest.some((w) => HULP_WOORDEN.has(w))) return fnHulp(rest, uit);
  // Function arguments may start with "-" (-10): only "--scheiding" is an option (see ontleedVrij).
  let gelezen: ReturnType<typeof ontleedVrij>;
  try {
    gelezen = ontleedVrij(rest, { scheiding: { type: "string" } });
  } catch (e) {
    if (!(e instanceof ArgumentFout)) throw e;
    uit.err(`${e.message}\n\n${HULP}`);
    return 2;
  }
  const scheiding = gelezen.values.scheiding ?? ",";
  const [naam, ...args] = gelezen.positionals;
  if (naam === undefined) {
    uit.err(berichten.functieOntbreekt);
    return 2;
  }
  const def = functie(naam);
  if (!def) {
    const ids = FUNCTIES.map((d) => d.id);
    uit.err(berichten.functieOnbekend(naam, ids, lijktOp(naam, ids)));
    return 2;
  }
  // Excel enforces the number of arguments itself; here an extra word is a wrong call, not silently ignored.
  if (args.length > def.parameters.length) {
    uit.err(teVeelArgumenten(handtekening(def), def.parameters.length, args.length));
    return 2;
  }
  try {
    const waarde = roepAan(def, args);
    if (Array.isArray(waarde)) {
      const rijen = (waarde as unknown[][]).map((rij) => rij.map(celTekst));
      uit.out(Papa.unparse(rijen, { delimiter: scheiding, newline: "\n" }));
    } else {
      uit.out(String(celTekst(waarde)));
    }
    return 0;
  } catch (e) {
    if (e instanceof ExcelFout) {
      uit.out(`${e.code} ${e.message}`);
      return 1;
    }
    throw e;
  }
}
