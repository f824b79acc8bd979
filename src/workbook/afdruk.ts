/**
 * Print settings of Opgave's sheets ("print-ready"): every sheet on A4, one page wide and as many pages tall as
 * needed, landscape where the sheet is wide, the first table's header row repeated on every page, the plan's used
 * range as print area, sheet name and "Pagina x van y" in header and footer, long text wrapped in its column, and a
 * page break before a chart that would otherwise be cut in two.
 *
 * `afdrukVoor` derives all of it from a sheet's plan (./plan), pure: no exceljs, no Office.js. Both writers apply the
 * result — `zetAfdrukXlsx` (exceljs, ./xlsxWriter) and `zetAfdruk` (Office.js, ./officeAfdruk) — so the
 * .xlsx download and the workbook filled in Excel print alike. No Office.js types here: the CLI build has none.
 *
 * Layout is estimated, not measured: column widths in characters (the width of "0" in Calibri 11), a text of n
 * characters taking about 0.9·n of that (proportional type), a line 15 pt high. Good enough to decide orientation,
 * which text wraps, how far a title line reaches to the right, and where a chart would be cut; the page count itself
 * is measured in tests/workbook/libreofficeAfdruk.test.ts.
 */
import type ExcelJS from "exceljs";
import {
  bevat,
  bevatEen,
  decodeerBereik,
  overlapt,
  rechthoekBereik,
  rechthoekTussen,
  type Rechthoek,
} from "./a1";
import type { Verplaatsing } from "./kolomVerplaatsing";
import { isFormule, type BladPlan, type Cel } from "./plan";

/** Margins in inches (the unit of the .xlsx file and of `setPrintMargins("Inches", …)`). */
export interface Marges {
  readonly links: number;
  readonly rechts: number;
  readonly boven: number;
  readonly onder: number;
  readonly koptekst: number;
  readonly voettekst: number;
}

/** A column the print layout needs wider than the plan has it (a narrow column holding long text). */
export interface BreedteAanpassing {
  readonly kolom: number;
  /** Width in characters. */
  readonly breedte: number;
  /** The plan's width (undefined: none), so a writer can tell its own width from one the user chose. */
  readonly planBreedte: number | undefined;
}

export interface AfdrukInstelling {
  readonly papier: "A4";
  readonly richting: "staand" | "liggend";
  /** Fit to one page wide; 0 pages tall = as many as needed. */
  readonly paginasBreed: 1;
  readonly paginasHoog: 0;
  /** Print area: the plan's used range (blocks, input cells, tables with totals, charts, overflowing title text). */
  readonly bereik: Rechthoek;
  /** Rows repeated at the top of every page: the first table's header row. */
  readonly titelRijen?: { readonly van: number; readonly tot: number };
  readonly marges: Marges;
  /** Header and footer in Excel's codes (&A sheet name, &P page, &N pages). */
  readonly koptekst: string;
  readonly voettekst: string;
  readonly breedtes: readonly BreedteAanpassing[];
  /** Rectangles whose cells wrap their text (aligned to the top): long-text columns, long headers, long notes. */
  readonly terugloop: readonly Rechthoek[];
  /** Rows holding wrapped text, with their height in points (estimated from the text and the column widths). */
  readonly rijHoogtes: readonly { readonly rij: number; readonly hoogte: number }[];
  /** Rows that start a new page (the first row of a chart that would otherwise be cut). */
  readonly paginaEinden: readonly number[];
  /** Font name for cells the writer formats (titles, totals): a named font prints alike everywhere. */
  readonly lettertype: string;
  /** The estimate behind the choices: print scale (fit to width) and pages. */
  readonly schatting: { readonly schaal: number; readonly paginas: number };
}

/**
 * `a` without the wrapping of the tables a refill leaves alone (`overgeslagen`: where they are in the plan and where
 * they stand now), nor the heights of rows that wrap only there: their cells, and the user's rows among them (a table
 * moved down by a row inserted above it), stay as they are. Both writers.
 */
export function zonderOvergeslagen(
  a: AfdrukInstelling,
  overgeslagen: readonly Rechthoek[],
): AfdrukInstelling {
  if (overgeslagen.length === 0) return a;
  const terugloop = a.terugloop.filter((r) => !overgeslagen.some((o) => overlapt(r, o)));
  const gewrapt = (rij: number) => terugloop.some((r) => rij >= r.rij && rij < r.rij + r.rijen);
  return { ...a, terugloop, rijHoogtes: a.rijHoogtes.filter((h) => gewrapt(h.rij)) };
}

/**
 * `a` with its wrapped cells where a refill writes them: a table's columns that stand elsewhere than in the plan
 * (./kolomVerplaatsing: right of a column the user inserted, or after the user's columns) take their wrapping with
 * them, column by column; a column of the user's between them keeps its own.
 */
export function metVerplaatsteKolommen(
  a: AfdrukInstelling,
  blad: string,
  verplaatsingen: readonly Verplaatsing[],
): AfdrukInstelling {
  const v = verplaatsingen.filter((x) => x.blad.toLowerCase() === blad.toLowerCase());
  if (v.length === 0) return a;
  const naar = (r: Rechthoek, k: number) => v.find((x) => r.rij >= x.vanafRij)?.kolommen.get(k) ?? k;
  const terugloop = a.terugloop.flatMap((r) => {
    const kolommen = Array.from({ length: r.kolommen }, (_, j) => naar(r, r.kolom + j));
    if (kolommen.every((k, j) => k === r.kolom + j)) return [r];
    // Runs of columns that stay side by side, as rectangles.
    const uit: Rechthoek[] = [];
    for (const k of kolommen) {
      const laatste = uit[uit.length - 1];
      if (laatste && laatste.kolom + laatste.kolommen === k)
        uit[uit.length - 1] = { ...laatste, kolommen: laatste.kolommen + 1 };
      else uit.push({ ...r, kolom: k, kolommen: 1 });
    }
    return uit;
  });
  return { ...a, terugloop };
}

export const LETTERTYPE = "Calibri";
const MARGES: Marges = { links: 0.4, rechts: 0.4, boven: 0.6, onder: 0.6, koptekst: 0.25, voettekst: 0.25 };
/** A4 in points. */
const A4 = { breed: 595.3, hoog: 841.9 };
/** Excel's default column width in characters. */
const STANDAARD_BREEDTE = 8.43;
/** Width a narrow column that holds long text gets: wide enough for a compact paragraph. */
const TEKST_BREEDTE = 60;
/** Columns narrower than this that hold long text are widened to TEKST_BREEDTE (table columns keep the plan's). */
const SMAL = 30;
/** Average width of a character in column-width units (proportional type is narrower than "0"). */
const TEKEN = 0.9;
/**
 * The same for the height of a wrapped row, on the safe side: the row gets a fixed height (LibreOffice does not fit
 * rows to wrapped text when it opens a file), and a line too few would cut the text in Excel.
 */
const TEKEN_HOOG = 0.95;
const REGEL = 15;
/** A chart of the plan: 6 columns × 20 rows (./xlsxWriter `grafiekSpecs`). */
const GRAFIEK = { kolommen: 6, rijen: 20 };
/** Portrait while the sheet fits at this scale or better; landscape beyond. */
const STAAND_TOT = 0.95;

/** Width in points at 100 % of a column of `tekens` characters (7 px per character, 5 px padding, 0.75 pt per px). */
export function breedteInPunten(tekens: number): number {
  return Math.round((tekens * 7 + 5) * 0.75 * 100) / 100;
}

/** Width of a text in column-width units. */
function tekstBreedte(s: string): number {
  return Math.max(0, ...s.split("\n").map((r) => r.length)) * TEKEN;
}

/** Lines a text takes wrapped in a column of `breedte` characters. */
function regels(s: string, breedte: number): number {
  const per = Math.max(1, breedte - 1);
  return s.split("\n").reduce((n, r) => n + Math.max(1, Math.ceil((r.length * TEKEN_HOOG) / per)), 0);
}

function tekst(c: Cel | undefined): string | undefined {
  return typeof c === "string" && c !== "" ? c : undefined;
}

/** One plan cell as the layout sees it. */
interface PlanCel {
  readonly tekst?: string;
  /** A single-column block: a line of text that may run on to the right over empty cells. */
  readonly regel: boolean;
  readonly titel: boolean;
  /** A table cell (header, body, totals): wraps with its column, not on its own. */
  readonly tabel: boolean;
}

/** Every plan cell by row and column. */
function planCellen(blad: BladPlan): Map<number, Map<number, PlanCel>> {
  const cellen = new Map<number, Map<number, PlanCel>>();
  const zet = (
    rij: number,
    kolom: number,
    c: Cel | undefined,
    soort: "blok" | "regel" | "titel" | "tabel",
  ) => {
    const r = cellen.get(rij) ?? new Map<number, PlanCel>();
    cellen.set(rij, r);
    if (c === null || c === undefined || c === "") return;
    const t = isFormule(c) ? undefined : tekst(c);
    r.set(kolom, { tekst: t, regel: soort === "regel", titel: soort === "titel", tabel: soort === "tabel" });
  };
  for (const b of blad.blokken) {
    const enkel = b.cellen.every((r) => r.length <= 1);
    b.cellen.forEach((rij, i) =>
      rij.forEach((c, j) =>
        zet(b.start.rij + i, b.start.kolom + j, c, b.kop && i === 0 ? "titel" : enkel ? "regel" : "blok"),
      ),
    );
  }
  for (const inv of blad.invoercellen) {
    // The input cell counts as filled even when empty: text to its left must not run over it.
    zet(inv.positie.rij, inv.positie.kolom, inv.standaard ?? "·", "blok");
    if (inv.positie.kolom > 1) zet(inv.positie.rij, inv.positie.kolom - 1, inv.label, "blok");
  }
  for (const t of blad.tabellen) {
    t.kolommen.forEach((k, j) => {
      zet(t.start.rij, t.start.kolom + j, k.kop, "tabel");
    });
    t.rijen.forEach((r, i) =>
      t.kolommen.forEach((_, j) => zet(t.start.rij + 1 + i, t.start.kolom + j, r[j] ?? null, "tabel")),
    );
    t.totaal?.forEach((c, j) =>
      zet(t.start.rij + 1 + Math.max(1, t.rijen.length), t.start.kolom + j, c, "tabel"),
    );
  }
  return cellen;
}

/** Column widths as the plan sets them (tables, then the sheet's own), in characters; hidden columns are 0. */
function planBreedtes(blad: BladPlan): Map<number, number> {
  const b = new Map<number, number>();
  for (const t of blad.tabellen) {
    t.kolommen.forEach((k, j) => {
      if (k.verborgen) b.set(t.start.kolom + j, 0);
      else if (k.breedte !== undefined) b.set(t.start.kolom + j, k.breedte);
    });
  }
  for (const [k, w] of Object.entries(blad.breedtes ?? {})) if (!b.has(Number(k))) b.set(Number(k), w);
  return b;
}

/** The used range of the plan before overflowing text: last row and column of every part. */
function gebruikt(blad: BladPlan): { rijen: number; kolommen: number } {
  let rijen = 1;
  let kolommen = 1;
  const neem = (r: number, k: number) => {
    rijen = Math.max(rijen, r);
    kolommen = Math.max(kolommen, k);
  };
  for (const b of blad.blokken)
    neem(
      b.start.rij + b.cellen.length - 1,
      b.start.kolom + Math.max(1, ...b.cellen.map((r) => r.length)) - 1,
    );
  for (const i of blad.invoercellen) neem(i.positie.rij, i.positie.kolom);
  for (const t of blad.tabellen)
    neem(
      t.start.rij + Math.max(1, t.rijen.length) + (t.totaal ? 1 : 0),
      t.start.kolom + t.kolommen.length - 1,
    );
  for (const g of blad.grafieken)
    neem(g.positie.rij + GRAFIEK.rijen - 1, g.positie.kolom + GRAFIEK.kolommen - 1);
  return { rijen, kolommen };
}

/** What wraps and what runs on: the layout decisions of the cells, with the widths they need. */
function terugloopEnBreedtes(blad: BladPlan) {
  const cellen = planCellen(blad);
  const plan = planBreedtes(blad);
  const breedtes = new Map(plan);
  const breedte = (k: number) => breedtes.get(k) ?? STANDAARD_BREEDTE;
  const vrij = (rij: number, kolom: number, tot: number) => {
    // Room to the right of a cell: over empty cells up to the next plan cell or the end of the used range.
    let w = breedte(kolom);
    for (let k = kolom + 1; k <= tot && !cellen.get(rij)?.has(k); k++) w += breedte(k);
    return w;
  };
  const rechts = gebruikt(blad).kolommen;
  const teLang: { rij: number; kolom: number; tekst: string }[] = [];
  for (const [rij, r] of cellen) {
    for (const [kolom, c] of r) {
      if (c.tekst === undefined || c.regel || c.tabel) continue;
      if (tekstBreedte(c.tekst) > vrij(rij, kolom, rechts)) teLang.push({ rij, kolom, tekst: c.tekst });
    }
  }
  // A narrow column of a block holding long text (a provenance line next to its label) becomes a text column.
  for (const t of teLang) {
    if (breedte(t.kolom) < SMAL) breedtes.set(t.kolom, TEKST_BREEDTE);
  }
  const terugloop: Rechthoek[] = [];
  for (const t of teLang) {
    if (tekstBreedte(t.tekst) > vrij(t.rij, t.kolom, rechts))
      terugloop.push({ rij: t.rij, kolom: t.kolom, rijen: 1, kolommen: 1 });
  }
  for (const t of blad.tabellen) {
    const koppen = t.kolommen.some((k, j) => {
      const b = breedte(t.start.kolom + j);
      return b > 0 && tekstBreedte(k.kop) > b - 1;
    });
    if (koppen)
      terugloop.push({ rij: t.start.rij, kolom: t.start.kolom, rijen: 1, kolommen: t.kolommen.length });
    const lang = t.kolommen.some((_, j) => {
      const b = breedte(t.start.kolom + j);
      // A hidden column (width 0) does not print.
      return b > 0 && t.rijen.some((r) => tekstBreedte(tekst(r[j]) ?? "") > b);
    });
    // The whole body wraps and aligns to the top, so a row's figures stand level with the first line of its text —
    // but for columns of web addresses: wrapped they fill pages and read badly; cut at the column they stay one line
    // (the whole address is in the cell).
    if (lang && t.rijen.length > 0) {
      let van = 0;
      for (let j = 0; j <= t.kolommen.length; j++) {
        if (j < t.kolommen.length && !isAdresKolom(t.rijen, j)) continue;
        if (j > van)
          terugloop.push({
            rij: t.start.rij + 1,
            kolom: t.start.kolom + van,
            rijen: t.rijen.length,
            kolommen: j - van,
          });
        van = j + 1;
      }
    }
  }
  const aanpassingen: BreedteAanpassing[] = [...breedtes]
    .filter(([k, b]) => plan.get(k) !== b)
    .map(([kolom, b]) => ({ kolom, breedte: b, planBreedte: plan.get(kolom) }));
  return { cellen, breedtes, breedte, terugloop, aanpassingen };
}

/** A table column that holds web addresses only (and at least one). */
function isAdresKolom(rijen: readonly (readonly Cel[])[], j: number): boolean {
  const teksten = rijen.map((r) => tekst(r[j])).filter((t) => t !== undefined);
  return teksten.length > 0 && teksten.every((t) => /^https?:\/\//.test(t));
}

/** Estimated height in points (at 100 %) of every row up to `tot`; `gewrapt`: the rows with wrapped text. */
function rijHoogtes(
  cellen: Map<number, Map<number, PlanCel>>,
  terugloop: readonly Rechthoek[],
  breedte: (k: number) => number,
  tot: number,
): { hoogtes: number[]; gewrapt: { rij: number; hoogte: number }[] } {
  const hoogtes: number[] = [];
  const gewrapt: { rij: number; hoogte: number }[] = [];
  for (let rij = 1; rij <= tot; rij++) {
    let regelsRij = 0;
    let titel = false;
    for (const [kolom, c] of cellen.get(rij) ?? []) {
      titel ||= c.titel && rij === 1;
      if (c.tekst !== undefined && breedte(kolom) > 0 && terugloop.some((r) => bevat(r, rij, kolom)))
        regelsRij = Math.max(regelsRij, regels(c.tekst, breedte(kolom)));
    }
    const h = titel ? REGEL * 1.25 : Math.max(1, regelsRij) * REGEL;
    hoogtes.push(h);
    if (regelsRij > 0) gewrapt.push({ rij, hoogte: h });
  }
  return { hoogtes, gewrapt };
}

/**
 * Lays the rows out on pages (titles repeated after the first page) and starts a new page before a chart that would
 * be cut in two. Returns the pages and the rows where a page break goes.
 */
function pagineer(
  hoogtes: readonly number[],
  paginaHoogte: number,
  titel: { van: number; tot: number } | undefined,
  grafiekRijen: readonly number[],
): { paginas: number; einden: number[] } {
  const titelHoogte = titel ? hoogtes.slice(titel.van - 1, titel.tot).reduce((a, b) => a + b, 0) : 0;
  let paginas = 1;
  let y = 0;
  const einden: number[] = [];
  const nieuwePagina = (rij: number) => {
    paginas++;
    y = titel && rij > titel.tot ? titelHoogte : 0;
  };
  hoogtes.forEach((h, i) => {
    const rij = i + 1;
    if (grafiekRijen.includes(rij)) {
      const g = hoogtes.slice(i, i + GRAFIEK.rijen).reduce((a, b) => a + b, 0);
      if (y > 0 && y + g > paginaHoogte && g <= paginaHoogte) {
        einden.push(rij);
        nieuwePagina(rij);
      }
    }
    if (y + h > paginaHoogte && y > 0) nieuwePagina(rij);
    y += h;
  });
  return { paginas, einden };
}

/** The print settings of one sheet, from its plan. */
export function afdrukVoor(blad: BladPlan): AfdrukInstelling {
  const { cellen, breedte, terugloop, aanpassingen } = terugloopEnBreedtes(blad);
  const gebied = gebruikt(blad);
  // A line of text (title, explanation) runs on over the empty cells to its right: the print area follows it.
  let laatste = gebied.kolommen;
  for (const r of cellen.values()) {
    for (const [kolom, c] of r) {
      if (c.tekst === undefined || !c.regel) continue;
      let k = kolom;
      for (let w = breedte(k); w < tekstBreedte(c.tekst) && k < kolom + 52; w += breedte(k)) k++;
      if ([...r.keys()].every((ander) => ander <= kolom || ander > k)) laatste = Math.max(laatste, k);
    }
  }
  let breed = 0;
  for (let k = 1; k <= laatste; k++) breed += breedte(k) > 0 ? breedteInPunten(breedte(k)) : 0;
  const pt = (inch: number) => inch * 72;
  const staandBreed = A4.breed - pt(MARGES.links + MARGES.rechts);
  const liggendBreed = A4.hoog - pt(MARGES.links + MARGES.rechts);
  const richting = breed <= staandBreed / STAAND_TOT ? "staand" : "liggend";
  const schaal = Math.min(1, (richting === "staand" ? staandBreed : liggendBreed) / breed);
  const hoogte = (richting === "staand" ? A4.hoog : A4.breed) - pt(MARGES.boven + MARGES.onder);
  const eerste = blad.tabellen[0];
  const titelRijen = eerste ? { van: eerste.start.rij, tot: eerste.start.rij } : undefined;
  const { hoogtes, gewrapt } = rijHoogtes(cellen, terugloop, breedte, gebied.rijen);
  const grafiekRijen = blad.grafieken.map((g) => g.positie.rij);
  const { paginas, einden } = pagineer(hoogtes, hoogte / schaal, titelRijen, grafiekRijen);
  return {
    papier: "A4",
    richting,
    paginasBreed: 1,
    paginasHoog: 0,
    bereik: { rij: 1, kolom: 1, rijen: gebied.rijen, kolommen: laatste },
    ...(titelRijen ? { titelRijen } : {}),
    marges: MARGES,
    koptekst: `&L&"${LETTERTYPE},Regular"&9&A&R&"${LETTERTYPE},Regular"&9Opgave`,
    voettekst: `&C&"${LETTERTYPE},Regular"&9Pagina &P van &N`,
    breedtes: aanpassingen,
    terugloop,
    rijHoogtes: gewrapt,
    paginaEinden: einden,
    lettertype: LETTERTYPE,
    schatting: { schaal: Math.round(schaal * 100) / 100, paginas },
  };
}

// ---------------------------------------------------------------------------------------------------------
// What a refill keeps (both writers)

/**
 * How much of the page layout a fill sets: "volledig" everything, "gebied" only print area and title rows (the rest
 * is the user's), "geen" no page layout (the user's own print area, or a host that cannot set it).
 */
export type AfdrukModus = "volledig" | "gebied" | "geen";

/** The margins as both hosts take them (in inches: the .xlsx file, `setPrintMargins("Inches", …)`). */
export function margesInInch(m: Marges): {
  left: number;
  right: number;
  top: number;
  bottom: number;
  header: number;
  footer: number;
} {
  return {
    left: m.links,
    right: m.rechts,
    top: m.boven,
    bottom: m.onder,
    header: m.koptekst,
    footer: m.voettekst,
  };
}

/**
 * A print area Opgave set: one rectangle that starts at A1 ("Blad!$A$1:$M$27", "A1:M27"). With `pagina` (the plan's
 * range of the sheet, ./afdruk `AfdrukInstelling.bereik`), not one smaller than it both in rows and in columns
 * ("Kosten!$A$1:$D$12" of A1:H32): that one the user set. Opgave's own grows with its tables, and a later layout
 * adds columns or rows to a sheet, hardly both at once.
 */
export function isEigenAfdrukGebied(adres: string, pagina?: Rechthoek): boolean {
  const gebieden = adres.split(/,|&&/);
  const deel = gebieden[0]?.slice(gebieden[0].lastIndexOf("!") + 1).replace(/\$/g, "") ?? "";
  if (gebieden.length !== 1 || !/^A1(:[A-Z]+\d+)?$/i.test(deel)) return false;
  const g = decodeerBereik(deel);
  if (!pagina || !g) return true;
  return !(g.rij2 < pagina.rij + pagina.rijen - 1 && g.kol2 < pagina.kolom + pagina.kolommen - 1);
}

/**
 * Whether the title rows a sheet has (`bestaand`: "1:7", "$1:$7", "Taakstelling!$1:$7", "Taakstelling!A1:XFD7") are
 * the user's: they hold Opgave's (`plan`, its header row) and more ("$1:$7" where Opgave repeats "$7:$7"). A refill
 * keeps them; other title rows it sets to Opgave's, as they follow the table.
 */
export function titelRijenVanGebruiker(
  bestaand: string | undefined,
  plan: { readonly van: number; readonly tot: number } | undefined,
): boolean {
  const rijen = bestaand === undefined ? undefined : titelRijenVan(bestaand);
  if (!rijen || !plan) return false;
  const { van, tot } = rijen;
  return van <= plan.van && tot >= plan.tot && (van !== plan.van || tot !== plan.tot);
}

/**
 * The rows of a print title address ("1:7", "$1:$7", "Taakstelling!$1:$7", "Taakstelling!A1:XFD7"); undefined for
 * anything else (several areas, columns).
 */
export function titelRijenVan(adres: string): { van: number; tot: number } | undefined {
  if (adres.includes(",")) return undefined;
  const deel = adres.slice(adres.lastIndexOf("!") + 1).replace(/\$/g, "");
  const rijen = /^(\d+):(\d+)$/.exec(deel);
  if (rijen) return { van: Number(rijen[1]), tot: Number(rijen[2]) };
  const g = decodeerBereik(deel);
  return g && g.kol1 === 1 ? { van: g.rij1, tot: g.rij2 } : undefined;
}

/**
 * What a fill sets of a sheet's page layout. `gebied`: the sheet's print area as it is (undefined: none). A sheet
 * without one gets everything (one Opgave creates, or one filled before Opgave set print settings); once it has one,
 * the page setup is the user's: a refill sets only the print area and the title rows, and only while the print area
 * is still Opgave's (it must follow the tables as they grow). A print area the user set elsewhere, or smaller than
 * the sheet's page (`pagina`, `isEigenAfdrukGebied`), keeps it all.
 */
export function afdrukModus(kan: boolean, gebied: string | undefined, pagina?: Rechthoek): AfdrukModus {
  if (!kan) return "geen";
  if (gebied === undefined) return "volledig";
  return isEigenAfdrukGebied(gebied, pagina) ? "gebied" : "geen";
}

/**
 * Where the tables a refill leaves alone stand (`gelaten`, ./afdruk `zonderOvergeslagen`), with the print area the
 * sheet has (`gebied`, when Opgave's: `isEigenAfdrukGebied`): a table left alone may stand lower than the plan has
 * it (a row inserted above it, which moved the print area's end with it), and the refill does not cut it off.
 */
export function gelatenGebieden(gelaten: readonly Rechthoek[], gebied: string | undefined): Rechthoek[] {
  if (gelaten.length === 0 || gebied === undefined || !isEigenAfdrukGebied(gebied)) return [...gelaten];
  const g = decodeerBereik(gebied.slice(gebied.lastIndexOf("!") + 1));
  return g ? [...gelaten, rechthoekTussen(g.rij1, g.kol1, g.rij2, g.kol2)] : [...gelaten];
}

/**
 * The print area: the plan's range, grown to cover the tables as written (`tabellen`, header and body; a refill may
 * make one longer or wider than the plan: orphan rows, the user's columns at the end).
 */
export function afdrukBereik(blad: BladPlan, a: AfdrukInstelling, tabellen: readonly Rechthoek[]): Rechthoek {
  let { rijen, kolommen } = a.bereik;
  for (const t of tabellen) {
    // The totals row below a table is part of the plan's range already; a longer table pushes it down.
    const totaal = blad.tabellen.some((p) => p.start.rij === t.rij && p.start.kolom === t.kolom && p.totaal)
      ? 1
      : 0;
    rijen = Math.max(rijen, t.rij + t.rijen - 1 + totaal);
    kolommen = Math.max(kolommen, t.kolom + t.kolommen - 1);
  }
  return { rij: 1, kolom: 1, rijen, kolommen };
}

// ---------------------------------------------------------------------------------------------------------
// exceljs (./xlsxWriter)

/** A row's height as a refill found it, with the texts its height depends on (`gevondenHoogtes`). */
export interface GevondenHoogte {
  readonly hoogte: number;
  readonly teksten: string;
}

/** The texts of the cells of row `rij` that wrap (`a.terugloop`): what Opgave estimates the row's height from. */
function terugloopTeksten(ws: ExcelJS.Worksheet, a: AfdrukInstelling, rij: number): string {
  const uit: string[] = [];
  const row = ws.findRow(rij);
  for (const r of a.terugloop) {
    if (rij < r.rij || rij >= r.rij + r.rijen) continue;
    for (let k = r.kolom; k < r.kolom + r.kolommen; k++) {
      const v = row?.findCell(k)?.value;
      uit.push(typeof v === "string" ? v : "");
    }
  }
  return uit.join("\u0000");
}

/**
 * Before a refill writes a sheet: the height of each row Opgave sizes (`a.rijHoogtes`) that has one, and its
 * wrapping texts. `zetAfdrukXlsx` keeps a height whose texts did not change — the user's (Excel's AutoFit, a row
 * dragged smaller), or Opgave's own, which the same texts would give again — and sizes a row whose text changed.
 */
export function gevondenHoogtes(ws: ExcelJS.Worksheet, a: AfdrukInstelling): Map<number, GevondenHoogte> {
  const uit = new Map<number, GevondenHoogte>();
  for (const { rij } of a.rijHoogtes) {
    const hoogte = ws.findRow(rij)?.height;
    if (hoogte !== undefined) uit.set(rij, { hoogte, teksten: terugloopTeksten(ws, a, rij) });
  }
  return uit;
}

/**
 * Applies the settings to a sheet exceljs wrote, as `zetAfdruk` (Office.js) does: the page layout as far as
 * `afdrukModus` allows (the sheet's print area as read from the file; a new sheet has none), the print area over
 * `bereik` (`afdrukBereik`), and always the wrapping of long text and its row heights. `nieuw`: the sheet did not
 * exist before; on a refill a column keeps a width the user chose (one that is not the plan's), and a row the height
 * it had where its wrapping texts are the same (`gevonden`: `gevondenHoogtes` before the refill wrote the sheet).
 */
export function zetAfdrukXlsx(
  ws: ExcelJS.Worksheet,
  a: AfdrukInstelling,
  opties: {
    readonly nieuw: boolean;
    readonly bereik: Rechthoek;
    readonly gevonden?: ReadonlyMap<number, GevondenHoogte>;
    /** Opgave's cells (on a refill the sheet holds the user's too): only these are aligned to the top. */
    readonly vanOpgave?: readonly Rechthoek[];
  },
): void {
  const { nieuw, bereik } = opties;
  const modus = afdrukModus(true, nieuw ? undefined : (ws.pageSetup.printArea ?? undefined), a.bereik);
  if (modus === "volledig") zetPaginaXlsx(ws, a);
  if (modus !== "geen") {
    // exceljs writes the sheet name of a print area or title rows between quotes without doubling a quote inside
    // it ("Veiligheidsregio's" would make the defined name invalid): such a sheet prints its used range, without
    // titles.
    const veiligeNaam = !ws.name.includes("'");
    ws.pageSetup.printArea = veiligeNaam ? rechthoekBereik(bereik) : undefined;
    // Title rows the user widened (rows 1 to 7 where Opgave repeats 7) stay.
    if (!titelRijenVanGebruiker(ws.pageSetup.printTitlesRow ?? undefined, a.titelRijen))
      ws.pageSetup.printTitlesRow =
        veiligeNaam && a.titelRijen ? `${a.titelRijen.van}:${a.titelRijen.tot}` : undefined;
  }
  for (const b of a.breedtes) {
    const kolom = ws.getColumn(b.kolom);
    if (nieuw || kolom.width === undefined || kolom.width === b.planBreedte) kolom.width = b.breedte;
  }
  for (const r of a.terugloop) {
    for (let i = 0; i < r.rijen; i++) {
      for (let j = 0; j < r.kolommen; j++) {
        const cel = ws.getCell(r.rij + i, r.kolom + j);
        // A style object of its own: exceljs shares one between the cells of a style (./xlsxWriter `kopie`).
        cel.style = { ...cel.style, alignment: { ...cel.style.alignment, wrapText: true, vertical: "top" } };
      }
    }
  }
  for (const { rij, hoogte } of a.rijHoogtes) {
    const r = ws.getRow(rij);
    const was = opties.gevonden?.get(rij);
    r.height = was && was.teksten === terugloopTeksten(ws, a, rij) ? was.hoogte : hoogte;
    // The row's other cells of Opgave's (a label beside wrapped text) to the top too, unless an alignment was chosen;
    // a cell of the user's keeps the alignment it has.
    r.eachCell((cel, kolom) => {
      const vanOpgave = opties.vanOpgave ? bevatEen(opties.vanOpgave, rij, kolom) : true;
      if (vanOpgave && cel.style.alignment?.vertical === undefined)
        cel.style = { ...cel.style, alignment: { ...cel.style.alignment, vertical: "top" } };
    });
  }
  benoemLettertype(ws, a);
  if (modus !== "volledig") return;
  // The row breaks the sheet had (./xlsxWriter `zetRijEinden`; not in exceljs's typings): one already there is not
  // added twice.
  const einden = (ws as unknown as { rowBreaks?: { id: number }[] }).rowBreaks ?? [];
  for (const rij of a.paginaEinden) {
    if (!einden.some((b) => b.id === rij - 1)) ws.getRow(rij - 1).addPageBreak();
  }
}

/** Paper, orientation, fit, margins, header and footer. */
function zetPaginaXlsx(ws: ExcelJS.Worksheet, a: AfdrukInstelling): void {
  Object.assign(ws.pageSetup, {
    paperSize: 9,
    orientation: a.richting === "liggend" ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: a.paginasBreed,
    fitToHeight: a.paginasHoog,
    horizontalCentered: true,
    margins: margesInInch(a.marges),
  });
  ws.headerFooter = { ...ws.headerFooter, oddHeader: a.koptekst, oddFooter: a.voettekst };
}

/** A font the writer set without a name (bold titles, totals) gets one: LibreOffice would print a serif otherwise. */
function benoemLettertype(ws: ExcelJS.Worksheet, a: AfdrukInstelling): void {
  const { rij, kolom, rijen, kolommen } = a.bereik;
  for (let r = rij; r < rij + rijen; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    for (let k = kolom; k < kolom + kolommen; k++) {
      const cel = row.findCell(k);
      const font = cel?.style.font;
      if (cel && font && !font.name)
        cel.style = { ...cel.style, font: { ...font, name: a.lettertype, family: 2 } };
    }
  }
}
