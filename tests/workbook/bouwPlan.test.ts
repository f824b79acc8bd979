import { OpgaveFout } from "../../src/domain/fouten";
import { isoUitExcel } from "../../src/domain/tijdstip";
import {
  BLADEN,
  NAMEN,
  ONDERTEKEND_LABEL,
  TABELLEN,
  planGemeente,
  planProvincie,
  type BronInfo,
} from "../../src/workbook/bouwPlan";
import {
  blokNotatie,
  isFormule,
  type BladPlan,
  type Cel,
  type TabelPlan,
  type WerkboekPlan,
} from "../../src/workbook/plan";
import { onderwerpIn } from "../../src/workbook/samenvoegen";
import { engine } from "../domain/helpers";

const bron: BronInfo = {
  datasetId: "opgave-standaard",
  versie: "2026.12.01",
  datum: "2026-12-01",
  hash: "abc123",
  bronUrl: "https://voorbeeld.nl/bundel.json",
  opgehaald: "2026-11-28T08:00:00Z",
  addinVersie: "0.1.0",
  gemaakt: "2026-12-01T10:00:00Z",
};

const utrecht = planGemeente(engine, "Utrecht", bron);
const provincie = planProvincie(engine, "Utrecht", "2024-I", bron);

function blad(plan: WerkboekPlan, naam: string): BladPlan {
  const b = plan.bladen.find((x) => x.naam === naam);
  if (!b) throw new Error(`blad ${naam} ontbreekt`);
  return b;
}

function tabel(plan: WerkboekPlan, naam: string): TabelPlan {
  const t = plan.bladen.flatMap((b) => b.tabellen).find((x) => x.naam === naam);
  if (!t) throw new Error(`tabel ${naam} ontbreekt`);
  return t;
}

function kolom(t: TabelPlan, sleutel: string): Cel[] {
  const i = t.kolommen.findIndex((k) => k.sleutel === sleutel);
  if (i < 0) throw new Error(`kolom ${sleutel} ontbreekt`);
  return t.rijen.map((r) => r[i] ?? null);
}

/** The value of a label/value block row on a sheet (label in the first column). */
function waardeNaLabel(b: BladPlan, label: string): Cel | undefined {
  for (const blok of b.blokken) {
    const r = blok.cellen.find((c) => c[0] === label);
    if (r) return r[1];
  }
  return undefined;
}

/** The number format of the value next to a label. */
function notatieNaLabel(b: BladPlan, label: string): string | undefined {
  for (const blok of b.blokken) {
    const i = blok.cellen.findIndex((c) => c[0] === label);
    if (i >= 0) return blokNotatie(blok, i, 1);
  }
  return undefined;
}

/** Every cell of the plan with where it is. */
function alleCellen(plan: WerkboekPlan): { plek: string; cel: Cel; soort: string }[] {
  const uit: { plek: string; cel: Cel; soort: string }[] = [];
  for (const b of plan.bladen) {
    for (const blok of b.blokken) {
      blok.cellen.forEach((r, i) =>
        r.forEach((c, j) =>
          uit.push({
            plek: `${b.naam}!blok ${blok.start.rij + i},${blok.start.kolom + j}`,
            cel: c,
            soort: "blok",
          }),
        ),
      );
    }
    for (const inv of b.invoercellen)
      uit.push({ plek: `${b.naam}!${inv.naam}`, cel: inv.standaard, soort: "invoercel" });
    for (const t of b.tabellen) {
      t.rijen.forEach((r, i) =>
        r.forEach((c, j) =>
          uit.push({
            plek: `${t.naam}[${i}].${t.kolommen[j]?.sleutel}`,
            cel: c,
            soort: t.kolommen[j]?.soort ?? "?",
          }),
        ),
      );
      (t.totaal ?? []).forEach((c, j) =>
        uit.push({ plek: `${t.naam} totaal ${j}`, cel: c, soort: "totaal" }),
      );
    }
  }
  return uit;
}

/** The native functions the plans may use (what ./rekenen evaluates; Excel and LibreOffice know them all). */
const NATIEF = [
  "ROUNDUP",
  "IF",
  "OR",
  "AND",
  "NOT",
  "N",
  "MAX",
  "SUM",
  "COUNT",
  "INDEX",
  "MATCH",
  "ISNUMBER",
  "ISTEXT",
  "ISNA",
  "MID",
];

function controleerStructuur(plan: WerkboekPlan): void {
  const tabelNamen = plan.bladen.flatMap((b) => b.tabellen.map((t) => t.naam));
  expect(new Set(tabelNamen).size).toBe(tabelNamen.length);
  const namen = plan.bladen.flatMap((b) => b.invoercellen.map((i) => i.naam));
  expect(new Set(namen).size).toBe(namen.length);
  for (const b of plan.bladen) {
    expect(b.naam.length).toBeLessThanOrEqual(31);
    for (const t of b.tabellen) {
      expect(t.naam).toMatch(/^Opgave_[A-Za-z0-9_]+$/);
      const sleutel = t.kolommen.find((k) => k.sleutel === t.sleutelKolom);
      expect(sleutel?.soort).toBe("gegeven");
      const sleutels = kolom(t, t.sleutelKolom).map((s) => String(s));
      expect(new Set(sleutels).size).toBe(sleutels.length);
      expect(sleutels.every((s) => s !== "" && s !== "null")).toBe(true);
      const koppen = t.kolommen.map((k) => k.kop);
      expect(new Set(koppen).size).toBe(koppen.length);
      const sleutelsKol = t.kolommen.map((k) => k.sleutel);
      expect(new Set(sleutelsKol).size).toBe(sleutelsKol.length);
      for (const r of t.rijen) {
        expect(r).toHaveLength(t.kolommen.length);
        r.forEach((c, j) => {
          const soort = t.kolommen[j]?.soort;
          // Formulas exactly in the formula columns; input columns start empty.
          expect(isFormule(c)).toBe(soort === "formule");
          if (soort === "invoer") expect(c).toBeNull();
        });
      }
      if (t.totaal) expect(t.totaal).toHaveLength(t.kolommen.length);
    }
    // Named input cells start empty: a refill can tell user input from a default.
    for (const inv of b.invoercellen) {
      expect(inv.naam).toMatch(/^Opgave_[A-Za-z]+$/);
      expect(inv.positie.kolom).toBeGreaterThan(1);
      expect(inv.standaard).toBeNull();
    }
  }
  const formules = alleCellen(plan).filter((x) => isFormule(x.cel));
  expect(formules.length).toBeGreaterThan(0);
  for (const { plek, cel } of formules) {
    const f = (cel as { formule: string }).formule;
    expect({ plek, f }).toEqual({ plek, f: expect.stringMatching(/^=/) });
    expect(f.toUpperCase()).not.toContain("OPGAVE.");
    // Every name a formula uses is a named input cell of this plan.
    for (const m of f.matchAll(/\bOpgave_[A-Za-z]+\b/g)) expect(namen).toContain(m[0]);
    // Only native functions.
    for (const m of f.matchAll(/([A-Z][A-Z0-9.]*)\(/g)) {
      expect(NATIEF).toContain(m[1]);
    }
  }
}

describe("planGemeente (Utrecht)", () => {
  test("stable sheet, table and name identities", () => {
    expect(utrecht.formaat).toBe("opgave-werkboek");
    expect(utrecht.onderwerp).toEqual({ soort: "gemeente", code: "GM0344", naam: "Utrecht" });
    expect(utrecht.bladen.map((b) => b.naam)).toEqual([
      "Overzicht",
      "Taakstelling",
      "Opvang",
      "Kleinschalig",
      "Kosten",
      "Bron",
    ]);
    expect(utrecht.bladen.flatMap((b) => b.tabellen.map((t) => t.naam))).toEqual([
      "Opgave_Taakstelling",
      "Opgave_Opvang",
      "Opgave_Kleinschalig",
      "Opgave_Kosten",
      "Opgave_Bronnen",
    ]);
    expect(blad(utrecht, BLADEN.taakstelling).invoercellen.map((i) => i.naam)).toEqual([
      "Opgave_Startperiode",
      "Opgave_Beginsaldo",
    ]);
    expect(blad(utrecht, BLADEN.opvang).invoercellen.map((i) => i.naam)).toEqual([
      "Opgave_BestaandePlaatsen",
    ]);
    expect(blad(utrecht, BLADEN.kosten).invoercellen.map((i) => i.naam)).toEqual([
      "Opgave_Plaatsen",
      "Opgave_KostenPerPlaats",
      "Opgave_Locaties",
      "Opgave_VasteKostenPerLocatie",
      "Opgave_BonusPerPlaats",
    ]);
  });

  test("structure: unique keys, inputs marked, formulas only where intended, native functions only", () => {
    controleerStructuur(utrecht);
    const t = tabel(utrecht, TABELLEN.taakstelling);
    const soort = Object.fromEntries(t.kolommen.map((k) => [k.sleutel, k.soort]));
    expect(soort).toMatchObject({
      periode: "gegeven",
      taakstelling: "gegeven",
      taakstellingEigen: "invoer",
      gehuisvest: "invoer",
      gecorrigeerd: "formule",
      achterstand: "formule",
      voorsprong: "formule",
    });
    expect(t.sleutelKolom).toBe("periode");
  });

  test("one row per half-year from 2016-II to the last period of the dataset", () => {
    const perioden = kolom(tabel(utrecht, TABELLEN.taakstelling), "periode");
    const laatste = engine.dataset.landelijkeTaakstelling.at(-1)?.periode;
    expect(perioden[0]).toBe("2016-II");
    expect(perioden.at(-1)).toBe(laatste);
    expect(perioden).toHaveLength(20);
    expect(perioden).toContain("2024-I");
  });

  test("values equal the engine; unknown periods are not guessed", () => {
    const t = tabel(utrecht, TABELLEN.taakstelling);
    const perioden = kolom(t, "periode") as string[];
    const taak = kolom(t, "taakstelling");
    const landelijk = kolom(t, "landelijk");
    const herkomst = kolom(t, "herkomst") as string[];
    const inwoners = kolom(t, "inwoners");
    let onbekend = 0;
    perioden.forEach((p, i) => {
      let verwacht: number | null = null;
      try {
        const x = engine.taakstelling("GM0344", p);
        verwacht = x.aantal;
        expect(inwoners[i]).toBe(x.herkomst.iG);
        expect(landelijk[i]).toBe(x.herkomst.vg);
      } catch (e) {
        if (!(e instanceof OpgaveFout)) throw e;
        onbekend++;
        expect(herkomst[i]).toMatch(/^onbekend: /);
        expect(herkomst[i]).toContain(e.message);
        expect(landelijk[i]).toBeNull();
      }
      expect(taak[i]).toBe(verwacht);
    });
    expect(onbekend).toBe(6); // 2018-II, 2020-I, 2021-I, 2021-II, 2024-II, 2026-I
    expect(taak[perioden.indexOf("2024-I")]).toBe(388);
    expect(taak[perioden.indexOf("2024-II")]).toBeNull();
    // iG of an unknown period is still given where the reference date is known (to compute from a circular).
    expect(inwoners[perioden.indexOf("2024-II")]).toBe(engine.gemeente("Utrecht").inwoners["2023"]);
  });

  test("the chain: each row's formulas reference its own row and the row above, with the named start cells", () => {
    const t = tabel(utrecht, TABELLEN.taakstelling);
    const [h0, i0, j0] = ["gecorrigeerd", "achterstand", "voorsprong"].map((k) => kolom(t, k)[0]) as {
      formule: string;
    }[];
    expect(t.start).toEqual({ rij: 7, kolom: 1 });
    // Row 8: the first data row; the start balance comes from the named cells.
    // L: the taakstelling used — the own input when it is a number, else art. 29 with the own national number N
    // (whole, 1..200000) and the row's inhabitants C and O, else the dataset's; text in an own input stops the
    // chain (blank) instead of falling back or giving #VALUE!.
    expect(kolom(t, "taakstellingGebruikt")[0]).toEqual({
      formule:
        '=IF(ISNUMBER(F8),F8,IF(F8<>"","",IF(ISNUMBER(N8),IF(AND(N8>=1,N8<=200000,ROUNDUP(N8,0)=N8),' +
        'IF(AND(ISNUMBER(C8),ISNUMBER(O8)),ROUNDUP(N8*C8/O8,0),""),""),IF(AND(N8="",ISNUMBER(D8)),D8,""))))',
    });
    expect(h0?.formule).toBe(
      '=IF(OR(NOT(ISNUMBER(L8)),NOT(OR(Opgave_Startperiode="",A8=Opgave_Startperiode))),"",IF(ISTEXT(Opgave_Beginsaldo),"",L8+N(Opgave_Beginsaldo)))',
    );
    expect(i0?.formule).toBe('=IF(AND(ISNUMBER(H8),ISNUMBER(G8)),MAX(H8-G8,0),"")');
    expect(j0?.formule).toBe('=IF(AND(ISNUMBER(H8),ISNUMBER(G8)),MAX(G8-H8,0),"")');
    const h5 = kolom(t, "gecorrigeerd")[5] as { formule: string };
    expect(h5.formule).toBe(
      '=IF(NOT(ISNUMBER(L13)),"",IF(A13=Opgave_Startperiode,IF(ISTEXT(Opgave_Beginsaldo),"",L13+N(Opgave_Beginsaldo)),IF(ISNUMBER(I12),L13+I12-J12,"")))',
    );
    // M: the note where the chain stops (only in that row: a started chain whose Achterstand is blank).
    const m5 = kolom(t, "verloop")[5] as { formule: string };
    expect(m5.formule).toMatch(
      /^=IF\(AND\(OR\(A13=Opgave_Startperiode,ISNUMBER\(I12\)\),NOT\(ISNUMBER\(I13\)\)\),"Verloop stopt: "&/,
    );
    expect(m5.formule).toContain(
      '"vul de taakstelling "&A13&" in bij Taakstelling (eigen invoer) om verder te rekenen."',
    );
    expect(m5.formule).toContain('"vul Gehuisvest "&A13&" in om verder te rekenen."');
  });

  test("opvang: the default decision's target, amv and provenance; all decisions in the table", () => {
    const o = blad(utrecht, BLADEN.opvang);
    const doel = engine.opvangGemeente("Utrecht");
    const amv = engine.opvangGemeente("Utrecht", "amv");
    expect(waardeNaLabel(o, "Opvangplaatsen (doel)")).toBe(doel.aantal);
    expect(waardeNaLabel(o, "waarvan amv")).toBe(amv.aantal);
    expect(waardeNaLabel(o, "Besluit")).toBe(doel.besluit.naam);
    expect(String(waardeNaLabel(o, "Herkomst"))).toContain(doel.bron);
    const t = tabel(utrecht, TABELLEN.opvang);
    expect(kolom(t, "besluit")).toEqual(["verdeelbesluit-2024-12", "spreidingswet-96000"]);
    expect(kolom(t, "totaal")).toEqual([1946, 1988]);
    expect(kolom(t, "standaard")).toEqual(["ja", "nee"]);
    const tekort = waardeNaLabel(o, "Tekort (+) / overschot (−)") as { formule: string };
    expect(tekort.formule).toBe(
      '=IF(AND(ISNUMBER(B6),ISNUMBER(Opgave_BestaandePlaatsen)),B6-Opgave_BestaandePlaatsen,"")',
    );
    // B6 is where the target is.
    const blok = o.blokken.find((b) => b.cellen.some((c) => c[0] === "Opvangplaatsen (doel)"));
    expect(blok && blok.start.rij + blok.cellen.findIndex((c) => c[0] === "Opvangplaatsen (doel)")).toBe(6);
  });

  test("kleinschalig: the engine's options for the target, with the assumptions", () => {
    const k = engine.kleinschalig({ plaatsen: engine.opvangGemeente("Utrecht").aantal });
    const t = tabel(utrecht, TABELLEN.kleinschalig);
    expect(kolom(t, "locaties")).toEqual(k.opties.map((o) => o.locaties));
    expect(kolom(t, "jaarkosten")).toEqual(k.opties.map((o) => o.jaarkosten));
    const teksten = blad(utrecht, BLADEN.kleinschalig).blokken.flatMap((b) => b.cellen.flat());
    for (const a of k.aannames) expect(teksten).toContain(`Aanname: ${a}`);
  });

  test("kosten: standards next to empty input cells, formulas on the values used", () => {
    const k = blad(utrecht, BLADEN.kosten);
    const rij = (r: number) => k.blokken.find((b) => b.start.rij === r && b.start.kolom === 3)?.cellen[0];
    expect(rij(4)?.[0]).toBe(1946); // opvangdoel
    expect(rij(5)?.[0]).toBe(30400); // COA regulier 2023
    expect(rij(6)?.[0]).toBe(engine.kleinschalig({ plaatsen: 1946 }).opties[0]?.locaties);
    expect(rij(7)?.[0]).toBe(200000);
    expect(rij(8)?.[0]).toBe(5000);
    expect(rij(5)?.[1]).toEqual({ formule: '=IF(B5<>"",B5,IF(C5<>"",C5,""))' });
    expect(waardeNaLabel(k, "Jaarkosten opvang (€)")).toEqual({
      formule: '=IF(AND(ISNUMBER(D4),ISNUMBER(D5)),D4*D5,"")',
    });
    expect(waardeNaLabel(k, "Jaarkosten totaal (€)")).toEqual({
      formule: '=IF(AND(ISNUMBER(B10),ISNUMBER(B11)),B10+B11,"")',
    });
    expect(waardeNaLabel(k, "Eenmalige bonus (€)")).toEqual({
      formule: '=IF(AND(ISNUMBER(D4),ISNUMBER(D8)),D4*D8,"")',
    });
    const t = tabel(utrecht, TABELLEN.kosten);
    expect(t.rijen).toHaveLength(engine.dataset.kostenNormen.length + engine.dataset.prikkels.length);
  });

  test("overzicht: key figures, current backlog as a formula on the Taakstelling sheet, a chart", () => {
    const o = blad(utrecht, BLADEN.overzicht);
    expect(waardeNaLabel(o, "Gemeente")).toBe("Utrecht");
    expect(waardeNaLabel(o, "CBS-code")).toBe("GM0344");
    expect(waardeNaLabel(o, "Provincie")).toBe("Utrecht");
    expect(waardeNaLabel(o, "Inwoners 1-1-2024")).toBe(374238);
    expect(waardeNaLabel(o, "Taakstelling 2025-II (laatst bekend)")).toBe(
      engine.taakstelling("Utrecht", "2025-II").aantal,
    );
    const ach = waardeNaLabel(o, "Achterstand (laatst berekende periode)") as { formule: string };
    expect(ach.formule).toContain("Taakstelling!$I$8:$I$27");
    expect(o.grafieken).toEqual([
      {
        titel: "Taakstelling en gehuisvest per periode",
        soort: "kolom",
        tabel: "Opgave_Taakstelling",
        categorieKolom: "periode",
        // The taakstelling used: the user's own figure (e.g. 2024-II from the circular) gets a bar too.
        reeksKolommen: ["taakstellingGebruikt", "gehuisvest"],
        positie: { rij: 18, kolom: 1 },
      },
    ]);
  });

  test("bron: dataset, hash, address, add-in version and time as given; the dataset's sources", () => {
    const b = blad(utrecht, BLADEN.bron);
    expect(waardeNaLabel(b, "Dataset")).toBe("opgave-standaard");
    expect(waardeNaLabel(b, "Versie")).toBe("2026.12.01");
    expect(waardeNaLabel(b, "Hash")).toBe("abc123");
    expect(waardeNaLabel(b, "Bron-adres")).toBe("https://voorbeeld.nl/bundel.json");
    expect(waardeNaLabel(b, "Versie invoegtoepassing")).toBe("0.1.0");
    // A real date: the Dutch wall-clock time (11:00 in winter) as an Excel serial, shown d-m-yyyy hh:mm:ss.
    expect(waardeNaLabel(b, "Gevuld op")).toBeCloseTo(46357 + 11 / 24, 9);
    expect(notatieNaLabel(b, "Gevuld op")).toBe("d-m-yyyy hh:mm:ss");
    expect(isoUitExcel(waardeNaLabel(b, "Gevuld op") as number)).toBe("2026-12-01T10:00:00.000Z");
    expect(waardeNaLabel(b, "Onderwerp")).toBe("gemeente GM0344 (Utrecht)");
    // What a writer reads back where the plan writes it (./samenvoegen `onderwerpIn`): here the plan's own cells.
    const eigen = (p: WerkboekPlan) => (blok: number, i: number, j: number) =>
      blad(p, BLADEN.bron).blokken[blok]?.cellen[i]?.[j];
    expect(onderwerpIn(utrecht, eigen(utrecht))).toBe("gemeente GM0344 (Utrecht)");
    expect(onderwerpIn(provincie, eigen(provincie))).toBe("provincie PV26 (Utrecht), 2024-I");
    expect(kolom(tabel(utrecht, TABELLEN.bronnen), "id")).toEqual(engine.dataset.bronnen.map((x) => x.id));
  });

  test("bron: which key signed the data (embedded when none), and the list still starts at A13", () => {
    const zonder = blad(utrecht, BLADEN.bron);
    expect(waardeNaLabel(zonder, ONDERTEKEND_LABEL)).toBe("ingebouwd in de invoegtoepassing (geen feed)");
    const sleutel = { naam: "Opgave ontwikkelsleutel (NIET VOOR PRODUCTIE)", id: "opgave-394b627235ddb50d" };
    for (const plan of [
      planGemeente(engine, "Utrecht", { ...bron, sleutel }),
      planProvincie(engine, "Utrecht", "2024-I", { ...bron, sleutel }),
    ]) {
      const b = blad(plan, BLADEN.bron);
      expect(waardeNaLabel(b, ONDERTEKEND_LABEL)).toBe(
        "Opgave ontwikkelsleutel (NIET VOOR PRODUCTIE) (opgave-394b627235ddb50d)",
      );
      // Earlier workbooks have the sources table at A13: a refill finds it only there.
      expect(b.tabellen.map((t) => t.start)).toEqual([{ rij: 13, kolom: 1 }]);
      const laatsteRij = Math.max(...b.blokken.map((x) => x.start.rij + x.cellen.length - 1));
      expect(laatsteRij).toBe(12);
      expect(b.blokken.flatMap((x) => x.cellen).at(-1)?.[0]).toBe(ONDERTEKEND_LABEL);
    }
    expect(String(waardeNaLabel(zonder, "Beheer"))).toMatch(
      /Bronnen in de dataset: zie de tabel hieronder\.$/,
    );
  });

  test("deterministic: the same input gives the same plan", () => {
    expect(planGemeente(engine, "GM0344", bron)).toEqual(utrecht);
  });

  test("number formats: integers, euros, text", () => {
    const t = tabel(utrecht, TABELLEN.taakstelling);
    const notatie = Object.fromEntries(t.kolommen.map((k) => [k.sleutel, k.notatie]));
    expect(notatie).toMatchObject({
      periode: "@",
      taakstelling: "#,##0",
      gehuisvest: "#,##0",
      herkomst: "@",
    });
    const k = tabel(utrecht, TABELLEN.kleinschalig);
    expect(k.kolommen.find((x) => x.sleutel === "jaarkosten")?.notatie).toBe("€ #,##0");
  });
});

describe("planGemeente: gemeenten that did not always exist", () => {
  test("Voorne aan Zee (2023): before the merger the territory's taakstelling, the sum of the parts (58 in 2022-II)", () => {
    const plan = planGemeente(engine, "Voorne aan Zee", bron);
    controleerStructuur(plan);
    const t = tabel(plan, TABELLEN.taakstelling);
    const perioden = kolom(t, "periode") as string[];
    const taak = kolom(t, "taakstelling");
    const herkomst = kolom(t, "herkomst") as string[];
    const toelichting = kolom(t, "toelichting") as string[];
    const i = perioden.indexOf("2022-II");
    // The same number ACHTERSTAND and VERLOOP count for the territory.
    expect(taak[i]).toBe(58);
    expect(taak[i]).toBe(engine.verloop("Voorne aan Zee", "2023-I", [0, 0])[0]?.taakstelling);
    expect(herkomst[i]).toBe(
      "som van Brielle 14 + Hellevoetsluis 32 + Westvoorne 12 (samengevoegd per 1-1-2023)",
    );
    expect(toelichting[i]).toContain("Voorne aan Zee bestond in 2022-II nog niet");
    expect(toelichting[i]).toContain("Brielle ⌈13.500 × 17.439 / 17.475.415⌉ = 14");
    // Inhabitants of the territory on the reference date: the parts' sum.
    expect(kolom(t, "inwoners")[i]).toBe(17_439 + 40_312 + 14_900);
    // The chain does not stop there: "Taakstelling (gebruikt)" takes the dataset column as in any other row.
    // With an own national number the sum of the parts, each ⌈L × iG / iN⌉ (as the ledger functions do).
    const r = 8 + i;
    expect(kolom(t, "taakstellingGebruikt")[i]).toEqual({
      formule:
        `=IF(ISNUMBER(F${r}),F${r},IF(F${r}<>"","",IF(ISNUMBER(N${r}),IF(AND(N${r}>=1,N${r}<=200000,ROUNDUP(N${r},0)=N${r}),` +
        `IF(ISNUMBER(O${r}),ROUNDUP(N${r}*17439/O${r},0)+ROUNDUP(N${r}*40312/O${r},0)+ROUNDUP(N${r}*14900/O${r},0),""),""),` +
        `IF(AND(N${r}="",ISNUMBER(D${r})),D${r},""))))`,
    });
    expect(taak[perioden.indexOf("2023-I")]).toBe(engine.taakstelling("Voorne aan Zee", "2023-I").aantal);
    // A half-year whose national number is unknown: the reason, and how art. 29 gives it for the territory.
    const j = perioden.indexOf("2021-II");
    expect(taak[j]).toBeNull();
    expect(herkomst[j]).toMatch(/^onbekend: .*2021-II is niet bekend/);
    expect(toelichting[j]).toContain(
      "Brielle ⌈L × 17.271 / 17.407.585⌉ + Hellevoetsluis ⌈L × 40.142 / 17.407.585⌉ + Westvoorne ⌈L × 14.731 / 17.407.585⌉",
    );
    expect(toelichting[j]).toContain('OPGAVE.TAAKSTELLING("Voorne aan Zee";"2021-II";L)');
  });

  test("Amsterdam: a half-year before Weesp joined (24-3-2022) counts Amsterdam + Weesp", () => {
    const t = tabel(planGemeente(engine, "Amsterdam", bron), TABELLEN.taakstelling);
    const perioden = kolom(t, "periode") as string[];
    const i = perioden.indexOf("2022-I");
    const a = engine.taakstelling("Amsterdam", "2022-I").aantal;
    const w = engine.taakstelling("Weesp", "2022-I").aantal;
    expect(kolom(t, "taakstelling")[i]).toBe(a + w);
    expect(kolom(t, "herkomst")[i]).toBe(`som van Amsterdam ${a} + Weesp ${w} (samengevoegd per 24-3-2022)`);
  });

  test("a split or partial transfer on the way keeps its reason (Het Hogeland 2018-II, Tilburg 2020-II)", () => {
    for (const [gemeente, periode, deel] of [
      ["Het Hogeland", "2018-II", "Winsum"],
      ["Tilburg", "2020-II", "Haaren"],
    ] as const) {
      const t = tabel(planGemeente(engine, gemeente, bron), TABELLEN.taakstelling);
      const i = (kolom(t, "periode") as string[]).indexOf(periode);
      expect(kolom(t, "taakstelling")[i]).toBeNull();
      expect(kolom(t, "inwoners")[i]).toBeNull();
      const herkomst = String(kolom(t, "herkomst")[i]);
      expect(herkomst).toMatch(/^onbekend: Verloop van .* niet terug te voeren tot /);
      expect(herkomst).toContain(deel);
      expect(herkomst).toContain("gesplitst of deels overgedragen");
    }
  });

  test("no national number: Toelichting gives art. 29 with the reference inhabitants, or why not", () => {
    const t = tabel(utrecht, TABELLEN.taakstelling);
    const perioden = kolom(t, "periode") as string[];
    const toelichting = kolom(t, "toelichting") as string[];
    const herkomst = kolom(t, "herkomst") as string[];
    const i = perioden.indexOf("2024-II");
    expect(toelichting[i]).toContain(
      "Met het landelijk getal L uit de circulaire (art. 29 Hvw 2014, inwoners per 1-1-2023, CBS): ⌈L × 367.947 / 17.811.291⌉",
    );
    expect(toelichting[i]).toContain("vul L in bij Landelijk getal (eigen invoer)");
    expect(herkomst[i]).toContain("of het landelijk getal bij Landelijk getal (eigen invoer)");
    // What TAAKSTELLING with that national number gives (say 18.000): the rule written there.
    expect(engine.taakstellingEigen("Utrecht", "2024-II", 18_000).aantal).toBe(
      Math.ceil((18_000 * 367_947) / 17_811_291),
    );
    // 2026-I: the inhabitants of 1-1-2025 are not in the data, so no rule either; the row says so.
    const j = perioden.indexOf("2026-I");
    expect(toelichting[j]).toContain(
      "Met een eigen landelijk getal: Voor 2026-I zijn de inwoners op 1-1-2025 nodig",
    );
    expect(herkomst[j]).not.toContain("Landelijk getal (eigen invoer)");
  });

  test("Haaren (ended 2021): no opvang figure, no options, no error", () => {
    const plan = planGemeente(engine, "Haaren", bron);
    controleerStructuur(plan);
    expect(tabel(plan, TABELLEN.opvang).rijen).toEqual([]);
    expect(tabel(plan, TABELLEN.kleinschalig).rijen).toEqual([]);
    expect(String(waardeNaLabel(blad(plan, BLADEN.opvang), "Besluit"))).toMatch(/^geen cijfer: /);
    const t = tabel(plan, TABELLEN.taakstelling);
    const perioden = kolom(t, "periode") as string[];
    expect(kolom(t, "herkomst")[perioden.indexOf("2021-I")]).toMatch(/^onbekend: /);
  });
});

describe("planProvincie (Utrecht, 2024-I)", () => {
  const t = tabel(provincie, TABELLEN.provincie);

  test("sheets, table, 26 gemeenten keyed by code", () => {
    controleerStructuur(provincie);
    expect(provincie.onderwerp).toEqual({ soort: "provincie", code: "PV26", naam: "Utrecht" });
    expect(provincie.bladen.map((b) => b.naam)).toEqual(["Provincie", "Bron"]);
    expect(provincie.bladen.flatMap((b) => b.tabellen.map((x) => x.naam))).toEqual([
      "Opgave_Provincie",
      "Opgave_Bronnen",
    ]);
    expect(t.rijen).toHaveLength(26);
    expect(t.sleutelKolom).toBe("code");
    const invoer = t.kolommen.filter((k) => k.soort === "invoer").map((k) => k.sleutel);
    expect(invoer).toEqual(["taakstellingEigen", "gehuisvest", "beginsaldo", "bestaand"]);
    const formules = t.kolommen.filter((k) => k.soort === "formule").map((k) => k.sleutel);
    expect(formules).toEqual(["achterstand", "voorsprong", "tekort"]);
    expect(t.kolommen.map((k) => k.kop)).toContain("Taakstelling 2024-I");
    expect(t.kolommen.map((k) => k.kop)).toContain("Inwoners 1-1-2023");
  });

  test("values equal the engine", () => {
    const codes = kolom(t, "code") as string[];
    const regels = engine.tabel("2024-I", "Utrecht");
    expect(codes).toEqual(regels.map((r) => r.gemeente.code));
    const taak = kolom(t, "taakstelling");
    codes.forEach((c, i) => expect(taak[i]).toBe(engine.taakstelling(c, "2024-I").aantal));
    expect(kolom(t, "inwoners")).toEqual(regels.map((r) => r.inwoners));
    // One decision for the whole province (its default), so the column adds up to the province target.
    const opvang = kolom(t, "opvang") as number[];
    const prov = engine.opvangProvincie("Utrecht");
    expect(opvang.reduce((a, b) => a + b, 0)).toBe(prov.aantal);
    codes.forEach((c, i) =>
      expect(opvang[i]).toBe(engine.opvangGemeente(c, "totaal", prov.besluit.id).aantal),
    );
    const namen = kolom(t, "gemeente");
    expect(namen[codes.indexOf("GM0344")]).toBe("Utrecht");
  });

  test("formulas per row and a totals row of SUMs over exactly the data rows", () => {
    const ach = kolom(t, "achterstand")[0] as { formule: string };
    const t9 = 'IF(ISNUMBER(E9),E9,IF(AND(E9="",ISNUMBER(D9)),D9,""))';
    const leeg = `OR(NOT(ISNUMBER(${t9})),NOT(ISNUMBER(F9)),ISTEXT(G9))`;
    expect(ach.formule).toBe(`=IF(${leeg},"",MAX(${t9}+N(G9)-F9,0))`);
    const voor = kolom(t, "voorsprong")[0] as { formule: string };
    expect(voor.formule).toBe(`=IF(${leeg},"",MAX(F9-${t9}-N(G9),0))`);
    expect(kolom(t, "tekort")[25]).toEqual({ formule: '=IF(AND(ISNUMBER(J34),ISNUMBER(M34)),J34-M34,"")' });
    const totaal = Object.fromEntries(t.kolommen.map((k, i) => [k.sleutel, t.totaal?.[i]]));
    expect(totaal.gemeente).toBe("Totaal");
    expect(totaal.code).toBeNull();
    expect(totaal.taakstelling).toEqual({ formule: '=IF(COUNT(D9:D34)=0,"",SUM(D9:D34))' });
    expect(totaal.gehuisvest).toEqual({ formule: '=IF(COUNT(F9:F34)=0,"",SUM(F9:F34))' });
    expect(totaal.achterstand).toEqual({ formule: '=IF(COUNT(H9:H34)=0,"",SUM(H9:H34))' });
    expect(totaal.opvang).toEqual({ formule: '=IF(COUNT(J9:J34)=0,"",SUM(J9:J34))' });
    expect(totaal.tekort).toEqual({ formule: '=IF(COUNT(N9:N34)=0,"",SUM(N9:N34))' });
  });

  test("an unknown period is refused, not guessed", () => {
    expect(() => planProvincie(engine, "Utrecht", "2024-II", bron)).toThrow(/2024-II is niet bekend/);
  });
});

describe("strings stay strings", () => {
  test("'s-Gravenhage is a plain string in the province table and the gemeente plan", () => {
    const zh = planProvincie(engine, "Zuid-Holland", "2024-I", bron);
    controleerStructuur(zh);
    const t = tabel(zh, TABELLEN.provincie);
    const namen = kolom(t, "gemeente");
    expect(namen).toContain("'s-Gravenhage");
    const plan = planGemeente(engine, "Den Haag", bron);
    expect(plan.onderwerp.naam).toBe("'s-Gravenhage");
    expect(waardeNaLabel(blad(plan, BLADEN.overzicht), "Gemeente")).toBe("'s-Gravenhage");
  });

  test("no plan string is a formula object; every formula object is made by the builder", () => {
    for (const plan of [utrecht, provincie]) {
      for (const { cel } of alleCellen(plan)) {
        if (typeof cel === "string") expect(isFormule(cel)).toBe(false);
      }
    }
  });

  test("named cells are the documented ones", () => {
    expect(Object.values(NAMEN).sort()).toEqual(
      utrecht.bladen.flatMap((b) => b.invoercellen.map((i) => i.naam)).sort(),
    );
  });
});
