import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { PNG } from "pngjs";
import { buildManifest, RES } from "../../manifest/buildManifest";
import {
  ICON_SIZES,
  loadManifestConfig,
  loadRequirements,
  ManifestConfig,
  normaliseSupportUrl,
  parseRequirements,
} from "../../manifest/config";
import {
  compareVersions,
  OFFICE_2021,
  validateManifest,
  ValidateOptions,
} from "../../manifest/validateManifest";
import { drawIcon } from "../../scripts/make-icons";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const PROD_HOST = "https://opgave.example.nl";

const devConfig = loadManifestConfig("development");
const prodConfig = loadManifestConfig("production");
const devXml = buildManifest(devConfig);
const prodXml = buildManifest(prodConfig);

const REQUIREMENTS = loadRequirements();
const DEV: ValidateOptions = { production: false, repoRoot: REPO_ROOT, requirements: REQUIREMENTS };
const PROD: ValidateOptions = { production: true, repoRoot: REPO_ROOT, requirements: REQUIREMENTS };

/** Replaces exactly one occurrence (or all with `all`) and fails when the text is not there. */
function mutate(xml: string, from: string, to: string, all = false): string {
  const count = xml.split(from).length - 1;
  if (count === 0) throw new Error(`mutation target not found: ${from}`);
  if (!all && count !== 1) throw new Error(`mutation target not unique (${count}x): ${from}`);
  return all ? xml.split(from).join(to) : xml.replace(from, to);
}

function urlsIn(xml: string): string[] {
  return [...xml.matchAll(/DefaultValue="(https?:\/\/[^"]*)"/g)].map((m) => m[1]!);
}

function expectError(errors: string[], ...fragments: string[]): void {
  const hit = errors.find((e) => fragments.every((f) => e.includes(f)));
  if (!hit) {
    throw new Error(`expected an error containing ${JSON.stringify(fragments)}, got:\n${errors.join("\n")}`);
  }
}

let tmpDirs: string[] = [];
function tempRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-manifest-"));
  tmpDirs.push(dir);
  fs.cpSync(path.join(REPO_ROOT, "assets"), path.join(dir, "assets"), { recursive: true });
  return dir;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
  tmpDirs = [];
});

describe("buildManifest", () => {
  test("committed manifest.xml equals the development build (no drift)", () => {
    const committed = fs.readFileSync(path.join(REPO_ROOT, "manifest.xml"), "utf8");
    expect(committed).toBe(devXml);
  });

  test("development manifest is valid with production:false", () => {
    expect(validateManifest(devXml, DEV)).toEqual([]);
  });

  test("development manifest is rejected as a production manifest (localhost)", () => {
    expectError(validateManifest(devXml, PROD), "[url]", "localhost");
  });

  test("production build has only https URLs on the production host and is valid", () => {
    const urls = urlsIn(prodXml);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const u of urls) expect(u.startsWith(`${PROD_HOST}/`)).toBe(true);
    expect(prodXml).not.toMatch(/DefaultValue="http:/);
    expect(prodXml).not.toMatch(/localhost/);
    expect(validateManifest(prodXml, PROD)).toEqual([]);
  });

  test("the production host is replaceable, also with a base path", () => {
    const cfg = loadManifestConfig("production", { baseUrlOverride: "https://opgave.gemeente.nl/addin/" });
    const xml = buildManifest(cfg);
    expect(urlsIn(xml)).toContain("https://opgave.gemeente.nl/addin/taskpane.html");
    expect(validateManifest(xml, PROD)).toEqual([]);
  });

  test("shared runtime: Runtime, CustomFunctions Page, FunctionFile and ShowTaskpane share Taskpane.Url", () => {
    expect(devXml).toContain(`<Runtime resid="${RES.taskpaneUrl}" lifetime="long"/>`);
    expect(devXml).toContain(`<FunctionFile resid="${RES.taskpaneUrl}"/>`);
    expect(devXml).toContain(
      `<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>`,
    );
    expect(devXml).toContain(
      `<bt:Url id="Functions.Metadata.Url" DefaultValue="https://localhost:3000/functions.json"/>`,
    );
    expect(devXml).toContain(`<bt:String id="Functions.Namespace" DefaultValue="OPGAVE"/>`);
  });

  test("declares ExcelApi, SharedRuntime and CustomFunctionsRuntime with the minimums of manifest.config.json", () => {
    const names = REQUIREMENTS.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["ExcelApi", "SharedRuntime", "CustomFunctionsRuntime"]));
    for (const xml of [devXml, prodXml]) {
      for (const r of REQUIREMENTS) {
        expect(xml).toContain(`<Set Name="${r.name}" MinVersion="${r.minVersion}"/>`);
      }
    }
    // Office 2021 LTSC must still be offered the add-in.
    for (const r of REQUIREMENTS) {
      const max = OFFICE_2021[r.name];
      if (max) expect([r.name, compareVersions(r.minVersion, max) <= 0]).toEqual([r.name, true]);
    }
  });

  test("a SupportUrl, and <Script> names the functions' JavaScript bundle, not the page", () => {
    expect(devXml).toContain(`<SupportUrl DefaultValue="${devConfig.supportUrl}"/>`);
    expect(prodXml).toContain(`<SupportUrl DefaultValue="${prodConfig.supportUrl}"/>`);
    expect(devXml).toContain(`<Script>\n              <SourceLocation resid="${RES.functionsScriptUrl}"/>`);
    expect(devXml).toContain(
      `<bt:Url id="Functions.Script.Url" DefaultValue="https://localhost:3000/taskpane.js"/>`,
    );
    expect(prodXml).toContain(`<bt:Url id="Functions.Script.Url" DefaultValue="${PROD_HOST}/taskpane.js"/>`);
    // the shared runtime's page stays taskpane.html
    expect(devXml).toContain(`<Page>\n              <SourceLocation resid="${RES.taskpaneUrl}"/>`);
  });

  test("the support page can be replaced and must be https", () => {
    const cfg = loadManifestConfig("production", {
      supportUrlOverride: "https://www.gemeente.nl/opgave-hulp",
    });
    expect(buildManifest(cfg)).toContain(`<SupportUrl DefaultValue="https://www.gemeente.nl/opgave-hulp"/>`);
    expect(validateManifest(buildManifest(cfg), PROD)).toEqual([]);
    expect(() => normaliseSupportUrl("http://www.gemeente.nl/hulp")).toThrow(/https/);
    expect(() => normaliseSupportUrl("hulp")).toThrow(/geen geldige/);
  });

  test("manifest.config.json requirements: set names and major.minor versions, the three sets present", () => {
    expect(
      parseRequirements({ ExcelApi: "1.12", SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3" }, "c"),
    ).toEqual([
      { name: "ExcelApi", minVersion: "1.12" },
      { name: "SharedRuntime", minVersion: "1.1" },
      { name: "CustomFunctionsRuntime", minVersion: "1.3" },
    ]);
    expect(() => parseRequirements({ ExcelApi: "1.12", SharedRuntime: "1.1" }, "c")).toThrow(
      /CustomFunctionsRuntime ontbreekt/,
    );
    expect(() =>
      parseRequirements({ ExcelApi: 1.12, SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3" }, "c"),
    ).toThrow(/ExcelApi moet een versie/);
    expect(() => parseRequirements(["ExcelApi"], "c")).toThrow(/object/);
  });

  test("values are XML-escaped, not pasted", () => {
    const nasty: ManifestConfig = { ...devConfig, description: `Tom & Jerry <b>"quotes"</b> 'apos'` };
    const xml = buildManifest(nasty);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as {
      OfficeApp: { Description: { DefaultValue: string } };
    };
    expect(parsed.OfficeApp.Description.DefaultValue).toBe(nasty.description);
    expect(validateManifest(xml, DEV)).toEqual([]);
  });
});

describe("icons", () => {
  test.each([...ICON_SIZES])(
    "assets/icon-%i.png is a real, non-blank PNG equal to make-icons output",
    (size) => {
      const png = PNG.sync.read(fs.readFileSync(path.join(REPO_ROOT, "assets", `icon-${size}.png`)));
      expect([png.width, png.height]).toEqual([size, size]);
      const colours = new Set<string>();
      for (let i = 0; i < png.data.length; i += 4) {
        if (png.data[i + 3] === 255) colours.add(`${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`);
      }
      expect(colours.size).toBeGreaterThan(1);
      expect(Buffer.compare(png.data, drawIcon(size).data)).toBe(0);
    },
  );
});

describe("validateManifest rejects broken manifests", () => {
  test("malformed XML", () => {
    const errors = validateManifest(mutate(devXml, "</DefaultSettings>", ""), DEV);
    expect(errors).toHaveLength(1);
    expectError(errors, "[xml]", "well-formed");
  });

  test("dangling resid", () => {
    const xml = mutate(devXml, `<Label resid="${RES.groupLabel}"/>`, `<Label resid="Bestaat.Niet"/>`);
    expectError(validateManifest(xml, DEV), "[resid]", "Bestaat.Niet", "niet-gedefinieerde");
  });

  test("resid pointing at the wrong kind of resource", () => {
    const xml = mutate(
      devXml,
      `<Namespace resid="${RES.functionsNamespace}"/>`,
      `<Namespace resid="${RES.taskpaneUrl}"/>`,
    );
    expectError(validateManifest(xml, DEV), "[resid]", "Taskpane.Url", "bt:ShortStrings");
  });

  test("Runtime resid different from the FunctionFile resid", () => {
    const xml = mutate(
      devXml,
      `<FunctionFile resid="${RES.taskpaneUrl}"/>`,
      `<FunctionFile resid="Functions.Metadata.Url"/>`,
    );
    expectError(validateManifest(xml, DEV), "[shared-runtime]", "<FunctionFile>", "Functions.Metadata.Url");
  });

  test("Runtime on its own url resource breaks Page, FunctionFile and ShowTaskpane consistency", () => {
    let xml = mutate(devXml, `<Runtime resid="${RES.taskpaneUrl}"`, `<Runtime resid="Runtime.Url"`);
    xml = mutate(
      xml,
      "</bt:Urls>",
      `  <bt:Url id="Runtime.Url" DefaultValue="https://localhost:3000/taskpane.html"/>\n      </bt:Urls>`,
    );
    const errors = validateManifest(xml, DEV);
    expectError(errors, "[shared-runtime]", "CustomFunctions <Page>");
    expectError(errors, "[shared-runtime]", "<FunctionFile>");
    expectError(errors, "[shared-runtime]", "ShowTaskpane");
  });

  test("short runtime lifetime, a second Runtime, and a missing SharedRuntime requirement", () => {
    expectError(
      validateManifest(mutate(devXml, `lifetime="long"`, `lifetime="short"`), DEV),
      "[shared-runtime]",
      "lifetime",
    );
    const runtime = `<Runtime resid="${RES.taskpaneUrl}" lifetime="long"/>`;
    const two = mutate(devXml, runtime, runtime + runtime);
    expectError(validateManifest(two, DEV), "[shared-runtime]", "precies één <Runtime>", "2");
    expectError(
      validateManifest(
        mutate(
          devXml,
          `<Set Name="SharedRuntime" MinVersion="1.1"/>`,
          `<Set Name="ExcelApi" MinVersion="1.1"/>`,
        ),
        DEV,
      ),
      "[shared-runtime]",
      "SharedRuntime",
    );
  });

  test("requirement sets: missing, lower than the code needs, above Office 2021, twice, not a version", () => {
    const cf = `<Set Name="CustomFunctionsRuntime" MinVersion="1.3"/>`;
    const excel = `<Set Name="ExcelApi" MinVersion="${REQUIREMENTS.find((r) => r.name === "ExcelApi")?.minVersion}"/>`;
    expectError(
      validateManifest(mutate(devXml, cf, ""), DEV),
      "[vereisten]",
      "CustomFunctionsRuntime",
      "ontbreekt",
    );
    expectError(validateManifest(mutate(devXml, excel, ""), DEV), "[vereisten]", "ExcelApi", "ontbreekt");
    expectError(
      validateManifest(mutate(devXml, excel, `<Set Name="ExcelApi" MinVersion="1.1"/>`), DEV),
      "[vereisten]",
      "ExcelApi MinVersion 1.1 is lager dan wat de code nodig heeft",
      "check:office",
    );
    // Without the code's minimums (another manifest) only presence and the Office 2021 ceiling count.
    expect(
      validateManifest(mutate(devXml, excel, `<Set Name="ExcelApi" MinVersion="1.1"/>`), {
        ...DEV,
        requirements: undefined,
      }),
    ).toEqual([]);
    expectError(
      validateManifest(mutate(devXml, excel, `<Set Name="ExcelApi" MinVersion="1.15"/>`), DEV),
      "[vereisten]",
      "ExcelApi MinVersion 1.15 is hoger dan Office 2021 ondersteunt (1.14)",
    );
    expectError(
      validateManifest(mutate(devXml, cf, `<Set Name="CustomFunctionsRuntime" MinVersion="1.4"/>`), DEV),
      "[vereisten]",
      "Office 2021",
    );
    expectError(validateManifest(mutate(devXml, cf, cf + cf), DEV), "[vereisten]", "meer dan één keer");
    expectError(
      validateManifest(mutate(devXml, cf, `<Set Name="CustomFunctionsRuntime" MinVersion="1"/>`), DEV),
      "[vereisten]",
      "geen versie",
    );
  });

  test("a Script that points at a page, and a missing Script", () => {
    const script = `<SourceLocation resid="${RES.functionsScriptUrl}"/>`;
    expectError(
      validateManifest(mutate(devXml, script, `<SourceLocation resid="${RES.taskpaneUrl}"/>`), DEV),
      "[verplicht]",
      "Script-URL",
      "taskpane.html",
    );
    expectError(
      validateManifest(mutate(devXml, `<Script>\n              ${script}\n            </Script>`, ""), DEV),
      "[verplicht]",
      "<Script>",
    );
  });

  test("SupportUrl: required, may be on another origin, must be https", () => {
    const support = `<SupportUrl DefaultValue="${devConfig.supportUrl}"/>`;
    expectError(validateManifest(mutate(devXml, support, ""), DEV), "[verplicht]", "<SupportUrl> ontbreekt");
    expect(new URL(devConfig.supportUrl).origin).not.toBe(new URL(devConfig.baseUrl).origin);
    expect(validateManifest(devXml, DEV)).toEqual([]);
    expectError(
      validateManifest(
        mutate(devXml, support, `<SupportUrl DefaultValue="http://opgave.example.nl/hulp"/>`),
        DEV,
      ),
      "[url]",
      "<SupportUrl>",
      "https",
    );
  });

  test("a second origin", () => {
    const xml = mutate(
      devXml,
      "https://localhost:3000/functions.json",
      "https://cdn.example.com/functions.json",
    );
    expectError(validateManifest(xml, DEV), "[url]", "één origin", "https://cdn.example.com");
  });

  test("http in production", () => {
    const xml = mutate(prodXml, `${PROD_HOST}/taskpane.html`, "http://opgave.example.nl/taskpane.html", true);
    const errors = validateManifest(xml, PROD);
    expectError(errors, "[url]", "http://opgave.example.nl/taskpane.html", "https");
    // The same file is acceptable for development rules apart from the mixed origins.
    expect(validateManifest(xml, DEV).every((e) => !e.includes("moet https zijn"))).toBe(true);
  });

  test("a missing icon file", () => {
    const root = tempRepo();
    fs.rmSync(path.join(root, "assets", "icon-80.png"));
    expectError(
      validateManifest(devXml, { production: false, repoRoot: root }),
      "[icoon]",
      "icon-80.png",
      "bestaat niet",
    );
  });

  test("an icon with the wrong pixel size", () => {
    const root = tempRepo();
    fs.writeFileSync(path.join(root, "assets", "icon-32.png"), PNG.sync.write(drawIcon(16)));
    const errors = validateManifest(devXml, { production: false, repoRoot: root });
    expectError(errors, "[icoon]", "<IconUrl>", "16x16 pixels, verwacht 32x32");
    expectError(errors, "[icoon]", "Icon.32x32", "16x16 pixels, verwacht 32x32");
  });

  test("an icon that is not a PNG, and a size attribute that contradicts the resource", () => {
    const root = tempRepo();
    fs.writeFileSync(path.join(root, "assets", "icon-64.png"), "geen png");
    expectError(
      validateManifest(devXml, { production: false, repoRoot: root }),
      "[icoon]",
      "icon-64.png",
      "geen geldige PNG",
    );
    const xml = mutate(
      devXml,
      `<bt:Image size="80" resid="Icon.80x80"/>`,
      `<bt:Image size="64" resid="Icon.80x80"/>`,
      true,
    );
    expectError(validateManifest(xml, DEV), "[icoon]", `size="64"`, "Icon.80x80");
  });

  test("a bad GUID and a bad version", () => {
    const badId = mutate(devXml, `<Id>${devConfig.id}</Id>`, "<Id>opgave-addin</Id>");
    expectError(validateManifest(badId, DEV), "[id]", "opgave-addin", "GUID");
    const badVersion = mutate(devXml, "<Version>1.0.0.0</Version>", "<Version>1.0.0</Version>");
    expectError(validateManifest(badVersion, DEV), "[versie]", "n.n.n.n");
  });

  test("a namespace of 33 characters, and a lowercase namespace", () => {
    const long = mutate(devXml, `DefaultValue="OPGAVE"`, `DefaultValue="${"A".repeat(33)}"`);
    expectError(validateManifest(long, DEV), "[namespace]", "32");
    const lower = mutate(devXml, `DefaultValue="OPGAVE"`, `DefaultValue="opgave"`);
    expectError(validateManifest(lower, DEV), "[namespace]", "hoofdletters");
    const ok32 = mutate(devXml, `DefaultValue="OPGAVE"`, `DefaultValue="${"A".repeat(30)}.B"`);
    expect(validateManifest(ok32, DEV).filter((e) => e.startsWith("[namespace]"))).toEqual([]);
  });

  test("missing required elements and wrong permissions", () => {
    const noProvider = mutate(devXml, "<ProviderName>Opgave</ProviderName>", "");
    expectError(validateManifest(noProvider, DEV), "[verplicht]", "<ProviderName> ontbreekt");
    const readOnly = mutate(
      devXml,
      "<Permissions>ReadWriteDocument</Permissions>",
      "<Permissions>ReadDocument</Permissions>",
    );
    expectError(validateManifest(readOnly, DEV), "[verplicht]", "ReadWriteDocument");
    const noWorkbook = mutate(devXml, `<Host Name="Workbook"/>`, `<Host Name="Document"/>`);
    expectError(validateManifest(noWorkbook, DEV), "[verplicht]", "Workbook");
  });
});

describe("validateManifest: functions.json against the source ids", () => {
  const fj = (...ids: string[]): unknown => ({ functions: ids.map((id) => ({ id, name: id })) });

  test("equal sets (any order) pass", () => {
    expect(
      validateManifest(devXml, { ...DEV, functionsJson: fj("B.X", "A"), sourceFunctionIds: ["A", "B.X"] }),
    ).toEqual([]);
  });

  test("missing and extra ids are both reported", () => {
    const errors = validateManifest(devXml, {
      ...DEV,
      functionsJson: fj("A", "EXTRA"),
      sourceFunctionIds: ["A", "MIST"],
    });
    expectError(errors, "[functies]", "mist", "MIST");
    expectError(errors, "[functies]", "niet in de bron", "EXTRA");
  });

  test("ids must be uppercase [A-Z][A-Z0-9._]*, unique, and functions.json must have a functions array", () => {
    expectError(
      validateManifest(devXml, { ...DEV, functionsJson: fj("som") }),
      "[functies]",
      `"som"`,
      "hoofdletters",
    );
    expectError(validateManifest(devXml, { ...DEV, functionsJson: fj("1SOM") }), "[functies]", `"1SOM"`);
    expectError(
      validateManifest(devXml, { ...DEV, functionsJson: fj("A", "A") }),
      "[functies]",
      "meer dan één keer",
    );
    expectError(validateManifest(devXml, { ...DEV, functionsJson: { fns: [] } }), "[functies]", "functions");
  });
});

describe("validate-manifest CLI", () => {
  const runCli = (...args: string[]) =>
    spawnSync("npx", ["tsx", "scripts/validate-manifest.ts", ...args], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
  const isolate = [
    "--functions",
    path.join(os.tmpdir(), "bestaat-niet.json"),
    "--source",
    path.join(os.tmpdir(), "bestaat-niet.ts"),
  ];

  test("exits non-zero with the messages on stderr for a broken manifest", () => {
    const dir = tempRepo();
    const broken = path.join(dir, "broken.xml");
    fs.writeFileSync(
      broken,
      mutate(devXml, `<FunctionFile resid="${RES.taskpaneUrl}"/>`, `<FunctionFile resid="Nergens.Url"/>`),
    );
    const res = runCli(broken, ...isolate);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("NIET geldig");
    expect(res.stderr).toContain(`[resid] resid "Nergens.Url"`);
    expect(res.stderr).toContain("[shared-runtime] <FunctionFile>");

    const malformed = path.join(dir, "malformed.xml");
    fs.writeFileSync(malformed, "<OfficeApp><Id></OfficeApp>");
    const res2 = runCli(malformed, ...isolate);
    expect(res2.status).toBe(1);
    expect(res2.stderr).toContain("[xml] manifest is geen well-formed XML");
  }, 120_000);

  test("prints 'manifest OK' for the committed manifest", () => {
    const res = runCli("manifest.xml", ...isolate);
    expect(res.stderr).not.toContain("NIET geldig");
    expect(res.status).toBe(0);
    expect(res.stdout).toContain("manifest OK");
  }, 60_000);
});
