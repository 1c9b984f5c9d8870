/** Events through the console: forms in, the API out, with the API's own validation. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, count, makeEvent, makeStaff, staffGet, staffPost, staffSession, type FormFields } from "../helpers";

let admin: string;

beforeAll(async () => {
  admin = await staffSession();
});

const newEvent = (slug: string, extra: FormFields = {}): FormFields => ({
  slug,
  name: "Festival Ekonomi Kreatif Kupang",
  venue: "Taman Budaya Gerson Poyk",
  city: "Kota Kupang",
  starts_at: "2026-12-05T09:00",
  ends_at: "2026-12-06T21:00",
  timezone: "Asia/Makassar",
  status: "draft",
  organiser: "Dinas Pariwisata Kota Kupang",
  contact_email: "data@kupangkota.go.id",
  "literacy.id": "JKK dan JKM mulai Rp 16.800 per bulan.",
  "literacy.en": "JKK and JKM from Rp 16,800 a month.",
  "privacy_notice.id": "Data disimpan di Indonesia.",
  "privacy_notice.en": "",
  notice_version: "1",
  retention_days: "180",
  "questions.0.label.id": "Bidang usaha Anda",
  "questions.0.label.en": "Your line of business",
  "questions.0.type": "single",
  "questions.0.key": "",
  "questions.0.options": "Tenun ikat | Ikat weaving\nKuliner\nmusik | Musik tradisional | Traditional music",
  "questions.0.required": "yes",
  "questions.1.label.id": "",
  "questions.1.label.en": "",
  "questions.1.type": "text",
  "questions.1.key": "",
  "questions.1.options": "",
  "questions.2.label.id": "Nama usaha",
  "questions.2.label.en": "",
  "questions.2.type": "text",
  "questions.2.key": "business",
  "questions.2.options": "",
  ...extra,
});

type ApiEvent = Record<string, unknown> & { questions: { key: string; type: string; label: { id: string; en: string }; required: boolean; options?: unknown[] }[] };
const apiEvent = async (slug: string) => (await call(`/api/v1/events/${slug}`)).json<ApiEvent>();

describe("creating an event", () => {
  it("round-trips through the form: times read in Asia/Makassar, questions from plain rows", async () => {
    const res = await staffPost("/staff/events", admin, newEvent("con-create"));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/staff/events/con-create/booths?done=created");
    const e = await apiEvent("con-create");
    expect(e).toMatchObject({
      slug: "con-create",
      name: "Festival Ekonomi Kreatif Kupang",
      timezone: "Asia/Makassar",
      starts_at: "2026-12-05T09:00:00+08:00",
      ends_at: "2026-12-06T21:00:00+08:00",
      status: "draft",
      organiser: "Dinas Pariwisata Kota Kupang",
      contact_email: "data@kupangkota.go.id",
      literacy: { id: "JKK dan JKM mulai Rp 16.800 per bulan.", en: "JKK and JKM from Rp 16,800 a month." },
      privacy_notice: { id: "Data disimpan di Indonesia.", en: "" },
      notice_version: "1",
      retention_days: 180,
    });
    // stored in UTC: 09:00 WITA is 01:00Z
    const row = await env.DB.prepare("select starts_at from events where slug = ?").bind("con-create").first<{ starts_at: number }>();
    expect(new Date(row!.starts_at).toISOString()).toBe("2026-12-05T01:00:00.000Z");
    expect(e.questions).toEqual([
      {
        key: "bidang_usaha_anda",
        type: "single",
        label: { id: "Bidang usaha Anda", en: "Your line of business" },
        required: true,
        options: [
          { value: "tenun-ikat", label: { id: "Tenun ikat", en: "Ikat weaving" } },
          { value: "kuliner", label: { id: "Kuliner", en: "Kuliner" } },
          { value: "musik", label: { id: "Musik tradisional", en: "Traditional music" } },
        ],
      },
      { key: "business", type: "text", label: { id: "Nama usaha", en: "Nama usaha" }, required: false },
    ]);
    // the signup form asks the new question
    await call("/api/v1/events/con-create", { method: "PATCH", json: { status: "open" } });
    const form = await (await call("/e/con-create", { token: null })).text();
    expect(form).toContain("Bidang usaha Anda");
    expect(form).toContain('value="tenun-ikat"');
  });

  it("converts start and end in the zone chosen on the form", async () => {
    expect((await staffPost("/staff/events", admin, newEvent("con-jayapura", { timezone: "Asia/Jayapura", starts_at: "2026-12-05T09:00", ends_at: "2026-12-05T17:30" }))).status).toBe(303);
    expect(await apiEvent("con-jayapura")).toMatchObject({ starts_at: "2026-12-05T09:00:00+09:00", ends_at: "2026-12-05T17:30:00+09:00" });
    expect((await staffPost("/staff/events", admin, newEvent("con-kolkata", { timezone: "Asia/Kolkata" }))).status).toBe(303);
    expect((await apiEvent("con-kolkata")).starts_at).toBe("2026-12-05T09:00:00+05:30");
  });

  it("shows the form again with every answer kept and each message beside its field", async () => {
    const before = await count("events");
    const res = await staffPost(
      "/staff/events",
      admin,
      newEvent("Bad Slug!", {
        name: "",
        ends_at: "2026-12-04T09:00",
        contact_email: "not-an-email",
        retention_days: "lama",
        "questions.0.type": "text",
        "questions.2.key": "phone",
        "questions.2.type": "multi",
      }),
    );
    expect(res.status).toBe(422);
    expect(await count("events")).toBe(before);
    const html = await res.text();
    expect(html).toContain("Ada isian yang perlu diperbaiki");
    const errorOf = (name: string) => {
      const id = `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
      expect(html, name).toContain(`aria-describedby="${id}-err"`);
      return new RegExp(`id="${id}-err"[^>]*>([^<]+)<`).exec(html)?.[1];
    };
    expect(errorOf("slug")).toMatch(/huruf kecil/);
    expect(errorOf("name")).toBe("Wajib diisi.");
    expect(errorOf("ends_at")).toBe("Waktu selesai harus setelah waktu mulai.");
    expect(errorOf("contact_email")).toBeTruthy();
    expect(errorOf("retention_days")).toBeTruthy();
    // question errors sit beside the row they came from, though row 1 was blank
    expect(errorOf("questions.0.options")).toMatch(/pilihan jawaban/);
    expect(errorOf("questions.2.key")).toMatch(/formulir standar/);
    expect(html).not.toContain('id="f-questions-1-key-err"');
    // the answers are kept
    expect(html).toContain('value="Bad Slug!"');
    expect(html).toContain('value="Taman Budaya Gerson Poyk"');
    expect(html).toContain('value="2026-12-04T09:00"');
    expect(html).toContain('value="not-an-email"');
    expect(html).toContain("JKK dan JKM mulai Rp 16.800 per bulan.</textarea>");
    expect(html).toContain('value="Bidang usaha Anda"');
    expect(html).toContain("Tenun ikat | Ikat weaving\nKuliner");
    expect(html).toMatch(/<option value="multi" selected="">/);
  });

  it("speaks the page language in its messages", async () => {
    const res = await staffPost("/staff/events?lang=en", admin, newEvent("con-english", { name: "", starts_at: "" }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Some answers need fixing");
    expect(html).toMatch(/id="f-name-err"[^>]*>Required\.</);
    expect(html).toMatch(/id="f-starts_at-err"[^>]*>Enter a date and a time/);
  });

  it("refuses a taken slug beside the slug field (409), keeping the answers", async () => {
    await makeEvent("con-taken");
    const res = await staffPost("/staff/events", admin, newEvent("con-taken", { name: "Another" }));
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toMatch(/id="f-slug-err"[^>]*>Slug acara &quot;con-taken&quot; sudah dipakai/);
    expect(html).toContain('value="Another"');
  });

  it("reserves the slug `new`, the console's own create page", async () => {
    const res = await staffPost("/staff/events", admin, newEvent("new"));
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/id="f-slug-err"[^>]*>Slug &quot;new&quot;/);
    expect((await call("/api/v1/events", { json: { slug: "new", name: "x", venue: "x", city: "x", starts_at: "2026-12-05T09:00:00+08:00", ends_at: "2026-12-05T10:00:00+08:00" } })).status).toBe(422);
  });

  it("lets an all-events organiser create, like the API", async () => {
    const organiser = await staffSession((await makeStaff("organiser", "all")).token);
    expect((await staffGet("/staff/events", organiser)).status).toBe(200);
    expect(await (await staffGet("/staff/events", organiser)).text()).toContain('href="/staff/events/new"');
    expect((await staffPost("/staff/events", organiser, newEvent("con-by-organiser"))).status).toBe(303);
  });
});

describe("editing an event", () => {
  it("shows saved times as local wall-clock time in the event's zone", async () => {
    await makeEvent("con-show", { starts_at: "2026-12-05T01:00:00Z", ends_at: "2026-12-05T13:30:00Z" });
    const html = await (await staffGet("/staff/events/con-show", admin)).text();
    expect(html).toContain('name="starts_at" type="datetime-local" value="2026-12-05T09:00"');
    expect(html).toContain('name="ends_at" type="datetime-local" value="2026-12-05T21:30"');
    expect(html).not.toContain('name="slug"');
  });

  it("round-trips an edit and audits only the fields that changed", async () => {
    expect((await staffPost("/staff/events", admin, newEvent("con-edit"))).status).toBe(303);
    const form = await (await staffGet("/staff/events/con-edit", admin)).text();
    // what the browser would send back: every field as shown, then a few changes
    const fields: FormFields = {};
    for (const m of form.matchAll(/<input id="[^"]*" name="([^"]+)" type="(?:text|email|number|datetime-local)" value="([^"]*)"/g)) fields[m[1]!] = m[2]!.replaceAll("&amp;", "&");
    for (const m of form.matchAll(/<textarea id="[^"]*" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) fields[m[1]!] = m[2]!;
    for (const m of form.matchAll(/<select id="[^"]*" name="([^"]+)"[^>]*>[\s\S]*?<option value="([^"]*)" selected=""/g)) fields[m[1]!] = m[2]!;
    for (const m of form.matchAll(/<input type="checkbox" name="([^"]+)" value="yes" checked=""/g)) fields[m[1]!] = "yes";
    expect(fields).toMatchObject({ name: "Festival Ekonomi Kreatif Kupang", starts_at: "2026-12-05T09:00", "questions.0.key": "bidang_usaha_anda", "questions.0.required": "yes" });

    const audits = () => count("audit_log", "action = 'event.update' and event_id = (select id from events where slug = 'con-edit')");
    // sent back unchanged: nothing written
    const same = await staffPost("/staff/events/con-edit", admin, fields);
    expect(same.headers.get("location")).toBe("/staff/events/con-edit?done=unchanged");
    expect(await audits()).toBe(0);

    const edited = await staffPost("/staff/events/con-edit", admin, {
      ...fields,
      name: "FEKK 2026",
      ends_at: "2026-12-07T18:00",
      "literacy.en": "",
      "questions.1.remove": "yes",
      "questions.3.label.id": "Punya NPWP?",
      "questions.3.type": "yesno",
    });
    expect(edited.status).toBe(303);
    expect(edited.headers.get("location")).toBe("/staff/events/con-edit?done=saved");
    const e = await apiEvent("con-edit");
    expect(e).toMatchObject({ name: "FEKK 2026", starts_at: "2026-12-05T09:00:00+08:00", ends_at: "2026-12-07T18:00:00+08:00", status: "draft", literacy: { id: "JKK dan JKM mulai Rp 16.800 per bulan.", en: "" } });
    expect(e.questions.map((q) => [q.key, q.type])).toEqual([
      ["bidang_usaha_anda", "single"],
      ["punya_npwp", "yesno"],
    ]);
    const audit = await env.DB.prepare("select detail from audit_log where action = 'event.update' and event_id = (select id from events where slug = 'con-edit')").first<{ detail: string }>();
    expect(JSON.parse(audit!.detail).fields.sort()).toEqual(["ends_at", "literacy", "name", "questions"]);
  });

  it("reads the times in a newly chosen zone", async () => {
    await makeEvent("con-rezone");
    const res = await staffPost("/staff/events/con-rezone", admin, { name: "Festival con-rezone", venue: "Taman Budaya Gerson Poyk", city: "Kota Kupang", starts_at: "2026-12-05T09:00", ends_at: "2026-12-06T21:00", timezone: "Asia/Jakarta", status: "open" });
    expect(res.status).toBe(303);
    expect(await apiEvent("con-rezone")).toMatchObject({ timezone: "Asia/Jakarta", starts_at: "2026-12-05T09:00:00+07:00", status: "open" });
  });

  it("shows errors on the edit form too, and keeps the event as it was", async () => {
    await makeEvent("con-bad-edit");
    const res = await staffPost("/staff/events/con-bad-edit", admin, { name: "Baru", venue: "", city: "Kota Kupang", starts_at: "2026-12-05T09:00", ends_at: "2026-12-05T08:00", timezone: "Mars/Olympus", status: "open" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="f-venue-err"[^>]*>Wajib diisi\./);
    expect(html).toMatch(/id="f-timezone-err"[^>]*>Zona waktu tidak dikenal/);
    expect(html).toContain('value="Mars/Olympus"');
    expect((await apiEvent("con-bad-edit")).name).toBe("Festival con-bad-edit");
  });
});

describe("opening and closing registration", () => {
  it("takes one button each, and returns to the page it was pressed on", async () => {
    await makeEvent("con-open", { status: "draft" });
    const opened = await staffPost("/staff/events/con-open/open", admin, { back: "dashboard" });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe("/staff/events/con-open/dashboard?done=opened");
    expect((await apiEvent("con-open")).status).toBe("open");
    expect((await call("/e/con-open", { token: null })).status).toBe(200);
    const page = await (await staffGet("/staff/events/con-open/booths", admin)).text();
    expect(page).toMatch(/action="\/staff\/events\/con-open\/close"><input type="hidden" name="back" value="booths"\/>/);
    const closed = await staffPost("/staff/events/con-open/close", admin, { back: "https://evil.example/" });
    expect(closed.headers.get("location")).toBe("/staff/events/con-open?done=closed");
    expect((await apiEvent("con-open")).status).toBe("closed");
    expect((await call("/e/con-open", { token: null })).status).toBe(410);
    // pressing it twice changes nothing more
    await staffPost("/staff/events/con-open/close", admin, {});
    expect(await count("audit_log", "action = 'event.update' and event_id = (select id from events where slug = 'con-open')")).toBe(2);
  });
});
