/** Bindings and per-request variables, declared once for every handler. */
import type { Db } from "../../db/client";
import type { Event } from "../../db/schema";
import type { Lang } from "../../i18n";
import type { Principal } from "./principal";

export interface Env {
  DB: D1Database;
  /** "local" (wrangler.toml's top level), "staging" or "production": only local may run without every secret */
  ENVIRONMENT?: string;
  /** the first admin's bearer token (a secret) */
  ADMIN_TOKEN: string;
  /** key for NIK encryption and keyed hashes (a secret); falls back to ADMIN_TOKEN locally */
  DATA_KEY?: string;
  /** key that signs staff session cookies (a secret); falls back to ADMIN_TOKEN locally */
  SESSION_SECRET?: string;
  /** "false" lets session cookies work over plain http (local development only) */
  SECURE_COOKIES?: string;
  SIGNUP_LIMITER?: RateLimit;
  /** the youngest age BPJS Ketenagakerjaan accepts for BPU cover; 18 when unset (see README, Settings) */
  BPU_MIN_AGE?: string;
  /** "allow": contribution figures honour `?on=YYYY-MM-DD` (tests and demos); never set in production */
  DATE_OVERRIDE?: string;
}

export type AppEnv = {
  Bindings: Env;
  Variables: {
    /** D1, first query on the primary: writes, and reads that decide (base/context/db-sessions.ts) */
    db: Db;
    /** D1 through a replica that may be a moment old, never older than the caller's own last write */
    readDb: Db;
    lang: Lang;
    staff: Principal;
    event: Event;
  };
};

/** The key that seals NIKs (AES-GCM) and makes their keyed hashes. */
export const dataKey = (env: Env): string => env.DATA_KEY || env.ADMIN_TOKEN;
