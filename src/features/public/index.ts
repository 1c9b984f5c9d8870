import { Hono } from "hono";
import type { AppEnv } from "../../env";

/** What attendees see: signup forms, tickets, privacy notices. */
export const publicPages = new Hono<AppEnv>();
