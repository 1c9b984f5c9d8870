/**
 * The browser that holds tickets: after a signup (or a recovery link opened on
 * it) it keeps the ticket's code in an HttpOnly cookie, so a second booth can
 * offer "I am interested" in one tap and a re-submit from that browser updates
 * its own person's answers. A household's shared phone holds several people's
 * tickets (the latest first, at most `MAX_HELD`). Holding a ticket is the proof
 * of who someone is; knowing their phone number is not.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { registrations, tickets, type Event } from "../../db/schema";
import { isTicketCode } from "../../lib/ticket-code";
import type { AppEnv } from "../context/env";
import { heldMatch, type HeldPerson } from "./register.service";

export const TICKET_COOKIE = "kf_ticket";
const TICKET_COOKIE_DAYS = 180;
/** The most tickets one browser keeps (a household on one phone; a kiosk keeps none). */
export const MAX_HELD = 8;

const secure = (c: Context<AppEnv>) => new URL(c.req.url).protocol === "https:";

/** The ticket codes this browser holds, latest first (anything else in the cookie is ignored). */
export function heldCodes(c: Context<AppEnv>): string[] {
  const raw = getCookie(c, TICKET_COOKIE) ?? "";
  return [...new Set(raw.split(".").filter(isTicketCode))].slice(0, MAX_HELD);
}

function writeCodes(c: Context<AppEnv>, codes: string[]) {
  if (codes.length === 0) deleteCookie(c, TICKET_COOKIE, { path: "/", secure: secure(c) });
  else setCookie(c, TICKET_COOKIE, codes.join("."), { path: "/", httpOnly: true, sameSite: "Lax", secure: secure(c), maxAge: TICKET_COOKIE_DAYS * 86400 });
}

/** Makes this browser a holder of the ticket `code` (besides those it holds already). */
export function holdTicket(c: Context<AppEnv>, code: string): void {
  writeCodes(c, [code, ...heldCodes(c).filter((x) => x !== code)].slice(0, MAX_HELD));
}

/** Forgets the ticket `code` if this browser holds it (after an erasure). */
export function releaseTicket(c: Context<AppEnv>, code: string): void {
  const codes = heldCodes(c);
  if (codes.includes(code)) writeCodes(c, codes.filter((x) => x !== code));
}

/** The people of `eventId` whose valid tickets the codes are, in the order of `codes`. One query. */
export async function peopleHeld(db: Db, eventId: number, codes: string[]): Promise<HeldPerson[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .select({ registrationId: registrations.id, code: tickets.code, name: registrations.name, phone: registrations.phone })
    .from(tickets)
    .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
    .where(and(inArray(tickets.code, codes), eq(tickets.eventId, eventId), isNull(tickets.revokedAt), isNull(registrations.erasedAt)));
  return codes.flatMap((code) => rows.filter((r) => r.code === code));
}

/** The people of `event` this browser holds valid tickets of, latest first; empty when none. */
export async function heldTickets(c: Context<AppEnv>, event: Event): Promise<HeldPerson[]> {
  return peopleHeld(c.var.db, event.id, heldCodes(c));
}

/** The one person among those a browser holds whom a submission is about (their answers may be updated), if any. */
export function heldOwn(held: readonly HeldPerson[], input: { phone: string; name: string }): HeldPerson[] {
  const own = heldMatch(held, input.phone, input.name);
  return own ? [own] : [];
}
