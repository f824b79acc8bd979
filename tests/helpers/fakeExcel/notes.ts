import { a1, parseerBereik } from "./adressen";
import type { FakeExcel } from "./context";
import { fout } from "./fouten";
import type { FakeBlad } from "./model";
import { bereikVan, FakeCollectie, FakeObject } from "./object";
import { FakeBereik } from "./range";

/** A note as the collection finds it: its sheet and cell (the fake keeps notes by address). */
interface FakeNotitie {
  readonly blad: FakeBlad;
  readonly adres: string;
}

/** ExcelApi 1.18: a note (the fake's `notities`). */
export class FakeNotitieProxy extends FakeObject<FakeNotitie> {
  protected lees(eigenschap: string, n: FakeNotitie): unknown {
    if (eigenschap === "content") return n.blad.notities.get(n.adres) ?? "";
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

/** ExcelApi 1.18: `worksheet.notes`, the notes of one sheet. */
// BEVESTIG in Excel [B25] (scenario "hervulling (formules van de gebruiker)"): worksheet.notes lists the sheet's notes (not threaded comments); getLocation() is the cell, its address "Blad!F20"
export class FakeNotities extends FakeCollectie<FakeNotitie, FakeNotitieProxy> {
  constructor(
    fx: FakeExcel,
    private readonly blad: () => FakeBlad | null,
    omschrijving: string,
  ) {
    super(
      fx,
      () => {
        const b = blad();
        return b ? [...b.notities.keys()].map((adres) => ({ blad: b, adres })) : null;
      },
      omschrijving,
    );
  }

  protected item(n: FakeNotitie): FakeNotitieProxy {
    return new FakeNotitieProxy(this.fx, () => n, `notes[${n.adres}]`);
  }

  /** A note on one cell (a range of this sheet's, or its address); only text. */
  add(cel: FakeBereik | string, inhoud: string): FakeNotitieProxy {
    let gemaakt: FakeNotitie | null = null;
    this.fx.voegToe("notes.add", typeof cel === "string" ? cel : "", () => {
      const d = bereikVan(this.fx, cel, this.blad);
      if (d.rechthoek.rijen !== 1 || d.rechthoek.kolommen !== 1) throw fout("InvalidArgument", "één cel");
      const adres = a1(d.rechthoek.rij, d.rechthoek.kolom);
      if (d.blad.notities.has(adres)) throw fout("InvalidArgument", `er staat al een notitie op ${adres}`);
      d.blad.notities.set(adres, inhoud);
      gemaakt = { blad: d.blad, adres };
    });
    return new FakeNotitieProxy(this.fx, () => gemaakt, "notes.add()");
  }
}
