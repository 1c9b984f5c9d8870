/**
 * The one table of staff roles and what each may do. Guards (`requireStaff`,
 * `staffPage`), the staff navigation and the services read it; no role list is
 * written out anywhere else.
 */
import { STAFF_ROLES, type StaffRole } from "../../db/schema";
import type { Principal } from "../context/principal";

export type Permission =
  /** the staff home page and the list of events in scope */
  | "events.read"
  /** change events and booths, posters, the dashboard */
  | "events.manage"
  /** scan tickets, search guests, register walk-ins, live door figures */
  | "door.scan"
  /** undo a check-in, pair and revoke gate devices */
  | "door.manage"
  /** leads: lists, follow-up, exports (NIK masked) */
  | "leads.work"
  /** the NIK in full in an export */
  | "leads.nik"
  /** erase a registration on the person's request */
  | "registrations.erase"
  /** create, list and revoke staff accounts */
  | "staff.manage"
  /** the BPJS contribution rates, bands and discounts (when a regulation changes) */
  | "rates.manage";

/**
 * What each role may do. The organiser is the data controller named in the
 * privacy notice: it manages the event and erases on request, but sees NIKs
 * only masked. Enrollment staff work leads and may export NIKs for BPJS
 * registration. Check-in volunteers (and paired gate phones) only work the door.
 */
export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  admin: ["events.read", "events.manage", "door.scan", "door.manage", "leads.work", "leads.nik", "registrations.erase", "staff.manage", "rates.manage"],
  organiser: ["events.read", "events.manage", "door.scan", "door.manage", "leads.work", "registrations.erase"],
  checkin: ["events.read", "door.scan"],
  enrollment: ["events.read", "leads.work", "leads.nik"],
};

export const may = (p: Pick<Principal, "role">, permission: Permission): boolean => ROLE_PERMISSIONS[p.role].includes(permission);

/** The roles that hold `permission` (for documents and messages). */
export const rolesThatMay = (permission: Permission): StaffRole[] => STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));

export function canAccessEvent(p: Principal, eventId: number): boolean {
  return p.allEvents || p.eventIds.includes(eventId);
}

/** Creating an event needs an event manager whose scope is every event (an organiser of some events cannot add one). */
export const mayCreateEvents = (p: Principal): boolean => may(p, "events.manage") && p.allEvents;

export type StaffSection = "checkin" | "leads" | "events" | "people" | "rates";

/** The staff navigation: each section and the permission that shows it. */
export const SECTIONS: readonly { section: StaffSection; permission: Permission }[] = [
  { section: "checkin", permission: "door.scan" },
  { section: "leads", permission: "leads.work" },
  { section: "events", permission: "events.manage" },
  { section: "people", permission: "staff.manage" },
  { section: "rates", permission: "rates.manage" },
];

export const sectionsFor = (p: Pick<Principal, "role">): StaffSection[] => SECTIONS.filter((s) => may(p, s.permission)).map((s) => s.section);
