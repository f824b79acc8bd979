/**
 * Faults of exceljs 4.4.0 (pinned, package.json) mended on its own xforms — the same modules in Node and in the
 * pane's build, so importing this module once mends every read and write. Two in a sheet's `<sheetPr>`:
 * - it writes `<pageSetUpPr>` before `<outlinePr>`, against the schema's order (tabColor, outlinePr, pageSetUpPr), and
 *   Excel then reports the file as damaged (exceljs issue #1348): a refill of Opgave's sheets (fit to page) in a file
 *   with outline settings (one openpyxl saved, or Excel's "summary rows above detail") hit it;
 * - it reads those elements' booleans only as "1": "true", as LibreOffice writes them, was read as false, so a
 *   refill after a LibreOffice save dropped fit-to-width from Opgave's sheets (and turned summaryBelow around).
 * And one in a drawing: it writes `editAs` on an image anchored by one cell (`<xdr:oneCellAnchor>`, as openpyxl anchors
 * images), which the schema allows only on a two-cell anchor; openpyxl then refused the drawing (and dropped every
 * image and chart of the file on its next save), and Excel may report the file as damaged.
 * tests/workbook/exceljsReparaties.test.ts fails when an update of exceljs changes them.
 */
import SheetPropertiesXform, {
  type SheetPrModel,
  type XmlSchrijver,
} from "exceljs/lib/xlsx/xform/sheet/sheet-properties-xform";
import PageSetupPropertiesXform from "exceljs/lib/xlsx/xform/sheet/page-setup-properties-xform";
import OutlinePropertiesXform from "exceljs/lib/xlsx/xform/sheet/outline-properties-xform";
import OneCellAnchorXform from "exceljs/lib/xlsx/xform/drawing/one-cell-anchor-xform";

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

/** `<xdr:oneCellAnchor>` as the schema has it: without `editAs`. */
OneCellAnchorXform.prototype.render = function (this: OneCellAnchorXform, xml, model): void {
  xml.openNode(this.tag);
  this.map["xdr:from"].render(xml, model.range.tl);
  this.map["xdr:ext"].render(xml, model.range.ext);
  this.map["xdr:pic"].render(xml, model.picture);
  this.map["xdr:clientData"].render(xml, {});
  xml.closeNode();
};
