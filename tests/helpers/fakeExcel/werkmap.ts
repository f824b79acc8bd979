import { kolomLetters, kolomNummer, overlapt } from "../../../src/workbook/a1";
import { a1, gelijkeNaam, parseerBereik, rechthoekAdres } from "./adressen";
import { FakeExcelFout, fout } from "./fouten";
import { FakeBlad, type FakeCel, type FakeNaam, type FakeTabel, type FakeWaarde } from "./model";

export const GETAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Setup value for a cell in tests: a constant, or a formula with its cached result. */
export type FakeInvoer = FakeWaarde | null | { formule: string; waarde?: FakeWaarde };

/** The workbook model: sheets with cells, tables, defined names and charts. */
export class FakeWerkmap {
  readonly bladen: FakeBlad[] = [];
  readonly tabellen: FakeTabel[] = [];
  readonly namen: FakeNaam[] = [];

  constructor(bladen: readonly string[] = ["Blad1"]) {
    for (const b of bladen) this.voegBladToe(b);
  }

  voegBladToe(naam: string): FakeBlad {
    if (this.zoekBlad(naam)) throw new FakeExcelFout("ItemAlreadyExists", `blad ${naam}`);
    if (naam.length === 0 || naam.length > 31 || /[[\]:*?/\\]/.test(naam)) {
      throw new FakeExcelFout("InvalidArgument", `ongeldige bladnaam ${naam}`);
    }
    const b = new FakeBlad(naam);
    this.bladen.push(b);
    return b;
  }

  zoekBlad(naam: string): FakeBlad | undefined {
    return this.bladen.find((b) => gelijkeNaam(b.naam, naam));
  }

  blad(naam: string): FakeBlad {
    const b = this.zoekBlad(naam);
    if (!b) throw new Error(`fake: geen blad ${naam}`);
    return b;
  }

  // ---- setup helpers (direct, not through Office.js)

  zet(blad: string, adres: string, invoer: FakeInvoer, notatie?: string): void {
    const b = this.blad(blad);
    if (invoer === null || invoer === "") {
      const c = b.cellen.get(adres);
      if (c) {
        delete c.waarde;
        delete c.formule;
      }
    } else {
      const c: FakeCel = b.cellen.get(adres) ?? {};
      if (typeof invoer === "object") {
        c.formule = invoer.formule;
        if (invoer.waarde !== undefined) c.waarde = invoer.waarde;
      } else {
        c.waarde = invoer;
        delete c.formule;
      }
      b.cellen.set(adres, c);
    }
    if (notatie !== undefined) {
      const c = b.cellen.get(adres) ?? {};
      c.notatie = notatie;
      b.cellen.set(adres, c);
    }
  }

  zetRijen(blad: string, start: string, rijen: readonly (readonly FakeInvoer[])[]): void {
    const s = parseerBereik(start).rechthoek;
    rijen.forEach((rij, i) => rij.forEach((v, j) => this.zet(blad, a1(s.rij + i, s.kolom + j), v)));
  }

  voegTabelToe(
    naam: string,
    blad: string,
    start: string,
    koppen: readonly string[],
    rijen: readonly (readonly FakeInvoer[])[],
  ): FakeTabel {
    const s = parseerBereik(start).rechthoek;
    this.zetRijen(blad, start, [koppen, ...rijen]);
    const t: FakeTabel = {
      naam,
      blad: this.blad(blad),
      rij: s.rij,
      kolom: s.kolom,
      rijen: 1 + Math.max(1, rijen.length),
      kolommen: koppen.length,
      showTotals: false,
    };
    this.controleerTabel(t, undefined);
    this.controleerNaamVrij(naam);
    this.tabellen.push(t);
    return t;
  }

  voegNaamToe(naam: string, doel: { blad: string; adres: string } | { formule: string }): void {
    this.controleerNaamVrij(naam);
    if ("formule" in doel) {
      this.namen.push({ naam, formule: doel.formule });
    } else {
      const r = parseerBereik(doel.adres).rechthoek;
      const maat = r.rijen === 1 && r.kolommen === 1 ? {} : { rijen: r.rijen, kolommen: r.kolommen };
      this.namen.push({ naam, blad: this.blad(doel.blad), rij: r.rij, kolom: r.kolom, ...maat });
    }
  }

  // ---- reading helpers for assertions

  cel(blad: string, adres: string): FakeCel | undefined {
    return this.blad(blad).cellen.get(adres);
  }

  /** The value as Office.js `values` returns it ("" for empty). */
  waarde(blad: string, adres: string): FakeWaarde {
    return this.cel(blad, adres)?.waarde ?? "";
  }

  /** The formula ("=…"), or undefined for a constant or empty cell. */
  formule(blad: string, adres: string): string | undefined {
    return this.cel(blad, adres)?.formule;
  }

  notatie(blad: string, adres: string): string {
    return this.cel(blad, adres)?.notatie ?? "General";
  }

  /** Per cell of a range: the formula for a formula cell, else the value ("" for empty) — like `Range.formulas`. */
  formules(blad: string, adres: string): FakeWaarde[][] {
    const r = parseerBereik(adres).rechthoek;
    return Array.from({ length: r.rijen }, (_, i) =>
      Array.from({ length: r.kolommen }, (_, j) => {
        const c = this.cel(blad, a1(r.rij + i, r.kolom + j));
        return c?.formule ?? c?.waarde ?? "";
      }),
    );
  }

  waarden(blad: string, adres: string): FakeWaarde[][] {
    const r = parseerBereik(adres).rechthoek;
    return Array.from({ length: r.rijen }, (_, i) =>
      Array.from({ length: r.kolommen }, (_, j) => this.waarde(blad, a1(r.rij + i, r.kolom + j))),
    );
  }

  tabel(naam: string): FakeTabel | undefined {
    return this.tabellen.find((t) => gelijkeNaam(t.naam, naam));
  }

  /** "Blad!A5:D25" of a table (header + body). */
  tabelAdres(naam: string): string | undefined {
    const t = this.tabel(naam);
    return t ? `${t.blad.naam}!${rechthoekAdres(t)}` : undefined;
  }

  naam(naam: string): FakeNaam | undefined {
    return this.namen.find((n) => gelijkeNaam(n.naam, naam));
  }

  /** A deterministic JSON snapshot of everything (to compare two runs). */
  momentopname(): string {
    return JSON.stringify({
      bladen: this.bladen.map((b) => ({
        naam: b.naam,
        cellen: [...b.cellen.entries()]
          .sort(([x], [y]) => x.localeCompare(y))
          .map(([a, c]) => [a, c.waarde, c.formule, c.notatie, c.vet, c.vulling, c.terugloop, c.uitlijning]),
        notities: [...b.notities.entries()].sort(([x], [y]) => x.localeCompare(y)),
        breedtes: [...b.kolomBreedtes.entries()].sort(([x], [y]) => x - y),
        grafieken: b.grafieken,
        validaties: [...b.validaties.entries()].sort(([x], [y]) => x.localeCompare(y)),
        opmaak: b.opmaak,
        bevroren: b.bevroren,
        verborgen: [...b.verborgenKolommen].sort((x, y) => x - y),
        afdruk: b.afdruk,
        paginaEinden: b.paginaEinden,
      })),
      tabellen: this.tabellen.map((t) => ({ ...t, blad: t.blad.naam })),
      namen: this.namen.map((n) => ({ ...n, blad: n.blad?.naam })),
    });
  }

  /**
   * Excel's "insert table column" (see the header): the new column's index in the table and its header.
   * Used by `table.columns.add`, and directly by tests as the user's edit.
   */
  // BEVESTIG in Excel [B13] (scenario "hervulling (gebruikerskolom)"): inserting a table column shifts the cells right and adjusts A1 references in formulas, names and chart series; a taken header gets a number ("Notitie2")
  voegTabelKolomIn(
    t: FakeTabel,
    index?: number | null,
    waarden?: readonly (readonly FakeWaarde[])[],
    naam?: string,
  ): { index: number; kop: string } {
    const i = index === undefined || index === null || index === -1 ? t.kolommen : index;
    if (!Number.isInteger(i) || i < 0 || i > t.kolommen)
      throw new FakeExcelFout("InvalidArgument", `kolomindex ${i}`);
    const lijfRijen = t.rijen - 1 - (t.showTotals ? 1 : 0);
    if (waarden !== undefined && (waarden.length !== 1 + lijfRijen || waarden.some((r) => r.length !== 1)))
      throw new FakeExcelFout("InvalidArgument", `waarden passen niet op ${1 + lijfRijen} rijen × 1 kolom`);
    const band = { van: t.rij, tot: t.rij + t.rijen - 1, kolom: t.kolom + i };
    const botsing = this.tabellen.find(
      (x) =>
        x !== t &&
        x.blad === t.blad &&
        x.rij <= band.tot &&
        x.rij + x.rijen - 1 >= band.van &&
        x.kolom + x.kolommen - 1 >= band.kolom,
    );
    if (botsing)
      throw new FakeExcelFout("InvalidOperation", `zou cellen van tabel ${botsing.naam} verschuiven`);
    const schuif = <W>(m: Map<string, W>): void => {
      const mee = [...m].filter(([a]) => {
        const p = parseerBereik(a).rechthoek;
        return p.rij >= band.van && p.rij <= band.tot && p.kolom >= band.kolom;
      });
      for (const [a] of mee) m.delete(a);
      for (const [a, w] of mee) {
        const p = parseerBereik(a).rechthoek;
        m.set(a1(p.rij, p.kolom + 1), w);
      }
    };
    schuif(t.blad.cellen);
    schuif(t.blad.notities);
    schuif(t.blad.validaties);
    for (const o of t.blad.opmaak) {
      const r = o.rechthoek;
      if (r.rij > band.tot || r.rij + r.rijen - 1 < band.van || r.kolom + r.kolommen - 1 < band.kolom)
        continue;
      // A format right of the new column moves with its cells; one across it grows by the column.
      if (o.formule !== undefined) o.formule = verschuifFormule(o.formule, t.blad, t.blad, band, this);
      if (r.kolom >= band.kolom) r.kolom += 1;
      else r.kolommen += 1;
    }
    this.verschuifVerwijzingen(t.blad, band);
    t.kolommen += 1;
    const koppen = new Set(
      Array.from({ length: t.kolommen }, (_, j) =>
        String(this.waarde(t.blad.naam, a1(t.rij, t.kolom + j))),
      ).map((k) => k.toLowerCase()),
    );
    let kop = naam ?? (waarden?.[0]?.[0] !== undefined ? String(waarden[0][0]) : "");
    if (kop === "") {
      let n = 1;
      while (koppen.has(`column${n}`)) n++;
      kop = `Column${n}`;
    } else if (koppen.has(kop.toLowerCase())) {
      let n = 2;
      while (koppen.has(`${kop}${n}`.toLowerCase())) n++;
      kop = `${kop}${n}`;
    }
    const kolom = band.kolom;
    this.blad(t.blad.naam).cellen.set(a1(t.rij, kolom), { waarde: kop });
    waarden?.slice(1).forEach(([v], r) => {
      if (v === undefined || v === "") return;
      const cel: FakeCel = {};
      typ(cel, v);
      t.blad.cellen.set(a1(t.rij + 1 + r, kolom), cel);
    });
    return { index: i, kop };
  }

  /** After cells of `blad` in rows van..tot from `kolom` moved one column right: every A1 reference follows. */
  private verschuifVerwijzingen(blad: FakeBlad, band: { van: number; tot: number; kolom: number }): void {
    for (const b of this.bladen) {
      for (const cel of b.cellen.values()) {
        if (cel.formule !== undefined) cel.formule = verschuifFormule(cel.formule, b, blad, band, this);
      }
      for (const g of b.grafieken) {
        for (const r of g.reeksen) {
          if (r.waarden) r.waarden = verschuifFormule(r.waarden, b, blad, band, this);
          if (r.categorieen) r.categorieen = verschuifFormule(r.categorieen, b, blad, band, this);
        }
      }
    }
    for (const n of this.namen) {
      const { rij, kolom } = n;
      if (
        n.blad === blad &&
        rij !== undefined &&
        kolom !== undefined &&
        rij >= band.van &&
        rij <= band.tot &&
        kolom >= band.kolom
      )
        n.kolom = kolom + 1;
    }
  }

  // ---- rules

  // BEVESTIG in Excel [B10] (scenario "eerste vulling"): table names and defined names share one case-insensitive namespace (ItemAlreadyExists)
  controleerNaamVrij(naam: string, behalve?: object): void {
    if (
      this.tabellen.some((t) => t !== behalve && gelijkeNaam(t.naam, naam)) ||
      this.namen.some((n) => n !== behalve && gelijkeNaam(n.naam, naam))
    ) {
      throw new FakeExcelFout("ItemAlreadyExists", `naam ${naam} bestaat al`);
    }
  }

  // BEVESTIG in Excel [B11] (scenario "eerste vulling"): tables may not overlap (add, resize)
  controleerTabel(t: FakeTabel, behalve: FakeTabel | undefined): void {
    const botsing = this.tabellen.find(
      (x) => x !== behalve && x !== t && x.blad === t.blad && overlapt(x, t),
    );
    if (botsing) throw new FakeExcelFout("InvalidArgument", `tabel overlapt tabel ${botsing.naam}`);
  }
}

/**
 * A formula (or a range text such as "Blad!B4:B21") with every A1 reference into the moved cells of `doel` (rows
 * van..tot, from column `kolom`) one column further right; string literals, structured references, names and
 * function names are left alone. `eigen` is the sheet the formula is on (for references without a sheet).
 */
export function verschuifFormule(
  formule: string,
  eigen: FakeBlad,
  doel: FakeBlad,
  band: { van: number; tot: number; kolom: number },
  wm: FakeWerkmap,
): string {
  const re =
    /(?<![\w.$'\]])((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?(?![\w(.![])/g;
  const deel = (tekst: string): string =>
    tekst.replace(
      re,
      (
        heel,
        voor: string | undefined,
        d1: string,
        k1: string,
        e1: string,
        r1: string,
        d2?: string,
        k2?: string,
        e2?: string,
        r2?: string,
      ) => {
        const naam =
          voor === undefined
            ? eigen.naam
            : voor
                .slice(0, -1)
                .replace(/^'(.*)'$/, "$1")
                .replace(/''/g, "'");
        if (wm.zoekBlad(naam) !== doel) return heel;
        const hoek = (d: string, k: string, e: string, r: string): string => {
          const rij = Number(r);
          const kol = kolomNummer(k);
          const mee = rij >= band.van && rij <= band.tot && kol >= band.kolom;
          return `${d}${mee ? kolomLetters(kol + 1) : k}${e}${r}`;
        };
        const tweede = k2 !== undefined && r2 !== undefined ? `:${hoek(d2 ?? "", k2, e2 ?? "", r2)}` : "";
        return `${voor ?? ""}${hoek(d1, k1, e1, r1)}${tweede}`;
      },
    );
  // Only outside string literals.
  return formule
    .split(/("(?:[^"]|"")*")/)
    .map((stuk, i) => (i % 2 === 1 ? stuk : deel(stuk)))
    .join("");
}

/** Writing one value into a cell as Excel does when it is "typed" through Range.values/formulas. */
export function typ(cel: FakeCel, v: unknown): void {
  if (v === null || v === undefined) {
    throw fout(
      "InvalidArgument",
      'null in een geschreven matrix laat de cel ongewijzigd; schrijf "" om te wissen',
    );
  }
  delete cel.waarde;
  delete cel.formule;
  const tekst = cel.notatie === "@";
  if (typeof v === "number") {
    cel.waarde = tekst ? String(v) : v;
  } else if (typeof v === "boolean") {
    cel.waarde = v;
  } else if (typeof v === "string") {
    if (v === "") return;
    if (tekst) cel.waarde = v;
    // BEVESTIG in Excel [B2] (scenario "eerste vulling"): a string typed through values/formulas: "=" starts a formula, "+x"/"-x" too, "@x" stays text, "2024" a number, "TRUE" a boolean; on a "@" cell everything stays text
    else if (v.startsWith("=")) cel.formule = v;
    else if (GETAL.test(v)) cel.waarde = Number(v);
    else if (/^[+-]/.test(v)) cel.formule = `=${v}`;
    else if (/^(true|false)$/i.test(v)) cel.waarde = v.toLowerCase() === "true";
    else cel.waarde = v;
  } else {
    throw fout("InvalidArgument", `waarde van type ${typeof v}`);
  }
}
