/**
 * `<input type="datetime-local">` speaks wall-clock time with no zone
 * (`2026-12-05T09:00`). These turn it into an instant in an IANA zone and back.
 */
import { isoInZone, zoneOffset } from "./time";

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The zone's offset from UTC at instant `at`, in milliseconds (+08:00 → 28 800 000). */
export const offsetMs = (at: number, tz: string) => {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zoneOffset(new Date(at), tz))!;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
};

/**
 * The UTC instant of a wall-clock time in `tz`, or null when `local` is not a
 * real date-time. In a daylight-saving overlap the earlier instant wins; a time
 * inside a spring-forward gap (which no clock shows) gets a real instant next to it, read with one of the
 * two offsets: an hour earlier west of UTC (New York 02:30 → 01:30), later east of it (Berlin 02:30 → 03:30).
 * Indonesia's zones have no daylight saving.
 * @example localToUtc("2026-12-05T09:00", "Asia/Makassar") // 2026-12-05T01:00:00.000Z
 */
export function localToUtc(local: string, tz: string): Date | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  // every instant that reads as this wall time has one of the offsets the zone has within a day of it
  // (a change of offset is rarer than that): those that really read so, the earliest winning in an overlap
  const DAY = 86_400_000;
  const offsets = new Set([offsetMs(wall - DAY, tz), offsetMs(wall, tz), offsetMs(wall + DAY, tz)]);
  const exact = [...offsets].map((o) => wall - o).filter((utc) => utc + offsetMs(utc, tz) === wall);
  if (exact.length) return new Date(Math.min(...exact));
  // none: a time inside a spring-forward gap, read with one of the offsets around it
  const first = offsetMs(wall, tz);
  const second = offsetMs(wall - first, tz);
  return new Date(wall - (second !== first ? second : first));
}

/** The same, as ISO 8601 with the zone's offset (`2026-12-05T09:00:00+08:00`), the form the API takes. */
export function localToIso(local: string, tz: string): string | null {
  const utc = localToUtc(local, tz);
  return utc ? isoInZone(utc, tz) : null;
}

/** The value for a datetime-local input: the instant's wall-clock time in `tz`, to the minute. */
export function utcToLocal(date: Date, tz: string): string {
  return isoInZone(date, tz).slice(0, 16);
}
