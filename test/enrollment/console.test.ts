/** Programmes in the organiser console: defined with the API's schema, refused with the answers kept, the quota guarded. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { count, makeEvent, makeStaff, staffGet, staffPost, staffSession } from "../helpers";
import { insertLead } from "../leads/fixtures";
import { allocate, dayFromToday } from "./fixtures";

const EV = "cons-prog";
let cookie: string;
let eventId: number;

beforeAll(async () => {
  eventId = (await makeEvent(EV)).id;
  await makeEvent("cons-other");
  cookie = await staffSession((await makeStaff("organiser", [EV])).token);
});

const form = (extra: Record<string, string | string[]> = {}) => ({
  name: "Program Kota",
  sponsor: "Pemerintah Kota Kupang",
  funder: "apbd",
  months: "3",
  quota: "2",
  target: "",
  covers: "jkk_jkm",
  starts_on: dayFromToday(-1),
  ends_on: dayFromToday(90),
  eligible_regencies: ["53.71", "53.01"],
  require_bpjs_none: "yes",
  ...extra,
});

describe("/staff/events/{slug}/programmes", () => {
  it("shows the form again with the answers kept and the message beside the field", async () => {
    const res = await staffPost(`/staff/events/${EV}/programmes`, cookie, form({ ends_on: dayFromToday(-5), quota: "0", name: "Program Salah" }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="Program Salah"');
    expect(html).toContain('id="f-ends_on-err"');
    expect(html).toContain('id="f-quota-err"');
    expect(html).toMatch(/<input type="checkbox" name="eligible_regencies" value="53\.01" checked=""\/>/);
    expect(await count("programmes", "event_id = ?", eventId)).toBe(0);
  });

  it("creates a programme with its conditions, lists it with its places, and guards the quota on edit", async () => {
    const res = await staffPost(`/staff/events/${EV}/programmes`, cookie, form());
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/staff/events/${EV}/programmes?done=programmeCreated`);
    const row = (await env.DB.prepare("select * from programmes where event_id = ?").bind(eventId).first<Record<string, unknown>>())!;
    expect(row).toMatchObject({ funder: "apbd", months: 3, quota: 2, target: null, require_bpjs_none: 1, eligible_regencies: '["53.71","53.01"]', eligible_occupations: "[]" });
    for (let i = 0; i < 2; i++) {
      const lead = await insertLead(eventId, { phone: `+62819100000${i}`, birthDate: "1990-01-01", bpjsStatus: "none" });
      expect((await allocate(lead, row.id as number)).status).toBe(201);
    }
    const list = await (await staffGet(`/staff/events/${EV}/programmes`, cookie)).text();
    expect(list).toMatch(new RegExp(`<tr data-programme="${row.id}"><td><a href="/staff/events/${EV}/programmes/${row.id}">Program Kota</a>`));
    expect(list).toContain('aria-current="page">Program iuran</a>');
    const edit = await staffPost(`/staff/events/${EV}/programmes/${row.id}`, cookie, form({ quota: "1" }));
    expect(edit.status).toBe(422);
    expect(await edit.text()).toContain("Kuota tidak boleh lebih kecil dari tempat yang sudah terisi (2).");
    expect((await staffPost(`/staff/events/${EV}/programmes/${row.id}`, cookie, form({ quota: "5", target: "4" }))).status).toBe(303);
    expect(await env.DB.prepare("select quota, target from programmes where id = ?").bind(row.id).first()).toEqual({ quota: 5, target: 4 });
  });

  it("is for the event's managers only", async () => {
    const enrollment = await staffSession((await makeStaff("enrollment", [EV])).token);
    expect((await staffGet(`/staff/events/${EV}/programmes`, enrollment)).status).toBe(403);
    expect((await staffGet(`/staff/events/cons-other/programmes`, cookie)).status).toBe(403);
  });
});
