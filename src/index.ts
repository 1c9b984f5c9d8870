/** Worker entry: HTTP requests, the daily retention job, and the outbox's queue. */
import { createApp } from "./app";
import type { Env } from "./base/context/env";
import { consumeMessages } from "./base/messaging/consumer";
import { runScheduled } from "./scheduled";

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled: (controller, env, ctx) => ctx.waitUntil(runScheduled(controller, env)),
  queue: (batch, env) => consumeMessages(batch as MessageBatch<{ id: number }>, env),
} satisfies ExportedHandler<Env>;
