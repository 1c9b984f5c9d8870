/**
 * The SIGNUPS queue's consumer writes a kept submission exactly once, however
 * often the queue delivers it and whatever the database did to the delivery
 * before: the person's unique index, the ticket's code and the message's time
 * decide. A database that still stumbles gets the message back later, with a
 * growing delay.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/index";
import type { Env } from "../../src/base/context/env";
import { keepSubmission, redeliveryDelay, type QueuedSignup } from "../../src/base/registration/queued-signup";
import { sealNik } from "../../src/base/registration/register.service";
import { newSubmission } from "../../src/base/registration/submission.service";
import { signupSchema, toSignupInput } from "../../src/base/registration/registration.schema";
import { D1_FAULTS, withFaults, type FaultPlan } from "../../src/db/faults";
import { createDb } from "../../src/db/client";
import { booths, events } from "../../src/db/schema";
import { eq } from "drizzle-orm";
import { call, codeFrom, count, makeBooth, makeEvent, ORIGIN, postForm, validSignup } from "../helpers";
import { POLL, signupBatch } from "./faulty";

beforeAll(async () => {
  await makeEvent("kept");
  await makeBooth("kept", "tenun");
});

/** A submission as the signup page keeps it (validated, the NIK sealed), read back from what it sends the queue. */
async function keptBody(fields: Record<string, string | string[]>): Promise<QueuedSignup> {
  const db = createDb(env.DB);
  const [event] = await db.select().from(events).where(eq(events.slug, "kept"));
  const [booth] = await db.select().from(booths).where(eq(booths.code, "tenun"));
  const parsed = signupSchema(event!.questions, "2026-12-05").parse(fields);
  const input = { ...toSignupInput(parsed, event!.questions), lang: "id" as const };
  const nik = await sealNik({ dataKey: env.DATA_KEY! }, input.nik);
  const sent: unknown[] = [];
  // the body exactly as the producer writes it (the real queue carries JSON)
  await keepSubmission({ send: async (body: unknown) => void sent.push(JSON.parse(JSON.stringify(body))) } as unknown as Queue<unknown>, newSubmission({ event: event!, booth: booth!, input, nik, origin: "https://fair.test", held: [] }));
  return sent[0] as QueuedSignup;
}

async function deliver(body: unknown, plan: FaultPlan = {}, attempts = 1, bindings: Partial<Env> = {}) {
  const batch = createMessageBatch("kupang-fair-signups", [{ id: `m${attempts}`, timestamp: new Date(), attempts, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch as never, { ...env, DB: withFaults(env.DB, plan), ...bindings } as Env);
  return getQueueResult(batch, ctx);
}

/** The person of ticket `code` erases their data ("Hapus data saya"), as from their ticket's page. */
const erase = (code: string) => call(`/t/${code}/me/erase`, { token: null, method: "POST", body: new URLSearchParams({ confirm: "yes" }), headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" } });

/** A rate limit binding that answers as a spent one (the real one counts in a 60 s window, which a test must not race). */
const spent = (keys: string[]) => ({ limit: async ({ key }: { key: string }) => (keys.push(key), { success: false }) }) as unknown as RateLimit;

const state = async (phone: string) => ({
  people: await count("registrations", "phone = ?", phone),
  tickets: await count("tickets t join registrations r on r.id = t.registration_id", "r.phone = ?", phone),
  visits: await count("booth_visits v join registrations r on r.id = v.registration_id", "r.phone = ?", phone),
  messages: await count("messages", "`to` = ?", phone),
});

describe("a kept signup", () => {
  it("is written once when the queue delivers it twice (the second delivery finds its own ticket), and its ticket sent once", async () => {
    const body = await keptBody(validSignup({ phone: "0812-7200-0001", send_whatsapp: "yes", nik: "5371014507900001" }));
    expect((await deliver(body)).explicitAcks).toEqual(["m1"]);
    expect((await deliver(body, {}, 2)).explicitAcks).toEqual(["m2"]);
    expect(await state("+6281272000001")).toEqual({ people: 1, tickets: 1, visits: 1, messages: 1 });
    // the ticket issued is the one the page promised (its code chosen when the person pressed Register)
    expect(await env.DB.prepare("select t.code from tickets t join registrations r on r.id = t.registration_id where r.phone = ?").bind("+6281272000001").first("code")).toBe(body.code);
    // the NIK went through the queue sealed, and is stored sealed
    expect(JSON.stringify(body)).not.toContain("5371014507900001");
    expect(await env.DB.prepare("select nik_masked from registrations where phone = ?").bind("+6281272000001").first("nik_masked")).toBe("5371********0001");
    await expect.poll(() => env.DB.prepare("select status from messages where `to` = ?").bind("+6281272000001").first("status"), POLL).toBe("sent");
  });

  it("is retried later when the database still stumbles, even after its write went through unseen, and then written once", async () => {
    const body = await keptBody(validSignup({ phone: "0812-7200-0002", send_whatsapp: "yes" }));
    // every try of this delivery is written and its answer lost
    const first = await deliver(body, { when: signupBatch, failCalls: [1, 2, 3, 4], mode: "after", message: D1_FAULTS.reset });
    expect(first.explicitAcks).toEqual([]);
    // (the test runtime records the retry, not its delay: redeliveryDelay is pinned below)
    expect(first.retryMessages.map((m) => m.msgId)).toEqual(["m1"]);
    const second = await deliver(body, {}, 2);
    expect(second.explicitAcks).toEqual(["m2"]);
    expect(await state("+6281272000002")).toEqual({ people: 1, tickets: 1, visits: 1, messages: 1 });
    await expect.poll(() => env.DB.prepare("select status from messages where `to` = ?").bind("+6281272000002").first("status"), POLL).toBe("sent");
  });

  it("of a person already registered from another browser changes nothing of theirs: their phone gets their own ticket's link", async () => {
    const code = codeFrom(await postForm("/e/kept/tenun", validSignup({ phone: "0812-7200-0003", occupation: "musik" })));
    const body = await keptBody(validSignup({ phone: "0812-7200-0003", occupation: "kuliner", send_whatsapp: "yes" }));
    expect((await deliver(body)).explicitAcks).toEqual(["m1"]);
    expect(await env.DB.prepare("select occupation from registrations where phone = ?").bind("+6281272000003").first("occupation")).toBe("musik");
    expect(await count("tickets t join registrations r on r.id = t.registration_id", "r.phone = ?", "+6281272000003")).toBe(1);
    const kinds = await env.DB.prepare("select kind, text from messages where `to` = ?").bind("+6281272000003").all<{ kind: string; text: string }>();
    expect(kinds.results.map((m) => m.kind)).toEqual(["recovery"]);
    expect(kinds.results[0]!.text).not.toContain(code);
  });

  it("of version 1 (a message kept before version 2, still in a queue) is written as before", async () => {
    const { heldCodes, ...v2 } = await keptBody(validSignup({ phone: "0812-7200-0004", send_whatsapp: "yes" }));
    expect(v2.v).toBe(2);
    expect(heldCodes).toEqual([]);
    expect((await deliver({ ...v2, v: 1 })).explicitAcks).toEqual(["m1"]);
    expect(await state("+6281272000004")).toEqual({ people: 1, tickets: 1, visits: 1, messages: 1 });
  });

  it("that is not a kept signup's shape is acknowledged and written nowhere", async () => {
    const before = await count("registrations");
    expect((await deliver({ v: 3, anything: true })).explicitAcks).toEqual(["m1"]);
    const result = await deliver({ v: 2, anything: true });
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(await count("registrations")).toBe(before);
  });

  it("waits longer each time the database stumbles again, up to ten minutes", () => {
    expect([1, 2, 3, 4, 7, 20].map(redeliveryDelay)).toEqual([10, 20, 40, 80, 600, 600]);
  });
});

describe("a kept signup the database can no longer take as it was", () => {
  const recoveries = (phone: string) => count("messages", "`to` = ? and kind = 'recovery'", phone);

  it("of a person already registered sends their phone one link however often it is delivered, and none past the number's budget", async () => {
    await postForm("/e/kept/tenun", validSignup({ phone: "0812-7200-0005" }));
    const body = await keptBody(validSignup({ phone: "0812-7200-0005", send_whatsapp: "yes" }));
    expect((await deliver(body)).explicitAcks).toEqual(["m1"]);
    expect((await deliver(body, {}, 2)).explicitAcks).toEqual(["m2"]);
    expect(await recoveries("+6281272000005")).toBe(1);
    // another kept submission for the same person, the number's budget of links spent: written nowhere, sent nothing
    const keys: string[] = [];
    const again = await keptBody(validSignup({ phone: "0812-7200-0005", send_whatsapp: "yes" }));
    expect((await deliver(again, {}, 1, { RESEND_PHONE_LIMITER: spent(keys) })).explicitAcks).toEqual(["m1"]);
    expect(keys).toEqual([`resend-phone:${body.eventId}:+6281272000005`]);
    expect(await recoveries("+6281272000005")).toBe(1);
  });

  it("of a holder who erased their data meanwhile is let go at once, and nothing of it is written back", async () => {
    const code = codeFrom(await postForm("/e/kept/tenun", validSignup({ phone: "0812-7200-0006", occupation: "musik" })));
    const id = (await env.DB.prepare("select registration_id from tickets where code = ?").bind(code).first<number>("registration_id"))!;
    const body = await keptBody(validSignup({ phone: "0812-7200-0006", occupation: "kuliner", send_whatsapp: "yes" }));
    // kept from the browser that holds the ticket: an update of the holder's own answers
    body.held = [{ registrationId: id, code, name: "Maria Bili", phone: "+6281272000006" }];
    const erased = await erase(code);
    expect(erased.status).toBeLessThan(400);
    const result = await deliver(body);
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(result.retryMessages).toEqual([]);
    const row = await env.DB.prepare("select erased_at, occupation from registrations where id = ?").bind(id).first<{ erased_at: number | null; occupation: string | null }>();
    expect(row!.erased_at).not.toBeNull();
    expect(row!.occupation).not.toBe("kuliner");
    expect(await count("messages", "registration_id = ? and kind = 'ticket'", id)).toBe(0);
  });

  it("from a browser whose tickets the page could not read (v2 heldCodes) is let go when that holder erased their data meanwhile: no one is brought back", async () => {
    const code = codeFrom(await postForm("/e/kept/tenun", validSignup({ phone: "0812-7200-0016", occupation: "musik" })));
    const id = (await env.DB.prepare("select registration_id from tickets where code = ?").bind(code).first<number>("registration_id"))!;
    const body = await keptBody(validSignup({ phone: "0812-7200-0016", occupation: "kuliner", send_whatsapp: "yes" }));
    body.heldCodes = [code];
    const erased = await erase(code);
    expect(erased.status).toBeLessThan(400);
    const result = await deliver(body);
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(result.retryMessages).toEqual([]);
    // no new person with the erased one's phone, no ticket message for anyone
    expect(await count("registrations", "phone = ?", "+6281272000016")).toBe(0);
    expect(await count("messages", "`to` = ?", "+6281272000016")).toBe(0);
    expect(await env.DB.prepare("select erased_at from registrations where id = ?").bind(id).first("erased_at")).not.toBeNull();
  });

  it("whose own earlier delivery was written unseen, and whose person erased their data before the next delivery, is let go: no one is brought back", async () => {
    const body = await keptBody(validSignup({ phone: "0812-7200-0017", send_whatsapp: "yes" }));
    const first = await deliver(body, { when: signupBatch, failCalls: [1, 2, 3, 4], mode: "after", message: D1_FAULTS.reset });
    expect(first.retryMessages.map((m) => m.msgId)).toEqual(["m1"]);
    expect(await count("registrations", "phone = ?", "+6281272000017")).toBe(1);
    const erased = await erase(body.code);
    expect(erased.status).toBeLessThan(400);
    const second = await deliver(body, {}, 2);
    expect(second.explicitAcks).toEqual(["m2"]);
    expect(await count("registrations", "phone = ?", "+6281272000017")).toBe(0);
  });

  it("waits its turn behind the event's ceiling of signups a minute, then is written", async () => {
    await makeEvent("kept-full");
    const db = createDb(env.DB);
    const [full] = await db.select().from(events).where(eq(events.slug, "kept-full"));
    const body = { ...(await keptBody(validSignup({ phone: "0812-7200-0007", send_whatsapp: "yes" }))), eventId: full!.id, boothId: null };
    // a ceiling of one, already reached this minute
    await postForm("/e/kept-full", validSignup({ phone: "0812-7200-0008" }));
    await env.DB.prepare("update events set signups_per_minute = 1, version = version + 1 where id = ?").bind(full!.id).run();
    const held = await deliver(body);
    expect(held.explicitAcks).toEqual([]);
    expect(held.retryMessages.map((m) => m.msgId)).toEqual(["m1"]);
    expect(await count("registrations", "phone = ?", "+6281272000007")).toBe(0);
    await env.DB.prepare("update events set signups_per_minute = 600, version = version + 1 where id = ?").bind(full!.id).run();
    expect((await deliver(body, {}, 2)).explicitAcks).toEqual(["m2"]);
    expect(await count("registrations", "phone = ?", "+6281272000007")).toBe(1);
  });

  it("for an event closed meanwhile is still written: the person signed up while it was open and was told the ticket would come", async () => {
    await makeEvent("kept-closing");
    const db = createDb(env.DB);
    const [closing] = await db.select().from(events).where(eq(events.slug, "kept-closing"));
    const body = { ...(await keptBody(validSignup({ phone: "0812-7200-0009", send_whatsapp: "yes" }))), eventId: closing!.id, boothId: null };
    await env.DB.prepare("update events set status = 'closed', version = version + 1 where id = ?").bind(closing!.id).run();
    expect((await deliver(body)).explicitAcks).toEqual(["m1"]);
    expect(await count("registrations", "phone = ?", "+6281272000009")).toBe(1);
    expect(await count("messages", "`to` = ? and kind = 'ticket'", "+6281272000009")).toBe(1);
  });
});
