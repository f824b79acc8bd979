/**
 * `opgave consolideer` through `mainAsync` (the entry point bin/opgave.js calls): exit codes, the Dutch report,
 * a folder as input (the overview in the same folder is not read back), refill in place, and the guards
 * (another workbook as --uit, nothing usable).
 */
import ExcelJS from "exceljs";
import { existsSync, promises as fs } from "fs";
import os from "os";
import path from "path";
import { main, mainAsync, type Uitvoer } from "../../src/cli/main";
import { vul } from "../../src/cli/vul";
import { celWaarde } from "../../src/workbook/xlsxWriter";
import { zetResultaten } from "../../src/workbook/xlsxResultaten";

jest.setTimeout(60_000);

function vang(): Uitvoer & { uit: string[]; fout: string[] } {
  const uit: string[] = [];
  const fout: string[] = [];
  return { uit, fout, out: (t) => uit.push(t), err: (t) => fout.push(t) };
}

async function opgave(...args: string[]) {
  const u = vang();
  const code = await mainAsync(["consolideer", ...args], u);
  return { code, out: u.uit.join("\n"), err: u.fout.join("\n") };
}

const stil: Uitvoer = { out: () => undefined, err: (t) => console.error(t) };

describe("opgave consolideer", () => {
  let map: string;
  let lever: string;

  beforeAll(async () => {
    map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-cli-consolideer-"));
    lever = path.join(map, "lever");
    await fs.mkdir(lever);
    for (const g of ["Zeist", "Houten", "Baarn"]) {
      expect(await vul(["--gemeente", g, "--uit", path.join(lever, `${g.toLowerCase()}.xlsx`)], stil)).toBe(
        0,
      );
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(lever, "zeist.xlsx"));
    const t = wb.getWorksheet("Taakstelling")!;
    t.getCell("B4").value = "2023-I";
    for (let r = 21; r <= 23; r++) t.getCell(`G${r}`).value = 40; // 2023-I … 2024-I
    // As Excel does on saving: the stored results follow the typed inputs (else they are stale and flagged).
    zetResultaten(wb);
    await wb.xlsx.writeFile(path.join(lever, "zeist.xlsx"));
    await fs.writeFile(path.join(lever, "kapot.xlsx"), Buffer.from("dit is geen werkboek"));
  });

  afterAll(async () => {
    if (map) await fs.rm(map, { recursive: true, force: true });
  });

  test("usage errors exit 2 with the help text", async () => {
    for (const args of [
      [],
      [lever],
      [lever, "--uit"],
      [lever, "--uit", "x.csv"],
      [lever, "--uit", "x.xlsx", "--onbekend"],
      [lever, "--uit", "x.xlsx", "--provincie", "Utrech"],
    ]) {
      const r = await opgave(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toContain("opgave consolideer BESTAND.xlsx...");
    }
    expect((await opgave(lever, "--uit", "x.xlsx", "--provincie", "Utrech")).err).toMatch(
      /^Provincie "Utrech" niet gevonden/,
    );
    expect((await opgave("--help")).code).toBe(0);
    // The synchronous entry point points to mainAsync.
    const u = vang();
    expect(main(["consolideer"], u)).toBe(2);
    expect(main(["--help"], u)).toBe(0);
    expect(u.uit.join("\n")).toContain("opgave consolideer BESTAND.xlsx... --uit OVERZICHT.xlsx");
  });

  test("nothing usable: exit 1, the list says why, nothing is written", async () => {
    const uitBestand = path.join(map, "niets.xlsx");
    const r = await opgave(
      path.join(lever, "kapot.xlsx"),
      path.join(map, "bestaat-niet.xlsx"),
      "--uit",
      uitBestand,
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain("kapot.xlsx:\n    FOUT: Geen geldig .xlsx-bestand");
    expect(r.out).toContain(
      "bestaat-niet.xlsx:\n    FOUT: Het bestand kon niet worden gelezen (bestand niet gevonden)",
    );
    expect(r.err).toContain("niet geschreven");
    expect(existsSync(uitBestand)).toBe(false);
  });

  test("a folder: every .xlsx is read, a broken one does not stop the others; exit 0 with findings", async () => {
    const uitBestand = path.join(lever, "overzicht.xlsx");
    const r = await opgave(lever, "--uit", uitBestand, "--provincie", "utrecht");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const regels = r.out.split("\n");
    expect(regels[0]).toBe("Bestanden:");
    expect(regels).toContain("  baarn.xlsx (Baarn):");
    expect(regels).toContain("  kapot.xlsx:");
    // The library's English message ("Can't find end of central directory…") in Dutch.
    expect(r.out).toMatch(/kapot\.xlsx:\n.*geen zip-archief/);
    expect(r.out).not.toMatch(/central directory|zip file/i);
    expect(regels).toContain("  zeist.xlsx (Zeist): in orde");
    expect(r.out).toMatch(
      /Geen werkboek aangeleverd van 23 gemeenten: Amersfoort, Bunnik, .* en Woudenberg\./,
    );
    expect(regels).toContain("Provincie Utrecht.");
    expect(regels).toContain("4 bestanden gelezen, 3 gebruikt; 3 van de 26 gemeenten aangeleverd.");
    expect(regels).toContain(`Geschreven: ${uitBestand} (Overzicht Utrecht, Controle, Bron)`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(uitBestand);
    const ws = wb.getWorksheet("Overzicht Utrecht")!;
    let zeist = 0;
    for (let r2 = 10; r2 < 40; r2++) if (ws.getCell(r2, 2).value === "Zeist") zeist = r2;
    expect(celWaarde(ws.getCell(`F${zeist}`))).toBe("2023-I");
    expect(celWaarde(ws.getCell(`G${zeist}`))).toBe("2024-I");
    expect(celWaarde(ws.getCell(`I${zeist}`))).toBe(120);

    // The coordinator's note; a re-run (the overview sits in the same folder: not read as a delivery).
    ws.getCell(`V${zeist}`).value = "akkoord";
    await wb.xlsx.writeFile(uitBestand);
    const opnieuw = await opgave(lever, "--uit", uitBestand);
    expect(opnieuw.code).toBe(0);
    expect(opnieuw.out).not.toContain("overzicht.xlsx:");
    expect(opnieuw.out).toContain("4 bestanden gelezen");
    expect(opnieuw.out).toContain(`Bijgewerkt: ${uitBestand}`);
    expect(opnieuw.out).toContain("1 invoercel behouden.");
    const na = new ExcelJS.Workbook();
    await na.xlsx.readFile(uitBestand);
    expect(celWaarde(na.getWorksheet("Overzicht Utrecht")!.getCell(`V${zeist}`))).toBe("akkoord");
    // No temporary files left behind.
    expect((await fs.readdir(lever)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  test("--uit pointing at a gemeente workbook is refused (exit 1), the file is unchanged", async () => {
    const doel = path.join(lever, "houten.xlsx");
    const voor = await fs.readFile(doel);
    const r = await opgave(path.join(lever, "zeist.xlsx"), "--uit", doel);
    expect(r.code).toBe(1);
    expect(r.err).toContain("is het Opgave-werkboek voor gemeente GM0321 (Houten), niet voor consolidatie");
    expect(Buffer.compare(await fs.readFile(doel), voor)).toBe(0);
  });
});
