/** A booth kiosk remembers no one: no ticket cookie, no holder updates, no "Data saya"; the QR large after each signup, and back to an empty form. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { codeFrom, count, makeBooth, makeEvent, makeStaff, postForm, staffGet, staffPost, staffSession, validSignup } from "../helpers";

let kiosk: string;
beforeAll(async () => {
  await makeEvent("ksk");
  await makeBooth("ksk", "bpjs", "BPJS Ketenagakerjaan");
  kiosk = await staffSession((await makeStaff("checkin", ["ksk"])).token);
});

const signUp = (fields: Record<string, string | string[]>, cookie = kiosk) => staffPost("/staff/kiosk/ksk/bpjs", cookie, validSignup(fields));

describe("/staff/kiosk/{event}/{booth}", () => {
  it("signs people up one after another, keeping no cookie and showing the QR large, never the code", async () => {
    const form = await staffGet("/staff/kiosk/ksk/bpjs", kiosk);
    expect(form.status).toBe(200);
    const empty = await form.text();
    expect(empty).toContain('action="/staff/kiosk/ksk/bpjs"');
    expect(empty).not.toContain("/resend");

    const first = await signUp({ name: "Maria Bili", phone: "0812-2000-0001", send_whatsapp: "yes" });
    expect(first.status).toBe(200);
    expect(first.headers.get("set-cookie") ?? "").not.toContain("kf_ticket");
    const html = await first.text();
    const code = (await env.DB.prepare("select t.code from tickets t join registrations r on r.id = t.registration_id where r.phone = '+6281220000001'").first<{ code: string }>())!.code;
    expect(html).toContain("<svg");
    expect(html).not.toContain(code);
    expect(html).not.toContain("/me");
    expect(html).toContain("Tiket juga dikirim ke WhatsApp");
    expect(html).toContain('http-equiv="refresh" content="60;url=/staff/kiosk/ksk/bpjs?lang=id"');
    expect(await count("messages", "`to` = '+6281220000001' and kind = 'ticket'")).toBe(1);

    // the next person on the same tablet, even with a ticket cookie of someone else in the browser, is only themself
    const second = await signUp({ name: "Yosef Bili", phone: "0812-2000-0001", occupation: "musik" }, `${kiosk}; kf_ticket=${code}`);
    expect(second.status).toBe(200);
    expect(await second.text()).toContain("Tiket tidak dikirim ke WhatsApp");
    expect(await count("registrations", "phone = '+6281220000001'")).toBe(2);
  });

  it("never updates a registered person, whoever typed them before on this kiosk", async () => {
    codeFrom(await postForm("/e/ksk", validSignup({ name: "Ina Lapu", phone: "0812-2000-0002", occupation: "kriya" })));
    const before = await env.DB.prepare("select * from registrations where phone = '+6281220000002'").first();
    const res = await signUp({ name: "ina lapu", phone: "0812-2000-0002", occupation: "musik" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("sudah terdaftar");
    expect(await env.DB.prepare("select * from registrations where phone = '+6281220000002'").first()).toEqual(before);
  });

  it("keeps the answers on a mistake, and is for signed-in staff of the event only", async () => {
    const res = await signUp({ name: "Nama Tetap", phone: "123" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('value="Nama Tetap"');
    expect((await staffGet("/staff/kiosk/ksk/bpjs", "kf_session=none")).status).toBe(303);
    await makeEvent("ksk-other");
    const elsewhere = await staffSession((await makeStaff("checkin", ["ksk-other"])).token);
    expect((await staffGet("/staff/kiosk/ksk/bpjs", elsewhere)).status).toBe(403);
    const enrollment = await staffSession((await makeStaff("enrollment", ["ksk"])).token);
    expect((await staffGet("/staff/kiosk/ksk/bpjs", enrollment)).status).toBe(403);
  });
});
