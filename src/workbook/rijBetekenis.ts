/**
 * What a refill does to the meaning of a table's rows, for formulas that read them by address. A refill writes a
 * table's rows where the merge puts them (./samenvoegen `ordenRijen`): where a gemeente is gone, new or put back
 * in the plan's order, another gemeente — or the totals row — comes to stand in a row. A formula of the user's
 * that reads such a row by its address (`=Provincie!F20`, on their own sheet, next to the table, in a defined
 * name, in a chart's series) would read another gemeente afterwards, without a word: Excel moves such references
 * when rows are inserted or deleted, but a writer that writes cells in place does not. Both writers ask these
 * functions which formulas that are, and stop before they write (./xlsxWriter `VerliesFout`, ./officeWriter
 * `VolgordeBevestiging`) unless the user confirms.
 *
 * A reference to a row that keeps its gemeente, one to the whole table (or more: a column `F:F`, `F11:F62` over
 * every row before and after), structured references (`Opgave_Provincie[Gehuisvest]`) and the use of a defined
 * name are not affected (a name's own reference is checked as a formula of its own).
 *
 * A table that grows (a new half-year in Taakstelling, a gemeente back) gets rows below its old last row: a
 * formula over all of its old rows (`=SUM(Taakstelling!D9:D14)`) would leave them out, also without a word (Excel
 * widens such a range only when rows are inserted inside it). Such a formula is named too, with the advice to read
 * the table's column (`Opgave_Taakstelling[Taakstelling]`), which grows with the table. And the empty rows below it
 * that it grows over change meaning too: a formula, note or picture there meets a new row or the totals row.
 * Pure: no exceljs, no host.
 */
import { adres, bladVerwijzing, rechthoekBereik, rechthoekTussen, type Positie, type Rechthoek } from "./a1";
import { verwijzingenIn } from "./kolomVerplaatsing";
import { isFormule, type Cel, type TabelPlan } from "./plan";
import {
  isEigenKolom,
  sleutelKop,
  sleutelTekst,
  type BestaandeTabel,
  type SamengevoegdeTabel,
} from "./samenvoegen";

/** What a row of a table holds: a key, or the totals row. */
const TOTAALRIJ = "\u0000totaal";

/**
 * What a row below a table holds before the table grows over it, or after it shrinks from it: nothing of the
 * table's (`TabelRijen.anders`, `TabelRijen.eraf`).
 */
const ONDER_TABEL = "\u0000onder";

/** A table whose rows change meaning: per sheet row, what it holds before and after the refill. */
export interface TabelRijen {
  readonly tabel: string;
  readonly blad: string;
  /** The sheet columns of the table as it stands (only those can change meaning). */
  readonly kolom1: number;
  readonly kolom2: number;
  /** The first and last row either holds (data and totals rows). */
  readonly rij1: number;
  readonly rij2: number;
  /**
   * The rows that hold something else after the refill: sheet row → what it held and what it will hold, named as
   * the messages name them (`rijNaam`; the totals row `TOTAALRIJ`). A table that grows covers rows below it that
   * held none of its rows (`ONDER_TABEL`): a formula, note or picture of the user's there meets a gemeente, a
   * half-year or the totals row afterwards. One that shrinks leaves rows below it (`wordt`: `ONDER_TABEL`); an empty
   * row of the table itself (the one row the writers write for an empty table) is undefined.
   */
  readonly anders: ReadonlyMap<number, { readonly was: string; readonly wordt: string | undefined }>;
  /** The headers of the table's columns after the refill, from `kolom1` on (for the advice). */
  readonly koppen: readonly string[];
  /**
   * The table grows: its data rows after the refill reach below its old last data row (`oudLaatste`); the first
   * such row (`rij`) will hold `wordt`, and `aantal` rows come below the old last one in all.
   */
  readonly erbij?: {
    readonly oudLaatste: number;
    readonly rij: number;
    readonly aantal: number;
    readonly wordt: string;
  };
  /**
   * The table shrinks (a gemeente gone): `aantal` rows fewer, and its old last data row (`oudLaatste`) will hold
   * `wordt` (the totals row, or a row below the table: `ONDER_TABEL`). A formula over all of its old rows then reads
   * that too.
   */
  readonly eraf?: {
    readonly oudLaatste: number;
    readonly aantal: number;
    readonly wordt: string | undefined;
  };
}

/**
 * The rows of table `plan` (on sheet `blad`, at the plan's start) that hold another gemeente, or the totals row,
 * after the merge `uitkomst` of `bestaand`; undefined when every row keeps what it holds.
 */
export function tabelRijen(
  blad: string,
  plan: TabelPlan,
  bestaand: BestaandeTabel | undefined,
  uitkomst: SamengevoegdeTabel,
): TabelRijen | undefined {
  if (!bestaand) return undefined;
  const eerste = plan.start.rij + 1;
  const { voor, na } = rijenVoorEnNa(plan, bestaand, uitkomst);
  // The writers write one empty row for an empty table; the totals row comes after the rows.
  if (plan.totaal) {
    voor.push({ sleutel: TOTAALRIJ, naam: "" });
    if (na.length === 0) na.push({ sleutel: "", naam: "" });
    na.push({ sleutel: TOTAALRIJ, naam: "" });
  }
  const [oudAantal, nieuwAantal] = [bestaand.rijen.length, uitkomst.rijen.length];
  const eersteErbij = na[oudAantal];
  const erbij =
    oudAantal > 0 && nieuwAantal > oudAantal && eersteErbij
      ? {
          oudLaatste: eerste + oudAantal - 1,
          rij: eerste + oudAantal,
          aantal: nieuwAantal - oudAantal,
          wordt: rijNaam(eersteErbij),
        }
      : undefined;
  const naLaatste = na[oudAantal - 1];
  const eraf =
    nieuwAantal > 0 && nieuwAantal < oudAantal
      ? {
          oudLaatste: eerste + oudAantal - 1,
          aantal: oudAantal - nieuwAantal,
          wordt: wordtNaam(naLaatste),
        }
      : undefined;
  const anders = new Map<number, { was: string; wordt: string | undefined }>();
  voor.forEach((was, i) => {
    const wordt = na[i];
    if (was.sleutel !== "" && wordt?.sleutel !== was.sleutel)
      anders.set(eerste + i, { was: rijNaam(was), wordt: wordtNaam(wordt) });
  });
  na.slice(voor.length).forEach((wordt, i) => {
    if (wordt.sleutel !== "")
      anders.set(eerste + voor.length + i, { was: ONDER_TABEL, wordt: rijNaam(wordt) });
  });
  if (anders.size === 0 && !erbij && !eraf) return undefined;
  return {
    tabel: plan.naam,
    blad,
    kolom1: plan.start.kolom,
    kolom2: plan.start.kolom + Math.max(1, bestaand.koppen.length) - 1,
    rij1: eerste,
    rij2: eerste + Math.max(voor.length, na.length) - 1,
    anders,
    koppen: uitkomst.kolommen.map((k) => k.kop),
    ...(erbij ? { erbij } : {}),
    ...(eraf ? { eraf } : {}),
  };
}

/** What a row holds: its key and its name (`naamKolom`), as the messages name it ("" where it has none). */
interface RijInhoud {
  sleutel: string;
  naam: string;
}

/** The rows of table `plan` as they stood (`bestaand`) and after the merge `uitkomst`, in their order. */
function rijenVoorEnNa(
  plan: TabelPlan,
  bestaand: BestaandeTabel,
  uitkomst: Pick<SamengevoegdeTabel, "kolommen" | "rijen">,
): { voor: RijInhoud[]; na: RijInhoud[] } {
  const tekst = (c: Cel | undefined) => (c === undefined || isFormule(c) ? "" : sleutelTekst(c));
  const oud = (kop: string) => bestaand.koppen.indexOf(kop);
  const nieuw = (sleutel: string | undefined) =>
    sleutel === undefined
      ? -1
      : uitkomst.kolommen.findIndex((k) => !isEigenKolom(k) && k.sleutel === sleutel);
  const naamKop = naamKolom(plan);
  return {
    voor: bestaand.rijen.map((r) => ({
      sleutel: tekst(r[oud(sleutelKop(plan))]),
      naam: tekst(naamKop ? r[oud(naamKop.kop)] : undefined),
    })),
    na: uitkomst.rijen.map((r) => ({
      sleutel: tekst(r[nieuw(plan.sleutelKolom)]),
      naam: tekst(r[nieuw(naamKop?.sleutel)]),
    })),
  };
}

/**
 * Where each row of table `plan` as it stood (`bestaand`) is after the merge `uitkomst`, by its key: a cell's sheet
 * row → its sheet row after (the totals row too, below the rows); null for a row whose key is gone; undefined for a
 * cell outside the table (beside it, a cell stays where it is). For a formula of the user's that goes with its row
 * (./kolomVerplaatsing `volgRijen`).
 */
export function rijenNaar(
  plan: TabelPlan,
  bestaand: BestaandeTabel,
  uitkomst: Pick<SamengevoegdeTabel, "kolommen" | "rijen">,
): (rij: number, kolom: number) => number | null | undefined {
  const eerste = plan.start.rij + 1;
  const { voor, na } = rijenVoorEnNa(plan, bestaand, uitkomst);
  const oud = voor.map((r) => r.sleutel);
  const nieuw = new Map<string, number>();
  na.forEach(({ sleutel }, i) => {
    if (sleutel !== "" && !nieuw.has(sleutel)) nieuw.set(sleutel, i);
  });
  const [kolom1, kolom2] = [plan.start.kolom, plan.start.kolom + Math.max(1, bestaand.koppen.length) - 1];
  return (rij, kolom) => {
    if (kolom < kolom1 || kolom > kolom2) return undefined;
    const i = rij - eerste;
    if (plan.totaal && i === oud.length) return eerste + Math.max(1, uitkomst.rijen.length);
    const s = i >= 0 ? oud[i] : undefined;
    const j = s ? nieuw.get(s) : undefined;
    // A row whose key is gone: null (./kolomVerplaatsing `volgRijen` shrinks a range over it, names one on it).
    if (j === undefined) return s ? null : undefined;
    return eerste + j;
  };
}

/** The column that names a row for a reader (a gemeente, a region), when the table has one besides its key. */
function naamKolom(plan: TabelPlan): { sleutel: string; kop: string } | undefined {
  return plan.kolommen.find(
    (k) => k.sleutel !== plan.sleutelKolom && (k.sleutel === "gemeente" || k.sleutel === "naam"),
  );
}

/**
 * What a sheet row of a table will hold after the refill, as `TabelRijen` names it: a row's name, undefined for an
 * empty row of the table, `ONDER_TABEL` below it (`na` ends above that row).
 */
function wordtNaam(na: { readonly sleutel: string; readonly naam: string } | undefined): string | undefined {
  if (!na) return ONDER_TABEL;
  return na.sleutel ? rijNaam(na) : undefined;
}

/**
 * A row as the messages name it: its name and key ("Woudenberg (GM0351)"), the name alone where the key is
 * Opgave's own id ("ontbreekt||GM0351"), else the key ("2024-I").
 */
function rijNaam(r: { readonly sleutel: string; readonly naam: string }): string {
  if (r.sleutel === TOTAALRIJ || r.naam === "" || r.naam === r.sleutel) return r.sleutel;
  return r.sleutel.includes("|") ? r.naam : `${r.naam} (${r.sleutel})`;
}

/** Where a defined name's formula is, for the message: "van naam Totaal", one scoped to a sheet "van naam 'Mijn blad'!Totaal". */
export function naamPlek(naam: string, blad?: string): string {
  return `van naam ${blad === undefined ? "" : `${bladVerwijzing(blad)}!`}${naam}`;
}

/** Where a chart's series is, for the message. */
export function grafiekPlek(blad: string): string {
  return `van een grafiek op blad ${bladVerwijzing(blad)}`;
}

/** A formula of the workbook outside Opgave's tables and cells, as the writers find it. */
export interface FormuleVanGebruiker {
  /** Where it is, for the message ("'Eigen berekening'!B3", "van naam Totaal_A", "van een grafiek op blad …"). */
  readonly plek: string;
  /** The sheet its references without a sheet name are on ("" for a defined name: none). */
  readonly blad: string;
  readonly formule: string;
  /**
   * A formula filled over more cells from this one (a shared formula: `ref`): how many rows and columns, counting
   * its own. Its relative references move along; for the check, each reference is read as the rectangle it
   * sweeps (over-reading an absolute one, which only makes the check stricter).
   */
  readonly herhaald?: { readonly rijen: number; readonly kolommen: number };
  /**
   * Not a formula but a note or a (threaded) comment on the cell `formule` names, or a conditional format, data
   * validation or drawing object of the user's on the cells it names: it stays on its cells while the values move.
   */
  readonly op?: Aantekening;
  /** A drawing object's kind and name (`op` "tekening"): `afbeelding "Logo"`. */
  readonly naam?: string;
  /** Not a formula but where a hyperlink goes (its location in the workbook, `formule`; `plek`: "hyperlink op …"). */
  readonly link?: true;
  /**
   * A cell (`op` "cel") of a formula filled over more cells (`herhaald`), whose finding names them all by this
   * place ("Taakstelling!R15:R18"): the cell is not named apart when that formula is.
   */
  readonly deelVan?: string;
}

/**
 * What of the user's stays on its cells while Opgave's values move (see `FormuleVanGebruiker.op`); "cel": a value or
 * formula of the user's beside a table (outside its columns), on a row of it.
 */
export type Aantekening =
  | "notitie"
  | "opmerking"
  | "hyperlink"
  | "voorwaardelijke opmaak"
  | "gegevensvalidatie"
  | "tekening"
  | "cel"
  | RijAantekening;

/** What of the user's stays on a row's number in Excel (./officeFormules `vraagRijStaat`): `plek` names the row. */
export type RijAantekening = "verborgen rij" | "pagina-einde";

/** Whether `op` is a `RijAantekening` (a hidden row, a page break). */
export function isRijAantekening(op: Aantekening | undefined): op is RijAantekening {
  return op === "verborgen rij" || op === "pagina-einde";
}

/**
 * What of the user's beside a table (outside its columns, on its rows) belongs to the row it stands beside, as a
 * value or note typed next to a gemeente does: named when another gemeente or the totals row comes to stand there
 * (not when the table grows into an empty row, which had nothing beside it). A format or validation beside a table
 * is not, nor a chart or picture floating beside it (over many rows, as a chart is).
 */
const NAAST_RIJ: ReadonlySet<Aantekening> = new Set(["notitie", "opmerking", "cel"]);

/** A formula that reads a row of a table that will hold something else. */
export interface GelezenRij {
  readonly plek: string;
  readonly tabel: string;
  /** The cell read ("Provincie!F20"). */
  readonly cel: string;
  readonly was: string;
  readonly wordt: string | undefined;
  /** A note, comment, format, validation or drawing object on that cell (or range: `plek`), not a formula reading it. */
  readonly op?: Aantekening;
  /** The drawing object's kind and name (`op` "tekening"). */
  readonly naam?: string;
  /** A hyperlink (on `plek`) that goes to that cell, not a formula reading it. */
  readonly link?: true;
  /**
   * The note, comment or cell (`op`, on `cel`) stands beside the table, on a row of it (`NAAST_RIJ`); `aantal` of
   * that kind beside the table in all, within `gebied` ("Provincie!R20:U44"): one finding for them, named by the first.
   */
  readonly naast?: { readonly aantal: number; readonly gebied: string };
  /**
   * A formula of the user's in the table (their own column, the totals row) that reads that row alone, and the row
   * goes: it follows the rows it reads, but this one has no place after (Excel would make it #VERW!).
   */
  readonly vervalt?: true;
  /**
   * The formula reads all of the table's old rows (this range, "Taakstelling!D9:D14") and the table grows: `cel` is
   * the first row it leaves out, `wordt` what that row will hold; `erbij` rows come in all. Or it shrinks (`erbij`
   * below 0: that many rows fewer): `cel` is its old last row, which the formula goes on reading, `wordt` what that
   * row will hold (the totals row). `kop`: the header of the first column it reads (for the advice).
   */
  readonly alleRijen?: {
    readonly bereik: string;
    readonly erbij: number;
    /** The table's new last row in the columns the formula reads ("Taakstelling!G27", "Taakstelling!G27:H27"). */
    readonly tot: string;
    readonly kop: string;
  };
}

function inBereik(a1: number, a2: number, b1: number, b2: number): boolean {
  return a1 <= b2 && b1 <= a2;
}

/**
 * The first row of `t` that rectangle `r` reads and that changes meaning; undefined when none does, or when `r`
 * spans all of the table's rows (a sum, a lookup or a chart over the whole table: it reads the same rows after).
 * `alle`: `r` reads all of the table's old data rows and ends there, while the table grows (`rij` is then the
 * first row it leaves out) — only asked for a formula, not a note or format that stays on its cells.
 */
function gelezenRij(
  t: TabelRijen,
  r: Rechthoek,
  formule: boolean,
  naast: boolean,
): { rij: number; alle: boolean; naast?: true } | undefined {
  const [rij1, rij2] = [r.rij, r.rij + r.rijen - 1];
  if (!inBereik(r.kolom, r.kolom + r.kolommen - 1, t.kolom1, t.kolom2)) {
    const rij = naast ? naastRij(t, rij1, rij2) : undefined;
    return rij === undefined ? undefined : { rij, alle: false, naast: true };
  }
  if (formule && t.erbij && rij1 <= t.rij1 && rij2 === t.erbij.oudLaatste)
    return { rij: t.erbij.rij, alle: true };
  // Over all of the old rows of a table that shrinks: it reads what comes to stand in the old last row.
  if (formule && t.eraf && rij1 <= t.rij1 && rij2 === t.eraf.oudLaatste)
    return { rij: t.eraf.oudLaatste, alle: true };
  if (!inBereik(rij1, rij2, t.rij1, t.rij2) || (rij1 <= t.rij1 && rij2 >= t.rij2)) return undefined;
  for (let rij = Math.max(rij1, t.rij1); rij <= Math.min(rij2, t.rij2); rij++)
    if (t.anders.has(rij)) return { rij, alle: false };
  return undefined;
}

/** The first of rows `rij1`–`rij2` beside table `t` that held one of its rows and will hold another (`NAAST_RIJ`). */
function naastRij(t: TabelRijen, rij1: number, rij2: number): number | undefined {
  for (let rij = Math.max(rij1, t.rij1); rij <= Math.min(rij2, t.rij2); rij++)
    if ((t.anders.get(rij)?.was ?? ONDER_TABEL) !== ONDER_TABEL) return rij;
  return undefined;
}

/**
 * The formulas in `formules` that read, by address, a row of one of `tabellen` that will hold something else (one
 * finding per place: the first such row of its first such formula).
 */
export function gelezenVerschovenRijen(
  tabellen: readonly TabelRijen[],
  formules: Iterable<FormuleVanGebruiker>,
): GelezenRij[] {
  const uit: GelezenRij[] = [];
  if (tabellen.length === 0) return uit;
  const opBlad = (blad: string) => tabellen.filter((t) => t.blad.toLowerCase() === blad.toLowerCase());
  const genoemd = new Set<string>();
  const naast = new NaastGroepen();
  for (const f of formules) {
    // Two objects of a drawing may lie over the same cells: each is named.
    const sleutel = f.naam === undefined ? f.plek : `${f.naam} ${f.plek}`;
    if (genoemd.has(sleutel) || (f.deelVan !== undefined && genoemd.has(f.deelVan))) continue;
    const gevonden = verwijzingenIn(f.formule, f.blad)
      .flatMap((v) => {
        const r = f.herhaald
          ? {
              ...v.rechthoek,
              rijen: v.rechthoek.rijen + f.herhaald.rijen - 1,
              kolommen: v.rechthoek.kolommen + f.herhaald.kolommen - 1,
            }
          : v.rechthoek;
        const naast = f.op !== undefined && NAAST_RIJ.has(f.op);
        return opBlad(v.blad).map((t) => ({ t, r, rij: gelezenRij(t, r, !f.op && !f.link, naast) }));
      })
      .find((x) => x.rij !== undefined);
    if (!gevonden?.rij) continue;
    genoemd.add(sleutel);
    const g = gelezenRijVan(f, gevonden.t, gevonden.r, gevonden.rij);
    if (!g.naast || naast.nieuw(g, gevonden.t.blad, gevonden.r)) uit.push(g);
  }
  return uit.map((g) => naast.samen(g));
}

/** A group of `NaastGroepen`: the sheet, the rectangle its members lie in, how many. */
interface NaastGroep {
  readonly blad: string;
  gebied: Rechthoek;
  aantal: number;
}

/**
 * What stands beside a table's rows, one finding per table and kind (a block of the user's beside a table may hold
 * hundreds of cells): the first, with how many there are and the rectangle they lie in.
 */
class NaastGroepen {
  /** By table and kind, and by the group's first finding. */
  private readonly groepen = new Map<string, NaastGroep>();
  private readonly perEerste = new Map<GelezenRij, NaastGroep>();

  /** Counts `g` (on `r` of sheet `blad`) in its group; true when it is the first of it. */
  nieuw(g: GelezenRij, blad: string, r: Rechthoek): boolean {
    const sleutel = `${g.tabel}\u0000${g.op ?? ""}`;
    const groep = this.groepen.get(sleutel);
    if (!groep) {
      const nieuw = { blad, gebied: r, aantal: 1 };
      this.groepen.set(sleutel, nieuw);
      this.perEerste.set(g, nieuw);
      return true;
    }
    const o = groep.gebied;
    groep.gebied = rechthoekTussen(
      Math.min(o.rij, r.rij),
      Math.min(o.kolom, r.kolom),
      Math.max(o.rij + o.rijen, r.rij + r.rijen) - 1,
      Math.max(o.kolom + o.kolommen, r.kolom + r.kolommen) - 1,
    );
    groep.aantal++;
    return false;
  }

  /** `g` with its group's count and rectangle, when it is the first of a group. */
  samen(g: GelezenRij): GelezenRij {
    const groep = this.perEerste.get(g);
    if (!groep) return g;
    return {
      ...g,
      naast: { aantal: groep.aantal, gebied: `${bladVerwijzing(groep.blad)}!${celOfBereik(groep.gebied)}` },
    };
  }
}

/** "R20" for one cell, "R20:U44" for more. */
function celOfBereik(r: Rechthoek): string {
  return r.rijen * r.kolommen === 1 ? adres(r) : rechthoekBereik(r);
}

/** The finding for note, comment or cell `f` on rectangle `r`, beside row `rij` of table `t` (`naastRij`). */
function naastRijVan(f: FormuleVanGebruiker, t: TabelRijen, r: Rechthoek, rij: number): GelezenRij {
  const anders = t.anders.get(rij);
  return {
    plek: f.plek,
    tabel: t.tabel,
    cel: `${bladVerwijzing(t.blad)}!${celOfBereik(r)}`,
    was: anders?.was ?? "",
    wordt: anders?.wordt,
    ...(f.op ? { op: f.op } : {}),
    ...(f.naam ? { naam: f.naam } : {}),
    naast: { aantal: 1, gebied: `${bladVerwijzing(t.blad)}!${celOfBereik(r)}` },
  };
}

/** The finding for formula `f`, which reads rectangle `r` of table `t` and so row `rij` (`gelezenRij`). */
function gelezenRijVan(
  f: FormuleVanGebruiker,
  t: TabelRijen,
  r: Rechthoek,
  { rij, alle, naast }: { rij: number; alle: boolean; naast?: true },
): GelezenRij {
  if (naast) return naastRijVan(f, t, r, rij);
  const kolom = Math.max(r.kolom, t.kolom1);
  const cel = `${bladVerwijzing(t.blad)}!${adres({ rij, kolom })}`;
  // Over all of the old rows of a table that grows or shrinks: how many rows come (or go), and its new last row.
  const alleRijen = alle ? (t.erbij ?? t.eraf) : undefined;
  if (alleRijen) {
    const erbij = t.erbij ? t.erbij.aantal : -alleRijen.aantal;
    const laatste = { rij: r.rij + r.rijen - 1, kolom: r.kolom + r.kolommen - 1 };
    // The table's new last row, in the columns of the table the formula reads.
    const nieuweLaatste = alleRijen.oudLaatste + erbij;
    const [k1, k2] = [kolom, Math.min(laatste.kolom, t.kolom2)];
    const tot = `${adres({ rij: nieuweLaatste, kolom: k1 })}${k2 > k1 ? `:${adres({ rij: nieuweLaatste, kolom: k2 })}` : ""}`;
    return {
      plek: f.plek,
      tabel: t.tabel,
      cel,
      was: "",
      wordt: alleRijen.wordt,
      alleRijen: {
        bereik: `${bladVerwijzing(t.blad)}!${adres(r)}:${adres(laatste)}`,
        erbij,
        tot: `${bladVerwijzing(t.blad)}!${tot}`,
        kop: t.koppen[kolom - t.kolom1] ?? "",
      },
    };
  }
  const anders = t.anders.get(rij);
  return {
    plek: f.plek,
    tabel: t.tabel,
    cel,
    was: anders?.was ?? "",
    wordt: anders?.wordt,
    ...(f.op ? { op: f.op } : {}),
    ...(f.naam ? { naam: f.naam } : {}),
    ...(f.link ? { link: true as const } : {}),
  };
}

function inhoud(sleutel: string | undefined): string {
  if (sleutel === undefined) return "een lege rij";
  if (sleutel === ONDER_TABEL) return "een lege rij onder de tabel";
  return sleutel === TOTAALRIJ ? "de totaalrij" : `de rij van ${sleutel}`;
}

/**
 * The finding for a formula of the user's in table `tabel` on sheet `blad` (at `plek`, where it is written) that
 * reads row `rij` alone, whose key `sleutel` goes (`GelezenRij.vervalt`).
 */
export function vervallenRij(
  blad: string,
  tabel: string,
  plek: Positie,
  cel: Positie,
  sleutel: string,
): GelezenRij {
  return {
    plek: `${bladVerwijzing(blad)}!${adres(plek)}`,
    tabel,
    cel: `${bladVerwijzing(blad)}!${adres(cel)}`,
    was: sleutel,
    wordt: undefined,
    vervalt: true,
  };
}

/** A finding in Dutch, for the loss list and the pane's question. */
export function gelezenRijTekst(g: GelezenRij): string {
  const [was, wordt] = [inhoud(g.was), inhoud(g.wordt)];
  if (g.alleRijen) {
    // Not which row is new: where one comes back in its place, the rows below it move down and the last falls out.
    const { erbij, tot } = g.alleRijen;
    if (erbij < 0) {
      const minder = erbij === -1 ? "een rij minder" : `${-erbij} rijen minder`;
      return `formule ${g.plek} leest alle rijen van tabel ${g.tabel} (${g.alleRijen.bereik}); na opnieuw vullen heeft de tabel ${minder}, tot en met ${tot}, en leest zij ook ${g.cel}: ${wordt}`;
    }
    const meer = erbij === 1 ? "een rij meer" : `${erbij} rijen meer`;
    return `formule ${g.plek} leest alle rijen van tabel ${g.tabel} (${g.alleRijen.bereik}); na opnieuw vullen heeft de tabel ${meer}, tot en met ${tot}, die zij niet meeneemt`;
  }
  if (g.naast) return naastTekst(g, was, wordt);
  if (g.link)
    return `${g.plek} gaat naar ${g.cel} in tabel ${g.tabel}: nu ${was}, na opnieuw vullen ${wordt}`;
  if (g.vervalt)
    return `formule ${g.plek} leest ${g.cel} in tabel ${g.tabel}: ${was}, die bij opnieuw vullen vervalt`;
  if (g.op === "tekening")
    return `${g.naam ?? "tekening"} van u op ${g.plek} in tabel ${g.tabel}: nu bij ${was}, na opnieuw vullen bij ${wordt} (blijft op dezelfde cellen staan)`;
  if (g.op === "verborgen rij")
    return `${g.plek} is verborgen, in tabel ${g.tabel}: nu ${was}, na opnieuw vullen ${wordt} (een verborgen rij blijft op haar plaats verborgen)`;
  if (g.op === "pagina-einde")
    return `${g.plek}, in tabel ${g.tabel}: nu onder ${was}, na opnieuw vullen onder ${wordt} (een pagina-einde blijft op zijn plaats)`;
  if (g.op === "notitie" || g.op === "opmerking" || g.op === "hyperlink")
    return `${g.op} op ${g.cel} in tabel ${g.tabel}: nu bij ${was}, na opnieuw vullen bij ${wordt} (een ${g.op} blijft op haar cel staan)`;
  return g.op
    ? `${g.op} van u op ${g.plek} in tabel ${g.tabel}: nu bij ${was}, na opnieuw vullen bij ${wordt} (die blijft op haar cellen staan)`
    : `formule ${g.plek} leest ${g.cel} in tabel ${g.tabel}: nu ${was}, na opnieuw vullen ${wordt}`;
}

/** The plural of what stands beside a table (`NAAST_RIJ`). */
const MEERVOUD: Partial<Record<Aantekening, string>> = {
  cel: "cellen",
  notitie: "notities",
  opmerking: "opmerkingen",
};

/** A finding beside a table (`GelezenRij.naast`) in Dutch: one, or how many and where, named by the first. */
function naastTekst(g: GelezenRij, was: string, wordt: string): string {
  const uitleg = "(wat naast een tabel staat, blijft op zijn rij staan)";
  const soort = g.op ?? "cel";
  const aantal = g.naast?.aantal ?? 1;
  if (aantal > 1)
    return `${aantal} ${MEERVOUD[soort] ?? soort} van u naast tabel ${g.tabel} (${g.naast?.gebied ?? g.cel}) staan na opnieuw vullen naast een andere rij, de eerste op ${g.cel}: nu naast ${was}, na opnieuw vullen naast ${wordt} ${uitleg}`;
  const wat = soort === "cel" ? `cel ${g.cel} van u` : `${soort} op ${g.cel}`;
  return `${wat} staat naast tabel ${g.tabel}: nu naast ${was}, na opnieuw vullen naast ${wordt} ${uitleg}`;
}

/** What a user can do about a formula that reads a row by its address (Dutch). */
const GELEZEN_RIJEN_ADVIES =
  "laat zo'n formule haar rij opzoeken op de gemeente of periode (X.ZOEKEN of VERT.ZOEKEN op de tabel) in plaats van het adres van een rij te lezen";

/** Characters in a header for which Excel writes its column in double brackets (a space alone does not count). */
const BIJZONDERE_TEKENS = /[\t\n\r,:.[\]#'"{}$^&*+=\-<>/]/;

/**
 * A column of a table as a structured reference, as Excel writes it: `Tabel[Gehuisvest]`, `Tabel[[Taakstelling
 * 2024-I]]`; `'` before `[`, `]`, `#` and `'` in the header.
 */
export function tabelKolom(tabel: string, kop: string): string {
  const naam = kop.replace(/['[\]#]/g, "'$&");
  return BIJZONDERE_TEKENS.test(kop) ? `${tabel}[[${naam}]]` : `${tabel}[${naam}]`;
}

/**
 * What a user can do about `gelezen`, once per kind (Dutch): look a row up instead of reading its address; read a
 * table's column instead of the range of its rows. None for notes, formats and links (they are moved by hand).
 */
export function gelezenRijenAdvies(gelezen: readonly GelezenRij[]): string[] {
  const advies: string[] = [];
  if (gelezen.some((g) => !g.op && !g.link && !g.alleRijen)) advies.push(GELEZEN_RIJEN_ADVIES);
  const alle = gelezen.find((g) => g.alleRijen);
  if (alle?.alleRijen)
    advies.push(
      `laat een formule over alle rijen van een tabel de tabel bij haar naam lezen (${tabelKolom(alle.tabel, alle.alleRijen.kop)} voor een kolom, ${alle.tabel} voor de hele tabel): die groeit mee met de tabel`,
    );
  return advies;
}
