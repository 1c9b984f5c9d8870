import { drizzle } from "drizzle-orm/d1";
import { retryReads } from "./retry";
import { client, type D1Client } from "./round-trips";
import * as schema from "./schema";

/**
 * The client Drizzle is given (round-trips.ts). Drizzle's `transaction()` would send BEGIN, which D1
 * refuses: the code never calls it (one `db.batch` is one transaction).
 */
export type { D1Client } from "./round-trips";

/** Drizzle over `d1`; every round trip that only reads is retried on a transient fault (retry.ts). */
export function createDb(d1: D1Client) {
  return drizzle(client(d1, retryReads()) as D1Database, { schema });
}

export type Db = ReturnType<typeof createDb>;

/** One round trip that reads the schema: true when D1 answers it. */
export async function databaseAnswers(d1: D1Database): Promise<boolean> {
  try {
    await d1.prepare("select count(*) as n from events limit 1").first();
    return true;
  } catch {
    return false;
  }
}
