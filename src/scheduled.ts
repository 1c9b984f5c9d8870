import { purgeKioskSessions } from "./base/auth/kiosks.service";
import { purgeSessions, SESSION_KEEP_DAYS } from "./base/auth/sessions.service";
import type { Env } from "./base/context/env";
import { createDb } from "./db/client";
import { eraseExpired } from "./features/rights/retention.service";

/**
 * Cron work (daily, see wrangler.toml): erase personal data past each event's
 * retention period, and drop staff and kiosk sessions that ended or expired a month ago.
 */
export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const db = createDb(env.DB);
  const now = new Date(controller.scheduledTime);
  await eraseExpired(db, now);
  await purgeSessions(db, now);
  await purgeKioskSessions(db, new Date(now.getTime() - SESSION_KEEP_DAYS * 86_400_000));
}
