/**
 * A small in-memory Excel with the Office.js surface that src/workbook/officeWriter.ts uses, for tests in jest and
 * in a browser (no jest or Node dependencies: inject `new FakeExcel(werkmap).context` where Excel.run would hand
 * over its context).
 *
 * It behaves like Office.js where that matters for a writer:
 * - commands are queued and run in order at `context.sync()`; a failing command rejects the sync and drops the rest
 *   of the batch, while earlier commands stay applied (Office.js batches are not transactions);
 * - a property can be read only after it was loaded and synced ("PropertyNotLoaded" otherwise);
 * - `*OrNullObject` gives `isNullObject` after the next sync; methods on a null object fail;
 * - writing a string to a cell is "typing" it, unless the cell's number format is text ("@"): "=…" becomes a formula,
 *   "+x"/"-x" too (only "=", "+" and "-" start a formula; "@x" stays text), "2024" a number and "TRUE" a boolean;
 *   `null` in a written matrix (values, formulas, numberFormat) leaves that cell unchanged (Office.js, "null input in
 *   2-D array"; a writer writes "" to empty a cell); matrix sizes must match the range;
 * - reading: `values` gives "" for empty cells and the cached value of a formula cell ("" when none was set),
 *   `formulas` the formula, or for a constant the constant itself (so text "=abc" reads the same through both),
 *   `numberFormat` "General" unless set;
 * - errors are shaped like OfficeExtension.Error (name "RichApi.Error", `code`, `debugInfo`) with Excel's codes;
 *   tests can make them happen: `bewerkCel()` (the user is editing a cell: a sync fails with
 *   InvalidOperationInCellEditMode, unless the batch runs through `run({ delayForCellEdit: true }, …)`, which waits
 *   until `stopBewerken()`), `FakeBlad.beveiligd` (a protected sheet: writing its cells, formats or tables fails
 *   with AccessDenied), `faalBij(actie, code)` (the next command of that kind fails with that code);
 * - the payload budget of Excel on the web (`payloadGrens`, 5 MB): a sync whose request — the JSON of its commands'
 *   data (values, formulas, number formats, …) plus about 200 bytes per command — exceeds it fails with
 *   RequestPayloadSizeLimitExceeded before anything runs; one whose response (everything loaded, as JSON) exceeds it
 *   with ResponsePayloadSizeLimitExceeded (simplified: the commands of that batch did run); a read of more than five
 *   million cells fails with RangeExceedsLimit. Recorded per sync in `bytesPerSync`;
 * - `autoUitbreiden` (off unless a test turns it on; to confirm in Excel, issue 13): Excel's AutoCorrect
 *   "AutoExpand" applied to API writes — a non-empty value written in the row directly below a table (without a
 *   totals row) grows the table by that row, and a calculated column (a formula in the row above) fills the new
 *   row's empty cell;
 * - tables may not overlap (add, resize); table and defined names share one case-insensitive namespace;
 * - `Worksheet.findAllOrNullObject(text, criteria)` (ExcelApi 1.9) searches what the cell shows in the formula bar
 *   (the formula, else the constant), never hidden sheets, and returns a RangeAreas whose `areas` are the vertical
 *   runs of matching cells per column; a range from those areas leaves a cell unchanged for `null` in a written
 *   matrix, as Office.js does (other ranges reject `null`, see above);
 * - `workbook.application.calculate(type)` is only recorded (the fake computes nothing);
 * - `table.columns.add(index?, values?, name?)` inserts a table column as Excel does: at `index` (0-based; null, -1
 *   or absent: at the end), shifting the cells (with their formats, fills and notes) of the table's rows from that
 *   column one to the right, and adjusting every A1 reference in formulas, defined names and chart series that
 *   pointed at a shifted cell (`=Taakstelling!J10` → `=Taakstelling!K10`); `values` is the header and body, `name`
 *   overrides the header, a taken header gets a number ("Notitie2"), none gives "ColumnN". Simplified: it refuses
 *   to shift into another table; inserted cells get no format (Excel copies the left neighbour's); each end of a
 *   range reference is adjusted on its own;
 * - notes (`FakeBlad.notities`), threaded comments (`FakeBlad.opmerkingen`) and cell fills (`FakeCel.vulling`)
 *   are set by tests; Office.js reads and adds notes and comments through `worksheet.notes` (1.18) and
 *   `worksheet.comments` (1.10, ./notes.ts), text only; there is no fill API in the fake, so a writer that used one
 *   would fail. `Range.hyperlink` (1.7: a link on each cell of the range, `FakeBlad.hyperlinks`, kept when values
 *   are written) and `Range.getCellProperties` (1.9: only `hyperlink`). `Range.clear("All")` removes the notes,
 *   comments, links, fills and formats of its cells,
 *   `clear("Formats")` fills and formats, `clear("Contents")` neither.
 * - guard rails: `Range.dataValidation` (1.8; per cell, refusing what Excel refuses: more than one criterion, a
 *   missing operand, a list source over 255 characters, a title over 32 or a message over 255 characters; each
 *   cell keeps its rule as written for itself, read on a range written for its first cell, `Inconsistent` or
 *   `MixedCriteria` where the cells differ),
 *   `Range.conditionalFormats` (1.6; only "Custom": the formats intersecting the range in priority order, `add` puts
 *   one on top, `custom` of another type fails, `customOrNullObject` is a null object), `Range.columnHidden` (1.2),
 *   `Worksheet.freezePanes` (1.7; `freezeAt` from A1 only); inserting a table column moves validations and
 *   conditional formats (ranges and formulas) with their cells, and a format's formula follows the cells it reads
 *   wherever the format stands; `clear("All")` removes validations, `clear` leaves
 *   conditional formats (simplified);
 * - print: `Worksheet.pageLayout` (1.9: paper, orientation, zoom, margins in points, print area, title rows — whole
 *   rows only —, header and footer sections of at most 255 characters) and `horizontalPageBreaks.add`; a new sheet
 *   starts as Excel's en-US default (Letter, portrait, 100 %); `format.wrapText`/`verticalAlignment` per cell,
 *   `format.autofitRows()` only recorded;
 * Everything is recorded: `log` (every executed command with its sync number), `syncs`, `cellenPerSync`,
 * `bytesPerSync` and `herschreven` (every formula written through `Range.formulas`). `run(options, batch)` stands in
 * for `Excel.run`.
 * A1 addresses come from the project's own code (src/workbook/a1.ts: kolomLetters, kolomNummer, adres,
 * decodeerBereik, rechthoekBereik, overlapt, bladTussenQuotes); adressen.ts adds only what Office.js accepts beyond it
 * (whole rows "7:7", whole columns "C:E", lowercase, a sheet prefix).
 *
 * One module per Office object: werkmap.ts/model.ts (the workbook model and its setup/assertion helpers),
 * object.ts (proxy base: queued commands, load, null objects), range.ts, rangeFormat.ts, rangeAreas.ts,
 * worksheet.ts, freezePanes.ts, pageLayout.ts, table.ts, names.ts, chart.ts, dataValidation.ts,
 * conditionalFormat.ts, context.ts (FakeExcel: sync, batching, payload budget, errors, cell edit mode), fouten.ts.
 * officeTypen.ts checks the modelled members against @types/office-js at compile time (and lists where the fake
 * deliberately differs). In a browser: tests/helpers/browser.ts `fakeExcelScript()` bundles these modules.
 *
 * Behaviours the fake claims that the type definitions do not state are tagged in the code with
 * `// BEVESTIG in Excel [Bn] (scenario "…")` and listed in BEVESTIGEN.md next to this file: the in-Excel run
 * (npm run test:excel / Zelftest) must confirm each of them.
 */
export { FakeExcel } from "./context";
export { FakeExcelFout } from "./fouten";
export { a1, parseerBereik, rechthoekAdres } from "./adressen";
export { FakeBlad, nieuweAfdruk } from "./model";
export type {
  FakeAfdruk,
  FakeCel,
  FakeGrafiek,
  FakeHerschrijving,
  FakeLogRegel,
  FakeNaam,
  FakeOpmaak,
  FakeRechthoek,
  FakeReeks,
  FakeTabel,
  FakeValidatie,
  FakeWaarde,
} from "./model";
export { FakeWerkmap, type FakeInvoer } from "./werkmap";
