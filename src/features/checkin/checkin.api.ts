/** `/api/v1/events/{slug}/checkins…`: scans, undo, guest search, walk-ins, ticket digests and live figures. */
import { z } from "@hono/zod-openapi";
import { scanRefusal } from "../../base/auth/guards";
import { may } from "../../base/auth/roles";
import { dataKey } from "../../base/config/secrets";
import { conflict, invalid, notFound, ProblemError } from "../../base/http/problem";
import { originOf } from "../../base/http/read-form";
import { newSeed } from "../../base/http/submission-token";
import { fieldIssues } from "../../base/http/validation";
import { createApi, eventRoute, jsonBody, jsonResponse, problems } from "../../base/openapi/openapi";
import { signupSchema, StandardSignupSchema, toSignupInput } from "../../base/registration/registration.schema";
import { liveStats } from "../../base/stats/door-stats";
import { openConflicts, resolveConflict } from "../../base/door/conflicts.service";
import { msg, t } from "../../i18n";
import { dayInZone, isoInZone } from "../../lib/time";
import { AttendeeHitSchema, ConflictSchema, DigestsQuery, DigestsSchema, IdParam, ScanAnswerSchema, ScanSchema, SearchQuery, StatsSchema } from "./checkin.schema";
import { registerWalkin, scanPerson, searchAttendees, undoCheckin } from "./checkin.service";
import { withMessage } from "./scan-answer.mapping";
import { HTTP_STATUS, scan } from "./scan.service";
import { ticketChanges } from "./digests.service";

export const checkinApi = createApi();

const scanResponses = {
  200: jsonResponse(ScanAnswerSchema, "checked_in or checked_out"),
  404: jsonResponse(ScanAnswerSchema, "not_found"),
  409: jsonResponse(ScanAnswerSchema, "already_checked_in or not_inside"),
  410: jsonResponse(ScanAnswerSchema, "revoked"),
  422: jsonResponse(ScanAnswerSchema, "wrong_event, or an unreadable body (problem+json)"),
};

checkinApi.openapi(
  eventRoute("door.scan", {
    method: "post",
    path: "/events/{slug}/checkins",
    summary: "Scan a ticket at a gate: admit (in), let out (out); retries with one client_id get the first answer",
    request: jsonBody(ScanSchema),
    responses: scanResponses,
  }, { cached: true }),
  async (c) => {
    const { staff, event, lang } = c.var;
    const input = c.req.valid("json");
    // a paired gate device always scans at its own gate
    const at = { ...input, gate: staff.gate ?? input.gate };
    const scanned = at.registration_id !== undefined ? scanPerson(c.var.db, staff, event, { ...at, registration_id: at.registration_id }) : scan(c.var.db, staff, event, at);
    const outcome = await scanned.catch(async (err: unknown) => {
      // the scan's own statement found the account or session no longer allowed: say why, so a phone knows whether to forget
      throw err instanceof ProblemError && err.status === 401 ? await scanRefusal(c) : err;
    });
    return c.json(withMessage(outcome, lang, event.timezone), HTTP_STATUS[outcome.status]);
  },
);

checkinApi.openapi(
  eventRoute("door.manage", {
    method: "post",
    path: "/events/{slug}/checkins/{id}/undo",
    summary: "Undo a check-in (audited)",
    request: { params: IdParam },
    responses: { 200: jsonResponse(z.object({ undone: z.literal(true) }), "Undone"), 409: problems[409] },
  }),
  async (c) => {
    const done = await undoCheckin(c.var.db, c.var.staff, c.var.event, c.req.valid("param").id);
    if (done === "missing") throw notFound("checkin.unknownCheckin");
    if (done === "already") throw conflict(msg("checkin.undone"));
    return c.json({ undone: true as const }, 200);
  },
);

checkinApi.openapi(
  eventRoute("door.scan", {
    method: "get",
    path: "/events/{slug}/attendees",
    summary: "Find guests by part of the name or phone (case- and accent-insensitive); phones masked",
    request: { query: SearchQuery },
    responses: { 200: jsonResponse(z.object({ attendees: z.array(AttendeeHitSchema) }), "Matches (at most 20)"), 422: problems[422] },
  }),
  async (c) => c.json({ attendees: await searchAttendees(c.var.db, c.var.staff, c.var.event, c.req.valid("query").q) }, 200),
);

const WalkinSchema = StandardSignupSchema.extend({ gate: ScanSchema.shape.gate })
  .loose()
  .openapi("Walkin", { description: "The public form's fields (and the event's extra questions by key), plus the gate" });

checkinApi.openapi(
  eventRoute("door.scan", {
    method: "post",
    path: "/events/{slug}/walkins",
    summary: "Register a walk-in at the door (same validation as the public form) and check them in at once",
    request: jsonBody(WalkinSchema),
    responses: {
      201: jsonResponse(
        z.object({ registration_id: z.int(), checkin: ScanAnswerSchema, whatsapp: z.enum(["queued", "not_requested"]) }),
        "Registered and scanned; the ticket goes to the walk-in's WhatsApp when `send_whatsapp` is `yes` (no staff answer carries a ticket code)",
      ),
      409: jsonResponse(
        z.object({ status: z.literal("existing"), registration_id: z.int(), message: z.string() }),
        "A person with this phone and name is registered already: nothing was changed; check them in with `registration_id`",
      ),
      422: problems[422],
    },
  }),
  async (c) => {
    const { event, lang, staff } = c.var;
    const raw = c.req.valid("json");
    // the event's own questions are validated here, with the same schema as the public form
    const parsed = signupSchema(event.questions, dayInZone(new Date(), event.timezone)).safeParse(raw);
    if (!parsed.success) throw invalid(fieldIssues(parsed.error.issues));
    const input = toSignupInput(parsed.data, event.questions);
    // (no token: an API client that sends again after a lost answer is told "existing", as before)
    const keys = { dataKey: input.nik ? dataKey(c.env) : null };
    const done = await registerWalkin(c.var.db, c.env.MESSAGES, keys, staff, event, { ...input, lang: input.lang ?? lang }, staff.gate ?? raw.gate, originOf(c), newSeed());
    if (done.kind === "existing") return c.json({ status: "existing" as const, registration_id: done.registrationId, message: t(lang, "walkin.existing") }, 409);
    return c.json({ registration_id: done.registrationId, checkin: withMessage(done.checkin, lang, event.timezone), whatsapp: input.send_whatsapp ? ("queued" as const) : ("not_requested" as const) }, 201);
  },
);

checkinApi.openapi(
  eventRoute("door.scan", {
    method: "get",
    path: "/events/{slug}/tickets/digests",
    summary:
      "Valid tickets for offline checks: digests (first 12 hex of SHA-256 of the code) and first names; with `since`, only what changed after that cursor",
    request: { query: DigestsQuery },
    responses: { 200: jsonResponse(DigestsSchema, "The list, or the changes since the cursor"), 422: problems[422] },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    const since = c.req.valid("query").since;
    const changes = await ticketChanges(c.var.db, c.var.event, since === undefined ? null : Number(since));
    return c.json({ generated_at: new Date().toISOString(), ...changes, cursor: String(changes.cursor) }, 200);
  },
);

checkinApi.openapi(
  eventRoute("events.read", {
    method: "get",
    path: "/events/{slug}/stats",
    summary: "Live numbers: registered, checked in, inside now, per gate, per hour (event's zone), per booth; the enrollment funnel and programmes for roles that work leads",
    description: "Any staff role within the event's scope. `funnel…` and `programmes` (sponsors, quotas) are present only for roles with the `leads.work` permission (src/base/auth/roles.ts); a gate device gets the door's figures alone.",
    responses: { 200: jsonResponse(StatsSchema, "Stats") },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    // a moment old is fine here (a replica), never older than the caller's own writes
    return c.json(await liveStats(c.var.readDb, c.var.event, may(c.var.staff, "leads.work")), 200);
  },
);

checkinApi.openapi(
  eventRoute("door.manage", {
    method: "get",
    path: "/events/{slug}/conflicts",
    summary: "Open door conflicts: offline admissions the server refused when the gate synced (admitted twice, or a provisional admission of an unknown, revoked or other event's ticket)",
    responses: { 200: jsonResponse(z.object({ conflicts: z.array(ConflictSchema) }), "Open conflicts, oldest first (at most 100)") },
  }),
  async (c) => {
    const tz = c.var.event.timezone;
    const rows = await openConflicts(c.var.db, c.var.event.id);
    c.header("cache-control", "private, no-store");
    return c.json(
      {
        conflicts: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          provisional: r.provisional,
          gate: r.gate,
          scanned_at: isoInZone(r.scannedAt, tz),
          other_gate: r.otherGate,
          other_at: r.otherAt ? isoInZone(r.otherAt, tz) : null,
          name: r.name,
        })),
      },
      200,
    );
  },
);

checkinApi.openapi(
  eventRoute("door.manage", {
    method: "post",
    path: "/events/{slug}/conflicts/{id}/resolve",
    summary: "Mark a door conflict resolved (audited)",
    request: { params: IdParam },
    responses: { 200: jsonResponse(z.object({ resolved: z.literal(true) }), "Resolved"), 404: problems[404], 409: problems[409] },
  }),
  async (c) => {
    const done = await resolveConflict(c.var.db, c.var.staff, c.var.event.id, c.req.valid("param").id);
    if (done === "missing") throw notFound("checkin.unknownConflict");
    if (done === "already") throw conflict(msg("checkin.conflictAlready"), "id");
    return c.json({ resolved: true as const }, 200);
  },
);
