/** `/staff/events/{slug}/dashboard`: live figures that refresh themselves every 30 s, no JavaScript. */
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

export const dashboardPages = new Hono<AppEnv>();

export const REFRESH_SECONDS = 30;

dashboardPages.get("/:slug/dashboard", ...eventPage, async (c) => {
  const { lang, staff, event, readDb } = c.var;
  // figures a moment old (a replica) are fine: the page refreshes itself
  const [stats, funnel, programmes] = await Promise.all([eventStats(readDb, event), enrollmentFunnel(readDb, event), programmesOfEvent(readDb, event.id)]);
  c.header("cache-control", "private, no-store");
  return c.html(
    <StaffLayout
      lang={lang}
      title={`${t(lang, "console.tab.dashboard")} · ${event.name}`}
      staff={staff}
      head={
        <>
          <meta http-equiv="refresh" content={String(REFRESH_SECONDS)} />
          <ConsoleHead />
        </>
      }
    >
      <EventHeader event={event} lang={lang} tab="dashboard" origin={originOf(c)} />
      <DoneNotice lang={lang} done={c.req.query("done")} />
      <Dashboard lang={lang} event={event} stats={stats} now={new Date()} />
      <EnrollmentFunnel lang={lang} funnel={funnel} programmes={programmes} />
    </StaffLayout>,
  );
});
