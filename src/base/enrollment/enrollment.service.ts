/**
 * Recording that a lead became an insured worker: the KPJ (sealed like the
 * NIK, on the registration beside it), what cover they took, the declared income band, the day, and the
 * sponsoring programme (the one whose place they hold). The record, the
 * follow-up status, the lead's history and the audit entry are one transaction,
 * each conditional on the registration still being a lead.
 */
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
import { invalid } from "../http/problem";
import { historyInsertWhen, isLead } from "../registration/lead";
import type { EnrollmentInput } from "./enrollment.schema";

/** The KPJ as stored: ciphertext, keyed hash, mask. */
export async function sealKpj(dataKey: string, kpj: string) {
  const plain = compactKpj(kpj);
  return { kpjCipher: await encrypt(dataKey, plain), kpjHash: await keyedHash(dataKey, `kpj:${plain}`), kpjMasked: maskKpj(plain) };
}

/**
 * Records (or corrects) the enrollment and sets the lead's status to enrolled.
 * 422 for an income band not in force on the day, or a day after today.
 * Returns false when the registration is no longer a lead.
 */
export async function recordEnrollment(
  db: Db,
  dataKey: string,
  by: Principal,
  event: Event,
  registrationId: number,
  input: EnrollmentInput,
  now = new Date(),
): Promise<boolean> {
  if (input.enrolled_on > dayInZone(now, event.timezone)) throw invalid({ enrolled_on: msg("enrol.dayFuture") });
  const bands = bandsOn(await rateTables(db), input.enrolled_on);
  if (!bands.some((b) => b.base === input.income_base)) throw invalid({ income_base: msg("enrol.bandUnknown") });

  const kpj = await sealKpj(dataKey, input.kpj);
  const stillLead = and(eq(registrations.id, registrationId), isLead)!;
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
  return updated.length === 1;
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
