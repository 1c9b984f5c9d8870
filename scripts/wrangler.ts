/** Running the project's own wrangler from the scripts (on the project's Node), without telemetry or prompts. */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { resolve } from "node:path";

export const root = resolve(import.meta.dirname, "..");
const cli = resolve(root, "node_modules/wrangler/bin/wrangler.js");
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_UPDATE_NOTIFIER: "1" };

/** wrangler with `args`; its output captured (or shown, with `show`). */
export function wrangler(args: string[], opts: { show?: boolean; cwd?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [cli, ...args], {
    cwd: opts.cwd ?? root,
    env,
    encoding: "utf8",
    stdio: opts.show ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Prints `message` and ends the script with a failure. */
export function fail(message: string): never {
  process.stderr.write(`\n✗ ${message}\n`);
  process.exit(1);
}
