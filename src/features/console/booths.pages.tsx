/** `/staff/events/{slug}/booths…`: list, add and rename booths (their codes stay: posters carry them). */
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../base/context/env";
import type { Booth } from "../../db/schema";
import { t } from "../../i18n";
import { notFound } from "../../base/http/problem";
import { formErrors } from "../../base/http/validation";
import { one, type FormErrors, type FormValues } from "../../base/views/form";
import { StaffLayout } from "../../base/views/staff-layout";
import { BoothCreateSchema, BoothPatchSchema } from "../../base/events/events.schema";
import { createBooth, findBooth, listBooths, updateBooth } from "../../base/events/events.service";
import { eventPage } from "./event-page";
import { BoothForm, BoothList } from "./booths.views";
import { codeFromName } from "./event-form.mapping";
import { readForm, originOf, refusedFields } from "../../base/http/read-form";
import { DoneNotice, EventHeader } from "./events.views";
import { ConsoleHead } from "./head.views";

export const boothPages = new Hono<AppEnv>();

async function renderList(c: Context<AppEnv>, values: FormValues = {}, errors: FormErrors = {}, status: ContentfulStatusCode = 200) {
  const { lang, staff, event, db } = c.var;
  const booths = await listBooths(db, event.id);
  const banner = Object.keys(errors).length ? t(lang, "error.formHasErrors") : undefined;
  return c.html(
    <StaffLayout lang={lang} title={`${t(lang, "console.tab.booths")} · ${event.name}`} staff={staff} head={<ConsoleHead />}>
      <EventHeader event={event} lang={lang} tab="booths" origin={originOf(c)} />
      <DoneNotice lang={lang} done={c.req.query("done")} />
      <h2>{t(lang, "console.booths.title", { n: booths.length })}</h2>
      <BoothList lang={lang} event={event} booths={booths} origin={originOf(c)} />
      {booths.length ? (
        <p>
          <a class="btn alt" href={`/staff/events/${event.slug}/posters`}>
            {t(lang, "console.posters.all")}
          </a>
        </p>
      ) : null}
      <h2 id="new-booth">{t(lang, "console.booth.new")}</h2>
      <BoothForm lang={lang} values={values} errors={errors} banner={banner} action={`/staff/events/${event.slug}/booths`} mode="create" />
    </StaffLayout>,
    status,
  );
}

boothPages.get("/:slug/booths", ...eventPage, (c) => renderList(c));

boothPages.post("/:slug/booths", ...eventPage, async (c) => {
  const { event, db, staff, lang } = c.var;
  const values = await readForm(c);
  const code = one(values.code).trim().toLowerCase() || codeFromName(one(values.name));
  const parsed = BoothCreateSchema.safeParse({ code, name: one(values.name), exhibitor: one(values.exhibitor) });
  const shown = { ...values, code };
  if (!parsed.success) return renderList(c, shown, formErrors(parsed.error.issues, lang), 422);
  try {
    await createBooth(db, staff, event, parsed.data);
  } catch (err) {
    const known = refusedFields(err, c.var.lang);
    if (!known) throw err;
    return renderList(c, shown, known.errors, known.status);
  }
  return c.redirect(`/staff/events/${event.slug}/booths?done=boothCreated`, 303);
});

async function loadBooth(c: Context<AppEnv>): Promise<Booth> {
  const booth = await findBooth(c.var.db, c.var.event.id, c.req.param("code") ?? "");
  if (!booth) throw notFound("error.boothNotFound");
  return booth;
}

function renderEdit(c: Context<AppEnv>, booth: Booth, values: FormValues, errors: FormErrors = {}, status: ContentfulStatusCode = 200) {
  const { lang, staff, event } = c.var;
  const banner = Object.keys(errors).length ? t(lang, "error.formHasErrors") : undefined;
  return c.html(
    <StaffLayout lang={lang} title={`${booth.name} · ${event.name}`} staff={staff} head={<ConsoleHead />}>
      <EventHeader event={event} lang={lang} tab="booths" origin={originOf(c)} />
      <h2>{booth.name}</h2>
      <p>
        <a href={`/staff/events/${event.slug}/booths/${booth.code}/poster?size=a4`}>{t(lang, "console.booth.poster")} A4</a> ·{" "}
        <a href={`/staff/events/${event.slug}/booths/${booth.code}/poster?size=a5`}>A5</a>
      </p>
      <BoothForm lang={lang} values={values} errors={errors} banner={banner} action={`/staff/events/${event.slug}/booths/${booth.code}`} mode="edit" code={booth.code} />
    </StaffLayout>,
    status,
  );
}

boothPages.get("/:slug/booths/:code", ...eventPage, async (c) => {
  const booth = await loadBooth(c);
  return renderEdit(c, booth, { name: booth.name, exhibitor: booth.exhibitor });
});

boothPages.post("/:slug/booths/:code", ...eventPage, async (c) => {
  const { event, db, staff, lang } = c.var;
  const booth = await loadBooth(c);
  const values = await readForm(c);
  const parsed = BoothPatchSchema.safeParse({ name: one(values.name), exhibitor: one(values.exhibitor) });
  if (!parsed.success) return renderEdit(c, booth, values, formErrors(parsed.error.issues, lang), 422);
  // only what changed, so the audit entry names real changes
  const patch = {
    name: parsed.data.name !== booth.name ? parsed.data.name : undefined,
    exhibitor: parsed.data.exhibitor !== booth.exhibitor ? parsed.data.exhibitor : undefined,
  };
  await updateBooth(db, staff, event, booth, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
  return c.redirect(`/staff/events/${event.slug}/booths?done=boothSaved`, 303);
});
