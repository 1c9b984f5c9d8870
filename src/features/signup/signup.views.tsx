/** The signup form and the returning-attendee prompt. Plain HTML: works without JavaScript. */
import type { Booth, Event } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { CheckField, firstInvalid, FormAlert, one, TextField, type FormErrors, type FormValues } from "../../base/views/form";
import { Layout } from "../../base/views/layout";
import { BirthDateField, NikField, PERSON_FIELD_ORDER, PersonFields, Question } from "../../base/views/person-fields";
import { SUBMISSION_FIELD } from "../../base/http/submission-token";
import { NoticeBody } from "./privacy.views";
import { HONEYPOT_FIELD } from "../../base/registration/fields";
import { ResendForm } from "../../base/views/resend-form";

/** Where the Turnstile widget comes from (its script and frame), for the page's Content-Security-Policy. */
export const TURNSTILE_ORIGIN = "https://challenges.cloudflare.com";
/** The form field the widget fills with its token. */
export const TOKEN_FIELD = "cf-turnstile-response";

type FormProps = {
  event: Event;
  booth: Booth | null;
  lang: Lang;
  action: string;
  values: FormValues;
  errors: FormErrors;
  banner?: string;
  /** the Turnstile site key, on events that turn the check on */
  turnstileSiteKey?: string;
  /** the names of the people whose tickets this browser holds: the form then registers someone else */
  heldNames?: string[];
  /** a kiosk's form: nothing autocompletes or is restored by the browser, no link to anyone's ticket */
  kiosk?: boolean;
  /** the button's words when they are not "register" (after the database stumbled: "try again") */
  submitLabel?: string;
  /** the token of the submission the form came back from: sent again, it is the same submission */
  submission?: string;
};

/**
 * A field people never see: off screen, hidden from screen readers, out of the
 * tab order, never autofilled. Bots that fill every field fill it too.
 */
function Honeypot({ lang }: { lang: Lang }) {
  return (
    <div class="hp" aria-hidden="true">
      <label for={HONEYPOT_FIELD}>{t(lang, "signup.honeypotLabel")}</label>
      <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabindex={-1} autocomplete="off" value="" />
    </div>
  );
}

/** Cloudflare's widget; without JavaScript the page says whom to ask. */
function Turnstile({ siteKey, lang }: { siteKey: string; lang: Lang }) {
  return (
    <>
      <div class="cf-turnstile" data-sitekey={siteKey} data-language={lang} data-response-field-name={TOKEN_FIELD}></div>
      <script src={`${TURNSTILE_ORIGIN}/turnstile/v0/api.js`} async defer></script>
      <noscript>
        <p class="alert">{t(lang, "signup.turnstileNoScript")}</p>
      </noscript>
    </>
  );
}

export function SignupForm(p: FormProps) {
  const { lang, values, errors, event } = p;
  const otherLang = lang === "id" ? "en" : "id";
  // after a mistake the cursor waits in the first wrong field
  const focus = firstInvalid(errors, [...PERSON_FIELD_ORDER, "nik", "birth_date", ...event.questions.map((q) => q.key), "consent", "contact_ok", "guardian_name", "guardian_consent"]);
  return (
    <Layout lang={lang} title={event.name} switchLang={{ href: `${p.action}?lang=${otherLang}`, label: t(lang, "lang.switch") }}>
      <h1>{t(lang, "signup.title")}</h1>
      <p>{p.booth ? t(lang, "signup.atBooth", { booth: p.booth.name }) : t(lang, "signup.intro")}</p>
      <FormAlert message={p.banner} />
      {p.heldNames && p.heldNames.length > 0 ? (
        <div class="notice">
          <p>{t(lang, "identity.heldHere", { names: p.heldNames.join(", ") })}</p>
          <p>
            <strong>{t(lang, "identity.someoneElse")}</strong> {t(lang, "identity.someoneElseHint")}
          </p>
        </div>
      ) : null}
      {/* on a kiosk "off" on the form covers the selects, choices and questions; the fields that name a token say "off" themselves */}
      <form method="post" action={p.action} novalidate={Object.keys(errors).length > 0} autocomplete={p.kiosk ? "off" : undefined}>
        <input type="hidden" name="lang" value={lang} />
        {p.submission ? <input type="hidden" name={SUBMISSION_FIELD} value={p.submission} /> : null}
        <PersonFields lang={lang} values={values} errors={errors} focus={focus} forget={p.kiosk} />
        {/* the NIK is never sent back to the browser, not even to the person who typed it: when one was sent, the field says to type it again */}
        <NikField lang={lang} errors={errors} focus={focus} again={one(values.nik).trim() !== ""} />
        <BirthDateField lang={lang} values={values} errors={errors} focus={focus} forget={p.kiosk} />
        {event.questions.map((q) => (
          <Question q={q} lang={lang} values={values} errors={errors} focus={focus} />
        ))}
        <h2>{t(lang, "signup.noticeTitle")}</h2>
        <div class="notice">
          <p>
            {event.organiser ? `${event.organiser}. ` : ""}
            {t(lang, "privacy.purposeEvent")} {t(lang, "privacy.purposeContact")} {t(lang, "privacy.retentionDays", { days: event.retentionDays })}
          </p>
          {/* the whole notice opens here, so reading it never costs the answers typed above */}
          <details>
            <summary>{t(lang, "signup.noticeLink")}</summary>
            <NoticeBody event={event} lang={lang} h="h3" />
          </details>
        </div>
        <CheckField name="consent" id="consent" label={t(lang, "signup.consent")} values={values} errors={errors} focus={focus} required />
        <CheckField name="contact_ok" id="contact_ok" label={t(lang, "signup.contactOk")} values={values} errors={errors} focus={focus} />
        <GuardianFields lang={lang} values={values} errors={errors} focus={focus} />
        <CheckField name="send_whatsapp" id="send_whatsapp" label={t(lang, "identity.sendWhatsapp")} values={values} errors={errors} focus={focus} />
        <Honeypot lang={lang} />
        {p.turnstileSiteKey ? <Turnstile siteKey={p.turnstileSiteKey} lang={lang} /> : null}
        <button type="submit" class="block">
          {p.submitLabel ?? t(lang, "signup.submit")}
        </button>
      </form>
      {p.kiosk ? null : (
        <p>
          <a href={`/e/${event.slug}/resend?lang=${lang}`}>{t(lang, "identity.lostTicket")}</a>
        </p>
      )}
    </Layout>
  );
}

/** A minor's opt-in comes with a parent's or guardian's consent: folded away until wanted, open when the form asks for it. */
function GuardianFields({ lang, values, errors, focus }: { lang: Lang; values: FormValues; errors: FormErrors; focus?: string }) {
  const open = Boolean(errors.contact_ok || errors.guardian_name || one(values.guardian_name));
  return (
    <details class="guardian" open={open}>
      <summary>{t(lang, "signup.guardianTitle")}</summary>
      <p class="hint">{t(lang, "signup.guardianHint")}</p>
      <TextField name="guardian_name" id="guardian_name" label={t(lang, "signup.guardianName")} values={values} errors={errors} focus={focus} attrs={{ maxlength: 100, autocomplete: "off" }} />
      <CheckField name="guardian_consent" id="guardian_consent" label={t(lang, "signup.guardianConsent")} values={values} errors={errors} focus={focus} />
    </details>
  );
}

/** Shown at a second booth to a browser that holds tickets of this event: one tap per person, or register someone else. */
export function ReturningPrompt(p: { event: Event; booth: Booth; lang: Lang; people: { name: string; code: string }[]; action: string }) {
  const { lang } = p;
  return (
    <Layout lang={lang} title={p.event.name} switchLang={{ href: `${p.action}?lang=${lang === "id" ? "en" : "id"}`, label: t(lang, "lang.switch") }}>
      <h1>{p.booth.name}</h1>
      {p.people.map((person) => (
        <section class="card">
          <p>{t(lang, "signup.returning", { name: person.name })}</p>
          <form method="post" action={`${p.action}/interest`}>
            <input type="hidden" name="ticket" value={person.code} />
            <button type="submit" class="block">
              {t(lang, "signup.returningAction", { booth: p.booth.name })}
            </button>
          </form>
          <a class="btn alt block" href={`/t/${person.code}`}>
            {t(lang, "signup.viewTicket")}
          </a>
        </section>
      ))}
      <p>
        <a class="btn alt block" href={`${p.action}?new=1`}>
          {t(lang, "signup.notMe")}
        </a>
      </p>
    </Layout>
  );
}

/**
 * A person with this phone and this name is registered, and this browser does
 * not hold their ticket: nothing of theirs is shown (no ticket, no answers), only
 * the ways back to a ticket that prove who someone is: the phone itself
 * (WhatsApp) or the KTP at the help desk.
 */
export function AlreadyRegistered(p: { event: Event; lang: Lang; action: string; phone: string }) {
  const { lang, event } = p;
  return (
    <Layout lang={lang} title={event.name} noindex>
      <h1>{t(lang, "identity.knownTitle")}</h1>
      <p>{t(lang, "identity.knownText")}</p>
      <h2>{t(lang, "identity.resendTitle")}</h2>
      <p>{t(lang, "identity.resendText")}</p>
      <ResendForm slug={event.slug} lang={lang} values={{ phone: p.phone }} errors={{}} />
      <p>
        <a class="btn alt block" href={`${p.action}?new=1&lang=${lang}`}>
          {t(lang, "identity.registerOther")}
        </a>
      </p>
    </Layout>
  );
}

/**
 * The database did not answer, and the signup waits in the queue: received, and the ticket comes by
 * WhatsApp once it is written (the phone shown masked: the least a screenshot should carry).
 */
export function SignupReceived(p: { event: Event; lang: Lang; name: string; phone: string }) {
  const { lang, event } = p;
  return (
    <Layout lang={lang} title={t(lang, "signup.received.title")} noindex>
      <h1>{t(lang, "signup.received.title")}</h1>
      <p role="status">{t(lang, "signup.received.body", { name: p.name, event: event.name })}</p>
      <p>{t(lang, "signup.received.whatsapp", { phone: p.phone })}</p>
      <p class="hint">{t(lang, "signup.received.keep")}</p>
    </Layout>
  );
}
