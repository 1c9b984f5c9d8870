import type { Env } from "./env";

/** Cron work. The retention job lands with the leads feature. */
export async function runScheduled(_controller: ScheduledController, _env: Env): Promise<void> {}
