import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog } from "../../db/schema";
import { actorLabel, type Principal } from "../staff/principal";

export type AuditEntry = {
  action: string;
  eventId?: number | null;
  subject?: string | null;
  detail?: Record<string, unknown>;
};

/** The insert for one audit entry; returned unexecuted so it can join a batch. */
export function auditInsert(db: Db, who: Principal | "attendee" | "system", entry: AuditEntry) {
  const actor = typeof who === "string" ? who : actorLabel(who);
  const actorId = typeof who === "string" ? null : who.id;
  return db.insert(auditLog).values({
    actor,
    actorId,
    action: entry.action,
    eventId: entry.eventId ?? null,
    subject: entry.subject ?? null,
    detail: entry.detail ?? null,
  });
}

/**
 * Like `auditInsert`, but written only when `condition` holds when the
 * statement runs: in a batch after a conditional update, it records only the
 * change that really happened.
 */
export function auditInsertWhen(db: Db, who: Principal | "attendee" | "system", entry: AuditEntry, condition: SQL) {
  const actor = typeof who === "string" ? who : actorLabel(who);
  const actorId = typeof who === "string" ? null : who.id;
  const detail = entry.detail ? JSON.stringify(entry.detail) : null;
  const value = <T>(v: unknown, as: string) => sql<T>`${v}`.as(as);
  return db.insert(auditLog).select(
    db
      .select({
        id: value<number>(null, "id"),
        at: sql<number>`(unixepoch('subsec') * 1000)`.as("at"),
        actorId: value<number | null>(actorId, "actor_id"),
        actor: value<string>(actor, "actor"),
        action: value<string>(entry.action, "action"),
        eventId: value<number | null>(entry.eventId ?? null, "event_id"),
        subject: value<string | null>(entry.subject ?? null, "subject"),
        detail: value<string | null>(detail, "detail"),
      })
      .from(sql`(select 1)`)
      .where(condition),
  );
}

/**
 * Completes the detail of an entry written when a long action began: an
 * export's row count is known only when its stream ends.
 */
export function auditComplete(db: Db, id: number, detail: Record<string, unknown>) {
  return db.update(auditLog).set({ detail }).where(eq(auditLog.id, id));
}
