/**
 * A form post the database could not save (it stumbled past its retries): the
 * person sees "not saved yet, try again" and a button that sends the very same
 * answers again, so nothing typed is lost. Any page's form gets it (app.ts
 * onError), public or staff; the signup form keeps its own fuller answer.
 */
import type { Context } from "hono";
import type { AppEnv } from "../context/env";
import { t, type Lang } from "../../i18n";
import type { FormValues } from "../http/read-form";
import { FormAlert, many } from "./form";
import { Layout } from "./layout";

/**
 * Fields never sent back into a page: a spent Turnstile token, a staff token typed at sign-in, and the
 * NIK (this page may stand on a shared kiosk or door phone, where no form shows a NIK again; it is typed again).
 */
const NOT_KEPT = new Set(["cf-turnstile-response", "token", "nik"]);

export function NotSavedPage(p: { lang: Lang; action: string; values: FormValues }) {
  return (
    <Layout lang={p.lang} title={t(p.lang, "error.notSavedTitle")} noindex>
      <h1>{t(p.lang, "error.notSavedTitle")}</h1>
      <FormAlert message={t(p.lang, "error.notSaved")} />
      <form method="post" action={p.action}>
        {Object.entries(p.values).flatMap(([name, v]) => (NOT_KEPT.has(name) ? [] : many(v).map((value) => <input type="hidden" name={name} value={value} />)))}
        <button type="submit">{t(p.lang, "error.tryAgain")}</button>
      </form>
      <p>
        <a href={p.action}>{t(p.lang, "error.goBack")}</a>
      </p>
    </Layout>
  );
}

/** The page for `c`'s form post, 503 with `Retry-After`. */
export function notSaved(c: Context<AppEnv>, lang: Lang, values: FormValues, retryAfter: string) {
  const url = new URL(c.req.url);
  c.header("retry-after", retryAfter);
  c.header("cache-control", "private, no-store");
  return c.html(<NotSavedPage lang={lang} action={url.pathname + url.search} values={values} />, 503);
}
