/**
 * Cloudflare Turnstile, for events that turn it on: the widget's token is
 * checked with Cloudflare's siteverify endpoint (or the one TURNSTILE_VERIFY_URL
 * names: tests point it at a local stand-in that answers like Cloudflare's
 * published test secrets). No secret, no verdict or no answer means no signup:
 * nothing here lets a form through that was not verified.
 */
import { optionalSecret } from "../../base/config/secrets";
import type { Env } from "../../base/context/env";
import { logSettingRefused } from "../../lib/log";

export const SITEVERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

export type Verdict = "passed" | "failed" | "unavailable";

/** The site key the widget needs, or null (logged) when it is not set. */
export function siteKey(env: Env): string | null {
  if (env.TURNSTILE_SITE_KEY) return env.TURNSTILE_SITE_KEY;
  logSettingRefused("TURNSTILE_SITE_KEY", "missing");
  return null;
}

/**
 * Cloudflare's verdict on `token`. `failed`: no token, or Cloudflare refused it
 * (invalid, expired, already used). `unavailable`: no usable secret, or the
 * endpoint could not be asked; the person may try again.
 */
export async function verifyTurnstile(env: Env, token: string, remoteIp: string | undefined): Promise<Verdict> {
  const secret = optionalSecret(env, "TURNSTILE_SECRET");
  if (!secret) return "unavailable";
  if (!token || token.length > 2048) return "failed";
  const body = new URLSearchParams({ secret, response: token });
  if (remoteIp) body.set("remoteip", remoteIp);
  try {
    const res = await fetch(env.TURNSTILE_VERIFY_URL || SITEVERIFY_URL, { method: "POST", body });
    if (!res.ok) throw new Error(`siteverify ${res.status}`);
    const answer = (await res.json()) as { success?: unknown };
    return answer.success === true ? "passed" : "failed";
  } catch {
    logSettingRefused("TURNSTILE_VERIFY_URL", "unreachable");
    return "unavailable";
  }
}
