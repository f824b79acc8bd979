import * as fs from "fs";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { PNG } from "pngjs";

/**
 * Offline structural validator for the Opgave XML add-in-only manifest.
 *
 * Microsoft's `office-addin-manifest validate` needs an online service and no npm package ships the add-in
 * XSDs, so this checks the things that actually break our add-in: well-formedness, required elements,
 * resource references, shared-runtime consistency, the declared requirement sets (at least what the code needs, at
 * most what Office 2021 has), one https origin, real icon files, the custom-functions script and namespace and the
 * functions.json ids.
 *
 * Every message starts with a category in brackets, e.g. "[resid]", so callers and tests can group them.
 */
export interface ValidateOptions {
  /** Production build: every URL must be https and must not point at localhost. */
  production: boolean;
  /** Repository root; icons are looked up as `<repoRoot>/assets/<file>`. */
  repoRoot: string;
  /** Parsed `dist/functions.json` from the build, if available. */
  functionsJson?: unknown;
  /** Function ids computed from the source (custom-functions-metadata), if available. */
  sourceFunctionIds?: string[];
  /**
   * The minimum version per requirement set the code needs (manifest/manifest.config.json `requirements`, which
   * `npm run check:office` holds the code to): the manifest must declare each, at least that version.
   */
  requirements?: ReadonlyArray<{ name: string; minVersion: string }>;
}

/**
 * The highest version of each set that Office 2021 (LTSC, volume-licensed; Version 2108) supports, from Microsoft's
 * requirement-set tables (Excel: ExcelApi 1.14; Shared runtime: 1.1, 1.2 needs Excel 2024; Custom functions: 1.3,
 * 1.4 "not supported" on volume-licensed perpetual). A higher minimum hides Opgave in Office 2021, which the README
 * promises to support.
 */
export const OFFICE_2021: Readonly<Record<string, string>> = {
  ExcelApi: "1.14",
  SharedRuntime: "1.1",
  CustomFunctionsRuntime: "1.3",
};

/** Sets the manifest must declare: the shared runtime, the custom functions and the Excel API. */
const REQUIRED_SETS = ["SharedRuntime", "CustomFunctionsRuntime", "ExcelApi"] as const;

const NS_OFFICEAPP = "http://schemas.microsoft.com/office/appforoffice/1.1";
const NS_TASKPANE_OVERRIDES = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";

const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const VERSION_RE = /^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/;
const LOCALE_RE = /^[a-z]{2,3}-[A-Z]{2}$/;
const NAMESPACE_RE = /^[A-Z0-9.]+$/;
const FUNCTION_ID_RE = /^[A-Z][A-Z0-9._]*$/;
const MAX_RESID = 32;
const MAX_NAMESPACE = 32;
const MAX_SHORT_STRING = 125;
const MAX_LONG_STRING = 250;
const SET_VERSION_RE = /^\d+\.\d+$/;

/** Compares "1.9" and "1.13" as versions (1.9 < 1.13). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Order of the base-manifest children of a TaskPaneApp (subset that we know; unknown ones are ignored). */
const BASE_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "VersionOverrides",
];

// ---------------------------------------------------------------------------------------------------------
// Minimal element tree on top of fast-xml-parser's preserveOrder output.

interface El {
  name: string;
  local: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
  parent: El | undefined;
}

type OrderedNode = Record<string, unknown>;

function toTree(nodes: OrderedNode[], parent: El | undefined): El[] {
  const out: El[] = [];
  for (const node of nodes) {
    const keys = Object.keys(node).filter((k) => k !== ":@");
    const key = keys[0];
    if (key === undefined || key === "#text" || key.startsWith("?") || key.startsWith("!")) continue;
    const rawAttrs = (node[":@"] ?? {}) as Record<string, unknown>;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = String(v);
    const colon = key.indexOf(":");
    const el: El = {
      name: key,
      local: colon >= 0 ? key.slice(colon + 1) : key,
      attrs,
      children: [],
      text: "",
      parent,
    };
    const kids = (Array.isArray(node[key]) ? node[key] : []) as OrderedNode[];
    el.text = kids
      .filter((k) => "#text" in k)
      .map((k) => String(k["#text"]))
      .join("")
      .trim();
    el.children = toTree(kids, el);
    out.push(el);
  }
  return out;
}

function kids(el: El | undefined, local: string): El[] {
  return el ? el.children.filter((c) => c.local === local) : [];
}

function kid(el: El | undefined, local: string): El | undefined {
  return kids(el, local)[0];
}

function descendants(el: El, pred: (e: El) => boolean, acc: El[] = []): El[] {
  for (const c of el.children) {
    if (pred(c)) acc.push(c);
    descendants(c, pred, acc);
  }
  return acc;
}

function pathOf(el: El): string {
  const parts: string[] = [];
  for (let e: El | undefined = el; e; e = e.parent) {
    const type = e.attrs["xsi:type"];
    parts.unshift(type ? `${e.name}[${type}]` : e.name);
  }
  return parts.join("/");
}

function xsiType(el: El): string | undefined {
  return el.attrs["xsi:type"];
}

// ---------------------------------------------------------------------------------------------------------

type ResourceKind = "image" | "url" | "shortString" | "longString";

interface Resource {
  id: string;
  kind: ResourceKind;
  value: string;
  el: El;
}

const RESOURCE_GROUPS: Record<string, { item: string; kind: ResourceKind }> = {
  Images: { item: "Image", kind: "image" },
  Urls: { item: "Url", kind: "url" },
  ShortStrings: { item: "String", kind: "shortString" },
  LongStrings: { item: "String", kind: "longString" },
};

const KIND_LABEL: Record<ResourceKind, string> = {
  image: "bt:Image",
  url: "bt:Url",
  shortString: "bt:String in bt:ShortStrings",
  longString: "bt:String in bt:LongStrings",
};

/** Which resource kind an element with a `resid` must point at (undefined = any). */
function expectedKind(el: El): ResourceKind | undefined {
  switch (el.local) {
    case "Image":
      return "image";
    case "SourceLocation":
    case "Runtime":
    case "FunctionFile":
    case "LearnMoreUrl":
      return "url";
    case "Namespace":
    case "Label":
    case "Title":
      return "shortString";
    case "Description":
      return "longString";
    default:
      return undefined;
  }
}

interface PngInfo {
  width: number;
  height: number;
}

function readPng(file: string): PngInfo | string {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return `kan niet gelezen worden (${(e as Error).message})`;
  }
  try {
    const png = PNG.sync.read(buf);
    return { width: png.width, height: png.height };
  } catch (e) {
    return `is geen geldige PNG (${(e as Error).message})`;
  }
}

/** Maps an icon URL to `<repoRoot>/assets/<file>`; returns an error text when the URL is not under /assets/. */
function iconFileFor(urlText: string, repoRoot: string): string | { error: string } {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return { error: `"${urlText}" is geen geldige URL` };
  }
  const marker = "/assets/";
  const idx = url.pathname.lastIndexOf(marker);
  if (idx < 0) return { error: `"${urlText}" ligt niet onder /assets/` };
  const rel = decodeURIComponent(url.pathname.slice(idx + marker.length));
  if (rel === "" || rel.split("/").some((p) => p === ".." || p === "")) {
    return { error: `"${urlText}" verwijst niet naar een bestand onder /assets/` };
  }
  return path.join(repoRoot, "assets", ...rel.split("/"));
}

function sizeFromResid(id: string): number | undefined {
  const m = /(\d+)x(\d+)/.exec(id);
  if (!m || m[1] !== m[2]) return undefined;
  return Number(m[1]);
}

function extractFunctionIds(functionsJson: unknown, errors: string[]): string[] | undefined {
  if (!functionsJson || typeof functionsJson !== "object") {
    errors.push("[functies] functions.json is geen JSON-object");
    return undefined;
  }
  const fns = (functionsJson as { functions?: unknown }).functions;
  if (!Array.isArray(fns)) {
    errors.push('[functies] functions.json heeft geen "functions"-array');
    return undefined;
  }
  const ids: string[] = [];
  fns.forEach((fn: unknown, i) => {
    const id = fn && typeof fn === "object" ? (fn as { id?: unknown }).id : undefined;
    if (typeof id !== "string" || id === "") {
      errors.push(`[functies] functions.json: functie #${i} heeft geen "id"`);
    } else {
      ids.push(id);
    }
  });
  return ids;
}

function checkFunctionIdShape(ids: string[], where: string, errors: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (!FUNCTION_ID_RE.test(id)) {
      errors.push(`[functies] ${where}: id "${id}" moet hoofdletters zijn en voldoen aan [A-Z][A-Z0-9._]*`);
    }
    if (seen.has(id)) errors.push(`[functies] ${where}: id "${id}" komt meer dan één keer voor`);
    seen.add(id);
  }
}

/**
 * <Requirements><Sets>: each set once, with a "major.minor" MinVersion (or the Sets' DefaultMinVersion);
 * SharedRuntime ≥ 1.1, CustomFunctionsRuntime and ExcelApi declared; every set at least what the code needs
 * (`opts.requirements`) and at most what Office 2021 supports.
 */
function checkRequirements(root: El, opts: ValidateOptions, errors: string[]): void {
  const setsEls = kids(kid(root, "Requirements"), "Sets");
  const declared = new Map<string, string | undefined>();
  for (const setsEl of setsEls) {
    for (const set of kids(setsEl, "Set")) {
      const name = set.attrs["Name"];
      if (!name) {
        errors.push("[vereisten] <Set> zonder Name");
        continue;
      }
      const min = set.attrs["MinVersion"] ?? setsEl.attrs["DefaultMinVersion"];
      if (declared.has(name)) errors.push(`[vereisten] <Set Name="${name}"> komt meer dan één keer voor`);
      if (min === undefined || !SET_VERSION_RE.test(min)) {
        errors.push(`[vereisten] ${name}: MinVersion "${min ?? ""}" is geen versie zoals 1.1`);
        declared.set(name, undefined);
      } else {
        declared.set(name, min);
      }
    }
  }
  const shared = declared.get("SharedRuntime");
  if (!declared.has("SharedRuntime")) {
    errors.push(
      '[shared-runtime] <Requirements><Sets><Set Name="SharedRuntime" MinVersion="1.1"/> ontbreekt',
    );
  } else if (!shared || compareVersions(shared, "1.1") < 0) {
    errors.push(
      `[shared-runtime] SharedRuntime MinVersion moet minstens 1.1 zijn (gevonden: ${shared ?? "geen"})`,
    );
  }
  for (const name of REQUIRED_SETS) {
    if (name !== "SharedRuntime" && !declared.has(name)) {
      errors.push(
        `[vereisten] <Set Name="${name}"> ontbreekt: zonder biedt Excel Opgave ook aan waar het niet kan werken`,
      );
    }
  }
  for (const need of opts.requirements ?? []) {
    const have = declared.get(need.name);
    if (have !== undefined && compareVersions(have, need.minVersion) < 0) {
      errors.push(
        `[vereisten] ${need.name} MinVersion ${have} is lager dan wat de code nodig heeft: ${need.minVersion} ` +
          "(manifest/manifest.config.json; npm run check:office)",
      );
    } else if (!declared.has(need.name) && !(REQUIRED_SETS as readonly string[]).includes(need.name)) {
      errors.push(`[vereisten] <Set Name="${need.name}" MinVersion="${need.minVersion}"/> ontbreekt`);
    }
  }
  for (const [name, have] of declared) {
    const max = OFFICE_2021[name];
    if (have !== undefined && max !== undefined && compareVersions(have, max) > 0) {
      errors.push(
        `[vereisten] ${name} MinVersion ${have} is hoger dan Office 2021 ondersteunt (${max}): ` +
          "Excel 2021 zou Opgave niet aanbieden",
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------

export function validateManifest(xml: string, opts: ValidateOptions): string[] {
  const errors: string[] = [];

  // 1. Well-formedness. Nothing else makes sense without it.
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    const { msg, line, col } = wellFormed.err;
    return [`[xml] manifest is geen well-formed XML: ${msg} (regel ${line}, kolom ${col})`];
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    trimValues: true,
  });
  const roots = toTree(parser.parse(xml) as OrderedNode[], undefined);
  const root = roots[0];
  if (roots.length !== 1 || !root) {
    return [`[xml] manifest moet precies één root-element hebben (gevonden: ${roots.length})`];
  }

  // 2. Root element and required base elements.
  if (root.name !== "OfficeApp")
    errors.push(`[verplicht] root-element moet <OfficeApp> zijn, niet <${root.name}>`);
  if (root.attrs["xmlns"] !== NS_OFFICEAPP) {
    errors.push(`[verplicht] <OfficeApp> moet xmlns="${NS_OFFICEAPP}" hebben`);
  }
  if (xsiType(root) !== "TaskPaneApp") {
    errors.push(
      `[verplicht] <OfficeApp> moet xsi:type="TaskPaneApp" hebben (gevonden: ${xsiType(root) ?? "geen"})`,
    );
  }

  const single = (local: string): El | undefined => {
    const found = kids(root, local);
    if (found.length === 0) errors.push(`[verplicht] <${local}> ontbreekt in <OfficeApp>`);
    if (found.length > 1) errors.push(`[verplicht] <${local}> komt ${found.length} keer voor in <OfficeApp>`);
    return found[0];
  };
  const textOf = (local: string): string | undefined => {
    const e = single(local);
    if (e && e.text === "") errors.push(`[verplicht] <${local}> is leeg`);
    return e?.text;
  };
  const defaultValueOf = (local: string): string | undefined => {
    const e = single(local);
    const v = e?.attrs["DefaultValue"];
    if (e && (v === undefined || v.trim() === ""))
      errors.push(`[verplicht] <${local}> heeft geen DefaultValue`);
    return v;
  };

  const id = textOf("Id");
  if (id !== undefined && id !== "" && !GUID_RE.test(id)) {
    errors.push(`[id] <Id> "${id}" is geen GUID (verwacht xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
  }
  const version = textOf("Version");
  if (version !== undefined && version !== "" && !VERSION_RE.test(version)) {
    errors.push(`[versie] <Version> "${version}" heeft niet de vorm n.n.n.n`);
  }
  textOf("ProviderName");
  const locale = textOf("DefaultLocale");
  if (locale && !LOCALE_RE.test(locale))
    errors.push(`[verplicht] <DefaultLocale> "${locale}" is geen locale zoals nl-NL`);
  const displayName = defaultValueOf("DisplayName");
  if (displayName && displayName.length > MAX_SHORT_STRING) {
    errors.push(`[verplicht] <DisplayName> is langer dan ${MAX_SHORT_STRING} tekens`);
  }
  const description = defaultValueOf("Description");
  if (description && description.length > MAX_LONG_STRING) {
    errors.push(`[verplicht] <Description> is langer dan ${MAX_LONG_STRING} tekens`);
  }
  defaultValueOf("IconUrl");
  defaultValueOf("HighResolutionIconUrl");
  defaultValueOf("SupportUrl");

  const baseHosts = kids(single("Hosts"), "Host");
  if (!baseHosts.some((h) => h.attrs["Name"] === "Workbook")) {
    errors.push('[verplicht] <Hosts> moet <Host Name="Workbook"/> bevatten (Excel)');
  }
  const permissions = textOf("Permissions");
  if (permissions !== undefined && permissions !== "ReadWriteDocument") {
    errors.push(`[verplicht] <Permissions> moet ReadWriteDocument zijn (gevonden: "${permissions}")`);
  }
  const defaultSettings = single("DefaultSettings");
  const defaultSource = kid(defaultSettings, "SourceLocation");
  if (defaultSettings && !defaultSource?.attrs["DefaultValue"]) {
    errors.push("[verplicht] <DefaultSettings>/<SourceLocation DefaultValue=...> ontbreekt");
  }

  // Base element order (the XSD is a sequence; Office rejects out-of-order manifests).
  let lastIdx = -1;
  let lastName = "";
  for (const c of root.children) {
    const idx = BASE_ORDER.indexOf(c.local);
    if (idx < 0) continue;
    if (idx < lastIdx) {
      errors.push(
        `[volgorde] <${c.local}> staat na <${lastName}> in <OfficeApp>; verwacht volgorde ${BASE_ORDER.join(", ")}`,
      );
    } else {
      lastIdx = idx;
      lastName = c.local;
    }
  }

  // 3. Requirement sets in the base manifest: Excel offers the add-in only where all of them are supported.
  checkRequirements(root, opts, errors);

  // 4. VersionOverrides and resources.
  const overrides = kids(root, "VersionOverrides");
  const vo = overrides[0];
  if (overrides.length !== 1 || !vo) {
    errors.push(
      `[verplicht] <OfficeApp> moet precies één <VersionOverrides> hebben (gevonden: ${overrides.length})`,
    );
  } else {
    if (xsiType(vo) !== "VersionOverridesV1_0") {
      errors.push(`[verplicht] <VersionOverrides> moet xsi:type="VersionOverridesV1_0" hebben (TaskPaneApp)`);
    }
    if (vo.attrs["xmlns"] !== NS_TASKPANE_OVERRIDES) {
      errors.push(`[verplicht] <VersionOverrides> moet xmlns="${NS_TASKPANE_OVERRIDES}" hebben`);
    }
  }

  const resources = new Map<string, Resource[]>();
  const resourcesEl = vo ? kid(vo, "Resources") : undefined;
  if (vo && !resourcesEl) errors.push("[resid] <VersionOverrides> heeft geen <Resources>");
  for (const group of resourcesEl?.children ?? []) {
    const spec = RESOURCE_GROUPS[group.local];
    if (!spec) continue;
    const seen = new Set<string>();
    for (const item of kids(group, spec.item)) {
      const rid = item.attrs["id"];
      const value = item.attrs["DefaultValue"];
      if (!rid) {
        errors.push(`[resid] ${pathOf(item)} heeft geen id`);
        continue;
      }
      if (value === undefined) errors.push(`[resid] resource "${rid}" heeft geen DefaultValue`);
      if (rid.length > MAX_RESID)
        errors.push(`[resid] resource-id "${rid}" is langer dan ${MAX_RESID} tekens`);
      if (seen.has(rid))
        errors.push(`[resid] resource-id "${rid}" is dubbel gedefinieerd in <${group.name}>`);
      seen.add(rid);
      if (spec.kind === "shortString" && value && value.length > MAX_SHORT_STRING) {
        errors.push(`[resid] ShortString "${rid}" is langer dan ${MAX_SHORT_STRING} tekens`);
      }
      if (spec.kind === "longString" && value && value.length > MAX_LONG_STRING) {
        errors.push(`[resid] LongString "${rid}" is langer dan ${MAX_LONG_STRING} tekens`);
      }
      const list = resources.get(rid) ?? [];
      list.push({ id: rid, kind: spec.kind, value: value ?? "", el: item });
      resources.set(rid, list);
    }
  }

  // 5. Every resid resolves, to a resource of the right kind.
  const resolve = (el: El): Resource | undefined => {
    const rid = el.attrs["resid"] ?? "";
    const candidates = resources.get(rid) ?? [];
    const want = expectedKind(el);
    return want ? candidates.find((r) => r.kind === want) : candidates[0];
  };
  for (const user of descendants(root, (e) => "resid" in e.attrs)) {
    const rid = user.attrs["resid"] ?? "";
    const candidates = resources.get(rid) ?? [];
    const want = expectedKind(user);
    if (rid.length > MAX_RESID)
      errors.push(`[resid] resid "${rid}" in ${pathOf(user)} is langer dan ${MAX_RESID} tekens`);
    if (candidates.length === 0) {
      errors.push(`[resid] resid "${rid}" in ${pathOf(user)} verwijst naar een niet-gedefinieerde resource`);
    } else if (want && !candidates.some((r) => r.kind === want)) {
      errors.push(
        `[resid] resid "${rid}" in ${pathOf(user)} moet naar een ${KIND_LABEL[want]} verwijzen, ` +
          `maar is een ${candidates.map((r) => KIND_LABEL[r.kind]).join(", ")}`,
      );
    }
  }

  // 6. Shared runtime consistency.
  const voHosts = vo ? kids(kid(vo, "Hosts"), "Host") : [];
  const workbookHost = voHosts.find((h) => xsiType(h) === "Workbook");
  if (vo && !workbookHost)
    errors.push('[verplicht] <VersionOverrides><Hosts> mist <Host xsi:type="Workbook">');
  const runtimes = descendants(root, (e) => e.local === "Runtime");
  const runtime = runtimes[0];
  if (runtimes.length !== 1 || !runtime) {
    errors.push(`[shared-runtime] er moet precies één <Runtime> zijn (gevonden: ${runtimes.length})`);
  }
  if (runtime) {
    if (runtime.attrs["lifetime"] !== "long") {
      errors.push(
        `[shared-runtime] <Runtime lifetime> moet "long" zijn (gevonden: ${runtime.attrs["lifetime"] ?? "geen"})`,
      );
    }
    const runtimesEl = runtime.parent;
    const host = runtimesEl?.parent;
    if (runtimesEl?.local !== "Runtimes" || host?.local !== "Host" || host.children[0] !== runtimesEl) {
      errors.push("[shared-runtime] <Runtimes> moet het eerste kind van <Host> in <VersionOverrides> zijn");
    }
  }
  const runtimeResid = runtime?.attrs["resid"];

  const customFunctions = descendants(
    root,
    (e) => e.local === "ExtensionPoint" && xsiType(e) === "CustomFunctions",
  );
  const cf = customFunctions[0];
  if (!cf) errors.push('[verplicht] <ExtensionPoint xsi:type="CustomFunctions"> ontbreekt');
  const scriptSource = kid(kid(cf, "Script"), "SourceLocation");
  const pageSource = kid(kid(cf, "Page"), "SourceLocation");
  const metadataSource = kid(kid(cf, "Metadata"), "SourceLocation");
  const namespaceEl = kid(cf, "Namespace");
  if (cf && !scriptSource)
    errors.push("[verplicht] CustomFunctions mist <Script><SourceLocation resid=.../>");
  if (cf && !pageSource) errors.push("[verplicht] CustomFunctions mist <Page><SourceLocation resid=.../>");
  if (cf && !metadataSource)
    errors.push("[verplicht] CustomFunctions mist <Metadata><SourceLocation resid=.../>");
  if (cf && !namespaceEl) errors.push("[verplicht] CustomFunctions mist <Namespace resid=.../>");

  const functionFiles = descendants(root, (e) => e.local === "FunctionFile");
  if (functionFiles.length === 0) errors.push("[shared-runtime] <FunctionFile resid=.../> ontbreekt");
  const showTaskpanes = descendants(root, (e) => e.local === "Action" && xsiType(e) === "ShowTaskpane");
  if (showTaskpanes.length === 0) {
    errors.push('[verplicht] geen knop met <Action xsi:type="ShowTaskpane"> die het taakvenster opent');
  }

  if (runtimeResid !== undefined) {
    const mustMatch: Array<[string, El | undefined]> = [
      ["CustomFunctions <Page><SourceLocation>", pageSource],
      ...functionFiles.map((f): [string, El] => ["<FunctionFile>", f]),
      ...showTaskpanes.map((a): [string, El | undefined] => [
        "ShowTaskpane <SourceLocation>",
        kid(a, "SourceLocation"),
      ]),
    ];
    for (const [label, el] of mustMatch) {
      if (!el) {
        errors.push(`[shared-runtime] ${label} ontbreekt`);
        continue;
      }
      const rid = el.attrs["resid"];
      if (rid !== runtimeResid) {
        errors.push(
          `[shared-runtime] ${label} resid "${rid ?? ""}" moet gelijk zijn aan <Runtime resid="${runtimeResid}"> ` +
            "(shared runtime: één pagina voor taakvenster, functies en knoppen)",
        );
      }
    }
  }

  if (scriptSource) {
    const script = resolve(scriptSource);
    if (script && !/\.js$/i.test(safePath(script.value))) {
      errors.push(
        `[verplicht] Script-URL "${script.value}" moet naar het JavaScript-bestand met de functies wijzen (.js), ` +
          "niet naar een pagina",
      );
    }
  }

  if (metadataSource) {
    const meta = resolve(metadataSource);
    if (meta && !/\.json$/i.test(safePath(meta.value))) {
      errors.push(
        `[verplicht] Metadata-URL "${meta.value}" moet naar een .json-bestand wijzen (functions.json)`,
      );
    }
  }

  // 7. Namespace.
  if (namespaceEl) {
    const ns = resolve(namespaceEl);
    if (ns) {
      const v = ns.value;
      if (v.length === 0 || v.length > MAX_NAMESPACE) {
        errors.push(
          `[namespace] namespace "${v}" moet 1 tot ${MAX_NAMESPACE} tekens lang zijn (is ${v.length})`,
        );
      }
      if (!NAMESPACE_RE.test(v)) {
        errors.push(`[namespace] namespace "${v}" mag alleen hoofdletters, cijfers en punten bevatten`);
      }
    }
  }

  // 8. URLs: valid, one origin, https in production.
  interface UrlUse {
    where: string;
    value: string;
    /** A link Office opens in the browser (SupportUrl): may be on another origin. */
    link?: boolean;
  }
  const urls: UrlUse[] = [];
  const addUrlsOf = (el: El | undefined, where: string, link = false): void => {
    if (!el) return;
    const dv = el.attrs["DefaultValue"];
    if (dv !== undefined) urls.push({ where, value: dv, link });
    for (const o of kids(el, "Override")) {
      const v = o.attrs["Value"];
      if (v !== undefined)
        urls.push({ where: `${where} (Override ${o.attrs["Locale"] ?? ""})`, value: v, link });
    }
  };
  for (const local of ["IconUrl", "HighResolutionIconUrl"]) addUrlsOf(kid(root, local), `<${local}>`);
  addUrlsOf(kid(root, "SupportUrl"), "<SupportUrl>", true);
  addUrlsOf(defaultSource, "<DefaultSettings><SourceLocation>");
  for (const list of resources.values()) {
    for (const r of list) {
      if (r.kind === "image" || r.kind === "url") addUrlsOf(r.el, `${KIND_LABEL[r.kind]} "${r.id}"`);
    }
  }
  const origins = new Map<string, string[]>();
  for (const u of urls) {
    let parsed: URL;
    try {
      parsed = new URL(u.value);
    } catch {
      errors.push(`[url] ${u.where}: "${u.value}" is geen geldige absolute URL`);
      continue;
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
      errors.push(`[url] ${u.where}: "${u.value}" moet http(s) zijn`);
      continue;
    }
    if (opts.production) {
      if (parsed.protocol !== "https:")
        errors.push(`[url] ${u.where}: "${u.value}" moet https zijn in productie`);
      if (/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(parsed.hostname)) {
        errors.push(`[url] ${u.where}: "${u.value}" wijst naar localhost in een productiemanifest`);
      }
    }
    if (u.link) {
      if (parsed.protocol !== "https:") errors.push(`[url] ${u.where}: "${u.value}" moet https zijn`);
      continue;
    }
    const list = origins.get(parsed.origin) ?? [];
    list.push(u.where);
    origins.set(parsed.origin, list);
  }
  if (origins.size > 1) {
    const detail = [...origins.entries()].map(([o, where]) => `${o} (${where.join(", ")})`).join("; ");
    errors.push(`[url] alle URL's moeten op één origin staan, gevonden ${origins.size}: ${detail}`);
  }
  if (opts.production) {
    for (const ad of descendants(root, (e) => e.local === "AppDomain")) {
      if (!/^https:\/\//i.test(ad.text))
        errors.push(`[url] <AppDomain> "${ad.text}" moet https zijn in productie`);
    }
  }

  // 9. Icons: the file exists under assets/ and its real pixel size matches the claim.
  const iconClaims: Array<{ where: string; url: string; size: number }> = [];
  const iconUrl = kid(root, "IconUrl")?.attrs["DefaultValue"];
  if (iconUrl) iconClaims.push({ where: "<IconUrl>", url: iconUrl, size: 32 });
  const hiResUrl = kid(root, "HighResolutionIconUrl")?.attrs["DefaultValue"];
  if (hiResUrl) iconClaims.push({ where: "<HighResolutionIconUrl>", url: hiResUrl, size: 64 });
  for (const list of resources.values()) {
    for (const r of list) {
      if (r.kind !== "image") continue;
      const size = sizeFromResid(r.id);
      if (size === undefined) {
        errors.push(`[icoon] bt:Image-id "${r.id}" noemt geen formaat zoals Icon.16x16`);
        continue;
      }
      if (r.value) iconClaims.push({ where: `bt:Image "${r.id}"`, url: r.value, size });
    }
  }
  for (const use of descendants(
    root,
    (e) => e.local === "Image" && "resid" in e.attrs && "size" in e.attrs,
  )) {
    const rid = use.attrs["resid"] ?? "";
    const claimed = sizeFromResid(rid);
    if (claimed !== undefined && String(claimed) !== use.attrs["size"]) {
      errors.push(
        `[icoon] ${pathOf(use)}: size="${use.attrs["size"]}" past niet bij resource "${rid}" (${claimed}px)`,
      );
    }
  }
  const pngCache = new Map<string, PngInfo | string>();
  for (const claim of iconClaims) {
    const file = iconFileFor(claim.url, opts.repoRoot);
    if (typeof file !== "string") {
      errors.push(`[icoon] ${claim.where}: ${file.error}`);
      continue;
    }
    const rel = path.relative(opts.repoRoot, file);
    if (!fs.existsSync(file)) {
      errors.push(`[icoon] ${claim.where}: bestand ${rel} bestaat niet`);
      continue;
    }
    let info = pngCache.get(file);
    if (info === undefined) {
      info = readPng(file);
      pngCache.set(file, info);
    }
    if (typeof info === "string") {
      errors.push(`[icoon] ${claim.where}: ${rel} ${info}`);
    } else if (info.width !== claim.size || info.height !== claim.size) {
      errors.push(
        `[icoon] ${claim.where}: ${rel} is ${info.width}x${info.height} pixels, verwacht ${claim.size}x${claim.size}`,
      );
    }
  }

  // 10. Custom-function ids: build output vs. source.
  if (opts.sourceFunctionIds) checkFunctionIdShape(opts.sourceFunctionIds, "bron", errors);
  if (opts.functionsJson !== undefined) {
    const ids = extractFunctionIds(opts.functionsJson, errors);
    if (ids) {
      checkFunctionIdShape(ids, "functions.json", errors);
      if (opts.sourceFunctionIds) {
        const built = new Set(ids);
        const source = new Set(opts.sourceFunctionIds);
        const missing = [...source].filter((x) => !built.has(x)).sort();
        const extra = [...built].filter((x) => !source.has(x)).sort();
        if (missing.length > 0) {
          errors.push(`[functies] functions.json mist functies uit de bron: ${missing.join(", ")}`);
        }
        if (extra.length > 0) {
          errors.push(
            `[functies] functions.json bevat functies die niet in de bron staan: ${extra.join(", ")}`,
          );
        }
      }
    }
  }

  return errors;
}

function safePath(urlText: string): string {
  try {
    return new URL(urlText).pathname;
  } catch {
    return urlText;
  }
}
