/**
 * Offline manifest check (npm run validate).
 *
 *   npx tsx scripts/validate-manifest.ts                      → checks manifest.xml (development rules)
 *   npx tsx scripts/validate-manifest.ts --production         → checks dist/manifest.prod.xml (https only) and that
 *                                                               dist/ holds every file it names (manifest/config.ts
 *                                                               WEB_PATHS)
 *   npx tsx scripts/validate-manifest.ts <file> [--production]
 *   options: --functions <functions.json>  (default dist/functions.json, if it exists)
 *            --source <functions.ts>       (default src/functions/functions.ts, if it exists)
 *
 * The requirement sets must be at least the minimums of manifest/manifest.config.json (what npm run check:office
 * holds the code to).
 *
 * Exit code 0 with a short summary when valid; exit code 1 with every problem on stderr otherwise.
 */
import * as fs from "fs";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { OfficeAddinManifest } from "office-addin-manifest";
import { loadRequirements, WEB_PATHS } from "../manifest/config";
import { validateManifest } from "../manifest/validateManifest";

const REPO_ROOT = path.resolve(__dirname, "..");

interface Args {
  manifest: string;
  production: boolean;
  functionsJson: string;
  functionsSource: string;
}

function parseArgs(argv: string[]): Args {
  let production = false;
  let manifest: string | undefined;
  let functionsJson: string | undefined;
  let functionsSource: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} verwacht een waarde`);
      return v;
    };
    if (arg === "--production") production = true;
    else if (arg === "--functions") functionsJson = value();
    else if (arg === "--source") functionsSource = value();
    else if (arg.startsWith("--")) throw new Error(`onbekende optie "${arg}"`);
    else if (manifest === undefined) manifest = arg;
    else throw new Error(`meer dan één manifestbestand opgegeven ("${manifest}", "${arg}")`);
  }
  return {
    production,
    manifest: manifest
      ? path.resolve(manifest)
      : path.join(REPO_ROOT, production ? path.join("dist", "manifest.prod.xml") : "manifest.xml"),
    functionsJson: functionsJson
      ? path.resolve(functionsJson)
      : path.join(REPO_ROOT, "dist", "functions.json"),
    functionsSource: functionsSource
      ? path.resolve(functionsSource)
      : path.join(REPO_ROOT, "src", "functions", "functions.ts"),
  };
}

async function sourceFunctionIds(file: string, errors: string[]): Promise<string[] | undefined> {
  const result = await generateCustomFunctionsMetadata(file, false);
  if (result.errors.length > 0) {
    errors.push(
      `[functies] custom-functions-metadata meldt fouten in ${path.relative(REPO_ROOT, file)}:\n  ` +
        result.errors.join("\n  "),
    );
    return undefined;
  }
  if (!result.metadataJson) return [];
  const parsed = JSON.parse(result.metadataJson) as { functions?: Array<{ id?: string }> };
  return (parsed.functions ?? []).map((f) => f.id ?? "");
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`validate-manifest: ${(e as Error).message}`);
    return 2;
  }
  const rel = (p: string): string => path.relative(process.cwd(), p) || p;
  const warnings: string[] = [];
  const errors: string[] = [];

  if (!fs.existsSync(args.manifest)) {
    console.error(
      `[bestand] manifest ${rel(args.manifest)} bestaat niet` +
        (args.production
          ? " (maak het met: npx tsx scripts/build-manifest.ts --profile production --out dist/manifest.prod.xml)"
          : ""),
    );
    return 1;
  }
  const xml = fs.readFileSync(args.manifest, "utf8");

  let functionsJson: unknown;
  if (fs.existsSync(args.functionsJson)) {
    try {
      functionsJson = JSON.parse(fs.readFileSync(args.functionsJson, "utf8"));
    } catch (e) {
      errors.push(`[functies] ${rel(args.functionsJson)} is geen geldige JSON: ${(e as Error).message}`);
    }
  } else if (args.production) {
    // A production check without the built functions.json would pass a broken build.
    errors.push(`[functies] ${rel(args.functionsJson)} ontbreekt: bouw eerst (npm run build)`);
  } else {
    warnings.push(
      `${rel(args.functionsJson)} bestaat niet (nog geen build?): controle van functions.json overgeslagen`,
    );
  }

  let sourceIds: string[] | undefined;
  if (fs.existsSync(args.functionsSource)) {
    sourceIds = await sourceFunctionIds(args.functionsSource, errors);
  } else {
    warnings.push(
      `${rel(args.functionsSource)} bestaat niet: vergelijking met de functie-ids uit de bron overgeslagen`,
    );
  }

  // Microsoft's own manifest reader (office-addin-manifest, offline part) must also accept it.
  try {
    const m = await OfficeAddinManifest.readManifestFile(args.manifest);
    if (m.officeAppType !== "TaskPaneApp" || !(m.hosts ?? []).includes("Workbook")) {
      errors.push(
        `[office-addin-manifest] verwacht TaskPaneApp voor Workbook, gelezen: ${m.officeAppType} ${m.hosts}`,
      );
    }
  } catch (e) {
    errors.push(`[office-addin-manifest] ${(e as Error).message.split("\n")[0]}`);
  }

  // The production manifest goes out with dist/: every file it names must be there (a renamed webpack entry
  // would otherwise leave <Script> pointing nowhere).
  if (args.production) {
    const dist = path.join(REPO_ROOT, "dist");
    for (const p of Object.values(WEB_PATHS)) {
      if (!fs.existsSync(path.join(dist, p))) {
        errors.push(`[bestand] ${rel(path.join(dist, p))} ontbreekt, maar het manifest verwijst ernaar`);
      }
    }
  }

  // Source ids are always shape-checked; they are compared with functions.json only when that exists.
  errors.push(
    ...validateManifest(xml, {
      production: args.production,
      repoRoot: REPO_ROOT,
      functionsJson,
      sourceFunctionIds: sourceIds,
      requirements: loadRequirements(),
    }),
  );

  for (const w of warnings) console.error(`waarschuwing: ${w}`);
  if (errors.length > 0) {
    console.error(
      `manifest ${rel(args.manifest)} is NIET geldig (${errors.length} ${errors.length === 1 ? "fout" : "fouten"}):`,
    );
    for (const e of errors) console.error(`  - ${e}`);
    return 1;
  }
  const fnInfo =
    functionsJson !== undefined && sourceIds !== undefined
      ? `${sourceIds.length} functie-ids gelijk aan de bron`
      : "functies niet vergeleken";
  console.log(
    `manifest OK: ${rel(args.manifest)} (${args.production ? "productie" : "development"}; ${fnInfo})`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(
      `validate-manifest: onverwachte fout: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
    process.exit(1);
  },
);
