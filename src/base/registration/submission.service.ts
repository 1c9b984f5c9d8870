/**
 * One submission of the signup form (at a booth, a kiosk, the door), written
 * as D1 allows: the batch of `register`, tried again on a transient fault (it is
 * idempotent for one submission: its ticket code and its time are chosen once,
 * when the form is first sent, and a form sent again carries them: base/http/submission-token.ts),
 * then the ticket's message handed to the MESSAGES queue. When the database
 * still does not answer, the caller may keep the submission in the SIGNUPS
 * queue (queued-signup.ts), which writes it by this same function.
 */
import type { Booth, Event } from "../../db/schema";
import type { Db } from "../../db/client";
import { retryIdempotent } from "../../db/retry";
import { logError } from "../../lib/log";
import { newTicketCode, nextTicketCode } from "../../lib/ticket-code";
import type { Lang } from "../../i18n";
import { newSeed, type SubmissionSeed } from "../http/submission-token";
import { composeMessage, dispatch } from "../messaging/outbox.service";
import { register, type HeldPerson, type Registered, type SealedNik, type SignupWrite, type TicketMessageFor } from "./register.service";
import type { SignupInput } from "./registration.schema";
import { ticketUrl } from "./tickets.service";

/** Everything a submission writes with, fixed before its first try. */
export type Submission = {
  event: Event;
  booth: Booth | null;
  input: SignupInput & { lang: Lang };
  nik: SealedNik;
  /** the time of the submission: its consent's time, and the key of its message */
  at: Date;
  /**
   * the ticket a new person gets; when another person holds it (the form was sent again with other
   * answers) `writeSubmission` moves it on to `nextTicketCode`, the same way at every run
   */
  code: string;
  /** the secret the next codes are drawn from (`nextTicketCode`); never shown, sealed wherever it travels */
  salt: string;
  /** where the ticket's link points (`https://{host}`) */
  origin: string;
  held: readonly HeldPerson[];
  /** the ticket codes this browser holds, when the database could not say whose they are: read when the submission is written */
  heldCodes?: readonly string[];
  /** the event's ceiling of signups a minute (the page's and the queue's consumer's; none for the staff's walk-in) */
  signupsPerMinute?: number;
  /** more statements for the registering batch (a kiosk's, the door's): `SignupWrite.also` */
  also?: SignupWrite["also"];
};

/** A submission's fixed parts, `seed`: its ticket code and its time (a new submission's by default). */
export const newSubmission = (s: Omit<Submission, "at" | "code" | "salt">, seed: SubmissionSeed = newSeed()): Submission => ({ ...s, ...seed });

/** The ticket's WhatsApp message, when the person asked for it. */
function ticketMessage(s: Submission): TicketMessageFor | undefined {
  if (!s.input.send_whatsapp) return undefined;
  const { input, event, origin } = s;
  return (code) => ({ to: input.phone, lang: input.lang, ...composeMessage("ticket", input.lang, { name: input.name, event: event.name, link: ticketUrl(origin, code) }) });
}

// a code is taken only by a submission sent again with other answers, each turn by another person's;
// past these turns a new code (unguessable, never taken) ends the walk
const NEXT_CODES = 4;

/** Every code the submission `code`/`salt` can issue that is not random: its own and the next ones, in turn. */
export async function drawnCodes(code: string, salt: string): Promise<string[]> {
  const codes = [code];
  while (codes.length < NEXT_CODES) codes.push(await nextTicketCode(codes[codes.length - 1]!, salt));
  return codes;
}

/**
 * Writes the submission (retrying transient faults), then hands its message to the queue.
 * What `register` answers; a fault that outlasts the retries is thrown (d1Fault tells which).
 */
export async function writeSubmission(db: Db, queue: Queue<{ id: number }> | undefined, s: Submission, where = "signup"): Promise<Registered | null> {
  const limits = s.signupsPerMinute === undefined ? {} : { signupsPerMinute: s.signupsPerMinute };
  for (let turn = 1; ; turn++) {
    const write = { nik: s.nik, code: s.code, message: ticketMessage(s), also: s.also };
    const done = await retryIdempotent(() => register(db, { dataKey: null }, s.event, s.booth, s.input, s.at, limits, s.held, write), { where });
    if (done?.kind === "taken") {
      s.code = turn < NEXT_CODES ? await nextTicketCode(s.code, s.salt) : newTicketCode();
      continue;
    }
    if (done?.kind === "registered" && done.messageId !== null) {
      // the registration is written: a queue that fails now leaves the message queued in the outbox, not the person without an answer
      await dispatch(db, queue, [done.messageId]).catch((err) => logError("dispatch failed", err, where));
    }
    return done;
  }
}
