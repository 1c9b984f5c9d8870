import { readFile } from "node:fs/promises";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        // a second, never-migrated database: proves health fails when D1 does
        d1Databases: ["DB", "EMPTY_DB"],
        bindings: {
          ADMIN_TOKEN: "test-admin-token-0123456789abcdef",
          DATA_KEY: "test-data-key",
          SESSION_SECRET: "test-session-secret",
          SECURE_COOKIES: "true",
          TEST_MIGRATIONS: await readD1Migrations("./migrations"),
          TEST_SEED_SQL: await readFile("./seed/demo.sql", "utf8"),
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
