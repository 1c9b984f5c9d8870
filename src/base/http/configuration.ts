/**
 * A deployment refuses to serve until its secrets are set, rather than fall
 * back to a default that would open a door: staging and production need
 * ADMIN_TOKEN, DATA_KEY (NIK encryption) and SESSION_SECRET (staff sessions,
 * bookmarks), each at least 32 characters. Only local development
 * (`ENVIRONMENT = "local"` in wrangler.toml's top level) lets the last two fall
 * back to ADMIN_TOKEN. An unknown or missing ENVIRONMENT counts as deployed.
 */
import { createMiddleware } from "hono/factory";
import { msg } from "../../i18n";
import { logError } from "../../lib/log";
import { ProblemError } from "./problem";
import type { AppEnv, Env } from "../context/env";

const MIN_SECRET = 32;

/** The names of the secrets this deployment lacks (or has too short); empty when it may serve. */
export function missingSecrets(env: Env): string[] {
  if (env.ENVIRONMENT === "local") return env.ADMIN_TOKEN ? [] : ["ADMIN_TOKEN"];
  const secrets = { ADMIN_TOKEN: env.ADMIN_TOKEN, DATA_KEY: env.DATA_KEY, SESSION_SECRET: env.SESSION_SECRET };
  return Object.entries(secrets)
    .filter(([, v]) => !v || v.length < MIN_SECRET)
    .map(([k]) => k);
}

/** 503 on every request while a secret is missing; the log names the missing secrets (names only, never values). */
export const requireConfiguration = createMiddleware<AppEnv>(async function requireConfiguration(c, next) {
  const missing = missingSecrets(c.env);
  if (missing.length) {
    logError("configuration", new Error("missing secrets"), missing.join(","));
    throw new ProblemError(503, "Service Unavailable", msg("error.notConfigured"));
  }
  await next();
});
