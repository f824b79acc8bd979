/**
 * Hyperlinks on the sheets exceljs reads and writes in a refill. exceljs keeps a hyperlink only as the value of a
 * text cell that links to a URL: it drops a link to a place in the workbook (`location`) and one over a range, turns
 * a linked number into text and a linked formula into its result, and where Opgave writes its value into a cell
 * the user linked (a gemeente's name), the link went with the old value, all without a word.
 *
 * So a refill takes the links out of the sheets before exceljs reads them (`hyperlinksApart`), the writer finds
 * where each cell goes (./xlsxWriter: a cell of an Opgave table with its row and column, as a note; any other cell
 * stays where it is, as in Excel), and they are put back into what exceljs wrote (`zetHyperlinks`) as they were
 * but for their address and relationship id. A link whose row or column goes is named as lost instead. The check
 * after writing (`hyperlinksVerloren`) looks for every link of the old file where it should be. Browser-safe.
 */
import Zip, { tekstVan } from "./zip";
import { decodeerBereik, adres } from "./a1";
import {
  attribuut,
  bladPaden,
  LEGE_RELS,
  NA_KOLOMEINDEN,
  relaties,
  relsPad,
  vrijeRid,
  waarNu,
  wortel,
  xmlTekst,
} from "./xlsxOnderdelen";

const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_HYPERLINK = `${NS_REL}/hyperlink`;

/** One `<hyperlink>` of a sheet. */
export interface Hyperlink {
  /** The cell or range it is on, as in the file ("B20", "A1:C1"). */
  readonly ref: string;
  /** Its other attributes as written (location, tooltip, display, …), without `ref` and prefixed ones; "" or " a=…". */
  readonly attributen: string;
  /** What its relationship points at (a URL, a file), when it has one. */
  readonly doel?: { readonly target: string; readonly extern: boolean };
}

/** Sheet name → its links. */
export type HyperlinksPerBlad = ReadonlyMap<string, readonly Hyperlink[]>;

/** Where the `<hyperlinks>` element of a sheet starts and ends (found by `indexOf`: linear on any text). */
function blok(xml: string): { begin: number; einde: number } | undefined {
  let begin = xml.indexOf("<hyperlinks");
  // `<hyperlinksX` is another element: look on.
  while (begin >= 0 && /[\w:.-]/.test(xml.charAt(begin + 11))) begin = xml.indexOf("<hyperlinks", begin + 1);
  if (begin < 0) return undefined;
  const kop = xml.indexOf(">", begin);
  if (kop < 0) return undefined;
  if (xml.charAt(kop - 1) === "/") return { begin, einde: kop + 1 };
  const sluit = xml.indexOf("</hyperlinks>", kop);
  return sluit < 0 ? undefined : { begin, einde: sluit + "</hyperlinks>".length };
}

/** The prefix a start tag binds to the relationships namespace (`xmlns:r="…"` → "r"), if it binds one. */
function relPrefixIn(tag: string): string | undefined {
  for (let i = tag.indexOf(`="${NS_REL}"`); i >= 0; i = tag.indexOf(`="${NS_REL}"`, i + 1)) {
    const m = /\sxmlns:([\w.-]+)$/.exec(tag.slice(Math.max(0, i - 100), i));
    if (m?.[1] !== undefined) return m[1];
  }
  return undefined;
}

/**
 * The links of a sheet (`rels`: its relationships part). A link's relationship id is read under the prefix the
 * sheet binds to the relationships namespace (every writer seen uses "r"; a sheet may bind another, on its root,
 * on `<hyperlinks>` or on the link itself: the nearest counts).
 */
export function hyperlinksUit(xml: string, rels: string): Hyperlink[] {
  const b = blok(xml);
  if (!b) return [];
  const perId = new Map(relaties(rels).map((r) => [r.id, r]));
  const buiten =
    relPrefixIn(xml.slice(b.begin, xml.indexOf(">", b.begin) + 1)) ?? relPrefixIn(wortel(xml)) ?? "r";
  const uit: Hyperlink[] = [];
  for (const [tag] of xml.slice(b.begin, b.einde).matchAll(/<hyperlink\b[^<>]*>/g)) {
    const ref = attribuut(tag, "ref");
    if (ref === undefined) continue;
    const rel = perId.get(attribuut(tag, `${relPrefixIn(tag) ?? buiten}:id`) ?? "");
    // Without attributes of another namespace (Excel's `xr:uid`): the sheet they go back into may not declare it.
    const attributen = tag
      .replace(/^<hyperlink/, "")
      .replace(/\/?>$/, "")
      .replace(/\s(?:ref|[\w.-]+:[\w.-]+)="[^"]*"/g, "")
      .trimEnd();
    uit.push({ ref, attributen, ...(rel ? { doel: { target: rel.target, extern: rel.extern } } : {}) });
  }
  return uit;
}

/** The sheet without its `<hyperlinks>` element. */
export function zonderHyperlinks(xml: string): string {
  const b = blok(xml);
  return b ? xml.slice(0, b.begin) + xml.slice(b.einde) : xml;
}

/** Elements that follow `<hyperlinks>` in a worksheet (CT_Worksheet order). */
const NA_HYPERLINKS = [
  "<printOptions",
  "<pageMargins",
  "<pageSetup",
  "<headerFooter",
  "<rowBreaks",
  "<colBreaks",
  ...NA_KOLOMEINDEN,
];

/** The sheet and its relationships with `links` (the sheet has none of its own). */
export function metHyperlinks(
  xml: string,
  rels: string,
  links: readonly Hyperlink[],
): { xml: string; rels: string } {
  let uitRels = rels;
  const elementen = links.map((h) => {
    if (!h.doel) return `<hyperlink ref="${xmlTekst(h.ref)}"${h.attributen}/>`;
    const id = vrijeRid(relaties(uitRels));
    const modus = h.doel.extern ? ' TargetMode="External"' : "";
    uitRels = uitRels.replace(
      "</Relationships>",
      () =>
        `<Relationship Id="${id}" Type="${REL_HYPERLINK}" Target="${xmlTekst(h.doel?.target ?? "")}"${modus}/></Relationships>`,
    );
    return `<hyperlink ref="${xmlTekst(h.ref)}" r:id="${id}"${h.attributen}/>`;
  });
  let uit = zonderHyperlinks(xml);
  const wortel = uit.indexOf(">", uit.indexOf("<worksheet"));
  if (!uit.slice(0, wortel).includes('xmlns:r="'))
    uit = uit.replace("<worksheet", `<worksheet xmlns:r="${NS_REL}"`);
  const na = NA_HYPERLINKS.map((t) => uit.indexOf(t))
    .filter((i) => i >= 0)
    .sort((x, y) => x - y)[0];
  if (na === undefined) return { xml, rels };
  return {
    xml: `${uit.slice(0, na)}<hyperlinks>${elementen.join("")}</hyperlinks>${uit.slice(na)}`,
    rels: uitRels,
  };
}

/**
 * The parts exceljs reads (`delen`, from the package `bestaand`) with the links taken off every sheet among them,
 * and those links by sheet name.
 */
export async function hyperlinksApart(
  bestaand: Uint8Array | ArrayBuffer,
  delen: readonly [string, Uint8Array][],
): Promise<{ delen: [string, Uint8Array][]; hyperlinks: Map<string, Hyperlink[]> }> {
  const zip = await Zip.loadAsync(bestaand);
  const bladNaarNaam = new Map([...(await bladPaden(zip))].map(([naam, deel]) => [deel, naam]));
  const hyperlinks = new Map<string, Hyperlink[]>();
  const encoder = new TextEncoder();
  const uit: [string, Uint8Array][] = [];
  for (const [deel, inhoud] of delen) {
    const naam = bladNaarNaam.get(deel);
    const xml = naam === undefined ? undefined : tekstVan(inhoud);
    if (naam === undefined || xml === undefined || !blok(xml)) {
      uit.push([deel, inhoud]);
      continue;
    }
    const links = hyperlinksUit(xml, (await zip.file(relsPad(deel))?.async("string")) ?? "");
    if (links.length > 0) hyperlinks.set(naam, links);
    uit.push([deel, encoder.encode(zonderHyperlinks(xml))]);
  }
  return { delen: uit, hyperlinks };
}

/**
 * `data` (an .xlsx exceljs wrote, without links) with `perBlad`'s links on their sheets; stored, not compressed (a
 * refill compresses its output as its last step).
 */
export async function zetHyperlinks(data: Uint8Array, perBlad: HyperlinksPerBlad): Promise<Uint8Array> {
  if ([...perBlad.values()].every((l) => l.length === 0)) return data;
  const zip = await Zip.loadAsync(data);
  const paden = await bladPaden(zip);
  for (const [blad, links] of perBlad) {
    const deel = paden.get(blad);
    const xml = deel === undefined ? undefined : await zip.file(deel)?.async("string");
    if (deel === undefined || xml === undefined || links.length === 0) continue;
    const relsPart = relsPad(deel);
    const rels = (await zip.file(relsPart)?.async("string")) ?? LEGE_RELS;
    const met = metHyperlinks(xml, rels, links);
    zip.file(deel, met.xml);
    if (met.rels !== rels) zip.file(relsPart, met.rels);
  }
  return zip.generateAsync({ type: "uint8array", compression: "STORE" });
}

/** One of the link's other attributes (`Hyperlink.attributen`), its text unescaped. */
function linkAttribuut(h: Hyperlink, naam: string): string | undefined {
  return attribuut(`<h ${h.attributen}>`, naam);
}

/** How a loss message names a link: "hyperlink op Provincie!B20 naar https://…". */
export function hyperlinkNaam(plek: string, h: Hyperlink): string {
  const locatie = linkAttribuut(h, "location");
  const naar = h.doel ? h.doel.target + (locatie ? `#${locatie}` : "") : locatie;
  return `hyperlink op ${plek}${naar ? ` naar ${naar}` : ""}`;
}

/** What makes two links the same link (their address apart). */
function inhoud(h: Hyperlink): string {
  const a = (naam: string) => linkAttribuut(h, naam) ?? "";
  return [h.doel?.target ?? "", h.doel?.extern ?? "", a("location"), a("tooltip"), a("display")].join("\n");
}

/** Each sheet's name with its part's bytes and relationships. */
async function bladen(
  data: Uint8Array | ArrayBuffer,
): Promise<Map<string, { xml?: Uint8Array; rels?: Uint8Array }>> {
  const zip = await Zip.loadAsync(data);
  const uit = new Map<string, { xml?: Uint8Array; rels?: Uint8Array }>();
  for (const [blad, deel] of await bladPaden(zip)) {
    const [xml, rels] = [
      await zip.file(deel)?.async("uint8array"),
      await zip.file(relsPad(deel))?.async("uint8array"),
    ];
    uit.set(blad, { ...(xml ? { xml } : {}), ...(rels ? { rels } : {}) });
  }
  return uit;
}

/**
 * The links of the sheets in `delen`, by "Blad!ref"; without the sheets in `overslaan` (a sheet the refill kept as
 * it was: for a large sheet of the user's own, decoding it would be most of the check).
 */
function allehyperlinks(
  delen: ReadonlyMap<string, { xml?: Uint8Array; rels?: Uint8Array }>,
  overslaan: ReadonlySet<string>,
): Map<string, Hyperlink> {
  const uit = new Map<string, Hyperlink>();
  for (const [blad, { xml, rels }] of delen) {
    const tekst = xml && !overslaan.has(blad) ? tekstVan(xml) : undefined;
    if (tekst === undefined || !blok(tekst)) continue;
    for (const h of hyperlinksUit(tekst, rels ? tekstVan(rels) : "")) uit.set(`${blad}!${h.ref}`, h);
  }
  return uit;
}

/**
 * The links of `oud` that `nieuw` lacks where they should be, named ("hyperlink op Provincie!B20 naar …");
 * `verplaatst`: cells the writer moved with their row ("Blad!B20" → "Blad!B19"), or named itself already (→
 * undefined: not looked for).
 */
export async function hyperlinksVerloren(
  oud: Uint8Array | ArrayBuffer,
  nieuw: Uint8Array | ArrayBuffer,
  verplaatst: ReadonlyMap<string, string | undefined>,
): Promise<string[]> {
  const [oudeBladen, nieuweBladen] = [await bladen(oud), await bladen(nieuw)];
  // The very bytes in both (./zip: the graft copies the user's own sheets as they are): the same links.
  const gelijk = new Set(
    [...oudeBladen]
      .filter(([blad, d]) => {
        const n = nieuweBladen.get(blad);
        return d.xml !== undefined && n?.xml === d.xml && n.rels === d.rels;
      })
      .map(([blad]) => blad),
  );
  const voor = allehyperlinks(oudeBladen, gelijk);
  if (voor.size === 0) return [];
  const na = allehyperlinks(nieuweBladen, gelijk);
  const verlies: string[] = [];
  for (const [plek, h] of voor) {
    const naar = waarNu(verplaatst, plek);
    if (naar === undefined) continue;
    const daar = na.get(naar);
    if (!daar || inhoud(daar) !== inhoud(h))
      verlies.push(naar === plek ? hyperlinkNaam(plek, h) : `${hyperlinkNaam(plek, h)} (naar ${naar})`);
  }
  return verlies;
}

/** A cell's or range's new reference, given where each of its corners goes; undefined when it cannot keep its shape. */
export function nieuweRef(
  ref: string,
  naar: (rij: number, kolom: number) => { rij: number; kolom: number } | undefined,
): string | undefined {
  const g = decodeerBereik(ref);
  if (!g) return undefined;
  const [a, b] = [naar(g.rij1, g.kol1), naar(g.rij2, g.kol2)];
  if (!a || !b) return undefined;
  if (g.rij1 === g.rij2 && g.kol1 === g.kol2) return adres(a);
  if (b.rij - a.rij !== g.rij2 - g.rij1 || b.kolom - a.kolom !== g.kol2 - g.kol1) return undefined;
  return `${adres(a)}:${adres(b)}`;
}
