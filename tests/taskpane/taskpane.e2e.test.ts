/**
 * The built add-in in headless Chromium (Debian chromium, playwright-core), served on 127.0.0.1 with the local
 * office.js:
 * - preview mode (no Office host): the page loads cleanly; choose a gemeente, fetch a newer signed bundle from a
 *   test feed (another origin, with CORS), see what it would change, use it, preview the plan, download the .xlsx
 *   and check it; after a reload the fetched bundle comes from the cache (IndexedDB);
 * - the Excel path with an injected fake `Excel` (tests/helpers/fakeExcel.ts): "Vul werkboek" writes the plan;
 *   "Gebruik deze gegevens" re-enters every OPGAVE cell, and so does the start-up with a cached bundle.
 * The feed checks themselves (own bundle, tampered bundle, back to the embedded data) are in feed.e2e.test.ts.
 */
import fs from "fs";
import http from "http";
import type { AddressInfo } from "net";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  bouwAddin,
  fakeExcelScript,
  ONTWIKKEL_SLEUTEL,
  serveer,
  startBrowser,
  type Server,
} from "../helpers/browser";
import { onderteken } from "../../src/data/handtekening";
import { standaardDataset } from "../../src/data/embedded";
import { maakBundel, bundelTekst } from "../../src/data/bundel";
import { Engine } from "../../src/domain/engine";
import type { Dataset } from "../../src/data/schema";
import { vul } from "../../src/cli/vul";

let server: Server;
let feed: http.Server;
let feedUrl: string;
let browser: Browser;
const fouten: string[] = [];
const extern: string[] = [];

/** A newer dataset (version above the embedded 2026.12.01): 2025-I national number 15,000 → 16,000. */
function nieuwereDataset(): Dataset {
  const ds = standaardDataset();
  return {
    ...ds,
    versie: "2026.12.2",
    datum: "2026-12-01",
    landelijkeTaakstelling: ds.landelijkeTaakstelling.map((l) =>
      l.periode === "2025-I"
        ? { ...l, aantal: 16_000, eerdereAantallen: [...l.eerdereAantallen, 15_000] }
        : l,
    ),
  };
}
const nieuw = nieuwereDataset();

async function nieuwePagina(context: BrowserContext, server: Server): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (e) => fouten.push(e.message));
  page.on("request", (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith(feedUrl) && !r.url().startsWith("blob:"))
      extern.push(r.url());
  });
  page.on("response", (r) => {
    if (r.status() >= 400) fouten.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${server.url}/taskpane.html`);
  await page.waitForSelector("body[data-klaar=ja]");
  return page;
}

/** Saving the feed address is asynchronous (IndexedDB): wait for the pane to say it is saved. */
async function instellingOpgeslagen(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.getElementById("feed-bericht")?.textContent === "Instelling opgeslagen.",
  );
}

let map: string;

beforeAll(async () => {
  map = await bouwAddin(".tmp/e2e-taskpane");
  server = await serveer(map);
  const tekst = bundelTekst(
    maakBundel(nieuw, { gepubliceerd: "2026-12-01T08:00:00Z", uitgever: "Testfeed" }),
  );
  const handtekening = await onderteken(
    new TextEncoder().encode(tekst),
    fs.readFileSync(ONTWIKKEL_SLEUTEL, "utf8"),
  );
  feed = http.createServer((req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Allow-Headers", "If-None-Match");
    res.setHeader("Access-Control-Expose-Headers", "ETag");
    if (req.method === "OPTIONS") return void res.writeHead(204).end();
    const sig = (req.url ?? "").endsWith(".sig");
    res
      .writeHead(200, { "content-type": "application/json", etag: sig ? '"s2"' : '"v2"' })
      .end(sig ? handtekening : tekst);
  });
  await new Promise<void>((r) => feed.listen(0, "127.0.0.1", r));
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}`;
  browser = await startBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((r) => feed?.close(r));
});

test("the build carries one zip library: fflate, once (exceljs built from its sources on it), no JSZip", () => {
  const scripts = fs
    .readdirSync(map)
    .filter((f) => f.endsWith(".js"))
    .map((f) => ({ f, code: fs.readFileSync(path.join(map, f), "utf8") }));
  // One of fflate's own error texts that no message of Opgave's quotes (the Dutch translations of library errors
  // match "invalid zip data"), and JSZip's name (its code names itself in messages and its version).
  expect(scripts.filter((s) => s.code.includes("date not in range 1980-2099")).map((s) => s.f)).toEqual([
    "exceljs.js",
  ]);
  expect(scripts.filter((s) => /JSZip/.test(s.code)).map((s) => s.f)).toEqual([]);
});

describe("preview mode (ordinary browser)", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ acceptDownloads: true });
    page = await nieuwePagina(context, server);
  }, 60_000);
  afterAll(() => context?.close());

  test("loads with no script errors, no 404s and no requests outside its own origin; shows the data in use", async () => {
    expect(fouten).toEqual([]);
    expect(extern).toEqual([]);
    await expect(page.textContent("#status-dataset")).resolves.toMatch(
      /opgave-standaard versie 2026\.12\.01/,
    );
    await expect(page.textContent("#status-bron")).resolves.toContain("ingebouwd");
    expect(await page.isVisible("#modus")).toBe(true);
  });

  test("gemeente search with suggestions", async () => {
    await page.fill("#gemeente", "Utrech");
    await expect(page.textContent("#gemeente-hulp")).resolves.toContain("Bedoelde u: Utrecht");
    await page.fill("#gemeente", "utrecht");
    await expect(page.textContent("#gemeente-hulp")).resolves.toBe("Utrecht (GM0344)");
    // What a fill will say (before: "Niet gevonden. Bedoelde u: Bergen (NH.), Bergen op Zoom, …" and "Vlieland?").
    await page.fill("#gemeente", "Bergen");
    await expect(page.textContent("#gemeente-hulp")).resolves.toContain(
      "is niet eenduidig: bedoelt u Bergen (NH.) of Bergen (L.)?",
    );
    await page.fill("#gemeente", "Friesland");
    await expect(page.textContent("#gemeente-hulp")).resolves.toContain(
      "is een provincie (Fryslân), geen gemeente",
    );
    // A gemeente that no longer exists: named, and said so (before: only "Haaren (GM0788)").
    await page.fill("#gemeente", "Haaren");
    await expect(page.textContent("#gemeente-hulp")).resolves.toMatch(
      /^Haaren \(GM0788\) — Haaren bestaat niet meer: per 1-1-2021 opgegaan in Boxtel/,
    );
    // Utrecht again: the tests after this one go on with it.
    await page.fill("#gemeente", "utrecht");
    await expect(page.textContent("#gemeente-hulp")).resolves.toBe("Utrecht (GM0344)");
  });

  test("fetch a newer bundle from the feed, see what it changes for the gemeente, then use it", async () => {
    const oud = new Engine(standaardDataset()).taakstelling("Utrecht", "2025-I").aantal;
    const verwacht = new Engine(nieuw).taakstelling("Utrecht", "2025-I").aantal;
    expect(verwacht).not.toBe(oud);
    await page.click("#instellingen summary");
    await page.fill("#feed-url", `${feedUrl}/bundel.json`);
    await page.click("#instellingen-form button[type=submit]");
    await instellingOpgeslagen(page);
    await page.click("#vernieuw");
    await page.waitForSelector("#kandidaat:not([hidden]) #wijzigingen:not([hidden])");
    await expect(page.textContent("#wijzigingen-kop")).resolves.toBe("Wat verandert voor Utrecht");
    const rijen = await page.$$eval("#wijzigingen-rijen tr", (trs) =>
      trs.map((tr) => (tr as HTMLElement).innerText),
    );
    expect(rijen.join("\n")).toMatch(new RegExp(`Taakstelling 2025-I\\s+${oud}\\s+${verwacht}`));
    // Not in use until the user says so.
    await expect(page.textContent("#status-dataset")).resolves.toContain("2026.12.01");
    await page.click("#neem-over");
    await page.waitForSelector("#kandidaat", { state: "hidden" });
    await expect(page.textContent("#status-dataset")).resolves.toContain("2026.12.2");
    await expect(page.textContent("#status-bron")).resolves.toContain(feedUrl);
    await expect(page.textContent("#status-sleutel")).resolves.toMatch(
      /^Ondertekend door Opgave ontwikkelsleutel/,
    );
    await expect(page.textContent("#feed-bericht")).resolves.toContain(
      "Nieuwe gegevens in gebruik: versie 2026.12.2",
    );
    // Feed messages stay in the feed section.
    await expect(page.textContent("#uitkomst")).resolves.toBe("");
  });

  test("preview the plan, then download the .xlsx with the new numbers", async () => {
    await page.click("#vul");
    await page.waitForSelector("#voorbeeld:not([hidden])");
    expect(
      await page.$$eval("[data-tabel]", (ts) => ts.map((t) => (t as HTMLElement).dataset.tabel)),
    ).toContain("Opgave_Taakstelling");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const map = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-e2e-"));
    const bestand = path.join(map, download.suggestedFilename());
    await download.saveAs(bestand);
    expect(download.suggestedFilename()).toBe("opgave-gemeente-utrecht.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(bestand);
    const blad = wb.getWorksheet("Taakstelling");
    expect(blad).toBeDefined();
    const verwacht = new Engine(nieuw).taakstelling("Utrecht", "2025-I").aantal;
    let gevonden = false;
    blad!.eachRow((rij) => {
      if (rij.getCell(1).value === "2025-I") {
        gevonden = true;
        expect(rij.values).toContain(verwacht);
      }
    });
    expect(gevonden).toBe(true);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(["Overzicht", "Opvang", "Kosten", "Bron"]),
    );
    fs.rmSync(map, { recursive: true, force: true });
  });

  test("after a reload the fetched bundle comes from the cache (IndexedDB), offline-capable", async () => {
    await page.reload();
    await page.waitForSelector("body[data-klaar=ja]");
    await expect(page.textContent("#status-dataset")).resolves.toContain("2026.12.2");
    await expect(page.textContent("#status-bron")).resolves.toContain("bewaard");
    expect(fouten).toEqual([]);
  });
});

describe("Excel path with an injected fake Excel", () => {
  const OPGAVE = '=OPGAVE.TAAKSTELLING("Utrecht";"2025-I")';

  /** A browser context whose pages get `window.Excel` backed by a FakeExcel (`window.__fake`) with OPGAVE cells. */
  async function excelContext(): Promise<BrowserContext> {
    const context = await browser.newContext();
    // The fake (its modules and the A1 address code) as one script that declares `exports` (tests/helpers/browser.ts).
    await context.addInitScript(`
      (function () {
        ${fakeExcelScript()}
        var wm = new exports.FakeWerkmap(["Blad1"]);
        wm.zet("Blad1", "A1", { formule: ${JSON.stringify(OPGAVE)}, waarde: 123 });
        wm.zet("Blad1", "A2", { formule: '=OPGAVE.TAAKSTELLING("Utrecht";"2099-I")', waarde: "#VALUE!" });
        wm.zet("Blad1", "A3", { formule: "=A1*2", waarde: 246 });
        var fx = new exports.FakeExcel(wm);
        window.__fake = fx;
        window.Excel = { run: function (a, b) { return fx.run(a, b); }, CalculationType: { full: "Full" } };
      })();
    `);
    return context;
  }

  type Fake = {
    werkmap: { bladen: { naam: string }[]; tabel: (n: string) => unknown };
    syncs: number;
    herschreven: { blad: string; adres: string; formule: string }[];
  };
  /** The OPGAVE formulas written into the workbook (the writer's own formulas never call OPGAVE.*). */
  const herschreven = (page: Page) =>
    page.evaluate(() =>
      (window as unknown as { __fake: Fake }).__fake.herschreven
        .filter((h) => /OPGAVE\./i.test(h.formule))
        .map((h) => `${h.blad}!${h.adres} ${h.formule}`),
    );

  test("Vul werkboek writes the plan into the workbook and reports it", async () => {
    const context = await excelContext();
    const page = await nieuwePagina(context, server);
    expect(await page.isVisible("#modus")).toBe(false);
    await expect(page.textContent("#vul")).resolves.toBe("Vul werkboek");
    await page.fill("#gemeente", "Zeist");
    await page.click("#vul");
    await page.waitForFunction(() =>
      /Werkboek gevuld|mis/.test(document.getElementById("uitkomst")?.textContent ?? ""),
    );
    // A first fill: the new sheets named, not "geen gewijzigde cijfers, 0 eigen invoercellen behouden".
    await expect(page.textContent("#uitkomst")).resolves.toContain(
      "Werkboek gevuld: 6 nieuwe bladen (Overzicht, Taakstelling, Opvang, Kleinschalig, Kosten, Bron); wat er al " +
        "in het werkboek stond, bleef zoals het was.",
    );
    const info = await page.evaluate(() => {
      const fx = (window as unknown as { __fake: Fake }).__fake;
      return {
        bladen: fx.werkmap.bladen.map((b) => b.naam),
        tabel: Boolean(fx.werkmap.tabel("Opgave_Taakstelling")),
        syncs: fx.syncs,
      };
    });
    expect(info.bladen).toEqual(
      expect.arrayContaining(["Blad1", "Overzicht", "Taakstelling", "Opvang", "Kosten", "Bron"]),
    );
    expect(info.tabel).toBe(true);
    expect(info.syncs).toBeLessThanOrEqual(4);
    // The embedded data was in use from the start: nothing to recompute.
    await expect(herschreven(page)).resolves.toEqual([]);
    await context.close();
  });

  test("a refill that would put a sorted Taakstelling back in order asks first; nothing changes until Toch vullen", async () => {
    const context = await excelContext();
    const page = await nieuwePagina(context, server);
    await page.fill("#gemeente", "Zeist");
    const uitkomst = (patroon: RegExp) =>
      page.waitForFunction(
        (p) => new RegExp(p).test(document.getElementById("uitkomst")?.textContent ?? ""),
        patroon.source,
      );
    await page.click("#vul");
    await uitkomst(/Werkboek gevuld/);
    // The user sorts the Taakstelling table (rows 8–27) newest first: its plain values reversed, as Excel's sort.
    const momentopname = await page.evaluate(() => {
      type Werkmap = {
        blad: (n: string) => { cellen: Map<string, { waarde: unknown; formule?: string }> };
        zet: (b: string, a: string, w: unknown) => void;
        momentopname: () => string;
      };
      const wm = (window as unknown as { __fake: { werkmap: Werkmap } }).__fake.werkmap;
      const cellen = wm.blad("Taakstelling").cellen;
      for (const kolom of "ABCDEFGHIJKLMNOP") {
        const waarden = [];
        for (let r = 8; r <= 27; r++) {
          const c = cellen.get(`${kolom}${r}`);
          waarden.push(c?.formule === undefined ? (c?.waarde ?? "") : undefined);
        }
        waarden.reverse().forEach((w, i) => {
          if (w !== undefined) wm.zet("Taakstelling", `${kolom}${8 + i}`, w);
        });
      }
      return wm.momentopname();
    });
    const nu = () =>
      page.evaluate(() =>
        (
          window as unknown as { __fake: { werkmap: { momentopname: () => string } } }
        ).__fake.werkmap.momentopname(),
      );
    await page.click("#vul");
    await uitkomst(/eigen volgorde/);
    await expect(page.textContent("#uitkomst")).resolves.toContain("Er is nog niets gewijzigd");
    await expect(page.isVisible("#vul-bevestig")).resolves.toBe(true);
    await expect(nu()).resolves.toBe(momentopname);
    await page.click("#vul-bevestig");
    await uitkomst(/Werkboek gevuld/);
    await expect(page.textContent("#uitkomst")).resolves.toContain("volgorde van de rijen");
    await expect(page.isVisible("#vul-bevestig")).resolves.toBe(false);
    await expect(nu()).resolves.not.toBe(momentopname);
    await context.close();
  });

  test("Gebruik deze gegevens re-enters every OPGAVE cell; so does the start-up with a cached bundle", async () => {
    const context = await excelContext();
    const page = await nieuwePagina(context, server);
    await page.click("#instellingen summary");
    await page.fill("#feed-url", `${feedUrl}/bundel.json`);
    await page.click("#instellingen-form button[type=submit]");
    await instellingOpgeslagen(page);
    await page.click("#vernieuw");
    await page.waitForSelector("#kandidaat:not([hidden])");
    await expect(herschreven(page)).resolves.toEqual([]);
    await page.click("#neem-over");
    await page.waitForFunction(() =>
      /opnieuw berekend/.test(document.getElementById("feed-bericht")?.textContent ?? ""),
    );
    await expect(page.textContent("#feed-bericht")).resolves.toContain(
      "2 cellen met OPGAVE-formules opnieuw berekend",
    );
    const verwacht = [`Blad1!A1 ${OPGAVE}`, 'Blad1!A2 =OPGAVE.TAAKSTELLING("Utrecht";"2099-I")'];
    await expect(herschreven(page)).resolves.toEqual(verwacht);

    // A new page (the workbook opened again): the cached feed bundle replaces the embedded data at start-up.
    await page.reload();
    await page.waitForSelector("body[data-klaar=ja]");
    await expect(page.textContent("#status-bron")).resolves.toContain("bewaard");
    await page.waitForFunction(() => (window as unknown as { __fake: Fake }).__fake.herschreven.length > 0);
    await expect(herschreven(page)).resolves.toEqual(verwacht);
    expect(fouten).toEqual([]);
    await context.close();
  });
});

describe("consolidation of municipal workbooks (preview)", () => {
  test("pick files (one broken), see the check list, preview and download the overview", async () => {
    const map = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-cons-"));
    const stil = { out: () => undefined, err: () => undefined };
    const bestanden: string[] = [];
    for (const g of ["Zeist", "Bunnik", "De Bilt"]) {
      const uit = path.join(map, `${g}.xlsx`);
      expect(await vul(["--gemeente", g, "--uit", uit], stil, "2026-11-28T10:00:00Z")).toBe(0);
      bestanden.push(uit);
    }
    const kapot = path.join(map, "kapot.xlsx");
    fs.writeFileSync(kapot, Buffer.from("dit is geen werkboek"));
    bestanden.push(kapot);

    const context = await browser.newContext({ acceptDownloads: true });
    const page = await nieuwePagina(context, server);
    await page.setInputFiles("#bestanden", bestanden);
    await expect(page.textContent("#dropzone-hulp")).resolves.toContain("4 werkboeken gekozen");
    await page.click("#consolideer");
    await page.waitForSelector("#controles:not([hidden])");
    const controles = await page.$$eval("#controle-lijst li", (lis) =>
      lis.map((li) => (li as HTMLElement).innerText),
    );
    const tekst = controles.join("\n");
    expect(tekst).toMatch(/kapot\.xlsx.*Geen geldig \.xlsx-bestand/);
    expect(tekst).toContain("Geen werkboek van Amersfoort aangeleverd");
    // The list shows first; the summary follows once the preview's values are computed.
    await page.waitForFunction(() => document.getElementById("cons-uitkomst")?.textContent !== "");
    await expect(page.textContent("#cons-uitkomst")).resolves.toMatch(
      /Overzicht Utrecht: 3 van 26 gemeenten aangeleverd/,
    );
    // The consolidation has its own message area: nothing of it under "Werkboek vullen".
    await expect(page.textContent("#uitkomst")).resolves.toBe("");
    expect(
      await page.$$eval("[data-tabel]", (ts) => ts.map((t) => (t as HTMLElement).dataset.tabel)),
    ).toEqual(expect.arrayContaining(["Opgave_Consolidatie", "Opgave_Controle"]));
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#cons-download")]);
    expect(download.suggestedFilename()).toBe("opgave-overzicht-utrecht.xlsx");
    const doel = path.join(map, "overzicht.xlsx");
    await download.saveAs(doel);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(doel);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["Controle"]));
    expect(fouten).toEqual([]);
    await context.close();
    fs.rmSync(map, { recursive: true, force: true });
  }, 120_000);
});
