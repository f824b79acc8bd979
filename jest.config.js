/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testMatch: ["**/*.test.ts"],
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/tests/helpers/officeAddinManifestStub.ts" },
};
