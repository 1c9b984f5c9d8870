/** The ticket page: the attendee's keepsake and their way in. */
import { raw } from "hono/html";
import type { Event } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { whatsappLink } from "../../lib/phone";
import { labelledSvg } from "../../lib/qr";
import { formatDateTime } from "../../lib/time";
import { Layout } from "../../base/views/layout";

type Props = {
  lang: Lang;
  event: Event;
  name: string;
  phone: string | null;
  code: string;
  url: string;
  svg: string;
  revoked: boolean;
  visited: { name: string; code: string }[];
  /** the booth just told "I am interested" (its code) */
  interest?: string;
};

export function TicketPage(p: Props) {
  const { lang, event } = p;
  const waText = t(lang, "ticket.whatsappText", { event: event.name, url: p.url });
  const literacy = event.literacy?.[lang] || event.literacy?.id;
  const interestBooth = p.interest ? p.visited.find((v) => v.code === p.interest)?.name : undefined;
  return (
    <Layout
      lang={lang}
      title={`${t(lang, "ticket.title")} · ${event.name}`}
      noindex
      switchLang={{ href: `/t/${p.code}?lang=${lang === "id" ? "en" : "id"}`, label: t(lang, "lang.switch") }}
      head={<script src="/t/ticket.js" defer></script>}
    >
      <h1>{event.name}</h1>
      {interestBooth ? (
        <p class="box" role="status">
          {t(lang, "ticket.interestDone", { booth: interestBooth })}
        </p>
      ) : null}
      {p.revoked ? (
        <p class="alert" role="alert">
          {t(lang, "ticket.revoked")}
        </p>
      ) : null}
      <div class="box">
        <p>
          {t(lang, "ticket.for")}: <strong>{p.name}</strong>
        </p>
        <p>
          {t(lang, "ticket.when")}: {formatDateTime(event.startsAt, event.timezone, lang)}
        </p>
        <p>
          {t(lang, "ticket.where")}: {event.venue}, {event.city}
        </p>
        <figure class="qr">{raw(labelledSvg(p.svg, t(lang, "ticket.qrAlt", { name: p.name })))}</figure>
        <p class="muted">{t(lang, "ticket.show")}</p>
      </div>
      <p class="notice">{t(lang, "ticket.offlineHint")}</p>
      <a class="btn block" href={`/t/${p.code}/qr.png`} download={`tiket-${event.slug}.png`}>
        {t(lang, "ticket.save")}
      </a>
      {p.phone ? (
        <a class="btn alt block" href={whatsappLink(p.phone, waText)} rel="noopener">
          {t(lang, "ticket.whatsapp")}
        </a>
      ) : null}
      {p.visited.length ? (
        <>
          <h2>{t(lang, "ticket.visited")}</h2>
          <ul>
            {p.visited.map((v) => (
              <li>{v.name}</li>
            ))}
          </ul>
        </>
      ) : null}
      {literacy ? (
        <div class="notice">
          {literacy.split(/\n{2,}/).map((para) => (
            <p>{para}</p>
          ))}
        </div>
      ) : null}
      <p>
        <a href={`/t/${p.code}/me?lang=${lang}`}>{t(lang, "ticket.myData")}</a> · <a href={`/e/${event.slug}/privacy?lang=${lang}`}>{t(lang, "privacy.title")}</a>
      </p>
    </Layout>
  );
}
