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
