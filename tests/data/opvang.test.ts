/**
 * Reception decisions (opvangBesluiten), cost norms and the Spreidingswet incentive in the embedded dataset,
 * checked against the real figures and, where useful, against the source CSVs parsed here independently of the
 * build.
 */
import { readFileSync } from "fs";
import { join } from "path";
import Papa from "papaparse";
import { buildDataset } from "../../src/data/bronnen/buildDataset";
import { readBronnen } from "../../src/data/bronnen/readBronnen";
import { DatasetSchema, type Dataset, type OpvangBesluit } from "../../src/data/schema";

const root = join(__dirname, "..", "..");
const bronDir = join(root, "data", "bronnen");
const dataset: Dataset = DatasetSchema.parse(
  JSON.parse(readFileSync(join(root, "src", "data", "embedded", "dataset.json"), "utf8")),
);

const csv = (bestand: string): Record<string, string>[] => {
  const r = Papa.parse<Record<string, string>>(readFileSync(join(bronDir, bestand), "utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  if (r.errors.length > 0) throw new Error(`${bestand}: ${r.errors[0]!.message}`);
  return r.data;
};

const besluit = (id: string): OpvangBesluit => {
  const b = dataset.opvangBesluiten.find((x) => x.id === id);
  if (!b) throw new Error(`besluit ${id} ontbreekt`);
  return b;
};
const gemeenteIn = (b: OpvangBesluit, code: string) => b.gemeenten.find((g) => g.gemeente === code);
const huidigeCodes = new Set(dataset.gemeenten.filter((g) => g.tot === null).map((g) => g.code));
const provincieVan = new Map(dataset.gemeenten.map((g) => [g.code, g.provincie]));
const amvRegel = (totaal: number) => Math.round((totaal * 8140) / 96000);

describe("opvangbesluiten: overview", () => {
  test("five decisions, oldest first", () => {
    expect(dataset.opvangBesluiten.map((b) => [b.id, b.datum, b.peildatum])).toEqual([
      ["coa-2024-a", "2023-05-24", "2024-01-01"],
      ["coa-2024-b", "2023-05-24", "2024-01-01"],
      ["spreidingswet-96000", "2024-01-31", "2025-01-01"],
      ["verdeelbesluit-2024-12", "2024-12-01", "2025-07-01"],
      ["raming-88000", "2026-02-27", "2027-07-01"],
    ]);
  });

  test("ids and aliases pick exactly one decision (case-insensitive)", () => {
    const eigenaar = new Map<string, string>();
    for (const b of dataset.opvangBesluiten) {
      for (const a of [b.id, ...b.aliassen]) {
        const k = a.toLowerCase();
        expect([a, eigenaar.get(k) ?? b.id]).toEqual([a, b.id]);
        eigenaar.set(k, b.id);
      }
    }
    expect(besluit("spreidingswet-96000").aliassen).toEqual(["96000", "96.000", "2025", "spreidingswet"]);
  });

  test("only the 96,000 decision (complete provincial targets) allows the documented estimate", () => {
    for (const b of dataset.opvangBesluiten) {
      expect([b.id, b.schattingToegestaan]).toEqual([b.id, b.id === "spreidingswet-96000"]);
      if (b.schattingToegestaan) {
        expect(b.provincies).toHaveLength(12);
        for (const p of b.provincies) expect(p.totaal).not.toBeNull();
      }
    }
  });

  test("every gemeente is a current gemeente, at most once per decision; provinces exist, at most once", () => {
    const provincieCodes = new Set(dataset.provincies.map((p) => p.code));
    for (const b of dataset.opvangBesluiten) {
      const codes = b.gemeenten.map((g) => g.gemeente);
      expect(new Set(codes).size).toBe(codes.length);
      for (const c of codes) expect([b.id, c, huidigeCodes.has(c)]).toEqual([b.id, c, true]);
      const pcodes = b.provincies.map((p) => p.provincie);
      expect(new Set(pcodes).size).toBe(pcodes.length);
      for (const c of pcodes) expect(provincieCodes.has(c)).toBe(true);
    }
  });

  test("per province, the published gemeente numbers do not exceed the provincial target", () => {
    for (const b of dataset.opvangBesluiten) {
      for (const p of b.provincies) {
        if (p.totaal === null) continue;
        const som = b.gemeenten
          .filter((g) => provincieVan.get(g.gemeente) === p.provincie)
          .reduce((s, g) => s + g.totaal, 0);
        expect([b.id, p.provincie, som <= p.totaal]).toEqual([b.id, p.provincie, true]);
      }
    }
  });

  test("every URL in a bron field is listed in the dataset's bronnen", () => {
    const bekend = new Set(dataset.bronnen.flatMap((b) => b.urls));
    const bronVelden = [
      ...dataset.opvangBesluiten.flatMap((b) => [
        b.bron,
        ...b.provincies.map((p) => p.bron),
        ...b.gemeenten.flatMap((g) => [g.bron, ...g.alternatieven.map((a) => a.bron)]),
      ]),
      ...dataset.kostenNormen.map((k) => k.bron),
      ...dataset.prikkels.map((p) => p.bron),
    ];
    for (const veld of bronVelden) {
      expect(veld).not.toBe("");
      for (const u of veld.split(" ; ")) {
        expect(u).toMatch(/^https?:\/\/\S+$/);
        expect([u, bekend.has(u)]).toEqual([u, true]);
      }
    }
  });
});

describe("COA provincial distributions for 1-1-2024 (before the Spreidingswet)", () => {
  const coa = csv("coa_provinciale_opgave_1jan2024.csv");
  const som = (b: OpvangBesluit, k: "totaal" | "amv") => b.provincies.reduce((s, p) => s + p[k]!, 0);

  test("national totals as published in the Totaal row: A 77,100 / 3,660 and B 75,500 / 5,088", () => {
    expect(besluit("coa-2024-a")).toMatchObject({ landelijkTotaal: 77_100, landelijkAmv: 3_660 });
    expect(besluit("coa-2024-b")).toMatchObject({ landelijkTotaal: 75_500, landelijkAmv: 5_088 });
    const totaal = coa.find((r) => r["provincie"] === "Totaal")!;
    expect(Number(totaal["versie_A_totaal_incl_amv"])).toBe(77_100);
    expect(Number(totaal["versie_B_totaal_incl_amv"])).toBe(75_500);
  });

  test("12 provinces each, taken over unchanged; their sums differ slightly from the totals as published", () => {
    const a = besluit("coa-2024-a");
    const b = besluit("coa-2024-b");
    for (const x of [a, b]) {
      expect(x.provincies).toHaveLength(12);
      expect(x.gemeenten).toEqual([]);
      expect(x.status).toBe("historisch (voor de Spreidingswet)");
    }
    // The COA's own table does not add up to its own total row (A: 30 and 1 short; B: 1 short).
    expect([som(a, "totaal"), som(a, "amv")]).toEqual([77_070, 3_659]);
    expect([som(b, "totaal"), som(b, "amv")]).toEqual([75_499, 5_088]);
    expect(a.opmerkingen.join(" ")).toContain("77.070");
    expect(b.opmerkingen.join(" ")).toContain("75.499");
    // The sum of the CSV rows is the same as in the dataset (nothing adjusted).
    const rijen = coa.filter((r) => r["provincie"] !== "Totaal");
    expect(rijen.reduce((s, r) => s + Number(r["versie_A_totaal_incl_amv"]), 0)).toBe(som(a, "totaal"));
    expect(rijen.reduce((s, r) => s + Number(r["versie_B_amv"]), 0)).toBe(som(b, "amv"));
  });

  test("Friesland is Fryslân (PV21); Zuid-Holland A 19,097 / 781", () => {
    const a = besluit("coa-2024-a");
    expect(a.provincies.find((p) => p.provincie === "PV21")).toMatchObject({ totaal: 3744, amv: 136 });
    expect(a.provincies.find((p) => p.provincie === "PV28")).toMatchObject({ totaal: 19_097, amv: 781 });
  });

  test("the date of version B is not in the sources, and says so", () => {
    expect(besluit("coa-2024-b").opmerkingen.join(" ")).toMatch(
      /datum van versie B staat niet in de bronnen/,
    );
  });
});

describe("spreidingswet-96000", () => {
  const b = besluit("spreidingswet-96000");

  test("96,000 of which 8,140 amv; indicatief", () => {
    expect(b).toMatchObject({
      landelijkTotaal: 96_000,
      landelijkAmv: 8_140,
      status: "indicatief (Spreidingswet, eerste cyclus)",
      schattingToegestaan: true,
    });
  });

  test("12 provincial targets summing to 96,002, equal to the source file", () => {
    expect(b.provincies).toHaveLength(12);
    expect(b.provincies.reduce((s, p) => s + p.totaal!, 0)).toBe(96_002);
    const naamNaarCode = new Map(dataset.provincies.map((p) => [p.naam, p.code]));
    for (const r of csv("spreidingswet_provinciale_opgave_96000.csv")) {
      if (r["provincie"]!.startsWith("TOTAAL")) continue;
      const code = naamNaarCode.get(r["provincie"]!);
      expect(b.provincies.find((p) => p.provincie === code)?.totaal).toBe(
        Number(r["opgave_opvangplaatsen_incl_amv"]),
      );
    }
    expect(b.opmerkingen.join(" ")).toContain("96.002");
  });

  test("provincial amv where found: four published, Gelderland published, Noord-Brabant derived", () => {
    const amv = Object.fromEntries(b.provincies.map((p) => [p.provincie, [p.amv, p.amvToelichting ?? null]]));
    expect(amv).toEqual({
      PV20: [null, null],
      PV21: [null, null],
      PV22: [null, null],
      PV23: [538, "gepubliceerd"],
      PV24: [null, null],
      PV25: [992, "gepubliceerd"],
      PV26: [null, null],
      PV27: [1380, "gepubliceerd"],
      PV28: [null, null],
      PV29: [180, "gepubliceerd"],
      PV30: [1247, expect.stringMatching(/^afgeleid: 1264 gerealiseerd − 17/)],
      PV31: [480, "gepubliceerd"],
    });
  });

  test("exactly the 45 published gemeenten: 31 single rows of the first file + 14 new confirmed ones", () => {
    expect(b.gemeenten).toHaveLength(45);
    const eerste = csv("spreidingswet_indicatief_gemeenten_deels.csv")
      .map((r) => r["gm_code"]!)
      .filter((c) => /^GM\d{4}$/.test(c));
    expect(eerste).toHaveLength(31);
    const nieuw = csv("extra_spreidingswet_indicatief_aanvulling.csv")
      .filter((r) => r["status"] === "bevestigd" && !eerste.includes(r["gm_code"]!))
      .map((r) => r["gm_code"]!);
    expect(nieuw).toHaveLength(14);
    expect(b.gemeenten.map((g) => g.gemeente)).toEqual([...eerste, ...nieuw].sort());
  });

  test("Bloemendaal 169 (amv 14), with the single-source 172 as alternative", () => {
    const g = gemeenteIn(b, "GM0377")!;
    expect(g).toMatchObject({ totaal: 169, amv: 14 });
    expect(g.alternatieven).toEqual([
      expect.objectContaining({ waarde: "172", bron: expect.stringContaining("welingelichtekringen.nl") }),
    ]);
    expect(g.alternatieven[0]!.reden).toMatch(/amv/);
  });

  test("Wijdemeren 163 with alternative reading 157", () => {
    const g = gemeenteIn(b, "GM1696")!;
    expect(g.totaal).toBe(163);
    expect(g.alternatieven.map((a) => a.waarde)).toEqual(["157"]);
  });

  test("the published amv pairs follow round(total × 8140/96000), and only they have an amv", () => {
    const paren = b.gemeenten.filter((g) => g.amv !== null).map((g) => [g.gemeente, g.totaal, g.amv]);
    expect(paren).toEqual([
      ["GM0344", 1988, 169],
      ["GM0377", 169, 14],
      ["GM0518", 2513, 213],
    ]);
    for (const [, totaal, amv] of paren) expect(amvRegel(totaal as number)).toBe(amv);
  });

  test("confirmations add a source but no alternative", () => {
    for (const code of ["GM0392", "GM0518", "GM0344"]) {
      const g = gemeenteIn(b, code)!;
      expect(g.alternatieven).toEqual([]);
      expect(g.bron.split(" ; ").length).toBe(2);
    }
    expect(gemeenteIn(b, "GM0392")!.totaal).toBe(963);
  });

  test("uncertain and derived figures are not gemeente numbers, but are explained", () => {
    for (const code of ["GM0484", "GM0753", "GM0737", "GM1949", "GM0098"])
      expect(gemeenteIn(b, code)).toBeUndefined();
    const tekst = b.opmerkingen.join("\n");
    expect(tekst).toMatch(/Alphen aan den Rijn \(GM0484\) '700 \(circa\)'/);
    expect(tekst).toMatch(/Best \(GM0753\) '192 \(\?\)'/);
    expect(tekst).toMatch(/Tytsjerksteradiel.*Waadhoeke.*Weststellingwerf.*571/);
  });

  test("Fryslân: the 15 published numbers plus the derived 571 make the provincial 3,391", () => {
    const fryslan = b.gemeenten.filter((g) => provincieVan.get(g.gemeente) === "PV21");
    expect(fryslan).toHaveLength(15);
    expect(fryslan.reduce((s, g) => s + g.totaal, 0) + 571).toBe(3391);
  });
});

describe("verdeelbesluit-2024-12", () => {
  const b = besluit("verdeelbesluit-2024-12");

  test("binding, partly published; same 96,000 capacity; no provinces", () => {
    expect(b).toMatchObject({
      landelijkTotaal: 96_000,
      landelijkAmv: null,
      status: "bindend, gedeeltelijk gepubliceerd",
      schattingToegestaan: false,
      provincies: [],
    });
    expect(b.aliassen).toEqual(["verdeelbesluit", "dec2024", "2024-12"]);
  });

  test("Den Haag 2189 (amv 348), Ridderkerk 340, Wassenaar 930, Utrecht 1946 (amv 152; alternative 1943)", () => {
    expect(b.gemeenten.map((g) => [g.gemeente, g.totaal, g.amv])).toEqual([
      ["GM0344", 1946, 152],
      ["GM0518", 2189, 348],
      ["GM0597", 340, null],
      ["GM0629", 930, null],
    ]);
    expect(gemeenteIn(b, "GM0344")!.alternatieven.map((a) => a.waarde)).toEqual(["1943"]);
    expect(gemeenteIn(b, "GM0629")!.toelichting).toMatch(/Duinrell/);
  });

  test("Baarn (uncertain) and the Noord-Brabant +1003 are explained, not figures", () => {
    expect(gemeenteIn(b, "GM0308")).toBeUndefined();
    const tekst = b.opmerkingen.join("\n");
    expect(tekst).toMatch(/Baarn \(GM0308\) '152 \(\?\)'/);
    expect(tekst).toMatch(/\+1003/);
  });
});

describe("raming-88000", () => {
  const b = besluit("raming-88000");

  test("88,000 on 27-2-2026; only Zuid-Holland's provincial figure; Alphen 628 and Breda 932", () => {
    expect(b).toMatchObject({ landelijkTotaal: 88_000, landelijkAmv: null, schattingToegestaan: false });
    expect(b.provincies.map((p) => [p.provincie, p.totaal])).toEqual([["PV28", 18_175]]);
    expect(b.gemeenten.map((g) => [g.gemeente, g.totaal])).toEqual([
      ["GM0484", 628],
      ["GM0758", 932],
    ]);
    expect(gemeenteIn(b, "GM0484")!.toelichting).toBe("59 boven 'alleen inwonertal'");
    expect(b.opmerkingen.join("\n")).toMatch(/Noord-Holland.*tekort 7700/);
  });
});

describe("kostenNormen", () => {
  test("the amounts per soort, in order", () => {
    expect(dataset.kostenNormen.map((k) => [k.soort, k.vanaf, k.tot, k.bedrag, k.eenheid])).toEqual([
      ["coa-regulier", "2022-01-01", "2022-12-31", 27_100, "jaar"],
      ["coa-regulier", "2023-01-01", "2023-12-31", 30_400, "jaar"],
      ["coa-nood", "2022-01-01", "2022-12-31", 53_400, "jaar"],
      ["coa-nood", "2023-01-01", "2023-12-31", 69_400, "jaar"],
      ["oekraine-goo", "2022-03-01", "2022-10-14", 100, "dag"],
      ["oekraine-goo", "2022-10-15", "2023-12-31", 83, "dag"],
      ["oekraine-goo", "2024-01-01", "2024-12-31", 61, "dag"],
      ["oekraine-goo", "2025-01-01", null, 44, "dag"],
      ["oekraine-poo", "2022-03-01", "2023-12-31", 210, "maand"],
      ["oekraine-poo", "2024-01-01", "2024-12-31", 92, "maand"],
      ["oekraine-poo", "2025-01-01", null, 48, "maand"],
    ]);
  });

  test("per soort: sorted, not overlapping, only the last open-ended", () => {
    const soorten = [...new Set(dataset.kostenNormen.map((k) => k.soort))];
    for (const soort of soorten) {
      const rij = dataset.kostenNormen.filter((k) => k.soort === soort);
      rij.forEach((k, i) => {
        if (k.tot !== null) expect(k.tot >= k.vanaf).toBe(true);
        if (i > 0) {
          const vorige = rij[i - 1]!;
          expect(vorige.tot).not.toBeNull();
          expect(vorige.tot! < k.vanaf).toBe(true);
        }
      });
    }
  });

  test("statuses: minimum, announced, unit uncertain", () => {
    const status = (soort: string, vanaf: string) =>
      dataset.kostenNormen.find((k) => k.soort === soort && k.vanaf === vanaf)?.status;
    expect(status("oekraine-goo", "2022-03-01")).toBe("vastgesteld (minimaal)");
    expect(status("oekraine-goo", "2025-01-01")).toBe("aangekondigd");
    expect(status("oekraine-poo", "2025-01-01")).toBe("eenheid onzeker (vermoedelijk per maand)");
  });
});

describe("prikkels", () => {
  test("the five amounts of the final regulation; drafts not included", () => {
    expect(dataset.prikkels.map((p) => [p.fase, p.duurzaam, p.bedrag])).toEqual([
      ["landelijk", true, 5000],
      ["landelijk", false, 2500],
      ["provinciaal", true, 4000],
      ["provinciaal", false, 1500],
      ["aanwijzing", null, 1500],
    ]);
    for (const p of dataset.prikkels) expect(p.status).not.toMatch(/vervangen|idem/);
  });
});

describe("the build fails when a source no longer fits a decision", () => {
  const bronnen = readBronnen(bronDir);
  const vervang = (bestand: string, van: string, naar: string) => {
    const tekst = bronnen[bestand]!;
    expect(tekst).toContain(van);
    return { ...bronnen, [bestand]: tekst.replace(van, naar) };
  };

  test("Bloemendaal's conflicting figure changes", () => {
    const files = vervang(
      "spreidingswet_indicatief_gemeenten_deels.csv",
      "GM0377,Bloemendaal,172,",
      "GM0377,Bloemendaal,175,",
    );
    expect(() => buildDataset(files)).toThrow(/beslissing/);
  });

  test("a gemeente code that is not a current gemeente", () => {
    const files = vervang("extra_spreidingswet_indicatief_aanvulling.csv", "GM1916,", "GM0457,");
    expect(() => buildDataset(files)).toThrow(/GM0457 is geen huidige gemeente/);
  });

  test("provincial targets that no longer add up to the TOTAAL row", () => {
    const files = vervang(
      "spreidingswet_provinciale_opgave_96000.csv",
      "TOTAAL (som van bovenstaande),96002,",
      "TOTAAL (som van bovenstaande),96003,",
    );
    expect(() => buildDataset(files)).toThrow(/TOTAAL/);
  });

  test("overlapping cost periods", () => {
    const files = vervang(
      "kosten_normbedragen.csv",
      "Oekraine GOO normbedrag,2022-10-15",
      "Oekraine GOO normbedrag,2022-10-14",
    );
    expect(() => buildDataset(files)).toThrow(/overlappen/);
  });
});
