/** What makes a registration a lead: the separate contact opt-in, and not erased. */
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { events, registrations, type Event, type Registration } from "../../db/schema";

/** A lead is a registration with the contact opt-in, not erased. */
export const isLead = and(isNotNull(registrations.contactConsentAt), isNull(registrations.erasedAt))!;

/** A lead by registration id with its event; undefined when it is not (or no longer) a lead. */
export async function findLeadWithEvent(db: Db, id: number): Promise<{ registration: Registration; event: Event } | undefined> {
  const [row] = await db
    .select({ registration: registrations, event: events })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(and(eq(registrations.id, id), isLead))
    .limit(1);
  return row;
}
