/**
 * `opgave bundel …`: the publisher's side of the trusted feed.
 *
 *   opgave bundel sleutel --uit MAP                 once: the publisher's key pair (.key private, .pub public)
 *   opgave bundel maak --uit MAP [--versie V] …     the CSV sources (data/bronnen) → MAP/bundel.json
 *   opgave bundel onderteken BUNDEL --sleutel KEY   BUNDEL.sig over the file's exact bytes
 *   opgave bundel controleer BUNDEL [--publieke-sleutel PUB]… [--profiel P]
 *                                                   the very check the pane runs on a received bundle
 *   opgave bundel haal URL [--cache MAP] [--publieke-sleutel PUB]… [--profiel P]
 *                                                   the pane's fetch-check-adopt (./bundelHaal)
 *
 * Exit codes: 0 success, 1 refused or failed (Dutch reason on stderr), 2 wrong call (usage on stderr).
 * File locations of the package (data/bronnen, manifest/vertrouwde-sleutels.json) are found from this file,
 * two folders below the package root both as src/cli (tsx, jest) and as dist-cli/cli (the built command).
 */
import fs from "fs";
import path from "path";
import { buildDataset } from "../data/bronnen/buildDataset";
import { readBronnen } from "../data/bronnen/readBronnen";
import {
  BUNDEL_FORMAAT,
  BUNDEL_FORMAAT_VERSIE,
  bundelTekst,
  leesBundel,
  maakBundel,
  type Bundel,
  type LeesUitkomst,
} from "../data/bundel";
import { standaardDataset } from "../data/embedded";
import {
  HandtekeningSchema,
  leesPubliekeSleutel,
  maakSleutelpaar,
  onderteken,
  sleutelTekst,
  type PubliekeSleutel,
} from "../data/handtekening";
import { beoordeel, controleerOntvangen } from "../data/vertrouwen";
import { PROFIELEN, sleutelsVoorProfiel, type Profiel } from "../data/vertrouwdeSleutels";
import { ArgumentFout, geenExtra, ontleed as strikt, type OptieConfig, type Ontleed } from "./argumenten";
import type { Uitvoer } from "./main";
import { SchrijfFout, schrijfVeilig, waaromNietSchrijfbaar } from "./veiligSchrijven";

export const PAKKET_MAP = path.resolve(__dirname, "../..");
export const STANDAARD_BRONNEN = path.join(PAKKET_MAP, "data", "bronnen");
export const VERTROUWDE_SLEUTELS_PAD = path.join(PAKKET_MAP, "manifest", "vertrouwde-sleutels.json");
export const PRIVE_SLEUTEL_BESTAND = "opgave-uitgever.key";
export const PUBLIEKE_SLEUTEL_BESTAND = "opgave-uitgever.pub";
export const BUNDEL_BESTAND = "bundel.json";
export const STANDAARD_PROFIEL: Profiel = "development";

/** The signature file of a bundle file: the same path with ".sig" (as `handtekeningUrl` does for URLs). */
export const handtekeningPad = (bundelPad: string): string => `${bundelPad}.sig`;

/** A user error: printed as is (no stack trace), with its exit code (1 refused/failed, 2 wrong call). */
export class BundelFout extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "BundelFout";
  }
}

/** One subcommand: its usage line for the overview, its full help, and what it does. */
interface Opdracht {
  regel: string;
  hulp: string;
  voerUit: (argv: readonly string[], uit: Uitvoer) => Promise<number>;
}

// ---------------------------------------------------------------------------------------------------------------
// Arguments and files
// ---------------------------------------------------------------------------------------------------------------

function gebruikFout(reden: string, hulp: string): BundelFout {
  return new BundelFout(`${reden}\n\n${hulp}`, 2);
}

/** Strict option parsing (./argumenten); `positioneel` = the number of plain arguments the subcommand takes. */
function ontleed<O extends OptieConfig>(
  argv: readonly string[],
  options: O,
  hulp: string,
  positioneel: 0 | 1,
): Ontleed<O> {
  try {
    const r = strikt(argv, options);
    geenExtra(r.positionals, positioneel);
    if (r.positionals.length < positioneel) throw new ArgumentFout("Geef het bundelbestand op.");
    return r;
  } catch (e) {
    if (e instanceof ArgumentFout) throw gebruikFout(e.message, hulp);
    throw e;
  }
}

function verplicht(waarde: string | undefined, optie: string, hulp: string): string {
  if (waarde === undefined || waarde.trim() === "") throw gebruikFout(`Geef ${optie} op.`, hulp);
  return waarde;
}

/** A file-system error (missing file, no access, …) as one Dutch sentence; undefined for anything else. */
function bestandsFoutTekst(e: unknown): string | undefined {
  const f = e as NodeJS.ErrnoException;
  if (typeof f?.code !== "string" || typeof f.syscall !== "string") return undefined;
  const pad = f.path ?? "(onbekend pad)";
  switch (f.code) {
    case "ENOENT":
      return `Niet gevonden: ${pad}.`;
    case "EACCES":
    case "EPERM":
      return `Geen toegang tot ${pad}.`;
    case "EISDIR":
      return `${pad} is een map, geen bestand.`;
    case "ENOTDIR":
      return `${pad} is geen map.`;
    case "EEXIST":
      return `${pad} bestaat al.`;
    default:
      return `Bestandsfout bij ${pad} (${f.code}).`;
  }
}

function leesBytes(pad: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(pad));
}

/** Why text is not a bundle, for the publisher (leesBundel's messages address the pane's user). */
function geenBundelReden(pad: string, gelezen: Extract<LeesUitkomst, { ok: false }>): string {
  const waarom =
    gelezen.reden === "json"
      ? "het is geen geldige JSON"
      : gelezen.reden === "formaat"
        ? `het is geen Opgave-bundel die deze versie kent (formaat "${BUNDEL_FORMAAT}", formaatVersie ${BUNDEL_FORMAAT_VERSIE})`
        : "het voldoet niet aan het bundelformaat";
  const details = (gelezen.details ?? []).map((d) => `\n  ${d}`).join("");
  return `${pad} is geen geldige bundel: ${waarom}.${details}`;
}

/** The file as a bundle, or a refusal; UTF-8 is decoded strictly (the signature covers the exact bytes). */
function leesBundelBestand(pad: string, bytes: Uint8Array): Bundel {
  let tekst: string;
  try {
    tekst = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BundelFout(`${pad} is geen geldige bundel: het is geen UTF-8-tekst.`);
  }
  const gelezen = leesBundel(tekst);
  if (!gelezen.ok) throw new BundelFout(geenBundelReden(pad, gelezen));
  return gelezen.bundel;
}

// ---------------------------------------------------------------------------------------------------------------
// Trusted keys
// ---------------------------------------------------------------------------------------------------------------

/**
 * The trusted keys of a profile, from manifest/vertrouwde-sleutels.json of this package (the file webpack
 * builds into the add-in), each checked like a .pub file. Throws a BundelFout with the Dutch reason.
 */
export async function leesVertrouwdeSleutels(
  profiel: Profiel,
  pad: string = VERTROUWDE_SLEUTELS_PAD,
): Promise<PubliekeSleutel[]> {
  let config: unknown;
  try {
    config = JSON.parse(fs.readFileSync(pad, "utf8"));
  } catch (e) {
    throw new BundelFout(
      `De vertrouwde sleutels zijn niet te lezen: ${bestandsFoutTekst(e) ?? `${pad} is geen geldige JSON.`}`,
    );
  }
  let sleutels: PubliekeSleutel[];
  try {
    sleutels = sleutelsVoorProfiel(config, profiel);
  } catch (e) {
    throw new BundelFout(`De vertrouwde sleutels zijn niet bruikbaar: ${(e as Error).message}.`);
  }
  for (const [i, s] of sleutels.entries()) {
    const r = await leesPubliekeSleutel(s);
    if (!r.ok) throw new BundelFout(`${pad}: profielen.${profiel}[${i}]: ${r.detail}.`);
  }
  return sleutels;
}

async function leesPubliekeSleutelBestand(pad: string): Promise<PubliekeSleutel> {
  const r = await leesPubliekeSleutel(fs.readFileSync(pad, "utf8"));
  if (!r.ok) throw new BundelFout(`${pad} is geen bruikbare publieke sleutel: ${r.detail}.`);
  return r.sleutel;
}

// ---------------------------------------------------------------------------------------------------------------
// sleutel
// ---------------------------------------------------------------------------------------------------------------

const SLEUTEL_HULP = `opgave bundel sleutel — maak het sleutelpaar van de uitgever (eenmalig)

Gebruik:
  opgave bundel sleutel --uit MAP [--naam NAAM] [--forceer]

Schrijft MAP/${PRIVE_SLEUTEL_BESTAND} (de privésleutel, alleen voor u leesbaar) en MAP/${PUBLIEKE_SLEUTEL_BESTAND}
(de publieke sleutel). Bewaar de privésleutel offline en zet hem nooit in een repository; de inhoud van het
.pub-bestand hoort in manifest/vertrouwde-sleutels.json onder profielen.production.
  --naam NAAM   wie de sleutel beheert, zoals Opgave het toont (standaard "Opgave-uitgever")
  --forceer     vervang een bestaand sleutelpaar in MAP (de oude privésleutel is dan weg)`;

function priveSleutelTekst(pem: string, sleutel: PubliekeSleutel): string {
  return (
    `Privésleutel van Opgave-uitgever "${sleutel.naam}" (${sleutel.id}).\n` +
    "GEHEIM: bewaar dit bestand offline, deel het met niemand en zet het nooit in een repository.\n\n" +
    pem
  );
}

async function sleutel(argv: readonly string[], uit: Uitvoer): Promise<number> {
  const { values } = ontleed(
    argv,
    { uit: { type: "string" }, naam: { type: "string" }, forceer: { type: "boolean" } },
    SLEUTEL_HULP,
    0,
  );
  const map = verplicht(values.uit, "--uit MAP", SLEUTEL_HULP);
  const naam = values.naam ?? "Opgave-uitgever";
  if (naam.trim() === "") throw gebruikFout("--naam mag niet leeg zijn.", SLEUTEL_HULP);
  const vervang = values.forceer === true;
  const prive = path.join(map, PRIVE_SLEUTEL_BESTAND);
  const publiek = path.join(map, PUBLIEKE_SLEUTEL_BESTAND);

  const bestaand = [prive, publiek].filter((p) => fs.existsSync(p));
  if (bestaand.length > 0 && !vervang)
    throw new BundelFout(
      `Er staat al een sleutel: ${bestaand.join(", ")}. Opgave overschrijft die niet (bundels die ermee ` +
        "zijn ondertekend, blijven alleen te controleren met de oude publieke sleutel). Gebruik --forceer " +
        "om hem toch te vervangen, of kies een andere map.",
    );
  fs.mkdirSync(map, { recursive: true });
  const paar = await maakSleutelpaar(naam);
  // Both safely (./veiligSchrijven): with --forceer the old key stays until the new one is on disk. The private key
  // has mode 600 from the start, never briefly readable by others. Neither is written when one cannot be (a
  // read-only key): a new private key beside the old public one would be no pair.
  for (const pad of [prive, publiek]) {
    const reden = await waaromNietSchrijfbaar(pad);
    if (reden) throw new SchrijfFout(reden);
  }
  const tekst = new TextEncoder();
  await schrijfVeilig(prive, tekst.encode(priveSleutelTekst(paar.prive, paar.publiek)), { modus: 0o600 });
  await schrijfVeilig(publiek, tekst.encode(sleutelTekst(paar.publiek)));

  uit.out(`Sleutelpaar gemaakt voor "${naam}": ${paar.publiek.id}`);
  uit.out(`  privésleutel:     ${prive} (geheim: bewaar offline, nooit in een repository)`);
  uit.out(`  publieke sleutel: ${publiek}`);
  uit.out(
    `Volgende stap: zet de inhoud van ${PUBLIEKE_SLEUTEL_BESTAND} in manifest/vertrouwde-sleutels.json onder ` +
      "profielen.production (bij een sleutelwissel naast de huidige sleutel) en bouw de invoegtoepassing opnieuw.",
  );
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// maak
// ---------------------------------------------------------------------------------------------------------------

const MAAK_HULP = `opgave bundel maak — bouw een bundel uit de CSV-bronnen

Gebruik:
  opgave bundel maak --uit MAP [--bronnen MAP] [--versie V] [--datum JJJJ-MM-DD] [--uitgever NAAM]
                     [--gepubliceerd TIJDSTIP]

Bouwt de gegevens uit de CSV-bestanden (met dezelfde controles als de ingebouwde gegevens) en schrijft
MAP/${BUNDEL_BESTAND}. Een oude handtekening MAP/${BUNDEL_BESTAND}.sig wordt verwijderd: onderteken daarna opnieuw.
  --bronnen MAP            de CSV-bestanden (standaard data/bronnen van Opgave)
  --versie V               versienummer van de gegevens, bijv. 2027.1.15 (standaard dat van de bronnen);
                           gewijzigde gegevens krijgen altijd een nieuw, hoger versienummer
  --datum JJJJ-MM-DD       datum van de gegevens (standaard die van de bronnen)
  --uitgever NAAM          wie publiceert, zoals Opgave het toont (standaard "Opgave")
  --gepubliceerd TIJDSTIP  publicatietijdstip, ISO 8601 (standaard nu, bijv. 2027-01-15T09:00:00Z)`;

/** Now, as an ISO date-time in whole seconds with Z. */
function nuIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

function bouwBundel(
  bronnen: string,
  opties: { versie?: string; datum?: string; uitgever: string; gepubliceerd: string },
): string {
  const bestanden = readBronnen(bronnen);
  let gebouwd;
  try {
    gebouwd = buildDataset(bestanden);
  } catch (e) {
    throw new BundelFout(`De bronbestanden in ${bronnen} zijn niet te verwerken: ${(e as Error).message}`);
  }
  const dataset = {
    ...gebouwd,
    ...(opties.versie !== undefined ? { versie: opties.versie } : {}),
    ...(opties.datum !== undefined ? { datum: opties.datum } : {}),
  };
  return bundelTekst(maakBundel(dataset, { gepubliceerd: opties.gepubliceerd, uitgever: opties.uitgever }));
}

/** A warning when clients that still use the embedded data would refuse this bundle (same version, or older). */
function waarschuwingTegenIngebouwd(bundel: Bundel): string | undefined {
  const ingebouwd = standaardDataset();
  const oordeel = beoordeel(bundel, { dataset: ingebouwd, gepubliceerd: `${ingebouwd.datum}T00:00:00Z` });
  if (!("ok" in oordeel)) return undefined;
  const wat = `de ingebouwde gegevens van Opgave (versie ${ingebouwd.versie} van ${ingebouwd.datum})`;
  return oordeel.reden === "zelfde-versie"
    ? `Let op: versie ${bundel.dataset.versie} is ook die van ${wat}, maar de inhoud verschilt: Opgave weigert ` +
        "deze bundel. Geef met --versie een nieuw, hoger versienummer."
    : `Let op: deze bundel is ouder dan ${wat}: Opgave gebruikt hem niet. Geef met --versie en --datum een ` +
        "nieuwere versie en datum.";
}

function samenvatting(b: Bundel): string[] {
  const d = b.dataset;
  const jaren = Object.keys(d.land.inwoners).sort();
  const metCijfer = d.landelijkeTaakstelling.filter((l) => l.aantal !== null).map((l) => l.periode);
  const huidig = d.gemeenten.filter((g) => g.tot === null).length;
  return [
    `  versie ${d.versie}, datum ${d.datum}, uitgever ${b.uitgever}, gepubliceerd ${b.gepubliceerd}`,
    `  ${huidig} gemeenten in de huidige indeling (${d.gemeenten.length} sinds 2015), ${d.provincies.length} provincies, ` +
      `inwoners op 1 januari ${jaren[0] ?? "?"}–${jaren[jaren.length - 1] ?? "?"}`,
    `  landelijke taakstelling bekend voor ${metCijfer.length} van ${d.landelijkeTaakstelling.length} perioden: ` +
      metCijfer.join(", "),
    `  officiële cijfers per gemeente: ${d.officieleTaakstelling.length}; opvangbesluiten: ` +
      `${d.opvangBesluiten.length}; kostennormen: ${d.kostenNormen.length}`,
  ];
}

async function maak(argv: readonly string[], uit: Uitvoer): Promise<number> {
  const tekstOptie = { type: "string" } as const;
  const { values } = ontleed(
    argv,
    {
      uit: tekstOptie,
      bronnen: tekstOptie,
      versie: tekstOptie,
      datum: tekstOptie,
      uitgever: tekstOptie,
      gepubliceerd: tekstOptie,
    },
    MAAK_HULP,
    0,
  );
  const map = verplicht(values.uit, "--uit MAP", MAAK_HULP);
  const bronnen = path.resolve(values.bronnen ?? STANDAARD_BRONNEN);
  if (!fs.existsSync(bronnen)) throw new BundelFout(`De map met bronbestanden bestaat niet: ${bronnen}.`);

  const tekst = bouwBundel(bronnen, {
    ...(values.versie !== undefined ? { versie: values.versie } : {}),
    ...(values.datum !== undefined ? { datum: values.datum } : {}),
    uitgever: values.uitgever ?? "Opgave",
    gepubliceerd: values.gepubliceerd ?? nuIso(),
  });
  const pad = path.join(map, BUNDEL_BESTAND);
  const gelezen = leesBundel(tekst);
  if (!gelezen.ok) throw new BundelFout(`${geenBundelReden(pad, gelezen)}\nEr is niets geschreven.`);

  fs.mkdirSync(map, { recursive: true });
  const sig = handtekeningPad(pad);
  const hadHandtekening = fs.existsSync(sig);
  // Written safely first: a failed write leaves the old bundle with its own signature; then the stale one goes.
  await schrijfVeilig(pad, new TextEncoder().encode(tekst));
  fs.rmSync(sig, { force: true });

  uit.out(`Bundel geschreven: ${pad}`);
  for (const regel of samenvatting(gelezen.bundel)) uit.out(regel);
  const waarschuwing = waarschuwingTegenIngebouwd(gelezen.bundel);
  if (waarschuwing) uit.err(waarschuwing);
  if (hadHandtekening)
    uit.out(`De oude handtekening ${sig} is verwijderd: die past niet bij de nieuwe inhoud.`);
  uit.out(
    `Volgende stap: onderteken de bundel: opgave bundel onderteken ${pad} --sleutel PAD/NAAR/${PRIVE_SLEUTEL_BESTAND}`,
  );
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// onderteken
// ---------------------------------------------------------------------------------------------------------------

const ONDERTEKEN_HULP = `opgave bundel onderteken — onderteken een bundel met de privésleutel van de uitgever

Gebruik:
  opgave bundel onderteken BUNDEL --sleutel SLEUTEL.key

Controleert dat BUNDEL een geldige bundel is en schrijft de handtekening over de exacte bytes van het bestand
naar BUNDEL.sig (een eerdere handtekening wordt vervangen). Wijzig BUNDEL daarna niet meer: zet BUNDEL en
BUNDEL.sig samen op de feed.`;

/**
 * Sign a bundle file: refuses a file that is not a valid bundle, writes BUNDEL.sig (replacing an earlier one).
 * Shared by `opgave bundel onderteken` and scripts/export-bundel.ts. Returns the signature file and key id.
 */
export async function ondertekenBundelBestand(
  bundelPad: string,
  privePem: string,
  sleutelPad = "de privésleutel",
): Promise<{ handtekeningPad: string; sleutelId: string }> {
  const bytes = leesBytes(bundelPad);
  leesBundelBestand(bundelPad, bytes);
  let tekst: string;
  try {
    tekst = await onderteken(bytes, privePem);
  } catch (e) {
    throw new BundelFout(`${sleutelPad} is geen bruikbare privésleutel (${(e as Error).message}).`);
  }
  const sig = handtekeningPad(bundelPad);
  await schrijfVeilig(sig, new TextEncoder().encode(tekst));
  return { handtekeningPad: sig, sleutelId: HandtekeningSchema.parse(JSON.parse(tekst)).sleutel };
}

async function ondertekenOpdracht(argv: readonly string[], uit: Uitvoer): Promise<number> {
  const { values, positionals } = ontleed(argv, { sleutel: { type: "string" } }, ONDERTEKEN_HULP, 1);
  const bundelPad = positionals[0] ?? "";
  const sleutelPad = verplicht(values.sleutel, "--sleutel SLEUTEL.key", ONDERTEKEN_HULP);
  const pem = fs.readFileSync(sleutelPad, "utf8");
  const r = await ondertekenBundelBestand(bundelPad, pem, sleutelPad);
  uit.out(`Ondertekend met sleutel ${r.sleutelId}: ${r.handtekeningPad}`);
  uit.out(
    `Volgende stap: opgave bundel controleer ${bundelPad} (met --publieke-sleutel of --profiel production), ` +
      `dan ${path.basename(bundelPad)} en ${path.basename(r.handtekeningPad)} samen op de feed zetten.`,
  );
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// controleer
// ---------------------------------------------------------------------------------------------------------------

const CONTROLEER_HULP = `opgave bundel controleer — controleer een bundel zoals Opgave een ontvangen bundel controleert

Gebruik:
  opgave bundel controleer BUNDEL [--publieke-sleutel PUB]... [--profiel development|production] [--nu TIJDSTIP]

Leest BUNDEL en BUNDEL.sig en controleert: de handtekening is van een vertrouwde sleutel, de bundel voldoet aan
het bundelformaat (met bestaande datums) en geen datum ligt meer dan twee dagen in de toekomst.
  --publieke-sleutel PUB   vertrouw deze publieke sleutel (.pub); mag vaker
  --profiel PROFIEL        vertrouw de sleutels van dit profiel in manifest/vertrouwde-sleutels.json
                           (zonder --publieke-sleutel; standaard ${STANDAARD_PROFIEL}: daarin staat ook de
                           ontwikkelsleutel van de repository — gebruik production voor echte gegevens)
  --nu TIJDSTIP            rekentijdstip, ISO 8601 (standaard nu)
Exitcode 0 alleen als alles klopt; anders de reden op stderr en exitcode 1.`;

/** --publieke-sleutel PUB… or --profiel P (a known profile), not both. */
function sleutelKeuze(
  values: { "publieke-sleutel"?: string[]; profiel?: string },
  hulp: string,
): { pubs: string[]; profiel: Profiel | undefined } {
  const pubs = values["publieke-sleutel"] ?? [];
  const profiel = values.profiel;
  if (profiel !== undefined && !(PROFIELEN as readonly string[]).includes(profiel))
    throw gebruikFout(`Onbekend profiel "${profiel}": kies ${PROFIELEN.join(" of ")}.`, hulp);
  if (profiel !== undefined && pubs.length > 0)
    throw gebruikFout("Kies --publieke-sleutel of --profiel, niet beide.", hulp);
  return { pubs, profiel: profiel as Profiel | undefined };
}

async function vertrouwdeSleutels(
  pubs: readonly string[],
  profiel: Profiel | undefined,
): Promise<{ sleutels: PubliekeSleutel[]; herkomst: string }> {
  if (pubs.length > 0) {
    const sleutels: PubliekeSleutel[] = [];
    for (const p of pubs) sleutels.push(await leesPubliekeSleutelBestand(p));
    return { sleutels, herkomst: `opgegeven sleutel (${pubs.join(", ")})` };
  }
  const gekozen = profiel ?? STANDAARD_PROFIEL;
  return {
    sleutels: await leesVertrouwdeSleutels(gekozen),
    herkomst: `profiel ${gekozen} in manifest/vertrouwde-sleutels.json`,
  };
}

async function controleer(argv: readonly string[], uit: Uitvoer): Promise<number> {
  const { values, positionals } = ontleed(
    argv,
    {
      "publieke-sleutel": { type: "string", multiple: true },
      profiel: { type: "string" },
      nu: { type: "string" },
    },
    CONTROLEER_HULP,
    1,
  );
  const bundelPad = positionals[0] ?? "";
  const { pubs, profiel } = sleutelKeuze(values, CONTROLEER_HULP);
  const nu = values.nu === undefined ? new Date() : new Date(values.nu);
  if (Number.isNaN(nu.getTime()))
    throw gebruikFout(
      `--nu "${values.nu ?? ""}" is geen tijdstip (bijv. 2027-01-15T09:00:00Z).`,
      CONTROLEER_HULP,
    );

  const { sleutels, herkomst } = await vertrouwdeSleutels(pubs, profiel);
  const bytes = leesBytes(bundelPad);
  const sig = handtekeningPad(bundelPad);
  const handtekening = fs.existsSync(sig) ? fs.readFileSync(sig, "utf8") : undefined;
  const r = await controleerOntvangen({ bytes, handtekening, vertrouwd: sleutels, nu });
  if (!r.ok) {
    uit.err(r.bericht);
    for (const d of r.details ?? []) if (!r.bericht.includes(d)) uit.err(`  ${d}`);
    return 1;
  }
  const { bundel, sleutel: s } = r;
  uit.out(`Bundel in orde: ${bundelPad}`);
  uit.out(`  versie ${bundel.dataset.versie}, datum ${bundel.dataset.datum} (${bundel.dataset.id})`);
  uit.out(`  gepubliceerd ${bundel.gepubliceerd} door ${bundel.uitgever}`);
  uit.out(`  ondertekend door ${s.naam} [${s.id}], vertrouwd via ${herkomst}`);
  if (s.ontwikkeling === true)
    uit.out("  Let op: dit is een ontwikkelsleutel; het productieprofiel vertrouwt hem niet.");
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// haal
// ---------------------------------------------------------------------------------------------------------------

const HAAL_HULP = `opgave bundel haal — haal een bundel van een feed op, precies zoals het taakvenster dat doet

Gebruik:
  opgave bundel haal URL [--cache MAP] [--publieke-sleutel PUB]... [--profiel development|production]

Haalt URL en URL.sig op, controleert handtekening, indeling, datums en versie tegen de gegevens in gebruik (de
bewaarde bundel in MAP, anders de ingebouwde gegevens) en neemt een nieuwere, goede bundel in gebruik.
  --cache MAP              bewaar de bundel in MAP (bundel.json, bundel.json.sig en opgave-cache.json): een
                           spiegel van de feed die u zelf weer kunt aanbieden; de volgende keer de vergelijkingsbasis
  --publieke-sleutel PUB   vertrouw deze publieke sleutel (.pub); mag vaker
  --profiel PROFIEL        vertrouw de sleutels van dit profiel in manifest/vertrouwde-sleutels.json
                           (standaard ${STANDAARD_PROFIEL})
Exitcode 0 als de bundel in gebruik daarna de nieuwste goede is (ook als er niets veranderde); 1 met de reden
als een bundel is geweigerd.`;

async function haal(argv: readonly string[], uit: Uitvoer): Promise<number> {
  const { values, positionals } = ontleed(
    argv,
    {
      cache: { type: "string" },
      "publieke-sleutel": { type: "string", multiple: true },
      profiel: { type: "string" },
    },
    HAAL_HULP,
    1,
  );
  const { pubs, profiel } = sleutelKeuze(values, HAAL_HULP);
  const { sleutels } = await vertrouwdeSleutels(pubs, profiel);
  const { bundelHaal } = await import("./bundelHaal");
  return bundelHaal(
    {
      url: positionals[0] ?? "",
      vertrouwd: sleutels,
      ...(values.cache !== undefined ? { cache: path.resolve(values.cache) } : {}),
    },
    uit,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Dispatch
// ---------------------------------------------------------------------------------------------------------------

const OPDRACHTEN = new Map<string, Opdracht>([
  [
    "sleutel",
    {
      regel:
        "opgave bundel sleutel --uit MAP [--naam NAAM] [--forceer]\n      maak eenmalig het sleutelpaar van de uitgever",
      hulp: SLEUTEL_HULP,
      voerUit: sleutel,
    },
  ],
  [
    "maak",
    {
      regel:
        "opgave bundel maak --uit MAP [--bronnen MAP] [--versie V] [--datum JJJJ-MM-DD] [--uitgever NAAM]\n" +
        "      bouw MAP/bundel.json uit de CSV-bronnen",
      hulp: MAAK_HULP,
      voerUit: maak,
    },
  ],
  [
    "onderteken",
    {
      regel:
        "opgave bundel onderteken BUNDEL --sleutel SLEUTEL.key\n      schrijf de handtekening BUNDEL.sig",
      hulp: ONDERTEKEN_HULP,
      voerUit: ondertekenOpdracht,
    },
  ],
  [
    "controleer",
    {
      regel:
        "opgave bundel controleer BUNDEL [--publieke-sleutel PUB]... [--profiel development|production]\n" +
        "      controleer bundel en handtekening zoals Opgave een ontvangen bundel controleert",
      hulp: CONTROLEER_HULP,
      voerUit: controleer,
    },
  ],
  [
    "haal",
    {
      regel:
        "opgave bundel haal URL [--cache MAP] [--publieke-sleutel PUB]... [--profiel development|production]\n" +
        "      haal een feed op zoals het taakvenster (spiegelen, vooraf laden, testen)",
      hulp: HAAL_HULP,
      voerUit: haal,
    },
  ],
]);

export function bundelHulp(): string {
  const regels = [...OPDRACHTEN.values()].map((o) => `  ${o.regel}`).join("\n");
  return `opgave bundel — gegevens publiceren als ondertekende bundel (de feed van Opgave)

Gebruik:
${regels}

Details per opdracht: opgave bundel OPDRACHT --help.
Exitcode 0: gelukt; 1: geweigerd of mislukt (reden op stderr); 2: verkeerde aanroep.`;
}

const isHulp = (w: string | undefined) => w === "--help" || w === "-h" || w === "help";

export async function bundelCli(argv: readonly string[], uit: Uitvoer): Promise<number> {
  const [naam, ...rest] = argv;
  if (naam === undefined || isHulp(naam)) {
    uit.out(bundelHulp());
    return naam === undefined ? 2 : 0;
  }
  const opdracht = OPDRACHTEN.get(naam);
  if (!opdracht) {
    uit.err(`Onbekende opdracht "opgave bundel ${naam}".\n\n${bundelHulp()}`);
    return 2;
  }
  if (rest.some((w) => w === "--help" || w === "-h")) {
    uit.out(opdracht.hulp);
    return 0;
  }
  try {
    return await opdracht.voerUit(rest, uit);
  } catch (e) {
    const tekst = e instanceof BundelFout || e instanceof SchrijfFout ? e.message : bestandsFoutTekst(e);
    if (tekst === undefined) throw e;
    uit.err(tekst);
    return e instanceof BundelFout ? e.code : 1;
  }
}
