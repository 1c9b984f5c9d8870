/** Small SQL pieces the queries share. */
import { getTableColumns, is, SQL, sql, type SQLWrapper } from "drizzle-orm";
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
 * A row as `SELECT <values> WHERE condition`, for `db.insert(table).select(…)`:
 * the insert writes only when `condition` holds as the statement runs (a guard
 * decided inside the transaction). Each value is encoded by its column (JSON,
 * timestamps) and an absent one takes the column's default, as `values()` does.
 * @example db.insert(registrations).select(valuesWhen(registrations, row, sql`exists (…)`)).onConflictDoUpdate(…)
 */
export function valuesWhen<T extends SQLiteTable>(table: T, row: { [K in keyof T["$inferInsert"]]: T["$inferInsert"][K] | SQL }, condition: SQL): SQL {
  const values = row as Record<string, unknown>;
  const list = Object.entries(getTableColumns(table))
    // generated columns take no value (drizzle's own insert skips them the same way)
    .filter(([, col]) => !(col as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert())
    .map(([key, col]) => {
      const v = values[key];
      if (v !== undefined) return is(v, SQL) ? v : sql.param(v, col);
      if (col.default !== undefined && col.default !== null) return is(col.default, SQL) ? col.default : sql.param(col.default, col);
      if (col.defaultFn) {
        const d = col.defaultFn();
        return is(d, SQL) ? d : sql.param(d, col);
      }
      return sql`null`;
    });
  return sql`select ${sql.join(list, sql`, `)} where ${condition}`;
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
