/**
 * What exceljs reads of an existing workbook for a grafted refill. The merge (./xlsxWriter) works on Opgave's
 * sheets, and exceljs writes only those; the user's own sheets are copied by the graft as they are. So exceljs
 * need not build a model of them — for a large sheet of the user's own, most of a refill's time — unless Opgave's
 * side reads them:
 * - a formula on an Opgave sheet (an input the user made a formula) mentions a sheet of the user's, a name that
 *   is not Opgave's, or another workbook: the cached results are computed from those cells;
 * - an Opgave_ name points into a sheet of the user's (an input kept elsewhere);
 * - an Opgave_ table stands on a sheet of the user's (a table moved there).
 * The test is by text and errs on the safe side: any doubt and exceljs reads the whole package, as before.
 * Otherwise each sheet of the user's is given to exceljs empty, without its relationships. Browser-safe.
 */
import Zip from "./zip";
import { attribuut, bladPaden, LEGE_RELS, relaties, relsPad, pad, xmlTerug } from "./xlsxOnderdelen";

const WERKBLAD = /^xl\/worksheets\/[^/]+\.xml$/;
const LEEG_BLAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>';

/** The workbook's defined names: name and what it refers to. */
function namen(werkboek: string): { naam: string; verwijzing: string }[] {
  return [...werkboek.matchAll(/<definedName\b([^<>]*)>([^<]*)<\/definedName>/g)].map((m) => ({
    naam: attribuut(m[1] ?? "", "name") ?? "",
    verwijzing: xmlTerug(m[2] ?? ""),
  }));
}

/** How a formula can mention sheet `naam`: as it is, or quoted with its apostrophes doubled. */
function schrijfwijzen(naam: string): string[] {
  return [naam.toLowerCase(), naam.replace(/'/g, "''").toLowerCase()];
}

/**
 * Whether some formula of the sheet `xml` might mention one of `zoek` (lower case) or an external workbook (`[1]`):
 * the whole XML searched once, in lower case (text outside formulas may make it say yes; no means none does).
 * Undefined when a term holds a character the XML may write otherwise (`&<>"'`) or a sigma (whose lower case
 * depends on what stands beside it).
 */
function misschienGenoemd(xml: string, zoek: readonly string[]): boolean | undefined {
  if (zoek.some((z) => z === "" || /[&<>"'σςΣ]/.test(z))) return undefined;
  const klein = xml.toLowerCase();
  return /\[\d+\]/.test(klein) || zoek.some((z) => klein.includes(z));
}

/**
 * Whether Opgave's side of the merge reads any of the user's sheets (`gebruikers`: name and part; see the module
 * comment); `eigen`: Opgave's sheets, name and part.
 */
async function gebruikersBladenNodig(
  zip: Zip,
  eigen: ReadonlyArray<readonly [string, string]>,
  gebruikers: ReadonlyArray<readonly [string, string]>,
): Promise<boolean> {
  const tekst = async (naam: string) => (await zip.file(naam)?.async("string")) ?? "";
  const bladNamen = gebruikers.flatMap(([naam]) => schrijfwijzen(naam));
  const gedefinieerd = namen(await tekst("xl/workbook.xml"));
  const wijstNaarGebruiker = (verwijzing: string) =>
    bladNamen.some((b) => verwijzing.toLowerCase().includes(b));
  if (gedefinieerd.some((n) => n.naam.startsWith("Opgave_") && wijstNaarGebruiker(n.verwijzing))) return true;
  for (const [, deel] of gebruikers) {
    for (const r of relaties(await tekst(relsPad(deel)))) {
      if (r.extern || !r.type.endsWith("/table")) continue;
      const kop = /<table\b[^<>]*>/.exec(await tekst(pad(deel, r.target)))?.[0] ?? "";
      if (
        /^Opgave_/i.test(attribuut(kop, "name") ?? "") ||
        /^Opgave_/i.test(attribuut(kop, "displayName") ?? "")
      )
        return true;
    }
  }
  const zoek = [
    ...bladNamen,
    ...gedefinieerd
      .filter((n) => !n.naam.startsWith("Opgave_") && !n.naam.startsWith("_xlnm."))
      .map((n) => n.naam.toLowerCase()),
  ];
  for (const [, deel] of eigen) {
    const xml = await tekst(deel);
    if (misschienGenoemd(xml, zoek) === false) continue;
    for (const m of xml.matchAll(/<f\b[^<>]*>([^<]*)<\/f>/g)) {
      const formule = xmlTerug(m[1] ?? "").toLowerCase();
      if (/\[\d+\]/.test(formule) || zoek.some((z) => formule.includes(z))) return true;
    }
  }
  return false;
}

/** Every part of `zip` (name and content, in the archive's order): what ./exceljsLaden reads. */
async function delenVan(zip: Zip): Promise<[string, Uint8Array][]> {
  const uit: [string, Uint8Array][] = [];
  for (const [naam, deel] of Object.entries(zip.files)) uit.push([naam, await deel.async("uint8array")]);
  return uit;
}

/** The parts of `zip` with these worksheets (name, part) empty and without their relationships. */
function metLegeBladen(
  zip: Zip,
  leeg: ReadonlyArray<readonly [string, string]>,
): Promise<[string, Uint8Array][]> {
  for (const [, deel] of leeg) {
    zip.file(deel, LEEG_BLAD);
    if (zip.file(relsPad(deel))) zip.file(relsPad(deel), LEGE_RELS);
  }
  return delenVan(zip);
}

/**
 * Parts a graft takes from the original and never from what exceljs writes, and that nothing of Opgave's side
 * reads: the theme (styles refer to its colours by number), the document properties and the package's own
 * relationships (exceljs's load reads them into its model and drops them unused).
 */
const NIET_VOOR_ENT = /^(?:xl\/theme\/|docProps\/|_rels\/\.rels$)/;

/**
 * The parts exceljs reads for a refill of `bestaand` (for ./exceljsLaden: ./zip inflated them once, for the checks
 * before): for a graft the user's own sheets empty when Opgave's side does not read them, and without the parts the
 * graft keeps from the original anyway (`NIET_VOOR_ENT`); else every part as it is.
 */
export async function delenVoorSamenvoegen(
  bestaand: Uint8Array | ArrayBuffer,
  eigenBladen: readonly string[],
  graft: boolean,
): Promise<[string, Uint8Array][]> {
  const zip = await Zip.loadAsync(bestaand);
  if (!graft) return delenVan(zip);
  const eigenNamen = new Set(eigenBladen);
  const paden = [...(await bladPaden(zip))];
  const [eigen, gebruikers] = [
    paden.filter(([n]) => eigenNamen.has(n)),
    paden.filter(([n]) => !eigenNamen.has(n)),
  ];
  // Worksheets only: exceljs does not read a chart sheet (nor does the graft change it).
  const leeg = gebruikers.filter(([, deel]) => WERKBLAD.test(deel));
  const delen =
    leeg.length === 0 || (await gebruikersBladenNodig(zip, eigen, gebruikers))
      ? await delenVan(zip)
      : await metLegeBladen(zip, leeg);
  return delen.filter(([naam]) => !NIET_VOOR_ENT.test(naam));
}
