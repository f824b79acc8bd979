/**
 * What exceljs reads of an existing workbook for a grafted refill (src/workbook/xlsxInlezen.ts): the user's own
 * sheets empty when Opgave's side does not read them, else the whole package — and either way the same refill.
 */
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { planGemeente } from "../../src/workbook/bouwPlan";
import { delenVoorSamenvoegen } from "../../src/workbook/xlsxInlezen";
import { celWaarde, schrijfXlsx } from "../../src/workbook/xlsxWriter";
import { engine } from "../domain/helpers";
import { bewaarXlsx as bewaar, blad, leesXlsx as lees, rijVan, TEST_BRON } from "./werkboekHulp";

const utrecht = planGemeente(engine, "Utrecht", TEST_BRON);
const EIGEN_BLADEN = utrecht.bladen.map((b) => b.naam);
const tekst = new TextDecoder();

let eerste: Uint8Array;
beforeAll(async () => {
  eerste = (await schrijfXlsx(utrecht)).data;
});

/** The first fill with inputs, and a sheet of the user's own (a table, a note, numbers); `pas` changes more. */
async function metEigenBlad(pas: (wb: ExcelJS.Workbook) => void = () => {}): Promise<Uint8Array> {
  const wb = await lees(eerste);
  const t = blad(wb, "Taakstelling");
  t.getCell(rijVan(t, "2024-I"), 7).value = 123;
  const eigen = wb.addWorksheet("Mijn blad");
  for (let r = 1; r <= 40; r++) eigen.getCell(r, 1).value = r * 10;
  eigen.getCell("C3").note = "op mijn eigen blad";
  eigen.addTable({
    name: "MijnTabel",
    ref: "E1",
    headerRow: true,
    columns: [{ name: "Wat" }, { name: "Hoeveel" }],
    rows: [["appels", 3]],
  } as ExcelJS.TableProperties);
  wb.definedNames.add("'Mijn blad'!$A$1", "MijnBudget");
  pas(wb);
  return bewaar(wb);
}

/** The part of sheet `naam` in a package, from its workbook.xml and relationships. */
function bladDeel(delen: Record<string, Uint8Array>, naam: string): string {
  const wb = tekst.decode(delen["xl/workbook.xml"]);
  const rid = new RegExp(`<sheet\\b[^>]*name="${naam}"[^>]*r:id="([^"]+)"`).exec(wb)?.[1];
  const rels = tekst.decode(delen["xl/_rels/workbook.xml.rels"]);
  const doel = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? "";
  return doel.startsWith("/") ? doel.slice(1) : `xl/${doel}`;
}

test("a sheet of the user's that Opgave's side does not read goes to exceljs empty; Opgave's sheets as they are", async () => {
  const bestaand = await metEigenBlad();
  const [voor, na] = [
    unzipSync(bestaand),
    Object.fromEntries(await delenVoorSamenvoegen(bestaand, EIGEN_BLADEN, true)),
  ];
  const eigen = bladDeel(voor, "Mijn blad");
  expect(tekst.decode(voor[eigen])).toContain("<sheetData><row");
  expect(tekst.decode(na[eigen])).toMatch(/<sheetData\/><\/worksheet>$/);
  const rels = eigen.replace("worksheets/", "worksheets/_rels/") + ".rels";
  expect(tekst.decode(na[rels])).not.toContain("<Relationship ");
  for (const naam of EIGEN_BLADEN) {
    const deel = bladDeel(voor, naam);
    expect(na[deel]).toEqual(voor[deel]);
  }
  // What the graft keeps from the original anyway is not read: the theme, the document properties and the
  // package's own relationships.
  expect(Object.keys(voor).filter((n) => !VOOR_ENT(n)).length).toBeGreaterThan(2);
  expect(Object.keys(na).filter((n) => !VOOR_ENT(n))).toEqual([]);
});

/**
 * The parts of an original a graft takes from exceljs's side: all but the theme, the document properties and the
 * package's relationships.
 */
function VOOR_ENT(naam: string): boolean {
  return !/^(xl\/theme\/|docProps\/|_rels\/\.rels$)/.test(naam);
}

test.each([
  [
    "an input made a formula on the user's sheet",
    (wb: ExcelJS.Workbook) => formuleInInvoer(wb, "'Mijn blad'!A2"),
  ],
  [
    "an input made a formula with a name of the user's",
    (wb: ExcelJS.Workbook) => formuleInInvoer(wb, "MijnBudget"),
  ],
  [
    "an input made a formula on a sheet of the user's named in other capitals, without quotes",
    (wb: ExcelJS.Workbook) => {
      wb.addWorksheet("Budget").getCell("A2").value = 7;
      formuleInInvoer(wb, "bUDGET!A2*2");
    },
  ],
  [
    "the same beside a text beyond ASCII in the formula",
    (wb: ExcelJS.Workbook) => {
      wb.addWorksheet("Budget").getCell("A2").value = 7;
      formuleInInvoer(wb, 'IF(bUDGET!A2>0,"€ — ja","nee")');
    },
  ],
  [
    "an input made a link to another workbook",
    (wb: ExcelJS.Workbook) => formuleInInvoer(wb, "[1]Blad1!$A$1"),
  ],
  [
    "an Opgave_ name kept on the user's sheet",
    (wb: ExcelJS.Workbook) => wb.definedNames.add("'Mijn blad'!$B$2", "Opgave_Elders"),
  ],
  [
    "an Opgave_ table on the user's sheet",
    (wb: ExcelJS.Workbook) =>
      blad(wb, "Mijn blad").addTable({
        name: "Opgave_Kopie",
        ref: "H1",
        headerRow: true,
        columns: [{ name: "Periode" }],
        rows: [["2024-I"]],
      } as ExcelJS.TableProperties),
  ],
])("%s: exceljs reads the whole package", async (_, pas) => {
  const bestaand = await metEigenBlad(pas);
  const [voor, na] = [
    unzipSync(bestaand),
    Object.fromEntries(await delenVoorSamenvoegen(bestaand, EIGEN_BLADEN, true)),
  ];
  expect(Object.keys(na)).toEqual(Object.keys(voor).filter(VOOR_ENT));
  for (const [naam, inhoud] of Object.entries(voor)) if (VOOR_ENT(naam)) expect(na[naam]).toEqual(inhoud);
});

function formuleInInvoer(wb: ExcelJS.Workbook, formule: string): void {
  const t = blad(wb, "Taakstelling");
  t.getCell(rijVan(t, "2022-I"), 7).value = { formula: formule } as ExcelJS.CellFormulaValue;
}

// Two refills and a dozen full reads of their files: over 5 s on a busy machine (this is no speed test).
test("the refill is the same either way: Opgave's results and the user's input as in the full rewrite", async () => {
  const bestaand = await metEigenBlad();
  const [geent, volledig] = [
    await schrijfXlsx(utrecht, bestaand),
    await schrijfXlsx(utrecht, bestaand, { enten: false, verliesToestaan: true }),
  ];
  const resultaten = async (data: Uint8Array) => {
    const uit = new Map<string, unknown>();
    for (const naam of EIGEN_BLADEN)
      blad(await lees(data), naam).eachRow((rij) =>
        rij.eachCell((cel) => {
          if (cel.type === ExcelJS.ValueType.Formula) uit.set(`${naam}!${cel.address}`, cel.result);
        }),
      );
    return uit;
  };
  const [a, b] = [await resultaten(geent.data), await resultaten(volledig.data)];
  expect(a.size).toBeGreaterThan(50);
  expect(a).toEqual(b);
  const t = blad(await lees(geent.data), "Taakstelling");
  expect(celWaarde(t.getCell(rijVan(t, "2024-I"), 7))).toBe(123);
  expect(geent.rapport.invoerBehouden).toBe(volledig.rapport.invoerBehouden);
  // The user's own sheet is the original's, byte for byte.
  const deel = bladDeel(unzipSync(bestaand), "Mijn blad");
  expect(unzipSync(geent.data)[deel]).toEqual(unzipSync(bestaand)[deel]);
}, 60_000);
