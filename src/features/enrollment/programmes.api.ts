/** `/api/v1/…/programmes`: sponsored-cover programmes, their counts, and the programme file. */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { eq } from "drizzle-orm";
import type { AppEnv } from "../../base/context/env";
import {
  ProgrammeIdParam,
  ProgrammeInputSchema,
  ProgrammePatchSchema,
  ProgrammeSchema,
} from "../../base/enrollment/enrollment.schema";
import {
  createProgramme,
  findProgramme,
  mayReadProgramme,
  programmesOfEvent,
  programmeToApi,
  updateProgramme,
  withCounts,
} from "../../base/enrollment/programmes.service";
import { forbidden, notFound } from "../../base/http/problem";
import { createApi, eventRoute, jsonBody, jsonResponse, problems, staffRoute } from "../../base/openapi/openapi";
import { events } from "../../db/schema";
import type { Programme } from "../../db/schema/enrollment";
import { exportProgramme } from "./programme.export";

export const programmesApi = createApi();

const ExportQuery = z.object({
  include: z.enum(["nik"]).optional().openapi({ description: "`nik`: the full NIK, birth date and KPJ, for roles that may see NIKs (masked otherwise)" }),
});

const fileResponse = (type: string, description: string) => ({
  description,
  headers: z.object({ "content-disposition": z.string() }),
  content: { [type]: { schema: z.string().openapi({ format: "binary" }) } },
});

async function slugOf(c: Context<AppEnv>, p: Programme): Promise<string | null> {
  if (p.eventId === null) return null;
  const [row] = await c.var.db.select({ slug: events.slug }).from(events).where(eq(events.id, p.eventId));
  return row?.slug ?? null;
}

/** The programme in the path, readable by the caller: 404 when unknown, 403 outside the caller's events. */
async function readable(c: Context<AppEnv>, id: number): Promise<Programme> {
  const p = await findProgramme(c.var.db, id);
  if (!p) throw notFound("programme.notFound");
  if (!mayReadProgramme(c.var.staff, p)) throw forbidden("error.forbidden");
  return p;
}

async function answer(c: Context<AppEnv>, p: Programme) {
  const [counted] = await withCounts(c.var.db, [p]);
  return programmeToApi(counted!, await slugOf(c, p));
}

programmesApi.openapi(
  eventRoute("leads.work", {
    method: "get",
    path: "/events/{slug}/programmes",
    summary: "List the programmes open to the event's leads, with places taken, enrolled and left",
    responses: { 200: jsonResponse(z.object({ programmes: z.array(ProgrammeSchema) }), "Programmes") },
  }),
  async (c) => {
    const list = await programmesOfEvent(c.var.db, c.var.event.id);
    return c.json({ programmes: list.map((p) => programmeToApi(p, p.eventId === null ? null : c.var.event.slug)) }, 200);
  },
);

programmesApi.openapi(
  eventRoute("events.manage", {
    method: "post",
    path: "/events/{slug}/programmes",
    summary: "Define a sponsored-cover programme for the event",
    request: jsonBody(ProgrammeInputSchema),
    responses: { 201: jsonResponse(ProgrammeSchema, "The programme"), 422: problems[422] },
  }),
  async (c) => c.json(await answer(c, await createProgramme(c.var.db, c.var.staff, c.var.event, c.req.valid("json"))), 201),
);

programmesApi.openapi(
  staffRoute("events.manage", {
    method: "post",
    path: "/programmes",
    summary: "Define a programme open to the leads of every event (event managers scoped to all events)",
    request: jsonBody(ProgrammeInputSchema),
    responses: { 201: jsonResponse(ProgrammeSchema, "The programme"), 422: problems[422] },
  }),
  async (c) => c.json(await answer(c, await createProgramme(c.var.db, c.var.staff, null, c.req.valid("json"))), 201),
);

programmesApi.openapi(
  staffRoute("leads.work", {
    method: "get",
    path: "/programmes/{id}",
    summary: "Read a programme with its counts and progress",
    request: { params: ProgrammeIdParam },
    responses: { 200: jsonResponse(ProgrammeSchema, "The programme"), 404: problems[404] },
  }),
  async (c) => c.json(await answer(c, await readable(c, c.req.valid("param").id)), 200),
);

programmesApi.openapi(
  staffRoute("events.manage", {
    method: "patch",
    path: "/programmes/{id}",
    summary: "Change a programme (any subset; the quota never below the places taken)",
    request: { params: ProgrammeIdParam, ...jsonBody(ProgrammePatchSchema) },
    responses: { 200: jsonResponse(ProgrammeSchema, "The programme"), 404: problems[404], 422: problems[422] },
  }),
  async (c) => {
    const p = await findProgramme(c.var.db, c.req.valid("param").id);
    if (!p) throw notFound("programme.notFound");
    return c.json(await answer(c, await updateProgramme(c.var.db, c.var.staff, p, c.req.valid("json"))), 200);
  },
);

const exportRoute = (path: string, type: string, summary: string) =>
  staffRoute("leads.work", {
    method: "get",
    path,
    summary,
    description:
      "The workers holding the programme's places: NIK, name and birth date as on the KTP, phone, email, home regency, field of work, programmes, income band, months sponsored, sponsor, status, KPJ and what each costs the sponsor. The NIK, birth date and KPJ are masked (birth date empty) unless `include=nik` is asked by a role that may see NIKs. Streamed and audited.",
    request: { params: ProgrammeIdParam, query: ExportQuery },
    responses: { 200: fileResponse(type, "The file"), 404: problems[404] },
  });

programmesApi.openapi(exportRoute("/programmes/{id}/workers.csv", "text/csv", "The programme's workers as CSV"), async (c) =>
  exportProgramme(c, await readable(c, c.req.valid("param").id), "csv", c.req.valid("query").include === "nik"),
);

programmesApi.openapi(
  exportRoute(
    "/programmes/{id}/workers.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "The programme's workers as XLSX, with a summary sheet (counts, the sponsor's cost)",
  ),
  async (c) => exportProgramme(c, await readable(c, c.req.valid("param").id), "xlsx", c.req.valid("query").include === "nik"),
);

programmesApi.openapi(
  staffRoute("leads.work", {
    method: "get",
    path: "/programmes/{id}/summary.csv",
    summary: "The programme's summary as CSV: counts and the sponsor's cost from the rates table",
    request: { params: ProgrammeIdParam },
    responses: { 200: fileResponse("text/csv", "The summary"), 404: problems[404] },
  }),
  async (c) => exportProgramme(c, await readable(c, c.req.valid("param").id), "csv", false, "summary"),
);
