/**
 * The decision feed against a REAL local HTTP server (node:http on 127.0.0.1): good bundle with ETag/304, a
 * changed bundle (diff for Utrecht), a stale one, broken JSON, schema errors, a newer format, 404/500, slow
 * headers and a stalling body, huge bodies with and without Content-Length and a gzip body that inflates beyond
 * the cap, and a closed port. Every failure: the right reden, a Dutch message, and — through BundelBeheer — the
 * data in use and the cached last good bundle untouched. Also the cache (start, corruption, staleness) and the
 * storage adapters (memory, OfficeRuntime.storage with a fake host object, IndexedDB in headless Chromium).
 */
import http from "http";
import type { AddressInfo } from "net";
import { gzipSync } from "zlib";
import { createHash } from "crypto";
import type { Browser } from "playwright-core";
import { bundelHash, bundelTekst, ingebouwdeBundel, maakBundel } from "../../src/data/bundel";
import { BundelBeheer } from "../../src/data/bundelBeheer";
import { standaardDataset } from "../../src/data/embedded";
import { haalBundel, type FeedUitkomst, type FoutReden } from "../../src/data/feed";
import {
  geheugenOpslag,
  indexedDbOpslag,
  kiesOpslag,
  officeRuntimeOpslag,
  type BundelOpslag,
  type OpgeslagenBundel,
} from "../../src/data/opslag";
import type { Dataset } from "../../src/data/schema";
import { engine, gebruikDataset } from "../../src/data/store";
import { feedBerichten } from "../../src/domain/berichten";
import { art29 } from "../../src/domain/taakstelling";
import { startBrowser } from "../helpers/browser";

const MB = 1024 * 1024;
const UTRECHT = "GM0344";
const ingebouwd = standaardDataset();

function dataset(wijzig: (d: Dataset) => void): Dataset {
  const d = structuredClone(ingebouwd);
  wijzig(d);
  return d;
}
const tekstVan = (d: Dataset, uitgever = "Testfeed") =>
  bundelTekst(maakBundel(d, { gepubliceerd: `${d.datum}T09:00:00Z`, uitgever }));

/** A: newer than the embedded dataset, same figures. */
const A = dataset((d) => {
  d.versie = "2026.12.1";
  d.datum = "2026-12-01";
});
/** B: newer than A, national taakstelling 2025-I raised from 15,000 to 16,000. */
const B = dataset((d) => {
  d.versie = "2026.12.15";
  d.datum = "2026-12-15";
  d.landelijkeTaakstelling.find((l) => l.periode === "2025-I")!.aantal = 16_000;
});
const OUD = dataset((d) => {
  d.versie = "2025.6.1";
  d.datum = "2025-06-01";
});
const tekstA = tekstVan(A);
const tekstB = tekstVan(B);
const tekstEigen = bundelTekst(ingebouwdeBundel(ingebouwd));

// ---------------------------------------------------------------------------------------------- the server

interface Verzoek {
  pad: string;
  ifNoneMatch: string | undefined;
}
const verzoeken: Verzoek[] = [];
const timers = new Set<NodeJS.Timeout>();
let server: http.Server;
let basis: string;
let geslotenPoort: number;

function later(ms: number, f: () => void) {
  const t = setTimeout(() => {
    timers.delete(t);
    f();
  }, ms);
  timers.add(t);
}

/** Per streamed response: bytes handed to the socket, and whether all of them were sent. */
const gestreamd: { bytes: number; klaar: boolean }[] = [];

/** Stream `totaal` bytes in 64 KB chunks (chunked encoding, no Content-Length) until done or the client leaves. */
function pomp(res: http.ServerResponse, totaal: number) {
  const deel = Buffer.alloc(64 * 1024, 0x20);
  let verstuurd = 0;
  res.on("close", () => gestreamd.push({ bytes: verstuurd, klaar: res.writableFinished }));
  const verder = () => {
    while (!res.destroyed && verstuurd < totaal) {
      verstuurd += deel.length;
      if (!res.write(deel)) {
        res.once("drain", verder);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  verder();
}

function metEtag(req: http.IncomingMessage, res: http.ServerResponse, tekst: string, etag: string) {
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, { etag }).end();
    return;
  }
  res.writeHead(200, { "content-type": "application/json", etag }).end(tekst);
}

const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {
  "/goed": (req, res) => metEtag(req, res, tekstA, '"a-1"'),
  // The same dataset version as /goed, other bytes and another ETag (republished).
  "/goed-opnieuw": (req, res) => metEtag(req, res, tekstVan(A, "Testfeed (opnieuw)"), '"a-2"'),
  "/gewijzigd": (req, res) => metEtag(req, res, tekstB, '"b-1"'),
  "/eigen": (req, res) => metEtag(req, res, tekstEigen, '"eigen-1"'),
  "/zonder-etag": (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(tekstA),
  "/oud": (_req, res) => res.writeHead(200).end(tekstVan(OUD)),
  "/kapot": (_req, res) => res.writeHead(200).end(tekstA.slice(0, 5000)),
  "/geen-utf8": (_req, res) => res.writeHead(200).end(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])),
  "/ongeldig": (_req, res) => {
    const b = JSON.parse(tekstA);
    b.dataset.gemeenten[0].code = "XX0001";
    b.dataset.landelijkeTaakstelling[0].aantal = -5;
    res.writeHead(200).end(JSON.stringify(b));
  },
  "/inconsistent": (_req, res) => {
    const b = JSON.parse(tekstA);
    b.dataset.officieleTaakstelling.push({ periode: "2025-I", gemeente: "GM9999", aantal: 10, bron: "x" });
    res.writeHead(200).end(JSON.stringify(b));
  },
  "/formaat2": (_req, res) =>
    res.writeHead(200).end(JSON.stringify({ ...JSON.parse(tekstA), formaatVersie: 2 })),
  "/geen-bundel": (_req, res) => res.writeHead(200).end(JSON.stringify(A)),
  "/404": (_req, res) => res.writeHead(404).end("niet gevonden"),
  "/500": (_req, res) => res.writeHead(500).end("stuk"),
  "/traag": (_req, res) => later(3000, () => res.writeHead(200).end(tekstB)),
  "/traag-body": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write(tekstB.slice(0, 1000));
    later(3000, () => res.end(tekstB.slice(1000)));
  },
  "/groot-met-lengte": (_req, res) => {
    res.writeHead(200, { "content-length": String(3 * MB) });
    pomp(res, 3 * MB);
  },
  "/groot-zonder-lengte": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    pomp(res, 50 * MB);
  },
  // Honest Content-Length of the compressed body (≈ 20 KB), which inflates to 20 MB.
  "/gzip-bom": (_req, res) => {
    const z = gzipSync(Buffer.alloc(20 * MB, 0x20));
    res.writeHead(200, { "content-encoding": "gzip", "content-length": String(z.length) }).end(z);
  },
  "/gzip-goed": (_req, res) => {
    const z = gzipSync(Buffer.from(tekstB, "utf8"));
    res.writeHead(200, { "content-encoding": "gzip", "content-length": String(z.length) }).end(z);
  },
  "/leeg.html": (_req, res) =>
    res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>t</title>"),
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const pad = (req.url ?? "/").split("?")[0]!;
    verzoeken.push({ pad, ifNoneMatch: req.headers["if-none-match"] as string | undefined });
    res.on("error", () => undefined);
    const route = routes[pad];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  basis = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was just free: nothing listens there.
  const tijdelijk = http.createServer();
  await new Promise<void>((r) => tijdelijk.listen(0, "127.0.0.1", r));
  geslotenPoort = (tijdelijk.address() as AddressInfo).port;
  await new Promise<void>((r) => tijdelijk.close(() => r()));
});

afterAll(async () => {
  for (const t of timers) clearTimeout(t);
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  gebruikDataset(standaardDataset());
});

afterEach(() => gebruikDataset(standaardDataset()));

const url = (pad: string) => `${basis}${pad}`;

// ---------------------------------------------------------------------------------------------- haalBundel

describe("haalBundel", () => {
  test("a good bundle: nieuw, with the exact text, its SHA-256, the ETag and the fetch time", async () => {
    const u = await haalBundel({ url: url("/goed"), nu: () => new Date("2026-12-02T10:00:00Z") });
    expect(u.soort).toBe("nieuw");
    if (u.soort !== "nieuw") return;
    expect(u.tekst).toBe(tekstA);
    expect(u.hash).toBe(createHash("sha256").update(tekstA, "utf8").digest("hex"));
    expect(u.etag).toBe('"a-1"');
    expect(u.opgehaald).toBe("2026-12-02T10:00:00.000Z");
    expect(u.bundel.dataset.versie).toBe("2026.12.1");
    expect(u.bundel.uitgever).toBe("Testfeed");
  });

  test("If-None-Match with the known ETag; 304 → ongewijzigd", async () => {
    verzoeken.length = 0;
    const u = await haalBundel({ url: url("/goed"), huidig: { dataset: A, etag: '"a-1"' } });
    expect(u).toMatchObject({ soort: "ongewijzigd", etag: '"a-1"' });
    expect(u.soort === "ongewijzigd" && u.tekst).toBe(undefined);
    expect(verzoeken).toEqual([{ pad: "/goed", ifNoneMatch: '"a-1"' }]);
  });

  test("the same dataset id + versie + datum (other bytes, new ETag) → ongewijzigd, with the body to cache", async () => {
    const u = await haalBundel({ url: url("/goed-opnieuw"), huidig: { dataset: A, etag: '"a-1"' } });
    expect(u.soort).toBe("ongewijzigd");
    if (u.soort !== "ongewijzigd") return;
    expect(u.etag).toBe('"a-2"');
    expect(u.tekst).toContain("Testfeed (opnieuw)");
    expect(u.hash).toBe(await bundelHash(u.tekst!));
  });

  test("a gzip-encoded bundle within the cap is accepted (the cap counts the decoded bytes)", async () => {
    const u = await haalBundel({ url: url("/gzip-goed"), huidig: { dataset: A }, maxBytes: MB });
    expect(u.soort).toBe("nieuw");
    expect(u.soort === "nieuw" && u.hash).toBe(await bundelHash(tekstB));
  });

  test("a newer bundle is not refused for being newer; an older one is (no silent downgrade)", async () => {
    expect((await haalBundel({ url: url("/gewijzigd"), huidig: { dataset: A } })).soort).toBe("nieuw");
    const u = await haalBundel({ url: url("/goed"), huidig: { dataset: B } });
    expect(u).toMatchObject({ soort: "fout", reden: "ouder" });
  });

  const gevallen: [string, FoutReden, RegExp, { timeoutMs?: number; maxBytes?: number }][] = [
    [
      "/oud",
      "ouder",
      /^De bundel van 1-6-2025 \(versie 2025\.6\.1\) is ouder dan de gegevens in gebruik \(versie 2026\.12\.1\); Opgave gebruikt hem niet\./,
      {},
    ],
    ["/kapot", "json", /geen geldige JSON/, {}],
    ["/geen-utf8", "json", /geen geldige UTF-8/, {}],
    [
      "/ongeldig",
      "schema",
      /voldoet niet aan het bundelformaat \(2 problemen: dataset\.gemeenten\.0\.code: gemeentecode als GM0000/,
      {},
    ],
    ["/inconsistent", "schema", /niet consistent .*gemeente GM9999 staat niet in gemeenten/, {}],
    ["/formaat2", "formaat", /nieuwere indeling.*werk Opgave bij/, {}],
    ["/geen-bundel", "formaat", /geen Opgave-bundel/, {}],
    ["/404", "http", /geen bundel op het feed-adres .*HTTP 404.*Controleer het adres onder Instellingen/, {}],
    ["/bestaat-niet", "http", /HTTP 404/, {}],
    ["/500", "http", /server van de feed gaf een fout .*HTTP 500.*Probeer het later opnieuw/, {}],
    ["/traag", "timeout", /antwoordde niet binnen 0,3 seconden/, { timeoutMs: 300 }],
    ["/traag-body", "timeout", /antwoordde niet binnen 0,3 seconden/, { timeoutMs: 300 }],
    ["/groot-met-lengte", "te-groot", /groter dan 1 MB/, { maxBytes: MB }],
    ["/groot-zonder-lengte", "te-groot", /groter dan 1 MB/, { maxBytes: MB }],
    ["/gzip-bom", "te-groot", /groter dan 1 MB/, { maxBytes: MB }],
  ];

  test.each(gevallen)("%s → fout %s with a Dutch message", async (pad, reden, bericht, opties) => {
    const begin = Date.now();
    const u = await haalBundel({ url: url(pad), huidig: { dataset: A, etag: '"a-1"' }, ...opties });
    expect(u).toMatchObject({ soort: "fout", reden });
    if (u.soort !== "fout") return;
    expect(u.bericht).toMatch(bericht);
    if (reden !== "ouder") expect(u.bericht).toMatch(/De gegevens in gebruik blijven ongewijzigd\.$/);
    // Stopped early, not after the slow server or the whole stream.
    if (reden === "timeout" || reden === "te-groot") expect(Date.now() - begin).toBeLessThan(2500);
    // Refused on the header alone when the server announces too much.
    if (pad === "/groot-met-lengte") expect(u.details).toEqual([`Content-Length: ${3 * MB} bytes`]);
    if (pad === "/groot-zonder-lengte" || pad === "/gzip-bom")
      expect(u.details).toEqual([`meer dan ${MB} bytes ontvangen`]);
  });

  test("the size cap applies while streaming: the client hangs up long before a 50 MB body is sent", async () => {
    gestreamd.length = 0;
    const u = await haalBundel({ url: url("/groot-zonder-lengte"), maxBytes: MB });
    expect(u).toMatchObject({ soort: "fout", reden: "te-groot" });
    await new Promise((r) => setTimeout(r, 300));
    expect(gestreamd).toHaveLength(1);
    expect(gestreamd[0]!.klaar).toBe(false);
    expect(gestreamd[0]!.bytes).toBeLessThan(50 * MB);
  });

  test("a closed port → netwerk: check the connection or the feed URL in Instellingen", async () => {
    const u = await haalBundel({ url: `http://127.0.0.1:${geslotenPoort}/bundel.json` });
    expect(u).toMatchObject({ soort: "fout", reden: "netwerk" });
    if (u.soort !== "fout") return;
    expect(u.bericht).toMatch(
      /kon de feed niet bereiken.*Controleer de internetverbinding en het feed-adres onder Instellingen/,
    );
    expect(u.bericht).toMatch(/De gegevens in gebruik blijven ongewijzigd\./);
    expect(u.details?.join(" ")).toMatch(/ECONNREFUSED/);
  });

  test("an invalid or non-http URL → netwerk, without a request", async () => {
    for (const u of ["", "ftp://example.org/bundel.json", "bundel.json", "http://"]) {
      const uit = await haalBundel({ url: u });
      expect(uit).toMatchObject({ soort: "fout", reden: "netwerk" });
      expect(uit.soort === "fout" && uit.bericht).toMatch(/geen geldig webadres/);
    }
  });

  test("a fetch that throws synchronously or rejects oddly still gives an outcome, never an exception", async () => {
    const gooit = (() => {
      throw "kapot";
    }) as unknown as typeof fetch;
    await expect(haalBundel({ url: url("/goed"), fetch: gooit })).resolves.toMatchObject({
      soort: "fout",
      reden: "netwerk",
    });
  });
});

// ---------------------------------------------------------------------------------------------- BundelBeheer

interface Opstelling {
  beheer: BundelBeheer;
  opslag: BundelOpslag;
  goed: OpgeslagenBundel;
}

/** A pane that has accepted bundle A from /goed. */
async function metGoedeBundel(opties: { timeoutMs?: number; maxBytes?: number } = {}): Promise<Opstelling> {
  const opslag = geheugenOpslag();
  const beheer = new BundelBeheer({ opslag, ingebouwd, timeoutMs: 5000, maxBytes: MB, ...opties });
  await beheer.start();
  const r = await beheer.ververs(url("/goed"), UTRECHT);
  expect(r.uitkomst.soort).toBe("nieuw");
  expect(engine().dataset.versie).toBe("2026.12.1");
  const goed = await opslag.lees();
  expect(goed).toMatchObject({ bronUrl: url("/goed"), etag: '"a-1"', hash: await bundelHash(tekstA) });
  return { beheer, opslag, goed: goed! };
}

describe("BundelBeheer with the feed", () => {
  test("start without a cache: the embedded dataset", async () => {
    const beheer = new BundelBeheer({
      opslag: geheugenOpslag(),
      ingebouwd,
      nu: () => new Date("2026-12-01T00:00:00Z"),
    });
    const s = await beheer.start();
    expect(s).toMatchObject({
      datasetId: "opgave-standaard",
      versie: "2026.11.28",
      bron: "ingebouwd",
      verouderd: false,
    });
    expect(s.melding).toBeUndefined();
    expect(s.opgehaald).toBeUndefined();
    expect(engine().dataset).toBe(ingebouwd);
  });

  test("a new bundle: cached, in use, status from the feed, no changes for Utrecht (same figures)", async () => {
    const { beheer } = await metGoedeBundel();
    const s = beheer.status();
    expect(s).toMatchObject({
      versie: "2026.12.1",
      datum: "2026-12-01",
      bron: "feed",
      bronUrl: url("/goed"),
      uitgever: "Testfeed",
      gepubliceerd: "2026-12-01T09:00:00Z",
      hash: await bundelHash(tekstA),
    });
    expect(s.melding).toMatch(/^Nieuwe gegevens in gebruik: versie 2026\.12\.1 van 1-12-2026\./);
  });

  test("second refresh sends If-None-Match → 304 → ongewijzigd; the fetch time is renewed, data untouched", async () => {
    let klok = new Date("2026-12-02T10:00:00Z");
    const opslag = geheugenOpslag();
    const beheer = new BundelBeheer({ opslag, ingebouwd, nu: () => klok });
    await beheer.start();
    await beheer.ververs(url("/goed"));
    const inGebruik = engine();
    klok = new Date("2026-12-05T10:00:00Z");
    verzoeken.length = 0;
    const r = await beheer.ververs(url("/goed"), UTRECHT);
    expect(verzoeken).toEqual([{ pad: "/goed", ifNoneMatch: '"a-1"' }]);
    expect(r.uitkomst.soort).toBe("ongewijzigd");
    expect(r.wijzigingen).toBeUndefined();
    expect(engine()).toBe(inGebruik);
    expect(r.status).toMatchObject({
      versie: "2026.12.1",
      bron: "feed",
      opgehaald: "2026-12-05T10:00:00.000Z",
    });
    expect(r.status.melding).toBe(
      "De feed heeft geen nieuwere gegevens; versie 2026.12.1 blijft in gebruik.",
    );
    expect(await opslag.lees()).toMatchObject({
      opgehaald: "2026-12-05T10:00:00.000Z",
      etag: '"a-1"',
      tekst: tekstA,
    });
    // The ETag belongs to its URL: another URL is fetched without it.
    verzoeken.length = 0;
    await beheer.ververs(url("/zonder-etag"));
    expect(verzoeken).toEqual([{ pad: "/zonder-etag", ifNoneMatch: undefined }]);
  });

  test("a changed bundle: accepted, and the diff shows Taakstelling 2025-I old → new for Utrecht", async () => {
    const { beheer, opslag } = await metGoedeBundel();
    const r = await beheer.ververs(url("/gewijzigd"), UTRECHT);
    expect(r.uitkomst.soort).toBe("nieuw");
    const g = ingebouwd.gemeenten.find((x) => x.code === UTRECHT)!;
    const nieuw = art29(16_000, g.inwoners["2024"]!, ingebouwd.land.inwoners["2024"]!);
    expect(r.wijzigingen).toEqual([
      { onderwerp: "Taakstelling 2025-I", oud: 313, nieuw },
      { onderwerp: "Landelijk 2025-I", oud: 15_000, nieuw: 16_000 },
    ]);
    expect(engine().dataset.versie).toBe("2026.12.15");
    expect(engine().taakstelling("Utrecht", "2025-I").aantal).toBe(nieuw);
    expect(await opslag.lees()).toMatchObject({ etag: '"b-1"', hash: await bundelHash(tekstB) });

    // A restart uses the cached bundle B; the older A is then refused (no silent downgrade).
    gebruikDataset(standaardDataset());
    const opnieuw = new BundelBeheer({ opslag, ingebouwd });
    expect(await opnieuw.start()).toMatchObject({
      bron: "cache",
      versie: "2026.12.15",
      bronUrl: url("/gewijzigd"),
    });
    expect(engine().dataset.versie).toBe("2026.12.15");
    const terug = await opnieuw.ververs(url("/goed"), UTRECHT);
    expect(terug.uitkomst).toMatchObject({ soort: "fout", reden: "ouder" });
    expect(engine().dataset.versie).toBe("2026.12.15");
  });

  const storingen: [string, FoutReden, { timeoutMs?: number }][] = [
    ["/oud", "ouder", {}],
    ["/kapot", "json", {}],
    ["/ongeldig", "schema", {}],
    ["/inconsistent", "schema", {}],
    ["/formaat2", "formaat", {}],
    ["/404", "http", {}],
    ["/500", "http", {}],
    ["/traag", "timeout", { timeoutMs: 300 }],
    ["/traag-body", "timeout", { timeoutMs: 300 }],
    ["/groot-met-lengte", "te-groot", {}],
    ["/groot-zonder-lengte", "te-groot", {}],
    ["/gzip-bom", "te-groot", {}],
    ["closed port", "netwerk", {}],
  ];

  test.each(storingen)(
    "%s: fout %s; the data in use and the cached bundle stay untouched",
    async (pad, reden, opties) => {
      const { beheer, opslag, goed } = await metGoedeBundel(opties);
      const inGebruik = engine();
      const statusVoor = beheer.status();
      const adres = pad === "closed port" ? `http://127.0.0.1:${geslotenPoort}/bundel.json` : url(pad);
      const r = await beheer.ververs(adres, UTRECHT);
      expect(r.uitkomst).toMatchObject({ soort: "fout", reden });
      const bericht = (r.uitkomst as Extract<FeedUitkomst, { soort: "fout" }>).bericht;
      expect(bericht).toMatch(/Opgave|bundel|feed/);
      expect(r.wijzigingen).toBeUndefined();
      expect(engine()).toBe(inGebruik);
      expect(engine().dataset.versie).toBe("2026.12.1");
      expect(await opslag.lees()).toEqual(goed);
      expect(r.status).toEqual({ ...statusVoor, melding: bericht });
    },
  );

  test("the default feed (the add-in's own copy of the embedded data): ongewijzigd, and now cached", async () => {
    const opslag = geheugenOpslag();
    const klok = new Date("2027-03-01T12:00:00Z");
    const beheer = new BundelBeheer({ opslag, ingebouwd, nu: () => klok });
    expect((await beheer.start()).verouderd).toBe(true); // embedded datum 28-11-2026 is > 30 days ago
    const r = await beheer.ververs(url("/eigen"));
    expect(r.uitkomst.soort).toBe("ongewijzigd");
    expect(r.status).toMatchObject({
      bron: "ingebouwd",
      versie: "2026.11.28",
      opgehaald: "2027-03-01T12:00:00.000Z",
      verouderd: false,
    });
    expect(engine().dataset).toBe(ingebouwd);
    expect(await opslag.lees()).toMatchObject({ tekst: tekstEigen, etag: '"eigen-1"' });
    verzoeken.length = 0;
    await beheer.ververs(url("/eigen"));
    expect(verzoeken).toEqual([{ pad: "/eigen", ifNoneMatch: '"eigen-1"' }]);
  });

  test("refreshes run one after another", async () => {
    const beheer = new BundelBeheer({ opslag: geheugenOpslag(), ingebouwd });
    await beheer.start();
    const [a, b] = await Promise.all([
      beheer.ververs(url("/goed")),
      beheer.ververs(url("/gewijzigd"), UTRECHT),
    ]);
    expect(a.uitkomst.soort).toBe("nieuw");
    expect(b.uitkomst.soort).toBe("nieuw");
    expect(b.wijzigingen?.[0]?.onderwerp).toBe("Taakstelling 2025-I");
    expect(engine().dataset.versie).toBe("2026.12.15");
  });

  test("a cache that cannot be written: the new data is used, the message says it was not saved", async () => {
    const opslag: BundelOpslag = {
      naam: "vol",
      lees: async () => undefined,
      schrijf: async () => {
        throw new Error("QuotaExceededError");
      },
      wis: async () => undefined,
    };
    const beheer = new BundelBeheer({ opslag, ingebouwd });
    await beheer.start();
    const r = await beheer.ververs(url("/goed"));
    expect(r.uitkomst.soort).toBe("nieuw");
    expect(engine().dataset.versie).toBe("2026.12.1");
    expect(r.status.melding).toMatch(/konden niet worden bewaard \(QuotaExceededError\)/);
  });

  test("the status the pane shows: version, date, source, when fetched, and a warning when stale", async () => {
    const klok = new Date("2027-02-01T12:00:00Z");
    const beheer = new BundelBeheer({ opslag: geheugenOpslag(), ingebouwd, nu: () => klok });
    const voor = feedBerichten.statusRegels(await beheer.start());
    expect(voor[0]).toBe("Gegevens: opgave-standaard versie 2026.11.28 van 28-11-2026");
    expect(voor[1]).toBe("Bron: ingebouwd in Opgave");
    expect(voor[2]).toBe("Opgehaald: nog niet (ingebouwde gegevens)");
    expect(voor[3]).toMatch(/^Let op: de gegevens zijn al 65 dagen niet bijgewerkt\./);
    const na = feedBerichten.statusRegels((await beheer.ververs(url("/goed"))).status);
    expect(na[0]).toBe("Gegevens: opgave-standaard versie 2026.12.1 van 1-12-2026");
    expect(na[1]).toBe(`Bron: feed (${url("/goed")}), uitgever Testfeed`);
    expect(na[2]).toMatch(/^Opgehaald: 1-2-2027 \d\d:00$/);
    expect(na).toHaveLength(3);
  });

  test("gebruikIngebouwd: forget the cache, back to the embedded data", async () => {
    const { beheer, opslag } = await metGoedeBundel();
    const s = await beheer.gebruikIngebouwd();
    expect(s).toMatchObject({ bron: "ingebouwd", versie: "2026.11.28" });
    expect(engine().dataset).toBe(ingebouwd);
    expect(await opslag.lees()).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------- cache at start

describe("BundelBeheer.start with a cache", () => {
  const record = async (tekst: string, extra: Partial<OpgeslagenBundel> = {}): Promise<OpgeslagenBundel> => ({
    tekst,
    hash: await bundelHash(tekst),
    etag: '"x"',
    bronUrl: "https://feed.example/bundel.json",
    opgehaald: "2026-12-02T10:00:00.000Z",
    ...extra,
  });
  const start = async (opslag: BundelOpslag, nu = "2026-12-03T00:00:00Z") => {
    const beheer = new BundelBeheer({ opslag, ingebouwd, nu: () => new Date(nu) });
    return beheer.start();
  };

  test("a valid cached bundle newer than the embedded one is used", async () => {
    const s = await start(geheugenOpslag(await record(tekstA)));
    expect(s).toMatchObject({
      bron: "cache",
      versie: "2026.12.1",
      bronUrl: "https://feed.example/bundel.json",
      opgehaald: "2026-12-02T10:00:00.000Z",
      uitgever: "Testfeed",
      verouderd: false,
      dagenOud: 0,
    });
    expect(s.melding).toBeUndefined();
    expect(engine().dataset.versie).toBe("2026.12.1");
  });

  test("stale: fetched more than 30 days ago → verouderd, with the number of days", async () => {
    expect(await start(geheugenOpslag(await record(tekstA)), "2027-01-01T11:00:00Z")).toMatchObject({
      verouderd: false,
      dagenOud: 30,
    });
    expect(await start(geheugenOpslag(await record(tekstA)), "2027-01-02T11:00:00Z")).toMatchObject({
      verouderd: true,
      dagenOud: 31,
    });
  });

  const geweigerd: [string, () => Promise<BundelOpslag>, RegExp][] = [
    [
      "text changed after caching (hash mismatch)",
      async () => geheugenOpslag({ ...(await record(tekstA)), tekst: tekstB }),
      /beschadigd .*controlegetal klopt niet/,
    ],
    [
      "a record of the wrong shape",
      async () => geheugenOpslag({ iets: "anders" } as unknown as OpgeslagenBundel),
      /beschadigd .*onbekende indeling/,
    ],
    [
      "intact but not JSON",
      async () => geheugenOpslag(await record("{ kapot")),
      /beschadigd .*geen geldige JSON/,
    ],
    [
      "intact but not valid",
      async () => geheugenOpslag(await record(tekstA.replace('"GM0344"', '"GM03444"'))),
      /beschadigd .*dataset\.gemeenten/,
    ],
    [
      "older than the embedded dataset",
      async () => geheugenOpslag(await record(tekstVan(OUD))),
      /versie 2025\.6\.1\) is ouder dan de gegevens die in deze versie van Opgave zijn ingebouwd \(versie 2026\.11\.28\)/,
    ],
    [
      "storage that cannot be read",
      async () => ({
        naam: "kapot",
        lees: async () => {
          throw new Error("toegang geweigerd");
        },
        schrijf: async () => undefined,
        wis: async () => undefined,
      }),
      /kon niet worden gelezen \(toegang geweigerd\)/,
    ],
  ];

  test.each(geweigerd)(
    "%s → ignored with a message, the embedded dataset is used",
    async (_naam, maak, melding) => {
      gebruikDataset(B); // something else was in use: start must install the embedded dataset
      const s = await start(await maak());
      expect(s).toMatchObject({ bron: "ingebouwd", versie: "2026.11.28" });
      expect(s.melding).toMatch(melding);
      expect(engine().dataset).toBe(ingebouwd);
    },
  );
});

// ---------------------------------------------------------------------------------------------- storage adapters

/** OfficeRuntime.storage as the host offers it (string values), with an optional total size limit. */
function nepOfficeStorage(limiet = Infinity) {
  const items = new Map<string, string>();
  const gebruikt = () => [...items.values()].reduce((a, v) => a + v.length, 0);
  return {
    items,
    storage: {
      getItem: async (k: string) => items.get(k) ?? null,
      setItem: async (k: string, v: string) => {
        if (gebruikt() - (items.get(k)?.length ?? 0) + v.length > limiet)
          throw new Error("QuotaExceededError");
        items.set(k, v);
      },
      removeItem: async (k: string) => {
        items.delete(k);
      },
    },
  };
}

describe("storage adapters", () => {
  const g = globalThis as { OfficeRuntime?: unknown; Office?: unknown };
  afterEach(() => {
    delete g.OfficeRuntime;
    delete g.Office;
  });

  const recordVan = async (tekst: string, etag?: string): Promise<OpgeslagenBundel> => ({
    tekst,
    hash: await bundelHash(tekst),
    bronUrl: "bundel.json",
    opgehaald: "2026-12-02T10:00:00.000Z",
    ...(etag ? { etag } : {}),
  });

  test("geheugenOpslag keeps a copy", async () => {
    const o = geheugenOpslag();
    expect(await o.lees()).toBeUndefined();
    const r = await recordVan("abc");
    await o.schrijf(r);
    r.tekst = "gewijzigd";
    expect((await o.lees())?.tekst).toBe("abc");
    await o.wis();
    expect(await o.lees()).toBeUndefined();
  });

  test("officeRuntimeOpslag: stored in parts, read back exactly, old parts removed, wis removes all", async () => {
    const nep = nepOfficeStorage();
    g.OfficeRuntime = { storage: nep.storage };
    const o = officeRuntimeOpslag({ deelGrootte: 10_000 });
    expect(await o.lees()).toBeUndefined();
    const a = await recordVan(tekstA, '"a-1"');
    await o.schrijf(a);
    expect(await o.lees()).toEqual(a);
    expect(nep.items.size).toBe(1 + Math.ceil(tekstA.length / 10_000));
    const b = await recordVan(tekstB);
    await o.schrijf(b);
    expect(await o.lees()).toEqual(b);
    expect(nep.items.size).toBe(1 + Math.ceil(tekstB.length / 10_000));
    await o.wis();
    expect(nep.items.size).toBe(0);
  });

  test("officeRuntimeOpslag: out of space → the previous bundle makes room; too big even then → rejects", async () => {
    const nep = nepOfficeStorage(tekstA.length * 1.5);
    g.OfficeRuntime = { storage: nep.storage };
    const o = officeRuntimeOpslag({ deelGrootte: 50_000 });
    await o.schrijf(await recordVan(tekstA));
    const b = await recordVan(tekstB);
    await o.schrijf(b); // A + B do not fit together
    expect(await o.lees()).toEqual(b);
    await expect(o.schrijf(await recordVan(tekstA + tekstA))).rejects.toThrow(/Quota/);
    expect([...nep.items.keys()].filter((k) => k !== "opgave.bundel")).toEqual([]);
  });

  test("officeRuntimeOpslag: a missing part makes lees reject, and BundelBeheer falls back with a message", async () => {
    const nep = nepOfficeStorage();
    g.OfficeRuntime = { storage: nep.storage };
    const o = officeRuntimeOpslag({ deelGrootte: 50_000 });
    await o.schrijf(await recordVan(tekstA));
    const deel = [...nep.items.keys()].find((k) => k.endsWith(".1"))!;
    nep.items.delete(deel);
    await expect(o.lees()).rejects.toThrow(/deel 2 van \d+ ontbreekt/);
    const s = await new BundelBeheer({ opslag: o, ingebouwd }).start();
    expect(s).toMatchObject({ bron: "ingebouwd" });
    expect(s.melding).toMatch(/kon niet worden gelezen \(deel 2 van/);
  });

  test("kiesOpslag: OfficeRuntime.storage inside Office, memory in Node", () => {
    expect(kiesOpslag().naam).toBe("geheugen");
    g.OfficeRuntime = { storage: nepOfficeStorage().storage };
    expect(kiesOpslag().naam).toBe("geheugen"); // office.js loaded outside Office: no host
    g.Office = { context: { host: "Excel" } };
    expect(kiesOpslag().naam).toBe("OfficeRuntime.storage");
  });

  describe("indexedDbOpslag in headless Chromium", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await startBrowser();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    test("write, read back, overwrite, survive a reload, wis", async () => {
      const bron = indexedDbOpslag.toString();
      // Coverage instrumentation would put counters into the function text; it must be self-contained.
      expect(bron).not.toMatch(/cov_|__awaiter|require\(/);
      const page = await browser.newPage();
      await page.goto(url("/leeg.html"));
      const a = await recordVan(tekstA, '"a-1"');
      const b = await recordVan(tekstB);
      const stap = (actie: "lees" | "schrijf" | "wis", x?: OpgeslagenBundel) =>
        page.evaluate(
          async ({ bron, actie, x }) => {
            const maak = (0, eval)(`(${bron})`) as (
              naam: string,
            ) => Record<string, (y?: unknown) => Promise<unknown>>;
            const o = maak("opgave-test");
            const uit = await o[actie]!(x);
            return uit === undefined ? "(leeg)" : uit;
          },
          { bron, actie, x },
        );
      expect(await stap("lees")).toBe("(leeg)");
      await stap("schrijf", a);
      expect(await stap("lees")).toEqual(a);
      await stap("schrijf", b);
      expect(await stap("lees")).toEqual(b);
      await page.reload();
      expect(await stap("lees")).toEqual(b);
      await stap("wis");
      expect(await stap("lees")).toBe("(leeg)");
      await page.close();
    }, 60_000);
  });
});
