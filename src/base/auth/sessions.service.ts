/**
 * Staff sessions kept on the server: the cookie holds a random id, the table its
 * SHA-256. A session is honoured only while it has not ended, has not expired,
 * and its account is not revoked (or, for the ADMIN_TOKEN, the token is the one
 * it was started with). One query reads the session and its principal.
 */
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { staff } from "../../db/schema";
import { staffSessions } from "../../db/schema/sessions";
import type { Principal } from "../context/principal";
import { principalColumns, toPrincipal } from "./staff.service";

/** How long a sign-in lasts, whatever happens in between. */
export const SESSION_HOURS = 12;

export type NewSession = { idHash: string; staffId: number | null; adminFingerprint: string | null; now: Date };

export async function createSession(db: Db, s: NewSession): Promise<void> {
  await db.insert(staffSessions).values({
    idHash: s.idHash,
    staffId: s.staffId,
    adminFingerprint: s.adminFingerprint,
    createdAt: s.now,
    expiresAt: new Date(s.now.getTime() + SESSION_HOURS * 3600_000),
  });
}

/** Why a live cookie's session no longer counts: its account was revoked, or the session was ended on the server. */
export type SessionEnd = "revoked" | "signed_out";

/**
 * The unexpired session `idHash` names: the admin's fingerprint, or the principal
 * of an active account; `ended` says why when it was signed out or its account
 * revoked (the principal is then null, and the guard tells the browser to wipe what it kept).
 */
export async function findSession(db: Db, idHash: string, now: Date) {
  const [row] = await db
    .select({ adminFingerprint: staffSessions.adminFingerprint, endedAt: staffSessions.endedAt, revokedAt: staff.revokedAt, ...principalColumns })
    .from(staffSessions)
    .leftJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(and(eq(staffSessions.idHash, idHash), gt(staffSessions.expiresAt, now)))
    .limit(1);
  if (!row) return undefined;
  const { adminFingerprint, endedAt, revokedAt, ...account } = row;
  // an account revoked (or gone) ends its sessions too: that is the reason to tell
  const accountGone = adminFingerprint === null && (account.id === null || revokedAt !== null);
  if (endedAt !== null || accountGone) return { ended: (accountGone ? "revoked" : "signed_out") as SessionEnd, adminFingerprint: null, principal: null };
  if (adminFingerprint !== null) return { ended: false as const, adminFingerprint, principal: null };
  const principal: Principal = toPrincipal(account as Parameters<typeof toPrincipal>[0]);
  return { ended: false as const, adminFingerprint: null, principal };
}

/** Ends one session (sign-out, or a session found stale); a second end changes nothing. */
export async function endSessionRow(db: Db, idHash: string, now = new Date()): Promise<void> {
  await db
    .update(staffSessions)
    .set({ endedAt: now })
    .where(and(eq(staffSessions.idHash, idHash), isNull(staffSessions.endedAt)));
}

/** How long an ended or expired session is kept (the daily job drops it then). */
export const SESSION_KEEP_DAYS = 30;

/** Drops sessions that ended or expired more than `keepDays` ago (the daily job). Returns how many. */
export async function purgeSessions(db: Db, now: Date, keepDays = SESSION_KEEP_DAYS): Promise<number> {
  const before = new Date(now.getTime() - keepDays * 86_400_000);
  const rows = await db
    .delete(staffSessions)
    .where(or(lt(staffSessions.expiresAt, before), lt(staffSessions.endedAt, before)))
    .returning({ id: sql<number>`1` });
  return rows.length;
}
