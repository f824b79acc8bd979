/**
 * Half-year periods (kalenderhalfjaren, art. 1 Hvw 2014): `2024-I` = 1 Jan–30 Jun, `2024-II` = 1 Jul–31 Dec.
 */
import { berichten } from "./berichten";
import { ongeldig } from "./fouten";
import { GRENZEN } from "./grenzen";

export interface Periode {
  readonly jaar: number;
  readonly helft: 1 | 2;
}

/** Dates as plain calendar days (no time zone involved). */
export interface Dag {
  readonly jaar: number;
  readonly maand: number; // 1–12
  readonly dag: number; // 1–31
}

const ROMEINS = { 1: "I", 2: "II" } as const;

/**
 * The first half-year of a gemeente workbook's Taakstelling table (the first with a known national number in the
 * dataset): every gemeente's table starts there (../workbook/bouwPlan), so a consolidation knows when its first rows
 * were deleted.
 */
export const EERSTE_TABELPERIODE = "2016-II";

export function periodeCode(p: Periode): string {
  return `${p.jaar}-${ROMEINS[p.helft]}`;
}

export function periodeIndex(p: Periode): number {
  return p.jaar * 2 + (p.helft - 1);
}

export function periodeUitIndex(i: number): Periode {
  return { jaar: Math.floor(i / 2), helft: i % 2 === 0 ? 1 : 2 };
}

export function volgendePeriode(p: Periode): Periode {
  return periodeUitIndex(periodeIndex(p) + 1);
}

export function vorigePeriode(p: Periode): Periode {
  return periodeUitIndex(periodeIndex(p) - 1);
}

/** First day of the period. */
export function periodeStart(p: Periode): Dag {
  return { jaar: p.jaar, maand: p.helft === 1 ? 1 : 7, dag: 1 };
}

/** The half-year that contains a day. */
export function periodeVanDag(d: Dag): Periode {
  return { jaar: d.jaar, helft: d.maand <= 6 ? 1 : 2 };
}

/** Reference date of the population under art. 29 Hvw 2014: 1 January of the year before. */
export function peiljaarInwoners(p: Periode): number {
  return p.jaar - 1;
}

export function dagCode(d: Dag): string {
  return `${d.jaar}-${String(d.maand).padStart(2, "0")}-${String(d.dag).padStart(2, "0")}`;
}

/** "24-3-2022" style, as Dutch users write dates. */
export function dagTekst(d: Dag): string {
  return `${d.dag}-${d.maand}-${d.jaar}`;
}

/**
 * Days by ISO text, parsed once: the dataset's dates (when a gemeente began or ended) are asked on almost every
 * question, and a regular expression per question is most of a first answer's cost. Bounded: cleared when full.
 */
const dagen = new Map<string, Dag>();

export function dagUitCode(iso: string): Dag {
  let d = dagen.get(iso);
  if (d === undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) throw new Error(`geen ISO-datum: ${iso}`);
    d = { jaar: Number(m[1]), maand: Number(m[2]), dag: Number(m[3]) };
    if (dagen.size >= 10_000) dagen.clear();
    dagen.set(iso, d);
  }
  return d;
}

export function vergelijkDag(a: Dag, b: Dag): number {
  return a.jaar - b.jaar || a.maand - b.maand || a.dag - b.dag;
}

function geldigeDag(jaar: number, maand: number, dag: number): Dag | null {
  if (maand < 1 || maand > 12 || dag < 1) return null;
  const dagenInMaand = new Date(Date.UTC(jaar, maand, 0)).getUTCDate();
  return dag <= dagenInMaand ? { jaar, maand, dag } : null;
}

/** Excel's day 1 is 1900-01-01; Excel counts a non-existent 29-2-1900 (serial 60). */
const EXCEL_SERIEEL_MIN = GRENZEN.excelDatum.min;
const EXCEL_SERIEEL_MAX = GRENZEN.excelDatum.max; // 31-12-9999

export function dagUitExcelSerieel(serieel: number): Dag | null {
  if (!Number.isFinite(serieel) || serieel < EXCEL_SERIEEL_MIN || serieel > EXCEL_SERIEEL_MAX) return null;
  const heleDagen = Math.floor(serieel);
  // From serial 61 (1-3-1900) on, Excel is one day ahead because of its fictitious 29-2-1900.
  const basis = heleDagen >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  if (heleDagen === 60) return null;
  const d = new Date(basis + heleDagen * 86400000);
  return { jaar: d.getUTCFullYear(), maand: d.getUTCMonth() + 1, dag: d.getUTCDate() };
}

const JAAR_MIN = GRENZEN.jaar.min;
const JAAR_MAX = GRENZEN.jaar.max;

/**
 * Parse the forms seen in the wild: `2024-I`, `2024-II`, `2024 I`, `2024-1`, `2024 - 2`, `2024/1`,
 * `H1 2024`, `2024H2`, `1e helft 2024`, `eerste helft 2024`, `tweede helft 2024`, `I-2024`, and
 * a month (`juli 2024`, `jul. 2024`) or a date (`2024-03-15`, `15-3-2024`, an Excel serial number) → the
 * half-year containing it. Not `2024-07`: beside `2024-2` (the second half-year) a month by number misleads.
 */
export function parsePeriode(invoer: string | number): Periode {
  if (typeof invoer === "number") return periodeUitGetal(invoer);
  const tekst = invoer.trim();
  if (tekst === "") throw ongeldig(berichten.periodeLeeg());
  const p = periodeUitTekst(metKoppeltekens(tekst));
  if (p === null) throw ongeldig(berichten.periodeOnbekendFormaat(tekst));
  return p;
}

function periodeUitGetal(getal: number): Periode {
  if (Number.isInteger(getal) && getal >= JAAR_MIN && getal <= JAAR_MAX) {
    throw ongeldig(berichten.periodeAlleenJaar(getal));
  }
  const dag = dagUitExcelSerieel(getal);
  if (dag === null) throw ongeldig(berichten.periodeGetalOngeldig(getal));
  // 2024,2 (Dutch Excel reads "2024,2" as a number) meant a half-year, not a day in 1905.
  const jaar = Math.floor(getal);
  if (jaar >= JAAR_MIN && jaar <= JAAR_MAX)
    throw ongeldig(berichten.periodeJaarMetKomma(getal, jaar, dagTekst(dag)));
  return periodeVanDag(dag);
}

function helftUit(s: string): 1 | 2 | null {
  switch (s.toLowerCase()) {
    case "i":
    case "1":
    case "1e":
    case "1ste":
    case "eerste":
      return 1;
    case "ii":
    case "2":
    case "2e":
    case "2de":
    case "tweede":
      return 2;
    default:
      return null;
  }
}

function maak(jaarTekst: string, helftTekst: string): Periode | null {
  const jaar = Number(jaarTekst);
  const helft = helftUit(helftTekst);
  if (helft === null || jaar < JAAR_MIN || jaar > JAAR_MAX) return null;
  return { jaar, helft };
}

const VORMEN: ReadonlyArray<{ re: RegExp; jaar: number; helft: number }> = [
  // 2024-I, 2024 - II, 2024/1, 2024 2, 2024-h1, 2024H2
  { re: /^(\d{4})\s*[-/ ]?\s*h?\s*(ii|i|1|2)$/i, jaar: 1, helft: 2 },
  // H1 2024, H2-2024, I-2024, II 2024
  { re: /^h?\s*(ii|i|1|2)\s*[-/ ]\s*(\d{4})$/i, jaar: 2, helft: 1 },
  { re: /^h\s*(1|2)\s*[-/ ]?\s*(\d{4})$/i, jaar: 2, helft: 1 },
  // eerste helft 2024, 1e helft 2024, 2de halfjaar 2024
  {
    re: /^(eerste|tweede|1e|2e|1ste|2de|1|2)\s*(?:helft|halfjaar)\s*(?:van\s*)?(\d{4})$/i,
    jaar: 2,
    helft: 1,
  },
];

/** Dutch month names and their short forms (with the English ones that differ: mar, may, oct), by month number. */
const MAANDEN: ReadonlyMap<string, number> = new Map(
  (
    [
      ["januari", "jan"],
      ["februari", "feb"],
      ["maart", "mrt", "mar"],
      ["april", "apr"],
      ["mei", "may"],
      ["juni", "jun"],
      ["juli", "jul"],
      ["augustus", "aug"],
      ["september", "sep", "sept"],
      ["oktober", "okt", "oct"],
      ["november", "nov"],
      ["december", "dec"],
    ] as const
  ).flatMap((namen, i) => namen.map((n): [string, number] => [n, i + 1])),
);

/** "juli 2024", "jul. 2024" → the half-year the month lies in (a month never spans two). */
function periodeUitMaand(tekst: string): Periode | null {
  const m = /^([a-z]+)\.?\s*[-/ ]?\s*(\d{4})$/i.exec(tekst);
  const maand = m ? MAANDEN.get((m[1] ?? "").toLowerCase()) : undefined;
  if (!m || maand === undefined) return null;
  return maak(m[2] ?? "", maand <= 6 ? "1" : "2");
}

function periodeUitTekst(tekst: string): Periode | null {
  for (const vorm of VORMEN) {
    const m = vorm.re.exec(tekst);
    if (m) return maak(m[vorm.jaar] ?? "", m[vorm.helft] ?? "");
  }
  const uitMaand = periodeUitMaand(tekst);
  if (uitMaand) return uitMaand;
  const dag = dagUitTekst(tekst);
  return dag === null ? null : periodeVanDag(dag);
}

/** An en dash, em dash or minus sign from a pasted document (2024–II, 15–3–2024) as the hyphen meant. */
function metKoppeltekens(tekst: string): string {
  return tekst.replace(/[\u2010-\u2015\u2212]/g, "-");
}

/** `2024-03-15` (ISO) or `15-3-2024` / `15/03/2024` / `15.3.2024` (Dutch day-month-year). */
export function dagUitTekst(tekst: string): Dag | null {
  const t = metKoppeltekens(tekst.trim());
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return geldigeDag(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const nl = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (nl) return geldigeDag(Number(nl[3]), Number(nl[2]), Number(nl[1]));
  return null;
}
