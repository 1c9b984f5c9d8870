/**
 * The MESSAGES queue's consumer: sends each outbox row through WhatsApp. A
 * channel that fails for now (network, 429, 5xx) gets the message again later
 * (`retry()`, up to `max_retries` in wrangler.toml), after which the queue moves
 * it to the dead-letter queue, whose consumer marks it `failed`. Delivery is at
 * least once, so a row that is no longer `queued` is never sent twice.
 */
import { and, eq, sql } from "drizzle-orm";
import { createDb, type Db } from "../../db/client";
import { messages } from "../../db/schema/messaging";
import type { Env } from "../context/env";
import { sendWhatsApp, whatsAppConfig } from "./whatsapp";

type Body = { id: number };

const validId = (body: unknown): number | null => {
  const id = (body as Body | null)?.id;
  return Number.isSafeInteger(id) && id! > 0 ? id! : null;
};

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
    await db.update(messages).set({ status: "sent", providerMessageId: result.providerId, attempts, error: null, updatedAt: now }).where(eq(messages.id, row.id));
    return message.ack();
  }
  if (result.retry) {
    await db.update(messages).set({ attempts, error: result.error, updatedAt: now }).where(eq(messages.id, row.id));
    return message.retry();
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
