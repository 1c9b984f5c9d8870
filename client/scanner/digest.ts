/**
 * Offline verification: while online the scanner keeps a digest of each valid
 * ticket of the event (`GET /events/{slug}/tickets/digests`), so with the
 * network gone it can still tell a ticket of this event from anything else.
 */

/** The ticket code in what the scanner read: a ticket URL (`…/t/{code}`) or the bare code. */
export function ticketCodeOf(scanned: string): string {
  const m = /\/t\/([^/?#\s]+)/.exec(scanned);
  return (m ? m[1]! : scanned).trim().toLowerCase();
}

/** The first 12 hex digits of SHA-256 of a ticket code: what the server lists (its `ticketDigest`). */
export async function ticketDigest(code: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code)));
  return [...hash.slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
