/**
 * Command-line arguments of every `opgave` command, parsed with node:util parseArgs and with its objections in
 * Dutch (parseArgs's own messages are English). A wrong call throws `ArgumentFout` with the Dutch reason; the
 * command adds its usage text and exits with code 2.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Uitvoer } from "./main";

/** A wrong call: `message` is the Dutch reason, without the usage text. */
export class ArgumentFout extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArgumentFout";
  }
}

/** `--uit` of `opgave vul` and `opgave consolideer`: they write an Excel workbook, so the name says so. */
export function xlsxUit(uit: string): void {
  if (!/\.xlsx$/i.test(uit)) throw new ArgumentFout(`--uit moet een .xlsx-bestand zijn (niet "${uit}").`);
}

export const onbekendeOptie = (woord: string): string => `Onbekende optie "${woord}".`;
export const onverwachtArgument = (woord: string): string => `Onverwacht argument "${woord}".`;
/** `opgave fn` with more words than the function has parameters. */
export const teVeelArgumenten = (handtekening: string, aantal: number, gegeven: number): string =>
  `Te veel argumenten: ${handtekening} heeft ${
    aantal === 0 ? "geen parameters" : aantal === 1 ? "1 parameter" : `${aantal} parameters`
  }, er ${gegeven === 1 ? "is 1 argument" : `zijn ${gegeven} argumenten`} gegeven. Laat de extra ` +
  `${gegeven - aantal === 1 ? "waarde" : "waarden"} weg.`;

/** What parseArgs objects to, in Dutch. */
export function parseFoutTekst(e: unknown): string {
  const fout = e as { code?: string; message?: string };
  const woord = /'([^'\s]+)/.exec(fout.message ?? "")?.[1] ?? "";
  switch (fout.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return onbekendeOptie(woord);
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return onverwachtArgument(woord);
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /does not take/.test(fout.message ?? "")
        ? `Optie ${woord} heeft geen waarde.`
        : `Optie ${woord} heeft een waarde nodig.`;
    default:
      return `Ongeldige aanroep (${fout.message ?? String(e)}).`;
  }
}

export type OptieConfig = NonNullable<ParseArgsConfig["options"]>;
type StriktConfig<O extends OptieConfig> = {
  args: string[];
  options: O;
  strict: true;
  allowPositionals: true;
};
export type Ontleed<O extends OptieConfig> = ReturnType<typeof parseArgs<StriktConfig<O>>>;

/**
 * `argv` with a negative number after a string option joined to it (`--toezicht-drempel -1` as
 * `--toezicht-drempel=-1`): parseArgs reads "-1" as an option of its own, and said the option had no value, where
 * the command can say what is wrong with the number.
 */
function negatieveWaarden(argv: readonly string[], options: OptieConfig): string[] {
  const uit: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const woord = argv[i] ?? "";
    const volgende = argv[i + 1];
    const naam = woord.startsWith("--") && !woord.includes("=") ? woord.slice(2) : undefined;
    if (
      naam !== undefined &&
      options[naam]?.type === "string" &&
      volgende !== undefined &&
      /^-\d/.test(volgende)
    ) {
      uit.push(`${woord}=${volgende}`);
      i++;
    } else uit.push(woord);
  }
  return uit;
}

/**
 * Strict parsing: every option must be one of `options` (`--naam WAARDE` or `--naam=WAARDE`, also a negative number
 * as `--naam -1`), a string option needs a value; plain arguments are returned in `positionals` for the command to
 * judge (see `geenExtra`).
 */
export function ontleed<O extends OptieConfig>(argv: readonly string[], options: O): Ontleed<O> {
  const config: StriktConfig<O> = {
    args: negatieveWaarden(argv, options),
    options,
    strict: true,
    allowPositionals: true,
  };
  let gelezen: ReturnType<typeof parseArgs<StriktConfig<O> & { tokens: true }>>;
  try {
    gelezen = parseArgs({ ...config, tokens: true });
  } catch (e) {
    throw new ArgumentFout(parseFoutTekst(e));
  }
  geenTegenstrijdigeOpties(gelezen.tokens, options);
  return { values: gelezen.values, positionals: gelezen.positionals };
}

/** An option given twice with different values (`--gemeente Zeist --gemeente Soest`). */
export const dubbeleOptie = (naam: string, waarden: readonly string[]): string =>
  `Optie --${naam} is meer dan eens opgegeven, met verschillende waarden (${waarden
    .map((w) => `"${w}"`)
    .join(" en ")}); geef haar één keer op.`;

/**
 * Refuses an option of one value given again with another: parseArgs kept the last without a word, so
 * `opgave vul --gemeente Zeist --gemeente Soest` filled Soest. The same value twice is harmless.
 */
function geenTegenstrijdigeOpties(
  tokens: readonly { kind: string; name?: string; value?: string | undefined }[],
  options: OptieConfig,
): void {
  const waarden = new Map<string, string[]>();
  for (const t of tokens) {
    if (t.kind !== "option" || t.name === undefined || t.value === undefined) continue;
    if (options[t.name]?.multiple) continue;
    const lijst = waarden.get(t.name) ?? [];
    if (!lijst.includes(t.value)) lijst.push(t.value);
    waarden.set(t.name, lijst);
  }
  for (const [naam, lijst] of waarden)
    if (lijst.length > 1) throw new ArgumentFout(dubbeleOptie(naam, lijst));
}

/** Refuses plain arguments beyond the first `aantal`. */
export function geenExtra(positionals: readonly string[], aantal: number): void {
  const extra = positionals[aantal];
  if (extra !== undefined) throw new ArgumentFout(onverwachtArgument(extra));
}

/**
 * Parsing for free arguments that may start with "-" (negative numbers such as -10 as function arguments):
 * only words starting with "--" are options and must be one of `options`; every other word, a lone "-" and
 * everything after "--" is a plain argument, in order. A string option at the very end has no value (undefined).
 */
export function ontleedVrij(
  argv: readonly string[],
  options: Record<string, { type: "string" }>,
): { values: Record<string, string | undefined>; positionals: string[] } {
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | undefined> = {};
  const positionals: string[] = [];
  let laatsteIndex = -1;
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    else if (token.kind === "option" && !token.rawName.startsWith("--")) {
      // "-10" is read as short options "-1" "-0" (one token each, same index): it is one plain argument.
      if (token.index !== laatsteIndex) positionals.push(argv[token.index] ?? "");
      laatsteIndex = token.index;
    } else if (token.kind === "option") {
      if (!Object.hasOwn(options, token.name)) throw new ArgumentFout(onbekendeOptie(token.rawName));
      values[token.name] = token.value;
    }
  }
  geenTegenstrijdigeOpties(tokens, options);
  return { values, positionals };
}

/**
 * The common start of a command: with --help or -h it prints `hulp` (exit code 0); `lees` parses the arguments
 * and throws `ArgumentFout` for a wrong call, which prints the reason and `hulp` (exit code 2).
 * @returns the parsed arguments, or the exit code when the command is done.
 */
export function leesOpdracht<A>(
  argv: readonly string[],
  uit: Uitvoer,
  hulp: string,
  lees: (argv: readonly string[]) => A,
): A | number {
  if (argv.includes("--help") || argv.includes("-h")) {
    uit.out(hulp);
    return 0;
  }
  try {
    return lees(argv);
  } catch (e) {
    if (!(e instanceof ArgumentFout)) throw e;
    uit.err(`${e.message}\n\n${hulp}`);
    return 2;
  }
}
