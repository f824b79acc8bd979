/**
 * LibreOffice edits a filled Opgave workbook as a user would — inserts a column inside an Opgave table, adds
 * comments, protects a sheet — and saves it as .xlsx; then `opgave vul` refills that file. Issue 10: "a
 * LibreOffice round-trip and a LibreOffice column insert where LibreOffice is present".
 *
 * - column inside a table: the refill keeps the column where LibreOffice put it, and the user's formula still
 *   reads Achterstand (the round trip below may go one of two ways, and the test accepts exactly those);
 * - round trip: the refill keeps everything (and reports no loss), or it refuses and names what would be lost
 *   (file unchanged) — and confirmed, everything missing afterwards is in the report.
 * A silent column move or a silent loss fails.
 *
 * All LibreOffice work is ONE soffice call (beforeAll). Skipped only when soffice is not installed (CI installs
 * libreoffice-calc; with CI=true jest's globalSetup fails instead).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { vul } from "../../src/cli/vul";
import type { Uitvoer } from "../../src/cli/main";
import { BLADEN, GEMEENTE_PLEKKEN, GRAFIEK_PREFIX, TAAKSTELLING_KOLOMMEN } from "../../src/workbook/indeling";
import { basicTekst, bewerkMetLibreOffice, vindSoffice, type LoStap } from "../helpers/libreoffice";
import { tekstenZoalsExceljs, verwachtZoalsExceljs } from "./exceljsDirectHulp";
import { blad, rijVan, verwachtWerkbladVolgorde } from "./werkboekHulp";
import { formulesVanGebruiker } from "../../src/workbook/xlsxFormules";

const soffice = vindSoffice();
if (!soffice) {
  console.warn("libreofficeHerbevulling.test.ts overgeslagen: soffice (LibreOffice) is niet geïnstalleerd.");
}
const beschrijf = soffice ? describe : describe.skip;

const GEMAAKT = "2026-12-01T10:00:00Z";
const TAAK = BLADEN.taakstelling;
const EIGEN = "Mijn blad";
/** Header row of the Taakstelling table and the sheet column (1-based) of Achterstand, from the layout. */
const KOPRIJ = GEMEENTE_PLEKKEN.taakstelling.tabel.rij;
const ACHTERSTAND = TAAKSTELLING_KOLOMMEN.findIndex((k) => k.sleutel === "achterstand") + 1;
const KOPPEN = TAAKSTELLING_KOLOMMEN.map((k) => k.kop);
const MIJN_KOLOM = "Mijn kolom";

function letters(k: number): string {
  let s = "";
  for (let n = k; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function nummer(l: string): number {
  return [...l].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

function opvang(): Uitvoer & { uit: string[]; fout: string[] } {
  const uit: string[] = [];
  const fout: string[] = [];
  return { uit, fout, out: (t) => uit.push(t), err: (t) => fout.push(t) };
}

async function lees(bestand: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(bestand);
  return wb;
}

/** A cell as the user sees its content: the formula ("=…"), else the value (rich text joined). */
function inhoud(c: ExcelJS.Cell): unknown {
  const v = c.value;
  if (v && typeof v === "object") {
    if ("formula" in v && v.formula) return `=${v.formula}`;
    if ("sharedFormula" in v) return `=${c.formula}`;
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
  }
  return v ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// The package read directly (not through exceljs or the writer's own readers: they are what is under test)

const attr = (tag: string, naam: string) => new RegExp(`\\b${naam}="([^"]*)"`).exec(tag)?.[1];
const terug = (s: string) =>
  s
    .replace(/&#10;/g, "\n")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function doelPad(van: string, doel: string): string {
  if (doel.startsWith("/")) return doel.slice(1);
  const delen = path.posix.dirname(van).split("/");
  for (const d of doel.split("/")) {
    if (d === "..") delen.pop();
    else if (d !== ".") delen.push(d);
  }
  return delen.filter(Boolean).join("/");
}

function relsVan(part: string): string {
  return `${path.posix.dirname(part)}/_rels/${path.posix.basename(part)}.rels`;
}

async function rels(zip: JSZip, part: string): Promise<{ type: string; doel: string; id: string }[]> {
  const xml = (await zip.file(relsVan(part))?.async("string")) ?? "";
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
    id: attr(m[0], "Id") ?? "",
    type: attr(m[0], "Type") ?? "",
    doel: doelPad(part, attr(m[0], "Target") ?? ""),
  }));
}

/** Sheet name → part of its XML. */
async function bladen(zip: JSZip): Promise<Map<string, string>> {
  const wb = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const r = await rels(zip, "xl/workbook.xml");
  const uit = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const id = attr(m[0], "r:id");
    const doel = r.find((x) => x.id === id)?.doel;
    if (doel) uit.set(terug(attr(m[0], "name") ?? ""), doel);
  }
  return uit;
}

interface Inventaris {
  /** "Blad!A1" → text of the note. */
  notities: Map<string, string>;
  /** Sheets with a sheetProtection that protects (sheet="1"/"true"). */
  beveiligd: Set<string>;
  /** Table name → ref and column names. */
  tabellen: Map<string, { ref: string; kolommen: string[] }>;
  /** Sheet → number of charts of the user's own on it (Opgave's own, Opgave_Grafiek_…, are made again). */
  grafieken: Map<string, number>;
}

async function inventaris(bestand: string): Promise<Inventaris> {
  const zip = await JSZip.loadAsync(await fs.readFile(bestand));
  const inv: Inventaris = {
    notities: new Map(),
    beveiligd: new Set(),
    tabellen: new Map(),
    grafieken: new Map(),
  };
  for (const [naam, part] of await bladen(zip)) {
    const xml = (await zip.file(part)?.async("string")) ?? "";
    const bev = /<sheetProtection\b[^>]*>/.exec(xml)?.[0];
    if (bev && /^(1|true)$/.test(attr(bev, "sheet") ?? "")) inv.beveiligd.add(naam);
    for (const r of await rels(zip, part)) {
      const deel = (await zip.file(r.doel)?.async("string")) ?? "";
      if (r.type.endsWith("/comments")) {
        for (const m of deel.matchAll(/<comment\b([^>]*)>([\s\S]*?)<\/comment>/g)) {
          const tekst = [...(m[2] ?? "").matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((t) =>
            terug(t[1] ?? ""),
          );
          inv.notities.set(`${naam}!${attr(m[1] ?? "", "ref") ?? "?"}`, tekst.join(""));
        }
      } else if (r.type.endsWith("/drawing")) {
        const n = [...deel.matchAll(/<xdr:graphicFrame\b[\s\S]*?<xdr:cNvPr\b[^>]*>/g)].filter(
          (m) => !(attr(m[0].slice(m[0].lastIndexOf("<xdr:cNvPr")), "name") ?? "").startsWith(GRAFIEK_PREFIX),
        ).length;
        if (n > 0) inv.grafieken.set(naam, n);
      } else if (r.type.endsWith("/table")) {
        const kop = /<table\b[^>]*>/.exec(deel)?.[0] ?? "";
        inv.tabellen.set(attr(kop, "name") ?? "?", {
          ref: attr(kop, "ref") ?? "?",
          kolommen: [...deel.matchAll(/<tableColumn\b[^>]*>/g)].map((c) => terug(attr(c[0], "name") ?? "")),
        });
      }
    }
  }
  return inv;
}

/** Every non-empty cell of a sheet: address → content. */
function cellen(ws: ExcelJS.Worksheet): Map<string, unknown> {
  const uit = new Map<string, unknown>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (c) => {
      const v = inhoud(c);
      if (v !== null && v !== "") uit.set(c.address, v);
    }),
  );
  return uit;
}

// ---------------------------------------------------------------------------------------------------------

/** The user's inputs on Taakstelling (same in both workbooks). */
const START = "2022-I";
const GEHUISVEST: Record<string, number> = { "2022-I": 100, "2022-II": 150, "2023-I": 200 };
/** The period whose Achterstand the user's formula reads. */
const DOELPERIODE = "2022-II";

/** The user's inputs on Taakstelling as read back. */
function invoer(wb: ExcelJS.Workbook): { start: unknown; beginsaldo: unknown; gehuisvest: unknown[] } {
  const t = blad(wb, TAAK);
  return {
    start: inhoud(t.getCell("B4")),
    beginsaldo: inhoud(t.getCell("B5")),
    gehuisvest: Object.keys(GEHUISVEST).map((p) => inhoud(t.getCell(rijVan(t, p), 7))),
  };
}

function regex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function vulMetInvoer(bestand: string): Promise<ExcelJS.Workbook> {
  expect(await vul(["--gemeente", "Utrecht", "--uit", bestand], opvang(), GEMAAKT)).toBe(0);
  const wb = await lees(bestand);
  const t = blad(wb, TAAK);
  t.getCell("B4").value = START;
  t.getCell("B5").value = 7;
  for (const [p, n] of Object.entries(GEHUISVEST)) t.getCell(rijVan(t, p), 7).value = n;
  return wb;
}

async function maakRondreisWerkboek(bestand: string): Promise<void> {
  const wb = await vulMetInvoer(bestand);
  const t = blad(wb, TAAK);
  t.getCell(rijVan(t, "2022-I"), 7).note = "geteld op 1 juli";
  t.getCell("N20").note = "buiten de tabel";
  const eigen = wb.addWorksheet(EIGEN);
  eigen.getCell("A1").value = 42;
  eigen.getCell("A2").value = "eigen tekst";
  eigen.getCell("A3").value = {
    formula: `${TAAK}!${letters(ACHTERSTAND)}${rijVan(t, "2022-I")}`,
  } as ExcelJS.CellFormulaValue;
  eigen.getCell("C3").note = "op mijn eigen blad";
  await wb.xlsx.writeFile(bestand);
}

/** LibreOffice's edits of the round trip: a comment on each sheet kind, then protect the user sheet. */
const RONDREIS_STAPPEN: readonly LoStap[] = [
  { soort: "opmerking", blad: TAAK, cel: "B5", tekst: "uit LibreOffice" },
  { soort: "opmerking", blad: EIGEN, cel: "B2", tekst: "ook uit LibreOffice" },
  { soort: "beveilig", blad: EIGEN },
];

/**
 * Basic that draws a chart of `bereik` on `naam` (a user's chart; Opgave's own are named Opgave_Grafiek_…); `n`
 * names it and its variables apart from another such step's (the steps are one macro; a chart's name is the
 * document's).
 */
function grafiekBasic(naam: string, bereik: string, n = 1): string {
  return [
    `Dim oRect${n} As New com.sun.star.awt.Rectangle`,
    `oRect${n}.X = 1000 : oRect${n}.Y = 1000 : oRect${n}.Width = 8000 : oRect${n}.Height = 5000`,
    `Dim aBereik${n}(0) As New com.sun.star.table.CellRangeAddress`,
    `aBereik${n}(0) = Blad(oDoc, ${basicTekst(naam)}).getCellRangeByName(${basicTekst(bereik)}).RangeAddress`,
    `Blad(oDoc, ${basicTekst(naam)}).Charts.addNewByName("Mijn grafiek${n === 1 ? "" : ` ${n}`}", oRect${n}, aBereik${n}(), False, False)`,
  ].join("\n");
}

/**
 * Refills `bestand` (saved by LibreOffice) without --bevestig-verlies. Either it is written and nothing of the
 * user's is gone (nor reported lost), or it is refused, the file is byte-identical and the message names the
 * parts; then a confirmed refill of a copy (`kopie`) must name in its report everything that is gone after it.
 * Compared before/after per kind: notes by cell, protection by sheet, the user sheet's cells, charts by sheet.
 */
async function controleerRondreis(bestand: string, kopie: string): Promise<number> {
  const voorBytes = await fs.readFile(bestand);
  const voor = await inventaris(bestand);
  const voorWb = await lees(bestand);
  const voorCellen = cellen(blad(voorWb, EIGEN));
  expect(voor.beveiligd.has(EIGEN)).toBe(true);
  expect(invoer(voorWb)).toEqual({ start: START, beginsaldo: 7, gehuisvest: Object.values(GEHUISVEST) });

  /** What is gone after a refill, per kind, named as the writer names it (sheet!cell, sheet). */
  const verlies = async (na: string) => {
    const inv = await inventaris(na);
    const naCellen = cellen(blad(await lees(na), EIGEN));
    return {
      notities: [...voor.notities].filter(([k, v]) => inv.notities.get(k) !== v).map(([k]) => k),
      beveiliging: [...voor.beveiligd].filter((b) => !inv.beveiligd.has(b)),
      cellen: [...voorCellen].filter(([k, v]) => naCellen.get(k) !== v).map(([k]) => `${EIGEN}!${k}`),
      grafieken: [...voor.grafieken].filter(([b, n]) => (inv.grafieken.get(b) ?? 0) < n).map(([b]) => b),
    };
  };
  const niets = { notities: [], beveiliging: [], cellen: [], grafieken: [] };
  /** The losses `tekst` does not name: a note by sheet!cell, protection by sheet, cells by sheet, charts. */
  const ongenoemd = (v: Awaited<ReturnType<typeof verlies>>, tekst: string) => [
    ...v.notities.filter((n) => !new RegExp(`notitie[^\\n]*${regex(n)}(?![0-9])`).test(tekst)),
    ...v.beveiliging
      .filter((b) => !new RegExp(`beveiliging[^\\n]*${regex(b)}`).test(tekst))
      .map((b) => `beveiliging ${b}`),
    ...v.cellen.filter((c) => !tekst.includes(c) && !tekst.includes(EIGEN)),
    ...v.grafieken.filter(() => !/grafiek/.test(tekst)).map((b) => `grafiek op ${b}`),
  ];

  const a = opvang();
  const code = await vul(["--gemeente", "Utrecht", "--uit", bestand], a, GEMAAKT);
  const melding = [...a.uit, ...a.fout].join("\n");
  console.log(
    `${path.basename(bestand)} na LibreOffice, opnieuw gevuld zonder --bevestig-verlies: code ${code}\n${melding}`,
  );
  if (code === 0) {
    // Kept: the report lists nothing as lost, and indeed nothing is gone.
    expect(a.fout).toEqual([]);
    expect(melding).not.toMatch(/niet behouden|verloren/);
    expect(await verlies(bestand)).toEqual(niets);
    expect([...(await inventaris(bestand)).beveiligd]).toEqual([EIGEN]);
    expect(invoer(await lees(bestand))).toEqual(invoer(voorWb));
    // Every sheet as Excel reads it (before: a note on Taakstelling put its legacyDrawing after the table).
    await verwachtWerkbladVolgorde(new Uint8Array(await fs.readFile(bestand)));
    return code;
  }
  // Refused: nothing written, the parts named; confirmed on a copy, every loss is in the report.
  expect(code).toBe(1);
  expect(a.uit).toEqual([]);
  expect(melding).toMatch(/niet kan bewaren: .+--bevestig-verlies/s);
  expect(Buffer.compare(await fs.readFile(bestand), voorBytes)).toBe(0);
  await fs.copyFile(bestand, kopie);
  const b = opvang();
  expect(await vul(["--gemeente", "Utrecht", "--uit", kopie, "--bevestig-verlies"], b, GEMAAKT)).toBe(0);
  const verslag = b.uit.join("\n");
  console.log(`Bevestigd:\n${verslag}`);
  expect(ongenoemd(await verlies(kopie), verslag)).toEqual([]);
  // What the confirmed report lists as lost is what the refusal named.
  const kop = b.uit.findIndex((r) => /niet behouden/.test(r));
  const genoemd =
    kop < 0
      ? []
      : b.uit
          .slice(kop + 1)
          .filter((r) => r.startsWith("  "))
          .map((r) => r.trim());
  expect(genoemd.length).toBeGreaterThan(0);
  for (const g of genoemd) expect(melding).toContain(g);
  expect(invoer(await lees(kopie))).toEqual(invoer(voorWb));
  return code;
}

beschrijf("LibreOffice edits a filled workbook, then Opgave refills it", () => {
  let map: string;
  let ms = 0;
  /** Column test: before LibreOffice, and as LibreOffice saved it. */
  const kolom = { voor: "", lo: "", doelRij: 0 };
  /** Round trip: before LibreOffice, and as LibreOffice saved it; the same with a chart LibreOffice drew. */
  const rond = { voor: "", lo: "" };
  const grafiek = { voor: "", lo: "" };

  beforeAll(async () => {
    map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-lo-herbevulling-"));

    // a. A user sheet whose formula reads Achterstand of one period of the Taakstelling table.
    kolom.voor = path.join(map, "kolom.xlsx");
    {
      const wb = await vulMetInvoer(kolom.voor);
      const t = blad(wb, TAAK);
      expect(t.getCell(KOPRIJ, ACHTERSTAND).value).toBe("Achterstand");
      kolom.doelRij = rijVan(t, DOELPERIODE);
      const eigen = wb.addWorksheet(EIGEN);
      eigen.getCell("A1").value = {
        formula: `${TAAK}!${letters(ACHTERSTAND)}${kolom.doelRij}`,
      } as ExcelJS.CellFormulaValue;
      eigen.getCell("B1").value = "achterstand 2022-II";
      await wb.xlsx.writeFile(kolom.voor);
    }

    // b. Inputs, notes on an Opgave sheet (an input cell, an empty cell outside the table) and on a user sheet;
    // the same workbook twice: LibreOffice draws a chart on Taakstelling and one on Overzicht in the second.
    rond.voor = path.join(map, "rond.xlsx");
    await maakRondreisWerkboek(rond.voor);
    grafiek.voor = path.join(map, "grafiek.xlsx");
    await fs.copyFile(rond.voor, grafiek.voor);

    // ONE soffice call: (a) insert a column inside the table before Achterstand, with a header and a value;
    // (b) a comment on each sheet kind, then protect the user sheet (Calc ignores a comment added after); the
    // same after drawing a chart on Taakstelling.
    kolom.lo = path.join(map, "libreoffice", "kolom.xlsx");
    rond.lo = path.join(map, "libreoffice", "rond.xlsx");
    grafiek.lo = path.join(map, "libreoffice", "grafiek.xlsx");
    const r = await bewerkMetLibreOffice(soffice!, [
      {
        invoer: kolom.voor,
        uitvoer: kolom.lo,
        stappen: [
          {
            soort: "kolomInvoegen",
            blad: TAAK,
            kolom: ACHTERSTAND,
            kop: { rij: KOPRIJ, tekst: MIJN_KOLOM },
            waarden: [{ rij: kolom.doelRij, waarde: "van mij" }],
          },
        ],
      },
      { invoer: rond.voor, uitvoer: rond.lo, stappen: RONDREIS_STAPPEN },
      {
        invoer: grafiek.voor,
        uitvoer: grafiek.lo,
        stappen: [
          {
            soort: "basic",
            code: grafiekBasic(TAAK, `G${KOPRIJ + 1}:G${KOPRIJ + 5}`),
          },
          // Beside Opgave's own chart.
          { soort: "basic", code: grafiekBasic(BLADEN.overzicht, "B5:B8", 2) },
          ...RONDREIS_STAPPEN,
        ],
      },
    ]);
    ms = r.ms;
    console.log(`LibreOffice: 3 werkboeken bewerkt en bewaard in één aanroep, ${ms} ms`);
  }, 240_000);

  afterAll(async () => {
    if (map) await fs.rm(map, { recursive: true, force: true });
  });

  test("LibreOffice inserted the column inside Opgave_Taakstelling and moved the user's formula with it", async () => {
    const inv = await inventaris(kolom.lo);
    const verwacht = [...KOPPEN];
    verwacht.splice(ACHTERSTAND - 1, 0, MIJN_KOLOM);
    const r1 = KOPRIJ;
    const tabelVoor = (await inventaris(kolom.voor)).tabellen.get("Opgave_Taakstelling");
    expect(tabelVoor).toEqual({ ref: expect.stringMatching(/^A\d+:[A-Z]+\d+$/), kolommen: KOPPEN });
    const r2 = Number(/:[A-Z]+(\d+)$/.exec(tabelVoor!.ref)?.[1]);
    expect(inv.tabellen.get("Opgave_Taakstelling")).toEqual({
      ref: `A${r1}:${letters(KOPPEN.length + 1)}${r2}`,
      kolommen: verwacht,
    });
    const wb = await lees(kolom.lo);
    const t = blad(wb, TAAK);
    expect(inhoud(t.getCell(KOPRIJ, ACHTERSTAND))).toBe(MIJN_KOLOM);
    expect(inhoud(t.getCell(KOPRIJ, ACHTERSTAND + 1))).toBe("Achterstand");
    expect(inhoud(t.getCell(kolom.doelRij, ACHTERSTAND))).toBe("van mij");
    expect(inhoud(blad(wb, EIGEN).getCell("A1"))).toBe(
      `=${TAAK}!${letters(ACHTERSTAND + 1)}${kolom.doelRij}`,
    );
  });

  test("refilling it: the column stays where LibreOffice put it, and the user's formula reads Achterstand", async () => {
    const a = opvang();
    const code = await vul(["--gemeente", "Utrecht", "--uit", kolom.lo], a, GEMAAKT);
    console.log(`Kolom binnen de tabel, opnieuw gevuld (code ${code})\n${[...a.uit, ...a.fout].join("\n")}`);
    // Before: refused ("verplaats uw kolom naar het eind van de tabel"), after every new decision.
    expect([code, a.fout]).toEqual([0, []]);
    const wb = await lees(kolom.lo);
    const t = blad(wb, TAAK);
    const formule = inhoud(blad(wb, EIGEN).getCell("A1"));
    // The header above the cell the user's formula reads, and that cell's row: must be Achterstand of 2022-II.
    const doel = /^=Taakstelling!\$?([A-Z]+)\$?(\d+)$/.exec(String(formule));
    expect(
      doel
        ? {
            kop: inhoud(t.getCell(KOPRIJ, nummer(doel[1] ?? ""))),
            periode: inhoud(t.getCell(Number(doel[2]), 1)),
          }
        : { kop: `geen verwijzing: ${String(formule)}`, periode: null },
    ).toEqual({ kop: "Achterstand", periode: DOELPERIODE });
    // The column stays where LibreOffice put it, the table keeps it, nothing of Opgave's moved under it.
    const verwacht = [...KOPPEN];
    verwacht.splice(ACHTERSTAND - 1, 0, MIJN_KOLOM);
    expect((await inventaris(kolom.lo)).tabellen.get("Opgave_Taakstelling")?.kolommen).toEqual(verwacht);
    for (let k = 1; k <= verwacht.length; k++) expect(inhoud(t.getCell(KOPRIJ, k))).toBe(verwacht[k - 1]);
    expect(inhoud(t.getCell(kolom.doelRij, ACHTERSTAND))).toBe("van mij");
  });

  test("round trip: LibreOffice kept the notes, added its comments and protected the user sheet", async () => {
    const inv = await inventaris(rond.lo);
    const t = blad(await lees(rond.voor), TAAK);
    expect(Object.fromEntries(inv.notities)).toEqual({
      [`${TAAK}!G${rijVan(t, "2022-I")}`]: "geteld op 1 juli",
      [`${TAAK}!N20`]: "buiten de tabel",
      [`${TAAK}!B5`]: "uit LibreOffice",
      [`${EIGEN}!C3`]: "op mijn eigen blad",
      [`${EIGEN}!B2`]: "ook uit LibreOffice",
    });
    expect([...inv.beveiligd]).toEqual([EIGEN]);
  });

  test("LibreOffice's sheets and shared strings: read straight into exceljs's models (./exceljsDirect), as exceljs reads them", async () => {
    for (const bestand of [kolom.lo, rond.lo, grafiek.lo]) {
      const zip = await JSZip.loadAsync(await fs.readFile(bestand));
      const delen = Object.keys(zip.files).filter(
        (n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n) || n === "xl/sharedStrings.xml",
      );
      let gelezen = 0;
      for (const n of delen) {
        const xml = (await zip.file(n)?.async("string")) ?? "";
        const zoals = n.endsWith("sharedStrings.xml") ? tekstenZoalsExceljs : verwachtZoalsExceljs;
        if (await zoals(xml)) gelezen++;
      }
      // LibreOffice writes plain cells and texts: all read there (else a refill of its files would gain nothing).
      expect([bestand, gelezen]).toEqual([bestand, delen.length]);
    }
  });

  test("the user's formulas as LibreOffice writes them: found where a refill looks for formulas on moved rows", async () => {
    const t = blad(await lees(rond.voor), TAAK);
    // Every sheet but the user's counts as Opgave's, whole: only the user's formulas remain.
    const formules = await formulesVanGebruiker(await fs.readFile(rond.lo), (naam) =>
      naam === EIGEN ? undefined : [{ rij: 1, kolom: 1, rijen: 10_000, kolommen: 100 }],
    );
    expect(formules.filter((f) => f.plek.startsWith("'"))).toEqual([
      {
        plek: `'${EIGEN}'!A3`,
        blad: EIGEN,
        formule: `${TAAK}!${letters(ACHTERSTAND)}${rijVan(t, "2022-I")}`,
      },
    ]);
  });

  test("round trip, then a refill without --bevestig-verlies: all kept, or refused naming exactly what would be lost", async () => {
    await controleerRondreis(rond.lo, path.join(map, "rond-bevestigd.xlsx"));
  });

  test("the same with charts LibreOffice drew on Opgave sheets, one beside Opgave's chart: kept, with everything else", async () => {
    const inv = await inventaris(grafiek.lo);
    expect(Object.fromEntries(inv.grafieken)).toEqual({ [TAAK]: 1, [BLADEN.overzicht]: 1 });
    // Before: refused ("1 eigen grafiek", later "1 eigen grafiek" for the one on Overzicht); confirmed, the chart
    // was gone.
    expect(await controleerRondreis(grafiek.lo, path.join(map, "grafiek-bevestigd.xlsx"))).toBe(0);
    // Opgave's chart drawn anew beside the user's, once.
    const zip = await JSZip.loadAsync(await fs.readFile(grafiek.lo));
    const overzicht = (await bladen(zip)).get(BLADEN.overzicht) ?? "";
    const tekening = (await rels(zip, overzicht)).find((r) => r.type.endsWith("/drawing"))?.doel ?? "";
    const namen = [
      ...((await zip.file(tekening)?.async("string")) ?? "").matchAll(/<xdr:cNvPr\b[^>]*>/g),
    ].map((m) => terug(attr(m[0], "name") ?? ""));
    expect(namen.filter((n) => n.startsWith(GRAFIEK_PREFIX))).toEqual([`${GRAFIEK_PREFIX}1`]);
    expect(namen.length).toBe(2);
  });

  test("one soffice call for all workbooks", () => {
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(120_000);
  });
});
