/**
 * exceljs's `xlsx.load`, on parts that are inflated already. A refill and a consolidation check every part of a
 * file before reading it (./pakketControle, ./zip keep what they inflated); `xlsx.load` takes only a zip archive,
 * which it opens with JSZip and feeds part by part through Node streams: for a workbook of Opgave that was about
 * half of the whole load (2.8 against 5.6–7.2 ms for the bench's province workbook, measured apart). This gives
 * each part's text to exceljs's own parsers (its xforms and the loader's `_process…` steps, in the archive's order
 * as `load` does) and ends with exceljs's own `reconcile`: the model is the one `load` builds
 * (tests/workbook/exceljsLaden.test.ts compares the two on every kind of part Opgave's files hold), but for a table
 * without a style, which gets one that names none (`GEEN_TABELSTIJL`: exceljs cannot write it otherwise), for
 * relationships with absolute targets, read as relative ones (`relatieveDoelen`: exceljs cannot read them), for
 * a drawing in the default namespace, read with the prefix exceljs expects (`xdrVoorvoegsel`), and for notes in a
 * folder of their own with plain texts (`NOTITIES`, `tekstAlsLoop`) — openpyxl writes all three.
 *
 * A worksheet's rows (most of a sheet's cost) and the shared strings are read straight from their XML into the
 * models exceljs's parsers build (./exceljsDirect, wherever they hold only plain cells and texts; else exceljs reads
 * the part): for the bench's province workbook a refill allocates about 1.4 MB less, and its ratio to a first fill
 * fell by about 0.08 (interleaved A/B runs of 30 pairs of processes).
 *
 * It reaches into exceljs's internals (the pinned 4.4.0, package.json): the test above fails when an update
 * changes them. Browser-safe: exceljs's browser build has the same sources.
 */
import type ExcelJS from "exceljs";
import SharedStringsXform from "exceljs/lib/xlsx/xform/strings/shared-strings-xform";
import StylesXform from "exceljs/lib/xlsx/xform/style/styles-xform";
import AppXform from "exceljs/lib/xlsx/xform/core/app-xform";
import CoreXform from "exceljs/lib/xlsx/xform/core/core-xform";
import type { ExceljsModel, ExceljsXlsxIntern, Onderdelen } from "exceljs/lib/xlsx/xlsx";
import { bladZonderRijen, gedeeldeTekstenModel } from "./exceljsDirect";
import { tekstVan } from "./zip";

/** The empty model `load` starts from. */
function leegModel(): ExceljsModel {
  return {
    worksheets: [],
    worksheetHash: {},
    worksheetRels: [],
    themes: {},
    media: [],
    mediaIndex: {},
    drawings: {},
    drawingRels: {},
    comments: {},
    tables: {},
    vmlDrawings: {},
  };
}

/** An image (as `_processMediaEntry`: a name with an extension, else ignored). */
function leesMedium(model: ExceljsModel, bestand: string, inhoud: Uint8Array): void {
  const punt = bestand.lastIndexOf(".");
  if (punt < 1) return;
  const naam = bestand.slice(0, punt);
  model.mediaIndex[bestand] = model.media.length;
  model.mediaIndex[naam] = model.media.length;
  model.media.push({
    type: "image",
    name: naam,
    extension: bestand.slice(punt + 1),
    buffer: Buffer.from(inhoud),
  });
}

/**
 * The defined names exceljs can model: workbook-wide ones, and the built-in `_xlnm.…` ones (print area, print titles)
 * it reads per sheet. A name local to one sheet it would add to the workbook-wide name of that name: a copy of
 * Taakstelling (Excel and LibreOffice give the copy its own Opgave_Beginsaldo) made every refill write the name
 * for both sheets at once ("'Taakstelling (2)'!$B$5,Taakstelling!$B$5"), and every formula reading it #VALUE!; the
 * reader took the copy's cell. Such names stay where they are: the graft keeps the original's (./xlsxEnten
 * `namenInWerkboek`), a full rewrite names what it drops (./xlsxOnderdelen).
 */
function werkboekNamen(namen: unknown): unknown {
  if (!Array.isArray(namen)) return namen;
  return namen.filter((n: { name?: unknown; localSheetId?: unknown }) => {
    const lokaal = n.localSheetId !== undefined && n.localSheetId !== null;
    return !lokaal || String(n.name).startsWith("_xlnm.");
  });
}

/** The workbook-level parts `load` reads by their exact name; false for any other part. */
async function leesWerkboekDeel(
  x: ExceljsXlsxIntern,
  model: ExceljsModel,
  naam: string,
  xml: string,
): Promise<boolean> {
  const tekst: Onderdelen = [xml];
  switch (naam) {
    case "_rels/.rels":
      model.globalRels = await x.parseRels(tekst);
      return true;
    case "xl/workbook.xml": {
      const wb = await x.parseWorkbook(tekst);
      Object.assign(model, {
        sheets: wb.sheets,
        definedNames: werkboekNamen(wb.definedNames),
        views: wb.views,
        properties: wb.properties,
        calcProperties: wb.calcProperties,
      });
      return true;
    }
    case "xl/_rels/workbook.xml.rels":
      model.workbookRels = await x.parseRels(tekst);
      return true;
    case "xl/sharedStrings.xml": {
      // Read by ./exceljsDirect where it can, else by exceljs's parser.
      const direct = gedeeldeTekstenModel(xml);
      model.sharedStrings = new SharedStringsXform(direct);
      if (!direct) await model.sharedStrings.parseStream(tekst);
      return true;
    }
    case "xl/styles.xml":
      model.styles = new StylesXform();
      await model.styles.parseStream(tekst);
      return true;
    case "docProps/app.xml": {
      const app = await new AppXform().parseStream(tekst);
      Object.assign(model, { company: app.company, manager: app.manager });
      return true;
    }
    case "docProps/core.xml":
      Object.assign(model, await new CoreXform().parseStream(tekst));
      return true;
    default:
      return false;
  }
}

/**
 * A worksheet, as `_processWorksheetEntry` reads it; its rows read by ./exceljsDirect where it can (most of the
 * sheet's cost), the rest of it by exceljs.
 */
async function leesWerkblad(
  x: ExceljsXlsxIntern,
  model: ExceljsModel,
  nummer: string,
  naam: string,
  xml: string,
) {
  const snel = bladZonderRijen(xml);
  await x._processWorksheetEntry([snel?.zonder ?? xml], model, nummer, {}, naam);
  if (snel) (model.worksheetHash[naam] as { rows: unknown[] }).rows = snel.rijen;
}

/**
 * What exceljs's writer needs of a table without `<tableStyleInfo>` (LibreOffice writes none): no style named, every
 * option off, which is what the absent element means. exceljs reads such a table with no style and then fails to
 * write it (reading `theme` of null): a refill that leaves a moved or renamed table of Opgave's as it is wrote it.
 */
const GEEN_TABELSTIJL = {
  theme: null,
  showFirstColumn: false,
  showLastColumn: false,
  showRowStripes: false,
  showColumnStripes: false,
} as const;

/**
 * A table part without what its columns hold (a calculated column's formula, a totals row's formula: Excel writes
 * them as children of `<tableColumn>`): exceljs reads no such child, and its list of columns ends at the first
 * column with one — the columns after it were lost, and a table with a filter button per column (as exceljs writes
 * it) failed to load ("Cannot set properties of undefined"), so a workbook with a calculated column of the user's
 * could not be refilled a second time. The graft takes them from the old part (./xlsxEnten).
 */
export function zonderKolomInhoud(xml: string): string {
  return xml.replace(/<tableColumn\b([^<>]*[^/<>])>[\s\S]*?<\/tableColumn>/g, "<tableColumn$1/>");
}

/** A table part, as `_processTableEntry`, with `GEEN_TABELSTIJL` where it names no style. */
async function leesTabel(x: ExceljsXlsxIntern, model: ExceljsModel, nummer: string, xml: string) {
  await x._processTableEntry([zonderKolomInhoud(xml)], model, nummer);
  const tabel = model.tables[`../tables/${nummer}.xml`] as { style?: unknown } | undefined;
  if (tabel && !tabel.style) tabel.style = { ...GEEN_TABELSTIJL };
}

/**
 * A comments part: where Excel and exceljs put it ("xl/comments1.xml") or in a folder of its own, as openpyxl does
 * ("xl/comments/comment1.xml"); its name as exceljs keys it, from the sheets' folder ("../comments/comment1.xml").
 * exceljs itself reads only the first (and its VML only as "vmlDrawing1.vml", not openpyxl's "commentsDrawing1.vml"),
 * and then failed on the sheet whose notes it had not read: such a file could not be refilled at all.
 */
const NOTITIES = /^xl\/((?:[a-zA-Z0-9_]+\/)?comments?\d+)[.]xml$/;

/**
 * A comments part with each note's plain text (`<text><t>…</t></text>`, as openpyxl writes it; OOXML allows a plain
 * text or runs) as one run (`<r><t>…</t></r>`): exceljs reads only runs, and read such a note as empty — which a
 * refill then wrote, and named as lost.
 */
export function tekstAlsLoop(xml: string): string {
  return xml.replace(
    /<text>(\s*)<t(\s[^<>]*)?>([^<]*)<\/t>/g,
    (_, wit: string, attributen: string | undefined, inhoud: string) =>
      `<text>${wit}<r><t${attributen ?? ""}>${inhoud}</t></r>`,
  );
}

/** The other parts `load` reads, by the same patterns in the same order (the first that matches). */
async function leesOverigDeel(x: ExceljsXlsxIntern, model: ExceljsModel, naam: string, xml: string) {
  const tekst: Onderdelen = [xml];
  let m: RegExpMatchArray | null;
  if ((m = /xl\/worksheets\/sheet(\d+)[.]xml/.exec(naam)))
    await leesWerkblad(x, model, m[1] ?? "", naam, xml);
  else if ((m = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/.exec(naam)))
    await x._processWorksheetRelsEntry(tekst, model, m[1] ?? "");
  else if ((m = /xl\/drawings\/([a-zA-Z0-9]+)[.]xml/.exec(naam)))
    await x._processDrawingEntry([xdrVoorvoegsel(xml)], model, m[1] ?? "");
  else if ((m = NOTITIES.exec(naam))) await x._processCommentEntry([tekstAlsLoop(xml)], model, m[1] ?? "");
  else if ((m = /xl\/tables\/(table\d+)[.]xml/.exec(naam))) await leesTabel(x, model, m[1] ?? "", xml);
  else if ((m = /xl\/drawings\/_rels\/([a-zA-Z0-9]+)[.]xml[.]rels/.exec(naam)))
    await x._processDrawingRelsEntry(tekst, model, m[1] ?? "");
  else if ((m = /xl\/drawings\/([a-zA-Z0-9_]+)[.]vml/.exec(naam)))
    await x._processVmlDrawingEntry(tekst, model, m[1] ?? "");
}

const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

/**
 * A drawing part whose elements are in the spreadsheetDrawing namespace as the default one (`<wsDr xmlns="…">`, as
 * openpyxl writes it), with the prefix `xdr:` by which exceljs's parser reads them: it read such a drawing as nothing
 * and then failed (reading `anchors` of undefined), which a refill refused as unreadable. As it is where another
 * element sets a default namespace of its own, or `xdr:` stands for something else.
 */
export function xdrVoorvoegsel(xml: string): string {
  const wortel = /<wsDr(?=[\s/>])[^<>]*>/.exec(xml)?.[0];
  if (!wortel?.includes(`xmlns="${NS_XDR}"`) || xml.split(/\sxmlns="/).length !== 2) return xml;
  const xdr = /\sxmlns:xdr="([^"]*)"/.exec(wortel)?.[1];
  if (xdr !== undefined && xdr !== NS_XDR) return xml;
  const opWortel = wortel.replace(` xmlns="${NS_XDR}"`, xdr === undefined ? ` xmlns:xdr="${NS_XDR}"` : "");
  return xml.replace(wortel, () => opWortel).replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, "<$1xdr:$2");
}

/** `doel` (a path from the package's root) as seen from the folder `map` (its parts, from the root). */
function relatiefPad(map: readonly string[], doel: string): string {
  const delen = doel.split("/");
  let gelijk = 0;
  while (gelijk < map.length && gelijk < delen.length - 1 && map[gelijk] === delen[gelijk]) gelijk++;
  return [...Array<string>(map.length - gelijk).fill(".."), ...delen.slice(gelijk)].join("/");
}

/**
 * A relationships part with its absolute internal targets ("/xl/tables/table1.xml", as openpyxl writes them; OPC
 * allows both) made relative to its source part's folder, as exceljs expects them: it failed on such a file
 * (reading a property of null), which a refill then refused as unreadable.
 */
export function relatieveDoelen(naam: string, xml: string): string {
  if (!xml.includes('Target="/')) return xml;
  // "xl/worksheets/_rels/sheet1.xml.rels" describes "xl/worksheets/sheet1.xml": its folder is xl/worksheets.
  const map = naam
    .replace(/(^|\/)_rels\/[^/]*$/, "")
    .split("/")
    .filter((d) => d !== "");
  return xml.replace(/<Relationship\b[^<>]*>/g, (element) =>
    /\bTargetMode="External"/.test(element)
      ? element
      : element.replace(/\bTarget="\/([^"]*)"/, (_, doel: string) => `Target="${relatiefPad(map, doel)}"`),
  );
}

/**
 * Loads `wb` from the parts of an .xlsx (name and inflated content, in the archive's order; folder entries are
 * skipped), as `wb.xlsx.load(archive)` would.
 */
export async function laadDelen(
  wb: ExcelJS.Workbook,
  delen: Iterable<readonly [string, Uint8Array]>,
): Promise<ExcelJS.Workbook> {
  const x = wb.xlsx as unknown as ExceljsXlsxIntern;
  const model = leegModel();
  for (const [volledig, inhoud] of delen) {
    if (volledig.endsWith("/")) continue;
    const naam = volledig.startsWith("/") ? volledig.slice(1) : volledig;
    if (/xl\/media\//.test(naam)) {
      const medium = /xl\/media\/([a-zA-Z0-9]+[.][a-zA-Z0-9]{3,4})$/.exec(naam)?.[1];
      if (medium !== undefined) leesMedium(model, medium, inhoud);
      continue;
    }
    const thema = /xl\/theme\/([a-zA-Z0-9]+)[.]xml/.exec(naam)?.[1];
    if (thema !== undefined) {
      model.themes[thema] = tekstVan(inhoud);
      continue;
    }
    // exceljs's parsers take any (async) iterable of text: the whole part as one piece (decoded once for all
    // readers, ./zip; a byte order mark kept as in exceljs's Node path, which its XML parser skips).
    const tekst = tekstVan(inhoud);
    const xml = naam.endsWith(".rels") ? relatieveDoelen(naam, tekst) : tekst;
    if (!(await leesWerkboekDeel(x, model, naam, xml))) await leesOverigDeel(x, model, naam, xml);
  }
  x.reconcile(model, {});
  (wb as unknown as { model: ExceljsModel }).model = model;
  return wb;
}
