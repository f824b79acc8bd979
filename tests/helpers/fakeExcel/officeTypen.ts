/**
 * The fake against @types/office-js, at compile time only (no code runs from this file): for every Office.js class
 * the fake models, the members it models are listed, and the compiler checks per member that
 * - the member exists in @types/office-js (a renamed or removed Office member breaks `npm run typecheck`);
 * - a property: the fake's type and Office's type are assignable both ways (Office objects replaced by their fakes);
 * - a method: every argument list Office declares (its last overload) is accepted by the fake, and the fake returns
 *   what Office returns (an Office object: its fake).
 * Where the fake deliberately differs, the member is left out of the list with the reason next to it (AFWIJKING).
 * A failing check shows as "Type 'true' is not assignable to type { fout: …; lid: … }" on the `const` below.
 */
import type {
  FakeAangepasteOpmaak,
  FakeOpmaakCollectie,
  FakeOpmaakProxy,
  FakeOpmaakRegel,
} from "./conditionalFormat";
import type { FakeApplication, FakeExcel, FakeWorkbook } from "./context";
import type { FakeValidatieProxy } from "./dataValidation";
import type { FakeBevriezing } from "./freezePanes";
import type { FakeExcelFout } from "./fouten";
import type { FakeNaamProxy, FakeNamen } from "./names";
import type { FakePaginaEinden, FakePaginaEindeProxy, FakePaginaIndeling } from "./pageLayout";
import type { FakeBereik } from "./range";
import type { FakeGebiedBereiken, FakeGebieden } from "./rangeAreas";
import type { FakeBereikOpmaak } from "./rangeFormat";
import type { FakeTabelKolom, FakeTabelKolommen, FakeTabelProxy, FakeTabellen } from "./table";
import type { FakeWerkblad, FakeWerkbladen } from "./worksheet";
import type { FakeGrafieken, FakeGrafiekProxy, FakeReeksen, FakeReeksProxy, FakeUitkomst } from "./chart";
import type { FakeNotities, FakeNotitieProxy } from "./notes";

/** An Office.js object type → the fake that stands in for it (anything else stays as it is). */
// prettier-ignore
type AlsFake<O> =
  0 extends 1 & O ? O :
  O extends readonly (infer E)[] ? AlsFake<E>[] :
  O extends Excel.Range ? FakeBereik :
  O extends Excel.RangeAreas ? FakeGebieden :
  O extends Excel.RangeCollection ? FakeGebiedBereiken :
  O extends Excel.RangeFormat ? FakeBereikOpmaak :
  O extends Excel.DataValidation ? FakeValidatieProxy :
  O extends Excel.ConditionalFormatCollection ? FakeOpmaakCollectie :
  O extends Excel.ConditionalFormat ? FakeOpmaakProxy :
  O extends Excel.CustomConditionalFormat ? FakeAangepasteOpmaak :
  O extends Excel.ConditionalFormatRule ? FakeOpmaakRegel :
  O extends Excel.WorksheetFreezePanes ? FakeBevriezing :
  O extends Excel.PageLayout ? FakePaginaIndeling :
  O extends Excel.PageBreak ? FakePaginaEindeProxy :
  O extends Excel.PageBreakCollection ? FakePaginaEinden :
  O extends Excel.Worksheet ? FakeWerkblad :
  O extends Excel.WorksheetCollection ? FakeWerkbladen :
  O extends Excel.TableColumn ? FakeTabelKolom :
  O extends Excel.TableColumnCollection ? FakeTabelKolommen :
  O extends Excel.Table ? FakeTabelProxy :
  O extends Excel.TableCollection ? FakeTabellen :
  O extends Excel.NamedItem ? FakeNaamProxy :
  O extends Excel.NamedItemCollection ? FakeNamen :
  O extends Excel.Note ? FakeNotitieProxy :
  O extends Excel.NoteCollection ? FakeNotities :
  O extends Excel.Comment ? FakeNotitieProxy :
  O extends Excel.CommentCollection ? FakeNotities :
  O extends Excel.ChartSeries ? FakeReeksProxy :
  O extends Excel.ChartSeriesCollection ? FakeReeksen :
  O extends Excel.Chart ? FakeGrafiekProxy :
  O extends Excel.ChartCollection ? FakeGrafieken :
  O extends Excel.Application ? FakeApplication :
  O extends Excel.Workbook ? FakeWorkbook :
  O extends OfficeExtension.ClientResult<infer T> ? FakeUitkomst<T> :
  O;

type Args<A extends readonly unknown[]> = { [I in keyof A]: AlsFake<A[I]> };

/** One member: `true`, or what is wrong with it. */
type Lid<F, O, P extends keyof O & keyof F> = 0 extends 1 & O[P]
  ? true // \`any\` in Office.js (e.g. NamedItem.formula): nothing to check but the name
  : O[P] extends (...a: infer A) => infer R
    ? F[P] extends (...a: infer FA) => infer FR
      ? [Args<A>] extends [FA]
        ? [FR] extends [AlsFake<R>]
          ? true
          : { fout: "geeft iets anders terug dan Office.js"; lid: P }
        : { fout: "neemt niet alle argumenten van Office.js"; lid: P }
      : { fout: "is in Office.js een methode"; lid: P }
    : [AlsFake<O[P]>] extends [F[P]]
      ? [F[P]] extends [AlsFake<O[P]>]
        ? true
        : { fout: "levert een ander type dan Office.js"; lid: P }
      : { fout: "neemt niet elke waarde van Office.js"; lid: P };

/** `true` when every listed member of the fake F matches the Office.js class O (K must exist in both). */
type Modelleert<F, O, K extends keyof O & keyof F> =
  Exclude<{ [P in K]: Lid<F, O, P> }[K], true> extends never
    ? true
    : Exclude<{ [P in K]: Lid<F, O, P> }[K], true>;

/** Loading as Office.js declares it: a property list, or {select}. (The fake ignores `expand`.) */
type Laadt<F extends { load: (...a: never[]) => unknown }> = [string | string[]] extends [
  Parameters<F["load"]>[0],
]
  ? true
  : { fout: "load neemt geen eigenschappenlijst" };

export const bereik: Modelleert<
  FakeBereik,
  Excel.Range,
  | "values"
  | "formulas"
  | "numberFormat"
  | "rowIndex"
  | "columnIndex"
  | "rowCount"
  | "columnCount"
  | "address"
  | "columnHidden"
  | "rowHidden"
  | "worksheet"
  | "format"
  | "dataValidation"
  | "conditionalFormats"
  | "load"
  | "getResizedRange"
  | "getCell"
  | "getIntersection"
  | "getSurroundingRegion"
  | "clear"
  | "hyperlink"
  | "getCellProperties"
  | "getSpecialCellsOrNullObject"
> = true;
export const bereikLaadt: Laadt<FakeBereik> = true;

export const bereikOpmaak: Modelleert<
  FakeBereikOpmaak,
  Excel.RangeFormat,
  "wrapText" | "verticalAlignment" | "autofitRows" | "columnWidth"
  // AFWIJKING: `font` is only { bold } (checked below), not an Excel.RangeFont.
> = true;
export const letter: Modelleert<FakeBereikOpmaak["font"], Excel.RangeFont, "bold"> = true;

export const validatie: Modelleert<
  FakeValidatieProxy,
  Excel.DataValidation,
  "type" | "rule" | "ignoreBlanks" | "prompt" | "errorAlert" | "clear" | "load"
> = true;

export const opmaakCollectie: Modelleert<
  FakeOpmaakCollectie,
  Excel.ConditionalFormatCollection,
  "add" | "load"
> = true;
export const opmaak: Modelleert<
  FakeOpmaakProxy,
  Excel.ConditionalFormat,
  "custom" | "customOrNullObject" | "type" | "delete" | "load" | "getRangeOrNullObject" | "getRanges"
> = true;
export const aangepasteOpmaak: Modelleert<FakeAangepasteOpmaak, Excel.CustomConditionalFormat, "rule"> = true;
// AFWIJKING: CustomConditionalFormat.format is only { fill: { color }, font: { color } } (checked below).
export const opmaakVulling: Modelleert<
  FakeAangepasteOpmaak["format"]["fill"],
  Excel.ConditionalRangeFill,
  "color"
> = true;
export const opmaakLetter: Modelleert<
  FakeAangepasteOpmaak["format"]["font"],
  Excel.ConditionalRangeFont,
  "color"
> = true;
export const opmaakRegel: Modelleert<FakeOpmaakRegel, Excel.ConditionalFormatRule, "formula"> = true;

export const bevriezing: Modelleert<
  FakeBevriezing,
  Excel.WorksheetFreezePanes,
  "freezeRows" | "freezeColumns" | "freezeAt" | "unfreeze" | "getLocationOrNullObject"
> = true;

export const paginaIndeling: Modelleert<
  FakePaginaIndeling,
  Excel.PageLayout,
  | "paperSize"
  | "orientation"
  | "centerHorizontally"
  | "zoom"
  | "setPrintMargins"
  | "setPrintTitleRows"
  | "getPrintTitleRowsOrNullObject"
  | "getPrintAreaOrNullObject"
  // AFWIJKING: headersFooters is only { defaultForAllPages } with its six sections (checked below).
> = true;
export const paginaEinden: Modelleert<FakePaginaEinden, Excel.PageBreakCollection, "items" | "add" | "load"> =
  true;
export const paginaEinde: Modelleert<FakePaginaEindeProxy, Excel.PageBreak, "getCellAfterBreak" | "load"> =
  true;

export const kopVoet: Modelleert<
  FakePaginaIndeling["headersFooters"]["defaultForAllPages"],
  Excel.HeaderFooter,
  "leftHeader" | "centerHeader" | "rightHeader" | "leftFooter" | "centerFooter" | "rightFooter"
> = true;

export const werkblad: Modelleert<
  FakeWerkblad,
  Excel.Worksheet,
  | "tables"
  | "charts"
  | "freezePanes"
  | "pageLayout"
  | "horizontalPageBreaks"
  | "names"
  | "notes"
  | "comments"
  | "name"
  | "visibility"
  | "findAllOrNullObject"
  | "getRange"
  | "getRanges"
  | "getUsedRangeOrNullObject"
  | "load"
> = true;
export const werkbladen: Modelleert<
  FakeWerkbladen,
  Excel.WorksheetCollection,
  "getItem" | "getItemOrNullObject" | "items" | "load"
> = true;
export const gebieden: Modelleert<
  FakeGebieden,
  Excel.RangeAreas,
  "areas" | "areaCount" | "address" | "conditionalFormats" | "load"
> = true;
export const gebiedBereiken: Modelleert<FakeGebiedBereiken, Excel.RangeCollection, "items" | "load"> = true;

export const tabel: Modelleert<
  FakeTabelProxy,
  Excel.Table,
  | "worksheet"
  | "name"
  | "showTotals"
  | "columns"
  | "getRange"
  | "getHeaderRowRange"
  | "getDataBodyRange"
  | "resize"
  | "delete"
  | "load"
> = true;
export const tabelKolom: Modelleert<FakeTabelKolom, Excel.TableColumn, "name" | "index" | "load"> = true;
export const tabelKolommen: Modelleert<FakeTabelKolommen, Excel.TableColumnCollection, "count" | "load"> =
  true;
export const tabellen: Modelleert<
  FakeTabellen,
  Excel.TableCollection,
  "getItem" | "getItemOrNullObject" | "add" | "items" | "load"
> = true;

export const naam: Modelleert<
  FakeNaamProxy,
  Excel.NamedItem,
  "name" | "formula" | "getRange" | "getRangeOrNullObject" | "delete" | "load"
> = true;
export const namen: Modelleert<
  FakeNamen,
  Excel.NamedItemCollection,
  "getItem" | "getItemOrNullObject" | "add" | "items" | "load"
> = true;

export const notitie: Modelleert<FakeNotitieProxy, Excel.Note, "content" | "getLocation" | "load"> = true;
export const notities: Modelleert<FakeNotities, Excel.NoteCollection, "items" | "add" | "load"> = true;
export const opmerking: Modelleert<FakeNotitieProxy, Excel.Comment, "content" | "getLocation" | "load"> =
  true;
export const opmerkingen: Modelleert<FakeNotities, Excel.CommentCollection, "items" | "add" | "load"> = true;

export const reeks: Modelleert<
  FakeReeksProxy,
  Excel.ChartSeries,
  "name" | "setValues" | "setXAxisValues" | "getDimensionDataSourceString" | "load"
> = true;
export const reeksen: Modelleert<
  FakeReeksen,
  Excel.ChartSeriesCollection,
  "getItemAt" | "add" | "items" | "load"
> = true;
export const grafiek: Modelleert<
  FakeGrafiekProxy,
  Excel.Chart,
  "series" | "name" | "setPosition" | "delete" | "load"
  // AFWIJKING: title is only { text } (checked below).
> = true;
export const grafiekTitel: Modelleert<FakeGrafiekProxy["title"], Excel.ChartTitle, "text"> = true;
export const grafieken: Modelleert<
  FakeGrafieken,
  Excel.ChartCollection,
  "getItem" | "getItemOrNullObject" | "add" | "items" | "load"
> = true;

export const toepassing: Modelleert<FakeApplication, Excel.Application, "calculate"> = true;
export const werkboek: Modelleert<
  FakeWorkbook,
  Excel.Workbook,
  "worksheets" | "tables" | "names" | "application"
> = true;

/** FakeExcel.run stands in for Excel.run (with options, the overload the add-in uses). */
export const run: [Parameters<FakeExcel["run"]>[0]] extends [
  Excel.RunOptions | ((c: Excel.RequestContext) => Promise<unknown>),
]
  ? true
  : false = true;

/** FakeExcelFout is shaped like OfficeExtension.Error where code reads it. */
export const fouten: Modelleert<FakeExcelFout, OfficeExtension.Error, "code" | "name" | "message"> = true;

/** The member exists in Office.js (a rename still breaks the compile), but the fake differs as said. */
type Afwijkend<O, K extends keyof O> = K extends keyof O ? true : never;

export const afwijkingen: [
  // PageLayout.setPrintArea: the fake takes a Range or an address text, no RangeAreas.
  Afwijkend<Excel.PageLayout, "setPrintArea">,
  // PageBreakCollection.add: the fake returns nothing (Office.js: the PageBreak).
  Afwijkend<Excel.PageBreakCollection, "add">,
  // WorksheetCollection.add: the fake needs a name (Excel would pick "Sheet2", …).
  Afwijkend<Excel.WorksheetCollection, "add">,
  // TableColumnCollection.add: values only as a matrix (Office.js also takes one value for every row).
  Afwijkend<Excel.TableColumnCollection, "add">,
  // RangeFormat.font, CustomConditionalFormat.format, PageLayout.headersFooters, Chart.title: only the sub-objects'
  // members checked above.
  Afwijkend<Excel.RangeFormat, "font">,
  Afwijkend<Excel.CustomConditionalFormat, "format">,
  Afwijkend<Excel.PageLayout, "headersFooters">,
  Afwijkend<Excel.Chart, "title">,
] = [true, true, true, true, true, true, true, true];
