/**
 * The architecture you can see: the direction of imports between the top-level folders of src/ is enforced by
 * `npm run lint` (no-restricted-imports in eslint.config.mjs), and the folders have no import cycle.
 *
 * - A file placed in src/domain that imports ../data/schema fails lint (the file is created, linted with the
 *   ESLint API and the project's own config, and deleted again).
 * - The folder-level graph, built from every import in src/ (also `import type`, `export … from` and dynamic
 *   `import()`), has no cycle.
 */
import { spawnSync } from "child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import path from "path";
import ts from "typescript";

jest.setTimeout(60_000);

const root = path.resolve(__dirname, "..");
const src = path.join(root, "src");

interface LintUitkomst {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

/**
 * The ESLint API (`new ESLint().lintFiles`) on `bestanden` with the repository's own config. In a child Node
 * process: ESLint loads eslint.config.mjs with a dynamic import, which jest's module sandbox does not allow.
 */
function lint(bestanden: readonly string[]): LintUitkomst[] {
  const script =
    'const { ESLint } = require("eslint");' +
    "new ESLint({ cwd: process.argv[1] }).lintFiles(process.argv.slice(2))" +
    ".then((r) => process.stdout.write(JSON.stringify(r)), (e) => { console.error(e); process.exit(3); });";
  const r = spawnSync(process.execPath, ["-e", script, root, ...bestanden], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`ESLint failed to run: ${r.stderr}`);
  return JSON.parse(r.stdout) as LintUitkomst[];
}

describe("lint enforces the direction of imports", () => {
  test("a domain file that imports ../data/schema fails lint; the same file importing ./model passes", () => {
    const fout = path.join(src, "domain", `__architectuur_fout_${process.pid}.ts`);
    const goed = path.join(src, "domain", `__architectuur_goed_${process.pid}.ts`);
    try {
      writeFileSync(fout, 'import type { Dataset } from "../data/schema";\n\nexport type D = Dataset;\n');
      writeFileSync(goed, 'import type { Dataset } from "./model";\n\nexport type D = Dataset;\n');
      const [a, b] = lint([fout, goed]);
      expect(a?.filePath).toBe(fout);
      expect(a?.messages).toEqual([
        expect.objectContaining({
          ruleId: "no-restricted-imports",
          message: expect.stringContaining("src/domain depends on nothing but itself"),
        }),
      ]);
      expect(b?.filePath).toBe(goed);
      expect(b?.messages).toEqual([]);
    } finally {
      rmSync(fout, { force: true });
      rmSync(goed, { force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Folder-level import graph
// ---------------------------------------------------------------------------------------------------------------

function tsBestanden(map: string): string[] {
  return readdirSync(map, { withFileTypes: true }).flatMap((d) => {
    const pad = path.join(map, d.name);
    if (d.isDirectory()) return tsBestanden(pad);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith(".d.ts") ? [pad] : [];
  });
}

/** The top-level folder of src/ a path is in ("domain", "data", …), or undefined outside src/. */
function mapVan(pad: string): string | undefined {
  const rel = path.relative(src, pad);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep)[0];
}

/** folder → the other folders its files import (relative imports only; packages are not folders of src/). */
function mapGraaf(bestanden: readonly string[]): Map<string, Set<string>> {
  const graaf = new Map<string, Set<string>>();
  for (const bestand of bestanden) {
    const van = mapVan(bestand);
    if (van === undefined) continue;
    const randen = graaf.get(van) ?? new Set<string>();
    graaf.set(van, randen);
    const { importedFiles } = ts.preProcessFile(readFileSync(bestand, "utf8"), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const naar = mapVan(path.resolve(path.dirname(bestand), fileName));
      if (naar !== undefined && naar !== van) randen.add(naar);
    }
  }
  return graaf;
}

/** Every cycle found by a depth-first search, as a path "a → b → a"; empty when the graph is acyclic. */
function cycli(graaf: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const gevonden: string[] = [];
  const klaar = new Set<string>();
  const pad: string[] = [];
  const bezoek = (knoop: string) => {
    const i = pad.indexOf(knoop);
    if (i >= 0) {
      gevonden.push([...pad.slice(i), knoop].join(" → "));
      return;
    }
    if (klaar.has(knoop)) return;
    pad.push(knoop);
    for (const naar of graaf.get(knoop) ?? []) bezoek(naar);
    pad.pop();
    klaar.add(knoop);
  };
  for (const knoop of [...graaf.keys()].sort()) bezoek(knoop);
  return gevonden;
}

describe("no import cycle between the top-level folders of src/", () => {
  const graaf = mapGraaf(tsBestanden(src));

  test("the folder graph is acyclic", () => {
    expect(cycli(graaf)).toEqual([]);
  });

  test("the domain imports no other folder; the graph covers every folder of src/", () => {
    expect([...(graaf.get("domain") ?? [])]).toEqual([]);
    expect([...graaf.keys()].sort()).toEqual(["cli", "data", "domain", "functions", "taskpane", "workbook"]);
  });

  test("the cycle search finds a cycle (so an empty result means something)", () => {
    const metCyclus = new Map([
      ["domain", new Set<string>()],
      ["data", new Set(["domain", "workbook"])],
      ["workbook", new Set(["data"])],
    ]);
    expect(cycli(metCyclus)).toEqual(["data → workbook → data"]);
    expect(
      cycli(
        new Map([
          ["a", new Set(["b"])],
          ["b", new Set<string>()],
        ]),
      ),
    ).toEqual([]);
  });
});
