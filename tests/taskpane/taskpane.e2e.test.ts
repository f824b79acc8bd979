/**
 * The built add-in in headless Chromium, outside Office (preview): the bundle (functions + pane in one shared
 * runtime page) loads without errors or external requests, and the pane answers from the embedded data.
 */
import type { Browser, Page } from "playwright-core";
import { bouwAddin, serveer, startBrowser, type Server } from "../helpers/browser";

let server: Server;
let browser: Browser;
let page: Page;
const fouten: string[] = [];
const extern: string[] = [];

beforeAll(async () => {
  const map = bouwAddin(".tmp/e2e-taskpane");
  server = await serveer(map);
  browser = await startBrowser();
  page = await browser.newPage();
  page.on("pageerror", (e) => fouten.push(e.message));
  page.on("request", (r) => {
    if (!r.url().startsWith(server.url)) extern.push(r.url());
  });
  page.on("response", (r) => {
    if (r.status() >= 400) fouten.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${server.url}/taskpane.html`);
  await page.waitForFunction(() => !document.getElementById("dataset")?.textContent?.startsWith("Laden"));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test("the page loads with no script errors, no 404s and no requests outside its own origin", () => {
  expect(fouten).toEqual([]);
  expect(extern).toEqual([]);
});

test("the pane shows the dataset in use", async () => {
  expect(await page.textContent("#dataset")).toMatch(
    /opgave-standaard versie \d{4}\.\d{2}\.\d{2}.*414 gemeenten/,
  );
});

test("looking up a taakstelling shows the number and its provenance", async () => {
  await page.fill("#gemeente", "Utrecht");
  await page.fill("#periode", "2024-I");
  await page.press("#periode", "Enter");
  await expect(page.textContent("#uitkomst")).resolves.toBe("Utrecht: 388");
  expect(await page.textContent("#herkomst")).toContain("berekend (art. 29 Hvw 2014)");
});

test("a typo gets a Dutch message with a suggestion", async () => {
  await page.fill("#gemeente", "Amsterdm");
  await page.click("button[type=submit]");
  expect(await page.textContent("#uitkomst")).toContain("Bedoelde u: Amsterdam?");
});
