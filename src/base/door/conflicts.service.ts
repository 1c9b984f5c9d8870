/**
 * Door conflicts: what offline gates decided that the server could not confirm
 * when they synced (a guest admitted twice, a provisional admission of a ticket
 * that is unknown, revoked or for another event). The check-in service records
 * them; the door page and the organiser's dashboard list the open ones; an
 * organiser resolves each (audited).
 */
import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { registrations, tickets } from "../../db/schema";
import { checkinConflicts, type ConflictKind } from "../../db/schema/door";
import { literal, nowMs } from "../../db/sql";
import { auditInsertWhen } from "../audit/audit.service";
import type { Principal } from "../context/principal";

export type { ConflictKind };

/** What the phone said it did offline: admitted after finding the ticket in its list, or provisionally without it. */
export type OfflineAdmission = "listed" | "provisional";

/** The conflict a synced offline admission raises, from the server's answer to it; null when the server agrees. */
export function conflictKind(status: string): ConflictKind | null {
  switch (status) {
    case "already_checked_in":
      return "double_admission";
    case "not_found":
      return "unknown_ticket";
    case "revoked":
      return "revoked_ticket";
    case "wrong_event":
      return "wrong_event";
    default:
      return null;
  }
}

export type NewConflict = {
  eventId: number;
  kind: ConflictKind;
  clientId: string;
  ticketId: number | null;
  provisional: boolean;
  gate: string;
  staffId: number | null;
  scannedAt: Date;
  otherGate?: string | null;
  otherAt?: Date | null;
};

/**
 * The insert of one conflict, unexecuted so that it joins the scan's batch; written
 * only when `when` holds as it runs, and once per scan (the event and client_id are unique).
 */
export function conflictInsert(db: Db, c: NewConflict, when: SQL) {
  return db
    .insert(checkinConflicts)
    .select(
      db
        .select({
          id: literal<number>(null, "id"),
          eventId: literal<number>(c.eventId, "event_id"),
          kind: literal<ConflictKind>(c.kind, "kind"),
          clientId: literal<string>(c.clientId, "client_id"),
          ticketId: literal<number | null>(c.ticketId, "ticket_id"),
          provisional: literal<number>(c.provisional ? 1 : 0, "provisional"),
          gate: literal<string>(c.gate, "gate"),
          staffId: literal<number | null>(c.staffId, "staff_id"),
          scannedAt: literal<number>(c.scannedAt.getTime(), "scanned_at"),
          otherGate: literal<string | null>(c.otherGate ?? null, "other_gate"),
          otherAt: literal<number | null>(c.otherAt?.getTime() ?? null, "other_at"),
          createdAt: nowMs.as("created_at"),
          resolvedAt: literal<number | null>(null, "resolved_at"),
          resolvedBy: literal<number | null>(null, "resolved_by"),
        })
        .from(sql`(select 1)`)
        .where(when),
    )
    .onConflictDoNothing();
}

/** The event's open conflicts, oldest first, with the holder's name where the ticket is known and not erased. */
export async function openConflicts(db: Db, eventId: number, limit = 100) {
  return db
    .select({
      id: checkinConflicts.id,
      kind: checkinConflicts.kind,
      provisional: checkinConflicts.provisional,
      gate: checkinConflicts.gate,
      scannedAt: checkinConflicts.scannedAt,
      otherGate: checkinConflicts.otherGate,
      otherAt: checkinConflicts.otherAt,
      name: registrations.name,
    })
    .from(checkinConflicts)
    .leftJoin(tickets, eq(tickets.id, checkinConflicts.ticketId))
    .leftJoin(registrations, eq(registrations.id, tickets.registrationId))
    .where(and(eq(checkinConflicts.eventId, eventId), isNull(checkinConflicts.resolvedAt)))
    .orderBy(asc(checkinConflicts.createdAt), asc(checkinConflicts.id))
    .limit(limit);
}

export type OpenConflict = Awaited<ReturnType<typeof openConflicts>>[number];

/** Marks a conflict resolved (audited once). `missing` when the event has no such conflict. */
export async function resolveConflict(db: Db, by: Principal, eventId: number, id: number, now = new Date()): Promise<"resolved" | "already" | "missing"> {
  const [rows] = await db.batch([
    db
      .update(checkinConflicts)
      .set({ resolvedAt: now, resolvedBy: by.id })
      .where(and(eq(checkinConflicts.id, id), eq(checkinConflicts.eventId, eventId), isNull(checkinConflicts.resolvedAt)))
      .returning({ id: checkinConflicts.id }),
    auditInsertWhen(
      db,
      by,
      { action: "checkin.conflict_resolve", eventId, subject: `conflict:${id}` },
      sql`exists (select 1 from ${checkinConflicts} where id = ${id} and resolved_at = ${now.getTime()})`,
    ),
  ]);
  if (rows.length === 1) return "resolved";
  const [exists] = await db
    .select({ id: checkinConflicts.id })
    .from(checkinConflicts)
    .where(and(eq(checkinConflicts.id, id), eq(checkinConflicts.eventId, eventId)))
    .limit(1);
  return exists ? "already" : "missing";
}
