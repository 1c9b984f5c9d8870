/** Following a lead up: its history, who may handle it, and recording an outcome. */
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { auditInsert, auditInsertWhen } from "../../base/audit/audit.service";
import { enrollmentStands } from "../../base/enrollment/enrollment.service";
import { historyInsertWhen } from "../../base/registration/lead";
import { staffRolesThatMay } from "../../base/auth/roles";
import type { Principal } from "../../base/context/principal";
import { invalid } from "../../base/http/problem";
import type { Db } from "../../db/client";
import { leadHistory, registrations, staff, staffEvents, type Event, type FollowupStatus } from "../../db/schema";
import { msg } from "../../i18n";
import { auditedFilter, isLead } from "./leads.query";
import type { LeadFilter, LeadPatch } from "./leads.schema";

/**
 * Records that someone read a page of leads (the JSON list, the desk's page):
 * who, the event, the filter (free text only as `(text)`), how many rows, as an
 * export is recorded. Awaited before the answer leaves, so no read goes unrecorded.
 */
export async function auditLeadList(db: Db, by: Principal, event: Event, filter: LeadFilter, rows: number, via: "api" | "page") {
  await auditInsert(db, by, {
    action: "leads.list",
    eventId: event.id,
    subject: `event:${event.slug}`,
    detail: { filter: auditedFilter(filter), rows, via },
  });
}

const historyAssignee = alias(staff, "history_assignee");
const historyBy = alias(staff, "history_by");

/** In history, assignee 0 records "unassigned" (null means the entry did not change the assignee). */
export const UNASSIGNED = 0;

export type HistoryEntry = {
  at: Date;
  byId: number | null;
  byName: string | null;
  status: FollowupStatus | null;
  note: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
};

export async function leadHistoryOf(db: Db, registrationId: number): Promise<HistoryEntry[]> {
  return db
    .select({
      at: leadHistory.createdAt,
      byId: leadHistory.staffId,
      byName: historyBy.name,
      status: leadHistory.status,
      note: leadHistory.note,
      assigneeId: leadHistory.assigneeId,
      assigneeName: historyAssignee.name,
    })
    .from(leadHistory)
    .leftJoin(historyBy, eq(historyBy.id, leadHistory.staffId))
    .leftJoin(historyAssignee, eq(historyAssignee.id, leadHistory.assigneeId))
    .where(eq(leadHistory.registrationId, registrationId))
    .orderBy(asc(leadHistory.createdAt), asc(leadHistory.id));
}

/** Active staff who may work on this event's leads: the people a lead can be assigned to. */
export async function assignableStaff(db: Db, eventId: number) {
  return db
    .select({ id: staff.id, name: staff.name, role: staff.role })
    .from(staff)
    .where(
      and(
        isNull(staff.revokedAt),
        inArray(staff.role, staffRolesThatMay("leads.work")),
        or(
          eq(staff.allEvents, true),
          sql`exists (select 1 from ${staffEvents} where ${staffEvents.staffId} = ${staff.id} and ${staffEvents.eventId} = ${eventId})`,
        ),
      ),
    )
    .orderBy(asc(staff.name), asc(staff.id));
}

/**
 * Applies a change (status, note, assignee: any subset) and records it in the
 * lead's history and the audit log, in one transaction. Every write is
 * conditional on the registration still being a lead, so a withdrawal that
 * lands first leaves nothing behind. Returns false when it is no longer a lead.
 */
export async function updateLead(db: Db, by: Principal, event: Event, registrationId: number, patch: LeadPatch): Promise<boolean> {
  // enrolled, provably: the status follows an enrollment record (KPJ, cover, band, day), never a bare choice; a record
  // whose sponsor's place is gone (written before releases were refused for it) must be recorded again first
  if (patch.status === "enrolled" && !(await enrollmentStands(db, registrationId))) throw invalid({ status: msg("enrol.useForm") });
  if (patch.assignee_id != null) {
    const allowed = await assignableStaff(db, event.id);
    if (!allowed.some((s) => s.id === patch.assignee_id)) {
      throw invalid({ assignee_id: msg("leads.assigneeInvalid") });
    }
  }
  const now = new Date();
  const stillLead = and(eq(registrations.id, registrationId), isLead)!;
  const assigneeEntry = patch.assignee_id === undefined ? null : (patch.assignee_id ?? UNASSIGNED);
  const fields = (["status", "note", "assignee_id"] as const).filter((k) => patch[k] !== undefined);

  const [updated] = await db.batch([
    db
      .update(registrations)
      .set({
        followupStatus: patch.status,
        lastNote: patch.note,
        assigneeId: patch.assignee_id,
        updatedAt: now,
      })
      .where(stillLead)
      .returning({ id: registrations.id }),
    historyInsertWhen(db, by, { status: patch.status ?? null, note: patch.note ?? null, assigneeId: assigneeEntry }, now, stillLead),
    // the audit entry names the fields changed, never the note's text
    auditInsertWhen(
      db,
      by,
      {
        action: "lead.update",
        eventId: event.id,
        subject: `registration:${registrationId}`,
        detail: { fields, status: patch.status ?? null, assignee_id: patch.assignee_id },
      },
      sql`exists (select 1 from ${registrations} where ${stillLead})`,
    ),
  ]);
  return updated.length === 1;
}

