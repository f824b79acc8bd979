/**
 * Provincial consolidation end to end: the workbooks of ALL 26 gemeenten of province Utrecht are written with the
 * CLI code path (`opgave vul`), the gemeenten's inputs are injected with exceljs, some files are broken on
 * purpose (one per check), and the files are read (`leesAanlevering`), consolidated (`consolideer`) and written
 * (`planConsolidatie` + `schrijfXlsx`). The overview must equal the engine's recomputation of the injected
 * inputs, the totals the sums, and the report must name every problem with the right file and gemeente. A re-run
 * with an updated file keeps the coordinator's notes and own column. The supervision signal (consecutive half-years
 * of achterstand at the ledger's end, column "Achtereen achter") has its own test; the other tests run with a
 * threshold no ledger reaches, so their findings are those of the broken files. A Voorne aan Zee workbook from
 * 2022-II (before the merger of 1-1-2023) shows that the file's chain, its stored results and the recomputation
 * count the same territory. When LibreOffice is installed, it
 * recalculates filled files and the overview in one call: its results must match the recomputation (no false
 * "totaalWijktAf") and the overview's totals row must add up.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { vul } from "../../src/cli/vul";
import type { Uitvoer } from "../../src/cli/main";
import {
  consolideer,
  controleRegels,
  onbruikbareAanlevering,
  samenvattingRegels,
  totalenVan,
  type Aanlevering,
  type Consolidatie,
  type Controle,
  type ControleSoort,
  type GemeenteRegel,
} from "../../src/domain/consolideren";
import { dagUitCode } from "../../src/domain/periode";
import { achtereenAchter } from "../../src/domain/saldo";
import { planGemeente, type BronInfo } from "../../src/workbook/bouwPlan";
import { CONSOLIDATIE_TABELLEN, planConsolidatie } from "../../src/workbook/consolidatiePlan";
import { rapportRegels } from "../../src/cli/vul";
import { leesAanlevering } from "../../src/workbook/lezen";
import { celWaarde, schrijfXlsx } from "../../src/workbook/xlsxWriter";
import { zetResultaten } from "../../src/workbook/xlsxResultaten";
import { engine, handAanlevering } from "../domain/helpers";
import { herberekenMetLibreOffice, vindSoffice } from "../helpers/libreoffice";
import { blad, leesXlsx as leesData, rijVan, tabelRef } from "./werkboekHulp";

jest.setTimeout(120_000);

/** A supervision threshold no ledger here reaches: the findings are those of the broken files (own test below). */
const ZONDER_TOEZICHT = { toezichtDrempel: 99 } as const;

const stil: Uitvoer = { out: () => undefined, err: (t) => console.error(t) };
const GEVULD = "2026-12-01T10:00:00Z";
const OUDER = "2026-11-01T09:00:00Z";
const bron: BronInfo = {
  datasetId: engine.dataset.id,
  versie: engine.dataset.versie,
  datum: engine.dataset.datum,
  hash: "abc",
  addinVersie: "0.1.0",
  gemaakt: "2026-12-02T08:00:00Z",
};

const UTRECHT = engine.register
  .gemeentenOp(dagUitCode(engine.dataset.datum))
  .filter((g) => g.provincie === "PV26")
  .sort((a, b) => a.naam.localeCompare(b.naam, "nl"));

function slug(naam: string): string {
  return naam
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

async function lees(bestand: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await fs.readFile(bestand)) as unknown as ArrayBuffer);
  return wb;
}

/** Values of an Excel table as objects by header (plain values; formulas as their stored result). */
function tabelRijen(ws: ExcelJS.Worksheet, naam: string): Record<string, unknown>[] {
  const ref = tabelRef(ws, naam);
  if (!ref) throw new Error(`tabel ${naam} ontbreekt`);
  const [a, z] = ref.split(":");
  const r1 = Number(ws.getCell(a!).row);
  const r2 = Number(ws.getCell(z!).row);
  const k1 = Number(ws.getCell(a!).col);
  const k2 = Number(ws.getCell(z!).col);
  const koppen: string[] = [];
  for (let k = k1; k <= k2; k++) koppen.push(String(ws.getCell(r1, k).value));
  const rijen: Record<string, unknown>[] = [];
  for (let r = Number(r1) + 1; r <= Number(r2); r++) {
    const o: Record<string, unknown> = {};
    koppen.forEach((kop, i) => (o[kop] = celWaarde(ws.getCell(r, k1 + i))));
    rijen.push(o);
  }
  return rijen;
}

// ---------------------------------------------------------------------------------------------------------
// The gemeenten's inputs

const PERIODEN = ["2022-I", "2022-II", "2023-I", "2023-II", "2024-I"];

interface Invoer {
  start: string;
  beginsaldo: number;
  gehuisvest: number[];
  bestaand: number;
  locaties: number | null;
}

function invoerVan(i: number): Invoer {
  return {
    start: "2022-I",
    beginsaldo: ((i * 7) % 40) - 20,
    gehuisvest: PERIODEN.map((_, j) => 10 + ((i * 13 + j * 5) % 50)),
    bestaand: 20 * i + 15,
    locaties: i % 2 === 0 ? 1 + (i % 4) : null,
  };
}

const code = (naam: string) => {
  const g = UTRECHT.find((x) => x.naam === naam);
  if (!g) throw new Error(naam);
  return g.code;
};

/** The figures the overview must show for injected inputs, computed with the engine directly. */
function verwacht(naam: string, inv: Invoer) {
  const c = code(naam);
  const regels = engine.verloop(c, PERIODEN[PERIODEN.length - 1]!, inv.gehuisvest, inv.beginsaldo);
  const laatste = regels[regels.length - 1]!;
  const doel = engine.opvangGemeente(c).aantal;
  const goedkoopste = engine.kleinschalig({ plaatsen: doel }).opties[0]!;
  const locaties = inv.locaties ?? goedkoopste.locaties;
  const kpp = engine.dataset.kostenNormen
    .filter((n) => n.soort === "coa-regulier")
    .sort((a, b) => b.vanaf.localeCompare(a.vanaf))[0]!.bedrag;
  return {
    taakstelling: regels.reduce((s, r) => s + r.taakstelling, 0),
    gehuisvest: inv.gehuisvest.reduce((s, x) => s + x, 0),
    achterstand: laatste.achterstand,
    voorsprong: laatste.voorsprong,
    achtereenAchter: achtereenAchter(regels).at(-1),
    doel,
    tekort: doel - inv.bestaand,
    locaties,
    jaarkosten: doel * kpp + locaties * 200_000,
  };
}

// Files broken on purpose, one per check.
const KAPOT = {
  geenOpgave: "geen-opgave.xlsx",
  geenXlsx: "kapot.xlsx",
  dubbel: "amersfoort-oud.xlsx",
  ontbreekt: "Woerden",
  andereVersie: "Houten",
  buitenProvincie: "zwolle.xlsx",
  vervormd: "De Bilt",
  negatief: "Bunnik",
  tekst: "Baarn",
  tekstGetal: "Lopik",
  totaal: "Leusden",
  startperiode: "Rhenen",
  onderbroken: "Eemnes",
  geenInvoer: "Oudewater",
  opvang: "Soest",
  provincieWerkboek: "provincie-utrecht.xlsx",
} as const;

/** Gemeenten whose figures equal the plain recomputation of invoerVan. */
const NORMAAL = UTRECHT.map((g) => g.naam).filter(
  (n) =>
    ![
      KAPOT.ontbreekt,
      KAPOT.vervormd,
      KAPOT.negatief,
      KAPOT.tekst,
      KAPOT.tekstGetal,
      KAPOT.startperiode,
      KAPOT.onderbroken,
      KAPOT.geenInvoer,
      "Utrecht",
    ].includes(n as never),
);
const UTRECHT_EIGEN = {
  periode: "2024-II",
  taakstelling: 300,
  gehuisvest: [...PERIODEN, "2024-II", "2025-I"],
};

describe("consolideren: 26 Utrecht workbooks, broken on purpose", () => {
  let map: string;
  let lever: string;
  let bestanden: string[];
  let aanleveringen: Aanlevering[];
  let c: Consolidatie;
  let overzicht: Uint8Array;
  let ms = 0;

  const bestandVan = (naam: string) => path.join(lever, `${slug(naam)}.xlsx`);
  const rij = (naam: string): GemeenteRegel => {
    const r = c.gemeenten.find((x) => x.naam === naam);
    if (!r) throw new Error(`${naam} niet in het overzicht`);
    return r;
  };
  const bevindingen = (soort: ControleSoort): Controle[] => c.controles.filter((x) => x.soort === soort);

  beforeAll(async () => {
    map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-consolideren-"));
    lever = path.join(map, "aangeleverd");
    await fs.mkdir(lever);
    const begin = Date.now();

    // Every gemeente of the province (but one: missing), Zwolle (another province) and the province workbook.
    for (const g of UTRECHT) {
      if (g.naam === KAPOT.ontbreekt) continue;
      expect(await vul(["--gemeente", g.code, "--uit", bestandVan(g.naam)], stil, GEVULD)).toBe(0);
    }
    const zwolle = path.join(lever, KAPOT.buitenProvincie);
    expect(await vul(["--gemeente", "Zwolle", "--uit", zwolle], stil, GEVULD)).toBe(0);
    expect(
      await vul(
        ["--provincie", "Utrecht", "--periode", "2024-I", "--uit", path.join(lever, KAPOT.provincieWerkboek)],
        stil,
        GEVULD,
      ),
    ).toBe(0);

    // The gemeenten fill in their inputs.
    for (const [i, g] of UTRECHT.entries()) {
      if (g.naam === KAPOT.ontbreekt || g.naam === KAPOT.geenInvoer) continue;
      const f = bestandVan(g.naam);
      const wb = await lees(f);
      const t = blad(wb, "Taakstelling");
      const inv = invoerVan(i);
      t.getCell("B4").value = inv.start;
      t.getCell("B5").value = inv.beginsaldo;
      PERIODEN.forEach((p, j) => (t.getCell(`G${rijVan(t, p)}`).value = inv.gehuisvest[j]!));
      blad(wb, "Opvang").getCell("B11").value = inv.bestaand;
      if (inv.locaties !== null) blad(wb, "Kosten").getCell("B6").value = inv.locaties;
      // The program the gemeente saves with recalculates: stored results follow the inputs (before the switch for
      // the file whose results are typed over on purpose, after it for the others).
      zetResultaten(wb);
      switch (g.naam) {
        case "Utrecht":
          // Through the unknown 2024-II with the figure "from the circular".
          t.getCell(`F${rijVan(t, UTRECHT_EIGEN.periode)}`).value = UTRECHT_EIGEN.taakstelling;
          t.getCell(`G${rijVan(t, "2024-II")}`).value = 280;
          t.getCell(`G${rijVan(t, "2025-I")}`).value = 350;
          break;
        case KAPOT.andereVersie:
          blad(wb, "Bron").getCell("B3").value = "2026.06.01";
          break;
        case KAPOT.vervormd: {
          t.getCell("G7").value = "Gehuisvest (aantal)";
          const tabel = (
            t as unknown as { tables: Record<string, { table: { columns: { name: string }[] } }> }
          ).tables.Opgave_Taakstelling!.table;
          tabel.columns[6]!.name = "Gehuisvest (aantal)";
          break;
        }
        case KAPOT.negatief:
          t.getCell(`G${rijVan(t, "2023-I")}`).value = -5;
          break;
        case KAPOT.tekst:
          blad(wb, "Opvang").getCell("B11").value = "veel";
          break;
        case KAPOT.tekstGetal:
          t.getCell(`G${rijVan(t, "2022-II")}`).value = "12";
          break;
        case KAPOT.totaal: {
          // As if saved by a spreadsheet program after someone typed over the results: wrong stored values.
          const k = blad(wb, "Kosten").getCell("B12");
          k.value = { formula: k.formula, result: 1 } as ExcelJS.CellFormulaValue;
          const a = t.getCell(`I${rijVan(t, "2022-I")}`);
          a.value = { formula: a.formula, result: 999 } as ExcelJS.CellFormulaValue;
          break;
        }
        case KAPOT.startperiode:
          t.getCell("B4").value = "2022-1";
          break;
        case KAPOT.onderbroken:
          t.getCell(`G${rijVan(t, "2023-I")}`).value = null;
          break;
        case KAPOT.opvang:
          blad(wb, "Opvang").getCell("B6").value = 999;
          break;
      }
      if (g.naam !== KAPOT.totaal) zetResultaten(wb);
      await wb.xlsx.writeFile(f);
    }

    // A second, older workbook for Amersfoort (other numbers): the newer one must win.
    {
      const wb = await lees(bestandVan("Amersfoort"));
      blad(wb, "Bron").getCell("B9").value = OUDER;
      const t = blad(wb, "Taakstelling");
      for (const p of PERIODEN) t.getCell(`G${rijVan(t, p)}`).value = 1;
      zetResultaten(wb);
      await wb.xlsx.writeFile(path.join(lever, KAPOT.dubbel));
    }
    // Not an Opgave workbook, and not a workbook at all.
    {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("Blad1").getCell("A1").value = "Gehuisvest 2024: 12";
      await wb.xlsx.writeFile(path.join(lever, KAPOT.geenOpgave));
      const ruis = Buffer.alloc(4096);
      for (let i = 0; i < ruis.length; i++) ruis[i] = (i * 7919 + 13) % 251;
      await fs.writeFile(path.join(lever, KAPOT.geenXlsx), ruis);
    }
    console.log(`28 werkboeken gemaakt en ingevuld in ${Date.now() - begin} ms`);

    // Consolidate: read every file (a broken one never stops the others), recompute, write.
    const t0 = Date.now();
    bestanden = (await fs.readdir(lever)).sort();
    aanleveringen = [];
    for (const f of bestanden)
      aanleveringen.push(await leesAanlevering(f, await fs.readFile(path.join(lever, f))));
    c = consolideer(engine, aanleveringen, ZONDER_TOEZICHT);
    overzicht = (await schrijfXlsx(planConsolidatie(c, bron))).data;
    ms = Date.now() - t0;
    console.log(`${bestanden.length} bestanden gelezen, geconsolideerd en geschreven in ${ms} ms`);
  });

  afterAll(async () => {
    if (map) await fs.rm(map, { recursive: true, force: true });
  });

  test("the province is the majority's; every gemeente of Utrecht has a row, Zwolle has none", () => {
    expect(UTRECHT).toHaveLength(26);
    expect(c.provincie).toEqual({ code: "PV26", naam: "Utrecht" });
    expect(c.provincieHerkomst).toBe("meerderheid");
    expect(c.gemeenten.map((r) => r.code)).toEqual(UTRECHT.map((g) => g.code));
    expect(c.gemeenten.some((r) => r.naam === "Zwolle")).toBe(false);
    expect(c.totaal.aangeleverd).toBe(25);
    expect(c.regios).toEqual([]); // Utrecht is one veiligheidsregio
  });

  test("overview figures equal the engine's recomputation of the injected inputs", () => {
    expect(NORMAAL.length).toBeGreaterThanOrEqual(15);
    for (const naam of NORMAAL) {
      const i = UTRECHT.findIndex((g) => g.naam === naam);
      const inv = invoerVan(i);
      const v = verwacht(naam, inv);
      const r = rij(naam);
      expect({ naam, vanaf: r.vanaf, tm: r.tm }).toEqual({ naam, vanaf: "2022-I", tm: "2024-I" });
      expect({
        naam,
        taakstelling: r.taakstelling,
        gehuisvest: r.gehuisvest,
        beginsaldo: r.beginsaldo,
        achterstand: r.achterstand,
        voorsprong: r.voorsprong,
        doel: r.opvang.doel,
        bestaand: r.opvang.bestaandePlaatsen,
        tekort: r.opvang.tekort,
        locaties: r.locaties,
        jaarkosten: r.kosten?.jaarkostenTotaal,
      }).toEqual({
        naam,
        taakstelling: v.taakstelling,
        gehuisvest: v.gehuisvest,
        beginsaldo: inv.beginsaldo,
        achterstand: v.achterstand,
        voorsprong: v.voorsprong,
        doel: v.doel,
        bestaand: naam === KAPOT.tekst ? null : inv.bestaand,
        tekort: v.tekort,
        locaties: { aantal: v.locaties, herkomst: inv.locaties === null ? "standaard" : "invoer" },
        jaarkosten: v.jaarkosten,
      });
      // The ledger conserves: end balance = start + Σ taakstelling − Σ housed.
      expect((r.achterstand ?? 0) - (r.voorsprong ?? 0)).toBe(inv.beginsaldo + v.taakstelling - v.gehuisvest);
    }
  });

  test("own taakstelling from the circular carries the ledger through an unknown period", () => {
    const i = UTRECHT.findIndex((g) => g.naam === "Utrecht");
    const inv = invoerVan(i);
    const r = rij("Utrecht");
    expect(r.tm).toBe("2025-I");
    const voor = engine.verloop("GM0344", "2024-I", inv.gehuisvest, inv.beginsaldo);
    const saldo = voor[voor.length - 1]!.saldo;
    const na2024II = saldo + UTRECHT_EIGEN.taakstelling - 280;
    const eind = na2024II + engine.taakstelling("GM0344", "2025-I").aantal - 350;
    expect(r.achterstand).toBe(Math.max(eind, 0));
    expect(r.voorsprong).toBe(Math.max(-eind, 0));
    expect(r.verloop).toHaveLength(7);
  });

  test("each check is reported with the right file and gemeente", () => {
    const een = (soort: ControleSoort, bestand: string | null, gemeente?: string) => {
      const x = bevindingen(soort).filter((y) => y.bestand === bestand);
      expect({ soort, bestand, aantal: x.length }).toEqual({ soort, bestand, aantal: 1 });
      if (gemeente !== undefined) expect(x[0]?.gemeente?.naam).toBe(gemeente);
      return x[0]!;
    };
    const f = (naam: string) => `${slug(naam)}.xlsx`;

    expect(een("geenXlsx", KAPOT.geenXlsx, undefined).melding).toMatch(/^Geen geldig \.xlsx-bestand/);
    expect(een("geenOpgave", KAPOT.geenOpgave).melding).toMatch(
      /^Geen werkboek van Opgave \(geen blad "Bron"\)/,
    );
    expect(een("geenGemeentewerkboek", KAPOT.provincieWerkboek).melding).toBe(
      "Dit is het Opgave-werkboek van provincie Utrecht voor 2024-I, geen werkboek van één gemeente; overgeslagen.",
    );

    // A resubmission: the newer file replaces the older (both named, both moments in Dutch time).
    const dubbel = een("dubbel", KAPOT.dubbel, "Amersfoort");
    expect(dubbel.ernst).toBe("waarschuwing");
    expect(dubbel.melding).toBe(
      `${f("Amersfoort")} (gevuld op 1-12-2026 11:00:00) vervangt eerdere aanlevering ${KAPOT.dubbel} (gevuld ` +
        `op 1-11-2026 10:00:00) van Amersfoort. Het overzicht gebruikt ${f("Amersfoort")}, dit bestand niet.`,
    );
    expect(rij("Amersfoort").bestand).toBe(f("Amersfoort"));
    expect(rij("Amersfoort").gehuisvest).toBe(verwacht("Amersfoort", invoerVan(0)).gehuisvest);

    const ontbreekt = bevindingen("ontbreekt");
    expect(ontbreekt.map((x) => x.gemeente?.naam)).toEqual([KAPOT.ontbreekt]);
    expect(ontbreekt[0]?.bestand).toBeNull();
    expect(rij(KAPOT.ontbreekt).status).toBe("ontbreekt");
    expect(rij(KAPOT.ontbreekt).opvang.doel).toBe(engine.opvangGemeente(code(KAPOT.ontbreekt)).aantal);

    const versie = een("andereVersie", f(KAPOT.andereVersie), KAPOT.andereVersie);
    expect(versie.melding).toContain("opgave-standaard 2026.06.01");
    expect(versie.melding).toContain(`met opgave-standaard ${engine.dataset.versie}`);
    expect(c.meerderheidVersie).toBe(`opgave-standaard ${engine.dataset.versie}`);

    expect(een("buitenProvincie", KAPOT.buitenProvincie, "Zwolle").melding).toBe(
      "Zwolle ligt in Overijssel, niet in Utrecht: niet meegeteld in het overzicht en de totalen.",
    );

    const vervormd = een("tabelVervormd", f(KAPOT.vervormd), KAPOT.vervormd);
    expect(vervormd.melding).toContain('kolom "Gehuisvest" ontbreekt');
    expect(vervormd.melding).toContain("Taakstelling!A7:P27");
    expect(rij(KAPOT.vervormd).achterstand).toBeNull();
    expect(rij(KAPOT.vervormd).opvang.bestaandePlaatsen).not.toBeNull(); // the rest of the file is used

    const neg = een("negatief", f(KAPOT.negatief), KAPOT.negatief);
    expect(neg.plek).toBe("Taakstelling!G21");
    expect(neg.melding).toBe(
      "Gehuisvest 2023-I in Taakstelling!G21 is negatief (-5); deze cel telt niet mee.",
    );
    expect(rij(KAPOT.negatief).tm).toBe("2022-II"); // the ledger stops before the rejected cell

    const tekst = een("nietNumeriek", f(KAPOT.tekst), KAPOT.tekst);
    expect(tekst).toMatchObject({ ernst: "fout", plek: "Opvang!B11" });
    expect(tekst.melding).toContain('is geen getal ("veel")');
    expect(rij(KAPOT.tekst).opvang.tekort).toBeNull();

    // Text that looks like a number ("12") is still text: not counted, as in the workbook's own chain.
    const tekstGetal = een("nietNumeriek", f(KAPOT.tekstGetal), KAPOT.tekstGetal);
    expect(tekstGetal.ernst).toBe("fout");
    expect(tekstGetal.plek).toMatch(/^Taakstelling!G\d+$/);
    expect(tekstGetal.melding).toContain('als tekst ingevuld ("12")');
    expect(rij(KAPOT.tekstGetal).tm).toBe("2022-I"); // the ledger stops before the text cell

    const totaal = een("totaalWijktAf", f(KAPOT.totaal), KAPOT.totaal);
    expect(totaal.melding).toContain("Kosten!B12 toont 1, herberekend");
    expect(totaal.melding).toContain("Taakstelling!I19 toont 999, herberekend");
    // The overview uses the recomputation, not the stored values.
    const iT = UTRECHT.findIndex((g) => g.naam === KAPOT.totaal);
    expect(rij(KAPOT.totaal).kosten?.jaarkostenTotaal).toBe(verwacht(KAPOT.totaal, invoerVan(iT)).jaarkosten);

    const start = een("ongeldigeInvoer", f(KAPOT.startperiode), KAPOT.startperiode);
    expect(start.plek).toBe("Taakstelling!B4");
    expect(rij(KAPOT.startperiode).tm).toBeNull();

    expect(een("verloopOnderbroken", f(KAPOT.onderbroken), KAPOT.onderbroken).melding).toBe(
      "Het verloop stopt na 2022-II: in 2023-I is Gehuisvest leeg. Gehuisvest in 2023-II en 2024-I telt daardoor niet mee.",
    );
    een("geenInvoer", f(KAPOT.geenInvoer), KAPOT.geenInvoer);
    expect(een("opvangAfwijkt", f(KAPOT.opvang), KAPOT.opvang).melding).toContain("opvangdoel 999");
    // Ledgers end at different periods (Utrecht through 2025-I, the broken ones earlier): said once, generally.
    const eind = een("eindperiodeVerschilt", null);
    expect(eind.ernst).toBe("waarschuwing");
    expect(eind.melding).toMatch(
      /^De verlopen eindigen niet in dezelfde periode: \d+ gemeenten tot en met 2024-I; /,
    );
    expect(eind.melding).toContain("Utrecht tot en met 2025-I");
    expect(c.eindperioden[0]?.periode).toBe("2024-I");

    // Files without findings: nothing reported; nothing unexpected anywhere.
    const verwachteBestanden = new Set([
      KAPOT.geenOpgave,
      KAPOT.geenXlsx,
      KAPOT.dubbel,
      KAPOT.buitenProvincie,
      KAPOT.provincieWerkboek,
      ...[
        KAPOT.andereVersie,
        KAPOT.vervormd,
        KAPOT.negatief,
        KAPOT.tekst,
        KAPOT.tekstGetal,
        KAPOT.totaal,
        KAPOT.startperiode,
        KAPOT.onderbroken,
        KAPOT.geenInvoer,
        KAPOT.opvang,
      ].map(f),
      null,
    ]);
    expect(c.controles.filter((x) => !verwachteBestanden.has(x.bestand as never))).toEqual([]);
    // One finding per check, plus the consequences of the rejected cells of Bunnik and Lopik: later periods do
    // not count (no "uitkomst klopt niet" for Lopik: its text stops the workbook's own chain just the same).
    expect(c.controles.length).toBe(19);
    expect(een("verloopOnderbroken", f(KAPOT.tekstGetal), KAPOT.tekstGetal).melding).toContain("2022-II");
    expect(c.controles.some((x) => x.soort === "totaalWijktAf" && x.bestand === f(KAPOT.tekstGetal))).toBe(
      false,
    );
    expect(een("verloopOnderbroken", f(KAPOT.negatief), KAPOT.negatief).melding).toContain(
      // Before: "in 2023-I is Gehuisvest leeg", of a cell holding -3.
      "Het verloop stopt na 2022-II: in 2023-I is Gehuisvest geen bruikbaar getal (Taakstelling!G21, zie de " +
        "melding bij die cel).",
    );
    // Stable, unique ids: about the replaced file with its name; about a gemeente's cell in the file used for it
    // without (a resend under another name keeps the finding, and the coordinator's Afgehandeld on it).
    expect(new Set(c.controles.map((x) => x.id)).size).toBe(c.controles.length);
    expect(dubbel.id).toBe(`dubbel|${KAPOT.dubbel}|${code("Amersfoort")}`);
    expect(neg.id).toBe(`negatief||${code(KAPOT.negatief)}|Taakstelling!G21`);
  });

  test("status per gemeente and the file list say what was used", () => {
    expect(rij("Amersfoort").statusTekst).toBe("in orde");
    expect(rij(KAPOT.negatief).statusTekst).toBe("1 fout, 1 waarschuwing");
    // See the known disagreement above: "1 waarschuwing" once the consolidation stops at text as the workbook does.
    expect(rij(KAPOT.tekstGetal).statusTekst).toBe("1 fout, 1 waarschuwing");
    expect(rij(KAPOT.ontbreekt).statusTekst).toBe("ontbreekt");
    const gebruikt = Object.fromEntries(c.bestanden.map((x) => [x.bestand, x.gebruikt]));
    expect(gebruikt[KAPOT.dubbel]).toBe(false);
    expect(gebruikt[KAPOT.buitenProvincie]).toBe(false);
    expect(gebruikt[KAPOT.geenXlsx]).toBe(false);
    expect(gebruikt[`${slug("Amersfoort")}.xlsx`]).toBe(true);
    expect(c.bestanden.filter((x) => x.gebruikt)).toHaveLength(25);
    const regels = controleRegels(c);
    expect(regels).toContain(`${slug("Utrechtse Heuvelrug")}.xlsx (Utrechtse Heuvelrug): in orde`);
    expect(regels).toContain("  let op: Geen werkboek aangeleverd van 1 gemeente: Woerden.");
    expect(samenvattingRegels(c)[1]).toBe(
      `${bestanden.length} bestanden gelezen, 25 gebruikt; 25 van de 26 gemeenten aangeleverd.`,
    );
  });

  test("the written overview: table, totals row = sums, chart, Controle and Bron sheets", async () => {
    const wb = await leesData(overzicht);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Overzicht Utrecht", "Controle", "Bron"]);
    const ws = blad(wb, "Overzicht Utrecht");
    expect(tabelRef(ws, CONSOLIDATIE_TABELLEN.overzicht)).toBe("A9:W35");
    expect(celWaarde(ws.getCell("W9"))).toBe("Achtereen achter");
    const rijen = tabelRijen(ws, CONSOLIDATIE_TABELLEN.overzicht);
    expect(rijen).toHaveLength(26);
    for (const naam of NORMAAL) {
      const r = rijen.find((x) => x.Gemeente === naam)!;
      const m = rij(naam);
      expect([
        r.Achterstand,
        r.Voorsprong,
        r.Gehuisvest,
        r["Tekort opvang"],
        r["Jaarkosten (€)"],
        r["Achtereen achter"],
      ]).toEqual([
        m.achterstand,
        m.voorsprong,
        m.gehuisvest,
        m.opvang.tekort,
        m.kosten?.jaarkostenTotaal,
        m.achtereenAchter,
      ]);
    }
    // Not summed: the totals row leaves it blank.
    expect(ws.getCell("W36").value ?? null).toBeNull();
    // Totals row: SUM over the 26 rows; the consolidation's totals are those sums.
    expect(ws.getCell("B36").value).toBe("Totaal");
    expect(ws.getCell("K36").value).toMatchObject({ formula: 'IF(COUNT(K10:K35)=0,"",SUM(K10:K35))' });
    expect(ws.getCell("T36").value).toMatchObject({ formula: 'IF(COUNT(T10:T35)=0,"",SUM(T10:T35))' });
    const som = (kop: string) =>
      rijen.reduce((s, r) => s + (typeof r[kop] === "number" ? (r[kop] as number) : 0), 0);
    expect(c.totaal.achterstand).toBe(som("Achterstand"));
    expect(c.totaal.voorsprong).toBe(som("Voorsprong"));
    expect(c.totaal.opvang).toBe(som("Opvangdoel"));
    expect(c.totaal.jaarkostenTotaal).toBe(som("Jaarkosten (€)"));
    expect(c.totaal).toEqual(totalenVan(c.gemeenten));
    // Every gemeente is listed (delivered or not) with its target under its default decision.
    expect(c.totaal.opvang).toBe(UTRECHT.reduce((s, g) => s + engine.opvangGemeente(g.code).aantal, 0));
    expect(c.opvangDoelProvincie).toBe(engine.opvangProvincie("Utrecht").aantal);
    expect(rijen.map((r) => r["Besluit opvang"])).toEqual(
      UTRECHT.map((g) => engine.opvangGemeente(g.code).besluit.id),
    );

    const zip = await JSZip.loadAsync(overzicht);
    const chart = (await zip.file("xl/charts/chart1.xml")?.async("string")) ?? "";
    expect(chart).toContain("<c:f>'Overzicht Utrecht'!$B$10:$B$35</c:f>");
    expect(chart).toContain("<c:f>'Overzicht Utrecht'!$K$10:$K$35</c:f>");

    const controle = tabelRijen(blad(wb, "Controle"), CONSOLIDATIE_TABELLEN.controle);
    expect(controle.map((x) => x.Id)).toEqual(c.controles.map((x) => x.id));
    expect(controle[0]).toMatchObject({ Ernst: "fout" });
    const bronRijen = tabelRijen(blad(wb, "Bron"), CONSOLIDATIE_TABELLEN.aanleveringen);
    expect(bronRijen.map((x) => x.Bestand)).toEqual(bestanden);
    expect(celWaarde(blad(wb, "Bron").getCell("B10"))).toBe("consolidatie provincie PV26 (Utrecht)");
  });

  test("supervision signal at the default threshold: every gemeente whose ledger ends 4+ half-years behind", () => {
    const d = consolideer(engine, aanleveringen);
    expect(d.toezichtDrempel).toBe(4);
    const signalen = d.controles.filter((x) => x.soort === "toezichtSignaal");
    const verwachtLijst = d.gemeenten
      .filter((r) => r.status === "aangeleverd" && (r.achtereenAchter ?? 0) >= 4)
      .map((r) => [r.bestand, r.naam]);
    expect(signalen.map((x) => [x.bestand, x.gemeente?.naam])).toEqual(expect.arrayContaining(verwachtLijst));
    expect(signalen).toHaveLength(verwachtLijst.length);
    expect(signalen.length).toBeGreaterThan(0);
    for (const x of signalen) {
      expect(x.ernst).toBe("waarschuwing");
      expect(x.melding).toContain("provinciale praktijk, geen wettelijke regel");
    }
    // The count is the recomputed ledger's (the engine's ledger of the injected inputs).
    for (const naam of NORMAAL) {
      const i = UTRECHT.findIndex((g) => g.naam === naam);
      expect({ naam, n: d.gemeenten.find((x) => x.naam === naam)?.achtereenAchter }).toEqual({
        naam,
        n: verwacht(naam, invoerVan(i)).achtereenAchter,
      });
    }
    // Everything else is what the run without the signal found.
    expect(d.controles.filter((x) => x.soort !== "toezichtSignaal").map((x) => x.id)).toEqual(
      c.controles.map((x) => x.id),
    );
  });

  test("re-run with an updated file: notes, Afgehandeld and an own column survive; the new value appears", async () => {
    // The coordinator works in the overview.
    const wb = await leesData(overzicht);
    const ws = blad(wb, "Overzicht Utrecht");
    const rijZeist = 10 + c.gemeenten.findIndex((r) => r.naam === "Zeist");
    ws.getCell(`V${rijZeist}`).value = "gebeld op 3-12, cijfers volgen";
    const tabel = (ws as unknown as { tables: Record<string, { table: Record<string, unknown> }> }).tables[
      CONSOLIDATIE_TABELLEN.overzicht
    ]!.table;
    (tabel.columns as { name: string }[]).push({ name: "Contactpersoon" });
    tabel.tableRef = "A9:X35";
    tabel.autoFilterRef = "A9:X35";
    ws.getCell("X9").value = "Contactpersoon";
    ws.getCell(`X${rijZeist}`).value = "J. Jansen";
    const cw = blad(wb, "Controle");
    const rijNeg = 5 + c.controles.findIndex((x) => x.soort === "negatief");
    cw.getCell(`H${rijNeg}`).value = "gemeente vraagt correctie";
    wb.addWorksheet("Mijn analyse").getCell("A1").value = "eigen werk";
    const bewerkt = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);

    // Zeist sends an update: more housed in 2024-I.
    const fZeist = path.join(lever, `${slug("Zeist")}.xlsx`);
    const wz = await lees(fZeist);
    const tz = blad(wz, "Taakstelling");
    tz.getCell(`G${rijVan(tz, "2024-I")}`).value = 77;
    await wz.xlsx.writeFile(fZeist);
    const iZ = UTRECHT.findIndex((g) => g.naam === "Zeist");
    const invZ = invoerVan(iZ);
    invZ.gehuisvest[4] = 77;
    const vZ = verwacht("Zeist", invZ);

    const nieuw: Aanlevering[] = [];
    for (const f of bestanden) nieuw.push(await leesAanlevering(f, await fs.readFile(path.join(lever, f))));
    const c2 = consolideer(engine, nieuw, ZONDER_TOEZICHT);
    const { data, rapport } = await schrijfXlsx(
      planConsolidatie(c2, { ...bron, gemaakt: "2026-12-05T08:00:00Z" }),
      bewerkt,
    );
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.invoerBehouden).toBe(3); // note, own column value, Afgehandeld
    expect(rapport.wijzigingen).toContainEqual({
      plek: `${CONSOLIDATIE_TABELLEN.overzicht} ${code("Zeist")}: Gehuisvest`,
      oud: rij("Zeist").gehuisvest,
      nieuw: vZ.gehuisvest,
    });

    const na = await leesData(data);
    const o = blad(na, "Overzicht Utrecht");
    expect(tabelRef(o, CONSOLIDATIE_TABELLEN.overzicht)).toBe("A9:X35");
    const z = tabelRijen(o, CONSOLIDATIE_TABELLEN.overzicht).find((x) => x.Gemeente === "Zeist")!;
    expect(z.Notities).toBe("gebeld op 3-12, cijfers volgen");
    expect(z.Contactpersoon).toBe("J. Jansen");
    expect(z.Gehuisvest).toBe(vZ.gehuisvest);
    expect(z.Achterstand).toBe(vZ.achterstand);
    const ctrl = tabelRijen(blad(na, "Controle"), CONSOLIDATIE_TABELLEN.controle);
    expect(ctrl.find((x) => String(x.Id).startsWith("negatief|"))?.Afgehandeld).toBe(
      "gemeente vraagt correctie",
    );
    expect(celWaarde(blad(na, "Mijn analyse").getCell("A1"))).toBe("eigen werk");
    // The chart is made again (exceljs dropped it on load), not duplicated.
    const zip = await JSZip.loadAsync(data);
    expect(Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(1);
  });

  test("re-run after a gemeente sent its workbook again under another name: its findings keep the coordinator's Afgehandeld", async () => {
    const wb = await leesData(overzicht);
    const negatief = c.controles.find((x) => x.soort === "negatief");
    blad(wb, "Controle").getCell(`H${5 + c.controles.indexOf(negatief!)}`).value =
      "gemeente vraagt correctie";
    const bewerkt = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    // The same workbook, as "Bunnik_v2.xlsx" instead of "bunnik.xlsx".
    const nieuweNaam = (f: string) => (f === negatief?.bestand ? "Bunnik_v2.xlsx" : f);
    const nieuw: Aanlevering[] = [];
    for (const f of bestanden)
      nieuw.push(await leesAanlevering(nieuweNaam(f), await fs.readFile(path.join(lever, f))));
    const c2 = consolideer(engine, nieuw, ZONDER_TOEZICHT);
    const { data, rapport } = await schrijfXlsx(
      planConsolidatie(c2, { ...bron, gemaakt: "2026-12-05T08:00:00Z" }),
      bewerkt,
    );
    // Before: the id held the file's name, so the mark went to an orphan row and the finding came back unhandled.
    expect(rapport.verweesd).toEqual([]);
    const ctrl = tabelRijen(blad(await leesData(data), "Controle"), CONSOLIDATIE_TABELLEN.controle);
    expect(ctrl.find((x) => x.Id === negatief?.id)).toMatchObject({
      Bestand: "Bunnik_v2.xlsx",
      Ernst: "fout",
      Afgehandeld: "gemeente vraagt correctie",
    });
  });

  test("re-run where a finding no longer occurs: its row stays for its Afgehandeld, marked vervallen, not as an error", async () => {
    const wb = await leesData(overzicht);
    const cw = blad(wb, "Controle");
    const negatief = c.controles.find((x) => x.soort === "negatief");
    expect(negatief?.ernst).toBe("fout");
    cw.getCell(`H${5 + c.controles.indexOf(negatief!)}`).value = "gemeente vraagt correctie";
    const bewerkt = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    // The next run no longer finds it (the gemeente corrected its workbook).
    const c2 = { ...c, controles: c.controles.filter((x) => x !== negatief) };
    const { data, rapport } = await schrijfXlsx(
      planConsolidatie(c2, { ...bron, gemaakt: "2026-12-05T08:00:00Z" }),
      bewerkt,
    );
    // Named as the row shows it (its Controle, Gemeente, Bestand, Cel), not by its hidden Id
    // ("negatief||GM0…|Taakstelling!G…").
    expect(rapport.verweesd).toEqual([
      {
        tabel: CONSOLIDATIE_TABELLEN.controle,
        sleutel: `negatief getal, ${negatief?.gemeente?.naam}, ${negatief?.bestand}, ${negatief?.plek}`,
      },
    ]);
    expect(rapportRegels(rapport, false)).toContain(
      "Rijen met uw invoer die niet meer bij de gegevens horen (onderaan hun tabel bewaard): " +
        `Opgave_Controle: negatief getal, ${negatief?.gemeente?.naam}, ${negatief?.bestand}, ${negatief?.plek}.`,
    );
    const ctrl = tabelRijen(blad(await leesData(data), "Controle"), CONSOLIDATIE_TABELLEN.controle);
    // Before: still "fout" at the bottom, one error more in the table than the count above it says.
    expect(ctrl.at(-1)).toMatchObject({
      Ernst: "vervallen",
      Id: negatief?.id,
      Afgehandeld: "gemeente vraagt correctie",
      Melding: negatief?.melding,
    });
    expect(ctrl.filter((x) => x.Ernst === "fout")).toHaveLength(
      c2.controles.filter((x) => x.ernst === "fout").length,
    );
  });

  test("a date in a count (Excel made '5-1' 5 January): an error naming the date, never 45,296 persons", async () => {
    const wb = await lees(bestandVan("Zeist"));
    const t = blad(wb, "Taakstelling");
    const rij = rijVan(t, "2023-I");
    t.getCell(rij, 7).value = new Date(Date.UTC(2024, 0, 5));
    t.getCell(rij, 7).numFmt = "d-m-yyyy";
    const a = await leesAanlevering("datum.xlsx", (await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const p = a.problemen.find((x) => x.plek === `Taakstelling!G${rij}`);
    expect(p).toMatchObject({ soort: "ongeldigeInvoer", ernst: "fout" });
    expect(p?.melding).toBe(
      `Gehuisvest 2023-I in Taakstelling!G${rij} is een datum (5-1-2024), geen aantal: Excel rekent ermee als ` +
        "45.296. Deze cel telt niet mee; vul een getal in (celopmaak Getal of Standaard).",
    );
    expect(a.taakstelling?.rijen.find((r) => r.periode === "2023-I")?.gehuisvest).toBeNull();
    // The same number without the date format is a count (and no such error).
    t.getCell(rij, 7).value = 12;
    t.getCell(rij, 7).numFmt = "0";
    const b = await leesAanlevering("getal.xlsx", (await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(b.problemen.filter((x) => x.plek === `Taakstelling!G${rij}`)).toEqual([]);
  });

  test("an error value in a count (=1/0, #N/B): named as Dutch Excel shows it, de foutwaarde #DEEL/0!, not as text", async () => {
    const wb = await lees(bestandVan("Zeist"));
    const t = blad(wb, "Taakstelling");
    const [rij, rij2] = [rijVan(t, "2023-I"), rijVan(t, "2023-II")];
    t.getCell(rij, 7).value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
    t.getCell(rij2, 7).value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    const a = await leesAanlevering("fout.xlsx", (await wb.xlsx.writeBuffer()) as ArrayBuffer);
    // Before: 'is geen getal ("#DIV/0!")', an English code quoted as if typed.
    expect(
      a.problemen.filter((x) => x.plek === `Taakstelling!G${rij}` || x.plek === `Taakstelling!G${rij2}`),
    ).toEqual([
      expect.objectContaining({
        soort: "nietNumeriek",
        ernst: "fout",
        melding: `Gehuisvest 2023-I in Taakstelling!G${rij} is geen getal (de foutwaarde #DEEL/0!); deze cel telt niet mee. Vul een getal in.`,
      }),
      expect.objectContaining({
        soort: "nietNumeriek",
        melding: `Gehuisvest 2023-II in Taakstelling!G${rij2} is geen getal (de foutwaarde #N/B); deze cel telt niet mee. Vul een getal in.`,
      }),
    ]);
    expect(a.taakstelling?.rijen.find((r) => r.periode === "2023-I")?.gehuisvest).toBeNull();
  });

  test("a Beginsaldo that is text: no ledger in the overview (as the workbook's own: 'Beginsaldo is geen getal'), never one from 0", async () => {
    const wb = await lees(bestandVan("Zeist"));
    const t = blad(wb, "Taakstelling");
    t.getCell("B5").value = "onbekend";
    for (const p of ["2016-II", "2017-I", "2017-II"]) t.getCell(rijVan(t, p), 7).value = 30;
    const a = await leesAanlevering("zeist.xlsx", (await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(a.beginsaldoOnbekend).toBe(true);
    expect(a.problemen.find((x) => x.plek === "Taakstelling!B5")).toMatchObject({ ernst: "fout" });
    const z = consolideer(engine, [a], ZONDER_TOEZICHT).gemeenten.find((x) => x.naam === "Zeist");
    // Before: Beginsaldo 0 and an achterstand from it, counted in the province's totals.
    expect([z?.beginsaldo, z?.achterstand, z?.voorsprong, z?.verloop]).toEqual([null, null, null, []]);
    // Empty is 0, as in the workbook: the ledger runs.
    t.getCell("B5").value = null;
    const leeg = await leesAanlevering("zeist.xlsx", (await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(leeg.beginsaldoOnbekend).toBeUndefined();
    const z2 = consolideer(engine, [leeg], ZONDER_TOEZICHT).gemeenten.find((x) => x.naam === "Zeist");
    expect(z2?.beginsaldo).toBe(0);
    expect(z2?.verloop.length).toBeGreaterThan(0);
  });

  test("a workbook of a newer Opgave is refused with a clear reason; a development build is read", async () => {
    const wb = await lees(bestandVan("Zeist"));
    const b = blad(wb, "Bron");
    expect(celWaarde(b.getCell("A8"))).toBe("Versie invoegtoepassing");
    b.getCell("B8").value = "2.0.0";
    const nieuwer = await leesAanlevering("nieuwer.xlsx", (await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(nieuwer.bruikbaar).toBe(false);
    expect(nieuwer.problemen).toEqual([expect.objectContaining({ soort: "onbekendeVersie", ernst: "fout" })]);
    expect(nieuwer.problemen[0]?.melding).toContain(
      "gemaakt met Opgave 2.0.0; deze versie leest tot en met 1.x",
    );
    b.getCell("B8").value = "dev";
    const dev = await leesAanlevering("dev.xlsx", (await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect([dev.bruikbaar, dev.problemen]).toEqual([true, []]);
    // A Bron sheet whose labels are not the known ones: a layout this version cannot read.
    b.getCell("A9").value = "Datum gevuld";
    const anders = await leesAanlevering("anders.xlsx", (await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(anders.problemen[0]?.melding).toContain('blad Bron mist "Gevuld op"');
  });

  const lo = vindSoffice();
  (lo ? test : test.skip)(
    "LibreOffice: its results for filled files equal the recomputation; the overview's totals add up",
    async () => {
      const gemeenten = ["Utrecht", "Amersfoort", "Zeist", KAPOT.totaal].map((n) =>
        path.join(lever, `${slug(n)}.xlsx`),
      );
      const ov = path.join(map, "overzicht.xlsx");
      await fs.writeFile(ov, overzicht);
      const r = await herberekenMetLibreOffice(lo!, [...gemeenten, ov], path.join(map, "lo"));
      console.log(`LibreOffice: ${gemeenten.length + 1} werkboeken herberekend in ${r.ms} ms`);
      const gelezen: Aanlevering[] = [];
      for (const f of r.uitvoer.slice(0, gemeenten.length)) {
        gelezen.push(await leesAanlevering(path.basename(f), await fs.readFile(f)));
      }
      // The files now carry stored results everywhere (LibreOffice recalculated the wrong ones too).
      expect(gelezen.every((a) => a.kosten.jaarkostenTotaal !== undefined)).toBe(true);
      expect(gelezen.every((a) => a.taakstelling?.rijen.some((x) => x.opgeslagen.achterstand))).toBe(true);
      const c3 = consolideer(engine, gelezen, { provincie: "Utrecht", ...ZONDER_TOEZICHT });
      // Only the missing gemeenten and Utrecht's ledger running on to 2025-I (own taakstelling) are reported.
      expect(c3.controles.filter((x) => x.soort !== "ontbreekt").map((x) => x.soort)).toEqual([
        "eindperiodeVerschilt",
      ]);
      expect(c3.eindperioden.map((e) => e.periode)).toEqual(["2024-I", "2025-I"]);
      for (const n of ["Utrecht", "Amersfoort", "Zeist"]) {
        const x = c3.gemeenten.find((g) => g.naam === n)!;
        const a = gelezen.find((g) => g.onderwerp?.naam === n)!;
        expect([x.achterstand, x.voorsprong, x.tm]).toEqual([
          a.overzicht.achterstand?.waarde ?? null,
          a.overzicht.voorsprong?.waarde ?? null,
          a.overzicht.periode?.waarde ?? null,
        ]);
      }

      const wb = await lees(r.uitvoer[gemeenten.length]!);
      const ws = blad(wb, "Overzicht Utrecht");
      const kol = (l: string) => celWaarde(ws.getCell(`${l}36`));
      expect(kol("K")).toBe(c.totaal.achterstand);
      expect(kol("L")).toBe(c.totaal.voorsprong);
      expect(kol("M")).toBe(c.totaal.opvang);
      expect(kol("Q")).toBe(c.totaal.tekort);
      expect(kol("T")).toBe(c.totaal.jaarkostenTotaal);
    },
  );
});

// ---------------------------------------------------------------------------------------------------------
// Pure rules with hand-made deliveries

const aanlevering = handAanlevering;

describe("consolideer: rules", () => {
  test("a duplicate with the same 'Gevuld op' is refused: neither file is used, both are named", () => {
    // Different content (a copy of the same delivery counts once: tests/domain/consolideren.test.ts).
    const c = consolideer(engine, [
      aanlevering("a.xlsx", "Zeist"),
      aanlevering("b.xlsx", "Zeist", { beginsaldo: 5 }),
    ]);
    const d = c.controles.filter((x) => x.soort === "dubbel");
    expect(d.map((x) => [x.bestand, x.ernst])).toEqual([
      ["a.xlsx", "fout"],
      ["b.xlsx", "fout"],
    ]);
    expect(d[0]?.melding).toContain(
      "(a.xlsx, gevuld op 1-12-2026 11:00:00, bestand gewijzigd op onbekend en b.xlsx, gevuld op 1-12-2026 " +
        "11:00:00, bestand gewijzigd op onbekend)",
    );
    const z = c.gemeenten.find((x) => x.naam === "Zeist")!;
    expect([z.status, z.statusTekst, z.achterstand]).toEqual([
      "nietGebruikt",
      "niet gebruikt (dubbel)",
      null,
    ]);
    expect(c.controles.some((x) => x.soort === "ontbreekt" && x.gemeente?.naam === "Zeist")).toBe(false);
    // Before: "0 van de 26 gemeenten aangeleverd." while the list of missing gemeenten named 25 (not Zeist).
    expect(samenvattingRegels(c)[1]).toBe(
      "2 bestanden gelezen, 0 gebruikt; 0 van de 26 gemeenten aangeleverd en gebruikt; van Zeist is een werkboek " +
        "aangeleverd maar niet gebruikt (zie hierboven).",
    );
  });

  test("regions: a province with more than one veiligheidsregio gets sums per region", () => {
    const c = consolideer(engine, [
      aanlevering("zwolle.xlsx", "Zwolle"),
      aanlevering("enschede.xlsx", "Enschede"),
    ]);
    expect(c.provincie?.naam).toBe("Overijssel");
    expect(c.regios.map((r) => r.code)).toEqual(["VR04", "VR05"]);
    expect(c.regios.reduce((s, r) => s + r.totaal.gemeenten, 0)).toBe(c.totaal.gemeenten);
    expect(c.regios.reduce((s, r) => s + (r.totaal.opvang ?? 0), 0)).toBe(c.totaal.opvang);
    expect(c.regios.reduce((s, r) => s + (r.totaal.achterstand ?? 0), 0)).toBe(c.totaal.achterstand);
    const plan = planConsolidatie(c, bron);
    expect(plan.bladen.map((b) => b.naam)).toEqual([
      "Overzicht Overijssel",
      "Veiligheidsregio's",
      "Controle",
      "Bron",
    ]);
  });

  test("--provincie wins over the majority; a version differing only from the engine is reported per file", () => {
    const oud = (a: Aanlevering): Aanlevering => ({ ...a, bron: { ...a.bron!, versie: "2026.01.01" } });
    const c = consolideer(
      engine,
      [oud(aanlevering("zeist.xlsx", "Zeist")), oud(aanlevering("zwolle.xlsx", "Zwolle"))],
      { provincie: "Utrecht" },
    );
    expect([c.provincie?.naam, c.provincieHerkomst]).toEqual(["Utrecht", "opgegeven"]);
    const v = c.controles.filter((x) => x.soort === "andereVersie");
    expect(v.map((x) => x.bestand)).toEqual(["zeist.xlsx", "zwolle.xlsx"]);
    expect(v[0]?.melding).toContain(`het overzicht rekent met opgave-standaard ${engine.dataset.versie}`);
  });

  test("nothing usable: no province, no rows, the summary says so", () => {
    const c = consolideer(engine, [onbruikbareAanlevering("x.xlsx", [])]);
    expect(c.provincie).toBeUndefined();
    expect(c.gemeenten).toEqual([]);
    expect(samenvattingRegels(c)[0]).toMatch(/^Geen provincie/);
    expect(planConsolidatie(c, bron).bladen[0]?.naam).toBe("Overzicht");
  });
});

// ---------------------------------------------------------------------------------------------------------
// A workbook across a herindeling: the file's formulas, the stored results and the recomputation agree

describe("a gemeente workbook across a merger (Voorne aan Zee from 2022-II)", () => {
  const gehuisvest: Record<string, number> = { "2022-II": 50, "2023-I": 80, "2023-II": 60 };
  let map: string;
  let bestand: string;

  beforeAll(async () => {
    map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-voorne-"));
    bestand = path.join(map, "voorne-aan-zee.xlsx");
    const wb = await leesData((await schrijfXlsx(planGemeente(engine, "Voorne aan Zee", bron))).data);
    const t = blad(wb, "Taakstelling");
    t.getCell("B4").value = "2022-II";
    t.getCell("B5").value = 5;
    for (const [p, n] of Object.entries(gehuisvest)) t.getCell(`G${rijVan(t, p)}`).value = n;
    zetResultaten(wb); // the stored results, as Excel leaves them on saving
    await wb.xlsx.writeFile(bestand);
  });

  afterAll(async () => {
    if (map) await fs.rm(map, { recursive: true, force: true });
  });

  const ledger = () => engine.verloop("Voorne aan Zee", "2023-II", Object.values(gehuisvest), 5);

  test("the workbook's 2022-II row is the territory's 58 and its chain runs on; the overview agrees", async () => {
    const a = await leesAanlevering("voorne-aan-zee.xlsx", await fs.readFile(bestand));
    const rij2022 = a.taakstelling?.rijen.find((r) => r.periode === "2022-II");
    expect(rij2022?.taakstelling).toBe(58);
    const regels = ledger();
    expect(regels[0]?.taakstelling).toBe(58);
    expect(rij2022?.opgeslagen.achterstand?.waarde).toBe(regels[0]?.achterstand);
    const c = consolideer(engine, [a], { provincie: "Zuid-Holland" });
    const v = c.gemeenten.find((r) => r.naam === "Voorne aan Zee")!;
    expect(v.verloop).toEqual(regels);
    expect([v.vanaf, v.tm]).toEqual(["2022-II", "2023-II"]);
    // The file's own results equal the recomputation: no "uitkomst klopt niet", no break.
    expect(c.controles.filter((x) => x.bestand === "voorne-aan-zee.xlsx").map((x) => x.soort)).toEqual([]);
  });

  const lo = vindSoffice();
  (lo ? test : test.skip)("LibreOffice computes the same chain across the merger", async () => {
    const r = await herberekenMetLibreOffice(lo!, [bestand], path.join(map, "lo"));
    const t = blad(await lees(r.uitvoer[0]!), "Taakstelling");
    const regels = ledger();
    for (const [i, p] of Object.keys(gehuisvest).entries()) {
      expect({ p, ach: celWaarde(t.getCell(`I${rijVan(t, p)}`)) }).toEqual({
        p,
        ach: regels[i]?.achterstand,
      });
    }
  });
});
