/**
 * `/staff/events/{slug}/dashboard`: live figures. The page never reloads itself (a
 * reader loses their place): a "reload" link always works, and where JavaScript
 * runs, /console/console.js brings new figures into the page every 30 s, says so in
 * a polite status line, and offers a button that pauses it.
 */
import { Hono } from "hono";
import type { AppEnv } from "../../base/context/env";
import { t } from "../../i18n";
import { StaffLayout } from "../../base/views/staff-layout";
import { eventPage } from "./event-page";
import { Dashboard } from "./dashboard.views";
import { DoneNotice, EventHeader } from "./events.views";
import { originOf } from "../../base/http/read-form";
import { eventStats } from "../../base/stats/event-stats";
import { enrollmentFunnel } from "../../base/stats/funnel";
import { programmesOfEvent } from "../../base/enrollment/programmes.service";
import { EnrollmentFunnel } from "./funnel.views";
import { ConsoleHead } from "./head.views";
import { openConflicts } from "../../base/door/conflicts.service";
import { ConflictList } from "../../base/door/conflicts.views";
import { formatTime, zoneName } from "../../lib/time";

export const dashboardPages = new Hono<AppEnv>();

/** how often the optional script brings new figures */
export const REFRESH_SECONDS = 30;

dashboardPages.get("/:slug/dashboard", ...eventPage, async (c) => {
  const { lang, staff, event, db, readDb } = c.var;
  // figures a moment old (a replica) are fine: the page brings new ones every 30 s; conflicts from the primary
  const [stats, conflicts, funnel, programmes] = await Promise.all([eventStats(readDb, event), openConflicts(db, event.id), enrollmentFunnel(readDb, event), programmesOfEvent(readDb, event.id)]);
  const now = new Date();
  c.header("cache-control", "private, no-store");
  return c.html(
    <StaffLayout lang={lang} title={`${t(lang, "console.tab.dashboard")} · ${event.name}`} staff={staff} head={<ConsoleHead script />}>
      <EventHeader event={event} lang={lang} tab="dashboard" origin={originOf(c)} />
      <DoneNotice lang={lang} done={c.req.query("done")} />
      <p class="refresh noprint">
        <span id="live-status" role="status" data-paused={t(lang, "console.dash.paused")}>
          {t(lang, "console.dash.updated", { time: `${formatTime(now, event.timezone)} ${zoneName(now, event.timezone)}` })}
        </span>{" "}
        <a href={`/staff/events/${event.slug}/dashboard`} class="btn alt">
          {t(lang, "console.dash.reload")}
        </a>{" "}
        <button type="button" id="live-toggle" class="btn alt" hidden aria-pressed="false" data-pause={t(lang, "console.dash.pause")} data-resume={t(lang, "console.dash.resume")}>
          {t(lang, "console.dash.pause")}
        </button>
      </p>
      <div id="live" data-live={String(REFRESH_SECONDS)}>
        <ConflictList lang={lang} tz={event.timezone} conflicts={conflicts} names="full" resolve={{ event: event.slug, back: `/staff/events/${event.slug}/dashboard` }} />
        <Dashboard lang={lang} event={event} stats={stats} now={now} />
        <EnrollmentFunnel lang={lang} funnel={funnel} programmes={programmes} />
      </div>
    </StaffLayout>,
  );
});
