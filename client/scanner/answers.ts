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
  /** with `{time}`: let in by this phone (online, or offline from its list) */
  offlineDuplicateAt: string;
  /** with `{time}`: let in provisionally by this phone */
  provisionalDuplicate: string;
  offlineUnknown: string;
  offlineNoList: string;
  provisionalOk: string;
  /** with `{n}` and `{time}` */
  listSize: string;
  preparing: string;
  signedOut: string;
  deviceRevoked: string;
  deviceSignedOut: string;
  /** with `{n}`: scans that waited and can no longer be sent */
  unsentLost: string;
  /** with `{n}`: why the phone does not sign out yet */
  unsent: string;
  signOutOffline: string;
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

/** How this phone let a guest in: the server said so (`online`), from its list offline, or provisionally after the KTP. */
export type AdmittedHow = "online" | "listed" | "provisional";

/** A ticket this phone let in (and not out since): its digest, when (ISO) and how. */
export interface Admission {
  d: string;
  at: string;
  how: AdmittedHow;
}

/** The admitted list as stored; phones of the previous release kept bare digests (when and how unknown). */
export function readAdmitted(stored: unknown): Admission[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((x: unknown): Admission[] => {
    if (typeof x === "string") return [{ d: x, at: "", how: "listed" }];
    const a = x as Partial<Admission> | null;
    return a && typeof a.d === "string" ? [{ d: a.d, at: typeof a.at === "string" ? a.at : "", how: a.how === "online" || a.how === "provisional" ? a.how : "listed" }] : [];
  });
}

/**
 * What the phone decides alone when the server cannot be reached, from its list of the
 * event's valid tickets (digest → first name; null when it never had one):
 * - a ticket this phone already let in (online, from its list, or provisionally) is not
 *   let in again (`offline_duplicate`, red, with when and how), listed or not;
 * - a listed ticket comes in (`offline_ok`, green, with the name), queued as admitted `listed`;
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
  /** for a duplicate: the admission this phone made before */
  before?: Admission;
}

export function decideOffline(p: {
  /** the event's valid tickets: digest → first name; null when never fetched */
  names: Readonly<Record<string, string>> | null;
  /** the scanned ticket's digest */
  digest: string;
  direction: string;
  /** tickets this phone let in (and not out since) */
  admitted: readonly Admission[];
}): OfflineDecision {
  const entering = p.direction === "in";
  const listed = p.names !== null && Object.hasOwn(p.names, p.digest);
  const named = listed ? { name: p.names![p.digest]! } : {};
  // first: did this phone let the guest in already? a provisional admission is not in the list either
  const before = entering ? p.admitted.find((a) => a.d === p.digest) : undefined;
  if (before) return { status: "offline_duplicate", queue: false, admit: false, ask: false, ...named, before };
  if (!listed) {
    const status = p.names === null ? "offline" : "offline_unknown";
    return entering ? { status, queue: false, admit: false, ask: true } : { status, queue: "plain", admit: false, ask: false };
  }
  if (!entering) return { status: "offline_ok", queue: "plain", admit: false, ask: false, ...named };
  return { status: "offline_ok", queue: "listed", admit: true, ask: false, ...named };
}

/** An ISO time as the door writes it, HH:MM in the event's zone (`tz`; the phone's when empty), as the server's answers do. */
export const clock = (iso: string, tz?: string) =>
  new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: tz || undefined });

/** The answer shown for an offline decision; `time` writes an ISO time as the door reads it (HH:MM in the event's zone). */
export function offlineAnswer(msgs: ScannerMessages, d: OfflineDecision, time: (iso: string) => string = (iso) => iso): Answer {
  const message = {
    offline: d.ask ? msgs.offlineNoList : msgs.offline,
    offline_ok: msgs.offlineOk,
    offline_duplicate: duplicateText(msgs, d.before, time),
    offline_unknown: msgs.offlineUnknown,
  }[d.status];
  return { status: d.status, message, ...(d.name ? { attendee: { name: d.name } } : {}), ...(d.ask ? { ask: true } : {}) };
}

function duplicateText(msgs: ScannerMessages, before: Admission | undefined, time: (iso: string) => string): string {
  if (!before?.at) return msgs.offlineDuplicate;
  return (before.how === "provisional" ? msgs.provisionalDuplicate : msgs.offlineDuplicateAt).replace("{time}", time(before.at));
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

/** The admitted list after a scan the phone let through: in adds the ticket (when and how), out takes it away; the newest `max` kept. */
export function admittedAfter(admitted: readonly Admission[], digest: string, direction: string, at: Date, how: AdmittedHow, max = 20000): Admission[] {
  const rest = admitted.filter((a) => a.d !== digest);
  return direction === "in" ? [...rest, { d: digest, at: at.toISOString(), how }].slice(-max) : rest;
}
