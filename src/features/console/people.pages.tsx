/** `/staff/people` (admins): list staff, give someone access (token shown once), revoke. */
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../base/context/env";
import type { Event } from "../../db/schema";
import { t } from "../../i18n";
import { notFound } from "../../base/http/problem";
import { formErrors } from "../../base/http/validation";
import { many, type FormErrors, type FormValues } from "../../base/views/form";
import { StaffLayout } from "../../base/views/staff-layout";
import { listEvents } from "../../base/events/events.service";
import { staffPage } from "../../base/auth/guards";
import { StaffCreateSchema, StaffIdParam } from "../../base/auth/staff.schema";
import { createStaffAccount, listStaff, revokeStaff } from "../../base/auth/staff.service";
import { DoneNotice } from "./events.views";
import { one, originOf, readForm, refusedFields } from "../../base/http/read-form";
import { NewToken, PeopleList, PersonForm } from "./people.views";
import { ConsoleHead } from "./head.views";

export const peoplePages = new Hono<AppEnv>();

async function renderPeople(c: Context<AppEnv>, values: FormValues = { role: "checkin" }, errors: FormErrors = {}, status: ContentfulStatusCode = 200) {
  const { lang, staff, db } = c.var;
  const [people, events] = await Promise.all([listStaff(db), listEvents(db, staff)]);
  const banner = Object.keys(errors).length ? t(lang, "error.formHasErrors") : undefined;
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "console.people.title")} staff={staff} head={<ConsoleHead script />}>
      <h1>{t(lang, "console.people.title")}</h1>
      <DoneNotice lang={lang} done={c.req.query("done")} />
      <PeopleList people={people} events={events} lang={lang} />
      <h2 id="new-person">{t(lang, "console.people.new")}</h2>
      <PersonForm lang={lang} events={events} values={values} errors={errors} banner={banner} />
      {/* the check-in feature owns gate-device pairing; this section is its place on this page */}
      <section id="gate-devices" data-slot="checkin-pairing">
        <h2>{t(lang, "console.people.devices")}</h2>
        <p>{t(lang, "console.people.devicesIntro")}</p>
        <ul>
          {events
            .filter((e) => e.status !== "closed")
            .map((e: Event) => (
              <li>
                <a href={`/staff/checkin/pair?event=${e.slug}`}>{t(lang, "console.people.pairFor", { event: e.name })}</a>
              </li>
            ))}
        </ul>
      </section>
    </StaffLayout>,
    status,
  );
}

peoplePages.get("/", staffPage("staff.manage"), (c) => renderPeople(c));

peoplePages.post("/", staffPage("staff.manage"), async (c) => {
  const { lang, staff, db } = c.var;
  const values = await readForm(c);
  const all = one(values.scope) === "all";
  const slugs = many(values.events);
  const gate = one(values.gate).trim();
  const parsed = StaffCreateSchema.safeParse({ name: one(values.name), role: one(values.role), events: all ? "all" : slugs, gate: gate || undefined });
  if (!parsed.success) {
    const errors = formErrors(parsed.error.issues, lang, true);
    // the form's only way to get `events` wrong is to tick none
    if (errors.events) errors.events = t(lang, "console.people.chooseEvents");
    return renderPeople(c, values, errors, 422);
  }
  let made;
  try {
    made = await createStaffAccount(db, staff, parsed.data);
  } catch (err) {
    const refused = refusedFields(err, lang);
    if (!refused) throw err;
    return renderPeople(c, values, refused.errors, refused.status);
  }
  const { staff: person, token } = made;
  // the token exists only in this response: never cache it
  c.header("cache-control", "no-store");
  return c.html(
    <StaffLayout lang={lang} title={t(lang, "console.people.tokenTitle", { name: person.name })} staff={staff} head={<ConsoleHead script />}>
      <NewToken lang={lang} name={person.name} role={person.role} token={token} origin={originOf(c)} />
    </StaffLayout>,
    201,
  );
});

peoplePages.post("/:id/revoke", staffPage("staff.manage"), async (c) => {
  const id = StaffIdParam.safeParse({ id: c.req.param("id") });
  if (!id.success || !(await revokeStaff(c.var.db, c.var.staff, id.data.id))) throw notFound("console.people.notFound");
  return c.redirect("/staff/people?done=revoked", 303);
});
