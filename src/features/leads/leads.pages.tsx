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
import { t, type Lang } from "../../i18n";
import { zoneOffset } from "../../lib/time";
import { LeadDetailPage } from "./lead.views";
import { countByStatus, decodeCursor, findLead, leadQuery, listLeads, type LeadRow } from "./leads.query";
import { FILTER_KEYS, LeadFilterSchema, LeadPatchSchema, type LeadPatch } from "./leads.schema";
import { assignableStaff, leadHistoryOf, updateLead } from "./leads.service";
import { LeadsPage, type FilterValues } from "./leads.views";

/** Mounted at `/staff/leads`. */
export const leadsPages = new Hono<AppEnv>();
const PAGE_SIZE = 50;

/** The first instant of a calendar day in `tz`, as ISO 8601 with offset; null for a date that does not exist. */
export function dayStartIso(date: string, tz: string, plusDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  if (d.getUTCDate() !== +m[3]! || d.getUTCMonth() !== +m[2]! - 1) return null;
  d.setUTCDate(d.getUTCDate() + plusDays);
  const day = d.toISOString().slice(0, 10);
  // the offset at midday avoids a daylight-saving jump at midnight
  return `${day}T00:00:00${zoneOffset(new Date(`${day}T12:00:00Z`), tz)}`;
}

const PAGE_KEYS = [...FILTER_KEYS.filter((k) => k !== "since" && k !== "until"), "from", "to"] as const;

/**
 * The list's filters from the page's query: the same names as the API, except
 * calendar days (`from`, `to`, inclusive) in the event's zone for since/until.
 */
function readFilter(query: Record<string, string>, event: Event, lang: Lang) {
  const values: FilterValues = {};
  for (const k of PAGE_KEYS) {
    const v = query[k]?.trim();
    if (v) values[k] = v;
  }
  const input: Record<string, string> = {};
  for (const k of FILTER_KEYS) if (values[k]) input[k] = values[k]!;
  const errors: FormErrors = {};
  if (values.from) {
    const since = dayStartIso(values.from, event.timezone);
    if (since) input.since = since;
    else errors.from = t(lang, "validation.date");
  }
  if (values.to) {
    const until = dayStartIso(values.to, event.timezone, 1);
    if (until) input.until = until;
    else errors.to = t(lang, "validation.date");
  }
  const parsed = LeadFilterSchema.safeParse(input);
  if (!parsed.success) {
    for (const [k, msg] of Object.entries(formErrors(parsed.error.issues, lang, true))) {
      errors[k === "since" ? "from" : k === "until" ? "to" : k] ??= msg;
    }
  }
  return { values, input, errors, filter: parsed.success ? parsed.data : null };
}

function queryString(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

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
  const [page, counts, saved] = await Promise.all([
    listLeads(readDb, q, cursor, PAGE_SIZE),
    countByStatus(readDb, event, filter, staff),
    savedId ? findLead(readDb, savedId) : undefined,
  ]);
  return c.html(
    <LeadsPage
      {...props}
      // said at the top too: a lead that no longer matches the filter has left the list
      savedLead={saved?.event.id === event.id ? saved.lead : null}
      leads={page.leads}
      counts={counts}
      nextUrl={page.nextCursor ? urlWith({ cursor: page.nextCursor, saved: undefined }) : null}
      firstUrl={cursor ? urlWith({ cursor: undefined, saved: undefined }) : null}
    />,
  );
});

/** The lead in the path, in the caller's scope; otherwise the page to show instead. */
async function scopedLead(c: Context<AppEnv>) {
  const { db, lang, staff } = c.var;
  const found = await findLead(db, Number(c.req.param("id")));
  if (!found) return errorPage(c, 404, t(lang, "leads.notFound"));
  if (!canAccessEvent(staff, found.event.id)) return errorPage(c, 403, t(lang, "error.forbidden"));
  return found;
}

async function detailPage(
  c: Context<AppEnv>,
  found: { lead: LeadRow; event: Event },
  extra: { note?: string; errors?: FormErrors; saved?: boolean } = {},
  status: ContentfulStatusCode = 200,
) {
  const { db, lang, staff } = c.var;
  const id = found.lead.registration.id;
  const [history, assignable] = await Promise.all([leadHistoryOf(db, id), assignableStaff(db, found.event.id)]);
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
    />,
    status,
  );
}

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

