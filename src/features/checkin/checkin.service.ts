/**
 * The door besides the scan itself (scan.service.ts): undoing a check-in,
 * finding guests, walk-ins, the events a
 * volunteer may work.
 */
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { auditInsert, auditInsertWhen, auditRegistrationOnce } from "../../base/audit/audit.service";
import { conflict } from "../../base/http/problem";
import type { Principal } from "../../base/context/principal";
import { personMatches } from "../../base/registration/search";
import type { SubmissionSeed } from "../../base/http/submission-token";
import { foldForSearch } from "../../lib/search";
import { sealNik, type DataKeys } from "../../base/registration/register.service";
import { newSubmission, writeSubmission } from "../../base/registration/submission.service";
import type { SignupInput } from "../../base/registration/registration.schema";
import type { ScanInput } from "./checkin.schema";
import { admissionAnswer, admissionStatements, scan, scanAnswer } from "./scan.service";
import type { Db } from "../../db/client";
import { checkins, registrations, tickets, type Event } from "../../db/schema";
import { msg, type Lang } from "../../i18n";
import { sha256Hex } from "../../lib/crypto";
import { maskPhone } from "../../lib/phone";

/** Undoes one check-in (an organiser's correction); audited. `missing` when the event has no such check-in. */
export async function undoCheckin(db: Db, by: Principal, event: Event, id: number): Promise<"undone" | "already" | "missing"> {
  const now = new Date();
  const [rows] = await db.batch([
    db
      .update(checkins)
      .set({ undoneAt: now, undoneBy: by.id })
      .where(and(eq(checkins.id, id), eq(checkins.eventId, event.id), isNull(checkins.undoneAt)))
      .returning({ id: checkins.id, ticketId: checkins.ticketId }),
    // audited only when this request did the undo
    auditInsertWhen(
      db,
      by,
      { action: "checkin.undo", eventId: event.id, subject: `checkin:${id}` },
      sql`exists (select 1 from ${checkins} where id = ${id} and undone_at = ${now.getTime()})`,
    ),
  ]);
  if (rows.length === 1) return "undone";
  const exists = await db.query.checkins.findFirst({ where: and(eq(checkins.id, id), eq(checkins.eventId, event.id)) });
  return exists ? "already" : "missing";
}

/** Guests by part of their name (case- and accent-insensitive) or phone; least data shown. */
export async function searchAttendees(db: Db, by: Principal, event: Event, query: string, limit = 20) {
  const lastDirection = sql<string | null>`(select direction from ${checkins} c
    where c.ticket_id = ${tickets.id} and c.undone_at is null order by c.seq desc limit 1)`;
  const rows = await db
    .select({ id: registrations.id, name: registrations.name, phone: registrations.phone, revokedAt: tickets.revokedAt, last: lastDirection })
    .from(registrations)
    .innerJoin(tickets, eq(tickets.registrationId, registrations.id))
    .where(and(eq(registrations.eventId, event.id), isNull(registrations.erasedAt), personMatches(query)))
    .orderBy(registrations.searchName)
    .limit(limit);
  await auditInsert(db, by, { action: "attendees.search", eventId: event.id, detail: { q: "(text)", count: rows.length } });
  return rows.map((r) => ({
    registration_id: r.id,
    name: r.name ?? "",
    phone: r.phone ? maskPhone(r.phone) : "",
    inside: r.last === "in",
    revoked: r.revokedAt !== null,
  }));
}

/**
 * Checks in a guest chosen from the search (no ticket at hand): the same scan as
 * a ticket's, found by registration id within the event, audited as a staff
 * action (`checkin.by_search`). Unknown here: `not_found`.
 */
export async function scanPerson(db: Db, by: Principal, event: Event, input: ScanInput & { registration_id: number }) {
  const [row] = await db
    .select({ code: tickets.code })
    .from(tickets)
    .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
    .where(and(eq(registrations.id, input.registration_id), eq(registrations.eventId, event.id), isNull(registrations.erasedAt)))
    .limit(1);
  if (!row) return { status: "not_found" as const };
  const outcome = await scan(db, by, event, { ...input, ticket: row.code, registration_id: undefined });
  await auditInsert(db, by, { action: "checkin.by_search", eventId: event.id, subject: `registration:${input.registration_id}`, detail: { status: outcome.status, direction: input.direction } });
  return outcome;
}

/**
 * A walk-in: registered with the public form's rules (no booth) and admitted at `gate` at once, in ONE
 * batch with the audit entry (`registration.walkin`) and the ticket's WhatsApp message when asked: all of
 * it or none. `seed` is the submission (base/http/submission-token.ts): sent again (a retry, the page's
 * "Coba lagi"), it finds its own registration and its admission (a client_id derived from it), and
 * writes nothing twice. A person with this phone and this name (folded) registered otherwise: nothing
 * is written (`existing`, with their registration id, so the door can check that person in); a different
 * name on the same phone is a new person. 409 when the event changed between reading it for this request
 * and writing (the form is judged again by resending).
 */
export async function registerWalkin(
  db: Db,
  queue: Queue<{ id: number }> | undefined,
  keys: DataKeys,
  by: Principal,
  event: Event,
  input: SignupInput & { lang: Lang },
  gate: string,
  origin: string,
  seed: SubmissionSeed,
) {
  // the admission's client_id, the same for every run of the submission for this person (never the ticket
  // code itself): the same form sent again with another person's answers is another admission
  const person = `${input.phone}:${foldForSearch(input.name)}`;
  const admission: ScanInput = { gate, direction: "in", client_id: `walkin:${(await sha256Hex(`walkin:${seed.code}:${person}`)).slice(0, 32)}` };
  const at = new Date();
  const also = ({ mine }: { mine: SQL }) => [
    ...admissionStatements(db, sql`${tickets.registrationId} = ${mine}`, event, by, admission, at),
    auditRegistrationOnce(db, by, { action: "registration.walkin", eventId: event.id }, mine, seed.at, sql`${mine} is not null`),
  ];
  const s = newSubmission({ event, booth: null, input, nik: await sealNik(keys, input.nik), origin, held: [], also }, seed);
  const registered = await writeSubmission(db, queue, s, "walkin");
  if (!registered) throw conflict(msg("error.eventChanged"));
  if (registered.kind === "known") return { kind: "existing" as const, registrationId: registered.registrationId };
  const { code, registrationId } = registered;
  const checkin = await scanAnswer(db, by, event, { ...admission, ticket: code }, code, admissionAnswer(registered.also), at);
  return { kind: "registered" as const, code, registrationId, checkin };
}
