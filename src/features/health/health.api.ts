import { Hono } from "hono";
import type { AppEnv } from "../../base/context/env";
import { databaseAnswers } from "../../db/client";

/**
 * `GET /livez`: the Worker answers (no database), for uptime checks and as the
 * bare-route baseline of the load benchmark. `GET /healthz`: 200 after a real
 * D1 round trip that reads the schema, 503 when D1 fails.
 */
export const health = new Hono<AppEnv>();

health.get("/livez", (c) => c.text("ok"));

health.get("/healthz", async (c) => {
  c.header("cache-control", "no-store");
  return (await databaseAnswers(c.env.DB)) ? c.json({ status: "ok" }, 200) : c.json({ status: "error", detail: "database unavailable" }, 503);
});
