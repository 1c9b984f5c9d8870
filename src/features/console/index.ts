import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { boothPages } from "./booths.pages";
import { dashboardPages } from "./dashboard.pages";
import { eventPages } from "./events.pages";
import { peoplePages } from "./people.pages";
import { posterPages } from "./posters.pages";

/**
 * The organiser console under `/staff`: events, booths, posters, dashboard, people.
 * Mounted after the staff pages, whose csrf() guards every `/staff/*` post.
 */
export const consolePages = new Hono<AppEnv>();
consolePages.route("/", eventPages);
consolePages.route("/", boothPages);
consolePages.route("/", posterPages);
consolePages.route("/", dashboardPages);
consolePages.route("/", peoplePages);
