import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt } from "../columns";
import { events, registrations } from "../schema";

/**
 * Links sent to a phone that prove possession of it (issue #14): opening one
 * makes that browser the holder of its registration's ticket (`ticket`), or
 * moves the registration to the phone it was sent to (`phone_change`). Only
 * the SHA-256 of the link's secret is stored; a link expires and binds once.
 */
export const LINK_PURPOSES = ["ticket", "phone_change"] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

export const ticketLinks = sqliteTable(
  "ticket_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    registrationId: integer("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: LINK_PURPOSES }).notNull().default("ticket"),
    /** for `phone_change`: the E.164 number the registration moves to (the link went there) */
    newPhone: text("new_phone"),
    /** SHA-256 (hex) of the secret in the link */
    secretHash: text("secret_hash").notNull().unique(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("ticket_links_registration_idx").on(t.registrationId), check("ticket_links_purpose_check", sql`${t.purpose} in ('ticket','phone_change')`)],
);

export const MESSAGE_KINDS = ["ticket", "recovery", "staff_resend", "phone_change"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
/** queued → sent → delivered → read; or failed (the channel refused, or retries ran out); not_sent: no channel is set up */
export const MESSAGE_STATUSES = ["queued", "sent", "delivered", "read", "failed", "not_sent"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * The outbox: every message to a person, written in the request that causes it
 * and sent by the queue's consumer (src/base/messaging). `text` is the message
 * as it reads, `params` the template's values in order.
 */
export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    /** null once the registration is gone */
    registrationId: integer("registration_id").references(() => registrations.id, { onDelete: "set null" }),
    /** E.164 */
    to: text("to").notNull(),
    kind: text("kind", { enum: MESSAGE_KINDS }).notNull(),
    lang: text("lang").notNull(),
    text: text("text").notNull(),
    params: text("params", { mode: "json" }).$type<string[]>().notNull(),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull().default("queued"),
    /** the channel's id for the message (WhatsApp's `wamid…`), which its status webhooks name */
    providerMessageId: text("provider_message_id"),
    attempts: integer("attempts").notNull().default(0),
    /** why it failed, as a short code (an HTTP status, `dead_letter`); never personal data */
    error: text("error"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("messages_event_created_idx").on(t.eventId, t.createdAt),
    index("messages_registration_idx").on(t.registrationId),
    uniqueIndex("messages_provider_id_unique").on(t.providerMessageId),
  ],
);
