/**
 * The pane's one setting, the feed URL: stored per user in OfficeRuntime.storage inside Office, IndexedDB in a
 * browser (never localStorage). Empty = the default (the add-in's own copy of the bundle).
 */
import { feedAdres } from "../data/feed";

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
