/** The attendee's own data pages: plain HTML, small, no JavaScript. */
import { rupiah } from "../../lib/contributions";
import type { Child } from "hono/jsx";
import type { Event, ExtraQuestion } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { localPhone } from "../../lib/phone";
import { regencyName } from "../../lib/regions";
import { subsectorName } from "../../lib/subsectors";
import { formatDateTime } from "../../lib/time";
import { Layout } from "../../base/views/layout";
import { CheckField, firstInvalid, FormAlert, TextField, type FormErrors, type FormValues } from "../../base/views/form";
import { BirthDateField, PERSON_FIELD_ORDER, PersonFields, Question } from "../../base/views/person-fields";
import type { PersonalData } from "./rights.service";
import { Style } from "../../base/views/style";

// only these pages need them, so they are not in the shared stylesheet
const HEAD = <Style css={`.kv th{width:42%}button.danger,.btn.danger{background:#b00020;color:#fff}form{margin:0}`} />;

const base = (code: string) => `/t/${code}/me`;

function Page(p: { lang: Lang; event: Event; title: string; path: string; children?: Child }) {
  const other = p.lang === "id" ? "en" : "id";
  return (
    <Layout lang={p.lang} title={`${p.title} · ${p.event.name}`} noindex head={HEAD} switchLang={{ href: `${p.path}?lang=${other}`, label: t(p.lang, "lang.switch") }}>
      {p.children}
    </Layout>
  );
}

function Rows({ rows }: { rows: [string, Child][] }) {
  return (
    <table class="kv">
      {rows.map(([label, value]) => (
        <tr>
          <th scope="row">{label}</th>
          <td>{value}</td>
        </tr>
      ))}
    </table>
  );
}

function answerText(q: ExtraQuestion | undefined, answer: string | string[], lang: Lang): string {
  const label = (v: string) =>
    q?.type === "yesno" ? t(lang, v === "yes" ? "signup.yes" : "signup.no") : (q?.options?.find((o) => o.value === v)?.label[lang] ?? v);
  return (Array.isArray(answer) ? answer : [answer]).map(label).join(", ");
}

/** The person's place in a sponsored-cover programme and their enrollment record, when there are. */
function coverRows(lang: Lang, data: PersonalData): [string, Child][] {
  const rows: [string, Child][] = [];
  const { place, enrollment, event } = data;
  if (place) {
    rows.push([
      t(lang, "rights.field.place"),
      t(lang, "rights.placeText", { programme: place.programme, sponsor: place.sponsor, months: place.months, since: formatDateTime(place.since, event.timezone, lang) }),
    ]);
  }
  if (enrollment) {
    rows.push([
      t(lang, "rights.field.enrollment"),
      t(lang, "rights.enrollmentText", {
        coverage: t(lang, `desk.coverage.${enrollment.coverage}`),
        base: rupiah(enrollment.incomeBase, lang),
        day: enrollment.enrolledOn,
        payer: enrollment.sponsor ?? t(lang, "desk.selfPaid"),
      }),
    ]);
  }
  return rows;
}

export function MyDataPage({ lang, data, done }: { lang: Lang; data: PersonalData; done?: "contact" | "corrected" | "contactGiven" | "phone" }) {
  const { registration: r, event, ticket } = data;
  const when = (d: Date) => formatDateTime(d, event.timezone, lang);
  const none = <span class="muted">{t(lang, "rights.notGiven")}</span>;
  const code = ticket.code;
  const person: [string, Child][] = [
    [t(lang, "rights.field.name"), r.name],
    [t(lang, "rights.field.phone"), r.phone ? localPhone(r.phone) : none],
    [t(lang, "rights.field.email"), r.email ?? none],
    [t(lang, "rights.field.regency"), regencyName(r.regency, lang)],
    [t(lang, "rights.field.occupation"), r.occupation === "other" ? `${subsectorName(r.occupation, lang)}: ${r.occupationOther ?? ""}` : subsectorName(r.occupation, lang)],
    [
      t(lang, "rights.field.nik"),
      r.nikMasked ? (
        <>
          {r.nikMasked}
          <br />
          <span class="muted">{t(lang, "rights.nikNote")}</span>
        </>
      ) : (
        none
      ),
    ],
    [t(lang, "rights.field.birthDate"), r.birthDate ?? none],
    ...(r.kpjMasked ? [[t(lang, "rights.field.kpj"), r.kpjMasked] as [string, Child]] : []),
    [t(lang, "rights.field.bpjs"), t(lang, `signup.bpjs.${r.bpjsStatus}`)],
    [t(lang, "rights.field.interests"), r.interests.length ? r.interests.map((i) => t(lang, `signup.interest.${i}`)).join(", ") : none],
    ...Object.entries(r.answers).map(([key, answer]): [string, Child] => {
      const q = event.questions.find((x) => x.key === key);
      return [q?.label[lang] ?? key, answerText(q, answer, lang)];
    }),
    [t(lang, "rights.field.registeredAt"), when(r.createdAt)],
    [t(lang, "rights.field.updatedAt"), r.updatedAt ? when(r.updatedAt) : t(lang, "rights.never")],
    [t(lang, "rights.field.ticket"), t(lang, ticket.revokedAt ? "rights.ticketRevoked" : "rights.ticketValid")],
  ];
  const consent: [string, Child][] = [
    [t(lang, "rights.consentAt"), when(r.consentAt)],
    [
      t(lang, "rights.purposes"),
      <ul>
        {r.consentPurposes.map((p) => (
          <li>{t(lang, `rights.purpose.${p}`)}</li>
        ))}
      </ul>,
    ],
    [t(lang, "rights.noticeVersion"), <a href={`/e/${event.slug}/privacy?lang=${lang}`}>{r.noticeVersion}</a>],
    [t(lang, "rights.contactOk"), r.contactConsentAt ? t(lang, "rights.contactYes", { time: when(r.contactConsentAt) }) : t(lang, "rights.contactNo")],
    ...(r.guardianConsentAt ? [[t(lang, "leads.field.guardian"), t(lang, "rights.guardianAgreed", { name: r.guardianName ?? "—", time: when(r.guardianConsentAt) })] as [string, Child]] : []),
  ];
  return (
    <Page lang={lang} event={event} title={t(lang, "rights.title")} path={base(code)}>
      <h1>{t(lang, "rights.title")}</h1>
      {done ? (
        <p class="box" role="status">
          {done === "phone" ? t(lang, "identity.phoneChangeSent") : t(lang, `rights.done.${done}`)}
        </p>
      ) : null}
      <p>{t(lang, "rights.intro", { event: event.name })}</p>
      <h2>{t(lang, "rights.section.person")}</h2>
      <Rows rows={person} />
      <h2>{t(lang, "rights.section.consent")}</h2>
      <Rows rows={consent} />
      <h2>{t(lang, "rights.section.followup")}</h2>
      <Rows rows={[[t(lang, "rights.followupStatus"), t(lang, `rights.followup.${r.followupStatus}`)], [t(lang, "rights.lastNote"), r.lastNote ?? none], ...coverRows(lang, data)]} />
      <h2>{t(lang, "rights.section.visits")}</h2>
      {data.visits.length ? (
        <ul>
          {data.visits.map((v) => (
            <li>
              {v.name} · {when(v.at)}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t(lang, "rights.noneYet")}</p>
      )}
      <h2>{t(lang, "rights.section.checkins")}</h2>
      {data.checkins.some((c) => !c.undoneAt) ? (
        <ul>
          {data.checkins
            .filter((c) => !c.undoneAt)
            .map((c) => (
              <li>
                {t(lang, `rights.checkin.${c.direction}`)} · {c.gate} · {when(c.at)}
              </li>
            ))}
        </ul>
      ) : (
        <p>{t(lang, "rights.noneYet")}</p>
      )}
      <h2>{t(lang, "rights.section.actions")}</h2>
      <a class="btn block" href={`${base(code)}.json`} download={`data-saya-${event.slug}.json`}>
        {t(lang, "rights.download")}
      </a>
      <p class="muted">{t(lang, "rights.downloadHint")}</p>
      <a class="btn alt block" href={`${base(code)}/edit?lang=${lang}`}>
        {t(lang, "rights.correct")}
      </a>
      {r.contactConsentAt ? (
        <form method="post" action={`${base(code)}/contact`}>
          <input type="hidden" name="lang" value={lang} />
          <button type="submit" class="btn alt block">
            {t(lang, "rights.withdrawContact")}
          </button>
          <p class="muted">{t(lang, "rights.withdrawContactHint")}</p>
        </form>
      ) : (
        <form method="post" action={`${base(code)}/contact/give`} id="contact" class="box">
          <input type="hidden" name="lang" value={lang} />
          <p>
            {t(lang, "privacy.purposeContact")} <a href={`/e/${event.slug}/privacy?lang=${lang}`}>{t(lang, "signup.noticeLink")}</a>
          </p>
          <CheckField name="contact_ok" id="contact_ok" label={t(lang, "signup.contactOk")} values={{}} required />
          <button type="submit" class="btn block">
            {t(lang, "rights.giveContact")}
          </button>
        </form>
      )}
      <a class="btn danger block" href={`${base(code)}/erase?lang=${lang}`}>
        {t(lang, "rights.erase")}
      </a>
      <p class="muted">{t(lang, "rights.eraseHint")}</p>
      <p>
        <a href={`/t/${code}?lang=${lang}`}>{t(lang, "rights.backToTicket")}</a>
      </p>
    </Page>
  );
}

type CorrectProps = { lang: Lang; event: Event; code: string; nikMasked: string | null; values: FormValues; errors: FormErrors; banner?: string };

export function CorrectForm(p: CorrectProps) {
  const { lang, event, values, errors } = p;
  const action = `${base(p.code)}/edit`;
  const focus = firstInvalid(errors, [...PERSON_FIELD_ORDER, "nik", "nik_remove", "birth_date", ...event.questions.map((q) => q.key)]);
  return (
    <Page lang={lang} event={event} title={t(lang, "rights.correct")} path={action}>
      <h1>{t(lang, "rights.correct")}</h1>
      <p>{t(lang, "rights.correctIntro")}</p>
      <FormAlert message={p.banner} />
      <form method="post" action={action} novalidate={Object.keys(errors).length > 0}>
        <input type="hidden" name="lang" value={lang} />
        <PersonFields lang={lang} values={values} errors={errors} focus={focus} />
        <TextField
          name="nik"
          id="nik"
          focus={focus}
          label={p.nikMasked ? t(lang, "rights.newNik") : t(lang, "signup.nik")}
          hint={p.nikMasked ? t(lang, "rights.newNikHint", { masked: p.nikMasked }) : t(lang, "signup.nikHint")}
          values={{}}
          errors={errors}
          attrs={{ inputmode: "numeric", autocomplete: "off", maxlength: 20 }}
        />
        {p.nikMasked ? <CheckField name="nik_remove" id="nik_remove" label={t(lang, "rights.nikRemove")} values={values} /> : null}
        <BirthDateField lang={lang} values={values} errors={errors} focus={focus} />
        {event.questions.map((q) => (
          <Question q={q} lang={lang} values={values} errors={errors} focus={focus} />
        ))}
        <button type="submit" class="block">
          {t(lang, "rights.save")}
        </button>
      </form>
      <p>
        <a href={`${base(p.code)}?lang=${lang}`}>{t(lang, "rights.cancel")}</a>
      </p>
    </Page>
  );
}

export function EraseConfirm({ lang, event, code }: { lang: Lang; event: Event; code: string }) {
  return (
    <Page lang={lang} event={event} title={t(lang, "rights.eraseTitle")} path={`${base(code)}/erase`}>
      <h1>{t(lang, "rights.eraseTitle")}</h1>
      <p>{t(lang, "rights.eraseGone")}</p>
      <p>{t(lang, "rights.eraseKept")}</p>
      <p>
        <strong>{t(lang, "rights.eraseFinal")}</strong>
      </p>
      <form method="post" action={`${base(code)}/erase`}>
        <input type="hidden" name="lang" value={lang} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="danger block">
          {t(lang, "rights.eraseConfirm")}
        </button>
      </form>
      <a class="btn alt block" href={`${base(code)}?lang=${lang}`}>
        {t(lang, "rights.cancel")}
      </a>
    </Page>
  );
}

export function ErasedPage({ lang, event, code }: { lang: Lang; event: Event; code: string }) {
  return (
    <Page lang={lang} event={event} title={t(lang, "rights.erasedTitle")} path={`${base(code)}/erased`}>
      <h1>{t(lang, "rights.erasedTitle")}</h1>
      <p>{t(lang, "rights.erasedText")}</p>
    </Page>
  );
}
