/**
 * Bots: a honeypot, a limit per phone number, a ceiling of signups a minute per
 * event that organisers see and raise, and Cloudflare Turnstile per event,
 * verified on the server (against a local stand-in of siteverify that answers as
 * Cloudflare's published test secrets do). Every refusal keeps the answers; a 429
 * says when to try again.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, count, formBody, makeBooth, makeEvent, ORIGIN, postForm, staffPost, staffSession, validSignup } from "../helpers";
import { callWith } from "./app-with";

const TOKEN = "XXXX.DUMMY.TOKEN.XXXX"; // what the widget yields with Cloudflare's test site keys
let n = 0;
/** A fresh phone and client address, so that only the rule under test refuses. */
const fresh = () => {
  n++;
  return { phone: `0813555${String(n).padStart(5, "0")}`, ip: `203.0.113.${n % 250}` };
};

beforeAll(async () => {
  await makeEvent("bot-ev");
  await makeEvent("bot-ts", { turnstile: true });
});

describe("the honeypot", () => {
  it("is in the form, hidden from people, screen readers and the tab order, and never autofilled", async () => {
    const html = await (await call("/e/bot-ev", { token: null })).text();
    expect(html).toMatch(/<div class="hp" aria-hidden="true"><label for="website">[^<]+<\/label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off" value=""\/?><\/div>/);
  });

  it("filled: the form again (422) with the answers but not the honeypot, and nothing stored", async () => {
    const f = fresh();
    const before = await count("registrations");
    const res = await postForm("/e/bot-ev", validSignup({ phone: f.phone, name: "Kept Name", website: "http://spam.example" }), { "cf-connecting-ip": f.ip });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="Kept Name"');
    expect(html).not.toContain("spam.example");
    expect(await count("registrations")).toBe(before);
    // left empty, as a person leaves it
    expect((await postForm("/e/bot-ev", validSignup({ phone: f.phone, website: "" }), { "cf-connecting-ip": f.ip })).status).toBe(303);
  });
});

describe("one phone number", () => {
  it("may be posted 10 times a minute at one event; then 429 with Retry-After: 60 and the answers kept", async () => {
    const { phone } = fresh();
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 12 && !refused; i++) {
      // a new address each time: the per-address limit stays out of it
      const res = await postForm("/e/bot-ev", validSignup({ phone, name: "Nama Tetap" }), { "cf-connecting-ip": `198.18.7.${i}` });
      if (res.status === 429) refused = res;
      else statuses.push(res.status);
    }
    // limits are counted in fixed windows, so a refusal comes after 10 posts, or after up to 20 across a window edge
    expect(refused).toBeDefined();
    expect(statuses.length).toBeGreaterThanOrEqual(10);
    // the first registers; the same person again from browsers that do not hold the ticket is told "already registered"
    expect(statuses[0]).toBe(303);
    expect(statuses.slice(1).every((s) => s === 200)).toBe(true);
    expect(refused!.headers.get("retry-after")).toBe("60");
    const html = await refused!.text();
    expect(html).toContain("Terlalu banyak percobaan");
    expect(html).toContain('value="Nama Tetap"');
    // another number is not held back
    const other = fresh();
    expect((await postForm("/e/bot-ev", validSignup({ phone: other.phone }), { "cf-connecting-ip": other.ip })).status).toBe(303);
  });

  it("says Retry-After and keeps the answers in the person's language when the address limit refuses too", async () => {
    let refused: Response | undefined;
    for (let i = 0; i < 130 && !refused; i++) {
      const res = await postForm("/e/bot-ev", validSignup({ phone: fresh().phone, name: "Kept", lang: "en" }), { "cf-connecting-ip": "198.18.9.9" });
      if (res.status === 429) refused = res;
    }
    expect(refused!.headers.get("retry-after")).toBe("10");
    expect(await refused!.text()).toContain("Too many attempts");
  });
});

describe("the ceiling of signups a minute", () => {
  it("is 600 by default, shown by the API and the console form, and raised by an organiser", async () => {
    expect((await (await call("/api/v1/events/bot-ev")).json<{ signups_per_minute: number }>()).signups_per_minute).toBe(600);
    const admin = await staffSession();
    const page = await (await call("/staff/events/bot-ev", { token: null, headers: { cookie: admin } })).text();
    expect(page).toMatch(/name="signups_per_minute"[^>]*value="600"/);
    const patch = await call("/api/v1/events/bot-ev", { method: "PATCH", json: { signups_per_minute: 900 } });
    expect(patch.status).toBe(200);
    expect((await patch.json<{ signups_per_minute: number }>()).signups_per_minute).toBe(900);
    const form = await staffPost("/staff/events/bot-ev", admin, {
      name: "Festival bot-ev",
      venue: "Taman Budaya Gerson Poyk",
      city: "Kota Kupang",
      starts_at: "2026-12-05T09:00",
      ends_at: "2026-12-06T21:00",
      timezone: "Asia/Makassar",
      status: "open",
      notice_version: "1",
      retention_days: "365",
      signups_per_minute: "1200",
    });
    expect(form.status).toBe(303);
    expect((await (await call("/api/v1/events/bot-ev")).json<{ signups_per_minute: number }>()).signups_per_minute).toBe(1200);
    expect((await call("/api/v1/events/bot-ev", { method: "PATCH", json: { signups_per_minute: 0 } })).status).toBe(422);
  });

  it("refuses new people past it with 429 (Retry-After, answers kept) and stores nothing; those already in may still update", async () => {
    await makeEvent("bot-cap", { signups_per_minute: 3 });
    const people = [fresh(), fresh(), fresh()];
    const cookies: string[] = [];
    for (const p of people) {
      const res = await postForm("/e/bot-cap", validSignup({ phone: p.phone }), { "cf-connecting-ip": p.ip });
      expect(res.status).toBe(303);
      cookies.push(/kf_ticket=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0]);
    }
    const before = await count("registrations");
    const late = fresh();
    const res = await postForm("/e/bot-cap", validSignup({ phone: late.phone, name: "Terlambat" }), { "cf-connecting-ip": late.ip });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("60");
    const html = await res.text();
    expect(html).toContain("banyak sekali pendaftaran");
    expect(html).toContain('value="Terlambat"');
    expect(await count("registrations")).toBe(before);
    expect(await count("tickets")).toBe(await count("registrations"));
    // a person already registered changes an answer from the browser that holds their ticket
    const again = await postForm("/e/bot-cap", validSignup({ phone: people[0]!.phone, occupation: "musik" }), { "cf-connecting-ip": people[0]!.ip, cookie: cookies[0]! });
    expect(again.status).toBe(303);
    expect(await count("registrations", "occupation = 'musik' and event_id = (select id from events where slug = 'bot-cap')")).toBe(1);
    // another name on that phone is a new person, held back like any other
    expect((await postForm("/e/bot-cap", validSignup({ phone: people[0]!.phone, name: "Nama Baru" }), { "cf-connecting-ip": people[0]!.ip, cookie: cookies[0]! })).status).toBe(429);
    // a minute later (moved in the database, not waited for) there is room again
    await env.DB.prepare("update registrations set created_at = created_at - 61000 where event_id = (select id from events where slug = 'bot-cap')").run();
    expect((await postForm("/e/bot-cap", validSignup({ phone: late.phone }), { "cf-connecting-ip": late.ip })).status).toBe(303);
  });

  it("refuses a new person past it at a booth's form too (the posters' path): 429, no visit, no row", async () => {
    await makeEvent("bot-booth", { signups_per_minute: 1 });
    await makeBooth("bot-booth", "stan");
    const first = fresh();
    expect((await postForm("/e/bot-booth/stan", validSignup({ phone: first.phone }), { "cf-connecting-ip": first.ip })).status).toBe(303);
    const [regs, visits] = [await count("registrations"), await count("booth_visits")];
    const late = fresh();
    const res = await postForm("/e/bot-booth/stan", validSignup({ phone: late.phone, name: "Terlambat" }), { "cf-connecting-ip": late.ip });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("60");
    expect(await res.text()).toContain('value="Terlambat"');
    expect(await count("registrations")).toBe(regs);
    expect(await count("booth_visits")).toBe(visits);
    // someone already registered is not held back by the ceiling: from a browser without the ticket they are told
    // "already registered" (200), with their visit to another booth recorded
    await makeBooth("bot-booth", "stan-2");
    const again = await postForm("/e/bot-booth/stan-2", validSignup({ phone: first.phone }), { "cf-connecting-ip": first.ip });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("sudah terdaftar");
    expect(await count("registrations")).toBe(regs);
    expect(await count("booth_visits")).toBe(visits + 1);
  });

  it("does not hold back the door: a walk-in is registered past it", async () => {
    await makeEvent("bot-door", { signups_per_minute: 1 });
    for (const phone of ["081355590001", "081355590002"]) {
      const res = await call("/api/v1/events/bot-door/walkins", { json: { name: "Walk In", phone, regency: "53.71", occupation: "musik", consent: "yes", gate: "A" } });
      expect(res.status).toBe(201);
    }
  });
});

describe("Turnstile", () => {
  const signup = (extra: Record<string, string> = {}) => {
    const f = fresh();
    return { fields: validSignup({ phone: f.phone, name: "Dengan Widget", ...extra }), ip: f.ip };
  };
  const post = (changes: Record<string, string | undefined>, fields: Record<string, string | string[]>, ip: string) =>
    callWith(changes, "/e/bot-ts", { method: "POST", body: formBody(fields), headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, "cf-connecting-ip": ip } });

  it("on: the form carries the widget, and only that page's policy lets Cloudflare's script and frame in", async () => {
    const on = await call("/e/bot-ts", { token: null });
    const html = await on.text();
    expect(html).toContain('<div class="cf-turnstile" data-sitekey="1x00000000000000000000AA"');
    expect(html).toContain('<script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async="" defer="">');
    const csp = on.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' https:\/\/challenges\.cloudflare\.com/);
    expect(csp).toMatch(/frame-src 'self' https:\/\/challenges\.cloudflare\.com/);
    const off = await call("/e/bot-ev", { token: null });
    expect(await off.text()).not.toContain("cf-turnstile");
    expect(off.headers.get("content-security-policy")).not.toContain("challenges.cloudflare.com");
  });

  it("off: the form works without JavaScript and without any token", async () => {
    const f = fresh();
    expect((await postForm("/e/bot-ev", validSignup({ phone: f.phone }), { "cf-connecting-ip": f.ip })).status).toBe(303);
  });

  it("passes with a token that siteverify accepts (the always-passing test secret)", async () => {
    const { fields, ip } = signup({ "cf-turnstile-response": TOKEN });
    expect((await post({}, fields, ip)).status).toBe(303);
  });

  it("refuses a missing token, a failing one and a spent one with the form again (422), storing nothing", async () => {
    const before = await count("registrations");
    for (const [secret, token] of [
      [undefined, ""],
      ["2x0000000000000000000000000000000AA", TOKEN],
      ["3x0000000000000000000000000000000AA", TOKEN],
    ] as const) {
      const { fields, ip } = signup({ "cf-turnstile-response": token });
      const res = await post(secret ? { TURNSTILE_SECRET: secret } : {}, fields, ip);
      expect(res.status, secret).toBe(422);
      const html = await res.text();
      expect(html).toContain("Pemeriksaan keamanan belum berhasil");
      expect(html).toContain('value="Dengan Widget"');
      expect(html).not.toContain(TOKEN);
    }
    expect(await count("registrations")).toBe(before);
  });

  it("fails closed: no secret, or siteverify out of reach, is a 503 with Retry-After and the answers kept", async () => {
    const before = await count("registrations");
    for (const changes of [{ TURNSTILE_SECRET: undefined }, { TURNSTILE_VERIFY_URL: "https://siteverify.invalid/nowhere" }]) {
      const { fields, ip } = signup({ "cf-turnstile-response": TOKEN });
      const res = await post(changes, fields, ip);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("10");
      expect(await res.text()).toContain('value="Dengan Widget"');
    }
    // no site key: no form is offered at all
    expect((await callWith({ TURNSTILE_SITE_KEY: undefined }, "/e/bot-ts")).status).toBe(503);
    expect(await count("registrations")).toBe(before);
  });

  it("cannot be switched on where its keys are not set (one click would close the form): 422 on the field, nothing changed", async () => {
    await makeEvent("bot-ts-off");
    const admin = { authorization: `Bearer ${env.ADMIN_TOKEN}`, "content-type": "application/json" };
    for (const changes of [{ TURNSTILE_SITE_KEY: undefined }, { TURNSTILE_SECRET: "short" }]) {
      const res = await callWith(changes, "/api/v1/events/bot-ts-off", { method: "PATCH", headers: admin, body: JSON.stringify({ turnstile: true }) });
      expect(res.status).toBe(422);
      expect(Object.keys((await res.json<{ errors: object }>()).errors)).toEqual(["turnstile"]);
    }
    expect((await (await call("/api/v1/events/bot-ts-off")).json<{ turnstile: boolean }>()).turnstile).toBe(false);
    // with the keys set it can
    expect((await call("/api/v1/events/bot-ts-off", { method: "PATCH", json: { turnstile: true } })).status).toBe(200);
  });
});
