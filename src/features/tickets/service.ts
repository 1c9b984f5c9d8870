import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { events, registrations, tickets } from "../../db/schema";
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
