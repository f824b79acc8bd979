/**
 * Faults of exceljs 4.4.0 (pinned, package.json) mended on its own xforms — the same modules in Node and in the
 * pane's build, so importing this module once mends every read and write. Two in a sheet's `<sheetPr>`:
 * - it writes `<pageSetUpPr>` before `<outlinePr>`, against the schema's order (tabColor, outlinePr, pageSetUpPr), and
 *   Excel then reports the file as damaged (exceljs issue #1348): a refill of Opgave's sheets (fit to page) in a file
 *   with outline settings (one openpyxl saved, or Excel's "summary rows above detail") hit it;
 * - it reads those elements' booleans only as "1": "true", as LibreOffice writes them, was read as false, so a
 *   refill after a LibreOffice save dropped fit-to-width from Opgave's sheets (and turned summaryBelow around).
 * And the same booleans elsewhere, read only as "1" (or "0"): in the print options, the page setup, a sheet's view,
 * its protection, a cell style's protection, a table's style options and the workbook's date system (`WAARHEDEN`).
 * After a LibreOffice save, a refill dropped printing gridlines, headings and centring, turned hidden gridlines
 * back on and locked cells the user had unlocked.
 * And a table's filter with what exceljs does not model — Above Average and the other dynamic filters (dates too),
 * Top 10, by colour, by icon, a sort state inside it — is read past instead of refused ("Unexpected xml node"):
 * a workbook the user had filtered so in Excel could be neither refilled nor consolidated (`LEES_VOORBIJ`).
 * And one in a drawing: it writes `editAs` on an image anchored by one cell (`<xdr:oneCellAnchor>`, as openpyxl anchors
 * images), which the schema allows only on a two-cell anchor; openpyxl then refused the drawing (and dropped every
 * image and chart of the file on its next save), and Excel may report the file as damaged.
 * And a conditional format's "stop if true" (`stopIfTrue`), which exceljs neither reads nor writes: a refill dropped it
 * from the user's rules on Opgave's sheets without a word (`CfRuleXform`).
 * And a group's "collapsed" marker (`collapsed` on the summary row or column below or beside a group the user
 * folded): exceljs reads it and then ignores it, deriving its own from the outline levels, which put it on every
 * grouped row instead; a `<col>` holding only the marker it dropped. A refill moved it without a word
 * (`metIngeklapt`: the marker as read, derived only for a row or column exceljs did not read).
 * And a selected sheet tab (`tabSelected` on `<sheetView>`), which exceljs reads and leaves out of the view it makes:
 * a refill unselected the sheet the user had selected (`metGeselecteerdTabblad`).
 * And one of speed: exceljs asks whether a number's format is a date for every number cell it reads (two regular
 * expressions each time, for the same few formats); the answer is remembered per format (`isDatumNotatie`).
 * tests/workbook/exceljsReparaties.test.ts fails when an update of exceljs changes them.
 */
import SheetPropertiesXform, {
  type SheetPrModel,
  type XmlSchrijver,
} from "exceljs/lib/xlsx/xform/sheet/sheet-properties-xform";
import PageSetupPropertiesXform from "exceljs/lib/xlsx/xform/sheet/page-setup-properties-xform";
import OutlinePropertiesXform from "exceljs/lib/xlsx/xform/sheet/outline-properties-xform";
import OneCellAnchorXform from "exceljs/lib/xlsx/xform/drawing/one-cell-anchor-xform";
import PrintOptionsXform from "exceljs/lib/xlsx/xform/sheet/print-options-xform";
import PageSetupXform from "exceljs/lib/xlsx/xform/sheet/page-setup-xform";
import SheetViewXform from "exceljs/lib/xlsx/xform/sheet/sheet-view-xform";
import SheetProtectionXform from "exceljs/lib/xlsx/xform/sheet/sheet-protection-xform";
import ProtectionXform from "exceljs/lib/xlsx/xform/style/protection-xform";
import TableStyleInfoXform from "exceljs/lib/xlsx/xform/table/table-style-info-xform";
import WorkbookPropertiesXform from "exceljs/lib/xlsx/xform/book/workbook-properties-xform";
import BaseXform, { type SaxKnoop } from "exceljs/lib/xlsx/xform/base-xform";
import TabelFilterXform from "exceljs/lib/xlsx/xform/table/auto-filter-xform";
import CfRuleXform from "exceljs/lib/xlsx/xform/sheet/cf/cf-rule-xform";
import FilterKolomXform from "exceljs/lib/xlsx/xform/table/filter-column-xform";
import utils from "exceljs/lib/utils/utils";
import type ExcelJS from "exceljs";
import Row from "exceljs/lib/doc/row";
import Column from "exceljs/lib/doc/column";

/** An OOXML boolean attribute (xsd:boolean: "1", "true", "0", "false"); undefined when absent. */
function waarheid(tekst: string | undefined): boolean | undefined {
  return tekst === undefined ? undefined : tekst === "1" || tekst === "true";
}

/** `<sheetPr>` with its children in the schema's order. */
SheetPropertiesXform.prototype.render = function (
  this: SheetPropertiesXform,
  xml: XmlSchrijver,
  model: SheetPrModel | null | undefined,
): void {
  if (!model) return;
  xml.addRollback();
  xml.openNode("sheetPr");
  // Each child renders itself (or nothing); the element stays only when one did.
  const kinderen = [
    this.map.tabColor.render(xml, model.tabColor),
    this.map.outlinePr.render(xml, model.outlineProperties),
    this.map.pageSetUpPr.render(xml, model.pageSetup),
  ];
  if (kinderen.some(Boolean)) {
    xml.closeNode();
    xml.commit();
  } else {
    xml.rollback();
  }
};

PageSetupPropertiesXform.prototype.parseOpen = function (this: PageSetupPropertiesXform, node): boolean {
  if (node.name !== "pageSetUpPr") return false;
  this.model = { fitToPage: waarheid(node.attributes.fitToPage) === true };
  return true;
};

OutlinePropertiesXform.prototype.parseOpen = function (this: OutlinePropertiesXform, node): boolean {
  if (node.name !== "outlinePr") return false;
  this.model = {
    summaryBelow: waarheid(node.attributes.summaryBelow),
    summaryRight: waarheid(node.attributes.summaryRight),
  };
  return true;
};

/**
 * Elements whose xsd:boolean attributes exceljs reads only as "1" (or "0"), and those attributes: each is given to
 * exceljs as "1" or "0" whichever way it was written.
 */
const WAARHEDEN: ReadonlyArray<
  readonly [{ prototype: { parseOpen(node: SaxKnoop): boolean | undefined } }, string, readonly string[]]
> = [
  [PrintOptionsXform, "printOptions", ["headings", "gridLines", "horizontalCentered", "verticalCentered"]],
  [PageSetupXform, "pageSetup", ["blackAndWhite", "draft", "useFirstPageNumber", "usePrinterDefaults"]],
  [
    SheetViewXform,
    "sheetView",
    ["rightToLeft", "tabSelected", "showRuler", "showRowColHeaders", "showGridLines"],
  ],
  [
    SheetProtectionXform,
    "sheetProtection",
    [
      "sheet",
      "objects",
      "scenarios",
      "selectLockedCells",
      "selectUnlockedCells",
      "formatCells",
      "formatColumns",
      "formatRows",
      "insertColumns",
      "insertRows",
      "insertHyperlinks",
      "deleteColumns",
      "deleteRows",
      "sort",
      "autoFilter",
      "pivotTables",
    ],
  ],
  [ProtectionXform, "protection", ["locked", "hidden"]],
  [
    TableStyleInfoXform,
    "tableStyleInfo",
    ["showFirstColumn", "showLastColumn", "showRowStripes", "showColumnStripes"],
  ],
  [WorkbookPropertiesXform, "workbookPr", ["date1904"]],
];

for (const [Xform, tag, namen] of WAARHEDEN) {
  const lees = Xform.prototype.parseOpen;
  Xform.prototype.parseOpen = function (this: unknown, node: SaxKnoop): boolean | undefined {
    if (node.name === tag) {
      for (const naam of namen) {
        const w = waarheid(node.attributes[naam]);
        if (w !== undefined) node.attributes[naam] = w ? "1" : "0";
      }
    }
    return lees.call(this, node);
  };
}

/**
 * A sheet's protection with the password Excel 2007 and LibreOffice write (`password`, a 16-bit hash): exceljs reads
 * and writes only the newer hash (`hashValue`), so a refill kept the sheet protected but without its password —
 * anyone could lift it. The hash goes along as it was.
 */
const leesBescherming = SheetProtectionXform.prototype.parseOpen;
SheetProtectionXform.prototype.parseOpen = function (this: SheetProtectionXform, node): boolean | undefined {
  const gelezen = leesBescherming.call(this, node);
  const wachtwoord = node.attributes.password;
  if (node.name === "sheetProtection" && this.model && wachtwoord) this.model.password = wachtwoord;
  return gelezen;
};
const schrijfBescherming = SheetProtectionXform.prototype.render;
SheetProtectionXform.prototype.render = function (this: SheetProtectionXform, xml, model): void {
  const wachtwoord = model?.sheet ? model.password : undefined;
  if (!wachtwoord) return schrijfBescherming.call(this, xml, model);
  const blad = xml.leafNode;
  xml.leafNode = (naam, attributen, tekst) =>
    blad.call(xml, naam, { ...attributen, password: wachtwoord }, tekst);
  try {
    schrijfBescherming.call(this, xml, model);
  } finally {
    xml.leafNode = blad;
  }
};

/** A conditional format's "stop if true" read and written as it was (exceljs models no such attribute). */
const nieuweRegel = CfRuleXform.prototype.createNewModel;
CfRuleXform.prototype.createNewModel = function (this: CfRuleXform, node): Record<string, unknown> {
  const model = nieuweRegel.call(this, node);
  return waarheid(node.attributes.stopIfTrue) ? { ...model, stopIfTrue: true } : model;
};
const schrijfRegel = CfRuleXform.prototype.render;
CfRuleXform.prototype.render = function (this: CfRuleXform, xml, model): void {
  if (model.stopIfTrue !== true) return schrijfRegel.call(this, xml, model);
  const open = xml.openNode;
  xml.openNode = (naam, attributen) =>
    open.call(xml, naam, naam === this.tag ? { ...attributen, stopIfTrue: "1" } : attributen);
  try {
    schrijfRegel.call(this, xml, model);
  } finally {
    xml.openNode = open;
  }
};

/** exceljs's own reader of such a boolean (conditional formats' icon sets and data bars), for "true" too. */
BaseXform.toBoolValue = (attr: string | undefined, dflt?: boolean): boolean | undefined =>
  attr === undefined ? dflt : waarheid(attr) === true;

/**
 * A table's `<autoFilter>` and its `<filterColumn>`s: an element exceljs does not model, and what it holds, is read
 * past. The refill's graft keeps the old table's filter conditions as they were (./xlsxEnten `metFilters`).
 */
const LEES_VOORBIJ = [TabelFilterXform, FilterKolomXform] as const;

for (const Xform of LEES_VOORBIJ) {
  const open = Xform.prototype.parseOpen;
  const sluit = Xform.prototype.parseClose;
  Xform.prototype.parseOpen = function (this: InstanceType<typeof Xform>, node: SaxKnoop): boolean {
    return this.parser || node.name === this.tag || this.map[node.name] ? open.call(this, node) : true;
  };
  Xform.prototype.parseClose = function (this: InstanceType<typeof Xform>, name: string): boolean {
    return this.parser || name === this.tag ? sluit.call(this, name) : true;
  };
}

/** `<xdr:oneCellAnchor>` as the schema has it: without `editAs`. */
OneCellAnchorXform.prototype.render = function (this: OneCellAnchorXform, xml, model): void {
  xml.openNode(this.tag);
  this.map["xdr:from"].render(xml, model.range.tl);
  this.map["xdr:ext"].render(xml, model.range.ext);
  this.map["xdr:pic"].render(xml, model.picture);
  this.map["xdr:clientData"].render(xml, {});
  xml.closeNode();
};

/** Whether a number format is a date's, as exceljs decides it, once per format (for at most `ONTHOUDEN` formats). */
const ONTHOUDEN = 1000;
const isDatumNotatie = (() => {
  const bepaal = utils.isDateFmt.bind(utils);
  const gezien = new Map<string, boolean>();
  return (notatie: string | undefined): boolean => {
    if (!notatie) return false;
    let datum = gezien.get(notatie);
    if (datum === undefined) {
      if (gezien.size >= ONTHOUDEN) gezien.clear();
      gezien.set(notatie, (datum = bepaal(notatie)));
    }
    return datum;
  };
})();
utils.isDateFmt = isDatumNotatie;

/**
 * A row's and a column's `collapsed` as read (`_ingeklapt`, set where exceljs reads the element, or by the writer:
 * `ingeklapt`), exceljs's own derivation for one it made; a column with only the marker is no default column (which
 * exceljs leaves out), nor the same as its neighbour without one.
 */
function metIngeklapt(): void {
  const ingeklapt = (klasse: typeof Row | typeof Column) => {
    const afgeleid = Object.getOwnPropertyDescriptor(klasse.prototype, "collapsed")?.get;
    Object.defineProperty(klasse.prototype, "collapsed", {
      configurable: true,
      get(this: { _ingeklapt?: boolean }): boolean {
        return this._ingeklapt ?? Boolean(afgeleid?.call(this));
      },
      set(this: { _ingeklapt?: boolean }, waarde: boolean): void {
        this._ingeklapt = waarde;
      },
    });
  };
  ingeklapt(Row);
  ingeklapt(Column);
  const rijModel = Object.getOwnPropertyDescriptor(Row.prototype, "model");
  Object.defineProperty(Row.prototype, "model", {
    ...rijModel,
    set(this: { _ingeklapt?: boolean }, waarde: { collapsed?: boolean }): void {
      rijModel?.set?.call(this, waarde);
      this._ingeklapt = waarde.collapsed === true;
    },
  });
  const definitie = Object.getOwnPropertyDescriptor(Column.prototype, "defn");
  Object.defineProperty(Column.prototype, "defn", {
    ...definitie,
    set(this: { _ingeklapt?: boolean }, waarde: { collapsed?: boolean } | undefined): void {
      definitie?.set?.call(this, waarde);
      this._ingeklapt = waarde ? waarde.collapsed === true : undefined;
    },
  });
  const standaard = Object.getOwnPropertyDescriptor(Column.prototype, "isDefault")?.get;
  Object.defineProperty(Column.prototype, "isDefault", {
    configurable: true,
    get(this: Column): boolean {
      return Boolean(standaard?.call(this)) && !this.collapsed;
    },
  });
  const gelijk = Column.prototype.equivalentTo;
  Column.prototype.equivalentTo = function (this: Column, ander: { collapsed?: boolean }): boolean {
    return gelijk.call(this, ander) && this.collapsed === Boolean(ander.collapsed);
  };
}
metIngeklapt();

/** A sheet view with `tabSelected` as read (exceljs reads it, then makes the view without it). */
function metGeselecteerdTabblad(): void {
  const sluit = SheetViewXform.prototype.parseClose;
  SheetViewXform.prototype.parseClose = function (this: SheetViewXform, name: string): boolean {
    const geselecteerd = name === "sheetView" && this.sheetView?.tabSelected === true;
    const uit = sluit.call(this, name);
    if (geselecteerd && this.model) this.model.tabSelected = true;
    return uit;
  };
}
metGeselecteerdTabblad();

/** Sets the "collapsed" marker of a row or column (exceljs's type has it read-only). */
export function ingeklapt(rijOfKolom: ExcelJS.Row | ExcelJS.Column, waarde: boolean): void {
  (rijOfKolom as { collapsed: boolean }).collapsed = waarde;
}
