/** The last scans, newest first, listed under the camera and kept across reloads. */
import type { Answer } from "./answers";

/** One line of the list: time (`t`), status (`s`) and message (`m`), short keys as stored on phones. */
export interface LogEntry {
  t: string;
  s: string;
  m: string;
}

export const LOG_LENGTH = 10;

/** The list line for an answer shown at `when`, the time in the event's zone (`tz`; the phone's when empty). */
export function logEntry(answer: Answer, when: Date, tz: string | undefined): LogEntry {
  const t = when.toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: tz || undefined });
  return { t, s: answer.status, m: answer.message };
}

/** The list with `entry` on top, the oldest beyond LOG_LENGTH dropped. */
export function addToLog(log: readonly LogEntry[], entry: LogEntry): LogEntry[] {
  return [entry, ...log].slice(0, LOG_LENGTH);
}
