/**
 * A browser that holds tickets (a household on one phone, or the 202 page
 * refreshed) still reaches the queue or the kept form when the database cannot
 * say whose those tickets are; an event that cannot be read keeps the answers;
 * and a NIK, never put back into a page, is asked for again in so many words.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { RoundTrip } from "../../src/db/round-trips";
import { codeFrom, count, kioskSession, makeBooth, makeEvent, postForm, validSignup } from "../helpers";
import { faultyApp, hiddenForm, POLL, signupBatch, submissionIn } from "./faulty";

const NIK = "5371014507900001";
const always = { rate: 0.999999, random: () => 0 };
/** The read of whose tickets a browser holds (holder.ts). */
const heldRead = (trip: RoundTrip) => trip.sql.some((q) => q.includes('from "tickets" inner join "registrations"') && q.includes('"tickets"."code" in'));
const eventRead = (trip: RoundTrip) => trip.sql.some((q) => q.startsWith("select") && q.includes('from "events"'));

let kiosk: string;
beforeAll(async () => {
  await makeEvent("held");
  await makeBooth("held", "tenun");
  await makeEvent("nik");
  await makeBooth("nik", "tenun");
  kiosk = (await kioskSession("nik", "tenun")).cookie;
});

const e164 = (phone: string) => `+62${phone.replace(/\D/g, "").slice(1)}`;
const row = (phone: string, name: string) =>
  env.DB.prepare("select occupation, nik_masked from registrations where phone = ? and name = ?").bind(e164(phone), name).first<{ occupation: string; nik_masked: string | null }>();

describe("a browser holding tickets while the database cannot read whose they are", () => {
  it("with WhatsApp: received (202), and the queue's consumer writes the new person of the household with the NIK sealed", async () => {
    const phone = "0812-7600-0001";
    const mother = codeFrom(await postForm("/e/held/tenun", validSignup({ phone, name: "Mama Ina" })));
    const app = faultyApp({ when: heldRead, ...always });
    const res = await app.postForm("/e/held/tenun", validSignup({ phone, name: "Bapa Yakob", nik: NIK, send_whatsapp: "yes" }), { cookie: `kf_ticket=${mother}` });
    expect(res.status).toBe(202);
    expect(await res.text()).toContain("Pendaftaran diterima");
    expect(app.log.failed.length).toBeGreaterThan(0);
    await expect.poll(() => row(phone, "Bapa Yakob"), POLL).toMatchObject({ nik_masked: "5371********0001" });
    await expect.poll(() => env.DB.prepare("select status from messages where `to` = ? and kind = 'ticket'").bind(e164(phone)).first("status"), POLL).toBe("sent");
    expect(await row(phone, "Mama Ina")).toMatchObject({ nik_masked: null });
  });

  it("with WhatsApp, the holder's own new answers: the consumer reads the held ticket and updates them (no 'already registered' link)", async () => {
    const phone = "0812-7600-0002";
    const own = codeFrom(await postForm("/e/held/tenun", validSignup({ phone, name: "Dorkas Tefa", occupation: "kriya" })));
    const res = await faultyApp({ when: heldRead, ...always }).postForm("/e/held/tenun", validSignup({ phone, name: "Dorkas Tefa", occupation: "musik", send_whatsapp: "yes" }), {
      cookie: `kf_ticket=${own}`,
    });
    expect(res.status).toBe(202);
    // the browser is handed no code of a ticket that may never be (the consumer made it an update of the one it holds)
    expect(res.headers.get("set-cookie") ?? "").not.toMatch(/kf_ticket=/);
    await expect.poll(async () => (await row(phone, "Dorkas Tefa"))?.occupation, POLL).toBe("musik");
    await expect.poll(() => count("messages", "`to` = ? and kind = 'ticket'", e164(phone)), POLL).toBe(1);
    expect(await count("messages", "`to` = ? and kind = 'recovery'", e164(phone))).toBe(0);
    expect(await env.DB.prepare("select text from messages where `to` = ?").bind(e164(phone)).first("text")).toContain(`/t/${own}`);
    expect(await count("registrations", "phone = ?", e164(phone))).toBe(1);
  });

  it("without WhatsApp: the form again (503) with the answers and the submission, and 'Coba lagi' registers", async () => {
    const phone = "0812-7600-0003";
    const mother = codeFrom(await postForm("/e/held/tenun", validSignup({ phone, name: "Mama Ros" })));
    const fields = validSignup({ phone, name: "Nona Ela" });
    const res = await faultyApp({ when: heldRead, ...always }).postForm("/e/held/tenun", fields, { cookie: `kf_ticket=${mother}` });
    expect(res.status).toBe(503);
    const page = await res.text();
    expect(page).toContain("Pendaftaran belum tersimpan");
    expect(page).toContain('value="Nona Ela"');
    const again = await faultyApp({}).postForm("/e/held/tenun", { ...fields, submission: submissionIn(page)! }, { cookie: `kf_ticket=${mother}` });
    expect(again.status).toBe(303);
    expect(await count("registrations", "phone = ?", e164(phone))).toBe(2);
  });
});

describe("an event that cannot be read (a cold isolate)", () => {
  it("answers 503 with every posted answer kept for 'Coba lagi' (the NIK asked again), and sending them again registers", async () => {
    await makeEvent("cold");
    const phone = "0812-7600-0004";
    const res = await faultyApp({ when: eventRead, ...always }).postForm("/e/cold", validSignup({ phone, name: "Yohanis Dami", email: "yd@example.id", nik: NIK }));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const page = await res.text();
    expect(page).toContain("Belum tersimpan");
    expect(page).not.toContain(NIK);
    const { action, fields } = hiddenForm(page);
    expect(action).toBe("/e/cold");
    const kept = new Map(fields);
    for (const [name, value] of Object.entries({ name: "Yohanis Dami", phone, email: "yd@example.id", consent: "yes" })) expect(kept.get(name), name).toBe(value);
    // the NIK's own field, empty, says to type it again
    expect(page).toMatch(/<input id="nik" name="nik" type="text" value=""[^>]*aria-describedby="nik-again"/);
    const again = await faultyApp({}).postForm("/e/cold", { ...Object.fromEntries(fields), nik: NIK });
    expect(again.status).toBe(303);
    expect(await row(phone, "Yohanis Dami")).toMatchObject({ nik_masked: "5371********0001" });
  });
});

describe("a NIK is never put back into a page, and the page says so", () => {
  const down = () => faultyApp({ when: signupBatch, ...always });

  for (const [lang, banner, note, allKept] of [
    ["id", "Jawaban Anda masih ada di formulir, kecuali NIK", "Demi keamanan Anda, NIK tidak disimpan di halaman ini: ketik lagi.", "Semua jawaban Anda masih ada"],
    ["en", "Your answers are still in the form, except the NIK", "For your safety, your NIK is not kept on this page: please type it again.", "All your answers are still in the form"],
  ] as const) {
    it(`the signup form kept after a fault (${lang}): the banner does not claim every answer, the NIK field says to type it again`, async () => {
      const res = await down().postForm("/e/nik/tenun", validSignup({ phone: `0812-7600-01${lang === "id" ? "01" : "02"}`, nik: NIK, lang }));
      expect(res.status).toBe(503);
      const page = await res.text();
      expect(page).not.toContain(NIK);
      expect(page).toContain(banner);
      expect(page).not.toContain(allKept);
      expect(page).toContain(`<strong id="nik-again">${note}</strong>`);
      expect(page).toMatch(/<input id="nik" name="nik" type="text" value=""[^>]*aria-describedby="nik-again"/);

      // without a NIK, nothing to type again: every answer is there
      const plain = await (await down().postForm("/e/nik/tenun", validSignup({ phone: `0812-7600-01${lang === "id" ? "03" : "04"}`, lang }))).text();
      expect(plain).toContain(allKept);
      expect(plain).not.toContain("nik-again");
    });

    it(`the kiosk's not-saved page (${lang}): the NIK's field to type it again, and 'Coba lagi' registers the person with it`, async () => {
      const phone = `0812-7600-02${lang === "id" ? "01" : "02"}`;
      const res = await down().postForm(`/staff/kiosk/nik/tenun?lang=${lang}`, validSignup({ phone, name: "Markus Ndun", nik: NIK, lang }), { cookie: `${kiosk}; lang=${lang}` });
      expect(res.status).toBe(503);
      const page = await res.text();
      expect(page).not.toContain(NIK);
      expect(page).toContain(lang === "id" ? "Isian Anda masih ada, kecuali NIK" : "Your answers are kept, except the NIK");
      expect(page).toContain(`<strong id="nik-again">${note}</strong>`);
      const { action, fields } = hiddenForm(page);
      expect(new Map(fields).get("submission")).toBeTruthy();
      const again = await faultyApp({}).call(action, {
        method: "POST",
        body: new URLSearchParams([...fields, ["nik", NIK]]),
        headers: { cookie: kiosk, origin: "https://fair.test", "content-type": "application/x-www-form-urlencoded" },
      });
      expect(again.status).toBe(303);
      expect(again.headers.get("location")).toMatch(/\/done\?n=/);
      expect(await row(phone, "Markus Ndun")).toMatchObject({ nik_masked: "5371********0001" });
    });
  }
});
