/**
 * Every query of the hot paths uses an index: the SQL the services really send
 * (recorded on its way to D1 while they run) is put to SQLite's
 * `EXPLAIN QUERY PLAN`, and no step may read a whole large table. A small
 * database is enough: without statistics (no ANALYZE) SQLite plans as if every
 * table were large, so these are the plans of a million registrations too
 * (`npm run bench:scale` times them there).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../src/base/context/principal";
import { cachedEventAndBooth, findEventBySlug } from "../../src/base/events/events.service";
import { register } from "../../src/base/registration/register.service";
import { findTicket, findTicketPage, ticketIsValid } from "../../src/base/registration/tickets.service";
import { findActiveStaffByToken } from "../../src/base/auth/staff.service";
import { findSession } from "../../src/base/auth/sessions.service";
import { openConflicts } from "../../src/base/door/conflicts.service";
import { liveStats } from "../../src/base/stats/door-stats";
import { eventStats } from "../../src/base/stats/event-stats";
import { createDb, type D1Client } from "../../src/db/client";
import type { Event } from "../../src/db/schema";
import { searchAttendees } from "../../src/features/checkin/checkin.service";
import { ticketChanges } from "../../src/features/checkin/digests.service";
import { scan } from "../../src/features/checkin/scan.service";
import { countByStatus, fetchLeadPage, findLead, leadQuery } from "../../src/features/leads/leads.query";
import { codeFrom, makeBooth, makeEvent, makeStaff, postForm, validSignup } from "../helpers";

type Sent = { sql: string; params: unknown[] };

/** A D1 client that notes every statement (and its values) before D1 runs it: the real database answers. */
function recording(d1: D1Database): { client: D1Client; sent: Sent[] } {
  const sent: Sent[] = [];
  const client: D1Client = {
    prepare(query: string) {
      const stmt = d1.prepare(query);
      return new Proxy(stmt, {
        get(target, prop) {
          if (prop === "bind") {
            return (...params: unknown[]) => {
              sent.push({ sql: query, params });
              return target.bind(...params);
            };
          }
          const v = Reflect.get(target, prop, target) as unknown;
          return typeof v === "function" ? v.bind(target) : v;
        },
      });
    },
    batch: (statements) => d1.batch(statements),
  };
  return { client, sent };
}

/** The steps of SQLite's plan for one statement. */
async function plan(s: Sent): Promise<string[]> {
  const { results } = await env.DB.prepare(`explain query plan ${s.sql}`)
    .bind(...s.params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

// tables that grow with the fair (registrations, scans…); reading one whole is what must never happen
const LARGE = ["registrations", "tickets", "checkins", "booth_visits", "scan_replies", "lead_history", "audit_log", "staff_events", "pairings", "checkin_conflicts"];
// the aliases our SQL gives them
const ALIASES: Record<string, string> = { c: "checkins", ci: "checkins", t: "tickets", bv: "booth_visits", v: "booth_visits", se: "staff_events", cc: "checkin_conflicts", first_booth: "booths", assignee: "staff", s: "staff" };

/** The steps that read a large table whole: `SCAN <table>`, with or without an index to walk. */
function fullScans(steps: string[]): string[] {
  return steps.filter((step) => {
    const m = /^SCAN (\w+)/.exec(step);
    if (!m) return false;
    const table = ALIASES[m[1]!] ?? m[1]!;
    return LARGE.includes(table);
  });
}

/** Runs `work` against a recording database and returns the plan of every statement it sent. */
async function plansOf(work: (db: ReturnType<typeof createDb>) => Promise<unknown>): Promise<{ sql: string; steps: string[] }[]> {
  const { client, sent } = recording(env.DB);
  await work(createDb(client));
  expect(sent.length).toBeGreaterThan(0);
  return Promise.all(sent.map(async (s) => ({ sql: s.sql, steps: await plan(s) })));
}

let event: Event;
let code: string;
let staffId: number;
let staffToken: string;
const admin: Principal = { id: null, name: "admin", role: "admin", allEvents: true, eventIds: [], gate: null };

beforeAll(async () => {
  await makeEvent("qpl");
  await makeBooth("qpl", "bpjs");
  code = codeFrom(await postForm("/e/qpl/bpjs", validSignup({ phone: "081399990001" })));
  await postForm("/e/qpl/bpjs", validSignup({ phone: "081399990002", name: "Nona Lapu" }));
  const door = await makeStaff("checkin", ["qpl"]);
  staffId = door.id;
  staffToken = door.token;
  event = (await findEventBySlug(createDb(env.DB), "qpl"))!;
});

const hotPaths: [string, (db: ReturnType<typeof createDb>) => Promise<unknown>][] = [
  ["signup: the event and booth", (db) => cachedEventAndBooth(db, "qpl", "bpjs", true)],
  ["signup: the registration batch (new person)", (db) => register(db, { dataKey: "k" }, event, null, { ...signupInput, phone: "+6281399990100" })],
  ["signup: the registration batch (same phone again, at a booth)", (db) => register(db, { dataKey: "k" }, event, { id: 1 } as never, { ...signupInput, phone: "+6281399990001" })],
  ["ticket page", (db) => findTicketPage(db, code)],
  ["ticket QR image", (db) => ticketIsValid(db, code)],
  ["the ticket a browser holds", (db) => findTicket(db, code)],
  ["check-in: a scan (admission)", (db) => scan(db, { ...admin, id: staffId }, event, { ticket: code, gate: "G", direction: "in", client_id: "qp:1" })],
  ["check-in: a scan refused (already inside), and its kept answer", (db) => scan(db, { ...admin, id: staffId }, event, { ticket: code, gate: "G", direction: "in", client_id: "qp:2" })],
  [
    "check-in: an offline admission refused, its door conflict within its bounds",
    (db) => scan(db, { ...admin, id: staffId }, event, { ticket: code, gate: "G2", direction: "in", client_id: "qp:3", offline: "listed" }),
  ],
  ["door conflicts open at the event", (db) => openConflicts(db, event.id)],
  ["check-in: the account by token and by session", async (db) => [await findActiveStaffByToken(db, staffToken), await findSession(db, "no-such-session", new Date())]],
  ["search at the door by name", (db) => searchAttendees(db, { ...admin, id: staffId }, event, "nona")],
  ["search at the door by phone", (db) => searchAttendees(db, { ...admin, id: staffId }, event, "0813 9999")],
  ["ticket list for offline scanners, whole", (db) => ticketChanges(db, event, null)],
  ["ticket list for offline scanners, what changed since a cursor", (db) => ticketChanges(db, event, 1)],
  ["dashboard figures", (db) => eventStats(db, event)],
  ["stats API", (db) => liveStats(db, event, true)],
  [
    "export and lead list: one page after a cursor, filtered",
    async (db) => {
      const q = await leadQuery(db, event, { status: "new", booth: "bpjs", interest: "jkk", q: "maria" }, admin);
      return fetchLeadPage(db, q, { sortKey: 0, id: 0 }, 2000);
    },
  ],
  ["export: the first page, no filter", async (db) => fetchLeadPage(db, await leadQuery(db, event, {}, admin), null, 2000)],
  ["lead list: counts by status", (db) => countByStatus(db, event, {}, admin)],
  ["a lead's page", (db) => findLead(db, 1)],
];

const signupInput = {
  name: "Maria Bili",
  phone: "+6281399990001",
  regency: "53.71",
  occupation: "kriya",
  bpjs_status: "none",
  interests: ["jkk"],
  answers: {},
  contact_ok: true,
} as unknown as Parameters<typeof register>[4];

describe("EXPLAIN QUERY PLAN of the hot paths: no full scan of a large table", () => {
  for (const [name, work] of hotPaths) {
    it(name, async () => {
      for (const { sql, steps } of await plansOf(work)) {
        expect(fullScans(steps), `${sql}\n  ${steps.join("\n  ")}`).toEqual([]);
      }
    });
  }

  it("the check recognises a full scan when there is one", async () => {
    const steps = await plan({ sql: "select count(*) from registrations where lang = ?", params: ["id"] });
    expect(fullScans(steps)).not.toEqual([]);
    const aliased = await plan({ sql: "select * from checkins c where c.gate = ?", params: ["G"] });
    expect(fullScans(aliased)).not.toEqual([]);
  });
});
