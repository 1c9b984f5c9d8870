/** Bindings and per-request variables, declared once for every handler. Secrets are read through ../config/secrets.ts. */
import type { Db } from "../../db/client";
import type { Event } from "../../db/schema";
import type { Lang } from "../../i18n";
import type { Principal } from "./principal";

export interface Env {
  DB: D1Database;
  /** "local" (wrangler.toml's top level), "staging" or "production": a deployment refuses every request until its secrets are set */
  ENVIRONMENT?: string;
  /** the first admin's bearer token (a secret, at least 32 characters) */
  ADMIN_TOKEN?: string;
  /** key for NIK encryption and keyed hashes (a secret, at least 32 characters); without it no NIK is accepted */
  DATA_KEY?: string;
  /** key that signs staff session cookies (a secret, at least 32 characters); without it no staff access */
  SESSION_SECRET?: string;
  /** "false" lets session cookies work over plain http (local development only) */
  SECURE_COOKIES?: string;
  /** signup posts per client address and event */
  SIGNUP_LIMITER?: RateLimit;
  /** signup posts per phone number and event */
  SIGNUP_PHONE_LIMITER?: RateLimit;
  /** Cloudflare Turnstile: the widget's site key (a var) and the server's secret (a secret), for events that turn it on */
  TURNSTILE_SITE_KEY?: string;
  TURNSTILE_SECRET?: string;
  /** where Turnstile tokens are verified; Cloudflare's siteverify unless set (tests point it at a local stand-in) */
  TURNSTILE_VERIFY_URL?: string;
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
    /** extra script and frame sources this page's Content-Security-Policy allows (Turnstile) */
    cspExtra?: string[];
  };
};
