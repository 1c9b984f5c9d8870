import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, count, makeBooth, makeEvent, makeStaff } from "../helpers";
import { addVisit, insertLead, T0 } from "./fixtures";

const EV = "lp-pipe";
const OTHER = "lp-other";
let eventId: number;
let otherId: number;
const ids: number[] = [];
let outsider: number;
let notLead: number;
let erased: number;
let enrollment: { id: number; token: string };
let organiser: { id: number; token: string };
let otherEnrollment: { id: number; token: string };
let checkin: { id: number; token: string };

type Lead = { id: number; name: string; status: string; last_note: string | null; assignee: { id: number; name: string } | null; booths_visited: { code: string }[] };
type Detail = Lead & { history: { at: string; by: { id: number | null; name: string }; status: string | null; note: string | null; assignee: { id: number | null; name: string | null } | null }[] };

beforeAll(async () => {
  eventId = (await makeEvent(EV)).id;
  otherId = (await makeEvent(OTHER)).id;
  const booth = await makeBooth(EV, "bpjs", "BPJS Ketenagakerjaan");
  enrollment = await makeStaff("enrollment", [EV]);
  organiser = await makeStaff("organiser", [EV]);
  otherEnrollment = await makeStaff("enrollment", [OTHER]);
  checkin = await makeStaff("checkin", [EV]);
  for (let i = 0; i < 7; i++) {
    ids.push(await insertLead(eventId, { name: `Peserta ${i}`, phone: `+6281400000${String(i).padStart(3, "0")}`, createdAt: T0 + (i % 3) * 1000, regency: i < 3 ? "53.71" : "53.05" }));
  }
  await addVisit(ids[0]!, booth.id);
  notLead = await insertLead(eventId, { name: "Tanpa Izin", phone: "+6281400000900", contact: false });
  erased = await insertLead(eventId, { phone: "+6281400000901", erased: true });
  outsider = await insertLead(otherId, { name: "Lain Acara", phone: "+6281400000902" });
});

const list = (query: string, token?: string) => call(`/api/v1/events/${EV}/leads${query}`, { token });
const patch = (id: number, json: unknown, token?: string) => call(`/api/v1/leads/${id}`, { method: "PATCH", json, token });

describe("GET /events/{slug}/leads", () => {
  it("pages through every lead once with an opaque cursor, equal created times ordered by id", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, enrollment.token);
      expect(res.status).toBe(200);
      const body = await res.json<{ leads: Lead[]; next_cursor: string | null }>();
      expect(body.leads.length).toBeLessThanOrEqual(3);
      seen.push(...body.leads.map((l) => l.id));
      cursor = body.next_cursor;
      if (cursor) expect(cursor).not.toMatch(/\d{13}/);
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    // created at T0, T0+1s, T0+2s, T0, ... : by time, then by id
    const expected = [...ids].sort((a, b) => ((ids.indexOf(a) % 3) - (ids.indexOf(b) % 3)) || a - b);
    expect(seen).toEqual(expected);
    expect(seen).not.toContain(notLead);
    expect(seen).not.toContain(erased);
  });

  it("takes the export's filters and gives each lead its visits, status and assignee", async () => {
    const res = await list("?regency=53.05&limit=200");
    const body = await res.json<{ leads: Lead[]; next_cursor: string | null }>();
    expect(body.leads.map((l) => l.id).sort()).toEqual(ids.slice(3).sort());
    expect(body.next_cursor).toBeNull();
    const first = (await (await list("?booth=bpjs")).json<{ leads: (Lead & Record<string, unknown>)[] }>()).leads;
    expect(first.map((l) => l.id)).toEqual([ids[0]]);
    expect(first[0]).toMatchObject({
      name: "Peserta 0", phone: "+6281400000000", whatsapp_url: "https://wa.me/6281400000000", status: "new", assignee: null,
      booths_visited: [{ code: "bpjs", name: "BPJS Ketenagakerjaan" }], checked_in: false, registered_at: "2026-12-05T09:00:00+08:00",
      regency: { code: "53.71", name: "Kota Kupang" }, event: EV,
    });
  });

  it("refuses a forged cursor, a limit over 200 and unknown filters' values with 422", async () => {
    for (const q of ["?cursor=bm9wZQ", "?cursor=%%%", "?limit=201", "?limit=0", "?status=won"]) {
      expect((await list(q)).status, q).toBe(422);
    }
  });

  it("is for admin, organiser and enrollment within their events only", async () => {
    expect((await list("")).status).toBe(200);
    expect((await call(`/api/v1/events/${EV}/leads`, { token: null })).status).toBe(401);
    expect((await list("", checkin.token)).status).toBe(403);
    expect((await list("", otherEnrollment.token)).status).toBe(403);
    expect((await list("", organiser.token)).status).toBe(200);
  });
});

describe("GET and PATCH /leads/{id}", () => {
  it("records status, note and assignee as history, updates the lead in the same transaction, and audits it", async () => {
    const id = ids[1]!;
    const a = await patch(id, { status: "contacted", note: "Ditelepon, minta info JHT" }, enrollment.token);
    expect(a.status).toBe(200);
    const after = await a.json<Detail>();
    expect(after).toMatchObject({ id, status: "contacted", last_note: "Ditelepon, minta info JHT", assignee: null });
    const b = await patch(id, { assignee_id: enrollment.id }, organiser.token);
    expect((await b.json<Detail>()).assignee).toEqual({ id: enrollment.id, name: "enrollment person" });
    // enrolled needs the enrollment record (KPJ, cover, band, day) first: a bare status is refused, and changes nothing
    const bare = await patch(id, { status: "enrolled", note: "Sudah daftar BPU", assignee_id: null }, enrollment.token);
    expect(bare.status).toBe(422);
    expect((await bare.json<{ errors: Record<string, string> }>()).errors.status).toContain("KPJ");
    await env.DB.prepare("insert into enrollments (registration_id, coverage, income_base, enrolled_on) values (?, 'jkk_jkm', 1000000, '2026-12-05')").bind(id).run();
    const c = await patch(id, { status: "enrolled", note: "Sudah daftar BPU", assignee_id: null }, enrollment.token);
    const detail = await c.json<Detail>();
    expect(detail).toMatchObject({ status: "enrolled", last_note: "Sudah daftar BPU", assignee: null });
    expect(detail.history.map(({ at, ...h }) => h)).toEqual([
      { by: { id: enrollment.id, name: "enrollment person" }, status: "contacted", note: "Ditelepon, minta info JHT", assignee: null },
      { by: { id: organiser.id, name: "organiser person" }, status: null, note: null, assignee: { id: enrollment.id, name: "enrollment person" } },
      { by: { id: enrollment.id, name: "enrollment person" }, status: "enrolled", note: "Sudah daftar BPU", assignee: { id: null, name: null } },
    ]);
    for (const h of detail.history) expect(h.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    const read = await (await call(`/api/v1/leads/${id}`, { token: enrollment.token })).json<Detail>();
    expect(read).toEqual(detail);
    const row = await env.DB.prepare("select followup_status, last_note, assignee_id, updated_at from registrations where id = ?").bind(id).first();
    expect(row).toMatchObject({ followup_status: "enrolled", last_note: "Sudah daftar BPU", assignee_id: null });
    expect(row!.updated_at).toBeTypeOf("number");
    const audits = (await env.DB.prepare("select actor, event_id, detail from audit_log where action = 'lead.update' and subject = ? order by id").bind(`registration:${id}`).all<{ actor: string; event_id: number; detail: string }>()).results;
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({ actor: `staff:${enrollment.id}`, event_id: eventId });
    expect(JSON.parse(audits[0]!.detail)).toEqual({ fields: ["status", "note"], status: "contacted" });
    // notes may hold personal details: they stay out of the audit log
    expect(audits.map((x) => x.detail).join()).not.toContain("Ditelepon");
  });

  it("assigns only active staff who may work on the event's leads", async () => {
    const id = ids[2]!;
    const revoked = await makeStaff("enrollment", [EV]);
    await call(`/api/v1/staff/${revoked.id}`, { method: "DELETE" });
    const allEvents = await makeStaff("enrollment", "all");
    for (const bad of [otherEnrollment.id, checkin.id, revoked.id, 999_999]) {
      const res = await patch(id, { assignee_id: bad });
      expect(res.status, String(bad)).toBe(422);
      expect(Object.keys((await res.json<{ errors: Record<string, string> }>()).errors)).toEqual(["assignee_id"]);
    }
    expect((await patch(id, { assignee_id: allEvents.id })).status).toBe(200);
    expect(await count("lead_history", "registration_id = ?", id)).toBe(1);
  });

  it("validates the change: 422 for nothing, an unknown status, an empty or too long note; nothing written", async () => {
    const id = ids[3]!;
    for (const body of [{}, { status: "won" }, { note: "   " }, { note: "x".repeat(1001) }, { assignee_id: "me" }, { assignee_id: 0 }]) {
      const res = await patch(id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    }
    expect(await count("lead_history", "registration_id = ?", id)).toBe(0);
    const bad = await call(`/api/v1/leads/${id}`, { method: "PATCH", body: "{not json", headers: { "content-type": "application/json" } });
    expect(bad.status).toBeLessThan(500);
  });

  it("is 404 for registrations without the contact opt-in, erased or unknown, and writes nothing for them", async () => {
    for (const id of [notLead, erased, 987_654]) {
      expect((await call(`/api/v1/leads/${id}`)).status).toBe(404);
      expect((await patch(id, { status: "contacted" })).status).toBe(404);
      expect(await count("lead_history", "registration_id = ?", id)).toBe(0);
    }
    expect(await env.DB.prepare("select followup_status from registrations where id = ?").bind(notLead).first("followup_status")).toBe("new");
    expect((await call("/api/v1/leads/abc")).status).toBe(422);
  });

  it("keeps each role to its events: 401 without a token, 403 for check-in staff and for another event's staff", async () => {
    const id = ids[4]!;
    expect((await call(`/api/v1/leads/${id}`, { token: null })).status).toBe(401);
    expect((await patch(id, { status: "contacted" }, "kf_nope")).status).toBe(401);
    expect((await call(`/api/v1/leads/${id}`, { token: checkin.token })).status).toBe(403);
    expect((await patch(id, { status: "contacted" }, checkin.token)).status).toBe(403);
    expect((await call(`/api/v1/leads/${id}`, { token: otherEnrollment.token })).status).toBe(403);
    expect((await patch(id, { status: "contacted" }, otherEnrollment.token)).status).toBe(403);
    expect((await call(`/api/v1/leads/${outsider}`, { token: enrollment.token })).status).toBe(403);
    expect((await call(`/api/v1/leads/${outsider}`, { token: otherEnrollment.token })).status).toBe(200);
    expect(await count("lead_history", "registration_id = ?", id)).toBe(0);
  });

  it("drops a lead from the list and refuses changes once the person withdraws the opt-in", async () => {
    const id = ids[5]!;
    await env.DB.prepare("update registrations set contact_consent_at = null where id = ?").bind(id).run();
    expect((await patch(id, { status: "contacted" })).status).toBe(404);
    const all = await (await list("?limit=200")).json<{ leads: Lead[] }>();
    expect(all.leads.map((l) => l.id)).not.toContain(id);
  });
});
