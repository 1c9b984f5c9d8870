/**
 * What the deploy and backup scripts read from wrangler.toml and from
 * wrangler's output. Pure functions (no Node APIs), tested in test/ops/.
 */

/** The zero id wrangler.toml carries until `wrangler d1 create` gives a real one. */
export const PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000000";

export type D1Target = { binding: string; databaseName: string; databaseId: string };

/** The lines of one `[header]` or `[[header]]` section of a TOML file (up to the next header). */
function section(toml: string, header: string): string | undefined {
  const lines = toml.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === header);
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && /^\s*\[/.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

/** The lines of every `[[header]]` section of that name (a TOML array of tables), in order. */
function sections(toml: string, header: string): string[] {
  const lines = toml.split(/\r?\n/);
  const out: string[] = [];
  lines.forEach((l, start) => {
    if (l.trim() !== header) return;
    const end = lines.findIndex((x, i) => i > start && /^\s*\[/.test(x));
    out.push(lines.slice(start + 1, end < 0 ? undefined : end).join("\n"));
  });
  return out;
}

const value = (text: string, key: string) => new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, "m").exec(text)?.[1];

/** The D1 database of an environment (`undefined`: the top level, local development). */
export function d1Of(toml: string, env?: string): D1Target | undefined {
  const text = section(toml, env ? `[[env.${env}.d1_databases]]` : "[[d1_databases]]");
  if (!text) return undefined;
  const binding = value(text, "binding");
  const databaseName = value(text, "database_name");
  const databaseId = value(text, "database_id");
  return binding && databaseName && databaseId ? { binding, databaseName, databaseId } : undefined;
}

export type RateLimit = { name: string; namespaceId: string };

/** The rate limit bindings of an environment (`undefined`: the top level, local development). */
export function rateLimitsOf(toml: string, env?: string): RateLimit[] {
  return sections(toml, env ? `[[env.${env}.ratelimits]]` : "[[ratelimits]]").map((text) => ({ name: value(text, "name") ?? "", namespaceId: value(text, "namespace_id") ?? "" }));
}

/** The secrets an environment declares as required (`secrets = { required = [...] }`). */
export function requiredSecretsOf(toml: string, env: string): string[] {
  const text = section(toml, `[env.${env}]`) ?? "";
  const list = /^\s*secrets\s*=\s*\{\s*required\s*=\s*\[([^\]]*)\]/m.exec(text)?.[1] ?? "";
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

/** What stops a deployment before it starts: a missing environment, or a database that was never created. */
export function deployBlockers(toml: string, env: string): string[] {
  const out: string[] = [];
  if (!section(toml, `[env.${env}]`)) out.push(`wrangler.toml has no [env.${env}]`);
  const db = d1Of(toml, env);
  if (!db) out.push(`wrangler.toml has no [[env.${env}.d1_databases]]`);
  else if (db.databaseId === PLACEHOLDER_ID) {
    out.push(`the ${env} database was never created: run \`npx wrangler d1 create ${db.databaseName} --location apac\` and put its id in [[env.${env}.d1_databases]]`);
  }
  if (!requiredSecretsOf(toml, env).length) out.push(`[env.${env}] declares no required secrets`);
  // rate limits are not inherited: one the code uses but the environment lacks would simply not apply
  const here = rateLimitsOf(toml, env).map((r) => r.name);
  for (const { name } of rateLimitsOf(toml)) {
    if (!here.includes(name)) out.push(`[env.${env}] has no rate limit ${name}: add a [[env.${env}.ratelimits]] with name = "${name}" (bindings are not inherited)`);
  }
  return out;
}

/** The line a migration carries when the Worker of the previous release cannot run on the database it leaves. */
export const BREAKS_RUNNING_RELEASE = "-- breaks the running release:";

/** The migration file names in what `wrangler d1 migrations list` prints (the ones still to apply). */
export function pendingMigrationNames(output: string): string[] {
  return [...output.matchAll(/\b(\d{4}_[\w-]+\.sql)\b/g)].map((m) => m[1]!);
}

/** Of these migrations, the ones marked as breaking the running release (their names, in order). */
export function breakingMigrations(migrations: { name: string; sql: string }[]): string[] {
  return migrations.filter((m) => m.sql.includes(BREAKS_RUNNING_RELEASE)).map((m) => m.name);
}

/** Names in the JSON `wrangler secret list` prints. */
export function secretNames(listJson: string): string[] {
  try {
    const list = JSON.parse(listJson) as { name?: unknown }[];
    return Array.isArray(list) ? list.map((s) => s.name).filter((n): n is string => typeof n === "string") : [];
  } catch {
    return [];
  }
}

/** The addresses `wrangler deploy` says the Worker now answers on. */
export function deployedUrls(output: string): string[] {
  return [...new Set([...output.matchAll(/https:\/\/[^\s"'<>]+/g)].map((m) => m[0].replace(/[.,)]+$/, "")))].filter(
    (u) => !/developers\.cloudflare\.com|dash\.cloudflare\.com/.test(u),
  );
}

/** A file name for a backup taken at `at`: `kupang-fair-production-2026-12-05T020304Z.sql`. */
export function backupName(databaseName: string, at: Date): string {
  return `${databaseName}-${at.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "")}.sql`;
}
