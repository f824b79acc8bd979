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
 * - notes (`FakeBlad.notities`) and cell fills (`FakeCel.vulling`) are set by tests only: there is no Office.js
 *   comments/notes or fill API in the fake, so a writer that used one would fail. `Range.clear("All")` removes
 *   the notes, fills and formats of its cells, `clear("Formats")` fills and formats, `clear("Contents")` neither.
 * - guard rails: `Range.dataValidation` (1.8; per cell, refusing what Excel refuses: more than one criterion, a
 *   missing operand, a list source over 255 characters, a title over 32 or a message over 255 characters),
 *   `Range.conditionalFormats` (1.6; only "Custom": the formats intersecting the range in priority order, `add` puts
 *   one on top, `custom` of another type fails, `customOrNullObject` is a null object), `Range.columnHidden` (1.2),
 *   `Worksheet.freezePanes` (1.7; `freezeAt` from A1 only); inserting a table column moves validations and
 *   conditional formats (ranges and formulas) with their cells; `clear("All")` removes validations, `clear` leaves
 *   conditional formats (simplified);
 * - print: `Worksheet.pageLayout` (1.9: paper, orientation, zoom, margins in points, print area, title rows — whole
 *   rows only —, header and footer sections of at most 255 characters) and `horizontalPageBreaks.add`; a new sheet
 *   starts as Excel's en-US default (Letter, portrait, 100 %); `format.wrapText`/`verticalAlignment` per cell,
 *   `format.autofitRows()` only recorded;
 * Everything is recorded: `log` (every executed command with its sync number), `syncs`, `cellenPerSync`,
 * `bytesPerSync` and `herschreven` (every formula written through `Range.formulas`). `run(options, batch)` stands in
 * for `Excel.run`.
 * A1 addresses come from the project's own code (src/workbook/a1.ts, which has no imports: the browser tests load
 * it next to this file).
 */
import { adres, bladTussenQuotes, kolomLetters, kolomNummer, overlapt } from "../../src/workbook/a1";

export type FakeWaarde = string | number | boolean;

export interface FakeCel {
  waarde?: FakeWaarde;
  formule?: string;
  notatie?: string;
  vet?: boolean;
  /** Fill colour (set by tests; see the header). */
  vulling?: string;
  /** Range.format.wrapText / verticalAlignment. */
  terugloop?: boolean;
  uitlijning?: string;
}

/** A cell's data validation (Range.dataValidation, ExcelApi 1.8); `regel` absent: "any value" with messages. */
export interface FakeValidatie {
  regel?: Excel.DataValidationRule;
  negeerLeeg: boolean;
  prompt: Excel.DataValidationPrompt;
  foutmelding: Excel.DataValidationErrorAlert;
}

/** A conditional format (ExcelApi 1.6), in the sheet's priority order. Only "Custom" (a formula) is modelled. */
export interface FakeOpmaak {
  rechthoek: FakeRechthoek;
  soort: string;
  formule?: string;
  vulling?: string;
  tekstKleur?: string;
}

/** Worksheet.pageLayout (ExcelApi 1.9), as Excel starts a new sheet (en-US: Letter, portrait, 100 %). */
export interface FakeAfdruk {
  papier: string;
  richting: string;
  zoom: Excel.PageLayoutZoomOptions;
  centreerHorizontaal: boolean;
  /** In points. */
  marges: {
    links: number;
    rechts: number;
    boven: number;
    onder: number;
    koptekst: number;
    voettekst: number;
  };
  gebied?: FakeRechthoek[];
  titelRijen?: { van: number; tot: number };
  kop: { links: string; midden: string; rechts: string };
  voet: { links: string; midden: string; rechts: string };
}

export function nieuweAfdruk(): FakeAfdruk {
  return {
    papier: "Letter",
    richting: "Portrait",
    zoom: { scale: 100 },
    centreerHorizontaal: false,
    marges: { links: 51, rechts: 51, boven: 54, onder: 54, koptekst: 21.6, voettekst: 21.6 },
    kop: { links: "", midden: "", rechts: "" },
    voet: { links: "", midden: "", rechts: "" },
  };
}

/** 1-based rectangle. */
export interface FakeRechthoek {
  rij: number;
  kolom: number;
  rijen: number;
  kolommen: number;
}

export class FakeBlad {
  /** A protected sheet (Controleren > Blad beveiligen): writes to it fail with AccessDenied. */
  beveiligd = false;
  /** Worksheet.visibility; findAll does not search hidden sheets. */
  zichtbaarheid: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  /** Cells by A1 address ("C10"). */
  readonly cellen = new Map<string, FakeCel>();
  /** Column widths in points by 1-based column. */
  readonly kolomBreedtes = new Map<number, number>();
  readonly grafieken: FakeGrafiek[] = [];
  /** Notes (Excel's cell notes, formerly comments) by A1 address, also on empty cells (set by tests). */
  readonly notities = new Map<string, string>();
  /** Data validations by A1 address of their cell. */
  readonly validaties = new Map<string, FakeValidatie>();
  /** Conditional formats, highest priority first. */
  readonly opmaak: FakeOpmaak[] = [];
  /** Frozen panes: rows at the top and columns at the left that stay in view. */
  bevroren: { rijen: number; kolommen: number } | undefined;
  /** 1-based hidden columns. */
  readonly verborgenKolommen = new Set<number>();
  afdruk: FakeAfdruk = nieuweAfdruk();
  /** Manual page breaks: a new page starts at these rows. */
  readonly paginaEinden: number[] = [];
  constructor(public naam: string) {}
}

export interface FakeTabel {
  naam: string;
  blad: FakeBlad;
  /** Header row and first column, 1-based. */
  rij: number;
  kolom: number;
  /** Header + body rows. */
  rijen: number;
  kolommen: number;
  showTotals: boolean;
}

export interface FakeNaam {
  naam: string;
  /** A range (a single cell unless `rijen`/`kolommen` say otherwise, e.g. a whole column) … */
  blad?: FakeBlad;
  rij?: number;
  kolom?: number;
  rijen?: number;
  kolommen?: number;
  /** … or a constant/formula that is not a range, e.g. "=5". */
  formule?: string;
}

export interface FakeReeks {
  naam: string;
  /** "Blad!B2:B21" */
  waarden?: string;
  categorieen?: string;
}

export interface FakeGrafiek {
  naam: string;
  soort: string;
  titel: string;
  positie?: string;
  reeksen: FakeReeks[];
}

/** A formula written through `Range.formulas` (recorded by FakeExcel.herschreven). */
export interface FakeHerschrijving {
  sync: number;
  blad: string;
  adres: string;
  formule: string;
  /** The formula the cell had before, if any. */
  was?: string;
}

export interface FakeLogRegel {
  /** 1-based number of the sync that ran the command. */
  sync: number;
  actie: string;
  doel: string;
  details?: unknown;
}

/** Shaped like OfficeExtension.Error: name "RichApi.Error", an Excel error code and `debugInfo`. */
export class FakeExcelFout extends Error {
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    bericht: string,
  ) {
    super(`${code}: ${bericht}`);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message: bericht };
  }
}

const MAX_RIJEN = 1_048_576;
const MAX_KOLOMMEN = 16_384;

export function a1(rij: number, kolom: number): string {
  return adres({ rij, kolom });
}

/** "A1", "A1:C5", "C:C", "C:E" (optionally "Blad!…", "'Mijn blad'!…", with or without $). */
export function parseerBereik(adres: string): { blad?: string; rechthoek: FakeRechthoek } {
  let rest = adres.replace(/\$/g, "");
  let blad: string | undefined;
  const i = rest.lastIndexOf("!");
  if (i >= 0) {
    blad = rest.slice(0, i);
    if (blad.startsWith("'") && blad.endsWith("'")) blad = blad.slice(1, -1).replace(/''/g, "'");
    rest = rest.slice(i + 1);
  }
  const [van, tot = van] = rest.split(":") as [string, string?];
  // Whole rows ("7:7", "$7:$9").
  if (/^\d+$/.test(van) && /^\d+$/.test(tot) && rest.includes(":")) {
    const [r1, r2] = [Number(van), Number(tot)];
    if (r1 < 1 || r2 < 1) throw new FakeExcelFout("InvalidArgument", `ongeldig adres ${adres}`);
    return {
      blad,
      rechthoek: { rij: Math.min(r1, r2), kolom: 1, rijen: Math.abs(r2 - r1) + 1, kolommen: MAX_KOLOMMEN },
    };
  }
  const cel = /^([A-Za-z]+)(\d+)?$/;
  const a = cel.exec(van);
  const b = cel.exec(tot);
  if (!a || !b || !a[1] || !b[1]) throw new FakeExcelFout("InvalidArgument", `ongeldig adres ${adres}`);
  const heleKolom = a[2] === undefined || b[2] === undefined;
  const r1 = heleKolom ? 1 : Number(a[2]);
  const r2 = heleKolom ? MAX_RIJEN : Number(b[2]);
  const c1 = kolomNummer(a[1]);
  const c2 = kolomNummer(b[1]);
  return {
    blad,
    rechthoek: {
      rij: Math.min(r1, r2),
      kolom: Math.min(c1, c2),
      rijen: Math.abs(r2 - r1) + 1,
      kolommen: Math.abs(c2 - c1) + 1,
    },
  };
}

export function rechthoekAdres(r: FakeRechthoek): string {
  const links = a1(r.rij, r.kolom);
  return r.rijen === 1 && r.kolommen === 1
    ? links
    : `${links}:${a1(r.rij + r.rijen - 1, r.kolom + r.kolommen - 1)}`;
}

/** How Excel writes a sheet in an address: plain for a simple name (dots allowed), else quoted. */
function bladVoorvoegsel(naam: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(naam) ? naam : bladTussenQuotes(naam);
}

function gelijkeNaam(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

const GETAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Setup value for a cell in tests: a constant, or a formula with its cached result. */
export type FakeInvoer = FakeWaarde | null | { formule: string; waarde?: FakeWaarde };

/** The workbook model: sheets with cells, tables, defined names and charts. */
export class FakeWerkmap {
  readonly bladen: FakeBlad[] = [];
  readonly tabellen: FakeTabel[] = [];
  readonly namen: FakeNaam[] = [];

  constructor(bladen: readonly string[] = ["Blad1"]) {
    for (const b of bladen) this.voegBladToe(b);
  }

  voegBladToe(naam: string): FakeBlad {
    if (this.zoekBlad(naam)) throw new FakeExcelFout("ItemAlreadyExists", `blad ${naam}`);
    if (naam.length === 0 || naam.length > 31 || /[[\]:*?/\\]/.test(naam)) {
      throw new FakeExcelFout("InvalidArgument", `ongeldige bladnaam ${naam}`);
    }
    const b = new FakeBlad(naam);
    this.bladen.push(b);
    return b;
  }

  zoekBlad(naam: string): FakeBlad | undefined {
    return this.bladen.find((b) => gelijkeNaam(b.naam, naam));
  }

  blad(naam: string): FakeBlad {
    const b = this.zoekBlad(naam);
    if (!b) throw new Error(`fake: geen blad ${naam}`);
    return b;
  }

  // ---- setup helpers (direct, not through Office.js)

  zet(blad: string, adres: string, invoer: FakeInvoer, notatie?: string): void {
    const b = this.blad(blad);
    if (invoer === null || invoer === "") {
      const c = b.cellen.get(adres);
      if (c) {
        delete c.waarde;
        delete c.formule;
      }
    } else {
      const c: FakeCel = b.cellen.get(adres) ?? {};
      if (typeof invoer === "object") {
        c.formule = invoer.formule;
        if (invoer.waarde !== undefined) c.waarde = invoer.waarde;
      } else {
        c.waarde = invoer;
        delete c.formule;
      }
      b.cellen.set(adres, c);
    }
    if (notatie !== undefined) {
      const c = b.cellen.get(adres) ?? {};
      c.notatie = notatie;
      b.cellen.set(adres, c);
    }
  }

  zetRijen(blad: string, start: string, rijen: readonly (readonly FakeInvoer[])[]): void {
    const s = parseerBereik(start).rechthoek;
    rijen.forEach((rij, i) => rij.forEach((v, j) => this.zet(blad, a1(s.rij + i, s.kolom + j), v)));
  }

  voegTabelToe(
    naam: string,
    blad: string,
    start: string,
    koppen: readonly string[],
    rijen: readonly (readonly FakeInvoer[])[],
  ): FakeTabel {
    const s = parseerBereik(start).rechthoek;
    this.zetRijen(blad, start, [koppen, ...rijen]);
    const t: FakeTabel = {
      naam,
      blad: this.blad(blad),
      rij: s.rij,
      kolom: s.kolom,
      rijen: 1 + Math.max(1, rijen.length),
      kolommen: koppen.length,
      showTotals: false,
    };
    this.controleerTabel(t, undefined);
    this.controleerNaamVrij(naam);
    this.tabellen.push(t);
    return t;
  }

  voegNaamToe(naam: string, doel: { blad: string; adres: string } | { formule: string }): void {
    this.controleerNaamVrij(naam);
    if ("formule" in doel) {
      this.namen.push({ naam, formule: doel.formule });
    } else {
      const r = parseerBereik(doel.adres).rechthoek;
      const maat = r.rijen === 1 && r.kolommen === 1 ? {} : { rijen: r.rijen, kolommen: r.kolommen };
      this.namen.push({ naam, blad: this.blad(doel.blad), rij: r.rij, kolom: r.kolom, ...maat });
    }
  }

  // ---- reading helpers for assertions

  cel(blad: string, adres: string): FakeCel | undefined {
    return this.blad(blad).cellen.get(adres);
  }

  /** The value as Office.js `values` returns it ("" for empty). */
  waarde(blad: string, adres: string): FakeWaarde {
    return this.cel(blad, adres)?.waarde ?? "";
  }

  /** The formula ("=…"), or undefined for a constant or empty cell. */
  formule(blad: string, adres: string): string | undefined {
    return this.cel(blad, adres)?.formule;
  }

  notatie(blad: string, adres: string): string {
    return this.cel(blad, adres)?.notatie ?? "General";
  }

  /** Per cell of a range: the formula for a formula cell, else the value ("" for empty) — like `Range.formulas`. */
  formules(blad: string, adres: string): FakeWaarde[][] {
    const r = parseerBereik(adres).rechthoek;
    return Array.from({ length: r.rijen }, (_, i) =>
      Array.from({ length: r.kolommen }, (_, j) => {
        const c = this.cel(blad, a1(r.rij + i, r.kolom + j));
        return c?.formule ?? c?.waarde ?? "";
      }),
    );
  }

  waarden(blad: string, adres: string): FakeWaarde[][] {
    const r = parseerBereik(adres).rechthoek;
    return Array.from({ length: r.rijen }, (_, i) =>
      Array.from({ length: r.kolommen }, (_, j) => this.waarde(blad, a1(r.rij + i, r.kolom + j))),
    );
  }

  tabel(naam: string): FakeTabel | undefined {
    return this.tabellen.find((t) => gelijkeNaam(t.naam, naam));
  }

  /** "Blad!A5:D25" of a table (header + body). */
  tabelAdres(naam: string): string | undefined {
    const t = this.tabel(naam);
    return t ? `${t.blad.naam}!${rechthoekAdres(t)}` : undefined;
  }

  naam(naam: string): FakeNaam | undefined {
    return this.namen.find((n) => gelijkeNaam(n.naam, naam));
  }

  /** A deterministic JSON snapshot of everything (to compare two runs). */
  momentopname(): string {
    return JSON.stringify({
      bladen: this.bladen.map((b) => ({
        naam: b.naam,
        cellen: [...b.cellen.entries()]
          .sort(([x], [y]) => x.localeCompare(y))
          .map(([a, c]) => [a, c.waarde, c.formule, c.notatie, c.vet, c.vulling, c.terugloop, c.uitlijning]),
        notities: [...b.notities.entries()].sort(([x], [y]) => x.localeCompare(y)),
        breedtes: [...b.kolomBreedtes.entries()].sort(([x], [y]) => x - y),
        grafieken: b.grafieken,
        validaties: [...b.validaties.entries()].sort(([x], [y]) => x.localeCompare(y)),
        opmaak: b.opmaak,
        bevroren: b.bevroren,
        verborgen: [...b.verborgenKolommen].sort((x, y) => x - y),
        afdruk: b.afdruk,
        paginaEinden: b.paginaEinden,
      })),
      tabellen: this.tabellen.map((t) => ({ ...t, blad: t.blad.naam })),
      namen: this.namen.map((n) => ({ ...n, blad: n.blad?.naam })),
    });
  }

  /**
   * Excel's "insert table column" (see the header): the new column's index in the table and its header.
   * Used by `table.columns.add`, and directly by tests as the user's edit.
   */
  voegTabelKolomIn(
    t: FakeTabel,
    index?: number | null,
    waarden?: readonly (readonly FakeWaarde[])[],
    naam?: string,
  ): { index: number; kop: string } {
    const i = index === undefined || index === null || index === -1 ? t.kolommen : index;
    if (!Number.isInteger(i) || i < 0 || i > t.kolommen)
      throw new FakeExcelFout("InvalidArgument", `kolomindex ${i}`);
    const lijfRijen = t.rijen - 1 - (t.showTotals ? 1 : 0);
    if (waarden !== undefined && (waarden.length !== 1 + lijfRijen || waarden.some((r) => r.length !== 1)))
      throw new FakeExcelFout("InvalidArgument", `waarden passen niet op ${1 + lijfRijen} rijen × 1 kolom`);
    const band = { van: t.rij, tot: t.rij + t.rijen - 1, kolom: t.kolom + i };
    const botsing = this.tabellen.find(
      (x) =>
        x !== t &&
        x.blad === t.blad &&
        x.rij <= band.tot &&
        x.rij + x.rijen - 1 >= band.van &&
        x.kolom + x.kolommen - 1 >= band.kolom,
    );
    if (botsing)
      throw new FakeExcelFout("InvalidOperation", `zou cellen van tabel ${botsing.naam} verschuiven`);
    const schuif = <W>(m: Map<string, W>): void => {
      const mee = [...m].filter(([a]) => {
        const p = parseerBereik(a).rechthoek;
        return p.rij >= band.van && p.rij <= band.tot && p.kolom >= band.kolom;
      });
      for (const [a] of mee) m.delete(a);
      for (const [a, w] of mee) {
        const p = parseerBereik(a).rechthoek;
        m.set(a1(p.rij, p.kolom + 1), w);
      }
    };
    schuif(t.blad.cellen);
    schuif(t.blad.notities);
    schuif(t.blad.validaties);
    for (const o of t.blad.opmaak) {
      const r = o.rechthoek;
      if (r.rij > band.tot || r.rij + r.rijen - 1 < band.van || r.kolom + r.kolommen - 1 < band.kolom)
        continue;
      // A format right of the new column moves with its cells; one across it grows by the column.
      if (o.formule !== undefined) o.formule = verschuifFormule(o.formule, t.blad, t.blad, band, this);
      if (r.kolom >= band.kolom) r.kolom += 1;
      else r.kolommen += 1;
    }
    this.verschuifVerwijzingen(t.blad, band);
    t.kolommen += 1;
    const koppen = new Set(
      Array.from({ length: t.kolommen }, (_, j) =>
        String(this.waarde(t.blad.naam, a1(t.rij, t.kolom + j))),
      ).map((k) => k.toLowerCase()),
    );
    let kop = naam ?? (waarden?.[0]?.[0] !== undefined ? String(waarden[0][0]) : "");
    if (kop === "") {
      let n = 1;
      while (koppen.has(`column${n}`)) n++;
      kop = `Column${n}`;
    } else if (koppen.has(kop.toLowerCase())) {
      let n = 2;
      while (koppen.has(`${kop}${n}`.toLowerCase())) n++;
      kop = `${kop}${n}`;
    }
    const kolom = band.kolom;
    this.blad(t.blad.naam).cellen.set(a1(t.rij, kolom), { waarde: kop });
    waarden?.slice(1).forEach(([v], r) => {
      if (v === undefined || v === "") return;
      const cel: FakeCel = {};
      typ(cel, v);
      t.blad.cellen.set(a1(t.rij + 1 + r, kolom), cel);
    });
    return { index: i, kop };
  }

  /** After cells of `blad` in rows van..tot from `kolom` moved one column right: every A1 reference follows. */
  private verschuifVerwijzingen(blad: FakeBlad, band: { van: number; tot: number; kolom: number }): void {
    for (const b of this.bladen) {
      for (const cel of b.cellen.values()) {
        if (cel.formule !== undefined) cel.formule = verschuifFormule(cel.formule, b, blad, band, this);
      }
      for (const g of b.grafieken) {
        for (const r of g.reeksen) {
          if (r.waarden) r.waarden = verschuifFormule(r.waarden, b, blad, band, this);
          if (r.categorieen) r.categorieen = verschuifFormule(r.categorieen, b, blad, band, this);
        }
      }
    }
    for (const n of this.namen) {
      const { rij, kolom } = n;
      if (
        n.blad === blad &&
        rij !== undefined &&
        kolom !== undefined &&
        rij >= band.van &&
        rij <= band.tot &&
        kolom >= band.kolom
      )
        n.kolom = kolom + 1;
    }
  }

  // ---- rules

  controleerNaamVrij(naam: string, behalve?: object): void {
    if (
      this.tabellen.some((t) => t !== behalve && gelijkeNaam(t.naam, naam)) ||
      this.namen.some((n) => n !== behalve && gelijkeNaam(n.naam, naam))
    ) {
      throw new FakeExcelFout("ItemAlreadyExists", `naam ${naam} bestaat al`);
    }
  }

  controleerTabel(t: FakeTabel, behalve: FakeTabel | undefined): void {
    const botsing = this.tabellen.find(
      (x) => x !== behalve && x !== t && x.blad === t.blad && overlapt(x, t),
    );
    if (botsing) throw new FakeExcelFout("InvalidArgument", `tabel overlapt tabel ${botsing.naam}`);
  }
}

/**
 * A formula (or a range text such as "Blad!B4:B21") with every A1 reference into the moved cells of `doel` (rows
 * van..tot, from column `kolom`) one column further right; string literals, structured references, names and
 * function names are left alone. `eigen` is the sheet the formula is on (for references without a sheet).
 */
function verschuifFormule(
  formule: string,
  eigen: FakeBlad,
  doel: FakeBlad,
  band: { van: number; tot: number; kolom: number },
  wm: FakeWerkmap,
): string {
  const re =
    /(?<![\w.$'\]])((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?(?![\w(.![])/g;
  const deel = (tekst: string): string =>
    tekst.replace(
      re,
      (
        heel,
        voor: string | undefined,
        d1: string,
        k1: string,
        e1: string,
        r1: string,
        d2?: string,
        k2?: string,
        e2?: string,
        r2?: string,
      ) => {
        const naam =
          voor === undefined
            ? eigen.naam
            : voor
                .slice(0, -1)
                .replace(/^'(.*)'$/, "$1")
                .replace(/''/g, "'");
        if (wm.zoekBlad(naam) !== doel) return heel;
        const hoek = (d: string, k: string, e: string, r: string): string => {
          const rij = Number(r);
          const kol = kolomNummer(k);
          const mee = rij >= band.van && rij <= band.tot && kol >= band.kolom;
          return `${d}${mee ? kolomLetters(kol + 1) : k}${e}${r}`;
        };
        const tweede = k2 !== undefined && r2 !== undefined ? `:${hoek(d2 ?? "", k2, e2 ?? "", r2)}` : "";
        return `${voor ?? ""}${hoek(d1, k1, e1, r1)}${tweede}`;
      },
    );
  // Only outside string literals.
  return formule
    .split(/("(?:[^"]|"")*")/)
    .map((stuk, i) => (i % 2 === 1 ? stuk : deel(stuk)))
    .join("");
}

/** What a Range proxy points at. */
interface BereikDoel {
  blad: FakeBlad;
  rechthoek: FakeRechthoek;
}

type Resolver<T> = () => T | null;

function fout(code: string, bericht: string): FakeExcelFout {
  return new FakeExcelFout(code, bericht);
}

/** Base of every proxy: lazy target, loading, null objects. */
abstract class FakeObject<T> {
  private readonly geladen = new Map<string, unknown>();
  private nullStatus: boolean | undefined;
  private readonly navigatie = new Map<string, FakeObject<unknown>>();

  constructor(
    protected readonly fx: FakeExcel,
    protected readonly zoek: Resolver<T>,
    protected readonly omschrijving: string,
    protected readonly ofNull = false,
    /** false: a null object found through a navigation load (`customOrNullObject`), not by a command of its own. */
    eigenOpdracht = true,
  ) {
    if (ofNull && eigenOpdracht) {
      fx.voegToe("getItemOrNullObject", omschrijving, () => {
        this.nullStatus = this.zoek() === null;
      });
    }
  }

  protected doel(): T {
    const d = this.zoek();
    if (d === null)
      throw fout(this.ofNull ? "InvalidOperation" : "ItemNotFound", `${this.omschrijving} bestaat niet`);
    return d;
  }

  protected abstract lees(eigenschap: string, doel: T): unknown;

  protected navigeer(eigenschap: string): FakeObject<unknown> | undefined {
    void eigenschap;
    return undefined;
  }

  protected nav<P extends FakeObject<unknown>>(eigenschap: string, maak: () => P): P {
    let p = this.navigatie.get(eigenschap);
    if (!p) {
      p = maak();
      this.navigatie.set(eigenschap, p);
    }
    return p as P;
  }

  load(eigenschappen?: string | string[] | { select?: string }): this {
    const tekst = Array.isArray(eigenschappen)
      ? eigenschappen.join(",")
      : typeof eigenschappen === "string"
        ? eigenschappen
        : (eigenschappen?.select ?? "");
    const paden = tekst
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "");
    this.fx.voegToe("load", this.omschrijving, () => this.laad(paden), paden);
    return this;
  }

  /** Runs at sync. */
  laad(paden: readonly string[]): void {
    const d = this.zoek();
    if (d === null) {
      if (!this.ofNull) throw fout("ItemNotFound", `${this.omschrijving} bestaat niet`);
      this.nullStatus = true;
      return;
    }
    if (this.ofNull) this.nullStatus = false;
    // Paths through one navigation property are loaded together ("areas/items/address, areas/items/formulas").
    const genest = new Map<string, string[]>();
    for (const pad of paden) {
      const [kop = "", ...rest] = pad.split("/");
      if (rest.length > 0) {
        genest.set(kop, [...(genest.get(kop) ?? []), rest.join("/")]);
      } else {
        const n = this.navigeer(kop);
        if (n) throw fout("InvalidArgument", `${this.omschrijving}: ${kop} is een object, geen eigenschap`);
        const waarde = this.lees(kop, d);
        this.fx.telAntwoord(waarde);
        this.geladen.set(kop, waarde);
      }
    }
    for (const [kop, rest] of genest) {
      const n = this.navigeer(kop);
      if (!n) throw fout("InvalidArgument", `${this.omschrijving}: geen navigatie ${kop}`);
      n.laad(rest);
    }
  }

  get isNullObject(): boolean {
    if (this.nullStatus === undefined)
      throw fout("PropertyNotLoaded", `${this.omschrijving}.isNullObject (nog geen sync)`);
    return this.nullStatus;
  }

  protected geladenWaarde<W>(eigenschap: string): W {
    if (!this.geladen.has(eigenschap)) {
      throw fout("PropertyNotLoaded", `${this.omschrijving}.${eigenschap} is niet geladen`);
    }
    return this.geladen.get(eigenschap) as W;
  }

  /** How the log names the target (resolved at sync). */
  protected beschrijf(): string {
    return this.omschrijving;
  }

  /** Queue a command on the target. */
  protected opdracht(actie: string, uitvoeren: (doel: T) => number | void, details?: unknown): void {
    this.fx.voegToe(
      actie,
      () => this.beschrijf(),
      () => uitvoeren(this.doel()),
      details,
    );
  }
}

abstract class FakeCollectie<M, P extends FakeObject<unknown>> extends FakeObject<M[]> {
  private geladenItems: P[] | undefined;

  protected abstract item(m: M): P;

  get items(): P[] {
    if (!this.geladenItems) throw fout("PropertyNotLoaded", `${this.omschrijving}.items is niet geladen`);
    return this.geladenItems;
  }

  protected lees(eigenschap: string, doel: M[]): unknown {
    if (eigenschap === "count") return doel.length;
    throw fout("InvalidArgument", `${this.omschrijving}.${eigenschap}`);
  }

  override laad(paden: readonly string[]): void {
    const lijst = this.doel();
    const items = lijst.map((m) => this.item(m));
    for (const pad of paden) {
      if (pad === "count") continue;
      const sub = pad.startsWith("items/") ? pad.slice("items/".length) : pad === "items" ? "" : pad;
      if (sub !== "") for (const i of items) i.laad([sub]);
    }
    this.geladenItems = items;
  }
}

// ---------------------------------------------------------------- ranges

class FakeBereik extends FakeObject<BereikDoel> {
  readonly format: FakeBereikOpmaak;

  constructor(fx: FakeExcel, zoek: Resolver<BereikDoel>, omschrijving: string, ofNull = false) {
    super(fx, zoek, omschrijving, ofNull);
    this.format = new FakeBereikOpmaak(this, fx);
  }

  /** For other proxies: the target at execution time. */
  bereikDoel(): BereikDoel {
    return this.doel();
  }

  /** ExcelApi 1.8. */
  get dataValidation(): FakeValidatieProxy {
    return this.nav(
      "dataValidation",
      () => new FakeValidatieProxy(this.fx, () => this.zoek(), `${this.omschrijving}.dataValidation`),
    );
  }

  /** ExcelApi 1.6. */
  get conditionalFormats(): FakeOpmaakCollectie {
    return this.nav(
      "conditionalFormats",
      () => new FakeOpmaakCollectie(this.fx, () => this.zoek(), `${this.omschrijving}.conditionalFormats`),
    );
  }

  /** ExcelApi 1.2: hides (shows) the whole columns of the range. */
  get columnHidden(): boolean {
    return this.geladenWaarde("columnHidden");
  }
  set columnHidden(v: boolean) {
    this.opdracht(
      "columnHidden",
      (d) => {
        for (let k = d.rechthoek.kolom; k < d.rechthoek.kolom + d.rechthoek.kolommen; k++) {
          if (v) d.blad.verborgenKolommen.add(k);
          else d.blad.verborgenKolommen.delete(k);
        }
      },
      v,
    );
  }

  protected override beschrijf(): string {
    const d = this.zoek();
    return d ? bereikTekst(d) : this.omschrijving;
  }

  protected override navigeer(eigenschap: string): FakeObject<unknown> | undefined {
    if (eigenschap === "worksheet") return this.worksheet;
    if (eigenschap === "dataValidation") return this.dataValidation;
    if (eigenschap === "conditionalFormats") return this.conditionalFormats;
    return undefined;
  }

  get worksheet(): FakeWerkblad {
    return this.nav(
      "worksheet",
      () => new FakeWerkblad(this.fx, () => this.zoek()?.blad ?? null, `${this.omschrijving}.worksheet`),
    );
  }

  protected lees(eigenschap: string, d: BereikDoel): unknown {
    const r = d.rechthoek;
    const cellen = (f: (c: FakeCel | undefined) => unknown): unknown[][] => {
      const aantal = r.rijen * r.kolommen;
      if (aantal > 5_000_000) throw fout("RangeExceedsLimit", `${aantal} cellen lezen`);
      // At least `""`, (3 bytes) per cell, `"General",` (10) for number formats: over the budget without counting.
      const minimaal = aantal * (eigenschap === "numberFormat" ? 10 : 3);
      if (minimaal > this.fx.payloadGrens)
        throw fout("ResponsePayloadSizeLimitExceeded", `${aantal} cellen lezen (${eigenschap})`);
      if (r.rijen > 100_000) throw fout("NotImplemented", "fake: te groot bereik om te lezen");
      return Array.from({ length: r.rijen }, (_, i) =>
        Array.from({ length: r.kolommen }, (_, j) => f(d.blad.cellen.get(a1(r.rij + i, r.kolom + j)))),
      );
    };
    switch (eigenschap) {
      case "values":
        return cellen((c) => c?.waarde ?? "");
      case "formulas":
        return cellen((c) => c?.formule ?? c?.waarde ?? "");
      case "numberFormat":
        return cellen((c) => c?.notatie ?? "General");
      case "rowIndex":
        return r.rij - 1;
      case "columnIndex":
        return r.kolom - 1;
      case "rowCount":
        return r.rijen;
      case "columnCount":
        return r.kolommen;
      case "address":
        return `${bladVoorvoegsel(d.blad.naam)}!${rechthoekAdres(r)}`;
      case "columnHidden": {
        for (let k = r.kolom; k < r.kolom + r.kolommen; k++)
          if (!d.blad.verborgenKolommen.has(k)) return false;
        return true;
      }
      default:
        throw fout("InvalidArgument", `fake Range kent ${eigenschap} niet`);
    }
  }

  get values(): unknown[][] {
    return this.geladenWaarde("values");
  }
  set values(m: unknown[][]) {
    this.schrijf("values", m);
  }
  get formulas(): unknown[][] {
    return this.geladenWaarde("formulas");
  }
  set formulas(m: unknown[][]) {
    this.schrijf("formulas", m);
  }
  get numberFormat(): unknown[][] {
    return this.geladenWaarde("numberFormat");
  }
  set numberFormat(m: unknown[][]) {
    const kopie = m.map((r) => [...r]);
    this.opdracht(
      "numberFormat",
      (d) => {
        schrijfbaar(d.blad);
        this.voorElkeCel(d, kopie, (cel, v) => {
          if (v === null) return;
          if (typeof v !== "string") throw fout("InvalidArgument", `numberFormat ${String(v)}`);
          cel.notatie = v;
        });
      },
      kopie,
    );
  }
  get rowIndex(): number {
    return this.geladenWaarde("rowIndex");
  }
  get columnIndex(): number {
    return this.geladenWaarde("columnIndex");
  }
  get rowCount(): number {
    return this.geladenWaarde("rowCount");
  }
  get columnCount(): number {
    return this.geladenWaarde("columnCount");
  }
  get address(): string {
    return this.geladenWaarde("address");
  }

  getResizedRange(deltaRijen: number, deltaKolommen: number): FakeBereik {
    return new FakeBereik(
      this.fx,
      () => {
        const d = this.zoek();
        if (!d) return null;
        const r = {
          ...d.rechthoek,
          rijen: d.rechthoek.rijen + deltaRijen,
          kolommen: d.rechthoek.kolommen + deltaKolommen,
        };
        if (r.rijen < 1 || r.kolommen < 1 || r.rij + r.rijen - 1 > MAX_RIJEN) {
          throw fout("InvalidArgument", `getResizedRange(${deltaRijen}, ${deltaKolommen})`);
        }
        return { blad: d.blad, rechthoek: r };
      },
      `${this.omschrijving}.getResizedRange(${deltaRijen},${deltaKolommen})`,
    );
  }

  /** ExcelApi 1.1: the cell at (row, column) relative to the range's top-left cell. */
  getCell(rij: number, kolom: number): FakeBereik {
    return new FakeBereik(
      this.fx,
      () => {
        const d = this.zoek();
        if (!d) return null;
        return {
          blad: d.blad,
          rechthoek: { rij: d.rechthoek.rij + rij, kolom: d.rechthoek.kolom + kolom, rijen: 1, kolommen: 1 },
        };
      },
      `${this.omschrijving}.getCell(${rij},${kolom})`,
    );
  }

  /** ExcelApi 1.1: the rectangle both ranges cover; none (or another sheet) fails with ItemNotFound. */
  getIntersection(ander: FakeBereik | string): FakeBereik {
    return new FakeBereik(
      this.fx,
      () => {
        const d = this.zoek();
        if (!d) return null;
        const o = bereikVan(this.fx, ander, () => d.blad);
        const [a, b] = [d.rechthoek, o.rechthoek];
        const rij = Math.max(a.rij, b.rij);
        const kolom = Math.max(a.kolom, b.kolom);
        const rijen = Math.min(a.rij + a.rijen, b.rij + b.rijen) - rij;
        const kolommen = Math.min(a.kolom + a.kolommen, b.kolom + b.kolommen) - kolom;
        if (o.blad !== d.blad || rijen < 1 || kolommen < 1)
          throw fout("ItemNotFound", `geen doorsnede van ${bereikTekst(d)} en ${bereikTekst(o)}`);
        return { blad: d.blad, rechthoek: { rij, kolom, rijen, kolommen } };
      },
      `${this.omschrijving}.getIntersection()`,
    );
  }

  /** Excel's "current region": grown from the top-left cell while a neighbouring row or column holds something. */
  getSurroundingRegion(): FakeBereik {
    return new FakeBereik(
      this.fx,
      () => {
        const d = this.zoek();
        if (!d) return null;
        const gevuld = (r: number, k: number): boolean => {
          if (r < 1 || k < 1) return false;
          const c = d.blad.cellen.get(a1(r, k));
          return !!c && (c.formule !== undefined || (c.waarde !== undefined && c.waarde !== ""));
        };
        let [r1, r2, k1, k2] = [d.rechthoek.rij, d.rechthoek.rij, d.rechthoek.kolom, d.rechthoek.kolom];
        const rijGevuld = (r: number): boolean => {
          for (let k = k1 - 1; k <= k2 + 1; k++) if (gevuld(r, k)) return true;
          return false;
        };
        const kolomGevuld = (k: number): boolean => {
          for (let r = r1 - 1; r <= r2 + 1; r++) if (gevuld(r, k)) return true;
          return false;
        };
        for (let veranderd = true; veranderd;) {
          veranderd = false;
          if (r1 > 1 && rijGevuld(r1 - 1)) [r1, veranderd] = [r1 - 1, true];
          if (rijGevuld(r2 + 1)) [r2, veranderd] = [r2 + 1, true];
          if (k1 > 1 && kolomGevuld(k1 - 1)) [k1, veranderd] = [k1 - 1, true];
          if (kolomGevuld(k2 + 1)) [k2, veranderd] = [k2 + 1, true];
        }
        return { blad: d.blad, rechthoek: { rij: r1, kolom: k1, rijen: r2 - r1 + 1, kolommen: k2 - k1 + 1 } };
      },
      `${this.omschrijving}.getSurroundingRegion()`,
    );
  }

  clear(applyTo: string = "All"): void {
    this.opdracht(
      "clear",
      (d) => {
        schrijfbaar(d.blad);
        const r = d.rechthoek;
        for (const [adres, cel] of [...d.blad.cellen]) {
          const { rechthoek: p } = parseerBereik(adres);
          if (!overlapt(p, r)) continue;
          if (applyTo === "All") d.blad.cellen.delete(adres);
          if (applyTo === "Contents") {
            delete cel.waarde;
            delete cel.formule;
          }
          if (applyTo === "Formats") {
            delete cel.notatie;
            delete cel.vet;
            delete cel.vulling;
            delete cel.terugloop;
            delete cel.uitlijning;
          }
        }
        if (applyTo === "All") {
          for (const m of [d.blad.notities, d.blad.validaties])
            for (const adres of [...m.keys()])
              if (overlapt(parseerBereik(adres).rechthoek, r)) m.delete(adres);
        }
      },
      applyTo,
    );
  }

  private schrijf(actie: "values" | "formulas", m: unknown[][]): void {
    const kopie = m.map((r) => [...r]);
    this.opdracht(
      actie,
      (d) => {
        let n = 0;
        schrijfbaar(d.blad);
        this.voorElkeCel(d, kopie, (cel, v, adres) => {
          if (v === null) return;
          if (actie === "formulas" && typeof v === "string" && v.startsWith("=") && cel.notatie !== "@")
            this.fx.herschreven.push({
              sync: this.fx.syncs,
              blad: d.blad.naam,
              adres,
              formule: v,
              ...(cel.formule !== undefined ? { was: cel.formule } : {}),
            });
          typ(cel, v);
          n++;
        });
        if (this.fx.autoUitbreiden) breidTabellenUit(this.fx, d, kopie);
        return n;
      },
      kopie,
    );
  }

  private voorElkeCel(
    d: BereikDoel,
    m: unknown[][],
    f: (cel: FakeCel, v: unknown, adres: string) => void,
  ): void {
    const r = d.rechthoek;
    if (m.length !== r.rijen || m.some((rij) => rij.length !== r.kolommen)) {
      throw fout("InvalidArgument", `matrix past niet op ${rechthoekAdres(r)} (${r.rijen}×${r.kolommen})`);
    }
    m.forEach((rij, i) =>
      rij.forEach((v, j) => {
        const adres = a1(r.rij + i, r.kolom + j);
        const cel = d.blad.cellen.get(adres) ?? {};
        f(cel, v, adres);
        const leeg = cel.waarde === undefined && cel.formule === undefined && cel.notatie === undefined;
        if (leeg && !cel.vet && cel.vulling === undefined && cel.terugloop === undefined) {
          d.blad.cellen.delete(adres);
        } else {
          d.blad.cellen.set(adres, cel);
        }
      }),
    );
  }
}

/** A protected sheet refuses every change (Office.js: AccessDenied). */
function schrijfbaar(blad: FakeBlad): void {
  if (blad.beveiligd) throw fout("AccessDenied", `blad ${blad.naam} is beveiligd`);
}

/**
 * AutoExpand (only when `FakeExcel.autoUitbreiden`, see the header): a table without a totals row whose row directly
 * below got a non-empty value from this write grows by that row; a calculated column fills the new empty cell.
 */
function breidTabellenUit(fx: FakeExcel, d: BereikDoel, m: unknown[][]): void {
  const r = d.rechthoek;
  for (const t of fx.werkmap.tabellen) {
    if (t.blad !== d.blad || t.showTotals) continue;
    const onder = t.rij + t.rijen;
    const i = onder - r.rij;
    const rij = m[i];
    if (!rij) continue;
    const geraakt = rij.some((v, j) => {
      const k = r.kolom + j;
      return k >= t.kolom && k < t.kolom + t.kolommen && v !== null && v !== "";
    });
    const groter = { ...t, rijen: t.rijen + 1 };
    if (!geraakt || fx.werkmap.tabellen.some((x) => x !== t && x.blad === t.blad && overlapt(x, groter)))
      continue;
    t.rijen += 1;
    for (let k = t.kolom; k < t.kolom + t.kolommen; k++) {
      const boven = t.blad.cellen.get(a1(onder - 1, k))?.formule;
      const cel = t.blad.cellen.get(a1(onder, k)) ?? {};
      if (boven === undefined || cel.formule !== undefined || (cel.waarde !== undefined && cel.waarde !== ""))
        continue;
      cel.formule = boven;
      t.blad.cellen.set(a1(onder, k), cel);
    }
    fx.log.push({ sync: fx.syncs, actie: "autoUitbreiden", doel: `${t.naam} → ${rechthoekAdres(t)}` });
  }
}

/** Writing one value into a cell as Excel does when it is "typed" through Range.values/formulas. */
function typ(cel: FakeCel, v: unknown): void {
  if (v === null || v === undefined) {
    throw fout(
      "InvalidArgument",
      'null in een geschreven matrix laat de cel ongewijzigd; schrijf "" om te wissen',
    );
  }
  delete cel.waarde;
  delete cel.formule;
  const tekst = cel.notatie === "@";
  if (typeof v === "number") {
    cel.waarde = tekst ? String(v) : v;
  } else if (typeof v === "boolean") {
    cel.waarde = v;
  } else if (typeof v === "string") {
    if (v === "") return;
    if (tekst) cel.waarde = v;
    else if (v.startsWith("=")) cel.formule = v;
    else if (GETAL.test(v)) cel.waarde = Number(v);
    else if (/^[+-]/.test(v)) cel.formule = `=${v}`;
    else if (/^(true|false)$/i.test(v)) cel.waarde = v.toLowerCase() === "true";
    else cel.waarde = v;
  } else {
    throw fout("InvalidArgument", `waarde van type ${typeof v}`);
  }
}

class FakeBereikOpmaak {
  readonly font: { bold: boolean };

  constructor(
    private readonly bereik: FakeBereik,
    private readonly fx: FakeExcel,
  ) {
    const b = bereik;
    const f = fx;
    this.font = {
      set bold(v: boolean) {
        f.voegToe(
          "bold",
          () => bereikTekst(b.bereikDoel()),
          () => {
            const d = b.bereikDoel();
            schrijfbaar(d.blad);
            const r = d.rechthoek;
            for (let i = 0; i < r.rijen; i++) {
              for (let j = 0; j < r.kolommen; j++) {
                const adres = a1(r.rij + i, r.kolom + j);
                const cel = d.blad.cellen.get(adres) ?? {};
                cel.vet = v;
                d.blad.cellen.set(adres, cel);
              }
            }
          },
        );
      },
      get bold(): boolean {
        throw fout("PropertyNotLoaded", "format.font.bold");
      },
    };
  }

  /** Per cell of the range. */
  private celOpmaak(actie: string, f: (c: FakeCel) => void, details: unknown): void {
    this.fx.voegToe(
      actie,
      () => bereikTekst(this.bereik.bereikDoel()),
      () => {
        const d = this.bereik.bereikDoel();
        schrijfbaar(d.blad);
        const r = d.rechthoek;
        if (r.rijen * r.kolommen > 100_000) throw fout("NotImplemented", "fake: te groot bereik voor opmaak");
        for (let i = 0; i < r.rijen; i++) {
          for (let j = 0; j < r.kolommen; j++) {
            const adres = a1(r.rij + i, r.kolom + j);
            const cel = d.blad.cellen.get(adres) ?? {};
            f(cel);
            d.blad.cellen.set(adres, cel);
          }
        }
      },
      details,
    );
  }

  set wrapText(v: boolean) {
    this.celOpmaak("wrapText", (c) => void (c.terugloop = v), v);
  }
  set verticalAlignment(v: string) {
    if (!["Top", "Center", "Bottom", "Justify", "Distributed"].includes(v))
      throw fout("InvalidArgument", `verticalAlignment ${v}`);
    this.celOpmaak("verticalAlignment", (c) => void (c.uitlijning = v), v);
  }
  /** ExcelApi 1.2. Only recorded: the fake measures no text. */
  autofitRows(): void {
    this.fx.voegToe(
      "autofitRows",
      () => bereikTekst(this.bereik.bereikDoel()),
      () => void this.bereik.bereikDoel(),
    );
  }

  set columnWidth(punten: number) {
    this.fx.voegToe(
      "columnWidth",
      () => bereikTekst(this.bereik.bereikDoel()),
      () => {
        const d = this.bereik.bereikDoel();
        for (let k = d.rechthoek.kolom; k < d.rechthoek.kolom + d.rechthoek.kolommen; k++)
          d.blad.kolomBreedtes.set(k, punten);
      },
      punten,
    );
  }
  get columnWidth(): number {
    throw fout("PropertyNotLoaded", "format.columnWidth");
  }
}

// ---------------------------------------------------------------- guard rails and print (ExcelApi 1.6–1.9)

const GEGEVENSVALIDATIE_SOORTEN = ["custom", "date", "decimal", "list", "textLength", "time", "wholeNumber"];
const OPERATOREN = [
  "Between",
  "NotBetween",
  "EqualTo",
  "NotEqualTo",
  "GreaterThan",
  "LessThan",
  "GreaterThanOrEqualTo",
  "LessThanOrEqualTo",
];

/** What Excel refuses of a data validation rule (one criterion; operands; Excel's 255-character list limit). */
function controleerRegel(regel: Excel.DataValidationRule): void {
  const soorten = Object.entries(regel).filter(([, v]) => v !== undefined && v !== null);
  if (soorten.length !== 1 || !GEGEVENSVALIDATIE_SOORTEN.includes(soorten[0]?.[0] ?? ""))
    throw fout("InvalidArgument", "een gegevensvalidatieregel heeft precies één criterium");
  if (regel.wholeNumber || regel.decimal) {
    const b = (regel.wholeNumber ?? regel.decimal) as Excel.BasicDataValidation;
    if (!OPERATOREN.includes(String(b.operator)))
      throw fout("InvalidArgument", `operator ${String(b.operator)}`);
    if (b.formula1 === undefined || b.formula1 === "") throw fout("InvalidArgument", "formula1 ontbreekt");
    if (/Between/.test(String(b.operator)) && (b.formula2 === undefined || b.formula2 === ""))
      throw fout("InvalidArgument", "formula2 ontbreekt bij Between");
  } else if (regel.list) {
    const bron = regel.list.source;
    if (typeof bron !== "string" || bron === "" || bron.length > 255)
      throw fout("InvalidArgument", "lijstbron leeg of langer dan 255 tekens");
  } else if (regel.custom) {
    if (!regel.custom.formula) throw fout("InvalidArgument", "formule ontbreekt");
  } else {
    throw fout("NotImplemented", "fake: alleen wholeNumber, decimal, list en custom");
  }
}

/** Excel's limits on the texts of a validation: title 32 characters, message 255. */
function controleerBericht(titel: string | undefined, bericht: string | undefined): void {
  if ((titel ?? "").length > 32) throw fout("InvalidArgument", `titel langer dan 32 tekens: ${titel ?? ""}`);
  if ((bericht ?? "").length > 255) throw fout("InvalidArgument", "bericht langer dan 255 tekens");
}

function nieuweValidatie(): FakeValidatie {
  return {
    negeerLeeg: true,
    prompt: { showPrompt: false, title: "", message: "" },
    foutmelding: { showAlert: true, style: "Stop", title: "", message: "" },
  };
}

/** Range.dataValidation (ExcelApi 1.8): applies to every cell of the range. */
class FakeValidatieProxy extends FakeObject<BereikDoel> {
  protected override beschrijf(): string {
    const d = this.zoek();
    return d ? bereikTekst(d) : this.omschrijving;
  }

  private elkeCel(d: BereikDoel, f: (adres: string) => void): void {
    const r = d.rechthoek;
    if (r.rijen * r.kolommen > 100_000) throw fout("NotImplemented", "fake: te groot bereik voor validatie");
    for (let i = 0; i < r.rijen; i++) for (let j = 0; j < r.kolommen; j++) f(a1(r.rij + i, r.kolom + j));
  }

  private wijzig(actie: string, f: (v: FakeValidatie) => void, details: unknown): void {
    this.opdracht(
      actie,
      (d) =>
        this.elkeCel(d, (a) => {
          const v = d.blad.validaties.get(a) ?? nieuweValidatie();
          f(v);
          d.blad.validaties.set(a, v);
        }),
      details,
    );
  }

  protected lees(eigenschap: string, d: BereikDoel): unknown {
    const lijst: (FakeValidatie | undefined)[] = [];
    this.elkeCel(d, (a) => lijst.push(d.blad.validaties.get(a)));
    const eerste = lijst[0];
    const gelijk = lijst.every((v) => JSON.stringify(v) === JSON.stringify(eerste));
    switch (eigenschap) {
      case "type": {
        if (!gelijk) return "Inconsistent";
        const soort = eerste?.regel ? (Object.keys(eerste.regel)[0] ?? "") : "";
        return soort === "" ? "None" : soort.charAt(0).toUpperCase() + soort.slice(1);
      }
      case "rule":
        return gelijk ? (eerste?.regel ?? {}) : {};
      case "ignoreBlanks":
        return eerste?.negeerLeeg ?? true;
      case "prompt":
        return eerste?.prompt ?? nieuweValidatie().prompt;
      case "errorAlert":
        return eerste?.foutmelding ?? nieuweValidatie().foutmelding;
      default:
        throw fout("InvalidArgument", `fake DataValidation kent ${eigenschap} niet`);
    }
  }

  get type(): string {
    return this.geladenWaarde("type");
  }
  get rule(): Excel.DataValidationRule {
    return this.geladenWaarde("rule");
  }
  set rule(regel: Excel.DataValidationRule) {
    const kopie = JSON.parse(JSON.stringify(regel)) as Excel.DataValidationRule;
    controleerRegel(kopie);
    this.wijzig("dataValidation.rule", (v) => void (v.regel = kopie), kopie);
  }
  set ignoreBlanks(b: boolean) {
    this.wijzig("dataValidation.ignoreBlanks", (v) => void (v.negeerLeeg = b), b);
  }
  set prompt(p: Excel.DataValidationPrompt) {
    controleerBericht(p.title, p.message);
    this.wijzig("dataValidation.prompt", (v) => void (v.prompt = { ...v.prompt, ...p }), p);
  }
  set errorAlert(e: Excel.DataValidationErrorAlert) {
    controleerBericht(e.title, e.message);
    if (e.style !== undefined && !["Stop", "Warning", "Information"].includes(String(e.style)))
      throw fout("InvalidArgument", `stijl ${String(e.style)}`);
    this.wijzig("dataValidation.errorAlert", (v) => void (v.foutmelding = { ...v.foutmelding, ...e }), e);
  }
  clear(): void {
    this.opdracht("dataValidation.clear", (d) => this.elkeCel(d, (a) => void d.blad.validaties.delete(a)));
  }
}

function controleerKleur(kleur: string): void {
  if (!/^#[0-9A-Fa-f]{6}$/.test(kleur) && !/^[A-Za-z]+$/.test(kleur))
    throw fout("InvalidArgument", `kleur ${kleur}`);
}

/** ConditionalFormatRule of a custom format: its formula (en-US, A1, relative to the range's top-left cell). */
class FakeOpmaakRegel extends FakeObject<FakeOpmaak> {
  protected lees(eigenschap: string, o: FakeOpmaak): unknown {
    if (eigenschap === "formula") return o.formule ?? "";
    throw fout("InvalidArgument", `fake ConditionalFormatRule kent ${eigenschap} niet`);
  }
  get formula(): string {
    return this.geladenWaarde("formula");
  }
  set formula(f: string) {
    if (typeof f !== "string" || f.trim() === "") throw fout("InvalidArgument", "lege formule");
    this.opdracht("conditionalFormat.formula", (o) => void (o.formule = f), f);
  }
}

/** CustomConditionalFormat: a rule and the format it gives (fill and font colour). */
class FakeAangepasteOpmaak extends FakeObject<FakeOpmaak> {
  readonly rule: FakeOpmaakRegel;
  readonly format: { fill: { color: string }; font: { color: string } };

  constructor(fx: FakeExcel, zoek: Resolver<FakeOpmaak>, omschrijving: string, ofNull = false) {
    super(fx, zoek, omschrijving, ofNull, false);
    this.rule = new FakeOpmaakRegel(fx, () => this.doel(), `${omschrijving}.rule`);
    const kleur = (soort: "vulling" | "tekstKleur") => ({
      set color(k: string) {
        controleerKleur(k);
        zet(soort, k);
      },
      get color(): string {
        throw fout("PropertyNotLoaded", "format.color");
      },
    });
    const zet = (soort: "vulling" | "tekstKleur", k: string) =>
      this.opdracht(`conditionalFormat.${soort}`, (o) => void (o[soort] = k), k);
    this.format = { fill: kleur("vulling"), font: kleur("tekstKleur") };
  }

  protected override navigeer(eigenschap: string): FakeObject<unknown> | undefined {
    return eigenschap === "rule" ? this.rule : undefined;
  }
  protected lees(eigenschap: string): unknown {
    throw fout("InvalidArgument", `fake CustomConditionalFormat kent ${eigenschap} niet`);
  }
}

/** ConditionalFormat (ExcelApi 1.6). Accessing `custom` of another type fails, as in Excel. */
class FakeOpmaakProxy extends FakeObject<FakeOpmaak> {
  constructor(
    fx: FakeExcel,
    zoek: Resolver<FakeOpmaak>,
    omschrijving: string,
    private readonly blad: () => FakeBlad | null,
  ) {
    super(fx, zoek, omschrijving);
  }

  private eigenAangepast(ofNull: boolean): FakeAangepasteOpmaak {
    const naam = ofNull ? "customOrNullObject" : "custom";
    return this.nav(
      naam,
      () =>
        new FakeAangepasteOpmaak(
          this.fx,
          () => {
            const o = this.zoek();
            if (o && o.soort !== "Custom" && !ofNull) throw fout("InvalidOperation", `geen Custom-opmaak`);
            return o && o.soort === "Custom" ? o : null;
          },
          `${this.omschrijving}.${naam}`,
          ofNull,
        ),
    );
  }
  get custom(): FakeAangepasteOpmaak {
    return this.eigenAangepast(false);
  }
  get customOrNullObject(): FakeAangepasteOpmaak {
    return this.eigenAangepast(true);
  }

  protected override navigeer(eigenschap: string): FakeObject<unknown> | undefined {
    if (eigenschap === "custom") return this.custom;
    if (eigenschap === "customOrNullObject") return this.customOrNullObject;
    return undefined;
  }
  protected lees(eigenschap: string, o: FakeOpmaak): unknown {
    if (eigenschap === "type") return o.soort;
    if (eigenschap === "priority") return this.blad()?.opmaak.indexOf(o) ?? -1;
    throw fout("InvalidArgument", `fake ConditionalFormat kent ${eigenschap} niet`);
  }
  get type(): string {
    return this.geladenWaarde("type");
  }
  delete(): void {
    this.opdracht("conditionalFormat.delete", (o) => {
      const lijst = this.blad()?.opmaak ?? [];
      lijst.splice(lijst.indexOf(o), 1);
    });
  }
}

/** Range.conditionalFormats: the formats that intersect the range, in priority order; `add` puts one on top. */
class FakeOpmaakCollectie extends FakeCollectie<FakeOpmaak, FakeOpmaakProxy> {
  constructor(
    fx: FakeExcel,
    private readonly bereik: Resolver<BereikDoel>,
    omschrijving: string,
  ) {
    super(
      fx,
      () => {
        const d = bereik();
        return d ? d.blad.opmaak.filter((o) => overlapt(o.rechthoek, d.rechthoek)) : null;
      },
      omschrijving,
    );
  }

  protected item(o: FakeOpmaak): FakeOpmaakProxy {
    const blad = () => this.bereik()?.blad ?? null;
    return new FakeOpmaakProxy(this.fx, () => (blad()?.opmaak.includes(o) ? o : null), `opmaak`, blad);
  }

  add(soort: string): FakeOpmaakProxy {
    let gemaakt: FakeOpmaak | null = null;
    const blad = () => this.bereik()?.blad ?? null;
    this.fx.voegToe(
      "conditionalFormats.add",
      () => {
        const d = this.bereik();
        return d ? bereikTekst(d) : this.omschrijving;
      },
      () => {
        const d = this.bereik();
        if (!d) throw fout("ItemNotFound", this.omschrijving);
        if (soort !== "Custom") throw fout("NotImplemented", `fake: alleen Custom, niet ${soort}`);
        gemaakt = { rechthoek: { ...d.rechthoek }, soort };
        d.blad.opmaak.unshift(gemaakt);
      },
      soort,
    );
    return new FakeOpmaakProxy(this.fx, () => gemaakt, `conditionalFormats.add(${soort})`, blad);
  }
}

/** Worksheet.freezePanes (ExcelApi 1.7). */
class FakeBevriezing {
  constructor(
    private readonly fx: FakeExcel,
    private readonly blad: () => FakeBlad | null,
    private readonly omschrijving: string,
  ) {}

  private zet(actie: string, f: (b: FakeBlad) => void, details?: unknown): void {
    this.fx.voegToe(
      actie,
      this.omschrijving,
      () => {
        const b = this.blad();
        if (!b) throw fout("ItemNotFound", this.omschrijving);
        f(b);
        if (b.bevroren && b.bevroren.rijen === 0 && b.bevroren.kolommen === 0) b.bevroren = undefined;
      },
      details,
    );
  }

  private static aantal(n: number | undefined): number {
    const a = n ?? 1;
    if (!Number.isInteger(a) || a < 0) throw fout("InvalidArgument", `aantal ${a}`);
    return a;
  }

  freezeRows(n?: number): void {
    const a = FakeBevriezing.aantal(n);
    this.zet("freezeRows", (b) => void (b.bevroren = { rijen: a, kolommen: b.bevroren?.kolommen ?? 0 }), a);
  }
  freezeColumns(n?: number): void {
    const a = FakeBevriezing.aantal(n);
    this.zet("freezeColumns", (b) => void (b.bevroren = { rijen: b.bevroren?.rijen ?? 0, kolommen: a }), a);
  }
  /** The range holds the frozen cells: the fake supports ranges from A1 only. */
  freezeAt(bereik: FakeBereik | string): void {
    this.zet(
      "freezeAt",
      (b) => {
        const d = bereikVan(this.fx, bereik, () => b);
        if (d.rechthoek.rij !== 1 || d.rechthoek.kolom !== 1)
          throw fout("NotImplemented", "fake: freezeAt vanaf A1");
        b.bevroren = { rijen: d.rechthoek.rijen, kolommen: d.rechthoek.kolommen };
      },
      typeof bereik === "string" ? bereik : undefined,
    );
  }
  unfreeze(): void {
    this.zet("unfreeze", (b) => void (b.bevroren = undefined));
  }
  getLocationOrNullObject(): FakeBereik {
    return new FakeBereik(
      this.fx,
      () => {
        const b = this.blad();
        const v = b?.bevroren;
        if (!b || !v) return null;
        return {
          blad: b,
          rechthoek: {
            rij: 1,
            kolom: 1,
            rijen: v.rijen === 0 ? MAX_RIJEN : v.rijen,
            kolommen: v.kolommen === 0 ? MAX_KOLOMMEN : v.kolommen,
          },
        };
      },
      `${this.omschrijving}.getLocationOrNullObject()`,
      true,
    );
  }
}

const PAPIER = ["Letter", "Legal", "A3", "A4", "A5", "B4", "B5", "Executive", "Tabloid"];

/** Worksheet.pageLayout (ExcelApi 1.9), with what Excel refuses. */
class FakePaginaIndeling {
  readonly headersFooters: {
    defaultForAllPages: Record<
      "leftHeader" | "centerHeader" | "rightHeader" | "leftFooter" | "centerFooter" | "rightFooter",
      string
    >;
  };

  constructor(
    private readonly fx: FakeExcel,
    private readonly blad: () => FakeBlad | null,
    private readonly omschrijving: string,
  ) {
    const secties = {} as FakePaginaIndeling["headersFooters"]["defaultForAllPages"];
    const plekken = [
      ["leftHeader", "kop", "links"],
      ["centerHeader", "kop", "midden"],
      ["rightHeader", "kop", "rechts"],
      ["leftFooter", "voet", "links"],
      ["centerFooter", "voet", "midden"],
      ["rightFooter", "voet", "rechts"],
    ] as const;
    for (const [eigenschap, deel, plek] of plekken) {
      Object.defineProperty(secties, eigenschap, {
        set: (t: string) => {
          if (t.length > 255) throw fout("InvalidArgument", `${eigenschap} langer dan 255 tekens`);
          this.zet(`pageLayout.${eigenschap}`, (a) => void (a[deel][plek] = t), t);
        },
        get: () => {
          throw fout("PropertyNotLoaded", eigenschap);
        },
      });
    }
    this.headersFooters = { defaultForAllPages: secties };
  }

  private zet(actie: string, f: (a: FakeAfdruk, b: FakeBlad) => void, details?: unknown): void {
    this.fx.voegToe(
      actie,
      this.omschrijving,
      () => {
        const b = this.blad();
        if (!b) throw fout("ItemNotFound", this.omschrijving);
        f(b.afdruk, b);
      },
      details,
    );
  }

  set paperSize(p: string) {
    if (!PAPIER.includes(p)) throw fout("InvalidArgument", `papier ${p}`);
    this.zet("pageLayout.paperSize", (a) => void (a.papier = p), p);
  }
  set orientation(r: string) {
    if (r !== "Portrait" && r !== "Landscape") throw fout("InvalidArgument", `richting ${r}`);
    this.zet("pageLayout.orientation", (a) => void (a.richting = r), r);
  }
  set centerHorizontally(c: boolean) {
    this.zet("pageLayout.centerHorizontally", (a) => void (a.centreerHorizontaal = c), c);
  }
  set zoom(z: Excel.PageLayoutZoomOptions) {
    const pagina = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 0);
    if (z.scale !== undefined && (z.scale < 10 || z.scale > 400))
      throw fout("InvalidArgument", `schaal ${z.scale}`);
    if (!pagina(z.horizontalFitToPages) || !pagina(z.verticalFitToPages))
      throw fout("InvalidArgument", "aantal pagina's");
    if (z.scale === undefined && z.horizontalFitToPages === undefined && z.verticalFitToPages === undefined)
      throw fout("InvalidArgument", "zoom zonder schaal of pagina's");
    this.zet("pageLayout.zoom", (a) => void (a.zoom = { ...z }), z);
  }
  setPrintMargins(eenheid: string, m: Excel.PageLayoutMarginOptions): void {
    const factor = { Points: 1, Inches: 72, Centimeters: 72 / 2.54 }[eenheid];
    if (factor === undefined) throw fout("InvalidArgument", `eenheid ${eenheid}`);
    if (Object.values(m).some((v) => typeof v !== "number" || v < 0)) throw fout("InvalidArgument", "marge");
    const pt = (v: number | undefined, oud: number) =>
      v === undefined ? oud : Math.round(v * factor * 100) / 100;
    this.zet(
      "pageLayout.setPrintMargins",
      (a) =>
        void (a.marges = {
          links: pt(m.left, a.marges.links),
          rechts: pt(m.right, a.marges.rechts),
          boven: pt(m.top, a.marges.boven),
          onder: pt(m.bottom, a.marges.onder),
          koptekst: pt(m.header, a.marges.koptekst),
          voettekst: pt(m.footer, a.marges.voettekst),
        }),
      { eenheid, ...m },
    );
  }
  setPrintArea(gebied: FakeBereik | string): void {
    this.zet(
      "pageLayout.setPrintArea",
      (a, b) =>
        void (a.gebied =
          typeof gebied === "string"
            ? gebied.split(",").map((g) => bereikVan(this.fx, g, () => b).rechthoek)
            : [gebied.bereikDoel().rechthoek]),
      typeof gebied === "string" ? gebied : undefined,
    );
  }
  /** Whole rows only ("$7:$7"), as Excel requires. */
  setPrintTitleRows(rijen: FakeBereik | string): void {
    this.zet(
      "pageLayout.setPrintTitleRows",
      (a, b) => {
        const r = bereikVan(this.fx, rijen, () => b).rechthoek;
        if (r.kolom !== 1 || r.kolommen !== MAX_KOLOMMEN)
          throw fout("InvalidArgument", "titelrijen: hele rijen");
        a.titelRijen = { van: r.rij, tot: r.rij + r.rijen - 1 };
      },
      typeof rijen === "string" ? rijen : undefined,
    );
  }
  getPrintAreaOrNullObject(): FakeGebieden {
    return new FakeGebieden(
      this.fx,
      () => {
        const b = this.blad();
        const g = b?.afdruk.gebied;
        return b && g ? g.map((rechthoek) => ({ blad: b, rechthoek })) : null;
      },
      `${this.omschrijving}.getPrintAreaOrNullObject()`,
      true,
    );
  }
}

/** Worksheet.horizontalPageBreaks (ExcelApi 1.9): a page starts at the range's first row. */
class FakePaginaEinden {
  constructor(
    private readonly fx: FakeExcel,
    private readonly blad: () => FakeBlad | null,
    private readonly omschrijving: string,
  ) {}

  add(bereik: FakeBereik | string): void {
    this.fx.voegToe(
      "horizontalPageBreaks.add",
      this.omschrijving,
      () => {
        const b = this.blad();
        if (!b) throw fout("ItemNotFound", this.omschrijving);
        const rij = bereikVan(this.fx, bereik, () => b).rechthoek.rij;
        if (rij < 2) throw fout("InvalidArgument", "pagina-einde boven rij 2");
        if (!b.paginaEinden.includes(rij)) b.paginaEinden.push(rij);
      },
      typeof bereik === "string" ? bereik : undefined,
    );
  }
}

// ---------------------------------------------------------------- worksheets

class FakeWerkblad extends FakeObject<FakeBlad> {
  readonly tables: FakeTabellen;
  readonly charts: FakeGrafieken;
  /** ExcelApi 1.7. */
  readonly freezePanes: FakeBevriezing;
  /** ExcelApi 1.9. */
  readonly pageLayout: FakePaginaIndeling;
  readonly horizontalPageBreaks: FakePaginaEinden;

  constructor(fx: FakeExcel, zoek: Resolver<FakeBlad>, omschrijving: string, ofNull = false) {
    super(fx, zoek, omschrijving, ofNull);
    this.tables = new FakeTabellen(fx, () => this.zoek(), `${omschrijving}.tables`);
    this.charts = new FakeGrafieken(fx, () => this.zoek(), `${omschrijving}.charts`);
    this.freezePanes = new FakeBevriezing(fx, () => this.zoek(), `${omschrijving}.freezePanes`);
    this.pageLayout = new FakePaginaIndeling(fx, () => this.zoek(), `${omschrijving}.pageLayout`);
    this.horizontalPageBreaks = new FakePaginaEinden(
      fx,
      () => this.zoek(),
      `${omschrijving}.horizontalPageBreaks`,
    );
  }

  protected lees(eigenschap: string, d: FakeBlad): unknown {
    if (eigenschap === "name") return d.naam;
    if (eigenschap === "visibility") return d.zichtbaarheid;
    throw fout("InvalidArgument", `fake Worksheet kent ${eigenschap} niet`);
  }

  get name(): string {
    return this.geladenWaarde("name");
  }
  get visibility(): string {
    return this.geladenWaarde("visibility");
  }

  /** ExcelApi 1.9. The matches are found at the next sync (null object when there are none). */
  findAllOrNullObject(
    tekst: string,
    criteria: { completeMatch?: boolean; matchCase?: boolean },
  ): FakeGebieden {
    const zoek = (): BereikDoel[] | null => {
      const blad = this.zoek();
      if (!blad || blad.zichtbaarheid !== "Visible") return null;
      const gevonden = zoekCellen(blad, tekst, criteria);
      return gevonden.length > 0 ? gevonden : null;
    };
    return new FakeGebieden(this.fx, zoek, `${this.omschrijving}.findAllOrNullObject(${tekst})`, true);
  }

  /** Without an address: the whole sheet. */
  getRange(adres?: string): FakeBereik {
    const rechthoek =
      adres === undefined
        ? { rij: 1, kolom: 1, rijen: MAX_RIJEN, kolommen: MAX_KOLOMMEN }
        : parseerBereik(adres).rechthoek;
    return new FakeBereik(
      this.fx,
      () => {
        const blad = this.zoek();
        return blad ? { blad, rechthoek } : null;
      },
      `${this.omschrijving}.getRange(${adres ?? ""})`,
    );
  }
}

/** Cells whose formula (else constant) contains / equals `tekst`, as vertical runs per column. */
function zoekCellen(
  blad: FakeBlad,
  tekst: string,
  criteria: { completeMatch?: boolean; matchCase?: boolean },
): BereikDoel[] {
  const vorm = (t: string) => (criteria.matchCase ? t : t.toLowerCase());
  const gezocht = vorm(tekst);
  const treffers = [...blad.cellen.entries()]
    .filter(([, c]) => {
      const inhoud = vorm(String(c.formule ?? c.waarde ?? ""));
      return criteria.completeMatch ? inhoud === gezocht : inhoud.includes(gezocht);
    })
    .map(([adres]) => parseerBereik(adres).rechthoek)
    .sort((a, b) => a.kolom - b.kolom || a.rij - b.rij);
  const runs: FakeRechthoek[] = [];
  for (const t of treffers) {
    const vorige = runs[runs.length - 1];
    if (vorige && vorige.kolom === t.kolom && vorige.rij + vorige.rijen === t.rij) vorige.rijen += 1;
    else runs.push({ ...t });
  }
  return runs.map((rechthoek) => ({ blad, rechthoek }));
}

class FakeGebiedBereiken extends FakeCollectie<BereikDoel, FakeBereik> {
  protected item(d: BereikDoel): FakeBereik {
    return new FakeBereik(this.fx, () => d, `areas[${bereikTekst(d)}]`, false);
  }
}

/** Excel.RangeAreas: one or more rectangular ranges (here: the result of findAllOrNullObject). */
class FakeGebieden extends FakeObject<BereikDoel[]> {
  protected lees(eigenschap: string, d: BereikDoel[]): unknown {
    if (eigenschap === "areaCount") return d.length;
    if (eigenschap === "address") return d.map((x) => bereikTekst(x)).join(",");
    throw fout("InvalidArgument", `fake RangeAreas kent ${eigenschap} niet`);
  }

  protected override navigeer(eigenschap: string): FakeObject<unknown> | undefined {
    return eigenschap === "areas" ? this.areas : undefined;
  }

  get areas(): FakeGebiedBereiken {
    return this.nav(
      "areas",
      () => new FakeGebiedBereiken(this.fx, () => this.zoek(), `${this.omschrijving}.areas`),
    );
  }
  get areaCount(): number {
    return this.geladenWaarde("areaCount");
  }
  get address(): string {
    return this.geladenWaarde("address");
  }
}

class FakeWerkbladen extends FakeCollectie<FakeBlad, FakeWerkblad> {
  protected item(b: FakeBlad): FakeWerkblad {
    return new FakeWerkblad(
      this.fx,
      () => (this.fx.werkmap.bladen.includes(b) ? b : null),
      `worksheets[${b.naam}]`,
    );
  }

  getItem(naam: string): FakeWerkblad {
    return new FakeWerkblad(
      this.fx,
      () => this.fx.werkmap.zoekBlad(naam) ?? null,
      `worksheets.getItem(${naam})`,
    );
  }

  getItemOrNullObject(naam: string): FakeWerkblad {
    return new FakeWerkblad(
      this.fx,
      () => this.fx.werkmap.zoekBlad(naam) ?? null,
      `worksheets.getItemOrNullObject(${naam})`,
      true,
    );
  }

  add(naam: string): FakeWerkblad {
    let gemaakt: FakeBlad | null = null;
    this.fx.voegToe("worksheets.add", naam, () => {
      gemaakt = this.fx.werkmap.voegBladToe(naam);
    });
    return new FakeWerkblad(this.fx, () => gemaakt, `worksheets.add(${naam})`);
  }
}

// ---------------------------------------------------------------- tables

function bereikVan(
  fx: FakeExcel,
  bron: FakeBereik | string,
  standaardBlad: () => FakeBlad | null,
): BereikDoel {
  if (typeof bron !== "string") return bron.bereikDoel();
  const p = parseerBereik(bron);
  const blad = p.blad !== undefined ? fx.werkmap.zoekBlad(p.blad) : standaardBlad();
  if (!blad) throw fout("ItemNotFound", `blad van ${bron}`);
  return { blad, rechthoek: p.rechthoek };
}

class FakeTabelProxy extends FakeObject<FakeTabel> {
  protected lees(eigenschap: string, t: FakeTabel): unknown {
    if (eigenschap === "name") return t.naam;
    if (eigenschap === "showTotals") return t.showTotals;
    throw fout("InvalidArgument", `fake Table kent ${eigenschap} niet`);
  }

  protected override navigeer(eigenschap: string): FakeObject<unknown> | undefined {
    return eigenschap === "worksheet" ? this.worksheet : undefined;
  }

  get worksheet(): FakeWerkblad {
    return this.nav(
      "worksheet",
      () => new FakeWerkblad(this.fx, () => this.zoek()?.blad ?? null, `${this.omschrijving}.worksheet`),
    );
  }

  get name(): string {
    return this.geladenWaarde("name");
  }
  set name(naam: string) {
    this.opdracht(
      "table.name",
      (t) => {
        this.fx.werkmap.controleerNaamVrij(naam, t);
        if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(naam)) throw fout("InvalidArgument", `tabelnaam ${naam}`);
        t.naam = naam;
      },
      naam,
    );
  }
  get showTotals(): boolean {
    return this.geladenWaarde("showTotals");
  }
  set showTotals(v: boolean) {
    this.opdracht("table.showTotals", (t) => {
      if (t.showTotals && !v) {
        const r = t.rij + t.rijen - 1;
        for (let k = t.kolom; k < t.kolom + t.kolommen; k++) t.blad.cellen.delete(a1(r, k));
        t.rijen -= 1;
      } else if (!t.showTotals && v) {
        t.rijen += 1;
      }
      t.showTotals = v;
    });
  }

  get columns(): FakeTabelKolommen {
    return new FakeTabelKolommen(this.fx, () => this.zoek(), `${this.omschrijving}.columns`);
  }

  private deelBereik(naam: string, f: (t: FakeTabel) => FakeRechthoek): FakeBereik {
    return new FakeBereik(
      this.fx,
      () => {
        const t = this.zoek();
        return t ? { blad: t.blad, rechthoek: f(t) } : null;
      },
      `${this.omschrijving}.${naam}()`,
    );
  }

  getRange(): FakeBereik {
    return this.deelBereik("getRange", (t) => ({
      rij: t.rij,
      kolom: t.kolom,
      rijen: t.rijen,
      kolommen: t.kolommen,
    }));
  }
  getHeaderRowRange(): FakeBereik {
    return this.deelBereik("getHeaderRowRange", (t) => ({
      rij: t.rij,
      kolom: t.kolom,
      rijen: 1,
      kolommen: t.kolommen,
    }));
  }
  getDataBodyRange(): FakeBereik {
    return this.deelBereik("getDataBodyRange", (t) => ({
      rij: t.rij + 1,
      kolom: t.kolom,
      rijen: t.rijen - 1 - (t.showTotals ? 1 : 0),
      kolommen: t.kolommen,
    }));
  }

  resize(nieuw: FakeBereik | string): void {
    this.opdracht(
      "table.resize",
      (t) => {
        schrijfbaar(t.blad);
        const d = bereikVan(this.fx, nieuw, () => t.blad);
        const r = d.rechthoek;
        if (d.blad !== t.blad || r.rij !== t.rij || !overlapt(r, t) || r.rijen < 2) {
          throw fout("InvalidArgument", `resize van ${t.naam} naar ${rechthoekAdres(r)}`);
        }
        const proef: FakeTabel = { ...t, ...r };
        this.fx.werkmap.controleerTabel(proef, t);
        Object.assign(t, r);
        return undefined;
      },
      typeof nieuw === "string" ? nieuw : undefined,
    );
  }

  delete(): void {
    this.opdracht("table.delete", (t) => {
      const i = this.fx.werkmap.tabellen.indexOf(t);
      this.fx.werkmap.tabellen.splice(i, 1);
      for (let r = t.rij; r < t.rij + t.rijen; r++)
        for (let k = t.kolom; k < t.kolom + t.kolommen; k++) t.blad.cellen.delete(a1(r, k));
    });
  }
}

/** Excel.TableColumn as `columns.add` returns it: `name` and `index` can be loaded. */
class FakeTabelKolom extends FakeObject<{ tabel: FakeTabel; index: number }> {
  protected lees(eigenschap: string, d: { tabel: FakeTabel; index: number }): unknown {
    const t = d.tabel;
    if (eigenschap === "index") return d.index;
    if (eigenschap === "name") return t.blad.cellen.get(a1(t.rij, t.kolom + d.index))?.waarde ?? "";
    throw fout("InvalidArgument", `fake TableColumn kent ${eigenschap} niet`);
  }
  get name(): string {
    return this.geladenWaarde("name");
  }
  get index(): number {
    return this.geladenWaarde("index");
  }
}

/** Excel.TableColumnCollection: `count` and `add` (see the header for what add does). */
class FakeTabelKolommen extends FakeObject<FakeTabel> {
  protected lees(eigenschap: string, t: FakeTabel): unknown {
    if (eigenschap === "count") return t.kolommen;
    throw fout("InvalidArgument", `fake TableColumnCollection kent ${eigenschap} niet`);
  }
  get count(): number {
    return this.geladenWaarde("count");
  }
  add(index?: number | null, values?: FakeWaarde[][], name?: string): FakeTabelKolom {
    let gemaakt: { tabel: FakeTabel; index: number } | null = null;
    this.opdracht(
      "tableColumns.add",
      (t) => {
        gemaakt = { tabel: t, index: this.fx.werkmap.voegTabelKolomIn(t, index, values, name).index };
      },
      { index, name },
    );
    return new FakeTabelKolom(this.fx, () => gemaakt, `${this.omschrijving}.add(…)`);
  }
}

class FakeTabellen extends FakeCollectie<FakeTabel, FakeTabelProxy> {
  /** zoek: the sheet the collection belongs to, or null for the workbook's collection. */
  constructor(
    fx: FakeExcel,
    private readonly blad: (() => FakeBlad | null) | null,
    omschrijving: string,
  ) {
    super(
      fx,
      () => {
        if (!blad) return fx.werkmap.tabellen;
        const b = blad();
        return b ? fx.werkmap.tabellen.filter((t) => t.blad === b) : null;
      },
      omschrijving,
    );
  }

  protected item(t: FakeTabel): FakeTabelProxy {
    return new FakeTabelProxy(
      this.fx,
      () => (this.fx.werkmap.tabellen.includes(t) ? t : null),
      `tables[${t.naam}]`,
    );
  }

  getItem(naam: string): FakeTabelProxy {
    return new FakeTabelProxy(
      this.fx,
      () => this.doel().find((t) => gelijkeNaam(t.naam, naam)) ?? null,
      `tables.getItem(${naam})`,
    );
  }

  getItemOrNullObject(naam: string): FakeTabelProxy {
    return new FakeTabelProxy(
      this.fx,
      () => this.zoek()?.find((t) => gelijkeNaam(t.naam, naam)) ?? null,
      `tables.getItemOrNullObject(${naam})`,
      true,
    );
  }

  add(bron: FakeBereik | string, hasHeaders: boolean): FakeTabelProxy {
    let gemaakt: FakeTabel | null = null;
    this.fx.voegToe(
      "tables.add",
      typeof bron === "string" ? bron : "Range",
      () => {
        const d = bereikVan(this.fx, bron, () => (this.blad ? this.blad() : null));
        schrijfbaar(d.blad);
        if (!hasHeaders) throw fout("NotImplemented", "fake: tables.add zonder kopteksten");
        const wm = this.fx.werkmap;
        let n = wm.tabellen.length + 1;
        while (wm.tabel(`Table${n}`) || wm.naam(`Table${n}`)) n++;
        const t: FakeTabel = { naam: `Table${n}`, blad: d.blad, ...d.rechthoek, showTotals: false };
        if (t.rijen < 2) t.rijen = 2;
        wm.controleerTabel(t, undefined);
        for (let k = 0; k < t.kolommen; k++) {
          const adres = a1(t.rij, t.kolom + k);
          const cel = d.blad.cellen.get(adres) ?? {};
          if (cel.waarde === undefined || cel.waarde === "") {
            cel.waarde = `Column${k + 1}`;
            delete cel.formule;
            d.blad.cellen.set(adres, cel);
          }
        }
        wm.tabellen.push(t);
        gemaakt = t;
      },
      typeof bron === "string" ? bron : undefined,
    );
    return new FakeTabelProxy(this.fx, () => gemaakt, "tables.add(…)");
  }
}

// ---------------------------------------------------------------- defined names

class FakeNaamProxy extends FakeObject<FakeNaam> {
  protected lees(eigenschap: string, n: FakeNaam): unknown {
    switch (eigenschap) {
      case "name":
        return n.naam;
      case "type":
        return n.blad ? "Range" : "String";
      case "value":
      case "formula":
        return n.blad
          ? `=${bladVoorvoegsel(n.blad.naam)}!$${kolomLetters(n.kolom ?? 1)}$${n.rij ?? 1}`
          : (n.formule ?? "");
      default:
        throw fout("InvalidArgument", `fake NamedItem kent ${eigenschap} niet`);
    }
  }

  get name(): string {
    return this.geladenWaarde("name");
  }
  get formula(): string {
    return this.geladenWaarde("formula");
  }
  /** Only "=Blad!$C$3" / "='Mijn blad'!$C$3" (a single cell) or a constant like "=5". */
  set formula(f: string) {
    this.opdracht(
      "names.formula",
      (n) => {
        let p: { blad?: string; rechthoek: FakeRechthoek } | undefined;
        try {
          p = parseerBereik(f.replace(/^=/, ""));
        } catch {
          p = undefined;
        }
        const blad = p?.blad !== undefined ? this.fx.werkmap.zoekBlad(p.blad) : undefined;
        if (p && blad) {
          if (p.rechthoek.rijen !== 1 || p.rechthoek.kolommen !== 1)
            throw fout("NotImplemented", "fake: één cel");
          Object.assign(n, { blad, rij: p.rechthoek.rij, kolom: p.rechthoek.kolom });
          delete n.rijen;
          delete n.kolommen;
          delete n.formule;
        } else {
          delete n.blad;
          delete n.rij;
          delete n.kolom;
          delete n.rijen;
          delete n.kolommen;
          n.formule = f;
        }
      },
      f,
    );
  }

  private bereik(ofNull: boolean): FakeBereik {
    return new FakeBereik(
      this.fx,
      () => {
        const n = ofNull ? this.zoek() : this.doel();
        if (!n || !n.blad || n.rij === undefined || n.kolom === undefined) {
          if (ofNull) return null;
          throw fout("InvalidOperation", `naam ${n?.naam ?? "?"} is geen bereik`);
        }
        return {
          blad: n.blad,
          rechthoek: { rij: n.rij, kolom: n.kolom, rijen: n.rijen ?? 1, kolommen: n.kolommen ?? 1 },
        };
      },
      `${this.omschrijving}.getRange${ofNull ? "OrNullObject" : ""}()`,
      ofNull,
    );
  }

  getRange(): FakeBereik {
    return this.bereik(false);
  }
  getRangeOrNullObject(): FakeBereik {
    return this.bereik(true);
  }

  delete(): void {
    this.opdracht("names.delete", (n) => {
      const lijst = this.fx.werkmap.namen;
      lijst.splice(lijst.indexOf(n), 1);
    });
  }
}

class FakeNamen extends FakeCollectie<FakeNaam, FakeNaamProxy> {
  protected item(n: FakeNaam): FakeNaamProxy {
    return new FakeNaamProxy(
      this.fx,
      () => (this.fx.werkmap.namen.includes(n) ? n : null),
      `names[${n.naam}]`,
    );
  }

  getItem(naam: string): FakeNaamProxy {
    return new FakeNaamProxy(this.fx, () => this.fx.werkmap.naam(naam) ?? null, `names.getItem(${naam})`);
  }

  getItemOrNullObject(naam: string): FakeNaamProxy {
    return new FakeNaamProxy(
      this.fx,
      () => this.fx.werkmap.naam(naam) ?? null,
      `names.getItemOrNullObject(${naam})`,
      true,
    );
  }

  add(naam: string, verwijzing: FakeBereik | string, _comment?: string): FakeNaamProxy {
    void _comment;
    this.fx.voegToe(
      "names.add",
      naam,
      () => {
        const d = bereikVan(this.fx, verwijzing, () => null);
        if (d.rechthoek.rijen !== 1 || d.rechthoek.kolommen !== 1)
          throw fout("NotImplemented", "fake: alleen namen voor één cel");
        const wm = this.fx.werkmap;
        wm.controleerNaamVrij(naam);
        wm.namen.push({ naam, blad: d.blad, rij: d.rechthoek.rij, kolom: d.rechthoek.kolom });
      },
      typeof verwijzing === "string" ? verwijzing : undefined,
    );
    return this.getItem(naam);
  }
}

// ---------------------------------------------------------------- charts

function bereikTekst(d: BereikDoel): string {
  return `${d.blad.naam}!${rechthoekAdres(d.rechthoek)}`;
}

class FakeReeksProxy extends FakeObject<FakeReeks> {
  protected lees(eigenschap: string, r: FakeReeks): unknown {
    if (eigenschap === "name") return r.naam;
    throw fout("InvalidArgument", `fake ChartSeries kent ${eigenschap} niet`);
  }
  get name(): string {
    return this.geladenWaarde("name");
  }
  set name(naam: string) {
    this.opdracht("series.name", (r) => void (r.naam = naam), naam);
  }
  setValues(bron: FakeBereik): void {
    this.opdracht("series.setValues", (r) => void (r.waarden = bereikTekst(bron.bereikDoel())));
  }
  setXAxisValues(bron: FakeBereik): void {
    this.opdracht("series.setXAxisValues", (r) => void (r.categorieen = bereikTekst(bron.bereikDoel())));
  }
}

class FakeReeksen extends FakeCollectie<FakeReeks, FakeReeksProxy> {
  protected item(r: FakeReeks): FakeReeksProxy {
    return new FakeReeksProxy(this.fx, () => r, `series[${r.naam}]`);
  }
  getItemAt(i: number): FakeReeksProxy {
    return new FakeReeksProxy(this.fx, () => this.doel()[i] ?? null, `series.getItemAt(${i})`);
  }
  add(naam?: string, index?: number): FakeReeksProxy {
    let gemaakt: FakeReeks | null = null;
    this.fx.voegToe("series.add", naam ?? "", () => {
      const lijst = this.doel();
      gemaakt = { naam: naam ?? `Reeks${lijst.length + 1}` };
      lijst.splice(index ?? lijst.length, 0, gemaakt);
    });
    return new FakeReeksProxy(this.fx, () => gemaakt, `series.add(${naam ?? ""})`);
  }
}

class FakeGrafiekProxy extends FakeObject<{ blad: FakeBlad; grafiek: FakeGrafiek }> {
  readonly series: FakeReeksen;
  readonly title: { text: string };

  constructor(
    fx: FakeExcel,
    zoek: Resolver<{ blad: FakeBlad; grafiek: FakeGrafiek }>,
    omschrijving: string,
    ofNull = false,
  ) {
    super(fx, zoek, omschrijving, ofNull);
    this.series = new FakeReeksen(fx, () => this.zoek()?.grafiek.reeksen ?? null, `${omschrijving}.series`);
    const zetTitel = (t: string): void => this.opdracht("chart.title", (g) => void (g.grafiek.titel = t), t);
    this.title = {
      set text(t: string) {
        zetTitel(t);
      },
      get text(): string {
        throw fout("PropertyNotLoaded", "title.text");
      },
    };
  }

  protected lees(eigenschap: string, g: { grafiek: FakeGrafiek }): unknown {
    if (eigenschap === "name") return g.grafiek.naam;
    throw fout("InvalidArgument", `fake Chart kent ${eigenschap} niet`);
  }

  get name(): string {
    return this.geladenWaarde("name");
  }
  set name(naam: string) {
    this.opdracht(
      "chart.name",
      (g) => {
        if (g.blad.grafieken.some((x) => x !== g.grafiek && gelijkeNaam(x.naam, naam))) {
          throw fout("ItemAlreadyExists", `grafiek ${naam}`);
        }
        g.grafiek.naam = naam;
      },
      naam,
    );
  }

  setPosition(start: string | FakeBereik, eind?: string | FakeBereik): void {
    void eind;
    this.opdracht("chart.setPosition", (g) => {
      g.grafiek.positie = typeof start === "string" ? start : rechthoekAdres(start.bereikDoel().rechthoek);
    });
  }

  delete(): void {
    this.opdracht("chart.delete", (g) => {
      g.blad.grafieken.splice(g.blad.grafieken.indexOf(g.grafiek), 1);
    });
  }
}

class FakeGrafieken extends FakeCollectie<FakeGrafiek, FakeGrafiekProxy> {
  constructor(
    fx: FakeExcel,
    private readonly blad: () => FakeBlad | null,
    omschrijving: string,
  ) {
    super(fx, () => blad()?.grafieken ?? null, omschrijving);
  }

  private proxy(
    zoek: () => FakeGrafiek | null | undefined,
    omschrijving: string,
    ofNull = false,
  ): FakeGrafiekProxy {
    return new FakeGrafiekProxy(
      this.fx,
      () => {
        const b = this.blad();
        const g = b ? zoek() : null;
        return b && g ? { blad: b, grafiek: g } : null;
      },
      omschrijving,
      ofNull,
    );
  }

  protected item(g: FakeGrafiek): FakeGrafiekProxy {
    return this.proxy(() => g, `charts[${g.naam}]`);
  }

  getItem(naam: string): FakeGrafiekProxy {
    return this.proxy(
      () => this.blad()?.grafieken.find((g) => gelijkeNaam(g.naam, naam)),
      `charts.getItem(${naam})`,
    );
  }

  getItemOrNullObject(naam: string): FakeGrafiekProxy {
    return this.proxy(
      () => this.blad()?.grafieken.find((g) => gelijkeNaam(g.naam, naam)),
      `charts.getItemOrNullObject(${naam})`,
      true,
    );
  }

  add(soort: string, bron: FakeBereik, seriesBy: string = "Auto"): FakeGrafiekProxy {
    let gemaakt: FakeGrafiek | null = null;
    this.fx.voegToe(
      "charts.add",
      soort,
      () => {
        const b = this.doel() && this.blad();
        if (!b) throw fout("ItemNotFound", "blad van de grafiek");
        const d = bron.bereikDoel();
        if (seriesBy !== "Columns") throw fout("NotImplemented", "fake: alleen seriesBy Columns");
        const reeksen: FakeReeks[] = Array.from({ length: d.rechthoek.kolommen }, (_, j) => ({
          naam: `Reeks${j + 1}`,
          waarden: bereikTekst({
            blad: d.blad,
            rechthoek: { ...d.rechthoek, kolom: d.rechthoek.kolom + j, kolommen: 1 },
          }),
        }));
        let n = b.grafieken.length + 1;
        while (b.grafieken.some((g) => g.naam === `Grafiek ${n}`)) n++;
        gemaakt = { naam: `Grafiek ${n}`, soort, titel: "", reeksen };
        b.grafieken.push(gemaakt);
      },
      seriesBy,
    );
    return this.proxy(() => gemaakt, `charts.add(${soort})`);
  }
}

// ---------------------------------------------------------------- context

class FakeApplication {
  constructor(private readonly fx: FakeExcel) {}

  /** Only recorded: the fake has no calculation engine. */
  calculate(soort: string): void {
    this.fx.voegToe("calculate", "application", () => undefined, soort);
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWerkbladen;
  readonly tables: FakeTabellen;
  readonly names: FakeNamen;
  readonly application: FakeApplication;

  constructor(fx: FakeExcel) {
    this.worksheets = new FakeWerkbladen(fx, () => fx.werkmap.bladen, "worksheets");
    this.tables = new FakeTabellen(fx, null, "tables");
    this.names = new FakeNamen(fx, () => fx.werkmap.namen, "names");
    this.application = new FakeApplication(fx);
  }
}

interface Opdracht {
  actie: string;
  doel: string | (() => string);
  details?: unknown;
  uitvoeren: () => number | void;
}

function naam(doel: string | (() => string)): string {
  if (typeof doel === "string") return doel;
  try {
    return doel();
  } catch {
    return "?";
  }
}

/** UTF-8 bytes of a value as JSON (what it costs in a request or response). */
function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? "";
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return n;
}

/** What a command costs in the request besides its data (object path, action, property name). */
const BYTES_PER_OPDRACHT = 200;

/** The fake: a model, a command queue and a RequestContext-shaped `context`. */
export class FakeExcel {
  /** Number of `context.sync()` calls. */
  syncs = 0;
  /** Every command that ran, in order. */
  readonly log: FakeLogRegel[] = [];
  /** Cells written through values/formulas per sync (index 0 = the first sync). */
  readonly cellenPerSync: number[] = [];
  /** Request and response size per sync, in bytes (index 0 = the first sync). */
  readonly bytesPerSync: { verzoek: number; antwoord: number }[] = [];
  /** Every formula written through `Range.formulas`, with the formula the cell had before. */
  readonly herschreven: FakeHerschrijving[] = [];
  /** Excel on the web's limit on a request and on a response (5 MB). */
  payloadGrens = 5_000_000;
  /** AutoExpand of tables by API writes (see the header); off unless a test turns it on. */
  autoUitbreiden = false;
  /** Syncs that waited for the user to finish editing a cell (`run` with delayForCellEdit). */
  gewachtOpBewerking = 0;
  readonly context: Excel.RequestContext;
  private wachtrij: Opdracht[] = [];
  private antwoord = 0;
  private bewerking: { klaar: Promise<void>; los: () => void } | undefined;
  private uitstellen = false;
  private readonly falen: { actie: string; code: string; bericht: string }[] = [];

  constructor(readonly werkmap: FakeWerkmap = new FakeWerkmap()) {
    const workbook = new FakeWorkbook(this);
    const ctx = { workbook, sync: () => this.sync() };
    this.context = ctx as unknown as Excel.RequestContext;
  }

  /** Used by the proxies: queue a command for the next sync. */
  voegToe(
    actie: string,
    doel: string | (() => string),
    uitvoeren: () => number | void,
    details?: unknown,
  ): void {
    this.wachtrij.push({ actie, doel, uitvoeren, details });
  }

  /** Used by the proxies: a loaded value is part of the response. */
  telAntwoord(waarde: unknown): void {
    this.antwoord += jsonBytes(waarde);
  }

  /**
   * `Excel.run` on this fake: `run(batch)` or `run(options, batch)`. With `delayForCellEdit: true` a sync while the
   * user edits a cell waits until `stopBewerken()`; without it, it fails (see `bewerkCel`).
   */
  async run<T>(
    a: Excel.RunOptions | ((c: Excel.RequestContext) => Promise<T>),
    b?: (c: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    const [opties, batch] = typeof a === "function" ? [{}, a] : [a, b];
    if (!batch) throw fout("InvalidArgument", "Excel.run zonder batch");
    this.uitstellen = (opties as Excel.RunOptions).delayForCellEdit === true;
    try {
      return await batch(this.context);
    } finally {
      this.uitstellen = false;
    }
  }

  /** The user starts editing a cell (cell edit mode): syncs fail, or wait under delayForCellEdit. */
  bewerkCel(): void {
    if (this.bewerking) return;
    let los = (): void => undefined;
    const klaar = new Promise<void>((r) => (los = r));
    this.bewerking = { klaar, los };
  }

  /** The user pressed Enter or Esc: waiting syncs go on. */
  stopBewerken(): void {
    const b = this.bewerking;
    this.bewerking = undefined;
    b?.los();
  }

  /** The next command `actie` (e.g. "formulas", "load", "table.resize") fails with Excel's error `code`. */
  faalBij(actie: string, code: string, bericht = "door de test"): void {
    this.falen.push({ actie, code, bericht });
  }

  async sync(): Promise<void> {
    if (this.bewerking) {
      if (!this.uitstellen) {
        this.wachtrij = [];
        throw fout("InvalidOperationInCellEditMode", "de gebruiker bewerkt een cel");
      }
      this.gewachtOpBewerking++;
      await this.bewerking.klaar;
    }
    this.syncs++;
    const nr = this.syncs;
    const batch = this.wachtrij;
    this.wachtrij = [];
    const verzoek = batch.reduce((n, o) => n + BYTES_PER_OPDRACHT + jsonBytes(o.details ?? null), 0);
    this.antwoord = 0;
    let cellen = 0;
    try {
      if (verzoek > this.payloadGrens)
        throw fout("RequestPayloadSizeLimitExceeded", `verzoek van ${verzoek} bytes`);
      for (const o of batch) {
        let n: number | void;
        try {
          const i = this.falen.findIndex((f) => f.actie === o.actie);
          const f = i >= 0 ? this.falen.splice(i, 1)[0] : undefined;
          if (f) throw fout(f.code, f.bericht);
          n = o.uitvoeren();
        } catch (e) {
          this.log.push({ sync: nr, actie: o.actie, doel: naam(o.doel), details: { fout: String(e) } });
          throw e;
        }
        if (o.actie !== "getItemOrNullObject")
          this.log.push({ sync: nr, actie: o.actie, doel: naam(o.doel), details: o.details });
        if (typeof n === "number") cellen += n;
      }
      if (this.antwoord > this.payloadGrens)
        throw fout("ResponsePayloadSizeLimitExceeded", `antwoord van ${this.antwoord} bytes`);
    } finally {
      this.cellenPerSync.push(cellen);
      this.bytesPerSync.push({ verzoek, antwoord: this.antwoord });
    }
    await Promise.resolve();
  }

  /** Commands of one kind, e.g. "formulas", with their targets. */
  acties(actie: string): FakeLogRegel[] {
    return this.log.filter((r) => r.actie === actie);
  }
}
