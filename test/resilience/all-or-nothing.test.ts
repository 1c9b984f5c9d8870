/**
 * Nothing half-written: each multi-step operation (signup, erasure, pairing,
 * allocation, lead update, a kiosk's signup, a walk-in) is run again and again
 * with the database failing one of its round trips in turn (the first, the
 * second, …), before the call reaches D1 (nothing written) and after it ran
 * (written, the answer lost). Every run must leave all of the operation's
 * writes or none of them, and answer without a 500. A kiosk's signup and a
 * walk-in are also run with one step failing every time (each retry of it too):
 * their "Coba lagi" must then complete all of it, exactly once, and never tell
 * the person they are "already registered" by their own registration.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { D1_FAULTS } from "../../src/db/faults";
import { ADMIN, codeFrom, count, kioskSession, makeBooth, makeEvent, makeStaff, ORIGIN, postForm, staffSession, validSignup } from "../helpers";
import { makeProgramme } from "../enrollment/fixtures";
import { faultyApp, hiddenForm, sameStep, signupBatch, submissionIn } from "./faulty";

type App = ReturnType<typeof faultyApp>;
type Op<C> = {
  name: string;
  setup: () => Promise<C>;
  run: (app: App, ctx: C) => Promise<Response>;
  state: (ctx: C) => Promise<unknown>;
  /** for a submission: whether an answer is the person's own success (never "already registered" about it) */
  done?: (res: Response) => boolean;
};

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
let kiosk: string;
let door: string;
beforeAll(async () => {
  await makeEvent("aon");
  await makeBooth("aon", "tenun");
  programme = (await makeProgramme("aon", { quota: 1000 })).id;
  kiosk = (await kioskSession("aon", "tenun")).cookie;
  door = await staffSession((await makeStaff("checkin", ["aon"])).token);
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

const registrationOf = async (phone: string) => (await one<{ id: number }>("select id from registrations where phone = ?", e164(phone)))?.id ?? 0;

const kioskSignup: Op<{ phone: string }> = {
  name: "a kiosk's signup (the person, the ticket, the booth visit, the WhatsApp message, the audit entry, the done page's result)",
  setup: async () => ({ phone: nextPhone() }),
  run: (app, { phone }) => app.postForm("/staff/kiosk/aon/tenun", validSignup({ phone, send_whatsapp: "yes" }), { cookie: kiosk }),
  state: async ({ phone }) => {
    const id = await registrationOf(phone);
    return {
      people: await count("registrations", "phone = ?", e164(phone)),
      tickets: await count("tickets", "registration_id = ?", id),
      visits: await count("booth_visits", "registration_id = ?", id),
      messages: await count("messages", "`to` = ?", e164(phone)),
      audit: await count("audit_log", "action = 'registration.kiosk' and subject = ?", `registration:${id}`),
      result: await count("kiosks", "result_registration_id = ?", id),
    };
  },
  done: (res) => res.status === 303 && /\/done\?n=/.test(res.headers.get("location") ?? ""),
};

const walkin: Op<{ phone: string }> = {
  name: "a walk-in (the person, the ticket, the admission, the WhatsApp message, the audit entry)",
  setup: async () => ({ phone: nextPhone() }),
  run: (app, { phone }) => app.postForm("/staff/checkin/walkin", { event: "aon", gate: "Pintu Walk-in", ...validSignup({ phone, send_whatsapp: "yes" }) }, { cookie: door }),
  state: async ({ phone }) => {
    const id = await registrationOf(phone);
    return {
      people: await count("registrations", "phone = ?", e164(phone)),
      tickets: await count("tickets", "registration_id = ?", id),
      admissions: await count("checkins c join tickets t on t.id = c.ticket_id", "t.registration_id = ? and c.direction = 'in'", id),
      messages: await count("messages", "`to` = ?", e164(phone)),
      audit: await count("audit_log", "action = 'registration.walkin' and subject = ?", `registration:${id}`),
    };
  },
  done: (res) => res.status === 200,
};

/** "Coba lagi" on the page a fault ended in: its hidden answers (and token) sent again to its form's address. */
async function tryAgain(page: string, cookie: string) {
  const { action, fields } = hiddenForm(page);
  return faultyApp({}).call(action, { method: "POST", body: new URLSearchParams(fields), headers: { cookie, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" } });
}

describe("a submission sent again after a step failed every time", () => {
  for (const [op, cookie] of [
    [kioskSignup, () => kiosk],
    [walkin, () => door],
  ] as const) {
    it(op.name, async () => {
      const clean = await op.setup();
      const none = await op.state(clean);
      const app = faultyApp({});
      const res = await op.run(app, clean);
      expect(op.done!(res)).toBe(true);
      const all = await op.state(clean);
      expect(all).not.toEqual(none);

      for (const [k, trip] of app.log.trips.entries()) {
        for (const mode of ["before", "after"] as const) {
          const what = `round trip ${k + 1} (${trip.sql[0]?.slice(0, 40)}…) failing ${mode} it ran, every time`;
          const ctx = await op.setup();
          const failed = await op.run(faultyApp({ ...sameStep(trip), mode }), ctx);
          expect(failed.status, what).not.toBe(500);
          const state = await op.state(ctx);
          expect([none, all], what).toContainEqual(state);
          if (op.done!(failed)) {
            expect(state, what).toEqual(all);
            continue;
          }
          // not done: "Coba lagi" completes all of it, once, as the person's own
          expect(failed.status, what).toBe(503);
          const again = await tryAgain(await failed.text(), cookie());
          expect(op.done!(again), `${what}: then "Coba lagi" answered ${again.status} ${again.headers.get("location") ?? ""}`).toBe(true);
          expect(await op.state(ctx), what).toEqual(all);
        }
      }
    });
  }
});

describe("a kiosk's 'Coba lagi' once the next person's turn began", () => {
  /** A kiosk signup whose batch is written every time and its answer lost: the 503 page with its "Coba lagi". */
  async function lostAnswer(name: string) {
    const phone = nextPhone();
    const res = await faultyApp({ when: signupBatch, rate: 0.999999, random: () => 0, mode: "after" }).postForm("/staff/kiosk/aon/tenun", validSignup({ phone, name }), { cookie: kiosk });
    expect(res.status).toBe(503);
    expect(await registrationOf(phone)).not.toBe(0);
    return { phone, page: await res.text() };
  }

  it("is the earlier person's own while nothing happened on the kiosk since: their done page", async () => {
    const { page } = await lostAnswer("Kios Satu");
    const again = await tryAgain(page, kiosk);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toMatch(/\/done\?n=/);
  });

  it("from the history after the next person's form opened, or after their signup, shows nothing of the earlier person", async () => {
    const { page } = await lostAnswer("Kios Dua");
    // "Orang berikutnya": the next person's form opens; then Back to the earlier page and its button
    expect((await faultyApp({}).call("/staff/kiosk/aon/tenun", { headers: { cookie: kiosk } })).status).toBe(200);
    const back = await tryAgain(page, kiosk);
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toMatch(/\/known\?/);

    const { page: third } = await lostAnswer("Kios Tiga");
    const next = await faultyApp({}).postForm("/staff/kiosk/aon/tenun", validSignup({ phone: nextPhone(), name: "Kios Empat" }), { cookie: kiosk });
    expect(next.headers.get("location")).toMatch(/\/done\?n=/);
    const replay = await tryAgain(third, kiosk);
    expect(replay.headers.get("location")).toMatch(/\/known\?/);
  });

  it("from the history after the next person turned out to be registered already ('already registered'): still nothing of the earlier person", async () => {
    const { page } = await lostAnswer("Kios Lima");
    expect((await faultyApp({}).call("/staff/kiosk/aon/tenun", { headers: { cookie: kiosk } })).status).toBe(200);
    const known = validSignup({ phone: nextPhone(), name: "Kios Enam" });
    expect((await postForm("/e/aon/tenun", known)).status).toBe(303);
    expect((await faultyApp({}).postForm("/staff/kiosk/aon/tenun", known, { cookie: kiosk })).headers.get("location")).toMatch(/\/known\?/);
    const replay = await tryAgain(page, kiosk);
    expect(replay.headers.get("location")).toMatch(/\/known\?/);
  });
});

describe("the walk-in's form sent again with another person's answers", () => {
  it("registers and admits that person, and names them (not the guest the form was first sent for)", async () => {
    const [first, second] = [nextPhone(), nextPhone()];
    const walkinPost = (fields: Record<string, string>) => faultyApp({}).postForm("/staff/checkin/walkin", { event: "aon", gate: "Pintu Walk-in", ...fields }, { cookie: door });
    // a first post refused on a field: the form comes back with its submission
    const { consent: _, ...noConsent } = validSignup({ phone: first, name: "Walkin Dua" }) as Record<string, string>;
    const refused = await walkinPost(noConsent);
    expect(refused.status).toBe(422);
    const submission = submissionIn(await refused.text())!;
    expect(submission).toBeTruthy();
    const admitted = await walkinPost({ ...(validSignup({ phone: first, name: "Walkin Dua" }) as Record<string, string>), submission });
    expect(await admitted.text()).toContain("Walkin Dua");
    // the same form, now filled in for the next guest
    const next = await walkinPost({ ...(validSignup({ phone: second, name: "Walkin Tiga" }) as Record<string, string>), submission });
    expect(next.status).toBe(200);
    const page = await next.text();
    expect(page).toContain("Walkin Tiga");
    expect(page).not.toContain("Walkin Dua");
    const id = await registrationOf(second);
    expect(await count("checkins c join tickets t on t.id = c.ticket_id", "t.registration_id = ? and c.direction = 'in'", id)).toBe(1);
    expect(await count("checkins c join tickets t on t.id = c.ticket_id", "t.registration_id = ? and c.direction = 'in'", await registrationOf(first))).toBe(1);
  });
});

describe("all of it or none of it, whichever round trip fails", () => {
  for (const op of [signup, erasure, pairing, allocation, leadUpdate, kioskSignup, walkin] as Op<unknown>[]) {
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
          const state = await op.state(ctx);
          expect([none, all], `round trip ${k} failing ${mode} it ran`).toContainEqual(state);
          // a submission that is all there was answered as the person's own
          if (op.done && JSON.stringify(state) === JSON.stringify(all)) expect(op.done(res), `round trip ${k} failing ${mode} it ran`).toBe(true);
        }
      }
    });
  }
});
