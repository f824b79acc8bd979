/**
 * The user's drawing on one of Opgave's sheets, kept by a refill (./xlsxEnten `bewaardeTekeningen`) with Opgave's
 * charts on it swapped: Opgave's old chart anchors out (with the relationships only they used), the charts exceljs
 * and ./xlsxOnderdelen `voegGrafiekenToe` drew anew in, where the first old one stood in the drawing's order (so what
 * the user put over Opgave's chart stays over it; behind everything where there was none). A chart of Opgave's the
 * user grouped with objects of their own stays in its group and shows the chart drawn anew (`metGrafiekDoel`). Every
 * object of the user's — its XML, its id, the relationships it uses — stays exactly as it was. Pure string work on
 * the drawing part and its relationships (browser-safe).
 */
import { attribuut, relaties, voegRelToe, vrijeRid, wortel, type Anker } from "./xlsxOnderdelen";

const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_CHART = `${NS_REL}/chart`;
/** The namespaces Opgave's chart anchor takes from the root of the drawing it was written in. */
const NAMESPACES: Readonly<Record<string, string>> = {
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
};

/** A drawing part and its relationships part (`LEGE_RELS` where it has none). */
export interface TekeningDeel {
  readonly xml: string;
  readonly rels: string;
  /** Where in `xml` Opgave's next chart goes (`zonderAnkers`); undefined: nowhere (a root without content). */
  readonly plek?: number;
}

/** Whether an attribute with a prefix (r:id, r:embed, …) of the drawing's XML has the value `id`. */
function gebruikt(xml: string, id: string): boolean {
  const waarde = `="${id}"`;
  for (let i = xml.indexOf(waarde); i >= 0; i = xml.indexOf(waarde, i + 1)) {
    if (/\s[\w.-]+:[\w.-]+$/.test(xml.slice(Math.max(0, i - 80), i))) return true;
  }
  return false;
}

/**
 * The drawing without the anchors `weg` (Opgave's old charts), and without the relationships they used that
 * nothing left in it uses; `plek`: where the first of them stood, else right after the root's start tag.
 */
export function zonderAnkers(deel: TekeningDeel, weg: readonly Anker[]): TekeningDeel {
  const begin = wortel(deel.xml);
  const naWortel = begin.endsWith("/>") ? undefined : deel.xml.indexOf(begin) + begin.length;
  let xml = deel.xml;
  let plek: number | undefined;
  for (const a of weg) {
    const i = xml.indexOf(a.xml);
    if (i < 0) continue;
    plek ??= i;
    xml = xml.slice(0, i) + xml.slice(i + a.xml.length);
  }
  const vervallen = new Set(weg.map((a) => a.rid).filter((id) => id !== "" && !gebruikt(xml, id)));
  const rels = deel.rels.replace(/<Relationship\b[^<>]*>/g, (r) =>
    vervallen.has(attribuut(r, "Id") ?? "") ? "" : r,
  );
  const uit = { xml, rels };
  const waar = plek ?? naWortel;
  return waar === undefined ? uit : { ...uit, plek: waar };
}

/** The smallest object id (`cNvPr`) the drawing does not use. */
function vrijObject(xml: string): number {
  const ids = new Set(
    [...xml.matchAll(/<(?:[\w.-]+:)?cNvPr\b[^<>]*>/g)].map((m) => Number(attribuut(m[0], "id") ?? 0)),
  );
  let id = 1;
  while (ids.has(id)) id++;
  return id;
}

/**
 * The drawing with Opgave's chart anchor `anker` (as written in another drawing: ./xlsxOnderdelen `anker`) added at
 * `deel.plek` (the next one after it), showing the chart part at `doel` (relative to the drawing), under an object
 * id and a relationship the drawing does not use yet; unchanged without a `plek`.
 */
export function metGrafiekAnker(deel: TekeningDeel, anker: Anker, doel: string): TekeningDeel {
  const plek = deel.plek;
  if (plek === undefined) return deel;
  const rid = vrijeRid(relaties(deel.rels));
  const id = vrijObject(deel.xml);
  const xml = metNamespaces(anker.xml, wortel(deel.xml))
    .replace(
      /<((?:[\w.-]+:)?cNvPr)\b([^<>]*?)\sid="\d+"/,
      (_, tag: string, voor: string) => `<${tag}${voor} id="${id}"`,
    )
    .replace(/(<(?:[\w.-]+:)?chart\b[^<>]*?\sr:id=")[^"]*"/, (_, voor: string) => `${voor}${rid}"`);
  return {
    xml: `${deel.xml.slice(0, plek)}${xml}${deel.xml.slice(plek)}`,
    rels: voegRelToe(deel.rels, rid, REL_CHART, doel),
    plek: plek + xml.length,
  };
}

/**
 * The drawing with relationship `rid` (the chart of Opgave's in a group of the user's) pointing at the chart part at
 * `doel` (relative to the drawing): the group's XML stays as it was.
 */
export function metGrafiekDoel(deel: TekeningDeel, rid: string, doel: string): TekeningDeel {
  const rels = deel.rels.replace(/<Relationship\b[^<>]*>/g, (r) =>
    attribuut(r, "Id") === rid ? r.replace(/(\sTarget=")[^"]*"/, (_, voor: string) => `${voor}${doel}"`) : r,
  );
  return { ...deel, rels };
}

/** The anchor's start tag declaring the namespaces of `NAMESPACES` that neither it nor the drawing's root declares. */
function metNamespaces(anker: string, wortelTag: string): string {
  return anker.replace(/^<[^<>]*?(?=\/?>)/, (tag) =>
    Object.entries(NAMESPACES)
      .filter(
        ([v, ns]) => attribuut(tag, `xmlns:${v}`) === undefined && attribuut(wortelTag, `xmlns:${v}`) !== ns,
      )
      .reduce((t, [v, ns]) => `${t} xmlns:${v}="${ns}"`, tag),
  );
}
