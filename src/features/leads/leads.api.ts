/** `/api/v1/…/leads`: the follow-up pipeline and the exports, for enrollment staff. */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { canAccessEvent } from "../../base/auth/roles";
import type { AppEnv } from "../../base/context/env";
import { forbidden, invalid, notFound } from "../../base/http/problem";
import { createApi, eventRoute, jsonBody, jsonResponse, problems, staffRoute } from "../../base/openapi/openapi";
import { msg } from "../../i18n";
import { exportLeads, type ExportFormat } from "./leads.export";
import { historyToApi, leadToApi } from "./leads.mapping";
import { decodeCursor, findLead, leadQuery, listLeads } from "./leads.query";
import { LeadDetailSchema, LeadExportQuery, LeadIdParam, LeadListQuery, LeadPageSchema, LeadPatchSchema } from "./leads.schema";
import { auditLeadList, leadHistoryOf, updateLead } from "./leads.service";

export const leadsApi = createApi();

const fileResponse = (type: string, description: string) => ({
  description,
  headers: z.object({ "content-disposition": z.string() }),
  content: { [type]: { schema: z.string().openapi({ format: "binary" }) } },
});

const exportRoute = (format: ExportFormat, type: string) =>
  eventRoute("leads.work", {
    method: "get",
    path: `/events/{slug}/leads.${format}`,
    summary: `Export the event's leads as ${format.toUpperCase()} (streamed, audited)`,
    description:
      "Every registration with the contact opt-in that is not erased, in registration order. The NIK is masked unless `include=nik` is asked by a role that may see it (`leads.nik`).",
    request: { query: LeadExportQuery },
    responses: { 200: fileResponse(type, "The leads"), 422: problems[422] },
  });

leadsApi.openapi(exportRoute("csv", "text/csv"), (c) => {
  const { include, ...filter } = c.req.valid("query");
  return exportLeads(c, "csv", filter, include === "nik");
});

leadsApi.openapi(exportRoute("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (c) => {
  const { include, ...filter } = c.req.valid("query");
  return exportLeads(c, "xlsx", filter, include === "nik");
});

leadsApi.openapi(
  eventRoute("leads.work", {
    method: "get",
    path: "/events/{slug}/leads",
    summary: "List the event's leads, a page at a time (cursor)",
    request: { query: LeadListQuery },
    responses: { 200: jsonResponse(LeadPageSchema, "A page of leads"), 422: problems[422] },
  }),
  async (c) => {
    const { cursor, limit, ...filter } = c.req.valid("query");
    const { db, readDb, event, staff, lang } = c.var;
    const after = cursor ? decodeCursor(cursor) : null;
    if (cursor && !after) throw invalid({ cursor: msg("validation.invalid") });
    // the list may be a moment old (a replica), never older than the caller's bookmark (x-d1-bookmark)
    const page = await listLeads(readDb, await leadQuery(db, event, filter, staff), after, limit);
    await auditLeadList(db, staff, event, filter, page.leads.length, "api");
    return c.json({ leads: page.leads.map((l) => leadToApi(l, event, lang)), next_cursor: page.nextCursor }, 200);
  },
);

/** The lead named by `{id}`: 404 unless it is a lead, 403 outside the caller's events. */
async function scopedLead(c: Context<AppEnv>, id: number) {
  const found = await findLead(c.var.db, id);
  if (!found) throw notFound("leads.notFound");
  if (!canAccessEvent(c.var.staff, found.event.id)) throw forbidden("error.forbidden");
  return found;
}

async function detail(c: Context<AppEnv>, id: number) {
  const { lead, event } = await scopedLead(c, id);
  const history = await leadHistoryOf(c.var.db, id);
  return { ...leadToApi(lead, event, c.var.lang), history: history.map((h) => historyToApi(h, event)) };
}

leadsApi.openapi(
  staffRoute("leads.work", {
    method: "get",
    path: "/leads/{id}",
    summary: "Read one lead with its follow-up history",
    request: { params: LeadIdParam },
    responses: { 200: jsonResponse(LeadDetailSchema, "The lead"), 404: problems[404], 422: problems[422] },
  }),
  async (c) => c.json(await detail(c, c.req.valid("param").id), 200),
);

leadsApi.openapi(
  staffRoute("leads.work", {
    method: "patch",
    path: "/leads/{id}",
    summary: "Record follow-up: a status, a note, an assignee (any subset); kept as history",
    request: { params: LeadIdParam, ...jsonBody(LeadPatchSchema) },
    responses: { 200: jsonResponse(LeadDetailSchema, "The lead after the change"), 404: problems[404], 422: problems[422] },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { event } = await scopedLead(c, id);
    if (!(await updateLead(c.var.db, c.var.staff, event, id, c.req.valid("json")))) throw notFound("leads.notFound");
    return c.json(await detail(c, id), 200);
  },
);
