/**
 * The shapes of the JSON columns (zod schemas, and the types they imply): one
 * source for what the database holds, what the API documents, and what the
 * console's forms are judged by. Rules that need more than the shape (a
 * question key may not reuse a standard field name) are added where events
 * are validated (src/base/events/events.schema.ts).
 */
import { z } from "zod";
import { key } from "../i18n";
import { cleanLine, cleanLines } from "../lib/text";

/** A text in both UI languages. */
const paragraphs = z.string().overwrite(cleanLines).max(10_000);
export const BilingualSchema = z.object({ id: paragraphs, en: paragraphs });
export type Bilingual = z.infer<typeof BilingualSchema>;

const label = z.string().overwrite(cleanLine).trim().min(1).max(200);
const LabelSchema = z.object({ id: label, en: label });

export const QUESTION_TYPES = ["text", "single", "multi", "yesno"] as const;

/** An extra question an organiser adds to the signup form. */
export const ExtraQuestionShape = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: key("validation.questionKey") }),
    type: z.enum(QUESTION_TYPES),
    label: LabelSchema,
    required: z.boolean().default(false),
    options: z
      .array(z.object({ value: z.string().regex(/^[a-z0-9_-]{1,40}$/, { error: key("validation.optionValue") }), label: LabelSchema }))
      .min(1)
      .max(30)
      .optional(),
  })
  .refine((q) => (q.type === "single" || q.type === "multi") === Boolean(q.options?.length), {
    path: ["options"],
    error: key("validation.questionOptions"),
  });
export type ExtraQuestion = z.output<typeof ExtraQuestionShape>;
