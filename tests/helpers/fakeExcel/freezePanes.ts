import { MAX_KOLOMMEN, MAX_RIJEN } from "./adressen";
import type { FakeExcel } from "./context";
import { fout } from "./fouten";
import type { FakeBlad } from "./model";
import { bereikVan } from "./object";
import { FakeBereik } from "./range";

/** Worksheet.freezePanes (ExcelApi 1.7). */
export class FakeBevriezing {
  constructor(
    private readonly fx: FakeExcel,
    private readonly blad: () => FakeBlad | null,
    private readonly omschrijving: string,
  ) {}

  private zet(actie: string, f: (b: FakeBlad) => void, details?: unknown): void {
    this.fx.voegToe(
      actie,
      this.omschrijving,
      () => {
        const b = this.blad();
        if (!b) throw fout("ItemNotFound", this.omschrijving);
        f(b);
        if (b.bevroren && b.bevroren.rijen === 0 && b.bevroren.kolommen === 0) b.bevroren = undefined;
      },
      details,
    );
  }

  private static aantal(n: number | undefined): number {
    const a = n ?? 1;
    if (!Number.isInteger(a) || a < 0) throw fout("InvalidArgument", `aantal ${a}`);
    return a;
  }

  freezeRows(n?: number): void {
    const a = FakeBevriezing.aantal(n);
    this.zet("freezeRows", (b) => void (b.bevroren = { rijen: a, kolommen: b.bevroren?.kolommen ?? 0 }), a);
  }
  freezeColumns(n?: number): void {
    const a = FakeBevriezing.aantal(n);
    this.zet("freezeColumns", (b) => void (b.bevroren = { rijen: b.bevroren?.rijen ?? 0, kolommen: a }), a);
  }
  /** The range holds the frozen cells: the fake supports ranges from A1 only. */
  freezeAt(bereik: FakeBereik | string): void {
    this.zet(
      "freezeAt",
      (b) => {
        const d = bereikVan(this.fx, bereik, () => b);
        if (d.rechthoek.rij !== 1 || d.rechthoek.kolom !== 1)
          throw fout("NotImplemented", "fake: freezeAt vanaf A1");
        b.bevroren = { rijen: d.rechthoek.rijen, kolommen: d.rechthoek.kolommen };
      },
      typeof bereik === "string" ? bereik : undefined,
    );
  }
  unfreeze(): void {
    this.zet("unfreeze", (b) => void (b.bevroren = undefined));
  }
  getLocationOrNullObject(): FakeBereik {
    return new FakeBereik(
      this.fx,
      () => {
        const b = this.blad();
        const v = b?.bevroren;
        if (!b || !v) return null;
        return {
          blad: b,
          rechthoek: {
            rij: 1,
            kolom: 1,
            rijen: v.rijen === 0 ? MAX_RIJEN : v.rijen,
            kolommen: v.kolommen === 0 ? MAX_KOLOMMEN : v.kolommen,
          },
        };
      },
      `${this.omschrijving}.getLocationOrNullObject()`,
      true,
    );
  }
}
