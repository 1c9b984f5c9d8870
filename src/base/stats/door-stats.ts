/**
 * The door's figures (per gate, admissions per hour), next to the event
 * figures of the console's `eventStats`; one aggregate query each.
 */
import { and, count, countDistinct, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { checkins, type Event } from "../../db/schema";
import { programmesOfEvent } from "../enrollment/programmes.service";
import { eventStats, hourBuckets, stillInside } from "./event-stats";
import { enrollmentFunnel, funnelToApi } from "./funnel";

export async function doorStats(db: Db, event: Event) {
  const admissions = and(eq(checkins.eventId, event.id), isNull(checkins.undoneAt), eq(checkins.direction, "in"));
  const hours = hourBuckets(event.timezone, event.startsAt, checkins.scannedAt);
  const [gates, insideByGate, hourly] = await db.batch([
    db.select({ gate: checkins.gate, admissions: count(), guests: countDistinct(checkins.ticketId) }).from(checkins).where(admissions).groupBy(checkins.gate),
    db.select({ gate: checkins.gate, n: count() }).from(checkins).where(stillInside(event.id)).groupBy(checkins.gate),
    db.select({ bucket: hours.bucket, n: count() }).from(checkins).where(admissions).groupBy(hours.bucket),
  ]);
  const inside = new Map(insideByGate.map((g) => [g.gate, g.n]));
  const perHour = new Map<string, number>();
  for (const h of hourly) {
    const label = hours.label(h.bucket);
    perHour.set(label, (perHour.get(label) ?? 0) + h.n);
  }
  return {
    gates: gates
      .map((g) => ({ gate: g.gate, admissions: g.admissions, guests: g.guests, insideNow: inside.get(g.gate) ?? 0 }))
      .sort((a, b) => b.admissions - a.admissions || a.gate.localeCompare(b.gate)),
    admissionsByHour: [...perHour.entries()].map(([hour, n]) => ({ hour, admissions: n })).sort((a, b) => a.hour.localeCompare(b.hour)),
  };
}

/**
 * Everything `GET /events/{slug}/stats` answers. The enrollment funnel and the
 * programmes (sponsors, quotas) only `withLeads`: for a reader whose role may
 * work leads; a gate phone gets the door's figures alone.
 */
export async function liveStats(db: Db, event: Event, withLeads: boolean) {
  const [all, door, funnel, programmes] = await Promise.all([
    eventStats(db, event),
    doorStats(db, event),
    withLeads ? enrollmentFunnel(db, event) : null,
    withLeads ? programmesOfEvent(db, event.id) : null,
  ]);
  const signupsByHour = new Map<string, number>();
  for (const cell of all.signupsByHour) signupsByHour.set(cell.hour, (signupsByHour.get(cell.hour) ?? 0) + cell.count);
  const hours = new Set([...signupsByHour.keys(), ...door.admissionsByHour.map((h) => h.hour)]);
  const admissionsAt = new Map(door.admissionsByHour.map((h) => [h.hour, h.admissions]));
  return {
    timezone: event.timezone,
    registered: all.registrations,
    checked_in: all.checkedIn,
    inside_now: all.insideNow,
    contact_opt_ins: all.contactOptIns,
    enrolled: all.enrolled,
    per_gate: door.gates.map((g) => ({ gate: g.gate, admissions: g.admissions, guests: g.guests, inside_now: g.insideNow })),
    per_hour: [...hours].sort().map((hour) => ({ hour, signups: signupsByHour.get(hour) ?? 0, admissions: admissionsAt.get(hour) ?? 0 })),
    per_booth: all.booths.map((b) => ({ code: b.code, name: b.name, signups: b.signups, visits: b.visits })),
    ...(funnel ? funnelToApi(funnel) : {}),
    programmes: programmes?.map((p) => ({
      id: p.id,
      name: p.name,
      sponsor: p.sponsor,
      quota: p.quota,
      allocated: p.allocated,
      enrolled: p.enrolled,
      remaining: p.remaining,
      target: p.target,
      progress: p.progress,
    })),
  };
}

