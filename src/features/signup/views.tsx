/** The signup form and the returning-attendee prompt. Plain HTML: works without JavaScript. */
import type { Booth, Event, ExtraQuestion } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { NTT_REGENCIES, regencyName } from "../../lib/regions";
import { SUBSECTOR_CODES, subsectorName } from "../../lib/subsectors";
import { Layout } from "../../views/layout";
import { BPJS_STATUSES } from "../../db/schema";
import { INTERESTS } from "./schema";

export type FormValues = Record<string, string | string[] | undefined>;
export type FormErrors = Record<string, string>;

type FormProps = {
  event: Event;
  booth: Booth | null;
  lang: Lang;
  action: string;
  values: FormValues;
  errors: FormErrors;
  banner?: string;
};

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

function Err({ id, msg }: { id: string; msg?: string }) {
  return msg ? (
    <p class="err" id={`${id}-err`}>
      {msg}
    </p>
  ) : null;
}

/** Attributes that tie a field to its error message. */
const errAttrs = (id: string, errors: FormErrors) =>
  errors[id] ? { "aria-invalid": "true", "aria-describedby": `${id}-err` } : {};

export function Text(p: {
  id: string;
  label: string;
  type?: string;
  values: FormValues;
  errors: FormErrors;
  required?: boolean;
  hint?: string;
  extra?: Record<string, string>;
}) {
  return (
    <>
      <label for={p.id}>{p.label}</label>
      {p.hint ? <p class="hint">{p.hint}</p> : null}
      <input id={p.id} name={p.id} type={p.type ?? "text"} value={one(p.values[p.id])} required={p.required} {...errAttrs(p.id, p.errors)} {...p.extra} />
      <Err id={p.id} msg={p.errors[p.id]} />
    </>
  );
}

function Select(p: { id: string; label: string; options: [string, string][]; values: FormValues; errors: FormErrors; lang: Lang; required?: boolean }) {
  const current = one(p.values[p.id]);
  return (
    <>
      <label for={p.id}>{p.label}</label>
      <select id={p.id} name={p.id} required={p.required} {...errAttrs(p.id, p.errors)}>
        <option value="">{t(p.lang, "signup.choose")}</option>
        {p.options.map(([v, label]) => (
          <option value={v} selected={v === current}>
            {label}
          </option>
        ))}
      </select>
      <Err id={p.id} msg={p.errors[p.id]} />
    </>
  );
}

function Choices(p: { id: string; legend: string; type: "radio" | "checkbox"; options: [string, string][]; values: FormValues; errors: FormErrors }) {
  const chosen = many(p.values[p.id]);
  return (
    <fieldset {...errAttrs(p.id, p.errors)}>
      <legend>{p.legend}</legend>
      {p.options.map(([v, label]) => (
        <label class="check">
          <input type={p.type} name={p.id} value={v} checked={chosen.includes(v)} />
          {label}
        </label>
      ))}
      <Err id={p.id} msg={p.errors[p.id]} />
    </fieldset>
  );
}

export function Question({ q, lang, values, errors }: { q: ExtraQuestion; lang: Lang; values: FormValues; errors: FormErrors }) {
  const label = q.label[lang] + (q.required ? "" : ` (${t(lang, "signup.optional")})`);
  const options = (q.options ?? []).map((o) => [o.value, o.label[lang]] as [string, string]);
  switch (q.type) {
    case "text":
      return <Text id={q.key} label={label} values={values} errors={errors} required={q.required} extra={{ maxlength: "500" }} />;
    case "yesno":
      return <Choices id={q.key} legend={label} type="radio" options={[["yes", t(lang, "signup.yes")], ["no", t(lang, "signup.no")]]} values={values} errors={errors} />;
    case "single":
      return <Choices id={q.key} legend={label} type="radio" options={options} values={values} errors={errors} />;
    case "multi":
      return <Choices id={q.key} legend={label} type="checkbox" options={options} values={values} errors={errors} />;
  }
}

/** The fields about the person, shared by the signup form and the correction form. */
export function PersonFields({ lang, values, errors }: { lang: Lang; values: FormValues; errors: FormErrors }) {
  const regencies = [...Object.keys(NTT_REGENCIES), "other"].map((c) => [c, regencyName(c, lang)] as [string, string]);
  const occupations = SUBSECTOR_CODES.map((c) => [c, subsectorName(c, lang)] as [string, string]);
  return (
    <>
      <Text id="name" label={t(lang, "signup.name")} hint={t(lang, "signup.nameHint")} values={values} errors={errors} required extra={{ autocomplete: "name", maxlength: "100" }} />
      <Text id="phone" label={t(lang, "signup.phone")} type="tel" values={values} errors={errors} required extra={{ autocomplete: "tel", inputmode: "tel", placeholder: "08xx-xxxx-xxxx" }} />
      <Text id="email" label={t(lang, "signup.email")} type="email" values={values} errors={errors} extra={{ autocomplete: "email" }} />
      <Select id="regency" label={t(lang, "signup.regency")} options={regencies} values={values} errors={errors} lang={lang} required />
      <Select id="occupation" label={t(lang, "signup.occupation")} options={occupations} values={values} errors={errors} lang={lang} required />
      <Text id="occupation_other" label={t(lang, "signup.occupationOther")} values={values} errors={errors} extra={{ maxlength: "100" }} />
      <Choices id="bpjs_status" legend={t(lang, "signup.bpjsStatus")} type="radio" options={BPJS_STATUSES.map((s) => [s, t(lang, `signup.bpjs.${s}`)] as [string, string])} values={values} errors={errors} />
      <Choices id="interests" legend={t(lang, "signup.interests")} type="checkbox" options={INTERESTS.map((i) => [i, t(lang, `signup.interest.${i}`)] as [string, string])} values={values} errors={errors} />
    </>
  );
}

export function SignupForm(p: FormProps) {
  const { lang, values, errors, event } = p;
  const otherLang = lang === "id" ? "en" : "id";
  return (
    <Layout lang={lang} title={event.name} switchLang={{ href: `${p.action}?lang=${otherLang}`, label: t(lang, "lang.switch") }}>
      <h1>{t(lang, "signup.title")}</h1>
      <p>{p.booth ? t(lang, "signup.atBooth", { booth: p.booth.name }) : t(lang, "signup.intro")}</p>
      {p.banner ? (
        <p class="alert" role="alert">
          {p.banner}
        </p>
      ) : null}
      <form method="post" action={p.action} novalidate={Object.keys(errors).length > 0}>
        <input type="hidden" name="lang" value={lang} />
        <PersonFields lang={lang} values={values} errors={errors} />
        <Text id="nik" label={t(lang, "signup.nik")} hint={t(lang, "signup.nikHint")} values={{}} errors={errors} extra={{ inputmode: "numeric", autocomplete: "off", maxlength: "20" }} />
        <Text id="birth_date" label={t(lang, "signup.birthDate")} type="date" values={values} errors={errors} extra={{ autocomplete: "bday" }} />
        {event.questions.map((q) => (
          <Question q={q} lang={lang} values={values} errors={errors} />
        ))}
        <h2>{t(lang, "signup.noticeTitle")}</h2>
        <div class="notice">
          <p>
            {event.organiser ? `${event.organiser}. ` : ""}
            {t(lang, "privacy.purposeEvent")} {t(lang, "privacy.purposeContact")} {t(lang, "privacy.retentionDays", { days: event.retentionDays })}
          </p>
          <a href={`/e/${event.slug}/privacy?lang=${lang}`}>{t(lang, "signup.noticeLink")}</a>
        </div>
        <label class="check">
          <input type="checkbox" name="consent" value="yes" required checked={one(values.consent) === "yes"} {...errAttrs("consent", errors)} />
          {t(lang, "signup.consent")}
        </label>
        <Err id="consent" msg={errors.consent} />
        <label class="check">
          <input type="checkbox" name="contact_ok" value="yes" checked={one(values.contact_ok) === "yes"} />
          {t(lang, "signup.contactOk")}
        </label>
        <button type="submit" class="block">
          {t(lang, "signup.submit")}
        </button>
      </form>
    </Layout>
  );
}

/** Shown at a second booth to someone whose phone already holds a ticket. */
export function ReturningPrompt(p: { event: Event; booth: Booth; lang: Lang; name: string; code: string; action: string }) {
  const { lang } = p;
  return (
    <Layout lang={lang} title={p.event.name} switchLang={{ href: `${p.action}?lang=${lang === "id" ? "en" : "id"}`, label: t(lang, "lang.switch") }}>
      <h1>{p.booth.name}</h1>
      <p>{t(lang, "signup.returning", { name: p.name })}</p>
      <form method="post" action={`${p.action}/interest`}>
        <button type="submit" class="block">
          {t(lang, "signup.returningAction", { booth: p.booth.name })}
        </button>
      </form>
      <a class="btn alt block" href={`/t/${p.code}`}>
        {t(lang, "signup.viewTicket")}
      </a>
      <p>
        <a href={`${p.action}?new=1`}>{t(lang, "signup.notMe")}</a>
      </p>
    </Layout>
  );
}
