/**
 * Live figures of an event, in ONE D1 batch of aggregate queries (no loop over
 * rows): one pass over the event's registrations (per regency, whose sums are
 * the totals), one over its admissions, so the dashboard stays cheap at ten
 * thousand visitors among a million; the result is plain data, fit for a JSON API as well.
 */
import { and, asc, count, countDistinct, eq, inArray, isNull, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { booths, boothVisits, checkins, registrations, tickets, type Event } from "../../db/schema";
import { offsetMs } from "../../lib/datetime-local";
import { hourInZone } from "../../lib/time";

/** Follow-up statuses that mean a person was reached ("contacted or further"). */
export const REACHED = ["contacted", "enrolled", "declined"] as const;

export type BoothStats = { id: number | null; code: string | null; name: string | null; signups: number; visits: number };

export type EventStats = {
  registrations: number;
  /** distinct tickets with an admission that was not undone */
  checkedIn: number;
  /** tickets whose latest valid scan is an admission */
  insideNow: number;
  /** contact opt-in given, not withdrawn, not erased */
  contactOptIns: number;
  /** follow-up status contacted, enrolled or declined */
  contacted: number;
  enrolled: number;
  /** signups by hour in the event's zone (`YYYY-MM-DD HH:00`) and first booth (null: no booth) */
  signupsByHour: { hour: string; boothId: number | null; count: number }[];
  /** every booth of the event, busiest first, then a no-booth row when there were such signups */
  booths: BoothStats[];
  /** by regency code (`53.71`, `other`), most registrations first */
  regencies: { regency: string; registrations: number; checkedIn: number; contactOptIns: number; enrolled: number }[];
};

const HOUR_MS = 3_600_000;
// 15 minutes: every zone offset in use is a multiple of it, so quarter buckets
// fall wholly inside one local hour of any zone
const QUARTER_MS = 900_000;

/**
 * How SQL buckets times (signups by default) into the event's local hours. A zone with one
 * offset all year (all of Indonesia) is bucketed by local hour in SQL and
 * labelled by arithmetic; a zone with daylight saving is bucketed by UTC
 * quarter-hour and each distinct bucket labelled once through Intl.
 */
export function hourBuckets(tz: string, around: Date, column: SQLiteColumn = registrations.createdAt) {
  const offsets = [-183, 0, 183].map((days) => offsetMs(around.getTime() + days * 86_400_000, tz));
  if (offsets.every((o) => o === offsets[0])) {
    const off = offsets[0]!;
    return {
      // constants computed here, written into the SQL so the GROUP BY matches the column
      bucket: sql<number>`cast((${column} + ${sql.raw(String(off))}) / ${sql.raw(String(HOUR_MS))} as integer)`,
      label: (b: number) => `${new Date(b * HOUR_MS).toISOString().slice(0, 13).replace("T", " ")}:00`,
    };
  }
  const labels = new Map<number, string>();
  return {
    bucket: sql<number>`cast(${column} / ${sql.raw(String(QUARTER_MS))} as integer)`,
    label: (b: number) => {
      let l = labels.get(b);
      if (l === undefined) labels.set(b, (l = hourInZone(new Date(b * QUARTER_MS), tz)));
      return l;
    },
  };
}

/**
 * A valid admission with no valid scan after it: the ticket is inside now. An index probe per
 * admission (checkins_ticket_seq_unique), no grouping of every scan of the event.
 */
export const stillInside = (eventId: number) =>
  and(
    eq(checkins.eventId, eventId),
    isNull(checkins.undoneAt),
    eq(checkins.direction, "in"),
    sql`not exists (select 1 from ${checkins} later where later.ticket_id = ${checkins.ticketId} and later.seq > ${checkins.seq} and later.undone_at is null)`,
  );

export async function eventStats(db: Db, event: Event): Promise<EventStats> {
  const id = event.id;
  const ofEvent = eq(registrations.eventId, id);
  const hours = hourBuckets(event.timezone, event.startsAt);

  const [people, admitted, inside, hourly, boothRows, visits] = await db.batch([
    // one pass over the event's registrations, read from one index (registrations_event_regency_idx):
    // the figures per regency, whose sums are the event's
    db
      .select({
        regency: registrations.regency,
        registrations: count(),
        contactOptIns: sql<number>`coalesce(sum(${registrations.contactConsentAt} is not null and ${registrations.erasedAt} is null), 0)`,
        contacted: sql<number>`coalesce(sum(${inArray(registrations.followupStatus, [...REACHED])}), 0)`,
        enrolled: sql<number>`coalesce(sum(${registrations.followupStatus} = 'enrolled'), 0)`,
      })
      .from(registrations)
      .where(ofEvent)
      .groupBy(registrations.regency),
    // tickets with an admission that was not undone, per regency of their holder, from the event's scans
    db
      .select({ regency: registrations.regency, n: countDistinct(checkins.ticketId) })
      .from(checkins)
      .innerJoin(tickets, eq(tickets.id, checkins.ticketId))
      .innerJoin(registrations, eq(registrations.id, tickets.registrationId))
      .where(and(eq(checkins.eventId, id), isNull(checkins.undoneAt), eq(checkins.direction, "in")))
      .groupBy(registrations.regency),
    db.select({ n: count() }).from(checkins).where(stillInside(id)),
    db
      .select({ boothId: registrations.firstBoothId, bucket: hours.bucket, n: count() })
      .from(registrations)
      .where(ofEvent)
      .groupBy(registrations.firstBoothId, hours.bucket),
    db.select({ id: booths.id, code: booths.code, name: booths.name }).from(booths).where(eq(booths.eventId, id)).orderBy(asc(booths.name)),
    db
      .select({ boothId: boothVisits.boothId, n: count() })
      .from(boothVisits)
      .innerJoin(booths, eq(booths.id, boothVisits.boothId))
      .where(eq(booths.eventId, id))
      .groupBy(boothVisits.boothId),
  ]);
  const admittedIn = new Map(admitted.map((a) => [a.regency, a.n]));
  const regencies = people.map((r) => ({
    regency: r.regency,
    registrations: r.registrations,
    checkedIn: admittedIn.get(r.regency) ?? 0,
    contactOptIns: Number(r.contactOptIns),
    contacted: Number(r.contacted),
    enrolled: Number(r.enrolled),
  }));
  const total = (key: "registrations" | "checkedIn" | "contactOptIns" | "contacted" | "enrolled") => regencies.reduce((n, r) => n + r[key], 0);

  // buckets folded into local hours (booths × hours at most, not rows)
  const byHour = new Map<string, { hour: string; boothId: number | null; count: number }>();
  const signups = new Map<number | null, number>();
  for (const b of hourly) {
    const hour = hours.label(b.bucket);
    const key = `${b.boothId ?? ""}|${hour}`;
    const cell = byHour.get(key) ?? { hour, boothId: b.boothId, count: 0 };
    cell.count += b.n;
    byHour.set(key, cell);
    signups.set(b.boothId, (signups.get(b.boothId) ?? 0) + b.n);
  }
  const visitsBy = new Map(visits.map((v) => [v.boothId, v.n]));
  const boothStats: BoothStats[] = boothRows.map((b) => ({ ...b, signups: signups.get(b.id) ?? 0, visits: visitsBy.get(b.id) ?? 0 }));
  boothStats.sort((a, b) => b.signups - a.signups || b.visits - a.visits);
  // a booth deleted since keeps its signups in the no-booth row (first_booth_id is set null)
  const noBooth = signups.get(null) ?? 0;
  if (noBooth) boothStats.push({ id: null, code: null, name: null, signups: noBooth, visits: 0 });

  return {
    registrations: total("registrations"),
    checkedIn: total("checkedIn"),
    insideNow: inside[0]?.n ?? 0,
    contactOptIns: total("contactOptIns"),
    contacted: total("contacted"),
    enrolled: total("enrolled"),
    signupsByHour: [...byHour.values()].sort((a, b) => a.hour.localeCompare(b.hour) || (a.boothId ?? 0) - (b.boothId ?? 0)),
    booths: boothStats,
    regencies: regencies
      .map(({ contacted: _contacted, ...r }) => r)
      .sort((a, b) => b.registrations - a.registrations || a.regency.localeCompare(b.regency)),
  };
}

/** Registrations per event for the event list: one grouped query per 90 events (D1 binds at most 100 values). */
export async function registrationCounts(db: Db, eventIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < eventIds.length; i += 90) {
    const ids = eventIds.slice(i, i + 90);
    const rows = await db
      .select({ eventId: registrations.eventId, n: count() })
      .from(registrations)
      .where(inArray(registrations.eventId, ids))
      .groupBy(registrations.eventId);
    for (const r of rows) out.set(r.eventId, r.n);
  }
  return out;
}
