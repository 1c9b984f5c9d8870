/**
 * Turns zod issues into one message per field, in the person's language.
 * Schemas name catalogue keys as their custom messages (`{ error: "validation.phone" }`);
 * other issues are mapped from their code.
 */
import type { z } from "zod";
import { isMessageKey, t, type Lang } from "../i18n";
import type { FieldErrors } from "./problem";

export function issueMessage(issue: z.core.$ZodIssue, lang: Lang): string {
  if (isMessageKey(issue.message)) return t(lang, issue.message);
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? t(lang, "validation.required") : t(lang, "validation.invalid");
    case "too_small":
      return t(lang, "validation.required");
    case "too_big":
      return t(lang, "validation.tooLong", { max: String(issue.maximum) });
    case "invalid_value":
      return t(lang, "validation.choice");
    default:
      return t(lang, "validation.invalid");
  }
}

/**
 * `{ field: message }`, the first problem of each field. Nested paths join with
 * dots (`questions.0.options`), or stop at the form field with `topLevel`.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], lang: Lang, topLevel = false): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const path = topLevel ? issue.path.slice(0, 1) : issue.path;
    const field = path.length ? path.map(String).join(".") : "_";
    out[field] ??= issueMessage(issue, lang);
  }
  return out;
}
