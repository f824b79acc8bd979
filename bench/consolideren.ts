/**
 * Benchmark of the provincial consolidation: 50 municipal workbooks (gemeenten of Gelderland, written by the same
 * plan and writer as `opgave vul`, inputs filled in with exceljs), then per round
 *   (a) the raw parse of all 50 with exceljs `wb.xlsx.load` (the floor: the same library, the same files), and
 *   (b) the whole consolidation: `leesAanlevering` × 50 + `consolideer` + `planConsolidatie` + `schrijfXlsx`,
 * in the same run, median over the rounds; the ratio (b)/(a) is what means something on any machine.
 * Run by bench/bench.ts in a process of its own (`--json`: the measurement as the last line); standalone:
 * `npx tsx bench/consolideren.ts`.
 * No timing assertions anywhere.
 */
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import path from "path";
import { performance } from "perf_hooks";
import { Engine } from "../src/domain/engine";
import { consolideer } from "../src/domain/consolideren";
import { dagUitCode } from "../src/domain/periode";
import { standaardDataset } from "../src/data/embedded";
import { planGemeente, type BronInfo } from "../src/workbook/bouwPlan";
import { planConsolidatie } from "../src/workbook/consolidatiePlan";
import { leesAanlevering, type Aanlevering } from "../src/workbook/lezen";
import { schrijfXlsx } from "../src/workbook/xlsxWriter";
import { mediaan } from "./meten";

export interface ConsolidatieBench {
  readonly werkboeken: number;
  readonly megabytes: number;
  readonly maken: number;
  readonly ruweParse: number;
  readonly consolidatie: number;
  readonly delen: { readonly lezen: number; readonly consolideren: number; readonly schrijven: number };
  readonly verhouding: number;
}

const ms = (x: number) => `${x.toFixed(0)} ms`;

/** Generates the workbooks, times (a) and (b) over `rondes` rounds, prints the figures and returns them. */
export async function benchConsolideren(
  opties: { aantal?: number; rondes?: number; log?: (t: string) => void } = {},
): Promise<ConsolidatieBench> {
  const aantal = opties.aantal ?? 50;
  const rondes = opties.rondes ?? 5;
  const log = opties.log ?? ((t: string) => console.log(t));
  const engine = new Engine(standaardDataset());
  const bron: BronInfo = {
    datasetId: engine.dataset.id,
    versie: engine.dataset.versie,
    datum: engine.dataset.datum,
    addinVersie: (
      JSON.parse(readFileSync(path.resolve(__dirname, "../package.json"), "utf8")) as { version: string }
    ).version,
    gemaakt: "2026-12-01T10:00:00Z",
  };
  const peildag = dagUitCode(engine.dataset.datum);
  const provincie = (code: string) =>
    engine.register
      .gemeentenOp(peildag)
      .filter((g) => g.provincie === code)
      .sort((a, b) => a.naam.localeCompare(b.naam, "nl"));
  const gemeenten = [...provincie("PV25"), ...provincie("PV30")].slice(0, aantal);

  // 1. The municipal workbooks, as a gemeente would deliver them (not timed as part of the consolidation).
  const t0 = performance.now();
  const bestanden: { naam: string; data: Uint8Array }[] = [];
  for (const [i, g] of gemeenten.entries()) {
    const leeg = (await schrijfXlsx(planGemeente(engine, g.code, bron))).data;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(leeg as unknown as ArrayBuffer);
    const t = wb.getWorksheet("Taakstelling");
    if (t) {
      t.getCell("B4").value = "2022-I";
      t.getCell("B5").value = (i % 21) - 10;
      for (let r = 19; r <= 23; r++) t.getCell(`G${r}`).value = 10 + ((i * 13 + r) % 60);
    }
    const opvang = wb.getWorksheet("Opvang");
    if (opvang) opvang.getCell("B11").value = 25 + i * 3;
    const kosten = wb.getWorksheet("Kosten");
    if (kosten && i % 2 === 0) kosten.getCell("B6").value = 1 + (i % 4);
    bestanden.push({
      naam: `${g.code}.xlsx`,
      data: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer),
    });
  }
  const maken = performance.now() - t0;
  const bytes = bestanden.reduce((s, b) => s + b.data.byteLength, 0);

  // 2. Rounds: raw parse vs the whole consolidation, interleaved so both see the same machine state.
  const ruw: number[] = [];
  const totaal: number[] = [];
  const lezen: number[] = [];
  const consolideren: number[] = [];
  const schrijven: number[] = [];
  let controle = 0;
  // One round more than counted: the first warms up exceljs and the JavaScript engine for both (as bench/herbevulling).
  for (let r = 0; r <= rondes; r++) {
    let a = performance.now();
    for (const b of bestanden) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(b.data as unknown as ArrayBuffer);
      controle += wb.worksheets.length;
    }
    ruw.push(performance.now() - a);

    a = performance.now();
    const aanleveringen: Aanlevering[] = [];
    for (const b of bestanden) aanleveringen.push(await leesAanlevering(b.naam, b.data));
    const na1 = performance.now();
    const c = consolideer(engine, aanleveringen);
    const plan = planConsolidatie(c, bron);
    const na2 = performance.now();
    const { data } = await schrijfXlsx(plan);
    const eind = performance.now();
    controle += data.byteLength + c.controles.length;
    if (r === 0) {
      log(
        `Consolidatie: ${bestanden.length} gemeentewerkboeken (${(bytes / 1024 / 1024).toFixed(1)} MB), provincie ` +
          `${c.provincie?.naam ?? "?"}: ${c.totaal.aangeleverd} van ${c.totaal.gemeenten} gemeenten, ` +
          `${c.controles.length} ${c.controles.length === 1 ? "bevinding" : "bevindingen"}; werkboeken maken ${ms(maken)} (niet meegeteld)`,
      );
      ruw.pop();
      continue;
    }
    totaal.push(eind - a);
    lezen.push(na1 - a);
    consolideren.push(na2 - na1);
    schrijven.push(eind - na2);
  }
  const uitkomst: ConsolidatieBench = {
    werkboeken: bestanden.length,
    megabytes: bytes / 1024 / 1024,
    maken,
    ruweParse: mediaan(ruw),
    consolidatie: mediaan(totaal),
    delen: { lezen: mediaan(lezen), consolideren: mediaan(consolideren), schrijven: mediaan(schrijven) },
    verhouding: mediaan(totaal) / mediaan(ruw),
  };
  log(
    `  ruwe parse (exceljs xlsx.load) × ${bestanden.length}   ${ms(uitkomst.ruweParse)}  (mediaan van ${rondes})`,
  );
  log(
    `  consolidatie totaal                   ${ms(uitkomst.consolidatie)}  = lezen ${ms(uitkomst.delen.lezen)} + ` +
      `consolideren + plan ${ms(uitkomst.delen.consolideren)} + overzicht schrijven ${ms(uitkomst.delen.schrijven)}`,
  );
  log(`  verhouding consolidatie / ruwe parse: ${uitkomst.verhouding.toFixed(2)}×`);
  if (controle === 0) log("(controle) 0");
  return uitkomst;
}

if (require.main === module) {
  benchConsolideren().then(
    // `--json` (bench/bench.ts): the measurement as the last line.
    (m) => process.argv.includes("--json") && console.log(JSON.stringify(m)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
