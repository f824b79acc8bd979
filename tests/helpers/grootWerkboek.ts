/**
 * A very large workbook for the tests and the bench, generated while it is written: a good gemeente workbook (as
 * the project's own writer made it) with one extra sheet of numbers ("Groot"), of which the XML is deflated and
 * written in chunks (fflate's streaming Zip), so the generator itself stays small in memory even for 10 million
 * cells (about 300 MB of sheet XML, a little over 20 MB compressed).
 *
 *   maakGrootWerkboek(basis, { cellen: 250_000 })                  → the bytes (small cases, unit tests)
 *   schrijfGrootWerkboek(pad, basis, { cellen: 10_000_000 })      → written to a file (the bomb of issue 12)
 *
 * Node or browser for `maakGrootWerkboek`; `schrijfGrootWerkboek` uses node:fs.
 */
import { closeSync, openSync, writeSync } from "fs";
import { Zip, ZipDeflate, strFromU8, strToU8, unzipSync } from "fflate";
import { aaneen } from "../../src/workbook/zipInhoud";

export interface GrootOpties {
  /** Number of cells of the extra sheet. */
  readonly cellen: number;
  /** Columns per row (1–26; default 10: 10 million cells are then a million rows, within Excel's 1,048,576). */
  readonly kolommen?: number;
  /** Name of the extra sheet (default "Groot"). */
  readonly blad?: string;
}

const DEEL = "xl/worksheets/sheet99.xml";
/** Rows per deflated chunk. */
const RIJEN_PER_STUK = 2_000;

/** The base package's parts, with the extra sheet registered in the workbook, its relationships and content types. */
function basisDelen(basis: Uint8Array, blad: string): [string, Uint8Array][] {
  const delen = unzipSync(basis);
  const pas = (naam: string, voor: string, invoegen: string) => {
    const deel = delen[naam];
    if (!deel) throw new Error(`${naam} ontbreekt in het basiswerkboek`);
    const tekst = strFromU8(deel);
    if (!tekst.includes(voor)) throw new Error(`${voor} ontbreekt in ${naam}`);
    delen[naam] = strToU8(tekst.replace(voor, `${invoegen}${voor}`));
  };
  const naam = blad.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  pas("xl/workbook.xml", "</sheets>", `<sheet sheetId="99" name="${naam}" state="visible" r:id="rIdGroot"/>`);
  pas(
    "xl/_rels/workbook.xml.rels",
    "</Relationships>",
    '<Relationship Id="rIdGroot" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/' +
      `worksheet" Target="${DEEL.replace("xl/", "")}"/>`,
  );
  pas(
    "[Content_Types].xml",
    "</Types>",
    `<Override PartName="/${DEEL}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.` +
      'worksheet+xml"/>',
  );
  return Object.entries(delen);
}

/** The sheet XML in chunks of rows: numbers that vary a little, as real data would (so it does not compress to nothing). */
function* bladXml(cellen: number, kolommen: number): Generator<string> {
  yield (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
  );
  const letters = Array.from({ length: kolommen }, (_, i) => String.fromCharCode(65 + i));
  const rijen = Math.ceil(cellen / kolommen);
  let stuk: string[] = [];
  for (let r = 1; r <= rijen; r++) {
    const inRij = Math.min(kolommen, cellen - (r - 1) * kolommen);
    let rij = `<row r="${r}">`;
    for (let k = 0; k < inRij; k++) rij += `<c r="${letters[k]}${r}"><v>${(r + k) % 100}</v></c>`;
    stuk.push(`${rij}</row>`);
    if (stuk.length === RIJEN_PER_STUK) {
      yield stuk.join("");
      stuk = [];
    }
  }
  yield `${stuk.join("")}</sheetData></worksheet>`;
}

/**
 * Streams the workbook to `schrijf` chunk by chunk (synchronously). The base parts come first, the big sheet last,
 * so nothing waits in fflate's queue.
 */
export function streamGrootWerkboek(
  basis: Uint8Array,
  opties: GrootOpties,
  schrijf: (stuk: Uint8Array) => void,
): void {
  const kolommen = opties.kolommen ?? 10;
  if (kolommen < 1 || kolommen > 26) throw new Error("kolommen: 1 tot en met 26");
  let fout: Error | null = null;
  const zip = new Zip((e, stuk) => {
    if (e) fout = e;
    else schrijf(stuk);
  });
  for (const [naam, inhoud] of basisDelen(basis, opties.blad ?? "Groot")) {
    const deel = new ZipDeflate(naam, { level: 6 });
    zip.add(deel);
    deel.push(inhoud, true);
  }
  const groot = new ZipDeflate(DEEL, { level: 6 });
  zip.add(groot);
  let vorige: Uint8Array | undefined;
  for (const tekst of bladXml(opties.cellen, kolommen)) {
    if (vorige) groot.push(vorige);
    vorige = strToU8(tekst);
  }
  groot.push(vorige ?? new Uint8Array(0), true);
  zip.end();
  if (fout) throw fout;
}

/** The workbook as bytes (keep `cellen` modest: the whole result is in memory). */
export function maakGrootWerkboek(basis: Uint8Array, opties: GrootOpties): Uint8Array {
  const stukken: Uint8Array[] = [];
  streamGrootWerkboek(basis, opties, (s) => stukken.push(s));
  return aaneen(stukken);
}

/** Writes the workbook to `pad` while it is generated; returns its size in bytes. */
export function schrijfGrootWerkboek(pad: string, basis: Uint8Array, opties: GrootOpties): number {
  const fd = openSync(pad, "w");
  let bytes = 0;
  try {
    streamGrootWerkboek(basis, opties, (s) => {
      writeSync(fd, s);
      bytes += s.length;
    });
  } finally {
    closeSync(fd);
  }
  return bytes;
}
