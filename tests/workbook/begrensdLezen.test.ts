/**
 * Memory-bounded reading (issue 12): a consolidation with one generated 10-million-cell workbook (about 30 MB,
 * written streaming by tests/helpers/grootWerkboek.ts) among two good gemeente workbooks, in a child process
 * with `NODE_OPTIONS=--max-old-space-size=1024` (before the package check exceljs took minutes and gigabytes on
 * such a file and V8 ran out of memory). It must finish, write the overview from the good files and name the
 * rejected file with its reason. A second child reads the same file with the size limit raised, so the check has
 * to inflate the sheet and stop on its cell count. No timing assertions (the times are logged).
 */
import { spawnSync } from "child_process";
import { existsSync, promises as fs } from "fs";
import os from "os";
import path from "path";
import type { Uitvoer } from "../../src/cli/main";
import { vul } from "../../src/cli/vul";
import { schrijfGrootWerkboek } from "../helpers/grootWerkboek";

jest.setTimeout(600_000);

const root = path.resolve(__dirname, "../..");
const stil: Uitvoer = { out: () => undefined, err: (t) => console.error(t) };

/** Runs `code` (TypeScript, through tsx) in a child node with a 1 GB heap; the child prints its peak RSS last. */
function kind(code: string) {
  const begin = Date.now();
  const r = spawnSync(process.execPath, [require.resolve("tsx/cli"), "-e", code], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=1024" },
    timeout: 480_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return {
    code: r.status,
    signaal: r.signal,
    out: r.stdout,
    err: r.stderr,
    seconden: (Date.now() - begin) / 1000,
  };
}

const RSS = `process.stderr.write("piek-rss-mb " + Math.round(process.resourceUsage().maxRSS / 1024) + "\\n")`;

describe("a 10-million-cell workbook among good ones, with a 1 GB heap", () => {
  let map: string;
  let lever: string;
  let bom: string;

  beforeAll(async () => {
    map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-begrensd-"));
    lever = path.join(map, "lever");
    await fs.mkdir(lever);
    for (const g of ["Zeist", "Houten", "Baarn"]) {
      expect(await vul(["--gemeente", g, "--uit", path.join(map, `${g.toLowerCase()}.xlsx`)], stil)).toBe(0);
    }
    await fs.copyFile(path.join(map, "zeist.xlsx"), path.join(lever, "zeist.xlsx"));
    await fs.copyFile(path.join(map, "houten.xlsx"), path.join(lever, "houten.xlsx"));
    // The bomb: Baarn's workbook with an extra sheet of 10 million cells.
    bom = path.join(lever, "baarn-groot.xlsx");
    const basis = new Uint8Array(await fs.readFile(path.join(map, "baarn.xlsx")));
    const bytes = schrijfGrootWerkboek(bom, basis, { cellen: 10_000_000 });
    expect(bytes).toBeGreaterThan(15 * 1024 * 1024);
  });

  afterAll(async () => {
    if (map) await fs.rm(map, { recursive: true, force: true });
  });

  test("opgave consolideer finishes, writes the overview from the good files and names the rejected one", () => {
    const uit = path.join(map, "overzicht.xlsx");
    const main = path.join(root, "src/cli/main.ts");
    const r = kind(
      `import(${JSON.stringify(main)}).then((m) => (m.mainAsync ?? m.default.mainAsync)(` +
        `${JSON.stringify(["consolideer", lever, "--uit", uit, "--provincie", "Utrecht"])}))` +
        `.then((c) => { process.exitCode = c; ${RSS}; })`,
    );
    console.log(
      `consolideer met een werkboek van 10 miljoen cellen: ${r.seconden.toFixed(1)} s, ${r.err.trim()}`,
    );
    expect(r.signaal).toBeNull();
    // 3 once the exit codes of issue 12 are wired (overview written, a file rejected); 0 before.
    expect([0, 3]).toContain(r.code);
    expect(r.err).not.toMatch(/heap|out of memory|onverwachte fout/i);
    expect(r.out).toMatch(/baarn-groot\.xlsx:\n\s+FOUT: Te groot om te lezen: /);
    expect(r.out).toContain("zeist.xlsx (Zeist)");
    expect(r.out).toContain("houten.xlsx (Houten)");
    expect(r.out).toContain(`Geschreven: ${uit}`);
    expect(existsSync(uit)).toBe(true);
  });

  test("with the size limit raised, the check inflates the sheet and stops on its cell count", () => {
    const lezen = path.join(root, "src/workbook/lezen.ts");
    const r = kind(
      `Promise.all([import("fs"), import(${JSON.stringify(lezen)})]).then(([fs, m]) => ` +
        `(m.leesAanlevering ?? m.default.leesAanlevering)(` +
        `"baarn-groot.xlsx", new Uint8Array(fs.readFileSync(${JSON.stringify(bom)})), ` +
        `{ grenzen: { megabytes: 1000 }, grensOpties: { cellenPerBlad: "--max-cellen" } }))` +
        `.then((a) => { console.log(JSON.stringify(a.problemen)); ${RSS}; })`,
    );
    console.log(`alleen lezen, grens 1000 MB: ${r.seconden.toFixed(1)} s, ${r.err.trim()}`);
    expect({ code: r.code, signaal: r.signaal }).toEqual({ code: 0, signaal: null });
    const problemen = JSON.parse(r.out) as { soort: string; melding: string }[];
    expect(problemen).toHaveLength(1);
    expect(problemen[0]?.melding).toMatch(
      /^Te groot om te lezen: blad "Groot" heeft meer dan 200\.000 cellen \(grens 200\.000; aan te passen met --max-cellen\)/,
    );
  });
});
