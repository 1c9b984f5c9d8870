/** The help desk: an organiser resends a ticket to the person's own WhatsApp or shows its QR once; both audited; not for the door role. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { codeFrom, count, makeEvent, makeStaff, postForm, staffGet, staffPost, staffSession, validSignup } from "../helpers";

let organiser: string;
let code: string;
let id: number;
beforeAll(async () => {
  await makeEvent("hdk");
  code = codeFrom(await postForm("/e/hdk", validSignup({ phone: "0812-4000-0001", name: "Ina Lapu" })));
  id = (await env.DB.prepare("select registration_id as id from tickets where code = ?").bind(code).first<{ id: number }>())!.id;
  organiser = await staffSession((await makeStaff("organiser", ["hdk"])).token);
});

describe("/staff/checkin/helpdesk", () => {
  it("finds the person with a masked phone and no ticket code", async () => {
    const res = await staffGet("/staff/checkin/helpdesk?event=hdk&q=ina", organiser);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Ina Lapu");
    expect(html).toContain("0812-****-0001");
    expect(html).not.toContain(code);
    expect(html).toContain(`name="registration_id" value="${id}"`);
  });

  it("resends a one-time link to the person's own number only, audited", async () => {
    const res = await staffPost("/staff/checkin/helpdesk/resend", organiser, { event: "hdk", registration_id: String(id), q: "ina" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Tautan tiket dikirim");
    const rows = (await env.DB.prepare("select `to`, kind, text from messages where registration_id = ?").bind(id).all<{ to: string; kind: string; text: string }>()).results;
    expect(rows).toEqual([expect.objectContaining({ to: "+6281240000001", kind: "staff_resend" })]);
    expect(rows[0]!.text).not.toContain(code);
    expect(await count("audit_log", "action = 'ticket.resend' and subject = ? and actor like 'staff:%'", `registration:${id}`)).toBe(1);
  });

  it("shows the QR once, audited, on a page nobody keeps", async () => {
    const res = await staffPost("/staff/checkin/helpdesk/show", organiser, { event: "hdk", registration_id: String(id) });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const html = await res.text();
    expect(html).toContain("<svg");
    expect(html).not.toContain(code);
    expect(await count("audit_log", "action = 'ticket.show_once' and subject = ?", `registration:${id}`)).toBe(1);
    // another event's person is not found from here
    expect(await (await staffPost("/staff/checkin/helpdesk/show", organiser, { event: "hdk", registration_id: "999999" })).text()).toContain("tidak ditemukan");
  });

  it("refuses a choice that is not a person's id with the page again (422) and a clear message, never a 500; nothing sent or shown", async () => {
    const before = await count("messages", "registration_id = ?", id);
    const audits = await count("audit_log", "action in ('ticket.resend', 'ticket.show_once')");
    // `Number()` read all but the first as some id ("1e3" is 1000, "0x10" is 16, " 12 " is 12)
    for (const bad of ["abc", "", "1e3", "0x10", "-1", "0", "1.5", `${id}abc`, "9".repeat(30)]) {
      for (const path of ["resend", "show"]) {
        const res = await staffPost(`/staff/checkin/helpdesk/${path}`, organiser, { event: "hdk", registration_id: bad, q: "ina" });
        expect(res.status, `${path} ${bad}`).toBe(422);
        const html = await res.text();
        expect(html).toContain("Pilih orang dari hasil pencarian");
        expect(html).not.toContain("<svg");
      }
    }
    // a post without the field at all
    expect((await staffPost("/staff/checkin/helpdesk/show", organiser, { event: "hdk" })).status).toBe(422);
    expect(await count("messages", "registration_id = ?", id)).toBe(before);
    expect(await count("audit_log", "action in ('ticket.resend', 'ticket.show_once')")).toBe(audits);
  });

  it("is not for the door role", async () => {
    const door = await staffSession((await makeStaff("checkin", ["hdk"])).token);
    expect((await staffGet("/staff/checkin/helpdesk?event=hdk", door)).status).toBe(403);
    expect((await staffPost("/staff/checkin/helpdesk/show", door, { event: "hdk", registration_id: String(id) })).status).toBe(403);
  });
});
