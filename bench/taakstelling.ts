/**
 * TAAKSTELLING over every gemeente × every period of the dataset, through the custom-function wrapper (as Excel
 * calls it), in one process:
 *   - the first round with a fresh engine, before any of this code has run (as when a workbook opens: the
 *     engine's memory is empty and the JavaScript engine has not optimised anything yet), errors included;
 *   - warm rounds over the same calls, over the calls with a number only, over the calls with an error only (timed
 *     after `OPWARMEN` untimed rounds of each: warm is the steady state);
 *   - a raw Map.get over the same keys (the floor), and a bare throw/catch (the floor of an error answer);
 *   - a first round with another fresh engine once the code is warm (as after a switch to other data, when the
 *     pane has every OPGAVE cell recomputed).
 * The first round can only be measured once per process: bench/bench.ts runs this file in several fresh
 * processes and takes the median. Standalone: `npx tsx bench/taakstelling.ts` prints one measurement as JSON.
 */
import fs from "fs";
import path from "path";
import type { Dataset } from "../src/data/schema";
import { gebruikDataset } from "../src/data/store";
import { taakstelling } from "../src/functions/functions";
import { meet } from "./meten";

const DATASET = path.resolve(__dirname, "../src/data/embedded/dataset.json");

export interface TaakstellingMeting {
  readonly gemeenten: number;
  readonly perioden: number;
  readonly aanroepen: number;
  readonly metAntwoord: number;
  readonly fouten: number;
  /** Milliseconds: the first round; medians of 15 rounds for the rest. */
  readonly koud: number;
  readonly warm: number;
  readonly warmAntwoord: number;
  readonly warmFout: number;
  readonly mapGet: number;
  /** The first round with another fresh engine in the same process (as after a dataset switch: code warm). */
  readonly koudNaWissel: number;
  /** Milliseconds per 1000 bare throw/catch of one existing error (the floor of an error answer). */
  readonly kaleThrow: number;
}

function gooi(e: Error): never {
  throw e;
}

let som = 0;

/** Untimed rounds over each list before the warm rounds are timed. */
const OPWARMEN = 30;

export function meetTaakstelling(ds: Dataset): TaakstellingMeting {
  const perioden = ds.landelijkeTaakstelling.map((l) => l.periode);
  const sleutels: Array<[string, string]> = [];
  for (const g of ds.gemeenten) for (const p of perioden) sleutels.push([g.code, p]);
  // The first round keeps its answers by position (NaN for an error): nothing else is timed with it.
  const eerste = new Float64Array(sleutels.length);
  const koud = meet(1, () => {
    gebruikDataset(ds); // a fresh engine: empty memory, index built now
    for (let i = 0; i < sleutels.length; i++) {
      const [g, p] = sleutels[i]!;
      try {
        eerste[i] = taakstelling(g, p);
      } catch {
        eerste[i] = NaN;
      }
    }
  });
  const antwoorden = new Map<string, number>();
  sleutels.forEach(([g, p], i) => {
    if (!Number.isNaN(eerste[i])) antwoorden.set(`${g}|${p}`, eerste[i]!);
  });
  const geldig = sleutels.filter(([g, p]) => antwoorden.has(`${g}|${p}`));
  const fout = sleutels.filter(([g, p]) => !antwoorden.has(`${g}|${p}`));
  const ronde = (lijst: Array<[string, string]>) => () => {
    for (const [g, p] of lijst) {
      try {
        som += taakstelling(g, p);
      } catch {
        som++;
      }
    }
  };
  const rondeMap = () => {
    for (const [g, p] of geldig) som += antwoorden.get(`${g}|${p}`) ?? 0;
  };
  // Warm means warm (as for OPVANG): the JavaScript engine has optimised every loop before it is timed. Right
  // after the first round it is still optimising and deoptimising, and the same round then takes up to 2.5× as long.
  for (let i = 0; i < OPWARMEN; i++) {
    ronde(sleutels)();
    ronde(geldig)();
    ronde(fout)();
    rondeMap();
  }
  const warm = meet(15, ronde(sleutels));
  const warmAntwoord = meet(15, ronde(geldig));
  const warmFout = meet(15, ronde(fout));
  const mapGet = meet(15, rondeMap);
  const koudNaWissel = meet(1, () => {
    gebruikDataset({ ...ds }); // another dataset object: a fresh engine, nothing shared with the first
    ronde(sleutels)();
  });
  gebruikDataset(ds);
  const fout1 = new Error("x");
  const kaleThrow = meet(15, () => {
    for (let i = 0; i < 1000; i++) {
      try {
        gooi(fout1);
      } catch {
        som++;
      }
    }
  });
  return {
    gemeenten: ds.gemeenten.length,
    perioden: perioden.length,
    aanroepen: sleutels.length,
    metAntwoord: geldig.length,
    fouten: fout.length,
    koud,
    warm,
    warmAntwoord,
    warmFout,
    mapGet,
    koudNaWissel,
    kaleThrow,
  };
}

if (require.main === module) {
  const meting = meetTaakstelling(JSON.parse(fs.readFileSync(DATASET, "utf8")) as Dataset);
  process.stdout.write(`${JSON.stringify({ ...meting, controle: som })}\n`);
}
