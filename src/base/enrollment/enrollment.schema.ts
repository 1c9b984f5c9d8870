/**
 * Sponsored-cover programmes, allocations and enrollment records: one zod
 * schema per input serves the JSON API, the staff forms and the OpenAPI document.
 */
import { z } from "@hono/zod-openapi";
import { rowSchema } from "../../db/row-schema";
import { FUNDERS } from "../../db/schema/contributions";
import { COVERAGES, programmes } from "../../db/schema/enrollment";
import { key } from "../../i18n";
import { isKpj } from "../../lib/kpj";
import { REGENCY_CODES } from "../../lib/regions";
import { SUBSECTOR_CODES } from "../../lib/subsectors";
import { day, wholeNumber } from "../contributions/rates.schema";
import { requiredText } from "../http/validation";

const text = requiredText;
const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
/** a repeatable form field arrives as a string or an array; JSON sends an array */
const manyOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(40)).transform((v) => [...new Set(v)] as z.output<T>[]);
/** a checkbox (`yes`; left out when unticked) or a JSON boolean; any other answer is refused, never read as no */
const FLAG_WORDS: Record<string, boolean> = { yes: true, true: true, on: true, no: false, false: false, "": false };
const flag = z.preprocess((v) => (v === undefined ? false : typeof v === "string" && v in FLAG_WORDS ? FLAG_WORDS[v] : v), z.boolean());

const ProgrammeFields = z.object({
  name: text(200).openapi({ example: "Perlindungan Pekerja Kreatif Kota Kupang 2026" }),
  sponsor: text(200).openapi({ example: "Pemerintah Kota Kupang" }),
  funder: z.enum(FUNDERS, { error: key("validation.choice") }).openapi({ description: "who pays: `apbd` (a local government budget), `apbn` (the national budget), `csr` (a company), `other`" }),
  months: wholeNumber(1, 60).openapi({ description: "months of contributions the sponsor pays" }),
  quota: wholeNumber(1, 1_000_000).openapi({ description: "places: allocations never exceed it" }),
  target: z
    .preprocess((v) => (blank(v) ? null : v), wholeNumber(1, 1_000_000).nullable())
    .optional()
    .openapi({ description: "workers enrolled the sponsor aims for; progress is shown against it" }),
  covers: z.enum(COVERAGES, { error: key("validation.choice") }).default("jkk_jkm").openapi({ description: "what the sponsor pays for" }),
  eligible_regencies: manyOf(z.enum(REGENCY_CODES, { error: key("validation.choice") })).openapi({ description: "home regencies that may take part; empty: any" }),
  eligible_occupations: manyOf(z.enum(SUBSECTOR_CODES as [string, ...string[]], { error: key("validation.choice") })).openapi({
    description: "fields of work that may take part; empty: any",
  }),
  require_bpjs_none: flag.openapi({ description: "only workers who said they have no BPJS Ketenagakerjaan yet" }),
  starts_on: day.openapi({ description: "first day allocations are taken (`YYYY-MM-DD`, the event's zone)" }),
  ends_on: day.openapi({ description: "last day allocations are taken" }),
});

const endsAfterStart = (v: { starts_on?: string; ends_on?: string }) => !v.starts_on || !v.ends_on || v.ends_on >= v.starts_on;
const endsError = { path: ["ends_on"], error: key("validation.endsBeforeStart") };

export const ProgrammeInputSchema = ProgrammeFields.refine(endsAfterStart, endsError).openapi("ProgrammeInput");
export const ProgrammePatchSchema = ProgrammeFields.partial()
  .extend({ covers: z.enum(COVERAGES, { error: key("validation.choice") }).optional(), require_bpjs_none: flag.optional() })
  .refine(endsAfterStart, endsError)
  .openapi("ProgrammePatch");
export type ProgrammeInput = z.infer<typeof ProgrammeInputSchema>;
export type ProgrammePatch = z.infer<typeof ProgrammePatchSchema>;

export const PROGRAMME_API_COLUMNS = [
  "id",
  "name",
  "sponsor",
  "funder",
  "months",
  "quota",
  "target",
  "covers",
  "eligibleRegencies",
  "eligibleOccupations",
  "requireBpjsNone",
  "startsOn",
  "endsOn",
] as const;

export const ProgrammeSchema = rowSchema(programmes, PROGRAMME_API_COLUMNS, {
  eligibleRegencies: z.array(z.string()),
  eligibleOccupations: z.array(z.string()),
})
  .extend({
    event: z.string().nullable().openapi({ description: "the event's slug; null: open to every event's leads" }),
    allocated: z.int(),
    enrolled: z.int(),
    remaining: z.int(),
    progress: z.number().nullable().openapi({ description: "enrolled ÷ target (null without a target)" }),
  })
  .openapi("Programme");

export const ProgrammeIdParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" }, example: 1 }),
});

export const AllocateSchema = z.object({ programme_id: wholeNumber(1, 1_000_000_000) }).openapi("Allocate");

export const EnrollmentInputSchema = z
  .object({
    kpj: z
      .string({ error: key("validation.required") })
      .max(30, { error: key("validation.kpj") })
      .refine(isKpj, { error: key("validation.kpj") })
      .openapi({ description: "the BPJS Ketenagakerjaan membership number (KPJ): 11 characters", example: "26012345678" }),
    coverage: z.enum(COVERAGES, { error: key("validation.choice") }).openapi({ description: "`jkk_jkm`, or `jkk_jkm_jht` with old-age savings" }),
    income_base: wholeNumber(1, 1_000_000_000).openapi({ description: "the declared income band's base (rupiah), one of the bands in force", example: 1000000 }),
    enrolled_on: day.openapi({ description: "the day BPJS enrolled the worker (`YYYY-MM-DD`)" }),
  })
  .openapi("EnrollmentInput");
export type EnrollmentInput = z.infer<typeof EnrollmentInputSchema>;

export const EnrollmentSchema = z
  .object({
    kpj_masked: z.string().nullable(),
    coverage: z.enum(COVERAGES),
    income_base: z.int(),
    enrolled_on: z.string(),
    programme: z.object({ id: z.int(), name: z.string(), sponsor: z.string() }).nullable(),
  })
  .openapi("Enrollment");
