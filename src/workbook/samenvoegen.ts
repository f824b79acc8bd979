/**
 * Refill, host-independent: merge a planned table with what is in the workbook now, so that every user input
 * survives. Both writers read the existing table, call this, and write the result.
 */
import { foutwaardeNl, getalInvoer } from "../domain/berichten";
import { serieNl } from "../domain/tijdstip";
import { adres, bladVerwijzing, kolomLetters, overlapt, type Positie, type Rechthoek } from "./a1";
import {
  BLADEN,
  BRON_LABELS,
  LATER_TOEGEVOEGD,
  NOTATIE,
  ONDERWERP_LABEL,
  onderwerpInWoorden,
  onderwerpZin,
} from "./indeling";
import { verplaatsRij, verwijzingenIn } from "./kolomVerplaatsing";
import {
  blokNotatie,
  isFormule,
  type BladPlan,
  type BlokPlan,
  type InvoerCel,
  type Cel,
  type Kolom,
  type TabelPlan,
  type Validatie,
  type Waarde,
  type WerkboekPlan,
} from "./plan";

/**
 * The number format for a cell Opgave writes again (`nieuw`: Opgave's own, in the Office.js writer from
 * `notatieVoor`): the one the cell has now (`oud`, set by the user or by an earlier fill), so a refill never resets
 * a format the user chose. Except when the new content needs another — a text constant needs text ("@"); a number
 * or formula must not land in a text cell, where Excel would keep it as text — or when the cell has none yet
 * ("General": a first fill, a new row). Both writers.
 */
export function hervulNotatie(oud: unknown, nieuw: string): string {
  if (nieuw === NOTATIE.tekst) return NOTATIE.tekst;
  return typeof oud === "string" && oud !== "" && oud !== NOTATIE.algemeen && oud !== NOTATIE.tekst
    ? oud
    : nieuw;
}

/** The key of a merged table's column of the user's own (after it, its header): `isEigenKolom`. */
const EIGEN_KOLOM = "eigen:";

/** Whether a merged table's column is one of the user's own (not in the plan): the user's cells, kept as they are. */
export function isEigenKolom(k: Pick<Kolom, "sleutel">): boolean {
  return k.sleutel.startsWith(EIGEN_KOLOM);
}

/** A table as read from a workbook: header texts and the values of the data rows (formulas as their values). */
export interface BestaandeTabel {
  readonly koppen: readonly string[];
  readonly rijen: readonly (readonly Waarde[])[];
}

export interface Wijziging {
  readonly plek: string;
  readonly oud: Waarde;
  readonly nieuw: Waarde;
  /**
   * The Bron sheet's "Gevuld op": when Opgave filled the workbook, which every refill changes. Not a figure: the
   * reports name it apart, so that a refill with the same data says "Geen wijzigingen in de cijfers".
   */
  readonly moment?: true;
}

export interface SamengevoegdeTabel {
  readonly soort: "samengevoegd";
  /** Plan columns and the user's own extra columns (kept, with their values), in the order of `kolomVolgorde`. */
  readonly kolommen: readonly Kolom[];
  readonly rijen: readonly (readonly Cel[])[];
  readonly wijzigingen: readonly Wijziging[];
  readonly invoerBehouden: number;
  /** Kept inputs that are text or an error value where the column asks a number (`isTekstInGetal`), in Dutch. */
  readonly tekstInGetal: readonly string[];
  /** Kept inputs that are numbers outside the column's rule (`buitenRegel`), in Dutch for the report. */
  readonly buitenRegel: readonly string[];
  /** Rows with user input whose key the plan no longer has (kept at the end), named for the report (`weesNaam`). */
  readonly verweesd: readonly string[];
  /**
   * Headers of the plan columns the existing table lacked: those after the last one it has (a later version of
   * Opgave added them) at the end of the table, after the user's own columns, empty where they are input; one the
   * user deleted (not input) at its place (`kolomVolgorde`). Also first in `wijzigingen`, so every report names them.
   */
  readonly nieuweKolommen: readonly string[];
  /**
   * The table's rows stood in another order than the plan's (the user sorted it) and are written back in the
   * plan's order (its formulas read other rows): the refill names this (./rijVolgorde). A table free to keep the
   * user's order keeps it, and this is false.
   */
  readonly volgordeTeruggezet: boolean;
  /**
   * The existing rows that stand in another row of the table after the merge (their keys; a formula of the user's
   * that reads one would read another gemeente): rows above them that are gone (`ordenRijen`), or a table that must
   * keep the plan's order. Empty when `volgordeTeruggezet` (that says it).
   */
  readonly verschoven: readonly string[];
}

/**
 * Where the merged table stands, for a table the user sorted (./rijVolgorde): its sheet, and whether its rows may
 * keep the user's order (`rijvolgordeVrij`).
 */
export interface RijvolgordeOpties {
  readonly blad: string;
  readonly vrij: (tabel: string) => boolean;
}

export interface OvergeslagenTabel {
  readonly soort: "overgeslagen";
  /** Dutch reason, for the report. */
  readonly reden: string;
}

export function isLeeg(w: Waarde | undefined): boolean {
  return w === null || w === undefined || (typeof w === "string" && w.trim() === "");
}

/** Key of a row as text, as the merge matches it ("" for an empty key). */
export function sleutelTekst(w: Waarde | undefined): string {
  return w === null || w === undefined ? "" : String(w).trim();
}

/** Whether two cell values are the same for a refill: both empty, numbers within 1e-9, else identical. */
export function gelijk(a: Waarde, b: Waarde): boolean {
  if (isLeeg(a) && isLeeg(b)) return true;
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9;
  return a === b;
}

/** Index of the table's key column in the plan. */
export function sleutelIndex(plan: TabelPlan): number {
  return plan.kolommen.findIndex((k) => k.sleutel === plan.sleutelKolom);
}

/** Header of the table's key column ("" when the plan has none). */
export function sleutelKop(plan: TabelPlan): string {
  return plan.kolommen[sleutelIndex(plan)]?.kop ?? "";
}

/**
 * "overgeslagen" when a key occurs more than once in the existing table (the merge would keep only the first of
 * those rows and so drop the user's input in the others); undefined when every key is unique.
 */
export function controleerSleutels(plan: TabelPlan, bestaand: BestaandeTabel): OvergeslagenTabel | undefined {
  const kop = sleutelKop(plan);
  const si = bestaand.koppen.findIndex((k) => k.trim() === kop);
  if (si < 0) return undefined;
  const gezien = new Set<string>();
  for (const r of bestaand.rijen) {
    const s = sleutelTekst(r[si]);
    if (s === "") continue;
    if (gezien.has(s)) {
      return {
        soort: "overgeslagen",
        reden: `tabel ${plan.naam} bevat de sleutel "${s}" meer dan eens; niet bijgewerkt`,
      };
    }
    gezien.add(s);
  }
  return undefined;
}

/**
 * The report line of a plan column a refill adds to an existing table (`nieuweKolommen`): `achteraan`, a column new
 * to the table (at its end), else one of Opgave's the table lacked, written at its place again.
 */
export function nieuweKolomWijziging(tabel: string, k: Kolom, achteraan: boolean): Wijziging {
  const soort = k.soort === "invoer" ? "nieuwe invoerkolom (leeg)" : "nieuwe kolom";
  return {
    plek: `${tabel}: kolom "${k.kop}"`,
    oud: null,
    nieuw: achteraan ? `${soort}, achteraan de tabel` : `${soort}, op zijn plaats teruggezet`,
  };
}

/**
 * Whether a kept input is text where Opgave asks a whole number or an amount (its `validatie`): Opgave's formulas
 * pass it over (ISNUMBER; the workbook's Verloop column says so), and the report names it, so the user need not
 * find it there.
 */
export function isTekstInGetal(validatie: Validatie | undefined, waarde: Waarde | undefined): boolean {
  return (
    (validatie?.soort === "geheel" || validatie?.soort === "decimaal") &&
    typeof waarde === "string" &&
    waarde.trim() !== "" &&
    // A formula of the user's reads as its text ("=120+80") here: not text.
    !waarde.startsWith("=")
  );
}

/**
 * A kept input that is no number where a number belongs (`isTekstInGetal`) as the report names it: text quoted, an
 * error value as the user sees it — which, unlike text, a sum over the cell does not pass over.
 */
function tekstInGetalTekst(plek: string, waarde: Waarde): string {
  const fout = foutwaardeNl(waarde);
  if (fout !== undefined) return `${plek}: ${fout} (een foutwaarde; een som over de cel toont die fout ook)`;
  return `${plek}: "${String(waarde)}"`;
}

/**
 * Why a kept input that is a number breaks its cell's rule (`validatie`: a whole number, at least `min`, at most
 * `max`), in Dutch; undefined when it keeps it, or is no number. Excel checks the rule only for what is typed: a
 * value pasted in, or typed before the rule came, can break it. Opgave's formulas count it as it is (a Gehuisvest
 * of -40 adds 40 to the achterstand), so the report names it, as the consolidation refuses it (./consolideren).
 */
export function buitenRegel(
  validatie: Validatie | undefined,
  waarde: Waarde | undefined,
): string | undefined {
  if (typeof waarde !== "number" || (validatie?.soort !== "geheel" && validatie?.soort !== "decimaal"))
    return undefined;
  if (!Number.isFinite(waarde)) return "geen eindig getal";
  if (validatie.min !== undefined && waarde < validatie.min)
    return `kleiner dan ${getalInvoer(validatie.min)}, het minimum van de cel`;
  if (validatie.max !== undefined && waarde > validatie.max)
    return `groter dan ${getalInvoer(validatie.max)}, het maximum van de cel`;
  if (validatie.soort === "geheel" && !Number.isInteger(waarde))
    return "geen geheel getal, wat de cel vraagt";
  return undefined;
}

/** A kept input outside its cell's rule (`buitenRegel`) as the report names it. */
function buitenRegelTekst(plek: string, waarde: number, reden: string): string {
  return `${plek}: ${getalInvoer(waarde)} (${reden})`;
}

/** What the report names of the inputs a merge keeps: text where a number belongs, a number outside its rule. */
interface Afwijkingen {
  readonly tekstInGetal: string[];
  readonly buitenRegel: string[];
}

/** One kept input's entry in `Afwijkingen`. */
type Afwijking = { readonly [K in keyof Afwijkingen]: string };

/** Notes kept input `waarde` at `plek` in `uit` where it is text where a number belongs or breaks `validatie`. */
function meldAfwijking(
  uit: Afwijkingen,
  plek: string,
  validatie: Validatie | undefined,
  waarde: Waarde,
): void {
  if (isTekstInGetal(validatie, waarde)) uit.tekstInGetal.push(tekstInGetalTekst(plek, waarde));
  const reden = buitenRegel(validatie, waarde);
  if (reden !== undefined) uit.buitenRegel.push(buitenRegelTekst(plek, waarde as number, reden));
}

/**
 * A named input cell on sheet `blad` kept as `waarde`, as the report names it where that is text where a number
 * belongs (`isTekstInGetal`, in `tekstInGetal`) or a number outside the cell's rule (`buitenRegel`); neither
 * otherwise. Both writers.
 */
export function invoerCelAfwijking(
  blad: string,
  ic: InvoerCel,
  waarde: Waarde | undefined,
): Partial<Afwijking> {
  const uit: Afwijkingen = { tekstInGetal: [], buitenRegel: [] };
  meldAfwijking(
    uit,
    `${ic.label} op ${bladVerwijzing(blad)}!${adres(ic.positie)}`,
    ic.validatie,
    waarde ?? null,
  );
  const [tekstInGetal, buiten] = [uit.tekstInGetal[0], uit.buitenRegel[0]];
  return {
    ...(tekstInGetal !== undefined ? { tekstInGetal } : {}),
    ...(buiten !== undefined ? { buitenRegel: buiten } : {}),
  };
}

/** A table the workbook does not have yet: the plan as it is. */
function alsNieuw(plan: TabelPlan): SamengevoegdeTabel {
  return {
    soort: "samengevoegd",
    kolommen: plan.kolommen,
    rijen: plan.rijen,
    wijzigingen: [],
    invoerBehouden: 0,
    tekstInGetal: [],
    buitenRegel: [],
    verweesd: [],
    nieuweKolommen: [],
    volgordeTeruggezet: false,
    verschoven: [],
  };
}

/**
 * @returns the merged table, or "overgeslagen" when the existing table was edited out of shape (its key column is
 *   missing, or an input column before the last of Opgave's columns it has: deleted or renamed): then Opgave does
 *   not touch it rather than risk losing what the user entered. Plan columns after the last one the table has — an
 *   input column too: a later version of Opgave added them at the end — are no reason to skip: they are added at
 *   the end of the table, after the user's own columns (`kolomVolgorde`), empty where they are input, and named in
 *   the report (`nieuweKolommen`, and first in `wijzigingen`); the table's columns, the user's values and the cells
 *   formulas point at stay where they are. Rows the user sorted keep their order where `rijvolgorde` allows it
 *   (`ordenRijen`).
 */
export function samenvoegenTabel(
  plan: TabelPlan,
  bestaand?: BestaandeTabel,
  rijvolgorde?: RijvolgordeOpties,
): SamengevoegdeTabel | OvergeslagenTabel {
  if (!bestaand) return alsNieuw(plan);
  const index = new Map(bestaand.koppen.map((k, i) => [k.trim(), i]));
  const si = sleutelIndex(plan);
  const kop = sleutelKop(plan);
  const bestaandSleutel = index.get(kop);
  // Columns after the last plan column the table has are new to it (Opgave adds columns only at the end); one
  // missing before that was deleted or renamed by the user.
  const had = plan.kolommen.map((k) => index.has(k.kop));
  const laatste = had.lastIndexOf(true);
  const ontbrekend = plan.kolommen.filter(
    (k, j) => (k.soort === "invoer" || k.sleutel === plan.sleutelKolom) && !had[j] && j < laatste,
  );
  if (bestaandSleutel === undefined || ontbrekend.length > 0) {
    return {
      soort: "overgeslagen",
      reden: `tabel ${plan.naam} is handmatig gewijzigd (kolom ${ontbrekend.map((k) => `"${k.kop}"`).join(", ") || `"${kop}"`} ontbreekt); niet bijgewerkt`,
    };
  }
  const nieuweKolommen = plan.kolommen.filter((_, j) => !had[j]);
  const extra = eigenKoppen(plan, bestaand.koppen);
  const kolommen: Kolom[] = [
    ...plan.kolommen,
    ...extra.map((kop) => ({ sleutel: `${EIGEN_KOLOM}${kop}`, kop, soort: "invoer" as const })),
  ];
  // Each existing row's key, in the table's order (where each row stands: `ordenRijen`), and the first row of a key.
  const bestaandeSleutels = bestaand.rijen.map((r) => sleutelTekst(r[bestaandSleutel]));
  const oud = new Map<string, readonly Waarde[]>();
  bestaand.rijen.forEach((r, i) => {
    const s = bestaandeSleutels[i] ?? "";
    if (s !== "" && !oud.has(s)) oud.set(s, r);
  });

  const volgorde = kolomVolgorde(plan, bestaand.koppen);
  const wijzigingen: Wijziging[] = nieuweKolommen.map((k) =>
    nieuweKolomWijziging(plan.naam, k, volgorde.indexOf(plan.kolommen.indexOf(k)) >= bestaand.koppen.length),
  );
  let invoerBehouden = 0;
  const afwijkingen: Afwijkingen = { tekstInGetal: [], buitenRegel: [] };
  const gezien = new Set<string>();
  const planSleutels = plan.rijen.map((rij) => sleutelTekst(rij[si] as Waarde));
  const samengevoegd: Cel[][] = plan.rijen.map((rij, r) => {
    const s = planSleutels[r] ?? "";
    gezien.add(s);
    const vorige = oud.get(s);
    const nieuw: Cel[] = plan.kolommen.map((k, i) => {
      const cel = rij[i] ?? null;
      const j = index.get(k.kop);
      const was = vorige && j !== undefined ? (vorige[j] ?? null) : null;
      if (k.soort === "invoer") {
        if (vorige && !isLeeg(was)) {
          invoerBehouden++;
          meldAfwijking(afwijkingen, `${plan.naam} ${s}: ${k.kop}`, k.validatie, was);
          return was;
        }
        return cel;
      }
      // A column new to the table is reported once, by name (above), not per row.
      if (
        vorige &&
        j !== undefined &&
        k.soort === "gegeven" &&
        !isFormule(cel) &&
        !gelijk(was, cel as Waarde)
      ) {
        wijzigingen.push({
          plek: `${plan.naam} ${s}: ${k.kop}`,
          oud: zoalsGetoond(was, k.notatie),
          nieuw: zoalsGetoond(cel as Waarde, k.notatie),
        });
      }
      return cel;
    });
    for (const kop of extra) {
      const was = vorige ? (vorige[index.get(kop) ?? -1] ?? null) : null;
      if (!isLeeg(was)) invoerBehouden++;
      nieuw.push(was);
    }
    return nieuw;
  });
  const wees = weesRijen(oud, gezien, kolommen, index, plan.wees);
  const geordend = ordenRijen(plan, { rijen: samengevoegd, sleutels: planSleutels }, wees, {
    oudeSleutels: bestaandeSleutels,
    volgorde: rijvolgorde,
  });
  if (geordend.teruggezet)
    wijzigingen.push({
      plek: `${plan.naam}: volgorde van de rijen`,
      oud: "eigen volgorde",
      nieuw: "volgorde van Opgave",
    });
  // First: a report shows only its first lines, and this one says a formula may read another row now.
  if (geordend.verschoven.length > 0)
    wijzigingen.unshift(verschuivingWijziging(plan.naam, geordend.verschoven));
  wijzigingen.push(...rijWijzigingen(plan.naam, bestaandeSleutels, planSleutels, wees.sleutels));
  const rijen = geordend.rijen;
  invoerBehouden += wees.invoer;

  // Written in the order of `kolomVolgorde`: the user's columns stay where they were.
  const orden = <T>(r: readonly T[]): T[] => volgorde.map((i) => r[i] as T);
  return {
    soort: "samengevoegd",
    kolommen: orden(kolommen),
    rijen: rijen.map(orden),
    wijzigingen,
    invoerBehouden,
    ...afwijkingen,
    verweesd: wees.namen,
    nieuweKolommen: nieuweKolommen.map((k) => k.kop),
    volgordeTeruggezet: geordend.teruggezet,
    verschoven: geordend.verschoven,
  };
}

/**
 * Rows whose key disappeared but that hold user input, as read (formulas empty; the column of `markering` with its
 * value: TabelPlan `wees`), to be kept at the end of the table: nothing is deleted silently. `invoer`: their filled
 * input cells.
 */
function weesRijen(
  oud: ReadonlyMap<string, readonly Waarde[]>,
  gezien: ReadonlySet<string>,
  kolommen: readonly Kolom[],
  index: ReadonlyMap<string, number>,
  markering?: TabelPlan["wees"],
): { sleutels: string[]; namen: string[]; rijen: Cel[][]; invoer: number } {
  const uit = { sleutels: [] as string[], namen: [] as string[], rijen: [] as Cel[][], invoer: 0 };
  const waarde = (r: readonly Waarde[], k: Kolom) => r[index.get(k.kop) ?? -1] ?? null;
  for (const [s, r] of oud) {
    const invoer = gezien.has(s)
      ? 0
      : kolommen.filter((k) => k.soort === "invoer" && !isLeeg(waarde(r, k))).length;
    if (invoer === 0) continue;
    uit.sleutels.push(s);
    uit.namen.push(weesNaam(s, r, kolommen, waarde, markering?.naam));
    uit.rijen.push(
      kolommen.map((k) =>
        k.soort === "formule" ? null : k.sleutel === markering?.kolom ? markering.waarde : waarde(r, k),
      ),
    );
    uit.invoer += invoer;
  }
  return uit;
}

/** An orphan row as the report names it: by its key, or by the values of the plan's `wees.naam` columns. */
function weesNaam(
  sleutel: string,
  r: readonly Waarde[],
  kolommen: readonly Kolom[],
  waarde: (r: readonly Waarde[], k: Kolom) => Waarde,
  naam: readonly string[] | undefined,
): string {
  const delen = (naam ?? []).flatMap((n) => {
    const k = kolommen.find((x) => x.sleutel === n);
    const w = k ? waarde(r, k) : null;
    return isLeeg(w) ? [] : [String(w)];
  });
  return delen.length > 0 ? delen.join(", ") : sleutel;
}

/** Rows that appear or go (without user input: those are kept as orphans, `verweesd`), as changes. */
function rijWijzigingen(
  tabel: string,
  oudeSleutels: readonly string[],
  planSleutels: readonly string[],
  wezen: readonly string[],
): Wijziging[] {
  const oud = new Set(oudeSleutels.filter((s) => s !== ""));
  const inPlan = new Set(planSleutels);
  const weesSet = new Set(wezen);
  return [
    ...[...inPlan]
      .filter((s) => !oud.has(s))
      .map((s) => ({ plek: `${tabel} ${s}: nieuwe rij`, oud: null, nieuw: s })),
    ...[...oud]
      .filter((s) => !inPlan.has(s) && !weesSet.has(s))
      .map((s) => ({ plek: `${tabel} ${s}: rij vervalt`, oud: s, nieuw: null })),
  ];
}

/** Rows of a table with the key of each. */
interface GesleuteldeRijen {
  readonly sleutels: readonly string[];
  readonly rijen: readonly Cel[][];
}

/** The keys of `oud` (a table's rows, in order) that stand in another row in `nieuw`; "" (no key) is no row's. */
function verschovenSleutels(oud: readonly string[], nieuw: readonly string[]): string[] {
  const plaats = new Map<string, number>();
  nieuw.forEach((s, i) => {
    if (!plaats.has(s)) plaats.set(s, i);
  });
  return oud.filter((s, i) => s !== "" && plaats.has(s) && plaats.get(s) !== i);
}

/** The report line of rows a refill moves to another row of the table (`verschoven`). */
function verschuivingWijziging(tabel: string, verschoven: readonly string[]): Wijziging {
  return {
    plek: `${tabel}: plaats van de rijen`,
    oud: rijNamen(verschoven),
    nieuw: "een andere rij van de tabel",
  };
}

/** Keys for a report: the first three, and how many more. */
function rijNamen(sleutels: readonly string[]): string {
  const rest = sleutels.length - 3;
  return `${sleutels.slice(0, 3).join(", ")}${rest > 0 ? ` en ${rest} andere` : ""}`;
}

/**
 * The merged rows (`plan`: in the plan's order, with their keys) in the order they are written, the orphans (`wees`:
 * rows of keys gone from the plan that hold user input) always after them. An existing row stays in the row of the
 * table it stands in where the plan's formulas allow it, so a formula of the user's that reads one keeps its
 * meaning:
 * - the plan's order, when no existing row moves so (nothing changed, rows new or gone at the end);
 * - else, for a table free to be sorted (./rijVolgorde): the rows the table has in its own order, then the new
 *   ones in the plan's order, each plan formula moved with its row (`verplaatsRij`). A row gone (not kept, or kept
 *   as an orphan at the end) still moves the rows below it up: `verschoven`;
 * - else (the plan's formulas read other rows: Taakstelling) the plan's order: `teruggezet` when the user sorted
 *   the rows, else the rows that move are `verschoven`.
 * Whether a table is free is asked only when rows would move.
 */
function ordenRijen(
  plan: TabelPlan,
  inPlanVolgorde: GesleuteldeRijen,
  wees: GesleuteldeRijen,
  bestaand: { readonly oudeSleutels: readonly string[]; readonly volgorde: RijvolgordeOpties | undefined },
): { rijen: Cel[][]; teruggezet: boolean; verschoven: string[] } {
  const { oudeSleutels, volgorde } = bestaand;
  const { sleutels, rijen } = inPlanVolgorde;
  const verschoven = verschovenSleutels(oudeSleutels, [...sleutels, ...wees.sleutels]);
  if (verschoven.length === 0) return { rijen: [...rijen, ...wees.rijen], teruggezet: false, verschoven };
  const inPlan = new Map(sleutels.map((s, i) => [s, i]));
  const gebleven = [...new Set(oudeSleutels.filter((s) => inPlan.has(s)))];
  const blijft = new Set(gebleven);
  const planVolgorde = sleutels.filter((s) => blijft.has(s));
  const gesorteerd = !gebleven.every((s, i) => s === planVolgorde[i]);
  if (!volgorde?.vrij(plan.naam))
    return {
      rijen: [...rijen, ...wees.rijen],
      teruggezet: gesorteerd,
      verschoven: gesorteerd ? [] : verschoven,
    };
  const nieuweVolgorde = [...gebleven, ...sleutels.filter((s) => !blijft.has(s))];
  const eerste = plan.start.rij + 1;
  const geordend = nieuweVolgorde.map((s, q) => {
    const p = inPlan.get(s) ?? q;
    return (rijen[p] ?? []).map((c) =>
      isFormule(c) ? { formule: verplaatsRij(c.formule, volgorde.blad, eerste + p, eerste + q) } : c,
    );
  });
  return {
    rijen: [...geordend, ...wees.rijen],
    teruggezet: false,
    verschoven: verschovenSleutels(oudeSleutels, [...nieuweVolgorde, ...wees.sleutels]),
  };
}

/** The user's own columns of an existing table (a non-empty header the plan does not have), in their order. */
function eigenKoppen(plan: TabelPlan, koppen: readonly string[]): string[] {
  const planKoppen = new Set(plan.kolommen.map((k) => k.kop));
  return koppen.map((k) => k.trim()).filter((k) => k !== "" && !planKoppen.has(k));
}

/**
 * Whether a table's columns can be written in the order they have (then nothing moves): Opgave's columns in the
 * plan's order, every header once, and each of the user's columns at the end, before columns a later version added
 * only (`LATER_TOEGEVOEGD`: a refill put those after the user's columns), or at a sheet column where it moved
 * nothing else of Opgave's (`TabelPlan.eigenKolomVanaf`: the user inserted it there, and Opgave's columns after it
 * stay where that put them).
 */
function volgordeBlijft(plan: TabelPlan, koppen: readonly string[]): boolean {
  const planIndex = new Map(plan.kolommen.map((k, j) => [k.kop, j]));
  const later = new Set(LATER_TOEGEVOEGD[plan.naam] ?? []);
  const namen = koppen.map((k) => k.trim());
  if (namen.some((k) => k === "") || botsendeKoppen(plan, namen).size > 0) return false;
  const vanaf = plan.eigenKolomVanaf ?? Infinity;
  let vorige = -1;
  let eigenGezien = false;
  for (const [i, k] of namen.entries()) {
    const j = planIndex.get(k);
    if (j === undefined) {
      if (plan.start.kolom + i < vanaf) eigenGezien = true;
      continue;
    }
    if (j < vorige || (eigenGezien && !later.has(k))) return false;
    vorige = j;
  }
  return true;
}

/**
 * The plan with, for each table, the first sheet column where a column of the user's between Opgave's columns can
 * stay (`TabelPlan.eigenKolomVanaf`): right of every other cell of Opgave's on its sheet (blocks, named input cells
 * and their labels, other tables with header and totals row), and never before the table's second column. Where a
 * user inserts a whole sheet column left of that, it moved cells of Opgave's outside the table too, which a refill
 * writes where the plan has them: such a table is refused (the .xlsx writer) or skipped (the pane), as before.
 */
export function metRuimteVoorEigenKolommen(plan: WerkboekPlan): WerkboekPlan {
  return {
    ...plan,
    bladen: plan.bladen.map((blad) => ({
      ...blad,
      tabellen: blad.tabellen.map((t) => {
        const anders = [
          ...blokEnInvoerRechthoeken(blad),
          ...blad.tabellen.filter((x) => x !== t).map(tabelRechthoek),
        ];
        const rechts = Math.max(t.start.kolom, ...anders.map((r) => r.kolom + r.kolommen - 1));
        return { ...t, eigenKolomVanaf: rechts + 1 };
      }),
    })),
  };
}

/**
 * The order a merged table is written in, as indices into [plan columns…, the user's columns…]. When the table's
 * columns can stay as they are (`volgordeBlijft`): the table's own order, then the plan columns new to it (a later
 * version of Opgave added them at the end, an input column too) in the plan's order — after the user's columns,
 * which so stay in the sheet column where they were, and the user's formulas keep reading them. Otherwise (the
 * writer refuses or skips such a table: `eigenKolommenBinnen`) the plan's order with the user's columns after the
 * last plan column the table already had and the new plan columns after those; without user columns: the plan's
 * order.
 */
export function kolomVolgorde(plan: TabelPlan, koppen: readonly string[]): number[] {
  const n = plan.kolommen.length;
  const eigen = eigenKoppen(plan, koppen);
  const extra = eigen.length;
  const bestaande = new Set(koppen.map((k) => k.trim()));
  if (volgordeBlijft(plan, koppen)) {
    const planIndex = new Map(plan.kolommen.map((k, j) => [k.kop, j]));
    const zoals = koppen.map((k) => planIndex.get(k.trim()) ?? n + eigen.indexOf(k.trim()));
    const nieuw = plan.kolommen.flatMap((k, j) => (bestaande.has(k.kop) ? [] : [j]));
    return [...zoals, ...nieuw];
  }
  const had = plan.kolommen.map((k) => bestaande.has(k.kop));
  const laatste = had.lastIndexOf(true);
  const achter = new Set(
    extra > 0 ? plan.kolommen.map((_, j) => j).filter((j) => j > laatste && !had[j]) : [],
  );
  const plan_ = plan.kolommen.map((_, j) => j).filter((j) => !achter.has(j));
  return [...plan_, ...Array.from({ length: extra }, (_, i) => n + i), ...achter];
}

/**
 * Where each plan column of a table lands (0-based place in the written table) when it is merged with an
 * existing table with these headers (see `kolomVolgorde`); undefined: the plan's own places.
 */
export function planKolomPlaatsen(plan: TabelPlan, koppen: readonly string[]): number[] | undefined {
  const volgorde = kolomVolgorde(plan, koppen);
  const plaatsen = plan.kolommen.map((_, j) => volgorde.indexOf(j));
  return plaatsen.every((p, j) => p === j) ? undefined : plaatsen;
}

/** A column of the user's own that stands between Opgave's columns of a table (1-based place in the table). */
export interface EigenKolomBinnen {
  readonly kop: string;
  readonly plaats: number;
  /** Header of Opgave's column just before it ("" when none) and just after it ("" when none). */
  readonly na: string;
  readonly voor: string;
  /** Why it cannot stay where it is, in Dutch ("in deze tabel blijft een eigen kolom staan vanaf kolom D: …"). */
  readonly reden: string;
}

/**
 * The user's own columns (a header the plan does not have) that stand before the last of the plan's columns in
 * the existing table, and any whose header Excel would take for another (`botsendeKoppen`), each with why it cannot
 * stay (`reden`). The .xlsx writer writes a table in the plan's order with the user's columns at the end, so
 * such a column would move and shift Opgave's columns: a formula that points at a column to its right would
 * silently read another column. Columns are matched by header, never by place. Empty when there is none, and when
 * the table's order can stay as it is (`volgordeBlijft`: a user's column before columns a later version appended).
 */
export function eigenKolommenBinnen(plan: TabelPlan, bestaand: BestaandeTabel): EigenKolomBinnen[] {
  // Before columns a later version appended only (a refill put them there): nothing moves.
  if (volgordeBlijft(plan, bestaand.koppen)) return [];
  const planKoppen = new Set(plan.kolommen.map((k) => k.kop));
  const koppen = bestaand.koppen.map((k) => k.trim());
  let laatste = -1;
  koppen.forEach((k, i) => {
    if (planKoppen.has(k)) laatste = i;
  });
  const botsend = botsendeKoppen(plan, koppen);
  const uit: EigenKolomBinnen[] = [];
  for (let i = 0; i < koppen.length; i++) {
    const kop = koppen[i] ?? "";
    const dubbel = botsend.has(kop.toLowerCase());
    // A header of Opgave's twice (one of them the user's, in a file Excel did not write): the later one named.
    const eerder = koppen.slice(0, i).some((k) => k.toLowerCase() === kop.toLowerCase());
    if (planKoppen.has(kop) ? !(dubbel && eerder) : i > laatste && !dubbel) continue;
    const na =
      koppen
        .slice(0, i)
        .reverse()
        .find((k) => planKoppen.has(k)) ?? "";
    const voor = koppen.slice(i + 1).find((k) => planKoppen.has(k)) ?? "";
    uit.push({ kop, plaats: i + 1, na, voor, reden: waaromNiet(plan, koppen, i, botsend) });
  }
  return uit;
}

/**
 * The headers (in lower case) that Excel would take for another header of the written table — its headers, then the
 * plan's it lacks —: twice, or in other capitals (Excel does not tell them apart; a column of the user's headed
 * "achterstand", while LibreOffice renamed Opgave's to "Achterstand2", would give two). A table with one is never
 * written as it stands.
 */
function botsendeKoppen(plan: TabelPlan, koppen: readonly string[]): Set<string> {
  const alle = [...koppen, ...plan.kolommen.map((k) => k.kop).filter((k) => !koppen.includes(k))];
  const telling = new Map<string, number>();
  for (const k of alle) telling.set(k.toLowerCase(), (telling.get(k.toLowerCase()) ?? 0) + 1);
  return new Set([...telling].filter(([k, n]) => n > 1 && k !== "").map(([k]) => k));
}

/** Why the user's column `i` of a table whose order cannot stay (`volgordeBlijft`) cannot stay where it is. */
function waaromNiet(
  plan: TabelPlan,
  koppen: readonly string[],
  i: number,
  botsend: ReadonlySet<string>,
): string {
  const kop = koppen[i] ?? "";
  if (kop === "") return "de kolom heeft geen kop";
  if (botsend.has(kop.toLowerCase()))
    return `de kop "${kop}" staat al in de tabel, twee keer of met andere hoofdletters: Excel houdt ze niet uit elkaar`;
  const links = koppen.filter(
    (k, j) =>
      j !== i &&
      !plan.kolommen.some((p) => p.kop === k) &&
      plan.start.kolom + j < (plan.eigenKolomVanaf ?? 0),
  );
  if (links.length > 0)
    return `hij kan blijven staan zodra uw kolom ${links.map((k) => `"${k}"`).join(" en ")} verplaatst is`;
  if (plan.eigenKolomVanaf === undefined)
    return "een eigen kolom blijft alleen aan het eind van de tabel staan";
  const ruimte = eigenKolomRuimte(plan);
  if (ruimte && plan.start.kolom + i < plan.eigenKolomVanaf) return ruimte;
  if (koppen.some((k) => k === "")) return "een andere kolom van de tabel heeft geen kop";
  if (new Set(koppen).size !== koppen.length) return "een kop staat twee keer in de tabel";
  return "de kolommen van Opgave staan niet meer in hun volgorde";
}

/**
 * Where in table `plan` a column of the user's can stand and stay (`TabelPlan.eigenKolomVanaf`), for the message
 * about one that cannot; undefined when nothing else of Opgave's on the sheet limits it.
 */
export function eigenKolomRuimte(plan: TabelPlan): string | undefined {
  const vanaf = plan.eigenKolomVanaf;
  if (vanaf === undefined || vanaf <= plan.start.kolom + 1) return undefined;
  return vanaf < plan.start.kolom + plan.kolommen.length
    ? `in deze tabel blijft een eigen kolom staan vanaf kolom ${kolomLetters(vanaf)}: links daarvan staan ook andere cellen van Opgave op het blad`
    : "in deze tabel blijft een eigen kolom alleen aan het eind staan: ernaast staan ook andere cellen van Opgave op het blad";
}

/** Where a column of the user's stands among Opgave's, in Dutch ("tussen de kolommen "A" en "B""). */
export function tussenTekst(k: EigenKolomBinnen): string {
  if (k.na === "") return `vóór kolom "${k.voor}"`;
  return k.voor === "" ? `na kolom "${k.na}"` : `tussen de kolommen "${k.na}" en "${k.voor}"`;
}

/** A named input cell: a non-empty user value wins over the plan's default. */
export function samenvoegenInvoer(
  standaard: Waarde,
  bestaand: Waarde | undefined,
): { waarde: Waarde; behouden: boolean } {
  return bestaand !== undefined && !isLeeg(bestaand)
    ? { waarde: bestaand, behouden: true }
    : { waarde: standaard, behouden: false };
}

/** A value as the sheet shows it where that differs from the stored number: a date or a moment, in Dutch. */
function zoalsGetoond(w: Waarde, notatie: string | undefined): Waarde {
  if (typeof w !== "number" || (notatie !== NOTATIE.datum && notatie !== NOTATIE.tijdstip)) return w;
  return serieNl(w, notatie === NOTATIE.datum) ?? w;
}

/**
 * The report line for a plan table found away from its place (on another sheet, or moved on its own: rows or
 * columns inserted above or before it). Both writers leave it: written in place, it would shift under the
 * references that point at its cells.
 */
export function tabelEldersReden(naam: string, blad: string, start: Positie, waar: string): string {
  return `tabel ${naam} staat niet meer op ${blad}!${adres(start)} (maar op ${waar}); niet bijgewerkt`;
}

/** How far Opgave's texts on a sheet are looked for above or below their place (rows the user inserted or deleted). */
const MAX_VERSCHUIVING = 3;

/**
 * Where Opgave's cells on a sheet stand now, when not where it put them: from plan row `vanaf`, `verschuiving` rows;
 * or, `kolommen`, all of them that many columns to the right (columns inserted before them).
 */
export type BladVerschuiving =
  | { readonly vanaf: number; readonly verschuiving: number; readonly kolommen?: undefined }
  | { readonly kolommen: number };

/** Opgave's texts on a sheet outside its tables, where a fill puts them: block texts, input cells' labels. */
function planTeksten(blad: BladPlan): { rij: number; kolom: number; tekst: string }[] {
  const uit: { rij: number; kolom: number; tekst: string }[] = [];
  for (const b of blad.blokken) {
    b.cellen.forEach((r, i) =>
      r.forEach((c, j) => {
        if (typeof c === "string" && c.trim() !== "")
          uit.push({ rij: b.start.rij + i, kolom: b.start.kolom + j, tekst: c });
      }),
    );
  }
  for (const ic of blad.invoercellen) {
    if (ic.positie.kolom > 1 && ic.label.trim() !== "")
      uit.push({ rij: ic.positie.rij, kolom: ic.positie.kolom - 1, tekst: ic.label });
  }
  return uit;
}

/**
 * The part of a sheet a refill reads to tell whether Opgave's cells moved (`bladVerschuiving`): from A1 to a few
 * rows below the last of its texts, as wide as they go. Undefined: the sheet has none.
 */
export function verschuivingGebied(
  blad: BladPlan,
): { rij: number; kolom: number; rijen: number; kolommen: number } | undefined {
  const teksten = planTeksten(blad);
  if (teksten.length === 0) return undefined;
  const rijen = Math.max(...teksten.map((t) => t.rij)) + MAX_VERSCHUIVING;
  return { rij: 1, kolom: 1, rijen, kolommen: Math.max(...teksten.map((t) => t.kolom)) + MAX_VERSCHUIVING };
}

/**
 * Whether Opgave's cells on a sheet (outside its tables) stand elsewhere now: the user inserted or deleted rows among
 * them, so from some row on its texts (labels; figures and formulas change with the data) are found some rows up or
 * down and not in their place. Writing them in place would overwrite the user's rows: both writers leave them
 * (`opHunPlaats`). `was` reads the sheet as it is (at least `verschuivingGebied`). Undefined when nothing says so:
 * texts found at one offset and not in place, more than stay in place below the first of them — one is enough (the
 * province sheet has a single label below its heading texts: a row inserted above it let Opgave write over the
 * user's new row), the offset with the most wins.
 * The layout of these cells is the same for every gemeente, province and period; a later version of Opgave that
 * inserts or removes a row among them must tell its older layout apart (as `LATER_TOEGEVOEGD` does for table
 * columns), or this reads the change as the user's and leaves those cells.
 */
export function bladVerschuiving(
  blad: BladPlan,
  was: (rij: number, kolom: number) => Waarde,
): BladVerschuiving | undefined {
  const teksten = planTeksten(blad);
  const opZijnPlaats = teksten.map((t) => was(t.rij, t.kolom) === t.tekst);
  let beste: BladVerschuiving | undefined;
  let meeste = 0;
  for (let d = -MAX_VERSCHUIVING; d <= MAX_VERSCHUIVING; d++) {
    if (d === 0) continue;
    const elders = teksten.filter(
      (t, n) => !opZijnPlaats[n] && t.rij + d >= 1 && was(t.rij + d, t.kolom) === t.tekst,
    );
    if (elders.length <= meeste) continue;
    const vanaf = Math.min(...elders.map((t) => t.rij));
    const blijvend = teksten.filter((t, n) => opZijnPlaats[n] && t.rij >= vanaf).length;
    if (blijvend < elders.length) [beste, meeste] = [{ vanaf, verschuiving: d }, elders.length];
  }
  // Columns inserted before them (a whole sheet column at A): every text one or more columns to the right.
  for (let d = 1; d <= MAX_VERSCHUIVING; d++) {
    const rechts = teksten.filter((t, n) => !opZijnPlaats[n] && was(t.rij, t.kolom + d) === t.tekst).length;
    if (rechts > meeste && rechts > opZijnPlaats.filter(Boolean).length)
      [beste, meeste] = [{ kolommen: d }, rechts];
  }
  return beste;
}

/**
 * What a refill writes of a sheet's blocks and input cells, given `bladVerschuiving`: from the first row that moved,
 * nothing (a block that reaches it is left whole), and the report line; else everything.
 */
export function opHunPlaats(
  blad: BladPlan,
  v: BladVerschuiving | undefined,
): { blokken: BlokPlan[]; invoercellen: InvoerCel[]; reden?: string } {
  if (!v) return { blokken: [...blad.blokken], invoercellen: [...blad.invoercellen] };
  if (v.kolommen !== undefined) {
    const n = v.kolommen;
    return {
      blokken: [],
      invoercellen: [],
      reden:
        `de cellen van Opgave op ${blad.naam} staan ${n} kolom${n === 1 ? "" : "men"} rechts van waar Opgave ze ` +
        "zette (kolommen ingevoegd vóór ze?): ze zijn niet bijgewerkt, zodat uw invoer en uw cellen blijven staan. " +
        "Verwijder die kolommen (of zet uw kolom rechts van de cellen van Opgave) en vul opnieuw",
    };
  }
  const laatsteRij = (b: BlokPlan) => b.start.rij + Math.max(1, b.cellen.length) - 1;
  const blokken = blad.blokken.filter((b) => laatsteRij(b) < v.vanaf);
  const vanaf = Math.min(
    v.vanaf,
    ...blad.blokken.filter((b) => laatsteRij(b) >= v.vanaf).map((b) => b.start.rij),
  );
  const rijen = Math.abs(v.verschuiving);
  return {
    blokken,
    invoercellen: blad.invoercellen.filter((ic) => ic.positie.rij < vanaf),
    reden:
      `de cellen van Opgave op ${blad.naam} staan vanaf rij ${v.vanaf} ${rijen} rij${rijen === 1 ? "" : "en"} ` +
      `${v.verschuiving > 0 ? "lager" : "hoger"} dan waar Opgave ze zette (rijen ingevoegd of verwijderd?): die vanaf ` +
      `rij ${vanaf} zijn niet bijgewerkt, zodat uw regels blijven staan. Zet de rijen terug (of verplaats uw regels ` +
      `naar onder de cellen van Opgave) en vul opnieuw`,
  };
}

/**
 * The plan constants of a block that differ from what the workbook holds there now (`was(i, j)`: row i, column j
 * of the block), as changes for the report. Formulas are not compared.
 */
export function blokWijzigingen(
  blad: string,
  blok: BlokPlan,
  was: (i: number, j: number) => Waarde,
): Wijziging[] {
  const uit: Wijziging[] = [];
  blok.cellen.forEach((rij, i) =>
    rij.forEach((c, j) => {
      if (isFormule(c)) return;
      const oud = was(i, j);
      if (!gelijk(oud, c)) {
        const moment = blad === BLADEN.bron && j > 0 && blok.cellen[i]?.[0] === BRON_LABELS.gevuldOp;
        uit.push({
          plek: `${blad}!${adres({ rij: blok.start.rij + i, kolom: blok.start.kolom + j })}`,
          oud: zoalsGetoond(oud, blokNotatie(blok, i, j)),
          nieuw: zoalsGetoond(c, blokNotatie(blok, i, j)),
          ...(moment ? { moment: true as const } : {}),
        });
      }
    }),
  );
  return uit;
}

// ---------------------------------------------------------------------------------------------------------
// Whose workbook it is

/** What a writer knows of an existing workbook before it fills it (`weigeringVoorWerkboek`). */
export interface BestaandWerkboek {
  /** The "Onderwerp" in Opgave's Bron sheet, at its place; undefined when there is none. */
  readonly onderwerp: string | undefined;
  /**
   * Its sheets under the name of one of the plan's (in any capitals) that hold something where the plan writes
   * (`planRechthoeken`); an empty one Opgave may fill. Asked only of a workbook with nothing of Opgave's.
   */
  readonly bezetteBladen: () => readonly string[];
  /** Its sheets' names. */
  readonly bladen: readonly string[];
  /** Its tables, each with its sheet's name; its defined names. */
  readonly tabellen: readonly { readonly naam: string; readonly blad: string }[];
  readonly namen: readonly string[];
}

/** Whether the workbook holds a table or defined name of Opgave's: Opgave_…, or one the plan writes. */
function heeftOpgaveDelen(plan: WerkboekPlan, w: BestaandWerkboek): boolean {
  const eigen = new Set(
    plan.bladen.flatMap((b) => [...b.tabellen, ...b.invoercellen].map((x) => x.naam.toLowerCase())),
  );
  return [...w.tabellen.map((t) => t.naam), ...w.namen].some(
    (n) => /^Opgave_/i.test(n) || eigen.has(n.toLowerCase()),
  );
}

/**
 * The plan's sheets the user renamed: not there by name (in any capitals, as Excel compares them), while a table of
 * theirs is, on a sheet that is not one of the plan's — "Taakstelling" now "Mijn taakstelling".
 */
function hernoemdeBladen(
  plan: WerkboekPlan,
  w: BestaandWerkboek,
): { was: string; nu: string; tabel: string }[] {
  const klein = (n: string) => n.toLowerCase();
  const bestaat = new Set(w.bladen.map(klein));
  const vanPlan = new Set(plan.bladen.map((b) => klein(b.naam)));
  return plan.bladen.flatMap((b) => {
    if (bestaat.has(klein(b.naam))) return [];
    const namen = new Set(b.tabellen.map((t) => klein(t.naam)));
    const t = w.tabellen.find((x) => namen.has(klein(x.naam)) && !vanPlan.has(klein(x.blad)));
    return t ? [{ was: b.naam, nu: t.blad, tabel: t.naam }] : [];
  });
}

/** The "Onderwerp" a plan writes (Bron: the row with that label), with where it stands: block and row. */
function onderwerpPlek(plan: WerkboekPlan): { blok: number; rij: number; onderwerp: string } | undefined {
  const bron = plan.bladen.find((b) => b.naam === BLADEN.bron);
  for (const [blok, b] of (bron?.blokken ?? []).entries()) {
    const rij = b.cellen.findIndex((c) => c[0] === ONDERWERP_LABEL);
    const onderwerp = b.cellen[rij]?.[1];
    if (rij >= 0 && typeof onderwerp === "string") return { blok, rij, onderwerp };
  }
  return undefined;
}

/**
 * The "Onderwerp" of an existing workbook, read where the plan writes it (`waarde`: the value now in the Bron
 * sheet's block `blok`, row `i`, column `j`, relative to the block; undefined when the sheet is not there).
 */
export function onderwerpIn(
  plan: WerkboekPlan,
  waarde: (blok: number, i: number, j: number) => unknown,
): string | undefined {
  const plek = onderwerpPlek(plan);
  if (!plek || waarde(plek.blok, plek.rij, 0) !== ONDERWERP_LABEL) return undefined;
  const onderwerp = waarde(plek.blok, plek.rij, 1);
  return typeof onderwerp === "string" && onderwerp.trim() !== "" ? onderwerp : undefined;
}

/** Why a plan is not written into an existing workbook (`weigeringVoorWerkboek`). */
export type Weigering =
  | { readonly soort: "anderOnderwerp"; readonly was: string; readonly wordt: string }
  | { readonly soort: "eigenBladen"; readonly bladen: readonly string[] }
  | {
      readonly soort: "hernoemd";
      readonly bladen: readonly { readonly was: string; readonly nu: string; readonly tabel: string }[];
    };

/**
 * Why `plan` may not be written into this existing workbook, or undefined. Both writers ask before they write
 * anything:
 * - it is Opgave's workbook of another gemeente, province or period: its inputs (kept by period or gemeente) would
 *   become the plan's, wrong to the person;
 * - the user renamed one of Opgave's sheets (its table is on a sheet of another name): a fill would make a new, empty
 *   sheet under the old name beside it, while the user's formulas and Opgave's names read the renamed one (Excel
 *   renamed them with it) — the one left with the old figures, its names pointing at two sheets;
 * - it holds nothing of Opgave's (no Bron sheet of Opgave's, no table or name that is Opgave_… or the plan's) yet
 *   has a sheet under the name of one of the plan's (in any capitals, as Excel compares them) with values where the
 *   plan writes: that sheet is the user's, and a fill would write over them.
 */
export function weigeringVoorWerkboek(plan: WerkboekPlan, w: BestaandWerkboek): Weigering | undefined {
  const wordt = onderwerpPlek(plan)?.onderwerp;
  if (w.onderwerp !== undefined && wordt !== undefined && w.onderwerp !== wordt)
    return { soort: "anderOnderwerp", was: w.onderwerp, wordt };
  const hernoemd = hernoemdeBladen(plan, w);
  if (hernoemd.length > 0) return { soort: "hernoemd", bladen: hernoemd };
  if (w.onderwerp !== undefined || heeftOpgaveDelen(plan, w)) return undefined;
  const bladen = w.bezetteBladen();
  return bladen.length > 0 ? { soort: "eigenBladen", bladen } : undefined;
}

/**
 * Where a plan sheet writes: its blocks, its input cells with their labels, its tables (header, the planned rows
 * and a totals row). A writer looks there for the user's values before it fills a sheet that is not Opgave's
 * (`BestaandWerkboek.bezetteBladen`).
 */
export function planRechthoeken(blad: BladPlan): Rechthoek[] {
  return [...blokEnInvoerRechthoeken(blad), ...blad.tabellen.map(tabelRechthoek)];
}

/** A plan table's cells: header, rows and the totals row below them. */
function tabelRechthoek(t: TabelPlan): Rechthoek {
  return { ...t.start, rijen: t.rijen.length + 2, kolommen: t.kolommen.length };
}

/** A plan sheet's blocks and input cells with their labels (./officeBeslissing: what a table may not grow over). */
export function blokEnInvoerRechthoeken(blad: BladPlan): Rechthoek[] {
  return [
    ...blad.blokken.map((b) => ({
      ...b.start,
      rijen: b.cellen.length,
      kolommen: Math.max(1, ...b.cellen.map((r) => r.length)),
    })),
    ...blad.invoercellen.map((i) => ({
      rij: i.positie.rij,
      kolom: Math.max(1, i.positie.kolom - 1),
      rijen: 1,
      kolommen: i.positie.kolom > 1 ? 2 : 1,
    })),
  ];
}

/** How the loss list starts a totals row's entry (`totaalrijVerlies`). */
const TOTAALRIJ_VERLIES = "totaalrij van tabel ";

/**
 * A totals row the user turned on in one of Opgave's tables (Excel's Totaalrij), as the loss list names it: both
 * writers write the table without one (the .xlsx writer leaves its formulas below the table as cells; in Excel,
 * turning it off clears them).
 */
export function totaalrijVerlies(tabel: string): string {
  return `${TOTAALRIJ_VERLIES}${tabel} (die u aanzette; Opgave schrijft de tabel zonder, zet hem daarna weer aan)`;
}

/** Whether a loss list entry is a totals row's (`totaalrijVerlies`): the add-in in Excel turns it off too. */
export function isTotaalrijVerlies(tekst: string): boolean {
  return tekst.startsWith(TOTAALRIJ_VERLIES);
}

/** The refusal in Dutch, `werkboek` naming the workbook ("/pad/x.xlsx", "Dit werkboek"); the caller adds what to do. */
export function weigeringTekst(w: Weigering, werkboek: string): string {
  if (w.soort === "anderOnderwerp") {
    const [was, wordt] = [onderwerpInWoorden(w.was), onderwerpInWoorden(w.wordt)];
    // "…, niet dat van gemeente Soest (GM0342)": the kind of workbook once where both are of one kind.
    const niet = wordt.wat.startsWith("een ")
      ? `geen ${onderwerpZin(w.wordt).slice("een ".length)}`
      : `niet ${wordt.wat === was.wat ? `dat ${wordt.van}` : onderwerpZin(w.wordt)}`;
    return `${werkboek} is ${onderwerpZin(w.was)}, ${niet}: de invoer daarin hoort daar niet bij.`;
  }
  if (w.soort === "hernoemd") {
    const een = w.bladen.length === 1;
    const bladen = w.bladen.map((b) => `"${b.was}" heet nu "${b.nu}" (met tabel ${b.tabel})`).join(", ");
    return (
      `${werkboek} heeft ${een ? "een blad" : "bladen"} van Opgave onder een andere naam: ${bladen}. Opnieuw vullen ` +
      `zou ${een ? "een nieuw blad" : "nieuwe bladen"} onder de oude naam maken, terwijl uw formules en de namen van ` +
      `Opgave naar ${een ? "het hernoemde blad" : "de hernoemde bladen"} wijzen. ` +
      `Geef ${een ? "het blad zijn" : "de bladen hun"} oude naam terug en probeer het dan opnieuw.`
    );
  }
  const een = w.bladen.length === 1;
  return (
    `${werkboek} is niet door Opgave gevuld en heeft al ${een ? "een blad" : "de bladen"} ` +
    `${w.bladen.map((b) => `"${b}"`).join(", ")} van u, ${een ? "dat" : "die"} Opgave zou overschrijven: geef ` +
    `${een ? "dat blad" : "die bladen"} een andere naam.`
  );
}

// ---------------------------------------------------------------------------------------------------------
// Opgave's cells that read a table that is not written

/**
 * Where a plan table that a refill does not write (skipped: moved, reshaped, it would grow over the user's cells)
 * lies: the plan's place (`planGebied`) and, where the workbook has it, where it stands now. Opgave's own cells
 * that read it by address (the key figures on Overzicht, a table whose formulas read it) are left as they are in
 * both writers: written with the plan's addresses they would read other rows than the table that stayed.
 */
export interface TabelGebied {
  readonly naam: string;
  readonly blad: string;
  readonly rechthoeken: readonly Rechthoek[];
}

/** Names in Excel (sheets, tables, defined names) are case-insensitive: the key they are compared by. */
export function naamSleutel(naam: string): string {
  return naam.toLocaleLowerCase("en-US");
}

/** A plan table's place: its header, its rows (one for an empty table) and its totals row. */
export function planGebied(tp: TabelPlan): Rechthoek {
  return {
    rij: tp.start.rij,
    kolom: tp.start.kolom,
    rijen: 1 + Math.max(1, tp.rijen.length) + (tp.totaal ? 1 : 0),
    kolommen: tp.kolommen.length,
  };
}

/** The first of `gebieden` that the formula refers to (by A1 address), if any. */
export function geraakteTabel(
  formule: string,
  eigenBlad: string,
  gebieden: readonly TabelGebied[],
): TabelGebied | undefined {
  // Most writes skip no table: then no formula is read.
  if (gebieden.length === 0) return undefined;
  const refs = verwijzingenIn(formule, eigenBlad);
  return gebieden.find((g) =>
    refs.some(
      (r) =>
        naamSleutel(r.blad) === naamSleutel(g.blad) && g.rechthoeken.some((h) => overlapt(h, r.rechthoek)),
    ),
  );
}

/** The table among `gebieden` (other than itself) that the formulas of plan table `tp` on sheet `blad` read. */
export function tabelVerwijstNaar(
  tp: TabelPlan,
  blad: string,
  gebieden: readonly TabelGebied[],
): TabelGebied | undefined {
  const andere = gebieden.filter((g) => naamSleutel(g.naam) !== naamSleutel(tp.naam));
  if (andere.length === 0) return undefined;
  for (const c of [...tp.rijen.flat(), ...(tp.totaal ?? [])]) {
    const g = isFormule(c) ? geraakteTabel(c.formule, blad, andere) : undefined;
    if (g) return g;
  }
  return undefined;
}

/** Why a table is not written when it reads one that is not (Dutch, for the report). */
export function verwijstNaarOvergeslagen(tabel: string, naar: string): string {
  return `tabel ${tabel} verwijst naar tabel ${naar}, die niet is bijgewerkt; niet bijgewerkt`;
}

/** A named input cell's list left as it is because it reads a table that is not written (Dutch). */
export function lijstNaarOvergeslagen(blad: string, cel: string, tabel: string): string {
  return `keuzelijst van cel ${blad}!${cel} verwijst naar tabel ${tabel}, die niet is bijgewerkt; niet bijgewerkt`;
}

/** Opgave's cells of a block left as they are because they read a table that is not written (Dutch). */
export function cellenNaarOvergeslagen(blad: string, cellen: readonly string[], tabel: string): string {
  const welke =
    cellen.length === 1
      ? `cel ${blad}!${cellen[0] ?? ""} verwijst`
      : `cellen ${blad}!${cellen.join(", ")} verwijzen`;
  return `${welke} naar tabel ${tabel}, die niet is bijgewerkt; niet bijgewerkt`;
}

/**
 * Why a re-run would leave the overview partly old (Dutch), for what the writer could not update (`overgeslagen`:
 * a table or cells of Opgave's the coordinator changed): the checks, the header line and Bron written around an old
 * table would not agree with it, so neither writer writes the overview then (the CLI: ../cli/consolideer; the pane:
 * ./officeWriter `alles`). The caller adds what the user can do and that nothing changed.
 */
export function overzichtDeelsOud(overgeslagen: readonly string[]): string {
  return (
    `Het overzicht zou deels oud blijven, want Opgave kan niet alles bijwerken: ${overgeslagen.join("; ")}. ` +
    "Zet terug wat u aan de tabellen of cellen van Opgave veranderde"
  );
}
