import { defineConfig } from "vitest/config";

/** Browser tests: Node side, Debian's chromium, against a real `wrangler dev`. */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["./test/e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // a poll waits for a condition; on two shared cores a page can take seconds to get there,
    // so the bound is generous (a passing poll returns as soon as its condition holds)
    expect: { poll: { timeout: 30_000 } },
  },
});
