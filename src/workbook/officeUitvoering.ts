/**
 * The Office.js writer's execute step: runs the write tasks of ./officeBeslissing in as few batches as the caps on
 * written cells and bytes of request per `context.sync()` allow (a batch is synced before a task that would push
 * it over a cap), and the final sync. Only Office.js plumbing: every decision was made before.
 */
import type { ExcelObjecten } from "./officeLezen";
import { taakBytes, type CelMatrix, type Grenzen, type SchrijfTaak } from "./officeBeslissing";
import { bereik, rechthoekBereik } from "./a1";
import { OPMAAK_KLEUREN } from "./invoercontrole";
import { zetAfdruk } from "./officeAfdruk";
import type { Validatie } from "./plan";

/**
 * Queue the writes of a rectangle: number formats first (so text stays text), then formulas/values. `null` leaves
 * a cell's format or content unchanged; a matrix of nothing but `null` is not sent at all.
 */
export function zetCellen(range: Excel.Range, m: CelMatrix): void {
  if (m.notaties.some((r) => r.some((n) => n !== null))) range.numberFormat = m.notaties as unknown[][];
  if (m.invoer.some((r) => r.some((v) => v !== null))) range.formulas = m.invoer as unknown[][];
}

type Taak<S extends SchrijfTaak["soort"]> = Extract<SchrijfTaak, { soort: S }>;

function tabel(o: ExcelObjecten, t: Taak<"tabel">): void {
  const ws = o.werkblad(t.blad);
  const bestaand = t.bestaand ? o.tabellen.get(t.bestaand.naam) : undefined;
  if (t.bestaand && bestaand) {
    if (t.bestaand.totalenUit) bestaand.showTotals = false;
    if (t.bestaand.resize) bestaand.resize(ws.getRange(rechthoekBereik(t.rechthoek)));
  } else {
    const nieuw = ws.tables.add(ws.getRange(rechthoekBereik(t.rechthoek)), true);
    nieuw.name = t.naam;
    o.tabellen.set(t.naam, nieuw);
  }
  for (const r of t.wis) ws.getRange(rechthoekBereik(r)).clear("Contents");
  zetCellen(ws.getRange(rechthoekBereik({ ...t.rechthoek, rijen: 1 })), t.kop);
}

function invoercel(o: ExcelObjecten, t: Taak<"invoercel">): void {
  const ws = o.werkblad(t.blad);
  if (t.label) zetCellen(ws.getRange(t.label.adres), t.label.matrix);
  const cel = ws.getRange(t.adres);
  if (t.schrijf) zetCellen(cel, t.schrijf);
  if (t.naam?.soort === "toevoegen") o.wb.names.add(t.naam.naam, cel);
  else if (t.naam?.soort === "verwijzen") o.wb.names.getItem(t.naam.naam).formula = t.naam.formule;
}

function cellen(o: ExcelObjecten, t: Taak<"cellen">): void {
  const ws = o.werkblad(t.blad);
  const range = ws.getRange(t.adres);
  zetCellen(range, t.matrix);
  if (t.vet !== undefined) (t.vet === true ? range : ws.getRange(t.vet)).format.font.bold = true;
}

/**
 * The totals row below a table; then the table's range again and the totals cells that must be empty emptied: if
 * Excel's AutoExpand grew the table over the row just written (AutoCorrect applies to API writes), the table gets
 * its own size back and a calculated column's formula filled into the row goes (Table.resize: ExcelApi 1.13).
 */
function totaal(o: ExcelObjecten, t: Taak<"totaal">): void {
  const ws = o.werkblad(t.blad);
  const range = ws.getRange(t.adres);
  zetCellen(range, t.matrix);
  range.format.font.bold = true;
  const tabel = o.tabellen.get(t.tabel);
  if (!tabel) return;
  tabel.resize(ws.getRange(t.tabelBereik));
  for (const a of t.leeg) ws.getRange(a).clear("Contents");
}

function grafiek(o: ExcelObjecten, t: Taak<"grafiek">): void {
  const bron = o.werkblad(t.bronBlad);
  const [eerste, ...overige] = t.reeksen;
  if (!eerste) return;
  if (t.vervang !== undefined) o.grafieken.get(t.vervang)?.delete();
  const g = o.werkblad(t.blad).charts.add(t.type, bron.getRange(eerste.bereik), "Columns");
  g.name = t.naam;
  g.title.text = t.titel;
  const categorieen = bron.getRange(t.categorieen);
  const s0 = g.series.getItemAt(0);
  s0.name = eerste.naam;
  s0.setXAxisValues(categorieen);
  for (const r of overige) {
    const s = g.series.add(r.naam);
    s.setValues(bron.getRange(r.bereik));
    s.setXAxisValues(categorieen);
  }
  g.setPosition(t.positie);
}

function breedtes(o: ExcelObjecten, t: Taak<"breedtes">): void {
  const ws = o.werkblad(t.blad);
  for (const [l, punten] of t.breedtes) ws.getRange(`${l}:${l}`).format.columnWidth = punten;
}

/** An Office.js data validation rule (ExcelApi 1.8) for a plan validation. */
function officeRegel(v: Validatie): Excel.DataValidationRule {
  if (v.soort === "lijst") return { list: { inCellDropDown: true, source: v.lijst ?? "" } };
  const basis: Excel.BasicDataValidation =
    v.max === undefined
      ? { formula1: v.min ?? 0, operator: "GreaterThanOrEqualTo" as Excel.DataValidationOperator }
      : { formula1: v.min ?? 0, formula2: v.max, operator: "Between" as Excel.DataValidationOperator };
  return v.soort === "geheel" ? { wholeNumber: basis } : { decimal: basis };
}

/**
 * Validations (ExcelApi 1.8), conditional formats (1.6), hidden columns (1.2) and frozen panes (1.7) of a sheet.
 * A validation replaces whatever validation its cells had (they are Opgave's input cells); Opgave's own conditional
 * formats of an earlier fill are deleted (by the objects read) before they are added again, after the user's.
 */
function controle(o: ExcelObjecten, t: Taak<"controle">): void {
  const ws = o.werkblad(t.blad);
  const oud = o.opmaak.get(t.blad.toLocaleLowerCase("en-US")) ?? [];
  for (const i of t.verwijder) oud[i]?.delete();
  for (const v of t.validaties) {
    const dv = ws.getRange(v.bereik).dataValidation;
    dv.clear();
    dv.rule = officeRegel(v.validatie);
    dv.ignoreBlanks = true;
    dv.prompt = { showPrompt: true, title: v.validatie.titel, message: v.validatie.invoer };
    dv.errorAlert = {
      showAlert: true,
      style: "Stop" as Excel.DataValidationAlertStyle,
      title: v.validatie.titel,
      message: v.validatie.fout,
    };
  }
  // Excel puts a new format first: each of Opgave's goes to its place among the formats that stay (the user's, in
  // their order; ./officeBeslissing `opmaakPlaatsen`), in ascending order, as an .xlsx refill orders them: a rule of
  // the user's on the same cells keeps its precedence. The place is set last: a format moved must be fetched again
  // to be changed.
  const opVolgorde = t.opmaak.map((c, j) => ({ c, plaats: t.plaatsen[j] ?? oud.length + j }));
  opVolgorde.sort((a, b) => a.plaats - b.plaats);
  for (const { c, plaats } of opVolgorde) {
    const cf = ws.getRange(c.bereik).conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
    cf.custom.rule.formula = c.formule;
    cf.custom.format.fill.color = `#${OPMAAK_KLEUREN[c.stijl].vulling}`;
    cf.custom.format.font.color = `#${OPMAAK_KLEUREN[c.stijl].tekst}`;
    cf.priority = plaats;
  }
  for (const l of t.verborgen) ws.getRange(`${l}:${l}`).columnHidden = true;
  if (t.bevries && t.bevries.rijen + t.bevries.kolommen > 0) {
    const { rijen, kolommen } = t.bevries;
    if (kolommen === 0) ws.freezePanes.freezeRows(rijen);
    else if (rijen === 0) ws.freezePanes.freezeColumns(kolommen);
    else ws.freezePanes.freezeAt(ws.getRange(bereik({ rij: 1, kolom: 1 }, rijen, kolommen)));
  }
}

/** Queue one task's Office.js commands. */
function voerTaakUit(o: ExcelObjecten, t: SchrijfTaak): void {
  switch (t.soort) {
    case "blad":
      return o.voegBladToe(t.blad);
    case "tabel":
      return tabel(o, t);
    case "invoercel":
      return invoercel(o, t);
    case "cellen":
      return cellen(o, t);
    case "totaal":
      return totaal(o, t);
    case "grafiek":
      return grafiek(o, t);
    case "breedtes":
      return breedtes(o, t);
    case "controle":
      return controle(o, t);
    case "afdruk":
      return zetAfdruk(o.werkblad(t.blad), t);
  }
}

/**
 * Runs the tasks: sync before a task that would push the batch over `grens.cellen` cells or `grens.bytes` bytes of
 * request (a first task larger than a cap goes alone), then the final sync.
 */
export async function voerUit(
  context: Excel.RequestContext,
  taken: readonly SchrijfTaak[],
  objecten: ExcelObjecten,
  grens: Grenzen,
  meld: (fractie: number, tekst: string) => void,
): Promise<void> {
  const totaal = taken.reduce((n, t) => n + t.cellen, 0);
  let inBatch = 0;
  let bytesInBatch = 0;
  let geschreven = 0;
  meld(0.2, "Schrijven");
  for (const t of taken) {
    const bytes = taakBytes(t);
    const vol =
      (inBatch > 0 && inBatch + t.cellen > grens.cellen) ||
      (bytesInBatch > 0 && bytesInBatch + bytes > grens.bytes);
    if (vol) {
      await context.sync();
      inBatch = 0;
      bytesInBatch = 0;
      meld(0.2 + (0.75 * geschreven) / Math.max(1, totaal), `Schrijven (${geschreven} van ${totaal} cellen)`);
    }
    voerTaakUit(objecten, t);
    inBatch += t.cellen;
    bytesInBatch += bytes;
    geschreven += t.cellen;
  }
  meld(0.95, "Opslaan");
  await context.sync();
  meld(1, "Klaar");
}
