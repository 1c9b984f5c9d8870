/** Sponsored-cover programmes in the organiser console: the list with places and files, and the form that defines one. */
import type { ProgrammeWithCounts } from "../../base/enrollment/programmes.service";
import { ChoiceGroup, CheckField, FormAlert, SelectField, TextField, type FormErrors, type FormValues, type Option } from "../../base/views/form";
import type { Event } from "../../db/schema";
import { FUNDERS } from "../../db/schema/contributions";
import { t, type Lang } from "../../i18n";
import { NTT_REGENCIES, regencyName } from "../../lib/regions";
import { SUBSECTOR_CODES, subsectorName } from "../../lib/subsectors";
import { formatDay } from "../../lib/time";
import { funderLabel, ProgrammeFiles, ProgrammesTable } from "../../base/views/programmes";


export function ProgrammeList({ lang, event, programmes }: { lang: Lang; event: Event; programmes: ProgrammeWithCounts[] }) {
  if (!programmes.length) return <p>{t(lang, "programme.none")}</p>;
  return (
    <ProgrammesTable
      lang={lang}
      programmes={programmes}
      target
      name={(p) => (
        <>
          {p.eventId === event.id ? <a href={`/staff/events/${event.slug}/programmes/${p.id}`}>{p.name}</a> : p.name}
          <span class="muted">
            {" "}
            · {p.sponsor} · {funderLabel(lang, p.funder)} · {t(lang, "desk.months", { n: p.months })} · {formatDay(p.startsOn, lang)}–{formatDay(p.endsOn, lang)}
            {p.eventId === null ? ` · ${t(lang, "programme.allEvents")}` : ""}
          </span>
          <ProgrammeFiles lang={lang} id={p.id} />
        </>
      )}
    />
  );
}

/** The programme form (create or edit): the same field names as the API. */
export function ProgrammeForm(p: { lang: Lang; values: FormValues; errors: FormErrors; action: string; mode: "create" | "edit" }) {
  const { lang, values, errors } = p;
  const f = { values, errors };
  const regencies = [...Object.keys(NTT_REGENCIES), "other"].map((c): Option => [c, regencyName(c, lang)]);
  const fields = SUBSECTOR_CODES.map((c): Option => [c, subsectorName(c, lang)]);
  return (
    <form method="post" action={p.action} novalidate={Object.keys(errors).length > 0}>
      <FormAlert message={Object.keys(errors).length ? t(lang, "error.formHasErrors") : undefined} />
      <div class="cols">
        <TextField name="name" label={t(lang, "programme.name")} required attrs={{ maxlength: 200 }} {...f} />
        <TextField name="sponsor" label={t(lang, "programme.sponsor")} hint={t(lang, "programme.sponsorHint")} required attrs={{ maxlength: 200 }} {...f} />
        <SelectField name="funder" label={t(lang, "programme.funder")} hint={t(lang, "programme.funderHint")} options={FUNDERS.map((x): Option => [x, funderLabel(lang, x)])} {...f} />
        <TextField name="months" type="number" label={t(lang, "programme.months")} required attrs={{ min: 1, max: 60, inputmode: "numeric" }} {...f} />
        <TextField name="quota" type="number" label={t(lang, "programme.quota")} hint={t(lang, "programme.quotaHint")} required attrs={{ min: 1, inputmode: "numeric" }} {...f} />
        <TextField name="target" type="number" label={t(lang, "programme.target")} hint={t(lang, "programme.targetHint")} attrs={{ min: 1, inputmode: "numeric" }} {...f} />
        <TextField name="starts_on" type="date" label={t(lang, "programme.startsOn")} required {...f} />
        <TextField name="ends_on" type="date" label={t(lang, "programme.endsOn")} required {...f} />
      </div>
      <ChoiceGroup name="covers" legend={t(lang, "programme.covers")} type="radio" options={[["jkk_jkm", t(lang, "desk.coverage.jkk_jkm")], ["jkk_jkm_jht", t(lang, "desk.coverage.jkk_jkm_jht")]]} {...f} />
      <h3>{t(lang, "programme.eligibility")}</h3>
      <p class="hint">{t(lang, "programme.eligibilityHint")}</p>
      <CheckField name="require_bpjs_none" label={t(lang, "programme.requireBpjsNone")} values={values} errors={errors} />
      <details class="more" open={Boolean(errors.eligible_regencies || [values.eligible_regencies].flat().filter(Boolean).length)}>
        <summary>{t(lang, "programme.regencies")}</summary>
        <ChoiceGroup name="eligible_regencies" legend={t(lang, "programme.regencies")} type="checkbox" options={regencies} {...f} />
      </details>
      <details class="more" open={Boolean(errors.eligible_occupations || [values.eligible_occupations].flat().filter(Boolean).length)}>
        <summary>{t(lang, "programme.occupations")}</summary>
        <ChoiceGroup name="eligible_occupations" legend={t(lang, "programme.occupations")} type="checkbox" options={fields} {...f} />
      </details>
      <button type="submit" class="block">
        {t(lang, p.mode === "create" ? "programme.create" : "console.save")}
      </button>
    </form>
  );
}

/** The form's values for a saved programme. */
export const programmeToForm = (p: ProgrammeWithCounts): FormValues => ({
  name: p.name,
  sponsor: p.sponsor,
  funder: p.funder,
  months: String(p.months),
  quota: String(p.quota),
  target: p.target ? String(p.target) : "",
  covers: p.covers,
  eligible_regencies: p.eligibleRegencies,
  eligible_occupations: p.eligibleOccupations,
  require_bpjs_none: p.requireBpjsNone ? "yes" : undefined,
  starts_on: p.startsOn,
  ends_on: p.endsOn,
});
