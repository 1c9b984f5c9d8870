/**
 * What the scanner shows for each answer: the colour, the words, and the
 * decisions it makes alone while the network is down.
 */

/** The colour of an answer: green, red or amber. */
export type AnswerKind = "ok" | "bad" | "warn";

/** What `POST /events/{slug}/checkins` answers (CHECKIN_STATUSES on the server). */
export type ServerStatus = "checked_in" | "checked_out" | "already_checked_in" | "not_inside" | "not_found" | "wrong_event" | "revoked";

/** What the scanner answers itself: offline decisions, and a conflict found when syncing. */
export type LocalStatus = "offline" | "offline_ok" | "offline_duplicate" | "offline_unknown" | "conflict";

export type ScannerStatus = ServerStatus | LocalStatus;

export const ANSWER_KINDS: Readonly<Record<ScannerStatus, AnswerKind>> = {
  checked_in: "ok",
  checked_out: "ok",
  offline_ok: "ok",
  already_checked_in: "bad",
  not_found: "bad",
  revoked: "bad",
  offline_duplicate: "bad",
  offline_unknown: "bad",
  conflict: "bad",
  not_inside: "warn",
  wrong_event: "warn",
  offline: "warn",
};

/** The colour for a status; red for anything unknown (an error body has no status we know). */
export function answerKind(status: unknown): AnswerKind {
  return typeof status === "string" && Object.prototype.hasOwnProperty.call(ANSWER_KINDS, status) ? ANSWER_KINDS[status as ScannerStatus] : "bad";
}

/** An answer as the scanner shows it: the server's JSON, or one the scanner made. */
export interface Answer {
  /** a status; a problem+json error body may carry something else here */
  status: string;
  message: string;
  attendee?: { name: string };
  /** only into the scan list, no full-screen popup */
  quiet?: boolean;
}

/** The page's words for the script (the scanner's `data-msgs`), in the staff member's language. */
export interface ScannerMessages {
  offline: string;
  offlineOk: string;
  offlineDuplicate: string;
  offlineUnknown: string;
  /** with `{message}`: the server's answer */
  conflict: string;
  /** with `{n}`: how many scans wait */
  pending: string;
  ready: string;
  cameraUnavailable: string;
  noResults: string;
  inside: string;
  checkinButton: string;
}

/** The line under the camera while scans wait to be sent; empty when none wait. */
export function pendingText(msgs: ScannerMessages, n: number): string {
  return n ? msgs.pending.replace("{n}", String(n)) : "";
}

/**
 * What the phone decides alone when the server cannot be reached:
 * - without the event's digests it cannot tell, so it queues the scan (`offline`, amber);
 * - a code that is not among them is refused (`offline_unknown`);
 * - an admission of a ticket this phone already admitted offline is refused (`offline_duplicate`);
 * - otherwise it lets the guest pass (`offline_ok`) and queues the scan marked `offline`,
 *   remembering an admission so that the same ticket cannot pass twice here.
 */
export type OfflineDecision =
  | { status: "offline"; queue: "plain"; admit: false }
  | { status: "offline_unknown" | "offline_duplicate"; queue: false; admit: false }
  | { status: "offline_ok"; queue: "offline"; admit: boolean };

export function decideOffline(p: {
  /** the event's valid ticket digests, null when never fetched */
  known: readonly string[] | null;
  /** the scanned ticket's digest (not needed when `known` is null) */
  digest: string;
  direction: string;
  /** digests this phone admitted while offline */
  admitted: readonly string[];
}): OfflineDecision {
  if (!p.known) return { status: "offline", queue: "plain", admit: false };
  if (!p.known.includes(p.digest)) return { status: "offline_unknown", queue: false, admit: false };
  const entering = p.direction === "in";
  if (entering && p.admitted.includes(p.digest)) return { status: "offline_duplicate", queue: false, admit: false };
  return { status: "offline_ok", queue: "offline", admit: entering };
}

const OFFLINE_MESSAGES = {
  offline: "offline",
  offline_ok: "offlineOk",
  offline_duplicate: "offlineDuplicate",
  offline_unknown: "offlineUnknown",
} as const satisfies Record<OfflineDecision["status"], keyof ScannerMessages>;

/** The answer shown for an offline decision. */
export function offlineAnswer(msgs: ScannerMessages, decision: OfflineDecision): Answer {
  return { status: decision.status, message: msgs[OFFLINE_MESSAGES[decision.status]] };
}

/**
 * A scan this phone admitted offline that the server did not accept once the
 * network came back (another gate admitted the ticket meanwhile, say): reported
 * quietly in the scan list, since the guest is long gone from the door.
 */
export function conflictAnswer(msgs: ScannerMessages, sent: { offline?: boolean }, answer: Answer): Answer | null {
  if (!sent.offline || answer.status === "checked_in" || answer.status === "checked_out") return null;
  return { status: "conflict", message: msgs.conflict.replace("{message}", answer.message), quiet: true };
}
