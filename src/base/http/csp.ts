/** Per-page additions to the Content-Security-Policy that app.ts sends with every answer. */
import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import type { AppEnv } from "../context/env";

/** Lets this page load scripts and frames from `origin` too (the Turnstile widget, on the events that use it). */
export function allowScriptsFrom(c: Context<AppEnv>, origin: string): void {
  c.set("cspExtra", [...(c.var.cspExtra ?? []), origin]);
}

/** `policy` with `sources` added to `directive`, which starts from 'self' when the policy lacks it. */
export function withSources(policy: string, directive: string, sources: readonly string[]): string {
  const parts = policy.split(";").map((p) => p.trim()).filter(Boolean);
  const i = parts.findIndex((p) => p.split(/\s+/)[0] === directive);
  if (i >= 0) parts[i] = `${parts[i]} ${sources.join(" ")}`;
  else parts.push(`${directive} 'self' ${sources.join(" ")}`);
  return parts.join("; ");
}

/**
 * Widens the policy for the few pages that asked (`allowScriptsFrom`), after the
 * secure-headers middleware wrote it; every other page keeps the strict one.
 * Register it before `secureHeaders()`, so that it runs after it.
 */
export const cspAllowances = createMiddleware<AppEnv>(async function cspAllowances(c, next) {
  await next();
  const extra = c.var.cspExtra;
  const policy = c.res.headers.get("content-security-policy");
  if (!extra?.length || !policy) return;
  c.res.headers.set("content-security-policy", withSources(withSources(policy, "script-src", extra), "frame-src", extra));
});
