/** Retention: the daily Cron Trigger erases personal data past each event's retention period, in bounded chunks. */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { createDb } from "../../src/db/client";
import { eraseExpired } from "../../src/features/rights/retention.service";
import { ERASURE_STATEMENTS, erasure } from "../../src/features/rights/rights.service";
import { registrations } from "../../src/db/schema";
import { sql } from "drizzle-orm";
import { call, codeFrom, count, makeBooth, makeEvent, postForm, validSignup } from "../helpers";

/** Runs the Worker's real scheduled handler as the cron would, at `at`. */
async function cron(at: Date) {
  const ctx = createExecutionContext();
  await worker.scheduled!(createScheduledController({ scheduledTime: at, cron: "0 19 * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const eventId = async (slug: string) => (await env.DB.prepare("select id from events where slug = ?").bind(slug).first<{ id: number }>())!.id;

/** `n` registrations with tickets, written straight to D1 (as many signups would), phones from `prefix`. */
async function bulkRegistrations(slug: string, n: number, prefix: string) {
  const id = await eventId(slug);
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < n; i++) {
    const phone = `+62${prefix}${String(i).padStart(5, "0")}`;
    statements.push(
      env.DB.prepare(
        "insert into registrations (event_id, name, search_name, phone, email, regency, occupation, consent_at, consent_purposes, notice_version, contact_consent_at) values (?, ?, ?, ?, ?, '53.71', 'kriya', 1, '[\"event_registration\",\"enrollment_contact\"]', '1', 1)",
      ).bind(id, `Penenun ${i}`, `penenun ${i}`, phone, `p${i}@example.com`),
      env.DB.prepare("insert into tickets (registration_id, event_id, code) values (last_insert_rowid(), ?, ?)").bind(id, `bulk${prefix}${String(i).padStart(6, "0")}`),
    );
  }
  for (let i = 0; i < statements.length; i += 500) await env.DB.batch(statements.slice(i, i + 500));
}

const PERSONAL = "name is not null or search_name is not null or phone is not null or email is not null or nik_cipher is not null or nik_masked is not null or birth_date is not null or contact_consent_at is not null";

const audits = (slug: string) =>
  eventId(slug).then((id) =>
    env.DB.prepare("select actor, detail from audit_log where action = 'retention.erase' and event_id = ? order by id").bind(id).all<{ actor: string; detail: string }>().then((r) => r.results.map((e) => ({ actor: e.actor, ...JSON.parse(e.detail) }))),
  );

// the event ended on 10 January 2026 and keeps data 30 days: due from 9 February 2026
const PAST = { starts_at: "2026-01-09T09:00:00+08:00", ends_at: "2026-01-10T21:00:00+08:00", retention_days: 30 };
// ends 21 November 2026 00:00 WITA, 7 days: due at 28 November 2026 00:00 WITA = 27 November 16:00 UTC
const EDGE = { starts_at: "2026-11-20T09:00:00+08:00", ends_at: "2026-11-21T00:00:00+08:00", retention_days: 7 };
const RUN = new Date("2026-11-26T19:00:00Z");

let pastCode: string;
let futureCode: string;

beforeAll(async () => {
  await makeEvent("ret-past", PAST);
  await makeEvent("ret-future", { retention_days: 365 });
  await makeEvent("ret-edge", EDGE);
  await makeBooth("ret-past", "bpjs");
  await makeBooth("ret-future", "bpjs");
  pastCode = codeFrom(await postForm("/e/ret-past/bpjs", validSignup({ phone: "081377770001", nik: "5371015203900002", birth_date: "1990-03-12" })));
  futureCode = codeFrom(await postForm("/e/ret-future/bpjs", validSignup({ phone: "081377770002" })));
  codeFrom(await postForm("/e/ret-edge", validSignup({ phone: "081377770003" })));
  expect((await call("/api/v1/events/ret-past/checkins", { json: { ticket: pastCode, gate: "Pintu 1", client_id: "gate1:1" } })).status).toBe(200);
  // more than two chunks of 500, so the job must page
  await bulkRegistrations("ret-past", 1100, "8137800");
});

describe("the retention job (scheduled handler)", () => {
  it("erases only the events past retention, in chunks, keeping the anonymous counts, with one audit entry per event", async () => {
    const past = await eventId("ret-past");
    const visits = await count("booth_visits", "registration_id in (select id from registrations where event_id = ?)", past);
    const scans = await count("checkins", "event_id = ?", past);
    expect(await count("scan_replies", "event_id = ?", past)).toBe(1);

    await cron(RUN);

    expect(await count("registrations", "event_id = ?", past)).toBe(1101);
    expect(await count("registrations", `event_id = ? and (${PERSONAL} or erased_at is null)`, past)).toBe(0);
    expect(await count("tickets", "event_id = ? and revoked_at is null", past)).toBe(0);
    expect(await count("booth_visits", "registration_id in (select id from registrations where event_id = ?)", past)).toBe(visits);
    expect(await count("checkins", "event_id = ?", past)).toBe(scans);
    expect(await count("scan_replies", "event_id = ?", past)).toBe(0);
    expect((await call(`/t/${pastCode}`, { token: null })).status).toBe(404);
    expect(await audits("ret-past")).toEqual([{ actor: "system", count: 1101, retention_days: 30, complete: true }]);

    // not yet due: untouched
    expect(await count("registrations", "event_id = ? and erased_at is null and name is not null", await eventId("ret-future"))).toBe(1);
    expect(await count("registrations", "event_id = ? and erased_at is null and name is not null", await eventId("ret-edge"))).toBe(1);
    expect((await call(`/t/${futureCode}`, { token: null })).status).toBe(200);
    expect(await audits("ret-future")).toEqual([]);
  });

  it("is idempotent: a second run changes and audits nothing", async () => {
    const snapshot = async () => (await env.DB.prepare("select id, erased_at, updated_at from registrations order by id").all()).results;
    const before = await snapshot();
    const auditRows = await count("audit_log");
    await cron(new Date(RUN.getTime() + 3_600_000));
    expect(await snapshot()).toEqual(before);
    expect(await count("audit_log")).toBe(auditRows);
  });

  it("erases an event from the moment ends_at + retention_days has passed, not before", async () => {
    const edge = await eventId("ret-edge");
    const due = new Date("2026-11-27T16:00:00Z");
    await cron(new Date(due.getTime() - 1));
    expect(await count("registrations", "event_id = ? and erased_at is null", edge)).toBe(1);
    await cron(due);
    expect(await count("registrations", "event_id = ? and erased_at is null", edge)).toBe(0);
    expect(await audits("ret-edge")).toEqual([{ actor: "system", count: 1, retention_days: 7, complete: true }]);
  });
});

/** The real D1 binding, counting every statement sent to it (one per prepared statement, alone or in a batch). */
function counting(db: D1Database) {
  let n = 0;
  const d1 = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === "prepare") return (query: string) => (n++, target.prepare(query));
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { d1, statements: () => n };
}

describe("eraseExpired within a query budget", () => {
  it("stops before the budget, accounts for what it did, and the next run finishes", async () => {
    await makeEvent("ret-budget", PAST);
    await bulkRegistrations("ret-budget", 25, "8137900");
    const id = await eventId("ret-budget");
    const { d1, statements } = counting(env.DB);
    const db = createDb(d1);
    // 1 query to find events, ERASURE_STATEMENTS per chunk, 2 kept to close an event: room for exactly two chunks of 10
    const limits = { chunk: 10, queryBudget: 1 + 2 * ERASURE_STATEMENTS + 2, events: 10 };

    expect(await eraseExpired(db, RUN, limits)).toEqual([{ eventId: id, erased: 20, complete: false }]);
    // what D1 was really sent fits the budget: the statements counted are the ones the erasure builds
    expect(statements()).toBeLessThanOrEqual(limits.queryBudget);
    expect(statements()).toBe(1 + 2 * ERASURE_STATEMENTS + 1);
    expect(await count("registrations", "event_id = ? and erased_at is null", id)).toBe(5);
    // the lowest ids go first
    expect(await count("registrations", "event_id = ? and erased_at is null and id < (select max(id) - 4 from registrations where event_id = ?)", id, id)).toBe(0);

    expect(await eraseExpired(db, RUN, limits)).toEqual([{ eventId: id, erased: 5, complete: true }]);
    expect(await eraseExpired(db, RUN, limits)).toEqual([]);
    expect(await audits("ret-budget")).toEqual([
      { actor: "system", count: 20, retention_days: 30, complete: false },
      { actor: "system", count: 5, retention_days: 30, complete: true },
    ]);
  });

  it("counts every statement of an erasure in its budget", () => {
    const db = createDb(env.DB);
    expect(erasure(db, () => db.select({ id: registrations.id }).from(registrations), new Date()).length).toBe(ERASURE_STATEMENTS);
  });

  it("does nothing when the budget cannot fit one chunk", async () => {
    await makeEvent("ret-tiny", PAST);
    await bulkRegistrations("ret-tiny", 3, "8137950");
    expect(await eraseExpired(createDb(env.DB), RUN, { chunk: 10, queryBudget: ERASURE_STATEMENTS + 2, events: 10 })).toEqual([]);
    expect(await count("registrations", "event_id = ? and erased_at is null", await eventId("ret-tiny"))).toBe(3);
  });
});
