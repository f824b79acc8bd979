/**
 * The test build of `npm run test:excel` (webpack `--env zelftest`): this module joins the page's entry, and when
 * the add-in loads in Excel it runs every self-test scenario (./scenarios.ts) and POSTs each result, with the
 * Excel version and platform, to the local receiver that serves the build (scripts/test-excel.ts,
 * `POST /zelftest/resultaat` on the page's own origin: no CORS). Never part of the production build.
 */
import { SCENARIOS, voerZelftestUit, type ScenarioResultaat } from "./scenarios";
import { excelZelftestHost, leesOmgeving, rapportTekst, type Omgeving } from "./rapport";
import { inExcel } from "../excelHost";

/** What the test build sends to the receiver, one JSON object per POST. */
export type ZelftestBericht =
  | {
      readonly soort: "start";
      readonly omgeving: Omgeving;
      readonly scenarios: readonly { readonly naam: string; readonly titel: string }[];
    }
  | {
      readonly soort: "resultaat";
      readonly resultaat: ScenarioResultaat;
      readonly index: number;
      readonly totaal: number;
      readonly versie: string;
      readonly platform: string;
    }
  | { readonly soort: "klaar"; readonly rapport: string }
  | { readonly soort: "fout"; readonly bericht: string };

/** The receiver's path on the page's origin. */
export const ONTVANGER_PAD = "zelftest/resultaat";

async function stuur(bericht: ZelftestBericht): Promise<void> {
  await fetch(new URL(ONTVANGER_PAD, document.baseURI).href, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(bericht),
  });
}

export async function voerAutomatischUit(): Promise<ScenarioResultaat[]> {
  const omgeving = leesOmgeving("test:excel");
  await stuur({
    soort: "start",
    omgeving,
    scenarios: SCENARIOS.map((s) => ({ naam: s.naam, titel: s.titel })),
  });
  try {
    const resultaten = await voerZelftestUit(excelZelftestHost(), (resultaat, index, totaal) =>
      stuur({
        soort: "resultaat",
        resultaat,
        index,
        totaal,
        versie: omgeving.versie,
        platform: omgeving.platform,
      }),
    );
    await stuur({ soort: "klaar", rapport: rapportTekst(omgeving, resultaten, new Date().toISOString()) });
    return resultaten;
  } catch (e) {
    await stuur({ soort: "fout", bericht: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

if (typeof Office !== "undefined")
  void Office.onReady(() => {
    if (inExcel()) void voerAutomatischUit();
  });
