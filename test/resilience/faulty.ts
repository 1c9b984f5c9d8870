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

/** The app whose D1 fails as `plan` says (and other bindings as `changes` say); `log` tells which round trips it saw and failed. */
export function faultyApp(plan: FaultPlan, changes: Parameters<typeof callWith>[0] = {}) {
  const log: FaultLog = { trips: [], failed: [] };
  const DB = withFaults(env.DB, plan, log);
  const call = (path: string, init: RequestInit = {}) => callWith({ ...changes, DB }, path, init);
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

/** Every round trip, always, whose statements are those of `trip` (a round trip seen in another run): that step fails, and so does each retry of it. */
export const sameStep = (trip: RoundTrip) => ({ when: (t: RoundTrip) => t.sql.join(";") === trip.sql.join(";"), rate: 0.999999, random: () => 0 });

const unescape = (v: string) => v.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The hidden fields of the (first) form on `page`, as its "Coba lagi" button sends them, and where it sends them. */
export function hiddenForm(page: string): { action: string; fields: [string, string][] } {
  const action = unescape(/<form method="post" action="([^"]*)"/.exec(page)?.[1] ?? "");
  const fields = [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m): [string, string] => [unescape(m[1]!), unescape(m[2]!)]);
  return { action, fields };
}

/** The submission token a page carries (base/http/submission-token.ts), if any. */
export const submissionIn = (page: string) => hiddenForm(page).fields.find(([name]) => name === "submission")?.[1];
