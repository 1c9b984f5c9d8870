/**
 * `npm run check:bundle` (part of `npm test`): builds the production Worker as
 * `wrangler deploy` would (`--dry-run`: nothing is uploaded, no login needed)
 * and fails when it would not deploy, or when its gzipped size passes the
 * budget. Workers take 3 MB gzipped on the free plan and 10 MB on paid; the
 * budget is far below, to catch a heavy dependency the day it arrives.
 *
 *   node scripts/check-bundle.ts [environment]      (default: production)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { fail, wrangler } from "./wrangler.ts";

/** The budget for the Worker's code, gzipped (it was 228 KiB when set). */
export const BUNDLE_BUDGET_KIB = 300;

const env = process.argv[2] ?? "production";
const out = mkdtempSync(join(tmpdir(), "kf-bundle-"));
try {
  const run = wrangler(["deploy", "--dry-run", "--outdir", out, "--env", env]);
  if (run.status !== 0) fail(`the ${env} bundle would not deploy:\n${run.stdout}${run.stderr}`);
  let raw = 0;
  let gzip = 0;
  for (const file of readdirSync(out).filter((f) => /\.(js|mjs|wasm)$/.test(f))) {
    const bytes = readFileSync(join(out, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const kib = (n: number) => (n / 1024).toFixed(1);
  const line = `${env} bundle: ${kib(raw)} KiB, ${kib(gzip)} KiB gzipped (budget ${BUNDLE_BUDGET_KIB} KiB gzipped)`;
  if (gzip > BUNDLE_BUDGET_KIB * 1024) fail(`${line}: over budget`);
  process.stdout.write(`bundle: ${line}\n`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
