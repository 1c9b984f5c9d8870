/**
 * WhatsApp's status webhook: the handshake by verify token, and reports
 * believed only with a valid X-Hub-Signature-256 over the raw body; the
 * outbox API and page for admins and organisers, with no ticket code in them.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { call, codeFrom, makeEvent, makeStaff, postForm, staffGet, staffSession, validSignup } from "../helpers";
import { callWith } from "../security/app-with";

const SECRET = env.WHATSAPP_APP_SECRET!;
const VERIFY = env.WHATSAPP_VERIFY_TOKEN!;

async function sign(body: string, secret = SECRET) {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

const report = (id: string, status: string) =>
  JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value: { messaging_product: "whatsapp", statuses: [{ id, status, timestamp: "1796000000", recipient_id: "6281260000101" }] } }] }],
  });

const post = (body: string, signature?: string) =>
  call("/webhooks/whatsapp", { token: null, method: "POST", body, headers: { "content-type": "application/json", ...(signature ? { "x-hub-signature-256": signature } : {}) } });

/** The provider id of the newest message to `phone`, once the queue's consumer sent it (vi.waitFor: a limit for a hang, never a verdict). */
async function sentId(phone: string): Promise<string> {
  let id = "";
  await vi.waitFor(async () => {
    const row = await env.DB.prepare("select status, provider_message_id as p from messages where `to` = ? order by id desc").bind(phone).first<{ status: string; p: string }>();
    if (row?.status !== "sent") throw new Error("not sent yet");
    id = row.p;
  }, { timeout: 60_000, interval: 200 });
  return id;
}

let providerId: string;
let code: string;
beforeAll(async () => {
  await makeEvent("whk");
  code = codeFrom(await postForm("/e/whk", validSignup({ phone: "0812-6000-0101", send_whatsapp: "yes" })));
  providerId = await sentId("+6281260000101");
});

const status = async () => (await env.DB.prepare("select status from messages where provider_message_id = ?").bind(providerId).first<{ status: string }>())!.status;

describe("GET /webhooks/whatsapp (Meta's handshake)", () => {
  it("answers the challenge for the verify token only", async () => {
    const ok = await call(`/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`, { token: null });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    for (const q of [`hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`, `hub.mode=unsubscribe&hub.verify_token=${VERIFY}&hub.challenge=1`, `hub.challenge=1`]) {
      expect((await call(`/webhooks/whatsapp?${q}`, { token: null })).status, q).toBe(403);
    }
  });
});

describe("POST /webhooks/whatsapp (delivery reports)", () => {
  it("applies a validly signed report, and never moves a status back", async () => {
    const body = report(providerId, "delivered");
    expect((await post(body, await sign(body))).status).toBe(200);
    expect(await status()).toBe("delivered");
    const read = report(providerId, "read");
    expect((await post(read, await sign(read))).status).toBe(200);
    expect(await status()).toBe("read");
    // a late "delivered" after "read"
    expect((await post(body, await sign(body))).status).toBe(200);
    expect(await status()).toBe("read");
  });

  it("refuses unsigned, tampered and wrongly keyed reports (401) and changes nothing", async () => {
    const body = report(providerId, "failed");
    const good = await sign(body);
    const tampered = body.replace("failed", "sent");
    for (const [what, res] of [
      ["missing", await post(body)],
      ["tampered body", await post(tampered, good)],
      ["another key", await post(body, await sign(body, "another-app-secret-0123456789abcdef"))],
      ["not hex", await post(body, "sha256=zz")],
      ["bare hex", await post(body, good.slice(7))],
    ] as const) {
      expect(res.status, what).toBe(401);
    }
    expect(await status()).toBe("read");
  });

  it("is refused whole (503) without the app secret: fail closed", async () => {
    const { callWith } = await import("../security/app-with");
    const body = report(providerId, "failed");
    const res = await callWith({ WHATSAPP_APP_SECRET: undefined }, "/webhooks/whatsapp", { method: "POST", body, headers: { "x-hub-signature-256": await sign(body) } });
    expect(res.status).toBe(503);
    const hs = await callWith({ WHATSAPP_VERIFY_TOKEN: undefined }, `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=&hub.challenge=1`);
    expect(hs.status).toBe(503);
  });
});

describe("GET /api/v1/events/{slug}/messages", () => {
  it("lists the outbox for admins and organisers, with no ticket code; refused to check-in and enrollment staff", async () => {
    const organiser = await makeStaff("organiser", ["whk"]);
    const res = await call("/api/v1/events/whk/messages", { token: organiser.token });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(code);
    const { messages } = JSON.parse(text) as { messages: Record<string, unknown>[] };
    expect(messages[0]).toEqual({ id: expect.any(Number), to: "+6281260000101", kind: "ticket", text: expect.stringContaining(`/t/${code.slice(0, 4)}…`), status: "read", created_at: expect.any(String) });
    for (const role of ["checkin", "enrollment"]) {
      const s = await makeStaff(role, ["whk"]);
      expect((await call("/api/v1/events/whk/messages", { token: s.token })).status, role).toBe(403);
    }
  });

  it("is a staff page too", async () => {
    const page = await staffGet("/staff/events/whk/messages", await staffSession());
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("+6281260000101");
    expect(html).not.toContain(code);
  });
});

describe("the outbox never hands staff a usable link", () => {
  let secret: string;
  let organiser: { id: number; token: string };
  beforeAll(async () => {
    organiser = await makeStaff("organiser", ["whk"]);
    // a lost-ticket link, sent (the stand-in accepts it): whoever opened it would hold her ticket and "Data saya"
    codeFrom(await postForm("/e/whk", validSignup({ phone: "0812-6000-0103", name: "Ina Lapu" })));
    expect((await postForm("/e/whk/resend", { phone: "081260000103" }, { "cf-connecting-ip": "10.66.0.1" })).status).toBe(200);
    await sentId("+6281260000103");
    const text = (await env.DB.prepare("select text from messages where `to` = '+6281260000103' and kind = 'recovery'").first<{ text: string }>())!.text;
    secret = /\/r\/([A-Za-z0-9_-]+)/.exec(text)![1]!;
  });
  const recoveryText = async (res: Response) => ((await res.json()) as { messages: { kind: string; text: string; to: string }[] }).messages.find((m) => m.to === "+6281260000103")!.text;

  it("shortens a sent link in the API and on the page", async () => {
    const res = await call("/api/v1/events/whk/messages", { token: organiser.token });
    const text = await recoveryText(res);
    expect(text).toContain(`/r/${secret.slice(0, 4)}…`);
    expect(text).not.toContain(secret);
    const page = await (await staffGet("/staff/events/whk/messages", await staffSession(organiser.token))).text();
    expect(page).toContain("Ina Lapu");
    expect(page).not.toContain(secret);
  });

  it("shows a link whole only in local development and only for a message never sent; a missing or other ENVIRONMENT is deployed", async () => {
    await env.DB.prepare("update messages set status = 'not_sent' where `to` = '+6281260000103'").run();
    const auth = { headers: { authorization: `Bearer ${organiser.token}` } };
    // the test config is wrangler.toml's top level: ENVIRONMENT = "local"
    expect(await recoveryText(await call("/api/v1/events/whk/messages", { token: organiser.token }))).toContain(`/r/${secret}`);
    expect(await (await staffGet("/staff/events/whk/messages", await staffSession(organiser.token))).text()).toContain(`/r/${secret}`);
    for (const ENVIRONMENT of ["production", "staging", undefined, "Local"]) {
      const text = await recoveryText(await callWith({ ENVIRONMENT }, "/api/v1/events/whk/messages", auth));
      expect(text, String(ENVIRONMENT)).not.toContain(secret);
    }
    await env.DB.prepare("update messages set status = 'sent' where `to` = '+6281260000103'").run();
  });

  it("audits every read of the outbox: who, the event, how many rows (API and page)", async () => {
    const reads = () =>
      env.DB.prepare("select actor, event_id, detail from audit_log where action = 'messages.read' and actor = ? order by id").bind(`staff:${organiser.id}`).all<{ actor: string; event_id: number; detail: string }>().then((r) => r.results);
    const before = (await reads()).length;
    const { messages } = (await (await call("/api/v1/events/whk/messages", { token: organiser.token })).json()) as { messages: unknown[] };
    await staffGet("/staff/events/whk/messages", await staffSession(organiser.token));
    const after = await reads();
    expect(after).toHaveLength(before + 2);
    const eventId = (await env.DB.prepare("select id from events where slug = 'whk'").first<{ id: number }>())!.id;
    expect(after.slice(-2).map((r) => ({ event: r.event_id, ...JSON.parse(r.detail) }))).toEqual([
      { event: eventId, rows: messages.length, via: "api" },
      { event: eventId, rows: messages.length, via: "page" },
    ]);
  });
});

describe("a failure reported after the message was sent", () => {
  let failing: string;
  beforeAll(async () => {
    codeFrom(await postForm("/e/whk", validSignup({ phone: "0812-6000-0102", name: "Yuli Seran", send_whatsapp: "yes" })));
    failing = await sentId("+6281260000102");
  });
  const statusOf = async (id: string) => (await env.DB.prepare("select status, error from messages where provider_message_id = ?").bind(id).first<{ status: string; error: string | null }>())!;
  const failed = (id: string) =>
    JSON.stringify({
      object: "whatsapp_business_account",
      entry: [{ id: "1", changes: [{ field: "messages", value: { messaging_product: "whatsapp", statuses: [{ id, status: "failed", timestamp: "1796000001", recipient_id: "6281260000102", errors: [{ code: 131026, title: "Message undeliverable" }] }] } }] }],
    });

  it("is applied with WhatsApp's error code (WhatsApp accepts, then fails to deliver); a replay or a late 'sent' changes nothing", async () => {
    expect(await statusOf(failing)).toEqual({ status: "sent", error: null });
    const body = failed(failing);
    expect((await post(body, await sign(body))).status).toBe(200);
    expect(await statusOf(failing)).toEqual({ status: "failed", error: "channel_131026" });
    expect((await post(body, await sign(body))).status).toBe(200);
    const late = report(failing, "sent");
    expect((await post(late, await sign(late))).status).toBe(200);
    expect(await statusOf(failing)).toEqual({ status: "failed", error: "channel_131026" });
  });

  it("is not applied to a message delivered or read (it did not fail)", async () => {
    // providerId: the first message, read by now
    expect(await status()).toBe("read");
    const body = failed(providerId);
    expect((await post(body, await sign(body))).status).toBe(200);
    expect(await status()).toBe("read");
  });
});
