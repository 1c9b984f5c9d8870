/**
 * Registration: one per person per event, a person being a phone number and a
 * folded name, decided by the database. Only the browser that holds a person's
 * ticket may update their answers; anyone else learns only that they are
 * registered (README: "Who is who").
 */
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { literal, nowMs, valuesWhen } from "../../db/sql";
import { booths, boothVisits, events, registrations, tickets, type Booth, type Event } from "../../db/schema";
import { messages } from "../../db/schema/messaging";
import { encrypt, keyedHash } from "../../lib/crypto";
import { maskNik } from "../../lib/nik";
import { isUniqueViolation } from "../../lib/db-errors";
import { foldForSearch } from "../../lib/search";
import { newTicketCode } from "../../lib/ticket-code";
import { msg, type Lang } from "../../i18n";
import { fieldError, invalid, ProblemError } from "../http/problem";
import { consentPurposes } from "./fields";
import { nextTicketChange } from "./tickets.service";
import type { SignupInput } from "./registration.schema";

/** The key that seals NIKs; null when DATA_KEY is unusable, and then no NIK is accepted (base/config/secrets.ts). */
export type DataKeys = { dataKey: string | null };

/**
 * The NIK as stored: AES-GCM ciphertext, keyed hash for lookups, masked form for
 * display; all null without one. Without a usable key a NIK is refused on its
 * own field (422), never stored in the clear: the rest of the form still works.
 */
export async function sealNik(keys: DataKeys, nik: string | undefined): Promise<SealedNik> {
  if (!nik) return { nikCipher: null, nikHash: null, nikMasked: null };
  if (!keys.dataKey) throw invalid(fieldError("nik", "validation.nikUnavailable"));
  return {
    nikCipher: await encrypt(keys.dataKey, nik),
    nikHash: await keyedHash(keys.dataKey, `nik:${nik}`),
    nikMasked: maskNik(nik),
  };
}

/** The NIK as `sealNik` stores it (all null without one). */
export type SealedNik = { nikCipher: string | null; nikHash: string | null; nikMasked: string | null };

/** The ticket's message to the person (an outbox row), for the ticket `code` it carries. */
export type TicketMessageFor = (code: string) => { to: string; lang: Lang; text: string; params: string[] };

/**
 * What one submission writes besides the person: `nik`, its NIK sealed already (then `keys` are not
 * used: a submission kept in the queue carries it sealed); `code`, the ticket to issue (chosen once per
 * submission, so a second run of the same submission finds its own ticket and is answered as the
 * first run would have been); `message`, the ticket sent to the person, written in the same batch
 * (one per submission: its time is its key, so a second run writes no second message); `also`, more
 * statements for the same batch (a kiosk's audit entry and result, a walk-in's admission), given
 * `mine`: the id of the person this submission registered (SQL, null when it registered no one), and
 * `person`: the id of the person with this phone and name, whoever registered them. Each must be
 * idempotent for the submission too. Not for a holder's own update (kiosks and the door hold no one).
 */
export type SignupWrite = { nik?: SealedNik; code?: string; message?: TicketMessageFor; also?: (who: { mine: SQL; person: SQL }) => BatchItem<"sqlite">[] };

/** Seconds to wait when an event's signups-per-minute ceiling is reached. */
export const CEILING_RETRY_SECONDS = 60;

/** True while the event is still at the version `event` was read at (every change bumps it). */
const atVersion = (event: Event) => sql`exists (select 1 from ${events} where ${events.id} = ${event.id} and ${events.version} = ${event.version})`;

/** A person this browser holds the ticket of (holder.ts): whose answers a re-submit from it may update. */
export type HeldPerson = { registrationId: number; code: string; name: string | null; phone: string | null };

/**
 * What a signup did: `registered` (a new person with a new ticket, or the holder's own
 * answers updated and their ticket kept; `also`: the results of `SignupWrite.also`); `known`
 * (a person with this phone and this folded name is registered, and this browser does not
 * hold their ticket: nothing of theirs was changed or is returned, only the booth visit was recorded).
 */
export type Registered =
  | { kind: "registered"; code: string; registrationId: number; created: boolean; messageId: number | null; also: unknown[] }
  | { kind: "known"; registrationId: number };

/**
 * `register`'s answer: what the signup did; null when the event changed (judge again); `taken` when
 * another person holds the ticket code of the submission (it was sent again with other answers):
 * nothing of it was written, and it is run again with the next code (submission.service.ts).
 */
export type RegisterAnswer = Registered | { kind: "taken" } | null;

/** The held person a submission is about: same phone, same name once folded (case, spacing, accents). */
export function heldMatch(held: readonly HeldPerson[], phone: string, name: string): HeldPerson | undefined {
  const folded = foldForSearch(name);
  return held.find((h) => h.phone === phone && h.name !== null && foldForSearch(h.name) === folded);
}

/**
 * Registers a person, or updates the answers of one whose ticket this browser
 * holds (`held`), in one D1 batch. A person is the event, the phone and the
 * folded name (the unique index `registrations_event_phone_name_unique`
 * decides, so simultaneous identical submissions give one registration and one
 * ticket). A different name on the same phone is a new person with a new
 * ticket (a household); the same name on the same phone from a browser that
 * does not hold that person's ticket changes nothing and learns nothing
 * (`known`), though the booth visit is recorded.
 *
 * Every write holds only while the event is still at the version `event` was
 * read at: null means the event (or a booth) changed since, so nothing was
 * written and the caller judges the form again. With `signupsPerMinute`, a new
 * person is written only while fewer than that many registrations of the event
 * were made in the last minute (a bot's flood stops there); the holder may
 * always update. A refusal by the ceiling is a 429 naming the wait.
 *
 * Idempotent for one submission (the same `write.code` and `now`): run again after a
 * run whose batch was written and whose answer was lost, it writes nothing more and
 * answers as the first run would have (the unique index, the ticket's code and the
 * message's time decide), so a transient fault may retry it (db/retry.ts). The ticket
 * `write.code` makes the person "mine" only where the person of these answers holds
 * exactly it: a code names no one else's registration, and a code another person
 * holds writes nothing (`taken`).
 */
export async function register(
  db: Db,
  keys: DataKeys,
  event: Event,
  booth: Booth | null,
  input: SignupInput,
  now = new Date(),
  limits: { signupsPerMinute?: number } = {},
  held: readonly HeldPerson[] = [],
  write: SignupWrite = {},
): Promise<RegisterAnswer> {
  const nik = write.nik ?? (await sealNik(keys, input.nik));
  const purposes = consentPurposes(Boolean(input.contact_ok));
  const searchName = foldForSearch(input.name);
  const current = atVersion(event);
  const own = heldMatch(held, input.phone, input.name);
  const thePerson = and(eq(registrations.eventId, event.id), eq(registrations.phone, input.phone), eq(registrations.searchName, searchName));
  const personId = sql`(select ${registrations.id} from ${registrations} where ${thePerson})`;
  const regId = own ? sql`${own.registrationId}` : personId;
  // only for a person the batch registered (or found): one the ceiling refused has no row to visit
  const visit = booth
    ? [db.insert(boothVisits).select(valuesWhen(boothVisits, { registrationId: regId, boothId: booth.id, createdAt: now }, sql`${current} and ${regId} is not null`)).onConflictDoNothing()]
    : [];
  const answers = {
    name: input.name,
    searchName,
    email: input.email ?? null,
    regency: input.regency,
    occupation: input.occupation,
    occupationOther: input.occupation === "other" ? (input.occupation_other ?? null) : null,
    bpjsStatus: input.bpjs_status,
    interests: input.interests,
    answers: input.answers,
    lang: input.lang ?? "id",
    consentAt: now,
    consentPurposes: purposes,
    noticeVersion: event.noticeVersion,
    // kept only for a minor's opt-in (registration.schema.ts drops it otherwise)
    guardianName: input.contact_ok && input.guardian_consent ? (input.guardian_name ?? null) : null,
    guardianConsentAt: input.contact_ok && input.guardian_consent ? now : null,
  };

  // the submission's message: written once, for the person `registrationId` names, while `when` holds
  const at = now.getTime();
  const messageOf = (registrationId: SQL) => sql`(select ${messages.id} from ${messages} where ${messages.registrationId} = ${registrationId}
    and ${messages.kind} = 'ticket' and ${messages.createdAt} = ${at})`;
  const message = (code: string, registrationId: SQL, when: SQL) => {
    const m = write.message?.(code);
    if (!m) return [];
    const row = { eventId: event.id, registrationId, kind: "ticket" as const, status: "queued" as const, createdAt: now, ...m };
    return [db.insert(messages).select(valuesWhen(messages, row, sql`${when} and ${messageOf(registrationId)} is null`))];
  };

  if (own) {
    // the holder's own answers: updated by id (their stored folded name may predate today's folding);
    // a name another person on this phone already has is refused on the name field (the unique index decides)
    const ownId = sql`${own.registrationId}`;
    const [updated, ...rest] = await db.batch([
      db
        .update(registrations)
        .set({
          ...answers,
          // a blank NIK or birth date on a later form keeps the one given before
          ...(nik.nikCipher ? nik : {}),
          ...(input.birth_date ? { birthDate: input.birth_date } : {}),
          // the latest answer to the contact opt-in wins; an earlier opt-in keeps its time
          contactConsentAt: input.contact_ok ? sql`coalesce(${registrations.contactConsentAt}, ${now.getTime()})` : null,
          updatedAt: now,
        })
        .where(and(eq(registrations.id, own.registrationId), eq(registrations.eventId, event.id), isNull(registrations.erasedAt), current))
        .returning({ id: registrations.id }),
      // door phones keep the ticket's holder name: a name given again is news for them
      db
        .update(tickets)
        .set({ changeSeq: nextTicketChange(event.id) })
        .where(and(eq(tickets.registrationId, own.registrationId), current)),
      ...visit,
      ...message(own.code, ownId, sql`${current} and exists (select 1 from ${registrations} where ${registrations.id} = ${ownId} and ${registrations.erasedAt} is null)`),
      db.select({ messageId: sql<number | null>`${messageOf(ownId)}` }).from(sql`(select 1)`),
    ]).catch((err: unknown) => {
      throw isUniqueViolation(err) ? invalid(fieldError("name", "identity.nameTaken")) : err;
    });
    const [sent] = rest[rest.length - 1] as { messageId: number | null }[];
    return updated.length === 1 ? { kind: "registered", code: own.code, registrationId: own.registrationId, created: false, messageId: sent?.messageId ?? null, also: [] } : null;
  }

  const ceiling = limits.signupsPerMinute;
  // counted on the (event_id, created_at) index, and never further than the ceiling
  const lastMinute = sql`(select count(*) from (select 1 from ${registrations} where ${registrations.eventId} = ${event.id}
    and ${registrations.createdAt} > ${nowMs} - 60000 limit ${ceiling ?? 0}))`;
  const admitted = ceiling === undefined ? current : sql`${current} and ${lastMinute} < ${ceiling}`;
  const person = {
    ...answers,
    eventId: event.id,
    phone: input.phone,
    ...nik,
    birthDate: input.birth_date ?? null,
    firstBoothId: booth?.id ?? null,
    contactConsentAt: input.contact_ok ? now : null,
  };
  // a person already registered is never touched here: the unique index turns the insert into nothing
  const code = write.code ?? newTicketCode();
  const codeTaken = sql`exists (select 1 from ${tickets} where ${tickets.code} = ${code})`;
  // the person this submission registered: the one of these answers, when they hold its ticket (a run
  // before this one may have written it); never a person whose ticket has another code
  const ticketHolder = sql`(select ${tickets.registrationId} from ${tickets} where ${tickets.code} = ${code} and ${tickets.registrationId} = ${personId})`;
  // nobody is written with a code another person holds (a submission sent again with other answers): they would have no ticket
  const insert = db
    .insert(registrations)
    .select(valuesWhen(registrations, person, sql`${admitted} and not ${codeTaken}`))
    .onConflictDoNothing()
    .returning({ id: registrations.id });
  const issueTicket = db
    .insert(tickets)
    .select(
      db
        .select({
          id: literal<number>(null, "id"),
          registrationId: registrations.id,
          eventId: registrations.eventId,
          code: literal<string>(code, "code"),
          issuedAt: literal<number>(now.getTime(), "issued_at"),
          revokedAt: literal<null>(null, "revoked_at"),
          // numbered by `announce` below
          changeSeq: literal<number>(0, "change_seq"),
        })
        .from(registrations)
        // only the person this batch created has no ticket yet
        .where(and(thePerson, current, sql`not exists (select 1 from ${tickets} where ${tickets.registrationId} = ${registrations.id})`)),
    )
    .onConflictDoNothing()
    .returning({ code: tickets.code, registrationId: tickets.registrationId });
  const after = db
    .select({
      version: events.version,
      existing: sql<number | null>`${personId}`,
      mine: sql<number | null>`${ticketHolder}`,
      taken: sql<number>`${codeTaken}`,
      messageId: sql<number | null>`${messageOf(ticketHolder)}`,
    })
    .from(events)
    .where(eq(events.id, event.id));

  // door phones keep the ticket's holder name: a new ticket is news for them (numbered here; a
  // person already registered, whose ticket this batch did not issue, is not touched)
  const announce = db
    .update(tickets)
    .set({ changeSeq: nextTicketChange(event.id) })
    .where(and(sql`${tickets.registrationId} = (select ${registrations.id} from ${registrations} where ${thePerson})`, eq(tickets.changeSeq, 0), current));
  const also = write.also?.({ mine: ticketHolder, person: personId }) ?? [];
  const results = await db.batch([insert, issueTicket, announce, ...visit, ...message(code, ticketHolder, sql`${ticketHolder} is not null`), ...also, after]);
  const [state] = results[results.length - 1] as { version: number; existing: number | null; mine: number | null; taken: number; messageId: number | null }[];
  // issued now, or by an earlier run of this same submission whose answer was lost
  if (state?.mine) return { kind: "registered", code, registrationId: state.mine, created: true, messageId: state.messageId, also: results.slice(results.length - 1 - also.length, -1) };
  if (state?.version !== event.version) return null;
  if (state.taken) return { kind: "taken" };
  if (state.existing !== null) return { kind: "known", registrationId: state.existing };
  throw new ProblemError(429, "Too Many Requests", msg("signup.busy"), undefined, { "retry-after": String(CEILING_RETRY_SECONDS) });
}

/**
 * Records interest at another booth for someone already registered (one tap, no typing).
 * Like `register`, it writes only while the event is at the version `event` was read at: false means it changed, judge again.
 */
export async function recordVisit(db: Db, event: Event, registrationId: number, booth: Booth, now = new Date()): Promise<boolean> {
  const current = atVersion(event);
  const [, [row]] = await db.batch([
    db.insert(boothVisits).select(valuesWhen(boothVisits, { registrationId, boothId: booth.id, createdAt: now }, current)).onConflictDoNothing(),
    db.select({ version: events.version }).from(events).where(eq(events.id, event.id)),
  ]);
  return row?.version === event.version;
}

export async function boothsVisited(db: Db, registrationId: number) {
  return db
    .select({ name: booths.name, code: booths.code, at: boothVisits.createdAt })
    .from(boothVisits)
    .innerJoin(booths, eq(booths.id, boothVisits.boothId))
    .where(eq(boothVisits.registrationId, registrationId))
    .orderBy(boothVisits.createdAt, boothVisits.id);
}
