/**
 * Two projects:
 * - `unit`: fast, in-process, no external programs (`npm run test:unit`);
 * - `integratie`: headless Chromium, LibreOffice, the built CLI and scripts, real HTTP servers
 *   (`npm run test:integratie`).
 * `npm test` runs both. tests/helpers/programmas.ts (globalSetup) says in one loud line per missing program
 * which suites are skipped and how to install it; under CI=true a missing program fails the run.
 */
const gedeeld = {
  testEnvironment: "node",
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
    // @noble/ed25519 is an ES module only: let ts-jest turn it into CommonJS for the tests.
    "^.+/@noble/.+\\.js$": ["ts-jest", { tsconfig: { allowJs: true }, isolatedModules: true }],
  },
  transformIgnorePatterns: ["/node_modules/(?!@noble/)"],
};

/** Suites that start a browser or LibreOffice, spawn the CLI or scripts, or serve HTTP on loopback. */
const INTEGRATIE = [
  "<rootDir>/tests/**/*.e2e.test.ts",
  "<rootDir>/tests/cli/**/*.test.ts",
  "<rootDir>/tests/manifest/**/*.test.ts",
  "<rootDir>/tests/workbook/libreoffice.test.ts",
  "<rootDir>/tests/workbook/libreofficeHerbevulling.test.ts",
  "<rootDir>/tests/workbook/libreofficeResultaten.test.ts",
  "<rootDir>/tests/workbook/libreofficeAfdruk.test.ts",
  "<rootDir>/tests/workbook/consolideren.test.ts",
  "<rootDir>/tests/workbook/begrensdLezen.test.ts",
  "<rootDir>/tests/data/feed.test.ts",
  "<rootDir>/tests/data/bundel.test.ts",
  "<rootDir>/tests/scripts/proefXlsx.test.ts",
];

const { vindChromium } = require("./tests/helpers/programmas.js");
/** Without Chromium (and outside CI) the browser suites are not collected; globalSetup says so loudly. */
const BROWSER = ["<rootDir>/tests/**/*.e2e.test.ts"];

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: "<rootDir>/tests/helpers/programmas.js",
  projects: [
    {
      ...gedeeld,
      displayName: "unit",
      roots: ["<rootDir>/tests"],
      testMatch: ["<rootDir>/tests/**/*.test.ts"],
      testPathIgnorePatterns: INTEGRATIE.map((p) =>
        p
          .replace("<rootDir>", "")
          .replace(/\./g, "\\.")
          .replace(/\*\*\//g, "(.*/)?")
          .replace(/\*/g, "[^/]*"),
      ),
    },
    {
      ...gedeeld,
      displayName: "integratie",
      roots: ["<rootDir>/tests"],
      // A longer default timeout than jest's 5 s (tests/helpers/integratieTijd.ts).
      setupFilesAfterEnv: ["<rootDir>/tests/helpers/integratieTijd.ts"],
      testMatch: INTEGRATIE.filter(
        (p) => vindChromium() || process.env.CI === "true" || !BROWSER.includes(p),
      ),
    },
  ],
};
