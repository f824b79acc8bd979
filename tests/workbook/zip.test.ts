/**
 * src/workbook/zip.ts (fflate behind the part of JSZip's interface that xlsxOnderdelen uses) behaves like JSZip
 * where that matters: entry order, folder entries, UTF-8 text with a byte order mark kept, and archives the
 * other can read; and that an unchanged part keeps its compressed bytes when written again. JSZip
 * stays a development dependency for exactly this comparison and the writer tests.
 */
import JSZip from "jszip";
import { unzipSync } from "fflate";
import { controleerPakket } from "../../src/workbook/pakketControle";
import Zip, { onthoudDelen, vergeet } from "../../src/workbook/zip";
import { ruweGegevens, zipInhoud, ZipLezer } from "../../src/workbook/zipInhoud";

const BOM = "\uFEFF";

async function voorbeeld(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", "<Types/>");
  zip.file("xl/workbook.xml", `${BOM}<workbook naam="Súdwest-Fryslân"/>`);
  zip.file("xl/worksheets/sheet1.xml", "<worksheet/>");
  zip.folder("xl/leeg");
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

test("reads what JSZip wrote: the same entries in the same order, folders marked, text as JSZip reads it", async () => {
  const data = await voorbeeld();
  const [eigen, jszip] = await Promise.all([Zip.loadAsync(data), JSZip.loadAsync(data)]);
  expect(Object.keys(eigen.files)).toEqual(Object.keys(jszip.files));
  expect(Object.values(eigen.files).map((f) => f.dir)).toEqual(Object.values(jszip.files).map((f) => f.dir));
  const tekst = await eigen.file("xl/workbook.xml")?.async("string");
  expect(tekst).toBe(await jszip.file("xl/workbook.xml")?.async("string"));
  expect(tekst?.startsWith(BOM)).toBe(true);
  expect(eigen.file("xl/")).toBeNull();
  expect(jszip.file("xl/")).toBeNull();
  expect(eigen.file("bestaat/niet.xml")).toBeNull();
});

test("adding parts adds folder entries as JSZip does; a replaced part keeps its place; JSZip reads the result", async () => {
  const data = await voorbeeld();
  const [eigen, jszip] = await Promise.all([Zip.loadAsync(data), JSZip.loadAsync(data)]);
  for (const z of [eigen, jszip]) {
    z.file("xl/drawings/_rels/drawing1.xml.rels", "<Relationships/>");
    z.file("xl/charts/chart1.xml", "<c:chartSpace/>");
    z.file("[Content_Types].xml", "<Types><Override/></Types>");
  }
  expect(Object.keys(eigen.files)).toEqual(Object.keys(jszip.files));

  const terug = await JSZip.loadAsync(
    await eigen.generateAsync({ type: "uint8array", compression: "DEFLATE" }),
  );
  expect(Object.keys(terug.files)).toEqual(Object.keys(jszip.files));
  for (const naam of Object.keys(jszip.files)) {
    expect(terug.files[naam]?.dir).toBe(jszip.files[naam]?.dir);
    expect(await terug.file(naam)?.async("string")).toBe(await jszip.file(naam)?.async("string"));
  }
});

test("an ArrayBuffer is read too; what is no zip is refused", async () => {
  const data = await voorbeeld();
  const kopie = data.slice().buffer;
  expect(Object.keys((await Zip.loadAsync(kopie)).files)).toContain("xl/worksheets/sheet1.xml");
  await expect(Zip.loadAsync(new TextEncoder().encode("dit is geen werkboek"))).rejects.toThrow(Error);
});

test("the same bytes read twice: two archives of their own (a change to one is not in the other)", async () => {
  const data = await voorbeeld();
  const a = await Zip.loadAsync(data);
  a.file("xl/worksheets/sheet1.xml", "<veranderd/>");
  a.file("nieuw.xml", "<nieuw/>");
  const b = await Zip.loadAsync(data);
  expect(await b.file("xl/worksheets/sheet1.xml")?.async("string")).not.toBe("<veranderd/>");
  expect(b.file("nieuw.xml")).toBeNull();
  expect(await a.file("xl/worksheets/sheet1.xml")?.async("string")).toBe("<veranderd/>");
});

/** A JSZip archive whose parts carry an old date. */
async function oud(): Promise<{ data: Uint8Array; datum: (naam: string) => Date | undefined }> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2020, 0, 1, 12, 0, 0));
  zip.file("[Content_Types].xml", "<Types/>", { date });
  zip.file("xl/workbook.xml", `${BOM}<workbook naam="Súdwest-Fryslân"/>`.repeat(40), { date });
  zip.file("xl/worksheets/sheet1.xml", "<worksheet/>", { date });
  const data = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  const gelezen = await JSZip.loadAsync(data);
  return { data, datum: (naam) => gelezen.files[naam]?.date };
}

/** The parts of an archive read by JSZip with every CRC checked, and their dates. */
async function gecontroleerd(data: Uint8Array): Promise<Map<string, { tekst: string; datum: Date }>> {
  const zip = await JSZip.loadAsync(data, { checkCRC32: true });
  const uit = new Map<string, { tekst: string; datum: Date }>();
  for (const [naam, f] of Object.entries(zip.files))
    uit.set(naam, { tekst: await f.async("string"), datum: f.date });
  return uit;
}

/** Each entry's method and compressed bytes, from the archive's own directory. */
function ruw(data: Uint8Array): Map<string, { methode: number; crc: number; bytes: string }> {
  const l = new ZipLezer(data);
  return new Map(
    zipInhoud(l).map((it) => [
      it.naam,
      { methode: it.methode, crc: it.crc, bytes: Buffer.from(ruweGegevens(l, it)).toString("hex") },
    ]),
  );
}

test("compressed again, an unchanged part keeps its compressed bytes; a changed or new part is deflated anew", async () => {
  const { data } = await oud();
  const zip = await Zip.loadAsync(data);
  zip.file("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>");
  zip.file("xl/nieuw.xml", "<nieuw/>".repeat(50));
  const uit = await zip.generateAsync({ type: "uint8array" });
  const [voor, na] = [ruw(data), ruw(uit)];
  for (const naam of ["[Content_Types].xml", "xl/workbook.xml"]) expect(na.get(naam)).toEqual(voor.get(naam));
  expect(na.get("xl/worksheets/sheet1.xml")?.bytes).not.toBe(voor.get("xl/worksheets/sheet1.xml")?.bytes);
  expect(na.get("xl/nieuw.xml")?.methode).toBe(8);
  // Every CRC right (JSZip checks them), the same text, and the package check finds nothing against it.
  const [a, b] = [await gecontroleerd(data), await gecontroleerd(uit)];
  for (const naam of ["[Content_Types].xml", "xl/workbook.xml"])
    expect(b.get(naam)?.tekst).toBe(a.get(naam)?.tekst);
  expect(b.get("xl/nieuw.xml")?.tekst).toBe("<nieuw/>".repeat(50));
  expect(controleerPakket(uit)).toMatchObject({ ok: true });
  // fflate reads it whole too (the entries carry their sizes after the data).
  expect(new TextDecoder().decode(unzipSync(uit)["xl/worksheets/sheet1.xml"])).toBe(
    "<worksheet><sheetData/></worksheet>",
  );
});

test("a part read from a stored archive is deflated, not copied stored; written again it is copied", async () => {
  const { data } = await oud();
  const stored = await (
    await Zip.loadAsync(data)
  ).generateAsync({ type: "uint8array", compression: "STORE" });
  const eenmaal = await (await Zip.loadAsync(new Uint8Array(stored))).generateAsync({ type: "uint8array" });
  const delen = (data: Uint8Array) => [...ruw(data)].filter(([naam]) => !naam.endsWith("/"));
  expect(delen(eenmaal).map(([, d]) => d.methode)).toEqual([8, 8, 8]);
  const tweemaal = await (await Zip.loadAsync(eenmaal)).generateAsync({ type: "uint8array" });
  expect(delen(tweemaal)).toEqual(delen(eenmaal));
  // Stored stays stored: asked for STORE, no compressed bytes are copied.
  const weerOpgeslagen = await (
    await Zip.loadAsync(eenmaal)
  ).generateAsync({
    type: "uint8array",
    compression: "STORE",
  });
  expect([...ruw(weerOpgeslagen).values()].every((d) => d.methode === 0)).toBe(true);
});

test("parts the package check inflated are remembered: read again as they are, kept parts still copied compressed", async () => {
  const { data } = await oud();
  const check = controleerPakket(data, {}, { delen: true });
  if (!check.ok || !check.delen) throw new Error("pakket afgekeurd");
  onthoudDelen(data, check.delen);
  const zip = await Zip.loadAsync(data);
  // The same entries as fflate reads (folders too), in the same order; the parts are the check's very objects.
  expect(Object.keys(zip.files)).toEqual(Object.keys(unzipSync(data)));
  for (const [naam, inhoud] of check.delen) expect(await zip.file(naam)?.async("uint8array")).toBe(inhoud);
  zip.file("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>");
  const uit = await zip.generateAsync({ type: "uint8array" });
  expect(ruw(uit).get("xl/workbook.xml")).toEqual(ruw(data).get("xl/workbook.xml"));

  // Parts that are not exactly the archive's entries are not remembered: read as before.
  const ander = (await oud()).data;
  onthoudDelen(ander, check.delen.slice(1));
  const gewoon = await Zip.loadAsync(ander);
  for (const [naam, inhoud] of check.delen)
    expect(await gewoon.file(naam)?.async("uint8array")).not.toBe(inhoud);
  expect(Object.keys(gewoon.files)).toEqual(Object.keys(unzipSync(ander)));
});

test("forgotten (vergeet): read again, the parts are inflated anew; what was written is still whole", async () => {
  const { data } = await oud();
  const deel = async (d: Uint8Array) => (await Zip.loadAsync(d)).file("xl/workbook.xml")?.async("uint8array");
  const eerst = await deel(data);
  // Remembered: the very object again.
  expect(await deel(data)).toBe(eerst);
  const zip = await Zip.loadAsync(data);
  zip.file("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>");
  const uit = await zip.generateAsync({ type: "uint8array" });
  vergeet(data, uit, undefined);
  const weer = await deel(data);
  expect(weer).not.toBe(eerst);
  expect(weer).toEqual(eerst);
  // The written archive reads as JSZip reads it.
  expect(await (await JSZip.loadAsync(uit)).file("xl/worksheets/sheet1.xml")?.async("string")).toBe(
    "<worksheet><sheetData/></worksheet>",
  );
});
