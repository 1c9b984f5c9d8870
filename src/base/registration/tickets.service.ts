import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { events, registrations, tickets } from "../../db/schema";
import { sha256Hex } from "../../lib/crypto";
import { isTicketCode } from "../../lib/ticket-code";

/** A ticket with its registration and event; undefined for unknown codes and erased registrations. */
export async function findTicket(db: Db, code: string) {
  if (!isTicketCode(code)) return undefined;
  const [row] = await db
    .select({ ticket: tickets, registration: registrations, event: events })
    .from(tickets)
    .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
    .innerJoin(events, eq(events.id, tickets.eventId))
    .where(eq(tickets.code, code))
    .limit(1);
  if (!row || row.registration.erasedAt) return undefined;
  return row;
}

export type TicketView = NonNullable<Awaited<ReturnType<typeof findTicket>>>;

/** The absolute URL a ticket's QR encodes: the host the request came to. */
export const ticketUrl = (origin: string, code: string) => `${origin}/t/${code}`;

/** The first 12 hex digits of SHA-256 of a ticket code: enough to recognise a ticket offline, useless to forge one. */
export const ticketDigest = async (code: string): Promise<string> => (await sha256Hex(code)).slice(0, 12);

/**
 * The event's next ticket change number (`tickets.change_seq`), for a statement that
 * issues, renames, revokes or erases a ticket: door phones ask for what changed after
 * the number they hold. D1 runs statements one at a time, so every change gets a
 * number above all that a phone could have read before it; the rows one statement
 * changes may share one. `eventId`: the event, or `"row"` for the event of each
 * ticket an UPDATE of `tickets` changes.
 */
export const nextTicketChange = (eventId: number | "row") =>
  sql<number>`(select coalesce(max(t2.change_seq), 0) + 1 from ${tickets} t2 where t2.event_id = ${eventId === "row" ? sql.raw(`"tickets"."event_id"`) : eventId})`;
