/**
 * The pane's own feed in headless Chromium (preview mode, no Office): the test build (development key profile) is
 * served from a folder whose bundel.json / bundel.json.sig are swapped between steps:
 *   a. the build's own signed bundle → "geen nieuwere gegevens"; the status names the signing key;
 *   b. a tampered copy (one number changed, the old signature kept) → refused because of the handtekening, the
 *      data in use stays; a candidate shown before is discarded;
 *   c. a newer bundle signed with the development key → the overview of what it changes and the button to use
 *      it; after one click the status shows the new version and Zoek gives the new figure;
 *   d. "Terug naar ingebouwde gegevens" → the embedded version again.
 * Plus the feed-address setting refusing plain http outside this machine.
 */
import fs from "fs";
import path from "path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { bouwAddin, ondertekenBundel, serveer, startBrowser, type Server } from "../helpers/browser";
import { bundelTekst, maakBundel } from "../../src/data/bundel";
import { standaardDataset } from "../../src/data/embedded";
import type { Dataset } from "../../src/data/schema";
import { getal } from "../../src/domain/berichten";
import { Engine } from "../../src/domain/engine";
import { overzichtVerschillen } from "../../src/domain/verschillen";

const INGEBOUWD = standaardDataset();

/** A newer dataset (version above the embedded 2026.12.01): the 2025-I national figure 15,000 → 16,000. */
function nieuwereDataset(): Dataset {
  return {
    ...INGEBOUWD,
    versie: "2026.12.2",
    datum: "2026-12-01",
    landelijkeTaakstelling: INGEBOUWD.landelijkeTaakstelling.map((l) =>
      l.periode === "2025-I"
        ? { ...l, aantal: 16_000, eerdereAantallen: [...l.eerdereAantallen, 15_000] }
        : l,
    ),
  };
}
const NIEUW = nieuwereDataset();

let map: string;
let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const fouten: string[] = [];
let eigen: { bundel: Buffer; sig: Buffer };

const bundelPad = () => path.join(map, "bundel.json");
const sigPad = () => path.join(map, "bundel.json.sig");

async function zetNieuwereBundel(): Promise<void> {
  fs.writeFileSync(
    bundelPad(),
    bundelTekst(maakBundel(NIEUW, { gepubliceerd: "2026-12-01T08:00:00Z", uitgever: "Testuitgever" })),
  );
  await ondertekenBundel(map);
}

/** Click a feed button and wait until the pane is done (buttons enabled again, a result message shown). */
async function feedKlik(knop: string): Promise<string> {
  await page.click(knop);
  await page.waitForFunction(() => {
    const bezig = [
      "Laatste besluit ophalen…",
      "Nieuwe gegevens in gebruik nemen…",
      "Terug naar de ingebouwde gegevens…",
    ];
    const tekst = document.getElementById("feed-bericht")?.textContent ?? "";
    return !(document.getElementById("vernieuw") as HTMLButtonElement).disabled && !bezig.includes(tekst);
  });
  return (await page.textContent("#feed-bericht")) ?? "";
}

beforeAll(async () => {
  map = await bouwAddin(".tmp/e2e-feed");
  eigen = { bundel: fs.readFileSync(bundelPad()), sig: fs.readFileSync(sigPad()) };
  server = await serveer(map);
  browser = await startBrowser();
  context = await browser.newContext();
  page = await context.newPage();
  page.on("pageerror", (e) => fouten.push(e.message));
  await page.goto(`${server.url}/taskpane.html`);
  await page.waitForSelector("body[data-klaar=ja]");
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe("the pane's feed: signed bundles only, shown before use, one click to use, one to go back", () => {
  test("a. the build's own signed bundle: no newer data; the key that signed it is shown", async () => {
    await expect(page.textContent("#status-sleutel")).resolves.toBe("ingebouwd in de invoegtoepassing");
    const bericht = await feedKlik("#vernieuw");
    expect(bericht).toContain("geen nieuwere gegevens");
    // Good news is plain text in the feed's message area: no error, no warning box.
    await expect(page.getAttribute("#feed-bericht", "class")).resolves.toBe("bericht");
    await expect(page.textContent("#status-dataset")).resolves.toContain(INGEBOUWD.versie);
    await expect(page.textContent("#status-bron")).resolves.toContain("ingebouwd");
    await expect(page.textContent("#status-sleutel")).resolves.toMatch(
      /^Ondertekend door Opgave ontwikkelsleutel \(NIET VOOR PRODUCTIE\) \(opgave-[0-9a-f]{16}\)$/,
    );
    expect(await page.isVisible("#kandidaat")).toBe(false);
  });

  test("b. a tampered bundle (old signature kept) is refused; the data in use stays; a shown candidate goes", async () => {
    await zetNieuwereBundel();
    await feedKlik("#vernieuw");
    expect(await page.isVisible("#kandidaat")).toBe(true);

    const tekst = fs.readFileSync(bundelPad(), "utf8");
    const vervalst = tekst.replace('"aantal":16000', '"aantal":26000');
    expect(vervalst).not.toBe(tekst);
    fs.writeFileSync(bundelPad(), vervalst); // bundel.json.sig: still the signature of the untampered bundle
    const bericht = await feedKlik("#vernieuw");
    expect(bericht).toMatch(/niet aangenomen: de handtekening van de uitgever ontbreekt of klopt niet/);
    await expect(page.getAttribute("#feed-bericht", "class")).resolves.toBe("bericht fout");
    await expect(page.textContent("#status-dataset")).resolves.toContain(INGEBOUWD.versie);
    expect(await page.isVisible("#kandidaat")).toBe(false);
  });

  test("c. a newer signed bundle: what it changes, then one click to use it; Zoek gives the new figure", async () => {
    const overzicht = overzichtVerschillen(new Engine(INGEBOUWD), new Engine(NIEUW));
    expect(overzicht.gewijzigd).toBeGreaterThan(1);
    await zetNieuwereBundel();
    const bericht = await feedKlik("#vernieuw");
    expect(bericht).toContain("Nieuwe gegevens beschikbaar: versie 2026.12.2");
    await expect(page.textContent("#kandidaat-versie")).resolves.toBe("2026.12.2 van 1-12-2026");
    await expect(page.textContent("#kandidaat-uitgever")).resolves.toBe("Testuitgever");
    await expect(page.textContent("#kandidaat-gepubliceerd")).resolves.toMatch(/^1-12-2026 \d\d:\d\d$/);
    await expect(page.textContent("#kandidaat-sleutel")).resolves.toMatch(
      /^Ondertekend door Opgave ontwikkelsleutel/,
    );
    await expect(page.textContent("#kandidaat-aantal")).resolves.toBe(
      `Deze bundel wijzigt ${getal(overzicht.aantal)} cijfers over alle gemeenten.`,
    );
    await expect(page.textContent("#kandidaat-let-op")).resolves.toBe(
      `Let op: deze bundel wijzigt ${getal(overzicht.gewijzigd)} cijfers die al in gebruik zijn.`,
    );
    const rijen = await page.$$eval("#kandidaat-rijen tr", (trs) =>
      trs.map((tr) => (tr as HTMLElement).innerText),
    );
    expect(rijen[0]).toMatch(/^Landelijk\s+Landelijk 2025-I\s+15\.000 → 16\.000$/);
    await expect(page.textContent("#kandidaat-perioden")).resolves.toBe("Perioden met wijzigingen: 2025-I.");
    await expect(page.textContent("#neem-over")).resolves.toBe("Gebruik deze gegevens");
    // Nothing changes before the click.
    await expect(page.textContent("#status-dataset")).resolves.toContain(INGEBOUWD.versie);

    const na = await feedKlik("#neem-over");
    expect(na).toBe("Nieuwe gegevens in gebruik: versie 2026.12.2 van 1-12-2026.");
    expect(await page.isVisible("#kandidaat")).toBe(false);
    await expect(page.textContent("#status-dataset")).resolves.toContain("2026.12.2");
    await expect(page.textContent("#status-bron")).resolves.toContain(`${server.url}/bundel.json`);

    const verwacht = new Engine(NIEUW).taakstelling("Utrecht", "2025-I").aantal;
    expect(verwacht).not.toBe(new Engine(INGEBOUWD).taakstelling("Utrecht", "2025-I").aantal);
    await page.fill("#zoek-gemeente", "Utrecht");
    await page.fill("#zoek-periode", "2025-I");
    await page.click("#zoek button[type=submit]");
    await expect(page.textContent("#zoek-uitkomst")).resolves.toBe(`Utrecht: ${getal(verwacht)}`);
  });

  test("d. Terug naar ingebouwde gegevens: the embedded version again", async () => {
    const bericht = await feedKlik("#terug-ingebouwd");
    expect(bericht).toBe(
      `De ingebouwde gegevens (versie ${INGEBOUWD.versie}) zijn weer in gebruik; de bewaarde bundel is verwijderd.`,
    );
    await expect(page.textContent("#status-dataset")).resolves.toContain(INGEBOUWD.versie);
    await expect(page.textContent("#status-bron")).resolves.toContain("ingebouwd");
    await expect(page.textContent("#status-sleutel")).resolves.toBe("ingebouwd in de invoegtoepassing");
    await page.click("#zoek button[type=submit]");
    const oud = new Engine(INGEBOUWD).taakstelling("Utrecht", "2025-I").aantal;
    await expect(page.textContent("#zoek-uitkomst")).resolves.toBe(`Utrecht: ${getal(oud)}`);
    // After a reload the embedded data is still in use (the cached bundle was removed).
    fs.writeFileSync(bundelPad(), eigen.bundel);
    fs.writeFileSync(sigPad(), eigen.sig);
    await page.reload();
    await page.waitForSelector("body[data-klaar=ja]");
    await expect(page.textContent("#status-dataset")).resolves.toContain(INGEBOUWD.versie);
    await expect(page.textContent("#status-bron")).resolves.toContain("ingebouwd");
  });

  test("the feed address must be https (http only on this machine)", async () => {
    await page.click("#instellingen summary");
    await page.fill("#feed-url", "http://voorbeeld.nl/bundel.json");
    await page.click("#instellingen-form button[type=submit]");
    await expect(page.textContent("#feed-bericht")).resolves.toContain("gebruikt geen https");
    await expect(page.getAttribute("#feed-bericht", "class")).resolves.toBe("bericht fout");
    await page.fill("#feed-url", `${server.url}/bundel.json`);
    await page.click("#instellingen-form button[type=submit]");
    await page.waitForFunction(
      () => document.getElementById("feed-bericht")?.textContent === "Instelling opgeslagen.",
    );
    expect(fouten).toEqual([]);
  });
});
