/**
 * The Office.js writer's read step: what the workbook holds that the plan cares about, in at most two round trips,
 * independent of the number of gemeenten or rows:
 *  1. the names of the worksheets, tables and workbook-scoped defined names;
 *  2. all in one batch: every table's sheet and position (overlap check); for existing plan tables the header, the
 *     body's values/formulas/number formats and the cells around them (never grow over user cells); for plan tables
 *     without a table object on an existing sheet the region at the plan's start (a table converted to a range is
 *     found by its header row); the cells behind named input cells; the plan's block ranges (change report);
 *     existing Opgave charts; per existing plan sheet its conditional formats, frozen panes and print area (what a
 *     refill must keep of the user's). Skipped when there is nothing to read (first fill).
 * The result is plain data (`WerkmapStaat`, for ./officeBeslissing) plus the Office.js objects the write step
 * needs again (`ExcelObjecten`: sheets, table objects, charts).
 */
import { adres, bereik } from "./a1";
import { grafiekNaam } from "./indeling";
import { kanAfdrukInstellen } from "./officeAfdruk";
import type { BladPlan, WerkboekPlan } from "./plan";
import {
  matrix,
  planSleutel,
  sleutel,
  type ExcelTabelStaat,
  type GelezenBereik,
  type NaamCelStaat,
  type WerkmapStaat,
} from "./officeBeslissing";

/** The Office.js objects the write step uses: sheets by name (case-insensitive), tables and charts as loaded. */
export class ExcelObjecten {
  private readonly werkbladen = new Map<string, Excel.Worksheet>();
  /** Table objects by their name in the workbook. */
  readonly tabellen = new Map<string, Excel.Table>();
  /** Existing plan charts by `planSleutel`. */
  readonly grafieken = new Map<string, Excel.Chart>();
  /** Conditional formats of existing plan sheets (by `sleutel(sheet)`), as loaded. */
  readonly opmaak = new Map<string, Excel.ConditionalFormat[]>();

  constructor(
    readonly wb: Excel.Workbook,
    private readonly bladNamen: ReadonlyMap<string, string>,
  ) {}

  werkblad(naam: string): Excel.Worksheet {
    const s = sleutel(naam);
    let w = this.werkbladen.get(s);
    if (!w) {
      w = this.wb.worksheets.getItem(this.bladNamen.get(s) ?? naam);
      this.werkbladen.set(s, w);
    }
    return w;
  }

  bestaatBlad(naam: string): boolean {
    return this.bladNamen.has(sleutel(naam));
  }

  voegBladToe(naam: string): void {
    this.werkbladen.set(sleutel(naam), this.wb.worksheets.add(naam));
  }
}

function gelezen(r: Excel.Range, metFormules = false): GelezenBereik {
  return {
    rijIndex: r.rowIndex,
    kolomIndex: r.columnIndex,
    waarden: matrix(r.values),
    ...(metFormules ? { formules: matrix(r.formulas), notaties: matrix(r.numberFormat) } : {}),
  };
}

/** A table object as loaded in sync 2, read into plain data after it. */
type Tabel = () => ExcelTabelStaat;

/** Queue the loads of every table (and, for a plan table, its content and surroundings). */
function laadTabellen(tabellen: Excel.TableCollection, plan: WerkboekPlan, objecten: ExcelObjecten): Tabel[] {
  const planTabellen = new Map(
    plan.bladen.flatMap((b) => b.tabellen.map((t) => [sleutel(t.naam), t] as const)),
  );
  return tabellen.items.map((t) => {
    const werkblad = t.worksheet;
    werkblad.load("name");
    t.load("name,showTotals");
    const r = t.getRange().load("rowIndex,columnIndex,rowCount,columnCount");
    objecten.tabellen.set(t.name, t);
    const tp = planTabellen.get(sleutel(t.name));
    const kop = tp ? t.getHeaderRowRange().load("values") : undefined;
    const lijf = tp ? t.getDataBodyRange().load("values,formulas,numberFormat") : undefined;
    // Merged size ≤ old size + plan rows (+ totals row), old width + plan columns: load that much around it.
    const omgeving = tp
      ? t
          .getRange()
          .getResizedRange(tp.rijen.length + 2, tp.kolommen.length)
          .load("values,rowIndex,columnIndex")
      : undefined;
    return () => ({
      naam: t.name,
      blad: werkblad.name,
      rechthoek: {
        rij: r.rowIndex + 1,
        kolom: r.columnIndex + 1,
        rijen: r.rowCount,
        kolommen: r.columnCount,
      },
      showTotals: t.showTotals === true,
      ...(kop && lijf && omgeving
        ? {
            inhoud: {
              koppen: matrix(kop.values)[0] ?? [],
              lijf: {
                waarden: matrix(lijf.values),
                formules: matrix(lijf.formulas),
                notaties: matrix(lijf.numberFormat),
              },
              omgeving: gelezen(omgeving),
            },
          }
        : {}),
    });
  });
}

/** Queued loads of the plan's sheets, and how to read each into `WerkmapStaat` after the sync. */
interface Ladingen {
  aantal: number;
  readonly gebieden: Map<string, { regio: Excel.Range; omgeving: Excel.Range }>;
  readonly naamCellen: Map<string, Excel.Range>;
  readonly planCellen: Map<string, Excel.Range>;
  readonly blokken: Map<string, Excel.Range>;
  /** Per existing plan sheet with guard rails: its conditional formats and its frozen-pane location. */
  readonly controles: Map<string, { opmaak?: Excel.ConditionalFormatCollection; bevroren?: Excel.Range }>;
  /** Per existing plan sheet its print area (ExcelApi 1.9, only where the host has it). */
  readonly afdrukGebieden: Map<string, Excel.RangeAreas>;
}

/** Queue the loads for the plan's input cells, tables without a table object, blocks and charts. */
function laadPlanBladen(
  plan: WerkboekPlan,
  objecten: ExcelObjecten,
  namen: ReadonlyMap<string, string>,
  tabelNamen: ReadonlySet<string>,
): Ladingen {
  const l: Ladingen = {
    aantal: 0,
    gebieden: new Map(),
    naamCellen: new Map(),
    planCellen: new Map(),
    blokken: new Map(),
    controles: new Map(),
    afdrukGebieden: new Map(),
  };
  const afdruk = kanAfdrukInstellen();
  for (const blad of plan.bladen) {
    const bestaat = objecten.bestaatBlad(blad.naam);
    for (const ic of blad.invoercellen) {
      const bestaand = namen.get(sleutel(ic.naam));
      if (bestaand !== undefined) {
        const r = objecten.wb.names.getItem(bestaand).getRangeOrNullObject();
        r.load("address,values,formulas,numberFormat,rowCount,columnCount");
        l.naamCellen.set(ic.naam, r);
        l.aantal++;
      }
      if (bestaat) {
        const cel = objecten.werkblad(blad.naam).getRange(adres(ic.positie)).load("values,numberFormat");
        l.planCellen.set(ic.naam, cel);
        l.aantal++;
      }
    }
    if (!bestaat) continue;
    for (const tp of blad.tabellen) {
      if (tabelNamen.has(sleutel(tp.naam))) continue;
      const regio = objecten
        .werkblad(blad.naam)
        .getRange(adres(tp.start))
        .getSurroundingRegion()
        .load("values,formulas,numberFormat,rowIndex,columnIndex,rowCount,columnCount");
      const omgeving = regio
        .getResizedRange(tp.rijen.length + 2, tp.kolommen.length)
        .load("values,rowIndex,columnIndex");
      l.gebieden.set(tp.naam, { regio, omgeving });
      l.aantal++;
    }
    blad.blokken.forEach((blok, b) => {
      const kolommen = Math.max(0, ...blok.cellen.map((r) => r.length));
      if (blok.cellen.length === 0 || kolommen === 0) return;
      const r = objecten
        .werkblad(blad.naam)
        .getRange(bereik(blok.start, blok.cellen.length, kolommen))
        .load("values,numberFormat");
      l.blokken.set(planSleutel(blad.naam, b), r);
      l.aantal++;
    });
    laadControle(blad, objecten, l);
    if (afdruk) {
      const g = objecten.werkblad(blad.naam).pageLayout.getPrintAreaOrNullObject().load("address");
      l.afdrukGebieden.set(sleutel(blad.naam), g);
      l.aantal++;
    }
    blad.grafieken.forEach((g, i) => {
      const c = objecten.werkblad(blad.naam).charts.getItemOrNullObject(grafiekNaam(g, i));
      c.load("name");
      objecten.grafieken.set(planSleutel(blad.naam, i), c);
      l.aantal++;
    });
  }
  return l;
}

/** What a refill of the guard rails needs: the sheet's conditional formats (to replace Opgave's own), its panes. */
function laadControle(blad: BladPlan, objecten: ExcelObjecten, l: Ladingen): void {
  const ws = objecten.werkblad(blad.naam);
  const c: { opmaak?: Excel.ConditionalFormatCollection; bevroren?: Excel.Range } = {};
  if (blad.tabellen.some((t) => (t.opmaak ?? []).length > 0)) {
    c.opmaak = ws.getRange().conditionalFormats.load("items/type,items/customOrNullObject/rule/formula");
  }
  if (blad.bevries) c.bevroren = ws.freezePanes.getLocationOrNullObject().load("address");
  if (c.opmaak || c.bevroren) {
    l.controles.set(sleutel(blad.naam), c);
    l.aantal++;
  }
}

function naamCelStaat(r: Excel.Range): NaamCelStaat {
  if (r.isNullObject) return { bestaat: false };
  return {
    bestaat: true,
    adres: r.address,
    rijen: r.rowCount,
    kolommen: r.columnCount,
    waarde: matrix(r.values)[0]?.[0],
    formule: matrix(r.formulas)[0]?.[0],
    notatie: matrix(r.numberFormat)[0]?.[0],
  };
}

function controleStaat(
  l: Ladingen,
  objecten: ExcelObjecten,
): Pick<WerkmapStaat, "opmaak" | "bevroren" | "afdruk"> {
  const opmaak = new Map<string, string[]>();
  const bevroren = new Set<string>();
  for (const [blad, c] of l.controles) {
    if (c.opmaak) {
      objecten.opmaak.set(blad, c.opmaak.items);
      opmaak.set(
        blad,
        c.opmaak.items.map((f) =>
          f.customOrNullObject.isNullObject ? "" : f.customOrNullObject.rule.formula,
        ),
      );
    }
    if (c.bevroren && !c.bevroren.isNullObject) bevroren.add(blad);
  }
  const gebieden = new Map<string, string>();
  for (const [blad, g] of l.afdrukGebieden) if (!g.isNullObject) gebieden.set(blad, g.address);
  return { opmaak, bevroren, afdruk: { kan: kanAfdrukInstellen(), gebieden } };
}

/** Reads what the plan needs from the workbook (syncs 1 and 2). */
export async function leesWerkmap(
  context: Excel.RequestContext,
  plan: WerkboekPlan,
  meld: (fractie: number, tekst: string) => void,
): Promise<{ staat: WerkmapStaat; objecten: ExcelObjecten }> {
  const wb = context.workbook;
  meld(0, "Werkmap lezen");
  const bladenCol = wb.worksheets.load("items/name");
  const tabellenCol = wb.tables.load("items/name");
  const namenCol = wb.names.load("items/name");
  await context.sync();
  const bladNamen = new Map(bladenCol.items.map((b) => [sleutel(b.name), b.name]));
  const tabelNamen = new Set(tabellenCol.items.map((t) => sleutel(t.name)));
  const namen = new Map(namenCol.items.map((n) => [sleutel(n.name), n.name]));
  const objecten = new ExcelObjecten(wb, bladNamen);

  meld(0.1, "Bestaande tabellen en invoer lezen");
  const tabellen = laadTabellen(tabellenCol, plan, objecten);
  const l = laadPlanBladen(plan, objecten, namen, tabelNamen);
  if (tabellen.length + l.aantal > 0) await context.sync();

  const staat: WerkmapStaat = {
    bladen: bladenCol.items.map((b) => b.name),
    namen: namenCol.items.map((n) => n.name),
    tabellen: tabellen.map((t) => t()),
    gebieden: new Map(
      [...l.gebieden].map(([naam, g]) => [
        naam,
        { regio: gelezen(g.regio, true), omgeving: gelezen(g.omgeving) },
      ]),
    ),
    naamCellen: new Map([...l.naamCellen].map(([naam, r]) => [naam, naamCelStaat(r)])),
    planCellen: new Map([...l.planCellen].map(([naam, r]) => [naam, matrix(r.values)[0]?.[0]])),
    planNotaties: new Map([...l.planCellen].map(([naam, r]) => [naam, matrix(r.numberFormat)[0]?.[0]])),
    blokken: new Map([...l.blokken].map(([k, r]) => [k, matrix(r.values)])),
    blokNotaties: new Map([...l.blokken].map(([k, r]) => [k, matrix(r.numberFormat)])),
    grafieken: new Set([...objecten.grafieken].filter(([, c]) => !c.isNullObject).map(([k]) => k)),
    ...controleStaat(l, objecten),
  };
  return { staat, objecten };
}
