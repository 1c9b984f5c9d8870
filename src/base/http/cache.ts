/** Caching of answers that hold personal data. */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context/env";

/**
 * `Cache-Control: private, no-store` on every answer below it: a shared gate
 * phone, a browser's back button or a proxy keeps no copy of a lead list, a
 * search result or a staff page. Set after the handler, so it wins over any
 * header the handler chose.
 * @example staffRouter.use("*", noStore)
 */
export const noStore = createMiddleware<AppEnv>(async function noStore(c, next) {
  await next();
  c.res.headers.set("cache-control", "private, no-store");
});
