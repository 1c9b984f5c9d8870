/**
 * `/staff/events…`: list, create and edit events, open and close registration.
 * Forms are judged by the API's own schemas and saved by the same services.
 */
import { turnstileReady } from "../../base/config/secrets";
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../base/context/env";
import type { Event } from "../../db/schema";
import { msg, t } from "../../i18n";
import { forbidden } from "../../base/http/problem";
import { fieldIssues } from "../../base/http/validation";
import { fieldMessages, type FieldMsgs } from "../../base/http/problem";
import { StaffLayout } from "../../base/views/staff-layout";
import { one, type FormErrors, type FormValues } from "../../base/views/form";
import { EventCreateSchema, EventPatchSchema } from "../../base/events/events.schema";
import { createEvent, eventToApi, listEvents, updateEvent } from "../../base/events/events.service";
import { staffPage } from "../../base/auth/guards";
import { mayCreateEvents } from "../../base/auth/roles";
import { eventPage } from "./event-page";
import { changedFields, eventToForm, formToEventInput, NEW_EVENT_FORM, placeQuestionErrors } from "./event-form.mapping";
import { DoneNotice, EventForm, EventHeader, EventList, TABS } from "./events.views";
import { registrationCounts } from "../../base/stats/event-stats";
import { readForm, originOf, refusedFields } from "../../base/http/read-form";
import { ConsoleHead } from "./head.views";

export const eventPages = new Hono<AppEnv>();

/** The form's messages beside its own rows; the API's schema speaks ISO 8601 where the console's fields are date-time pickers. */
function consoleErrors(c: Context<AppEnv>, fields: FieldMsgs, rows: number[]): FormErrors {
  const out = placeQuestionErrors(fields, rows);
  for (const f of ["starts_at", "ends_at"]) if (out[f]?.key === "validation.datetime") out[f] = msg("console.datetimeInvalid");
  return fieldMessages(out, c.var.lang);
}

eventPages.get("/", staffPage("events.manage"), async (c) => {
  const { lang, staff, db } = c.var;
  const events = await listEvents(db, staff);
  const counts = await registrationCounts(db, events.map((e) => e.id));
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "console.events.title")} staff={staff} head={<ConsoleHead />}>
      <DoneNotice lang={lang} done={c.req.query("done")} />
      <EventList lang={lang} events={events} registrations={counts} canCreate={mayCreateEvents(staff)} />
    </StaffLayout>,
  );
});

function renderNew(c: Context<AppEnv>, values: FormValues, errors: FormErrors = {}, status: ContentfulStatusCode = 200) {
  const { lang, staff } = c.var;
  const banner = Object.keys(errors).length ? t(lang, "error.formHasErrors") : undefined;
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "console.events.new")} staff={staff} head={<ConsoleHead />}>
      <p class="muted">
        <a href="/staff/events">{t(lang, "console.events.title")}</a> ›
      </p>
      <h1>{t(lang, "console.events.new")}</h1>
      <EventForm lang={lang} values={values} errors={errors} banner={banner} action="/staff/events" mode="create" />
    </StaffLayout>,
    status,
  );
}

function mayCreate(c: Context<AppEnv>) {
  if (!mayCreateEvents(c.var.staff)) throw forbidden("console.events.createForbidden");
}

eventPages.get("/new", staffPage("events.manage"), (c) => {
  mayCreate(c);
  return renderNew(c, NEW_EVENT_FORM);
});

eventPages.post("/", staffPage("events.manage"), async (c) => {
  mayCreate(c);
  const { input, rows, values } = formToEventInput(await readForm(c), "Asia/Makassar", "create");
  const parsed = EventCreateSchema.safeParse(input);
  if (!parsed.success) return renderNew(c, values, consoleErrors(c, fieldIssues(parsed.error.issues), rows), 422);
  try {
    const event = await createEvent(c.var.db, c.var.staff, parsed.data, { turnstileReady: turnstileReady(c.env) });
    return c.redirect(`/staff/events/${event.slug}/booths?done=created`, 303);
  } catch (err) {
    const known = refusedFields(err, c.var.lang);
    if (!known) throw err;
    return renderNew(c, values, consoleErrors(c, known.fields, rows), known.status);
  }
});

function renderEdit(c: Context<AppEnv>, event: Event, values: FormValues, errors: FormErrors = {}, status: ContentfulStatusCode = 200) {
  const { lang, staff } = c.var;
  const banner = Object.keys(errors).length ? t(lang, "error.formHasErrors") : undefined;
  return c.html(
    <StaffLayout lang={lang} title={event.name} staff={staff} head={<ConsoleHead />}>
      <EventHeader event={event} lang={lang} tab="settings" origin={originOf(c)} />
      <DoneNotice lang={lang} done={c.req.query("done")} />
      <EventForm lang={lang} values={values} errors={errors} banner={banner} action={`/staff/events/${event.slug}`} mode="edit" />
    </StaffLayout>,
    status,
  );
}

eventPages.get("/:slug", ...eventPage, (c) => renderEdit(c, c.var.event, eventToForm(c.var.event)));

eventPages.post("/:slug", ...eventPage, async (c) => {
  const { event, db, staff, lang } = c.var;
  const { input, rows, values } = formToEventInput(await readForm(c), event.timezone, "edit");
  const parsed = EventPatchSchema.safeParse(input);
  if (!parsed.success) return renderEdit(c, event, values, consoleErrors(c, fieldIssues(parsed.error.issues), rows), 422);
  const patch = changedFields(parsed.data, eventToApi(event, originOf(c)));
  if (Object.keys(patch).length === 0) return c.redirect(`/staff/events/${event.slug}?done=unchanged`, 303);
  try {
    await updateEvent(db, staff, event, patch, { turnstileReady: turnstileReady(c.env) });
  } catch (err) {
    const known = refusedFields(err, c.var.lang);
    if (!known) throw err;
    return renderEdit(c, event, values, consoleErrors(c, known.fields, rows), known.status);
  }
  return c.redirect(`/staff/events/${event.slug}?done=saved`, 303);
});

/** One button each: open or close registration, then back to where the organiser was. */
for (const [action, status] of [["open", "open"], ["close", "closed"]] as const) {
  eventPages.post(`/:slug/${action}`, ...eventPage, async (c) => {
    const { event, db, staff, lang } = c.var;
    if (event.status !== status) await updateEvent(db, staff, event, { status }, { turnstileReady: turnstileReady(c.env) });
    // back to the tab the button was pressed on
    const back = one((await readForm(c)).back);
    const path = TABS.find(([tab]) => tab === back)?.[1] ?? "";
    return c.redirect(`/staff/events/${event.slug}${path}?done=${action === "open" ? "opened" : "closed"}`, 303);
  });
}
