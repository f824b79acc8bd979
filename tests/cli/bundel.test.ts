/**
 * `opgave bundel …` through `mainAsync` (the entry point bin/opgave.js calls), on real files in a temporary
 * folder: the key pair (mode 600, never overwritten without --forceer), signing and checking (and every refusal
 * with exit 1 and a Dutch reason), the publisher's path for a new half-year from edited CSV sources up to the
 * TAAKSTELLING function, and the development signature of the repository's own bundle (scripts/export-bundel.ts).
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import Papa from "papaparse";
import { main, mainAsync, roepAan } from "../../src/cli/main";
import { bundelTekst, leesBundel, maakBundel } from "../../src/data/bundel";
import { standaardDataset } from "../../src/data/embedded";
import { leesPubliekeSleutel, onderteken } from "../../src/data/handtekening";
import type { Dataset } from "../../src/data/schema";
import { gebruikDataset } from "../../src/data/store";
import { functie } from "../../src/functions/registry";

jest.setTimeout(120_000);

const root = path.resolve(__dirname, "../..");
/** A moment after every date in the test bundles (the real clock plays no part). */
const NU = "2026-12-01T00:00:00Z";

let map: string;

async function opgave(...args: string[]) {
  const uit: string[] = [];
  const fout: string[] = [];
  const code = await mainAsync(["bundel", ...args], { out: (t) => uit.push(t), err: (t) => fout.push(t) });
  return { code, out: uit.join("\n"), err: fout.join("\n") };
}

const lees = (pad: string) => fs.readFileSync(pad, "utf8");
const modus = (pad: string) => fs.statSync(pad).mode & 0o777;

/** A bundle file from the embedded dataset, changed by `wijzig`; returns its path. */
function schrijfBundel(naam: string, wijzig: (d: Dataset) => void = () => undefined): string {
  const d = structuredClone(standaardDataset());
  wijzig(d);
  const dir = path.join(map, naam);
  fs.mkdirSync(dir, { recursive: true });
  const pad = path.join(dir, "bundel.json");
  fs.writeFileSync(
    pad,
    bundelTekst(maakBundel(d, { gepubliceerd: "2026-11-28T09:00:00Z", uitgever: "Test" })),
  );
  return pad;
}

/** Sign with the library directly: for files `opgave bundel onderteken` rightly refuses to sign. */
async function ondertekenDirect(pad: string, sleutelPad: string): Promise<void> {
  fs.writeFileSync(`${pad}.sig`, await onderteken(new Uint8Array(fs.readFileSync(pad)), lees(sleutelPad)));
}

beforeAll(() => {
  map = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-cli-bundel-"));
});

afterAll(() => {
  gebruikDataset(standaardDataset());
  if (map) fs.rmSync(map, { recursive: true, force: true });
});

describe("usage", () => {
  test("wrong calls exit 2 with a Dutch usage message", async () => {
    const fouten: string[][] = [
      ["onbekend"],
      ["sleutel"],
      ["sleutel", "--uit", "x", "--onbekend"],
      ["sleutel", "--uit"],
      ["sleutel", "--uit", "x", "extra"],
      ["maak"],
      ["onderteken", "b.json"],
      ["onderteken", "--sleutel", "k.key"],
      ["controleer"],
      ["controleer", "a.json", "b.json"],
      ["controleer", "a.json", "--profiel", "test"],
      ["controleer", "a.json", "--profiel", "production", "--publieke-sleutel", "p.pub"],
      ["controleer", "a.json", "--nu", "gisteren"],
    ];
    for (const args of fouten) {
      const r = await opgave(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toMatch(/Gebruik:/);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect((await opgave("sleutel", "--uit", "x", "--onbekend")).err).toMatch(
      /^Onbekende optie "--onbekend"/,
    );
    expect((await opgave("sleutel", "--uit")).err).toMatch(/^Optie --uit heeft een waarde nodig/);
    expect((await opgave()).code).toBe(2);
  });

  test("help exits 0; the synchronous main points to mainAsync", async () => {
    const hulp = await opgave("--help");
    expect(hulp.code).toBe(0);
    for (const o of ["sleutel", "maak", "onderteken", "controleer"])
      expect(hulp.out).toContain(`opgave bundel ${o}`);
    const maak = await opgave("maak", "--help");
    expect(maak).toMatchObject({ code: 0, err: "" });
    expect(maak.out).toMatch(/--versie V/);
    const fout: string[] = [];
    expect(main(["bundel", "maak"], { out: () => undefined, err: (t) => fout.push(t) })).toBe(2);
    expect(fout.join("")).toMatch(/mainAsync/);
  });
});

describe("opgave bundel sleutel", () => {
  test("writes the private key (mode 600) and the public key; refuses to overwrite without --forceer", async () => {
    const dir = path.join(map, "sleutel");
    const key = path.join(dir, "opgave-uitgever.key");
    const pub = path.join(dir, "opgave-uitgever.pub");
    const r = await opgave("sleutel", "--uit", dir, "--naam", "Provincie Test");
    expect(r.code).toBe(0);
    const publiek = await leesPubliekeSleutel(lees(pub));
    if (!publiek.ok) throw new Error(publiek.detail);
    expect(publiek.sleutel.naam).toBe("Provincie Test");
    expect(r.out).toContain(publiek.sleutel.id);
    expect(r.out).toMatch(/profielen\.production/);
    expect(lees(key)).toMatch(/-----BEGIN PRIVATE KEY-----/);
    if (process.platform !== "win32") expect(modus(key)).toBe(0o600);

    const voor = [lees(key), lees(pub)];
    const weer = await opgave("sleutel", "--uit", dir);
    expect(weer.code).toBe(1);
    expect(weer.err).toMatch(/al een sleutel.*--forceer/s);
    expect([lees(key), lees(pub)]).toEqual(voor);

    if (process.platform !== "win32") fs.chmodSync(key, 0o644);
    expect((await opgave("sleutel", "--uit", dir, "--forceer")).code).toBe(0);
    expect(lees(key)).not.toBe(voor[0]);
    expect(lees(pub)).not.toBe(voor[1]);
    if (process.platform !== "win32") expect(modus(key)).toBe(0o600);
  });

  test("--forceer with a read-only key file, or a key behind a link: refused, or written through; a pair either way", async () => {
    if (process.platform === "win32") return;
    const dir = path.join(map, "alleen-lezen");
    const key = path.join(dir, "opgave-uitgever.key");
    const pub = path.join(dir, "opgave-uitgever.pub");
    expect((await opgave("sleutel", "--uit", dir)).code).toBe(0);
    fs.chmodSync(pub, 0o444);
    const voor = [lees(key), lees(pub)];
    const r = await opgave("sleutel", "--uit", dir, "--forceer");
    // Before: the private key was deleted and written anew, then writing the public key failed (or replaced it).
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${pub} is alleen-lezen; Opgave overschrijft het niet.`);
    expect([lees(key), lees(pub)]).toEqual(voor);
    expect(fs.readdirSync(dir).sort()).toEqual(["opgave-uitgever.key", "opgave-uitgever.pub"]);

    // The private key kept in a safe place, linked here: the link stays, the key behind it is replaced (mode 600).
    fs.chmodSync(pub, 0o644);
    const kluis = path.join(map, "kluis.key");
    fs.renameSync(key, kluis);
    fs.symlinkSync(kluis, key);
    expect((await opgave("sleutel", "--uit", dir, "--forceer")).code).toBe(0);
    expect(fs.lstatSync(key).isSymbolicLink()).toBe(true);
    expect(lees(kluis)).not.toBe(voor[0]);
    expect(modus(kluis)).toBe(0o600);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  test("an existing public key alone is also refused, and nothing is written", async () => {
    const dir = path.join(map, "alleen-pub");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "opgave-uitgever.pub"), "{}");
    const r = await opgave("sleutel", "--uit", dir);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(["opgave-uitgever.pub"]);
  });
});

describe("opgave bundel onderteken + controleer", () => {
  let a: { key: string; pub: string };
  let b: { key: string; pub: string };

  beforeAll(async () => {
    for (const naam of ["a", "b"])
      expect((await opgave("sleutel", "--uit", path.join(map, `sleutel-${naam}`), "--naam", naam)).code).toBe(
        0,
      );
    const paar = (naam: string) => ({
      key: path.join(map, `sleutel-${naam}`, "opgave-uitgever.key"),
      pub: path.join(map, `sleutel-${naam}`, "opgave-uitgever.pub"),
    });
    a = paar("a");
    b = paar("b");
  });

  const controleer = (pad: string, ...extra: string[]) =>
    opgave("controleer", pad, "--publieke-sleutel", a.pub, "--nu", NU, ...extra);

  test("round trip: signed with a trusted key, exit 0 with version, dates, publisher and key", async () => {
    const pad = schrijfBundel("rond", (d) => {
      d.versie = "2026.12.1";
    });
    expect((await opgave("onderteken", pad, "--sleutel", b.key)).code).toBe(0);
    const r = await opgave("onderteken", pad, "--sleutel", a.key);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Ondertekend met sleutel opgave-[0-9a-f]{16}/);
    const c = await controleer(pad);
    expect(c).toMatchObject({ code: 0, err: "" });
    const id = JSON.parse(lees(a.pub)).id as string;
    expect(c.out).toContain("versie 2026.12.1");
    expect(c.out).toContain("datum 2026-12-01");
    expect(c.out).toContain("gepubliceerd 2026-11-28T09:00:00Z door Test");
    expect(c.out).toContain(`ondertekend door a [${id}]`);
    // Several trusted keys (rotation): either may have signed.
    expect((await controleer(pad, "--publieke-sleutel", b.pub)).code).toBe(0);
  });

  test("no signature file: refused", async () => {
    const pad = schrijfBundel("zonder-sig");
    const r = await controleer(pad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/handtekening.*ontbreekt/);
  });

  test("one number changed after signing: refused", async () => {
    const pad = schrijfBundel("gewijzigd");
    expect((await opgave("onderteken", pad, "--sleutel", a.key)).code).toBe(0);
    const bundel = JSON.parse(lees(pad)) as { dataset: Dataset };
    const l = bundel.dataset.landelijkeTaakstelling.find((x) => x.aantal !== null)!;
    l.aantal = l.aantal! + 1;
    fs.writeFileSync(pad, `${JSON.stringify(bundel)}\n`);
    const r = await controleer(pad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/handtekening.*klopt niet/);
  });

  test("signed by another, untrusted key: refused", async () => {
    const pad = schrijfBundel("andere-sleutel");
    expect((await opgave("onderteken", pad, "--sleutel", b.key)).code).toBe(0);
    const r = await controleer(pad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/niet tot de vertrouwde sleutels/);
  });

  test("a date that does not exist (2026-99-99): not signed by the CLI, refused when signed anyway", async () => {
    const pad = schrijfBundel("datum-onmogelijk", (d) => {
      d.datum = "2026-99-99";
    });
    const teken = await opgave("onderteken", pad, "--sleutel", a.key);
    expect(teken.code).toBe(1);
    expect(teken.err).toMatch(/geen geldige bundel.*bundelformaat/s);
    expect(fs.existsSync(`${pad}.sig`)).toBe(false);
    await ondertekenDirect(pad, a.key);
    const r = await controleer(pad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bundelformaat/);
    expect(r.err).toMatch(/datum/);
  });

  test("a date far in the future (9999-12-31): refused, unless the clock is there too", async () => {
    const pad = schrijfBundel("datum-toekomst", (d) => {
      d.datum = "9999-12-31";
    });
    expect((await opgave("onderteken", pad, "--sleutel", a.key)).code).toBe(0);
    const r = await controleer(pad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/toekomst/);
    expect(
      (await opgave("controleer", pad, "--publieke-sleutel", a.pub, "--nu", "9999-12-31T12:00:00Z")).code,
    ).toBe(0);
  });

  test("JSON that is not a bundle: not signed, and refused when signed anyway", async () => {
    const pad = path.join(map, "geen-bundel.json");
    fs.writeFileSync(pad, '{"hallo":"wereld"}\n');
    const teken = await opgave("onderteken", pad, "--sleutel", a.key);
    expect(teken.code).toBe(1);
    expect(teken.err).toMatch(/geen geldige bundel.*Opgave-bundel/s);
    await ondertekenDirect(pad, a.key);
    const r = await controleer(pad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/geen Opgave-bundel/);
  });

  test("missing files and a bad private key: exit 1 with a Dutch reason, no stack trace", async () => {
    const pad = schrijfBundel("bestanden");
    const weg = path.join(map, "bestaat-niet.json");
    expect(await opgave("controleer", weg, "--publieke-sleutel", a.pub)).toMatchObject({
      code: 1,
      err: `Niet gevonden: ${weg}.`,
    });
    expect((await opgave("onderteken", pad, "--sleutel", weg)).err).toBe(`Niet gevonden: ${weg}.`);
    const slecht = await opgave("onderteken", pad, "--sleutel", a.pub);
    expect(slecht.code).toBe(1);
    expect(slecht.err).toMatch(/geen bruikbare privésleutel/);
    const geenPub = await opgave("controleer", pad, "--publieke-sleutel", a.key);
    expect(geenPub.code).toBe(1);
    expect(geenPub.err).toMatch(/geen bruikbare publieke sleutel/);
  });
});

/** CSV rows as objects (header row), and back, in the file's own line endings. */
function leesCsv(pad: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(lees(pad), { header: true, skipEmptyLines: true }).data;
}

function voegRijenToe(pad: string, rijen: Record<string, string | number>[], kolommen: string[]): void {
  const tekst = lees(pad);
  const eol = tekst.includes("\r\n") ? "\r\n" : "\n";
  const erbij = Papa.unparse(rijen, { columns: kolommen, header: false, newline: eol });
  fs.writeFileSync(pad, `${tekst}${tekst.endsWith("\n") ? "" : eol}${erbij}${eol}`);
}

/**
 * Synthetic CBS rows for 1-1-2025 and 1-1-2026 (every gemeente of 2024 plus a small change; provinces and the
 * country as the sums of those changes). Returns the inhabitants on 1-1-2026 of Utrecht and of the country.
 */
function voegInwonersToe(bronnen: string): { utrecht: number; land: number } {
  const cbsPad = path.join(bronnen, "cbs_bevolking_1jan_regio_2012_2024.csv");
  const cbs = leesCsv(cbsPad);
  const provincieVan = new Map(
    leesCsv(path.join(bronnen, "gemeenten_2023_2024.csv")).map((r) => [r.gm_code!, r.provincie_code!]),
  );
  const basis = cbs.filter((r) => r.peildatum === "2024-01-01");
  const rijen: Record<string, string | number>[] = [];
  let utrecht = 0;
  let land = 0;
  for (const jaar of [2025, 2026]) {
    const groei = (code: string) => (Number(code.slice(2)) % 13) * 11 * (jaar - 2024) - 25;
    const perProvincie = new Map<string, number>();
    let totaal = 0;
    const nieuw = (r: Record<string, string>, inwoners: number) => ({
      ...r,
      peildatum: `${jaar}-01-01`,
      indeling_jaar: jaar,
      inwoners,
      bron_veld: "PopulationOn1January_1",
    });
    for (const r of basis.filter((x) => x.regio_type === "gemeente")) {
      const code = r.regio_code!;
      const d = groei(code);
      perProvincie.set(provincieVan.get(code)!, (perProvincie.get(provincieVan.get(code)!) ?? 0) + d);
      totaal += d;
      const inwoners = Number(r.inwoners) + d;
      if (code === "GM0344" && jaar === 2026) utrecht = inwoners;
      rijen.push(nieuw(r, inwoners));
    }
    for (const r of basis.filter((x) => x.regio_type === "provincie"))
      rijen.push(nieuw(r, Number(r.inwoners) + (perProvincie.get(r.regio_code!) ?? 0)));
    for (const r of basis.filter((x) => x.regio_type === "land")) {
      rijen.push(nieuw(r, Number(r.inwoners) + totaal));
      if (jaar === 2026) land = Number(r.inwoners) + totaal;
    }
  }
  voegRijenToe(cbsPad, rijen, Object.keys(cbs[0]!));
  return { utrecht, land };
}

describe("the publisher's path: a new half-year from edited sources to TAAKSTELLING", () => {
  const N = 12_345;

  test("add 2026-II and 2027-I with inhabitants 1-1-2026, make, sign, check, compute", async () => {
    const bronnen = path.join(map, "bronnen");
    fs.cpSync(path.join(root, "data", "bronnen"), bronnen, { recursive: true });
    const { utrecht, land } = voegInwonersToe(bronnen);
    const taakPad = path.join(bronnen, "taakstelling_landelijk.csv");
    const kolommen = Object.keys(leesCsv(taakPad)[0]!);
    voegRijenToe(
      taakPad,
      [
        { periode: "2026-II", periode_label_nl: "tweede helft 2026", status: "NIET GEVONDEN" },
        {
          periode: "2027-I",
          periode_label_nl: "eerste helft 2027",
          landelijke_taakstelling: N,
          status: "vastgesteld (synthetisch, test)",
          peildatum_inwoners_art29: "2026-01-01",
          toelichting: "synthetisch cijfer voor de test",
          bron_url: "https://example.org/taakstelling-2027-I",
        },
      ],
      kolommen,
    );

    const uitgever = path.join(map, "uitgever");
    expect((await opgave("sleutel", "--uit", uitgever, "--naam", "Testuitgever")).code).toBe(0);
    const feed = path.join(map, "feed");
    const maak = () =>
      opgave(
        ...["maak", "--bronnen", bronnen, "--uit", feed, "--versie", "2027.1.15", "--datum", "2027-01-15"],
        ...["--uitgever", "Testuitgever", "--gepubliceerd", "2027-01-15T09:00:00Z"],
      );
    const gemaakt = await maak();
    expect(gemaakt).toMatchObject({ code: 0, err: "" });
    expect(gemaakt.out).toMatch(/versie 2027\.1\.15, datum 2027-01-15/);
    expect(gemaakt.out).toMatch(/inwoners op 1 januari 2015–2026/);
    expect(gemaakt.out).toMatch(/2025-II, 2027-I/);
    expect(gemaakt.out).toMatch(/onderteken/);

    const bundelPad = path.join(feed, "bundel.json");
    const key = path.join(uitgever, "opgave-uitgever.key");
    const pub = path.join(uitgever, "opgave-uitgever.pub");
    expect((await opgave("onderteken", bundelPad, "--sleutel", key)).code).toBe(0);
    // Making it again removes the signature that no longer fits.
    const opnieuw = await maak();
    expect(opnieuw.code).toBe(0);
    expect(opnieuw.out).toMatch(/oude handtekening .* is verwijderd/);
    expect(fs.existsSync(`${bundelPad}.sig`)).toBe(false);
    expect((await opgave("onderteken", bundelPad, "--sleutel", key)).code).toBe(0);
    const c = await opgave(
      "controleer",
      bundelPad,
      "--publieke-sleutel",
      pub,
      "--nu",
      "2027-01-16T00:00:00Z",
    );
    expect(c).toMatchObject({ code: 0, err: "" });
    expect(c.out).toMatch(/ondertekend door Testuitgever/);

    const gelezen = leesBundel(lees(bundelPad));
    if (!gelezen.ok) throw new Error(gelezen.bericht);
    gebruikDataset(gelezen.bundel.dataset);
    const verwacht = (BigInt(N) * BigInt(utrecht) + BigInt(land) - 1n) / BigInt(land);
    expect(roepAan(functie("TAAKSTELLING")!, ["Utrecht", "2027-I"])).toBe(Number(verwacht));
    gebruikDataset(standaardDataset());
  });

  test("the same sources with a changed number but the embedded version: a warning", async () => {
    const r = await opgave(
      ...["maak", "--bronnen", path.join(map, "bronnen"), "--uit", path.join(map, "feed-zelfde")],
    );
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Let op: versie 2026\.12\.01 .*--versie/);
  });
});

describe("a population that does not add up is caught before anything is signed", () => {
  // \`maak\` checks the CSV sources' sums itself; this is a bundle edited by hand after it was made.
  test("a digit too many in one gemeente's figure: onderteken refuses and names the sums; no signature", async () => {
    const feed = path.join(map, "feed-tikfout");
    expect((await opgave("maak", "--uit", feed)).code).toBe(0);
    const bundelPad = path.join(feed, "bundel.json");
    const b = JSON.parse(lees(bundelPad)) as {
      dataset: { gemeenten: { code: string; inwoners: Record<string, number> }[] };
    };
    const utrecht = b.dataset.gemeenten.find((g) => g.code === "GM0344")!;
    utrecht.inwoners["2020"] = utrecht.inwoners["2020"]! * 10;
    fs.writeFileSync(bundelPad, JSON.stringify(b));
    const uitgever = path.join(map, "uitgever-tikfout");
    expect((await opgave("sleutel", "--uit", uitgever)).code).toBe(0);
    const r = await opgave("onderteken", bundelPad, "--sleutel", path.join(uitgever, "opgave-uitgever.key"));
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("dataset.land.inwoners.2020: Nederland 17.407.585 inwoners, de gemeenten samen");
    expect(r.err).toMatch(/inwoners\.2020: Utrecht [\d.]+ inwoners, de gemeenten samen/);
    expect(fs.existsSync(`${bundelPad}.sig`)).toBe(false);
  });
});

describe("scripts/export-bundel.ts signs the repository's bundle with the development key", () => {
  test("trusted by the development profile, refused by production", async () => {
    const uit = path.join(map, "export");
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, "node_modules/tsx/dist/cli.mjs"),
        "scripts/export-bundel.ts",
        "--controleer",
        "--out",
        uit,
      ],
      { cwd: root, encoding: "utf8" },
    );
    expect({ code: r.status, err: r.stderr }).toEqual({ code: 0, err: "" });
    const bundel = path.join(uit, "bundel.json");
    expect(fs.existsSync(`${bundel}.sig`)).toBe(true);
    const dev = await opgave("controleer", bundel, "--nu", NU);
    expect(dev).toMatchObject({ code: 0, err: "" });
    expect(dev.out).toMatch(/ontwikkelsleutel/);
    const prod = await opgave("controleer", bundel, "--profiel", "production", "--nu", NU);
    expect(prod.code).toBe(1);
    expect(prod.err).toMatch(/geen vertrouwde sleutel/);
  });
});
