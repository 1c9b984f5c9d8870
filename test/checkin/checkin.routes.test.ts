import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ticketDigest } from "../../src/base/registration/tickets.service";
import { call, codeFrom, count, makeEvent, makeStaff, ORIGIN, postForm, validSignup } from "../helpers";

let door: string;
let enrollment: string;
let otherDoor: string;
let organiser: string;

async function ticket(phone: string, name = "Maria Bili", event = "door") {
  return codeFrom(await postForm(`/e/${event}`, validSignup({ phone, name })));
}

const scanAs = (token: string, body: Record<string, unknown>, event = "door") =>
  call(`/api/v1/events/${event}/checkins`, { token, json: { gate: "Pintu 1", ...body } });

beforeAll(async () => {
  // held on 20 and 21 November 2026, so scans sent later with their own time (scanned_at) fall in its window
  await makeEvent("door", { starts_at: "2026-11-20T09:00:00+08:00", ends_at: "2026-11-21T21:00:00+08:00" });
  await makeEvent("door-other", { name: "Pameran Lain" });
  door = (await makeStaff("checkin", ["door"])).token;
  otherDoor = (await makeStaff("checkin", ["door-other"])).token;
  enrollment = (await makeStaff("enrollment", ["door"])).token;
  organiser = (await makeStaff("organiser", ["door"])).token;
});

describe("POST /api/v1/events/{event}/checkins", () => {
  it("admits a ticket (200 checked_in with the name and time), by bare code or by ticket URL", async () => {
    const code = await ticket("081400000001", "Yohana Lodo");
    const res = await scanAs(door, { ticket: `${ORIGIN}/t/${code}` });
    expect(res.status).toBe(200);
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ status: "checked_in", attendee: { name: "Yohana Lodo" }, gate: "Pintu 1", message: "Silakan masuk: Yohana Lodo" });
    expect(body.at).toMatch(/\+08:00$/);
  });

  it("refuses a second admission with 409 already_checked_in, saying when and at which gate", async () => {
    const code = await ticket("081400000002");
    await scanAs(door, { ticket: code, gate: "Gate 2", scanned_at: "2026-11-20T10:02:00+08:00" });
    const res = await scanAs(door, { ticket: code, gate: "Pintu 1" });
    expect(res.status).toBe(409);
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ status: "already_checked_in", gate: "Gate 2", at: "2026-11-20T10:02:00+08:00" });
    expect(body.message).toBe("Sudah masuk sejak 10:02 di Gate 2");
  });

  it("answers 404 not_found, 422 wrong_event and 410 revoked", async () => {
    expect((await scanAs(door, { ticket: "abcdefghjkmnpqrstuvwxyz234" })).status).toBe(404);
    expect(await (await scanAs(door, { ticket: "garbage ☃" })).json()).toMatchObject({ status: "not_found" });
    const other = await ticket("081400000003", "Tamu Lain", "door-other");
    const wrong = await scanAs(door, { ticket: other });
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ status: "wrong_event", event: { slug: "door-other", name: "Pameran Lain" } });
    const revoked = await ticket("081400000004");
    await env.DB.prepare("update tickets set revoked_at = 1 where code = ?").bind(revoked).run();
    const r = await scanAs(door, { ticket: revoked });
    expect(r.status).toBe(410);
    expect(await r.json()).toMatchObject({ status: "revoked" });
  });

  it("answers an unreadable body with 400/422 problem+json, never a 500", async () => {
    const res = await call("/api/v1/events/door/checkins", { token: door, body: "{", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    const missing = await call("/api/v1/events/door/checkins", { token: door, json: { direction: "sideways" } });
    expect(missing.status).toBe(422);
    expect(Object.keys((await missing.json<{ errors: object }>()).errors).sort()).toEqual(["direction", "gate", "ticket"]);
    const future = await scanAs(door, { ticket: "x", scanned_at: "2099-01-01T00:00:00+08:00" });
    expect(future.status).toBe(422);
  });

  it("admits exactly one of 50 simultaneous scans of one ticket", async () => {
    const code = await ticket("081400000005");
    const gates = Array.from({ length: 50 }, (_, i) => `Gate ${i % 4}`);
    const responses = await Promise.all(gates.map((gate) => scanAs(door, { ticket: code, gate })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(await count("checkins", "ticket_id = (select id from tickets where code = ?) and direction = 'in'", code)).toBe(1);
  });

  it("gives a retry with the same client_id the first answer, without a second scan", async () => {
    const code = await ticket("081400000006");
    const first = await scanAs(door, { ticket: code, client_id: "phone-a:1" });
    expect(first.status).toBe(200);
    const retry = await scanAs(door, { ticket: code, client_id: "phone-a:1" });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(await first.json());
    const twins = await Promise.all([1, 2, 3].map(() => scanAs(door, { ticket: code, client_id: "phone-a:2" })));
    const bodies = await Promise.all(twins.map((r) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(await count("checkins", "ticket_id = (select id from tickets where code = ?)", code)).toBe(1);
  });

  it("supports exit and re-entry, and knows who is inside now", async () => {
    const code = await ticket("081400000007", "Keluar Masuk");
    expect((await scanAs(door, { ticket: code, direction: "out" })).status).toBe(409); // not inside yet
    expect((await scanAs(door, { ticket: code })).status).toBe(200);
    const out = await scanAs(door, { ticket: code, direction: "out" });
    expect(out.status).toBe(200);
    expect(await out.json()).toMatchObject({ status: "checked_out" });
    expect((await scanAs(door, { ticket: code, direction: "out" })).status).toBe(409);
    expect((await scanAs(door, { ticket: code })).status).toBe(200); // re-entry
    expect((await scanAs(door, { ticket: code })).status).toBe(409);
    const hits = await call("/api/v1/events/door/attendees?q=keluar", { token: door });
    expect((await hits.json<{ attendees: { inside: boolean }[] }>()).attendees).toEqual([expect.objectContaining({ inside: true })]);
  });

  it("lets an organiser undo a check-in (audited), after which the guest can be admitted again", async () => {
    const code = await ticket("081400000008");
    const first = await (await scanAs(door, { ticket: code })).json<{ checkin_id: number }>();
    expect((await call(`/api/v1/events/door/checkins/${first.checkin_id}/undo`, { token: door, method: "POST" })).status).toBe(403);
    const undo = await call(`/api/v1/events/door/checkins/${first.checkin_id}/undo`, { method: "POST" });
    expect(undo.status).toBe(200);
    expect((await call(`/api/v1/events/door/checkins/${first.checkin_id}/undo`, { method: "POST" })).status).toBe(409);
    expect((await call(`/api/v1/events/door/checkins/999999/undo`, { method: "POST" })).status).toBe(404);
    expect(await count("audit_log", "action = 'checkin.undo' and subject = ?", `checkin:${first.checkin_id}`)).toBe(1);
    expect((await scanAs(door, { ticket: code })).status).toBe(200);
  });

  it("finds guests by part of the name or phone, ignoring case and accents, and shows phones masked", async () => {
    await ticket("081455551234", "Agustínus Da Costa");
    const code = await ticket("081455551235", "Agustínus Da Costa Dua");
    const searched = await call("/api/v1/events/door/attendees?q=AGUSTINUS da", { token: door });
    const text = await searched.text();
    // an opaque id, the name and a masked phone: never a ticket code, to any role
    expect(text).not.toContain(code);
    const byName = JSON.parse(text) as { attendees: { name: string; phone: string; registration_id: number }[] };
    expect(byName.attendees).toEqual([
      { registration_id: expect.any(Number), name: "Agustínus Da Costa", phone: "0814-****-1234", inside: false, revoked: false },
      { registration_id: expect.any(Number), name: "Agustínus Da Costa Dua", phone: "0814-****-1235", inside: false, revoked: false },
    ]);
    const byPhone = await (await call("/api/v1/events/door/attendees?q=0814-5555-1234", { token: door })).json<{ attendees: { name: string }[] }>();
    expect(byPhone.attendees.map((a) => a.name)).toEqual(["Agustínus Da Costa"]);
    const literal = await (await call("/api/v1/events/door/attendees?q=%25%25", { token: door })).json<{ attendees: unknown[] }>();
    expect(literal.attendees).toEqual([]);
    // checked in from the result by its registration id, audited as the staff member's action
    const id = byName.attendees[0]!.registration_id;
    const admitted = await scanAs(door, { registration_id: id });
    expect(admitted.status).toBe(200);
    expect(await admitted.text()).toContain("Agustínus Da Costa");
    expect((await scanAs(door, { registration_id: id })).status).toBe(409);
    expect(await count("audit_log", "action = 'checkin.by_search' and subject = ?", `registration:${id}`)).toBe(2);
    // another event's person is not found from here
    expect((await scanAs(door, { registration_id: 999999 })).status).toBe(404);
  });

  it("registers a walk-in with the public form's validation and checks them in at once", async () => {
    const bad = await call("/api/v1/events/door/walkins", { token: door, json: { name: "", phone: "123", gate: "Pintu 1" } });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json<{ errors: object }>()).errors)).toEqual(expect.arrayContaining(["name", "phone", "regency", "occupation", "consent"]));
    const before = await count("registrations");
    const res = await call("/api/v1/events/door/walkins", {
      token: door,
      json: { name: "Walk In", phone: "0814 0000 0009", regency: "53.01", occupation: "musik", consent: "yes", interests: ["jkk"], gate: "Pintu 3" },
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    const body = JSON.parse(text) as { registration_id: number; checkin: { status: string; gate: string }; whatsapp: string };
    expect(body.checkin).toMatchObject({ status: "checked_in", gate: "Pintu 3" });
    expect(body.whatsapp).toBe("not_requested");
    const code = (await env.DB.prepare("select code from tickets where registration_id = ?").bind(body.registration_id).first<{ code: string }>())!.code;
    expect(text).not.toContain(code);
    expect(await count("registrations")).toBe(before + 1);
    expect(await count("audit_log", "action = 'registration.walkin' and subject = ?", `registration:${body.registration_id}`)).toBe(1);
  });

  it("never overwrites a walk-in who is registered already: 409 with their id to check them in; another name on the phone is a new person", async () => {
    await ticket("081400000010", "Maria Walk");
    const before = await env.DB.prepare("select * from registrations where phone = '+6281400000010'").first();
    const res = await call("/api/v1/events/door/walkins", {
      token: door,
      json: { name: "  maria   WALK ", phone: "0814 0000 0010", regency: "53.01", occupation: "musik", consent: "yes", gate: "Pintu 3" },
    });
    expect(res.status).toBe(409);
    const body = await res.json<{ status: string; registration_id: number }>();
    expect(body).toMatchObject({ status: "existing", registration_id: (before as { id: number }).id });
    expect(await env.DB.prepare("select * from registrations where phone = '+6281400000010'").first()).toEqual(before);
    expect((await scanAs(door, { registration_id: body.registration_id })).status).toBe(200);
    const other = await call("/api/v1/events/door/walkins", {
      token: door,
      json: { name: "Yosef Walk", phone: "0814 0000 0010", regency: "53.01", occupation: "musik", consent: "yes", gate: "Pintu 3" },
    });
    expect(other.status).toBe(201);
    expect(await count("registrations", "phone = '+6281400000010'")).toBe(2);
  });
});

describe("GET /api/v1/events/{event}/tickets/digests", () => {
  it("lists a short digest of every valid ticket of the event, not revoked ones nor other events'", async () => {
    const valid = await ticket("081400000020");
    const revoked = await ticket("081400000021");
    const other = await ticket("081400000022", "Lain", "door-other");
    await env.DB.prepare("update tickets set revoked_at = 1 where code = ?").bind(revoked).run();
    const res = await call("/api/v1/events/door/tickets/digests", { token: door });
    const { digests } = await res.json<{ digests: string[] }>();
    expect(digests).toContain(await ticketDigest(valid));
    expect(digests).not.toContain(await ticketDigest(revoked));
    expect(digests).not.toContain(await ticketDigest(other));
    for (const d of digests) expect(d).toMatch(/^[0-9a-f]{12}$/);
    expect((await call("/api/v1/events/door/tickets/digests", { token: enrollment })).status).toBe(403);
  });
});

describe("check-in access", () => {
  // what each role of this event gets: the exact answer of a caller the guard let through, or 403
  const walkin = (phone: string) => ({ name: "Walk In", phone, regency: "53.71", occupation: "musik", consent: "yes", gate: "g" });
  const routes = [
    { method: "POST", path: "/api/v1/events/door/checkins", json: () => ({ ticket: "abcdefghjkmnpqrstuvwxyz234", gate: "g" }), checkin: 404, organiser: 404 },
    { method: "POST", path: "/api/v1/events/door/checkins/999999/undo", json: () => undefined, checkin: 403, organiser: 404 },
    { method: "GET", path: "/api/v1/events/door/attendees?q=ab", json: () => undefined, checkin: 200, organiser: 200 },
    { method: "POST", path: "/api/v1/events/door/walkins", json: (() => { let n = 0; return () => walkin(`08140000${String(90 + n++).padStart(4, "0")}`); })(), checkin: 201, organiser: 201 },
  ];
  for (const r of routes) {
    it(`${r.method} ${r.path}: 401 without a token, 403 for other roles and other events, ${r.checkin} for check-in staff`, async () => {
      const before = await count("registrations");
      expect((await call(r.path, { method: r.method, json: r.json(), token: null })).status).toBe(401);
      expect((await call(r.path, { method: r.method, json: r.json(), token: enrollment })).status).toBe(403);
      expect((await call(r.path, { method: r.method, json: r.json(), token: otherDoor })).status).toBe(403);
      // nothing was written by a refused caller
      expect(await count("registrations")).toBe(before);
      expect((await call(r.path, { method: r.method, json: r.json(), token: door })).status).toBe(r.checkin);
      expect((await call(r.path, { method: r.method, json: r.json(), token: organiser })).status).toBe(r.organiser);
    });
  }
});
