/**
 * The door's scan route may take the account and the event from this isolate's
 * memory, because its own statement checks the account inside the scan's
 * transaction: revoking a device, or taking the event out of its scope, is
 * refused at the very next scan, also when the change came from elsewhere and
 * this isolate still holds the old copy.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { recallPrincipal } from "../../src/base/auth/principal-cache";
import { sha256Hex } from "../../src/lib/crypto";
import { call, codeFrom, count, ORIGIN, makeEvent, makeStaff, postForm, staffGet, staffSession, validSignup } from "../helpers";

let n = 0;
const ticket = async () => codeFrom(await postForm("/e/scn", validSignup({ phone: `08145550${String(++n).padStart(4, "0")}` })));
const scanAs = (token: string, body: Record<string, unknown>) => call("/api/v1/events/scn/checkins", { token, json: { gate: "Pintu 1", ...body } });
const admissions = (code: string) => count("checkins", "ticket_id = (select id from tickets where code = ?)", code);

// the event is on now: a scan's own time (an offline phone's) must lie within a day of it (scanWindow)
const hour = 3600_000;
const onNow = { starts_at: new Date(Date.now() - hour).toISOString(), ends_at: new Date(Date.now() + 12 * hour).toISOString() };

beforeAll(async () => {
  await makeEvent("scn", onNow);
  await makeEvent("scn-other");
});

describe("a scan checks the account inside its own transaction", () => {
  it("keeps the account in this isolate after a scan (the next scan reads no account from D1)", async () => {
    const { token } = await makeStaff("checkin", ["scn"]);
    expect((await scanAs(token, { ticket: await ticket() })).status).toBe(200);
    expect(recallPrincipal(`token:${await sha256Hex(token)}`)?.role).toBe("checkin");
  });

  it("refuses a device revoked through the API at the next scan, and admits nothing", async () => {
    const { id, token } = await makeStaff("checkin", ["scn"]);
    expect((await scanAs(token, { ticket: await ticket() })).status).toBe(200);
    expect((await call(`/api/v1/staff/${id}`, { method: "DELETE" })).status).toBe(204);
    const code = await ticket();
    expect((await scanAs(token, { ticket: code })).status).toBe(401);
    expect(await admissions(code)).toBe(0);
  });

  it("refuses a device revoked elsewhere (straight in D1) though this isolate still holds it, and forgets it", async () => {
    const { id, token } = await makeStaff("checkin", ["scn"]);
    expect((await scanAs(token, { ticket: await ticket() })).status).toBe(200);
    await env.DB.prepare("update staff set revoked_at = ? where id = ?").bind(Date.now(), id).run();
    expect(recallPrincipal(`token:${await sha256Hex(token)}`)).toBeDefined(); // the stale copy
    const code = await ticket();
    const res = await scanAs(token, { ticket: code, client_id: "revoked-elsewhere:1" });
    expect(res.status).toBe(401);
    expect(await admissions(code)).toBe(0);
    expect(await count("scan_replies", "client_id = ?", "revoked-elsewhere:1")).toBe(0);
    expect(recallPrincipal(`token:${await sha256Hex(token)}`)).toBeUndefined();
    // and nothing is told about the ticket: the same answer for a ticket that does not exist
    expect((await scanAs(token, { ticket: "abcdefghjkmnpqrstuvwxyz234" })).status).toBe(401);
  });

  it("refuses an account whose scope lost the event elsewhere", async () => {
    const { id, token } = await makeStaff("checkin", ["scn"]);
    expect((await scanAs(token, { ticket: await ticket() })).status).toBe(200);
    await env.DB.prepare("delete from staff_events where staff_id = ?").bind(id).run();
    const code = await ticket();
    expect((await scanAs(token, { ticket: code })).status).toBe(401);
    expect(await admissions(code)).toBe(0);
  });

  it("refuses a paired phone's session at once when the organiser revokes the device", async () => {
    const { id, token } = await makeStaff("checkin", ["scn"], "Pintu 2");
    const cookie = await staffSession(token);
    // as the scanner page sends it: the session cookie, from our own origin
    const scan = (code: string) => call("/api/v1/events/scn/checkins", { token: null, json: { ticket: code, gate: "x" }, headers: { cookie, origin: ORIGIN } });
    expect((await scan(await ticket())).status).toBe(200);
    await env.DB.prepare("update staff set revoked_at = ? where id = ?").bind(Date.now(), id).run();
    const code = await ticket();
    expect((await scan(code)).status).toBe(401);
    expect(await admissions(code)).toBe(0);
    expect((await staffGet("/staff/checkin", cookie)).status).toBe(303);
  });
});

describe("a scan is one round trip, retries included", () => {
  it("keeps the first answer of an admission for its client_id, in the same batch, and gives it to a retry", async () => {
    const { token } = await makeStaff("checkin", ["scn"]);
    const code = await ticket();
    const first = await scanAs(token, { ticket: code, client_id: "one-trip:1", scanned_at: new Date(Date.now() - 60_000).toISOString() });
    expect(first.status).toBe(200);
    const body = (await first.json()) as Record<string, unknown>;
    expect(await count("scan_replies", "client_id = ? and http_status = 200", "one-trip:1")).toBe(1);
    const kept = await env.DB.prepare("select body from scan_replies where client_id = ?").bind("one-trip:1").first<{ body: string }>();
    const { message: _message, ...outcome } = body;
    expect(JSON.parse(kept!.body)).toEqual(outcome);
    const retry = await scanAs(token, { ticket: code, client_id: "one-trip:1", gate: "Pintu 3" });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(body);
    expect(await admissions(code)).toBe(1);
  });

  it("gives twenty simultaneous retries of one scan one admission and the same answer", async () => {
    const { token } = await makeStaff("checkin", ["scn"]);
    const code = await ticket();
    const answers = await Promise.all(Array.from({ length: 20 }, () => scanAs(token, { ticket: code, client_id: "twins:1" }).then(async (r) => ({ status: r.status, body: await r.json() }))));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await admissions(code)).toBe(1);
  });
});
