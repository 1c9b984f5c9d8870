import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/**
 * What Drizzle's D1 driver calls on its client: `prepare` and `batch`
 * (drizzle-orm/d1/session.js). D1 itself has them, and so does a D1 session
 * (`DB.withSession(…)`, read replication), which Drizzle's types do not
 * accept yet. Drizzle's `transaction()` would also send BEGIN, which D1
 * refuses either way: the code never calls it (one `db.batch` is one transaction).
 */
export type D1Client = Pick<D1Database, "prepare" | "batch">;

export function createDb(d1: D1Client) {
  return drizzle(d1 as D1Database, { schema });
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
