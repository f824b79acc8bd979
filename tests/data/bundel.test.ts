/**
 * The bundle format: the committed JSON Schema equals a fresh export of the zod definition, the embedded dataset
 * published as a bundle is valid (zod, cross-checks and the JSON Schema itself), version ordering, the hash, and
 * every way `leesBundel` refuses a text.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import fs from "fs";
import path from "path";
import fc from "fast-check";
import {
  BundelSchema,
  bundelHash,
  bundelTekst,
  ingebouwdeBundel,
  isOuder,
  kruiscontroles,
  leesBundel,
  maakBundel,
  vergelijkVersie,
  vergelijkVersieTekst,
  zelfdeVersie,
  type Bundel,
} from "../../src/data/bundel";
import { bundelJsonSchema } from "../../src/data/bundelSchemaJson";
import { standaardDataset } from "../../src/data/embedded";
import type { Dataset } from "../../src/data/schema";

const ROOT = path.resolve(__dirname, "../..");
const SCHEMA_PAD = path.join(ROOT, "schema", "opgave-bundel.schema.json");
const ingebouwd = standaardDataset();
const bundel = (): Bundel => structuredClone(ingebouwdeBundel(ingebouwd));
const tekstVan = (x: unknown) => JSON.stringify(x);
const fout = (tekst: string) => {
  const r = leesBundel(tekst);
  if (r.ok) throw new Error("verwacht: geweigerd");
  return r;
};

describe("JSON Schema for publishers", () => {
  test("the committed schema/opgave-bundel.schema.json equals a fresh export", () => {
    expect(JSON.parse(fs.readFileSync(SCHEMA_PAD, "utf8"))).toEqual(bundelJsonSchema());
  });

  test("the export script: committed schema text up to date, bundel.json deterministic and valid", () => {
    const uit = path.join(ROOT, ".tmp", `export-bundel-${process.pid}`);
    const draai = () =>
      spawnSync(
        process.execPath,
        [
          path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
          "scripts/export-bundel.ts",
          "--out",
          uit,
          "--controleer",
        ],
        { cwd: ROOT, encoding: "utf8" },
      );
    try {
      const eerste = draai();
      if (eerste.status !== 0) throw new Error(`export-bundel faalde (${eerste.status}): ${eerste.stderr}`);
      const tekst = fs.readFileSync(path.join(uit, "bundel.json"), "utf8");
      expect(draai().status).toBe(0);
      expect(fs.readFileSync(path.join(uit, "bundel.json"), "utf8")).toBe(tekst);
      expect(tekst).toBe(bundelTekst(ingebouwdeBundel(ingebouwd)));
      const r = leesBundel(tekst);
      expect(r.ok && r.bundel.gepubliceerd).toBe(`${ingebouwd.datum}T00:00:00Z`);
      expect(r.ok && r.bundel.uitgever).toBe("Opgave (ingebouwd)");
      expect(fs.readFileSync(path.join(uit, "opgave-bundel.schema.json"), "utf8")).toBe(
        fs.readFileSync(SCHEMA_PAD, "utf8"),
      );
    } finally {
      fs.rmSync(uit, { recursive: true, force: true });
    }
  }, 60_000);

  test("the export script refuses unknown arguments", () => {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/export-bundel.ts", "--uit", "x"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/gebruik/);
  }, 60_000);

  test("the embedded bundle is valid against the JSON Schema, broken ones are not (Ajv, draft 2020-12)", async () => {
    // Ajv 8 is present through webpack's schema-utils; resolved from there rather than added as a dependency.
    const ajvPad = require.resolve("ajv/dist/2020", {
      paths: [path.dirname(require.resolve("schema-utils/package.json"))],
    });
    const Ajv2020 = ((await import(ajvPad)) as { default: unknown }).default as new (o: object) => {
      compile: (s: object) => (x: unknown) => boolean;
    };
    const valideer = new Ajv2020({ strict: false, validateFormats: false, allErrors: false }).compile(
      bundelJsonSchema(),
    );
    expect(valideer(JSON.parse(bundelTekst(bundel())))).toBe(true);
    const b = bundel() as unknown as Record<string, unknown>;
    expect(valideer({ ...b, formaatVersie: 2 })).toBe(false);
    expect(valideer({ ...b, formaat: "iets-anders" })).toBe(false);
    expect(valideer({ ...b, gepubliceerd: "28-11-2026" })).toBe(false);
    expect(valideer({ ...b, tikfout: 1 })).toBe(false);
    const d = bundel();
    d.dataset.gemeenten[0]!.code = "0344";
    expect(valideer(d)).toBe(false);
  });
});

describe("leesBundel", () => {
  test("the embedded dataset as a bundle passes schema and cross-checks, unchanged", () => {
    expect(kruiscontroles(ingebouwd)).toEqual([]);
    const r = leesBundel(bundelTekst(bundel()));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.bundel.dataset).toEqual(ingebouwd);
    expect(BundelSchema.safeParse(bundel()).success).toBe(true);
  });

  test("the gemeenten's inhabitants add up to the country's and each province's, else refused", () => {
    const d = structuredClone(ingebouwd);
    const utrecht = d.gemeenten.find((g) => g.code === "GM0344")!;
    utrecht.inwoners["2023"] = utrecht.inwoners["2023"]! * 10;
    const pi = d.provincies.findIndex((p) => p.naam === "Utrecht");
    const verschil = (utrecht.inwoners["2023"] / 10) * 9;
    const fmt = (n: number) => n.toLocaleString("nl-NL");
    expect(kruiscontroles(d)).toEqual([
      `dataset.land.inwoners.2023: Nederland ${fmt(ingebouwd.land.inwoners["2023"]!)} inwoners, de gemeenten ` +
        `samen ${fmt(ingebouwd.land.inwoners["2023"]! + verschil)} (verschil ${fmt(verschil)})`,
      `dataset.provincies.${pi}.inwoners.2023: Utrecht ${fmt(d.provincies[pi]!.inwoners["2023"]!)} inwoners, de ` +
        `gemeenten samen ${fmt(d.provincies[pi]!.inwoners["2023"]! + verschil)} (verschil ${fmt(verschil)})`,
    ]);
    const r = leesBundel(bundelTekst({ ...bundel(), dataset: d }));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.bericht).toMatch(/^De bundel is niet consistent \(2 problemen: dataset\.land\.inwoners\.2023/);
    // The country's own figure wrong: one problem.
    const e = structuredClone(ingebouwd);
    e.land.inwoners["2023"] = 1000;
    expect(kruiscontroles(e)).toHaveLength(1);
    expect(kruiscontroles(e)[0]).toMatch(/^dataset\.land\.inwoners\.2023: Nederland 1\.000 inwoners/);
  });

  test("maakBundel wraps a dataset", () => {
    const b = maakBundel(ingebouwd, {
      gepubliceerd: "2026-12-01T08:00:00+01:00",
      uitgever: "Provincie Utrecht",
    });
    expect(b).toMatchObject({ formaat: "opgave-bundel", formaatVersie: 1, uitgever: "Provincie Utrecht" });
    expect(b.dataset).toBe(ingebouwd);
    expect(leesBundel(bundelTekst(b)).ok).toBe(true);
  });

  test("a UTF-8 byte-order mark is tolerated", () => {
    expect(leesBundel(`\uFEFF${bundelTekst(bundel())}`).ok).toBe(true);
  });

  test("not JSON → json", () => {
    const r = fout('{"formaat": "opgave-bundel", ');
    expect(r.reden).toBe("json");
    expect(r.bericht).toMatch(/geen geldige JSON/);
  });

  test("not a bundle (a bare dataset, an array, another format) → formaat", () => {
    for (const t of [tekstVan(ingebouwd), "[]", "null", tekstVan({ ...bundel(), formaat: "iets-anders" })]) {
      const r = fout(t);
      expect(r.reden).toBe("formaat");
      expect(r.bericht).toMatch(/geen Opgave-bundel/);
    }
  });

  test("a higher formaatVersie → formaat: nieuwere indeling, werk Opgave bij", () => {
    const r = fout(tekstVan({ ...bundel(), formaatVersie: 2, dataset: { anders: true } }));
    expect(r.reden).toBe("formaat");
    expect(r.bericht).toMatch(/nieuwere indeling/);
    expect(r.bericht).toMatch(/werk Opgave bij/);
  });

  test("schema errors → schema, summarised in Dutch with the path", () => {
    const b = bundel();
    (b.dataset.landelijkeTaakstelling[0] as { aantal: unknown }).aantal = 12.5;
    (b as { gepubliceerd: unknown }).gepubliceerd = "gisteren";
    const r = fout(tekstVan(b));
    expect(r.reden).toBe("schema");
    expect(r.bericht).toMatch(/voldoet niet aan het bundelformaat \(2 problemen/);
    expect(r.details).toContain(
      "dataset.landelijkeTaakstelling.0.aantal: Ongeldige invoer: verwacht int, ontving getal",
    );
    expect(r.details?.some((d) => d.startsWith("gepubliceerd: "))).toBe(true);
    expect(r.bericht).not.toMatch(/Invalid|expected/);
    const zonder = bundel() as unknown as Record<string, unknown>;
    delete zonder.uitgever;
    expect(fout(tekstVan(zonder)).reden).toBe("schema");
    expect(fout(tekstVan({ ...bundel(), formaatVersie: 0 })).reden).toBe("schema");
    expect(fout(tekstVan({ ...bundel(), formaatVersie: "1" })).reden).toBe("schema");
  });

  test("numbers beyond their quantity's range (docs/grenzen.md) → schema, the range named; the maximum itself passes", () => {
    const b = bundel();
    const d = b.dataset;
    (d.landelijkeTaakstelling[3] as { aantal: number }).aantal = 2_000_000;
    d.kostenNormen[0]!.bedrag = 1e308;
    d.opvangBesluiten[2]!.gemeenten[0]!.totaal = 9_000_000_000_000_000;
    d.prikkels[0]!.bedrag = 25_000_000;
    d.achterstandLandelijk[0]!.aantal = 500_000;
    d.achterstandLandelijk[1]!.aantal = -500_000;
    const r = fout(tekstVan(b));
    expect(r.reden).toBe("schema");
    expect(r.details).toEqual([
      "dataset.landelijkeTaakstelling.3.aantal: te groot; verwacht 1 t/m 200.000 (landelijk aantal te huisvesten " +
        "vergunninghouders in een halfjaar, zie docs/grenzen.md)",
      "dataset.achterstandLandelijk.0.aantal: te groot; verwacht -100.000 t/m 100.000 (achterstand (+) of " +
        "voorsprong (−) aan het begin, zie docs/grenzen.md)",
      "dataset.achterstandLandelijk.1.aantal: te klein; verwacht -100.000 t/m 100.000 (achterstand (+) of " +
        "voorsprong (−) aan het begin, zie docs/grenzen.md)",
      "dataset.opvangBesluiten.2.gemeenten.0.totaal: te groot; verwacht 0 t/m 200.000 (aantal opvangplaatsen of " +
        "personen, zie docs/grenzen.md)",
      "dataset.kostenNormen.0.bedrag: te groot; verwacht € 0 t/m € 1.000.000 (bedrag per plaats per jaar, zie " +
        "docs/grenzen.md)",
      "dataset.prikkels.0.bedrag: te groot; verwacht € 0 t/m € 1.000.000 (bedrag per plaats per jaar, zie " +
        "docs/grenzen.md)",
    ]);
    const grens = bundel();
    (grens.dataset.landelijkeTaakstelling[3] as { aantal: number }).aantal = 200_000;
    grens.dataset.kostenNormen[0]!.bedrag = 1_000_000;
    expect(leesBundel(tekstVan(grens)).ok).toBe(true);
  });

  const kruis = (wijzig: (d: Dataset) => void, verwacht: RegExp) => {
    const b = bundel();
    wijzig(b.dataset);
    const r = fout(tekstVan(b));
    expect(r.reden).toBe("schema");
    expect(r.bericht).toMatch(/niet consistent/);
    expect(r.details?.join("\n")).toMatch(verwacht);
  };

  test("cross-checks zod cannot express → schema", () => {
    kruis(
      (d) => d.gemeenten.push(structuredClone(d.gemeenten[0]!)),
      /gemeentecode GM\d{4} komt meer dan eens voor/,
    );
    kruis(
      (d) => d.officieleTaakstelling.push({ periode: "2025-I", gemeente: "GM9999", aantal: 5, bron: "x" }),
      /officieleTaakstelling\.0\.gemeente: gemeente GM9999 staat niet in gemeenten/,
    );
    kruis((d) => {
      d.opvangBesluiten[2]!.gemeenten[0]!.gemeente = "GM9998";
    }, /opvangBesluiten\.2\.gemeenten\.0\.gemeente: gemeente GM9998/);
    kruis((d) => {
      d.opvangBesluiten[2]!.provincies[0]!.provincie = "PV99";
    }, /provincie PV99/);
    kruis((d) => {
      d.gemeenten[0]!.provincie = "PV98";
    }, /gemeenten\.0\.provincie: provincie PV98/);
    kruis(
      (d) => d.landelijkeTaakstelling.push(structuredClone(d.landelijkeTaakstelling[0]!)),
      /periode 2015-I/,
    );
    kruis((d) => {
      d.herindelingen[0]!.nieuw = ["GM9997"];
    }, /herindelingen\.0\.nieuw: gemeente GM9997/);
    kruis((d) => {
      d.gemeenten = [];
    }, /geen gemeenten/);
  });
});

describe("version order", () => {
  test("dotted versions compare numerically, part by part", () => {
    expect(vergelijkVersieTekst("2026.2.1", "2026.11.28")).toBeLessThan(0);
    expect(vergelijkVersieTekst("1.10", "1.9")).toBeGreaterThan(0);
    expect(vergelijkVersieTekst("1.0", "1.0.1")).toBeLessThan(0);
    expect(vergelijkVersieTekst("2026.11.28", "2026.11.28")).toBe(0);
    expect(vergelijkVersieTekst("1.2-rc2", "1.2-rc10")).toBeLessThan(0);
    expect(vergelijkVersieTekst("99999999999999999999.1", "99999999999999999998.9")).toBeGreaterThan(0);
  });

  test("datum first, then versie", () => {
    const a = { datum: "2026-11-28", versie: "9.0" };
    const b = { datum: "2026-12-01", versie: "1.0" };
    expect(vergelijkVersie(a, b)).toBeLessThan(0);
    expect(isOuder(a, b)).toBe(true);
    expect(isOuder(b, a)).toBe(false);
    expect(isOuder(a, a)).toBe(false);
    expect(isOuder({ datum: a.datum, versie: "8.9" }, a)).toBe(true);
    expect(zelfdeVersie({ id: "x", ...a }, { id: "x", ...a })).toBe(true);
    expect(zelfdeVersie({ id: "x", ...a }, { id: "y", ...a })).toBe(false);
  });

  test("property: a total order consistent with numeric order of each part", () => {
    /** -1, 0 or 1 (never -0). */
    const teken = (n: number) => Math.sign(n) || 0;
    const versie = fc.array(fc.nat({ max: 3000 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(versie, versie, versie, (x, y, z) => {
        const [a, b, c] = [x.join("."), y.join("."), z.join(".")];
        const ab = vergelijkVersieTekst(a, b);
        // Antisymmetric. As a sum: for an equal pair -Math.sign(0) is -0, which toBe tells from 0.
        expect(teken(ab) + teken(vergelijkVersieTekst(b, a))).toBe(0);
        if (ab <= 0 && vergelijkVersieTekst(b, c) <= 0)
          expect(vergelijkVersieTekst(a, c)).toBeLessThanOrEqual(0);
        // Lexicographic on the numbers, a prefix first.
        let verwacht = 0;
        for (let i = 0; i < Math.max(x.length, y.length) && verwacht === 0; i++) {
          if (x[i] === undefined) verwacht = -1;
          else if (y[i] === undefined) verwacht = 1;
          else verwacht = Math.sign(x[i]! - y[i]!);
        }
        expect(teken(ab)).toBe(teken(verwacht));
      }),
      // An equal pair, always (a random run seldom draws one: CI once failed on it).
      { examples: [[[11], [11], [0]]] },
    );
  });
});

describe("bundelHash", () => {
  test("SHA-256 hex of the UTF-8 bytes; text and bytes agree", async () => {
    expect(await bundelHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const tekst = bundelTekst(bundel());
    const bytes = new TextEncoder().encode(tekst);
    const verwacht = createHash("sha256").update(tekst, "utf8").digest("hex");
    expect(await bundelHash(tekst)).toBe(verwacht);
    expect(await bundelHash(bytes)).toBe(verwacht);
    expect(await bundelHash(tekst)).toBe(await bundelHash(tekst));
    expect(await bundelHash("Súdwest-Fryslân")).toBe(
      createHash("sha256").update("Súdwest-Fryslân", "utf8").digest("hex"),
    );
    expect(await bundelHash(`${tekst} `)).not.toBe(verwacht);
  });
});
