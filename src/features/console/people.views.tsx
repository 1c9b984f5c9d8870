/** Staff people: who has access, a form to give access, and the token page shown once. */
import type { Event, StaffMember } from "../../db/schema";
import { STAFF_ROLES } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { ErrorText, errorAttrs, fieldId, FormAlert, many, one, SelectField, TextField, type FormErrors, type FormValues } from "../../base/views/form";
import { shortDateTimes } from "../../lib/time";
import { PostButton } from "../../base/views/post-button";
import { ScrollRegion } from "../../base/views/scroll-region";

export type Person = StaffMember & { eventIds: number[] };

// staff accounts belong to no one event: their times are shown in Kupang's zone
const TZ = "Asia/Makassar";

function Scope({ p, events, lang }: { p: Person; events: Map<number, Event>; lang: Lang }) {
  if (p.allEvents) return <>{t(lang, "console.people.allEvents")}</>;
  const names = p.eventIds.map((id) => events.get(id)?.name ?? `#${id}`);
  return <>{names.join(", ") || "–"}</>;
}

function PeopleTable({ people, events, lang, revocable }: { people: Person[]; events: Map<number, Event>; lang: Lang; revocable: boolean }) {
  const when = shortDateTimes(TZ, lang);
  return (
    <ScrollRegion label={t(lang, "console.people.title")}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t(lang, "console.people.name")}</th>
            <th scope="col">{t(lang, "console.people.role")}</th>
            <th scope="col">{t(lang, "console.people.scope")}</th>
            <th scope="col">{t(lang, "console.people.created")}</th>
            <th scope="col">{t(lang, "console.people.lastUsed")}</th>
            <th scope="col">{revocable ? <span class="sr">{t(lang, "console.people.revoke")}</span> : t(lang, "console.people.revoked")}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr data-staff={p.id}>
              <td>
                {p.name}
                {p.gate ? <span class="muted"> · {t(lang, "console.people.gate")}: {p.gate}</span> : null}
              </td>
              <td>{t(lang, `console.role.${p.role}`)}</td>
              <td>
                <Scope p={p} events={events} lang={lang} />
              </td>
              <td>{when(p.createdAt)}</td>
              <td>{p.lastUsedAt ? when(p.lastUsedAt) : t(lang, "console.people.never")}</td>
              <td>
                {p.revokedAt ? (
                  <span class="badge revoked">{when(p.revokedAt)}</span>
                ) : (
                  <PostButton action={`/staff/people/${p.id}/revoke`} label={t(lang, "console.people.revoke")} confirm={t(lang, "console.people.revokeConfirm", { name: p.name })} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function PeopleList({ people, events, lang }: { people: Person[]; events: Event[]; lang: Lang }) {
  const byId = new Map(events.map((e) => [e.id, e]));
  const active = people.filter((p) => !p.revokedAt);
  const revoked = people.filter((p) => p.revokedAt);
  return (
    <>
      <h2>{t(lang, "console.people.active", { n: active.length })}</h2>
      {active.length ? <PeopleTable people={active} events={byId} lang={lang} revocable /> : <p>{t(lang, "console.people.none")}</p>}
      {revoked.length ? (
        <details>
          <summary>{t(lang, "console.people.revokedList", { n: revoked.length })}</summary>
          <PeopleTable people={revoked} events={byId} lang={lang} revocable={false} />
        </details>
      ) : null}
    </>
  );
}

export function PersonForm({ lang, events, values, errors, banner }: { lang: Lang; events: Event[]; values: FormValues; errors: FormErrors; banner?: string }) {
  const scope = one(values.scope) || "some";
  const chosen = many(values.events);
  return (
    <form method="post" action="/staff/people" novalidate={Object.keys(errors).length > 0}>
      <FormAlert message={banner} />
      <div class="cols">
        <TextField name="name" label={t(lang, "console.people.name")} hint={t(lang, "console.people.nameHint")} required attrs={{ maxlength: 120 }} values={values} errors={errors} />
        <SelectField name="role" label={t(lang, "console.people.role")} options={STAFF_ROLES.map((r) => [r, `${t(lang, `console.role.${r}`)} – ${t(lang, `console.roleHint.${r}`)}`] as const)} values={values} errors={errors} />
      </div>
      <fieldset {...errorAttrs(fieldId("events"), errors.events)}>
        <legend>{t(lang, "console.people.scope")}</legend>
        <label class="check">
          <input type="radio" name="scope" value="all" checked={scope === "all"} />
          {t(lang, "console.people.allEvents")}
        </label>
        <label class="check">
          <input type="radio" name="scope" value="some" checked={scope !== "all"} />
          {t(lang, "console.people.someEvents")}
        </label>
        <div class="cols">
          {events.map((e) => (
            <label class="check">
              <input type="checkbox" name="events" value={e.slug} checked={chosen.includes(e.slug)} />
              {e.name}
            </label>
          ))}
        </div>
        <ErrorText id={fieldId("events")} msg={errors.events} />
      </fieldset>
      <TextField name="gate" label={t(lang, "console.people.gate")} hint={t(lang, "console.people.gateHint")} attrs={{ maxlength: 60 }} values={values} errors={errors} />
      <button type="submit">{t(lang, "console.people.create")}</button>
    </form>
  );
}

/** Shown once, right after creation: the token is never stored, so it cannot be shown again. */
export function NewToken({ lang, name, role, token, origin }: { lang: Lang; name: string; role: StaffMember["role"]; token: string; origin: string }) {
  return (
    <>
      <h1>{t(lang, "console.people.tokenTitle", { name })}</h1>
      <p class="ok" role="status">
        {t(lang, "console.people.tokenCreated", { name, role: t(lang, `console.role.${role}`) })}
      </p>
      <label for="token">{t(lang, "console.people.token")}</label>
      <input id="token" class="token" readonly value={token} data-select />
      <p class="alert">{t(lang, "console.people.tokenOnce")}</p>
      <p>{t(lang, "console.people.tokenHowTo", { url: `${origin}/staff/login` })}</p>
      <p>
        <a class="btn" href="/staff/people">
          {t(lang, "console.people.back")}
        </a>
      </p>
    </>
  );
}
