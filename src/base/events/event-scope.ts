import { createMiddleware } from "hono/factory";
import { canAccessEvent } from "../auth/roles";
import type { AppEnv } from "../context/env";
import { forbidden, notFound } from "../http/problem";
import { cachedEventAndBooth, findEventBySlug } from "./events.service";

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

/**
 * `eventScope` from this isolate's copy of the event (event-cache.ts), for the
 * door's scan: it decides by the event's id alone (slugs never change), so a
 * copy up to 30 s old only formats times in the zone the event had then.
 */
export const cachedEventScope = createMiddleware<AppEnv>(async function cachedEventScope(c, next) {
  const { event } = await cachedEventAndBooth(c.var.db, c.req.param("slug") ?? "");
  if (!event) throw notFound("error.eventNotFound");
  if (!canAccessEvent(c.var.staff, event.id)) throw forbidden("error.forbidden");
  c.set("event", event);
  await next();
});
