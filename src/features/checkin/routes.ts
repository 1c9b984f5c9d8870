/** `/api/v1/events/{slug}/checkins…`: scans, undo, guest search, walk-ins. */
import { createRoute, z } from "@hono/zod-openapi";
import { authProblems, bearer, createApi, jsonBody, jsonResponse, problems } from "../../api/create-api";
import { conflict, invalid, notFound } from "../../lib/problem";
import { fieldErrors } from "../../lib/validation";
import { t } from "../../i18n";
import { SlugParam } from "../events/schema";
import { eventScope } from "../events/scope";
import { signupSchema, StandardSignupSchema, toSignupInput } from "../signup/schema";
import { register } from "../signup/service";
import { ticketUrl } from "../tickets/service";
import { requireStaff } from "../staff/auth";
import { AttendeeHitSchema, IdParam, ScanAnswerSchema, ScanSchema, SearchQuery } from "./schema";
import { HTTP_STATUS, scan, searchAttendees, undoCheckin, validTicketDigests } from "./service";
import { liveStats } from "./stats";

export const checkinApi = createApi();
const DOOR = ["admin", "organiser", "checkin"] as const;
const MANAGERS = ["admin", "organiser"] as const;

const scanResponses = {
  200: jsonResponse(ScanAnswerSchema, "checked_in or checked_out"),
  404: jsonResponse(ScanAnswerSchema, "not_found"),
  409: jsonResponse(ScanAnswerSchema, "already_checked_in or not_inside"),
  410: jsonResponse(ScanAnswerSchema, "revoked"),
  422: jsonResponse(ScanAnswerSchema, "wrong_event, or an unreadable body (problem+json)"),
  ...authProblems,
};

checkinApi.openapi(
  createRoute({
    method: "post",
    path: "/events/{slug}/checkins",
    summary: "Scan a ticket at a gate: admit (in), let out (out); retries with one client_id get the first answer",
    security: bearer,
    middleware: [requireStaff(DOOR), eventScope] as const,
    request: { params: SlugParam, ...jsonBody(ScanSchema) },
    responses: scanResponses,
  }),
  async (c) => {
    const input = c.req.valid("json");
    if (input.scanned_at && Date.parse(input.scanned_at) > Date.now() + 5 * 60_000) {
      throw invalid({ scanned_at: t(c.var.lang, "checkin.future") });
    }
    // a paired gate device always scans at its own gate
    const result = await scan(c.var.db, c.var.staff, c.var.event, { ...input, gate: c.var.staff.gate ?? input.gate }, c.var.lang);
    return c.json(result, HTTP_STATUS[result.status]);
  },
);

checkinApi.openapi(
  createRoute({
    method: "post",
    path: "/events/{slug}/checkins/{id}/undo",
    summary: "Undo a check-in (organisers; audited)",
    security: bearer,
    middleware: [requireStaff(MANAGERS), eventScope] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(z.object({ undone: z.literal(true) }), "Undone"), ...authProblems, 404: problems[404], 409: problems[409] },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const ok = await undoCheckin(c.var.db, c.var.staff, c.var.event, id);
    if (ok) return c.json({ undone: true as const }, 200);
    const exists = await c.var.db.query.checkins.findFirst({ where: (ch, { and, eq }) => and(eq(ch.id, id), eq(ch.eventId, c.var.event.id)) });
    if (exists) throw conflict(t(c.var.lang, "checkin.undone"));
    throw notFound("No such check-in in this event.");
  },
);

checkinApi.openapi(
  createRoute({
    method: "get",
    path: "/events/{slug}/attendees",
    summary: "Find guests by part of the name or phone (case- and accent-insensitive); phones masked",
    security: bearer,
    middleware: [requireStaff(DOOR), eventScope] as const,
    request: { params: SlugParam, query: SearchQuery },
    responses: { 200: jsonResponse(z.object({ attendees: z.array(AttendeeHitSchema) }), "Matches (at most 20)"), ...authProblems, 422: problems[422] },
  }),
  async (c) => c.json({ attendees: await searchAttendees(c.var.db, c.var.event, c.req.valid("query").q) }, 200),
);

const WalkinSchema = StandardSignupSchema.extend({ gate: z.string().trim().min(1).max(60) })
  .loose()
  .openapi("Walkin", { description: "The public form's fields (and the event's extra questions by key), plus the gate" });

checkinApi.openapi(
  createRoute({
    method: "post",
    path: "/events/{slug}/walkins",
    summary: "Register a walk-in at the door (same validation as the public form) and check them in at once",
    security: bearer,
    middleware: [requireStaff(DOOR), eventScope] as const,
    request: { params: SlugParam, ...jsonBody(WalkinSchema) },
    responses: {
      201: jsonResponse(z.object({ ticket: z.string(), ticket_url: z.string(), checkin: ScanAnswerSchema }), "Registered and scanned"),
      ...authProblems,
      422: problems[422],
    },
  }),
  async (c) => {
    const { event, lang } = c.var;
    const raw = c.req.valid("json");
    // the event's own questions are validated here, with the same schema as the public form
    const parsed = signupSchema(event.questions).safeParse(raw);
    if (!parsed.success) throw invalid(fieldErrors(parsed.error.issues, lang), t(lang, "error.formHasErrors"));
    const input = toSignupInput(parsed.data, event.questions);
    const dataKey = c.env.DATA_KEY || c.env.ADMIN_TOKEN;
    const { code } = await register(c.var.db, { dataKey }, event, null, input);
    const gate = c.var.staff.gate ?? raw.gate;
    const checkin = await scan(c.var.db, c.var.staff, event, { ticket: code, gate, direction: "in" }, lang);
    return c.json({ ticket: code, ticket_url: ticketUrl(new URL(c.req.url).origin, code), checkin }, 201);
  },
);

checkinApi.openapi(
  createRoute({
    method: "get",
    path: "/events/{slug}/tickets/digests",
    summary: "Digests (first 12 hex of SHA-256) of the event's valid ticket codes, so a scanner can verify tickets offline",
    security: bearer,
    middleware: [requireStaff(DOOR), eventScope] as const,
    request: { params: SlugParam },
    responses: { 200: jsonResponse(z.object({ generated_at: z.string(), digests: z.array(z.string()) }), "Digests"), ...authProblems },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json({ generated_at: new Date().toISOString(), digests: await validTicketDigests(c.var.db, c.var.event) }, 200);
  },
);

const StatsSchema = z
  .object({
    timezone: z.string(),
    registered: z.int(),
    checked_in: z.int(),
    inside_now: z.int(),
    contact_opt_ins: z.int(),
    enrolled: z.int(),
    per_gate: z.array(z.object({ gate: z.string(), admissions: z.int(), guests: z.int(), inside_now: z.int() })),
    per_hour: z.array(z.object({ hour: z.string(), signups: z.int(), admissions: z.int() })),
    per_booth: z.array(z.object({ code: z.string().nullable(), name: z.string().nullable(), signups: z.int(), visits: z.int() })),
  })
  .openapi("EventStats");

checkinApi.openapi(
  createRoute({
    method: "get",
    path: "/events/{slug}/stats",
    summary: "Live numbers: registered, checked in, inside now, per gate, per hour (event's zone), per booth",
    security: bearer,
    middleware: [requireStaff(DOOR), eventScope] as const,
    request: { params: SlugParam },
    responses: { 200: jsonResponse(StatsSchema, "Stats"), ...authProblems },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await liveStats(c.var.db, c.var.event), 200);
  },
);
