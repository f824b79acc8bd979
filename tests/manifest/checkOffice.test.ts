import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { loadRequirements } from "../../manifest/config";
import {
  auditeer,
  auditeerProject,
  formatteer,
  leesEisen,
  maakProgramma,
  Rapport,
} from "../../scripts/check-office";
import { compareVersions as vergelijkVersie } from "../../manifest/validateManifest";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const MINIMA = { ExcelApi: "1.12", SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3" };

describe("leesEisen: the requirement-set tags of the type definitions", () => {
  test("the usual tag, with any spacing", () => {
    expect(leesEisen("/** x\n * @remarks\n * [Api set: ExcelApi 1.9]\n */", false)).toEqual([
      { set: "ExcelApi", versie: "1.9" },
    ]);
    expect(leesEisen("[ API set: ExcelApi 1.13 ]", false)).toEqual([{ set: "ExcelApi", versie: "1.13" }]);
  });

  test("a later version for setting applies to writes only", () => {
    const tag = "[Api set: ExcelApi 1.1 for reading visibility; 1.2 for setting it.]";
    expect(leesEisen(tag, false)).toEqual([{ set: "ExcelApi", versie: "1.1" }]);
    expect(leesEisen(tag, true)).toEqual([{ set: "ExcelApi", versie: "1.2" }]);
    expect(leesEisen("[Api set: ExcelApi 1.1 for get, 1.8 for set]", true)).toEqual([
      { set: "ExcelApi", versie: "1.8" },
    ]);
    // argument-dependent clauses are not applied
    expect(leesEisen("[Api set: ExcelApi 1.2 for options; 1.7 for password]", false)).toEqual([
      { set: "ExcelApi", versie: "1.2" },
    ]);
  });

  test("another host's alternative is dropped; the common API's Requirement set links are read", () => {
    expect(leesEisen("[Api set: SharedRuntime 1.1, Mailbox 1.10]", false)).toEqual([
      { set: "SharedRuntime", versie: "1.1" },
    ]);
    const doc =
      " * **Requirement set**: {@link https://learn.microsoft.com/x | SharedRuntime 1.1}\n * @param x y";
    expect(leesEisen(doc, false)).toEqual([{ set: "SharedRuntime", versie: "1.1" }]);
    expect(leesEisen("/** Executes a batch. */", false)).toBeUndefined();
  });

  test("versions compare by number", () => {
    expect(vergelijkVersie("1.9", "1.13")).toBeLessThan(0);
    expect(vergelijkVersie("1.13", "1.13")).toBe(0);
    expect(vergelijkVersie("1.14", "1.2")).toBeGreaterThan(0);
  });
});

describe("the audit on small sources", () => {
  let dir: string;
  let program: ts.Program;
  const bronnen: Record<string, string> = {
    // Table.resize is ExcelApi 1.13; nothing checks it.
    "onbewaakt.ts": `
      export function schrijf(t: Excel.Table, r: Excel.Range): void {
        t.resize(r);
      }`,
    "alsBlok.ts": `
      export function schrijf(t: Excel.Table, r: Excel.Range): void {
        if (Office.context.requirements.isSetSupported("ExcelApi", "1.13")) {
          t.resize(r);
        }
      }`,
    "vroegeUitgang.ts": `
      const VERSIE = "1.13";
      export function schrijf(t: Excel.Table, r: Excel.Range): void {
        if (!Office.context.requirements.isSetSupported("ExcelApi", VERSIE)) throw new Error("te oud");
        t.resize(r);
      }`,
    "teLaag.ts": `
      export function schrijf(t: Excel.Table, r: Excel.Range): void {
        if (Office.context.requirements.isSetSupported("ExcelApi", "1.9")) t.resize(r);
      }`,
    "hulpfunctie.ts": `
      function kanVergroten(): boolean {
        const vereisten = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
        return !vereisten || vereisten.isSetSupported("ExcelApi", "1.13");
      }
      export function schrijf(t: Excel.Table, r: Excel.Range): void {
        const kan = kanVergroten();
        if (kan) t.resize(r);
      }`,
    "aanroepen.ts": `
      function vergroot(t: Excel.Table, r: Excel.Range): void {
        t.resize(r);
      }
      export async function vul(): Promise<void> {
        if (!Office.context.requirements.isSetSupported("ExcelApi", "1.13")) return;
        await Excel.run(async (context) => {
          const t = context.workbook.tables.getItem("T");
          vergroot(t, context.workbook.worksheets.getItem("B").getRange("A1:B2"));
          await context.sync();
        });
      }
      export function ookZonder(t: Excel.Table, r: Excel.Range): void {
        vergroot(t, r);
      }`,
    "alleenBewaakt.ts": `
      function vergroot(t: Excel.Table, r: Excel.Range): void {
        t.resize(r);
      }
      export async function vul(): Promise<void> {
        if (!Office.context.requirements.isSetSupported("ExcelApi", "1.13")) return;
        await Excel.run(async (context) => {
          vergroot(context.workbook.tables.getItem("T"), context.workbook.worksheets.getItem("B").getRange("A1"));
        });
      }`,
    // A function in one file and a guarded call to it in another at the same character offsets (the padding
    // puts the call inside the range the declaration spans in its own file): the call is still a way in.
    "verweg.ts": `
      export function vergrootVerweg(t: Excel.Table, r: Excel.Range): void {
        ${"// opvulling\n        ".repeat(12)}t.resize(r);
      }`,
    "verwegAanroep.ts": `
      import { vergrootVerweg } from "./verweg";
      export function vul(t: Excel.Table, r: Excel.Range): void {
        if (Office.context.requirements.isSetSupported("ExcelApi", "1.13")) vergrootVerweg(t, r);
      }`,
    "zoekopties.ts": `
      export function zoek(ws: Excel.Worksheet): Excel.RangeAreas {
        return ws.findAllOrNullObject("x", { completeMatch: false, matchCase: false });
      }`,
    "functie.ts": `
      export function fout(): CustomFunctions.Error {
        return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, "geen gegevens");
      }`,
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-check-office-"));
    for (const [naam, tekst] of Object.entries(bronnen)) fs.writeFileSync(path.join(dir, naam), tekst);
    const eigen = maakProgramma(REPO_ROOT).getCompilerOptions();
    program = ts.createProgram(
      Object.keys(bronnen).map((n) => path.join(dir, n)),
      { ...eigen, typeRoots: [path.join(REPO_ROOT, "node_modules", "@types")] },
    );
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const audit = (naam: string, minima: Record<string, string> = MINIMA): Rapport =>
    auditeer(program, { minima, basis: dir, bestanden: [path.join(dir, naam)] });

  test("the sources compile", () => {
    const fouten = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(fouten).toEqual([]);
  });

  test("an unguarded ExcelApi 1.13 API fails, naming the API, the set and the way in", () => {
    const r = audit("onbewaakt.ts");
    expect(r.fouten).toHaveLength(1);
    expect(r.fouten[0]).toContain(
      "onbewaakt.ts:3 Excel.Table.resize vereist ExcelApi 1.13 (manifest-minimum 1.12)",
    );
    expect(r.fouten[0]).toContain("schrijf (onbewaakt.ts:2; nergens in src/ aangeroepen: een ingang)");
    expect(r.onbewaakt["ExcelApi"]).toEqual({
      versie: "1.13",
      api: "Excel.Table.resize",
      plaats: "onbewaakt.ts:3",
    });
    expect(formatteer(r)).toContain("check:office FOUT");
  });

  test("the same API at or below the manifest's minimum needs no guard", () => {
    expect(audit("onbewaakt.ts", { ...MINIMA, ExcelApi: "1.13" }).fouten).toEqual([]);
  });

  test("guarded by an enclosing if, by an early exit with a constant, or by a guard helper: passes", () => {
    for (const naam of ["alsBlok.ts", "vroegeUitgang.ts", "hulpfunctie.ts"]) {
      const r = audit(naam);
      expect([naam, r.fouten]).toEqual([naam, []]);
      const resize = r.gebruiken.find((g) => g.api === "Excel.Table.resize");
      expect(resize?.bewaking[0]?.door).toBeDefined();
      expect(r.onbewaakt["ExcelApi"]).toBeUndefined();
    }
    expect(
      audit("hulpfunctie.ts").gebruiken.find((g) => g.api === "Excel.Table.resize")?.bewaking[0]?.door,
    ).toMatch(/^kanVergroten\(\) hulpfunctie\.ts:7/);
  });

  test("a guard for a lower version does not count", () => {
    const r = audit("teLaag.ts");
    expect(r.fouten).toHaveLength(1);
    expect(r.fouten[0]).toContain('alleen ExcelApi 1.9 gecontroleerd: isSetSupported("ExcelApi", "1.9")');
  });

  test("the call graph: guarded when every caller is; one unguarded caller fails with its place", () => {
    expect(audit("alleenBewaakt.ts").fouten).toEqual([]);
    const r = audit("aanroepen.ts");
    expect(r.fouten).toHaveLength(1);
    expect(r.fouten[0]).toContain("vergroot ← aanroepen.ts:14");
    expect(r.fouten[0]).toContain("ookZonder (aanroepen.ts:13; nergens in src/ aangeroepen: een ingang)");
  });

  test("a call in another file at offsets inside the function's own range still counts as a way in", () => {
    const naast = (n: string) => path.join(dir, n);
    const r = auditeer(program, {
      minima: MINIMA,
      basis: dir,
      bestanden: [naast("verweg.ts"), naast("verwegAanroep.ts")],
    });
    expect(r.fouten).toEqual([]);
    const aanroep = bronnen["verwegAanroep.ts"] ?? "";
    const verweg = bronnen["verweg.ts"] ?? "";
    // The premise: the call's offset lies within the declaration's span in verweg.ts.
    expect(aanroep.indexOf("vergrootVerweg(t, r)")).toBeLessThan(verweg.lastIndexOf("}"));
  });

  test("object-literal options typed by Office count (WorksheetSearchCriteria: ExcelApi 1.9)", () => {
    const r = audit("zoekopties.ts", { ...MINIMA, ExcelApi: "1.1" });
    const apis = r.gebruiken.map((g) => `${g.api} ${g.eisen.map((e) => `${e.set} ${e.versie}`).join()}`);
    expect(apis).toContain("Excel.WorksheetSearchCriteria.completeMatch ExcelApi 1.9");
    expect(apis).toContain("Excel.Worksheet.findAllOrNullObject ExcelApi 1.9");
    expect(r.fouten.length).toBeGreaterThanOrEqual(3);
  });

  test("custom functions: a set the manifest does not declare fails; the declared 1.3 passes", () => {
    expect(audit("functie.ts").fouten).toEqual([]);
    const r = audit("functie.ts", { ExcelApi: "1.12", SharedRuntime: "1.1" });
    expect(
      r.fouten.some((f) =>
        f.includes(
          "CustomFunctions.Error.constructor vereist CustomFunctionsRuntime 1.2 (niet in het manifest)",
        ),
      ),
    ).toBe(true);
    expect(
      r.fouten.some((f) =>
        f.includes("CustomFunctions.ErrorCode.notAvailable vereist CustomFunctionsRuntime 1.3"),
      ),
    ).toBe(true);
  });
});

describe("the project's own sources", () => {
  let rapport: Rapport;
  beforeAll(() => {
    rapport = auditeerProject(REPO_ROOT);
  }, 180_000);

  test("holds src/ to the manifest's minimums, read from manifest.config.json", () => {
    expect(rapport.minima).toEqual(Object.fromEntries(loadRequirements().map((r) => [r.name, r.minVersion])));
  });

  test("src/ passes: every API above the minimum is guarded", () => {
    expect(rapport.fouten).toEqual([]);
    // What src/ needs without a guard is within what the manifest declares.
    for (const [set, { versie }] of Object.entries(rapport.onbewaakt)) {
      expect([set, vergelijkVersie(versie, rapport.minima[set] ?? "0") <= 0]).toEqual([set, true]);
    }
    const tekst = formatteer(rapport);
    expect(tekst).toContain("check:office OK");
    expect(tekst).toMatch(
      /^ExcelApi: hoogste 1\.\d+; zonder bewaking nodig: 1\.\d+ .*; manifest minimum 1\.\d+$/m,
    );
  });

  test("the writer's Table.resize (ExcelApi 1.13) is seen and guarded by the check before a fill", () => {
    const resize = rapport.gebruiken.filter((g) => g.api === "Excel.Table.resize");
    expect(resize.length).toBeGreaterThan(0);
    for (const g of resize) expect(g.bewaking[0]?.door).toMatch(/isSetSupported\("ExcelApi", "1\.13"\)/);
  });
});
