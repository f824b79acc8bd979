/**
 * Test modules for the browser: a tiny CommonJS bundler (TypeScript's transpileModule per file, relative imports
 * followed recursively, cycles allowed as in Node) so that the fake Excel (tests/helpers/fakeExcel, one module per
 * Office object) and ./nepHost.ts can be injected into a page with `context.addInitScript` — whatever the split
 * of the fake's files. Only relative imports of .ts files; a package import is an error.
 */
import fs from "fs";
import path from "path";
import ts from "typescript";

function bestandVoor(van: string, spec: string): string {
  const basis = path.resolve(path.dirname(van), spec);
  for (const p of [`${basis}.ts`, path.join(basis, "index.ts"), basis]) {
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  throw new Error(`browserBundel: ${spec} (uit ${van}) niet gevonden`);
}

/**
 * A script that defines `window[globaal]` = { [naam]: exports of that entry file }.
 * @param ingangen name → absolute path of a .ts file
 */
export function browserBundel(ingangen: Readonly<Record<string, string>>, globaal: string): string {
  const modules = new Map<string, { code: string; deps: Record<string, string> }>();
  const bezoek = (bestand: string): void => {
    if (modules.has(bestand)) return;
    const code = ts.transpileModule(fs.readFileSync(bestand, "utf8"), {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2020,
        esModuleInterop: false,
      },
      fileName: bestand,
    }).outputText;
    const deps: Record<string, string> = {};
    modules.set(bestand, { code, deps });
    for (const m of code.matchAll(/require\("([^"]+)"\)/g)) {
      const spec = m[1] ?? "";
      if (!spec.startsWith(".")) throw new Error(`browserBundel: pakket ${spec} in ${bestand}`);
      deps[spec] = bestandVoor(bestand, spec);
      bezoek(deps[spec]);
    }
  };
  for (const b of Object.values(ingangen)) bezoek(b);
  const defs = [...modules.entries()]
    .map(
      ([p, m]) =>
        `${JSON.stringify(p)}: [function (module, exports, require) {\n${m.code}\n}, ${JSON.stringify(m.deps)}]`,
    )
    .join(",\n");
  return `(function () {
  var defs = {${defs}};
  var cache = {};
  function load(p) {
    if (cache[p]) return cache[p].exports;
    var m = { exports: {} };
    cache[p] = m;
    var d = defs[p];
    d[0](m, m.exports, function (s) { return load(d[1][s]); });
    return m.exports;
  }
  var uit = {};
  ${Object.entries(ingangen)
    .map(([naam, p]) => `uit[${JSON.stringify(naam)}] = load(${JSON.stringify(p)});`)
    .join("\n  ")}
  window[${JSON.stringify(globaal)}] = uit;
})();`;
}
