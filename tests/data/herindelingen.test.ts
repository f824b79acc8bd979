/**
 * Herindelingen in the embedded dataset against the CBS long table (data/bronnen/cbs_bevolking_1jan_regio_2012_2024.csv,
 * parsed here independently of the build): every code change is explained, populations add up, vanaf/tot agree.
 */
import { readFileSync } from "fs";
import { join } from "path";
import Papa from "papaparse";
import { DatasetSchema, type Dataset, type Herindeling } from "../../src/data/schema";

const root = join(__dirname, "..", "..");
const dataset: Dataset = DatasetSchema.parse(
  JSON.parse(readFileSync(join(root, "src", "data", "embedded", "dataset.json"), "utf8")),
);

/** peildatum year → GM code → inwoners (each year in its own classification; 1-1-2024 = classification 2023). */
const cbs = new Map<number, Map<string, number>>();
{
  const tekst = readFileSync(join(root, "data", "bronnen", "cbs_bevolking_1jan_regio_2012_2024.csv"), "utf8");
  const rijen = Papa.parse<Record<string, string>>(tekst, { header: true, skipEmptyLines: true });
  if (rijen.errors.length > 0) throw new Error(`CSV-fout: ${rijen.errors[0]!.message}`);
  for (const r of rijen.data) {
    if (r["regio_type"] !== "gemeente") continue;
    const jaar = Number(r["peildatum"]!.slice(0, 4));
    if (!cbs.has(jaar)) cbs.set(jaar, new Map());
    cbs.get(jaar)!.set(r["regio_code"]!, Number(r["inwoners"]));
  }
}
const indeling = (jaar: number): Map<string, number> => {
  const m = cbs.get(jaar);
  if (!m) throw new Error(`CBS-indeling ${jaar} ontbreekt`);
  return m;
};
const inw = (jaar: number, code: string): number => {
  const v = indeling(jaar).get(code);
  if (v === undefined) throw new Error(`${code} heeft geen inwoners op 1-1-${jaar}`);
  return v;
};

/**
 * The first 1 January classification that includes a change on `datum` (a change on 1-1-Y is in classification Y;
 * Weesp → Amsterdam on 24-3-2022 first shows in classification 2023).
 */
const jaarNa = (datum: string) => Number(datum.slice(0, 4)) + (datum.endsWith("-01-01") ? 0 : 1);
const inVenster = (jaar: number) => dataset.herindelingen.filter((h) => jaarNa(h.datum) === jaar);
const jaren = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];

describe("herindelingen explain every code change in the CBS table", () => {
  test("all herindelingen fall in 2015…2024 and are sorted by date", () => {
    const data = dataset.herindelingen.map((h) => h.datum);
    expect([...data].sort()).toEqual(data);
    expect(data[0]! >= "2015-01-01").toBe(true);
    expect(data[data.length - 1]! <= "2024-01-01").toBe(true);
    expect(dataset.herindelingen).toHaveLength(36);
  });

  test.each(jaren)("classification %i vs the year before", (jaar) => {
    const vorig = indeling(jaar - 1);
    const nu = indeling(jaar);
    const hs = inVenster(jaar);
    const oud = new Set(hs.flatMap((h) => h.oud));
    const nieuw = new Set(hs.flatMap((h) => h.nieuw));
    const verdwenen = [...vorig.keys()].filter((c) => !nu.has(c));
    const verschenen = [...nu.keys()].filter((c) => !vorig.has(c));
    for (const c of verdwenen) expect([c, oud.has(c)]).toEqual([c, true]);
    for (const c of verschenen) expect([c, nieuw.has(c)]).toEqual([c, true]);
    // … and conversely: every `oud` disappears, every `nieuw` (and deelsNaar) exists afterwards.
    for (const c of oud) expect([c, vorig.has(c), nu.has(c)]).toEqual([c, true, false]);
    for (const h of hs)
      for (const c of [...h.nieuw, ...(h.deelsNaar ?? [])]) expect([c, nu.has(c)]).toEqual([c, true]);
    expect(oud.size).toBe(verdwenen.length);
  });

  test("number of changes per year as in the CBS table", () => {
    const perJaar = Object.fromEntries(jaren.map((j) => [j, inVenster(j).length]));
    expect(perJaar).toEqual({
      2015: 5,
      2016: 4,
      2017: 1,
      2018: 6,
      2019: 12,
      2020: 0,
      2021: 2,
      2022: 4,
      2023: 2,
      2024: 0,
    });
  });

  test("splits, renames and partial transfers", () => {
    const vind = (oudCode: string): Herindeling => {
      const h = dataset.herindelingen.find((x) => x.oud.includes(oudCode));
      if (!h) throw new Error(`geen herindeling met ${oudCode}`);
      return h;
    };
    expect(vind("GM1671")).toMatchObject({
      datum: "2015-01-01",
      soort: "splitsing",
      nieuw: ["GM0828", "GM0796"],
    });
    expect(vind("GM0140")).toMatchObject({
      datum: "2018-01-01",
      soort: "splitsing",
      nieuw: ["GM0080", "GM1900", "GM1949"],
    });
    expect(vind("GM0788")).toMatchObject({
      datum: "2021-01-01",
      soort: "splitsing",
      nieuw: ["GM0757", "GM0824", "GM0855", "GM0865"],
    });
    expect(vind("GM0053")).toMatchObject({ nieuw: ["GM1966"], deelsNaar: ["GM1969"] });
    expect(
      dataset.herindelingen.filter((h) => h.soort === "naamswijziging").map((h) => [h.datum, h.oud, h.nieuw]),
    ).toEqual([
      ["2016-01-01", ["GM0241"], ["GM1945"]],
      ["2016-01-01", ["GM1921"], ["GM1940"]],
    ]);
    // Mergers into an existing code: `oud` only the disappearing codes, `nieuw` the continuing code.
    expect(vind("GM0457")).toMatchObject({
      datum: "2022-03-24",
      soort: "samenvoeging",
      oud: ["GM0457"],
      nieuw: ["GM0363"],
    });
    expect(vind("GM0370")).toMatchObject({ soort: "samenvoeging", oud: ["GM0370"], nieuw: ["GM0439"] });
    for (const h of dataset.herindelingen) {
      if (h.soort === "splitsing") expect(h.oud).toHaveLength(1);
      else expect(h.nieuw).toHaveLength(1);
      expect(h.nieuw.some((c) => h.oud.includes(c))).toBe(false);
    }
  });
});

describe("populations add up across herindelingen", () => {
  /** Codes that receive territory from a split or partial transfer on the same date. */
  const deelsOntvangers = (datum: string) =>
    new Set(
      dataset.herindelingen
        .filter((h) => h.datum === datum)
        .flatMap((h) => [...(h.soort === "splitsing" ? h.nieuw : []), ...(h.deelsNaar ?? [])]),
    );
  const binnen3Procent = (voor: number, na: number) => Math.abs(na - voor) / na <= 0.03;

  test("pure samenvoegingen into a new code: parts on 1-1-(Y-1) within 3% of the new gemeente on 1-1-Y", () => {
    const puur = dataset.herindelingen.filter((h) => {
      if (h.soort !== "samenvoeging" || h.deelsNaar) return false;
      const nieuw = h.nieuw[0]!;
      return !indeling(jaarNa(h.datum) - 1).has(nieuw) && !deelsOntvangers(h.datum).has(nieuw);
    });
    expect(puur.length).toBeGreaterThanOrEqual(16);
    for (const h of puur) {
      const jaar = jaarNa(h.datum);
      const delen = h.oud.reduce((s, c) => s + inw(jaar - 1, c), 0);
      const geheel = inw(jaar, h.nieuw[0]!);
      expect([h.nieuw[0], delen, geheel, binnen3Procent(delen, geheel)]).toEqual([
        h.nieuw[0],
        delen,
        geheel,
        true,
      ]);
    }
  });

  test("samenvoegingen into an existing code: continuing code + parts within 3%", () => {
    const bestaand = dataset.herindelingen.filter((h) => {
      if (h.soort !== "samenvoeging" || h.deelsNaar) return false;
      const nieuw = h.nieuw[0]!;
      return indeling(jaarNa(h.datum) - 1).has(nieuw) && !deelsOntvangers(h.datum).has(nieuw);
    });
    expect(bestaand.map((h) => h.nieuw[0])).toEqual(
      expect.arrayContaining([
        "GM0241",
        "GM0361",
        "GM0385",
        "GM0299",
        "GM0014",
        "GM0394",
        "GM0575",
        "GM0439",
        "GM0363",
      ]),
    );
    for (const h of bestaand) {
      const jaar = jaarNa(h.datum);
      const voor = [...h.oud, h.nieuw[0]!].reduce((s, c) => s + inw(jaar - 1, c), 0);
      const na = inw(jaar, h.nieuw[0]!);
      expect([h.nieuw[0], binnen3Procent(voor, na)]).toEqual([h.nieuw[0], true]);
    }
  });

  test("every group of connected changes on a date (incl. splits) keeps its population within 3%", () => {
    const data = [...new Set(dataset.herindelingen.map((h) => h.datum))];
    for (const datum of data) {
      const hs = dataset.herindelingen.filter((h) => h.datum === datum);
      // Union-find over the codes of the changes on this date.
      const ouder = new Map<string, string>();
      const wortel = (c: string): string => {
        while (ouder.get(c) !== c) c = ouder.get(c)!;
        return c;
      };
      const alle = hs.flatMap((h) => [...h.oud, ...h.nieuw, ...(h.deelsNaar ?? [])]);
      for (const c of alle) ouder.set(c, c);
      for (const h of hs) {
        const codes = [...h.oud, ...h.nieuw, ...(h.deelsNaar ?? [])];
        for (const c of codes.slice(1)) ouder.set(wortel(c), wortel(codes[0]!));
      }
      const groepen = new Map<string, Set<string>>();
      for (const c of alle) {
        const w = wortel(c);
        if (!groepen.has(w)) groepen.set(w, new Set());
        groepen.get(w)!.add(c);
      }
      const jaar = jaarNa(datum);
      for (const codes of groepen.values()) {
        const voor = [...codes].reduce((s, c) => s + (indeling(jaar - 1).get(c) ?? 0), 0);
        const na = [...codes].reduce((s, c) => s + (indeling(jaar).get(c) ?? 0), 0);
        expect([datum, [...codes], binnen3Procent(voor, na)]).toEqual([datum, [...codes], true]);
      }
    }
  });
});

describe("vanaf/tot agree with the herindelingen and the CBS classifications", () => {
  test.each(dataset.gemeenten.map((g) => [g.code, g] as const))("%s", (_code, g) => {
    const opgeheven = dataset.herindelingen.filter((h) => h.oud.includes(g.code));
    const ontstaan = dataset.herindelingen.filter(
      (h) => h.nieuw.includes(g.code) && !indeling(jaarNa(h.datum) - 1).has(g.code),
    );
    if (g.tot === null) {
      expect(opgeheven).toEqual([]);
    } else {
      expect(opgeheven.map((h) => h.datum)).toEqual([g.tot]);
    }
    if (g.vanaf === null) {
      expect(ontstaan).toEqual([]);
      expect(indeling(2014).has(g.code)).toBe(true);
    } else {
      expect([...new Set(ontstaan.map((h) => h.datum))]).toEqual([g.vanaf]);
      expect(indeling(jaarNa(g.vanaf) - 1).has(g.code)).toBe(false);
    }
    for (const jaar of jaren) {
      const dag = `${jaar}-01-01`;
      const bestaat = (g.vanaf === null || g.vanaf <= dag) && (g.tot === null || dag < g.tot);
      expect([jaar, bestaat]).toEqual([jaar, indeling(jaar).has(g.code)]);
      expect([jaar, g.inwoners[String(jaar)]]).toEqual([jaar, indeling(jaar).get(g.code)]);
    }
  });
});
