/** Named cell styles in styles.xml, and giving a cell its format back (src/workbook/xlsxCelstijlen.ts). */
import { Celstijlen, canoniek, cellenMetCelstijl, metCelstijlen } from "../../src/workbook/xlsxCelstijlen";

/** styles.xml with fonts 0 (default) and 1 (italic), the named style "Beleid" (xfId 1) and four cell formats. */
function stijlen(
  xfs: readonly string[],
  fonts = ['<font><i/><sz val="11"/><name val="Calibri"/></font>'],
): string {
  return (
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0"/></numFmts>' +
    `<fonts count="${fonts.length + 1}"><font><sz val="11"/><name val="Calibri"/></font>${fonts.join("")}</fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
    '<cellStyles count="2"><cellStyle name="Beleid" xfId="1"/><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    "</styleSheet>"
  );
}

const NORMAAL = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
const BELEID =
  '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="1" applyFont="1" applyNumberFormat="1"/>';
/** Beleid's look, based on Normal, as exceljs writes it: its font again (children in another order), no apply flags. */
const ALS_EXCELJS = '<xf numFmtId="164" fontId="2" fillId="0" borderId="0" xfId="0"/>';
const SCHUIN_ANDERS = '<font><name val="Calibri"/><i/><sz val="11"/></font>';

describe("canoniek", () => {
  test("the same element in another order of attributes or children is the same text; another value is not", () => {
    expect(canoniek('<font><i/><sz val="11"/><color rgb="FF7030A0"/></font>')).toBe(
      canoniek('<font><color rgb="FF7030A0"/><i/><sz val="11"/></font>'),
    );
    expect(canoniek('<xf a="1" b="2"><alignment wrapText="1"/></xf>')).toBe(
      canoniek("<xf b='2'  a='1'><alignment wrapText=\"1\"></alignment></xf>"),
    );
    expect(canoniek('<font><i/><sz val="11"/></font>')).not.toBe(canoniek('<font><b/><sz val="11"/></font>'));
    expect(canoniek('<font><sz val="11"/></font>')).not.toBe(canoniek('<font><sz val="12"/></font>'));
  });
});

describe("Celstijlen", () => {
  test("a workbook with no format based on a named style (as exceljs writes one) reads no sheet: undefined", () => {
    expect(
      Celstijlen.van(stijlen([NORMAAL, '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0"/>'])),
    ).toBeUndefined();
  });

  test("the formats based on a named style, by its name; the look apart from the style and the apply flags", () => {
    const s = Celstijlen.van(
      stijlen(
        [NORMAAL, BELEID, ALS_EXCELJS],
        ['<font><i/><sz val="11"/><name val="Calibri"/></font>', SCHUIN_ANDERS],
      ),
    );
    if (!s) throw new Error("geen celstijlen");
    expect([...s.naamVan]).toEqual([[1, "Beleid"]]);
    expect(s.opmaak(2)).toBe(s.opmaak(1));
    expect(s.opmaak(0)).not.toBe(s.opmaak(1));
    expect(s.opmaak(9)).toBeUndefined();
  });

  test("a style without a name in cellStyles is named by its number", () => {
    const s = Celstijlen.van(stijlen([NORMAAL, BELEID]).replace('<cellStyle name="Beleid" xfId="1"/>', ""));
    expect(s && [...s.naamVan]).toEqual([[1, "celstijl 1"]]);
  });
});

describe("cellenMetCelstijl and metCelstijlen", () => {
  const oud = Celstijlen.van(stijlen([NORMAAL, BELEID]));
  const nu = Celstijlen.van(
    stijlen(
      [NORMAAL, BELEID, ALS_EXCELJS],
      ['<font><i/><sz val="11"/><name val="Calibri"/></font>', SCHUIN_ANDERS],
    ),
  );
  if (!oud || !nu) throw new Error("geen celstijlen");
  const oudBlad =
    '<sheetData><row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"/><c r="C1" s="1"/><c r="D1"/></row></sheetData>';

  test("the cells of a sheet based on a named style", () => {
    expect([...cellenMetCelstijl(oudBlad, oud)]).toEqual([
      ["A1", "Beleid"],
      ["B1", "Beleid"],
      ["C1", "Beleid"],
    ]);
  });

  test("a cell that looks the same gets its old format back (also one written without an index); another keeps its own", () => {
    const nieuw =
      '<sheetData><row r="1"><c r="A1" s="2"><v>2</v></c><c r="B1" s="0"/><c r="C1"/><c r="D1" s="2"/></row></sheetData>';
    const uit = metCelstijlen(nieuw, oudBlad, oud, () => nu);
    // A1 looks as it did: Beleid again. B1 and C1 now look Normal (Opgave changed them): left as written.
    // D1 was no named style's: left as written.
    expect(uit).toBe(
      '<sheetData><row r="1"><c r="A1" s="1"><v>2</v></c><c r="B1" s="0"/><c r="C1"/><c r="D1" s="2"/></row></sheetData>',
    );
  });

  test("a cell without an index that looked like Normal while based on a named style gets the index back", () => {
    const leeg = Celstijlen.van(
      stijlen([NORMAAL, '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="1"/>']),
    );
    if (!leeg) throw new Error("geen celstijlen");
    expect(metCelstijlen('<c r="A1"><v>1</v></c>', '<c r="A1" s="1"/>', leeg, () => leeg)).toBe(
      '<c r="A1" s="1"><v>1</v></c>',
    );
  });
});

test("a font nested a hundred thousand levels deep (a damaged or hostile styles.xml) is read without running out of stack", () => {
  const diep = `<font>${"<a>".repeat(100_000)}${"</a>".repeat(100_000)}</font>`;
  expect(canoniek(diep)).toBe(canoniek(diep));
  expect(canoniek(diep)).not.toBe(canoniek(`<font>${"<a>".repeat(99_999)}${"</a>".repeat(99_999)}</font>`));
  expect(canoniek('<font><i/><sz val="11"/></font>')).toBe(canoniek('<font><sz val="11"/><i/></font>'));
});
