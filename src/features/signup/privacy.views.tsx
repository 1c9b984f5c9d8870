/** `/e/{event}/privacy`: the notice UU PDP asks for, before consent; the signup form opens the same notice in place. */
import type { Event } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { Layout } from "../../base/views/layout";

/** The notice itself: controller, purposes, data, retention, rights, the event's own text and its version. `h` is the level of its headings. */
export function NoticeBody({ event, lang, h }: { event: Event; lang: Lang; h: "h2" | "h3" }) {
  const custom = event.privacyNotice?.[lang] || event.privacyNotice?.id;
  const contact = event.contactEmail || event.organiser || event.name;
  const H = h;
  return (
    <>
      <H>{t(lang, "privacy.controller")}</H>
      <p>{event.organiser || event.name}</p>
      <H>{t(lang, "privacy.purposes")}</H>
      <ul>
        <li>{t(lang, "privacy.purposeEvent")}</li>
        <li>{t(lang, "privacy.purposeContact")}</li>
      </ul>
      <H>{t(lang, "privacy.data")}</H>
      <p>{t(lang, "privacy.dataList")}</p>
      <H>{t(lang, "privacy.retention")}</H>
      <p>{t(lang, "privacy.retentionDays", { days: event.retentionDays })}</p>
      <H>{t(lang, "privacy.rights")}</H>
      <p>{t(lang, "privacy.rightsText", { contact })}</p>
      {custom ? custom.split(/\n{2,}/).map((para) => <p>{para}</p>) : null}
      <p class="muted">
        {t(lang, "privacy.version")}: {event.noticeVersion}
      </p>
    </>
  );
}

/** The page; `booth` (a code from the link) sends "back to the form" to that booth's form. */
export function PrivacyPage({ event, lang, booth }: { event: Event; lang: Lang; booth?: string }) {
  const query = booth ? `?booth=${encodeURIComponent(booth)}&lang=` : "?lang=";
  return (
    <Layout lang={lang} title={`${t(lang, "privacy.title")} · ${event.name}`} switchLang={{ href: `/e/${event.slug}/privacy${query}${lang === "id" ? "en" : "id"}`, label: t(lang, "lang.switch") }}>
      <h1>{t(lang, "privacy.title")}</h1>
      <NoticeBody event={event} lang={lang} h="h2" />
      <p>
        <a href={`/e/${event.slug}${booth ? `/${encodeURIComponent(booth)}` : ""}?lang=${lang}`}>{t(lang, "privacy.back")}</a>
      </p>
    </Layout>
  );
}
