/**
 * Registration: one per phone per event, decided by the database. A second
 * signup with the same phone updates the answers and returns the same ticket,
 * also when both arrive at the same moment (one D1 batch = one transaction).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { literal, nowMs, valuesWhen } from "../../db/sql";
import { booths, boothVisits, events, registrations, tickets, type Booth, type Event } from "../../db/schema";
import { encrypt, keyedHash } from "../../lib/crypto";
import { maskNik } from "../../lib/nik";
import { foldForSearch } from "../../lib/search";
import { newTicketCode } from "../../lib/ticket-code";
import { msg } from "../../i18n";
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
export async function sealNik(keys: DataKeys, nik: string | undefined) {
  if (!nik) return { nikCipher: null, nikHash: null, nikMasked: null };
  if (!keys.dataKey) throw invalid(fieldError("nik", "validation.nikUnavailable"));
  return {
    nikCipher: await encrypt(keys.dataKey, nik),
    nikHash: await keyedHash(keys.dataKey, `nik:${nik}`),
    nikMasked: maskNik(nik),
  };
}

const excluded = (column: string) => sql.raw(`excluded.${column}`);

/** Seconds to wait when an event's signups-per-minute ceiling is reached. */
export const CEILING_RETRY_SECONDS = 60;

/** True while the event is still at the version `event` was read at (every change bumps it). */
const atVersion = (event: Event) => sql`exists (select 1 from ${events} where ${events.id} = ${event.id} and ${events.version} = ${event.version})`;

/**
 * Registers (or updates) the person and returns their ticket code, in one D1
 * batch of two or three statements (the person, their ticket, the booth visit). Every write in it holds only while the event is still at the version
 * `event` was read at: null means the event (or a booth) changed since, so
 * nothing was written and the caller judges the form again against the event
 * as it is now. A cached copy of an event can therefore never decide a signup.
 * With `signupsPerMinute`, a new person is written only while fewer than that
 * many registrations of the event were made in the last minute (a bot's flood
 * stops there), inside the same conditional insert; someone already registered
 * may always update their answers. A refusal by the ceiling is a 429 naming the wait.
 */
export async function register(
  db: Db,
  keys: DataKeys,
  event: Event,
  booth: Booth | null,
  input: SignupInput,
  now = new Date(),
  limits: { signupsPerMinute?: number } = {},
): Promise<{ code: string; registrationId: number } | null> {
  const nik = await sealNik(keys, input.nik);
  const purposes = consentPurposes(Boolean(input.contact_ok));
  const regId = sql`(select ${registrations.id} from ${registrations} where ${registrations.eventId} = ${event.id} and ${registrations.phone} = ${input.phone})`;
  const current = atVersion(event);
  const ceiling = limits.signupsPerMinute;
  // counted on the (event_id, created_at) index, and never further than the ceiling
  const lastMinute = sql`(select count(*) from (select 1 from ${registrations} where ${registrations.eventId} = ${event.id}
    and ${registrations.createdAt} > ${nowMs} - 60000 limit ${ceiling ?? 0}))`;
  const admitted = ceiling === undefined ? current : sql`${current} and (${lastMinute} < ${ceiling} or exists ${regId})`;

  const person = {
    eventId: event.id,
    name: input.name,
    searchName: foldForSearch(input.name),
    phone: input.phone,
    email: input.email ?? null,
    regency: input.regency,
    occupation: input.occupation,
    occupationOther: input.occupation === "other" ? (input.occupation_other ?? null) : null,
    ...nik,
    birthDate: input.birth_date ?? null,
    bpjsStatus: input.bpjs_status,
    interests: input.interests,
    answers: input.answers,
    lang: input.lang ?? "id",
    firstBoothId: booth?.id ?? null,
    consentAt: now,
    consentPurposes: purposes,
    noticeVersion: event.noticeVersion,
    contactConsentAt: input.contact_ok ? now : null,
    // kept only for a minor's opt-in (registration.schema.ts drops it otherwise)
    guardianName: input.contact_ok && input.guardian_consent ? (input.guardian_name ?? null) : null,
    guardianConsentAt: input.contact_ok && input.guardian_consent ? now : null,
  };
  const upsert = db
    .insert(registrations)
    .select(valuesWhen(registrations, person, admitted))
    .onConflictDoUpdate({
      target: [registrations.eventId, registrations.phone],
      set: {
        name: excluded("name"),
        searchName: excluded("search_name"),
        email: excluded("email"),
        regency: excluded("regency"),
        occupation: excluded("occupation"),
        occupationOther: excluded("occupation_other"),
        // a blank NIK on a later form keeps the one given before
        nikCipher: sql`coalesce(excluded.nik_cipher, ${registrations.nikCipher})`,
        nikHash: sql`coalesce(excluded.nik_hash, ${registrations.nikHash})`,
        nikMasked: sql`coalesce(excluded.nik_masked, ${registrations.nikMasked})`,
        birthDate: sql`coalesce(excluded.birth_date, ${registrations.birthDate})`,
        bpjsStatus: excluded("bpjs_status"),
        interests: excluded("interests"),
        answers: excluded("answers"),
        lang: excluded("lang"),
        consentAt: excluded("consent_at"),
        consentPurposes: excluded("consent_purposes"),
        noticeVersion: excluded("notice_version"),
        // the latest answer to the contact opt-in wins; an earlier opt-in keeps its time
        contactConsentAt: sql`case when excluded.contact_consent_at is null then null else coalesce(${registrations.contactConsentAt}, excluded.contact_consent_at) end`,
        guardianName: excluded("guardian_name"),
        guardianConsentAt: excluded("guardian_consent_at"),
        updatedAt: now,
      },
    })
    .returning({ id: registrations.id });

  const issueTicket = db
    .insert(tickets)
    .select(
      db
        .select({
          id: literal<number>(null, "id"),
          registrationId: registrations.id,
          eventId: registrations.eventId,
          code: literal<string>(newTicketCode(), "code"),
          issuedAt: literal<number>(now.getTime(), "issued_at"),
          revokedAt: literal<null>(null, "revoked_at"),
          // numbered by `announce` below
          changeSeq: literal<number>(0, "change_seq"),
        })
        .from(registrations)
        .where(and(eq(registrations.eventId, event.id), eq(registrations.phone, input.phone), current)),
    )
    // a returning person keeps their ticket: the no-op update only makes RETURNING give its code
    .onConflictDoUpdate({ target: tickets.registrationId, set: { code: sql`${tickets.code}` } })
    .returning({ code: tickets.code, registrationId: tickets.registrationId });

  // door phones keep the ticket's holder name: a new ticket, or a name given again, is news for them
  const announce = db
    .update(tickets)
    .set({ changeSeq: nextTicketChange(event.id) })
    .where(and(eq(tickets.registrationId, regId), current));
  const [written, ticket] = booth
    ? await db.batch([
        upsert,
        issueTicket,
        announce,
        db.insert(boothVisits).select(valuesWhen(boothVisits, { registrationId: regId, boothId: booth.id, createdAt: now }, current)).onConflictDoNothing(),
      ])
    : await db.batch([upsert, issueTicket, announce]);
  if (written.length > 0) return ticket[0]!;
  // nothing written: the event changed (judge again), or else the ceiling was reached (an extra trip only then)
  const [latest] = await db.select({ version: events.version }).from(events).where(eq(events.id, event.id));
  if (latest?.version !== event.version) return null;
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
