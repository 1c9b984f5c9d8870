/** `/api/v1/leads/{id}/allocation` and `/enrollment`: a lead's place in a programme, and the record that they were enrolled. */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { canAccessEvent } from "../../base/auth/roles";
import type { AppEnv } from "../../base/context/env";
import { dataKey } from "../../base/config/secrets";
import { allocateLead, allocationOf, releaseAllocation } from "../../base/enrollment/allocation.service";
import { AllocateSchema, EnrollmentInputSchema, EnrollmentSchema, ProgrammeSchema } from "../../base/enrollment/enrollment.schema";
import { enrollmentOf, enrollmentToApi, recordEnrollment } from "../../base/enrollment/enrollment.service";
import { findProgramme, programmeToApi, withCounts } from "../../base/enrollment/programmes.service";
import { bpuMinAge } from "../../base/enrollment/settings";
import { forbidden, invalid, notFound } from "../../base/http/problem";
import { createApi, jsonBody, jsonResponse, problems, staffRoute } from "../../base/openapi/openapi";
import { findLeadWithEvent, findRegistrationWithEvent } from "../../base/registration/lead";
import { msg } from "../../i18n";

export const enrollmentApi = createApi();

const LeadIdParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" }, example: 42 }),
});

/** The lead named by `{id}`: 404 unless it is a lead, 403 outside the caller's events. */
async function scopedLead(c: Context<AppEnv>, id: number) {
  const found = await findLeadWithEvent(c.var.db, id);
  if (!found) throw notFound("leads.notFound");
  if (!canAccessEvent(c.var.staff, found.event.id)) throw forbidden("error.forbidden");
  return found;
}

const StateSchema = z
  .object({ allocation: ProgrammeSchema.nullable(), enrollment: EnrollmentSchema.nullable() })
  .openapi("LeadEnrollmentState");

async function state(c: Context<AppEnv>, id: number, eventSlug: string) {
  const [held, enrolled] = await Promise.all([allocationOf(c.var.db, id), enrollmentOf(c.var.db, id)]);
  const counted = held ? (await withCounts(c.var.db, [held.programme]))[0]! : null;
  return {
    allocation: counted ? programmeToApi(counted, counted.eventId === null ? null : eventSlug) : null,
    enrollment: enrolled ? enrollmentToApi(enrolled) : null,
  };
}

enrollmentApi.openapi(
  staffRoute("leads.work", {
    method: "get",
    path: "/leads/{id}/enrollment",
    summary: "A lead's place in a programme and enrollment record (KPJ masked)",
    request: { params: LeadIdParam },
    responses: { 200: jsonResponse(StateSchema, "The lead's place and record"), 404: problems[404] },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { event } = await scopedLead(c, id);
    return c.json(await state(c, id, event.slug), 200);
  },
);

enrollmentApi.openapi(
  staffRoute("leads.work", {
    method: "post",
    path: "/leads/{id}/allocation",
    summary: "Give a lead a place in a programme: eligibility checked, the quota decided by the database",
    description:
      "422 names why the lead may not take part (programme of another event or closed on this day, home regency, field of work, BPJS status, age unknown or under the minimum for BPU); 409 when the lead holds a place already or the places are gone.",
    request: { params: LeadIdParam, ...jsonBody(AllocateSchema) },
    responses: { 201: jsonResponse(StateSchema, "The lead's place and record"), 404: problems[404], 409: problems[409], 422: problems[422] },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const lead = await scopedLead(c, id);
    const programme = await findProgramme(c.var.db, c.req.valid("json").programme_id);
    if (!programme) throw invalid({ programme_id: msg("programme.notFound") });
    await allocateLead(c.var.db, { dataKey: dataKey(c.env), minAge: bpuMinAge(c.env) }, c.var.staff, programme, lead);
    return c.json(await state(c, id, lead.event.slug), 201);
  },
);

enrollmentApi.openapi(
  staffRoute("leads.work", {
    method: "delete",
    path: "/leads/{id}/allocation",
    summary: "Give a place back (audited): a lead's, or one held by someone who withdrew the opt-in or was erased",
    description: "409 while an enrollment record names the programme (whatever the follow-up status): the sponsor pays for that worker. 404 when the registration holds no place.",
    request: { params: LeadIdParam },
    responses: { 204: { description: "Released" }, 404: problems[404], 409: problems[409] },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    // a place of someone who withdrew the opt-in (or was erased) can be given back too, or it would count against the quota for ever
    const found = await findRegistrationWithEvent(c.var.db, id);
    if (!found) throw notFound("enrol.noAllocation");
    if (!canAccessEvent(c.var.staff, found.event.id)) throw forbidden("error.forbidden");
    await releaseAllocation(c.var.db, c.var.staff, id, found.event.id);
    return c.body(null, 204);
  },
);

enrollmentApi.openapi(
  staffRoute("leads.work", {
    method: "put",
    path: "/leads/{id}/enrollment",
    summary: "Record that the lead was enrolled: KPJ, cover, income band, day; the sponsor is the programme whose place they hold",
    description:
      "Sets the follow-up status to `enrolled`. The KPJ is encrypted at rest and shown masked; it leaves only in a programme file under the NIK rule. 409 naming `kpj` when the KPJ is recorded for another registration of the event, or of another event with a different NIK; 422 naming `enrolled_on` when the worker is under the BPU minimum age (`BPU_MIN_AGE`) that day.",
    request: { params: LeadIdParam, ...jsonBody(EnrollmentInputSchema) },
    responses: { 200: jsonResponse(StateSchema, "The lead's place and record"), 404: problems[404], 409: problems[409], 422: problems[422] },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { event, registration } = await scopedLead(c, id);
    const rules = { dataKey: dataKey(c.env), minAge: bpuMinAge(c.env) };
    if (!(await recordEnrollment(c.var.db, rules, c.var.staff, event, registration, c.req.valid("json")))) throw notFound("leads.notFound");
    return c.json(await state(c, id, event.slug), 200);
  },
);
