/**
 * The programme file for the sponsor and the BPJS branch office: the workers
 * holding its places with exactly what BPJS registration needs, their status,
 * and what each costs the sponsor; the XLSX adds a summary sheet (counts and
 * the sponsor's cost from the rates table). Streamed page by page like the lead
 * export, under the same NIK rule and audit; the KPJ follows the NIK's rule.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import type { Context } from "hono";
import { may } from "../../base/auth/roles";
import type { AppEnv } from "../../base/context/env";
import { dataKey } from "../../base/config/secrets";
import { rateTables } from "../../base/contributions/rates.service";
import { withCounts } from "../../base/enrollment/programmes.service";
import { auditedExport, csvChunks, exportFileName, fileResponse, streamOf, type Cell, type ExportFormat } from "../../base/export/stream";
import type { Db } from "../../db/client";
import { events, registrations, type Registration } from "../../db/schema";
import { allocations, enrollments, type Enrollment, type Programme } from "../../db/schema/enrollment";
import { t, type Lang } from "../../i18n";
import { bandsOn, costOverMonths, monthStart, sponsoredCoverage, type CoverageCode, type RateTables } from "../../lib/contributions";
import { knownBirthDate } from "../../lib/age";
import { decrypt } from "../../lib/crypto";
import { localPhone } from "../../lib/phone";
import { regencyName } from "../../lib/regions";
import { subsectorName } from "../../lib/subsectors";
import { dayInZone, isoInZone } from "../../lib/time";
import { xlsxChunks } from "../../lib/xlsx";

/** Rows per D1 query, as for the lead export. */
export const PROGRAMME_PAGE_SIZE = 2000;

type Row = {
  allocationId: number;
  allocatedAt: Date;
  timezone: string;
  registration: Registration;
  enrollment: Enrollment | null;
};

async function* allocationPages(db: Db, programmeId: number): AsyncGenerator<Row[], void, undefined> {
  let after = 0;
  for (;;) {
    const page = await db
      .select({
        allocationId: allocations.id,
        allocatedAt: allocations.createdAt,
        timezone: events.timezone,
        registration: registrations,
        enrollment: enrollments,
      })
      .from(allocations)
      .innerJoin(registrations, eq(registrations.id, allocations.registrationId))
      .innerJoin(events, eq(events.id, registrations.eventId))
      .leftJoin(enrollments, eq(enrollments.registrationId, allocations.registrationId))
      .where(and(eq(allocations.programmeId, programmeId), gt(allocations.id, after)))
      .orderBy(asc(allocations.id))
      .limit(PROGRAMME_PAGE_SIZE);
    if (page.length) yield page;
    if (page.length < PROGRAMME_PAGE_SIZE) return;
    after = page.at(-1)!.allocationId;
  }
}

export type WorkerStatus = "enrolled" | "allocated" | "withdrawn";

/**
 * Enrolled under this programme, holding a place, or holding one but no longer
 * a lead (withdrawn or erased). Personal data goes out only for a lead: someone
 * who withdrew or was erased keeps their row (the sponsor may pay for them) without it.
 */
export function workerStatus(p: Programme, r: Registration, e: Enrollment | null): { status: WorkerStatus; personal: boolean } {
  const personal = r.contactConsentAt !== null && r.erasedAt === null;
  const enrolled = r.followupStatus === "enrolled" && e?.programmeId === p.id;
  return { status: enrolled ? "enrolled" : personal ? "allocated" : "withdrawn", personal };
}

/**
 * What the sponsor pays for one worker: exact for the enrolled, at the lowest band from this month for those
 * holding a place; nothing for the withdrawn (no longer followed up, so not a cost the sponsor will pay). Null
 * when the rates table has no figure for a month it needs: unknown, never 0.
 */
export function workerCost(tables: RateTables, p: Programme, status: WorkerStatus, e: Enrollment | null, today: string): number | null {
  if (status === "withdrawn") return null;
  const enrolled = status === "enrolled" && e;
  const firstDay = enrolled ? e.enrolledOn : today > p.startsOn ? today : p.startsOn;
  const base = enrolled ? e.incomeBase : bandsOn(tables, firstDay)[0]?.base;
  if (!base) return null;
  const coverage: CoverageCode = enrolled ? sponsoredCoverage(p.covers, e.coverage) : p.covers;
  return costOverMonths(tables, { firstDay, months: p.months, base, coverage, payer: p.funder })?.total ?? null;
}

const COVERAGE_TEXT: Record<CoverageCode, string> = { jkk_jkm: "JKK+JKM", jkk_jkm_jht: "JKK+JKM+JHT" };

/** The worker sheet's columns, in order; the header row is these keys (a stable contract). */
export const WORKER_COLUMNS = [
  "registration_id",
  "nik",
  "name",
  "birth_date",
  "phone",
  "email",
  "regency_code",
  "regency_name",
  "occupation",
  "occupation_name",
  "programmes",
  "income_base",
  "months_sponsored",
  "sponsor",
  "status",
  "kpj",
  "enrolled_on",
  "allocated_at",
  "sponsor_cost",
] as const;
const WIDTHS = [10, 19, 26, 11, 17, 26, 8, 22, 16, 24, 14, 12, 10, 26, 10, 13, 11, 26, 12];

/** Counts and costs; a cost the rates table cannot give is counted in `unknown…`, never added as 0. */
type Totals = { enrolled: number; allocated: number; withdrawn: number; costEnrolled: number; costEstimated: number; unknownEnrolled: number; unknownEstimated: number };

async function* workerCells(
  pages: AsyncIterable<Row[]>,
  p: Programme,
  tables: RateTables,
  lang: Lang,
  { key, format }: { key: string | null; format: ExportFormat },
  today: string,
  totals: Totals,
  progress: { rows: number },
): AsyncGenerator<Cell[][], void, undefined> {
  const open = (cipher: string | null, masked: string | null) => (key && cipher ? decrypt(key, cipher).catch(() => masked) : Promise.resolve(masked));
  for await (const page of pages) {
    const rows: Cell[][] = [];
    for (const row of page) {
      const r = row.registration;
      const e = row.enrollment;
      const { status, personal } = workerStatus(p, r, e);
      const cost = workerCost(tables, p, status, e, today);
      totals[status] += 1;
      if (status === "enrolled") {
        if (cost === null) totals.unknownEnrolled += 1;
        else totals.costEnrolled += cost;
      } else if (status === "allocated") {
        if (cost === null) totals.unknownEstimated += 1;
        else totals.costEstimated += cost;
      }
      const [nik, kpj] = personal ? await Promise.all([open(r.nikCipher, r.nikMasked), open(r.kpjCipher, r.kpjMasked)]) : [null, null];
      const coverage = status === "enrolled" && e ? sponsoredCoverage(p.covers, e.coverage) : p.covers;
      rows.push([
        r.id,
        nik,
        personal ? r.name : null,
        // as on the KTP: the birth date given, or else the one inside the NIK (only with the full NIK)
        personal && key ? knownBirthDate(r.birthDate, nik, today) : null,
        // in a CSV as Indonesians write it: a leading + would be neutralised with an apostrophe (lib/csv.ts)
        personal && r.phone ? (format === "csv" ? localPhone(r.phone) : r.phone) : null,
        personal ? r.email : null,
        r.regency,
        regencyName(r.regency, lang),
        r.occupation,
        r.occupationOther && personal ? `${subsectorName(r.occupation, lang)}: ${r.occupationOther}` : subsectorName(r.occupation, lang),
        COVERAGE_TEXT[coverage],
        status === "enrolled" ? (e?.incomeBase ?? null) : null,
        p.months,
        p.sponsor,
        status,
        kpj,
        status === "enrolled" ? (e?.enrolledOn ?? null) : null,
        isoInZone(row.allocatedAt, row.timezone),
        cost,
      ]);
    }
    progress.rows += page.length;
    yield rows;
  }
}

/** The summary's rows: item key, value, and what it means in the reader's language. */
export function summaryRows(p: Awaited<ReturnType<typeof withCounts>>[number], tables: RateTables, totals: Totals, today: string, lang: Lang): Cell[][] {
  const first = monthStart(p.startsOn);
  const base = bandsOn(tables, p.startsOn)[0]?.base ?? null;
  const month = base ? costOverMonths(tables, { firstDay: first, months: 1, base, coverage: p.covers, payer: p.funder })?.total ?? null : null;
  const quotaCost = base ? costOverMonths(tables, { firstDay: first, months: p.months, base, coverage: p.covers, payer: p.funder })?.total ?? null : null;
  const rows: [string, Cell][] = [
    ["programme", p.name],
    ["sponsor", p.sponsor],
    ["funder", p.funder],
    ["months", p.months],
    ["covers", COVERAGE_TEXT[p.covers]],
    ["quota", p.quota],
    ["allocated", p.allocated],
    ["enrolled", p.enrolled],
    ["remaining", p.remaining],
    ["target", p.target],
    ["withdrawn", totals.withdrawn],
    ["monthly_contribution", month],
    // a sum that would leave out an unknown cost is no sum: empty, with the number of workers whose cost is unknown
    ["cost_enrolled", totals.unknownEnrolled ? null : totals.costEnrolled],
    ["cost_enrolled_unknown", totals.unknownEnrolled],
    ["cost_allocated_estimate", totals.unknownEstimated ? null : totals.costEstimated],
    ["cost_allocated_unknown", totals.unknownEstimated],
    ["cost_total", totals.unknownEnrolled || totals.unknownEstimated ? null : totals.costEnrolled + totals.costEstimated],
    ["cost_full_quota_estimate", quotaCost === null ? null : quotaCost * p.quota],
    ["computed_on", today],
  ];
  return rows.map(([item, value]) => [item, value, t(lang, `programme.summary.${item}` as "programme.summary.programme")]);
}

export const SUMMARY_COLUMNS = ["item", "value", "meaning"] as const;

/**
 * The programme file (`format`), or with `part: "summary"` the summary alone as
 * CSV. Audited as `programme.export` before the first byte, completed at the end.
 */
export async function exportProgramme(c: Context<AppEnv>, p: Programme, format: ExportFormat, includeNik: boolean, part: "workers" | "summary" = "workers"): Promise<Response> {
  const { db, staff: who, lang } = c.var;
  // without a usable DATA_KEY nothing can be decrypted: the file says masked, and so does its audit entry
  const nikKey = includeNik && may(who, "leads.nik") && part === "workers" ? dataKey(c.env) : null;
  const withNik = nikKey !== null;
  const tables = await rateTables(db);
  const [counted] = await withCounts(db, [p]);
  const tz = p.eventId === null ? "Asia/Makassar" : ((await db.select({ tz: events.timezone }).from(events).where(eq(events.id, p.eventId)))[0]?.tz ?? "Asia/Makassar");
  const now = new Date();
  const today = dayInZone(now, tz);
  const totals: Totals = { enrolled: 0, allocated: 0, withdrawn: 0, costEnrolled: 0, costEstimated: 0, unknownEnrolled: 0, unknownEstimated: 0 };
  const progress = { rows: 0 };
  const finish = await auditedExport(
    db,
    who,
    { action: "programme.export", eventId: p.eventId, subject: `programme:${p.id}`, detail: { format, part, nik: withNik ? "full" : "masked" } },
    progress,
  );
  const workers = workerCells(allocationPages(db, p.id), p, tables, lang, { key: nikKey, format }, today, totals, progress);
  async function* summary(): AsyncGenerator<Cell[][], void, undefined> {
    // the workers are counted first (the sheet before this one, or a pass without output)
    if (part === "summary") for await (const _ of workers) void _;
    yield summaryRows(counted!, tables, totals, today, lang);
  }
  let chunks: AsyncGenerator<Uint8Array, void, undefined>;
  if (part === "summary") chunks = csvChunks(SUMMARY_COLUMNS, summary());
  else if (format === "csv") chunks = csvChunks(WORKER_COLUMNS, workers);
  else
    chunks = xlsxChunks(
      [
        { name: t(lang, "programme.sheet.workers"), columns: WORKER_COLUMNS.map((h, i) => ({ header: h, width: WIDTHS[i] })), pages: workers },
        { name: t(lang, "programme.sheet.summary"), columns: [{ header: "item", width: 26 }, { header: "value", width: 30 }, { header: "meaning", width: 70 }], pages: summary() },
      ],
      now,
    );
  const body = streamOf(chunks, finish, (x) => c.executionCtx.waitUntil(x), "programme export failed");
  return fileResponse(body, format, exportFileName(`programme-${p.id}${part === "summary" ? "-summary" : ""}`, format, tz, now));
}
