/**
 * Task pane (shared runtime: the same engine and data as the custom functions).
 * This first version shows which dataset is in use and looks up a taakstelling with its provenance.
 */
import { engine } from "../data/store";
import { OpgaveFout } from "../domain/fouten";
import { getal } from "../domain/berichten";

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`element #${id} ontbreekt`);
  return el as T;
}

export function toonDataset(): void {
  const e = engine();
  const d = e.dataset;
  element("dataset").textContent =
    `${d.id} versie ${d.versie} (${d.datum}); ${d.bronnen.length} bronnen, ${e.register.gemeenten.size} gemeenten (2015–heden).`;
  const lijst = element<HTMLDataListElement>("gemeenten");
  const opties = d.gemeenten
    .filter((g) => g.tot === null)
    .map((g) => g.naam)
    .sort((a, b) => a.localeCompare(b, "nl"));
  lijst.replaceChildren(
    ...opties.map((naam) => {
      const o = document.createElement("option");
      o.value = naam;
      return o;
    }),
  );
}

export function bereken(): void {
  const uitkomst = element<HTMLOutputElement>("uitkomst");
  const herkomst = element("herkomst");
  const gemeente = element<HTMLInputElement>("gemeente").value;
  const periode = element<HTMLInputElement>("periode").value;
  try {
    const e = engine();
    const t = e.taakstelling(gemeente, periode);
    uitkomst.className = "";
    uitkomst.textContent = `${t.gemeente.naam}: ${getal(t.aantal)}`;
    herkomst.textContent = e.bron(gemeente, periode);
  } catch (err) {
    uitkomst.className = "fout";
    uitkomst.textContent = err instanceof OpgaveFout ? err.message : `Onverwachte fout: ${String(err)}`;
    herkomst.textContent = "";
  }
}

function start(): void {
  toonDataset();
  element<HTMLFormElement>("zoek").addEventListener("submit", (ev) => {
    ev.preventDefault();
    bereken();
  });
}

// Inside Office wait for Office.onReady; in an ordinary browser (preview) start right away.
if (typeof Office !== "undefined") void Office.onReady(() => start());
else if (typeof document !== "undefined") document.addEventListener("DOMContentLoaded", start);
