/**
 * The channel: WhatsApp Business Cloud API. A business-initiated message is an
 * approved template (`POST {graph}/{version}/{phone-number-id}/messages`, bearer
 * token) with its body's values in order. Without the settings nothing is sent
 * and the outbox says `not_sent`; a half-set configuration (an id without its
 * token) is not sent either, and the log names the missing setting.
 */
import type { MessageKind } from "../../db/schema/messaging";
import { logSettingRefused } from "../../lib/log";
import { optionalSecret } from "../config/secrets";
import type { Env } from "../context/env";

export type WhatsAppConfig = { url: string; token: string; templates: Record<MessageKind, string> };

const DEFAULT_GRAPH = "https://graph.facebook.com";
const DEFAULT_VERSION = "v23.0";

/** The channel's settings, or null when WhatsApp is not set up here (local, tests of the not-sent path, demos). */
export function whatsAppConfig(env: Env): WhatsAppConfig | null {
  const id = env.WHATSAPP_PHONE_NUMBER_ID?.trim();
  if (!id) return null;
  if (!/^\d{5,20}$/.test(id)) {
    logSettingRefused("WHATSAPP_PHONE_NUMBER_ID", "missing");
    return null;
  }
  const token = optionalSecret(env, "WHATSAPP_TOKEN");
  const ticket = env.WHATSAPP_TEMPLATE_TICKET?.trim();
  const recovery = env.WHATSAPP_TEMPLATE_RECOVERY?.trim();
  const phoneChange = env.WHATSAPP_TEMPLATE_PHONE_CHANGE?.trim() || recovery;
  if (!ticket) logSettingRefused("WHATSAPP_TEMPLATE_TICKET", "missing");
  if (!recovery) logSettingRefused("WHATSAPP_TEMPLATE_RECOVERY", "missing");
  if (!token || !ticket || !recovery || !phoneChange) return null;
  const base = (env.WHATSAPP_GRAPH_URL?.trim() || DEFAULT_GRAPH).replace(/\/+$/, "");
  const version = env.WHATSAPP_API_VERSION?.trim() || DEFAULT_VERSION;
  return {
    url: `${base}/${version}/${id}/messages`,
    token,
    templates: { ticket, recovery, staff_resend: recovery, phone_change: phoneChange },
  };
}

export type Outgoing = { to: string; kind: MessageKind; lang: string; params: string[] };

/**
 * What the channel said: sent (with its message id, or `null` when a 200 named none: it was accepted,
 * so it is never sent again blindly), worth trying again later, or refused for good.
 */
export type SendResult = { ok: true; providerId: string | null } | { ok: false; retry: boolean; error: string };

/** The Graph API request body for one template message (`to` in international digits, no `+`). */
export function templateBody(config: WhatsAppConfig, m: Outgoing) {
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: m.to.replace(/^\+/, ""),
    type: "template",
    template: {
      name: config.templates[m.kind],
      language: { code: m.lang === "en" ? "en" : "id" },
      components: [{ type: "body", parameters: m.params.map((text) => ({ type: "text", text })) }],
    },
  };
}

/**
 * Graph error codes that mean "not now" rather than "never", whatever the HTTP status (throttling
 * comes as 400 too): 1 unknown / possible server error, 2 service temporarily unavailable, 4 the
 * app's call rate, 80007 the business account's rate, 130429 the number's throughput, 131000
 * something went wrong, 131016 service unavailable, 131056 too many messages to one recipient
 * (the pair rate). Anything else (a bad token, a template not approved, a number not on WhatsApp,
 * 131048 the spam limit, which retrying would make worse) is final.
 */
export const RETRYABLE_GRAPH_CODES: ReadonlySet<number> = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131056]);

/** Graph's error code from a refusal's body (`{"error": {"code": …}}`), if it has one. */
async function graphErrorCode(res: Response): Promise<number | undefined> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: unknown } } | null;
  const code = body?.error?.code;
  return Number.isSafeInteger(code) ? (code as number) : undefined;
}

/**
 * Sends one message. A network failure, 429, 5xx or a throttling code is worth a retry; any other
 * refusal is final. The error names the HTTP status and Graph's code (`http_400:131056`), never a value.
 */
export async function sendWhatsApp(config: WhatsAppConfig, m: Outgoing): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(config.url, {
      method: "POST",
      headers: { authorization: `Bearer ${config.token}`, "content-type": "application/json" },
      body: JSON.stringify(templateBody(config, m)),
    });
  } catch {
    return { ok: false, retry: true, error: "network" };
  }
  if (!res.ok) {
    const code = await graphErrorCode(res);
    const retry = res.status === 429 || res.status >= 500 || (code !== undefined && RETRYABLE_GRAPH_CODES.has(code));
    return { ok: false, retry, error: code === undefined ? `http_${res.status}` : `http_${res.status}:${code}` };
  }
  const answer = (await res.json().catch(() => null)) as { messages?: { id?: unknown }[] } | null;
  const id = answer?.messages?.[0]?.id;
  return { ok: true, providerId: typeof id === "string" && id.length > 0 && id.length <= 200 ? id : null };
}
