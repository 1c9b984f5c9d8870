/** Staff accounts: tokens are shown once, stored as SHA-256, revocable. */
import { and, eq, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { events, staff, staffEvents, type StaffRole } from "../../db/schema";
import { staffSessions } from "../../db/schema/sessions";
import { msg } from "../../i18n";
import { randomToken, sha256Hex } from "../../lib/crypto";
import { auditInsert, auditInsertWhen } from "../audit/audit.service";
import type { Principal } from "../context/principal";
import { invalid } from "../http/problem";
import { forgetStaff } from "./principal-cache";
import { canAccessEvent } from "./roles";
import type { StaffCreate } from "./staff.schema";

/** Token format: `kf_` then 256 random bits, so a leaked one is recognisable in logs and scanners. */
export const newStaffToken = () => `kf_${randomToken(32)}`;

export async function findActiveStaffByToken(db: Db, token: string) {
  const hash = await sha256Hex(token);
  return findActiveStaff(db, eq(staff.tokenHash, hash));
}

/** The columns that make a principal: the staff row and its event scope (one query, a subquery for the scope). */
export const principalColumns = {
  id: staff.id,
  name: staff.name,
  role: staff.role,
  allEvents: staff.allEvents,
  gate: staff.gate,
  scopes: sql<string | null>`(select json_group_array(${staffEvents.eventId}) from ${staffEvents} where ${staffEvents.staffId} = ${staff.id})`,
};

type PrincipalRow = { id: number; name: string; role: StaffRole; allEvents: boolean; gate: string | null; scopes: string | null };

export function toPrincipal(row: PrincipalRow): Principal {
  const { scopes, ...rest } = row;
  return { ...rest, eventIds: row.allEvents ? [] : (JSON.parse(scopes ?? "[]") as number[]) };
}

/** One query: the active staff row and its event scope. */
async function findActiveStaff(db: Db, where: SQL): Promise<Principal | null> {
  const [row] = await db
    .select(principalColumns)
    .from(staff)
    .where(and(where, isNull(staff.revokedAt)))
    .limit(1);
  return row ? toPrincipal(row) : null;
}

/**
 * The ids of the events named by `slugs`, all of which `by` may see; 422 on
 * `events` naming the ones that are unknown (or outside `by`'s scope).
 */
export async function resolveEventSlugs(db: Db, by: Principal, slugs: readonly string[]): Promise<number[]> {
  const wanted = [...new Set(slugs)];
  const found = wanted.length ? await db.select({ id: events.id, slug: events.slug }).from(events).where(inArray(events.slug, wanted)) : [];
  const known = new Map(found.filter((f) => canAccessEvent(by, f.id)).map((f) => [f.slug, f.id]));
  const missing = wanted.filter((s) => !known.has(s));
  if (missing.length) throw invalid({ events: msg("error.eventsNotFound", { slugs: missing.join(", ") }) });
  return wanted.map((s) => known.get(s)!);
}

/** Gives someone access: resolves the events they may work on, then creates the account (token shown once). */
export async function createStaffAccount(db: Db, by: Principal, input: StaffCreate) {
  const eventIds = input.events === "all" ? ("all" as const) : await resolveEventSlugs(db, by, input.events);
  return createStaff(db, by, { name: input.name, role: input.role, gate: input.gate, eventIds });
}

export type NewStaff = {
  name: string;
  role: StaffRole;
  eventIds: number[] | "all";
  gate?: string | null;
};

/** Creates a staff member in one transaction and returns the row and its token (shown once, never stored). */
export async function createStaff(db: Db, by: Principal, input: NewStaff) {
  const token = newStaffToken();
  const tokenHash = await sha256Hex(token);
  const eventIds = input.eventIds === "all" ? [] : [...new Set(input.eventIds)];
  const newId = sql`(select ${staff.id} from ${staff} where ${staff.tokenHash} = ${tokenHash})`;
  const [rows] = await db.batch([
    db
      .insert(staff)
      .values({
        name: input.name,
        role: input.role,
        allEvents: input.eventIds === "all",
        tokenHash,
        gate: input.gate ?? null,
        createdBy: by.id,
      })
      .returning(),
    ...eventIds.map((eventId) => db.insert(staffEvents).values({ staffId: newId, eventId })),
    auditInsert(db, by, {
      action: "staff.create",
      eventId: eventIds.length === 1 ? eventIds[0] : null,
      subject: `token:${tokenHash.slice(0, 12)}`,
      detail: { role: input.role, events: input.eventIds, gate: input.gate ?? null },
    }),
  ]);
  return { staff: { ...rows[0]!, eventIds }, token };
}

/** Revokes an account at once: its token stops working and its signed-in sessions end, in one transaction. */
export async function revokeStaff(db: Db, by: Principal, id: number): Promise<boolean> {
  const now = new Date();
  const [res] = await db.batch([
    db
      .update(staff)
      .set({ revokedAt: now })
      .where(and(eq(staff.id, id), isNull(staff.revokedAt)))
      .returning({ id: staff.id }),
    db
      .update(staffSessions)
      .set({ endedAt: now })
      .where(and(eq(staffSessions.staffId, id), isNull(staffSessions.endedAt))),
    auditInsertWhen(
      db,
      by,
      { action: "staff.revoke", subject: `staff:${id}` },
      sql`exists (select 1 from ${staff} where id = ${id} and revoked_at = ${now.getTime()})`,
    ),
  ]);
  forgetStaff(id);
  return res.length === 1;
}

export async function listStaff(db: Db) {
  const rows = await db.select().from(staff).orderBy(staff.id);
  const scopes = rows.length
    ? await db.select().from(staffEvents).where(inArray(staffEvents.staffId, rows.map((r) => r.id)))
    : [];
  return rows.map((r) => ({ ...r, eventIds: scopes.filter((s) => s.staffId === r.id).map((s) => s.eventId) }));
}

// when this isolate last recorded each account's use: most requests skip the write entirely
const touched = new Map<number, number>();

/** Records use, at most once per `everyMs` per account (per isolate, and in the database by a conditional update). */
export async function touchLastUsed(db: Db, id: number, everyMs: number): Promise<void> {
  const now = Date.now();
  if (now - (touched.get(id) ?? 0) < everyMs) return;
  if (touched.size > 10_000) touched.clear();
  touched.set(id, now);
  await db
    .update(staff)
    .set({ lastUsedAt: new Date(now) })
    .where(and(eq(staff.id, id), or(isNull(staff.lastUsedAt), lt(staff.lastUsedAt, new Date(now - everyMs)))));
}
