/** The door's walk-in form, and the answer when the person is registered already. Plain HTML. */
import type { Event } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { CheckField, FormAlert, TextField, type FormErrors, type FormValues } from "../../base/views/form";
import { PersonFields, Question } from "../../base/views/person-fields";
import { SUBMISSION_FIELD } from "../../base/http/submission-token";

/** `submission`: the token of the submission the form came back from (sent again, it is the same one). */
export function WalkinForm(p: { lang: Lang; event: Event; gate: string; values: FormValues; errors: FormErrors; banner?: string; submission?: string }) {
  const { lang, event } = p;
  return (
    <>
      <h1>{t(lang, "walkin.title")}</h1>
      <p class="hint">{t(lang, "walkin.intro")}</p>
      <FormAlert message={p.banner} />
      <form method="post" action="/staff/checkin/walkin">
        <input type="hidden" name="event" value={event.slug} />
        <input type="hidden" name="lang" value={lang} />
        {p.submission ? <input type="hidden" name={SUBMISSION_FIELD} value={p.submission} /> : null}
        <TextField name="gate" label={t(lang, "checkin.gate")} values={{ gate: p.gate }} errors={p.errors} required attrs={{ maxlength: 60 }} />
        <PersonFields lang={lang} values={p.values} errors={p.errors} />
        {event.questions.map((q) => (
          <Question q={q} lang={lang} values={p.values} errors={p.errors} />
        ))}
        <CheckField name="consent" id="consent" label={t(lang, "signup.consent")} values={p.values} errors={p.errors} required />
        <CheckField name="contact_ok" id="contact_ok" label={t(lang, "signup.contactOk")} values={p.values} errors={p.errors} />
        <CheckField name="send_whatsapp" id="send_whatsapp" label={t(lang, "identity.sendWhatsapp")} values={p.values} errors={p.errors} />
        <button type="submit" class="block">
          {t(lang, "walkin.submit")}
        </button>
      </form>
    </>
  );
}

/** A person with this phone and name is registered: offered to be checked in, never changed. */
export function WalkinExisting(p: { lang: Lang; event: Event; gate: string; registrationId: number }) {
  const { lang } = p;
  return (
    <>
      <h1>{t(lang, "walkin.title")}</h1>
      <p role="status" class="alert">{t(lang, "walkin.existing")}</p>
      <form method="post" action="/staff/checkin/scan">
        <input type="hidden" name="event" value={p.event.slug} />
        <input type="hidden" name="gate" value={p.gate} />
        <input type="hidden" name="direction" value="in" />
        <input type="hidden" name="registration_id" value={p.registrationId} />
        <button type="submit" class="block">
          {t(lang, "walkin.checkinExisting")}
        </button>
      </form>
      <p>
        <a href={`/staff/checkin/walkin?event=${p.event.slug}&gate=${encodeURIComponent(p.gate)}`}>{t(lang, "walkin.another")}</a>
      </p>
    </>
  );
}
