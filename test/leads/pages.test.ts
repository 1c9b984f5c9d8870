import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, count, makeBooth, makeEvent, makeStaff, staffGet, staffPost, staffSession } from "../helpers";
import { addVisit, insertLead, T0 } from "./fixtures";

const EV = "lpg-desk";
let eventId: number;
const ids: Record<string, number> = {};
let enrollment: { id: number; token: string };
let organiser: { id: number; token: string };
let cookie: string;

beforeAll(async () => {
  eventId = (await makeEvent(EV, { name: "Festival Ekonomi Kreatif Kupang" })).id;
  await makeEvent("lpg-two");
  const booth = await makeBooth(EV, "tenun", "Tenun Ikat Ina");
  enrollment = await makeStaff("enrollment", [EV]);
  organiser = await makeStaff("organiser", [EV, "lpg-two"]);
  cookie = await staffSession(enrollment.token);
  ids.maria = await insertLead(eventId, { name: "Maria Bili", phone: "+6281234567801", createdAt: T0, interests: ["jkk", "jkm"] });
  ids.yohanes = await insertLead(eventId, { name: "Yohanes Tefa", phone: "+6281234567802", createdAt: T0 + 1000, status: "contacted", lastNote: "Telepon lagi Senin", firstBoothId: booth.id, lang: "en" });
  await addVisit(ids.yohanes, booth.id);
  ids.hidden = await insertLead(eventId, { name: "Tanpa Izin", phone: "+6281234567803", contact: false });
  for (let i = 0; i < 55; i++) await insertLead(eventId, { name: `Peserta ${i}`, phone: `+62812999${String(i).padStart(5, "0")}`, createdAt: T0 + 86_400_000 + i, status: "unreachable" });
});

const page = async (path: string, c = cookie) => {
  const res = await staffGet(path, c);
  expect(res.status, path).toBe(200);
  return res.text();
};

describe("/staff/leads", () => {
  it("sends visitors without a session to sign in, and refuses check-in staff", async () => {
    const anon = await call("/staff/leads", { token: null });
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toBe("/staff/login?next=%2Fstaff%2Fleads");
    const checkin = await staffSession((await makeStaff("checkin", [EV])).token);
    expect((await staffGet("/staff/leads", checkin)).status).toBe(403);
    expect((await staffGet(`/staff/leads/${ids.maria}`, checkin)).status).toBe(403);
  });

  it("opens the only event in scope, lists consented leads with phone, status, note, and a WhatsApp greeting naming the person and the fair", async () => {
    const html = await page("/staff/leads");
    expect(html).toContain("Festival Ekonomi Kreatif Kupang");
    expect(html).toContain("Maria Bili");
    expect(html).toContain("0812-3456-7801");
    expect(html).toContain('href="tel:+6281234567801"');
    expect(html).toContain("Telepon lagi Senin");
    expect(html).toContain("Sudah dihubungi");
    expect(html).not.toContain("Tanpa Izin");
    const links = [...html.matchAll(/href="(https:\/\/wa\.me\/[^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, "&")));
    const maria = links.find((u) => u.pathname === "/6281234567801")!;
    expect(maria.searchParams.get("text")).toMatch(/^Halo Maria Bili, terima kasih sudah datang ke Festival Ekonomi Kreatif Kupang\./);
    // the greeting follows the lead's own language
    const yohanes = links.find((u) => u.pathname === "/6281234567802")!;
    expect(yohanes.searchParams.get("text")).toMatch(/^Hello Yohanes Tefa, thank you for coming to Festival Ekonomi Kreatif Kupang\./);
    expect(html).toContain("<form method=\"post\" action=\"/staff/leads/");
    expect(html).not.toContain("<script");
  });

  it("filters with a GET form, counts per status, and pages 50 at a time", async () => {
    const filtered = await page(`/staff/leads?event=${EV}&status=contacted`);
    expect(filtered).toContain("Yohanes Tefa");
    expect(filtered).not.toContain("Maria Bili");
    expect(filtered).toMatch(/Sudah dihubungi \(1\)/);
    expect(filtered).toMatch(/Semua \(57\)/);
    const byBooth = await page(`/staff/leads?event=${EV}&booth=tenun`);
    expect(byBooth).toContain("Yohanes Tefa");
    expect(byBooth).not.toContain("Maria Bili");
    const byText = await page(`/staff/leads?event=${EV}&q=maria`);
    expect(byText).toContain("Maria Bili");
    expect(byText).not.toContain("Yohanes Tefa");
    const byDay = await page(`/staff/leads?event=${EV}&from=2026-12-06&to=2026-12-06`);
    expect(byDay).toContain("Peserta 0");
    expect(byDay).not.toContain("Maria Bili");
    const first = await page(`/staff/leads?event=${EV}`);
    expect(first.match(/<article class="lead/g)).toHaveLength(50);
    const next = /href="(\/staff\/leads\?[^"]*cursor=[^"]+)"/.exec(first)![1]!.replace(/&amp;/g, "&");
    const second = await page(next);
    expect(second.match(/<article class="lead/g)).toHaveLength(7);
    expect(second).toContain("Peserta 54");
  });

  it("shows bad filters beside their fields with 422, never a 500", async () => {
    for (const q of ["from=2026-02-30", "status=won", "to=2026-12-01&from=2026-12-05", "booth=nope", "cursor=zzz"]) {
      const res = await staffGet(`/staff/leads?event=${EV}&${q}`, cookie);
      expect(res.status, q).toBeLessThan(500);
    }
    const bad = await staffGet(`/staff/leads?event=${EV}&from=2026-02-30`, cookie);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Tanggal tidak valid.");
  });

  it("offers the downloads with the current filters, and the NIK option only to roles allowed to see it", async () => {
    const html = await page(`/staff/leads?event=${EV}&status=new&from=2026-12-05`);
    expect(html).toContain(`formaction="/api/v1/events/${EV}/leads.xlsx"`);
    expect(html).toContain(`formaction="/api/v1/events/${EV}/leads.csv"`);
    expect(html).toContain('<input type="hidden" name="status" value="new"/>');
    expect(html).toContain('<input type="hidden" name="since" value="2026-12-05T00:00:00+08:00"/>');
    expect(html).toContain('name="include" value="nik"');
    const org = await page(`/staff/leads?event=${EV}`, await staffSession(organiser.token));
    expect(org).toContain("leads.csv");
    expect(org).not.toContain('name="include"');
    // the download link works with the page's session, as the browser follows it
    const dl = await staffGet(`/api/v1/events/${EV}/leads.csv?status=new&since=${encodeURIComponent("2026-12-05T00:00:00+08:00")}`, cookie);
    expect(dl.status).toBe(200);
    expect(await dl.text()).toContain("Maria Bili");
  });

  it("lets an organiser with two events choose, and refuses events out of scope", async () => {
    const org = await staffSession(organiser.token);
    const picker = await page("/staff/leads", org);
    expect(picker).toContain('name="event"');
    expect(picker).toContain('value="lpg-two"');
    expect(picker).not.toContain("Maria Bili");
    await makeEvent("lpg-three");
    expect((await staffGet("/staff/leads?event=lpg-three", org)).status).toBe(403);
    expect((await staffGet("/staff/leads?event=nope-nope", org)).status).toBe(404);
  });

  it("records status, note and assignee from the inline form and returns to the same filtered page", async () => {
    const back = `/staff/leads?event=${EV}&status=new`;
    const res = await staffPost(`/staff/leads/${ids.maria}`, cookie, { back, status: "contacted", note: "Sudah WA, tertarik JKK", assignee_id: String(enrollment.id) });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/staff/leads?event=${EV}&status=new&saved=${ids.maria}#lead-${ids.maria}`);
    const row = await env.DB.prepare("select followup_status, last_note, assignee_id from registrations where id = ?").bind(ids.maria).first();
    expect(row).toEqual({ followup_status: "contacted", last_note: "Sudah WA, tertarik JKK", assignee_id: enrollment.id });
    // Maria left the "new" list she was in: the page says the change was saved all the same
    const after = await page(res.headers.get("location")!.replace(/#.*$/, ""));
    expect(after).toContain("Tersimpan: Maria Bili, status sekarang Sudah dihubungi.");
    expect(after).not.toContain(`id="lead-${ids.maria}"`);
    const history = (await env.DB.prepare("select staff_id, status, note, assignee_id from lead_history where registration_id = ?").bind(ids.maria).all()).results;
    expect(history).toEqual([{ staff_id: enrollment.id, status: "contacted", note: "Sudah WA, tertarik JKK", assignee_id: enrollment.id }]);
    // only what changed is recorded: a note alone
    await staffPost(`/staff/leads/${ids.maria}`, cookie, { back, status: "contacted", note: "Kirim brosur", assignee_id: String(enrollment.id) });
    const second = await env.DB.prepare("select status, note, assignee_id from lead_history where registration_id = ? order by id desc").bind(ids.maria).first();
    expect(second).toEqual({ status: null, note: "Kirim brosur", assignee_id: null });
    // nothing changed: nothing written
    const same = await staffPost(`/staff/leads/${ids.maria}`, cookie, { back, status: "contacted", note: "", assignee_id: String(enrollment.id) });
    expect(same.status).toBe(303);
    expect(await count("lead_history", "registration_id = ?", ids.maria)).toBe(2);
    const detail = await page(`/staff/leads/${ids.maria}`);
    expect(detail).toContain("Kirim brosur");
    expect(detail).toContain("ditugaskan ke enrollment person");
    expect(detail).toContain("oleh enrollment person");
  });

  it("shows the form again with the note kept when a change is invalid, and never redirects off-site", async () => {
    const res = await staffPost(`/staff/leads/${ids.yohanes}`, cookie, { back: "https://evil.example/", status: "enrolled", note: "x".repeat(1001), assignee_id: "" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`value="${"x".repeat(1001)}"`);
    expect(html).toContain("Terlalu panjang");
    expect(await env.DB.prepare("select followup_status from registrations where id = ?").bind(ids.yohanes).first("followup_status")).toBe("contacted");
    const assignBad = await staffPost(`/staff/leads/${ids.yohanes}`, cookie, { status: "contacted", note: "", assignee_id: "999999" });
    expect(assignBad.status).toBe(422);
    expect(await assignBad.text()).toContain("Pilih staf aktif");
    const ok = await staffPost(`/staff/leads/${ids.yohanes}`, cookie, { back: "https://evil.example/", status: "declined", note: "" });
    expect(ok.headers.get("location")).toBe(`/staff/leads/${ids.yohanes}?saved=${ids.yohanes}#lead-${ids.yohanes}`);
  });

  it("refuses cross-site posts, leads out of scope and registrations that are not leads", async () => {
    const forged = await call(`/staff/leads/${ids.maria}`, {
      token: null,
      method: "POST",
      body: new URLSearchParams({ status: "declined" }),
      headers: { cookie, origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(forged.status).toBe(403);
    expect(await env.DB.prepare("select followup_status from registrations where id = ?").bind(ids.maria).first("followup_status")).toBe("contacted");
    const otherEvent = await makeEvent("lpg-four");
    const outsider = await insertLead(otherEvent.id, { phone: "+6281234567899" });
    expect((await staffGet(`/staff/leads/${outsider}`, cookie)).status).toBe(403);
    expect((await staffPost(`/staff/leads/${outsider}`, cookie, { status: "declined" })).status).toBe(403);
    expect((await staffGet(`/staff/leads/${ids.hidden}`, cookie)).status).toBe(404);
    expect((await staffPost(`/staff/leads/${ids.hidden}`, cookie, { status: "declined" })).status).toBe(404);
    expect(await count("lead_history", "registration_id in (?, ?)", outsider, ids.hidden)).toBe(0);
  });
});
