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

/** The content type each kept path must have: the page is HTML, its QR an SVG or a PNG. */
function expectedType(path: string): string {
  if (isTicketPage(path)) return "text/html";
  if (QR.test(path)) return path.endsWith(".svg") ? "image/svg+xml" : "image/png";
  return "";
}

/** What the worker sees of a response. */
export interface SeenResponse {
  status: number;
  redirected: boolean;
  type: string;
  url: string;
  headers: { get(name: string): string | null };
}

/**
 * Whether `res` may be kept as `path` (on `origin`): only our own answer for that very
 * path: 200, not redirected, same-origin (`basic`), of that URL, with the type the path
 * must have. A captive portal's or a sign-in page's answer, an error, or a page the
 * request was sent on to is never kept in place of a ticket.
 */
export function keepable(res: SeenResponse, path: string, origin: string): boolean {
  if (res.status !== 200 || res.redirected || res.type !== "basic") return false;
  let url: URL;
  try {
    url = new URL(res.url);
  } catch {
    return false;
  }
  if (url.origin !== origin || url.pathname !== path) return false;
  const type = (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  return type !== "" && type === expectedType(path);
}
