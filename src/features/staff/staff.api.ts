/** `/api/v1/staff`: admins create, list and revoke staff tokens. */
import { z } from "@hono/zod-openapi";
import { STAFF_API_COLUMNS, StaffCreateSchema, StaffIdParam, StaffSchema } from "../../base/auth/staff.schema";
import { createStaffAccount, listStaff, revokeStaff } from "../../base/auth/staff.service";
import { notFound } from "../../base/http/problem";
import { createApi, jsonBody, jsonResponse, problems, staffRoute } from "../../base/openapi/openapi";
import { rowToApi } from "../../db/row-schema";
import { staff, type StaffMember } from "../../db/schema";

export const staffApi = createApi();

export const staffToApi = (s: StaffMember & { eventIds: number[] }) => ({
  ...rowToApi(staff, s, STAFF_API_COLUMNS),
  events: s.allEvents ? ("all" as const) : s.eventIds,
});

staffApi.openapi(
  staffRoute("staff.manage", {
    method: "post",
    path: "/staff",
    summary: "Create a staff member; the token is returned once and only its hash is stored",
    request: jsonBody(StaffCreateSchema),
    responses: {
      201: jsonResponse(StaffSchema.extend({ token: z.string() }), "The staff member and their token"),
      422: problems[422],
    },
  }),
  async (c) => {
    const { staff, token } = await createStaffAccount(c.var.db, c.var.staff, c.req.valid("json"));
    return c.json({ ...staffToApi(staff), token }, 201);
  },
);

staffApi.openapi(
  staffRoute("staff.manage", {
    method: "get",
    path: "/staff",
    summary: "List staff members (never their tokens)",
    responses: { 200: jsonResponse(z.object({ staff: z.array(StaffSchema) }), "Staff") },
  }),
  async (c) => c.json({ staff: (await listStaff(c.var.db)).map(staffToApi) }, 200),
);

staffApi.openapi(
  staffRoute("staff.manage", {
    method: "delete",
    path: "/staff/{id}",
    summary: "Revoke a staff member's token at once",
    request: { params: StaffIdParam },
    responses: { 204: { description: "Revoked" }, 404: problems[404] },
  }),
  async (c) => {
    if (!(await revokeStaff(c.var.db, c.var.staff, c.req.valid("param").id))) throw notFound("console.people.notFound");
    return c.body(null, 204);
  },
);
