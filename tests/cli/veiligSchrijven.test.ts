/**
 * Safe writes for every file the CLI writes (src/cli/veiligSchrijven.ts), on real files: the mode is kept, a
 * symbolic link stays a link and its target is updated, a read-only file is refused and untouched (also as
 * root), and a process killed in the middle of a write leaves the original intact and no temporary file behind.
 * Also through `opgave vul`: refusing a read-only workbook without a word written.
 */
import { spawn, spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { mainAsync } from "../../src/cli/main";
import { schrijfFoutTekst, schrijfVeilig, SchrijfFout } from "../../src/cli/veiligSchrijven";

let map: string;
beforeEach(() => {
  map = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-schrijf-"));
});
afterEach(() => fs.rmSync(map, { recursive: true, force: true }));

const bytes = (t: string) => new TextEncoder().encode(t);
const tijdelijke = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"));

/** What a CLI run says, to stdout and stderr. */
function opvang() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, uit: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe("schrijfVeilig", () => {
  test("a new file: written, no temporary file left", async () => {
    const f = path.join(map, "a.txt");
    await schrijfVeilig(f, bytes("nieuw"));
    expect(fs.readFileSync(f, "utf8")).toBe("nieuw");
    expect(tijdelijke(map)).toEqual([]);
  });

  test("the original's mode is kept (0600 stays 0600, 0640 stays 0640)", async () => {
    for (const mode of [0o600, 0o640]) {
      const f = path.join(map, `m${mode.toString(8)}.txt`);
      fs.writeFileSync(f, "oud");
      fs.chmodSync(f, mode);
      await schrijfVeilig(f, bytes("nieuw"));
      expect(fs.statSync(f).mode & 0o777).toBe(mode);
      expect(fs.readFileSync(f, "utf8")).toBe("nieuw");
    }
  });

  test("a symbolic link stays a link; its target gets the new content", async () => {
    const echt = path.join(map, "echt.xlsx");
    const link = path.join(map, "link.xlsx");
    fs.writeFileSync(echt, "oud");
    fs.symlinkSync("echt.xlsx", link);
    await schrijfVeilig(link, bytes("nieuw"));
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(echt, "utf8")).toBe("nieuw");
    expect(tijdelijke(map)).toEqual([]);
  });

  test("a read-only file (0444) is refused with a Dutch message and left untouched", async () => {
    const f = path.join(map, "alleen-lezen.xlsx");
    fs.writeFileSync(f, "oud");
    fs.chmodSync(f, 0o444);
    const voor = fs.statSync(f);
    await expect(schrijfVeilig(f, bytes("nieuw"))).rejects.toThrow(SchrijfFout);
    await expect(schrijfVeilig(f, bytes("nieuw"))).rejects.toThrow(
      /is alleen-lezen; Opgave overschrijft het niet/,
    );
    expect(fs.readFileSync(f, "utf8")).toBe("oud");
    expect(fs.statSync(f).mtimeMs).toBe(voor.mtimeMs);
    expect(tijdelijke(map)).toEqual([]);
  });

  test("killed in the middle of a write: the original is intact and no temporary file is left", async () => {
    const f = path.join(map, "groot.bin");
    fs.writeFileSync(f, "origineel");
    const module = path.resolve(__dirname, "../../src/cli/veiligSchrijven.ts");
    const kind = spawn(
      process.execPath,
      [
        require.resolve("tsx/cli"),
        "-e",
        // (tsx loads the module as CommonJS: its exports arrive under `default`)
        `import("${module}").then((m) => (m.schrijfVeilig ?? m.default.schrijfVeilig)(` +
          `${JSON.stringify(f)}, new Uint8Array(1500 * 1024 * 1024)))`,
      ],
      { stdio: "ignore" },
    );
    // Wait until the temporary file exists and is growing, then stop the process as a user would (Ctrl+C).
    const begin = Date.now();
    while (tijdelijke(map).length === 0 && Date.now() - begin < 30_000)
      await new Promise((r) => setTimeout(r, 5));
    expect(tijdelijke(map)).toHaveLength(1);
    kind.kill("SIGINT");
    const code = await new Promise<number | null>((r) => kind.on("exit", (c, s) => r(c ?? (s ? 130 : null))));
    expect(code).not.toBe(0);
    expect(fs.readFileSync(f, "utf8")).toBe("origineel");
    expect(tijdelijke(map)).toEqual([]);
  }, 60_000);
});

describe("a write that fails is said in Dutch; the original stays and no temporary file is left", () => {
  const fout = (code: string) => Object.assign(new Error(`${code}: iets, rename 'a' -> 'b'`), { code });

  test("the file open in Excel (Windows refuses to replace it), a full disk, anything else", () => {
    const f = path.join("map", "utrecht.xlsx");
    for (const code of ["EPERM", "EACCES", "EBUSY"])
      expect(schrijfFoutTekst(fout(code), f)).toBe(
        `${f} kon niet worden vervangen: het is in gebruik of beveiligd (staat het open in Excel? Sluit het en ` +
          `probeer het opnieuw) (${code}: ${code}: iets, rename 'a' -> 'b').`,
      );
    expect(schrijfFoutTekst(fout("ENOSPC"), f)).toMatch(/^Er is geen ruimte meer op de schijf van map /);
    expect(schrijfFoutTekst(fout("EIO"), f)).toBe(
      `Kan ${f} niet schrijven (EIO: EIO: iets, rename 'a' -> 'b').`,
    );
  });

  test("the rename refused (as Windows does for a file open in Excel): SchrijfFout, original intact", async () => {
    const f = path.join(map, "open-in-excel.xlsx");
    fs.writeFileSync(f, "oud");
    const rename = jest.spyOn(fs.promises, "rename").mockRejectedValueOnce(fout("EBUSY"));
    try {
      await expect(schrijfVeilig(f, bytes("nieuw"))).rejects.toThrow(SchrijfFout);
    } finally {
      rename.mockRestore();
    }
    expect(fs.readFileSync(f, "utf8")).toBe("oud");
    expect(tijdelijke(map)).toEqual([]);
    const out: string[] = [];
    const err: string[] = [];
    const uit = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const xlsx = path.join(map, "utrecht.xlsx");
    const weer = jest.spyOn(fs.promises, "rename").mockRejectedValueOnce(fout("EPERM"));
    try {
      expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", xlsx], uit)).toBe(1);
    } finally {
      weer.mockRestore();
    }
    expect(err.join("\n")).toMatch(
      /kon niet worden vervangen: het is in gebruik of beveiligd .*Het bestand is niet gewijzigd\.$/,
    );
    expect(fs.existsSync(xlsx)).toBe(false);
    expect(tijdelijke(map)).toEqual([]);
  }, 30_000);
});

describe("opgave vul on a read-only workbook", () => {
  test("refused before any work, exit 1, file untouched", async () => {
    const f = path.join(map, "utrecht.xlsx");
    const out: string[] = [];
    const err: string[] = [];
    const uit = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", f], uit)).toBe(0);
    fs.chmodSync(f, 0o444);
    const inhoud = fs.readFileSync(f);
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", f], uit)).toBe(1);
    expect(err.join("\n")).toMatch(
      /alleen-lezen; Opgave overschrijft het niet.*Het bestand is niet gewijzigd\./,
    );
    expect(fs.readFileSync(f)).toEqual(inhoud);
  }, 30_000);
});

describe("a workbook open in Excel or LibreOffice (its lock file beside it): refused before any work", () => {
  test("opgave vul: refused with the program and the lock file named, exit 1, file untouched; once the lock file is gone, refilled", async () => {
    const f = path.join(map, "utrecht.xlsx");
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", f], opvang().uit)).toBe(0);
    const inhoud = fs.readFileSync(f);
    for (const [slot, programma] of [
      ["~$utrecht.xlsx", "Excel"],
      [".~lock.utrecht.xlsx#", "LibreOffice"],
    ] as const) {
      fs.writeFileSync(path.join(map, slot), "gebruiker");
      const o = opvang();
      expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", f], o.uit)).toBe(1);
      expect(o.out).toEqual([]);
      expect(o.err).toEqual([
        `${f} is geopend in ${programma} (het vergrendelbestand ${slot} staat ernaast); Opgave vervangt het niet, ` +
          `want ${programma} zou het oude werkboek blijven tonen en het bij bewaren terugzetten. Sluit het werkboek ` +
          `en probeer het opnieuw. Is ${programma} al gesloten, dan bleef ${slot} achter: verwijder het. ` +
          "Het bestand is niet gewijzigd.",
      ]);
      expect(fs.readFileSync(f)).toEqual(inhoud);
      fs.rmSync(path.join(map, slot));
    }
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", f], opvang().uit)).toBe(0);
    expect(tijdelijke(map)).toEqual([]);
  }, 30_000);

  test("through a symbolic link: the lock file beside the real workbook counts; a new file has none to look for", async () => {
    fs.mkdirSync(path.join(map, "echt"));
    const echt = path.join(map, "echt", "zeist.xlsx");
    expect(await mainAsync(["vul", "--gemeente", "Zeist", "--uit", echt], opvang().uit)).toBe(0);
    const link = path.join(map, "link.xlsx");
    fs.symlinkSync(echt, link);
    fs.writeFileSync(path.join(map, "echt", "~$zeist.xlsx"), "");
    const o = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Zeist", "--uit", link], o.uit)).toBe(1);
    expect(o.err.join("\n")).toContain(
      `${link} is geopend in Excel (het vergrendelbestand ~$zeist.xlsx staat`,
    );
    // A lock file of another name is not this workbook's.
    fs.writeFileSync(path.join(map, "~$utrecht.xlsx"), "");
    expect(
      await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", path.join(map, "u.xlsx")], opvang().uit),
    ).toBe(0);
  }, 30_000);

  test("opgave consolideer --uit an overview open in Excel: said before a workbook is read", async () => {
    expect(
      await mainAsync(["vul", "--gemeente", "Soest", "--uit", path.join(map, "soest.xlsx")], opvang().uit),
    ).toBe(0);
    fs.mkdirSync(path.join(map, "uit"));
    const doel = path.join(map, "uit", "overzicht.xlsx");
    fs.writeFileSync(doel, "oud overzicht");
    fs.writeFileSync(path.join(map, "uit", "~$overzicht.xlsx"), "");
    const c = opvang();
    expect(await mainAsync(["consolideer", map, "--uit", doel], c.uit)).toBe(1);
    expect(c.out).toEqual([]);
    expect(c.err.join("\n")).toMatch(
      /overzicht\.xlsx is geopend in Excel .* Er is niets gelezen; het bestand is niet gewijzigd\.$/,
    );
    expect(fs.readFileSync(doel, "utf8")).toBe("oud overzicht");
  }, 30_000);
});

describe("where the CLI may write: said in Dutch before any work", () => {
  test("schrijfVeilig: a folder that does not exist, or a file where a folder should be", async () => {
    await expect(schrijfVeilig(path.join(map, "nergens", "a.xlsx"), bytes("x"))).rejects.toThrow(
      `De map ${path.join(map, "nergens")} bestaat niet; maak haar eerst aan of kies een andere map.`,
    );
    fs.writeFileSync(path.join(map, "bestand"), "oud");
    await expect(schrijfVeilig(path.join(map, "bestand", "a.xlsx"), bytes("x"))).rejects.toThrow(
      `${path.join(map, "bestand")} is geen map; kies een ander bestand.`,
    );
    expect(fs.readFileSync(path.join(map, "bestand"), "utf8")).toBe("oud");
  });

  test("opgave vul and consolideer write only a .xlsx (any case): another name is a usage error, nothing written", async () => {
    for (const naam of ["utrecht.xlsm", "utrecht.csv", "utrecht"]) {
      const o = opvang();
      expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", path.join(map, naam)], o.uit)).toBe(2);
      expect(o.err[0]).toMatch(/^--uit moet een \.xlsx-bestand zijn \(niet ".*utrecht(\.xlsm|\.csv)?"\)\./);
    }
    expect(fs.readdirSync(map)).toEqual([]);
    const o = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", path.join(map, "U.XLSX")], o.uit)).toBe(
      0,
    );
    const c = opvang();
    expect(await mainAsync(["consolideer", map, "--uit", path.join(map, "o.csv")], c.uit)).toBe(2);
    expect(c.err[0]).toMatch(/^--uit moet een \.xlsx-bestand zijn/);
  }, 30_000);

  test("opgave consolideer into a folder that does not exist: said before a workbook is read", async () => {
    const o = opvang();
    expect(
      await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", path.join(map, "utrecht.xlsx")], o.uit),
    ).toBe(0);
    const c = opvang();
    const doel = path.join(map, "nergens", "overzicht.xlsx");
    expect(await mainAsync(["consolideer", map, "--uit", doel], c.uit)).toBe(1);
    expect(c.out).toEqual([]);
    expect(c.err).toEqual([
      `De map ${path.join(map, "nergens")} bestaat niet; maak haar eerst aan of kies een andere map. ` +
        "Er is niets gelezen; het bestand is niet gewijzigd.",
    ]);
  }, 30_000);
});

describe("a pipe under an .xlsx name (a folder may hold one): refused, never waited on", () => {
  const pijp = (p: string) => {
    const r = spawnSync("mkfifo", [p]);
    if (r.status !== 0) throw new Error(`mkfifo faalde: ${String(r.stderr)}`);
  };

  test("opgave vul --uit a pipe: refused before any work (before, it waited for ever on reading it)", async () => {
    const p = path.join(map, "pijp.xlsx");
    pijp(p);
    const o = opvang();
    expect(await mainAsync(["vul", "--gemeente", "Utrecht", "--uit", p], o.uit)).toBe(1);
    expect(o.err.join("\n")).toBe(
      `${p} is geen gewoon bestand, maar een pijp, socket of apparaat. Het bestand is niet gewijzigd.`,
    );
    expect(fs.statSync(p).isFIFO()).toBe(true);
  }, 30_000);

  test("opgave consolideer on a folder with a pipe among the workbooks: it is named unreadable, the rest read; a lock file of Excel named for what it is", async () => {
    const o = opvang();
    expect(
      await mainAsync(["vul", "--gemeente", "Soest", "--uit", path.join(map, "soest.xlsx")], o.uit),
    ).toBe(0);
    pijp(path.join(map, "pijp.xlsx"));
    fs.mkdirSync(path.join(map, "map.xlsx"));
    const c = opvang();
    const status = await mainAsync(
      ["consolideer", map, "--uit", path.join(map, "uit", "..", "o.xlsx")],
      c.uit,
    );
    // Written, but not every file used (exit 3), and the list says why.
    expect(status).toBe(3);
    const tekst = [...c.out, ...c.err].join("\n");
    expect(tekst).toContain("pijp.xlsx");
    expect(tekst).toContain("geen gewoon bestand, maar een pijp, socket of apparaat");
    expect(tekst).toMatch(/map\.xlsx:\n.*\(een map\)/);
    expect(tekst).toMatch(/soest\.xlsx \(Soest\)/);
    // Excel's lock file named on its own: said what it is (before: "geen zip-archief").
    fs.writeFileSync(path.join(map, "~$soest.xlsx"), "xJan Jansen");
    const slot = opvang();
    await mainAsync(
      ["consolideer", path.join(map, "~$soest.xlsx"), "--uit", path.join(map, "o2.xlsx")],
      slot.uit,
    );
    expect([...slot.out, ...slot.err].join("\n")).toContain(
      "een vergrendelbestand van Excel, geen werkboek: het werkboek zelf (zonder ~$) is geopend in Excel; geef dat op",
    );
  }, 60_000);
});
