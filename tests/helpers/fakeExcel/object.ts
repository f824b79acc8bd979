import { parseerBereik, rechthoekAdres } from "./adressen";
import type { FakeExcel } from "./context";
import { fout } from "./fouten";
import type { FakeBlad, FakeRechthoek } from "./model";
import type { FakeBereik } from "./range";

/** What a Range proxy points at. */
export interface BereikDoel {
  blad: FakeBlad;
  rechthoek: FakeRechthoek;
}

export type Resolver<T> = () => T | null;

/** Base of every proxy: lazy target, loading, null objects. */
export abstract class FakeObject<T> {
  private readonly geladen = new Map<string, unknown>();
  private nullStatus: boolean | undefined;
  private readonly navigatie = new Map<string, FakeObject<unknown>>();

  constructor(
    protected readonly fx: FakeExcel,
    protected readonly zoek: Resolver<T>,
    protected readonly omschrijving: string,
    protected readonly ofNull = false,
    /** false: a null object found through a navigation load (`customOrNullObject`), not by a command of its own. */
    eigenOpdracht = true,
  ) {
    if (ofNull && eigenOpdracht) {
      fx.voegToe("getItemOrNullObject", omschrijving, () => {
        this.nullStatus = this.zoek() === null;
      });
    }
  }

  protected doel(): T {
    const d = this.zoek();
    if (d === null)
      throw fout(this.ofNull ? "InvalidOperation" : "ItemNotFound", `${this.omschrijving} bestaat niet`);
    return d;
  }

  protected abstract lees(eigenschap: string, doel: T): unknown;

  protected navigeer(eigenschap: string): FakeObject<unknown> | undefined {
    void eigenschap;
    return undefined;
  }

  protected nav<P extends FakeObject<unknown>>(eigenschap: string, maak: () => P): P {
    let p = this.navigatie.get(eigenschap);
    if (!p) {
      p = maak();
      this.navigatie.set(eigenschap, p);
    }
    return p as P;
  }

  load(eigenschappen?: string | string[] | { select?: string | string[] }): this {
    const tekst = Array.isArray(eigenschappen)
      ? eigenschappen.join(",")
      : typeof eigenschappen === "string"
        ? eigenschappen
        : Array.isArray(eigenschappen?.select)
          ? eigenschappen.select.join(",")
          : (eigenschappen?.select ?? "");
    const paden = tekst
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "");
    this.fx.voegToe("load", this.omschrijving, () => this.laad(paden), paden);
    return this;
  }

  /** Runs at sync. */
  laad(paden: readonly string[]): void {
    const d = this.zoek();
    if (d === null) {
      if (!this.ofNull) throw fout("ItemNotFound", `${this.omschrijving} bestaat niet`);
      this.nullStatus = true;
      return;
    }
    if (this.ofNull) this.nullStatus = false;
    // Paths through one navigation property are loaded together ("areas/items/address, areas/items/formulas").
    const genest = new Map<string, string[]>();
    for (const pad of paden) {
      const [kop = "", ...rest] = pad.split("/");
      if (rest.length > 0) {
        genest.set(kop, [...(genest.get(kop) ?? []), rest.join("/")]);
      } else {
        const n = this.navigeer(kop);
        if (n) throw fout("InvalidArgument", `${this.omschrijving}: ${kop} is een object, geen eigenschap`);
        const waarde = this.lees(kop, d);
        this.fx.telAntwoord(waarde);
        this.geladen.set(kop, waarde);
      }
    }
    for (const [kop, rest] of genest) {
      const n = this.navigeer(kop);
      if (!n) throw fout("InvalidArgument", `${this.omschrijving}: geen navigatie ${kop}`);
      n.laad(rest);
    }
  }

  get isNullObject(): boolean {
    if (this.nullStatus === undefined)
      // BEVESTIG in Excel [B20] (scenario "alle"): isNullObject before the sync fails with PropertyNotLoaded; a method on a null object fails (InvalidOperation)
      throw fout("PropertyNotLoaded", `${this.omschrijving}.isNullObject (nog geen sync)`);
    return this.nullStatus;
  }

  protected geladenWaarde<W>(eigenschap: string): W {
    if (!this.geladen.has(eigenschap)) {
      throw fout("PropertyNotLoaded", `${this.omschrijving}.${eigenschap} is niet geladen`);
    }
    return this.geladen.get(eigenschap) as W;
  }

  /** How the log names the target (resolved at sync). */
  protected beschrijf(): string {
    return this.omschrijving;
  }

  /** Queue a command on the target. */
  protected opdracht(actie: string, uitvoeren: (doel: T) => number | void, details?: unknown): void {
    this.fx.voegToe(
      actie,
      () => this.beschrijf(),
      () => uitvoeren(this.doel()),
      details,
    );
  }
}

export abstract class FakeCollectie<M, P extends FakeObject<unknown>> extends FakeObject<M[]> {
  private geladenItems: P[] | undefined;

  protected abstract item(m: M): P;

  get items(): P[] {
    if (!this.geladenItems) throw fout("PropertyNotLoaded", `${this.omschrijving}.items is niet geladen`);
    return this.geladenItems;
  }

  protected lees(eigenschap: string, doel: M[]): unknown {
    if (eigenschap === "count") return doel.length;
    throw fout("InvalidArgument", `${this.omschrijving}.${eigenschap}`);
  }

  override laad(paden: readonly string[]): void {
    const lijst = this.doel();
    const items = lijst.map((m) => this.item(m));
    for (const pad of paden) {
      if (pad === "count") continue;
      const sub = pad.startsWith("items/") ? pad.slice("items/".length) : pad === "items" ? "" : pad;
      if (sub !== "") for (const i of items) i.laad([sub]);
    }
    this.geladenItems = items;
  }
}

/** A protected sheet refuses every change (Office.js: AccessDenied). */
// BEVESTIG in Excel [B5] (scenario "beveiligd blad"): writing cells, formats or tables of a protected sheet fails with AccessDenied
export function schrijfbaar(blad: FakeBlad): void {
  if (blad.beveiligd) throw fout("AccessDenied", `blad ${blad.naam} is beveiligd`);
}

export function bereikVan(
  fx: FakeExcel,
  bron: FakeBereik | string,
  standaardBlad: () => FakeBlad | null,
): BereikDoel {
  if (typeof bron !== "string") return bron.bereikDoel();
  const p = parseerBereik(bron);
  const blad = p.blad !== undefined ? fx.werkmap.zoekBlad(p.blad) : standaardBlad();
  if (!blad) throw fout("ItemNotFound", `blad van ${bron}`);
  return { blad, rechthoek: p.rechthoek };
}

export function bereikTekst(d: BereikDoel): string {
  return `${d.blad.naam}!${rechthoekAdres(d.rechthoek)}`;
}
