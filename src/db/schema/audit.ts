import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "../columns";

/** Who did what to which record, never the personal data itself. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: createdAt(),
    /** staff id, or null for the ADMIN_TOKEN or the attendee themself */
    actorId: integer("actor_id"),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    eventId: integer("event_id"),
    subject: text("subject"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_event_at_idx").on(t.eventId, t.at), index("audit_action_idx").on(t.action, t.at)],
);
