/**
 * `npm run proef:xlsx` (scripts/proef-xlsx.ts): the files someone with Excel opens once, and the checklist that
 * says what they must show. The checklist's figures are checked against the engine (independently of the files),
 * every file passes the package check, the refilled file is the graft's (zip data descriptors: the thing Excel has
 * not yet been seen to open), and LibreOffice, recalculating everything, shows exactly what the checklist says.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import {
  BESTANDEN,
  leesmijTekst,
  maakProefbestanden,
  type Controle,
  type Proef,
} from "../../scripts/proef-xlsx";
import { controleerPakket } from "../../src/workbook/pakketControle";
import { zipInhoud, ZipLezer } from "../../src/workbook/zipInhoud";
import { engine } from "../domain/helpers";
import { herberekenMetLibreOffice, vindSoffice } from "../helpers/libreoffice";

const soffice = vindSoffice();
const metLibreOffice = soffice ? test : test.skip;

let map: string;
let proef: Proef;

beforeAll(async () => {
  map = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-proef-"));
  proef = await maakProefbestanden(map);
}, 60_000);

afterAll(async () => {
  await fs.rm(map, { recursive: true, force: true });
});

/** The check on `blad!cel` of `bestand`. */
function op(bestand: string, blad: string, wat: RegExp): Controle {
  const c = proef.controles.find((x) => x.bestand === bestand && x.blad === blad && wat.test(x.wat));
  if (!c) throw new Error(`geen controle ${bestand} ${blad} ${String(wat)}`);
  return c;
}

const taak = (p: string) => engine.taakstelling("Utrecht", p).aantal;

test("the checklist's figures are the engine's: taakstelling, the ledger and the overview's totals", () => {
  expect(op(BESTANDEN.eerste, "Taakstelling", /^Taakstelling 2024-I/).toont).toBe(String(taak("2024-I")));
  expect(taak("2024-I")).toBe(388);
  const achter1 = taak("2023-II") - 300;
  const achter2 = taak("2024-I") + achter1 - 410;
  expect(op(BESTANDEN.herbevuld, "Taakstelling", /^Achterstand 2023-II/).toont).toBe(String(achter1));
  expect(op(BESTANDEN.herbevuld, "Taakstelling", /^Achterstand 2024-I/).toont).toBe(String(achter2));
  expect(op(BESTANDEN.herbevuld, "Eigen berekening", /eigen formule/).toont).toBe(String(achter2));
  const overzicht = "Overzicht Utrecht";
  expect(op(BESTANDEN.overzicht, overzicht, /^Taakstelling van Utrecht/).toont).toBe(
    String(taak("2023-II") + taak("2024-I")),
  );
  expect(op(BESTANDEN.overzicht, overzicht, /^Gehuisvest van Utrecht/).toont).toBe("710");
  expect(op(BESTANDEN.overzicht, overzicht, /^Achterstand van Utrecht/).toont).toBe(String(achter2));
});

test("the user's work is in the refilled file and in the checklist: inputs, a note, cells beside the table", () => {
  const b = BESTANDEN.herbevuld;
  expect(op(b, "Taakstelling", /^Eerste periode/).toont).toBe("2023-II");
  expect(op(b, "Taakstelling", /^Gehuisvest 2023-II/).toont).toBe("300");
  expect(op(b, "Taakstelling", /^Gehuisvest 2024-I/).toont).toBe("410");
  expect(op(b, "Taakstelling", /^notitie/).notitie).toContain("gesprek met de corporaties");
  expect(op(b, "Taakstelling", /^eigen kop/).toont).toBe("Eigen opmerking");
  expect(op(b, "Taakstelling", /^eigen opmerking/).toont).toBe("afspraak met de corporaties");
  expect(proef.verslag.join("\n")).toMatch(/3 invoercellen behouden/);
});

test("LEESMIJ.txt lists every check of every file, and the refill's report", async () => {
  const tekst = await fs.readFile(path.join(map, BESTANDEN.leesmij), "utf8");
  expect(tekst).toBe(leesmijTekst(proef));
  for (const c of proef.controles) expect(tekst).toContain(`${c.blad}!${c.cel}`);
  for (const b of [BESTANDEN.eerste, BESTANDEN.herbevuld, BESTANDEN.overzicht])
    expect(tekst).toContain(`\n${b}\n`);
  expect(tekst).toContain("invoercellen behouden");
});

test("every file passes the package check; the refilled one is the graft's, with zip data descriptors", async () => {
  for (const b of [BESTANDEN.eerste, BESTANDEN.herbevuld, BESTANDEN.overzicht]) {
    const data = new Uint8Array(await fs.readFile(path.join(map, b)));
    expect(controleerPakket(data)).toMatchObject({ ok: true });
    const metDescriptor = zipInhoud(new ZipLezer(data)).filter((it) => (it.vlaggen & 8) === 8);
    if (b === BESTANDEN.herbevuld) expect(metDescriptor.length).toBeGreaterThan(0);
  }
});

test("a second run into the same folder refuses and changes nothing", async () => {
  const voor = await fs.readFile(path.join(map, BESTANDEN.herbevuld));
  await expect(maakProefbestanden(map)).rejects.toThrow(/staan al proefbestanden.*--map/);
  expect(await fs.readFile(path.join(map, BESTANDEN.herbevuld))).toEqual(voor);
});

metLibreOffice(
  "LibreOffice, recalculating every formula on load, shows what the checklist says",
  async () => {
    const uitMap = path.join(map, "libreoffice");
    await fs.mkdir(uitMap);
    const bestanden = [BESTANDEN.eerste, BESTANDEN.herbevuld, BESTANDEN.overzicht];
    await herberekenMetLibreOffice(
      soffice!,
      bestanden.map((b) => path.join(map, b)),
      uitMap,
    );
    for (const b of bestanden) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(uitMap, b));
      for (const c of proef.controles.filter((x) => x.bestand === b && x.notitie === undefined)) {
        const cel = wb.getWorksheet(c.blad)?.getCell(c.cel);
        const v = cel?.value;
        const getoond = v !== null && typeof v === "object" && "formula" in v ? v.result : v;
        expect(`${c.blad}!${c.cel} ${String(getoond ?? "")}`).toBe(`${c.blad}!${c.cel} ${c.toont}`);
      }
    }
  },
  120_000,
);
