/** Short date-times for console tables (`5 Des 2026 09.00 WITA`). */
import type { Lang } from "../../i18n";
import { zoneName } from "../../lib/time";

export function shortDateTime(date: Date, tz: string, lang: Lang): string {
  const text = new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", { timeZone: tz, dateStyle: "medium", timeStyle: "short" }).format(date);
  return `${text} ${zoneName(date, tz)}`;
}

/** `45%` of a whole, or an empty string when there is no whole. */
export const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : "");
