/**
 * The numeric guard at the function boundary, the output guard and the messages, on the cases issue 12 found:
 * each of these used to return ±Infinity, 1e+308, "Onverwachte fout", "(NIET GEVONDEN)" or `""""`.
 */
import * as f from "../../src/functions/functions";
import { eindig, eindigeTabel, ExcelFout, werpNietEindig } from "../../src/functions/excelFout";
import { OpgaveFout } from "../../src/domain/fouten";
import { bereik } from "../../src/domain/berichten";
import { FUNCTIES } from "../../src/functions/registry";
import { excelFout } from "../helpers/excelFout";
import { GRENS_PARAMETERS, GRENZEN } from "./grenzenPerParameter";

function waarde(call: () => unknown): ExcelFout {
  const e = excelFout(call);
  expect(e.code).toBe("#VALUE!");
  expect(e.message).not.toMatch(/Onverwachte fout|Infinity|NaN/);
  return e;
}

describe("numbers outside their range: #VALUE! naming the argument and the range", () => {
  test("OPVANGSCENARIO(Utrecht; 10^308) — was Infinity", () => {
    expect(waarde(() => f.opvangscenario("Utrecht", 1e308, null, null)).message).toBe(
      "landelijk: 1E+308 is niet toegestaan; gebruik een geheel getal van 1 t/m 1.000.000 " +
        "(landelijk aantal opvangplaatsen in een scenario).",
    );
    expect(waarde(() => f.opvangscenario("Utrecht", -1e308, null, null)).message).toContain("landelijk");
    expect(waarde(() => f.opvangscenario("Utrecht", "1e308", null, null)).message).toContain(
      "1 t/m 1.000.000",
    );
    expect(f.opvangscenario("Utrecht", 1_000_000, null, null)).toBeGreaterThan(0);
  });

  test("VOORSPRONG(Utrecht; 2024-I; 10^308) — was 1e+308; also beginsaldo and a fraction", () => {
    expect(waarde(() => f.voorsprong("Utrecht", "2024-I", [[1e308]])).message).toContain(
      "gehuisvest: 1E+308 is niet toegestaan; gebruik een geheel getal van 0 t/m 100.000",
    );
    expect(waarde(() => f.achterstand("Utrecht", "2024-I", [[10]], -1e308)).message).toContain(
      "beginsaldo: -1E+308 is niet toegestaan",
    );
    expect(waarde(() => f.gecorrigeerd("Utrecht", "2024-I", [[0.5]])).message).toContain("geheel getal");
    expect(f.voorsprong("Utrecht", "2024-I", [[100_000]], -100_000)).toBeGreaterThan(0);
  });

  test("KLEINSCHALIG: negative fixed cost, absurd sizes and counts — were ±Infinity", () => {
    expect(waarde(() => f.kleinschalig(300, null, null, null, -200_000, null)).message).toBe(
      "vastekosten: -200.000 is niet toegestaan; gebruik een getal van € 0 t/m € 100.000.000 " +
        "(vaste kosten per locatie per jaar).",
    );
    waarde(() => f.kleinschalig(300, null, null, null, 1e308, null));
    waarde(() => f.kleinschalig(1e308, null, null, null, null, null));
    waarde(() => f.kleinschalig(300, 1, 1e308, null, null, null));
    expect(waarde(() => f.kleinschalig(300, null, null, 2.5, null, null)).message).toContain("maxlocaties");
  });

  test("KOSTENOPVANG with an amount ≥ 1e306 — was 'Onverwachte fout' (BigInt of Infinity)", () => {
    for (const bedrag of [1e306, 1e308, -1])
      expect(waarde(() => f.kostenopvang(100, 2023, null, bedrag)).message).toContain("bedragperjaar: ");
    waarde(() => f.kostenopvang(1e308, 2023, null, null));
    expect(waarde(() => f.kostenopvang(100, 1e308, null, null)).message).toContain("1900 t/m 2200");
    expect(f.kostenopvang(200_000, 2023, null, 1_000_000)).toBe(200_000_000_000);
  });

  test("PRIKKEL and OEKRAINE: plaatsen within range", () => {
    waarde(() => f.prikkel(1e308, null, null));
    waarde(() => f.oekraine(1e308, "1-10-2022", "31-10-2022", null));
    waarde(() => f.oekrainedelen(-1e308, "1-10-2022", "31-10-2022", null));
    expect(f.oekraine(200_000, "1-10-2022", "31-10-2022", null)).toBe(200_000 * (14 * 100 + 17 * 83));
  });

  test("empty, text and WAAR for a number", () => {
    expect(waarde(() => f.kostenopvang("", 2023, null, null)).message).toContain(
      "plaatsen: (lege tekst) is geen getal; gebruik een geheel getal van 0 t/m 200.000",
    );
    expect(waarde(() => f.prikkel("veel", null, null)).message).toContain('plaatsen: "veel" is geen getal');
    expect(waarde(() => f.prikkel(true, null, null)).message).toContain("plaatsen: WAAR is geen getal");
    expect(f.prikkel("1.500", null, null)).toBe(1500 * 2_500);
  });

  test("a whole column as gehuisvest is refused by its size, without copying it", () => {
    const kolom = new Array<number[]>(1_048_576).fill([0]);
    expect(waarde(() => f.achterstand("Utrecht", "2024-I", kolom)).message).toContain("maximaal 100");
    const rij = [new Array<number>(16_384).fill(0)];
    expect(waarde(() => f.achterstand("Utrecht", "2024-I", rij)).message).toContain("maximaal 100");
    expect(waarde(() => f.taakstelling(kolom, "2024-I")).message).toContain("één waarde");
  });
});

describe("every numeric parameter is guarded at both bounds by its quantity in GRENZEN", () => {
  test.each(GRENS_PARAMETERS.map((g) => [`${g.functie} ${g.parameter}`, g] as const))("%s", (_naam, g) => {
    const def = FUNCTIES.find((d) => d.id === g.functie)!;
    const fn = def.fn as (...a: unknown[]) => unknown;
    const i = def.parameters.findIndex((p) => p.naam === g.parameter);
    expect(i).toBeGreaterThanOrEqual(0);
    const met = (v: number) => g.args.map((a, j) => (j !== i ? a : def.parameters[i]!.matrix ? [[v]] : v));
    const grens = GRENZEN[g.grootheid];
    const stap = grens.geheel ? 1 : 0.01;
    for (const buiten of [grens.min - stap, grens.max + stap, 1e308, -1e308]) {
      const e = waarde(() => fn(...met(buiten)));
      expect(e.message.startsWith(`${g.parameter}: `)).toBe(true);
      expect(e.message).toContain(bereik(grens));
    }
    // The bounds themselves pass the guard (another rule may still object, as min > max in KLEINSCHALIG).
    for (const binnen of [grens.min, grens.max]) {
      let melding = "";
      try {
        fn(...met(binnen));
      } catch (e) {
        melding = (e as ExcelFout).message;
      }
      expect(melding).not.toContain("is niet toegestaan");
    }
  });
});

describe("the output guard: never a non-finite number", () => {
  test("eindig passes finite numbers and refuses the rest with a Dutch message", () => {
    expect(eindig(388)).toBe(388);
    for (const n of [Infinity, -Infinity, NaN]) {
      let gevangen: unknown;
      try {
        eindig(n);
      } catch (e) {
        gevangen = e;
      }
      expect(gevangen).toBeInstanceOf(OpgaveFout);
      expect((gevangen as OpgaveFout).message).toContain("te groot om te berekenen");
    }
    expect(excelFout(() => werpNietEindig()).code).toBe("#VALUE!");
  });

  test("eindigeTabel checks every number cell and leaves text alone", () => {
    const t = [
      ["Kop", "x"],
      [1, "Infinity"],
    ];
    expect(eindigeTabel(t)).toBe(t);
    expect(() => eindigeTabel([["Kop"], [1], [-Infinity]])).toThrow(OpgaveFout);
  });
});

describe("messages", () => {
  test("#N/A for an unknown national number says so in Dutch (was: '(NIET GEVONDEN)')", () => {
    const e = excelFout(() => f.taakstelling("Utrecht", "2024-II"));
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe(
      "De landelijke taakstelling voor 2024-II is niet bekend (niet gevonden in de beschikbare bronnen); " +
        "Opgave schat hem niet.",
    );
    expect(excelFout(() => f.landelijk("2018-II")).message).toContain(
      "(niet gevonden in de beschikbare bronnen; genoemd: prognose 8.000)",
    );
  });

  test('a gemeente typed as "" is "(lege tekst)", not """"', () => {
    expect(excelFout(() => f.taakstelling('""', "2024-I")).message).toBe(
      "Gemeente (lege tekst) niet gevonden. Controleer de naam of gebruik de CBS-code.",
    );
  });

  test("=Utrecht, @Utrecht, +Utrecht still resolve, and BRON / OPVANGBRON say how the input was read", () => {
    for (const invoer of ["=Utrecht", "@Utrecht", "+Utrecht"]) {
      expect(f.taakstelling(invoer, "2024-I")).toBe(388);
      const tekst = f.bron(invoer, "2024-I");
      expect(tekst).toMatch(/^Utrecht 2024-I: 388,/);
      expect(tekst.endsWith(`; invoer "${invoer}" gelezen als Utrecht`)).toBe(true);
    }
    expect(f.bron("Utrecht", "2024-I")).not.toContain("gelezen als");
    expect(f.bron("GM0344", "2024-I")).not.toContain("gelezen als");
    expect(f.opvangbron("=Zeist", null, null)).toMatch(/^Zeist, .*; invoer "=Zeist" gelezen als Zeist$/);
  });

  test("a pasted page as gemeente: a short message that still says what to do", () => {
    const e = excelFout(() => f.taakstelling("x".repeat(100_000), "2024-I"));
    expect(e.message.length).toBeLessThanOrEqual(250);
    expect(e.message).toContain("Controleer de naam");
  });
});
