/**
 * The contribution tables as the migration seeds them, read from the real D1: the known figures of PP 44/2015,
 * PP 46/2015 and PP 50/2025, and the discount's boundaries on both sides, as calendar days in the event's zone.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { calculationDay } from "../../src/base/contributions/day";
import { rateTables } from "../../src/base/contributions/rates.service";
import { createDb } from "../../src/db/client";
import { costOverMonths, monthlyContribution, type RateTables } from "../../src/lib/contributions";
import { call, codeFrom, makeEvent, postForm, validSignup } from "../helpers";

let tables: RateTables;
beforeAll(async () => {
  tables = await rateTables(createDb(env.DB));
});

const self = (day: string, base = 1_000_000) => monthlyContribution(tables, { day, base, payer: "self" })!;
const WITA = "Asia/Makassar";
const dayAt = (iso: string, tz = WITA) => calculationDay({}, undefined, tz, new Date(iso));

describe("the seeded rates", () => {
  it("pin the known figures: Rp 16,800 → Rp 8,400 (JKK + JKM, lowest band) and Rp 36,800 → Rp 28,400 with JHT", () => {
    const may = self("2026-05-15");
    expect(may.basic).toEqual({ full: 16_800, due: 8_400 });
    expect(may.withJht).toEqual({ full: 36_800, due: 28_400 });
    expect([may.jkk, may.jkm, may.jht]).toEqual([
      { full: 10_000, due: 5_000, percentOff: 50 },
      { full: 6_800, due: 3_400, percentOff: 50 },
      { full: 20_000, due: 20_000, percentOff: 0 },
    ]);
    // the band BPJS names in its own article: Rp 1,100,000-1,299,999 pays JKK Rp 12,000, Rp 6,000 in the discount
    expect(self("2026-05-15", 1_200_000).jkk).toEqual({ full: 12_000, due: 6_000, percentOff: 50 });
    expect(self("2027-02-01").basic).toEqual({ full: 16_800, due: 16_800 });
  });

  it("do not discount where a government budget pays (APBD, APBN), and do where the worker or a company pays", () => {
    const on = (payer: "self" | "apbd" | "apbn" | "csr") => monthlyContribution(tables, { day: "2026-06-01", base: 1_000_000, payer })!.basic.due;
    expect([on("apbd"), on("apbn"), on("self"), on("csr")]).toEqual([16_800, 16_800, 8_400, 8_400]);
  });

  it("start the discount on 1 April 2026 and end it after 31 December 2026, as days in the event's zone", () => {
    const due = (iso: string, tz = WITA) => self(dayAt(iso, tz)).basic.due;
    // 1 April 00:00 WITA is still 31 March in UTC: the zone decides
    expect(dayAt("2026-03-31T23:59:59+08:00")).toBe("2026-03-31");
    expect(due("2026-03-31T23:59:59+08:00")).toBe(16_800);
    expect(dayAt("2026-04-01T00:00:00+08:00")).toBe("2026-04-01");
    expect(due("2026-04-01T00:00:00+08:00")).toBe(8_400);
    expect(due("2026-12-31T23:59:59+08:00")).toBe(8_400);
    expect(dayAt("2027-01-01T00:00:00+08:00")).toBe("2027-01-01");
    expect(due("2027-01-01T00:00:00+08:00")).toBe(16_800);
    // the same instants an hour west (WIB) are still the day before
    expect(due("2026-04-01T00:30:00+08:00", "Asia/Jakarta")).toBe(16_800);
    expect(due("2027-01-01T00:30:00+08:00", "Asia/Jakarta")).toBe(8_400);
  });

  it("cost a sponsor month by month: the discount ends with December", () => {
    const csr = costOverMonths(tables, { firstDay: "2026-11-20", months: 3, base: 1_000_000, coverage: "jkk_jkm", payer: "csr" })!;
    expect(csr.perMonth).toEqual([
      { month: "2026-11", due: 8_400 },
      { month: "2026-12", due: 8_400 },
      { month: "2027-01", due: 16_800 },
    ]);
    expect(costOverMonths(tables, { firstDay: "2026-11-20", months: 3, base: 1_000_000, coverage: "jkk_jkm", payer: "apbd" })!.total).toBe(3 * 16_800);
  });

  it("give no figure for a day the tables do not cover (fail closed)", () => {
    expect(monthlyContribution(tables, { day: "2010-01-01", base: 1_000_000, payer: "self" })).toBeNull();
  });

  it("honour a chosen day only where the deployment allows it", () => {
    const now = new Date("2026-12-05T01:00:00Z");
    expect(calculationDay({ DATE_OVERRIDE: "allow" }, "2027-01-01", WITA, now)).toBe("2027-01-01");
    expect(calculationDay({}, "2027-01-01", WITA, now)).toBe("2026-12-05");
    expect(calculationDay({ DATE_OVERRIDE: "yes" }, "2027-01-01", WITA, now)).toBe("2026-12-05");
    expect(calculationDay({ DATE_OVERRIDE: "allow" }, "2027-02-30", WITA, now)).toBe("2026-12-05");
  });
});

describe("the ticket page calculator", () => {
  let code: string;
  let plain: string;
  beforeAll(async () => {
    await makeEvent("calc-on", { contribution_calculator: true });
    await makeEvent("calc-off");
    code = codeFrom(await postForm("/e/calc-on", validSignup({ phone: "081390000001" })));
    plain = codeFrom(await postForm("/e/calc-off", validSignup({ phone: "081390000002" })));
  });
  const page = async (path: string) => {
    const res = await call(path, { token: null });
    expect(res.status).toBe(200);
    return res.text();
  };
  const due = (html: string) => [...html.matchAll(/data-due="(\d+)" data-full="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);

  it("shows the discounted figures on a day inside the discount and the full ones after it", async () => {
    expect(due(await page(`/t/${code}?on=2026-12-31`))).toEqual([[8_400, 16_800], [28_400, 36_800]]);
    expect(due(await page(`/t/${code}?on=2027-01-01`))).toEqual([[16_800, 16_800], [36_800, 36_800]]);
  });

  it("answers the band the person picks with a plain GET form, lowest band first", async () => {
    const first = await page(`/t/${code}?on=2026-06-01`);
    expect(first).toMatch(/<form method="get" action="\/t\/[a-z0-9]+#iuran" class="band">/);
    expect(first).toContain('<option value="1000000" selected="">');
    expect(due(await page(`/t/${code}?on=2026-06-01&band=1200000`))).toEqual([[9_400, 18_800], [33_400, 42_800]]);
    // a band that does not exist falls back to the lowest
    expect(due(await page(`/t/${code}?on=2026-06-01&band=999`))[0]).toEqual([8_400, 16_800]);
  });

  it("is absent where the event does not switch it on", async () => {
    expect(await page(`/t/${plain}`)).not.toContain('id="iuran"');
  });
});
