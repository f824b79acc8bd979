/**
 * The committed embedded dataset (src/data/embedded/dataset.json), checked against the schema, against a fresh
 * build from data/bronnen/, and against facts from the real data (counts, sums, national taakstelling).
 */
import { readFileSync } from "fs";
import { join } from "path";
import { buildDataset, normaliseerNaam } from "../../src/data/bronnen/buildDataset";
import { readBronnen } from "../../src/data/bronnen/readBronnen";
import { serializeDataset } from "../../src/data/bronnen/serialize";
import { DatasetSchema, type Dataset, type Gemeente } from "../../src/data/schema";

const root = join(__dirname, "..", "..");
const bronDir = join(root, "data", "bronnen");
const embeddedPad = join(root, "src", "data", "embedded", "dataset.json");
const embeddedTekst = readFileSync(embeddedPad, "utf8");
const dataset: Dataset = DatasetSchema.parse(JSON.parse(embeddedTekst));
const bronnen = readBronnen(bronDir);

const jaren = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
const gemeente = (code: string): Gemeente => {
  const g = dataset.gemeenten.find((x) => x.code === code);
  if (!g) throw new Error(`gemeente ${code} ontbreekt`);
  return g;
};
const metInwoners = (jaar: number) => dataset.gemeenten.filter((g) => g.inwoners[String(jaar)] !== undefined);
const som = (gs: Gemeente[], jaar: number) => gs.reduce((s, g) => s + g.inwoners[String(jaar)]!, 0);

describe("embedded dataset", () => {
  test("passes DatasetSchema", () => {
    expect(() => DatasetSchema.parse(JSON.parse(embeddedTekst))).not.toThrow();
    expect(dataset.id).toBe("opgave-standaard");
    expect(dataset.versie).toBe("2026.12.01");
    expect(dataset.datum).toBe("2026-12-01");
  });

  test("equals a fresh build from data/bronnen (the committed file cannot drift)", () => {
    const vers = buildDataset(bronnen);
    expect(JSON.parse(embeddedTekst)).toEqual(vers);
    expect(embeddedTekst).toBe(serializeDataset(vers));
  });

  test("the build is deterministic", () => {
    expect(serializeDataset(buildDataset(bronnen))).toBe(serializeDataset(buildDataset({ ...bronnen })));
  });

  test("the build and its script never read ../shared", () => {
    for (const bestand of [
      "scripts/build-dataset.ts",
      "src/data/bronnen/buildDataset.ts",
      "src/data/bronnen/cbs.ts",
      "src/data/bronnen/csv.ts",
      "src/data/bronnen/naam.ts",
      "src/data/bronnen/oekraine.ts",
      "src/data/bronnen/opvang.ts",
      "src/data/bronnen/readBronnen.ts",
      "src/data/bronnen/serialize.ts",
    ]) {
      expect(readFileSync(join(root, bestand), "utf8")).not.toMatch(/shared/);
    }
  });
});

describe("gemeenten: counts and population", () => {
  test("342 gemeenten exist on 2024-01-01", () => {
    const nu = dataset.gemeenten.filter((g) => g.tot === null && g.inwoners["2024"] !== undefined);
    expect(nu).toHaveLength(342);
    expect(metInwoners(2024)).toHaveLength(342);
  });

  test.each([
    [2015, 393],
    [2016, 390],
    [2017, 388],
    [2018, 380],
    [2019, 355],
    [2020, 355],
    [2021, 352],
    [2022, 345],
    [2023, 342],
    [2024, 342],
  ])("%i: %i gemeenten", (jaar, aantal) => {
    expect(metInwoners(jaar)).toHaveLength(aantal);
  });

  test("every GM code of the classifications 2015…2024 is present (414)", () => {
    expect(dataset.gemeenten).toHaveLength(414);
    expect(new Set(dataset.gemeenten.map((g) => g.code)).size).toBe(414);
  });

  test("sum of the 342 gemeenten on 1-1-2023 = 17,811,291 = land", () => {
    expect(som(metInwoners(2023), 2023)).toBe(17_811_291);
    expect(dataset.land.inwoners["2023"]).toBe(17_811_291);
  });

  test("sum on 1-1-2022 (345 codes, classification 2022) = land 17,590,672; also on 2023 boundaries", () => {
    expect(som(metInwoners(2022), 2022)).toBe(17_590_672);
    expect(dataset.land.inwoners["2022"]).toBe(17_590_672);
    const huidige = dataset.gemeenten.filter((g) => g.tot === null);
    const herberekend = huidige.reduce(
      (s, g) => s + (g.inwonersHerberekend?.["2022"] ?? g.inwoners["2022"] ?? Number.NaN),
      0,
    );
    expect(herberekend).toBe(17_590_672);
  });

  test("sum on 1-1-2024 = land 17,942,942", () => {
    expect(som(metInwoners(2024), 2024)).toBe(17_942_942);
    expect(dataset.land.inwoners["2024"]).toBe(17_942_942);
  });

  test.each(jaren)("%i: sum of gemeenten = land", (jaar) => {
    expect(som(metInwoners(jaar), jaar)).toBe(dataset.land.inwoners[String(jaar)]);
  });

  test.each(jaren)("%i: per province, sum of gemeenten = provincie inwoners", (jaar) => {
    expect(dataset.provincies).toHaveLength(12);
    for (const p of dataset.provincies) {
      const gs = metInwoners(jaar).filter((g) => g.provincie === p.code);
      expect([p.code, som(gs, jaar)]).toEqual([p.code, p.inwoners[String(jaar)]]);
    }
  });

  test("inwonersHerberekend only where the 2023-boundary figure differs (Amsterdam incl. Weesp, Voorne aan Zee)", () => {
    expect(gemeente("GM0363").inwoners["2022"]).toBe(882_633);
    expect(gemeente("GM0363").inwonersHerberekend).toEqual({ "2022": 903_399 });
    expect(gemeente("GM1992").inwoners["2022"]).toBeUndefined();
    expect(gemeente("GM1992").inwonersHerberekend).toEqual({ "2022": 73_238 });
    for (const g of dataset.gemeenten) {
      if (g.inwonersHerberekend) {
        expect(g.tot).toBeNull();
        expect(g.inwonersHerberekend["2022"]).not.toBe(g.inwoners["2022"]);
      }
    }
  });
});

describe("gemeenten: names, aliases, province, safety region, vanaf/tot", () => {
  test("Dutch CBS names", () => {
    expect(gemeente("GM0518").naam).toBe("'s-Gravenhage");
    expect(gemeente("GM0796").naam).toBe("'s-Hertogenbosch");
    expect(gemeente("GM0373").naam).toBe("Bergen (NH.)");
    expect(gemeente("GM0893").naam).toBe("Bergen (L.)");
    expect(gemeente("GM0344").naam).toBe("Utrecht");
    expect(gemeente("GM0014").naam).toBe("Groningen");
    expect(gemeente("GM1900").naam).toBe("Súdwest-Fryslân");
    expect(gemeente("GM1921").naam).toBe("De Friese Meren");
    expect(gemeente("GM0063").naam).toBe("het Bildt");
    for (const g of dataset.gemeenten) expect(g.naam).not.toMatch(/Municipality|\(PV\)|^The /);
  });

  test("aliases: CBS English labels and the documented colloquial names", () => {
    expect(gemeente("GM0518").aliassen).toEqual(expect.arrayContaining(["The Hague", "Den Haag"]));
    expect(gemeente("GM0344").aliassen).toContain("Utrecht Municipality");
    expect(gemeente("GM0796").aliassen).toEqual(["Den Bosch"]);
    expect(gemeente("GM0164").aliassen).toEqual(["Hengelo (O.)"]);
    expect(gemeente("GM0888").aliassen).toEqual(["Beek (L.)"]);
    expect(gemeente("GM0417").aliassen).toEqual(["Laren (NH.)"]);
    expect(gemeente("GM0687").aliassen).toEqual(["Middelburg (Z.)"]);
    expect(gemeente("GM0603").aliassen).toEqual(["Rijswijk (ZH.)"]);
    expect(gemeente("GM0971").aliassen).toEqual(["Stein (L.)"]);
    expect(gemeente("GM1900").aliassen).toEqual(["Sudwest-Friesland", "Zuidwest-Friesland"]);
    expect(gemeente("GM1970").aliassen).toEqual(["Noordoost-Friesland"]);
    expect(gemeente("GM0820").aliassen).toEqual(["Nuenen", "Nuenen c.a."]);
    expect(gemeente("GM1940").aliassen).toEqual([]);
  });

  test("no name or alias is ambiguous", () => {
    const eigenaar = new Map<string, string>();
    for (const g of dataset.gemeenten) {
      for (const n of [g.naam, ...g.aliassen]) {
        const k = normaliseerNaam(n);
        expect([n, eigenaar.get(k) ?? g.code]).toEqual([n, g.code]);
        eigenaar.set(k, g.code);
      }
    }
  });

  test("current gemeenten have province and safety region; former ones a province and no safety region", () => {
    const vrCodes = new Set(dataset.veiligheidsregios.map((v) => v.code));
    expect(vrCodes.size).toBe(25);
    for (const g of dataset.gemeenten) {
      expect(g.provincie).toMatch(/^PV(2\d|3[01])$/);
      if (g.tot === null) expect(vrCodes.has(g.veiligheidsregio!)).toBe(true);
      else expect(g.veiligheidsregio).toBeNull();
    }
    expect(gemeente("GM0545").provincie).toBe("PV28"); // Leerdam: Zuid-Holland until 2019
    expect(gemeente("GM0707").provincie).toBe("PV28"); // Zederik
    expect(gemeente("GM0620").provincie).toBe("PV26"); // Vianen: Utrecht
    expect(gemeente("GM1961").provincie).toBe("PV26"); // Vijfheerenlanden
    expect(gemeente("GM0241").provincie).toBe("PV25"); // Groesbeek → Berg en Dal
    expect(gemeente("GM0788").provincie).toBe("PV30"); // Haaren (split) → Boxtel
    expect(gemeente("GM0518").veiligheidsregio).toBe("VR15");
  });

  test("vanaf/tot", () => {
    expect(gemeente("GM0457")).toMatchObject({ vanaf: null, tot: "2022-03-24" }); // Weesp
    expect(gemeente("GM0501")).toMatchObject({ vanaf: null, tot: "2023-01-01" }); // Brielle
    expect(gemeente("GM0363")).toMatchObject({ vanaf: null, tot: null }); // Amsterdam
    expect(gemeente("GM0014")).toMatchObject({ vanaf: null, tot: null }); // Groningen
    expect(gemeente("GM1992")).toMatchObject({ vanaf: "2023-01-01", tot: null }); // Voorne aan Zee
    expect(gemeente("GM1945")).toMatchObject({ vanaf: "2016-01-01", tot: null }); // Berg en Dal
    expect(gemeente("GM0241")).toMatchObject({ vanaf: null, tot: "2016-01-01" }); // Groesbeek
    expect(gemeente("GM1930")).toMatchObject({ vanaf: "2015-01-01", tot: null }); // Nissewaard
    expect(dataset.gemeenten.filter((g) => g.tot === null)).toHaveLength(342);
  });
});

describe("provincies, veiligheidsregio's, bronnen", () => {
  test("12 provinces with Dutch names", () => {
    expect(dataset.provincies.map((p) => [p.code, p.naam])).toEqual([
      ["PV20", "Groningen"],
      ["PV21", "Fryslân"],
      ["PV22", "Drenthe"],
      ["PV23", "Overijssel"],
      ["PV24", "Flevoland"],
      ["PV25", "Gelderland"],
      ["PV26", "Utrecht"],
      ["PV27", "Noord-Holland"],
      ["PV28", "Zuid-Holland"],
      ["PV29", "Zeeland"],
      ["PV30", "Noord-Brabant"],
      ["PV31", "Limburg"],
    ]);
    for (const p of dataset.provincies) expect(Object.keys(p.inwoners)).toEqual(jaren.map(String));
    expect(Object.keys(dataset.land.inwoners)).toEqual(jaren.map(String));
  });

  test("one bron per source file, each file present in data/bronnen", () => {
    const ids = dataset.bronnen.map((b) => b.id);
    expect(ids).toEqual([
      "achterstand_landelijk",
      "cbs_bevolking_1jan_regio_2012_2024",
      "cbs_gemeenten_alfabetisch_2023",
      "coa_provinciale_opgave_1jan2024",
      "extra_spreidingswet_indicatief_aanvulling",
      "extra_spreidingswet_provinciale_amv_opgave",
      "extra_spreidingswet_raming2026_deels",
      "extra_spreidingswet_verdeelbesluit_dec2024_deels",
      "gemeentelijke_herindelingen_2021_2026",
      "gemeenten_2023_2024",
      "herindelingen_2015_2020",
      "kosten_normbedragen",
      "oekraine_opvang_kerncijfers",
      "spreidingswet_financiele_prikkel",
      "spreidingswet_indicatief_gemeenten_deels",
      "spreidingswet_provinciale_opgave_96000",
      "taakstelling_landelijk",
      "veiligheidsregios",
    ]);
    for (const b of dataset.bronnen) {
      expect(b.bestand).toBe(`${b.id}.csv`);
      expect(bronnen[b.bestand!]).toBeDefined();
      expect(b.urls.length).toBeGreaterThan(0);
      for (const u of b.urls) expect(u).toMatch(/^https?:\/\/\S+$/);
    }
  });
});

describe("landelijke taakstelling", () => {
  const periode = (p: string) => {
    const t = dataset.landelijkeTaakstelling.find((x) => x.periode === p);
    if (!t) throw new Error(`periode ${p} ontbreekt`);
    return t;
  };

  test("every half-year 2015-I … 2026-I, in order, peildatum = 1 January of the previous year", () => {
    const perioden = dataset.landelijkeTaakstelling.map((t) => t.periode);
    expect(perioden).toHaveLength(23);
    expect(perioden[0]).toBe("2015-I");
    expect(perioden[22]).toBe("2026-I");
    dataset.landelijkeTaakstelling.forEach((t, i) => {
      const jaar = 2015 + Math.floor(i / 2);
      expect(t.periode).toBe(`${jaar}-${i % 2 === 0 ? "I" : "II"}`);
      expect(t.peildatumInwoners).toBe(`${jaar - 1}-01-01`);
      expect(t.aantal === null).toBe(t.status === "onbekend");
    });
  });

  test("2024-I = 18,750 on 1-1-2023; 2023-II = 17,600 bijgesteld from 27,300; 2024-II onbekend", () => {
    expect(periode("2024-I")).toMatchObject({
      aantal: 18_750,
      status: "vastgesteld",
      peildatumInwoners: "2023-01-01",
    });
    expect(periode("2023-II")).toMatchObject({
      aantal: 17_600,
      status: "bijgesteld",
      eerdereAantallen: [27_300],
    });
    expect(periode("2024-II")).toMatchObject({ aantal: null, status: "onbekend", eerdereAantallen: [] });
  });

  test("bijgesteld periods and their history", () => {
    const bijgesteld = dataset.landelijkeTaakstelling.filter((t) => t.status === "bijgesteld");
    expect(bijgesteld.map((t) => [t.periode, t.aantal, t.eerdereAantallen])).toEqual([
      ["2017-II", 10_000, []],
      ["2019-I", 6_000, [8_000]],
      ["2023-II", 17_600, [27_300]],
      ["2025-I", 15_000, [17_700]],
    ]);
  });

  test("unknown periods, including 2015 (only a whole-year figure, not split)", () => {
    const onbekend = dataset.landelijkeTaakstelling
      .filter((t) => t.status === "onbekend")
      .map((t) => t.periode);
    expect(onbekend).toEqual([
      "2015-I",
      "2015-II",
      "2016-I",
      "2018-II",
      "2020-I",
      "2021-I",
      "2021-II",
      "2024-II",
      "2026-I",
    ]);
    expect(periode("2015-I").toelichting).toContain("30000");
    expect(periode("2015-II").toelichting).toContain("30000");
  });

  test("no official per-gemeente figures", () => {
    expect(dataset.officieleTaakstelling).toEqual([]);
  });
});

describe("achterstand landelijk", () => {
  test("every row; a number only where the published value is one exact integer", () => {
    expect(dataset.achterstandLandelijk).toHaveLength(13);
    expect(dataset.achterstandLandelijk.filter((a) => a.aantal !== null).map((a) => a.aantal)).toEqual([
      5283, 6082, -2000, 3000, 5580, 3728, 1833, 10343, 12000,
    ]);
    const tekst = dataset.achterstandLandelijk.find((a) => a.peildatum === "2023-07-01");
    expect(tekst).toMatchObject({ aantal: null, waardeTekst: "5100 (bijna)" });
  });
});

describe("kerncijfers Oekraïne-opvang (oekraine_opvang_kerncijfers.csv)", () => {
  test("every cell of the source; a combined row is split into one figure per indicator, quoted", () => {
    const cijfers = dataset.oekraineKerncijfers!;
    expect(cijfers.map((c) => [c.datum, c.indicator, c.aantal ?? c.waardeTekst])).toEqual([
      ["2022-03-07", "opdracht per veiligheidsregio", 2000],
      ["2022-04-25", "landelijke doelstelling", 75_000],
      ["2023-07-01", "gevraagd", 90_000],
      ["2023-07-01", "gerealiseerd", 78_000],
      ["2023-11", "Oekraiense ontheemden in gemeentelijke opvang (VNG)", "83000+"],
      ["2024-02-16", "bedden beschikbaar", 90_760],
      ["2024-02-16", "in gebruik", 90_600],
      ["2024-02", "gevraagd (per februari)", 97_000],
      ["2024-02", "beschikbaar", 92_000],
      ["2025-01", "benodigde plekken", 120_000],
      ["2025-07", "benodigde plekken", 109_000],
    ]);
    expect(cijfers[7]!.toelichting).toBe(
      'gepubliceerd als "gevraagd (per februari) / beschikbaar: 97000 / 92000"; Veiligheidsberaad',
    );
    expect(cijfers[4]!.bron).toBe("VNG ledenbrief november 2023 (opvang en huisvesting)");
    for (const c of cijfers) expect(c.bron.length).toBeGreaterThan(0);
  });

  test("a row with more names than values fails the build", () => {
    const tekst = bronnen["oekraine_opvang_kerncijfers.csv"]!;
    const files = { ...bronnen, "oekraine_opvang_kerncijfers.csv": tekst.replace("90760 / 90600", "90760") };
    expect(() => buildDataset(files)).toThrow(/niet even veel namen als waarden/);
  });

  test("the part is optional in the schema: a dataset without it (an older bundle) is valid", () => {
    const zonder: Dataset = { ...dataset };
    delete zonder.oekraineKerncijfers;
    expect(() => DatasetSchema.parse(zonder)).not.toThrow();
    expect(serializeDataset(zonder)).not.toContain("oekraineKerncijfers");
  });
});

describe("the build fails on inconsistent sources", () => {
  const vervang = (bestand: string, van: string, naar: string) => {
    const tekst = bronnen[bestand]!;
    expect(tekst).toContain(van);
    return { ...bronnen, [bestand]: tekst.replace(van, naar) };
  };

  test("master file population 1-1-2023 differs from the CBS long table", () => {
    const files = vervang(
      "gemeenten_2023_2024.csv",
      "GM1680,1680,Aa en Hunze,PV22,Drenthe,VR03,Drenthe,25579,25724,",
      "GM1680,1680,Aa en Hunze,PV22,Drenthe,VR03,Drenthe,25579,25725,",
    );
    expect(() => buildDataset(files)).toThrow(/inwoners_2023_01_01/);
  });

  test("a code change in the CBS table without herindeling", () => {
    const files = vervang(
      "herindelingen_2015_2020.csv",
      "2017-01-01,GM0844;GM0846;GM0860,Schijndel;Sint-Oedenrode;Veghel,GM1948",
      "2017-01-01,GM0844;GM0846,Schijndel;Sint-Oedenrode,GM1948",
    );
    expect(() => buildDataset(files)).toThrow(/GM0860/);
  });

  test("a missing source file", () => {
    const files = { ...bronnen };
    delete files["veiligheidsregios.csv"];
    expect(() => buildDataset(files)).toThrow(/veiligheidsregios\.csv/);
  });
});
