import { FakeOpmaakCollectie } from "./conditionalFormat";
import { fout } from "./fouten";
import { FakeCollectie, FakeObject, bereikTekst, type BereikDoel } from "./object";
import { FakeBereik } from "./range";

export class FakeGebiedBereiken extends FakeCollectie<BereikDoel, FakeBereik> {
  protected item(d: BereikDoel): FakeBereik {
    return new FakeBereik(this.fx, () => d, `areas[${bereikTekst(d)}]`, false);
  }
}

/** Excel.RangeAreas: one or more rectangular ranges of one sheet. */
export class FakeGebieden extends FakeObject<BereikDoel[]> {
  protected lees(eigenschap: string, d: BereikDoel[]): unknown {
    if (eigenschap === "areaCount") return d.length;
    if (eigenschap === "address") return d.map((x) => bereikTekst(x)).join(",");
    throw fout("InvalidArgument", `fake RangeAreas kent ${eigenschap} niet`);
  }

  protected override navigeer(eigenschap: string): FakeObject<unknown> | undefined {
    return eigenschap === "areas" ? this.areas : undefined;
  }

  /** ExcelApi 1.9: the formats that intersect any of the ranges; `add` applies one to all of them. */
  get conditionalFormats(): FakeOpmaakCollectie {
    return this.nav(
      "conditionalFormats",
      () => new FakeOpmaakCollectie(this.fx, () => this.zoek(), `${this.omschrijving}.conditionalFormats`),
    );
  }

  get areas(): FakeGebiedBereiken {
    return this.nav(
      "areas",
      () => new FakeGebiedBereiken(this.fx, () => this.zoek(), `${this.omschrijving}.areas`),
    );
  }
  get areaCount(): number {
    return this.geladenWaarde("areaCount");
  }
  get address(): string {
    return this.geladenWaarde("address");
  }
}
