/**
 * Booth kiosks as callers: an organiser pairs a tablet with ONE booth (a
 * one-time secret shown as a QR, like a gate device), the tablet that opens it
 * gets a server-side session whose principal has the `kiosk` role (roles.ts:
 * the kiosk signup of that booth, nothing else), and revoking the kiosk ends
 * every session it holds at once. A kiosk is no staff row: it has no token, and
 * no query that reads `staff` can ever find it.
 */
import { and, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { booths, events, type Booth, type Event } from "../../db/schema";
import { kiosks, kioskSessions, type Kiosk } from "../../db/schema/kiosks";
import { literal } from "../../db/sql";
import { randomToken, sha256Hex } from "../../lib/crypto";
import { auditInsert, auditInsertWhen } from "../audit/audit.service";
import type { Principal } from "../context/principal";
import { SESSION_HOURS, type SessionEnd } from "./sessions.service";

/** How long a kiosk's pairing link works (once). */
export const KIOSK_PAIRING_MINUTES = 15;

/** The link the tablet opens (shown as a QR) to become the booth's kiosk. */
export const kioskPairingUrl = (origin: string, secret: string) => `${origin}/staff/kiosks/pair/${secret}`;

/** The principal of kiosk `k`: no staff id, the kiosk role, the event of its booth only. */
export const kioskPrincipal = (k: Pick<Kiosk, "id" | "eventId" | "boothId">): Principal => ({
  id: null,
  name: `kiosk:${k.id}`,
  role: "kiosk",
  allEvents: false,
  eventIds: [k.eventId],
  gate: null,
  kiosk: { id: k.id, boothId: k.boothId },
});

/** Makes a one-time pairing for a kiosk at `booth` (audited `kiosk.create`). */
export async function createKiosk(db: Db, by: Principal, event: Event, booth: Booth, now = new Date()) {
  const secret = randomToken(32);
  const expiresAt = new Date(now.getTime() + KIOSK_PAIRING_MINUTES * 60_000);
  const [[row]] = await db.batch([
    db
      .insert(kiosks)
      .values({ eventId: event.id, boothId: booth.id, secretHash: await sha256Hex(secret), pairingExpiresAt: expiresAt, createdBy: by.id, createdAt: now })
      .returning({ id: kiosks.id }),
    auditInsert(db, by, { action: "kiosk.create", eventId: event.id, detail: { booth: booth.code } }),
  ]);
  return { id: row!.id, secret, expiresAt };
}

/** The kiosk a pairing secret names, with its event and booth, while the link can still be used. */
export async function findOpenKiosk(db: Db, secret: string, now = new Date()) {
  const [row] = await db
    .select({ kiosk: kiosks, event: events, booth: booths })
    .from(kiosks)
    .innerJoin(events, eq(events.id, kiosks.eventId))
    .innerJoin(booths, eq(booths.id, kiosks.boothId))
    .where(and(eq(kiosks.secretHash, await sha256Hex(secret)), isNull(kiosks.pairedAt), isNull(kiosks.revokedAt), gt(kiosks.pairingExpiresAt, now)))
    .limit(1);
  return row;
}

/**
 * Uses the pairing once and opens the kiosk's session `sessionIdHash`, in one
 * transaction: the claim is a conditional update (it decides a race between two
 * tablets), the session and the audit entry are written only with the claim.
 * Returns the kiosk's principal, or null when the link was used, revoked or expired.
 */
export async function pairKiosk(db: Db, k: Kiosk, sessionIdHash: string, now = new Date()): Promise<Principal | null> {
  const claimedNow = and(eq(kiosks.id, k.id), eq(kiosks.pairedAt, now));
  const principal = kioskPrincipal(k);
  const [claimed] = await db.batch([
    db
      .update(kiosks)
      .set({ pairedAt: now, lastUsedAt: now })
      .where(and(eq(kiosks.id, k.id), isNull(kiosks.pairedAt), isNull(kiosks.revokedAt), gt(kiosks.pairingExpiresAt, now)))
      .returning({ id: kiosks.id }),
    db.insert(kioskSessions).select(
      db
        .select({
          idHash: literal<string>(sessionIdHash, "id_hash"),
          kioskId: kiosks.id,
          createdAt: literal<number>(now.getTime(), "created_at"),
          expiresAt: literal<number>(now.getTime() + SESSION_HOURS * 3600_000, "expires_at"),
          endedAt: literal<number | null>(null, "ended_at"),
        })
        .from(kiosks)
        .where(claimedNow),
    ),
    auditInsertWhen(db, principal, { action: "kiosk.pair", eventId: k.eventId }, sql`exists (select 1 from ${kiosks} where ${claimedNow})`),
  ]);
  return claimed.length ? principal : null;
}

/**
 * The unexpired kiosk session `idHash` names: its principal, or `ended` (why) when it
 * was signed out or its kiosk revoked. Undefined when there is no such session.
 */
export async function findKioskSession(db: Db, idHash: string, now: Date) {
  const [row] = await db
    .select({ endedAt: kioskSessions.endedAt, revokedAt: kiosks.revokedAt, id: kiosks.id, eventId: kiosks.eventId, boothId: kiosks.boothId })
    .from(kioskSessions)
    .innerJoin(kiosks, eq(kiosks.id, kioskSessions.kioskId))
    .where(and(eq(kioskSessions.idHash, idHash), gt(kioskSessions.expiresAt, now)))
    .limit(1);
  if (!row) return undefined;
  // a revoked kiosk is told so (its browser forgets what it kept), like a revoked gate device
  const ended: SessionEnd | false = row.revokedAt !== null ? "revoked" : row.endedAt !== null ? "signed_out" : false;
  return { ended, adminFingerprint: null, principal: ended ? null : kioskPrincipal(row) };
}

/** Ends one kiosk session (its tablet signed out); a second end changes nothing. */
export function endKioskSessionRow(db: Db, idHash: string, now = new Date()) {
  return db
    .update(kioskSessions)
    .set({ endedAt: now })
    .where(and(eq(kioskSessions.idHash, idHash), isNull(kioskSessions.endedAt)));
}

/** Notes that the kiosk was used, at most once per `everyMs` (the organiser's list shows it). */
export async function touchKiosk(db: Db, id: number, everyMs: number, now = new Date()): Promise<void> {
  await db
    .update(kiosks)
    .set({ lastUsedAt: now })
    .where(and(eq(kiosks.id, id), or(isNull(kiosks.lastUsedAt), lt(kiosks.lastUsedAt, new Date(now.getTime() - everyMs)))));
}

/** An event's kiosks, newest first, with their booth: paired, waiting for a tablet, or revoked. */
export async function listKiosks(db: Db, event: Event, limit = 100) {
  return db
    .select({
      id: kiosks.id,
      booth: booths.code,
      boothName: booths.name,
      createdAt: kiosks.createdAt,
      pairingExpiresAt: kiosks.pairingExpiresAt,
      pairedAt: kiosks.pairedAt,
      lastUsedAt: kiosks.lastUsedAt,
      revokedAt: kiosks.revokedAt,
    })
    .from(kiosks)
    .innerJoin(booths, eq(booths.id, kiosks.boothId))
    .where(eq(kiosks.eventId, event.id))
    .orderBy(desc(kiosks.id))
    .limit(limit);
}

/**
 * Revokes a kiosk of this event at once: every session it holds ends (its next
 * request is sent to the sign-in page and told to forget what it kept), the
 * pairing link stops working, and its last result is forgotten. Audited
 * `kiosk.revoke`. False when it is not a kiosk of this event or was revoked already.
 */
export async function revokeKiosk(db: Db, by: Principal, event: Event, id: number, now = new Date()): Promise<boolean> {
  const revokedNow = sql`exists (select 1 from ${kiosks} where ${kiosks.id} = ${id} and ${kiosks.revokedAt} = ${now.getTime()})`;
  const [revoked] = await db.batch([
    db
      .update(kiosks)
      .set({ revokedAt: now, resultRegistrationId: null, resultNonceHash: null, resultAt: null, resultWhatsapp: null })
      .where(and(eq(kiosks.id, id), eq(kiosks.eventId, event.id), isNull(kiosks.revokedAt)))
      .returning({ id: kiosks.id }),
    db
      .update(kioskSessions)
      .set({ endedAt: now })
      .where(and(eq(kioskSessions.kioskId, id), isNull(kioskSessions.endedAt), revokedNow)),
    auditInsertWhen(db, by, { action: "kiosk.revoke", eventId: event.id, subject: `kiosk:${id}` }, revokedNow),
  ]);
  return revoked.length === 1;
}

/** Drops kiosk sessions that ended or expired before `before` (the daily job, with the staff sessions). */
export async function purgeKioskSessions(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(kioskSessions)
    .where(or(lt(kioskSessions.expiresAt, before), lt(kioskSessions.endedAt, before)))
    .returning({ id: sql<number>`1` });
  return rows.length;
}
