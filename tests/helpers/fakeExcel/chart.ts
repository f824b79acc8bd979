import { gelijkeNaam, rechthoekAdres } from "./adressen";
import type { FakeExcel } from "./context";
import { fout } from "./fouten";
import type { FakeBlad, FakeGrafiek, FakeReeks } from "./model";
import { FakeCollectie, FakeObject, bereikTekst, type Resolver } from "./object";
import type { FakeBereik } from "./range";

export class FakeReeksProxy extends FakeObject<FakeReeks> {
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
  /** ExcelApi 1.15: the series' source as text, at the next sync ("" for a dimension it has none of). */
  // BEVESTIG in Excel [B24] (scenario "hervulling (formules van de gebruiker)"): getDimensionDataSourceString("Values" | "Categories") gives the source as a reference ("Blad!$F$9:$F$20", with or without "="), "" where the series has none
  getDimensionDataSourceString(
    dimensie: Excel.ChartSeriesDimension | "Categories" | "Values" | "XValues" | "YValues" | "BubbleSizes",
  ): FakeUitkomst<string> {
    const uitkomst = new FakeUitkomst<string>(`${this.omschrijving}.getDimensionDataSourceString`);
    this.fx.voegToe("series.getDimensionDataSourceString", this.omschrijving, () => {
      const r = this.doel();
      const bron = dimensie === "Values" ? r.waarden : dimensie === "Categories" ? r.categorieen : undefined;
      uitkomst.zet(bron === undefined ? "" : `=${absoluut(bron)}`);
      this.fx.telAntwoord(uitkomst.value);
    });
    return uitkomst;
  }
}

/** "Blad!F9:F20" as Excel writes a series' source: "Blad!$F$9:$F$20". */
function absoluut(bron: string): string {
  const uitroep = bron.lastIndexOf("!");
  const adres = bron.slice(uitroep + 1).replace(/([A-Z]+)(\d+)/g, (_m, k: string, r: string) => `$${k}$${r}`);
  return `${bron.slice(0, uitroep + 1)}${adres}`;
}

/** Office.js's ClientResult: its value once the sync that computes it has run. */
export class FakeUitkomst<T> {
  private gezet = false;
  private waarde: T | undefined;

  constructor(private readonly omschrijving: string) {}

  zet(waarde: T): void {
    [this.gezet, this.waarde] = [true, waarde];
  }

  get value(): T {
    if (!this.gezet) throw fout("PropertyNotLoaded", `${this.omschrijving}: nog niet gesynchroniseerd`);
    return this.waarde as T;
  }
}

export class FakeReeksen extends FakeCollectie<FakeReeks, FakeReeksProxy> {
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

export class FakeGrafiekProxy extends FakeObject<{ blad: FakeBlad; grafiek: FakeGrafiek }> {
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

export class FakeGrafieken extends FakeCollectie<FakeGrafiek, FakeGrafiekProxy> {
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
