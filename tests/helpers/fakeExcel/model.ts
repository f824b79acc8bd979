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
  /** Its further ranges, for a format applied to several (as selecting with Ctrl makes one). */
  overig?: FakeRechthoek[];
  soort: string;
  formule?: string;
  vulling?: string;
  tekstKleur?: string;
}

/** Every range a conditional format is applied to. */
export function gebiedenVan(o: FakeOpmaak): FakeRechthoek[] {
  return [o.rechthoek, ...(o.overig ?? [])];
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

// BEVESTIG in Excel [B16] (scenario "overzicht (afdruk)"): a new sheet starts as Letter, portrait, 100 %, margins 51/51/54/54/21.6/21.6 pt (en-US defaults; differ per locale)
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
  /** Threaded comments (Excel's "opmerkingen") by A1 address, their text only. */
  readonly opmerkingen = new Map<string, string>();
  /** Hyperlinks by A1 address of their cell (Range.hyperlink, ExcelApi 1.7; set by tests too). */
  readonly hyperlinks = new Map<string, Excel.RangeHyperlink>();
  /** Data validations by A1 address of their cell. */
  readonly validaties = new Map<string, FakeValidatie>();
  /** Conditional formats, highest priority first. */
  readonly opmaak: FakeOpmaak[] = [];
  /** Frozen panes: rows at the top and columns at the left that stay in view. */
  bevroren: { rijen: number; kolommen: number } | undefined;
  /** 1-based hidden columns. */
  readonly verborgenKolommen = new Set<number>();
  /** Hidden rows (`Range.rowHidden`): they stay on their row number while values are written. */
  readonly verborgenRijen = new Set<number>();
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
  /** The sheet a name is scoped to (Excel: `worksheet.names`); undefined: the workbook's (`workbook.names`). */
  bereik?: FakeBlad;
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
