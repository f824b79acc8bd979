/**
 * LibreOffice (headless) as a real spreadsheet engine for tests:
 * - `herberekenMetLibreOffice` converts .xlsx files to .xlsx in ONE soffice call with a fresh profile that forces
 *   a full recalculation on load (Calc keeps the cached values otherwise), so the converted files hold the values
 *   LibreOffice computed for every formula; `naarPdfMetLibreOffice` exports them to PDF (as Calc prints them);
 * - `pdfPaginas` reads a PDF's page count and page size with pdfinfo, `pdfTeksten` its pages' text (poppler-utils);
 * - `bewerkMetLibreOffice` lets LibreOffice edit .xlsx files as a user would (a Basic macro in a fresh profile:
 *   insert a column, add a comment, protect a sheet, own Basic) and store them as .xlsx, also in ONE call.
 */
import { execFile, spawn } from "child_process";
import { existsSync, promises as fs } from "fs";
import os from "os";
import path from "path";
import { pathToFileURL } from "url";
import programmas from "./programmas";

/** Path of soffice, or undefined when LibreOffice is not installed (found in ./programmas.js). */
export const { vindSoffice } = programmas;
/** Path of pdftotext when poppler-utils (pdfinfo, pdftotext) is installed, else undefined. */
export const { vindPoppler } = programmas;

/** registrymodifications.xcu: always recalculate OOXML and ODF files on load (0 = always). */
const PROFIEL = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Converts all `bestanden` (.xlsx) in one soffice call; returns the converted paths (same names, in `uitMap`)
 * and how long the call took.
 */
export async function herberekenMetLibreOffice(
  soffice: string,
  bestanden: readonly string[],
  uitMap: string,
): Promise<{ uitvoer: string[]; ms: number }> {
  return converteerMetLibreOffice(soffice, bestanden, uitMap, "xlsx");
}

/**
 * Exports all `bestanden` (.xlsx) to PDF in one soffice call, as Calc prints them (page setup, print areas, titles,
 * recalculated first); returns the PDF paths (same base names, in `uitMap`).
 */
export async function naarPdfMetLibreOffice(
  soffice: string,
  bestanden: readonly string[],
  uitMap: string,
): Promise<{ uitvoer: string[]; ms: number }> {
  return converteerMetLibreOffice(soffice, bestanden, uitMap, "pdf");
}

async function converteerMetLibreOffice(
  soffice: string,
  bestanden: readonly string[],
  uitMap: string,
  formaat: "xlsx" | "pdf",
): Promise<{ uitvoer: string[]; ms: number }> {
  const profiel = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-lo-profiel-"));
  await fs.mkdir(path.join(profiel, "user"), { recursive: true });
  await fs.writeFile(path.join(profiel, "user", "registrymodifications.xcu"), PROFIEL);
  await fs.mkdir(uitMap, { recursive: true });
  const begin = Date.now();
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=file://${profiel}`,
          "--headless",
          "--norestore",
          "--nologo",
          "--convert-to",
          formaat,
          "--outdir",
          uitMap,
          ...bestanden,
        ],
        { timeout: 180_000 },
        (fout, _stdout, stderr) =>
          fout ? reject(new Error(`soffice: ${fout.message}\n${stderr}`)) : resolve(),
      );
    });
  } finally {
    await fs.rm(profiel, { recursive: true, force: true });
  }
  const uitvoer = bestanden.map((b) => path.join(uitMap, `${path.basename(b, path.extname(b))}.${formaat}`));
  for (const u of uitvoer) if (!existsSync(u)) throw new Error(`LibreOffice schreef ${u} niet`);
  return { uitvoer, ms: Date.now() - begin };
}

/** Page count and size (points) of a PDF, from pdfinfo (poppler-utils). */
export async function pdfPaginas(pdf: string): Promise<{ paginas: number; breed: number; hoog: number }> {
  const uit = await new Promise<string>((resolve, reject) =>
    execFile("pdfinfo", [pdf], (fout, stdout) => (fout ? reject(fout) : resolve(stdout))),
  );
  const paginas = Number(/^Pages:\s+(\d+)/m.exec(uit)?.[1]);
  const m = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(uit);
  return { paginas, breed: Number(m?.[1]), hoog: Number(m?.[2]) };
}

/** The text of every page of a PDF (pdftotext, layout kept), in order. */
export async function pdfTeksten(pdf: string): Promise<string[]> {
  const uit = await new Promise<string>((resolve, reject) =>
    execFile("pdftotext", ["-layout", pdf, "-"], { maxBuffer: 64 * 1024 * 1024 }, (fout, stdout) =>
      fout ? reject(fout) : resolve(stdout),
    ),
  );
  // Pages end in a form feed.
  return uit.split("\f").slice(0, -1);
}

// ---------------------------------------------------------------------------------------------------------
// Macros: LibreOffice edits a workbook as a user would (insert a column, protect a sheet, add a comment) and
// saves it as .xlsx — the file Opgave must then refill. No python UNO here: a LibreOffice Basic module in a fresh
// profile, run with `soffice "macro:///Standard.Opgave.Main"`; all files of a suite in one call.

/** One edit LibreOffice makes, in the order given. Sheets by name, rows and columns 1-based. */
export type LoStap =
  /** Insert one whole sheet column before `kolom` (Calc shifts formulas, tables and notes as it does for a user). */
  | {
      soort: "kolomInvoegen";
      blad: string;
      kolom: number;
      /** Header text in row `kopRij` of the new column. */
      kop?: { rij: number; tekst: string };
      /** Values in the new column, by row. */
      waarden?: readonly { rij: number; waarde: string | number }[];
    }
  /** Protect a sheet (Calc's Tools > Protect Sheet), optionally with a password. */
  | { soort: "beveilig"; blad: string; wachtwoord?: string }
  /**
   * A comment (note) on a cell, e.g. "C3". Before `beveilig`: on a protected sheet Calc accepts it without an
   * error but does not store it in the .xlsx.
   */
  | { soort: "opmerking"; blad: string; cel: string; tekst: string }
  /**
   * A value in a cell: a number, or text; text starting with "=" is a formula in Calc's own syntax
   * ("=$Taakstelling.I10", not "=Taakstelling!I10": the API takes no Excel syntax).
   */
  | { soort: "waarde"; blad: string; cel: string; waarde: string | number }
  /** Own Basic statements, with the open document in `oDoc` (for what the named steps do not cover). */
  | { soort: "basic"; code: string };

/** One workbook: opened from `invoer` (left untouched), edited, stored as .xlsx at `uitvoer`. */
export interface LoOpdracht {
  invoer: string;
  uitvoer: string;
  stappen: readonly LoStap[];
}

/** A Basic string literal; Basic literals cannot hold line breaks, so those are joined with Chr(10). */
export function basicTekst(s: string): string {
  return s
    .split("\n")
    .map((r) => `"${r.replace(/"/g, '""')}"`)
    .join(" & Chr(10) & ");
}

function basicWaarde(w: string | number): string {
  if (typeof w === "number") {
    if (!Number.isFinite(w)) throw new Error(`geen eindig getal: ${w}`);
    return String(w);
  }
  return basicTekst(w);
}

/** The helpers the generated Main calls (the small set of named edits). */
const BASIC_HULP = `
Function OpenVerborgen(sPad As String) As Object
  Dim a(0) As New com.sun.star.beans.PropertyValue
  a(0).Name = "Hidden"
  a(0).Value = True
  OpenVerborgen = StarDesktop.loadComponentFromURL(ConvertToURL(sPad), "_blank", 0, a())
End Function

Sub BewaarXlsx(oDoc As Object, sPad As String)
  Dim a(1) As New com.sun.star.beans.PropertyValue
  a(0).Name = "FilterName"
  a(0).Value = "Calc MS Excel 2007 XML"
  a(1).Name = "Overwrite"
  a(1).Value = True
  oDoc.storeToURL(ConvertToURL(sPad), a())
End Sub

Function Blad(oDoc As Object, sNaam As String) As Object
  Blad = oDoc.Sheets.getByName(sNaam)
End Function

Sub ZetWaarde(oDoc As Object, sBlad As String, sCel As String, vWaarde As Variant)
  Dim oCel As Object
  oCel = Blad(oDoc, sBlad).getCellRangeByName(sCel)
  If VarType(vWaarde) = 8 Then
    If Left(vWaarde, 1) = "=" Then
      oCel.setFormula(vWaarde)
    Else
      oCel.setString(vWaarde)
    End If
  Else
    oCel.setValue(vWaarde)
  End If
End Sub

Sub KolomInvoegen(oDoc As Object, sBlad As String, nKolom As Long)
  Blad(oDoc, sBlad).Columns.insertByIndex(nKolom - 1, 1)
End Sub

Sub Beveilig(oDoc As Object, sBlad As String, sWachtwoord As String)
  Blad(oDoc, sBlad).protect(sWachtwoord)
End Sub

Sub Opmerking(oDoc As Object, sBlad As String, sCel As String, sTekst As String)
  Dim oBlad As Object
  oBlad = Blad(oDoc, sBlad)
  oBlad.Annotations.insertNew(oBlad.getCellRangeByName(sCel).CellAddress, sTekst)
End Sub

Sub Sluit(oDoc As Object)
  ' An error while closing must not stop the next files. Here, not in Main: there "On Error Resume Next" would
  ' stay in force for the next files (LibreOffice Basic), hiding their errors.
  On Error Resume Next
  If Not IsNull(oDoc) Then oDoc.close(True)
End Sub

Sub Meld(sPad As String, sRegel As String)
  Dim f As Integer
  f = FreeFile
  Open sPad For Append As #f
  Print #f, sRegel
  Close #f
End Sub
`;

function kolomLetters(k: number): string {
  let s = "";
  for (let n = k; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Basic lines of one step; `sStap` names it in the error line when it fails. */
function stapBasic(s: LoStap, i: number): string[] {
  return [`sStap = ${basicTekst(`stap ${i + 1} (${s.soort})`)}`, ...stapRegels(s)];
}

function stapRegels(s: LoStap): string[] {
  const b = (t: string) => basicTekst(t);
  switch (s.soort) {
    case "kolomInvoegen": {
      if (!Number.isInteger(s.kolom) || s.kolom < 1) throw new Error(`kolom ${s.kolom}`);
      const l = kolomLetters(s.kolom);
      return [
        `KolomInvoegen(oDoc, ${b(s.blad)}, ${s.kolom})`,
        ...(s.kop ? [`ZetWaarde(oDoc, ${b(s.blad)}, "${l}${s.kop.rij}", ${b(s.kop.tekst)})`] : []),
        ...(s.waarden ?? []).map(
          (w) => `ZetWaarde(oDoc, ${b(s.blad)}, "${l}${w.rij}", ${basicWaarde(w.waarde)})`,
        ),
      ];
    }
    case "beveilig":
      return [`Beveilig(oDoc, ${b(s.blad)}, ${b(s.wachtwoord ?? "")})`];
    case "opmerking":
      return [`Opmerking(oDoc, ${b(s.blad)}, ${b(s.cel)}, ${b(s.tekst)})`];
    case "waarde":
      return [`ZetWaarde(oDoc, ${b(s.blad)}, ${b(s.cel)}, ${basicWaarde(s.waarde)})`];
    case "basic":
      return s.code.split("\n");
  }
}

/**
 * The Basic module for `opdrachten`: Main handles every file in turn and appends one line per file to `log`
 * ("ok <n>" or "fout <n> bij <step> …" with Basic's error number, line and text), then closes LibreOffice. A runtime error
 * must not reach a dialog (headless, nobody clicks it away), so every file runs under an error handler.
 */
export function macroModule(opdrachten: readonly LoOpdracht[], log: string): string {
  const regels: string[] = ["Sub Main", "  Dim oDoc As Object, sStap As String"];
  opdrachten.forEach((o, i) => {
    regels.push(
      `  On Error GoTo Fout${i}`,
      `  sStap = "openen"`,
      `  oDoc = OpenVerborgen(${basicTekst(o.invoer)})`,
      ...o.stappen.flatMap(stapBasic).map((r) => `  ${r}`),
      `  sStap = "bewaren"`,
      `  BewaarXlsx(oDoc, ${basicTekst(o.uitvoer)})`,
      `  Meld(${basicTekst(log)}, "ok ${i}")`,
      `  GoTo Opruimen${i}`,
      `Fout${i}:`,
      `  Meld(${basicTekst(log)}, "fout ${i} bij " & sStap & ": " & Err & " (regel " & Erl & ") " & Error$)`,
      `  Resume Opruimen${i}`,
      `Opruimen${i}:`,
      `  Sluit(oDoc)`,
      `  oDoc = Nothing`,
    );
  });
  regels.push("  On Error Resume Next", "  StarDesktop.terminate()", "End Sub");
  return `${regels.join("\n")}\n${BASIC_HULP}`;
}

const BIBLIOTHEKEN = (soort: "script" | "dialog") => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" xlink:href="$(USER)/basic/Standard/${soort}.xlb/" xlink:type="simple" library:link="false"/>
</library:libraries>
`;

const BIBLIOTHEEK = (elementen: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">${elementen}</library:library>
`;

function xml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * registrymodifications.xcu of the macro profile: as PROFIEL (recalculate on load, so the stored cached values
 * are LibreOffice's), plus "installation completed". Without that flag a fresh profile counts as new and
 * LibreOffice copies its presets over user/basic on start — the module would be gone before Main is looked up.
 */
const MACRO_PROFIEL = PROFIEL.replace(
  "</oor:items>",
  `<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" oor:op="fuse"><value>true</value></prop></item>
</oor:items>`,
);

/**
 * Runs `Standard.Opgave.Main` of the Basic module `module` (the whole module text) headless in a fresh profile,
 * in one soffice call; kills the whole process tree after `timeoutMs`. Returns how long the call took.
 */
export async function voerMacroUit(
  soffice: string,
  module: string,
  timeoutMs = 180_000,
): Promise<{ ms: number; stderr: string }> {
  const profiel = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-lo-macro-"));
  const basic = path.join(profiel, "user", "basic");
  await fs.mkdir(path.join(basic, "Standard"), { recursive: true });
  await fs.writeFile(path.join(profiel, "user", "registrymodifications.xcu"), MACRO_PROFIEL);
  await fs.writeFile(path.join(basic, "script.xlc"), BIBLIOTHEKEN("script"));
  await fs.writeFile(path.join(basic, "dialog.xlc"), BIBLIOTHEKEN("dialog"));
  await fs.writeFile(
    path.join(basic, "Standard", "script.xlb"),
    BIBLIOTHEEK('\n <library:element library:name="Opgave"/>\n'),
  );
  await fs.writeFile(path.join(basic, "Standard", "dialog.xlb"), BIBLIOTHEEK(""));
  await fs.writeFile(
    path.join(basic, "Standard", "Opgave.xba"),
    `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Opgave" script:language="StarBasic">${xml(module)}</script:module>
`,
  );
  const begin = Date.now();
  try {
    const stderr = await new Promise<string>((resolve, reject) => {
      // soffice is a script that starts oosplash, which starts soffice.bin: on a timeout the whole process group
      // goes, not just the script (a hung soffice.bin would otherwise outlive the test run).
      const p = spawn(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(profiel).href}`,
          "--headless",
          "--norestore",
          "--nologo",
          "--nodefault",
          "macro:///Standard.Opgave.Main",
        ],
        { detached: true, stdio: ["ignore", "pipe", "pipe"] },
      );
      let err = "";
      p.stdout.on("data", () => undefined);
      p.stderr.on("data", (d: Buffer) => (err += d.toString()));
      const klok = setTimeout(() => {
        if (p.pid !== undefined) process.kill(-p.pid, "SIGKILL");
        reject(new Error(`soffice: na ${timeoutMs} ms afgebroken\n${err}`));
      }, timeoutMs);
      p.on("error", (e) => {
        clearTimeout(klok);
        reject(e);
      });
      p.on("exit", (code) => {
        clearTimeout(klok);
        if (code === 0) resolve(err);
        else reject(new Error(`soffice: afsluitcode ${code}\n${err}`));
      });
    });
    return { ms: Date.now() - begin, stderr };
  } finally {
    await fs.rm(profiel, { recursive: true, force: true });
  }
}

/**
 * LibreOffice opens each `invoer`, makes its `stappen`, and stores it as .xlsx at `uitvoer` — all files in ONE
 * soffice call. Throws with LibreOffice's Basic error (per file) when a step failed or a file was not written.
 */
export async function bewerkMetLibreOffice(
  soffice: string,
  opdrachten: readonly LoOpdracht[],
): Promise<{ ms: number }> {
  const logMap = await fs.mkdtemp(path.join(os.tmpdir(), "opgave-lo-log-"));
  const log = path.join(logMap, "log.txt");
  try {
    for (const o of opdrachten) {
      if (!path.isAbsolute(o.invoer) || !path.isAbsolute(o.uitvoer))
        throw new Error(`geef absolute paden: ${o.invoer} → ${o.uitvoer}`);
      await fs.mkdir(path.dirname(o.uitvoer), { recursive: true });
      await fs.rm(o.uitvoer, { force: true });
    }
    const { ms, stderr } = await voerMacroUit(soffice, macroModule(opdrachten, log));
    const regels = existsSync(log) ? (await fs.readFile(log, "utf8")).split(/\r?\n/).filter(Boolean) : [];
    const fouten = opdrachten.flatMap((o, i) => {
      if (!regels.includes(`ok ${i}`)) {
        const f = regels.find((r) => r.startsWith(`fout ${i} `));
        return [`${o.invoer}: ${f ?? "de macro meldde niets (liep hij wel?)"}`];
      }
      return existsSync(o.uitvoer) ? [] : [`${o.uitvoer}: niet geschreven`];
    });
    if (fouten.length > 0) throw new Error(`LibreOffice-macro:\n${fouten.join("\n")}\n${stderr}`);
    return { ms };
  } finally {
    await fs.rm(logMap, { recursive: true, force: true });
  }
}
