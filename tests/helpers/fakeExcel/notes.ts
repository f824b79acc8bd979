import { a1, parseerBereik } from "./adressen";
import type { FakeExcel } from "./context";
import { fout } from "./fouten";
import type { FakeBlad } from "./model";
import { bereikVan, FakeCollectie, FakeObject } from "./object";
import { FakeBereik } from "./range";

/** Notes (ExcelApi 1.18) or threaded comments (ExcelApi 1.10): the fake keeps both by address, text only. */
export type NotitieSoort = "notities" | "opmerkingen";

/** A note or comment as the collection finds it: its sheet, cell and kind. */
interface FakeNotitie {
  readonly blad: FakeBlad;
  readonly adres: string;
  readonly soort: NotitieSoort;
}

/** ExcelApi 1.18: a note (the fake's `notities`); ExcelApi 1.10: a threaded comment (`opmerkingen`). */
export class FakeNotitieProxy extends FakeObject<FakeNotitie> {
  protected lees(eigenschap: string, n: FakeNotitie): unknown {
    if (eigenschap === "content") return n.blad[n.soort].get(n.adres) ?? "";
    throw fout("InvalidArgument", `fake Note kent ${eigenschap} niet`);
  }

  get content(): string {
    return this.geladenWaarde("content");
  }

  /** The cell the note is on. */
  getLocation(): FakeBereik {
    return new FakeBereik(
      this.fx,
      () => {
        const n = this.zoek();
        return n ? { blad: n.blad, rechthoek: parseerBereik(n.adres).rechthoek } : null;
      },
      `${this.omschrijving}.getLocation()`,
    );
  }
}

/** `worksheet.notes` (ExcelApi 1.18) or `worksheet.comments` (ExcelApi 1.10): the notes or comments of one sheet. */
// BEVESTIG in Excel [B25] (scenario "hervulling (formules van de gebruiker)"): worksheet.notes lists the sheet's notes (not threaded comments), worksheet.comments its threaded comments (not notes); getLocation() is the cell, its address "Blad!F20"
export class FakeNotities extends FakeCollectie<FakeNotitie, FakeNotitieProxy> {
  constructor(
    fx: FakeExcel,
    private readonly blad: () => FakeBlad | null,
    omschrijving: string,
    private readonly soort: NotitieSoort = "notities",
  ) {
    super(
      fx,
      () => {
        const b = blad();
        return b ? [...b[soort].keys()].map((adres) => ({ blad: b, adres, soort })) : null;
      },
      omschrijving,
    );
  }

  protected item(n: FakeNotitie): FakeNotitieProxy {
    return new FakeNotitieProxy(this.fx, () => n, `notes[${n.adres}]`);
  }

  /** A note or comment on one cell (a range of this sheet's, or its address); kept as text. */
  add(cel: FakeBereik | string, inhoud: unknown, _soortInhoud?: unknown): FakeNotitieProxy {
    void _soortInhoud;
    let gemaakt: FakeNotitie | null = null;
    const tekst =
      typeof inhoud === "object" && inhoud !== null
        ? String((inhoud as { richContent?: unknown }).richContent)
        : String(inhoud);
    this.fx.voegToe(`${this.soort}.add`, typeof cel === "string" ? cel : "", () => {
      const d = bereikVan(this.fx, cel, this.blad);
      if (d.rechthoek.rijen !== 1 || d.rechthoek.kolommen !== 1) throw fout("InvalidArgument", "één cel");
      const adres = a1(d.rechthoek.rij, d.rechthoek.kolom);
      if (d.blad[this.soort].has(adres))
        throw fout("InvalidArgument", `er staat al een ${this.soort} op ${adres}`);
      d.blad[this.soort].set(adres, tekst);
      gemaakt = { blad: d.blad, adres, soort: this.soort };
    });
    return new FakeNotitieProxy(this.fx, () => gemaakt, `${this.omschrijving}.add()`);
  }
}
