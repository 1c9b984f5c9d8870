/** Getting a ticket back: the lost-ticket form, its one answer, and a link that no longer works. */
import type { Event } from "../../db/schema";
import type { LinkPurpose } from "../../db/schema/messaging";
import { t, type Lang } from "../../i18n";
import { FormAlert, type FormErrors, type FormValues } from "../../base/views/form";
import { ResendForm } from "../../base/views/resend-form";
import { Layout } from "../../base/views/layout";

export function ResendPage(p: { event: Event; lang: Lang; values: FormValues; errors: FormErrors; banner?: string }) {
  const { lang, event } = p;
  return (
    <Layout lang={lang} title={event.name} noindex switchLang={{ href: `/e/${event.slug}/resend?lang=${lang === "id" ? "en" : "id"}`, label: t(lang, "lang.switch") }}>
      <h1>{t(lang, "identity.resendPageTitle")}</h1>
      <p>{t(lang, "identity.resendPageText")}</p>
      <FormAlert message={p.banner} />
      <ResendForm slug={event.slug} lang={lang} values={p.values} errors={p.errors} />
    </Layout>
  );
}

/** The one answer to a resend, whether the number is registered or not. */
export function ResendSent(p: { event: Event; lang: Lang }) {
  return (
    <Layout lang={p.lang} title={p.event.name} noindex>
      <h1>{t(p.lang, "identity.resendTitle")}</h1>
      <p role="status">{t(p.lang, "identity.resendSent")}</p>
      <p>
        <a href={`/e/${p.event.slug}?lang=${p.lang}`}>{t(p.lang, "identity.registerOther")}</a>
      </p>
    </Layout>
  );
}

/**
 * What a link does, with the one button that does it (a plain form: no script
 * needed). Opening the link only shows this page; the tap uses the link.
 */
export function LinkConfirm(p: { lang: Lang; purpose: LinkPurpose; eventName: string }) {
  const { lang } = p;
  const phone = p.purpose === "phone_change";
  const title = t(lang, phone ? "identity.linkPhoneTitle" : "identity.linkOpenTitle");
  return (
    <Layout lang={lang} title={title} noindex>
      <h1>{title}</h1>
      <p>{t(lang, phone ? "identity.linkPhoneText" : "identity.linkOpenText", { event: p.eventName })}</p>
      <form method="post">
        <input type="hidden" name="lang" value={lang} />
        <button type="submit" class="block">
          {t(lang, phone ? "identity.linkPhoneButton" : "identity.linkOpenButton")}
        </button>
      </form>
    </Layout>
  );
}

/** A link used already, expired, or never issued; or a phone change the new number cannot take. */
export function LinkUnusable(p: { lang: Lang; message: string; eventSlug?: string }) {
  return (
    <Layout lang={p.lang} title={p.message} noindex>
      <h1>{p.message}</h1>
      {p.eventSlug ? (
        <p>
          <a class="btn block" href={`/e/${p.eventSlug}/resend?lang=${p.lang}`}>
            {t(p.lang, "identity.requestNew")}
          </a>
        </p>
      ) : (
        <p>
          <a href="/">{t(p.lang, "identity.helpDeskText")}</a>
        </p>
      )}
    </Layout>
  );
}
