/**
 * Does a change move `herbevulling_vs_vulling`? Compares two trees of this repository (A, e.g. a `git worktree` of
 * main, and B, e.g. this one) on the refill bench (./herbevulling.ts), with their pairs of processes taking turns:
 * A, B, B, A, A, B, … so both see the same drift of the machine. One run of `npm run bench` moves by about ±0.06 and
 * the machine's speed drifts between runs more than that, so two runs one after the other cannot show a change of
 * 0.05; 30 interleaved pairs each can (the standard error of the mean difference is about 0.035).
 *
 *   git worktree add ../opgave-main main && ln -s "$PWD/node_modules" ../opgave-main/
 *   npx tsx bench/herbevullingAB.ts ../opgave-main . [pairs, default 30] [--bron]
 *
 * Each tree's dist-cli is built first and timed, as `npm run bench` does; `--bron`: the sources through tsx in both
 * (a tree from before 5 December 2026 times its sources whatever it is told: compare it with `--bron`).
 *
 * Prints the median ratio of each tree and the median and mean of the paired differences (B − A). About 7 minutes
 * for 30 pairs each. Not part of `npm run bench`: it measures a change, not the product.
 */
import path from "path";
import { parseArgs } from "util";
import { mediaan } from "./meten";
import { meetPaar } from "./herbevulling";

/** Each pair: the median of this many warm rounds (as `npm run bench`). */
const RONDES = 20;

async function verhouding(boom: string, bron: boolean): Promise<number> {
  const script = path.resolve(boom, "bench", "herbevulling.ts");
  const p = await meetPaar(RONDES, 0, script, bron ? "bron" : "gebouwd");
  return p.herbevulling / p.vulling;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { bron: { type: "boolean" } },
    allowPositionals: true,
  });
  const [a, b, aantal] = positionals;
  if (!a || !b) throw new Error("gebruik: npx tsx bench/herbevullingAB.ts BOOM_A BOOM_B [paren] [--bron]");
  const paren = Number(aantal ?? 30);
  const [va, vb]: [number[], number[]] = [[], []];
  for (let p = 0; p < paren; p++) {
    // A B, then B A: neither tree always runs first.
    const [eerst, dan] =
      p % 2 === 0
        ? ([
            [a, va],
            [b, vb],
          ] as const)
        : ([
            [b, vb],
            [a, va],
          ] as const);
    for (const [boom, uit] of [eerst, dan]) uit.push(await verhouding(boom, values.bron === true));
  }
  const verschil = va.map((x, i) => (vb[i] ?? Number.NaN) - x);
  const gemiddeld = verschil.reduce((s, d) => s + d, 0) / verschil.length;
  console.log(`A ${mediaan(va).toFixed(3)}  B ${mediaan(vb).toFixed(3)}  (${paren} procesparen elk)`);
  console.log(`B − A: mediaan ${mediaan(verschil).toFixed(3)}, gemiddeld ${gemiddeld.toFixed(3)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
