/**
 * The contribution tables as the admin edits them (API and console alike) and
 * as the API shows them. Percentages are basis points (100 = 1%), money whole
 * rupiah, days `YYYY-MM-DD` in the event's zone, both ends inclusive.
 */
import { cleanLine } from "../../lib/text";
import { z } from "@hono/zod-openapi";
import { rowSchema } from "../../db/row-schema";
import {
  CONTRIBUTION_PROGRAMMES,
  contributionDiscounts,
  contributionRates,
  incomeBands,
  RATE_KINDS,
  SECTORS,
} from "../../db/schema/contributions";
import { key } from "../../i18n";
import { isCalendarDay } from "../../lib/time";

/** Payers a discount may exclude. */
export const PAYERS = ["self", "apbd", "apbn", "csr", "other"] as const;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
/** A whole number from JSON or from a form field (digits). */
export const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*-?\d{1,12}\s*$/.test(v) ? Number(v) : v),
    z.int({ error: key("validation.number") }).min(min, { error: key("validation.number") }).max(max, { error: key("validation.number") }),
  );
const optionalWhole = (min: number, max: number) => z.preprocess((v) => (blank(v) ? null : v), wholeNumber(min, max).nullable()).optional();

export const day = z.string({ error: key("validation.date") }).refine(isCalendarDay, { error: key("validation.date") });
const optionalDay = z.preprocess((v) => (blank(v) ? null : v), day.nullable()).optional();
const source = z.string().overwrite(cleanLine).trim().max(300).optional();

const toAfterFrom = (v: { valid_from?: string; valid_to?: string | null }) => !v.valid_from || !v.valid_to || v.valid_to >= v.valid_from;
const toError = { path: ["valid_to"], error: key("validation.endsBeforeStart") };

export const RateInputSchema = z
  .object({
    programme: z.enum(CONTRIBUTION_PROGRAMMES, { error: key("validation.choice") }),
    kind: z.enum(RATE_KINDS, { error: key("validation.choice") }),
    amount: wholeNumber(0, 100_000_000).openapi({ description: "basis points of the income base (percent: 100 = 1%) or rupiah a month (flat)" }),
    valid_from: day,
    valid_to: optionalDay,
    source,
  })
  .refine(toAfterFrom, toError)
  .refine((v) => v.kind !== "percent" || v.amount <= 10_000, { path: ["amount"], error: key("validation.number") })
  .openapi("ContributionRateInput");

/**
 * The lowest declared income a BPU worker's contributions are taken of: Rp 1,000,000 (PP 44/2015 Lampiran II, as
 * amended; /work/shared/PRODUCT.md "Domain facts": "The lowest income base is Rp 1,000,000"). A band's base below
 * it would become the lowest band and show a figure BPJS does not accept. Raise it here if a regulation does.
 */
export const BPU_MIN_BASE = 1_000_000;

export const BandInputSchema = z
  .object({
    base: wholeNumber(1, 1_000_000_000).openapi({ description: "the nominal income (rupiah) the percentages are taken of" }),
    income_from: wholeNumber(0, 1_000_000_000),
    income_to: optionalWhole(0, 1_000_000_000),
    valid_from: day,
    valid_to: optionalDay,
    source,
  })
  .refine(toAfterFrom, toError)
  .refine((v) => v.income_to == null || v.income_to >= v.income_from, { path: ["income_to"], error: key("validation.number") })
  .refine((v) => v.base >= BPU_MIN_BASE, { path: ["base"], error: key("rates.baseBelowMinimum") })
  // the base is an income inside its own band
  .refine((v) => v.base >= v.income_from && (v.income_to == null || v.base <= v.income_to), { path: ["base"], error: key("rates.baseOutsideBand") })
  .openapi("IncomeBandInput");

const manyOf = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(10));

export const DiscountInputSchema = z
  .object({
    name: z.string().overwrite(cleanLine).trim().min(1, { error: key("validation.required") }).max(200),
    source,
    valid_from: day,
    valid_to: day,
    sector: z.enum(SECTORS, { error: key("validation.choice") }),
    jkk_percent: wholeNumber(0, 100),
    jkm_percent: wholeNumber(0, 100),
    jht_percent: wholeNumber(0, 100),
    excluded_payers: manyOf(z.enum(PAYERS, { error: key("validation.choice") })).transform((v) => [...new Set(v)]),
  })
  .refine(toAfterFrom, toError)
  .openapi("ContributionDiscountInput");

export type RateInput = z.infer<typeof RateInputSchema>;
export type BandInput = z.infer<typeof BandInputSchema>;
export type DiscountInput = z.infer<typeof DiscountInputSchema>;

export const RATE_API_COLUMNS = ["id", "programme", "kind", "amount", "validFrom", "validTo", "source"] as const;
export const BAND_API_COLUMNS = ["id", "base", "incomeFrom", "incomeTo", "validFrom", "validTo", "source"] as const;
export const DISCOUNT_API_COLUMNS = ["id", "name", "source", "validFrom", "validTo", "sector", "jkkPercent", "jkmPercent", "jhtPercent", "excludedPayers"] as const;

export const RateSchema = rowSchema(contributionRates, RATE_API_COLUMNS).openapi("ContributionRate");
export const BandSchema = rowSchema(incomeBands, BAND_API_COLUMNS).openapi("IncomeBand");
export const DiscountSchema = rowSchema(contributionDiscounts, DISCOUNT_API_COLUMNS, { excludedPayers: z.array(z.enum(PAYERS)) }).openapi("ContributionDiscount");

export const RateTablesSchema = z
  .object({ rates: z.array(RateSchema), bands: z.array(BandSchema), discounts: z.array(DiscountSchema) })
  .openapi("ContributionTables");

const Money = z.object({ full: z.int(), due: z.int() });
export const BreakdownSchema = z
  .object({
    day: z.string(),
    payer: z.enum(PAYERS),
    base: z.int(),
    jkk: Money.extend({ percent_off: z.int() }),
    jkm: Money.extend({ percent_off: z.int() }),
    jht: Money.extend({ percent_off: z.int() }),
    jkk_jkm: Money,
    with_jht: Money,
    discount: z.object({ name: z.string(), source: z.string(), valid_from: z.string(), valid_to: z.string() }).nullable(),
  })
  .openapi("ContributionBreakdown");

export const CalculateQuery = z.object({
  base: wholeNumber(1, 1_000_000_000).optional().openapi({ description: "an income band's base; the lowest band when left out" }),
  on: day.optional().openapi({ description: "the calendar day (the event's zone); today when left out" }),
  payer: z.enum(PAYERS, { error: key("validation.choice") }).default("self"),
});
