/** The ticket paths the ticket's service worker knows (a code is 26 lower-case letters and digits). */
const CODE = "[a-z0-9]{26}";
const PAGE = new RegExp(`^/t/(${CODE})$`);
const QR = new RegExp(`^/t/(${CODE})/qr\\.(?:png|svg)$`);
const ERASED = new RegExp(`^/t/(${CODE})/me/erased$`);

/** `/t/{code}`: the ticket page. */
export const isTicketPage = (path: string) => PAGE.test(path);

/** The code of a ticket page or its QR image, which the worker keeps; null for anything else (the person's data pages above all). */
export function keptTicket(path: string): string | null {
  return (PAGE.exec(path) ?? QR.exec(path))?.[1] ?? null;
}

/** The code whose copies must go: its data was just erased. */
export const erasedTicket = (path: string): string | null => ERASED.exec(path)?.[1] ?? null;

/** How many tickets one phone keeps (a family's phone holds a few; a shared tablet must not hold everyone's). */
export const KEEP_TICKETS = 3;

/**
 * Which kept tickets to drop after keeping `code`: the oldest beyond KEEP_TICKETS.
 * `kept` lists the codes oldest first.
 */
export function ticketsToDrop(kept: readonly string[], code: string): string[] {
  const order = [...kept.filter((c) => c !== code), code];
  return order.slice(0, Math.max(0, order.length - KEEP_TICKETS));
}
