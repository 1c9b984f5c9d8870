/** The last scans, newest first, listed under the camera and kept across reloads. */
import type { Answer } from "./answers";

/** One line of the list: time (`t`), status (`s`) and message (`m`), short keys as stored on phones. */
export interface LogEntry {
  t: string;
  s: string;
  m: string;
}

export const LOG_LENGTH = 10;

/**
 * The list line for an answer shown at `when`, the time in the event's zone (`tz`; the phone's when empty).
 * The list is kept on the phone, which keeps no more of a guest than the first name: a full name in the
 * server's message is cut to its first word.
 */
export function logEntry(answer: Answer, when: Date, tz: string | undefined): LogEntry {
  const t = when.toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: tz || undefined });
  const full = answer.attendee?.name.trim() ?? "";
  const first = full.split(/\s+/)[0] ?? "";
  const m = full && first !== full ? answer.message.split(full).join(first) : answer.message;
  return { t, s: answer.status, m };
}

/** The list with `entry` on top, the oldest beyond LOG_LENGTH dropped. */
export function addToLog(log: readonly LogEntry[], entry: LogEntry): LogEntry[] {
  return [entry, ...log].slice(0, LOG_LENGTH);
}
