/**
 * Booth kiosks: a tablet an organiser pairs with ONE booth of one event, which
 * can sign people up there and do nothing else (the `kiosk` role in
 * base/auth/roles.ts). A kiosk is not a staff account (it has no token and no
 * row in `staff`): it is paired once by a one-time secret, holds sessions of its
 * own, and is revoked at once. It keeps only the last signup's result, shown on
 * its done page until the next person's form opens.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "../columns";
import { booths, events, registrations } from "../schema";

export const kiosks = sqliteTable(
  "kiosks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    boothId: integer("booth_id")
      .notNull()
      .references(() => booths.id, { onDelete: "cascade" }),
    /** SHA-256 of the one-time pairing secret in the QR the organiser shows */
    secretHash: text("secret_hash").notNull().unique(),
    /** the pairing link works once, until then */
    pairingExpiresAt: integer("pairing_expires_at", { mode: "timestamp_ms" }).notNull(),
    /** when a tablet used the link (then it holds the kiosk's session) */
    pairedAt: integer("paired_at", { mode: "timestamp_ms" }),
    /** the staff account that made the pairing (null: the ADMIN_TOKEN) */
    createdBy: integer("created_by"),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    /** the last signup, shown on the done page (by its one-time nonce) until the next form opens */
    resultRegistrationId: integer("result_registration_id").references(() => registrations.id, { onDelete: "set null" }),
    /** SHA-256 of the nonce in the done page's address */
    resultNonceHash: text("result_nonce_hash"),
    resultAt: integer("result_at", { mode: "timestamp_ms" }),
    /** whether the ticket was queued for WhatsApp */
    resultWhatsapp: integer("result_whatsapp", { mode: "boolean" }),
  },
  (t) => [index("kiosks_event_idx").on(t.eventId)],
);

/** A paired kiosk's sign-ins: the cookie holds a random id, this table its SHA-256 (as `staff_sessions` for staff). */
export const kioskSessions = sqliteTable(
  "kiosk_sessions",
  {
    idHash: text("id_hash").primaryKey(),
    kioskId: integer("kiosk_id")
      .notNull()
      .references(() => kiosks.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("kiosk_sessions_kiosk_idx").on(t.kioskId)],
);

export type Kiosk = typeof kiosks.$inferSelect;
