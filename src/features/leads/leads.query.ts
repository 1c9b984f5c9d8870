/**
 * Reading leads: registrations with the contact opt-in that are not erased. The
 * same filters serve the list, the export and the staff page; pages are read by
 * keyset (created_at, id), one query per page, so an export of any size costs
 * a bounded number of D1 queries per page and never holds more than a page.
 */
import { and, asc, eq, isNull, lt, gte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Principal } from "../../base/context/principal";
import { findBooth } from "../../base/events/events.service";
import { fieldError, invalid } from "../../base/http/problem";
import { isLead } from "../../base/registration/lead";
import { personMatches } from "../../base/registration/search";
import type { Db } from "../../db/client";
import { booths, events, FOLLOWUP_STATUSES, registrations, staff, type Event, type FollowupStatus, type Registration } from "../../db/schema";
import type { LeadFilter } from "./leads.schema";



/** A lead as read for lists and exports: the registration and what is known around it. */
export type LeadRow = {
  registration: Registration;
  firstBooth: { code: string; name: string } | null;
  visited: { code: string; name: string }[];
  checkedIn: boolean;
  assigneeName: string | null;
  /** the sponsored-cover programme whose place the lead holds */
  programme: { id: number; name: string } | null;
  /** an enrollment record exists (enrolled, with or without a sponsor) */
  enrolled: boolean;
  /** created_at exactly as stored, for the keyset cursor */
  sortKey: number;
};

/** Which leads of which event: built once, then read page by page. */
export type LeadQuery = { event: Event; where: SQL; filter: LeadFilter };

const firstBooth = alias(booths, "first_booth");
const assignee = alias(staff, "assignee");

// per row, inside the one page query (correlated subqueries use the unique indexes)
const VISITED = sql<string>`(select json_group_array(json_object('code', b.code, 'name', b.name) order by bv.created_at, bv.id)
  from booth_visits bv join booths b on b.id = bv.booth_id where bv.registration_id = ${registrations.id})`;
const CHECKED_IN = sql<number>`exists (select 1 from tickets t join checkins ci on ci.ticket_id = t.id
  where t.registration_id = ${registrations.id} and ci.direction = 'in' and ci.undone_at is null)`;

// the lead's place in a programme (one at most: a unique index)
const PROGRAMME = sql<string | null>`(select json_object('id', p.id, 'name', p.name) from allocations a join programmes p on p.id = a.programme_id
  where a.registration_id = ${registrations.id})`;

const ENROLLED = sql<number>`exists (select 1 from enrollments e where e.registration_id = ${registrations.id})`;

const leadColumns = {
  registration: registrations,
  firstBoothCode: firstBooth.code,
  firstBoothName: firstBooth.name,
  assigneeName: assignee.name,
  visited: VISITED,
  checkedIn: CHECKED_IN,
  programme: PROGRAMME,
  enrolled: ENROLLED,
  sortKey: sql<number>`${registrations.createdAt}`.mapWith(Number),
};

type RawLead = {
  registration: Registration;
  firstBoothCode: string | null;
  firstBoothName: string | null;
  assigneeName: string | null;
  visited: string;
  checkedIn: number;
  programme: string | null;
  enrolled: number;
  sortKey: number;
};

function toLeadRow(r: RawLead): LeadRow {
  return {
    registration: r.registration,
    firstBooth: r.firstBoothCode ? { code: r.firstBoothCode, name: r.firstBoothName ?? r.firstBoothCode } : null,
    visited: JSON.parse(r.visited || "[]") as LeadRow["visited"],
    checkedIn: Boolean(r.checkedIn),
    assigneeName: r.assigneeName,
    programme: r.programme ? (JSON.parse(r.programme) as LeadRow["programme"]) : null,
    enrolled: Boolean(r.enrolled),
    sortKey: r.sortKey,
  };
}

/** What an audit entry records of a filter: values, except free text that may name a person. */
export function auditedFilter(filter: LeadFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) out[k] = k === "q" ? "(text)" : String(v);
  return out;
}

export { isLead };

/**
 * The conditions for `filter` at `event`; 422 when the booth code is not one
 * of the event's booths. `viewer` is who `assignee=me` means.
 */
export async function leadQuery(db: Db, event: Event, filter: LeadFilter, viewer: Principal): Promise<LeadQuery> {
  const where: SQL[] = [eq(registrations.eventId, event.id), isLead];
  if (filter.booth) {
    const booth = await findBooth(db, event.id, filter.booth);
    if (!booth) throw invalid(fieldError("booth", "leads.unknownBooth", { code: filter.booth }));
    where.push(
      or(
        eq(registrations.firstBoothId, booth.id),
        sql`exists (select 1 from booth_visits v where v.registration_id = ${registrations.id} and v.booth_id = ${booth.id})`,
      )!,
    );
  }
  if (filter.since) where.push(gte(registrations.createdAt, new Date(filter.since)));
  if (filter.until) where.push(lt(registrations.createdAt, new Date(filter.until)));
  if (filter.status) where.push(eq(registrations.followupStatus, filter.status));
  if (filter.regency) where.push(eq(registrations.regency, filter.regency));
  if (filter.occupation) where.push(eq(registrations.occupation, filter.occupation));
  if (filter.interest) {
    where.push(sql`exists (select 1 from json_each(${registrations.interests}) where json_each.value = ${filter.interest})`);
  }
  if (filter.assignee === "none") where.push(isNull(registrations.assigneeId));
  else if (filter.assignee === "me") where.push(eq(registrations.assigneeId, viewer.id ?? -1));
  else if (filter.assignee) where.push(eq(registrations.assigneeId, Number(filter.assignee)));
  if (filter.q) where.push(personMatches(filter.q));
  return { event, where: and(...where)!, filter };
}

export type Cursor = { sortKey: number; id: number };

export const encodeCursor = (c: Cursor) => btoa(`${c.sortKey}_${c.id}`).replace(/=+$/, "");

/** The cursor in `text`, or null when it is not one of ours. */
export function decodeCursor(text: string): Cursor | null {
  let plain: string;
  try {
    plain = atob(text);
  } catch {
    return null;
  }
  const m = /^(\d{1,16}(?:\.\d{1,6})?)_(\d{1,12})$/.exec(plain);
  return m ? { sortKey: Number(m[1]), id: Number(m[2]) } : null;
}

/** One page of leads after `after`, in registration order. */
export async function fetchLeadPage(db: Db, q: LeadQuery, after: Cursor | null, limit: number): Promise<LeadRow[]> {
  const keyset = after ? sql`(${registrations.createdAt}, ${registrations.id}) > (${after.sortKey}, ${after.id})` : undefined;
  const rows = await db
    .select(leadColumns)
    .from(registrations)
    .leftJoin(firstBooth, eq(firstBooth.id, registrations.firstBoothId))
    .leftJoin(assignee, eq(assignee.id, registrations.assigneeId))
    .where(keyset ? and(q.where, keyset) : q.where)
    .orderBy(asc(registrations.createdAt), asc(registrations.id))
    .limit(limit);
  return rows.map(toLeadRow);
}

/** Every matching lead, a page at a time; stops early when the consumer does. */
export async function* leadPages(db: Db, q: LeadQuery, pageSize: number): AsyncGenerator<LeadRow[], void, undefined> {
  let after: Cursor | null = null;
  for (;;) {
    const page = await fetchLeadPage(db, q, after, pageSize);
    if (page.length) yield page;
    if (page.length < pageSize) return;
    const last = page.at(-1)!;
    after = { sortKey: last.sortKey, id: last.registration.id };
  }
}

/** One page for the list and the API, with the cursor of the next one (null at the end). */
export async function listLeads(db: Db, q: LeadQuery, after: Cursor | null, limit: number) {
  // one extra row says whether there is a next page
  const rows = await fetchLeadPage(db, q, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ sortKey: last.sortKey, id: last.registration.id }) : null;
  return { leads: page, nextCursor: next };
}

/** How many leads match `q` in each follow-up status, ignoring its own status filter. */
export async function countByStatus(db: Db, event: Event, filter: LeadFilter, viewer: Principal) {
  const q = await leadQuery(db, event, { ...filter, status: undefined }, viewer);
  const rows = await db
    .select({ status: registrations.followupStatus, n: sql<number>`count(*)`.mapWith(Number) })
    .from(registrations)
    .where(q.where)
    .groupBy(registrations.followupStatus);
  const counts = Object.fromEntries(FOLLOWUP_STATUSES.map((s) => [s, 0])) as Record<FollowupStatus, number>;
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** A lead by registration id with its event; undefined when it is not (or no longer) a lead. */
export async function findLead(db: Db, id: number): Promise<{ lead: LeadRow; event: Event } | undefined> {
  const [row] = await db
    .select({ ...leadColumns, event: events })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .leftJoin(firstBooth, eq(firstBooth.id, registrations.firstBoothId))
    .leftJoin(assignee, eq(assignee.id, registrations.assigneeId))
    .where(and(eq(registrations.id, id), isLead))
    .limit(1);
  return row ? { lead: toLeadRow(row), event: row.event } : undefined;
}

