import {
  gelezenRijenAdvies,
  gelezenRijTekst,
  gelezenVerschovenRijen,
  rijenNaar,
  tabelKolom,
  tabelRijen,
  type Aantekening,
  type FormuleVanGebruiker,
  type GelezenRij,
  type TabelRijen,
} from "../../src/workbook/rijBetekenis";
import type { TabelPlan, Waarde } from "../../src/workbook/plan";
import { samenvoegenTabel, type SamengevoegdeTabel } from "../../src/workbook/samenvoegen";
import { gemeentenTabel } from "./werkboekHulp";

const koppen = ["Code", "Taakstelling", "Gehuisvest", "Achterstand"];
const rijenVan = (nummers: readonly number[], invoer: Waarde = null): Waarde[][] =>
  nummers.map((n) => [`GM000${n}`, 10 * n, invoer, null]);

function samengevoegd(plan: TabelPlan, oud: readonly number[], invoer: Waarde = null): SamengevoegdeTabel {
  const r = samenvoegenTabel(
    plan,
    { koppen, rijen: rijenVan(oud, invoer) },
    { blad: "Provincie", vrij: () => true },
  );
  if (r.soort !== "samengevoegd") throw new Error(r.reden);
  return r;
}

function rijenNa(plan: TabelPlan, oud: readonly number[], invoer: Waarde = null): TabelRijen | undefined {
  return tabelRijen(
    "Provincie",
    plan,
    { koppen, rijen: rijenVan(oud, invoer) },
    samengevoegd(plan, oud, invoer),
  );
}

const formule = (
  f: string,
  blad = "Mijn blad",
  extra: Partial<FormuleVanGebruiker> = {},
): FormuleVanGebruiker => ({
  plek: `${blad}!A1`,
  blad,
  formule: f,
  ...extra,
});

describe("which rows of a table hold something else after a refill", () => {
  test("nothing when every row keeps its gemeente and the table does not grow", () => {
    expect(rijenNa(gemeentenTabel([1, 2, 3]), [1, 2, 3])).toBeUndefined();
    expect(rijenNa(gemeentenTabel([1, 2, 3], true), [1, 2, 3])).toBeUndefined();
  });

  test("a new one at the end of a table without totals row: no row of the table changes, it grows over the empty rows below its old last row", () => {
    const t = rijenNa(gemeentenTabel([1, 2, 3, 4, 5]), [1, 2, 3]);
    expect(t && [...t.anders]).toEqual([
      [12, { was: "\u0000onder", wordt: "GM0004" }],
      [13, { was: "\u0000onder", wordt: "GM0005" }],
    ]);
    expect(t?.erbij).toEqual({ oudLaatste: 11, rij: 12, aantal: 2, wordt: "GM0004" });
    expect(t?.koppen).toEqual(koppen);
    expect(rijenNa(gemeentenTabel([1, 2]), [1, 2, 3])?.erbij).toBeUndefined();
  });

  test("a gemeente gone without input: the rows below it move up, the last row is empty after", () => {
    const t = rijenNa(gemeentenTabel([1, 3, 4]), [1, 2, 3, 4]);
    expect(t && [...t.anders]).toEqual([
      [10, { was: "GM0002", wordt: "GM0003" }],
      [11, { was: "GM0003", wordt: "GM0004" }],
      [12, { was: "GM0004", wordt: "\u0000onder" }],
    ]);
    expect(t).toMatchObject({ blad: "Provincie", kolom1: 1, kolom2: 4, rij1: 9, rij2: 12 });
  });

  test("a gone gemeente with the user's input is kept at the end: the rows between move up", () => {
    const t = rijenNa(gemeentenTabel([1, 3, 4]), [1, 2, 3, 4], 5);
    expect(t && [...t.anders]).toEqual([
      [10, { was: "GM0002", wordt: "GM0003" }],
      [11, { was: "GM0003", wordt: "GM0004" }],
      [12, { was: "GM0004", wordt: "GM0002" }],
    ]);
  });

  test("the totals row moves down under a new gemeente, and up when one goes", () => {
    const erbij = rijenNa(gemeentenTabel([1, 2, 3, 4], true), [1, 2, 3]);
    expect(erbij && [...erbij.anders]).toEqual([
      [12, { was: "\u0000totaal", wordt: "GM0004" }],
      [13, { was: "\u0000onder", wordt: "\u0000totaal" }],
    ]);
    expect(erbij?.rij2).toBe(13);
    const eraf = rijenNa(gemeentenTabel([1, 2], true), [1, 2, 3]);
    expect(eraf && [...eraf.anders]).toEqual([
      [11, { was: "GM0003", wordt: "\u0000totaal" }],
      [12, { was: "\u0000totaal", wordt: "\u0000onder" }],
    ]);
  });
});

describe("formulas that read such a row", () => {
  const t = rijenNa(gemeentenTabel([1, 3, 4], true), [1, 2, 3, 4]);
  if (!t) throw new Error("rows should move");
  const gelezen = (f: FormuleVanGebruiker) => gelezenVerschovenRijen([t], [f]);

  test("a cell of a row that moves, from another sheet, by name with or without quotes and $", () => {
    expect(gelezen(formule("Provincie!B10*2"))).toEqual([
      {
        plek: "Mijn blad!A1",
        tabel: "Opgave_Gemeenten",
        cel: "Provincie!B10",
        was: "GM0002",
        wordt: "GM0003",
      },
    ]);
    expect(gelezen(formule("'Provincie'!$C$11+1"))).toHaveLength(1);
    expect(gelezen(formule("provincie!D12"))).toHaveLength(1);
    expect(gelezen(formule("B10", "Provincie"))).toHaveLength(1);
  });

  test("the totals row, read where it stood", () => {
    const [g] = gelezen(formule("Provincie!B13"));
    expect(g).toMatchObject({ cel: "Provincie!B13", was: "\u0000totaal" });
    expect(g && gelezenRijTekst(g)).toBe(
      "formule Mijn blad!A1 leest Provincie!B13 in tabel Opgave_Gemeenten: nu de totaalrij, na opnieuw vullen een lege rij onder de tabel",
    );
  });

  test("not: a row that keeps its gemeente, a column outside the table, another sheet, a text, the table's header", () => {
    for (const f of [
      "Provincie!B9",
      "Provincie!E10",
      "Andere!B10",
      '"Provincie!B10"&A2',
      "Provincie!B8",
      "B10",
      "Opgave_Gemeenten[Taakstelling]",
      "SUM(Provincie!B:B)",
    ])
      expect([f, gelezen(formule(f))]).toEqual([f, []]);
  });

  test("a range over every row of the table before and after reads the same rows; part of them does not", () => {
    expect(gelezen(formule("SUM(Provincie!B9:B13)"))).toEqual([]);
    expect(gelezen(formule("VLOOKUP(A1,Provincie!A1:D200,2,FALSE)"))).toEqual([]);
    expect(gelezen(formule("SUM(Provincie!B9:B11)"))).toMatchObject([{ cel: "Provincie!B10" }]);
  });

  test("a shared formula filled down from a row that stays reaches the rows that move", () => {
    expect(gelezen(formule("Provincie!B9"))).toEqual([]);
    expect(
      gelezen(formule("Provincie!B9", "Mijn blad", { herhaald: { rijen: 3, kolommen: 1 } })),
    ).toMatchObject([{ cel: "Provincie!B10" }]);
  });

  test("no tables that move: nothing to look for", () => {
    expect(gelezenVerschovenRijen([], [formule("Provincie!B10")])).toEqual([]);
  });
});

describe("formulas over all of a table's old rows, when it shrinks", () => {
  // GM0002 gone (no input): the rows below it move up, the totals row comes to stand in the old last row (12).
  const t = rijenNa(gemeentenTabel([1, 3, 4], true), [1, 2, 3, 4]);
  if (!t) throw new Error("the table should shrink");
  const gelezen = (f: FormuleVanGebruiker) => gelezenVerschovenRijen([t], [f]);

  test("a sum over the old data rows is named as reading the totals row too (it goes on reading the old last row)", () => {
    expect(t.eraf).toEqual({ oudLaatste: 12, aantal: 1, wordt: "\u0000totaal" });
    const [g] = gelezen(formule("SUM(Provincie!B9:B12)"));
    expect(g).toMatchObject({
      cel: "Provincie!B12",
      wordt: "\u0000totaal",
      alleRijen: { bereik: "Provincie!B9:B12", erbij: -1, tot: "Provincie!B11", kop: "Taakstelling" },
    });
    // Before: "leest Provincie!B10: nu de rij van GM0002, na opnieuw vullen de rij van GM0003".
    expect(g && gelezenRijTekst(g)).toBe(
      "formule Mijn blad!A1 leest alle rijen van tabel Opgave_Gemeenten (Provincie!B9:B12); na opnieuw vullen heeft " +
        "de tabel een rij minder, tot en met Provincie!B11, en leest zij ook Provincie!B12: de totaalrij",
    );
  });

  test("not: over the rows and the totals row, or part of the rows (named by the row that changes)", () => {
    expect(gelezen(formule("SUM(Provincie!B9:B13)"))).toEqual([]);
    expect(gelezen(formule("SUM(Provincie!B10:B11)"))).toMatchObject([{ cel: "Provincie!B10" }]);
    expect(gelezen(formule("SUM(Provincie!B10:B11)"))[0]?.alleRijen).toBeUndefined();
  });

  test("a gemeente gone with input is kept at the end: as many rows as before, nothing of the kind", () => {
    expect(rijenNa(gemeentenTabel([1, 3, 4], true), [1, 2, 3, 4], 5)?.eraf).toBeUndefined();
  });
});

describe("what of the user's stands beside a table's rows (outside its columns), when they change", () => {
  // GM0002 gone: GM0003 and GM0004 move up (rows 10, 11), the totals row to row 12, row 13 empties.
  const kleiner = rijenNa(gemeentenTabel([1, 3, 4], true), [1, 2, 3, 4]);
  // GM0002 back and GM0005 new below the old rows: the grown table covers the empty rows 12–14.
  const groter = rijenNa(gemeentenTabel([1, 2, 3, 4, 5], true), [1, 3, 4]);
  if (!kleiner || !groter) throw new Error("the tables should change");
  const op = (ref: string, soort: Aantekening, t: TabelRijen = kleiner) =>
    gelezenVerschovenRijen([t], [formule(ref, "Provincie", { plek: `Provincie!${ref}`, op: soort })]);

  test("a value, formula or note beside a row that will hold another gemeente or the totals row: named", () => {
    const [g] = op("F10", "cel");
    expect(g).toMatchObject({
      cel: "Provincie!F10",
      was: "GM0002",
      wordt: "GM0003",
      naast: { aantal: 1, gebied: "Provincie!F10" },
    });
    expect(g && gelezenRijTekst(g)).toBe(
      "cel Provincie!F10 van u staat naast tabel Opgave_Gemeenten: nu naast de rij van GM0002, na opnieuw vullen " +
        "naast de rij van GM0003 (wat naast een tabel staat, blijft op zijn rij staan)",
    );
    const [n] = op("H13", "notitie");
    expect(n && gelezenRijTekst(n)).toBe(
      "notitie op Provincie!H13 staat naast tabel Opgave_Gemeenten: nu naast de totaalrij, na opnieuw vullen " +
        "naast een lege rij onder de tabel (wat naast een tabel staat, blijft op zijn rij staan)",
    );
    expect(op("F12", "opmerking")).toMatchObject([
      { was: "GM0004", wordt: "\u0000totaal", naast: { aantal: 1 } },
    ]);
  });

  test("many of a kind beside one table: one finding, with how many, where they lie, and the first", () => {
    const cellen = ["F10", "G10", "F11", "H12", "F9"].map((ref) =>
      formule(ref, "Provincie", { plek: `Provincie!${ref}`, op: "cel" }),
    );
    const notitie = formule("J11", "Provincie", { plek: "Provincie!J11", op: "notitie" });
    const gevonden = gelezenVerschovenRijen([kleiner], [...cellen, notitie]);
    expect(gevonden.map(gelezenRijTekst)).toEqual([
      "4 cellen van u naast tabel Opgave_Gemeenten (Provincie!F10:H12) staan na opnieuw vullen naast een andere rij, " +
        "de eerste op Provincie!F10: nu naast de rij van GM0002, na opnieuw vullen naast de rij van GM0003 " +
        "(wat naast een tabel staat, blijft op zijn rij staan)",
      "notitie op Provincie!J11 staat naast tabel Opgave_Gemeenten: nu naast de rij van GM0003, na opnieuw vullen " +
        "naast de rij van GM0004 (wat naast een tabel staat, blijft op zijn rij staan)",
    ]);
  });

  test("not: beside a row that keeps its gemeente, below the table, a format, validation, link or drawing beside it", () => {
    expect(op("F9", "cel")).toEqual([]);
    expect(op("F14", "cel")).toEqual([]);
    for (const soort of ["voorwaardelijke opmaak", "gegevensvalidatie", "hyperlink", "tekening"] as const)
      expect([soort, op("F10:G12", soort)]).toEqual([soort, []]);
  });

  test("not: beside the empty rows a growing table covers (nothing stood beside a row of it there)", () => {
    expect(op("F13", "cel", groter)).toEqual([]);
    expect(op("F14", "notitie", groter)).toEqual([]);
    expect(op("F11", "cel", groter)).toEqual([]);
    // Beside the old totals row, which a returning gemeente takes: named.
    expect(op("F12", "cel", groter)).toMatchObject([
      { was: "\u0000totaal", wordt: "GM0002", naast: { aantal: 1 } },
    ]);
  });
});

describe("formulas over all of a table's rows, when it grows", () => {
  // GM0002 back and GM0005 new, both after the old rows (the table keeps its order): two rows below row 11.
  const t = rijenNa(gemeentenTabel([1, 2, 3, 4, 5], true), [1, 3, 4]);
  if (!t) throw new Error("the table should grow");
  const gelezen = (f: FormuleVanGebruiker) => gelezenVerschovenRijen([t], [f]);

  test("a sum over the old data rows (with or without the header) is named once, as leaving the new rows out", () => {
    const [g] = gelezen(formule("SUM(Provincie!B9:B11)+SUM(Provincie!C9:C11)"));
    expect(g).toEqual({
      plek: "Mijn blad!A1",
      tabel: "Opgave_Gemeenten",
      cel: "Provincie!B12",
      was: "",
      wordt: "GM0002",
      alleRijen: { bereik: "Provincie!B9:B11", erbij: 2, tot: "Provincie!B13", kop: "Taakstelling" },
    });
    expect(g && gelezenRijTekst(g)).toBe(
      "formule Mijn blad!A1 leest alle rijen van tabel Opgave_Gemeenten (Provincie!B9:B11); na opnieuw vullen " +
        "heeft de tabel 2 rijen meer, tot en met Provincie!B13, die zij niet meeneemt",
    );
    expect(gelezen(formule("VLOOKUP(A1,Provincie!$A$8:$D$11,2,FALSE)"))).toMatchObject([
      {
        cel: "Provincie!A12",
        alleRijen: { bereik: "Provincie!A8:D11", tot: "Provincie!A13:D13", kop: "Code" },
      },
    ]);
  });

  test("a cell below the table, empty before, that the grown table covers: named with what it will hold", () => {
    const [g] = gelezen(formule("Provincie!C14"));
    expect(g).toMatchObject({ cel: "Provincie!C14", was: "\u0000onder", wordt: "\u0000totaal" });
    expect(g && gelezenRijTekst(g)).toBe(
      "formule Mijn blad!A1 leest Provincie!C14 in tabel Opgave_Gemeenten: nu een lege rij onder de tabel, na opnieuw vullen de totaalrij",
    );
    const [notitie] = gelezen(formule("B13", "Provincie", { plek: "Provincie!B13", op: "notitie" }));
    expect(notitie && gelezenRijTekst(notitie)).toBe(
      "notitie op Provincie!B13 in tabel Opgave_Gemeenten: nu bij een lege rij onder de tabel, na opnieuw vullen bij de rij van GM0005 (een notitie blijft op haar cel staan)",
    );
    // Below where the grown table ends, or in a column beside it: nothing changes there.
    expect(gelezen(formule("Provincie!C15"))).toEqual([]);
    expect(gelezen(formule("Provincie!E14"))).toEqual([]);
  });

  test("not as such: part of the rows, the totals row too (named as a row that changes), or more", () => {
    expect(gelezen(formule("SUM(Provincie!B10:B11)"))).toEqual([]);
    expect(gelezen(formule("SUM(Provincie!B9:B12)"))).toMatchObject([
      { cel: "Provincie!B12", was: "\u0000totaal", wordt: "GM0002" },
    ]);
    expect(gelezen(formule("SUM(Provincie!B9:B20)"))).toEqual([]);
    expect(gelezen(formule("SUM(Opgave_Gemeenten[Taakstelling])"))).toEqual([]);
    expect(gelezen(formule("SUM(Provincie!E9:E11)"))).toEqual([]);
  });

  test("a note or format over those rows is not named as leaving rows out (it is checked by row)", () => {
    const bij = (ref: string) =>
      gelezen(formule(ref, "Provincie", { plek: `Provincie!${ref}`, op: "gegevensvalidatie" }));
    expect(bij("B9:B11")).toEqual([]);
    expect(bij("B9:B12")).toMatchObject([{ cel: "Provincie!B12", op: "gegevensvalidatie" }]);
    expect(bij("B9:B12")[0]?.alleRijen).toBeUndefined();
  });

  test("one row more: named by what it will hold", () => {
    const een = rijenNa(gemeentenTabel([1, 2, 3, 4]), [1, 2, 3]);
    const [g] = een ? gelezenVerschovenRijen([een], [formule("SUM(Provincie!B9:B11)")]) : [];
    expect(g && gelezenRijTekst(g)).toBe(
      "formule Mijn blad!A1 leest alle rijen van tabel Opgave_Gemeenten (Provincie!B9:B11); na opnieuw vullen " +
        "heeft de tabel een rij meer, tot en met Provincie!B12, die zij niet meeneemt",
    );
  });
});

test("rijenNaar: each row as it stood to where its key goes, the totals row below the rows; null for a key gone", () => {
  const plan = gemeentenTabel([1, 3, 4, 5], true);
  const oud = { koppen, rijen: rijenVan([1, 2, 3, 4]) };
  const naar = rijenNaar(plan, oud, samengevoegd(plan, [1, 2, 3, 4]));
  // GM0002 gone (no input): null (a range over it shrinks, a reference to it alone is named); the rows below it move
  // up; GM0005 new at the end; the totals row from 13 to 13; outside the table: undefined (it stays).
  expect([8, 9, 10, 11, 12, 13, 14].map((r) => naar(r, 2))).toEqual([
    undefined,
    9,
    null,
    10,
    11,
    13,
    undefined,
  ]);
  // Beside the table (its columns A–D), a cell stays where it is.
  expect([naar(11, 4), naar(11, 5)]).toEqual([10, undefined]);
});

describe("what the user can do about it", () => {
  const g = (extra: Partial<GelezenRij>): GelezenRij => ({
    plek: "Mijn blad!A1",
    tabel: "Opgave_Taakstelling",
    cel: "Taakstelling!D15",
    was: "",
    wordt: undefined,
    ...extra,
  });

  test("look a row up; read the table's column for a formula over all rows; nothing for notes and links", () => {
    const alle = { bereik: "Taakstelling!D9:D14", erbij: 1, tot: "Taakstelling!D15", kop: "Gehuisvest" };
    expect(gelezenRijenAdvies([g({}), g({ alleRijen: alle }), g({ alleRijen: alle })])).toEqual([
      expect.stringContaining("X.ZOEKEN"),
      "laat een formule over alle rijen van een tabel de tabel bij haar naam lezen " +
        "(Opgave_Taakstelling[Gehuisvest] voor een kolom, Opgave_Taakstelling voor de hele tabel): die groeit mee met de tabel",
    ]);
    expect(gelezenRijenAdvies([g({ op: "notitie" }), g({ link: true })])).toEqual([]);
  });

  test("a header as Excel writes it in a structured reference", () => {
    expect(tabelKolom("T", "Gehuisvest")).toBe("T[Gehuisvest]");
    expect(tabelKolom("T", "Bestaande plaatsen")).toBe("T[Bestaande plaatsen]");
    expect(tabelKolom("T", "Taakstelling 2024-I")).toBe("T[[Taakstelling 2024-I]]");
    expect(tabelKolom("T", "Nr. #1 [a]")).toBe("T[[Nr. '#1 '[a']]]");
    expect(tabelKolom("T", "Gemeente's")).toBe("T[[Gemeente''s]]");
  });
});

test("a row is named by its gemeente and key; by the gemeente alone where the key is Opgave's own id", () => {
  const plan = (ids: readonly string[]): TabelPlan => ({
    naam: "Opgave_Controle",
    start: { rij: 4, kolom: 1 },
    sleutelKolom: "id",
    kolommen: [
      { sleutel: "gemeente", kop: "Gemeente", soort: "gegeven" },
      { sleutel: "id", kop: "Id", soort: "gegeven" },
    ],
    rijen: ids.map((id) => [id.split("|").at(-1) === "GM0351" ? "Woudenberg" : "Zeist", id]),
  });
  const oud = ["fout|bestand|x", "ontbreekt||GM0351"];
  const bestaand = {
    koppen: ["Gemeente", "Id"],
    rijen: [
      ["Zeist", oud[0]!],
      ["Woudenberg", oud[1]!],
    ],
  };
  const r = samenvoegenTabel(plan(oud.slice(1)), bestaand, { blad: "Controle", vrij: () => true });
  if (r.soort !== "samengevoegd") throw new Error(r.reden);
  const t = tabelRijen("Controle", plan(oud.slice(1)), bestaand, r);
  expect(t && [...t.anders]).toEqual([
    [5, { was: "Zeist", wordt: "Woudenberg" }],
    [6, { was: "Woudenberg", wordt: "\u0000onder" }],
  ]);
});
