/**
 * The browser that holds a ticket: after a signup it keeps the ticket's code in
 * an HttpOnly cookie, so a second booth can offer "I am interested" in one tap
 * and a re-submit from that browser updates its own answers.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Event } from "../../db/schema";
import type { AppEnv } from "../context/env";
import { findTicket } from "./tickets.service";

export const TICKET_COOKIE = "kf_ticket";
const TICKET_COOKIE_DAYS = 180;

const secure = (c: Context<AppEnv>) => new URL(c.req.url).protocol === "https:";

/** Makes this browser the holder of the ticket `code`. */
export function holdTicket(c: Context<AppEnv>, code: string): void {
  setCookie(c, TICKET_COOKIE, code, { path: "/", httpOnly: true, sameSite: "Lax", secure: secure(c), maxAge: TICKET_COOKIE_DAYS * 86400 });
}

/** Forgets the ticket `code` if this browser holds it (after an erasure). */
export function releaseTicket(c: Context<AppEnv>, code: string): void {
  if (getCookie(c, TICKET_COOKIE) === code) deleteCookie(c, TICKET_COOKIE, { path: "/", secure: secure(c) });
}

/** The valid ticket this browser holds for `event`, with its registration; undefined when none. */
export async function heldTicket(c: Context<AppEnv>, event: Event) {
  const code = getCookie(c, TICKET_COOKIE);
  if (!code) return undefined;
  const found = await findTicket(c.var.db, code);
  return found && found.event.id === event.id && !found.ticket.revokedAt ? found : undefined;
}
