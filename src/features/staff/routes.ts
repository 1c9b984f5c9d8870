/** `/api/v1/staff`: admins create, list and revoke staff tokens. */
import { createRoute, z } from "@hono/zod-openapi";
import { inArray } from "drizzle-orm";
import { authProblems, bearer, createApi, jsonBody, jsonResponse, problems } from "../../api/create-api";
import { events, type StaffMember } from "../../db/schema";
import { invalid, notFound } from "../../lib/problem";
import { t } from "../../i18n";
import { requireStaff } from "./auth";
import { StaffCreateSchema, StaffIdParam, StaffSchema } from "./schema";
import { createStaff, listStaff, revokeStaff } from "./service";

export const staffApi = createApi();
const ADMIN = ["admin"] as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function staffToApi(s: StaffMember & { eventIds: number[] }) {
  return {
    id: s.id,
    name: s.name,
    role: s.role,
    events: s.allEvents ? ("all" as const) : s.eventIds,
    gate: s.gate,
    created_at: s.createdAt.toISOString(),
    revoked_at: iso(s.revokedAt),
    last_used_at: iso(s.lastUsedAt),
  };
}

staffApi.openapi(
  createRoute({
    method: "post",
    path: "/staff",
    summary: "Create a staff member; the token is returned once and only its hash is stored",
    security: bearer,
    middleware: [requireStaff(ADMIN)] as const,
    request: jsonBody(StaffCreateSchema),
    responses: {
      201: jsonResponse(StaffSchema.extend({ token: z.string() }), "The staff member and their token"),
      ...authProblems,
      422: problems[422],
    },
  }),
  async (c) => {
    const input = c.req.valid("json");
    let eventIds: number[] | "all" = "all";
    if (input.events !== "all") {
      const slugs = [...new Set(input.events)];
      const found = await c.var.db.select({ id: events.id, slug: events.slug }).from(events).where(inArray(events.slug, slugs));
      const missing = slugs.filter((s) => !found.some((f) => f.slug === s));
      if (missing.length) {
        throw invalid({ events: `${t(c.var.lang, "error.eventNotFound")} (${missing.join(", ")})` });
      }
      eventIds = found.map((f) => f.id);
    }
    const { staff, token } = await createStaff(c.var.db, c.var.staff, { ...input, eventIds });
    return c.json({ ...staffToApi(staff), token }, 201);
  },
);

staffApi.openapi(
  createRoute({
    method: "get",
    path: "/staff",
    summary: "List staff members (never their tokens)",
    security: bearer,
    middleware: [requireStaff(ADMIN)] as const,
    responses: { 200: jsonResponse(z.object({ staff: z.array(StaffSchema) }), "Staff"), ...authProblems },
  }),
  async (c) => c.json({ staff: (await listStaff(c.var.db)).map(staffToApi) }, 200),
);

staffApi.openapi(
  createRoute({
    method: "delete",
    path: "/staff/{id}",
    summary: "Revoke a staff member's token at once",
    security: bearer,
    middleware: [requireStaff(ADMIN)] as const,
    request: { params: StaffIdParam },
    responses: { 204: { description: "Revoked" }, ...authProblems, 404: problems[404] },
  }),
  async (c) => {
    const ok = await revokeStaff(c.var.db, c.var.staff, c.req.valid("param").id);
    if (!ok) throw notFound("No active staff member with this id.");
    return c.body(null, 204);
  },
);
