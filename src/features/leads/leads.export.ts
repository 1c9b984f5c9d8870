/**
 * The lead export, as CSV or XLSX: a stream that reads one page of leads from
 * D1 only when the client is ready for more, so the first bytes leave before
 * the first query and memory holds a page, whatever the number of rows.
 * Every export is audited: the entry is written before the first byte and
 * completed with the row count when the stream ends, fails or is cancelled.
 */
import type { Context } from "hono";
import type { Event } from "../../db/schema";
import { may } from "../../base/auth/roles";
import type { AppEnv } from "../../base/context/env";
import { dataKey } from "../../base/config/secrets";
import type { Lang } from "../../i18n";
import { decrypt } from "../../lib/crypto";
import { localPhone, whatsappLink } from "../../lib/phone";
import { regencyName } from "../../lib/regions";
import { subsectorName } from "../../lib/subsectors";
import { isoInZone } from "../../lib/time";
import { xlsxChunks } from "../../lib/xlsx";
import { auditedExport, csvChunks, exportFileName, fileResponse, streamOf, type Cell, type ExportFormat } from "../../base/export/stream";
import type { LeadFilter } from "./leads.schema";
import { auditedFilter, leadPages, leadQuery, type LeadRow } from "./leads.query";

export type { ExportFormat };

/**
 * Rows per D1 query. One query per page: a Worker invocation may make 1,000,
 * so 2,000-row pages reach about two million leads in one export.
 */
export const EXPORT_PAGE_SIZE = 2000;

type Column = { key: string; width: number; value: (row: LeadRow, nik: string | null) => Cell };

const list = (items: string[]) => items.join("; ");

/**
 * The export's columns, in order; the header row is their keys (a stable
 * contract). The phone is E.164 in the XLSX (a text cell) and written as
 * Indonesians write it in the CSV (`0812-3456-7801`): a spreadsheet opening a
 * CSV runs a leading `+` as a formula and drops a leading 0 of a bare number,
 * and this form needs no apostrophe to stay text. The WhatsApp link carries
 * the international digits in both.
 */
export function exportColumns(event: Event, lang: Lang, withNik: boolean, format: ExportFormat = "xlsx"): Column[] {
  const tz = event.timezone;
  const columns: Column[] = [
    { key: "registration_id", width: 10, value: (l) => l.registration.id },
    { key: "registered_at", width: 26, value: (l) => isoInZone(l.registration.createdAt, tz) },
    { key: "name", width: 26, value: (l) => l.registration.name },
    { key: "phone", width: 17, value: (l) => (l.registration.phone && format === "csv" ? localPhone(l.registration.phone) : l.registration.phone) },
    { key: "whatsapp_url", width: 28, value: (l) => (l.registration.phone ? whatsappLink(l.registration.phone) : null) },
    { key: "email", width: 26, value: (l) => l.registration.email },
    { key: "nik", width: 19, value: (_, nik) => nik },
    { key: "birth_date", width: 11, value: (l) => (withNik ? l.registration.birthDate : null) },
    { key: "regency_code", width: 8, value: (l) => l.registration.regency },
    { key: "regency_name", width: 22, value: (l) => regencyName(l.registration.regency, lang) },
    { key: "occupation", width: 16, value: (l) => l.registration.occupation },
    {
      key: "occupation_name",
      width: 24,
      value: (l) => {
        const name = subsectorName(l.registration.occupation, lang);
        return l.registration.occupationOther ? `${name}: ${l.registration.occupationOther}` : name;
      },
    },
    { key: "interests", width: 14, value: (l) => list(l.registration.interests.map((i) => i.toUpperCase())) },
    { key: "bpjs_status", width: 10, value: (l) => l.registration.bpjsStatus },
    { key: "first_booth", width: 22, value: (l) => l.firstBooth?.name ?? null },
    { key: "booths_visited", width: 30, value: (l) => list(l.visited.map((b) => b.name)) },
    { key: "checked_in", width: 8, value: (l) => (l.checkedIn ? "yes" : "no") },
    { key: "followup_status", width: 12, value: (l) => l.registration.followupStatus },
    { key: "assignee", width: 18, value: (l) => l.assigneeName },
    { key: "last_note", width: 40, value: (l) => l.registration.lastNote },
    { key: "consent_at", width: 26, value: (l) => isoInZone(l.registration.consentAt, tz) },
    { key: "contact_consent_at", width: 26, value: (l) => isoInZone(l.registration.contactConsentAt!, tz) },
    { key: "notice_version", width: 10, value: (l) => l.registration.noticeVersion },
    { key: "lang", width: 6, value: (l) => l.registration.lang },
  ];
  // the event's own questions, one column each
  for (const q of event.questions) {
    columns.push({
      key: `answer_${q.key}`,
      width: 18,
      value: (l) => {
        const answers = l.registration.answers;
        const a = Object.hasOwn(answers, q.key) ? answers[q.key] : undefined;
        return a === undefined ? null : Array.isArray(a) ? list(a) : a;
      },
    });
  }
  return columns;
}

type Progress = { rows: number };

/** The leads as rows of cells, page by page, with the NIK decrypted only when allowed. */
async function* cellPages(
  pages: AsyncIterable<LeadRow[]>,
  columns: Column[],
  nikKey: string | null,
  progress: Progress,
): AsyncGenerator<Cell[][], void, undefined> {
  for await (const page of pages) {
    const niks = await Promise.all(
      page.map(async (l) => {
        const r = l.registration;
        if (!nikKey || !r.nikCipher) return r.nikMasked;
        // a NIK sealed under an older key shows masked rather than failing the export
        return decrypt(nikKey, r.nikCipher).catch(() => r.nikMasked);
      }),
    );
    progress.rows += page.length;
    yield page.map((l, i) => columns.map((c) => c.value(l, niks[i] ?? null)));
  }
}

/** The export response for the event in `c.var.event`, filtered by `filter`. */
export async function exportLeads(
  c: Context<AppEnv>,
  format: ExportFormat,
  filter: LeadFilter,
  includeNik: boolean,
): Promise<Response> {
  const { db, event, staff: who, lang } = c.var;
  const q = await leadQuery(db, event, filter, who);
  // without a usable DATA_KEY nothing can be decrypted: the file says masked, and so does its audit entry
  const nikKey = includeNik && may(who, "leads.nik") ? dataKey(c.env) : null;
  const withNik = nikKey !== null;
  const columns = exportColumns(event, lang, withNik, format);
  const now = new Date();

  const progress: Progress = { rows: 0 };
  const finish = await auditedExport(
    db,
    who,
    { action: "leads.export", eventId: event.id, subject: `event:${event.slug}`, detail: { format, filter: auditedFilter(filter), nik: withNik ? "full" : "masked" } },
    progress,
  );

  const cells = cellPages(leadPages(db, q, EXPORT_PAGE_SIZE), columns, nikKey, progress);
  const chunks =
    format === "csv"
      ? csvChunks(columns.map((col) => col.key), cells)
      : xlsxChunks({ name: "Leads", columns: columns.map((col) => ({ header: col.key, width: col.width })), pages: cells }, now);

  // the runtime logs a broken stream's error: it says no more than that the export failed
  const body = streamOf(chunks, finish, (p) => c.executionCtx.waitUntil(p), "lead export failed");
  return fileResponse(body, format, exportFileName(`leads-${event.slug}`, format, event.timezone, now));
}
