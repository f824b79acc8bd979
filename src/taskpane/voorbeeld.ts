/**
 * The plan preview of the pane outside Excel: per sheet a collapsible part (`<details>`) with the sheet's loose
 * cells laid out as in the sheet (titles as text, label/value rows as a grid) and its tables, each in its own
 * horizontally scrolling box. Values only: a formula cell shows the value Excel computes there when `WaardeVan`
 * knows it, else the marker "in Excel" — never formula code. No Office calls, no data logic.
 */
import { datumNl, isoUitExcel, tijdstipNl } from "../domain/tijdstip";
import { NOTATIE } from "../workbook/indeling";
import { paneelBerichten as pb } from "./berichten";
import {
  adres,
  blokNotatie,
  isFormule,
  type BladPlan,
  type Cel,
  type Kolom,
  type TabelPlan,
  type Waarde,
} from "../workbook/plan";
import type { WerkboekPlan } from "../workbook/plan";

/** The value Excel computes in a cell of the plan (sheet name, A1 address); undefined = not known here. */
export type WaardeVan = (blad: string, adres: string) => Waarde | undefined;

/**
 * The values Excel computes in the plan's formula cells, by Opgave's own evaluator (src/workbook/rekenen.ts, loaded
 * on first use: the pane's start needs none of it). A cell the evaluator cannot decide exactly stays undefined (the
 * preview then says "in Excel"); an error result shows as its code ("#N/A").
 */
export async function berekendeWaarden(plan: WerkboekPlan): Promise<WaardeVan> {
  const { rekenPlan, isFout } = await import(/* webpackChunkName: "rekenen" */ "../workbook/rekenen");
  const uitkomsten = rekenPlan(plan);
  return (blad, plek) => {
    const u = uitkomsten.get(blad)?.get(plek);
    return u === undefined ? undefined : isFout(u) ? u.fout : u;
  };
}

/** Tables longer than this show their first rows and a button "Toon alle … rijen". */
const MAX_RIJEN = 25;

const getal = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 });
/** Whole numbers as the sheet shows them ("#,##0", "€ #,##0": no decimals). */
const geheel = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 });

/** A displayed cell: its text, and whether it is a number (right-aligned, never wrapped) or an "in Excel" marker. */
interface Weergave {
  readonly tekst: string;
  readonly soort: "getal" | "tekst" | "berekend" | "leeg";
}

function waardeWeergave(w: Waarde, notatie: string | undefined): Weergave {
  if (w === null || w === "") return { tekst: "", soort: "leeg" };
  if (typeof w === "number") {
    if (notatie === NOTATIE.datum || notatie === NOTATIE.tijdstip) {
      const iso = isoUitExcel(w);
      if (iso) return { tekst: notatie === NOTATIE.datum ? datumNl(iso) : tijdstipNl(iso), soort: "tekst" };
    }
    const euro = notatie?.includes("€") ? "€ " : "";
    const opmaak = notatie?.includes("#,##0") && !notatie.includes(".") ? geheel : getal;
    return { tekst: `${euro}${opmaak.format(w)}`, soort: "getal" };
  }
  if (typeof w === "boolean") return { tekst: w ? "WAAR" : "ONWAAR", soort: "tekst" };
  return { tekst: pb.zonderEngels(w), soort: "tekst" };
}

/** What the preview shows for a plan cell at (sheet, address): a value, never formula code. */
export function celWeergave(
  c: Cel,
  blad: string,
  plek: string,
  waardeVan: WaardeVan,
  notatie?: string,
): Weergave {
  if (!isFormule(c)) return waardeWeergave(c, notatie);
  const w = waardeVan(blad, plek);
  return w === undefined ? { tekst: pb.inExcel, soort: "berekend" } : waardeWeergave(w, notatie);
}

function cel(tag: "td" | "th", w: Weergave, extra?: string): HTMLTableCellElement {
  const el = document.createElement(tag);
  // Always text content: strings from a feed or a file are never interpreted as HTML.
  el.textContent = w.tekst;
  const lang = w.soort === "tekst" && w.tekst.length > 60 ? "lang" : "";
  const klassen = [w.soort === "getal" || w.soort === "berekend" ? w.soort : "", lang, extra ?? ""].filter(
    Boolean,
  );
  if (klassen.length > 0) el.className = klassen.join(" ");
  if (w.soort === "berekend") el.title = pb.inExcelUitleg;
  return el;
}

/** A box that scrolls sideways on its own (reachable and scrollable by keyboard: a focusable named region). */
function kader(naam: string, inhoud: HTMLElement): HTMLDivElement {
  const div = document.createElement("div");
  div.className = "tabel-kader";
  div.tabIndex = 0;
  div.setAttribute("role", "region");
  div.setAttribute("aria-label", naam);
  div.append(inhoud);
  return div;
}

interface LosseCel {
  readonly waarde: Cel;
  readonly notatie?: string;
  readonly kop: boolean;
  readonly invoer: boolean;
}

/** The sheet's cells outside tables (blocks, input cells and their labels) by row, then column. */
function losseCellen(blad: BladPlan): Map<number, Map<number, LosseCel>> {
  const rijen = new Map<number, Map<number, LosseCel>>();
  const zet = (rij: number, kolom: number, c: LosseCel) => {
    const r = rijen.get(rij) ?? new Map<number, LosseCel>();
    r.set(kolom, c);
    rijen.set(rij, r);
  };
  for (const blok of blad.blokken) {
    blok.cellen.forEach((r, i) =>
      r.forEach((waarde, j) => {
        const notatie = blokNotatie(blok, i, j);
        zet(blok.start.rij + i, blok.start.kolom + j, {
          waarde,
          ...(notatie ? { notatie } : {}),
          kop: Boolean(blok.kop) && i === 0,
          invoer: false,
        });
      }),
    );
  }
  for (const i of blad.invoercellen) {
    if (i.positie.kolom > 1)
      zet(i.positie.rij, i.positie.kolom - 1, { waarde: i.label, kop: false, invoer: false });
    zet(i.positie.rij, i.positie.kolom, {
      waarde: i.standaard,
      ...(i.notatie ? { notatie: i.notatie } : {}),
      kop: false,
      invoer: true,
    });
  }
  return rijen;
}

/**
 * The loose cells in sheet order: a row with one text cell in column A is a line of text (a title when its block
 * is a title), consecutive rows with more cells form one grid table in a scrolling box.
 */
function losseDelen(blad: BladPlan, waardeVan: WaardeVan): HTMLElement[] {
  const rijen = losseCellen(blad);
  const delen: HTMLElement[] = [];
  let band: number[] = [];
  const sluitBand = () => {
    if (band.length > 0)
      delen.push(kader(pb.voorbeeldGegevens(blad.naam), rooster(blad.naam, band, rijen, waardeVan)));
    band = [];
  };
  for (const r of [...rijen.keys()].sort((a, b) => a - b)) {
    const cellen = rijen.get(r)!;
    const enige = cellen.size === 1 ? cellen.get(1) : undefined;
    if (enige && !isFormule(enige.waarde) && !enige.invoer && typeof enige.waarde === "string") {
      sluitBand();
      const p = document.createElement("p");
      p.className = enige.kop ? "blad-titel" : "sub";
      p.textContent = pb.zonderEngels(enige.waarde);
      delen.push(p);
    } else {
      band.push(r);
    }
  }
  sluitBand();
  return delen;
}

function rooster(
  blad: string,
  band: readonly number[],
  rijen: Map<number, Map<number, LosseCel>>,
  waardeVan: WaardeVan,
): HTMLTableElement {
  const kolommen = band.flatMap((r) => [...rijen.get(r)!.keys()]);
  const van = Math.min(...kolommen);
  const tot = Math.max(...kolommen);
  const t = document.createElement("table");
  t.className = "rooster";
  const body = document.createElement("tbody");
  for (const r of band) {
    const tr = document.createElement("tr");
    for (let k = van; k <= tot; k++) {
      const c = rijen.get(r)!.get(k);
      if (!c) {
        tr.append(document.createElement("td"));
        continue;
      }
      const w = celWeergave(c.waarde, blad, adres({ rij: r, kolom: k }), waardeVan, c.notatie);
      const label = k === van && w.soort === "tekst" && !c.kop;
      const th = c.kop || label;
      const el = cel(th ? "th" : "td", w, c.invoer ? "invoer" : undefined);
      if (th) el.setAttribute("scope", c.kop ? "col" : "row");
      if (c.invoer) el.setAttribute("aria-label", pb.invoerCel(w.tekst));
      tr.append(el);
    }
    body.append(tr);
  }
  t.append(body);
  return t;
}

function kolomKlasse(k: Kolom): string | undefined {
  return k.soort === "invoer" ? "invoer" : undefined;
}

function tabel(blad: string, t: TabelPlan, waardeVan: WaardeVan): HTMLElement[] {
  const el = document.createElement("table");
  el.dataset.tabel = t.naam;
  const kop = document.createElement("thead");
  const kopRij = document.createElement("tr");
  for (const k of t.kolommen) {
    const th = cel("th", { tekst: k.kop, soort: "tekst" }, kolomKlasse(k));
    th.setAttribute("scope", "col");
    kopRij.append(th);
  }
  kop.append(kopRij);
  const rij = (r: readonly Cel[], sheetRij: number): HTMLTableRowElement => {
    const tr = document.createElement("tr");
    t.kolommen.forEach((k, i) => {
      const plek = adres({ rij: sheetRij, kolom: t.start.kolom + i });
      tr.append(cel("td", celWeergave(r[i] ?? null, blad, plek, waardeVan, k.notatie), kolomKlasse(k)));
    });
    return tr;
  };
  const body = document.createElement("tbody");
  const trs = t.rijen.map((r, i) => rij(r, t.start.rij + 1 + i));
  body.append(...trs);
  el.append(kop, body);
  if (t.totaal) {
    const voet = document.createElement("tfoot");
    voet.append(rij(t.totaal, t.start.rij + 1 + t.rijen.length));
    el.append(voet);
  }
  const delen: HTMLElement[] = [kader(pb.voorbeeldTabel(blad, t.rijen.length), el)];
  if (trs.length > MAX_RIJEN) {
    for (const tr of trs.slice(MAX_RIJEN)) tr.hidden = true;
    const knop = document.createElement("button");
    knop.type = "button";
    knop.className = "secundair klein";
    knop.textContent = pb.toonAlleRijen(trs.length);
    knop.addEventListener("click", () => {
      for (const tr of trs) tr.hidden = false;
      knop.remove();
    });
    delen.push(knop);
  }
  return delen;
}

function bladSamenvatting(blad: BladPlan): string {
  const rijen = blad.tabellen.reduce((n, t) => n + t.rijen.length, 0);
  return blad.tabellen.length > 0 ? pb.bladRijen(rijen) : "";
}

/**
 * Shows the plan in the preview container `id` (its `*-inhoud` child gets the sheets): the first sheet and the
 * Taakstelling sheet open, the others collapsed.
 */
export function toonVoorbeeld(id: string, plan: WerkboekPlan, waardeVan: WaardeVan): void {
  const inhoud = document.getElementById(`${id}-inhoud`);
  const sectie = document.getElementById(id);
  if (!inhoud || !sectie) throw new Error(`element #${id} ontbreekt`);
  const uitleg = document.getElementById(`${id}-uitleg`);
  if (uitleg) uitleg.textContent = pb.voorbeeldUitleg;
  inhoud.replaceChildren(
    ...plan.bladen.map((blad, i) => {
      const d = document.createElement("details");
      d.className = "voorbeeld-blad";
      d.dataset.blad = blad.naam;
      d.open = i === 0 || blad.naam === "Taakstelling";
      const s = document.createElement("summary");
      const naam = document.createElement("span");
      naam.className = "blad-naam";
      naam.textContent = blad.naam;
      s.append(naam);
      const extra = bladSamenvatting(blad);
      if (extra)
        s.append(
          Object.assign(document.createElement("span"), { className: "sub", textContent: ` ${extra}` }),
        );
      d.append(
        s,
        ...losseDelen(blad, waardeVan),
        ...blad.tabellen.flatMap((t) => tabel(blad.naam, t, waardeVan)),
      );
      return d;
    }),
  );
  sectie.hidden = false;
}

/** Name of a downloaded workbook: `opgave-gemeente-utrecht.xlsx`, `opgave-provincie-utrecht-2024-I.xlsx`. */
export function bestandsnaam(
  soort: "gemeente" | "provincie" | "overzicht",
  naam: string,
  periode?: string,
): string {
  const sleutel = naam
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${["opgave", soort, sleutel || "onbekend", periode].filter(Boolean).join("-")}.xlsx`;
}

export function verbergVoorbeeld(id: string): void {
  const sectie = document.getElementById(id);
  if (sectie) sectie.hidden = true;
  document.getElementById(`${id}-inhoud`)?.replaceChildren();
}
