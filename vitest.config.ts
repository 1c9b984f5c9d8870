import { readFile } from "node:fs/promises";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { buildAssets } from "./scripts/build-assets.mjs";

// the pages' own scripts are static files, served before the Worker (which these tests call
// directly): built here, so a page's budget counts the real bytes of what it loads
await buildAssets();
const STATIC_SCRIPTS = ["/t/ticket.js", "/checkin/scanner.js", "/console/console.js"];

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        // a second, never-migrated database: proves health fails when D1 does; a third that
        // test/db/migrations-on-data.test.ts migrates step by step over data of the previous release
        d1Databases: ["DB", "EMPTY_DB", "MIGRATION_DB"],
        bindings: {
          ADMIN_TOKEN: "test-admin-token-0123456789abcdef",
          DATA_KEY: "test-data-key",
          SESSION_SECRET: "test-session-secret",
          SECURE_COOKIES: "true",
          // contribution figures on a chosen day (`?on=`), so tests never race the clock
          DATE_OVERRIDE: "allow",
          TEST_MIGRATIONS: await readD1Migrations("./migrations"),
          TEST_SEED_SQL: await readFile("./seed/demo.sql", "utf8"),
          TEST_STATIC: Object.fromEntries(await Promise.all(STATIC_SCRIPTS.map(async (p) => [p, await readFile(`./public${p}`, "utf8")]))),
          TEST_PREVIOUS_RELEASE_SQL: await readFile("./test/db/fixtures/previous-release.sql", "utf8"),
          TEST_WRANGLER_TOML: await readFile("./wrangler.toml", "utf8"),
        },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    exclude: ["test/e2e/**"],
    setupFiles: ["./test/setup.ts"],
    // generated-input tests run hundreds of requests: on a machine whose two cores
    // are shared they take longer than vitest's 5 s default, which is a bound, not a measure
    testTimeout: 60_000,
  },
}));
