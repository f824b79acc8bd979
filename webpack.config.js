// Builds the add-in: one page (taskpane.html) that loads both the task pane and the custom functions
// (shared runtime), plus functions.json generated from the JSDoc in src/functions/functions.ts.
//
//   webpack --mode production                      office.js from Microsoft's CDN (what Excel loads)
//   webpack --mode production --env localOffice    office.js served from our own origin (offline, tests)
//   --env zelftest                                 test build of `npm run test:excel` (runs the self-test on load)
//   --env profiel=development|production           which trusted publisher keys to build in (default: production
//                                                  for --mode production, development otherwise)
const { Buffer } = require("buffer");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const webpack = require("webpack");
const TerserPlugin = require("terser-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_DIST = path.resolve(__dirname, "node_modules/@microsoft/office-js/dist");
// The local copy: the loader, the runtime files it fetches for Excel hosts, and Dutch/English strings.
const LOCAL_OFFICE_FILES = [
  "office.js",
  "o15apptofilemappingtable.js",
  "custom-functions-runtime.js",
  "excel-*.js",
  "excelwebapp-*.js",
  "telemetry/**",
  "en-us/**",
  "nl-nl/**",
];

const SLEUTELS_PAD = path.resolve(__dirname, "manifest/vertrouwde-sleutels.json");
const PROFIELEN = ["development", "production"];

function sleutelFout(tekst) {
  return new Error(`manifest/vertrouwde-sleutels.json: ${tekst}`);
}

/** One trusted key, checked like src/data/handtekening.ts does (shape, 32 bytes, id derived from the key). */
function controleerSleutel(s, waar) {
  if (typeof s !== "object" || s === null) throw sleutelFout(`${waar} is geen sleutel`);
  if (s.formaat !== "opgave-sleutel") throw sleutelFout(`${waar}: formaat moet "opgave-sleutel" zijn`);
  if (s.algoritme !== "Ed25519") throw sleutelFout(`${waar}: algoritme moet "Ed25519" zijn`);
  if (typeof s.naam !== "string" || s.naam.trim() === "") throw sleutelFout(`${waar}: naam ontbreekt`);
  if (typeof s.id !== "string" || !/^opgave-[0-9a-f]{16}$/.test(s.id))
    throw sleutelFout(`${waar}: id moet "opgave-" + 16 hexadecimale tekens zijn`);
  if (typeof s.sleutel !== "string" || !/^[A-Za-z0-9+/]+={0,2}$/.test(s.sleutel))
    throw sleutelFout(`${waar}: sleutel moet base64 zijn`);
  const raw = Buffer.from(s.sleutel, "base64");
  if (raw.length !== 32) throw sleutelFout(`${waar}: sleutel is ${raw.length} bytes, verwacht 32`);
  const id = `opgave-${crypto.createHash("sha256").update(raw).digest("hex").slice(0, 16)}`;
  if (id !== s.id) throw sleutelFout(`${waar}: id ${s.id} hoort niet bij deze sleutel (verwacht ${id})`);
  if (s.ontwikkeling !== undefined && typeof s.ontwikkeling !== "boolean")
    throw sleutelFout(`${waar}: ontwikkeling moet true of false zijn`);
}

/**
 * The publisher keys this build trusts (injected as OPGAVE_VERTROUWDE_SLEUTELS, read by
 * src/data/vertrouwdeSleutels.ts). The production profile may never trust a development key: the build fails.
 */
function vertrouwdeSleutels(config, profiel) {
  if (!PROFIELEN.includes(profiel))
    throw new Error(`onbekend sleutelprofiel "${profiel}" (--env profiel=development of profiel=production)`);
  const sleutels = config && config.profielen ? config.profielen[profiel] : undefined;
  if (!Array.isArray(sleutels)) throw sleutelFout(`profielen.${profiel} ontbreekt of is geen lijst`);
  sleutels.forEach((s, i) => controleerSleutel(s, `profielen.${profiel}[${i}]`));
  const ontwikkel = sleutels.filter((s) => s.ontwikkeling === true);
  if (profiel === "production" && ontwikkel.length > 0)
    throw sleutelFout(
      `het productieprofiel vertrouwt een ontwikkelsleutel (${ontwikkel.map((s) => s.id).join(", ")}); ` +
        "haal die uit profielen.production",
    );
  return sleutels;
}

// Trusted localhost certificates from `npx office-addin-dev-certs install`, when present; otherwise
// webpack-dev-server makes a self-signed one (fine for the browser preview, not trusted by Excel).
function devServerHttps() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const bestand = (naam) => path.join(dir, naam);
  if (!fs.existsSync(bestand("localhost.crt"))) return "https";
  return {
    type: "https",
    options: { key: bestand("localhost.key"), cert: bestand("localhost.crt"), ca: bestand("ca.crt") },
  };
}

/** The modules exceljs's browser build loads in place of Node's and JSZip (src/workbook/exceljs*.ts). */
const EXCELJS_ADAPTERS = /src[\\/]workbook[\\/]exceljs(Zip|Process|ZonderCsv)\.ts$/;

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  const localOffice = Boolean(env.localOffice) || !production;
  const profiel = typeof env.profiel === "string" ? env.profiel : production ? "production" : "development";
  const sleutels = vertrouwdeSleutels(JSON.parse(fs.readFileSync(SLEUTELS_PAD, "utf8")), profiel);
  return {
    mode: production ? "production" : "development",
    // Source maps in development builds only, and for our own code only (mapping the copied office.js files
    // would take over a minute): see SourceMapDevToolPlugin below. The production dist/ ships none.
    devtool: false,
    // One start script for the shared runtime: the custom functions (engine, embedded data, wrappers) and the
    // small pane starter. The pane itself (src/taskpane/taskpane.ts and what it imports: zod, feed, bundle
    // management, plans, writers, consolidation) is an async chunk the starter loads once the page is ready;
    // it shares the one engine and the one copy of the data with the functions.
    //
    // leesWerker: the pane's Web Worker (src/taskpane/leesWerker.ts reads the gemeente workbooks of a consolidation
    // off the main thread). Its own entry, not `new Worker(new URL(…, import.meta.url))`: tsconfig.json compiles to
    // CommonJS, where import.meta is an error. It has its own runtime and loads its chunks with importScripts —
    // exceljs is the one exceljs.js chunk the pane loads lazily too. Not in taskpane.html: the pane starts it.
    entry: {
      // --env zelftest (npm run test:excel only): the test build also runs the self-test scenarios on load in
      // Excel and posts the results to the receiver that serves it (src/taskpane/zelftest/automatisch.ts).
      taskpane: [
        "./src/functions/functions.ts",
        "./src/taskpane/start.ts",
        ...(env.zelftest ? ["./src/taskpane/zelftest/automatisch.ts"] : []),
      ],
      leesWerker: { import: "./src/taskpane/leesWerker.ts", chunkLoading: "import-scripts" },
    },
    output: {
      path: path.resolve(__dirname, env.out || "dist"),
      filename: "[name].js",
      clean: true,
    },
    optimization: {
      // The copied office.js files are Microsoft's own minified builds: do not minify them again. (exceljs is built
      // from its sources below, so it is minified with the rest.)
      minimizer: [new TerserPlugin({ exclude: /^office-js\// })],
      splitChunks: {
        cacheGroups: {
          // "all": the pane's lazy chunks and the worker's entry share this one file.
          // exceljs with the ports of Node modules its sources need; fflate (the one zip library) is shared by
          // exceljs and our own zip code.
          exceljs: {
            test: /[\\/]node_modules[\\/](exceljs|readable-stream|buffer|base64-js|ieee754|events|inherits|string_decoder|safe-buffer|util-deprecate|saxes|xmlchars|uuid|fflate)[\\/]|[\\/]src[\\/]workbook[\\/]exceljs(Zip|Process|ZonderCsv)\.ts$/,
            name: "exceljs",
            chunks: "all",
          },
        },
      },
    },
    resolve: {
      extensions: [".ts", ".js", ".json"],
      alias: {
        // exceljs from its sources, not its prebuilt bundle (which carries a JSZip of its own, and polyfills a
        // modern webview does not need): its zip on ./src/workbook/exceljsZip.ts (fflate, the one zip library of
        // dist/), Node's stream/buffer/events from their npm ports, no CSV support (unused), no polyfills.
        exceljs$: path.resolve(__dirname, "node_modules/exceljs/lib/exceljs.browser.js"),
        jszip$: path.resolve(__dirname, "src/workbook/exceljsZip.ts"),
        stream: require.resolve("readable-stream"),
        "core-js": false,
        "regenerator-runtime/runtime": false,
      },
      fallback: {
        fs: false,
        crypto: false,
        path: false,
        os: false,
        buffer: require.resolve("buffer/"),
        events: require.resolve("events/"),
      },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: [/node_modules/, EXCELJS_ADAPTERS], // ES modules for webpack, so that import() becomes a separate chunk (exceljs loads only on download).
          use: {
            loader: "ts-loader",
            // Only the files this rule builds: the exceljs adapters are CommonJS (`export =`), an error as ES2020;
            // `npm run typecheck` checks every file.
            options: { onlyCompileBundledFiles: true, compilerOptions: { module: "es2020" } },
          },
        },
        {
          // exceljs `require`s these (CommonJS, `export =`).
          test: EXCELJS_ADAPTERS,
          use: {
            loader: "ts-loader",
            options: { instance: "exceljs-adapters", compilerOptions: { module: "commonjs" } },
          },
        },
      ],
    },
    performance: {
      maxAssetSize: 1_500_000,
      maxEntrypointSize: 1_500_000,
      assetFilter: (f) => !f.startsWith("office-js/"),
    },
    plugins: [
      // exceljs's CSV module (unused) is not built: see src/workbook/exceljsZonderCsv.ts.
      new webpack.NormalModuleReplacementPlugin(/^\.\.\/csv\/csv$/, (resource) => {
        if (/exceljs[\\/]lib[\\/]doc$/.test(resource.context))
          resource.request = path.resolve(__dirname, "src/workbook/exceljsZonderCsv.ts");
      }),
      new webpack.ProvidePlugin({
        Buffer: ["buffer", "Buffer"],
        process: path.resolve(__dirname, "src/workbook/exceljsProcess.ts"),
      }),
      new webpack.DefinePlugin({
        OPGAVE_VERSIE: JSON.stringify(require("./package.json").version),
        OPGAVE_VERTROUWDE_SLEUTELS: JSON.stringify(sleutels),
      }),
      ...(production
        ? []
        : [
            new webpack.SourceMapDevToolPlugin({ filename: "[file].map", exclude: /^(office-js\/|exceljs)/ }),
          ]),
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        templateParameters: { officeJs: localOffice ? "office-js/office.js" : OFFICE_JS_CDN },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          ...(localOffice
            ? [
                {
                  from: "{" + LOCAL_OFFICE_FILES.join(",") + "}",
                  context: OFFICE_JS_DIST,
                  to: "office-js",
                  globOptions: { ignore: ["**/*.debug.js"] },
                },
              ]
            : []),
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      port: Number(process.env.PORT || 3000),
      headers: { "Access-Control-Allow-Origin": "*" },
      server: devServerHttps(),
      client: { overlay: false },
    },
  };
};

// For tests/taskpane/webpackConfig.test.ts (webpack only calls the exported function).
module.exports.vertrouwdeSleutels = vertrouwdeSleutels;
