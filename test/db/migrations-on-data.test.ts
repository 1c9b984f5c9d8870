/**
 * Migrations are safe on a live database: applied in order to a database that
 * holds data shaped by the previous release (fixtures/previous-release.sql),
 * each later migration keeps every table, every column and every row exactly
 * as it was (it may add rows, as a seed of reference data does), and the app reads and writes the migrated data. The migrations
 * added since that release are additive only: no DROP, RENAME or DELETE, and
 * no table rebuilt (a rebuild would need a release between its steps).
 */
import { applyD1Migrations, type D1Migration } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { findTicketPage } from "../../src/base/registration/tickets.service";
import { register } from "../../src/base/registration/register.service";
import { findEventBySlug } from "../../src/base/events/events.service";
import { createDb } from "../../src/db/client";
import { scan } from "../../src/features/checkin/scan.service";
import { breakingMigrations } from "../../scripts/wrangler-config";
import { foldForSearch } from "../../src/lib/search";
import { runSqlFile } from "../helpers";

type Row = Record<string, unknown>;
type Snapshot = Map<string, { columns: string[]; rows: Row[] }>;

const db = env.MIGRATION_DB;
const released = /^-- shaped by: (\S+)/m.exec(env.TEST_PREVIOUS_RELEASE_SQL)?.[1];
const all: D1Migration[] = env.TEST_MIGRATIONS;
const cut = all.findIndex((m) => m.name.replace(/\.sql$/, "") === released);
const before = all.slice(0, cut + 1);
const after = all.slice(cut + 1);

async function tables(): Promise<string[]> {
  const { results } = await db
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name != 'd1_migrations' order by name")
    .all<{ name: string }>();
  return results.map((r) => r.name);
}

async function snapshot(): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const table of await tables()) {
    const { results: cols } = await db.prepare(`select name from pragma_table_info('${table}')`).all<{ name: string }>();
    const { results: rows } = await db.prepare(`select * from "${table}" order by rowid`).all<Row>();
    out.set(table, { columns: cols.map((c) => c.name), rows });
  }
  return out;
}

/**
 * Everything in `was` is still in `now`: each table, each column, each row with
 * the same values. A backfill may fill a value that was empty (null), never change one.
 */
function assertKept(was: Snapshot, now: Snapshot, step: string) {
  for (const [table, old] of was) {
    const cur = now.get(table);
    expect(cur, `${step}: table ${table}`).toBeDefined();
    for (const c of old.columns) expect(cur!.columns, `${step}: column ${table}.${c}`).toContain(c);
    // a migration may add rows (a seed of reference data), never lose one: the old rows come first, by rowid
    expect(cur!.rows.length, `${step}: rows of ${table}`).toBeGreaterThanOrEqual(old.rows.length);
    old.rows.forEach((row, i) => {
      const given = old.columns.filter((c) => row[c] !== null && !(table === "registrations" && c === "search_name"));
      const kept = Object.fromEntries(given.map((c) => [c, cur!.rows[i]![c]]));
      expect(kept, `${step}: ${table} row ${i + 1}`).toEqual(Object.fromEntries(given.map((c) => [c, row[c]])));
      // the one derived value a migration may rewrite: a folded name, only to the name folded as the app folds it
      if (table === "registrations" && row.search_name !== null && cur!.rows[i]!.search_name !== row.search_name) {
        expect(cur!.rows[i]!.search_name, `${step}: registrations row ${i + 1} search_name`).toBe(foldForSearch(String(row.name)));
      }
    });
  }
}

beforeAll(async () => {
  expect(cut, `the migration named in fixtures/previous-release.sql (${released})`).toBeGreaterThanOrEqual(0);
  await applyD1Migrations(db, before);
  await runSqlFile(db, env.TEST_PREVIOUS_RELEASE_SQL);
});

describe("every migration since the previous release, over its data", () => {
  it("the fixture fills every table of the previous release", async () => {
    for (const [table, { rows }] of await snapshot()) expect(rows.length, table).toBeGreaterThan(0);
  });

  it("keeps every table, column and row, migration by migration", async () => {
    expect(after.length).toBeGreaterThan(0);
    let was = await snapshot();
    for (let i = 0; i < after.length; i++) {
      await applyD1Migrations(db, [...before, ...after.slice(0, i + 1)]);
      const now = await snapshot();
      assertKept(was, now, after[i]!.name);
      was = now;
    }
    // every person is found by the name folded as the app folds it, rows 0003 half-folded included
    const { results: people } = await db.prepare("select name, search_name from registrations where name is not null order by id").all<{ name: string; search_name: string }>();
    expect(people.map((p) => p.search_name)).toEqual(people.map((p) => foldForSearch(p.name)));
    expect(people.find((p) => p.name === "ÁGUSTINA  da Costa")?.search_name).toBe("agustina da costa");
    // the new NOT NULL columns hold their default on old rows
    expect((await db.prepare("select group_concat(version) as v from events").first<{ v: string }>())!.v).toBe("1,1");
  });

  it("the app reads and writes the migrated data", async () => {
    const app = createDb(db);
    const ticket = await findTicketPage(app, "abcdefghjkmnpqrstuvwxyz234");
    expect(ticket).toMatchObject({ name: "Maria Goreti Bili", event: { slug: "fekk-2026" }, visited: [{ name: "BPJS Ketenagakerjaan" }, { name: "Tenun Ikat Kupang" }] });
    expect(await findTicketPage(app, "cdefghjkmnpqrstuvwxyz23456")).toBeUndefined(); // erased stays erased
    const event = (await findEventBySlug(app, "fekk-2026"))!;
    const signup = { name: "Ina Ndolu", phone: "+6281322220001", regency: "53.71", occupation: "kriya", bpjs_status: "none", interests: [], answers: { experience: "lt1" } };
    expect(await register(app, { dataKey: "k" }, event, null, signup as never)).toMatchObject({ code: expect.any(String) });
    // the door: Maria went out before the release and comes back in; a retry of an old client_id gets its old answer
    const organiser = { id: 1, name: "Maria", role: "organiser" as const, allEvents: true, eventIds: [], gate: null };
    expect(await scan(app, organiser, event, { ticket: "abcdefghjkmnpqrstuvwxyz234", gate: "Pintu 1", direction: "in" })).toMatchObject({ status: "checked_in" });
    expect(await scan(app, organiser, event, { ticket: "bcdefghjkmnpqrstuvwxyz2345", gate: "Pintu 2", direction: "in", client_id: "gate2:0001" })).toMatchObject({
      status: "checked_in",
      checkin_id: 3,
    });
  });
});

describe("migrations added since the previous release", () => {
  const destructive = [/\bdrop\s+(table|column)\b/i, /\brename\b/i, /\bdelete\s+from\b/i, /__new_/i];
  it("say so when the previous release's Worker cannot run on what they leave (an index dropped: its upserts may name it)", () => {
    for (const m of after) {
      const text = m.queries.join("\n");
      if (/\bdrop\s+index\b/i.test(text)) expect(breakingMigrations([{ name: m.name, sql: text }]), m.name).toEqual([m.name]);
    }
    expect(breakingMigrations(after.map((m) => ({ name: m.name, sql: m.queries.join("\n") })))).toEqual(["0010_person_is_phone_and_name_outbox_links.sql"]);
  });

  it("are additive only", () => {
    for (const m of after) {
      const text = m.queries.join("\n");
      for (const pattern of destructive) expect(text, `${m.name} ${pattern}`).not.toMatch(pattern);
    }
  });
});
