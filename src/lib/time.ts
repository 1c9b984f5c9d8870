/** Times are stored in UTC and shown in the event's zone (Kupang: Asia/Makassar, UTC+8). */

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// building an Intl.DateTimeFormat costs far more than using one (a tenth of a millisecond and more
// on the ticket page): keep one per kind, zone and language
const formatters = new Map<string, Intl.DateTimeFormat>();
function kept(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    if (formatters.size > 200) formatters.clear();
    formatters.set(key, (f = make()));
  }
  return f;
}

function formatter(kind: "offset" | "parts", tz: string): Intl.DateTimeFormat {
  return kept(`${kind}|${tz}`, () =>
    kind === "offset"
      ? new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })
      : new Intl.DateTimeFormat("en-CA", {
          timeZone: tz,
          hourCycle: "h23",
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
          second: "2-digit",
        }),
  );
}

/** Offset of `tz` at `date` as `+08:00`. */
export function zoneOffset(date: Date, tz: string): string {
  const part = formatter("offset", tz)
    .formatToParts(date)
    .find((p) => p.type === "timeZoneName")?.value;
  const m = /GMT([+-]\d{2}:\d{2})/.exec(part ?? "");
  return m ? m[1]! : "+00:00";
}

/** ISO 8601 in the event's zone with its offset: `2026-11-28T09:00:00+08:00`. */
export function isoInZone(date: Date, tz: string): string {
  const parts = Object.fromEntries(
    formatter("parts", tz)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${zoneOffset(date, tz)}`;
}

const ZONE_NAMES: Record<string, string> = { "Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT" };

/** The zone as Indonesians name it (WIB, WITA, WIT), else its UTC offset. */
export function zoneName(date: Date, tz: string): string {
  return ZONE_NAMES[tz] ?? `UTC${zoneOffset(date, tz)}`;
}

/** `Sabtu, 05 Desember 2026 pukul 09.00 WITA` style, in the person's language. */
export function formatDateTime(date: Date, tz: string, lang: "id" | "en"): string {
  const text = kept(`full|${tz}|${lang}`, () =>
    new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", { timeZone: tz, dateStyle: "full", timeStyle: "short" }),
  ).format(date);
  return `${text} ${zoneName(date, tz)}`;
}

export function formatTime(date: Date, tz: string): string {
  return kept(`time|${tz}`, () => new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })).format(date);
}

/** Hour bucket `YYYY-MM-DD HH:00` in the event's zone. */
export function hourInZone(date: Date, tz: string): string {
  return `${isoInZone(date, tz).slice(0, 13).replace("T", " ")}:00`;
}

/** A formatter for short date-times in tables (`5 Des 2026 09.00 WITA`), made once per page. */
export function shortDateTimes(tz: string, lang: "id" | "en"): (date: Date) => string {
  const f = kept(`medium|${tz}|${lang}`, () => new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", { timeZone: tz, dateStyle: "medium", timeStyle: "short" }));
  return (d) => `${f.format(d)} ${zoneName(d, tz)}`;
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in `tz`. */
export const dayInZone = (date: Date, tz: string): string => isoInZone(date, tz).slice(0, 10);

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

/** `5 Des 2026` / `5 Dec 2026` for a calendar day. */
export function formatDay(day: string, lang: "id" | "en"): string {
  return new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", { timeZone: "UTC", dateStyle: "medium" }).format(new Date(`${day}T00:00:00Z`));
}
