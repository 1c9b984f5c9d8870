/**
 * The MESSAGES queue's consumer: sends each outbox row through WhatsApp. A
 * channel that fails for now (network, 429, 5xx, a throttling code) gets the
 * message again later, each time after a longer wait (`retry({ delaySeconds })`,
 * up to `max_retries` in wrangler.toml), after which the queue moves it to the
 * dead-letter queue, whose consumer marks it `failed`. Delivery is at least
 * once, so a row that is no longer `queued` is never sent twice; a 200 that
 * names no message id was accepted all the same, so it is `sent` (its
 * delivery reports cannot be matched) and never sent again.
 */
import { and, eq, sql } from "drizzle-orm";
import { createDb, type Db } from "../../db/client";
import { messages } from "../../db/schema/messaging";
import type { Env } from "../context/env";
import { logSettingRefused } from "../../lib/log";
import { sendWhatsApp, whatsAppConfig } from "./whatsapp";

type Body = { id: number };

const validId = (body: unknown): number | null => {
  const id = (body as Body | null)?.id;
  return Number.isSafeInteger(id) && id! > 0 ? id! : null;
};

/** The first retry's wait when MESSAGE_RETRY_SECONDS is unset, and the longest wait. */
export const RETRY_SECONDS = { first: 30, longest: 3600 } as const;

/**
 * Seconds to wait before the next try after `attempts` tries: the first wait,
 * doubled after each try (30, 60, 120, 240, 480 s by default), at most an hour.
 */
export function retryDelay(attempts: number, first: number = RETRY_SECONDS.first): number {
  const tries = Math.max(1, Math.floor(attempts));
  return Math.min(first * 2 ** Math.min(tries - 1, 20), RETRY_SECONDS.longest);
}

/** MESSAGE_RETRY_SECONDS (0 to 3600, whole seconds), else the default; a value it cannot read is logged by name. */
export function firstRetrySeconds(env: Pick<Env, "MESSAGE_RETRY_SECONDS">): number {
  const raw = env.MESSAGE_RETRY_SECONDS?.trim();
  if (!raw) return RETRY_SECONDS.first;
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (n >= 0 && n <= RETRY_SECONDS.longest) return n;
  logSettingRefused("MESSAGE_RETRY_SECONDS", "invalid");
  return RETRY_SECONDS.first;
}

async function deliver(db: Db, env: Env, message: Message<Body>): Promise<void> {
  const id = validId(message.body);
  const [row] = id ? await db.select().from(messages).where(eq(messages.id, id)).limit(1) : [];
  // unknown, erased meanwhile, or handled by an earlier delivery of the same message
  if (!row || row.status !== "queued") return message.ack();
  const config = whatsAppConfig(env);
  const now = new Date();
  if (!config) {
    await db.update(messages).set({ status: "not_sent", updatedAt: now }).where(and(eq(messages.id, row.id), eq(messages.status, "queued")));
    return message.ack();
  }
  const result = await sendWhatsApp(config, { to: row.to, kind: row.kind, lang: row.lang, params: row.params });
  const attempts = sql`${messages.attempts} + 1`;
  if (result.ok) {
    // accepted without an id: sent all the same (sending again could reach the person twice)
    const error = result.providerId === null ? "no_message_id" : null;
    await db.update(messages).set({ status: "sent", providerMessageId: result.providerId, attempts, error, updatedAt: now }).where(eq(messages.id, row.id));
    return message.ack();
  }
  if (result.retry) {
    await db.update(messages).set({ attempts, error: result.error, updatedAt: now }).where(eq(messages.id, row.id));
    return message.retry({ delaySeconds: retryDelay(message.attempts, firstRetrySeconds(env)) });
  }
  await db.update(messages).set({ status: "failed", attempts, error: result.error, updatedAt: now }).where(eq(messages.id, row.id));
  message.ack();
}

/** Messages whose retries ran out: marked failed (the help desk can show the ticket instead). */
async function deadLetter(db: Db, message: Message<Body>): Promise<void> {
  const id = validId(message.body);
  if (id) await db.update(messages).set({ status: "failed", error: "dead_letter", updatedAt: new Date() }).where(and(eq(messages.id, id), eq(messages.status, "queued")));
  message.ack();
}

/** The Worker's queue() handler: the dead-letter queue's name ends in `-dlq` (wrangler.toml). */
export async function consumeMessages(batch: MessageBatch<Body>, env: Env): Promise<void> {
  const db = createDb(env.DB);
  const dead = batch.queue.endsWith("-dlq");
  for (const message of batch.messages) {
    await (dead ? deadLetter(db, message) : deliver(db, env, message));
  }
}
