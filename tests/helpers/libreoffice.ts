/**
 * LibreOffice (headless) as a real spreadsheet engine for tests: converts .xlsx files to .xlsx in ONE soffice
 * call with a fresh profile that forces a full recalculation on load (Calc keeps the cached values otherwise),
 * so the converted files hold the values LibreOffice computed for every formula.
 */
import { execFile } from "child_process";
import { existsSync, promises as fs } from "fs";
import os from "os";
import path from "path";
import programmas from "./programmas";

/** Path of soffice, or undefined when LibreOffice is not installed (found in ./programmas.js). */
export const { vindSoffice } = programmas;

/** registrymodifications.xcu: always recalculate OOXML and ODF files on load (0 = always). */
const PROFIEL = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Converts all `bestanden` (.xlsx) in one soffice call; returns the converted paths (same names, in `uitMap`)
 * and how long the call took.
 */
export async function herberekenMetLibreOffice(
  soffice: string,
  bestanden: readonly string[],
  uitMap: string,
): Promise<{ uitvoer: string[]; ms: number }> {
  const profiel = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-lo-profiel-"));
  await fs.mkdir(path.join(profiel, "user"), { recursive: true });
  await fs.writeFile(path.join(profiel, "user", "registrymodifications.xcu"), PROFIEL);
  await fs.mkdir(uitMap, { recursive: true });
  const begin = Date.now();
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=file://${profiel}`,
          "--headless",
          "--norestore",
          "--nologo",
          "--convert-to",
          "xlsx",
          "--outdir",
          uitMap,
          ...bestanden,
        ],
        { timeout: 180_000 },
        (fout, _stdout, stderr) =>
          fout ? reject(new Error(`soffice: ${fout.message}\n${stderr}`)) : resolve(),
      );
    });
  } finally {
    await fs.rm(profiel, { recursive: true, force: true });
  }
  const uitvoer = bestanden.map((b) => path.join(uitMap, path.basename(b)));
  for (const u of uitvoer) if (!existsSync(u)) throw new Error(`LibreOffice schreef ${u} niet`);
  return { uitvoer, ms: Date.now() - begin };
}
