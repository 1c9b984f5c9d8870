/**
 * The public signup form, field by field (the names are a public contract).
 * Messages are catalogue keys, so one schema serves the HTML form in both
 * languages and the JSON used by kiosks and the check-in desk.
 */
import { z } from "zod";
import { BPJS_STATUSES, type ExtraQuestion } from "../../db/schema";
import { compactNik, parseNik, nikMatchesBirthDate } from "../../lib/nik";
import { normalizePhone } from "../../lib/phone";
import { REGENCY_CODES } from "../../lib/regions";
import { SUBSECTOR_CODES } from "../../lib/subsectors";
import { INTERESTS } from "./fields";
import { withGuardianCheck } from "./guardian";
import { requiredText } from "../http/validation";
import { key, LANGS } from "../../i18n";
import { cleanLine } from "../../lib/text";

// a text that is blank once cleaned (spaces, or only control characters) is no answer
const blankToUndefined = (v: unknown) => (typeof v === "string" && cleanLine(v).trim() === "" ? undefined : v);
/** One line of text as stored: control characters and bidirectional overrides removed (lib/text.ts), trimmed. */
const line = () => z.string().overwrite(cleanLine).trim();
const optionalText = (max: number) => z.preprocess(blankToUndefined, line().max(max).optional());
/** a repeatable field arrives as a string or an array of strings */
const manyOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(20));

const isoDate = z.string().refine((s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCDate() === +m[3]! && d.getUTCFullYear() > 1900 && d.getTime() <= Date.now();
}, { error: key("validation.date") });

const StandardFields = z.object({
  name: requiredText(100),
  phone: z
    .string({ error: key("validation.required") })
    .trim()
    .min(1, { error: key("validation.required") })
    .max(40, { error: key("validation.phone") })
    .transform((v, ctx) => {
      const e164 = normalizePhone(v);
      if (!e164) ctx.addIssue({ code: "custom", message: key("validation.phone") });
      return e164 ?? "";
    }),
  email: z.preprocess(blankToUndefined, z.email({ error: key("validation.email") }).max(200).optional()),
  regency: z.enum(REGENCY_CODES, { error: key("validation.choice") }),
  occupation: z.enum(SUBSECTOR_CODES as [string, ...string[]], { error: key("validation.choice") }),
  occupation_other: optionalText(100),
  nik: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(40, { error: key("validation.nikFormat") })
      .transform((v, ctx) => {
        const parsed = parseNik(v);
        if (parsed === "format") ctx.addIssue({ code: "custom", message: key("validation.nikFormat") });
        if (parsed === "date") ctx.addIssue({ code: "custom", message: key("validation.nikDate") });
        return compactNik(v);
      })
      .optional(),
  ),
  birth_date: z.preprocess(blankToUndefined, isoDate.optional()),
  bpjs_status: z.preprocess(blankToUndefined, z.enum(BPJS_STATUSES, { error: key("validation.choice") }).default("unknown")),
  interests: manyOf(z.enum(INTERESTS, { error: key("validation.choice") })).transform((v) => [...new Set(v)]),
  consent: z.literal("yes", { error: key("validation.consent") }),
  contact_ok: z.preprocess(blankToUndefined, z.literal("yes").optional()),
  // a person under 18 opts in to contact with a parent or guardian (guardian.ts)
  guardian_name: optionalText(100),
  guardian_consent: z.preprocess(blankToUndefined, z.literal("yes", { error: key("validation.choice") }).optional()),
  lang: z.preprocess(blankToUndefined, z.enum(LANGS).optional()),
  // "Kirim tiket ke WhatsApp saya": the ticket's link goes to the phone through the outbox
  send_whatsapp: z.preprocess(blankToUndefined, z.literal("yes").optional()),
});

function answerSchema(q: ExtraQuestion): z.ZodType {
  const values = (q.options ?? []).map((o) => o.value) as [string, ...string[]];
  switch (q.type) {
    case "text":
      return q.required
        ? requiredText(500)
        : optionalText(500);
    case "yesno": {
      const s = z.enum(["yes", "no"], { error: key("validation.choice") });
      return q.required ? s : z.preprocess(blankToUndefined, s.optional());
    }
    case "single": {
      const s = z.enum(values, { error: q.required ? "validation.required" : "validation.choice" });
      return q.required ? s : z.preprocess(blankToUndefined, s.optional());
    }
    case "multi": {
      const s = manyOf(z.enum(values, { error: key("validation.choice") }));
      return q.required ? s.refine((v) => v.length > 0, { error: key("validation.required") }) : s;
    }
  }
}

/** The standard fields alone (for documents; an event's form adds its questions: `signupSchema`). */
export const StandardSignupSchema = StandardFields;

/** Runs a cross-field check even when other fields failed, as long as `fields` themselves passed. */
const whenValid = (fields: string[]) => ({
  when: (payload: z.core.ParsePayload) => !payload.issues.some((i) => fields.includes(String(i.path?.[0]))),
});

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
      message: key("validation.occupationOther"),
      ...whenValid(["occupation", "occupation_other"]),
    })
    .refine((v) => nikMatchesBirthDate((v as CrossChecked).nik, (v as CrossChecked).birth_date), {
      path: ["birth_date"],
      message: key("validation.nikBirthDate"),
      ...whenValid(["nik", "birth_date"]),
    });
}

/**
 * The fields a form or JSON body sent, by their own names only: a copy without a
 * prototype, so that a question coded `constructor` reads the answer sent for it
 * (or none), never what every object inherits.
 */
export function ownFields(v: unknown): unknown {
  if (!v || typeof v !== "object" || Array.isArray(v)) return v;
  return Object.assign(Object.create(null) as Record<string, unknown>, v);
}

/** The schema for one event's form: the standard fields plus its extra questions; `today` (the event's zone) dates a minor's opt-in. */
const buildSignupSchema = (questions: readonly ExtraQuestion[], today: string) =>
  z.preprocess(ownFields, withGuardianCheck(withCrossChecks(StandardFields.extend(answerFields(questions))), today));
// built once per questions array and day: the event kept in the isolate's memory (event-cache.ts) keeps the same array
const signupSchemas = new WeakMap<readonly ExtraQuestion[], { today: string; schema: ReturnType<typeof buildSignupSchema> }>();

export function signupSchema(questions: readonly ExtraQuestion[], today: string) {
  const kept = signupSchemas.get(questions);
  if (kept?.today === today) return kept.schema;
  const schema = buildSignupSchema(questions, today);
  signupSchemas.set(questions, { today, schema });
  return schema;
}

export type SignupInput = z.infer<typeof StandardFields> & { answers: Record<string, string | string[]> };

/** The answers to an event's extra questions in parsed form values; unanswered ones left out. */
export function extraAnswers(parsed: Record<string, unknown>, questions: readonly ExtraQuestion[]): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const q of questions) {
    // by own property only: an answer is what was sent for the question, never an inherited member
    const v = Object.hasOwn(parsed, q.key) ? parsed[q.key] : undefined;
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) answers[q.key] = v as string | string[];
  }
  return answers;
}

/** Splits parsed form values into the standard fields and the extra answers. */
export function toSignupInput(parsed: Record<string, unknown>, questions: readonly ExtraQuestion[]): SignupInput {
  return { ...(parsed as z.infer<typeof StandardFields>), answers: extraAnswers(parsed, questions) };
}
