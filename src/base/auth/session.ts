/**
 * Staff authentication: `Authorization: Bearer <token>` on the API, or the
 * session cookie that the staff pages set after one token login. Sessions live
 * on the server (./sessions.service.ts): signing out, revoking the account,
 * rotating ADMIN_TOKEN and the 12-hour limit each end them. A paired booth
 * kiosk holds a session of the same cookie, kept in its own table
 * (./kiosks.service.ts): revoking the kiosk ends it. Without usable
 * ADMIN_TOKEN and SESSION_SECRET no staff request is accepted at all (503).
 */
import type { Context } from "hono";
import { deleteCookie, generateCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { keyedHash, randomToken, secretsEqual, sha256Hex } from "../../lib/crypto";
import type { AppEnv } from "../context/env";
import type { Principal } from "../context/principal";
import type { Kiosk } from "../../db/schema/kiosks";
import { staffSecrets } from "../config/secrets";
import { forbidden } from "../http/problem";
import { forgetKey, recallPrincipal, rememberPrincipal } from "./principal-cache";
import { endKioskSessionRow, findKioskSession, pairKiosk, touchKiosk } from "./kiosks.service";
import { createSession, endSessionRow, findSession, SESSION_HOURS, type SessionEnd } from "./sessions.service";
import { findActiveStaffByToken, touchLastUsed } from "./staff.service";

export const SESSION_COOKIE = "kf_session";
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

function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m ? m[1]! : null;
}

/** A keyed fingerprint of the admin token: a session started with it ends when the token changes. */
const adminFingerprint = (secrets: { adminToken: string; sessionSecret: string }) => keyedHash(secrets.sessionSecret, `admin-token:${secrets.adminToken}`);

/** How a guard may find the caller's account: `cached` lets the door's scan route use this isolate's copy (principal-cache.ts). */
export type AuthOptions = { cached?: boolean };

/** The principal a token belongs to, or null. */
export async function principalForToken(c: Context<AppEnv>, token: string, opts: AuthOptions = {}): Promise<Principal | null> {
  const { adminToken } = staffSecrets(c.env);
  if (await secretsEqual(token, adminToken)) return ADMIN_PRINCIPAL;
  if (!opts.cached) return findActiveStaffByToken(c.var.db, token);
  const key = `token:${await sha256Hex(token)}`;
  const kept = recallPrincipal(key);
  if (kept) return kept;
  const found = await findActiveStaffByToken(c.var.db, token);
  if (found) rememberPrincipal(key, found);
  return found;
}

const cookieOptions = (c: Context<AppEnv>) => ({ path: "/", secure: c.env.SECURE_COOKIES !== "false" });

/** The session cookie for session `id`. */
async function setSessionCookie(c: Context<AppEnv>, id: string, sessionSecret: string): Promise<void> {
  await setSignedCookie(c, SESSION_COOKIE, id, sessionSecret, {
    ...cookieOptions(c),
    httpOnly: true,
    sameSite: "Strict",
    maxAge: SESSION_HOURS * 3600,
  });
}

/** Signs `p` (a staff account or the ADMIN_TOKEN) in on this browser: a new server-side session and its cookie. */
export async function startSession(c: Context<AppEnv>, p: Principal): Promise<void> {
  // a kiosk is signed in only by its pairing (startKioskSession), never as the ADMIN_TOKEN's id-less session
  if (p.kiosk || p.role === "kiosk") throw new Error("a kiosk session starts from its pairing");
  const secrets = staffSecrets(c.env);
  const session = await newSession();
  await createSession(c.var.db, {
    idHash: session.idHash,
    staffId: p.id,
    adminFingerprint: p.id === null ? await adminFingerprint(secrets) : null,
    now: new Date(),
  });
  await setSessionCookie(c, session.id, secrets.sessionSecret);
}

/** A new session's secret id (for the cookie) and its hash (for the row), for a caller that writes the row in its own batch (a paired device). */
export async function newSession(): Promise<{ id: string; idHash: string }> {
  const id = randomToken(32);
  return { id, idHash: await sha256Hex(id) };
}

/** Hands this browser the cookie of the session `id`, whose row is written. */
export async function giveSessionCookie(c: Context<AppEnv>, id: string): Promise<void> {
  await setSessionCookie(c, id, staffSecrets(c.env).sessionSecret);
}

/**
 * Turns this browser into kiosk `k` (its pairing used once, in one transaction
 * with the new session): any staff session it held ends first, so the tablet
 * keeps nothing of the organiser who paired it. Null when the link was used,
 * revoked or expired (this browser is then signed out too).
 */
export async function startKioskSession(c: Context<AppEnv>, k: Kiosk): Promise<Principal | null> {
  const secrets = staffSecrets(c.env);
  await endSessionRows(c, secrets.sessionSecret);
  const id = randomToken(32);
  const p = await pairKiosk(c.var.db, k, await sha256Hex(id));
  if (!p) {
    deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
    return null;
  }
  await setSessionCookie(c, id, secrets.sessionSecret);
  return p;
}

/** The session id in this request's cookie, when its signature holds. */
async function sessionId(c: Context<AppEnv>, sessionSecret: string): Promise<string | null> {
  const id = await getSignedCookie(c, sessionSecret, SESSION_COOKIE);
  return typeof id === "string" && id ? id : null;
}

/** Ends, on the server, the session this request's cookie names (a staff's or a kiosk's). */
async function endSessionRows(c: Context<AppEnv>, sessionSecret: string): Promise<void> {
  const id = await sessionId(c, sessionSecret);
  if (!id) return;
  const idHash = await sha256Hex(id);
  await endSessionRow(c.var.db, idHash);
  await endKioskSessionRow(c.var.db, idHash);
  forgetKey(`session:${idHash}`);
}

/** Signs out: the session ends on the server (a copied cookie stops working) and the cookie goes. */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  await endSessionRows(c, staffSecrets(c.env).sessionSecret);
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}

/** The Set-Cookie header that ends the session, for an answer built apart from the context (a problem+json). */
export const endSessionHeader = (c: Context<AppEnv>) => ({
  "set-cookie": generateCookie(SESSION_COOKIE, "", { ...cookieOptions(c), maxAge: 0, expires: new Date(0) }),
});

/**
 * What this browser's session cookie says: the principal; `{ ended }` when the
 * session is ours and unexpired but no longer counts: `revoked` (its account
 * revoked, or started with an ADMIN_TOKEN that has since been rotated) or
 * `signed_out` (ended on the server); null without a live session (none,
 * forged, expired: nothing to wipe).
 */
async function principalForSession(c: Context<AppEnv>, opts: AuthOptions): Promise<Principal | { ended: SessionEnd } | null> {
  const secrets = staffSecrets(c.env);
  const id = await sessionId(c, secrets.sessionSecret);
  if (!id) return null;
  const idHash = await sha256Hex(id);
  const key = `session:${idHash}`;
  if (opts.cached) {
    // the scan's own statement checks again that this session has not ended (scan.service.ts)
    const kept = recallPrincipal(key);
    if (kept) return kept;
  }
  const now = new Date();
  // a staff session, or else a paired kiosk's (kiosks.service.ts): the same cookie, a table each
  const found = (await findSession(c.var.db, idHash, now)) ?? (await findKioskSession(c.var.db, idHash, now));
  if (!found) return null;
  if (found.ended) return { ended: found.ended };
  let p: Principal | null = found.principal;
  if (found.adminFingerprint !== null) {
    if (found.adminFingerprint !== (await adminFingerprint(secrets))) {
      // started with an ADMIN_TOKEN that has since been rotated
      await endSessionRow(c.var.db, idHash);
      return { ended: "revoked" };
    }
    p = ADMIN_PRINCIPAL;
  }
  if (!p) return { ended: "revoked" };
  const withSession = { ...p, session: idHash };
  if (opts.cached) rememberPrincipal(key, withSession);
  return withSession;
}

/**
 * Tells a browser whose session was revoked to forget this site's data: the scanner's
 * ticket list and queue (IndexedDB), its cached pages (Cache Storage), its service
 * worker. The same header ends a sign-out (staff.pages).
 */
export const WIPE_DEVICE = { "clear-site-data": '"cache", "storage"' } as const;

/** A request from one of our own pages: the browser says so in Origin or Sec-Fetch-Site. */
function fromOurPages(c: Context<AppEnv>): boolean {
  if (/^(GET|HEAD|OPTIONS)$/.test(c.req.method)) return true;
  return c.req.header("sec-fetch-site") === "same-origin" || c.req.header("origin") === new URL(c.req.url).origin;
}

/**
 * The caller's principal from bearer token or session cookie, or null; `ended`
 * says why when a session cookie names a session that was ended since (the guards
 * then wipe the device). A cookie rides along on any request the browser sends, so a
 * change made with one (any method but GET/HEAD/OPTIONS, on the pages and on
 * /api/v1 alike) must come from our own pages; a bearer token is never sent by a
 * browser on its own.
 */
export async function identify(c: Context<AppEnv>, opts: AuthOptions = {}): Promise<{ principal: Principal | null; ended: SessionEnd | null }> {
  const token = bearerToken(c.req.header("authorization"));
  const found = token ? await principalForToken(c, token, opts) : await principalForSession(c, opts);
  if (found && "ended" in found) return { principal: null, ended: found.ended };
  if (found && !token && !fromOurPages(c)) throw forbidden("error.crossSite");
  if (found?.id != null) {
    const id = found.id;
    c.executionCtx.waitUntil(touchLastUsed(c.var.db, id, TOUCH_EVERY_MS).catch(() => undefined));
  } else if (found?.kiosk) {
    c.executionCtx.waitUntil(touchKiosk(c.var.db, found.kiosk.id, TOUCH_EVERY_MS).catch(() => undefined));
  }
  return { principal: found, ended: null };
}

/** The caller's principal from bearer token or session cookie, or null. */
export async function authenticate(c: Context<AppEnv>, opts: AuthOptions = {}): Promise<Principal | null> {
  return (await identify(c, opts)).principal;
}
