/**
 * `opgave consolideer` through `mainAsync` (the entry point bin/opgave.js calls): exit codes (0 all used, 3 some
 * not used, 1 nothing usable or not written, 2 wrong call or a province tie), the Dutch report (counts equal to
 * the listed findings, unknown totals "onbekend"), a folder as input (the overview in the same folder is not read
 * back), refill in place, resubmissions decided by the file's modification time, a number out of range, the
 * supervision signal's threshold (--toezicht-drempel), and the guards (another workbook as --uit, nothing usable). EPIPE on the real bin: tests/cli/cli.test.ts.
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
      [lever, "--uit", "x.xlsx", "--max-cellen", "veel"],
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

  test("a folder: every .xlsx is read, a broken one does not stop the others; exit 3 (not every file used)", async () => {
    const uitBestand = path.join(lever, "overzicht.xlsx");
    const r = await opgave(lever, "--uit", uitBestand, "--provincie", "utrecht");
    expect(r.err).toBe("");
    expect(r.code).toBe(3);
    expect(r.out).toContain("1 van de 4 bestanden is niet gebruikt (zie hierboven).");
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
    // The counts are the listed lines (23 missing gemeenten on one line count once, and it says so).
    const fouten = regels.filter((x) => x.startsWith("    FOUT: ")).length;
    const waarschuwingen = regels.filter((x) => x.startsWith("    let op: ")).length;
    expect(regels).toContain(
      `Controle: ${fouten} ${fouten === 1 ? "fout" : "fouten"}, ${waarschuwingen} waarschuwingen (zoals hierboven; 1 ` +
        "regel noemt 23 ontbrekende gemeenten samen).",
    );
    // Nobody entered existing places: the gap is unknown, not 0.
    expect(r.out).toMatch(
      /^Samen \(herberekend\): achterstand [\d.]+, voorsprong [\d.]+, tekort opvang onbekend\.$/m,
    );
    expect(regels).toContain("Achterstand en voorsprong: stand tot en met 2024-I.");
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
    expect(opnieuw.code).toBe(3);
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

  test("a folder: a workbook saved as .xlsm is read, an .xls is named with what to do (.ods: pakketControle.test); a text file is left alone", async () => {
    const anders = path.join(map, "andere-typen");
    await fs.mkdir(anders);
    await fs.copyFile(path.join(lever, "houten.xlsx"), path.join(anders, "Houten.xlsm"));
    // An older .xls: an OLE container (its signature is enough for the check).
    const ole = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    await fs.writeFile(path.join(anders, "Baarn.xls"), ole);
    await fs.writeFile(path.join(anders, "notities.txt"), "geen werkboek");
    const r = await opgave(anders, "--uit", path.join(map, "andere-typen.xlsx"));
    // Before: only .xlsx was read, so Houten counted as "Geen werkboek aangeleverd" and Baarn.xls went unnamed.
    expect(r.out).toContain("Houten.xlsm (Houten):");
    expect(r.out).toContain(
      "Baarn.xls:\n    FOUT: Geen .xlsx-bestand maar een ouder Excel-bestand (.xls) of een ander Office-bestand",
    );
    expect(r.out).not.toContain("notities.txt");
    expect(r.out).toMatch(/Geen werkboek aangeleverd van \d+ gemeenten: (?![^\n]*Houten)/);
    expect(r.out).toContain("2 bestanden gelezen, 1 gebruikt");
    expect(r.code).toBe(3);
  });

  test("two different workbooks of one gemeente, neither the newest: exit 1, said as such (not 'no usable file')", async () => {
    const [a, b] = [path.join(map, "baarn-a.xlsx"), path.join(map, "baarn-b.xlsx")];
    await fs.copyFile(path.join(lever, "baarn.xlsx"), a);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(a);
    wb.getWorksheet("Opvang")!.getCell("B11").value = 123;
    await wb.xlsx.writeFile(b);
    const tijd = new Date("2026-12-01T10:00:00Z");
    for (const p of [a, b]) await fs.utimes(p, tijd, tijd);
    const uitBestand = path.join(map, "dubbel.xlsx");
    const r = await opgave(a, b, "--uit", uitBestand);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "0 van de 26 gemeenten aangeleverd en gebruikt; van Baarn is een werkboek aangeleverd maar niet gebruikt",
    );
    // Before: "Geen enkel bestand is een bruikbaar gemeentewerkboek van Utrecht", of two usable files.
    expect(r.err).toBe(
      `Geen enkel bestand is gebruikt (zie de bevindingen hierboven); ${uitBestand} is niet geschreven.`,
    );
    expect(existsSync(uitBestand)).toBe(false);
  });

  test("--uit pointing at a gemeente workbook is refused (exit 1) before any file is read, the file is unchanged", async () => {
    const doel = path.join(lever, "houten.xlsx");
    const voor = await fs.readFile(doel);
    const r = await opgave(path.join(lever, "zeist.xlsx"), "--uit", doel);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `${doel} is het Opgave-werkboek van gemeente Houten (GM0321), geen provincie-overzicht: de invoer ` +
        "daarin hoort daar niet bij. Kies een ander bestand (--uit); er is niets gelezen en het bestand is niet " +
        "gewijzigd.",
    );
    // Before: every file was read and the whole report printed, and only then the target refused.
    expect(r.out).toBe("");
    expect(Buffer.compare(await fs.readFile(doel), voor)).toBe(0);
  });

  test("--uit pointing at the overview of another provincie than --provincie names: refused at once, unchanged", async () => {
    const doel = path.join(map, "overzicht-utrecht.xlsx");
    expect((await opgave(path.join(lever, "houten.xlsx"), "--uit", doel)).code).toBe(0);
    const voor = await fs.readFile(doel);
    const r = await opgave(path.join(lever, "houten.xlsx"), "--provincie", "Gelderland", "--uit", doel);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "is het provincie-overzicht van Utrecht, niet dat van Gelderland: de invoer daarin hoort daar niet bij.",
    );
    expect(r.out).toBe("");
    expect(Buffer.compare(await fs.readFile(doel), voor)).toBe(0);
    // The same overview with its own provincie (named or not) is updated as before.
    expect(
      (await opgave(path.join(lever, "houten.xlsx"), "--provincie", "Utrecht", "--uit", doel)).code,
    ).toBe(0);
  });

  test("every file used: exit 0; the overview's totals are blank where nothing was entered", async () => {
    const uitBestand = path.join(map, "alles.xlsx");
    const r = await opgave(
      path.join(lever, "zeist.xlsx"),
      path.join(lever, "baarn.xlsx"),
      "--uit",
      uitBestand,
      "--provincie",
      "Utrecht",
    );
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(r.out).not.toContain("niet gebruikt");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(uitBestand);
    const ws = wb.getWorksheet("Overzicht Utrecht")!;
    // No gemeente entered existing places: the totals row's Bestaand and Tekort cells stay blank.
    const totaal = 10 + 26;
    expect(ws.getCell(`B${totaal}`).value).toBe("Totaal");
    for (const l of ["P", "Q"]) {
      const v = ws.getCell(`${l}${totaal}`).value as { result?: unknown } | null;
      expect(v?.result ?? "").toBe("");
    }
    expect(celWaarde(ws.getCell("A8"))).toBe("Achterstand en voorsprong");
    expect(celWaarde(ws.getCell("B8"))).toBe("stand tot en met 2024-I");
  });

  test("a re-run that could not update the overview's table (the coordinator renamed a header): refused, exit 1, the file unchanged", async () => {
    const uitBestand = path.join(map, "hernoemd.xlsx");
    const eerst = await opgave(path.join(lever, "zeist.xlsx"), "--uit", uitBestand, "--provincie", "Utrecht");
    expect(eerst.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(uitBestand);
    const ws = wb.getWorksheet("Overzicht Utrecht")!;
    const tabel = ws.getTable("Opgave_Consolidatie") as unknown as {
      table: { columns: { name: string }[]; tableRef?: string; ref?: string };
    };
    const j = tabel.table.columns.findIndex((k) => k.name === "Notities");
    expect(j).toBeGreaterThan(0);
    tabel.table.columns[j]!.name = "Opmerkingen";
    ws.getCell(9, 1 + j).value = "Opmerkingen";
    await wb.xlsx.writeFile(uitBestand);
    const voor = await fs.readFile(uitBestand);
    const r = await opgave(path.join(lever, "baarn.xlsx"), "--uit", uitBestand, "--provincie", "Utrecht");
    // Before: "Bijgewerkt", exit 0, with the checks and Bron new and the table still showing the old deliveries.
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'Het overzicht zou deels oud blijven, want Opgave kan niet alles bijwerken: tabel Opgave_Consolidatie is handmatig gewijzigd (kolom "Notities" ontbreekt); niet bijgewerkt. ' +
        `Zet terug wat u aan de tabellen of cellen van Opgave veranderde, of kies een nieuw bestand (--uit); ${uitBestand} is niet gewijzigd.`,
    );
    expect(Buffer.compare(await fs.readFile(uitBestand), voor)).toBe(0);
  });

  test("--toezicht-drempel: Zeist (3 half-years behind) is listed at 3, not at the default 4; a wrong value exits 2", async () => {
    const uitBestand = path.join(map, "toezicht.xlsx");
    const args = [path.join(lever, "zeist.xlsx"), "--uit", uitBestand, "--provincie", "Utrecht"];
    expect((await opgave(...args)).out).toContain("  zeist.xlsx (Zeist): in orde");
    const r = await opgave(...args, "--toezicht-drempel", "3");
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(r.out).toContain(
      "  zeist.xlsx (Zeist):\n    let op: Zeist: 3 halfjaren achtereen geëindigd met een achterstand (tot en met " +
        "2024-I; drempel 3). Signaal voor toezicht: provinciale praktijk, geen wettelijke regel (Zuid-Holland, " +
        "januari 2025: na vier opeenvolgende keren achterstand kan de provincie ingrijpen; bron: rd.nl, " +
        "'Zuid-Holland geeft acht gemeenten laatste waarschuwing').",
    );
    // The overview: "Achtereen achter" is the table's last column; the finding is on Controle.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(uitBestand);
    const ws = wb.getWorksheet("Overzicht Utrecht")!;
    const koppen = (ws.getRow(9).values as unknown[]).filter((v) => v !== undefined && v !== null);
    expect(koppen.at(-1)).toBe("Achtereen achter");
    const kolom = koppen.length;
    let zeist = 0;
    for (let r2 = 10; r2 < 40; r2++) if (ws.getCell(r2, 2).value === "Zeist") zeist = r2;
    expect(celWaarde(ws.getCell(zeist, kolom))).toBe(3);
    const controle = wb.getWorksheet("Controle")!;
    const soorten: unknown[] = [];
    controle.eachRow((rij) => soorten.push(celWaarde(rij.getCell(2))));
    expect(soorten).toContain("toezichtsignaal");
    for (const fout of ["0", "drie", "2.5", "-1"]) {
      const f = await opgave(...args, `--toezicht-drempel=${fout}`);
      expect({ fout, code: f.code }).toEqual({ fout, code: 2 });
      expect(f.err).toContain(`--toezicht-drempel verwacht een geheel getal van 1 of meer (niet "${fout}").`);
    }
    // As a separate word too (parseArgs read "-1" as an option, and said the option had no value).
    const los = await opgave(...args, "--toezicht-drempel", "-1");
    expect(los.err).toContain('--toezicht-drempel verwacht een geheel getal van 1 of meer (niet "-1").');
    expect((await opgave("--help")).out).toContain("--toezicht-drempel N");
  });

  test("a province tie asks for --provincie: exit 2, nothing written", async () => {
    const arnhem = path.join(map, "arnhem.xlsx");
    expect(await vul(["--gemeente", "Arnhem", "--uit", arnhem], stil)).toBe(0);
    const uitBestand = path.join(map, "gelijk.xlsx");
    const r = await opgave(path.join(lever, "zeist.xlsx"), arnhem, "--uit", uitBestand);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`Kies met --provincie: Gelderland of Utrecht. ${uitBestand} is niet geschreven.`);
    expect(r.out).toContain(
      "Geen provincie gekozen: evenveel aangeleverde gemeenten liggen in Gelderland en in Utrecht.",
    );
    expect(existsSync(uitBestand)).toBe(false);
    // Choosing settles it (Arnhem then lies outside the province: not used, exit 3).
    const gekozen = await opgave(
      path.join(lever, "zeist.xlsx"),
      arnhem,
      "--uit",
      uitBestand,
      "--provincie",
      "Utrecht",
    );
    expect(gekozen.code).toBe(3);
    expect(existsSync(uitBestand)).toBe(true);
  });

  test("a resubmission with the same 'Gevuld op': the file modified last is used; equal times: neither; a copy: once", async () => {
    const opnieuw = path.join(map, "opnieuw");
    await fs.mkdir(opnieuw);
    const eerst = path.join(opnieuw, "houten.xlsx");
    const later = path.join(opnieuw, "houten-correctie.xlsx");
    await fs.copyFile(path.join(lever, "houten.xlsx"), eerst);
    // The correction: another Gehuisvest, the same "Gevuld op" (a copy with the same content counts once: below).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(eerst);
    wb.getWorksheet("Taakstelling")!.getCell("G21").value = 12;
    zetResultaten(wb);
    await wb.xlsx.writeFile(later);
    await fs.utimes(eerst, new Date("2026-12-03T08:00:00Z"), new Date("2026-12-03T08:00:00Z"));
    await fs.utimes(later, new Date("2026-12-03T09:30:05Z"), new Date("2026-12-03T09:30:05Z"));
    const uitBestand = path.join(map, "opnieuw.xlsx");
    const r = await opgave(opnieuw, "--uit", uitBestand, "--provincie", "Utrecht");
    expect(r.code).toBe(3); // the replaced file is not used
    expect(r.out).toContain("houten-correctie.xlsx (gevuld op ");
    expect(r.out).toContain(
      ", bestand gewijzigd op 3-12-2026 10:30:05) vervangt eerdere aanlevering houten.xlsx (gevuld op ",
    );
    expect(r.out).toContain(", bestand gewijzigd op 3-12-2026 09:00:00) van Houten");
    expect(r.out).toContain("2 bestanden gelezen, 1 gebruikt; 1 van de 26 gemeenten aangeleverd.");

    // The same moment on both: Opgave cannot tell, neither is used; nothing else usable → exit 1.
    await fs.utimes(later, new Date("2026-12-03T08:00:00Z"), new Date("2026-12-03T08:00:00Z"));
    const gelijk = await opgave(
      opnieuw,
      "--uit",
      path.join(map, "gelijk-tijd.xlsx"),
      "--provincie",
      "Utrecht",
    );
    expect(gelijk.code).toBe(1);
    expect(gelijk.out).toContain("noch de wijzigingsdatum van de bestanden wijst een nieuwste aan");
    expect(existsSync(path.join(map, "gelijk-tijd.xlsx"))).toBe(false);

    // A copy of the same file at the same moment is the same delivery: used once, the other named.
    await fs.copyFile(eerst, later);
    await fs.utimes(later, new Date("2026-12-03T08:00:00Z"), new Date("2026-12-03T08:00:00Z"));
    const kopie = await opgave(opnieuw, "--uit", path.join(map, "kopie.xlsx"), "--provincie", "Utrecht");
    expect(kopie.code).toBe(3);
    expect(kopie.out).toContain(
      'houten.xlsx heeft dezelfde inhoud als houten-correctie.xlsx (alle invoer en "Gevuld op" gelijk)',
    );
    expect(kopie.out).toContain("2 bestanden gelezen, 1 gebruikt; 1 van de 26 gemeenten aangeleverd.");

    // A copy by its name, copied later (a copy's file time is when it was made) and listed first: the original.
    const kopieNaam = path.join(opnieuw, "houten - Kopie.xlsx");
    await fs.rename(later, kopieNaam);
    await fs.utimes(kopieNaam, new Date("2026-12-03T09:00:00Z"), new Date("2026-12-03T09:00:00Z"));
    const genoemd = await opgave(opnieuw, "--uit", path.join(map, "genoemd.xlsx"), "--provincie", "Utrecht");
    expect(genoemd.out).toContain(
      'houten - Kopie.xlsx heeft dezelfde inhoud als houten.xlsx (alle invoer en "Gevuld op" gelijk): twee keer ' +
        "dezelfde aanlevering van Houten. Het overzicht gebruikt houten.xlsx, dit bestand niet.",
    );
  });

  test("Bestaande plaatsen = 1e308 is refused with a finding; the gap stays blank, never -1e308", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(lever, "baarn.xlsx"));
    wb.getWorksheet("Opvang")!.getCell("B11").value = 1e308;
    const absurd = path.join(map, "baarn-absurd.xlsx");
    await wb.xlsx.writeFile(absurd);
    const uitBestand = path.join(map, "absurd.xlsx");
    const r = await opgave(absurd, "--uit", uitBestand);
    expect(r.code).toBe(0); // the file is used, without that cell
    expect(r.out).toMatch(/FOUT: .*1E\+308/);
    expect(r.out).toContain("tekort opvang onbekend");
    expect(r.out).not.toMatch(/-1E\+308|-100\.000\.000/i);
    const ov = new ExcelJS.Workbook();
    await ov.xlsx.readFile(uitBestand);
    const ws = ov.getWorksheet("Overzicht Utrecht")!;
    let baarn = 0;
    for (let r2 = 10; r2 < 40; r2++) if (ws.getCell(r2, 2).value === "Baarn") baarn = r2;
    expect([celWaarde(ws.getCell(`P${baarn}`)), celWaarde(ws.getCell(`Q${baarn}`))]).toEqual([null, null]);
  });

  test("two values out of range in one workbook: each a finding on its cell; a note stays on its own when the other is mended", async () => {
    const bestand = path.join(map, "baarn-twee.xlsx");
    const zet = async (gehuisvest: number) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(lever, "baarn.xlsx"));
      const t = wb.getWorksheet("Taakstelling")!;
      let rij = 0;
      t.eachRow((r, i) => {
        if (r.getCell(1).value === "2023-I") rij = i;
      });
      t.getCell(`G${rij}`).value = gehuisvest;
      wb.getWorksheet("Kosten")!.getCell("B5").value = 999999999;
      await wb.xlsx.writeFile(bestand);
      return `Taakstelling!G${rij}`;
    };
    const gehuisvest = await zet(999999);
    const uitBestand = path.join(map, "twee.xlsx");
    expect((await opgave(bestand, "--uit", uitBestand)).code).toBe(0);
    /** The Controle rows as [Ernst, Cel, Afgehandeld], by Cel. */
    const controle = async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(uitBestand);
      const rijen = new Map<string, { rij: number; ernst: unknown; afgehandeld: unknown }>();
      wb.getWorksheet("Controle")!.eachRow((r, i) => {
        const cel = celWaarde(r.getCell(6));
        if (typeof cel === "string" && /^(Taakstelling|Kosten)!/.test(cel))
          rijen.set(cel, { rij: i, ernst: celWaarde(r.getCell(1)), afgehandeld: celWaarde(r.getCell(8)) });
      });
      return { wb, rijen };
    };
    const eerst = await controle();
    // Before: neither had a Cel; told apart by the order found ("ongeldigeInvoer||GM0308", "…|2").
    expect([...eerst.rijen.keys()].sort()).toEqual(["Kosten!B5", gehuisvest]);
    const rij = eerst.rijen.get(gehuisvest)!.rij;
    eerst.wb.getWorksheet("Controle")!.getCell(`H${rij}`).value = "gemeente gebeld";
    await eerst.wb.xlsx.writeFile(uitBestand);
    await zet(12);
    const r = await opgave(bestand, "--uit", uitBestand);
    expect(r.code).toBe(0);
    const na = await controle();
    // Before: the note stood on the other finding (Kosten!B5), and nothing was named as vervallen.
    expect(na.rijen.get(gehuisvest)).toMatchObject({ ernst: "vervallen", afgehandeld: "gemeente gebeld" });
    expect(na.rijen.get("Kosten!B5")).toMatchObject({ ernst: "fout", afgehandeld: null });
    expect(r.out).toContain(
      "Rijen met uw invoer die niet meer bij de gegevens horen (onderaan hun tabel bewaard): Opgave_Controle: " +
        `ongeldige invoer, Baarn, baarn-twee.xlsx, ${gehuisvest}.`,
    );
  });

  test("the reading limits reach the reader: --max-cellen 10 refuses every workbook (exit 1), naming the option", async () => {
    const uitBestand = path.join(map, "grens.xlsx");
    const r = await opgave(path.join(lever, "zeist.xlsx"), "--uit", uitBestand, "--max-cellen", "10");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/zeist\.xlsx:\n {4}FOUT: .*--max-cellen/);
    expect(existsSync(uitBestand)).toBe(false);
  });

  test("the overview cannot be written (no such folder): exit 1 with the reason", async () => {
    const r = await opgave(
      path.join(lever, "zeist.xlsx"),
      "--uit",
      path.join(map, "bestaat-niet", "x.xlsx"),
      "--provincie",
      "Utrecht",
    );
    expect(r.code).toBe(1);
    // Said before any workbook is read, and as it is: the folder is missing (not a matter of rights).
    expect(r.out).toBe("");
    expect(r.err).toContain(`De map ${path.join(map, "bestaat-niet")} bestaat niet`);
  });
});
