/** `/`: the open events, each linking to its signup form. */
import { Hono } from "hono";
import type { AppEnv } from "../../base/context/env";
import { listOpenEvents } from "../../base/events/events.service";
import { t } from "../../i18n";
import { formatDateTime } from "../../lib/time";
import { Layout } from "../../base/views/layout";

export const home = new Hono<AppEnv>().get("/", async (c) => {
  const lang = c.var.lang;
  const open = await listOpenEvents(c.var.db);
  return c.html(
    <Layout lang={lang} title={t(lang, "app.name")} switchLang={{ href: `/?lang=${lang === "id" ? "en" : "id"}`, label: t(lang, "lang.switch") }}>
      <h1>{t(lang, "app.name")}</h1>
      <ul>
        {open.map((e) => (
          <li>
            <a href={`/e/${e.slug}`}>{e.name}</a>
            <br />
            <span class="muted">
              {e.venue}, {e.city} · {formatDateTime(e.startsAt, e.timezone, lang)}
            </span>
          </li>
        ))}
      </ul>
      <p class="muted">
        <a href="/staff">{t(lang, "staff.title")}</a>
      </p>
    </Layout>,
  );
});
