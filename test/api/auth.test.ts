import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, makeEvent, makeStaff } from "../helpers";

let tokens: Record<string, string>;

beforeAll(async () => {
  await makeEvent("auth-a");
  await makeEvent("auth-b");
  const organiserA = await makeStaff("organiser", ["auth-a"]);
  const checkinA = await makeStaff("checkin", ["auth-a"]);
  const revoked = await makeStaff("organiser", "all");
  const del = await call(`/api/v1/staff/${revoked.id}`, { method: "DELETE" });
  expect(del.status).toBe(204);
  tokens = { organiserA: organiserA.token, checkinA: checkinA.token, revoked: revoked.token };
});

/** Every staff route, with a body valid enough to pass validation. */
const routes: { method: string; path: string; json?: unknown; roles: string[] }[] = [
  { method: "GET", path: "/api/v1/staff", roles: ["admin"] },
  { method: "POST", path: "/api/v1/staff", json: { name: "X", role: "checkin", events: "all" }, roles: ["admin"] },
  { method: "DELETE", path: "/api/v1/staff/999", roles: ["admin"] },
  { method: "GET", path: "/api/v1/events", roles: ["admin", "organiser", "checkin"] },
  { method: "GET", path: "/api/v1/events/auth-b", roles: ["admin"] },
  { method: "PATCH", path: "/api/v1/events/auth-b", json: { name: "B" }, roles: ["admin"] },
  { method: "POST", path: "/api/v1/events/auth-b/booths", json: { code: "c1", name: "C" }, roles: ["admin"] },
  { method: "GET", path: "/api/v1/events/auth-b/booths", roles: ["admin"] },
];

describe("staff access on every route", () => {
  for (const r of routes) {
    it(`${r.method} ${r.path}: 401 without or with a bad or revoked token`, async () => {
      for (const token of [null, "kf_not-a-real-token", tokens.revoked]) {
        const res = await call(r.path, { method: r.method, json: r.json, token });
        expect(res.status, `token ${token}`).toBe(401);
        expect(res.headers.get("www-authenticate")).toMatch(/Bearer/);
      }
    });

    it(`${r.method} ${r.path}: 403 for a wrong role or another event's scope`, async () => {
      for (const [who, token] of [
        ["organiser", tokens.organiserA],
        ["checkin", tokens.checkinA],
      ] as const) {
        const res = await call(r.path, { method: r.method, json: r.json, token });
        if (r.roles.includes(who)) expect(res.status, who).toBeLessThan(400);
        else expect(res.status, who).toBe(403);
      }
    });
  }

  it("lets a scoped organiser manage their own event but not create events", async () => {
    const own = await call("/api/v1/events/auth-a/booths", { json: { code: "own", name: "Own" }, token: tokens.organiserA });
    expect(own.status).toBe(201);
    const create = await call("/api/v1/events", {
      json: { slug: "auth-c", name: "C", venue: "V", city: "C", starts_at: "2026-12-05T09:00:00+08:00", ends_at: "2026-12-06T09:00:00+08:00" },
      token: tokens.organiserA,
    });
    expect(create.status).toBe(403);
    const list = await call("/api/v1/events", { token: tokens.organiserA });
    expect((await list.json<{ events: { slug: string }[] }>()).events.map((e) => e.slug)).toEqual(["auth-a"]);
  });

  it("stores only a hash of each token and returns the token once", async () => {
    const s = await makeStaff("enrollment", ["auth-a"]);
    expect(s.token).toMatch(/^kf_[A-Za-z0-9_-]{43}$/);
    const row = await env.DB.prepare("select * from staff where id = ?").bind(s.id).first<Record<string, unknown>>();
    expect(JSON.stringify(row)).not.toContain(s.token);
    const list = await call("/api/v1/staff");
    expect(await list.text()).not.toContain(s.token);
    const audit = await env.DB.prepare("select count(*) as n from audit_log where action = 'staff.create'").first<{ n: number }>();
    expect(audit!.n).toBeGreaterThan(0);
  });

  it("refuses staff scoped to an event that does not exist", async () => {
    const res = await call("/api/v1/staff", { json: { name: "X", role: "checkin", events: ["no-such-event"] } });
    expect(res.status).toBe(422);
    expect((await res.json<{ errors: Record<string, string> }>()).errors.events).toMatch(/no-such-event/);
  });
});
