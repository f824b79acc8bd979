#!/usr/bin/env node
"use strict";
// The `opgave` command: runs the compiled CLI (built by `npm ci`/`npm install` via the prepare script).
// Output ends quietly when its reader goes away (`opgave … | head -1`: EPIPE), the run still completes; an error
// never prints a stack trace unless OPGAVE_DEBUG=1 (a user error is a Dutch sentence, an internal one says so).

/** A line on stderr that cannot crash (stderr may be a closed pipe as well). */
function fout(tekst) {
  try {
    if (!process.stderr.destroyed) process.stderr.write(`${tekst}\n`);
  } catch {
    // nowhere left to say it
  }
}
for (const stroom of [process.stdout, process.stderr]) stroom.on("error", () => undefined);

let cli;
try {
  cli = require("../dist-cli/cli/main.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND") {
    fout("opgave: de CLI is nog niet gebouwd. Voer eerst `npm ci` (of `npm run prepare`) uit.");
    process.exit(2);
  }
  throw e;
}
cli.bewaakStandaardUitvoer();
cli.mainAsync(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    const debug = process.env.OPGAVE_DEBUG === "1";
    if (e && typeof e.code === "string" && typeof e.message === "string") {
      // A file-system error (no space, no permission, …): the situation, not a bug.
      fout(`opgave: ${e.message}`);
    } else {
      const melding = e && e.message ? e.message : String(e);
      fout(
        `opgave: onverwachte fout: ${melding}. Meld dit aan de beheerder` +
          (debug ? "." : " (met OPGAVE_DEBUG=1 ziet u de details)."),
      );
    }
    if (debug && e && e.stack) fout(e.stack);
    process.exitCode = 1;
  },
);
