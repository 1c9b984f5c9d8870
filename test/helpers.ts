/** Test helpers: requests to the real Worker (in workerd) and the real D1 binding. */
import { env, exports } from "cloudflare:workers";

export const ORIGIN = "https://fair.test";
export const ADMIN = env.ADMIN_TOKEN!;

type CallInit = { token?: string | null; json?: unknown; body?: BodyInit; headers?: Record<string, string>; method?: string };

export function call(path: string, init: CallInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token !== null) headers.set("authorization", `Bearer ${init.token ?? ADMIN}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual" }),
  );
}

export const eventInput = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  name: `Festival ${slug}`,
  venue: "Taman Budaya Gerson Poyk",
  city: "Kota Kupang",
  starts_at: "2026-12-05T09:00:00+08:00",
  ends_at: "2026-12-06T21:00:00+08:00",
  status: "open",
  ...extra,
});

export async function makeEvent(slug: string, extra: Record<string, unknown> = {}) {
  const res = await call("/api/v1/events", { json: eventInput(slug, extra) });
  if (res.status !== 201) throw new Error(`event ${slug}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: number; slug: string };
}

export async function makeBooth(event: string, code: string, name = `Booth ${code}`) {
  const res = await call(`/api/v1/events/${event}/booths`, { json: { code, name } });
  if (res.status !== 201) throw new Error(`booth ${code}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: number; code: string };
}

export async function makeStaff(role: string, events: string[] | "all", gate?: string) {
  const res = await call("/api/v1/staff", { json: { name: `${role} person`, role, events, gate } });
  if (res.status !== 201) throw new Error(`staff: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: number; token: string };
}

/** Runs a SQL file statement by statement (statements end with `;` at the end of a line). */
export async function runSqlFile(db: D1Database, sqlText: string) {
  const statements = sqlText
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter(Boolean);
  for (const s of statements) await db.prepare(s).run();
}

export async function count(table: string, where = "1=1", ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`select count(*) as n from ${table} where ${where}`).bind(...params).first<{ n: number }>();
  return row!.n;
}

export type FormFields = Record<string, string | string[]>;

export function formBody(fields: FormFields): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return body;
}

/** A client address per test file, so the signup rate limit (per address) does not mix files. */
export const CLIENT_IP = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** A public form post, as a browser sends it from our own page (with its Origin; another site's post is refused). */
export function postForm(path: string, fields: FormFields, headers: Record<string, string> = {}) {
  return call(path, {
    token: null,
    method: "POST",
    body: formBody(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, "cf-connecting-ip": CLIENT_IP, ...headers },
  });
}

export const validSignup = (extra: FormFields = {}): FormFields => ({
  name: "Maria Bili",
  phone: "0812-3456-7801",
  regency: "53.71",
  occupation: "kriya",
  bpjs_status: "none",
  interests: ["jkk", "jkm"],
  consent: "yes",
  contact_ok: "yes",
  ...extra,
});

/**
 * Uses a link sent by WhatsApp (`/r/{secret}`) as a person does: opens it (GET, which only shows a
 * button and binds nothing), then taps the button (a same-origin form post). A link that no longer
 * works answers the GET with 410, which is returned as it is.
 */
export async function useLink(path: string, headers: Record<string, string> = {}, lang = "id"): Promise<Response> {
  const page = await call(path, { token: null, headers });
  if (page.status !== 200) return page;
  const html = await page.text();
  if (!/<form method="post">/.test(html)) throw new Error(`no button on the link's page: ${html.slice(0, 200)}`);
  return postForm(path, { lang }, headers);
}

/**
 * Posts (`post(i)` for i = 0, 1, …) until a rate limit refuses with 429, at most `max` times. The
 * limits count in fixed windows, so a run across a window's edge may pass up to twice `limit`, and
 * a slow run on a busy machine more: `most` is the bound for the windows this run may have touched
 * (its duration only widens the bound; nothing waits for or races the clock).
 */
export async function untilRefused(post: (i: number) => Promise<Response>, o: { limit: number; windowSeconds: number; max?: number }) {
  const started = Date.now();
  const statuses: number[] = [];
  let refused: Response | undefined;
  for (let i = 0; i < (o.max ?? 60) && !refused; i++) {
    const res = await post(i);
    if (res.status === 429) refused = res;
    else statuses.push(res.status);
  }
  const windows = Math.floor((Date.now() - started) / (o.windowSeconds * 1000)) + 2;
  return { refused, passed: statuses.length, statuses, most: o.limit * windows };
}

/** The ticket code a signup redirected to. */
export function codeFrom(res: Response): string {
  const loc = res.headers.get("location") ?? "";
  const m = /^\/t\/([a-z0-9]+)$/.exec(loc);
  if (res.status !== 303 || !m) throw new Error(`expected 303 to a ticket, got ${res.status} ${loc}`);
  return m[1]!;
}

/** Signs in on the staff pages with a token and returns the session cookie (`name=value`). */
export async function staffSession(token: string = ADMIN): Promise<string> {
  const res = await call("/staff/login", {
    token: null,
    method: "POST",
    body: new URLSearchParams({ token, next: "/staff" }),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
  });
  if (res.status !== 303) throw new Error(`login: ${res.status}`);
  const cookie = /kf_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
  if (!cookie) throw new Error("no session cookie");
  return cookie;
}

/**
 * Pairs a booth kiosk as an organiser would (the API makes the one-time link, the
 * tablet posts it) and returns the kiosk's id and session cookie (`name=value`).
 */
export async function kioskSession(event: string, booth: string, token: string = ADMIN): Promise<{ id: number; cookie: string; link: string }> {
  const made = await call(`/api/v1/events/${event}/kiosks`, { token, json: { booth } });
  if (made.status !== 201) throw new Error(`kiosk: ${made.status} ${await made.text()}`);
  const { id, pairing_url } = (await made.json()) as { id: number; pairing_url: string };
  const link = new URL(pairing_url).pathname;
  const res = await call(link, { token: null, method: "POST", headers: { origin: ORIGIN } });
  if (res.status !== 303) throw new Error(`kiosk pairing: ${res.status}`);
  const cookie = /kf_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
  if (!cookie) throw new Error("no kiosk session cookie");
  return { id, cookie, link };
}

/** A staff page request with a session cookie (and a same-origin Origin for posts). */
export function staffGet(path: string, cookie: string) {
  return call(path, { token: null, headers: { cookie } });
}

export function staffPost(path: string, cookie: string, fields: FormFields) {
  return call(path, {
    token: null,
    method: "POST",
    body: formBody(fields),
    headers: { cookie, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
  });
}

/** The extra question several suites use: how long the person has worked in their field. */
export const experienceQuestion = (required: boolean) => ({
  key: "experience",
  type: "single",
  required,
  label: { id: "Lama bekerja", en: "Years worked" },
  options: [
    { value: "lt1", label: { id: "Kurang dari 1 tahun", en: "Under 1 year" } },
    { value: "gt1", label: { id: "Lebih dari 1 tahun", en: "Over 1 year" } },
  ],
});
