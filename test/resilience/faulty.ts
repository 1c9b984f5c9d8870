/** The real app on the real D1, through the fault injector (src/db/faults.ts): requests meet the faults a plan chooses. */
import { env } from "cloudflare:workers";
import { withFaults, type FaultLog, type FaultPlan } from "../../src/db/faults";
import type { RoundTrip } from "../../src/db/round-trips";
import { callWith } from "../security/app-with";
import { CLIENT_IP, formBody, ORIGIN, type FormFields } from "../helpers";

/** The round trip that writes a new person (the signup's batch). */
export const signupBatch = (trip: RoundTrip) => trip.sql.some((q) => q.startsWith('insert into "registrations"'));
/** Any round trip that may write. */
export const writes = (trip: RoundTrip) => !trip.readOnly;

/** The app whose D1 fails as `plan` says; `log` tells which round trips it saw and failed. */
export function faultyApp(plan: FaultPlan) {
  const log: FaultLog = { trips: [], failed: [] };
  const DB = withFaults(env.DB, plan, log);
  const call = (path: string, init: RequestInit = {}) => callWith({ DB }, path, init);
  const postForm = (path: string, fields: FormFields, headers: Record<string, string> = {}) =>
    call(path, {
      method: "POST",
      body: formBody(fields),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, "cf-connecting-ip": CLIENT_IP, ...headers },
    });
  return { log, call, postForm };
}

/** Waits for what the queue's consumers do in the background (a limit for a hang, never a verdict). */
export const POLL = { timeout: 60_000, interval: 200 };
