/**
 * What the self-test reports besides the scenarios: the Excel it ran in (Office.context.diagnostics: version,
 * platform, host) and the API sets that Excel supports (Office.context.requirements.isSetSupported), and the report
 * as plain text — shown (and copied) by the pane's Zelftest and printed by `npm run test:excel`.
 */
import type { ScenarioResultaat, Uitslag, ZelftestHost } from "./scenarios";
import { zelftestBerichten as zb } from "../berichten";
import { RUN_OPTIES } from "../excelHost";

export interface Omgeving {
  /** Office.context.diagnostics.version, e.g. "16.0.17928.20114"; "onbekend" outside Office. */
  readonly versie: string;
  /** Office.context.diagnostics.platform, e.g. "PC", "OfficeOnline", "Mac". */
  readonly platform: string;
  /** Office.context.diagnostics.host, e.g. "Excel". */
  readonly host: string;
  /** Per API set and version: supported or not (absent: unknown, outside Office). */
  readonly apiSets: readonly {
    readonly set: string;
    readonly versie: string;
    readonly ondersteund: boolean;
  }[];
  /** The add-in's version. */
  readonly addin: string;
}

/** The sets the report lists: what the add-in uses or could use. */
export const API_SETS: readonly { set: string; versies: readonly string[] }[] = [
  { set: "ExcelApi", versies: Array.from({ length: 17 }, (_, i) => `1.${i + 1}`) },
  { set: "SharedRuntime", versies: ["1.1"] },
  { set: "CustomFunctionsRuntime", versies: ["1.1", "1.2", "1.3", "1.4"] },
];

/** The Excel the pane runs in; "onbekend" and no API sets outside Office (the tests' fake, a browser). */
export function leesOmgeving(addin: string): Omgeving {
  const context = typeof Office !== "undefined" ? Office.context : undefined;
  const diag = context?.diagnostics;
  const vereisten = context?.requirements;
  const apiSets = vereisten
    ? API_SETS.flatMap(({ set, versies }) =>
        versies.map((versie) => ({ set, versie, ondersteund: vereisten.isSetSupported(set, versie) })),
      )
    : [];
  return {
    versie: diag?.version ?? "onbekend",
    platform: diag?.platform ? String(diag.platform) : "onbekend",
    host: diag?.host ? String(diag.host) : "onbekend",
    apiSets,
    addin,
  };
}

/** Excel through Office.js, with the add-in's own run options (`delayForCellEdit`). */
export function excelZelftestHost(): ZelftestHost {
  return {
    soort: "excel",
    run: (batch) => Excel.run(RUN_OPTIES, batch),
    wacht: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}

/** "ExcelApi 1.1–1.17; SharedRuntime 1.1; CustomFunctionsRuntime 1.1–1.4 (niet: 1.4)". */
export function apiSetRegels(o: Omgeving): string[] {
  if (o.apiSets.length === 0) return ["  onbekend (niet in Office)"];
  return API_SETS.map(({ set }) => {
    const rijen = o.apiSets.filter((a) => a.set === set);
    const ja = rijen.filter((a) => a.ondersteund).map((a) => a.versie);
    const nee = rijen.filter((a) => !a.ondersteund).map((a) => a.versie);
    const deel = ja.length === 0 ? "geen" : ja.length === 1 ? ja[0] : `${ja[0]}–${ja[ja.length - 1]}`;
    return `  ${set}: ${deel}${nee.length > 0 ? ` (niet: ${nee.join(", ")})` : ""}`;
  });
}

function telling(resultaten: readonly ScenarioResultaat[], u: Uitslag): number {
  return resultaten.filter((r) => r.uitslag === u).length;
}

export function samenvatting(resultaten: readonly ScenarioResultaat[]): string {
  return zb.samenvatting(
    telling(resultaten, "geslaagd"),
    telling(resultaten, "mislukt"),
    telling(resultaten, "overgeslagen"),
  );
}

/** One scenario: "✓ Eigen functies, berekend door Excel — geslaagd (412 ms)" and its details indented. */
export function scenarioRegels(r: ScenarioResultaat): string[] {
  const teken = r.uitslag === "geslaagd" ? "✓" : r.uitslag === "mislukt" ? "✗" : "–";
  return [
    `${teken} ${r.titel} [${r.naam}] — ${zb.uitslag[r.uitslag]} (${r.ms} ms)`,
    ...r.details.map((d) => `    ${d}`),
  ];
}

/** The whole report as copyable text. */
export function rapportTekst(
  o: Omgeving,
  resultaten: readonly ScenarioResultaat[],
  tijdstip: string,
): string {
  const totaal = resultaten.reduce((n, r) => n + r.ms, 0);
  return [
    `Opgave zelftest — ${tijdstip}`,
    `Opgave ${o.addin}; Excel ${o.versie} (${o.platform}, ${o.host})`,
    "API-sets:",
    ...apiSetRegels(o),
    "",
    ...resultaten.flatMap(scenarioRegels),
    "",
    `${samenvatting(resultaten)} — ${totaal} ms`,
  ].join("\n");
}
