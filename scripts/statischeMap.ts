/**
 * Serving a built add-in folder over HTTP(S), for `npm run test:excel` (scripts/test-excel.ts) and the browser
 * tests (tests/helpers/browser.ts): which file a request path names — never one outside the folder — and how to
 * send it with its content type.
 */
import fs from "fs";
import type { ServerResponse } from "http";
import path from "path";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".sig": "text/plain",
};

/** The file inside `map` that URL path `urlPad` names ("/taskpane.html"), or undefined (none, a folder, outside). */
export function bestandInMap(map: string, urlPad: string): string | undefined {
  const basis = path.resolve(map);
  let pad: string;
  try {
    pad = path.resolve(path.join(basis, decodeURIComponent(urlPad)));
  } catch {
    return undefined; // a malformed %-escape
  }
  if (!pad.startsWith(basis + path.sep)) return undefined;
  return fs.existsSync(pad) && fs.statSync(pad).isFile() ? pad : undefined;
}

/** Sends file `pad` (from `bestandInMap`) with status 200, its content type and `kop` as extra headers. */
export function stuurBestand(res: ServerResponse, pad: string, kop: Record<string, string> = {}): void {
  res.writeHead(200, { "content-type": TYPES[path.extname(pad)] ?? "application/octet-stream", ...kop });
  fs.createReadStream(pad).pipe(res);
}
