/**
 * Arguments of every `opgave` command go through node:util parseArgs (src/cli/argumenten.ts): an unknown option
 * is a wrong call on each command (exit 2, Dutch reason first, then the usage), a missing value likewise, and
 * `opgave fn` keeps arguments that start with "-" (negative numbers) as function arguments.
 */
import { mainAsync, type Uitvoer } from "../../src/cli/main";
import { ArgumentFout, ontleed, ontleedVrij } from "../../src/cli/argumenten";

jest.setTimeout(60_000);

async function opgave(...args: string[]) {
  const uit: string[] = [];
  const fout: string[] = [];
  const u: Uitvoer = { out: (t) => uit.push(t), err: (t) => fout.push(t) };
  const code = await mainAsync(args, u);
  return { code, out: uit.join("\n"), err: fout.join("\n") };
}

describe("an unknown option: exit 2 with a Dutch message, on every command", () => {
  test.each([
    [["fn", "TAAKSTELLING", "Utrecht", "2024-I", "--onbekend"], "opgave fn NAAM"],
    [["fn", "--onbekend=1", "TAAKSTELLING", "Utrecht", "2024-I"], "opgave fn NAAM"],
    [["vul", "--gemeente", "Utrecht", "--uit", "x.xlsx", "--onbekend"], "opgave vul --gemeente NAAM"],
    [["consolideer", "map", "--uit", "x.xlsx", "--onbekend"], "opgave consolideer BESTAND.xlsx..."],
    [["bundel", "maak", "--uit", "map", "--onbekend"], "opgave bundel maak --uit MAP"],
    [["bundel", "sleutel", "--uit", "map", "--onbekend"], "opgave bundel sleutel"],
    [["bundel", "controleer", "bundel.json", "--onbekend"], "opgave bundel controleer"],
  ])("%j", async (args, gebruik) => {
    const r = await opgave(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/^Onbekende optie "--onbekend"\.\n\n/);
    expect(r.err).toContain(gebruik);
  });

  test("a missing value and a stray argument are wrong calls too", async () => {
    const vul = await opgave("vul", "--gemeente", "Utrecht", "--uit");
    expect(vul.code).toBe(2);
    expect(vul.err).toMatch(/^Optie --uit heeft een waarde nodig\./);
    const extra = await opgave("vul", "--gemeente", "Utrecht", "--uit", "x.xlsx", "extra");
    expect(extra.code).toBe(2);
    expect(extra.err).toMatch(/^Onverwacht argument "extra"\./);
    const cons = await opgave("consolideer", "map", "--provincie");
    expect(cons.code).toBe(2);
    expect(cons.err).toMatch(/^Optie --provincie heeft een waarde nodig\./);
    const vlag = await opgave("vul", "--gemeente", "Utrecht", "--uit", "x.xlsx", "--bevestig-verlies=ja");
    expect(vlag.code).toBe(2);
    expect(vlag.err).toMatch(/^Optie --bevestig-verlies heeft geen waarde\./);
  });
});

describe("opgave fn: arguments that start with a dash", () => {
  test("negative numbers stay function arguments", async () => {
    const zonder = Number((await opgave("fn", "ACHTERSTAND", "Utrecht", "2024-I", "300")).out);
    expect(await opgave("fn", "ACHTERSTAND", "Utrecht", "2024-I", "300", "-10")).toEqual({
      code: 0,
      out: String(zonder - 10),
      err: "",
    });
    expect((await opgave("fn", "ACHTERSTAND", "Utrecht", "2024-I", "300", "-1.5e1")).code).toBe(0);
  });

  test("--scheiding anywhere, also as --scheiding=;", async () => {
    const a = await opgave("fn", "--scheiding", ";", "GEMEENTEN", "2024-I");
    const b = await opgave("fn", "GEMEENTEN", "2024-I", "--scheiding=;");
    expect(a.out.split("\n")[0]).toBe("Code;Gemeente;Provincie;Inwoners 1-1-2023;Taakstelling 2024-I");
    expect(b.out).toBe(a.out);
  });

  test("ontleedVrij keeps words in order; after -- everything is a plain argument", () => {
    expect(
      ontleedVrij(["X", "-10", "-1;2", "-", "--scheiding", ";", "y", "--", "--z"], {
        scheiding: { type: "string" },
      }),
    ).toEqual({ values: { scheiding: ";" }, positionals: ["X", "-10", "-1;2", "-", "y", "--z"] });
    expect(ontleedVrij(["X", "--scheiding"], { scheiding: { type: "string" } })).toEqual({
      values: { scheiding: undefined },
      positionals: ["X"],
    });
    expect(() => ontleedVrij(["X", "--foo"], { scheiding: { type: "string" } })).toThrow(
      new ArgumentFout('Onbekende optie "--foo".'),
    );
  });

  test("ontleed (strict) puts parseArgs's objections in Dutch", () => {
    const opties = { uit: { type: "string" }, forceer: { type: "boolean" } } as const;
    expect(ontleed(["--uit=a", "b"], opties)).toMatchObject({ values: { uit: "a" }, positionals: ["b"] });
    expect(() => ontleed(["-x"], opties)).toThrow('Onbekende optie "-x".');
    expect(() => ontleed(["--uit"], opties)).toThrow("Optie --uit heeft een waarde nodig.");
    expect(() => ontleed(["--uit", "--forceer"], opties)).toThrow("Optie --uit heeft een waarde nodig.");
    expect(() => ontleed(["--forceer=1"], opties)).toThrow("Optie --forceer heeft geen waarde.");
  });

  test("a negative number after a string option is its value (the command judges it), not an option of its own", () => {
    const opties = { drempel: { type: "string" }, forceer: { type: "boolean" } } as const;
    // Before: "Optie --drempel heeft een waarde nodig."
    expect(ontleed(["--drempel", "-1", "x"], opties)).toMatchObject({
      values: { drempel: "-1" },
      positionals: ["x"],
    });
    expect(ontleed(["--drempel", "-0,5"], opties).values.drempel).toBe("-0,5");
    // Not after a boolean option, nor a word that is no number.
    expect(() => ontleed(["--forceer", "-1"], opties)).toThrow('Onbekende optie "-1".');
    expect(() => ontleed(["--drempel", "-x"], opties)).toThrow("Optie --drempel heeft een waarde nodig.");
  });
});

describe("an option given twice with different values: a wrong call, not the last one taken", () => {
  test.each([
    [
      ["vul", "--gemeente", "Zeist", "--gemeente", "Soest", "--uit", "x.xlsx"],
      "gemeente",
      '"Zeist" en "Soest"',
    ],
    [["vul", "--gemeente", "Zeist", "--uit", "a.xlsx", "--uit=b.xlsx"], "uit", '"a.xlsx" en "b.xlsx"'],
    [
      ["consolideer", "map", "--uit", "x.xlsx", "--provincie", "Utrecht", "--provincie", "Gelderland"],
      "provincie",
      '"Utrecht" en "Gelderland"',
    ],
    [["fn", "GEMEENTEN", "--scheiding", ";", "--scheiding", ","], "scheiding", '";" en ","'],
  ])("%j", async (args, naam, waarden) => {
    const r = await opgave(...args);
    // Before: exit 0, and `opgave vul` filled Soest (parseArgs keeps the last).
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(
      new RegExp(`^Optie --${naam} is meer dan eens opgegeven, met verschillende waarden \\(`),
    );
    expect(r.err).toContain(`(${waarden}); geef haar één keer op.`);
  });

  test("the same value twice is harmless; a list option may repeat", () => {
    expect(
      ontleed(["--gemeente", "Zeist", "--gemeente=Zeist"], { gemeente: { type: "string" } }).values,
    ).toEqual({
      gemeente: "Zeist",
    });
    expect(ontleed(["--map", "a", "--map", "b"], { map: { type: "string", multiple: true } }).values).toEqual(
      { map: ["a", "b"] },
    );
    expect(() =>
      ontleedVrij(["--scheiding", ";", "--scheiding", ","], { scheiding: { type: "string" } }),
    ).toThrow(ArgumentFout);
  });
});
