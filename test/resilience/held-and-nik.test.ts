/**
 * A browser that holds tickets (a household on one phone, or the 202 page
 * refreshed) still reaches the queue or the kept form when the database cannot
 * say whose those tickets are.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { RoundTrip } from "../../src/db/round-trips";
import { codeFrom, count, makeBooth, makeEvent, postForm, validSignup } from "../helpers";
import { faultyApp, POLL, submissionIn } from "./faulty";

const NIK = "5371014507900001";
const always = { rate: 0.999999, random: () => 0 };
/** The read of whose tickets a browser holds (holder.ts). */
const heldRead = (trip: RoundTrip) => trip.sql.some((q) => q.includes('from "tickets" inner join "registrations"') && q.includes('"tickets"."code" in'));

beforeAll(async () => {
  await makeEvent("held");
  await makeBooth("held", "tenun");
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
