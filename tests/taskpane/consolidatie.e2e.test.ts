/**
 * The pane's consolidation without freezing or traps (issue 12), in headless Chromium against the built add-in
 * (preview mode, no Excel):
 * - the files are read one after another in a Web Worker (src/taskpane/leesWerker.ts), with a line per file in an
 *   aria-live list ("Bestand 2 van 3: groot.xlsx lezen…", then read or refused); the page answers a click while a
 *   large file is being read;
 * - without a worker (a host that has none, or whose worker script does not load) the same files are read on the
 *   main thread, with the same result;
 * - one Utrecht and one Gelderland file: the pane asks which province (a labelled select and "Maak overzicht")
 *   instead of guessing, and makes that province's overview without reading the files again;
 * - not one usable file: no Download button and no "Overzicht ?: 0 van 0", but a Dutch message with the reason
 *   per file;
 * - axe-core finds no serious or critical WCAG 2.1 A/AA violation in these states.
 * No sleeps: every step waits for what the pane shows.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { strToU8, zipSync } from "fflate";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  axeSchendingen,
  bouwAddin,
  fakeExcelScript,
  serveer,
  startBrowser,
  type Server,
} from "../helpers/browser";
import { vul } from "../../src/cli/vul";
import { STANDAARD_LEESGRENZEN as grenzen } from "../../src/workbook/pakketControle";

let server: Server;
let browser: Browser;
const fouten: string[] = [];
const map = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-cons-e2e-"));
const bestand = (naam: string) => path.join(map, naam);

/**
 * A valid .xlsx that is no Opgave workbook, with `bladen` sheets of `rijen` × 10 numbers each: exceljs needs a
 * while for it (450,000 cells: a second or two), long enough to click in the page meanwhile.
 */
function grootWerkboek(bladen: number, rijen: number): Uint8Array {
  const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const pakket = "http://schemas.openxmlformats.org/package/2006";
  const type = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  const rijXml: string[] = [];
  for (let r = 1; r <= rijen; r++) {
    let cellen = "";
    for (let k = 0; k < 10; k++) cellen += `<c r="${"ABCDEFGHIJ"[k]}${r}"><v>${r * 10 + k}</v></c>`;
    rijXml.push(`<row r="${r}">${cellen}</row>`);
  }
  const xml = (s: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`);
  const blad = xml(`<worksheet xmlns="${ns}"><sheetData>${rijXml.join("")}</sheetData></worksheet>`);
  const nrs = Array.from({ length: bladen }, (_, i) => i + 1);
  const delen: Record<string, Uint8Array> = {
    "[Content_Types].xml": xml(
      `<Types xmlns="${pakket}/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="${type}.sheet.main+xml"/>` +
        nrs
          .map(
            (n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${type}.worksheet+xml"/>`,
          )
          .join("") +
        "</Types>",
    ),
    "_rels/.rels": xml(
      `<Relationships xmlns="${pakket}/relationships">` +
        `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": xml(
      `<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets>` +
        nrs.map((n) => `<sheet name="Cijfers ${n}" sheetId="${n}" r:id="rId${n}"/>`).join("") +
        "</sheets></workbook>",
    ),
    "xl/_rels/workbook.xml.rels": xml(
      `<Relationships xmlns="${pakket}/relationships">` +
        nrs
          .map(
            (n) => `<Relationship Id="rId${n}" Type="${rel}/worksheet" Target="worksheets/sheet${n}.xml"/>`,
          )
          .join("") +
        "</Relationships>",
    ),
  };
  for (const n of nrs) delen[`xl/worksheets/sheet${n}.xml`] = blad;
  return zipSync(delen);
}

/**
 * The large file stays within the reader's limits (docs/grenzen.md): over them the package check refuses it
 * before parsing, in an instant, and there would be nothing to click during.
 */
function grootBinnenGrenzen(): Uint8Array {
  const perBlad = Math.min(150_000, Math.floor(grenzen.cellenPerBlad * 0.75));
  const bladen = Math.max(1, Math.min(3, Math.floor((grenzen.cellenTotaal * 0.6) / perBlad)));
  return grootWerkboek(bladen, Math.floor(perBlad / 10));
}

beforeAll(async () => {
  const stil = { out: () => undefined, err: () => undefined };
  // Zeist (province of Utrecht), Arnhem (Gelderland), and a province workbook (Opgave's, but not a gemeente's).
  for (const g of ["Zeist", "Arnhem"])
    expect(await vul(["--gemeente", g, "--uit", bestand(`${g}.xlsx`)], stil, "2026-11-28T10:00:00Z")).toBe(0);
  const provincie = [
    "--provincie",
    "Utrecht",
    "--periode",
    "2024-I",
    "--uit",
    bestand("provincie-utrecht.xlsx"),
  ];
  expect(await vul(provincie, stil, "2026-11-28T10:00:00Z")).toBe(0);
  fs.writeFileSync(bestand("kapot.xlsx"), "dit is geen werkboek");
  fs.writeFileSync(bestand("groot.xlsx"), grootBinnenGrenzen());
  server = await serveer(await bouwAddin(".tmp/e2e-consolidatie"));
  browser = await startBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(map, { recursive: true, force: true });
});

async function nieuwePagina(voorbereiding?: (context: BrowserContext) => Promise<unknown>): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 800, height: 900 } });
  await voorbereiding?.(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => fouten.push(e.message));
  await page.goto(`${server.url}/taskpane.html`);
  await page.waitForSelector("body[data-klaar=ja]");
  return page;
}

/** Choose files and press Samenvoegen. */
async function voegSamen(page: Page, namen: readonly string[]): Promise<void> {
  await page.setInputFiles("#bestanden", namen.map(bestand));
  await page.click("#consolideer");
}

/** The lines of the progress list, once every file has its outcome. */
async function regels(
  page: Page,
  aantal: number,
): Promise<{ tekst: string; stand: string; lezer: string }[]> {
  await page.waitForFunction((n) => {
    const lis = [...document.querySelectorAll<HTMLElement>("#cons-bestanden li")];
    return lis.length === n && lis.every((li) => li.dataset.stand !== "lezen");
  }, aantal);
  return page.$$eval("#cons-bestanden li", (lis) =>
    lis.map((li) => ({
      tekst: (li as HTMLElement).innerText,
      stand: (li as HTMLElement).dataset.stand ?? "",
      lezer: (li as HTMLElement).dataset.lezer ?? "",
    })),
  );
}

describe("reading in a Web Worker, a line per file", () => {
  test("a line per file as it is read; the page answers a click while a large file is read", async () => {
    const page = await nieuwePagina();
    // What the progress line of the large file said when the page handled a click (the handler ran meanwhile).
    await page.evaluate(() => {
      const w = window as unknown as { tijdensKlik?: string };
      document.getElementById("instellingen")!.addEventListener("toggle", () => {
        w.tijdensKlik = document.querySelector("#cons-bestanden li:nth-child(2)")?.textContent ?? "";
      });
    });
    await voegSamen(page, ["Zeist.xlsx", "groot.xlsx", "kapot.xlsx"]);
    await expect(page.getAttribute("#cons-bestanden", "aria-live")).resolves.toBe("polite");
    // While the large file is read: open the settings (a click the page must handle now, not after reading).
    await page.waitForSelector("#cons-bestanden li:nth-child(2)[data-stand=lezen]");
    await page.click("#instellingen summary");
    await page.waitForFunction(() => "tijdensKlik" in window);
    await expect(
      page.evaluate(() => (window as unknown as { tijdensKlik: string }).tijdensKlik),
    ).resolves.toBe("Bestand 2 van 3: groot.xlsx lezen…");
    expect(await page.$eval("#instellingen", (d) => (d as HTMLDetailsElement).open)).toBe(true);

    const lijst = await regels(page, 3);
    expect(lijst.map((r) => r.lezer)).toEqual(["werker", "werker", "werker"]);
    expect(lijst.map((r) => r.stand)).toEqual(["gelezen", "geweigerd", "geweigerd"]);
    expect(lijst[0]!.tekst).toBe("Bestand 1 van 3: Zeist.xlsx gelezen (Zeist).");
    expect(lijst[1]!.tekst).toMatch(/^Bestand 2 van 3: groot\.xlsx geweigerd\. Geen werkboek van Opgave/);
    expect(lijst[2]!.tekst).toMatch(/^Bestand 3 van 3: kapot\.xlsx geweigerd\. Geen geldig \.xlsx-bestand/);
    expect(lijst[2]!.tekst).not.toMatch(/central directory|zip file/i);
    // The good file makes the overview.
    await page.waitForSelector("#cons-download:not([hidden])");
    await expect(page.textContent("#cons-uitkomst")).resolves.toMatch(/^Overzicht Utrecht: 1 van 26/);
    expect(await axeSchendingen(page)).toEqual([]);
    expect(fouten).toEqual([]);
    await page.context().close();
  }, 120_000);

  test("no Worker in the host: read on the main thread, same result", async () => {
    const page = await nieuwePagina((c) => c.addInitScript(() => Reflect.deleteProperty(window, "Worker")));
    await voegSamen(page, ["Zeist.xlsx", "kapot.xlsx"]);
    const lijst = await regels(page, 2);
    expect(lijst.map((r) => [r.lezer, r.stand])).toEqual([
      ["hoofdthread", "gelezen"],
      ["hoofdthread", "geweigerd"],
    ]);
    await page.waitForSelector("#cons-download:not([hidden])");
    await expect(page.textContent("#cons-uitkomst")).resolves.toMatch(/^Overzicht Utrecht: 1 van 26/);
    expect(fouten).toEqual([]);
    await page.context().close();
  }, 60_000);

  test("the worker script does not load (refused by the host): read on the main thread, same result", async () => {
    const page = await nieuwePagina((c) =>
      c.route("**/leesWerker.js", (route) => route.fulfill({ status: 404, body: "" })),
    );
    await voegSamen(page, ["Zeist.xlsx", "kapot.xlsx"]);
    const lijst = await regels(page, 2);
    expect(lijst.map((r) => [r.lezer, r.stand])).toEqual([
      ["hoofdthread", "gelezen"],
      ["hoofdthread", "geweigerd"],
    ]);
    await page.waitForSelector("#cons-download:not([hidden])");
    expect(fouten).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describe("the overview without traps", () => {
  test("one Utrecht and one Gelderland file: the pane asks which province, then makes that overview", async () => {
    const page = await nieuwePagina();
    await voegSamen(page, ["Zeist.xlsx", "Arnhem.xlsx"]);
    await page.waitForSelector("#cons-keuze:not([hidden])");
    // No guess: no overview, no download until a province is chosen.
    expect(await page.isVisible("#cons-download")).toBe(false);
    expect(await page.isVisible("#cons-voorbeeld")).toBe(false);
    await expect(page.textContent("#cons-uitkomst")).resolves.toContain("Gelderland en Utrecht");
    // A labelled select with the tied provinces, and the focus on it.
    await expect(page.innerText("label[for=cons-provincie]")).resolves.toBe("Provincie van het overzicht");
    expect(await page.$$eval("#cons-provincie option", (os) => os.map((o) => o.textContent))).toEqual([
      "Gelderland",
      "Utrecht",
    ]);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("cons-provincie");
    expect(await axeSchendingen(page)).toEqual([]);

    // Mark the lines: "Maak overzicht" does not read the files again.
    await page.$$eval("#cons-bestanden li", (lis) => lis.forEach((li) => li.setAttribute("data-merk", "1")));
    await page.selectOption("#cons-provincie", { label: "Utrecht" });
    await page.click("#cons-maak");
    await page.waitForSelector("#cons-download:not([hidden])");
    await expect(page.textContent("#cons-uitkomst")).resolves.toMatch(
      /^Overzicht Utrecht: 1 van 26 gemeenten/,
    );
    await expect(page.textContent("#cons-download")).resolves.toBe("Download opgave-overzicht-utrecht.xlsx");
    // Arnhem is not counted for Utrecht, and the list says why.
    await expect(page.innerText("#controle-lijst")).resolves.toMatch(/Arnhem\.xlsx.*Gelderland/);

    // The other province, from the same files, by keyboard: the focus goes to the result (before: to the page, as
    // the button was disabled while it ran).
    await page.selectOption("#cons-provincie", { label: "Gelderland" });
    await page.focus("#cons-maak");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#cons-download:not([hidden])");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("cons-download");
    await expect(page.textContent("#cons-uitkomst")).resolves.toMatch(
      /^Overzicht Gelderland: 1 van \d+ gemeenten/,
    );
    await expect(page.textContent("#cons-download")).resolves.toBe(
      "Download opgave-overzicht-gelderland.xlsx",
    );
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#cons-download")]);
    expect(download.suggestedFilename()).toBe("opgave-overzicht-gelderland.xlsx");
    expect(await page.$$eval("#cons-bestanden li[data-merk]", (lis) => lis.length)).toBe(2);
    expect(await axeSchendingen(page)).toEqual([]);
    expect(fouten).toEqual([]);
    await page.context().close();
  }, 120_000);

  test("not one usable file: no Download button, no 'Overzicht ?', the reason per file", async () => {
    const page = await nieuwePagina();
    await voegSamen(page, ["kapot.xlsx", "provincie-utrecht.xlsx"]);
    await regels(page, 2);
    await page.waitForSelector("#cons-uitkomst.fout");
    const tekst = await page.innerText("#cons-uitkomst");
    expect(tekst).toMatch(/^Geen overzicht gemaakt: geen van de 2 gekozen bestanden kon worden gebruikt\./);
    expect(tekst).toMatch(/• kapot\.xlsx: Geen geldig \.xlsx-bestand/);
    expect(tekst).toMatch(/• provincie-utrecht\.xlsx: .*geen werkboek van één gemeente/);
    expect(tekst).not.toMatch(/Overzicht \?|0 van 0/);
    expect(await page.isVisible("#cons-download")).toBe(false);
    expect(await page.isVisible("#cons-voorbeeld")).toBe(false);
    expect(await page.isVisible("#cons-keuze")).toBe(false);
    // The button is there again for another try.
    await expect(page.isEnabled("#consolideer")).resolves.toBe(true);
    expect(await axeSchendingen(page)).toEqual([]);
    expect(fouten).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describe("the overview in Excel (the fake Excel injected)", () => {
  /** The fake's workbook (tests/helpers/fakeExcel), as far as the test uses it. */
  type Werkmap = {
    tabelAdres: (t: string) => string | undefined;
    zet: (b: string, a: string, w: unknown) => void;
    momentopname: () => string;
  };

  test("a re-run that would make a formula of the user's read another row asks first; Toch vullen writes it", async () => {
    const page = await nieuwePagina((context) =>
      context.addInitScript(`
        (function () {
          ${fakeExcelScript()}
          var fx = new exports.FakeExcel(new exports.FakeWerkmap(["Blad1"]));
          window.__fake = fx;
          window.Excel = { run: function (a, b) { return fx.run(a, b); }, CalculationType: { full: "Full" } };
        })();
      `),
    );
    const uitkomst = (patroon: RegExp) =>
      page.waitForFunction(
        (p) => new RegExp(p).test(document.getElementById("cons-uitkomst")?.textContent ?? ""),
        patroon.source,
      );
    const nu = () =>
      page.evaluate(() =>
        (window as unknown as { __fake: { werkmap: Werkmap } }).__fake.werkmap.momentopname(),
      );
    // First run: Zeist and a file that is refused (a line of its own in the Controle table).
    await voegSamen(page, ["Zeist.xlsx", "provincie-utrecht.xlsx"]);
    await uitkomst(/Werkboek gevuld/);
    // A first write names the overview's sheets (not "0 eigen invoercellen behouden").
    await expect(page.textContent("#cons-uitkomst")).resolves.toMatch(
      /Werkboek gevuld: 3 nieuwe bladen \(Overzicht Utrecht, Controle, Bron\); wat er al in het werkboek stond, bleef zoals het was\./,
    );
    // The user's formula reads the Controle table's last row by its address.
    const adres = await page.evaluate(() => {
      const wm = (window as unknown as { __fake: { werkmap: Werkmap } }).__fake.werkmap;
      const rij = /(\d+)$/.exec(wm.tabelAdres("Opgave_Controle") ?? "")?.[1] ?? "";
      wm.zet("Blad1", "B1", { formule: `=Controle!A${rij}` });
      return `Controle!A${rij}`;
    });
    const voor = await nu();
    // Second run without the refused file: its line goes, the last row would hold something else.
    await voegSamen(page, ["Zeist.xlsx"]);
    await uitkomst(/Er is nog niets gewijzigd/);
    await expect(page.textContent("#cons-uitkomst")).resolves.toContain(`formule Blad1!B1 leest ${adres}`);
    await expect(page.isVisible("#cons-bevestig")).resolves.toBe(true);
    await expect(nu()).resolves.toBe(voor);
    expect(await axeSchendingen(page)).toEqual([]);
    await page.click("#cons-bevestig");
    await uitkomst(/Werkboek gevuld/);
    await expect(page.isVisible("#cons-bevestig")).resolves.toBe(false);
    await expect(page.isVisible("#controles")).resolves.toBe(true);
    await expect(nu()).resolves.not.toBe(voor);
    expect(fouten).toEqual([]);
    await page.context().close();
  }, 120_000);
});
