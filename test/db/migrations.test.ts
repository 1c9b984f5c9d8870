import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { count, runSqlFile } from "../helpers";

describe("migrations and seed", () => {
  it("create every table on an empty database", async () => {
    const { results } = await env.DB.prepare("select name from sqlite_master where type = 'table' order by name").all<{
      name: string;
    }>();
    const names = results.map((r) => r.name);
    for (const table of [
      "allocations",
      "contribution_discounts",
      "contribution_rates",
      "enrollments",
      "income_bands",
      "programmes",
      "audit_log",
      "booth_visits",
      "booths",
      "checkins",
      "events",
      "lead_history",
      "pairings",
      "registrations",
      "scan_replies",
      "staff",
      "staff_events",
      "tickets",
    ]) {
      expect(names).toContain(table);
    }
  });

  it("enforce uniqueness in the database, not only in code", async () => {
    await env.DB.prepare(
      "insert into events (slug, name, venue, city, starts_at, ends_at) values ('u1', 'U', 'V', 'C', 1, 2)",
    ).run();
    await expect(
      env.DB.prepare("insert into events (slug, name, venue, city, starts_at, ends_at) values ('u1', 'U', 'V', 'C', 1, 2)").run(),
    ).rejects.toThrow(/UNIQUE/);
    await expect(
      env.DB.prepare("insert into events (slug, name, venue, city, starts_at, ends_at) values ('u2', 'U', 'V', 'C', 5, 2)").run(),
    ).rejects.toThrow(/CHECK/);
  });

  it("seed a demo Kupang fair, and seeding twice adds nothing", async () => {
    await runSqlFile(env.DB, env.TEST_SEED_SQL);
    const events = await count("events", "slug = 'fekk-2026'");
    const booths = await count("booths");
    expect(events).toBe(1);
    expect(booths).toBeGreaterThanOrEqual(4);
    await runSqlFile(env.DB, env.TEST_SEED_SQL);
    expect(await count("events", "slug = 'fekk-2026'")).toBe(1);
    expect(await count("booths")).toBe(booths);
    const ev = await env.DB.prepare("select timezone, status, questions from events where slug = 'fekk-2026'").first<{
      timezone: string;
      status: string;
      questions: string;
    }>();
    expect(ev).toMatchObject({ timezone: "Asia/Makassar", status: "open" });
    expect(JSON.parse(ev!.questions)[0].key).toBe("experience");
    // the calculator on, and one sponsored programme (the city, APBD, 3 months, 500 places), once
    expect(await env.DB.prepare("select contribution_calculator from events where slug = 'fekk-2026'").first("contribution_calculator")).toBe(1);
    const programmes = await env.DB.prepare("select funder, months, quota from programmes p join events e on e.id = p.event_id where e.slug = 'fekk-2026'").all();
    expect(programmes.results).toEqual([{ funder: "apbd", months: 3, quota: 500 }]);
  });
});
