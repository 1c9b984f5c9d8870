import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { rightsPages } from "../rights/routes";
import { signupPages } from "../signup/routes";
import { home } from "./home";
import { ticketPages } from "../tickets/routes";

/** What attendees see: signup forms, tickets, privacy notices, their own data. */
export const publicPages = new Hono<AppEnv>();
publicPages.route("/", home);
publicPages.route("/", signupPages);
publicPages.route("/", ticketPages);
publicPages.route("/", rightsPages);
