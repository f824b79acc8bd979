import { overlapt } from "../../../src/workbook/a1";
import type { FakeExcel } from "./context";
import { fout } from "./fouten";
import { gebiedenVan, type FakeBlad, type FakeOpmaak } from "./model";
import { FakeCollectie, FakeObject, bereikTekst, type BereikDoel, type Resolver } from "./object";
import { FakeBereik } from "./range";
import { FakeGebieden } from "./rangeAreas";

export function controleerKleur(kleur: string): void {
  if (!/^#[0-9A-Fa-f]{6}$/.test(kleur) && !/^[A-Za-z]+$/.test(kleur))
    throw fout("InvalidArgument", `kleur ${kleur}`);
}

/** ConditionalFormatRule of a custom format: its formula (en-US, A1, relative to the range's top-left cell). */
// BEVESTIG in Excel [B31] (scenario "hervulling (formules van de gebruiker)"): a format's rule.formula is written for the first cell of its (first) range
export class FakeOpmaakRegel extends FakeObject<FakeOpmaak> {
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
export class FakeAangepasteOpmaak extends FakeObject<FakeOpmaak> {
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
export class FakeOpmaakProxy extends FakeObject<FakeOpmaak> {
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
  get type(): Excel.ConditionalFormat["type"] {
    return this.geladenWaarde("type");
  }
  get priority(): number {
    return this.geladenWaarde("priority");
  }
  /**
   * ExcelApi 1.6: the format's place in its sheet's order (0 first); setting it moves the format there and the
   * others along, so the order stays contiguous. As documented: a place past the end is the last, a negative one
   * counts from the back (-1 the last); one that is no whole number is refused (not documented).
   * BEVESTIG in Excel [B35] (scenario "herbevulling"): `add` puts a format first (priority 0); setting `priority`
   * moves it to that place in the sheet's order, the one Excel's rules manager shows for the sheet
   */
  set priority(p: number) {
    this.opdracht(
      "conditionalFormat.priority",
      (o) => {
        const lijst = this.blad()?.opmaak ?? [];
        if (!Number.isInteger(p)) throw fout("InvalidArgument", `fake ConditionalFormat.priority ${p}`);
        const plek = Math.min(lijst.length - 1, Math.max(0, p < 0 ? lijst.length + p : p));
        lijst.splice(lijst.indexOf(o), 1);
        lijst.splice(plek, 0, o);
      },
      p,
    );
  }
  /**
   * ExcelApi 1.6: the range the format is applied to; a null object for a format over several ranges (as documented).
   * BEVESTIG in Excel [B27] (scenario "hervulling (formules van de gebruiker)"): getRangeOrNullObject() of a
   * format on one range gives that range ("Blad!F20", "Blad!K9:K59")
   */
  getRangeOrNullObject(): FakeBereik {
    return new FakeBereik(
      this.fx,
      () => {
        const [o, blad] = [this.zoek(), this.blad()];
        return o && blad?.opmaak.includes(o) && !o.overig?.length ? { blad, rechthoek: o.rechthoek } : null;
      },
      `${this.omschrijving}.getRangeOrNullObject()`,
      true,
    );
  }

  /**
   * ExcelApi 1.9: every range the format is applied to, as areas.
   * BEVESTIG in Excel [B28] (scenario "hervulling (formules van de gebruiker)"): getRanges() of a format over
   * several ranges gives each as an area ("Blad!F45", "Blad!H50"), in the order of its "Applies to"
   */
  getRanges(): FakeGebieden {
    return new FakeGebieden(
      this.fx,
      () => {
        const [o, blad] = [this.zoek(), this.blad()];
        if (!o || !blad?.opmaak.includes(o)) throw fout("ItemNotFound", `${this.omschrijving}.getRanges()`);
        return gebiedenVan(o).map((rechthoek) => ({ blad, rechthoek }));
      },
      `${this.omschrijving}.getRanges()`,
    );
  }
  delete(): void {
    this.opdracht("conditionalFormat.delete", (o) => {
      const lijst = this.blad()?.opmaak ?? [];
      lijst.splice(lijst.indexOf(o), 1);
    });
  }
}

/**
 * Range.conditionalFormats (and RangeAreas.conditionalFormats, ExcelApi 1.9: `bereiken` of one sheet): the formats
 * that intersect the range(s), in priority order; `add` puts one on top, applied to every range.
 */
export class FakeOpmaakCollectie extends FakeCollectie<FakeOpmaak, FakeOpmaakProxy> {
  constructor(
    fx: FakeExcel,
    private readonly bereiken: Resolver<BereikDoel[]>,
    omschrijving: string,
  ) {
    super(
      fx,
      () => {
        const d = bereiken();
        const blad = d?.[0]?.blad;
        if (!d || !blad) return null;
        return blad.opmaak.filter((o) => gebiedenVan(o).some((r) => d.some((x) => overlapt(r, x.rechthoek))));
      },
      omschrijving,
    );
  }

  protected item(o: FakeOpmaak): FakeOpmaakProxy {
    const blad = () => this.bereiken()?.[0]?.blad ?? null;
    return new FakeOpmaakProxy(this.fx, () => (blad()?.opmaak.includes(o) ? o : null), `opmaak`, blad);
  }

  add(soort: string): FakeOpmaakProxy {
    let gemaakt: FakeOpmaak | null = null;
    const blad = () => this.bereiken()?.[0]?.blad ?? null;
    this.fx.voegToe(
      "conditionalFormats.add",
      () => this.bereiken()?.map(bereikTekst).join(",") ?? this.omschrijving,
      () => {
        const [eerste, ...overig] = this.bereiken() ?? [];
        if (!eerste) throw fout("ItemNotFound", this.omschrijving);
        if (soort !== "Custom") throw fout("NotImplemented", `fake: alleen Custom, niet ${soort}`);
        gemaakt = { rechthoek: { ...eerste.rechthoek }, soort };
        if (overig.length > 0) gemaakt.overig = overig.map((d) => ({ ...d.rechthoek }));
        eerste.blad.opmaak.unshift(gemaakt);
      },
      soort,
    );
    return new FakeOpmaakProxy(this.fx, () => gemaakt, `conditionalFormats.add(${soort})`, blad);
  }
}
