/**
 * The event form as the browser sends it, turned into the API's input shape so
 * that the API's own zod schemas (EventCreateSchema / EventPatchSchema) judge it.
 * Field names are the schema paths (`literacy.id`, `questions.0.label.en`), so
 * an issue's path names the field it belongs beside.
 */
import type { Event, ExtraQuestion } from "../../db/schema";
import { localToIso, utcToLocal } from "../../lib/datetime-local";
import { isValidTimeZone } from "../../lib/time";
import type { FormErrors, FormValues } from "../../base/views/form";
import { one } from "../../base/views/form";
import type { EventPatch } from "../../base/events/events.schema";

/** The schema allows 20 questions; the form never offers more rows. */
export const MAX_QUESTION_ROWS = 20;
const BLANK_ROWS = 3;

const q = (i: number, field: string) => `questions.${i}.${field}`;

/** Lower case, no accents, only [a-z0-9] and `sep`. */
function slugify(text: string, sep: string, max: number): string {
  const s = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^${sep}+|${sep}+$`, "g"), "");
  return s.slice(0, max).replace(new RegExp(`${sep}+$`), "");
}

/** A question key made from its label, for organisers who leave the key blank. */
export function keyFromLabel(label: string): string {
  const s = slugify(label, "_", 38);
  return s && /^[a-z]/.test(s) ? s : s ? `q_${s}`.slice(0, 40) : "";
}

/** A booth code made from its name, for organisers who leave the code blank. */
export const codeFromName = (name: string) => slugify(name, "-", 40);

/**
 * One option per line: `Label`, `Label ID | English label`, or
 * `code | Label ID | English label` (the code is what exports show).
 */
export function parseOptions(text: string): NonNullable<ExtraQuestion["options"]> {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const parts = line.split("|").map((p) => p.trim());
      if (parts.length >= 3) return { value: parts[0]!, label: { id: parts[1]!, en: parts[2] || parts[1]! } };
      const id = parts[0]!;
      return { value: slugify(id, "-", 40), label: { id, en: parts[1] || id } };
    });
}

export const formatOptions = (options: ExtraQuestion["options"]) =>
  (options ?? []).map((o) => `${o.value} | ${o.label.id} | ${o.label.en}`).join("\n");

/** What the edit form shows for a saved event. */
export function eventToForm(e: Event): FormValues {
  const v: FormValues = {
    name: e.name,
    venue: e.venue,
    city: e.city,
    timezone: e.timezone,
    starts_at: utcToLocal(e.startsAt, e.timezone),
    ends_at: utcToLocal(e.endsAt, e.timezone),
    status: e.status,
    organiser: e.organiser,
    contact_email: e.contactEmail,
    "literacy.id": e.literacy?.id ?? "",
    "literacy.en": e.literacy?.en ?? "",
    "privacy_notice.id": e.privacyNotice?.id ?? "",
    "privacy_notice.en": e.privacyNotice?.en ?? "",
    notice_version: e.noticeVersion,
    retention_days: String(e.retentionDays),
    signups_per_minute: String(e.signupsPerMinute),
    turnstile: e.turnstile ? "yes" : undefined,
    contribution_calculator: e.contributionCalculator ? "yes" : undefined,
  };
  e.questions.forEach((x, i) => {
    v[q(i, "key")] = x.key;
    v[q(i, "type")] = x.type;
    v[q(i, "label.id")] = x.label.id;
    v[q(i, "label.en")] = x.label.en;
    v[q(i, "required")] = x.required ? "yes" : undefined;
    v[q(i, "options")] = formatOptions(x.options);
  });
  return v;
}

/** The defaults of the create form. */
export const NEW_EVENT_FORM: FormValues = { timezone: "Asia/Makassar", status: "draft", notice_version: "1", retention_days: "365", signups_per_minute: "600" };

/** True when an organiser typed something into question row `i`. */
export const rowFilled = (values: FormValues, i: number) =>
  ["key", "label.id", "label.en", "options"].some((f) => one(values[q(i, f)]).trim() !== "");

/** How many question rows to show: every row sent or saved, plus a few blank ones. */
export function questionRowCount(values: FormValues): number {
  let sent = 0;
  let filled = 0;
  for (let i = 0; i < MAX_QUESTION_ROWS; i++) {
    if (["key", "type", "label.id"].some((f) => values[q(i, f)] !== undefined)) sent = i + 1;
    if (rowFilled(values, i)) filled = i + 1;
  }
  return Math.min(MAX_QUESTION_ROWS, Math.max(sent, filled + BLANK_ROWS));
}

function questionsFrom(values: FormValues) {
  const questions: unknown[] = [];
  /** form row of each question, to put its errors back beside the right row */
  const rows: number[] = [];
  const filled: FormValues = { ...values };
  for (let i = 0; i < MAX_QUESTION_ROWS; i++) {
    const get = (f: string) => one(values[q(i, f)]).trim();
    if (get("remove")) continue;
    const [key, labelId, labelEn, options] = [get("key"), get("label.id"), get("label.en"), get("options")];
    if (!key && !labelId && !labelEn && !options) continue;
    const derivedKey = key || keyFromLabel(labelId || labelEn);
    filled[q(i, "key")] = derivedKey;
    const parsedOptions = parseOptions(options);
    questions.push({
      key: derivedKey,
      type: get("type") || "text",
      label: { id: labelId || labelEn, en: labelEn || labelId },
      required: get("required") === "yes",
      options: parsedOptions.length ? parsedOptions : undefined,
    });
    rows.push(i);
  }
  return { questions, rows, filled };
}

const blankToUndefined = (s: string) => (s.trim() === "" ? undefined : s);

/**
 * The API input for a submitted form (not yet validated), the row of each
 * question, and the values to show again (with keys made from labels filled in).
 * Times are wall-clock times in the form's time zone (or `fallbackZone` while
 * that zone is itself invalid, so its own error is the one shown).
 */
export function formToEventInput(values: FormValues, fallbackZone: string, mode: "create" | "edit") {
  const text = (name: string) => one(values[name]);
  const zone = text("timezone").trim();
  const tz = isValidTimeZone(zone) && zone ? zone : fallbackZone;
  const time = (name: string) => {
    const v = text(name).trim();
    return v ? (localToIso(v, tz) ?? v) : undefined;
  };
  const bilingual = (name: string) => {
    const id = text(`${name}.id`);
    const en = text(`${name}.en`);
    return id.trim() || en.trim() || mode === "edit" ? { id, en } : undefined;
  };
  const days = text("retention_days").trim();
  const perMinute = text("signups_per_minute").trim();
  const { questions, rows, filled } = questionsFrom(values);
  const input: Record<string, unknown> = {
    name: text("name"),
    venue: text("venue"),
    city: text("city"),
    timezone: blankToUndefined(zone),
    starts_at: time("starts_at"),
    ends_at: time("ends_at"),
    status: blankToUndefined(text("status")),
    organiser: text("organiser"),
    contact_email: text("contact_email").trim(),
    literacy: bilingual("literacy"),
    privacy_notice: bilingual("privacy_notice"),
    notice_version: blankToUndefined(text("notice_version")),
    questions,
    retention_days: days === "" ? undefined : /^\d+$/.test(days) ? Number(days) : days,
    signups_per_minute: perMinute === "" ? undefined : /^\d+$/.test(perMinute) ? Number(perMinute) : perMinute,
    // a checkbox: absent when unticked, so the edit form says false
    turnstile: text("turnstile") === "yes" ? true : mode === "edit" ? false : undefined,
    contribution_calculator: text("contribution_calculator") === "yes",
  };
  if (mode === "create") input.slug = text("slug").trim().toLowerCase();
  return { input, rows, values: filled };
}

/**
 * Errors keyed by schema path, moved to the form rows they belong to; an
 * option's own problem is shown beside the options box.
 */
export function placeQuestionErrors<V>(errors: Record<string, V>, rows: number[]): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [key, msg] of Object.entries(errors)) {
    const m = /^questions\.(\d+)\.(.+)$/.exec(key);
    if (!m) {
      out[key] = msg;
      continue;
    }
    const row = rows[Number(m[1])] ?? Number(m[1]);
    const field = m[2]!.startsWith("options") ? "options" : m[2]!;
    out[q(row, field)] ??= msg;
  }
  return out;
}

type ApiEvent = Record<string, unknown>;
const noText = { id: "", en: "" };

/** Only the fields that differ from the saved event, so the audit log names real changes. */
export function changedFields(patch: EventPatch, saved: ApiEvent): EventPatch {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const before = saved[key] ?? (key === "literacy" || key === "privacy_notice" ? noText : undefined);
    const same =
      key === "starts_at" || key === "ends_at"
        ? Date.parse(String(value)) === Date.parse(String(before))
        : JSON.stringify(value) === JSON.stringify(before);
    if (!same) out[key] = value;
  }
  return out as EventPatch;
}
