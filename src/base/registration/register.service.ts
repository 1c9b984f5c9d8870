/**
 * Registration: one per phone per event, decided by the database. A second
 * signup with the same phone updates the answers and returns the same ticket,
 * also when both arrive at the same moment (one D1 batch = one transaction).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { literal } from "../../db/sql";
import { booths, boothVisits, registrations, tickets, type Booth, type Event } from "../../db/schema";
import { encrypt, keyedHash } from "../../lib/crypto";
import { maskNik } from "../../lib/nik";
import { foldForSearch } from "../../lib/search";
import { newTicketCode } from "../../lib/ticket-code";
import { consentPurposes } from "./fields";
import { nextTicketChange } from "./tickets.service";
import type { SignupInput } from "./registration.schema";

export type DataKeys = { dataKey: string };

/** The NIK as stored: AES-GCM ciphertext, keyed hash for lookups, masked form for display; all null without one. */
export async function sealNik(keys: DataKeys, nik: string | undefined) {
  if (!nik) return { nikCipher: null, nikHash: null, nikMasked: null };
  return {
    nikCipher: await encrypt(keys.dataKey, nik),
    nikHash: await keyedHash(keys.dataKey, `nik:${nik}`),
    nikMasked: maskNik(nik),
  };
}

const excluded = (column: string) => sql.raw(`excluded.${column}`);

/** Registers (or updates) the person and returns their ticket code. */
export async function register(
  db: Db,
  keys: DataKeys,
  event: Event,
  booth: Booth | null,
  input: SignupInput,
  now = new Date(),
): Promise<{ code: string; registrationId: number }> {
  const nik = await sealNik(keys, input.nik);
  const purposes = consentPurposes(Boolean(input.contact_ok));
  const regId = sql`(select ${registrations.id} from ${registrations} where ${registrations.eventId} = ${event.id} and ${registrations.phone} = ${input.phone})`;

  const upsert = db
    .insert(registrations)
    .values({
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
    })
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
    });

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
        .where(and(eq(registrations.eventId, event.id), eq(registrations.phone, input.phone))),
    )
    .onConflictDoNothing({ target: tickets.registrationId });

  // door phones keep the ticket's holder name: a new ticket, or a name given again, is news for them
  const announce = db.update(tickets).set({ changeSeq: nextTicketChange(event.id) }).where(eq(tickets.registrationId, regId));
  const batch = [upsert, issueTicket, announce] as const;
  const visit = booth
    ? db.insert(boothVisits).values({ registrationId: regId, boothId: booth.id, createdAt: now }).onConflictDoNothing()
    : null;
  const read = db
    .select({ code: tickets.code, registrationId: tickets.registrationId })
    .from(tickets)
    .where(eq(tickets.registrationId, regId));

  const results = visit ? await db.batch([...batch, visit, read]) : await db.batch([...batch, read]);
  const row = results[results.length - 1] as { code: string; registrationId: number }[];
  return row[0]!;
}

/** Records interest at another booth for someone already registered (one tap, no typing). */
export async function recordVisit(db: Db, registrationId: number, booth: Booth, now = new Date()): Promise<void> {
  await db.insert(boothVisits).values({ registrationId, boothId: booth.id, createdAt: now }).onConflictDoNothing();
}

export async function boothsVisited(db: Db, registrationId: number) {
  return db
    .select({ name: booths.name, code: booths.code, at: boothVisits.createdAt })
    .from(boothVisits)
    .innerJoin(booths, eq(booths.id, boothVisits.boothId))
    .where(eq(boothVisits.registrationId, registrationId))
    .orderBy(boothVisits.createdAt, boothVisits.id);
}
