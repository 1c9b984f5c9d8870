/** wrangler.toml as the deploy and backup scripts read it, and the environments it must keep apart. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { backupName, d1Of, deployBlockers, deployedUrls, pendingMigrationNames, PLACEHOLDER_ID, rateLimitsOf, requiredSecretsOf, secretNames } from "../../scripts/wrangler-config";

const toml = env.TEST_WRANGLER_TOML;

describe("the environments in wrangler.toml", () => {
  it("give local, staging and production each their own database", () => {
    const names = [d1Of(toml), d1Of(toml, "staging"), d1Of(toml, "production")].map((d) => d?.databaseName);
    expect(names).toEqual(["kupang-fair", "kupang-fair-staging", "kupang-fair-production"]);
    for (const e of ["staging", "production"]) expect(d1Of(toml, e)?.binding).toBe("DB");
  });

  it("give each deployment its own Worker, rate limit namespace and ENVIRONMENT, and require its three secrets", () => {
    for (const e of ["staging", "production"]) {
      expect(requiredSecretsOf(toml, e)).toEqual(["ADMIN_TOKEN", "DATA_KEY", "SESSION_SECRET"]);
      expect(toml).toContain(`[env.${e}.vars]\nENVIRONMENT = "${e}"`);
    }
    expect(toml).toMatch(/^name = "kupang-fair"$/m);
    for (const e of ["staging", "production"]) expect(toml).toContain(`[env.${e}]\nname = "kupang-fair-${e}"`);
    // no two rate limits share a namespace (they would share their counts), and each deployment binds every limit
    const namespaces = [...toml.matchAll(/namespace_id = "(\d+)"/g)].map((m) => m[1]);
    expect(new Set(namespaces).size).toBe(namespaces.length);
  });

  it("bind in each deployment every rate limit the code uses (bindings are not inherited), each in a namespace of its own", () => {
    const local = rateLimitsOf(toml);
    expect(local.map((r) => r.name).sort()).toEqual(["RESEND_LIMITER", "RESEND_PHONE_LIMITER", "SIGNUP_LIMITER", "SIGNUP_PHONE_LIMITER"]);
    const all = [...local];
    for (const e of ["staging", "production"]) {
      const here = rateLimitsOf(toml, e);
      expect(here.map((r) => r.name).sort(), e).toEqual(local.map((r) => r.name).sort());
      all.push(...here);
    }
    const namespaces = all.map((r) => r.namespaceId);
    expect(namespaces.every((n) => /^\d+$/.test(n))).toBe(true);
    expect(new Set(namespaces).size).toBe(all.length);
  });

  it("keeps deploy from running while an environment lacks a rate limit the top level binds", () => {
    const created = toml.replace(/(\[\[env\.production\.d1_databases\]\][^[]*database_id = ")0{8}-0{4}-0{4}-0{4}-0{12}/, "$1c0ffee00-1111-2222-3333-444455556666");
    const withoutPhoneLimit = created.replace(/\[\[env\.production\.ratelimits\]\]\nname = "SIGNUP_PHONE_LIMITER"/, "[[env.production.unused]]\nname = \"SIGNUP_PHONE_LIMITER\"");
    expect(withoutPhoneLimit).not.toBe(created);
    expect(deployBlockers(withoutPhoneLimit, "production")).toEqual([
      '[env.production] has no rate limit SIGNUP_PHONE_LIMITER: add a [[env.production.ratelimits]] with name = "SIGNUP_PHONE_LIMITER" (bindings are not inherited)',
    ]);
  });

  it("commits no secret: no secret name is given a value in the file", () => {
    for (const secret of ["ADMIN_TOKEN", "DATA_KEY", "SESSION_SECRET"]) expect(toml).not.toMatch(new RegExp(`^\\s*${secret}\\s*=`, "m"));
  });

  it("keeps deploy from running while a database was never created", () => {
    expect(d1Of(toml, "production")?.databaseId).toBe(PLACEHOLDER_ID);
    expect(deployBlockers(toml, "production").join()).toContain("wrangler d1 create kupang-fair-production --location apac");
    const created = toml.replace(/(\[\[env\.production\.d1_databases\]\][^[]*database_id = ")0{8}-0{4}-0{4}-0{4}-0{12}/, "$1c0ffee00-1111-2222-3333-444455556666");
    expect(deployBlockers(created, "production")).toEqual([]);
    expect(deployBlockers(toml, "preview").join()).toContain("no [env.preview]");
  });
});

it("gives each environment its own message queue, queue of kept signups and their dead-letter queues (not inherited)", () => {
  for (const [prefix, q] of [["", "kupang-fair"], ["env.staging.", "kupang-fair-staging"], ["env.production.", "kupang-fair-production"]] as const) {
    for (const [binding, name] of [["MESSAGES", "messages"], ["SIGNUPS", "signups"]] as const) {
      expect(toml).toContain(`[[${prefix}queues.producers]]\nbinding = "${binding}"\nqueue = "${q}-${name}"`);
      expect(toml).toMatch(new RegExp(`\\[\\[${prefix.replace(/\./g, "\\.")}queues\\.consumers\\]\\]\\nqueue = "${q}-${name}"\\n[^[]*max_retries = \\d+\\ndead_letter_queue = "${q}-${name}-dlq"`));
      expect(toml).toContain(`[[${prefix}queues.consumers]]\nqueue = "${q}-${name}-dlq"`);
    }
  }
});

describe("reading wrangler's answers", () => {
  it("finds the secret names in `wrangler secret list`, and nothing in garbage", () => {
    expect(secretNames('[{"name":"ADMIN_TOKEN","type":"secret_text"},{"name":"DATA_KEY","type":"secret_text"}]')).toEqual(["ADMIN_TOKEN", "DATA_KEY"]);
    expect(secretNames("not json")).toEqual([]);
  });

  it("finds the URLs `wrangler deploy` prints", () => {
    const out = "Uploaded kupang-fair-production (3.2 sec)\nDeployed kupang-fair-production triggers (1.1 sec)\n  https://kupang-fair-production.kota.workers.dev\n  daftar.example.go.id (custom domain)\n  schedule: 0 19 * * *\nhttps://developers.cloudflare.com/workers/";
    expect(deployedUrls(out)).toEqual(["https://kupang-fair-production.kota.workers.dev"]);
  });

  it("names backups by database and UTC time, sortable", () => {
    expect(backupName("kupang-fair-production", new Date("2026-12-05T02:03:04.567Z"))).toBe("kupang-fair-production-2026-12-05T020304Z.sql");
  });
});

describe("the migrations a deploy would apply", () => {
  it("are read from what `wrangler d1 migrations list` prints", () => {
    const printed = [
      "Migrations to be applied:",
      "┌────────────────────────────────────────────────┐",
      "│ Name                                           │",
      "├────────────────────────────────────────────────┤",
      "│ 0009_kpj_hash_index.sql                        │",
      "├────────────────────────────────────────────────┤",
      "│ 0010_person_is_phone_and_name_outbox_links.sql │",
      "└────────────────────────────────────────────────┘",
    ].join("\n");
    expect(pendingMigrationNames(printed)).toEqual(["0009_kpj_hash_index.sql", "0010_person_is_phone_and_name_outbox_links.sql"]);
    expect(pendingMigrationNames("✅ No migrations to apply!")).toEqual([]);
  });
});
