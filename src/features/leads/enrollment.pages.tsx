/**
 * The desk's enrollment actions, mounted at `/staff/leads`: give a lead a place
 * in a programme or release it, record the enrollment (KPJ), and give places to
 * every lead matching the desk's filter. Each answers with a redirect, or the
 * lead's page again with the message beside the field.
 */
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { staffPage } from "../../base/auth/guards";
import { canAccessEvent } from "../../base/auth/roles";
import { findRegistrationWithEvent } from "../../base/registration/lead";
import type { AppEnv } from "../../base/context/env";
import { dataKey } from "../../base/config/secrets";
import { allocateLead, releaseAllocation } from "../../base/enrollment/allocation.service";
import { EnrollmentInputSchema } from "../../base/enrollment/enrollment.schema";
import { recordEnrollment } from "../../base/enrollment/enrollment.service";
import { findProgramme } from "../../base/enrollment/programmes.service";
import { bpuMinAge } from "../../base/enrollment/settings";
import { listEvents } from "../../base/events/events.service";
import { invalid, ProblemError } from "../../base/http/problem";
import { one, readForm, refusedFields } from "../../base/http/read-form";
import { formErrors } from "../../base/http/validation";
import { errorPage } from "../../base/views/error-page";
import type { FormErrors, FormValues } from "../../base/views/form";
import { msg, t, translate } from "../../i18n";
import { allocateMatching } from "./allocation.service";
import { detailPage, scopedLead } from "./lead-detail.pages";
import { PAGE_KEYS, queryString, readFilter } from "./leads-filter.mapping";
import { leadQuery } from "./leads.query";

export const enrollmentPages = new Hono<AppEnv>();

const rulesOf = (c: Context<AppEnv>) => ({ dataKey: dataKey(c.env), minAge: bpuMinAge(c.env) });

/** A refusal the page can show: its field messages, or its detail under `field`; anything else is thrown on. */
function refusal(err: unknown, c: Context<AppEnv>, field: string): { status: ContentfulStatusCode; errors: FormErrors } {
  const refused = refusedFields(err, c.var.lang);
  if (refused) return refused;
  if (err instanceof ProblemError && err.status < 500) return { status: err.status as ContentfulStatusCode, errors: { [field]: translate(c.var.lang, err.detail) } };
  throw err;
}

const id = "/:id{[0-9]{1,12}}";

enrollmentPages.post(`${id}/allocation`, staffPage("leads.work"), async (c) => {
  const found = await scopedLead(c);
  if (found instanceof Response) return found;
  const values = await readForm(c);
  try {
    const programme = /^\d{1,9}$/.test(one(values.programme_id)) ? await findProgramme(c.var.db, Number(one(values.programme_id))) : undefined;
    if (!programme) throw invalid({ programme_id: msg("programme.notFound") });
    await allocateLead(c.var.db, rulesOf(c), c.var.staff, programme, { registration: found.lead.registration, event: found.event });
  } catch (err) {
    const r = refusal(err, c, "programme_id");
    return detailPage(c, found, { enrol: { values, errors: r.errors } }, r.status);
  }
  return c.redirect(`/staff/leads/${found.lead.registration.id}?done=allocated#programme`, 303);
});

enrollmentPages.post(`${id}/allocation/release`, staffPage("leads.work"), async (c) => {
  const found = await scopedLead(c);
  if (found instanceof Response) return releaseLeftPlace(c, found);
  try {
    await releaseAllocation(c.var.db, c.var.staff, found.lead.registration.id, found.event.id);
  } catch (err) {
    const r = refusal(err, c, "release");
    return detailPage(c, found, { enrol: { values: {}, errors: { release: Object.values(r.errors)[0]! } } }, r.status);
  }
  return c.redirect(`/staff/leads/${found.lead.registration.id}?done=released#programme`, 303);
});

enrollmentPages.post(`${id}/enrollment`, staffPage("leads.work"), async (c) => {
  const found = await scopedLead(c);
  if (found instanceof Response) return found;
  const values = await readForm(c);
  const form = { kpj: one(values.kpj), coverage: one(values.coverage) || undefined, income_base: one(values.income_base), enrolled_on: one(values.enrolled_on) };
  const parsed = EnrollmentInputSchema.safeParse(form);
  // the KPJ typed is not sent back (as the NIK is not)
  const kept: FormValues = { ...values, kpj: undefined };
  if (!parsed.success) return detailPage(c, found, { enrol: { values: kept, errors: formErrors(parsed.error.issues, c.var.lang, true) } }, 422);
  try {
    const ok = await recordEnrollment(c.var.db, rulesOf(c), c.var.staff, found.event, found.lead.registration, parsed.data);
    if (!ok) return errorPage(c, 404, t(c.var.lang, "leads.notFound"));
  } catch (err) {
    const r = refusal(err, c, "kpj");
    return detailPage(c, found, { enrol: { values: kept, errors: r.errors } }, r.status);
  }
  return c.redirect(`/staff/leads/${found.lead.registration.id}?done=enrolled#enrollment`, 303);
});

/**
 * The place of someone who is no longer a lead (withdrew the opt-in, or was erased): given back from the desk's
 * list of places left behind, then back to that list; otherwise `notLead`, the page the lead lookup answered.
 */
async function releaseLeftPlace(c: Context<AppEnv>, notLead: Response) {
  const { db, lang, staff } = c.var;
  const found = await findRegistrationWithEvent(db, Number(c.req.param("id")));
  if (!found || (found.registration.contactConsentAt !== null && found.registration.erasedAt === null)) return notLead;
  if (!canAccessEvent(staff, found.event.id)) return errorPage(c, 403, t(lang, "error.forbidden"));
  try {
    await releaseAllocation(db, staff, found.registration.id, found.event.id);
  } catch (err) {
    if (err instanceof ProblemError && err.status < 500) return errorPage(c, err.status as ContentfulStatusCode, translate(lang, err.detail));
    throw err;
  }
  return c.redirect(`/staff/leads${queryString({ event: found.event.slug, released: "1" })}#programmes`, 303);
}

/** Places for every lead the desk's filter matches; back to the same filtered list with what happened. */
enrollmentPages.post("/allocations", staffPage("leads.work"), async (c) => {
  const { db, lang, staff } = c.var;
  const values = await readForm(c);
  const event = (await listEvents(db, staff)).find((e) => e.slug === one(values.event));
  if (!event) return errorPage(c, 404, t(lang, "error.eventNotFound"));
  const query: Record<string, string> = {};
  for (const k of PAGE_KEYS) if (one(values[k])) query[k] = one(values[k]);
  const back = (extra: Record<string, string | undefined>) => `/staff/leads${queryString({ event: event.slug, ...query, ...extra })}#programmes`;
  const { filter } = readFilter(query, event, lang);
  const programme = /^\d{1,9}$/.test(one(values.programme_id)) ? await findProgramme(db, Number(one(values.programme_id))) : undefined;
  if (!filter || !programme) return c.redirect(back({}), 303);
  // a booth code the list refused is refused here too (leadQuery): back to the list, which says why
  const q = await leadQuery(db, event, filter, staff).catch(() => null);
  if (!q) return c.redirect(back({}), 303);
  const outcome = await allocateMatching(db, rulesOf(c), staff, programme, q);
  return c.redirect(back({ bulk: `${outcome.allocated}.${outcome.ineligible}.${outcome.placed}.${outcome.full ? 1 : 0}.${outcome.enrolled}` }), 303);
});
