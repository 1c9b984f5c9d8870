/**
 * A signup when D1 stumbles: a transient fault is retried and the signup is
 * written once (even when the fault hid a write that happened); when the
 * database stays down, a signup whose ticket goes to WhatsApp waits in the
 * SIGNUPS queue and is written by its consumer, exactly once, and one without
 * WhatsApp comes back with every answer and "try again". Never a 500.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { D1_FAULTS } from "../../src/db/faults";
import { codeFrom, count, makeBooth, makeEvent, validSignup } from "../helpers";
import { faultyApp, POLL, signupBatch } from "./faulty";

beforeAll(async () => {
  await makeEvent("stumble");
  await makeBooth("stumble", "bpjs");
});

const people = (phone: string) => count("registrations", "phone = ?", phone);
const ticketsOf = (phone: string) => count("tickets t join registrations r on r.id = t.registration_id", "r.phone = ?", phone);
const messagesTo = (phone: string) => count("messages", "`to` = ?", phone);
const heldCode = (res: Response) => /kf_ticket=([a-z0-9]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];

describe("a transient fault during the signup's write", () => {
  it("is retried, and a write the fault hid (done, its answer lost) is recognised as this signup's own: one person, one ticket, one message", async () => {
    const app = faultyApp({ when: signupBatch, failCalls: [1], mode: "after", message: D1_FAULTS.networkLost });
    const res = await app.postForm("/e/stumble/bpjs", validSignup({ phone: "0812-7100-0001", send_whatsapp: "yes" }));
    const code = codeFrom(res);
    expect(app.log.failed).toEqual([1]);
    // tried again: the second run found the first one's ticket
    expect(app.log.trips.length).toBe(2);
    expect(heldCode(res)).toBe(code);
    expect(await people("+6281271000001")).toBe(1);
    expect(await ticketsOf("+6281271000001")).toBe(1);
    expect(await env.DB.prepare("select t.code from tickets t join registrations r on r.id = t.registration_id where r.phone = ?").bind("+6281271000001").first("code")).toBe(code);
    expect(await messagesTo("+6281271000001")).toBe(1);
    await expect.poll(() => env.DB.prepare("select status from messages where `to` = ?").bind("+6281271000001").first("status"), POLL).toBe("sent");
  });

  it("that keeps failing a few times before the write still ends in the ticket", async () => {
    const app = faultyApp({ when: signupBatch, failCalls: [1, 2, 3], mode: "before" });
    codeFrom(await app.postForm("/e/stumble/bpjs", validSignup({ phone: "0812-7100-0002" })));
    expect(await people("+6281271000002")).toBe(1);
  });

  it("of the holder's own update, retried, changes the answers once and sends one message", async () => {
    const first = codeFrom(await faultyApp({}).postForm("/e/stumble/bpjs", validSignup({ phone: "0812-7100-0003" })));
    const app = faultyApp({ when: (t) => t.sql.some((q) => q.startsWith('update "registrations"')), failCalls: [1], mode: "after" });
    const res = await app.postForm("/e/stumble/bpjs", validSignup({ phone: "0812-7100-0003", occupation: "musik", send_whatsapp: "yes" }), { cookie: `kf_ticket=${first}` });
    expect(codeFrom(res)).toBe(first);
    expect(app.log.trips.length).toBe(2);
    expect(await env.DB.prepare("select occupation from registrations where phone = ?").bind("+6281271000003").first("occupation")).toBe("musik");
    expect(await messagesTo("+6281271000003")).toBe(1);
  });
});

describe("when the database stays down", () => {
  const down = () => faultyApp({ when: signupBatch, rate: 0.999999, random: () => 0 });

  it("a signup sent to WhatsApp is received (202, in the person's language) and written by the queue's consumer exactly once, its ticket then sent", async () => {
    const app = down();
    const res = await app.postForm("/e/stumble/bpjs", validSignup({ phone: "0812-7100-0010", send_whatsapp: "yes" }));
    expect(res.status).toBe(202);
    const page = await res.text();
    expect(page).toContain("Pendaftaran diterima");
    expect(page).toContain("WhatsApp 0812-****-0010");
    // every try of the request failed, and nothing was written by it
    expect(app.log.trips.length).toBe(4);
    // this browser holds the ticket to come
    const code = heldCode(res)!;
    expect(code).toMatch(/^[a-z0-9]+$/);

    await expect.poll(() => people("+6281271000010"), POLL).toBe(1);
    await expect.poll(() => env.DB.prepare("select status from messages where `to` = ?").bind("+6281271000010").first("status"), POLL).toBe("sent");
    expect(await ticketsOf("+6281271000010")).toBe(1);
    expect(await messagesTo("+6281271000010")).toBe(1);
    // the ticket the browser holds is the one written, and its message carries its link
    expect(await env.DB.prepare("select text from messages where `to` = ?").bind("+6281271000010").first("text")).toContain(`/t/${code}`);
    const visit = await count("booth_visits v join registrations r on r.id = v.registration_id", "r.phone = ?", "+6281271000010");
    expect(visit).toBe(1);
  });

  it("says so in English to a person who chose English", async () => {
    const res = await down().postForm("/e/stumble/bpjs", validSignup({ phone: "0812-7100-0011", send_whatsapp: "yes", lang: "en" }));
    expect(res.status).toBe(202);
    expect(await res.text()).toContain("Registration received");
    await expect.poll(() => people("+6281271000011"), POLL).toBe(1);
  });

  it("a signup without WhatsApp comes back with every answer, 'try again' and Retry-After (503), nothing written", async () => {
    const fields = validSignup({ phone: "0812-7100-0012", name: "Yohana Ndolu", email: "yohana@example.id", occupation: "other", occupation_other: "Penenun songket" });
    const res = await down().postForm("/e/stumble/bpjs", fields);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const page = await res.text();
    expect(page).toContain("Pendaftaran belum tersimpan");
    expect(page).toContain("Coba lagi");
    for (const v of ["Yohana Ndolu", "0812-3456-7801".replace("3456-7801", "7100-0012"), "yohana@example.id", "Penenun songket"]) expect(page).toContain(`value="${v}"`);
    expect(page).toMatch(/name="consent"[^>]*checked/);
    expect(await people("+6281271000012")).toBe(0);
    // and "try again" on a database that answers again registers
    codeFrom(await faultyApp({}).postForm("/e/stumble/bpjs", fields));
    expect(await people("+6281271000012")).toBe(1);
  });

  it("an overloaded database is not asked again at once: one try, then the form (503, a longer Retry-After)", async () => {
    const app = faultyApp({ when: signupBatch, failCalls: [1], message: D1_FAULTS.overloaded });
    const res = await app.postForm("/e/stumble/bpjs", validSignup({ phone: "0812-7100-0013" }));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(app.log.trips.length).toBe(1);
  });
});
