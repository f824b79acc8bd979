/**
 * `opgave bundel haal`: the pane's feed logic from the command line, against a real HTTP server on 127.0.0.1
 * serving a folder of files. A good signed bundle is adopted and its cache folder is a servable mirror; a
 * second call is "ongewijzigd"; a swapped bundle (same version, other numbers) and an unsigned one are refused
 * with exit 1 and the cache stays byte-identical; a restart from the cache re-checks the signature.
 */
import fs from "fs";
import http from "http";
import type { AddressInfo } from "net";
import os from "os";
import path from "path";
import { bundelTekst, maakBundel } from "../../src/data/bundel";
import { standaardDataset } from "../../src/data/embedded";
import { maakSleutelpaar, onderteken, type PubliekeSleutel } from "../../src/data/handtekening";
import { engine, gebruikDataset } from "../../src/data/store";
import { bundelHaal } from "../../src/cli/bundelHaal";

const nu = () => new Date("2026-12-20T00:00:00Z");
let map: string;
let cache: string;
let server: http.Server;
let adres: string;
let sleutel: { prive: string; publiek: PubliekeSleutel };

function dienUit(dir: string): http.Server {
  return http.createServer((req, res) => {
    const bestand = path.join(dir, path.basename((req.url ?? "/").split("?")[0]!));
    if (!fs.existsSync(bestand)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(fs.readFileSync(bestand));
  });
}

async function publiceer(wijzig: (d: ReturnType<typeof standaardDataset>) => void, teken = true) {
  const d = structuredClone(standaardDataset());
  wijzig(d);
  const tekst = bundelTekst(
    maakBundel(d, { gepubliceerd: `${d.datum}T09:00:00Z`, uitgever: "Testuitgever" }),
  );
  fs.writeFileSync(path.join(map, "bundel.json"), tekst);
  const sig = path.join(map, "bundel.json.sig");
  if (teken) fs.writeFileSync(sig, await onderteken(new TextEncoder().encode(tekst), sleutel.prive));
  else fs.rmSync(sig, { force: true });
}

function vang() {
  const out: string[] = [];
  const err: string[] = [];
  return { uit: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const cacheInhoud = () =>
  Object.fromEntries(fs.readdirSync(cache).map((f) => [f, fs.readFileSync(path.join(cache, f), "utf8")]));

beforeAll(async () => {
  sleutel = await maakSleutelpaar("Testuitgever");
  map = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-feed-"));
  cache = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-cache-"));
  server = dienUit(map);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  adres = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bundel.json`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  fs.rmSync(map, { recursive: true, force: true });
  fs.rmSync(cache, { recursive: true, force: true });
  gebruikDataset(standaardDataset());
});

describe("opgave bundel haal", () => {
  test("a good signed bundle is adopted into the cache folder, which is itself a feed; again → unchanged", async () => {
    await publiceer((d) => {
      d.versie = "2026.12.15";
      d.datum = "2026-12-15";
      d.landelijkeTaakstelling.find((l) => l.periode === "2025-I")!.aantal = 16_000;
    });
    const v = vang();
    expect(await bundelHaal({ url: adres, cache, vertrouwd: [sleutel.publiek], nu }, v.uit)).toBe(0);
    expect(v.out.join("\n")).toMatch(
      /Nieuwe bundel: versie 2026\.12\.15 van Testuitgever, ondertekend door Testuitgever/,
    );
    expect(v.out.join("\n")).toMatch(/cijfers veranderen, waarvan \d+ al in gebruik; perioden: 2025-I/);
    expect(v.out.join("\n")).toMatch(/In gebruik: versie 2026\.12\.15/);
    expect(fs.readFileSync(path.join(cache, "bundel.json"))).toEqual(
      fs.readFileSync(path.join(map, "bundel.json")),
    );
    expect(engine().dataset.versie).toBe("2026.12.15");

    const w = vang();
    expect(await bundelHaal({ url: adres, cache, vertrouwd: [sleutel.publiek], nu }, w.uit)).toBe(0);
    expect(w.out.join("\n")).toMatch(/geen nieuwere gegevens; versie 2026\.12\.15 blijft in gebruik/);

    // The cache folder served as a feed is the same bundle with a valid signature.
    const spiegel = dienUit(cache);
    await new Promise<void>((r) => spiegel.listen(0, "127.0.0.1", r));
    const x = vang();
    const spiegelAdres = `http://127.0.0.1:${(spiegel.address() as AddressInfo).port}/bundel.json`;
    expect(await bundelHaal({ url: spiegelAdres, cache, vertrouwd: [sleutel.publiek], nu }, x.uit)).toBe(0);
    await new Promise<void>((r) => spiegel.close(() => r()));
  });

  test("a swapped bundle (same version, other numbers) and an unsigned one: exit 1, cache byte-identical", async () => {
    const voor = cacheInhoud();
    await publiceer((d) => {
      d.versie = "2026.12.15";
      d.datum = "2026-12-15";
      d.landelijkeTaakstelling.find((l) => l.periode === "2025-I")!.aantal = 32_000;
    });
    const v = vang();
    expect(await bundelHaal({ url: adres, cache, vertrouwd: [sleutel.publiek], nu }, v.uit)).toBe(1);
    expect(v.err.join("\n")).toMatch(/hetzelfde versienummer \(2026\.12\.15\).*andere inhoud/);
    expect(cacheInhoud()).toEqual(voor);

    await publiceer((d) => {
      d.versie = "2027.1.5";
      d.datum = "2026-12-19";
    }, false);
    const w = vang();
    expect(await bundelHaal({ url: adres, cache, vertrouwd: [sleutel.publiek], nu }, w.uit)).toBe(1);
    expect(w.err.join("\n")).toMatch(/handtekening van de uitgever ontbreekt/);
    expect(cacheInhoud()).toEqual(voor);
  });

  test("a cache whose bundle was edited on disk is not used (signature checked at start)", async () => {
    const b = path.join(cache, "bundel.json");
    const meta = JSON.parse(fs.readFileSync(path.join(cache, "opgave-cache.json"), "utf8"));
    fs.writeFileSync(b, fs.readFileSync(b, "utf8").replace('"aantal":16000', '"aantal":16001'));
    // Even with the hash "repaired", the publisher's signature no longer holds.
    const { createHash } = await import("crypto");
    meta.hash = createHash("sha256").update(fs.readFileSync(b)).digest("hex");
    fs.writeFileSync(path.join(cache, "opgave-cache.json"), JSON.stringify(meta));
    const v = vang();
    await bundelHaal(
      { url: "https://feed.invalid/bundel.json", cache, vertrouwd: [sleutel.publiek], nu },
      v.uit,
    );
    expect(v.err[0]).toMatch(/bewaarde bundel is beschadigd .*klopt niet bij deze inhoud/);
  });
});

describe("opgave bundel haal: the command line", () => {
  test("wired into opgave bundel, with the development profile trusting the repository's own bundle", async () => {
    const { mainAsync } = await import("../../src/cli/main");
    const v = vang();
    // The repository's own bundle, signed with its development key, served from a folder.
    const eigen = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-eigen-"));
    const { execFileSync } = await import("child_process");
    execFileSync(
      process.execPath,
      [require.resolve("tsx/cli"), "scripts/export-bundel.ts", "--controleer", "--out", eigen],
      {
        cwd: path.resolve(__dirname, "../.."),
        stdio: "pipe",
      },
    );
    const s = dienUit(eigen);
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
    const u = `http://127.0.0.1:${(s.address() as AddressInfo).port}/bundel.json`;
    gebruikDataset(standaardDataset());
    expect(await mainAsync(["bundel", "haal", u], v.uit)).toBe(0);
    expect(v.out.join("\n")).toMatch(/geen nieuwere gegevens/);
    const w = vang();
    expect(await mainAsync(["bundel", "haal", u, "--profiel", "production"], w.uit)).toBe(1);
    expect(w.err.join("\n")).toMatch(/geen vertrouwde sleutel ingesteld/);
    const x = vang();
    expect(await mainAsync(["bundel", "haal"], x.uit)).toBe(2);
    await new Promise<void>((r) => s.close(() => r()));
    fs.rmSync(eigen, { recursive: true, force: true });
  }, 60_000);
});
