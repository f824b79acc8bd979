/**
 * The input column "Landelijk getal (eigen invoer)" of the gemeente workbook's Taakstelling table (issue 14): a
 * national number L typed in a row makes "Taakstelling (gebruikt)" art. 29 with it, ⌈L × Inwoners / Inwoners
 * Nederland⌉ on the row's reference date — what OPGAVE.TAAKSTELLING(gemeente; periode; L) and the ledger functions
 * with `landelijk` give, also for a territory before a herindeling (the sum of the parts) — as live formulas (the
 * evaluator's values here; LibreOffice's in libreofficeResultaten.test.ts); an own taakstelling still wins; without
 * the reference date's inhabitants the row stays blank with the reason. And the refill of a workbook of the previous
 * layout (no such column): the new columns are added at the end of the table, after the user's own column, named in
 * the report, nothing typed is lost or moved, the plan's formulas follow the columns — in the .xlsx writer and in
 * the Office.js writer (fake Excel).
 */
import ExcelJS from "exceljs";
import { consolideer, ketenDag, ketenTaakstelling } from "../../src/domain/consolideren";
import { OpgaveFout } from "../../src/domain/fouten";
import { parsePeriode, periodeCode } from "../../src/domain/periode";
import { planGemeente } from "../../src/workbook/bouwPlan";
import { TAAKSTELLING_KOLOMMEN, VALIDATIES } from "../../src/workbook/indeling";
import { schrijfNaarExcel } from "../../src/workbook/officeWriter";
import type { Cel, TabelPlan, WerkboekPlan } from "../../src/workbook/plan";
import { leesAanlevering } from "../../src/workbook/lezen";
import { rekenPlan, type Uitkomst } from "../../src/workbook/rekenen";
import { zetResultaten } from "../../src/workbook/xlsxResultaten";
import { schrijfXlsx } from "../../src/workbook/xlsxWriter";
import { engine } from "../domain/helpers";
import { FakeExcel, FakeWerkmap } from "../helpers/fakeExcel";
import { bewaarXlsx, blad, leesXlsx, rijVan, tabelRef, TEST_BRON } from "./werkboekHulp";

jest.setTimeout(60_000);

const utrecht = planGemeente(engine, "Utrecht", TEST_BRON);

function taakTabel(plan: WerkboekPlan): TabelPlan {
  const t = plan.bladen.find((b) => b.naam === "Taakstelling")?.tabellen[0];
  if (!t) throw new Error("geen Taakstelling-tabel");
  return t;
}

/** Column letter of a Taakstelling column of the plan (the table starts in A). */
const letter = (sleutel: string): string =>
  String.fromCharCode(65 + TAAKSTELLING_KOLOMMEN.findIndex((k) => k.sleutel === sleutel));
const L = letter("landelijkEigen");
const TG = letter("taakstellingGebruikt");
const VERLOOP = letter("verloop");

/** Sheet row of a period in a plan's Taakstelling table. */
function rijIn(plan: WerkboekPlan, periode: string): number {
  const t = taakTabel(plan);
  const i = t.rijen.findIndex((r) => r[0] === periode);
  if (i < 0) throw new Error(`geen rij ${periode}`);
  return t.start.rij + 1 + i;
}

/** The Taakstelling sheet's values with the user's inputs (sheet address → value). */
function reken(plan: WerkboekPlan, invoer: Record<string, string | number>): Map<string, Uitkomst> {
  return rekenPlan(plan, (b, a) => (b === "Taakstelling" ? invoer[a] : undefined)).get("Taakstelling")!;
}

function eigen(gemeente: string, periode: string, landelijk: number): number {
  return engine.taakstellingEigen(gemeente, periode, landelijk).aantal;
}

describe("the column and its rule (the plan, computed)", () => {
  test("the column is an input column at the end, with a whole-number validation 1..200000 in Dutch", () => {
    const koppen = TAAKSTELLING_KOLOMMEN.map((k) => k.kop);
    expect(koppen.slice(-3)).toEqual([
      "Landelijk getal (eigen invoer)",
      "Inwoners Nederland",
      "Peildatum inwoners",
    ]);
    const k = TAAKSTELLING_KOLOMMEN.find((x) => x.sleutel === "landelijkEigen");
    expect(k?.soort).toBe("invoer");
    expect(k?.validatie).toEqual(VALIDATIES.landelijkEigen);
    expect(VALIDATIES.landelijkEigen).toMatchObject({ soort: "geheel", min: 1, max: 200_000 });
    expect(VALIDATIES.landelijkEigen.titel.length).toBeLessThanOrEqual(32);
    expect(VALIDATIES.landelijkEigen.invoer.length).toBeLessThanOrEqual(255);
    expect(VALIDATIES.landelijkEigen.fout.length).toBeLessThanOrEqual(255);
  });

  test("each row holds the inhabitants of the Netherlands and the reference date (a date cell), or none", () => {
    const t = taakTabel(utrecht);
    const iN = t.kolommen.findIndex((k) => k.sleutel === "inwonersNederland");
    const datum = t.kolommen.findIndex((k) => k.sleutel === "peildatumInwoners");
    const rij = (p: string) => t.rijen[rijIn(utrecht, p) - 8] as Cel[];
    expect(rij("2024-II")[iN]).toBe(engine.taakstellingEigen("Utrecht", "2024-II", 1).herkomst.iN);
    expect(rij("2024-II")[datum]).toBe(44927); // 1-1-2023 as an Excel serial
    expect(rij("2026-I")[iN]).toBeNull(); // 1-1-2025 is not in the data
    expect(t.kolommen[datum]?.notatie).toBe("d-m-yyyy");
  });

  test("no national number in the data: L gives art. 29 with it, as TAAKSTELLING(…;L), and the ledger counts it", () => {
    const r = rijIn(utrecht, "2024-II");
    const invoer: Record<string, string | number> = { [`${L}${r}`]: 18_000, B4: "2024-II", [`G${r}`]: 100 };
    const w = reken(utrecht, invoer);
    expect(w.get(`${TG}${r}`)).toBe(eigen("Utrecht", "2024-II", 18_000));
    expect(w.get(`${TG}${r}`)).toBe(Math.ceil((18_000 * 367_947) / 17_811_291));
    expect(typeof w.get(`I${r}`)).toBe("number"); // the chain runs through the row
    expect(String(w.get(`${VERLOOP}${r}`))).toContain("landelijk getal eigen invoer 18000");
    // Without L the chain stops there, as before.
    const zonder = reken(utrecht, { ...invoer, [`${L}${r}`]: "" });
    expect(zonder.get(`${TG}${r}`)).toBe("");
    expect(String(zonder.get(`${VERLOOP}${r}`))).toMatch(/^Verloop stopt: vul de taakstelling 2024-II in/);
  });

  test("with a national number in the data L still wins; an own taakstelling wins over L", () => {
    const r = rijIn(utrecht, "2024-I");
    const w = reken(utrecht, { [`${L}${r}`]: 30_000 });
    expect(w.get(`${TG}${r}`)).toBe(eigen("Utrecht", "2024-I", 30_000));
    expect(w.get(`${TG}${r}`)).not.toBe(engine.taakstelling("Utrecht", "2024-I").aantal);
    const metEigen = reken(utrecht, { [`${L}${r}`]: 30_000, [`F${r}`]: 5 });
    expect(metEigen.get(`${TG}${r}`)).toBe(5);
    expect(metEigen.get(`${VERLOOP}${r}`)).not.toContain("landelijk getal eigen invoer");
  });

  test("the reference date's inhabitants outside the data, text, 0 or a fraction: blank with the reason, no guess", () => {
    const r = rijIn(utrecht, "2026-I");
    const buiten = reken(utrecht, { [`${L}${r}`]: 18_000 });
    expect(buiten.get(`${TG}${r}`)).toBe("");
    const reden = vang(() => eigen("Utrecht", "2026-I", 18_000));
    expect(reden).toMatch(/^Voor 2026-I zijn de inwoners op 1-1-2025 nodig/);
    expect(buiten.get(`${VERLOOP}${r}`)).toBe(`Landelijk getal (eigen invoer) 2026-I: ${reden}`);
    for (const [l, reden] of [
      ["ca. 18000", "Landelijk getal (eigen invoer) 2024-II is geen getal"],
      [0, "Landelijk getal (eigen invoer) 2024-II moet een geheel getal van 1 tot en met 200.000 zijn"],
      [18_000.5, "moet een geheel getal"],
      [250_000, "moet een geheel getal"],
    ] as const) {
      const r2 = rijIn(utrecht, "2024-II");
      const w = reken(utrecht, { [`${L}${r2}`]: l });
      expect(w.get(`${TG}${r2}`)).toBe("");
      expect(String(w.get(`${VERLOOP}${r2}`))).toContain(reden);
    }
  });

  test("a territory before a herindeling: the sum of the parts, each ⌈L × iG / iN⌉, as the ledger functions", () => {
    const plan = planGemeente(engine, "Voorne aan Zee", TEST_BRON);
    const g = engine.gemeente("Voorne aan Zee");
    const perioden = taakTabel(plan).rijen.map((x) => parsePeriode(String(x[0])));
    const opDag = ketenDag(engine, g, perioden);
    for (const periode of ["2022-II", "2019-I"]) {
      const r = rijIn(plan, periode);
      const w = reken(plan, { [`${L}${r}`]: 21_333 });
      const verwacht = ketenTaakstelling(engine, g, parsePeriode(periode), opDag, 21_333);
      if (verwacht instanceof OpgaveFout) throw verwacht;
      expect(verwacht.delen.length).toBe(3);
      expect(w.get(`${TG}${r}`)).toBe(verwacht.aantal);
    }
  });
});

/** The message of an OpgaveFout `f` throws ("" when it does not throw). */
function vang(f: () => unknown): string {
  try {
    f();
    return "";
  } catch (e) {
    return e instanceof OpgaveFout ? e.message : String(e);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Refill of the previous layout

/** The plan as the previous version wrote it: the Taakstelling table without the three new columns. */
function vorigeIndeling(plan: WerkboekPlan): WerkboekPlan {
  const n = TAAKSTELLING_KOLOMMEN.findIndex((k) => k.sleutel === "landelijkEigen");
  return {
    ...plan,
    bladen: plan.bladen.map((b) => ({
      ...b,
      tabellen: b.tabellen.map((t) =>
        t.naam !== "Opgave_Taakstelling"
          ? t
          : {
              ...t,
              kolommen: t.kolommen.slice(0, n),
              // The previous amber rule did not know L: its earlier formula.
              opmaak: t.opmaak?.map(({ eerder, ...o }) => (eerder?.[0] ? { ...o, formule: eerder[0] } : o)),
              rijen: t.rijen.map((r, i) => {
                const rij = r.slice(0, n);
                const nr = t.start.rij + 1 + i;
                // The previous "Taakstelling (gebruikt)": own input, else the dataset's.
                rij[n - 2] = {
                  formule: `=IF(ISNUMBER(F${nr}),F${nr},IF(AND(F${nr}="",ISNUMBER(D${nr})),D${nr},""))`,
                };
                return rij;
              }),
            },
      ),
    })),
  };
}

const NIEUW = ["Landelijk getal (eigen invoer)", "Inwoners Nederland", "Peildatum inwoners"];

describe("refill (.xlsx) of a workbook of the previous layout", () => {
  let oud: Uitkomst | undefined;
  let r2024: number;
  let data: Uint8Array;
  let rapport: Awaited<ReturnType<typeof schrijfXlsx>>["rapport"];

  beforeAll(async () => {
    const eerste = await leesXlsx((await schrijfXlsx(vorigeIndeling(utrecht))).data);
    const t = blad(eerste, "Taakstelling");
    expect(tabelRef(t, "Opgave_Taakstelling")).toBe("A7:M27");
    r2024 = rijVan(t, "2024-II");
    // The user's input, a column of their own appended to the table, and formulas on the sheet's cells.
    t.getCell("G8").value = 120;
    t.getCell(`F${r2024}`).value = 300;
    const tabel = (t as unknown as { tables: Record<string, { table: Record<string, unknown> }> }).tables
      .Opgave_Taakstelling!.table;
    (tabel.columns as { name: string }[]).push({ name: "Notitie" });
    tabel.tableRef = "A7:N27";
    tabel.autoFilterRef = "A7:N27";
    t.getCell("N7").value = "Notitie";
    t.getCell("N9").value = "nagevraagd";
    const mijn = eerste.addWorksheet("Mijn");
    mijn.getCell("A1").value = { formula: "Taakstelling!N9" } as ExcelJS.CellFormulaValue; // Notitie
    mijn.getCell("A2").value = { formula: "Taakstelling!D10" } as ExcelJS.CellFormulaValue; // Taakstelling 2017-II
    oud = t.getCell("D10").value as Uitkomst;
    ({ data, rapport } = await schrijfXlsx(utrecht, await bewaarXlsx(eerste)));
  });

  test("the table is written, not skipped; the new columns come after the user's column and are named", async () => {
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.wijzigingen.slice(0, 3)).toEqual([
      {
        plek: 'Opgave_Taakstelling: kolom "Landelijk getal (eigen invoer)"',
        oud: null,
        nieuw: "nieuwe invoerkolom (leeg), achteraan de tabel",
      },
      {
        plek: 'Opgave_Taakstelling: kolom "Inwoners Nederland"',
        oud: null,
        nieuw: "nieuwe kolom, achteraan de tabel",
      },
      {
        plek: 'Opgave_Taakstelling: kolom "Peildatum inwoners"',
        oud: null,
        nieuw: "nieuwe kolom, achteraan de tabel",
      },
    ]);
    // No change per row for the new columns.
    expect(rapport.wijzigingen.filter((w) => NIEUW.some((k) => w.plek.endsWith(`: ${k}`)))).toEqual([]);
    const t = blad(await leesXlsx(data), "Taakstelling");
    expect(tabelRef(t, "Opgave_Taakstelling")).toBe("A7:Q27");
    expect(["M", "N", "O", "P", "Q"].map((k) => t.getCell(`${k}7`).value)).toEqual([
      "Verloop",
      "Notitie",
      ...NIEUW,
    ]);
  });

  test("the amber rule of the previous layout is replaced by one that knows L (in column O now), not kept as the user's", async () => {
    const t = blad(await leesXlsx(data), "Taakstelling");
    const opmaak = (
      t as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }
    ).conditionalFormattings;
    const opF = opmaak.filter((cf) => cf.ref.startsWith("F8"));
    expect(opF.flatMap((cf) => cf.rules.map((r) => r.formulae?.[0]))).toEqual([
      expect.stringMatching(/^AND\(AND\(D8="",F8="",O8=""\),/),
    ]);
  });

  test("nothing typed is lost or moved; the user's formulas read what they read", async () => {
    const wb = await leesXlsx(data);
    const t = blad(wb, "Taakstelling");
    expect(t.getCell("G8").value).toBe(120);
    expect(t.getCell(`F${r2024}`).value).toBe(300);
    expect(t.getCell("N9").value).toBe("nagevraagd");
    expect(t.getCell("O9").value).toBeNull(); // the new input column starts empty
    expect(blad(wb, "Mijn").getCell("A1").value).toMatchObject({ formula: "Taakstelling!N9" });
    expect(t.getCell("D10").value).toBe(oud);
    expect(rapport.invoerBehouden).toBe(3);
  });

  test("the plan's formulas follow the columns; L typed in the refilled workbook computes art. 29", async () => {
    const wb = await leesXlsx(data);
    const t = blad(wb, "Taakstelling");
    const r = rijVan(t, "2024-I");
    const formule = (t.getCell(`${TG}${r}`).value as { formula: string }).formula;
    expect(formule).toContain(`ROUNDUP(O${r}*C${r}/P${r},0)`);
    expect(formule).not.toContain(`N${r}`);
    t.getCell(`O${r}`).value = 30_000;
    zetResultaten(wb);
    expect((t.getCell(`${TG}${r}`).value as { result: unknown }).result).toBe(
      eigen("Utrecht", "2024-I", 30_000),
    );
    // Validation of the new input column, where it is written.
    expect(t.getCell(`O${r}`).dataValidation).toMatchObject({
      type: "whole",
      operator: "between",
      formulae: [1, 200000],
    });
  });

  test("a second refill changes nothing more", async () => {
    const twee = await schrijfXlsx(utrecht, data);
    expect(twee.rapport.overgeslagen).toEqual([]);
    expect(twee.rapport.wijzigingen).toEqual([]);
    expect(tabelRef(blad(await leesXlsx(twee.data), "Taakstelling"), "Opgave_Taakstelling")).toBe("A7:Q27");
  });
});

describe("refill (Office.js, fake Excel) of a workbook of the previous layout", () => {
  test("the new columns are added after the user's column; formulas follow them; inputs stay", async () => {
    const wm = new FakeWerkmap();
    await schrijfNaarExcel(new FakeExcel(wm).context, vorigeIndeling(utrecht));
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A7:M27");
    const fx = new FakeExcel(wm);
    fx.context.workbook.tables
      .getItem("Opgave_Taakstelling")
      .columns.add(undefined, [
        ["Notitie"],
        ...Array.from({ length: 20 }, (_, i) => [i === 1 ? "nagevraagd" : ""]),
      ]);
    await fx.context.sync();
    wm.zet("Taakstelling", "G8", 120);
    const r = rijIn(utrecht, "2024-I");

    const rapport = await schrijfNaarExcel(new FakeExcel(wm).context, utrecht);

    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.wijzigingen.slice(0, 3).map((w) => w.plek)).toEqual(
      NIEUW.map((k) => `Opgave_Taakstelling: kolom "${k}"`),
    );
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A7:Q27");
    expect(wm.formules("Taakstelling", "M7:Q7")).toEqual([["Verloop", "Notitie", ...NIEUW]]);
    expect(wm.waarde("Taakstelling", "N9")).toBe("nagevraagd");
    expect(wm.waarde("Taakstelling", "G8")).toBe(120);
    expect(wm.formule("Taakstelling", `${TG}${r}`)).toContain(`ROUNDUP(O${r}*C${r}/P${r},0)`);
    expect(wm.blad("Taakstelling").validaties.get(`O${r}`)?.regel).toMatchObject({
      wholeNumber: { formula1: 1, formula2: 200000, operator: "Between" },
    });
    // The previous amber rule is Opgave's (its earlier formula): replaced by one that knows L, not kept beside it.
    const amber = wm.blad("Taakstelling").opmaak.filter((o) => /F8=""/.test(o.formule ?? ""));
    expect(amber.map((o) => o.formule)).toEqual([expect.stringMatching(/^=?AND\(AND\(D8="",F8="",O8=""\),/)]);
  });
});

describe("the consolidation counts an own national number as the workbook does", () => {
  test("L without an own taakstelling: art. 29 with it in the overview's ledger; the file's results agree", async () => {
    const wb = await leesXlsx((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    const r = (p: string) => rijVan(t, p);
    t.getCell("B4").value = "2024-I";
    t.getCell(`${L}${r("2024-II")}`).value = 18_000;
    t.getCell(`${L}${r("2024-I")}`).value = 30_000;
    t.getCell(`F${r("2024-I")}`).value = 350; // an own taakstelling wins: L does not matter there
    t.getCell(`G${r("2024-I")}`).value = 300;
    t.getCell(`G${r("2024-II")}`).value = 320;
    // Refilled, so the stored results are the workbook's own with these inputs (as after Excel saved it).
    const bestand = (await schrijfXlsx(utrecht, await bewaarXlsx(wb))).data;
    const a = await leesAanlevering("utrecht.xlsx", bestand);
    expect(a.problemen).toEqual([]);
    expect(a.taakstelling?.rijen.find((x) => x.periode === "2024-II")?.landelijk).toBe(18_000);
    const c = consolideer(engine, [a]);
    const regel = c.gemeenten.find((g) => g.naam === "Utrecht");
    const t2 = eigen("Utrecht", "2024-II", 18_000);
    expect(regel?.verloop.map((v) => [periodeCode(v.periode), v.taakstelling])).toEqual([
      ["2024-I", 350],
      ["2024-II", t2],
    ]);
    expect(regel?.achterstand).toBe(Math.max(0, 350 - 300 + t2 - 320));
    // No finding that the file's stored results disagree: the consolidation computed what the workbook did.
    expect(c.controles.filter((x) => x.bestand === "utrecht.xlsx")).toEqual([]);
  });

  test("L out of range in a file: a finding, and the row counts without it", async () => {
    const wb = await leesXlsx((await schrijfXlsx(utrecht)).data);
    const t = blad(wb, "Taakstelling");
    t.getCell(`${L}${rijVan(t, "2024-II")}`).value = 5_000_000;
    const a = await leesAanlevering("utrecht.xlsx", await bewaarXlsx(wb));
    const c = consolideer(engine, [a]);
    expect(c.controles.map((x) => x.melding).join("\n")).toContain("Landelijk getal (eigen invoer) 2024-II");
  });

  test.each([
    ["F", "ca. 350", "Taakstelling (eigen invoer)"],
    [L, 5_000_000, "Landelijk getal (eigen invoer)"],
  ])(
    "a refused own input where no taakstelling is known (%s = %s): the ledger's stop names it and its cell",
    async (kolom, waarde, naam) => {
      const wb = await leesXlsx((await schrijfXlsx(utrecht)).data);
      const t = blad(wb, "Taakstelling");
      const r = (p: string) => rijVan(t, p);
      t.getCell("B4").value = "2024-I";
      t.getCell(`G${r("2024-I")}`).value = 300;
      t.getCell(`${kolom}${r("2024-II")}`).value = waarde;
      t.getCell(`G${r("2024-II")}`).value = 320;
      const c = consolideer(engine, [await leesAanlevering("utrecht.xlsx", await bewaarXlsx(wb))]);
      const stop = c.controles.find((x) => x.soort === "verloopOnderbroken");
      // Before: "in 2024-II is de taakstelling onbekend (vul Taakstelling (eigen invoer) in)", with something in it.
      expect(stop?.melding).toContain(
        `Het verloop stopt na 2024-I: in 2024-II is de taakstelling onbekend: ${naam} is geen bruikbaar getal ` +
          `(Taakstelling!${kolom}${r("2024-II")}, zie de melding bij die cel)`,
      );
      expect(c.controles.some((x) => x.plek === `Taakstelling!${kolom}${r("2024-II")}`)).toBe(true);
    },
  );
});

describe("refill of the previous layout without a column of the user's own", () => {
  test(".xlsx and Office.js: the new columns take their plan places, the inputs stay", async () => {
    const wb = await leesXlsx((await schrijfXlsx(vorigeIndeling(utrecht))).data);
    blad(wb, "Taakstelling").getCell("G8").value = 120;
    const { data, rapport } = await schrijfXlsx(utrecht, await bewaarXlsx(wb));
    expect(rapport.overgeslagen).toEqual([]);
    expect(rapport.wijzigingen.slice(0, 3).map((w) => w.plek)).toEqual(
      NIEUW.map((k) => `Opgave_Taakstelling: kolom "${k}"`),
    );
    const t = blad(await leesXlsx(data), "Taakstelling");
    expect(tabelRef(t, "Opgave_Taakstelling")).toBe("A7:P27");
    expect(t.getCell("G8").value).toBe(120);
    expect((t.getCell("L8").value as { formula: string }).formula).toContain("ROUNDUP(N8*C8/O8,0)");

    const wm = new FakeWerkmap();
    await schrijfNaarExcel(new FakeExcel(wm).context, vorigeIndeling(utrecht));
    wm.zet("Taakstelling", "G8", 120);
    const office = await schrijfNaarExcel(new FakeExcel(wm).context, utrecht);
    expect(office.overgeslagen).toEqual([]);
    expect(wm.tabelAdres("Opgave_Taakstelling")).toBe("Taakstelling!A7:P27");
    expect(wm.formules("Taakstelling", "N7:P7")).toEqual([NIEUW]);
    expect(wm.waarde("Taakstelling", "G8")).toBe(120);
    expect(wm.formule("Taakstelling", "L8")).toContain("ROUNDUP(N8*C8/O8,0)");
  });
});

test("no string constant in a formula of the gemeente workbook is longer than Excel's 255 characters", () => {
  for (const g of ["Utrecht", "Voorne aan Zee", "Tilburg", "Haaren"]) {
    const plan = planGemeente(engine, g, TEST_BRON);
    for (const b of plan.bladen)
      for (const t of b.tabellen)
        for (const r of t.rijen)
          for (const c of r)
            if (c && typeof c === "object" && "formule" in c)
              for (const m of c.formule.matchAll(/"((?:[^"]|"")*)"/g))
                expect(m[1]!.replace(/""/g, '"').length).toBeLessThanOrEqual(255);
  }
});
