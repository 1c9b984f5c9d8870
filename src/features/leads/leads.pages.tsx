/** `/staff/leads`: the enrollment desk (list, filters, follow-up, downloads) and `/staff/leads/{id}` (one lead, its history). */
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { staffPage } from "../../base/auth/guards";
import { canAccessEvent, may } from "../../base/auth/roles";
import type { AppEnv } from "../../base/context/env";
import { chooseEvent, findEventBySlug, listBooths } from "../../base/events/events.service";
import { readForm, refusedFields } from "../../base/http/read-form";
import { formErrors } from "../../base/http/validation";
import { errorPage } from "../../base/views/error-page";
import type { FormErrors } from "../../base/views/form";
import type { Event } from "../../db/schema";
import { t } from "../../i18n";
import { placesLeftBehind } from "../../base/enrollment/allocation.service";
import { programmesOfEvent } from "../../base/enrollment/programmes.service";
import { detailPage, scopedLead } from "./lead-detail.pages";
import { countByStatus, decodeCursor, findLead, leadQuery, listLeads, type LeadRow } from "./leads.query";
import { LeadPatchSchema, type LeadPatch } from "./leads.schema";
import { queryString, readFilter } from "./leads-filter.mapping";
import { assignableStaff, auditLeadList, leadHistoryOf, updateLead } from "./leads.service";
import { LeadsPage } from "./leads.views";

/** Mounted at `/staff/leads`. */
export const leadsPages = new Hono<AppEnv>();
const PAGE_SIZE = 50;

leadsPages.get("/", staffPage("leads.work"), async (c) => {
  const { db, lang, staff } = c.var;
  const slug = c.req.query("event") || undefined;
  const { mine: events, event } = await chooseEvent(db, staff, slug, { drafts: true });
  if (slug && !event) {
    return (await findEventBySlug(db, slug)) ? errorPage(c, 403, t(lang, "error.forbidden")) : errorPage(c, 404, t(lang, "error.eventNotFound"));
  }
  const base = {
    lang,
    staff,
    events,
    event: event ?? null,
    booths: [],
    assignable: [],
    values: {},
    errors: {},
    apiFilter: {},
    leads: [] as LeadRow[],
    counts: null,
    nextUrl: null,
    firstUrl: null,
    selfUrl: "/staff/leads",
    urlWith: () => "/staff/leads",
    saved: null,
    mayNik: may(staff, "leads.nik"),
  };
  if (!event) return c.html(<LeadsPage {...base} />);

  const { values, input, errors, filter } = readFilter(c.req.query(), event, lang);
  const cursorText = c.req.query("cursor");
  const cursor = cursorText ? decodeCursor(cursorText) : null;
  const savedId = Number(c.req.query("saved")) || null;
  const urlWith = (changes: Record<string, string | undefined>) =>
    `/staff/leads${queryString({ event: event.slug, ...values, cursor: cursor ? cursorText : undefined, ...changes })}`;
  const [booths, assignable] = await Promise.all([listBooths(db, event.id), assignableStaff(db, event.id)]);
  const props = { ...base, booths, assignable, values, errors, apiFilter: input, urlWith, selfUrl: urlWith({}), saved: savedId };
  if (!filter || Object.keys(errors).length) return c.html(<LeadsPage {...props} />, 422);

  let q;
  try {
    q = await leadQuery(db, event, filter, staff);
  } catch (err) {
    // a booth code typed into the address
    const refused = refusedFields(err, lang);
    if (!refused) throw err;
    return c.html(<LeadsPage {...props} errors={refused.errors} />, 422);
  }
  // the list may be a moment old (a replica), never older than this browser's last save (its bookmark cookie)
  const { readDb } = c.var;
  const [page, counts, saved, programmes, left] = await Promise.all([
    listLeads(readDb, q, cursor, PAGE_SIZE),
    countByStatus(readDb, event, filter, staff),
    savedId ? findLead(readDb, savedId) : undefined,
    programmesOfEvent(readDb, event.id),
    placesLeftBehind(readDb, event.id),
  ]);
  await auditLeadList(db, staff, event, filter, page.leads.length, "page");
  return c.html(
    <LeadsPage
      {...props}
      // said at the top too: a lead that no longer matches the filter has left the list
      savedLead={saved?.event.id === event.id ? saved.lead : null}
      leads={page.leads}
      counts={counts}
      nextUrl={page.nextCursor ? urlWith({ cursor: page.nextCursor, saved: undefined }) : null}
      firstUrl={cursor ? urlWith({ cursor: undefined, saved: undefined }) : null}
      programmes={programmes}
      left={left}
      released={c.req.query("released") === "1"}
      bulk={/^\d{1,4}\.\d{1,4}\.\d{1,4}\.[01](\.\d{1,4})?$/.test(c.req.query("bulk") ?? "") ? c.req.query("bulk")! : null}
    />,
  );
});

leadsPages.get("/:id{[0-9]{1,12}}", staffPage("leads.work"), async (c) => {
  const found = await scopedLead(c);
  if (found instanceof Response) return found;
  return detailPage(c, found, { saved: c.req.query("saved") === String(found.lead.registration.id) });
});

/** Where to go after saving: a leads page of ours, never elsewhere. */
const safeBack = (back: unknown, id: number) =>
  typeof back === "string" && /^\/staff\/leads(\/\d+)?(\?[^#\s]*)?$/.test(back) ? back : `/staff/leads/${id}`;

/** The change a form asks for: only what differs from the lead as it is (a note always counts). */
function formPatch(body: Record<string, unknown>, lead: LeadRow): Record<string, unknown> {
  const r = lead.registration;
  const patch: Record<string, unknown> = {};
  if (typeof body.status === "string" && body.status !== r.followupStatus) patch.status = body.status;
  if (typeof body.note === "string" && body.note.trim()) patch.note = body.note;
  if (typeof body.assignee_id === "string") {
    const wanted = body.assignee_id === "" ? null : /^\d{1,9}$/.test(body.assignee_id) ? Number(body.assignee_id) : body.assignee_id;
    if (wanted !== r.assigneeId) patch.assignee_id = wanted;
  }
  return patch;
}

leadsPages.post("/:id{[0-9]{1,12}}", staffPage("leads.work"), async (c) => {
  const { db, lang, staff } = c.var;
  const found = await scopedLead(c);
  if (found instanceof Response) return found;
  const id = found.lead.registration.id;
  const body = await readForm(c);
  const back = safeBack(body.back, id);
  const note = typeof body.note === "string" ? body.note : "";
  const patch = formPatch(body, found.lead);
  // nothing differs: nothing to record
  if (!Object.keys(patch).length) return c.redirect(back, 303);

  const parsed = LeadPatchSchema.safeParse(patch);
  if (!parsed.success) return detailPage(c, found, { note, errors: formErrors(parsed.error.issues, lang, true) }, 422);
  try {
    const changed = await updateLead(db, staff, found.event, id, parsed.data as LeadPatch);
    if (!changed) return errorPage(c, 404, t(lang, "leads.notFound"));
  } catch (err) {
    const refused = refusedFields(err, lang);
    if (!refused) throw err;
    return detailPage(c, found, { note, errors: refused.errors }, 422);
  }
  const url = new URL(back, "https://x");
  url.searchParams.set("saved", String(id));
  return c.redirect(`${url.pathname}${url.search}#lead-${id}`, 303);
});

