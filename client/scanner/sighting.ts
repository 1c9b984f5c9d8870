/** The camera sees a ticket many times a second: it is scanned once while it stays in view. */

/** The last code the camera saw, and when (ms). */
export interface Sighting {
  code: string;
  at: number;
}

export const NO_SIGHTING: Sighting = { code: "", at: 0 };

/** How long a code must be out of view (ms) before the camera scans it again. */
export const REPEAT_MS = 1500;

/** Whether seeing `code` at `now` is the same ticket still in view, not a new scan. */
export function isRepeat(last: Sighting, code: string, now: number): boolean {
  return code === last.code && now - last.at < REPEAT_MS;
}
