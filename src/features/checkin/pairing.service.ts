/**
 * Gate devices: an organiser makes a one-time pairing code for a gate; the
 * phone that opens it becomes a `checkin` staff account for that event and
 * gate (its token is never shown to anyone: the phone holds a session), and
 * the organiser can revoke it.
 */
import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { literal, nowMs } from "../../db/sql";
import { events, pairings, staff, staffEvents, type Event } from "../../db/schema";
import { staffSessions } from "../../db/schema/sessions";
import { SESSION_HOURS } from "../../base/auth/sessions.service";
import { randomToken, sha256Hex } from "../../lib/crypto";
import { auditInsert, auditInsertWhen } from "../../base/audit/audit.service";
import type { Principal } from "../../base/context/principal";
import { newStaffToken, revokeStaff } from "../../base/auth/staff.service";

export const PAIRING_MINUTES = 15;

/** The link a volunteer's phone opens (shown as a QR) to become a gate device. */
export const pairingUrl = (origin: string, secret: string) => `${origin}/staff/pair/${secret}`;

type Pairing = typeof pairings.$inferSelect;

export async function createPairing(db: Db, by: Principal, event: Event, gate: string, now = new Date()) {
  const secret = randomToken(32);
  const expiresAt = new Date(now.getTime() + PAIRING_MINUTES * 60_000);
  await db.batch([
    db.insert(pairings).values({ eventId: event.id, gate, secretHash: await sha256Hex(secret), createdBy: by.id, expiresAt }),
    auditInsert(db, by, { action: "pairing.create", eventId: event.id, detail: { gate } }),
  ]);
  return { secret, expiresAt };
}

/** The pairing a secret names, if it can still be used. */
export async function findOpenPairing(db: Db, secret: string, now = new Date()) {
  const [row] = await db
    .select({ pairing: pairings, event: events })
    .from(pairings)
    .innerJoin(events, eq(events.id, pairings.eventId))
    .where(and(eq(pairings.secretHash, await sha256Hex(secret)), isNull(pairings.usedAt), gt(pairings.expiresAt, now)))
    .limit(1);
  return row;
}

/**
 * Uses a pairing once and creates its device account and the phone's session
 * (`sessionHash`, the hash of the id its cookie will carry), in one
 * transaction: the claim is a conditional update (it decides a race between two
 * phones), and every other write is conditional on that claim, so a failure
 * leaves the code unused, no half-made account and no used code without a
 * signed-in phone. Returns the device's principal, or null.
 */
export async function consumePairing(db: Db, pairing: Pairing, deviceName: string, sessionHash: string, now = new Date()): Promise<Principal | null> {
  const tokenHash = await sha256Hex(newStaffToken()); // nobody ever sees this token: the phone holds a session
  const claimedNow = and(eq(pairings.id, pairing.id), eq(pairings.usedAt, now));
  const creator: Principal = { id: pairing.createdBy, name: "pairing", role: "organiser", allEvents: false, eventIds: [pairing.eventId], gate: null };
  const [claimed, devices] = await db.batch([
    db
      .update(pairings)
      .set({ usedAt: now })
      .where(and(eq(pairings.id, pairing.id), isNull(pairings.usedAt), gt(pairings.expiresAt, now)))
      .returning({ id: pairings.id }),
    db
      .insert(staff)
      .select(
        db
          .select({
            id: literal<number>(null, "id"),
            name: literal<string>(deviceName, "name"),
            role: literal<"checkin">("checkin", "role"),
            allEvents: literal<boolean>(0, "all_events"),
            tokenHash: literal<string>(tokenHash, "token_hash"),
            gate: pairings.gate,
            createdBy: pairings.createdBy,
            createdAt: nowMs.as("created_at"),
            revokedAt: literal<number | null>(null, "revoked_at"),
            lastUsedAt: literal<number | null>(null, "last_used_at"),
          })
          .from(pairings)
          .where(claimedNow),
      )
      .returning(),
    db
      .insert(staffEvents)
      .select(db.select({ staffId: staff.id, eventId: pairings.eventId }).from(staff).innerJoin(pairings, claimedNow).where(eq(staff.tokenHash, tokenHash))),
    db
      .update(pairings)
      .set({ staffId: sql`(select ${staff.id} from ${staff} where ${staff.tokenHash} = ${tokenHash})` })
      .where(claimedNow),
    db.insert(staffSessions).select(
      db
        .select({
          idHash: literal<string>(sessionHash, "id_hash"),
          staffId: staff.id,
          adminFingerprint: literal<null>(null, "admin_fingerprint"),
          createdAt: literal<number>(now.getTime(), "created_at"),
          expiresAt: literal<number>(now.getTime() + SESSION_HOURS * 3600_000, "expires_at"),
          endedAt: literal<null>(null, "ended_at"),
        })
        .from(staff)
        .innerJoin(pairings, claimedNow)
        .where(eq(staff.tokenHash, tokenHash)),
    ),
    auditInsertWhen(
      db,
      creator,
      { action: "pairing.use", eventId: pairing.eventId, detail: { gate: pairing.gate } },
      sql`exists (select 1 from ${pairings} where id = ${pairing.id} and used_at = ${now.getTime()})`,
    ),
  ]);
  const device = devices[0];
  if (!claimed.length || !device) return null;
  return { id: device.id, name: device.name, role: "checkin", allEvents: false, eventIds: [pairing.eventId], gate: device.gate };
}

/** Paired gate devices of an event (active and revoked). */
export async function listDevices(db: Db, event: Event) {
  return db
    .select({ id: staff.id, name: staff.name, gate: staff.gate, createdAt: staff.createdAt, lastUsedAt: staff.lastUsedAt, revokedAt: staff.revokedAt })
    .from(staff)
    .innerJoin(staffEvents, eq(staffEvents.staffId, staff.id))
    .where(and(eq(staffEvents.eventId, event.id), isNotNull(staff.gate), eq(staff.role, "checkin")))
    .orderBy(staff.id);
}

/** Revokes a device of this event; false when it is not one. */
export async function revokeDevice(db: Db, by: Principal, event: Event, id: number): Promise<boolean> {
  const [own] = await db
    .select({ id: staff.id })
    .from(staff)
    .innerJoin(staffEvents, eq(staffEvents.staffId, staff.id))
    .where(and(eq(staff.id, id), eq(staffEvents.eventId, event.id), isNotNull(staff.gate), sql`${staff.role} = 'checkin'`));
  return own ? revokeStaff(db, by, id) : false;
}
