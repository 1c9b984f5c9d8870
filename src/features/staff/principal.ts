import type { StaffRole } from "../../db/schema";

/** Who is making a staff request: a staff row, or the ADMIN_TOKEN (id null). */
export type Principal = {
  id: number | null;
  name: string;
  role: StaffRole;
  allEvents: boolean;
  eventIds: number[];
  gate: string | null;
  /** the hash of the token in use; sessions carry a fingerprint of it */
  tokenHash?: string;
};

export const ADMIN_PRINCIPAL: Principal = {
  id: null,
  name: "admin (ADMIN_TOKEN)",
  role: "admin",
  allEvents: true,
  eventIds: [],
  gate: null,
};

export function canAccessEvent(p: Principal, eventId: number): boolean {
  return p.allEvents || p.eventIds.includes(eventId);
}

/** A label for audit entries that names no personal data. */
export function actorLabel(p: Principal): string {
  return p.id === null ? "admin-token" : `staff:${p.id}`;
}
