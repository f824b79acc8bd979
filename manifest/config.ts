import * as fs from "fs";
import * as path from "path";

/** Default location of the manifest configuration (one file, two profiles). */
export const MANIFEST_CONFIG_PATH = path.join(__dirname, "manifest.config.json");

export const PROFILE_NAMES = ["development", "production"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** A fully resolved manifest profile: the shared settings plus one profile's host. */
export interface ManifestConfig {
  profile: ProfileName;
  /** Stable add-in GUID. Never change it after the first release. */
  id: string;
  /** Four-part version, e.g. 1.0.0.0. */
  version: string;
  providerName: string;
  displayName: string;
  description: string;
  defaultLocale: string;
  /** Custom-functions namespace (ShortString), e.g. OPGAVE. */
  namespace: string;
  /** Origin (optionally with a base path) that serves taskpane.html, functions.json and assets/. No trailing slash. */
  baseUrl: string;
  /** The publisher's support page (<SupportUrl>): shown by Office next to the add-in; may be on another origin. */
  supportUrl: string;
  /**
   * The requirement sets the manifest declares, with their minimum versions, in this order (<Requirements><Sets>).
   * The one truth for the manifest builder, the validator and `npm run check:office` (scripts/check-office.ts).
   */
  requirements: readonly Requirement[];
}

/** One requirement set the manifest declares, e.g. { name: "ExcelApi", minVersion: "1.12" }. */
export interface Requirement {
  name: string;
  minVersion: string;
}

/**
 * Paths (relative to baseUrl) that the web build must serve. The webpack build is responsible for emitting
 * exactly these files; the manifest builder and the validator both use this table.
 */
export const WEB_PATHS = {
  taskpane: "taskpane.html",
  /** The JavaScript bundle holding the custom functions and their CustomFunctions.associate calls (webpack entry "taskpane"). */
  functionsScript: "taskpane.js",
  functionsMetadata: "functions.json",
  icon16: "assets/icon-16.png",
  icon32: "assets/icon-32.png",
  icon64: "assets/icon-64.png",
  icon80: "assets/icon-80.png",
} as const;

export const ICON_SIZES = [16, 32, 64, 80] as const;

interface RawConfigFile {
  id: string;
  version: string;
  providerName: string;
  displayName: string;
  description: string;
  defaultLocale: string;
  namespace: string;
  requirements: Record<string, unknown>;
  profiles: Record<string, { baseUrl: string; supportUrl: string } | undefined>;
}

function requireString(obj: Record<string, unknown>, key: string, where: string): string {
  const value = obj[key];
  if (typeof value !== "string" || value.trim() === "") {
    throw new Error(`${where}: "${key}" moet een niet-lege tekst zijn`);
  }
  return value;
}

/** Normalises and checks a base URL: absolute http(s), no query or fragment, no trailing slash. */
export function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`baseUrl "${baseUrl}" is geen geldige absolute URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`baseUrl "${baseUrl}" moet met https:// beginnen`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`baseUrl "${baseUrl}" mag geen query, fragment of inloggegevens bevatten`);
  }
  return url.href.replace(/\/+$/, "");
}

/** Checks the `requirements` object of manifest.config.json (set names, "major.minor" versions), in file order. */
export function parseRequirements(value: unknown, where: string): Requirement[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${where}: "requirements" moet een object zijn zoals {"ExcelApi": "1.12"}`);
  }
  const out: Requirement[] = [];
  for (const [name, minVersion] of Object.entries(value as Record<string, unknown>)) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`${where}: "${name}" is geen requirement set`);
    if (typeof minVersion !== "string" || !/^\d+\.\d+$/.test(minVersion)) {
      throw new Error(`${where}: requirements.${name} moet een versie zoals "1.1" zijn`);
    }
    out.push({ name, minVersion });
  }
  for (const needed of ["SharedRuntime", "CustomFunctionsRuntime", "ExcelApi"]) {
    if (!out.some((r) => r.name === needed)) throw new Error(`${where}: requirements.${needed} ontbreekt`);
  }
  return out;
}

/**
 * The minimum version of every requirement set the manifest declares, read from manifest.config.json — what
 * `npm run check:office` holds the code against.
 */
export function loadRequirements(configPath: string = MANIFEST_CONFIG_PATH): Requirement[] {
  const raw = JSON.parse(fs.readFileSync(configPath, "utf8")) as Partial<RawConfigFile>;
  return parseRequirements(raw.requirements, path.basename(configPath));
}

/** Checks a support page address: absolute https (Office opens it in the browser), no credentials. */
export function normaliseSupportUrl(supportUrl: string): string {
  let url: URL;
  try {
    url = new URL(supportUrl);
  } catch {
    throw new Error(`supportUrl "${supportUrl}" is geen geldige absolute URL`);
  }
  if (url.protocol !== "https:") throw new Error(`supportUrl "${supportUrl}" moet met https:// beginnen`);
  if (url.username || url.password)
    throw new Error(`supportUrl "${supportUrl}" mag geen inloggegevens bevatten`);
  return url.href;
}

/** Reads manifest.config.json and resolves one profile. `baseUrlOverride` replaces the profile's host. */
export function loadManifestConfig(
  profile: ProfileName,
  options: { configPath?: string; baseUrlOverride?: string; supportUrlOverride?: string } = {},
): ManifestConfig {
  const configPath = options.configPath ?? MANIFEST_CONFIG_PATH;
  const raw = JSON.parse(fs.readFileSync(configPath, "utf8")) as Partial<RawConfigFile>;
  const where = path.basename(configPath);
  const rec = raw as Record<string, unknown>;
  const profiles = raw.profiles;
  if (!profiles || typeof profiles !== "object") {
    throw new Error(`${where}: "profiles" ontbreekt`);
  }
  const selected = profiles[profile];
  if (!selected || typeof selected !== "object") {
    throw new Error(`${where}: profiel "${profile}" ontbreekt`);
  }
  const baseUrl = options.baseUrlOverride ?? requireString(selected, "baseUrl", `${where} (${profile})`);
  const supportUrl =
    options.supportUrlOverride ?? requireString(selected, "supportUrl", `${where} (${profile})`);
  return {
    profile,
    id: requireString(rec, "id", where),
    version: requireString(rec, "version", where),
    providerName: requireString(rec, "providerName", where),
    displayName: requireString(rec, "displayName", where),
    description: requireString(rec, "description", where),
    defaultLocale: requireString(rec, "defaultLocale", where),
    namespace: requireString(rec, "namespace", where),
    baseUrl: normaliseBaseUrl(baseUrl),
    supportUrl: normaliseSupportUrl(supportUrl),
    requirements: parseRequirements(raw.requirements, where),
  };
}

export function isProfileName(value: string): value is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(value);
}

/** Joins the profile's base URL and a web path from WEB_PATHS. */
export function webUrl(config: Pick<ManifestConfig, "baseUrl">, relativePath: string): string {
  return `${config.baseUrl}/${relativePath.replace(/^\/+/, "")}`;
}
