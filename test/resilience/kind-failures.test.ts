/**
 * Every page fails kindly when D1 stumbles past its retries: a staff form keeps
 * its answers ("not saved, try again", 503, Retry-After), the API answers a 503
 * problem with Retry-After, a page a 503 with Retry-After, never a 500; a scan
 * with a client_id is retried and admits once, one without is given back to
 * the scanner (503), never "unknown ticket".
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { D1_FAULTS } from "../../src/db/faults";
import { ADMIN, codeFrom, count, makeEvent, makeStaff, postForm, staffSession, validSignup } from "../helpers";
import { faultyApp } from "./faulty";

const eventUpdate = (trip: { sql: readonly string[] }) => trip.sql.some((q) => q.startsWith('update "events"'));
const admission = (trip: { sql: readonly string[] }) => trip.sql.some((q) => q.startsWith('insert into "checkins"'));
const always = { rate: 0.999999, random: () => 0 };

let door: string;
beforeAll(async () => {
  await makeEvent("kind");
  door = (await makeStaff("checkin", ["kind"])).token;
});

const eventName = () => env.DB.prepare("select name from events where slug = 'kind'").first<string>("name");

describe("the API", () => {
  it("answers a write the database could not take with a 503 problem and Retry-After, in the caller's language, and changes nothing", async () => {
    const app = faultyApp({ when: eventUpdate, ...always });
    const json = (lang: string) =>
      app.call("/api/v1/events/kind", { method: "PATCH", headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json", "accept-language": lang }, body: JSON.stringify({ name: "Festival Baru" }) });
    const id = await json("id");
    expect(id.status).toBe(503);
    expect(id.headers.get("content-type")).toContain("application/problem+json");
    expect(id.headers.get("retry-after")).toBe("5");
    expect(await id.json()).toMatchObject({ status: 503, title: "Service Unavailable", detail: "Sistem sedang sibuk sesaat. Silakan coba lagi sebentar lagi." });
    expect(((await (await json("en")).json()) as { detail: string }).detail).toBe("The system is busy for a moment. Please try again shortly.");
    expect(await eventName()).toBe("Festival kind");
  });

  it("says when to come back from an overloaded database: later than from a lost connection", async () => {
    const app = faultyApp({ when: eventUpdate, ...always, message: D1_FAULTS.overloaded });
    const res = await app.call("/api/v1/events/kind", { method: "PATCH", headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" }, body: JSON.stringify({ name: "x" }) });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
  });
});

describe("a staff form", () => {
  it("keeps its answers with 'not saved, try again' (503, Retry-After), and sending them again saves", async () => {
    const cookie = await staffSession();
    const app = faultyApp({ when: eventUpdate, ...always });
    const form = await (await app.call("/staff/events/kind", { headers: { cookie } })).text();
    // the event's own form as the browser would send it, with one answer changed
    const fields = new URLSearchParams();
    for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) if (!/type="(checkbox|radio|submit)"/.test(m[0])) fields.append(m[1]!, m[2]!.replace(/&amp;/g, "&"));
    fields.set("name", "Festival Tenun & Musik");
    const res = await app.call("/staff/events/kind", { method: "POST", body: fields, headers: { cookie, origin: "https://fair.test", "content-type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const page = await res.text();
    expect(page).toContain("Belum tersimpan");
    expect(page).toContain('<form method="post" action="/staff/events/kind">');
    expect(page).toContain('<input type="hidden" name="name" value="Festival Tenun &amp; Musik"/>');
    expect(page).toContain("Coba lagi");
    expect(await eventName()).toBe("Festival kind");

    // "try again" sends the kept answers as they are
    const again = new URLSearchParams([...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, "&")]));
    const saved = await faultyApp({}).call("/staff/events/kind", { method: "POST", body: again, headers: { cookie, origin: "https://fair.test", "content-type": "application/x-www-form-urlencoded" } });
    expect(saved.status).toBe(303);
    expect(await eventName()).toBe("Festival Tenun & Musik");
  });
});

describe("a page", () => {
  it("whose reads keep failing answers 503 with Retry-After, never a 500", async () => {
    const code = codeFrom(await postForm("/e/kind", validSignup({ phone: "0812-7300-0001" })));
    const res = await faultyApp(always).call(`/t/${code}`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.text()).toContain("Sistem sedang sibuk sesaat");
  });

  it("whose read fails once is retried, and shows", async () => {
    const code = codeFrom(await postForm("/e/kind", validSignup({ phone: "0812-7300-0002" })));
    const app = faultyApp({ failCalls: [1] });
    expect((await app.call(`/t/${code}`)).status).toBe(200);
    expect(app.log.failed).toEqual([1]);
  });
});

describe("a scan at the door", () => {
  const scan = (app: ReturnType<typeof faultyApp>, body: Record<string, unknown>) =>
    app.call("/api/v1/events/kind/checkins", { method: "POST", headers: { authorization: `Bearer ${door}`, "content-type": "application/json" }, body: JSON.stringify({ gate: "Pintu 1", direction: "in", ...body }) });

  it("with a client_id whose admission was written and its answer lost is tried again: admitted, once", async () => {
    const code = codeFrom(await postForm("/e/kind", validSignup({ phone: "0812-7300-0003" })));
    const app = faultyApp({ when: admission, failCalls: [1], mode: "after" });
    const res = await scan(app, { ticket: code, client_id: "gate1:1" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("checked_in");
    expect(app.log.trips.length).toBe(2);
    expect(await count("checkins", "ticket_id = (select id from tickets where code = ?)", code)).toBe(1);
  });

  it("without a client_id is not retried (a second run could say 'already inside'): 503 with Retry-After for the scanner to queue, never 'unknown'", async () => {
    const code = codeFrom(await postForm("/e/kind", validSignup({ phone: "0812-7300-0004" })));
    const app = faultyApp({ when: admission, failCalls: [1], mode: "before" });
    const res = await scan(app, { ticket: code });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(((await res.json()) as { status: number }).status).toBe(503);
    expect(app.log.trips.length).toBe(1);
    expect(await count("checkins", "ticket_id = (select id from tickets where code = ?)", code)).toBe(0);
  });
});

describe("a public form the database could not save", () => {
  it("keeps the person's answers for 'try again', but never a NIK (a kiosk or a door phone may show the page)", async () => {
    const code = codeFrom(await postForm("/e/kind", validSignup({ phone: "0812-7300-0005" })));
    const app = faultyApp({ when: (t) => t.sql.some((q) => q.startsWith('update "registrations"')), ...always });
    const res = await app.postForm(`/t/${code}/me/edit`, validSignup({ phone: "0812-7300-0005", name: "Maria Bili Lado", nik: "5371014507900001" }), { cookie: `kf_ticket=${code}` });
    expect(res.status).toBe(503);
    const page = await res.text();
    expect(page).toContain('<input type="hidden" name="name" value="Maria Bili Lado"/>');
    expect(page).not.toContain("5371014507900001");
    expect(await env.DB.prepare("select name from registrations where phone = ?").bind("+6281273000005").first("name")).toBe("Maria Bili");
  });
});
