/**
 * The user's drawing on one of Opgave's sheets, kept by a refill (./xlsxEnten `bewaardeTekeningen`) with Opgave's
 * charts on it swapped: Opgave's old chart anchors out (with the relationships only they used), the charts exceljs
 * and ./xlsxOnderdelen `voegGrafiekenToe` drew anew in. Every object of the user's — its XML, its id, the
 * relationships it uses — stays exactly as it was, in its place in the drawing's order. Pure string work on the
 * drawing part and its relationships (browser-safe).
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
}

/**
 * The drawing without the anchors `weg` (Opgave's old charts), and without the relationships they used that
 * nothing left in it uses.
 */
export function zonderAnkers(deel: TekeningDeel, weg: readonly Anker[]): TekeningDeel {
  if (weg.length === 0) return deel;
  let xml = deel.xml;
  for (const a of weg) xml = xml.replace(a.xml, () => "");
  const vervallen = new Set(weg.map((a) => a.rid).filter((id) => id !== "" && !xml.includes(`"${id}"`)));
  const rels = deel.rels.replace(/<Relationship\b[^<>]*>/g, (r) =>
    vervallen.has(attribuut(r, "Id") ?? "") ? "" : r,
  );
  return { xml, rels };
}

/**
 * The drawing with Opgave's chart anchor `anker` (as written in another drawing: ./xlsxOnderdelen `anker`) added
 * after every other object, showing the chart part at `doel` (relative to the drawing), under an object id and a
 * relationship the drawing does not use yet; unchanged when the drawing has no end tag to add it before.
 */
export function metGrafiekAnker(deel: TekeningDeel, anker: Anker, doel: string): TekeningDeel {
  const einde = deel.xml.lastIndexOf("</");
  if (einde < 0) return deel;
  const rid = vrijeRid(relaties(deel.rels));
  const ids = [...deel.xml.matchAll(/<(?:[\w.-]+:)?cNvPr\b[^<>]*>/g)].map((m) =>
    Number(attribuut(m[0], "id") ?? 0),
  );
  const id = Math.max(0, ...ids.filter(Number.isSafeInteger)) + 1;
  const xml = metNamespaces(anker.xml, wortel(deel.xml))
    .replace(
      /<((?:[\w.-]+:)?cNvPr)\b([^<>]*?)\sid="\d+"/,
      (_, tag: string, voor: string) => `<${tag}${voor} id="${id}"`,
    )
    .replace(/(<(?:[\w.-]+:)?chart\b[^<>]*?\sr:id=")[^"]*"/, (_, voor: string) => `${voor}${rid}"`);
  return {
    xml: `${deel.xml.slice(0, einde)}${xml}${deel.xml.slice(einde)}`,
    rels: voegRelToe(deel.rels, rid, REL_CHART, doel),
  };
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
