import { kolomLetters, kolomNummer, overlapt } from "../../../src/workbook/a1";
import { a1, gelijkeNaam, parseerBereik, rechthoekAdres } from "./adressen";
import { FakeExcelFout, fout } from "./fouten";
import { FakeBlad, gebiedenVan, type FakeCel, type FakeNaam, type FakeTabel, type FakeWaarde } from "./model";

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

  /** A name of the workbook, or with `bereik` one scoped to that sheet (as the user makes it in Name Manager). */
  voegNaamToe(
    naam: string,
    doel: { blad: string; adres: string } | { formule: string },
    bereik?: string,
  ): void {
    const blad = bereik === undefined ? undefined : this.blad(bereik);
    if (!blad) this.controleerNaamVrij(naam);
    else if (this.namen.some((n) => n.bereik === blad && gelijkeNaam(n.naam, naam)))
      throw new FakeExcelFout("ItemAlreadyExists", `naam ${naam} bestaat al op ${bereik ?? ""}`);
    const scope = blad ? { bereik: blad } : {};
    if ("formule" in doel) {
      this.namen.push({ naam, formule: doel.formule, ...scope });
    } else {
      const r = parseerBereik(doel.adres).rechthoek;
      const maat = r.rijen === 1 && r.kolommen === 1 ? {} : { rijen: r.rijen, kolommen: r.kolommen };
      this.namen.push({ naam, blad: this.blad(doel.blad), rij: r.rij, kolom: r.kolom, ...maat, ...scope });
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
    return this.namen.find((n) => !n.bereik && gelijkeNaam(n.naam, naam));
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
        opmerkingen: [...b.opmerkingen.entries()].sort(([x], [y]) => x.localeCompare(y)),
        hyperlinks: [...b.hyperlinks.entries()].sort(([x], [y]) => x.localeCompare(y)),
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
      namen: this.namen.map((n) => ({ ...n, blad: n.blad?.naam, bereik: n.bereik?.naam })),
    });
  }

  /**
   * Excel's "insert table column" (see the header): the new column's index in the table and its header.
   * Used by `table.columns.add`, and directly by tests as the user's edit.
   */
  // BEVESTIG in Excel [B13] (scenario "kolom-binnen"): inserting a table column shifts the cells right and adjusts A1 references in formulas, names and chart series; a taken header gets a number ("Notitie2")
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
    schuif(t.blad.opmerkingen);
    schuif(t.blad.hyperlinks);
    schuif(t.blad.validaties);
    for (const o of t.blad.opmaak) {
      // Every format's formula follows the cells it reads (one left of the new column too: `=N8=""` on F8:F27).
      if (o.formule !== undefined) o.formule = verschuifFormule(o.formule, t.blad, t.blad, band, this);
      const geraakt = gebiedenVan(o).filter(
        (r) => r.rij <= band.tot && r.rij + r.rijen - 1 >= band.van && r.kolom + r.kolommen - 1 >= band.kolom,
      );
      // A format right of the new column moves with its cells; one across it grows by the column.
      for (const r of geraakt) {
        if (r.kolom >= band.kolom) r.kolom += 1;
        else r.kolommen += 1;
      }
    }
    this.verschuifVerwijzingen(t.blad, kolomVerschuiving(band));
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

  /**
   * Excel's "insert cells, shift down" for columns kolomVan..kolomTot from row `rij` (used by `tables.add` on a
   * header-only range): cells, notes, validations, conditional formats, tables, names and every A1 reference into
   * the moved cells go one row down. A table only partly in the moved band makes it fail (InvalidOperation).
   */
  voegRijIn(blad: FakeBlad, rij: number, kolomVan: number, kolomTot: number): void {
    const band = { rij, kolomVan, kolomTot };
    const binnen = (r: number, k: number): boolean => r >= rij && k >= kolomVan && k <= kolomTot;
    const geraakt = this.tabellen.filter(
      (x) =>
        x.blad === blad &&
        x.rij + x.rijen - 1 >= rij &&
        x.kolom <= kolomTot &&
        x.kolom + x.kolommen - 1 >= kolomVan,
    );
    const half = geraakt.find(
      (x) => x.rij < rij || x.kolom < kolomVan || x.kolom + x.kolommen - 1 > kolomTot,
    );
    if (half) throw new FakeExcelFout("InvalidOperation", `zou cellen van tabel ${half.naam} verschuiven`);
    const schuif = <W>(m: Map<string, W>): void => {
      const mee = [...m].filter(([a]) => {
        const p = parseerBereik(a).rechthoek;
        return binnen(p.rij, p.kolom);
      });
      for (const [a] of mee) m.delete(a);
      for (const [a, w] of mee) {
        const p = parseerBereik(a).rechthoek;
        m.set(a1(p.rij + 1, p.kolom), w);
      }
    };
    schuif(blad.cellen);
    schuif(blad.notities);
    schuif(blad.opmerkingen);
    schuif(blad.hyperlinks);
    schuif(blad.validaties);
    const verschuiving = rijVerschuiving(band);
    for (const o of blad.opmaak) {
      const geraakt = gebiedenVan(o).filter(
        (r) => r.rij + r.rijen - 1 >= rij && r.kolom + r.kolommen - 1 >= kolomVan && r.kolom <= kolomTot,
      );
      if (geraakt.length === 0) continue;
      // A format below the new row moves with its cells; one across it grows by the row.
      if (o.formule !== undefined) o.formule = verschuif(o.formule, blad, blad, verschuiving, this);
      for (const r of geraakt) {
        if (r.rij >= rij) r.rij += 1;
        else r.rijen += 1;
      }
    }
    for (const x of geraakt) x.rij += 1;
    this.verschuifVerwijzingen(blad, verschuiving);
  }

  /** After cells of `blad` moved (see `Verschuiving`): every A1 reference to them follows. */
  private verschuifVerwijzingen(blad: FakeBlad, v: Verschuiving): void {
    for (const b of this.bladen) {
      for (const cel of b.cellen.values()) {
        if (cel.formule !== undefined) cel.formule = verschuif(cel.formule, b, blad, v, this);
      }
      for (const g of b.grafieken) {
        for (const r of g.reeksen) {
          if (r.waarden) r.waarden = verschuif(r.waarden, b, blad, v, this);
          if (r.categorieen) r.categorieen = verschuif(r.categorieen, b, blad, v, this);
        }
      }
    }
    for (const n of this.namen) {
      const { rij, kolom } = n;
      if (n.blad !== blad || rij === undefined || kolom === undefined) continue;
      const nieuw = v(rij, kolom);
      n.rij = nieuw.rij;
      n.kolom = nieuw.kolom;
    }
  }

  // ---- rules

  // BEVESTIG in Excel [B10] (scenario "eerste vulling"): table names and defined names share one case-insensitive namespace (ItemAlreadyExists)
  controleerNaamVrij(naam: string, behalve?: object): void {
    if (
      this.tabellen.some((t) => t !== behalve && gelijkeNaam(t.naam, naam)) ||
      this.namen.some((n) => n !== behalve && !n.bereik && gelijkeNaam(n.naam, naam))
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
  return verschuif(formule, eigen, doel, kolomVerschuiving(band), wm);
}

/** Where a cell of the moved sheet ends up (1-based row and column in, row and column out). */
type Verschuiving = (rij: number, kolom: number) => { rij: number; kolom: number };

/** Cells in rows van..tot from column `kolom` one column right. */
function kolomVerschuiving(band: { van: number; tot: number; kolom: number }): Verschuiving {
  return (rij, kolom) => ({
    rij,
    kolom: rij >= band.van && rij <= band.tot && kolom >= band.kolom ? kolom + 1 : kolom,
  });
}

/** Cells in columns kolomVan..kolomTot from row `rij` one row down. */
function rijVerschuiving(band: { rij: number; kolomVan: number; kolomTot: number }): Verschuiving {
  return (rij, kolom) => ({
    rij: rij >= band.rij && kolom >= band.kolomVan && kolom <= band.kolomTot ? rij + 1 : rij,
    kolom,
  });
}

/** `verschuifFormule` for any `Verschuiving`; each corner of a range moves on its own (so a range across grows). */
function verschuif(
  formule: string,
  eigen: FakeBlad,
  doel: FakeBlad,
  v: Verschuiving,
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
          const oud = { rij: Number(r), kolom: kolomNummer(k) };
          const nieuw = v(oud.rij, oud.kolom);
          const kol = nieuw.kolom === oud.kolom ? k : kolomLetters(nieuw.kolom);
          return `${d}${kol}${e}${nieuw.rij === oud.rij ? r : String(nieuw.rij)}`;
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
    const datum = isoDatumSerie(v);
    if (tekst) cel.waarde = v;
    // BEVESTIG in Excel [B2] (scenario "eerste vulling"): a string typed through values/formulas: "=" starts a formula, "+x"/"-x" too, "@x" stays text, "2024" a number, "TRUE" a boolean; on a "@" cell everything stays text
    else if (v.startsWith("=")) cel.formule = v;
    else if (GETAL.test(v)) cel.waarde = Number(v);
    // BEVESTIG in Excel [B21] (scenario "eerste vulling"): ISO date text ("2024-01-31") written as a value becomes a date: the serial (45322) with the short date format "m/d/yyyy" (en-US) where the cell had none; on a "@" cell it stays text
    else if (datum !== undefined) {
      cel.waarde = datum;
      if (cel.notatie === undefined || cel.notatie === "General") cel.notatie = DATUM_NOTATIE;
    } else if (/^[+-]/.test(v)) cel.formule = `=${v}`;
    else if (/^(true|false)$/i.test(v)) cel.waarde = v.toLowerCase() === "true";
    else cel.waarde = v;
  } else {
    throw fout("InvalidArgument", `waarde van type ${typeof v}`);
  }
}

/** The number format Excel gives a cell that a typed date turned into a date (en-US short date; see [B21]). */
export const DATUM_NOTATIE = "m/d/yyyy";

/**
 * The Excel serial of ISO date text "yyyy-mm-dd" (1900 date system, with Excel's 29 February 1900), or undefined for
 * other text, impossible dates ("2024-02-30") and dates before 1900.
 */
export function isoDatumSerie(tekst: string): number | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(tekst);
  if (!m) return undefined;
  const [j, mnd, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dag = new Date(Date.UTC(j, mnd - 1, d));
  if (j < 1900 || dag.getUTCFullYear() !== j || dag.getUTCMonth() !== mnd - 1 || dag.getUTCDate() !== d)
    return undefined;
  const serie = Math.round((dag.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
  // Excel counts a 29 February 1900 that never was: before 1 March 1900 its serials are one lower.
  return serie < 61 ? serie - 1 : serie;
}

/** Excel's largest cell reference: column XFD, row 1048576. */
const MAX_KOLOM = 16_384;
const MAX_RIJ = 1_048_576;

/**
 * Refuses a table name Excel refuses (InvalidArgument): empty, over 255 characters, a first character other than a
 * letter, "_" or "\\", other characters than letters, digits, "_" and ".", "C"/"R", or a name that reads as a cell
 * reference in A1 ("A1", "TAB1", "XFD1048576") or R1C1 notation ("R1C1", "RC", "R2", "C3").
 */
// BEVESTIG in Excel [B19] (scenario "eerste vulling"): invalid table names are refused (InvalidArgument), also names that look like a cell reference ("TAB1", "A1", "XFD1048576", "R1C1")
export function controleerTabelNaam(naam: string): void {
  const ongeldig = (reden: string): FakeExcelFout =>
    new FakeExcelFout("InvalidArgument", `tabelnaam ${JSON.stringify(naam)}: ${reden}`);
  if (naam.length === 0 || naam.length > 255) throw ongeldig("lengte 1 t/m 255");
  if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(naam)) throw ongeldig("ongeldige tekens");
  if (/^[cr]$/i.test(naam)) throw ongeldig('"C" en "R" zijn voorbehouden');
  const a1Vorm = /^([A-Za-z]{1,3})(\d+)$/.exec(naam);
  if (a1Vorm) {
    const [kolom, rij] = [kolomNummer(a1Vorm[1] ?? ""), Number(a1Vorm[2])];
    if (kolom <= MAX_KOLOM && rij >= 1 && rij <= MAX_RIJ) throw ongeldig("lijkt op een celverwijzing");
  }
  if (/^[Rr]\d*[Cc]\d*$/.test(naam) || /^[RrCc]\d+$/.test(naam))
    throw ongeldig("lijkt op een R1C1-verwijzing");
}
