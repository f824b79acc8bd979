/**
 * What the shared runtime loads before any custom function can answer: every script the built taskpane.html
 * includes with <script src>, except office.js (Microsoft's CDN, or the local copies under office-js/ that
 * `npm run build:local` and the browser tests serve). Measured as gzip at level 9, in kB (1000 bytes).
 * Standalone: `npx tsx bench/opstart.ts [MAP]` (default dist/).
 */
import { execFileSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import path from "path";
import { gzipSync } from "zlib";

const ROOT = path.resolve(__dirname, "..");

export interface OpstartMeting {
  /** The folder measured (relative to the repository). */
  readonly map: string;
  /** True when the bench built it because dist/ had no taskpane.html. */
  readonly gebouwd: boolean;
  readonly scripts: readonly { readonly src: string; readonly bytes: number; readonly gzip: number }[];
  /** Sum of the gzip sizes, in kB (1000 bytes). */
  readonly kbGzip: number;
}

/** The src of every <script> in the page that is ours (no URL with a host, no local office.js copy). */
export function startScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)]
    .map((m) => m[1] ?? "")
    .filter((src) => !/^([a-z]+:)?\/\//i.test(src) && !/(^|\/)office-js\//.test(src));
}

export function meetOpstart(map: string): Omit<OpstartMeting, "gebouwd"> {
  const html = readFileSync(path.join(map, "taskpane.html"), "utf8");
  const scripts = startScripts(html).map((src) => {
    const inhoud = readFileSync(path.join(map, src.split(/[?#]/)[0] ?? src));
    return { src, bytes: inhoud.byteLength, gzip: gzipSync(inhoud, { level: 9 }).byteLength };
  });
  return {
    map: path.relative(ROOT, map) || ".",
    scripts,
    kbGzip: scripts.reduce((som, s) => som + s.gzip, 0) / 1000,
  };
}

/**
 * Measures dist/ as last built (run `npm run build` first for a current figure). Without a built dist/, builds
 * the add-in (webpack --mode production) into .tmp/bench-dist and measures that; dist/ is never written.
 */
export function opstart(): OpstartMeting {
  const dist = path.join(ROOT, "dist");
  if (existsSync(path.join(dist, "taskpane.html"))) return { ...meetOpstart(dist), gebouwd: false };
  const uit = ".tmp/bench-dist";
  execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules/webpack/bin/webpack.js"), "--mode", "production", "--env", `out=${uit}`],
    { cwd: ROOT, stdio: "pipe" },
  );
  return { ...meetOpstart(path.join(ROOT, uit)), gebouwd: true };
}

if (require.main === module) {
  const m = process.argv[2] ? { ...meetOpstart(path.resolve(process.argv[2])), gebouwd: false } : opstart();
  for (const s of m.scripts) console.log(`${s.src}: ${s.bytes} bytes, ${s.gzip} bytes gzip -9`);
  console.log(`${m.map}: ${m.kbGzip.toFixed(1)} kB gzip${m.gebouwd ? " (gebouwd door de bench)" : ""}`);
}
