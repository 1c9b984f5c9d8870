import type { Role } from "../../db/schema";

/** Who is making a staff request: a staff row, the ADMIN_TOKEN (id null, role admin), or a paired booth kiosk (id null, role kiosk, `kiosk` set). What each role may do is in base/auth/roles.ts. */
export type Principal = {
  id: number | null;
  name: string;
  role: Role;
  allEvents: boolean;
  eventIds: number[];
  gate: string | null;
  /** the SHA-256 of the session id, when the caller came with a session cookie: the door's scan checks it is still live */
  session?: string;
  /** a paired booth kiosk (not a staff row): its id and the one booth it signs people up at */
  kiosk?: { id: number; boothId: number };
};
