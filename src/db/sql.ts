/** Small SQL pieces the queries share. */
import { getTableColumns, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

/**
 * A bound value as a named column of a SELECT, for `INSERT … SELECT` statements
 * that write a row only when their WHERE holds (one statement decides a race).
 * @example db.insert(auditLog).select(db.select({ actor: literal("system", "actor") }).from(sql`(select 1)`).where(cond))
 */
export const literal = <T>(value: unknown, as: string) => sql<T>`${value}`.as(as);

/** The database's clock in epoch milliseconds, as the schema's timestamp columns store it. */
export const nowMs = sql<number>`(unixepoch('subsec') * 1000)`;

/**
 * One row of `table` as literals, every column in the table's order (drizzle's
 * `INSERT … SELECT` wants them all): the value given, else `fallback`'s SQL, else
 * null (an autoincrement id, an empty column). Values go through each column's
 * own mapping (JSON, timestamps, booleans), as `.values()` would send them.
 * @example db.insert(t).select(db.select(rowOf(t, values)).from(sql`(select 1)`).where(cond))
 */
export function rowOf<T extends SQLiteTable>(table: T, values: Partial<T["$inferInsert"]>, fallback: Record<string, SQL> = {}) {
  const fields = {} as Record<keyof T["_"]["columns"], SQL.Aliased>;
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = (values as Record<string, unknown>)[key];
    const k = key as keyof T["_"]["columns"];
    if (value !== undefined) fields[k] = literal(value === null ? null : column.mapToDriverValue(value), column.name);
    else if (fallback[key]) fields[k] = fallback[key]!.as(column.name);
    else fields[k] = literal(null, column.name);
  }
  return fields;
}

const byteLength = (column: SQLWrapper) => sql`length(cast(${column} as blob))`;

/**
 * As many `0`s as `column` holds bytes (null stays null). Writing it over a
 * value before clearing it makes SQLite rewrite the row where it lies (a row of
 * the same size is overwritten in place), so the old bytes do not linger in the
 * page's free space, which D1 offers no `secure_delete` or `VACUUM` to clear.
 */
export const sameSizeFiller = (column: SQLWrapper) => sql`substr(hex(zeroblob(${byteLength(column)})), 1, ${byteLength(column)})`;

/** Like `sameSizeFiller`, but unique per row: `id`'s digits, zero-padded (for a column under a unique index). */
export const uniqueSameSizeFiller = (column: SQLWrapper, id: SQLWrapper) => sql`printf('%0*d', ${byteLength(column)}, ${id})`;
