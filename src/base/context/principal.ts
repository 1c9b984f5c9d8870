import type { StaffRole } from "../../db/schema";

/** Who is making a staff request: a staff row, or the ADMIN_TOKEN (id null). What each role may do is in base/auth/roles.ts. */
export type Principal = {
  id: number | null;
  name: string;
  role: StaffRole;
  allEvents: boolean;
  eventIds: number[];
  gate: string | null;
};
