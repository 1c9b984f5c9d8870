/** `/api/v1/events…`: create, list, read and change events and their booths. */
import { createRoute, z } from "@hono/zod-openapi";
import { authProblems, bearer, createApi, jsonBody, jsonResponse, problems } from "../../api/create-api";
import { requireStaff } from "../staff/auth";
import { forbidden } from "../../lib/problem";
import { t } from "../../i18n";
import { BoothCreateSchema, BoothSchema, EventCreateSchema, EventPatchSchema, EventSchema, SlugParam } from "./schema";
import { eventScope } from "./scope";
import { boothToApi, createBooth, createEvent, eventToApi, listBooths, listEvents, updateEvent } from "./service";

const ANY_STAFF = ["admin", "organiser", "checkin", "enrollment"] as const;
const MANAGERS = ["admin", "organiser"] as const;

export const eventsApi = createApi();

const origin = (url: string) => new URL(url).origin;

eventsApi.openapi(
  createRoute({
    method: "post",
    path: "/events",
    summary: "Create an event (admins, and organisers scoped to all events)",
    security: bearer,
    middleware: [requireStaff(MANAGERS)] as const,
    request: jsonBody(EventCreateSchema),
    responses: { 201: jsonResponse(EventSchema, "The event"), ...authProblems, 409: problems[409], 422: problems[422] },
  }),
  async (c) => {
    // an organiser limited to some events cannot create one outside their scope
    if (!c.var.staff.allEvents) throw forbidden(t(c.var.lang, "error.forbidden"));
    const event = await createEvent(c.var.db, c.var.staff, c.req.valid("json"), c.var.lang);
    return c.json(eventToApi(event, origin(c.req.url)), 201);
  },
);

eventsApi.openapi(
  createRoute({
    method: "get",
    path: "/events",
    summary: "List the events the caller may see",
    security: bearer,
    middleware: [requireStaff(ANY_STAFF)] as const,
    responses: { 200: jsonResponse(z.object({ events: z.array(EventSchema) }), "Events"), ...authProblems },
  }),
  async (c) => {
    const list = await listEvents(c.var.db, c.var.staff);
    return c.json({ events: list.map((e) => eventToApi(e, origin(c.req.url))) }, 200);
  },
);

eventsApi.openapi(
  createRoute({
    method: "get",
    path: "/events/{slug}",
    summary: "Read one event",
    security: bearer,
    middleware: [requireStaff(ANY_STAFF), eventScope] as const,
    request: { params: SlugParam },
    responses: { 200: jsonResponse(EventSchema, "The event"), ...authProblems, 404: problems[404] },
  }),
  (c) => c.json(eventToApi(c.var.event, origin(c.req.url)), 200),
);

eventsApi.openapi(
  createRoute({
    method: "patch",
    path: "/events/{slug}",
    summary: "Change an event (any subset of fields; the slug never changes)",
    security: bearer,
    middleware: [requireStaff(MANAGERS), eventScope] as const,
    request: { params: SlugParam, ...jsonBody(EventPatchSchema) },
    responses: { 200: jsonResponse(EventSchema, "The event"), ...authProblems, 404: problems[404], 422: problems[422] },
  }),
  async (c) => {
    const event = await updateEvent(c.var.db, c.var.staff, c.var.event, c.req.valid("json"), c.var.lang);
    return c.json(eventToApi(event, origin(c.req.url)), 200);
  },
);

eventsApi.openapi(
  createRoute({
    method: "post",
    path: "/events/{slug}/booths",
    summary: "Add a booth",
    security: bearer,
    middleware: [requireStaff(MANAGERS), eventScope] as const,
    request: { params: SlugParam, ...jsonBody(BoothCreateSchema) },
    responses: {
      201: jsonResponse(BoothSchema, "The booth"),
      ...authProblems,
      404: problems[404],
      409: problems[409],
      422: problems[422],
    },
  }),
  async (c) => {
    const booth = await createBooth(c.var.db, c.var.staff, c.var.event, c.req.valid("json"), c.var.lang);
    return c.json(boothToApi(booth, c.var.event, origin(c.req.url)), 201);
  },
);

eventsApi.openapi(
  createRoute({
    method: "get",
    path: "/events/{slug}/booths",
    summary: "List an event's booths",
    security: bearer,
    middleware: [requireStaff(ANY_STAFF), eventScope] as const,
    request: { params: SlugParam },
    responses: { 200: jsonResponse(z.object({ booths: z.array(BoothSchema) }), "Booths"), ...authProblems, 404: problems[404] },
  }),
  async (c) => {
    const list = await listBooths(c.var.db, c.var.event.id);
    return c.json({ booths: list.map((b) => boothToApi(b, c.var.event, origin(c.req.url))) }, 200);
  },
);
