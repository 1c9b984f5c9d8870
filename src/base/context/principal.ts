import type { StaffRole } from "../../db/schema";

/** Who is making a staff request: a staff row, or the ADMIN_TOKEN (id null). What each role may do is in base/auth/roles.ts. */
export type Principal = {
  id: number | null;
  name: string;
  role: StaffRole;
  allEvents: boolean;
  eventIds: number[];
  gate: string | null;
  /** the SHA-256 of the session id, when the caller came with a session cookie: the door's scan checks it is still live */
  session?: string;
};
