/** What every registration has: the standard form fields, the interests offered, the consent purposes. */

import type { ConsentPurpose } from "../../db/schema";

export { CONSENT_PURPOSES, INTERESTS, type ConsentPurpose, type Interest } from "../../db/schema";

/** Field names of the standard form (a public contract); extra question keys may not reuse them. */
export const STANDARD_FIELDS = [
  "name",
  "phone",
  "email",
  "regency",
  "occupation",
  "occupation_other",
  "nik",
  "birth_date",
  "bpjs_status",
  "interests",
  "consent",
  "contact_ok",
  "guardian_name",
  "guardian_consent",
  "lang",
  "send_whatsapp",
  // the honeypot: a field people never see, which bots fill (features/signup)
  "website",
  // the token of a form sent again (base/http/submission-token.ts)
  "submission",
] as const;

/** The honeypot field's name: hidden from people and screen readers; a form that fills it is not sent. */
export const HONEYPOT_FIELD = "website";

/** The purposes a signup consents to (UU PDP: separable): always the event; contact only with the separate opt-in. */
export const PURPOSE_EVENT: ConsentPurpose = "event_registration";
export const PURPOSE_CONTACT: ConsentPurpose = "enrollment_contact";

export const consentPurposes = (contactOk: boolean): ConsentPurpose[] => (contactOk ? [PURPOSE_EVENT, PURPOSE_CONTACT] : [PURPOSE_EVENT]);
