/**
 * Refill that loses nothing (`opgave vul` on an existing file, `schrijfXlsx(plan, bestaand)`):
 * 1. a column of the user's own inside an Opgave table stays where the user put it (where inserting it moved no
 *    other cell of Opgave's; elsewhere the refill stops, nothing written); one at the end stays;
 * 2. what exceljs drops is kept by the writer where it can, else listed by name and the refill stops unless the
 *    user confirms (`verliesToestaan`, `--bevestig-verlies`);
 * 3. the report lists exactly what was lost.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { unzipSync } from "fflate";
import { laadDelen } from "../../src/workbook/exceljsLaden";
import { ingeklapt } from "../../src/workbook/exceljsReparaties";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { mainAsync, type Uitvoer } from "../../src/cli/main";
import { planGemeente, planProvincie, type BronInfo } from "../../src/workbook/bouwPlan";
import { rapportRegels } from "../../src/cli/vul";
import { kolomLetters, kolomNummer } from "../../src/workbook/a1";
import { BRON_PLEKKEN } from "../../src/workbook/indeling";
import {
  celWaarde,
  EigenKolomFout,
  schrijfXlsx,
  VerliesFout,
  WerkboekWeigering,
} from "../../src/workbook/xlsxWriter";
import {
  bladPaden,
  leesNotities,
  verliesNaSchrijven,
  voegGrafiekenToe,
  type GrafiekSpec,
} from "../../src/workbook/xlsxOnderdelen";
import * as zipModule from "../../src/workbook/zip";
import Zip from "../../src/workbook/zip";
import { engine } from "../domain/helpers";
import type { Cel, WerkboekPlan } from "../../src/workbook/plan";
import {
  bewaarXlsx as bewaar,
  blad,
  leesXlsx as lees,
  rijVan,
  tabelRef,
  TEST_BRON,
  voegBladKolomIn,
  zonderRij,
} from "./werkboekHulp";
import { verplaatsFormule, type Verplaatsing } from "../../src/workbook/kolomVerplaatsing";

const bron: BronInfo = TEST_BRON;

const utrecht = planGemeente(engine, "Utrecht", bron);
/** The same workbook a month later: Bron!B9 ("Gevuld op") differs. */
const later = planGemeente(engine, "Utrecht", { ...bron, gemaakt: "2027-01-05T09:30:00Z" });

function opvang(): Uitvoer & { uit: string[]; fout: string[] } {
  const uit: string[] = [];
  const fout: string[] = [];
  return { uit, fout, out: (t) => uit.push(t), err: (t) => fout.push(t) };
}

type TabelModel = { columns: { name: string }[]; tableRef: string; autoFilterRef?: string };

function tabelModel(ws: ExcelJS.Worksheet, naam: string): TabelModel {
  const t = (ws as unknown as { tables: Record<string, { table: TabelModel }> }).tables[naam];
  if (!t) throw new Error(`tabel ${naam} ontbreekt`);
  return t.table;
}

/** The Taakstelling table's range with its last column `n` columns further ("A7:M27", 1 → "A7:N27"). */
function breder(ref: string, n: number): string {
  const [, eind = "", rij = ""] = /:([A-Z]+)(\d+)$/.exec(ref) ?? [];
  return ref.replace(/:[A-Z]+\d+$/, `:${kolomLetters(kolomNummer(eind) + n)}${rij}`);
}

/** Sets the table's range (and its filter's) as Excel does when its columns change. */
function zetRef(t: TabelModel, ref: string): void {
  t.tableRef = ref;
  t.autoFilterRef = ref;
}

/** Inserts a column of the user's own into the Taakstelling table (A7:M27) at sheet column `kolom` (1-based). */
function voegKolomIn(ws: ExcelJS.Worksheet, kolom: number, kop: string): void {
  const t = tabelModel(ws, "Opgave_Taakstelling");
  ws.spliceColumns(kolom, 0, []);
  t.columns.splice(kolom - 1, 0, { name: kop });
  zetRef(t, breder(t.tableRef, 1));
  ws.getCell(7, kolom).value = kop;
  ws.getCell(9, kolom).value = "van mij";
}

/** Header (row 7) and content of the cell a reference "Taakstelling!J10" points at. */
function doelVan(wb: ExcelJS.Workbook, ref: string): { kop: unknown; inhoud: unknown } {
  const [, cel] = ref.split("!");
  const ws = blad(wb, "Taakstelling");
  const c = ws.getCell(cel ?? "");
  return { kop: celWaarde(ws.getCell(7, Number(c.col))), inhoud: c.value };
}

describe("a column of the user's own inside an Opgave table", () => {
  let map: string;
  let eerste: Uint8Array;
  beforeAll(async () => {
    map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-herbevulling-"));
    eerste = (await schrijfXlsx(utrecht)).data;
  });
  afterAll(async () => {
    await fs.rm(map, { recursive: true, force: true });
  });

  test("formulas in it go with their rows: where rows move (a period back in its place), each reads the rows it read; the new row gets the column's formula", async () => {
    const zonder = zonderRij(utrecht, "Opgave_Taakstelling", "2018-II");
    const wb = await lees((await schrijfXlsx(zonder)).data);
    const t = blad(wb, "Taakstelling");
    expect(celWaarde(t.getCell("G7"))).toBe("Gehuisvest");
    voegKolomIn(t, 17, "Eigen");
    const rijen = zonder.bladen.find((b) => b.naam === "Taakstelling")?.tabellen[0]?.rijen.length ?? 0;
    for (let r = 8; r < 8 + rijen; r++) {
      t.getCell(r, 7).value = r * 10;
      // Its own row, the row above (within the table; a running sum would read it) and a fixed cell above the table.
      t.getCell(r, 17).value = { formula: `G${r}+1+N(Q${r - 1})*0+N($B$3)*0` } as ExcelJS.CellFormulaValue;
      t.getCell(r, 17).numFmt = "0.0";
    }
    // The first row's cell of the column in bold: a new row takes the format of the row above it, as in Excel.
    t.getCell(8, 17).font = { bold: true };
    const periode = (ws: ExcelJS.Worksheet, r: number) => celWaarde(ws.getCell(r, 1));
    const voor = new Map<unknown, unknown>();
    const erboven = new Map<unknown, unknown>();
    for (let r = 8; r < 8 + rijen; r++) {
      voor.set(periode(t, r), r * 10 + 1);
      erboven.set(periode(t, r), r > 8 ? periode(t, r - 1) : undefined);
    }
    const { data, rapport } = await schrijfXlsx(later, await bewaar(wb), { verliesToestaan: true });
    const na = blad(await lees(data), "Taakstelling");
    const terug =
      [...Array(rijen + 1).keys()].map((i) => 8 + i).find((r) => periode(na, r) === "2018-II") ?? 0;
    expect(terug).toBeGreaterThan(8);
    const rijVan = new Map<unknown, number>();
    for (let r = 8; r <= 8 + rijen; r++) rijVan.set(periode(na, r), r);
    for (let r = 8; r <= 8 + rijen; r++) {
      const cel = na.getCell(r, 17);
      if (r === terug) {
        // Every row held one formula (a calculated column): the new row gets it, as Excel fills a row inserted
        // into a table; named in the report. Before: left empty, without a word.
        const formule = `G${r}+1+N(Q${r - 1})*0+N($B$3)*0`;
        expect([cel.formula, cel.result, cel.numFmt, cel.font?.bold]).toEqual([formule, 1, "0.0", undefined]);
        expect(rapport.wijzigingen).toContainEqual({
          plek: `Opgave_Taakstelling: formule van uw kolom "Eigen" doorgetrokken naar 2018-II (Q${r})`,
          oud: null,
          nieuw: `=${formule}`,
        });
        continue;
      }
      // The row it read above it: the same period as before (right below 2018-II that is two rows up now).
      const boven = rijVan.get(erboven.get(periode(na, r))) ?? 7;
      // Before: the formula stayed as written, so below 2018-II each row read the period above it.
      expect([periode(na, r), cel.formula]).toEqual([periode(na, r), `G${r}+1+N(Q${boven})*0+N($B$3)*0`]);
      expect([periode(na, r), celWaarde(na.getCell(r, 7))]).toEqual([
        periode(na, r),
        Number(voor.get(periode(na, r))) - 1,
      ]);
      // The cached result, for a viewer that does not recalculate: of its own row.
      expect([periode(na, r), cel.result]).toEqual([periode(na, r), voor.get(periode(na, r))]);
    }
  });

  test("a calculated column (Excel's table part says so) with one cell typed over: the row the refill adds gets its formula, as in Excel", async () => {
    const zonder = zonderRij(utrecht, "Opgave_Taakstelling", "2018-II");
    const wb = await lees((await schrijfXlsx(zonder)).data);
    const t = blad(wb, "Taakstelling");
    voegKolomIn(t, 17, "Eigen");
    const rijen = zonder.bladen.find((b) => b.naam === "Taakstelling")?.tabellen[0]?.rijen.length ?? 0;
    for (let r = 8; r < 8 + rijen; r++)
      t.getCell(r, 17).value = { formula: `G${r}*2` } as ExcelJS.CellFormulaValue;
    // One cell typed over by hand: Excel keeps the column calculated and marks this cell as its exception.
    t.getCell(10, 17).value = 99;
    const zip = await JSZip.loadAsync(await bewaar(wb));
    const deel = Object.keys(zip.files).find((n) => /^xl\/tables\/table\d+\.xml$/.test(n)) ?? "";
    const xml = (await zip.file(deel)?.async("string")) ?? "";
    const gemarkeerd = xml.replace(
      /(<tableColumn id="17" name="Eigen")\/>/,
      "$1><calculatedColumnFormula>Opgave_Taakstelling[[#This Row],[Gehuisvest]]*2</calculatedColumnFormula></tableColumn>",
    );
    expect(gemarkeerd).not.toBe(xml);
    zip.file(deel, gemarkeerd);
    const oud = new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
    const { data, rapport } = await schrijfXlsx(later, oud);
    const na = blad(await lees(data), "Taakstelling");
    const terug = [...Array(rijen + 1).keys()]
      .map((i) => 8 + i)
      .find((r) => celWaarde(na.getCell(r, 1)) === "2018-II");
    expect(terug).toBeDefined();
    expect(na.getCell(terug ?? 0, 17).formula).toBe(`G${terug ?? 0}*2`);
    expect(rapport.wijzigingen).toContainEqual({
      plek: `Opgave_Taakstelling: formule van uw kolom "Eigen" doorgetrokken naar 2018-II (Q${terug ?? 0})`,
      oud: null,
      nieuw: `=G${terug ?? 0}*2`,
    });
    // The cell typed over keeps its value.
    expect(celWaarde(na.getCell(10, 17))).toBe(99);
    // Without the mark (a column filled down by hand, one cell different): not a calculated column, left empty.
    const ongemarkeerd = await JSZip.loadAsync(oud);
    ongemarkeerd.file(deel, xml);
    const zonderMerk = await schrijfXlsx(
      later,
      new Uint8Array(await ongemarkeerd.generateAsync({ type: "uint8array" })),
    );
    expect(blad(await lees(zonderMerk.data), "Taakstelling").getCell(terug ?? 0, 17).value).toBeNull();
  });

  test("calculated columns' formulas in the table part (Excel's, which exceljs drops): kept, refill after refill; a full rewrite names them", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    voegKolomIn(t, 17, "Eigen");
    voegKolomIn(t, 18, "Drievoud");
    for (let r = 8; r <= 27; r++) {
      t.getCell(r, 17).value = { formula: `G${r}*2` } as ExcelJS.CellFormulaValue;
      t.getCell(r, 18).value = { formula: `G${r}*3` } as ExcelJS.CellFormulaValue;
    }
    const zip = await JSZip.loadAsync(await bewaar(wb));
    const deel = Object.keys(zip.files).find((n) => /^xl\/tables\/table\d+\.xml$/.test(n)) ?? "";
    const formule = (n: number) =>
      `<calculatedColumnFormula>Opgave_Taakstelling[[#This Row],[Gehuisvest]]*${n}</calculatedColumnFormula>`;
    const xml = (await zip.file(deel)?.async("string")) ?? "";
    expect(xml).toMatch(/<tableColumn id="17" name="Eigen"\/><tableColumn id="18" name="Drievoud"\/>/);
    zip.file(
      deel,
      xml
        .replace(/(<tableColumn id="17" name="Eigen")\/>/, `$1>${formule(2)}</tableColumn>`)
        .replace(/(<tableColumn id="18" name="Drievoud")\/>/, `$1>${formule(3)}</tableColumn>`),
    );
    const oud = new Uint8Array(await zip.generateAsync({ type: "uint8array" }));

    // A second refill reads the table as the first wrote it (a filter button per column): exceljs, which reads no
    // column's formula, failed on it ("Cannot set properties of undefined") — the workbook could not be refilled.
    let data: Uint8Array = oud;
    for (const ronde of [1, 2]) {
      const uit = await schrijfXlsx(later, data);
      expect([ronde, uit.rapport.verloren]).toEqual([ronde, []]);
      data = uit.data;
      const na = await JSZip.loadAsync(data);
      const tabel = Object.keys(na.files).find((n) => /^xl\/tables\/table\d+\.xml$/.test(n)) ?? "";
      const tabelXml = (await na.file(tabel)?.async("string")) ?? "";
      expect(tabelXml).toContain(`name="Eigen" totalsRowFunction="none">${formule(2)}</tableColumn>`);
      expect(tabelXml).toContain(`name="Drievoud" totalsRowFunction="none">${formule(3)}</tableColumn>`);
    }
    // Without the graft (a package it does not handle), exceljs writes the table: named, and the refill stops.
    const fout = await schrijfXlsx(later, oud, { enten: false }).catch((e: unknown) => e);
    expect((fout as VerliesFout).onderdelen).toEqual([
      'berekende kolom "Eigen" van tabel Opgave_Taakstelling',
      'berekende kolom "Drievoud" van tabel Opgave_Taakstelling',
    ]);
  });

  /**
   * Utrecht's province workbook first filled without GM0307 (`n` rows), read back (`wb`, its sheet `t`), and the
   * plan of a later refill (`nu`) that brings GM0307 back: the table grows a row.
   */
  async function utrechtZonderGM0307() {
    const p = planProvincie(engine, "Utrecht", "2025-II", bron);
    const nu = planProvincie(engine, "Utrecht", "2025-II", { ...bron, gemaakt: "2027-01-05T09:30:00Z" });
    const zonder = zonderRij(p, "Opgave_Provincie", "GM0307");
    const n = zonder.bladen[0]?.tabellen[0]?.rijen.length ?? 0;
    const wb = await lees((await schrijfXlsx(zonder)).data);
    return { nu, n, wb, t: blad(wb, "Provincie") };
  }

  test("the user's cells on the totals row below a table go with it when a gemeente comes back; a total over all rows stops the refill", async () => {
    const { nu, n, wb, t } = await utrechtZonderGM0307();
    const tabel = tabelModel(t, "Opgave_Provincie");
    const [laatste, totaal] = [8 + n, 9 + n];
    tabel.columns.push({ name: "Dubbel" }, { name: "Notitie" });
    zetRef(tabel, `A8:Q${laatste}`);
    t.getCell(8, 16).value = "Dubbel";
    t.getCell(8, 17).value = "Notitie";
    for (let r = 9; r <= laatste; r++)
      t.getCell(r, 16).value = { formula: `F${r}*2` } as ExcelJS.CellFormulaValue;
    expect(celWaarde(t.getCell(totaal, 2))).toBe("Totaal");
    t.getCell(totaal, 16).value = { formula: `SUM(P9:P${laatste})` } as ExcelJS.CellFormulaValue;
    t.getCell(totaal, 17).value = "mijn totaal";
    const oud = await bewaar(wb);
    // The sum would leave the row of GM0307 out: the refill stops, nothing written.
    const fout = await schrijfXlsx(nu, oud).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(VerliesFout);
    expect((fout as VerliesFout).onderdelen).toEqual([
      `formule Provincie!P${totaal} leest alle rijen van tabel Opgave_Provincie (Provincie!P9:P${laatste}); na opnieuw vullen heeft de tabel een rij meer, tot en met Provincie!P${totaal}, die zij niet meeneemt`,
    ]);
    // Confirmed: both on the totals row, one row down. Before: emptied with the old table, without a word.
    const { data } = await schrijfXlsx(nu, oud, { verliesToestaan: true });
    const na = blad(await lees(data), "Provincie");
    expect(celWaarde(na.getCell(totaal + 1, 2))).toBe("Totaal");
    expect([na.getCell(totaal + 1, 16).formula, celWaarde(na.getCell(totaal + 1, 17))]).toEqual([
      `SUM(P9:P${laatste})`,
      "mijn totaal",
    ]);
    expect(celWaarde(na.getCell(totaal, 1))).toBe("GM0307");
    expect([na.getCell(totaal, 16).formula, na.getCell(totaal, 17).value]).toEqual([`F${totaal}*2`, null]);
  });

  test("what the user put just below a table that grows (a formula reading the empty cell, a picture): named, as the totals row comes to stand there", async () => {
    const { nu, n, wb, t } = await utrechtZonderGM0307();
    const onder = 10 + n;
    expect([celWaarde(t.getCell(onder - 1, 2)), t.getCell(onder, 4).value]).toEqual(["Totaal", null]);
    wb.addWorksheet("Mijn blad").getCell("A1").value = {
      formula: `IF(Provincie!D${onder}="","leeg","gevuld")`,
    } as ExcelJS.CellFormulaValue;
    const beeld = wb.addImage({
      base64:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      extension: "png",
    });
    t.addImage(beeld, `B${onder}:D${onder + 2}`);
    const oud = await bewaar(wb);
    // GM0307 comes back: the table grows a row, and its totals row comes to stand in the row below it.
    const fout = await schrijfXlsx(nu, oud).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(VerliesFout);
    const [formuleRegel, beeldRegel, ...rest] = (fout as VerliesFout).onderdelen;
    expect(rest).toEqual([]);
    expect(formuleRegel).toBe(
      `formule 'Mijn blad'!A1 leest Provincie!D${onder} in tabel Opgave_Provincie: nu een lege rij onder de tabel, na opnieuw vullen de totaalrij`,
    );
    expect(beeldRegel).toMatch(
      new RegExp(
        `^afbeelding "[^"]+" van u op Provincie!B${onder}:D${onder + 2} in tabel Opgave_Provincie: ` +
          `nu bij een lege rij onder de tabel, na opnieuw vullen bij de totaalrij \\(blijft op dezelfde cellen staan\\)$`,
      ),
    );
    // Confirmed: the refill goes, the totals row below the grown table, where the formula reads.
    const { data, rapport } = await schrijfXlsx(nu, oud, { verliesToestaan: true });
    expect(rapport.andereRij).toEqual([formuleRegel, beeldRegel]);
    expect(celWaarde(blad(await lees(data), "Provincie").getCell(onder, 2))).toBe("Totaal");
  });

  test("a formula in a row that stays follows a row it reads that moves (as in Excel)", async () => {
    const zonder = zonderRij(utrecht, "Opgave_Taakstelling", "2018-II");
    const wb = await lees((await schrijfXlsx(zonder)).data);
    const t = blad(wb, "Taakstelling");
    voegKolomIn(t, 17, "Volgende");
    // Each row reads the next one (the last row nothing): 2018-I in row 11 reads 2019-I in row 12.
    for (let r = 8; r <= 25; r++)
      t.getCell(r, 17).value = { formula: `N(G${r + 1})-G${r}` } as ExcelJS.CellFormulaValue;
    expect(celWaarde(t.getCell("A11"))).toBe("2018-I");
    const { data } = await schrijfXlsx(later, await bewaar(wb));
    const na = blad(await lees(data), "Taakstelling");
    // 2018-II came back in row 12, 2019-I went to row 13: before, 2018-I went on reading row 12 (now 2018-II).
    expect([celWaarde(na.getCell("A11")), na.getCell("Q11").formula]).toEqual(["2018-I", "N(G13)-G11"]);
    expect([celWaarde(na.getCell("A10")), na.getCell("Q10").formula]).toEqual(["2017-II", "N(G11)-G10"]);
  });

  test("a formula of the user's in the table that reads a row that goes: alone, the refill stops; over a range, the range shrinks", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    voegKolomIn(t, 17, "Eigen");
    t.getCell("Q9").value = null;
    expect(celWaarde(t.getCell("A12"))).toBe("2018-II");
    t.getCell("Q10").value = { formula: "SUM(G10:G12)" } as ExcelJS.CellFormulaValue;
    t.getCell("Q11").value = { formula: "N(G12)-G11" } as ExcelJS.CellFormulaValue;
    const kleiner = zonderRij(later, "Opgave_Taakstelling", "2018-II");
    const oud = await bewaar(wb);
    const fout = await schrijfXlsx(kleiner, oud).catch((e: unknown) => e);
    expect((fout as VerliesFout).onderdelen).toEqual([
      "formule Taakstelling!Q11 leest Taakstelling!G12 in tabel Opgave_Taakstelling: de rij van 2018-II, die bij opnieuw vullen vervalt",
    ]);
    const { data } = await schrijfXlsx(kleiner, oud, { verliesToestaan: true });
    const na = blad(await lees(data), "Taakstelling");
    // Before: SUM(G10:G12) went on to read 2019-I, now in row 12, without a word.
    expect([na.getCell("Q10").formula, na.getCell("Q11").formula]).toEqual(["SUM(G10:G11)", "N(G12)-G11"]);
  });

  test("a table left alone (it would grow over the user's cell below it): nothing said of rows it does not move", async () => {
    const zonder = zonderRij(utrecht, "Opgave_Taakstelling", "2018-II");
    const wb = await lees((await schrijfXlsx(zonder)).data);
    const t = blad(wb, "Taakstelling");
    voegKolomIn(t, 17, "Dubbel");
    for (let r = 8; r <= 26; r++) t.getCell(r, 17).value = { formula: `G${r}*2` } as ExcelJS.CellFormulaValue;
    t.getCell("Q27").value = { formula: "SUM(Q8:Q26)" } as ExcelJS.CellFormulaValue;
    // Before: the refill stopped, naming each formula of the column as one that would read another period, in a
    // table it then left as it was.
    const { data, rapport } = await schrijfXlsx(later, await bewaar(wb));
    expect(rapport.verloren).toEqual([]);
    expect(rapport.andereRij).toEqual([]);
    // Opgave's key figures that read the table stay as they were too (they read the table that stayed).
    expect(rapport.overgeslagen).toEqual([
      "cellen Overzicht!B8, B9, B10, B11 verwijzen naar tabel Opgave_Taakstelling, die niet is bijgewerkt; niet bijgewerkt",
      "tabel Opgave_Taakstelling zou cel Taakstelling!Q27 overschrijven (daar staat iets van u); niet bijgewerkt",
      "keuzelijst van cel Taakstelling!B4 verwijst naar tabel Opgave_Taakstelling, die niet is bijgewerkt; niet bijgewerkt",
    ]);
    const na = blad(await lees(data), "Taakstelling");
    expect([na.getCell("Q12").formula, na.getCell("Q27").formula]).toEqual(["G12*2", "SUM(Q8:Q26)"]);
  });

  test("inserted before Achterstand (a whole sheet column): it stays where the user put it; every formula reads what it read", async () => {
    const bestand = path.join(map, "binnen.xlsx");
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand], opvang())).toBe(0);
    const wb = await lees(new Uint8Array(await fs.readFile(bestand)));
    const t = blad(wb, "Taakstelling");
    expect(celWaarde(t.getCell("I7"))).toBe("Achterstand");
    const eigen = wb.addWorksheet("Mijn blad");
    eigen.getCell("A1").value = { formula: "Taakstelling!I10" } as ExcelJS.CellFormulaValue;
    voegBladKolomIn(wb, "Taakstelling", 9, "Mijn kolom");
    expect([celWaarde(t.getCell("J7")), eigen.getCell("A1").formula]).toEqual([
      "Achterstand",
      "Taakstelling!J10",
    ]);
    t.getCell("I9").value = "van mij";
    t.getCell("I10").value = { formula: "J10*2" } as ExcelJS.CellFormulaValue;
    await fs.writeFile(bestand, await bewaar(wb));

    // Before: the refill stopped ("verplaats uw kolom naar het eind van de tabel"), after every new decision.
    const a = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand], a)).toBe(0);
    expect(a.fout).toEqual([]);
    const na = await lees(new Uint8Array(await fs.readFile(bestand)));
    const tn = blad(na, "Taakstelling");
    const vers = blad(await lees((await schrijfXlsx(utrecht)).data), "Taakstelling");
    const opgave = [...Array(16).keys()].map((k) => celWaarde(vers.getCell(7, k + 1)));
    const koppen = [...opgave.slice(0, 8), "Mijn kolom", ...opgave.slice(8)];
    expect([...Array(17).keys()].map((k) => celWaarde(tn.getCell(7, k + 1)))).toEqual(koppen);
    expect(tabelModel(tn, "Opgave_Taakstelling").columns.map((c) => c.name)).toEqual(koppen);
    expect([celWaarde(tn.getCell("I9")), tn.getCell("I10").formula]).toEqual(["van mij", "J10*2"]);
    expect(blad(na, "Mijn blad").getCell("A1").formula).toBe("Taakstelling!J10");
    // Opgave's columns right of it: a first fill's, one column on — values, formulas (reading the columns as they
    // stand now) and cached results.
    const terug: Verplaatsing[] = [
      {
        blad: "Taakstelling",
        vanafRij: 7,
        kolommen: new Map([...Array(8).keys()].map((i) => [10 + i, 9 + i])),
      },
    ];
    for (let r = 8; r <= 27; r++) {
      for (let k = 1; k <= 16; k++) {
        const [oud, nu] = [vers.getCell(r, k), tn.getCell(r, k < 9 ? k : k + 1)];
        const formule = nu.formula ? verplaatsFormule(nu.formula, "Taakstelling", terug) : undefined;
        const waarde = (c: ExcelJS.Cell) => (c.formula ? c.result : celWaarde(c));
        expect([r, k, formule, waarde(nu)]).toEqual([r, k, oud.formula || undefined, waarde(oud)]);
        // Its layout too: wrapped and at the top where a first fill wraps it (a column of web addresses not).
        const [a, b] = [oud.alignment ?? {}, nu.alignment ?? {}];
        expect([r, k, b.wrapText, b.vertical]).toEqual([r, k, a.wrapText, a.vertical]);
      }
    }
    // And again: nothing moves.
    const b = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand], b)).toBe(0);
    const weer = blad(await lees(new Uint8Array(await fs.readFile(bestand))), "Taakstelling");
    expect([...Array(17).keys()].map((k) => celWaarde(weer.getCell(7, k + 1)))).toEqual(koppen);
    expect([celWaarde(weer.getCell("I9")), weer.getCell("I10").formula]).toEqual(["van mij", "J10*2"]);
  });

  test("Opgave's columns moved right of it keep their layout: a column of web addresses (Bron) does not start to wrap", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    voegBladKolomIn(wb, "Bron", 3, "Mijn kolom");
    const { data } = await schrijfXlsx(later, await bewaar(wb));
    const b = blad(await lees(data), "Bron");
    const kop = BRON_PLEKKEN.tabel.rij;
    const adres =
      [...Array(8).keys()].map((k) => k + 1).find((k) => celWaarde(b.getCell(kop, k)) === "Adres(sen)") ?? 0;
    expect(adres).toBeGreaterThan(3);
    // Before: wrapped where the plan has it, and the column after it (Peildatum, moved) not wrapped; the user's
    // column keeps its own (none).
    const wrap = (k: number) => b.getCell(kop + 1, k).alignment?.wrapText;
    expect([wrap(adres - 1), wrap(adres), wrap(adres + 1)]).toEqual([undefined, undefined, true]);
  });

  test("inserted where it moved Opgave's cells above the table too (column B: the named input B4): the refill stops, names table, header, place and where a column of the user's can stay; the file is unchanged", async () => {
    const bestand = path.join(map, "links.xlsx");
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand], opvang())).toBe(0);
    const wb = await lees(new Uint8Array(await fs.readFile(bestand)));
    const tweede = celWaarde(blad(wb, "Taakstelling").getCell("B7"));
    voegBladKolomIn(wb, "Taakstelling", 2, "Mijn kolom");
    // The named inputs moved with it (B4, B5 → C4, C5), where a refill would not look for them.
    expect(wb.definedNames.getRanges("Opgave_Beginsaldo").ranges).toEqual(["Taakstelling!$C$5"]);
    await fs.writeFile(bestand, await bewaar(wb));
    const voor = await fs.readFile(bestand);

    const a = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand], a)).toBe(1);
    expect(a.uit).toEqual([]);
    const melding = a.fout.join("\n");
    expect(melding).toContain(
      'tabel Opgave_Taakstelling op blad Taakstelling heeft een eigen kolom "Mijn kolom" op plaats 2 van de tabel ' +
        `(kolom B), tussen de kolommen "Periode" en "${String(tweede)}" van Opgave (in deze tabel blijft een eigen kolom ` +
        "staan vanaf kolom D: links daarvan staan ook andere cellen van Opgave op het blad)",
    );
    expect(melding).toContain("is niet gewijzigd");
    expect(Buffer.compare(await fs.readFile(bestand), voor)).toBe(0);
    expect((await fs.readdir(map)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    // --bevestig-verlies does not override it: that is about parts exceljs cannot keep, not about moved columns.
    expect(
      await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand, "--bevestig-verlies"], opvang()),
    ).toBe(1);
    expect(Buffer.compare(await fs.readFile(bestand), voor)).toBe(0);
    // The same refusal where the writer is called directly (the pane's download path).
    await expect(schrijfXlsx(utrecht, new Uint8Array(voor))).rejects.toThrow(EigenKolomFout);
    await expect(schrijfXlsx(utrecht, new Uint8Array(voor))).rejects.toThrow(
      /eigen kolom "Mijn kolom" op plaats 2/,
    );
  });

  test("inserted as the first column: named with the column it stands before", async () => {
    const wb = await lees(eerste);
    voegKolomIn(blad(wb, "Taakstelling"), 1, "Nr");
    await expect(schrijfXlsx(utrecht, await bewaar(wb))).rejects.toThrow(
      'heeft een eigen kolom "Nr" op plaats 1 van de tabel (kolom A), vóór kolom "Periode" van Opgave',
    );
  });

  test("appended after Opgave's last column: the refill works and the user's formula reads the same cell", async () => {
    const wb = await lees(eerste);
    const t = blad(wb, "Taakstelling");
    const tm = tabelModel(t, "Opgave_Taakstelling");
    expect(tm.tableRef).toBe("A7:P27");
    tm.columns.push({ name: "Notitie" });
    zetRef(tm, "A7:Q27");
    t.getCell("Q7").value = "Notitie";
    const r = rijVan(t, "2023-I");
    t.getCell(`Q${r}`).value = "eigen";
    t.getCell(`G${r}`).value = 253;
    const eigen = wb.addWorksheet("Mijn blad");
    const refs = [`Taakstelling!I${r}`, `Taakstelling!G${r}`, `Taakstelling!Q${r}`];
    refs.forEach((ref, i) => {
      eigen.getCell(1, i + 1).value = { formula: ref } as ExcelJS.CellFormulaValue;
    });
    const oud = await bewaar(wb);
    const voor = refs.map((ref) => doelVan(wb, ref));

    const { data, rapport } = await schrijfXlsx(utrecht, oud);
    expect(rapport.overgeslagen).toEqual([]);
    const na = await lees(data);
    expect(tabelRef(blad(na, "Taakstelling"), "Opgave_Taakstelling")).toBe("A7:Q27");
    expect(refs.map((ref) => doelVan(na, ref))).toEqual(voor);
    expect(voor.map((d) => d.kop)).toEqual(["Achterstand", "Gehuisvest", "Notitie"]);
    refs.forEach((ref, i) =>
      expect(blad(na, "Mijn blad").getCell(1, i + 1).value).toMatchObject({ formula: ref }),
    );
  });
  test("the user's formatting in the table stays: on Opgave's cells, and on the empty cells of a column of their own", async () => {
    const wb = await lees(eerste);
    const t = blad(wb, "Taakstelling");
    const tm = tabelModel(t, "Opgave_Taakstelling");
    tm.columns.push({ name: "Notitie" });
    zetRef(tm, "A7:Q27");
    t.getCell("Q7").value = "Notitie";
    const r = rijVan(t, "2023-I");
    expect([7, 8, 3, 4].map((k) => celWaarde(t.getCell(7, k)))).toEqual([
      "Gehuisvest",
      "Gecorrigeerd",
      "Inwoners",
      "Taakstelling",
    ]);
    const geel: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    // A style object per cell (exceljs shares one between the cells of a style).
    const zet = (adres: string, stijl: Partial<ExcelJS.Style>) => {
      t.getCell(adres).style = { ...t.getCell(adres).style, ...stijl };
    };
    zet(`C${r}`, { fill: geel, numFmt: "#,##0.0" }); // Inwoners: Opgave's figure
    zet(`H${r}`, { font: { italic: true, color: { argb: "FFC00000" } } }); // Gecorrigeerd: Opgave's formula
    t.getCell(`Q${r}`).value = "eigen";
    zet(`Q${r + 1}`, { numFmt: "@" }); // the user's own column, empty: text format
    const { data, rapport } = await schrijfXlsx(utrecht, await bewaar(wb));
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.verloren).toEqual([]);
    const tn = blad(await lees(data), "Taakstelling");
    expect(tn.getCell(`C${r}`).fill).toEqual(geel);
    expect(tn.getCell(`C${r}`).numFmt).toBe("#,##0.0");
    expect(tn.getCell(`C${r}`).value).toBe(t.getCell(`C${r}`).value);
    expect(tn.getCell(`H${r}`).font).toMatchObject({ italic: true, color: { argb: "FFC00000" } });
    expect(tn.getCell(`H${r}`).formula).toBe(t.getCell(`H${r}`).formula);
    // Where the user did nothing, Opgave's formatting as before; nothing spills to the next row.
    expect(tn.getCell(`C${r + 1}`).fill).toEqual(t.getCell(`C${r + 1}`).fill);
    expect(tn.getCell(`C${r + 1}`).numFmt).toBe(t.getCell(`C${r + 1}`).numFmt);
    // The user's own column: as it was, an empty cell too (not given Opgave's input colour).
    expect(celWaarde(tn.getCell(`Q${r}`))).toBe("eigen");
    expect(tn.getCell(`Q${r + 1}`).numFmt).toBe("@");
    expect(tn.getCell(`Q${r + 2}`).fill).toEqual(t.getCell(`Q${r + 2}`).fill);
    expect(tn.getCell(`G${r}`).fill).toMatchObject({ fgColor: { argb: "FFFFF2CC" } }); // an input cell: Opgave's
  });

  test("print settings, as the Office.js writer keeps them: the user's print area and page setup stay; Opgave's print area follows the table", async () => {
    const wb = await lees(eerste);
    const t = blad(wb, "Taakstelling");
    expect(t.pageSetup.printArea).toBe("A1:P27");
    const tm = tabelModel(t, "Opgave_Taakstelling");
    tm.columns.push({ name: "Notitie" });
    zetRef(tm, "A7:Q27");
    t.getCell("Q7").value = "Notitie";
    // A sheet with a print area: its page setup is the user's (here: portrait, a wider left margin).
    t.pageSetup.orientation = "portrait";
    const marges = t.pageSetup.margins;
    if (!marges) throw new Error("geen marges");
    t.pageSetup.margins = { ...marges, left: 1.2 };
    // Title rows widened by the user (Opgave repeats row 7): they stay, also as the table grows.
    t.pageSetup.printTitlesRow = "1:7";
    const k = blad(wb, "Kosten");
    k.pageSetup.printArea = "A16:H32"; // the user's own print area: everything stays
    k.pageSetup.orientation = "portrait";
    k.headerFooter = { ...k.headerFooter, oddFooter: "Concept" };
    // One from A1 but smaller than the sheet's page both ways (Opgave's: A1:J16) is the user's too.
    const o = blad(wb, "Opvang");
    o.pageSetup.printArea = "A1:C5";
    o.pageSetup.orientation = "portrait";
    const { data } = await schrijfXlsx(utrecht, await bewaar(wb));
    const na = await lees(data);
    const tn = blad(na, "Taakstelling");
    expect(tn.pageSetup.printArea).toBe("A1:Q27");
    // Before: "7:7" again, without a word.
    expect(tn.pageSetup.printTitlesRow).toBe("1:7");
    expect(tn.pageSetup.orientation).toBe("portrait");
    expect(tn.pageSetup.margins?.left).toBe(1.2);
    const kn = blad(na, "Kosten");
    expect(kn.pageSetup.printArea).toBe("A16:H32");
    expect(kn.pageSetup.orientation).toBe("portrait");
    expect(kn.headerFooter.oddFooter).toBe("Concept");
    // Before: Opgave's A1:J16 and landscape again, without a word.
    expect(blad(na, "Opvang").pageSetup).toMatchObject({ printArea: "A1:C5", orientation: "portrait" });
    // Where the user did nothing: Opgave's, as a first fill has it.
    expect(blad(na, "Kleinschalig").pageSetup).toMatchObject({
      printArea: "A1:R27",
      orientation: "landscape",
    });
  });

  test("a table of the previous layout with a column appended by the user: Opgave's new columns come after it", async () => {
    // The previous version's table: A7:K27, up to Toelichting; the user appended "Notitie" in L.
    const wb = await lees(eerste);
    const t = blad(wb, "Taakstelling");
    const tm = tabelModel(t, "Opgave_Taakstelling");
    t.spliceColumns(12, 5);
    tm.columns.splice(11, 5, { name: "Notitie" });
    zetRef(tm, "A7:L27");
    // That version's amber rule did not know "Landelijk getal (eigen invoer)" (column N now).
    const opmaak = (t as unknown as { conditionalFormattings: { rules: { formulae?: string[] }[] }[] })
      .conditionalFormattings;
    for (const regel of opmaak.flatMap((cf) => cf.rules))
      regel.formulae = regel.formulae?.map((f) => f.replace(',N8=""', ""));
    t.getCell("L7").value = "Notitie";
    const r = rijVan(t, "2023-I");
    t.getCell(`L${r}`).value = "eigen";
    t.getCell(`G${r}`).value = 253;
    const eigen = wb.addWorksheet("Mijn blad");
    eigen.getCell("A1").value = { formula: `Taakstelling!L${r}` } as ExcelJS.CellFormulaValue;

    const { data, rapport } = await schrijfXlsx(utrecht, await bewaar(wb));
    expect(rapport.overgeslagen).toEqual([]);
    const na = await lees(data);
    const tn = blad(na, "Taakstelling");
    expect(tabelRef(tn, "Opgave_Taakstelling")).toBe("A7:Q27");
    expect([11, 12, 13, 14, 15, 16, 17].map((k) => celWaarde(tn.getCell(7, k)))).toEqual([
      "Toelichting",
      "Notitie",
      "Taakstelling (gebruikt)",
      "Verloop",
      "Landelijk getal (eigen invoer)",
      "Inwoners Nederland",
      "Peildatum inwoners",
    ]);
    // The user's column and formula: where they were.
    expect(celWaarde(tn.getCell(`L${r}`))).toBe("eigen");
    expect(doelVan(na, `Taakstelling!L${r}`).kop).toBe("Notitie");
    expect(blad(na, "Mijn blad").getCell("A1").value).toMatchObject({ formula: `Taakstelling!L${r}` });
    // Opgave's formulas follow their columns: the chain reads M (gebruikt), the Overzicht line reads N (Verloop).
    expect(tn.getCell(`H${r}`).formula).toContain(`M${r}`);
    expect(tn.getCell(`H${r}`).formula).not.toContain(`L${r}`);
    expect(tn.getCell(`M${r}`).formula).toContain(`F${r}`);
    expect(tn.getCell(`N${r}`).formula).toContain(`M${r}`);
    const verloop = blad(na, "Overzicht")
      .getColumn(2)
      .values.find(
        (v) => typeof v === "object" && v !== null && "formula" in v && /\$N\$8/.test(String(v.formula)),
      );
    expect(verloop).toBeDefined();
    // Cached results computed for the columns as written.
    expect(tn.getCell(`M${r}`).result).toBe(tn.getCell(`D${r}`).value);
  });
});

describe("what exceljs drops: kept where the writer can, else listed by name", () => {
  let oud: Uint8Array;
  beforeAll(async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    t.getCell("F9").note = "notitie in de tabel";
    t.getCell("N20").note = {
      texts: [{ text: "Jan: ", font: { bold: true } }, { text: "leeg, buiten het plan" }],
    };
    t.getCell("A9").note = "op een waarde";
    // exceljs shares one style object between cells that had the same style: give each cell its own.
    const stijl = (adres: string, numFmt: string, argb: string) => {
      t.getCell(adres).style = {
        ...t.getCell(adres).style,
        numFmt,
        fill: { type: "pattern", pattern: "solid", fgColor: { argb } },
      };
    };
    stijl("B5", "0.00", "FFFF0000");
    stijl("G12", "0.0", "FF00B050");
    t.getCell("G9").dataValidation = {
      type: "whole",
      operator: "greaterThan",
      formulae: [0],
      allowBlank: true,
    };
    t.addConditionalFormatting({
      ref: "G8:G27",
      rules: [{ type: "cellIs", operator: "greaterThan", formulae: [100], priority: 1, style: {} }],
    });
    const eigen = wb.addWorksheet("Mijn blad");
    eigen.getCell("C3").note = "op mijn eigen blad";
    eigen.getCell("A1").value = 1;
    await eigen.protect("", {});
    oud = await bewaar(wb);
  });

  test("a colour the user gave one of Opgave's conditional formats: kept (the rule stays Opgave's)", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    type Regel = { formulae: string[]; style: Partial<ExcelJS.Style> };
    const opmaak = (ws: ExcelJS.Worksheet) =>
      (ws as unknown as { conditionalFormattings: { ref: string; rules: Regel[] }[] }).conditionalFormattings;
    const eerste = opmaak(blad(wb, "Taakstelling"))[0];
    const regel = eerste?.rules[0];
    if (!eerste || !regel) throw new Error("geen voorwaardelijke opmaak");
    regel.style = {
      ...regel.style,
      fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FF0070C0" } },
    };
    let data = await bewaar(wb);
    for (const ronde of [1, 2]) {
      const uit = await schrijfXlsx(later, data);
      expect([ronde, uit.rapport.verloren]).toEqual([ronde, []]);
      data = uit.data;
      const na = opmaak(blad(await lees(data), "Taakstelling")).filter((cf) => cf.ref === eerste.ref);
      // One rule, Opgave's formula, the user's blue (before: Opgave's red again, without a word).
      expect(na.map((cf) => cf.rules.map((r) => [r.formulae[0], r.style.fill]))).toEqual([
        [[regel.formulae[0], { type: "pattern", pattern: "solid", bgColor: { argb: "FF0070C0" } }]],
      ]);
    }
  });

  test("a rule of the user's below Opgave's stays below them, with its 'stop if true'; one above stays above", async () => {
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    const pad = "xl/worksheets/sheet2.xml";
    const xml = (await zip.file(pad)?.async("string")) ?? "";
    const prioriteiten = (x: string) =>
      [...x.matchAll(/<cfRule\b[^<>]*\bpriority="(\d+)"/g)].map((m) => m[1]);
    expect(prioriteiten(xml)).toEqual(["1", "2", "3"]);
    // As Excel writes them after the user moved a rule of their own down ("Regels beheren"), and one up.
    const onder = `<conditionalFormatting sqref="I8:I27"><cfRule type="cellIs" dxfId="0" priority="10" stopIfTrue="1" operator="greaterThan"><formula>0</formula></cfRule></conditionalFormatting>`;
    const boven = `<conditionalFormatting sqref="G8:G27"><cfRule type="cellIs" dxfId="1" priority="1" operator="greaterThan"><formula>100</formula></cfRule></conditionalFormatting>`;
    // Excel numbers from 1: the rule put first pushes Opgave's down (2–4).
    const verschoven = xml.replace(
      /(<cfRule\b[^<>]*\bpriority=")(\d+)"/g,
      (_, kop: string, p: string) => `${kop}${Number(p) + 1}"`,
    );
    zip.file(
      pad,
      verschoven.replace(/<conditionalFormatting\b/, (m) => `${boven}${onder}${m}`),
    );
    let data = await zip.generateAsync({ type: "uint8array" });
    for (const ronde of [1, 2]) {
      const uit = await schrijfXlsx(later, data);
      expect([ronde, uit.rapport.verloren]).toEqual([ronde, []]);
      data = uit.data;
      const na = (await (await JSZip.loadAsync(data)).file(pad)?.async("string")) ?? "";
      const regels = [...na.matchAll(/<conditionalFormatting sqref="([^"]+)"><cfRule\b([^<>]*)>/g)]
        .map((m) => ({
          sqref: m[1],
          priority: Number(/priority="(\d+)"/.exec(m[2] ?? "")?.[1]),
          kop: m[2] ?? "",
        }))
        .sort((a, b) => a.priority - b.priority);
      // Before: Opgave's rules after both of the user's (11–13): the user's blue over Opgave's red on I.
      expect([ronde, regels.map((r) => r.sqref)]).toEqual([
        ronde,
        ["G8:G27", "I8:I27", "J8:J27", "F8:F27", "I8:I27"],
      ]);
      expect(regels.map((r) => r.priority)).toEqual([1, 2, 3, 4, 5]);
      // Before: "stop if true" gone (exceljs models no such attribute).
      expect(regels[4]?.kop).toContain('stopIfTrue="1"');
    }
  });

  test("fonts, fills and borders the user gave a table's header cells: kept, by header", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    const kop = (w: ExcelJS.Workbook, naam: string) => {
      const ws = blad(w, "Taakstelling");
      const rij = ws.getRow(7);
      let k = 1;
      while (celWaarde(rij.getCell(k)) !== naam && k < 40) k++;
      return rij.getCell(k);
    };
    const g = kop(wb, "Gehuisvest");
    // A style of its own (exceljs shares one style object between the cells read with the same style).
    g.style = {
      font: { name: "Arial", size: 14, bold: true, italic: true, color: { argb: "FFFF0000" } },
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B0F0" } },
      border: { bottom: { style: "thick", color: { argb: "FF0000FF" } } },
      alignment: { horizontal: "center" },
    };
    expect(celWaarde(t.getCell("A7"))).toBe("Periode");
    const { data } = await schrijfXlsx(later, await bewaar(wb));
    const na = kop(await lees(data), "Gehuisvest");
    // Before: the header row came back bare (exceljs writes a table's headers without style).
    expect(na.font).toMatchObject({ name: "Arial", size: 14, italic: true, color: { argb: "FFFF0000" } });
    expect(na.fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FF00B0F0" } });
    expect(na.border?.bottom).toMatchObject({ style: "thick" });
    expect(na.alignment).toMatchObject({ horizontal: "center" });
    // A header the user did not touch keeps what it had.
    expect(kop(await lees(data), "Landelijk").font).toEqual(kop(wb, "Landelijk").font);
  });

  test("a rule the user changed on an input cell in Excel's dialog (Opgave's titles kept): theirs, kept", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    const opgave = t.getCell("G10").dataValidation;
    expect(opgave).toMatchObject({
      type: "whole",
      operator: "greaterThanOrEqual",
      promptTitle: "Gehuisvest",
    });
    // Excel's and LibreOffice's dialogs change the rule and keep the input message and error alert as they were.
    t.getCell("G10").dataValidation = { ...opgave, type: "list", operator: undefined, formulae: ['"10,20"'] };
    t.getCell("G11").dataValidation = { ...opgave, operator: "between", formulae: [0, 500] };
    const { data, rapport } = await schrijfXlsx(later, await bewaar(wb));
    expect(rapport.verloren).toEqual([]);
    const na = blad(await lees(data), "Taakstelling");
    // Before: both silently replaced by Opgave's (taken for Opgave's by their titles).
    expect(na.getCell("G10").dataValidation).toMatchObject({ type: "list", formulae: ['"10,20"'] });
    expect(na.getCell("G11").dataValidation).toMatchObject({ operator: "between", formulae: [0, 500] });
    // Opgave's own, as an earlier fill wrote it, is Opgave's: written again.
    expect(na.getCell("G12").dataValidation).toMatchObject({ operator: "greaterThanOrEqual", formulae: [0] });
  });

  test("notes (also on empty cells), validations, conditional formats, protection, input cell formats: kept", async () => {
    const { data, rapport } = await schrijfXlsx(utrecht, oud);
    expect(rapport.verloren).toEqual([]);
    expect(await leesNotities(data)).toEqual(await leesNotities(oud));
    expect([...((await leesNotities(data)).get("Taakstelling")?.keys() ?? [])].sort()).toEqual([
      "A9",
      "F9",
      "N20",
    ]);
    const na = await lees(data);
    const t = blad(na, "Taakstelling");
    expect(t.getCell("B5").numFmt).toBe("0.00");
    expect(t.getCell("B5").fill).toEqual({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFFF0000" },
    });
    expect(celWaarde(t.getCell("G12"))).toBeNull();
    expect(t.getCell("G12").fill).toEqual({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FF00B050" },
    });
    expect(t.getCell("G12").numFmt).toBe("0.0");
    // The user's own validation stays (Opgave's is not written over it); the other input cells get Opgave's.
    expect(t.getCell("G9").dataValidation).toMatchObject({
      type: "whole",
      operator: "greaterThan",
      formulae: [0],
    });
    expect(t.getCell("G10").dataValidation).toMatchObject({
      type: "whole",
      operator: "greaterThanOrEqual",
      promptTitle: "Gehuisvest",
    });
    const zip = await JSZip.loadAsync(data);
    const paden = Object.keys(zip.files);
    const bladXml = async (n: string) => (await zip.file(n)?.async("string")) ?? "";
    const taak = await bladXml(paden.find((p) => p.endsWith("sheet2.xml")) ?? "");
    expect(taak).toContain('<conditionalFormatting sqref="G8:G27">');
    expect(await bladXml(paden.find((p) => p.endsWith("sheet7.xml")) ?? "")).toMatch(
      /<sheetProtection\b[^>]*sheet="1"/,
    );
  });

  test("a heading and a figure outside the tables keep the font and number format the user gave them", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const o = blad(wb, "Overzicht");
    expect([celWaarde(o.getCell("A5")), o.getCell("B5").numFmt]).toEqual(["Inwoners 1-1-2024", "#,##0"]);
    // A style object of its own (exceljs shares one between the cells of a style).
    const titel = o.getCell("A1");
    titel.style = { ...titel.style, font: { ...titel.font, size: 20, color: { argb: "FFC00000" } } };
    o.getCell("B5").style = { ...o.getCell("B5").style, numFmt: "#,##0.0" };
    const na = blad(await lees((await schrijfXlsx(utrecht, await bewaar(wb))).data), "Overzicht");
    expect(na.getCell("A1").font).toMatchObject({ bold: true, size: 20, color: { argb: "FFC00000" } });
    expect(na.getCell("B5").numFmt).toBe("#,##0.0");
    expect(na.getCell("B5").value).toBe(o.getCell("B5").value);
    // Where the user did nothing: Opgave's.
    expect(na.getCell("B6").numFmt).toBe("#,##0");
    expect(blad(na.workbook, "Taakstelling").getCell("A1").font).toMatchObject({ bold: true, size: 14 });
  });

  test("a row the user inserted among Opgave's cells outside the tables: those cells stay, said in the report", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const o = blad(wb, "Overzicht");
    expect(celWaarde(o.getCell("A6"))).toMatch(/^Taakstelling 20\d\d-I+ \(laatst bekend\)$/);
    o.spliceRows(6, 0, ["Mijn regel", 42]);
    const voor = o.getSheetValues().map((r) => JSON.stringify(r));
    const { data, rapport } = await schrijfXlsx(later, await bewaar(wb));
    expect(rapport.overgeslagen).toEqual([
      "de cellen van Opgave op Overzicht staan vanaf rij 6 1 rij lager dan waar Opgave ze zette (rijen ingevoegd " +
        "of verwijderd?): die vanaf rij 2 zijn niet bijgewerkt, zodat uw regels blijven staan. Zet de rijen terug " +
        "(of verplaats uw regels naar onder de cellen van Opgave) en vul opnieuw",
    ]);
    expect(rapport.wijzigingen.filter((w) => w.plek.startsWith("Overzicht!"))).toEqual([]);
    const na = await lees(data);
    const waarden = blad(na, "Overzicht")
      .getSheetValues()
      .map((r) => JSON.stringify(r));
    expect(waarden.slice(0, 18)).toEqual(voor.slice(0, 18));
    // The other sheets are refilled as ever.
    expect(celWaarde(blad(na, "Bron").getCell("B9"))).not.toBe(celWaarde(blad(wb, "Bron").getCell("B9")));
  });

  test("a row the user inserted among the named input cells (Kosten): their labels, values and names stay, and the user's row", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const k = blad(wb, "Kosten");
    expect([celWaarde(k.getCell("A4")), wb.definedNames.getRanges("Opgave_Plaatsen").ranges]).toEqual([
      "Opvangplaatsen",
      ["Kosten!$B$4"],
    ]);
    k.spliceRows(4, 0, ["Mijn regel", 99]);
    // As Excel moves names with their cells (exceljs's spliceRows does not).
    for (const n of wb.definedNames.model as { ranges: string[] }[])
      n.ranges = n.ranges.map((r) =>
        r.startsWith("Kosten!")
          ? r.replace(/\$(\d+)/g, (_, d: string) => `$${Number(d) >= 4 ? Number(d) + 1 : d}`)
          : r,
      );
    k.getCell("B6").value = 31000; // Kosten per plaats, typed by the user (now in row 6)
    const { data, rapport } = await schrijfXlsx(later, await bewaar(wb));
    expect(rapport.overgeslagen).toContain(
      "de cellen van Opgave op Kosten staan vanaf rij 4 1 rij lager dan waar Opgave ze zette (rijen ingevoegd of " +
        "verwijderd?): die vanaf rij 4 zijn niet bijgewerkt, zodat uw regels blijven staan. Zet de rijen terug (of " +
        "verplaats uw regels naar onder de cellen van Opgave) en vul opnieuw",
    );
    const na = await lees(data);
    const kn = blad(na, "Kosten");
    expect([4, 5, 6].map((r) => [celWaarde(kn.getCell(`A${r}`)), celWaarde(kn.getCell(`B${r}`))])).toEqual([
      ["Mijn regel", 99],
      ["Opvangplaatsen", null],
      ["Kosten per plaats per jaar (€)", 31000],
    ]);
    expect(na.definedNames.getRanges("Opgave_Plaatsen").ranges).toEqual(["Kosten!$B$5"]);
    expect(na.definedNames.getRanges("Opgave_KostenPerPlaats").ranges).toEqual(["Kosten!$B$6"]);
  });

  test("a sheet column the user inserted at A (Kosten): Opgave's cells are left where they now stand, the user's input kept", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    blad(wb, "Kosten").getCell("B5").value = 31000; // Kosten per plaats, typed by the user
    blad(wb, "Kosten").getCell("B6").value = 12; // Aantal locaties
    voegBladKolomIn(wb, "Kosten", 1, "Nr");
    expect(wb.definedNames.getRanges("Opgave_KostenPerPlaats").ranges).toEqual(["Kosten!$C$5"]);
    const { data, rapport } = await schrijfXlsx(later, await bewaar(wb), { verliesToestaan: true });
    // Before: the defaults written over the user's 31000 and 12 (in C5, C6), a second set of labels beside them,
    // the names made two-cell ranges — reported as ordinary changes, "invoercellen behouden".
    expect(rapport.overgeslagen).toContain(
      "de cellen van Opgave op Kosten staan 1 kolom rechts van waar Opgave ze zette (kolommen ingevoegd vóór ze?): ze " +
        "zijn niet bijgewerkt, zodat uw invoer en uw cellen blijven staan. Verwijder die kolommen (of zet uw kolom " +
        "rechts van de cellen van Opgave) en vul opnieuw",
    );
    expect(rapport.wijzigingen.filter((w) => w.plek.startsWith("Kosten!"))).toEqual([]);
    const kn = blad(await lees(data), "Kosten");
    expect([5, 6].map((r) => [1, 2, 3].map((k) => celWaarde(kn.getCell(r, k))))).toEqual([
      [null, "Kosten per plaats per jaar (€)", 31000],
      [null, "Aantal locaties", 12],
    ]);
    const na = await lees(data);
    expect(na.definedNames.getRanges("Opgave_KostenPerPlaats").ranges).toEqual(["Kosten!$C$5"]);
    expect(na.definedNames.getRanges("Opgave_Locaties").ranges).toEqual(["Kosten!$C$6"]);
  });

  test("a table the user moved (a row inserted above it) stays where it is, as in Excel; a formula on it reads the same", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    t.spliceRows(6, 0, []);
    const tm = tabelModel(t, "Opgave_Taakstelling");
    zetRef(tm, "A8:P28"); // as Excel moves the table with its cells (exceljs's spliceRows does not)
    const r = rijVan(t, "2023-I");
    t.getCell(`G${r}`).value = 253;
    const eigen = wb.addWorksheet("Mijn blad");
    eigen.getCell("A1").value = { formula: `Taakstelling!G${r}` } as ExcelJS.CellFormulaValue;
    const { data, rapport } = await schrijfXlsx(later, await bewaar(wb));
    expect(rapport.overgeslagen).toContain(
      "tabel Opgave_Taakstelling staat niet meer op Taakstelling!A7 (maar op Taakstelling!A8); niet bijgewerkt",
    );
    const na = await lees(data);
    const tn = blad(na, "Taakstelling");
    expect(tabelRef(tn, "Opgave_Taakstelling")).toBe("A8:P28");
    expect(blad(na, "Mijn blad").getCell("A1").value).toMatchObject({ formula: `Taakstelling!G${r}` });
    expect([celWaarde(tn.getCell(`A${r}`)), celWaarde(tn.getCell(`G${r}`))]).toEqual(["2023-I", 253]);
    expect(celWaarde(tn.getCell("G8"))).toBe("Gehuisvest");
  });

  test("a table left as it is (moved by a row inserted above it) keeps its rows' heights and its cells' layout; the print area covers it where it is", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    t.spliceRows(6, 0, []);
    zetRef(tabelModel(t, "Opgave_Taakstelling"), "A8:P28");
    // As Excel moves the print area's end with the rows (exceljs's spliceRows does not).
    const area = t.pageSetup.printArea ?? "";
    t.pageSetup.printArea = area.replace(/(\d+)$/, (r) => String(Number(r) + 1));
    const bestand = await bewaar(wb);
    const vorm = (ws: ExcelJS.Worksheet) =>
      [...Array(24).keys()].map((i) => {
        const r = 6 + i;
        const uitlijning = [...Array(16).keys()].map((k) =>
          JSON.stringify(ws.getCell(r, k + 1).alignment ?? {}),
        );
        return [r, ws.getRow(r).height, uitlijning.join(" ")];
      });
    const voor = vorm(blad(await lees(bestand), "Taakstelling"));
    const { data, rapport } = await schrijfXlsx(later, bestand);
    expect(rapport.overgeslagen).toContain(
      "tabel Opgave_Taakstelling staat niet meer op Taakstelling!A7 (maar op Taakstelling!A8); niet bijgewerkt",
    );
    const tn = blad(await lees(data), "Taakstelling");
    // Before: Opgave's header height and wrapping on row 7 (now a row of the user's), and the plan's heights on the
    // table's rows one row up from where they are.
    expect(vorm(tn)).toEqual(voor);
    expect([area, tn.pageSetup.printArea]).toEqual(["A1:P27", "A1:P28"]);
  });

  test("Opgave's key figures that read a table left as it is (moved by a row inserted above it) stay as they were, named (as the Office.js writer)", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    t.spliceRows(6, 0, []);
    zetRef(tabelModel(t, "Opgave_Taakstelling"), "A8:P28");
    // As Excel moves the references to the rows below the inserted one.
    const omlaag = (f: string) =>
      f.replace(/Taakstelling!(\$?[A-Z]+)(\$?)(\d+)/g, (m, k: string, d: string, r: string) =>
        Number(r) >= 6 ? `Taakstelling!${k}${d}${Number(r) + 1}` : m,
      );
    const overzicht = blad(wb, "Overzicht");
    const lezers: [string, string][] = [];
    overzicht.eachRow((row) =>
      row.eachCell((c) => {
        const f = c.formula;
        if (!f || !/Taakstelling!/.test(f)) return;
        c.value = { formula: omlaag(f) } as ExcelJS.CellFormulaValue;
        lezers.push([c.address, omlaag(f)]);
      }),
    );
    expect(lezers.length).toBeGreaterThan(0);
    const { data, rapport } = await schrijfXlsx(later, await bewaar(wb));
    expect(rapport.overgeslagen).toEqual([
      `cel${lezers.length === 1 ? "" : "len"} Overzicht!${lezers.map(([a]) => a).join(", ")} ` +
        `verwijz${lezers.length === 1 ? "t" : "en"} naar tabel Opgave_Taakstelling, die niet is bijgewerkt; niet bijgewerkt`,
      "tabel Opgave_Taakstelling staat niet meer op Taakstelling!A7 (maar op Taakstelling!A8); niet bijgewerkt",
      "keuzelijst van cel Taakstelling!B4 verwijst naar tabel Opgave_Taakstelling, die niet is bijgewerkt; niet bijgewerkt",
    ]);
    // Before: written with the plan's addresses, they read the header row and missed the last half-year.
    const na = blad(await lees(data), "Overzicht");
    expect(lezers.map(([a]) => [a, na.getCell(a).formula])).toEqual(lezers);
  });

  test("a row the user inserted above the province sheet's one label (Opvangdoel): their row stays, not written over", async () => {
    const provincie = (gemaakt: string) =>
      planProvincie(engine, "Gelderland", "2024-I", { ...bron, gemaakt });
    const wb = await lees((await schrijfXlsx(provincie(bron.gemaakt))).data);
    const p = blad(wb, "Provincie");
    expect([celWaarde(p.getCell("A6")), celWaarde(p.getCell("A8"))]).toEqual([
      "Opvangdoel provincie",
      "Code",
    ]);
    const [doel, tabel] = [celWaarde(p.getCell("B6")), tabelModel(p, "Opgave_Provincie")];
    p.spliceRows(6, 0, ["Mijn regel", 42]);
    const [begin, eind] = tabel.tableRef
      .split(":")
      .map((a) => a.replace(/\d+/, (r) => String(Number(r) + 1)));
    zetRef(tabel, `${begin}:${eind}`); // as Excel moves the table with its cells
    const { data, rapport } = await schrijfXlsx(provincie("2027-01-05T09:30:00Z"), await bewaar(wb));
    // Before: "Provincie!A6: Mijn regel → Opvangdoel provincie" among the changes, the user's row written over.
    expect(rapport.wijzigingen.filter((w) => w.plek.startsWith("Provincie!"))).toEqual([]);
    expect(rapport.overgeslagen).toContain(
      "de cellen van Opgave op Provincie staan vanaf rij 6 1 rij lager dan waar Opgave ze zette (rijen ingevoegd of " +
        "verwijderd?): die vanaf rij 6 zijn niet bijgewerkt, zodat uw regels blijven staan. Zet de rijen terug (of " +
        "verplaats uw regels naar onder de cellen van Opgave) en vul opnieuw",
    );
    // The CLI's heading fits a table and cells alike (it said "2 tabellen overgeslagen").
    const regels = rapportRegels(rapport, false);
    const kop = regels.findIndex((r) => r.startsWith("Niet bijgewerkt"));
    expect(regels[kop]).toBe(
      `Niet bijgewerkt (${rapport.overgeslagen.length}; wat daar stond, ook uw invoer, staat er nog zoals het was):`,
    );
    expect(regels.slice(kop + 1)).toEqual(rapport.overgeslagen.map((o) => `  ${o}`));
    const pn = blad(await lees(data), "Provincie");
    expect([6, 7].map((r) => [celWaarde(pn.getCell(`A${r}`)), celWaarde(pn.getCell(`B${r}`))])).toEqual([
      ["Mijn regel", 42],
      ["Opvangdoel provincie", doel],
    ]);
  });

  test("cells of Opgave's the user merged (two text lines; a label with its figure): each shows what it showed", async () => {
    const provincie = (gemaakt: string) =>
      planProvincie(engine, "Gelderland", "2024-I", { ...bron, gemaakt });
    const wb = await lees((await schrijfXlsx(provincie(bron.gemaakt))).data);
    const p = blad(wb, "Provincie");
    const [a2, a6] = [celWaarde(p.getCell("A2")), celWaarde(p.getCell("A6"))];
    expect([typeof a2, a6, celWaarde(p.getCell("A3"))]).toEqual([
      "string",
      "Opvangdoel provincie",
      expect.any(String),
    ]);
    p.mergeCells("A2:A3");
    p.mergeCells("A6:B6");
    const { data, rapport } = await schrijfXlsx(provincie("2027-01-05T09:30:00Z"), await bewaar(wb));
    // Before: A2 showed A3's line and A6 the figure without its label (exceljs writes a hidden cell's value into the
    // first), reported as changes in A3 and B6.
    expect(rapport.wijzigingen.filter((w) => w.plek.startsWith("Provincie!"))).toEqual([]);
    const pn = blad(await lees(data), "Provincie");
    expect([celWaarde(pn.getCell("A2")), celWaarde(pn.getCell("A6"))]).toEqual([a2, a6]);
    expect([pn.getCell("A3").isMerged, pn.getCell("B6").isMerged]).toEqual([true, true]);
  });

  test("a moved table without a table style (as LibreOffice writes it) is left as it is, not an unreadable file", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    t.spliceRows(6, 0, []);
    zetRef(tabelModel(t, "Opgave_Taakstelling"), "A8:P28");
    const zip = await JSZip.loadAsync(await bewaar(wb));
    const tabellen = Object.keys(zip.files).filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n));
    for (const naam of tabellen) {
      const xml = (await zip.file(naam)?.async("string")) ?? "";
      zip.file(naam, xml.replace(/<tableStyleInfo\b[^>]*\/>/, ""));
    }
    const bytes = await zip.generateAsync({ type: "uint8array" });
    // Before: exceljs failed writing the table it read without a style ("reading 'theme' of null").
    const { data, rapport } = await schrijfXlsx(later, bytes);
    expect(rapport.overgeslagen).toContain(
      "tabel Opgave_Taakstelling staat niet meer op Taakstelling!A7 (maar op Taakstelling!A8); niet bijgewerkt",
    );
    expect(rapport.verloren).toEqual([]);
    const na = await JSZip.loadAsync(data);
    const tabelXml = await Promise.all(tabellen.map((n) => na.file(n)?.async("string")));
    const verplaatst = tabelXml.find((x) => x?.includes('name="Opgave_Taakstelling"')) ?? "";
    // No style named where none was (an element without a name is what its absence means); the tables Opgave
    // found in place are its own again, with its style.
    expect(verplaatst).toMatch(/<tableStyleInfo showFirstColumn="0"/);
    expect(verplaatst).not.toMatch(/<tableStyleInfo[^>]*\bname=/);
    expect(tabelRef(blad(await lees(data), "Taakstelling"), "Opgave_Taakstelling")).toBe("A8:P28");
  });

  /** The table body's plain cells (keys, figures, inputs) of rows `van`..`tot` in reverse order, as a sort would. */
  const keerOm = (ws: ExcelJS.Worksheet, van: number, tot: number, kolommen: number) => {
    const rijen = [];
    for (let r = van; r <= tot; r++) {
      const rij: ExcelJS.CellValue[] = [];
      for (let k = 1; k <= kolommen; k++) rij.push(ws.getCell(r, k).value);
      rijen.push(rij);
    }
    rijen.reverse().forEach((rij, i) =>
      rij.forEach((v, k) => {
        // Formulas stay: each reads its own row, so Excel's sort leaves them as they are.
        if (!(v && typeof v === "object" && "formula" in v)) ws.getCell(van + i, k + 1).value = v;
      }),
    );
  };

  test("a province table the user sorted keeps its order: a formula of theirs on a row reads the same gemeente", async () => {
    const gelderland = planProvincie(engine, "Gelderland", "2024-I", bron);
    const wb = await lees((await schrijfXlsx(gelderland)).data);
    const p = blad(wb, "Provincie");
    const kol = new Map<unknown, number>();
    p.getRow(8).eachCell((c, k) => kol.set(celWaarde(c), k));
    const [gehuisvest, achterstand] = [kol.get("Gehuisvest") ?? 0, kol.get("Achterstand") ?? 0];
    for (let r = 9; r <= 59; r++) p.getCell(r, gehuisvest).value = r;
    keerOm(p, 9, 59, kol.size);
    const eigen = wb.addWorksheet("Mijn blad");
    eigen.getCell("A1").value = { formula: "Provincie!A12" } as ExcelJS.CellFormulaValue;
    const voor = [celWaarde(p.getCell("A12")), celWaarde(p.getCell(12, gehuisvest))];
    const { data, rapport } = await schrijfXlsx(
      planProvincie(engine, "Gelderland", "2024-I", { ...bron, gemaakt: "2027-01-05T09:30:00Z" }),
      await bewaar(wb),
    );
    expect(rapport.verloren).toEqual([]);
    expect(rapport.wijzigingen.filter((w) => w.plek.includes("volgorde"))).toEqual([]);
    const na = blad(await lees(data), "Provincie");
    expect([celWaarde(na.getCell("A12")), celWaarde(na.getCell(12, gehuisvest))]).toEqual(voor);
    expect(voor[1]).toBe(56); // the row that was 56th, now 12th: its input went with it
    const formule = (na.getCell(12, achterstand).value as ExcelJS.CellFormulaValue).formula;
    expect(formule.match(/[A-Z]+\d+/g)?.every((ref) => ref.endsWith("12"))).toBe(true);
    // Reversed: the plan's last gemeente first, and each row's cached Achterstand from its own inputs.
    expect(celWaarde(na.getCell("A9"))).toBe(gelderland.bladen[0]?.tabellen[0]?.rijen.at(-1)?.[0]);
  });

  test("a sorted Taakstelling (each half-year reads the one above) goes back to the plan's order, only when confirmed", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    keerOm(t, 8, 27, 16);
    const gesorteerd = await bewaar(wb);
    await expect(schrijfXlsx(later, gesorteerd)).rejects.toThrow(
      /de volgorde van de rijen van tabel Opgave_Taakstelling \(u sorteerde ze; Opgave zet ze terug.*\)\. Bevestig dat dit verloren mag gaan\.$/,
    );
    const { data, rapport } = await schrijfXlsx(later, gesorteerd, { verliesToestaan: true });
    expect(rapport.verloren).toEqual([
      "de volgorde van de rijen van tabel Opgave_Taakstelling (u sorteerde ze; Opgave zet ze terug, want de formules rekenen van rij tot rij)",
    ]);
    expect(rapport.wijzigingen).toContainEqual({
      plek: "Opgave_Taakstelling: volgorde van de rijen",
      oud: "eigen volgorde",
      nieuw: "volgorde van Opgave",
    });
    const na = blad(await lees(data), "Taakstelling");
    expect(celWaarde(na.getCell("A8"))).toBe(utrecht.bladen[1]?.tabellen[0]?.rijen[0]?.[0]);
  });

  describe("a gemeente new or gone in the middle of the province table (a dataset with a herindeling)", () => {
    const gelderland = planProvincie(engine, "Gelderland", "2024-I", bron);
    const tabel = gelderland.bladen[0]?.tabellen[0];
    const codes = (tabel?.rijen ?? []).map((r) => String(r[0]));
    const derde = codes[2] ?? "";
    /** Row i of the plan table as the messages name it: "Doesburg (GM0221)". */
    const gemeente = (i: number) => {
      const naam = tabel?.kolommen.findIndex((k) => k.sleutel === "gemeente") ?? -1;
      return `${String(tabel?.rijen[i]?.[naam])} (${codes[i]})`;
    };
    const later = planProvincie(engine, "Gelderland", "2024-I", { ...bron, gemaakt: "2027-01-05T09:30:00Z" });

    /** A filled province workbook of `plan`: Gehuisvest = the row number, a formula of the user's on row 20. */
    const ingevuld = async (plan: WerkboekPlan) => {
      const wb = await lees((await schrijfXlsx(plan)).data);
      const p = blad(wb, "Provincie");
      const kol = new Map<unknown, number>();
      p.getRow(8).eachCell((c, k) => kol.set(celWaarde(c), k));
      const gehuisvest = kol.get("Gehuisvest") ?? 0;
      for (let r = 9; r < 9 + plan.bladen[0]!.tabellen[0]!.rijen.length; r++)
        p.getCell(r, gehuisvest).value = r;
      const eigen = wb.addWorksheet("Mijn blad");
      eigen.getCell("A1").value = { formula: "Provincie!A20" } as ExcelJS.CellFormulaValue;
      return { data: await bewaar(wb), gehuisvest, voor: [celWaarde(p.getCell("A20")), 20] };
    };

    test("a new gemeente goes to the end: every existing row stays where it was, a formula on it reads the same gemeente", async () => {
      const oud = await ingevuld(zonderRij(gelderland, tabel?.naam ?? "", derde));
      // A format of the user's over the column's rows, one row fewer now: it grows with the table.
      const wb = await lees(oud.data);
      const rood = { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFF0000" } } } as const;
      blad(wb, "Provincie").addConditionalFormatting({
        ref: `K9:K${7 + codes.length}`,
        rules: [{ type: "expression", formulae: ["K9>100"], priority: 91, style: rood }],
      });
      oud.data = await bewaar(wb);
      const { data, rapport } = await schrijfXlsx(later, oud.data);
      const xml =
        (await (await JSZip.loadAsync(data)).file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
      expect(xml).toContain(`<conditionalFormatting sqref="K9:K${8 + codes.length}">`);
      expect(rapport.verloren).toEqual([]);
      expect(rapport.wijzigingen.filter((w) => /plaats|volgorde/.test(w.plek))).toEqual([]);
      expect(rapport.wijzigingen).toContainEqual({
        plek: `${tabel?.naam} ${derde}: nieuwe rij`,
        oud: null,
        nieuw: derde,
      });
      const na = blad(await lees(data), "Provincie");
      expect([celWaarde(na.getCell("A20")), celWaarde(na.getCell(20, oud.gehuisvest))]).toEqual(oud.voor);
      expect(celWaarde(na.getCell("A59"))).toBe(derde);
      expect(celWaarde(na.getCell(59, oud.gehuisvest))).toBeNull();
      const kol = new Map<unknown, number>();
      na.getRow(8).eachCell((c, k) => kol.set(celWaarde(c), k));
      const formule = (na.getCell(59, kol.get("Achterstand") ?? 0).value as ExcelJS.CellFormulaValue).formula;
      expect(formule.match(/[A-Z]+\d+/g)?.every((ref) => ref.endsWith("59"))).toBe(true);
    });

    test("a formula over all of the table's rows, when a gemeente comes back below them: named, the refill stops", async () => {
      const oud = await ingevuld(zonderRij(gelderland, tabel?.naam ?? "", derde));
      const wb = await lees(oud.data);
      const eigen = blad(wb, "Mijn blad");
      const laatste = 7 + codes.length;
      const gehuisvest = kolomLetters(oud.gehuisvest);
      eigen.getCell("A2").value = {
        formula: `SUM(Provincie!${gehuisvest}9:${gehuisvest}${laatste})`,
      } as ExcelJS.CellFormulaValue;
      // Not named: the table's column by name grows with the table; a part of its rows; the whole column.
      eigen.getCell("A3").value = { formula: `SUM(${tabel?.naam}[Gehuisvest])` } as ExcelJS.CellFormulaValue;
      eigen.getCell("A4").value = {
        formula: `SUM(Provincie!${gehuisvest}10:${gehuisvest}${laatste})`,
      } as ExcelJS.CellFormulaValue;
      eigen.getCell("A5").value = {
        formula: `SUM(Provincie!${gehuisvest}:${gehuisvest})`,
      } as ExcelJS.CellFormulaValue;
      const bestand = await bewaar(wb);
      const fout = await schrijfXlsx(later, bestand).catch((e: unknown) => e);
      expect(fout).toBeInstanceOf(VerliesFout);
      const regel =
        `formule 'Mijn blad'!A2 leest alle rijen van tabel ${tabel?.naam} (Provincie!${gehuisvest}9:${gehuisvest}${laatste}); ` +
        `na opnieuw vullen heeft de tabel een rij meer, tot en met Provincie!${gehuisvest}${laatste + 1}, die zij niet meeneemt`;
      expect((fout as VerliesFout).onderdelen).toEqual([regel]);
      expect((fout as Error).message).toContain(
        `Of laat een formule over alle rijen van een tabel de tabel bij haar naam lezen (${tabel?.naam}[Gehuisvest] voor een kolom, ${tabel?.naam} voor de hele tabel): die groeit mee met de tabel.`,
      );
      expect((fout as Error).message).not.toContain("X.ZOEKEN");
      const { data, rapport } = await schrijfXlsx(later, bestand, { verliesToestaan: true });
      expect([rapport.verloren, rapport.andereRij]).toEqual([[], [regel]]);
      expect(celWaarde(blad(await lees(data), "Provincie").getCell(`A${laatste + 1}`))).toBe(derde);
    });

    test("a gemeente gone without input moves the rows below it up: the report names them first", async () => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      const { data, rapport } = await schrijfXlsx(
        zonderRij(later, tabel?.naam ?? "", derde),
        await bewaar(wb),
      );
      expect(rapport.verloren).toEqual([]);
      expect(rapport.wijzigingen[0]).toEqual({
        plek: `${tabel?.naam}: plaats van de rijen`,
        oud: `${codes.slice(3, 6).join(", ")} en ${codes.length - 6} andere`,
        nieuw: "een andere rij van de tabel",
      });
      expect(rapport.wijzigingen).toContainEqual({
        plek: `${tabel?.naam} ${derde}: rij vervalt`,
        oud: derde,
        nieuw: null,
      });
      expect(celWaarde(blad(await lees(data), "Provincie").getCell("A11"))).toBe(codes[3]);
    });

    test("a value or note of the user's beside a row that will hold another gemeente is named, the refill stops; beside a row that keeps its gemeente not", async () => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      const p = blad(wb, "Provincie");
      const rechts = kolomLetters((tabel?.kolommen.length ?? 0) + 3);
      // Row 20 will hold the next gemeente (the third is gone), row 10 keeps the second.
      p.getCell(`${rechts}20`).value = `naast ${gemeente(11)}`;
      p.getCell(`${rechts}21`).note = "bellen";
      p.getCell(`${rechts}10`).value = `naast ${gemeente(1)}`;
      p.getCell(`${rechts}22`).value = { formula: `"let op"&"!"` } as ExcelJS.CellFormulaValue;
      const bestand = await bewaar(wb);
      const zonder = zonderRij(later, tabel?.naam ?? "", derde);
      const fout = await schrijfXlsx(zonder, bestand).catch((e: unknown) => e);
      expect(fout).toBeInstanceOf(VerliesFout);
      // The two cells as one finding (a block beside a table may hold hundreds), the note apart.
      const wat = [
        `2 cellen van u naast tabel ${tabel?.naam} (Provincie!${rechts}20:${rechts}22) staan na opnieuw vullen naast een andere rij, de eerste op Provincie!${rechts}20: nu naast de rij van ${gemeente(11)}, na opnieuw vullen naast de rij van ${gemeente(12)} (wat naast een tabel staat, blijft op zijn rij staan)`,
        `notitie op Provincie!${rechts}21 staat naast tabel ${tabel?.naam}: nu naast de rij van ${gemeente(12)}, na opnieuw vullen naast de rij van ${gemeente(13)} (wat naast een tabel staat, blijft op zijn rij staan)`,
      ];
      expect((fout as VerliesFout).onderdelen).toEqual(wat);
      // Confirmed: they stay where they are, and the report names them.
      const { data, rapport } = await schrijfXlsx(zonder, bestand, { verliesToestaan: true });
      expect(rapport.andereRij).toEqual(wat);
      const na = blad(await lees(data), "Provincie");
      // The note read from the file (exceljs drops one on an empty cell when it reads).
      const notities = (await leesNotities(data)).get("Provincie");
      expect([celWaarde(na.getCell(`${rechts}20`)), notities?.get(`${rechts}21`)?.[0]?.tekst]).toEqual([
        `naast ${gemeente(11)}`,
        "bellen",
      ]);
    });

    test("a formula filled down beside the table (as Excel stores it: shared) is one finding, named by its range; its cells not apart", async () => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      const rechts = kolomLetters((tabel?.kolommen.length ?? 0) + 3);
      const elders = kolomLetters((tabel?.kolommen.length ?? 0) + 5);
      const zip = await JSZip.loadAsync(await bewaar(wb));
      const pad = (await bladPaden(await Zip.loadAsync(await zip.generateAsync({ type: "uint8array" })))).get(
        "Provincie",
      );
      let xml = (await zip.file(pad ?? "")?.async("string")) ?? "";
      // Rows 18–21 (each will hold the next gemeente: the third is gone): a formula filled down that reads its own
      // row, and beside it one that reads no row of the table (it stands beside rows all the same).
      for (let r = 18; r <= 21; r++) {
        const [a, b] =
          r === 18
            ? [
                `<f t="shared" ref="${rechts}18:${rechts}21" si="0">B18*2</f>`,
                `<f t="shared" ref="${elders}18:${elders}21" si="1">1+1</f>`,
              ]
            : [`<f t="shared" si="0"/>`, `<f t="shared" si="1"/>`];
        const cellen = `<c r="${rechts}${r}">${a}<v>0</v></c><c r="${elders}${r}">${b}<v>2</v></c>`;
        xml = xml.replace(new RegExp(`(<row r="${r}"[^>]*>[\\s\\S]*?)(</row>)`), `$1${cellen}$2`);
      }
      zip.file(pad ?? "", xml);
      const bestand = await zip.generateAsync({ type: "uint8array" });
      const fout = await schrijfXlsx(zonderRij(later, tabel?.naam ?? "", derde), bestand).catch(
        (e: unknown) => e,
      );
      // Before: "formule Provincie!R18 leest …" and then its three other cells as "3 cellen van u naast tabel …"
      // together with the other formula's four, as if they were values typed beside the table.
      expect((fout as VerliesFout).onderdelen).toEqual([
        `formule Provincie!${rechts}18:${rechts}21 leest Provincie!B18 in tabel ${tabel?.naam}: nu de rij van ${gemeente(9)}, na opnieuw vullen de rij van ${gemeente(10)}`,
        `4 cellen van u naast tabel ${tabel?.naam} (Provincie!${elders}18:${elders}21) staan na opnieuw vullen naast een andere rij, de eerste op Provincie!${elders}18: nu naast de rij van ${gemeente(9)}, na opnieuw vullen naast de rij van ${gemeente(10)} (wat naast een tabel staat, blijft op zijn rij staan)`,
      ]);
    });

    test('a cell beside a row that holds an empty text (Excel\'s paste values of a formula that gave "") shows nothing: not named', async () => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      const p = blad(wb, "Provincie");
      const rechts = kolomLetters((tabel?.kolommen.length ?? 0) + 3);
      // An empty shared string (as exceljs and Excel write ""), an empty inline string, and one that is not empty.
      p.getCell(`${rechts}20`).value = "";
      p.getCell(`${rechts}21`).value = "wordt leeg";
      p.getCell(`${rechts}22`).value = "blijft";
      const zip = await JSZip.loadAsync(await bewaar(wb));
      const deel = "xl/worksheets/sheet1.xml";
      const xml = (await zip.file(deel)?.async("string")) ?? "";
      const inline = xml.replace(
        new RegExp(`<c r="${rechts}21"([^>]*?) t="s"><v>\\d+</v></c>`),
        `<c r="${rechts}21"$1 t="inlineStr"><is><t></t></is></c>`,
      );
      expect(inline).not.toBe(xml);
      zip.file(deel, inline);
      const bestand = new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
      const fout = await schrijfXlsx(zonderRij(later, tabel?.naam ?? "", derde), bestand).catch(
        (e: unknown) => e,
      );
      expect(fout).toBeInstanceOf(VerliesFout);
      // Before: all three named, "3 cellen van u naast tabel …".
      expect((fout as VerliesFout).onderdelen).toEqual([
        `cel Provincie!${rechts}22 van u staat naast tabel ${tabel?.naam}: nu naast de rij van ${gemeente(13)}, na opnieuw vullen naast de rij van ${gemeente(14)} (wat naast een tabel staat, blijft op zijn rij staan)`,
      ]);
    });

    test("what a rewrite would drop (sparklines on Opgave's sheet) and what beside a row changes meaning: named in one stop", async () => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      const rechts = kolomLetters((tabel?.kolommen.length ?? 0) + 3);
      blad(wb, "Provincie").getCell(`${rechts}20`).value = "naast";
      const zip = await JSZip.loadAsync(await bewaar(wb));
      const pad =
        (await bladPaden(await Zip.loadAsync(await zip.generateAsync({ type: "uint8array" })))).get(
          "Provincie",
        ) ?? "";
      const ext =
        '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>Provincie!F9:H9</xm:f><xm:sqref>T9</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>';
      zip.file(
        pad,
        ((await zip.file(pad)?.async("string")) ?? "").replace("</worksheet>", `${ext}</worksheet>`),
      );
      const bestand = await zip.generateAsync({ type: "uint8array" });
      const fout = await schrijfXlsx(zonderRij(later, tabel?.naam ?? "", derde), bestand).catch(
        (e: unknown) => e,
      );
      // Before: the sparklines alone; the cell beside came to light only after the user had confirmed.
      expect((fout as VerliesFout).onderdelen).toEqual([
        "sparklines",
        expect.stringMatching(new RegExp(`^cel Provincie!${rechts}20 van u staat naast tabel `)),
      ]);
    });

    test("opgave vul: a value beside a half-year row that will hold another stops the refill, the file unchanged; confirmed, filled", async () => {
      const map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-naast-"));
      try {
        // A file of a dataset without 2020-I: the refill puts it back in its place, the half-years below move down.
        const wb = await lees((await schrijfXlsx(zonderRij(utrecht, "Opgave_Taakstelling", "2020-I"))).data);
        const t = blad(wb, "Taakstelling");
        const rij = rijVan(t, "2020-II");
        t.getCell(`R${rij}`).value = "gebeld met COA";
        const bestand = path.join(map, "utrecht.xlsx");
        await fs.writeFile(bestand, await bewaar(wb));
        const voor = await fs.readFile(bestand);
        const a = opvang();
        expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand], a)).toBe(1);
        const melding = a.fout.join("\n");
        expect(melding).toContain(
          `cel Taakstelling!R${rij} van u staat naast tabel Opgave_Taakstelling: nu naast de rij van 2020-II, ` +
            "na opnieuw vullen naast de rij van 2020-I (wat naast een tabel staat, blijft op zijn rij staan)",
        );
        expect(melding).toMatch(
          /Bevestig dat dat mag\. Bevestigen doet u met --bevestig-verlies; .* is niet gewijzigd\./,
        );
        expect(Buffer.compare(await fs.readFile(bestand), voor)).toBe(0);
        const b = opvang();
        expect(
          await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand, "--bevestig-verlies"], b),
        ).toBe(0);
        expect(b.uit.join("\n")).toContain(
          "Formules, cellen, notities en opmaak van u die na opnieuw vullen andere rijen treffen (1; bevestigd met --bevestig-verlies):",
        );
        expect(
          celWaarde(
            blad(await lees(new Uint8Array(await fs.readFile(bestand))), "Taakstelling").getCell(`R${rij}`),
          ),
        ).toBe("gebeld met COA");
      } finally {
        await fs.rm(map, { recursive: true, force: true });
      }
    });

    test("a value of the user's beside the empty row a returning gemeente grows the table into is not named", async () => {
      const oud = await ingevuld(zonderRij(gelderland, tabel?.naam ?? "", derde));
      const wb = await lees(oud.data);
      const p = blad(wb, "Provincie");
      const rechts = kolomLetters((tabel?.kolommen.length ?? 0) + 3);
      // Below the old totals row (row 9 + rows - 1): the grown table's new totals row comes beside it.
      const onder = 9 + codes.length;
      p.getCell(`${rechts}${onder}`).value = "legenda";
      blad(wb, "Mijn blad").getCell("A1").value = null;
      const { rapport } = await schrijfXlsx(later, await bewaar(wb));
      expect([rapport.verloren, rapport.andereRij]).toEqual([[], []]);
    });

    test("notes on the table's cells go with their row: input, Opgave's own columns, the header and totals rows", async () => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      const p = blad(wb, "Provincie");
      const kol = new Map<unknown, number>();
      p.getRow(8).eachCell((c, k) => kol.set(celWaarde(c), k));
      const [gehuisvest, achterstand] = [kol.get("Gehuisvest") ?? 0, kol.get("Achterstand") ?? 0];
      const totaal = 9 + codes.length;
      p.getCell(20, gehuisvest).value = 77;
      p.getCell(20, gehuisvest).note = "nakijken bij deze gemeente";
      p.getCell(21, gehuisvest).note = "leeg, maar navragen"; // on an empty input cell
      p.getCell(30, achterstand).note = {
        texts: [{ text: "Let op: ", font: { bold: true } }, { text: "inclusief nareis" }],
      } as ExcelJS.Comment;
      p.getCell(totaal, achterstand).note = "totaal klopt met het COA";
      p.getCell(8, gehuisvest).note = "kop: per 1 januari";
      const { data, rapport } = await schrijfXlsx(
        zonderRij(later, tabel?.naam ?? "", derde),
        await bewaar(wb),
      );
      expect(rapport.verloren).toEqual([]);
      const na = blad(await lees(data), "Provincie");
      const notitie = (r: number, k: number) => JSON.stringify(na.getCell(r, k).note ?? null);
      expect(celWaarde(na.getCell(19, 1))).toBe(codes[11]);
      expect([celWaarde(na.getCell(19, gehuisvest)), notitie(19, gehuisvest)]).toEqual([
        77,
        JSON.stringify("nakijken bij deze gemeente"),
      ]);
      expect(notitie(20, gehuisvest)).toBe(JSON.stringify("leeg, maar navragen"));
      expect(JSON.parse(notitie(29, achterstand))).toMatchObject({
        texts: [{ text: "Let op: ", font: { bold: true } }, { text: "inclusief nareis" }],
      });
      expect(notitie(totaal - 1, achterstand)).toBe(JSON.stringify("totaal klopt met het COA"));
      expect(notitie(8, gehuisvest)).toBe(JSON.stringify("kop: per 1 januari"));
      for (const [r, k] of [
        [21, gehuisvest],
        [30, achterstand],
        [totaal, achterstand],
      ] as const)
        expect(na.getCell(r, k).note).toBeUndefined();
    });

    test('notes keep their author and box (Excel\'s; exceljs writes "Author" and a hidden box of its own), also where they move', async () => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      const p = blad(wb, "Provincie");
      const gehuisvest = p.getRow(8).values as unknown[];
      const k = gehuisvest.indexOf("Gehuisvest");
      p.getCell(20, k).note = "nakijken bij deze gemeente";
      p.getCell(8, k).note = "kop: per 1 januari";
      wb.addWorksheet("Mijn blad").getCell("B2").note = "van mij";
      const auteurs = new Map([
        [`${kolomLetters(k)}20`, "Jan de Vries"],
        [`${kolomLetters(k)}8`, "Fatma Yılmaz & co"],
        ["B2", "Piet"],
      ]);
      const zip = await JSZip.loadAsync(await bewaar(wb));
      for (const naam of Object.keys(zip.files).filter((n) => /comments\d+\.xml$/.test(n))) {
        const xml = (await zip.file(naam)?.async("string")) ?? "";
        const lijst = [...auteurs.values()];
        const met = xml
          .replace(
            /<authors>.*?<\/authors>/,
            `<authors>${lijst.map((a) => `<author>${a.replace("&", "&amp;")}</author>`).join("")}</authors>`,
          )
          .replace(
            /<comment ref="([A-Z]+\d+)" authorId="0"/g,
            (_, ref: string) => `<comment ref="${ref}" authorId="${lijst.indexOf(auteurs.get(ref) ?? "")}"`,
          );
        zip.file(naam, met);
      }
      // The note of row 20 shown always, in a larger box (as Excel's "Show note" and a drag of its border).
      const vml = Object.keys(zip.files).filter((n) => /\.vml$/.test(n));
      const groot = (vorm: string) =>
        vorm
          .replace("visibility:hidden", "visibility:visible")
          .replace('<x:ClientData ObjectType="Note">', '<x:ClientData ObjectType="Note"><x:Visible/>')
          .replace(/<x:Anchor>[^<]*<\/x:Anchor>/, "<x:Anchor>9, 15, 18, 4, 13, 30, 26, 10</x:Anchor>");
      for (const naam of vml) {
        const xml = (await zip.file(naam)?.async("string")) ?? "";
        zip.file(
          naam,
          xml.replace(/<v:shape\b[\s\S]*?<\/v:shape>/g, (v) =>
            v.includes("<x:Row>19</x:Row>") ? groot(v) : v,
          ),
        );
      }
      const oud = new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
      const { data, rapport } = await schrijfXlsx(zonderRij(later, tabel?.naam ?? "", derde), oud);
      expect(rapport.verloren).toEqual([]);
      const na = await JSZip.loadAsync(data);
      const gelezen = new Map<string, string>();
      for (const naam of Object.keys(na.files).filter((n) => /comments\d+\.xml$/.test(n))) {
        const xml = (await na.file(naam)?.async("string")) ?? "";
        const lijst = [...xml.matchAll(/<author>([^<]*)<\/author>/g)].map((m) => m[1]);
        for (const m of xml.matchAll(/<comment ref="([A-Z]+\d+)" authorId="(\d+)"/g))
          gelezen.set(m[1] ?? "", lijst[Number(m[2])] ?? "");
      }
      // The note of row 20 went with its gemeente to row 19.
      expect(gelezen).toEqual(
        new Map([
          [`${kolomLetters(k)}19`, "Jan de Vries"],
          [`${kolomLetters(k)}8`, "Fatma Yılmaz &amp; co"],
          ["B2", "Piet"],
        ]),
      );
      const vormen = await Promise.all(
        Object.keys(na.files)
          .filter((n) => /\.vml$/.test(n))
          .map(async (n) => (await na.file(n)?.async("string")) ?? ""),
      );
      const rij18 = vormen
        .join("")
        .match(/<v:shape\b[\s\S]*?<\/v:shape>/g)
        ?.filter((v) => v.includes("<x:Row>18</x:Row>"));
      expect(rij18).toHaveLength(1);
      expect(rij18?.[0]).toContain("visibility:visible");
      expect(rij18?.[0]).toContain("<x:Visible/>");
      // Its box went with it, a row up.
      expect(rij18?.[0]).toContain("<x:Anchor>9, 15, 17, 4, 13, 30, 25, 10</x:Anchor>");
      // Had the author been lost, the check after writing would name the note.
      const zonderAuteur = await JSZip.loadAsync(oud);
      for (const naam of Object.keys(zonderAuteur.files).filter((n) => /comments\d+\.xml$/.test(n)))
        zonderAuteur.file(
          naam,
          ((await zonderAuteur.file(naam)?.async("string")) ?? "").replace("Jan de Vries", "Author"),
        );
      expect(await verliesNaSchrijven(oud, await zonderAuteur.generateAsync({ type: "uint8array" }))).toEqual(
        [`notitie op Provincie!${kolomLetters(k)}20`],
      );
      // And had it been hidden again.
      const verborgen = await JSZip.loadAsync(oud);
      for (const naam of vml)
        verborgen.file(
          naam,
          ((await verborgen.file(naam)?.async("string")) ?? "").replace("<x:Visible/>", ""),
        );
      expect(await verliesNaSchrijven(oud, await verborgen.generateAsync({ type: "uint8array" }))).toEqual([
        `notitie op Provincie!${kolomLetters(k)}20`,
      ]);
    });

    test("a note on the row of a gemeente that goes stops the refill (named); confirmed, it is gone with the row", async () => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      const p = blad(wb, "Provincie");
      p.getCell("A11").note = "fuseert per 2025";
      const oud = await bewaar(wb);
      const kleiner = zonderRij(later, tabel?.naam ?? "", derde);
      const fout = await schrijfXlsx(kleiner, oud).catch((e: unknown) => e);
      expect(fout).toBeInstanceOf(VerliesFout);
      expect((fout as VerliesFout).onderdelen).toEqual([
        `notitie op Provincie!A11 (de rij van ${derde} vervalt bij opnieuw vullen)`,
      ]);
      expect((fout as Error).message).toMatch(/Bevestig dat dit verloren mag gaan\.$/);
      const { data, rapport } = await schrijfXlsx(kleiner, oud, { verliesToestaan: true });
      expect(rapport.verloren).toEqual((fout as VerliesFout).onderdelen);
      expect(blad(await lees(data), "Provincie").getCell("A11").note).toBeUndefined();
    });

    test.each([
      ["grafted", true],
      ["written whole", false],
    ])(
      "%s: a page break of the user's goes with its gemeente's row; one below a gemeente that goes stops the refill (named)",
      async (_soort, enten) => {
        /** The rows the Provincie sheet breaks below. */
        const einden = async (data: Uint8Array) => {
          const xml =
            (await (await JSZip.loadAsync(data)).file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
          const rijEinden = /<rowBreaks\b[\s\S]*?<\/rowBreaks>/.exec(xml)?.[0] ?? "";
          return [...rijEinden.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
        };
        const kleiner = zonderRij(later, tabel?.naam ?? "", derde);
        const eigen = await einden((await schrijfXlsx(kleiner)).data);
        const wb = await lees((await schrijfXlsx(gelderland)).data);
        const p = blad(wb, "Provincie");
        // Below row 20 (its gemeente moves up a row), above the table (stays), below the table's header (stays).
        for (const r of [20, 4, 8]) p.getRow(r).addPageBreak();
        const oud = await bewaar(wb);
        const { data, rapport } = await schrijfXlsx(kleiner, oud, { enten });
        expect(rapport.verloren).toEqual([]);
        expect(await einden(data)).toEqual([...new Set([...eigen, 4, 8, 19])].sort((a, b) => a - b));
        // The check after writing looks for it where it went (it is not below row 20 any more).
        expect(await verliesNaSchrijven(oud, data)).toContain("pagina-einde onder rij 20 op blad Provincie");

        // Below the row of the gemeente that goes: it would cut the page below another gemeente.
        p.getRow(11).addPageBreak();
        const metWeg = await bewaar(wb);
        const regel = `pagina-einde onder rij 11 op blad Provincie (de rij van ${derde} vervalt bij opnieuw vullen)`;
        const fout = await schrijfXlsx(kleiner, metWeg, { enten }).catch((e: unknown) => e);
        expect(fout).toBeInstanceOf(VerliesFout);
        expect((fout as VerliesFout).onderdelen).toEqual([regel]);
        const bevestigd = await schrijfXlsx(kleiner, metWeg, { enten, verliesToestaan: true });
        expect(bevestigd.rapport.verloren).toEqual([regel]);
        expect(await einden(bevestigd.data)).toEqual(await einden(data));
      },
    );

    test("a picture of the user's over rows that will hold another gemeente stops the refill, named; confirmed, it stays on its cells", async () => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      const p = blad(wb, "Provincie");
      const beeld = wb.addImage({
        base64:
          "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
        extension: "png",
      });
      // Over D20:F22 (rows that move up), and over D9:E10 (rows that keep their gemeente).
      p.addImage(beeld, "D20:F22");
      p.addImage(beeld, "D9:E10");
      const oud = await bewaar(wb);
      const kleiner = zonderRij(later, tabel?.naam ?? "", derde);
      const fout = await schrijfXlsx(kleiner, oud).catch((e: unknown) => e);
      expect(fout).toBeInstanceOf(VerliesFout);
      const [regel, ...rest] = (fout as VerliesFout).onderdelen;
      expect(rest).toEqual([]);
      expect(regel).toMatch(
        new RegExp(
          `^afbeelding "[^"]+" van u op Provincie!D20:F22 in tabel ${tabel?.naam}: ` +
            `nu bij de rij van ${gemeente(11).replace(/[()]/g, "\\$&")}, na opnieuw vullen bij de rij van ` +
            `${gemeente(12).replace(/[()]/g, "\\$&")} \\(blijft op dezelfde cellen staan\\)$`,
        ),
      );
      const { data, rapport } = await schrijfXlsx(kleiner, oud, { verliesToestaan: true });
      expect([rapport.verloren, rapport.andereRij]).toEqual([[], [regel]]);
      const tekening = async (bytes: Uint8Array) => {
        const zip = await JSZip.loadAsync(bytes);
        const naam = Object.keys(zip.files).find((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n)) ?? "";
        return zip.file(naam)?.async("string");
      };
      expect(await tekening(data)).toBe(await tekening(oud));
    });

    test("a sum over all of the table's old rows, when a gemeente goes: named as reading the totals row too", async () => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      const n = codes.length;
      wb.addWorksheet("Mijn blad").getCell("A1").value = {
        formula: `SUM(Provincie!F9:F${8 + n})`,
      } as ExcelJS.CellFormulaValue;
      const kleiner = zonderRij(later, tabel?.naam ?? "", derde);
      const fout = await schrijfXlsx(kleiner, await bewaar(wb)).catch((e: unknown) => e);
      expect(fout).toBeInstanceOf(VerliesFout);
      // Before: "leest Provincie!F11: nu de rij van …, na opnieuw vullen de rij van …", not that it takes the total in.
      expect((fout as VerliesFout).onderdelen).toEqual([
        `formule 'Mijn blad'!A1 leest alle rijen van tabel ${tabel?.naam} (Provincie!F9:F${8 + n}); na opnieuw ` +
          `vullen heeft de tabel een rij minder, tot en met Provincie!F${7 + n}, en leest zij ook ` +
          `Provincie!F${8 + n}: de totaalrij`,
      ]);
    });

    test("a formula of the user's on a row that would hold another gemeente stops the refill, and names it", async () => {
      const oud = await ingevuld(gelderland);
      const kleiner = zonderRij(later, tabel?.naam ?? "", derde);
      const fout = await schrijfXlsx(kleiner, oud.data).catch((e: unknown) => e);
      expect(fout).toBeInstanceOf(VerliesFout);
      const regel =
        `formule 'Mijn blad'!A1 leest Provincie!A20 in tabel ${tabel?.naam}: nu de rij van ${gemeente(11)}, ` +
        `na opnieuw vullen de rij van ${gemeente(12)}`;
      expect((fout as VerliesFout).onderdelen).toEqual([regel]);
      expect((fout as Error).message).toBe(
        `Na opnieuw vullen treffen formules, cellen, notities of opmaak van u andere rijen: ${regel}. Bevestig dat dat mag. ` +
          "Of laat zo'n formule haar rij opzoeken op de gemeente of periode (X.ZOEKEN of VERT.ZOEKEN op de tabel) in " +
          "plaats van het adres van een rij te lezen.",
      );
      // Confirmed: written as the merge says, the line in the report.
      const { data, rapport } = await schrijfXlsx(kleiner, oud.data, { verliesToestaan: true });
      expect([rapport.verloren, rapport.andereRij]).toEqual([[], [regel]]);
      expect(rapportRegels(rapport, false)).toEqual(
        expect.arrayContaining([
          "Formules, cellen, notities en opmaak van u die na opnieuw vullen andere rijen treffen (1; bevestigd met --bevestig-verlies):",
          `  ${regel}`,
        ]),
      );
      expect(celWaarde(blad(await lees(data), "Provincie").getCell("A20"))).toBe(codes[12]);
    });

    test("not stopped: a formula that reads the whole table, a row that stays, or the table by name", async () => {
      const wb = await lees((await ingevuld(gelderland)).data);
      const eigen = blad(wb, "Mijn blad");
      const laatste = 8 + codes.length;
      eigen.getCell("A1").value = {
        formula: `SUM(Provincie!F9:F${laatste + 1})`,
      } as ExcelJS.CellFormulaValue;
      eigen.getCell("A2").value = { formula: "Provincie!F10" } as ExcelJS.CellFormulaValue;
      eigen.getCell("A3").value = { formula: "SUM(Provincie!F:F)" } as ExcelJS.CellFormulaValue;
      eigen.getCell("A4").value = {
        formula: `VLOOKUP("${codes[20]}",Provincie!A:F,6,FALSE)`,
      } as ExcelJS.CellFormulaValue;
      const { rapport } = await schrijfXlsx(zonderRij(later, tabel?.naam ?? "", derde), await bewaar(wb));
      expect(rapport.verloren).toEqual([]);
    });

    test("a format or validation of the user's on table cells whose row will hold another gemeente: named, the refill stops", async () => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      const p = blad(wb, "Provincie");
      const rood = { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFF0000" } } } as const;
      // On Doesburg's Gehuisvest (F20) and a range of rows from Doesburg down; over the whole column: not named.
      p.addConditionalFormatting({
        ref: "F20",
        rules: [{ type: "expression", formulae: ["TRUE"], priority: 90, style: rood }],
      });
      p.addConditionalFormatting({
        ref: `K9:K${8 + codes.length}`,
        rules: [{ type: "expression", formulae: ["K9>100"], priority: 91, style: rood }],
      });
      p.getCell("B20").dataValidation = { type: "list", allowBlank: true, formulae: ['"Doesburg"'] };
      p.getCell("B21").dataValidation = { type: "list", allowBlank: true, formulae: ['"Doesburg"'] };
      for (let r = 9; r <= 8 + codes.length; r++)
        p.getCell(r, 1).dataValidation = { type: "textLength", operator: "equal", formulae: [6] };
      const oud = await bewaar(wb);
      const kleiner = zonderRij(later, tabel?.naam ?? "", derde);
      const fout = await schrijfXlsx(kleiner, oud).catch((e: unknown) => e);
      expect(fout).toBeInstanceOf(VerliesFout);
      const regels = [
        `voorwaardelijke opmaak van u op Provincie!F20 in tabel ${tabel?.naam}: nu bij de rij van ${gemeente(11)}, ` +
          `na opnieuw vullen bij de rij van ${gemeente(12)} (die blijft op haar cellen staan)`,
        `gegevensvalidatie van u op Provincie!B20:B21 in tabel ${tabel?.naam}: nu bij de rij van ${gemeente(11)}, ` +
          `na opnieuw vullen bij de rij van ${gemeente(12)} (die blijft op haar cellen staan)`,
      ];
      expect((fout as VerliesFout).onderdelen).toEqual(regels);
      const { data, rapport } = await schrijfXlsx(kleiner, oud, { verliesToestaan: true });
      expect([rapport.verloren, rapport.andereRij]).toEqual([[], regels]);
      // Those over the whole column follow the table, one row shorter now; the others stay on their cells.
      const xml =
        (await (await JSZip.loadAsync(data)).file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
      const bereiken = (element: string) =>
        [...xml.matchAll(new RegExp(`<${element}\\b[^>]*sqref="([^"]*)"`, "g"))].map((m) => m[1]);
      expect(bereiken("conditionalFormatting")).toEqual(
        expect.arrayContaining(["F20", `K9:K${7 + codes.length}`]),
      );
      expect(bereiken("conditionalFormatting")).not.toContain(`K9:K${8 + codes.length}`);
      expect(bereiken("dataValidation")).toEqual(
        expect.arrayContaining(["B20:B21", `A9:A${7 + codes.length}`]),
      );
      const na = blad(await lees(data), "Provincie");
      expect(na.getCell(8 + codes.length, 1).dataValidation).toBeUndefined();
      // The same file refilled with the same gemeenten: every row keeps its gemeente, nothing to name.
      expect((await schrijfXlsx(later, oud)).rapport.andereRij).toEqual([]);
    });

    /** A column chart on `blad` at (`rij`, `kolom`) of Gehuisvest of three gemeenten (rows 40–42, which move). */
    const drieGemeenten = (blad: string, rij: number, kolom: number): GrafiekSpec => ({
      blad,
      titel: "Drie gemeenten",
      soort: "kolom",
      rij,
      kolom,
      breedteKolommen: 6,
      hoogteRijen: 12,
      categorieRef: "Provincie!$A$40:$A$42",
      categorieen: codes.slice(31, 34),
      reeksen: [
        { naamRef: "Provincie!$F$8", naam: "Gehuisvest", ref: "Provincie!$F$40:$F$42", waarden: [1, 2, 3] },
      ],
    });

    test("also found: a formula filled down (shared), a validation list and a chart on the user's sheet", async () => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      const eigen = wb.addWorksheet("Mijn blad");
      eigen.getCell("A1").value = "tekst";
      eigen.getCell("C1").dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: ["Provincie!$A$12:$A$14"],
      };
      let data = await bewaar(wb);
      // As Excel writes a formula filled down B1:B5: the first cell holds the text, the others refer to it.
      const zip = await JSZip.loadAsync(data);
      const pad = (await bladPaden(await Zip.loadAsync(data))).get("Mijn blad") ?? "";
      const xml = (await zip.file(pad)?.async("string")) ?? "";
      const gedeeld = [1, 2, 3, 4, 5]
        .map((r) =>
          r === 1
            ? `<c r="B1"><f t="shared" ref="B1:B5" si="0">Provincie!F9*2</f><v>0</v></c>`
            : `<c r="B${r}"><f t="shared" si="0"/><v>0</v></c>`,
        )
        .join("");
      zip.file(pad, xml.replace(/(<c r="A1"[^>]*>[\s\S]*?<\/c>)/, `$1${gedeeld}`));
      data = await voegGrafiekenToe(await zip.generateAsync({ type: "uint8array" }), [
        drieGemeenten("Mijn blad", 8, 1),
      ]);
      const fout = await schrijfXlsx(zonderRij(later, tabel?.naam ?? "", derde), data).catch(
        (e: unknown) => e,
      );
      const regels = (fout as VerliesFout).onderdelen;
      // One line per place: the chart reads two ranges, both on rows that move.
      expect(regels).toHaveLength(3);
      expect(regels[0]).toMatch(/^formule 'Mijn blad'!B1:B5 leest Provincie!F11 in tabel .*: nu de rij van /);
      expect(regels[1]).toMatch(
        /^formule in de opmaak of gegevensvalidatie van blad 'Mijn blad' leest Provincie!A12 /,
      );
      expect(regels[2]).toMatch(/^formule van een grafiek op blad 'Mijn blad' leest Provincie!A40 /);
    });

    test("also found: a chart of the user's on Opgave's own sheet (a refill keeps it there)", async () => {
      let data = await voegGrafiekenToe((await schrijfXlsx(gelderland)).data, [
        drieGemeenten("Provincie", 3, 20),
      ]);
      // Named as the user's (voegGrafiekenToe names a chart as Opgave's own).
      const zip = await JSZip.loadAsync(data);
      const tekening = Object.keys(zip.files).find((n) => /^xl\/drawings\/[^/]+\.xml$/.test(n)) ?? "";
      zip.file(
        tekening,
        ((await zip.file(tekening)?.async("string")) ?? "").replace(
          /name="Opgave_[^"]*"/,
          'name="Mijn grafiek"',
        ),
      );
      data = await zip.generateAsync({ type: "uint8array" });
      expect((await schrijfXlsx(later, data)).rapport.verloren).toEqual([]);
      const fout = await schrijfXlsx(zonderRij(later, tabel?.naam ?? "", derde), data).catch(
        (e: unknown) => e,
      );
      // Before: not looked at (such a chart was refused as one the refill could not keep).
      expect((fout as VerliesFout).onderdelen).toEqual([
        expect.stringMatching(/^formule van een grafiek op blad Provincie leest Provincie!A40 /),
      ]);
    });

    test("a format or validation over several cells of the user's: read as its relative references sweep them", async () => {
      // Written for D1, over D1:D4: reads F8 (the header) to F11 (moves). Absolute, over E1:E5: row 10 only (keeps).
      const met = async (opmaak: boolean, x14 = false) => {
        const wb = await lees((await schrijfXlsx(gelderland)).data);
        const eigen = wb.addWorksheet("Mijn blad");
        if (opmaak)
          eigen.addConditionalFormatting({
            ref: "D1:D4",
            rules: [{ type: "expression", formulae: ["Provincie!F8>0"], priority: 1, style: {} }],
          });
        for (let r = 1; r <= 5; r++)
          eigen.getCell(`E${r}`).dataValidation = {
            type: "custom",
            allowBlank: true,
            formulae: ["Provincie!$F$10>0"],
          };
        const data = await bewaar(wb);
        if (!x14) return schrijfXlsx(zonderRij(later, tabel?.naam ?? "", derde), data);
        // An Excel 2010+ list over G1:G4 whose source is written for G1 (its cells in `xm:sqref`).
        const zip = await JSZip.loadAsync(data);
        const pad = (await bladPaden(await Zip.loadAsync(data))).get("Mijn blad") ?? "";
        const xml = (await zip.file(pad)?.async("string")) ?? "";
        zip.file(
          pad,
          xml.replace(
            "</worksheet>",
            '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Provincie!A8</xm:f></x14:formula1><xm:sqref>G1:G4</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>',
          ),
        );
        const bytes = await zip.generateAsync({ type: "uint8array" });
        return schrijfXlsx(zonderRij(later, tabel?.naam ?? "", derde), bytes);
      };
      const fout = await met(true).catch((e: unknown) => e);
      expect((fout as VerliesFout).onderdelen).toEqual([
        `formule in de opmaak of gegevensvalidatie van blad 'Mijn blad' leest Provincie!F11 in tabel ${tabel?.naam}: ` +
          `nu de rij van ${gemeente(2)}, na opnieuw vullen de rij van ${gemeente(3)}`,
      ]);
      // The absolute one alone asks nothing; an Excel 2010+ validation is read as the others.
      expect((await met(false)).rapport.andereRij).toEqual([]);
      const x14 = await met(false, true).catch((e: unknown) => e);
      expect((x14 as VerliesFout).onderdelen).toEqual([
        `formule in de opmaak of gegevensvalidatie van blad 'Mijn blad' leest Provincie!A11 in tabel ${tabel?.naam}: ` +
          `nu de rij van ${gemeente(2)}, na opnieuw vullen de rij van ${gemeente(3)}`,
      ]);
    });

    test("a format or validation of the user's beside Opgave's cells on its sheet, reading a row that moves: named", async () => {
      const met = async (zet: (ws: ExcelJS.Worksheet) => void) => {
        const wb = await lees((await schrijfXlsx(gelderland)).data);
        const ws = wb.getWorksheet("Provincie");
        if (!ws) throw new Error("geen blad Provincie");
        zet(ws);
        return schrijfXlsx(zonderRij(later, tabel?.naam ?? "", derde), await bewaar(wb)).catch(
          (e: unknown) => e,
        );
      };
      const verwacht = (cel: string, i: number) => [
        `formule in de opmaak of gegevensvalidatie van blad Provincie leest Provincie!${cel} in tabel ${tabel?.naam}: ` +
          `nu de rij van ${gemeente(i)}, na opnieuw vullen de rij van ${gemeente(i + 1)}`,
      ];
      // A warning light far beside the table (T3) on one gemeente's figure.
      const opmaak = await met((ws) =>
        ws.addConditionalFormatting({
          ref: "T3",
          rules: [{ type: "expression", formulae: ["$F$20>100"], priority: 1, style: {} }],
        }),
      );
      expect((opmaak as VerliesFout).onderdelen).toEqual(verwacht("F20", 11));
      // A list beside the table from three gemeenten's names.
      const lijst = await met((ws) => {
        ws.getCell("T4").dataValidation = { type: "list", allowBlank: true, formulae: ["$A$30:$A$32"] };
      });
      expect((lijst as VerliesFout).onderdelen).toEqual(verwacht("A30", 21));
    });

    /** The province workbook with a sheet of the user's ("Mijn blad") whose XML `wijzig` edits (zip level). */
    const metEigenBlad = async (wijzig: (xml: string) => string): Promise<Uint8Array> => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      wb.addWorksheet("Mijn blad").getCell("A1").value = "x";
      const data = await bewaar(wb);
      const zip = await JSZip.loadAsync(data);
      const pad = (await bladPaden(await Zip.loadAsync(data))).get("Mijn blad") ?? "";
      zip.file(pad, wijzig((await zip.file(pad)?.async("string")) ?? ""));
      return zip.generateAsync({ type: "uint8array" });
    };

    test("a format over 200,000 ranges of the user's (a hostile sqref): read without running out of stack", async () => {
      const sqref = Array.from({ length: 200_000 }, (_, i) => `A${2 * i + 1}`).join(" ");
      const opmaak = `<conditionalFormatting sqref="${sqref}"><cfRule type="expression" priority="1"><formula>Provincie!F8&gt;0</formula></cfRule></conditionalFormatting>`;
      const groot = await metEigenBlad((xml) => xml.replace("</sheetData>", `</sheetData>${opmaak}`));
      // Over rows 1 to 399,999 from F8: the whole table and more, which reads the same after (not asked).
      const { rapport } = await schrijfXlsx(zonderRij(later, tabel?.naam ?? "", derde), groot);
      expect(rapport.andereRij).toEqual([]);
    });

    test("a sparkline of the user's over a row that moves: named", async () => {
      const ext =
        '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>Provincie!F25:H25</xm:f><xm:sqref>B1</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>';
      const bytes = await metEigenBlad((xml) => xml.replace("</worksheet>", `${ext}</worksheet>`));
      const fout = await schrijfXlsx(zonderRij(later, tabel?.naam ?? "", derde), bytes).catch(
        (e: unknown) => e,
      );
      expect((fout as VerliesFout).onderdelen).toEqual([
        `formule in de opmaak of gegevensvalidatie van blad 'Mijn blad' leest Provincie!F25 in tabel ${tabel?.naam}: ` +
          `nu de rij van ${gemeente(16)}, na opnieuw vullen de rij van ${gemeente(17)}`,
      ]);
    });

    test("a defined name of the user's on a row that moves stops it too; Opgave's own names and print area do not", async () => {
      const wb = await lees((await schrijfXlsx(gelderland)).data);
      wb.definedNames.add("Provincie!$F$30", "MijnGemeente");
      const fout = await schrijfXlsx(zonderRij(later, tabel?.naam ?? "", derde), await bewaar(wb)).catch(
        (e: unknown) => e,
      );
      expect((fout as VerliesFout).onderdelen).toEqual([
        `formule van naam MijnGemeente leest Provincie!F30 in tabel ${tabel?.naam}: nu de rij van ${gemeente(21)}, ` +
          `na opnieuw vullen de rij van ${gemeente(22)}`,
      ]);
    });
  });

  test("the part-by-part comparison names each kind it would find missing (old file against a fresh one)", async () => {
    const leeg = (await schrijfXlsx(utrecht)).data;
    expect(await verliesNaSchrijven(oud, leeg)).toEqual([
      "notitie op Taakstelling!A9",
      "notitie op Taakstelling!F9",
      "notitie op Taakstelling!N20",
      "notitie op Mijn blad!C3",
      "voorwaardelijke opmaak op Taakstelling!G8:G27",
      "bladbeveiliging op blad Mijn blad",
      "gegevensvalidatie op Taakstelling!G9",
    ]);
    expect(await verliesNaSchrijven(oud, oud)).toEqual([]);
    const zip = await JSZip.loadAsync(oud);
    zip.file("customXml/item1.xml", "<root/>");
    zip.file("docProps/custom.xml", '<Properties><property name="Afdeling"/></Properties>');
    const metDelen = await zip.generateAsync({ type: "uint8array" });
    zip.file("docProps/custom.xml", "<Properties/>"); // as LibreOffice writes it: nothing in it
    expect(await verliesNaSchrijven(await zip.generateAsync({ type: "uint8array" }), oud)).toEqual([
      "eigen XML-onderdelen (customXml)",
    ]);
    expect(await verliesNaSchrijven(metDelen, oud)).toEqual([
      "eigen XML-onderdelen (customXml)",
      "aangepaste documenteigenschappen",
    ]);
    // A refill grafts Opgave's sheets into the original file (xlsxEnten): these parts stay, nothing is refused.
    const { data: metDelenNa, rapport: metDelenRapport } = await schrijfXlsx(utrecht, metDelen);
    expect(metDelenRapport.verloren).toEqual([]);
    expect(await verliesNaSchrijven(metDelen, metDelenNa)).toEqual([]);
  });

  test("a validation kept as it was, with what LibreOffice writes beside its rule (default operator, a list's second formula), is not lost", async () => {
    const met = async (validaties: string): Promise<Uint8Array> => {
      const wb = await lees((await schrijfXlsx(utrecht)).data);
      wb.addWorksheet("Mijn blad").getCell("A1").value = "x";
      const data = await bewaar(wb);
      const zip = await JSZip.loadAsync(data);
      const pad = (await bladPaden(await Zip.loadAsync(data))).get("Mijn blad") ?? "";
      const xml = (await zip.file(pad)?.async("string")) ?? "";
      zip.file(
        pad,
        xml.replace("</sheetData>", `</sheetData><dataValidations>${validaties}</dataValidations>`),
      );
      return zip.generateAsync({ type: "uint8array" });
    };
    const geheel = (op: string) =>
      `<dataValidation type="whole"${op} sqref="B3"><formula1>1</formula1><formula2>5</formula2></dataValidation>`;
    const lijst = (op: string) =>
      `<dataValidation type="list"${op} sqref="B4"><formula1>"ja,nee"</formula1></dataValidation>`;
    // LibreOffice writes the default operator, on a list too, and a second formula "0" on a list.
    const libreOffice = await met(
      geheel(' operator="between"') +
        lijst(' operator="between"').replace("</formula1>", "</formula1><formula2>0</formula2>"),
    );
    const exceljs = await met(geheel("") + lijst(""));
    // Before: "gegevensvalidatie op Mijn blad!B3" and "…!B4", a refill stopped for what it kept.
    expect(await verliesNaSchrijven(libreOffice, exceljs)).toEqual([]);
    expect(await verliesNaSchrijven(exceljs, libreOffice)).toEqual([]);
    // Another operator is another rule.
    expect(await verliesNaSchrijven(await met(geheel(' operator="notBetween"')), exceljs)).toEqual([
      "gegevensvalidatie op Mijn blad!B3",
    ]);
  });

  test("the check after writing reads no sheet the refill kept as it was; a kept sheet that changed still counts", async () => {
    // A file written from the old one's parts, as the graft writes the user's sheets: the very bytes (during a
    // refill; after it, the zip module forgets both files).
    const kopie = await Zip.loadAsync(oud);
    const bron = (await bladPaden(kopie)).get("Bron") ?? "";
    kopie.file(
      bron,
      ((await kopie.file(bron)?.async("string")) ?? "").replace("</worksheet>", " </worksheet>"),
    );
    const data = await kopie.generateAsync({ type: "uint8array" });
    // The user's sheet as the zip module holds it, in the old file and the new.
    const mijnBlad = async (bestand: Uint8Array) => {
      const zip = await Zip.loadAsync(bestand);
      const wb = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
      const rid = /<sheet\b[^>]*name="Mijn blad"[^>]*r:id="([^"]+)"/.exec(wb)?.[1];
      const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
      const doel = new RegExp(`Id="${rid}"[^>]*Target="/?(?:xl/)?([^"]+)"`).exec(rels)?.[1];
      return { zip, pad: `xl/${doel}`, bytes: await zip.file(`xl/${doel}`)?.async("uint8array") };
    };
    const [voor, na] = [await mijnBlad(oud), await mijnBlad(data)];
    expect(voor.bytes).toBeDefined();
    expect(na.bytes).toBe(voor.bytes);
    const gelezen = jest.spyOn(zipModule, "tekstVan");
    try {
      expect(await verliesNaSchrijven(oud, data)).toEqual([]);
      expect(gelezen).toHaveBeenCalled();
      expect(gelezen.mock.calls.filter(([b]) => b === voor.bytes)).toEqual([]);
      // The same sheet without its protection (other bytes): lost, and said.
      const xml = new TextDecoder().decode(voor.bytes);
      expect(xml).toMatch(/<sheetProtection\b/);
      na.zip.file(na.pad, xml.replace(/<sheetProtection\b[^>]*\/>/, ""));
      const zonder = await na.zip.generateAsync({ type: "uint8array" });
      expect(await verliesNaSchrijven(oud, zonder)).toEqual(["bladbeveiliging op blad Mijn blad"]);
    } finally {
      gelezen.mockRestore();
    }
  });

  test("a data validation is kept where its cells keep it, however the new file splits it; changed, it is lost", async () => {
    const zip = await JSZip.loadAsync(oud);
    const pad = Object.keys(zip.files).find((p) => p.endsWith("sheet2.xml")) ?? "";
    const xml = (await zip.file(pad)?.async("string")) ?? "";
    const anders = async (f: (x: string) => string) => {
      zip.file(pad, f(xml));
      return zip.generateAsync({ type: "uint8array" });
    };
    // The validation of F8:F27 (Taakstelling, eigen invoer) as two: every cell keeps it.
    const validatie = /(<dataValidation\b[^>]*\ssqref=")F8:F27("[^>]*>\s*<formula1>)0(<\/formula1>)/;
    expect(xml).toMatch(validatie);
    const gesplitst = await anders((x) => x.replace(validatie, "$1F8:F15 F16:F27$20$3"));
    expect(gesplitst).not.toEqual(oud);
    expect(await verliesNaSchrijven(oud, gesplitst)).toEqual([]);
    // Another rule on the same cells (a different minimum): the old one is lost.
    const strenger = await anders((x) => x.replace(validatie, "$1F8:F27$21$3"));
    expect(strenger).not.toEqual(gesplitst);
    expect(await verliesNaSchrijven(oud, strenger)).toEqual(["gegevensvalidatie op Taakstelling!F8:F27"]);
    // Without its first cell (the last is F10:F27's too): lost.
    const korter = await anders((x) => x.replace(validatie, "$1F9:F27$20$3"));
    expect(await verliesNaSchrijven(oud, korter)).toEqual(["gegevensvalidatie op Taakstelling!F8:F27"]);
  });

  test("an external link and an x14 validation on the user's sheet: kept (grafted refill), not refused or listed", async () => {
    const zip = await JSZip.loadAsync(oud);
    const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
    zip.file(
      "xl/_rels/workbook.xml.rels",
      rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdExt1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>',
      ),
    );
    const wbXml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    zip.file(
      "xl/workbook.xml",
      wbXml.replace(
        "</sheets>",
        '</sheets><externalReferences><externalReference r:id="rIdExt1"/></externalReferences>',
      ),
    );
    zip.file(
      "xl/externalLinks/externalLink1.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Blad1"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>7</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>',
    );
    zip.file(
      "xl/externalLinks/_rels/externalLink1.xml.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="Blad1.xlsx" TargetMode="External"/></Relationships>',
    );
    const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
    zip.file(
      "[Content_Types].xml",
      types.replace(
        "</Types>",
        '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>',
      ),
    );
    const eigenPad = "xl/worksheets/sheet7.xml";
    const eigen = (await zip.file(eigenPad)?.async("string")) ?? "";
    zip.file(
      eigenPad,
      eigen
        .replace(/<c r="A1"[^>]*>[\s\S]*?<\/c>/, '<c r="A1"><f>[1]Blad1!$A$1</f><v>7</v></c>')
        .replace(
          "</worksheet>",
          '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Taakstelling!$A$8:$A$27</xm:f></x14:formula1><xm:sqref>B1:B5</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>',
        ),
    );
    const met = await zip.generateAsync({ type: "uint8array" });
    // Before the graft (xlsxEnten) these were lost, named and refused; now the original parts stay as they are.
    const { data, rapport } = await schrijfXlsx(utrecht, met);
    expect(rapport.verloren).toEqual([]);
    const na = await JSZip.loadAsync(data);
    expect(Object.keys(na.files).filter((n) => n.includes("externalLink") && !na.files[n]?.dir)).toEqual([
      "xl/externalLinks/externalLink1.xml",
      "xl/externalLinks/_rels/externalLink1.xml.rels",
    ]);
    expect(await na.file(eigenPad)?.async("string")).toBe(await zip.file(eigenPad)?.async("string"));
    expect(await verliesNaSchrijven(met, data)).toEqual([]);
    // Everything else of the user's is still there.
    expect(await leesNotities(data)).toEqual(await leesNotities(met));
    expect(rapportRegels(rapport, false).join("\n")).not.toContain("niet behouden");
  });
});

/** Utrecht's workbook as a first fill wrote it, its Taakstelling sheet and the column of Gehuisvest there. */
async function utrechtGehuisvest() {
  const wb = await lees((await schrijfXlsx(utrecht)).data);
  const t = blad(wb, "Taakstelling");
  const kol = new Map<unknown, number>();
  t.getRow(7).eachCell((c, k) => kol.set(celWaarde(c), k));
  return { wb, t, gehuisvest: kol.get("Gehuisvest") ?? 0 };
}

describe("text typed where a number belongs (.xlsx)", () => {
  test("kept as it is, and the report names it (Opgave's formulas pass it over); a formula or a number is not named", async () => {
    const { wb, t, gehuisvest } = await utrechtGehuisvest();
    t.getCell(rijVan(t, "2019-I"), gehuisvest).value = "ca. 350";
    t.getCell(rijVan(t, "2019-II"), gehuisvest).value = { formula: "100+20" } as ExcelJS.CellFormulaValue;
    t.getCell(rijVan(t, "2020-I"), gehuisvest).value = 40;
    blad(wb, "Kosten").getCell("B5").value = "onbekend";
    const { data, rapport } = await schrijfXlsx(later, await bewaar(wb));
    expect(rapport.tekstInGetal).toEqual([
      'Opgave_Taakstelling 2019-I: Gehuisvest: "ca. 350"',
      'Kosten per plaats per jaar (€) op Kosten!B5: "onbekend"',
    ]);
    expect(celWaarde(blad(await lees(data), "Taakstelling").getCell(rijVan(t, "2019-I"), gehuisvest))).toBe(
      "ca. 350",
    );
    expect(rapportRegels(rapport, false)).toEqual(
      expect.arrayContaining([
        "Invoer die geen getal is waar een getal hoort (2; blijft staan, maar de formules van Opgave rekenen er niet mee):",
        '  Opgave_Taakstelling 2019-I: Gehuisvest: "ca. 350"',
      ]),
    );
  });

  test("an error value (=1/0, #N/B) is named as Dutch Excel shows it, a foutwaarde and not text: a total over the column shows it", async () => {
    const p = planProvincie(engine, "Utrecht", "2024-I", bron);
    const wb = await lees((await schrijfXlsx(p)).data);
    const t = blad(wb, "Provincie");
    const kop = rijVan(t, "Code");
    const kol = new Map<unknown, number>();
    t.getRow(kop).eachCell((c, k) => kol.set(celWaarde(c), k));
    const gehuisvest = kol.get("Gehuisvest") ?? 0;
    const rijen = p.bladen.find((b) => b.naam === "Provincie")?.tabellen[0]?.rijen.length ?? 0;
    for (let r = kop + 1; r <= kop + rijen; r++) t.getCell(r, gehuisvest).value = 10;
    t.getCell(rijVan(t, "GM0308"), gehuisvest).value = {
      formula: "1/0",
      result: { error: "#DIV/0!" },
    } as ExcelJS.CellFormulaValue;
    t.getCell(rijVan(t, "GM0312"), gehuisvest).value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    const nu = planProvincie(engine, "Utrecht", "2024-I", { ...bron, gemaakt: "2027-01-05T09:30:00Z" });
    const { data, rapport } = await schrijfXlsx(nu, await bewaar(wb));
    // Before: 'Opgave_Provincie GM0308: Gehuisvest: "#DIV/0!"' under "tekst …, tellen ze niet mee".
    expect(rapport.tekstInGetal).toEqual([
      "Opgave_Provincie GM0308: Gehuisvest: #DEEL/0! (een foutwaarde; een som over de cel toont die fout ook)",
      "Opgave_Provincie GM0312: Gehuisvest: #N/B (een foutwaarde; een som over de cel toont die fout ook)",
    ]);
    // What the entry says: the table's total of Gehuisvest is that error (its cached result, as Excel computes it).
    const na = blad(await lees(data), "Provincie");
    const totaal = na.getCell(kop + rijen + 1, gehuisvest);
    expect(celWaarde(na.getCell(kop + rijen + 1, 2))).toBe("Totaal");
    expect(totaal.result).toEqual({ error: "#DIV/0!" });
    expect(rapportRegels(rapport, false)).toEqual(
      expect.arrayContaining([
        "Invoer die geen getal is waar een getal hoort (2; blijft staan, maar de formules van Opgave rekenen er niet mee):",
      ]),
    );
  });
});

describe("a number outside its cell's rule (.xlsx; pasted, or typed before the rule came)", () => {
  test("kept as it is, and the report names it with the rule it breaks (Opgave's formulas count it); a number within it is not named", async () => {
    const { wb, t, gehuisvest } = await utrechtGehuisvest();
    t.getCell(rijVan(t, "2019-I"), gehuisvest).value = -40;
    t.getCell(rijVan(t, "2019-II"), gehuisvest).value = 12.5;
    t.getCell(rijVan(t, "2020-I"), gehuisvest).value = 40;
    blad(wb, "Kosten").getCell("B5").value = -35000;
    const { data, rapport } = await schrijfXlsx(later, await bewaar(wb));
    expect(rapport.tekstInGetal).toEqual([]);
    expect(rapport.buitenRegel).toEqual([
      "Opgave_Taakstelling 2019-I: Gehuisvest: -40 (kleiner dan 0, het minimum van de cel)",
      "Opgave_Taakstelling 2019-II: Gehuisvest: 12,5 (geen geheel getal, wat de cel vraagt)",
      "Kosten per plaats per jaar (€) op Kosten!B5: -35.000 (kleiner dan 0, het minimum van de cel)",
    ]);
    expect(celWaarde(blad(await lees(data), "Taakstelling").getCell(rijVan(t, "2019-I"), gehuisvest))).toBe(
      -40,
    );
    expect(rapportRegels(rapport, false)).toEqual(
      expect.arrayContaining([
        "Invoer buiten de regel van de cel (3; blijft staan en telt zo mee in de formules van Opgave, controleer ze):",
        "  Opgave_Taakstelling 2019-I: Gehuisvest: -40 (kleiner dan 0, het minimum van de cel)",
      ]),
    );
  });
});

describe("the report of a refill (.xlsx)", () => {
  test("the same data a month later: no figure changed, and it says so; when Opgave filled it is named apart", async () => {
    const { rapport } = await schrijfXlsx(later, (await schrijfXlsx(utrecht)).data);
    // As the cell shows it: Dutch time, 10:00 UTC in winter is 11:00.
    expect(rapport.wijzigingen).toEqual([
      { plek: "Bron!B9", oud: "1-12-2026 11:00:00", nieuw: "5-1-2027 10:30:00", moment: true },
    ]);
    const regels = rapportRegels(rapport, false);
    expect(regels).toContain("Geen wijzigingen in de cijfers.");
    expect(regels).toContainEqual(expect.stringMatching(/^Gevuld op \(Bron!B9\): "[^"]+" → "[^"]+"\.$/));
    // Before: "1 wijziging:" with the moment of filling as the one change, every time.
    expect(regels.join("\n")).not.toMatch(/wijziging:/);
  });

  test("another dataset version: that is a change, counted and listed; the moment of filling still apart", async () => {
    const anders = planGemeente(engine, "Utrecht", {
      ...bron,
      versie: "2027.1",
      gemaakt: "2027-01-05T09:30:00Z",
    });
    const { rapport } = await schrijfXlsx(anders, (await schrijfXlsx(utrecht)).data);
    // The version stands on Overzicht and on Bron: two changes, then when Opgave filled it.
    const regels = rapportRegels(rapport, false);
    const kop = regels.indexOf("2 wijzigingen:");
    expect(regels.slice(kop, kop + 4)).toEqual([
      "2 wijzigingen:",
      expect.stringMatching(/^ {2}Overzicht!B\d+: "[^"]+" → "opgave-standaard 2027\.1 \([^)]+\)"$/),
      expect.stringMatching(/^ {2}Bron!B\d+: "[^"]+" → "2027\.1"$/),
      expect.stringMatching(/^Gevuld op \(Bron!B9\): "[^"]+" → "[^"]+"\.$/),
    ]);
  });
});

describe("the file a refill writes (.xlsx)", () => {
  test("a refill leaves nothing of the old file in the zip module's caches (read again, it is inflated anew)", async () => {
    const eerste = (await schrijfXlsx(utrecht)).data;
    const deel = async () => (await Zip.loadAsync(eerste)).file("xl/workbook.xml")?.async("uint8array");
    const voor = await deel();
    expect(await deel()).toBe(voor);
    await schrijfXlsx(later, eerste);
    // Before: the same part, and the old file's texts with it, kept for as long as the file's bytes lived.
    expect(await deel()).not.toBe(voor);
  });

  test("compressed, grafted or not (the whole rewrite was written stored: five times the size)", async () => {
    const eerste = (await schrijfXlsx(utrecht)).data;
    for (const opties of [{}, { enten: false }]) {
      const { data } = await schrijfXlsx(later, eerste, opties);
      expect(data.length).toBeLessThan(eerste.length * 1.5);
    }
  });
});

describe("rows the user hid or grouped in a table (.xlsx)", () => {
  test("go with their half-year when a half-year comes back in the middle; the row that comes back is shown", async () => {
    const wb = await lees((await schrijfXlsx(zonderRij(utrecht, "Opgave_Taakstelling", "2018-II"))).data);
    const t = blad(wb, "Taakstelling");
    for (const p of ["2023-I", "2023-II"]) t.getRow(rijVan(t, p)).hidden = true;
    for (const p of ["2024-I", "2024-II"]) t.getRow(rijVan(t, p)).outlineLevel = 1;
    // Folded: the marker on the summary row below the group.
    ingeklapt(t.getRow(rijVan(t, "2025-I")), true);
    const { data } = await schrijfXlsx(later, await bewaar(wb));
    const na = blad(await lees(data), "Taakstelling");
    const periodes = (welke: (r: ExcelJS.Row) => boolean) => {
      const uit: string[] = [];
      na.eachRow({ includeEmpty: true }, (rij, r) => {
        if (r > 7 && welke(rij)) uit.push(String(celWaarde(na.getCell(r, 1))));
      });
      return uit;
    };
    // Before: they stayed on their row numbers, one row above their half-year (2022-II and 2023-I hidden).
    expect(periodes((r) => r.hidden)).toEqual(["2023-I", "2023-II"]);
    expect(periodes((r) => (r.outlineLevel ?? 0) > 0)).toEqual(["2024-I", "2024-II"]);
    expect(periodes((r) => r.collapsed)).toEqual(["2025-I"]);
    expect(na.getRow(rijVan(na, "2018-II")).hidden).toBe(false);
  });
});

describe("row heights the user gave Opgave's rows (.xlsx)", () => {
  /** The index of the first text column of the Taakstelling body other than its key (a wrapping column). */
  const tabel = (p: WerkboekPlan) => p.bladen.find((b) => b.naam === "Taakstelling")?.tabellen[0];
  const tekstKolom = (tabel(utrecht)?.rijen[4] ?? []).findIndex((c, j) => j > 0 && typeof c === "string");

  test("a height the user set on a wrapped row stays while its texts stay; Opgave's own heights stay Opgave's", async () => {
    const eerst = await lees((await schrijfXlsx(utrecht)).data);
    const opgaveHoogte = blad(eerst, "Taakstelling").getRow(13).height;
    expect(opgaveHoogte).toBeGreaterThan(15); // a wrapped row Opgave sized
    blad(eerst, "Taakstelling").getRow(12).height = 20;
    blad(eerst, "Bron").getRow(15).height = 80;
    const na = await lees((await schrijfXlsx(later, await bewaar(eerst))).data);
    expect(blad(na, "Taakstelling").getRow(12).height).toBe(20);
    expect(blad(na, "Bron").getRow(15).height).toBe(80);
    expect(blad(na, "Taakstelling").getRow(13).height).toBe(opgaveHoogte);
  });

  test("a row whose wrapping text changes gets Opgave's height for the new text", async () => {
    expect(tekstKolom).toBeGreaterThan(0);
    const eerst = await lees((await schrijfXlsx(utrecht)).data);
    blad(eerst, "Taakstelling").getRow(12).height = 20;
    const anders = structuredClone(later);
    const rij = tabel(anders)?.rijen[4] as Cel[] | undefined;
    if (!rij) throw new Error("Taakstelling heeft geen vijfde rij");
    rij[tekstKolom] =
      `${String(rij[tekstKolom])} (bijgewerkt door een nieuwere bron, met een langere toelichting)`;
    const na = await lees((await schrijfXlsx(anders, await bewaar(eerst))).data);
    const hoogte = blad(na, "Taakstelling").getRow(12).height;
    expect(hoogte).not.toBe(20);
    expect(hoogte).toBeGreaterThan(15);
  });
});

describe("whose workbook it is (.xlsx): decided before anything is written", () => {
  test("Opgave's workbook of another gemeente, or the user's with a sheet under one of Opgave's names: refused", async () => {
    const amersfoort = planGemeente(engine, "Amersfoort", bron);
    const vanUtrecht = (await schrijfXlsx(utrecht)).data;
    const fout = await schrijfXlsx(amersfoort, vanUtrecht).catch((e: unknown) => e);
    expect(fout).toBeInstanceOf(WerkboekWeigering);
    expect((fout as WerkboekWeigering).weigering).toEqual({
      soort: "anderOnderwerp",
      was: "gemeente GM0344 (Utrecht)",
      wordt: "gemeente GM0307 (Amersfoort)",
    });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Begroting").getCell("A1").value = "post";
    wb.addWorksheet("Bron").getCell("A1").value = "mijn bronnen";
    const eigen = await bewaar(wb);
    const ook = await schrijfXlsx(utrecht, eigen).catch((e: unknown) => e);
    expect((ook as WerkboekWeigering).message).toBe(
      'Het werkboek is niet door Opgave gevuld en heeft al een blad "Bron" van u, dat Opgave zou overschrijven: ' +
        "geef dat blad een andere naam.",
    );
    // Renamed, Opgave's sheets come beside the user's, which stay as they were.
    wb.getWorksheet("Bron")!.name = "Mijn bronnen";
    const { data } = await schrijfXlsx(utrecht, await bewaar(wb));
    const na = await lees(data);
    expect(celWaarde(blad(na, "Mijn bronnen").getCell("A1"))).toBe("mijn bronnen");
    expect(na.worksheets.map((w) => w.name)).toContain("Taakstelling");
  });

  test("a sheet of Opgave's the user renamed (its table with it): refused, the CLI leaves the file as it was", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    wb.getWorksheet("Taakstelling")!.name = "Mijn taakstelling";
    const bytes = await bewaar(wb);
    // Before: a new, empty Taakstelling beside the renamed one; Overzicht read the new one, the names both.
    const fout = await schrijfXlsx(later, bytes).catch((e: unknown) => e);
    expect((fout as WerkboekWeigering).weigering).toEqual({
      soort: "hernoemd",
      bladen: [{ was: "Taakstelling", nu: "Mijn taakstelling", tabel: "Opgave_Taakstelling" }],
    });
    const map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-hernoemd-"));
    try {
      const bestand = path.join(map, "utrecht.xlsx");
      await fs.writeFile(bestand, bytes);
      const u = opvang();
      expect(
        await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", bestand, "--bevestig-verlies"], u),
      ).toBe(1);
      expect(u.fout.join("\n")).toMatch(
        /heeft een blad van Opgave onder een andere naam: "Taakstelling" heet nu "Mijn taakstelling" .* Geef het blad zijn oude naam terug en probeer het dan opnieuw\. Het bestand is niet gewijzigd\.$/,
      );
      expect(Buffer.compare(await fs.readFile(bestand), Buffer.from(bytes))).toBe(0);
    } finally {
      await fs.rm(map, { recursive: true, force: true });
    }
  });
});

describe("a file another program saved (.xlsx)", () => {
  test("absolute relationship targets (as openpyxl writes them) are read: the refill goes on", async () => {
    const gelderland = planProvincie(engine, "Gelderland", "2024-I", bron);
    const wb = await lees((await schrijfXlsx(gelderland)).data);
    blad(wb, "Provincie").getCell("F9").value = 77; // Gehuisvest of the first gemeente
    const zip = await JSZip.loadAsync(await bewaar(wb));
    const absoluut = (map: string, xml: string) =>
      xml.replace(/Target="([^"/][^"]*)"/g, (_, doel: string) => {
        const delen = [...map.split("/").filter((d) => d !== "")];
        for (const d of doel.split("/"))
          if (d === "..") delen.pop();
          else delen.push(d);
        return `Target="/${delen.join("/")}"`;
      });
    for (const naam of Object.keys(zip.files).filter((n) => n.endsWith(".rels"))) {
      const map = naam.replace(/(^|\/)_rels\/[^/]*$/, "");
      zip.file(naam, absoluut(map, (await zip.file(naam)?.async("string")) ?? ""));
    }
    const bytes = await zip.generateAsync({ type: "uint8array" });
    expect(await zip.file("xl/_rels/workbook.xml.rels")?.async("string")).toContain(
      'Target="/xl/worksheets/',
    );
    // Before: "geen leesbaar Excel-werkboek" (exceljs read a property of null).
    const { data, rapport } = await schrijfXlsx(
      planProvincie(engine, "Gelderland", "2024-I", { ...bron, gemaakt: "2027-01-05T09:30:00Z" }),
      bytes,
    );
    expect(rapport.verloren).toEqual([]);
    expect(celWaarde(blad(await lees(data), "Provincie").getCell("F9"))).toBe(77);
  });
  test("a drawing in the default namespace (as openpyxl writes Opgave's chart's) is read: the refill goes on, the chart stays", async () => {
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    const tekening = Object.keys(zip.files).find((n) => /^xl\/drawings\/[^/]+\.xml$/.test(n)) ?? "";
    const xml = (await zip.file(tekening)?.async("string")) ?? "";
    expect(xml).toContain("<xdr:twoCellAnchor");
    const ns = /xmlns:xdr="([^"]*)"/.exec(xml)?.[1] ?? "";
    zip.file(tekening, xml.replace(/(<\/?)xdr:/g, "$1").replace(`xmlns:xdr="${ns}"`, `xmlns="${ns}"`));
    const bytes = await zip.generateAsync({ type: "uint8array" });
    // Before: "geen leesbaar Excel-werkboek" (exceljs read the drawing as nothing, then `anchors` of undefined).
    const { data, rapport } = await schrijfXlsx(later, bytes);
    expect(rapport.verloren).toEqual([]);
    const na = await JSZip.loadAsync(data);
    const grafieken = Object.keys(na.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(grafieken).toHaveLength(1);
    const nieuw = Object.keys(na.files).find((n) => /^xl\/drawings\/[^/]+\.xml$/.test(n)) ?? "";
    expect(await na.file(nieuw)?.async("string")).toMatch(/<xdr:graphicFrame[\s\S]*<c:chart /);
  });
  test("a table skipped (a header renamed): its chart is named before it goes; its formats, quoted as openpyxl writes them, are not taken for lost", async () => {
    // A header renamed (in the file's XML: a load and save by exceljs would drop the chart): the table is left as it
    // is (skipped), its formats with it, as read.
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    const deel = "xl/worksheets/sheet2.xml";
    const xml = (await zip.file(deel)?.async("string")) ?? "";
    const zo = xml
      .replace(/<formula>[^<]*<\/formula>/g, (f) => f.replace(/&quot;/g, '"'))
      .replace(
        /<c r="G7"([^>]*?) t="s"([^>]*)><v>\d+<\/v><\/c>/,
        '<c r="G7"$1 t="inlineStr"$2><is><t>Gehuisvest (aantal)</t></is></c>',
      );
    expect(zo).toContain("Gehuisvest (aantal)");
    expect(zo).toContain('<formula>AND(AND(D8="",');
    zip.file(deel, zo);
    const tabellen = Object.keys(zip.files).filter((x) => /^xl\/tables\/.+\.xml$/.test(x));
    for (const n of tabellen) {
      const tx = (await zip.file(n)?.async("string")) ?? "";
      if (tx.includes('name="Opgave_Taakstelling"'))
        zip.file(n, tx.replace('name="Gehuisvest"', 'name="Gehuisvest (aantal)"'));
    }
    const namen = await Promise.all(tabellen.map(async (n) => (await zip.file(n)?.async("string")) ?? ""));
    expect(namen.filter((x) => x.includes('name="Gehuisvest (aantal)"'))).toHaveLength(1);
    const bytes = await zip.generateAsync({ type: "uint8array" });
    // Before: "voorwaardelijke opmaak op Taakstelling!F8:F27" named as lost (its quotes read as written), and
    // Opgave's chart of the table, on Overzicht, went without a word (a chart is drawn from its table as written).
    const grafiek =
      'grafiek "Taakstelling en gehuisvest per periode" op blad Overzicht (Opgave tekent haar bij haar tabel, en ' +
      'tabel Opgave_Taakstelling is handmatig gewijzigd (kolom "Gehuisvest" ontbreekt); niet bijgewerkt)';
    const fout = await schrijfXlsx(later, bytes).catch((e: unknown) => e);
    expect((fout as VerliesFout).onderdelen).toEqual([grafiek]);
    // The add-in in Excel leaves that chart as it stands (tests/workbook/officeWriter.test.ts).
    expect((fout as Error).message).toContain("Vul het werkboek opnieuw met de invoegtoepassing in Excel");
    const { rapport } = await schrijfXlsx(later, bytes, { verliesToestaan: true });
    expect(rapport.verloren).toEqual([grafiek]);
    expect(rapport.overgeslagen).toEqual([
      expect.stringMatching(/^cellen Overzicht!B8, B9, B10, B11 verwijzen naar tabel Opgave_Taakstelling, /),
      expect.stringMatching(/^tabel Opgave_Taakstelling is handmatig gewijzigd/),
      expect.stringMatching(/^keuzelijst van cel Taakstelling!B4 verwijst naar tabel Opgave_Taakstelling, /),
    ]);
  });

  test("a rule of the user's in the same conditional-format element as Opgave's (openpyxl groups rules by range): kept, Opgave's once", async () => {
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    const deel = "xl/worksheets/sheet2.xml";
    const xml = (await zip.file(deel)?.async("string")) ?? "";
    const eigen =
      '<cfRule type="cellIs" priority="9" operator="greaterThan" dxfId="0"><formula>50</formula></cfRule>';
    const samen = xml.replace(
      /(<conditionalFormatting sqref="I8:I27">[\s\S]*?)(<\/conditionalFormatting>)/,
      `$1${eigen}$2`,
    );
    expect(samen).not.toBe(xml);
    zip.file(deel, samen);
    // Before: the element was not Opgave's (one rule was not): kept whole, Opgave's rule written again beside it,
    // and the check after writing named "voorwaardelijke opmaak op Taakstelling!I8:I27" as lost.
    const { data, rapport } = await schrijfXlsx(later, await zip.generateAsync({ type: "uint8array" }));
    expect(rapport.verloren).toEqual([]);
    const na = (await (await JSZip.loadAsync(data)).file(deel)?.async("string")) ?? "";
    const regels = [
      ...na.matchAll(/<conditionalFormatting sqref="I8:I27">([\s\S]*?)<\/conditionalFormatting>/g),
    ]
      .flatMap((m) => [...(m[1] ?? "").matchAll(/<formula>([^<]*)<\/formula>/g)].map((f) => f[1]))
      .sort();
    expect(regels).toEqual(["50", "AND(ISNUMBER(I8),I8&gt;0)"]);
  });

  test("a conditional format the user added in Excel (priority 1, Opgave's rules one lower): every rule keeps a priority of its own, the user's first", async () => {
    const prioriteiten = (xml: string): Record<string, number[]> =>
      Object.fromEntries(
        [...xml.matchAll(/<conditionalFormatting sqref="([^"]*)">([\s\S]*?)<\/conditionalFormatting>/g)].map(
          (m) => [m[1] ?? "", [...(m[2] ?? "").matchAll(/priority="(\d+)"/g)].map((p) => Number(p[1]))],
        ),
      );
    const zip = await JSZip.loadAsync((await schrijfXlsx(utrecht)).data);
    const deel = "xl/worksheets/sheet2.xml";
    const xml = (await zip.file(deel)?.async("string")) ?? "";
    expect(prioriteiten(xml)).toEqual({ "I8:I27": [1], "J8:J27": [2], "F8:F27": [3] });
    // As Excel saves a rule added with "Nieuwe regel": first in the list, the others moved one down.
    const eigen =
      '<conditionalFormatting sqref="B30"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan">' +
      "<formula>50</formula></cfRule></conditionalFormatting>";
    zip.file(
      deel,
      xml
        .replace(/priority="(\d+)"/g, (_, p: string) => `priority="${Number(p) + 1}"`)
        .replace("<conditionalFormatting ", `${eigen}<conditionalFormatting `),
    );
    const bytes = await zip.generateAsync({ type: "uint8array" });
    // Before: Opgave's rules were numbered from the user's highest (exceljs), the first of them 1 as the user's.
    const verwacht = { B30: [1], "I8:I27": [2], "J8:J27": [3], "F8:F27": [4] };
    const eens = await schrijfXlsx(later, bytes);
    expect(eens.rapport.verloren).toEqual([]);
    const na = (await (await JSZip.loadAsync(eens.data)).file(deel)?.async("string")) ?? "";
    expect(prioriteiten(na)).toEqual(verwacht);
    // And again on the next refill.
    const weer = await schrijfXlsx(later, eens.data);
    const daarna = (await (await JSZip.loadAsync(weer.data)).file(deel)?.async("string")) ?? "";
    expect(prioriteiten(daarna)).toEqual(verwacht);
  });

  test("notes where openpyxl puts them (xl/comments/comment1.xml, plain text): read, kept on Opgave's cells and the user's sheet", async () => {
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    blad(wb, "Taakstelling").getCell("D10").note = "Controleren met circulaire";
    const eigen = wb.addWorksheet("Mijn blad");
    eigen.getCell("A1").value = "van mij";
    eigen.getCell("A1").note = "eigen notitie";
    const zip = await JSZip.loadAsync(await bewaar(wb));
    const namen = Object.keys(zip.files);
    let types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
    for (const naam of namen.filter((n) => /^xl\/comments\d+\.xml$/.test(n))) {
      const n = /\d+/.exec(naam)?.[0] ?? "";
      const xml = (await zip.file(naam)?.async("string")) ?? "";
      zip.file(
        `xl/comments/comment${n}.xml`,
        xml.replace(
          /<text><r>(?:<rPr>[\s\S]*?<\/rPr>)?(<t[^>]*>[^<]*<\/t>)<\/r><\/text>/g,
          "<text>$1</text>",
        ),
      );
      zip.remove(naam);
      types = types.replace(`"/${naam}"`, `"/xl/comments/comment${n}.xml"`);
    }
    for (const naam of namen.filter((n) => /^xl\/drawings\/vmlDrawing\d+\.vml$/.test(n))) {
      zip.file(
        naam.replace("vmlDrawing", "commentsDrawing"),
        (await zip.file(naam)?.async("uint8array")) ?? "",
      );
      zip.remove(naam);
    }
    for (const naam of namen.filter((n) => /^xl\/worksheets\/_rels\/.*\.rels$/.test(n))) {
      const xml = (await zip.file(naam)?.async("string")) ?? "";
      zip.file(
        naam,
        xml
          .replace(/Target="\.\.\/comments(\d+)\.xml"/g, 'Target="/xl/comments/comment$1.xml"')
          .replace(
            /Target="\.\.\/drawings\/vmlDrawing(\d+)\.vml"/g,
            'Target="/xl/drawings/commentsDrawing$1.vml"',
          ),
      );
    }
    zip.file("[Content_Types].xml", types);
    const bytes = await zip.generateAsync({ type: "uint8array" });
    const delen = Object.keys(zip.files).filter((n) => /^xl\/comments\/.+/.test(n));
    expect(delen).toHaveLength(2);
    for (const deel of delen) expect(await zip.file(deel)?.async("string")).toContain("<text><t>");
    // Before: "geen leesbaar Excel-werkboek" (exceljs found no notes for the sheet that has them); and read, the
    // plain text was read as empty, written so and named as lost.
    const { data, rapport } = await schrijfXlsx(later, bytes);
    expect(rapport.verloren).toEqual([]);
    // Read as a refill reads it (exceljs's own load cannot: the user's sheet is still as openpyxl wrote it).
    const na = await laadDelen(new ExcelJS.Workbook(), Object.entries(unzipSync(data)));
    expect(blad(na, "Taakstelling").getCell("D10").note).toBe("Controleren met circulaire");
    expect(blad(na, "Mijn blad").getCell("A1").note).toBe("eigen notitie");
  });
});

describe("a hostile file to refill (.xlsx)", () => {
  // With `[^>]*` and `[\s\S]*?` in the patterns that read defined names, 1 MB of unclosed <definedName tags took
  // 78 s before exceljs refused the file; each search now ends at the next "<".
  test("a workbook part full of unclosed tags is refused as exceljs refuses it, not after a minute", async () => {
    // A sheet of the user's: the graft then reads the defined names to see which sheets Opgave's side needs.
    const wb = await lees((await schrijfXlsx(utrecht)).data);
    wb.addWorksheet("Mijn blad").getCell("A1").value = 1;
    const zip = await JSZip.loadAsync(await bewaar(wb));
    const xml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    const slot = xml.lastIndexOf("</");
    zip.file("xl/workbook.xml", `${xml.slice(0, slot)}${"<definedName ".repeat(40_000)}${xml.slice(slot)}`);
    const vijandig = await zip.generateAsync({ type: "uint8array" });
    await expect(schrijfXlsx(utrecht, vijandig)).rejects.toThrow(/attribute without value/);
  });
});

test("a value typed over one of Opgave's formulas in a table is named before the refill writes the formula again; confirmed, listed as not kept", async () => {
  const eerste = blad(await lees((await schrijfXlsx(utrecht)).data), "Taakstelling");
  const wb = await lees((await schrijfXlsx(utrecht)).data);
  const t = blad(wb, "Taakstelling");
  expect([t.getCell("H7").value, t.getCell("I7").value]).toEqual(["Gecorrigeerd", "Achterstand"]);
  expect(t.getCell("I8").formula).toBeTruthy();
  t.getCell("I8").value = 999;
  t.getCell("H9").value = "zie notitie";
  const bestand = await bewaar(wb);
  const fout = await schrijfXlsx(later, bestand).catch((e: unknown) => e);
  expect(fout).toBeInstanceOf(VerliesFout);
  const wat = [
    "getal 999 van u in Taakstelling!I8 (tabel Opgave_Taakstelling, 2016-II, kolom Achterstand) staat op een " +
      "formule van Opgave; bij opnieuw vullen komt die formule terug",
    'tekst "zie notitie" van u in Taakstelling!H9 (tabel Opgave_Taakstelling, 2017-I, kolom Gecorrigeerd) staat ' +
      "op een formule van Opgave; bij opnieuw vullen komt die formule terug",
  ];
  // Before: the formulas came back without a word, and the report said "Geen wijzigingen in de cijfers".
  expect((fout as VerliesFout).onderdelen).toEqual(wat);
  // The add-in in Excel writes the formulas back too: no advice to use it instead.
  expect((fout as Error).message).toContain("Bevestig dat dit verloren mag gaan.");
  const { data, rapport } = await schrijfXlsx(later, bestand, { verliesToestaan: true });
  expect(rapport.verloren).toEqual(wat);
  const na = blad(await lees(data), "Taakstelling");
  expect([na.getCell("I8").formula, na.getCell("H9").formula]).toEqual([
    eerste.getCell("I8").formula,
    eerste.getCell("H9").formula,
  ]);
  // Filled again: nothing typed over a formula any more, nothing named.
  expect((await schrijfXlsx(later, data)).rapport.verloren).toEqual([]);
});

test("a value typed over one of Opgave's formulas outside a table (a key figure, a cost) is named as in a table; confirmed, listed", async () => {
  const eerste = await lees((await schrijfXlsx(utrecht)).data);
  const wb = await lees((await schrijfXlsx(utrecht)).data);
  blad(wb, "Overzicht").getCell("B8").value = "zie notitie";
  blad(wb, "Kosten").getCell("B10").value = 60000000;
  const bestand = await bewaar(wb);
  const fout = await schrijfXlsx(later, bestand).catch((e: unknown) => e);
  const wat = [
    'tekst "zie notitie" van u in Overzicht!B8 (Achterstand (laatst berekende periode)) staat op een formule van ' +
      "Opgave; bij opnieuw vullen komt die formule terug",
    "getal 60.000.000 van u in Kosten!B10 (Jaarkosten opvang (€)) staat op een formule van Opgave; bij opnieuw " +
      "vullen komt die formule terug",
  ];
  // Before: the formulas came back without a word ("Geen wijzigingen in de cijfers. 0 invoercellen behouden.").
  expect((fout as VerliesFout).onderdelen).toEqual(wat);
  const { data, rapport } = await schrijfXlsx(later, bestand, { verliesToestaan: true });
  expect(rapport.verloren).toEqual(wat);
  const na = await lees(data);
  expect([blad(na, "Overzicht").getCell("B8").formula, blad(na, "Kosten").getCell("B10").formula]).toEqual([
    blad(eerste, "Overzicht").getCell("B8").formula,
    blad(eerste, "Kosten").getCell("B10").formula,
  ]);
  expect((await schrijfXlsx(later, data)).rapport.verloren).toEqual([]);
});

test("a refill aligns only Opgave's cells to the top in rows it sizes: the user's cells beside them keep their alignment", async () => {
  const wb = await lees((await schrijfXlsx(utrecht)).data);
  const tn = blad(wb, "Taakstelling");
  const bronBlad = blad(wb, "Bron");
  // Rows Opgave sizes for wrapped text: Taakstelling's table rows, Bron's sources.
  tn.getCell("R9").value = "naast 2017-II";
  tn.getCell("R10").value = 12;
  bronBlad.getCell("H15").value = "eigen aantekening";
  const na = await lees((await schrijfXlsx(later, await bewaar(wb))).data);
  const [tnNa, bronNa] = [blad(na, "Taakstelling"), blad(na, "Bron")];
  expect([
    tnNa.getCell("R9").alignment?.vertical,
    tnNa.getCell("R10").alignment?.vertical,
    bronNa.getCell("H15").alignment?.vertical,
  ]).toEqual([undefined, undefined, undefined]);
  expect([celWaarde(tnNa.getCell("R9")), celWaarde(bronNa.getCell("H15"))]).toEqual([
    "naast 2017-II",
    "eigen aantekening",
  ]);
  // Opgave's own cells in those rows stay at the top, as a first fill has them.
  expect([tnNa.getCell("A9").alignment?.vertical, bronNa.getCell("A15").alignment?.vertical]).toEqual([
    "top",
    "top",
  ]);
});
