/**
 * `/webhooks/whatsapp`: WhatsApp's delivery reports. `GET` is Meta's
 * subscription handshake (the verify token, compared in constant time, gets
 * the challenge back). `POST` is believed only when `X-Hub-Signature-256` is
 * the HMAC-SHA-256 of the raw body under the app secret (checked in constant
 * time before the body is parsed); unsigned or badly signed is 401. Without
 * the secrets the webhook refuses everything (503).
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { optionalSecret } from "../../base/config/secrets";
import type { AppEnv } from "../../base/context/env";
import { applyStatuses } from "../../base/messaging/outbox.service";
import { secretsEqual } from "../../lib/crypto";
import { statusReports, validSignature } from "./webhook.mapping";

export const whatsappWebhook = new Hono<AppEnv>();

whatsappWebhook.get("/webhooks/whatsapp", async (c) => {
  const token = optionalSecret(c.env, "WHATSAPP_VERIFY_TOKEN");
  if (!token) return c.text("not configured", 503);
  const mode = c.req.query("hub.mode");
  const given = c.req.query("hub.verify_token") ?? "";
  const challenge = c.req.query("hub.challenge") ?? "";
  if (mode !== "subscribe" || !(await secretsEqual(given, token)) || !/^[\w-]{1,200}$/.test(challenge)) return c.text("forbidden", 403);
  return c.text(challenge, 200);
});

whatsappWebhook.post("/webhooks/whatsapp", bodyLimit({ maxSize: 256 * 1024 }), async (c) => {
  const secret = optionalSecret(c.env, "WHATSAPP_APP_SECRET");
  if (!secret) return c.text("not configured", 503);
  const raw = new Uint8Array(await c.req.arrayBuffer());
  if (!(await validSignature(secret, raw, c.req.header("x-hub-signature-256")))) return c.text("bad signature", 401);
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return c.text("bad json", 400);
  }
  await applyStatuses(c.var.db, statusReports(payload));
  return c.text("ok", 200);
});
