/**
 * Lead inputs and outputs: one zod schema per input serves the JSON API, the
 * staff page and the OpenAPI document. Filters are query parameters, the same
 * on the list, the CSV and the XLSX export.
 */
import { z } from "@hono/zod-openapi";
import { BPJS_STATUSES, FOLLOWUP_STATUSES } from "../../db/schema";
import { REGENCY_CODES } from "../../lib/regions";
import { SUBSECTOR_CODES } from "../../lib/subsectors";
import { INTERESTS } from "../../base/registration/fields";
import { searchFits } from "../../base/registration/search";
import { key } from "../../i18n";
import { cleanLines } from "../../lib/text";


const datetime = z.iso.datetime({ offset: true, error: key("validation.datetime") });

const FilterFields = z.object({
  booth: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: key("validation.choice") })
    .optional()
    .openapi({ description: "booth code: leads who signed up at or visited this booth" }),
  since: datetime.optional().openapi({ description: "registered at or after (ISO 8601 with offset)" }),
  until: datetime.optional().openapi({ description: "registered before (ISO 8601 with offset)" }),
  status: z.enum(FOLLOWUP_STATUSES, { error: key("validation.choice") }).optional(),
  regency: z.enum(REGENCY_CODES, { error: key("validation.choice") }).optional(),
  occupation: z.enum(SUBSECTOR_CODES as [string, ...string[]], { error: key("validation.choice") }).optional(),
  interest: z.enum(INTERESTS, { error: key("validation.choice") }).optional(),
  assignee: z
    .string()
    .regex(/^(me|none|[1-9]\d{0,9})$/, { error: key("validation.choice") })
    .optional()
    .openapi({ description: "`me`, `none`, or a staff id" }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    // D1's 50-byte LIKE pattern, after folding, escaping and UTF-8 (base/registration/search.ts)
    .refine(searchFits, { error: key("validation.searchTooLong") })
    .optional()
    .openapi({ description: "part of the name or phone number (at most 48 bytes once lower-cased and escaped)" }),
});

const sinceBeforeUntil = (v: { since?: string; until?: string }) =>
  !v.since || !v.until || Date.parse(v.since) < Date.parse(v.until);
const untilError = { path: ["until"], error: key("validation.endsBeforeStart") };

export const LeadFilterSchema = FilterFields.refine(sinceBeforeUntil, untilError);
export type LeadFilter = z.infer<typeof LeadFilterSchema>;
/** The filter names, in the order forms and links carry them. */
export const FILTER_KEYS = Object.keys(FilterFields.shape) as (keyof LeadFilter)[];

export const LeadListQuery = FilterFields.extend({
  cursor: z.string().max(100).optional().openapi({ description: "`next_cursor` of the previous page" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).refine(sinceBeforeUntil, untilError);

export const LeadExportQuery = FilterFields.extend({
  include: z
    .enum(["nik"], { error: key("validation.choice") })
    .optional()
    .openapi({ description: "`nik`: the full NIK and birth date, for admin and enrollment roles (masked otherwise)" }),
}).refine(sinceBeforeUntil, untilError);

export const LeadPatchSchema = z
  .object({
    status: z.enum(FOLLOWUP_STATUSES, { error: key("validation.choice") }).optional(),
    note: z.string().overwrite(cleanLines).trim().min(1).max(1000).optional(),
    assignee_id: z.int().positive().nullable().optional().openapi({ description: "a staff id; null unassigns" }),
  })
  .refine((v) => v.status !== undefined || v.note !== undefined || v.assignee_id !== undefined, {
    error: key("leads.nothingToChange"),
  })
  .openapi("LeadPatch");
export type LeadPatch = z.infer<typeof LeadPatchSchema>;

export const LeadIdParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" }, example: 42 }),
});

const Named = z.object({ code: z.string(), name: z.string() });

export const LeadSchema = z
  .object({
    id: z.int(),
    event: z.string(),
    registered_at: z.string(),
    name: z.string(),
    phone: z.string(),
    whatsapp_url: z.string(),
    email: z.string().nullable(),
    nik_masked: z.string().nullable(),
    regency: Named,
    occupation: Named.extend({ other: z.string().nullable() }),
    interests: z.array(z.enum(INTERESTS)),
    bpjs_status: z.enum(BPJS_STATUSES),
    answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    first_booth: Named.nullable(),
    booths_visited: z.array(Named),
    checked_in: z.boolean(),
    status: z.enum(FOLLOWUP_STATUSES),
    last_note: z.string().nullable(),
    assignee: z.object({ id: z.int(), name: z.string() }).nullable(),
    programme: z.object({ id: z.int(), name: z.string() }).nullable().openapi({ description: "the sponsored-cover programme whose place the lead holds" }),
    kpj_masked: z.string().nullable().openapi({ description: "the BPJS Ketenagakerjaan membership number once enrolled, masked" }),
    consent_at: z.string(),
    contact_consent_at: z.string(),
    notice_version: z.string(),
    lang: z.string(),
    updated_at: z.string().nullable(),
  })
  .openapi("Lead");

export const LeadPageSchema = z
  .object({ leads: z.array(LeadSchema), next_cursor: z.string().nullable() })
  .openapi("LeadPage");

export const LeadHistorySchema = z
  .object({
    at: z.string(),
    by: z.object({ id: z.int().nullable(), name: z.string() }),
    status: z.enum(FOLLOWUP_STATUSES).nullable(),
    note: z.string().nullable(),
    assignee: z
      .object({ id: z.int().nullable(), name: z.string().nullable() })
      .nullable()
      .openapi({ description: "null: unchanged; id null: unassigned" }),
  })
  .openapi("LeadHistoryEntry");

export const LeadDetailSchema = LeadSchema.extend({ history: z.array(LeadHistorySchema) }).openapi("LeadDetail");
