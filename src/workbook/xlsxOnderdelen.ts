/**
 * Zip-level work on .xlsx files that exceljs cannot do (browser-safe: JSZip only, no Node APIs):
 * - `verliesBijHerschrijven`: what a load + write through exceljs would silently drop (charts the user made,
 *   pivot tables, slicers, …) — in the whole workbook, or only on Opgave's sheets when those are grafted into the
 *   original package (./xlsxEnten) — so the writer can refuse a refill unless the user confirms;
 * - `voegGrafiekenToe`: inject native Excel charts (DrawingML `c:chartSpace`: clustered columns or lines) that
 *   reference sheet ranges, with drawing, relationships and content types.
 *
 * Charts written here are named "Opgave_Grafiek_<n>" in the drawing, so a later refill recognises them as
 * plan-owned (exceljs drops every chart on load; the writer adds ours again on every write).
 */
import JSZip, { tekstVan as tekstUit } from "./zip";
import { GRAFIEK_PREFIX, isGrafiekTitel, isOpgaveGrafiekNaam } from "./indeling";
import { xmlTekstTerug } from "./pakketControle";
import { adres, decodeerBereik, kolomLetters } from "./a1";
import { totaalrijVerlies } from "./samenvoegen";
import { Celstijlen, cellenMetCelstijl } from "./xlsxCelstijlen";

export { GRAFIEK_PREFIX } from "./indeling";

const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_DRAWING = `${NS_REL}/drawing`;
const REL_CHART = `${NS_REL}/chart`;
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

export function xmlTekst(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function xmlTerug(s: string): string {
  if (!s.includes("&")) return s;
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export function attribuut(tag: string, naam: string): string | undefined {
  // As /\s<naam>="([^"]*)"/, without building a regular expression per call (a refill asks thousands).
  const zoek = `${naam}="`;
  for (let i = tag.indexOf(zoek, 1); i >= 0; i = tag.indexOf(zoek, i + 1)) {
    if (!/\s/.test(tag.charAt(i - 1))) continue;
    const begin = i + zoek.length;
    const einde = tag.indexOf('"', begin);
    return einde < 0 ? undefined : xmlTerug(tag.slice(begin, einde));
  }
  return undefined;
}

/**
 * The root element's start tag: the first after the prolog (XML declaration, comments, a document type), read from
 * the start only (a sheet is long).
 */
export function wortel(xml: string): string {
  const einde = (van: number, t: string) => {
    const i = xml.indexOf(t, van);
    return i < 0 ? xml.length : i + t.length;
  };
  let p = 0;
  while (p < xml.length) {
    if (xml.startsWith("<?", p)) p = einde(p, "?>");
    else if (xml.startsWith("<!--", p)) p = einde(p, "-->");
    else if (xml.startsWith("<!", p)) p = einde(p, ">");
    else if (xml[p] === "<") return /^<[A-Za-z_][^<>]*>/.exec(xml.slice(p, einde(p, ">")))?.[0] ?? "";
    else p++;
  }
  return "";
}

/** Relationship id → target, from a .rels part (`extern`: TargetMode="External", a URL or file, not a part). */
export function relaties(xml: string): { id: string; type: string; target: string; extern: boolean }[] {
  return [...xml.matchAll(/<Relationship\b[^<>]*>/g)].map((m) => ({
    id: attribuut(m[0], "Id") ?? "",
    type: attribuut(m[0], "Type") ?? "",
    target: attribuut(m[0], "Target") ?? "",
    extern: attribuut(m[0], "TargetMode") === "External",
  }));
}

/** "xl/worksheets/sheet1.xml" + "../drawings/drawing1.xml" → "xl/drawings/drawing1.xml". */
export function pad(basis: string, doel: string): string {
  if (doel.startsWith("/")) return doel.slice(1);
  const delen = basis.split("/").slice(0, -1);
  for (const d of doel.split("/")) {
    if (d === "..") delen.pop();
    else if (d !== ".") delen.push(d);
  }
  return delen.join("/");
}

export function relsPad(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

/** The part a workbook relationship of this type points at ("xl/styles.xml"); undefined for none or an external one. */
export async function werkboekDeel(zip: JSZip, type: string): Promise<string | undefined> {
  const rel = relaties((await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "").find(
    (r) => r.type === `${NS_REL}/${type}`,
  );
  return rel && !rel.extern ? pad("xl/workbook.xml", rel.target) : undefined;
}

/** Sheet name → worksheet part path. */
export async function bladPaden(zip: JSZip): Promise<Map<string, string>> {
  const wb = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = relaties((await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "");
  const paden = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^<>]*>/g)) {
    const naam = attribuut(m[0], "name");
    const rid = attribuut(m[0], "r:id");
    const rel = rels.find((r) => r.id === rid);
    if (naam !== undefined && rel) paden.set(naam, pad("xl/workbook.xml", rel.target));
  }
  return paden;
}

/** What a drawing anchor holds, in Dutch ("grafiek", "afbeelding", "tekstvak", …). */
type AnkerSoort = "grafiek" | "afbeelding" | "tekstvak" | "vorm" | "groep" | "lijn" | "object";

/** One anchor of a drawing: what it holds, the name of its object, its chart's relationship, its XML. */
export interface Anker {
  readonly soort: AnkerSoort;
  readonly naam: string;
  /** The relationship of the chart part (charts only), else "". */
  readonly rid: string;
  readonly xml: string;
  /** The chart part it shows (`tekeningVanGebruiker`). */
  readonly grafiekDeel?: string;
}

/** The object an anchor holds, by its element (with any prefix): the first of these that it has. */
function ankerSoort(xml: string): AnkerSoort {
  const inhoud = /<(?:[\w.-]+:)?(sp|pic|graphicFrame|grpSp|cxnSp)\b[^<>]*>/.exec(
    xml.replace(/^<[^<>]*>/, ""),
  )?.[1];
  if (inhoud === "graphicFrame") return /drawingml\/2006\/chart"/.test(xml) ? "grafiek" : "object";
  if (inhoud === "sp")
    return /<(?:[\w.-]+:)?cNvSpPr\b[^<>]*\btxBox="(?:1|true)"/.test(xml) ? "tekstvak" : "vorm";
  return ANDERE_ANKERS[inhoud ?? ""] ?? "object";
}

const ANDERE_ANKERS: Readonly<Record<string, AnkerSoort>> = {
  pic: "afbeelding",
  grpSp: "groep",
  cxnSp: "lijn",
};

/**
 * The anchors of a drawing part: each chart, picture, shape, group or line with its name; with the prefix Excel
 * writes (`xdr:`), another, or none (openpyxl writes the drawing in the default namespace).
 */
function tekeningAnkers(drawingXml: string): Anker[] {
  const ankers: Anker[] = [];
  for (const m of drawingXml.matchAll(
    /<([\w.-]+:)?(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/\1\2>/g,
  )) {
    ankers.push(ankerVan(m[0], ankerSoort(m[0])));
  }
  return ankers;
}

/** An anchor's (or a chart frame's) XML as an `Anker` of kind `soort`: its object's name, its chart's relationship. */
function ankerVan(xml: string, soort: AnkerSoort): Anker {
  const cnv = /<(?:[\w.-]+:)?cNvPr\b[^<>]*>/.exec(xml);
  const grafiek = /<(?:[\w.-]+:)?chart\b[^<>]*>/.exec(xml);
  return {
    soort,
    naam: cnv ? xmlTekstTerug(attribuut(cnv[0], "name") ?? "") : "",
    rid: soort === "grafiek" && grafiek ? (attribuut(grafiek[0], "r:id") ?? "") : "",
    xml,
  };
}

/** The anchors of a drawing part: the user's, and Opgave's charts (`tekeningVanGebruiker`). */
export interface Tekening {
  readonly eigen: Anker[];
  /** Opgave's own charts on it, each with its chart part. */
  readonly opgave: Anker[];
  /** Opgave's charts the user grouped with objects of their own (inside one of `eigen`): each its chart's frame. */
  readonly gegroepeerd: Anker[];
}

/** The chart frames inside an anchor (a group's), each with its name and its chart's relationship. */
function grafiekKaders(anker: string): Anker[] {
  const uit: Anker[] = [];
  for (const m of anker.matchAll(/<([\w.-]+:)?graphicFrame\b[\s\S]*?<\/\1graphicFrame>/g)) {
    if (/<(?:[\w.-]+:)?cNvPr\b/.test(m[0]) && /<(?:[\w.-]+:)?chart\b/.test(m[0]))
      uit.push(ankerVan(m[0], "grafiek"));
  }
  return uit;
}

/**
 * The anchors of drawing part `naam` that are the user's — every picture, shape, group, line and object, and
 * every chart but Opgave's own — and Opgave's. Opgave's charts are known by their name (`isOpgaveGrafiekNaam`); where
 * no chart on the drawing has such a name (a program renamed them), by their title (`isGrafiekTitel`), the first of
 * each title: a copy the user made of one of Opgave's charts keeps its title and is the user's.
 */
export async function tekeningVanGebruiker(zip: JSZip, naam: string): Promise<Tekening> {
  const ankers = tekeningAnkers((await zip.file(naam)?.async("string")) ?? "");
  const rels = relaties((await zip.file(relsPad(naam))?.async("string")) ?? "");
  const metDeel = (a: Anker): Anker => {
    const rel = rels.find((r) => r.id === a.rid && !r.extern);
    return rel ? { ...a, grafiekDeel: pad(naam, rel.target) } : a;
  };
  const gegroepeerd = ankers
    .filter((a) => a.soort !== "grafiek")
    .flatMap((a) => grafiekKaders(a.xml))
    .filter((k) => isOpgaveGrafiekNaam(k.naam))
    .map(metDeel);
  const metDelen = ankers.map((a) => (a.soort === "grafiek" ? metDeel(a) : a));
  const grafieken = metDelen.filter((a) => a.soort === "grafiek");
  const opNaam = gegroepeerd.length > 0 || grafieken.some((a) => isOpgaveGrafiekNaam(a.naam));
  const titels = new Set<string>();
  const opgave = new Set<Anker>();
  for (const a of grafieken) {
    const xml = !opNaam && a.grafiekDeel ? await zip.file(a.grafiekDeel)?.async("string") : undefined;
    const titel = grafiekTitel(xml ?? "");
    if (opNaam ? !isOpgaveGrafiekNaam(a.naam) : !isGrafiekTitel(titel) || titels.has(titel)) continue;
    titels.add(titel);
    opgave.add(a);
  }
  return { eigen: metDelen.filter((a) => !opgave.has(a)), opgave: [...opgave], gegroepeerd };
}

/** The drawing part a worksheet part shows (its `drawing` relationship), if any. */
export async function tekeningVan(zip: JSZip, blad: string): Promise<string | undefined> {
  const rels = relaties((await zip.file(relsPad(blad))?.async("string")) ?? "");
  const rel = rels.find((r) => !r.extern && r.type.endsWith("/drawing"));
  return rel ? pad(blad, rel.target) : undefined;
}

/** The text of a chart part's title (its runs joined); "" for none. */
function grafiekTitel(chartXml: string): string {
  const titel = /<(?:[\w.-]+:)?title\b[\s\S]*?<\/(?:[\w.-]+:)?title>/.exec(chartXml)?.[0] ?? "";
  return [...titel.matchAll(/<a:t(?:\s[^<>]*)?>([^<]*)<\/a:t>/g)]
    .map((m) => xmlTekstTerug(m[1] ?? ""))
    .join("");
}

/** The sheets of `data` that hold a chart of Opgave's (`tekeningVanGebruiker`). */
export async function bladenMetOpgaveGrafiek(data: Uint8Array | ArrayBuffer): Promise<Set<string>> {
  const tekeningen = await tekeningenPerBlad(await JSZip.loadAsync(data));
  return new Set([...tekeningen].filter(([, t]) => t.opgave.length > 0).map(([blad]) => blad));
}

/** Per sheet with a drawing, its objects of the user's and whether it holds a chart of Opgave's (`tekeningVanGebruiker`). */
async function tekeningenPerBlad(zip: JSZip): Promise<Map<string, Tekening>> {
  const uit = new Map<string, Tekening>();
  if (!Object.keys(zip.files).some((n) => n.startsWith("xl/drawings/"))) return uit;
  for (const [blad, deel] of await bladPaden(zip)) {
    const tekening = await tekeningVan(zip, deel);
    if (tekening !== undefined) uit.set(blad, await tekeningVanGebruiker(zip, tekening));
  }
  return uit;
}

/**
 * Every internal relationship of the package: source part ("" for the package itself) → the parts it points at
 * (external targets, TargetMode="External", are URLs or files, not parts).
 */
export async function relatieGraaf(zip: JSZip): Promise<Map<string, string[]>> {
  const graaf = new Map<string, string[]>();
  for (const naam of Object.keys(zip.files)) {
    const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(naam);
    const deel = zip.file(naam);
    if (!m || !deel) continue;
    const bron = `${m[1] ?? ""}${m[2] ?? ""}`;
    const rels = relaties(await deel.async("string")).filter((r) => !r.extern);
    graaf.set(
      bron,
      rels.map((r) => pad(bron, r.target)),
    );
  }
  return graaf;
}

/** The parts reachable from `van` through relationships (not `van` itself unless a relationship leads back). */
export function bereikbaar(
  graaf: ReadonlyMap<string, readonly string[]>,
  van: readonly string[],
): Set<string> {
  const gezien = new Set<string>();
  const stapel = [...van];
  for (let deel = stapel.pop(); deel !== undefined; deel = stapel.pop()) {
    for (const doel of graaf.get(deel) ?? []) {
      if (gezien.has(doel)) continue;
      gezien.add(doel);
      stapel.push(doel);
    }
  }
  return gezien;
}

/**
 * The user's objects on the drawings of a workbook written whole by exceljs, counted in Dutch ("1 eigen grafiek",
 * "2 eigen vormen of tekstvakken"); not their pictures, which exceljs keeps.
 */
function tekeningenWeg(tekeningen: ReadonlyMap<string, Tekening>): string[] {
  const ankers = [...tekeningen.values()].flatMap((t) => t.eigen).filter((a) => a.soort !== "afbeelding");
  const grafieken = ankers.filter((a) => a.soort === "grafiek").length;
  const anders = ankers.length - grafieken;
  return [
    ...(grafieken > 0 ? [`${grafieken} eigen grafiek${grafieken === 1 ? "" : "en"}`] : []),
    ...(anders > 0 ? [`${anders} eigen ${anders === 1 ? "vorm of tekstvak" : "vormen of tekstvakken"}`] : []),
  ];
}

/**
 * Dutch descriptions of what a refill would drop because exceljs does not write it again. Charts Opgave made
 * itself (named Opgave_Grafiek_…, or with the title of one where a program renamed them) do not count: the writer
 * makes them again.
 * Without `eigenBladen` the whole workbook goes through exceljs (every such part counts); with the names of
 * Opgave's sheets only those sheets are rewritten (./xlsxEnten grafts them into the original package), so only
 * what hangs off those sheets counts: a pivot table or chart on a sheet of the user's own stays, and so do the
 * user's charts, pictures and shapes on Opgave's sheets (the graft keeps their drawings).
 */
export async function verliesBijHerschrijven(
  data: Uint8Array | ArrayBuffer,
  eigenBladen?: readonly string[],
): Promise<string[]> {
  const zip = await JSZip.loadAsync(data);
  let namen = Object.keys(zip.files).filter((n) => !zip.files[n]?.dir);
  let bladen = namen.filter((x) => /^xl\/worksheets\/[^/]+\.xml$/.test(x));
  if (eigenBladen) {
    const paden = await bladPaden(zip);
    bladen = eigenBladen.map((b) => paden.get(b)).filter((p) => p !== undefined);
    const bereik = bereikbaar(await relatieGraaf(zip), bladen);
    namen = namen.filter((n) => bereik.has(n));
  }
  const heeft = (voorvoegsel: string) => namen.some((n) => n.startsWith(voorvoegsel));
  // Without the graft every drawing goes (exceljs writes none of the user's objects but pictures); the graft keeps
  // each (./xlsxEnten `bewaardeTekeningen`), checked object by object after writing (`verliesNaSchrijven`).
  const verlies: string[] = eigenBladen ? [] : tekeningenWeg(await tekeningenPerBlad(zip));
  if (heeft("xl/chartsheets/")) verlies.push("grafiekbladen");
  if (heeft("xl/pivotTables/") || heeft("xl/pivotCache/")) verlies.push("draaitabellen");
  if (heeft("xl/slicers/") || heeft("xl/slicerCaches/")) verlies.push("slicers");
  if (heeft("xl/timelines/") || heeft("xl/timelineCaches/")) verlies.push("tijdlijnen");
  if (heeft("xl/threadedComments/")) verlies.push("opmerkingen met discussies");
  if (heeft("xl/ctrlProps/")) verlies.push("formulierknoppen en -besturingselementen");
  if (heeft("xl/vbaProject.bin")) verlies.push("macro's");
  let sparklines = false;
  for (const n of bladen) {
    const xml = (await zip.file(n)?.async("string")) ?? "";
    if (xml.includes("sparklineGroup")) sparklines = true;
  }
  if (sparklines) verlies.push("sparklines");
  return verlies;
}

// ---------------------------------------------------------------------------------------------------------
// Charts

export interface GrafiekReeks {
  /** Absolute reference of the series name cell, e.g. "Taakstelling!$D$7". */
  readonly naamRef: string;
  readonly naam: string;
  /** Absolute reference of the values, e.g. "Taakstelling!$D$8:$D$27". */
  readonly ref: string;
  /** Cached values (Excel and LibreOffice recompute them from `ref`). */
  readonly waarden: readonly (number | null)[];
}

export interface GrafiekSpec {
  /** Sheet the chart is placed on. */
  readonly blad: string;
  readonly titel: string;
  readonly soort: "kolom" | "lijn";
  /** 1-based top-left cell, and size in columns/rows. */
  readonly rij: number;
  readonly kolom: number;
  readonly breedteKolommen: number;
  readonly hoogteRijen: number;
  readonly categorieRef: string;
  readonly categorieen: readonly string[];
  readonly reeksen: readonly GrafiekReeks[];
}

function strCache(waarden: readonly string[]): string {
  return (
    `<c:strCache><c:ptCount val="${waarden.length}"/>` +
    waarden.map((w, i) => `<c:pt idx="${i}"><c:v>${xmlTekst(w)}</c:v></c:pt>`).join("") +
    `</c:strCache>`
  );
}

function numCache(waarden: readonly (number | null)[]): string {
  return (
    `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${waarden.length}"/>` +
    waarden
      .map((w, i) => (w === null || !Number.isFinite(w) ? "" : `<c:pt idx="${i}"><c:v>${w}</c:v></c:pt>`))
      .join("") +
    `</c:numCache>`
  );
}

export function grafiekXml(g: GrafiekSpec): string {
  const lijn = g.soort === "lijn";
  const reeksen = g.reeksen
    .map(
      (r, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${xmlTekst(r.naamRef)}</c:f>${strCache([r.naam])}</c:strRef></c:tx>` +
        (lijn
          ? `<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>`
          : `<c:invertIfNegative val="0"/>`) +
        `<c:cat><c:strRef><c:f>${xmlTekst(g.categorieRef)}</c:f>${strCache(g.categorieen)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${xmlTekst(r.ref)}</c:f>${numCache(r.waarden)}</c:numRef></c:val>` +
        (lijn ? `<c:smooth val="0"/>` : "") +
        `</c:ser>`,
    )
    .join("");
  const assen = `<c:axId val="500000001"/><c:axId val="500000002"/>`;
  const diagram = lijn
    ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${reeksen}<c:marker val="1"/>${assen}</c:lineChart>`
    : `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${reeksen}<c:gapWidth val="150"/>${assen}</c:barChart>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ` +
    `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_REL}">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${xmlTekst(g.titel)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${diagram}` +
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="#,##0" sourceLinked="0"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function anker(g: GrafiekSpec, id: number, naam: string, rid: string): string {
  const positie = (tag: string, kolom: number, rij: number) =>
    `<xdr:${tag}><xdr:col>${kolom}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${rij}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">` +
    positie("from", g.kolom - 1, g.rij - 1) +
    positie("to", g.kolom - 1 + g.breedteKolommen, g.rij - 1 + g.hoogteRijen) +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${xmlTekst(naam)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS_REL}" r:id="${rid}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

function vrijNummer(zip: JSZip, voorvoegsel: string): number {
  let n = 1;
  while (zip.file(`${voorvoegsel}${n}.xml`)) n++;
  return n;
}

export function vrijeRid(rels: readonly { id: string }[]): string {
  let n = rels.length + 1;
  while (rels.some((r) => r.id === `rId${n}`)) n++;
  return `rId${n}`;
}

export const LEGE_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;

export function voegRelToe(xml: string, id: string, type: string, target: string): string {
  return xml.replace(
    "</Relationships>",
    `<Relationship Id="${id}" Type="${type}" Target="${xmlTekst(target)}"/></Relationships>`,
  );
}

export function voegOverrideToe(xml: string, partNaam: string, type: string): string {
  if (xml.includes(`PartName="${partNaam}"`)) return xml;
  return xml.replace("</Types>", `<Override PartName="${partNaam}" ContentType="${type}"/></Types>`);
}

/** Elements that must follow <drawing> in a worksheet (CT_Worksheet order). */
export const NA_DRAWING = [
  "<legacyDrawing ",
  "<legacyDrawing>",
  "<legacyDrawingHF",
  "<drawingHF",
  "<picture ",
  "<oleObjects",
  "<controls",
  "<webPublishItems",
  "<tableParts",
  "<extLst",
  "</worksheet>",
];

/** A start or end tag (attribute values may hold ">"), a comment, a processing instruction or CDATA. */
const TAG =
  /<(\/?)([A-Za-z_][\w.:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>/g;

/**
 * The children of the root element of `xml`: each start tag's name and offset. Elements inside them are not
 * children (an `<extLst>` inside a conditional format's rule is not the sheet's); a sheet's cells are skipped.
 */
function wortelKinderen(xml: string): { naam: string; begin: number }[] {
  const kinderen: { naam: string; begin: number }[] = [];
  const tag = new RegExp(TAG.source, "g");
  let diepte = 0;
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    const naam = m[2];
    if (naam === undefined) continue;
    if (m[1] === "/") {
      diepte--;
      continue;
    }
    if (diepte === 1) kinderen.push({ naam, begin: m.index });
    if (m[3] === "/") continue;
    diepte++;
    if (diepte === 2 && naam === "sheetData") {
      const einde = xml.indexOf("</sheetData>", tag.lastIndex);
      if (einde >= 0) tag.lastIndex = einde;
    }
  }
  return kinderen;
}

/**
 * `invoeging` put into `xml` before the first of the elements `voor` it has as children of its root ("<extLst",
 * "<legacyDrawing ": by element name), or before the root's end tag ("</worksheet>"); unchanged when it has none.
 */
export function voegInVoor(xml: string, voor: readonly string[], invoeging: string): string {
  const namen = new Set(
    voor.filter((t) => !t.startsWith("</")).map((t) => t.slice(1).replace(/[\s>]+$/, "")),
  );
  const kind = wortelKinderen(xml).find((k) => namen.has(k.naam))?.begin;
  const einde = voor
    .filter((t) => t.startsWith("</"))
    .map((t) => xml.lastIndexOf(t))
    .find((i) => i >= 0);
  const plek = kind ?? einde;
  return plek === undefined ? xml : `${xml.slice(0, plek)}${invoeging}${xml.slice(plek)}`;
}

/**
 * A sheet exceljs wrote with its `<legacyDrawing>` (the shapes of its notes) in its place in CT_Worksheet's order,
 * before `<tableParts>` and `<extLst>`: exceljs writes it last, and Excel finds a sheet with a note and a table
 * damaged beyond repair (exceljs issues 1369, 1616).
 */
export function notitieVormOpZijnPlaats(xml: string): string {
  const m = /<legacyDrawing\b[^<>]*\/>/.exec(xml);
  if (!m) return xml;
  const zonder = xml.slice(0, m.index) + xml.slice(m.index + m[0].length);
  return voegInVoor(zonder, NA_DRAWING.slice(2), m[0]);
}

/** Elements of CT_Worksheet that follow colBreaks (where a sheet's column breaks go). */
export const NA_KOLOMEINDEN = [
  "<customProperties",
  "<cellWatches",
  "<ignoredErrors",
  "<smartTags",
  "<drawing",
  ...NA_DRAWING,
];

/** Adds the charts to an .xlsx produced by exceljs; returns the new file. */
export async function voegGrafiekenToe(
  data: Uint8Array,
  grafieken: readonly GrafiekSpec[],
  compressie: "DEFLATE" | "STORE" = "DEFLATE",
): Promise<Uint8Array> {
  if (grafieken.length === 0) return data;
  const zip = await JSZip.loadAsync(data);
  const paden = await bladPaden(zip);
  let types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  let volgnummer = 1;
  for (const g of grafieken) {
    const blad = paden.get(g.blad);
    if (!blad) continue;
    let bladXml = (await zip.file(blad)?.async("string")) ?? "";
    const bladRelsPad = relsPad(blad);
    let bladRels = (await zip.file(bladRelsPad)?.async("string")) ?? LEGE_RELS;

    // Use the sheet's drawing (exceljs writes one for images) or make a new one.
    const bestaand = /<drawing\b[^<>]*r:id="([^"]+)"/.exec(bladXml);
    let drawingPad: string;
    if (bestaand) {
      const rel = relaties(bladRels).find((r) => r.id === bestaand[1]);
      if (!rel) continue;
      drawingPad = pad(blad, rel.target);
    } else {
      const n = vrijNummer(zip, "xl/drawings/drawing");
      drawingPad = `xl/drawings/drawing${n}.xml`;
      zip.file(
        drawingPad,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"></xdr:wsDr>`,
      );
      const rid = vrijeRid(relaties(bladRels));
      bladRels = voegRelToe(bladRels, rid, REL_DRAWING, `../drawings/drawing${n}.xml`);
      const rootEinde = bladXml.indexOf(">", bladXml.indexOf("<worksheet"));
      if (!bladXml.slice(0, rootEinde).includes('xmlns:r="')) {
        bladXml = bladXml.replace("<worksheet", `<worksheet xmlns:r="${NS_REL}"`);
      }
      const met = voegInVoor(bladXml, NA_DRAWING, `<drawing r:id="${rid}"/>`);
      if (met === bladXml) continue;
      bladXml = met;
      zip.file(blad, bladXml);
      zip.file(bladRelsPad, bladRels);
      types = voegOverrideToe(types, `/${drawingPad}`, CT_DRAWING);
    }

    const chartNr = vrijNummer(zip, "xl/charts/chart");
    const chartPad = `xl/charts/chart${chartNr}.xml`;
    zip.file(chartPad, grafiekXml(g));
    types = voegOverrideToe(types, `/${chartPad}`, CT_CHART);

    const drawingRelsPad = relsPad(drawingPad);
    let drawingRels = (await zip.file(drawingRelsPad)?.async("string")) ?? LEGE_RELS;
    const chartRid = vrijeRid(relaties(drawingRels));
    drawingRels = voegRelToe(drawingRels, chartRid, REL_CHART, `../charts/chart${chartNr}.xml`);
    zip.file(drawingRelsPad, drawingRels);

    let drawingXml = (await zip.file(drawingPad)?.async("string")) ?? "";
    const ids = [...drawingXml.matchAll(/<xdr:cNvPr\b[^<>]*\bid="(\d+)"/g)].map((m) => Number(m[1]));
    const id = Math.max(1, ...ids) + 1;
    drawingXml = drawingXml.replace(
      "</xdr:wsDr>",
      `${anker(g, id, `${GRAFIEK_PREFIX}${volgnummer++}`, chartRid)}</xdr:wsDr>`,
    );
    zip.file(drawingPad, drawingXml);
  }
  zip.file("[Content_Types].xml", types);
  return zip.generateAsync({ type: "uint8array", compression: compressie });
}

// ---------------------------------------------------------------------------------------------------------
// What the user made that a rewrite must keep: read from the parts, not from exceljs's model

/** One run of a note's text. */
export interface NotitieDeel {
  readonly tekst: string;
  readonly vet: boolean;
}

/** The notes (legacy comments) of a workbook: sheet name → cell ("F9") → text runs. */
export async function leesNotities(
  data: Uint8Array | ArrayBuffer,
): Promise<Map<string, Map<string, NotitieDeel[]>>> {
  return notitiesUit(await JSZip.loadAsync(data));
}

/**
 * The part of each sheet that has one, by the type its relationship ends in ("/comments": its notes, "/vmlDrawing":
 * how they are drawn): sheet name → the part's path and XML.
 */
async function gerelateerdeDelen(
  zip: JSZip,
  type: string,
): Promise<Map<string, { pad: string; xml: string }>> {
  const uit = new Map<string, { pad: string; xml: string }>();
  for (const [blad, part] of await bladPaden(zip)) {
    const rels = relaties((await zip.file(relsPad(part))?.async("string")) ?? "");
    const rel = rels.find((r) => r.type.endsWith(type));
    if (!rel) continue;
    const deel = pad(part, rel.target);
    uit.set(blad, { pad: deel, xml: (await zip.file(deel)?.async("string")) ?? "" });
  }
  return uit;
}

/**
 * Where a cell of the user's ("Blad!F20") is after a refill (`verplaatst`: what went with its row; undefined: gone),
 * itself where it did not move.
 */
export function waarNu(
  verplaatst: ReadonlyMap<string, string | undefined>,
  plek: string,
): string | undefined {
  return verplaatst.has(plek) ? verplaatst.get(plek) : plek;
}

/** Whether the package has a notes part at all (as most of Opgave's workbooks have none: then nothing to read). */
const heeftNotities = (zip: JSZip) => Object.keys(zip.files).some((n) => /comment[^/]*\.xml$/i.test(n));

const notitieDelen = async (zip: JSZip) =>
  heeftNotities(zip) ? gerelateerdeDelen(zip, "/comments") : new Map<string, { pad: string; xml: string }>();
const notitieVormen = (zip: JSZip) => gerelateerdeDelen(zip, "/vmlDrawing");

const NOTITIE = /<comment\b([^<>]*)>/g;

/** The author of each note of a notes part, by cell ("F9"); none where the part names none. */
function notitieAuteurs(xml: string): Map<string, string> {
  const auteurs = [
    ...(/<authors>([\s\S]*?)<\/authors>/.exec(xml)?.[1] ?? "").matchAll(/<author>([^<]*)<\/author>/g),
  ];
  const uit = new Map<string, string>();
  for (const m of xml.matchAll(NOTITIE)) {
    const ref = attribuut(m[1] ?? "", "ref");
    const auteur = auteurs[Number(attribuut(m[1] ?? "", "authorId") ?? -1)]?.[1];
    if (ref !== undefined && auteur !== undefined) uit.set(ref, xmlTerug(auteur));
  }
  return uit;
}

/**
 * `xml` (a notes part) with each note's author from `auteurs` (by cell) where it has one there: the authors' list
 * made again from what the notes use.
 */
function metAuteurs(xml: string, auteurs: ReadonlyMap<string, string>): string {
  const nu = notitieAuteurs(xml);
  const lijst: string[] = [];
  const zonderLijst = xml.replace(NOTITIE, (tag: string, attributen: string) => {
    const ref = attribuut(attributen, "ref") ?? "";
    const auteur = auteurs.get(ref) ?? nu.get(ref) ?? "";
    const id = lijst.includes(auteur) ? lijst.indexOf(auteur) : lijst.push(auteur) - 1;
    return /\sauthorId="/.test(tag)
      ? tag.replace(/(\sauthorId=")[^"]*"/, `$1${id}"`)
      : tag.replace(/>$/, ` authorId="${id}">`);
  });
  const namen = `<authors>${lijst.map((a) => `<author>${xmlTekst(a)}</author>`).join("")}</authors>`;
  return zonderLijst.replace(/<authors>[\s\S]*?<\/authors>|<authors\s*\/>/, () => namen);
}

const VORM = /<v:shape\b[^<>]*>[\s\S]*?<\/v:shape>/g;

/** The cell ("F9") a VML shape of a note is on; undefined for another shape. */
function vormCel(vorm: string): string | undefined {
  if (!/<x:ClientData\s+ObjectType="Note"/.test(vorm)) return undefined;
  const rij = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(vorm)?.[1];
  const kolom = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(vorm)?.[1];
  return rij === undefined || kolom === undefined
    ? undefined
    : adres({ rij: Number(rij) + 1, kolom: Number(kolom) + 1 });
}

/** The cells whose note is always shown (`<x:Visible/>` in its VML shape). */
function getoondeNotities(vml: string): Set<string> {
  const uit = new Set<string>();
  for (const [vorm] of vml.matchAll(VORM)) {
    const cel = vormCel(vorm);
    if (cel !== undefined && /<x:Visible\s*\/>|<x:Visible>\s*(True)?\s*<\/x:Visible>/i.test(vorm))
      uit.add(cel);
  }
  return uit;
}

/**
 * The old shape of a note (its box's size and place, whether it is always shown, its colours) on cell `naar`, where
 * the note is now (its box as far from the cell as it was), with the id of the new shape `nieuw`.
 */
function verplaatsteVorm(oud: string, nieuw: string, naar: string): string {
  const [was, cel] = [decodeerBereik(vormCel(oud) ?? ""), decodeerBereik(naar)];
  if (!was || !cel) return nieuw;
  const [dRij, dKolom] = [cel.rij1 - was.rij1, cel.kol1 - was.kol1];
  const id = /<v:shape\b[^<>]*?\sid="([^"]*)"/.exec(nieuw)?.[1];
  const anker = (tekst: string) =>
    tekst
      .split(",")
      .map((d, i) => Number(d.trim()) + (i === 0 || i === 4 ? dKolom : i === 2 || i === 6 ? dRij : 0))
      .join(", ");
  return oud
    .replace(/(<v:shape\b[^<>]*?\sid=")[^"]*"/, (_, begin: string) => `${begin}${id ?? ""}"`)
    .replace(/<x:Row>\s*\d+\s*<\/x:Row>/, `<x:Row>${cel.rij1 - 1}</x:Row>`)
    .replace(/<x:Column>\s*\d+\s*<\/x:Column>/, `<x:Column>${cel.kol1 - 1}</x:Column>`)
    .replace(
      /(<x:Anchor>)([^<]*)(<\/x:Anchor>)/,
      (_, a: string, tekst: string, b: string) => `${a}${anker(tekst)}${b}`,
    );
}

/**
 * `xml` (the VML exceljs wrote for a sheet's notes) with each note's shape as it was in `oud` (the old VML of that
 * sheet), where it went (`terug`: cell now → cell it was on).
 */
function metVormen(xml: string, oud: string, terug: (cel: string) => string): string {
  const oudeVormen = new Map<string, string>();
  for (const [vorm] of oud.matchAll(VORM)) {
    const cel = vormCel(vorm);
    if (cel !== undefined) oudeVormen.set(cel, vorm);
  }
  return xml.replace(VORM, (vorm) => {
    const cel = vormCel(vorm);
    const oudeVorm = cel === undefined ? undefined : oudeVormen.get(terug(cel));
    return cel === undefined || oudeVorm === undefined ? vorm : verplaatsteVorm(oudeVorm, vorm, cel);
  });
}

/**
 * `data` (an .xlsx exceljs wrote in a refill of `oud`) with every note as the user left it in `oud`: exceljs writes
 * "Author" as each note's author, and draws each note's box anew (hidden, its own size), so a note on Opgave's sheets
 * lost who made it, and one the user had shown always or made larger was hidden or shrunk, without a word. A note
 * that moved with its row (`verplaatst`, "Blad!F20" → "Blad!F19") gets its author and box where it went. Stored, not
 * compressed (a refill compresses last).
 */
export async function zetNotitiesTerug(
  data: Uint8Array,
  oud: Uint8Array | ArrayBuffer,
  verplaatst: ReadonlyMap<string, string | undefined>,
): Promise<Uint8Array> {
  const oudeZip = await JSZip.loadAsync(oud);
  const oudeNotities = await notitieDelen(oudeZip);
  if (oudeNotities.size === 0) return data;
  const oudeVormen = await notitieVormen(oudeZip);
  const zip = await JSZip.loadAsync(data);
  const terugNaar = new Map<string, string>();
  for (const [van, naar] of verplaatst) if (naar !== undefined) terugNaar.set(naar, van);
  let veranderd = false;
  const zet = (deel: string, was: string, wordt: string) => {
    if (wordt === was) return;
    zip.file(deel, wordt);
    veranderd = true;
  };
  for (const [blad, { pad: deel, xml }] of await notitieDelen(zip)) {
    const auteurs = new Map<string, string>();
    for (const [ref, auteur] of notitieAuteurs(oudeNotities.get(blad)?.xml ?? "")) {
      const naar = waarNu(verplaatst, `${blad}!${ref}`);
      if (naar !== undefined) auteurs.set(naar.slice(naar.lastIndexOf("!") + 1), auteur);
    }
    zet(deel, xml, auteurs.size > 0 ? metAuteurs(xml, auteurs) : xml);
  }
  for (const [blad, { pad: deel, xml }] of await notitieVormen(zip)) {
    const oudeVml = oudeVormen.get(blad)?.xml;
    const terug = (cel: string) => {
      const van = terugNaar.get(`${blad}!${cel}`);
      return van === undefined ? cel : van.slice(van.lastIndexOf("!") + 1);
    };
    if (oudeVml !== undefined) zet(deel, xml, metVormen(xml, oudeVml, terug));
  }
  // Each notes drawing a block of shape ids of its own that the original's do not use (exceljs gives every one block
  // 1, which Excel repairs), and each sheet's legacyDrawing in its place.
  const bezet = new Set<number>();
  for (const naam of Object.keys(oudeZip.files).filter((n) => n.endsWith(".vml")))
    for (const b of idBlokken((await oudeZip.file(naam)?.async("string")) ?? "")) bezet.add(b);
  for (const [, { pad: deel, xml }] of await notitieVormen(zip)) {
    let blok = 1;
    while (bezet.has(blok)) blok++;
    bezet.add(blok);
    zet(deel, xml, metIdBlok(xml, blok));
  }
  for (const [, deel] of await bladPaden(zip)) {
    const xml = (await zip.file(deel)?.async("string")) ?? "";
    if (xml.includes("<legacyDrawing")) zet(deel, xml, notitieVormOpZijnPlaats(xml));
  }
  return veranderd ? zip.generateAsync({ type: "uint8array", compression: "STORE" }) : data;
}

/** The blocks of 1024 shape ids a VML drawing reserves (`<o:idmap data="1,3">`). */
function idBlokken(vml: string): number[] {
  const data = /<o:idmap\b[^<>]*\sdata="([^"]*)"/.exec(vml)?.[1] ?? "";
  return data
    .split(",")
    .map((d) => Number(d.trim()))
    .filter((n) => Number.isSafeInteger(n) && n > 0);
}

/** A VML drawing reserving block `blok` alone, its shapes numbered in it in their order (`_x0000_s1025` in block 1). */
function metIdBlok(vml: string, blok: number): string {
  const nieuw = new Map<string, string>();
  return vml
    .replace(/(<o:idmap\b[^<>]*\sdata=")[^"]*"/, (_, voor: string) => `${voor}${blok}"`)
    .replace(/_x0000_s(\d+)/g, (_, oud: string) => {
      let id = nieuw.get(oud);
      if (id === undefined) nieuw.set(oud, (id = String(blok * 1024 + nieuw.size + 1)));
      return `_x0000_s${id}`;
    });
}

async function notitiesUit(zip: JSZip): Promise<Map<string, Map<string, NotitieDeel[]>>> {
  const uit = new Map<string, Map<string, NotitieDeel[]>>();
  for (const [blad, { xml }] of await notitieDelen(zip)) uit.set(blad, notitiesIn(xml));
  return uit;
}

/** The notes of a notes part: cell ("F9") → text runs. */
function notitiesIn(xml: string): Map<string, NotitieDeel[]> {
  const notities = new Map<string, NotitieDeel[]>();
  for (const m of xml.matchAll(/<comment\b([^<>]*)>([\s\S]*?)<\/comment>/g)) {
    const ref = attribuut(m[1] ?? "", "ref");
    if (ref === undefined) continue;
    const runs = [...(m[2] ?? "").matchAll(/<r>([\s\S]*?)<\/r>/g)].map((r) => ({
      tekst: tekstVan(r[1] ?? ""),
      vet: /<b\s*\/>|<b\s+val="(1|true)"/.test(r[1] ?? ""),
    }));
    notities.set(ref, runs.length > 0 ? runs : [{ tekst: tekstVan(m[2] ?? ""), vet: false }]);
  }
  return notities;
}

function tekstVan(xml: string): string {
  return [...xml.matchAll(/<t\b[^<>]*>([^<]*)<\/t>/g)].map((t) => xmlTerug(t[1] ?? "")).join("");
}

const EXT_VALIDATIE = "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}";
const EXT_OPMAAK = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}";
/** Sparklines are reported by `verliesBijHerschrijven` already. */
const EXT_SPARKLINES = "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}";
/** At most this many cells of a validated range are compared one by one (larger: the range as written). */
const MAX_CELLEN = 20000;

/** Parts of a workbook that exceljs does not write again, by path prefix, with their Dutch name. */
const LOSSE_DELEN: readonly (readonly [string, string])[] = [
  ["xl/connections.xml", "gegevensverbindingen"],
  ["xl/queryTables/", "querytabellen"],
  ["xl/model/", "gegevensmodel (Power Pivot)"],
  ["customXml/", "eigen XML-onderdelen (customXml)"],
  ["docProps/custom.xml", "aangepaste documenteigenschappen"],
  ["xl/webextensions/", "webinvoegtoepassingen in het werkboek"],
];

/**
 * The defined names of the user's in workbook.xml, as the loss list names them: a name local to a sheet
 * (`naam "Tarief" van blad Kopie`, which a full rewrite by exceljs cannot keep) or workbook-wide. Opgave's own
 * (Opgave_… for the workbook), the built-in _xlnm.… ones (print area and titles, kept per sheet) and Excel's
 * _xlfn.… ones (names of newer functions, which it makes itself) are not the user's; an Opgave_… name local to a
 * sheet is (a copy of Opgave's sheet has its own).
 */
function eigenNamen(werkboek: string): Set<string> {
  const bladen = [...werkboek.matchAll(/<sheet\b[^<>]*>/g)].map((m) =>
    xmlTekstTerug(attribuut(m[0], "name") ?? ""),
  );
  const uit = new Set<string>();
  for (const m of werkboek.matchAll(/<definedName\b([^<>]*)>/g)) {
    const naam = xmlTekstTerug(attribuut(m[0], "name") ?? "");
    const lokaal = attribuut(m[0], "localSheetId");
    if (/^_xl(nm|fn)\./.test(naam) || (lokaal === undefined && naam.startsWith("Opgave_"))) continue;
    const blad = lokaal === undefined ? undefined : bladen[Number(lokaal)];
    uit.add(blad === undefined ? `naam "${naam}"` : `naam "${naam}" van blad ${blad}`);
  }
  return uit;
}

/**
 * The tables of a package with a totals row turned on (Excel's Totaalrij, `totalsRowCount`), as the loss list
 * names it: Opgave writes its tables without one, so a refill turns it off (its formulas stay, as cells below).
 */
async function totaalRijen(zip: JSZip): Promise<Map<string, string>> {
  const uit = new Map<string, string>();
  for (const pad of Object.keys(zip.files).filter((n) => /^xl\/tables\/[^/]+\.xml$/.test(n))) {
    const xml = (await zip.file(pad)?.async("string")) ?? "";
    const kop = /<table\b[^<>]*>/.exec(xml)?.[0] ?? "";
    const aantal = Number(attribuut(kop, "totalsRowCount") ?? "0");
    const naam = xmlTekstTerug(attribuut(kop, "name") ?? "");
    if (aantal > 0 && naam !== "") uit.set(naam, totaalrijVerlies(naam));
  }
  return uit;
}

/** A user part: Dutch description → what it holds (equal in the new file = kept). */
type Onderdelen = Map<string, string>;

function cellenVan(sqref: string): string[] {
  const uit: string[] = [];
  for (const deel of sqref.trim().split(/\s+/)) {
    const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(deel);
    if (!m) return [sqref];
    const k = (l: string) => [...l].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
    const [k1, r1] = [k(m[1] ?? "A"), Number(m[2])];
    const [k2, r2] = [m[3] ? k(m[3]) : k1, m[4] ? Number(m[4]) : r1];
    if ((k2 - k1 + 1) * (r2 - r1 + 1) > MAX_CELLEN) return [sqref];
    for (let r = r1; r <= r2; r++) for (let c = k1; c <= k2; c++) uit.push(`${c},${r}`);
  }
  return uit;
}

/**
 * What of a validation's rule counts: its type, its operator — OOXML's default "between" where none is named
 * (exceljs leaves it out, LibreOffice writes it); none for a list, a custom formula or any value, which have none
 * (LibreOffice writes "between" on a list too) — and the formulas the operator reads: the second only for between
 * and notBetween (LibreOffice writes a second, "0", on a list). So a validation kept as it was is not taken for a
 * lost one.
 */
function regelVan(kop: string, inhoud: string): string[] {
  const type = attribuut(kop, "type") ?? "none";
  const zonderOperator = type === "list" || type === "custom" || type === "none";
  const operator = zonderOperator ? "" : (attribuut(kop, "operator") ?? "between");
  const formules = new Map(
    [...inhoud.matchAll(/<formula(\d)>([^<]*)<\/formula\1>/g)].map((f) => [f[1], xmlTerug(f[2] ?? "")]),
  );
  const tweede = operator === "between" || operator === "notBetween";
  return [
    type === "none" ? "any" : type,
    operator,
    ...[formules.get("1"), tweede ? formules.get("2") : undefined].filter((f) => f !== undefined),
  ];
}

/** Data validations of a sheet, as "signature@cell" (one per validated cell) and by their own sqref. */
function validaties(xml: string): { sqref: string; sig: string }[] {
  const uit: { sqref: string; sig: string }[] = [];
  for (const m of xml.matchAll(/<dataValidation\b([^<>]*?)(?:\/>|>([\s\S]*?)<\/dataValidation>)/g)) {
    const kop = m[1] ?? "";
    const sig = regelVan(kop, m[2] ?? "").join("|");
    uit.push({ sqref: attribuut(kop, "sqref") ?? "", sig });
  }
  return uit;
}

/** The extLst of the worksheet itself (not one inside a conditional format). */
function bladUitbreidingen(xml: string): { uri: string; inhoud: string }[] {
  const zonder = xml.replace(/<conditionalFormatting\b[\s\S]*?<\/conditionalFormatting>/g, "");
  const lijst = /<extLst\b[^<>]*>([\s\S]*)<\/extLst>/.exec(zonder)?.[1] ?? "";
  return [...lijst.matchAll(/<ext\b([^<>]*)>([\s\S]*?)<\/ext>/g)].map((m) => ({
    uri: attribuut(m[1] ?? "", "uri") ?? "",
    inhoud: m[2] ?? "",
  }));
}

/**
 * What an item of Excel 2010's extensions is called in a message: a data bar, an icon set, else the kind with the
 * version (the sheet's older kind on the same range is another item).
 */
function x14Soort(element: string, xml: string): string {
  if (element === "dataValidation") return "gegevensvalidatie (Excel 2010 en later)";
  if (/<x14:dataBar\b/.test(xml)) return "gegevensbalk (voorwaardelijke opmaak)";
  if (/<x14:iconSet\b/.test(xml)) return "pictogramset (voorwaardelijke opmaak)";
  return "voorwaardelijke opmaak (Excel 2010 en later)";
}

function x14Items(inhoud: string, element: string): { sqref: string; xml: string }[] {
  return [...inhoud.matchAll(new RegExp(`<x14:${element}\\b[\\s\\S]*?</x14:${element}>`, "g"))].map((m) => ({
    sqref: /<xm:sqref>([^<]*)<\/xm:sqref>/.exec(m[0])?.[1] ?? "",
    xml: m[0].replace(/<x14:id>[^<]*<\/x14:id>|\s(?:id|priority|dxfId)="[^"]*"/g, ""),
  }));
}

/** Conditional formats, x14 extensions, protection of one sheet. */
function bladOnderdelen(blad: string, xml: string, uit: Onderdelen): void {
  // Rules on one range in one element or in several (Excel, openpyxl and exceljs group them differently).
  const opmaak = new Map<string, string[]>();
  for (const m of xml.matchAll(/<conditionalFormatting\b([^<>]*)>([\s\S]*?)<\/conditionalFormatting>/g)) {
    const regels = [
      ...(m[2] ?? "").matchAll(/<cfRule\b([^<>]*)>([\s\S]*?)<\/cfRule>|<cfRule\b([^<>]*)\/>/g),
    ].map((r) => {
      const kop = r[1] ?? r[3] ?? "";
      // As it reads: `D8=""` (openpyxl) and `D8=&quot;&quot;` (exceljs) are the same formula.
      const formules = [...(r[2] ?? "").matchAll(/<formula>([^<]*)<\/formula>/g)].map((f) =>
        xmlTerug(f[1] ?? ""),
      );
      return [attribuut(kop, "type"), attribuut(kop, "operator") ?? "", ...formules].join("|");
    });
    const sleutel = `voorwaardelijke opmaak op ${blad}!${attribuut(m[1] ?? "", "sqref") ?? ""}`;
    opmaak.set(sleutel, [...(opmaak.get(sleutel) ?? []), ...regels]);
  }
  for (const [sleutel, regels] of opmaak) uit.set(sleutel, regels.sort().join(";"));
  for (const e of bladUitbreidingen(xml)) {
    if (e.uri === EXT_SPARKLINES) continue;
    if (e.uri === EXT_VALIDATIE || e.uri === EXT_OPMAAK) {
      const element = e.uri === EXT_VALIDATIE ? "dataValidation" : "conditionalFormatting";
      for (const i of x14Items(e.inhoud, element))
        uit.set(`${x14Soort(element, i.xml)} op ${blad}!${i.sqref}`, i.xml);
    } else {
      uit.set(`uitbreiding ${e.uri} (extLst) op blad ${blad}`, "");
    }
  }
  if (/<sheetProtection\b[^<>]*\bsheet="(1|true)"/.test(xml)) uit.set(`bladbeveiliging op blad ${blad}`, "");
  const { rijen, kolommen } = paginaEinden(xml);
  for (const b of rijen) uit.set(paginaEindeNaam(b.id, blad), "");
  for (const b of kolommen)
    uit.set(`pagina-einde rechts van kolom ${kolomLetters(b.id)} op blad ${blad}`, "");
}

// ---------------------------------------------------------------------------------------------------------
// Page breaks

/** A manual page break (`<brk>`): below row or right of column `id`, with its other attributes as they were. */
export interface PaginaEinde {
  readonly id: number;
  readonly [attribuut: string]: number | string;
}

/** How the loss check names a row break: below row `rij` of the sheet `blad`. */
export function paginaEindeNaam(rij: number, blad: string): string {
  return `pagina-einde onder rij ${rij} op blad ${blad}`;
}

/**
 * A sheet's page breaks (`<rowBreaks>`, `<colBreaks>`), each element as it stands (`xml`, "" for none). exceljs
 * reads neither (a refill lost them: Opgave's own below its chart on Overzicht, and the user's): ./xlsxWriter gives
 * it the row breaks to write again, the graft (./xlsxEnten) puts back the column breaks, which exceljs cannot write.
 */
export function paginaEinden(xml: string): {
  rijen: PaginaEinde[];
  kolommen: PaginaEinde[];
  kolommenXml: string;
} {
  const element = (naam: string) =>
    new RegExp(`<${naam}\\b[^<>]*?(?:/>|>[\\s\\S]*?</${naam}>)`).exec(xml)?.[0] ?? "";
  const einden = (x: string): PaginaEinde[] =>
    [...x.matchAll(/<brk\b[^<>]*>/g)].flatMap((m) => {
      // Either quote, and room around "=" (XML allows both).
      const paren = [...m[0].matchAll(/\s([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map(
        ([, k, dubbel, enkel]) => [k ?? "", xmlTerug(dubbel ?? enkel ?? "")] as const,
      );
      const uit = Object.fromEntries(paren.map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v]));
      return typeof uit.id === "number" ? [uit as PaginaEinde] : [];
    });
  const kolommenXml = element("colBreaks");
  return { rijen: einden(element("rowBreaks")), kolommen: einden(kolommenXml), kolommenXml };
}

/**
 * The page breaks of each sheet of `data` that has any (`paginaEinden`); of the sheets `bladen` only, where given
 * (a graft keeps the others as they are: a large sheet of the user's is not even decoded).
 */
export async function paginaEindenPerBlad(
  data: Uint8Array | ArrayBuffer,
  bladen?: readonly string[],
): Promise<Map<string, ReturnType<typeof paginaEinden>>> {
  const zip = await JSZip.loadAsync(data);
  const uit = new Map<string, ReturnType<typeof paginaEinden>>();
  for (const [blad, deel] of await bladPaden(zip)) {
    if (bladen && !bladen.some((b) => b.toLowerCase() === blad.toLowerCase())) continue;
    const xml = (await zip.file(deel)?.async("string")) ?? "";
    if (xml.includes("Breaks")) uit.set(blad, paginaEinden(xml));
  }
  return uit;
}

// ---------------------------------------------------------------------------------------------------------
// Table filters and styles

/*
 * The filter a user set on an Excel table (`<autoFilter>` of a table part: a `<filterColumn>` with a condition —
 * values to show, a custom or top-10 condition, a colour), by column header, and the table's style (name, banded
 * rows and columns, first and last column). exceljs keeps a table's filter buttons but not its conditions, and
 * Opgave's writer gives its tables its own style: a refill's graft (./xlsxEnten) puts both back on Opgave's
 * rewritten tables, a condition under the column with the same header (never by position), and the check after
 * writing names one that is gone. The Office.js path keeps the table object and so its filter and style.
 */

/** A `<filterColumn>` element, empty (a button flag only) or with its condition. */
const FILTER_KOLOM = /<filterColumn\b[^<>]*?(?:\/>|>[\s\S]*?<\/filterColumn>)/g;
const AUTO_FILTER = /<autoFilter\b([^<>]*?)(?:\/>|>([\s\S]*?)<\/autoFilter>)/;

/** The headers of a table part's columns, in order. */
function tabelKoppen(xml: string): string[] {
  return [...xml.matchAll(/<tableColumn\b[^<>]*>/g)].map((m) => attribuut(m[0], "name") ?? "");
}

/** The table's name (`name` on its root). */
export function tabelNaam(xml: string): string | undefined {
  const wortel = /<table\b[^<>]*>/.exec(xml)?.[0];
  return wortel ? attribuut(wortel, "name") : undefined;
}

/** The conditions of a table part's filter, by column header: each `<filterColumn>` that holds one. */
export function tabelFilters(xml: string): Map<string, string> {
  const uit = new Map<string, string>();
  const inhoud = AUTO_FILTER.exec(xml)?.[2];
  if (!inhoud) return uit;
  const kop = tabelKoppen(xml);
  for (const [element] of inhoud.matchAll(FILTER_KOLOM)) {
    if (element.endsWith("/>")) continue;
    const naam = kop[Number(attribuut(element, "colId"))];
    if (naam !== undefined) uit.set(naam, element);
  }
  return uit;
}

/** A `<filterColumn>` element as it would stand under column `j` (0-based). */
function onderKolom(element: string, j: number): string {
  return element.replace(/^<filterColumn\b[^<>]*?(?=\/?>)/, (tag) =>
    /\scolId="[^"]*"/.test(tag) ? tag.replace(/(\scolId=")[^"]*"/, `$1${j}"`) : `${tag} colId="${j}"`,
  );
}

/**
 * A table part (as exceljs wrote it) with the conditions `filters` (`tabelFilters` of the old part) on the columns
 * with the same headers; a condition whose header the table no longer has is left out. Unchanged without conditions.
 */
export function metFilters(xml: string, filters: ReadonlyMap<string, string>): string {
  if (filters.size === 0) return xml;
  const af = AUTO_FILTER.exec(xml);
  if (!af) return xml;
  const kop = tabelKoppen(xml);
  const perKolom = new Map<number, string>();
  for (const [element] of (af[2] ?? "").matchAll(FILTER_KOLOM))
    perKolom.set(Number(attribuut(element, "colId")), element);
  for (const [naam, element] of filters) {
    const j = kop.indexOf(naam);
    if (j >= 0) perKolom.set(j, onderKolom(element, j));
  }
  const kolommen = [...perKolom].sort(([a], [b]) => a - b).map(([, element]) => element);
  return xml.replace(AUTO_FILTER, () => `<autoFilter${af[1] ?? ""}>${kolommen.join("")}</autoFilter>`);
}

/** A `<tableColumn>` with the calculated column's formula it starts with (the element, as written). */
const BEREKENDE_KOLOM =
  /<tableColumn\b[^<>]*[^/<>]>\s*(<calculatedColumnFormula\b[^<>]*>[^<]*<\/calculatedColumnFormula>)/g;

/**
 * The formula of each calculated column of a table part (Excel's `<calculatedColumnFormula>`: what it fills into a
 * row inserted into the table), by header. exceljs reads no such element: a table it writes has none.
 */
export function kolomFormules(xml: string): Map<string, string> {
  const uit = new Map<string, string>();
  for (const m of xml.matchAll(BEREKENDE_KOLOM)) uit.set(attribuut(m[0], "name") ?? "", m[1] ?? "");
  return uit;
}

/**
 * The headers of the calculated columns of each table part of `data` (`kolomFormules`), by the table's name in
 * lower case (table names are case-insensitive): ./berekendeKolom fills such a column into a row a refill adds,
 * also where one of its cells was typed over (Excel's exception), as Excel does.
 */
export async function berekendeKolommen(data: Uint8Array | ArrayBuffer): Promise<Map<string, Set<string>>> {
  const zip = await JSZip.loadAsync(data);
  const uit = new Map<string, Set<string>>();
  for (const n of Object.keys(zip.files).filter((x) => /^xl\/tables\/[^/]+\.xml$/.test(x))) {
    const xml = (await zip.file(n)?.async("string")) ?? "";
    const koppen = [...kolomFormules(xml).keys()].map(xmlTekstTerug);
    const tabel = tabelNaam(xml);
    if (tabel !== undefined && koppen.length > 0)
      uit.set(xmlTekstTerug(tabel).toLowerCase(), new Set(koppen));
  }
  return uit;
}

/** A table part with the calculated columns' formulas `formules` (`kolomFormules` of the old part) by header. */
export function metKolomFormules(xml: string, formules: ReadonlyMap<string, string>): string {
  if (formules.size === 0) return xml;
  return xml.replace(/<tableColumn\b[^<>]*\/>/g, (tag) => {
    const formule = formules.get(attribuut(tag, "name") ?? "");
    return formule === undefined ? tag : `${tag.replace(/\s*\/>$/, ">")}${formule}</tableColumn>`;
  });
}

const TABEL_STIJL = /<tableStyleInfo\b[^<>]*>/;

/** A table part's style (`<tableStyleInfo>`), undefined when it has none. */
export function tabelStijl(xml: string): string | undefined {
  return TABEL_STIJL.exec(xml)?.[0];
}

/** A table part with the style `stijl` (`tabelStijl` of the old part) in place of its own. */
export function metStijl(xml: string, stijl: string): string {
  return TABEL_STIJL.test(xml) ? xml.replace(TABEL_STIJL, () => stijl) : xml;
}

/** A table style as it looks: its name and which of its bands and columns show (however the flags are written). */
function stijlBeeld(tag: string): string {
  const aan = (naam: string) => (/^(1|true)$/.test(attribuut(tag, naam) ?? "") ? 1 : 0);
  const vlaggen = ["showFirstColumn", "showLastColumn", "showRowStripes", "showColumnStripes"].map(aan);
  return `${attribuut(tag, "name") ?? ""}|${vlaggen.join("")}`;
}

/**
 * Each table's filter conditions ("filter op tabel Opgave_Taakstelling, kolom "Periode"", its place not counted)
 * and style ("tabelstijl van tabel Opgave_Taakstelling").
 */
async function tabelInstellingen(zip: JSZip, uit: Onderdelen): Promise<void> {
  for (const n of Object.keys(zip.files).filter((x) => /^xl\/tables\/[^/]+\.xml$/.test(x))) {
    const xml = (await zip.file(n)?.async("string")) ?? "";
    const naam = tabelNaam(xml) ?? n;
    for (const [kop, element] of tabelFilters(xml))
      uit.set(`filter op tabel ${naam}, kolom "${kop}"`, onderKolom(element, 0));
    const stijl = tabelStijl(xml);
    if (stijl) uit.set(`tabelstijl van tabel ${naam}`, stijlBeeld(stijl));
    for (const [kop, formule] of kolomFormules(xml))
      uit.set(`berekende kolom "${kop}" van tabel ${naam}`, formule);
  }
}

/** External workbook links: "externe koppeling [1] (Blad1.xlsx)" in the order of workbook.xml. */
async function externeKoppelingen(zip: JSZip, uit: Onderdelen): Promise<void> {
  const wb = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = relaties((await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "");
  const refs = [...wb.matchAll(/<externalReference\b[^<>]*>/g)].map((m) => attribuut(m[0], "r:id"));
  const delen = refs.map((rid) => rels.find((r) => r.id === rid)?.target).filter((t) => t !== undefined);
  for (const n of Object.keys(zip.files).filter((x) => /^xl\/externalLinks\/[^/]+\.xml$/.test(x))) {
    if (!delen.some((d) => pad("xl/workbook.xml", d) === n)) delen.push(`/${n}`);
  }
  for (const [i, doel] of delen.entries()) {
    const part = pad("xl/workbook.xml", doel);
    const bron = relaties((await zip.file(relsPad(part))?.async("string")) ?? "").find((r) =>
      r.type.endsWith("/externalLinkPath"),
    );
    uit.set(`externe koppeling [${i + 1}] (${bron?.target ?? part})`, bron?.target ?? part);
  }
  if (/<workbookProtection\b[^<>]*\block(Structure|Windows)="(1|true)"/.test(wb))
    uit.set("werkmapbeveiliging", "");
}

/** A data validation of a sheet: its signature (type, operator, formulas) and where it stands. */
interface Validatie {
  readonly blad: string;
  readonly sig: string;
  readonly sqref: string;
}

/** What one sheet holds of the user's: its findings by Dutch description, and its data validations. */
interface BladInhoud {
  readonly items: ReadonlyArray<readonly [string, string]>;
  readonly validaties: ReadonlyArray<readonly [string, Validatie]>;
}

/** A validation as "sheet@signature@sqref": the same in both files, it is kept cell for cell. */
const validatieSleutel = (v: Validatie) => `${v.blad}@${v.sig}@${v.sqref}`;

/** Each cell a validation covers, as "sheet@signature@cell" (`cellenVan`). */
const validatieCellen = (v: Validatie) => cellenVan(v.sqref).map((c) => `${v.blad}@${v.sig}@${c}`);

/** `validatieCellen` where the refill put them (`naar`: "Blad!A59" → "Blad!A58", undefined: not looked for). */
function validatieCellenNa(v: Validatie, naar: ReadonlyMap<string, string | undefined>): string[] {
  if (naar.size === 0) return validatieCellen(v);
  return cellenVan(v.sqref).flatMap((c) => {
    // `cellenVan` gives "kolom,rij"; the writer names cells "Blad!A59".
    const [kolom = 0, rij = 0] = c.split(",").map(Number);
    const plek = `${v.blad}!${adres({ rij, kolom })}`;
    if (!naar.has(plek)) return [`${v.blad}@${v.sig}@${c}`];
    const naarPlek = naar.get(plek) ?? "";
    const doel = decodeerBereik(naarPlek.slice(naarPlek.lastIndexOf("!") + 1));
    return doel ? [`${v.blad}@${v.sig}@${doel.kol1},${doel.rij1}`] : [];
  });
}

/**
 * A sheet's XML without its cells (`<sheetData>`, most of a sheet): what is looked for here — validations,
 * conditional formats, extLst, protection — stands beside it, never in it.
 */
function zonderCellen(xml: string): string {
  const begin = xml.search(/<(?:[\w.-]+:)?sheetData\b/);
  if (begin < 0) return xml;
  const eind = /<\/(?:[\w.-]+:)?sheetData>/g;
  eind.lastIndex = begin;
  const m = eind.exec(xml);
  return m ? xml.slice(0, begin) + xml.slice(m.index + m[0].length) : xml;
}

/** What one sheet holds of the user's. */
function bladInhoud(blad: string, bytes: Uint8Array | undefined): BladInhoud {
  const xml = bytes ? zonderCellen(tekstUit(bytes)) : "";
  const items: Onderdelen = new Map();
  bladOnderdelen(blad, xml, items);
  return {
    items: [...items],
    validaties: validaties(xml).map((v) => [`gegevensvalidatie op ${blad}!${v.sqref}`, { blad, ...v }]),
  };
}

/** Each sheet's name with its part's bytes (undefined: the part is missing). */
async function bladDelen(zip: JSZip): Promise<Map<string, Uint8Array | undefined>> {
  const uit = new Map<string, Uint8Array | undefined>();
  for (const [blad, part] of await bladPaden(zip)) uit.set(blad, await zip.file(part)?.async("uint8array"));
  return uit;
}

const OPMAAK_OP = "voorwaardelijke opmaak op ";

/** Conditional formats and validations a refill moved with a table's rows (./xlsxWriter `volgTabellen`). */
export interface OpmaakVerplaatst {
  /** "Blad!K9:K59" → "Blad!K9:K58": a conditional format's range. */
  readonly opmaak: ReadonlyMap<string, string>;
  /** "Blad!A59" → "Blad!A58", or undefined where its row went: the cells of a validation. */
  readonly validatieCellen: ReadonlyMap<string, string | undefined>;
  /**
   * A row break by its name (`paginaEindeNaam`) → where it went, or undefined where its row went (the writer named
   * it): the user's breaks on a table's rows (./xlsxWriter `eindenTerug`).
   */
  readonly einden?: ReadonlyMap<string, string | undefined>;
  /**
   * Where a cell of the old file ("Blad!G20") stands in the new one, undefined where its row or column went
   * (./xlsxWriter `Schrijver.celNaar`: a table's rows can move); without it, where a note that moved went
   * (`verplaatst`), else where it was. For the cells based on a named style.
   */
  readonly cellen?: (plek: string) => string | undefined;
}

/**
 * Everything of the user's own that this module can see in the parts, by Dutch description; without the sheets in
 * `overslaan` (what they hold is the same in both files).
 */
async function onderdelenVan(
  zip: JSZip,
  bladen: ReadonlyMap<string, Uint8Array | undefined>,
  overslaan: ReadonlySet<string>,
  zonderTekening: ReadonlySet<string>,
  verplaatst: ReadonlyMap<string, string | undefined> = new Map(),
  gevolgd: Omit<OpmaakVerplaatst, "validatieCellen"> = { opmaak: new Map() },
): Promise<{ onderdelen: Onderdelen; validaties: Map<string, Validatie>; genoemd: Map<string, string> }> {
  const onderdelen: Onderdelen = new Map();
  const gevalideerd = new Map<string, Validatie>();
  // A moved note is looked for where it went, and named by where it was.
  const genoemd = new Map<string, string>();
  const notities = await notitieDelen(zip);
  const vormen =
    notities.size > 0 ? await notitieVormen(zip) : new Map<string, { pad: string; xml: string }>();
  for (const [blad, { xml }] of notities) {
    const auteurs = notitieAuteurs(xml);
    const getoond = getoondeNotities(vormen.get(blad)?.xml ?? "");
    for (const [ref, runs] of notitiesIn(xml)) {
      const plek = `${blad}!${ref}`;
      const naar = waarNu(verplaatst, plek);
      if (naar === undefined) continue;
      // Its author and whether it is always shown too (exceljs loses both: `zetNotitiesTerug` puts them back).
      const tekst = runs.map((r) => r.tekst).join("");
      onderdelen.set(
        `notitie op ${naar}`,
        `${auteurs.get(ref) ?? ""}\n${getoond.has(ref) ? "getoond\n" : ""}${tekst}`,
      );
      if (naar !== plek) genoemd.set(`notitie op ${naar}`, `notitie op ${plek} (naar ${naar})`);
    }
  }
  for (const [blad, bytes] of bladen) {
    if (overslaan.has(blad)) continue;
    const { items, validaties } = bladInhoud(blad, bytes);
    for (const [naam, inhoud] of items) {
      // A conditional format or row break that went with its table's rows is looked for where it went; a break
      // whose row went is named by the writer.
      if (gevolgd.einden?.has(naam)) {
        const naar = gevolgd.einden.get(naam);
        if (naar !== undefined) {
          onderdelen.set(naar, inhoud);
          genoemd.set(naar, `${naam} (naar ${/rij \d+/.exec(naar)?.[0] ?? naar})`);
        }
        continue;
      }
      const plek = naam.startsWith(OPMAAK_OP) ? naam.slice(OPMAAK_OP.length) : undefined;
      const naar = plek === undefined ? undefined : gevolgd.opmaak.get(plek);
      if (naar === undefined || plek === undefined) onderdelen.set(naam, inhoud);
      else {
        onderdelen.set(`${OPMAAK_OP}${naar}`, inhoud);
        genoemd.set(`${OPMAAK_OP}${naar}`, `${naam} (naar ${naar})`);
      }
    }
    for (const [naam, v] of validaties) gevalideerd.set(naam, v);
  }
  await celstijlen(zip, bladen, overslaan, gevolgd.cellen ?? ((plek) => waarNu(verplaatst, plek)), {
    onderdelen,
    genoemd,
  });
  await externeKoppelingen(zip, onderdelen);
  await tabelInstellingen(zip, onderdelen);
  await tekeningen(zip, new Set([...overslaan, ...zonderTekening]), onderdelen);
  return { onderdelen, validaties: gevalideerd, genoemd };
}

/**
 * Each cell of the sheets but those in `overslaan` that is based on a named style (./xlsxCelstijlen), by where it
 * is now (`naar`: "celstijl "Beleid" op Taakstelling!R4"), the style's name as content: exceljs writes every format
 * based on "Normal", and the graft gives a cell its style back only where its look stayed the same. A cell whose
 * row or column goes is named by where it was. Reads no sheet when no cell format of the workbook is based on a
 * named style.
 */
async function celstijlen(
  zip: JSZip,
  bladen: ReadonlyMap<string, Uint8Array | undefined>,
  overslaan: ReadonlySet<string>,
  naar: (plek: string) => string | undefined,
  { onderdelen, genoemd }: { onderdelen: Onderdelen; genoemd: Map<string, string> },
): Promise<void> {
  const deel = await werkboekDeel(zip, "styles");
  const stijlXml = deel ? await zip.file(deel)?.async("string") : undefined;
  const stijlen = stijlXml === undefined ? undefined : Celstijlen.van(stijlXml);
  if (!stijlen) return;
  for (const [blad, bytes] of bladen) {
    if (overslaan.has(blad) || !bytes) continue;
    for (const [ref, naam] of cellenMetCelstijl(tekstUit(bytes), stijlen)) {
      const plek = `${blad}!${ref}`;
      const nu = naar(plek);
      // Where its row went, no cell of the new file answers to it: named.
      const sleutel = `celstijl "${naam}" op ${nu ?? `${plek} (de rij of kolom vervalt bij opnieuw vullen)`}`;
      onderdelen.set(sleutel, naam);
      if (nu !== undefined && nu !== plek) genoemd.set(sleutel, `celstijl "${naam}" op ${plek} (naar ${nu})`);
    }
  }
}

const ANKER_WOORD: Readonly<Record<AnkerSoort, string>> = {
  grafiek: "grafiek",
  afbeelding: "afbeelding",
  tekstvak: "tekstvak",
  vorm: "vorm",
  groep: "groep vormen",
  lijn: "lijn",
  object: "object",
};

/**
 * The user's objects on the drawings of the sheets but those in `overslaan` (kept as they were, or written whole by
 * exceljs: `verliesBijHerschrijven` names them then) — what a refill keeps as it was (./xlsxEnten, also beside
 * Opgave's charts) — each by kind, name and sheet ("tekstvak "Tekstvak 1" op blad Taakstelling"), its anchor's XML
 * as content.
 */
async function tekeningen(zip: JSZip, overslaan: ReadonlySet<string>, onderdelen: Onderdelen): Promise<void> {
  for (const [blad, { eigen }] of await tekeningenPerBlad(zip)) {
    if (overslaan.has(blad)) continue;
    eigen.forEach((a, i) => {
      const naam = `${ANKER_WOORD[a.soort]} "${a.naam || i + 1}" op blad ${blad}`;
      onderdelen.set(onderdelen.has(naam) ? `${naam} (${i + 1})` : naam, a.xml);
    });
  }
}

/** A drawing object of the user's and the cells it lies over (`getekendOp`). */
export interface GetekendOp {
  readonly blad: string;
  /** Its kind and name, as the loss check names it: `afbeelding "Logo"`. */
  readonly wat: string;
  /** The cells from its top left to its bottom right corner ("H20:I22"; one cell for a one-cell anchor). */
  readonly bereik: string;
}

/**
 * The cell of an anchor's corner (`from`, `to`: 0-based in the XML, with an offset into it); undefined where it has
 * none. A bottom right corner at the very edge of its cell (offset 0) ends in the cell before it.
 */
function ankerHoek(anker: string, hoek: "from" | "to"): { rij: number; kolom: number } | undefined {
  const binnen = new RegExp(`<(?:[\\w.-]+:)?${hoek}\\b[^<>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?${hoek}>`).exec(
    anker,
  )?.[1];
  const getal = (naam: string) =>
    Number(new RegExp(`<(?:[\\w.-]+:)?${naam}>\\s*(\\d+)\\s*<`).exec(binnen ?? "")?.[1] ?? Number.NaN);
  const [rij, kolom] = [getal("row"), getal("col")];
  if (!Number.isInteger(rij) || !Number.isInteger(kolom)) return undefined;
  const rand = (n: number, verschuiving: number) =>
    hoek === "to" && verschuiving === 0 && n > 0 ? n : n + 1;
  return { rij: rand(rij, getal("rowOff")), kolom: rand(kolom, getal("colOff")) };
}

/**
 * The objects of the user's on the drawings of the sheets `bladen` (a graft keeps them as they were, on the cells
 * they lie over: ./xlsxWriter checks them as it checks a formula reading those cells, where a table's rows will
 * hold another gemeente). An object anchored to the page, not to cells (`absoluteAnchor`), lies over none.
 */
export async function getekendOp(
  data: Uint8Array | ArrayBuffer,
  bladen: readonly string[],
): Promise<GetekendOp[]> {
  const uit: GetekendOp[] = [];
  for (const [blad, { eigen }] of await tekeningenPerBlad(await JSZip.loadAsync(data))) {
    if (!bladen.some((b) => b.toLowerCase() === blad.toLowerCase())) continue;
    eigen.forEach((a, i) => {
      const van = ankerHoek(a.xml, "from");
      if (!van) return;
      const hoek = ankerHoek(a.xml, "to") ?? van;
      const tot = { rij: Math.max(hoek.rij, van.rij), kolom: Math.max(hoek.kolom, van.kolom) };
      const bereik = adres(van) === adres(tot) ? adres(van) : `${adres(van)}:${adres(tot)}`;
      uit.push({ blad, wat: `${ANKER_WOORD[a.soort]} "${a.naam || i + 1}"`, bereik });
    });
  }
  return uit;
}

/**
 * What the old workbook holds that the new one (as written) does not: notes, data validations (also the x14 ones
 * in extLst), conditional formats, other extLst extensions of a sheet, sheet and workbook protection, a table's
 * filter conditions and style, external workbook links, and parts exceljs does not write (connections, query tables, the data model, customXml, custom
 * document properties, web extensions). Each by name ("notitie op Taakstelling!F9", "externe koppeling [1] (Blad1.xlsx)"), in Dutch.
 * `verplaatst`: notes the writer moved with their row ("Blad!F20" → "Blad!F19": looked for there, named by where
 * they were), or named itself already (→ undefined: not looked for).
 */
export async function verliesNaSchrijven(
  oud: Uint8Array | ArrayBuffer,
  nieuw: Uint8Array | ArrayBuffer,
  verplaatst?: ReadonlyMap<string, string | undefined>,
  opmaakVerplaatst: OpmaakVerplaatst = { opmaak: new Map(), validatieCellen: new Map() },
  { geent = true }: { readonly geent?: boolean } = {},
): Promise<string[]> {
  const [zipOud, zipNieuw] = [await JSZip.loadAsync(oud), await JSZip.loadAsync(nieuw)];
  const [bladenOud, bladenNieuw] = [await bladDelen(zipOud), await bladDelen(zipNieuw)];
  // A sheet the refill kept as it was (the very bytes, ./zip: a graft copies the user's own sheets) holds in the new
  // file what it held: not read at all (for a large sheet of the user's own, decoding it was most of this check).
  const gelijk = new Set(
    [...bladenOud].filter(([blad, bytes]) => bytes && bladenNieuw.get(blad) === bytes).map(([blad]) => blad),
  );
  // The user's drawings, object by object, where the graft keeps them (every one); without the graft
  // `verliesBijHerschrijven` named them all.
  const getekend = geent ? new Set<string>() : new Set(bladenOud.keys());
  const a = await onderdelenVan(zipOud, bladenOud, gelijk, getekend, verplaatst, opmaakVerplaatst);
  const b = await onderdelenVan(zipNieuw, bladenNieuw, gelijk, getekend);
  const verlies: string[] = [];
  for (const [naam, inhoud] of a.onderdelen)
    if (b.onderdelen.get(naam) !== inhoud) verlies.push(a.genoemd.get(naam) ?? naam);
  // Cell by cell only where a validation is not in the new file as it was (a refill rewrites Opgave's the same).
  const zelfde = new Set([...b.validaties.values()].map(validatieSleutel));
  let nieuweCellen: Set<string> | undefined;
  for (const [naam, v] of a.validaties) {
    if (zelfde.has(validatieSleutel(v))) continue;
    nieuweCellen ??= new Set([...b.validaties.values()].flatMap(validatieCellen));
    if (validatieCellenNa(v, opmaakVerplaatst.validatieCellen).some((c) => !nieuweCellen?.has(c)))
      verlies.push(naam);
  }
  const heeft = (zip: JSZip, voorvoegsel: string) =>
    Object.keys(zip.files).some((n) => n.startsWith(voorvoegsel) && !zip.files[n]?.dir);
  // LibreOffice writes docProps/custom.xml without properties: only one with a property counts.
  const eigenschappen = /<property\b/.test((await zipOud.file("docProps/custom.xml")?.async("string")) ?? "");
  const totaalNa = await totaalRijen(zipNieuw);
  for (const [tabel, naam] of await totaalRijen(zipOud)) if (!totaalNa.has(tabel)) verlies.push(naam);
  const namenNa = eigenNamen((await zipNieuw.file("xl/workbook.xml")?.async("string")) ?? "");
  for (const naam of eigenNamen((await zipOud.file("xl/workbook.xml")?.async("string")) ?? ""))
    if (!namenNa.has(naam)) verlies.push(naam);
  for (const [voorvoegsel, naam] of LOSSE_DELEN) {
    if (voorvoegsel === "docProps/custom.xml" && !eigenschappen) continue;
    if (heeft(zipOud, voorvoegsel) && !heeft(zipNieuw, voorvoegsel)) verlies.push(naam);
  }
  return verlies;
}
