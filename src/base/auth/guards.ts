/**
 * The guards every staff route passes: who is calling (bearer token or session),
 * whether their role may do this (roles.ts), and whether the event is in their scope.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context/env";
import { forbidden, unauthorized, type ProblemError } from "../http/problem";
import { may, type Permission } from "./roles";
import { endSession, endSessionHeader, identify, WIPE_DEVICE, type AuthOptions } from "./session";
import type { SessionEnd } from "./sessions.service";

/**
 * What a 401 tells a script in its body's `code` (the scanner acts on it: Clear-Site-Data is not
 * visible to scripts): `session_ended`, no live session (sign in again; nothing is wiped, the
 * door's queue waits); `signed_out`, the session was ended on the server; `device_revoked`, the
 * account, or its access to the event, was revoked. The last two come with Clear-Site-Data.
 */
export const SESSION_CODES = ["session_ended", "signed_out", "device_revoked"] as const;
export type SessionCode = (typeof SESSION_CODES)[number];

/** The 401 for a request without a live principal; `ended` says why a session cookie no longer counts. */
export function sessionProblem(c: Context<AppEnv>, ended: SessionEnd | null): ProblemError {
  if (!ended) return unauthorized("error.unauthorized").coded("session_ended" satisfies SessionCode);
  // a gate phone learns at its next sync that it was revoked or signed out: it forgets what it kept
  const wipe = { ...WIPE_DEVICE, ...endSessionHeader(c) };
  if (ended === "revoked") return unauthorized("error.sessionRevoked").with(wipe).coded("device_revoked" satisfies SessionCode);
  return unauthorized("error.sessionSignedOut").with(wipe).coded("signed_out" satisfies SessionCode);
}

/**
 * Why a caller the door's scan refused (its account or session checked inside the scan's
 * own transaction, principal-cache.ts) may not scan: read again from D1, the isolate's copy
 * already forgotten. Still signed in, only no longer at this event: revoked here.
 */
export async function scanRefusal(c: Context<AppEnv>): Promise<ProblemError> {
  const { principal, ended } = await identify(c);
  if (!principal) return sessionProblem(c, ended);
  return unauthorized("error.sessionRevoked").with(WIPE_DEVICE).coded("device_revoked" satisfies SessionCode);
}

/**
 * Lets through staff whose role holds `permission`; 401 without valid credentials, 403 for another role.
 * `cached` is for a route whose own statement checks the account again (the door's scan: principal-cache.ts).
 * @example api.get("/staff", requireStaff("staff.manage"), handler)
 */
export function requireStaff(permission: Permission, opts: AuthOptions = {}) {
  return createMiddleware<AppEnv>(async function requireStaff(c, next) {
    const { principal: p, ended } = await identify(c, opts);
    if (!p) throw sessionProblem(c, ended);
    if (!may(p, permission)) throw forbidden("error.forbidden");
    c.set("staff", p);
    await next();
  });
}

/**
 * For staff web pages: like `requireStaff`, but a visitor without a session is
 * sent to the sign-in page (and back afterwards) instead of getting a 401.
 * @example staffPages.get("/staff/leads", staffPage("leads.work"), handler)
 */
export function staffPage(permission: Permission) {
  return createMiddleware<AppEnv>(async function staffPage(c, next) {
    const { principal: p, ended } = await identify(c);
    if (!p) {
      if (ended) {
        await endSession(c);
        for (const [name, value] of Object.entries(WIPE_DEVICE)) c.header(name, value);
      }
      const url = new URL(c.req.url);
      return c.redirect(`/staff/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    if (!may(p, permission)) throw forbidden("error.forbidden");
    c.set("staff", p);
    await next();
  });
}
