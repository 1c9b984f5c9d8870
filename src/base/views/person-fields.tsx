/**
 * The fields about a person, shared by the signup form and the correction form
 * ("Data saya"). Field names are the public contract, and each
 * element's id is its field name (`id="phone"`, `id="phone-err"`).
 */
import type { ExtraQuestion } from "../../db/schema";
import { BPJS_STATUSES } from "../../db/schema";
import { t, type Lang } from "../../i18n";
import { NTT_REGENCIES, regencyName } from "../../lib/regions";
import { SUBSECTOR_CODES, subsectorName } from "../../lib/subsectors";
import { INTERESTS } from "../registration/fields";
import { ChoiceGroup, SelectField, TextField, type FormErrors, type FormValues, type Option } from "./form";

/**
 * `focus`: the field to focus when the form comes back with errors (`firstInvalid`).
 * `forget`: a shared device's form (a booth kiosk): no field autocompletes, and
 * the browser neither offers earlier people's entries nor restores what was typed.
 */
type Props = { lang: Lang; values: FormValues; errors: FormErrors; focus?: string; forget?: boolean };

/** The autocomplete token of a field, or "off" on a shared device's form. */
const remembered = (token: string, forget: boolean | undefined) => (forget ? "off" : token);

/** The person's fields in the order the forms show them, for `firstInvalid` (the event's questions and the NIK follow). */
export const PERSON_FIELD_ORDER = ["name", "phone", "email", "regency", "occupation", "occupation_other", "bpjs_status", "interests"] as const;

/** One of an event's extra questions as a field. */
export function Question({ q, lang, values, errors, focus }: Props & { q: ExtraQuestion }) {
  const label = q.label[lang] + (q.required ? "" : ` (${t(lang, "signup.optional")})`);
  const options = (q.options ?? []).map((o): Option => [o.value, o.label[lang]]);
  const common = { name: q.key, id: q.key, values, errors, focus };
  switch (q.type) {
    case "text":
      return <TextField {...common} label={label} required={q.required} attrs={{ maxlength: 500 }} />;
    case "yesno":
      return <ChoiceGroup {...common} legend={label} type="radio" options={[["yes", t(lang, "signup.yes")], ["no", t(lang, "signup.no")]]} />;
    case "single":
      return <ChoiceGroup {...common} legend={label} type="radio" options={options} />;
    case "multi":
      return <ChoiceGroup {...common} legend={label} type="checkbox" options={options} />;
  }
}

/** Name, phone, email, home, field of work, BPJS status and interests. */
export function PersonFields({ lang, values, errors, focus, forget }: Props) {
  const regencies = [...Object.keys(NTT_REGENCIES), "other"].map((c): Option => [c, regencyName(c, lang)]);
  const occupations = SUBSECTOR_CODES.map((c): Option => [c, subsectorName(c, lang)]);
  const field = (name: string) => ({ name, id: name, values, errors, focus });
  return (
    <>
      <TextField {...field("name")} label={t(lang, "signup.name")} hint={t(lang, "signup.nameHint")} required attrs={{ autocomplete: remembered("name", forget), maxlength: 100 }} />
      <TextField {...field("phone")} label={t(lang, "signup.phone")} type="tel" required attrs={{ autocomplete: remembered("tel", forget), inputmode: "tel", placeholder: "08xx-xxxx-xxxx" }} />
      <TextField {...field("email")} label={t(lang, "signup.email")} type="email" attrs={{ autocomplete: remembered("email", forget) }} />
      <SelectField {...field("regency")} label={t(lang, "signup.regency")} options={regencies} blank={t(lang, "signup.choose")} required />
      <SelectField {...field("occupation")} label={t(lang, "signup.occupation")} options={occupations} blank={t(lang, "signup.choose")} required />
      {/* shown only when "other" is chosen, by CSS (:has); where a browser cannot, it stays, labelled "if other" */}
      <div class="if-other">
        <TextField {...field("occupation_other")} label={t(lang, "signup.occupationOther")} attrs={{ maxlength: 100 }} />
      </div>
      <ChoiceGroup {...field("bpjs_status")} legend={t(lang, "signup.bpjsStatus")} type="radio" options={BPJS_STATUSES.map((s): Option => [s, t(lang, `signup.bpjs.${s}`)])} />
      <ChoiceGroup {...field("interests")} legend={t(lang, "signup.interests")} type="checkbox" options={INTERESTS.map((i): Option => [i, t(lang, `signup.interest.${i}`)])} />
    </>
  );
}

/** The birth date: the signup and the correction form ask it the same way. */
export function BirthDateField({ lang, values, errors, focus, forget }: Props) {
  return <TextField name="birth_date" id="birth_date" label={t(lang, "signup.birthDate")} type="date" values={values} errors={errors} focus={focus} attrs={{ autocomplete: remembered("bday", forget) }} />;
}

/**
 * The NIK, never filled in again, not even for the person who typed it (a page may stand on a shared
 * kiosk or door phone). `again`: the post this page answers had one, so the field says, tied to it for
 * screen readers, that it was not kept and must be typed again.
 */
export function NikField({ lang, errors, focus, again }: { lang: Lang; errors: FormErrors; focus?: string; again?: boolean }) {
  const described = again ? { "aria-describedby": errors.nik ? "nik-err nik-again" : "nik-again" } : {};
  const hint = again ? (
    <>
      {t(lang, "signup.nikHint")} <strong id="nik-again">{t(lang, "signup.nikAgain")}</strong>
    </>
  ) : (
    t(lang, "signup.nikHint")
  );
  return <TextField name="nik" id="nik" label={t(lang, "signup.nik")} hint={hint} values={{}} errors={errors} focus={focus} attrs={{ inputmode: "numeric", autocomplete: "off", maxlength: 20, ...described }} />;
}
