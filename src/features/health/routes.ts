import { Hono } from "hono";
import type { AppEnv } from "../../env";

/** `GET /healthz`: 200 after a real D1 round trip that reads the schema, 503 when D1 fails. */
export const health = new Hono<AppEnv>().get("/healthz", async (c) => {
  c.header("cache-control", "no-store");
  try {
    await c.env.DB.prepare("select count(*) as n from events limit 1").first();
    return c.json({ status: "ok" }, 200);
  } catch {
    return c.json({ status: "error", detail: "database unavailable" }, 503);
  }
});
