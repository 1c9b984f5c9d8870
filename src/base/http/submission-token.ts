/**
 * One typed form, one submission, however often it is sent. A submission's
 * ticket code and time are chosen when the form is first sent; a page that
 * offers to send the form again ("Coba lagi" after the database stumbled)
 * carries them in a hidden field, so the second post is the same submission:
 * if the first one was written and only its answer lost, the second finds its
 * own registration instead of "already registered".
 *
 * The token is sealed by the server (AES-GCM, which authenticates as well as
 * hides: it holds a ticket code, a bearer secret, and may stand in a kiosk's
 * page), bound to the event and to the kind of form, and expires
 * `SUBMISSION_TOKEN_HOURS` after the submission was made. A token that does not
 * open (forged, expired, another event's or form's) is ignored: the post is a
 * new submission, never an error. Without a usable key there are no tokens.
 * A token only names a code: the registration is "mine" only where the person
 * of the answers holds exactly that ticket (register.service.ts).
 */
import type { Context } from "hono";
import { z } from "zod";
import { decrypt, encrypt } from "../../lib/crypto";
import { secretProblem } from "../../lib/secrets";
import { isTicketCode, newTicketCode } from "../../lib/ticket-code";
import type { AppEnv, Env } from "../context/env";
import { one, type FormValues } from "./read-form";

/** The hidden field that carries the token. */
export const SUBMISSION_FIELD = "submission";
/** How long after its first sending a submission can be sent again as itself. */
export const SUBMISSION_TOKEN_HOURS = 2;
/** Which form a token belongs to: a token of one is never accepted by another. */
export type SubmissionScope = "signup" | "kiosk" | "walkin";

/**
 * What makes a submission itself: the ticket a new person gets, its time (consent, message key), and
 * the secret its next codes are drawn from when another person holds its code (`nextTicketCode`):
 * sealed in the token, so even whoever holds the first code cannot work out the next.
 */
export type SubmissionSeed = { code: string; at: Date; salt: string };

/** A new submission's seed: a new ticket code, now, a new secret. */
export const newSeed = (): SubmissionSeed => ({ code: newTicketCode(), at: new Date(), salt: newTicketCode() });

// a token is ~150 characters; anything much longer is not one of ours
const MAX_TOKEN = 400;
// a clock a little ahead on another isolate still opens a token just made
const SKEW_MS = 60_000;

/**
 * The key that seals tokens, derived from SESSION_SECRET for this use alone; null when that secret is
 * unusable: then no token is made or accepted, and every post is a new submission (fail closed: never a
 * key anyone could know).
 */
export const submissionKey = (env: Env): string | null => (secretProblem(env.SESSION_SECRET) === null ? `submission-token:${env.SESSION_SECRET}` : null);

const Payload = z.object({ s: z.string(), e: z.number().int(), c: z.string().refine(isTicketCode), a: z.number().int(), n: z.string().refine(isTicketCode) });

/** The token for `seed`, submitted on the form `scope` of the event `eventId`. */
export function sealSubmission(key: string, scope: SubmissionScope, eventId: number, seed: SubmissionSeed): Promise<string> {
  return encrypt(key, JSON.stringify({ s: scope, e: eventId, c: seed.code, a: seed.at.getTime(), n: seed.salt }));
}

/** The submission `token` names, when it is ours, of this form and event, and not expired; else null. */
export async function openSubmission(key: string, scope: SubmissionScope, eventId: number, token: string, now = new Date()): Promise<SubmissionSeed | null> {
  if (!token || token.length > MAX_TOKEN) return null;
  let payload: z.infer<typeof Payload>;
  try {
    const parsed = Payload.safeParse(JSON.parse(await decrypt(key, token)));
    if (!parsed.success) return null;
    payload = parsed.data;
  } catch {
    // not base64url, not sealed by this key, or altered
    return null;
  }
  const age = now.getTime() - payload.a;
  if (payload.s !== scope || payload.e !== eventId || age > SUBMISSION_TOKEN_HOURS * 3_600_000 || age < -SKEW_MS) return null;
  return { code: payload.c, at: new Date(payload.a), salt: payload.n };
}

/**
 * This post's submission: the one its token names (the form sent again), else a new one. It is kept in
 * `c.var.submission` for every page that offers to send the form again (the form itself, and the not-saved
 * page a database fault ends in), which seals its token (`submissionToken`); none without a usable key.
 */
export async function submissionOf(
  c: Context<AppEnv>,
  scope: SubmissionScope,
  eventId: number,
  values: FormValues,
  /** a form's own rule for a token that opened (a kiosk's: not once the next person's turn began); refused: a new submission */
  stillOpen: (seed: SubmissionSeed) => Promise<boolean> = async () => true,
): Promise<SubmissionSeed> {
  const key = submissionKey(c.env);
  const opened = key ? await openSubmission(key, scope, eventId, one(values[SUBMISSION_FIELD])) : null;
  const seed = opened && (await stillOpen(opened)) ? opened : newSeed();
  // sealed only when a page offers the form again (submissionToken): a post that succeeds seals nothing
  if (key) c.set("submission", { key, scope, eventId, seed });
  return seed;
}

/** The token of this post's submission, for a page that offers to send the form again; none without a usable key. */
export async function submissionToken(c: Context<AppEnv>): Promise<string | undefined> {
  const s = c.var.submission;
  return s ? sealSubmission(s.key, s.scope, s.eventId, s.seed) : undefined;
}
