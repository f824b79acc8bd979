/**
 * The package check before parsing (src/workbook/pakketControle.ts) and what the reader (`leesAanlevering`) makes
 * of a refused file: a malicious-workbook corpus, generated here from a good gemeente workbook written by the
 * project's own writer — zip bomb (also with a lying declared size), entity expansion, a huge sheet, too many
 * entries, a truncated file, a password-protected (encrypted) file, an older .xls, a sheet renamed or removed —
 * each with its expected Dutch finding; a good workbook passes untouched and is read as before. Also: "Gevuld
 * op" as a date, a serial or old ISO text, and the command-line limits (src/cli/leesGrenzen.ts).
 */
import ExcelJS from "exceljs";
import { Zip, ZipDeflate, strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { ArgumentFout } from "../../src/cli/argumenten";
import {
  GRENS_OPTIES,
  LEES_GRENS_OPTIES,
  LEES_GRENZEN_HULP,
  grenzenUit,
  leesOptiesUit,
} from "../../src/cli/leesGrenzen";
import { excelSerie } from "../../src/domain/tijdstip";
import { planGemeente } from "../../src/workbook/bouwPlan";
import { leesAanlevering, type Aanlevering } from "../../src/workbook/lezen";
import {
  STANDAARD_LEESGRENZEN,
  controleerPakket,
  leesGrenzen,
  type PakketBezwaar,
} from "../../src/workbook/pakketControle";
import { schrijfXlsx } from "../../src/workbook/xlsxWriter";
import * as laden from "../../src/workbook/exceljsLaden";
import { aaneen } from "../../src/workbook/zipInhoud";
import { engine } from "../domain/helpers";
import { maakGrootWerkboek } from "../helpers/grootWerkboek";
import { bewaarXlsx, blad, leesXlsx, TEST_BRON } from "./werkboekHulp";

jest.setTimeout(60_000);

const MB = 1024 * 1024;
let goed: Uint8Array;

beforeAll(async () => {
  goed = (await schrijfXlsx(planGemeente(engine, "Zeist", TEST_BRON))).data;
});

// ---------------------------------------------------------------------------------------------------------
// Building the corpus

type Inhoud = Uint8Array | (() => Iterable<Uint8Array>);

/** A zip written with fflate's streaming Zip (data descriptors, as many writers do); a part may be a stream. */
function zipStroom(delen: readonly (readonly [string, Inhoud])[], niveau: 6 | 9 = 6): Uint8Array {
  const stukken: Uint8Array[] = [];
  const zip = new Zip((e, stuk) => {
    if (e) throw e;
    stukken.push(stuk);
  });
  for (const [naam, inhoud] of delen) {
    const deel = new ZipDeflate(naam, { level: niveau });
    zip.add(deel);
    if (inhoud instanceof Uint8Array) deel.push(inhoud, true);
    else {
      for (const s of inhoud()) deel.push(s);
      deel.push(new Uint8Array(0), true);
    }
  }
  zip.end();
  return aaneen(stukken);
}

function delenVan(data: Uint8Array): [string, Uint8Array][] {
  return Object.entries(unzipSync(data));
}

/** The good workbook with one part's text changed. */
function metTekst(naam: string, wijzig: (xml: string) => string): Uint8Array {
  const delen = unzipSync(goed);
  const deel = delen[naam];
  if (!deel) throw new Error(`${naam} ontbreekt`);
  delen[naam] = strToU8(wijzig(strFromU8(deel)));
  return zipSync(delen);
}

/** `megabytes` MB of zeros, in 1 MB pieces (never all in memory). */
function nullen(megabytes: number): () => Iterable<Uint8Array> {
  return function* () {
    const mb = new Uint8Array(MB);
    for (let i = 0; i < megabytes; i++) yield mb;
  };
}

/** Sets the declared uncompressed size of entry `naam` in the central directory and the local header. */
function zetOpgegevenGrootte(data: Uint8Array, naam: string, grootte: number): Uint8Array {
  const uit = data.slice();
  const dv = new DataView(uit.buffer);
  let eind = uit.length - 22;
  while (dv.getUint32(eind, true) !== 0x06054b50) eind--;
  let p = dv.getUint32(eind + 16, true);
  while (dv.getUint32(p, true) === 0x02014b50) {
    const n = dv.getUint16(p + 28, true);
    if (strFromU8(uit.subarray(p + 46, p + 46 + n)) === naam) {
      dv.setUint32(p + 24, grootte, true);
      dv.setUint32(dv.getUint32(p + 42, true) + 22, grootte, true);
      return uit;
    }
    p += 46 + n + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  throw new Error(`${naam} niet gevonden`);
}

/** Sets general-purpose flag bit 0 ("encrypted") on every entry of the central directory. */
function alsVersleuteld(data: Uint8Array): Uint8Array {
  const uit = data.slice();
  const dv = new DataView(uit.buffer);
  let eind = uit.length - 22;
  while (dv.getUint32(eind, true) !== 0x06054b50) eind--;
  let p = dv.getUint32(eind + 16, true);
  while (dv.getUint32(p, true) === 0x02014b50) {
    dv.setUint16(p + 8, dv.getUint16(p + 8, true) | 1, true);
    p += 46 + dv.getUint16(p + 28, true) + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  return uit;
}

/** An OLE/CFB container: its signature, a directory with these stream names (UTF-16LE) and junk. */
function cfb(...stromen: string[]): Uint8Array {
  const kop = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const uit = new Uint8Array(4096);
  uit.set(kop);
  for (let i = kop.length; i < 512; i++) uit[i] = (i * 31) % 251;
  let p = 1024;
  for (const s of stromen) {
    for (let i = 0; i < s.length; i++) uit[p + i * 2] = s.charCodeAt(i);
    p += 128;
  }
  return uit;
}

async function lees(data: Uint8Array, opties = {}): Promise<Aanlevering> {
  return leesAanlevering("test.xlsx", data, opties);
}

/** The one finding of a refused file. */
async function bevinding(data: Uint8Array, opties = {}) {
  const a = await lees(data, opties);
  expect(a.bruikbaar).toBe(false);
  expect(a.problemen).toHaveLength(1);
  return a.problemen[0]!;
}

function bezwaar(data: Uint8Array, grenzen = {}): PakketBezwaar | undefined {
  const r = controleerPakket(data, grenzen);
  return r.ok ? undefined : r.bezwaar;
}

// ---------------------------------------------------------------------------------------------------------

describe("a good workbook", () => {
  test("passes the check untouched and is read as before (as with the check switched off)", async () => {
    const kopie = goed.slice();
    const r = controleerPakket(goed);
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(r.cellen).toBeGreaterThan(500);
    expect(r.cellen).toBeLessThan(5_000);
    expect(r.bytes).toBeLessThan(MB);
    expect(goed).toEqual(kopie);

    const a = await lees(goed);
    expect(a.bruikbaar).toBe(true);
    expect(a.problemen).toEqual([]);
    const zonderGrenzen = await lees(goed, {
      grenzen: {
        onderdelen: Infinity,
        megabytes: Infinity,
        verhouding: Infinity,
        cellenPerBlad: Infinity,
        cellenTotaal: Infinity,
      },
    });
    expect(a).toEqual(zonderGrenzen);
    // An ArrayBuffer is read the same way.
    const buffer = goed.slice().buffer;
    expect(controleerPakket(buffer)).toEqual(r);
  });

  test("the same workbook written with data descriptors (streaming zip) passes too", () => {
    expect(controleerPakket(zipStroom(delenVan(goed)))).toMatchObject({ ok: true });
  });

  test("asked for, an accepted package comes with its parts as inflated, in order; what it refuses has none", () => {
    const r = controleerPakket(goed, {}, { delen: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const verwacht = Object.entries(unzipSync(goed)).filter(
      ([naam, d]) => !(naam.endsWith("/") && d.length === 0),
    );
    expect(r.delen?.map(([naam]) => naam)).toEqual(verwacht.map(([naam]) => naam));
    for (const [i, [, inhoud]] of (r.delen ?? []).entries()) expect(inhoud).toEqual(verwacht[i]?.[1]);
    expect(controleerPakket(goed)).not.toHaveProperty("delen");
    const teVeel = controleerPakket(goed, { cellenTotaal: 10 }, { delen: true });
    expect(teVeel).toMatchObject({ ok: false });
    expect(teVeel).not.toHaveProperty("delen");
  });

  test("the reader hands exceljs the very parts the check inflated: nothing is inflated twice", async () => {
    const geladen = jest.spyOn(laden, "laadDelen");
    try {
      expect((await lees(goed)).bruikbaar).toBe(true);
      expect(geladen).toHaveBeenCalledTimes(1);
      const gekregen = geladen.mock.calls[0]?.[1] as [string, Uint8Array][];
      const verwacht = Object.entries(unzipSync(goed)).filter(
        ([naam, d]) => !(naam.endsWith("/") && d.length === 0),
      );
      expect(gekregen.map(([naam]) => naam)).toEqual(verwacht.map(([naam]) => naam));
      for (const [i, [, inhoud]] of gekregen.entries()) expect(inhoud).toEqual(verwacht[i]?.[1]);
    } finally {
      geladen.mockRestore();
    }
  });

  test("a large but acceptable sheet passes: 150,000 cells", () => {
    const r = controleerPakket(maakGrootWerkboek(goed, { cellen: 150_000 }));
    expect(r).toMatchObject({ ok: true });
    if (r.ok) expect(r.cellen).toBeGreaterThan(150_000);
  });
});

describe("the malicious-workbook corpus: each file refused with its Dutch finding", () => {
  test("zip bomb: a highly compressible huge part", async () => {
    const bom = zipStroom([...delenVan(goed), ["xl/media/bom.bin", nullen(50)]], 9);
    expect(bom.length).toBeLessThan(MB);
    expect(bezwaar(bom)).toMatchObject({ soort: "verhouding", onderdeel: "xl/media/bom.bin", grens: 200 });
    const p = await bevinding(bom, { grensOpties: GRENS_OPTIES });
    expect(p.soort).toBe("geenXlsx");
    expect(p.melding).toMatch(
      /^Niet gelezen: onderdeel xl\/media\/bom\.bin pakt uit tot 1\.\d{3} keer zijn ingepakte grootte \(grens 200 keer; aan te passen met --max-verhouding\), het kenmerk van een zip-bom; overgeslagen\./,
    );
  });

  test("zip bomb with a lying declared size: stopped once it inflates past what it declares", async () => {
    const bom = zetOpgegevenGrootte(
      zipStroom([...delenVan(goed), ["xl/media/bom.bin", nullen(50)]], 9),
      "xl/media/bom.bin",
      1_000,
    );
    expect(bezwaar(bom)).toEqual({
      soort: "groterDanOpgegeven",
      onderdeel: "xl/media/bom.bin",
      opgegeven: 1_000,
    });
    const p = await bevinding(bom);
    expect(p.melding).toContain(
      "onderdeel xl/media/bom.bin pakt uit tot meer dan de 1.000 bytes die het zelf opgeeft: het bestand is " +
        "beschadigd of gemanipuleerd",
    );
    // A sheet that lies about its size is stopped the same way (before its cells are counted to the end).
    const blad = zetOpgegevenGrootte(
      maakGrootWerkboek(goed, { cellen: 100_000 }),
      "xl/worksheets/sheet99.xml",
      5_000,
    );
    expect(bezwaar(blad)).toMatchObject({
      soort: "groterDanOpgegeven",
      onderdeel: "xl/worksheets/sheet99.xml",
    });
  });

  test("too large uncompressed: one part and the whole package (declared sizes)", async () => {
    // 30 MB of varied text compresses about 4 times: no bomb, but over a limit of 20 MB.
    const tekst = function* () {
      for (let i = 0; i < 30; i++) {
        const s = new Uint8Array(MB);
        let x = i + 1;
        for (let j = 0; j < s.length; j++) {
          x = (x * 1103515245 + 12345) >>> 0;
          s[j] = 97 + ((x >>> 16) % 16);
        }
        yield s;
      }
    };
    const groot = zipStroom([...delenVan(goed), ["xl/media/groot.bin", tekst]]);
    expect(bezwaar(groot)).toBeUndefined();
    expect(bezwaar(groot, { megabytes: 20 })).toMatchObject({
      soort: "omvang",
      onderdeel: "xl/media/groot.bin",
      grens: 20,
    });
    const p = await bevinding(groot, { grenzen: { megabytes: 20 }, grensOpties: GRENS_OPTIES });
    expect(p.soort).toBe("onleesbaar");
    expect(p.melding).toMatch(
      /^Te groot om te lezen: onderdeel xl\/media\/groot\.bin is uitgepakt 30 MB \(grens 20 MB; aan te passen met --max-mb\); overgeslagen\./,
    );
    expect(bezwaar(groot, { megabytes: 30.1 })).toEqual({
      soort: "omvang",
      bytes: expect.any(Number),
      grens: 30.1,
    });
    expect((await bevinding(groot, { grenzen: { megabytes: 30.1 } })).melding).toContain(
      "het werkboek is uitgepakt meer dan 30,1 MB (grens 30,1 MB)",
    );
  });

  test("entity expansion: a DOCTYPE with ENTITY declarations in a sheet", async () => {
    const dtd =
      '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    const bom = metTekst("xl/worksheets/sheet1.xml", (xml) => xml.replace(/\?>/, `?>${dtd}`));
    expect(bezwaar(bom)).toEqual({ soort: "entiteiten", onderdeel: "xl/worksheets/sheet1.xml" });
    const p = await bevinding(bom);
    expect(p.soort).toBe("geenXlsx");
    expect(p.melding).toBe(
      "Niet gelezen: onderdeel xl/worksheets/sheet1.xml bevat een DOCTYPE- of ENTITY-declaratie, die bij het " +
        'lezen kan uitdijen tot gigabytes ("entity expansion"); overgeslagen. Zo\'n bestand maakt Excel niet: laat ' +
        "de gemeente het werkboek in Excel openen, opnieuw opslaan en opnieuw aanleveren.",
    );
    // In any XML part, also a lone ENTITY and a prefixed root; not in a comment's text.
    expect(bezwaar(metTekst("docProps/core.xml", (x) => x.replace("?>", '?><!ENTITY x "y">')))).toMatchObject(
      {
        soort: "entiteiten",
      },
    );
    expect(
      bezwaar(metTekst("xl/sharedStrings.xml", (x) => x.replace("?>", "?><!-- DOCTYPE -->"))),
    ).toBeUndefined();
  });

  test("huge sheet: over the cell limit per sheet (named by its sheet name), and in total", async () => {
    const groot = maakGrootWerkboek(goed, { cellen: 250_000, blad: "Veel & meer" });
    expect(bezwaar(groot)).toEqual({ soort: "cellenBlad", blad: "Veel & meer", grens: 200_000 });
    const p = await bevinding(groot, { grensOpties: GRENS_OPTIES });
    expect(p.soort).toBe("onleesbaar");
    expect(p.melding).toBe(
      'Te groot om te lezen: blad "Veel & meer" heeft meer dan 200.000 cellen (grens 200.000; aan te passen met ' +
        "--max-cellen); overgeslagen. Een gemeentewerkboek van Opgave heeft een paar duizend cellen en is " +
        "uitgepakt minder dan 1 MB: controleer of dit het goede bestand is.",
    );
    // Without options to name (the pane), only the limit.
    expect((await bevinding(groot)).melding).toContain("cellen (grens 200.000); overgeslagen");
    // A raised limit lets it through.
    expect((await lees(groot, { grenzen: { cellenPerBlad: 300_000 } })).bruikbaar).toBe(true);
    // The Taakstelling sheet of the good workbook under a tiny limit: its own name; the total over all sheets.
    expect(bezwaar(goed, { cellenPerBlad: 100 })).toEqual({
      soort: "cellenBlad",
      blad: "Taakstelling",
      grens: 100,
    });
    expect(bezwaar(goed, { cellenTotaal: 400 })).toEqual({ soort: "cellenTotaal", grens: 400 });
    expect(
      (await bevinding(goed, { grenzen: { cellenTotaal: 400 }, grensOpties: GRENS_OPTIES })).melding,
    ).toContain(
      "de bladen hebben samen meer dan 400 cellen (grens 400; aan te passen met --max-cellen-totaal)",
    );
  });

  test("cells with a namespace prefix (<x:c>) are counted too", () => {
    const xml =
      '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<x:sheetData><x:row r="1">' +
      Array.from({ length: 50 }, (_, i) => `<x:c r="A${i + 1}"><x:v>1</x:v></x:c>`).join("") +
      "</x:row></x:sheetData></x:worksheet>";
    const data = metTekst("xl/worksheets/sheet1.xml", () => xml);
    expect(bezwaar(data, { cellenPerBlad: 49 })).toEqual({
      soort: "cellenBlad",
      blad: "Overzicht",
      grens: 49,
    });
    // Exactly 50 passes: the next sheet (Taakstelling, a few hundred cells) is the first over the limit.
    expect(bezwaar(data, { cellenPerBlad: 50 })).toEqual({
      soort: "cellenBlad",
      blad: "Taakstelling",
      grens: 50,
    });
  });

  test("many entries", async () => {
    const veel = zipSync({
      ...unzipSync(goed),
      ...Object.fromEntries(
        Array.from({ length: 1_001 }, (_, i) => [`xl/extra/deel${i}.xml`, strToU8("<x/>")]),
      ),
    });
    expect(bezwaar(veel)).toMatchObject({ soort: "onderdelen", grens: 1_000 });
    const p = await bevinding(veel, { grensOpties: GRENS_OPTIES });
    expect(p.soort).toBe("onleesbaar");
    expect(p.melding).toMatch(
      /^Te groot om te lezen: het werkboek bestaat uit 1\.0\d\d onderdelen \(grens 1\.000; aan te passen met --max-onderdelen\); overgeslagen\./,
    );
  });

  test("truncated file", async () => {
    for (const deel of [goed.subarray(0, Math.floor(goed.length / 2)), goed.subarray(0, goed.length - 10)]) {
      expect(bezwaar(deel)).toEqual({ soort: "onvolledig" });
      const p = await bevinding(deel);
      expect(p.soort).toBe("geenXlsx");
      expect(p.melding).toBe(
        "Geen geldig .xlsx-bestand (onvolledig of beschadigd: het bestand is afgebroken, bijvoorbeeld bij het " +
          "kopiëren of downloaden); overgeslagen. Bewaar het werkboek in Excel als .xlsx en lever het opnieuw aan.",
      );
    }
  });

  test("a damaged part (corrupt deflate data)", async () => {
    const kapot = zipStroom(delenVan(goed));
    // Overwrite bytes in the middle of the largest part's compressed data.
    const r = controleerPakket(kapot);
    expect(r.ok).toBe(true);
    const beschadigd = kapot.slice();
    const i = strFromU8(beschadigd.subarray(0, beschadigd.length), true).indexOf("xl/worksheets/sheet2.xml");
    for (let j = i + 200; j < i + 400; j++) beschadigd[j] = 0xff;
    const b = bezwaar(beschadigd);
    expect(b?.soort).toMatch(/^(?:beschadigd|groterDanOpgegeven|onvolledig)$/);
    expect((await bevinding(beschadigd)).soort).toBe("geenXlsx");
  });

  test("encrypted: a password-protected workbook (an OLE container with EncryptedPackage) gets its own message", async () => {
    const versleuteld = cfb("Root Entry", "EncryptionInfo", "EncryptedPackage");
    expect(bezwaar(versleuteld)).toEqual({ soort: "wachtwoord" });
    const p = await bevinding(versleuteld);
    expect(p.soort).toBe("geenXlsx");
    expect(p.melding).toMatch(
      /^Het werkboek is met een wachtwoord beveiligd \(versleuteld\).*overgeslagen\. Sla het op zonder wachtwoord/,
    );
    // Zip entries with the encryption flag: a password too.
    expect(bezwaar(alsVersleuteld(goed))).toEqual({ soort: "wachtwoord" });
  });

  test("an OpenDocument spreadsheet (.ods, a zip without Office Open XML) is named as such, with what to do", async () => {
    // As LibreOffice writes it: "mimetype" first and stored, then content.xml and the rest.
    const ods = zipSync({
      mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
      "content.xml": strToU8(
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
      ),
      "META-INF/manifest.xml": strToU8("<manifest:manifest/>"),
    });
    expect(bezwaar(ods)).toEqual({ soort: "opendocument" });
    // Before: 'Geen werkboek van Opgave (geen blad "Bron")', as if it were some other workbook.
    expect(await bevinding(ods)).toMatchObject({
      soort: "geenXlsx",
      melding:
        "Geen .xlsx-bestand maar een OpenDocument-rekenblad (.ods, de eigen opmaak van LibreOffice); overgeslagen. " +
        "Open het in LibreOffice, kies Bestand > Opslaan als > Excel 2007-365 (.xlsx) en lever het opnieuw aan.",
    });
    // An Office Open XML package that happens to hold those two parts as well stays a workbook to read.
    const beide = { mimetype: strToU8("application/x"), "content.xml": strToU8("<x/>") };
    expect(bezwaar(zipSync({ ...unzipSync(goed), ...beide }))).toBeUndefined();
  });

  test("an older .xls (an OLE container without encryption) and a file that is no zip at all", async () => {
    expect(bezwaar(cfb("Root Entry", "Workbook"))).toEqual({ soort: "ouderFormaat" });
    expect((await bevinding(cfb("Root Entry", "Workbook"))).melding).toMatch(
      /^Geen \.xlsx-bestand maar een ouder Excel-bestand \(\.xls\)/,
    );
    for (const data of [strToU8("dit is geen werkboek"), new Uint8Array(0)]) {
      expect(bezwaar(data)).toEqual({ soort: "geenZip" });
      expect((await bevinding(data)).melding).toBe(
        "Geen geldig .xlsx-bestand (geen zip-archief, wat elk .xlsx-bestand is); overgeslagen. Bewaar het " +
          "werkboek in Excel als .xlsx en lever het opnieuw aan.",
      );
    }
  });

  test("reshaped: a sheet renamed or removed passes the check and gets the reader's existing findings", async () => {
    const wb = await leesXlsx(goed);
    blad(wb, "Opvang").name = "Opvang oud";
    wb.removeWorksheet(blad(wb, "Kosten").id);
    const data = await bewaarXlsx(wb);
    expect(controleerPakket(data)).toMatchObject({ ok: true });
    const a = await lees(data);
    expect(a.bruikbaar).toBe(true);
    const meldingen = a.problemen.map((p) => p.melding);
    expect(meldingen).toContain(
      'Blad "Opvang" ontbreekt: de bestaande opvangplaatsen van deze gemeente tellen niet mee.',
    );
    expect(meldingen).toContain(
      'Blad "Kosten" ontbreekt: de eigen kostenaannames van deze gemeente tellen niet mee (Opgave rekent met de standaard).',
    );
  });
});

describe("limits", () => {
  test("defaults, and overrides that are not positive numbers keep the default", () => {
    expect(leesGrenzen()).toEqual(STANDAARD_LEESGRENZEN);
    expect(leesGrenzen({ cellenPerBlad: 5, megabytes: 0, onderdelen: NaN, verhouding: -1 })).toEqual({
      ...STANDAARD_LEESGRENZEN,
      cellenPerBlad: 5,
    });
  });
});

describe("Bron 'Gevuld op': a date, a serial or old ISO text, always an ISO UTC moment", () => {
  async function metGevuldOp(zet: (cel: ExcelJS.Cell) => void): Promise<string | null | undefined> {
    const wb = await leesXlsx(goed);
    const ws = blad(wb, "Bron");
    let cel: ExcelJS.Cell | undefined;
    ws.eachRow((rij) => {
      if (rij.getCell(1).value === "Gevuld op") cel = rij.getCell(2);
    });
    if (!cel) throw new Error("geen Gevuld op");
    zet(cel);
    const a = await lees(await bewaarXlsx(wb));
    expect(a.bruikbaar).toBe(true);
    return a.bron?.gevuldOp;
  }

  test.each([
    ["winter", "2026-12-01T10:00:05.000Z", Date.UTC(2026, 11, 1, 11, 0, 5)],
    ["summer", "2026-07-01T10:00:05.000Z", Date.UTC(2026, 6, 1, 12, 0, 5)],
  ])("%s: the date cell (Dutch wall clock) and its serial give the same moment", async (_, iso, wand) => {
    expect(
      await metGevuldOp((c) => {
        c.value = new Date(wand);
        c.numFmt = "d-m-yyyy hh:mm:ss";
      }),
    ).toBe(iso);
    expect(
      await metGevuldOp((c) => {
        c.value = excelSerie(iso) ?? null;
        c.numFmt = "General";
      }),
    ).toBe(iso);
  });

  test("old files: the ISO text is read as it is; an empty cell is null", async () => {
    expect(await metGevuldOp((c) => (c.value = "2026-12-01T10:00:00Z"))).toBe("2026-12-01T10:00:00Z");
    expect(await metGevuldOp((c) => (c.value = null))).toBeNull();
  });
});

describe("command-line limits (src/cli/leesGrenzen.ts)", () => {
  test("options, values and Dutch refusals", () => {
    expect(Object.keys(LEES_GRENS_OPTIES)).toEqual([
      "max-cellen",
      "max-cellen-totaal",
      "max-mb",
      "max-onderdelen",
      "max-verhouding",
    ]);
    expect(grenzenUit({})).toEqual({});
    expect(grenzenUit({ "max-cellen": "300000", "max-mb": "1,5", "max-onderdelen": "2.000" })).toEqual({
      cellenPerBlad: 300_000,
      megabytes: 1.5,
      onderdelen: 2_000,
    });
    expect(leesOptiesUit({ "max-cellen-totaal": "5000000" })).toEqual({
      grenzen: { cellenTotaal: 5_000_000 },
      grensOpties: GRENS_OPTIES,
    });
    for (const [optie, waarde] of [
      ["max-cellen", "veel"],
      ["max-cellen", "0"],
      ["max-cellen", "-5"],
      ["max-cellen", "2,5"],
      ["max-mb", "1e9"],
      ["max-verhouding", ""],
    ] as const) {
      expect(() => grenzenUit({ [optie]: waarde })).toThrow(ArgumentFout);
    }
    expect(() => grenzenUit({ "max-cellen": "veel" })).toThrow(
      '--max-cellen verwacht een positief geheel getal (niet "veel").',
    );
    expect(LEES_GRENZEN_HULP).toContain("--max-cellen N          cellen per blad (standaard 200.000)");
  });
});
