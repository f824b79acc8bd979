import { overlapt } from "../../../src/workbook/a1";
import { a1, bladVoorvoegsel, parseerBereik, rechthoekAdres, MAX_RIJEN } from "./adressen";
import { FakeUitkomst } from "./chart";
import { FakeOpmaakCollectie } from "./conditionalFormat";
import type { FakeExcel } from "./context";
import { FakeValidatieProxy } from "./dataValidation";
import { fout } from "./fouten";
import type { FakeCel } from "./model";
import { FakeObject, bereikTekst, bereikVan, schrijfbaar, type BereikDoel, type Resolver } from "./object";
import { FakeGebieden } from "./rangeAreas";
import { FakeBereikOpmaak } from "./rangeFormat";
import { typ } from "./werkmap";
import { FakeWerkblad } from "./worksheet";

/** Hides (or shows) the sheet rows or columns `van` to `van + aantal - 1`: their numbers in `verborgen`. */
function verberg(verborgen: Set<number>, van: number, aantal: number, v: boolean): void {
  for (let i = van; i < van + aantal; i++) {
    if (v) verborgen.add(i);
    else verborgen.delete(i);
  }
}

export class FakeBereik extends FakeObject<BereikDoel> {
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
      () =>
        new FakeOpmaakCollectie(
          this.fx,
          () => {
            const d = this.zoek();
            return d ? [d] : null;
          },
          `${this.omschrijving}.conditionalFormats`,
        ),
    );
  }

  /**
   * ExcelApi 1.7: the link of every cell of the range (a link stays on its cell when values are written there).
   * BEVESTIG in Excel [B26] (scenario "hervulling (formules van de gebruiker)"): writing `values` into a linked cell
   * keeps its link; getCellProperties({ hyperlink: true }) gives a cell's link as set (address, documentReference
   * "Blad!B25", screenTip, …) and none (undefined or null) for a cell without one
   */
  set hyperlink(h: Excel.RangeHyperlink) {
    const kopie = { ...h };
    this.opdracht(
      "hyperlink",
      (d) => {
        schrijfbaar(d.blad);
        for (let r = 0; r < d.rechthoek.rijen; r++)
          for (let k = 0; k < d.rechthoek.kolommen; k++)
            d.blad.hyperlinks.set(a1(d.rechthoek.rij + r, d.rechthoek.kolom + k), { ...kopie });
      },
      kopie,
    );
  }

  /** ExcelApi 1.9: of each cell, the properties asked for (only `hyperlink` is modelled). */
  getCellProperties(welke: { hyperlink?: boolean }): FakeUitkomst<Excel.CellProperties[][]> {
    const uitkomst = new FakeUitkomst<Excel.CellProperties[][]>(`${this.omschrijving}.getCellProperties`);
    this.fx.voegToe(
      "getCellProperties",
      () => this.beschrijf(),
      () => {
        const { blad, rechthoek: r } = this.doel();
        const rijen: Excel.CellProperties[][] = [];
        for (let i = 0; i < r.rijen; i++) {
          const rij: Excel.CellProperties[] = [];
          for (let j = 0; j < r.kolommen; j++) {
            const link = blad.hyperlinks.get(a1(r.rij + i, r.kolom + j));
            rij.push(welke.hyperlink && link ? { hyperlink: { ...link } } : {});
          }
          rijen.push(rij);
        }
        uitkomst.zet(rijen);
        this.fx.telAntwoord(rijen);
      },
    );
    return uitkomst;
  }

  /**
   * ExcelApi 1.9: the cells of the range that have a data validation, as areas; a null object when none has one.
   * Only "DataValidations" is modelled.
   * BEVESTIG in Excel [B29] (scenario "hervulling (formules van de gebruiker)"): getSpecialCellsOrNullObject(
   * "DataValidations") of a sheet's whole range gives every cell with a validation, Opgave's and the user's alike;
   * how Excel groups them into areas is not known, so the fake makes runs along each row (where Opgave's column and
   * a cell of the user's next to it meet, one area holds both: the reader must not depend on the grouping)
   */
  getSpecialCellsOrNullObject(soort: string, waarden?: string): FakeGebieden {
    if (soort !== "DataValidations" || waarden !== undefined)
      throw fout("NotImplemented", `fake: getSpecialCells(${soort})`);
    const zoek = (): BereikDoel[] | null => {
      const d = this.zoek();
      if (!d) return null;
      const cellen = [...d.blad.validaties.keys()]
        .map((a) => parseerBereik(a).rechthoek)
        .filter((c) => overlapt(c, d.rechthoek))
        .sort((x, y) => x.rij - y.rij || x.kolom - y.kolom);
      const runs: BereikDoel[] = [];
      for (const c of cellen) {
        const vorige = runs[runs.length - 1]?.rechthoek;
        if (vorige && vorige.rij === c.rij && vorige.kolom + vorige.kolommen === c.kolom)
          vorige.kolommen += 1;
        else runs.push({ blad: d.blad, rechthoek: { rij: c.rij, kolom: c.kolom, rijen: 1, kolommen: 1 } });
      }
      return runs.length > 0 ? runs : null;
    };
    return new FakeGebieden(
      this.fx,
      zoek,
      `${this.omschrijving}.getSpecialCellsOrNullObject(${soort})`,
      true,
    );
  }

  /** ExcelApi 1.2: hides (shows) the whole columns of the range. */
  get columnHidden(): boolean {
    return this.geladenWaarde("columnHidden");
  }
  set columnHidden(v: boolean) {
    this.opdracht(
      "columnHidden",
      (d) => verberg(d.blad.verborgenKolommen, d.rechthoek.kolom, d.rechthoek.kolommen, v),
      v,
    );
  }

  /**
   * ExcelApi 1.2: hides (shows) the whole rows of the range; read: true when every row is hidden, false when none is,
   * null when some are (as Office.js documents it; its type says boolean).
   * BEVESTIG in Excel [B33] (scenario "formules-van-gebruiker"): `rowHidden` of a range of rows reads null where
   * some of them are hidden; a hidden row stays hidden on its row number when values are written into it (as a note
   * stays on its cell)
   */
  get rowHidden(): boolean {
    return this.geladenWaarde("rowHidden");
  }
  set rowHidden(v: boolean) {
    this.opdracht(
      "rowHidden",
      (d) => verberg(d.blad.verborgenRijen, d.rechthoek.rij, d.rechthoek.rijen, v),
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
      // BEVESTIG in Excel [B8] (scenario "hervulling (groot werkboek)"): reading more than five million cells fails with RangeExceedsLimit
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
      // BEVESTIG in Excel [B3] (scenario "hervulling"): Range.formulas of a constant returns the constant (text "=abc" reads the same through values and formulas)
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
      case "rowHidden": {
        let verborgen = 0;
        for (let k = r.rij; k < r.rij + r.rijen; k++) if (d.blad.verborgenRijen.has(k)) verborgen++;
        return verborgen === 0 ? false : verborgen === r.rijen ? true : null;
      }
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
          for (const m of [d.blad.notities, d.blad.opmerkingen, d.blad.hyperlinks, d.blad.validaties])
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
          // BEVESTIG in Excel [B1] (scenario "eerste vulling"): null in a written values/formulas matrix leaves that cell unchanged (docs: Range.values, "null input in 2-D array")
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

/**
 * AutoExpand (only when `FakeExcel.autoUitbreiden`, see the header): a table without a totals row whose row directly
 * below got a non-empty value from this write grows by that row; a calculated column fills the new empty cell.
 */
// BEVESTIG in Excel [B9] (scenario "overzicht"): AutoExpand applies to API writes: a value written directly under a table without totals row grows the table (only with autoUitbreiden)
export function breidTabellenUit(fx: FakeExcel, d: BereikDoel, m: unknown[][]): void {
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
