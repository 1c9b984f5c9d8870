/**
 * The data subject's rights (UU PDP): what is stored about a person, a copy of
 * it, corrections, withdrawing the contact opt-in, and erasure. Erasure is one
 * set of statements that the attendee, staff and the retention job all run, so
 * the three can never disagree on what "erased" means.
 */
import { and, asc, eq, inArray, isNotNull, isNull, or, sql, type SQLWrapper } from "drizzle-orm";
import { createDb, type Db } from "../../db/client";
import { checkins, events, leadHistory, registrations, scanReplies, tickets, type Registration } from "../../db/schema";
import { messages, ticketLinks } from "../../db/schema/messaging";
import { sameSizeFiller, uniqueSameSizeFiller } from "../../db/sql";
import { decrypt } from "../../lib/crypto";
import { isUniqueViolation } from "../../lib/db-errors";
import { foldForSearch } from "../../lib/search";
import { isTicketCode } from "../../lib/ticket-code";
import { msg } from "../../i18n";
import { auditInsert, auditInsertWhen, type Actor } from "../../base/audit/audit.service";
import { allocationOf, enrolledUnderPlace } from "../../base/enrollment/allocation.service";
import { enrollmentOf } from "../../base/enrollment/enrollment.service";
import { allocations } from "../../db/schema/enrollment";
import { nikMatchesBirthDate } from "../../lib/nik";
import { PURPOSE_CONTACT } from "../../base/registration/fields";
import { isMinor } from "../../base/registration/guardian";
import { dayInZone } from "../../lib/time";
import { boothsVisited, sealNik, type DataKeys } from "../../base/registration/register.service";
import type { FieldMsgs } from "../../base/http/problem";
import { nextTicketChange, type TicketView } from "../../base/registration/tickets.service";
import type { Correction } from "./rights.schema";

/** Builds a fresh subquery of the ids of registrations to erase (each statement needs its own copy). */
type Ids = () => SQLWrapper;

/**
 * The statements that erase the personal data of the registrations `ids`
 * selects, in the order a batch must run them (the registration last, so the
 * others still find it unerased). Kept for anonymous counts: the row with its
 * event, regency, occupation, BPJS status, interests, first booth and follow-up
 * status; booth visits; check-ins; a place in a programme under which the
 * person is enrolled (the sponsor pays for them: an anonymous row in its file).
 * Any other place is given back, so it no longer counts against the quota. The
 * ticket is revoked.
 *
 * Every personal value is first overwritten with filler of its own size, then
 * cleared (or its row deleted): SQLite rewrites a row of unchanged size where it
 * lies, so the old bytes do not stay in the database file's free space (D1
 * allows neither `PRAGMA secure_delete` nor `VACUUM`). What this cannot reach is
 * an index's own copy (the phone, in the unique index on event and phone) and D1's
 * Time Travel history: see the README's "Erased means gone".
 */
export function erasure(db: Db, ids: Ids, now: Date) {
  // the door's retry cache repeats the answer it gave, which names the guest: every answer about
  // their ticket (whatever name it carries), and any left from before answers were tied to a
  // ticket that carries their current name
  const ofTheirTickets = () => sql`${scanReplies.ticketId} in (select ${tickets.id} from ${tickets} where ${inArray(tickets.registrationId, ids())})`;
  const untiedWithTheirName = () =>
    and(
      isNull(scanReplies.ticketId),
      sql`${scanReplies.eventId} in (select ${registrations.eventId} from ${registrations} where ${inArray(registrations.id, ids())})`,
      sql`(case when json_valid(${scanReplies.body}) then json_extract(${scanReplies.body}, '$.attendee.name') end)
          in (select ${registrations.name} from ${registrations} where ${inArray(registrations.id, ids())})`,
    );
  // a body overwritten above no longer starts as JSON does
  const scrubbed = sql`substr(${scanReplies.body}, 1, 1) = '0'`;
  return [
    db
      .update(scanReplies)
      .set({ body: sameSizeFiller(scanReplies.body) })
      .where(or(ofTheirTickets(), untiedWithTheirName())),
    db.delete(scanReplies).where(or(ofTheirTickets(), and(isNull(scanReplies.ticketId), scrubbed))),
    db
      .update(leadHistory)
      .set({ note: sameSizeFiller(leadHistory.note) })
      .where(and(inArray(leadHistory.registrationId, ids()), isNotNull(leadHistory.note))),
    db
      .update(leadHistory)
      .set({ note: null })
      .where(and(inArray(leadHistory.registrationId, ids()), isNotNull(leadHistory.note))),
    // the outbox names the person and their number: overwritten in place, then gone; their links too
    db
      .update(messages)
      .set({ to: sameSizeFiller(messages.to), text: sameSizeFiller(messages.text), params: sameSizeFiller(messages.params) })
      .where(inArray(messages.registrationId, ids())),
    db.delete(messages).where(inArray(messages.registrationId, ids())),
    db.delete(ticketLinks).where(inArray(ticketLinks.registrationId, ids())),
    db
      .update(tickets)
      .set({ revokedAt: now, changeSeq: nextTicketChange("row") })
      .where(and(inArray(tickets.registrationId, ids()), isNull(tickets.revokedAt))),
    db.delete(allocations).where(and(inArray(allocations.registrationId, ids()), sql`not ${enrolledUnderPlace}`)),
    // same sizes, nothing else changed: the row is rewritten in place
    db
      .update(registrations)
      .set({
        name: sameSizeFiller(registrations.name),
        searchName: sameSizeFiller(registrations.searchName),
        // unique per row: the (event, phone) index may not see two alike
        phone: uniqueSameSizeFiller(registrations.phone, registrations.id),
        email: sameSizeFiller(registrations.email),
        occupationOther: sameSizeFiller(registrations.occupationOther),
        nikCipher: sameSizeFiller(registrations.nikCipher),
        nikHash: sameSizeFiller(registrations.nikHash),
        nikMasked: sameSizeFiller(registrations.nikMasked),
        birthDate: sameSizeFiller(registrations.birthDate),
        answers: sameSizeFiller(registrations.answers),
        lastNote: sameSizeFiller(registrations.lastNote),
      })
      .where(inArray(registrations.id, ids())),
    db
      .update(registrations)
      .set({
        name: null,
        searchName: null,
        phone: null,
        email: null,
        occupationOther: null,
        nikCipher: null,
        nikHash: null,
        nikMasked: null,
        kpjCipher: null,
        kpjHash: null,
        kpjMasked: null,
        guardianName: null,
        birthDate: null,
        answers: {},
        lastNote: null,
        contactConsentAt: null,
        // consent at and notice version stay: proof that processing until now was lawful
        consentPurposes: [],
        erasedAt: now,
        updatedAt: now,
      })
      .where(inArray(registrations.id, ids()))
      .returning({ id: registrations.id }),
  ] as const;
}

/**
 * Statements one erasure costs (each counts against D1's queries per
 * invocation), counted from the builder itself so the two cannot drift apart:
 * the statements are built, never run, on a client with no database behind it.
 */
export const ERASURE_STATEMENTS: number = erasure(createDb({} as D1Database), () => sql`(select null)`, new Date(0)).length;

const erasedAt = (id: number, now: Date) =>
  sql`exists (select 1 from ${registrations} where id = ${id} and erased_at = ${now.getTime()})`;

/**
 * Erases one registration's personal data at once, audited. False when it is
 * unknown or already erased (then nothing is written, not even the audit entry).
 */
export async function eraseRegistration(db: Db, who: Actor, target: { id: number; eventId: number }, now = new Date()): Promise<boolean> {
  const ids = () =>
    db
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(eq(registrations.id, target.id), isNull(registrations.erasedAt)));
  const steps = erasure(db, ids, now);
  const results = await db.batch([
    ...steps,
    auditInsertWhen(db, who, { action: "registration.erase", eventId: target.eventId, subject: `registration:${target.id}` }, erasedAt(target.id, now)),
  ]);
  // the registration's update is the last step of the erasure
  return (results[steps.length - 1] as unknown[]).length === 1;
}

/**
 * Erases up to `limit` registrations of an event that are not erased yet, the
 * lowest ids first; returns how many. Run it again until it returns less than
 * `limit`. Not audited here: the caller writes one summary per event.
 */
export async function eraseEventChunk(db: Db, eventId: number, limit: number, now: Date): Promise<number> {
  const ids = () =>
    db
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(eq(registrations.eventId, eventId), isNull(registrations.erasedAt)))
      .orderBy(asc(registrations.id))
      .limit(limit);
  const results = await db.batch(erasure(db, ids, now));
  return (results[results.length - 1] as unknown[]).length;
}

/** Withdraws the contact opt-in: the person leaves every lead list at once. False when there was none. */
export async function withdrawContact(db: Db, reg: Registration, now = new Date()): Promise<boolean> {
  const [rows] = await db.batch([
    db
      .update(registrations)
      .set({
        contactConsentAt: null,
        consentPurposes: reg.consentPurposes.filter((p) => p !== PURPOSE_CONTACT),
        updatedAt: now,
      })
      .where(and(eq(registrations.id, reg.id), isNull(registrations.erasedAt), isNotNull(registrations.contactConsentAt)))
      .returning({ id: registrations.id }),
    auditInsertWhen(
      db,
      "attendee",
      { action: "consent.withdraw_contact", eventId: reg.eventId, subject: `registration:${reg.id}` },
      sql`exists (select 1 from ${registrations} where id = ${reg.id} and updated_at = ${now.getTime()} and contact_consent_at is null)`,
    ),
  ]);
  return rows.length === 1;
}

/**
 * Gives the contact opt-in again (a person who withdrew it, or never gave it): a new
 * consent, recorded with its time and the version of the notice shown with it, and
 * audited. The person is a lead again at once. False when the opt-in is already given.
 */
export async function giveContact(db: Db, reg: Registration, noticeVersion: string, now = new Date()): Promise<boolean> {
  const [rows] = await db.batch([
    db
      .update(registrations)
      .set({
        contactConsentAt: now,
        consentPurposes: [...reg.consentPurposes.filter((p) => p !== PURPOSE_CONTACT), PURPOSE_CONTACT],
        noticeVersion,
        updatedAt: now,
      })
      .where(and(eq(registrations.id, reg.id), isNull(registrations.erasedAt), isNull(registrations.contactConsentAt)))
      .returning({ id: registrations.id }),
    auditInsertWhen(
      db,
      "attendee",
      { action: "consent.give_contact", eventId: reg.eventId, subject: `registration:${reg.id}`, detail: { notice_version: noticeVersion } },
      sql`exists (select 1 from ${registrations} where id = ${reg.id} and contact_consent_at = ${now.getTime()})`,
    ),
  ]);
  return rows.length === 1;
}

/** `phoneChange`: the new number asked for, which changes only when a link sent there is opened (links.service.ts). */
export type CorrectionResult = { ok: true; changed: string[]; phoneChange?: string } | { ok: false; errors: FieldMsgs };


const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The new number a correction asks for (E.164), if it asks for one: a message with a link will go there. */
export const askedPhoneChange = (reg: Pick<Registration, "phone">, input: Pick<Correction, "phone">): string | undefined =>
  reg.phone !== null && input.phone !== reg.phone ? input.phone : undefined;

/**
 * Applies a person's corrections. A blank NIK keeps the stored one (it is never
 * shown in full); a changed birth date must still agree with it. A new phone is
 * not written here: it is returned as `phoneChange`, and moves when the link sent
 * to it is opened, so the answer never tells whether that number is registered.
 * A new name must not be another person's on the same phone (the unique index decides).
 * Without a usable DATA_KEY a new NIK is refused, and so is a birth date that
 * cannot be checked against the stored NIK; everything else can still be corrected.
 */
export async function correctRegistration(
  db: Db,
  keys: DataKeys,
  reg: Registration,
  input: Correction,
  now = new Date(),
  today = dayInZone(now, "Asia/Makassar"),
): Promise<CorrectionResult> {
  const keepNik = !input.nik && !input.nik_remove;
  // the stored NIK: undefined when there is none or a new one replaces it, null when it cannot be read (no usable DATA_KEY)
  const stored = keepNik && reg.nikCipher ? (keys.dataKey ? await decrypt(keys.dataKey, reg.nikCipher).catch(() => null) : null) : undefined;
  if (stored === null && input.birth_date && input.birth_date !== reg.birthDate) return { ok: false, errors: { birth_date: msg("validation.nikBirthDateUnchecked") } };
  if (stored && input.birth_date && !nikMatchesBirthDate(stored, input.birth_date)) return { ok: false, errors: { birth_date: msg("validation.nikBirthDate") } };
  if (input.nik && !input.nik_remove && !keys.dataKey) return { ok: false, errors: { nik: msg("validation.nikUnavailable") } };
  // a correction that shows a child gave the contact opt-in alone withdraws it (UU PDP art. 25: a guardian must agree)
  const minorAlone =
    reg.contactConsentAt !== null && reg.guardianConsentAt === null && isMinor({ birth_date: input.birth_date, nik: input.nik_remove ? undefined : (input.nik ?? stored ?? undefined) }, today);
  const nik = keepNik ? {} : await sealNik(keys, input.nik_remove ? undefined : input.nik);
  const phoneChange = askedPhoneChange(reg, input);
  const next = {
    name: input.name,
    phone: reg.phone,
    email: input.email ?? null,
    regency: input.regency,
    occupation: input.occupation,
    occupationOther: input.occupation === "other" ? (input.occupation_other ?? null) : null,
    birthDate: input.birth_date ?? null,
    bpjsStatus: input.bpjs_status,
    interests: input.interests,
    answers: input.answers,
  };
  const changed = Object.entries(next)
    .filter(([k, v]) => !same(v, reg[k as keyof typeof next]))
    // named as in the form, the public contract
    .map(([k]) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  // the hash tells whether a NIK typed again is the stored one
  if (!keepNik && "nikHash" in nik && nik.nikHash !== reg.nikHash) changed.push("nik");
  if (minorAlone) changed.push("contact_ok");
  if (changed.length === 0) return { ok: true, changed, phoneChange };
  const withdraw = minorAlone ? { contactConsentAt: null, consentPurposes: reg.consentPurposes.filter((p) => p !== PURPOSE_CONTACT) } : {};

  try {
    const [rows] = await db.batch([
      db
        .update(registrations)
        .set({ ...next, ...nik, ...withdraw, searchName: foldForSearch(input.name), updatedAt: now })
        .where(and(eq(registrations.id, reg.id), isNull(registrations.erasedAt)))
        .returning({ id: registrations.id }),
      // door phones keep the holder's first name: tell them
      ...(changed.includes("name")
        ? [db.update(tickets).set({ changeSeq: nextTicketChange(reg.eventId) }).where(eq(tickets.registrationId, reg.id))]
        : []),
      auditInsertWhen(
        db,
        "attendee",
        // field names only, never their values
        { action: "registration.correct", eventId: reg.eventId, subject: `registration:${reg.id}`, detail: { fields: changed } },
        sql`exists (select 1 from ${registrations} where id = ${reg.id} and updated_at = ${now.getTime()} and erased_at is null)`,
      ),
    ]);
    return rows.length === 1 ? { ok: true, changed, phoneChange } : { ok: true, changed: [] };
  } catch (err) {
    // the new name is another person's on this same phone (the holder's own household)
    if (isUniqueViolation(err)) return { ok: false, errors: { name: msg("identity.nameTaken") } };
    throw err;
  }
}

/** Everything stored about the holder of a ticket. */
export async function personalData(db: Db, found: TicketView) {
  const { registration, ticket } = found;
  const [visits, scans, history, place, enrollment] = await Promise.all([
    boothsVisited(db, registration.id),
    db
      .select({ direction: checkins.direction, gate: checkins.gate, at: checkins.scannedAt, undoneAt: checkins.undoneAt })
      .from(checkins)
      .where(eq(checkins.ticketId, ticket.id))
      .orderBy(asc(checkins.seq)),
    db
      .select({ status: leadHistory.status, note: leadHistory.note, at: leadHistory.createdAt })
      .from(leadHistory)
      .where(eq(leadHistory.registrationId, registration.id))
      .orderBy(asc(leadHistory.createdAt)),
    // the person's place in a sponsored-cover programme and their enrollment record are theirs to see too
    allocationOf(db, registration.id),
    enrollmentOf(db, registration.id),
  ]);
  return {
    ...found,
    visits,
    checkins: scans,
    history,
    place: place ? { programme: place.programme.name, sponsor: place.programme.sponsor, funder: place.programme.funder, months: place.programme.months, since: place.allocation.createdAt } : null,
    enrollment: enrollment ? { coverage: enrollment.coverage, incomeBase: enrollment.incomeBase, enrolledOn: enrollment.enrolledOn, sponsor: enrollment.programme?.sponsor ?? null } : null,
  };
}

export type PersonalData = Awaited<ReturnType<typeof personalData>>;

/** One audit line for something the attendee did that changes nothing (a view, a download). */
export function auditAttendee(db: Db, action: string, reg: Registration) {
  return auditInsert(db, "attendee", { action, eventId: reg.eventId, subject: `registration:${reg.id}` });
}

/** The event of a ticket whose registration was erased; undefined for any other code. */
export async function findErasedTicket(db: Db, code: string) {
  if (!isTicketCode(code)) return undefined;
  const [row] = await db
    .select({ event: events })
    .from(tickets)
    .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
    .innerJoin(events, eq(events.id, tickets.eventId))
    .where(and(eq(tickets.code, code), isNotNull(registrations.erasedAt)))
    .limit(1);
  return row?.event;
}

/** A registration by id with what a staff request needs to check scope; undefined when unknown. */
export async function findRegistration(db: Db, id: number) {
  const [row] = await db
    .select({ id: registrations.id, eventId: registrations.eventId, erasedAt: registrations.erasedAt })
    .from(registrations)
    .where(eq(registrations.id, id))
    .limit(1);
  return row;
}
