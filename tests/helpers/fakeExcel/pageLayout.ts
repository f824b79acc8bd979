import { MAX_KOLOMMEN } from "./adressen";
import type { FakeExcel } from "./context";
import { fout } from "./fouten";
import type { FakeBlad, FakeAfdruk } from "./model";
import { bereikVan, FakeCollectie, FakeObject } from "./object";
import { FakeBereik } from "./range";
import { FakeGebieden } from "./rangeAreas";

export const PAPIER = ["Letter", "Legal", "A3", "A4", "A5", "B4", "B5", "Executive", "Tabloid"];

/** Worksheet.pageLayout (ExcelApi 1.9), with what Excel refuses. */
export class FakePaginaIndeling {
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

  set paperSize(p: Excel.PageLayout["paperSize"]) {
    if (!PAPIER.includes(p)) throw fout("InvalidArgument", `papier ${p}`);
    this.zet("pageLayout.paperSize", (a) => void (a.papier = p), p);
  }
  set orientation(r: Excel.PageLayout["orientation"]) {
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
  /**
   * The title rows as whole rows, or a null object where the sheet has none.
   * BEVESTIG in Excel [B36] (scenario "herbevulling"): `getPrintTitleRowsOrNullObject()` of a sheet whose title rows
   * were set to "$1:$7" is a range of rows 1 to 7 whose `address` names them (as "Blad!$1:$7" or "Blad!1:7"), and
   * a null object on a sheet without title rows (documented: PageLayout.getPrintTitleRowsOrNullObject, ExcelApi 1.9)
   */
  getPrintTitleRowsOrNullObject(): FakeBereik {
    return new FakeBereik(
      this.fx,
      () => {
        const b = this.blad();
        const t = b?.afdruk.titelRijen;
        return b && t
          ? { blad: b, rechthoek: { rij: t.van, kolom: 1, rijen: t.tot - t.van + 1, kolommen: MAX_KOLOMMEN } }
          : null;
      },
      `${this.omschrijving}.getPrintTitleRowsOrNullObject()`,
      true,
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

/** A manual page break of the fake: a new page starts at row `rij` of `blad`. */
interface FakePaginaEinde {
  readonly blad: FakeBlad;
  readonly rij: number;
}

/**
 * A PageBreak (ExcelApi 1.9).
 * BEVESTIG in Excel [B34] (scenario "formules-van-gebruiker"): `horizontalPageBreaks.load("items")` lists the
 * sheet's manual row breaks; `getCellAfterBreak()` of one is the first cell of the row a page starts at (column A),
 * its `rowIndex` counting from 0; a break stays on its row number when values are written around it
 */
export class FakePaginaEindeProxy extends FakeObject<FakePaginaEinde> {
  protected lees(eigenschap: string): unknown {
    throw fout("InvalidArgument", `fake PageBreak kent ${eigenschap} niet`);
  }

  getCellAfterBreak(): FakeBereik {
    return new FakeBereik(
      this.fx,
      () => {
        const e = this.zoek();
        return e ? { blad: e.blad, rechthoek: { rij: e.rij, kolom: 1, rijen: 1, kolommen: 1 } } : null;
      },
      `${this.omschrijving}.getCellAfterBreak()`,
    );
  }
}

/** Worksheet.horizontalPageBreaks (ExcelApi 1.9): a page starts at the range's first row. */
export class FakePaginaEinden extends FakeCollectie<FakePaginaEinde, FakePaginaEindeProxy> {
  constructor(
    fx: FakeExcel,
    private readonly blad: () => FakeBlad | null,
    omschrijving: string,
  ) {
    super(
      fx,
      () => {
        const b = blad();
        return b ? [...b.paginaEinden].sort((x, y) => x - y).map((rij) => ({ blad: b, rij })) : null;
      },
      omschrijving,
    );
  }

  protected item(e: FakePaginaEinde): FakePaginaEindeProxy {
    return new FakePaginaEindeProxy(this.fx, () => e, `${this.omschrijving}[rij ${e.rij}]`);
  }

  add(bereik: FakeBereik | string): FakePaginaEindeProxy {
    let gemaakt: FakePaginaEinde | null = null;
    this.fx.voegToe(
      "horizontalPageBreaks.add",
      this.omschrijving,
      () => {
        const b = this.blad();
        if (!b) throw fout("ItemNotFound", this.omschrijving);
        const rij = bereikVan(this.fx, bereik, () => b).rechthoek.rij;
        if (rij < 2) throw fout("InvalidArgument", "pagina-einde boven rij 2");
        if (!b.paginaEinden.includes(rij)) b.paginaEinden.push(rij);
        gemaakt = { blad: b, rij };
      },
      typeof bereik === "string" ? bereik : undefined,
    );
    return new FakePaginaEindeProxy(this.fx, () => gemaakt, `${this.omschrijving}.add()`);
  }
}
