import { createMiddleware } from "hono/factory";
import { canAccessEvent } from "../auth/roles";
import type { AppEnv } from "../context/env";
import { forbidden, notFound } from "../http/problem";
import { findEventBySlug } from "./events.service";

/**
 * Loads the event named by the `slug` path parameter into `c.var.event`;
 * 404 when there is none, 403 when the staff member's scope excludes it.
 * Runs after `requireStaff` / `staffPage`.
 */
export const eventScope = createMiddleware<AppEnv>(async function eventScope(c, next) {
  const event = await findEventBySlug(c.var.db, c.req.param("slug") ?? "");
  if (!event) throw notFound("error.eventNotFound");
  if (!canAccessEvent(c.var.staff, event.id)) throw forbidden("error.forbidden");
  c.set("event", event);
  await next();
});
