/** Worker entry: HTTP requests and the daily retention job. */
import { createApp } from "./app";
import type { Env } from "./base/context/env";
import { runScheduled } from "./scheduled";

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled: (controller, env, ctx) => ctx.waitUntil(runScheduled(controller, env)),
} satisfies ExportedHandler<Env>;
