/**
 * The system programs the integration suites use, found once (jest.config.js and the suites ask here):
 * headless Chromium (browser tests of the task pane, IndexedDB), LibreOffice's soffice (recalculation of the
 * written workbooks) and poppler-utils' pdfinfo and pdftotext (reading LibreOffice's print of them). Used as
 * jest's globalSetup: one loud line per missing program saying what is skipped and how to install it — and under
 * CI=true a missing program fails the run instead.
 * Plain CommonJS: jest.config.js loads it before any transform exists.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const SOFFICE_KANDIDATEN = [
  "/usr/bin/soffice",
  "/usr/local/bin/soffice",
  "/usr/lib/libreoffice/program/soffice",
  "/opt/libreoffice/program/soffice",
];

/** Path of Chromium, or undefined. */
function vindChromium() {
  return fs.existsSync(CHROMIUM) ? CHROMIUM : undefined;
}

/** Path of a program on PATH, or undefined. */
function opPad(naam) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, naam))) return path.join(dir, naam);
  }
  return undefined;
}

/** Path of pdftotext when both poppler-utils programs the print test uses are there (PDFTOTEXT_PATH: as SOFFICE_PATH). */
function vindPoppler() {
  if (process.env.PDFTOTEXT_PATH)
    return fs.existsSync(process.env.PDFTOTEXT_PATH) ? process.env.PDFTOTEXT_PATH : undefined;
  return opPad("pdfinfo") ? opPad("pdftotext") : undefined;
}

/** Path of soffice, or undefined when LibreOffice is not installed. */
function vindSoffice() {
  // SOFFICE_PATH names the one to use (or, pointing nowhere, simulates a machine without LibreOffice).
  if (process.env.SOFFICE_PATH)
    return fs.existsSync(process.env.SOFFICE_PATH) ? process.env.SOFFICE_PATH : undefined;
  return opPad("soffice") ?? SOFFICE_KANDIDATEN.find((p) => fs.existsSync(p));
}

const PROGRAMMAS = [
  {
    naam: "Chromium",
    vind: vindChromium,
    waar: CHROMIUM,
    wat: "de browsertests van het taakvenster (tests/**/*.e2e.test.ts) en van IndexedDB",
    installeer: "sudo apt-get install -y chromium (Debian/Ubuntu), of zet CHROMIUM_PATH",
  },
  {
    naam: "LibreOffice",
    vind: vindSoffice,
    waar: process.env.SOFFICE_PATH || "soffice",
    wat: "de tests waarin LibreOffice de geschreven werkboeken herberekent en afdrukt (tests/workbook/libreoffice.test.ts, libreofficeHerbevulling, libreofficeResultaten, libreofficeAfdruk, een deel van consolideren en van tests/scripts/proefXlsx.test.ts)",
    installeer: "sudo apt-get install -y --no-install-recommends libreoffice-calc",
  },
  {
    naam: "poppler-utils",
    vind: vindPoppler,
    waar: process.env.PDFTOTEXT_PATH || "pdfinfo en pdftotext",
    wat: "de afdruktests (tests/workbook/libreofficeAfdruk.test.ts: pagina's en hun tekst in LibreOffice's PDF)",
    installeer: "sudo apt-get install -y --no-install-recommends poppler-utils",
  },
];

function ontbrekend() {
  return PROGRAMMAS.filter((p) => !p.vind());
}

const isCi = () => process.env.CI === "true" || process.env.CI === "1";

/** jest globalSetup. */
module.exports = async function controleerProgrammas() {
  const missen = ontbrekend();
  if (missen.length === 0) return;
  if (isCi())
    throw new Error(
      `CI=true, maar ${missen.map((p) => `${p.naam} (${p.waar})`).join(" en ")} ontbreekt: ` +
        `installeer ${missen.map((p) => p.installeer).join("; ")}.`,
    );
  for (const p of missen)
    process.stderr.write(
      `\n⚠⚠ OVERGESLAGEN: ${p.naam} ontbreekt (${p.waar}) — ${p.wat} draaien niet. Installeer: ${p.installeer}.\n`,
    );
};
module.exports.vindChromium = vindChromium;
module.exports.vindSoffice = vindSoffice;
module.exports.vindPoppler = vindPoppler;
module.exports.ontbrekend = ontbrekend;
