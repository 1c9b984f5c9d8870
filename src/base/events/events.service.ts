/** Events and booths: the rules the API and the console share. */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { booths, events, type Booth, type Event } from "../../db/schema";
import { isUniqueViolation } from "../../lib/db-errors";
import { msg } from "../../i18n";
import { auditInsert } from "../audit/audit.service";
import { mayCreateEvents } from "../auth/roles";
import type { Principal } from "../context/principal";
import { conflict, fieldError, forbidden, invalid } from "../http/problem";
import { rowToApi } from "../../db/row-schema";
import { forgetEvent, recallEvent, rememberEvent } from "./event-cache";
import { BOOTH_API_COLUMNS, EVENT_API_COLUMNS, type BoothCreate, type BoothPatch, type EventCreate, type EventPatch } from "./events.schema";

export const eventToApi = (e: Event, origin: string) => ({
  ...rowToApi(events, e, EVENT_API_COLUMNS, e.timezone),
  signup_url: `${origin}/e/${e.slug}`,
});

export const boothToApi = (b: Booth, event: Event, origin: string) => ({
  ...rowToApi(booths, b, BOOTH_API_COLUMNS),
  signup_url: `${origin}/e/${event.slug}/${b.code}`,
});

const nextVersion = sql`${events.version} + 1`;

/** The statement that marks a change to the event's booths: cached copies of the event are stale from now on. */
const bumpVersion = (db: Db, event: Event) => db.update(events).set({ version: nextVersion }).where(eq(events.id, event.id));

function eventColumns(input: EventPatch) {
  return {
    name: input.name,
    venue: input.venue,
    city: input.city,
    timezone: input.timezone,
    startsAt: input.starts_at ? new Date(input.starts_at) : undefined,
    endsAt: input.ends_at ? new Date(input.ends_at) : undefined,
    status: input.status,
    organiser: input.organiser,
    contactEmail: input.contact_email,
    literacy: input.literacy,
    privacyNotice: input.privacy_notice,
    noticeVersion: input.notice_version,
    questions: input.questions,
    retentionDays: input.retention_days,
    signupsPerMinute: input.signups_per_minute,
    turnstile: input.turnstile,
    contributionCalculator: input.contribution_calculator,
  };
}

/** Creates an event: only managers whose scope is every event may (an organiser of some events cannot add one). */
/** Turnstile cannot be switched on where its keys are not set: the form would only answer 503 (`turnstileReady`, base/config/secrets.ts). */
function refuseTurnstileWithoutKeys(input: { turnstile?: boolean }, setup: EventSetup) {
  if (input.turnstile === true && !setup.turnstileReady) throw invalid(fieldError("turnstile", "console.events.turnstileNotReady"));
}

/** What the deployment offers an event (read from its settings by the handler). */
export type EventSetup = { turnstileReady: boolean };

export async function createEvent(db: Db, by: Principal, input: EventCreate, setup: EventSetup): Promise<Event> {
  if (!mayCreateEvents(by)) throw forbidden("console.events.createForbidden");
  refuseTurnstileWithoutKeys(input, setup);
  const cols = eventColumns(input);
  try {
    const [rows] = await db.batch([
      db
        .insert(events)
        .values({ ...cols, slug: input.slug, name: input.name, venue: input.venue, city: input.city, startsAt: cols.startsAt!, endsAt: cols.endsAt! })
        .returning(),
      auditInsert(db, by, { action: "event.create", subject: `event:${input.slug}` }),
    ]);
    return rows[0]!;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(msg("conflict.eventSlug", { slug: input.slug }), "slug");
    throw err;
  }
}

/** Applies a partial change; the end must stay after the start (also enforced by a CHECK). */
export async function updateEvent(db: Db, by: Principal, event: Event, patch: EventPatch, setup: EventSetup): Promise<Event> {
  refuseTurnstileWithoutKeys(patch, setup);
  const startsAt = patch.starts_at ? Date.parse(patch.starts_at) : event.startsAt.getTime();
  const endsAt = patch.ends_at ? Date.parse(patch.ends_at) : event.endsAt.getTime();
  if (endsAt <= startsAt) throw invalid(fieldError("ends_at", "validation.endsBeforeStart"));
  const [rows] = await db.batch([
    db
      .update(events)
      .set({ ...eventColumns(patch), updatedAt: new Date(), version: nextVersion })
      .where(eq(events.id, event.id))
      .returning(),
    auditInsert(db, by, { action: "event.update", eventId: event.id, detail: { fields: Object.keys(patch) } }),
  ]);
  forgetEvent(event.slug);
  return rows[0]!;
}

export async function listEvents(db: Db, p: Principal): Promise<Event[]> {
  if (p.allEvents) return db.select().from(events).orderBy(asc(events.startsAt));
  if (!p.eventIds.length) return [];
  return db.select().from(events).where(inArray(events.id, p.eventIds)).orderBy(asc(events.startsAt));
}

/**
 * The events `who` may work on (drafts only when `drafts`), and the one `slug`
 * names, or else the only one: the staff pages that start with "which event?".
 */
export async function chooseEvent(db: Db, who: Principal, slug: string | undefined, opts: { drafts: boolean }) {
  const mine = (await listEvents(db, who)).filter((e) => opts.drafts || e.status !== "draft");
  const event = slug ? mine.find((e) => e.slug === slug) : mine.length === 1 ? mine[0] : undefined;
  return { mine, event };
}

/** The events open for signup, soonest first (the home page). */
export async function listOpenEvents(db: Db, limit = 50): Promise<Event[]> {
  return db.select().from(events).where(eq(events.status, "open")).orderBy(asc(events.startsAt)).limit(limit);
}

export async function findEventBySlug(db: Db, slug: string): Promise<Event | undefined> {
  return db.query.events.findFirst({ where: eq(events.slug, slug) });
}

export async function createBooth(db: Db, by: Principal, event: Event, input: BoothCreate): Promise<Booth> {
  try {
    const [rows] = await db.batch([
      db
        .insert(booths)
        .values({ eventId: event.id, code: input.code, name: input.name, exhibitor: input.exhibitor ?? "" })
        .returning(),
      bumpVersion(db, event),
      auditInsert(db, by, { action: "booth.create", eventId: event.id, subject: `booth:${input.code}` }),
    ]);
    forgetEvent(event.slug);
    return rows[0]!;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(msg("conflict.boothCode", { code: input.code }), "code");
    throw err;
  }
}

/** Changes a booth's name or exhibitor; its code is on printed posters, so it stays. */
export async function updateBooth(db: Db, by: Principal, event: Event, booth: Booth, patch: BoothPatch): Promise<Booth> {
  if (patch.name === undefined && patch.exhibitor === undefined) return booth;
  const [rows] = await db.batch([
    db
      .update(booths)
      .set({ name: patch.name, exhibitor: patch.exhibitor })
      .where(eq(booths.id, booth.id))
      .returning(),
    bumpVersion(db, event),
    auditInsert(db, by, { action: "booth.update", eventId: event.id, subject: `booth:${booth.code}`, detail: { fields: Object.keys(patch) } }),
  ]);
  forgetEvent(event.slug);
  return rows[0]!;
}

export async function listBooths(db: Db, eventId: number): Promise<Booth[]> {
  return db.select().from(booths).where(eq(booths.eventId, eventId)).orderBy(asc(booths.name));
}

export async function findBooth(db: Db, eventId: number, code: string): Promise<Booth | undefined> {
  return db.query.booths.findFirst({ where: and(eq(booths.eventId, eventId), eq(booths.code, code)) });
}

/** An event and, when `boothCode` is given, its booth, in one query (the signup hot path). */
export async function findEventAndBooth(db: Db, slug: string, boothCode?: string) {
  if (!boothCode) return { event: await findEventBySlug(db, slug), booth: undefined };
  const [row] = await db
    .select({ event: events, booth: booths })
    .from(events)
    .leftJoin(booths, and(eq(booths.eventId, events.id), eq(booths.code, boothCode)))
    .where(eq(events.slug, slug))
    .limit(1);
  return { event: row?.event, booth: row?.booth ?? undefined };
}

/**
 * An event (and booth) for the hot paths, signup and the door's scan: from this
 * isolate's copy when it holds them (event-cache.ts), else one D1 query whose
 * answer is kept. `fresh` skips the copy (after a signup found the event
 * changed). Unknown events and booths are never kept, so a new one is found at once.
 */
export async function cachedEventAndBooth(db: Db, slug: string, boothCode?: string, fresh = false) {
  const kept = fresh ? undefined : recallEvent(slug, boothCode);
  if (kept) return kept;
  const found = await findEventAndBooth(db, slug, boothCode);
  if (found.event) rememberEvent(found.event, found.booth);
  else forgetEvent(slug);
  return found;
}
