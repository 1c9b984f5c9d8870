/** Booth pages of the console: the list with its create form, and the edit form. */
import type { Booth, Event } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { FormAlert, TextField, type FormErrors, type FormValues } from "../../base/views/form";
import { ScrollRegion } from "../../base/views/scroll-region";

export const boothLink = (origin: string, event: Event, booth: Booth) => `${origin}/e/${event.slug}/${booth.code}`;
/** The link as people type it: no scheme. */
export const shortLink = (url: string) => url.replace(/^https?:\/\//, "");

type FormProps = { lang: Lang; values: FormValues; errors: FormErrors; banner?: string };

export function BoothList(p: { lang: Lang; event: Event; booths: Booth[]; origin: string }) {
  const { lang, event } = p;
  const base = `/staff/events/${event.slug}`;
  if (!p.booths.length) return <p>{t(lang, "console.booths.none")}</p>;
  return (
    <ScrollRegion label={t(lang, "console.tab.booths")}>
      <table>
        <thead>
          <tr>
            <th scope="col">
              {t(lang, "console.booth.name")} · {t(lang, "console.booth.link")}
            </th>
            <th scope="col">{t(lang, "console.booth.poster")}</th>
            <th scope="col">
              <span class="sr">{t(lang, "console.booth.edit")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {p.booths.map((b) => (
            <tr>
              <td>
                <strong>{b.name}</strong>
                {b.exhibitor ? <span class="muted"> · {b.exhibitor}</span> : null}
                <br />
                <code class="muted">{shortLink(boothLink(p.origin, event, b))}</code>
              </td>
              <td>
                <a href={`${base}/booths/${b.code}/poster?size=a4`}>A4</a> · <a href={`${base}/booths/${b.code}/poster?size=a5`}>A5</a> ·{" "}
                <a href={`/staff/kiosks?event=${event.slug}&booth=${b.code}`}>{t(lang, "kiosk.link")}</a>
              </td>
              <td>
                <a href={`${base}/booths/${b.code}`}>{t(lang, "console.booth.edit")}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** The create form (with a code) or the edit form (the code is on printed posters, so it is shown, not changed). */
export function BoothForm(p: FormProps & { action: string; mode: "create" | "edit"; code?: string }) {
  const { lang, values, errors } = p;
  const f = { values, errors };
  return (
    <form method="post" action={p.action} novalidate={Object.keys(errors).length > 0}>
      <FormAlert message={p.banner} />
      <div class="cols">
        <TextField name="name" label={t(lang, "console.booth.name")} required attrs={{ maxlength: 200 }} {...f} />
        <TextField name="exhibitor" label={t(lang, "console.booth.exhibitor")} hint={t(lang, "console.booth.exhibitorHint")} attrs={{ maxlength: 200 }} {...f} />
        {p.mode === "create" ? (
          <TextField name="code" label={t(lang, "console.booth.code")} hint={t(lang, "console.booth.codeHint")} attrs={{ maxlength: 40, autocapitalize: "off", spellcheck: false }} {...f} />
        ) : (
          <p>
            {t(lang, "console.booth.code")}: <code>{p.code}</code>
            <br />
            <span class="hint">{t(lang, "console.booth.codeFixed")}</span>
          </p>
        )}
      </div>
      <button type="submit">{t(lang, p.mode === "create" ? "console.booth.create" : "console.save")}</button>
    </form>
  );
}
