/**
 * A scan at the door. Admission is decided by ONE statement: an INSERT … SELECT
 * that only inserts when the ticket's latest valid scan allows it, numbered by
 * a per-ticket sequence under a unique index. D1 runs statements one at a
 * time, so fifty phones scanning one ticket at once admit it exactly once.
 *
 * The usual scan is ONE round trip of three statements (one transaction):
 * whether the scanning account is still allowed at this event and the answer
 * already given to this `client_id`; the admission, returning the holder's
 * name; the keeping of its answer for a retry. Because the account is checked
 * inside the transaction, the route may take the account and the event from
 * this isolate's memory (guards with `cached`): a revoked device is still
 * refused by the database itself at its next scan.
 */
import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { conflictInsert, conflictKind } from "../../base/door/conflicts.service";
import { forgetKey, forgetStaff } from "../../base/auth/principal-cache";
import type { Principal } from "../../base/context/principal";
import { fieldError, invalid, unauthorized } from "../../base/http/problem";
import type { Db } from "../../db/client";
import { checkins, events, registrations, scanReplies, staff, staffEvents, tickets, type Event } from "../../db/schema";
import { literal, nowMs } from "../../db/sql";
import { staffSessions } from "../../db/schema/sessions";
import { isUniqueViolation } from "../../lib/db-errors";
import { retryIdempotent } from "../../db/retry";
import { ticketCodeFrom } from "../../lib/ticket-code";
import { isoInZone } from "../../lib/time";
import type { CheckinStatus, ScanAnswer, ScanInput } from "./checkin.schema";

export const HTTP_STATUS: Record<CheckinStatus, 200 | 404 | 409 | 410 | 422> = {
  checked_in: 200,
  checked_out: 200,
  already_checked_in: 409,
  not_inside: 409,
  not_found: 404,
  wrong_event: 422,
  revoked: 410,
};

/** What a scan decided, in no language: the handler adds the message in the caller's (`withMessage`, scan-answer.mapping.ts). */
export type ScanOutcome = Omit<ScanAnswer, "message">;

/** The answer to an admission or exit (the database keeps the same one for retries: `passBody`). */
const passed = (event: Event, row: { id: number; direction: "in" | "out"; gate: string; scannedAt: Date }, name: string | null): ScanOutcome => ({
  status: row.direction === "in" ? "checked_in" : "checked_out",
  attendee: { name: name ?? "" },
  at: isoInZone(row.scannedAt, event.timezone),
  gate: row.gate,
  checkin_id: row.id,
});

/**
 * True while `by` may still scan at `event`: the account is not revoked, the
 * event is in its scope, and the session it signed in with (if any) has not
 * ended or expired. The ADMIN_TOKEN's account needs no check (replacing that
 * secret redeploys the Worker), its session does.
 */
function stillAllowed(by: Principal, eventId: number) {
  const account =
    by.id === null
      ? sql`1`
      : sql`exists (select 1 from ${staff} s where s.id = ${by.id} and s.revoked_at is null
    and (s.all_events = 1 or exists (select 1 from ${staffEvents} se where se.staff_id = s.id and se.event_id = ${eventId})))`;
  if (!by.session) return sql<number>`${account}`;
  return sql<number>`(${account} and exists (select 1 from ${staffSessions} ss where ss.id_hash = ${by.session} and ss.ended_at is null and ss.expires_at > ${nowMs}))`;
}

/**
 * The whole decision as three statements of one batch: whether `by` is still
 * allowed, the answer already given to this `client_id`, then the insert, which
 * writes only for a valid ticket of this event (not revoked, not erased) whose
 * latest valid scan allows it, for an allowed account, and not for a
 * `client_id` already answered; then the answer to an admission is kept for
 * retries, built by the database from the row just written (found by its
 * `client_id`). `ticket` picks the ticket (by its code; or, for a walk-in, the
 * ticket of the person the same batch registered). `admissionAnswer` reads the results.
 */
export function admissionStatements(db: Db, ticket: SQL, event: Event, by: Principal, input: ScanInput, at: Date) {
  const needed = input.direction === "in" ? "out" : "in";
  const clientId = input.client_id ?? "";
  const atText = isoInZone(at, event.timezone);
  const lastDirection = sql`(select direction from ${checkins} c where c.ticket_id = ${tickets.id} and c.undone_at is null order by c.seq desc limit 1)`;
  const unanswered = sql`not exists (select 1 from ${scanReplies} where ${scanReplies.eventId} = ${event.id} and ${scanReplies.clientId} = ${clientId})`;
  // the same keys, in the same order, as `passed` gives
  const passBody = sql<string>`json_object('status', ${input.direction === "in" ? "checked_in" : "checked_out"}, 'attendee', json_object('name', coalesce(${registrations.name}, '')),
    'at', ${atText}, 'gate', ${input.gate}, 'checkin_id', ${checkins.id})`;
  return [
    // before anything is written: is the account still allowed, and was this client_id answered already
    db
      .select({
        ok: stillAllowed(by, event.id),
        kept: sql<string | null>`(select ${scanReplies.body} from ${scanReplies} where ${scanReplies.eventId} = ${event.id} and ${scanReplies.clientId} = ${clientId})`,
        keptTicket: sql<number | null>`(select ${scanReplies.ticketId} from ${scanReplies} where ${scanReplies.eventId} = ${event.id} and ${scanReplies.clientId} = ${clientId})`,
      })
      .from(sql`(select 1)`),
    db
      .insert(checkins)
      .select(
        db
          .select({
            id: literal<number>(null, "id"),
            ticketId: tickets.id,
            eventId: tickets.eventId,
            seq: sql<number>`coalesce((select max(c.seq) from ${checkins} c where c.ticket_id = ${tickets.id}), 0) + 1`.as("seq"),
            direction: literal<"in" | "out">(input.direction, "direction"),
            gate: literal<string>(input.gate, "gate"),
            staffId: literal<number | null>(by.id, "staff_id"),
            device: literal<string | null>(by.gate, "device"),
            scannedAt: literal<number>(at.getTime(), "scanned_at"),
            createdAt: nowMs.as("created_at"),
            undoneAt: literal<number | null>(null, "undone_at"),
            undoneBy: literal<number | null>(null, "undone_by"),
            clientId: literal<string | null>(input.client_id ?? null, "client_id"),
          })
          .from(tickets)
          .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
          .where(
            and(
              ticket,
              eq(tickets.eventId, event.id),
              isNull(tickets.revokedAt),
              isNull(registrations.erasedAt),
              sql`coalesce(${lastDirection}, 'out') = ${needed}`,
              sql`${stillAllowed(by, event.id)}`,
              unanswered,
            ),
          ),
      )
      .returning({
        id: checkins.id,
        ticketId: checkins.ticketId,
        // the holder's name, for the answer (never erased here: the insert requires it)
        // (written out: drizzle drops table names inside RETURNING, which would make `id` ambiguous)
        name: sql<string | null>`(select r.name from ${registrations} r join ${tickets} t on t.registration_id = r.id where t.id = ${checkins.ticketId})`,
      }),
    db
      .insert(scanReplies)
      .select(
        db
          .select({
            eventId: checkins.eventId,
            clientId: checkins.clientId,
            ticketId: checkins.ticketId,
            httpStatus: literal<number>(200, "http_status"),
            body: passBody.as("body"),
            createdAt: nowMs.as("created_at"),
          })
          .from(checkins)
          .innerJoin(tickets, eq(tickets.id, checkins.ticketId))
          .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
          .where(and(eq(checkins.eventId, event.id), eq(checkins.clientId, clientId))),
      )
      .onConflictDoNothing(),
  ] as const;
}

/** What the statements of `admissionStatements` decided: the account still allowed, the answer kept for the client_id, the admission made. */
export function admissionAnswer(results: readonly unknown[]) {
  const [[before], inserted] = results as [{ ok: unknown; kept: string | null; keptTicket: number | null }[], { id: number; ticketId: number; name: string | null }[]];
  return {
    allowed: Boolean(before?.ok),
    kept: before?.kept ? (JSON.parse(before.kept) as ScanOutcome) : undefined,
    keptTicket: before?.keptTicket ?? null,
    inserted: inserted[0],
  };
}

type Found = { ticketId: number; eventId: number; revokedAt: Date | null; name: string | null; erasedAt: Date | null };

async function findByCode(db: Db, code: string): Promise<Found | undefined> {
  const [row] = await db
    .select({
      ticketId: tickets.id,
      eventId: tickets.eventId,
      revokedAt: tickets.revokedAt,
      name: registrations.name,
      erasedAt: registrations.erasedAt,
    })
    .from(tickets)
    .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
    .where(eq(tickets.code, code))
    .limit(1);
  return row;
}

/** The scan in effect for a ticket: its latest one that was not undone. */
async function lastValidScan(db: Db, ticketId: number) {
  const [row] = await db
    .select()
    .from(checkins)
    .where(and(eq(checkins.ticketId, ticketId), isNull(checkins.undoneAt)))
    .orderBy(desc(checkins.seq))
    .limit(1);
  return row;
}

/** Why a ticket was not let through (reads more: refusals are the rarer case). */
async function refusal(db: Db, code: string, event: Event, input: ScanInput, at: Date): Promise<{ answer: ScanOutcome; ticketId: number | null }> {
  const found = await findByCode(db, code);
  if (!found || found.erasedAt) return { answer: { status: "not_found" }, ticketId: null };
  const ticketId = found.ticketId;
  if (found.eventId !== event.id) {
    const other = await db.query.events.findFirst({ where: eq(events.id, found.eventId) });
    return { answer: { status: "wrong_event", event: { slug: other!.slug, name: other!.name } }, ticketId };
  }
  const name = found.name ?? "";
  if (found.revokedAt) return { answer: { status: "revoked", attendee: { name } }, ticketId };
  if (input.direction === "out") return { answer: { status: "not_inside", attendee: { name } }, ticketId };
  const inside = await lastValidScan(db, found.ticketId);
  const since = inside?.scannedAt ?? at;
  return {
    ticketId,
    answer: { status: "already_checked_in", attendee: { name }, at: isoInZone(since, event.timezone), gate: inside?.gate ?? "", checkin_id: inside?.id },
  };
}

/**
 * The door conflict a refusal raises when the phone had already admitted the guest offline
 * (`offline`, an admission): unexecuted, written only when `when` holds; null when none.
 */
function conflictFor(db: Db, by: Principal, event: Event, input: ScanInput, ticketId: number | null, answer: ScanOutcome, at: Date, clientId: string) {
  const kind = input.offline && input.direction === "in" ? conflictKind(answer.status) : null;
  if (!kind) return null;
  const fields = {
    eventId: event.id,
    kind,
    clientId,
    ticketId,
    provisional: input.offline === "provisional",
    gate: input.gate,
    staffId: by.id,
    scannedAt: at,
    otherGate: answer.status === "already_checked_in" ? (answer.gate ?? null) : null,
    otherAt: answer.status === "already_checked_in" && answer.at ? new Date(answer.at) : null,
  };
  return (when: SQL) => conflictInsert(db, fields, when);
}

/**
 * Keeps a refusal's answer for its `client_id` (a twin that got there first wins,
 * and its answer is returned). An admission the phone already made offline that
 * the server refuses is recorded as a door conflict, once, with the answer that
 * was kept (a twin that lost the race records nothing); without a `client_id`
 * the conflict alone is recorded.
 */
async function keepRefusal(db: Db, by: Principal, event: Event, input: ScanInput, ticketId: number | null, answer: ScanOutcome, at: Date): Promise<ScanOutcome> {
  const clientId = input.client_id ?? `server:${crypto.randomUUID()}`;
  const conflict = conflictFor(db, by, event, input, ticketId, answer, at, clientId);
  if (!input.client_id) {
    if (conflict) await conflict(sql`1`);
    return answer;
  }
  const body = JSON.stringify(answer);
  const keptReply = and(eq(scanReplies.eventId, event.id), eq(scanReplies.clientId, clientId));
  const store = db.insert(scanReplies).values({ eventId: event.id, clientId, ticketId, httpStatus: HTTP_STATUS[answer.status], body }).onConflictDoNothing();
  const read = db.select({ body: scanReplies.body }).from(scanReplies).where(keptReply);
  // idempotent by its client_id (the reply and the conflict are each kept once: unique indexes), so tried again on a passing fault
  const results: unknown[] = await retryIdempotent<unknown[]>(
    () => (conflict ? db.batch([store, conflict(sql`exists (select 1 from ${scanReplies} where ${keptReply} and ${scanReplies.body} = ${body})`), read]) : db.batch([store, read])),
    { where: "checkin" },
  );
  const [stored] = results[results.length - 1] as { body: string }[];
  return stored ? (JSON.parse(stored.body) as ScanOutcome) : answer;
}

const DAY_MS = 86_400_000;
/** How far ahead of the server's clock a phone's clock may run. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * When a scan sent with its own time (a phone that was offline) may have
 * happened: from a day before the event starts (or a day before now, for a
 * rehearsal at the door days ahead of the fair) to a day after it ends, and
 * never more than five minutes ahead of now. Until a day after the event it
 * holds now, so a scanner that always sends its clock is never refused for it.
 */
export function scanWindow(event: Event, now = new Date()): { from: Date; to: Date } {
  const from = Math.min(event.startsAt.getTime() - DAY_MS, now.getTime() - DAY_MS);
  const to = Math.min(event.endsAt.getTime() + DAY_MS, now.getTime() + CLOCK_SKEW_MS);
  return { from: new Date(from), to: new Date(to) };
}

/**
 * Decides one scan; never throws for a bad ticket, only answers. A retry with
 * the same `client_id` gets the first answer again, without a second decision.
 * 401 when the scanning account was revoked (or lost this event) meanwhile; a
 * `scanned_at` outside the event's window is refused (422 on the field).
 */
export async function scan(db: Db, by: Principal, event: Event, input: ScanInput, now = new Date()): Promise<ScanOutcome> {
  if (input.scanned_at) {
    const { from, to } = scanWindow(event, now);
    const t = Date.parse(input.scanned_at);
    if (!(t >= from.getTime() && t <= to.getTime())) {
      throw invalid(fieldError("scanned_at", "checkin.scannedAtWindow", { from: isoInZone(from, event.timezone), to: isoInZone(to, event.timezone) }));
    }
  }
  const code = ticketCodeFrom(input.ticket ?? "");
  const at = input.scanned_at ? new Date(input.scanned_at) : now;
  if (!code) return keepRefusal(db, by, event, input, null, { status: "not_found" }, at);

  // with a client_id the decision is idempotent (a second run gets the answer the first one kept), so a
  // transient fault is tried again; without one, a second run could answer "already inside" to a guest
  // the lost first run let in: the fault goes back to the scanner, which queues the scan (503)
  const decide = async () => admissionAnswer(await db.batch(admissionStatements(db, eq(tickets.code, code), event, by, input, at)));
  let trip: ReturnType<typeof admissionAnswer> | undefined;
  for (let attempt = 0; !trip; attempt++) {
    try {
      trip = input.client_id ? await retryIdempotent(decide, { where: "checkin" }) : await decide();
    } catch (err) {
      // two inserts computed the same sequence number, or took the same client_id: the other one won, and
      // the next trip sees what it wrote
      if (!isUniqueViolation(err) || attempt > 0) throw err;
    }
  }
  return scanAnswer(db, by, event, input, code, trip, at);
}

/**
 * The answer to a scan of the ticket `code` once its batch (`admissionStatements`) decided `trip`:
 * 401 for an account no longer allowed, the answer kept for its client_id, the admission, or why not.
 */
export async function scanAnswer(db: Db, by: Principal, event: Event, input: ScanInput, code: string, trip: ReturnType<typeof admissionAnswer>, at: Date): Promise<ScanOutcome> {
  if (!trip.allowed) {
    if (by.session) forgetKey(`session:${by.session}`);
    if (by.id !== null) forgetStaff(by.id);
    throw unauthorized("error.unauthorized");
  }
  if (trip.kept) {
    // the first try was refused while the phone heard nothing (no answer in time) and admitted the guest
    // offline: the retry, marked offline, raises the conflict the first could not (once: one per client_id)
    const late = conflictFor(db, by, event, input, trip.keptTicket, trip.kept, at, input.client_id ?? "");
    if (late && input.client_id) await late(sql`1`);
    return trip.kept;
  }
  // an admission or exit, whose answer the same batch kept for retries
  if (trip.inserted) return passed(event, { id: trip.inserted.id, direction: input.direction, gate: input.gate, scannedAt: at }, trip.inserted.name);

  const { answer, ticketId } = await refusal(db, code, event, input, at);
  return keepRefusal(db, by, event, input, ticketId, answer, at);
}
