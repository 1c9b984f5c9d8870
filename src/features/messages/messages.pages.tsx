/** `/staff/events/{slug}/messages`: the event's outbox as a table (admins, organisers); every read audited. */
import { Hono } from "hono";
import { staffPage } from "../../base/auth/guards";
import type { AppEnv } from "../../base/context/env";
import { eventScope } from "../../base/events/event-scope";
import { isLocalDevelopment } from "../../base/config/deployment";
import { readOutbox } from "../../base/messaging/outbox.service";
import { StaffLayout } from "../../base/views/staff-layout";
import { t } from "../../i18n";
import { formatDateTime } from "../../lib/time";
import { staffText } from "./messages.schema";

export const messagePages = new Hono<AppEnv>();

messagePages.get("/:slug/messages", staffPage("messages.read"), eventScope, async (c) => {
  const { lang, staff, event } = c.var;
  const rows = await readOutbox(c.var.db, staff, event.id, "page");
  const local = isLocalDevelopment(c.env);
  return c.html(
    <StaffLayout lang={lang} title={`${t(lang, "outbox.title")} · ${event.name}`} staff={staff} wide>
      <h1>{t(lang, "outbox.title")}</h1>
      <p class="hint">{t(lang, "outbox.intro")}</p>
      {rows.length === 0 ? (
        <p>{t(lang, "outbox.empty")}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, "outbox.when")}</th>
                <th scope="col">{t(lang, "outbox.to")}</th>
                <th scope="col">{t(lang, "outbox.kind")}</th>
                <th scope="col">{t(lang, "outbox.status")}</th>
                <th scope="col">{t(lang, "outbox.text")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr>
                  <td>{formatDateTime(m.createdAt, event.timezone, lang)}</td>
                  <td>{m.to}</td>
                  <td>{t(lang, `outbox.kind.${m.kind}`)}</td>
                  <td>{t(lang, `outbox.status.${m.status}`)}</td>
                  <td class="wrap">{staffText(m, local)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffLayout>,
  );
});
