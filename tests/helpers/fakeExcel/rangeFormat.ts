import { a1 } from "./adressen";
import type { FakeExcel } from "./context";
import { fout } from "./fouten";
import type { FakeCel } from "./model";
import { bereikTekst, schrijfbaar } from "./object";
import type { FakeBereik } from "./range";

export class FakeBereikOpmaak {
  readonly font: { bold: boolean };

  constructor(
    private readonly bereik: FakeBereik,
    private readonly fx: FakeExcel,
  ) {
    const b = bereik;
    const f = fx;
    this.font = {
      set bold(v: boolean) {
        f.voegToe(
          "bold",
          () => bereikTekst(b.bereikDoel()),
          () => {
            const d = b.bereikDoel();
            schrijfbaar(d.blad);
            const r = d.rechthoek;
            for (let i = 0; i < r.rijen; i++) {
              for (let j = 0; j < r.kolommen; j++) {
                const adres = a1(r.rij + i, r.kolom + j);
                const cel = d.blad.cellen.get(adres) ?? {};
                cel.vet = v;
                d.blad.cellen.set(adres, cel);
              }
            }
          },
        );
      },
      get bold(): boolean {
        throw fout("PropertyNotLoaded", "format.font.bold");
      },
    };
  }

  /** Per cell of the range. */
  private celOpmaak(actie: string, f: (c: FakeCel) => void, details: unknown): void {
    this.fx.voegToe(
      actie,
      () => bereikTekst(this.bereik.bereikDoel()),
      () => {
        const d = this.bereik.bereikDoel();
        schrijfbaar(d.blad);
        const r = d.rechthoek;
        if (r.rijen * r.kolommen > 100_000) throw fout("NotImplemented", "fake: te groot bereik voor opmaak");
        for (let i = 0; i < r.rijen; i++) {
          for (let j = 0; j < r.kolommen; j++) {
            const adres = a1(r.rij + i, r.kolom + j);
            const cel = d.blad.cellen.get(adres) ?? {};
            f(cel);
            d.blad.cellen.set(adres, cel);
          }
        }
      },
      details,
    );
  }

  set wrapText(v: boolean) {
    this.celOpmaak("wrapText", (c) => void (c.terugloop = v), v);
  }
  set verticalAlignment(v: Excel.RangeFormat["verticalAlignment"]) {
    if (!["Top", "Center", "Bottom", "Justify", "Distributed"].includes(v))
      throw fout("InvalidArgument", `verticalAlignment ${v}`);
    this.celOpmaak("verticalAlignment", (c) => void (c.uitlijning = v), v);
  }
  /** ExcelApi 1.2. Only recorded: the fake measures no text. */
  autofitRows(): void {
    this.fx.voegToe(
      "autofitRows",
      () => bereikTekst(this.bereik.bereikDoel()),
      () => void this.bereik.bereikDoel(),
    );
  }

  set columnWidth(punten: number) {
    this.fx.voegToe(
      "columnWidth",
      () => bereikTekst(this.bereik.bereikDoel()),
      () => {
        const d = this.bereik.bereikDoel();
        for (let k = d.rechthoek.kolom; k < d.rechthoek.kolom + d.rechthoek.kolommen; k++)
          d.blad.kolomBreedtes.set(k, punten);
      },
      punten,
    );
  }
  get columnWidth(): number {
    throw fout("PropertyNotLoaded", "format.columnWidth");
  }
}
