/**
 * The pane's Zelftest (Instellingen → "Zelftest uitvoeren") in headless Chromium on the built add-in:
 * - in an ordinary browser (no Excel) it says that it needs Excel;
 * - with the fake Excel injected as `window.Excel` (tests/helpers/fakeExcel through tests/zelftest/nepHost.ts, which
 *   also lets the page's own registered custom functions compute the OPGAVE cells, as Excel would) it runs every
 *   scenario of src/taskpane/zelftest/scenarios.ts: the report lists each one as "geslaagd", with the Excel version
 *   line and timings; the user's sheets are exactly as before; "Kopieer" copies the report; axe finds no serious
 *   or critical WCAG 2.1 A/AA violation.
 */
import path from "path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { axeSchendingen, bouwAddin, ROOT, serveer, startBrowser, type Server } from "../helpers/browser";
import { browserBundel } from "../helpers/browserBundel";
import { SCENARIOS } from "../../src/taskpane/zelftest/scenarios";

let server: Server;
let browser: Browser;
const fouten: string[] = [];

beforeAll(async () => {
  server = await serveer(await bouwAddin(".tmp/e2e-zelftest"));
  browser = await startBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (e) => fouten.push(e.message));
  await page.goto(`${server.url}/taskpane.html`);
  await page.waitForSelector("body[data-klaar=ja]");
  await page.click("#instellingen summary");
  return page;
}

/**
 * A context whose pages get the fake Excel with a user's workbook (Blad1 with values and a formula, Begroting with
 * a table), and a `CustomFunctions` stand-in that keeps what the page registers, so the fake computes OPGAVE cells
 * with the add-in's own functions.
 */
async function excelContext(): Promise<BrowserContext> {
  const bundel = browserBundel(
    {
      fake: path.join(ROOT, "tests/helpers/fakeExcel.ts"),
      nep: path.join(ROOT, "tests/zelftest/nepHost.ts"),
    },
    "__zelftestModules",
  );
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  await context.addInitScript(`
    ${bundel}
    (function () {
      var geregistreerd = {};
      function FoutKlasse(code, bericht) { var e = new Error(bericht); e.code = code; Object.setPrototypeOf(e, FoutKlasse.prototype); return e; }
      FoutKlasse.prototype = Object.create(Error.prototype);
      var cf = {
        Error: FoutKlasse,
        ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!" },
      };
      // office.js reuses this object and sets its own associate: keep that one, and record every registration.
      var vanOffice;
      Object.defineProperty(cf, "associate", {
        configurable: true,
        set: function (f) { vanOffice = f; },
        get: function () {
          return function (id, fn) {
            if (typeof id === "object" && id) for (var k in id) geregistreerd[k.toUpperCase()] = id[k];
            else geregistreerd[String(id).toUpperCase()] = fn;
            if (vanOffice) try { vanOffice.apply(cf, arguments); } catch (e) { /* no Excel */ }
          };
        },
      });
      window.CustomFunctions = cf;
      var m = window.__zelftestModules;
      var wm = new m.fake.FakeWerkmap(["Blad1", "Begroting"]);
      wm.zet("Blad1", "A1", 10);
      wm.zet("Blad1", "A2", { formule: "=A1*2", waarde: 20 });
      wm.zet("Blad1", "B1", "mijn tekst");
      wm.voegTabelToe("Mijn_Tabel", "Begroting", "A1", ["Post", "Bedrag"], [["Huur", 100]]);
      var fx = new m.fake.FakeExcel(wm);
      window.__fake = fx;
      window.__voor = wm.momentopname();
      window.Excel = m.nep.maakNepExcel(fx, function (id) { return geregistreerd[id]; });
    })();
  `);
  return context;
}

test("in an ordinary browser the Zelftest says it needs Excel", async () => {
  const context = await browser.newContext();
  const page = await open(context);
  await page.click("#zelftest-start");
  await expect(page.textContent("#zelftest-bericht")).resolves.toContain("De zelftest heeft Excel nodig");
  expect(await page.isVisible("#zelftest-uitkomst")).toBe(false);
  expect(fouten).toEqual([]);
  await context.close();
}, 60_000);

test("with the fake Excel every scenario passes, the user's sheets are unchanged, the report copies; axe clean", async () => {
  const context = await excelContext();
  const page = await open(context);
  await page.click("#zelftest-start");
  await page.waitForSelector("#zelftest-uitkomst:not([hidden])", { timeout: 60_000 });
  const rapport = await page.inputValue("#zelftest-rapport");
  for (const s of SCENARIOS)
    expect(rapport).toMatch(new RegExp(`✓ ${s.titel} \\[${s.naam}\\] — geslaagd \\(\\d+ ms\\)`));
  expect(rapport).toMatch(/^Opgave zelftest — /);
  expect(rapport).toMatch(/Excel \S+ \(/);
  expect(rapport).toContain("API-sets:");
  expect(rapport).toContain(`${SCENARIOS.length} geslaagd, 0 mislukt, 0 overgeslagen`);
  expect(rapport).toContain('=OPGAVE.TAAKSTELLING("Utrecht","2024-I") → 388');
  await expect(page.textContent("#zelftest-bericht")).resolves.toContain(`${SCENARIOS.length} geslaagd`);
  const { voor, na, bladen } = await page.evaluate(() => {
    const w = window as unknown as {
      __voor: string;
      __fake: { werkmap: { momentopname(): string; bladen: { naam: string }[] } };
    };
    return {
      voor: w.__voor,
      na: w.__fake.werkmap.momentopname(),
      bladen: w.__fake.werkmap.bladen.map((b) => b.naam),
    };
  });
  expect(bladen).toEqual(["Blad1", "Begroting"]);
  expect(na).toBe(voor);

  await page.click("#zelftest-kopieer");
  // Copying is asynchronous (the clipboard API): wait for the pane's answer, then check it.
  await page.waitForFunction(
    (n) =>
      document.querySelector("#zelftest-bericht")?.textContent !== `${n} geslaagd, 0 mislukt, 0 overgeslagen`,
    SCENARIOS.length,
  );
  await expect(page.textContent("#zelftest-bericht")).resolves.toBe("Rapport gekopieerd.");
  await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(rapport);

  expect(await axeSchendingen(page)).toEqual([]);
  expect(fouten).toEqual([]);
  await context.close();
}, 120_000);
