/**
 * The contribution tables: read whole (they are a few rows each) for every
 * figure shown, and edited by admins with an audit entry per change.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rowToApi } from "../../db/row-schema";
import { contributionDiscounts, contributionRates, incomeBands } from "../../db/schema/contributions";
import { bandsOn, monthlyContribution, type Breakdown, type PayerCode, type RateTables } from "../../lib/contributions";
import { auditInsert, auditInsertWhen } from "../audit/audit.service";
import type { Principal } from "../context/principal";
import { notFound } from "../http/problem";
import {
  BAND_API_COLUMNS,
  DISCOUNT_API_COLUMNS,
  RATE_API_COLUMNS,
  type BandInput,
  type DiscountInput,
  type RateInput,
} from "./rates.schema";

/** Every rate, band and discount: one batch of three small reads. */
export async function rateTables(db: Db): Promise<RateTables> {
  const [rates, bands, discounts] = await db.batch([
    db.select().from(contributionRates).orderBy(asc(contributionRates.programme), asc(contributionRates.validFrom), asc(contributionRates.id)),
    db.select().from(incomeBands).orderBy(asc(incomeBands.base), asc(incomeBands.validFrom), asc(incomeBands.id)),
    db.select().from(contributionDiscounts).orderBy(asc(contributionDiscounts.validFrom), asc(contributionDiscounts.id)),
  ]);
  return { rates, bands, discounts };
}

/**
 * The month's contributions on `day` for the band whose base is `base` (the
 * lowest band when none is asked or the asked one is not in force), with the
 * bands to choose from. Null when the tables say nothing for that day.
 */
export function contributionFor(tables: RateTables, day: string, payer: PayerCode, base?: number): { breakdown: Breakdown; bands: ReturnType<typeof bandsOn> } | null {
  const bands = bandsOn(tables, day);
  const band = bands.find((b) => b.base === base) ?? bands[0];
  if (!band) return null;
  const breakdown = monthlyContribution(tables, { day, base: band.base, payer });
  return breakdown ? { breakdown, bands } : null;
}

/** How a breakdown reads in the JSON API. */
export function breakdownToApi(b: Breakdown, payer: PayerCode) {
  const line = (l: Breakdown["jkk"]) => ({ full: l.full, due: l.due, percent_off: l.percentOff });
  return {
    day: b.day,
    payer,
    base: b.base,
    jkk: line(b.jkk),
    jkm: line(b.jkm),
    jht: line(b.jht),
    jkk_jkm: b.basic,
    with_jht: b.withJht,
    discount: b.discount ? { name: b.discount.name, source: b.discount.source, valid_from: b.discount.validFrom, valid_to: b.discount.validTo } : null,
  };
}

export const tablesToApi = (t: RateTables) => ({
  rates: t.rates.map((r) => rowToApi(contributionRates, r as typeof contributionRates.$inferSelect, RATE_API_COLUMNS)),
  bands: t.bands.map((b) => rowToApi(incomeBands, b as typeof incomeBands.$inferSelect, BAND_API_COLUMNS)),
  discounts: t.discounts.map((d) => rowToApi(contributionDiscounts, d as typeof contributionDiscounts.$inferSelect, DISCOUNT_API_COLUMNS)),
});

export type RateTable = "rates" | "bands" | "discounts";
export type RateTableInput = { rates: RateInput; bands: BandInput; discounts: DiscountInput };

function columnsOf<T extends RateTable>(table: T, input: RateTableInput[T]) {
  const common = { validFrom: input.valid_from, source: input.source ?? "" };
  if (table === "rates") {
    const r = input as RateInput;
    return { ...common, programme: r.programme, kind: r.kind, amount: r.amount, validTo: r.valid_to ?? null };
  }
  if (table === "bands") {
    const b = input as BandInput;
    return { ...common, base: b.base, incomeFrom: b.income_from, incomeTo: b.income_to ?? null, validTo: b.valid_to ?? null };
  }
  const d = input as DiscountInput;
  return {
    ...common,
    name: d.name,
    validTo: d.valid_to,
    sector: d.sector,
    jkkPercent: d.jkk_percent,
    jkmPercent: d.jkm_percent,
    jhtPercent: d.jht_percent,
    excludedPayers: d.excluded_payers,
  };
}

const TABLES = { rates: contributionRates, bands: incomeBands, discounts: contributionDiscounts } as const;

const exists = (t: (typeof TABLES)[RateTable], id: number) => sql`exists (select 1 from ${t} where ${t.id} = ${id})`;

/** Adds a row; audited (`rates.create`). */
export async function createRateRow<T extends RateTable>(db: Db, by: Principal, table: T, input: RateTableInput[T]): Promise<number> {
  const t = TABLES[table];
  const [rows] = await db.batch([
    db
      .insert(t)
      .values(columnsOf(table, input) as never)
      .returning({ id: t.id }),
    auditInsert(db, by, { action: "rates.create", subject: `contributions:${table}`, detail: { ...input } }),
  ]);
  return rows[0]!.id;
}

/** Replaces a row's values; 404 when there is no such row. Audited (`rates.update`) only when it changed. */
export async function updateRateRow<T extends RateTable>(db: Db, by: Principal, table: T, id: number, input: RateTableInput[T]): Promise<void> {
  const t = TABLES[table];
  const [rows] = await db.batch([
    db
      .update(t)
      .set({ ...(columnsOf(table, input) as object), updatedAt: new Date() } as never)
      .where(eq(t.id, id))
      .returning({ id: t.id }),
    auditInsertWhen(db, by, { action: "rates.update", subject: `contributions:${table}:${id}`, detail: { ...input } }, exists(t, id)),
  ]);
  if (!rows.length) throw notFound("rates.notFound");
}

/** Removes a row; 404 when there is none. Audited (`rates.delete`). */
export async function deleteRateRow(db: Db, by: Principal, table: RateTable, id: number): Promise<void> {
  const t = TABLES[table];
  // the audit entry first: it is written only while the row is still there
  const [, rows] = await db.batch([
    auditInsertWhen(db, by, { action: "rates.delete", subject: `contributions:${table}:${id}` }, exists(t, id)),
    db.delete(t).where(eq(t.id, id)).returning({ id: t.id }),
  ]);
  if (!rows.length) throw notFound("rates.notFound");
}
