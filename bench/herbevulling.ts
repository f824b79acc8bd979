/**
 * Benchmark of a refill: the province workbook of Gelderland (51 gemeenten, written by the same plan and writer
 * as `opgave vul --provincie`), filled in by the coordinator (Gehuisvest, Beginsaldo and Bestaande plaatsen for
 * every gemeente, plus a sheet of their own), and
 *   (a) a first fill: `schrijfXlsx(plan)` — no existing file;
 *   (b) a refill of the filled-in file: `schrijfXlsx(plan, bestaand)` — read, merge, loss check, write — on new
 *       bytes each round, as read from disk (the zip module remembers what it inflated per bytes object).
 * Each side runs in a process of its own, as `opgave vul` does one or the other, never both; the two processes
 * take turns round by round (this script drives them in lockstep, one round at a time), so both see the same
 * drift of the machine and never run at once. In one process taking turns, the two disturbed each other — the
 * refill's objects (a loaded exceljs model) made code both share (exceljs's writer, the evaluator) slower for the
 * fill, and the refill's garbage was partly collected during the fill — which flattered the ratio (measured on
 * this 2-core machine: 1.45–1.65 in one process, 1.8–2.3 each alone).
 * Each process also has a speed of its own (where its heap lies, what the engine optimised, which core): two
 * processes running the same refill in one lockstep differed by up to 4 ms (12 %), and one pair's ratio ranged
 * 1.35–2.14 for the same code. So `PAREN` pairs run one after the other, and `herbevulling_vs_vulling` is the
 * median of their ratios. 30 pairs of the same code gave ratios of 1.28–1.82 (median 1.56, standard deviation
 * about 0.13): the median of 5 pairs moved by about ±0.1 between runs, of 11 pairs by about ±0.06 (three runs:
 * 1.56, 1.58, 1.47), at about a minute a run.
 * After `OPWARMEN` untimed rounds of each, `rondes` timed ones; per side the median, and their ratio (b)/(a) is
 * the pair's. That is not yet the refill's steady state: after 20 rounds a first fill is near its own, a refill
 * keeps getting faster for far longer (medians over 4 processes of each, one after the other, 2 December 2026:
 * first fill 26 ms in rounds 20–40 and 23–25 ms after; refill 39 ms in rounds 20–40, 31–33 ms in 40–180, about
 * 27 ms after). So the ratio depends on where it is read: 1.76 in the first round, about 1.5 in rounds 20–40,
 * 1.3–1.4 after 120 (two runs of 7 pairs: 1.32 and 1.40, against 1.47 and 1.54 after 20). It is read after 20, as
 * it always was: moving it would change the measure, not the code.
 * For information: the first round of each process of the first pair (after the one fill that makes the test file:
 * mostly still compiling), (b) with a sheet of 30,000 cells of the coordinator's own (a refill's cost should not
 * grow much with what Opgave does not own), and the whole command as a user waits for it (`meetOpdracht`): there
 * Node's start, the modules and the data weigh as much as the write itself.
 * The sides time the build — dist-cli, tsc's output, the code `opgave vul` runs — which the driver builds first
 * (`bouwCli`); `--bron` times the sources through tsx instead, as every figure above was measured (until
 * 5 December 2026). tsx makes every function object go through a helper that names it (`Code`), which no user's
 * code does and which costs a refill more than a first fill. 12 interleaved pairs of each (5 December 2026): the
 * build 1.375 (first fill 20.1 ms, refill 27.8 ms), the sources 1.454 (19.6 and 28.2 ms).
 * Run by bench/bench.ts in a process of its own (`--json`: the measurement as the last line); standalone:
 * `npx tsx bench/herbevulling.ts [--bron]`. A side's process: `--zijde vulling|herbevulling --code gebouwd|bron`,
 * one round per line on stdin.
 */
import { execFileSync, spawn, spawnSync, type ChildProcessWithoutNullStreams } from "child_process";
import fs from "fs";
import { createRequire } from "module";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { performance } from "perf_hooks";
import { createInterface } from "readline";
import { parseArgs } from "util";
import type * as EngineModule from "../src/domain/engine";
import type * as EmbeddedModule from "../src/data/embedded";
import type * as BouwPlanModule from "../src/workbook/bouwPlan";
import type { BronInfo } from "../src/workbook/bouwPlan";
import type { WerkboekPlan } from "../src/workbook/plan";
import type * as IndelingModule from "../src/workbook/indeling";
import type * as XlsxWriterModule from "../src/workbook/xlsxWriter";
import { mediaan } from "./meten";

export interface HerbevullingBench {
  readonly gemeenten: number;
  readonly kilobytes: number;
  /** Medians over the pairs of each pair's median, ms. */
  readonly vulling: number;
  readonly herbevulling: number;
  /** The median of the pairs' ratios (`herbevulling_vs_vulling`). */
  readonly verhouding: number;
  /** Each pair's ratio, in the order run. */
  readonly verhoudingen: readonly number[];
  /** The first round of (a) and of (b), ms (for information: before the engine has optimised). */
  readonly eersteVulling: number;
  readonly eersteHerbevulling: number;
  /** (b) with a sheet of the user's own of `GROOT_EIGEN_BLAD` cells, ms (for information). */
  readonly herbevullingGrootEigenBlad: number;
  /** The whole `opgave vul` command, first fill and refill (for information; undefined without dist-cli). */
  readonly opdracht?: OpdrachtMeting;
}

/** `opgave vul` timed as a user waits for it: the command's process from start to exit, ms (medians). */
export interface OpdrachtMeting {
  readonly vulling: number;
  readonly herbevulling: number;
  /** The median of the pairs' ratios. */
  readonly verhouding: number;
}

/** Untimed rounds of each side before the timed ones: the steady state (see the module comment). */
const OPWARMEN = 20;

/** Pairs of processes, one after the other (see the module comment). */
const PAREN = 11;

/** Rows × columns of the large sheet of the user's own. */
const GROOT_EIGEN_BLAD = { rijen: 3000, kolommen: 10 } as const;

const INVOER = ["Gehuisvest", "Beginsaldo", "Bestaande plaatsen"] as const;

type Zijde = "vulling" | "herbevulling";

/**
 * The code a side's process times. `gebouwd` (the default): the build, dist-cli — tsc's output, which `opgave vul`
 * runs (webpack's ts-loader makes the same of the add-in's code). `bron`: the sources through tsx, as the tests run
 * them (`--bron`, for comparison). tsx has esbuild keep every function's name (`keepNames`): each function object
 * made at run time goes through a helper that sets its name (`__name`, Object.defineProperty), which no user's
 * code does, and which weighs more on a refill, whose checks and evaluation of the user's inputs make more closures
 * (measured: 0.42 ms a round against 0.14 for a first fill, in CPU profiles of rounds 20–60).
 */
type Code = "gebouwd" | "bron";

/** What a side's process uses of Opgave's code, from the build or from the sources (`Code`). */
interface Modules {
  readonly Engine: typeof EngineModule.Engine;
  readonly standaardDataset: typeof EmbeddedModule.standaardDataset;
  readonly planProvincie: typeof BouwPlanModule.planProvincie;
  readonly BLADEN: typeof IndelingModule.BLADEN;
  readonly PROVINCIE_PLEKKEN: typeof IndelingModule.PROVINCIE_PLEKKEN;
  readonly schrijfXlsx: typeof XlsxWriterModule.schrijfXlsx;
}

/**
 * Opgave's modules from the build (dist-cli) or the sources of this tree; never both in one process. Loaded as
 * CommonJS, as the build is (`require`: Node's `import()` resolves no folder's index).
 */
function laadModules(code: Code): Modules {
  const map = path.resolve(__dirname, "..", code === "gebouwd" ? "dist-cli" : "src");
  const laad = <T>(deel: string): T => createRequire(__filename)(path.join(map, deel)) as T;
  const engine = laad<typeof EngineModule>("domain/engine");
  const embedded = laad<typeof EmbeddedModule>("data/embedded");
  const bouwPlan = laad<typeof BouwPlanModule>("workbook/bouwPlan");
  const indeling = laad<typeof IndelingModule>("workbook/indeling");
  const xlsxWriter = laad<typeof XlsxWriterModule>("workbook/xlsxWriter");
  return {
    Engine: engine.Engine,
    standaardDataset: embedded.standaardDataset,
    planProvincie: bouwPlan.planProvincie,
    BLADEN: indeling.BLADEN,
    PROVINCIE_PLEKKEN: indeling.PROVINCIE_PLEKKEN,
    schrijfXlsx: xlsxWriter.schrijfXlsx,
  };
}

/** The trees whose dist-cli this run built (`bouwCli`). */
const gebouwd = new Set<string>();

/**
 * Builds dist-cli of the tree `script` belongs to (tsc, as `npm ci` does), once per run: the sides time the code
 * as it is now, not a build left from before.
 */
function bouwCli(script: string): void {
  const wortel = path.resolve(path.dirname(script), "..");
  if (gebouwd.has(wortel)) return;
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", path.join(wortel, "tsconfig.cli.json")],
    { stdio: "inherit" },
  );
  gebouwd.add(wortel);
}

/** What a side's process is asked, one per line: a round of its side, or (b) with the large sheet of the user's. */
type Opdracht = "ronde" | "groot";

/**
 * The first-filled province workbook with every input column of the table filled in, and a sheet of the user's own
 * (`groot`: also one of `GROOT_EIGEN_BLAD` cells).
 */
async function ingevuld(
  m: Modules,
  leeg: Uint8Array,
  groot = false,
): Promise<{ data: Uint8Array; rijen: number }> {
  const { BLADEN, PROVINCIE_PLEKKEN } = m;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(leeg as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(BLADEN.provincie);
  if (!ws) throw new Error(`blad ${BLADEN.provincie} ontbreekt`);
  const kop = PROVINCIE_PLEKKEN.tabel.rij;
  const kolommen = new Map<string, number>();
  ws.getRow(kop).eachCell((c, k) => kolommen.set(String(c.value), k));
  let rijen = 0;
  for (let r = kop + 1; typeof ws.getCell(r, 1).value === "string"; r++, rijen++) {
    for (const [i, naam] of INVOER.entries()) {
      const k = kolommen.get(naam);
      if (k === undefined) throw new Error(`kolom ${naam} ontbreekt`);
      ws.getCell(r, k).value = 5 + ((r * 7 + i * 13) % 90);
    }
  }
  const eigen = wb.addWorksheet("Eigen berekening");
  for (let r = 1; r <= 60; r++) {
    eigen.getCell(r, 1).value = `regel ${r}`;
    eigen.getCell(r, 2).value = {
      formula: `Provincie!A${kop + r}&"!"`,
      result: "",
    } as ExcelJS.CellFormulaValue;
  }
  if (groot) {
    const begroting = wb.addWorksheet("Begroting");
    for (let r = 1; r <= GROOT_EIGEN_BLAD.rijen; r++)
      for (let k = 1; k <= GROOT_EIGEN_BLAD.kolommen; k++)
        begroting.getCell(r, k).value = k === 1 ? `post ${r}` : r * k;
  }
  return { data: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), rijen };
}

/** The test file and the plans, as each side's process makes them (the same in both). */
async function opzet(m: Modules): Promise<{
  plan: WerkboekPlan;
  later: WerkboekPlan;
  bestaand: Uint8Array;
  rijen: number;
}> {
  const { Engine, standaardDataset, planProvincie, schrijfXlsx } = m;
  const engine = new Engine(standaardDataset());
  const bron = (gemaakt: string): BronInfo => ({
    datasetId: engine.dataset.id,
    versie: engine.dataset.versie,
    datum: engine.dataset.datum,
    addinVersie: "bench",
    gemaakt,
  });
  const plan = planProvincie(engine, "Gelderland", "2024-I", bron("2026-12-01T10:00:00Z"));
  const { data: bestaand, rijen } = await ingevuld(m, (await schrijfXlsx(plan)).data);
  // The refill is of a later moment: the same figures, a new timestamp (as every real refill).
  const later = planProvincie(engine, "Gelderland", "2024-I", bron("2026-12-02T10:00:00Z"));
  return { plan, later, bestaand, rijen };
}

/**
 * A side's process: makes the test file, prints `{gemeenten, kilobytes}`, then for each line on stdin runs what it
 * asks and prints its time in ms.
 */
async function zijdeProces(zijde: Zijde, code: Code): Promise<void> {
  const m = laadModules(code);
  const { schrijfXlsx } = m;
  const { plan, later, bestaand, rijen } = await opzet(m);
  let groot: Uint8Array | undefined;
  let controle = 0;
  const doe = async (opdracht: Opdracht): Promise<number> => {
    if (opdracht === "groot") groot ??= (await ingevuld(m, (await schrijfXlsx(plan)).data, true)).data;
    // A file as read from disk: new bytes each round (the zip module remembers what it inflated per bytes object).
    const vanSchijf = opdracht === "groot" ? groot?.slice() : bestaand.slice();
    const t = performance.now();
    if (zijde === "vulling") controle += (await schrijfXlsx(later)).data.byteLength;
    else controle += (await schrijfXlsx(later, vanSchijf)).rapport.invoerBehouden;
    return performance.now() - t;
  };
  console.log(JSON.stringify({ gemeenten: rijen, kilobytes: bestaand.byteLength / 1024 }));
  for await (const regel of createInterface({ input: process.stdin })) {
    console.log((await doe(regel.trim() === "groot" ? "groot" : "ronde")).toFixed(3));
  }
  if (controle === 0) throw new Error("de bench heeft niets geschreven");
}

/** A side's process, driven one line at a time. */
class Meetproces {
  private readonly kind: ChildProcessWithoutNullStreams;
  private readonly regels: AsyncIterator<string>;

  /** `script`: this file, or the same file of another tree (bench/herbevullingAB.ts). */
  constructor(zijde: Zijde, script: string, code: Code) {
    this.kind = spawn(process.execPath, [...process.execArgv, script, "--zijde", zijde, "--code", code]);
    this.kind.stderr.pipe(process.stderr);
    this.regels = createInterface({ input: this.kind.stdout })[Symbol.asyncIterator]();
  }

  async regel(): Promise<string> {
    const r = await this.regels.next();
    if (r.done) throw new Error("het meetproces stopte onverwacht");
    return r.value as string;
  }

  async vraag(opdracht: Opdracht): Promise<number> {
    this.kind.stdin.write(`${opdracht}\n`);
    return Number(await this.regel());
  }

  stop(): void {
    this.kind.stdin.end();
  }
}

/**
 * One pair of processes (of this tree's code, or with `script` another tree's): their medians over `rondes` warm
 * rounds, and the first round of each.
 */
export async function meetPaar(
  rondes: number,
  grootRondes: number,
  script = __filename,
  code: Code = "gebouwd",
): Promise<{
  opgezet: { gemeenten: number; kilobytes: number };
  vulling: number;
  herbevulling: number;
  eerste: readonly number[];
  groot: readonly number[];
}> {
  if (code === "gebouwd") bouwCli(script);
  const vul = new Meetproces("vulling", script, code);
  const her = new Meetproces("herbevulling", script, code);
  try {
    const opgezet = JSON.parse(await her.regel()) as { gemeenten: number; kilobytes: number };
    await vul.regel();
    const vulling: number[] = [];
    const herbevulling: number[] = [];
    const eerste: number[] = [];
    for (let r = 0; r < OPWARMEN + rondes; r++) {
      const a = await vul.vraag("ronde");
      const b = await her.vraag("ronde");
      if (r === 0) eerste.push(a, b);
      if (r < OPWARMEN) continue;
      vulling.push(a);
      herbevulling.push(b);
    }
    const groot: number[] = [];
    for (let r = 0; r < grootRondes; r++) groot.push(await her.vraag("groot"));
    return { opgezet, vulling: mediaan(vulling), herbevulling: mediaan(herbevulling), eerste, groot };
  } finally {
    vul.stop();
    her.stop();
  }
}

/** Pairs of `opgave vul` runs (first fill, refill) for `meetOpdracht`. */
const OPDRACHT_PAREN = 7;

/**
 * (For information.) `opgave vul --provincie Gelderland` as a user runs it, a first fill of a new file and a refill
 * of the filled-in one, turn about: the built command (bin/opgave.js on dist-cli, which `npm ci` builds) in a
 * process of its own each time, timed from start to exit, so with Node's start, loading the modules and the data.
 * Undefined when dist-cli is not built.
 */
async function meetOpdracht(): Promise<OpdrachtMeting | undefined> {
  const wortel = path.resolve(__dirname, "..");
  if (!fs.existsSync(path.join(wortel, "dist-cli", "cli", "main.js"))) return undefined;
  const map = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-bench-opdracht-"));
  try {
    const { bestaand } = await opzet(laadModules("bron"));
    const [nieuw, ingevuldPad] = [path.join(map, "nieuw.xlsx"), path.join(map, "ingevuld.xlsx")];
    const vul = (uit: string): number => {
      const t = performance.now();
      const r = spawnSync(
        process.execPath,
        [
          path.join(wortel, "bin", "opgave.js"),
          "vul",
          "--provincie",
          "Gelderland",
          "--periode",
          "2024-I",
          "--uit",
          uit,
        ],
        { encoding: "utf8" },
      );
      const ms = performance.now() - t;
      if (r.status !== 0) throw new Error(`opgave vul faalde: ${r.stderr}`);
      return ms;
    };
    const paren: [number, number][] = [];
    for (let i = 0; i < OPDRACHT_PAREN; i++) {
      fs.rmSync(nieuw, { force: true });
      fs.writeFileSync(ingevuldPad, bestaand);
      paren.push([vul(nieuw), vul(ingevuldPad)]);
    }
    return {
      vulling: mediaan(paren.map(([a]) => a)),
      herbevulling: mediaan(paren.map(([, b]) => b)),
      verhouding: mediaan(paren.map(([a, b]) => b / a)),
    };
  } finally {
    fs.rmSync(map, { recursive: true, force: true });
  }
}

/** Times (a) and (b) in `PAREN` pairs of processes of their own, taking turns; prints the figures and returns them. */
export async function benchHerbevulling(
  opties: { rondes?: number; paren?: number; code?: Code; log?: (t: string) => void } = {},
): Promise<HerbevullingBench> {
  const rondes = opties.rondes ?? 20;
  const aantal = opties.paren ?? PAREN;
  const code = opties.code ?? "gebouwd";
  const log = opties.log ?? ((t: string) => console.log(t));
  const paren = [];
  // The large sheet of the user's own: three rounds, in the last pair.
  for (let p = 0; p < aantal; p++)
    paren.push(await meetPaar(rondes, p === aantal - 1 ? 3 : 0, __filename, code));
  const [eerstePaar, laatste] = [paren[0], paren[paren.length - 1]];
  if (!eerstePaar || !laatste) throw new Error("geen meetparen");
  const verhoudingen = paren.map((p) => p.herbevulling / p.vulling);
  const opdracht = await meetOpdracht();
  const uitkomst: HerbevullingBench = {
    ...eerstePaar.opgezet,
    vulling: mediaan(paren.map((p) => p.vulling)),
    herbevulling: mediaan(paren.map((p) => p.herbevulling)),
    verhouding: mediaan(verhoudingen),
    verhoudingen,
    eersteVulling: eerstePaar.eerste[0] ?? Number.NaN,
    eersteHerbevulling: eerstePaar.eerste[1] ?? Number.NaN,
    herbevullingGrootEigenBlad: mediaan(laatste.groot),
    ...(opdracht ? { opdracht } : {}),
  };
  log(
    `Herbevulling: provinciewerkboek Gelderland (${uitkomst.gemeenten} gemeenten, ${uitkomst.kilobytes.toFixed(0)} KiB, ` +
      `invoer in ${INVOER.length} kolommen en een eigen blad), elk in een eigen proces, om beurten; ` +
      `${aantal} procesparen, elk de mediaan van ${rondes} rondes na ${OPWARMEN} rondes opwarmen; ` +
      (code === "gebouwd" ? "de gebouwde code (dist-cli, zoals opgave vul)" : "de bronnen via tsx (--bron)"),
  );
  log(`  eerste vulling                  ${uitkomst.vulling.toFixed(0)} ms`);
  log(`  herbevulling van het ingevulde  ${uitkomst.herbevulling.toFixed(0)} ms`);
  log(`  verhouding per procespaar: ${verhoudingen.map((v) => v.toFixed(2)).join(", ")}`);
  log(
    `  eerste ronde (koud, ter informatie): vulling ${uitkomst.eersteVulling.toFixed(0)} ms, ` +
      `herbevulling ${uitkomst.eersteHerbevulling.toFixed(0)} ms`,
  );
  const cellen = (GROOT_EIGEN_BLAD.rijen * GROOT_EIGEN_BLAD.kolommen).toLocaleString("nl-NL");
  log(
    `  idem, met een eigen blad van ${cellen} cellen  ${uitkomst.herbevullingGrootEigenBlad.toFixed(0)} ms ` +
      `(mediaan van 3, ter informatie)`,
  );
  log(
    opdracht
      ? `  opgave vul als opdracht, van start tot einde (${OPDRACHT_PAREN} paren, ter informatie): vulling ` +
          `${opdracht.vulling.toFixed(0)} ms, herbevulling ${opdracht.herbevulling.toFixed(0)} ms, verhouding ` +
          `${opdracht.verhouding.toFixed(2)}`
      : "  opgave vul als opdracht: overgeslagen (dist-cli ontbreekt; npm ci bouwt het)",
  );
  return uitkomst;
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      zijde: { type: "string" },
      code: { type: "string" },
      bron: { type: "boolean" },
      json: { type: "boolean" },
    },
    strict: false,
  });
  const zijde = values.zijde;
  const meldFout = (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  };
  if (zijde === "vulling" || zijde === "herbevulling") {
    zijdeProces(zijde, values.code === "bron" ? "bron" : "gebouwd").catch(meldFout);
  } else {
    benchHerbevulling({ code: values.bron === true ? "bron" : "gebouwd" }).then(
      (m) =>
        // `--json` (bench/bench.ts): the measurement as the last line.
        console.log(
          values.json === true
            ? JSON.stringify(m)
            : `  verhouding herbevulling / vulling: ${m.verhouding.toFixed(2)}×`,
        ),
      meldFout,
    );
  }
}
