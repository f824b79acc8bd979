/**
 * Bringing the OPGAVE cells up to date after the dataset changed (src/taskpane/excelHost.ts), on the fake Excel of
 * tests/helpers/fakeExcel.ts: every OPGAVE formula is re-entered as it was, nothing else is touched, in a fixed
 * number of syncs; without ExcelApi 1.9 (or when re-entering fails) a full recalculation instead.
 *
 * What the fake cannot show — to confirm in Excel on the web and in Excel for Windows with the add-in sideloaded
 * (npm start, manifest.xml) and a feed under your control (Instellingen → feed-adres):
 *   1. in a sheet type =OPGAVE.TAAKSTELLING("Utrecht";"2099-I") (shows #WAARDE!/#VALUE!: the period is not in the
 *      data) and =OPGAVE.TAAKSTELLING("Utrecht";"2025-I"), and the same two formulas on a second sheet;
 *   2. publish a newer signed bundle that adds period 2099-I and changes the 2025-I national figure;
 *   3. "Laatste besluit ophalen" → "Gebruik deze gegevens": all four cells show the new numbers (the former error
 *      cells too), no cell stays at #BUSY! on the web, and the pane reports "4 cellen met OPGAVE-formules opnieuw
 *      berekend" (findAll found the formulas, not only shown values);
 *   4. close and reopen the workbook with the pane: the cells keep the new numbers (the start-up re-entry).
 */
import { FakeExcel, FakeWerkmap } from "../helpers/fakeExcel";
import { OpgaveFout } from "../../src/domain/fouten";
import type { WerkboekPlan } from "../../src/workbook/plan";
import { officeFoutBericht } from "../../src/workbook/officeFouten";
import {
  herberekenOpgaveCellen,
  herzetOpgaveFormules,
  isOpgaveFormule,
  RUN_OPTIES,
  vulWerkboek,
} from "../../src/taskpane/excelHost";

const TAAK = '=OPGAVE.TAAKSTELLING("Utrecht";"2025-I")';
const FOUT = '=OPGAVE.TAAKSTELLING("Utrecht";"2099-I")';
const KLEIN = '=round(opgave.landelijk("2025-I")/1000;0)';

function werkmap(): FakeWerkmap {
  const wm = new FakeWerkmap(["Invoer", "Rekenen", "Leeg"]);
  wm.zet("Invoer", "A1", "Gemeente");
  wm.zet("Invoer", "B1", { formule: TAAK, waarde: 388 });
  wm.zet("Invoer", "B2", { formule: FOUT, waarde: "#VALUE!" });
  wm.zet("Invoer", "B3", "zie =OPGAVE.TAAKSTELLING in de handleiding"); // text, not a formula
  wm.zet("Invoer", "B4", { formule: "=SUM(B1:B2)", waarde: 388 });
  wm.zet("Invoer", "C2", { formule: KLEIN, waarde: 15 });
  wm.zet("Rekenen", "D10", { formule: TAAK, waarde: "#BUSY!" });
  wm.zet("Rekenen", "D11", 42);
  wm.zet("Leeg", "A1", "geen formules hier");
  wm.zet("Leeg", "A2", { formule: "=A1", waarde: "geen formules hier" });
  return wm;
}

describe("herzetOpgaveFormules (ExcelApi 1.9)", () => {
  test("re-enters every OPGAVE formula (error cells too) as it was; other cells are untouched", async () => {
    const fx = new FakeExcel(werkmap());
    const voor = fx.werkmap.momentopname();
    const uit = await herzetOpgaveFormules(fx.context);

    expect(uit).toEqual({ methode: "formules", cellen: 4 });
    expect(fx.herschreven.map(({ blad, adres, formule, was }) => ({ blad, adres, formule, was }))).toEqual([
      { blad: "Invoer", adres: "B1", formule: TAAK, was: TAAK },
      { blad: "Invoer", adres: "B2", formule: FOUT, was: FOUT },
      { blad: "Invoer", adres: "C2", formule: KLEIN, was: KLEIN },
      { blad: "Rekenen", adres: "D10", formule: TAAK, was: TAAK },
    ]);
    // Per area found: the same formula, null (left unchanged) for the text cell that mentions OPGAVE.
    expect(fx.acties("formulas").map((a) => [a.doel, a.details])).toEqual([
      ["Invoer!B1:B3", [[TAAK], [FOUT], [null]]],
      ["Invoer!C2", [[KLEIN]]],
      ["Rekenen!D10", [[TAAK]]],
    ]);
    // Re-entered: the cached results (the error, #BUSY!) are gone until Excel computes them again.
    expect(fx.werkmap.cel("Invoer", "B2")).toEqual({ formule: FOUT });
    expect(fx.werkmap.cel("Rekenen", "D10")).toEqual({ formule: TAAK });
    // Everything else exactly as before.
    const verwacht = werkmap();
    for (const h of fx.herschreven) {
      verwacht.zet(h.blad, h.adres, null);
      verwacht.zet(h.blad, h.adres, { formule: h.formule });
    }
    expect(fx.werkmap.momentopname()).toBe(verwacht.momentopname());
    expect(fx.werkmap.momentopname()).not.toBe(voor);
    expect(fx.acties("calculate")).toEqual([]);
  });

  test("a sheet without OPGAVE cells, or a workbook without any, is fine (nothing is written)", async () => {
    const wm = new FakeWerkmap(["Blad1", "Blad2"]);
    wm.zet("Blad1", "A1", 5);
    wm.zet("Blad2", "A1", { formule: "=Blad1!A1*2", waarde: 10 });
    const fx = new FakeExcel(wm);
    const voor = wm.momentopname();
    await expect(herzetOpgaveFormules(fx.context)).resolves.toEqual({ methode: "formules", cellen: 0 });
    expect(wm.momentopname()).toBe(voor);
    expect(fx.herschreven).toEqual([]);
    expect(fx.syncs).toBe(2);
  });

  test("few syncs, independent of the number of cells and sheets", async () => {
    const syncs = async (bladen: number, cellen: number): Promise<{ syncs: number; herzet: number }> => {
      const namen = Array.from({ length: bladen }, (_, i) => `Blad${i + 1}`);
      const wm = new FakeWerkmap(namen);
      for (const naam of namen)
        for (let r = 1; r <= cellen; r++) {
          wm.zet(naam, `A${r}`, { formule: `=OPGAVE.TAAKSTELLING(B${r};"2025-I")`, waarde: r });
          wm.zet(naam, `C${r}`, { formule: `=OPGAVE.LANDELIJK("2025-I")+${r}`, waarde: r });
        }
      const fx = new FakeExcel(wm);
      const uit = await herzetOpgaveFormules(fx.context);
      return { syncs: fx.syncs, herzet: uit.cellen };
    };
    await expect(syncs(1, 1)).resolves.toEqual({ syncs: 3, herzet: 2 });
    await expect(syncs(6, 400)).resolves.toEqual({ syncs: 3, herzet: 6 * 400 * 2 });
  });

  test("hidden sheets are not searched by findAll: a full recalculation is added to the same last batch", async () => {
    const wm = werkmap();
    wm.blad("Rekenen").zichtbaarheid = "Hidden";
    const fx = new FakeExcel(wm);
    const uit = await herzetOpgaveFormules(fx.context);
    expect(uit.cellen).toBe(3);
    expect(fx.herschreven.map((h) => `${h.blad}!${h.adres}`)).toEqual([
      "Invoer!B1",
      "Invoer!B2",
      "Invoer!C2",
    ]);
    expect(fx.acties("calculate")).toEqual([
      { sync: 3, actie: "calculate", doel: "application", details: "Full" },
    ]);
    expect(fx.syncs).toBe(3);
  });

  test("isOpgaveFormule: a formula (starts with =) that calls OPGAVE.*, in any case", () => {
    expect(isOpgaveFormule(TAAK)).toBe(true);
    expect(isOpgaveFormule(KLEIN)).toBe(true);
    expect(isOpgaveFormule("=SUM(A1:A3)")).toBe(false);
    expect(isOpgaveFormule("OPGAVE.TAAKSTELLING")).toBe(false);
    expect(isOpgaveFormule(12)).toBe(false);
  });
});

describe("herberekenOpgaveCellen: the requirement check and the fallback", () => {
  const globaal = globalThis as unknown as { Office?: unknown; Excel?: unknown };
  afterEach(() => {
    delete globaal.Office;
    delete globaal.Excel;
  });

  function zetHost(fx: FakeExcel, excelApi19: boolean, run?: jest.Mock): void {
    globaal.Office = {
      context: {
        requirements: {
          isSetSupported: (set: string, v: string) => set === "ExcelApi" && (excelApi19 || v < "1.9"),
        },
      },
    };
    globaal.Excel = { run: run ?? fx.run.bind(fx) };
  }

  test("with ExcelApi 1.9: the OPGAVE formulas are re-entered, no full recalculation", async () => {
    const fx = new FakeExcel(werkmap());
    zetHost(fx, true);
    await expect(herberekenOpgaveCellen()).resolves.toEqual({ methode: "formules", cellen: 4 });
    expect(fx.acties("calculate")).toEqual([]);
  });

  test("without ExcelApi 1.9: a full recalculation (the only thing older hosts offer)", async () => {
    const fx = new FakeExcel(werkmap());
    zetHost(fx, false);
    await expect(herberekenOpgaveCellen()).resolves.toEqual({ methode: "volledig", cellen: 0 });
    expect(fx.acties("calculate").map((a) => a.details)).toEqual(["Full"]);
    expect(fx.herschreven).toEqual([]);
  });

  test("when re-entering fails (e.g. part of a legacy array formula): a full recalculation", async () => {
    const fx = new FakeExcel(werkmap());
    const run = jest
      .fn()
      .mockRejectedValueOnce(new Error("InvalidOperation"))
      .mockImplementation((_o: unknown, f: (c: Excel.RequestContext) => Promise<unknown>) => f(fx.context));
    zetHost(fx, true, run);
    await expect(herberekenOpgaveCellen()).resolves.toEqual({ methode: "volledig", cellen: 0 });
    expect(run).toHaveBeenCalledTimes(2);
    expect(fx.acties("calculate").map((a) => a.details)).toEqual(["Full"]);
  });

  test("when the full recalculation fails too: its Office error in Dutch, not a bare error", async () => {
    const fx = new FakeExcel(werkmap());
    const officeFout = Object.assign(new Error("The request failed."), {
      name: "RichApi.Error",
      code: "GeneralException",
      debugInfo: {},
    });
    const run = jest.fn().mockRejectedValue(officeFout);
    zetHost(fx, true, run);
    const fout = await herberekenOpgaveCellen().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(fout).toBeInstanceOf(OpgaveFout);
    expect((fout as OpgaveFout).message).toBe(officeFoutBericht("GeneralException"));
    expect(run).toHaveBeenCalledTimes(2);
  });
});

// ---------------------------------------------------------------- a fill: cell edit mode and Office errors in Dutch

describe("vulWerkboek: delayForCellEdit and Office errors in Dutch (on the fake)", () => {
  const globaal = globalThis as unknown as { Office?: unknown; Excel?: unknown };
  afterEach(() => {
    delete globaal.Office;
    delete globaal.Excel;
  });

  const PLAN: WerkboekPlan = {
    formaat: "opgave-werkboek",
    formaatVersie: 1,
    onderwerp: { soort: "gemeente", code: "GM0344", naam: "Utrecht" },
    bladen: [
      {
        naam: "Taakstelling",
        blokken: [{ start: { rij: 1, kolom: 1 }, cellen: [["Opgave Utrecht"]], kop: true }],
        invoercellen: [],
        tabellen: [
          {
            naam: "Opgave_T",
            start: { rij: 3, kolom: 1 },
            kolommen: [
              { sleutel: "periode", kop: "Periode", soort: "gegeven", notatie: "@" },
              { sleutel: "gehuisvest", kop: "Gehuisvest", soort: "invoer", notatie: "#,##0" },
            ],
            sleutelKolom: "periode",
            rijen: [
              ["2024-I", null],
              ["2024-II", null],
            ],
          },
        ],
        grafieken: [],
      },
    ],
  };

  /** Excel with ExcelApi 1.13, whose Excel.run is the fake's (it honours delayForCellEdit). */
  function zetExcel(fx: FakeExcel): jest.Mock {
    globaal.Office = { context: { requirements: { isSetSupported: () => true } } };
    const run = jest.fn((...a: unknown[]) => (fx.run as (...x: unknown[]) => Promise<unknown>)(...a));
    globaal.Excel = { run };
    return run;
  }

  /** The message the pane shows for a failed fill (an OpgaveFout's message as it is). */
  async function melding(fx: FakeExcel): Promise<string> {
    zetExcel(fx);
    const e: unknown = await vulWerkboek(PLAN, () => undefined).then(
      () => undefined,
      (f: unknown) => f,
    );
    expect(e).toBeInstanceOf(OpgaveFout);
    return (e as OpgaveFout).message;
  }

  test("every batch runs with delayForCellEdit: true", async () => {
    const fx = new FakeExcel(new FakeWerkmap(["Blad1"]));
    const run = zetExcel(fx);
    await vulWerkboek(PLAN, () => undefined);
    await herberekenOpgaveCellen();
    expect(run.mock.calls.map((c) => c[0])).toEqual([RUN_OPTIES, RUN_OPTIES]);
    expect(RUN_OPTIES).toEqual({ delayForCellEdit: true });
  });

  test("while the user edits a cell the fill waits, and goes on when the edit ends", async () => {
    const fx = new FakeExcel(new FakeWerkmap(["Blad1"]));
    zetExcel(fx);
    fx.bewerkCel();
    let klaar = false;
    const vullen = vulWerkboek(PLAN, () => undefined).then(() => (klaar = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(klaar).toBe(false);
    expect(fx.syncs).toBe(0);
    fx.stopBewerken();
    await vullen;
    expect(klaar).toBe(true);
    expect(fx.gewachtOpBewerking).toBe(1);
    expect(fx.werkmap.tabelAdres("Opgave_T")).toBe("Taakstelling!A3:B5");
  });

  test("without delayForCellEdit the batch fails in cell edit mode: said in Dutch, nothing written", async () => {
    const fx = new FakeExcel(new FakeWerkmap(["Blad1"]));
    fx.bewerkCel();
    const voor = fx.werkmap.momentopname();
    await expect(fx.run((c) => c.sync())).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    // A host that ignores the option behaves the same: the pane explains it.
    globaal.Office = { context: { requirements: { isSetSupported: () => true } } };
    globaal.Excel = { run: (_o: unknown, f: (c: Excel.RequestContext) => Promise<unknown>) => fx.run(f) };
    const e = await vulWerkboek(PLAN, () => undefined).catch((f: unknown) => f);
    expect((e as Error).message).toBe(
      "Excel is bezig met het bewerken van een cel: druk op Enter of Esc en probeer het opnieuw. Uw werkboek is niet gewijzigd.",
    );
    expect(fx.werkmap.momentopname()).toBe(voor);
  });

  test("a protected sheet (AccessDenied): what to do, and that the fill stopped halfway", async () => {
    const wm = new FakeWerkmap(["Blad1"]);
    const eerst = new FakeExcel(wm);
    zetExcel(eerst);
    await vulWerkboek(PLAN, () => undefined);
    wm.blad("Taakstelling").beveiligd = true;
    expect(await melding(new FakeExcel(wm))).toBe(
      "Het blad is beveiligd (of de werkmap is alleen-lezen): hef de beveiliging op (Controleren > Blad opheffen, " +
        "en bij een beveiligde werkmapstructuur Controleren > Werkmap beveiligen) of kies een ander werkboek. " +
        "Het vullen is halverwege gestopt: een deel van het werkboek kan al zijn bijgewerkt. Opnieuw vullen maakt " +
        "het af en laat uw invoer staan.",
    );
  });

  test("ItemNotFound while reading: nothing was changed", async () => {
    const fx = new FakeExcel(new FakeWerkmap(["Blad1"]));
    fx.faalBij("load", "ItemNotFound");
    const m = await melding(fx);
    expect(m).toMatch(/^Excel kon een blad, tabel of naam niet \(meer\) vinden/);
    expect(m).toMatch(/Uw werkboek is niet gewijzigd\.$/);
  });

  test("a request over Excel on the web's 5 MB budget (RequestPayloadSizeLimitExceeded)", async () => {
    const fx = new FakeExcel(new FakeWerkmap(["Blad1"]));
    fx.payloadGrens = 300; // smaller than any write batch of this plan
    expect(await melding(fx)).toMatch(/^Te veel gegevens in één keer voor Excel op het web \(meer dan 5 MB/);
  });

  test.each([
    ["InvalidArgument", /^Excel weigerde een waarde, adres of naam die Opgave schreef/],
    ["GeneralException", /^Excel meldde een algemene fout: sla de werkmap op/],
    ["ResponsePayloadSizeLimitExceeded", /^Het werkboek gaf te veel gegevens in één keer terug/],
    ["NieuweCodeVanExcel", /^Excel meldde een onbekende fout \(code NieuweCodeVanExcel\)/],
  ])("%s while writing", async (code, tekst) => {
    const fx = new FakeExcel(new FakeWerkmap(["Blad1"]));
    fx.faalBij("formulas", code);
    const m = await melding(fx);
    expect(m).toMatch(tekst);
    expect(m).toMatch(/Het vullen is halverwege gestopt/);
  });

  test("an error that is not Excel's passes through as it is", async () => {
    const fx = new FakeExcel(new FakeWerkmap(["Blad1"]));
    zetExcel(fx);
    globaal.Excel = { run: () => Promise.reject(new TypeError("kapot")) };
    await expect(vulWerkboek(PLAN, () => undefined)).rejects.toThrow(TypeError);
  });
});

describe("herzetOpgaveFormules: text is not a formula; large re-entries are split", () => {
  test("a text cell reading '=OPGAVE.…' (formulas equal values) is not re-entered", async () => {
    const wm = new FakeWerkmap(["Blad1"]);
    wm.zet("Blad1", "A1", TAAK, "@"); // typed as text
    wm.zet("Blad1", "A2", { formule: TAAK, waarde: 388 });
    const fx = new FakeExcel(wm);
    await expect(herzetOpgaveFormules(fx.context)).resolves.toEqual({ methode: "formules", cellen: 1 });
    expect(fx.herschreven.map((h) => h.adres)).toEqual(["A2"]);
    expect(wm.formule("Blad1", "A1")).toBeUndefined();
  });

  test("the write-back is split when it would exceed the byte budget", async () => {
    const wm = new FakeWerkmap(["Blad1", "Blad2"]);
    for (const b of ["Blad1", "Blad2"])
      for (let r = 1; r <= 50; r++) wm.zet(b, `A${r}`, { formule: TAAK, waarde: r });
    const fx = new FakeExcel(wm);
    const uit = await herzetOpgaveFormules(fx.context, 3_000);
    expect(uit.cellen).toBe(100);
    expect(fx.syncs).toBe(4);
    for (const b of fx.bytesPerSync) expect(b.verzoek).toBeLessThan(3_000 + 1_000);
  });
});
