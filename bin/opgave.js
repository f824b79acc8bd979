#!/usr/bin/env node
"use strict";
// The `opgave` command: runs the compiled CLI (built by `npm ci`/`npm install` via the prepare script).
let cli;
try {
  cli = require("../dist-cli/cli/main.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND") {
    process.stderr.write(
      "opgave: de CLI is nog niet gebouwd. Voer eerst `npm ci` (of `npm run prepare`) uit.\n",
    );
    process.exit(2);
  }
  throw e;
}
cli.mainAsync(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`opgave: onverwachte fout: ${e && e.stack ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
