/**
 * Reading one gemeente workbook in the pane's Web Worker (./leesWerker) for the consolidation (./consolidatie):
 * start the worker, hand it a file's bytes (transferred, not copied), and turn every way it can end into an
 * Aanlevering — the answer, the worker's own error, or a time-out. A worker that does not start at all is
 * `GeenWerker`: the pane then reads on the main thread.
 *
 * The time-out: reading is bounded before it starts (../workbook/pakketControle refuses a package too large to
 * read), and an Opgave workbook reads in well under a second, so a worker that has not answered after
 * `leesTijdslimiet` (two minutes plus twenty seconds per MB) is stuck: its file is refused with the reason, the
 * worker is marked broken (a new one reads the next file) and the list goes on instead of staying on "lezen…".
 */
import { paneelBerichten as pb } from "./berichten";
import { consolidatieBerichten as cb } from "../domain/berichten";
import { onbruikbareAanlevering, type Aanlevering } from "../domain/consolideren";
import type { LeesAntwoord, LeesVraag } from "./leesWerker";

/** Reads one file's bytes into an Aanlevering. */
export type Lees = (naam: string, data: ArrayBuffer) => Promise<Aanlevering>;

/** The worker did not start (no script, refused by the host or its policy): read on the main thread instead. */
export class GeenWerker extends Error {}

/** What the pane needs of a Worker (a Worker; in tests a stand-in). */
export type WerkerPoort = Pick<
  Worker,
  "addEventListener" | "removeEventListener" | "postMessage" | "terminate"
>;

export interface Werker {
  readonly worker: WerkerPoort;
  /** It said `gereed`: it runs (an error after this is about a file, not about starting). */
  gereed: boolean;
  /** It failed or got stuck while reading: start a new one for the next file. */
  kapot: boolean;
  volgende: number;
}

/** Milliseconds a worker may take over a file of `bytes` before it counts as stuck. */
export function leesTijdslimiet(bytes: number): number {
  return 120_000 + Math.ceil(bytes / 1_048_576) * 20_000;
}

/** A worker with its `gereed` listener, around `worker` (exported for tests). */
export function werkerVan(worker: WerkerPoort): Werker {
  const w: Werker = { worker, gereed: false, kapot: false, volgende: 0 };
  worker.addEventListener("message", (ev: MessageEvent<LeesAntwoord>) => {
    if (ev.data.soort === "gereed") w.gereed = true;
  });
  return w;
}

export function startWerker(): Werker | undefined {
  // Some Office hosts (older embedded browsers, a page policy that forbids workers) have no Worker or refuse to
  // start one: then the pane reads on the main thread, as it did before (same result, less responsive meanwhile).
  if (typeof Worker === "undefined") return undefined;
  try {
    // Its own webpack entry next to taskpane.html (webpack.config.js).
    return werkerVan(new Worker(new URL("leesWerker.js", document.baseURI), { name: "opgave-lezen" }));
  } catch {
    return undefined;
  }
}

/** A file that could not be read at all (the worker broke off or got stuck, the browser could not open it). */
export function onleesbaar(naam: string, detail: string): Aanlevering {
  return onbruikbareAanlevering(naam, [
    { soort: "onleesbaar", ernst: "fout", melding: cb.onleesbaar(detail) },
  ]);
}

/**
 * One file in the worker; the bytes are transferred (not copied). Rejects with GeenWerker if it never started;
 * a file it does not answer for within `leesTijdslimiet` is refused (and the worker marked broken).
 */
export function leesInWerker(w: Werker, naam: string, data: ArrayBuffer): Promise<Aanlevering> {
  const id = ++w.volgende;
  const limiet = leesTijdslimiet(data.byteLength);
  return new Promise((resolve, reject) => {
    const klaar = () => {
      clearTimeout(wekker);
      w.worker.removeEventListener("message", opAntwoord);
      w.worker.removeEventListener("error", opFout);
      w.worker.removeEventListener("messageerror", opFout);
    };
    function opAntwoord(ev: MessageEvent<LeesAntwoord>): void {
      const a = ev.data;
      if (a.soort === "gereed" || a.id !== id) return;
      klaar();
      resolve(a.soort === "gelezen" ? a.aanlevering : onleesbaar(naam, a.melding));
    }
    function opFout(ev: Event): void {
      ev.preventDefault(); // handled here: not an error of the page
      klaar();
      if (!w.gereed) return reject(new GeenWerker());
      w.kapot = true;
      const detail = "message" in ev && typeof ev.message === "string" && ev.message ? ev.message : "";
      resolve(onleesbaar(naam, detail || pb.consLezenAfgebroken));
    }
    const wekker = setTimeout(() => {
      klaar();
      w.kapot = true;
      // Never started: the main thread reads it; started and stuck: this file is refused.
      if (!w.gereed) return reject(new GeenWerker());
      resolve(onleesbaar(naam, pb.consLezenTeLang(Math.round(limiet / 1000))));
    }, limiet);
    w.worker.addEventListener("message", opAntwoord);
    w.worker.addEventListener("error", opFout);
    w.worker.addEventListener("messageerror", opFout);
    const vraag: LeesVraag = { id, naam, data };
    w.worker.postMessage(vraag, [data]);
  });
}
