/**
 * What BPJS Ketenagakerjaan cover costs a BPU (informal) worker per month, from
 * rate tables with validity dates (src/db/schema/contributions.ts): JKK as a
 * percentage of the declared income band, JKM a flat amount, JHT optional, and
 * a temporary discount where one is in force on that day for that payer.
 * Pure: the tables are passed in, the day is a calendar day in the event's zone.
 */

export type ProgrammeCode = "jkk" | "jkm" | "jht";
/** Who pays: the worker (`self`) or a sponsor's budget. */
export type PayerCode = "self" | "apbd" | "apbn" | "csr" | "other";
export type SectorCode = "non_transport" | "transport" | "all";
export type CoverageCode = "jkk_jkm" | "jkk_jkm_jht";

type Valid = { validFrom: string; validTo: string | null };
export type RateRow = Valid & { programme: ProgrammeCode; kind: "percent" | "flat"; amount: number };
export type BandRow = Valid & { id: number; base: number; incomeFrom: number; incomeTo: number | null };
export type DiscountRow = Valid & {
  id: number;
  name: string;
  source: string;
  validTo: string;
  sector: SectorCode;
  jkkPercent: number;
  jkmPercent: number;
  jhtPercent: number;
  excludedPayers: string[];
};
export type RateTables = { rates: readonly RateRow[]; bands: readonly BandRow[]; discounts: readonly DiscountRow[] };

/** The workers this system signs up: the 17 creative subsectors (and "other"), none of them transport. */
export const WORKER_SECTOR: SectorCode = "non_transport";

/** True when `row` is in force on `day` (`YYYY-MM-DD`; both ends inclusive). */
export const validOn = (row: Valid, day: string) => row.validFrom <= day && (row.validTo === null || day <= row.validTo);

/** Of rows that overlap, the one that started last wins (a newer regulation replaces an older one). */
function latest<T extends Valid>(rows: readonly T[], day: string): T | undefined {
  let best: T | undefined;
  for (const r of rows) if (validOn(r, day) && (!best || r.validFrom > best.validFrom)) best = r;
  return best;
}

/** The income bands in force on `day`, lowest first (one per base). */
export function bandsOn(tables: RateTables, day: string): BandRow[] {
  const byBase = new Map<number, BandRow>();
  for (const b of tables.bands) {
    if (!validOn(b, day)) continue;
    const seen = byBase.get(b.base);
    if (!seen || b.validFrom > seen.validFrom) byBase.set(b.base, b);
  }
  return [...byBase.values()].sort((a, b) => a.base - b.base);
}

export type Line = { full: number; due: number; percentOff: number };
export type Breakdown = {
  day: string;
  base: number;
  jkk: Line;
  jkm: Line;
  jht: Line;
  /** JKK + JKM, the cover every BPU worker takes */
  basic: { full: number; due: number };
  /** JKK + JKM + JHT */
  withJht: { full: number; due: number };
  /** the discount applied, if any */
  discount: DiscountRow | null;
};

const percentOf = (base: number, basisPoints: number) => Math.round((base * basisPoints) / 10_000);
const less = (amount: number, percent: number) => Math.round((amount * (100 - percent)) / 100);

/**
 * A month's contributions on `day` for a declared income `base`, as `payer`
 * pays them. Null when the tables hold no rate for a programme on that day:
 * no figure is better than a wrong one.
 * @example monthlyContribution(tables, { day: "2026-05-01", base: 1_000_000, payer: "self" })!.basic.due // 8400
 */
export function monthlyContribution(
  tables: RateTables,
  q: { day: string; base: number; payer: PayerCode; sector?: SectorCode },
): Breakdown | null {
  const sector = q.sector ?? WORKER_SECTOR;
  const rate = (p: ProgrammeCode) => latest(tables.rates.filter((r) => r.programme === p), q.day);
  const [jkkRate, jkmRate, jhtRate] = [rate("jkk"), rate("jkm"), rate("jht")];
  if (!jkkRate || !jkmRate || !jhtRate) return null;
  // discounts do not add up: the largest in force for this worker and payer applies
  const discount =
    tables.discounts
      .filter((d) => validOn(d, q.day) && (d.sector === "all" || d.sector === sector) && !d.excludedPayers.includes(q.payer))
      .sort((a, b) => b.jkkPercent + b.jkmPercent + b.jhtPercent - (a.jkkPercent + a.jkmPercent + a.jhtPercent))[0] ?? null;
  const line = (r: RateRow, percentOff: number): Line => {
    const full = r.kind === "flat" ? r.amount : percentOf(q.base, r.amount);
    return { full, due: less(full, percentOff), percentOff };
  };
  const jkk = line(jkkRate, discount?.jkkPercent ?? 0);
  const jkm = line(jkmRate, discount?.jkmPercent ?? 0);
  const jht = line(jhtRate, discount?.jhtPercent ?? 0);
  const basic = { full: jkk.full + jkm.full, due: jkk.due + jkm.due };
  return { day: q.day, base: q.base, jkk, jkm, jht, basic, withJht: { full: basic.full + jht.full, due: basic.due + jht.due }, discount };
}

/** What a coverage costs in a month's breakdown. */
export const dueFor = (b: Breakdown, coverage: CoverageCode) => (coverage === "jkk_jkm_jht" ? b.withJht.due : b.basic.due);

/** What a sponsor pays for: what it covers, but no more than the worker chose. */
export const sponsoredCoverage = (covers: CoverageCode, chosen: CoverageCode): CoverageCode =>
  covers === "jkk_jkm_jht" && chosen === "jkk_jkm_jht" ? "jkk_jkm_jht" : "jkk_jkm";

/** `YYYY-MM-01` of the month `n` months after the one `day` falls in. */
export function monthStart(day: string, n = 0): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  return `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

/**
 * What `months` contribution months cost from the month of `firstDay` on, each
 * month at the rates (and discount) in force in it. Null when a month has no rates.
 */
export function costOverMonths(
  tables: RateTables,
  q: { firstDay: string; months: number; base: number; coverage: CoverageCode; payer: PayerCode; sector?: SectorCode },
): { total: number; perMonth: { month: string; due: number }[] } | null {
  const perMonth: { month: string; due: number }[] = [];
  for (let i = 0; i < q.months; i++) {
    const day = monthStart(q.firstDay, i);
    const b = monthlyContribution(tables, { day, base: q.base, payer: q.payer, sector: q.sector });
    if (!b) return null;
    perMonth.push({ month: day.slice(0, 7), due: dueFor(b, q.coverage) });
  }
  return { total: perMonth.reduce((s, m) => s + m.due, 0), perMonth };
}

/** `Rp 16.800` (Indonesian) or `Rp 16,800` (English). */
export function rupiah(amount: number, lang: "id" | "en"): string {
  const digits = String(Math.round(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, lang === "id" ? "." : ",");
  return `${amount < 0 ? "-" : ""}Rp ${digits}`;
}

/** Do two closed ranges meet? `null` as an upper end is open (no end). Days (`YYYY-MM-DD`) and rupiah alike. */
export function rangesOverlap<T extends string | number>(a: { from: T; to: T | null }, b: { from: T; to: T | null }): boolean {
  return (a.to === null || b.from <= a.to) && (b.to === null || a.from <= b.to);
}
