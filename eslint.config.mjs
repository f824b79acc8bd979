import js from "@eslint/js";
import tseslint from "typescript-eslint";

// ---------------------------------------------------------------------------------------------------------------
// Architecture: which top-level folder of src/ may import which (tests/architectuur.test.ts proves a wrong import
// fails lint and that the folders have no import cycle).
//
//   domain     nothing but itself (plain TypeScript: no I/O, no zod, no Excel or Office packages)
//   data       domain, data                       (data/bronnen: Node-side, reads the CSV sources)
//   functions  domain, data
//   workbook   domain, data, workbook
//   taskpane   anything but cli
//   cli        anything but taskpane
//
// src/data/bronnen is never imported by the add-in's code (taskpane, functions, workbook, nor data's own
// modules, which the add-in bundles); scripts/, src/cli and tests use it.
// ---------------------------------------------------------------------------------------------------------------

/** An import (relative, any depth) of one of the given top-level folders of src/. */
function mapImport(mappen, importeur) {
  return {
    regex: `^(\\.\\./)+(${mappen.join("|")})(/|$)`,
    message: `src/${importeur} must not depend on src/${mappen.join(", src/")} (see the layers in eslint.config.mjs).`,
  };
}

const BRONNEN = {
  regex: "^(\\.\\./)+data/bronnen(/|$)",
  message:
    "src/data/bronnen (CSV sources → dataset) stays out of the add-in: only scripts/, src/cli and tests use it.",
};

/** Packages the domain may use: pure computation, no I/O. */
const DOMEIN_PAKKETTEN = ["fastest-levenshtein"];

const richting = (files, patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "dist-cli/", "coverage/", ".tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
      },
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },

  richting(
    ["src/domain/**/*.ts"],
    [
      {
        regex: "^\\.\\./",
        message:
          "src/domain depends on nothing but itself: not on src/data, src/workbook, src/functions, src/taskpane " +
          "or src/cli (the dataset's types are in ./model).",
      },
      {
        regex: `^(?!\\.{1,2}/)(?!(${DOMEIN_PAKKETTEN.join("|")})$)`,
        message:
          "src/domain uses no packages (zod, exceljs, jszip, Office) and no Node modules (node:*, fs, path); " +
          `allowed: ${DOMEIN_PAKKETTEN.join(", ")}.`,
      },
    ],
  ),
  richting(
    ["src/data/*.ts"],
    [
      mapImport(["workbook", "functions", "taskpane", "cli"], "data"),
      {
        regex: "^\\./bronnen(/|$)",
        message: BRONNEN.message,
      },
    ],
  ),
  richting(["src/data/bronnen/**/*.ts"], [mapImport(["workbook", "functions", "taskpane", "cli"], "data")]),
  richting(["src/functions/**/*.ts"], [mapImport(["workbook", "taskpane", "cli"], "functions"), BRONNEN]),
  richting(["src/workbook/**/*.ts"], [mapImport(["functions", "taskpane", "cli"], "workbook"), BRONNEN]),
  richting(["src/taskpane/**/*.ts"], [mapImport(["cli"], "taskpane"), BRONNEN]),
  richting(["src/cli/**/*.ts"], [mapImport(["taskpane"], "cli")]),

  {
    files: ["src/**/*.ts"],
    rules: { "max-lines-per-function": ["error", { max: 120 }] },
  },
);
