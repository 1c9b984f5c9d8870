import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { signupPages } from "../signup/routes";
import { home } from "./home";
import { ticketPages } from "../tickets/routes";

/** What attendees see: signup forms, tickets, privacy notices. */
export const publicPages = new Hono<AppEnv>();
publicPages.route("/", home);
publicPages.route("/", signupPages);
publicPages.route("/", ticketPages);
