import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { t } from "../i18n";
import { invalid, problemResponse } from "../lib/problem";
import { fieldErrors } from "../lib/validation";

/** An API router whose validation failures are 422 problem+json naming each field. */
export function createApi() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const lang = c.var.lang;
        return problemResponse(invalid(fieldErrors(result.error.issues, lang), t(lang, "error.formHasErrors")));
      }
    },
  });
}

/** The problem+json responses a route may give, for the OpenAPI document. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    errors: z.record(z.string(), z.string()).optional(),
  })
  .openapi("Problem");

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: Problem } },
});

export const authProblems = {
  401: problem("No valid staff token or session"),
  403: problem("The role or event scope does not allow this"),
} as const;

export const problems = {
  404: problem("Not found"),
  409: problem("Conflicts with existing data"),
  422: problem("Invalid fields, each named in `errors`"),
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { "application/json": { schema } } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const bearer = [{ Bearer: [] }];
