/**
 * Golden test of the workbook layout: what the writers put into a workbook must not change unless someone means it.
 *
 * With a fixed timestamp (`BronInfo.gemaakt`) it writes
 *  (a) the gemeente workbook (Utrecht), (b) the province workbook (Utrecht, 2024-I) and (c) a consolidation overview
 *      of five gemeente workbooks (inputs injected, some broken on purpose: rejected cells, wrong stored results) and
 *      one of a province with several veiligheidsregio's (Gelderland, no files),
 *  with the .xlsx writer (first fill, and a refill of the gemeente workbook after the user filled it in) and with the
 *  Office.js writer on the fake Excel (idem), and dumps every sheet's cells (address → value/formula/number format/
 *  style), column widths, tables (name, ref, columns), defined names, data validations and charts into JSON files
 *  under tests/workbook/__golden__/. The consolidation result itself (`consolideer`) is dumped as well.
 *
 * The files are compared as data. Regenerate them deliberately (and review the diff) with
 *   GOLDEN_SCHRIJF=1 npx jest tests/workbook/indelingGolden.test.ts
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { execFileSync } from "child_process";
import { existsSync, promises as fs } from "fs";
import path from "path";
import { consolideer, type Aanlevering } from "../../src/domain/consolideren";
import { planGemeente, planProvincie, type BronInfo } from "../../src/workbook/bouwPlan";
import { planConsolidatie } from "../../src/workbook/consolidatiePlan";
import { leesAanlevering } from "../../src/workbook/lezen";
import { schrijfNaarExcel } from "../../src/workbook/officeWriter";
import type { WerkboekPlan } from "../../src/workbook/plan";
import { schrijfXlsx } from "../../src/workbook/xlsxWriter";
import { zetResultaten } from "../../src/workbook/xlsxResultaten";
import { engine } from "../domain/helpers";
import { FakeExcel, FakeWerkmap } from "../helpers/fakeExcel";
import { bewaarXlsx, blad, leesXlsx, rijVan } from "./werkboekHulp";

jest.setTimeout(60_000);

const SCHRIJF = process.env.GOLDEN_SCHRIJF === "1";
const MAP = path.join(__dirname, "__golden__");

const bron: BronInfo = {
  datasetId: engine.dataset.id,
  versie: engine.dataset.versie,
  datum: engine.dataset.datum,
  hash: "golden-hash",
  bronUrl: "https://voorbeeld.nl/bundel.json",
  opgehaald: "2026-12-01T09:00:00Z",
  sleutel: { naam: "Proefsleutel", id: "proef-1" },
  addinVersie: "0.1.0",
  gemaakt: "2026-12-01T10:00:00Z",
};
/** A later fill with another add-in version: the refill reports the changed Bron values. */
const bronLater: BronInfo = { ...bron, addinVersie: "0.1.1", gemaakt: "2026-12-02T10:00:00Z" };

/** Compares `waarde` with the golden file `naam`.json (as data), or writes it when GOLDEN_SCHRIJF=1. */
async function golden(naam: string, waarde: unknown): Promise<void> {
  const bestand = path.join(MAP, `${naam}.json`);
  const json = JSON.stringify(waarde);
  if (SCHRIJF) {
    await fs.mkdir(MAP, { recursive: true });
    await fs.writeFile(bestand, json);
    // Formatted as the project formats JSON (prettier's API cannot be loaded inside jest: run its CLI).
    execFileSync(process.execPath, [require.resolve("prettier/bin/prettier.cjs"), "--write", bestand]);
    return;
  }
  if (!existsSync(bestand)) throw new Error(`${bestand} ontbreekt: maak het met GOLDEN_SCHRIJF=1`);
  expect(JSON.parse(json)).toEqual(JSON.parse(await fs.readFile(bestand, "utf8")));
}

// ---------------------------------------------------------------------------------------------------------
// Dumps

function jsonWaarde(v: unknown): unknown {
  if (v instanceof Date) return { datum: v.toISOString() };
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

/** exceljs's reading of the default font and of "no fill": left out of the dump. */
const STANDAARD_FONT = JSON.stringify({
  color: { theme: 1 },
  family: 2,
  scheme: "minor",
  size: 11,
  name: "Calibri",
});
const GEEN_VULLING = JSON.stringify({ type: "pattern", pattern: "none" });

function celDump(cel: ExcelJS.Cell): Record<string, unknown> {
  const uit: Record<string, unknown> = {};
  const v = cel.value;
  if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
    uit.f = cel.formula;
    if (cel.result !== undefined) uit.r = jsonWaarde(cel.result);
  } else {
    uit.v = jsonWaarde(v);
  }
  if (cel.numFmt) uit.n = cel.numFmt;
  const s = cel.style ?? {};
  const font = JSON.stringify(s.font ?? {});
  if (font !== "{}" && font !== STANDAARD_FONT) uit.font = jsonWaarde(s.font);
  if (s.fill && JSON.stringify(s.fill) !== GEEN_VULLING) uit.fill = jsonWaarde(s.fill);
  if (s.border && Object.keys(s.border).length > 0) uit.border = jsonWaarde(s.border);
  if (cel.dataValidation) uit.validatie = jsonWaarde(cel.dataValidation);
  return uit;
}

type ExcelTabel = {
  table?: { name?: string; tableRef?: string; ref?: string; columns?: { name: string }[] };
};

async function dumpXlsx(data: Uint8Array): Promise<unknown> {
  const wb = await leesXlsx(data);
  const bladen = wb.worksheets.map((ws) => {
    const cellen: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: false }, (rij) =>
      rij.eachCell({ includeEmpty: false }, (cel) => {
        cellen[cel.address] = celDump(cel);
      }),
    );
    const breedtes: Record<string, number> = {};
    for (let k = 1; k <= ws.columnCount; k++) {
      const b = ws.getColumn(k).width;
      if (b !== undefined) breedtes[k] = b;
    }
    const tabellen = Object.entries((ws as unknown as { tables?: Record<string, ExcelTabel> }).tables ?? {})
      .map(([naam, t]) => ({
        naam,
        ref: t.table?.tableRef ?? t.table?.ref,
        kolommen: (t.table?.columns ?? []).map((k) => k.name),
      }))
      .sort((a, b) => a.naam.localeCompare(b.naam));
    const validaties = jsonWaarde(
      (ws as unknown as { dataValidations?: { model?: unknown } }).dataValidations?.model ?? {},
    );
    return { naam: ws.name, cellen, breedtes, tabellen, validaties };
  });
  const namen = (wb.definedNames.model as { name: string; ranges: string[] }[])
    .map((n) => ({ naam: n.name, bereiken: n.ranges }))
    .sort((a, b) => a.naam.localeCompare(b.naam));
  const zip = await JSZip.loadAsync(data);
  const grafieken: Record<string, string> = {};
  // The chart parts (folder entries are the zip library's business, not the workbook's).
  for (const p of Object.keys(zip.files).sort()) {
    if (zip.files[p]?.dir) continue;
    if (/^xl\/(charts|drawings)\/[^/]+\.xml$/.test(p) || /^xl\/drawings\/_rels\//.test(p))
      grafieken[p] = (await zip.file(p)?.async("string")) ?? "";
  }
  return { bladen, namen, grafieken, volledigHerberekenen: wb.calcProperties?.fullCalcOnLoad ?? null };
}

function dumpFake(wm: FakeWerkmap): unknown {
  return {
    bladen: wm.bladen.map((b) => ({
      naam: b.naam,
      cellen: Object.fromEntries(
        [...b.cellen.entries()]
          .sort(([x], [y]) => x.localeCompare(y, "en", { numeric: true }))
          .map(([a, c]) => [a, jsonWaarde(c)]),
      ),
      breedtes: Object.fromEntries([...b.kolomBreedtes.entries()].sort(([x], [y]) => x - y)),
      grafieken: jsonWaarde(b.grafieken),
    })),
    tabellen: wm.tabellen.map((t) => ({ ...t, blad: t.blad.naam })),
    namen: wm.namen.map((n) => ({ ...n, blad: n.blad?.naam ?? null })),
  };
}

async function viaOffice(plan: WerkboekPlan, wm = new FakeWerkmap(["Blad1"])): Promise<unknown> {
  const fx = new FakeExcel(wm);
  const rapport = await schrijfNaarExcel(fx.context, plan);
  return { syncs: fx.syncs, cellenPerSync: fx.cellenPerSync, rapport, werkmap: dumpFake(wm) };
}

async function viaXlsx(plan: WerkboekPlan, bestaand?: Uint8Array): Promise<Uint8Array> {
  return (await schrijfXlsx(plan, bestaand)).data;
}

// ---------------------------------------------------------------------------------------------------------
// Inputs of the gemeenten (as in consolideren.test.ts, smaller)

const PERIODEN = ["2022-I", "2022-II", "2023-I", "2023-II", "2024-I"];

/** Stored result over a plan formula, as a spreadsheet program would save it. */
function opgeslagen(cel: ExcelJS.Cell, result: number): void {
  cel.value = { formula: cel.formula, result } as ExcelJS.CellFormulaValue;
}

/** The gemeente fills in its workbook; some break it on purpose. */
async function vulIn(data: Uint8Array, naam: string, i: number): Promise<Uint8Array> {
  const wb = await leesXlsx(data);
  const t = blad(wb, "Taakstelling");
  const opvang = blad(wb, "Opvang");
  const kosten = blad(wb, "Kosten");
  t.getCell("B4").value = "2022-I";
  t.getCell("B5").value = ((i * 7) % 40) - 20;
  PERIODEN.forEach((p, j) => (t.getCell(`G${rijVan(t, p)}`).value = 10 + ((i * 13 + j * 5) % 50)));
  opvang.getCell("B11").value = 20 * i + 15;
  if (i % 2 === 0) kosten.getCell("B6").value = 1 + (i % 4);
  if (naam === "Zeist") t.getCell(`G${rijVan(t, "2023-I")}`).value = -5;
  if (naam === "Amersfoort") {
    opvang.getCell("B11").value = "veel";
    t.getCell(`F${rijVan(t, "2023-II")}`).value = 77;
  }
  if (naam === "De Bilt") {
    t.getCell("B4").value = "2022-1";
    kosten.getCell("B5").value = "12,5";
  }
  // The program the gemeente saves with recalculates: the stored results follow the inputs.
  zetResultaten(wb);
  switch (naam) {
    case "Zeist":
      // A rejected Gehuisvest: stored Taakstelling results are not compared, the Kosten ones are.
      opgeslagen(t.getCell(`I${rijVan(t, "2022-I")}`), 999);
      opgeslagen(kosten.getCell("B12"), 1);
      break;
    case "Amersfoort":
      // A rejected Opvang input: the stored tekort is not compared.
      opgeslagen(opvang.getCell("B12"), 12345);
      break;
    case "Houten":
      opgeslagen(kosten.getCell("B12"), 2);
      opgeslagen(t.getCell(`I${rijVan(t, "2022-I")}`), 998);
      opgeslagen(blad(wb, "Overzicht").getCell("B9"), 3);
      break;
  }
  return bewaarXlsx(wb);
}

const GEMEENTEN = ["Utrecht", "Zeist", "Amersfoort", "Houten", "De Bilt"];

async function aanleveringen(): Promise<Aanlevering[]> {
  const uit: Aanlevering[] = [];
  for (const [i, naam] of GEMEENTEN.entries()) {
    const data = await vulIn(await viaXlsx(planGemeente(engine, naam, bron)), naam, i);
    uit.push(await leesAanlevering(`${naam.toLowerCase().replace(/ /g, "-")}.xlsx`, data));
  }
  return uit;
}

// ---------------------------------------------------------------------------------------------------------

describe("golden: the workbooks the writers make", () => {
  const gemeente = planGemeente(engine, "Utrecht", bron);
  const provincie = planProvincie(engine, "Utrecht", "2024-I", bron);
  let consolidatie: WerkboekPlan;

  beforeAll(async () => {
    const c = consolideer(engine, await aanleveringen());
    await golden("consolidatie-uitkomst", c);
    consolidatie = planConsolidatie(c, bron);
  });

  test("xlsx: gemeente, province, consolidation overview", async () => {
    await golden("xlsx-gemeente", await dumpXlsx(await viaXlsx(gemeente)));
    await golden("xlsx-provincie", await dumpXlsx(await viaXlsx(provincie)));
    await golden("xlsx-consolidatie", await dumpXlsx(await viaXlsx(consolidatie)));
  });

  test("xlsx: refill of a filled-in gemeente workbook and of the overview", async () => {
    const ingevuld = await vulIn(await viaXlsx(gemeente), "Houten", 3);
    const { data, rapport } = await schrijfXlsx(planGemeente(engine, "Utrecht", bronLater), ingevuld);
    await golden("xlsx-gemeente-hervuld", { rapport, werkboek: await dumpXlsx(data) });

    const wb = await leesXlsx(await viaXlsx(consolidatie));
    const ws = wb.worksheets[0]!;
    ws.getCell("V10").value = "nagebeld";
    ws.getCell("X9").value = "Eigen kolom";
    const met = await bewaarXlsx(wb);
    const her = await schrijfXlsx(consolidatie, met);
    await golden("xlsx-consolidatie-hervuld", { rapport: her.rapport, werkboek: await dumpXlsx(her.data) });
  });

  test("Office.js (fake): gemeente, province, consolidation overview", async () => {
    await golden("office-gemeente", await viaOffice(gemeente));
    await golden("office-provincie", await viaOffice(provincie));
    await golden("office-consolidatie", await viaOffice(consolidatie));
  });

  test("an overview with regions (Gelderland, no files): xlsx and Office.js", async () => {
    const gelderland = planConsolidatie(consolideer(engine, [], { provincie: "Gelderland" }), bron);
    await golden("xlsx-consolidatie-regios", await dumpXlsx(await viaXlsx(gelderland)));
    await golden("office-consolidatie-regios", await viaOffice(gelderland));
  });

  test("Office.js (fake): refill of a filled-in gemeente workbook", async () => {
    const wm = new FakeWerkmap(["Blad1"]);
    await schrijfNaarExcel(new FakeExcel(wm).context, gemeente);
    wm.zet("Taakstelling", "B4", "2022-I", "@");
    wm.zet("Taakstelling", "B5", 12);
    wm.zet("Taakstelling", "G20", 30);
    wm.zet("Taakstelling", "G21", { formule: "=10+5", waarde: 15 });
    wm.zetRijen("Taakstelling", "L7", [["Mijn notitie"], ["eerste"]]);
    wm.tabel("Opgave_Taakstelling")!.kolommen = 12;
    wm.zet("Opvang", "B11", 40);
    // The user moved a named input: its value comes to the plan's cell and the name follows.
    wm.zet("Kosten", "F6", 3);
    Object.assign(wm.naam("Opgave_Locaties")!, { rij: 6, kolom: 6 });
    wm.zet("Blad1", "A1", "van de gebruiker");
    await golden("office-gemeente-hervuld", await viaOffice(planGemeente(engine, "Utrecht", bronLater), wm));
  });
});
