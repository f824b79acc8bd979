/**
 * The pane's Web Worker: reads one gemeente workbook (`leesAanlevering`, exceljs) off the main thread, so the pane
 * stays responsive while a large file is parsed. Its own webpack entry (leesWerker.js, see webpack.config.js); the
 * pane (./consolidatie) starts it, sends one file's bytes at a time (the ArrayBuffer transferred, not copied) and
 * gets back the `Aanlevering`: plain data (objects, arrays, strings, numbers, booleans, null), so it crosses by
 * structured clone unchanged.
 *
 * Protocol: on start the worker says `gereed` (so the pane can tell "the worker could not start" — no script, a
 * host or CSP that forbids workers — from "reading this file failed"); then one answer per `LeesVraag`, with its
 * id. A failure that leesAanlevering does not turn into a finding itself (it never throws for a bad file) comes
 * back as `fout` with its message; the pane reports the file as unreadable.
 */
import type { Aanlevering } from "../domain/consolideren";
import { leesAanlevering } from "../workbook/lezen";

/** Pane → worker: read this file. */
export interface LeesVraag {
  readonly id: number;
  readonly naam: string;
  /** The file's bytes (transferred: the pane no longer has them). */
  readonly data: ArrayBuffer;
}

/** Worker → pane. */
export type LeesAntwoord =
  | { readonly soort: "gereed" }
  | { readonly soort: "gelezen"; readonly id: number; readonly aanlevering: Aanlevering }
  | { readonly soort: "fout"; readonly id: number; readonly melding: string };

function melding(e: unknown): string {
  return e instanceof Error ? e.message.split("\n")[0] || e.name : String(e);
}

/** The answer to one request (also used by the tests, outside a worker). */
export async function beantwoord(vraag: LeesVraag): Promise<LeesAntwoord> {
  try {
    // No options: the reader's own limits (package check before parsing) apply as in the CLI.
    const aanlevering = await leesAanlevering(vraag.naam, new Uint8Array(vraag.data));
    return { soort: "gelezen", id: vraag.id, aanlevering };
  } catch (e) {
    return { soort: "fout", id: vraag.id, melding: melding(e) };
  }
}

/** What this module needs of a DedicatedWorkerGlobalScope (the project's lib is DOM, not WebWorker). */
interface WerkerScope {
  addEventListener(type: "message", luisteraar: (ev: MessageEvent<LeesVraag>) => void): void;
  postMessage(bericht: LeesAntwoord): void;
}

function stuur(scope: WerkerScope, antwoord: LeesAntwoord): void {
  try {
    scope.postMessage(antwoord);
  } catch (e) {
    // Not cloneable (should not happen: an Aanlevering is plain data) — still one answer per request.
    if (antwoord.soort !== "gereed")
      scope.postMessage({ soort: "fout", id: antwoord.id, melding: melding(e) });
  }
}

// Only inside a worker (importScripts exists there, not in a page or in Node): the tests import `beantwoord`.
if (typeof (globalThis as { importScripts?: unknown }).importScripts === "function") {
  const scope = globalThis as unknown as WerkerScope;
  scope.addEventListener("message", (ev) => void beantwoord(ev.data).then((a) => stuur(scope, a)));
  stuur(scope, { soort: "gereed" });
}
