/**
 * The pane as a policy officer uses it in an ordinary browser (preview mode), in headless Chromium (Debian chromium,
 * playwright-core) against the built add-in on 127.0.0.1 (issue 11):
 * - the preview shows values (the formulas computed by src/workbook/rekenen.ts), never formula code, right under
 *   the action that made it; tables scroll in their own box at full width;
 * - at 350 px (Excel's narrow pane) nothing scrolls sideways and the page stays short;
 * - the Download button gives exactly what is shown: it goes when the input changes, and its file name carries the
 *   gemeente, or the province and period; the .xlsx has a filled Hash and Bron-adres on its Bron sheet;
 * - every action works with the keyboard alone; axe-core finds no serious or critical WCAG 2.1 A/AA violation in the
 *   start state, a preview and a consolidation result;
 * - a library's English error (jszip) reaches the user in Dutch.
 */
import fs from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Download, Page } from "playwright-core";
import { axeSchendingen, bouwAddin, serveer, startBrowser, type Server } from "../helpers/browser";
import { vul } from "../../src/cli/vul";

let server: Server;
let browser: Browser;
const fouten: string[] = [];
const map = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-paneel-"));

beforeAll(async () => {
  server = await serveer(await bouwAddin(".tmp/e2e-paneel"));
  browser = await startBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(map, { recursive: true, force: true });
});

async function nieuwePagina(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (e) => fouten.push(e.message));
  await page.goto(`${server.url}/taskpane.html`);
  await page.waitForSelector("body[data-klaar=ja]");
  return page;
}

async function pagina(breedte: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: breedte, height: 800 },
  });
  return { context, page: await nieuwePagina(context) };
}

/** Preview a gemeente the way a user does: type the name, press Enter in the field. */
async function toonGemeente(page: Page, naam: string): Promise<void> {
  await page.fill("#gemeente", naam);
  await page.press("#gemeente", "Enter");
  await page.waitForSelector("#voorbeeld:not([hidden])");
}

/** The texts of a preview table: header and body rows. */
function tabelTekst(page: Page, tabel: string): Promise<{ kop: string[]; rijen: string[][] }> {
  return page.$eval(`table[data-tabel="${tabel}"]`, (t) => ({
    kop: [...t.querySelectorAll("thead th")].map((th) => (th.textContent ?? "").trim()),
    rijen: [...t.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td,th")].map((c) => (c.textContent ?? "").trim()),
    ),
  }));
}

/** Width of the page's content beyond its viewport (0: no sideways scroll), and its height. */
function maten(page: Page): Promise<{ teBreed: number; hoogte: number }> {
  return page.evaluate(() => {
    const s = document.scrollingElement!;
    return { teBreed: s.scrollWidth - s.clientWidth, hoogte: s.scrollHeight };
  });
}

async function bewaar(download: Download): Promise<string> {
  const doel = path.join(map, download.suggestedFilename());
  await download.saveAs(doel);
  return doel;
}

/** The label → value rows of the Bron sheet of a downloaded workbook. */
async function bronBlad(bestand: string): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(bestand);
  const uit = new Map<string, string>();
  wb.getWorksheet("Bron")?.eachRow((rij) => {
    const label = rij.getCell(1).value;
    if (typeof label === "string") uit.set(label, String(rij.getCell(2).value ?? "").trim());
  });
  return uit;
}

describe("the preview shows values, laid out to be read", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => ({ context, page } = await pagina(1280)), 60_000);
  afterAll(() => context?.close());

  test("Utrecht 2024-I: 388, also in the formula column; no formula code anywhere", async () => {
    await toonGemeente(page, "Utrecht");
    const { kop, rijen } = await tabelTekst(page, "Opgave_Taakstelling");
    const rij = rijen.find((r) => r[0] === "2024-I");
    expect(rij).toBeDefined();
    // "Taakstelling" is a value of the plan; "Taakstelling (gebruikt)" is a formula the evaluator computed.
    expect(rij![kop.indexOf("Taakstelling")]).toBe("388");
    expect(rij![kop.indexOf("Taakstelling (gebruikt)")]).toBe("388");
    // The first period: Gecorrigeerd (a formula) shows its value too.
    expect(rijen[0]![kop.indexOf("Gecorrigeerd")]).toMatch(/^\d[\d.]*$/);
    const tekst = await page.innerText("#voorbeeld");
    expect(tekst).not.toMatch(/ƒ|=IF\(|ISNUMBER\(|Opgave_[A-Z]\w+[,)]/);
    expect(fouten).toEqual([]);
  });

  test("the preview stands right under the action that made it, and tables use the full width", async () => {
    const volgorde = await page.evaluate(() => {
      const voorbeeld = document.getElementById("voorbeeld")!;
      const sectie = voorbeeld.closest("section[aria-labelledby=vul-kop]");
      const cons = document.querySelector("section[aria-labelledby=cons-kop]")!;
      return {
        inVullen: sectie !== null,
        voorSamenvoegen: Boolean(voorbeeld.compareDocumentPosition(cons) & Node.DOCUMENT_POSITION_FOLLOWING),
      };
    });
    expect(volgorde).toEqual({ inVullen: true, voorSamenvoegen: true });
    const kader = await page.$eval('.tabel-kader:has(table[data-tabel="Opgave_Taakstelling"])', (k) => ({
      breed: k.clientWidth,
      scrollt: getComputedStyle(k).overflowX,
    }));
    expect(kader.scrollt).toBe("auto");
    expect(kader.breed).toBeGreaterThan(1000); // not squeezed into the 560 px of the form
  });

  test("headers never break inside a word and numbers stay on one line", async () => {
    const slecht = await page.$$eval("#voorbeeld th, #voorbeeld td.getal", (cellen) =>
      cellen
        .filter((c) => (c as HTMLElement).offsetParent !== null && (c.textContent ?? "").trim() !== "")
        .filter((c) => {
          const bereik = document.createRange();
          bereik.selectNodeContents(c);
          const regels = new Set([...bereik.getClientRects()].map((r) => Math.round(r.top))).size;
          const woorden = (c.textContent ?? "").trim().split(/\s+/).length;
          return c.classList.contains("getal") ? regels > 1 : regels > woorden;
        })
        .map((c) => c.textContent),
    );
    expect(slecht).toEqual([]);
  });
});

describe("350 px wide (Excel's narrow task pane)", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => ({ context, page } = await pagina(350)), 60_000);
  afterAll(() => context?.close());

  test("the input fields show their whole placeholder", async () => {
    const velden = await page.$$eval("input[placeholder]", (els) =>
      els.map((el) => {
        const i = el as HTMLInputElement;
        const c = document.createElement("canvas").getContext("2d")!;
        const stijl = getComputedStyle(i);
        c.font = `${stijl.fontSize} ${stijl.fontFamily}`;
        const binnen = i.clientWidth - parseFloat(stijl.paddingLeft) - parseFloat(stijl.paddingRight);
        return { id: i.id, past: c.measureText(i.placeholder).width <= binnen };
      }),
    );
    expect(velden).toEqual([
      { id: "gemeente", past: true },
      { id: "zoek-gemeente", past: true },
    ]);
  });

  test("no sideways scroll at the start, after a gemeente and a province preview, with a long feed address", async () => {
    expect((await maten(page)).teBreed).toBe(0);
    await toonGemeente(page, "Utrecht");
    const gemeente = await maten(page);
    expect(gemeente.teBreed).toBe(0);
    expect(gemeente.hoogte).toBeLessThan(8000);
    // The wide table scrolls inside its own box instead.
    const kader = await page.$eval('.tabel-kader:has(table[data-tabel="Opgave_Taakstelling"])', (k) => ({
      inhoud: k.scrollWidth,
      breed: k.clientWidth,
    }));
    expect(kader.inhoud).toBeGreaterThan(kader.breed);
    await page.check("input[name=soort][value=provincie]");
    await page.selectOption("#provincie", { label: "Utrecht" });
    await page.click("#vul");
    await page.waitForSelector("#voorbeeld:not([hidden])");
    expect((await maten(page)).teBreed).toBe(0);
    // A long feed address, saved and tried (nothing listens there): the error naming it wraps.
    const adres = `http://127.0.0.1:9/${"een-heel-lang-pad-zonder-spaties".repeat(6)}/bundel.json`;
    await page.click("#instellingen summary");
    await page.fill("#feed-url", adres);
    await page.click("#instellingen-form button[type=submit]");
    await page.waitForFunction(
      () => document.getElementById("feed-bericht")?.textContent === "Instelling opgeslagen.",
    );
    await page.click("#vernieuw");
    await page.waitForSelector("#feed-bericht.fout");
    await expect(page.textContent("#feed-bericht")).resolves.toContain("een-heel-lang-pad");
    expect((await maten(page)).teBreed).toBe(0);
  });
});

describe("320 px wide (Excel's task pane at its narrowest)", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => ({ context, page } = await pagina(320)), 60_000);
  afterAll(() => context?.close());

  test("label/value blocks wrap their values, long and computed ones too: nothing to scroll sideways there", async () => {
    // Súdwest-Fryslân: long computed texts (its taakstelling as a sum of former gemeenten).
    await toonGemeente(page, "Súdwest Fryslan");
    expect((await maten(page)).teBreed).toBe(0);
    const teBreed = await page.$$eval(".tabel-kader:has(table.rooster)", (kaders) =>
      kaders
        // Label/value blocks: at most a label and a value on every row (a grid of more columns scrolls in its box).
        .filter((k) => [...k.querySelectorAll("tr")].every((tr) => tr.children.length <= 2))
        .filter((k) => k.scrollWidth > k.clientWidth + 1)
        .map(
          (k) =>
            `${k.querySelector("table")?.getAttribute("aria-label") ?? "?"}: ${k.scrollWidth} > ${k.clientWidth}`,
        ),
    );
    // Before: the Overzicht block 492 px in a 270 px box, values cut off mid-word.
    expect(teBreed).toEqual([]);
  });
});

describe("the Download button gives what is shown", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => ({ context, page } = await pagina(800)), 60_000);
  afterAll(() => context?.close());

  test("preview Utrecht, type Amersfoort: no Utrecht download; a new preview gives Amersfoort's file", async () => {
    await toonGemeente(page, "Utrecht");
    await expect(page.textContent("#download")).resolves.toBe("Download opgave-gemeente-utrecht.xlsx");
    await page.fill("#gemeente", "Amersfoort");
    expect(await page.isVisible("#download")).toBe(false);
    expect(await page.isVisible("#voorbeeld")).toBe(false);
    await expect(page.textContent("#uitkomst")).resolves.toContain("De invoer is gewijzigd");
    await page.click("#vul");
    await page.waitForSelector("#download:not([hidden])");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    expect(download.suggestedFilename()).toBe("opgave-gemeente-amersfoort.xlsx");
    const bron = await bronBlad(await bewaar(download));
    expect(bron.get("Onderwerp")).toContain("Amersfoort");
    // The provenance is complete: the embedded data's hash and where it came from.
    expect(bron.get("Hash")).toMatch(/^[0-9a-f]{64}$/);
    expect(bron.get("Bron-adres")).toBe("ingebouwd in de invoegtoepassing (geen feed)");
  });

  test("province Utrecht gets a name of its own, with the period", async () => {
    await page.check("input[name=soort][value=provincie]");
    await page.selectOption("#provincie", { label: "Utrecht" });
    await page.fill("#periode", "2024-I");
    await page.click("#vul");
    await page.waitForSelector("#download:not([hidden])");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    expect(download.suggestedFilename()).toBe("opgave-provincie-utrecht-2024-I.xlsx");
    await page.fill("#periode", "2025-I");
    expect(await page.isVisible("#download")).toBe(false);
  });
});

describe("keyboard only, accessibility, Dutch errors", () => {
  test("start state and a preview: every action by keyboard; axe finds no serious WCAG 2.1 AA violation", async () => {
    const { context, page } = await pagina(350);
    expect(await axeSchendingen(page)).toEqual([]);
    // Tab from the top of the page to the gemeente field, type, Enter: the preview.
    await page.focus("#vernieuw");
    let stappen = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== "gemeente" && stappen++ < 20)
      await page.keyboard.press("Tab");
    await page.keyboard.type("Utrecht");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#voorbeeld:not([hidden])");
    // The button next to "Toon voorbeeld": Download by keyboard.
    await page.focus("#vul");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("download");
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toBe("opgave-gemeente-utrecht.xlsx");
    // The collapsed sheets open with the keyboard, and the table boxes can be reached to scroll them.
    await page.focus('[data-blad="Kosten"] > summary');
    await page.keyboard.press("Enter");
    expect(await page.$eval('[data-blad="Kosten"]', (d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(
      await page.$$eval(".tabel-kader", (ks) => ks.every((k) => (k as HTMLElement).tabIndex === 0)),
    ).toBe(true);
    expect(await axeSchendingen(page)).toEqual([]);
    await context.close();
  });

  test("a consolidation result: files chosen by keyboard, broken file reported in Dutch; axe clean", async () => {
    const stil = { out: () => undefined, err: () => undefined };
    const bestanden: string[] = [];
    for (const g of ["Zeist", "Bunnik"]) {
      const uit = path.join(map, `${g}.xlsx`);
      expect(await vul(["--gemeente", g, "--uit", uit], stil, "2026-11-28T10:00:00Z")).toBe(0);
      bestanden.push(uit);
    }
    const kapot = path.join(map, "kapot.xlsx");
    fs.writeFileSync(kapot, "dit is geen werkboek");
    bestanden.push(kapot);

    const { context, page } = await pagina(350);
    await page.focus("#kies-bestanden");
    const kiezer = page.waitForEvent("filechooser");
    // A round trip first: Playwright starts catching the file dialog only once the browser has been told to.
    await page.evaluate(() => undefined);
    await page.keyboard.press("Enter");
    await (await kiezer).setFiles(bestanden);
    await expect(page.textContent("#dropzone-hulp")).resolves.toContain("3 werkboeken gekozen");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("consolideer");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#cons-voorbeeld:not([hidden])");
    const controles = await page.innerText("#controle-lijst");
    // jszip's "Can't find end of central directory: is this a zip file?" in Dutch.
    expect(controles).toMatch(/kapot\.xlsx.*geen zip-archief/);
    expect(controles).not.toMatch(/central directory|zip file/i);
    // One message area per action: the summary under "Samenvoegen", nothing under "Werkboek vullen".
    await expect(page.textContent("#cons-uitkomst")).resolves.toMatch(/Overzicht Utrecht: 2 van 26/);
    await expect(page.textContent("#uitkomst")).resolves.toBe("");
    expect((await maten(page)).teBreed).toBe(0);
    await expect(page.textContent("#cons-download")).resolves.toBe("Download opgave-overzicht-utrecht.xlsx");
    expect(await axeSchendingen(page)).toEqual([]);
    expect(fouten).toEqual([]);
    await context.close();
  }, 120_000);
});
