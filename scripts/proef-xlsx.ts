/**
 * `npm run proef:xlsx -- [--map MAP]`: the .xlsx files to open in Excel once, to prove in a minute that what the
 * command line writes opens in Excel without a repair prompt and shows its values before anything recalculates
 * (README "Bewijs in Excel"). In the tests LibreOffice, exceljs and the package check read such files; Excel never
 * has. Written with the `opgave` commands themselves, in MAP (default `proef-xlsx`), which must not hold them yet:
 *   1-eerste-vulling.xlsx   `opgave vul --gemeente Utrecht`: a new file;
 *   2-herbevulling.xlsx     that file with a user's work in it (Gehuisvest typed in, a note on an empty cell, cells
 *                           beside the table and a sheet of their own), filled again: Opgave's sheets are grafted
 *                           into the original package, the other parts copied byte for byte (zip data descriptors);
 *   3-overzicht.xlsx        `opgave consolideer` of that file and Amersfoort's workbook;
 *   LEESMIJ.txt             what to look at in each file: the cells and the values read back from the file.
 */
import ExcelJS from "exceljs";
import { existsSync, promises as fs } from "fs";
import path from "path";
import { parseArgs } from "util";
import { mainAsync, type Uitvoer } from "../src/cli/main";
import { isFormuleWaarde, naamCel, waardeVan } from "../src/workbook/xlsxCel";
import { leesNotities } from "../src/workbook/xlsxOnderdelen";
import {
  BLADEN,
  CONSOLIDATIE_KOLOMMEN,
  CONSOLIDATIE_PLEKKEN,
  GEMEENTE_PLEKKEN,
  NAMEN,
  overzichtBladNaam,
  TAAKSTELLING_KOLOMMEN,
} from "../src/workbook/indeling";
import type { Kolom } from "../src/workbook/plan";

export const BESTANDEN = {
  eerste: "1-eerste-vulling.xlsx",
  herbevuld: "2-herbevulling.xlsx",
  amersfoort: "amersfoort.xlsx",
  overzicht: "3-overzicht.xlsx",
  leesmij: "LEESMIJ.txt",
} as const;

/** One thing to look at in Excel: a cell and what it shows (as text), or that a note or sheet is there. */
export interface Controle {
  readonly bestand: string;
  readonly blad: string;
  readonly cel: string;
  readonly wat: string;
  /** What Excel shows in the cell (a number as written in the file, a text as it is). */
  readonly toont: string;
  /** The note on the cell, when the check is about one. */
  readonly notitie?: string;
}

export interface Proef {
  readonly map: string;
  readonly controles: readonly Controle[];
  /** What `opgave vul` said of the refill (its report). */
  readonly verslag: readonly string[];
}

/** The user's work that goes into the first file before it is filled again. */
const EIGEN = {
  /** Two consecutive half-years with a national number: the ledger runs from the first. */
  startperiode: "2023-II",
  gehuisvest: [
    ["2023-II", 300],
    ["2024-I", 410],
  ],
  notitie: "Notitie van de gemeente: gesprek met de corporaties op 12 maart.",
  /** An empty cell above the table, and two cells beside it (one empty column in between). */
  notitieCel: "S2",
  kopCel: "R7",
  kop: "Eigen opmerking",
  opmerkingKolom: "R",
  opmerking: "afspraak met de corporaties",
  blad: "Eigen berekening",
} as const;

class ProefFout extends Error {}

async function opgave(argv: readonly string[]): Promise<string[]> {
  const regels: string[] = [];
  const uit: Uitvoer = { out: (t) => regels.push(t), err: (t) => regels.push(t) };
  const code = await mainAsync(argv, uit);
  if (code !== 0) throw new ProefFout(`opgave ${argv.join(" ")} gaf code ${code}:\n${regels.join("\n")}`);
  return regels;
}

async function lees(bestand: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(bestand);
  return wb;
}

function blad(wb: ExcelJS.Workbook, naam: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(naam);
  if (!ws) throw new ProefFout(`blad ${naam} ontbreekt`);
  return ws;
}

/** The header of the column with key `sleutel` in a layout's columns (src/workbook/indeling). */
function kop(kolommen: readonly Kolom[], sleutel: string): string {
  const k = kolommen.find((x) => x.sleutel === sleutel);
  if (!k) throw new ProefFout(`geen kolom ${sleutel} in de indeling`);
  return k.kop;
}

/** Sheet column per column key of the table whose header row is `kopRij` (columns of `kolommen`). */
function kolomVinder(ws: ExcelJS.Worksheet, kopRij: number, kolommen: readonly Kolom[]) {
  const plaatsen = new Map<string, number>();
  ws.getRow(kopRij).eachCell((c, k) => plaatsen.set(String(c.value), k));
  return (sleutel: string): number => {
    const k = plaatsen.get(kop(kolommen, sleutel));
    if (k === undefined) throw new ProefFout(`kolom ${kop(kolommen, sleutel)} ontbreekt op ${ws.name}`);
    return k;
  };
}

/** Where the Taakstelling table is: the column per key, the row per period. */
function taakstellingTabel(ws: ExcelJS.Worksheet) {
  const kopRij = GEMEENTE_PLEKKEN.taakstelling.tabel.rij;
  const kolom = kolomVinder(ws, kopRij, TAAKSTELLING_KOLOMMEN);
  const rij = (periode: string) => {
    for (let r = kopRij + 1; r <= ws.rowCount; r++)
      if (ws.getCell(r, kolom("periode")).value === periode) return r;
    throw new ProefFout(`periode ${periode} ontbreekt op ${ws.name}`);
  };
  return { kolom, rij };
}

/** The cell a defined name points at ("Taakstelling!$B$4"). */
function celVanNaam(wb: ExcelJS.Workbook, naam: string): ExcelJS.Cell {
  const plek = naamCel(wb, naam);
  if (!plek) throw new ProefFout(`naam ${naam} wijst niet naar één cel`);
  return blad(wb, plek.blad).getCell(plek.cel);
}

/** What Excel shows of a cell: the cached result of a formula, else the value, as text ("" when empty). */
function getoond(cel: ExcelJS.Cell): string {
  const w = isFormuleWaarde(cel.value)
    ? waardeVan((cel.result ?? null) as ExcelJS.CellValue)
    : waardeVan(cel.value);
  return w === null ? "" : String(w);
}

function controle(
  bestand: string,
  ws: ExcelJS.Worksheet,
  adres: string | readonly [number, number],
  wat: string,
): Controle {
  const cel = typeof adres === "string" ? ws.getCell(adres) : ws.getCell(adres[0], adres[1]);
  return { bestand, blad: ws.name, cel: cel.address, wat, toont: getoond(cel) };
}

/** The user's work, typed into the first file as Excel would save it (through exceljs). */
async function voegEigenWerkToe(bestand: string): Promise<void> {
  const wb = await lees(bestand);
  const ws = blad(wb, BLADEN.taakstelling);
  const t = taakstellingTabel(ws);
  celVanNaam(wb, NAMEN.startperiode).value = EIGEN.startperiode;
  for (const [periode, n] of EIGEN.gehuisvest) ws.getCell(t.rij(periode), t.kolom("gehuisvest")).value = n;
  ws.getCell(EIGEN.notitieCel).note = EIGEN.notitie;
  // Beside the table (a column inside a table stops a refill: see `opgave vul`).
  if (ws.getColumn(EIGEN.opmerkingKolom).number <= t.kolom("peildatumInwoners") + 1)
    throw new ProefFout(`${EIGEN.kopCel} ligt niet naast de tabel`);
  ws.getCell(EIGEN.kopCel).value = EIGEN.kop;
  ws.getCell(`${EIGEN.opmerkingKolom}${t.rij(EIGEN.startperiode)}`).value = EIGEN.opmerking;
  const eigen = wb.addWorksheet(EIGEN.blad);
  const [, [laatste]] = EIGEN.gehuisvest;
  eigen.getCell("A1").value = `Achterstand ${laatste} volgens Opgave`;
  const doel = ws.getCell(t.rij(laatste), t.kolom("achterstand")).address;
  eigen.getCell("B1").value = { formula: `${BLADEN.taakstelling}!${doel}`, result: 0 };
  await wb.xlsx.writeFile(bestand);
}

async function controlesEerste(map: string): Promise<Controle[]> {
  const ws = blad(await lees(path.join(map, BESTANDEN.eerste)), BLADEN.taakstelling);
  const t = taakstellingTabel(ws);
  const r = t.rij("2024-I");
  return [
    controle(BESTANDEN.eerste, ws, [r, t.kolom("taakstelling")], "Taakstelling 2024-I (art. 29)"),
    controle(BESTANDEN.eerste, ws, [r, t.kolom("herkomst")], "Herkomst van dat getal"),
  ];
}

async function controlesHerbevuld(map: string): Promise<Controle[]> {
  const bestand = path.join(map, BESTANDEN.herbevuld);
  const wb = await lees(bestand);
  const ws = blad(wb, BLADEN.taakstelling);
  const t = taakstellingTabel(ws);
  const b = BESTANDEN.herbevuld;
  const uit: Controle[] = [
    controle(b, ws, celVanNaam(wb, NAMEN.startperiode).address, "Eerste periode, door de gebruiker ingevuld"),
  ];
  for (const [p] of EIGEN.gehuisvest) {
    uit.push(
      controle(b, ws, [t.rij(p), t.kolom("gehuisvest")], `Gehuisvest ${p}, door de gebruiker ingevuld`),
    );
    uit.push(controle(b, ws, [t.rij(p), t.kolom("achterstand")], `Achterstand ${p}, berekend door Opgave`));
  }
  // A note on an empty cell: Excel reads it from the note parts (exceljs only on a cell the sheet lists).
  const notitie = (await leesNotities(await fs.readFile(bestand))).get(ws.name)?.get(EIGEN.notitieCel);
  uit.push(
    {
      ...controle(b, ws, EIGEN.notitieCel, "notitie op een lege cel"),
      notitie: (notitie ?? []).map((d) => d.tekst).join(""),
    },
    controle(b, ws, EIGEN.kopCel, "eigen kop naast de tabel"),
    controle(b, ws, `${EIGEN.opmerkingKolom}${t.rij(EIGEN.startperiode)}`, "eigen opmerking naast de tabel"),
  );
  const eigen = blad(wb, EIGEN.blad);
  uit.push(controle(b, eigen, "A1", "eigen blad, byte voor byte bewaard"));
  // The user's own formula: Excel computes it on opening (the refill marks the workbook for a full recalculation).
  const formule = eigen.getCell("B1").formula;
  const [, doel = ""] = formule.split("!");
  uit.push({
    ...controle(b, eigen, "B1", `eigen formule =${formule}: Excel rekent haar uit bij het openen`),
    toont: getoond(ws.getCell(doel)),
  });
  return uit;
}

async function controlesOverzicht(map: string): Promise<Controle[]> {
  const wb = await lees(path.join(map, BESTANDEN.overzicht));
  const ws = blad(wb, overzichtBladNaam("Utrecht"));
  const kopRij = CONSOLIDATIE_PLEKKEN.overzicht.tabel.rij;
  const kolom = kolomVinder(ws, kopRij, CONSOLIDATIE_KOLOMMEN.overzicht);
  const uit: Controle[] = [controle(BESTANDEN.overzicht, ws, "A1", "titel")];
  for (let r = kopRij + 1; r <= ws.rowCount; r++) {
    const naam = getoond(ws.getCell(r, kolom("gemeente")));
    if (naam !== "Utrecht" && naam !== "Amersfoort") continue;
    for (const sleutel of ["taakstelling", "gehuisvest", "achterstand", "opvang"]) {
      const wat = `${kop(CONSOLIDATIE_KOLOMMEN.overzicht, sleutel)} van ${naam}`;
      uit.push(controle(BESTANDEN.overzicht, ws, [r, kolom(sleutel)], wat));
    }
  }
  return uit;
}

/** The checklist: how to open the files, then per file the cells and what they show. */
export function leesmijTekst(proef: Omit<Proef, "map">): string {
  const regels = [
    "Opgave — proefbestanden voor Excel",
    "",
    "Open elk bestand in Excel (dubbelklik). Het bewijs is geleverd als voor elk bestand geldt:",
    '  - Excel opent het zonder de melding "We hebben een probleem gevonden met bepaalde inhoud" (geen herstel);',
    "  - de cellen hieronder tonen wat erachter staat, meteen bij het openen;",
    "  - na Ctrl+Alt+F9 (alles opnieuw berekenen) tonen ze hetzelfde.",
    "Wijkt iets af: meld de bestandsnaam, de cel, wat Excel toont en de Excel-versie (Bestand > Account).",
  ];
  for (const bestand of [BESTANDEN.eerste, BESTANDEN.herbevuld, BESTANDEN.overzicht]) {
    regels.push("", bestand);
    if (bestand === BESTANDEN.herbevuld) {
      regels.push("  Verslag van opgave vul bij het opnieuw vullen:");
      for (const r of proef.verslag) regels.push(`    ${r}`);
    }
    for (const c of proef.controles.filter((x) => x.bestand === bestand)) {
      const wat =
        c.notitie !== undefined ? `notitie "${c.notitie}"` : c.toont === "" ? "(leeg)" : `"${c.toont}"`;
      regels.push(`  ${c.blad}!${c.cel}  ${wat}  (${c.wat})`);
    }
  }
  return `${regels.join("\n")}\n`;
}

/** Writes the proof files into `map` (which must not hold them yet) and returns what to check in them. */
export async function maakProefbestanden(map: string): Promise<Proef> {
  await fs.mkdir(map, { recursive: true });
  const al = Object.values(BESTANDEN).filter((b) => existsSync(path.join(map, b)));
  if (al.length > 0) {
    throw new ProefFout(
      `In ${map} staan al proefbestanden (${al.join(", ")}); kies een andere map met --map.`,
    );
  }
  const pad = (b: string) => path.join(map, b);
  await opgave(["vul", "--gemeente", "Utrecht", "--uit", pad(BESTANDEN.eerste)]);
  await fs.copyFile(pad(BESTANDEN.eerste), pad(BESTANDEN.herbevuld));
  await voegEigenWerkToe(pad(BESTANDEN.herbevuld));
  const verslag = await opgave(["vul", "--gemeente", "Utrecht", "--uit", pad(BESTANDEN.herbevuld)]);
  await opgave(["vul", "--gemeente", "Amersfoort", "--uit", pad(BESTANDEN.amersfoort)]);
  await opgave([
    "consolideer",
    pad(BESTANDEN.herbevuld),
    pad(BESTANDEN.amersfoort),
    "--uit",
    pad(BESTANDEN.overzicht),
  ]);
  const controles = [
    ...(await controlesEerste(map)),
    ...(await controlesHerbevuld(map)),
    ...(await controlesOverzicht(map)),
  ];
  const proef = { map, controles, verslag };
  await fs.writeFile(pad(BESTANDEN.leesmij), leesmijTekst(proef), "utf8");
  return proef;
}

if (require.main === module) {
  const { values } = parseArgs({ options: { map: { type: "string", default: "proef-xlsx" } } });
  const map = path.resolve(values.map);
  maakProefbestanden(map).then(
    (p) => {
      console.log(
        `Proefbestanden geschreven in ${p.map}; wat u in Excel controleert staat in ${BESTANDEN.leesmij}:\n`,
      );
      console.log(leesmijTekst(p));
    },
    (e: unknown) => {
      console.error(e instanceof ProefFout ? e.message : e);
      process.exitCode = 1;
    },
  );
}
