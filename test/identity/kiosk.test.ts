/**
 * A booth kiosk remembers no one: no ticket cookie, no holder updates, no "Data
 * saya", no autocomplete; after each signup a done page (QR large, first name,
 * WhatsApp queued or not) that closes as soon as the next person's form opens;
 * every kiosk signup audited without personal data.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { codeFrom, count, kioskSession, makeBooth, makeEvent, postForm, staffGet, staffPost, validSignup } from "../helpers";

let kiosk: { id: number; cookie: string };
beforeAll(async () => {
  await makeEvent("ksk");
  await makeBooth("ksk", "bpjs", "BPJS Ketenagakerjaan");
  kiosk = await kioskSession("ksk", "bpjs");
});

const signUp = (fields: Record<string, string | string[]>, cookie = kiosk.cookie) => staffPost("/staff/kiosk/ksk/bpjs", cookie, validSignup(fields));
const doneUrl = (res: Response) => {
  const loc = res.headers.get("location") ?? "";
  expect(res.status).toBe(303);
  expect(loc).toMatch(/^\/staff\/kiosk\/ksk\/bpjs\/done\?n=[A-Za-z0-9_-]{16,}&lang=id$/);
  return loc;
};
const codeOf = async (phone: string, name: string) =>
  (await env.DB.prepare("select t.code from tickets t join registrations r on r.id = t.registration_id where r.phone = ? and r.name = ?").bind(phone, name).first<{ code: string }>())!.code;

describe("/staff/kiosk/{event}/{booth}", () => {
  it("a form that neither autocompletes nor lets the browser keep or restore what was typed", async () => {
    const form = await staffGet("/staff/kiosk/ksk/bpjs", kiosk.cookie);
    expect(form.status).toBe(200);
    expect(form.headers.get("cache-control")).toBe("private, no-store");
    const html = await form.text();
    expect(html).toMatch(/<form method="post" action="\/staff\/kiosk\/ksk\/bpjs"[^>]* autocomplete="off"/);
    for (const field of ["name", "phone", "email", "birth_date", "nik"]) expect(html).toMatch(new RegExp(`<input id="${field}"[^>]* autocomplete="off"`));
    expect(html).not.toMatch(/autocomplete="(name|tel|email|bday)"/);
    expect(html).not.toContain("/resend");
    expect(html).not.toContain("http-equiv");
  });

  it("signs people up one after another: post, then a done page that closes when the next form opens", async () => {
    const first = await signUp({ name: "Maria Goreti Bili", phone: "0812-2000-0001", send_whatsapp: "yes" });
    expect(first.headers.get("set-cookie") ?? "").not.toContain("kf_ticket");
    const done = doneUrl(first);
    const code = await codeOf("+6281220000001", "Maria Goreti Bili");
    const page = await staffGet(done, kiosk.cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    const html = await page.text();
    expect(html).toContain("<svg");
    expect(html).toContain("Maria sudah terdaftar");
    expect(html).not.toContain("Goreti");
    expect(html).not.toContain("Bili");
    expect(html).not.toContain("0812");
    expect(html).not.toContain(code);
    expect(html).not.toContain("/me");
    // queued, not sent: the page says so truthfully
    expect(html).toContain("Tiket akan dikirim ke WhatsApp");
    expect(html).not.toContain("http-equiv");
    expect(html).toMatch(/<a class="btn block" href="\/staff\/kiosk\/ksk\/bpjs\?lang=id" autofocus[^>]*>Orang berikutnya<\/a>/);
    expect(await count("messages", "`to` = '+6281220000001' and kind = 'ticket'")).toBe(1);
    // a reload before the next person still shows it
    expect((await staffGet(done, kiosk.cookie)).status).toBe(200);

    // "Orang berikutnya": the empty form, and the done page is gone (Back, history)
    expect((await staffGet("/staff/kiosk/ksk/bpjs?lang=id", kiosk.cookie)).status).toBe(200);
    const back = await staffGet(done, kiosk.cookie);
    expect(back.status).toBe(410);
    const gone = await back.text();
    expect(gone).not.toContain("<svg");
    expect(gone).not.toContain("Maria");

    // the next person on the same tablet, even with a ticket cookie of someone else in the browser, is only themself
    const second = await signUp({ name: "Yosef Bili", phone: "0812-2000-0001", occupation: "musik" }, `${kiosk.cookie}; kf_ticket=${code}`);
    const secondDone = doneUrl(second);
    const secondPage = await (await staffGet(secondDone, kiosk.cookie)).text();
    expect(secondPage).toContain("Yosef sudah terdaftar");
    expect(secondPage).toContain("Tiket tidak dikirim ke WhatsApp");
    expect(await count("registrations", "phone = '+6281220000001'")).toBe(2);

    // a third signup replaces the second's result even without the form in between
    doneUrl(await signUp({ name: "Ana Bili", phone: "0812-2000-0001" }));
    expect((await staffGet(secondDone, kiosk.cookie)).status).toBe(410);
  });

  it("audits every kiosk signup: the kiosk, the event, the booth, never personal data", async () => {
    const res = await signUp({ name: "Kornelis Audit", phone: "0812-2000-0009" });
    doneUrl(res);
    const reg = await env.DB.prepare("select id from registrations where phone = '+6281220000009'").first<{ id: number }>();
    const row = await env.DB.prepare("select * from audit_log where action = 'registration.kiosk' and subject = ?").bind(`registration:${reg!.id}`).first<Record<string, unknown>>();
    expect(row).toMatchObject({ actor: `kiosk:${kiosk.id}`, actor_id: null });
    expect(JSON.parse(String(row!.detail))).toEqual({ kiosk: kiosk.id, booth: "bpjs" });
    const text = JSON.stringify(row);
    for (const personal of ["Kornelis", "Audit", "081220000009", "+6281220000009"]) expect(text).not.toContain(personal);
  });

  it("a done page lasts a few minutes at most, even with no next person", async () => {
    const done = doneUrl(await signUp({ name: "Lama Sekali", phone: "0812-2000-0010" }));
    expect((await staffGet(done, kiosk.cookie)).status).toBe(200);
    await env.DB.prepare("update kiosks set result_at = result_at - 11 * 60000 where id = ?").bind(kiosk.id).run();
    expect((await staffGet(done, kiosk.cookie)).status).toBe(410);
  });

  it("never updates a registered person, whoever typed them before on this kiosk", async () => {
    codeFrom(await postForm("/e/ksk", validSignup({ name: "Ina Lapu", phone: "0812-2000-0002", occupation: "kriya" })));
    const before = await env.DB.prepare("select * from registrations where phone = '+6281220000002'").first<{ id: number }>();
    const res = await signUp({ name: "ina lapu", phone: "0812-2000-0002", occupation: "musik" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/staff/kiosk/ksk/bpjs/known?lang=id");
    const known = await (await staffGet(res.headers.get("location")!, kiosk.cookie)).text();
    expect(known).toContain("sudah terdaftar");
    expect(known).not.toContain("Ina");
    expect(known).not.toContain("http-equiv");
    expect(await env.DB.prepare("select * from registrations where phone = '+6281220000002'").first()).toEqual(before);
    const audit = await env.DB.prepare("select detail from audit_log where action = 'registration.kiosk' and subject = ?").bind(`registration:${before!.id}`).first<{ detail: string }>();
    expect(JSON.parse(audit!.detail)).toEqual({ kiosk: kiosk.id, booth: "bpjs", known: true });
  });

  it("keeps the answers on a mistake (but never the NIK), still without autocomplete", async () => {
    const res = await signUp({ name: "Nama Tetap", phone: "123", nik: "5371014101900001" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="Nama Tetap"');
    expect(html).not.toContain("5371014101900001");
    expect(html).toMatch(/<input id="name"[^>]* autocomplete="off"/);
  });
});
