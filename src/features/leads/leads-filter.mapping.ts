/** The desk's filters as a page's query carries them: the API's names, with calendar days for the dates. */
import type { Event } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { zoneOffset } from "../../lib/time";
import { formErrors } from "../../base/http/validation";
import type { FormErrors } from "../../base/views/form";
import { FILTER_KEYS, LeadFilterSchema } from "./leads.schema";
import type { FilterValues } from "./leads.views";

/** The first instant of a calendar day in `tz`, as ISO 8601 with offset; null for a date that does not exist. */
export function dayStartIso(date: string, tz: string, plusDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  if (d.getUTCDate() !== +m[3]! || d.getUTCMonth() !== +m[2]! - 1) return null;
  d.setUTCDate(d.getUTCDate() + plusDays);
  const day = d.toISOString().slice(0, 10);
  // the offset at midday avoids a daylight-saving jump at midnight
  return `${day}T00:00:00${zoneOffset(new Date(`${day}T12:00:00Z`), tz)}`;
}

export const PAGE_KEYS = [...FILTER_KEYS.filter((k) => k !== "since" && k !== "until"), "from", "to"] as const;

/**
 * The list's filters from the page's query: the same names as the API, except
 * calendar days (`from`, `to`, inclusive) in the event's zone for since/until.
 */
export function readFilter(query: Record<string, string>, event: Event, lang: Lang) {
  const values: FilterValues = {};
  for (const k of PAGE_KEYS) {
    const v = query[k]?.trim();
    if (v) values[k] = v;
  }
  const input: Record<string, string> = {};
  for (const k of FILTER_KEYS) if (values[k]) input[k] = values[k]!;
  const errors: FormErrors = {};
  if (values.from) {
    const since = dayStartIso(values.from, event.timezone);
    if (since) input.since = since;
    else errors.from = t(lang, "validation.date");
  }
  if (values.to) {
    const until = dayStartIso(values.to, event.timezone, 1);
    if (until) input.until = until;
    else errors.to = t(lang, "validation.date");
  }
  const parsed = LeadFilterSchema.safeParse(input);
  if (!parsed.success) {
    for (const [k, msg] of Object.entries(formErrors(parsed.error.issues, lang, true))) {
      errors[k === "since" ? "from" : k === "until" ? "to" : k] ??= msg;
    }
  }
  return { values, input, errors, filter: parsed.success ? parsed.data : null };
}

export function queryString(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
