/** `/e/{event}/privacy`: the notice UU PDP asks for, before consent. */
import type { Event } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { Layout } from "../../base/views/layout";

export function PrivacyPage({ event, lang }: { event: Event; lang: Lang }) {
  const custom = event.privacyNotice?.[lang] || event.privacyNotice?.id;
  const contact = event.contactEmail || event.organiser || event.name;
  return (
    <Layout lang={lang} title={`${t(lang, "privacy.title")} · ${event.name}`} switchLang={{ href: `/e/${event.slug}/privacy?lang=${lang === "id" ? "en" : "id"}`, label: t(lang, "lang.switch") }}>
      <h1>{t(lang, "privacy.title")}</h1>
      <h2>{t(lang, "privacy.controller")}</h2>
      <p>{event.organiser || event.name}</p>
      <h2>{t(lang, "privacy.purposes")}</h2>
      <ul>
        <li>{t(lang, "privacy.purposeEvent")}</li>
        <li>{t(lang, "privacy.purposeContact")}</li>
      </ul>
      <h2>{t(lang, "privacy.data")}</h2>
      <p>{t(lang, "privacy.dataList")}</p>
      <h2>{t(lang, "privacy.retention")}</h2>
      <p>{t(lang, "privacy.retentionDays", { days: event.retentionDays })}</p>
      <h2>{t(lang, "privacy.rights")}</h2>
      <p>{t(lang, "privacy.rightsText", { contact })}</p>
      {custom ? custom.split(/\n{2,}/).map((para) => <p>{para}</p>) : null}
      <p class="muted">
        {t(lang, "privacy.version")}: {event.noticeVersion}
      </p>
      <p>
        <a href={`/e/${event.slug}?lang=${lang}`}>{t(lang, "privacy.back")}</a>
      </p>
    </Layout>
  );
}
