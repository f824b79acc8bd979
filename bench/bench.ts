/**
 * `npm run bench`: how fast the engine answers, measured against a raw Map.get over the same keys in the same
 * run (so the ratio means something on any machine). Not part of the tests: no timing assertions anywhere.
 */
import fs from "fs";
import path from "path";
import { performance } from "perf_hooks";
import { Engine } from "../src/domain/engine";
import { DatasetSchema, type Dataset } from "../src/data/schema";
import { kleinschalig, opvang, taakstelling } from "../src/functions/functions";
import { benchConsolideren } from "./consolideren";

const DATASET = path.resolve(__dirname, "../src/data/embedded/dataset.json");

function mediaan(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function meet(herhalingen: number, f: () => void): number {
  const tijden: number[] = [];
  for (let i = 0; i < herhalingen; i++) {
    const t0 = performance.now();
    f();
    tijden.push(performance.now() - t0);
  }
  return mediaan(tijden);
}

const ms = (x: number) => `${x.toFixed(2)} ms`;
const perSec = (n: number, tijdMs: number) => `${Math.round((n / tijdMs) * 1000).toLocaleString("nl-NL")}/s`;

// 1. Load + index.
const tekst = fs.readFileSync(DATASET, "utf8");
const parse = meet(20, () => JSON.parse(tekst));
const valideer = meet(10, () => DatasetSchema.parse(JSON.parse(tekst)));
const ds = JSON.parse(tekst) as Dataset;
const index = meet(20, () => new Engine(ds));
console.log(
  `Dataset ${ds.id} ${ds.versie}: ${(tekst.length / 1024).toFixed(0)} KiB, ${ds.gemeenten.length} gemeenten`,
);
console.log(`  JSON.parse            ${ms(parse)}`);
console.log(`  parse + zod-validatie ${ms(valideer)}   (alleen bij data van buiten: feed, cache)`);
console.log(`  index opbouwen        ${ms(index)}`);

// 2. TAAKSTELLING over all gemeenten × all periods, through the custom-function wrapper (as Excel calls it).
const perioden = ds.landelijkeTaakstelling.map((l) => l.periode);
const sleutels: Array<[string, string]> = [];
for (const g of ds.gemeenten) for (const p of perioden) sleutels.push([g.code, p]);
const antwoorden = new Map<string, number>();
let fouten = 0;
function allemaal(): void {
  for (const [g, p] of sleutels) {
    try {
      antwoorden.set(`${g}|${p}`, taakstelling(g, p));
    } catch {
      fouten++;
    }
  }
}
const koud = meet(1, allemaal);
const geldig = sleutels.filter(([g, p]) => antwoorden.has(`${g}|${p}`));
const foutenPerRonde = sleutels.length - geldig.length;
const warm = meet(15, allemaal);
const warmGeldig = meet(15, () => {
  for (const [g, p] of geldig) taakstelling(g, p);
});
let som = 0;
const raw = meet(15, () => {
  for (const [g, p] of geldig) som += antwoorden.get(`${g}|${p}`) ?? 0;
});
console.log(
  `\nTAAKSTELLING: ${sleutels.length} aanroepen (${ds.gemeenten.length} gemeenten × ${perioden.length} perioden; ` +
    `${geldig.length} met antwoord, ${foutenPerRonde} #N/A/#VALUE!)`,
);
console.log(`  eerste ronde (rekenen)       ${ms(koud)}  ${perSec(sleutels.length, koud)}`);
console.log(`  daarna, alle aanroepen       ${ms(warm)}  ${perSec(sleutels.length, warm)}`);
console.log(`  daarna, alleen met antwoord  ${ms(warmGeldig)}  ${perSec(geldig.length, warmGeldig)}`);
console.log(`  ruwe Map.get, zelfde sleutels ${ms(raw)}  ${perSec(geldig.length, raw)}`);
console.log(`  verhouding TAAKSTELLING / Map.get: ${(warmGeldig / raw).toFixed(1)}×`);

// 3. OPVANG for every current gemeente (total and amv, default decision), through the wrapper, vs Map.get.
const huidige = ds.gemeenten.filter((g) => g.tot === null).map((g) => g.code);
const opvangSleutels = huidige.flatMap((c) => [[c, "totaal"] as const, [c, "amv"] as const]);
const opvangAntwoorden = new Map<string, number>();
const opvangKoud = meet(1, () => {
  for (const [c, s] of opvangSleutels) {
    try {
      opvangAntwoorden.set(`${c}|${s}`, opvang(c, s, null));
    } catch {
      fouten++;
    }
  }
});
const opvangWarm = meet(15, () => {
  for (const [c, s] of opvangSleutels) if (opvangAntwoorden.has(`${c}|${s}`)) opvang(c, s, null);
});
const opvangRaw = meet(15, () => {
  for (const [c, s] of opvangSleutels) som += opvangAntwoorden.get(`${c}|${s}`) ?? 0;
});
console.log(
  `\nOPVANG: ${opvangSleutels.length} aanroepen (${huidige.length} gemeenten × totaal/amv, standaardbesluit)`,
);
console.log(`  eerste ronde (schattingen opbouwen) ${ms(opvangKoud)}`);
console.log(
  `  daarna                        ${ms(opvangWarm)}  ${perSec(opvangSleutels.length, opvangWarm)}`,
);
console.log(`  ruwe Map.get, zelfde sleutels ${ms(opvangRaw)}  ${perSec(opvangSleutels.length, opvangRaw)}`);
console.log(`  verhouding OPVANG / Map.get: ${(opvangWarm / opvangRaw).toFixed(1)}×`);

// 4. KLEINSCHALIG: a large request (many candidate location counts).
const klein = meet(15, () => kleinschalig(20_000, 50, 400, null, null, null));
console.log(`\nKLEINSCHALIG(20000; 50; 400): ${ms(klein)} per aanroep`);
if (som === 0 || fouten === 0) console.log("(controle)", som, fouten);

// 5. Consolidating 50 municipal workbooks vs the raw parse of the same files (async).
void benchConsolideren();
