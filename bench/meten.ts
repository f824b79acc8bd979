/** Timing helpers shared by the benchmark scripts: the median of repeated runs. */
import { performance } from "perf_hooks";

export function mediaan(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Median time in ms of `herhalingen` runs of `f`. */
export function meet(herhalingen: number, f: () => void): number {
  const tijden: number[] = [];
  for (let i = 0; i < herhalingen; i++) {
    const t0 = performance.now();
    f();
    tijden.push(performance.now() - t0);
  }
  return mediaan(tijden);
}

/**
 * Two loops timed turn about (a b, b a, a b, …), `monsters` samples of `herhalingen` runs each: the median of each
 * side and the median of the samples' ratios a / b. Both sides see the same state of the machine, sample by sample;
 * timed one after the other, a loop of well under a millisecond was at the mercy of whatever the machine did during
 * its own batch (a ratio of 0.8 in one run, 6.6 in the next, for the same code).
 */
export function meetAfwisselend(
  monsters: number,
  herhalingen: number,
  a: () => void,
  b: () => void,
): { a: number; b: number; verhouding: number } {
  const tijd = (f: () => void): number => {
    const t0 = performance.now();
    for (let i = 0; i < herhalingen; i++) f();
    return (performance.now() - t0) / herhalingen;
  };
  const ta: number[] = [];
  const tb: number[] = [];
  const verhoudingen: number[] = [];
  for (let i = 0; i < monsters; i++) {
    let [x, y] = [0, 0];
    if (i % 2 === 0) [x, y] = [tijd(a), tijd(b)];
    else [y, x] = [tijd(b), tijd(a)];
    ta.push(x);
    tb.push(y);
    verhoudingen.push(x / y);
  }
  return { a: mediaan(ta), b: mediaan(tb), verhouding: mediaan(verhoudingen) };
}
