/** `/staff/events/{slug}/programmes…`: the event's sponsored-cover programmes, defined and changed by its managers. */
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../base/context/env";
import { ProgrammeInputSchema, ProgrammePatchSchema } from "../../base/enrollment/enrollment.schema";
import { createProgramme, findProgramme, programmesOfEvent, updateProgramme, withCounts } from "../../base/enrollment/programmes.service";
import { notFound } from "../../base/http/problem";
import { originOf, readForm, refusedFields } from "../../base/http/read-form";
import { formErrors } from "../../base/http/validation";
import type { FormErrors, FormValues } from "../../base/views/form";
import { StaffLayout } from "../../base/views/staff-layout";
import type { Programme } from "../../db/schema/enrollment";
import { t } from "../../i18n";
import { eventPage } from "./event-page";
import { DoneNotice, EventHeader } from "./events.views";
import { ConsoleHead } from "./head.views";
import { ProgrammeForm, ProgrammeList, programmeToForm } from "./programmes.views";

export const programmePages = new Hono<AppEnv>();

/** The form as the schema takes it: blank optional fields left out, repeatable ones as arrays. */
function formInput(values: FormValues) {
  const out: Record<string, unknown> = {};
  for (const k of ["name", "sponsor", "funder", "months", "quota", "target", "covers", "starts_on", "ends_on"]) out[k] = values[k];
  out.eligible_regencies = values.eligible_regencies ?? [];
  out.eligible_occupations = values.eligible_occupations ?? [];
  out.require_bpjs_none = values.require_bpjs_none === "yes";
  return out;
}

async function renderList(c: Context<AppEnv>, values: FormValues = { funder: "apbd", covers: "jkk_jkm", months: "3" }, errors: FormErrors = {}, status: ContentfulStatusCode = 200) {
  const { lang, staff, event, db } = c.var;
  const programmes = await programmesOfEvent(db, event.id);
  return c.html(
    <StaffLayout lang={lang} title={`${t(lang, "console.tab.programmes")} · ${event.name}`} staff={staff} head={<ConsoleHead />}>
      <EventHeader event={event} lang={lang} tab="programmes" origin={originOf(c)} />
      <DoneNotice lang={lang} done={c.req.query("done")} />
      <h2>{t(lang, "console.tab.programmes")}</h2>
      <p class="hint">{t(lang, "programme.intro")}</p>
      <ProgrammeList lang={lang} event={event} programmes={programmes} />
      <h2 id="new-programme">{t(lang, "programme.new")}</h2>
      <ProgrammeForm lang={lang} values={values} errors={errors} action={`/staff/events/${event.slug}/programmes`} mode="create" />
    </StaffLayout>,
    status,
  );
}

programmePages.get("/:slug/programmes", ...eventPage, (c) => renderList(c));

programmePages.post("/:slug/programmes", ...eventPage, async (c) => {
  const { event, db, staff, lang } = c.var;
  const values = await readForm(c);
  const parsed = ProgrammeInputSchema.safeParse(formInput(values));
  if (!parsed.success) return renderList(c, values, formErrors(parsed.error.issues, lang, true), 422);
  await createProgramme(db, staff, event, parsed.data);
  return c.redirect(`/staff/events/${event.slug}/programmes?done=programmeCreated`, 303);
});

/** The event's own programme in the path (one open to every event is changed through the API by those who manage every event). */
async function loadProgramme(c: Context<AppEnv>): Promise<Programme> {
  const id = Number(c.req.param("id"));
  const p = Number.isSafeInteger(id) ? await findProgramme(c.var.db, id) : undefined;
  if (!p || p.eventId !== c.var.event.id) throw notFound("programme.notFound");
  return p;
}

async function renderEdit(c: Context<AppEnv>, p: Programme, values?: FormValues, errors: FormErrors = {}, status: ContentfulStatusCode = 200) {
  const { lang, staff, event, db } = c.var;
  const [counted] = await withCounts(db, [p]);
  return c.html(
    <StaffLayout lang={lang} title={`${p.name} · ${event.name}`} staff={staff} head={<ConsoleHead />}>
      <EventHeader event={event} lang={lang} tab="programmes" origin={originOf(c)} />
      <h2>{p.name}</h2>
      <p>{t(lang, "programme.counts", { allocated: counted!.allocated, quota: p.quota, enrolled: counted!.enrolled })}</p>
      <ProgrammeForm lang={lang} values={values ?? programmeToForm(counted!)} errors={errors} action={`/staff/events/${event.slug}/programmes/${p.id}`} mode="edit" />
    </StaffLayout>,
    status,
  );
}

programmePages.get("/:slug/programmes/:id{[0-9]{1,9}}", ...eventPage, async (c) => renderEdit(c, await loadProgramme(c)));

programmePages.post("/:slug/programmes/:id{[0-9]{1,9}}", ...eventPage, async (c) => {
  const { event, db, staff, lang } = c.var;
  const p = await loadProgramme(c);
  const values = await readForm(c);
  const parsed = ProgrammePatchSchema.safeParse(formInput(values));
  if (!parsed.success) return renderEdit(c, p, values, formErrors(parsed.error.issues, lang, true), 422);
  try {
    await updateProgramme(db, staff, p, parsed.data);
  } catch (err) {
    const known = refusedFields(err, lang);
    if (!known) throw err;
    return renderEdit(c, p, values, known.errors, known.status);
  }
  return c.redirect(`/staff/events/${event.slug}/programmes?done=programmeSaved`, 303);
});
