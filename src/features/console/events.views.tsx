/** Event pages of the console: the list, the create/edit form, and the header every event page shares. */
import type { Event } from "../../db/schema";
import { EVENT_STATUSES } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { formatDateTime } from "../../lib/time";
import {
  CheckField,
  ErrorText,
  fieldId,
  FormAlert,
  SelectField,
  TextArea,
  TextField,
  type FormErrors,
  type FormValues,
} from "../../base/views/form";
import { questionRowCount, rowFilled } from "./event-form.mapping";

export type EventTab = "settings" | "booths" | "posters" | "dashboard" | "programmes";

export const TABS: [EventTab, string][] = [
  ["settings", ""],
  ["booths", "/booths"],
  ["posters", "/posters"],
  ["dashboard", "/dashboard"],
  ["programmes", "/programmes"],
];

export function StatusBadge({ status, lang }: { status: Event["status"]; lang: Lang }) {
  return <span class={`badge ${status}`}>{t(lang, `console.status.${status}`)}</span>;
}

/** A notice after a redirect (`?done=saved`), from a fixed list so the URL cannot inject text. */
export function DoneNotice({ lang, done }: { lang: Lang; done?: string }) {
  const known = ["created", "saved", "unchanged", "opened", "closed", "boothCreated", "boothSaved", "revoked", "conflictResolved", "programmeCreated", "programmeSaved"] as const;
  const key = known.find((k) => k === done);
  return key ? (
    <p class="ok" role="status">
      {t(lang, `console.done.${key}`)}
    </p>
  ) : null;
}

/** Name, status, the public link, the open/close button and the tabs of one event. */
export function EventHeader({ event, lang, tab, origin }: { event: Event; lang: Lang; tab: EventTab; origin: string }) {
  const base = `/staff/events/${event.slug}`;
  const open = event.status === "open";
  return (
    <header class="event-head">
      <p class="muted">
        <a href="/staff/events">{t(lang, "console.events.title")}</a> ›
      </p>
      <h1>
        {event.name} <StatusBadge status={event.status} lang={lang} />
      </h1>
      <p class="muted">
        {formatDateTime(event.startsAt, event.timezone, lang)} · {event.venue}, {event.city}
      </p>
      <div class="actions">
        <form method="post" action={`${base}/${open ? "close" : "open"}`}>
          {/* back to this tab afterwards (the app sends no Referer) */}
          <input type="hidden" name="back" value={tab} />
          <button type="submit" class={open ? "btn alt" : "btn"}>
            {t(lang, open ? "console.event.close" : "console.event.open")}
          </button>
        </form>
        <a href={`${origin}/e/${event.slug}`}>{`${new URL(origin).host}/e/${event.slug}`}</a>
      </div>
      <nav aria-label={t(lang, "console.event.sections")}>
        <ul class="tabs">
          {TABS.map(([key, path]) => (
            <li>
              <a href={`${base}${path}`} aria-current={key === tab ? "page" : undefined}>
                {t(lang, `console.tab.${key}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

export function EventList(p: { lang: Lang; events: Event[]; registrations: Map<number, number>; canCreate: boolean }) {
  const { lang } = p;
  return (
    <>
      <div class="actions">
        <h1>{t(lang, "console.events.title")}</h1>
        {p.canCreate ? (
          <a class="btn" href="/staff/events/new">
            {t(lang, "console.events.new")}
          </a>
        ) : null}
      </div>
      {p.events.length === 0 ? <p>{t(lang, "console.events.none")}</p> : null}
      <ul class="cards">
        {p.events.map((e) => (
          <li class="card">
            <h2>
              <a href={`/staff/events/${e.slug}`}>{e.name}</a>
            </h2>
            <p>
              <StatusBadge status={e.status} lang={lang} /> · {t(lang, "console.events.registrations", { n: p.registrations.get(e.id) ?? 0 })}
            </p>
            <p class="muted">
              {formatDateTime(e.startsAt, e.timezone, lang)}
              <br />
              {e.venue}, {e.city}
            </p>
            <p class="actions">
              <a href={`/staff/events/${e.slug}/dashboard`}>{t(lang, "console.tab.dashboard")}</a>
              <a href={`/staff/events/${e.slug}/booths`}>{t(lang, "console.tab.booths")}</a>
              <a href={`/staff/events/${e.slug}/posters`}>{t(lang, "console.tab.posters")}</a>
              <a href={`/staff/events/${e.slug}`}>{t(lang, "console.tab.settings")}</a>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

type FormProps = { lang: Lang; values: FormValues; errors: FormErrors; banner?: string };

const QUESTION_TYPES = ["text", "single", "multi", "yesno"] as const;
const ZONES = ["Asia/Makassar", "Asia/Jakarta", "Asia/Jayapura"];

function QuestionRow({ i, lang, values, errors }: FormProps & { i: number }) {
  const name = (f: string) => `questions.${i}.${f}`;
  return (
    <fieldset class="q">
      <legend>{t(lang, "console.q.legend", { n: i + 1 })}</legend>
      <div class="cols">
        <TextField name={name("label.id")} label={t(lang, "console.q.labelId")} values={values} errors={errors} attrs={{ maxlength: 200 }} />
        <TextField name={name("label.en")} label={t(lang, "console.q.labelEn")} hint={t(lang, "console.q.labelEnHint")} values={values} errors={errors} attrs={{ maxlength: 200 }} />
        <SelectField name={name("type")} label={t(lang, "console.q.type")} options={QUESTION_TYPES.map((x) => [x, t(lang, `console.q.type.${x}`)] as const)} values={values} errors={errors} />
        <TextField name={name("key")} label={t(lang, "console.q.key")} hint={t(lang, "console.q.keyHint")} values={values} errors={errors} attrs={{ maxlength: 40, autocapitalize: "off", spellcheck: false }} />
      </div>
      <TextArea name={name("options")} label={t(lang, "console.q.options")} hint={t(lang, "console.q.optionsHint")} values={values} errors={errors} rows={3} />
      <div class="actions">
        <CheckField name={name("required")} label={t(lang, "console.q.required")} values={values} />
        <CheckField name={name("remove")} label={t(lang, "console.q.remove")} values={values} />
      </div>
    </fieldset>
  );
}

/** The create form (with `slug`) or the edit form (without: the slug is on printed posters). */
export function EventForm(p: FormProps & { action: string; mode: "create" | "edit" }) {
  const { lang, values, errors } = p;
  const questions = Array.from({ length: questionRowCount(values) }, (_, i) => i);
  const f = { values, errors };
  return (
    <form method="post" action={p.action} novalidate={Object.keys(errors).length > 0}>
      <FormAlert message={p.banner} />
      <h2>{t(lang, "console.event.basics")}</h2>
      <div class="cols">
        <TextField name="name" label={t(lang, "console.event.name")} required attrs={{ maxlength: 200 }} {...f} />
        {p.mode === "create" ? (
          <TextField name="slug" label={t(lang, "console.event.slug")} hint={t(lang, "console.event.slugHint")} required attrs={{ maxlength: 60, pattern: "[a-z0-9][a-z0-9\\-]{1,58}[a-z0-9]", autocapitalize: "off", spellcheck: false }} {...f} />
        ) : null}
        <TextField name="venue" label={t(lang, "console.event.venue")} required attrs={{ maxlength: 200 }} {...f} />
        <TextField name="city" label={t(lang, "console.event.city")} required attrs={{ maxlength: 100 }} {...f} />
      </div>
      <h2>{t(lang, "console.event.when")}</h2>
      <div class="cols">
        <TextField name="starts_at" type="datetime-local" label={t(lang, "console.event.startsAt")} required {...f} />
        <TextField name="ends_at" type="datetime-local" label={t(lang, "console.event.endsAt")} required {...f} />
        <TextField name="timezone" label={t(lang, "console.event.timezone")} hint={t(lang, "console.event.timezoneHint")} attrs={{ list: "zones", maxlength: 60, autocapitalize: "off", spellcheck: false }} {...f} />
        <SelectField name="status" label={t(lang, "console.event.status")} options={EVENT_STATUSES.map((s) => [s, t(lang, `console.status.${s}`)] as const)} {...f} />
      </div>
      <datalist id="zones">
        {ZONES.map((z) => (
          <option value={z} />
        ))}
      </datalist>
      <h2>{t(lang, "console.event.privacy")}</h2>
      <p class="hint">{t(lang, "console.event.privacyHint")}</p>
      <div class="cols">
        <TextField name="organiser" label={t(lang, "console.event.organiser")} hint={t(lang, "console.event.organiserHint")} attrs={{ maxlength: 200 }} {...f} />
        <TextField name="contact_email" type="email" label={t(lang, "console.event.contactEmail")} hint={t(lang, "console.event.contactEmailHint")} {...f} />
        <TextField name="retention_days" type="number" label={t(lang, "console.event.retentionDays")} hint={t(lang, "console.event.retentionHint")} attrs={{ min: 1, max: 3650, inputmode: "numeric" }} {...f} />
        <TextField name="notice_version" label={t(lang, "console.event.noticeVersion")} hint={t(lang, "console.event.noticeVersionHint")} attrs={{ maxlength: 20 }} {...f} />
      </div>
      <div class="cols">
        <TextArea name="privacy_notice.id" label={t(lang, "console.event.privacyId")} rows={6} {...f} />
        <TextArea name="privacy_notice.en" label={t(lang, "console.event.privacyEn")} rows={6} {...f} />
      </div>
      <h2>{t(lang, "console.event.protection")}</h2>
      <p class="hint">{t(lang, "console.event.protectionHint")}</p>
      <div class="cols">
        <TextField name="signups_per_minute" type="number" label={t(lang, "console.event.signupsPerMinute")} hint={t(lang, "console.event.signupsPerMinuteHint")} attrs={{ min: 1, max: 100000, inputmode: "numeric" }} {...f} />
      </div>
      <CheckField name="turnstile" label={t(lang, "console.event.turnstile")} values={values} errors={errors} />
      <p class="hint">{t(lang, "console.event.turnstileHint")}</p>
      <h2>{t(lang, "console.event.literacy")}</h2>
      <p class="hint">{t(lang, "console.event.literacyHint")}</p>
      <div class="cols">
        <TextArea name="literacy.id" label={t(lang, "console.event.literacyId")} rows={6} {...f} />
        <TextArea name="literacy.en" label={t(lang, "console.event.literacyEn")} rows={6} {...f} />
      </div>
      <CheckField name="contribution_calculator" label={t(lang, "console.event.calculator")} values={values} />
      <h2 id="questions">{t(lang, "console.event.questions")}</h2>
      <p class="hint">{t(lang, "console.event.questionsHint")}</p>
      <ErrorText id={fieldId("questions")} msg={errors.questions} />
      {questions
        .filter((i) => rowFilled(values, i))
        .map((i) => (
          <QuestionRow i={i} lang={lang} values={values} errors={errors} />
        ))}
      {/* blank rows fold away until wanted; a closed <details> still submits its fields */}
      <details class="more">
        <summary>{t(lang, "console.q.add")}</summary>
        {questions
          .filter((i) => !rowFilled(values, i))
          .map((i) => (
            <QuestionRow i={i} lang={lang} values={values} errors={errors} />
          ))}
      </details>
      <button type="submit" class="block">
        {t(lang, p.mode === "create" ? "console.event.create" : "console.save")}
      </button>
    </form>
  );
}
