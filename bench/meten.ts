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
