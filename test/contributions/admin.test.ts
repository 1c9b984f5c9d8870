/** An admin updates the rates when a regulation changes: the page and the API, validated, audited, in force at once. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, codeFrom, count, makeEvent, makeStaff, postForm, staffGet, staffPost, staffSession, validSignup } from "../helpers";

let admin: string;
let code: string;
const jkm = () => env.DB.prepare("select id from contribution_rates where programme = 'jkm' and valid_from = '2015-07-01'").first<number>("id");
const dueOn = async (day: string) => {
  const html = await (await call(`/t/${code}?on=${day}`, { token: null })).text();
  return Number(/data-due="(\d+)"/.exec(html)?.[1]);
};

beforeAll(async () => {
  admin = await staffSession();
  await makeEvent("rates-ev", { contribution_calculator: true });
  code = codeFrom(await postForm("/e/rates-ev", validSignup({ phone: "081390001001" })));
});

describe("/staff/rates", () => {
  it("lists the seeded rows as forms, for admins only", async () => {
    const res = await staffGet("/staff/rates", admin);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`id="rates-${await jkm()}-amount" name="amount" type="number" value="6800"`);
    expect(html).toContain('value="PP 50/2025: BPU di luar sektor transportasi"');
    const organiser = await staffSession((await makeStaff("organiser", "all")).token);
    expect((await staffGet("/staff/rates", organiser)).status).toBe(403);
    expect((await staffPost(`/staff/rates/rates/${await jkm()}`, organiser, { programme: "jkm", kind: "flat", amount: "1" })).status).toBe(403);
  });

  it("closes an old rate and adds the new one: the ticket page shows it from its first day, and each change is audited", async () => {
    const id = (await jkm())!;
    expect(await dueOn("2027-07-01")).toBe(16_800);
    const close = await staffPost(`/staff/rates/rates/${id}`, admin, { programme: "jkm", kind: "flat", amount: "6800", valid_from: "2015-07-01", valid_to: "2027-06-30", source: "PP 44/2015" });
    expect(close.status).toBe(303);
    const add = await staffPost("/staff/rates/rates", admin, { programme: "jkm", kind: "flat", amount: "7000", valid_from: "2027-07-01", valid_to: "", source: "a new regulation" });
    expect(add.status).toBe(303);
    expect(await dueOn("2027-06-30")).toBe(16_800);
    expect(await dueOn("2027-07-01")).toBe(17_000);
    expect(await count("audit_log", "action = 'rates.update' and subject = ?", `contributions:rates:${id}`)).toBe(1);
    expect(await count("audit_log", "action = 'rates.create'")).toBe(1);
  });

  it("shows the row again with the answers kept and the message beside the field, and changes nothing", async () => {
    const id = (await jkm())!;
    const res = await staffPost(`/staff/rates/rates/${id}`, admin, { programme: "jkm", kind: "flat", amount: "-5", valid_from: "2015-07-01", valid_to: "2014-01-01", source: "x" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`id="rates-${id}-amount" name="amount" type="number" value="-5"`);
    expect(html).toContain(`id="rates-${id}-valid_to-err"`);
    expect(await env.DB.prepare("select amount, valid_to from contribution_rates where id = ?").bind(id).first()).toEqual({ amount: 6800, valid_to: "2027-06-30" });
  });

  it("removes a row (audited); a discount removed is a discount no longer given", async () => {
    const discount = (await env.DB.prepare("select id from contribution_discounts where sector = 'non_transport'").first<number>("id"))!;
    expect(await dueOn("2026-06-01")).toBe(8_400);
    expect((await staffPost(`/staff/rates/discounts/${discount}/delete`, admin, {})).status).toBe(303);
    expect(await dueOn("2026-06-01")).toBe(16_800);
    expect(await count("audit_log", "action = 'rates.delete' and subject = ?", `contributions:discounts:${discount}`)).toBe(1);
    expect((await staffPost(`/staff/rates/discounts/${discount}/delete`, admin, {})).status).toBe(404);
    expect(await count("audit_log", "action = 'rates.delete' and subject = ?", `contributions:discounts:${discount}`)).toBe(1);
  });
});

describe("/api/v1/contributions", () => {
  it("reads the tables and a month's figures for any staff; changes are for admins", async () => {
    const door = (await makeStaff("checkin", "all")).token;
    const tables = await (await call("/api/v1/contributions", { token: door })).json<{ bands: { base: number }[] }>();
    expect(tables.bands.map((b) => b.base).slice(0, 2)).toEqual([1000000, 1200000]);
    const b = await (await call("/api/v1/contributions/breakdown?base=1000000&on=2027-02-01&payer=apbd", { token: door })).json();
    expect(b).toMatchObject({ day: "2027-02-01", payer: "apbd", base: 1000000, jkk_jkm: { full: 16800, due: 16800 }, with_jht: { full: 36800, due: 36800 }, discount: null });
    expect((await call("/api/v1/contributions/bands", { token: door, json: { base: 3000000, income_from: 2900000, valid_from: "2027-01-01" } })).status).toBe(403);
    const added = await call("/api/v1/contributions/bands", { json: { base: 3000000, income_from: 2900000, income_to: 3099999, valid_from: "2027-01-01" } });
    expect(added.status).toBe(201);
    const bad = await call("/api/v1/contributions/discounts", { json: { name: "x", valid_from: "2027-01-01", valid_to: "2026-01-01", sector: "all", jkk_percent: 150, jkm_percent: 0, jht_percent: 0 } });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json<{ errors: Record<string, string> }>()).errors).sort()).toEqual(["jkk_percent", "valid_to"]);
  });
});
