import { overlapt } from "../../../src/workbook/a1";
import { a1, gelijkeNaam, rechthoekAdres } from "./adressen";
import type { FakeExcel } from "./context";
import { fout } from "./fouten";
import type { FakeBlad, FakeRechthoek, FakeTabel, FakeWaarde } from "./model";
import { FakeCollectie, FakeObject, bereikVan, schrijfbaar } from "./object";
import { FakeBereik } from "./range";
import { controleerTabelNaam } from "./werkmap";
import { FakeWerkblad } from "./worksheet";

export class FakeTabelProxy extends FakeObject<FakeTabel> {
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
        controleerTabelNaam(naam);
        this.fx.werkmap.controleerNaamVrij(naam, t);
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
export class FakeTabelKolom extends FakeObject<{ tabel: FakeTabel; index: number }> {
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
export class FakeTabelKolommen extends FakeObject<FakeTabel> {
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

export class FakeTabellen extends FakeCollectie<FakeTabel, FakeTabelProxy> {
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
        wm.controleerTabel(t, undefined);
        // BEVESTIG in Excel [B14] (scenario "eerste vulling"): tables.add on a header-only range inserts one empty body row below the header: the cells below (in the table's columns) are pushed down
        if (t.rijen < 2) {
          wm.voegRijIn(d.blad, t.rij + 1, t.kolom, t.kolom + t.kolommen - 1);
          t.rijen = 2;
        }
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
