/** Small SQL pieces the queries share. */
import { sql } from "drizzle-orm";

/**
 * A bound value as a named column of a SELECT, for `INSERT … SELECT` statements
 * that write a row only when their WHERE holds (one statement decides a race).
 * @example db.insert(auditLog).select(db.select({ actor: literal("system", "actor") }).from(sql`(select 1)`).where(cond))
 */
export const literal = <T>(value: unknown, as: string) => sql<T>`${value}`.as(as);

/** The database's clock in epoch milliseconds, as the schema's timestamp columns store it. */
export const nowMs = sql<number>`(unixepoch('subsec') * 1000)`;
