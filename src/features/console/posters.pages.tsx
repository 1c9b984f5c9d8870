/**
 * Printable booth posters: `/staff/events/{slug}/booths/{code}/poster?size=a4|a5`
 * for one booth, `/staff/events/{slug}/posters?size=…` for every booth, one per sheet.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../base/context/env";
import type { Booth } from "../../db/schema";
import { t } from "../../i18n";
import { notFound } from "../../base/http/problem";
import { StaffLayout } from "../../base/views/staff-layout";
import { findBooth, listBooths } from "../../base/events/events.service";
import { eventPage } from "./event-page";
import { originOf } from "../../base/http/read-form";
import { EventHeader, type EventTab } from "./events.views";
import { Poster } from "./posters.views";
import { ConsoleHead } from "./head.views";
import { posterCss } from "./console.styles";

export const posterPages = new Hono<AppEnv>();

// an unknown size falls back to A4 rather than failing a print
const Size = z.enum(["a4", "a5"]).catch("a4");

function render(c: Context<AppEnv>, booths: Booth[], title: string, self: string, tab: EventTab) {
  const { lang, staff, event } = c.var;
  const size = Size.parse(c.req.query("size"));
  const other = size === "a4" ? "a5" : "a4";
  return c.html(
    <StaffLayout lang={lang} title={title} staff={staff} head={<ConsoleHead css={posterCss(size)} script />}>
      <div class="noprint">
        <EventHeader event={event} lang={lang} tab={tab} origin={originOf(c)} />
        <h2>{title}</h2>
        <p class="actions">
          <button type="button" data-print hidden>
            {t(lang, "console.poster.print", { size: size.toUpperCase() })}
          </button>
          <a href={`${self}?size=${other}`}>{t(lang, "console.poster.switchSize", { size: other.toUpperCase() })}</a>
        </p>
        <p class="hint">{t(lang, "console.poster.printHint", { size: size.toUpperCase() })}</p>
        {booths.length === 0 ? <p>{t(lang, "console.booths.none")}</p> : null}
      </div>
      {booths.map((booth) => (
        <Poster event={event} booth={booth} origin={originOf(c)} />
      ))}
    </StaffLayout>,
  );
}

posterPages.get("/:slug/booths/:code/poster", ...eventPage, async (c) => {
  const booth = await findBooth(c.var.db, c.var.event.id, c.req.param("code"));
  if (!booth) throw notFound("error.boothNotFound");
  return render(c, [booth], t(c.var.lang, "console.poster.title", { booth: booth.name }), `/staff/events/${c.var.event.slug}/booths/${booth.code}/poster`, "booths");
});

posterPages.get("/:slug/posters", ...eventPage, async (c) => {
  const booths = await listBooths(c.var.db, c.var.event.id);
  return render(c, booths, t(c.var.lang, "console.posters.all"), `/staff/events/${c.var.event.slug}/posters`, "posters");
});
