/** `/api/v1/registrations/{id}`: erasure on a person's request, by the staff who act for the data controller. */
import { createRoute } from "@hono/zod-openapi";
import { authProblems, bearer, createApi, problems } from "../../api/create-api";
import { t } from "../../i18n";
import { forbidden, notFound } from "../../lib/problem";
import { requireStaff } from "../staff/auth";
import { canAccessEvent } from "../staff/principal";
import { RegistrationIdParam } from "./schema";
import { eraseRegistration, findRegistration } from "./service";

/**
 * Admins and organisers: the organiser is the controller named in the privacy
 * notice and receives requests at its contact address. Enrollment staff are
 * not here: they only receive leads, and a person who asks them to stop is
 * served at once by the contact withdrawal in their own ticket page.
 */
const ERASERS = ["admin", "organiser"] as const;

export const rightsApi = createApi();

rightsApi.openapi(
  createRoute({
    method: "delete",
    path: "/registrations/{id}",
    summary: "Erase a registration's personal data on the person's request (audited; anonymous counts stay)",
    security: bearer,
    middleware: [requireStaff(ERASERS)] as const,
    request: { params: RegistrationIdParam },
    responses: { 204: { description: "Erased" }, ...authProblems, 404: problems[404] },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const reg = await findRegistration(c.var.db, id);
    const gone = () => notFound(t(c.var.lang, "rights.apiNotFound"));
    if (!reg) throw gone();
    if (!canAccessEvent(c.var.staff, reg.eventId)) throw forbidden(t(c.var.lang, "error.forbidden"));
    if (reg.erasedAt || !(await eraseRegistration(c.var.db, c.var.staff, reg))) throw gone();
    return c.body(null, 204);
  },
);
