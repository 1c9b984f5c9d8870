/**
 * Retention: once an event's `ends_at + retention_days` has passed, the
 * personal data of its registrations is erased (the same erasure as on
 * request), in chunks that keep each run inside D1's limits, with one audit
 * entry per event giving the count. A run that stops early (the query budget)
 * is finished by the next one; a second run over finished events does nothing.
 */
import { and, asc, eq, exists, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { events, registrations, scanReplies } from "../../db/schema";
import { auditInsert } from "../../base/audit/audit.service";
import { ERASURE_STATEMENTS, eraseEventChunk } from "./rights.service";

const DAY_MS = 86_400_000;

export type RetentionLimits = {
  /** registrations erased per batch (no bound parameter grows with it) */
  chunk: number;
  /** D1 queries one invocation may spend: 1,000 on Workers Paid, keep a margin */
  queryBudget: number;
  /** events looked at per run */
  events: number;
};

export const RETENTION_LIMITS: RetentionLimits = { chunk: 500, queryBudget: 900, events: 50 };

export type RetentionOutcome = { eventId: number; erased: number; complete: boolean };

/** Events past their retention period that still hold personal data. */
function dueEvents(db: Db, now: Date, limit: number) {
  return db
    .select({ id: events.id, retentionDays: events.retentionDays, endsAt: events.endsAt })
    .from(events)
    .where(
      and(
        lte(sql`${events.endsAt} + ${events.retentionDays} * ${DAY_MS}`, now.getTime()),
        exists(
          db
            .select({ one: sql`1` })
            .from(registrations)
            .where(and(eq(registrations.eventId, events.id), isNull(registrations.erasedAt))),
        ),
      ),
    )
    .orderBy(asc(events.endsAt))
    .limit(limit);
}

/** Erases what retention requires as of `now`; returns what it did per event. */
export async function eraseExpired(db: Db, now: Date, limits: RetentionLimits = RETENTION_LIMITS): Promise<RetentionOutcome[]> {
  const due = await dueEvents(db, now, limits.events);
  let queries = 1;
  // each chunk, plus the audit entry and the cache cleanup that close an event
  const room = () => queries + ERASURE_STATEMENTS + 2 <= limits.queryBudget;
  const outcomes: RetentionOutcome[] = [];
  for (const event of due) {
    if (!room()) break;
    let erased = 0;
    let complete = false;
    try {
      while (room()) {
        const n = await eraseEventChunk(db, event.id, limits.chunk, now);
        queries += ERASURE_STATEMENTS;
        erased += n;
        if (n < limits.chunk) {
          complete = true;
          break;
        }
      }
      // the door's retry cache is of no use long after the event
      if (complete) {
        await db.delete(scanReplies).where(eq(scanReplies.eventId, event.id));
        queries += 1;
      }
    } finally {
      // written even when a chunk failed, so what was erased is accounted for
      if (erased > 0) {
        await auditInsert(db, "system", {
          action: "retention.erase",
          eventId: event.id,
          detail: { count: erased, retention_days: event.retentionDays, complete },
        });
        queries += 1;
      }
    }
    outcomes.push({ eventId: event.id, erased, complete });
  }
  return outcomes;
}
