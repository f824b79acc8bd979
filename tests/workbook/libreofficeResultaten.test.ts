/**
 * Cached results and guard rails, checked by a real spreadsheet engine: Opgave's writer stores a result in every
 * formula cell (./xlsxResultaten), and LibreOffice (headless, recalculation forced on load) must compute exactly
 * the same for a gemeente, a province and a consolidation overview workbook — all recalculated in ONE soffice call.
 * The same call shows the guard rails at work: text typed in Gehuisvest ("ca. 350") stops the chain with a note in
 * the row and in Overzicht (no #VALUE!), the validations survive LibreOffice's round trip, and the conditional
 * formats' formulas mark exactly the rows they should.
 *
 * Skipped only when soffice is not installed (tests/helpers/programmas.js says so loudly; CI installs it).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import JSZip from "jszip";
import os from "os";
import path from "path";
import { consolideer, ketenDag, ketenTaakstelling } from "../../src/domain/consolideren";
import { OpgaveFout } from "../../src/domain/fouten";
import { parsePeriode } from "../../src/domain/periode";
import { planGemeente, planProvincie, VERLOOP_STOPT } from "../../src/workbook/bouwPlan";
import { planConsolidatie } from "../../src/workbook/consolidatiePlan";
import { leesAanlevering } from "../../src/workbook/lezen";
import type { WerkboekPlan } from "../../src/workbook/plan";
import { schrijfXlsx } from "../../src/workbook/xlsxWriter";
import { engine } from "../domain/helpers";
import { herberekenMetLibreOffice, vindSoffice } from "../helpers/libreoffice";
import { blad, rijVan, TEST_BRON } from "./werkboekHulp";

const soffice = vindSoffice();
const beschrijf = soffice ? describe : describe.skip;

async function lees(data: Uint8Array | string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  if (typeof data === "string") await wb.xlsx.readFile(data);
  else await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

async function bewaar(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function isFormuleCel(c: ExcelJS.Cell): boolean {
  const v = c.value;
  return !!v && typeof v === "object" && ("formula" in v || "sharedFormula" in v);
}

/** A result as compared: "" for empty text (LibreOffice may store none), errors by code, numbers rounded. */
function vorm(r: unknown): unknown {
  if (r === undefined || r === null) return "";
  if (typeof r === "number") return Math.round(r * 1e9) / 1e9;
  if (typeof r === "object" && "error" in r) return { fout: (r as { error: string }).error };
  if (r instanceof Date) return r.toISOString();
  return r;
}

/**
 * Formula cells of a file without a stored result (no <v> element): read from the XML, because exceljs reads an
 * empty text result (<v></v>) as none.
 */
async function zonderResultaat(data: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(data);
  const uit: string[] = [];
  for (const n of Object.keys(zip.files).filter((x) => /^xl\/worksheets\/sheet\d+\.xml$/.test(x))) {
    const xml = (await zip.file(n)?.async("string")) ?? "";
    for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*>(.*?)<\/c>/g)) {
      if ((m[2] ?? "").includes("<f") && !(m[2] ?? "").includes("<v")) uit.push(`${n}!${m[1]}`);
    }
  }
  return uit;
}

/** Every formula cell of Opgave's file (but those in `overslaan`): its cached result next to LibreOffice's. */
function vergelijk(
  eigen: ExcelJS.Workbook,
  lo: ExcelJS.Workbook,
  overslaan: (c: ExcelJS.Cell) => boolean = () => false,
): { verschillen: string[]; aantal: number } {
  const verschillen: string[] = [];
  let aantal = 0;
  for (const ws of eigen.worksheets) {
    const ander = lo.getWorksheet(ws.name);
    ws.eachRow((rij) =>
      rij.eachCell((c) => {
        if (!isFormuleCel(c) || overslaan(c)) return;
        aantal++;
        const plek = `${ws.name}!${c.address}`;
        const l = ander?.getCell(c.address);
        const a = vorm(c.result);
        const b = l && isFormuleCel(l) ? vorm(l.result) : "(geen formule)";
        if (JSON.stringify(a) !== JSON.stringify(b))
          verschillen.push(`${plek}: Opgave ${JSON.stringify(a)}, LibreOffice ${JSON.stringify(b)}`);
      }),
    );
  }
  return { verschillen, aantal };
}

/** First fill, the user's inputs typed in (exceljs), then a refill: the file as `opgave vul` leaves it. */
async function vulMetInvoer(plan: WerkboekPlan, invoer: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = await lees((await schrijfXlsx(plan)).data);
  invoer(wb);
  return (await schrijfXlsx(plan, await bewaar(wb))).data;
}

const GEHUISVEST_A: Record<string, number> = {
  "2022-I": 100,
  "2022-II": 150,
  "2023-I": 200,
  "2023-II": 250,
  "2024-I": 300,
  "2024-II": 280,
  "2025-I": 350,
};
/** Workbook E's own national numbers ("Landelijk getal (eigen invoer)") by period. */
const LANDELIJK_E: Record<string, number | string> = {
  "2023-I": "ca. 20000",
  "2024-II": 18_000,
  "2025-I": 25_000,
  "2025-II": 0,
  "2026-I": 18_000,
};

/** Columns right of the table where workbook D gets the conditional formats' formulas as plain cells. */
const PROEF = { achterstand: "X", voorsprong: "Y", ontbreekt: "Z" } as const;

beschrijf("cached results equal LibreOffice's recalculation; guard rails at work", () => {
  let map: string;
  const eigen: Record<string, ExcelJS.Workbook> = {};
  const bytes: Record<string, Uint8Array> = {};
  const lo: Record<string, ExcelJS.Workbook> = {};
  const utrecht = planGemeente(engine, "Utrecht", TEST_BRON);

  beforeAll(async () => {
    map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-lo-resultaten-"));
    // A: Utrecht from 2022-I, a start balance, the unknown 2024-II from "the circular", costs and places.
    const a = await vulMetInvoer(utrecht, (wb) => {
      const t = blad(wb, "Taakstelling");
      t.getCell("B4").value = "2022-I";
      t.getCell("B5").value = 10;
      for (const [p, n] of Object.entries(GEHUISVEST_A)) t.getCell(`G${rijVan(t, p)}`).value = n;
      t.getCell(`F${rijVan(t, "2024-II")}`).value = 300;
      blad(wb, "Kosten").getCell("B5").value = 31000;
      blad(wb, "Opvang").getCell("B11").value = 1000;
    });
    // D: text typed in Gehuisvest (as an English-locale program or a paste would leave it), no own 2024-II.
    const d0 = await vulMetInvoer(utrecht, (wb) => {
      const t = blad(wb, "Taakstelling");
      t.getCell("B4").value = "2022-I";
      t.getCell(`G${rijVan(t, "2022-I")}`).value = 100;
      t.getCell(`G${rijVan(t, "2022-II")}`).value = 150;
      t.getCell(`G${rijVan(t, "2023-I")}`).value = "ca. 350";
      t.getCell(`G${rijVan(t, "2023-II")}`).value = 250;
      blad(wb, "Kosten").getCell("B5").value = "35.000";
    });
    // …with the conditional formats' formulas as plain cells next to the table (their top-left formula, moved
    // down row by row as Excel moves a rule's relative references), for LibreOffice to compute.
    const dWb = await lees(d0);
    const t = blad(dWb, "Taakstelling");
    const regels = (
      t as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }
    ).conditionalFormattings;
    for (const [stijl, kolom] of Object.entries(PROEF)) {
      const bron = { achterstand: "I8:I27", voorsprong: "J8:J27", ontbreekt: "F8:F27" }[stijl];
      const regel = regels.find((r) => r.ref === bron);
      const f = regel?.rules[0]?.formulae[0];
      if (!f) throw new Error(`voorwaardelijke opmaak op ${bron} ontbreekt`);
      for (let r = 8; r <= 27; r++) {
        // Relative references of row 8 move with the row; $-anchored ones and names stay.
        const opRij = f.replace(/(?<![$A-Za-z_])([A-Z]{1,2})8(?![0-9])/g, `$1${r}`);
        t.getCell(`${kolom}${r}`).value = { formula: opRij } as ExcelJS.CellFormulaValue;
      }
    }
    const d = await bewaar(dWb);
    // E: own national numbers (column N, "Landelijk getal (eigen invoer)"): ROUNDUP over the row's inhabitants where
    // the data has no national number and where it has one, 0 (refused), the reference date outside the data, text
    // before the start period.
    const e = await vulMetInvoer(utrecht, (wb) => {
      const t = blad(wb, "Taakstelling");
      t.getCell("B4").value = "2024-I";
      for (const p of ["2024-I", "2024-II", "2025-I", "2025-II"]) t.getCell(`G${rijVan(t, p)}`).value = 300;
      for (const [p, l] of Object.entries(LANDELIJK_E)) t.getCell(`N${rijVan(t, p)}`).value = l;
    });
    // V: Voorne aan Zee: an own national number in a half-year before the merger (the sum of the parts).
    const v = await vulMetInvoer(planGemeente(engine, "Voorne aan Zee", TEST_BRON), (wb) => {
      const t = blad(wb, "Taakstelling");
      t.getCell("B4").value = "2022-II";
      t.getCell(`G${rijVan(t, "2022-II")}`).value = 50;
      t.getCell(`N${rijVan(t, "2022-II")}`).value = 21_333;
    });
    // C: the province with inputs, one own taakstelling, a text in Gehuisvest.
    const c = await vulMetInvoer(planProvincie(engine, "Utrecht", "2024-I", TEST_BRON), (wb) => {
      const ws = blad(wb, "Provincie");
      const r = (code: string) => {
        for (let i = 9; i < 60; i++) if (ws.getCell(`A${i}`).value === code) return i;
        throw new Error(code);
      };
      ws.getCell(`F${r("GM0344")}`).value = 300;
      ws.getCell(`G${r("GM0344")}`).value = 25;
      ws.getCell(`F${r("GM0307")}`).value = 200;
      ws.getCell(`G${r("GM0307")}`).value = -40;
      ws.getCell(`E${r("GM0353")}`).value = 50;
      ws.getCell(`F${r("GM0353")}`).value = 10;
      ws.getCell(`F${r("GM0355")}`).value = "ca. 20";
      ws.getCell(`M${r("GM0344")}`).value = 1500;
    });
    // S: a province table the user sorted (rows reversed, inputs with them): the refill keeps that order and moves
    // each row's formulas with it (./rijVolgorde).
    const s = await vulMetInvoer(planProvincie(engine, "Gelderland", "2024-I", TEST_BRON), (wb) => {
      const ws = blad(wb, "Provincie");
      const waarden: ExcelJS.CellValue[][] = [];
      for (let i = 9; typeof ws.getCell(`A${i}`).value === "string"; i++) {
        ws.getCell(`F${i}`).value = 5 * i;
        if (i % 3 === 0) ws.getCell(`G${i}`).value = -i;
        if (i % 4 === 0) ws.getCell(`M${i}`).value = 20 * i;
        waarden.push(ws.getRow(i).values as ExcelJS.CellValue[]);
      }
      waarden.reverse().forEach((rij, j) =>
        rij.forEach((v, k) => {
          if (!(v && typeof v === "object" && "formula" in v)) ws.getCell(9 + j, k).value = v;
        }),
      );
    });
    // X: numbers beyond any sense (the reader flags them): products and sums past the largest number.
    const x = await vulMetInvoer(utrecht, (wb) => {
      const k = blad(wb, "Kosten");
      k.getCell("B4").value = 1e200;
      k.getCell("B5").value = 1e200;
      const t = blad(wb, "Taakstelling");
      t.getCell("B5").value = 9e307;
      t.getCell(`G${rijVan(t, "2016-II")}`).value = -9e307;
    });
    // O: the overview of province Utrecht with A delivered (the other gemeenten not delivered).
    const aanlevering = await leesAanlevering("utrecht-a.xlsx", a);
    const o = (await schrijfXlsx(planConsolidatie(consolideer(engine, [aanlevering]), TEST_BRON))).data;

    const bestanden = { a, d, c, o, e, v, s, x };
    const paden = await Promise.all(
      Object.entries(bestanden).map(async ([n, data]) => {
        const p = path.join(map, `${n}.xlsx`);
        await fs.writeFile(p, data);
        eigen[n] = await lees(data);
        bytes[n] = data;
        return p;
      }),
    );
    const r = await herberekenMetLibreOffice(soffice!, paden, path.join(map, "lo"));
    const namen = Object.keys(bestanden);
    for (const [i, p] of r.uitvoer.entries()) lo[namen[i]!] = await lees(p);
  }, 240_000);

  afterAll(async () => {
    if (map) await fs.rm(map, { recursive: true, force: true });
  });

  test.each([
    ["gemeente", "a"],
    ["gemeente with own national numbers", "e"],
    ["gemeente with an own national number before a merger", "v"],
    ["province", "c"],
    ["province table the user sorted (kept in their order)", "s"],
    ["consolidation overview", "o"],
  ])("%s: every formula cell has a cached result, equal to LibreOffice's", async (_, n) => {
    const { verschillen, aantal } = vergelijk(eigen[n]!, lo[n]!);
    expect(aantal).toBeGreaterThan(10);
    expect(await zonderResultaat(bytes[n]!)).toEqual([]);
    expect(verschillen).toEqual([]);
  });

  test("past the largest number: #NUM! where LibreOffice shows it, and every formula reading it has its result", async () => {
    const { verschillen } = vergelijk(eigen.x!, lo.x!);
    expect(verschillen).toEqual([]);
    // Before: no result there, nor in the cells reading it (Kosten!B12 and the rest showed nothing without a recalc).
    expect(vorm(blad(eigen.x!, "Kosten").getCell("B10").result)).toEqual({ fout: "#NUM!" });
    expect(await zonderResultaat(bytes.x!)).toEqual([]);
  });

  test("the sorted province table stays sorted; in LibreOffice each row's Achterstand is from that row's inputs", () => {
    const ws = blad(lo.s!, "Provincie");
    const plan = planProvincie(engine, "Gelderland", "2024-I", TEST_BRON).bladen[0]!.tabellen[0]!;
    expect(ws.getCell("A9").value).toBe(plan.rijen.at(-1)?.[0]);
    const kop = (begin: string) => plan.kolommen.findIndex((k) => k.kop.startsWith(begin)) + 1;
    for (const r of [9, 20, 59]) {
      const getal = (naam: string) => Number(vorm(ws.getCell(r, kop(naam)).value) ?? 0) || 0;
      // No own taakstelling typed: the data's, plus the start balance, less the housed.
      const verwacht = Math.max(getal("Taakstelling 20") + getal("Beginsaldo") - getal("Gehuisvest"), 0);
      expect(vorm(ws.getCell(r, kop("Achterstand")).result)).toBe(verwacht);
    }
  });

  test("text in Gehuisvest: LibreOffice agrees on every cached result; the chain stops there with a note, no #VALUE!", () => {
    // (The conditional formats' formulas were added after the writer: LibreOffice's alone.)
    const proef = new Set<string>(Object.values(PROEF));
    const { verschillen } = vergelijk(eigen.d!, lo.d!, (c) => proef.has(c.address.replace(/\d+$/, "")));
    expect(verschillen).toEqual([]);
    const t = blad(lo.d!, "Taakstelling");
    const r = rijVan(t, "2023-I");
    expect(t.getCell(`I${r}`).result ?? "").toBe("");
    expect(t.getCell(`M${r}`).result).toBe(
      `${VERLOOP_STOPT}Gehuisvest 2023-I is geen getal; vul een geheel getal in om verder te rekenen.`,
    );
    // Only in that row.
    const noten = [];
    for (let i = 8; i <= 27; i++) if (t.getCell(`M${i}`).result) noten.push(t.getCell(`A${i}`).value);
    expect(noten).toEqual(["2023-I"]);
    // No error anywhere on the sheet.
    t.eachRow((rij) =>
      rij.eachCell((c) =>
        expect({ c: c.address, r: typeof c.result === "object" ? c.result : null }).toEqual({
          c: c.address,
          r: null,
        }),
      ),
    );
    const o = blad(lo.d!, "Overzicht");
    const verloop = o
      .getColumn(2)
      .values.find(
        (v) =>
          typeof v === "object" &&
          v !== null &&
          "result" in v &&
          String(v.result).startsWith("Verloop tot en met"),
      );
    expect(verloop).toMatchObject({
      result:
        "Verloop tot en met 2022-II; Gehuisvest 2023-I is geen getal; vul een geheel getal in om verder te rekenen.",
    });
    // The amount typed as "35.000" gives no cost at all rather than 35 euros a place.
    expect(blad(lo.d!, "Kosten").getCell("B10").result ?? "").toBe("");
  });

  test("where the national figure is unknown the chain says so, and the chart plots the own figure", () => {
    const t = blad(lo.a!, "Taakstelling");
    const r = rijVan(t, "2024-II");
    // A: own 2024-II from the circular: the chain runs on, the used taakstelling is the own figure.
    expect(t.getCell(`L${r}`).result).toBe(300);
    expect(typeof t.getCell(`I${r}`).result).toBe("number");
    // D: without it the row says what to fill in, and Overzicht quotes it.
    const d = blad(lo.d!, "Taakstelling");
    expect(d.getCell(`L${r}`).result ?? "").toBe("");
  });

  test("validations survive LibreOffice's round trip: whole numbers ≥ 0 in Gehuisvest, a list for the start period", () => {
    const t = blad(lo.d!, "Taakstelling");
    const g = t.getCell(`G${rijVan(t, "2024-I")}`).dataValidation;
    expect(g).toMatchObject({
      type: "whole",
      operator: "greaterThanOrEqual",
      showErrorMessage: true,
    });
    expect(g.formulae[0]).toBe(0);
    expect(g.error).toContain("geheel getal");
    expect(t.getCell("B4").dataValidation).toMatchObject({ type: "list" });
    expect(blad(lo.c!, "Provincie").getCell("F9").dataValidation).toMatchObject({ type: "whole" });
  });

  test("the conditional formats' formulas mark backlog, surplus and a missing taakstelling, as LibreOffice computes them", () => {
    const t = blad(lo.d!, "Taakstelling");
    const rijen = Array.from({ length: 20 }, (_, i) => 8 + i);
    const getal = (c: ExcelJS.Cell) => (typeof c.result === "number" ? c.result : undefined);
    for (const r of rijen) {
      const ach = getal(t.getCell(`I${r}`));
      const voor = getal(t.getCell(`J${r}`));
      const ontbreekt = t.getCell(`D${r}`).value === null && t.getCell(`F${r}`).value === null;
      const periode = String(t.getCell(`A${r}`).value);
      expect({ periode, rood: t.getCell(`${PROEF.achterstand}${r}`).result }).toEqual({
        periode,
        rood: ach !== undefined && ach > 0,
      });
      expect({ periode, groen: t.getCell(`${PROEF.voorsprong}${r}`).result }).toEqual({
        periode,
        groen: voor !== undefined && voor > 0,
      });
      // Amber from the start period (2022-I) on, where neither the dataset nor the user gives a taakstelling.
      expect({ periode, oranje: t.getCell(`${PROEF.ontbreekt}${r}`).result }).toEqual({
        periode,
        oranje: ontbreekt && periode >= "2022-I",
      });
    }
    // Each kind occurs: the test could fail.
    const uitkomsten = (k: string) => rijen.map((r) => t.getCell(`${k}${r}`).result);
    expect(uitkomsten(PROEF.achterstand)).toContain(true);
    expect(uitkomsten(PROEF.ontbreekt)).toContain(true);
  });

  test("own national numbers: art. 29 with them as TAAKSTELLING(…;L) gives, in LibreOffice too; the reason where not", () => {
    const t = blad(lo.e!, "Taakstelling");
    const r = (p: string) => rijVan(t, p);
    for (const p of ["2024-II", "2025-I"]) {
      const l = LANDELIJK_E[p] as number;
      expect({ p, t: t.getCell(`L${r(p)}`).result }).toEqual({
        p,
        t: engine.taakstellingEigen("Utrecht", p, l).aantal,
      });
      expect(String(t.getCell(`M${r(p)}`).result)).toContain(`landelijk getal eigen invoer ${l}`);
    }
    // The chain runs on the own figures; it stops at 0 with the reason.
    expect(typeof t.getCell(`I${r("2025-I")}`).result).toBe("number");
    expect(t.getCell(`L${r("2025-II")}`).result ?? "").toBe("");
    expect(t.getCell(`M${r("2025-II")}`).result).toBe(
      `${VERLOOP_STOPT}Landelijk getal (eigen invoer) 2025-II moet een geheel getal van 1 tot en met 200.000 zijn; pas het aan om verder te rekenen.`,
    );
    expect(t.getCell(`L${r("2026-I")}`).result ?? "").toBe("");
    expect(String(t.getCell(`M${r("2026-I")}`).result)).toMatch(
      /^Landelijk getal \(eigen invoer\) 2026-I: Voor 2026-I zijn de inwoners op 1-1-2025 nodig/,
    );
    expect(t.getCell(`M${r("2023-I")}`).result).toBe(
      "Landelijk getal (eigen invoer) 2023-I is geen getal; vul een geheel getal in om verder te rekenen.",
    );
    const v = blad(lo.v!, "Taakstelling");
    const g = engine.gemeente("Voorne aan Zee");
    const perioden = planGemeente(engine, "Voorne aan Zee", TEST_BRON)
      .bladen.find((b) => b.naam === "Taakstelling")!
      .tabellen[0]!.rijen.map((x) => parsePeriode(String(x[0])));
    const verwacht = ketenTaakstelling(
      engine,
      g,
      parsePeriode("2022-II"),
      ketenDag(engine, g, perioden),
      21_333,
    );
    if (verwacht instanceof OpgaveFout) throw verwacht;
    expect(v.getCell(`L${rijVan(v, "2022-II")}`).result).toBe(verwacht.aantal);
  });
});
