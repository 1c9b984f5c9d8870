/**
 * The outbox: a message to a person is a row written in the request that
 * causes it (with the rest of that request's writes, in one batch), then its id
 * goes to the MESSAGES queue; the consumer (consumer.ts) sends it. The row says
 * what happened: queued, sent, delivered, read, failed, or not_sent (no channel
 * set up here). `text` is the message as it reads, link included.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { messages, type MessageKind, type MessageStatus } from "../../db/schema/messaging";
import { t, type Lang } from "../../i18n";
import { logError } from "../../lib/log";
import { auditInsert, type Actor } from "../audit/audit.service";

export type NewMessage = { eventId: number; registrationId: number | null; to: string; kind: MessageKind; lang: Lang; params: string[]; text: string };

/** A message's words in the person's language, and the template's values in order (name, event, link). */
export function composeMessage(kind: MessageKind, lang: Lang, v: { name: string; event: string; link: string }): { text: string; params: string[] } {
  const key = kind === "ticket" ? "message.ticket" : kind === "phone_change" ? "message.phone_change" : "message.recovery";
  const params = kind === "phone_change" ? [v.event, v.link] : [v.name, v.event, v.link];
  return { text: t(lang, key, v), params };
}

/** The ticket itself, to the phone the person gave ("Kirim tiket ke WhatsApp saya", a kiosk, a walk-in). */
export function ticketMessage(event: { id: number; name: string }, person: { registrationId: number; name: string; phone: string; lang: Lang }, ticketUrl: string): NewMessage {
  const m = composeMessage("ticket", person.lang, { name: person.name, event: event.name, link: ticketUrl });
  return { eventId: event.id, registrationId: person.registrationId, to: person.phone, kind: "ticket", lang: person.lang, ...m };
}

/** The insert of one outbox row (returning its id), to join the batch of the request's other writes. */
export const outboxInsert = (db: Db, m: NewMessage) =>
  db.insert(messages).values({ ...m, status: "queued" }).returning({ id: messages.id });

/**
 * Hands written messages to the queue. Without the queue binding, or when the
 * queue refuses, the rows say so (`not_sent`, `failed`): nothing is lost
 * silently and the request still answers.
 */
export async function dispatch(db: Db, queue: Queue<{ id: number }> | undefined, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  if (!queue) {
    await db.update(messages).set({ status: "not_sent", error: "no_queue", updatedAt: new Date() }).where(inArray(messages.id, ids));
    return;
  }
  try {
    await queue.sendBatch(ids.map((id) => ({ body: { id } })));
  } catch (err) {
    logError("queue send failed", err, "outbox");
    await db.update(messages).set({ status: "failed", error: "queue", updatedAt: new Date() }).where(inArray(messages.id, ids));
  }
}

/** Writes messages (one batch) and hands them to the queue. */
export async function enqueue(db: Db, queue: Queue<{ id: number }> | undefined, list: NewMessage[]): Promise<number[]> {
  if (list.length === 0) return [];
  const [first, ...rest] = list.map((m) => outboxInsert(db, m));
  const rows = await db.batch([first!, ...rest]);
  const ids = rows.flat().map((r) => r.id);
  await dispatch(db, queue, ids);
  return ids;
}

/**
 * An event's outbox, newest first, for staff: the read is audited (`messages.read`: who, the event,
 * how many rows; never a number or a text), awaited before the answer leaves.
 */
export async function readOutbox(db: Db, by: Actor, eventId: number, via: "api" | "page", limit = 200) {
  const rows = await db
    .select({ id: messages.id, to: messages.to, kind: messages.kind, text: messages.text, status: messages.status, createdAt: messages.createdAt })
    .from(messages)
    .where(eq(messages.eventId, eventId))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
  await auditInsert(db, by, { action: "messages.read", eventId, detail: { rows: rows.length, via } });
  return rows;
}

/**
 * How far a status is along; a report moves a message only forward, so a replay or a late report
 * changes nothing (a late "delivered" never undoes a "read"). `failed` sits after `sent` and before
 * `delivered`: WhatsApp may accept a message (sent) and fail to deliver it later, but a message
 * delivered or read did not fail, and a late "sent" never undoes a failure.
 */
const RANK: Record<MessageStatus, number> = { not_sent: 0, queued: 0, sent: 1, failed: 2, delivered: 3, read: 4 };

export type StatusReport = { providerId: string; status: "sent" | "delivered" | "read" | "failed"; code?: number };

/** Applies the channel's status reports (webhook) to the messages they name; returns how many changed. */
export async function applyStatuses(db: Db, reports: StatusReport[], now = new Date()): Promise<number> {
  if (reports.length === 0) return 0;
  const rank = sql`case ${messages.status} ${sql.join(
    Object.entries(RANK).map(([s, r]) => sql`when ${s} then ${r}`),
    sql` `,
  )} else 0 end`;
  const updates = reports.map((r) =>
    db
      .update(messages)
      // a failure keeps WhatsApp's error code (a number, never personal data)
      .set({ status: r.status, updatedAt: now, error: r.status === "failed" ? (r.code === undefined ? "channel" : `channel_${r.code}`) : null })
      .where(and(eq(messages.providerMessageId, r.providerId), sql`${rank} < ${RANK[r.status]}`))
      .returning({ id: messages.id }),
  );
  const [first, ...rest] = updates;
  const results = await db.batch([first!, ...rest]);
  return results.reduce((n, rows) => n + rows.length, 0);
}
