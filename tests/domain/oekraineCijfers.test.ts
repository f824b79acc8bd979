/**
 * Issue 14: the national key figures of the Ukrainian reception, as published — the figure in force on a date per
 * indicator, each with its source; never derived.
 */
import { Engine } from "../../src/domain/engine";
import { datumTekst, kerncijferVanaf, oekraineIndicatoren } from "../../src/domain/oekraineCijfers";
import { standaardDataset } from "../../src/data/embedded";
import type { Dag } from "../../src/domain/periode";
import { engine, fout } from "./helpers";

const dag = (d: number, m: number, j: number): Dag => ({ jaar: j, maand: m, dag: d });
const alsKaart = (dagOp?: Dag) =>
  Object.fromEntries(engine.oekraineKerncijfers(dagOp).map((c) => [c.indicator, c.aantal ?? c.waardeTekst]));

describe("OEKRAINECIJFERS in the domain", () => {
  test("the indicator names are those of the data (a combined row split in its parts)", () => {
    expect(oekraineIndicatoren(standaardDataset().oekraineKerncijfers!)).toEqual([
      "opdracht per veiligheidsregio",
      "landelijke doelstelling",
      "gevraagd",
      "gerealiseerd",
      "Oekraiense ontheemden in gemeentelijke opvang (VNG)",
      "bedden beschikbaar",
      "in gebruik",
      "gevraagd (per februari)",
      "beschikbaar",
      "benodigde plekken",
    ]);
  });

  test("default: the latest figure of every indicator; a value that is no exact number stays text", () => {
    const k = alsKaart();
    expect(k["benodigde plekken"]).toBe(109_000);
    expect(k["landelijke doelstelling"]).toBe(75_000);
    expect(k["Oekraiense ontheemden in gemeentelijke opvang (VNG)"]).toBe("83000+");
    expect(Object.keys(k)).toHaveLength(10);
  });

  test("in force on a date: the latest dated on or before it; a month counts from its first day", () => {
    expect(alsKaart(dag(1, 3, 2025))["benodigde plekken"]).toBe(120_000);
    expect(alsKaart(dag(30, 6, 2025))["benodigde plekken"]).toBe(120_000);
    expect(alsKaart(dag(1, 7, 2025))["benodigde plekken"]).toBe(109_000);
    const februari = alsKaart(dag(15, 2, 2024));
    expect(februari["gevraagd (per februari)"]).toBe(97_000);
    expect(februari["bedden beschikbaar"]).toBeUndefined();
    expect(alsKaart(dag(16, 2, 2024))["in gebruik"]).toBe(90_600);
    expect(Object.keys(alsKaart(dag(7, 3, 2022)))).toEqual(["opdracht per veiligheidsregio"]);
  });

  test("one indicator, in any case or spacing", () => {
    expect(engine.oekraineKerncijfers(undefined, "Landelijke Doelstelling")[0]!.aantal).toBe(75_000);
    expect(engine.oekraineKerncijfers(dag(1, 1, 2024), "gevraagd")[0]).toMatchObject({
      aantal: 90_000,
      datum: "2023-07-01",
      bron: "https://www.rd.nl/artikel/1027096-gemeenten-ver-onder-gewenste-90-000-opvangplekken-voor-oekrainers",
    });
    expect(engine.oekraineKerncijfers(undefined, "gerealiseerd")[0]!.toelichting).toBe(
      'gepubliceerd als "gevraagd / gerealiseerd: 90000 / 78000"',
    );
  });

  test("never a guess: #N/A before the first figure, #VALUE! for an unknown indicator", () => {
    expect(fout(() => engine.oekraineKerncijfers(dag(6, 3, 2022)), "nietBeschikbaar").message).toBe(
      "Op 6-3-2022 is nog geen kerncijfer over de opvang van Oekraïners bekend (het eerste: 7-3-2022).",
    );
    expect(
      fout(() => engine.oekraineKerncijfers(dag(1, 1, 2024), "benodigde plekken"), "nietBeschikbaar").message,
    ).toBe('Op 1-1-2024 is voor "benodigde plekken" nog geen cijfer bekend (het eerste: januari 2025).');
    expect(fout(() => engine.oekraineKerncijfers(undefined, "gevraagt"), "ongeldig").message).toContain(
      "Bedoelde u: gevraagd",
    );
    expect(fout(() => engine.oekraineKerncijfers(undefined, "xyz"), "ongeldig").message).toContain(
      "Bekend: opdracht per veiligheidsregio; landelijke doelstelling;",
    );
  });

  test("data without key figures (a bundle made before they were added): #N/A naming the data in use", () => {
    const zonder = new Engine({ ...standaardDataset(), oekraineKerncijfers: undefined });
    expect(fout(() => zonder.oekraineKerncijfers(), "nietBeschikbaar").message).toContain(
      "opgave-standaard 2026.12.01",
    );
  });

  test("dates as the source gives them, in Dutch", () => {
    const c = (datum: string) => ({
      datum,
      indicator: "x",
      aantal: 1,
      waardeTekst: "1",
      toelichting: "",
      bron: "",
    });
    expect(datumTekst(c("2022-03-07"))).toBe("7-3-2022");
    expect(datumTekst(c("2023-11"))).toBe("november 2023");
    expect(kerncijferVanaf(c("2023-11"))).toEqual(dag(1, 11, 2023));
  });
});
