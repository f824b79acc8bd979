/**
 * Print settings of Opgave's sheets in Excel (Office.js), from ./afdruk `afdrukVoor` — the same settings the .xlsx
 * writer gives its file: A4, landscape where the sheet is wide, one page wide, the first table's header row repeated,
 * print area, margins, sheet name and "Pagina x van y" in header and footer, wrapped long text, a page break before
 * a chart that would be cut in two. Column widths go with the writer's width task (./officeBeslissing).
 *
 * What a refill keeps (./afdruk `afdrukModus`, the same rule as the .xlsx writer's): the page setup (paper,
 * orientation, fit, margins, header and footer, page breaks) is set on a sheet that has no print area yet — one
 * Opgave creates, or one filled before Opgave set print settings. Once a sheet has a print area, the page setup is
 * the user's: a refill changes only the print area and the title rows, and only while the print area is still
 * Opgave's (one rectangle from A1: it must follow the tables as they grow). A print area the user set elsewhere keeps
 * everything as it is.
 *
 * Requirement sets: Worksheet.pageLayout, PageLayout.* and Worksheet.horizontalPageBreaks are ExcelApi 1.9 (checked
 * with `Office.context.requirements`, skipped without error where missing); wrapping (RangeFormat.wrapText,
 * verticalAlignment: 1.1) and RangeFormat.autofitRows (1.2) always.
 */
import { rechthoekBereik, type Rechthoek } from "./a1";
import {
  afdrukBereik,
  afdrukModus,
  titelRijenVanGebruiker,
  afdrukVoor,
  margesInInch,
  metVerplaatsteKolommen,
  zonderOvergeslagen,
  type AfdrukInstelling,
  type AfdrukModus,
} from "./afdruk";
import type { Verplaatsing } from "./kolomVerplaatsing";
import type { BladPlan } from "./plan";

/** Worksheet.pageLayout and horizontalPageBreaks. */
export const AFDRUK_API = "1.9";

/** Can the host set the page layout? Outside Office (tests with the fake Excel) it is assumed to. */
export function kanAfdrukInstellen(): boolean {
  const vereisten = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  return !vereisten || vereisten.isSetSupported("ExcelApi", AFDRUK_API);
}

export interface AfdrukTaak {
  readonly soort: "afdruk";
  readonly cellen: 0;
  readonly blad: string;
  readonly modus: AfdrukModus;
  /** Print area (A1, no sheet) and title rows ("$7:$7"). */
  readonly gebied: string;
  readonly titelRijen?: string;
  readonly richting: "Portrait" | "Landscape";
  readonly marges: AfdrukInstelling["marges"];
  readonly koptekst: string;
  readonly voettekst: string;
  /** A1 ranges that wrap their text, aligned to the top. */
  readonly terugloop: readonly string[];
  /**
   * The rows of those ranges that Excel fits to their text: all of them on a first fill; on a refill those whose
   * wrapping texts change, so a height the user gave a row (or Excel's AutoFit) stays while its texts stay, as in
   * the .xlsx writer (./afdruk `gevondenHoogtes`).
   */
  readonly passen: readonly string[];
  /** Rows where a new page starts (only on a "volledig" fill). */
  readonly paginaEinden: readonly number[];
}

/**
 * The print task of a sheet (pure). `gebied`: the sheet's print area as read (undefined: none, or not read);
 * `kan`: the host has ExcelApi 1.9; `tabellen`: the tables as they will be written (a refill may make one longer or
 * wider than the plan: orphan rows, the user's columns at the end), which the print area must cover; `overgeslagen`:
 * where the tables are that this fill leaves alone (their cells get no wrapping either); `tekstBlijft`: whether a
 * cell's text is known to stay the same (a refill: ./officeBeslissing), a row whose wrapping texts all stay keeps
 * its height (not in `passen`).
 */
export function afdrukTaak(
  blad: BladPlan,
  opties: {
    readonly kan: boolean;
    readonly gebied?: string;
    /** The sheet's title rows as read: the user's stay (`titelRijenVanGebruiker`). */
    readonly titels?: string | undefined;
    readonly tabellen: readonly Rechthoek[];
    readonly overgeslagen: readonly Rechthoek[];
    readonly tekstBlijft?: (rij: number, kolom: number) => boolean;
    /** Plan columns written elsewhere (./kolomVerplaatsing): their wrapping goes with them. */
    readonly verplaatsingen?: readonly Verplaatsing[];
  },
): AfdrukTaak {
  const a = zonderOvergeslagen(
    metVerplaatsteKolommen(afdrukVoor(blad), blad.naam, opties.verplaatsingen ?? []),
    opties.overgeslagen,
  );
  const { terugloop } = a;
  return {
    soort: "afdruk",
    cellen: 0,
    blad: blad.naam,
    modus: afdrukModus(opties.kan, opties.gebied, a.bereik),
    gebied: rechthoekBereik(afdrukBereik(blad, a, opties.tabellen)),
    ...(a.titelRijen && !titelRijenVanGebruiker(opties.titels, a.titelRijen)
      ? { titelRijen: `$${a.titelRijen.van}:$${a.titelRijen.tot}` }
      : {}),
    richting: a.richting === "liggend" ? "Landscape" : "Portrait",
    marges: a.marges,
    koptekst: a.koptekst,
    voettekst: a.voettekst,
    terugloop: terugloop.map(rechthoekBereik),
    passen: terugloop.flatMap((r) => tePassen(r, opties.tekstBlijft)).map(rechthoekBereik),
    paginaEinden: a.paginaEinden,
  };
}

/** The runs of rows of `r` with a wrapping text that is not known to stay (`tekstBlijft`), as rectangles. */
function tePassen(r: Rechthoek, tekstBlijft?: (rij: number, kolom: number) => boolean): Rechthoek[] {
  if (!tekstBlijft) return [r];
  const uit: Rechthoek[] = [];
  for (let rij = r.rij; rij < r.rij + r.rijen; rij++) {
    let blijft = true;
    for (let k = r.kolom; k < r.kolom + r.kolommen && blijft; k++) blijft = tekstBlijft(rij, k);
    if (blijft) continue;
    const vorige = uit[uit.length - 1];
    if (vorige && vorige.rij + vorige.rijen === rij)
      uit[uit.length - 1] = { ...vorige, rijen: vorige.rijen + 1 };
    else uit.push({ ...r, rij, rijen: 1 });
  }
  return uit;
}

/** One section (&L, &C, &R) of an .xlsx header string: Office.js sets the three sections apart. */
export function kopDeel(kop: string, sectie: "L" | "C" | "R"): string {
  const m = new RegExp(`&${sectie}(.*?)(?=&[LCR]|$)`).exec(kop);
  return m?.[1] ?? "";
}

/** Queues the print settings of one sheet. */
export function zetAfdruk(ws: Excel.Worksheet, t: AfdrukTaak): void {
  for (const r of t.terugloop) {
    const f = ws.getRange(r).format;
    f.wrapText = true;
    f.verticalAlignment = "Top";
  }
  // Excel measures the wrapped text itself (the .xlsx file needs an estimate).
  for (const r of t.passen) ws.getRange(r).format.autofitRows();
  if (t.modus === "geen") return;
  const p = ws.pageLayout;
  p.setPrintArea(t.gebied);
  if (t.titelRijen) p.setPrintTitleRows(t.titelRijen);
  if (t.modus !== "volledig") return;
  p.paperSize = "A4";
  p.orientation = t.richting;
  // Both: Excel leaves "fit to width" unset when only one is given (office-js issue 1860); 0 tall = automatic.
  p.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  p.centerHorizontally = true;
  p.setPrintMargins("Inches", margesInInch(t.marges));
  const kv = p.headersFooters.defaultForAllPages;
  kv.leftHeader = kopDeel(t.koptekst, "L");
  kv.centerHeader = kopDeel(t.koptekst, "C");
  kv.rightHeader = kopDeel(t.koptekst, "R");
  kv.leftFooter = kopDeel(t.voettekst, "L");
  kv.centerFooter = kopDeel(t.voettekst, "C");
  kv.rightFooter = kopDeel(t.voettekst, "R");
  for (const rij of t.paginaEinden) ws.horizontalPageBreaks.add(`A${rij}`);
}
