/**
 * The lean start of the shared runtime (webpack.config.js, src/taskpane/start.ts): the page's start script holds
 * the custom functions and a small starter; the pane is an async chunk (its reading worker a separate entry the
 * page does not load); production builds ship no source maps.
 * The size itself is data, not a test: `npm run bench` reports opstart_kb_gzip (bench/opstart.ts).
 */
import fs from "fs";
import path from "path";
import webpack from "webpack";
import { startScripts } from "../../bench/opstart";
import { ROOT } from "../helpers/browser";

type Config = { entry: Record<string, unknown>; plugins: unknown[] };
const webpackConfig = jest.requireActual<
  (env: Record<string, unknown>, argv: Record<string, unknown>) => Config
>(path.join(ROOT, "webpack.config.js"));

const bronkaarten = (c: Config) => c.plugins.filter((p) => p instanceof webpack.SourceMapDevToolPlugin);

test("the start script is the custom functions plus the starter, not the pane", () => {
  const { taskpane, ...andere } = webpackConfig({}, { mode: "production" }).entry;
  expect(taskpane).toEqual(["./src/functions/functions.ts", "./src/taskpane/start.ts"]);
  // The only other entry is the pane's Web Worker (leesWerker.js): not in the page, the pane starts it.
  expect(Object.keys(andere)).toEqual(["leesWerker"]);
  const starter = fs.readFileSync(path.join(ROOT, "src/taskpane/start.ts"), "utf8");
  expect(starter).toMatch(/await import\(\s*\/\* webpackChunkName: "paneel" \*\/ "\.\/taskpane"\)/);
  expect(starter).not.toMatch(/^import\b/m); // no static import: everything the pane needs loads later
});

test("source maps in development builds only", () => {
  expect(bronkaarten(webpackConfig({}, { mode: "production" }))).toHaveLength(0);
  expect(bronkaarten(webpackConfig({ localOffice: true }, { mode: "production" }))).toHaveLength(0);
  expect(bronkaarten(webpackConfig({}, { mode: "development" }))).toHaveLength(1);
});

test("the start size counts our scripts, not office.js from the CDN or its local copy", () => {
  const html =
    '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>' +
    '<script src="office-js/office.js"></script><script defer="defer" src="taskpane.js"></script>' +
    '<script src="//cdn.example/x.js"></script>';
  expect(startScripts(html)).toEqual(["taskpane.js"]);
});
