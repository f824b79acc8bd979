/**
 * The few internals of exceljs 4.4.0 (pinned) that ./exceljsLaden.ts and ./exceljsDirect.ts use: the loader's
 * parsing steps, the xforms it creates for workbook-level parts, and a utility; and the worksheet parser the tests
 * compare with. exceljs ships no types for them; these say only what is used.
 */

declare module "exceljs/lib/xlsx/xlsx" {
  /** What exceljs's parsers read: any (async) iterable of text pieces (a stream, or a one-piece array). */
  export type Onderdelen = Iterable<string>;

  /** The model `xlsx.load` builds before `reconcile` (loosely typed: exceljs's own shape). */
  export interface ExceljsModel {
    worksheets: unknown[];
    worksheetHash: Record<string, unknown>;
    worksheetRels: unknown[];
    themes: Record<string, string>;
    media: { type: string; name: string; extension: string; buffer: Uint8Array }[];
    mediaIndex: Record<string, number>;
    drawings: Record<string, unknown>;
    drawingRels: Record<string, unknown>;
    comments: Record<string, unknown>;
    tables: Record<string, unknown>;
    vmlDrawings: Record<string, unknown>;
    globalRels?: unknown;
    workbookRels?: unknown;
    sharedStrings?: { parseStream(tekst: Onderdelen): Promise<unknown> };
    styles?: { parseStream(tekst: Onderdelen): Promise<unknown> };
    [sleutel: string]: unknown;
  }

  /** The parsed workbook.xml. */
  export interface WerkboekDeel {
    sheets: unknown;
    definedNames: unknown;
    views: unknown;
    properties: unknown;
    calcProperties: unknown;
  }

  /** `wb.xlsx`: the loader's steps per part and its final reconcile. */
  export interface ExceljsXlsxIntern {
    parseRels(tekst: Onderdelen): Promise<unknown>;
    parseWorkbook(tekst: Onderdelen): Promise<WerkboekDeel>;
    _processWorksheetEntry(
      tekst: Onderdelen,
      model: ExceljsModel,
      sheetNo: string,
      options: object,
      pad: string,
    ): Promise<void>;
    _processWorksheetRelsEntry(tekst: Onderdelen, model: ExceljsModel, sheetNo: string): Promise<void>;
    _processDrawingEntry(tekst: Onderdelen, model: ExceljsModel, naam: string): Promise<void>;
    _processCommentEntry(tekst: Onderdelen, model: ExceljsModel, naam: string): Promise<void>;
    _processTableEntry(tekst: Onderdelen, model: ExceljsModel, naam: string): Promise<void>;
    _processDrawingRelsEntry(tekst: Onderdelen, model: ExceljsModel, naam: string): Promise<void>;
    _processVmlDrawingEntry(tekst: Onderdelen, model: ExceljsModel, naam: string): Promise<void>;
    reconcile(model: ExceljsModel, options: object): void;
  }
}

declare module "exceljs/lib/xlsx/xform/strings/shared-strings-xform" {
  import type { Onderdelen } from "exceljs/lib/xlsx/xlsx";
  export default class SharedStringsXform {
    /** Its model given (as ./exceljsDirect.ts reads it), or an empty one to parse into. */
    constructor(model?: { values: unknown[]; count: number });
    model: { values: unknown[]; count: number };
    parseStream(tekst: Onderdelen): Promise<unknown>;
  }
}

declare module "exceljs/lib/xlsx/xform/style/styles-xform" {
  import type { Onderdelen } from "exceljs/lib/xlsx/xlsx";
  export default class StylesXform {
    parseStream(tekst: Onderdelen): Promise<unknown>;
  }
}

declare module "exceljs/lib/xlsx/xform/core/app-xform" {
  import type { Onderdelen } from "exceljs/lib/xlsx/xlsx";
  export default class AppXform {
    parseStream(tekst: Onderdelen): Promise<{ company?: unknown; manager?: unknown }>;
  }
}

declare module "exceljs/lib/xlsx/xform/core/core-xform" {
  import type { Onderdelen } from "exceljs/lib/xlsx/xlsx";
  export default class CoreXform {
    parseStream(tekst: Onderdelen): Promise<Record<string, unknown>>;
  }
}

/**
 * exceljs's utilities: ./exceljsDirect.ts decodes a "str" value as exceljs's cell parser does; ./exceljsReparaties.ts
 * remembers which number formats are dates.
 */
declare module "exceljs/lib/utils/utils" {
  const utils: { xmlDecode(tekst: string): string; isDateFmt(notatie: string | undefined): boolean };
  export default utils;
}

/** exceljs's parser of a worksheet: the reference tests/workbook/exceljsDirect.test.ts compares ./exceljsDirect.ts with. */
declare module "exceljs/lib/xlsx/xform/sheet/worksheet-xform" {
  import type { Onderdelen } from "exceljs/lib/xlsx/xlsx";
  export default class WorksheetXform {
    constructor(options: object);
    parseStream(tekst: Onderdelen): Promise<Record<string, unknown>>;
  }
}

/** The xforms of a sheet's `<sheetPr>` that ./exceljsReparaties.ts mends. */
declare module "exceljs/lib/xlsx/xform/sheet/sheet-properties-xform" {
  /** exceljs's XML writer, as far as `<sheetPr>` uses it. */
  export interface XmlSchrijver {
    addRollback(): void;
    openNode(naam: string): void;
    closeNode(): void;
    commit(): void;
    rollback(): void;
  }
  export interface KindXform {
    render(xml: XmlSchrijver, model: unknown): boolean;
  }
  export interface SheetPrModel {
    tabColor?: unknown;
    pageSetup?: unknown;
    outlineProperties?: unknown;
  }
  export default class SheetPropertiesXform {
    map: { tabColor: KindXform; pageSetUpPr: KindXform; outlinePr: KindXform };
    render(xml: XmlSchrijver, model: SheetPrModel | null | undefined): void;
  }
}

declare module "exceljs/lib/xlsx/xform/sheet/page-setup-properties-xform" {
  import type { SaxKnoop } from "exceljs/lib/xlsx/xform/base-xform";
  export default class PageSetupPropertiesXform {
    tag: string;
    model: unknown;
    parseOpen(node: SaxKnoop): boolean;
  }
}

declare module "exceljs/lib/xlsx/xform/sheet/outline-properties-xform" {
  import type { SaxKnoop } from "exceljs/lib/xlsx/xform/base-xform";
  export default class OutlinePropertiesXform {
    tag: string;
    model: unknown;
    parseOpen(node: SaxKnoop): boolean;
  }
}

declare module "exceljs/lib/xlsx/xform/drawing/one-cell-anchor-xform" {
  import type { XmlSchrijver } from "exceljs/lib/xlsx/xform/sheet/sheet-properties-xform";
  /** An image anchored by one cell, as exceljs models it. */
  export interface EenCelAnker {
    range: { tl: unknown; ext: unknown; editAs?: string };
    picture: unknown;
  }
  export default class OneCellAnchorXform {
    readonly tag: string;
    map: Record<
      "xdr:from" | "xdr:ext" | "xdr:pic" | "xdr:clientData",
      { render(xml: XmlSchrijver, model: unknown): void }
    >;
    render(xml: XmlSchrijver, model: EenCelAnker): void;
  }
}

declare module "exceljs/lib/xlsx/xform/sheet/print-options-xform" {
  export { AttribuutXform as default } from "exceljs/lib/xlsx/xform/base-xform";
}

declare module "exceljs/lib/xlsx/xform/sheet/page-setup-xform" {
  export { AttribuutXform as default } from "exceljs/lib/xlsx/xform/base-xform";
}

declare module "exceljs/lib/xlsx/xform/sheet/sheet-view-xform" {
  import { AttribuutXform } from "exceljs/lib/xlsx/xform/base-xform";
  /** A sheet's view: what `parseOpen` read of `<sheetView>`, the view `parseClose` makes of it. */
  export default class SheetViewXform extends AttribuutXform {
    sheetView?: { tabSelected?: boolean };
    model?: Record<string, unknown>;
    parseClose(name: string): boolean;
  }
}

declare module "exceljs/lib/xlsx/xform/sheet/sheet-protection-xform" {
  import type { SaxKnoop } from "exceljs/lib/xlsx/xform/base-xform";
  /** What `render` writes with: one element and its attributes. */
  export interface BladSchrijver {
    leafNode(naam: string, attributen?: Record<string, unknown>, tekst?: unknown): void;
  }
  export default class SheetProtectionXform {
    model: ({ sheet?: boolean; password?: string } & Record<string, unknown>) | undefined;
    parseOpen(node: SaxKnoop): boolean | undefined;
    render(xml: BladSchrijver, model: SheetProtectionXform["model"]): void;
  }
}

declare module "exceljs/lib/xlsx/xform/style/protection-xform" {
  export { AttribuutXform as default } from "exceljs/lib/xlsx/xform/base-xform";
}

declare module "exceljs/lib/xlsx/xform/table/table-style-info-xform" {
  export { AttribuutXform as default } from "exceljs/lib/xlsx/xform/base-xform";
}

declare module "exceljs/lib/xlsx/xform/book/workbook-properties-xform" {
  export { AttribuutXform as default } from "exceljs/lib/xlsx/xform/base-xform";
}

declare module "exceljs/lib/xlsx/xform/base-xform" {
  /** A SAX node as exceljs's xforms get it in `parseOpen`. */
  export interface SaxKnoop {
    name: string;
    attributes: Record<string, string | undefined>;
  }
  /**
   * An xform of one element whose attributes ./exceljsReparaties.ts reads again (`WAARHEDEN`): print options, page
   * setup, sheet view, sheet and cell protection, table style options, the workbook's properties.
   */
  export class AttribuutXform {
    parseOpen(node: SaxKnoop): boolean | undefined;
  }
  export default class BaseXform {
    static toBoolValue(attr: string | undefined, dflt?: boolean): boolean | undefined;
  }
}

declare module "exceljs/lib/xlsx/xform/table/auto-filter-xform" {
  import type { SaxKnoop } from "exceljs/lib/xlsx/xform/base-xform";
  export default class TabelFilterXform {
    readonly tag: string;
    parser: unknown;
    map: Record<string, unknown>;
    parseOpen(node: SaxKnoop): boolean;
    parseClose(name: string): boolean;
  }
}

declare module "exceljs/lib/xlsx/xform/table/filter-column-xform" {
  import type { SaxKnoop } from "exceljs/lib/xlsx/xform/base-xform";
  export default class FilterKolomXform {
    readonly tag: string;
    parser: unknown;
    map: Record<string, unknown>;
    parseOpen(node: SaxKnoop): boolean;
    parseClose(name: string): boolean;
  }
}

declare module "exceljs/lib/xlsx/xform/sheet/cf/cf-rule-xform" {
  import type { SaxKnoop } from "exceljs/lib/xlsx/xform/base-xform";
  /** What `render` writes a rule with: its element opened with attributes. */
  export interface RegelSchrijver {
    openNode(naam: string, attributen?: Record<string, unknown>): void;
  }
  export default class CfRuleXform {
    readonly tag: string;
    createNewModel(node: SaxKnoop): Record<string, unknown>;
    render(xml: RegelSchrijver, model: Record<string, unknown>): void;
  }
}

declare module "exceljs/lib/doc/row" {
  /** exceljs's row (the parts `exceljsReparaties` mends). */
  export default class Row {
    get collapsed(): boolean;
    set model(value: { collapsed?: boolean });
  }
}

declare module "exceljs/lib/doc/column" {
  /** exceljs's column (the parts `exceljsReparaties` mends). */
  export default class Column {
    get collapsed(): boolean;
    get isDefault(): boolean;
    set defn(value: { collapsed?: boolean } | undefined);
    equivalentTo(other: { collapsed?: boolean }): boolean;
  }
}
