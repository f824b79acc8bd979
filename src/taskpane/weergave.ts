/**
 * DOM rendering for the task pane: status, changes, the message areas and progress bars of the actions (the plan
 * preview is ./voorbeeld). No Office calls, no data logic.
 */
import { paneelBerichten as pb } from "./berichten";
import type { VerschilOverzicht, Wijziging } from "../domain/verschillen";

export function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`element #${id} ontbreekt`);
  return el as T;
}

const getal = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 });

/** Always text content: strings from a feed are never interpreted as HTML. */
function cel(tag: "td" | "th", tekst: string, klasse?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = tekst;
  if (klasse) el.className = klasse;
  return el;
}

function waardeTekst(w: unknown): string {
  return w === null || w === undefined ? "–" : typeof w === "number" ? getal.format(w) : String(w);
}

export function toonWijzigingen(
  wijzigingen: readonly { onderwerp: string; oud: unknown; nieuw: unknown }[] | undefined,
): void {
  const blok = element("wijzigingen");
  const body = element("wijzigingen-rijen");
  if (!wijzigingen) {
    blok.hidden = true;
    return;
  }
  body.replaceChildren(
    ...(wijzigingen.length === 0
      ? [rij([cel("td", "Geen wijzigingen voor deze gemeente.")])]
      : wijzigingen.map((w) =>
          rij([cel("td", w.onderwerp), cel("td", waardeTekst(w.oud)), cel("td", waardeTekst(w.nieuw))]),
        )),
  );
  blok.hidden = false;
}

/** A fetched bundle that is not in use yet, as the pane shows it (texts already composed). */
export interface KandidaatWeergave {
  versie: string;
  uitgever: string;
  gepubliceerd: string;
  sleutel: string;
  overzicht: VerschilOverzicht;
  /** The gemeente chosen in the pane and its own changes. */
  gemeente?: { naam: string; wijzigingen: readonly Wijziging[] };
}

/** What a new bundle would change, with the button to use it; undefined hides it. */
export function toonKandidaat(k: KandidaatWeergave | undefined): void {
  const blok = element("kandidaat");
  if (!k) {
    blok.hidden = true;
    toonWijzigingen(undefined);
    return;
  }
  const o = k.overzicht;
  element("kandidaat-versie").textContent = k.versie;
  element("kandidaat-uitgever").textContent = k.uitgever;
  element("kandidaat-gepubliceerd").textContent = k.gepubliceerd;
  element("kandidaat-sleutel").textContent = k.sleutel;
  element("kandidaat-aantal").textContent = pb.kandidaatAantal(o.aantal, o.toegevoegd);
  const letOp = element("kandidaat-let-op");
  letOp.textContent = o.gewijzigd > 0 ? pb.letOpInGebruik(o.gewijzigd) : "";
  letOp.hidden = o.gewijzigd === 0;
  element("kandidaat-rijen").replaceChildren(
    ...o.grootste.map((v) =>
      rij([
        cel("td", v.wie),
        cel("td", v.onderwerp),
        cel("td", `${waardeTekst(v.oud)} → ${waardeTekst(v.nieuw)}`, "getal"),
      ]),
    ),
  );
  element("kandidaat-grootste").hidden = o.grootste.length === 0;
  element("kandidaat-perioden").textContent = o.perioden.length > 0 ? pb.kandidaatPerioden(o.perioden) : "";
  element("kandidaat-besluiten").textContent =
    o.besluiten.length > 0 ? pb.kandidaatBesluiten(o.besluiten) : "";
  element("wijzigingen-kop").textContent = k.gemeente ? pb.wijzigingenVoor(k.gemeente.naam) : "";
  toonWijzigingen(k.gemeente?.wijzigingen);
  blok.hidden = false;
}

function rij(cellen: HTMLElement[]): HTMLTableRowElement {
  const tr = document.createElement("tr");
  tr.append(...cellen);
  return tr;
}

/** The actions of the pane; each has its own message area (role="status") and progress bar. */
export type Actie = "feed" | "vul" | "cons";

const BERICHT: Record<Actie, string> = { feed: "feed-bericht", vul: "uitkomst", cons: "cons-uitkomst" };
const VOORTGANG: Record<Actie, string> = { feed: "feed-voortgang", vul: "voortgang", cons: "cons-voortgang" };

/** The message of one action: "fout" red, "goed" green, otherwise neutral (never an amber box for good news). */
export function toonBericht(actie: Actie, tekst: string, soort: "fout" | "goed" | "" = ""): void {
  const el = element(BERICHT[actie]);
  el.textContent = tekst;
  el.className = ["bericht", soort].filter(Boolean).join(" ");
}

/** The one message area of the data/feed section. */
export function toonFeedBericht(tekst: string, fout = false): void {
  toonBericht("feed", tekst, fout ? "fout" : "");
}

/** The message area of "Werkboek vullen". */
export function toonUitkomst(tekst: string, fout = false): void {
  toonBericht("vul", tekst, fout ? "fout" : "");
}

export function voortgang(fractie: number | null, actie: Actie = "vul"): void {
  const p = element<HTMLProgressElement>(VOORTGANG[actie]);
  p.hidden = fractie === null;
  if (fractie !== null) p.value = fractie;
}

/** Offer bytes as a file download (preview mode). */
export function downloadBestand(data: Uint8Array, naam: string): void {
  const blob = new Blob([data as BlobPart], {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = naam;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
