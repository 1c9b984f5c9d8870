/**
 * Sponsored-cover programmes: who may define them, and what each has used of
 * its quota. Counts are aggregate queries, one per programme list.
 */
import { and, asc, count, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { registrations, type Event } from "../../db/schema";
import { allocations, enrollments, programmes, type Programme } from "../../db/schema/enrollment";
import { auditInsert, auditInsertWhen } from "../audit/audit.service";
import { canAccessEvent, may } from "../auth/roles";
import type { Principal } from "../context/principal";
import { forbidden, invalid } from "../http/problem";
import { msg } from "../../i18n";
import type { ProgrammeInput, ProgrammePatch } from "./enrollment.schema";

export type ProgrammeCounts = { allocated: number; enrolled: number; remaining: number; progress: number | null };
export type ProgrammeWithCounts = Programme & ProgrammeCounts;

/** Programmes open to an event's leads: its own, and those open to every event. */
export const openToEvent = (eventId: number) => or(eq(programmes.eventId, eventId), isNull(programmes.eventId))!;

/** May `p` define or change programmes of `event` (null: every event)? */
export function mayManageProgrammes(p: Principal, eventId: number | null): boolean {
  if (!may(p, "events.manage")) return false;
  return eventId === null ? p.allEvents : canAccessEvent(p, eventId);
}

/** May `p` see a programme's workers (its list and file)? Enrollment staff within the events its workers come from. */
export function mayReadProgramme(p: Principal, programme: Programme): boolean {
  if (!may(p, "leads.work")) return false;
  return programme.eventId === null ? p.allEvents : canAccessEvent(p, programme.eventId);
}

function columns(input: ProgrammePatch) {
  return {
    name: input.name,
    sponsor: input.sponsor,
    funder: input.funder,
    months: input.months,
    quota: input.quota,
    target: input.target,
    covers: input.covers,
    eligibleRegencies: input.eligible_regencies,
    eligibleOccupations: input.eligible_occupations,
    requireBpjsNone: input.require_bpjs_none,
    startsOn: input.starts_on,
    endsOn: input.ends_on,
  };
}

export async function createProgramme(db: Db, by: Principal, event: Event | null, input: ProgrammeInput): Promise<Programme> {
  if (!mayManageProgrammes(by, event?.id ?? null)) throw forbidden("programme.manageForbidden");
  const [rows] = await db.batch([
    db
      .insert(programmes)
      .values({ ...columns(input), eventId: event?.id ?? null, createdBy: by.id } as typeof programmes.$inferInsert)
      .returning(),
    auditInsert(db, by, { action: "programme.create", eventId: event?.id ?? null, subject: "programme:new", detail: { name: input.name, quota: input.quota } }),
  ]);
  return rows[0]!;
}

/**
 * Changes a programme. The quota may shrink, but never below the places
 * already allocated: the UPDATE itself compares, so an allocation landing at
 * the same moment cannot slip under it.
 */
export async function updateProgramme(db: Db, by: Principal, programme: Programme, patch: ProgrammePatch): Promise<Programme> {
  if (!mayManageProgrammes(by, programme.eventId)) throw forbidden("programme.manageForbidden");
  const startsOn = patch.starts_on ?? programme.startsOn;
  const endsOn = patch.ends_on ?? programme.endsOn;
  if (endsOn < startsOn) throw invalid({ ends_on: msg("validation.endsBeforeStart") });
  const quota = patch.quota ?? programme.quota;
  const held = sql`(select count(*) from ${allocations} where ${allocations.programmeId} = ${programme.id})`;
  const [rows] = await db.batch([
    db
      .update(programmes)
      .set({ ...columns(patch), updatedAt: new Date() })
      .where(and(eq(programmes.id, programme.id), sql`${held} <= ${quota}`))
      .returning(),
    auditInsertWhen(
      db,
      by,
      { action: "programme.update", eventId: programme.eventId, subject: `programme:${programme.id}`, detail: { fields: Object.keys(patch) } },
      sql`${held} <= ${quota}`,
    ),
  ]);
  if (!rows.length) {
    const [now] = await db.select({ n: count() }).from(allocations).where(eq(allocations.programmeId, programme.id));
    throw invalid({ quota: msg("programme.quotaBelowAllocated", { n: now?.n ?? 0 }) });
  }
  return rows[0]!;
}

export async function findProgramme(db: Db, id: number): Promise<Programme | undefined> {
  const [row] = await db.select().from(programmes).where(eq(programmes.id, id)).limit(1);
  return row;
}

/** Allocated, enrolled (status enrolled, recorded under the programme whose place is held), remaining places and progress to the target, for each programme. */
export async function withCounts(db: Db, list: Programme[]): Promise<ProgrammeWithCounts[]> {
  if (!list.length) return [];
  const ids = list.map((p) => p.id);
  const [held, done] = await db.batch([
    db.select({ id: allocations.programmeId, n: count() }).from(allocations).where(inArray(allocations.programmeId, ids)).groupBy(allocations.programmeId),
    // enrolled: a record naming the programme whose place the worker still holds (so never more than allocated,
    // and never under two sponsors), and the status enrolled; the funnel's `sponsored` counts by the same rule
    db
      .select({ id: enrollments.programmeId, n: count() })
      .from(enrollments)
      .innerJoin(allocations, and(eq(allocations.registrationId, enrollments.registrationId), eq(allocations.programmeId, enrollments.programmeId)))
      .innerJoin(registrations, eq(registrations.id, enrollments.registrationId))
      .where(and(inArray(enrollments.programmeId, ids), eq(registrations.followupStatus, "enrolled")))
      .groupBy(enrollments.programmeId),
  ]);
  const allocated = new Map(held.map((r) => [r.id, r.n]));
  const enrolled = new Map(done.map((r) => [r.id, r.n]));
  return list.map((p) => {
    const a = allocated.get(p.id) ?? 0;
    const e = enrolled.get(p.id) ?? 0;
    return { ...p, allocated: a, enrolled: e, remaining: Math.max(0, p.quota - a), progress: p.target ? e / p.target : null };
  });
}

/** The programmes open to an event's leads (at most 90, the newest last), with their counts. */
export async function programmesOfEvent(db: Db, eventId: number): Promise<ProgrammeWithCounts[]> {
  const list = await db.select().from(programmes).where(openToEvent(eventId)).orderBy(asc(programmes.startsOn), asc(programmes.id)).limit(90);
  return withCounts(db, list);
}

/** How a programme reads in the JSON API. */
export function programmeToApi(p: ProgrammeWithCounts, eventSlug: string | null) {
  return {
    id: p.id,
    event: eventSlug,
    name: p.name,
    sponsor: p.sponsor,
    funder: p.funder,
    months: p.months,
    quota: p.quota,
    target: p.target,
    covers: p.covers,
    eligible_regencies: p.eligibleRegencies,
    eligible_occupations: p.eligibleOccupations,
    require_bpjs_none: p.requireBpjsNone,
    starts_on: p.startsOn,
    ends_on: p.endsOn,
    allocated: p.allocated,
    enrolled: p.enrolled,
    remaining: p.remaining,
    progress: p.progress,
  };
}
