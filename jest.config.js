/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
    // @noble/ed25519 is an ES module only: let ts-jest turn it into CommonJS for the tests.
    "^.+/@noble/.+\\.js$": ["ts-jest", { tsconfig: { allowJs: true }, isolatedModules: true }],
  },
  transformIgnorePatterns: ["/node_modules/(?!@noble/)"],
  testMatch: ["**/*.test.ts"],
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/tests/helpers/officeAddinManifestStub.ts" },
};
