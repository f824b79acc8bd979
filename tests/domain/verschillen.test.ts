/**
 * verschillen(oud, nieuw, gemeente): what changed for one gemeente between two datasets, on the real embedded
 * dataset with targeted modifications. Only differing entries, null where the data cannot answer.
 */
import { standaardDataset } from "../../src/data/embedded";
import type { Dataset } from "../../src/data/schema";
import { Engine } from "../../src/domain/engine";
import { art29 } from "../../src/domain/taakstelling";
import { verschillen } from "../../src/domain/verschillen";

const UTRECHT = "GM0344";
const basis = new Engine(standaardDataset());
const kopie = (): Dataset => structuredClone(standaardDataset());
const engineMet = (wijzig: (d: Dataset) => void): Engine => {
  const d = kopie();
  wijzig(d);
  return new Engine(d);
};
const landelijk = (d: Dataset, periode: string) => {
  const l = d.landelijkeTaakstelling.find((x) => x.periode === periode);
  if (!l) throw new Error(`periode ${periode} ontbreekt`);
  return l;
};

test("the same dataset: no changes", () => {
  expect(verschillen(basis, new Engine(kopie()), UTRECHT)).toEqual([]);
});

test("a changed national total changes Utrecht's taakstelling and the national line, nothing else", () => {
  const nieuw = engineMet((d) => {
    landelijk(d, "2025-I").aantal = 16_000;
  });
  const iG = standaardDataset().gemeenten.find((g) => g.code === UTRECHT)!.inwoners["2024"]!;
  const iN = standaardDataset().land.inwoners["2024"]!;
  expect(verschillen(basis, nieuw, UTRECHT)).toEqual([
    { onderwerp: "Taakstelling 2025-I", oud: 313, nieuw: art29(16_000, iG, iN) },
    { onderwerp: "Landelijk 2025-I", oud: 15_000, nieuw: 16_000 },
  ]);
  expect(art29(16_000, iG, iN)).not.toBe(313);
});

test("a national number that becomes known: null → number, for the gemeente and nationally", () => {
  const nieuw = engineMet((d) => {
    const l = landelijk(d, "2024-II");
    l.aantal = 20_000;
    l.status = "vastgesteld";
  });
  const w = verschillen(basis, nieuw, UTRECHT);
  expect(w.map((x) => x.onderwerp)).toEqual(["Taakstelling 2024-II", "Landelijk 2024-II"]);
  expect(w[0]!.oud).toBeNull();
  expect(typeof w[0]!.nieuw).toBe("number");
  expect(w[1]).toEqual({ onderwerp: "Landelijk 2024-II", oud: null, nieuw: 20_000 });
});

test("an official per-gemeente figure wins over the computed one", () => {
  const nieuw = engineMet((d) => {
    d.officieleTaakstelling.push({ periode: "2025-II", gemeente: UTRECHT, aantal: 300, bron: "test" });
  });
  expect(verschillen(basis, nieuw, UTRECHT)).toEqual([
    { onderwerp: "Taakstelling 2025-II", oud: 272, nieuw: 300 },
  ]);
});

test("a new period in the new dataset is compared too (absent → null)", () => {
  const nieuw = engineMet((d) => {
    d.landelijkeTaakstelling.push({ ...landelijk(d, "2025-II"), periode: "2026-II", aantal: 12_000 });
  });
  // 2026-II uses inhabitants on 1-1-2025, which the dataset does not have: the taakstelling stays unavailable.
  expect(verschillen(basis, nieuw, UTRECHT)).toEqual([
    { onderwerp: "Landelijk 2026-II", oud: null, nieuw: 12_000 },
  ]);
});

test("reception: a changed published figure (total and amv) and a new default decision", () => {
  const gewijzigd = engineMet((d) => {
    const b = d.opvangBesluiten.find((x) => x.id === "verdeelbesluit-2024-12")!;
    const u = b.gemeenten.find((g) => g.gemeente === UTRECHT)!;
    u.totaal = 2000;
    u.amv = 160;
  });
  expect(verschillen(basis, gewijzigd, UTRECHT)).toEqual([
    { onderwerp: "Opvang totaal", oud: 1946, nieuw: 2000 },
    { onderwerp: "Opvang amv", oud: 152, nieuw: 160 },
  ]);

  const nieuwBesluit = engineMet((d) => {
    const b = structuredClone(d.opvangBesluiten.find((x) => x.id === "verdeelbesluit-2024-12")!);
    b.id = "test-2026";
    b.naam = "Testbesluit 2026";
    b.aliassen = [];
    b.datum = "2026-06-01";
    b.gemeenten = [{ gemeente: UTRECHT, totaal: 1800, amv: null, bron: "test", alternatieven: [] }];
    b.landelijkTotaal = 90_000;
    b.landelijkAmv = 9_000;
    d.opvangBesluiten.push(b);
  });
  expect(verschillen(basis, nieuwBesluit, UTRECHT)).toEqual([
    {
      onderwerp: "Opvang besluit",
      oud: "Verdeelbesluit december 2024 (gedeeltelijk bekend)",
      nieuw: "Testbesluit 2026",
    },
    { onderwerp: "Opvang totaal", oud: 1946, nieuw: 1800 },
    { onderwerp: "Opvang amv", oud: 152, nieuw: 180 },
  ]);
});

test("inhabitants: a corrected figure and a new latest year", () => {
  const nieuw = engineMet((d) => {
    const u = d.gemeenten.find((g) => g.code === UTRECHT)!;
    u.inwoners["2024"] = 374_000;
    u.inwoners["2025"] = 380_000;
  });
  const w = verschillen(basis, nieuw, UTRECHT);
  expect(w).toContainEqual({ onderwerp: "Inwoners 1-1-2024", oud: 374_238, nieuw: 374_000 });
  expect(w).toContainEqual({ onderwerp: "Inwoners 1-1-2025", oud: null, nieuw: 380_000 });
  // 2024 inhabitants weigh the 2025 taakstelling (2025-II: 13,000 × 374,000 / iN rounds up to 271, not 272):
  // it changes as well and the gemeente's taakstelling lines come first.
  expect(w.map((x) => x.onderwerp)).toEqual([
    "Taakstelling 2025-II",
    "Inwoners 1-1-2024",
    "Inwoners 1-1-2025",
  ]);
  expect(w[0]).toEqual({ onderwerp: "Taakstelling 2025-II", oud: 272, nieuw: 271 });
});

test("a gemeente neither dataset knows: nothing for it, only national lines can differ", () => {
  expect(verschillen(basis, new Engine(kopie()), "GM9999")).toEqual([]);
  const nieuw = engineMet((d) => {
    landelijk(d, "2025-I").aantal = 16_000;
  });
  expect(verschillen(basis, nieuw, "GM9999")).toEqual([
    { onderwerp: "Landelijk 2025-I", oud: 15_000, nieuw: 16_000 },
  ]);
});

test("a name works as well as a code, and the engines' datasets are not modified", () => {
  const nieuw = engineMet((d) => {
    landelijk(d, "2025-I").aantal = 16_000;
  });
  const voor = JSON.stringify(nieuw.dataset);
  expect(verschillen(basis, nieuw, "Utrecht")).toEqual(verschillen(basis, nieuw, UTRECHT));
  expect(JSON.stringify(nieuw.dataset)).toBe(voor);
  expect(landelijk(standaardDataset(), "2025-I").aantal).toBe(15_000);
});
