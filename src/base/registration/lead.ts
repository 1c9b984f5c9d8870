/** What makes a registration a lead: the separate contact opt-in, and not erased. */
import { and, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { events, leadHistory, registrations, type Event, type FollowupStatus, type Registration } from "../../db/schema";
import { literal } from "../../db/sql";
import type { Principal } from "../context/principal";

/** A lead is a registration with the contact opt-in, not erased. */
export const isLead = and(isNotNull(registrations.contactConsentAt), isNull(registrations.erasedAt))!;

/** A lead by registration id with its event; undefined when it is not (or no longer) a lead. */
export const findLeadWithEvent = (db: Db, id: number) => findRegistrationWithEvent(db, id, isLead);

/** A registration (any: a lead, one who withdrew the opt-in, or erased; or only those `where` admits) with its event. */
export async function findRegistrationWithEvent(db: Db, id: number, where?: SQL): Promise<{ registration: Registration; event: Event } | undefined> {
  const [row] = await db
    .select({ registration: registrations, event: events })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(and(eq(registrations.id, id), where))
    .limit(1);
  return row;
}

/**
 * The insert of one lead-history entry, written only while `where` (on the
 * registration) holds when the statement runs; returned unexecuted, for a batch.
 * `assigneeId`: null leaves the assignee unchanged in the history, 0 records "unassigned".
 */
export function historyInsertWhen(
  db: Db,
  by: Pick<Principal, "id">,
  entry: { status: FollowupStatus | null; note: string | null; assigneeId: number | null },
  at: Date,
  where: SQL,
) {
  return db.insert(leadHistory).select(
    db
      .select({
        id: literal<null>(null, "id"),
        registrationId: registrations.id,
        staffId: literal<number | null>(by.id, "staff_id"),
        status: literal<string | null>(entry.status, "status"),
        note: literal<string | null>(entry.note, "note"),
        assigneeId: literal<number | null>(entry.assigneeId, "assignee_id"),
        createdAt: literal<number>(at.getTime(), "created_at"),
      })
      .from(registrations)
      .where(where),
  );
}
