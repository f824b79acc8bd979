import { ManifestConfig, WEB_PATHS, webUrl } from "./config";

export type { ManifestConfig } from "./config";

/**
 * Resource ids used by the manifest. In a shared runtime the Runtime, the CustomFunctions page, the
 * FunctionFile and the ShowTaskpane action must all use the SAME url resource (RES.taskpaneUrl).
 */
export const RES = {
  taskpaneUrl: "Taskpane.Url",
  functionsScriptUrl: "Functions.Script.Url",
  functionsMetadataUrl: "Functions.Metadata.Url",
  functionsNamespace: "Functions.Namespace",
  icon16: "Icon.16x16",
  icon32: "Icon.32x32",
  icon80: "Icon.80x80",
  getStartedTitle: "GetStarted.Title",
  getStartedDescription: "GetStarted.Description",
  groupLabel: "CommandsGroup.Label",
  buttonLabel: "TaskpaneButton.Label",
  buttonTooltip: "TaskpaneButton.Tooltip",
} as const;

/** Dutch UI texts of the ribbon and the "get started" callout. */
export const TEXTS = {
  groupLabel: "Opgave",
  buttonLabel: "Opgave",
  buttonTooltip: "Open het Opgave-paneel",
  getStartedTitle: "Opgave is geïnstalleerd",
  getStartedDescription:
    "Klik op het tabblad Start op de knop Opgave om het Opgave-paneel te openen, of gebruik de OPGAVE-functies in een cel.",
} as const;

const NS = {
  officeApp: "http://schemas.microsoft.com/office/appforoffice/1.1",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
} as const;

// ---------------------------------------------------------------------------------------------------------
// A tiny XML tree + serializer with proper escaping (no string concatenation of user values anywhere else).

interface XmlElement {
  kind: "element";
  name: string;
  attrs: Array<[string, string]>;
  children: XmlChild[];
}
interface XmlText {
  kind: "text";
  value: string;
}
interface XmlComment {
  kind: "comment";
  value: string;
}
type XmlChild = XmlElement | XmlText | XmlComment;

function el(
  name: string,
  attrs: Record<string, string> = {},
  ...children: Array<XmlChild | string>
): XmlElement {
  return {
    kind: "element",
    name,
    attrs: Object.entries(attrs),
    children: children.map((c) => (typeof c === "string" ? { kind: "text", value: c } : c)),
  };
}

function comment(value: string): XmlComment {
  return { kind: "comment", value };
}

export function escapeXmlText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeXmlAttr(value: string): string {
  return escapeXmlText(value).replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function serialize(node: XmlChild, depth: number): string {
  const pad = "  ".repeat(depth);
  if (node.kind === "text") return pad + escapeXmlText(node.value);
  if (node.kind === "comment") {
    if (node.value.includes("--") || node.value.endsWith("-")) {
      throw new Error(`XML-commentaar mag geen "--" bevatten: ${node.value}`);
    }
    return `${pad}<!-- ${node.value} -->`;
  }
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeXmlAttr(v)}"`).join("");
  if (node.children.length === 0) return `${pad}<${node.name}${attrs}/>`;
  const only = node.children[0];
  if (node.children.length === 1 && only && only.kind === "text") {
    return `${pad}<${node.name}${attrs}>${escapeXmlText(only.value)}</${node.name}>`;
  }
  const inner = node.children.map((c) => serialize(c, depth + 1)).join("\n");
  return `${pad}<${node.name}${attrs}>\n${inner}\n${pad}</${node.name}>`;
}

// ---------------------------------------------------------------------------------------------------------

function iconSet(): XmlElement {
  return el(
    "Icon",
    {},
    el("bt:Image", { size: "16", resid: RES.icon16 }),
    el("bt:Image", { size: "32", resid: RES.icon32 }),
    el("bt:Image", { size: "80", resid: RES.icon80 }),
  );
}

/**
 * Builds the XML add-in-only manifest (TaskPaneApp, VersionOverrides 1.0) for Excel with a shared runtime,
 * custom functions and one ribbon button on the Home tab. Deterministic: same config → same bytes.
 */
export function buildManifest(config: ManifestConfig): string {
  const url = (p: string): string => webUrl(config, p);
  const taskpaneUrl = url(WEB_PATHS.taskpane);

  const host = el(
    "Host",
    { "xsi:type": "Workbook" },
    // The shared runtime: <Runtimes> must be the first child of <Host>.
    el("Runtimes", {}, el("Runtime", { resid: RES.taskpaneUrl, lifetime: "long" })),
    el(
      "AllFormFactors",
      {},
      el(
        "ExtensionPoint",
        { "xsi:type": "CustomFunctions" },
        // The JavaScript file with the functions (the bundle taskpane.html loads); in the shared runtime Excel
        // loads the Page, but Script must name the functions' script, not an HTML page.
        el("Script", {}, el("SourceLocation", { resid: RES.functionsScriptUrl })),
        el("Page", {}, el("SourceLocation", { resid: RES.taskpaneUrl })),
        el("Metadata", {}, el("SourceLocation", { resid: RES.functionsMetadataUrl })),
        el("Namespace", { resid: RES.functionsNamespace }),
      ),
    ),
    el(
      "DesktopFormFactor",
      {},
      el(
        "GetStarted",
        {},
        el("Title", { resid: RES.getStartedTitle }),
        el("Description", { resid: RES.getStartedDescription }),
        el("LearnMoreUrl", { resid: RES.taskpaneUrl }),
      ),
      el("FunctionFile", { resid: RES.taskpaneUrl }),
      el(
        "ExtensionPoint",
        { "xsi:type": "PrimaryCommandSurface" },
        el(
          "OfficeTab",
          { id: "TabHome" },
          el(
            "Group",
            { id: "Opgave.Group" },
            el("Label", { resid: RES.groupLabel }),
            iconSet(),
            el(
              "Control",
              { "xsi:type": "Button", id: "Opgave.TaskpaneButton" },
              el("Label", { resid: RES.buttonLabel }),
              el(
                "Supertip",
                {},
                el("Title", { resid: RES.buttonLabel }),
                el("Description", { resid: RES.buttonTooltip }),
              ),
              iconSet(),
              el(
                "Action",
                { "xsi:type": "ShowTaskpane" },
                el("TaskpaneId", {}, "Opgave.Taskpane"),
                el("SourceLocation", { resid: RES.taskpaneUrl }),
              ),
            ),
          ),
        ),
      ),
    ),
  );

  const resources = el(
    "Resources",
    {},
    el(
      "bt:Images",
      {},
      el("bt:Image", { id: RES.icon16, DefaultValue: url(WEB_PATHS.icon16) }),
      el("bt:Image", { id: RES.icon32, DefaultValue: url(WEB_PATHS.icon32) }),
      el("bt:Image", { id: RES.icon80, DefaultValue: url(WEB_PATHS.icon80) }),
    ),
    el(
      "bt:Urls",
      {},
      el("bt:Url", { id: RES.taskpaneUrl, DefaultValue: taskpaneUrl }),
      el("bt:Url", { id: RES.functionsScriptUrl, DefaultValue: url(WEB_PATHS.functionsScript) }),
      el("bt:Url", { id: RES.functionsMetadataUrl, DefaultValue: url(WEB_PATHS.functionsMetadata) }),
    ),
    el(
      "bt:ShortStrings",
      {},
      el("bt:String", { id: RES.functionsNamespace, DefaultValue: config.namespace }),
      el("bt:String", { id: RES.getStartedTitle, DefaultValue: TEXTS.getStartedTitle }),
      el("bt:String", { id: RES.groupLabel, DefaultValue: TEXTS.groupLabel }),
      el("bt:String", { id: RES.buttonLabel, DefaultValue: TEXTS.buttonLabel }),
    ),
    el(
      "bt:LongStrings",
      {},
      el("bt:String", { id: RES.getStartedDescription, DefaultValue: TEXTS.getStartedDescription }),
      el("bt:String", { id: RES.buttonTooltip, DefaultValue: TEXTS.buttonTooltip }),
    ),
  );

  const root = el(
    "OfficeApp",
    {
      xmlns: NS.officeApp,
      "xmlns:xsi": NS.xsi,
      "xmlns:bt": NS.bt,
      "xmlns:ov": NS.ov,
      "xsi:type": "TaskPaneApp",
    },
    el("Id", {}, config.id),
    el("Version", {}, config.version),
    el("ProviderName", {}, config.providerName),
    el("DefaultLocale", {}, config.defaultLocale),
    el("DisplayName", { DefaultValue: config.displayName }),
    el("Description", { DefaultValue: config.description }),
    el("IconUrl", { DefaultValue: url(WEB_PATHS.icon32) }),
    el("HighResolutionIconUrl", { DefaultValue: url(WEB_PATHS.icon64) }),
    el("SupportUrl", { DefaultValue: config.supportUrl }),
    el("Hosts", {}, el("Host", { Name: "Workbook" })),
    // Excel offers the add-in only where every set is supported (manifest.config.json "requirements"; the code
    // is held to these minimums by npm run check:office).
    el(
      "Requirements",
      {},
      el(
        "Sets",
        { DefaultMinVersion: "1.1" },
        ...config.requirements.map((r) => el("Set", { Name: r.name, MinVersion: r.minVersion })),
      ),
    ),
    el("DefaultSettings", {}, el("SourceLocation", { DefaultValue: taskpaneUrl })),
    el("Permissions", {}, "ReadWriteDocument"),
    el(
      "VersionOverrides",
      { xmlns: NS.ov, "xsi:type": "VersionOverridesV1_0" },
      el("Hosts", {}, host),
      resources,
    ),
  );

  const header = comment(
    `Gegenereerd door scripts/build-manifest.ts uit manifest/manifest.config.json (profiel ${config.profile}); niet met de hand bewerken.`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(header, 0)}\n${serialize(root, 0)}\n`;
}
