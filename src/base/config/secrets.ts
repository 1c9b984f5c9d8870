/**
 * The secrets the Worker will not run without, read where they are used. A
 * secret that is unset or shorter than `SECRET_MIN_LENGTH` (lib/secrets.ts) is refused: the
 * request gets a clear 503 (problem+json or an error page) and the log one
 * line naming the setting, never its value. Nothing falls back to a default:
 * a fixed or derived key is a key anyone can know.
 */
import { msg } from "../../i18n";
import { logSettingRefused } from "../../lib/log";
import { secretProblem } from "../../lib/secrets";
import { ProblemError } from "../http/problem";
import type { Env } from "../context/env";

export type SecretName = "ADMIN_TOKEN" | "SESSION_SECRET" | "DATA_KEY" | "TURNSTILE_SECRET" | "WHATSAPP_TOKEN" | "WHATSAPP_APP_SECRET" | "WHATSAPP_VERIFY_TOKEN";

/** The secret, or null after one log line naming it (for features that work on without it). */
export function optionalSecret(env: Env, name: SecretName): string | null {
  const value = env[name];
  const problem = secretProblem(value);
  if (!problem) return value!;
  logSettingRefused(name, problem);
  return null;
}

/** The 503 a request gets when a setting it needs is missing. */
export const unavailable = () => new ProblemError(503, "Service Unavailable", msg("error.misconfigured"));

/** The secret, or a 503 after one log line naming it. */
export function requireSecret(env: Env, name: SecretName): string {
  const value = optionalSecret(env, name);
  if (value === null) throw unavailable();
  return value;
}

/** The key that seals NIKs (AES-GCM) and makes their keyed hashes; null when DATA_KEY is unusable (no NIK is then accepted). */
export const dataKey = (env: Env): string | null => optionalSecret(env, "DATA_KEY");

/** What staff access needs: the first admin's token and the key that signs session cookies. */
export function staffSecrets(env: Env): { adminToken: string; sessionSecret: string } {
  return { adminToken: requireSecret(env, "ADMIN_TOKEN"), sessionSecret: requireSecret(env, "SESSION_SECRET") };
}

/** True when Turnstile can work: its site key and a usable secret are set (no log: a question, not a use). */
export const turnstileReady = (env: Env): boolean => Boolean(env.TURNSTILE_SITE_KEY) && secretProblem(env.TURNSTILE_SECRET) === null;
