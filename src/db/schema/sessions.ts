import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "../columns";

/**
 * Staff sign-ins on the web pages. The cookie holds a random session id; only
 * its SHA-256 is stored. A session belongs to a staff account, or to the
 * ADMIN_TOKEN (then it keeps a keyed fingerprint of that token, so rotating the
 * token ends it). Signing out, revoking the account and the 12-hour limit end it.
 */
export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    /** SHA-256 (hex) of the session id in the cookie */
    idHash: text("id_hash").primaryKey(),
    /** the staff account; null for the ADMIN_TOKEN */
    staffId: integer("staff_id"),
    /** for the ADMIN_TOKEN: HMAC of the token under SESSION_SECRET, so a new token ends the session */
    adminFingerprint: text("admin_fingerprint"),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("staff_sessions_staff_idx").on(t.staffId),
    check("staff_sessions_owner_check", sql`(${t.staffId} is null) <> (${t.adminFingerprint} is null)`),
  ],
);
