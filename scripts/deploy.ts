/**
 * `npm run deploy` (production) and `npm run deploy:staging`: one command that
 * stops at the first thing wrong.
 *
 *  1. wrangler.toml: the environment exists, its database was created (no zero id)
 *  2. checks: types, layers, the production bundle and its budget, the workerd test suite
 *  3. the environment's required secrets are set on Cloudflare (names compared, never values)
 *  4. the database's Time Travel bookmark now, printed with the command that restores it
 *  5. pending migrations applied to that environment's database (`--remote`); one marked
 *     "breaks the running release" (the old Worker fails on it until step 6 ends) stops here
 *     unless `--accept-break` says the window is fine (outside fair hours)
 *  6. `wrangler deploy --env …`, then the URLs it answers on and a /healthz from each
 *
 *   node scripts/deploy.ts <staging|production> [--plan] [--accept-break]     (--plan: print the steps, run nothing remote)
 *
 * Needs `npx wrangler login` (or CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID in CI).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { breakingMigrations, d1Of, deployBlockers, deployedUrls, pendingMigrationNames, requiredSecretsOf, secretNames } from "./wrangler-config.ts";
import { fail, root, wrangler } from "./wrangler.ts";

const env = process.argv[2];
const planOnly = process.argv.includes("--plan");
const acceptBreak = process.argv.includes("--accept-break");
if (env !== "staging" && env !== "production") fail("usage: node scripts/deploy.ts <staging|production> [--plan] [--accept-break]");

const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
const step = (text: string) => process.stdout.write(`\n• ${text}\n`);

step(`1. wrangler.toml [env.${env}]`);
const blockers = deployBlockers(toml, env);
// --plan still shows the steps on a fresh clone (no database created yet), and says what stops them
if (blockers.length && !planOnly) fail(blockers.join("\n  "));
const db = d1Of(toml, env) ?? { binding: "DB", databaseName: `<the ${env} database>`, databaseId: "none" };
const secrets = requiredSecretsOf(toml, env);
process.stdout.write(`  database ${db.databaseName} (${db.databaseId}), secrets ${secrets.join(", ")}\n`);

if (planOnly) {
  if (blockers.length) process.stdout.write(`\n  it would stop here:\n  ${blockers.join("\n  ")}\n`);
  process.stdout.write(
    [
      "",
      "plan (nothing remote was run):",
      "  2. npm run typecheck && npm run check:layers && node scripts/check-bundle.ts " + env + " && npx vitest run",
      `  3. npx wrangler secret list --env ${env}   (must name ${secrets.join(", ")})`,
      `  4. npx wrangler d1 time-travel info ${db.databaseName} --env ${env} --json`,
      `  5. npx wrangler d1 migrations list ${db.binding} --remote --env ${env}: a pending one marked "breaks the running release" stops here without --accept-break`,
      `     npx wrangler d1 migrations apply ${db.binding} --remote --env ${env}`,
      `  6. npx wrangler deploy --env ${env}, then GET /healthz on each URL it prints`,
      "",
    ].join("\n"),
  );
  process.exit(blockers.length ? 1 : 0);
}

step("2. checks");
for (const [label, cmd, args] of [
  ["types", "npm", ["run", "--silent", "typecheck"]],
  ["layers", "npm", ["run", "--silent", "check:layers"]],
  ["bundle", process.execPath, [join(root, "scripts/check-bundle.ts"), env]],
  ["tests (workerd, real D1)", "npx", ["vitest", "run"]],
] as const) {
  process.stdout.write(`  ${label}\n`);
  const r = spawnSync(cmd, [...args], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) fail(`${label} failed: nothing was deployed`);
}

step("3. secrets on Cloudflare");
const listed = wrangler(["secret", "list", "--env", env, "--format", "json"]);
if (listed.status !== 0) fail(`could not list the secrets (logged in? \`npx wrangler login\`):\n${listed.stderr}`);
const have = secretNames(listed.stdout);
const missing = secrets.filter((s) => !have.includes(s));
if (missing.length) fail(`missing secrets, set each (32+ random characters, e.g. \`openssl rand -base64 32\`):\n${missing.map((s) => `  npx wrangler secret put ${s} --env ${env}`).join("\n")}`);
process.stdout.write(`  ${secrets.join(", ")}: set\n`);

step("4. Time Travel bookmark before migrating");
const info = wrangler(["d1", "time-travel", "info", db.databaseName, "--env", env, "--json"]);
if (info.status !== 0) fail(`could not read the database's bookmark:\n${info.stderr}`);
const bookmark = /"bookmark"\s*:\s*"([^"]+)"/.exec(info.stdout)?.[1];
if (!bookmark) fail(`no bookmark in:\n${info.stdout}`);
process.stdout.write(`  ${bookmark}\n  to go back to this moment: npx wrangler d1 time-travel restore ${db.databaseName} --env ${env} --bookmark=${bookmark}\n`);

step("5. migrations");
const pendingList = wrangler(["d1", "migrations", "list", db.binding, "--remote", "--env", env]);
if (pendingList.status !== 0) fail(`could not list the pending migrations:\n${pendingList.stderr}`);
const pending = pendingMigrationNames(pendingList.stdout);
process.stdout.write(`  pending: ${pending.length ? pending.join(", ") : "none"}\n`);
const breaking = breakingMigrations(pending.map((name) => ({ name, sql: readFileSync(join(root, "migrations", name), "utf8") })));
if (breaking.length) {
  const why = `${breaking.join(", ")} ${breaking.length > 1 ? "break" : "breaks"} the running release: from the migration until step 6 ends, the Worker now live fails on the database (see the file's "breaks the running release" line)`;
  if (!acceptBreak) fail(`${why}.\nDeploy outside fair hours and run again with --accept-break. Nothing was migrated or deployed.`);
  process.stdout.write(`  ⚠ ${why}: accepted (--accept-break)\n`);
}
const migrated = wrangler(["d1", "migrations", "apply", db.binding, "--remote", "--env", env], { show: true });
if (migrated.status !== 0) fail("migrations failed: the Worker was not deployed (the database is as the failed migration left it; D1 applies each migration as one transaction)");

step("6. deploy");
const deployed = wrangler(["deploy", "--env", env]);
process.stdout.write(deployed.stdout);
if (deployed.status !== 0) fail(`deploy failed:\n${deployed.stderr}`);
const urls = deployedUrls(deployed.stdout);
for (const url of urls) {
  const health = await fetch(`${url}/healthz`).then((r) => r.status, () => 0);
  process.stdout.write(`  ${url}  (/healthz ${health || "unreachable"})\n`);
}
process.stdout.write(`\n✓ ${env} is live${urls.length ? `: ${urls.join(" ")}` : ""}\n`);
