/**
 * The page's entry next to the custom functions (shared runtime: taskpane.html loads one script, and Excel waits
 * for it before any OPGAVE function can answer). It holds only what starts the task pane: the pane itself
 * (./taskpane.ts with bundle management, feed, zod, signatures, plans, writers and consolidation) is a separate
 * chunk, loaded with a dynamic import once the page is ready. Until then the pane shows "Laden…".
 */

/** Shown when the pane's code cannot be loaded (the custom functions keep working without it). */
const NIET_GELADEN =
  "Het taakvenster kon niet worden geladen. Sluit het en open het opnieuw; de OPGAVE-functies werken gewoon.";

/** A form sent before the pane has wired its handlers would reload the page: hold it until the pane is ready. */
function houdFormulierenVast(ev: Event): void {
  ev.preventDefault();
}

async function laadPaneel(): Promise<void> {
  document.addEventListener("submit", houdFormulierenVast, true);
  try {
    const paneel = await import(/* webpackChunkName: "paneel" */ "./taskpane").catch((e: unknown) => {
      const status = document.getElementById("status-dataset");
      if (status) status.textContent = NIET_GELADEN;
      throw e;
    });
    await paneel.start();
  } finally {
    document.removeEventListener("submit", houdFormulierenVast, true);
  }
}

// Inside Office wait for Office.onReady; in an ordinary browser (preview) start when the page is ready.
if (typeof Office !== "undefined") void Office.onReady(() => laadPaneel());
else if (typeof document !== "undefined")
  document.addEventListener("DOMContentLoaded", () => void laadPaneel());
