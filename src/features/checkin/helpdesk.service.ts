/**
 * The help desk, after an organiser has checked the person's KTP: send the
 * ticket's link again to the person's own WhatsApp, or show its QR once on the
 * desk's screen. Both are audited (`ticket.resend`, `ticket.show_once`),
 * without personal data.
 */
import { and, eq, isNull } from "drizzle-orm";
import { auditInsert } from "../../base/audit/audit.service";
import type { Principal } from "../../base/context/principal";
import { sendTicketLinks } from "../../base/registration/links.service";
import type { Db } from "../../db/client";
import { registrations, tickets, type Event } from "../../db/schema";

async function person(db: Db, event: Event, registrationId: number) {
  const [row] = await db
    .select({ id: registrations.id, name: registrations.name, phone: registrations.phone, code: tickets.code })
    .from(registrations)
    .innerJoin(tickets, eq(tickets.registrationId, registrations.id))
    .where(and(eq(registrations.id, registrationId), eq(registrations.eventId, event.id), isNull(registrations.erasedAt), isNull(tickets.revokedAt)))
    .limit(1);
  return row;
}

/** A new one-time link to the person's own number (never another); false when unknown at this event. */
export async function helpdeskResend(db: Db, queue: Queue<{ id: number }> | undefined, by: Principal, event: Event, registrationId: number, origin: string): Promise<boolean> {
  const p = await person(db, event, registrationId);
  if (!p?.phone) return false;
  return (await sendTicketLinks(db, queue, event, p.phone, origin, { by, registrationId: p.id })) === 1;
}

/** The ticket's code, for one QR on the desk's screen (audited); undefined when unknown at this event. */
export async function helpdeskShowOnce(db: Db, by: Principal, event: Event, registrationId: number) {
  const p = await person(db, event, registrationId);
  if (!p) return undefined;
  await auditInsert(db, by, { action: "ticket.show_once", eventId: event.id, subject: `registration:${p.id}` });
  return { name: p.name ?? "", code: p.code };
}
