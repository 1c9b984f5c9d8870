/** The rates admin refuses tables that contradict themselves: overlapping periods of one key, overlapping income ranges, a base below the BPU minimum. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { rangesOverlap } from "../../src/lib/contributions";
import { call, count } from "../helpers";

const post = (table: string, json: Record<string, unknown>, lang = "id") => call(`/api/v1/contributions/${table}`, { json, headers: { "accept-language": lang } });
const errors = async (res: Response) => {
  expect(res.status).toBe(422);
  return (await res.json<{ errors: Record<string, string> }>()).errors;
};
const idOf = (sql: string) => env.DB.prepare(sql).first<number>("id");

describe("rangesOverlap", () => {
  it("treats both ends as included and a missing end as open", () => {
    expect(rangesOverlap({ from: "2026-01-01", to: "2026-06-30" }, { from: "2026-06-30", to: null })).toBe(true);
    expect(rangesOverlap({ from: "2026-01-01", to: "2026-06-30" }, { from: "2026-07-01", to: null })).toBe(false);
    expect(rangesOverlap({ from: 0, to: null }, { from: 1_100_000, to: 1_299_999 })).toBe(true);
  });
});

describe("income bands", () => {
  it("refuses a band over every income (Rp 0 upward) while the others are in force", async () => {
    const before = await count("income_bands");
    // the same base as the lowest band: its period is taken
    expect((await errors(await post("bands", { base: 1000000, income_from: 0, valid_from: "2027-01-01" }))).valid_from).toMatch(/^Masa berlaku bertumpang tindih/);
    // another base: its range covers every other band's
    expect((await errors(await post("bands", { base: 3000000, income_from: 0, valid_from: "2027-01-01" }))).income_from).toMatch(/^Rentang penghasilan bertumpang tindih/);
    expect(await count("income_bands")).toBe(before);
  });

  it("refuses a base below the legal minimum for BPU (Rp 1,000,000), in both languages", async () => {
    expect((await errors(await post("bands", { base: 500000, income_from: 0, income_to: 999999, valid_from: "2027-01-01" }))).base).toBe(
      "Dasar penghasilan paling rendah untuk peserta BPU adalah Rp 1.000.000.",
    );
    expect((await errors(await post("bands", { base: 500000, income_from: 0, income_to: 999999, valid_from: "2027-01-01" }, "en"))).base).toBe(
      "The lowest declared income base for BPU workers is Rp 1,000,000.",
    );
  });

  it("refuses an income range overlapping another band in force, and takes one beside them", async () => {
    const lowest = await idOf("select id from income_bands where base = 1000000");
    expect((await errors(await post("bands", { base: 1100000, income_from: 1050000, income_to: 1150000, valid_from: "2027-01-01" }))).income_from).toBe(
      `Rentang penghasilan bertumpang tindih dengan golongan #${lowest} yang berlaku pada waktu yang sama.`,
    );
    expect((await post("bands", { base: 5000000, income_from: 4900000, income_to: 5099999, valid_from: "2027-01-01" })).status).toBe(201);
  });
});

describe("periods of one key", () => {
  it("refuses a second JKM rate for a period the first covers, and takes it once the first is closed (PUT)", async () => {
    const jkm = (await env.DB.prepare("select * from contribution_rates where programme = 'jkm' and valid_to is null").first<Record<string, string | number>>())!;
    const next = { programme: "jkm", kind: "flat", amount: 7000, valid_from: "2028-01-01", source: "a new regulation" };
    expect((await errors(await post("rates", next))).valid_from).toContain(`#${jkm.id}`);
    expect((await errors(await post("rates", next, "en"))).valid_from).toMatch(/^The validity overlaps row #\d+ of the same kind/);
    const close = await call(`/api/v1/contributions/rates/${jkm.id}`, { method: "PUT", json: { programme: "jkm", kind: "flat", amount: jkm.amount, valid_from: jkm.valid_from, valid_to: "2027-12-31", source: jkm.source } });
    expect(close.status).toBe(204);
    expect((await post("rates", next)).status).toBe(201);
    // the same row replaced with its own values is no clash with itself
    expect((await call(`/api/v1/contributions/rates/${jkm.id}`, { method: "PUT", json: { programme: "jkm", kind: "flat", amount: jkm.amount, valid_from: jkm.valid_from, valid_to: "2027-12-31", source: jkm.source } })).status).toBe(204);
    // reopening the first would now overlap the second
    expect((await call(`/api/v1/contributions/rates/${jkm.id}`, { method: "PUT", json: { programme: "jkm", kind: "flat", amount: jkm.amount, valid_from: jkm.valid_from, valid_to: null, source: jkm.source } })).status).toBe(422);
  });

  it("refuses a second band with the same base in an overlapping period", async () => {
    expect((await errors(await post("bands", { base: 1200000, income_from: 1100000, income_to: 1299999, valid_from: "2027-01-01" }))).valid_from).toMatch(/^Masa berlaku bertumpang tindih/);
  });

  it("refuses a discount for a sector while another for it (or for all) is in force", async () => {
    const d = { name: "Diskon baru", valid_from: "2026-06-01", valid_to: "2026-08-31", sector: "non_transport", jkk_percent: 50, jkm_percent: 50, jht_percent: 0 };
    expect((await errors(await post("discounts", d))).valid_from).toMatch(/^Masa berlaku bertumpang tindih/);
    expect((await errors(await post("discounts", { ...d, sector: "all" }))).valid_from).toMatch(/^Masa berlaku bertumpang tindih/);
    expect((await post("discounts", { ...d, valid_from: "2027-06-01", valid_to: "2027-08-31" })).status).toBe(201);
  });
});
