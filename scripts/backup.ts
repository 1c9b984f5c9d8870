/**
 * `npm run backup`: exports a D1 database to a dated SQL file in backups/ that
 * restores into an empty database (`wrangler d1 execute <db> --file <file>`).
 * `wrangler d1 export` alone writes each table's rows right after its CREATE
 * TABLE, in alphabetical order, so booths' rows come before the events table
 * they refer to and the file does not load (the restore drill in
 * test/e2e/backup-restore.test.ts found this). So the schema is exported first,
 * then the data, and the AUTOINCREMENT counters are written as they were.
 * The file holds personal data (names, phones; NIKs only encrypted): keep it
 * off shared drives, never commit it (backups/ is git-ignored), delete it
 * when the retention period ends.
 *
 *   npm run backup                           production (the default)
 *   npm run backup -- --env staging
 *   npm run backup -- --local                the local database of `npm start`
 *   npm run backup -- --out /secure/place    another folder
 * Other arguments go to wrangler (e.g. `--cwd`).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { backupName, d1Of } from "./wrangler-config.ts";
import { fail, root, wrangler } from "./wrangler.ts";

const args = process.argv.slice(2);
const take = (flag: string) => {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const local = args.includes("--local");
if (local) args.splice(args.indexOf("--local"), 1);
const env = local ? undefined : (take("--env") ?? "production");
const cwd = take("--cwd");
const out = resolve(take("--out") ?? join(root, "backups"));

const toml = readFileSync(join(cwd ?? root, "wrangler.toml"), "utf8");
const db = d1Of(toml, env);
if (!db) fail(`wrangler.toml names no D1 database for ${env ?? "local development"}`);

mkdirSync(out, { recursive: true });
const file = join(out, backupName(db.databaseName, new Date()));
const where = local ? ["--local"] : ["--remote", "--env", env!];
process.stdout.write(`• exporting ${db.databaseName} (${local ? "local" : env}) to ${file}\n`);
const part = (flag: string) => {
  const tmp = `${file}.${flag.slice(2)}`;
  const run = wrangler(["d1", "export", db.databaseName, ...where, flag, "--output", tmp, "--skip-confirmation", ...args], { cwd });
  if (run.status !== 0) fail(`export failed:\n${run.stdout}${run.stderr}`);
  const text = readFileSync(tmp, "utf8");
  rmSync(tmp);
  return text;
};
const schema = part("--no-data");
// inserting rows with their ids writes AUTOINCREMENT counters too: clear them before the ones exported
const data = part("--no-schema").replace(/^INSERT INTO "sqlite_sequence"/m, 'DELETE FROM "sqlite_sequence";\nINSERT INTO "sqlite_sequence"');
writeFileSync(
  file,
  `-- ${db.databaseName} (${local ? "local" : env}) at ${new Date().toISOString()}, by npm run backup\n` +
    `-- restore into an EMPTY database: npx wrangler d1 execute <database> ${local ? "--local" : "--remote --env <env>"} --file <this file>\n` +
    `${schema}\n${data}`,
  { mode: 0o600 },
);
const bytes = statSync(file).size;
const sha = createHash("sha256").update(readFileSync(file)).digest("hex");
process.stdout.write(`✓ ${file}\n  ${(bytes / 1024).toFixed(0)} KiB, sha256 ${sha}\n  it holds personal data: store it encrypted and access-controlled\n`);
