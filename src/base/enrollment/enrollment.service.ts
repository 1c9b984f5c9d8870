/**
 * Recording that a lead became an insured worker: the KPJ (sealed like the
 * NIK, on the registration beside it), what cover they took, the declared income band, the day, and the
 * sponsoring programme (the one whose place they hold). The record, the
 * follow-up status, the lead's history and the audit entry are one transaction,
 * each conditional on the registration still being a lead.
 */
import { unavailable } from "../config/secrets";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { registrations, type Event } from "../../db/schema";
import { allocations, enrollments, programmes } from "../../db/schema/enrollment";
import { literal } from "../../db/sql";
import { msg } from "../../i18n";
import { bandsOn } from "../../lib/contributions";
import { encrypt, keyedHash } from "../../lib/crypto";
import { compactKpj, maskKpj } from "../../lib/kpj";
import { dayInZone } from "../../lib/time";
import { auditInsertWhen } from "../audit/audit.service";
import { rateTables } from "../contributions/rates.service";
import type { Principal } from "../context/principal";
import { conflict, invalid } from "../http/problem";
import { historyInsertWhen, isLead } from "../registration/lead";
import { candidateAge, type Candidate } from "./allocation.service";
import type { EnrollmentInput } from "./enrollment.schema";

/** The KPJ as stored: ciphertext, keyed hash, mask. */
export async function sealKpj(dataKey: string, kpj: string) {
  const plain = compactKpj(kpj);
  return { kpjCipher: await encrypt(dataKey, plain), kpjHash: await keyedHash(dataKey, `kpj:${plain}`), kpjMasked: maskKpj(plain) };
}

/**
 * Records (or corrects) the enrollment and sets the lead's status to enrolled.
 * 422 for an income band not in force on the day, a day after today, or a
 * worker under the BPU minimum age on that day (when the age is known).
 * Returns false when the registration is no longer a lead.
 */
export async function recordEnrollment(
  db: Db,
  rules: { dataKey: string | null; minAge: number },
  by: Principal,
  event: Event,
  lead: Candidate,
  input: EnrollmentInput,
  now = new Date(),
): Promise<boolean> {
  const { dataKey } = rules;
  const registrationId = lead.id;
  if (input.enrolled_on > dayInZone(now, event.timezone)) throw invalid({ enrolled_on: msg("enrol.dayFuture") });
  // as for a place: nobody under the BPU minimum age (when the age is known) on the day of enrollment
  const age = await candidateAge(lead, dataKey, input.enrolled_on);
  if (age !== null && age < rules.minAge) throw invalid({ enrolled_on: msg("enrol.inel.tooYoung", { age: rules.minAge }) });
  const bands = bandsOn(await rateTables(db), input.enrolled_on);
  if (!bands.some((b) => b.base === input.income_base)) throw invalid({ income_base: msg("enrol.bandUnknown") });

  // the KPJ is sealed like the NIK: without a usable DATA_KEY it is not stored at all (503)
  if (!dataKey) throw unavailable();
  const kpj = await sealKpj(dataKey, input.kpj);
  // every write holds only while the registration is a lead and nobody else holds this KPJ (decided as each statement runs)
  const stillLead = and(eq(registrations.id, registrationId), isLead, sql`not ${kpjHeldByAnother(registrationId, event.id, kpj.kpjHash)}`)!;
  // the sponsor is the programme whose place the lead holds when the statement runs
  const sponsor = sql<number | null>`(select ${allocations.programmeId} from ${allocations} where ${allocations.registrationId} = ${registrationId})`;
  const at = now.getTime();

  const [, updated] = await db.batch([
    db
      .insert(enrollments)
      .select(
        db
          .select({
            registrationId: registrations.id,
            coverage: literal<string>(input.coverage, "coverage"),
            incomeBase: literal<number>(input.income_base, "income_base"),
            enrolledOn: literal<string>(input.enrolled_on, "enrolled_on"),
            programmeId: sponsor.as("programme_id"),
            recordedBy: literal<number | null>(by.id, "recorded_by"),
            createdAt: literal<number>(at, "created_at"),
            updatedAt: literal<number | null>(null, "updated_at"),
          })
          .from(registrations)
          .where(stillLead),
      )
      .onConflictDoUpdate({
        target: enrollments.registrationId,
        set: {
          coverage: sql.raw("excluded.coverage"),
          incomeBase: sql.raw("excluded.income_base"),
          enrolledOn: sql.raw("excluded.enrolled_on"),
          programmeId: sql.raw("excluded.programme_id"),
          recordedBy: sql.raw("excluded.recorded_by"),
          updatedAt: now,
        },
      }),
    db
      .update(registrations)
      .set({ followupStatus: "enrolled", ...kpj, updatedAt: now })
      .where(stillLead)
      .returning({ id: registrations.id }),
    historyInsertWhen(db, by, { status: "enrolled", note: null, assigneeId: null }, now, stillLead),
    // the KPJ never enters the audit log
    auditInsertWhen(
      db,
      by,
      { action: "lead.enroll", eventId: event.id, subject: `registration:${registrationId}`, detail: { coverage: input.coverage, income_base: input.income_base, enrolled_on: input.enrolled_on } },
      sql`exists (select 1 from ${registrations} where ${stillLead})`,
    ),
  ]);
  if (updated.length === 1) return true;
  const [other] = await db.select({ id: registrations.id }).from(registrations).where(kpjHeldByAnother(registrationId, event.id, kpj.kpjHash)).limit(1);
  if (other) throw conflict(msg("enrol.kpjTaken"), "kpj");
  return false;
}

/**
 * A KPJ is one person's. Another registration holds `kpjHash` when it is of the
 * same event, or of another event and its NIK (keyed hash) differs from this
 * registration's (one person may register at two fairs; two NIKs with one KPJ
 * are two people). Without a NIK on either side, another event's holder may be
 * the same person, so only the event decides. As a condition on `registrations`
 * (written in full: drizzle writes a bare column, which a subquery would read as its own).
 */
function kpjHeldByAnother(registrationId: number, eventId: number, kpjHash: string) {
  return sql`exists (select 1 from ${registrations} o where o.kpj_hash = ${kpjHash} and o.id <> ${registrationId}
    and (o.event_id = ${eventId} or (o.nik_hash is not null and o.nik_hash <> (select r.nik_hash from ${registrations} r where r.id = ${registrationId}))))`;
}

export type EnrollmentView = {
  kpjMasked: string | null;
  kpjCipher: string | null;
  coverage: "jkk_jkm" | "jkk_jkm_jht";
  incomeBase: number;
  enrolledOn: string;
  programme: { id: number; name: string; sponsor: string } | null;
};

/** A lead's enrollment record with its sponsoring programme; undefined when there is none. */
export async function enrollmentOf(db: Db, registrationId: number): Promise<EnrollmentView | undefined> {
  const [row] = await db
    .select({
      kpjMasked: registrations.kpjMasked,
      kpjCipher: registrations.kpjCipher,
      coverage: enrollments.coverage,
      incomeBase: enrollments.incomeBase,
      enrolledOn: enrollments.enrolledOn,
      programmeId: programmes.id,
      programmeName: programmes.name,
      sponsor: programmes.sponsor,
    })
    .from(enrollments)
    .innerJoin(registrations, eq(registrations.id, enrollments.registrationId))
    .leftJoin(programmes, eq(programmes.id, enrollments.programmeId))
    .where(eq(enrollments.registrationId, registrationId))
    .limit(1);
  if (!row) return undefined;
  const { programmeId, programmeName, sponsor, ...rest } = row;
  return { ...rest, programme: programmeId !== null ? { id: programmeId, name: programmeName!, sponsor: sponsor! } : null };
}

/** Has the registration an enrollment record whose sponsoring programme (if any) is the one whose place it holds? */
export async function enrollmentStands(db: Db, registrationId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: enrollments.registrationId })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.registrationId, registrationId),
        sql`(${enrollments.programmeId} is null or exists (select 1 from ${allocations} a
          where a.registration_id = enrollments.registration_id and a.programme_id = enrollments.programme_id))`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

export const enrollmentToApi = (e: EnrollmentView) => ({
  kpj_masked: e.kpjMasked,
  coverage: e.coverage,
  income_base: e.incomeBase,
  enrolled_on: e.enrolledOn,
  programme: e.programme,
});
