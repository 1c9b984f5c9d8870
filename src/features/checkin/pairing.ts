/**
 * Gate devices: an organiser makes a one-time pairing code for a gate; the
 * phone that opens it becomes a `checkin` staff account for that event and
 * gate (its token is never shown to anyone: the phone holds a session), and
 * the organiser can revoke it.
 */
import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { events, pairings, staff, staffEvents, type Event } from "../../db/schema";
import { randomToken, sha256Hex } from "../../lib/crypto";
import { auditInsert } from "../audit/service";
import type { Principal } from "../staff/principal";
import { createStaff, revokeStaff } from "../staff/service";

export const PAIRING_MINUTES = 15;

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
 * Uses a pairing once (a conditional update decides a race between two
 * phones) and creates the device account. Returns its principal, or null.
 */
export async function consumePairing(db: Db, secret: string, deviceName: string, now = new Date()): Promise<Principal | null> {
  const [claimed] = await db
    .update(pairings)
    .set({ usedAt: now })
    .where(and(eq(pairings.secretHash, await sha256Hex(secret)), isNull(pairings.usedAt), gt(pairings.expiresAt, now)))
    .returning();
  if (!claimed) return null;
  const creator: Principal = { id: claimed.createdBy, name: "pairing", role: "organiser", allEvents: false, eventIds: [claimed.eventId], gate: null };
  const { staff: device } = await createStaff(db, creator, { name: deviceName, role: "checkin", eventIds: [claimed.eventId], gate: claimed.gate });
  await db.update(pairings).set({ staffId: device.id }).where(eq(pairings.id, claimed.id));
  return { id: device.id, name: device.name, role: "checkin", allEvents: false, eventIds: [claimed.eventId], gate: claimed.gate, tokenHash: device.tokenHash };
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
