/** How leads read in the JSON API: snake_case, times in the event's zone with its offset. */
import type { Event } from "../../db/schema";
import type { Lang } from "../../i18n";
import { whatsappLink } from "../../lib/phone";
import { regencyName } from "../../lib/regions";
import { subsectorName } from "../../lib/subsectors";
import { isoInZone } from "../../lib/time";
import type { LeadRow } from "./leads.query";
import { UNASSIGNED, type HistoryEntry } from "./leads.service";

/** How a lead reads in the JSON API. */
export function leadToApi(row: LeadRow, event: Event, lang: Lang) {
  const r = row.registration;
  const tz = event.timezone;
  return {
    id: r.id,
    event: event.slug,
    registered_at: isoInZone(r.createdAt, tz),
    name: r.name ?? "",
    phone: r.phone ?? "",
    whatsapp_url: r.phone ? whatsappLink(r.phone) : "",
    email: r.email,
    nik_masked: r.nikMasked,
    regency: { code: r.regency, name: regencyName(r.regency, lang) },
    occupation: { code: r.occupation, name: subsectorName(r.occupation, lang), other: r.occupationOther },
    interests: r.interests as ("jkk" | "jkm" | "jht")[],
    bpjs_status: r.bpjsStatus,
    answers: r.answers,
    first_booth: row.firstBooth,
    booths_visited: row.visited,
    checked_in: row.checkedIn,
    status: r.followupStatus,
    last_note: r.lastNote,
    assignee: r.assigneeId != null && row.assigneeName != null ? { id: r.assigneeId, name: row.assigneeName } : null,
    programme: row.programme,
    kpj_masked: r.kpjMasked,
    consent_at: isoInZone(r.consentAt, tz),
    contact_consent_at: isoInZone(r.contactConsentAt!, tz),
    notice_version: r.noticeVersion,
    lang: r.lang,
    updated_at: r.updatedAt ? isoInZone(r.updatedAt, tz) : null,
  };
}

export function historyToApi(h: HistoryEntry, event: Event) {
  return {
    at: isoInZone(h.at, event.timezone),
    by: { id: h.byId, name: h.byName ?? "admin" },
    status: h.status,
    note: h.note,
    assignee: h.assigneeId === null ? null : h.assigneeId === UNASSIGNED ? { id: null, name: null } : { id: h.assigneeId, name: h.assigneeName },
  };
}
