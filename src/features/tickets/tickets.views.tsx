/** The ticket page: the attendee's keepsake and their way in. */
import { raw } from "hono/html";
import type { Event } from "../../db/schema";
import { cardFileName } from "../../lib/ticket-card";
import { t, type Lang } from "../../i18n";
import { whatsappShareLink } from "../../lib/phone";
import { labelledSvg } from "../../lib/qr";
import { formatDateTime } from "../../lib/time";
import { Layout } from "../../base/views/layout";
import { BandPicker, ContributionTable } from "../../base/views/contribution";
import type { BandRow, Breakdown } from "../../lib/contributions";

/** The contribution figures of an event that shows them; breakdown null when the rates say nothing for the day. */
export type Calculator = { breakdown: Breakdown | null; bands: BandRow[]; hidden: Record<string, string> };

/** The little of the event a ticket shows. */
export type TicketEvent = Pick<Event, "slug" | "name" | "venue" | "city" | "timezone" | "startsAt" | "literacy">;

type Props = {
  lang: Lang;
  event: TicketEvent;
  name: string;
  code: string;
  url: string;
  svg: string;
  revoked: boolean;
  visited: { name: string; code: string }[];
  /** the booth just told "I am interested" (its code) */
  interest?: string;
  calculator: Calculator | null;
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
      <a class="btn block" href={`/t/${p.code}/card.png`} download={cardFileName(event.slug, p.name)}>
        {t(lang, "ticket.save")}
      </a>
      <a class="btn alt block" href={whatsappShareLink(waText)} rel="noopener">
        {t(lang, "ticket.whatsapp")}
      </a>
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
      {p.calculator ? <Contributions lang={lang} code={p.code} calc={p.calculator} /> : null}
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

/** "What would cover cost me?": the figures for the band chosen in a plain GET form. */
function Contributions({ lang, code, calc }: { lang: Lang; code: string; calc: Calculator }) {
  return (
    <section id="iuran" class="box">
      <h2>{t(lang, "contrib.title")}</h2>
      {calc.breakdown ? (
        <>
          <p class="muted">{t(lang, "contrib.intro")}</p>
          <BandPicker lang={lang} bands={calc.bands} current={calc.breakdown.base} action={`/t/${code}#iuran`} hidden={calc.hidden} />
          <ContributionTable lang={lang} b={calc.breakdown} />
          <p class="muted">{t(lang, "contrib.sponsorHint")}</p>
        </>
      ) : (
        <p>{t(lang, "contrib.unavailable")}</p>
      )}
    </section>
  );
}
