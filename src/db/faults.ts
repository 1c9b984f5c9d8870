/**
 * Fault injection around the REAL D1 binding (never a stand-in for it): chosen
 * round trips fail with the errors D1 really throws, before the call reaches
 * the database (nothing written) or after it ran (written, the answer lost:
 * what makes a retry dangerous for a statement that is not idempotent).
 *
 * Tests wrap `env.DB` with a plan of their own (`withFaults`); `npm run bench`
 * sets `D1_FAULT_RATE` (base/context/database.ts), honoured only locally.
 */
import { aroundRoundTrips, type RoundTrip } from "./round-trips";

/** The messages D1 throws for passing faults (D1 › Observability › Debug D1), as workerd words them. */
export const D1_FAULTS = {
  networkLost: "D1_ERROR: Network connection lost.",
  reset: "D1_ERROR: Internal error in D1 DB storage caused object to be reset.",
  codeUpdated: "D1_ERROR: D1 DB reset because its code was updated.",
  overloaded: "D1_ERROR: D1 DB is overloaded. Too many requests queued.",
} as const;

export type FaultPlan = {
  /** which round trips fail, by number (1 = the first round trip through this binding) */
  failCalls?: readonly number[];
  /** or each round trip with this probability */
  rate?: number;
  /** only round trips whose SQL this accepts count (all by default) */
  when?: (trip: RoundTrip) => boolean;
  /** `before`: the call never reaches D1; `after`: it ran and its answer is lost; `either`: a coin decides; or chosen per call (its number) */
  mode?: "before" | "after" | "either" | ((call: number) => "before" | "after");
  /** the error's message; a transient one (network lost, reset) by default, a different one each time */
  message?: string;
  random?: () => number;
};

/** What the wrapper saw: every round trip (by number) and the ones it failed, for tests. */
export type FaultLog = { trips: RoundTrip[]; failed: number[] };

const TRANSIENT = [D1_FAULTS.networkLost, D1_FAULTS.reset, D1_FAULTS.codeUpdated];

/** `d1` with the plan's faults; `log` records every round trip. */
export function withFaults(d1: D1Database, plan: FaultPlan, log: FaultLog = { trips: [], failed: [] }): D1Database {
  const random = plan.random ?? Math.random;
  let n = 0;
  return aroundRoundTrips(d1, async (trip, run) => {
    if (plan.when && !plan.when(trip)) return run();
    const call = ++n;
    log.trips.push(trip);
    const fails = plan.failCalls?.includes(call) || (plan.rate !== undefined && random() < plan.rate);
    if (!fails) return run();
    log.failed.push(call);
    const error = new Error(plan.message ?? TRANSIENT[call % TRANSIENT.length]);
    const mode = typeof plan.mode === "function" ? plan.mode(call) : plan.mode === "either" ? (random() < 0.5 ? "before" : "after") : (plan.mode ?? "before");
    if (mode === "after") await run();
    throw error;
  });
}

/**
 * The fault rate a setting asks for (`"0.05"`; `"1"` fails every round trip), null when unset, or
 * "invalid" for anything that is not a rate in [0, 1] (then the app refuses to serve rather than run
 * without the faults someone asked for: base/config/deployment.ts).
 */
export function faultRate(setting: string | undefined): number | null | "invalid" {
  if (setting === undefined || setting.trim() === "") return null;
  const rate = Number(setting);
  return Number.isFinite(rate) && rate >= 0 && rate <= 1 ? rate : "invalid";
}
