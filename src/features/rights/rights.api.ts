/** `/api/v1/registrations/{id}`: erasure on a person's request, by the staff who act for the data controller. */
import { canAccessEvent } from "../../base/auth/roles";
import { forbidden, notFound } from "../../base/http/problem";
import { createApi, problems, staffRoute } from "../../base/openapi/openapi";
import { RegistrationIdParam } from "./rights.schema";
import { eraseRegistration, findRegistration } from "./rights.service";

/**
 * Admins and organisers (`registrations.erase`): the organiser is the controller
 * named in the privacy notice and receives requests at its contact address.
 * Enrollment staff are not here: they only receive leads, and a person who asks
 * them to stop is served at once by the contact withdrawal in their own ticket page.
 */
export const rightsApi = createApi();

rightsApi.openapi(
  staffRoute("registrations.erase", {
    method: "delete",
    path: "/registrations/{id}",
    summary: "Erase a registration's personal data on the person's request (audited; anonymous counts stay)",
    request: { params: RegistrationIdParam },
    responses: { 204: { description: "Erased" }, 404: problems[404] },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const reg = await findRegistration(c.var.db, id);
    if (!reg) throw notFound("rights.apiNotFound");
    if (!canAccessEvent(c.var.staff, reg.eventId)) throw forbidden("error.forbidden");
    if (reg.erasedAt || !(await eraseRegistration(c.var.db, c.var.staff, reg))) throw notFound("rights.apiNotFound");
    return c.body(null, 204);
  },
);
