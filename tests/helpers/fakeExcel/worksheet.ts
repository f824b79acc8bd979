import { MAX_KOLOMMEN, MAX_RIJEN, parseerBereik } from "./adressen";
import { FakeGrafieken } from "./chart";
import type { FakeExcel } from "./context";
import { fout } from "./fouten";
import { FakeBevriezing } from "./freezePanes";
import type { FakeBlad, FakeRechthoek } from "./model";
import { FakeCollectie, FakeObject, type BereikDoel, type Resolver } from "./object";
import { FakePaginaEinden, FakePaginaIndeling } from "./pageLayout";
import { FakeBereik } from "./range";
import { FakeNamen } from "./names";
import { FakeNotities } from "./notes";
import { FakeGebieden } from "./rangeAreas";
import { FakeTabellen } from "./table";

export class FakeWerkblad extends FakeObject<FakeBlad> {
  readonly tables: FakeTabellen;
  readonly charts: FakeGrafieken;
  /** ExcelApi 1.7. */
  readonly freezePanes: FakeBevriezing;
  /** ExcelApi 1.9. */
  readonly pageLayout: FakePaginaIndeling;
  readonly horizontalPageBreaks: FakePaginaEinden;
  /** ExcelApi 1.4: the names scoped to this sheet. */
  // BEVESTIG in Excel [B23] (scenario "hervulling (formules van de gebruiker)"): worksheet.names lists the names scoped to that sheet, workbook.names only the workbook's; a name's formula reads "=Blad!$F$30"
  readonly names: FakeNamen;
  /** ExcelApi 1.18: the sheet's notes. */
  readonly notes: FakeNotities;
  /** ExcelApi 1.10: the sheet's threaded comments. */
  readonly comments: FakeNotities;

  constructor(fx: FakeExcel, zoek: Resolver<FakeBlad>, omschrijving: string, ofNull = false) {
    super(fx, zoek, omschrijving, ofNull);
    this.tables = new FakeTabellen(fx, () => this.zoek(), `${omschrijving}.tables`);
    this.charts = new FakeGrafieken(fx, () => this.zoek(), `${omschrijving}.charts`);
    this.freezePanes = new FakeBevriezing(fx, () => this.zoek(), `${omschrijving}.freezePanes`);
    this.pageLayout = new FakePaginaIndeling(fx, () => this.zoek(), `${omschrijving}.pageLayout`);
    this.names = new FakeNamen(
      fx,
      () => {
        const blad = this.zoek();
        return blad ? fx.werkmap.namen.filter((n) => n.bereik === blad) : null;
      },
      `${omschrijving}.names`,
      () => this.zoek(),
    );
    this.notes = new FakeNotities(fx, () => this.zoek(), `${omschrijving}.notes`);
    this.comments = new FakeNotities(fx, () => this.zoek(), `${omschrijving}.comments`, "opmerkingen");
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
  get visibility(): Excel.Worksheet["visibility"] {
    return this.geladenWaarde("visibility");
  }

  /** ExcelApi 1.9. The matches are found at the next sync (null object when there are none). */
  // BEVESTIG in Excel [B12] (scenario "feedupdate"): findAll searches what the formula bar shows (the formula, else the constant), never hidden sheets; areas are vertical runs per column
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

  /**
   * The smallest rectangle with every cell that holds a value or formula (`valuesOnly`; without it, also cells with
   * only a format); a null object for an empty sheet. ExcelApi 1.4.
   */
  // BEVESTIG in Excel [B22] (scenario "hervulling (formules van de gebruiker)"): the used range with valuesOnly, null when empty
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeBereik {
    const zoek = (): BereikDoel | null => {
      const blad = this.zoek();
      if (!blad) return null;
      const gebruikt = [...blad.cellen.entries()]
        .filter(([, c]) => (c.formule ?? c.waarde ?? "") !== "" || (!valuesOnly && (c.notatie ?? c.vulling)))
        .map(([adres]) => parseerBereik(adres).rechthoek);
      if (gebruikt.length === 0) return null;
      const [r1, k1] = [Math.min(...gebruikt.map((g) => g.rij)), Math.min(...gebruikt.map((g) => g.kolom))];
      const [r2, k2] = [Math.max(...gebruikt.map((g) => g.rij)), Math.max(...gebruikt.map((g) => g.kolom))];
      return { blad, rechthoek: { rij: r1, kolom: k1, rijen: r2 - r1 + 1, kolommen: k2 - k1 + 1 } };
    };
    return new FakeBereik(this.fx, zoek, `${this.omschrijving}.getUsedRangeOrNullObject()`, true);
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

  /** ExcelApi 1.9: ranges of this sheet, "D5, D12" or "D5; D12:E12" (no sheet names; without: not modelled). */
  getRanges(adressen?: string): FakeGebieden {
    if (adressen === undefined) throw fout("NotImplemented", "fake: getRanges() zonder adressen");
    const rechthoeken = adressen.split(/[,;]/).map((a) => parseerBereik(a.trim()).rechthoek);
    return new FakeGebieden(
      this.fx,
      () => {
        const blad = this.zoek();
        return blad ? rechthoeken.map((rechthoek) => ({ blad, rechthoek })) : null;
      },
      `${this.omschrijving}.getRanges(${adressen})`,
    );
  }
}

/** Cells whose formula (else constant) contains / equals `tekst`, as vertical runs per column. */
export function zoekCellen(
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

export class FakeWerkbladen extends FakeCollectie<FakeBlad, FakeWerkblad> {
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
