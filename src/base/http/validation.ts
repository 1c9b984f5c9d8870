/**
 * Turns zod issues into one message per field. Schemas name catalogue keys as
 * their custom messages (`{ error: key("validation.phone") }`); other issues are
 * mapped from their code. The result is untranslated (`Msg`): the edge reads it
 * out in the person's language.
 */
import type { z } from "zod";
import { isMessageKey, msg, type Lang, type Msg } from "../../i18n";
import { fieldMessages, type FieldErrors, type FieldMsgs } from "./problem";

export function issueMessage(issue: z.core.$ZodIssue): Msg {
  // a schema's own message is a key without placeholders (key() in the schema)
  if (isMessageKey(issue.message)) return { key: issue.message } as Msg;
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? msg("validation.required") : msg("validation.invalid");
    case "too_small":
      return msg("validation.required");
    case "too_big":
      return msg("validation.tooLong", { max: String(issue.maximum) });
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
