import {
  gelezenRijTekst,
  gelezenVerschovenRijen,
  tabelRijen,
  type FormuleVanGebruiker,
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
  test("nothing when every row keeps its gemeente (a new one at the end of a table without totals row)", () => {
    expect(rijenNa(gemeentenTabel([1, 2, 3, 4]), [1, 2, 3])).toBeUndefined();
    expect(rijenNa(gemeentenTabel([1, 2, 3]), [1, 2, 3])).toBeUndefined();
  });

  test("a gemeente gone without input: the rows below it move up, the last row is empty after", () => {
    const t = rijenNa(gemeentenTabel([1, 3, 4]), [1, 2, 3, 4]);
    expect(t && [...t.anders]).toEqual([
      [10, { was: "GM0002", wordt: "GM0003" }],
      [11, { was: "GM0003", wordt: "GM0004" }],
      [12, { was: "GM0004", wordt: undefined }],
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
    expect(erbij && [...erbij.anders]).toEqual([[12, { was: "\u0000totaal", wordt: "GM0004" }]]);
    expect(erbij?.rij2).toBe(13);
    const eraf = rijenNa(gemeentenTabel([1, 2], true), [1, 2, 3]);
    expect(eraf && [...eraf.anders]).toEqual([
      [11, { was: "GM0003", wordt: "\u0000totaal" }],
      [12, { was: "\u0000totaal", wordt: undefined }],
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
      "formule Mijn blad!A1 leest Provincie!B13 in tabel Opgave_Gemeenten: nu de totaalrij, na opnieuw vullen een lege rij",
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
    [6, { was: "Woudenberg", wordt: undefined }],
  ]);
});
