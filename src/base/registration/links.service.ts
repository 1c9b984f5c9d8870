/**
 * Proof by possession of the phone: a link sent to a number by WhatsApp. Opening
 * it makes that browser the holder of its registration's ticket (`ticket`), or
 * moves the registration to that number (`phone_change`). A link's secret is
 * 256 random bits; only its SHA-256 is stored. It expires after `LINK_HOURS`
 * and binds once (one conditional update decides, so two taps bind once).
 * Opening it (GET) only looks (`peekLink`); the person's tap (POST) binds.
 */
import { and, eq, gt, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { events, registrations, tickets, type Event } from "../../db/schema";
import { ticketLinks, type LinkPurpose } from "../../db/schema/messaging";
import { randomToken, sha256Hex } from "../../lib/crypto";
import { isUniqueViolation } from "../../lib/db-errors";
import { foldForSearch } from "../../lib/search";
import { isLang } from "../../i18n";
import { auditInsert, type Actor } from "../audit/audit.service";
import { composeMessage, dispatch, outboxInsert } from "../messaging/outbox.service";

export const LINK_HOURS = 24;

/**
 * The RESEND_PHONE_LIMITER key of one number at one event: every message with a link to that number
 * (a lost-ticket resend, a phone change typed by anyone holding a ticket) counts against one budget.
 */
export const linkMessagesKey = (eventId: number, phone: string) => `resend-phone:${eventId}:${phone}`;

/** The RESEND_LIMITER key of one registration's phone changes (a ticket holder cannot send to number after number). */
export const phoneChangeKey = (event: Pick<Event, "slug">, registrationId: number) => `phone-change:${event.slug}:${registrationId}`;

/** The path a link's secret opens. */
export const linkPath = (secret: string) => `/r/${secret}`;

const notErased = isNull(registrations.erasedAt);

/** True when a ticket link for this registration was made at exactly `at` (a kept submission's time: its link was sent). */
export async function linkSentAt(db: Db, registrationId: number, at: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: ticketLinks.id })
    .from(ticketLinks)
    .where(and(eq(ticketLinks.registrationId, registrationId), eq(ticketLinks.purpose, "ticket"), eq(ticketLinks.createdAt, at)))
    .limit(1);
  return row !== undefined;
}

/**
 * Sends each person registered with `phone` at `event` (or only `registrationId`)
 * a WhatsApp message with their own ticket link: outbox rows and link rows in one
 * batch, then the queue. Returns how many were sent, which the public page never
 * tells (its answer is the same for any number). `by` other than the attendee
 * (a help desk resend) writes an audit entry per person, without personal data.
 */
export async function sendTicketLinks(
  db: Db,
  queue: Queue<{ id: number }> | undefined,
  event: Event,
  phone: string,
  origin: string,
  opts: { by: Actor; registrationId?: number; now?: Date } = { by: "attendee" },
): Promise<number> {
  const now = opts.now ?? new Date();
  const people = await db
    .select({ id: registrations.id, name: registrations.name, lang: registrations.lang })
    .from(registrations)
    .innerJoin(tickets, eq(tickets.registrationId, registrations.id))
    .where(
      and(
        eq(registrations.eventId, event.id),
        eq(registrations.phone, phone),
        notErased,
        isNull(tickets.revokedAt),
        opts.registrationId === undefined ? undefined : eq(registrations.id, opts.registrationId),
      ),
    );
  if (people.length === 0) return 0;
  const staff = opts.by !== "attendee";
  const writes = await Promise.all(
    people.map(async (p) => {
      const secret = randomToken(32);
      const lang = isLang(p.lang) ? p.lang : "id";
      const message = composeMessage(staff ? "staff_resend" : "recovery", lang, { name: p.name ?? "", event: event.name, link: `${origin}${linkPath(secret)}` });
      return [
        outboxInsert(db, { eventId: event.id, registrationId: p.id, to: phone, kind: staff ? "staff_resend" : "recovery", lang, ...message }),
        db.insert(ticketLinks).values({ eventId: event.id, registrationId: p.id, purpose: "ticket", secretHash: await sha256Hex(secret), createdAt: now, expiresAt: new Date(now.getTime() + LINK_HOURS * 3600_000) }),
        ...(staff ? [auditInsert(db, opts.by, { action: "ticket.resend", eventId: event.id, subject: `registration:${p.id}` })] : []),
      ] as const;
    }),
  );
  const statements = writes.flat();
  const results = await db.batch(statements as unknown as [(typeof statements)[0], ...(typeof statements)[number][]]);
  const ids = results.flatMap((r, i) => (i % writes[0]!.length === 0 ? (r as { id: number }[]).map((x) => x.id) : []));
  await dispatch(db, queue, ids);
  return people.length;
}

/**
 * A phone change proven by the new number: a link sent there, which moves the registration when opened.
 * An earlier phone-change link of the registration still unused dies now: a number typed by mistake
 * (a stranger's) and then corrected must not be able to take the registration later.
 */
export async function sendPhoneChangeLink(db: Db, queue: Queue<{ id: number }> | undefined, event: Event, reg: { id: number; lang: string }, newPhone: string, origin: string, now = new Date()) {
  const secret = randomToken(32);
  const lang = isLang(reg.lang) ? reg.lang : "id";
  const message = composeMessage("phone_change", lang, { name: "", event: event.name, link: `${origin}${linkPath(secret)}` });
  const [rows] = await db.batch([
    outboxInsert(db, { eventId: event.id, registrationId: reg.id, to: newPhone, kind: "phone_change", lang, ...message }),
    voidUnusedLinks(db, reg.id, now, "phone_change"),
    db.insert(ticketLinks).values({
      eventId: event.id,
      registrationId: reg.id,
      purpose: "phone_change",
      newPhone,
      secretHash: await sha256Hex(secret),
      createdAt: now,
      expiresAt: new Date(now.getTime() + LINK_HOURS * 3600_000),
    }),
  ]);
  await dispatch(db, queue, rows.map((r) => r.id));
}

/** Ends a registration's unused links (of one purpose, or all) by expiring them now; `except` keeps one. */
function voidUnusedLinks(db: Db, registrationId: number, now: Date, purpose?: LinkPurpose, except?: number) {
  return db
    .update(ticketLinks)
    .set({ expiresAt: now })
    .where(
      and(
        eq(ticketLinks.registrationId, registrationId),
        isNull(ticketLinks.usedAt),
        gt(ticketLinks.expiresAt, now),
        purpose ? eq(ticketLinks.purpose, purpose) : undefined,
        except === undefined ? undefined : ne(ticketLinks.id, except),
      ),
    );
}

/** The registration and ticket a link may still open: not used, not expired, not erased, ticket not revoked. */
const usable = (hash: string, now: Date) =>
  and(eq(ticketLinks.secretHash, hash), isNull(ticketLinks.usedAt), gt(ticketLinks.expiresAt, now), isNull(tickets.revokedAt), notErased);

const wellFormed = (secret: string) => /^[A-Za-z0-9_-]{40,60}$/.test(secret);

/**
 * What a link would do, without using it: `GET /r/{secret}` shows a button and
 * binds nothing, so a link previewer, a URL scanner or a prefetch cannot burn
 * the one-time link. Null when it can no longer be used.
 */
export async function peekLink(db: Db, secret: string, now = new Date()): Promise<{ purpose: LinkPurpose; eventName: string; eventSlug: string } | null> {
  if (!wellFormed(secret)) return null;
  const [found] = await db
    .select({ purpose: ticketLinks.purpose, eventName: events.name, eventSlug: events.slug })
    .from(ticketLinks)
    .innerJoin(registrations, eq(registrations.id, ticketLinks.registrationId))
    .innerJoin(tickets, eq(tickets.registrationId, ticketLinks.registrationId))
    .innerJoin(events, eq(events.id, ticketLinks.eventId))
    .where(usable(await sha256Hex(secret), now))
    .limit(1);
  return found ?? null;
}

export type Bound = { kind: "ticket"; code: string } | { kind: "phone_changed"; code: string } | { kind: "phone_taken"; code: string } | { kind: "unusable" };

/**
 * Uses a link (`POST /r/{secret}`): once, before it expires, for a registration
 * not erased with a valid ticket. Every bind is audited (`ticket_link.bind`:
 * the registration and the purpose, never the secret). A `phone_change` link
 * moves the registration to the number it was sent to, unless that number
 * already has a person of the same name there (then nothing changes; only the
 * holder of the new phone learns it); once it moves, every other unused link
 * of the registration dies (the old number can no longer bind).
 */
export async function bindLink(db: Db, secret: string, now = new Date()): Promise<Bound> {
  if (!wellFormed(secret)) return { kind: "unusable" };
  const hash = await sha256Hex(secret);
  const [link] = await db
    .update(ticketLinks)
    .set({ usedAt: now })
    .where(and(eq(ticketLinks.secretHash, hash), isNull(ticketLinks.usedAt), gt(ticketLinks.expiresAt, now)))
    .returning();
  if (!link) return { kind: "unusable" };
  const [found] = await db
    .select({ code: tickets.code, name: registrations.name })
    .from(tickets)
    .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
    .where(and(eq(tickets.registrationId, link.registrationId), isNull(tickets.revokedAt), notErased))
    .limit(1);
  if (!found) return { kind: "unusable" };
  const subject = `registration:${link.registrationId}`;
  const bound = auditInsert(db, "attendee", { action: "ticket_link.bind", eventId: link.eventId, subject, detail: { purpose: link.purpose } });
  if (link.purpose !== "phone_change" || !link.newPhone) {
    await bound;
    return { kind: "ticket", code: found.code };
  }
  try {
    await db.batch([
      db
        .update(registrations)
        .set({ phone: link.newPhone, searchName: foldForSearch(found.name ?? ""), updatedAt: now })
        .where(and(eq(registrations.id, link.registrationId), notErased)),
      voidUnusedLinks(db, link.registrationId, now, undefined, link.id),
      auditInsert(db, "attendee", { action: "registration.correct", eventId: link.eventId, subject, detail: { fields: ["phone"], via: "link" } }),
      bound,
    ]);
    return { kind: "phone_changed", code: found.code };
  } catch (err) {
    if (isUniqueViolation(err)) return { kind: "phone_taken", code: found.code };
    throw err;
  }
}
