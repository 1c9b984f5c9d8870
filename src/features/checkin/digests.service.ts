/**
 * What a door phone keeps to decide offline: a short digest of each valid ticket
 * of the event and the holder's first name, nothing else. The first copy is the
 * whole list; after it, only what changed since the phone's cursor (the event's
 * ticket change number it last saw): new and renamed tickets, and the digests of
 * revoked or erased ones.
 */
import { and, eq, gt, isNull, max } from "drizzle-orm";
import { ticketDigest } from "../../base/registration/tickets.service";
import type { Db } from "../../db/client";
import { registrations, tickets, type Event } from "../../db/schema";
import { firstName } from "../../lib/first-name";

export type TicketChanges = {
  /** the change number this answer brings the phone up to */
  cursor: number;
  /** true: `digests` is the whole list, replacing the phone's copy */
  full: boolean;
  /** valid tickets new or changed since the cursor (all of them when `full`) */
  digests: string[];
  /** the holders' first names, one per digest */
  names: string[];
  /** tickets that stopped being valid since the cursor */
  removed: string[];
};

/** The event's valid tickets, or what changed after `since`; the whole list when `since` is null or ahead of the event. */
export async function ticketChanges(db: Db, event: Event, since: number | null): Promise<TicketChanges> {
  const columns = { code: tickets.code, name: registrations.name, revokedAt: tickets.revokedAt, erasedAt: registrations.erasedAt };
  const rows = (where: ReturnType<typeof and>) =>
    db.select(columns).from(tickets).innerJoin(registrations, eq(registrations.id, tickets.registrationId)).where(where);
  const top = db.select({ seq: max(tickets.changeSeq) }).from(tickets).where(eq(tickets.eventId, event.id));
  const valid = and(eq(tickets.eventId, event.id), isNull(tickets.revokedAt), isNull(registrations.erasedAt));
  // the list and the number it is up to, read in one transaction
  let [[head], changed] = await db.batch([top, since === null ? rows(valid) : rows(and(eq(tickets.eventId, event.id), gt(tickets.changeSeq, since)))]);
  const cursor = head?.seq ?? 0;
  let full = since === null;
  if (since !== null && since > cursor) {
    // a cursor from another database (a restored copy, a test server): start again
    [[head], changed] = await db.batch([top, rows(valid)]);
    full = true;
  }
  const out: TicketChanges = { cursor: head?.seq ?? 0, full, digests: [], names: [], removed: [] };
  const digests = await Promise.all(changed.map((r) => ticketDigest(r.code)));
  changed.forEach((r, i) => {
    if (r.revokedAt || r.erasedAt) out.removed.push(digests[i]!);
    else {
      out.digests.push(digests[i]!);
      out.names.push(firstName(r.name));
    }
  });
  return out;
}
