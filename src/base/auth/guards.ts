/**
 * The guards every staff route passes: who is calling (bearer token or session),
 * whether their role may do this (roles.ts), and whether the event is in their scope.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context/env";
import { forbidden, unauthorized } from "../http/problem";
import { may, type Permission } from "./roles";
import { endSession, endSessionHeader, identify, WIPE_DEVICE, type AuthOptions } from "./session";

/**
 * Lets through staff whose role holds `permission`; 401 without valid credentials, 403 for another role.
 * `cached` is for a route whose own statement checks the account again (the door's scan: principal-cache.ts).
 * @example api.get("/staff", requireStaff("staff.manage"), handler)
 */
export function requireStaff(permission: Permission, opts: AuthOptions = {}) {
  return createMiddleware<AppEnv>(async function requireStaff(c, next) {
    const { principal: p, revoked } = await identify(c, opts);
    if (!p) {
      if (!revoked) throw unauthorized("error.unauthorized");
      // a gate phone learns at its next sync that it was revoked: it forgets what it kept
      throw unauthorized("error.sessionRevoked").with({ ...WIPE_DEVICE, ...endSessionHeader(c) });
    }
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
    const { principal: p, revoked } = await identify(c);
    if (!p) {
      if (revoked) {
        endSession(c);
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
