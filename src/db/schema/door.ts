/**
 * What the door could not settle alone: a guest admitted by two gates that were
 * offline, or a ticket a phone admitted provisionally that turned out unknown,
 * revoked or for another event. Recorded once per scan (its client_id) when the
 * phone syncs, at most one open per ticket and a few an hour per device, shown
 * to organisers until one of them resolves it.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { events, staff, tickets } from "../schema";

export const CONFLICT_KINDS = ["double_admission", "unknown_ticket", "revoked_ticket", "wrong_event"] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export const checkinConflicts = sqliteTable(
  "checkin_conflicts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: CONFLICT_KINDS }).notNull(),
    /** the scan that raised it, so a retried sync records it once */
    clientId: text("client_id").notNull(),
    /** the ticket, when the code was a ticket at all (never the code itself) */
    ticketId: integer("ticket_id").references(() => tickets.id, { onDelete: "set null" }),
    /** the phone admitted without knowing the ticket (after checking the KTP) */
    provisional: integer("provisional", { mode: "boolean" }).notNull().default(false),
    gate: text("gate").notNull(),
    staffId: integer("staff_id").references(() => staff.id, { onDelete: "set null" }),
    /** when the phone let the guest in */
    scannedAt: integer("scanned_at", { mode: "timestamp_ms" }).notNull(),
    /** for a double admission: the admission already in effect */
    otherGate: text("other_gate"),
    otherAt: integer("other_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    resolvedBy: integer("resolved_by").references(() => staff.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("checkin_conflicts_event_client_unique").on(t.eventId, t.clientId),
    index("checkin_conflicts_event_open_idx").on(t.eventId, t.resolvedAt, t.createdAt),
    // the bounds on new conflicts (conflicts.service.ts): one open per ticket, a few an hour per device
    index("checkin_conflicts_ticket_open_idx").on(t.ticketId, t.resolvedAt),
    index("checkin_conflicts_staff_created_idx").on(t.staffId, t.createdAt),
    check("checkin_conflicts_kind_check", sql`${t.kind} in ('double_admission','unknown_ticket','revoked_ticket','wrong_event')`),
  ],
);

export type CheckinConflict = typeof checkinConflicts.$inferSelect;
