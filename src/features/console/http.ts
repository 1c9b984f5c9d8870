/** Small request helpers the console pages share. */
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../env";
import { ProblemError } from "../../lib/problem";
import type { FormErrors, FormValues } from "../../views/form-fields";

export const originOf = (c: Context<AppEnv>) => new URL(c.req.url).origin;

/** A form body as strings (repeated fields as arrays); files are dropped. */
export async function formValues(c: Context<AppEnv>): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

/** Field errors a service reported (a 409 or 422 with `errors`), or undefined for any other error. */
export function serviceErrors(err: unknown): { status: ContentfulStatusCode; errors: FormErrors } | undefined {
  if (err instanceof ProblemError && err.extra.errors && typeof err.extra.errors === "object") {
    return { status: err.status as ContentfulStatusCode, errors: err.extra.errors as FormErrors };
  }
  return undefined;
}


/** Console forms are small: four texts of at most 10,000 characters and twenty questions fit well within this. */
export const formLimit = bodyLimit({ maxSize: 256 * 1024 });
