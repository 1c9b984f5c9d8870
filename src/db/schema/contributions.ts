/**
 * BPJS Ketenagakerjaan contribution rules for BPU (informal) workers, as data
 * with validity dates, so an admin updates them when a regulation changes.
 * Dates are calendar days (`YYYY-MM-DD`, both ends inclusive) read in the
 * event's time zone; money is whole rupiah; percentages of income are basis
 * points (100 = 1%). The known figures are seeded by a migration.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/** When a row is in force (`YYYY-MM-DD`, both ends inclusive; no end: until changed), where it comes from, and its own times. */
const validity = () => ({
  validFrom: text("valid_from").notNull(),
  validTo: text("valid_to"),
  /** the regulation it comes from */
  source: text("source").notNull().default(""),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
});

/** The programmes a BPU worker pays for: work accident, death, and (optional) old-age savings. */
export const CONTRIBUTION_PROGRAMMES = ["jkk", "jkm", "jht"] as const;
export type ContributionProgramme = (typeof CONTRIBUTION_PROGRAMMES)[number];
export const RATE_KINDS = ["percent", "flat"] as const;
/** Who pays a worker's contributions: the worker, or a sponsor's budget. */
export const FUNDERS = ["apbd", "apbn", "csr", "other"] as const;
export type Funder = (typeof FUNDERS)[number];
export type Payer = Funder | "self";
/** Which BPU workers a discount is for (PP 50/2025 has different periods for transport and the rest). */
export const SECTORS = ["non_transport", "transport", "all"] as const;
export type Sector = (typeof SECTORS)[number];

/** One programme's rate in a period: a percentage of the declared income (JKK, JHT) or a flat amount (JKM). */
export const contributionRates = sqliteTable(
  "contribution_rates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    programme: text("programme", { enum: CONTRIBUTION_PROGRAMMES }).notNull(),
    kind: text("kind", { enum: RATE_KINDS }).notNull(),
    /** basis points of the income base (kind percent) or rupiah a month (kind flat) */
    amount: integer("amount").notNull(),
    ...validity(),
  },
  (t) => [
    check("contribution_rates_programme_check", sql`${t.programme} in ('jkk','jkm','jht')`),
    check("contribution_rates_kind_check", sql`${t.kind} in ('percent','flat')`),
    check("contribution_rates_amount_check", sql`${t.amount} >= 0`),
    check("contribution_rates_dates_check", sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    index("contribution_rates_programme_idx").on(t.programme, t.validFrom),
  ],
);

/** A declared-income band: the nominal income the percentages apply to, and the incomes it stands for. */
export const incomeBands = sqliteTable(
  "income_bands",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** the nominal income (rupiah) the percentages are taken of */
    base: integer("base").notNull(),
    /** the incomes the band stands for, for display */
    incomeFrom: integer("income_from").notNull().default(0),
    /** null: and above */
    incomeTo: integer("income_to"),
    ...validity(),
  },
  (t) => [
    check("income_bands_base_check", sql`${t.base} > 0`),
    check("income_bands_dates_check", sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    index("income_bands_base_idx").on(t.base),
  ],
);

/** A temporary reduction of contributions (PP 50/2025: JKK and JKM halved), with whom it is not for. */
export const contributionDiscounts = sqliteTable(
  "contribution_discounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    source: text("source").notNull().default(""),
    validFrom: text("valid_from").notNull(),
    validTo: text("valid_to").notNull(),
    sector: text("sector", { enum: SECTORS }).notNull().default("all"),
    /** percent off each programme's contribution (0–100) */
    jkkPercent: integer("jkk_percent").notNull().default(0),
    jkmPercent: integer("jkm_percent").notNull().default(0),
    jhtPercent: integer("jht_percent").notNull().default(0),
    /** payers it does not apply to (PP 50/2025: not where APBN or APBD pays) */
    excludedPayers: text("excluded_payers", { mode: "json" }).$type<Payer[]>().notNull().default(sql`'[]'`),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    check("contribution_discounts_sector_check", sql`${t.sector} in ('non_transport','transport','all')`),
    check(
      "contribution_discounts_percent_check",
      sql`${t.jkkPercent} between 0 and 100 and ${t.jkmPercent} between 0 and 100 and ${t.jhtPercent} between 0 and 100`,
    ),
    check("contribution_discounts_dates_check", sql`${t.validTo} >= ${t.validFrom}`),
  ],
);

export type ContributionRate = typeof contributionRates.$inferSelect;
export type IncomeBand = typeof incomeBands.$inferSelect;
export type ContributionDiscount = typeof contributionDiscounts.$inferSelect;
