import { kolomLetters } from "../../../src/workbook/a1";
import { bladVoorvoegsel, gelijkeNaam, parseerBereik } from "./adressen";
import type { FakeExcel } from "./context";
import { fout } from "./fouten";
import type { FakeBlad, FakeNaam, FakeRechthoek } from "./model";
import { FakeCollectie, FakeObject, bereikVan, type Resolver } from "./object";
import { FakeBereik } from "./range";

export class FakeNaamProxy extends FakeObject<FakeNaam> {
  protected lees(eigenschap: string, n: FakeNaam): unknown {
    switch (eigenschap) {
      case "name":
        return n.naam;
      case "type":
        return n.blad ? "Range" : "String";
      case "value":
      case "formula":
        return n.blad
          ? `=${bladVoorvoegsel(n.blad.naam)}!$${kolomLetters(n.kolom ?? 1)}$${n.rij ?? 1}`
          : (n.formule ?? "");
      default:
        throw fout("InvalidArgument", `fake NamedItem kent ${eigenschap} niet`);
    }
  }

  get name(): string {
    return this.geladenWaarde("name");
  }
  get formula(): string {
    return this.geladenWaarde("formula");
  }
  /** Only "=Blad!$C$3" / "='Mijn blad'!$C$3" (a single cell) or a constant like "=5". */
  set formula(f: string) {
    this.opdracht(
      "names.formula",
      (n) => {
        let p: { blad?: string; rechthoek: FakeRechthoek } | undefined;
        try {
          p = parseerBereik(f.replace(/^=/, ""));
        } catch {
          p = undefined;
        }
        const blad = p?.blad !== undefined ? this.fx.werkmap.zoekBlad(p.blad) : undefined;
        if (p && blad) {
          if (p.rechthoek.rijen !== 1 || p.rechthoek.kolommen !== 1)
            throw fout("NotImplemented", "fake: één cel");
          Object.assign(n, { blad, rij: p.rechthoek.rij, kolom: p.rechthoek.kolom });
          delete n.rijen;
          delete n.kolommen;
          delete n.formule;
        } else {
          delete n.blad;
          delete n.rij;
          delete n.kolom;
          delete n.rijen;
          delete n.kolommen;
          n.formule = f;
        }
      },
      f,
    );
  }

  private bereik(ofNull: boolean): FakeBereik {
    return new FakeBereik(
      this.fx,
      () => {
        const n = ofNull ? this.zoek() : this.doel();
        if (!n || !n.blad || n.rij === undefined || n.kolom === undefined) {
          if (ofNull) return null;
          throw fout("InvalidOperation", `naam ${n?.naam ?? "?"} is geen bereik`);
        }
        return {
          blad: n.blad,
          rechthoek: { rij: n.rij, kolom: n.kolom, rijen: n.rijen ?? 1, kolommen: n.kolommen ?? 1 },
        };
      },
      `${this.omschrijving}.getRange${ofNull ? "OrNullObject" : ""}()`,
      ofNull,
    );
  }

  getRange(): FakeBereik {
    return this.bereik(false);
  }
  getRangeOrNullObject(): FakeBereik {
    return this.bereik(true);
  }

  delete(): void {
    this.opdracht("names.delete", (n) => {
      const lijst = this.fx.werkmap.namen;
      lijst.splice(lijst.indexOf(n), 1);
    });
  }
}

export class FakeNamen extends FakeCollectie<FakeNaam, FakeNaamProxy> {
  /** `bereik`: the sheet of `worksheet.names` (the names it adds are scoped to it); none for `workbook.names`. */
  constructor(
    fx: FakeExcel,
    zoek: Resolver<FakeNaam[]>,
    omschrijving: string,
    private readonly bereik?: () => FakeBlad | null,
  ) {
    super(fx, zoek, omschrijving);
  }

  /** The name `naam` of this collection (its scope), at the next sync. */
  private vind(naam: string): () => FakeNaam | null {
    return () => (this.zoek() ?? []).find((n) => gelijkeNaam(n.naam, naam)) ?? null;
  }

  protected item(n: FakeNaam): FakeNaamProxy {
    return new FakeNaamProxy(
      this.fx,
      () => (this.fx.werkmap.namen.includes(n) ? n : null),
      `names[${n.naam}]`,
    );
  }

  getItem(naam: string): FakeNaamProxy {
    return new FakeNaamProxy(this.fx, this.vind(naam), `${this.omschrijving}.getItem(${naam})`);
  }

  getItemOrNullObject(naam: string): FakeNaamProxy {
    return new FakeNaamProxy(
      this.fx,
      this.vind(naam),
      `${this.omschrijving}.getItemOrNullObject(${naam})`,
      true,
    );
  }

  add(naam: string, verwijzing: FakeBereik | string, _comment?: string): FakeNaamProxy {
    void _comment;
    this.fx.voegToe(
      "names.add",
      naam,
      () => {
        const d = bereikVan(this.fx, verwijzing, () => null);
        if (d.rechthoek.rijen !== 1 || d.rechthoek.kolommen !== 1)
          throw fout("NotImplemented", "fake: alleen namen voor één cel");
        const wm = this.fx.werkmap;
        const bereik = this.bereik?.() ?? undefined;
        if (!bereik) wm.controleerNaamVrij(naam);
        else if (this.vind(naam)())
          throw fout("ItemAlreadyExists", `naam ${naam} bestaat al op ${bereik.naam}`);
        const scope = bereik ? { bereik } : {};
        wm.namen.push({ naam, blad: d.blad, rij: d.rechthoek.rij, kolom: d.rechthoek.kolom, ...scope });
      },
      typeof verwijzing === "string" ? verwijzing : undefined,
    );
    return this.getItem(naam);
  }
}
