/**
 * The retry policy around D1. A transient fault (lib/db-errors.ts: a lost
 * connection, a reset; as Cloudflare's D1 documentation lists them) is tried
 * again a few times with jittered exponential backoff ("full jitter": a random
 * wait up to base × 2^n, capped), and never past the budget of the request
 * that waits for it. Anything else, and an overloaded database, is thrown at
 * once: trying again at once only adds to the load.
 *
 * Only what is idempotent may be retried: a retry can follow an attempt whose
 * writes were committed and only the answer lost. Reads always are (`retryReads`
 * does it under every query); a write is retried only where its call says why
 * a second run changes nothing (`retryIdempotent`).
 */
import { d1Fault } from "../lib/db-errors";
import { logRetry } from "../lib/log";
import type { Around } from "./round-trips";

export type RetryPolicy = {
  /** tries in all, the first included */
  attempts: number;
  /** the first backoff's ceiling, in ms; doubled each time */
  baseMs: number;
  /** no single wait is longer */
  capMs: number;
  /** no retry starts once this much time has passed since the first try */
  budgetMs: number;
  /** a number in [0, 1) (Math.random; tests give their own) */
  random: () => number;
  /** waits (setTimeout; tests give their own) */
  sleep: (ms: number) => Promise<void>;
  /** where, for the log line each retry writes (no data, only the place) */
  where: string;
};

export const DEFAULT_POLICY: RetryPolicy = {
  attempts: 4,
  baseMs: 25,
  capMs: 400,
  budgetMs: 5_000,
  random: Math.random,
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
  where: "d1",
};

/** The wait before retry number `n` (1 = the first retry): full jitter, at most `capMs`. */
export const backoff = (p: Pick<RetryPolicy, "baseMs" | "capMs" | "random">, n: number) => Math.floor(p.random() * Math.min(p.capMs, p.baseMs * 2 ** (n - 1)));

/** Runs `op`, trying it again on a transient D1 fault while the policy allows; `op` must be idempotent. */
export async function retryIdempotent<T>(op: () => Promise<T>, policy: Partial<RetryPolicy> = {}): Promise<T> {
  const p = { ...DEFAULT_POLICY, ...policy };
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      if (attempt >= p.attempts || d1Fault(err) !== "transient") throw err;
      const wait = backoff(p, attempt);
      if (Date.now() - started + wait > p.budgetMs) throw err;
      logRetry(p.where);
      await p.sleep(wait);
    }
  }
}

/** Under every query: a round trip that only reads is retried by the policy; one that may write is not (its caller decides). */
export const retryReads =
  (policy: Partial<RetryPolicy> = {}): Around =>
  (trip, run) =>
    trip.readOnly ? retryIdempotent(run, { where: "read", ...policy }) : run();
