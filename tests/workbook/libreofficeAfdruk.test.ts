/**
 * Print-ready workbooks, measured: LibreOffice exports a gemeente workbook, two province workbooks and two
 * consolidation overviews to PDF in ONE soffice call, as Calc prints them (the page setup Opgave wrote: A4, fit to
 * one page wide, landscape where wide, repeated header rows, print areas). pdfinfo gives the page count and size,
 * pdftotext which sheet each page shows (the sheet name is in the page header).
 * Targets (issue 11): the gemeente workbook on at most 12 A4 pages; a province workbook and an overview on at most
 * 2 pages per 25 gemeenten (rounded up).
 *
 * Skipped only when soffice is not installed (tests/helpers/programmas.js says so loudly; CI installs it).
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { consolideer } from "../../src/domain/consolideren";
import { planGemeente, planProvincie } from "../../src/workbook/bouwPlan";
import { planConsolidatie } from "../../src/workbook/consolidatiePlan";
import { schrijfXlsx } from "../../src/workbook/xlsxWriter";
import { engine } from "../domain/helpers";
import {
  naarPdfMetLibreOffice,
  pdfPaginas,
  pdfTeksten,
  vindPoppler,
  vindSoffice,
} from "../helpers/libreoffice";
import { TEST_BRON } from "./werkboekHulp";

const soffice = vindSoffice();
// The PDF is read with poppler-utils (pdfinfo, pdftotext); without either program the suite is skipped loudly.
const beschrijf = soffice && vindPoppler() ? describe : describe.skip;

/** A4 in points, either way round. */
const A4 = [595.3, 841.9];

interface Afdruk {
  paginas: number;
  breed: number;
  hoog: number;
  /** Pages per sheet, from the sheet name at the top left of each page. */
  perBlad: Record<string, number>;
  teksten: string[];
}

beschrijf("print layout through LibreOffice's PDF export", () => {
  let map: string;
  const afdruk: Record<string, Afdruk> = {};
  const aantal = {
    utrecht: engine.tabel("2024-I", "Utrecht").length,
    gelderland: engine.tabel("2024-I", "Gelderland").length,
  };

  beforeAll(async () => {
    map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-lo-afdruk-"));
    const plannen = {
      gemeente: planGemeente(engine, "Utrecht", TEST_BRON),
      provincieUtrecht: planProvincie(engine, "Utrecht", "2024-I", TEST_BRON),
      provincieGelderland: planProvincie(engine, "Gelderland", "2024-I", TEST_BRON),
      overzichtUtrecht: planConsolidatie(consolideer(engine, [], { provincie: "Utrecht" }), TEST_BRON),
      overzichtGelderland: planConsolidatie(consolideer(engine, [], { provincie: "Gelderland" }), TEST_BRON),
    };
    const paden: string[] = [];
    for (const [naam, plan] of Object.entries(plannen)) {
      const p = path.join(map, `${naam}.xlsx`);
      await fs.writeFile(p, (await schrijfXlsx(plan)).data);
      paden.push(p);
    }
    const r = await naarPdfMetLibreOffice(soffice!, paden, path.join(map, "pdf"));
    for (const [i, naam] of Object.keys(plannen).entries()) {
      const pdf = r.uitvoer[i]!;
      const teksten = await pdfTeksten(pdf);
      const perBlad: Record<string, number> = {};
      for (const t of teksten) {
        const blad = (t.split("\n").find((l) => l.trim() !== "") ?? "").trim().split(/\s{2,}/)[0] ?? "";
        perBlad[blad] = (perBlad[blad] ?? 0) + 1;
      }
      afdruk[naam] = { ...(await pdfPaginas(pdf)), perBlad, teksten };
    }
    console.log(
      `Pagina's (LibreOffice, A4): ${Object.entries(afdruk)
        .map(([n, a]) => `${n} ${a.paginas} ${JSON.stringify(a.perBlad)}`)
        .join("; ")}`,
    );
  }, 240_000);

  afterAll(async () => {
    if (map) await fs.rm(map, { recursive: true, force: true });
  });

  test("every page is A4", () => {
    for (const a of Object.values(afdruk)) {
      expect([Math.round(Math.min(a.breed, a.hoog)), Math.round(Math.max(a.breed, a.hoog))]).toEqual(
        A4.map(Math.round),
      );
    }
  });

  test("the gemeente workbook prints on at most 12 pages, every sheet with its name and page numbers", () => {
    const a = afdruk.gemeente!;
    expect(a.paginas).toBeLessThanOrEqual(12);
    expect(Object.keys(a.perBlad)).toEqual([
      "Overzicht",
      "Taakstelling",
      "Opvang",
      "Kleinschalig",
      "Kosten",
      "Bron",
    ]);
    for (const t of a.teksten) expect(t).toMatch(/Pagina \d+ van \d+/);
  });

  test("the Taakstelling table fits one page wide: its last column is on the page, its header repeated", () => {
    const a = afdruk.gemeente!;
    const taak = a.teksten.filter((t) => t.trimStart().startsWith("Taakstelling"));
    for (const t of taak) {
      expect(t).toContain("Periode");
      // The last columns, with full headers (not cut to "Taakstelling (eige").
      expect(t).toContain("Verloop");
    }
    expect(taak.join("")).toMatch(/Taakstelling\s*\(eigen\s*(\n\s*)?/);
  });

  test.each([
    ["provincieUtrecht", "utrecht"],
    ["provincieGelderland", "gelderland"],
    ["overzichtUtrecht", "utrecht"],
    ["overzichtGelderland", "gelderland"],
  ] as const)("%s: at most 2 pages per 25 gemeenten", (naam, provincie) => {
    const a = afdruk[naam]!;
    expect(a.paginas).toBeLessThanOrEqual(2 * Math.ceil(aantal[provincie] / 25));
  });

  test("the province table prints landscape, every gemeente on it", () => {
    const a = afdruk.provincieGelderland!;
    expect(a.breed).toBeGreaterThan(a.hoog);
    const tekst = a.teksten.filter((t) => t.trimStart().startsWith("Provincie")).join("\n");
    for (const r of engine.tabel("2024-I", "Gelderland")) expect(tekst).toContain(r.gemeente.code);
  });
});
