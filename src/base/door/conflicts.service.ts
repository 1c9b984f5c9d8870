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
import { firstName } from "../../lib/first-name";
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

/** How many conflicts one account (a gate device) may raise in an hour: past it, its refusals raise none. */
export const CONFLICTS_PER_DEVICE_HOUR = 30;

/**
 * What bounds the conflicts a `checkin` account can make (each offline admission the
 * server refuses would be one): a ticket that already has an open conflict at the event
 * gets no second one until an organiser resolves it, and one account raises at most
 * CONFLICTS_PER_DEVICE_HOUR an hour (unknown codes have no ticket to count by).
 */
function withinBounds(c: NewConflict): SQL {
  const ticketFree =
    c.ticketId === null
      ? sql`1`
      : sql`not exists (select 1 from ${checkinConflicts} cc where cc.ticket_id = ${c.ticketId} and cc.resolved_at is null and cc.event_id = ${c.eventId})`;
  const recent = sql`(select count(*) from ${checkinConflicts} cc where cc.staff_id is ${c.staffId} and cc.created_at > ${nowMs} - 3600000)`;
  return sql`${ticketFree} and ${recent} < ${CONFLICTS_PER_DEVICE_HOUR}`;
}

/**
 * The insert of one conflict, unexecuted so that it joins the scan's batch; written
 * only when `when` holds as it runs, within the bounds above, and once per scan
 * (the event and client_id are unique). D1 runs statements one at a time, so the
 * bounds hold under any concurrency.
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
        .where(and(when, withinBounds(c))),
    )
    .onConflictDoNothing();
}

/**
 * The event's open conflicts, oldest first, with the holder's name where the ticket is known
 * and not erased: in full for a ticket of this event, the first name only for another event's
 * (least data: its organisers see this event's guests, not that one's).
 */
export async function openConflicts(db: Db, eventId: number, limit = 100) {
  const rows = await db
    .select({
      id: checkinConflicts.id,
      kind: checkinConflicts.kind,
      provisional: checkinConflicts.provisional,
      gate: checkinConflicts.gate,
      scannedAt: checkinConflicts.scannedAt,
      otherGate: checkinConflicts.otherGate,
      otherAt: checkinConflicts.otherAt,
      name: registrations.name,
      ticketEventId: tickets.eventId,
    })
    .from(checkinConflicts)
    .leftJoin(tickets, eq(tickets.id, checkinConflicts.ticketId))
    .leftJoin(registrations, eq(registrations.id, tickets.registrationId))
    .where(and(eq(checkinConflicts.eventId, eventId), isNull(checkinConflicts.resolvedAt)))
    .orderBy(asc(checkinConflicts.createdAt), asc(checkinConflicts.id))
    .limit(limit);
  return rows.map(({ ticketEventId, name, ...r }) => ({ ...r, name: name !== null && ticketEventId !== eventId ? firstName(name) : name }));
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
