/** Inputs of the rights pages and API: the signup's own field schemas, so a correction obeys the same rules. */
import { z } from "@hono/zod-openapi";
import type { ExtraQuestion } from "../../db/schema";
import { answerFields, extraAnswers, ownFields, StandardSignupSchema, withCrossChecks } from "../../base/registration/registration.schema";

/** What a person may correct. The consents are not here: they are withdrawn on their own. */
const CorrectableFields = StandardSignupSchema.omit({ consent: true, contact_ok: true, send_whatsapp: true }).extend({
  /** the NIK is never shown in full, so a blank `nik` keeps it; this removes it */
  nik_remove: z.literal("yes").optional(),
});

/** The correction form of one event: the standard fields, its extra questions, the same cross-field checks. */
export function correctionSchema(questions: readonly ExtraQuestion[]) {
  return z.preprocess(ownFields, withCrossChecks(CorrectableFields.extend(answerFields(questions))));
}

export type Correction = z.infer<typeof CorrectableFields> & { answers: Record<string, string | string[]> };

/** Splits parsed form values into the standard fields and the extra answers. */
export function toCorrection(parsed: Record<string, unknown>, questions: readonly ExtraQuestion[]): Correction {
  return { ...(parsed as z.infer<typeof CorrectableFields>), answers: extraAnswers(parsed, questions) };
}

export const RegistrationIdParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" }, example: 42 }),
});
