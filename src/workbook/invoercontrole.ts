/**
 * Guard rails on input, host-independent: where a plan's data validations, conditional formats, hidden columns and
 * frozen panes go once its tables are written (a refill may write more rows than the plan: orphan rows at the end).
 * Both writers use this (./xlsxWriter with exceljs, ./officeBeslissing for Office.js), so they mark the same cells.
 *
 * Ownership: a validation on an Opgave input cell is Opgave's (written again on every fill) when it has the title
 * and the kind of rule of the plan's for that cell (`isEigenValidatie`); any other is the user's and stays. A
 * conditional format is Opgave's when its formula is one of the plan's at the same top-left cell: a refill replaces
 * those and keeps every other (the user's).
 */
import { adres, bereik, type Positie } from "./a1";
import type { BladPlan, Kolom, OpmaakStijl, TabelPlan, Validatie } from "./plan";
import { geraakteTabel, lijstNaarOvergeslagen, type TabelGebied } from "./samenvoegen";

/** A table as written: where it starts, its columns (plan and user's) and its number of data rows. */
export interface GeschrevenVorm {
  readonly start: Positie;
  readonly kolommen: readonly Kolom[];
  readonly rijen: number;
}

export interface ValidatieOpdracht {
  /** A1 range without sheet, e.g. "F8:F25" or "B5". */
  readonly bereik: string;
  readonly validatie: Validatie;
}

export interface OpmaakOpdracht {
  /** A1 range of the data rows, e.g. "I8:I25"; the formula is for its top-left cell. */
  readonly bereik: string;
  /** en-US formula with "=". */
  readonly formule: string;
  readonly stijl: OpmaakStijl;
  /** Its formulas in earlier versions (`OpmaakRegel.eerder`): also Opgave's own. */
  readonly eerder?: readonly string[];
}

/**
 * A validation as a host reads it, in Opgave's terms (./xlsxInvoercontrole from exceljs, ./officeBeslissing from
 * Office.js): what `isEigenValidatie` compares.
 */
export interface GelezenValidatie {
  /** The titles of its input message and error alert. */
  readonly titels: readonly (string | undefined)[];
  /** A list, a whole or decimal number, or any other type. */
  readonly soort: Validatie["soort"] | "anders";
  /** For a number: greater than or equal, between, or any other operator. */
  readonly operator?: "vanaf" | "tussen" | "anders";
  /** For a number: its bounds as read (a number, or text with or without "="). */
  readonly grenzen?: readonly unknown[];
}

/**
 * Whether a validation read from a workbook is Opgave's `v` (of this or an earlier fill): its title, and Opgave's kind
 * of rule — a list (its source grows with its table from fill to fill), or a number of the same type, operator and
 * bounds. Anything else is the user's: Excel's and LibreOffice's dialogs keep the titles when the user changes a rule
 * (a list of their own on an input cell).
 */
export function isEigenValidatie(g: GelezenValidatie, v: Validatie): boolean {
  if (!g.titels.includes(v.titel) || g.soort !== v.soort) return false;
  if (v.soort === "lijst") return true;
  const [onder, boven] = (g.grenzen ?? []).map((f) => Number(String(f ?? "").replace(/^=/, "")));
  return v.max === undefined
    ? g.operator === "vanaf" && onder === (v.min ?? 0)
    : g.operator === "tussen" && onder === (v.min ?? 0) && boven === v.max;
}

/** The validations the plan gives a sheet's cells (its input cells' and its table columns'). */
export function planValidaties(blad: BladPlan): Validatie[] {
  return [
    ...blad.invoercellen.flatMap((i) => (i.validatie ? [i.validatie] : [])),
    ...blad.tabellen.flatMap((t) => t.kolommen.flatMap((k) => (k.validatie ? [k.validatie] : []))),
  ];
}

/** The input controls of one sheet. */
export interface Invoercontrole {
  readonly validaties: readonly ValidatieOpdracht[];
  readonly opmaak: readonly OpmaakOpdracht[];
  /** 1-based columns to hide. */
  readonly verborgen: readonly number[];
  readonly bevries?: { readonly rijen: number; readonly kolommen: number };
  /**
   * Named input cells whose list reads a table the refill does not write (`nietBijgewerkt`): their validation is
   * left as it is (it lists what that table holds), named in Dutch for the report. Absent when there are none.
   */
  readonly blijven?: readonly string[];
}

/** Colours (RGB hex) of the conditional formats: Excel's own "light red / green / yellow fill with dark text". */
export const OPMAAK_KLEUREN: Readonly<
  Record<OpmaakStijl, { readonly vulling: string; readonly tekst: string }>
> = {
  achterstand: { vulling: "FFC7CE", tekst: "9C0006" },
  voorsprong: { vulling: "C6EFCE", tekst: "006100" },
  ontbreekt: { vulling: "FFEB9C", tekst: "9C5700" },
};

/** A formula as it is compared: without "=", spaces and case (hosts give it back in their own way). */
export function formuleSleutel(formule: string): string {
  return formule.replace(/^=/, "").replace(/\s+/g, "").toUpperCase();
}

/**
 * The validations, conditional formats and hidden columns of `blad`, for its tables as written (`vormen` by table
 * name; a table not in it was not written and gets nothing). A named input cell's list that reads a table that is
 * not written (`nietBijgewerkt`) is left as it is (`blijven`).
 */
export function invoercontrole(
  blad: BladPlan,
  vormen: ReadonlyMap<string, GeschrevenVorm>,
  nietBijgewerkt: readonly TabelGebied[] = [],
): Invoercontrole {
  const validaties: ValidatieOpdracht[] = [];
  const opmaak: OpmaakOpdracht[] = [];
  const verborgen: number[] = [];
  const blijven: string[] = [];
  for (const i of blad.invoercellen) {
    if (!i.validatie) continue;
    const cel = adres(i.positie);
    const g = i.validatie.lijst ? geraakteTabel(i.validatie.lijst, blad.naam, nietBijgewerkt) : undefined;
    if (g) blijven.push(lijstNaarOvergeslagen(blad.naam, cel, g.naam));
    else validaties.push({ bereik: cel, validatie: i.validatie });
  }
  for (const t of blad.tabellen) {
    const vorm = vormen.get(t.naam);
    if (vorm) tabelControle(t, vorm, validaties, opmaak, verborgen);
  }
  return {
    validaties,
    opmaak,
    verborgen,
    ...(blad.bevries ? { bevries: blad.bevries } : {}),
    ...(blijven.length > 0 ? { blijven } : {}),
  };
}

function tabelControle(
  t: TabelPlan,
  vorm: GeschrevenVorm,
  validaties: ValidatieOpdracht[],
  opmaak: OpmaakOpdracht[],
  verborgen: number[],
): void {
  const rijen = Math.max(1, vorm.rijen);
  const kolom = (sleutel: string) => vorm.kolommen.findIndex((k) => k.sleutel === sleutel);
  const lijf = (j: number, breedte = 1) =>
    bereik({ rij: vorm.start.rij + 1, kolom: vorm.start.kolom + j }, rijen, breedte);
  vorm.kolommen.forEach((k, j) => {
    if (k.validatie) validaties.push({ bereik: lijf(j), validatie: k.validatie });
    if (k.verborgen) verborgen.push(vorm.start.kolom + j);
  });
  for (const r of t.opmaak ?? []) {
    const [van, tot] = [kolom(r.van), kolom(r.tot)];
    if (van < 0 || tot < van) continue;
    opmaak.push({
      bereik: lijf(van, tot - van + 1),
      formule: r.formule,
      stijl: r.stijl,
      ...(r.eerder ? { eerder: r.eerder } : {}),
    });
  }
}

/** Top-left cell of an A1 range ("I8:I25" → "I8"; "$I$8" → "I8"). */
export function linksBoven(ref: string): string {
  return (ref.trim().split(/\s+/)[0] ?? "").split(":")[0]?.replace(/\$/g, "") ?? "";
}

/** The formulas by which a rule of `opmaak` is recognised as Opgave's: its own and those of earlier versions. */
export function eigenOpmaakFormules(o: OpmaakOpdracht): string[] {
  return [o.formule, ...(o.eerder ?? [])].map(formuleSleutel);
}

/** The one of Opgave's own in `opmaak` a conditional format (its range and formula) is, or an earlier form of. */
export function eigenOpmaakVan(
  ref: string,
  formule: string,
  opmaak: readonly OpmaakOpdracht[],
): OpmaakOpdracht | undefined {
  const hoek = linksBoven(ref);
  const sleutel = formuleSleutel(formule);
  return opmaak.find((o) => linksBoven(o.bereik) === hoek && eigenOpmaakFormules(o).includes(sleutel));
}
