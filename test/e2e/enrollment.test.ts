/**
 * From lead to insured worker in Chromium: the ticket page's contribution figures inside the PP 50/2025 discount and
 * after it (no JavaScript needed), then a staff member gives the lead a place in the city's programme, records the
 * enrollment with a KPJ, and downloads the programme file.
 */
import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { api, launch, openEvent, phone, screenshot, staffLogin } from "./browser";

let browser: Browser;
let token: string;
let code: string;
let programme: { id: number };

const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Makassar" }).format(new Date());
const shift = (days: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Makassar" }).format(new Date(Date.now() + days * 86_400_000));

beforeAll(async () => {
  browser = await launch();
  await openEvent("ekspo", "Ekspo Kreatif Kupang", [["bpjs", "BPJS Ketenagakerjaan"]], { contribution_calculator: true });
  programme = await api<{ id: number }>("/events/ekspo/programmes", {
    json: { name: "Perlindungan Pekerja Kreatif", sponsor: "Pemerintah Kota Kupang", funder: "apbd", months: 3, quota: 500, target: 500, starts_on: shift(-30), ends_on: shift(365) },
  });
  token = (await api<{ token: string }>("/staff", { json: { name: "Yuliana Kepesertaan", role: "enrollment", events: ["ekspo"] } })).token;
  const body = new URLSearchParams({ name: "Maria Goreti Bili", phone: "0812-7777-0001", regency: "53.71", occupation: "kriya", bpjs_status: "none", birth_date: "1990-01-05", nik: "5371014501900001", consent: "yes", contact_ok: "yes" });
  const res = await fetch(`${inject("baseUrl")}/e/ekspo/bpjs`, { method: "POST", body, redirect: "manual", headers: { origin: inject("baseUrl"), "content-type": "application/x-www-form-urlencoded" } });
  expect(res.status).toBe(303);
  code = res.headers.get("location")!.replace("/t/", "");
});

afterAll(async () => {
  await browser?.close();
});

describe("contribution literacy on the ticket page", () => {
  it("shows Rp 8.400 inside the discount and Rp 16.800 after it, and answers a band chosen without JavaScript", async () => {
    const context = await phone(browser);
    await context.route("**/*.js", (route) => route.abort());
    const page = await context.newPage();
    const basic = () => page.locator("table.contrib tr", { hasText: "JKK + JKM" }).locator("td");
    await page.goto(`/t/${code}?on=2026-12-31`);
    expect(await page.getByRole("heading", { name: "Berapa iuran BPJS Ketenagakerjaan saya?" }).isVisible()).toBe(true);
    expect(await basic().innerText()).toBe("Rp 16.800 Rp 8.400");
    expect(await basic().locator("s").innerText()).toBe("Rp 16.800");
    expect(await page.locator("table.contrib tr", { hasText: "JHT" }).locator("strong").innerText()).toBe("Rp 28.400");
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
    await screenshot(page, "ticket-contributions");

    await page.goto(`/t/${code}?on=2027-01-01`);
    expect(await basic().innerText()).toBe("Rp 16.800");
    expect(await basic().locator("s").count()).toBe(0);
    expect(await page.getByText("Iuran penuh, tanpa potongan").isVisible()).toBe(true);

    // a plain GET form: pick the next band, press the button
    await page.getByLabel("Penghasilan per bulan").selectOption("1200000");
    await page.getByRole("button", { name: "Hitung" }).click();
    await page.waitForURL(/band=1200000/);
    expect(new URL(page.url()).searchParams.get("on")).toBe("2027-01-01");
    expect(await basic().innerText()).toBe("Rp 18.800");
    await context.close();
  });

  it("fits a 320 px screen", async () => {
    const context = await browser.newContext({ baseURL: inject("baseUrl"), viewport: { width: 320, height: 640 }, locale: "id-ID" });
    const page = await context.newPage();
    await page.goto(`/t/${code}?on=2026-12-31`);
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(320);
    await context.close();
  });
});

describe("the enrollment desk: a place, a KPJ, the programme file", () => {
  it("gives the lead a place, marks them enrolled with a KPJ, and downloads the programme file", async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await staffLogin(page, token, "/staff/leads");
    await page.locator("article.lead", { hasText: "Maria Goreti Bili" }).getByRole("link", { name: "Rincian & riwayat" }).click();
    await page.waitForURL(/\/staff\/leads\/\d+$/);

    await page.getByLabel("Beri tempat di program").selectOption(String(programme.id));
    await page.getByRole("button", { name: "Beri tempat", exact: true }).click();
    await page.waitForURL(/done=allocated/);
    expect(await page.getByText("Tempat diberikan.").isVisible()).toBe(true);
    expect(await page.getByText("Mendapat tempat di Perlindungan Pekerja Kreatif").isVisible()).toBe(true);

    await page.getByLabel("Nomor KPJ (kartu peserta)").fill("2601 2345 678");
    await page.getByLabel("JKK + JKM + JHT").check();
    await page.getByLabel("Tanggal terdaftar").fill(today());
    await page.getByRole("button", { name: "Tandai terdaftar BPJS" }).click();
    await page.waitForURL(/done=enrolled/);
    expect(await page.getByText("Tercatat terdaftar BPJS.").isVisible()).toBe(true);
    expect(await page.getByText("*******5678").isVisible()).toBe(true);
    expect(await page.locator("article.lead .badge").first().innerText()).toBe("Terdaftar BPJS");
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
    await screenshot(page, "desk-enrolled");

    await page.getByRole("link", { name: "← Kembali ke daftar" }).click();
    const row = page.locator(`tr[data-programme="${programme.id}"]`);
    expect(await row.locator("td.n").allInnerTexts()).toEqual(["500", "1", "1", "499"]);
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
    const [xlsx] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: "XLSX" }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(new RegExp(`^programme-${programme.id}-\\d{8}-\\d{4}\\.xlsx$`));
    const bytes = await readFile((await xlsx.path())!);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const [csv] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: "CSV" }).click()]);
    const text = (await readFile((await csv.path())!)).toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, newline: "\r\n", skipEmptyLines: true });
    expect(parsed.data).toHaveLength(1);
    expect(parsed.data[0]).toMatchObject({ nik: "5371014501900001", name: "Maria Goreti Bili", birth_date: "1990-01-05", kpj: "26012345678", status: "enrolled", programmes: "JKK+JKM", months_sponsored: "3", sponsor: "Pemerintah Kota Kupang", sponsor_cost: String(3 * 16_800) });
    await context.close();
  });
});
