/**
 * `npm run test:excel` (scripts/test-excel.ts) without Excel: the script runs as a process (tsx) on an existing
 * "test build" (a folder with a taskpane.html), with a certificate made here by openssl, and this test plays the
 * add-in in Excel — it POSTs what src/taskpane/zelftest/automatisch.ts posts. Checked: the build is served over
 * HTTPS; every result is printed with its time and the Excel version; exit 0 when all pass, 1 when one fails, 2 with
 * the Dutch time-out message when no Excel connects; no certificate → exit 1 with how to get one.
 */
import { execFileSync, spawn, spawnSync } from "child_process";
import fs from "fs";
import https from "https";
import os from "os";
import path from "path";
import type { ZelftestBericht } from "../../src/taskpane/zelftest/automatisch";
import type { ScenarioResultaat } from "../../src/taskpane/zelftest/scenarios";

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, "../..");
const map = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-test-excel-"));
const cert = path.join(map, "localhost.crt");
const key = path.join(map, "localhost.key");

/** openssl makes the certificate; without it (outside CI) the suite is skipped with one loud line. */
const metOpenssl = spawnSync("openssl", ["version"]).status === 0;
if (!metOpenssl && process.env.CI !== "true") {
  console.warn(
    "⚠⚠ OVERGESLAGEN: tests/manifest/testExcel.test.ts — openssl ontbreekt (apt-get install openssl)",
  );
}
const test = metOpenssl || process.env.CI === "true" ? global.test : global.test.skip;
afterAll(() => fs.rmSync(map, { recursive: true, force: true }));

beforeAll(() => {
  if (!metOpenssl && process.env.CI !== "true") return;
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1"].concat([
      "-subj",
      "/CN=localhost",
    ]),
    { stdio: "ignore" },
  );
  fs.mkdirSync(path.join(map, "build"));
  fs.writeFileSync(path.join(map, "build", "taskpane.html"), "<!doctype html><title>testbuild</title>");
});

interface Proces {
  url: Promise<string>;
  klaar: Promise<{ code: number | null; uit: string; fout: string }>;
}

function start(...extra: string[]): Proces {
  const kind = spawn(
    process.execPath,
    [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      "scripts/test-excel.ts",
      "--geen-build",
      "--map",
      path.join(map, "build"),
      "--poort",
      "0",
      "--cert",
      cert,
      "--key",
      key,
      ...extra,
    ],
    { cwd: ROOT },
  );
  let uit = "";
  let fout = "";
  let gevonden: (u: string) => void = () => undefined;
  const url = new Promise<string>((r) => (gevonden = r));
  kind.stdout.on("data", (d: Buffer) => {
    uit += d.toString("utf8");
    const m = /Testbuild: (https:\/\/localhost:\d+)\//.exec(uit);
    if (m?.[1]) gevonden(m[1]);
  });
  kind.stderr.on("data", (d: Buffer) => (fout += d.toString("utf8")));
  const klaar = new Promise<{ code: number | null; uit: string; fout: string }>((r) =>
    kind.on("exit", (code) => r({ code, uit, fout })),
  );
  return { url, klaar };
}

function vraag(url: string, methode: string, body?: unknown): Promise<{ status: number; tekst: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method: methode, rejectUnauthorized: false, headers: { "content-type": "application/json" } },
      (res) => {
        let tekst = "";
        res.on("data", (d: Buffer) => (tekst += d.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, tekst }));
      },
    );
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const resultaat = (naam: string, uitslag: ScenarioResultaat["uitslag"], ms: number): ScenarioResultaat => ({
  naam,
  titel: `Scenario ${naam}`,
  uitslag,
  details: [`detail van ${naam}`],
  ms,
});

async function stuurRun(url: string, resultaten: ScenarioResultaat[]): Promise<void> {
  const berichten: ZelftestBericht[] = [
    {
      soort: "start",
      omgeving: {
        versie: "16.0.18025.20000",
        platform: "OfficeOnline",
        host: "Excel",
        addin: "test:excel",
        apiSets: [
          { set: "ExcelApi", versie: "1.13", ondersteund: true },
          { set: "ExcelApi", versie: "1.17", ondersteund: false },
        ],
      },
      scenarios: resultaten.map((r) => ({ naam: r.naam, titel: r.titel })),
    },
    ...resultaten.map((r, index): ZelftestBericht => ({
      soort: "resultaat",
      resultaat: r,
      index,
      totaal: resultaten.length,
      versie: "16.0.18025.20000",
      platform: "OfficeOnline",
    })),
    { soort: "klaar", rapport: "…" },
  ];
  for (const b of berichten) expect((await vraag(`${url}/zelftest/resultaat`, "POST", b)).status).toBe(204);
}

test("serves the test build, prints every result with time and Excel version, exits 0 when all pass", async () => {
  const p = start("--timeout", "30");
  const url = await p.url;
  const pagina = await vraag(`${url}/taskpane.html`, "GET");
  expect(pagina.status).toBe(200);
  expect(pagina.tekst).toContain("testbuild");
  expect((await vraag(`${url}/../../etc/passwd`, "GET")).status).toBe(404);
  expect((await vraag(`${url}/zelftest/resultaat`, "POST", "geen json")).status).toBe(400);
  await stuurRun(url, [resultaat("functies", "geslaagd", 412), resultaat("overzicht", "overgeslagen", 3)]);
  const { code, uit } = await p.klaar;
  expect(uit).toContain("Excel verbonden: Excel 16.0.18025.20000 (OfficeOnline); 2 scenario's");
  expect(uit).toContain("API-sets: ExcelApi 1.13");
  expect(uit).toContain(
    "✓ Scenario functies [functies] — geslaagd (412 ms) · Excel 16.0.18025.20000 (OfficeOnline)",
  );
  expect(uit).toContain("    detail van functies");
  expect(uit).toContain("– Scenario overzicht [overzicht] — overgeslagen (3 ms)");
  expect(uit).toContain("1 geslaagd, 0 mislukt, 1 overgeslagen — 415 ms");
  expect(uit).toContain("Mijn invoegtoepassing uploaden");
  expect(code).toBe(0);
});

test("a failed scenario: exit 1", async () => {
  const p = start("--timeout", "30");
  await stuurRun(await p.url, [
    resultaat("functies", "geslaagd", 5),
    resultaat("herbevulling", "mislukt", 9),
  ]);
  const { code, uit } = await p.klaar;
  expect(uit).toContain("✗ Scenario herbevulling [herbevulling] — MISLUKT (9 ms)");
  expect(uit).toContain("1 geslaagd, 1 mislukt, 0 overgeslagen");
  expect(code).toBe(1);
});

test("no Excel within the time-out: the Dutch message, exit 2", async () => {
  const p = start("--timeout", "1");
  const { code, uit } = await p.klaar;
  expect(uit).toMatch(/Geen Excel verbonden binnen 1 s: niemand laadde de testbuild\./);
  expect(uit).toContain("--timeout 900");
  expect(code).toBe(2);
});

test("no certificate: exit 1 with how to get one", async () => {
  const p = start("--cert", path.join(map, "bestaat-niet.crt"));
  const { code, fout } = await p.klaar;
  expect(fout).toContain("npx office-addin-dev-certs install");
  expect(code).toBe(1);
});
