import { engine, fout } from "./helpers";
import { parsePeriode } from "../../src/domain/periode";
import { Engine } from "../../src/domain/engine";
import { OpgaveFout } from "../../src/domain/fouten";
import { standaardDataset } from "../../src/data/embedded";

const code = (invoer: string | number, periode?: string) =>
  engine.gemeente(invoer, periode === undefined ? undefined : parsePeriode(periode)).code;

describe("gemeente resolution (domain brief §6)", () => {
  test.each<[string | number, string]>([
    ["GM0363", "GM0363"],
    ["gm0363", "GM0363"],
    ["GM363", "GM0363"],
    ["0363", "GM0363"],
    ["363", "GM0363"],
    [363, "GM0363"],
    [" 344 ", "GM0344"],
  ])("code form %p → %s", (invoer, verwacht) => expect(code(invoer)).toBe(verwacht));

  test.each<[string, string]>([
    ["Utrecht", "GM0344"],
    ["UTRECHT", "GM0344"],
    ["utrecht", "GM0344"],
    ["Súdwest-Fryslân", "GM1900"],
    ["Sudwest Fryslan", "GM1900"],
    ["sudwest-fryslan", "GM1900"],
    ["'s-Hertogenbosch", "GM0796"],
    ["s-Hertogenbosch", "GM0796"],
    ["’s Hertogenbosch", "GM0796"],
    ["Den Bosch", "GM0796"],
    ["Den Haag", "GM0518"],
    ["'s-Gravenhage", "GM0518"],
    ["The Hague", "GM0518"],
    ["Bergen (L.)", "GM0893"],
    ["Bergen (NH.)", "GM0373"],
    ["bergen nh", "GM0373"],
    ["Hengelo (O.)", "GM0164"],
    ["Hengelo", "GM0164"],
    ["Nuenen, Gerwen en Nederwetten", "GM0820"],
    ["nuenen gerwen en nederwetten", "GM0820"],
    // What people in and around Nuenen call it (before: "niet gevonden", for "Nuenen c.a." without a suggestion).
    ["Nuenen", "GM0820"],
    ["Nuenen c.a.", "GM0820"],
    ["nuenen ca", "GM0820"],
  ])("name %p → %s", (invoer, verwacht) => expect(code(invoer)).toBe(verwacht));

  test("an ambiguous name is refused with the candidates, never guessed", () => {
    const f = fout(() => code("Bergen"), "ongeldig");
    expect(f.message).toContain("Bergen (NH.)");
    expect(f.message).toContain("Bergen (L.)");
  });

  test.each<[string, string]>([
    ["Utrech", "Utrecht"],
    ["Amsterdm", "Amsterdam"],
    ["Rotterdm", "Rotterdam"],
    ["Groningn", "Groningen"],
  ])("unknown %p suggests %p", (invoer, suggestie) => {
    const f = fout(() => code(invoer), "ongeldig");
    expect(f.message).toMatch(/Bedoelde u: .*\?/);
    expect(f.message).toContain(suggestie);
    const genoemd = f.message.replace(/.*Bedoelde u: /, "").split(",");
    expect(genoemd.length).toBeLessThanOrEqual(3);
  });

  test("a province in brackets keeps the suggestions inside it: Hengelo (Gld.), a village of Bronckhorst, never suggests Hengelo in Overijssel", () => {
    // Before: "Bedoelde u: Hengelo?" — whoever followed it got the figures of another place.
    for (const invoer of [
      "Hengelo (Gld)",
      "Hengelo (Gld.)",
      "Hengelo (Gelderland)",
      "Laren (Gld.)",
      "Beek (Gld)",
    ])
      expect(fout(() => code(invoer), "ongeldig").message).toBe(
        `Gemeente "${invoer}" niet gevonden. Controleer de naam of gebruik de CBS-code.`,
      );
    // A typo with its own province still gets the suggestion; so does one without a province.
    expect(fout(() => code("Hengelo (Ov.)"), "ongeldig").message).toContain("Bedoelde u: Hengelo?");
    expect(fout(() => code("Utrech (U.)"), "ongeldig").message).toContain("Bedoelde u: Utrecht?");
    expect(code("Hengelo (O)")).toBe("GM0164");
  });

  test("a province where a gemeente is asked, and a gemeente where a province is: said as such", () => {
    expect(fout(() => code("Noord-Holland"), "ongeldig").message).toBe(
      '"Noord-Holland" is een provincie, geen gemeente. Geef een gemeente op: naam of CBS-code.',
    );
    expect(fout(() => code("noord holland", "2024-I"), "ongeldig").message).toBe(
      '"noord holland" is een provincie (Noord-Holland), geen gemeente. Geef een gemeente op: naam of CBS-code.',
    );
    // A name that is both (Utrecht, Groningen) is the gemeente where a gemeente is asked, the province where a
    // province is.
    expect(code("Groningen")).toBe("GM0014");
    expect(engine.provincie("Groningen").naam).toBe("Groningen");
    expect(fout(() => engine.provincie("Amsterdam"), "ongeldig").message).toBe(
      '"Amsterdam" is een gemeente, geen provincie. Bedoelde u de provincie Noord-Holland?',
    );
    expect(fout(() => engine.provincie("den haag"), "ongeldig").message).toBe(
      '"den haag" is een gemeente (\'s-Gravenhage), geen provincie. Bedoelde u de provincie Zuid-Holland?',
    );
    // A former gemeente or an ambiguous name: the usual message.
    expect(fout(() => engine.provincie("Leeuwarderadeel"), "ongeldig").message).toMatch(
      /^Provincie "Leeuwarderadeel" niet gevonden/,
    );
    expect(fout(() => engine.provincie("Bergen"), "ongeldig").message).toMatch(
      /^Provincie "Bergen" niet gevonden/,
    );
  });

  test("nonsense gets no silly suggestions", () => {
    expect(fout(() => code("xqzwv"), "ongeldig").message).not.toContain("Bedoelde u");
  });

  test("an unknown code is #N/A; empty input is #VALUE!", () => {
    expect(fout(() => code("GM9999"), "nietBeschikbaar").message).toContain("GM9999");
    fout(() => code(""), "ongeldig");
    fout(() => code(3.5), "ongeldig");
  });
});

describe("time-aware resolution", () => {
  test("Weesp exists in 2022-I, not from 2022-II (merged into Amsterdam on 24-3-2022)", () => {
    expect(code("Weesp", "2022-I")).toBe("GM0457");
    const f = fout(() => code("Weesp", "2022-II"), "nietBeschikbaar");
    expect(f.message).toContain("Amsterdam");
    expect(f.message).toContain("24-3-2022");
    expect(f.message).toContain("2022-II");
  });

  test("Voorne aan Zee exists from 2023; before that its parts are named", () => {
    expect(code("Voorne aan Zee", "2023-I")).toBe("GM1992");
    const f = fout(() => code("Voorne aan Zee", "2022-II"), "nietBeschikbaar");
    expect(f.message).toContain("1-1-2023");
    expect(f.message).toMatch(/Brielle.*Hellevoetsluis.*Westvoorne/);
    const brielle = fout(() => code("Brielle", "2023-I"), "nietBeschikbaar");
    expect(brielle.message).toContain("Voorne aan Zee");
  });

  test("Land van Cuijk from 2022; Cuijk before", () => {
    expect(code("Land van Cuijk", "2022-I")).toBe("GM1982");
    expect(code("Cuijk", "2021-II")).toBe("GM1684");
    expect(fout(() => code("Cuijk", "2022-I")).message).toContain("Land van Cuijk");
  });

  test("by code in TAAKSTELLING: the same message as by name, one error per gemeente and kind", () => {
    const e = new Engine(standaardDataset());
    const na1 = e.taakstellingUitkomst("GM0457", "2023-I");
    const na2 = e.taakstellingUitkomst(457, "2024-II");
    const voor = e.taakstellingUitkomst("GM1992", "2022-II");
    expect(na1).toBeInstanceOf(OpgaveFout);
    expect(na2).toBe(na1); // remembered per gemeente and kind, not per period
    expect((na1 as OpgaveFout).message).toBe(fout(() => code("Weesp", "2023-I")).message);
    expect(voor).toBeInstanceOf(OpgaveFout);
    expect((voor as OpgaveFout).message).toContain("1-1-2023");
    expect(voor).not.toBe(na1);
    expect(e.taakstellingUitkomst("GM1992", "2023-I")).not.toBeInstanceOf(OpgaveFout);
  });

  test("a former gemeente asked without a time is still found (for names and codes)", () => {
    expect(code("Weesp")).toBe("GM0457");
    expect(engine.gemeente("GM0457").naam).toBe("Weesp");
  });
});
