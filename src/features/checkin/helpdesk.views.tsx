/** The help desk's markup: search, one row per person with the two actions, and the QR shown once. */
import { raw } from "hono/html";
import type { Event } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import type { AttendeeHit } from "./scanner.views";

function Action(p: { lang: Lang; event: Event; q?: string; id: number; path: "resend" | "show"; label: string }) {
  return (
    <form method="post" action={`/staff/checkin/helpdesk/${p.path}`} class="inline">
      <input type="hidden" name="event" value={p.event.slug} />
      <input type="hidden" name="registration_id" value={p.id} />
      {p.q ? <input type="hidden" name="q" value={p.q} /> : null}
      <button type="submit">{p.label}</button>
    </form>
  );
}

export function HelpdeskPage(p: { lang: Lang; event: Event; q?: string; hits?: AttendeeHit[]; searchError?: string; done?: "sent" | "unknown" | "invalid" }) {
  const { lang, event } = p;
  return (
    <>
      <h1>{t(lang, "helpdesk.title")}</h1>
      <p class="hint">{t(lang, "helpdesk.intro")}</p>
      {p.done ? <p role="status" class="alert">{t(lang, p.done === "sent" ? "helpdesk.sent" : p.done === "invalid" ? "helpdesk.badChoice" : "helpdesk.unknown")}</p> : null}
      <form method="get" action="/staff/checkin/helpdesk">
        <input type="hidden" name="event" value={event.slug} />
        <label for="q">{t(lang, "checkin.search")}</label>
        <input id="q" name="q" type="search" value={p.q ?? ""} maxlength={100} aria-invalid={p.searchError ? "true" : undefined} aria-describedby={p.searchError ? "q-err" : undefined} />
        {p.searchError ? <p class="err" id="q-err">{p.searchError}</p> : null}
        <button type="submit">{t(lang, "checkin.searchSubmit")}</button>
      </form>
      {p.hits?.length === 0 ? <p>{t(lang, "checkin.noResults")}</p> : null}
      <ul>
        {p.hits?.map((h) => (
          <li>
            {h.name} · {h.phone}{" "}
            <Action lang={lang} event={event} q={p.q} id={h.registration_id} path="resend" label={t(lang, "helpdesk.resend")} />
            <Action lang={lang} event={event} q={p.q} id={h.registration_id} path="show" label={t(lang, "helpdesk.show")} />
          </li>
        ))}
      </ul>
    </>
  );
}

export function ShowOncePage(p: { lang: Lang; event: Event; name: string; qr: string }) {
  return (
    <>
      <h1>{p.name}</h1>
      <p class="hint">{t(p.lang, "helpdesk.showHint")}</p>
      <div class="qr" style="max-width:20rem">{raw(p.qr)}</div>
      <p>
        <a href={`/staff/checkin/helpdesk?event=${p.event.slug}`}>{t(p.lang, "helpdesk.back")}</a>
      </p>
    </>
  );
}
