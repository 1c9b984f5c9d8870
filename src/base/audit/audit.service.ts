/** The audit log: who did what to which record, never the personal data itself. */
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog } from "../../db/schema/audit";
import { literal, nowMs } from "../../db/sql";
import type { Principal } from "../context/principal";

/** Who acted: a staff member (or the ADMIN_TOKEN), a paired booth kiosk, the attendee themself, or the system (retention). */
export type Actor = Pick<Principal, "id" | "kiosk"> | "attendee" | "system";

/** A label for audit entries that names no personal data. */
export function actorLabel(who: Actor): string {
  if (typeof who === "string") return who;
  if (who.kiosk) return `kiosk:${who.kiosk.id}`;
  return who.id === null ? "admin-token" : `staff:${who.id}`;
}

const actorId = (who: Actor) => (typeof who === "string" ? null : who.id);

export type AuditEntry = {
  action: string;
  eventId?: number | null;
  subject?: string | null;
  detail?: Record<string, unknown>;
};

/** The insert for one audit entry; returned unexecuted so it can join a batch. */
export function auditInsert(db: Db, who: Actor, entry: AuditEntry) {
  return db.insert(auditLog).values({
    actor: actorLabel(who),
    actorId: actorId(who),
    action: entry.action,
    eventId: entry.eventId ?? null,
    subject: entry.subject ?? null,
    detail: entry.detail ?? null,
  });
}

/** An entry as the columns of a SELECT (`literal`s, or SQL for its time and subject), for an INSERT … SELECT. */
const entryRow = (who: Actor, entry: AuditEntry, at: SQL, subject: SQL | string | null) => ({
  id: literal<number>(null, "id"),
  at: at.as("at"),
  actorId: literal<number | null>(actorId(who), "actor_id"),
  actor: literal<string>(actorLabel(who), "actor"),
  action: literal<string>(entry.action, "action"),
  eventId: literal<number | null>(entry.eventId ?? null, "event_id"),
  subject: (typeof subject === "string" || subject === null ? literal<string | null>(subject, "subject") : subject.as("subject")),
  detail: literal<string | null>(entry.detail ? JSON.stringify(entry.detail) : null, "detail"),
});

/**
 * Like `auditInsert`, but written only when `condition` holds when the
 * statement runs: in a batch after a conditional update, it records only the
 * change that really happened.
 */
export function auditInsertWhen(db: Db, who: Actor, entry: AuditEntry, condition: SQL) {
  return db.insert(auditLog).select(db.select(entryRow(who, entry, nowMs, entry.subject ?? null)).from(sql`(select 1)`).where(condition));
}

/**
 * An entry about the registration whose id is `registrationId` (SQL: the batch may have just written it),
 * written while `condition` holds, and once for its action, that registration and the time `at` (the
 * submission's): a submission run again (a retry, "try again") writes no second entry.
 */
export function auditRegistrationOnce(db: Db, who: Actor, entry: Omit<AuditEntry, "subject">, registrationId: SQL, at: Date, condition: SQL) {
  const subject = sql`'registration:' || ${registrationId}`;
  const first = sql`not exists (select 1 from ${auditLog} where ${auditLog.action} = ${entry.action} and ${auditLog.at} = ${at.getTime()} and ${auditLog.subject} = ${subject})`;
  return db.insert(auditLog).select(db.select(entryRow(who, entry, sql`${at.getTime()}`, subject)).from(sql`(select 1)`).where(sql`${condition} and ${first}`));
}

/**
 * Completes the detail of an entry written when a long action began: an
 * export's row count is known only when its stream ends.
 */
export function auditComplete(db: Db, id: number, detail: Record<string, unknown>) {
  return db.update(auditLog).set({ detail }).where(eq(auditLog.id, id));
}
