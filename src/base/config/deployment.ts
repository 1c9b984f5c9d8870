/**
 * A deployment refuses to serve until its secrets are set: staging and
 * production need ADMIN_TOKEN, DATA_KEY (NIK encryption) and SESSION_SECRET
 * (staff sessions, bookmarks), each usable by `secretProblem` (lib/secrets.ts),
 * and the rate limit and queue bindings (signup, ticket resend, messages).
 * Local development (`ENVIRONMENT = "local"` in wrangler.toml's top level) serves
 * without them, and what needs a missing secret refuses on its own (staff access
 * 503, no NIK accepted): nothing anywhere falls back to a default. An unknown or
 * missing ENVIRONMENT counts as deployed.
 */
import { createMiddleware } from "hono/factory";
import { msg } from "../../i18n";
import { logError } from "../../lib/log";
import { ProblemError } from "../http/problem";
import { secretProblem } from "../../lib/secrets";
import { faultRate } from "../../db/faults";
import type { SecretName } from "./secrets";
import type { AppEnv, Env } from "../context/env";

const DEPLOYMENT_SECRETS: readonly SecretName[] = ["ADMIN_TOKEN", "DATA_KEY", "SESSION_SECRET"];

/** Local development only where wrangler.toml's top level says exactly `local`; a missing or unknown value is a deployment. */
export const isLocalDevelopment = (env: Pick<Env, "ENVIRONMENT">): boolean => env.ENVIRONMENT === "local";

/** The names of the secrets this deployment lacks (or has too short); empty when it may serve. */
export function missingSecrets(env: Env): string[] {
  if (isLocalDevelopment(env)) return [];
  return DEPLOYMENT_SECRETS.filter((name) => secretProblem(env[name]) !== null);
}

/**
 * The bindings a deployment must have: its database, the signup's and the resend's rate limits, the
 * message queue (without it a ticket or a recovery link would never leave the outbox) and the queue of
 * signups kept while the database stumbles (without it such a signup could only be refused). An [env.*] in
 * wrangler.toml inherits none of them, and a rate limit left out would not apply at all (a door left
 * open), so a deployment without one refuses like one without a secret.
 */
const DEPLOYMENT_BINDINGS = ["DB", "SIGNUP_LIMITER", "SIGNUP_PHONE_LIMITER", "RESEND_LIMITER", "RESEND_PHONE_LIMITER", "MESSAGES", "SIGNUPS"] as const;

/** The names of the bindings this deployment lacks; empty locally, where the tests leave some out on purpose. */
export function missingBindings(env: Env): string[] {
  if (isLocalDevelopment(env)) return [];
  return DEPLOYMENT_BINDINGS.filter((name) => !env[name]);
}

/**
 * Settings for local runs only that a deployment must not have: injected database faults (benchmarks).
 * Locally, a fault rate that is not a rate in [0, 1] is refused too: serving without the faults asked for
 * would make a benchmark measure what it does not say.
 */
export function localOnlySettings(env: Env): string[] {
  if (env.ENVIRONMENT === "local") return faultRate(env.D1_FAULT_RATE) === "invalid" ? ["D1_FAULT_RATE"] : [];
  return env.D1_FAULT_RATE !== undefined ? ["D1_FAULT_RATE"] : [];
}

/** 503 on every request while a secret or a binding is missing (or a local-only setting is set); the log names them (names only, never values). */
export const requireConfiguration = createMiddleware<AppEnv>(async function requireConfiguration(c, next) {
  const missing = [...missingSecrets(c.env), ...missingBindings(c.env), ...localOnlySettings(c.env)];
  if (missing.length) {
    logError("configuration", new Error("missing settings"), missing.join(","));
    throw new ProblemError(503, "Service Unavailable", msg("error.misconfigured"));
  }
  await next();
});
