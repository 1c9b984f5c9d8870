/**
 * WhatsApp's status webhook: the handshake by verify token, and reports
 * believed only with a valid X-Hub-Signature-256 over the raw body; the
 * outbox API and page for admins and organisers, with no ticket code in them.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { call, codeFrom, makeEvent, makeStaff, postForm, staffGet, staffSession, validSignup } from "../helpers";

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

let providerId: string;
let code: string;
beforeAll(async () => {
  await makeEvent("whk");
  code = codeFrom(await postForm("/e/whk", validSignup({ phone: "0812-6000-0101", send_whatsapp: "yes" })));
  // the queue's consumer sends it (vi.waitFor: a limit for a hang, never a verdict)
  await vi.waitFor(async () => {
    const row = await env.DB.prepare("select status from messages where `to` = '+6281260000101'").first<{ status: string }>();
    if (row?.status !== "sent") throw new Error("not sent yet");
  }, { timeout: 60_000, interval: 200 });
  providerId = (await env.DB.prepare("select provider_message_id as p from messages where `to` = '+6281260000101'").first<{ p: string }>())!.p;
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
