import { execFileSync, spawn, spawnSync } from "child_process";
import { existsSync, promises as fs } from "fs";
import os from "os";
import path from "path";
import { main } from "../../src/cli/main";
import { bereikWaarde, celWaarde } from "../../src/cli/excelWaarden";

const root = path.resolve(__dirname, "../..");
const bin = path.join(root, "bin/opgave.js");

/** Runs the real command, as a user would after `npm ci`. */
function opgave(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

beforeAll(() => {
  // The package's prepare script builds dist-cli on `npm ci`; rebuild so the test sees the current source.
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.cli.json"],
    { cwd: root },
  );
}, 120_000);

describe("opgave fn (the real bin)", () => {
  test("TAAKSTELLING Utrecht 2024-I prints 388 and exits 0", () => {
    expect(opgave("fn", "TAAKSTELLING", "Utrecht", "2024-I")).toEqual({ code: 0, out: "388", err: "" });
    expect(opgave("fn", "opgave.taakstelling", "GM0344", "eerste helft 2024").out).toBe("388");
  });

  test("errors print #N/A / #VALUE! with the Dutch message and exit 1", () => {
    const na = opgave("fn", "TAAKSTELLING", "Utrecht", "2024-II");
    expect(na.code).toBe(1);
    expect(na.out).toMatch(/^#N\/A De landelijke taakstelling voor 2024-II is niet bekend/);
    const value = opgave("fn", "TAAKSTELLING", "Utrech", "2024-I");
    expect(value.code).toBe(1);
    expect(value.out).toBe(
      '#VALUE! Gemeente "Utrech" niet gevonden. Bedoelde u: Utrecht, Utrechtse Heuvelrug?',
    );
  });

  test("a range argument and an omitted optional argument", () => {
    const direct = Number(opgave("fn", "TAAKSTELLING", "Utrecht", "2024-I").out);
    expect(opgave("fn", "ACHTERSTAND", "Utrecht", "2024-I", "300").out).toBe(String(direct - 300));
    expect(opgave("fn", "ACHTERSTAND", "Utrecht", "2024-I", "300", "-10").out).toBe(String(direct - 310));
    expect(opgave("fn", "ACHTERSTAND", "Utrecht", "2024-I", "{100;200;300}").code).toBe(0);
  });

  test("a table prints as CSV (optionally with ; for Dutch Excel)", () => {
    const r = opgave("fn", "GEMEENTEN", "2024-I");
    const regels = r.out.split("\n");
    expect(regels).toHaveLength(343);
    expect(regels[0]).toBe("Code,Gemeente,Provincie,Inwoners 1-1-2023,Taakstelling 2024-I");
    expect(regels).toContain('GM0820,"Nuenen, Gerwen en Nederwetten",Noord-Brabant,24015,26');
    const nl = opgave("fn", "GEMEENTEN", "2024-I", "Utrecht", "--scheiding", ";");
    expect(nl.out.split("\n")[0]).toBe("Code;Gemeente;Provincie;Inwoners 1-1-2023;Taakstelling 2024-I");
  });

  test("the opvang and cost functions work the same way", () => {
    expect(opgave("fn", "OPVANG", "Utrecht", "amv", "96000")).toEqual({ code: 0, out: "169", err: "" });
    expect(opgave("fn", "OPVANG", "Zeist", "", "88000").out).toMatch(/^#N\/A /);
    expect(opgave("fn", "KLEINSCHALIG", "300").out.split("\n")[1]).toBe(
      "2,150,300,0,ja,9520000,400000,1500000",
    );
    expect(opgave("fn", "OEKRAINE", "10", "1-10-2022", "31-10-2022").out).toBe("28110");
    expect(opgave("fn", "KOSTENOPVANG", "100", "2024").code).toBe(1);
  });

  test("usage errors exit 2", () => {
    expect(opgave("fn", "BESTAATNIET").code).toBe(2);
    expect(opgave("fn", "BESTAATNIET").err).toContain("TAAKSTELLING");
    expect(opgave("onzin").code).toBe(2);
    expect(opgave("--help").code).toBe(0);
    // (A later optional parameter may follow: new ones are only ever added at the end.)
    expect(opgave("functies").out).toContain(
      "OPGAVE.ACHTERSTAND(gemeente; periode; gehuisvest; [beginsaldo]",
    );
  });

  test("a typo or a function used as a command gets a suggestion; nothing is computed", () => {
    const functieAlsOpdracht = opgave("taakstelling", "Den Bosch", "2024-I");
    expect(functieAlsOpdracht).toEqual({
      code: 2,
      out: "",
      err: 'Onbekende opdracht "taakstelling". Bedoelde u: opgave fn TAAKSTELLING "Den Bosch" 2024-I?',
    });
    expect(opgave("OPGAVE.INWONERS", "'s-Hertogenbosch").err).toBe(
      'Onbekende opdracht "OPGAVE.INWONERS". Bedoelde u: opgave fn INWONERS "\'s-Hertogenbosch"?',
    );
    const tikfout = opgave("fucnties");
    expect(tikfout.code).toBe(2);
    expect(tikfout.err.split("\n")[0]).toBe('Onbekende opdracht "fucnties". Bedoelde u: opgave functies?');
    expect(tikfout.err).toContain("Gebruik:");
    expect(opgave("fn", "TAAKSTELING", "Utrecht", "2024-I")).toEqual({
      code: 2,
      out: "",
      err: "Onbekende functie TAAKSTELING. Bedoelde u: TAAKSTELLING? Alle functies: opgave functies.",
    });
    // Nothing close: every function is named.
    expect(opgave("fn", "XYZQW").err).toMatch(
      /^Onbekende functie XYZQW\. Beschikbaar: TAAKSTELLING, .*OEKRAINECIJFERS\.$/,
    );
    expect(opgave("onzin").err.split("\n")[0]).toBe('Onbekende opdracht "onzin".');
  });
});

/**
 * Runs the real command with its stdout read by a reader that goes away: after the first line (`opgave … | head
 * -1`), or at once (`| head -0`, so the very first write meets a closed pipe).
 */
function metGeslotenPijp(
  args: readonly string[],
  na: "eersteRegel" | "direct",
): Promise<{ code: number | null; signaal: string | null; err: string; eerste: string }> {
  return new Promise((klaar) => {
    const c = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    let uit = "";
    c.stderr.on("data", (d: Buffer) => (err += d.toString()));
    if (na === "direct") c.stdout.destroy();
    else
      c.stdout.on("data", (d: Buffer) => {
        uit += d.toString();
        if (uit.includes("\n")) c.stdout.destroy();
      });
    c.on("close", (code, signaal) => klaar({ code, signaal, err, eerste: uit.split("\n")[0] ?? "" }));
  });
}

describe("opgave --versie (the real bin)", () => {
  test("Opgave's version (package.json) and the embedded dataset's, in one line, exit 0", async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(root, "package.json"), "utf8")) as { version: string };
    const dataset = opgave("fn", "DATASET").out;
    expect(dataset).toMatch(/^\S+ \S+ \(\d{4}-\d{2}-\d{2}\)$/);
    const [id, versie, datum] = dataset.replace(/[()]/g, "").split(" ");
    const verwacht = `opgave ${pkg.version}, ingebouwde gegevens ${id} ${versie} (stand ${datum})`;
    for (const woord of ["--versie", "--version", "versie", "-V"])
      expect({ woord, ...opgave(woord) }).toEqual({ woord, code: 0, out: verwacht, err: "" });
    // Before: 'Onbekende opdracht "--versie".' and the help, exit 2.
    expect(opgave("versei").err).toMatch(/^Onbekende opdracht "versei"\. Bedoelde u: opgave versie\?/);
    expect(opgave("--help").out).toContain("opgave --versie");
  });
});

describe("output to a closed pipe (opgave … | head): quiet, the run completes", () => {
  let map: string;
  beforeAll(async () => {
    map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-pijp-"));
  });
  afterAll(async () => {
    if (map) await fs.rm(map, { recursive: true, force: true });
  });
  const geenStapel = (err: string) => {
    expect(err).not.toMatch(/EPIPE|Error|^\s+at /m);
  };

  test("opgave vul | head -0: no stack trace, the workbook is written, exit 0", async () => {
    const doel = path.join(map, "zeist.xlsx");
    const r = await metGeslotenPijp(["vul", "--gemeente", "Zeist", "--uit", doel], "direct");
    geenStapel(r.err);
    expect(r.err).toBe("");
    expect([r.code, r.signaal]).toEqual([0, null]);
    expect(existsSync(doel)).toBe(true);
  });

  test("opgave consolideer | head -1: no stack trace, the overview is still written, the exit code stands", async () => {
    const gemeente = path.join(map, "houten.xlsx");
    expect(opgave("vul", "--gemeente", "Houten", "--uit", gemeente).code).toBe(0);
    const doel = path.join(map, "overzicht.xlsx");
    const r = await metGeslotenPijp(["consolideer", gemeente, "--uit", doel], "eersteRegel");
    expect(r.eerste).toBe("Bestanden:");
    geenStapel(r.err);
    expect(r.err).toBe("");
    expect([r.code, r.signaal]).toEqual([0, null]);
    expect(existsSync(doel)).toBe(true);
  });

  test("opgave fn with a long table | head -1: the first line, then quietly done", async () => {
    const r = await metGeslotenPijp(["fn", "GEMEENTEN", "2024-I"], "eersteRegel");
    expect(r.eerste).toBe("Code,Gemeente,Provincie,Inwoners 1-1-2023,Taakstelling 2024-I");
    geenStapel(r.err);
    expect(r.code).toBe(0);
  });
});

describe("CLI words → Excel values", () => {
  test("numbers become numbers, codes with leading zeros stay text", () => {
    expect(celWaarde("42")).toBe(42);
    expect(celWaarde("-3")).toBe(-3);
    expect(celWaarde("0363")).toBe("0363");
    expect(celWaarde("2024-I")).toBe("2024-I");
    expect(bereikWaarde("1;2;3")).toEqual([[1], [2], [3]]);
    expect(bereikWaarde("{1;2}")).toEqual([[1], [2]]);
    expect(bereikWaarde("7")).toEqual([[7]]);
  });

  test("main() returns the exit code and writes to the given output", () => {
    const out: string[] = [];
    expect(main(["fn", "LANDELIJK", "2023-II"], { out: (t) => out.push(t), err: (t) => out.push(t) })).toBe(
      0,
    );
    expect(out).toEqual(["17600"]);
  });
});
