/**
 * Instellingen: the pane's one setting, the feed URL — stored per user in OfficeRuntime.storage inside Office,
 * IndexedDB in a browser (never localStorage); empty = the default (the add-in's own copy of the bundle) — and the
 * Zelftest: "Zelftest uitvoeren" runs the self-test scenarios (./zelftest/scenarios.ts, the same list
 * `npm run test:excel` and CI run) in the user's Excel, on temporary sheets only, and shows a copyable report
 * (./zelftest/rapport.ts). Outside Excel it says that it needs Excel.
 */
import { feedAdres } from "../data/feed";
import { paneelBerichten, zelftestBerichten as zb } from "./berichten";
import { inExcel } from "./excelHost";
import { element } from "./weergave";

const SLEUTEL = "opgave.feedUrl";
const DB = "opgave-instellingen";

function idb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore("kv");
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function lees(): Promise<string | undefined> {
  if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage) {
    return (await OfficeRuntime.storage.getItem(SLEUTEL)) ?? undefined;
  }
  if (typeof indexedDB === "undefined") return undefined;
  const db = await idb();
  return new Promise((resolve) => {
    const req = db.transaction("kv").objectStore("kv").get(SLEUTEL);
    req.onsuccess = () => resolve(typeof req.result === "string" ? req.result : undefined);
    req.onerror = () => resolve(undefined);
  });
}

async function schrijf(waarde: string): Promise<void> {
  if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage) {
    await OfficeRuntime.storage.setItem(SLEUTEL, waarde);
    return;
  }
  if (typeof indexedDB === "undefined") return;
  const db = await idb();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction("kv", "readwrite");
    tx.objectStore("kv").put(waarde, SLEUTEL);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

export async function leesFeedUrl(standaard: string): Promise<string> {
  try {
    const url = await lees();
    return url && url.trim() !== "" ? url : standaard;
  } catch {
    return standaard;
  }
}

/**
 * @returns a Dutch error message, or undefined when saved. "" restores the default. Only an address the feed can
 * use is saved: https, or http on this machine (localhost, development) — see feedAdres.
 */
export async function schrijfFeedUrl(url: string): Promise<string | undefined> {
  if (url !== "") {
    const adres = feedAdres(url);
    if (!adres.ok) return adres.fout.bericht;
  }
  await schrijf(url);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Zelftest

function zelftestBericht(tekst: string, fout = false): void {
  const b = element("zelftest-bericht");
  b.textContent = tekst;
  b.className = fout ? "bericht fout" : "bericht";
}

async function voerZelftestUit(addin: string): Promise<void> {
  const knop = element<HTMLButtonElement>("zelftest-start");
  if (!inExcel()) {
    zelftestBericht(zb.heeftExcelNodig, true);
    return;
  }
  knop.disabled = true;
  element("zelftest-uitkomst").hidden = true;
  zelftestBericht(zb.bezig);
  try {
    // Loaded on demand: the scenarios and what they use stay out of the pane's first chunk.
    const [{ voerZelftestUit: voerUit }, rapport] = await Promise.all([
      import(/* webpackChunkName: "zelftest" */ "./zelftest/scenarios"),
      import(/* webpackChunkName: "zelftest" */ "./zelftest/rapport"),
    ]);
    const omgeving = rapport.leesOmgeving(addin);
    const resultaten = await voerUit(rapport.excelZelftestHost(), (r, i, n) =>
      zelftestBericht(`${zb.bezig}\n${i + 1} van ${n}: ${r.titel} — ${zb.uitslag[r.uitslag]}`),
    );
    const tijdstip = new Date().toLocaleString("nl-NL", { dateStyle: "medium", timeStyle: "medium" });
    element<HTMLTextAreaElement>("zelftest-rapport").value = rapport.rapportTekst(
      omgeving,
      resultaten,
      tijdstip,
    );
    element("zelftest-uitkomst").hidden = false;
    zelftestBericht(
      rapport.samenvatting(resultaten),
      resultaten.some((r) => r.uitslag === "mislukt"),
    );
  } catch (e) {
    zelftestBericht(paneelBerichten.fout(e), true);
  } finally {
    knop.disabled = false;
  }
}

/** Copies the report: the Clipboard API where the host allows it, else the selection and execCommand. */
async function kopieerRapport(): Promise<void> {
  const veld = element<HTMLTextAreaElement>("zelftest-rapport");
  try {
    await navigator.clipboard.writeText(veld.value);
    zelftestBericht(zb.gekopieerd);
  } catch {
    veld.focus();
    veld.select();
    const gelukt = typeof document.execCommand === "function" && document.execCommand("copy");
    zelftestBericht(gelukt ? zb.gekopieerd : zb.nietGekopieerd, !gelukt);
  }
}

/** Wires the Zelftest of Instellingen (called once by ./taskpane.ts `start`). */
export function startZelftest(addin: string): void {
  element("zelftest-start").addEventListener("click", () => void voerZelftestUit(addin));
  element("zelftest-kopieer").addEventListener("click", () => void kopieerRapport());
}
