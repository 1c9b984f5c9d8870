/**
 * The outbox through the real queue and the WhatsApp adapter against a local
 * stand-in of the Graph API (test/outbound-standin.js checks path, bearer and
 * body as Meta does): sent, not sent without settings, retried while the
 * channel fails, dead-lettered (failed) after the queue's limit.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../src/index";
import type { Env } from "../../src/base/context/env";
import { firstRetrySeconds, retryDelay, RETRY_SECONDS } from "../../src/base/messaging/consumer";
import { RETRYABLE_GRAPH_CODES, templateBody, whatsAppConfig } from "../../src/base/messaging/whatsapp";
import { codeFrom, makeEvent, postForm, validSignup } from "../helpers";

beforeAll(async () => {
  await makeEvent("msgq");
});

type Row = { id: number; status: string; attempts: number; error: string | null; provider_message_id: string | null; to: string; kind: string; text: string };
const messageOf = (phone: string) => env.DB.prepare("select * from messages where `to` = ? order by id desc").bind(phone).first<Row>();

/** Waits until the queue's consumer has settled the message (a limit for a hang, never a verdict). */
async function settled(phone: string, statuses: string[]): Promise<Row> {
  let row: Row | null = null;
  await expect
    .poll(async () => {
      row = await messageOf(phone);
      return row?.status;
    }, { timeout: 60_000, interval: 200 })
    .toSatisfy((s) => statuses.includes(s as string));
  return row!;
}

describe("a ticket sent to WhatsApp after signup", () => {
  it("is written to the outbox as it reads (link included), queued, and sent through the Graph API", async () => {
    const code = codeFrom(await postForm("/e/msgq", validSignup({ phone: "0812-6000-0001", send_whatsapp: "yes" })));
    const row = await settled("+6281260000001", ["sent"]);
    expect(row.kind).toBe("ticket");
    expect(row.text).toContain(`https://fair.test/t/${code}`);
    expect(row.text).toContain("Maria Bili");
    // the stand-in's id names the template, the language and the three body values it accepted
    expect(row.provider_message_id).toMatch(/^wamid\.kf_ticket\.id\.3\./);
    expect(row.attempts).toBe(1);
  });

  it("is not written when the person does not ask for it", async () => {
    codeFrom(await postForm("/e/msgq", validSignup({ phone: "0812-6000-0002" })));
    expect(await messageOf("+6281260000002")).toBeNull();
  });

  it("is retried while the channel fails (after 1, 2, 4 s here: MESSAGE_RETRY_SECONDS), and dead-lettered as failed after the queue's max_retries", async () => {
    codeFrom(await postForm("/e/msgq", validSignup({ phone: "0812-6000-0500", send_whatsapp: "yes" })));
    const row = await settled("+6281260000500", ["failed"]);
    expect(row.error).toBe("dead_letter");
    // the first try and max_retries = 3 more (wrangler.toml)
    expect(row.attempts).toBe(4);
    expect(row.provider_message_id).toBeNull();
  });

  it("fails at once, without retries, when the channel refuses the message for good", async () => {
    codeFrom(await postForm("/e/msgq", validSignup({ phone: "0812-6000-0400", send_whatsapp: "yes" })));
    const row = await settled("+6281260000400", ["failed"]);
    // the HTTP status and Graph's code (131026: undeliverable), never a value
    expect(row).toMatchObject({ error: "http_400:131026", attempts: 1 });
  });
});

describe("the consumer", () => {
  async function consume(phone: string, changes: Partial<Env>, attempts = 1) {
    const row = await messageOf(phone);
    await env.DB.prepare("update messages set status = 'queued', attempts = 0, error = null, provider_message_id = null where id = ?").bind(row!.id).run();
    const batch = createMessageBatch("kupang-fair-messages", [{ id: "m1", timestamp: new Date(), attempts, body: { id: row!.id } }]);
    // the test harness's message records that it was retried, not the options: read them as they are passed
    const retry = vi.spyOn(batch.messages[0]!, "retry");
    const ctx = createExecutionContext();
    await worker.queue(batch as never, { ...env, ...changes } as Env);
    const delays = retry.mock.calls.map(([options]) => options?.delaySeconds);
    return { result: await getQueueResult(batch, ctx), row: (await messageOf(phone))!, delays };
  }

  it("without WhatsApp settings stops the message as not_sent (local, demos), acknowledged", async () => {
    codeFrom(await postForm("/e/msgq", validSignup({ phone: "0812-6000-0003", send_whatsapp: "yes" })));
    await settled("+6281260000003", ["sent"]);
    const { result, row } = await consume("+6281260000003", { WHATSAPP_PHONE_NUMBER_ID: undefined });
    expect(row.status).toBe("not_sent");
    expect(result.explicitAcks).toEqual(["m1"]);
    // a half-set configuration (no token) is not sent either
    const half = await consume("+6281260000003", { WHATSAPP_TOKEN: undefined });
    expect(half.row.status).toBe("not_sent");
  });

  it("asks the queue to retry when the channel fails for now, and Meta's endpoint refuses a wrong token", async () => {
    const down = await consume("+6281260000003", { WHATSAPP_GRAPH_URL: "https://graph.facebook.test/down" });
    expect(down.result.retryMessages.map((m) => m.msgId)).toEqual(["m1"]);
    expect(down.row).toMatchObject({ status: "queued", attempts: 1 });
    const badToken = await consume("+6281260000003", { WHATSAPP_TOKEN: "another-token-0123456789abcdefghijklmn" });
    expect(badToken.row).toMatchObject({ status: "failed", error: "http_401:190" });
    const ok = await consume("+6281260000003", {});
    expect(ok.row.status).toBe("sent");
    expect(ok.result.explicitAcks).toEqual(["m1"]);
  });

  it("never sends a message twice: a second delivery of a sent one is only acknowledged", async () => {
    const row = await messageOf("+6281260000003");
    const batch = createMessageBatch("kupang-fair-messages", [{ id: "m2", timestamp: new Date(), attempts: 2, body: { id: row!.id } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as never, env as Env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["m2"]);
    expect(await messageOf("+6281260000003")).toEqual(row);
  });

  it("waits longer before each retry: 30, 60, 120 s… by default (at most an hour), MESSAGE_RETRY_SECONDS the first wait", async () => {
    const down = { WHATSAPP_GRAPH_URL: "https://graph.facebook.test/down" };
    const waits: (number | undefined)[] = [];
    for (const attempts of [1, 2, 3, 5]) {
      const { result, delays } = await consume("+6281260000003", { ...down, MESSAGE_RETRY_SECONDS: undefined }, attempts);
      expect(result.retryMessages.map((m) => m.msgId)).toEqual(["m1"]);
      waits.push(...delays);
    }
    expect(waits).toEqual([30, 60, 120, 480]);
    const set = await consume("+6281260000003", { ...down, MESSAGE_RETRY_SECONDS: "5" }, 3);
    expect(set.delays).toEqual([20]);
    expect(retryDelay(1)).toBe(RETRY_SECONDS.first);
    expect(retryDelay(30)).toBe(3600);
    // a value it cannot read is the default (and the log names the setting)
    for (const bad of ["abc", "-1", "4000", "1e3"]) expect(firstRetrySeconds({ MESSAGE_RETRY_SECONDS: bad }), bad).toBe(30);
    expect(firstRetrySeconds({ MESSAGE_RETRY_SECONDS: "0" })).toBe(0);
  });

  it("retries Meta's throttling, which comes as HTTP 400 with its own code (130429 throughput, 131056 pair rate)", async () => {
    for (const [phone, code] of [["0812-6000-0429", 130429], ["0812-6000-0056", 131056]] as const) {
      const e164 = `+62${phone.replace(/\D/g, "").slice(1)}`;
      codeFrom(await postForm("/e/msgq", validSignup({ phone, send_whatsapp: "yes" })));
      // the queue itself retries it (1 s, 2 s, 4 s here) and dead-letters it after max_retries
      const row = await settled(e164, ["failed"]);
      expect(row).toMatchObject({ error: "dead_letter", attempts: 4 });
      const { result, row: again, delays } = await consume(e164, {}, 2);
      expect(result.retryMessages.map((m) => m.msgId)).toEqual(["m1"]);
      expect(delays).toEqual([2]);
      expect(again).toMatchObject({ status: "queued", attempts: 1, error: `http_400:${code}` });
    }
    expect(RETRYABLE_GRAPH_CODES.has(131026)).toBe(false);
  });

  it("marks a 200 without a message id as sent (never sent again blindly) with no id to match reports to", async () => {
    codeFrom(await postForm("/e/msgq", validSignup({ phone: "0812-6000-0200", send_whatsapp: "yes" })));
    const row = await settled("+6281260000200", ["sent", "failed"]);
    expect(row).toMatchObject({ status: "sent", provider_message_id: null, error: "no_message_id", attempts: 1 });
    const { result, row: again } = await consume("+6281260000200", {});
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(result.retryMessages).toEqual([]);
    expect(again).toMatchObject({ status: "sent", error: "no_message_id", attempts: 1 });
    // a second delivery of the same queue message sends nothing
    const batch = createMessageBatch("kupang-fair-messages", [{ id: "m3", timestamp: new Date(), attempts: 2, body: { id: again.id } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as never, env as Env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["m3"]);
    expect(await messageOf("+6281260000200")).toEqual(again);
  });

});

describe("the Graph API request", () => {
  it("is a template message in the person's language with the values in order, to digits without +", () => {
    const config = whatsAppConfig(env as Env)!;
    expect(config.url).toBe("https://graph.facebook.test/v23.0/106540352242922/messages");
    expect(templateBody(config, { to: "+6281260000009", kind: "recovery", lang: "en", params: ["Maria", "Festival", "https://x/r/abc"] })).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "6281260000009",
      type: "template",
      template: {
        name: "kf_recovery",
        language: { code: "en" },
        components: [{ type: "body", parameters: [{ type: "text", text: "Maria" }, { type: "text", text: "Festival" }, { type: "text", text: "https://x/r/abc" }] }],
      },
    });
  });
});
