/**
 * Personal data is never cached (every staff page and API answer says
 * `private, no-store`), and reading it is audited: the JSON lead list and the
 * desk's page as exports are (who, event, filter, rows), the door's search by
 * who, event and count. An audit entry never holds what was searched for.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, makeEvent, makeStaff, postForm, staffGet, staffSession, validSignup } from "../helpers";

let desk: { id: number; token: string };
let door: { id: number; token: string };
let leadId: number;
let cookie: string;

beforeAll(async () => {
  await makeEvent("prv-ev");
  desk = await makeStaff("enrollment", ["prv-ev"]);
  door = await makeStaff("checkin", ["prv-ev"]);
  cookie = await staffSession();
  for (const [i, name] of ["Maria Bili", "Yohana Lodo", "Agustinus Seran"].entries()) {
    codeFrom(await postForm("/e/prv-ev", validSignup({ phone: `08139888000${i}`, name })));
  }
  leadId = (await env.DB.prepare("select id from registrations where phone = '+6281398880000'").first<{ id: number }>())!.id;
});

const audits = (action: string, actor: string) =>
  env.DB.prepare("select actor, event_id, subject, detail from audit_log where action = ? and actor = ? order by id").bind(action, actor).all<{ actor: string; event_id: number; subject: string; detail: string }>();

describe("Cache-Control", () => {
  it("is `private, no-store` on every staff page and every API answer, errors included", async () => {
    const pages = ["/staff", "/staff/leads?event=prv-ev", `/staff/leads/${leadId}`, "/staff/checkin?event=prv-ev&gate=A&q=maria", "/staff/events", "/staff/people", "/staff/login", "/staff/leads/999999"];
    for (const path of pages) {
      const res = await staffGet(path, cookie);
      expect(res.headers.get("cache-control"), path).toBe("private, no-store");
    }
    const api = [
      "/api/v1/events/prv-ev/leads",
      `/api/v1/leads/${leadId}`,
      "/api/v1/events/prv-ev/attendees?q=maria",
      "/api/v1/events/prv-ev/leads.csv",
      "/api/v1/events/prv-ev/leads.xlsx",
      "/api/v1/staff",
      "/api/v1/events/prv-ev/stats",
      "/api/v1/events/nope/leads",
    ];
    for (const path of api) {
      const res = await call(path);
      expect(res.headers.get("cache-control"), path).toBe("private, no-store");
      await res.arrayBuffer();
    }
    expect((await call("/api/v1/events", { token: null })).headers.get("cache-control")).toBe("private, no-store");
  });
});

describe("reading leads", () => {
  it("audits each page of the JSON list: who, the event, the filter with free text as (text), the rows", async () => {
    const res = await call("/api/v1/events/prv-ev/leads?limit=2&q=a&status=new", { token: desk.token });
    expect(res.status).toBe(200);
    const { leads, next_cursor } = await res.json<{ leads: unknown[]; next_cursor: string }>();
    expect(leads).toHaveLength(2);
    await call(`/api/v1/events/prv-ev/leads?limit=2&q=a&status=new&cursor=${next_cursor}`, { token: desk.token });
    const { results } = await audits("leads.list", `staff:${desk.id}`);
    expect(results.map((r) => ({ ...r, detail: JSON.parse(r.detail) }))).toEqual([
      { actor: `staff:${desk.id}`, event_id: expect.any(Number), subject: "event:prv-ev", detail: { filter: { q: "(text)", status: "new" }, rows: 2, via: "api" } },
      { actor: `staff:${desk.id}`, event_id: expect.any(Number), subject: "event:prv-ev", detail: { filter: { q: "(text)", status: "new" }, rows: 1, via: "api" } },
    ]);
  });

  it("audits the desk's page the same way", async () => {
    const deskCookie = await staffSession(desk.token);
    expect((await staffGet("/staff/leads?event=prv-ev&q=yohana", deskCookie)).status).toBe(200);
    const { results } = await audits("leads.list", `staff:${desk.id}`);
    expect(JSON.parse(results.at(-1)!.detail)).toEqual({ filter: { q: "(text)" }, rows: 1, via: "page" });
  });
});

describe("searching at the door", () => {
  it("is audited with who, the event and how many were found, never the text typed", async () => {
    expect((await call("/api/v1/events/prv-ev/attendees?q=agustinus", { token: door.token })).status).toBe(200);
    const doorCookie = await staffSession(door.token);
    expect((await staffGet("/staff/checkin?event=prv-ev&gate=A&q=lodo", doorCookie)).status).toBe(200);
    const { results } = await audits("attendees.search", `staff:${door.id}`);
    expect(results.map((r) => JSON.parse(r.detail))).toEqual([{ q: "(text)", count: 1 }, { q: "(text)", count: 1 }]);
    const all = JSON.stringify((await env.DB.prepare("select * from audit_log").all()).results).toLowerCase();
    for (const typed of ["agustinus", "lodo", "yohana"]) expect(all).not.toContain(typed);
  });
});
