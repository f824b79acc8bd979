/**
 * `npm run bench`: how fast the engine answers, measured against a raw Map.get over the same keys in the same
 * run (so the ratio means something on any machine). Not part of the tests: no timing assertions anywhere.
 *
 * TAAKSTELLING runs in 5 fresh processes (bench/taakstelling.ts; the median counts); the consolidation in a fresh
 * process of its own (as `opgave consolideer` runs); the refill and the first fill each in a process of their own,
 * taking turns, in 11 pairs of processes whose median ratio counts (bench/herbevulling.ts, as `opgave vul` runs one
 * or the other); the rest in this one.
 *
 * `npm run bench -- --json FILE` also writes the ratios, each a number, to FILE:
 *   taakstelling_vs_map    warm TAAKSTELLING (answers only) per call / Map.get per call       target ≤ 3
 *   opvang_vs_map          warm OPVANG per call / Map.get per call, timed turn about (median of the
 *                          samples' ratios)                                                   target ≤ 3
 *   koud_vs_warm           first round over every gemeente × period through the wrapper (fresh engine, errors
 *                          included) / a warm round over the same calls                        target ≤ 10
 *   fout_vs_antwoord       warm #N/A / #VALUE! answer per call / warm number answer per call   target ≤ 5
 *   consolidatie_vs_parse  consolidating 50 workbooks / the raw exceljs parse of them (bench/consolideren.ts)
 *                                                                                               target ≤ 1.5
 *   herbevulling_vs_vulling  refilling a filled-in 51-gemeente province workbook / a first fill of the same
 *                          plan, both the build (dist-cli, as `opgave vul` runs; bench/herbevulling.ts)
 *                                                                                            target ≤ 1.5
 *   opstart_kb_gzip        the scripts the built taskpane.html loads at start, gzip -9, kB (bench/opstart.ts:
 *                          dist/ as last built, or a build of its own when there is none)   target ≤ 70
 *   bom_seconden           `opgave consolideer` of a generated 10-million-cell workbook next to a good gemeente
 *                          workbook, in a child process with NODE_OPTIONS=--max-old-space-size=1024: seconds
 *                          (the consolidation itself, measured in the child)                  target ≤ 60
 *   bom_rss_mb             peak RSS of that child, MB (process.resourceUsage().maxRSS)        target ≤ 1024
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { performance } from "perf_hooks";
import { Engine } from "../src/domain/engine";
import { DatasetSchema, type Dataset } from "../src/data/schema";
import { kleinschalig, opvang } from "../src/functions/functions";
import { standaardDataset } from "../src/data/embedded";
import { planGemeente } from "../src/workbook/bouwPlan";
import { schrijfXlsx } from "../src/workbook/xlsxWriter";
import { schrijfGrootWerkboek } from "../tests/helpers/grootWerkboek";
import type { ConsolidatieBench } from "./consolideren";
import type { HerbevullingBench } from "./herbevulling";
import { opstart } from "./opstart";
import type { TaakstellingMeting } from "./taakstelling";
import { mediaan, meet, meetAfwisselend } from "./meten";

const DATASET = path.resolve(__dirname, "../src/data/embedded/dataset.json");

/** The targets of the issues "Architecture you can see, and a lean start" and "Refill that loses nothing" (upper bounds). */
const DOELEN = {
  taakstelling_vs_map: 3,
  opvang_vs_map: 3,
  koud_vs_warm: 10,
  fout_vs_antwoord: 5,
  consolidatie_vs_parse: 1.5,
  herbevulling_vs_vulling: 1.5,
  opstart_kb_gzip: 70,
  bom_seconden: 60,
  bom_rss_mb: 1024,
} as const;
type Uitkomsten = Record<keyof typeof DOELEN, number>;

function jsonPad(argv: readonly string[]): string | undefined {
  const i = argv.indexOf("--json");
  if (i < 0) return undefined;
  const pad = argv[i + 1];
  if (!pad || pad.startsWith("--"))
    throw new Error("--json verwacht een bestandsnaam: npm run bench -- --json FILE");
  return pad;
}

const ms = (x: number) => `${x.toFixed(2)} ms`;
const perSec = (n: number, tijdMs: number) => `${Math.round((n / tijdMs) * 1000).toLocaleString("nl-NL")}/s`;
/** The unit of a measured value (a ratio when not listed). */
const EENHEDEN: Partial<Record<keyof typeof DOELEN, string>> = {
  opstart_kb_gzip: " kB",
  bom_seconden: " s",
  bom_rss_mb: " MB",
};

/** A measured value with its target next to it. */
function doel(sleutel: keyof typeof DOELEN, waarde: number): string {
  const eenheid = EENHEDEN[sleutel] ?? "×";
  const decimalen = sleutel === "bom_rss_mb" ? 0 : sleutel in EENHEDEN ? 1 : 2;
  const gehaald = waarde <= DOELEN[sleutel];
  return `${waarde.toFixed(decimalen)}${eenheid} (doel ≤ ${DOELEN[sleutel]}${eenheid}${gehaald ? "" : "; niet gehaald"})`;
}

let som = 0;

/** 1. Load + index. */
function laden(tekst: string, ds: Dataset): void {
  const parse = meet(20, () => JSON.parse(tekst));
  const valideer = meet(10, () => DatasetSchema.parse(JSON.parse(tekst)));
  const index = meet(20, () => new Engine(ds));
  console.log(
    `Dataset ${ds.id} ${ds.versie}: ${(tekst.length / 1024).toFixed(0)} KiB, ${ds.gemeenten.length} gemeenten`,
  );
  console.log(`  JSON.parse            ${ms(parse)}`);
  console.log(`  parse + zod-validatie ${ms(valideer)}   (alleen bij data van buiten: feed, cache)`);
  console.log(`  index opbouwen        ${ms(index)}`);
}

/** Processes for the TAAKSTELLING measurement (each gives one first round; the median is reported). */
const PROCESSEN = 5;

/**
 * 2. TAAKSTELLING over all gemeenten × all periods through the wrapper (bench/taakstelling.ts), in `PROCESSEN`
 * fresh processes: each ratio is the median over them (a single first round is at the mercy of the machine).
 */
function benchTaakstelling(): Pick<Uitkomsten, "taakstelling_vs_map" | "koud_vs_warm" | "fout_vs_antwoord"> {
  const metingen: TaakstellingMeting[] = [];
  for (let i = 0; i < PROCESSEN; i++) {
    const uit = execFileSync(
      process.execPath,
      [...process.execArgv, path.join(__dirname, "taakstelling.ts")],
      {
        encoding: "utf8",
      },
    );
    metingen.push(JSON.parse(uit) as TaakstellingMeting);
  }
  const verhouding = (m: TaakstellingMeting) => ({
    taakstelling_vs_map: m.warmAntwoord / m.mapGet,
    koud_vs_warm: m.koud / m.warm,
    fout_vs_antwoord: m.warmFout / m.fouten / (m.warmAntwoord / m.metAntwoord),
  });
  const uit = {
    taakstelling_vs_map: mediaan(metingen.map((m) => verhouding(m).taakstelling_vs_map)),
    koud_vs_warm: mediaan(metingen.map((m) => verhouding(m).koud_vs_warm)),
    fout_vs_antwoord: mediaan(metingen.map((m) => verhouding(m).fout_vs_antwoord)),
  };
  const m = (veld: keyof TaakstellingMeting) => mediaan(metingen.map((x) => x[veld]));
  const eerste = metingen[0];
  if (!eerste) throw new Error("geen meting");
  console.log(
    `\nTAAKSTELLING: ${eerste.aanroepen} aanroepen (${eerste.gemeenten} gemeenten × ${eerste.perioden} perioden; ` +
      `${eerste.metAntwoord} met antwoord, ${eerste.fouten} #N/A/#VALUE!), mediaan van ${PROCESSEN} processen`,
  );
  console.log(`  eerste ronde (nieuwe engine)  ${ms(m("koud"))}  ${perSec(eerste.aanroepen, m("koud"))}`);
  console.log(`  daarna, alle aanroepen        ${ms(m("warm"))}  ${perSec(eerste.aanroepen, m("warm"))}`);
  console.log(
    `  daarna, alleen met antwoord   ${ms(m("warmAntwoord"))}  ${perSec(eerste.metAntwoord, m("warmAntwoord"))}`,
  );
  console.log(
    `  daarna, alleen fouten         ${ms(m("warmFout"))}  ${perSec(eerste.fouten, m("warmFout"))}`,
  );
  console.log(
    `  ruwe Map.get, zelfde sleutels ${ms(m("mapGet"))}  ${perSec(eerste.metAntwoord, m("mapGet"))}`,
  );
  console.log(`  eerste ronde per proces: ${metingen.map((x) => x.koud.toFixed(0)).join(", ")} ms`);
  const wissel = m("koudNaWissel");
  console.log(
    `  eerste ronde na een gegevenswissel (nieuwe engine, code al warm) ${ms(wissel)}: ` +
      `${(wissel / m("warm")).toFixed(2)}× daarna (ter informatie)`,
  );
  const throwMs = m("kaleThrow") / 1000; // ms per throw
  console.log(
    `  ondergrens van een foutantwoord: één kale throw/catch = ${(throwMs * 1000).toFixed(2)} µs ` +
      `= ${(throwMs / (m("warmAntwoord") / eerste.metAntwoord)).toFixed(1)}× een antwoord (ter informatie)`,
  );
  console.log(
    `  verhouding TAAKSTELLING / Map.get:          ${doel("taakstelling_vs_map", uit.taakstelling_vs_map)}`,
  );
  console.log(`  verhouding eerste ronde / daarna:           ${doel("koud_vs_warm", uit.koud_vs_warm)}`);
  console.log(
    `  verhouding fout / antwoord (per aanroep):   ${doel("fout_vs_antwoord", uit.fout_vs_antwoord)}`,
  );
  return uit;
}

/** 3. OPVANG for every current gemeente (total and amv, default decision), through the wrapper, vs Map.get. */
function benchOpvang(ds: Dataset): Pick<Uitkomsten, "opvang_vs_map"> {
  const huidige = ds.gemeenten.filter((g) => g.tot === null).map((g) => g.code);
  const sleutels = huidige.flatMap((c) => [[c, "totaal"] as const, [c, "amv"] as const]);
  const antwoorden = new Map<string, number>();
  const koud = meet(1, () => {
    for (const [c, s] of sleutels) {
      try {
        antwoorden.set(`${c}|${s}`, opvang(c, s, null));
      } catch {
        som++;
      }
    }
  });
  const metAntwoord = sleutels.filter(([c, s]) => antwoorden.has(`${c}|${s}`));
  const rondeOpvang = () => {
    for (const [c, s] of metAntwoord) som += opvang(c, s, null);
  };
  const rondeMap = () => {
    for (const [c, s] of metAntwoord) som += antwoorden.get(`${c}|${s}`) ?? 0;
  };
  // Warm means warm: the JavaScript engine has optimised both loops before they are timed.
  for (let i = 0; i < 50; i++) {
    rondeOpvang();
    rondeMap();
  }
  // A round takes well under a millisecond: the two are timed turn about, 5 rounds a sample (meetAfwisselend).
  const { a: warm, b: raw, verhouding } = meetAfwisselend(101, 5, rondeOpvang, rondeMap);
  const uit = { opvang_vs_map: verhouding };
  console.log(
    `\nOPVANG: ${sleutels.length} aanroepen (${huidige.length} gemeenten × totaal/amv, standaardbesluit)`,
  );
  console.log(`  eerste ronde (schattingen opbouwen) ${ms(koud)}`);
  console.log(`  daarna                        ${ms(warm)}  ${perSec(metAntwoord.length, warm)}`);
  console.log(`  ruwe Map.get, zelfde sleutels ${ms(raw)}  ${perSec(metAntwoord.length, raw)}`);
  console.log(`  verhouding OPVANG / Map.get: ${doel("opvang_vs_map", uit.opvang_vs_map)}`);
  return uit;
}

/** Cells of the generated workbook of bench 8 (the file of issue 12: 24 MB, 10 million cells). */
const BOM_CELLEN = 10_000_000;

/**
 * 8. Bounded reading: `opgave consolideer` of a 10-million-cell workbook (tests/helpers/grootWerkboek.ts, written
 * streaming) next to one good gemeente workbook, in a child process with a 1 GB heap, as a coordinator would run
 * it; the child measures the consolidation and prints its peak RSS.
 */
async function benchBom(): Promise<Pick<Uitkomsten, "bom_seconden" | "bom_rss_mb">> {
  const map = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-bench-bom-"));
  try {
    const engine = new Engine(standaardDataset());
    const bron = {
      datasetId: engine.dataset.id,
      versie: engine.dataset.versie,
      datum: engine.dataset.datum,
      addinVersie: "bench",
      gemaakt: "2026-12-01T10:00:00Z",
    };
    const lever = path.join(map, "lever");
    fs.mkdirSync(lever);
    fs.writeFileSync(
      path.join(lever, "zeist.xlsx"),
      (await schrijfXlsx(planGemeente(engine, "Zeist", bron))).data,
    );
    const basis = (await schrijfXlsx(planGemeente(engine, "Baarn", bron))).data;
    const t0 = performance.now();
    const bytes = schrijfGrootWerkboek(path.join(lever, "groot.xlsx"), basis, { cellen: BOM_CELLEN });
    const maken = (performance.now() - t0) / 1000;
    const main = path.join(__dirname, "../src/cli/main.ts");
    const argv = ["consolideer", lever, "--uit", path.join(map, "overzicht.xlsx")];
    const code =
      `import(${JSON.stringify(main)}).then(async (m) => {` +
      `const { performance } = await import("perf_hooks");` +
      `const t0 = performance.now();` +
      `const uit = []; const code = await (m.mainAsync ?? m.default.mainAsync)(${JSON.stringify(argv)}, ` +
      `{ out: (t) => uit.push(t), err: (t) => uit.push(t) });` +
      `const seconden = (performance.now() - t0) / 1000;` +
      `console.log(JSON.stringify({ code, seconden, rssMb: process.resourceUsage().maxRSS / 1024, ` +
      `groot: uit.join("\\n").split("\\n").find((r, i, a) => a[i - 1]?.includes("groot.xlsx")) ?? "" }));` +
      `})`;
    const uit = execFileSync(process.execPath, [require.resolve("tsx/cli"), "-e", code], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=1024" },
    });
    const m = JSON.parse(uit.trim().split("\n").pop() ?? "{}") as {
      code: number;
      seconden: number;
      rssMb: number;
      groot: string;
    };
    console.log(
      `\nBegrensd lezen: opgave consolideer met een werkboek van ${(BOM_CELLEN / 1e6).toFixed(0)} miljoen cellen ` +
        `(${(bytes / 1024 / 1024).toFixed(1)} MB, gemaakt in ${maken.toFixed(1)} s) naast één goed werkboek, ` +
        `heap 1 GB: ${m.seconden.toFixed(1)} s, piek-RSS ${m.rssMb.toFixed(0)} MB, exitcode ${m.code}`,
    );
    console.log(`  ${m.groot.trim()}`);
    return { bom_seconden: m.seconden, bom_rss_mb: m.rssMb };
  } finally {
    fs.rmSync(map, { recursive: true, force: true });
  }
}

/**
 * Runs a bench script in a fresh process, as `opgave consolideer` and `opgave vul` run: what the benches before it
 * left on the heap does not slow one side of its ratio more than the other. Prints the script's lines; its last
 * line (`--json`) is the measurement.
 */
function inEigenProces<T>(script: string): T {
  const uit = execFileSync(process.execPath, [...process.execArgv, path.join(__dirname, script), "--json"], {
    encoding: "utf8",
  });
  const regels = uit.trimEnd().split("\n");
  const meting = regels.pop() ?? "";
  for (const r of regels) console.log(r);
  return JSON.parse(meting) as T;
}

async function main(): Promise<void> {
  const uitvoer = jsonPad(process.argv.slice(2));
  const tekst = fs.readFileSync(DATASET, "utf8");
  const ds = JSON.parse(tekst) as Dataset;

  laden(tekst, ds);
  const taak = benchTaakstelling();
  const opv = benchOpvang(ds);

  // 4. KLEINSCHALIG: a large request (many candidate location counts).
  const klein = meet(15, () => void kleinschalig(20_000, 50, 400, null, null, null));
  console.log(`\nKLEINSCHALIG(20000; 50; 400): ${ms(klein)} per aanroep`);

  // 5. Consolidating 50 municipal workbooks vs the raw parse of the same files.
  console.log("");
  const cons = inEigenProces<ConsolidatieBench>("consolideren.ts");

  // 6. Refilling a filled-in province workbook vs a first fill of it.
  console.log("");
  const her = inEigenProces<HerbevullingBench>("herbevulling.ts");

  // 7. What the shared runtime loads before the first function answers.
  const start = opstart();
  console.log(
    `\nOpstart: ${start.scripts.map((s) => `${s.src} ${(s.gzip / 1000).toFixed(1)} kB`).join(" + ")} gzip -9 ` +
      `(${start.map}${start.gebouwd ? ", door de bench gebouwd: er was geen dist/" : ", zoals laatst gebouwd"})`,
  );

  const bom = await benchBom();

  const uitkomsten: Uitkomsten = {
    ...taak,
    ...opv,
    consolidatie_vs_parse: cons.verhouding,
    herbevulling_vs_vulling: her.verhouding,
    opstart_kb_gzip: start.kbGzip,
    ...bom,
  };
  console.log("\nSamenvatting (doel):");
  for (const [k, v] of Object.entries(uitkomsten) as [keyof typeof DOELEN, number][]) {
    console.log(`  ${k.padEnd(24)} ${doel(k, v)}`);
  }
  if (uitvoer) {
    const afgerond = Object.fromEntries(
      Object.entries(uitkomsten).map(([k, v]) => [k, Math.round(v * 100) / 100]),
    ) as Uitkomsten;
    fs.writeFileSync(uitvoer, `${JSON.stringify(afgerond, null, 2)}\n`);
    console.log(`\nGeschreven: ${uitvoer}`);
  }
  if (som === 0) console.log("(controle)", som);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
