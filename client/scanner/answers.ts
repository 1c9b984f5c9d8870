/**
 * What the scanner shows for each answer: the colour, the words, and the
 * decisions it makes alone while the network is down.
 */

/** The colour of an answer: green, red or amber. */
export type AnswerKind = "ok" | "bad" | "warn";

/** What `POST /events/{slug}/checkins` answers (CHECKIN_STATUSES on the server). */
export type ServerStatus = "checked_in" | "checked_out" | "already_checked_in" | "not_inside" | "not_found" | "wrong_event" | "revoked";

/** What the scanner answers itself: offline decisions, and a conflict found when syncing. */
export type LocalStatus = "offline" | "offline_ok" | "offline_duplicate" | "offline_unknown" | "provisional_ok" | "conflict";

export type ScannerStatus = ServerStatus | LocalStatus;

export const ANSWER_KINDS: Readonly<Record<ScannerStatus, AnswerKind>> = {
  checked_in: "ok",
  checked_out: "ok",
  offline_ok: "ok",
  provisional_ok: "ok",
  already_checked_in: "bad",
  not_found: "bad",
  revoked: "bad",
  offline_duplicate: "bad",
  conflict: "bad",
  // not in this phone's list is not "unknown": the volunteer checks the KTP and decides
  offline_unknown: "warn",
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
  /** offer "admit provisionally" (amber: not in this phone's list) */
  ask?: boolean;
}

/** The page's words for the script (the scanner's `data-msgs`), in the staff member's language. */
export interface ScannerMessages {
  offline: string;
  offlineOk: string;
  offlineDuplicate: string;
  offlineUnknown: string;
  offlineNoList: string;
  provisionalOk: string;
  /** with `{n}` and `{time}` */
  listSize: string;
  preparing: string;
  signedOut: string;
  deviceRevoked: string;
  /** with `{n}` */
  unsent: string;
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
 * What the phone decides alone when the server cannot be reached, from its list of the
 * event's valid tickets (digest → first name; null when it never had one):
 * - a listed ticket comes in (`offline_ok`, green, with the name), queued as admitted
 *   `listed`; but not twice on this phone (`offline_duplicate`, red);
 * - a ticket not in the list, or any ticket without a list, is amber (`offline_unknown`,
 *   `offline`): the volunteer checks the KTP and may admit provisionally (`ask`);
 * - an exit is queued as it is and lets the guest in again later.
 */
export interface OfflineDecision {
  status: "offline" | "offline_ok" | "offline_duplicate" | "offline_unknown";
  /** how the scan waits for the network: as a plain scan, as an admission already made, or not at all */
  queue: "plain" | "listed" | false;
  /** the phone counts the ticket as inside */
  admit: boolean;
  /** offer the one-tap provisional admission */
  ask: boolean;
  /** the holder's first name, when listed */
  name?: string;
}

export function decideOffline(p: {
  /** the event's valid tickets: digest → first name; null when never fetched */
  names: Readonly<Record<string, string>> | null;
  /** the scanned ticket's digest */
  digest: string;
  direction: string;
  /** digests this phone let in (and not out since) */
  admitted: readonly string[];
}): OfflineDecision {
  const entering = p.direction === "in";
  const listed = p.names !== null && Object.hasOwn(p.names, p.digest);
  if (!listed) {
    const status = p.names === null ? "offline" : "offline_unknown";
    return entering ? { status, queue: false, admit: false, ask: true } : { status, queue: "plain", admit: false, ask: false };
  }
  const name = p.names![p.digest]!;
  if (!entering) return { status: "offline_ok", queue: "plain", admit: false, ask: false, name };
  if (p.admitted.includes(p.digest)) return { status: "offline_duplicate", queue: false, admit: false, ask: false, name };
  return { status: "offline_ok", queue: "listed", admit: true, ask: false, name };
}

/** The answer shown for an offline decision. */
export function offlineAnswer(msgs: ScannerMessages, d: OfflineDecision): Answer {
  const message = {
    offline: d.ask ? msgs.offlineNoList : msgs.offline,
    offline_ok: msgs.offlineOk,
    offline_duplicate: msgs.offlineDuplicate,
    offline_unknown: msgs.offlineUnknown,
  }[d.status];
  return { status: d.status, message, ...(d.name ? { attendee: { name: d.name } } : {}), ...(d.ask ? { ask: true } : {}) };
}

/** The answer once the volunteer admitted provisionally. */
export const provisionalAnswer = (msgs: ScannerMessages): Answer => ({ status: "provisional_ok", message: msgs.provisionalOk });

/**
 * A scan this phone admitted offline that the server did not accept once the
 * network came back (another gate admitted the ticket meanwhile, or a provisional
 * admission of a ticket it does not know): reported quietly in the scan list, since
 * the guest is long gone from the door. The server records it for the organisers.
 */
export function conflictAnswer(msgs: ScannerMessages, sent: { offline?: unknown }, answer: Answer): Answer | null {
  if (!sent.offline || answer.status === "checked_in" || answer.status === "checked_out") return null;
  return { status: "conflict", message: msgs.conflict.replace("{message}", answer.message), quiet: true };
}

/** The admitted set after a scan the phone let through: in adds the ticket, out takes it away. */
export function admittedAfter(admitted: readonly string[], digest: string, direction: string, max = 20000): string[] {
  const rest = admitted.filter((d) => d !== digest);
  return direction === "in" ? [...rest, digest].slice(-max) : rest;
}
