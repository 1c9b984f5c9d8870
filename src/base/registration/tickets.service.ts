import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { booths, boothVisits, events, registrations, tickets } from "../../db/schema";
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

/**
 * What the ticket page shows, in ONE query: the ticket, the little of its
 * holder and event the page prints, and the names of the booths visited
 * with their codes (a JSON array built by a subquery, in the order visited). Undefined for
 * unknown codes and erased registrations.
 */
export async function findTicketPage(db: Db, code: string) {
  if (!isTicketCode(code)) return undefined;
  const visited = sql<string>`(select json_group_array(json_object('name', b.name, 'code', b.code) order by bv.created_at, bv.id) from ${boothVisits} bv
    join ${booths} b on b.id = bv.booth_id where bv.registration_id = ${registrations.id})`;
  const [row] = await db
    .select({
      code: tickets.code,
      revokedAt: tickets.revokedAt,
      name: registrations.name,
      lang: registrations.lang,
      event: {
        slug: events.slug,
        name: events.name,
        venue: events.venue,
        city: events.city,
        timezone: events.timezone,
        startsAt: events.startsAt,
        literacy: events.literacy,
        contributionCalculator: events.contributionCalculator,
      },
      visited,
    })
    .from(tickets)
    .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
    .innerJoin(events, eq(events.id, tickets.eventId))
    .where(and(eq(tickets.code, code), isNull(registrations.erasedAt)))
    .limit(1);
  if (!row) return undefined;
  return { ...row, visited: JSON.parse(row.visited ?? "[]") as { name: string; code: string }[] };
}

/** True when `code` is a valid ticket (known, not revoked, not erased): the QR images are served only then. One small query. */
export async function ticketIsValid(db: Db, code: string): Promise<boolean> {
  if (!isTicketCode(code)) return false;
  const [row] = await db
    .select({ id: tickets.id })
    .from(tickets)
    .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
    .where(and(eq(tickets.code, code), isNull(tickets.revokedAt), isNull(registrations.erasedAt)))
    .limit(1);
  return row !== undefined;
}

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
