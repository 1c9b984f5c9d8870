import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
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
