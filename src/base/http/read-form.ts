/** The one way a handler reads an HTML form, and turns a service's refusal back into field messages. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Lang } from "../../i18n";
import type { AppEnv } from "../context/env";
import { fieldMessages, ProblemError, type FieldErrors, type FieldMsgs } from "./problem";

/** A form as the browser sent it: strings, and arrays for repeated fields. */
export type FormValues = Record<string, string | string[] | undefined>;

/**
 * A field by its own name only: a question coded `constructor` or `toString`
 * must find its answer, not what every object inherits.
 */
export const own = <T>(values: Readonly<Record<string, T>>, name: string): T | undefined => (Object.hasOwn(values, name) ? values[name] : undefined);

/** The one value of a field (the first, if it was sent twice). */
export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
/** All values of a repeatable field. */
export const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/**
 * A form body as strings (repeated fields as arrays). Files are dropped, and an
 * unreadable body (malformed multipart, wrong content type) reads as empty, so a
 * handler answers it like a form left blank, never with a 5xx.
 */
export async function readForm(c: Context<AppEnv>): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  // no prototype: a field named `__proto__` or `constructor` is a field like any other
  const out: FormValues = Object.create(null) as FormValues;
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

/**
 * The field messages a service refused with (a 409 or 422 naming fields): `errors` in `lang`,
 * `fields` as keys; undefined for any other error.
 */
export function refusedFields(err: unknown, lang: Lang): { status: ContentfulStatusCode; errors: FieldErrors; fields: FieldMsgs } | undefined {
  if (err instanceof ProblemError && err.fields) return { status: err.status as ContentfulStatusCode, errors: fieldMessages(err.fields, lang), fields: err.fields };
  return undefined;
}

export const originOf = (c: Context<AppEnv>) => new URL(c.req.url).origin;
