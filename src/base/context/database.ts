/**
 * The D1 binding the code uses: `env.DB`, or, for `npm run bench` only, the
 * same binding with faults injected at `D1_FAULT_RATE` (db/faults.ts). The
 * setting is honoured only where ENVIRONMENT is "local"; a deployment that has
 * it refuses to serve (base/config/deployment.ts).
 */
import { faultRate, withFaults } from "../../db/faults";
import type { Env } from "./env";

const faulty = new WeakMap<D1Database, D1Database>();

export function database(env: Env): D1Database {
  const rate = env.ENVIRONMENT === "local" ? faultRate(env.D1_FAULT_RATE) : null;
  // "invalid": requireConfiguration refuses every request before any reaches the database
  if (rate === null || rate === "invalid" || rate === 0) return env.DB;
  let d1 = faulty.get(env.DB);
  if (!d1) faulty.set(env.DB, (d1 = withFaults(env.DB, { rate, mode: "either" })));
  return d1;
}
