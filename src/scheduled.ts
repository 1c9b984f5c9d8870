import { createDb } from "./db/client";
import type { Env } from "./base/context/env";
import { eraseExpired } from "./features/rights/retention.service";

/** Cron work (daily, see wrangler.toml): erase personal data past each event's retention period. */
export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  await eraseExpired(createDb(env.DB), new Date(controller.scheduledTime));
}
