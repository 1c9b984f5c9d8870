import { defineConfig } from "vitest/config";

/** Browser tests: Node side, Debian's chromium, against a real `wrangler dev`. */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["./test/e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // a page that shows in 100 ms on an idle machine can take seconds while other suites run:
    // polling waits up to 30 s for what must appear (a limit for a hang, never a verdict)
    expect: { poll: { timeout: 30_000 } },
  },
});
