/**
 * The contribution tables: read whole (they are a few rows each) for every
 * figure shown, and edited by admins with an audit entry per change.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rowToApi } from "../../db/row-schema";
import { contributionDiscounts, contributionRates, incomeBands } from "../../db/schema/contributions";
import { bandsOn, monthlyContribution, rangesOverlap, type Breakdown, type PayerCode, type RateTables } from "../../lib/contributions";
import { auditInsert, auditInsertWhen } from "../audit/audit.service";
import type { Principal } from "../context/principal";
import { invalid, notFound } from "../http/problem";
import { msg } from "../../i18n";
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

const period = (r: { validFrom: string; validTo: string | null }) => ({ from: r.validFrom, to: r.validTo });
const discountSectorsMeet = (a: string, b: string) => a === b || a === "all" || b === "all";

/**
 * Refuses a row that contradicts another (422 naming the field): two periods of the same programme's rate, of the
 * same band, or of discounts for the same sector may not overlap; nor may the income ranges of two bands in force
 * at the same time. `id`: the row being replaced, which is not compared with itself. Closing a period (valid_to)
 * and adding the next from the day after is consistent.
 */
export async function refuseInconsistent<T extends RateTable>(db: Db, table: T, input: RateTableInput[T], id?: number): Promise<void> {
  const tables = await rateTables(db);
  const mine = { from: input.valid_from, to: input.valid_to ?? null };
  const others = <R extends { id: number }>(rows: readonly R[]) => rows.filter((r) => r.id !== id);
  const clash = (rows: { id: number; validFrom: string; validTo: string | null }[]) => rows.find((r) => rangesOverlap(mine, period(r)));
  let hit: { id: number } | undefined;
  if (table === "rates") {
    const r = input as RateInput;
    hit = clash(others(tables.rates as (typeof contributionRates.$inferSelect)[]).filter((x) => x.programme === r.programme));
  } else if (table === "discounts") {
    const d = input as DiscountInput;
    hit = clash(others(tables.discounts as (typeof contributionDiscounts.$inferSelect)[]).filter((x) => discountSectorsMeet(x.sector, d.sector)));
  } else {
    const b = input as BandInput;
    const bands = others(tables.bands).filter((x) => rangesOverlap(mine, period(x)));
    hit = bands.find((x) => x.base === b.base);
    const income = bands.find((x) => rangesOverlap({ from: b.income_from, to: b.income_to ?? null }, { from: x.incomeFrom, to: x.incomeTo }));
    if (!hit && income) throw invalid({ income_from: msg("rates.overlapIncome", { id: income.id }) });
  }
  if (hit) throw invalid({ valid_from: msg("rates.overlapPeriod", { id: hit.id }) });
}

/** Adds a row; audited (`rates.create`). 422 when it contradicts another row. */
export async function createRateRow<T extends RateTable>(db: Db, by: Principal, table: T, input: RateTableInput[T]): Promise<number> {
  await refuseInconsistent(db, table, input);
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

/** Replaces a row's values; 404 when there is no such row, 422 when it would contradict another. Audited (`rates.update`) only when it changed. */
export async function updateRateRow<T extends RateTable>(db: Db, by: Principal, table: T, id: number, input: RateTableInput[T]): Promise<void> {
  await refuseInconsistent(db, table, input, id);
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
