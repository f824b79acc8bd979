/**
 * Property test over every registered custom function (src/functions/registry.ts), called exactly as Excel calls
 * it, with what Excel can pass — numbers up to ±1e308, zero, negatives, fractions, date serials, text of any
 * kind (also "=Utrecht", `""` and a pasted page), empty cells, booleans, 1×1 and n×m ranges — plus the NaN and
 * ±Infinity Excel never passes. Every answer must be exactly one of:
 *   - a finite number, a string that cannot be taken for a formula, a boolean, or a table of those (a table
 *     cell may also be an Excel error);
 *   - a thrown #VALUE! or #N/A with a Dutch message: no "onverwachte fout", no raw source marker, no JavaScript
 *     words (NaN, Infinity, undefined, true), no `""""`.
 */
import fc from "fast-check";
import { ExcelFout } from "../../src/functions/excelFout";
import { FUNCTIES, type Parameter } from "../../src/functions/registry";

const BIJZONDERE_GETALLEN = [
  1e308,
  -1e308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1e306,
  -1e306,
  1e16,
  2 ** 53 + 2,
  Number.MIN_VALUE,
  -0,
  0,
  1,
  -1,
  0.5,
  -2.5,
  12.75,
  100,
  300,
  1000,
  60,
  61,
  344,
  2022,
  2023,
  2024,
  1900,
  2200,
  2201,
  9999,
  10_000,
  96_000,
  88_000,
  100_000,
  100_001,
  200_000,
  200_001,
  1_000_000,
  1_000_001,
  100_000_000,
  44_835, // 1-10-2022
  44_865, // 31-10-2022
  45_383, // 1-4-2024
  2_958_465, // 31-12-9999
  2_958_466,
];

const getallen = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...BIJZONDERE_GETALLEN) },
  { weight: 2, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.double({ min: -3e6, max: 3e6, noNaN: true }) },
);

const TEKSTEN = [
  "Utrecht",
  "utrecht",
  "=Utrecht",
  "@Utrecht",
  "+Utrecht",
  "-Utrecht",
  '"Utrecht"',
  '""',
  "''",
  "",
  "   ",
  "GM0344",
  "344",
  "0344",
  "Zeist",
  "Bergen",
  "Weesp",
  "'s-Hertogenbosch",
  "2024-I",
  "2023-II",
  "2024-II",
  "2027-I",
  "2022-II",
  "Voorne aan Zee",
  "Het Hogeland",
  "benodigde plekken",
  "2016-I",
  "2018-II",
  "2025-I",
  "1-10-2022",
  "31-10-2022",
  "2024-03-15",
  "31-2-2024",
  "amv",
  "totaal",
  "96000",
  "96.000",
  "verdeelbesluit",
  "regulier",
  "nood",
  "landelijk",
  "provinciaal",
  "aanwijzing",
  "ja",
  "nee",
  "GOO",
  "POO",
  "Gelderland",
  "PV26",
  "1e308",
  "-1e308",
  "1.000.000",
  "1,5",
  "-5",
  "Infinity",
  "NaN",
  "=1+1",
  "@SUM(A1)",
  "#N/A",
  "9".repeat(400),
  "x".repeat(100_000),
];

const teksten = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...TEKSTEN) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
);

/** What one cell can hold; NaN and ±Infinity are not from Excel, but the guard must hold for them too. */
const cel = fc.oneof(
  { weight: 5, arbitrary: getallen },
  { weight: 5, arbitrary: teksten },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity) },
);

/** An n×m range (rectangular, as Excel passes it). */
const bereik = fc
  .integer({ min: 1, max: 4 })
  .chain((breedte) =>
    fc.array(fc.array(cel, { minLength: breedte, maxLength: breedte }), { minLength: 1, maxLength: 6 }),
  );

/** Realistic values per parameter name, so the deep paths (valid gemeente, bad number) are reached too. */
const WAARSCHIJNLIJK: Record<string, fc.Arbitrary<unknown>> = {
  gemeente: fc.constantFrom(
    "Utrecht",
    "=Utrecht",
    "@Zeist",
    344,
    "GM0363",
    "Weesp",
    "Amsterdam",
    '""',
    "Voorne aan Zee",
    "Het Hogeland",
  ),
  periode: fc.constantFrom("2024-I", "2023-II", "2023-I", "2024-II", 45_383, "2022-1", "2022-II", "2027-I"),
  provincie: fc.constantFrom("Utrecht", "Gelderland", "PV28", "Fryslân"),
  peildatum: fc.constantFrom(2023, 2024, 1e308, "1-1-2023", 45_383),
  gehuisvest: fc.oneof(getallen, fc.constantFrom(0, 100, 1e308, -1e308, 0.5)),
  beginsaldo: fc.oneof(getallen, fc.constantFrom(-10, 10, 1e308, -1e308)),
  landelijk: fc.oneof(getallen, fc.constantFrom(88_000, 1e308, -1e308, 0)),
  plaatsen: fc.oneof(getallen, fc.constantFrom(300, 1e308, -1e308, 0, 1e306)),
  jaar: fc.constantFrom(2023, 2022, 2025, 1e308, -1e308, 2023.5),
  bedragperjaar: fc.oneof(getallen, fc.constantFrom(35_000, 1e306, 1e308, -1)),
  vastekosten: fc.oneof(getallen, fc.constantFrom(0, -200_000, 1e308, -1e308)),
  minimum: fc.oneof(getallen, fc.constantFrom(null, 1, 50, 1e308)),
  maximum: fc.oneof(getallen, fc.constantFrom(null, 200, 1e308)),
  maxlocaties: fc.oneof(getallen, fc.constantFrom(null, 3, 1e308)),
  van: fc.constantFrom("1-10-2022", 44_835, "1-1-2024", 1e308, -1e308),
  tot: fc.constantFrom("31-10-2022", 44_865, "31-12-2024", 1e308),
  soort: fc.constantFrom(null, "amv", "totaal", "nood", "GOO", "POO"),
  besluit: fc.constantFrom(null, "96000", 96_000, "verdeelbesluit"),
  fase: fc.constantFrom(null, "landelijk", "aanwijzing"),
  duurzaam: fc.constantFrom(null, "ja", true, 0),
  datum: fc.constantFrom(null, "1-3-2024", 45_352, "2021-01-01", "31-2-2024", 1e308, -1),
  indicator: fc.constantFrom(
    null,
    "benodigde plekken",
    "Gevraagd",
    "in gebruik",
    "=x",
    75_000,
    "x".repeat(300),
  ),
};

function argument(p: Parameter): fc.Arbitrary<unknown> {
  const waarschijnlijk = WAARSCHIJNLIJK[p.naam] ?? cel;
  if (p.matrix) {
    return fc.oneof(
      waarschijnlijk.map((v) => [[v]]),
      fc.array(waarschijnlijk, { minLength: 1, maxLength: 8 }).map((k) => k.map((v) => [v])),
      bereik,
      cel,
    );
  }
  return fc.oneof(
    { weight: 3, arbitrary: waarschijnlijk },
    { weight: 3, arbitrary: cel },
    { weight: 1, arbitrary: bereik },
  );
}

/** Every text in the arguments (a message may repeat what the user typed, "NaN" included). */
function invoerTeksten(args: readonly unknown[]): string {
  return args
    .flat(2)
    .filter((a) => typeof a === "string")
    .join("\n");
}

/** Why a message is not an acceptable Dutch message, or null. `invoer`: the user's texts. */
function bezwaarTegenMelding(melding: string, invoer = ""): string | null {
  if (melding.trim() === "") return "lege melding";
  if (melding.length > 250) return "melding langer dan 250 tekens";
  if (/onverwachte fout/i.test(melding)) return "onverwachte fout";
  if (/NIET GEVONDEN|ONZEKER|STRIJDIG|AFGELEID/.test(melding)) return "ruwe bronmarkering";
  if (melding.includes('""""')) return 'lege tekst als """"';
  const js = /\b(NaN|Infinity|undefined|null|true|false)\b|\[object /.exec(melding);
  if (js && !invoer.includes(js[0])) return "JavaScript in melding";
  return null;
}

/** Why `v` is not an acceptable result (`pad`: where in a table), or null. */
function bezwaarTegenWaarde(v: unknown, pad = "", invoer = ""): string | null {
  if (typeof v === "number") return Number.isFinite(v) ? null : `niet-eindig getal ${v}${pad}`;
  if (typeof v === "string") return /^[=+\-@]/.test(v) ? `tekst die een formule lijkt: ${v}${pad}` : null;
  if (typeof v === "boolean") return null;
  if (v instanceof ExcelFout) {
    const b = bezwaarTegenMelding(v.message, invoer);
    return b === null ? null : `${b}${pad}: ${v.message}`;
  }
  if (Array.isArray(v)) {
    for (let r = 0; r < v.length; r++) {
      const rij: unknown = v[r];
      if (!Array.isArray(rij)) return `tabelrij ${r} is geen rij`;
      for (let k = 0; k < rij.length; k++) {
        const b = bezwaarTegenWaarde(rij[k], ` (rij ${r}, kolom ${k})`, invoer);
        if (b !== null) return b;
      }
    }
    return null;
  }
  return `onverwacht soort uitkomst: ${String(v)}${pad}`;
}

function bezwaarTegenAanroep(fn: (...a: unknown[]) => unknown, args: readonly unknown[]): string | null {
  let uitkomst: unknown;
  try {
    uitkomst = fn(...args);
  } catch (e) {
    if (!(e instanceof ExcelFout)) return `geen Excel-fout gegooid: ${String(e)}`;
    if (e.code !== "#VALUE!" && e.code !== "#N/A") return `foutcode ${e.code}`;
    const b = bezwaarTegenMelding(e.message, invoerTeksten(args));
    return b === null ? null : `${b}: ${e.message}`;
  }
  return bezwaarTegenWaarde(uitkomst, "", invoerTeksten(args));
}

describe("every function answers a finite value or a clear Dutch #VALUE!/#N/A, for anything Excel passes", () => {
  test.each(FUNCTIES.map((d) => [d.id, d] as const))("%s", (_id, def) => {
    const fn = def.fn as (...a: unknown[]) => unknown;
    fc.assert(
      fc.property(fc.tuple(...def.parameters.map(argument)), (args) => {
        const bezwaar = bezwaarTegenAanroep(fn, args);
        if (bezwaar !== null) throw new Error(bezwaar);
      }),
      { numRuns: def.parameters.length === 0 ? 5 : 300 },
    );
  });
});

describe("the checker itself", () => {
  // The property above is only as good as its judge: it must reject what the issue found.
  test("rejects Infinity, NaN, an unexpected error, a raw marker and formula-like text", () => {
    expect(bezwaarTegenWaarde(Infinity)).toMatch(/niet-eindig/);
    expect(bezwaarTegenWaarde([[1, NaN]])).toMatch(/niet-eindig.*kolom 1/);
    expect(bezwaarTegenWaarde("=Utrecht")).toMatch(/formule/);
    expect(bezwaarTegenMelding("Onverwachte fout in Opgave: x. Meld dit aan de beheerder.")).not.toBeNull();
    expect(bezwaarTegenMelding("… is niet bekend (NIET GEVONDEN); …")).not.toBeNull();
    expect(bezwaarTegenMelding('Gemeente """" niet gevonden.')).not.toBeNull();
    expect(bezwaarTegenAanroep(() => 1e308 * 10, [])).toMatch(/niet-eindig/);
    expect(
      bezwaarTegenAanroep(() => {
        throw new RangeError("Maximum call stack size exceeded");
      }, []),
    ).toMatch(/geen Excel-fout/);
    expect(bezwaarTegenWaarde(388)).toBeNull();
    expect(bezwaarTegenWaarde([["Code", 1, new ExcelFout("#N/A", "Inwonertal onbekend.")]])).toBeNull();
  });
});
