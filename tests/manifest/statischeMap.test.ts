/**
 * scripts/statischeMap.ts: the file a request names inside the served folder, never one outside it (the static
 * server of `npm run test:excel` and of the browser tests).
 */
import fs from "fs";
import os from "os";
import path from "path";
import { bestandInMap } from "../../scripts/statischeMap";

let ouder: string;
let map: string;

beforeAll(() => {
  ouder = fs.mkdtempSync(path.join(os.tmpdir(), "opgave-statisch-"));
  map = path.join(ouder, "dist");
  fs.mkdirSync(path.join(map, "assets"), { recursive: true });
  fs.writeFileSync(path.join(map, "taskpane.html"), "<html></html>");
  fs.writeFileSync(path.join(map, "assets", "icon 16.png"), "png");
  // A sibling folder whose name starts like the served one, and a file next to the folder.
  fs.mkdirSync(path.join(ouder, "dist2"));
  fs.writeFileSync(path.join(ouder, "dist2", "geheim.txt"), "x");
  fs.writeFileSync(path.join(ouder, "geheim.txt"), "x");
});
afterAll(() => fs.rmSync(ouder, { recursive: true, force: true }));

test("a file in the folder or below it, %-escapes decoded", () => {
  expect(bestandInMap(map, "/taskpane.html")).toBe(path.join(map, "taskpane.html"));
  expect(bestandInMap(map, "/assets/icon%2016.png")).toBe(path.join(map, "assets", "icon 16.png"));
});

test("nothing outside the folder: .., an escaped .., a sibling folder with the same prefix", () => {
  expect(bestandInMap(map, "/../geheim.txt")).toBeUndefined();
  expect(bestandInMap(map, "/%2e%2e/geheim.txt")).toBeUndefined();
  expect(bestandInMap(map, "/..%2fgeheim.txt")).toBeUndefined();
  expect(bestandInMap(map, "/../dist2/geheim.txt")).toBeUndefined();
});

test("no answer for a folder, a missing file or a malformed escape", () => {
  expect(bestandInMap(map, "/")).toBeUndefined();
  expect(bestandInMap(map, "/assets")).toBeUndefined();
  expect(bestandInMap(map, "/bestaat-niet.js")).toBeUndefined();
  expect(bestandInMap(map, "/%E0%A4%A")).toBeUndefined();
});
