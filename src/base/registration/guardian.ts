/**
 * A child cannot give the contact opt-in alone: processing a child's data needs
 * a parent's or guardian's consent (UU 27/2022 "PDP" art. 25), and a child is a
 * person under 18 (UU 35/2014 art. 1). The age comes from the birth date or
 * the NIK, on the day of the signup in the event's zone. A person whose age is
 * not known is taken at their word.
 */
import type { z } from "zod";
import { key } from "../../i18n";
import { ADULT_AGE, ageFrom } from "../../lib/age";

type GuardianFields = { contact_ok?: string; birth_date?: string; nik?: string; guardian_name?: string; guardian_consent?: string };

const fields = ["contact_ok", "birth_date", "nik", "guardian_name", "guardian_consent"];
/** Runs when the fields it reads passed, even if others failed, so the form says everything at once. */
const whenValid = { when: (payload: z.core.ParsePayload) => !payload.issues.some((i) => fields.includes(String(i.path?.[0]))) };

/** Under 18 on `today`; false when the age is not known. */
export const isMinor = (v: GuardianFields, today: string) => {
  const age = ageFrom(v.birth_date, v.nik, today);
  return age !== null && age < ADULT_AGE;
};

/**
 * The opt-in of a minor needs the guardian's name and consent; without them the
 * form asks kindly for both, or for the opt-in to be left off. The guardian's
 * name is kept only where it is needed: an adult's is dropped.
 */
export function withGuardianCheck<T extends z.ZodType>(schema: T, today: string) {
  const needsGuardian = (v: GuardianFields) => v.contact_ok === "yes" && isMinor(v, today);
  return schema
    .refine((v) => !needsGuardian(v as GuardianFields) || (v as GuardianFields).guardian_consent === "yes", {
      path: ["contact_ok"],
      message: key("signup.minorContact"),
      ...whenValid,
    })
    .refine((v) => !needsGuardian(v as GuardianFields) || Boolean((v as GuardianFields).guardian_name), {
      path: ["guardian_name"],
      message: key("signup.guardianNameNeeded"),
      ...whenValid,
    })
    .transform((v) => {
      const g = v as GuardianFields;
      const keep = g.contact_ok === "yes" && g.guardian_consent === "yes" && Boolean(g.guardian_name) && (ageFrom(g.birth_date, g.nik, today) ?? 0) < ADULT_AGE;
      return (keep ? v : { ...(v as object), guardian_name: undefined, guardian_consent: undefined }) as z.output<T>;
    });
}
