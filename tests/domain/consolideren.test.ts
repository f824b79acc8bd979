/**
 * The consolidation's rules without workbooks (hand-made `Aanlevering`s, the real engine): resubmissions ordered by
 * "Gevuld op" and the file's modification time, mixed end periods, a province tie, unknown totals blank (never 0),
 * summary counts equal to the listed findings, numbers outside their plausible range refused, the ledger across a
 * herindeling (the territory's taakstelling, as ACHTERSTAND counts it) and the supervision signal (consecutive
 * half-years of achterstand at or above a threshold: provincial practice, not law). The end-to-end
 * run with real workbooks is tests/workbook/consolideren.test.ts.
 */
import {
  consolideer,
  controleRegels,
  onbruikbareAanlevering,
  samenvattingRegels,
  isKopieNaam,
  TOEZICHT_DREMPEL,
  totalenVan,
  type AanleveringRij,
  type Consolidatie,
} from "../../src/domain/consolideren";
import { OpgaveFout } from "../../src/domain/fouten";
import type { BronInfo } from "../../src/workbook/bouwPlan";
import { planConsolidatie } from "../../src/workbook/consolidatiePlan";
import { engine, handAanlevering, rij } from "./helpers";

const OUDER = "2026-11-01T09:00:00.000Z"; // 1-11-2026 10:00:00
const bron: BronInfo = {
  datasetId: engine.dataset.id,
  versie: engine.dataset.versie,
  datum: engine.dataset.datum,
  hash: "abc",
  addinVersie: "0.1.0",
  gemaakt: "2026-12-02T08:00:00Z",
};

const aanlevering = handAanlevering;

const soort = (c: Consolidatie, s: string) => c.controles.filter((x) => x.soort === s);
const regel = (c: Consolidatie, naam: string) => c.gemeenten.find((x) => x.naam === naam)!;
const gebruikt = (c: Consolidatie) => Object.fromEntries(c.bestanden.map((x) => [x.bestand, x.gebruikt]));

describe("resubmissions: the newest file is used, the older is named as replaced", () => {
  test("a later 'Gevuld op' wins; the older file's finding names both files and both moments in Dutch", () => {
    const c = consolideer(engine, [
      aanlevering("zeist-oud.xlsx", "Zeist", { gevuldOp: OUDER }),
      aanlevering("zeist.xlsx", "Zeist"),
    ]);
    expect(gebruikt(c)).toEqual({ "zeist-oud.xlsx": false, "zeist.xlsx": true });
    const [d, ...rest] = soort(c, "dubbel");
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      bestand: "zeist-oud.xlsx",
      ernst: "waarschuwing",
      gemeente: { naam: "Zeist" },
    });
    expect(d?.melding).toBe(
      "zeist.xlsx (gevuld op 1-12-2026 11:00:00) vervangt eerdere aanlevering zeist-oud.xlsx (gevuld op " +
        "1-11-2026 10:00:00) van Zeist. Het overzicht gebruikt zeist.xlsx, dit bestand niet.",
    );
    expect(regel(c, "Zeist").bestand).toBe("zeist.xlsx");
    expect(c.bestanden.find((x) => x.bestand === "zeist-oud.xlsx")?.toelichting).toBe(d?.melding);
  });

  test("same 'Gevuld op' (a corrected resubmission): the file modified last wins, the finding says why", () => {
    const eerst = Date.parse("2026-12-03T08:15:02Z");
    const later = Date.parse("2026-12-03T14:40:11Z");
    const c = consolideer(engine, [
      // Corrected: another Beginsaldo (a file with the same content is a copy: own test below).
      aanlevering("zeist-v2.xlsx", "Zeist", { gewijzigd: later, beginsaldo: 5 }),
      aanlevering("zeist.xlsx", "Zeist", { gewijzigd: eerst }),
    ]);
    expect(gebruikt(c)).toEqual({ "zeist-v2.xlsx": true, "zeist.xlsx": false });
    const d = soort(c, "dubbel");
    expect(d.map((x) => [x.bestand, x.ernst])).toEqual([["zeist.xlsx", "waarschuwing"]]);
    expect(d[0]?.melding).toBe(
      "zeist-v2.xlsx (gevuld op 1-12-2026 11:00:00, bestand gewijzigd op 3-12-2026 15:40:11) vervangt eerdere " +
        "aanlevering zeist.xlsx (gevuld op 1-12-2026 11:00:00, bestand gewijzigd op 3-12-2026 09:15:02) van Zeist: " +
        '"Gevuld op" (blad Bron) beslist niet, de wijzigingsdatum van het bestand wel. Het overzicht gebruikt ' +
        "zeist-v2.xlsx, dit bestand niet.",
    );
  });

  test("'Gevuld op' is compared to the second (as shown): within one second the modification time decides", () => {
    const c = consolideer(engine, [
      aanlevering("a.xlsx", "Zeist", { gevuldOp: "2026-12-01T10:00:00.900Z", gewijzigd: 1_000 }),
      aanlevering("b.xlsx", "Zeist", { gevuldOp: "2026-12-01T10:00:00.100Z", gewijzigd: 2_000 }),
    ]);
    expect(gebruikt(c)).toEqual({ "a.xlsx": false, "b.xlsx": true });
    expect(soort(c, "dubbel")[0]?.melding).toContain("vervangt eerdere aanlevering a.xlsx");
  });

  test("a missing 'Gevuld op' in one file: the modification times decide", () => {
    const c = consolideer(engine, [
      aanlevering("a.xlsx", "Zeist", { gewijzigd: 1_000 }),
      aanlevering("b.xlsx", "Zeist", { gevuldOp: null, gewijzigd: 2_000 }),
    ]);
    expect(gebruikt(c)).toEqual({ "a.xlsx": false, "b.xlsx": true });
    expect(soort(c, "dubbel")[0]?.melding).toContain('b.xlsx (zonder "Gevuld op", bestand gewijzigd op');
  });

  test("three files: the newest replaces both others", () => {
    const c = consolideer(engine, [
      aanlevering("1.xlsx", "Zeist", { gevuldOp: OUDER }),
      aanlevering("3.xlsx", "Zeist", { gewijzigd: 5_000 }),
      aanlevering("2.xlsx", "Zeist", { gewijzigd: 4_000 }),
    ]);
    expect(gebruikt(c)).toEqual({ "1.xlsx": false, "2.xlsx": false, "3.xlsx": true });
    expect(soort(c, "dubbel").map((x) => [x.bestand, x.ernst])).toEqual([
      ["1.xlsx", "waarschuwing"],
      ["2.xlsx", "waarschuwing"],
    ]);
  });

  test.each([
    ["the same modification time", 7_000, 7_000],
    ["no modification time", undefined, undefined],
    ["one modification time unknown", 7_000, undefined],
  ])("same 'Gevuld op' and %s: neither is used, both are refused with their moments", (_, ma, mb) => {
    const c = consolideer(engine, [
      aanlevering("a.xlsx", "Zeist", ma === undefined ? {} : { gewijzigd: ma }),
      aanlevering("b.xlsx", "Zeist", { beginsaldo: 5, ...(mb === undefined ? {} : { gewijzigd: mb }) }),
    ]);
    expect(gebruikt(c)).toEqual({ "a.xlsx": false, "b.xlsx": false });
    const d = soort(c, "dubbel");
    expect(d.map((x) => [x.bestand, x.ernst])).toEqual([
      ["a.xlsx", "fout"],
      ["b.xlsx", "fout"],
    ]);
    expect(d[0]?.melding).toMatch(
      /^Zeist is meer dan eens aangeleverd \(a\.xlsx, gevuld op 1-12-2026 11:00:00, bestand gewijzigd op .* en b\.xlsx, gevuld op 1-12-2026 11:00:00, bestand gewijzigd op .*\) en "Gevuld op" \(blad Bron\) noch de wijzigingsdatum van de bestanden wijst een nieuwste aan\./,
    );
    expect(regel(c, "Zeist").status).toBe("nietGebruikt");
  });
});

describe("copies: the same delivery twice (the same file saved again, 'Zeist (1).xlsx') counts once", () => {
  test.each([
    ["the same modification time", 7_000, 7_000, "Zeist.xlsx", "Zeist (1).xlsx"],
    ["no modification time", undefined, undefined, "Zeist.xlsx", "Zeist (1).xlsx"],
    // A copy's file time is when it was copied or downloaded: the name decides (before, the copy was used).
    ["the copy saved later", 7_000, 9_000, "Zeist.xlsx", "Zeist (1).xlsx"],
  ])(
    "with %s: one is used, the other named as the same delivery (a warning, not an error)",
    (_, ma, mb, wint, kopie) => {
      const c = consolideer(engine, [
        aanlevering("Zeist.xlsx", "Zeist", ma === undefined ? {} : { gewijzigd: ma }),
        aanlevering("Zeist (1).xlsx", "Zeist", mb === undefined ? {} : { gewijzigd: mb }),
      ]);
      // Before: with equal (or unknown) times neither was used, and Zeist was missing from the overview.
      expect(gebruikt(c)).toEqual({ [wint]: true, [kopie]: false });
      expect(regel(c, "Zeist").bestand).toBe(wint);
      expect(soort(c, "dubbel")).toEqual([
        expect.objectContaining({
          bestand: kopie,
          ernst: "waarschuwing",
          melding:
            `${kopie} heeft dezelfde inhoud als ${wint} (alle invoer en "Gevuld op" gelijk): twee keer dezelfde ` +
            `aanlevering van Zeist. Het overzicht gebruikt ${wint}, dit bestand niet.`,
        }),
      ]);
    },
  );

  test.each([
    ["Zeist (1).xlsx", "Zeist.xlsx"],
    ["Zeist - Kopie.xlsx", "Zeist.xlsx"],
    ["Kopie van Zeist.xlsx", "Zeist.xlsx"],
    ["map/Zeist copy 2.xlsx", "map/Zeist.xlsx"],
  ])(
    "the file whose name is no copy's is used, also when the copy comes first (%s, as a folder lists it) or is newer",
    (kopie, origineel) => {
      for (const tijd of [7_000, 9_000]) {
        const c = consolideer(engine, [
          aanlevering(kopie, "Zeist", { gewijzigd: tijd }),
          aanlevering(origineel, "Zeist", { gewijzigd: 7_000 }),
        ]);
        // Before: the first was used, and a folder lists "Zeist (1).xlsx" before "Zeist.xlsx"; a newer copy too.
        expect(gebruikt(c)).toEqual({ [origineel]: true, [kopie]: false });
        expect(soort(c, "dubbel").map((x) => x.bestand)).toEqual([kopie]);
      }
    },
  );

  test.each([
    ["Zeist (1).xlsx", true],
    ["Zeist - Kopie (2).xlsx", true],
    ["Zeist - Copy.xlsx", true],
    ["zeist-kopie.xlsx", true],
    ["Zeist kopie 2.xlsx", true],
    ["Copy of Zeist.xlsx", true],
    ["C:\\aanlevering\\Zeist (3).xlsm", true],
    ["Zeist.xlsx", false],
    ["Zeist 2024-I.xlsx", false],
    ["Hengelo (O.).xlsx", false],
    ["Kopieerwerk.xlsx", false],
    ["Zeist v2.xlsx", false],
  ])("isKopieNaam(%s) is %s", (naam, kopie) => {
    expect(isKopieNaam(naam)).toBe(kopie);
  });

  test("a copy beside a newer corrected file: the copy is named as the same delivery, the older one as replaced", () => {
    const c = consolideer(engine, [
      aanlevering("zeist.xlsx", "Zeist", { gewijzigd: 1_000 }),
      aanlevering("zeist-kopie.xlsx", "Zeist", { gewijzigd: 1_000 }),
      aanlevering("zeist-v2.xlsx", "Zeist", { gewijzigd: 5_000, beginsaldo: 5 }),
    ]);
    expect(gebruikt(c)).toEqual({ "zeist.xlsx": false, "zeist-kopie.xlsx": false, "zeist-v2.xlsx": true });
    expect(soort(c, "dubbel").map((x) => [x.bestand, x.melding.slice(0, 60)])).toEqual([
      ["zeist-kopie.xlsx", "zeist-kopie.xlsx heeft dezelfde inhoud als zeist.xlsx (alle "],
      ["zeist.xlsx", "zeist-v2.xlsx (gevuld op 1-12-2026 11:00:00, bestand gewijzi"],
    ]);
  });
});

describe("end periods: totals say which period(s) they cover", () => {
  const tot2024I = { rijen: [rij("2023-II", 10), rij("2024-I", 10)] };
  const aan = (bestand: string, gemeente: string, rijen: AanleveringRij[]) =>
    aanlevering(bestand, gemeente, {
      startperiode: "2023-II",
      taakstelling: { blad: "Taakstelling", bereik: "Taakstelling!A7:M27", rijen },
    });

  test("all ledgers end at one period: no finding, one end period", () => {
    const c = consolideer(engine, [
      aan("z.xlsx", "Zeist", tot2024I.rijen),
      aan("b.xlsx", "Baarn", tot2024I.rijen),
    ]);
    expect(soort(c, "eindperiodeVerschilt")).toEqual([]);
    expect(c.eindperioden).toEqual([
      {
        periode: "2024-I",
        gemeenten: [
          { code: engine.gemeente("Zeist").code, naam: "Zeist" },
          { code: engine.gemeente("Baarn").code, naam: "Baarn" },
        ].sort((x, y) => x.naam.localeCompare(y.naam)),
      },
    ]);
    expect(samenvattingRegels(c)).toContain("Achterstand en voorsprong: stand tot en met 2024-I.");
  });

  test("Houten ends later (own taakstelling for 2024-II): a warning naming who ends where; text says it", () => {
    const houten = [
      ...tot2024I.rijen,
      rij("2024-II", 12, { eigen: 20 }),
      rij("2025-I", null), // input simply ends: the ledger ends at 2024-II
    ];
    const c = consolideer(engine, [
      aan("z.xlsx", "Zeist", tot2024I.rijen),
      aan("b.xlsx", "Baarn", tot2024I.rijen),
      aan("h.xlsx", "Houten", houten),
    ]);
    expect(regel(c, "Houten").tm).toBe("2024-II");
    expect(c.eindperioden.map((e) => [e.periode, e.gemeenten.map((g) => g.naam)])).toEqual([
      ["2024-I", ["Baarn", "Zeist"]],
      ["2024-II", ["Houten"]],
    ]);
    const [v, ...rest] = soort(c, "eindperiodeVerschilt");
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ ernst: "waarschuwing", bestand: null, gemeente: null });
    expect(v?.melding).toBe(
      "De verlopen eindigen niet in dezelfde periode: Baarn en Zeist tot en met 2024-I; Houten tot en met " +
        "2024-II. Achterstand en voorsprong in de totalen tellen standen van verschillende perioden op; vraag de " +
        "gemeenten Gehuisvest tot en met dezelfde periode in te vullen.",
    );
    expect(samenvattingRegels(c)).toContain(
      "Achterstand en voorsprong: stand tot en met 2024-I (Houten tot en met 2024-II).",
    );
    // The overview sheet says it next to the key figures.
    const blok = planConsolidatie(c, bron).bladen[0]!.blokken.find((x) =>
      x.cellen.some((r) => r[0] === "Achterstand en voorsprong"),
    );
    expect(blok?.cellen.find((r) => r[0] === "Achterstand en voorsprong")).toEqual([
      "Achterstand en voorsprong",
      "stand tot en met 2024-I (Houten tot en met 2024-II)",
    ]);
    // The warning is general: it does not change a gemeente's status.
    expect(regel(c, "Houten").statusTekst).toBe("in orde");
  });
});

describe("province tie: Opgave asks instead of guessing", () => {
  test("one Utrecht and one Gelderland file: no province, the tied ones sorted, a finding asks to choose", () => {
    const c = consolideer(engine, [aanlevering("zeist.xlsx", "Zeist"), aanlevering("arnhem.xlsx", "Arnhem")]);
    expect(c.provincie).toBeUndefined();
    expect(c.provincieHerkomst).toBe("onbekend");
    expect(c.provincieKeuze).toEqual([
      { code: "PV25", naam: "Gelderland" },
      { code: "PV26", naam: "Utrecht" },
    ]);
    const [k, ...rest] = soort(c, "provincieKeuze");
    expect(rest).toEqual([]);
    expect(k).toMatchObject({ ernst: "fout", bestand: null });
    expect(k?.melding).toBe(
      "Evenveel aangeleverde gemeenten liggen in Gelderland en in Utrecht (1 elk). Opgave kiest niet: kies de " +
        "provincie (Gelderland of Utrecht).",
    );
    expect(c.gemeenten).toEqual([]);
    expect(c.bestanden.map((x) => [x.gebruikt, x.toelichting])).toEqual([
      [false, "niet gebruikt: kies eerst de provincie"],
      [false, "niet gebruikt: kies eerst de provincie"],
    ]);
    expect(samenvattingRegels(c)[0]).toBe(
      "Geen provincie gekozen: evenveel aangeleverde gemeenten liggen in Gelderland en in Utrecht.",
    );
  });

  test("a chosen province, or a real majority, decides without a question", () => {
    const gekozen = consolideer(
      engine,
      [aanlevering("zeist.xlsx", "Zeist"), aanlevering("arnhem.xlsx", "Arnhem")],
      { provincie: "Gelderland" },
    );
    expect([gekozen.provincie?.naam, gekozen.provincieHerkomst, gekozen.provincieKeuze]).toEqual([
      "Gelderland",
      "opgegeven",
      null,
    ]);
    const meerderheid = consolideer(engine, [
      aanlevering("zeist.xlsx", "Zeist"),
      aanlevering("baarn.xlsx", "Baarn"),
      aanlevering("arnhem.xlsx", "Arnhem"),
    ]);
    expect([meerderheid.provincie?.naam, meerderheid.provincieKeuze]).toEqual(["Utrecht", null]);
    expect(soort(meerderheid, "provincieKeuze")).toEqual([]);
  });
});

describe("unknown is blank, never 0", () => {
  test("nothing entered: achterstand, voorsprong, tekort and the other input-based totals are null", () => {
    const c = consolideer(engine, [
      aanlevering("zeist.xlsx", "Zeist", {
        taakstelling: { blad: "Taakstelling", bereik: "", rijen: [rij("2024-I", null)] },
      }),
    ]);
    expect(c.totaal).toMatchObject({
      achterstand: null,
      voorsprong: null,
      taakstelling: null,
      gehuisvest: null,
      beginsaldo: null,
      bestaandePlaatsen: null,
      tekort: null,
    });
    // The engine's targets are known for every gemeente: those do add up.
    expect(c.totaal.opvang).toBeGreaterThan(0);
    const samen = samenvattingRegels(c).find((r) => r.startsWith("Samen"));
    expect(samen).toBe(
      "Samen (herberekend): achterstand onbekend, voorsprong onbekend, tekort opvang onbekend.",
    );
    expect(samenvattingRegels(c).some((r) => r.startsWith("Achterstand en voorsprong"))).toBe(false);
    // The overview says "onbekend" for the period, and writes blanks (its totals row: IF(COUNT()=0,"",…)).
    const blokken = planConsolidatie(c, bron).bladen[0]!.blokken;
    expect(blokken.flatMap((x) => x.cellen).find((r) => r[0] === "Achterstand en voorsprong")?.[1]).toBe(
      "onbekend: geen gemeente heeft een verloop",
    );
  });

  test("a known 0 stays 0; no rows at all gives null sums and zero counts", () => {
    const c = consolideer(engine, [
      aanlevering("zeist.xlsx", "Zeist", {
        opvang: {
          besluit: null,
          doel: null,
          amv: null,
          bestaandePlaatsen: engine.opvangGemeente("Zeist").aantal,
        },
      }),
    ]);
    expect(regel(c, "Zeist").opvang.tekort).toBe(0);
    expect(c.totaal.tekort).toBe(0);
    expect(samenvattingRegels(c).find((r) => r.startsWith("Samen"))).toMatch(/tekort opvang 0\.$/);
    const leeg = totalenVan([]);
    expect(leeg.gemeenten).toBe(0);
    expect(leeg.aangeleverd).toBe(0);
    expect(Object.entries(leeg).filter(([k]) => k !== "gemeenten" && k !== "aangeleverd")).toEqual(
      Object.keys(leeg)
        .filter((k) => k !== "gemeenten" && k !== "aangeleverd")
        .map((k) => [k, null]),
    );
  });

  test("regions without any figure get blank cells, not 0", () => {
    const c = consolideer(engine, [], { provincie: "Gelderland" });
    expect(c.regios.length).toBeGreaterThan(1);
    const plan = planConsolidatie(c, bron);
    const regios = plan.bladen.find((x) => x.naam === "Veiligheidsregio's")!.tabellen[0]!;
    const kolom = (sleutel: string) => regios.kolommen.findIndex((k) => k.sleutel === sleutel);
    for (const r of regios.rijen) {
      expect(r[kolom("achterstand")]).toBeNull();
      expect(r[kolom("tekort")]).toBeNull();
      expect(r[kolom("aangeleverd")]).toBe(0);
    }
  });
});

describe("the summary counts exactly the findings it lists", () => {
  test("missing gemeenten on one line count once, and the summary says so", () => {
    const c = consolideer(engine, [
      aanlevering("zeist.xlsx", "Zeist", {
        taakstelling: { blad: "Taakstelling", bereik: "", rijen: [rij("2024-I", null)] },
      }),
      onbruikbareAanlevering("kapot.xlsx", [
        { soort: "geenXlsx", ernst: "fout", melding: "Geen geldig .xlsx-bestand (x)." },
      ]),
    ]);
    expect(soort(c, "ontbreekt")).toHaveLength(25);
    const lijst = controleRegels(c);
    const fouten = lijst.filter((r) => r.startsWith("  FOUT: ")).length;
    const waarschuwingen = lijst.filter((r) => r.startsWith("  let op: ")).length;
    expect([fouten, waarschuwingen]).toEqual([1, 2]);
    expect(samenvattingRegels(c)).toContain(
      "Controle: 1 fout, 2 waarschuwingen (zoals hierboven; 1 regel noemt 25 ontbrekende gemeenten samen).",
    );
  });

  test("refused duplicates and grouped missing gemeenten: the counts are the listed lines", () => {
    const c = consolideer(engine, [aanlevering("zeist.xlsx", "Zeist"), aanlevering("zeist2.xlsx", "Zeist")], {
      provincie: "Utrecht",
    });
    const lijst = controleRegels(c);
    const getoond = lijst.filter((r) => /^ {2}(FOUT|let op): /.test(r)).length;
    const s = samenvattingRegels(c).find((r) => r.startsWith("Controle:"))!;
    const [, f, w] = /^Controle: (\d+) fout(?:en)?, (\d+) waarschuwing(?:en)?/.exec(s)!;
    expect(Number(f) + Number(w)).toBe(getoond);
  });
});

describe("numbers outside their plausible range are refused, never summed", () => {
  test("Bestaande plaatsen = 1e308: a finding naming the value and the range; tekort unknown, not −1e308", () => {
    const c = consolideer(engine, [
      aanlevering("zeist.xlsx", "Zeist", {
        opvang: {
          besluit: null,
          doel: null,
          amv: null,
          bestaandePlaatsen: 1e308,
          tekort: { plek: "Opvang!B12", waarde: -1e308 },
        },
      }),
    ]);
    const [f, ...rest] = soort(c, "ongeldigeInvoer");
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ ernst: "fout", bestand: "zeist.xlsx", gemeente: { naam: "Zeist" } });
    expect(f?.melding).toBe(
      "Bestaande plaatsen (Opgave_BestaandePlaatsen) is 1E+308: dat kan niet kloppen; toegestaan is een geheel " +
        "getal van 0 t/m 200.000 (aantal opvangplaatsen of personen). Deze waarde telt niet mee.",
    );
    expect(regel(c, "Zeist").opvang).toMatchObject({ bestaandePlaatsen: null, tekort: null });
    expect(c.totaal.tekort).toBeNull();
    expect(c.totaal.bestaandePlaatsen).toBeNull();
    // The file's own (absurd) stored result is not compared: the rejected input is the finding.
    expect(soort(c, "totaalWijktAf")).toEqual([]);
    // No number of 1e308 anywhere in the result (the message quotes it as text, "1E+308").
    expect(JSON.stringify(c)).not.toContain("e+308");
  });

  test("housed, beginsaldo, an own taakstelling and cost assumptions out of range: each refused, the rest used", () => {
    const c = consolideer(engine, [
      aanlevering("zeist.xlsx", "Zeist", {
        startperiode: "2023-II",
        beginsaldo: -1e9,
        taakstelling: {
          blad: "Taakstelling",
          bereik: "",
          rijen: [
            rij("2023-II", 10, { rij: 22 }),
            rij("2024-I", 1e308, { rij: 23 }),
            rij("2024-II", 5, { rij: 24, eigen: 2.5e6 }),
          ],
        },
        kosten: {
          eigen: {
            plaatsen: null,
            kostenPerPlaats: 1e308,
            locaties: 3,
            vasteKostenPerLocatie: -1,
            bonusPerPlaats: null,
          },
          standaard: {
            plaatsen: null,
            kostenPerPlaats: null,
            locaties: null,
            vasteKostenPerLocatie: null,
            bonusPerPlaats: null,
          },
          gebruikt: {},
        },
      }),
    ]);
    const meldingen = soort(c, "ongeldigeInvoer").map((x) => x.melding);
    expect(meldingen).toHaveLength(5);
    expect(meldingen).toContainEqual(
      expect.stringMatching(
        /^Beginsaldo \(Opgave_Beginsaldo\) is -1\.000\.000\.000: .*-100\.000 t\/m 100\.000/,
      ),
    );
    expect(meldingen).toContainEqual(
      expect.stringMatching(/^Gehuisvest 2024-I \(blad Taakstelling, rij 23\) is 1E\+308:/),
    );
    expect(meldingen).toContainEqual(
      expect.stringMatching(
        /^Taakstelling \(eigen invoer\) 2024-II \(blad Taakstelling, rij 24\) is 2\.500\.000:/,
      ),
    );
    expect(meldingen).toContainEqual(
      expect.stringMatching(
        /^Kosten per plaats per jaar \(€\) \(Opgave_KostenPerPlaats\) is 1E\+308: .*€ 0 t\/m € 1\.000\.000/,
      ),
    );
    expect(meldingen).toContainEqual(
      expect.stringMatching(
        /^Vaste kosten per locatie per jaar \(€\) \(Opgave_VasteKostenPerLocatie\) is -1:/,
      ),
    );
    const z = regel(c, "Zeist");
    // No ledger: without a usable beginsaldo it has no start (before: from 0, a figure nobody entered).
    expect([z.beginsaldo, z.vanaf, z.tm, z.achterstand, z.voorsprong, z.gehuisvest]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    // Costs: the refused assumptions fall back to the standard; the valid one (3 locations) is used.
    expect(z.kosten?.locaties).toBe(3);
    expect(z.kosten?.kostenPerPlaats).toBeLessThan(1e6);
    expect(Number.isFinite(c.totaal.jaarkostenTotaal)).toBe(true);
    // Unique, stable ids although no cell address is known.
    expect(new Set(c.controles.map((x) => x.id)).size).toBe(c.controles.length);
  });
});

describe("the ledger follows the territory across a herindeling (as ACHTERSTAND and VERLOOP do)", () => {
  const vanaf = (gemeente: string, start: string, rijen: AanleveringRij[], beginsaldo = 0) =>
    aanlevering(`${gemeente}.xlsx`, gemeente, {
      startperiode: start,
      beginsaldo,
      taakstelling: { blad: "Taakstelling", bereik: "Taakstelling!A7:M27", rijen },
    });

  test("Voorne aan Zee from 2022-II: 58 (Brielle + Hellevoetsluis + Westvoorne), then its own 89", () => {
    const rijen = [rij("2022-II", 50), rij("2023-I", 80), rij("2023-II", null)];
    const c = consolideer(engine, [vanaf("Voorne aan Zee", "2022-II", rijen, 5)], {
      provincie: "Zuid-Holland",
    });
    const v = regel(c, "Voorne aan Zee");
    expect(v.verloop.map((r) => r.taakstelling)).toEqual([58, 89]);
    expect(v.verloop).toEqual(engine.verloop("Voorne aan Zee", "2023-I", [50, 80], 5));
    expect([v.vanaf, v.tm, v.taakstelling, v.achterstand]).toEqual(["2022-II", "2023-I", 147, 22]);
    expect(soort(c, "verloopOnderbroken")).toEqual([]);
  });

  test("a split on the way (Tilburg, part of Haaren 2021): the ledger stops there, with input after it reported", () => {
    const rijen = [rij("2020-II", 10), rij("2021-I", 10, { eigen: 30 }), rij("2021-II", 10, { eigen: 30 })];
    const c = consolideer(engine, [vanaf("Tilburg", "2020-II", rijen)], { provincie: "Noord-Brabant" });
    expect(regel(c, "Tilburg").tm).toBeNull();
    const [o] = soort(c, "verloopOnderbroken");
    expect(o?.melding).toContain("in 2020-II is de taakstelling onbekend");
    // Started after it (with the balance of then as beginsaldo), the ledger runs.
    const na = consolideer(engine, [vanaf("Tilburg", "2021-I", rijen.slice(1), 12)], {
      provincie: "Noord-Brabant",
    });
    expect(regel(na, "Tilburg").tm).toBe("2021-II");
    expect(regel(na, "Tilburg").achterstand).toBe(12 + 30 + 30 - 20);
  });
});

describe("supervision signal: consecutive half-years ending with an achterstand (provincial practice, not law)", () => {
  const PRAKTIJK =
    "provinciale praktijk, geen wettelijke regel (Zuid-Holland, januari 2025: na vier opeenvolgende keren " +
    "achterstand kan de provincie ingrijpen; bron: rd.nl, 'Zuid-Holland geeft acht gemeenten laatste waarschuwing')";
  const perioden = ["2022-I", "2022-II", "2023-I", "2023-II", "2024-I"];
  /** A delivery housing `gehuisvest[i]` in the i-th of the half-years 2022-I … (fewer: the ledger ends earlier). */
  const met = (gemeente: string, gehuisvest: number[], beginsaldo = 0) =>
    aanlevering(`${gemeente.toLowerCase()}.xlsx`, gemeente, {
      startperiode: "2022-I",
      beginsaldo,
      taakstelling: {
        blad: "Taakstelling",
        bereik: "Taakstelling!A7:M27",
        rijen: perioden.map((p, i) => rij(p, gehuisvest[i] ?? null)),
      },
    });

  test("Zeist housed nothing for four half-years: 4 in a row, listed at the default threshold of 4", () => {
    expect(TOEZICHT_DREMPEL).toBe(4);
    const c = consolideer(engine, [met("Zeist", [0, 0, 0, 0]), met("Baarn", [0, 0, 0])]);
    expect(regel(c, "Zeist").achtereenAchter).toBe(4);
    expect(regel(c, "Baarn").achtereenAchter).toBe(3);
    expect(c.toezichtDrempel).toBe(4);
    const [s, ...rest] = soort(c, "toezichtSignaal");
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      ernst: "waarschuwing",
      bestand: "zeist.xlsx",
      gemeente: { naam: "Zeist" },
      id: `toezichtSignaal||${engine.gemeente("Zeist").code}`,
    });
    expect(s?.melding).toBe(
      `Zeist: 4 halfjaren achtereen geëindigd met een achterstand (tot en met 2023-II; drempel 4). Signaal voor toezicht: ${PRAKTIJK}.`,
    );
    // It counts as a warning of that gemeente and is listed under its file.
    expect(regel(c, "Zeist").statusTekst).toBe("1 waarschuwing");
    expect(controleRegels(c)).toContain(`  let op: ${s?.melding}`);
    // Unknown without a ledger, never 0.
    expect(regel(c, "Houten").achtereenAchter).toBeNull();
  });

  test("the run counts from the end: a half-year that ends without an achterstand resets it", () => {
    // Zeist catches up exactly in 2023-I (balance 0), then falls behind again for two half-years.
    const inhalen = perioden.slice(0, 3).reduce((n, p) => n + engine.taakstelling("Zeist", p).aantal, 0);
    const c = consolideer(engine, [met("Zeist", [0, 0, inhalen, 0, 0])]);
    const z = regel(c, "Zeist");
    expect(z.verloop.map((r) => r.achterstand > 0)).toEqual([true, true, false, true, true]);
    expect(z.achtereenAchter).toBe(2);
    expect(soort(c, "toezichtSignaal")).toEqual([]);
    // An achterstand in the beginsaldo is not a half-year (how many it took is not known).
    expect(regel(consolideer(engine, [met("Zeist", [0], 40)]), "Zeist").achtereenAchter).toBe(1);
  });

  test("the threshold is an option: 2 lists Baarn too; 5 lists nobody; not a whole number ≥ 1 is refused", () => {
    const aanleveringen = [met("Zeist", [0, 0, 0, 0]), met("Baarn", [0, 0])];
    const namen = (c: Consolidatie) => soort(c, "toezichtSignaal").map((x) => x.gemeente?.naam);
    expect(namen(consolideer(engine, aanleveringen, { toezichtDrempel: 2 }))).toEqual(["Baarn", "Zeist"]);
    const c5 = consolideer(engine, aanleveringen, { toezichtDrempel: 5 });
    expect(namen(c5)).toEqual([]);
    expect(c5.toezichtDrempel).toBe(5);
    for (const fout of [0, -1, 2.5, Number.NaN]) {
      expect(() => consolideer(engine, aanleveringen, { toezichtDrempel: fout })).toThrow(OpgaveFout);
    }
    expect(() => consolideer(engine, aanleveringen, { toezichtDrempel: 0 })).toThrow(
      "De drempel van het toezichtsignaal moet een geheel getal van 1 of meer zijn (niet 0).",
    );
  });

  test("the overview: column Achtereen achter at the end of the table (not summed), the finding on Controle", () => {
    const c = consolideer(engine, [met("Zeist", [0, 0, 0, 0])]);
    const plan = planConsolidatie(c, bron);
    const t = plan.bladen[0]!.tabellen[0]!;
    expect(t.kolommen.at(-1)).toMatchObject({ sleutel: "achtereenAchter", kop: "Achtereen achter" });
    const i = t.kolommen.length - 1;
    const zeist = t.rijen.find((r) => r[1] === "Zeist");
    expect(zeist?.[i]).toBe(4);
    expect(t.rijen.find((r) => r[1] === "Baarn")?.[i]).toBeNull();
    expect(t.totaal?.[i]).toBeNull();
    const uitleg = plan.bladen[0]!.blokken[0]!.cellen.flat().join(" ");
    expect(uitleg).toContain("Achtereen achter");
    expect(uitleg).toContain(PRAKTIJK);
    const controle = plan.bladen.find((b) => b.naam === "Controle")!.tabellen[0]!;
    const r = controle.rijen.find((x) => x[1] === "toezichtsignaal");
    expect(r?.[4]).toBe("Zeist");
  });
});

describe("the first half-years deleted (no Eerste periode): named, the ledger would hide what stood there", () => {
  const zonder = (rijen: ReturnType<typeof rij>[], startperiode: string | null) =>
    consolideer(engine, [
      aanlevering("soest.xlsx", "Soest", {
        startperiode,
        taakstelling: { blad: "Taakstelling", bereik: "Taakstelling!A7:M27", rijen },
      }),
    ]);
  const gemeld = (c: Consolidatie) =>
    soort(c, "verloopOnderbroken").filter((x) => x.melding.startsWith("De tabel Taakstelling begint bij"));

  test("rows from 2017-II without an Eerste periode: a warning on the table's first row", () => {
    const c = zonder([rij("2017-II", 10, { rij: 8 }), rij("2018-I", 12, { rij: 9 })], null);
    // Before: "in orde", the ledger from 2017-II as if 2016-II and 2017-I had never been there.
    expect(gemeld(c)).toEqual([
      expect.objectContaining({
        ernst: "waarschuwing",
        plek: "Taakstelling!A8",
        melding:
          "De tabel Taakstelling begint bij 2017-II, niet bij 2016-II: rijen verwijderd? Zonder Eerste periode telt " +
          "het verloop vanaf de eerste rij, dus zonder de halfjaren ervoor (een achterstand daar valt weg). Zet de " +
          "rijen terug, of vul bij Eerste periode 2017-II in en het saldo van toen bij Beginsaldo.",
      }),
    ]);
  });

  test("not with an Eerste periode (the ledger starts there by choice), nor for a table from 2016-II", () => {
    expect(gemeld(zonder([rij("2017-II", 10), rij("2018-I", 12)], "2017-II"))).toEqual([]);
    expect(gemeld(zonder([rij("2016-II", 10), rij("2017-I", 12)], null))).toEqual([]);
  });
});
