import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { signupPages } from "../signup/routes";
import { ticketPages } from "../tickets/routes";

/** What attendees see: signup forms, tickets, privacy notices. */
export const publicPages = new Hono<AppEnv>();
publicPages.route("/", signupPages);
publicPages.route("/", ticketPages);
