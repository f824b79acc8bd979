// npm start: serve the add-in (embedded default dataset) on https://localhost:3000 and say how to use it.
// Works without Excel: the task pane also runs as a page in an ordinary browser.
import { spawn, spawnSync } from "child_process";
import { createRequire } from "module";
import path from "path";
import { fileURLToPath } from "url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const port = Number(process.env.PORT || 3000);
const url = `https://localhost:${port}`;

let voorbeeld = "";
try {
  const { main } = require(path.join(root, "dist-cli/cli/main.js"));
  const uit = [];
  main(["fn", "TAAKSTELLING", "Utrecht", "2024-I"], { out: (t) => uit.push(t), err: (t) => uit.push(t) });
  voorbeeld = `  Ingebouwde dataset: =OPGAVE.TAAKSTELLING("Utrecht";"2024-I") → ${uit.join(" ")}\n`;
} catch {
  voorbeeld = "  (CLI nog niet gebouwd: voer `npm ci` uit voor het voorbeeld)\n";
}

console.log(`
Opgave — Excel-invoegtoepassing
${voorbeeld}
  Taakvenster in de browser (voorbeeldweergave): ${url}/taskpane.html
  Manifest voor Excel:                           ${path.join(root, "manifest.xml")}

  Excel op het web:  Start → Invoegtoepassingen → Meer invoegtoepassingen → Mijn invoegtoepassingen →
                     "Mijn invoegtoepassing uploaden" → kies manifest.xml.
  Excel (Windows):   zet manifest.xml in een gedeelde netwerkmap, voeg die map toe onder
                     Bestand → Opties → Vertrouwenscentrum → Catalogi met vertrouwde invoegtoepassingen,
                     herstart Excel en kies Invoegen → Mijn invoegtoepassingen → Gedeelde map.
  Certificaat:       Excel vertrouwt alleen een vertrouwd https-certificaat. Op de ontwikkelmachine:
                     npx office-addin-dev-certs install (eenmalig); zonder dat gebruikt deze server
                     een zelfondertekend certificaat (browser: waarschuwing accepteren).
  Opdrachtregel:     npx opgave fn TAAKSTELLING Utrecht 2024-I

  Stoppen: Ctrl+C
`);

// The default feed (the embedded dataset as a bundle) is served from dist/ next to the pane.
spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/export-bundel.ts", "--out", "dist"], {
  cwd: root,
  stdio: "inherit",
});

const webpack = path.join(root, "node_modules/.bin/webpack");
const kind = spawn(webpack, ["serve", "--mode", "development"], { cwd: root, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => kind.kill(sig));
kind.on("exit", (code) => process.exit(code ?? 0));
