/**
 * The Office.js writer's read step: what the workbook holds that the plan cares about, in a few round trips
 * independent of the number of gemeenten or rows:
 *  1. the names of the worksheets, tables and workbook-scoped defined names;
 *  2. all in one batch: every table's sheet and position (overlap check); for existing plan tables the header, the
 *     body's values/formulas/number formats and the cells around them (never grow over user cells); for plan tables
 *     without a table object on an existing sheet the region at the plan's start (a table converted to a range is
 *     found by its header row); the plan's input cells and where their defined names point; the plan's block
 *     ranges (change report); existing Opgave charts; per existing plan sheet its conditional formats, frozen panes
 *     and print area (what a refill must keep of the user's). Skipped when there is nothing to read (first fill);
 *  3. only when the defined name of an input cell points at a single cell other than its plan cell: that cell;
 *  4. on a refill where the plan validates cells of an existing sheet (ExcelApi 1.9): the rule and titles of each
 *     column of its validated cells (`leesRegelsVanGebruiker`; more only where a column's cells have different rules).
 * Bounded reads: Excel on the web refuses a response over 5 MB (ResponsePayloadSizeLimitExceeded) and every
 * platform a read of more than 5 million cells. So a defined name is read as its address and size only (it may
 * point at a whole column), and the cells of a table, its surroundings and a region are read within a window of
 * the plan's size plus `LEES_RIJEN_EXTRA` rows and `LEES_KOLOMMEN_EXTRA` columns (`Range.getIntersection`); a plan
 * table larger than that is reported and not written (`afgekapt`).
 * The result is plain data (`WerkmapStaat`, for ./officeBeslissing) plus the Office.js objects the write step
 * needs again (`ExcelObjecten`: sheets, table objects, charts).
 */
import { adres, bereik, leesCelVerwijzing, rechthoekBereik, rechthoekVanAdres, type Rechthoek } from "./a1";
import { grafiekNaam } from "./indeling";
import { kanAfdrukInstellen } from "./officeAfdruk";
import { eenduidigeValidaties, kanGebiedenLezen } from "./officeFormules";
import type { BladPlan, TabelPlan, WerkboekPlan } from "./plan";
import { planValidaties } from "./invoercontrole";
import {
  isEigenRegel,
  matrix,
  planSleutel,
  sleutel,
  type ExcelTabelStaat,
  type GelezenBereik,
  type NaamCelStaat,
  type WerkmapStaat,
} from "./officeBeslissing";
import { verschuivingGebied } from "./samenvoegen";

/** Rows beyond the plan's (orphans, the user's rows) that one read of a table or region covers. */
export const LEES_RIJEN_EXTRA = 1_000;
/** Columns beyond the plan's (the user's own columns) that one read of a table or region covers. */
export const LEES_KOLOMMEN_EXTRA = 50;

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

/**
 * How far one read of a plan table reaches: rows and columns of the table itself (`tabel`) beyond which it counts as
 * too large, and of the window read from its top-left cell (`venster`: the table plus the room it may grow by).
 */
function leesVenster(tp: TabelPlan): {
  tabel: { rijen: number; kolommen: number };
  venster: { rijen: number; kolommen: number };
} {
  const rijen = tp.rijen.length + 2 + LEES_RIJEN_EXTRA;
  const kolommen = tp.kolommen.length + LEES_KOLOMMEN_EXTRA;
  return {
    tabel: { rijen, kolommen },
    venster: { rijen: rijen + tp.rijen.length + 2, kolommen: kolommen + tp.kolommen.length },
  };
}

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
    const grens = tp ? leesVenster(tp) : undefined;
    // Everything read of a plan table lies within a window from its top-left cell (bounded responses).
    const venster = grens
      ? t
          .getRange()
          .getCell(0, 0)
          .getResizedRange(grens.venster.rijen - 1, grens.venster.kolommen - 1)
      : undefined;
    const kop = venster ? t.getHeaderRowRange().getIntersection(venster).load("values") : undefined;
    const lijf = venster
      ? t.getDataBodyRange().getIntersection(venster).load("values,formulas,numberFormat")
      : undefined;
    // Merged size ≤ old size + plan rows (+ totals row), old width + plan columns: load that much around it.
    const omgeving =
      tp && venster
        ? t
            .getRange()
            .getResizedRange(tp.rijen.length + 2, tp.kolommen.length)
            .getIntersection(venster)
            // Formulas too: the user's cells on the totals row below the table go with it (./officeBeslissing).
            .load("values,formulas,rowIndex,columnIndex")
        : undefined;
    return () => {
      const afgekapt = !!grens && (r.rowCount > grens.tabel.rijen || r.columnCount > grens.tabel.kolommen);
      return {
        naam: t.name,
        blad: werkblad.name,
        rechthoek: {
          rij: r.rowIndex + 1,
          kolom: r.columnIndex + 1,
          rijen: r.rowCount,
          kolommen: r.columnCount,
        },
        showTotals: t.showTotals === true,
        ...(afgekapt ? { afgekapt } : {}),
        ...(kop && lijf && omgeving && !afgekapt
          ? {
              inhoud: {
                koppen: matrix(kop.values)[0] ?? [],
                lijf: {
                  waarden: matrix(lijf.values),
                  formules: matrix(lijf.formulas),
                  notaties: matrix(lijf.numberFormat),
                },
                omgeving: { ...gelezen(omgeving), formules: matrix(omgeving.formulas) },
              },
            }
          : {}),
      };
    };
  });
}

/** Queued loads of the plan's sheets, and how to read each into `WerkmapStaat` after the sync. */
interface Ladingen {
  aantal: number;
  /** Per plan table without a table object: the whole region (its size only), the part read, around it. */
  readonly gebieden: Map<string, { heel: Excel.Range; regio: Excel.Range; omgeving: Excel.Range }>;
  /** Per plan input cell with a defined name: where the name points (its workbook spelling, the plan's cell). */
  readonly naamCellen: Map<string, { bereik: Excel.Range; naam: string; blad: string; cel: string }>;
  readonly planCellen: Map<string, Excel.Range>;
  readonly blokken: Map<string, Excel.Range>;
  /** Per existing plan sheet with texts outside its tables: the values over `verschuivingGebied`. */
  readonly bladWaarden: Map<string, Excel.Range>;
  /**
   * Per existing plan sheet with guard rails: its conditional formats, its frozen-pane location, and (where the plan
   * validates cells there, ExcelApi 1.9) its validated cells.
   */
  readonly controles: Map<string, Controle>;
  /** Per existing plan sheet its print area and title rows (ExcelApi 1.9, only where the host has it). */
  readonly afdrukGebieden: Map<string, Excel.RangeAreas>;
  readonly afdrukTitels: Map<string, Excel.Range>;
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
    bladWaarden: new Map(),
    controles: new Map(),
    afdrukGebieden: new Map(),
    afdrukTitels: new Map(),
  };
  const afdruk = kanAfdrukInstellen();
  for (const blad of plan.bladen) {
    const bestaat = objecten.bestaatBlad(blad.naam);
    for (const ic of blad.invoercellen) {
      const bestaand = namen.get(sleutel(ic.naam));
      if (bestaand !== undefined) {
        // Where the name points and how large that is, never its cells: it may be a whole column.
        const r = objecten.wb.names.getItem(bestaand).getRangeOrNullObject();
        r.load("address,rowCount,columnCount");
        l.naamCellen.set(ic.naam, { bereik: r, naam: bestaand, blad: blad.naam, cel: adres(ic.positie) });
        l.aantal++;
      }
      if (bestaat) {
        const cel = objecten
          .werkblad(blad.naam)
          .getRange(adres(ic.positie))
          .load("values,formulas,numberFormat");
        l.planCellen.set(ic.naam, cel);
        l.aantal++;
      }
    }
    if (!bestaat) continue;
    for (const tp of blad.tabellen) {
      if (tabelNamen.has(sleutel(tp.naam))) continue;
      // The region may be anything the user put there: read it from the plan's start, within a window.
      const ws = objecten.werkblad(blad.naam);
      const grens = leesVenster(tp).tabel;
      const heel = ws
        .getRange(adres(tp.start))
        .getSurroundingRegion()
        .load("rowIndex,columnIndex,rowCount,columnCount");
      const regio = heel
        .getIntersection(ws.getRange(bereik(tp.start, grens.rijen, grens.kolommen)))
        .load("values,formulas,numberFormat,rowIndex,columnIndex,rowCount,columnCount");
      const omgeving = regio
        .getResizedRange(tp.rijen.length + 2, tp.kolommen.length)
        .load("values,rowIndex,columnIndex");
      l.gebieden.set(tp.naam, { heel, regio, omgeving });
      l.aantal++;
    }
    const gebied = verschuivingGebied(blad);
    if (gebied) {
      l.bladWaarden.set(
        sleutel(blad.naam),
        objecten.werkblad(blad.naam).getRange(rechthoekBereik(gebied)).load("values"),
      );
      l.aantal++;
    }
    blad.blokken.forEach((blok, b) => {
      const kolommen = Math.max(0, ...blok.cellen.map((r) => r.length));
      if (blok.cellen.length === 0 || kolommen === 0) return;
      const r = objecten
        .werkblad(blad.naam)
        .getRange(bereik(blok.start, blok.cellen.length, kolommen))
        .load("values,numberFormat,formulas");
      l.blokken.set(planSleutel(blad.naam, b), r);
      l.aantal++;
    });
    laadControle(blad, objecten, l);
    if (afdruk) {
      const pagina = objecten.werkblad(blad.naam).pageLayout;
      l.afdrukGebieden.set(sleutel(blad.naam), pagina.getPrintAreaOrNullObject().load("address"));
      l.afdrukTitels.set(sleutel(blad.naam), pagina.getPrintTitleRowsOrNullObject().load("address"));
      l.aantal += 2;
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

/** What is read of an existing plan sheet for its guard rails (`laadControle`). */
interface Controle {
  opmaak?: Excel.ConditionalFormatCollection;
  bevroren?: Excel.Range;
  gevalideerd?: Excel.RangeAreas;
}

/**
 * What a refill of the guard rails needs: the sheet's conditional formats (to replace Opgave's own), its panes, its
 * validated cells (a rule of the user's there stays: `regelsVanGebruiker`).
 */
function laadControle(blad: BladPlan, objecten: ExcelObjecten, l: Ladingen): void {
  const ws = objecten.werkblad(blad.naam);
  const c: Controle = {};
  if (blad.tabellen.some((t) => (t.opmaak ?? []).length > 0)) {
    c.opmaak = ws.getRange().conditionalFormats.load("items/type,items/customOrNullObject/rule/formula");
  }
  if (blad.bevries) c.bevroren = ws.freezePanes.getLocationOrNullObject().load("address");
  if (planValidaties(blad).length > 0 && kanGebiedenLezen())
    c.gevalideerd = ws.getRange().getSpecialCellsOrNullObject("DataValidations").load("areas/items/address");
  if (c.opmaak || c.bevroren || c.gevalideerd) {
    l.controles.set(sleutel(blad.naam), c);
    l.aantal++;
  }
}

/** A loaded single cell's value, formula and number format. */
interface CelInhoud {
  readonly waarde: unknown;
  readonly formule: unknown;
  readonly notatie: unknown;
}

function celInhoud(r: Excel.Range): CelInhoud {
  return {
    waarde: matrix(r.values)[0]?.[0],
    formule: matrix(r.formulas)[0]?.[0],
    notatie: matrix(r.numberFormat)[0]?.[0],
  };
}

/**
 * Where the defined names of input cells point (after sync 2), and what the cells hold: a name on its plan cell
 * takes the plan cell as read; a name on another single cell has that cell read in one more sync (3); a name on
 * more than one cell (a whole column, say) is never read.
 */
async function leesNaamCellen(
  context: Excel.RequestContext,
  l: Ladingen,
): Promise<Map<string, NaamCelStaat>> {
  const elders = new Map<string, Excel.Range>();
  for (const [naam, n] of l.naamCellen) {
    const r = n.bereik;
    if (r.isNullObject || r.rowCount !== 1 || r.columnCount !== 1) continue;
    const a = leesCelVerwijzing(r.address);
    const opPlanCel = !!a && sleutel(a.blad) === sleutel(n.blad) && a.cel === n.cel && l.planCellen.has(naam);
    if (!opPlanCel) {
      elders.set(
        naam,
        context.workbook.names.getItem(n.naam).getRange().load("values,formulas,numberFormat"),
      );
    }
  }
  if (elders.size > 0) await context.sync();
  const uit = new Map<string, NaamCelStaat>();
  for (const [naam, { bereik: r }] of l.naamCellen) {
    if (r.isNullObject) {
      uit.set(naam, { bestaat: false });
      continue;
    }
    const cel =
      elders.get(naam) ?? (r.rowCount === 1 && r.columnCount === 1 ? l.planCellen.get(naam) : undefined);
    const inhoud: CelInhoud = cel
      ? celInhoud(cel)
      : { waarde: undefined, formule: undefined, notatie: undefined };
    uit.set(naam, { bestaat: true, adres: r.address, rijen: r.rowCount, kolommen: r.columnCount, ...inhoud });
  }
  return uit;
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
  const titels = new Map<string, string>();
  for (const [blad, t] of l.afdrukTitels) if (!t.isNullObject) titels.set(blad, t.address);
  return { opmaak, bevroren, afdruk: { kan: kanAfdrukInstellen(), gebieden, titels } };
}

/** Whether the whole range `heel` reaches below or right of the part `deel` that was read. */
function voorbij(heel: Excel.Range, deel: Excel.Range): boolean {
  return (
    heel.rowIndex + heel.rowCount > deel.rowIndex + deel.rowCount ||
    heel.columnIndex + heel.columnCount > deel.columnIndex + deel.columnCount
  );
}

/** Reads what the plan needs from the workbook (syncs 1 and 2, rarely 3). */
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
  const naamCellen = await leesNaamCellen(context, l);
  const regelsVanGebruiker = await leesRegelsVanGebruiker(context, plan, l, objecten);

  const staat: WerkmapStaat = {
    bladen: bladenCol.items.map((b) => b.name),
    namen: namenCol.items.map((n) => n.name),
    tabellen: tabellen.map((t) => t()),
    gebieden: new Map(
      [...l.gebieden].map(([naam, g]) => [
        naam,
        {
          regio: gelezen(g.regio, true),
          omgeving: gelezen(g.omgeving),
          ...(voorbij(g.heel, g.regio) ? { afgekapt: true } : {}),
        },
      ]),
    ),
    naamCellen,
    planCellen: new Map([...l.planCellen].map(([naam, r]) => [naam, matrix(r.values)[0]?.[0]])),
    planNotaties: new Map([...l.planCellen].map(([naam, r]) => [naam, matrix(r.numberFormat)[0]?.[0]])),
    blokken: new Map([...l.blokken].map(([k, r]) => [k, matrix(r.values)])),
    blokNotaties: new Map([...l.blokken].map(([k, r]) => [k, matrix(r.numberFormat)])),
    blokFormules: new Map([...l.blokken].map(([k, r]) => [k, matrix(r.formulas)])),
    bladWaarden: new Map([...l.bladWaarden].map(([k, r]) => [k, matrix(r.values)])),
    grafieken: new Set([...objecten.grafieken].filter(([, c]) => !c.isNullObject).map(([k]) => k)),
    ...controleStaat(l, objecten),
    regelsVanGebruiker,
  };
  return { staat, objecten };
}

/** Widest area split into its columns before its rule is asked (wider: halved as it comes). */
const KOLOMMEN_APART = 100;

/**
 * An area of validated cells as one piece per column: Excel joins the validated cells of neighbouring columns into
 * one area, and Opgave's rules go by column, so each column has one rule and is asked once (halving the area would
 * take a round trip a level).
 */
function kolomStukken(r: Rechthoek | undefined): Rechthoek[] {
  if (!r) return [];
  if (r.kolommen === 1 || r.kolommen > KOLOMMEN_APART) return [r];
  return Array.from({ length: r.kolommen }, (_, j) => ({ ...r, kolom: r.kolom + j, kolommen: 1 }));
}

/**
 * The cells of Opgave's sheets whose validation is the user's (by sheet key): each area of validated cells asked for
 * its rule and titles (`eenduidigeValidaties`: one round trip, more only where an area's cells differ), and kept
 * where it is not one of the plan's for that sheet (`isEigenRegel`) — the user's own, or one of Opgave's whose rule
 * the user changed in Excel's dialog (which keeps the titles). Opgave writes its validations around them.
 */
async function leesRegelsVanGebruiker(
  context: Excel.RequestContext,
  plan: WerkboekPlan,
  l: Ladingen,
  objecten: ExcelObjecten,
): Promise<Map<string, Rechthoek[]>> {
  const stukken = plan.bladen.flatMap((blad) => {
    const gevalideerd = l.controles.get(sleutel(blad.naam))?.gevalideerd;
    if (!gevalideerd || gevalideerd.isNullObject) return [];
    const eigen = planValidaties(blad);
    const ws = objecten.werkblad(blad.naam);
    return gevalideerd.areas.items.flatMap((a) =>
      kolomStukken(rechthoekVanAdres(a.address)).map((r) => ({
        sleutel: sleutel(blad.naam),
        blad: ws,
        r,
        eigen,
      })),
    );
  });
  const uit = new Map<string, Rechthoek[]>();
  if (stukken.length === 0) return uit;
  for (const s of await eenduidigeValidaties(context, stukken, "type,rule,prompt,errorAlert")) {
    if (isEigenRegel(s.validatie, s.eigen)) continue;
    uit.set(s.sleutel, [...(uit.get(s.sleutel) ?? []), s.r]);
  }
  return uit;
}
