/**
 * Staff authentication: `Authorization: Bearer <token>` on the API, or the
 * signed session cookie that the staff pages set after one token login.
 */
import type { Context } from "hono";
import { deleteCookie, generateCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { AppEnv } from "../context/env";
import { secretsEqual, sha256Hex } from "../../lib/crypto";
import type { Principal } from "../context/principal";
import { recallPrincipal, rememberPrincipal } from "./principal-cache";
import { findActiveStaffById, findActiveStaffByToken, touchLastUsed } from "./staff.service";

export const SESSION_COOKIE = "kf_session";
const SESSION_HOURS = 12;
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** The first admin: whoever holds the ADMIN_TOKEN secret. */
export const ADMIN_PRINCIPAL: Principal = {
  id: null,
  name: "admin (ADMIN_TOKEN)",
  role: "admin",
  allEvents: true,
  eventIds: [],
  gate: null,
};

const sessionSecret = (c: Context<AppEnv>) => c.env.SESSION_SECRET || `session:${c.env.ADMIN_TOKEN}`;

function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m ? m[1]! : null;
}

/** How a guard may find the caller's account: `cached` lets the door's scan route use this isolate's copy (principal-cache.ts). */
export type AuthOptions = { cached?: boolean };

/** The principal a token belongs to, or null. */
export async function principalForToken(c: Context<AppEnv>, token: string, opts: AuthOptions = {}): Promise<Principal | null> {
  if (c.env.ADMIN_TOKEN && (await secretsEqual(token, c.env.ADMIN_TOKEN))) return ADMIN_PRINCIPAL;
  if (!opts.cached) return findActiveStaffByToken(c.var.db, token);
  const key = await sha256Hex(token);
  const kept = recallPrincipal(key);
  if (kept) return kept;
  const found = await findActiveStaffByToken(c.var.db, token);
  if (found) rememberPrincipal(key, found);
  return found;
}

async function staffById(c: Context<AppEnv>, id: number, opts: AuthOptions) {
  if (!opts.cached) return findActiveStaffById(c.var.db, id);
  const kept = recallPrincipal(`id:${id}`);
  if (kept) return kept;
  const found = await findActiveStaffById(c.var.db, id);
  if (found) rememberPrincipal(`id:${id}`, found);
  return found;
}

// a session names the account and a fingerprint of its token, so revoking
// the token (or rotating ADMIN_TOKEN) ends the session too
async function fingerprint(c: Context<AppEnv>, p: Principal): Promise<string> {
  if (p.id === null) return (await sha256Hex(c.env.ADMIN_TOKEN)).slice(0, 16);
  return (p.tokenHash ?? "").slice(0, 16);
}

export async function startSession(c: Context<AppEnv>, p: Principal): Promise<void> {
  const expires = Date.now() + SESSION_HOURS * 3600_000;
  const value = `${p.id ?? "admin"}.${await fingerprint(c, p)}.${expires}`;
  await setSignedCookie(c, SESSION_COOKIE, value, sessionSecret(c), {
    httpOnly: true,
    secure: c.env.SECURE_COOKIES !== "false",
    sameSite: "Strict",
    path: "/",
    maxAge: SESSION_HOURS * 3600,
  });
}

export function endSession(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: c.env.SECURE_COOKIES !== "false" });
}

/** The Set-Cookie header that ends the session, for an answer built apart from the context (a problem+json). */
export const endSessionHeader = (c: Context<AppEnv>) => ({
  "set-cookie": generateCookie(SESSION_COOKIE, "", { path: "/", secure: c.env.SECURE_COOKIES !== "false", maxAge: 0, expires: new Date(0) }),
});

/**
 * What this browser's session cookie says: the principal; or, when the cookie is
 * ours and unexpired but its account was revoked (or its token rotated), `revoked`.
 */
async function principalForSession(c: Context<AppEnv>, opts: AuthOptions): Promise<Principal | "revoked" | null> {
  const value = await getSignedCookie(c, sessionSecret(c), SESSION_COOKIE);
  if (!value) return null;
  const [who, print, expires] = value.split(".");
  if (!who || !print || Number(expires) < Date.now()) return null;
  const p = who === "admin" ? ADMIN_PRINCIPAL : await staffById(c, Number(who), opts);
  if (!p || (await fingerprint(c, p)) !== print) return "revoked";
  return p;
}

/**
 * Tells a browser whose session was revoked to forget this site's data: the scanner's
 * ticket list and queue (IndexedDB), its cached pages (Cache Storage), its service
 * worker. The same header ends a sign-out (staff.pages).
 */
export const WIPE_DEVICE = { "clear-site-data": '"cache", "storage"' } as const;

/**
 * The caller's principal from bearer token or session cookie, or null; `revoked` when
 * a signed session names an account that was revoked since (the guards then wipe the device).
 */
export async function identify(c: Context<AppEnv>, opts: AuthOptions = {}): Promise<{ principal: Principal | null; revoked: boolean }> {
  const token = bearerToken(c.req.header("authorization"));
  const found = token ? await principalForToken(c, token, opts) : await principalForSession(c, opts);
  if (found === "revoked") return { principal: null, revoked: true };
  if (found?.id != null) {
    const id = found.id;
    c.executionCtx.waitUntil(touchLastUsed(c.var.db, id, TOUCH_EVERY_MS).catch(() => undefined));
  }
  return { principal: found, revoked: false };
}

/** The caller's principal from bearer token or session cookie, or null. */
export async function authenticate(c: Context<AppEnv>, opts: AuthOptions = {}): Promise<Principal | null> {
  return (await identify(c, opts)).principal;
}
