/**
 * Generated hostile input on every public page, staff page and API route: never
 * a 5xx, and a refusal (4xx) changes no stored data. Afterwards no stored text,
 * in any table, holds a control character or a bidirectional override.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, call, codeFrom, formBody, makeBooth, makeEvent, ORIGIN, postForm, staffSession, validSignup } from "../helpers";

type Target = {
  method: string;
  /** `{x}` is replaced by the hostile value, URL-encoded */
  path: string;
  as: "form" | "json" | "query" | "path";
  auth: "none" | "cookie" | "bearer";
  base?: () => Record<string, unknown>;
  fields: string[];
  /** a refusal here is an answer the door keeps for a retry (scan_replies), and nothing else */
  keepsAnswer?: boolean;
};

let n = 0;
const fresh = () => `0813444${String(++n).padStart(5, "0")}`;
let code: string;
let leadId: number;
let cookie: string;

const PERSON = ["name", "phone", "email", "regency", "occupation", "occupation_other", "nik", "birth_date", "bpjs_status", "interests", "consent", "contact_ok", "lang", "karya"];
const EVENT = ["slug", "name", "venue", "city", "starts_at", "ends_at", "timezone", "status", "organiser", "contact_email", "literacy", "privacy_notice", "notice_version", "questions", "retention_days", "signups_per_minute", "turnstile"];
const FILTER = ["q", "booth", "since", "until", "status", "regency", "occupation", "interest", "assignee", "cursor", "limit", "include"];

const targets = (): Target[] => [
  // what attendees reach
  { method: "GET", path: "/e/{x}", as: "path", auth: "none", fields: ["x"] },
  { method: "POST", path: "/e/hos-ev", as: "form", auth: "none", base: () => validSignup({ phone: fresh() }), fields: [...PERSON, "website", "cf-turnstile-response", "__proto__", "constructor"] },
  { method: "POST", path: "/e/hos-ev/bpjs", as: "form", auth: "none", base: () => validSignup({ phone: fresh() }), fields: PERSON },
  { method: "POST", path: "/e/hos-ev/bpjs/interest", as: "form", auth: "none", fields: ["x"] },
  { method: "GET", path: "/t/{x}", as: "path", auth: "none", fields: ["x"] },
  { method: "GET", path: "/t/{x}/qr.png", as: "path", auth: "none", fields: ["x"] },
  { method: "GET", path: "/t/{x}/me.json", as: "path", auth: "none", fields: ["x"] },
  { method: "POST", path: `/t/{code}/me/edit`, as: "form", auth: "none", base: () => ({ name: "Maria Bili", phone: "0813-4440-0000", regency: "53.71", occupation: "kriya", bpjs_status: "none" }), fields: [...PERSON, "nik_remove"] },
  { method: "POST", path: `/t/{code}/me/contact`, as: "form", auth: "none", fields: ["lang"] },
  // staff pages
  { method: "GET", path: "/staff/login", as: "query", auth: "none", fields: ["next", "lang"] },
  { method: "POST", path: "/staff/login", as: "form", auth: "none", fields: ["token", "next"] },
  { method: "GET", path: "/staff/leads", as: "query", auth: "cookie", base: () => ({ event: "hos-ev" }), fields: ["event", "from", "to", ...FILTER] },
  { method: "GET", path: "/staff/checkin", as: "query", auth: "cookie", base: () => ({ event: "hos-ev", gate: "A" }), fields: ["event", "gate", "q"] },
  { method: "POST", path: "/staff/checkin/scan", as: "form", auth: "cookie", base: () => ({ event: "hos-ev", gate: "A", ticket: "x" }), fields: ["event", "gate", "ticket", "direction"] },
  { method: "POST", path: "/staff/checkin/pair?event=hos-ev", as: "form", auth: "cookie", fields: ["gate"] },
  { method: "POST", path: `/staff/leads/{lead}`, as: "form", auth: "cookie", fields: ["status", "note", "assignee_id", "back"] },
  { method: "POST", path: "/staff/events/hos-ev/booths", as: "form", auth: "cookie", base: () => ({ name: "Stan" }), fields: ["name", "code", "exhibitor"] },
  { method: "POST", path: "/staff/people", as: "form", auth: "cookie", base: () => ({ name: "Relawan", role: "checkin", scope: "all" }), fields: ["name", "role", "scope", "events", "gate"] },
  // the API
  { method: "GET", path: "/api/v1/events/hos-ev/attendees", as: "query", auth: "bearer", base: () => ({ q: "ma" }), fields: ["q"] },
  { method: "GET", path: "/api/v1/events/hos-ev/leads", as: "query", auth: "bearer", fields: FILTER },
  { method: "GET", path: "/api/v1/events/hos-ev/leads.csv", as: "query", auth: "bearer", fields: FILTER },
  { method: "GET", path: "/api/v1/events/{x}/stats", as: "path", auth: "bearer", fields: ["x"] },
  { method: "POST", path: "/api/v1/events/hos-ev/checkins", as: "json", auth: "bearer", base: () => ({ ticket: "x", gate: "A" }), fields: ["ticket", "gate", "direction", "client_id", "scanned_at"], keepsAnswer: true },
  { method: "POST", path: "/api/v1/events/hos-ev/walkins", as: "json", auth: "bearer", base: () => ({ ...validSignup({ phone: fresh() }), gate: "A" }), fields: [...PERSON, "gate"] },
  { method: "PATCH", path: `/api/v1/leads/{lead}`, as: "json", auth: "bearer", base: () => ({ note: "ok" }), fields: ["status", "note", "assignee_id"] },
  { method: "POST", path: "/api/v1/events", as: "json", auth: "bearer", base: () => ({ slug: `hos-${++n}`, name: "F", venue: "V", city: "C", starts_at: "2026-12-05T09:00:00+08:00", ends_at: "2026-12-06T09:00:00+08:00" }), fields: EVENT },
  { method: "PATCH", path: "/api/v1/events/hos-ev", as: "json", auth: "bearer", fields: EVENT },
  { method: "POST", path: "/api/v1/events/hos-ev/booths", as: "json", auth: "bearer", base: () => ({ code: `b${++n}`, name: "Stan" }), fields: ["code", "name", "exhibitor"] },
  { method: "POST", path: "/api/v1/staff", as: "json", auth: "bearer", base: () => ({ name: "Relawan", role: "checkin", events: "all" }), fields: ["name", "role", "events", "gate"] },
  { method: "POST", path: "/api/v1/events/hos-ev/pairings", as: "json", auth: "bearer", fields: ["gate"] },
  { method: "DELETE", path: "/api/v1/registrations/{x}", as: "path", auth: "bearer", fields: ["x"] },
];

const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: fc.constantFrom("%", "_", "\\", "'", '"', ";", "=", "\u0000", "\u001b", "[", "\u202e", "\u2066", "\r", "\n", "\t", "a", "8"), maxLength: 60 }),
  fc.constantFrom("", " ", "yes", "all", "none", "me", "constructor", "__proto__", "toString", "' OR 1=1 --", "<script>alert(1)</script>", "x".repeat(5000), "-1", "0", "1e309", "9".repeat(30), "2026-02-30T09:00:00+08:00", "9999-12-31T23:59:59Z", "../../etc", "%00", "\u0000", "\u001b[31m", "null", "NaN"),
);
const jsonValue = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.dictionary(fc.constantFrom("__proto__", "constructor", "id", "en", "key", "x"), text, { maxKeys: 3 }));
const formValue = fc.oneof(text, fc.array(text, { maxLength: 3 }));

/** Everything stored, but what a read may add (audit entries, sign-ins) and the tables in `except`. */
async function snapshot(except: string[] = []): Promise<string> {
  const tables = (await env.DB.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name not like 'd1_%' and name not in ('audit_log', 'staff_sessions') order by name").all<{ name: string }>()).results.filter((t) => !except.includes(t.name));
  const out: Record<string, unknown> = {};
  for (const { name } of tables) out[name] = (await env.DB.prepare(`select * from "${name}" order by rowid`).all()).results;
  return JSON.stringify(out);
}

function request(t: Target, field: string, value: unknown): Promise<Response> {
  const sub = (p: string) => p.replace("{code}", code).replace("{lead}", String(leadId)).replace("{x}", encodeURIComponent(typeof value === "string" ? value : JSON.stringify(value)));
  const fields: Record<string, unknown> = { ...(t.base?.() ?? {}) };
  if (t.as !== "path") fields[field] = value;
  const headers: Record<string, string> = { "cf-connecting-ip": `203.0.113.${n % 250}` };
  if (t.auth === "cookie") Object.assign(headers, { cookie, origin: ORIGIN });
  if (t.method !== "GET" && t.auth === "none") headers.origin = ORIGIN;
  const token = t.auth === "bearer" ? ADMIN : null;
  let path = sub(t.path);
  if (t.as === "query") {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) q.append(k, String(x));
    path += `${path.includes("?") ? "&" : "?"}${q}`;
    return call(path, { token, headers });
  }
  if (t.as === "json") return call(path, { token, method: t.method, json: fields, headers });
  if (t.as === "form") {
    const strings = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));
    return call(path, { token, method: t.method, body: formBody(strings), headers: { ...headers, "content-type": "application/x-www-form-urlencoded" } });
  }
  return call(path, { token, method: t.method, headers });
}

beforeAll(async () => {
  await makeEvent("hos-ev", { questions: [{ key: "karya", type: "text", label: { id: "Karya", en: "Work" } }] });
  await makeBooth("hos-ev", "bpjs");
  code = codeFrom(await postForm("/e/hos-ev/bpjs", validSignup({ phone: "0813-4440-0000" })));
  leadId = (await env.DB.prepare("select id from registrations where phone = '+6281344400000'").first<{ id: number }>())!.id;
  cookie = await staffSession();
});

describe("hostile input everywhere", () => {
  it("never gets a 5xx, and a refusal changes nothing stored", async () => {
    const all = targets();
    const cases = fc.constantFrom(...all).chain((t) => fc.tuple(fc.constant(t), fc.constantFrom(...t.fields), t.as === "json" ? jsonValue : formValue));
    await fc.assert(
      fc.asyncProperty(cases, async ([t, field, value]) => {
        const except = t.keepsAnswer ? ["scan_replies"] : [];
        const before = await snapshot(except);
        const res = await request(t, field, value);
        const where = `${t.method} ${t.path} ${field}=${JSON.stringify(value).slice(0, 120)}`;
        expect(res.status, where).toBeLessThan(500);
        await res.arrayBuffer();
        if (res.status >= 400) expect(await snapshot(except), where).toBe(before);
      }),
      { numRuns: 250 },
    );
  }, 600_000);

  it("left no control character or bidirectional override in any stored text", async () => {
    // and text that is valid but dirty, written through every kind of form that stores text
    const dirty = (word: string) => `\u202e${word}\u0000\u001b[31m\u2066x\u0007`;
    // the generated posts above may have left the event any questions, a ceiling of a signup or two a minute
    // (an integer is a valid signups_per_minute) or Turnstile on: before any signup here, it is open, asks
    // "karya" as text, takes the default ceiling and no Turnstile, whatever the generation order was
    const asks = await call("/api/v1/events/hos-ev", {
      method: "PATCH",
      json: { status: "open", questions: [{ key: "karya", type: "text", label: { id: "Karya", en: "Work" } }], signups_per_minute: 600, turnstile: false },
    });
    expect(asks.status).toBe(200);
    // a lead of its own (the generated posts above may have withdrawn or erased the first one)
    const notePhone = fresh();
    codeFrom(await postForm("/e/hos-ev", validSignup({ phone: notePhone })));
    const noteLead = (await env.DB.prepare("select id from registrations where phone = ?").bind(`+62${notePhone.slice(1)}`).first<{ id: number }>())!.id;
    const guest = codeFrom(await postForm("/e/hos-ev", validSignup({ phone: fresh() })));
    const writes = [
      postForm("/e/hos-ev", validSignup({ phone: fresh(), name: dirty("Nama"), email: "", occupation: "other", occupation_other: dirty("Kerja"), karya: dirty("Karya") })),
      call("/api/v1/events/hos-ev/booths", { json: { code: "kotor", name: dirty("Stan"), exhibitor: dirty("Pameran") } }),
      call("/api/v1/staff", { json: { name: dirty("Staf"), role: "checkin", events: "all", gate: dirty("Gerbang") } }),
      call("/api/v1/events/hos-ev/pairings", { json: { gate: dirty("Pintu") } }),
      call(`/api/v1/leads/${noteLead}`, { method: "PATCH", json: { note: `${dirty("Catatan")}\r\nbaris dua` } }),
      call("/api/v1/events/hos-ev/checkins", { json: { ticket: guest, gate: dirty("Gate"), client_id: dirty("hp") } }),
    ];
    for (const res of await Promise.all(writes)) expect(res.status, res.url).toBeLessThan(400);
    // the event's own texts last: a signup in flight while its questions change is judged again against the new ones
    const event = await call("/api/v1/events/hos-ev", {
      method: "PATCH",
      json: { organiser: dirty("Penyelenggara"), literacy: { id: `${dirty("Literasi")}\n\nParagraf`, en: "" }, questions: [{ key: "karya", type: "single", label: { id: dirty("Tanya"), en: "Q" }, options: [{ value: "a", label: { id: dirty("Pilihan"), en: "A" } }] }] },
    });
    expect(event.status, event.url).toBeLessThan(400);

    // C0 but LF, DEL, C1, and the bidirectional controls
    const forbidden = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
    const parsed = (v: string): unknown => {
      try {
        return JSON.parse(v);
      } catch {
        return null;
      }
    };
    const strings = (v: unknown): string[] =>
      typeof v === "string" ? [v, ...(/^[[{]/.test(v) ? strings(parsed(v)) : [])] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === "object" ? Object.values(v).flatMap(strings) : [];
    const badIn = (stored: Record<string, Record<string, unknown>[]>) => {
      const bad: string[] = [];
      for (const [table, rows] of Object.entries(stored)) for (const row of rows) for (const [column, v] of Object.entries(row)) for (const s of strings(v)) if (forbidden.test(s)) bad.push(`${table}.${column}: ${JSON.stringify(s).slice(0, 80)}`);
      return bad;
    };
    // the scan sees what it looks for, also inside JSON columns
    expect(badIn({ t: [{ a: "ok", b: JSON.stringify({ x: ["\u0001y"] }) }] })).toHaveLength(1);
    const stored = JSON.parse(await snapshot()) as Record<string, Record<string, unknown>[]>;
    expect(badIn(stored)).toEqual([]);
    // and the dirty words are there, cleaned
    const all = JSON.stringify(stored);
    for (const word of ["Nama", "Kerja", "Karya", "Stan", "Pameran", "Staf", "Gerbang", "Pintu", "Catatan", "Gate", "Penyelenggara", "Literasi", "Tanya", "Pilihan"]) expect(all, word).toContain(`${word}x`);
  });
});
