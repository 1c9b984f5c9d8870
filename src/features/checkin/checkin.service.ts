/**
 * Door check-in. Admission is decided by ONE statement: an INSERT … SELECT
 * that only inserts when the ticket's latest valid scan allows it, numbered by
 * a per-ticket sequence under a unique index. D1 runs statements one at a
 * time, so fifty phones scanning one ticket at once admit it exactly once.
 */
import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { auditInsertWhen } from "../../base/audit/audit.service";
import { conflictInsert, conflictKind } from "../../base/door/conflicts.service";
import type { Principal } from "../../base/context/principal";
import { personMatches } from "../../base/registration/search";
import { register, type DataKeys } from "../../base/registration/register.service";
import type { SignupInput } from "../../base/registration/registration.schema";
import type { Db } from "../../db/client";
import { checkins, events, registrations, scanReplies, tickets, type Event } from "../../db/schema";
import { literal, nowMs } from "../../db/sql";
import { isUniqueViolation } from "../../lib/db-errors";
import { maskPhone } from "../../lib/phone";
import { ticketCodeFrom } from "../../lib/ticket-code";
import { isoInZone } from "../../lib/time";
import type { CheckinStatus, ScanAnswer, ScanInput } from "./checkin.schema";

export const HTTP_STATUS: Record<CheckinStatus, 200 | 404 | 409 | 410 | 422> = {
  checked_in: 200,
  checked_out: 200,
  already_checked_in: 409,
  not_inside: 409,
  not_found: 404,
  wrong_event: 422,
  revoked: 410,
};

type Found = { ticketId: number; eventId: number; revokedAt: Date | null; name: string | null; erasedAt: Date | null };

async function findByCode(db: Db, code: string): Promise<Found | undefined> {
  const [row] = await db
    .select({
      ticketId: tickets.id,
      eventId: tickets.eventId,
      revokedAt: tickets.revokedAt,
      name: registrations.name,
      erasedAt: registrations.erasedAt,
    })
    .from(tickets)
    .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
    .where(eq(tickets.code, code))
    .limit(1);
  return row;
}

/** The scan in effect for a ticket: its latest one that was not undone. */
async function lastValidScan(db: Db, ticketId: number) {
  const [row] = await db
    .select()
    .from(checkins)
    .where(and(eq(checkins.ticketId, ticketId), isNull(checkins.undoneAt)))
    .orderBy(desc(checkins.seq))
    .limit(1);
  return row;
}

/**
 * The whole decision in one statement: inserts the scan only for a valid
 * ticket of this event (not revoked, not erased) whose latest valid scan
 * allows it (an admission needs it outside: no valid scan yet, or the last
 * was an exit; an exit the reverse). Sent in one batch with the read of the
 * holder's name, so the usual scan costs one round trip.
 */
async function insertIfAllowed(db: Db, code: string, event: Event, by: Principal, input: ScanInput, at: Date) {
  const needed = input.direction === "in" ? "out" : "in";
  const lastDirection = sql`(select direction from ${checkins} c where c.ticket_id = ${tickets.id} and c.undone_at is null order by c.seq desc limit 1)`;
  const [inserted, holder] = await db.batch([
    db
      .insert(checkins)
      .select(
        db
          .select({
            id: literal<number>(null, "id"),
            ticketId: tickets.id,
            eventId: tickets.eventId,
            seq: sql<number>`coalesce((select max(c.seq) from ${checkins} c where c.ticket_id = ${tickets.id}), 0) + 1`.as("seq"),
            direction: literal<"in" | "out">(input.direction, "direction"),
            gate: literal<string>(input.gate, "gate"),
            staffId: literal<number | null>(by.id, "staff_id"),
            device: literal<string | null>(by.gate, "device"),
            scannedAt: literal<number>(at.getTime(), "scanned_at"),
            createdAt: nowMs.as("created_at"),
            undoneAt: literal<number | null>(null, "undone_at"),
            undoneBy: literal<number | null>(null, "undone_by"),
          })
          .from(tickets)
          .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
          .where(
            and(
              eq(tickets.code, code),
              eq(tickets.eventId, event.id),
              isNull(tickets.revokedAt),
              isNull(registrations.erasedAt),
              sql`coalesce(${lastDirection}, 'out') = ${needed}`,
            ),
          ),
      )
      .returning({ id: checkins.id, ticketId: checkins.ticketId }),
    db
      .select({ name: registrations.name })
      .from(tickets)
      .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
      .where(eq(tickets.code, code))
      .limit(1),
  ]);
  return inserted[0] ? { id: inserted[0].id, ticketId: inserted[0].ticketId, name: holder[0]?.name ?? "" } : undefined;
}

/** What a scan decided, in no language: the handler adds the message in the caller's (`withMessage`). */
export type ScanOutcome = Omit<ScanAnswer, "message">;

/** Decides one scan; never throws for a bad ticket, only answers (with the ticket it was about, when known). */
async function decideScan(db: Db, by: Principal, event: Event, input: ScanInput, now = new Date()): Promise<{ answer: ScanOutcome; ticketId: number | null }> {
  const code = ticketCodeFrom(input.ticket);
  if (!code) return { answer: { status: "not_found" }, ticketId: null };
  const at = input.scanned_at ? new Date(input.scanned_at) : now;
  let row: Awaited<ReturnType<typeof insertIfAllowed>>;
  try {
    row = await insertIfAllowed(db, code, event, by, input, at);
  } catch (err) {
    // two inserts computed the same sequence number: the other one won
    if (!isUniqueViolation(err)) throw err;
  }
  if (row) {
    const status = input.direction === "in" ? "checked_in" : "checked_out";
    const name = row.name;
    return { answer: { status, attendee: { name }, at: isoInZone(at, event.timezone), gate: input.gate, checkin_id: row.id }, ticketId: row.ticketId };
  }

  // not admitted: say why
  const found = await findByCode(db, code);
  if (!found || found.erasedAt) return { answer: { status: "not_found" }, ticketId: null };
  const ticketId = found.ticketId;
  if (found.eventId !== event.id) {
    const other = await db.query.events.findFirst({ where: eq(events.id, found.eventId) });
    return { answer: { status: "wrong_event", event: { slug: other!.slug, name: other!.name } }, ticketId };
  }
  const name = found.name ?? "";
  if (found.revokedAt) return { answer: { status: "revoked", attendee: { name } }, ticketId };
  if (input.direction === "out") return { answer: { status: "not_inside", attendee: { name } }, ticketId };
  const inside = await lastValidScan(db, found.ticketId);
  const since = inside?.scannedAt ?? at;
  return {
    ticketId,
    answer: { status: "already_checked_in", attendee: { name }, at: isoInZone(since, event.timezone), gate: inside?.gate ?? "", checkin_id: inside?.id },
  };
}

/**
 * A scan with retry safety: the first answer given to a `client_id` is kept
 * and returned again for the same `client_id`, without a second decision.
 * An admission the phone already made offline that the server refuses now is
 * recorded as a door conflict, once, with the answer that was kept.
 */
export async function scan(db: Db, by: Principal, event: Event, input: ScanInput): Promise<ScanOutcome> {
  if (input.client_id) {
    const kept = await db.query.scanReplies.findFirst({
      where: and(eq(scanReplies.eventId, event.id), eq(scanReplies.clientId, input.client_id)),
    });
    if (kept) return JSON.parse(kept.body) as ScanOutcome;
  }
  const { answer: result, ticketId } = await decideScan(db, by, event, input);
  const kind = input.offline && input.direction === "in" ? conflictKind(result.status) : null;
  const clientId = input.client_id ?? `server:${crypto.randomUUID()}`;
  const conflict = (when: SQL) =>
    conflictInsert(
      db,
      {
        eventId: event.id,
        kind: kind!,
        clientId,
        ticketId,
        provisional: input.offline === "provisional",
        gate: input.gate,
        staffId: by.id,
        scannedAt: input.scanned_at ? new Date(input.scanned_at) : new Date(),
        otherGate: result.status === "already_checked_in" ? (result.gate ?? null) : null,
        otherAt: result.status === "already_checked_in" && result.at ? new Date(result.at) : null,
      },
      when,
    );
  if (!input.client_id) {
    if (kind) await conflict(sql`1`);
    return result;
  }
  // keep the first answer; if a twin request got there first, return its answer
  const body = JSON.stringify(result);
  const keptReply = and(eq(scanReplies.eventId, event.id), eq(scanReplies.clientId, input.client_id));
  const store = db
    .insert(scanReplies)
    .values({ eventId: event.id, clientId: input.client_id, ticketId, httpStatus: HTTP_STATUS[result.status], body })
    .onConflictDoNothing();
  const read = db.select({ body: scanReplies.body }).from(scanReplies).where(keptReply);
  // the conflict goes with the answer that was kept: a twin that lost the race records nothing
  const results = kind
    ? await db.batch([store, conflict(sql`exists (select 1 from ${scanReplies} where ${keptReply} and ${scanReplies.body} = ${body})`), read])
    : await db.batch([store, read]);
  const [stored] = results[results.length - 1] as { body: string }[];
  return stored ? (JSON.parse(stored.body) as ScanOutcome) : result;
}

/** Undoes one check-in (an organiser's correction); audited. `missing` when the event has no such check-in. */
export async function undoCheckin(db: Db, by: Principal, event: Event, id: number): Promise<"undone" | "already" | "missing"> {
  const now = new Date();
  const [rows] = await db.batch([
    db
      .update(checkins)
      .set({ undoneAt: now, undoneBy: by.id })
      .where(and(eq(checkins.id, id), eq(checkins.eventId, event.id), isNull(checkins.undoneAt)))
      .returning({ id: checkins.id, ticketId: checkins.ticketId }),
    // audited only when this request did the undo
    auditInsertWhen(
      db,
      by,
      { action: "checkin.undo", eventId: event.id, subject: `checkin:${id}` },
      sql`exists (select 1 from ${checkins} where id = ${id} and undone_at = ${now.getTime()})`,
    ),
  ]);
  if (rows.length === 1) return "undone";
  const exists = await db.query.checkins.findFirst({ where: and(eq(checkins.id, id), eq(checkins.eventId, event.id)) });
  return exists ? "already" : "missing";
}

/** Guests by part of their name (case- and accent-insensitive) or phone; least data shown. */
export async function searchAttendees(db: Db, event: Event, query: string, limit = 20) {
  const lastDirection = sql<string | null>`(select direction from ${checkins} c
    where c.ticket_id = ${tickets.id} and c.undone_at is null order by c.seq desc limit 1)`;
  const rows = await db
    .select({ code: tickets.code, name: registrations.name, phone: registrations.phone, revokedAt: tickets.revokedAt, last: lastDirection })
    .from(registrations)
    .innerJoin(tickets, eq(tickets.registrationId, registrations.id))
    .where(and(eq(registrations.eventId, event.id), isNull(registrations.erasedAt), personMatches(query)))
    .orderBy(registrations.searchName)
    .limit(limit);
  return rows.map((r) => ({
    ticket: r.code,
    name: r.name ?? "",
    phone: r.phone ? maskPhone(r.phone) : "",
    inside: r.last === "in",
    revoked: r.revokedAt !== null,
  }));
}

/** A walk-in: registered with the public form's rules (no booth), then admitted at `gate` at once. */
export async function registerWalkin(db: Db, keys: DataKeys, by: Principal, event: Event, input: SignupInput, gate: string) {
  const { code } = await register(db, keys, event, null, input);
  const checkin = await scan(db, by, event, { ticket: code, gate, direction: "in" });
  return { code, checkin };
}

