/** Who may use the organiser console, in one place. */
import type { Principal } from "../staff/principal";
import { staffPage } from "../staff/auth";
import { eventScope } from "../events/scope";

export const MANAGERS = ["admin", "organiser"] as const;
export const ADMINS = ["admin"] as const;

/** A console page about one event (`:slug`): managers within their event scope. */
export const eventPage = [staffPage(MANAGERS), eventScope] as const;

/** The API's rule (POST /events): only someone scoped to all events may add one. */
export const canCreateEvents = (p: Principal) => p.allEvents;
