/**
 * `opgave fn`: the number of arguments is checked (Excel does this itself; the CLI must not ignore an extra word),
 * and a number outside its range is a Dutch #VALUE! with exit code 1, never a stack trace.
 */
import { execFileSync, spawnSync } from "child_process";
import path from "path";
import { celTekst, main, type Uitvoer } from "../../src/cli/main";
import { celWaarde } from "../../src/cli/excelWaarden";
import { FUNCTIES } from "../../src/functions/registry";

const root = path.resolve(__dirname, "../..");

function opgave(...args: string[]) {
  const uit: string[] = [];
  const fout: string[] = [];
  const u: Uitvoer = { out: (t) => uit.push(t), err: (t) => fout.push(t) };
  const code = main(args, u);
  return { code, out: uit.join("\n"), err: fout.join("\n") };
}

describe("opgave fn: help, and no function named", () => {
  test("fn --help: the help, exit 0; fn NAAM --help: its parameters and how to call it", () => {
    // Before: 'Onbekende optie "--help".' and the help, exit 2 (as vul --help and consolideer --help are not).
    const hulp = opgave("fn", "--help");
    expect([hulp.code, hulp.err]).toEqual([0, ""]);
    expect(hulp.out).toContain("opgave fn NAAM [ARG...]");
    expect(opgave("fn", "taakstelling", "-h")).toEqual({
      code: 0,
      out:
        "OPGAVE.TAAKSTELLING(gemeente; periode; [landelijk])\n" +
        'Aanroep: opgave fn TAAKSTELLING GEMEENTE PERIODE [LANDELIJK] (wat tussen [ ] staat, mag weg; "" is een ' +
        "lege cel). Meer: opgave --help.",
      err: "",
    });
  });

  test("fn alone: what to type, exit 2 (was 'Onbekende functie (geen)' and all 26 names)", () => {
    expect(opgave("fn")).toEqual({
      code: 2,
      out: "",
      err:
        "Geef de naam van een functie op: opgave fn NAAM [ARG...], bijvoorbeeld opgave fn TAAKSTELLING Utrecht " +
        "2024-I. Alle functies: opgave functies.",
    });
  });
});

describe("opgave fn: arity", () => {
  test("TAAKSTELLING Utrecht 2024-I 40000 extra: exit 2, a Dutch reason naming the parameters, no answer", () => {
    expect(opgave("fn", "TAAKSTELLING", "Utrecht", "2024-I", "40000", "extra")).toEqual({
      code: 2,
      out: "",
      err:
        "Te veel argumenten: OPGAVE.TAAKSTELLING(gemeente; periode; [landelijk]) heeft 3 parameters, er zijn 4 " +
        "argumenten " +
        "gegeven. Laat de extra waarde weg.",
    });
  });

  test("for every function: one word too many is exit 2; all parameters given is not", () => {
    for (const d of FUNCTIES) {
      const n = d.parameters.length;
      const teVeel = opgave("fn", d.id, ...Array.from({ length: n + 1 }, () => "1"));
      expect([d.id, teVeel.code, teVeel.out]).toEqual([d.id, 2, ""]);
      expect(teVeel.err).toContain(
        `heeft ${n === 0 ? "geen parameters" : n === 1 ? "1 parameter" : `${n} parameters`}`,
      );
      const precies = opgave("fn", d.id, ...Array.from({ length: n }, () => "1"));
      expect([d.id, precies.code]).not.toEqual([d.id, 2]);
    }
  });

  test("optional parameters may still be left out, and --scheiding is no argument", () => {
    expect(opgave("fn", "ACHTERSTAND", "Utrecht", "2024-I", "300").code).toBe(0);
    expect(opgave("fn", "GEMEENTEN", "2024-I", "Utrecht", "--scheiding", ";").code).toBe(0);
  });
});

describe("opgave fn: numbers", () => {
  test("a word reads as a number the way a cell does, 1e308 included", () => {
    expect(celWaarde("1e308")).toBe(1e308);
    expect(celWaarde("-1.5e1")).toBe(-15);
    expect(celWaarde("1e309")).toBe("1e309"); // too large for a cell: text, as in Excel
    expect(celWaarde("0363")).toBe("0363");
  });

  test("a thousand written the Dutch way is a thousand, never 1 (as in a cell of Dutch Excel)", () => {
    expect(celWaarde("1.000")).toBe("1.000");
    expect(celWaarde("-12.500")).toBe("-12.500");
    expect(celWaarde("0.5")).toBe(0.5);
    expect(celWaarde("1.25")).toBe(1.25);
    // The functions read that text as Dutch Excel reads the cell: the same answer as 1000.
    for (const [dutch, plain] of [
      [
        ["KLEINSCHALIG", "1.000"],
        ["KLEINSCHALIG", "1000"],
      ],
      [
        ["TAAKSTELLINGSCENARIO", "Utrecht", "9.000"],
        ["TAAKSTELLINGSCENARIO", "Utrecht", "9000"],
      ],
      [
        ["ACHTERSTAND", "Utrecht", "2024-I", "1.000;2.000"],
        ["ACHTERSTAND", "Utrecht", "2024-I", "1000;2000"],
      ],
    ]) {
      const r = opgave("fn", ...(dutch ?? []));
      expect(r.code).toBe(0);
      expect(r).toEqual(opgave("fn", ...(plain ?? [])));
    }
    // Only thousands: with 1 it would be one location of 50 places.
    expect(opgave("fn", "KLEINSCHALIG", "1.000").out.split("\n")[1]).toBe(
      "5,200,1000,0,ja,31400000,1000000,5000000",
    );
  });

  test.each([
    [["OPVANGSCENARIO", "Utrecht", "1e308"], "landelijk: 1E+308 is niet toegestaan"],
    [["VOORSPRONG", "Utrecht", "2024-I", "1e308"], "gehuisvest: 1E+308 is niet toegestaan"],
    [["KOSTENOPVANG", "100", "2023", "", "1e306"], "bedragperjaar: 1E+306 is niet toegestaan"],
    [["KLEINSCHALIG", "300", "", "", "", "-200000"], "vastekosten: -200.000 is niet toegestaan"],
  ])("%j: #VALUE! with the range, exit 1", (args, melding) => {
    const r = opgave("fn", ...args);
    expect(r.code).toBe(1);
    expect(r.out.startsWith(`#VALUE! ${melding}; gebruik `)).toBe(true);
    expect(r.out).toMatch(/ t\/m /);
    expect(r.err).toBe("");
  });

  test("output text that a spreadsheet would read as a formula gets a leading apostrophe; numbers stay", () => {
    expect(celTekst("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(celTekst("@Utrecht")).toBe("'@Utrecht");
    expect(celTekst("+31")).toBe("'+31");
    expect(celTekst(-5)).toBe(-5);
    expect(celTekst("Utrecht")).toBe("Utrecht");
  });
});

describe("the real bin", () => {
  beforeAll(() => {
    execFileSync(
      process.execPath,
      [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.cli.json"],
      { cwd: root },
    );
  }, 120_000);

  function bin(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(root, "bin/opgave.js"), ...args], {
      cwd: root,
      encoding: "utf8",
    });
    return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
  }

  test("extra argument: exit 2; absurd number: exit 1 with the Dutch message; never a stack trace", () => {
    const extra = bin("fn", "TAAKSTELLING", "Utrecht", "2024-I", "40000", "extra");
    expect(extra.code).toBe(2);
    expect(extra.out).toBe("");
    expect(extra.err).toMatch(/^Te veel argumenten: /);
    const absurd = bin("fn", "OPVANGSCENARIO", "Utrecht", "1e308");
    expect(absurd.code).toBe(1);
    expect(absurd.out).toMatch(/^#VALUE! landelijk: 1E\+308 is niet toegestaan/);
    for (const r of [extra, absurd]) expect(`${r.out}\n${r.err}`).not.toMatch(/\n\s+at |onverwachte fout/i);
  });
});
