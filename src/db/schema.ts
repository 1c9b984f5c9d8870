/**
 * The whole data model. Times are UTC instants stored as epoch milliseconds;
 * they are shown in the event's time zone. Rules that must never be broken
 * twice (one registration per person per event, one ticket per registration,
 * one admission per entry) are unique constraints, not only code. A person is
 * a phone number AND a name (folded: `foldForSearch`), so a household sharing
 * one phone is several people.
 */
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import type { Bilingual, ExtraQuestion } from "./json";
import { createdAt } from "./columns";


export type { Bilingual, ExtraQuestion };

export const EVENT_STATUSES = ["draft", "open", "closed"] as const;

export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    venue: text("venue").notNull(),
    city: text("city").notNull(),
    timezone: text("timezone").notNull().default("Asia/Makassar"),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: EVENT_STATUSES }).notNull().default("draft"),
    /** who collects the data (the controller, named in the privacy notice) */
    organiser: text("organiser").notNull().default(""),
    /** where people send requests about their data */
    contactEmail: text("contact_email").notNull().default(""),
    literacy: text("literacy", { mode: "json" }).$type<Bilingual>(),
    privacyNotice: text("privacy_notice", { mode: "json" }).$type<Bilingual>(),
    noticeVersion: text("notice_version").notNull().default("1"),
    questions: text("questions", { mode: "json" })
      .$type<ExtraQuestion[]>()
      .notNull()
      .default(sql`'[]'`),
    retentionDays: integer("retention_days").notNull().default(365),
    /** the most signups a minute the form accepts (a bot's flood stops here; organisers raise it) */
    signupsPerMinute: integer("signups_per_minute").notNull().default(600),
    /** Cloudflare Turnstile on the signup form */
    turnstile: integer("turnstile", { mode: "boolean" }).notNull().default(false),
    /** the ticket page shows what BPJS cover costs per month (src/base/contributions) */
    contributionCalculator: integer("contribution_calculator", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    /**
     * Bumped by every change to the event or one of its booths (events.service), in the same
     * transaction; a cached copy is current while its version matches, and a signup only
     * writes while the version it judged by is still the event's.
     */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("events_status_check", sql`${t.status} in ('draft','open','closed')`),
    check("events_dates_check", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const booths = sqliteTable(
  "booths",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    exhibitor: text("exhibitor").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("booths_event_code_unique").on(t.eventId, t.code)],
);

export const FOLLOWUP_STATUSES = [
  "new",
  "contacted",
  "enrolled",
  "declined",
  "unreachable",
] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];
export const BPJS_STATUSES = ["none", "active", "inactive", "unknown"] as const;
/** The BPJS Ketenagakerjaan programmes a person can say they are interested in. */
export const INTERESTS = ["jkk", "jkm", "jht"] as const;
export type Interest = (typeof INTERESTS)[number];
/** What a registration consents to (UU PDP: separable): the event, and the separate opt-in to be contacted. */
export const CONSENT_PURPOSES = ["event_registration", "enrollment_contact"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const registrations = sqliteTable(
  "registrations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    /** null once erased; the row stays for anonymous counts */
    name: text("name"),
    /** the name folded (src/lib/search.ts `foldForSearch`: no accents, lower case, single spaces); with the phone it names the person; null once erased */
    searchName: text("search_name"),
    /** E.164; null once erased */
    phone: text("phone"),
    email: text("email"),
    regency: text("regency").notNull(),
    occupation: text("occupation").notNull(),
    occupationOther: text("occupation_other"),
    /** AES-GCM ciphertext (base64url, iv first) */
    nikCipher: text("nik_cipher"),
    /** keyed hash for lookups without decrypting */
    nikHash: text("nik_hash"),
    /** e.g. 5371********0001, safe to show */
    nikMasked: text("nik_masked"),
    birthDate: text("birth_date"),
    bpjsStatus: text("bpjs_status", { enum: BPJS_STATUSES }).notNull().default("unknown"),
    interests: text("interests", { mode: "json" }).$type<Interest[]>().notNull().default(sql`'[]'`),
    answers: text("answers", { mode: "json" })
      .$type<Record<string, string | string[]>>()
      .notNull()
      .default(sql`'{}'`),
    lang: text("lang").notNull().default("id"),
    firstBoothId: integer("first_booth_id").references(() => booths.id, { onDelete: "set null" }),
    /** consent to process for this event, after the notice */
    consentAt: integer("consent_at", { mode: "timestamp_ms" }).notNull(),
    consentPurposes: text("consent_purposes", { mode: "json" }).$type<ConsentPurpose[]>().notNull(),
    noticeVersion: text("notice_version").notNull(),
    /** separate opt-in to be contacted about enrollment; null when not given or withdrawn */
    contactConsentAt: integer("contact_consent_at", { mode: "timestamp_ms" }),
    /** a person under 18 gives the contact opt-in with a parent or guardian (UU PDP art. 25): who agreed, and when */
    guardianName: text("guardian_name"),
    guardianConsentAt: integer("guardian_consent_at", { mode: "timestamp_ms" }),
    /** the BPJS Ketenagakerjaan membership number (KPJ) once enrolled, sealed like the NIK; null once erased */
    kpjCipher: text("kpj_cipher"),
    kpjHash: text("kpj_hash"),
    kpjMasked: text("kpj_masked"),
    followupStatus: text("followup_status", { enum: FOLLOWUP_STATUSES }).notNull().default("new"),
    assigneeId: integer("assignee_id").references(() => staff.id, { onDelete: "set null" }),
    lastNote: text("last_note"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    erasedAt: integer("erased_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // a person: one phone may hold several people at one event (a household), each by their folded name
    uniqueIndex("registrations_event_phone_name_unique").on(t.eventId, t.phone, t.searchName),
    index("registrations_event_created_idx").on(t.eventId, t.createdAt, t.id),
    // the dashboard's one pass over an event's people reads this index alone (it holds every column it counts)
    index("registrations_event_regency_idx").on(t.eventId, t.regency, t.followupStatus, t.contactConsentAt, t.erasedAt),
    index("registrations_nik_hash_idx").on(t.nikHash),
    // a KPJ is one person's: the enrollment record looks for another holder by it
    index("registrations_kpj_hash_idx").on(t.kpjHash),
  ],
);

export const tickets = sqliteTable(
  "tickets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    registrationId: integer("registration_id")
      .notNull()
      .unique()
      .references(() => registrations.id, { onDelete: "cascade" }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    code: text("code").notNull().unique(),
    issuedAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    /** the event's change counter when the ticket was last issued, renamed, revoked or erased: door phones ask for what changed since theirs */
    changeSeq: integer("change_seq").notNull().default(0),
  },
  (t) => [index("tickets_event_idx").on(t.eventId), index("tickets_event_change_idx").on(t.eventId, t.changeSeq)],
);

export const checkins = sqliteTable(
  "checkins",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ticketId: integer("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    /** position in the ticket's scan sequence (1, 2, ...); one row per position */
    seq: integer("seq").notNull(),
    direction: text("direction", { enum: ["in", "out"] }).notNull(),
    gate: text("gate").notNull(),
    staffId: integer("staff_id").references(() => staff.id, { onDelete: "set null" }),
    device: text("device"),
    scannedAt: integer("scanned_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
    undoneAt: integer("undone_at", { mode: "timestamp_ms" }),
    undoneBy: integer("undone_by").references(() => staff.id, { onDelete: "set null" }),
    /** the scanner's nonce for the scan that made this row: a retry finds its admission here (one per event) */
    clientId: text("client_id"),
  },
  (t) => [
    uniqueIndex("checkins_ticket_seq_unique").on(t.ticketId, t.seq),
    index("checkins_event_scanned_idx").on(t.eventId, t.scannedAt),
    uniqueIndex("checkins_event_client_unique").on(t.eventId, t.clientId),
  ],
);

/** Answers already given to a scanner's client_id, so a retry gets the same answer. */
export const scanReplies = sqliteTable(
  "scan_replies",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    clientId: text("client_id").notNull(),
    /** the ticket the answer is about (null: unreadable or unknown), so erasure finds every answer naming its holder */
    ticketId: integer("ticket_id"),
    httpStatus: integer("http_status").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.clientId] }), index("scan_replies_ticket_idx").on(t.ticketId)],
);

/** One-time codes that sign a gate device in as a check-in volunteer. */
export const pairings = sqliteTable(
  "pairings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    gate: text("gate").notNull(),
    /** SHA-256 of the one-time secret in the pairing QR */
    secretHash: text("secret_hash").notNull().unique(),
    createdBy: integer("created_by"),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    /** the device account the pairing created */
    staffId: integer("staff_id").references(() => staff.id, { onDelete: "set null" }),
  },
  (t) => [index("pairings_event_idx").on(t.eventId)],
);

export const boothVisits = sqliteTable(
  "booth_visits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    registrationId: integer("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    boothId: integer("booth_id")
      .notNull()
      .references(() => booths.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("booth_visits_registration_booth_unique").on(t.registrationId, t.boothId),
    index("booth_visits_booth_idx").on(t.boothId, t.createdAt),
  ],
);

export const STAFF_ROLES = ["admin", "organiser", "checkin", "enrollment"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** Every role a caller may have: the staff accounts' roles, and a paired booth kiosk (its own table, schema/kiosks.ts, never a staff row). */
export const ROLES = [...STAFF_ROLES, "kiosk"] as const;
export type Role = (typeof ROLES)[number];

export const staff = sqliteTable(
  "staff",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
    /** true: every event; false: only those in staff_events */
    allEvents: integer("all_events", { mode: "boolean" }).notNull().default(false),
    /** SHA-256 of the bearer token (hex); the token itself is never stored */
    tokenHash: text("token_hash").notNull().unique(),
    /** gate a paired check-in device is bound to */
    gate: text("gate"),
    createdBy: integer("created_by"),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
  },
  (t) => [check("staff_role_check", sql`${t.role} in ('admin','organiser','checkin','enrollment')`)],
);

export const staffEvents = sqliteTable(
  "staff_events",
  {
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.eventId] }), index("staff_events_event_idx").on(t.eventId)],
);

export const leadHistory = sqliteTable(
  "lead_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    registrationId: integer("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    staffId: integer("staff_id").references(() => staff.id, { onDelete: "set null" }),
    status: text("status", { enum: FOLLOWUP_STATUSES }),
    note: text("note"),
    assigneeId: integer("assignee_id"),
    createdAt: createdAt(),
  },
  (t) => [index("lead_history_registration_idx").on(t.registrationId, t.createdAt)],
);

export type Event = typeof events.$inferSelect;
export type Booth = typeof booths.$inferSelect;
export type Registration = typeof registrations.$inferSelect;
export type Ticket = typeof tickets.$inferSelect;
export type StaffMember = typeof staff.$inferSelect;
