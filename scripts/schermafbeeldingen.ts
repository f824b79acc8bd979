/**
 * `npm run schermafbeeldingen`: the two pictures in the README, made from the code as it is.
 * - docs/pane.png: the task pane in an ordinary browser (preview mode, 380 px wide) with the preview of Utrecht,
 *   by headless Chromium (playwright-core, /usr/bin/chromium or CHROMIUM_PATH) against a fresh build on 127.0.0.1;
 * - docs/werkboek.png: the first printed page of the workbook `opgave vul --gemeente Utrecht` writes, through
 *   LibreOffice (`soffice --headless --convert-to pdf`, a fresh profile that recalculates on load) and
 *   `pdftoppm -png -r 60`.
 * Needs chromium, soffice and pdftoppm (Debian packages chromium, libreoffice-calc, poppler-utils).
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { vul } from "../src/cli/vul";
import { serveer, startBrowser } from "../tests/helpers/browser";

const ROOT = path.resolve(__dirname, "..");
const DOCS = path.join(ROOT, "docs");
const BOUW = ".tmp/schermafbeeldingen";
/** The filling date shown on the Bron sheet: fixed, so the picture changes only when the workbook does. */
const GEMAAKT = "2026-11-28T10:00:00Z";

/** The add-in built with the local office.js and the embedded data as its feed (as the browser tests build it). */
function bouw(): string {
  const node = (script: string, ...args: string[]) =>
    execFileSync(process.execPath, [path.join(ROOT, script), ...args], { cwd: ROOT, stdio: "pipe" });
  node(
    "node_modules/webpack/bin/webpack.js",
    "--mode",
    "production",
    "--env",
    "localOffice",
    "--env",
    `out=${BOUW}`,
  );
  node("node_modules/tsx/dist/cli.mjs", "scripts/export-bundel.ts", "--out", BOUW);
  return path.join(ROOT, BOUW);
}

async function paneel(): Promise<void> {
  const { url, close } = await serveer(bouw());
  const browser = await startBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 380, height: 760 } });
    await page.goto(`${url}/taskpane.html`);
    await page.waitForSelector("body[data-klaar=ja]");
    await page.fill("#gemeente", "Utrecht");
    await page.click("#vul");
    await page.waitForSelector("#voorbeeld:not([hidden])");
    // The filled-in form, the Download button and the start of the preview.
    await page.evaluate(() => document.getElementById("vul-kop")?.scrollIntoView());
    await page.screenshot({ path: path.join(DOCS, "pane.png") });
  } finally {
    await browser.close();
    await close();
  }
}

/** LibreOffice profile: always recalculate .xlsx on load (the picture shows what the formulas compute). */
const PROFIEL = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

async function werkboek(): Promise<void> {
  const map = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-schermafbeelding-"));
  try {
    const xlsx = path.join(map, "opgave-gemeente-utrecht.xlsx");
    const stil = { out: () => undefined, err: (t: string) => process.stderr.write(`${t}\n`) };
    if ((await vul(["--gemeente", "Utrecht", "--uit", xlsx], stil, GEMAAKT)) !== 0)
      throw new Error("opgave vul mislukte");
    const profiel = path.join(map, "profiel");
    fs.mkdirSync(path.join(profiel, "user"), { recursive: true });
    fs.writeFileSync(path.join(profiel, "user", "registrymodifications.xcu"), PROFIEL);
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profiel}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        map,
        xlsx,
      ],
      { stdio: "pipe", timeout: 180_000 },
    );
    const pdf = xlsx.replace(/\.xlsx$/, ".pdf");
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "60",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      pdf,
      path.join(DOCS, "werkboek"),
    ]);
  } finally {
    fs.rmSync(map, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(DOCS, { recursive: true });
  await paneel();
  await werkboek();
  for (const naam of ["pane.png", "werkboek.png"]) {
    const kb = Math.round(fs.statSync(path.join(DOCS, naam)).size / 1024);
    process.stdout.write(`docs/${naam}: ${kb} kB\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`schermafbeeldingen: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
