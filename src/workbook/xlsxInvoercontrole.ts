/**
 * The guard rails of ./invoercontrole applied to an exceljs sheet: data validations (Dutch prompt and error, style
 * "stop"), conditional formats (Opgave's own replaced, the user's kept), hidden columns, frozen panes (only where
 * the sheet has none: the user's choice stays). Browser-safe (exceljs only).
 *
 * What it replaces of Opgave's own is returned by name, as ./xlsxOnderdelen names it, so the writer does not report
 * it as lost (a table that grew has its format over a larger range: the old one is not "lost").
 */
import type ExcelJS from "exceljs";
import { adres, decodeerBereik, kolomLetters, rechthoekBereik, type Rechthoek } from "./a1";
import {
  eigenOpmaakVan,
  isEigenValidatie,
  OPMAAK_KLEUREN,
  type GelezenValidatie,
  type Invoercontrole,
  type OpmaakOpdracht,
} from "./invoercontrole";
import type { Validatie } from "./plan";

/** Opgave's own parts a rewrite replaced: conditional formats by name, validated cells as "Blad!F8". */
export interface EigenOnderdelen {
  readonly opmaak: Set<string>;
  readonly validatieCellen: Set<string>;
}

export function nieuweEigenOnderdelen(): EigenOnderdelen {
  return { opmaak: new Set(), validatieCellen: new Set() };
}

function excelValidatie(v: Validatie): ExcelJS.DataValidation {
  const berichten = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: v.titel,
    prompt: v.invoer,
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: v.titel,
    error: v.fout,
  };
  if (v.soort === "lijst")
    return { type: "list", formulae: [(v.lijst ?? "").replace(/^=/, "")], ...berichten };
  const type = v.soort === "geheel" ? "whole" : "decimal";
  return v.max === undefined
    ? { type, operator: "greaterThanOrEqual", formulae: [v.min ?? 0], ...berichten }
    : { type, operator: "between", formulae: [v.min ?? 0, v.max], ...berichten };
}

/** An exceljs validation in Opgave's terms (`isEigenValidatie`). */
function gelezen(was: Partial<ExcelJS.DataValidation>): GelezenValidatie {
  const soorten: Record<string, GelezenValidatie["soort"]> = {
    list: "lijst",
    whole: "geheel",
    decimal: "decimaal",
  };
  const operatoren: Record<string, GelezenValidatie["operator"]> = {
    greaterThanOrEqual: "vanaf",
    between: "tussen",
  };
  return {
    titels: [was.promptTitle, was.errorTitle],
    soort: soorten[was.type ?? ""] ?? "anders",
    operator: operatoren[was.operator ?? "between"] ?? "anders",
    grenzen: was.formulae ?? [],
  };
}

/** Every cell of an A1 range ("F8:F25") as "F8", … */
function cellenVan(ref: string): string[] {
  const d = decodeerBereik(ref);
  if (!d) return [];
  const uit: string[] = [];
  for (let r = d.rij1; r <= d.rij2; r++)
    for (let k = d.kol1; k <= d.kol2; k++) uit.push(`${kolomLetters(k)}${r}`);
  return uit;
}

type ExcelRegel = {
  type?: string;
  formulae?: unknown[];
  style?: Partial<ExcelJS.Style>;
  priority?: number;
};

/**
 * The priority after every rule in `opmaak` (1 when there is none). Each rule of a sheet needs one of its own (Excel
 * writes them so): of two rules with the same priority Excel may apply only one, and its rules dialog can mix them up
 * (editing one edits the other). exceljs numbers a rule without one from the highest given, not after it, so on a
 * refill the first of Opgave's rules got the priority of a rule of the user's.
 */
function prioriteitNa(opmaak: readonly { rules: readonly ExcelRegel[] }[]): number {
  let hoogste = 0;
  for (const cf of opmaak)
    for (const r of cf.rules)
      if (typeof r.priority === "number" && r.priority > hoogste) hoogste = r.priority;
  return hoogste + 1;
}

/** The format Opgave gives its conditional format of `stijl`. */
function opmaakStijl(stijl: OpmaakOpdracht["stijl"]): Partial<ExcelJS.Style> {
  const kleur = OPMAAK_KLEUREN[stijl];
  return {
    fill: { type: "pattern", pattern: "solid", bgColor: { argb: `FF${kleur.vulling}` } },
    font: { color: { argb: `FF${kleur.tekst}` } },
  };
}

/** A style as it is compared: without the empty parts exceljs reads (`alignment: null`, …). */
function stijlSleutel(stijl: unknown): string {
  return JSON.stringify(stijl, (_, w: unknown) => (w === null ? undefined : w));
}

/**
 * Opgave's conditional formats on the sheet; the user's stay, their ranges through `volg` (one over a table's
 * rows follows the table). One of Opgave's that the user gave another format (a colour of their own) is written
 * again with that format: the rule is Opgave's, its look the user's (before, it went back to Opgave's colours
 * without a word). Returns the user's ranges as they were.
 */
function zetOpmaak(
  ws: ExcelJS.Worksheet,
  c: Invoercontrole,
  eigen: EigenOnderdelen,
  volg: (ref: string) => string,
): string[] {
  // exceljs keeps them in `conditionalFormattings` (not in its typings).
  const model = ws as unknown as { conditionalFormattings?: { ref: string; rules: ExcelRegel[] }[] };
  const bestaand = model.conditionalFormattings ?? [];
  const blijft: typeof bestaand = [];
  const vormVanGebruiker = new Map<OpmaakOpdracht, Partial<ExcelJS.Style>>();
  const plaatsWas = new Map<OpmaakOpdracht, number>();
  for (const cf of bestaand) {
    // A rule of the user's can share a range's element with Opgave's (openpyxl puts rules on one range together):
    // Opgave's rules go (a format of the user's on one kept), the user's stay.
    const vanGebruiker: ExcelRegel[] = [];
    for (const r of cf.rules) {
      const o =
        r.type === "expression" ? eigenOpmaakVan(cf.ref, String(r.formulae?.[0] ?? ""), c.opmaak) : undefined;
      if (!o) vanGebruiker.push(r);
      else if (r.style && stijlSleutel(r.style) !== stijlSleutel(opmaakStijl(o.stijl)))
        vormVanGebruiker.set(o, r.style);
      if (o && typeof r.priority === "number") plaatsWas.set(o, r.priority);
    }
    if (vanGebruiker.length === 0) eigen.opmaak.add(`voorwaardelijke opmaak op ${ws.name}!${cf.ref}`);
    else blijft.push(vanGebruiker.length === cf.rules.length ? cf : { ...cf, rules: vanGebruiker });
  }
  const vanGebruiker = blijft.map((cf) => cf.ref);
  const volgorde = opmaakVolgorde(blijft, c.opmaak, plaatsWas);
  model.conditionalFormattings = blijft.map((cf) => ({
    ...cf,
    ref: volg(cf.ref),
    rules: cf.rules.map((r) => ({ ...r, priority: volgorde.get(r) ?? r.priority })),
  }));
  for (const o of c.opmaak) {
    ws.addConditionalFormatting({
      ref: o.bereik,
      rules: [
        {
          type: "expression",
          formulae: [o.formule.replace(/^=/, "")],
          style: vormVanGebruiker.get(o) ?? opmaakStijl(o.stijl),
          priority: volgorde.get(o),
        } as ExcelJS.ConditionalFormattingRule,
      ],
    });
  }
  return vanGebruiker;
}

/**
 * The priority of each rule of the sheet after a refill, 1, 2, …: the user's rules in the order they gave them, and
 * each of Opgave's where its predecessor stood among them (`plaatsWas`: its old priority; a rule the user put
 * below Opgave's stays below it); one Opgave did not have before goes after all. Of two at one place, the user's
 * goes first.
 */
function opmaakVolgorde(
  blijft: readonly { rules: readonly ExcelRegel[] }[],
  opmaak: readonly OpmaakOpdracht[],
  plaatsWas: ReadonlyMap<OpmaakOpdracht, number>,
): Map<ExcelRegel | OpmaakOpdracht, number> {
  const na = prioriteitNa(blijft);
  const regels: { regel: ExcelRegel | OpmaakOpdracht; plaats: number; vanOpgave: number }[] = [
    ...blijft.flatMap((cf) =>
      cf.rules.map((regel) => ({ regel, plaats: regel.priority ?? na, vanOpgave: 0 })),
    ),
    ...opmaak.map((regel) => ({ regel, plaats: plaatsWas.get(regel) ?? Infinity, vanOpgave: 1 })),
  ];
  regels.sort((a, b) => a.plaats - b.plaats || a.vanOpgave - b.vanOpgave);
  return new Map(regels.map((r, i) => [r.regel, i + 1]));
}

/** Frozen panes, unless the sheet has its own (frozen or split) already. */
function zetBevriezing(ws: ExcelJS.Worksheet, bevries: NonNullable<Invoercontrole["bevries"]>): void {
  const view = (ws.views?.[0] ?? {}) as Partial<ExcelJS.WorksheetView>;
  if (view.state === "frozen" || view.state === "split") return;
  ws.views = [
    {
      ...view,
      state: "frozen",
      xSplit: bevries.kolommen,
      ySplit: bevries.rijen,
      topLeftCell: `${kolomLetters(bevries.kolommen + 1)}${bevries.rijen + 1}`,
    } as ExcelJS.WorksheetView,
  ];
}

/**
 * Applies the sheet's guard rails; what of Opgave's own it replaced goes into `eigen`. The user's own conditional
 * formats stay, their ranges through `volg`; returns those ranges as they were.
 */
export function pasInvoercontroleToe(
  ws: ExcelJS.Worksheet,
  c: Invoercontrole,
  eigen: EigenOnderdelen,
  volg: (ref: string) => string = (ref) => ref,
): string[] {
  for (const v of c.validaties) {
    const dv = excelValidatie(v.validatie);
    for (const cel of cellenVan(v.bereik)) {
      const was = ws.getCell(cel).dataValidation as Partial<ExcelJS.DataValidation> | undefined;
      // A validation the user put on an input cell is theirs: it stays, Opgave's is not written over it.
      if (was?.type && !isEigenValidatie(gelezen(was), v.validatie)) continue;
      ws.getCell(cel).dataValidation = dv;
      eigen.validatieCellen.add(`${ws.name}!${cel}`);
    }
  }
  const opmaak = zetOpmaak(ws, c, eigen, volg);
  for (const k of c.verborgen) ws.getColumn(k).hidden = true;
  if (c.bevries) zetBevriezing(ws, c.bevries);
  return opmaak;
}

/**
 * The ranges of the validations on the sheet that are not Opgave's (after `pasInvoercontroleToe` with `c`: not on a
 * cell it validated, nor with the title of one of Opgave's, as an earlier fill left below a table that shrank), as
 * rectangles of cells with the same validation.
 */
export function validatiesVanGebruiker(
  ws: ExcelJS.Worksheet,
  c: Invoercontrole,
  eigen: EigenOnderdelen,
): string[] {
  const model = (
    ws as unknown as { dataValidations?: { model?: Record<string, Partial<ExcelJS.DataValidation>> } }
  ).dataValidations?.model;
  const cellen = Object.entries(model ?? {}).filter(
    ([cel, v]) =>
      v?.type !== undefined &&
      !eigen.validatieCellen.has(`${ws.name}!${cel}`) &&
      !c.validaties.some((o) => isEigenValidatie(gelezen(v), o.validatie)),
  );
  return alsRechthoeken(cellen).map(([r]) => rechthoekBereik(r));
}

/**
 * Whether a part ./xlsxOnderdelen reports as lost is one of Opgave's own that this fill replaced: a conditional
 * format it replaced, or a data validation (of Opgave's, or on cells without one) that Opgave wrote again — a
 * user's validation is never replaced, so it is never hidden here.
 */
export function isEigenVerlies(naam: string, eigen: EigenOnderdelen): boolean {
  if (eigen.opmaak.has(naam)) return true;
  const m = /^gegevensvalidatie op (.+)!([^!]+)$/.exec(naam);
  if (!m) return false;
  const [blad, sqref] = [m[1] ?? "", m[2] ?? ""];
  const cellen = sqref.split(/\s+/).flatMap(cellenVan);
  return cellen.length > 0 && cellen.every((c) => eigen.validatieCellen.has(`${blad}!${c}`));
}

/**
 * The cells of each value as rectangles that do not overlap: per column the runs of consecutive rows (in number
 * order), and runs of the same rows in adjacent columns joined. Values are grouped by identity, then by their JSON
 * (equal validations read from two elements of a file become one).
 */
export function alsRechthoeken<T>(cellen: Iterable<readonly [string, T]>): [Rechthoek, T][] {
  const perWaarde = new Map<T, { rij: number; kolom: number }[]>();
  for (const [cel, waarde] of cellen) {
    const plek = decodeerBereik(cel);
    if (!plek || plek.rij1 !== plek.rij2 || plek.kol1 !== plek.kol2) continue;
    const lijst = perWaarde.get(waarde) ?? [];
    lijst.push({ rij: plek.rij1, kolom: plek.kol1 });
    perWaarde.set(waarde, lijst);
  }
  const perSleutel = new Map<string, { waarde: T; plekken: { rij: number; kolom: number }[] }>();
  for (const [waarde, plekken] of perWaarde) {
    const sleutel = JSON.stringify(waarde);
    const groep = perSleutel.get(sleutel);
    if (groep) groep.plekken.push(...plekken);
    else perSleutel.set(sleutel, { waarde, plekken });
  }
  return [...perSleutel.values()].flatMap(({ waarde, plekken }) =>
    rechthoekenVan(plekken).map((r): [Rechthoek, T] => [r, waarde]),
  );
}

/** Distinct cells (each once) as rectangles: runs down each column, joined across columns with the very same run. */
function rechthoekenVan(plekken: { rij: number; kolom: number }[]): Rechthoek[] {
  const gesorteerd = [...plekken].sort((a, b) => a.kolom - b.kolom || a.rij - b.rij);
  const runs: Rechthoek[] = [];
  for (const p of gesorteerd) {
    const laatste = runs[runs.length - 1];
    if (laatste?.kolom === p.kolom && laatste.rij + laatste.rijen === p.rij)
      runs[runs.length - 1] = { ...laatste, rijen: laatste.rijen + 1 };
    else runs.push({ rij: p.rij, kolom: p.kolom, rijen: 1, kolommen: 1 });
  }
  const open = new Map<string, Rechthoek>();
  const klaar: Rechthoek[] = [];
  for (const run of runs) {
    const sleutel = `${run.rij}:${run.rijen}`;
    const links = open.get(sleutel);
    if (links && links.kolom + links.kolommen === run.kolom) {
      open.set(sleutel, { ...links, kolommen: links.kolommen + 1 });
      continue;
    }
    if (links) klaar.push(links);
    open.set(sleutel, run);
  }
  return [...klaar, ...open.values()];
}

/**
 * The sheet's data validations stored by range instead of by cell, just before exceljs writes it. exceljs keeps one
 * per cell and joins them when writing, with their addresses sorted as text ("E10" before "E9"): a column E9:E59
 * came out as two validations, E10:E59 and E9:E59, over the same cells (exceljs issue 2820), which other programs
 * may read as only the first. Rectangles that do not overlap instead; exceljs writes a range as it is.
 * After this the sheet's validations are no longer found by cell: the last step before writing.
 */
export function validatiesPerBereik(ws: ExcelJS.Worksheet): void {
  const validaties = (
    ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }
  ).dataValidations;
  const alle = Object.entries(validaties.model).filter(
    (e): e is [string, ExcelJS.DataValidation] => e[1] !== undefined,
  );
  // A range is kept as it is; `alsRechthoeken` takes the single cells.
  const model: Record<string, ExcelJS.DataValidation> = Object.fromEntries(
    alle.filter(([cel]) => cel.includes(":")),
  );
  for (const [r, v] of alsRechthoeken(alle)) {
    model[r.rijen === 1 && r.kolommen === 1 ? adres(r) : rechthoekBereik(r)] = v;
  }
  validaties.model = model;
}

/** Each of the user's validation ranges (`validatiesVanGebruiker`) that `volg` gives another place moved there. */
export function volgValidaties(
  ws: ExcelJS.Worksheet,
  bereiken: readonly string[],
  volg: (ref: string) => string,
): void {
  const model = (ws as unknown as { dataValidations?: { model?: Record<string, unknown> } }).dataValidations
    ?.model;
  if (!model) return;
  for (const ref of bereiken) {
    const naar = volg(ref);
    if (naar === ref) continue;
    const oud = cellenVan(ref);
    const v = model[oud[0] ?? ""];
    for (const cel of oud) delete model[cel];
    for (const cel of cellenVan(naar)) model[cel] = v;
  }
}
