/**
 * `/staff/checkin`: the door scanner. It works as plain forms without JavaScript
 * (handheld scanners type into it); /checkin/scanner.js adds the camera, sounds
 * and the offline queue. Mounted at `/staff/checkin`.
 */
import { Hono, type Context } from "hono";
import { staffPage } from "../../base/auth/guards";
import { may } from "../../base/auth/roles";
import { openConflicts, resolveConflict } from "../../base/door/conflicts.service";
import { ConflictList } from "../../base/door/conflicts.views";
import type { AppEnv } from "../../base/context/env";
import { chooseEvent } from "../../base/events/events.service";
import { one, readForm } from "../../base/http/read-form";
import { errorPage } from "../../base/views/error-page";
import { StaffLayout } from "../../base/views/staff-layout";
import type { Event } from "../../db/schema";
import { t } from "../../i18n";
import { formErrors } from "../../base/http/validation";
import { ScanSchema, SearchQuery, type ScanAnswer } from "./checkin.schema";
import { scanPerson, searchAttendees } from "./checkin.service";
import { withMessage } from "./scan-answer.mapping";
import { scan } from "./scan.service";
import { EventChooser } from "../../base/views/event-chooser";
import { ScannerHead, ScannerPage } from "./scanner.views";

export const checkinPages = new Hono<AppEnv>();

async function renderScanner(c: Context<AppEnv>, event: Event, gate: string | null, extra: { answer?: ScanAnswer; q?: string } = {}) {
  const { lang, staff } = c.var;
  // the API's own rules for `q` (two characters at least, short enough for D1's LIKE)
  const search = extra.q && extra.q.length >= 2 ? SearchQuery.safeParse({ q: extra.q }) : undefined;
  const [hits, conflicts] = await Promise.all([search?.success ? searchAttendees(c.var.db, staff, event, search.data.q) : undefined, openConflicts(c.var.db, event.id)]);
  const searchError = search && !search.success ? formErrors(search.error.issues, lang, true).q : undefined;
  const back = `/staff/checkin?event=${encodeURIComponent(event.slug)}`;
  // the door phone's service worker keeps this page for starting offline: only the plain page, never one with an answer or search results
  if (!extra.answer && !extra.q) c.header("kf-door-shell", "1");
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "checkin.title")} staff={staff} wide={false} head={<ScannerHead />}>
      <ScannerPage lang={lang} event={event} gate={staff.gate ?? gate} fixed={Boolean(staff.gate)} answer={extra.answer} hits={hits} q={extra.q} searchError={searchError} />
      {/* gate phones keep this page for offline use: first names only */}
      <ConflictList lang={lang} tz={event.timezone} conflicts={conflicts} names="first" resolve={may(staff, "door.manage") ? { event: event.slug, back } : undefined} />
      <script src="/checkin/scanner.js" defer></script>
    </StaffLayout>,
    // a refused search says why beside the field, as the API's 422 does
    searchError ? 422 : extra.answer && extra.answer.status !== "checked_in" && extra.answer.status !== "checked_out" ? 409 : 200,
  );
}

checkinPages.get("/", staffPage("door.scan"), async (c) => {
  const { mine, event } = await chooseEvent(c.var.db, c.var.staff, c.req.query("event"), { drafts: false });
  if (!event) {
    return c.html(
      <StaffLayout lang={c.var.lang} title={t(c.var.lang, "checkin.title")} staff={c.var.staff}>
        <h1>{t(c.var.lang, "checkin.title")}</h1>
        <h2>{t(c.var.lang, "checkin.event")}</h2>
        <EventChooser lang={c.var.lang} events={mine} base="/staff/checkin" />
      </StaffLayout>,
    );
  }
  return renderScanner(c, event, c.req.query("gate")?.trim().slice(0, 60) || null, { q: c.req.query("q")?.trim() });
});

/** The no-JavaScript scan: a form post, answered with the scanner page and a coloured banner. */
checkinPages.post("/scan", staffPage("door.scan"), async (c) => {
  const body = await readForm(c);
  const { event } = await chooseEvent(c.var.db, c.var.staff, one(body.event) || undefined, { drafts: false });
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  const gate = c.var.staff.gate ?? (one(body.gate) || null);
  const person = one(body.registration_id);
  const parsed = ScanSchema.safeParse(person ? { registration_id: person, gate, direction: one(body.direction) || "in" } : { ticket: one(body.ticket), gate, direction: one(body.direction) || "in" });
  if (!parsed.success) return renderScanner(c, event, gate);
  const input = parsed.data;
  const outcome = input.registration_id !== undefined ? await scanPerson(c.var.db, c.var.staff, event, { ...input, registration_id: input.registration_id }) : await scan(c.var.db, c.var.staff, event, input);
  return renderScanner(c, event, gate, { answer: withMessage(outcome, c.var.lang, event.timezone) });
});

/** Only a staff page of ours to return to after resolving (the dashboard or the door page). */
const safeBack = (back: string) => (/^\/staff\/[\w\-/?=&%.]*$/.test(back) && !back.startsWith("//") ? back : "/staff/checkin");

/** An organiser marks a door conflict resolved (audited), from the door page or the dashboard. */
checkinPages.post("/conflicts/:id/resolve", staffPage("door.manage"), async (c) => {
  const body = await readForm(c);
  const { event } = await chooseEvent(c.var.db, c.var.staff, one(body.event) || undefined, { drafts: false });
  if (!event) return errorPage(c, 404, t(c.var.lang, "error.eventNotFound"));
  const id = Number(c.req.param("id"));
  const done = Number.isSafeInteger(id) && id > 0 ? await resolveConflict(c.var.db, c.var.staff, event.id, id) : "missing";
  if (done === "missing") return errorPage(c, 404, t(c.var.lang, "checkin.unknownConflict"));
  const back = safeBack(one(body.back));
  return c.redirect(`${back}${back.includes("?") ? "&" : "?"}done=conflictResolved`, 303);
});
