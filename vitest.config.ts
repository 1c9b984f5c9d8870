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
        // no internet in tests: every outbound fetch goes to local stand-ins of Turnstile's siteverify
        // and of WhatsApp's Graph API endpoint, which check what the real ones check
        outboundService: "outbound-standin",
        workers: [{ name: "outbound-standin", modules: true, scriptPath: "./test/outbound-standin.js", compatibilityDate: "2026-11-01" }],
        bindings: {
          // strong enough to be accepted (32 characters or more: src/base/config/secrets.ts)
          ADMIN_TOKEN: "test-admin-token-0123456789abcdef",
          DATA_KEY: "test-data-key-0123456789abcdefghij",
          SESSION_SECRET: "test-session-secret-0123456789abcdef",
          SECURE_COOKIES: "true",
          // Cloudflare's published test keys: this site key always passes, and so does this secret
          TURNSTILE_SITE_KEY: "1x00000000000000000000AA",
          TURNSTILE_SECRET: "1x0000000000000000000000000000000AA",
          // WhatsApp through the stand-in (test/outbound-standin.js): its token, any number id, two templates
          WHATSAPP_GRAPH_URL: "https://graph.facebook.test",
          WHATSAPP_PHONE_NUMBER_ID: "106540352242922",
          WHATSAPP_TOKEN: "test-whatsapp-token-0123456789abcdefghij",
          WHATSAPP_TEMPLATE_TICKET: "kf_ticket",
          WHATSAPP_TEMPLATE_RECOVERY: "kf_recovery",
          WHATSAPP_APP_SECRET: "test-whatsapp-app-secret-0123456789abcdef",
          WHATSAPP_VERIFY_TOKEN: "test-whatsapp-verify-token-0123456789abcdef",
          // a failing channel's first retry after 1 s (then 2, 4): the queue's real retries and dead-letter
          // queue run in the tests without waiting minutes; the default schedule is tested on its own
          MESSAGE_RETRY_SECONDS: "1",
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
