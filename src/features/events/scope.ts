import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../env";
import { forbidden, notFound } from "../../lib/problem";
import { t } from "../../i18n";
import { canAccessEvent } from "../staff/principal";
import { findEventBySlug } from "./service";

/**
 * Loads the event named by the `slug` path parameter into `c.var.event`;
 * 404 when there is none, 403 when the staff member's scope excludes it.
 * Runs after `requireStaff`.
 */
export const eventScope = createMiddleware<AppEnv>(async function eventScope(c, next) {
  const slug = c.req.param("slug") ?? "";
  const event = await findEventBySlug(c.var.db, slug);
  if (!event) throw notFound(t(c.var.lang, "error.eventNotFound"));
  if (!canAccessEvent(c.var.staff, event.id)) throw forbidden(t(c.var.lang, "error.forbidden"));
  c.set("event", event);
  await next();
});
