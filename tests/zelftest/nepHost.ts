/**
 * The fake Excel of the tests (../helpers/fakeExcel) as a host for the self-test scenarios
 * (src/taskpane/zelftest/scenarios.ts), in jest and — bundled by ../helpers/browserBundel.ts — in the browser e2e test.
 *
 * It adds to the fake only what the scenarios need and the fake does not model, through the fake's public surface
 * (`context`, `voegToe`, `werkmap`, `herschreven`), never its internals:
 * - `Worksheet.delete()` (ExcelApi 1.1) on sheets got with `worksheets.getItem`: the sheet goes with its tables,
 *   charts and the names scoped to it; a defined name that pointed at it becomes "=#REF!" (as in Excel). The fake's
 *   own `delete`, once it has one, is used instead. To confirm in Excel: the self-test's clean-up (scenario
 *   "functies" onwards).
 * - `Worksheet.calculate(markAllDirty)` (ExcelApi 1.6), only recorded.
 * - Excel computing custom functions: after every sync, each OPGAVE formula written through `Range.formulas` in
 *   that sync (and only those: Excel computes a custom function when its cell is entered, not the user's other
 *   cells) gets the value the registered function gives — a number or text, or the code of the error it throws
 *   (`#VALUE!`, `#N/A`). Arguments: literal text, numbers and TRUE/FALSE (what the scenarios write).
 */
import type { FakeExcel } from "../helpers/fakeExcel";

/** The custom function registered under an id (TAAKSTELLING), as Excel would call it. */
export type Functies = (id: string) => ((...args: unknown[]) => unknown) | undefined;

type Blad = { naam: string };
type Naam = {
  bereik?: Blad;
  blad?: Blad;
  rij?: number;
  kolom?: number;
  rijen?: number;
  kolommen?: number;
  formule?: string;
};
type Tabel = { blad: Blad };

/** An `Excel`-shaped object over the fake: `run(options, batch)` and the enum the add-in reads. */
export interface NepExcel {
  run<T>(
    a: Excel.RunOptions | ((c: Excel.RequestContext) => Promise<T>),
    b?: (c: Excel.RequestContext) => Promise<T>,
  ): Promise<T>;
  CalculationType: { full: "Full"; recalculate: "Recalculate" };
}

/** Splits "a","b",1 at the commas outside quotes and reads each literal. */
export function leesArgumenten(tekst: string): unknown[] {
  if (tekst.trim() === "") return [];
  const delen: string[] = [];
  let huidig = "";
  let inTekst = false;
  for (const c of tekst) {
    if (c === '"') inTekst = !inTekst;
    if (c === "," && !inTekst) {
      delen.push(huidig);
      huidig = "";
    } else huidig += c;
  }
  delen.push(huidig);
  return delen.map((d) => {
    const t = d.trim();
    if (t === "") return undefined;
    if (t.startsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
    if (/^(TRUE|FALSE)$/i.test(t)) return t.toUpperCase() === "TRUE";
    const n = Number(t);
    return Number.isFinite(n) ? n : t;
  });
}

/** The value Excel would show for an OPGAVE formula, or undefined for any other formula. */
export function bereken(formule: string, functies: Functies): string | number | boolean | undefined {
  const m = /^=OPGAVE\.([A-Z0-9_.]+)\((.*)\)$/is.exec(formule.trim());
  if (!m) return undefined;
  const fn = functies((m[1] ?? "").toUpperCase());
  if (!fn) return "#NAME?";
  try {
    const w = fn(...leesArgumenten(m[2] ?? ""));
    return typeof w === "number" || typeof w === "string" || typeof w === "boolean" ? w : "#VALUE!";
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return typeof code === "string" && code.startsWith("#") ? code : "#VALUE!";
  }
}

function verwijderBlad(fx: FakeExcel, naam: string): void {
  const wm = fx.werkmap as unknown as { bladen: Blad[]; tabellen: Tabel[]; namen: Naam[] };
  const blad = wm.bladen.find((b) => b.naam.toLowerCase() === naam.toLowerCase());
  if (!blad) throw Object.assign(new Error(`ItemNotFound: blad ${naam}`), { code: "ItemNotFound" });
  wm.bladen.splice(wm.bladen.indexOf(blad), 1);
  for (let i = wm.tabellen.length - 1; i >= 0; i--)
    if (wm.tabellen[i]?.blad === blad) wm.tabellen.splice(i, 1);
  for (let i = wm.namen.length - 1; i >= 0; i--) if (wm.namen[i]?.bereik === blad) wm.namen.splice(i, 1);
  for (const n of wm.namen) {
    if (n.blad !== blad) continue;
    delete n.blad;
    delete n.rij;
    delete n.kolom;
    delete n.rijen;
    delete n.kolommen;
    n.formule = "=#REF!";
  }
}

/** Makes the fake a host for the scenarios (see the header); returns the `Excel` stand-in. */
export function maakNepExcel(fx: FakeExcel, functies: Functies): NepExcel {
  const context = fx.context as unknown as {
    workbook: {
      worksheets: { getItem: (n: string) => { delete?: () => void; calculate?: (alles?: boolean) => void } };
    };
    sync: () => Promise<void>;
  };
  const bladen = context.workbook.worksheets;
  const getItem = bladen.getItem.bind(bladen);
  bladen.getItem = (naam: string) => {
    const w = getItem(naam);
    if (typeof w.delete !== "function")
      w.delete = () => fx.voegToe("worksheet.delete", naam, () => verwijderBlad(fx, naam));
    // Only recorded, like the fake's application.calculate: the OPGAVE cells are computed after each sync.
    if (typeof w.calculate !== "function")
      w.calculate = (alles?: boolean) => fx.voegToe("worksheet.calculate", naam, () => undefined, alles);
    return w;
  };
  let gezien = fx.herschreven.length;
  const sync = context.sync;
  context.sync = async () => {
    try {
      await sync();
    } finally {
      for (const h of fx.herschreven.slice(gezien)) {
        const waarde = bereken(h.formule, functies);
        if (waarde !== undefined && fx.werkmap.zoekBlad(h.blad))
          fx.werkmap.zet(h.blad, h.adres, { formule: h.formule, waarde });
      }
      gezien = fx.herschreven.length;
    }
  };
  return {
    run: (a, b) => fx.run(a, b),
    CalculationType: { full: "Full", recalculate: "Recalculate" },
  };
}
