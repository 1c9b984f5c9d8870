/**
 * No signup is lost when the database does not answer: the submission, as it
 * was judged (validated, the NIK already sealed, its ticket code and time
 * chosen), waits in the SIGNUPS queue, and the consumer writes it when D1
 * answers, by the same `writeSubmission`. Written exactly once however often the
 * queue delivers it: the person's unique index, the ticket's code and the
 * message's time decide, as for a retry in the request. Then the outbox sends
 * the ticket to the person's WhatsApp.
 *
 * Message versions: 1 names the person this browser holds (`held`, read by the
 * page); 2 may also carry the ticket codes the browser holds when the page could
 * not read whose they are (`heldCodes`): the consumer reads them when it writes.
 * Both are written; a v1 message still in a queue is written as before.
 */
import { and, eq, gte, inArray } from "drizzle-orm";
import { z } from "zod";
import { createDb, type Db } from "../../db/client";
import { booths, events, registrations, tickets, type Event } from "../../db/schema";
import { d1Fault } from "../../lib/db-errors";
import { logError } from "../../lib/log";
import { newTicketCode } from "../../lib/ticket-code";
import { LANGS } from "../../i18n";
import { database } from "../context/database";
import type { Env } from "../context/env";
import { allowed } from "../http/rate-limit";
import { ProblemError } from "../http/problem";
import { heldOwn, MAX_HELD, peopleHeld } from "./holder";
import { linkMessagesKey, linkSentAt, sendTicketLinks } from "./links.service";
import { CEILING_RETRY_SECONDS, type HeldPerson } from "./register.service";
import type { SignupInput } from "./registration.schema";
import { drawnCodes, writeSubmission, type Submission } from "./submission.service";

/** A submission as the queue carries it (JSON). */
const QueuedSignupSchema = z.object({
  v: z.union([z.literal(1), z.literal(2)]),
  eventId: z.number().int().positive(),
  boothId: z.number().int().positive().nullable(),
  input: z.looseObject({ name: z.string(), phone: z.string(), lang: z.enum(LANGS) }),
  nik: z.object({ nikCipher: z.string().nullable(), nikHash: z.string().nullable(), nikMasked: z.string().nullable() }),
  at: z.number().int(),
  code: z.string().min(1),
  // the secret of the submission's next codes (messages kept before it travelled draw a new one)
  salt: z.string().min(1).optional(),
  origin: z.string(),
  held: z.array(z.object({ registrationId: z.number().int(), code: z.string(), name: z.string().nullable(), phone: z.string().nullable() })).max(MAX_HELD),
  /** v2: the browser's ticket codes, not read yet */
  heldCodes: z.array(z.string()).max(MAX_HELD).optional(),
});
export type QueuedSignup = z.infer<typeof QueuedSignupSchema>;

/** Keeps a submission whose write failed in the SIGNUPS queue; throws when the queue refuses it too. */
export async function keepSubmission(queue: Queue<unknown>, s: Submission): Promise<void> {
  const body: QueuedSignup = {
    v: 2,
    eventId: s.event.id,
    boothId: s.booth?.id ?? null,
    // the NIK travels sealed only, never as typed
    input: { ...s.input, nik: undefined },
    nik: s.nik,
    at: s.at.getTime(),
    code: s.code,
    salt: s.salt,
    origin: s.origin,
    held: [...s.held],
    heldCodes: [...(s.heldCodes ?? [])],
  };
  await queue.send(body, { contentType: "json" });
}

/** Seconds before the queue offers a message again: doubling from 10 s, at most 10 minutes. */
export const redeliveryDelay = (attempts: number) => Math.min(600, 10 * 2 ** Math.max(0, attempts - 1));

/** The person among those the browser held whom the submission is about (it updates their answers), read now when the page could not. */
async function heldBy(db: Db, eventId: number, body: QueuedSignup): Promise<readonly HeldPerson[]> {
  return body.heldCodes?.length ? heldOwn(await peopleHeld(db, eventId, body.heldCodes), body.input) : body.held;
}

/**
 * True when a ticket the browser held was erased after the submission was made. Erasure blanks the phone
 * and the name, so the submission (perhaps that person's own update) can no longer be told apart from a
 * new person's: written, it would bring the erased person back. It is let go instead.
 */
async function heldErasedSince(db: Db, eventId: number, body: QueuedSignup): Promise<boolean> {
  // the tickets the browser held, and those this submission may itself have issued at an earlier delivery
  // (its code and the next ones drawn from it), whose person may have erased their data since
  const own = body.salt ? await drawnCodes(body.code, body.salt) : [body.code];
  const codes = [...(body.heldCodes ?? []), ...body.held.map((h) => h.code), ...own];
  const [row] = await db
    .select({ id: registrations.id })
    .from(tickets)
    .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
    .where(and(inArray(tickets.code, codes), eq(tickets.eventId, eventId), gte(registrations.erasedAt, new Date(body.at))))
    .limit(1);
  return row !== undefined;
}

/** What one delivery came to: written (or nothing left to write), or to be offered again after `delaySeconds`. */
type Outcome = { ack: true; why?: string } | { ack: false; delaySeconds: number };

/**
 * Writes one kept submission. The event is read at each delivery, so it is written at the event's version
 * of now (an event closed meanwhile still gets it: the person signed up while it was open and was told
 * their ticket would come). The event's ceiling of signups a minute applies here too: a flood kept in the
 * queue waits its turn instead of going in at once.
 */
async function writeKept(db: Db, env: Env, body: QueuedSignup): Promise<Outcome> {
  const [event] = await db.select().from(events).where(eq(events.id, body.eventId)).limit(1);
  // an event deleted meanwhile: nothing to write to
  if (!event) return { ack: true, why: "event gone" };
  if (await heldErasedSince(db, event.id, body)) return { ack: true, why: "held person erased" };
  const [booth] = body.boothId ? await db.select().from(booths).where(eq(booths.id, body.boothId)).limit(1) : [];
  const s: Submission = {
    event,
    booth: booth ?? null,
    input: body.input as unknown as SignupInput & { lang: (typeof LANGS)[number] },
    nik: body.nik,
    at: new Date(body.at),
    code: body.code,
    salt: body.salt ?? newTicketCode(),
    origin: body.origin,
    held: await heldBy(db, event.id, body),
    signupsPerMinute: event.signupsPerMinute,
  };
  let done;
  try {
    done = await writeSubmission(db, env.MESSAGES, s, "queued signup");
  } catch (err) {
    if (!(err instanceof ProblemError)) throw err;
    // the ceiling: after its minute; any other refusal (a holder's new name that another person on the
    // phone has) would be refused at every delivery: nothing is written, and the message is let go
    return err.status === 429 ? { ack: false, delaySeconds: CEILING_RETRY_SECONDS } : { ack: true, why: "refused" };
  }
  if (!done) {
    // nothing written at the event's version of now: the event changed between the read and the write
    // (read it again at once), or, with the same version, the holder's own registration is gone (erased
    // meanwhile): nothing of theirs may be written back, and the message (their answers) is let go
    const [now] = await db.select({ version: events.version }).from(events).where(eq(events.id, event.id)).limit(1);
    return now && now.version !== event.version ? { ack: false, delaySeconds: 0 } : { ack: true, why: "nothing to write" };
  }
  // someone with this phone and name was registered already: as on the page ("already registered"),
  // nothing of theirs is given to this submission; their phone gets its own ticket's link, once per
  // submission (a delivery again finds the link it sent) and within the number's budget of links
  if (done.kind === "known") await sendLinkOnce(db, env, event, done.registrationId, s);
  return { ack: true };
}

async function sendLinkOnce(db: Db, env: Env, event: Event, registrationId: number, s: Submission): Promise<void> {
  if (await linkSentAt(db, registrationId, s.at)) return;
  if (!(await allowed(env.RESEND_PHONE_LIMITER, linkMessagesKey(event.id, s.input.phone)))) return;
  await sendTicketLinks(db, env.MESSAGES, event, s.input.phone, s.origin, { by: "attendee", registrationId, now: s.at });
}

/** The Worker's queue() handler for SIGNUPS (and its dead-letter queue): each kept submission written once. */
export async function consumeSignups(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDb(database(env));
  for (const message of batch.messages) {
    const body = QueuedSignupSchema.safeParse(message.body);
    if (!body.success) {
      // not ours to write (a body of another version): kept nowhere, said in the log by kind only
      logError("queued signup unreadable", new Error("schema"), "signups");
      message.ack();
      continue;
    }
    try {
      const outcome = await writeKept(db, env, body.data);
      if (outcome.ack) {
        if (outcome.why) logError("queued signup let go", new Error(outcome.why), "signups");
        message.ack();
      } else message.retry({ delaySeconds: outcome.delaySeconds });
    } catch (err) {
      logError(d1Fault(err) ? "queued signup waits for the database" : "queued signup failed", err, "signups");
      message.retry({ delaySeconds: redeliveryDelay(message.attempts) });
    }
  }
}
