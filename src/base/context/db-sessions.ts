/**
 * D1 read replication through the Sessions API. Every request gets two handles:
 *
 * - `c.var.db`: a session whose first query goes to the primary. Writes always
 *   go there, and so do the reads that decide something (who is signed in,
 *   whether a ticket is already inside): they see every change made before.
 * - `c.var.readDb`: a session that may read from a nearby replica, a moment
 *   old, for pages where that is fine (ticket page, dashboard, stats, lead
 *   lists). It starts from the caller's bookmark when there is one, so nobody
 *   reads older data than their own last write.
 *
 * After a write (any method but GET/HEAD) the primary session's bookmark goes
 * back to the caller: a cookie for browsers (the 303 after a form post carries
 * it to the next page), the `x-d1-bookmark` header for API clients, which send
 * it back in the same header. Bookmarks carry a MAC, so a client cannot make a
 * replica wait for a point in time that never comes; one without a valid MAC is
 * ignored (the read may then be a moment old, nothing more).
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { createDb } from "../../db/client";
import { signed, unsigned } from "../../lib/crypto";
import type { AppEnv, Env } from "./env";
import { database } from "./database";
import { secretProblem } from "../../lib/secrets";

export const BOOKMARK_COOKIE = "kf_bm";
export const BOOKMARK_HEADER = "x-d1-bookmark";
// replicas catch up within seconds: after this the bookmark is no longer needed
const BOOKMARK_COOKIE_SECONDS = 600;

const isApi = (path: string) => path.startsWith("/api/");
const writes = (method: string) => method !== "GET" && method !== "HEAD";

/**
 * The key bookmarks are signed with; null without a usable SESSION_SECRET (then
 * bookmarks are neither read nor given: reads may be a moment old, nothing opens).
 */
const bookmarkKey = (env: Env): string | null => (secretProblem(env.SESSION_SECRET) === null ? `d1-bookmark:${env.SESSION_SECRET}` : null);

/** The bookmark the caller sent back (header on the API, cookie elsewhere), when its MAC holds. */
async function givenBookmark(c: Context<AppEnv>, key: string): Promise<string | null> {
  const text = isApi(c.req.path) ? c.req.header(BOOKMARK_HEADER) : getCookie(c, BOOKMARK_COOKIE);
  if (!text || text.length > 200) return null;
  return unsigned(key, text);
}

export const databaseSessions = createMiddleware<AppEnv>(async function databaseSessions(c, next) {
  const key = bookmarkKey(c.env);
  const given = key ? await givenBookmark(c, key) : null;
  const d1 = database(c.env);
  const primary = d1.withSession("first-primary");
  const replica = d1.withSession(given ?? "first-unconstrained");
  c.set("db", createDb(primary));
  c.set("readDb", createDb(replica));
  await next();

  // a refused request wrote nothing, and leaves no cookie behind
  if (!key || c.res.status >= 400) return;
  const wrote = writes(c.req.method);
  // the API also hands back the bookmark of its reads, so a client's next read is never older
  const bookmark = wrote ? primary.getBookmark() : isApi(c.req.path) ? replica.getBookmark() : null;
  if (!bookmark || bookmark === given) return;
  const value = await signed(key, bookmark);
  if (isApi(c.req.path)) c.res.headers.set(BOOKMARK_HEADER, value);
  else setCookie(c, BOOKMARK_COOKIE, value, { path: "/", httpOnly: true, sameSite: "Lax", secure: new URL(c.req.url).protocol === "https:", maxAge: BOOKMARK_COOKIE_SECONDS });
});
