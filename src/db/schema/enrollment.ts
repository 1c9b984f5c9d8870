/**
 * From lead to insured worker: sponsored-cover programmes (a city budget or a
 * company's CSR paying a worker's first months), the allocation of leads to
 * their places, and the record that a worker was enrolled. The quota is
 * decided by the database: one conditional INSERT per allocation, and unique
 * indexes so a worker holds one place at a time.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { events, registrations, staff } from "../schema";
import { FUNDERS } from "./contributions";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/** What a worker's cover includes: JKK and JKM, or JKK, JKM and JHT. */
export const COVERAGES = ["jkk_jkm", "jkk_jkm_jht"] as const;
export type Coverage = (typeof COVERAGES)[number];

export const programmes = sqliteTable(
  "programmes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** null: open to the leads of every event */
    eventId: integer("event_id").references(() => events.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    sponsor: text("sponsor").notNull(),
    funder: text("funder", { enum: FUNDERS }).notNull(),
    /** months of contributions the sponsor pays */
    months: integer("months").notNull(),
    /** places: never more allocations than this */
    quota: integer("quota").notNull(),
    /** workers enrolled the sponsor aims for (progress is shown against it) */
    target: integer("target"),
    /** what the sponsor pays for */
    covers: text("covers", { enum: COVERAGES }).notNull().default("jkk_jkm"),
    /** home regencies that may take part; empty: any */
    eligibleRegencies: text("eligible_regencies", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** fields of work that may take part; empty: any */
    eligibleOccupations: text("eligible_occupations", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** only workers who said they have no BPJS Ketenagakerjaan yet */
    requireBpjsNone: integer("require_bpjs_none", { mode: "boolean" }).notNull().default(false),
    /** allocations are taken from this day to the last (`YYYY-MM-DD`, in the event's zone) */
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on").notNull(),
    createdBy: integer("created_by"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    check("programmes_funder_check", sql`${t.funder} in ('apbd','apbn','csr','other')`),
    check("programmes_covers_check", sql`${t.covers} in ('jkk_jkm','jkk_jkm_jht')`),
    check("programmes_numbers_check", sql`${t.months} between 1 and 60 and ${t.quota} >= 1 and (${t.target} is null or ${t.target} >= 1)`),
    check("programmes_dates_check", sql`${t.endsOn} >= ${t.startsOn}`),
    index("programmes_event_idx").on(t.eventId),
  ],
);

/** A lead holding a place in a programme. Releasing the place deletes the row (audited). */
export const allocations = sqliteTable(
  "allocations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    registrationId: integer("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    allocatedBy: integer("allocated_by").references(() => staff.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("allocations_programme_registration_unique").on(t.programmeId, t.registrationId),
    // one sponsor at a time: a worker's first months are paid once
    uniqueIndex("allocations_registration_unique").on(t.registrationId),
  ],
);

/**
 * The proof that a lead became an insured worker. The KPJ itself is personal
 * data: it sits on the registration beside the NIK, sealed the same way and
 * erased with it; what stays here is anonymous.
 */
export const enrollments = sqliteTable(
  "enrollments",
  {
    registrationId: integer("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    coverage: text("coverage", { enum: COVERAGES }).notNull(),
    /** the declared income base (rupiah) the contributions are taken of */
    incomeBase: integer("income_base").notNull(),
    /** `YYYY-MM-DD` in the event's zone */
    enrolledOn: text("enrolled_on").notNull(),
    /** the sponsoring programme, if any */
    programmeId: integer("programme_id").references(() => programmes.id, { onDelete: "set null" }),
    recordedBy: integer("recorded_by").references(() => staff.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    primaryKey({ columns: [t.registrationId] }),
    check("enrollments_coverage_check", sql`${t.coverage} in ('jkk_jkm','jkk_jkm_jht')`),
    index("enrollments_programme_idx").on(t.programmeId),
  ],
);

export type Programme = typeof programmes.$inferSelect;
export type Allocation = typeof allocations.$inferSelect;
export type Enrollment = typeof enrollments.$inferSelect;
