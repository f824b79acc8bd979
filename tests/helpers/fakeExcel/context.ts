import { fout } from "./fouten";
import type { FakeHerschrijving, FakeLogRegel } from "./model";
import { FakeNamen } from "./names";
import { FakeTabellen } from "./table";
import { FakeWerkmap } from "./werkmap";
import { FakeWerkbladen } from "./worksheet";

export class FakeApplication {
  constructor(private readonly fx: FakeExcel) {}

  /** Only recorded: the fake has no calculation engine. */
  // BEVESTIG in Excel [B15] (scenario "feedupdate"): application.calculate(Full) recomputes the OPGAVE cells (the fake only records it)
  calculate(soort: string): void {
    this.fx.voegToe("calculate", "application", () => undefined, soort);
  }
}

export class FakeWorkbook {
  readonly worksheets: FakeWerkbladen;
  readonly tables: FakeTabellen;
  readonly names: FakeNamen;
  readonly application: FakeApplication;

  constructor(fx: FakeExcel) {
    this.worksheets = new FakeWerkbladen(fx, () => fx.werkmap.bladen, "worksheets");
    this.tables = new FakeTabellen(fx, null, "tables");
    this.names = new FakeNamen(fx, () => fx.werkmap.namen.filter((n) => !n.bereik), "names");
    this.application = new FakeApplication(fx);
  }
}

export interface Opdracht {
  actie: string;
  doel: string | (() => string);
  details?: unknown;
  uitvoeren: () => number | void;
}

function doelNaam(doel: string | (() => string)): string {
  if (typeof doel === "string") return doel;
  try {
    return doel();
  } catch {
    return "?";
  }
}

/** UTF-8 bytes of a value as JSON (what it costs in a request or response). */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? "";
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return n;
}

/** What a command costs in the request besides its data (object path, action, property name). */
export const BYTES_PER_OPDRACHT = 200;

/** The fake: a model, a command queue and a RequestContext-shaped `context`. */
export class FakeExcel {
  /** Number of `context.sync()` calls. */
  syncs = 0;
  /** Every command that ran, in order. */
  readonly log: FakeLogRegel[] = [];
  /** Cells written through values/formulas per sync (index 0 = the first sync). */
  readonly cellenPerSync: number[] = [];
  /** Request and response size per sync, in bytes (index 0 = the first sync). */
  readonly bytesPerSync: { verzoek: number; antwoord: number }[] = [];
  /** Every formula written through `Range.formulas`, with the formula the cell had before. */
  readonly herschreven: FakeHerschrijving[] = [];
  /** Excel on the web's limit on a request and on a response (5 MB). */
  payloadGrens = 5_000_000;
  /** AutoExpand of tables by API writes (see the header); off unless a test turns it on. */
  autoUitbreiden = false;
  /** Syncs that waited for the user to finish editing a cell (`run` with delayForCellEdit). */
  gewachtOpBewerking = 0;
  readonly context: Excel.RequestContext;
  private wachtrij: Opdracht[] = [];
  private antwoord = 0;
  private bewerking: { klaar: Promise<void>; los: () => void } | undefined;
  private uitstellen = false;
  private readonly falen: { actie: string; code: string; bericht: string }[] = [];

  constructor(readonly werkmap: FakeWerkmap = new FakeWerkmap()) {
    const workbook = new FakeWorkbook(this);
    const ctx = { workbook, sync: () => this.sync() };
    this.context = ctx as unknown as Excel.RequestContext;
  }

  /** Used by the proxies: queue a command for the next sync. */
  voegToe(
    actie: string,
    doel: string | (() => string),
    uitvoeren: () => number | void,
    details?: unknown,
  ): void {
    this.wachtrij.push({ actie, doel, uitvoeren, details });
  }

  /** Used by the proxies: a loaded value is part of the response. */
  telAntwoord(waarde: unknown): void {
    this.antwoord += jsonBytes(waarde);
  }

  /**
   * `Excel.run` on this fake: `run(batch)` or `run(options, batch)`. With `delayForCellEdit: true` a sync while the
   * user edits a cell waits until `stopBewerken()`; without it, it fails (see `bewerkCel`).
   */
  async run<T>(
    a: Excel.RunOptions | ((c: Excel.RequestContext) => Promise<T>),
    b?: (c: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    const [opties, batch] = typeof a === "function" ? [{}, a] : [a, b];
    if (!batch) throw fout("InvalidArgument", "Excel.run zonder batch");
    this.uitstellen = (opties as Excel.RunOptions).delayForCellEdit === true;
    try {
      return await batch(this.context);
    } finally {
      this.uitstellen = false;
    }
  }

  /** The user starts editing a cell (cell edit mode): syncs fail, or wait under delayForCellEdit. */
  bewerkCel(): void {
    if (this.bewerking) return;
    let los = (): void => undefined;
    const klaar = new Promise<void>((r) => (los = r));
    this.bewerking = { klaar, los };
  }

  /** The user pressed Enter or Esc: waiting syncs go on. */
  stopBewerken(): void {
    const b = this.bewerking;
    this.bewerking = undefined;
    b?.los();
  }

  /** The next command `actie` (e.g. "formulas", "load", "table.resize") fails with Excel's error `code`. */
  faalBij(actie: string, code: string, bericht = "door de test"): void {
    this.falen.push({ actie, code, bericht });
  }

  async sync(): Promise<void> {
    if (this.bewerking) {
      if (!this.uitstellen) {
        this.wachtrij = [];
        // BEVESTIG in Excel [B4] (scenario "celbewerking"): a sync while the user edits a cell fails with InvalidOperationInCellEditMode; with run({ delayForCellEdit: true }) it waits
        throw fout("InvalidOperationInCellEditMode", "de gebruiker bewerkt een cel");
      }
      this.gewachtOpBewerking++;
      await this.bewerking.klaar;
    }
    this.syncs++;
    const nr = this.syncs;
    const batch = this.wachtrij;
    this.wachtrij = [];
    const verzoek = batch.reduce((n, o) => n + BYTES_PER_OPDRACHT + jsonBytes(o.details ?? null), 0);
    this.antwoord = 0;
    let cellen = 0;
    try {
      if (verzoek > this.payloadGrens)
        // BEVESTIG in Excel [B6] (scenario "overzicht (groot)"): Excel on the web refuses a request over 5 MB (RequestPayloadSizeLimitExceeded); the fake counts the JSON of the data plus 200 bytes per command
        throw fout("RequestPayloadSizeLimitExceeded", `verzoek van ${verzoek} bytes`);
      for (const o of batch) {
        let n: number | void;
        try {
          const i = this.falen.findIndex((f) => f.actie === o.actie);
          const f = i >= 0 ? this.falen.splice(i, 1)[0] : undefined;
          if (f) throw fout(f.code, f.bericht);
          n = o.uitvoeren();
        } catch (e) {
          this.log.push({ sync: nr, actie: o.actie, doel: doelNaam(o.doel), details: { fout: String(e) } });
          throw e;
        }
        if (o.actie !== "getItemOrNullObject")
          this.log.push({ sync: nr, actie: o.actie, doel: doelNaam(o.doel), details: o.details });
        if (typeof n === "number") cellen += n;
      }
      if (this.antwoord > this.payloadGrens)
        // BEVESTIG in Excel [B7] (scenario "hervulling (groot werkboek)"): a response over 5 MB fails with ResponsePayloadSizeLimitExceeded (simplified: the batch's commands did run)
        throw fout("ResponsePayloadSizeLimitExceeded", `antwoord van ${this.antwoord} bytes`);
    } finally {
      this.cellenPerSync.push(cellen);
      this.bytesPerSync.push({ verzoek, antwoord: this.antwoord });
    }
    await Promise.resolve();
  }

  /** Commands of one kind, e.g. "formulas", with their targets. */
  acties(actie: string): FakeLogRegel[] {
    return this.log.filter((r) => r.actie === actie);
  }
}
