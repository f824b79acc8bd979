/**
 * Moments as Dutch users read them: wall-clock time in the Netherlands (Europe/Amsterdam, summer time included),
 * "1-12-2026 04:10:05". Inside, a moment is an ISO 8601 UTC string ("2026-12-01T03:10:05.000Z"); a workbook
 * stores it as an Excel date serial of the Dutch wall-clock time (Excel dates have no time zone), shown with
 * NOTATIE_TIJDSTIP. Pure: only the built-in Intl time-zone data.
 */

/** Excel number format of a moment: day-month-year hours:minutes:seconds (the same in every locale). */
export const NOTATIE_TIJDSTIP = "d-m-yyyy hh:mm:ss";
/** Excel number format of a date. */
export const NOTATIE_DATUM = "d-m-yyyy";

const ZONE = "Europe/Amsterdam";
const DAG_MS = 86_400_000;
/** Excel's day 0 (1899-12-30; serial 1 = 1-1-1900, with Lotus's leap-year bug accounted for after 28-2-1900). */
const EXCEL_NUL_MS = Date.UTC(1899, 11, 30);

/**
 * The formatter that splits an instant into Dutch wall-clock fields; made on first use (a time-zone formatter costs
 * milliseconds to build, and the custom functions load this module before they can answer).
 */
let delenFormaat: Intl.DateTimeFormat | undefined;
function delen(): Intl.DateTimeFormat {
  delenFormaat ??= new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  return delenFormaat;
}

/** The Dutch wall-clock time of `ms` (a UTC instant), as milliseconds of a UTC date with the same fields. */
function wandklok(ms: number): number {
  const d: Record<string, number> = {};
  for (const p of delen().formatToParts(new Date(ms))) if (p.type !== "literal") d[p.type] = Number(p.value);
  const heel = Math.floor(ms / 1000) * 1000;
  return (
    Date.UTC(d.year ?? 1970, (d.month ?? 1) - 1, d.day ?? 1, d.hour ?? 0, d.minute ?? 0, d.second ?? 0) +
    (ms - heel)
  );
}

function alsMs(iso: string): number | undefined {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** "1-12-2026 04:10:05": the UTC fields of `w` (a wall-clock time read as UTC); with `alleenDatum` "1-12-2026". */
function veldenNl(w: Date, alleenDatum = false): string {
  const datum = `${w.getUTCDate()}-${w.getUTCMonth() + 1}-${w.getUTCFullYear()}`;
  if (alleenDatum) return datum;
  const twee = (n: number) => String(n).padStart(2, "0");
  return `${datum} ${twee(w.getUTCHours())}:${twee(w.getUTCMinutes())}:${twee(w.getUTCSeconds())}`;
}

/** "1-12-2026 04:10:05" (Dutch time) for an ISO moment; text that is no moment is returned as it is. */
export function tijdstipNl(iso: string): string {
  const ms = alsMs(iso);
  return ms === undefined ? iso : veldenNl(new Date(wandklok(ms)));
}

/**
 * An Excel date serial as Excel shows it with NOTATIE_TIJDSTIP ("1-12-2026 04:10:05") or, `alleenDatum`, with
 * NOTATIE_DATUM ("1-12-2026"): its own fields, as a serial is wall-clock time without a time zone (also in the
 * hour summer time skips); undefined for a serial that is no date.
 */
export function serieNl(serie: number, alleenDatum = false): string | undefined {
  const w = new Date(Math.round(EXCEL_NUL_MS + serie * DAG_MS));
  return Number.isNaN(w.getTime()) ? undefined : veldenNl(w, alleenDatum);
}

/** "1-12-2026" for an ISO date ("2026-12-01") or moment; other text as it is. */
export function datumNl(iso: string): string {
  const alleenDatum = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (alleenDatum) return `${Number(alleenDatum[3])}-${Number(alleenDatum[2])}-${alleenDatum[1]}`;
  return tijdstipNl(iso).split(" ")[0] ?? iso;
}

/** The Excel date serial of an ISO moment's Dutch wall-clock time (an ISO date "2026-12-01" is that day 0:00). */
export function excelSerie(iso: string): number | undefined {
  const alleenDatum = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const ms = alsMs(alleenDatum ? `${iso}T00:00:00Z` : iso);
  if (ms === undefined) return undefined;
  const wand = alleenDatum ? ms : wandklok(ms);
  return (wand - EXCEL_NUL_MS) / DAG_MS;
}

/** The Excel serial of a Date a spreadsheet library made of a date cell (its wall-clock fields read as UTC). */
export function serieUitDatum(d: Date): number {
  return (d.getTime() - EXCEL_NUL_MS) / DAG_MS;
}

/**
 * The ISO UTC moment of a Dutch wall-clock time given as an Excel serial, or as the Date a spreadsheet library
 * makes of one (the wall-clock fields read as UTC). Rounded to whole milliseconds; in the hour that occurs twice
 * in autumn, the later one.
 */
export function isoUitExcel(waarde: number | Date): string | undefined {
  const wand = typeof waarde === "number" ? Math.round(EXCEL_NUL_MS + waarde * DAG_MS) : waarde.getTime();
  if (!Number.isFinite(wand)) return undefined;
  // The offset is that of the instant, which depends on the instant: two steps settle it (also around DST).
  let ms = wand - (wandklok(wand) - wand);
  ms = wand - (wandklok(ms) - ms);
  return new Date(ms).toISOString();
}
