/**
 * The key profile of the add-in build (webpack.config.js): which trusted publisher keys are compiled in as
 * OPGAVE_VERTROUWDE_SLEUTELS, and that a production build refuses a development key.
 */
import fs from "fs";
import path from "path";
import { ROOT } from "../helpers/browser";

interface Sleutel {
  id: string;
  naam: string;
  sleutel: string;
  ontwikkeling?: boolean;
}
type Config = {
  entry: Record<string, unknown>;
  optimization: { splitChunks: { cacheGroups: Record<string, { name?: string; chunks?: string }> } };
  plugins: { definitions?: Record<string, string>; userOptions?: { filename?: string; chunks?: string[] } }[];
};
const webpackConfig = jest.requireActual<
  ((env: Record<string, unknown>, argv: Record<string, unknown>) => Config) & {
    vertrouwdeSleutels: (config: unknown, profiel: string) => Sleutel[];
  }
>(path.join(ROOT, "webpack.config.js"));

const bestand = JSON.parse(fs.readFileSync(path.join(ROOT, "manifest/vertrouwde-sleutels.json"), "utf8")) as {
  profielen: { development: Sleutel[]; production: Sleutel[] };
};
const ontwikkel = bestand.profielen.development.find((s) => s.ontwikkeling === true)!;

function ingebouwd(env: Record<string, unknown>, mode: string): Sleutel[] {
  const define = webpackConfig(env, { mode }).plugins.find((p) => p.definitions?.OPGAVE_VERTROUWDE_SLEUTELS);
  return JSON.parse(define!.definitions!.OPGAVE_VERTROUWDE_SLEUTELS!) as Sleutel[];
}

describe("webpack key profile", () => {
  test("development mode trusts the development profile; production mode the production profile", () => {
    expect(ontwikkel).toBeDefined();
    expect(ingebouwd({}, "development")).toEqual(bestand.profielen.development);
    expect(ingebouwd({}, "production")).toEqual(bestand.profielen.production);
    expect(ingebouwd({}, "production").some((s) => s.ontwikkeling)).toBe(false);
  });

  test("--env profiel=development in a production build (the browser tests) trusts the development key", () => {
    expect(ingebouwd({ profiel: "development", localOffice: true }, "production").map((s) => s.id)).toContain(
      ontwikkel.id,
    );
  });

  test("a development key in the production profile fails the build with a clear message", () => {
    const config = { profielen: { development: [], production: [ontwikkel] } };
    expect(() => webpackConfig.vertrouwdeSleutels(config, "production")).toThrow(
      /productieprofiel vertrouwt een ontwikkelsleutel \(opgave-[0-9a-f]{16}\)/,
    );
    expect(webpackConfig.vertrouwdeSleutels(config, "development")).toEqual([]);
  });

  test("malformed keys and unknown profiles are refused", () => {
    const met = (s: object) => ({ profielen: { development: [s], production: [] } });
    const fout = (s: object) => () => webpackConfig.vertrouwdeSleutels(met(s), "development");
    expect(fout({ ...ontwikkel, algoritme: "RSA" })).toThrow(/algoritme moet "Ed25519"/);
    expect(fout({ ...ontwikkel, formaat: "pem" })).toThrow(/formaat moet "opgave-sleutel"/);
    expect(fout({ ...ontwikkel, naam: "" })).toThrow(/naam ontbreekt/);
    expect(fout({ ...ontwikkel, id: "opgave-0000000000000000" })).toThrow(/hoort niet bij deze sleutel/);
    expect(fout({ ...ontwikkel, sleutel: "AAAA" })).toThrow(/3 bytes, verwacht 32/);
    expect(() => webpackConfig.vertrouwdeSleutels({ profielen: {} }, "production")).toThrow(
      /profielen\.production ontbreekt/,
    );
    expect(() => webpackConfig({ profiel: "test" }, { mode: "production" })).toThrow(
      /onbekend sleutelprofiel/,
    );
  });
});

describe("webpack: the pane's Web Worker", () => {
  test("its own entry, loading its chunks with importScripts, sharing the one exceljs chunk; not in the page", () => {
    const config = webpackConfig({}, { mode: "production" });
    // Its own entry, not new Worker(new URL(…, import.meta.url)): tsconfig.json compiles to CommonJS.
    expect(config.entry.leesWerker).toEqual({
      import: "./src/taskpane/leesWerker.ts",
      chunkLoading: "import-scripts",
    });
    expect(config.optimization.splitChunks.cacheGroups.exceljs).toMatchObject({
      name: "exceljs",
      chunks: "all",
    });
    const pagina = config.plugins.find((p) => p.userOptions?.filename === "taskpane.html");
    expect(pagina?.userOptions?.chunks).toEqual(["taskpane"]);
  });
});
