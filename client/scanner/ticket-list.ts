/**
 * The phone's copy of the event's valid tickets, for deciding while the network
 * is down: a short digest of each ticket code and its holder's first name, as
 * `GET /events/{slug}/tickets/digests` gives them. The first copy is the whole
 * list; after it the phone asks only for what changed since its cursor.
 */

/** What the server answers (TicketDigests in the API document). */
export interface TicketChanges {
  cursor: string;
  full: boolean;
  digests: string[];
  names: string[];
  removed: string[];
}

export interface TicketList {
  /** the server's change number this copy is up to: sent back as `since` */
  cursor: string;
  /** when the copy was last brought up to date (ISO) */
  at: string;
  /** ticket digest → the holder's first name */
  names: Record<string, string>;
}

/** The list with `changes` applied: replaced by a full answer; otherwise new and renamed tickets added, revoked and erased ones dropped. */
export function applyChanges(list: TicketList | null, changes: TicketChanges, at: Date): TicketList {
  const names: Record<string, string> = changes.full || !list ? {} : { ...list.names };
  changes.digests.forEach((d, i) => (names[d] = changes.names[i] ?? ""));
  for (const d of changes.removed) delete names[d];
  return { cursor: changes.cursor, at: at.toISOString(), names };
}

/** The `since` to ask with: none for the first copy. */
export const sinceQuery = (list: TicketList | null) => (list ? `?since=${encodeURIComponent(list.cursor)}` : "");

export const listSize = (list: TicketList | null) => (list ? Object.keys(list.names).length : 0);

/** The holder's first name when the ticket is in the list (possibly ""), undefined when it is not. */
export function holderOf(list: TicketList | null, digest: string): string | undefined {
  return list && Object.hasOwn(list.names, digest) ? list.names[digest] : undefined;
}
