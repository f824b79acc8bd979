/**
 * The self-test scenarios: ONE list, run by three callers —
 * - the pane's Zelftest (Instellingen → "Zelftest uitvoeren", ../instellingen.ts) in the user's Excel;
 * - the test build of `npm run test:excel` (./automatisch.ts posts every result to scripts/test-excel.ts);
 * - CI (tests/zelftest/scenarios.test.ts and tests/taskpane/zelftest.e2e.test.ts) against the fake Excel of the
 *   tests (tests/helpers/fakeExcel.ts, wrapped by tests/zelftest/nepHost.ts).
 *
 * A scenario gets a `ZelftestHost`: an `Excel.run`-shaped entry (in Excel: `Excel.run(RUN_OPTIES, …)`, exactly
 * what ../excelHost.ts uses) and works through Office.js only, with the add-in's own code (plan builders, the
 * Office.js writer, the re-entry of OPGAVE formulas) — never a test double of its own.
 *
 * Safety: a scenario writes only on sheets it creates ("Opgave zelftest …", or the sheets of an Opgave plan in a
 * workbook that has none of them — else it is skipped with the reason). After every scenario, passed or not, the
 * runner deletes the sheets the scenario registered that did not exist before, and the new Opgave_ defined names
 * (sheets take their tables and charts with them), then checks that the workbook has exactly the sheets and
 * Opgave names it had before. The user's sheets are never written, re-entered nor deleted.
 *
 * Custom functions computed by Excel: in Excel the formulas are written, Excel computes them (the runner polls
 * while a cell shows #BUSY!) and the values are compared with the functions module and the engine. The fake
 * computes nothing itself: its host (tests/zelftest/nepHost.ts) evaluates each OPGAVE formula written through
 * `Range.formulas` with the registered functions, as Excel would call them — the scenario says so in its details.
 */
import { engine, gebruikDataset } from "../../data/store";
import type { Dataset } from "../../data/schema";
import { consolideer } from "../../domain/consolideren";
import { Engine } from "../../domain/engine";
import { taakstelling } from "../../functions/functions";
import { planGemeente, type BronInfo } from "../../workbook/bouwPlan";
import { planConsolidatie } from "../../workbook/consolidatiePlan";
import { BLADEN, kop, TABELLEN, TAAKSTELLING_KOLOMMEN, CONSOLIDATIE_TABELLEN } from "../../workbook/indeling";
import { gewijzigdeCijfers, type WerkboekPlan } from "../../workbook/plan";
import { bladVerwijzing, kolomLetters } from "../../workbook/a1";
import { schrijfNaarExcel, VolgordeBevestiging, type OfficeVulRapport } from "../../workbook/officeWriter";
import {
  kanCelEigenschappenLezen,
  kanGebiedenLezen,
  kanNotitiesLezen,
  kanReeksbronLezen,
} from "../../workbook/officeFormules";
import { vertaalOfficeFout } from "../../workbook/officeFouten";
import { kanAfdrukInstellen } from "../../workbook/officeAfdruk";
import { titelRijenVan } from "../../workbook/afdruk";
import { herzetOpgaveFormules } from "../excelHost";
import { paneelBerichten, zelftestBerichten as zb } from "../berichten";

export type Uitslag = "geslaagd" | "mislukt" | "overgeslagen";

/** Where the scenarios run: real Excel (Office.js) or the tests' fake. */
export interface ZelftestHost {
  readonly soort: "excel" | "nep";
  /** One batch, `Excel.run`-shaped. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Waits between two reads while Excel computes (#BUSY!). */
  wacht(ms: number): Promise<void>;
}

export interface ScenarioResultaat {
  /** Stable id, e.g. "functies". */
  readonly naam: string;
  /** Dutch title. */
  readonly titel: string;
  readonly uitslag: Uitslag;
  /** What was checked, in Dutch; the reason of a failure or a skip. */
  readonly details: readonly string[];
  /** Duration in milliseconds (including the clean-up). */
  readonly ms: number;
}

/** Thrown by a scenario that cannot run here (an Excel too old, a workbook that is not empty): not a failure. */
export class Overgeslagen extends Error {}

/** A check that failed. */
export class ZelftestFout extends Error {}

interface Verloop {
  readonly host: ZelftestHost;
  /** A line of the details. */
  detail(tekst: string): void;
  /** Sheets to delete afterwards (only those that did not exist before the scenario). */
  readonly opruimen: Set<string>;
  /** What the workbook held before the scenario. */
  readonly voor: Inventaris;
}

export interface Scenario {
  readonly naam: string;
  readonly titel: string;
  voerUit(v: Verloop): Promise<void>;
}

interface Inventaris {
  readonly bladen: readonly string[];
  readonly namen: readonly string[];
  readonly tabellen: readonly string[];
}

const OPGAVE_NAAM = /^Opgave_/i;
const gelijk = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const bevat = (lijst: readonly string[], naam: string) => lijst.some((x) => gelijk(x, naam));

function nu(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

function controleer(voorwaarde: boolean, tekst: string): void {
  if (!voorwaarde) throw new ZelftestFout(tekst);
}

function foutTekst(e: unknown): string {
  const vertaald = vertaalOfficeFout(e);
  return paneelBerichten.fout(vertaald);
}

/** ExcelApi 1.13 (Table.resize, used by the writer): the same check as ../excelHost.ts `vulWerkboek`. */
function kanVullen(): boolean {
  const vereisten = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  return !vereisten || vereisten.isSetSupported("ExcelApi", "1.13");
}

/** ExcelApi 1.9 (Worksheet.findAllOrNullObject, used by the re-entry of OPGAVE formulas). */
function kanZoeken(): boolean {
  const vereisten = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  return !vereisten || vereisten.isSetSupported("ExcelApi", "1.9");
}

async function inventaris(host: ZelftestHost): Promise<Inventaris> {
  return host.run(async (context) => {
    const bladen = context.workbook.worksheets.load("items/name");
    const namen = context.workbook.names.load("items/name");
    const tabellen = context.workbook.tables.load("items/name");
    await context.sync();
    return {
      bladen: bladen.items.map((b) => b.name),
      namen: namen.items.map((n) => n.name),
      tabellen: tabellen.items.map((t) => t.name),
    };
  });
}

/** Deletes what the scenario made: its registered sheets that are new, and new Opgave_ names. */
async function ruimOp(host: ZelftestHost, voor: Inventaris, opruimen: ReadonlySet<string>): Promise<void> {
  const nu1 = await inventaris(host);
  const namen = nu1.namen.filter((n) => OPGAVE_NAAM.test(n) && !bevat(voor.namen, n));
  const bladen = nu1.bladen.filter((b) => !bevat(voor.bladen, b) && [...opruimen].some((o) => gelijk(o, b)));
  if (namen.length > 0 || bladen.length > 0) {
    await host.run(async (context) => {
      for (const n of namen) context.workbook.names.getItem(n).delete();
      for (const b of bladen) context.workbook.worksheets.getItem(b).delete();
      await context.sync();
    });
  }
  const na = await inventaris(host);
  const over = [
    ...na.bladen.filter((b) => !bevat(voor.bladen, b)),
    ...na.namen.filter((n) => OPGAVE_NAAM.test(n) && !bevat(voor.namen, n)),
    ...na.tabellen.filter((t) => !bevat(voor.tabellen, t)),
  ];
  if (over.length > 0) throw new ZelftestFout(zb.nietOpgeruimd(over));
  const weg = voor.bladen.filter((b) => !bevat(na.bladen, b));
  if (weg.length > 0) throw new ZelftestFout(zb.gebruikersBladenGewijzigd(voor.bladen, na.bladen));
}

/** Runs one scenario, cleans up after it (always) and times both. */
export async function voerScenarioUit(s: Scenario, host: ZelftestHost): Promise<ScenarioResultaat> {
  const start = nu();
  const details: string[] = [];
  let uitslag: Uitslag = "geslaagd";
  let voor: Inventaris | undefined;
  const opruimen = new Set<string>();
  try {
    voor = await inventaris(host);
    await s.voerUit({ host, detail: (t) => details.push(t), opruimen, voor });
  } catch (e) {
    uitslag = e instanceof Overgeslagen ? "overgeslagen" : "mislukt";
    details.push(e instanceof Overgeslagen || e instanceof ZelftestFout ? e.message : foutTekst(e));
  }
  if (voor) {
    try {
      await ruimOp(host, voor, opruimen);
    } catch (e) {
      uitslag = "mislukt";
      details.push(zb.opruimenMislukt(e instanceof ZelftestFout ? e.message : foutTekst(e)));
    }
  }
  return { naam: s.naam, titel: s.titel, uitslag, details, ms: Math.round(nu() - start) };
}

/** Runs every scenario in order; `bijResultaat` hears each result as soon as it is known. */
export async function voerZelftestUit(
  host: ZelftestHost,
  bijResultaat?: (r: ScenarioResultaat, index: number, totaal: number) => void | Promise<void>,
  lijst: readonly Scenario[] = SCENARIOS,
): Promise<ScenarioResultaat[]> {
  const uit: ScenarioResultaat[] = [];
  for (const [i, s] of lijst.entries()) {
    const r = await voerScenarioUit(s, host);
    uit.push(r);
    await bijResultaat?.(r, i, lijst.length);
  }
  return uit;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers of the scenarios

/** A new, empty sheet "Opgave zelftest <n>" (registered for deletion). */
async function tijdelijkBlad(v: Verloop): Promise<string> {
  let n = 1;
  while (bevat(v.voor.bladen, `Opgave zelftest ${n}`)) n++;
  const naam = `Opgave zelftest ${n}`;
  v.opruimen.add(naam);
  await v.host.run(async (context) => {
    context.workbook.worksheets.add(naam);
    await context.sync();
  });
  return naam;
}

/** Provenance for the plans of the self-test (written on temporary sheets only). */
function zelftestBron(): BronInfo {
  const d = engine().dataset;
  return {
    datasetId: d.id,
    versie: d.versie,
    datum: d.datum,
    hash: "zelftest",
    bronUrl: "zelftest",
    addinVersie: "zelftest",
    gemaakt: new Date().toISOString(),
  };
}

/** Skips when the workbook already has a sheet, table or defined name the plan would write. */
function vereisVrij(v: Verloop, plan: WerkboekPlan): void {
  if (!kanVullen()) throw new Overgeslagen(zb.excelTeOud("ExcelApi", "1.13"));
  const bladen = plan.bladen.map((b) => b.naam).filter((n) => bevat(v.voor.bladen, n));
  const tabellen = plan.bladen
    .flatMap((b) => b.tabellen.map((t) => t.naam))
    .filter((n) => bevat(v.voor.tabellen, n) || bevat(v.voor.namen, n));
  const namen = plan.bladen
    .flatMap((b) => b.invoercellen.map((c) => c.naam))
    .filter((n) => bevat(v.voor.namen, n));
  const bezet = [...bladen, ...tabellen, ...namen];
  if (bezet.length > 0) throw new Overgeslagen(zb.heeftOpgaveBladen(bezet));
  for (const b of plan.bladen) v.opruimen.add(b.naam);
}

/** The plan into the workbook with the add-in's own Office.js writer (as "Vul werkboek" does). */
async function vul(v: Verloop, plan: WerkboekPlan): Promise<OfficeVulRapport> {
  if (!kanVullen()) throw new Overgeslagen(zb.excelTeOud("ExcelApi", "1.13"));
  return v.host.run((context) => schrijfNaarExcel(context, plan));
}

/** Header and body values of a table. */
async function leesTabel(v: Verloop, naam: string): Promise<{ koppen: string[]; rijen: unknown[][] }> {
  return v.host.run(async (context) => {
    const t = context.workbook.tables.getItem(naam);
    const kopRij = t.getHeaderRowRange().load("values");
    const body = t.getDataBodyRange().load("values");
    await context.sync();
    return { koppen: (kopRij.values[0] ?? []).map(String), rijen: body.values };
  });
}

/** Reads the values of a range until no cell shows #BUSY! (Excel computes custom functions asynchronously). */
async function leesBerekend(v: Verloop, blad: string, adres: string): Promise<unknown[][]> {
  const grens = 30_000;
  const start = nu();
  for (;;) {
    const waarden = await v.host.run(async (context) => {
      const r = context.workbook.worksheets.getItem(blad).getRange(adres).load("values");
      await context.sync();
      return r.values;
    });
    if (!waarden.some((rij) => rij.some((w) => w === "#BUSY!"))) return waarden;
    if (nu() - start > grens) throw new ZelftestFout(zb.bezet(grens / 1000));
    await v.host.wacht(250);
  }
}

/** What the functions module answers, as Excel would show it: a value, or an error code with its message. */
function antwoord(f: () => unknown): { waarde?: unknown; code?: string; bericht?: string } {
  try {
    return { waarde: f() };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return { code: typeof code === "string" ? code : "#VALUE!", bericht: (e as Error).message };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The scenarios

const GEMEENTE = "Utrecht";
const PERIODE = "2024-I";
const FORMULE_GOED = `=OPGAVE.TAAKSTELLING("${GEMEENTE}","${PERIODE}")`;

const functies: Scenario = {
  naam: "functies",
  titel: "Eigen functies, berekend door Excel",
  async voerUit(v) {
    const blad = await tijdelijkBlad(v);
    const gevallen = [
      { formule: FORMULE_GOED, verwacht: antwoord(() => taakstelling(GEMEENTE, PERIODE)) },
      {
        formule: `=OPGAVE.TAAKSTELLING("${GEMEENTE}","2099-I")`,
        verwacht: antwoord(() => taakstelling(GEMEENTE, "2099-I")),
      },
      {
        formule: `=OPGAVE.TAAKSTELLING("Nergenshuizen","${PERIODE}")`,
        verwacht: antwoord(() => taakstelling("Nergenshuizen", PERIODE)),
      },
    ];
    const motor = engine().taakstelling(GEMEENTE, PERIODE).aantal;
    controleer(
      gevallen[0]?.verwacht.waarde === motor,
      `functiemodule ${gevallen[0]?.verwacht.waarde} ≠ engine ${motor}`,
    );
    await v.host.run(async (context) => {
      const r = context.workbook.worksheets.getItem(blad).getRange(`A1:A${gevallen.length}`);
      r.formulas = gevallen.map((g) => [g.formule]);
      // Only the temporary sheet (ExcelApi 1.6): a full recalculation would also recompute the user's sheets.
      context.workbook.worksheets.getItem(blad).calculate(true);
      await context.sync();
    });
    const waarden = await leesBerekend(v, blad, `A1:A${gevallen.length}`);
    if (v.host.soort === "nep") v.detail(zb.nepHost);
    gevallen.forEach((g, i) => {
      const cel = waarden[i]?.[0];
      const verwacht = g.verwacht.code ?? g.verwacht.waarde;
      controleer(cel === verwacht, `${g.formule} gaf ${String(cel)}, verwacht ${String(verwacht)}`);
      v.detail(
        g.verwacht.code
          ? `${g.formule} → ${String(cel)} (melding: ${g.verwacht.bericht ?? ""})`
          : `${g.formule} → ${String(cel)} (engine: ${motor})`,
      );
    });
  },
};

const eersteVulling: Scenario = {
  naam: "eerste-vulling",
  titel: "Eerste vulling van een gemeentewerkboek",
  async voerUit(v) {
    const plan = planGemeente(engine(), GEMEENTE, zelftestBron());
    vereisVrij(v, plan);
    const rapport = await vul(v, plan);
    controleer(
      rapport.nieuweBladen.length === plan.bladen.length,
      `${rapport.nieuweBladen.length} nieuwe bladen, verwacht ${plan.bladen.length}`,
    );
    const { koppen, rijen } = await leesTabel(v, TABELLEN.taakstelling);
    const kPeriode = koppen.indexOf(kop(TAAKSTELLING_KOLOMMEN, "periode"));
    const kTaak = koppen.indexOf(kop(TAAKSTELLING_KOLOMMEN, "taakstelling"));
    const rij = rijen.find((r) => r[kPeriode] === PERIODE);
    const motor = engine().taakstelling(GEMEENTE, PERIODE).aantal;
    controleer(
      rij !== undefined && rij[kTaak] === motor,
      `Taakstelling ${PERIODE}: ${String(rij?.[kTaak])}, verwacht ${motor}`,
    );
    v.detail(`${rapport.nieuweBladen.length} bladen geschreven (${rapport.nieuweBladen.join(", ")})`);
    v.detail(`${TABELLEN.taakstelling}: ${rijen.length} rijen; ${PERIODE} = ${motor}`);
  },
};

const USER_KOLOM = "Notitie zelftest";
/** The list the Zelftest puts on an input cell as the user's own rule. */
const ZELFTEST_LIJST = { inCellDropDown: true, source: "10,20" };

/** After a refill, the input cell (body row `r`, column `k`) still has the user's own list, not Opgave's rule. */
async function controleerEigenRegel(v: Verloop, r: number, k: number): Promise<void> {
  const regel = await v.host.run(async (context) => {
    const dv = context.workbook.tables
      .getItem(TABELLEN.taakstelling)
      .getDataBodyRange()
      .getCell(r, k)
      .dataValidation.load("rule");
    await context.sync();
    return dv.rule;
  });
  controleer(
    regel.list?.source === ZELFTEST_LIJST.source,
    `eigen gegevensvalidatie na herbevulling: ${JSON.stringify(regel)}, verwacht de lijst ${ZELFTEST_LIJST.source}`,
  );
  v.detail(`eigen gegevensvalidatie (lijst ${ZELFTEST_LIJST.source}) op een invoercel behouden`);
}

/** The formula of the self-test's own conditional format on an input column (never true: it only has to be there). */
const ZELFTEST_OPMAAK = '=LEN("opgave-zelftest")=0';

/**
 * After a refill, the user's conditional format on an input column still comes first on the sheet (ExcelApi 1.6,
 * priority 0): Opgave's formats, added again, went after it.
 */
async function controleerEigenOpmaak(v: Verloop): Promise<void> {
  const opmaak = await v.host.run(async (context) => {
    const c = context.workbook.worksheets
      .getItem(BLADEN.taakstelling)
      .getRange()
      .conditionalFormats.load("items/priority,items/customOrNullObject/rule/formula");
    await context.sync();
    return c.items.map((o) => ({
      prioriteit: o.priority,
      formule: o.customOrNullObject.isNullObject ? "" : o.customOrNullObject.rule.formula,
    }));
  });
  const eigen = opmaak.find((o) => o.formule === ZELFTEST_OPMAAK);
  const eerste = Math.min(...opmaak.map((o) => o.prioriteit));
  controleer(
    eigen !== undefined && eigen.prioriteit === eerste && opmaak.length > 1,
    `eigen voorwaardelijke opmaak na herbevulling: ${JSON.stringify(opmaak)}, verwacht ${ZELFTEST_OPMAAK} als eerste`,
  );
  v.detail(`eigen voorwaardelijke opmaak blijft vóór die van Opgave (${opmaak.length} regels op het blad)`);
}

/** The title rows the user widened on Taakstelling are still rows 1 to 7 after the refill (B36). */
async function controleerTitelRijen(v: Verloop): Promise<void> {
  const adres = await v.host.run(async (context) => {
    const t = context.workbook.worksheets
      .getItem(BLADEN.taakstelling)
      .pageLayout.getPrintTitleRowsOrNullObject()
      .load("address");
    await context.sync();
    return t.isNullObject ? "" : t.address;
  });
  const rijen = titelRijenVan(adres);
  controleer(
    rijen?.van === 1 && rijen.tot === 7,
    `titelrijen na herbevulling: "${adres}", verwacht rijen 1 t/m 7`,
  );
  v.detail(`eigen titelrijen (${adres}) blijven staan`);
}

const herbevulling: Scenario = {
  naam: "herbevulling",
  titel: "Herbevulling houdt invoer en een eigen kolom",
  async voerUit(v) {
    const plan = planGemeente(engine(), GEMEENTE, zelftestBron());
    vereisVrij(v, plan);
    await vul(v, plan);
    const kGehuisvest = kop(TAAKSTELLING_KOLOMMEN, "gehuisvest");
    const voor = await leesTabel(v, TABELLEN.taakstelling);
    const kPeriode = voor.koppen.indexOf(kop(TAAKSTELLING_KOLOMMEN, "periode"));
    const k = voor.koppen.indexOf(kGehuisvest);
    const r = voor.rijen.findIndex((x) => x[kPeriode] === PERIODE);
    controleer(k >= 0 && r >= 0, `kolom ${kGehuisvest} of rij ${PERIODE} niet gevonden`);
    // The user types a number and adds a column of their own to the table; where Excel can tell the validated cells
    // (ExcelApi 1.9), they also change the rule of the input cell below to a list of their own (as Excel's dialog
    // does: the input message and error alert stay Opgave's).
    const eigenRegel = kanGebiedenLezen() && r + 1 < voor.rijen.length;
    const titels = kanAfdrukInstellen();
    await v.host.run(async (context) => {
      const t = context.workbook.tables.getItem(TABELLEN.taakstelling);
      // Title rows widened by the user (rows 1 to the header, where Opgave repeats the header row): they stay (B36).
      if (titels)
        context.workbook.worksheets.getItem(BLADEN.taakstelling).pageLayout.setPrintTitleRows("$1:$7");
      t.getDataBodyRange().getCell(r, k).values = [[123]];
      if (eigenRegel) t.getDataBodyRange().getCell(r + 1, k).dataValidation.rule = { list: ZELFTEST_LIJST };
      // And a conditional format of their own over the input column (it should stay first, before Opgave's).
      t
        .getDataBodyRange()
        .getCell(0, k)
        .getResizedRange(voor.rijen.length - 1, 0)
        .conditionalFormats.add("Custom" as Excel.ConditionalFormatType).custom.rule.formula =
        ZELFTEST_OPMAAK;
      const notities = voor.rijen.map((_, i) => [i === r ? "eigen notitie" : ""]);
      t.columns.add(undefined, [[USER_KOLOM], ...notities]);
      await context.sync();
    });
    const rapport = await vul(v, planGemeente(engine(), GEMEENTE, zelftestBron()));
    if (eigenRegel) await controleerEigenRegel(v, r + 1, k);
    await controleerEigenOpmaak(v);
    if (titels) await controleerTitelRijen(v);
    const na = await leesTabel(v, TABELLEN.taakstelling);
    const rij = na.rijen.find((x) => x[na.koppen.indexOf(kop(TAAKSTELLING_KOLOMMEN, "periode"))] === PERIODE);
    const getypt = rij?.[na.koppen.indexOf(kGehuisvest)];
    const notitie = rij?.[na.koppen.indexOf(USER_KOLOM)];
    controleer(getypt === 123, `getypte invoer na herbevulling: ${String(getypt)}, verwacht 123`);
    controleer(notitie === "eigen notitie", `eigen kolom na herbevulling: ${String(notitie)}`);
    controleer(rapport.invoerBehouden >= 1, `invoer behouden: ${rapport.invoerBehouden}`);
    v.detail(`getypte invoer (${kGehuisvest} ${PERIODE} = 123) en kolom "${USER_KOLOM}" behouden`);
    // When the self-test filled it (Bron's "Gevuld op") is not a figure that changed.
    const cijfers = gewijzigdeCijfers(rapport).length;
    v.detail(
      `rapport: ${rapport.invoerBehouden} invoercellen behouden, ` +
        (cijfers === 0
          ? "geen gewijzigde cijfers"
          : `${cijfers} gewijzigde ${cijfers === 1 ? "waarde" : "waarden"}`),
    );
  },
};

/** The plan with its Taakstelling one period shorter: after a refill its last row would be empty. */
function zonderLaatstePeriode(plan: WerkboekPlan): WerkboekPlan {
  return {
    ...plan,
    bladen: plan.bladen.map((b) => ({
      ...b,
      tabellen: b.tabellen.map((t) =>
        t.naam === TABELLEN.taakstelling ? { ...t, rijen: t.rijen.slice(0, -1) } : t,
      ),
    })),
  };
}

/** Fills the self-test's gemeente workbook, then makes a temporary sheet for the user's side: its name. */
async function vulMetTijdelijkBlad(v: Verloop): Promise<string> {
  const plan = zelftestPlan();
  vereisVrij(v, plan);
  await vul(v, plan);
  return tijdelijkBlad(v);
}

const formulesVanGebruiker: Scenario = {
  naam: "formules-van-gebruiker",
  titel: "Herbevulling vraagt eerst als een formule van u daarna een andere rij leest",
  async voerUit(v) {
    const blad = await vulMetTijdelijkBlad(v);
    // On the user's sheet, what reads the table's last row by its address (not the period): a formula, a name scoped
    // to the sheet, a conditional format whose formula, relative over its two cells, reads the row above and the
    // last row, and, where Excel can tell a series' source (ExcelApi 1.15), a chart (all go with the sheet); and,
    // where Excel can list notes (ExcelApi 1.18), a note on that row (it stays on its cell); where Excel can tell a
    // cell's link (ExcelApi 1.9), a hyperlink on that row (the same); and a conditional format of the user's on it;
    // where Excel can tell a format's ranges and the validated cells (1.9), a format over that row and the one above
    // (only the last is named), a validation of the user's on a column without Opgave's, and one on the user's sheet
    // whose rule, relative over its two cells, reads the row above and the last row. The last row hidden (it stays
    // on its row number in Excel, B33) and, where Excel has page breaks (1.9), a break below it (the same, B34).
    const grafiek = kanReeksbronLezen();
    const einde = kanAfdrukInstellen();
    const notitie = kanNotitiesLezen();
    const link = kanCelEigenschappenLezen();
    const gebieden = kanGebiedenLezen();
    const laatste = await v.host.run(async (context) => {
      const t = context.workbook.tables.getItem(TABELLEN.taakstelling).getRange().load("rowIndex,rowCount");
      await context.sync();
      const rij = t.rowIndex + t.rowCount;
      const ws = context.workbook.worksheets.getItem(blad);
      const taak = context.workbook.worksheets.getItem("Taakstelling");
      ws.getRange("A1").formulas = [[`=Taakstelling!A${rij}`]];
      ws.names.add("ZelftestRij", taak.getRange(`A${rij}`));
      if (grafiek) ws.charts.add("ColumnClustered", taak.getRange(`B${rij}:C${rij}`), "Columns");
      if (notitie) taak.notes.add(taak.getRange(`B${rij}`), "Opgave zelftest");
      if (link) taak.getRange(`C${rij}`).hyperlink = { address: "https://example.org/opgave-zelftest" };
      taak.getRange(`${rij}:${rij}`).rowHidden = true;
      if (einde) taak.horizontalPageBreaks.add(taak.getRange(`A${rij + 1}`));
      const opmaak = taak.getRange(`D${rij}`).conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
      opmaak.custom.rule.formula = "=FALSE";
      // On the user's sheet, a format over two cells written for the first: the second reads the last row.
      const eigenOpmaak = ws
        .getRange("C1:C2")
        .conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
      eigenOpmaak.custom.rule.formula = `=Taakstelling!A${rij - 1}<>""`;
      if (gebieden) {
        const twee = taak
          .getRanges(`H${rij - 1}, H${rij}`)
          .conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
        twee.custom.rule.formula = "=FALSE";
        taak.getRange(`E${rij}`).dataValidation.rule = { list: { inCellDropDown: true, source: "ja,nee" } };
        // On the user's sheet, a rule over two cells written for the first: the second reads the last row.
        ws.getRange("B1:B2").dataValidation.rule = { custom: { formula: `=Taakstelling!A${rij - 1}<>""` } };
      }
      await context.sync();
      return rij;
    });
    const voor = await leesTabel(v, TABELLEN.taakstelling);
    const fout = await vul(v, zonderLaatstePeriode(zelftestPlan())).then(
      () => undefined,
      (e: unknown) => e,
    );
    controleer(fout instanceof VolgordeBevestiging, `geen vraag vooraf, maar: ${String(fout)}`);
    const gelezen = (fout as VolgordeBevestiging).gelezen;
    const leestLaatste = new RegExp(
      `(leest|notitie op|hyperlink op|opmaak van u op|validatie van u op) Taakstelling![A-Z]+${laatste}\\b|` +
        `^(rij|pagina-einde onder rij) ${laatste} op blad Taakstelling\\b`,
    );
    controleer(
      gelezen.length ===
        5 + (grafiek ? 1 : 0) + (notitie ? 1 : 0) + (link ? 1 : 0) + (gebieden ? 3 : 0) + (einde ? 1 : 0) &&
        gelezen.some((g) => g.startsWith(`rij ${laatste} op blad Taakstelling is verborgen`)) &&
        (!einde ||
          gelezen.some((g) => g.startsWith(`pagina-einde onder rij ${laatste} op blad Taakstelling`))) &&
        gelezen.some((g) => g.startsWith(`voorwaardelijke opmaak van u op Taakstelling!D${laatste} `)) &&
        gelezen.some((g) => g.startsWith("formule in de opmaak van blad ")) &&
        (!gebieden ||
          gelezen.some((g) => g.startsWith(`voorwaardelijke opmaak van u op Taakstelling!H${laatste} `))) &&
        (!gebieden ||
          gelezen.some((g) => g.startsWith(`gegevensvalidatie van u op Taakstelling!E${laatste} `))) &&
        (!gebieden || gelezen.some((g) => g.startsWith("formule in de gegevensvalidatie op "))) &&
        gelezen.every((g) => leestLaatste.test(g)) &&
        gelezen.some((g) => g.includes("!ZelftestRij")) &&
        (!grafiek || gelezen.some((g) => g.includes("van een grafiek op blad"))) &&
        (!notitie || gelezen.some((g) => g.startsWith("notitie op "))) &&
        (!link || gelezen.some((g) => g.startsWith("hyperlink op "))),
      `genoemd: ${gelezen.join("; ")}`,
    );
    const na = await leesTabel(v, TABELLEN.taakstelling);
    controleer(na.rijen.length === voor.rijen.length, `de tabel veranderde toch: ${na.rijen.length} rijen`);
    v.detail(`gevraagd, niets gewijzigd: ${gelezen.join("; ")}`);
  },
};

/**
 * A gemeente workbook filled with one period fewer (a fill with all of them adds a row below the table): the sheet
 * column of the Taakstelling table's Gehuisvest, its first data row and its number of data rows.
 */
async function vulZonderLaatstePeriode(
  v: Verloop,
): Promise<{ letter: string; eerste: number; rijen: number }> {
  const kleiner = zonderLaatstePeriode(zelftestPlan());
  vereisVrij(v, kleiner);
  await vul(v, kleiner);
  return v.host.run(async (context) => {
    const t = context.workbook.tables.getItem(TABELLEN.taakstelling);
    const heel = t.getRange().load("rowIndex,rowCount,columnIndex");
    const koppen = t.getHeaderRowRange().load("values");
    await context.sync();
    const k = (koppen.values[0] ?? []).map(String).indexOf(kop(TAAKSTELLING_KOLOMMEN, "gehuisvest"));
    return {
      letter: kolomLetters(heel.columnIndex + k + 1),
      eerste: heel.rowIndex + 2,
      rijen: heel.rowCount - 1,
    };
  });
}

const rijenErbij: Scenario = {
  naam: "rijen-erbij",
  titel: "Herbevulling vraagt eerst als een formule van u over alle rijen de nieuwe rijen mist",
  async voerUit(v) {
    const { letter, eerste, rijen } = await vulZonderLaatstePeriode(v);
    const blad = await tijdelijkBlad(v);
    // On the user's sheet, a sum over every row of Gehuisvest by their addresses (not by the table's column): a
    // fill with one period more puts a row below them.
    const bereik = `Taakstelling!${letter}${eerste}:${letter}${eerste + rijen - 1}`;
    await v.host.run(async (context) => {
      context.workbook.worksheets.getItem(blad).getRange("A1").formulas = [[`=SUM(${bereik})`]];
      await context.sync();
    });
    const voor = await leesTabel(v, TABELLEN.taakstelling);
    const fout = await vul(v, zelftestPlan()).then(
      () => undefined,
      (e: unknown) => e,
    );
    controleer(fout instanceof VolgordeBevestiging, `geen vraag vooraf, maar: ${String(fout)}`);
    const gelezen = (fout as VolgordeBevestiging).gelezen;
    controleer(
      gelezen.length === 1 &&
        gelezen[0]?.startsWith(
          `formule ${bladVerwijzing(blad)}!A1 leest alle rijen van tabel ${TABELLEN.taakstelling} (${bereik})`,
        ) === true,
      `genoemd: ${gelezen.join("; ")}`,
    );
    const na = await leesTabel(v, TABELLEN.taakstelling);
    controleer(na.rijen.length === voor.rijen.length, `de tabel veranderde toch: ${na.rijen.length} rijen`);
    v.detail(`gevraagd, niets gewijzigd: ${gelezen.join("; ")}`);
  },
};

const berekendeKolom: Scenario = {
  naam: "berekende-kolom",
  titel: "Herbevulling vult een berekende kolom van u door in een nieuwe rij",
  async voerUit(v) {
    const { letter, eerste, rijen } = await vulZonderLaatstePeriode(v);
    // A column of the user's at the end of the table, one formula in every row (its own row's Gehuisvest × 2), as
    // Excel makes a calculated column of it; a fill with one period more adds a row below.
    await v.host.run(async (context) => {
      const formules = [...Array(rijen).keys()].map((i) => [`=${letter}${eerste + i}*2`]);
      context.workbook.tables
        .getItem(TABELLEN.taakstelling)
        .columns.add(undefined, [[BEREKEND_KOLOM], ...formules]);
      await context.sync();
    });
    const rapport = await vul(v, zelftestPlan());
    const rij = eerste + rijen;
    const verwacht = `=${letter}${rij}*2`;
    const { formule, periode } = await v.host.run(async (context) => {
      const t = context.workbook.tables.getItem(TABELLEN.taakstelling);
      const koppen = t.getHeaderRowRange().load("values");
      const lijf = t.getDataBodyRange().load("formulas,values");
      await context.sync();
      const k = (koppen.values[0] ?? []).map(String).indexOf(BEREKEND_KOLOM);
      return { formule: lijf.formulas[rijen]?.[k], periode: lijf.values[rijen]?.[0] };
    });
    controleer(
      formule === verwacht,
      `nieuwe rij (${String(periode)}): ${String(formule)}, verwacht ${verwacht}`,
    );
    const gemeld = rapport.wijzigingen.some(
      (w) => w.plek.includes(`kolom "${BEREKEND_KOLOM}" doorgetrokken`) && w.nieuw === verwacht,
    );
    controleer(gemeld, `niet in het rapport: ${rapport.wijzigingen.map((w) => w.plek).join("; ")}`);
    v.detail(`nieuwe rij ${String(periode)}: ${verwacht} (in het rapport als wijziging)`);
  },
};

const kolomBinnen: Scenario = {
  naam: "kolom-binnen",
  titel: "Herbevulling laat een eigen kolom midden in een tabel staan",
  async voerUit(v) {
    const blad = await vulMetTijdelijkBlad(v);
    const gehuisvest = kop(TAAKSTELLING_KOLOMMEN, "gehuisvest");
    const gebruikt = kop(TAAKSTELLING_KOLOMMEN, "taakstellingGebruikt");
    const achterstand = kop(TAAKSTELLING_KOLOMMEN, "achterstand");
    const leeg = await leesTabel(v, TABELLEN.taakstelling);
    const k = leeg.koppen.indexOf(gebruikt);
    const r = leeg.rijen.findIndex((x) => x[0] === PERIODE);
    controleer(k > 0 && r >= 0, `kolom ${gebruikt} of rij ${PERIODE} niet gevonden`);
    // Gehuisvest typed in every row (so Achterstand has a figure), a formula on the user's sheet that reads
    // "Taakstelling (gebruikt)" of PERIODE by its address; then the user inserts a column of their own before that
    // column (Excel moves the columns after it, the formula and Opgave's formulas that read them along).
    await v.host.run(async (context) => {
      const t = context.workbook.tables.getItem(TABELLEN.taakstelling);
      const kG = leeg.koppen.indexOf(gehuisvest);
      t
        .getDataBodyRange()
        .getCell(0, kG)
        .getResizedRange(leeg.rijen.length - 1, 0).values = leeg.rijen.map(() => [1]);
      await context.sync();
    });
    const voor = await leesTabel(v, TABELLEN.taakstelling);
    const { adres, verwacht } = await v.host.run(async (context) => {
      const t = context.workbook.tables.getItem(TABELLEN.taakstelling);
      const heel = t.getRange().load("rowIndex,columnIndex");
      await context.sync();
      const cel = (kolom: number) =>
        `Taakstelling!${kolomLetters(heel.columnIndex + kolom + 1)}${heel.rowIndex + r + 2}`;
      const ws = context.workbook.worksheets.getItem(blad);
      ws.getRange("A1").formulas = [[`=${cel(k)}`]];
      t.columns.add(k, [[EIGEN_KOLOM_BINNEN], ...voor.rijen.map((_, i) => [i === r ? "eigen tekst" : ""])]);
      const a1 = ws.getRange("A1").load("formulas");
      await context.sync();
      return { adres: String(a1.formulas[0]?.[0]), verwacht: `=${cel(k + 1)}` };
    });
    controleer(adres === verwacht, `Excel verschoof de formule niet mee: ${adres}, verwacht ${verwacht}`);
    const rapport = await vul(v, zelftestPlan());
    const overgeslagen = rapport.overgeslagen.filter((o) => o.includes(TABELLEN.taakstelling));
    controleer(overgeslagen.length === 0, `tabel overgeslagen: ${overgeslagen.join("; ")}`);
    const nu = await leesTabel(v, TABELLEN.taakstelling);
    controleer(
      nu.koppen[k] === EIGEN_KOLOM_BINNEN && nu.koppen[k + 1] === gebruikt,
      `koppen na herbevulling: ${nu.koppen.join(", ")}`,
    );
    controleer(
      nu.rijen[r]?.[k] === "eigen tekst",
      `eigen kolom na herbevulling: ${String(nu.rijen[r]?.[k])}`,
    );
    // Opgave's figures, by header, as before the insert; the user's formula reads the same figure.
    const kolom = (t: { koppen: string[]; rijen: unknown[][] }, naam: string) =>
      t.rijen.map((x) => x[t.koppen.indexOf(naam)]);
    for (const naam of [gehuisvest, gebruikt, achterstand]) {
      const [was, is] = [kolom(voor, naam), kolom(nu, naam)];
      controleer(JSON.stringify(was) === JSON.stringify(is), `${naam}: ${String(is)}, was ${String(was)}`);
    }
    const waarde = (await leesBerekend(v, blad, "A1"))[0]?.[0];
    controleer(
      waarde === voor.rijen[r]?.[k],
      `uw formule (${adres}) leest ${String(waarde)}, ${gebruikt} van ${PERIODE} is ${String(voor.rijen[r]?.[k])}`,
    );
    v.detail(
      `kolom "${EIGEN_KOLOM_BINNEN}" blijft vóór ${gebruikt}; ${adres} leest ${String(waarde)}; ` +
        `${achterstand} ${PERIODE}: ${String(kolom(nu, achterstand)[r])}, als vóór het invoegen`,
    );
  },
};

/** The header of the column `kolom-binnen` inserts. */
const EIGEN_KOLOM_BINNEN = "Zelftest eigen kolom";

/** The header of the calculated column of `berekende-kolom`. */
const BEREKEND_KOLOM = "Zelftest dubbel";

/** A plan of the self-test's gemeente, new provenance (as a later fill). */
function zelftestPlan(): WerkboekPlan {
  return planGemeente(engine(), GEMEENTE, zelftestBron());
}

/** A dataset like the one in use with the national number of PERIODE raised: what a new decision would bring. */
function nieuwBesluit(d: Dataset): Dataset {
  return {
    ...d,
    landelijkeTaakstelling: d.landelijkeTaakstelling.map((l) =>
      l.periode === PERIODE && l.aantal !== null
        ? { ...l, aantal: l.aantal + 1000, eerdereAantallen: [...l.eerdereAantallen, l.aantal] }
        : l,
    ),
  };
}

/**
 * OPGAVE formulas on the user's sheets (they must not compute with test data, not even for a moment); a workbook
 * with hidden sheets is skipped (they cannot be searched).
 */
async function eigenOpgaveCellen(v: Verloop, blad: string): Promise<number> {
  return v.host.run(async (context) => {
    const bladen = context.workbook.worksheets.load("items/name,items/visibility");
    await context.sync();
    // findAll does not search hidden sheets, and the re-entry recalculates everything when there are any.
    const verborgen = bladen.items.filter((b) => b.visibility !== "Visible").map((b) => b.name);
    if (verborgen.length > 0) throw new Overgeslagen(zb.verborgenBladen(verborgen));
    const treffers = bladen.items
      .filter((b) => !gelijk(b.name, blad))
      .map((b) => b.findAllOrNullObject("OPGAVE.", { completeMatch: false, matchCase: false }));
    for (const t of treffers) t.load("areas/items/rowCount,areas/items/columnCount");
    await context.sync();
    return treffers
      .filter((t) => !t.isNullObject)
      .reduce((n, t) => n + t.areas.items.reduce((m, a) => m + a.rowCount * a.columnCount, 0), 0);
  });
}

const feedUpdate: Scenario = {
  naam: "feed-update",
  titel: "Nieuwe gegevens en herberekening",
  async voerUit(v) {
    if (!kanZoeken()) throw new Overgeslagen(zb.excelTeOud("ExcelApi", "1.9"));
    const blad = await tijdelijkBlad(v);
    const eigen = await eigenOpgaveCellen(v, blad);
    if (eigen > 0) throw new Overgeslagen(zb.heeftOpgaveFormules(eigen));
    await v.host.run(async (context) => {
      context.workbook.worksheets.getItem(blad).getRange("A1").formulas = [[FORMULE_GOED]];
      await context.sync();
    });
    const oud = engine().dataset;
    const voor = (await leesBerekend(v, blad, "A1"))[0]?.[0];
    const nieuw = nieuwBesluit(oud);
    const verwacht = new Engine(nieuw).taakstelling(GEMEENTE, PERIODE).aantal;
    controleer(voor === engine().taakstelling(GEMEENTE, PERIODE).aantal, `voor de wissel: ${String(voor)}`);
    try {
      gebruikDataset(nieuw);
      const h = await v.host.run((context) => herzetOpgaveFormules(context));
      const na = (await leesBerekend(v, blad, "A1"))[0]?.[0];
      controleer(na === verwacht, `na nieuwe gegevens: ${String(na)}, verwacht ${verwacht}`);
      v.detail(
        `${FORMULE_GOED}: ${String(voor)} → ${String(na)} na nieuwe gegevens (${h.cellen} cel opnieuw ingevoerd)`,
      );
    } finally {
      gebruikDataset(oud);
      await v.host.run((context) => herzetOpgaveFormules(context));
    }
    const terug = (await leesBerekend(v, blad, "A1"))[0]?.[0];
    controleer(terug === voor, `na terugzetten: ${String(terug)}, verwacht ${String(voor)}`);
    v.detail(`terug naar de gegevens in gebruik: ${String(terug)}`);
  },
};

const overzicht: Scenario = {
  naam: "overzicht",
  titel: "Overzicht van een provincie schrijven",
  async voerUit(v) {
    const c = consolideer(engine(), [], { provincie: GEMEENTE });
    const plan = planConsolidatie(c, zelftestBron());
    vereisVrij(v, plan);
    const rapport = await vul(v, plan);
    const verwacht = plan.bladen
      .flatMap((b) => b.tabellen)
      .find((t) => t.naam === CONSOLIDATIE_TABELLEN.overzicht);
    const { rijen } = await leesTabel(v, CONSOLIDATIE_TABELLEN.overzicht);
    controleer(
      verwacht !== undefined && rijen.length === verwacht.rijen.length,
      `${CONSOLIDATIE_TABELLEN.overzicht}: ${rijen.length} rijen, verwacht ${verwacht?.rijen.length}`,
    );
    v.detail(`${rapport.nieuweBladen.join(", ")} geschreven; ${rijen.length} gemeenten in het overzicht`);
  },
};

/** Every scenario, in the order they run. */
export const SCENARIOS: readonly Scenario[] = [
  functies,
  eersteVulling,
  herbevulling,
  formulesVanGebruiker,
  rijenErbij,
  berekendeKolom,
  kolomBinnen,
  feedUpdate,
  overzicht,
];
