/**
 * Task pane part for provincial coordinators: pick or drop many municipal workbooks, read them one after another
 * in a Web Worker (./werkerLezen, ./leesWerker: exceljs off the main thread, so the pane stays responsive; on the
 * main thread where the host has no worker), with a line per file in an aria-live list; check and consolidate
 * them; ask for the province when the files do not decide it; and write the overview into the open workbook
 * (Office.js) or offer it as a download (preview). When not one file can be used there is no overview, only the
 * reason per file.
 */
import { engine } from "../data/store";
import { paneelBerichten as pb } from "./berichten";
import { consolideer, type Aanlevering, type Consolidatie, type GemeenteRef } from "../domain/consolideren";
import type { BronInfo } from "../workbook/bouwPlan";
import { planConsolidatie } from "../workbook/consolidatiePlan";
import { alleBladenNieuw, gewijzigdeCijfers, type WerkboekPlan } from "../workbook/plan";
import { isWerkboekBestand } from "../workbook/werkboekBestand";
import { inExcel, VolgordeBevestiging, vulWerkboek } from "./excelHost";
import { GeenWerker, leesInWerker, onleesbaar, startWerker, type Lees, type Werker } from "./werkerLezen";
import { downloadBestand, element, toonBericht, voortgang } from "./weergave";
import { berekendeWaarden, bestandsnaam, toonVoorbeeld, verbergVoorbeeld } from "./voorbeeld";

let gekozen: File[] = [];
/** The chosen files as read (kept for a rerun with the chosen province; gone when other files are chosen). */
let gelezen: Aanlevering[] | undefined;
/** Counts runs and choices of files: a run overtaken by a newer one (other files chosen) stops and shows nothing. */
let ronde = 0;
/** The overview shown in the preview and the name of its download (gone when other files are chosen). */
let laatste: { plan: WerkboekPlan; bestand: string } | undefined;
/**
 * The overview Opgave asked about before writing it into the workbook (`VolgordeBevestiging`: a formula of the
 * user's would read another row; nothing written yet), with its summary: "Toch vullen" writes it as it is.
 */
let teBevestigen: { plan: WerkboekPlan; c: Consolidatie } | undefined;

/** The consolidation's own message area (never the one of "Werkboek vullen"). */
function toonUitkomst(tekst: string, fout = false): void {
  toonBericht("cons", tekst, fout ? "fout" : "");
}

function vergeetOverzicht(): void {
  laatste = undefined;
  teBevestigen = undefined;
  element("cons-download").hidden = true;
  element("cons-bevestig").hidden = true;
  element("controles").hidden = true;
  verbergVoorbeeld("cons-voorbeeld");
  toonUitkomst("");
}

function kies(bestanden: readonly File[]): void {
  ronde++; // a run still reading the earlier files stops and shows nothing
  vergeetOverzicht();
  voortgang(null, "cons");
  gelezen = undefined;
  element("cons-keuze").hidden = true;
  element("cons-bestanden").replaceChildren();
  gekozen = bestanden.filter((b) => isWerkboekBestand(b.name));
  const genegeerd = bestanden.length - gekozen.length;
  element("dropzone-hulp").textContent =
    gekozen.length === 0 ? pb.consGeenBestanden : pb.consGekozen(gekozen.length, genegeerd);
  element<HTMLButtonElement>("consolideer").disabled = gekozen.length === 0;
}

// ---------------------------------------------------------------------------------------------------------
// Reading: in the worker (./werkerLezen), or on the main thread

/** How the files of one run are read: the worker while it works, else the main thread (exceljs loaded then). */
interface Lezing {
  werker: Werker | undefined;
  hoofdthread?: Lees;
}

async function leesOpHoofdthread(l: Lezing): Promise<Lees> {
  if (!l.hoofdthread) {
    // exceljs only now: it is a large library and most users never consolidate.
    const { leesAanlevering } = await import(/* webpackChunkName: "lezen" */ "../workbook/lezen");
    l.hoofdthread = (naam, data) => leesAanlevering(naam, new Uint8Array(data));
  }
  return l.hoofdthread;
}

/** One file, with the way it was read. Never throws for a bad file. */
async function leesEen(l: Lezing, f: File): Promise<{ a: Aanlevering; lezer: "werker" | "hoofdthread" }> {
  if (l.werker?.kapot) {
    l.werker.worker.terminate();
    l.werker = startWerker();
  }
  try {
    if (l.werker) {
      try {
        return { a: await leesInWerker(l.werker, f.name, await f.arrayBuffer()), lezer: "werker" };
      } catch (e) {
        if (!(e instanceof GeenWerker)) throw e;
        l.werker.worker.terminate();
        l.werker = undefined;
      }
    }
    const lees = await leesOpHoofdthread(l);
    return { a: await lees(f.name, await f.arrayBuffer()), lezer: "hoofdthread" };
  } catch (e) {
    // The browser could not give the bytes (the file moved, no permission): this file only.
    const tekst = e instanceof Error ? e.message || e.name : String(e);
    return { a: onleesbaar(f.name, tekst), lezer: l.werker ? "werker" : "hoofdthread" };
  }
}

/**
 * Reads the files one after another, a line per file in the aria-live list (#cons-bestanden: "Bestand 2 van 5:
 * x.xlsx lezen…", then read or refused; `data-lezer` says worker or main thread). Undefined when other files
 * were chosen meanwhile.
 */
async function leesAlle(bestanden: readonly File[]): Promise<Aanlevering[] | undefined> {
  const mijn = ronde;
  const lijst = element("cons-bestanden");
  lijst.replaceChildren();
  const l: Lezing = { werker: startWerker() };
  const uit: Aanlevering[] = [];
  try {
    for (const [i, f] of bestanden.entries()) {
      const nr = i + 1;
      const li = document.createElement("li");
      li.textContent = pb.consLezen(nr, bestanden.length, f.name);
      li.dataset.stand = "lezen";
      lijst.append(li);
      const { a, lezer } = await leesEen(l, f);
      if (mijn !== ronde) return undefined;
      li.dataset.lezer = lezer;
      li.dataset.stand = a.bruikbaar ? "gelezen" : "geweigerd";
      li.className = a.bruikbaar ? "" : "geweigerd";
      li.textContent = a.bruikbaar
        ? pb.consGelezen(nr, bestanden.length, f.name, a.onderwerp?.naam)
        : pb.consGeweigerd(
            nr,
            bestanden.length,
            f.name,
            pb.meldingZonderEngels(a.problemen[0]?.melding ?? ""),
          );
      // The modification time decides between resubmissions with the same "Gevuld op" (consolideer).
      uit.push({ ...a, gewijzigd: f.lastModified });
      voortgang(nr / (bestanden.length + 1), "cons");
    }
    return uit;
  } finally {
    l.werker?.worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------------------
// The overview

/** The findings with a library's English message (jszip, exceljs) in Dutch: in the list and the overview alike. */
function inHetNederlands(c: Consolidatie): Consolidatie {
  return {
    ...c,
    controles: c.controles.map((k) => ({ ...k, melding: pb.meldingZonderEngels(k.melding) })),
    bestanden: c.bestanden.map((x) => ({ ...x, toelichting: pb.meldingZonderEngels(x.toelichting) })),
  };
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

/** A tie: the choice of province (the files are read; "Maak overzicht" consolidates them again). */
function toonKeuze(provincies: readonly GemeenteRef[]): void {
  const keuze = element<HTMLSelectElement>("cons-provincie");
  keuze.replaceChildren(
    ...provincies.map((p) =>
      Object.assign(document.createElement("option"), { value: p.code, textContent: p.naam }),
    ),
  );
  element("cons-keuze").hidden = false;
  toonUitkomst(pb.consKiesProvincie(provincies.map((p) => p.naam)));
  keuze.focus();
}

/** The checks, and the overview in Excel or as a preview with its download; none when no file could be used. */
async function toonOverzicht(c: Consolidatie, bron: () => BronInfo): Promise<void> {
  if (!c.bestanden.some((x) => x.gebruikt)) {
    toonUitkomst(
      pb.consGeenBruikbaar(c.bestanden.map((x) => ({ bestand: x.bestand, reden: x.toelichting }))),
      true,
    );
    return;
  }
  toonControles(c);
  const plan = planConsolidatie(c, bron());
  if (inExcel()) {
    await schrijfOverzicht(plan, c, false);
  } else {
    toonVoorbeeld("cons-voorbeeld", plan, await berekendeWaarden(plan));
    laatste = { plan, bestand: bestandsnaam("overzicht", c.provincie?.naam ?? "provincie") };
    const download = element("cons-download");
    download.textContent = pb.knopDownload(laatste.bestand);
    download.hidden = false;
    toonUitkomst(samenvatting(c));
  }
}

/**
 * The overview into the workbook; asked first (`VolgordeBevestiging`), the question stays with a "Toch vullen"
 * button that writes it with `volgordeToestaan`.
 */
async function schrijfOverzicht(
  plan: WerkboekPlan,
  c: Consolidatie,
  volgordeToestaan: boolean,
): Promise<void> {
  try {
    // All or nothing: an overview whose table was left alone would disagree with its checks and totals.
    const rapport = await vulWerkboek(plan, (f) => voortgang(f, "cons"), volgordeToestaan, true);
    // A first write: every sheet of the overview new (as ./taskpane `rapportTekst`).
    const eerste = alleBladenNieuw(rapport, plan);
    toonUitkomst(
      `${samenvatting(c)}\n${
        eerste
          ? pb.eersteVulling(rapport.nieuweBladen)
          : pb.gevuld(rapport.nieuweBladen.length, gewijzigdeCijfers(rapport).length, rapport.invoerBehouden)
      }`,
    );
  } catch (e) {
    if (!(e instanceof VolgordeBevestiging)) throw e;
    teBevestigen = { plan, c };
    element("cons-bevestig").hidden = false;
    toonUitkomst(`${samenvatting(c)}\n${pb.fout(e)}`, true);
  }
}

/** "Toch vullen": the overview Opgave asked about (`gevraagd`), written as it is, its checks shown again. */
async function bevestig(gevraagd: typeof teBevestigen): Promise<void> {
  if (!gevraagd) return;
  toonControles(gevraagd.c);
  await schrijfOverzicht(gevraagd.plan, gevraagd.c, true);
}

/**
 * Runs one step with the buttons disabled, the progress bar shown and any error as a Dutch message. A run that
 * other files overtook (see `ronde`) leaves the pane to the new choice.
 */
async function bezig(stap: () => Promise<void>): Promise<void> {
  const mijn = ++ronde;
  const aan = document.activeElement;
  const knoppen = [element<HTMLButtonElement>("consolideer"), element<HTMLButtonElement>("cons-maak")];
  for (const k of knoppen) k.disabled = true;
  vergeetOverzicht();
  voortgang(0, "cons");
  try {
    await stap();
  } catch (e) {
    if (mijn === ronde) toonUitkomst(pb.fout(e), true);
  } finally {
    if (mijn === ronde) {
      voortgang(null, "cons");
      knoppen[0]!.disabled = gekozen.length === 0;
      knoppen[1]!.disabled = false;
      focusNaStap(aan);
    }
  }
}

/**
 * Keyboard focus after a step started from `aan` (its button, disabled while it ran, or hidden after it: the focus
 * went to the page, and a keyboard or screen-reader user started again from the top): to the result where there is
 * one (the download, "Toch vullen"), else back to where it was, when it is still there. Focus the user moved
 * elsewhere meanwhile stays.
 */
function focusNaStap(aan: Element | null): void {
  const actief = document.activeElement;
  if (actief !== null && actief !== document.body && actief !== aan) return;
  const resultaat = [element("cons-download"), element("cons-bevestig")].find((e) => !e.hidden);
  const terug = aan instanceof HTMLElement && aan.isConnected && !aan.closest("[hidden]") ? aan : undefined;
  (resultaat ?? terug)?.focus();
}

async function samenvoegen(bron: () => BronInfo): Promise<void> {
  element("cons-keuze").hidden = true;
  gelezen = undefined;
  // A broken file never stops the others: it is reported instead.
  const aanleveringen = await leesAlle(gekozen);
  if (!aanleveringen) return; // other files were chosen meanwhile
  gelezen = aanleveringen;
  const c = inHetNederlands(consolideer(engine(), aanleveringen));
  const keuze = c.provincieKeuze;
  if (keuze && keuze.length > 0) toonKeuze(keuze);
  else await toonOverzicht(c, bron);
}

/** "Maak overzicht": the files as read, for the chosen province (not read again). */
async function maakVoorProvincie(bron: () => BronInfo): Promise<void> {
  if (!gelezen) return;
  const provincie = element<HTMLSelectElement>("cons-provincie").value;
  await toonOverzicht(inHetNederlands(consolideer(engine(), gelezen, { provincie })), bron);
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
  element("consolideer").addEventListener("click", () => void bezig(() => samenvoegen(bron)));
  element("cons-maak").addEventListener("click", () => void bezig(() => maakVoorProvincie(bron)));
  element("cons-download").addEventListener("click", () => void download());
  element("cons-bevestig").addEventListener("click", () => {
    // Taken before `bezig`, which forgets the overview shown.
    const gevraagd = teBevestigen;
    void bezig(() => bevestig(gevraagd));
  });
}
