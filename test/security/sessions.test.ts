/**
 * Sessions that end: sign-out ends the session on the server, the 12-hour limit
 * holds, rotating ADMIN_TOKEN ends the admin's sessions, revoking an account ends
 * its sessions, and a cookie's changes on /api/v1 must come from our own pages.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, call, codeFrom, count, makeEvent, makeStaff, ORIGIN, postForm, staffGet, staffPost, staffSession, validSignup } from "../helpers";
import { callWith } from "./app-with";

const sessionRow = (where: string) => env.DB.prepare(`select * from staff_sessions where ${where} order by created_at desc limit 1`).first<Record<string, number | string | null>>();
const signedIn = async (cookie: string) => (await staffGet("/staff", cookie)).status === 200;

beforeAll(async () => {
  await makeEvent("sess-ev");
});

describe("signing out", () => {
  it("ends the session on the server: the same cookie, replayed, opens nothing", async () => {
    const cookie = await staffSession();
    expect(await signedIn(cookie)).toBe(true);
    const out = await staffPost("/staff/logout", cookie, {});
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toMatch(/kf_session=;/);
    // a copy of the cookie kept from before
    const page = await staffGet("/staff", cookie);
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toMatch(/^\/staff\/login/);
    expect((await call("/api/v1/events", { token: null, headers: { cookie } })).status).toBe(401);
  });

  it("stores only a hash of the session id, never the id itself", async () => {
    const cookie = await staffSession();
    const id = decodeURIComponent(cookie.split("=")[1]!).split(".")[0]!;
    expect(id.length).toBeGreaterThanOrEqual(43);
    expect(await count("staff_sessions", "id_hash = ?", id)).toBe(0);
    const dump = JSON.stringify((await env.DB.prepare("select * from staff_sessions").all()).results);
    expect(dump).not.toContain(id);
  });
});

describe("the 12-hour limit", () => {
  it("is set on the server at sign-in and enforced: a session past it is refused", async () => {
    const staff = await makeStaff("organiser", ["sess-ev"]);
    const cookie = await staffSession(staff.token);
    const row = (await sessionRow(`staff_id = ${staff.id}`))!;
    expect(Number(row.expires_at) - Number(row.created_at)).toBe(12 * 3600_000);
    expect(await signedIn(cookie)).toBe(true);
    // twelve hours later: moved in the database, not waited for
    await env.DB.prepare("update staff_sessions set expires_at = ? where staff_id = ?").bind(Date.now() - 1000, staff.id).run();
    expect(await signedIn(cookie)).toBe(false);
    expect((await call("/api/v1/events", { token: null, headers: { cookie } })).status).toBe(401);
  });

  it("is also the cookie's own life", async () => {
    const res = await call("/staff/login", {
      token: null,
      method: "POST",
      body: new URLSearchParams({ token: ADMIN, next: "/staff" }),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    });
    expect(res.headers.get("set-cookie")).toMatch(/Max-Age=43200/);
  });
});

describe("rotating ADMIN_TOKEN", () => {
  const NEW_TOKEN = "rotated-admin-token-0123456789abcdefgh";

  it("ends the admin's sessions: the old cookie is refused and its row ended; the new token signs in", async () => {
    const cookie = await staffSession();
    expect(await signedIn(cookie)).toBe(true);
    const page = await callWith({ ADMIN_TOKEN: NEW_TOKEN }, "/staff", { headers: { cookie } });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toMatch(/^\/staff\/login/);
    const id = decodeURIComponent(cookie.split("=")[1]!).split(".")[0]!;
    const hash = [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(id)))].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect((await sessionRow(`id_hash = '${hash}'`))!.ended_at).not.toBeNull();
    // the old token opens nothing under the new configuration; the new one does
    expect((await callWith({ ADMIN_TOKEN: NEW_TOKEN }, "/api/v1/events", { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(401);
    const login = await callWith({ ADMIN_TOKEN: NEW_TOKEN }, "/staff/login", {
      method: "POST",
      body: new URLSearchParams({ token: NEW_TOKEN, next: "/staff" }),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    });
    expect(login.status).toBe(303);
    const fresh = /kf_session=[^;]+/.exec(login.headers.get("set-cookie")!)![0];
    expect((await callWith({ ADMIN_TOKEN: NEW_TOKEN }, "/staff", { headers: { cookie: fresh } })).status).toBe(200);
  });
});

describe("revoking an account", () => {
  it("ends its sessions at once (the row says so) and its cookie opens nothing", async () => {
    const staff = await makeStaff("enrollment", ["sess-ev"]);
    const cookie = await staffSession(staff.token);
    expect((await staffGet("/staff/leads", cookie)).status).toBe(200);
    expect((await call(`/api/v1/staff/${staff.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await sessionRow(`staff_id = ${staff.id}`))!.ended_at).not.toBeNull();
    expect((await staffGet("/staff/leads", cookie)).status).toBe(303);
  });
});

describe("a cookie on /api/v1", () => {
  let organiser: { id: number; token: string };
  let cookie: string;
  beforeAll(async () => {
    organiser = await makeStaff("organiser", ["sess-ev"]);
    cookie = await staffSession(organiser.token);
  });
  const pairing = (headers: Record<string, string>, token: string | null = null) =>
    call("/api/v1/events/sess-ev/pairings", { token, json: { gate: "Pintu Silang" }, headers });

  it("makes no change from another site: 403, and nothing is written", async () => {
    const before = await count("pairings");
    const attempts: Record<string, string>[] = [{ cookie, origin: "https://evil.example" }, { cookie, "sec-fetch-site": "cross-site" }, { cookie }];
    for (const headers of attempts) {
      const res = await pairing(headers);
      expect(res.status, JSON.stringify(Object.keys(headers))).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const scan = await call("/api/v1/events/sess-ev/checkins", { token: null, json: { ticket: "x", gate: "A" }, headers: { cookie, origin: "https://evil.example" } });
    expect(scan.status).toBe(403);
    expect(await count("pairings")).toBe(before);
  });

  it("works from our own pages (Origin or Sec-Fetch-Site), and reads need neither", async () => {
    expect((await pairing({ cookie, origin: ORIGIN })).status).toBe(201);
    expect((await pairing({ cookie, "sec-fetch-site": "same-origin" })).status).toBe(201);
    expect((await call("/api/v1/events/sess-ev", { token: null, headers: { cookie } })).status).toBe(200);
  });

  it("does not stand in the way of a bearer token, which needs no Origin", async () => {
    expect((await pairing({}, organiser.token)).status).toBe(201);
    const code = codeFrom(await postForm("/e/sess-ev", validSignup({ phone: "081388880001" })));
    expect((await call("/api/v1/events/sess-ev/checkins", { token: organiser.token, json: { ticket: code, gate: "A" } })).status).toBe(200);
  });
});
