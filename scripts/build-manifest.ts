/**
 * Writes the add-in manifest from manifest/manifest.config.json.
 *
 *   npx tsx scripts/build-manifest.ts                                   → manifest.xml (development, committed)
 *   npx tsx scripts/build-manifest.ts --profile production --out dist/manifest.prod.xml
 *   npx tsx scripts/build-manifest.ts --profile production --base-url https://opgave.gemeente.nl --out <file>
 *   … --support-url https://www.gemeente.nl/opgave-hulp    the page behind <SupportUrl> (default: the profile's)
 */
import * as fs from "fs";
import * as path from "path";
import { buildManifest } from "../manifest/buildManifest";
import { isProfileName, loadManifestConfig, PROFILE_NAMES, ProfileName } from "../manifest/config";

const REPO_ROOT = path.resolve(__dirname, "..");

interface Args {
  profile: ProfileName;
  out: string;
  baseUrl?: string;
  supportUrl?: string;
}

function parseArgs(argv: string[]): Args {
  let profile: ProfileName = "development";
  let out: string | undefined;
  let baseUrl: string | undefined;
  let supportUrl: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${arg} verwacht een waarde`);
      return v;
    };
    if (arg === "--profile") {
      const p = value();
      if (!isProfileName(p))
        throw new Error(`onbekend profiel "${p}" (kies uit: ${PROFILE_NAMES.join(", ")})`);
      profile = p;
    } else if (arg === "--out") {
      out = value();
    } else if (arg === "--base-url") {
      baseUrl = value();
    } else if (arg === "--support-url") {
      supportUrl = value();
    } else {
      throw new Error(`onbekend argument "${arg}"`);
    }
  }
  if (profile !== "development" && out === undefined) {
    throw new Error(
      `--profile ${profile} vereist --out <bestand> (manifest.xml is het development-manifest)`,
    );
  }
  return { profile, out: path.resolve(out ?? path.join(REPO_ROOT, "manifest.xml")), baseUrl, supportUrl };
}

function main(): void {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`build-manifest: ${(e as Error).message}`);
    process.exit(2);
  }
  const config = loadManifestConfig(args.profile, {
    baseUrlOverride: args.baseUrl,
    supportUrlOverride: args.supportUrl,
  });
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, buildManifest(config), "utf8");
  console.log(
    `manifest (${args.profile}, ${config.baseUrl}) geschreven naar ${path.relative(process.cwd(), args.out)}`,
  );
}

main();
