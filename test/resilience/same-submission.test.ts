/**
 * "Coba lagi" sends the same submission: the page a database fault ends in
 * carries a sealed token with the submission's ticket code and time, so a first
 * try that was written (its answer lost) ends in this browser's ticket, not in
 * "already registered". A token never names anyone else's registration; one
 * that does not open (forged, expired, another event's or form's, no key) is a
 * new submission, never an error page.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { sealSubmission, submissionKey } from "../../src/base/http/submission-token";
import { isTicketCode, newTicketCode, nextTicketCode } from "../../src/lib/ticket-code";
import type { Env } from "../../src/base/context/env";
import { call, codeFrom, count, eventInput, makeBooth, makeEvent, postForm, validSignup } from "../helpers";
import { faultyApp, signupBatch, submissionIn } from "./faulty";

let eventId: number;
let otherEventId: number;
beforeAll(async () => {
  eventId = (await makeEvent("same")).id;
  otherEventId = (await makeEvent("same-other")).id;
  await makeBooth("same", "tenun");
});

const e164 = (phone: string) => `+62${phone.replace(/\D/g, "").slice(1)}`;
const people = (phone: string) => count("registrations", "phone = ?", e164(phone));
const codesOf = async (phone: string) =>
  (await env.DB.prepare("select r.name, t.code from tickets t join registrations r on r.id = t.registration_id where r.phone = ? order by r.id").bind(e164(phone)).all<{ name: string; code: string }>()).results;
const heldCode = (res: Response) => /kf_ticket=([a-z0-9]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];

/** The first try is written and its answer lost; every retry in the request fails before it reaches D1: 503, the person in the table. */
const writtenThenLost = () => faultyApp({ when: signupBatch, failCalls: [1, 2, 3, 4], mode: (call) => (call === 1 ? "after" : "before") });
const nothingWritten = () => faultyApp({ when: signupBatch, failCalls: [1, 2, 3, 4], mode: "before" });

async function firstTry(app: ReturnType<typeof faultyApp>, fields: Record<string, string | string[]>) {
  const res = await app.postForm("/e/same/tenun", fields);
  expect(res.status).toBe(503);
  const page = await res.text();
  expect(page).toContain("Coba lagi");
  const token = submissionIn(page);
  expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  return { page, token: token!, res };
}

describe("a signup written on its first try whose answer was lost, without WhatsApp", () => {
  it("'Coba lagi' is the same submission: this browser gets the ticket written then, and nothing is written twice", async () => {
    const phone = "0812-7500-0001";
    const fields = validSignup({ phone, name: "Yuliana Tefa" });
    const { page, token, res } = await firstTry(writtenThenLost(), fields);
    // written by the first try, though the page could not know it
    const [written] = await codesOf(phone);
    expect(written).toBeDefined();
    expect(heldCode(res)).toBeUndefined();
    // the token hides the ticket code it carries
    expect(page).not.toContain(written!.code);

    const again = await faultyApp({}).postForm("/e/same/tenun", { ...fields, submission: token });
    expect(again.status).toBe(303);
    expect(codeFrom(again)).toBe(written!.code);
    expect(heldCode(again)).toBe(written!.code);
    expect(await codesOf(phone)).toEqual([written]);
  });

  it("sent again after a first try that wrote nothing, it is written once with the code it was given", async () => {
    const phone = "0812-7500-0002";
    const fields = validSignup({ phone });
    const { token } = await firstTry(nothingWritten(), fields);
    expect(await people(phone)).toBe(0);
    const again = await faultyApp({}).postForm("/e/same/tenun", { ...fields, submission: token });
    const code = codeFrom(again);
    expect(heldCode(again)).toBe(code);
    // and a third sending (Back, resend) is still the same submission
    expect(codeFrom(await faultyApp({}).postForm("/e/same/tenun", { ...fields, submission: token }))).toBe(code);
    expect(await people(phone)).toBe(1);
  });
});

describe("a token", () => {
  it("never claims a registration its submission did not write: another browser's person stays theirs ('already registered', no ticket)", async () => {
    const phone = "0812-7500-0003";
    const fields = validSignup({ phone, name: "Maria Lado" });
    const { token } = await firstTry(nothingWritten(), fields);
    // meanwhile the same phone and name registered from another browser
    const theirs = codeFrom(await postForm("/e/same/tenun", fields));
    const res = await faultyApp({}).postForm("/e/same/tenun", { ...fields, submission: token });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Sudah terdaftar");
    expect(heldCode(res)).toBeUndefined();
    expect(await codesOf(phone)).toEqual([{ name: "Maria Lado", code: theirs }]);
  });

  it("sent with other answers whose person is another: that person gets a code of their own (no 500, no one without a ticket), the same at each sending", async () => {
    const phone = "0812-7500-0004";
    const fields = validSignup({ phone, name: "Agustina Bani" });
    const { token } = await firstTry(writtenThenLost(), fields);
    const [first] = await codesOf(phone);

    // the name corrected before "Coba lagi": another person on this phone, so the first code is not theirs
    const renamed = { ...fields, name: "Agustinus Bani", submission: token };
    const res = await faultyApp({}).postForm("/e/same/tenun", renamed);
    expect(res.status).toBe(303);
    const second = codeFrom(res);
    expect(second).not.toBe(first!.code);
    expect(heldCode(res)).toBe(second);
    expect(await codesOf(phone)).toEqual([first, { name: "Agustinus Bani", code: second }]);
    // sent again: the same code, nothing more written
    expect(codeFrom(await faultyApp({}).postForm("/e/same/tenun", renamed))).toBe(second);
    // and with the first answers it is still the first person's own
    expect(codeFrom(await faultyApp({}).postForm("/e/same/tenun", { ...fields, submission: token }))).toBe(first!.code);
    expect(await people(phone)).toBe(2);
    // whoever holds the first code cannot work out the second: it is drawn from the submission's sealed secret
    expect(second).not.toBe(await nextTicketCode(first!.code, ""));
    expect(second).not.toBe(await nextTicketCode(first!.code, first!.code));
  });

  it("draws a next code that depends on the submission's secret, the same for the same secret", async () => {
    const code = newTicketCode();
    const [a, b] = [newTicketCode(), newTicketCode()];
    expect(await nextTicketCode(code, a)).toBe(await nextTicketCode(code, a));
    expect(await nextTicketCode(code, a)).not.toBe(await nextTicketCode(code, b));
    expect(isTicketCode(await nextTicketCode(code, a))).toBe(true);
  });

  it("that does not open is ignored: forged, expired, another event's or another form's token, or no key to open it: a new submission, never an error page", async () => {
    const phone = "0812-7500-0005";
    const fields = validSignup({ phone, name: "Fransiska Nope" });
    const { token } = await firstTry(writtenThenLost(), fields);
    const code = (await codesOf(phone))[0]!.code;
    const key = submissionKey(env as Env)!;
    const now = new Date();
    const others: Record<string, string> = {
      forged: token.slice(0, 20) + (token[20] === "A" ? "B" : "A") + token.slice(21),
      expired: await sealSubmission(key, "signup", eventId, { code, at: new Date(now.getTime() - 2 * 3_600_000 - 60_000), salt: code }),
      "another event's": await sealSubmission(key, "signup", otherEventId, { code, at: now, salt: code }),
      "a kiosk's": await sealSubmission(key, "kiosk", eventId, { code, at: now, salt: code }),
      "not a token": "bukan-token",
    };
    for (const [what, submission] of Object.entries(others)) {
      const res = await faultyApp({}).postForm("/e/same/tenun", { ...fields, submission });
      expect(res.status, what).toBe(200);
      expect(await res.text(), what).toContain("Sudah terdaftar");
      expect(heldCode(res), what).toBeUndefined();
    }
    // without a usable SESSION_SECRET no token opens, not even a good one, and none is made
    const keyless = await faultyApp({}, { SESSION_SECRET: "short" }).postForm("/e/same/tenun", { ...fields, submission: token });
    expect(keyless.status).toBe(200);
    expect(await keyless.text()).toContain("Sudah terdaftar");
    const down = await faultyApp({ when: signupBatch, rate: 0.999999, random: () => 0 }, { SESSION_SECRET: undefined }).postForm("/e/same/tenun", validSignup({ phone: "0812-7500-0006" }));
    expect(down.status).toBe(503);
    expect(submissionIn(await down.text())).toBeUndefined();

    // the good one still is this browser's registration
    const res = await faultyApp({}).postForm("/e/same/tenun", { ...fields, submission: token });
    expect(codeFrom(res)).toBe(code);
    expect(await people(phone)).toBe(1);
  });
});

describe("the token's field", () => {
  it("is no event's question: a question keyed `submission` is refused", async () => {
    const question = { key: "submission", type: "text", required: false, label: { id: "Kiriman", en: "Submission" } };
    const res = await call("/api/v1/events", { json: eventInput("same-question", { questions: [question] }) });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: Record<string, string> }).errors["questions.0.key"]).toBe("Kode ini sudah dipakai formulir standar. Pilih kode lain.");
  });
});
