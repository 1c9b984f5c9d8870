/**
 * What every JSON API route shares: a router whose validation failures are 422
 * problem+json naming each field, the problem shapes for the OpenAPI document,
 * and `staffRoute` / `eventRoute`, which add the guards and the usual
 * responses so a route states only what is its own.
 */
import { createRoute, OpenAPIHono, z, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { rolesThatMay, type Permission } from "../auth/roles";
import { requireStaff } from "../auth/guards";
import type { AppEnv } from "../context/env";
import { cachedEventScope, eventScope } from "../events/event-scope";
import { invalid, problemResponse } from "../http/problem";
import { fieldIssues } from "../http/validation";

/** An API router whose validation failures are 422 problem+json naming each field, in the caller's language. */
export function createApi() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return problemResponse(invalid(fieldIssues(result.error.issues)), c.var.lang);
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
    code: z.string().optional().openapi({
      description:
        "A word for scripts, in no language. On a staff 401: `session_ended` (no live session: sign in again, nothing is wiped), `signed_out` (the session was ended on the server) or `device_revoked` (the account, or its access to the event, was revoked); the last two come with `Clear-Site-Data`",
    }),
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

export const SlugParam = z.object({
  slug: z.string().min(1).max(100).openapi({ param: { name: "slug", in: "path" }, example: "fekk-2026" }),
});

type Spec<M, P, Req, Res> = { method: M; path: P; summary?: string; description?: string; request?: Req; responses: Res };
type Method = RouteConfig["method"];
type Request = NonNullable<RouteConfig["request"]>;
type Responses = RouteConfig["responses"];

const withRoles = (permission: Permission, summary: string | undefined) =>
  `${summary ?? ""}. Roles: ${rolesThatMay(permission).join(", ")}`.replace(/^\. /, "");

function guarded<M extends Method, P extends string, W extends MiddlewareHandler<AppEnv>[], Req extends Request, Res extends Responses>(
  permission: Permission,
  spec: Spec<M, P, unknown, unknown>,
  middleware: W,
  request: Req,
  responses: Res,
) {
  return createRoute({ method: spec.method, path: spec.path, summary: withRoles(permission, spec.summary), description: spec.description, security: bearer, middleware, request, responses });
}

/**
 * A route for staff holding `permission`: bearer security, the guard, and the 401/403 answers.
 * @example api.openapi(staffRoute("staff.manage", { method: "get", path: "/staff", responses: {…} }), handler)
 */
export function staffRoute<M extends Method, P extends string, Res extends Responses, Req extends Request = {}>(permission: Permission, spec: Spec<M, P, Req, Res>) {
  const responses = { ...authProblems, ...spec.responses } as typeof authProblems & Res;
  return guarded(permission, spec, [requireStaff(permission)], (spec.request ?? {}) as Req, responses);
}

/**
 * A route under `/events/{slug}` for staff holding `permission` within the event's scope:
 * the guard, the scope check that loads `c.var.event`, the slug parameter, and the 401/403/404 answers.
 * `cached`: the account and the event may come from this isolate's memory, for a route whose own
 * statement checks both again inside its transaction (the door's scan).
 * @example api.openapi(eventRoute("door.scan", { method: "get", path: "/events/{slug}/stats", responses: {…} }), handler)
 */
export function eventRoute<M extends Method, P extends string, Res extends Responses, Req extends Request = {}>(
  permission: Permission,
  spec: Spec<M, P, Req, Res>,
  opts: { cached?: boolean } = {},
) {
  const request = { params: SlugParam, ...spec.request } as { params: typeof SlugParam } & Req;
  const responses = { ...authProblems, 404: problems[404], ...spec.responses } as typeof authProblems & { 404: (typeof problems)[404] } & Res;
  const guards = opts.cached ? [requireStaff(permission, { cached: true }), cachedEventScope] : [requireStaff(permission), eventScope];
  return guarded(permission, spec, guards, request, responses);
}
