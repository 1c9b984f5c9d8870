/**
 * The lost-ticket form (`POST /e/{event}/resend`) and the help-desk note under it: on the resend page and on the
 * "already registered" page, one markup for both.
 */
import { t, type Lang } from "../../i18n";
import { TextField, type FormErrors, type FormValues } from "./form";

export function ResendForm(p: { slug: string; lang: Lang; values: FormValues; errors: FormErrors }) {
  const { lang } = p;
  return (
    <>
      <form method="post" action={`/e/${p.slug}/resend`}>
        <input type="hidden" name="lang" value={lang} />
        <TextField name="phone" id="phone" label={t(lang, "signup.phone")} values={p.values} errors={p.errors} type="tel" required attrs={{ autocomplete: "tel", inputmode: "tel", maxlength: 30 }} />
        <button type="submit" class="block">
          {t(lang, "identity.resendSubmit")}
        </button>
      </form>
      <h2>{t(lang, "identity.helpDeskTitle")}</h2>
      <p>{t(lang, "identity.helpDeskText")}</p>
    </>
  );
}
