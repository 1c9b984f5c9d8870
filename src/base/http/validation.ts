/**
 * Turns zod issues into one message per field. Schemas name catalogue keys as
 * their custom messages (`{ error: key("validation.phone") }`); other issues are
 * mapped from their code. The result is untranslated (`Msg`): the edge reads it
 * out in the person's language.
 */
import { cleanLine } from "../../lib/text";
import { z } from "@hono/zod-openapi";
import { isMessageKey, key, msg, type Lang, type Msg } from "../../i18n";
import { fieldMessages, type FieldErrors, type FieldMsgs } from "./problem";

const isCount = (origin: string) => origin === "number" || origin === "int" || origin === "bigint";

export function issueMessage(issue: z.core.$ZodIssue): Msg {
  // a schema's own message is a key without placeholders (key() in the schema)
  if (isMessageKey(issue.message)) return { key: issue.message } as Msg;
  switch (issue.code) {
    case "invalid_type":
      // zod keeps no input in an issue (unless asked), only its words: "…, received undefined"
      if (issue.input === undefined ? /received (undefined|null)$/.test(issue.message) : issue.input === null) return msg("validation.required");
      if (issue.expected === "number" || issue.expected === "int" || issue.expected === "bigint") return msg("validation.number");
      if (issue.expected === "boolean") return msg("validation.yesNo");
      return msg("validation.invalid");
    case "too_small":
      // an empty text is a missing answer; a number below its range is not
      if (isCount(issue.origin)) return msg("validation.number");
      return ["string", "array", "set"].includes(issue.origin) && Number(issue.minimum) <= 1 ? msg("validation.required") : msg("validation.invalid");
    case "too_big":
      if (isCount(issue.origin)) return msg("validation.number");
      if (issue.origin === "string") return msg("validation.tooLong", { max: String(issue.maximum) });
      return msg("validation.tooMany", { max: String(issue.maximum) });
    case "invalid_value":
      return msg("validation.choice");
    default:
      return msg("validation.invalid");
  }
}

/**
 * `{ field: message }`, the first problem of each field. Nested paths join with
 * dots (`questions.0.options`), or stop at the form field with `topLevel`.
 */
export function fieldIssues(issues: readonly z.core.$ZodIssue[], topLevel = false): FieldMsgs {
  const out: FieldMsgs = {};
  for (const issue of issues) {
    const path = topLevel ? issue.path.slice(0, 1) : issue.path;
    const field = path.length ? path.map(String).join(".") : "_";
    out[field] ??= issueMessage(issue);
  }
  return out;
}

/** The field messages of a form's zod issues, in `lang` (for pages that show the form again). */
export const formErrors = (issues: readonly z.core.$ZodIssue[], lang: Lang, topLevel = false): FieldErrors => fieldMessages(fieldIssues(issues, topLevel), lang);

/**
 * A required text of at most `max` characters: missing or blank says "required", too long says so with the limit
 * (a schema-wide message would also stand for the length check, so it is given for a missing value only).
 */
export const requiredText = (max: number) =>
  z
    .string({ error: (issue) => (issue.code === "invalid_type" ? key("validation.required") : undefined) })
    // control characters and bidirectional overrides removed (lib/text.ts): a text of only those is empty
    .overwrite(cleanLine)
    .trim()
    .min(1, { error: key("validation.required") })
    .max(max);
