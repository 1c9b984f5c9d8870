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
  /** lost-ticket resends per client address and event, and per phone number and event */
  RESEND_LIMITER?: RateLimit;
  RESEND_PHONE_LIMITER?: RateLimit;
  /** the outbox's queue (src/base/messaging): the id of each message to send */
  MESSAGES?: Queue<{ id: number }>;
  /** WhatsApp Business Cloud API (README › Messaging): the sending number's id, the system user's token (a secret) */
  WHATSAPP_PHONE_NUMBER_ID?: string;
  WHATSAPP_TOKEN?: string;
  /** the approved templates' names, one per kind of message (ticket, recovery, phone change) */
  WHATSAPP_TEMPLATE_TICKET?: string;
  WHATSAPP_TEMPLATE_RECOVERY?: string;
  WHATSAPP_TEMPLATE_PHONE_CHANGE?: string;
  /** the Graph API's base URL and version; `https://graph.facebook.com` and `v23.0` unless set (tests point it at a stand-in) */
  WHATSAPP_GRAPH_URL?: string;
  WHATSAPP_API_VERSION?: string;
  /** the Meta app's secret (signs status webhooks: X-Hub-Signature-256) and the webhook's verify token (both secrets) */
  WHATSAPP_APP_SECRET?: string;
  WHATSAPP_VERIFY_TOKEN?: string;
  /** signups whose write failed, kept until the database answers (bodies: `QueuedSignup`, base/registration/queued-signup.ts) */
  SIGNUPS?: Queue<unknown>;
  /** `npm run bench` only: the share of D1 round trips that fail with a transient error ("0.05"); local only (base/context/database.ts) */
  D1_FAULT_RATE?: string;
  /** seconds before a failing message's first retry, doubled at each retry (at most an hour); 30 unless set */
  MESSAGE_RETRY_SECONDS?: string;
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
    /** the submission this post is (base/http/submission-token.ts): a page that offers to send it again carries its token */
    submission?: { key: string; scope: "signup" | "kiosk" | "walkin"; eventId: number; seed: { code: string; at: Date; salt: string } };
  };
};
