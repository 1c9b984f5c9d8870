/**
 * Allocating leads to the places of a sponsored-cover programme, and releasing
 * them. Eligibility is checked here; the quota is decided by the database: each
 * allocation is one INSERT … SELECT whose LIMIT is the places left, counted in
 * the same statement, so two staff taking the last place at once cannot both
 * have it. Every allocation and release is audited in the same transaction.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { registrations, type Event, type Registration } from "../../db/schema";
import { allocations, enrollments, programmes, type Programme } from "../../db/schema/enrollment";
import { msg, type Msg } from "../../i18n";
import { ageFrom } from "../../lib/age";
import { decrypt } from "../../lib/crypto";
import { dayInZone } from "../../lib/time";
import { actorLabel, auditInsertWhen } from "../audit/audit.service";
import type { Principal } from "../context/principal";
import { ProblemError, invalid, notFound } from "../http/problem";

/** The facts eligibility is judged on. */
export type Candidate = Pick<Registration, "id" | "eventId" | "regency" | "occupation" | "bpjsStatus" | "birthDate" | "nikCipher">;

/** The day (in the event's zone) an allocation is judged on. */
export const allocationDay = (event: Pick<Event, "timezone">, now = new Date()) => dayInZone(now, event.timezone);

/** The age on `day` from the birth date, or else from the NIK (decrypted with the data key); null when neither is known (nor readable). */
export async function candidateAge(c: Candidate, dataKey: string | null, day: string): Promise<number | null> {
  if (c.birthDate) return ageFrom(c.birthDate, null, day);
  if (!c.nikCipher || !dataKey) return null;
  const nik = await decrypt(dataKey, c.nikCipher).catch(() => null);
  return nik ? ageFrom(null, nik, day) : null;
}

/** Why `c` may not take a place in `p` on `day` (empty: eligible). The age must be known: unknown is not old enough. */
export function ineligibility(p: Programme, c: Candidate, age: number | null, day: string, minAge: number): Msg[] {
  const why: Msg[] = [];
  if (p.eventId !== null && p.eventId !== c.eventId) why.push(msg("enrol.inel.event"));
  if (day < p.startsOn || day > p.endsOn) why.push(msg("enrol.inel.closed", { from: p.startsOn, to: p.endsOn }));
  if (p.eligibleRegencies.length && !p.eligibleRegencies.includes(c.regency)) why.push(msg("enrol.inel.regency"));
  if (p.eligibleOccupations.length && !p.eligibleOccupations.includes(c.occupation)) why.push(msg("enrol.inel.occupation"));
  if (p.requireBpjsNone && c.bpjsStatus !== "none") why.push(msg("enrol.inel.bpjs"));
  if (age === null) why.push(msg("enrol.inel.ageUnknown"));
  else if (age < minAge) why.push(msg("enrol.inel.tooYoung", { age: minAge }));
  return why;
}

/** At most this many ids in one statement (D1 binds 100 values). */
const CHUNK = 80;

/**
 * Gives places of `p` to the leads `ids` (in registration order) while places
 * are left, and audits each; returns the ids that got one. Leads holding a
 * place already, those already enrolled (an enrollment record, with or without
 * a sponsor: their first months are not a sponsor's to pay) and registrations
 * that are no longer leads are passed over.
 */
export async function insertAllocations(db: Db, by: Principal, p: Programme, ids: number[], now = new Date()): Promise<number[]> {
  const d1 = db.$client;
  const got: number[] = [];
  const at = now.getTime();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    // ?1 programme, ?2 staff, ?3 time (?4 the actor label in the audit); then the ids. The leads that get a place: those still
    // leads and holding none, in registration order, as many as places are left (counted in the statement)
    const chosen = `from registrations r
         where r.id in (${chunk.map(() => "?").join(",")}) and r.contact_consent_at is not null and r.erased_at is null
           and not exists (select 1 from allocations a where a.registration_id = r.id)
           and not exists (select 1 from enrollments e where e.registration_id = r.id)
         order by r.created_at, r.id
         limit max(0, (select quota from programmes where id = ?1) - (select count(*) from allocations where programme_id = ?1))`;
    // the audit entries first, for exactly the leads the insert after them chooses: one transaction,
    // nothing runs between the two statements, and they choose by the same rule
    const audit = d1
      .prepare(
        `insert into audit_log (created_at, actor_id, actor, action, event_id, subject, detail)
         select ?3, ?2, ?4, 'allocation.create', r.event_id, 'registration:' || r.id, json_object('programme_id', cast(?1 as integer)) ${chosen}`,
      )
      .bind(p.id, by.id, at, actorLabel(by), ...chunk);
    const insert = d1
      .prepare(
        `insert into allocations (programme_id, registration_id, allocated_by, created_at)
         select ?1, r.id, ?2, ?3 ${chosen}
         on conflict do nothing
         returning registration_id`,
      )
      .bind(p.id, by.id, at, ...chunk);
    const [, inserted] = await d1.batch<{ registration_id: number }>([audit, insert]);
    for (const r of inserted!.results) got.push(r.registration_id);
  }
  return got;
}

/** One lead's place in `p`: 409 when it holds one already, is enrolled already or the programme is full, 404 when it is no longer a lead. */
export async function allocateOne(db: Db, by: Principal, p: Programme, registrationId: number, now = new Date()): Promise<void> {
  if ((await insertAllocations(db, by, p, [registrationId], now)).length) return;
  // refused: say why
  const [held] = await db
    .select({ name: programmes.name })
    .from(allocations)
    .innerJoin(programmes, eq(programmes.id, allocations.programmeId))
    .where(eq(allocations.registrationId, registrationId))
    .limit(1);
  if (held) throw new ProblemError(409, "Conflict", msg("enrol.already", { name: held.name }), { programme_id: msg("enrol.already", { name: held.name }) });
  const [record] = await db.select({ id: enrollments.registrationId }).from(enrollments).where(eq(enrollments.registrationId, registrationId)).limit(1);
  if (record) throw new ProblemError(409, "Conflict", msg("enrol.alreadyEnrolled"), { programme_id: msg("enrol.alreadyEnrolled") });
  const [lead] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), sql`${registrations.contactConsentAt} is not null and ${registrations.erasedAt} is null`))
    .limit(1);
  if (!lead) throw notFound("leads.notFound");
  throw new ProblemError(409, "Conflict", msg("enrol.full"), { programme_id: msg("enrol.full") });
}

/** Refuses with every reason the lead may not take a place (422 naming `programme_id`). */
export function refuseIneligible(why: Msg[]): never {
  throw invalid({ programme_id: why[0]! }, why.length > 1 ? msg("enrol.inel.several", { n: why.length }) : why[0]!);
}

/** The place a lead holds, with its programme; undefined when none. */
export async function allocationOf(db: Db, registrationId: number) {
  const [row] = await db
    .select({ allocation: allocations, programme: programmes })
    .from(allocations)
    .innerJoin(programmes, eq(programmes.id, allocations.programmeId))
    .where(eq(allocations.registrationId, registrationId))
    .limit(1);
  return row;
}

/**
 * The place is fixed while an enrollment record names its programme (whatever
 * the follow-up status says): the sponsor pays for that worker. A condition on
 * an `allocations` row, for the statements that delete one (the table named
 * in full: drizzle writes a column bare, which a subquery would read as its own).
 */
export const enrolledUnderPlace = sql`exists (select 1 from ${enrollments} e
  where e.registration_id = allocations.registration_id and e.programme_id = allocations.programme_id)`;

/**
 * Gives a registration's place back (audited): a lead's, or the place of someone who
 * withdrew the opt-in or was erased. 404 when it holds none; 409 while an
 * enrollment record names the programme (decided by the DELETE itself).
 */
export async function releaseAllocation(db: Db, by: Principal, registrationId: number, eventId: number): Promise<void> {
  const found = await allocationOf(db, registrationId);
  if (!found) throw notFound("enrol.noAllocation");
  const place = and(eq(allocations.registrationId, registrationId), eq(allocations.programmeId, found.programme.id), sql`not ${enrolledUnderPlace}`);
  const [, removed] = await db.batch([
    // first, while the row is there
    auditInsertWhen(
      db,
      by,
      { action: "allocation.release", eventId, subject: `registration:${registrationId}`, detail: { programme_id: found.programme.id } },
      sql`exists (select 1 from ${allocations} where ${place})`,
    ),
    db.delete(allocations).where(place).returning({ id: allocations.id }),
  ]);
  if (!removed.length) {
    if (await allocationOf(db, registrationId)) throw new ProblemError(409, "Conflict", msg("enrol.releaseEnrolled"), { programme_id: msg("enrol.releaseEnrolled") });
    throw notFound("enrol.noAllocation");
  }
}

/**
 * Gives a lead a place in `p` after checking it may have one (on today's date
 * in its event's zone): 422 naming why not, 409 when it holds a place or the
 * places are gone, 404 when it is no longer a lead.
 */
export async function allocateLead(
  db: Db,
  rules: { dataKey: string | null; minAge: number },
  by: Principal,
  p: Programme,
  lead: { registration: Registration; event: Event },
  now = new Date(),
): Promise<void> {
  const day = allocationDay(lead.event, now);
  const age = await candidateAge(lead.registration, rules.dataKey, day);
  const why = ineligibility(p, lead.registration, age, day, rules.minAge);
  if (why.length) refuseIneligible(why);
  await allocateOne(db, by, p, lead.registration.id, now);
}

/** A place held by someone who is no longer a lead (withdrew the opt-in, or was erased) and not enrolled under it. */
export type LeftPlace = { registrationId: number; programmeId: number; programmeName: string; erased: boolean };

/**
 * The places of an event's registrations that are no longer leads and may be
 * given back (at most `limit`, the oldest first): no personal data, only the
 * registration number and the programme.
 */
export async function placesLeftBehind(db: Db, eventId: number, limit = 50): Promise<LeftPlace[]> {
  const rows = await db
    .select({ registrationId: allocations.registrationId, programmeId: programmes.id, programmeName: programmes.name, erasedAt: registrations.erasedAt })
    .from(allocations)
    .innerJoin(registrations, eq(registrations.id, allocations.registrationId))
    .innerJoin(programmes, eq(programmes.id, allocations.programmeId))
    .where(
      and(
        eq(registrations.eventId, eventId),
        sql`(${registrations.contactConsentAt} is null or ${registrations.erasedAt} is not null)`,
        sql`not ${enrolledUnderPlace}`,
      ),
    )
    .orderBy(allocations.id)
    .limit(limit);
  return rows.map((r) => ({ registrationId: r.registrationId, programmeId: r.programmeId, programmeName: r.programmeName, erased: r.erasedAt !== null }));
}
