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
        // no internet in tests: every outbound fetch goes to a local stand-in of Turnstile's siteverify
        outboundService: "turnstile-standin",
        workers: [{ name: "turnstile-standin", modules: true, scriptPath: "./test/turnstile-standin.js", compatibilityDate: "2026-11-01" }],
        bindings: {
          // strong enough to be accepted (32 characters or more: src/base/config/secrets.ts)
          ADMIN_TOKEN: "test-admin-token-0123456789abcdef",
          DATA_KEY: "test-data-key-0123456789abcdefghij",
          SESSION_SECRET: "test-session-secret-0123456789abcdef",
          SECURE_COOKIES: "true",
          // Cloudflare's published test keys: this site key always passes, and so does this secret
          TURNSTILE_SITE_KEY: "1x00000000000000000000AA",
          TURNSTILE_SECRET: "1x0000000000000000000000000000000AA",
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
    // two cores shared with other suites: a request that takes 20 ms idle can take a second or two;
    // a limit here only catches a hang, it never decides a result (property tests set their own)
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
}));
