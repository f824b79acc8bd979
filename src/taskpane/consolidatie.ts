/**
 * Task pane part for provincial coordinators: pick or drop many municipal workbooks, read them in the browser
 * (exceljs, loaded on demand), check and consolidate them, and write the overview into the open workbook
 * (Office.js) or offer it as a download (preview).
 */
import { engine } from "../data/store";
import { paneelBerichten as pb } from "./berichten";
import { consolideer, type Aanlevering, type Consolidatie } from "../domain/consolideren";
import type { BronInfo } from "../workbook/bouwPlan";
import { planConsolidatie } from "../workbook/consolidatiePlan";
import type { WerkboekPlan } from "../workbook/plan";
import { inExcel, vulWerkboek } from "./excelHost";
import { downloadBestand, element, toonBericht, voortgang } from "./weergave";
import { berekendeWaarden, bestandsnaam, toonVoorbeeld, verbergVoorbeeld } from "./voorbeeld";

let gekozen: File[] = [];
/** The overview shown in the preview and the name of its download (gone when other files are chosen). */
let laatste: { plan: WerkboekPlan; bestand: string } | undefined;

/** The consolidation's own message area (never the one of "Werkboek vullen"). */
function toonUitkomst(tekst: string, fout = false): void {
  toonBericht("cons", tekst, fout ? "fout" : "");
}

function vergeetOverzicht(): void {
  laatste = undefined;
  element("cons-download").hidden = true;
  element("controles").hidden = true;
  verbergVoorbeeld("cons-voorbeeld");
  toonUitkomst("");
}

function kies(bestanden: readonly File[]): void {
  vergeetOverzicht();
  gekozen = bestanden.filter((b) => b.name.toLowerCase().endsWith(".xlsx"));
  const genegeerd = bestanden.length - gekozen.length;
  element("dropzone-hulp").textContent =
    gekozen.length === 0 ? pb.consGeenBestanden : pb.consGekozen(gekozen.length, genegeerd);
  element<HTMLButtonElement>("consolideer").disabled = gekozen.length === 0;
}

/** The findings with a library's English message (jszip, exceljs) in Dutch: in the list and the overview alike. */
function inHetNederlands(c: Consolidatie): Consolidatie {
  return { ...c, controles: c.controles.map((k) => ({ ...k, melding: pb.meldingZonderEngels(k.melding) })) };
}

function toonControles(c: Consolidatie): void {
  const lijst = element("controle-lijst");
  lijst.replaceChildren(
    ...(c.controles.length === 0
      ? [Object.assign(document.createElement("li"), { textContent: pb.consGeenBevindingen })]
      : c.controles.map((k) => {
          const li = document.createElement("li");
          li.className = k.ernst;
          li.textContent = [k.bestand, k.gemeente?.naam, k.melding].filter(Boolean).join(" — ");
          return li;
        })),
  );
  element("controles").hidden = false;
}

function samenvatting(c: Consolidatie): string {
  const aangeleverd = c.gemeenten.filter((g) => g.status === "aangeleverd").length;
  const fouten = c.controles.filter((k) => k.ernst === "fout").length;
  return pb.consSamenvatting(
    c.provincie?.naam ?? "?",
    aangeleverd,
    c.gemeenten.length,
    fouten,
    c.controles.length - fouten,
  );
}

async function samenvoegen(bron: () => BronInfo): Promise<void> {
  const knop = element<HTMLButtonElement>("consolideer");
  knop.disabled = true;
  vergeetOverzicht();
  voortgang(0, "cons");
  try {
    // exceljs only now: it is a large library and most users never consolidate.
    const { leesAanlevering } = await import(/* webpackChunkName: "lezen" */ "../workbook/lezen");
    const aanleveringen: Aanlevering[] = [];
    for (const [i, f] of gekozen.entries()) {
      // A broken file never stops the others: leesAanlevering reports instead of throwing.
      aanleveringen.push(await leesAanlevering(f.name, new Uint8Array(await f.arrayBuffer())));
      voortgang((i + 1) / (gekozen.length + 1), "cons");
    }
    const c = inHetNederlands(consolideer(engine(), aanleveringen));
    toonControles(c);
    const plan = planConsolidatie(c, bron());
    if (inExcel()) {
      const rapport = await vulWerkboek(plan, (f) => voortgang(f, "cons"));
      toonUitkomst(
        `${samenvatting(c)}\n${pb.gevuld(rapport.nieuweBladen.length, rapport.wijzigingen.length, rapport.invoerBehouden)}`,
      );
    } else {
      toonVoorbeeld("cons-voorbeeld", plan, await berekendeWaarden(plan));
      laatste = { plan, bestand: bestandsnaam("overzicht", c.provincie?.naam ?? "provincie") };
      const download = element("cons-download");
      download.textContent = pb.knopDownload(laatste.bestand);
      download.hidden = false;
      toonUitkomst(samenvatting(c));
    }
  } catch (e) {
    toonUitkomst(pb.fout(e), true);
  } finally {
    voortgang(null, "cons");
    knop.disabled = gekozen.length === 0;
  }
}

async function download(): Promise<void> {
  const getoond = laatste;
  if (!getoond) return;
  try {
    const { schrijfXlsx } = await import(/* webpackChunkName: "xlsx" */ "../workbook/xlsxWriter");
    const { data } = await schrijfXlsx(getoond.plan);
    downloadBestand(data, getoond.bestand);
    toonUitkomst(pb.consDownloadKlaar(getoond.bestand));
  } catch (e) {
    toonUitkomst(pb.fout(e), true);
  }
}

export function startConsolidatie(bron: () => BronInfo): void {
  const invoer = element<HTMLInputElement>("bestanden");
  invoer.addEventListener("change", () => kies([...(invoer.files ?? [])]));
  const zone = element("dropzone");
  zone.addEventListener("dragover", (ev) => {
    ev.preventDefault();
    zone.classList.add("actief");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("actief"));
  zone.addEventListener("drop", (ev) => {
    ev.preventDefault();
    zone.classList.remove("actief");
    kies([...(ev.dataTransfer?.files ?? [])]);
  });
  // The drop zone is only a drop target; the button in it opens the file picker (keyboard and pointer alike).
  element("kies-bestanden").addEventListener("click", () => invoer.click());
  element("consolideer").addEventListener("click", () => void samenvoegen(bron));
  element("cons-download").addEventListener("click", () => void download());
}
