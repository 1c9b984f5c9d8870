/**
 * The public signup form, field by field (the names are a public contract).
 * Messages are catalogue keys, so one schema serves the HTML form in both
 * languages and the JSON used by kiosks and the check-in desk.
 */
import { z } from "zod";
import { BPJS_STATUSES, type ExtraQuestion } from "../../db/schema";
import { compactNik, parseNik } from "../../lib/nik";
import { normalizePhone } from "../../lib/phone";
import { REGENCY_CODES } from "../../lib/regions";
import { SUBSECTOR_CODES } from "../../lib/subsectors";

export const INTERESTS = ["jkk", "jkm", "jht"] as const;

/** Field names of the standard form; extra question keys may not reuse them. */
export const STANDARD_FIELDS = [
  "name",
  "phone",
  "email",
  "regency",
  "occupation",
  "occupation_other",
  "nik",
  "birth_date",
  "bpjs_status",
  "interests",
  "consent",
  "contact_ok",
  "lang",
] as const;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
/** a repeatable field arrives as a string or an array of strings */
const manyOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(20));

const isoDate = z.string().refine((s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCDate() === +m[3]! && d.getUTCFullYear() > 1900 && d.getTime() <= Date.now();
}, { error: "validation.date" });

const StandardFields = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(100),
  phone: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(40, { error: "validation.phone" })
    .transform((v, ctx) => {
      const e164 = normalizePhone(v);
      if (!e164) ctx.addIssue({ code: "custom", message: "validation.phone" });
      return e164 ?? "";
    }),
  email: z.preprocess(blankToUndefined, z.email({ error: "validation.email" }).max(200).optional()),
  regency: z.enum(REGENCY_CODES, { error: "validation.choice" }),
  occupation: z.enum(SUBSECTOR_CODES as [string, ...string[]], { error: "validation.choice" }),
  occupation_other: optionalText(100),
  nik: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(40, { error: "validation.nikFormat" })
      .transform((v, ctx) => {
        const parsed = parseNik(v);
        if (parsed === "format") ctx.addIssue({ code: "custom", message: "validation.nikFormat" });
        if (parsed === "date") ctx.addIssue({ code: "custom", message: "validation.nikDate" });
        return compactNik(v);
      })
      .optional(),
  ),
  birth_date: z.preprocess(blankToUndefined, isoDate.optional()),
  bpjs_status: z.preprocess(blankToUndefined, z.enum(BPJS_STATUSES, { error: "validation.choice" }).default("unknown")),
  interests: manyOf(z.enum(INTERESTS, { error: "validation.choice" })).transform((v) => [...new Set(v)]),
  consent: z.literal("yes", { error: "validation.consent" }),
  contact_ok: z.preprocess(blankToUndefined, z.literal("yes").optional()),
  lang: z.preprocess(blankToUndefined, z.enum(["id", "en"]).optional()),
});

function answerSchema(q: ExtraQuestion): z.ZodType {
  const values = (q.options ?? []).map((o) => o.value) as [string, ...string[]];
  switch (q.type) {
    case "text":
      return q.required
        ? z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(500)
        : optionalText(500);
    case "yesno": {
      const s = z.enum(["yes", "no"], { error: "validation.choice" });
      return q.required ? s : z.preprocess(blankToUndefined, s.optional());
    }
    case "single": {
      const s = z.enum(values, { error: q.required ? "validation.required" : "validation.choice" });
      return q.required ? s : z.preprocess(blankToUndefined, s.optional());
    }
    case "multi": {
      const s = manyOf(z.enum(values, { error: "validation.choice" }));
      return q.required ? s.refine((v) => v.length > 0, { error: "validation.required" }) : s;
    }
  }
}

/** The standard fields alone (for documents; an event's form adds its questions: `signupSchema`). */
export const StandardSignupSchema = StandardFields;

/** Runs a cross-field check even when other fields failed, as long as `fields` themselves passed. */
const whenValid = (fields: string[]) => ({
  when: (payload: z.core.ParsePayload) => !payload.issues.some((i) => fields.includes(String(i.path?.[0]))),
});

/** False only when both are given and the birth date differs from the one inside the NIK. */
export function nikMatchesBirthDate(nik: string | undefined, birthDate: string | undefined): boolean {
  if (!nik || !birthDate) return true;
  const info = parseNik(nik);
  // the NIK holds DDMMYY; compare without guessing its century
  return typeof info === "string" || info.birthDate.slice(2) === birthDate.slice(2);
}

/** An event's extra questions as form fields, keyed by question key. */
export function answerFields(questions: readonly ExtraQuestion[]): Record<string, z.ZodType> {
  return Object.fromEntries(questions.map((q) => [q.key, answerSchema(q)]));
}

type CrossChecked = { occupation?: string; occupation_other?: string; nik?: string; birth_date?: string };

/** The checks that span fields: "other" needs its text, and the birth date must agree with the NIK. */
export function withCrossChecks<T extends z.ZodObject>(schema: T) {
  return schema
    .refine((v) => (v as CrossChecked).occupation !== "other" || Boolean((v as CrossChecked).occupation_other), {
      path: ["occupation_other"],
      message: "validation.occupationOther",
      ...whenValid(["occupation", "occupation_other"]),
    })
    .refine((v) => nikMatchesBirthDate((v as CrossChecked).nik, (v as CrossChecked).birth_date), {
      path: ["birth_date"],
      message: "validation.nikBirthDate",
      ...whenValid(["nik", "birth_date"]),
    });
}

/** The schema for one event's form: the standard fields plus its extra questions. */
export function signupSchema(questions: readonly ExtraQuestion[]) {
  return withCrossChecks(StandardFields.extend(answerFields(questions)));
}

export type SignupInput = z.infer<typeof StandardFields> & { answers: Record<string, string | string[]> };

/** The answers to an event's extra questions in parsed form values; unanswered ones left out. */
export function extraAnswers(parsed: Record<string, unknown>, questions: readonly ExtraQuestion[]): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const q of questions) {
    const v = parsed[q.key];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) answers[q.key] = v as string | string[];
  }
  return answers;
}

/** Splits parsed form values into the standard fields and the extra answers. */
export function toSignupInput(parsed: Record<string, unknown>, questions: readonly ExtraQuestion[]): SignupInput {
  return { ...(parsed as z.infer<typeof StandardFields>), answers: extraAnswers(parsed, questions) };
}
