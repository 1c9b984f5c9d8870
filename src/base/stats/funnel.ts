/**
 * The enrollment funnel of an event: registered → agreed to be contacted →
 * contacted → enrolled → enrolled with sponsored cover, in total and per
 * first booth, home regency and field of work. Each stage is inside the one
 * before it, so every conversion rate is at most 100%. One grouped query per
 * view, sent in one D1 batch.
 *
 * - agreed to be contacted: the opt-in stands (not withdrawn, not erased), or
 *   staff followed the person up (only leads can be followed up);
 * - contacted: follow-up status contacted, enrolled or declined;
 * - enrolled: status enrolled; sponsored: enrolled under a programme whose place
 *   the worker still holds (as each programme's `enrolled`).
 */
import { asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { booths, registrations, type Event } from "../../db/schema";
import { allocations, enrollments } from "../../db/schema/enrollment";

export const FUNNEL_STAGES = ["registered", "agreedToContact", "contacted", "enrolled", "sponsored"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export type FunnelCounts = Record<FunnelStage, number>;
/** Each stage as a share of the one before it, and enrolled of registered; null when the stage before is empty. */
export type FunnelRates = { agreedToContact: number | null; contacted: number | null; enrolled: number | null; sponsored: number | null; overall: number | null };

const AGREED = sql<number>`coalesce(sum((${registrations.contactConsentAt} is not null and ${registrations.erasedAt} is null) or ${registrations.followupStatus} <> 'new'), 0)`;
const CONTACTED = sql<number>`coalesce(sum(${registrations.followupStatus} in ('contacted', 'enrolled', 'declined')), 0)`;
const ENROLLED = sql<number>`coalesce(sum(${registrations.followupStatus} = 'enrolled'), 0)`;
// sponsored: recorded under the programme whose place is still held, as a programme's `enrolled` counts (withCounts);
// `registrations.id` written in full, as drizzle would write a bare `id`, which the subquery reads as `a.id`
const SPONSORED = sql<number>`coalesce(sum(${registrations.followupStatus} = 'enrolled' and exists (select 1 from ${enrollments} e
  join ${allocations} a on a.registration_id = e.registration_id and a.programme_id = e.programme_id
  where e.registration_id = registrations.id)), 0)`;

const stages = { registered: sql<number>`count(*)`, agreedToContact: AGREED, contacted: CONTACTED, enrolled: ENROLLED, sponsored: SPONSORED };

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : null);

export function funnelRates(c: FunnelCounts): FunnelRates {
  return {
    agreedToContact: share(c.agreedToContact, c.registered),
    contacted: share(c.contacted, c.agreedToContact),
    enrolled: share(c.enrolled, c.contacted),
    sponsored: share(c.sponsored, c.enrolled),
    overall: share(c.enrolled, c.registered),
  };
}

const counts = (r: Record<FunnelStage, unknown>): FunnelCounts => ({
  registered: Number(r.registered),
  agreedToContact: Number(r.agreedToContact),
  contacted: Number(r.contacted),
  enrolled: Number(r.enrolled),
  sponsored: Number(r.sponsored),
});

export type EventFunnel = {
  total: FunnelCounts & { rates: FunnelRates };
  /** by first booth (null: signed up without one); busiest first */
  byBooth: (FunnelCounts & { rates: FunnelRates; code: string | null; name: string | null })[];
  byRegency: (FunnelCounts & { rates: FunnelRates; regency: string })[];
  byOccupation: (FunnelCounts & { rates: FunnelRates; occupation: string })[];
};

const byMost = (a: FunnelCounts, b: FunnelCounts) => b.registered - a.registered || b.enrolled - a.enrolled;

export async function enrollmentFunnel(db: Db, event: Event): Promise<EventFunnel> {
  const ofEvent: SQL = eq(registrations.eventId, event.id);
  const [total, booth, regency, occupation] = await db.batch([
    db.select(stages).from(registrations).where(ofEvent),
    db
      .select({ code: booths.code, name: booths.name, ...stages })
      .from(registrations)
      .leftJoin(booths, eq(booths.id, registrations.firstBoothId))
      .where(ofEvent)
      .groupBy(registrations.firstBoothId)
      .orderBy(asc(booths.name)),
    db.select({ regency: registrations.regency, ...stages }).from(registrations).where(ofEvent).groupBy(registrations.regency),
    db.select({ occupation: registrations.occupation, ...stages }).from(registrations).where(ofEvent).groupBy(registrations.occupation),
  ]);
  const withRates = <T extends Record<FunnelStage, unknown>>(r: T) => {
    const c = counts(r);
    return { ...c, rates: funnelRates(c) };
  };
  const t = withRates(total[0] ?? { registered: 0, agreedToContact: 0, contacted: 0, enrolled: 0, sponsored: 0 });
  return {
    total: t,
    byBooth: booth.map((r) => ({ code: r.code, name: r.name, ...withRates(r) })).sort(byMost),
    byRegency: regency.map((r) => ({ regency: r.regency, ...withRates(r) })).sort((a, b) => byMost(a, b) || a.regency.localeCompare(b.regency)),
    byOccupation: occupation.map((r) => ({ occupation: r.occupation, ...withRates(r) })).sort((a, b) => byMost(a, b) || a.occupation.localeCompare(b.occupation)),
  };
}

/** The funnel as the stats API gives it (snake_case). */
export function funnelToApi(f: EventFunnel) {
  const stage = (c: FunnelCounts & { rates: FunnelRates }) => ({
    registered: c.registered,
    agreed_to_contact: c.agreedToContact,
    contacted: c.contacted,
    enrolled: c.enrolled,
    enrolled_sponsored: c.sponsored,
    rates: {
      agreed_to_contact: c.rates.agreedToContact,
      contacted: c.rates.contacted,
      enrolled: c.rates.enrolled,
      enrolled_sponsored: c.rates.sponsored,
      overall: c.rates.overall,
    },
  });
  return {
    funnel: stage(f.total),
    funnel_by_booth: f.byBooth.map((b) => ({ code: b.code, name: b.name, ...stage(b) })),
    funnel_by_regency: f.byRegency.map((r) => ({ regency: r.regency, ...stage(r) })),
    funnel_by_occupation: f.byOccupation.map((o) => ({ occupation: o.occupation, ...stage(o) })),
  };
}
