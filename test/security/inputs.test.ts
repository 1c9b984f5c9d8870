/**
 * Every input bounded: searches that D1 could not run are refused on `q`;
 * question codes that mean something to JavaScript are refused, and answers are
 * read by own property; a scan's own time lies near the event; no stored text
 * keeps a control character or a bidirectional override.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { personMatches } from "../../src/base/registration/search";
import { call, codeFrom, count, makeEvent, makeStaff, postForm, staffGet, staffSession, validSignup } from "../helpers";

let door: string;
let desk: string;
let cookie: string;

beforeAll(async () => {
  await makeEvent("inp-ev", { starts_at: "2026-11-20T09:00:00+08:00", ends_at: "2026-11-21T21:00:00+08:00" });
  door = (await makeStaff("checkin", ["inp-ev"])).token;
  desk = (await makeStaff("enrollment", ["inp-ev"])).token;
  cookie = await staffSession();
  // a name exactly as long as the longest search D1 allows (48 characters between the two %)
  await postForm("/e/inp-ev", validSignup({ phone: "081399990001", name: "Bernadeta Theresia Kewa Ina Manuk Soge da Costa X" }));
});

const q = (text: string) => encodeURIComponent(text);

describe("search (q)", () => {
  const where = (text: string) => [
    { who: door, path: `/api/v1/events/inp-ev/attendees?q=${q(text)}` },
    { who: desk, path: `/api/v1/events/inp-ev/leads?q=${q(text)}` },
    { who: desk, path: `/api/v1/events/inp-ev/leads.csv?q=${q(text)}` },
    { who: desk, path: `/api/v1/events/inp-ev/leads.xlsx?q=${q(text)}` },
  ];

  it("is bounded where every LIKE on people is built, whatever the caller checked", () => {
    expect(() => personMatches("x".repeat(49))).toThrow(expect.objectContaining({ status: 422, fields: { q: expect.anything() } }));
    expect(() => personMatches("x".repeat(48))).not.toThrow();
  });

  it("runs a search of 48 characters and finds the person", async () => {
    const text = "bernadeta theresia kewa ina manuk soge da costa x".slice(0, 48);
    const res = await call(`/api/v1/events/inp-ev/attendees?q=${q(text)}`, { token: door });
    expect(res.status).toBe(200);
    expect((await res.json<{ attendees: unknown[] }>()).attendees).toHaveLength(1);
  });

  it("refuses 49 to 100 characters on every list and export with 422 naming q, before any byte of a file", async () => {
    for (const n of [49, 60, 100]) {
      for (const { who, path } of where("a".repeat(n))) {
        const res = await call(path, { token: who });
        expect(res.status, path).toBe(422);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(Object.keys((await res.json<{ errors: object }>()).errors)).toEqual(["q"]);
      }
    }
  });

  it("counts bytes after escaping and UTF-8: 25 wildcards or 13 emoji are too long, 24 and 12 are not", async () => {
    for (const [text, ok] of [["%".repeat(24), true], ["%".repeat(25), false], ["😀".repeat(12), true], ["😀".repeat(13), false], ["ꦱ".repeat(16), true], ["ꦱ".repeat(17), false]] as const) {
      const res = await call(`/api/v1/events/inp-ev/attendees?q=${q(text)}`, { token: door });
      expect(res.status, text).toBe(ok ? 200 : 422);
    }
  });

  it("shows the door's and the desk's pages again with a message beside the search, never a 500", async () => {
    const long = "x".repeat(80);
    const scanner = await staffGet(`/staff/checkin?event=inp-ev&gate=A&q=${long}`, cookie);
    expect(scanner.status).toBe(422);
    expect(await scanner.text()).toMatch(/id="q-err"[^>]*>Pencarian terlalu panjang/);
    const leads = await staffGet(`/staff/leads?event=inp-ev&q=${long}`, cookie);
    expect(leads.status).toBe(422);
    expect(await leads.text()).toContain("Pencarian terlalu panjang");
  });

  it("answers any generated search with 200 or a 422 naming q, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 2, maxLength: 100 }), fc.string({ unit: "grapheme", minLength: 2, maxLength: 60 }), fc.string({ unit: fc.constantFrom("%", "_", "\\", "8", "1"), minLength: 2, maxLength: 80 })), async (text) => {
        for (const { who, path } of where(text).slice(0, 2)) {
          const res = await call(path, { token: who });
          expect([200, 422], `${path}`).toContain(res.status);
          if (res.status === 422) expect(Object.keys((await res.json<{ errors: object }>()).errors)).toContain("q");
        }
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});

describe("extra-question codes", () => {
  it("refuses codes that every JavaScript object already has, through the API and the console alike", async () => {
    for (const code of ["constructor", "prototype", "then", "tostring", "valueof", "hasownproperty"]) {
      const res = await call("/api/v1/events", {
        json: { slug: `q-${code}`, name: "F", venue: "V", city: "C", starts_at: "2026-12-05T09:00:00+08:00", ends_at: "2026-12-06T09:00:00+08:00", questions: [{ key: code, type: "text", label: { id: "Q", en: "Q" } }] },
      });
      expect(res.status, code).toBe(422);
      expect((await res.json<{ errors: Record<string, string> }>()).errors["questions.0.key"]).toContain("dicadangkan");
    }
  });

  it("keeps a form whose stored question is coded `constructor` working: the page, the signup, the export", async () => {
    await makeEvent("q-legacy");
    // data written before the rule (the API refuses it now)
    await env.DB.prepare("update events set questions = ? where slug = 'q-legacy'")
      .bind(JSON.stringify([{ key: "constructor", type: "text", required: false, label: { id: "Alat", en: "Tools" } }, { key: "tostring", type: "yesno", required: false, label: { id: "Ya?", en: "Yes?" } }]))
      .run();
    const page = await call("/e/q-legacy", { token: null });
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain("native code");
    const answered = codeFrom(await postForm("/e/q-legacy", validSignup({ phone: "081399990010", constructor: "Tenun" })));
    const blank = codeFrom(await postForm("/e/q-legacy", validSignup({ phone: "081399990011" })));
    const answers = async (code: string) =>
      JSON.parse((await env.DB.prepare("select r.answers from registrations r join tickets t on t.registration_id = r.id where t.code = ?").bind(code).first<{ answers: string }>())!.answers);
    expect(await answers(answered)).toEqual({ constructor: "Tenun" });
    expect(await answers(blank)).toEqual({});
    const csv = await (await call("/api/v1/events/q-legacy/leads.csv")).text();
    expect(csv).not.toContain("function");
    expect(csv).toContain("Tenun");
    expect((await call(`/t/${blank}/me/edit`, { token: null })).status).toBe(200);
  });

  it("treats form fields named __proto__ or constructor as fields, nothing more", async () => {
    const before = await count("registrations");
    // own keys named __proto__ and constructor (an object literal would set the prototype instead)
    const fields = Object.assign(Object.fromEntries([["__proto__", ["x", "y"]], ["constructor", "y"]]), validSignup({ phone: "081399990012" }));
    expect(Object.keys(fields)).toContain("__proto__");
    const res = await postForm("/e/inp-ev", fields);
    expect(res.status).toBe(303);
    expect(await count("registrations")).toBe(before + 1);
  });
});

describe("scanned_at", () => {
  const scan = (ticket: string, scanned_at: string) => call("/api/v1/events/inp-ev/checkins", { token: door, json: { ticket, gate: "A", scanned_at } });

  it("is accepted from a day before the event to a day after it, and refused outside with 422 on the field", async () => {
    const ticket = codeFrom(await postForm("/e/inp-ev", validSignup({ phone: "081399990020" })));
    for (const at of ["2026-11-19T08:59:00+08:00", "2026-11-22T21:01:00+08:00", "2020-01-01T00:00:00Z", "2099-01-01T00:00:00Z"]) {
      const res = await scan(ticket, at);
      expect(res.status, at).toBe(422);
      expect(Object.keys((await res.json<{ errors: object }>()).errors)).toEqual(["scanned_at"]);
    }
    expect(await count("checkins c join tickets t on t.id = c.ticket_id", "t.code = ?", ticket)).toBe(0);
    expect((await scan(ticket, "2026-11-19T09:01:00+08:00")).status).toBe(200);
  });

  it("takes a rehearsal at the door days before the fair (the scanner always sends its clock), but not a time further back", async () => {
    await makeEvent("inp-soon", { starts_at: new Date(Date.now() + 4 * 86_400_000).toISOString(), ends_at: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    const staff = (await makeStaff("checkin", ["inp-soon"])).token;
    const ticket = codeFrom(await postForm("/e/inp-soon", validSignup({ phone: "081399990022" })));
    const at = (ms: number) => call("/api/v1/events/inp-soon/checkins", { token: staff, json: { ticket, gate: "A", scanned_at: new Date(Date.now() + ms).toISOString() } });
    expect((await at(-2 * 86_400_000)).status).toBe(422);
    expect((await at(0)).status).toBe(200);
  });

  it("is never more than five minutes ahead of the server's clock, even inside the event", async () => {
    await makeEvent("inp-now", { starts_at: new Date(Date.now() - 3600_000).toISOString(), ends_at: new Date(Date.now() + 86_400_000).toISOString() });
    const staff = (await makeStaff("checkin", ["inp-now"])).token;
    const ticket = codeFrom(await postForm("/e/inp-now", validSignup({ phone: "081399990021" })));
    const at = (ms: number) => call("/api/v1/events/inp-now/checkins", { token: staff, json: { ticket, gate: "A", scanned_at: new Date(Date.now() + ms).toISOString() } });
    expect((await at(10 * 60_000)).status).toBe(422);
    expect((await at(60_000)).status).toBe(200);
  });
});

describe("stored text", () => {
  it("refuses a name that is only a NUL byte, a terminal escape or characters that show nothing", async () => {
    for (const name of ["\u0000", "\u001b[31m", "\u202e\u2066 \u0007", "\u200b", "\u3164", "\u{e0041}\u2060"]) {
      const res = await postForm("/e/inp-ev", validSignup({ phone: "081399990030", name }));
      expect(res.status, JSON.stringify(name)).toBe(422);
      expect(await res.text()).toContain('id="name-err"');
    }
    expect(await count("registrations", "phone = '+6281399990030'")).toBe(0);
  });

  it("stores a name without its control characters and overrides", async () => {
    await postForm("/e/inp-ev", validSignup({ phone: "081399990031", name: "Maria\u202e ilib\u202c\u0000 Lodo\u001b[0m" }));
    expect((await env.DB.prepare("select name from registrations where phone = '+6281399990031'").first<{ name: string }>())!.name).toBe("Maria ilib Lodo");
  });
});
