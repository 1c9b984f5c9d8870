/**
 * A form post the database could not save (it stumbled past its retries): the
 * person sees "not saved yet, try again" and a button that sends the very same
 * answers again, so nothing typed is lost. Any page's form gets it (app.ts
 * onError), public or staff; the signup form keeps its own fuller answer. A
 * post that is a submission (a kiosk's or the door's signup) is sent again as
 * the same submission: the page carries its token (base/http/submission-token.ts).
 */
import type { Context } from "hono";
import type { AppEnv } from "../context/env";
import { t, type Lang } from "../../i18n";
import { one, type FormValues } from "../http/read-form";
import { SUBMISSION_FIELD, submissionToken } from "../http/submission-token";
import { FormAlert, many } from "./form";
import { Layout } from "./layout";
import { NikField } from "./person-fields";

/**
 * Fields never sent back into a page: a spent Turnstile token, a staff token typed at sign-in, and the
 * NIK (this page may stand on a shared kiosk or door phone, where no form shows a NIK again; it is typed again).
 */
const NOT_KEPT = new Set(["cf-turnstile-response", "token", "nik"]);

/** `submission`: the token of the submission the post was (replaces the one it carried). */
export function NotSavedPage(p: { lang: Lang; action: string; values: FormValues; submission?: string }) {
  const { lang } = p;
  // a NIK was typed: say so, and offer its field empty (it is never put back into a page)
  const nik = one(p.values.nik).trim() !== "";
  const kept = Object.entries(p.values).filter(([name]) => !NOT_KEPT.has(name) && !(p.submission && name === SUBMISSION_FIELD));
  return (
    <Layout lang={lang} title={t(lang, "error.notSavedTitle")} noindex>
      <h1>{t(lang, "error.notSavedTitle")}</h1>
      <FormAlert message={t(lang, nik ? "error.notSavedNik" : "error.notSaved")} />
      <form method="post" action={p.action}>
        {kept.flatMap(([name, v]) => many(v).map((value) => <input type="hidden" name={name} value={value} />))}
        {p.submission ? <input type="hidden" name={SUBMISSION_FIELD} value={p.submission} /> : null}
        {nik ? <NikField lang={lang} errors={{}} again /> : null}
        <button type="submit">{t(lang, "error.tryAgain")}</button>
      </form>
      <p>
        <a href={p.action}>{t(lang, "error.goBack")}</a>
      </p>
    </Layout>
  );
}

/** The page for `c`'s form post, 503 with `Retry-After`. */
export async function notSaved(c: Context<AppEnv>, lang: Lang, values: FormValues, retryAfter: string) {
  const url = new URL(c.req.url);
  c.header("retry-after", retryAfter);
  c.header("cache-control", "private, no-store");
  return c.html(<NotSavedPage lang={lang} action={url.pathname + url.search} values={values} submission={await submissionToken(c)} />, 503);
}
