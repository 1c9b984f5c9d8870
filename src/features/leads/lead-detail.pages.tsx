/** One lead's page: found in the caller's scope, drawn with its history, follow-up form and enrollment sections. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { canAccessEvent } from "../../base/auth/roles";
import type { AppEnv } from "../../base/context/env";
import { calculationDay } from "../../base/contributions/day";
import { contributionFor, rateTables } from "../../base/contributions/rates.service";
import { allocationOf } from "../../base/enrollment/allocation.service";
import { enrollmentOf } from "../../base/enrollment/enrollment.service";
import { programmesOfEvent } from "../../base/enrollment/programmes.service";
import { errorPage } from "../../base/views/error-page";
import type { FormErrors, FormValues } from "../../base/views/form";
import type { Event } from "../../db/schema";
import { t } from "../../i18n";
import { costOverMonths, monthlyContribution } from "../../lib/contributions";
import type { LeadEnrollment } from "./enrollment.views";
import { LeadDetailPage } from "./lead.views";
import { findLead, type LeadRow } from "./leads.query";
import { assignableStaff, leadHistoryOf } from "./leads.service";

/** The lead in the path, in the caller's scope; otherwise the page to show instead. */
export async function scopedLead(c: Context<AppEnv>) {
  const { db, lang, staff } = c.var;
  const found = await findLead(db, Number(c.req.param("id")));
  if (!found) return errorPage(c, 404, t(lang, "leads.notFound"));
  if (!canAccessEvent(staff, found.event.id)) return errorPage(c, 403, t(lang, "error.forbidden"));
  return found;
}

export async function detailPage(
  c: Context<AppEnv>,
  found: { lead: LeadRow; event: Event },
  extra: { note?: string; errors?: FormErrors; saved?: boolean; enrol?: { values: FormValues; errors: FormErrors } } = {},
  status: ContentfulStatusCode = 200,
) {
  const { db, lang, staff } = c.var;
  const id = found.lead.registration.id;
  const [history, assignable, enrollment] = await Promise.all([leadHistoryOf(db, id), assignableStaff(db, found.event.id), leadEnrollment(c, found, extra.enrol)]);
  return c.html(
    <LeadDetailPage
      lang={lang}
      staff={staff}
      event={found.event}
      lead={found.lead}
      history={history}
      assignable={assignable}
      note={extra.note}
      errors={extra.errors}
      saved={extra.saved ?? false}
      enrollment={enrollment}
      done={c.req.query("done")}
    />,
    status,
  );
}


/**
 * The enrollment sections' data: the programmes open to the event, the lead's
 * place and record, and what cover costs for the band asked (`?band=`, else the
 * recorded one, else the lowest), by the worker and by the sponsor.
 */
async function leadEnrollment(c: Context<AppEnv>, found: { lead: LeadRow; event: Event }, form?: { values: FormValues; errors: FormErrors }): Promise<LeadEnrollment> {
  const { db } = c.var;
  const id = found.lead.registration.id;
  const today = calculationDay(c.env, c.req.query("on"), found.event.timezone);
  const [programmes, held, record, tables] = await Promise.all([programmesOfEvent(db, found.event.id), allocationOf(db, id), enrollmentOf(db, id), rateTables(db)]);
  const self = contributionFor(tables, today, "self", Number(c.req.query("band")) || record?.incomeBase);
  const programme = held?.programme ?? null;
  let sponsor: LeadEnrollment["sponsor"] = null;
  if (self && programme) {
    const breakdown = monthlyContribution(tables, { day: today, base: self.breakdown.base, payer: programme.funder });
    const cost = costOverMonths(tables, { firstDay: record?.enrolledOn ?? today, months: programme.months, base: self.breakdown.base, coverage: programme.covers, payer: programme.funder });
    if (breakdown && cost) sponsor = { breakdown, total: cost.total };
  }
  return {
    programmes,
    allocation: programme,
    enrollment: record ?? null,
    self: self?.breakdown ?? null,
    sponsor,
    bands: self?.bands ?? [],
    today,
    values: form?.values ?? {},
    errors: form?.errors ?? {},
  };
}
