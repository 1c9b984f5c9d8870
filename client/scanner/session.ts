/**
 * The scanner and its staff session: what a 401 tells the page, and signing out
 * without losing a scan or claiming what did not happen.
 */
import type { ScannerMessages } from "./answers";
import { SCAN_TIMEOUT_MS, within } from "./net";

/**
 * What a staff 401 says in its body's `code` (SESSION_CODES in src/base/auth/guards.ts): the
 * page cannot read Clear-Site-Data. `session_ended`: sign in again, the queue waits;
 * `signed_out` and `device_revoked`: the phone forgets what it kept.
 */
export type SessionCode = "session_ended" | "signed_out" | "device_revoked";

/** Why a 401 came: its body's `code`; `device_revoked` when it has none but asks the browser to wipe; else `session_ended`. */
export async function sessionCode(res: Response): Promise<SessionCode> {
  let code: unknown;
  try {
    code = ((await res.json()) as { code?: unknown }).code;
  } catch {}
  if (code === "signed_out" || code === "device_revoked") return code;
  return res.headers.has("clear-site-data") ? "device_revoked" : "session_ended";
}

/** How the sign-out is sent (fetch; a stand-in in tests). */
type Post = (url: string, init: { method: "POST"; credentials: "same-origin"; signal: AbortSignal }) => Promise<Response>;

/**
 * Ends the session on the server before the phone forgets anything: first what waits is
 * sent; a phone that still has scans waiting does not sign out (they hold admissions
 * nobody else can check); with no answer from the server the session has not ended, and
 * the page says so. `{ next }` once the server ended it (the caller wipes the phone and goes there).
 */
export async function endSessionFirst(p: {
  action: string;
  msgs: ScannerMessages;
  /** sends what waits */
  flush: () => Promise<unknown>;
  /** how many scans still wait */
  waiting: () => Promise<number>;
  post?: Post;
}): Promise<{ next: string } | { refused: string }> {
  await p.flush();
  const n = await p.waiting();
  if (n) return { refused: p.msgs.unsent.replace("{n}", String(n)) };
  const post = p.post ?? ((url, init) => fetch(url, init as RequestInit));
  try {
    const res = await within(SCAN_TIMEOUT_MS, (signal) => post(p.action, { method: "POST", credentials: "same-origin", signal }));
    if (!res.ok) return { refused: p.msgs.signOutOffline };
    return { next: res.url || "/staff/login" };
  } catch {
    return { refused: p.msgs.signOutOffline };
  }
}
