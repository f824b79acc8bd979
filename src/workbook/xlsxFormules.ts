/**
 * The formulas of an .xlsx package that are not Opgave's, read from its XML (./rijBetekenis checks which of them
 * read rows of Opgave's tables that a refill fills with something else): every cell formula outside Opgave's
 * cells and tables, the formulas of conditional formats and validations on the user's own sheets and beside
 * Opgave's cells on its sheets, the defined
 * names, also those scoped to a sheet (not Excel's own `_xlnm.` ones: print areas, filters), the series of
 * charts on the user's own sheets and of the user's charts on Opgave's sheets (a refill keeps those: ./xlsxEnten),
 * and where hyperlinks go in the workbook (`location`).
 * A shared formula is read once, from the cell that holds its text, with the rectangle it is filled over; a
 * format's or validation's formula over several cells also as its relative references sweep them.
 * Browser-safe: ./zip only.
 */
import {
  bevatEen,
  bladVerwijzing,
  blokVanaf,
  decodeerBereik,
  overlapt,
  rechthoekTussen,
  type Rechthoek,
} from "./a1";
import { uitgestrekt } from "./kolomVerplaatsing";
import { xmlTekstTerug } from "./pakketControle";
import { grafiekPlek, naamPlek, type FormuleVanGebruiker } from "./rijBetekenis";
import Zip from "./zip";
import { gedeeldeTeksten } from "./xlsxEnten";
import {
  attribuut,
  bereikbaar,
  bladPaden,
  relatieGraaf,
  tekeningVan,
  tekeningVanGebruiker,
} from "./xlsxOnderdelen";

/** What may follow an element's name in its start tag: white space, ">" or "/". */
const NA_NAAM = new Set([" ", "\t", "\n", "\r", ">", "/"]);

/**
 * The elements `<naam …>…</naam>` (or `<naam …/>`) of `xml` in order: their attributes and content (undefined for
 * an empty element). One pass, each search going on where the last one ended — linear also for a hostile part
 * (an element that is never closed ends the search).
 */
function* elementen(
  xml: string,
  naam: string,
): Generator<{ attributen: string; inhoud: string | undefined }> {
  const [open, sluit] = [`<${naam}`, `</${naam}>`];
  for (let p = 0; ;) {
    const i = xml.indexOf(open, p);
    if (i < 0) return;
    p = i + open.length;
    if (!NA_NAAM.has(xml.charAt(p))) continue;
    const eind = xml.indexOf(">", p);
    if (eind < 0) return;
    if (xml.charAt(eind - 1) === "/") {
      yield { attributen: xml.slice(p, eind - 1), inhoud: undefined };
      p = eind + 1;
      continue;
    }
    const j = xml.indexOf(sluit, eind);
    if (j < 0) return;
    yield { attributen: xml.slice(p, eind), inhoud: xml.slice(eind + 1, j) };
    p = j + sluit.length;
  }
}

/** The text of a string item (`<si>`, `<is>`): its `<t>` runs together. */
function tekstVanItem(inhoud: string | undefined): string {
  let tekst = "";
  for (const t of elementen(inhoud ?? "", "t")) tekst += t.inhoud ?? "";
  return tekst;
}

/** The numbers of the shared strings that are empty texts (`<si><t/></si>`). */
function legeGedeeldeTeksten(xml: string): ReadonlySet<number> {
  const leeg = new Set<number>();
  gedeeldeTeksten(xml).forEach((si, i) => {
    if (tekstVanItem(si) === "") leeg.add(i);
  });
  return leeg;
}

/**
 * A cell that holds an empty text and no formula: it shows nothing, as an empty cell (Excel's "paste values" of a
 * formula that gave "" leaves such cells; in Excel, Office.js reads them as empty too).
 */
function legeTekst(
  c: { attributen: string; inhoud: string | undefined },
  leeg: ReadonlySet<number>,
): boolean {
  const inhoud = c.inhoud ?? "";
  if (inhoud.includes("<f")) return false;
  const soort = attribuut(`<c${c.attributen}>`, "t");
  if (soort === "inlineStr") return tekstVanItem(elementen(inhoud, "is").next().value?.inhoud) === "";
  const v = elementen(inhoud, "v").next().value;
  if (!v) return false;
  if (soort === "s") return leeg.has(Number(v.inhoud ?? ""));
  return soort === "str" && (v.inhoud ?? "") === "";
}

/**
 * The cell formulas of a sheet's XML outside `eigen` (a shared formula where its text is); on one of Opgave's sheets
 * (`opgave`) also each cell of the user's there that holds something, where it stands (`op` "cel": beside a table,
 * ./rijBetekenis names it when another gemeente comes to stand beside it).
 */
function celFormules(
  blad: string,
  xml: string,
  eigen: readonly Rechthoek[],
  opgave: boolean,
  legeTeksten: ReadonlySet<number>,
): FormuleVanGebruiker[] {
  const uit: FormuleVanGebruiker[] = [];
  // A formula filled down or across, as Excel stores it: its text in the first cell, the others refer to it by
  // number. Its cells are one formula (`FormuleVanGebruiker.deelVan`), named by its range.
  const gedeeld = new Map<string, string>();
  for (const c of elementen(xml, "c")) {
    const f = c.inhoud?.includes("<f") ? elementen(c.inhoud, "f").next().value : undefined;
    const r = attribuut(`<c${c.attributen}>`, "r");
    const plaats = r === undefined ? undefined : decodeerBereik(r);
    if (!plaats || bevatEen(eigen, plaats.rij1, plaats.kol1)) continue;
    const tag = f ? `<f${f.attributen}>` : "";
    const si = attribuut(tag, "t") === "shared" ? attribuut(tag, "si") : undefined;
    const over = si !== undefined && f?.inhoud ? attribuut(tag, "ref") : undefined;
    if (si !== undefined && over !== undefined) gedeeld.set(si, `${bladVerwijzing(blad)}!${over}`);
    const deelVan = si === undefined ? undefined : gedeeld.get(si);
    // On one of Opgave's sheets a value or formula of the user's is also where it stands: beside a table's row
    // (after its formula: what that reads says more; one finding per place).
    const staat: FormuleVanGebruiker[] =
      opgave && /<(v|is|f)\b/.test(c.inhoud ?? "") && !legeTekst(c, legeTeksten)
        ? [
            {
              plek: `${bladVerwijzing(blad)}!${r ?? ""}`,
              blad,
              formule: r ?? "",
              op: "cel",
              ...(deelVan === undefined ? {} : { deelVan }),
            },
          ]
        : [];
    const bereik = over === undefined ? undefined : decodeerBereik(over);
    if (f?.inhoud)
      uit.push({
        plek: deelVan ?? `${bladVerwijzing(blad)}!${r}`,
        blad,
        formule: xmlTekstTerug(f.inhoud),
        ...(bereik
          ? { herhaald: { rijen: bereik.rij2 - plaats.rij1 + 1, kolommen: bereik.kol2 - plaats.kol1 + 1 } }
          : {}),
      });
    uit.push(...staat);
  }
  return uit;
}

/** Where the hyperlinks of a sheet go in the workbook (`location`), as "formulas" that read that place. */
function linkDoelen(blad: string, xml: string): FormuleVanGebruiker[] {
  return [...elementen(xml, "hyperlink")].flatMap((e) => {
    const tag = `<hyperlink${e.attributen}>`;
    const [ref, locatie] = [attribuut(tag, "ref"), attribuut(tag, "location")];
    if (ref === undefined || !locatie) return [];
    return [
      { plek: `hyperlink op ${bladVerwijzing(blad)}!${ref}`, blad, formule: locatie, link: true as const },
    ];
  });
}

/**
 * The elements holding a format's, validation's or sparkline's formulas, with its cells (`sqref`) and those
 * formulas' names.
 */
const OVER_CELLEN = [
  ["conditionalFormatting", ["formula"]],
  ["dataValidation", ["formula1", "formula2"]],
  ["x14:conditionalFormatting", ["xm:f"]],
  ["x14:dataValidation", ["xm:f"]],
  ["x14:sparkline", ["xm:f"]],
] as const;

/** The ranges of a format's or validation's cells (`sqref`: ranges apart by spaces). */
function bereikenVan(sqref: string | undefined): Rechthoek[] {
  return (sqref ?? "").split(/\s+/).flatMap((r) => {
    const b = decodeerBereik(r);
    return b ? [rechthoekTussen(b.rij1, b.kol1, b.rij2, b.kol2)] : [];
  });
}

/**
 * The formulas of a sheet's conditional formats and validations (x14 ones too) and sparklines: on a user's sheet all
 * of them; on one of Opgave's sheets (`eigen`: its cells and tables) those standing beside them (Opgave's own, and
 * the user's on a table's rows, which are asked about by their cells, lie on them). Each as its relative references
 * sweep its cells (`uitgestrekt`; one cell, or cells that cannot be read: as written).
 */
function opmaakFormules(blad: string, xml: string, eigen?: readonly Rechthoek[]): FormuleVanGebruiker[] {
  const plek = `in de opmaak of gegevensvalidatie van blad ${bladVerwijzing(blad)}`;
  return OVER_CELLEN.flatMap(([houder, namen]) =>
    [...elementen(xml, houder)].flatMap((h) => {
      const bereiken = bereikenVan(
        attribuut(`<h${h.attributen}>`, "sqref") ??
          elementen(h.inhoud ?? "", "xm:sqref").next().value?.inhoud,
      );
      const naast = bereiken.length > 0 && !bereiken.some((b) => eigen?.some((e) => overlapt(e, b)));
      if (eigen && !naast) return [];
      const { rijen, kolommen } = blokVanaf(bereiken);
      return namen.flatMap((naam) =>
        [...elementen(h.inhoud ?? "", naam)].map((e) => ({
          plek,
          blad,
          formule: uitgestrekt(xmlTekstTerug(e.inhoud ?? ""), blad, rijen, kolommen),
        })),
      );
    }),
  );
}

/**
 * The defined names' formulas; a name scoped to a sheet (`localSheetId`: that sheet's place in the workbook) is
 * named as Excel shows it, with its sheet ("'Mijn blad'!Totaal").
 */
function naamFormules(werkboek: string): FormuleVanGebruiker[] {
  const bladen = [...elementen(werkboek, "sheet")].map((e) => attribuut(`<s${e.attributen}>`, "name") ?? "");
  return [...elementen(werkboek, "definedName")]
    .map((e) => {
      const tag = `<d${e.attributen}>`;
      const plaats = attribuut(tag, "localSheetId");
      const blad = plaats === undefined ? undefined : bladen[Number(plaats)];
      return { naam: attribuut(tag, "name") ?? "", blad, tekst: e.inhoud ?? "" };
    })
    .filter((n) => !n.naam.startsWith("_xlnm."))
    .map(({ naam, blad, tekst }) => ({
      plek: naamPlek(naam, blad),
      blad: blad ?? "",
      formule: xmlTekstTerug(tekst),
    }));
}

const NS_GRAFIEK = "http://schemas.openxmlformats.org/drawingml/2006/chart";

/**
 * The prefix of a chart part's own elements as its root declares it: "c:" as Excel writes it, "" where the chart
 * namespace is the default one (openpyxl: `<chartSpace xmlns="…">`, its series' sources then `<f>`).
 */
function grafiekVoorvoegsel(xml: string): string {
  const wortel = /<(?:[\w.-]+:)?chartSpace\b[^<>]*>/.exec(xml)?.[0] ?? "";
  if (attribuut(wortel, "xmlns") === NS_GRAFIEK) return "";
  const m = new RegExp(`\\sxmlns:([\\w.-]+)="${NS_GRAFIEK.replace(/[./]/g, "\\$&")}"`).exec(wortel);
  return `${m?.[1] ?? "c"}:`;
}

/**
 * The formulas of package `data` that are not Opgave's. `eigen`: for one of Opgave's sheets the rectangles of its
 * cells and tables (formulas there are Opgave's), undefined for a sheet of the user's.
 */
export async function formulesVanGebruiker(
  data: Uint8Array | ArrayBuffer,
  eigen: (blad: string) => readonly Rechthoek[] | undefined,
): Promise<FormuleVanGebruiker[]> {
  const zip = await Zip.loadAsync(data);
  const uit: FormuleVanGebruiker[] = [];
  const eigenPaden: string[] = [];
  const paden = await bladPaden(zip);
  let legeTeksten: ReadonlySet<number> | undefined;
  for (const [blad, pad] of paden) {
    const xml = (await zip.file(pad)?.async("string")) ?? "";
    const opgave = eigen(blad);
    if (opgave && !legeTeksten)
      legeTeksten = legeGedeeldeTeksten((await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "");
    uit.push(
      ...celFormules(blad, xml, opgave ?? [], opgave !== undefined, legeTeksten ?? new Set()),
      ...linkDoelen(blad, xml),
    );
    if (opgave) eigenPaden.push(pad);
    uit.push(...opmaakFormules(blad, xml, opgave));
  }
  uit.push(...naamFormules((await zip.file("xl/workbook.xml")?.async("string")) ?? ""));
  // Charts hanging off the user's sheets (Opgave's own charts are made again with the table), and the user's
  // charts on Opgave's sheets (a refill keeps them: ./xlsxEnten `bewaardeTekeningen`).
  const graaf = await relatieGraaf(zip);
  const vanOpgave = bereikbaar(graaf, eigenPaden);
  for (const [blad, pad] of paden) {
    const delen = eigenPaden.includes(pad)
      ? await eigenGrafiekenOp(zip, pad)
      : [...bereikbaar(graaf, [pad])].filter((d) => !vanOpgave.has(d));
    for (const deel of delen) {
      if (!/^xl\/charts\/chart[^/]*\.xml$/.test(deel)) continue;
      const xml = (await zip.file(deel)?.async("string")) ?? "";
      const plek = grafiekPlek(blad);
      for (const e of elementen(xml, `${grafiekVoorvoegsel(xml)}f`))
        uit.push({ plek, blad: "", formule: xmlTekstTerug(e.inhoud ?? "") });
    }
  }
  return uit;
}

/** The chart parts of the user's charts on the drawing of sheet part `blad` (not Opgave's own chart). */
async function eigenGrafiekenOp(zip: Zip, blad: string): Promise<string[]> {
  const tekening = await tekeningVan(zip, blad);
  if (tekening === undefined) return [];
  return (await tekeningVanGebruiker(zip, tekening)).eigen.flatMap((a) =>
    a.grafiekDeel ? [a.grafiekDeel] : [],
  );
}
