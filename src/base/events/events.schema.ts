/** Event and booth inputs: one zod schema validates the API, the console forms and the OpenAPI document. */
import { z } from "@hono/zod-openapi";
import { BilingualSchema as Bilingual, ExtraQuestionShape } from "../../db/json";
import { booths, EVENT_STATUSES, events } from "../../db/schema";
import { rowSchema } from "../../db/row-schema";
import { isValidTimeZone } from "../../lib/time";
import { STANDARD_FIELDS } from "../registration/fields";
import { key } from "../../i18n";
import { cleanLine } from "../../lib/text";

/** One line of text as stored: control characters and bidirectional overrides removed (lib/text.ts), trimmed. */
const line = () => z.string().overwrite(cleanLine).trim();
const text = (max: number) => line().min(1).max(max);

/**
 * Names no question may take: what every JavaScript object already has
 * (`constructor`, `__proto__`, `toString`…) or could be mistaken for (`then`,
 * `prototype`). A form is read by own property, but a name that means something
 * to the language has no place among the answers.
 */
export const RESERVED_QUESTION_KEYS: readonly string[] = [
  ...Object.getOwnPropertyNames(Object.prototype),
  "__proto__",
  "prototype",
  "then",
].map((k) => k.toLowerCase());

/** An extra question as an event stores it, whose key must not reuse a field of the standard form or a reserved name. */
export const ExtraQuestionSchema = ExtraQuestionShape.refine((q) => !(STANDARD_FIELDS as readonly string[]).includes(q.key), {
  path: ["key"],
  error: key("validation.questionKeyStandard"),
}).refine((q) => !RESERVED_QUESTION_KEYS.includes(q.key.toLowerCase()), {
  path: ["key"],
  error: key("validation.questionKeyReserved"),
});

const EventFields = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$/, { error: key("validation.slug") })
    // `/staff/events/new` is the console's create form
    .refine((slug) => slug !== "new", { error: key("validation.slugReserved") }),
  name: text(200),
  venue: text(200),
  city: text(100),
  starts_at: z.iso.datetime({ offset: true, error: key("validation.datetime") }),
  ends_at: z.iso.datetime({ offset: true, error: key("validation.datetime") }),
  timezone: z.string().refine(isValidTimeZone, { error: key("validation.timezone") }),
  status: z.enum(EVENT_STATUSES),
  organiser: line().max(200).optional(),
  contact_email: z.union([z.email(), z.literal("")]).optional(),
  literacy: Bilingual.optional(),
  privacy_notice: Bilingual.optional(),
  notice_version: line().min(1).max(20).optional(),
  questions: z
    .array(ExtraQuestionSchema)
    .max(20)
    .refine((qs) => new Set(qs.map((q) => q.key)).size === qs.length, { error: key("validation.questionKeysUnique") })
    .optional(),
  retention_days: z.int().min(1).max(3650).optional(),
  /** the most signups a minute the public form accepts; raise it for a big fair */
  signups_per_minute: z.int().min(1).max(100_000).optional(),
  /** Cloudflare Turnstile on the public form (needs TURNSTILE_SITE_KEY and TURNSTILE_SECRET) */
  turnstile: z.boolean().optional(),
  contribution_calculator: z.boolean().optional().openapi({ description: "the ticket page shows what BPJS cover costs per month" }),
});

const endsAfterStart = (v: { starts_at?: string; ends_at?: string }) =>
  !v.starts_at || !v.ends_at || Date.parse(v.ends_at) > Date.parse(v.starts_at);
// compared even when other fields failed, so a form shows every problem at once
const whenTimesValid = {
  when: (payload: z.core.ParsePayload) =>
    !payload.issues.some((i) => !i.path?.length || ["starts_at", "ends_at"].includes(String(i.path[0]))),
};

// defaults apply on create only: in zod 4 a default inside .partial() still fills
// a missing field, which would reset the status and zone of every PATCH
export const EventCreateSchema = EventFields.extend({
  timezone: EventFields.shape.timezone.default("Asia/Makassar"),
  status: EventFields.shape.status.default("draft"),
}).refine(endsAfterStart, {
  path: ["ends_at"],
  error: key("validation.endsBeforeStart"),
  ...whenTimesValid,
}).openapi("EventCreate");

/** The slug is printed on posters, so it never changes. */
export const EventPatchSchema = EventFields.omit({ slug: true })
  .partial()
  .refine(endsAfterStart, { path: ["ends_at"], error: key("validation.endsBeforeStart"), ...whenTimesValid })
  .openapi("EventPatch");

const BoothFields = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$|^[a-z0-9]$/, { error: key("validation.boothCode") })
    // `/e/{event}/privacy` is the event's privacy notice, `/e/{event}/resend` sends lost tickets again
    .refine((code) => code !== "privacy" && code !== "resend", { error: key("validation.reserved") }),
  name: text(200),
  exhibitor: line().max(200).optional(),
});

export const BoothCreateSchema = BoothFields.openapi("BoothCreate");

/** The code is printed on posters, so it never changes. */
export const BoothPatchSchema = BoothFields.omit({ code: true }).partial().openapi("BoothPatch");

/** The columns of an event the API shows, in this order. */
export const EVENT_API_COLUMNS = [
  "id",
  "slug",
  "name",
  "venue",
  "city",
  "timezone",
  "startsAt",
  "endsAt",
  "status",
  "organiser",
  "contactEmail",
  "literacy",
  "privacyNotice",
  "noticeVersion",
  "questions",
  "retentionDays",
  "signupsPerMinute",
  "turnstile",
  "contributionCalculator",
] as const;

export const EventSchema = rowSchema(events, EVENT_API_COLUMNS, {
  literacy: Bilingual.nullable(),
  privacyNotice: Bilingual.nullable(),
  questions: z.array(ExtraQuestionSchema),
})
  .extend({ signup_url: z.string() })
  .openapi("Event");

export const BOOTH_API_COLUMNS = ["id", "code", "name", "exhibitor"] as const;

export const BoothSchema = rowSchema(booths, BOOTH_API_COLUMNS).extend({ signup_url: z.string() }).openapi("Booth");

export const SlugParam = z.object({
  slug: z.string().min(1).max(100).openapi({ param: { name: "slug", in: "path" }, example: "fekk-2026" }),
});

export type EventCreate = z.infer<typeof EventCreateSchema>;
export type EventPatch = z.infer<typeof EventPatchSchema>;
export type BoothCreate = z.infer<typeof BoothCreateSchema>;
export type BoothPatch = z.infer<typeof BoothPatchSchema>;
