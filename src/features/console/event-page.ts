/** Who may open a console page about one event (`:slug`): event managers within their event scope. */
import { staffPage } from "../../base/auth/guards";
import { eventScope } from "../../base/events/event-scope";

export const eventPage = [staffPage("events.manage"), eventScope] as const;
