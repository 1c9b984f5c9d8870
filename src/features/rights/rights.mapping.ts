/**
 * The copy a person downloads of their own data: plain JSON, codes with their
 * names beside them, times in the event's zone. The NIK is masked (see
 * `rights.json.nik`): the file is easily forwarded, and the person holds the
 * full number on their ID card already.
 */
import { t, type Lang } from "../../i18n";
import { regencyName } from "../../lib/regions";
import { subsectorName } from "../../lib/subsectors";
import { isoInZone } from "../../lib/time";
import type { PersonalData } from "./rights.service";

export const DOCUMENT_FORMAT = "kupang-fair/personal-data@1";

export function personalDataDocument(data: PersonalData, lang: Lang, now = new Date()) {
  const { registration: r, event, ticket } = data;
  const at = (d: Date | null) => (d ? isoInZone(d, event.timezone) : null);
  const questions = new Map(event.questions.map((q) => [q.key, q]));
  return {
    format: DOCUMENT_FORMAT,
    exported_at: at(now),
    controller: { name: event.organiser || event.name, contact_email: event.contactEmail || null },
    event: { slug: event.slug, name: event.name, starts_at: at(event.startsAt), ends_at: at(event.endsAt), retention_days: event.retentionDays },
    person: {
      name: r.name,
      phone: r.phone,
      email: r.email,
      regency: { code: r.regency, name: regencyName(r.regency, lang) },
      occupation: { code: r.occupation, name: subsectorName(r.occupation, lang), other: r.occupationOther },
      nik: r.nikMasked ? { masked: r.nikMasked, stored_encrypted: true, why_masked: t(lang, "rights.json.nik") } : null,
      birth_date: r.birthDate,
      kpj: r.kpjMasked ? { masked: r.kpjMasked, stored_encrypted: true } : null,
      bpjs_status: r.bpjsStatus,
      interests: r.interests,
      answers: Object.entries(r.answers).map(([key, answer]) => ({ key, question: questions.get(key)?.label[lang] ?? key, answer })),
      language: r.lang,
    },
    registration: { id: r.id, registered_at: at(r.createdAt), updated_at: at(r.updatedAt) },
    consent: {
      given_at: at(r.consentAt),
      purposes: r.consentPurposes,
      notice_version: r.noticeVersion,
      contact_opt_in_at: at(r.contactConsentAt),
      guardian: r.guardianConsentAt ? { name: r.guardianName, agreed_at: at(r.guardianConsentAt) } : null,
    },
    ticket: { code: ticket.code, issued_at: at(ticket.issuedAt), valid: ticket.revokedAt === null },
    booth_visits: data.visits.map((v) => ({ booth: v.name, code: v.code, at: at(v.at) })),
    checkins: data.checkins.map((c) => ({ direction: c.direction, gate: c.gate, at: at(c.at), undone: c.undoneAt !== null })),
    programme_place: data.place
      ? { programme: data.place.programme, sponsor: data.place.sponsor, funder: data.place.funder, months_sponsored: data.place.months, since: at(data.place.since) }
      : null,
    enrollment: data.enrollment
      ? { coverage: data.enrollment.coverage, income_base: data.enrollment.incomeBase, enrolled_on: data.enrollment.enrolledOn, sponsor: data.enrollment.sponsor, kpj_masked: r.kpjMasked }
      : null,
    follow_up: {
      status: r.followupStatus,
      last_note: r.lastNote,
      history: data.history.map((h) => ({ status: h.status, note: h.note, at: at(h.at) })),
    },
  };
}
