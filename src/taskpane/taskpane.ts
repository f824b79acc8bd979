/**
 * Task pane (shared runtime: the same engine and data as the custom functions). Loaded on demand by ./start.ts,
 * the page's entry, so that this module and everything it imports (bundle management, feed, zod, signatures,
 * plans, writers, consolidation) stay out of the script the runtime loads before any function can answer.
 * Shows which data is in use (and which publisher key signed it), fetches the latest decision bundle and shows
 * what it would change before the user adopts it, and fills the workbook for a gemeente or a province. Outside
 * Office it runs as a preview: the plan as tables and a .xlsx download.
 */
import { engine } from "../data/store";
import { standaardDataset } from "../data/embedded";
import { bundelHash, bundelTekst, ingebouwdeBundel } from "../data/bundel";
import { BundelBeheer, type Kandidaat, type Status } from "../data/bundelBeheer";
import { kiesOpslag } from "../data/opslag";
import { ingebouwdeSleutels } from "../data/vertrouwdeSleutels";
import { OpgaveFout } from "../domain/fouten";
import { periodeCode } from "../domain/periode";
import { feedBerichten as fb } from "../data/berichten";
import { getal } from "../domain/berichten";
import { paneelBerichten as pb } from "./berichten";
import { planGemeente, planProvincie, type BronInfo } from "../workbook/bouwPlan";
import { alleBladenNieuw, gewijzigdeCijfers, type VulRapport, type WerkboekPlan } from "../workbook/plan";
import { startConsolidatie } from "./consolidatie";
import { herberekenOpgaveCellen, inExcel, VolgordeBevestiging, vulWerkboek } from "./excelHost";
import { leesFeedUrl, schrijfFeedUrl, startZelftest } from "./instellingen";
import {
  downloadBestand,
  element,
  toonFeedBericht,
  toonKandidaat,
  toonUitkomst,
  voortgang,
  type KandidaatWeergave,
} from "./weergave";
import { berekendeWaarden, bestandsnaam, toonVoorbeeld, verbergVoorbeeld } from "./voorbeeld";

declare const OPGAVE_VERSIE: string;
const ADDIN_VERSIE = typeof OPGAVE_VERSIE === "string" ? OPGAVE_VERSIE : "dev";

let beheer: BundelBeheer;
/** The plan shown in the preview and the name its download gets; undefined once the input changed. */
let laatste: { plan: WerkboekPlan; bestand: string } | undefined;
/** Counts changes of the form: a preview finished after a change is not shown. */
let invoerVersie = 0;
/** A fetched, checked bundle shown to the user and not in use yet (a new fetch or going back discards it). */
let kandidaat: Kandidaat | undefined;

function standaardFeedUrl(): string {
  return new URL("bundel.json", document.baseURI).href;
}

function datumTijd(iso: string | undefined): string {
  if (!iso) return "–";
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString("nl-NL", { dateStyle: "medium", timeStyle: "short" });
}

function toonStatus(s: Status): void {
  element("status-dataset").textContent = `${s.datasetId} versie ${s.versie}`;
  element("status-datum").textContent = s.datum;
  element("status-bron").textContent =
    s.bron === "ingebouwd"
      ? pb.bronIngebouwd
      : `${s.bron === "cache" ? pb.bronCache : pb.bronFeed}${s.bronUrl ? ` (${s.bronUrl})` : ""}`;
  element("status-sleutel").textContent = s.sleutel
    ? pb.ondertekendDoor(s.sleutel.naam, s.sleutel.id)
    : pb.sleutelIngebouwd;
  element("status-opgehaald").textContent = datumTijd(s.opgehaald);
  const w = element("status-waarschuwing");
  w.textContent = s.verouderd ? pb.verouderd(s.datum) : "";
  w.hidden = !s.verouderd;
}

function vulKeuzelijsten(): void {
  const d = engine().dataset;
  const lijst = element<HTMLDataListElement>("gemeenten");
  lijst.replaceChildren(
    ...d.gemeenten
      .filter((g) => g.tot === null)
      .map((g) => g.naam)
      .sort((a, b) => a.localeCompare(b, "nl"))
      .map((naam) => Object.assign(document.createElement("option"), { value: naam })),
  );
  const select = element<HTMLSelectElement>("provincie");
  const gekozen = select.value;
  select.replaceChildren(
    ...[...d.provincies]
      .sort((a, b) => a.naam.localeCompare(b.naam, "nl"))
      .map((p) => Object.assign(document.createElement("option"), { value: p.code, textContent: p.naam })),
  );
  if (gekozen) select.value = gekozen;
}

/**
 * Live hint under the gemeente field: the official name (and that it no longer exists, where so), or what a fill
 * will say — the same message: suggestions for a typo, the choice for an ambiguous name, a province named.
 */
function gemeenteHint(): void {
  const invoer = element<HTMLInputElement>("gemeente").value.trim();
  const hulp = element("gemeente-hulp");
  hulp.className = "sub";
  if (invoer === "") {
    hulp.textContent = "";
    return;
  }
  try {
    const g = engine().gemeente(invoer);
    const opheffing = engine().opheffing(g);
    hulp.textContent = `${g.naam} (${g.code})${opheffing ? ` — ${opheffing}` : ""}`;
  } catch (e) {
    hulp.textContent = pb.fout(e);
    hulp.className = "sub fout";
  }
}

/** SHA-256 of the embedded bundle (the same the CLI writes), computed at start; undefined without Web Crypto. */
let ingebouwdHash: string | undefined;

async function berekenIngebouwdHash(): Promise<void> {
  try {
    ingebouwdHash = await bundelHash(bundelTekst(ingebouwdeBundel(standaardDataset())));
  } catch {
    ingebouwdHash = undefined; // crypto.subtle exists only in secure contexts (https, localhost)
  }
}

/** Provenance for the Bron sheet: never an empty Hash or Bron-adres (the embedded data has no feed). */
function bronInfo(): BronInfo {
  const s = beheer.status();
  const ingebouwd = s.bron === "ingebouwd";
  return {
    datasetId: s.datasetId,
    versie: s.versie,
    datum: s.datum,
    hash: (ingebouwd ? ingebouwdHash : s.hash) ?? pb.nietBeschikbaar,
    bronUrl: s.bronUrl ?? (ingebouwd ? pb.bronAdresIngebouwd : pb.nietBeschikbaar),
    opgehaald: s.opgehaald,
    ...(s.sleutel ? { sleutel: s.sleutel } : {}),
    addinVersie: ADDIN_VERSIE,
    gemaakt: new Date().toISOString(),
  };
}

/** The plan of the input in the form, and the name of its .xlsx (gemeente, or province and period). */
function maakPlan(): { plan: WerkboekPlan; bestand: string } {
  const soort = (document.querySelector<HTMLInputElement>('input[name="soort"]:checked')?.value ??
    "gemeente") as "gemeente" | "provincie";
  if (soort === "provincie") {
    const periode = element<HTMLInputElement>("periode").value;
    const plan = planProvincie(engine(), element<HTMLSelectElement>("provincie").value, periode, bronInfo());
    const code = periodeCode(engine().periode(periode));
    return { plan, bestand: bestandsnaam("provincie", plan.onderwerp.naam, code) };
  }
  const plan = planGemeente(engine(), element<HTMLInputElement>("gemeente").value, bronInfo());
  return { plan, bestand: bestandsnaam("gemeente", plan.onderwerp.naam) };
}

/**
 * The form changed after a preview: the preview and its download no longer match the input, so both go until the
 * user asks for a new preview (the download always gives what is shown).
 */
function invoerGewijzigd(): void {
  invoerVersie++;
  // A question about the order was about the fill asked before: a new input is a new fill.
  element("vul-bevestig").hidden = true;
  if (!laatste) return;
  laatste = undefined;
  const knop = element<HTMLButtonElement>("download");
  knop.hidden = true;
  verbergVoorbeeld("voorbeeld");
  if (!inExcel()) toonUitkomst(pb.invoerGewijzigd);
}

/**
 * The report of a fill in Dutch. Of a first fill (`alleBladenNieuw`) the new sheets: figures changed or inputs kept
 * would say nothing.
 */
function rapportTekst(
  r: VulRapport & { overgeslagen: readonly string[]; verloren?: readonly string[] },
  plan: WerkboekPlan,
): string {
  // When Opgave filled it (Bron's "Gevuld op") is not a figure that changed.
  const cijfers = gewijzigdeCijfers(r);
  const eerste = alleBladenNieuw(r, plan) && (r.verloren ?? []).length === 0;
  const regels = [
    eerste
      ? pb.eersteVulling(r.nieuweBladen)
      : pb.gevuld(r.nieuweBladen.length, cijfers.length, r.invoerBehouden),
  ];
  for (const w of cijfers.slice(0, 10)) regels.push(`• ${w.plek}: ${w.oud ?? "–"} → ${w.nieuw ?? "–"}`);
  if (cijfers.length > 10) regels.push(pb.enMeer(cijfers.length - 10));
  for (const v of r.verweesd) regels.push(pb.verweesd(v.tabel, v.sleutel));
  for (const t of r.tekstInGetal) regels.push(pb.tekstInGetal(t));
  for (const t of r.buitenRegel) regels.push(pb.buitenRegel(t));
  for (const o of r.overgeslagen) regels.push(`• ${o}`);
  for (const v of r.verloren ?? []) regels.push(pb.nietBehouden(v));
  return regels.join("\n");
}

/**
 * Fills the workbook (in Excel) or shows the preview. `volgordeToestaan`: the user chose "Toch vullen" after Opgave
 * asked whether a table they sorted may go back to Opgave's order, or a formula of theirs may read another row
 * (`VolgordeBevestiging`: nothing written yet).
 */
async function vul(volgordeToestaan = false): Promise<void> {
  const knop = element<HTMLButtonElement>("vul");
  const bevestig = element<HTMLButtonElement>("vul-bevestig");
  knop.disabled = true;
  bevestig.hidden = true;
  voortgang(0);
  try {
    const invoer = invoerVersie;
    const nieuw = maakPlan();
    const { plan } = nieuw;
    if (inExcel()) {
      toonUitkomst(pb.bezig);
      const rapport = await vulWerkboek(plan, (f) => voortgang(f), volgordeToestaan);
      toonUitkomst(rapportTekst(rapport, plan) + pb.letOp(plan.onderwerp.melding));
    } else {
      const waarden = await berekendeWaarden(plan);
      // The input changed while the values were computed: this preview no longer matches it.
      if (invoer !== invoerVersie) return;
      toonVoorbeeld("voorbeeld", plan, waarden);
      laatste = nieuw;
      const download = element<HTMLButtonElement>("download");
      download.hidden = false;
      download.textContent = pb.knopDownload(nieuw.bestand);
      toonUitkomst(pb.voorbeeldKlaar(plan.onderwerp.naam, plan.onderwerp.melding));
    }
  } catch (e) {
    laatste = undefined;
    element("download").hidden = true;
    verbergVoorbeeld("voorbeeld");
    toonUitkomst(pb.fout(e), true);
    // Asked, not refused: the same fill once more, with the order put back, when the user chooses so.
    bevestig.hidden = !(e instanceof VolgordeBevestiging);
  } finally {
    voortgang(null);
    knop.disabled = false;
  }
}

/** Downloads exactly the workbook the preview shows (the button is there only while it matches the input). */
async function download(): Promise<void> {
  const getoond = laatste;
  if (!getoond) return;
  voortgang(0.3);
  try {
    // exceljs is large: load it only when a download is asked for.
    const { schrijfXlsx } = await import(/* webpackChunkName: "xlsx" */ "../workbook/xlsxWriter");
    const { data } = await schrijfXlsx(getoond.plan);
    downloadBestand(data, getoond.bestand);
    toonUitkomst(pb.downloadKlaar(getoond.bestand));
  } catch (e) {
    toonUitkomst(pb.fout(e), true);
  } finally {
    voortgang(null);
  }
}

/** The feed buttons are disabled while one of them works; an unexpected error goes to the feed message. */
async function feedActie(bericht: string, werk: () => Promise<void>): Promise<void> {
  const knoppen = ["vernieuw", "terug-ingebouwd", "neem-over"].map((id) => element<HTMLButtonElement>(id));
  for (const k of knoppen) k.disabled = true;
  voortgang(0.5, "feed");
  toonFeedBericht(bericht);
  try {
    await werk();
  } catch (e) {
    toonFeedBericht(pb.fout(e), true);
  } finally {
    voortgang(null, "feed");
    for (const k of knoppen) k.disabled = false;
  }
}

function gekozenGemeente(): { code: string; naam: string } | undefined {
  const invoer = element<HTMLInputElement>("gemeente").value.trim();
  if (invoer === "") return undefined;
  try {
    const g = engine().gemeente(invoer);
    return { code: g.code, naam: g.naam };
  } catch {
    return undefined;
  }
}

function kandidaatWeergave(k: Kandidaat, gemeente: string | undefined): KandidaatWeergave {
  const { dataset } = k.bundel;
  return {
    versie: pb.kandidaatVersie(dataset.versie, fb.datumNl(dataset.datum)),
    uitgever: k.bundel.uitgever,
    gepubliceerd: fb.tijdstipNl(k.bundel.gepubliceerd),
    sleutel: pb.ondertekendDoor(k.sleutel.naam, k.sleutel.id),
    overzicht: k.overzicht,
    ...(gemeente !== undefined && k.wijzigingen
      ? { gemeente: { naam: gemeente, wijzigingen: k.wijzigingen } }
      : {}),
  };
}

function verwerpKandidaat(): void {
  kandidaat = undefined;
  toonKandidaat(undefined);
}

/** "Laatste besluit ophalen": fetch and check; a new bundle is shown with what it changes, not used yet. */
async function vernieuw(): Promise<void> {
  await feedActie(pb.ophalen, async () => {
    verwerpKandidaat();
    const gemeente = gekozenGemeente();
    const url = await leesFeedUrl(standaardFeedUrl());
    const { status, uitkomst, kandidaat: nieuw } = await beheer.ververs(url, gemeente?.code);
    toonStatus(status);
    if (uitkomst.soort === "fout") {
      toonFeedBericht(uitkomst.bericht, true);
      return;
    }
    toonFeedBericht(status.melding ?? "");
    if (nieuw) {
      kandidaat = nieuw;
      toonKandidaat(kandidaatWeergave(nieuw, gemeente?.naam));
    }
  });
}

/** "Gebruik deze gegevens": adopt the candidate shown. */
async function neemOver(): Promise<void> {
  const k = kandidaat;
  if (!k) return;
  await feedActie(pb.overnemen, async () => {
    const { status, ok } = await beheer.neemOver(k);
    verwerpKandidaat();
    toonStatus(status);
    if (!ok) {
      toonFeedBericht(status.melding ?? "", true);
      return;
    }
    await naWissel(status);
  });
}

/** "Terug naar ingebouwde gegevens". */
async function terugNaarIngebouwd(): Promise<void> {
  await feedActie(pb.terugBezig, async () => {
    verwerpKandidaat();
    const status = await beheer.gebruikIngebouwd();
    toonStatus(status);
    await naWissel(status);
  });
}

/** After the dataset in use changed: lists, hints and earlier answers follow it; in Excel the OPGAVE cells too. */
async function naWissel(status: Status): Promise<void> {
  vulKeuzelijsten();
  gemeenteHint();
  laatste = undefined;
  element("download").hidden = true;
  verbergVoorbeeld("voorbeeld");
  element("zoek-uitkomst").textContent = "";
  element("zoek-herkomst").textContent = "";
  const melding = status.melding ?? "";
  if (!inExcel()) {
    toonFeedBericht(melding);
    return;
  }
  const h = await herbereken();
  toonFeedBericht([melding, h.tekst].filter(Boolean).join(" "), h.fout);
}

/** Re-run every OPGAVE cell of the workbook with the data now in use (Excel only). */
async function herbereken(): Promise<{ tekst: string; fout: boolean }> {
  try {
    const h = await herberekenOpgaveCellen();
    return { tekst: h.methode === "volledig" ? fb.herberekend : pb.herberekend(h.cellen), fout: false };
  } catch (e) {
    const waarom = e instanceof OpgaveFout ? `${e.message} ` : "";
    return { tekst: `${waarom}${fb.nietHerberekend}`, fout: true };
  }
}

function zoek(): void {
  const uit = element<HTMLOutputElement>("zoek-uitkomst");
  const herkomst = element("zoek-herkomst");
  const gemeente = element<HTMLInputElement>("zoek-gemeente").value;
  const periode = element<HTMLInputElement>("zoek-periode").value;
  try {
    const e = engine();
    const t = e.taakstelling(gemeente, periode);
    uit.className = "";
    uit.textContent = `${t.gemeente.naam}: ${getal(t.aantal)}`;
    herkomst.textContent = e.bron(gemeente, periode);
  } catch (err) {
    uit.className = "fout";
    uit.textContent = pb.fout(err);
    herkomst.textContent = "";
  }
}

/** Wires the pane (called by ./start.ts once the page is ready and this module has loaded). */
export async function start(): Promise<void> {
  const modus = element("modus");
  modus.hidden = inExcel();
  modus.textContent = pb.voorbeeldModus;
  element("vul").textContent = inExcel() ? pb.knopVul : pb.knopVoorbeeld;
  element("versie").textContent = `Opgave ${ADDIN_VERSIE}`;

  beheer = new BundelBeheer({
    opslag: kiesOpslag(),
    ingebouwd: standaardDataset(),
    vertrouwd: ingebouwdeSleutels(),
  });
  const [status] = await Promise.all([beheer.start(), berekenIngebouwdHash()]);
  toonStatus(status);
  toonFeedBericht(status.melding ?? "");
  vulKeuzelijsten();
  element<HTMLInputElement>("feed-url").value = await leesFeedUrl(standaardFeedUrl());

  element("gemeente").addEventListener("input", gemeenteHint);
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="soort"]')) {
    radio.addEventListener("change", () => {
      const provincie = radio.value === "provincie" && radio.checked;
      element("veld-gemeente").hidden = provincie;
      element("veld-provincie").hidden = !provincie;
    });
  }
  // Any change of gemeente, province, period or kind after a preview withdraws it and its download.
  for (const soort of ["input", "change"]) element("vul-form").addEventListener(soort, invoerGewijzigd);
  element<HTMLFormElement>("vul-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    void vul();
  });
  element("download").addEventListener("click", () => void download());
  element("vul-bevestig").addEventListener("click", () => void vul(true));
  element("vernieuw").addEventListener("click", () => void vernieuw());
  element("neem-over").addEventListener("click", () => void neemOver());
  element("terug-ingebouwd").addEventListener("click", () => void terugNaarIngebouwd());
  element<HTMLFormElement>("instellingen-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    void schrijfFeedUrl(element<HTMLInputElement>("feed-url").value.trim()).then((fout) =>
      toonFeedBericht(fout ?? pb.instellingOpgeslagen, fout !== undefined),
    );
  });
  element("feed-standaard").addEventListener("click", () => {
    element<HTMLInputElement>("feed-url").value = standaardFeedUrl();
    void schrijfFeedUrl("").then(() => toonFeedBericht(pb.instellingOpgeslagen));
  });
  element<HTMLFormElement>("zoek").addEventListener("submit", (ev) => {
    ev.preventDefault();
    zoek();
  });
  startConsolidatie(bronInfo);
  startZelftest(ADDIN_VERSIE);
  document.body.dataset.klaar = "ja";
  // Cells computed before the cached bundle replaced the embedded data must not keep the old numbers.
  if (status.bron !== "ingebouwd" && inExcel()) await herberekenBijStart();
}

async function herberekenBijStart(): Promise<void> {
  const h = await herbereken();
  if (h.fout) toonFeedBericht(h.tekst, true);
}
