/**
 * API shapes taken from the Drizzle tables (drizzle-zod), so a column's type,
 * enum and nullability are written once. The API speaks snake_case and gives
 * times as ISO 8601 strings (in the event's zone, with its offset); `rowSchema`
 * and `rowToApi` make both changes, for the schema and for the row alike.
 */
import { z } from "@hono/zod-openapi";
import type { Table } from "drizzle-orm";
import { createSchemaFactory } from "drizzle-zod";
import { isoInZone } from "../lib/time";

const { createSelectSchema } = createSchemaFactory({ zodInstance: z });

type Snake<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}` : S;
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Select<T extends Table> = T["$inferSelect"];
/** A column as the API shows it: a time becomes a string. */
type ApiValue<V> = V extends Date ? string : V extends Date | null ? string | null : V;
/** The API row of `keys` of table `T`. */
export type ApiRow<T extends Table, K extends keyof Select<T> & string> = { [P in K as Snake<P>]: ApiValue<Select<T>[P]> };

const isDateSchema = (s: z.ZodType): boolean => {
  const inner = s instanceof z.ZodNullable || s instanceof z.ZodOptional ? (s.unwrap() as z.ZodType) : s;
  return inner instanceof z.ZodDate;
};

/**
 * The zod schema of `keys` of `table` as the API gives them; `overrides` replaces a
 * column's schema where the table says too little (a JSON column's shape).
 * @example rowSchema(booths, ["id", "code", "name", "exhibitor"])
 */
export function rowSchema<T extends Table, const K extends keyof Select<T> & string>(table: T, keys: readonly K[], overrides: Partial<Record<K, z.ZodType>> = {}) {
  const columns = createSelectSchema(table).shape as Record<string, z.ZodType>;
  const shape: Record<string, z.ZodType> = {};
  for (const k of keys) {
    const own = overrides[k] ?? columns[k]!;
    const nullable = own instanceof z.ZodNullable;
    shape[snake(k)] = isDateSchema(own) ? (nullable ? z.string().nullable() : z.string()) : own;
  }
  return z.object(shape) as unknown as z.ZodObject<{ [P in K as Snake<P>]: z.ZodType<ApiValue<Select<T>[P]>> }>;
}

/** `row`'s `keys` as the API gives them: snake_case, times in zone `tz` (UTC when none). */
export function rowToApi<T extends Table, const K extends keyof Select<T> & string>(_table: T, row: Pick<Select<T>, K>, keys: readonly K[], tz?: string): ApiRow<T, K> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (row as Record<string, unknown>)[k];
    out[snake(k)] = v instanceof Date ? (tz ? isoInZone(v, tz) : v.toISOString()) : v;
  }
  return out as ApiRow<T, K>;
}
