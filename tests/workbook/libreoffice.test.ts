/**
 * The workbooks opened by a real spreadsheet engine: `opgave vul` writes them (the CLI code path), the user's
 * inputs are injected with exceljs, and LibreOffice (headless, recalculation forced on load) recomputes every
 * formula in ONE batched soffice call. The recomputed values must equal what the engine computes, and a refill
 * (also of a file LibreOffice saved) must keep the injected inputs.
 *
 * Skipped only when soffice is not installed (CI installs libreoffice-calc).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { vul } from "../../src/cli/vul";
import type { Uitvoer } from "../../src/cli/main";
import { verloop } from "../../src/domain/saldo";
import { parsePeriode } from "../../src/domain/periode";
import { engine } from "../domain/helpers";
import { herberekenMetLibreOffice, vindSoffice } from "../helpers/libreoffice";
import { blad } from "./werkboekHulp";

const soffice = vindSoffice();
if (!soffice) {
  console.warn("libreoffice.test.ts overgeslagen: soffice (LibreOffice) is niet geïnstalleerd.");
}
const beschrijf = soffice ? describe : describe.skip;

const stil: Uitvoer = { out: () => undefined, err: (t) => console.error(t) };

async function lees(bestand: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(bestand);
  return wb;
}

/** What a cell shows: the recomputed result of a formula ("" when it yields empty text), else its value. */
function toon(ws: ExcelJS.Worksheet, adres: string): unknown {
  const c = ws.getCell(adres);
  const v = c.value;
  if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
    return c.result === undefined ? "" : c.result;
  }
  return v;
}

function rijVan(ws: ExcelJS.Worksheet, kolom: string, sleutel: string, van = 1): number {
  for (let r = van; r < 200; r++) if (ws.getCell(`${kolom}${r}`).value === sleutel) return r;
  throw new Error(`${sleutel} niet gevonden`);
}

const PERIODEN = engine.dataset.landelijkeTaakstelling
  .map((l) => l.periode)
  .filter((p) => parsePeriode(p).jaar * 2 + parsePeriode(p).helft >= 2016 * 2 + 2);

// Workbook A: Utrecht from 2022-I with a start balance, the unknown 2024-II from "the circular", costs.
const A = {
  start: "2022-I",
  beginsaldo: 10,
  gehuisvest: {
    "2022-I": 100,
    "2022-II": 150,
    "2023-I": 200,
    "2023-II": 250,
    "2024-I": 300,
    "2024-II": 280,
    "2025-I": 350,
    "2025-II": 260,
  } as Record<string, number>,
  eigenTaakstelling: { "2024-II": 300 } as Record<string, number>,
  kostenPerPlaats: 31000,
  bestaandePlaatsen: 1000,
};
// Workbook B: Utrecht from the first row (start empty = 2016-II, balance empty = 0), housed in every row:
// the chain must stop at 2018-II (national number unknown), not count it as 0.
const B_GEHUISVEST = 100;
// Workbook C: province Utrecht 2024-I.
const C = {
  gehuisvest: { GM0344: 300, GM0307: 200, GM0353: 10, GM0355: 0 } as Record<string, number>,
  beginsaldo: { GM0344: 25, GM0307: -40 } as Record<string, number>,
  eigenTaakstelling: { GM0353: 50 } as Record<string, number>,
  bestaand: { GM0344: 1500, GM0307: 1000, GM0339: 35 } as Record<string, number>,
};

const LINK = "https://www.utrecht.nl/";

beschrijf("LibreOffice recomputes the workbooks as the engine does", () => {
  let map: string;
  let berekend: Record<string, ExcelJS.Workbook>;
  let herVuld: Record<string, ExcelJS.Workbook>;
  let naLibreOffice: Record<string, ExcelJS.Workbook>;
  let ms = 0;

  beforeAll(async () => {
    map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-lo-"));
    const gA = path.join(map, "utrecht-a.xlsx");
    const gB = path.join(map, "utrecht-b.xlsx");
    const pC = path.join(map, "provincie-utrecht.xlsx");
    const gemaakt = "2026-12-01T10:00:00Z";
    expect(await vul(["--gemeente", "Utrecht", "--uit", gA], stil, gemaakt)).toBe(0);
    expect(await vul(["--gemeente", "GM0344", "--uit", gB], stil, gemaakt)).toBe(0);
    expect(await vul(["--provincie", "Utrecht", "--periode", "2024-I", "--uit", pC], stil, gemaakt)).toBe(0);

    // The user's inputs, written with exceljs.
    {
      const wb = await lees(gA);
      const t = blad(wb, "Taakstelling");
      t.getCell("B4").value = A.start;
      t.getCell("B5").value = A.beginsaldo;
      for (const [p, n] of Object.entries(A.gehuisvest)) t.getCell(`G${rijVan(t, "A", p, 8)}`).value = n;
      for (const [p, n] of Object.entries(A.eigenTaakstelling))
        t.getCell(`F${rijVan(t, "A", p, 8)}`).value = n;
      blad(wb, "Kosten").getCell("B5").value = A.kostenPerPlaats;
      blad(wb, "Opvang").getCell("B11").value = A.bestaandePlaatsen;
      await wb.xlsx.writeFile(gA);
    }
    {
      const wb = await lees(gB);
      const t = blad(wb, "Taakstelling");
      for (const p of PERIODEN) t.getCell(`G${rijVan(t, "A", p, 8)}`).value = B_GEHUISVEST;
      await wb.xlsx.writeFile(gB);
    }
    {
      const wb = await lees(pC);
      const ws = blad(wb, "Provincie");
      for (const [c, n] of Object.entries(C.gehuisvest)) ws.getCell(`F${rijVan(ws, "A", c, 9)}`).value = n;
      for (const [c, n] of Object.entries(C.beginsaldo)) ws.getCell(`G${rijVan(ws, "A", c, 9)}`).value = n;
      for (const [c, n] of Object.entries(C.eigenTaakstelling))
        ws.getCell(`E${rijVan(ws, "A", c, 9)}`).value = n;
      for (const [c, n] of Object.entries(C.bestaand)) ws.getCell(`M${rijVan(ws, "A", c, 9)}`).value = n;
      // A link of the user's on a gemeente's name (a cell Opgave writes): a refill keeps it (./xlsxHyperlinks).
      const naam = ws.getCell(`B${rijVan(ws, "A", "GM0344", 9)}`);
      naam.value = { text: String(naam.value), hyperlink: LINK };
      await wb.xlsx.writeFile(pC);
    }
    // Refill copies of the filled-in files (same plan): their formulas are recomputed in the same call.
    const herA = path.join(map, "her-utrecht-a.xlsx");
    const herC = path.join(map, "her-provincie-utrecht.xlsx");
    await fs.copyFile(gA, herA);
    await fs.copyFile(pC, herC);
    expect(await vul(["--gemeente", "Utrecht", "--uit", herA], stil, gemaakt)).toBe(0);
    expect(await vul(["--provincie", "Utrecht", "--periode", "2024-I", "--uit", herC], stil, gemaakt)).toBe(
      0,
    );

    // ONE soffice call for all of them.
    const uit = path.join(map, "libreoffice");
    const r = await herberekenMetLibreOffice(soffice!, [gA, gB, pC, herA, herC], uit);
    ms = r.ms;
    console.log(`LibreOffice: 5 werkboeken herberekend in één aanroep, ${ms} ms`);
    const [a, b, c, ha, hc] = await Promise.all(r.uitvoer.map(lees));
    berekend = { a: a!, b: b!, c: c! };
    herVuld = { a: ha!, c: hc! };

    // A file saved by LibreOffice, refilled again by Opgave.
    expect(await vul(["--gemeente", "Utrecht", "--uit", r.uitvoer[0]!], stil, gemaakt)).toBe(0);
    expect(
      await vul(["--provincie", "Utrecht", "--periode", "2024-I", "--uit", r.uitvoer[2]!], stil, gemaakt),
    ).toBe(0);
    naLibreOffice = { a: await lees(r.uitvoer[0]!), c: await lees(r.uitvoer[2]!) };
  }, 240_000);

  afterAll(async () => {
    if (map) await fs.rm(map, { recursive: true, force: true });
  });

  function controleerKetenA(wb: ExcelJS.Workbook): void {
    const t = blad(wb, "Taakstelling");
    const vanaf = PERIODEN.indexOf(A.start);
    const perioden = PERIODEN.slice(vanaf, PERIODEN.indexOf("2025-II") + 1);
    // engine.verloop covers the known periods; the period from the circular continues the same ledger.
    const bekend = perioden.slice(0, perioden.indexOf("2024-I") + 1);
    const viaEngine = engine.verloop(
      "Utrecht",
      "2024-I",
      bekend.map((p) => A.gehuisvest[p]!),
      A.beginsaldo,
    );
    const stappen = perioden.map((p) => ({
      periode: parsePeriode(p),
      taakstelling: A.eigenTaakstelling[p] ?? engine.taakstelling("Utrecht", p).aantal,
      gehuisvest: A.gehuisvest[p]!,
    }));
    const volledig = verloop(stappen, A.beginsaldo);
    expect(volledig.slice(0, bekend.length)).toEqual(viaEngine);
    perioden.forEach((p, i) => {
      const r = rijVan(t, "A", p, 8);
      const regel = volledig[i]!;
      expect({ p, h: toon(t, `H${r}`), i: toon(t, `I${r}`), j: toon(t, `J${r}`) }).toEqual({
        p,
        h: regel.gecorrigeerd,
        i: regel.achterstand,
        j: regel.voorsprong,
      });
    });
    // Before the start period and after the last input: empty, never 0.
    for (const p of [...PERIODEN.slice(0, vanaf), "2026-I"]) {
      const r = rijVan(t, "A", p, 8);
      expect({ p, i: toon(t, `I${r}`), j: toon(t, `J${r}`) }).toEqual({ p, i: "", j: "" });
    }
    const laatste = volledig.at(-1)!;
    const o = blad(wb, "Overzicht");
    expect([toon(o, "B8"), toon(o, "B9"), toon(o, "B10")]).toEqual([
      laatste.achterstand,
      laatste.voorsprong,
      "2025-II",
    ]);
  }

  function controleerKostenA(wb: ExcelJS.Workbook): void {
    const k = blad(wb, "Kosten");
    const doel = engine.opvangGemeente("Utrecht").aantal;
    const locaties = engine.kleinschalig({ plaatsen: doel }).opties[0]!.locaties;
    expect(toon(k, "D4")).toBe(doel);
    expect(toon(k, "D5")).toBe(A.kostenPerPlaats);
    expect(toon(k, "B10")).toBe(doel * A.kostenPerPlaats);
    expect(toon(k, "B11")).toBe(locaties * 200_000);
    expect(toon(k, "B12")).toBe(doel * A.kostenPerPlaats + locaties * 200_000);
    expect(toon(k, "B13")).toBe(doel * 5000);
    const o = blad(wb, "Opvang");
    expect(toon(o, "B12")).toBe(doel - A.bestaandePlaatsen);
    expect(toon(o, "J15")).toBe(1946 - A.bestaandePlaatsen);
    expect(toon(o, "J16")).toBe(
      engine.opvangGemeente("Utrecht", "totaal", "96000").aantal - A.bestaandePlaatsen,
    );
  }

  function controleerProvincie(wb: ExcelJS.Workbook): void {
    const ws = blad(wb, "Provincie");
    const regels = engine.tabel("2024-I", "Utrecht");
    const besluit = engine.opvangProvincie("Utrecht").besluit.id;
    const som = {
      taak: 0,
      gehuisvest: 0,
      beginsaldo: 0,
      achterstand: 0,
      voorsprong: 0,
      opvang: 0,
      bestaand: 0,
      tekort: 0,
    };
    for (const regel of regels) {
      const code = regel.gemeente.code;
      const r = rijVan(ws, "A", code, 9);
      const taak = engine.taakstelling(code, "2024-I").aantal;
      som.taak += taak;
      const g = C.gehuisvest[code];
      const b = C.beginsaldo[code] ?? 0;
      let verwacht: { achterstand: unknown; voorsprong: unknown } = { achterstand: "", voorsprong: "" };
      if (g !== undefined) {
        const eigen = C.eigenTaakstelling[code];
        const regelVerloop =
          eigen === undefined
            ? engine.verloop(code, "2024-I", [g], b).at(-1)!
            : verloop([{ periode: parsePeriode("2024-I"), taakstelling: eigen, gehuisvest: g }], b).at(-1)!;
        verwacht = { achterstand: regelVerloop.achterstand, voorsprong: regelVerloop.voorsprong };
        som.gehuisvest += g;
        som.achterstand += regelVerloop.achterstand;
        som.voorsprong += regelVerloop.voorsprong;
      }
      som.beginsaldo += C.beginsaldo[code] ?? 0;
      expect({ code, achterstand: toon(ws, `H${r}`), voorsprong: toon(ws, `I${r}`) }).toEqual({
        code,
        ...verwacht,
      });
      const opvang = engine.opvangGemeente(code, "totaal", besluit).aantal;
      som.opvang += opvang;
      const bestaand = C.bestaand[code];
      if (bestaand !== undefined) {
        som.bestaand += bestaand;
        som.tekort += opvang - bestaand;
      }
      expect({ code, tekort: toon(ws, `N${r}`) }).toEqual({
        code,
        tekort: bestaand === undefined ? "" : opvang - bestaand,
      });
    }
    const t = rijVan(ws, "B", "Totaal", 9);
    expect(t).toBe(9 + regels.length);
    expect({
      taak: toon(ws, `D${t}`),
      gehuisvest: toon(ws, `F${t}`),
      beginsaldo: toon(ws, `G${t}`),
      achterstand: toon(ws, `H${t}`),
      voorsprong: toon(ws, `I${t}`),
      opvang: toon(ws, `J${t}`),
      bestaand: toon(ws, `M${t}`),
      tekort: toon(ws, `N${t}`),
    }).toEqual(som);
    expect(som.opvang).toBe(engine.opvangProvincie("Utrecht").aantal);
    expect(toon(ws, `C${t}`)).toBe(regels.reduce((a, x) => a + (x.inwoners ?? 0), 0));
  }

  test("the backlog chain equals engine.verloop with the same inputs (start period, start balance, a circular's figure)", () => {
    controleerKetenA(berekend.a!);
  });

  test("an unknown period stops the chain: empty, not 0", () => {
    const t = blad(berekend.b!, "Taakstelling");
    const bekend = PERIODEN.slice(0, PERIODEN.indexOf("2018-II"));
    const viaEngine = engine.verloop(
      "Utrecht",
      bekend.at(-1)!,
      bekend.map(() => B_GEHUISVEST),
    );
    bekend.forEach((p, i) => {
      const r = rijVan(t, "A", p, 8);
      expect({ p, h: toon(t, `H${r}`), i: toon(t, `I${r}`) }).toEqual({
        p,
        h: viaEngine[i]!.gecorrigeerd,
        i: viaEngine[i]!.achterstand,
      });
    });
    for (const p of PERIODEN.slice(bekend.length)) {
      const r = rijVan(t, "A", p, 8);
      expect({ p, h: toon(t, `H${r}`), i: toon(t, `I${r}`), j: toon(t, `J${r}`) }).toEqual({
        p,
        h: "",
        i: "",
        j: "",
      });
    }
    expect(toon(blad(berekend.b!, "Overzicht"), "B10")).toBe("2018-I");
  });

  test("cost and opvang formulas", () => {
    controleerKostenA(berekend.a!);
  });

  test("province: backlog per gemeente, gap, and the totals row", () => {
    controleerProvincie(berekend.c!);
  });

  test("refilled workbooks keep the inputs and compute the same", () => {
    controleerKetenA(herVuld.a!);
    controleerKostenA(herVuld.a!);
    controleerProvincie(herVuld.c!);
  });

  test("a file saved by LibreOffice, refilled by Opgave: the inputs survive", () => {
    const t = blad(naLibreOffice.a!, "Taakstelling");
    expect([t.getCell("B4").value, t.getCell("B5").value]).toEqual([A.start, A.beginsaldo]);
    for (const [p, n] of Object.entries(A.gehuisvest))
      expect(t.getCell(`G${rijVan(t, "A", p, 8)}`).value).toBe(n);
    expect(t.getCell(`F${rijVan(t, "A", "2024-II", 8)}`).value).toBe(300);
    expect(blad(naLibreOffice.a!, "Kosten").getCell("B5").value).toBe(A.kostenPerPlaats);
    expect(blad(naLibreOffice.a!, "Opvang").getCell("B11").value).toBe(A.bestaandePlaatsen);
    const ws = blad(naLibreOffice.c!, "Provincie");
    for (const [c, n] of Object.entries(C.gehuisvest))
      expect(ws.getCell(`F${rijVan(ws, "A", c, 9)}`).value).toBe(n);
    for (const [c, n] of Object.entries(C.beginsaldo))
      expect(ws.getCell(`G${rijVan(ws, "A", c, 9)}`).value).toBe(n);
    for (const [c, n] of Object.entries(C.bestaand))
      expect(ws.getCell(`M${rijVan(ws, "A", c, 9)}`).value).toBe(n);
    expect(ws.getCell(`E${rijVan(ws, "A", "GM0353", 9)}`).value).toBe(50);
  });

  test("the user's link on a gemeente's name: kept by a refill, read by LibreOffice, kept by a refill of its file", () => {
    for (const wb of [herVuld.c!, naLibreOffice.c!]) {
      const ws = blad(wb, "Provincie");
      const cel = ws.getCell(`B${rijVan(ws, "A", "GM0344", 9)}`);
      expect([cel.text, cel.hyperlink]).toEqual(["Utrecht", LINK]);
    }
  });

  test("one soffice call for all workbooks", () => {
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(120_000);
  });
});
