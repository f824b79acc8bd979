/**
 * Real-browser test support: a loopback static server for a built add-in and headless Debian Chromium driven by
 * playwright-core (installed by .ci/run).
 */
import { execFileSync } from "child_process";
import fs from "fs";
import http from "http";
import type { AddressInfo } from "net";
import path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { onderteken } from "../../src/data/handtekening";
import { browserBundel } from "./browserBundel";
import { bestandInMap, stuurBestand } from "../../scripts/statischeMap";

export const ROOT = path.resolve(__dirname, "../..");

/** The repository's development signing key (trusted by the development key profile only). */
export const ONTWIKKEL_SLEUTEL = path.join(ROOT, "manifest/sleutels/ontwikkel-uitgever.key");

/** Sign `map/bundel.json` with the development key into `map/bundel.json.sig`. */
export async function ondertekenBundel(map: string): Promise<void> {
  const bytes = new Uint8Array(fs.readFileSync(path.join(map, "bundel.json")));
  fs.writeFileSync(
    path.join(map, "bundel.json.sig"),
    await onderteken(bytes, fs.readFileSync(ONTWIKKEL_SLEUTEL, "utf8")),
  );
}

/**
 * Build the add-in with the local office.js into a test folder (never touches dist/), trusting the development
 * key (`--env profiel=development`), with the embedded dataset as a signed bundle next to the pane.
 */
export async function bouwAddin(uitmap: string): Promise<string> {
  const out = path.join(ROOT, uitmap);
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/webpack/bin/webpack.js"),
      "--mode",
      "production",
      "--env",
      "localOffice",
      "--env",
      "profiel=development",
      "--env",
      `out=${uitmap}`,
    ],
    { cwd: ROOT, stdio: "pipe" },
  );
  // The default feed: the embedded dataset as a bundle at the add-in's own origin.
  execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/export-bundel.ts", "--out", uitmap],
    {
      cwd: ROOT,
      stdio: "pipe",
    },
  );
  // export-bundel signs with the development key; sign here too while a version that does not is around.
  if (!fs.existsSync(path.join(out, "bundel.json.sig"))) await ondertekenBundel(out);
  return out;
}

export interface Server {
  url: string;
  close: () => Promise<void>;
}

/** Serve a folder on 127.0.0.1 (random port). */
export function serveer(map: string): Promise<Server> {
  const server = http.createServer((req, res) => {
    const pad = bestandInMap(map, (req.url ?? "/").split("?")[0] ?? "/");
    if (pad === undefined) {
      res.writeHead(404).end();
      return;
    }
    stuurBestand(res, pad);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function startBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The WCAG 2.1 A and AA rules of axe-core (tags), the level Dutch municipalities must meet. */
const WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe-core (injected from node_modules/axe-core/axe.min.js) on the page as it is now and returns its serious
 * and critical WCAG 2.1 A/AA violations as readable lines ("serious color-contrast: #knop, …"); [] when clean.
 */
export async function axeSchendingen(page: Page): Promise<string[]> {
  const heeftAxe = await page.evaluate(() => "axe" in window);
  if (!heeftAxe)
    await page.addScriptTag({ content: fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
  return page.evaluate(async (tags) => {
    type Uitslag = {
      violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<Uitslag> } }).axe;
    const uitslag = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return uitslag.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, WCAG21_AA);
}

/**
 * The fake Excel (tests/helpers/fakeExcel.ts and its modules under tests/helpers/fakeExcel/, with
 * src/workbook/a1.ts) as one classic script for a page: every module transpiled to CommonJS behind a small
 * `require` (relative paths only; the fake uses no packages). It declares `var exports` holding the fake's public
 * API: `exports.FakeExcel`, `exports.FakeWerkmap`, ….
 */
export function fakeExcelScript(ingang = "tests/helpers/fakeExcel.ts"): string {
  const globaal = "__opgaveNepExcel";
  return `${browserBundel({ fake: path.join(ROOT, ingang) }, globaal)}\nvar exports = window.${globaal}.fake;`;
}
