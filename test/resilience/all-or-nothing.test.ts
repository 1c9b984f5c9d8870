/**
 * Nothing half-written: each multi-step operation (signup, erasure, pairing,
 * allocation, lead update) is run again and again with the database failing
 * one of its round trips in turn (the first, the second, …), before the call
 * reaches D1 (nothing written) and after it ran (written, the answer lost).
 * Every run must leave all of the operation's writes or none of them, and
 * answer without a 500.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { D1_FAULTS } from "../../src/db/faults";
import { ADMIN, codeFrom, count, makeBooth, makeEvent, ORIGIN, postForm, validSignup } from "../helpers";
import { makeProgramme } from "../enrollment/fixtures";
import { faultyApp } from "./faulty";

type App = ReturnType<typeof faultyApp>;
type Op<C> = { name: string; setup: () => Promise<C>; run: (app: App, ctx: C) => Promise<Response>; state: (ctx: C) => Promise<unknown> };

let n = 0;
const nextPhone = () => `0812-7400-${String(++n).padStart(4, "0")}`;
const e164 = (phone: string) => `+62${phone.replace(/\D/g, "").slice(1)}`;
const one = <T>(sql: string, ...params: unknown[]) => env.DB.prepare(sql).bind(...params).first<T>();
const json = (method: string, body: unknown) => ({ method, headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" }, body: JSON.stringify(body) });
const form = (fields: Record<string, string>, extra: Record<string, string> = {}) => ({
  method: "POST",
  body: new URLSearchParams(fields),
  headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded", ...extra },
});

/** A person registered at the booth, with a ticket, an opt-in and a WhatsApp message: what the operations act on. */
async function person(): Promise<{ phone: string; code: string; id: number }> {
  const phone = nextPhone();
  const code = codeFrom(await postForm("/e/aon/tenun", validSignup({ phone, send_whatsapp: "yes", birth_date: "1990-05-17" })));
  return { phone, code, id: (await one<{ id: number }>("select registration_id as id from tickets where code = ?", code))!.id };
}

let programme: number;
beforeAll(async () => {
  await makeEvent("aon");
  await makeBooth("aon", "tenun");
  programme = (await makeProgramme("aon", { quota: 1000 })).id;
});

const signup: Op<{ phone: string }> = {
  name: "a signup (the person, the ticket, the booth visit, the WhatsApp message)",
  setup: async () => ({ phone: nextPhone() }),
  run: (app, { phone }) => app.postForm("/e/aon/tenun", validSignup({ phone, send_whatsapp: "yes" })),
  state: async ({ phone }) => ({
    people: await count("registrations", "phone = ?", e164(phone)),
    tickets: await count("tickets t join registrations r on r.id = t.registration_id", "r.phone = ?", e164(phone)),
    visits: await count("booth_visits v join registrations r on r.id = v.registration_id", "r.phone = ?", e164(phone)),
    messages: await count("messages", "`to` = ?", e164(phone)),
  }),
};

const erasure: Op<{ code: string; id: number }> = {
  name: "an erasure by the person (the data, the messages, the audit entry)",
  setup: person,
  run: (app, { code }) => app.call(`/t/${code}/me/erase`, form({ confirm: "yes" }, { cookie: `kf_ticket=${code}` })),
  state: async ({ id }) => ({
    registration: await one("select erased_at is not null as erased, name is null as name_gone, phone is null as phone_gone from registrations where id = ?", id),
    messages: await count("messages", "registration_id = ?", id),
    audit: await count("audit_log", "action = 'registration.erase' and subject = ?", `registration:${id}`),
  }),
};

const pairing: Op<{ path: string; hash: string }> = {
  name: "a gate phone's pairing (the code used, the device account, its event, the phone's session, the audit entry)",
  setup: async () => {
    const res = await faultyApp({}).call("/api/v1/events/aon/pairings", json("POST", { gate: "Pintu Utara" }));
    const path = new URL(((await res.json()) as { pairing_url: string }).pairing_url).pathname;
    const hash = [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(path.split("/").pop()!)))].map((b) => b.toString(16).padStart(2, "0")).join("");
    return { path, hash };
  },
  run: (app, { path }) => app.call(path, form({})),
  state: async ({ hash }) => {
    const p = await one<{ id: number; used: number; staff_id: number | null }>("select id, used_at is not null as used, staff_id from pairings where secret_hash = ?", hash);
    return {
      used: p!.used,
      device: p!.staff_id !== null,
      events: p!.staff_id === null ? 0 : await count("staff_events", "staff_id = ?", p!.staff_id),
      sessions: p!.staff_id === null ? 0 : await count("staff_sessions", "staff_id = ?", p!.staff_id),
      audit: await count("audit_log", "action = 'pairing.use' and created_at >= (select created_at from pairings where id = ?) and exists (select 1 from pairings where id = ? and used_at is not null)", p!.id, p!.id),
    };
  },
};

const allocation: Op<{ id: number }> = {
  name: "a place in a sponsored programme (the place, the audit entry)",
  setup: person,
  run: (app, { id }) => app.call(`/api/v1/leads/${id}/allocation`, json("POST", { programme_id: programme })),
  state: async ({ id }) => ({
    places: await count("allocations", "registration_id = ?", id),
    audit: await count("audit_log", "action = 'allocation.create' and subject = ?", `registration:${id}`),
  }),
};

const leadUpdate: Op<{ id: number }> = {
  name: "a lead's follow-up (the status, its history, the audit entry)",
  setup: person,
  run: (app, { id }) => app.call(`/api/v1/leads/${id}`, json("PATCH", { status: "contacted", note: "Ditelepon, minta brosur" })),
  state: async ({ id }) => ({
    status: (await one<{ s: string }>("select followup_status as s from registrations where id = ?", id))!.s,
    history: await count("lead_history", "registration_id = ?", id),
    audit: await count("audit_log", "action = 'lead.update' and subject = ?", `registration:${id}`),
  }),
};

describe("all of it or none of it, whichever round trip fails", () => {
  for (const op of [signup, erasure, pairing, allocation, leadUpdate] as Op<unknown>[]) {
    it(op.name, async () => {
      // the operation untouched, and done without a fault: the two states a run may leave
      const clean = await op.setup();
      const none = await op.state(clean);
      const app = faultyApp({});
      expect((await op.run(app, clean)).status).toBeLessThan(400);
      const all = await op.state(clean);
      expect(all).not.toEqual(none);
      const trips = app.log.trips.length;
      expect(trips).toBeGreaterThan(0);

      for (let k = 1; k <= trips; k++) {
        for (const mode of ["before", "after"] as const) {
          const ctx = await op.setup();
          const res = await op.run(faultyApp({ failCalls: [k], mode, message: D1_FAULTS.reset }), ctx);
          expect(res.status, `round trip ${k} failing ${mode} it ran`).not.toBe(500);
          expect([none, all], `round trip ${k} failing ${mode} it ran`).toContainEqual(await op.state(ctx));
        }
      }
    });
  }
});
