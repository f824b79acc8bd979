/**
 * npm run test:excel — the self-test scenarios in a real Excel (web, Windows, Mac).
 *
 *   npm run test:excel                        build the test build, serve it on https://localhost:3000, wait ≤ 600 s
 *   npm run test:excel -- --timeout 900       wait longer for Excel (seconds)
 *   npm run test:excel -- --geen-build --map <map>   serve an existing test build
 *   npm run test:excel -- --cert <crt> --key <key>   another certificate than office-addin-dev-certs' localhost one
 *   npm run test:excel -- --poort <n>         another port (0: any free one; the development manifest uses 3000)
 *
 * 1. Builds the add-in with `--env zelftest` (src/taskpane/zelftest/automatisch.ts joins the page: on load in Excel
 *    it runs every scenario of src/taskpane/zelftest/scenarios.ts — the list CI runs against the fake) into
 *    .tmp/test-excel, with the embedded dataset as the default feed.
 * 2. Serves it over HTTPS with the trusted localhost certificate of `npx office-addin-dev-certs install`
 *    (~/.office-addin-dev-certs; Excel loads add-ins only from a trusted https origin) and receives the results:
 *    `POST /zelftest/resultaat`, one JSON message per scenario (name, result, details, ms, Excel version and
 *    platform from Office.context.diagnostics).
 * 3. Prints how to sideload manifest.xml (the development manifest: https://localhost:3000), then each result as it
 *    arrives, and the summary.
 *
 * Exit code: 0 every scenario passed or was skipped with a reason (at least one passed); 1 a scenario failed (or
 * the build, the certificate, the port); 2 no Excel connected — or the run did not finish — within the time-out.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import https from "https";
import type { AddressInfo } from "net";
import os from "os";
import path from "path";
import { parseArgs } from "util";
import type { ZelftestBericht } from "../src/taskpane/zelftest/automatisch";
import type { ScenarioResultaat } from "../src/taskpane/zelftest/scenarios";
import { bestandInMap, stuurBestand } from "./statischeMap";

const ROOT = path.resolve(__dirname, "..");
const PAD = "/zelftest/resultaat";
const MAX_BERICHT = 1_000_000;

export interface Opties {
  timeout: number;
  poort: number;
  map: string;
  bouw: boolean;
  cert: string;
  key: string;
}

function leesOpties(argv: readonly string[]): Opties {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      timeout: { type: "string", default: "600" },
      poort: { type: "string", default: "3000" },
      map: { type: "string" },
      "geen-build": { type: "boolean", default: false },
      cert: { type: "string" },
      key: { type: "string" },
    },
  });
  const timeout = Number(values.timeout);
  const poort = Number(values.poort);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new Error(`--timeout moet een aantal seconden zijn`);
  if (!Number.isInteger(poort) || poort < 0 || poort > 65535) throw new Error(`--poort moet 0–65535 zijn`);
  const certs = path.join(os.homedir(), ".office-addin-dev-certs");
  return {
    timeout,
    poort,
    map: path.resolve(values.map ?? path.join(ROOT, ".tmp/test-excel")),
    bouw: !values["geen-build"],
    cert: values.cert ?? path.join(certs, "localhost.crt"),
    key: values.key ?? path.join(certs, "localhost.key"),
  };
}

/** The test build: development mode (local office.js, source maps), with the self-test on load. */
function bouw(map: string): void {
  const rel = path.relative(ROOT, map);
  console.log(`Testbuild maken in ${rel} …`);
  const node = process.execPath;
  execFileSync(
    node,
    [
      path.join(ROOT, "node_modules/webpack/bin/webpack.js"),
      "--mode",
      "development",
      "--env",
      "zelftest",
      "--env",
      `out=${rel}`,
    ],
    { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] },
  );
  execFileSync(
    node,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/export-bundel.ts", "--out", rel],
    {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
}

function regelVan(r: ScenarioResultaat, versie: string, platform: string): string {
  const teken = r.uitslag === "geslaagd" ? "✓" : r.uitslag === "mislukt" ? "✗" : "–";
  const uitslag = r.uitslag === "mislukt" ? "MISLUKT" : r.uitslag;
  return [
    `${teken} ${r.titel} [${r.naam}] — ${uitslag} (${r.ms} ms) · Excel ${versie} (${platform})`,
    ...r.details.map((d) => `    ${d}`),
  ].join("\n");
}

export interface Uitkomst {
  code: 0 | 1 | 2;
  resultaten: ScenarioResultaat[];
}

/** Serves `map` and receives the results until the run is complete or the time-out passes. */
export async function ontvang(
  o: Opties,
  uit: (t: string) => void,
  bijLuisteren?: (url: string) => void,
): Promise<Uitkomst> {
  const resultaten: ScenarioResultaat[] = [];
  let verbonden = false;
  let klaar: (u: Uitkomst) => void = () => undefined;
  const einde = new Promise<Uitkomst>((r) => (klaar = r));

  const afronden = (): Uitkomst => {
    const tel = (u: string) => resultaten.filter((r) => r.uitslag === u).length;
    const [g, m, s] = [tel("geslaagd"), tel("mislukt"), tel("overgeslagen")];
    uit(`\n${g} geslaagd, ${m} mislukt, ${s} overgeslagen — ${resultaten.reduce((n, r) => n + r.ms, 0)} ms`);
    return { code: m === 0 && g > 0 ? 0 : 1, resultaten };
  };

  const verwerk = (b: ZelftestBericht): void => {
    if (b.soort === "start") {
      verbonden = true;
      const om = b.omgeving;
      uit(`Excel verbonden: ${om.host} ${om.versie} (${om.platform}); ${b.scenarios.length} scenario's`);
      const sets = om.apiSets.filter((a) => a.ondersteund).map((a) => `${a.set} ${a.versie}`);
      if (sets.length > 0) uit(`  API-sets: ${sets.join(", ")}`);
    } else if (b.soort === "resultaat") {
      verbonden = true;
      resultaten.push(b.resultaat);
      uit(regelVan(b.resultaat, b.versie, b.platform));
    } else if (b.soort === "klaar") {
      klaar(afronden());
    } else if (b.soort === "fout") {
      uit(`✗ De zelftest stopte in Excel: ${b.bericht}`);
      klaar({ ...afronden(), code: 1 });
    }
  };

  const server = https.createServer(
    { cert: fs.readFileSync(o.cert), key: fs.readFileSync(o.key) },
    (req, res) => {
      const url = new URL(req.url ?? "/", "https://localhost");
      if (req.method === "POST" && url.pathname === PAD) {
        const delen: Buffer[] = [];
        let grootte = 0;
        req.on("data", (d: Buffer) => {
          grootte += d.length;
          if (grootte > MAX_BERICHT) req.destroy();
          else delen.push(d);
        });
        req.on("end", () => {
          try {
            const b = JSON.parse(Buffer.concat(delen).toString("utf8")) as ZelftestBericht;
            if (!b || typeof b !== "object" || typeof b.soort !== "string") throw new Error("geen bericht");
            res.writeHead(204).end();
            verwerk(b);
          } catch {
            res
              .writeHead(400, { "content-type": "text/plain; charset=utf-8" })
              .end("geen geldig zelftestbericht");
          }
        });
        return;
      }
      const pad = req.method === "GET" ? bestandInMap(o.map, url.pathname) : undefined;
      if (pad === undefined) {
        res.writeHead(404).end();
        return;
      }
      stuurBestand(res, pad, { "cache-control": "no-store" });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.poort, "localhost", () => resolve());
  });
  const url = `https://localhost:${(server.address() as AddressInfo).port}`;
  bijLuisteren?.(url);

  const wekker = setTimeout(() => {
    uit(
      verbonden
        ? `\nDe zelftest in Excel werd niet afgemaakt binnen ${o.timeout} s (${resultaten.length} resultaten ontvangen). ` +
            "Staat Excel nog open met het taakvenster van Opgave? Start opnieuw met een langere --timeout."
        : `\nGeen Excel verbonden binnen ${o.timeout} s: niemand laadde de testbuild. Laad manifest.xml in Excel ` +
            `(zie hierboven), open het taakvenster van Opgave en controleer dat ${url}/taskpane.html in een browser ` +
            "zonder certificaatwaarschuwing opent. Langer wachten: npm run test:excel -- --timeout 900",
    );
    klaar({ code: 2, resultaten });
  }, o.timeout * 1000);
  try {
    return await einde;
  } finally {
    clearTimeout(wekker);
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

function uitleg(url: string, o: Opties): string {
  return `
Opgave — test in Excel
  Testbuild: ${url}/taskpane.html (de invoegtoepassing met de zelftest bij het laden)
  Manifest:  ${path.join(ROOT, "manifest.xml")}${o.poort === 3000 ? "" : `  (let op: dat manifest wijst naar poort 3000, deze server luistert op ${url})`}

  Excel op het web:  Start → Invoegtoepassingen → Meer invoegtoepassingen → Mijn invoegtoepassingen →
                     "Mijn invoegtoepassing uploaden" → kies manifest.xml; open daarna het taakvenster van Opgave.
  Excel (Windows):   zet manifest.xml in een gedeelde netwerkmap, voeg die map toe onder Bestand → Opties →
                     Vertrouwenscentrum → Catalogi met vertrouwde invoegtoepassingen, herstart Excel en kies
                     Invoegen → Mijn invoegtoepassingen → Gedeelde map → Opgave.
  Excel (Mac):       kopieer manifest.xml naar ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef
                     en kies Invoegen → Mijn invoegtoepassingen → Opgave.
  Gebruik een nieuw, leeg werkboek: de zelftest werkt op tijdelijke bladen en verwijdert ze weer.

Wachten op Excel (ten hoogste ${o.timeout} s) …
`;
}

async function main(argv: readonly string[]): Promise<number> {
  let o: Opties;
  try {
    o = leesOpties(argv);
  } catch (e) {
    console.error(`test:excel: ${(e as Error).message}`);
    return 1;
  }
  if (!fs.existsSync(o.cert) || !fs.existsSync(o.key)) {
    console.error(
      `test:excel: geen certificaat (${o.cert}). Excel laadt invoegtoepassingen alleen van een vertrouwde ` +
        "https-bron: voer eenmalig `npx office-addin-dev-certs install` uit, of geef --cert en --key.",
    );
    return 1;
  }
  if (o.bouw) bouw(o.map);
  if (!fs.existsSync(path.join(o.map, "taskpane.html"))) {
    console.error(`test:excel: geen testbuild in ${o.map} (taskpane.html ontbreekt)`);
    return 1;
  }
  try {
    const u = await ontvang(
      o,
      (t) => console.log(t),
      (url) => console.log(uitleg(url, o)),
    );
    return u.code;
  } catch (e) {
    console.error(`test:excel: ${(e as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
