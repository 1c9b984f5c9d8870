/** Worker entry: HTTP requests, the daily retention job, the outbox's queue and the queue of signups kept while D1 stumbled. */
import { createApp } from "./app";
import type { Env } from "./base/context/env";
import { consumeMessages } from "./base/messaging/consumer";
import { consumeSignups } from "./base/registration/queued-signup";
import { runScheduled } from "./scheduled";

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled: (controller, env, ctx) => ctx.waitUntil(runScheduled(controller, env)),
  // queues are told apart by name (wrangler.toml): `…-signups` and its `…-signups-dlq`, else the outbox's
  queue: (batch, env) => (/-signups(-dlq)?$/.test(batch.queue) ? consumeSignups(batch, env) : consumeMessages(batch as MessageBatch<{ id: number }>, env)),
} satisfies ExportedHandler<Env>;
