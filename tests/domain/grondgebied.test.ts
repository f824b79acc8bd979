/**
 * Issue 14: the ledger across herindelingen. For a half-year before the herindeling that formed or enlarged a
 * gemeente, the taakstelling of its territory is the sum of the parts' taakstellingen (each by art. 29 for that
 * half-year); a split or partial transfer stays #N/A with its reason.
 */
import { OpgaveFout } from "../../src/domain/fouten";
import { gebiedLabel, gebiedTaakstelling, herindelingenTekst } from "../../src/domain/grondgebied";
import { parsePeriode, periodeStart } from "../../src/domain/periode";
import type { Herindeling } from "../../src/domain/model";
import { engine, fout } from "./helpers";

const reg = engine.register;
const t = (g: string, p: string) => engine.taakstelling(g, p).aantal;

describe("the territory's taakstelling before the herindeling", () => {
  test("Voorne aan Zee 2022-II = Brielle 14 + Hellevoetsluis 32 + Westvoorne 12 = 58", () => {
    expect([t("Brielle", "2022-II"), t("Hellevoetsluis", "2022-II"), t("Westvoorne", "2022-II")]).toEqual([
      14, 32, 12,
    ]);
    const g = engine.gemeente("Voorne aan Zee", parsePeriode("2023-I"));
    const gebied = gebiedTaakstelling(reg, g, parsePeriode("2022-II"), periodeStart(parsePeriode("2023-I")));
    expect(gebied.aantal).toBe(58);
    expect(gebied.delen.map((d) => d.gemeente.naam)).toEqual(["Brielle", "Hellevoetsluis", "Westvoorne"]);
    expect(gebied.herindelingen.map((h) => h.datum)).toEqual(["2023-01-01"]);
    expect(gebiedLabel(gebied)).toBe(
      "som van Brielle 14 + Hellevoetsluis 32 + Westvoorne 12 (samengevoegd per 1-1-2023)",
    );
    // The gemeente itself still has no taakstelling of its own in 2022-II.
    expect(fout(() => engine.taakstelling("Voorne aan Zee", "2022-II"), "nietBeschikbaar").message).toContain(
      "bestaat pas vanaf 1-1-2023",
    );
  });

  test("from the herindeling on it is the gemeente's own taakstelling (art. 30 where it applies)", () => {
    const g = engine.gemeente("Voorne aan Zee", parsePeriode("2023-II"));
    const gebied = gebiedTaakstelling(reg, g, parsePeriode("2023-I"), periodeStart(parsePeriode("2023-II")));
    expect(gebied.aantal).toBe(t("Voorne aan Zee", "2023-I"));
    expect(gebied.herindelingen).toEqual([]);
    expect(gebiedLabel(gebied)).toBe("berekend (art. 29 en 30 Hvw 2014, som van de delen)");
  });

  test("Meierijstad 2016-II = Schijndel + Sint-Oedenrode + Veghel", () => {
    const g = engine.gemeente("Meierijstad", parsePeriode("2017-I"));
    const gebied = gebiedTaakstelling(reg, g, parsePeriode("2016-II"), periodeStart(parsePeriode("2017-I")));
    expect(gebied.aantal).toBe(
      t("Schijndel", "2016-II") + t("Sint-Oedenrode", "2016-II") + t("Veghel", "2016-II"),
    );
    expect(gebied.aantal).toBe(33 + 25 + 52);
  });

  test("an enlarged gemeente: Amsterdam 2022-I in a ledger that ends after 24-3-2022 includes Weesp", () => {
    const g = engine.gemeente("Amsterdam", parsePeriode("2023-I"));
    const gebied = gebiedTaakstelling(reg, g, parsePeriode("2022-I"), periodeStart(parsePeriode("2023-I")));
    expect(gebied.aantal).toBe(t("Amsterdam", "2022-I") + t("Weesp", "2022-I"));
    expect(gebiedLabel(gebied)).toBe(
      `som van Amsterdam ${t("Amsterdam", "2022-I")} + Weesp ${t("Weesp", "2022-I")} (samengevoegd per 24-3-2022)`,
    );
    // A ledger that ends in 2022-I itself (Weesp still existed on its first day): Amsterdam alone.
    const zelf = gebiedTaakstelling(reg, g, parsePeriode("2022-I"), periodeStart(parsePeriode("2022-I")));
    expect(zelf.aantal).toBe(t("Amsterdam", "2022-I"));
  });

  test("a split or partial transfer on the way: #N/A with the reason and what to do", () => {
    const g = engine.gemeente("Het Hogeland", parsePeriode("2019-II"));
    const e = fout(
      () => gebiedTaakstelling(reg, g, parsePeriode("2018-II"), periodeStart(parsePeriode("2019-II"))),
      "nietBeschikbaar",
    );
    expect(e.message).toContain("Winsum");
    expect(e.message).toContain("1-1-2019");
    expect(e.message).toContain("gesplitst of deels overgedragen");
    expect(e.message).toContain("beginsaldo");
    // Tilburg received part of Haaren (split 1-1-2021).
    const tilburg = engine.gemeente("Tilburg", parsePeriode("2022-I"));
    expect(
      fout(
        () => gebiedTaakstelling(reg, tilburg, parsePeriode("2020-II"), periodeStart(parsePeriode("2022-I"))),
        "nietBeschikbaar",
      ).message,
    ).toContain("Haaren");
  });

  test("a part without a national number: that reason (#N/A), never a guess", () => {
    const g = engine.gemeente("Voorne aan Zee", parsePeriode("2023-I"));
    const e = fout(
      () => gebiedTaakstelling(reg, g, parsePeriode("2021-II"), periodeStart(parsePeriode("2023-I"))),
      "nietBeschikbaar",
    );
    expect(e.message).toContain("2021-II is niet bekend");
  });

  test("with the user's own national number every part uses it, labelled as such", () => {
    const g = engine.gemeente("Voorne aan Zee", parsePeriode("2023-I"));
    const gebied = gebiedTaakstelling(
      reg,
      g,
      parsePeriode("2022-II"),
      periodeStart(parsePeriode("2023-I")),
      13_500,
    );
    expect(gebied.aantal).toBe(58);
    expect(gebied.delen.every((d) => d.herkomst.soort === "eigen")).toBe(true);
    expect(gebiedLabel(gebied)).toMatch(/^som van Brielle 14 .*; landelijk getal eigen invoer$/);
  });
});

describe("labels", () => {
  const h = (datum: string, soort: Herindeling["soort"]): Herindeling => ({
    datum,
    soort,
    oud: ["GM0001"],
    nieuw: ["GM0002"],
    bron: "test",
  });

  test("herindelingenTekst groups by kind and date", () => {
    expect(herindelingenTekst([h("2019-01-01", "samenvoeging")])).toBe("samengevoegd per 1-1-2019");
    expect(
      herindelingenTekst([
        h("2016-01-01", "naamswijziging"),
        h("2019-01-01", "samenvoeging"),
        h("2022-01-01", "samenvoeging"),
      ]),
    ).toBe("samengevoegd per 1-1-2019 en 1-1-2022; naamswijziging per 1-1-2016");
  });

  test("one predecessor under another code (a renaming) is named as such", () => {
    const groesbeek = engine.taakstelling("Brielle", "2022-II");
    const label = gebiedLabel({
      gemeente: engine.gemeente("Voorne aan Zee"),
      periode: parsePeriode("2022-II"),
      aantal: groesbeek.aantal,
      delen: [groesbeek],
      herindelingen: [h("2023-01-01", "naamswijziging")],
      landelijk: undefined,
    });
    expect(label).toBe("voorganger Brielle 14 (naamswijziging per 1-1-2023)");
  });
});

describe("BRON for the territory", () => {
  test("Voorne aan Zee 2022-II: the sum, what it means and each part's formula", () => {
    const tekst = engine.bronMet("Voorne aan Zee", "2022-II");
    expect(tekst).not.toBeInstanceOf(OpgaveFout);
    expect(tekst).toContain(
      "Voorne aan Zee 2022-II: 58 voor het grondgebied, som van Brielle 14 + Hellevoetsluis 32 + Westvoorne 12 " +
        "(samengevoegd per 1-1-2023)",
    );
    expect(tekst).toContain("Voorne aan Zee bestond in 2022-II nog niet");
    expect(tekst).toContain("Brielle ⌈13.500 × ");
    expect(tekst).toContain("elk berekend (art. 29 Hvw 2014) met inwoners per 1-1-2021");
    expect(tekst).toContain("landelijk 2022-II: 13.500 (vastgesteld)");
  });

  test("a gemeente that existed keeps its own BRON; the reason stays for an unknown national number", () => {
    expect(engine.bronMet("Utrecht", "2024-I")).toBe(engine.bron("Utrecht", "2024-I"));
    const e = engine.bronMet("Utrecht", "2024-II");
    expect(e).toBeInstanceOf(OpgaveFout);
    expect((e as OpgaveFout).message).toContain("2024-II is niet bekend");
    // Before the territory's parts existed in the data: the reason, not a text.
    expect(engine.bronMet("Voorne aan Zee", "2021-II")).toBeInstanceOf(OpgaveFout);
  });
});

describe("the ledger follows the territory", () => {
  test("Voorne aan Zee from 2022-II: 58 + 89 − housed, carried over", () => {
    const regels = engine.verloop("Voorne aan Zee", "2023-I", [50, 80], 5);
    expect(regels.map((r) => r.taakstelling)).toEqual([58, t("Voorne aan Zee", "2023-I")]);
    expect(regels[1]!.saldo).toBe(5 + 58 + 89 - 130);
  });

  test("every gemeente of 1-1-2023, ledger 2022-I … 2023-II: each half-year = Σ of the parts' TAAKSTELLING", () => {
    const perioden = ["2022-I", "2022-II", "2023-I", "2023-II"];
    for (const g of reg.gemeentenOp(periodeStart(parsePeriode("2023-II")))) {
      const rijen = engine.verloopTabel(g.code, "2023-II", [0, 0, 0, 0]);
      rijen.forEach((r, i) => {
        if (r.taakstelling instanceof OpgaveFout) throw r.taakstelling;
        const som = r.taakstelling.delen.reduce((a, d) => a + t(d.gemeente.code, perioden[i]!), 0);
        expect([g.naam, perioden[i], r.taakstelling.aantal]).toEqual([g.naam, perioden[i], som]);
      });
      const laatste = rijen[3]!.regel!;
      expect(laatste.saldo).toBe(
        rijen.reduce((a, r) => a + (r.taakstelling as { aantal: number }).aantal, 0),
      );
    }
  });
});
