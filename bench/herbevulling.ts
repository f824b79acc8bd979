/**
 * Benchmark of a refill: the province workbook of Gelderland (51 gemeenten, written by the same plan and writer
 * as `opgave vul --provincie`), filled in by the coordinator (Gehuisvest, Beginsaldo and Bestaande plaatsen for
 * every gemeente, plus a sheet of their own), then per round, interleaved so both see the same machine state,
 *   (a) a first fill: `schrijfXlsx(plan)` — no existing file;
 *   (b) a refill of the filled-in file: `schrijfXlsx(plan, bestaand)` — read, merge, loss check, write — on new
 *       bytes each round, as read from disk (the zip module remembers what it inflated per bytes object);
 * timed in the steady state, as the TAAKSTELLING bench: after `OPWARMEN` untimed rounds of both (a refill runs much
 * code a fill does not — exceljs's parsers, the graft, the loss checks — and the JavaScript engine takes some 20
 * rounds to optimise it, a fill about 5), the median over the next rounds (15); the ratio (b)/(a) is
 * `herbevulling_vs_vulling`. For information: the first round of each (still compiling: what one `opgave vul` in
 * a fresh process pays), and (b) again with a sheet of 30,000 cells of the coordinator's own (a refill's cost
 * should not grow much with what Opgave does not own).
 * Run by bench/bench.ts in a process of its own (`--json`: the measurement as the last line); standalone:
 * `npx tsx bench/herbevulling.ts`.
 */
import ExcelJS from "exceljs";
import { performance } from "perf_hooks";
import { Engine } from "../src/domain/engine";
import { standaardDataset } from "../src/data/embedded";
import { planProvincie, type BronInfo } from "../src/workbook/bouwPlan";
import { BLADEN, PROVINCIE_PLEKKEN } from "../src/workbook/indeling";
import { schrijfXlsx } from "../src/workbook/xlsxWriter";
import { mediaan } from "./meten";

export interface HerbevullingBench {
  readonly gemeenten: number;
  readonly kilobytes: number;
  readonly vulling: number;
  readonly herbevulling: number;
  readonly verhouding: number;
  /** The first round of (a) and of (b), ms (for information: before the engine has optimised). */
  readonly eersteVulling: number;
  readonly eersteHerbevulling: number;
  /** (b) with a sheet of the user's own of `GROOT_EIGEN_BLAD` cells, ms (for information). */
  readonly herbevullingGrootEigenBlad: number;
}

/** Untimed rounds of (a) and (b) before the timed ones: the steady state (see the module comment). */
const OPWARMEN = 20;

/** Rows × columns of the large sheet of the user's own. */
const GROOT_EIGEN_BLAD = { rijen: 3000, kolommen: 10 } as const;

const INVOER = ["Gehuisvest", "Beginsaldo", "Bestaande plaatsen"] as const;

/**
 * The first-filled province workbook with every input column of the table filled in, and a sheet of the user's own
 * (`groot`: also one of `GROOT_EIGEN_BLAD` cells).
 */
async function ingevuld(leeg: Uint8Array, groot = false): Promise<{ data: Uint8Array; rijen: number }> {
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

/** Times (a) and (b) over `rondes` rounds, prints the figures and returns them. */
export async function benchHerbevulling(
  opties: { rondes?: number; log?: (t: string) => void } = {},
): Promise<HerbevullingBench> {
  // 15 timed rounds: with 5 the median still moved by a third between runs on a busy machine.
  const rondes = opties.rondes ?? 15;
  const log = opties.log ?? ((t: string) => console.log(t));
  const engine = new Engine(standaardDataset());
  const bron = (gemaakt: string): BronInfo => ({
    datasetId: engine.dataset.id,
    versie: engine.dataset.versie,
    datum: engine.dataset.datum,
    addinVersie: "bench",
    gemaakt,
  });
  const plan = planProvincie(engine, "Gelderland", "2024-I", bron("2026-12-01T10:00:00Z"));
  const { data: bestaand, rijen } = await ingevuld((await schrijfXlsx(plan)).data);
  // The refill is of a later moment: the same figures, a new timestamp (as every real refill).
  const later = planProvincie(engine, "Gelderland", "2024-I", bron("2026-12-02T10:00:00Z"));

  const vulling: number[] = [];
  const herbevulling: number[] = [];
  const eerste: number[] = [];
  let controle = 0;
  for (let r = 0; r < OPWARMEN + rondes; r++) {
    let t = performance.now();
    controle += (await schrijfXlsx(later)).data.byteLength;
    const a = performance.now() - t;
    // A file as read from disk: new bytes each round (the zip module remembers what it inflated per bytes object).
    const vanSchijf = bestaand.slice();
    t = performance.now();
    const uit = await schrijfXlsx(later, vanSchijf);
    const b = performance.now() - t;
    controle += uit.rapport.invoerBehouden;
    if (r === 0) eerste.push(a, b);
    if (r < OPWARMEN) continue;
    vulling.push(a);
    herbevulling.push(b);
  }
  const groot = (await ingevuld((await schrijfXlsx(plan)).data, true)).data;
  const grootTijden: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    controle += (await schrijfXlsx(later, groot.slice())).rapport.invoerBehouden;
    grootTijden.push(performance.now() - t);
  }
  const uitkomst: HerbevullingBench = {
    gemeenten: rijen,
    kilobytes: bestaand.byteLength / 1024,
    vulling: mediaan(vulling),
    herbevulling: mediaan(herbevulling),
    verhouding: mediaan(herbevulling) / mediaan(vulling),
    eersteVulling: eerste[0] ?? Number.NaN,
    eersteHerbevulling: eerste[1] ?? Number.NaN,
    herbevullingGrootEigenBlad: mediaan(grootTijden),
  };
  log(
    `Herbevulling: provinciewerkboek Gelderland (${uitkomst.gemeenten} gemeenten, ${uitkomst.kilobytes.toFixed(0)} KiB, ` +
      `invoer in ${INVOER.length} kolommen en een eigen blad), mediaan van ${rondes} na ${OPWARMEN} rondes opwarmen`,
  );
  log(`  eerste vulling                  ${uitkomst.vulling.toFixed(0)} ms`);
  log(`  herbevulling van het ingevulde  ${uitkomst.herbevulling.toFixed(0)} ms`);
  log(
    `  eerste ronde (koud, ter informatie): vulling ${uitkomst.eersteVulling.toFixed(0)} ms, ` +
      `herbevulling ${uitkomst.eersteHerbevulling.toFixed(0)} ms`,
  );
  const cellen = (GROOT_EIGEN_BLAD.rijen * GROOT_EIGEN_BLAD.kolommen).toLocaleString("nl-NL");
  log(
    `  idem, met een eigen blad van ${cellen} cellen  ${uitkomst.herbevullingGrootEigenBlad.toFixed(0)} ms ` +
      `(mediaan van 3, ter informatie)`,
  );
  if (controle === 0) log("(controle)");
  return uitkomst;
}

if (require.main === module) {
  benchHerbevulling().then(
    (m) =>
      // `--json` (bench/bench.ts): the measurement as the last line.
      console.log(
        process.argv.includes("--json")
          ? JSON.stringify(m)
          : `  verhouding herbevulling / vulling: ${m.verhouding.toFixed(2)}×`,
      ),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
