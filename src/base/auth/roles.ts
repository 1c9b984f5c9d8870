/**
 * The one table of staff roles and what each may do. Guards (`requireStaff`,
 * `staffPage`), the staff navigation and the services read it; no role list is
 * written out anywhere else.
 */
import { ROLES, STAFF_ROLES, type Role, type StaffRole } from "../../db/schema";
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
  | "rates.manage"
  /** an event's outbox: the messages sent to people (their number, the text with its link) */
  | "messages.read"
  /** the help desk, after checking the person's KTP: resend a ticket to WhatsApp, show its QR once (audited) */
  | "tickets.recover"
  /** pair booth kiosks (a tablet bound to one booth), list and revoke them */
  | "kiosk.manage"
  /** be a booth kiosk: sign people up at the ONE booth the kiosk was paired with, on a tablet that remembers no one */
  | "kiosk.signup";

/**
 * What each role may do. The organiser is the data controller named in the
 * privacy notice: it manages the event and erases on request, but sees NIKs
 * only masked. Enrollment staff work leads and may export NIKs for BPJS
 * registration. Check-in volunteers (and paired gate phones) only work the door.
 * A paired booth kiosk signs people up at its one booth and can do nothing
 * else (its booth is on the principal: `kioskBooth`); no staff role runs a
 * kiosk page itself, so a tablet left signed in as staff is never a kiosk.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ["events.read", "events.manage", "door.scan", "door.manage", "leads.work", "leads.nik", "registrations.erase", "staff.manage", "rates.manage", "messages.read", "tickets.recover", "kiosk.manage"],
  organiser: ["events.read", "events.manage", "door.scan", "door.manage", "leads.work", "registrations.erase", "messages.read", "tickets.recover", "kiosk.manage"],
  checkin: ["events.read", "door.scan"],
  enrollment: ["events.read", "leads.work", "leads.nik"],
  kiosk: ["kiosk.signup"],
};

export const may = (p: Pick<Principal, "role">, permission: Permission): boolean => ROLE_PERMISSIONS[p.role].includes(permission);

/** The roles that hold `permission` (for documents and messages). */
export const rolesThatMay = (permission: Permission): Role[] => ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));

/** The staff accounts' roles that hold `permission` (for a query on `staff.role`, where no kiosk is). */
export const staffRolesThatMay = (permission: Permission): StaffRole[] => STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));

/** The booth a kiosk principal is bound to; undefined for everyone else (staff never run a kiosk page). */
export const kioskBooth = (p: Principal): { kioskId: number; boothId: number; eventId: number } | undefined =>
  p.role === "kiosk" && p.kiosk && !p.allEvents && p.eventIds.length === 1 ? { kioskId: p.kiosk.id, boothId: p.kiosk.boothId, eventId: p.eventIds[0]! } : undefined;

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
