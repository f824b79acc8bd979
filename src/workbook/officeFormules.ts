/**
 * The formulas of the open workbook that are not Opgave's (Office.js), for ./rijBetekenis: read only when a refill
 * would fill a row of one of Opgave's tables with another gemeente or the totals row. What is read: the cell
 * formulas of every sheet's used range outside Opgave's cells and tables, in pieces of at most `maxCellen` cells
 * per request (Excel refuses a response over 5 MB), the formulas of the conditional formats on the user's own
 * sheets and of their validations (ExcelApi 1.9: a round trip more, or a few for areas of different rules), and of
 * the user's formats and validations beside Opgave's cells on its sheets, the
 * defined names, of the workbook and of each sheet (ExcelApi 1.4), and the sources of the series of
 * the charts on the user's own sheets (ExcelApi 1.15, where Excel has it): two round trips more, or a few for a
 * large workbook or one with charts; where hyperlinks go in the workbook (ExcelApi 1.9, with the formulas); and the
 * notes (ExcelApi 1.18), threaded comments and hyperlinks on Opgave's sheets, which stay on their cell while a
 * table's values move, as the user's conditional formats (ExcelApi 1.6; over several ranges 1.9) and validations
 * there do (1.9: the cells with a validation, less Opgave's own). The .xlsx writer reads those too
 * (./xlsxFormules) and moves notes and links with their row.
 */
import {
  adres,
  bereik,
  bevatEen,
  bladVerwijzing,
  blokVanaf,
  overlapt,
  rechthoekBereik,
  rechthoekVanAdres,
  type Rechthoek,
} from "./a1";
import { isOpgaveGrafiekNaam } from "./indeling";
import { uitgestrekt } from "./kolomVerplaatsing";
import { kanAfdrukInstellen } from "./officeAfdruk";
import {
  grafiekPlek,
  naamPlek,
  type FormuleVanGebruiker,
  type RijAantekening,
  type TabelRijen,
} from "./rijBetekenis";

/** ChartSeries.getDimensionDataSourceString. */
export const REEKSBRON_API = "1.15";

/** Can the host tell a chart series' source? Outside Office (tests with the fake Excel) it is assumed to. */
export function kanReeksbronLezen(): boolean {
  const vereisten = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  return !vereisten || vereisten.isSetSupported("ExcelApi", REEKSBRON_API);
}

/** Worksheet.notes. */
export const NOTITIES_API = "1.18";

/** Can the host list a sheet's notes? Outside Office (tests with the fake Excel) it is assumed to. */
export function kanNotitiesLezen(): boolean {
  const vereisten = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  return !vereisten || vereisten.isSetSupported("ExcelApi", NOTITIES_API);
}

/** Range.getCellProperties (a cell's hyperlink). */
export const CELEIGENSCHAPPEN_API = "1.9";

/** Can the host tell each cell's link in one request? Outside Office (tests with the fake Excel) it is assumed to. */
export function kanCelEigenschappenLezen(): boolean {
  const vereisten = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  return !vereisten || vereisten.isSetSupported("ExcelApi", CELEIGENSCHAPPEN_API);
}

/** ConditionalFormat.getRanges and Range.getSpecialCellsOrNullObject (a format's ranges, the validated cells). */
export const GEBIEDEN_API = "1.9";

/**
 * Can the host tell every range of a conditional format and which cells have a validation? Outside Office (tests
 * with the fake Excel) it is assumed to.
 */
export function kanGebiedenLezen(): boolean {
  const vereisten = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  return !vereisten || vereisten.isSetSupported("ExcelApi", GEBIEDEN_API);
}

/** What on Opgave's sheets is Opgave's own guard rails, to tell the user's conditional formats and validations. */
export interface EigenControle {
  /** Whether a conditional format's formula on sheet `blad` is Opgave's own. */
  readonly opmaak: (blad: string, formule: string) => boolean;
  /** The rows (first and last, 1-based) of column `kolom` of sheet `blad` where a validation is Opgave's own. */
  readonly validatie: (blad: string, kolom: number) => readonly (readonly [number, number])[];
}

/** The rows [van, tot] without the intervals in `weg`, as intervals. */
function rijenZonder(
  van: number,
  tot: number,
  weg: readonly (readonly [number, number])[],
): [number, number][] {
  const uit: [number, number][] = [];
  let begin = van;
  for (const [w1, w2] of [...weg].sort((x, y) => x[0] - y[0])) {
    if (w2 < begin || w1 > tot) continue;
    if (w1 > begin) uit.push([begin, w1 - 1]);
    begin = Math.max(begin, w2 + 1);
  }
  if (begin <= tot) uit.push([begin, tot]);
  return uit;
}

/** Intervals of rows merged where they overlap or touch, in order. */
function samengevoegd(rijen: readonly (readonly [number, number])[]): [number, number][] {
  const uit: [number, number][] = [];
  for (const [r1, r2] of [...rijen].sort((x, y) => x[0] - y[0])) {
    const laatste = uit[uit.length - 1];
    if (laatste && r1 <= laatste[1] + 1) laatste[1] = Math.max(laatste[1], r2);
    else uit.push([r1, r2]);
  }
  return uit;
}

/**
 * The cells of `gebieden` (areas of one sheet, as Excel groups them) without those `eigen` gives (per column: rows),
 * as rectangles in one form whatever the grouping: per column its rows, merged, and neighbouring columns with the
 * same rows taken together (so a validation over a whole column is one rectangle over all its rows, even when Excel
 * lists it row by row, together with Opgave's column next to it).
 */
export function zonderEigenCellen(
  gebieden: readonly Rechthoek[],
  eigen: (kolom: number) => readonly (readonly [number, number])[],
): Rechthoek[] {
  const perKolom = new Map<number, [number, number][]>();
  for (const r of gebieden)
    for (let k = r.kolom; k < r.kolom + r.kolommen; k++) {
      const rijen = perKolom.get(k) ?? [];
      rijen.push(...rijenZonder(r.rij, r.rij + r.rijen - 1, eigen(k)));
      perKolom.set(k, rijen);
    }
  type Strook = { kolom: number; tot: number; rijen: [number, number][]; sleutel: string };
  const stroken: Strook[] = [];
  for (const kolom of [...perKolom.keys()].sort((x, y) => x - y)) {
    const rijen = samengevoegd(perKolom.get(kolom) ?? []);
    const sleutel = rijen.join(";");
    const vorige = stroken[stroken.length - 1];
    if (vorige && vorige.tot === kolom - 1 && vorige.sleutel === sleutel) vorige.tot = kolom;
    else stroken.push({ kolom, tot: kolom, rijen, sleutel });
  }
  return stroken.flatMap((s) =>
    s.rijen.map(([r1, r2]) => ({
      rij: r1,
      kolom: s.kolom,
      rijen: r2 - r1 + 1,
      kolommen: s.tot - s.kolom + 1,
    })),
  );
}

/** A piece of a sheet's used range: whole rows. */
interface Stuk {
  readonly naam: string;
  readonly blad: Excel.Worksheet;
  readonly rij: number;
  readonly kolom: number;
  readonly rijen: number;
  readonly kolommen: number;
}

/** `s` in pieces of whole rows of at most `maxCellen` cells each (one row at the least). */
function inStukken(s: Stuk, maxCellen: number): Stuk[] {
  const perStuk = Math.max(1, Math.floor(maxCellen / Math.max(1, s.kolommen)));
  const uit: Stuk[] = [];
  for (let i = 0; i < s.rijen; i += perStuk)
    uit.push({ ...s, rij: s.rij + i, rijen: Math.min(perStuk, s.rijen - i) });
  return uit;
}

/**
 * The formulas of piece `s` outside `eigen`; on one of Opgave's sheets (`opgave`) also each cell of the user's there
 * that holds something, where it stands (`op` "cel": beside a table, ./rijBetekenis names it when another gemeente
 * comes to stand beside it).
 */
function celFormules(
  s: Stuk,
  formules: readonly (readonly unknown[])[],
  eigen: readonly Rechthoek[],
  opgave: boolean,
) {
  const uit: FormuleVanGebruiker[] = [];
  formules.forEach((rij, i) =>
    rij.forEach((f, j) => {
      const plaats = { rij: s.rij + i, kolom: s.kolom + j };
      if (f === "" || f === null || f === undefined || bevatEen(eigen, plaats.rij, plaats.kolom)) return;
      const plek = `${bladVerwijzing(s.naam)}!${adres(plaats)}`;
      // A formula first: what it reads says more than where it stands (one finding per place).
      if (typeof f === "string" && f.startsWith("=")) uit.push({ plek, blad: s.naam, formule: f.slice(1) });
      if (opgave) uit.push({ plek, blad: s.naam, formule: adres(plaats), op: "cel" });
    }),
  );
  return uit;
}

/**
 * The hyperlinks of piece `s`: where one goes in the workbook (`documentReference`), as a formula reading that
 * place; and on one of Opgave's sheets (`opgave`) the link's own cell (`op`), as a note: a link stays on its cell
 * while a table's values move.
 */
function hyperlinkPlekken(
  s: Stuk,
  cellen: readonly (readonly Excel.CellProperties[])[],
  opgave: boolean,
): FormuleVanGebruiker[] {
  return cellen.flatMap((rij, i) =>
    rij.flatMap((cel, j) => {
      if (!cel.hyperlink) return [];
      const plek = `${bladVerwijzing(s.naam)}!${adres({ rij: s.rij + i, kolom: s.kolom + j })}`;
      const doel = cel.hyperlink.documentReference;
      return [
        ...(opgave
          ? [{ plek: `hyperlink op ${plek}`, blad: s.naam, formule: plek, op: "hyperlink" as const }]
          : []),
        ...(doel ? [{ plek: `hyperlink op ${plek}`, blad: s.naam, formule: doel, link: true as const }] : []),
      ];
    }),
  );
}

/** Excel refused the response as too large (long texts in the cells read). */
function antwoordTeGroot(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === "ResponsePayloadSizeLimitExceeded";
}

/**
 * The formulas in `stukken` (and the cells' links, ExcelApi 1.9 where Excel has it), read in
 * requests of at most `maxCellen` cells; a response Excel finds too large (long texts) is read again in requests of
 * half as many cells, down to one row.
 */
async function leesStukken(
  context: Excel.RequestContext,
  stukken: readonly Stuk[],
  eigen: (blad: string) => readonly Rechthoek[] | undefined,
  maxCellen: number,
): Promise<FormuleVanGebruiker[]> {
  const uit: FormuleVanGebruiker[] = [];
  let budget = maxCellen;
  const wachtrij = stukken.flatMap((s) => inStukken(s, budget));
  while (wachtrij.length > 0) {
    const verzoek: {
      s: Stuk;
      bereik: Excel.Range;
      links?: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
    }[] = [];
    let cellen = 0;
    for (
      let s = wachtrij[0];
      s && (verzoek.length === 0 || cellen + s.rijen * s.kolommen <= budget);
      s = wachtrij[0]
    ) {
      wachtrij.shift();
      const r = s.blad.getRange(bereik({ rij: s.rij, kolom: s.kolom }, s.rijen, s.kolommen)).load("formulas");
      // Also the cells' links, in the same request: where one goes, and on Opgave's sheets the link itself (it stays
      // on its cell, as a note).
      const links = kanCelEigenschappenLezen() ? r.getCellProperties({ hyperlink: true }) : undefined;
      verzoek.push({ s, bereik: r, ...(links ? { links } : {}) });
      cellen += s.rijen * s.kolommen;
    }
    try {
      await context.sync();
    } catch (e) {
      if (!antwoordTeGroot(e) || (verzoek.length === 1 && verzoek[0]?.s.rijen === 1)) throw e;
      budget = Math.max(1, Math.floor(cellen / 2));
      wachtrij.unshift(...verzoek.flatMap((v) => inStukken(v.s, budget)));
      continue;
    }
    for (const v of verzoek) {
      const opgave = eigen(v.s.naam);
      uit.push(...celFormules(v.s, v.bereik.formulas, opgave ?? [], opgave !== undefined));
      if (v.links) uit.push(...hyperlinkPlekken(v.s, v.links.value, opgave !== undefined));
    }
  }
  return uit;
}

/**
 * The formulas of the workbook that are not Opgave's. `eigen`: for one of Opgave's sheets the rectangles of its
 * cells and tables (formulas there are Opgave's), undefined for a sheet of the user's; `eigenControle`: which
 * conditional formats and validations on Opgave's sheets are Opgave's own (the others are the user's: they stay on
 * their cells while a table's values move).
 */
export async function leesFormulesVanGebruiker(
  context: Excel.RequestContext,
  bladen: readonly string[],
  eigen: (blad: string) => readonly Rechthoek[] | undefined,
  maxCellen: number,
  eigenControle: EigenControle,
): Promise<FormuleVanGebruiker[]> {
  const namen = context.workbook.names.load("items/name,items/formula");
  const gebruikt = bladen.map((naam) => {
    const blad = context.workbook.worksheets.getItem(naam);
    return {
      naam,
      blad,
      bereik: blad.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"),
      // The conditional formats: on the user's own sheets their formulas; on Opgave's, the user's stay on their cells.
      opmaak: blad.getRange().conditionalFormats.load("items/type,items/customOrNullObject/rule/formula"),
      namen: blad.names.load("items/name,items/formula"),
      // The charts: on the user's own sheets, and the user's on Opgave's (not Opgave's own: `reeksFormules`).
      grafieken: kanReeksbronLezen() ? blad.charts.load("items/name") : undefined,
      // Notes and comments on Opgave's sheets: on a table's cell one stays where it is while the values move.
      notities: eigen(naam) && kanNotitiesLezen() ? blad.notes.load("items") : undefined,
      opmerkingen: eigen(naam) ? blad.comments.load("items") : undefined,
      // The cells with a validation: on Opgave's sheets (Opgave's own among them) the user's stay on their cells; on
      // the user's own sheets their rules' formulas.
      validaties: kanGebiedenLezen()
        ? blad.getRange().getSpecialCellsOrNullObject("DataValidations").load("areas/items/address")
        : undefined,
    };
  });
  await context.sync();
  // The formats with a formula on the user's own sheets (their ranges read with the notes, below).
  const opmaak = gebruikt.flatMap(({ naam, opmaak: o }) =>
    (eigen(naam) ? [] : o.items)
      .filter((f) => !f.customOrNullObject.isNullObject && f.customOrNullObject.rule.formula.startsWith("="))
      .map((f) => ({ naam, f, formule: f.customOrNullObject.rule.formula.slice(1) })),
  );
  const stukken: Stuk[] = gebruikt
    .filter((g) => !g.bereik.isNullObject)
    .map(({ naam, blad, bereik: b }) => ({
      naam,
      blad,
      rij: b.rowIndex + 1,
      kolom: b.columnIndex + 1,
      rijen: b.rowCount,
      kolommen: b.columnCount,
    }));
  const uit = [
    ...(await leesStukken(context, stukken, eigen, maxCellen)),
    ...validatiesVanGebruiker(
      gebruikt.filter((g) => eigen(g.naam)),
      eigenControle.validatie,
    ),
    ...(await validatieFormules(context, gevalideerdNaast(gebruikt, eigen))),
  ];
  uit.push(...naamFormules(namen.items, ""));
  for (const g of gebruikt) uit.push(...naamFormules(g.namen.items, g.naam));
  uit.push(...(await reeksFormules(context, gebruikt)));
  const vanGebruiker = gebruikt.map(({ naam, opmaak: o }) => ({
    naam,
    eigen: eigen(naam) ?? [],
    opmaak: eigen(naam)
      ? o.items.filter(
          (f) =>
            f.customOrNullObject.isNullObject ||
            !eigenControle.opmaak(naam, f.customOrNullObject.rule.formula),
        )
      : [],
  }));
  uit.push(...(await notitiePlekken(context, gebruikt, vanGebruiker, opmaak)));
  return uit;
}

/**
 * The validations of the user's on Opgave's sheets, as "formulas" that read their own cells (./rijBetekenis names
 * each on a row that will hold another gemeente): the cells with a validation less Opgave's own (`eigen`), in one
 * form however Excel groups them into areas (`zonderEigenCellen`).
 */
function validatiesVanGebruiker(
  bladen: readonly { naam: string; validaties?: Excel.RangeAreas }[],
  eigen: EigenControle["validatie"],
): FormuleVanGebruiker[] {
  return bladen.flatMap(({ naam, validaties }) =>
    validaties === undefined || validaties.isNullObject
      ? []
      : zonderEigenCellen(
          validaties.areas.items.flatMap((a) => rechthoekVanAdres(a.address) ?? []),
          (kolom) => eigen(naam, kolom),
        ).map((r) => {
          const plek = `${bladVerwijzing(naam)}!${r.rijen * r.kolommen === 1 ? adres(r) : rechthoekBereik(r)}`;
          return { plek, blad: naam, formule: plek, op: "gegevensvalidatie" as const };
        }),
  );
}

/** The most pieces of validated cells on the user's sheets whose rules are read (past it, the rest is not read). */
export const MAX_VALIDATIESTUKKEN = 2000;

/** A validation rule's formulas, without "=": a list's source where it is a range, a custom formula, the bounds. */
function regelFormules(regel: Excel.DataValidationRule): string[] {
  const grenzen = [regel.wholeNumber, regel.decimal, regel.textLength, regel.date, regel.time];
  return [
    regel.list?.source,
    regel.custom?.formula,
    ...grenzen.flatMap((g) => (g ? [g.formula1, g.formula2] : [])),
  ].flatMap((f) => (typeof f === "string" && f.startsWith("=") ? [f.slice(1)] : []));
}

/** Cells of a piece with different rules asked one by one rather than halved (a few: fewer round trips). */
const LOSSE_CELLEN = 16;

/** `r` in two halves, along its longer side (its rows when square); a small one in its cells. */
function delen(r: Rechthoek): Rechthoek[] {
  if (r.rijen * r.kolommen <= LOSSE_CELLEN)
    return Array.from({ length: r.rijen * r.kolommen }, (_, i) => ({
      rij: r.rij + Math.floor(i / r.kolommen),
      kolom: r.kolom + (i % r.kolommen),
      rijen: 1,
      kolommen: 1,
    }));
  if (r.rijen >= r.kolommen) {
    const boven = Math.ceil(r.rijen / 2);
    return [
      { ...r, rijen: boven },
      { ...r, rij: r.rij + boven, rijen: r.rijen - boven },
    ];
  }
  const links = Math.ceil(r.kolommen / 2);
  return [
    { ...r, kolommen: links },
    { ...r, kolom: r.kolom + links, kolommen: r.kolommen - links },
  ];
}

/** A piece of validated cells whose rule is to be read. */
interface ValidatieStuk {
  readonly naam: string;
  readonly blad: Excel.Worksheet;
  readonly r: Rechthoek;
}

/**
 * The areas of validated cells whose rules' formulas count: on the user's own sheets all, on Opgave's those beside
 * its cells and tables (Opgave's own, and the user's on a table's rows, which are asked about by their cells, lie
 * on them).
 */
function gevalideerdNaast(
  bladen: readonly { naam: string; blad: Excel.Worksheet; validaties?: Excel.RangeAreas }[],
  eigen: (blad: string) => readonly Rechthoek[] | undefined,
): ValidatieStuk[] {
  return bladen.flatMap(({ naam, blad, validaties }) =>
    validaties === undefined || validaties.isNullObject
      ? []
      : validaties.areas.items.flatMap((a) => {
          const r = rechthoekVanAdres(a.address);
          const opOpgave = r !== undefined && (eigen(naam) ?? []).some((e) => overlapt(e, r));
          return r && !opOpgave ? [{ naam, blad, r }] : [];
        }),
  );
}

/**
 * The formulas of the validations on the user's own sheets and beside Opgave's cells (`stukken`: a list
 * `=Provincie!$F$20:$H$20` reads a row of Opgave's as a formula does), each piece's rule read by
 * `eenduidigeValidaties`. A rule is written for its area's first cell: over the area its relative references move
 * along (`uitgestrekt`).
 */
async function validatieFormules(
  context: Excel.RequestContext,
  stukken: readonly ValidatieStuk[],
): Promise<FormuleVanGebruiker[]> {
  return (await eenduidigeValidaties(context, stukken, "type,rule")).flatMap(({ naam, r, validatie }) => {
    const plek = `in de gegevensvalidatie op ${bladVerwijzing(naam)}!${r.rijen * r.kolommen === 1 ? adres(r) : rechthoekBereik(r)}`;
    return regelFormules(validatie.rule).map((formule) => ({
      plek,
      blad: naam,
      formule: uitgestrekt(formule, naam, r.rijen, r.kolommen),
    }));
  });
}

/**
 * Each area of validated cells (ExcelApi 1.9) with its validation loaded (`velden`), all in one round trip; an area
 * whose cells have different rules ("Inconsistent", or some without: "MixedCriteria") is halved (a small one split
 * into its cells) and its pieces asked again, one round trip a level, until each piece has one rule (a cell always
 * has): the first pieces first, at most `MAX_VALIDATIESTUKKEN` pieces in all.
 */
export async function eenduidigeValidaties<
  S extends { readonly blad: Excel.Worksheet; readonly r: Rechthoek },
>(
  context: Excel.RequestContext,
  stukken: readonly S[],
  velden: string,
): Promise<(S & { validatie: Excel.DataValidation })[]> {
  let wachtrij = [...stukken];
  const uit: (S & { validatie: Excel.DataValidation })[] = [];
  for (let gevraagd = 0; wachtrij.length > 0 && gevraagd < MAX_VALIDATIESTUKKEN;) {
    const verzoek = wachtrij.slice(0, MAX_VALIDATIESTUKKEN - gevraagd).map((s) => ({
      ...s,
      validatie: s.blad.getRange(rechthoekBereik(s.r)).dataValidation.load(velden),
    }));
    gevraagd += verzoek.length;
    await context.sync();
    wachtrij = [];
    for (const s of verzoek) {
      if (s.validatie.type === "Inconsistent" || s.validatie.type === "MixedCriteria")
        wachtrij.push(...delen(s.r).map((h) => ({ ...s, r: h })));
      else uit.push(s);
    }
  }
  return uit;
}

/**
 * The cells of the notes (ExcelApi 1.18, where Excel has it) and threaded comments (1.10) on Opgave's sheets, and the
 * ranges of the user's conditional formats there (`opmaak`; each range where Excel can tell them, ExcelApi 1.9), as
 * "formulas" that read their own cells (`op`):
 * ./rijBetekenis then names each on a row that will hold another gemeente. In the same round trip the ranges of
 * the formats with a formula on the user's own sheets (`metFormule`): a formula over several cells, written for the
 * first, is read as its relative references sweep them (`uitgestrekt`). One round trip where there are any.
 */
async function notitiePlekken(
  context: Excel.RequestContext,
  bladen: readonly { naam: string; notities?: Excel.NoteCollection; opmerkingen?: Excel.CommentCollection }[],
  opmaak: readonly {
    naam: string;
    eigen: readonly Rechthoek[];
    opmaak: readonly Excel.ConditionalFormat[];
  }[],
  metFormule: readonly { naam: string; f: Excel.ConditionalFormat; formule: string }[],
): Promise<FormuleVanGebruiker[]> {
  const notities = kanNotitiesLezen()
    ? bladen.flatMap(({ naam, notities: n }) =>
        (n?.items ?? []).map((x) => ({ naam, op: "notitie" as const, cel: x.getLocation().load("address") })),
      )
    : [];
  const opmerkingen = bladen.flatMap(({ naam, opmerkingen: o }) =>
    (o?.items ?? []).map((x) => ({ naam, op: "opmerking" as const, cel: x.getLocation().load("address") })),
  );
  // Each range of a format (ExcelApi 1.9); before that only a format's one range (none for one over several).
  const gebieden = kanGebiedenLezen();
  const bereikenVan = (f: Excel.ConditionalFormat) => ({
    bereiken: gebieden ? f.getRanges().load("areas/items/address") : undefined,
    cel: gebieden ? undefined : f.getRangeOrNullObject().load("address"),
  });
  const opmaken = opmaak.flatMap(({ naam, eigen, opmaak: o }) =>
    o.map((f) => ({ naam, eigen, f, ...bereikenVan(f) })),
  );
  const formules = metFormule.map((m) => ({ ...m, ...bereikenVan(m.f) }));
  if (notities.length + opmerkingen.length + opmaken.length + formules.length === 0) return [];
  await context.sync();
  const opCel = [...notities, ...opmerkingen].map(({ naam, op, cel }) => ({
    plek: `${op} op ${cel.address}`,
    blad: naam,
    formule: cel.address,
    op,
  }));
  const opBereik = opmaken.flatMap(({ naam, bereiken, cel }) =>
    (bereiken ? bereiken.areas.items : cel && !cel.isNullObject ? [cel] : []).map((r) => ({
      plek: r.address,
      blad: naam,
      formule: r.address,
      op: "voorwaardelijke opmaak" as const,
    })),
  );
  // A format of the user's on one of Opgave's sheets beside its cells and tables: its formula too.
  const naast = opmaken.flatMap(({ naam, eigen, f, bereiken, cel }) => {
    const r = gebiedenVan(bereiken, cel);
    const formule = f.customOrNullObject.isNullObject ? "" : f.customOrNullObject.rule.formula;
    const opOpgave = r.length === 0 || r.some((b) => eigen.some((e) => overlapt(e, b)));
    return opOpgave || !formule.startsWith("=") ? [] : [{ naam, formule: formule.slice(1), r }];
  });
  const gelezen = [
    ...formules.map(({ naam, formule, bereiken, cel }) => ({ naam, formule, r: gebiedenVan(bereiken, cel) })),
    ...naast,
  ].map(({ naam, formule, r }) => {
    const blok = blokVanaf(r);
    return {
      plek: `in de opmaak van blad ${bladVerwijzing(naam)}`,
      blad: naam,
      formule: uitgestrekt(formule, naam, blok.rijen, blok.kolommen),
    };
  });
  return [...opCel, ...opBereik, ...gelezen];
}

/** A format's ranges as rectangles: each (ExcelApi 1.9), or its one (1.6), or none. */
function gebiedenVan(bereiken: Excel.RangeAreas | undefined, cel: Excel.Range | undefined): Rechthoek[] {
  return (bereiken ? bereiken.areas.items : cel && !cel.isNullObject ? [cel] : []).flatMap(
    (b) => rechthoekVanAdres(b.address) ?? [],
  );
}

/**
 * The sources of the series ("Values", "Categories") of the user's charts — on their own sheets and on Opgave's, not
 * Opgave's own charts (by name, `isOpgaveGrafiekNaam`) — as formulas: two round trips where there are such charts. Where Excel refuses to tell one, the charts are left unread, as on a host
 * without ExcelApi 1.15 (the refill goes on; the .xlsx writer reads them from the package).
 */
async function reeksFormules(
  context: Excel.RequestContext,
  bladen: readonly { naam: string; grafieken?: Excel.ChartCollection }[],
): Promise<FormuleVanGebruiker[]> {
  const grafieken = bladen.flatMap(({ naam, grafieken: g }) =>
    (g?.items ?? []).filter((c) => !isOpgaveGrafiekNaam(c.name)).map((c) => ({ naam, c })),
  );
  if (grafieken.length === 0 || !kanReeksbronLezen()) return [];
  const reeksen = grafieken.map(({ naam, c }) => ({ naam, reeksen: c.series.load("items/name") }));
  await context.sync();
  const bronnen = reeksen.flatMap(({ naam, reeksen: r }) =>
    r.items.flatMap((s) =>
      (["Values", "Categories"] as const).map((d) => ({ naam, bron: s.getDimensionDataSourceString(d) })),
    ),
  );
  try {
    await context.sync();
  } catch {
    return [];
  }
  return bronnen
    .filter(({ bron }) => bron.value !== "")
    .map(({ naam, bron }) => ({
      plek: grafiekPlek(naam),
      blad: "",
      formule: bron.value.replace(/^=/, ""),
    }));
}

/**
 * Excel's own names (a sheet's print area and titles, a filter's range): in the package `_xlnm.Print_Area`, in Name
 * Manager and maybe in Office.js without the prefix. Opgave sets its sheets' print areas itself.
 */
const EXCELS_NAAM = /^(_xlnm\.|(Print_Area|Print_Titles|_FilterDatabase)$)/i;

/**
 * The formulas of defined names (not Excel's own); `blad`: the sheet they are scoped to, named with it as Excel
 * shows it ("'Mijn blad'!Totaal"), or "" for the workbook's.
 */
function naamFormules(namen: readonly Excel.NamedItem[], blad: string): FormuleVanGebruiker[] {
  return namen
    .filter((n) => typeof n.formula === "string" && n.formula.startsWith("=") && !EXCELS_NAAM.test(n.name))
    .map((n) => ({
      plek: naamPlek(n.name, blad === "" ? undefined : blad),
      blad,
      formule: (n.formula as string).slice(1),
    }));
}

/** Row `rij` across the columns of table `t`, as the "formula" of something on that row (`rijStaat`). */
function opRij(t: TabelRijen, rij: number, plek: string, op: RijAantekening): FormuleVanGebruiker {
  const formule = rechthoekBereik({ rij, kolom: t.kolom1, rijen: 1, kolommen: t.kolom2 - t.kolom1 + 1 });
  return { plek, blad: t.blad, formule, op };
}

/**
 * Hidden rows and page breaks on the rows of Opgave's tables that will hold something else (`tabellen`, from
 * ./rijBetekenis `tabelRijen`), as "formulas" on their row (`op`) for ./rijBetekenis: Excel keeps both on their row
 * number while Opgave writes a table's values in place, so another gemeente would be hidden, or start a page. The
 * .xlsx writer moves them with their row instead (./xlsxWriter `rijStaatTerug`, `eindenTerug`). Rows grouped but
 * shown cannot be told here (Office.js does not read a row's outline level); a collapsed group's rows are hidden.
 * Queued here, read by `lees` after the caller's next sync (`leesFormulesVanGebruiker` always makes one): where no
 * such row is hidden and the sheet has no page break, no round trip of its own. `Range.rowHidden` (ExcelApi 1.2)
 * over all of a table's rows that change, then row by row only where some of them are hidden; the page breaks
 * (ExcelApi 1.9) with the first cell after each: one round trip more for those.
 */
export function vraagRijStaat(
  context: Excel.RequestContext,
  tabellen: readonly TabelRijen[],
): { lees: () => Promise<FormuleVanGebruiker[]> } {
  const metRijen = tabellen
    .filter((t) => t.anders.size > 0)
    .map((t) => {
      const rijen = [...t.anders.keys()].sort((a, b) => a - b);
      const ws = context.workbook.worksheets.getItem(t.blad);
      const samen = ws.getRange(`${rijen[0] ?? 1}:${rijen[rijen.length - 1] ?? 1}`).load("rowHidden");
      return { t, ws, rijen, samen };
    });
  const bladen = new Map(metRijen.map(({ t, ws }) => [t.blad, ws]));
  const einden = kanAfdrukInstellen()
    ? [...bladen].map(([blad, ws]) => ({ blad, einden: ws.horizontalPageBreaks.load("items") }))
    : [];
  const lees = async (): Promise<FormuleVanGebruiker[]> => {
    const perRij = metRijen.flatMap(({ t, ws, rijen, samen }) =>
      samen.rowHidden === false
        ? []
        : rijen.map((rij) => ({
            t,
            rij,
            bereik: samen.rowHidden === true ? undefined : ws.getRange(`${rij}:${rij}`).load("rowHidden"),
          })),
    );
    const naEinde = einden.flatMap(({ blad, einden: e }) =>
      e.items.map((b) => ({ blad, cel: b.getCellAfterBreak().load("rowIndex") })),
    );
    if (naEinde.length > 0 || perRij.some((r) => r.bereik)) await context.sync();
    const verborgen = perRij
      .filter(({ bereik }) => bereik === undefined || bereik.rowHidden === true)
      .map(({ t, rij }) => opRij(t, rij, `rij ${rij} op blad ${bladVerwijzing(t.blad)}`, "verborgen rij"));
    // A break is below the row above its first cell (rowIndex counts from 0: that row's number).
    const pagina = naEinde.flatMap(({ blad, cel }) => {
      const rij = cel.rowIndex;
      const t = metRijen.find((m) => m.t.blad === blad && m.t.anders.has(rij))?.t;
      return t
        ? [opRij(t, rij, `pagina-einde onder rij ${rij} op blad ${bladVerwijzing(blad)}`, "pagina-einde")]
        : [];
    });
    return [...verborgen, ...pagina];
  };
  return { lees };
}
