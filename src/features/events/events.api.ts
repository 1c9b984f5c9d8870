/** `/api/v1/events…`: create, list, read and change events and their booths. */
import { turnstileReady } from "../../base/config/secrets";
import { z } from "@hono/zod-openapi";
import { BoothCreateSchema, BoothSchema, EventCreateSchema, EventPatchSchema, EventSchema } from "../../base/events/events.schema";
import { boothToApi, createBooth, createEvent, eventToApi, listBooths, listEvents, updateEvent } from "../../base/events/events.service";
import { originOf } from "../../base/http/read-form";
import { createApi, eventRoute, jsonBody, jsonResponse, problems, staffRoute } from "../../base/openapi/openapi";

export const eventsApi = createApi();

eventsApi.openapi(
  staffRoute("events.manage", {
    method: "post",
    path: "/events",
    summary: "Create an event (event managers scoped to all events)",
    request: jsonBody(EventCreateSchema),
    responses: { 201: jsonResponse(EventSchema, "The event"), 409: problems[409], 422: problems[422] },
  }),
  async (c) => c.json(eventToApi(await createEvent(c.var.db, c.var.staff, c.req.valid("json"), { turnstileReady: turnstileReady(c.env) }), originOf(c)), 201),
);

eventsApi.openapi(
  staffRoute("events.read", {
    method: "get",
    path: "/events",
    summary: "List the events the caller may see",
    responses: { 200: jsonResponse(z.object({ events: z.array(EventSchema) }), "Events") },
  }),
  async (c) => c.json({ events: (await listEvents(c.var.db, c.var.staff)).map((e) => eventToApi(e, originOf(c))) }, 200),
);

eventsApi.openapi(
  eventRoute("events.read", {
    method: "get",
    path: "/events/{slug}",
    summary: "Read one event",
    responses: { 200: jsonResponse(EventSchema, "The event") },
  }),
  (c) => c.json(eventToApi(c.var.event, originOf(c)), 200),
);

eventsApi.openapi(
  eventRoute("events.manage", {
    method: "patch",
    path: "/events/{slug}",
    summary: "Change an event (any subset of fields; the slug never changes)",
    request: jsonBody(EventPatchSchema),
    responses: { 200: jsonResponse(EventSchema, "The event"), 422: problems[422] },
  }),
  async (c) => c.json(eventToApi(await updateEvent(c.var.db, c.var.staff, c.var.event, c.req.valid("json"), { turnstileReady: turnstileReady(c.env) }), originOf(c)), 200),
);

eventsApi.openapi(
  eventRoute("events.manage", {
    method: "post",
    path: "/events/{slug}/booths",
    summary: "Add a booth",
    request: jsonBody(BoothCreateSchema),
    responses: { 201: jsonResponse(BoothSchema, "The booth"), 409: problems[409], 422: problems[422] },
  }),
  async (c) => c.json(boothToApi(await createBooth(c.var.db, c.var.staff, c.var.event, c.req.valid("json")), c.var.event, originOf(c)), 201),
);

eventsApi.openapi(
  eventRoute("events.read", {
    method: "get",
    path: "/events/{slug}/booths",
    summary: "List an event's booths",
    responses: { 200: jsonResponse(z.object({ booths: z.array(BoothSchema) }), "Booths") },
  }),
  async (c) => c.json({ booths: (await listBooths(c.var.db, c.var.event.id)).map((b) => boothToApi(b, c.var.event, originOf(c))) }, 200),
);
